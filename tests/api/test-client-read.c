/* test-client-read.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* MfmClient against the real simulator over loopback HTTP. Reading lists: paging, the in-flight limit, one server's scopes, the refresh of an inventory
 * and what a server may leave out. */

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
count_progress (MfmClient         *client,
                MfmClientProgress  what,
                guint              loaded,
                guint              total,
                gpointer           user_data)
{
  guint *last = user_data;

  /* Listing servers reports servers, never anything else, and each report more of them (an
   * empty estate reports its one empty page). */
  g_assert_cmpint (what, ==, MFM_CLIENT_PROGRESS_SERVERS);
  if (last[2] > 0)
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

/* Lists @n_servers servers from a server whose pages hold at most @max_page_size (0: its
 * default, 1000): every server once, in the server's order, in @expected_requests requests
 * and at most @max_round_trips round trips (fewer than the least possible cannot be). */
static void
check_paging (guint n_servers,
              guint max_page_size,
              guint expected_requests,
              guint max_round_trips)
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
  guint pages = MAX ((n_servers + (max_page_size != 0 ? max_page_size : 1000) - 1) /
                     (max_page_size != 0 ? max_page_size : 1000), 1);

  mfm_simulator_generate (sim, n_servers, MIN (100, n_servers / 2), MIN (500, n_servers), 7);
  if (max_page_size != 0)
    g_object_set (sim, "max-page-size", max_page_size, NULL);
  /* Answers that take a while, as a real server's do: a request sent a few milliseconds late
   * on a busy machine then still goes out before the next round of answers, so the round
   * trips counted are the client's, not the machine's load. */
  g_object_set (sim, "latency-ms", 50, NULL);
  env_start (&env, sim);
  login (env.client, "admin", "admin");
  g_signal_connect (env.client, "progress", G_CALLBACK (count_progress), progress);

  requests_before = count_log_entries (env.client, "GetDHCPServers");
  mfm_client_get_servers_async (env.client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  servers = mfm_client_get_servers_finish (env.client, result, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (servers->len, ==, n_servers);
  g_assert_cmpuint (count_log_entries (env.client, "GetDHCPServers") - requests_before, ==,
                    expected_requests);
  g_assert_cmpuint (requests_before, ==, 0);
  g_assert_cmpuint (count_round_trips (env.client, "GetDHCPServers"), <=, max_round_trips);
  /* One report a page that holds servers; the answers beyond the end are not reported. */
  g_assert_cmpuint (progress[0], ==, n_servers);
  g_assert_cmpuint (progress[1], ==, n_servers);
  g_assert_cmpuint (progress[2], ==, pages);

  /* Complete and in the server's order, the same as asking page after page. */
  reference = fetch_pages_one_by_one (env.client, max_page_size != 0 ? max_page_size : 1000);
  g_assert_cmpuint (reference->len, ==, n_servers);
  for (guint i = 0; i < servers->len; i++)
    {
      const char *ref = mfm_server_get_ref (g_ptr_array_index (servers, i));

      g_assert_cmpstr (ref, ==, g_ptr_array_index (reference, i));
      g_assert_true (g_hash_table_add (seen, (gpointer) ref));
      /* Moved out of the pages into the list, not held by both: the list is its only owner
       * while the finished call (@result) is still alive. */
      g_assert_cmpuint (G_OBJECT (g_ptr_array_index (servers, i))->ref_count, ==, 1);
    }

  env_clear (&env);
}

/* The first page goes out together with the next ones, up to the in-flight limit (4): three
 * pages of servers in one round trip, the fourth request answered empty. */
static void
test_paging (void)
{
  check_paging (2500, 0, MFM_MAX_IN_FLIGHT, 1);
}

static void
test_paging_small_server_pages (void)
{
  /* A server that caps pages below 1000: the client follows its page size. The pages sent
   * with the first one asked for 1000 at offsets 1000, 2000 and 3000; they are dropped and
   * the 2200 servers after the first 300 read in 8 pages of 300, 4 at a time: 3 round trips
   * as when the first page went alone, one more when the dropped requests still hold slots
   * of the in-flight limit as the first answer comes in. */
  check_paging (2500, 300, MFM_MAX_IN_FLIGHT + 8, 4);
  /* A cap that divides the page: no server lost or doubled either. */
  check_paging (2500, 500, MFM_MAX_IN_FLIGHT + 4, 3);
}

/* Estates around one page: every server exactly once in one round trip, the requests beyond
 * the end answered empty; then five pages, of which the fifth waits for a free slot. */
static void
test_paging_estate_sizes (void)
{
  check_paging (0, 0, MFM_MAX_IN_FLIGHT, 1);
  check_paging (1, 0, MFM_MAX_IN_FLIGHT, 1);
  check_paging (1000, 0, MFM_MAX_IN_FLIGHT, 1);
  check_paging (1001, 0, MFM_MAX_IN_FLIGHT, 1);
  check_paging (5000, 0, 5, 2);
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

/* A server may leave out every optional member (a missing one is unknown, never a reason to
 * refuse the list): the objects still arrive, and the inventory takes them without a server to
 * pair them with. */
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

/* Servers and relationships in the server's own order (names compared letter by letter, so
 * ams-10 before ams-2), not the one people read names in: the inventory gets them in the order
 * of their names (numbers by value, case aside), those with the same key (no name) in the
 * server's order, as the tables' stable sort would put them, and the client still lists them
 * as the server sent them. */
static const char unordered_json[] =
  "{\"dhcpServers\":[{\"ref\":\"dhcpServers/5\",\"name\":\"ams-10.lab.example.\",\"type\":\"ISC\"},"
  "{\"ref\":\"dhcpServers/7\",\"type\":\"ISC\"},"
  "{\"ref\":\"dhcpServers/2\",\"name\":\"AMS-3.lab.example.\",\"type\":\"ISC\"},"
  "{\"ref\":\"dhcpServers/3\",\"type\":\"ISC\"},"
  "{\"ref\":\"dhcpServers/1\",\"name\":\"ams-2.lab.example.\",\"type\":\"ISC\"}],"
  "\"dhcpScopes\":[],"
  "\"dhcpFailoverRelationships\":[{\"name\":\"rel-10\"},{\"name\":\"Rel-9\"},{\"name\":\"rel-1\"}]}";

static void
test_refresh_in_name_order (void)
{
  Env env = { 0 };
  g_autofree char *dataset = g_build_filename (tmp_dir, "unordered.json", NULL);
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GError) error = NULL;
  MfmSimulator *sim = mfm_simulator_new ();
  const char *server_refs[] = { "dhcpServers/3", "dhcpServers/7", "dhcpServers/1",
                                "dhcpServers/2", "dhcpServers/5" };
  const char *relationship_names[] = { "rel-1", "Rel-9", "rel-10" };
  GListModel *servers = mfm_inventory_get_servers (inventory);
  GListModel *relationships = mfm_inventory_get_relationships (inventory);

  g_assert_true (g_file_set_contents (dataset, unordered_json, -1, NULL));
  if (!mfm_simulator_load_file (sim, dataset, &error))
    g_error ("The dataset did not load: %s", error->message);
  env_start (&env, sim);
  login (env.client, "admin", "admin");

  refresh_inventory (env.client, inventory);

  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, G_N_ELEMENTS (server_refs));
  for (guint i = 0; i < G_N_ELEMENTS (server_refs); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      g_assert_cmpstr (mfm_server_get_ref (server), ==, server_refs[i]);
    }
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, G_N_ELEMENTS (relationship_names));
  for (guint i = 0; i < G_N_ELEMENTS (relationship_names); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);

      g_assert_cmpstr (mfm_relationship_get_name (relationship), ==, relationship_names[i]);
    }

  /* The listing itself is the server's. */
  mfm_client_get_servers_async (env.client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  listed = mfm_client_get_servers_finish (env.client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, G_N_ELEMENTS (server_refs));
  g_assert_cmpstr (mfm_server_get_ref (g_ptr_array_index (listed, 2)), ==, "dhcpServers/5");
  g_assert_cmpstr (mfm_server_get_ref (g_ptr_array_index (listed, 3)), ==, "dhcpServers/1");

  env_clear (&env);
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

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  g_test_add_func ("/client/paging-page-fails-once", test_paging_page_fails_once);
  g_test_add_func ("/client/paging", test_paging);
  g_test_add_func ("/client/paging-small-server-pages", test_paging_small_server_pages);
  g_test_add_func ("/client/paging-estate-sizes", test_paging_estate_sizes);
  g_test_add_func ("/client/paging-error", test_paging_error);
  g_test_add_func ("/client/scopes", test_scopes_and_in_flight_limit);
  g_test_add_func ("/client/in-flight-limit", test_in_flight_limit_many);
  g_test_add_func ("/client/refresh-inventory", test_refresh_inventory);
  g_test_add_func ("/client/refresh-incomplete", test_refresh_incomplete);
  g_test_add_func ("/client/sparse-objects", test_sparse_objects);
  g_test_add_func ("/client/refresh-in-name-order", test_refresh_in_name_order);

  return fixture_run ();
}
