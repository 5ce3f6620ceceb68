/* test-client-errors.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* MfmClient against the real simulator over loopback HTTP. Failures: the server's own, timeouts and cancellation, malformed and huge answers. */

#define G_LOG_DOMAIN "mfm-test-client"

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfm-call-text.h"
#include "mfm-client.h"
#include "mfm-client-private.h"
#include "mfm-simulator.h"
#include "mfm-wire.h"

#include "client-fixture.h"

/* HTTP 500 with Micetro's error object: a failure on the server's side, not a refusal; a read
 * is sent once more, a write never. */
static void
test_server_failure (void)
{
  Peer *peer = peer_new (PEER_FIXED_BODY);
  g_autoptr(MfmClient) client = mfm_client_new (peer->url);
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(GError) refused = mfm_error_new_api (MFM_ERROR_SERVER, 19, "No");
  g_autoptr(GError) error = NULL;

  peer->status = 500;
  peer->content_type = "application/json";
  peer->body = "{\"error\":{\"code\":9001,\"message\":\"The database is not available.\"}}";
  peer->body_length = strlen (peer->body);

  error = peer_call_error (peer, 0, NULL);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER_FAILURE);
  g_assert_cmpint (mfm_error_get_api_code (error), ==, 9001);
  g_assert_false (mfm_error_is_refusal (error));
  g_assert_true (mfm_error_is_transient (error));
  g_assert_cmpstr (mfm_error_get_sentence (error), !=, mfm_error_get_sentence (refused));
  g_assert_nonnull (strstr (mfm_error_get_sentence (error), "server’s side"));
  /* The read was sent twice. */
  g_assert_cmpuint (peer->n_calls, ==, 2);
  g_clear_error (&error);

  /* A write that failed this way is not sent again: the first may have been carried out. */
  mfm_relationship_set_name (relationship, "once-only");
  mfm_relationship_set_primary_server (relationship, "isc-a.lab.example.");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
  mfm_relationship_set_secondary_server (relationship, "isc-b.lab.example.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
  write_async (client, mfm_change_new_add (relationship), NULL);
  g_assert_false (write_ok (client, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER_FAILURE);
  g_assert_cmpuint (peer->n_calls, ==, 3);
  g_clear_error (&error);

  /* JSON-RPC's own internal error, even with HTTP 200, is the same kind of failure. */
  peer->status = 200;
  peer->body = "{\"error\":{\"code\":-32603,\"message\":\"Internal error.\"}}";
  peer->body_length = strlen (peer->body);
  error = peer_call_error (peer, 0, NULL);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER_FAILURE);
  g_clear_error (&error);

  /* A refusal is not repeated. */
  peer->body = "{\"error\":{\"code\":19,\"message\":\"No.\"}}";
  peer->body_length = strlen (peer->body);
  peer->n_calls = 0;
  error = peer_call_error (peer, 0, NULL);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);
  g_assert_cmpuint (peer->n_calls, ==, 1);

  peer_free (peer);
}

static void
test_timeout (void)
{
  Env env = { 0 };
  MfmSimulator *sim = mfm_simulator_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;
  double elapsed;

  mfm_simulator_load_demo (sim);
  g_object_set (sim, "latency-ms", 2500, NULL);
  env_start (&env, sim);
  mfm_client_set_timeout (env.client, 1);

  start = g_get_monotonic_time ();
  mfm_client_login_async (env.client, "admin", "admin", NULL, got_result, NULL);
  result = wait_for_result ();
  elapsed = (g_get_monotonic_time () - start) / 1e6;
  g_assert_false (mfm_client_login_finish (env.client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_TIMEOUT);
  g_assert_cmpfloat (elapsed, >=, 0.9);
  g_assert_cmpfloat (elapsed, <, 2.4);

  env_clear (&env);
}

static void
test_timeout_hung_peer (void)
{
  Peer *peer = peer_new (PEER_HANG);
  gint64 elapsed_us;
  g_autoptr(GError) error = peer_call_error (peer, 1, &elapsed_us);

  g_assert_error (error, MFM_ERROR, MFM_ERROR_TIMEOUT);
  g_assert_cmpint (elapsed_us, >=, 900000);
  g_assert_cmpint (elapsed_us, <, 5000000);
  g_assert_cmpuint (peer->n_calls, ==, 1);
  peer_free (peer);
}

static void
test_cancel (void)
{
  Env env = { 0 };
  MfmSimulator *sim = mfm_simulator_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  gint64 start;

  mfm_simulator_load_demo (sim);
  env_start (&env, sim);
  login (env.client, "admin", "admin");
  /* Slow from now on (the property is read per request). */
  g_object_set (sim, "latency-ms", 3000, NULL);

  start = g_get_monotonic_time ();
  mfm_client_get_servers_async (env.client, NULL, cancellable, got_result, NULL);
  g_timeout_add (100, cancel_soon, cancellable);
  result = wait_for_result ();
  servers = mfm_client_get_servers_finish (env.client, result, &error);
  g_assert_null (servers);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1000000);

  env_clear (&env);
}

static void
test_cancel_before_start (void)
{
  Env env = { 0 };
  MfmSimulator *sim = mfm_simulator_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfm_simulator_load_demo (sim);
  env_start (&env, sim);
  g_cancellable_cancel (cancellable);
  mfm_client_login_async (env.client, "admin", "admin", cancellable, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_login_finish (env.client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (mfm_client_get_logged_in (env.client));

  /* The cancelled call leaves nothing behind: the next one goes through. */
  login (env.client, "admin", "admin");
  g_assert_cmpuint (mfm_client_get_n_in_flight (env.client), ==, 0);

  env_clear (&env);
}

typedef struct
{
  GWeakRef client;
  guint    n_calls;
  gboolean client_alive_in_callback;
  GError  *error;
} LateCall;

static void
late_call_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  LateCall *late = user_data;
  g_autoptr(GObject) client = g_weak_ref_get (&late->client);
  g_autoptr(GPtrArray) servers = NULL;

  late->n_calls++;
  late->client_alive_in_callback = client != NULL && (gpointer) client == (gpointer) source;
  servers = mfm_client_get_servers_finish (MFM_CLIENT (source), result, &late->error);
}

static void
test_unref_mid_request (void)
{
  MfmSimulator *sim = mfm_simulator_new ();
  Env env = { 0 };
  LateCall late = { 0 };
  MfmClient *client;
  gint64 start;

  mfm_simulator_load_demo (sim);
  env_start (&env, sim);
  login (env.client, "admin", "admin");
  g_object_set (sim, "latency-ms", 500, NULL);

  /* Dropping the last reference of the caller: the request keeps the client alive until its
   * callback, which never sees a freed client. */
  client = g_steal_pointer (&env.client);
  g_weak_ref_init (&late.client, client);
  mfm_client_get_servers_async (client, NULL, NULL, late_call_done, &late);
  g_object_unref (client);
  start = g_get_monotonic_time ();
  while (late.n_calls == 0 && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (late.n_calls, ==, 1);
  g_assert_true (late.client_alive_in_callback);
  spin (300);
  g_assert_cmpuint (late.n_calls, ==, 1);
  g_assert_null (g_weak_ref_get (&late.client));
  g_clear_error (&late.error);
  g_weak_ref_clear (&late.client);

  /* Disposing it mid-request cancels at once: the callback gets CANCELLED. */
  g_object_set (sim, "latency-ms", 3000, NULL);
  client = mfm_client_new (mfm_simulator_get_url (sim));
  login (client, "admin", "admin");
  late.n_calls = 0;
  g_weak_ref_init (&late.client, client);
  mfm_client_get_servers_async (client, NULL, NULL, late_call_done, &late);
  spin (100);
  start = g_get_monotonic_time ();
  g_object_run_dispose (G_OBJECT (client));
  g_object_unref (client);
  while (late.n_calls == 0 && g_get_monotonic_time () - start < 10 * G_USEC_PER_SEC)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (late.n_calls, ==, 1);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1000000);
  g_assert_error (late.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  spin (200);
  g_assert_cmpuint (late.n_calls, ==, 1);
  g_assert_null (g_weak_ref_get (&late.client));
  g_clear_error (&late.error);
  g_weak_ref_clear (&late.client);

  env_clear (&env);
}

/* What a plain HTTP server says to a TLS hello. */
static gboolean
answer_in_plain_text (GSocketService    *service,
                      GSocketConnection *connection,
                      GObject           *source,
                      gpointer           user_data)
{
  static const char answer[] = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                               "Connection: close\r\n\r\n";
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, answer, strlen (answer), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  return TRUE;
}

static void
test_server_errors (void)
{
  Env env = { 0 };
  MfmSimulator *sim = mfm_simulator_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  Peer *peer;

  /* The simulator's faults alternate an HTTP 500 with a JSON error and a dropped connection. */
  mfm_simulator_load_demo (sim);
  g_object_set (sim, "fail-rate", 1.0, NULL);
  env_start (&env, sim);

  mfm_client_login_async (env.client, "admin", "admin", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_login_finish (env.client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER_FAILURE);
  g_assert_nonnull (strstr (error->message, "Internal server error"));
  g_clear_error (&error);
  g_clear_object (&result);

  mfm_client_login_async (env.client, "admin", "admin", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_login_finish (env.client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_NETWORK);
  g_clear_error (&error);
  env_clear (&env);

  /* An HTML error page from a proxy. */
  peer = peer_new (PEER_FIXED_BODY);
  peer->status = 503;
  peer->content_type = "text/html";
  peer->body = "<html><body><h1>Service Unavailable</h1></body></html>";
  peer->body_length = strlen (peer->body);
  error = peer_call_error (peer, 0, NULL);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "503"));
  /* Micetro said nothing, so nothing was refused: the sentence says what did happen. */
  g_assert_false (mfm_error_is_refusal (error));
  g_assert_nonnull (strstr (mfm_error_get_sentence (error), "Check the address"));
  g_clear_error (&error);

  /* Saving through that proxy marks the change with the sentence, not the status line. */
  {
    g_autoptr(MfmClient) client = mfm_client_new (peer->url);
    g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
    g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
    g_autoptr(MfmChange) add = NULL;

    mfm_relationship_set_name (relationship, "behind-proxy");
    mfm_relationship_set_primary_server (relationship, "isc-a.lab.example.");
    mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
    mfm_relationship_set_secondary_server (relationship, "isc-b.lab.example.");
    mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
    add = mfm_change_new_add (relationship);
    mfm_change_set_add (changes, add);

    mfm_client_apply_changes_async (client, changes, NULL, NULL, got_result, NULL);
    g_clear_object (&result);
    result = wait_for_result ();
    g_assert_false (mfm_client_apply_changes_finish (client, result, &error));
    g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);
    /* The request went through the proxy, and no word from Micetro came back. */
    g_assert_cmpint (mfm_change_get_status (add), ==, MFM_CHANGE_STATUS_UNKNOWN);
    g_assert_cmpstr (mfm_change_get_error_message (add), ==, mfm_error_get_sentence (error));
    g_assert_null (strstr (mfm_change_get_error_message (add), "503"));
    g_clear_error (&error);
  }

  /* A 500 with Micetro's error object keeps its code and message, and is a failure on the
   * server's side rather than a refusal. */
  peer->status = 500;
  peer->content_type = "application/json";
  peer->body = "{\"error\":{\"code\":9001,\"message\":\"The database is not available.\"}}";
  peer->body_length = strlen (peer->body);
  error = peer_call_error (peer, 0, NULL);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER_FAILURE);
  g_assert_cmpint (mfm_error_get_api_code (error), ==, 9001);
  g_assert_false (mfm_error_is_refusal (error));
  g_assert_nonnull (strstr (error->message, "The database is not available."));
  g_clear_error (&error);
  peer_free (peer);

  /* https:// typed for a plain HTTP service is not a certificate problem. */
  {
    g_autoptr(GSocketService) plain = g_socket_service_new ();
    guint16 port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (plain), NULL, NULL);
    g_autoptr(MfmClient) client = NULL;
    g_autofree char *url = NULL;

    g_signal_connect (plain, "incoming", G_CALLBACK (answer_in_plain_text), NULL);
    g_socket_service_start (plain);
    url = g_strdup_printf ("https://127.0.0.1:%u", port);
    client = mfm_client_new (url);
    mfm_client_set_timeout (client, 5);
    g_clear_object (&result);
    mfm_client_login_async (client, "admin", "admin", NULL, got_result, NULL);
    result = wait_for_result ();
    g_assert_false (mfm_client_login_finish (client, result, &error));
    g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
    g_assert_null (mfm_client_get_rejected_certificate (client));
    g_clear_error (&error);
    g_socket_service_stop (plain);
  }

  /* Nothing listening. */
  {
    g_autoptr(GSocketListener) listener = g_socket_listener_new ();
    guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, NULL);
    g_autofree char *url = NULL;
    g_autoptr(MfmClient) nowhere = NULL;

    g_socket_listener_close (listener);
    url = g_strdup_printf ("http://127.0.0.1:%u", port);
    nowhere = mfm_client_new (url);
    g_clear_object (&result);
    mfm_client_login_async (nowhere, "admin", "admin", NULL, got_result, NULL);
    result = wait_for_result ();
    g_assert_false (mfm_client_login_finish (nowhere, result, &error));
    g_assert_error (error, MFM_ERROR, MFM_ERROR_NETWORK);
  }
}

static void
test_malformed_simulator (void)
{
  Env env = { 0 };
  MfmSimulator *sim = mfm_simulator_new ();

  /* Truncated JSON, wrong member types and an HTML page, in turn. */
  mfm_simulator_load_demo (sim);
  g_object_set (sim, "malformed-rate", 1.0, NULL);
  env_start (&env, sim);

  for (guint i = 0; i < 6; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      mfm_client_login_async (env.client, "admin", "admin", NULL, got_result, NULL);
      result = wait_for_result ();
      g_assert_false (mfm_client_login_finish (env.client, result, &error));
      g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
    }

  env_clear (&env);
}

static void
test_malformed_peer (void)
{
  static const struct {
    const char *content_type;
    const char *body;
    gsize length;
  } cases[] = {
    { "application/json", "", 0 },
    { "application/json", "{\"jsonrpc\":\"2.0\",\"result\":{\"dhcpFailoverRelationships\":[{\"name\":5}]}}", 0 },
    { "application/json", "{\"result\":{\"dhcpFailoverRelationships\":[{\"name\":\"a\",\"mclt\":\"3600\"}]}}", 0 },
    { "application/json", "{\"result\":{\"dhcpFailoverRelationships\":[{\"name\":\"a\",\"port\":-1}]}}", 0 },
    { "application/json", "{\"result\":{\"dhcpFailoverRelationships\":{}}}", 0 },
    { "application/json", "{\"result\":{}}", 0 },
    { "application/json", "{\"jsonrpc\":\"2.0\",\"id\":3}", 0 },
    { "application/json", "{\"result\":[", 0 },
    { "application/json", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", 0 },
    { "text/html", "<html><body>Welcome to nginx!</body></html>", 0 },
    { "application/octet-stream", "\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16 },
    { "application/json", "{\"result\":\"\xc3\x28\"}", 0 },
  };
  Peer *peer = peer_new (PEER_FIXED_BODY);

  peer->status = 200;
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      peer->content_type = cases[i].content_type;
      peer->body = cases[i].body;
      peer->body_length = cases[i].length != 0 ? cases[i].length : strlen (cases[i].body);
      error = peer_call_error (peer, 0, NULL);
      if (!g_error_matches (error, MFM_ERROR, MFM_ERROR_PROTOCOL))
        g_error ("case %u: expected a protocol error, got %s", i, error->message);
    }

  peer_free (peer);
}

static void
check_huge_answer (PeerMode mode)
{
  Peer *peer = peer_new (mode);
  gint64 elapsed_us;
  g_autoptr(GError) error = peer_call_error (peer, 0, &elapsed_us);

  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  g_assert_nonnull (strstr (error->message, "64"));
  /* Refused without the whole body ever being produced, let alone buffered. */
  g_assert_cmpuint (peer->bytes_queued, <, HUGE_BODY);
  if (mode == PEER_HUGE_CONTENT_LENGTH)
    g_assert_cmpuint (peer->bytes_queued, <, MFM_MAX_RESPONSE_SIZE);
  g_test_message ("refused after %.1f MiB were queued, in %.2f s",
                  peer->bytes_queued / (1024.0 * 1024.0), elapsed_us / 1e6);
  peer_free (peer);
}

static void
test_huge_chunked (void)
{
  check_huge_answer (PEER_STREAM_CHUNKED);
}

static void
test_huge_content_length (void)
{
  check_huge_answer (PEER_HUGE_CONTENT_LENGTH);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  g_test_add_func ("/client/server-failure", test_server_failure);
  g_test_add_func ("/client/timeout", test_timeout);
  g_test_add_func ("/client/timeout-hung-peer", test_timeout_hung_peer);
  g_test_add_func ("/client/cancel", test_cancel);
  g_test_add_func ("/client/cancel-before-start", test_cancel_before_start);
  g_test_add_func ("/client/unref-mid-request", test_unref_mid_request);
  g_test_add_func ("/client/server-errors", test_server_errors);
  g_test_add_func ("/client/malformed/simulator", test_malformed_simulator);
  g_test_add_func ("/client/malformed/peer", test_malformed_peer);
  g_test_add_func ("/client/huge/chunked", test_huge_chunked);
  g_test_add_func ("/client/huge/content-length", test_huge_content_length);

  return fixture_run ();
}
