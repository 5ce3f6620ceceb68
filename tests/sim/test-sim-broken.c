/* test-sim-broken.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-sim-broken"

#include "config.h"

#include <string.h>

#include "mfm-sim-faults.h"
#include "mfm-simulator.h"
#include "mfm-wire.h"
#include "sim-rpc.h"

/* The "faults" the client's tests rely on (--fault NAME) answer as they claim, over
 * loopback, seen with plain libsoup and json-glib rather than the client. */

static MfmSimulator *
start (const char  *faults,
       guint        max_page_size,
       SimRpc     **rpc)
{
  MfmSimulator *simulator = mfm_simulator_new ();
  g_autoptr(GError) error = NULL;

  mfm_simulator_load_demo (simulator);
  if (max_page_size > 0)
    g_object_set (simulator, "max-page-size", max_page_size, NULL);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  *rpc = sim_rpc_new (mfm_simulator_get_url (simulator));
  g_assert_true (sim_rpc_login (*rpc, "admin", "admin", &error));
  g_assert_no_error (error);
  g_object_set (simulator, "faults", faults, NULL);
  return simulator;
}

static void
stop (MfmSimulator *simulator)
{
  mfm_simulator_stop (simulator);
  g_object_unref (simulator);
}

static GPtrArray *
servers_page (SimRpc *rpc,
              gint64  offset,
              guint  *total)
{
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *servers;

  json_object_set_int_member (params, MFM_WIRE_PARAM_OFFSET, offset);
  result = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, params, &error);
  g_assert_no_error (error);
  servers = mfm_wire_servers_from_result (result, total, &error);
  g_assert_no_error (error);
  return servers;
}

static void
test_names (void)
{
  MfmSimFaults faults;
  g_autofree char *unknown = NULL;
  g_autofree char *text = NULL;

  g_assert_true (mfm_sim_faults_parse ("endless-pages, bare-login", &faults, NULL));
  g_assert_cmpint (faults, ==, MFM_SIM_FAULT_ENDLESS_PAGES | MFM_SIM_FAULT_BARE_LOGIN);
  text = mfm_sim_faults_to_string (faults);
  g_assert_cmpstr (text, ==, "endless-pages,bare-login");
  g_assert_false (mfm_sim_faults_parse ("long-names,nonsense", &faults, &unknown));
  g_assert_cmpstr (unknown, ==, "nonsense");
}

static void
test_paging_faults (void)
{
  g_autoptr(SimRpc) rpc = NULL;
  MfmSimulator *simulator = start ("endless-pages", 5, &rpc);
  g_autoptr(GPtrArray) far = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  guint total;

  /* Full pages of new servers however far, without a total. */
  far = servers_page (rpc, 1000000, &total);
  g_assert_cmpuint (far->len, ==, 5);
  g_assert_cmpuint (total, ==, G_MAXUINT);
  g_assert_cmpstr (mfm_server_get_ref (g_ptr_array_index (far, 0)), ==,
                   "dhcpServers/endless-1000000");
  stop (simulator);
  g_clear_pointer (&rpc, sim_rpc_free);

  simulator = start ("huge-total", 0, &rpc);
  g_clear_pointer (&far, g_ptr_array_unref);
  far = servers_page (rpc, 7, &total);
  g_assert_cmpuint (far->len, ==, 1);
  g_assert_cmpstr (mfm_server_get_ref (g_ptr_array_index (far, 0)), ==, "dhcpServers/many-7");
  stop (simulator);
  g_clear_pointer (&rpc, sim_rpc_free);

  /* The same first page at every offset, without a total. */
  simulator = start ("ignore-offset", 2, &rpc);
  first = servers_page (rpc, 0, &total);
  second = servers_page (rpc, 2, &total);
  g_assert_cmpuint (total, ==, G_MAXUINT);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpuint (second->len, ==, 2);
  g_assert_cmpstr (mfm_server_get_ref (g_ptr_array_index (first, 0)), ==,
                   mfm_server_get_ref (g_ptr_array_index (second, 0)));
  stop (simulator);
}

static void
test_object_faults (void)
{
  g_autoptr(SimRpc) rpc = NULL;
  MfmSimulator *simulator = start ("repeated-refs,long-names", 0, &rpc);
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  JsonArray *servers;
  const char *first_ref = NULL;

  result = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_no_error (error);
  servers = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_SERVERS);
  g_assert_cmpuint (json_array_get_length (servers), >, 1);
  for (guint i = 0; i < json_array_get_length (servers); i++)
    {
      JsonObject *server = json_array_get_object_element (servers, i);
      const char *ref = json_object_get_string_member (server, "ref");

      if (i == 0)
        {
          first_ref = ref;
          g_assert_cmpuint (strlen (json_object_get_string_member (server, "name")), ==,
                            1024 * 1024);
        }
      g_assert_cmpstr (ref, ==, first_ref);
    }

  g_clear_pointer (&result, json_node_unref);
  result = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);
  relationships = mfm_wire_relationships_from_result (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relationships->len, >, 1);
  for (guint i = 1; i < relationships->len; i++)
    g_assert_cmpstr (mfm_relationship_get_name (g_ptr_array_index (relationships, i)), ==,
                     mfm_relationship_get_name (g_ptr_array_index (relationships, 0)));
  stop (simulator);
}

/* One name for every relationship, while the servers keep their own refs. */
static void
test_repeated_names (void)
{
  g_autoptr(SimRpc) rpc = NULL;
  MfmSimulator *simulator = start ("repeated-names", 0, &rpc);
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  guint total;

  servers = servers_page (rpc, 0, &total);
  g_assert_cmpuint (servers->len, >, 1);
  for (guint i = 1; i < servers->len; i++)
    g_assert_cmpstr (mfm_server_get_ref (g_ptr_array_index (servers, i)), !=,
                     mfm_server_get_ref (g_ptr_array_index (servers, 0)));

  result = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);
  relationships = mfm_wire_relationships_from_result (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relationships->len, >, 1);
  for (guint i = 1; i < relationships->len; i++)
    g_assert_cmpstr (mfm_relationship_get_name (g_ptr_array_index (relationships, i)), ==,
                     mfm_relationship_get_name (g_ptr_array_index (relationships, 0)));
  stop (simulator);
}

static void
test_answer_faults (void)
{
  g_autoptr(SimRpc) rpc = NULL;
  MfmSimulator *simulator = start ("bare-login,huge-numbers", 0, &rpc);
  g_autoptr(SimRpc) bare = sim_rpc_new (mfm_simulator_get_url (simulator));
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *request = NULL;
  g_autofree char *text = NULL;
  guint status = 0;

  /* Login: {"result":"<session>"}. */
  {
    JsonObject *params = json_object_new ();
    g_autoptr(JsonNode) result = NULL;

    json_object_set_string_member (params, MFM_WIRE_PARAM_LOGIN_NAME, "admin");
    json_object_set_string_member (params, MFM_WIRE_PARAM_PASSWORD, "admin");
    result = sim_rpc_call (bare, MFM_WIRE_LOGIN, params, &error);
    g_assert_no_error (error);
    g_assert_true (JSON_NODE_HOLDS_VALUE (result));
    g_assert_cmpuint (strlen (json_node_get_string (result)), >=, 8);
  }

  /* 2^64 as written, which json-glib cannot hold. */
  request = mfm_wire_build_request (MFM_WIRE_GET_RELATIONSHIPS, NULL, rpc->sid, 2, NULL);
  body = sim_rpc_post_raw (rpc, request, &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, 200);
  text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  if (strstr (text, "\"mclt\":18446744073709551616") == NULL)
    g_error ("No 2^64 in %s", text);
  stop (simulator);
}

static void
test_cut_answers (void)
{
  g_autoptr(SimRpc) rpc = NULL;
  MfmSimulator *simulator = start ("cut-answers", 0, &rpc);
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The length is announced, half the body comes, then the connection closes. */
  result = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_null (result);
  g_assert_nonnull (error);
  g_assert_false (error->domain == SIM_RPC_ERROR);
  stop (simulator);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/broken/names", test_names);
  g_test_add_func ("/sim/broken/paging", test_paging_faults);
  g_test_add_func ("/sim/broken/objects", test_object_faults);
  g_test_add_func ("/sim/broken/answers", test_answer_faults);
  g_test_add_func ("/sim/broken/cut-answers", test_cut_answers);
  g_test_add_func ("/sim/broken/repeated-names", test_repeated_names);

  return g_test_run ();
}
