/* test-client.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* MfmClient against the real simulator over loopback HTTP, and against small SoupServer
 * fixtures for the faults the simulator does not produce (huge bodies, hung connections,
 * sessions that never come back). */

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

#define DOTS "\342\200\242\342\200\242\342\200\242"
#define HUGE_BODY (100 * 1024 * 1024)

static char *tmp_dir;

/* ---------------------------------------------------------------------------------------- */
/* Waiting for async results on the default main context                                    */

static GAsyncResult *async_result;
static guint n_callbacks;

static void
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

static GAsyncResult *
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

static void
spin (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, wait_timed_out, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* ---------------------------------------------------------------------------------------- */
/* The simulator                                                                             */

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

typedef struct
{
  MfmSimulator *sim;
  MfmClient    *client;
  char         *record_path;
} Env;

static void
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
static void
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

static void
env_clear (Env *env)
{
  g_clear_object (&env->client);
  if (env->sim != NULL)
    mfm_simulator_stop (env->sim);
  g_clear_object (&env->sim);
  g_clear_pointer (&env->record_path, g_free);
}

static void
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

static GPtrArray *
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

static void
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

static MfmRelationship *
find_relationship (GPtrArray  *relationships,
                   const char *name)
{
  for (guint i = 0; i < relationships->len; i++)
    if (g_strcmp0 (mfm_relationship_get_name (g_ptr_array_index (relationships, i)), name) == 0)
      return g_ptr_array_index (relationships, i);

  return NULL;
}

static guint
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

/* The last line of the record file: the method and the params without the session, which
 * must be recorded as "•••". */
static JsonObject *
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

static void
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
static JsonObject *
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

static guint
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
static void
write_async (MfmClient  *client,
             MfmChange  *change,
             const char *comment)
{
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();

  mfm_change_set_add (changes, change);
  g_object_unref (change);
  mfm_client_apply_changes_async (client, changes, comment, NULL, got_result, NULL);
}

static gboolean
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

static MfmChange *
change_remove (const char           *server_ref,
               const char           *name,
               MfmDeconfigureAction  action)
{
  g_autoptr(MfmRelationship) relationship = relationship_named (server_ref, name);

  return mfm_change_new_remove (relationship, action);
}

static MfmChange *
change_add_scopes (const char         *server_ref,
                   const char         *name,
                   const char * const *scope_refs)
{
  g_autoptr(MfmRelationship) relationship = relationship_named (server_ref, name);

  return mfm_change_new_add_scopes (relationship, scope_refs);
}

static MfmChange *
change_remove_scopes (const char           *server_ref,
                      const char           *name,
                      const char * const   *scope_refs,
                      MfmDeconfigureAction  action)
{
  g_autoptr(MfmRelationship) relationship = relationship_named (server_ref, name);

  return mfm_change_new_remove_scopes (relationship, scope_refs, action);
}

/* ---------------------------------------------------------------------------------------- */
/* Login                                                                                     */

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

/* ---------------------------------------------------------------------------------------- */
/* Paging                                                                                    */

static void
count_progress (MfmClient         *client,
                MfmClientProgress  what,
                guint              loaded,
                guint              total,
                gpointer           user_data)
{
  guint *last = user_data;

  /* Listing servers reports servers, never anything else. */
  g_assert_cmpint (what, ==, MFM_CLIENT_PROGRESS_SERVERS);
  g_assert_cmpuint (loaded, >, last[0]);
  last[0] = loaded;
  last[1] = total;
  last[2]++;
}

static GPtrArray *
fetch_pages_one_by_one (MfmClient *client,
                        guint      page_size)
{
  GPtrArray *refs = g_ptr_array_new_with_free_func (g_free);

  for (guint offset = 0;; offset += page_size)
    {
      g_autoptr(JsonObject) params = json_object_new ();
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(GPtrArray) servers = NULL;
      g_autoptr(GError) error = NULL;

      json_object_set_int_member (params, "offset", offset);
      json_object_set_int_member (params, "limit", page_size);
      mfm_client_call_async (client, "GetDHCPServers", params, NULL, got_result, NULL);
      result = wait_for_result ();
      node = mfm_client_call_finish (client, result, &error);
      g_assert_no_error (error);
      servers = mfm_wire_servers_from_result (node, NULL, &error);
      g_assert_no_error (error);

      for (guint i = 0; i < servers->len; i++)
        g_ptr_array_add (refs, g_strdup (mfm_server_get_ref (g_ptr_array_index (servers, i))));
      if (servers->len < page_size)
        break;
    }

  return refs;
}

static void
check_paging (guint max_page_size,
              guint expected_requests)
{
  Env env = { 0 };
  MfmSimulator *sim = mfm_simulator_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) reference = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  guint progress[3] = { 0, 0, 0 };
  guint requests_before;

  mfm_simulator_generate (sim, 2500, 100, 500, 7);
  if (max_page_size != 0)
    g_object_set (sim, "max-page-size", max_page_size, NULL);
  env_start (&env, sim);
  login (env.client, "admin", "admin");
  g_signal_connect (env.client, "progress", G_CALLBACK (count_progress), progress);

  requests_before = count_log_entries (env.client, "GetDHCPServers");
  mfm_client_get_servers_async (env.client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  servers = mfm_client_get_servers_finish (env.client, result, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (servers->len, ==, 2500);
  g_assert_cmpuint (count_log_entries (env.client, "GetDHCPServers") - requests_before, ==,
                    expected_requests);
  g_assert_cmpuint (progress[0], ==, 2500);
  g_assert_cmpuint (progress[1], ==, 2500);
  g_assert_cmpuint (progress[2], ==, expected_requests);

  /* Complete and in the server's order, the same as asking page after page. */
  reference = fetch_pages_one_by_one (env.client, max_page_size != 0 ? max_page_size : 1000);
  g_assert_cmpuint (reference->len, ==, 2500);
  for (guint i = 0; i < servers->len; i++)
    {
      const char *ref = mfm_server_get_ref (g_ptr_array_index (servers, i));

      g_assert_cmpstr (ref, ==, g_ptr_array_index (reference, i));
      g_assert_true (g_hash_table_add (seen, (gpointer) ref));
    }

  env_clear (&env);
}

static void
test_paging (void)
{
  check_paging (0, 3);
}

static void
test_paging_small_server_pages (void)
{
  /* A server that caps pages below 1000: the client follows its page size. */
  check_paging (300, 9);
}

static gboolean
watch_in_flight (gpointer user_data)
{
  gpointer *data = user_data;
  guint *max = data[1];

  *max = MAX (*max, mfm_client_get_n_in_flight (data[0]));
  return G_SOURCE_CONTINUE;
}

/* [what][0] the last done, [what][1] its total, [what][2] how often. */
static void
record_progress (MfmClient         *client,
                 MfmClientProgress  what,
                 guint              done,
                 guint              total,
                 gpointer           user_data)
{
  guint (*seen)[3] = user_data;

  g_assert_cmpint (what, <=, MFM_CLIENT_PROGRESS_APPLYING);
  seen[what][0] = done;
  seen[what][1] = total;
  seen[what][2]++;
}

static void
test_scopes_and_in_flight_limit (void)
{
  Env env = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scopes = NULL;
  guint max_in_flight = 0;
  gpointer data[2];
  guint watch;
  MfmScope *wifi = NULL;
  guint progress[MFM_CLIENT_PROGRESS_APPLYING + 1][3] = { { 0 } };
  gulong progress_id;

  env_start_lab (&env);
  g_object_set (env.sim, "latency-ms", 20, NULL);
  login (env.client, "admin", "admin");

  data[0] = env.client;
  data[1] = &max_in_flight;
  watch = g_idle_add (watch_in_flight, data);
  progress_id = g_signal_connect (env.client, "progress", G_CALLBACK (record_progress), progress);

  mfm_client_get_scopes_async (env.client, "dhcpServers/12", NULL, got_result, NULL);
  result = wait_for_result ();
  scopes = mfm_client_get_scopes_finish (env.client, result, &error);
  g_source_remove (watch);
  g_signal_handler_disconnect (env.client, progress_id);
  g_assert_no_error (error);

  /* The list in one page, then the pools of each of the four scopes; nothing else. */
  g_assert_cmpuint (progress[MFM_CLIENT_PROGRESS_SCOPES][2], ==, 1);
  g_assert_cmpuint (progress[MFM_CLIENT_PROGRESS_SCOPES][0], ==, 4);
  g_assert_cmpuint (progress[MFM_CLIENT_PROGRESS_POOLS][2], ==, 4);
  g_assert_cmpuint (progress[MFM_CLIENT_PROGRESS_POOLS][0], ==, 4);
  g_assert_cmpuint (progress[MFM_CLIENT_PROGRESS_POOLS][1], ==, 4);
  g_assert_cmpuint (progress[MFM_CLIENT_PROGRESS_SERVERS][2], ==, 0);
  g_assert_cmpuint (progress[MFM_CLIENT_PROGRESS_APPLYING][2], ==, 0);

  g_assert_cmpuint (scopes->len, ==, 4);
  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);

      g_assert_cmpstr (mfm_scope_get_server_ref (scope), ==, "dhcpServers/12");
      if (g_strcmp0 (mfm_scope_get_ref (scope), "dhcpScopes/102") == 0)
        wifi = scope;
      if (g_strcmp0 (mfm_scope_get_ref (scope), "dhcpScopes/103") == 0)
        g_assert_cmpuint (mfm_scope_get_pool_count (scope), ==, 0);
      if (g_strcmp0 (mfm_scope_get_ref (scope), "dhcpScopes/104") == 0)
        g_assert_cmpstr (mfm_scope_get_relationship_name (scope), ==, "other-pair");
    }
  g_assert_nonnull (wifi);
  g_assert_cmpuint (mfm_scope_get_pool_count (wifi), ==, 2);
  g_assert_cmpstr (mfm_scope_get_subnet (wifi), ==, "10.1.2.0/24");
  g_assert_cmpuint (count_log_entries (env.client, "GetDHCPAddressPools"), ==, 4);
  g_assert_cmpuint (max_in_flight, >=, 2);
  g_assert_cmpuint (max_in_flight, <=, MFM_MAX_IN_FLIGHT);

  /* One server's scopes are asked for with the filter, and each network from its Range. */
  {
    g_autoptr(JsonObject) params = last_recorded_call_of (&env, "GetDHCPScopes");

    g_assert_cmpstr (json_object_get_string_member (params, "filter"), ==,
                     "dhcpServerRef=dhcpServers/12");
    g_assert_false (json_object_has_member (params, "dhcpServerRef"));
  }
  g_assert_cmpuint (count_log_entries (env.client, "GetRange"), ==, 4);
  for (guint i = 0; i < scopes->len; i++)
    g_assert_nonnull (mfm_scope_get_subnet (g_ptr_array_index (scopes, i)));

  /* The ranges are asked once: again only after a refresh. */
  g_clear_pointer (&scopes, g_ptr_array_unref);
  g_clear_object (&result);
  mfm_client_get_scopes_async (env.client, "dhcpServers/12", NULL, got_result, NULL);
  result = wait_for_result ();
  scopes = mfm_client_get_scopes_finish (env.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_log_entries (env.client, "GetRange"), ==, 4);
  g_assert_cmpstr (mfm_scope_get_subnet (g_ptr_array_index (scopes, 1)), !=, NULL);
  {
    g_autoptr(MfmInventory) inventory = mfm_inventory_new ();

    refresh_inventory (env.client, inventory);
  }
  g_clear_pointer (&scopes, g_ptr_array_unref);
  g_clear_object (&result);
  mfm_client_get_scopes_async (env.client, "dhcpServers/12", NULL, got_result, NULL);
  result = wait_for_result ();
  scopes = mfm_client_get_scopes_finish (env.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_log_entries (env.client, "GetRange"), ==, 8);

  env_clear (&env);
}

/* ---------------------------------------------------------------------------------------- */
/* Dialects: the client against the simulator speaking the documented names and another
 * plausible set; what it writes follows what the server's own relationships carry.         */

static void
get_scope_list (MfmClient   *client,
                const char  *server_ref,
                GPtrArray  **scopes)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  mfm_client_get_scopes_async (client, server_ref, NULL, got_result, NULL);
  result = wait_for_result ();
  *scopes = mfm_client_get_scopes_finish (client, result, &error);
  g_assert_no_error (error);
}

static void
run_dialect (const char *dialect_name)
{
  gboolean alt = g_str_equal (dialect_name, MFM_SIMULATOR_DIALECT_ALT);
  const char *partner_port = alt ? "partnerPort" : "peerPort";
  const char *other_port = alt ? "peerPort" : "partnerPort";
  Env env = { 0 };
  static guint counter;
  g_autofree char *record_name = g_strdup_printf ("dialect-%s-%u.jsonl", dialect_name, ++counter);
  MfmSimulator *sim = mfm_simulator_new ();
  g_autoptr(MfmClient) fresh = NULL;
  g_autoptr(MfmInventory) truth = NULL;
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmRelationship) modified = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GError) error = NULL;
  const char *office[] = { "dhcpScopes/121", NULL };
  MfmDialect *dialect;
  MfmRelationship *listed;
  JsonObject *object;

  mfm_simulator_load_demo (sim);
  g_assert_true (mfm_simulator_set_dialect (sim, dialect_name, &error));
  g_assert_no_error (error);
  env.record_path = g_build_filename (tmp_dir, record_name, NULL);
  g_object_set (sim, "record-path", env.record_path, NULL);
  env_start (&env, sim);
  truth = mfm_simulator_dup_inventory (sim);

  /* Before a server has shown a relationship the inferred default is written: a server that
   * uses the other name refuses it, and says which. */
  fresh = mfm_client_new (mfm_simulator_get_url (sim));
  login (fresh, "admin", "admin");
  mfm_relationship_set_name (relationship, "lon-second");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/24");
  mfm_relationship_set_primary_server (relationship, "dhcp-lon-01.corp.example.net.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/25");
  mfm_relationship_set_secondary_server (relationship, "dhcp-lon-02.corp.example.net.");
  mfm_relationship_set_failover_mode (relationship, "LoadBalance");
  mfm_relationship_set_peer_port (relationship, 648);
  write_async (fresh, mfm_change_new_add (relationship), NULL);
  if (alt)
    {
      g_assert_false (write_ok (fresh, &error));
      g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);
      g_assert_nonnull (strstr (error->message, "peerPort"));
      g_clear_error (&error);
    }
  else
    {
      g_assert_true (write_ok (fresh, &error));
      g_assert_no_error (error);
      write_async (fresh, change_remove ("dhcpServers/24", "lon-second", MFM_DECONFIGURE_DISABLE),
                   NULL);
      g_assert_true (write_ok (fresh, &error));
    }
  g_assert_cmpstr (mfm_dialect_get_chosen (mfm_client_get_dialect (fresh), MFM_DIALECT_PARTNER_PORT),
                   ==, "peerPort");

  login (env.client, "admin", "admin");

  /* Servers and relationships. */
  refresh_inventory (env.client, inventory);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==,
                    g_list_model_get_n_items (mfm_inventory_get_servers (truth)));
  relationships = get_relationships (env.client, NULL);
  g_assert_cmpuint (relationships->len, ==, 4);
  listed = find_relationship (relationships, "ams-failover");
  g_assert_cmpuint (mfm_relationship_get_peer_port (listed), ==, 647);
  g_assert_cmpuint (mfm_relationship_get_scope_count (listed), ==, 4);
  if (alt)
    g_assert_null (mfm_relationship_get_state (listed));
  else
    g_assert_cmpstr (mfm_relationship_get_state (listed), ==, "Normal");

  /* What the client learnt. */
  dialect = mfm_client_get_dialect (env.client);
  g_assert_cmpuint (mfm_dialect_get_n_relationships (dialect), >=, 4);
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_PARTNER_PORT), ==, partner_port);
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_PARTNER_PORT));
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_STATE) == !alt);
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_SAFE_PERIOD) == alt);
  g_assert_true ((mfm_dialect_get_chosen (dialect, MFM_DIALECT_FAILOVER_SERVER_TYPE) != NULL) == alt);
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_SCOPE_REFS), ==, "dhcpScopeRefs");

  /* One server's scopes only, each with its network and its pools. */
  get_scope_list (env.client, "dhcpServers/24", &scopes);
  expected = mfm_inventory_get_scopes_for_server (truth, "dhcpServers/24");
  g_assert_cmpuint (scopes->len, ==, expected->len);
  g_assert_cmpuint (scopes->len, ==, 4);
  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);
      MfmScope *real = mfm_inventory_lookup_scope (truth, mfm_scope_get_ref (scope));

      g_assert_nonnull (real);
      g_assert_cmpstr (mfm_scope_get_server_ref (scope), ==, "dhcpServers/24");
      g_assert_cmpstr (mfm_scope_get_subnet (scope), ==, mfm_scope_get_subnet (real));
      g_assert_cmpstr (mfm_scope_get_name (scope), !=, mfm_scope_get_subnet (real));
      g_assert_cmpuint (mfm_scope_get_pool_count (scope), ==, mfm_scope_get_pool_count (real));
    }
  /* The network from "range" on the scope, or from each scope's Range. */
  g_assert_cmpuint (count_recorded (&env, "GetRange"), ==, alt ? 0 : 4);
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_SCOPE_RANGE) == alt);
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_POOL_FROM));

  /* The review shows the calls in the names they will be sent in. */
  {
    g_autoptr(MfmChange) change = mfm_change_new_add (relationship);
    g_autofree char *preview = mfm_call_text_for_change (change, NULL, env.client);
    g_autofree char *wanted = g_strdup_printf ("\"%s\" : 648", partner_port);

    g_assert_nonnull (strstr (preview, wanted));
    g_assert_null (strstr (preview, other_port));
  }

  /* Every write, in the server's own names. */
  write_async (env.client, mfm_change_new_add (relationship), "add");
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  params = last_recorded_call_of (&env, "AddDHCPFailoverRelationship");
  object = json_object_get_object_member (params, "dhcpFailoverRelationship");
  g_assert_cmpint (json_object_get_int_member (object, partner_port), ==, 648);
  g_assert_false (json_object_has_member (object, other_port));
  g_assert_true (json_object_has_member (object, "dhcpScopeRefs"));
  g_assert_true (json_object_has_member (object, "failoverMode"));
  g_assert_true (json_object_has_member (object, "failoverServerType") == alt);
  g_assert_true (json_object_has_member (object, "safePeriod") == alt);
  g_clear_pointer (&params, json_object_unref);

  modified = mfm_relationship_copy (relationship);
  mfm_relationship_set_peer_port (modified, 649);
  write_async (env.client, mfm_change_new_modify (modified, modified), NULL);
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  params = last_recorded_call_of (&env, "ModifyDHCPFailoverRelationship");
  object = json_object_get_object_member (params, "dhcpFailoverRelationship");
  g_assert_cmpint (json_object_get_int_member (object, partner_port), ==, 649);
  g_assert_false (json_object_has_member (object, other_port));
  g_clear_pointer (&params, json_object_unref);

  write_async (env.client, change_add_scopes ("dhcpServers/24", "lon-second", office), NULL);
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  g_clear_pointer (&relationships, g_ptr_array_unref);
  relationships = get_relationships (env.client, "dhcpServers/24");
  listed = find_relationship (relationships, "lon-second");
  g_assert_nonnull (listed);
  g_assert_cmpuint (mfm_relationship_get_peer_port (listed), ==, 649);
  g_assert_true (mfm_relationship_has_scope (listed, "dhcpScopes/121"));
  if (!alt)
    g_assert_cmpstr (mfm_relationship_get_state (listed), ==, "Normal");

  write_async (env.client, change_remove_scopes ("dhcpServers/24", "lon-second", office,
                                                 MFM_DECONFIGURE_DELETE),
               NULL);
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  write_async (env.client, change_remove ("dhcpServers/24", "lon-second", MFM_DECONFIGURE_DISABLE),
               NULL);
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  g_clear_pointer (&relationships, g_ptr_array_unref);
  relationships = get_relationships (env.client, NULL);
  g_assert_null (find_relationship (relationships, "lon-second"));

  g_clear_object (&fresh);
  env_clear (&env);
}

static void
test_dialect_documented (void)
{
  run_dialect (MFM_SIMULATOR_DIALECT_DOCUMENTED);
}

static void
test_dialect_alt (void)
{
  run_dialect (MFM_SIMULATOR_DIALECT_ALT);
}

static void
relationships_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  guint *n_done = user_data;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GError) error = NULL;

  relationships = mfm_client_get_relationships_finish (MFM_CLIENT (source), result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relationships->len, >, 0);
  (*n_done)++;
}

static void
test_in_flight_limit_many (void)
{
  Env env = { 0 };
  MfmSimulator *sim = mfm_simulator_new ();
  guint max_in_flight = 0;
  gpointer data[2];
  guint watch, n_done = 0;

  mfm_simulator_load_demo (sim);
  g_object_set (sim, "latency-ms", 30, NULL);
  env_start (&env, sim);
  login (env.client, "admin", "admin");

  data[0] = env.client;
  data[1] = &max_in_flight;
  watch = g_idle_add (watch_in_flight, data);

  for (guint i = 0; i < 12; i++)
    mfm_client_get_relationships_async (env.client, NULL, NULL, relationships_done, &n_done);
  while (n_done < 12)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (watch);

  g_assert_cmpuint (max_in_flight, ==, MFM_MAX_IN_FLIGHT);
  env_clear (&env);
}

static void
test_refresh_inventory (void)
{
  Env env = { 0 };
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  MfmServer *a, *a_again;

  env_start_lab (&env);
  login (env.client, "admin", "admin");

  refresh_inventory (env.client, inventory);

  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory)), ==, 1);
  a = mfm_inventory_lookup_server (inventory, "dhcpServers/12");
  g_assert_nonnull (a);
  g_assert_cmpuint (mfm_server_get_relationship_count (a), ==, 1);
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (inventory, "dhcpServers/13")), ==, 0);

  /* A second refresh updates in place. */
  refresh_inventory (env.client, inventory);
  a_again = mfm_inventory_lookup_server (inventory, "dhcpServers/12");
  g_assert_true (a == a_again);

  env_clear (&env);
}

/* One of the two reads failing on the server's side every time: the other part is still
 * shown, and the refresh says what could not be read. */
static void
test_refresh_incomplete (void)
{
  Env env = { 0 };
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const GError *incomplete;

  env_start_lab (&env);
  login (env.client, "admin", "admin");

  mfm_simulator_fail_method (env.sim, MFM_WIRE_GET_RELATIONSHIPS);
  mfm_client_refresh_inventory_async (env.client, inventory, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_true (mfm_client_refresh_inventory_finish (env.client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory)), ==, 0);
  incomplete = mfm_client_refresh_inventory_get_incomplete (env.client, result);
  g_assert_nonnull (incomplete);
  g_assert_error (incomplete, MFM_ERROR, MFM_ERROR_SERVER_FAILURE);
  g_assert_nonnull (strstr (incomplete->message, "relationships"));
  g_assert_nonnull (strstr (incomplete->message, mfm_error_get_sentence (incomplete)));
  /* Sent twice (once more after the first failure), then given up. */
  g_assert_cmpuint (count_log_entries (env.client, MFM_WIRE_GET_RELATIONSHIPS), ==, 2);
  g_clear_object (&result);

  /* Read again: complete. */
  mfm_simulator_fail_method (env.sim, NULL);
  mfm_client_refresh_inventory_async (env.client, inventory, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_true (mfm_client_refresh_inventory_finish (env.client, result, &error));
  g_assert_null (mfm_client_refresh_inventory_get_incomplete (env.client, result));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory)), ==, 1);
  g_clear_object (&result);

  /* The servers failing: the relationships read keep coming, the servers keep what they had. */
  mfm_simulator_fail_method (env.sim, MFM_WIRE_GET_SERVERS);
  mfm_client_refresh_inventory_async (env.client, inventory, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_true (mfm_client_refresh_inventory_finish (env.client, result, &error));
  incomplete = mfm_client_refresh_inventory_get_incomplete (env.client, result);
  g_assert_nonnull (incomplete);
  g_assert_nonnull (strstr (incomplete->message, "servers"));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory)), ==, 1);
  g_clear_object (&result);

  /* Both failing: the refresh fails. */
  g_object_set (env.sim, "fail-rate", 1.0, NULL);
  mfm_client_refresh_inventory_async (env.client, inventory, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_refresh_inventory_finish (env.client, result, &error));
  g_assert_nonnull (error);

  env_clear (&env);
}

/* A server may leave out every optional member (DESIGN §3: a missing one is unknown): the
 * objects still arrive, and the inventory takes them without a server to pair them with. */
static const char sparse_json[] =
  "{\"dhcpServers\":[{\"ref\":\"dhcpServers/1\"},"
  "{\"ref\":\"dhcpServers/2\",\"name\":\"b.lab.example.\",\"type\":\"ISC\"}],"
  "\"dhcpScopes\":[{\"ref\":\"dhcpScopes/1\"},"
  "{\"ref\":\"dhcpScopes/2\",\"dhcpServerRef\":\"dhcpServers/2\",\"pools\":[{\"from\":\"10.0.0.1\",\"to\":\"10.0.0.9\"}]}],"
  "\"dhcpFailoverRelationships\":[{\"name\":\"bare\"},"
  "{\"name\":\"half\",\"primaryServer\":\"b.lab.example.\",\"dhcpScopeRefs\":[\"dhcpScopes/2\",\"dhcpScopes/9\"]}]}";

static void
test_sparse_objects (void)
{
  Env env = { 0 };
  g_autofree char *dataset = g_build_filename (tmp_dir, "sparse.json", NULL);
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GError) error = NULL;
  MfmSimulator *sim = mfm_simulator_new ();
  MfmRelationship *bare, *half;
  MfmServer *unnamed;

  g_assert_true (g_file_set_contents (dataset, sparse_json, -1, NULL));
  if (!mfm_simulator_load_file (sim, dataset, &error))
    g_error ("The dataset did not load: %s", error->message);
  env_start (&env, sim);
  login (env.client, "admin", "admin");

  refresh_inventory (env.client, inventory);

  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory)), ==, 2);
  unnamed = mfm_inventory_lookup_server (inventory, "dhcpServers/1");
  g_assert_nonnull (unnamed);
  g_assert_null (mfm_server_get_name (unnamed));
  g_assert_cmpuint (mfm_server_get_relationship_count (unnamed), ==, 0);

  bare = mfm_inventory_lookup_relationship (inventory, "bare");
  g_assert_nonnull (bare);
  g_assert_null (mfm_relationship_get_primary_server_ref (bare));
  g_assert_null (mfm_inventory_lookup_primary_server (inventory, bare));
  half = mfm_inventory_lookup_relationship (inventory, "half");
  g_assert_nonnull (half);
  g_assert_true (mfm_inventory_lookup_primary_server (inventory, half) ==
                 mfm_inventory_lookup_server (inventory, "dhcpServers/2"));
  g_assert_null (mfm_inventory_lookup_secondary_server (inventory, half));

  mfm_client_get_scopes_async (env.client, "dhcpServers/2", NULL, got_result, NULL);
  result = wait_for_result ();
  scopes = mfm_client_get_scopes_finish (env.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scopes->len, ==, 1);
  g_assert_cmpstr (mfm_scope_get_ref (g_ptr_array_index (scopes, 0)), ==, "dhcpScopes/2");
  g_assert_null (mfm_scope_get_subnet (g_ptr_array_index (scopes, 0)));

  env_clear (&env);
}

/* ---------------------------------------------------------------------------------------- */
/* The whole lifecycle of a relationship                                                     */

static MfmScope *
find_scope (MfmInventory *inventory,
            const char   *server_ref,
            const char   *subnet)
{
  g_autoptr(GPtrArray) scopes = mfm_inventory_get_scopes_for_server (inventory, server_ref);

  for (guint i = 0; i < scopes->len; i++)
    if (g_strcmp0 (mfm_scope_get_subnet (g_ptr_array_index (scopes, i)), subnet) == 0)
      return g_object_ref (g_ptr_array_index (scopes, i));

  return NULL;
}

static void
test_lifecycle (void)
{
  Env env = { 0 };
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmRelationship) modified = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmInventory) snapshot = NULL;
  g_autoptr(MfmScope) copy = NULL;
  const char *both[] = { "dhcpScopes/101", "dhcpScopes/102", NULL };
  const char *office[] = { "dhcpScopes/101", NULL };
  const char *wifi[] = { "dhcpScopes/102", NULL };
  const char *no_pool[] = { "dhcpScopes/103", NULL };
  const char *taken[] = { "dhcpScopes/104", NULL };
  MfmRelationship *listed;
  const char * const *refs;

  env_start_lab (&env);
  login (env.client, "admin", "admin");

  /* 1. Add: the relationship is Empty until its first scope. */
  mfm_relationship_set_name (relationship, "lab-pair");
  mfm_relationship_set_primary_server (relationship, "isc-a.lab.example.");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
  mfm_relationship_set_secondary_server (relationship, "isc-b.lab.example.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
  mfm_relationship_set_failover_mode (relationship, "LoadBalance");
  write_async (env.client, mfm_change_new_add (relationship), "step 1");
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  assert_last_call (&env, "AddDHCPFailoverRelationship",
                    "{\"dhcpFailoverRelationship\":{\"name\":\"lab-pair\","
                    "\"primaryServer\":\"isc-a.lab.example.\",\"secondaryServer\":\"isc-b.lab.example.\","
                    "\"primaryServerRef\":\"dhcpServers/12\",\"secondaryServerRef\":\"dhcpServers/13\","
                    "\"failoverMode\":\"LoadBalance\",\"percentage\":50,\"mclt\":3600,\"port\":647,"
                    "\"peerPort\":647,\"loadBalanceMaxSeconds\":3,\"maxResponseDelay\":60,"
                    "\"maxUnackedUpdates\":10},\"saveComment\":\"step 1\"}");
  relationships = get_relationships (env.client, "dhcpServers/12");
  listed = find_relationship (relationships, "lab-pair");
  g_assert_nonnull (listed);
  g_assert_cmpint (mfm_relationship_get_failover_state (listed), ==, MFM_FAILOVER_STATE_EMPTY);
  g_assert_cmpuint (mfm_relationship_get_scope_count (listed), ==, 0);
  g_assert_cmpuint (mfm_relationship_get_mclt (listed), ==, 3600);
  g_clear_pointer (&relationships, g_ptr_array_unref);

  /* 2. Add scopes: the state changes. */
  write_async (env.client, change_add_scopes ("dhcpServers/12", "lab-pair", both), "step 2");
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  assert_last_call (&env, "AddDHCPScopesToDHCPFailoverRelationship",
                    "{\"dhcpServerRef\":\"dhcpServers/12\",\"dhcpFailoverRelationshipName\":\"lab-pair\","
                    "\"dhcpScopeRefs\":[\"dhcpScopes/101\",\"dhcpScopes/102\"],\"saveComment\":\"step 2\"}");
  relationships = get_relationships (env.client, "dhcpServers/13");
  listed = find_relationship (relationships, "lab-pair");
  g_assert_nonnull (listed);
  g_assert_cmpint (mfm_relationship_get_failover_state (listed), ==, MFM_FAILOVER_STATE_NORMAL);
  g_assert_cmpstr (mfm_relationship_get_state (listed), ==, "Normal");
  g_assert_true (mfm_relationship_has_scope (listed, "dhcpScopes/101"));
  g_assert_true (mfm_relationship_has_scope (listed, "dhcpScopes/102"));
  g_clear_pointer (&relationships, g_ptr_array_unref);

  /* A scope without a pool and a scope already in another relationship are refused. */
  write_async (env.client, change_add_scopes ("dhcpServers/12", "lab-pair", no_pool), NULL);
  g_assert_false (write_ok (env.client, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);
  g_assert_cmpint (mfm_error_get_api_code (error), !=, 0);
  g_clear_error (&error);
  write_async (env.client, change_add_scopes ("dhcpServers/12", "lab-pair", taken), NULL);
  g_assert_false (write_ok (env.client, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);
  g_clear_error (&error);
  relationships = get_relationships (env.client, "dhcpServers/12");
  listed = find_relationship (relationships, "lab-pair");
  g_assert_cmpuint (mfm_relationship_get_scope_count (listed), ==, 2);
  g_assert_cmpuint (mfm_relationship_get_scope_count (find_relationship (relationships, "other-pair")), ==, 1);
  g_clear_pointer (&relationships, g_ptr_array_unref);

  /* 3. Modify: no percentage on the wire. */
  modified = mfm_relationship_copy (relationship);
  mfm_relationship_set_mclt (modified, 7200);
  mfm_relationship_set_load_balance_max_seconds (modified, 5);
  write_async (env.client, mfm_change_new_modify (modified, modified), NULL);
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  assert_last_call (&env, "ModifyDHCPFailoverRelationship",
                    "{\"dhcpFailoverRelationship\":{\"name\":\"lab-pair\","
                    "\"primaryServer\":\"isc-a.lab.example.\",\"secondaryServer\":\"isc-b.lab.example.\","
                    "\"primaryServerRef\":\"dhcpServers/12\",\"secondaryServerRef\":\"dhcpServers/13\","
                    "\"failoverMode\":\"LoadBalance\",\"mclt\":7200,\"port\":647,"
                    "\"peerPort\":647,\"loadBalanceMaxSeconds\":5,\"maxResponseDelay\":60,"
                    "\"maxUnackedUpdates\":10}}");
  relationships = get_relationships (env.client, "dhcpServers/12");
  listed = find_relationship (relationships, "lab-pair");
  g_assert_cmpuint (mfm_relationship_get_mclt (listed), ==, 7200);
  g_assert_cmpuint (mfm_relationship_get_load_balance_max_seconds (listed), ==, 5);
  g_assert_cmpuint (mfm_relationship_get_percentage (listed), ==, 50);
  g_clear_pointer (&relationships, g_ptr_array_unref);

  /* The secondary got a copy of each scope. */
  snapshot = mfm_simulator_dup_inventory (env.sim);
  copy = find_scope (snapshot, "dhcpServers/13", "10.1.1.0/24");
  g_assert_nonnull (copy);
  g_assert_true (mfm_scope_get_enabled (copy));
  g_clear_object (&copy);
  g_clear_object (&snapshot);

  /* 4. Remove a scope with Disable: the secondary's copy stays, disabled. */
  write_async (env.client, change_remove_scopes ("dhcpServers/12", "lab-pair", office,
                                                 MFM_DECONFIGURE_DISABLE),
               NULL);
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  assert_last_call (&env, "RemoveDHCPScopesFromDHCPFailoverRelationship",
                    "{\"dhcpServerRef\":\"dhcpServers/12\",\"dhcpFailoverRelationshipName\":\"lab-pair\","
                    "\"dhcpScopeRefs\":[\"dhcpScopes/101\"],"
                    "\"dhcpFailoverRelationshipDeconfigureAction\":\"Disable\"}");
  relationships = get_relationships (env.client, "dhcpServers/12");
  listed = find_relationship (relationships, "lab-pair");
  refs = mfm_relationship_get_scope_refs (listed);
  g_assert_cmpuint (g_strv_length ((char **) refs), ==, 1);
  g_assert_cmpstr (refs[0], ==, "dhcpScopes/102");
  g_clear_pointer (&relationships, g_ptr_array_unref);
  snapshot = mfm_simulator_dup_inventory (env.sim);
  copy = find_scope (snapshot, "dhcpServers/13", "10.1.1.0/24");
  g_assert_nonnull (copy);
  g_assert_false (mfm_scope_get_enabled (copy));
  g_clear_object (&copy);
  g_clear_object (&snapshot);

  /* 5. Remove the last scope with Delete: the copy is gone and the state is Empty again. */
  write_async (env.client, change_remove_scopes ("dhcpServers/12", "lab-pair", wifi,
                                                 MFM_DECONFIGURE_DELETE),
               "step 5");
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  assert_last_call (&env, "RemoveDHCPScopesFromDHCPFailoverRelationship",
                    "{\"dhcpServerRef\":\"dhcpServers/12\",\"dhcpFailoverRelationshipName\":\"lab-pair\","
                    "\"dhcpScopeRefs\":[\"dhcpScopes/102\"],"
                    "\"dhcpFailoverRelationshipDeconfigureAction\":\"Delete\",\"saveComment\":\"step 5\"}");
  relationships = get_relationships (env.client, "dhcpServers/12");
  listed = find_relationship (relationships, "lab-pair");
  g_assert_cmpint (mfm_relationship_get_failover_state (listed), ==, MFM_FAILOVER_STATE_EMPTY);
  g_assert_cmpuint (mfm_relationship_get_scope_count (listed), ==, 0);
  g_clear_pointer (&relationships, g_ptr_array_unref);
  snapshot = mfm_simulator_dup_inventory (env.sim);
  copy = find_scope (snapshot, "dhcpServers/13", "10.1.2.0/24");
  g_assert_null (copy);
  g_clear_object (&snapshot);

  /* 6. Remove the relationship. */
  write_async (env.client, change_remove ("dhcpServers/12", "lab-pair", MFM_DECONFIGURE_DISABLE),
               "step 6");
  g_assert_true (write_ok (env.client, &error));
  g_assert_no_error (error);
  assert_last_call (&env, "RemoveDHCPFailoverRelationships",
                    "{\"dhcpRefAndFailoverRelationshipNames\":[{\"dhcpServerRef\":\"dhcpServers/12\","
                    "\"dhcpFailoverRelationshipName\":\"lab-pair\"}],"
                    "\"dhcpFailoverRelationshipDeconfigureAction\":\"Disable\",\"saveComment\":\"step 6\"}");
  relationships = get_relationships (env.client, NULL);
  g_assert_null (find_relationship (relationships, "lab-pair"));
  g_assert_nonnull (find_relationship (relationships, "other-pair"));

  env_clear (&env);
}

/* ---------------------------------------------------------------------------------------- */
/* Applying staged changes                                                                   */

static void
count_apply_progress (MfmClient         *client,
                      MfmClientProgress  what,
                      guint              done,
                      guint              total,
                      gpointer           user_data)
{
  guint *last = user_data;

  if (what != MFM_CLIENT_PROGRESS_APPLYING)
    return;
  last[0] = done;
  last[1] = total;
}

static void
test_apply_changes (void)
{
  Env env = { 0 };
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
  g_autoptr(MfmRelationship) first = mfm_relationship_new ();
  g_autoptr(MfmRelationship) second = NULL;
  g_autoptr(MfmRelationship) third = NULL;
  g_autoptr(MfmChange) add_first = NULL;
  g_autoptr(MfmChange) add_second = NULL;
  g_autoptr(MfmChange) add_third = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  guint progress[2] = { 0, 0 };

  env_start_lab (&env);
  login (env.client, "admin", "admin");
  g_signal_connect (env.client, "progress", G_CALLBACK (count_apply_progress), progress);

  mfm_relationship_set_name (first, "pair-one");
  mfm_relationship_set_primary_server (first, "isc-a.lab.example.");
  mfm_relationship_set_primary_server_ref (first, "dhcpServers/12");
  mfm_relationship_set_secondary_server (first, "isc-b.lab.example.");
  mfm_relationship_set_secondary_server_ref (first, "dhcpServers/13");
  second = mfm_relationship_copy (first);
  mfm_relationship_set_name (second, "pair-two");
  third = mfm_relationship_copy (first);
  mfm_relationship_set_name (third, "pair-three");

  add_first = mfm_change_new_add (first);
  add_second = mfm_change_new_add (second);
  add_third = mfm_change_new_add (third);
  mfm_change_set_add (changes, add_first);
  mfm_change_set_add (changes, add_second);
  mfm_change_set_add (changes, add_third);

  mfm_simulator_fail_next_writes (env.sim, 1, 1);
  mfm_client_apply_changes_async (env.client, changes, "from the test", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_apply_changes_finish (env.client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);

  g_assert_cmpint (mfm_change_get_status (add_first), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_cmpint (mfm_change_get_status (add_second), ==, MFM_CHANGE_STATUS_FAILED);
  g_assert_nonnull (strstr (mfm_change_get_error_message (add_second), "Simulated failure"));
  g_assert_false (g_str_has_prefix (mfm_change_get_error_message (add_second), "["));
  g_assert_cmpint (mfm_change_get_status (add_third), ==, MFM_CHANGE_STATUS_PENDING);
  g_assert_cmpuint (progress[0], ==, 1);
  g_assert_cmpuint (progress[1], ==, 3);

  relationships = get_relationships (env.client, "dhcpServers/12");
  g_assert_nonnull (find_relationship (relationships, "pair-one"));
  g_assert_null (find_relationship (relationships, "pair-two"));
  g_assert_null (find_relationship (relationships, "pair-three"));
  g_clear_pointer (&relationships, g_ptr_array_unref);

  /* Saving again applies the failed one and the rest, not the applied one. */
  g_clear_error (&error);
  g_clear_object (&result);
  mfm_client_apply_changes_async (env.client, changes, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_true (mfm_client_apply_changes_finish (env.client, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mfm_change_get_status (add_second), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_cmpint (mfm_change_get_status (add_third), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_null (mfm_change_get_error_message (add_second));
  g_assert_cmpuint (count_log_entries (env.client, "AddDHCPFailoverRelationship"), ==, 4);
  relationships = get_relationships (env.client, "dhcpServers/12");
  g_assert_nonnull (find_relationship (relationships, "pair-three"));

  env_clear (&env);
}

/* Applies @changes and returns whether it succeeded; @error gets the failure. */
static gboolean
apply (MfmClient     *client,
       MfmChangeSet  *changes,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfm_client_apply_changes_async (client, changes, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  return mfm_client_apply_changes_finish (client, result, error);
}

/* The simulator carries out the write, then drops the connection without answering: the
 * change is marked as not known (never "refused", never "could not be reached"), and the next
 * save reads the server back and drops it instead of sending it twice. Every write command. */
static void
test_apply_changes_reset_after_write (void)
{
  Env env = { 0 };
  g_autoptr(MfmRelationship) pair = mfm_relationship_new ();
  g_autoptr(MfmRelationship) slower = NULL;
  g_autoptr(MfmRelationship) with_office = NULL;
  const char *office[] = { "dhcpScopes/101", NULL };
  struct {
    const char *method;
    MfmChange  *change;
  } steps[5];

  env_start_lab (&env);
  login (env.client, "admin", "admin");

  mfm_relationship_set_name (pair, "reset-pair");
  mfm_relationship_set_primary_server (pair, "isc-a.lab.example.");
  mfm_relationship_set_primary_server_ref (pair, "dhcpServers/12");
  mfm_relationship_set_secondary_server (pair, "isc-b.lab.example.");
  mfm_relationship_set_secondary_server_ref (pair, "dhcpServers/13");
  slower = mfm_relationship_copy (pair);
  mfm_relationship_set_mclt (slower, 1800);
  with_office = mfm_relationship_copy (slower);
  mfm_relationship_set_scope_refs (with_office, office);

  steps[0].method = "AddDHCPFailoverRelationship";
  steps[0].change = mfm_change_new_add (pair);
  steps[1].method = "AddDHCPScopesToDHCPFailoverRelationship";
  steps[1].change = mfm_change_new_add_scopes (pair, office);
  steps[2].method = "ModifyDHCPFailoverRelationship";
  steps[2].change = mfm_change_new_modify (pair, slower);
  steps[3].method = "RemoveDHCPScopesFromDHCPFailoverRelationship";
  steps[3].change = mfm_change_new_remove_scopes (with_office, office, MFM_DECONFIGURE_DISABLE);
  steps[4].method = "RemoveDHCPFailoverRelationships";
  steps[4].change = mfm_change_new_remove (slower, MFM_DECONFIGURE_DISABLE);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
      g_autoptr(MfmChange) change = steps[i].change;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) relationships = NULL;
      MfmRelationship *listed;
      guint reads;

      g_test_message ("%s", steps[i].method);
      mfm_change_set_add (changes, change);
      mfm_simulator_reset_after_write (env.sim, steps[i].method, 0);

      g_assert_false (apply (env.client, changes, &error));
      g_assert_nonnull (error);
      g_assert_false (mfm_error_is_refusal (error));
      g_assert_cmpint (mfm_change_get_status (change), ==, MFM_CHANGE_STATUS_UNKNOWN);
      g_assert_cmpstr (mfm_change_get_error_message (change), ==,
                       "The connection to the server ended before it answered.");
      g_assert_cmpuint (count_log_entries (env.client, steps[i].method), ==, 1);

      /* The server did make it. */
      relationships = get_relationships (env.client, "dhcpServers/12");
      listed = find_relationship (relationships, "reset-pair");
      g_assert_true (mfm_change_is_applied_in (change, listed));

      /* Saving again: read back, found, done; the write is not sent a second time. */
      reads = count_log_entries (env.client, "GetDHCPFailoverRelationships");
      g_clear_error (&error);
      g_assert_true (apply (env.client, changes, &error));
      g_assert_no_error (error);
      g_assert_cmpint (mfm_change_get_status (change), ==, MFM_CHANGE_STATUS_APPLIED);
      g_assert_null (mfm_change_get_error_message (change));
      g_assert_cmpuint (count_log_entries (env.client, steps[i].method), ==, 1);
      g_assert_cmpuint (count_log_entries (env.client, "GetDHCPFailoverRelationships"), ==, reads + 1);
    }

  env_clear (&env);
}

/* Reset on the second of three writes (the Nth-write form of the fault): the first is done,
 * the second not known, the third still pending; the next save drops the second after reading
 * back and sends the third. A change not known but not on the server is sent. */
static void
test_apply_changes_reset_nth_write (void)
{
  Env env = { 0 };
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GError) error = NULL;

  env_start_lab (&env);
  login (env.client, "admin", "admin");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
      g_autofree char *name = g_strdup_printf ("nth-%u", i + 1);
      MfmChange *change;

      mfm_relationship_set_name (relationship, name);
      mfm_relationship_set_primary_server (relationship, "isc-a.lab.example.");
      mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
      mfm_relationship_set_secondary_server (relationship, "isc-b.lab.example.");
      mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
      change = mfm_change_new_add (relationship);
      mfm_change_set_add (changes, change);
      g_ptr_array_add (added, change);
    }

  mfm_simulator_reset_after_write (env.sim, NULL, 1);
  g_assert_false (apply (env.client, changes, &error));
  g_clear_error (&error);
  g_assert_cmpint (mfm_change_get_status (g_ptr_array_index (added, 0)), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_cmpint (mfm_change_get_status (g_ptr_array_index (added, 1)), ==, MFM_CHANGE_STATUS_UNKNOWN);
  g_assert_cmpint (mfm_change_get_status (g_ptr_array_index (added, 2)), ==, MFM_CHANGE_STATUS_PENDING);
  g_assert_cmpuint (count_log_entries (env.client, "AddDHCPFailoverRelationship"), ==, 2);

  g_assert_true (apply (env.client, changes, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_log_entries (env.client, "AddDHCPFailoverRelationship"), ==, 3);
  relationships = get_relationships (env.client, "dhcpServers/12");
  g_assert_nonnull (find_relationship (relationships, "nth-2"));
  g_assert_nonnull (find_relationship (relationships, "nth-3"));
  g_clear_pointer (&relationships, g_ptr_array_unref);

  /* Not known, but not there (a crash before the request went out): read back, then sent. */
  {
    g_autoptr(MfmChangeSet) more = mfm_change_set_new ();
    g_autoptr(MfmRelationship) relationship = mfm_relationship_copy (mfm_change_get_relationship (g_ptr_array_index (added, 0)));
    g_autoptr(MfmChange) change = NULL;

    mfm_relationship_set_name (relationship, "nth-4");
    change = mfm_change_new_add (relationship);
    mfm_change_set_status (change, MFM_CHANGE_STATUS_UNKNOWN);
    mfm_change_set_add (more, change);
    g_assert_true (apply (env.client, more, &error));
    g_assert_no_error (error);
    g_assert_cmpint (mfm_change_get_status (change), ==, MFM_CHANGE_STATUS_APPLIED);
    g_assert_cmpuint (count_log_entries (env.client, "AddDHCPFailoverRelationship"), ==, 4);
    relationships = get_relationships (env.client, "dhcpServers/12");
    g_assert_nonnull (find_relationship (relationships, "nth-4"));
  }

  env_clear (&env);
}

static gboolean cancel_soon (gpointer user_data);

static void
test_apply_changes_cancelled (void)
{
  Env env = { 0 };
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start;

  env_start_lab (&env);
  login (env.client, "admin", "admin");
  g_object_set (env.sim, "latency-ms", 2000, NULL);

  mfm_relationship_set_name (relationship, "pair-slow");
  mfm_relationship_set_primary_server (relationship, "isc-a.lab.example.");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
  mfm_relationship_set_secondary_server (relationship, "isc-b.lab.example.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
  add = mfm_change_new_add (relationship);
  mfm_change_set_add (changes, add);

  start = g_get_monotonic_time ();
  mfm_client_apply_changes_async (env.client, changes, NULL, cancellable, got_result, NULL);
  g_timeout_add (150, cancel_soon, cancellable);
  spin (50);
  g_assert_cmpint (mfm_change_get_status (add), ==, MFM_CHANGE_STATUS_APPLYING);
  result = wait_for_result ();
  g_assert_false (mfm_client_apply_changes_finish (env.client, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 1000000);
  /* It was on its way when the save stopped: the server may still make it, so it is not
   * called failed, and not pending either. */
  g_assert_cmpint (mfm_change_get_status (add), ==, MFM_CHANGE_STATUS_UNKNOWN);
  g_assert_cmpstr (mfm_change_get_error_message (add), ==,
                   "Saving was stopped while this change was on its way to the server.");

  env_clear (&env);
}

/* ---------------------------------------------------------------------------------------- */
/* Sessions                                                                                  */

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

/* A misbehaving peer: a SoupServer on the test's own main context. */

typedef enum
{
  PEER_SESSION_NEVER_VALID,   /* Login works, every other call: 5003 */
  PEER_RELOGIN_REFUSED,       /* the first Login works, later ones: 16394; calls: 5003 */
  PEER_FIXED_BODY,            /* status, content type and body from the test */
  PEER_STREAM_CHUNKED,        /* 100 MiB, chunked, sent as the client reads */
  PEER_HUGE_CONTENT_LENGTH,   /* announces 100 MiB */
  PEER_HANG,                  /* never answers */
  PEER_PAGES,                 /* 4,000 servers; the page at offset 1000 fails, late */
  PEER_PAGES_FLAKY,           /* the same, but that page fails once with HTTP 500 */
} PeerMode;

typedef struct
{
  SoupServer *server;
  char       *url;
  PeerMode    mode;
  guint       status;
  const char *content_type;
  const char *body;
  gsize       body_length;
  guint       n_logins;
  guint       n_calls;
  guint       n_failed;
  guint64     bytes_queued;
  GPtrArray  *hung;
} Peer;

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

static Peer *
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

static void
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

static GError *
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

/* One page of thousands failing once on the server's side does not fail the listing. */
static void
test_paging_page_fails_once (void)
{
  Peer *peer = peer_new (PEER_PAGES_FLAKY);
  g_autoptr(MfmClient) client = mfm_client_new (peer->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;

  login (client, "admin", "secret");
  mfm_client_get_servers_async (client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  servers = mfm_client_get_servers_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (servers->len, ==, 4000);
  g_assert_cmpuint (peer->n_failed, ==, 1);
  g_assert_cmpuint (peer->n_calls, ==, 5);

  peer_free (peer);
}

/* Asking whether the user may change failover on these servers, without changing anything:
 * the administrator may, the read-only user may not; a server without the command cannot
 * tell. */
static void
test_write_access (void)
{
  Env env = { 0 };
  g_autoptr(MfmClient) viewer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  static const char *const refs[] = { "dhcpServers/12", "dhcpServers/13", NULL };
  Peer *peer;

  env_start_lab (&env);
  login (env.client, "admin", "admin");
  mfm_client_check_write_access_async (env.client, refs, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_cmpint (mfm_client_check_write_access_finish (env.client, result, &error), ==,
                   MFM_WRITE_ACCESS_ALLOWED);
  g_assert_no_error (error);
  g_clear_object (&result);

  viewer = mfm_client_new (mfm_simulator_get_url (env.sim));
  login (viewer, "viewer", "viewer");
  mfm_client_check_write_access_async (viewer, refs, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_cmpint (mfm_client_check_write_access_finish (viewer, result, &error), ==,
                   MFM_WRITE_ACCESS_DENIED);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (count_log_entries (viewer, MFM_WIRE_HAS_ACCESS), ==, 1);
  g_assert_cmpuint (count_log_entries (viewer, MFM_WIRE_ADD_RELATIONSHIP), ==, 0);
  g_assert_cmpuint (count_log_entries (viewer, MFM_WIRE_ADD_SCOPES), ==, 0);
  env_clear (&env);

  /* An older Micetro without the command. */
  peer = peer_new (PEER_FIXED_BODY);
  peer->status = 200;
  peer->content_type = "application/json";
  peer->body = "{\"error\":{\"code\":-32601,\"message\":\"Unknown command: HasAccess\"}}";
  peer->body_length = strlen (peer->body);
  {
    g_autoptr(MfmClient) client = mfm_client_new (peer->url);

    mfm_client_check_write_access_async (client, refs, NULL, got_result, NULL);
    result = wait_for_result ();
    g_assert_cmpint (mfm_client_check_write_access_finish (client, result, &error), ==,
                     MFM_WRITE_ACCESS_UNKNOWN);
    g_assert_nonnull (error);
  }
  peer_free (peer);
}

/* A change refused for lack of permission says so in the app's words, whatever Micetro's
 * own text for 1028 is, and keeps Micetro's words after it. */
static void
test_permission_message (void)
{
  Peer *peer = peer_new (PEER_FIXED_BODY);
  g_autoptr(MfmClient) client = mfm_client_new (peer->url);
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) permission = g_error_new_literal (MFM_ERROR, MFM_ERROR_PERMISSION, "x");
  const char *message;

  peer->status = 400;
  peer->content_type = "application/json";
  peer->body = "{\"error\":{\"code\":1028,\"message\":\"Denied.\"}}";
  peer->body_length = strlen (peer->body);

  mfm_relationship_set_name (relationship, "not-mine");
  mfm_relationship_set_primary_server (relationship, "isc-a.lab.example.");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
  mfm_relationship_set_secondary_server (relationship, "isc-b.lab.example.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
  add = mfm_change_new_add (relationship);
  mfm_change_set_add (changes, add);

  mfm_client_apply_changes_async (client, changes, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_apply_changes_finish (client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PERMISSION);
  message = mfm_change_get_error_message (add);
  g_assert_true (g_str_has_prefix (message, mfm_error_get_sentence (permission)));
  g_assert_nonnull (strstr (message, "Denied."));
  g_assert_cmpuint (peer->n_calls, ==, 1);

  peer_free (peer);
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

/* A page that fails while later ones have arrived: the first error is reported, nothing of
 * the half-assembled list leaks or is returned. */
static void
test_paging_error (void)
{
  Peer *peer = peer_new (PEER_PAGES);
  g_autoptr(MfmClient) client = mfm_client_new (peer->url);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;

  login (client, "admin", "secret");
  mfm_client_get_servers_async (client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  servers = mfm_client_get_servers_finish (client, result, &error);
  g_assert_null (servers);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);
  g_assert_cmpint (mfm_error_get_api_code (error), ==, 77);
  g_assert_cmpuint (peer->n_calls, ==, 4);
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

/* ---------------------------------------------------------------------------------------- */
/* Timeouts and cancellation                                                                 */

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

static gboolean
cancel_soon (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
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

/* ---------------------------------------------------------------------------------------- */
/* Server errors and malformed answers                                                       */

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

/* ---------------------------------------------------------------------------------------- */
/* TLS                                                                                       */

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

/* ---------------------------------------------------------------------------------------- */
/* Secrets                                                                                   */

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
  int status;

  tmp_dir = g_dir_make_tmp ("mfm-client-XXXXXX", NULL);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client/urls", test_urls);
  g_test_add_func ("/client/invalid-url", test_invalid_url);
  g_test_add_func ("/client/login", test_login);
  g_test_add_func ("/client/logout", test_logout);
  g_test_add_func ("/client/login-unauthorized", test_login_unauthorized);
  g_test_add_func ("/client/server-failure", test_server_failure);
  g_test_add_func ("/client/paging-page-fails-once", test_paging_page_fails_once);
  g_test_add_func ("/client/write-access", test_write_access);
  g_test_add_func ("/client/permission-message", test_permission_message);
  g_test_add_func ("/client/paging", test_paging);
  g_test_add_func ("/client/paging-small-server-pages", test_paging_small_server_pages);
  g_test_add_func ("/client/paging-error", test_paging_error);
  g_test_add_func ("/client/scopes", test_scopes_and_in_flight_limit);
  g_test_add_func ("/client/in-flight-limit", test_in_flight_limit_many);
  g_test_add_func ("/client/dialect/documented", test_dialect_documented);
  g_test_add_func ("/client/dialect/alt", test_dialect_alt);
  g_test_add_func ("/client/refresh-inventory", test_refresh_inventory);
  g_test_add_func ("/client/refresh-incomplete", test_refresh_incomplete);
  g_test_add_func ("/client/sparse-objects", test_sparse_objects);
  g_test_add_func ("/client/lifecycle", test_lifecycle);
  g_test_add_func ("/client/apply-changes", test_apply_changes);
  g_test_add_func ("/client/apply-changes-cancelled", test_apply_changes_cancelled);
  g_test_add_func ("/client/apply-changes-reset-after-write", test_apply_changes_reset_after_write);
  g_test_add_func ("/client/apply-changes-reset-nth-write", test_apply_changes_reset_nth_write);
  g_test_add_func ("/client/session/expiry", test_session_expiry);
  g_test_add_func ("/client/session/expiry-slow", test_session_expiry_slow);
  g_test_add_func ("/client/session/still-failing", test_session_still_failing);
  g_test_add_func ("/client/session/relogin-refused", test_session_relogin_refused);
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
  g_test_add_func ("/client/tls-pinning", test_tls_pinning);
  g_test_add_func ("/client/no-secrets-in-logs", test_no_secrets_in_logs);

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
