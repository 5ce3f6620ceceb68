/* test-client-session.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* MfmClient against the real simulator over loopback HTTP. Logging in and out, the addresses the client takes, sessions that run out, certificate
 * pins, and no secret in any log. */

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

static void
test_login (void)
{
  Env env = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmClient) viewer = NULL;

  env_start_lab (&env);
  g_assert_false (mfm_client_is_encrypted (env.client));
  g_assert_true (mfm_client_is_loopback (env.client));

  /* Wrong password. */
  mfm_client_login_async (env.client, "admin", "not-the-password", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_login_finish (env.client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_BAD_CREDENTIALS);
  g_assert_cmpint (mfm_error_get_api_code (error), ==, 16394);
  g_assert_false (mfm_client_get_logged_in (env.client));
  g_assert_null (mfm_client_get_user (env.client));
  g_clear_error (&error);
  g_clear_object (&result);
  {
    g_autoptr(MfmApiLogEntry) entry = g_list_model_get_item (G_LIST_MODEL (mfm_client_get_api_log (env.client)), 0);

    g_assert_cmpstr (mfm_api_log_entry_get_method (entry), ==, "Login");
    g_assert_cmpstr (mfm_api_log_entry_get_outcome (entry), ==, "error 16394");
    g_assert_cmpuint (mfm_api_log_entry_get_status (entry), ==, 200);
    g_assert_cmpfloat (mfm_api_log_entry_get_duration_ms (entry), >, 0);
  }

  login (env.client, "admin", "admin");
  g_assert_true (mfm_client_get_logged_in (env.client));
  g_assert_cmpstr (mfm_client_get_user (env.client), ==, "admin");
  g_assert_nonnull (mfm_client_get_session (env.client));

  /* The read-only user may read but not write. */
  viewer = mfm_client_new (mfm_simulator_get_url (env.sim));
  login (viewer, "viewer", "viewer");
  g_ptr_array_unref (get_relationships (viewer, NULL));

  mfm_relationship_set_name (relationship, "viewer-try");
  mfm_relationship_set_primary_server (relationship, "isc-a.lab.example.");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
  mfm_relationship_set_secondary_server (relationship, "isc-b.lab.example.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
  write_async (viewer, mfm_change_new_add (relationship), NULL);
  g_assert_false (write_ok (viewer, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PERMISSION);
  g_assert_cmpint (mfm_error_get_api_code (error), ==, 1028);

  env_clear (&env);
}

static void
test_urls (void)
{
  static const struct {
    const char *typed;
    const char *base;
    const char *host;
    gboolean encrypted;
    gboolean loopback;
  } cases[] = {
    { "micetro.example.com", "https://micetro.example.com", "micetro.example.com", TRUE, FALSE },
    { "  https://micetro.example.com/  ", "https://micetro.example.com", "micetro.example.com", TRUE, FALSE },
    { "https://micetro.example.com/mmws/json", "https://micetro.example.com", "micetro.example.com", TRUE, FALSE },
    { "http://127.0.0.1:8080", "http://127.0.0.1:8080", "127.0.0.1", FALSE, TRUE },
    { "http://localhost:8080/", "http://localhost:8080", "localhost", FALSE, TRUE },
    { "http://[::1]:8080", "http://[::1]:8080", "::1", FALSE, TRUE },
    { "https://10.0.0.5", "https://10.0.0.5", "10.0.0.5", TRUE, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MfmClient) client = mfm_client_new (cases[i].typed);
      g_autofree char *central = NULL;

      g_assert_cmpstr (mfm_client_get_base_url (client), ==, cases[i].base);
      g_assert_cmpstr (mfm_client_get_host (client), ==, cases[i].host);
      g_assert_cmpint (mfm_client_is_encrypted (client), ==, cases[i].encrypted);
      g_assert_cmpint (mfm_client_is_loopback (client), ==, cases[i].loopback);
      g_object_get (client, "central-server", &central, NULL);
      g_assert_cmpstr (central, ==, cases[i].host);
      g_assert_false (mfm_client_get_logged_in (client));
      g_assert_nonnull (mfm_client_get_api_log (client));
    }
}

static void
test_invalid_url (void)
{
  /* Addresses GUri parses but no server can have: another scheme, a host name with a space
   * or with characters no resolver takes. */
  static const char * const urls[] = {
    "ftp://files.example.com",
    "http://micetro example.com",
    "https://micetro%20example.com",
    "https://micetro<1>.example.com",
  };

  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(MfmClient) client = mfm_client_new (urls[i]);
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", urls[i]);
      g_assert_null (mfm_client_get_host (client));
      mfm_client_login_async (client, "admin", "admin", NULL, got_result, NULL);
      result = wait_for_result ();
      g_assert_false (mfm_client_login_finish (client, result, &error));
      g_assert_error (error, MFM_ERROR, MFM_ERROR_NETWORK);
    }

  /* An international name is fine: it is used in its ASCII form. */
  {
    g_autoptr(MfmClient) client = mfm_client_new ("https://münchen.example.com");

    g_assert_cmpstr (mfm_client_get_host (client), ==, "xn--mnchen-3ya.example.com");
  }
}

static void
test_logout (void)
{
  Env env = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *method = NULL;
  g_autoptr(JsonObject) params = NULL;
  GPtrArray *relationships;

  env_start_lab (&env);
  login (env.client, "admin", "admin");

  mfm_client_logout_async (env.client, NULL, got_result, NULL);
  result = wait_for_result ();
  mfm_client_logout_finish (env.client, result);
  g_clear_object (&result);
  g_assert_false (mfm_client_get_logged_in (env.client));
  g_assert_null (mfm_client_get_session (env.client));

  params = last_recorded_call (&env, &method);
  g_assert_cmpstr (method, ==, "Logout");

  /* The credentials are gone too: no silent re-login. */
  mfm_client_get_relationships_async (env.client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  relationships = mfm_client_get_relationships_finish (env.client, result, &error);
  g_assert_null (relationships);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SESSION);
  g_assert_cmpuint (count_log_entries (env.client, "Login"), ==, 1);

  env_clear (&env);
}

static void
test_session_expiry (void)
{
  Env env = { 0 };
  g_autoptr(GPtrArray) relationships = NULL;
  g_autofree char *first_session = NULL;

  env_start_lab (&env);
  login (env.client, "admin", "admin");
  first_session = g_strdup (mfm_client_get_session (env.client));

  mfm_simulator_expire_sessions (env.sim);
  relationships = get_relationships (env.client, NULL);
  g_assert_cmpuint (relationships->len, ==, 1);

  g_assert_cmpuint (count_log_entries (env.client, "Login"), ==, 2);
  g_assert_cmpuint (count_log_entries (env.client, "GetDHCPFailoverRelationships"), ==, 2);
  g_assert_cmpstr (mfm_client_get_session (env.client), !=, first_session);
  g_assert_true (mfm_client_get_logged_in (env.client));

  env_clear (&env);
}

/* The timeout is per request: a call that needs a new login and a retry may take longer in
 * all, as long as each exchange answers in time. */
static void
test_session_expiry_slow (void)
{
  Env env = { 0 };
  g_autoptr(GPtrArray) relationships = NULL;
  gint64 start;

  env_start_lab (&env);
  login (env.client, "admin", "admin");
  g_object_set (env.sim, "latency-ms", 600, NULL);
  mfm_client_set_timeout (env.client, 1);

  mfm_simulator_expire_sessions (env.sim);
  start = g_get_monotonic_time ();
  relationships = get_relationships (env.client, NULL);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, 1500000);
  g_assert_cmpuint (relationships->len, ==, 1);
  g_assert_cmpuint (count_log_entries (env.client, "Login"), ==, 2);

  env_clear (&env);
}

/* A web service that answers a Login with HTTP 401 did not accept the user name or the
 * password: that is a bad login, not a session that ended. */
static void
test_login_unauthorized (void)
{
  Peer *peer = peer_new (PEER_FIXED_BODY);
  g_autoptr(MfmClient) client = mfm_client_new (peer->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  peer->status = 401;
  peer->content_type = "text/html";
  peer->body = "<html><body><h1>401 Unauthorized</h1></body></html>";
  peer->body_length = strlen (peer->body);

  mfm_client_login_async (client, "admin", "wrong", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_login_finish (client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_BAD_CREDENTIALS);
  g_assert_nonnull (strstr (error->message, "401"));
  g_assert_nonnull (strstr (mfm_error_get_sentence (error), "password"));
  g_assert_false (mfm_client_get_logged_in (client));
  /* Not retried as an expired session. */
  g_assert_cmpuint (peer->n_calls, ==, 1);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The same with a JSON body. */
  peer->content_type = "application/json";
  peer->body = "{\"error\":{\"code\":5002,\"message\":\"Unauthorized.\"}}";
  peer->body_length = strlen (peer->body);
  mfm_client_login_async (client, "admin", "wrong", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_login_finish (client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_BAD_CREDENTIALS);
  g_assert_cmpuint (peer->n_calls, ==, 2);

  peer_free (peer);
}

static void
check_session_failure (PeerMode mode)
{
  Peer *peer = peer_new (mode);
  g_autoptr(MfmClient) client = mfm_client_new (peer->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GError) error = NULL;

  login (client, "admin", "secret");
  mfm_client_get_relationships_async (client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  relationships = mfm_client_get_relationships_finish (client, result, &error);
  g_assert_null (relationships);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SESSION);

  /* Exactly one re-login; the call is retried once only when it worked. */
  g_assert_cmpuint (peer->n_logins, ==, 2);
  g_assert_cmpuint (peer->n_calls, ==, mode == PEER_SESSION_NEVER_VALID ? 2 : 1);

  peer_free (peer);
}

static void
test_session_still_failing (void)
{
  check_session_failure (PEER_SESSION_NEVER_VALID);
}

static void
test_session_relogin_refused (void)
{
  check_session_failure (PEER_RELOGIN_REFUSED);
}

static GTlsCertificate *
load_certificate (const char *name)
{
  g_autofree char *cert = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;
  GTlsCertificate *certificate;
  g_autofree char *openssl = g_find_program_in_path ("openssl");

  /* A fresh self-signed certificate when openssl is there, else the committed one. */
  if (openssl != NULL)
    {
      g_autofree char *subject = g_strdup_printf ("/CN=mfm-test-%s/O=Failover Manager tests", name);
      const char *argv[] = { openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                             "-keyout", NULL, "-out", NULL, "-days", "2", "-subj", subject,
                             "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", NULL };
      g_autofree char *key_name = g_strdup_printf ("tls-%s-key.pem", name);
      g_autofree char *cert_name = g_strdup_printf ("tls-%s-cert.pem", name);
      int status = 0;

      key = g_build_filename (tmp_dir, key_name, NULL);
      cert = g_build_filename (tmp_dir, cert_name, NULL);
      argv[7] = key;
      argv[9] = cert;
      if (!g_spawn_sync (NULL, (char **) argv, NULL,
                         G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, &error))
        g_error ("openssl failed: %s", error->message);
    }
  else
    {
      g_autofree char *key_name = g_strdup_printf ("tls-%s-key.pem", name);
      g_autofree char *cert_name = g_strdup_printf ("tls-%s-cert.pem", name);

      key = g_test_build_filename (G_TEST_DIST, "api", key_name, NULL);
      cert = g_test_build_filename (G_TEST_DIST, "api", cert_name, NULL);
    }

  certificate = g_tls_certificate_new_from_files (cert, key, &error);
  g_assert_no_error (error);
  return certificate;
}

/* The validity date is shown as a person reads it: the year and the month in words, no
 * ISO 8601 "T" between date and time. */
static void
assert_date_in_words (const char      *shown,
                      GTlsCertificate *certificate)
{
  g_autoptr(GDateTime) not_after = g_tls_certificate_get_not_valid_after (certificate);
  g_autoptr(GDateTime) local = g_date_time_to_local (not_after);
  g_autofree char *year = g_strdup_printf ("%d", g_date_time_get_year (local));
  g_autofree char *month = g_date_time_format (local, "%B");

  g_assert_nonnull (strstr (shown, year));
  g_assert_nonnull (strstr (shown, month));
  g_assert_null (strchr (shown, 'T'));
}

static MfmSimulator *
start_tls_simulator (GTlsCertificate *certificate)
{
  MfmSimulator *sim = mfm_simulator_new ();
  g_autoptr(GError) error = NULL;

  mfm_simulator_load_demo (sim);
  g_object_set (sim, "tls-certificate", certificate, NULL);
  if (!mfm_simulator_start (sim, 0, &error))
    g_error ("The TLS simulator did not start: %s", error->message);
  g_assert_true (g_str_has_prefix (mfm_simulator_get_url (sim), "https://"));
  return sim;
}

static void
test_tls_pinning (void)
{
  g_autoptr(GTlsCertificate) cert_a = NULL;
  g_autoptr(GTlsCertificate) cert_b = NULL;
  g_autoptr(MfmSimulator) sim_a = NULL;
  g_autoptr(MfmSimulator) sim_b = NULL;
  g_autoptr(MfmClient) client = NULL;
  g_autoptr(MfmClient) client_b = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *fingerprint_a = NULL;
  g_autofree char *fingerprint_b = NULL;
  const MfmCertificateInfo *info;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_test_skip ("No TLS backend (glib-networking) is installed");
      return;
    }

  cert_a = load_certificate ("a");
  cert_b = load_certificate ("b");
  fingerprint_a = mfm_certificate_fingerprint (cert_a);
  fingerprint_b = mfm_certificate_fingerprint (cert_b);
  g_assert_cmpuint (strlen (fingerprint_a), ==, 32 * 3 - 1);
  g_assert_cmpstr (fingerprint_a, !=, fingerprint_b);

  /* Untrusted: refused, with what the connect page shows. */
  sim_a = start_tls_simulator (cert_a);
  client = mfm_client_new (mfm_simulator_get_url (sim_a));
  g_assert_true (mfm_client_is_encrypted (client));
  mfm_client_login_async (client, "admin", "admin", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_login_finish (client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_TLS);
  g_clear_error (&error);
  g_clear_object (&result);

  info = mfm_client_get_rejected_certificate (client);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->host, ==, "127.0.0.1");
  g_assert_nonnull (strstr (info->subject, "mfm-test-a"));
  g_assert_nonnull (strstr (info->issuer, "mfm-test-a"));
  g_assert_cmpstr (info->fingerprint, ==, fingerprint_a);
  g_assert_nonnull (info->not_before);
  g_assert_nonnull (info->not_after);
  assert_date_in_words (info->not_after, cert_a);
  g_assert_nonnull (strstr (info->problem, "trusted authority"));
  g_assert_false (info->pinned_mismatch);
  g_assert_cmpuint (count_log_entries (client, "Login"), ==, 1);

  /* Pinned: accepted. */
  mfm_client_pin_certificate (client, "127.0.0.1", fingerprint_a);
  login (client, "admin", "admin");
  g_assert_null (mfm_client_get_rejected_certificate (client));
  g_ptr_array_unref (get_relationships (client, NULL));

  /* Another certificate on the same host: refused again, and said so. */
  sim_b = start_tls_simulator (cert_b);
  client_b = mfm_client_new (mfm_simulator_get_url (sim_b));
  mfm_client_pin_certificate (client_b, "127.0.0.1", fingerprint_a);
  mfm_client_login_async (client_b, "admin", "admin", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_login_finish (client_b, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_TLS);
  info = mfm_client_get_rejected_certificate (client_b);
  g_assert_nonnull (info);
  g_assert_true (info->pinned_mismatch);
  g_assert_cmpstr (info->fingerprint, ==, fingerprint_b);
  g_assert_nonnull (strstr (info->problem, "trusted for this server before"));

  mfm_simulator_stop (sim_a);
  mfm_simulator_stop (sim_b);
}

static void
test_no_secrets_in_logs (void)
{
  Env env = { 0 };
  g_autoptr(GPtrArray) relationships = NULL;
  g_autofree char *session = NULL;
  g_autofree char *log_text = NULL;
  g_autofree char *record = NULL;
  GListModel *log;
  g_autoptr(MfmApiLogEntry) first = NULL;

  env_start_lab (&env);
  login (env.client, "admin", "admin");
  session = g_strdup (mfm_client_get_session (env.client));
  g_assert_nonnull (session);
  g_assert_cmpuint (strlen (session), >=, 8);

  relationships = get_relationships (env.client, NULL);
  mfm_simulator_expire_sessions (env.sim);
  g_ptr_array_unref (get_relationships (env.client, "dhcpServers/12"));

  log = G_LIST_MODEL (mfm_client_get_api_log (env.client));
  g_assert_cmpuint (g_list_model_get_n_items (log), ==, 5);
  first = g_list_model_get_item (log, 0);
  g_assert_cmpstr (mfm_api_log_entry_get_method (first), ==, "Login");
  g_assert_cmpuint (mfm_api_log_entry_get_status (first), ==, 200);
  g_assert_nonnull (strstr (mfm_api_log_entry_get_request_body (first), "\"password\":\"" DOTS "\""));
  g_assert_nonnull (strstr (mfm_api_log_entry_get_response_body (first), "\"session\":\"" DOTS "\""));

  log_text = mfm_api_log_to_text (mfm_client_get_api_log (env.client));
  g_assert_null (strstr (log_text, session));
  g_assert_null (strstr (log_text, mfm_client_get_session (env.client)));
  g_assert_null (strstr (log_text, "\"password\":\"admin\""));
  g_assert_nonnull (strstr (log_text, "GetDHCPFailoverRelationships"));

  g_assert_true (g_file_get_contents (env.record_path, &record, NULL, NULL));
  g_assert_nonnull (strstr (record, "\"Login\""));
  g_assert_null (strstr (record, session));
  g_assert_null (strstr (record, mfm_client_get_session (env.client)));
  g_assert_null (strstr (record, "\"password\":\"admin\""));

  env_clear (&env);
}

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  g_test_add_func ("/client/urls", test_urls);
  g_test_add_func ("/client/invalid-url", test_invalid_url);
  g_test_add_func ("/client/login", test_login);
  g_test_add_func ("/client/logout", test_logout);
  g_test_add_func ("/client/login-unauthorized", test_login_unauthorized);
  g_test_add_func ("/client/session/expiry", test_session_expiry);
  g_test_add_func ("/client/session/expiry-slow", test_session_expiry_slow);
  g_test_add_func ("/client/session/still-failing", test_session_still_failing);
  g_test_add_func ("/client/session/relogin-refused", test_session_relogin_refused);
  g_test_add_func ("/client/tls-pinning", test_tls_pinning);
  g_test_add_func ("/client/no-secrets-in-logs", test_no_secrets_in_logs);

  return fixture_run ();
}
