/* client-fixture.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the client tests share: waiting for a result on the default main context, the
 * simulator on loopback HTTP with a small lab dataset, the simulator's record of calls, writes
 * through the one entry point that writes, and a SoupServer peer for the faults the simulator
 * does not produce (huge bodies, hung connections, sessions that never come back). */

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

char *tmp_dir;

static GAsyncResult *async_result;

static guint n_callbacks;

void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_assert_null (async_result);
  async_result = g_object_ref (result);
  n_callbacks++;
}

static gboolean
wait_timed_out (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

GAsyncResult *
wait_for_result (void)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (60, wait_timed_out, &timed_out);

  while (async_result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("No result within 60 seconds");
  g_source_remove (id);

  return g_steal_pointer (&async_result);
}

void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wait_timed_out, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static const char dataset_json[] =
  "{\"dhcpServers\":["
  "{\"ref\":\"dhcpServers/12\",\"name\":\"isc-a.lab.example.\",\"address\":\"192.0.2.11\",\"type\":\"ISC\",\"state\":\"OK\",\"enabled\":true},"
  "{\"ref\":\"dhcpServers/13\",\"name\":\"isc-b.lab.example.\",\"address\":\"192.0.2.12\",\"type\":\"ISC\",\"state\":\"OK\",\"enabled\":true},"
  "{\"ref\":\"dhcpServers/14\",\"name\":\"isc-c.lab.example.\",\"address\":\"192.0.2.13\",\"type\":\"ISC\",\"state\":\"OK\",\"enabled\":true},"
  "{\"ref\":\"dhcpServers/40\",\"name\":\"ms-a.lab.example.\",\"address\":\"192.0.2.40\",\"type\":\"MSDHCP\",\"state\":\"OK\",\"enabled\":true}],"
  "\"dhcpScopes\":["
  "{\"ref\":\"dhcpScopes/101\",\"name\":\"Office\",\"dhcpServerRef\":\"dhcpServers/12\",\"range\":\"10.1.1.0/24\",\"enabled\":true,"
  "\"pools\":[{\"from\":\"10.1.1.50\",\"to\":\"10.1.1.199\"}]},"
  "{\"ref\":\"dhcpScopes/102\",\"name\":\"Wi-Fi\",\"dhcpServerRef\":\"dhcpServers/12\",\"range\":\"10.1.2.0/24\",\"enabled\":true,"
  "\"pools\":[{\"from\":\"10.1.2.20\",\"to\":\"10.1.2.99\"},{\"from\":\"10.1.2.120\",\"to\":\"10.1.2.239\"}]},"
  "{\"ref\":\"dhcpScopes/103\",\"name\":\"Servers\",\"dhcpServerRef\":\"dhcpServers/12\",\"range\":\"10.1.3.0/24\",\"enabled\":true,"
  "\"pools\":[]},"
  "{\"ref\":\"dhcpScopes/104\",\"name\":\"Lab\",\"dhcpServerRef\":\"dhcpServers/12\",\"range\":\"10.1.4.0/24\",\"enabled\":true,"
  "\"pools\":[{\"from\":\"10.1.4.10\",\"to\":\"10.1.4.90\",\"failoverPeer\":\"other-pair\"}]},"
  "{\"ref\":\"dhcpScopes/304\",\"name\":\"Lab\",\"dhcpServerRef\":\"dhcpServers/14\",\"range\":\"10.1.4.0/24\",\"enabled\":true,"
  "\"pools\":[{\"from\":\"10.1.4.10\",\"to\":\"10.1.4.90\",\"failoverPeer\":\"other-pair\"}]}],"
  "\"dhcpFailoverRelationships\":["
  "{\"name\":\"other-pair\",\"primaryServer\":\"isc-a.lab.example.\",\"secondaryServer\":\"isc-c.lab.example.\","
  "\"primaryServerRef\":\"dhcpServers/12\",\"secondaryServerRef\":\"dhcpServers/14\",\"failoverMode\":\"LoadBalance\","
  "\"percentage\":50,\"mclt\":3600,\"port\":647,\"peerPort\":647,\"loadBalanceMaxSeconds\":3,"
  "\"maxResponseDelay\":60,\"maxUnackedUpdates\":10,\"state\":\"Normal\",\"dhcpScopeRefs\":[\"dhcpScopes/104\"]}]}";

void
env_start (Env          *env,
           MfmSimulator *sim)
{
  g_autoptr(GError) error = NULL;

  env->sim = sim;
  if (!mfm_simulator_start (sim, 0, &error))
    g_error ("The simulator did not start: %s", error->message);
  env->client = mfm_client_new (mfm_simulator_get_url (sim));
}

/* The small dataset above, with a record file. */
void
env_start_lab (Env *env)
{
  g_autofree char *dataset = g_build_filename (tmp_dir, "lab.json", NULL);
  g_autoptr(GError) error = NULL;
  MfmSimulator *sim = mfm_simulator_new ();
  static guint counter;
  g_autofree char *record_name = g_strdup_printf ("record-%u.jsonl", ++counter);

  g_assert_true (g_file_set_contents (dataset, dataset_json, -1, NULL));
  if (!mfm_simulator_load_file (sim, dataset, &error))
    g_error ("The dataset did not load: %s", error->message);

  env->record_path = g_build_filename (tmp_dir, record_name, NULL);
  g_object_set (sim, "record-path", env->record_path, NULL);
  env_start (env, sim);
}

void
env_clear (Env *env)
{
  g_clear_object (&env->client);
  if (env->sim != NULL)
    mfm_simulator_stop (env->sim);
  g_clear_object (&env->sim);
  g_clear_pointer (&env->record_path, g_free);
}

void
login (MfmClient  *client,
       const char *user,
       const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfm_client_login_async (client, user, password, NULL, got_result, NULL);
  result = wait_for_result ();
  if (!mfm_client_login_finish (client, result, &error))
    g_error ("Login as %s failed: %s", user, error->message);
}

GPtrArray *
get_relationships (MfmClient  *client,
                   const char *server_ref)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *relationships;

  mfm_client_get_relationships_async (client, server_ref, NULL, got_result, NULL);
  result = wait_for_result ();
  relationships = mfm_client_get_relationships_finish (client, result, &error);
  g_assert_no_error (error);
  return relationships;
}

void
refresh_inventory (MfmClient    *client,
                   MfmInventory *inventory)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfm_client_refresh_inventory_async (client, inventory, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_true (mfm_client_refresh_inventory_finish (client, result, &error));
  g_assert_no_error (error);
}

MfmRelationship *
find_relationship (GPtrArray  *relationships,
                   const char *name)
{
  for (guint i = 0; i < relationships->len; i++)
    if (g_strcmp0 (mfm_relationship_get_name (g_ptr_array_index (relationships, i)), name) == 0)
      return g_ptr_array_index (relationships, i);

  return NULL;
}

guint
count_log_entries (MfmClient  *client,
                   const char *method)
{
  GListModel *log = G_LIST_MODEL (mfm_client_get_api_log (client));
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(MfmApiLogEntry) entry = g_list_model_get_item (log, i);

      if (g_strcmp0 (mfm_api_log_entry_get_method (entry), method) == 0)
        count++;
    }

  return count;
}

/* How many round trips the calls of @method in the log took: an exchange that began after
 * another had ended waited for it, so the answer is the longest chain of such waits. */
guint
count_round_trips (MfmClient  *client,
                   const char *method)
{
  GListModel *log = G_LIST_MODEL (mfm_client_get_api_log (client));
  g_autoptr(GArray) started = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) finished = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) depth = g_array_new (FALSE, TRUE, sizeof (guint));
  guint longest = 0;

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(MfmApiLogEntry) entry = g_list_model_get_item (log, i);
      gint64 start, end;

      if (g_strcmp0 (mfm_api_log_entry_get_method (entry), method) != 0)
        continue;
      mfm_api_log_entry_get_times (entry, &start, &end);
      g_assert_cmpint (start, >, 0);
      g_assert_cmpint (end, >=, start);
      g_array_append_val (started, start);
      g_array_append_val (finished, end);
    }

  /* The log is in the order the answers came: an exchange can only wait for one before it. */
  g_array_set_size (depth, started->len);
  for (guint j = 0; j < started->len; j++)
    {
      guint *mine = &g_array_index (depth, guint, j);

      *mine = 1;
      for (guint i = 0; i < j; i++)
        if (g_array_index (finished, gint64, i) <= g_array_index (started, gint64, j))
          *mine = MAX (*mine, g_array_index (depth, guint, i) + 1);
      longest = MAX (longest, *mine);
    }

  return longest;
}

/* The last line of the record file: the method and the params without the session, which
 * must be recorded as "•••". */
JsonObject *
last_recorded_call (Env  *env,
                    char **method)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *line, *params;
  guint n;

  g_assert_true (g_file_get_contents (env->record_path, &contents, NULL, NULL));
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  n = g_strv_length (lines);
  g_assert_cmpuint (n, >, 0);

  json_parser_load_from_data (parser, lines[n - 1], -1, &error);
  g_assert_no_error (error);
  line = json_node_get_object (json_parser_get_root (parser));
  *method = g_strdup (json_object_get_string_member (line, "method"));
  params = json_object_get_object_member (line, "params");
  g_assert_cmpstr (json_object_get_string_member (params, "session"), ==, DOTS);
  json_object_remove_member (params, "session");

  return json_object_ref (params);
}

void
assert_last_call (Env        *env,
                  const char *method,
                  const char *params_json)
{
  g_autofree char *recorded_method = NULL;
  g_autoptr(JsonObject) params = last_recorded_call (env, &recorded_method);
  g_autoptr(JsonNode) recorded = json_node_init_object (json_node_alloc (), params);
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, params_json, -1, NULL));
  g_assert_cmpstr (recorded_method, ==, method);
  if (!json_node_equal (recorded, json_parser_get_root (parser)))
    {
      g_autofree char *got = mfm_wire_to_string (recorded, FALSE);

      g_error ("%s was sent with %s, expected %s", method, got, params_json);
    }
}

/* The params of the last recorded call of @method (session removed), or NULL. */
JsonObject *
last_recorded_call_of (Env        *env,
                       const char *method)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_true (g_file_get_contents (env->record_path, &contents, NULL, NULL));
  lines = g_strsplit (g_strchomp (contents), "\n", -1);
  for (guint n = g_strv_length (lines); n > 0; n--)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *line, *params;

      if (!json_parser_load_from_data (parser, lines[n - 1], -1, NULL))
        continue;
      line = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member (line, "method"), method) != 0)
        continue;
      params = json_object_get_object_member (line, "params");
      json_object_remove_member (params, "session");
      return json_object_ref (params);
    }

  return NULL;
}

guint
count_recorded (Env        *env,
                const char *method)
{
  g_autofree char *contents = NULL;
  g_autofree char *needle = g_strdup_printf ("\"method\":\"%s\"", method);
  guint count = 0;

  g_assert_true (g_file_get_contents (env->record_path, &contents, NULL, NULL));
  for (const char *p = contents; (p = strstr (p, needle)) != NULL; p += strlen (needle))
    count++;

  return count;
}

/* Writes go through the one entry point that writes: @change (taken) is applied alone, with
 * @comment as the save comment; write_ok() waits for the outcome. */
void
write_async (MfmClient  *client,
             MfmChange  *change,
             const char *comment)
{
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();

  mfm_change_set_add (changes, change);
  g_object_unref (change);
  mfm_client_apply_changes_async (client, changes, comment, NULL, got_result, NULL);
}

gboolean
write_ok (MfmClient  *client,
          GError    **error)
{
  g_autoptr(GAsyncResult) result = wait_for_result ();

  return mfm_client_apply_changes_finish (client, result, error);
}

/* The relationship @name of the server @server_ref, as far as a write names it. */
static MfmRelationship *
relationship_named (const char *server_ref,
                    const char *name)
{
  MfmRelationship *relationship = mfm_relationship_new ();

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server_ref (relationship, server_ref);
  return relationship;
}

MfmChange *
change_remove (const char           *server_ref,
               const char           *name,
               MfmDeconfigureAction  action)
{
  g_autoptr(MfmRelationship) relationship = relationship_named (server_ref, name);

  return mfm_change_new_remove (relationship, action);
}

MfmChange *
change_add_scopes (const char         *server_ref,
                   const char         *name,
                   const char * const *scope_refs)
{
  g_autoptr(MfmRelationship) relationship = relationship_named (server_ref, name);

  return mfm_change_new_add_scopes (relationship, scope_refs);
}

MfmChange *
change_remove_scopes (const char           *server_ref,
                      const char           *name,
                      const char * const   *scope_refs,
                      MfmDeconfigureAction  action)
{
  g_autoptr(MfmRelationship) relationship = relationship_named (server_ref, name);

  return mfm_change_new_remove_scopes (relationship, scope_refs, action);
}

static void
peer_wrote_chunk (SoupServerMessage *msg,
                  gpointer           user_data)
{
  Peer *peer = user_data;
  static char chunk[256 * 1024];
  SoupMessageBody *body = soup_server_message_get_response_body (msg);

  if (peer->bytes_queued >= HUGE_BODY)
    {
      soup_message_body_complete (body);
      return;
    }

  memset (chunk, '1', sizeof chunk);
  soup_message_body_append (body, SOUP_MEMORY_STATIC, chunk, sizeof chunk);
  peer->bytes_queued += sizeof chunk;
}

static char *
server_page (guint offset,
             guint count,
             guint total)
{
  GString *json = g_string_new ("{\"result\":{\"dhcpServers\":[");

  for (guint i = 0; i < count; i++)
    g_string_append_printf (json, "%s{\"ref\":\"dhcpServers/%u\",\"type\":\"ISC\"}",
                            i > 0 ? "," : "", offset + i);
  g_string_append_printf (json, "],\"totalResults\":%u}}", total);
  return g_string_free (json, FALSE);
}

static gboolean
peer_fail_late (gpointer user_data)
{
  SoupServerMessage *msg = user_data;
  static const char body[] = "{\"error\":{\"code\":77,\"message\":\"Page lost\"}}";

  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, body,
                                    strlen (body));
  soup_server_message_unpause (msg);
  g_object_unref (msg);
  return G_SOURCE_REMOVE;
}

static void
peer_answer (SoupServerMessage *msg,
             guint              status,
             const char        *body)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY, body, strlen (body));
}

static void
peer_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  Peer *peer = user_data;
  g_autoptr(GBytes) request = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  g_autofree char *method = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonNode) id = NULL;

  mfm_wire_parse_request (g_bytes_get_data (request, NULL), g_bytes_get_size (request),
                          &method, &params, &id, NULL);

  switch (peer->mode)
    {
    case PEER_SESSION_NEVER_VALID:
    case PEER_RELOGIN_REFUSED:
      if (g_strcmp0 (method, "Login") == 0)
        {
          peer->n_logins++;
          if (peer->mode == PEER_RELOGIN_REFUSED && peer->n_logins > 1)
            peer_answer (msg, 200, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":16394,"
                                   "\"message\":\"Invalid username or password.\"},\"id\":null}");
          else
            peer_answer (msg, 200, "{\"jsonrpc\":\"2.0\",\"result\":{\"session\":\"peer-session\"},\"id\":1}");
        }
      else
        {
          peer->n_calls++;
          peer_answer (msg, 200, "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":5003,"
                                 "\"message\":\"Invalid session ID.\"},\"id\":null}");
        }
      break;

    case PEER_FIXED_BODY:
      peer->n_calls++;
      soup_server_message_set_status (msg, peer->status, NULL);
      soup_server_message_set_response (msg, peer->content_type, SOUP_MEMORY_COPY, peer->body,
                                        peer->body_length);
      break;

    case PEER_STREAM_CHUNKED:
    case PEER_HUGE_CONTENT_LENGTH:
      {
        SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);

        peer->n_calls++;
        soup_server_message_set_status (msg, 200, NULL);
        soup_message_headers_set_content_type (headers, "application/json", NULL);
        if (peer->mode == PEER_STREAM_CHUNKED)
          soup_message_headers_set_encoding (headers, SOUP_ENCODING_CHUNKED);
        else
          soup_message_headers_set_content_length (headers, HUGE_BODY);
        soup_message_body_append (soup_server_message_get_response_body (msg),
                                  SOUP_MEMORY_STATIC, "{\"result\":\"", 11);
        peer->bytes_queued = 11;
        g_signal_connect (msg, "wrote-chunk", G_CALLBACK (peer_wrote_chunk), peer);
      }
      break;

    case PEER_PAGES:
    case PEER_PAGES_FLAKY:
      if (g_strcmp0 (method, "Login") == 0)
        {
          peer_answer (msg, 200, "{\"result\":{\"session\":\"peer-session\"}}");
        }
      else
        {
          guint offset = params != NULL && json_object_has_member (params, "offset")
            ? (guint) json_object_get_int_member (params, "offset") : 0;
          g_autofree char *page = NULL;

          peer->n_calls++;
          if (offset == 1000 && peer->mode == PEER_PAGES_FLAKY && peer->n_failed == 0)
            {
              peer->n_failed++;
              peer_answer (msg, 500, "{\"error\":{\"code\":-32603,\"message\":\"Internal error.\"}}");
              break;
            }
          if (offset == 1000 && peer->mode == PEER_PAGES)
            {
              soup_server_message_pause (msg);
              g_timeout_add (300, peer_fail_late, g_object_ref (msg));
              break;
            }
          page = server_page (offset, MIN (1000, 4000 - MIN (offset, 4000)), 4000);
          peer_answer (msg, 200, page);
        }
      break;

    case PEER_HANG:
    default:
      peer->n_calls++;
      g_ptr_array_add (peer->hung, g_object_ref (msg));
      soup_server_message_pause (msg);
      break;
    }
}

Peer *
peer_new (PeerMode mode)
{
  Peer *peer = g_new0 (Peer, 1);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  peer->mode = mode;
  peer->hung = g_ptr_array_new_with_free_func (g_object_unref);
  peer->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (peer->server, NULL, peer_handler, peer, NULL);
  if (!soup_server_listen_local (peer->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error))
    g_error ("The test server did not start: %s", error->message);

  uris = soup_server_get_uris (peer->server);
  peer->url = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return peer;
}

void
peer_free (Peer *peer)
{
  for (guint i = 0; i < peer->hung->len; i++)
    soup_server_message_unpause (g_ptr_array_index (peer->hung, i));
  g_ptr_array_unref (peer->hung);
  soup_server_disconnect (peer->server);
  g_object_unref (peer->server);
  g_free (peer->url);
  g_free (peer);
}

GError *
peer_call_error (Peer  *peer,
                 guint  timeout,
                 gint64 *elapsed_us)
{
  g_autoptr(MfmClient) client = mfm_client_new (peer->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  GError *error = NULL;
  gint64 start = g_get_monotonic_time ();

  if (timeout != 0)
    mfm_client_set_timeout (client, timeout);
  mfm_client_get_relationships_async (client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  relationships = mfm_client_get_relationships_finish (client, result, &error);
  if (elapsed_us != NULL)
    *elapsed_us = g_get_monotonic_time () - start;
  g_assert_null (relationships);
  g_assert_nonnull (error);
  return error;
}

/* Cancels the GCancellable @user_data: a timeout callback. */
gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

void
fixture_init (int    *argc,
              char ***argv)
{
  g_autoptr(GError) error = NULL;

  tmp_dir = g_dir_make_tmp ("mfm-client-XXXXXX", &error);
  if (tmp_dir == NULL)
    g_error ("Could not make a folder for the test files: %s", error->message);
  g_test_init (argc, argv, NULL);
}

int
fixture_run (void)
{
  int status;

  status = g_test_run ();

  {
    g_autoptr(GDir) dir = g_dir_open (tmp_dir, 0, NULL);
    const char *name;

    while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *path = g_build_filename (tmp_dir, name, NULL);
        g_unlink (path);
      }
    g_rmdir (tmp_dir);
  }
  g_free (tmp_dir);
  return status;
}
