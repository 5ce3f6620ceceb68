/* test-simulator.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-simulator"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mfm-simulator.h"
#include "mfm-wire.h"
#include "sim-rpc.h"

/* The simulator in this process, spoken to over real loopback HTTP. */

#define CODE_INVALID_ARGUMENT  4100
#define CODE_SIMULATED_FAILURE 19

typedef struct
{
  MfmSimulator *simulator;
  SimRpc       *rpc;
} Fixture;

static void
fixture_start (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mfm_simulator_start (fixture->simulator, 0, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (mfm_simulator_get_url (fixture->simulator), "http://127.0.0.1:"));
  g_assert_cmpuint (mfm_simulator_get_port (fixture->simulator), >, 0);
  fixture->rpc = sim_rpc_new (mfm_simulator_get_url (fixture->simulator));
  g_assert_true (sim_rpc_login (fixture->rpc, "admin", "admin", &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->simulator = mfm_simulator_new ();
  mfm_simulator_load_demo (fixture->simulator);
  fixture_start (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_pointer (&fixture->rpc, sim_rpc_free);
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
}

/* Helpers speaking the wire through the wire file's own names. */

static JsonObject *
scope_params (const char *server_ref,
              const char *name,
              const char *scope_ref,
              const char *action)
{
  JsonObject *params = json_object_new ();
  JsonArray *refs = json_array_new ();

  json_array_add_string_element (refs, scope_ref);
  json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, server_ref);
  json_object_set_string_member (params, MFM_WIRE_PARAM_RELATIONSHIP_NAME, name);
  json_object_set_array_member (params, MFM_WIRE_PARAM_SCOPE_REFS, refs);
  json_object_set_string_member (params, MFM_WIRE_PARAM_SAVE_COMMENT, "test");
  if (action != NULL)
    json_object_set_string_member (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION, action);
  return params;
}

static gboolean
add_scope (Fixture     *fixture,
           const char  *server_ref,
           const char  *name,
           const char  *scope_ref,
           GError     **error)
{
  g_autoptr(JsonNode) result = sim_rpc_call (fixture->rpc, MFM_WIRE_ADD_SCOPES,
                                             scope_params (server_ref, name, scope_ref, NULL), error);

  return result != NULL;
}

static gboolean
remove_scope (Fixture     *fixture,
              const char  *server_ref,
              const char  *name,
              const char  *scope_ref,
              const char  *action,
              GError     **error)
{
  g_autoptr(JsonNode) result = sim_rpc_call (fixture->rpc, MFM_WIRE_REMOVE_SCOPES,
                                             scope_params (server_ref, name, scope_ref, action), error);

  return result != NULL;
}

static MfmRelationship *
new_relationship (const char *name,
                  const char *primary_ref,
                  const char *secondary_ref)
{
  MfmRelationship *relationship = mfm_relationship_new ();

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server_ref (relationship, primary_ref);
  mfm_relationship_set_secondary_server_ref (relationship, secondary_ref);
  return relationship;
}

static gboolean
send_relationship (Fixture          *fixture,
                   const char       *method,
                   MfmRelationship  *relationship,
                   gboolean          for_modify,
                   GError          **error)
{
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) result = NULL;

  json_object_set_member (params, MFM_WIRE_PARAM_RELATIONSHIP,
                          mfm_wire_relationship_to_json (relationship, for_modify));
  json_object_set_string_member (params, MFM_WIRE_PARAM_SAVE_COMMENT, "test");
  result = sim_rpc_call (fixture->rpc, method, params, error);
  return result != NULL;
}

static gboolean
add_relationship (Fixture     *fixture,
                  const char  *name,
                  const char  *primary_ref,
                  const char  *secondary_ref,
                  GError     **error)
{
  g_autoptr(MfmRelationship) relationship = new_relationship (name, primary_ref, secondary_ref);

  return send_relationship (fixture, MFM_WIRE_ADD_RELATIONSHIP, relationship, FALSE, error);
}

/* Every relationship the API lists, optionally for one server. */
static GPtrArray *
get_relationships (Fixture    *fixture,
                   const char *server_ref)
{
  g_autoptr(GError) error = NULL;
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) result = NULL;
  GPtrArray *relationships = g_ptr_array_new_with_free_func (g_object_unref);
  JsonArray *array;

  if (server_ref != NULL)
    json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, server_ref);
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_RELATIONSHIPS, params, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_RELATIONSHIPS);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      MfmRelationship *relationship = mfm_wire_relationship_from_json (json_array_get_element (array, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (relationships, relationship);
    }
  return relationships;
}

static MfmRelationship *
get_relationship (Fixture    *fixture,
                  const char *name)
{
  g_autoptr(GPtrArray) relationships = get_relationships (fixture, NULL);

  for (guint i = 0; i < relationships->len; i++)
    if (g_strcmp0 (mfm_relationship_get_name (g_ptr_array_index (relationships, i)), name) == 0)
      return g_object_ref (g_ptr_array_index (relationships, i));
  return NULL;
}

static const char *
get_state (Fixture    *fixture,
           const char *name)
{
  g_autoptr(MfmRelationship) relationship = get_relationship (fixture, name);
  static char state[64];

  g_assert_nonnull (relationship);
  g_strlcpy (state, mfm_relationship_get_state (relationship), sizeof state);
  return state;
}

/* The scopes of one server as the API lists them, with their pools. */
static GPtrArray *
get_scopes (Fixture    *fixture,
            const char *server_ref)
{
  g_autoptr(GError) error = NULL;
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) result = NULL;
  GPtrArray *scopes = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *filter = NULL;
  JsonArray *array;

  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER,
                                 filter = mfm_wire_scope_filter_for_server (server_ref));
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SCOPES, params, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_SCOPES);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      MfmScope *scope = mfm_wire_scope_from_json (json_array_get_element (array, i), &error);
      JsonObject *pool_params = json_object_new ();
      JsonObject *range_params = json_object_new ();
      g_autoptr(JsonNode) pools = NULL;
      g_autoptr(JsonNode) range = NULL;
      g_autofree char *network = NULL;

      g_assert_no_error (error);
      /* The network is the name of the scope's Range. */
      g_assert_nonnull (mfm_scope_get_range_ref (scope));
      json_object_set_string_member (range_params, MFM_WIRE_PARAM_RANGE_REF,
                                     mfm_scope_get_range_ref (scope));
      range = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_RANGE, range_params, &error);
      g_assert_no_error (error);
      g_assert_true (mfm_wire_network_from_range_result (range, &network, &error));
      mfm_scope_set_subnet (scope, network);
      json_object_set_string_member (pool_params, MFM_WIRE_PARAM_SCOPE_REF, mfm_scope_get_ref (scope));
      pools = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_ADDRESS_POOLS, pool_params, &error);
      g_assert_no_error (error);
      g_assert_true (mfm_wire_pools_from_json (pools, scope, &error));
      g_ptr_array_add (scopes, scope);
    }
  return scopes;
}

static MfmScope *
find_scope_by_subnet (GPtrArray  *scopes,
                      const char *subnet)
{
  for (guint i = 0; i < scopes->len; i++)
    if (g_strcmp0 (mfm_scope_get_subnet (g_ptr_array_index (scopes, i)), subnet) == 0)
      return g_ptr_array_index (scopes, i);
  return NULL;
}

/* Tests */

static void
test_demo_estate (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(MfmInventory) inventory = mfm_simulator_dup_inventory (fixture->simulator);
  GListModel *servers = mfm_inventory_get_servers (inventory);
  guint n_isc = 0, n_ms = 0, n_kea = 0, n_unreachable = 0, n_without_pool = 0;
  g_autoptr(GHashTable) states = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *relationships = mfm_inventory_get_relationships (inventory);
  GListModel *scopes = mfm_inventory_get_scopes (inventory);

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);
      const char *type = mfm_server_get_server_type (server);

      g_assert_true (g_str_has_suffix (mfm_server_get_name (server), ".corp.example.net."));
      g_assert_true (g_str_has_prefix (mfm_server_get_ref (server), "dhcpServers/"));
      n_isc += g_str_equal (type, "ISC");
      n_ms += g_str_equal (type, "MSDHCP");
      n_kea += g_str_equal (type, "KEA DHCPv4");
      n_unreachable += g_str_equal (type, "ISC") && g_str_equal (mfm_server_get_state (server), "Unreachable");
    }
  g_assert_cmpuint (n_isc, ==, 8);
  g_assert_cmpuint (n_ms, ==, 2);
  g_assert_cmpuint (n_kea, ==, 2);
  g_assert_cmpuint (n_unreachable, ==, 1);
  /* Micetro refs are not simply 1..N. */
  g_assert_null (mfm_inventory_lookup_server (inventory, "dhcpServers/1"));

  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);

      g_hash_table_add (states, (gpointer) g_intern_string (mfm_relationship_get_state (relationship)));
    }
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 4);
  g_assert_true (g_hash_table_contains (states, "Normal"));
  g_assert_true (g_hash_table_contains (states, "Empty"));
  g_assert_true (g_hash_table_contains (states, "Communications interrupted"));

  for (guint i = 0; i < g_list_model_get_n_items (scopes); i++)
    {
      g_autoptr(MfmScope) scope = g_list_model_get_item (scopes, i);

      n_without_pool += mfm_scope_get_pool_count (scope) == 0;
    }
  g_assert_cmpuint (g_list_model_get_n_items (scopes), >=, 25);
  g_assert_cmpuint (n_without_pool, >=, 1);
}

static guint
count_servers (Fixture    *fixture,
               const char *filter,
               char      **first_name)
{
  g_autoptr(GError) error = NULL;
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) result = NULL;
  JsonObject *object;
  JsonArray *array;

  if (filter != NULL)
    json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, filter);
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SERVERS, params, &error);
  g_assert_no_error (error);
  object = json_node_get_object (result);
  array = json_object_get_array_member (object, MFM_WIRE_RESULT_SERVERS);
  g_assert_cmpint (json_object_get_int_member (object, MFM_WIRE_RESULT_TOTAL), ==,
                   json_array_get_length (array));
  if (first_name != NULL && json_array_get_length (array) > 0)
    {
      g_autoptr(MfmServer) server = mfm_wire_server_from_json (json_array_get_element (array, 0), &error);

      g_assert_no_error (error);
      *first_name = g_strdup (mfm_server_get_name (server));
    }
  return json_array_get_length (array);
}

static void
test_list_servers (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (count_servers (fixture, NULL, &first), ==, 12);
  /* Sorted by name. */
  g_assert_cmpstr (first, ==, "dhcp-ams-01.corp.example.net.");
  g_assert_cmpuint (count_servers (fixture, "type=ISC", NULL), ==, 8);
  g_assert_cmpuint (count_servers (fixture, "name=^dhcp-ams", NULL), ==, 2);
  g_assert_cmpuint (count_servers (fixture, "name=@-lon-", NULL), ==, 2);
  g_assert_cmpuint (count_servers (fixture, "type=ISC AND name=@nyc", NULL), ==, 2);
  g_assert_cmpuint (count_servers (fixture, "kea", NULL), ==, 2);
  g_assert_cmpuint (count_servers (fixture, "name=^nothing", NULL), ==, 0);

  /* Pages of 5 until totalResults: every server once. */
  for (guint offset = 0; offset < 12; offset += 5)
    {
      JsonObject *params = json_object_new ();
      g_autoptr(JsonNode) result = NULL;
      JsonArray *array;

      json_object_set_int_member (params, MFM_WIRE_PARAM_OFFSET, offset);
      json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, 5);
      result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SERVERS, params, &error);
      g_assert_no_error (error);
      g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL), ==, 12);
      array = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_SERVERS);
      g_assert_cmpuint (json_array_get_length (array), ==, MIN (5, 12 - offset));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(MfmServer) server = mfm_wire_server_from_json (json_array_get_element (array, i), &error);

          g_assert_no_error (error);
          g_assert_true (g_hash_table_add (seen, g_strdup (mfm_server_get_ref (server))));
        }
    }
  g_assert_cmpuint (g_hash_table_size (seen), ==, 12);
}

static void
test_relationships_for_server (Fixture       *fixture,
                               gconstpointer  data)
{
  g_autoptr(GPtrArray) all = get_relationships (fixture, NULL);
  g_autoptr(GPtrArray) ams_02 = get_relationships (fixture, "dhcpServers/13");
  g_autoptr(GPtrArray) kea = get_relationships (fixture, "dhcpServers/45");
  g_autoptr(GError) error = NULL;
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) result = NULL;

  g_assert_cmpuint (all->len, ==, 4);
  /* The secondary sees the relationship too. */
  g_assert_cmpuint (ams_02->len, ==, 1);
  g_assert_cmpstr (mfm_relationship_get_name (g_ptr_array_index (ams_02, 0)), ==, "ams-failover");
  g_assert_cmpuint (mfm_relationship_get_scope_count (g_ptr_array_index (ams_02, 0)), ==, 4);
  g_assert_cmpuint (kea->len, ==, 0);

  json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, "dhcpServers/999");
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_RELATIONSHIPS, params, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Object not found for reference: dhcpServers/999");
}

static void
test_empty_until_first_scope (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) primary_scopes = NULL;
  g_autoptr(GPtrArray) secondary_scopes = NULL;
  MfmScope *copy;

  g_assert_true (add_relationship (fixture, "lab-failover", "dhcpServers/24", "dhcpServers/31", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (get_state (fixture, "lab-failover"), ==, "Empty");
  g_assert_cmpstr (get_state (fixture, "lon-failover"), ==, "Empty");

  /* The secondary has no copy of LON Office yet: adding the scope creates it. */
  secondary_scopes = get_scopes (fixture, "dhcpServers/25");
  g_assert_null (find_scope_by_subnet (secondary_scopes, "10.30.1.0/24"));
  g_clear_pointer (&secondary_scopes, g_ptr_array_unref);

  g_assert_true (add_scope (fixture, "dhcpServers/24", "lon-failover", "dhcpScopes/121", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (get_state (fixture, "lon-failover"), ==, "Normal");

  primary_scopes = get_scopes (fixture, "dhcpServers/24");
  g_assert_cmpstr (mfm_scope_get_relationship_name (find_scope_by_subnet (primary_scopes, "10.30.1.0/24")),
                   ==, "lon-failover");
  secondary_scopes = get_scopes (fixture, "dhcpServers/25");
  copy = find_scope_by_subnet (secondary_scopes, "10.30.1.0/24");
  g_assert_nonnull (copy);
  g_assert_cmpstr (mfm_scope_get_relationship_name (copy), ==, "lon-failover");
  g_assert_cmpuint (mfm_scope_get_pool_count (copy), ==, 1);
  g_assert_cmpstr (mfm_scope_get_ref (copy), !=, "dhcpScopes/121");

  /* A state set from outside shows once it has scopes. */
  mfm_simulator_set_relationship_state (fixture->simulator, "lon-failover", "Partner down");
  g_assert_cmpstr (get_state (fixture, "lon-failover"), ==, "Partner down");
  mfm_simulator_set_relationship_state (fixture->simulator, "lab-failover", "Recover");
  g_assert_cmpstr (get_state (fixture, "lab-failover"), ==, "Empty");
}

static void
test_scope_needs_pool (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) relationship = NULL;

  /* LON Servers has no pool. */
  g_assert_false (add_scope (fixture, "dhcpServers/24", "lon-failover", "dhcpScopes/124", &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "pool"));
  relationship = get_relationship (fixture, "lon-failover");
  g_assert_cmpuint (mfm_relationship_get_scope_count (relationship), ==, 0);
  g_assert_cmpstr (mfm_relationship_get_state (relationship), ==, "Empty");
}

static void
test_one_relationship_per_scope (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) relationship = NULL;

  g_assert_true (add_scope (fixture, "dhcpServers/24", "lon-failover", "dhcpScopes/122", &error));
  g_assert_no_error (error);
  g_assert_true (add_relationship (fixture, "lon-nyc", "dhcpServers/24", "dhcpServers/31", &error));
  g_assert_no_error (error);

  g_assert_false (add_scope (fixture, "dhcpServers/24", "lon-nyc", "dhcpScopes/122", &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "lon-failover"));
  g_clear_error (&error);

  /* A scope of another server is refused too. */
  g_assert_false (add_scope (fixture, "dhcpServers/24", "lon-nyc", "dhcpScopes/101", &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (add_scope (fixture, "dhcpServers/24", "lon-nyc", "dhcpScopes/999", &error));
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_NOT_FOUND);

  relationship = get_relationship (fixture, "lon-nyc");
  g_assert_cmpuint (mfm_relationship_get_scope_count (relationship), ==, 0);
}

static void
test_add_rules (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) bad_port = new_relationship ("port-test", "dhcpServers/24", "dhcpServers/25");
  g_autoptr(MfmRelationship) bad_name = new_relationship ("-bad name", "dhcpServers/24", "dhcpServers/25");
  g_autoptr(GPtrArray) before = get_relationships (fixture, NULL);
  g_autoptr(GPtrArray) after = NULL;

  /* Names are unique whichever servers use them. */
  g_assert_false (add_relationship (fixture, "ams-failover", "dhcpServers/24", "dhcpServers/25", &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "ams-failover"));
  g_clear_error (&error);

  /* The partner must be another ISC server. */
  g_assert_false (add_relationship (fixture, "to-ms", "dhcpServers/24", "dhcpServers/40", &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "ISC"));
  g_clear_error (&error);
  g_assert_false (add_relationship (fixture, "to-self", "dhcpServers/24", "dhcpServers/24", &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (add_relationship (fixture, "to-nowhere", "dhcpServers/24", "dhcpServers/999", &error));
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_NOT_FOUND);
  g_assert_cmpstr (error->message, ==, "Object not found for reference: dhcpServers/999");
  g_clear_error (&error);

  mfm_relationship_set_port (bad_port, 70000);
  g_assert_false (send_relationship (fixture, MFM_WIRE_ADD_RELATIONSHIP, bad_port, FALSE, &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "65535"));
  g_clear_error (&error);

  g_assert_false (send_relationship (fixture, MFM_WIRE_ADD_RELATIONSHIP, bad_name, FALSE, &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_clear_error (&error);

  after = get_relationships (fixture, NULL);
  g_assert_cmpuint (after->len, ==, before->len);
}

static void
test_modify (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) relationship = get_relationship (fixture, "fra-failover");
  g_autoptr(MfmRelationship) changed = NULL;
  g_autoptr(MfmRelationship) other_percentage = mfm_relationship_copy (relationship);

  g_assert_cmpuint (mfm_relationship_get_percentage (relationship), ==, 50);

  /* Percentage cannot be changed. */
  mfm_relationship_set_percentage (other_percentage, 70);
  mfm_relationship_set_mclt (other_percentage, 900);
  g_assert_false (send_relationship (fixture, MFM_WIRE_MODIFY_RELATIONSHIP, other_percentage, FALSE, &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "percentage"));
  g_clear_error (&error);
  changed = get_relationship (fixture, "fra-failover");
  g_assert_cmpuint (mfm_relationship_get_mclt (changed), ==, mfm_relationship_get_mclt (relationship));
  g_clear_object (&changed);

  /* Modify as the client sends it (no percentage) changes the values. */
  mfm_relationship_set_mclt (other_percentage, 900);
  mfm_relationship_set_max_response_delay (other_percentage, 30);
  g_assert_true (send_relationship (fixture, MFM_WIRE_MODIFY_RELATIONSHIP, other_percentage, TRUE, &error));
  g_assert_no_error (error);
  changed = get_relationship (fixture, "fra-failover");
  g_assert_cmpuint (mfm_relationship_get_mclt (changed), ==, 900);
  g_assert_cmpuint (mfm_relationship_get_max_response_delay (changed), ==, 30);
  g_assert_cmpuint (mfm_relationship_get_percentage (changed), ==, 50);
  g_assert_cmpuint (mfm_relationship_get_scope_count (changed), ==, 3);
  g_assert_cmpstr (mfm_relationship_get_state (changed), ==, "Normal");
  g_clear_object (&changed);

  /* The same percentage is accepted and ignored. */
  mfm_relationship_set_percentage (other_percentage, 50);
  mfm_relationship_set_port (other_percentage, 700);
  g_assert_true (send_relationship (fixture, MFM_WIRE_MODIFY_RELATIONSHIP, other_percentage, FALSE, &error));
  g_assert_no_error (error);
  changed = get_relationship (fixture, "fra-failover");
  g_assert_cmpuint (mfm_relationship_get_port (changed), ==, 700);
  g_clear_object (&changed);

  /* Unknown relationship. */
  mfm_relationship_set_name (other_percentage, "no-such-failover");
  g_assert_false (send_relationship (fixture, MFM_WIRE_MODIFY_RELATIONSHIP, other_percentage, TRUE, &error));
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_NOT_FOUND);
}

static void
test_remove_scopes (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(MfmRelationship) relationship = NULL;
  MfmScope *copy;

  /* Delete: the secondary's copy goes. */
  g_assert_true (remove_scope (fixture, "dhcpServers/31", "nyc-failover", "dhcpScopes/131", "Delete", &error));
  g_assert_no_error (error);
  scopes = get_scopes (fixture, "dhcpServers/32");
  g_assert_null (find_scope_by_subnet (scopes, "10.40.1.0/24"));
  g_clear_pointer (&scopes, g_ptr_array_unref);
  scopes = get_scopes (fixture, "dhcpServers/31");
  g_assert_null (mfm_scope_get_relationship_name (find_scope_by_subnet (scopes, "10.40.1.0/24")));
  g_clear_pointer (&scopes, g_ptr_array_unref);
  g_assert_cmpstr (get_state (fixture, "nyc-failover"), ==, "Communications interrupted");

  /* Disable on the last scope: the copy stays, disabled, and the relationship is Empty. */
  g_assert_true (remove_scope (fixture, "dhcpServers/31", "nyc-failover", "dhcpScopes/132", "Disable", &error));
  g_assert_no_error (error);
  scopes = get_scopes (fixture, "dhcpServers/32");
  copy = find_scope_by_subnet (scopes, "10.40.2.0/24");
  g_assert_nonnull (copy);
  g_assert_false (mfm_scope_get_enabled (copy));
  g_assert_null (mfm_scope_get_relationship_name (copy));
  g_clear_pointer (&scopes, g_ptr_array_unref);
  relationship = get_relationship (fixture, "nyc-failover");
  g_assert_cmpuint (mfm_relationship_get_scope_count (relationship), ==, 0);
  g_assert_cmpstr (mfm_relationship_get_state (relationship), ==, "Empty");

  /* Adding it back re-enables the copy and restores the failover state. */
  g_assert_true (add_scope (fixture, "dhcpServers/31", "nyc-failover", "dhcpScopes/132", &error));
  g_assert_no_error (error);
  scopes = get_scopes (fixture, "dhcpServers/32");
  copy = find_scope_by_subnet (scopes, "10.40.2.0/24");
  g_assert_true (mfm_scope_get_enabled (copy));
  g_assert_cmpstr (mfm_scope_get_relationship_name (copy), ==, "nyc-failover");
  g_assert_cmpstr (get_state (fixture, "nyc-failover"), ==, "Normal");

  /* A scope outside the relationship. */
  g_assert_false (remove_scope (fixture, "dhcpServers/31", "nyc-failover", "dhcpScopes/133", "None", &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
}

static void
test_remove_relationship (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  JsonObject *params = json_object_new ();
  JsonArray *entries = json_array_new ();
  JsonObject *entry = json_object_new ();
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GPtrArray) primary_scopes = NULL;
  g_autoptr(GPtrArray) secondary_scopes = NULL;
  g_autoptr(MfmRelationship) gone = NULL;

  json_object_set_string_member (entry, MFM_WIRE_PARAM_SERVER_REF, "dhcpServers/12");
  json_object_set_string_member (entry, MFM_WIRE_PARAM_RELATIONSHIP_NAME, "ams-failover");
  json_array_add_object_element (entries, entry);
  json_object_set_array_member (params, MFM_WIRE_PARAM_REF_AND_NAMES, entries);
  json_object_set_string_member (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION, "Delete");
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_REMOVE_RELATIONSHIPS, params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);
  g_assert_cmpstr (json_node_get_string (result), ==, "");

  gone = get_relationship (fixture, "ams-failover");
  g_assert_null (gone);
  primary_scopes = get_scopes (fixture, "dhcpServers/12");
  g_assert_cmpuint (primary_scopes->len, ==, 5);
  for (guint i = 0; i < primary_scopes->len; i++)
    g_assert_null (mfm_scope_get_relationship_name (g_ptr_array_index (primary_scopes, i)));
  secondary_scopes = get_scopes (fixture, "dhcpServers/13");
  g_assert_cmpuint (secondary_scopes->len, ==, 0);
}

static void
test_viewer_cannot_write (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SimRpc) viewer = sim_rpc_new (mfm_simulator_get_url (fixture->simulator));
  g_autoptr(JsonNode) result = NULL;
  SimRpc *admin = fixture->rpc;

  g_assert_true (sim_rpc_login (viewer, "viewer", "viewer", &error));
  g_assert_no_error (error);
  result = sim_rpc_call (viewer, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  fixture->rpc = viewer;
  g_assert_false (add_relationship (fixture, "viewer-made", "dhcpServers/24", "dhcpServers/25", &error));
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_ACCESS_DENIED);
  g_assert_cmpstr (error->message, ==, "You do not have access to perform that action.");
  fixture->rpc = admin;
  g_assert_null (get_relationship (fixture, "viewer-made"));
  g_clear_error (&error);

  g_assert_false (sim_rpc_login (viewer, "viewer", "admin", &error));
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_BAD_CREDENTIALS);
  g_assert_cmpstr (error->message, ==, "Invalid username or password.");
}

static JsonNode *
has_access (SimRpc      *rpc,
            const char  *access_name,
            const char  *ref,
            GError     **error)
{
  JsonObject *params = json_object_new ();
  JsonArray *refs = json_array_new ();

  json_array_add_string_element (refs, ref);
  json_object_set_string_member (params, MFM_WIRE_PARAM_ACCESS_NAME, access_name);
  json_object_set_array_member (params, MFM_WIRE_PARAM_OBJ_REFS, refs);
  json_object_set_string_member (params, MFM_WIRE_PARAM_OBJ_TYPE, MFM_WIRE_OBJ_TYPE_DHCP_SERVER);
  return sim_rpc_call (rpc, MFM_WIRE_HAS_ACCESS, params, error);
}

static gboolean
access_granted (SimRpc     *rpc,
                const char *access_name,
                const char *ref)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = has_access (rpc, access_name, ref, &error);
  guint n_allowed = 0, n_denied = 0;

  g_assert_no_error (error);
  g_assert_true (mfm_wire_has_access_from_result (result, &n_allowed, &n_denied, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_allowed + n_denied, ==, 1);
  return n_allowed == 1;
}

/* HasAccess answers without writing: the viewer may list a server but not add scopes to it,
 * the administrator may do both; unknown names and refs are refused as Micetro would. */
static void
test_has_access (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SimRpc) viewer = sim_rpc_new (mfm_simulator_get_url (fixture->simulator));
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_true (sim_rpc_login (viewer, "viewer", "viewer", &error));
  g_assert_no_error (error);

  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  before = mfm_wire_to_string (result, FALSE);
  g_clear_pointer (&result, json_node_unref);

  g_assert_true (access_granted (fixture->rpc, MFM_WIRE_ACCESS_ADD_SCOPE, "dhcpServers/24"));
  g_assert_true (access_granted (fixture->rpc, "access_list", "dhcpServers/24"));
  g_assert_false (access_granted (viewer, MFM_WIRE_ACCESS_ADD_SCOPE, "dhcpServers/24"));
  g_assert_true (access_granted (viewer, "access_list", "dhcpServers/24"));

  result = has_access (viewer, "access_flyToTheMoon", "dhcpServers/24", &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_clear_error (&error);
  result = has_access (viewer, MFM_WIRE_ACCESS_ADD_SCOPE, "dhcpServers/999999", &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_NOT_FOUND);
  g_clear_error (&error);

  /* Asking changed nothing. */
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  after = mfm_wire_to_string (result, FALSE);
  g_assert_cmpstr (before, ==, after);
}

static void
test_sessions (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  JsonObject *params;

  params = json_object_new ();
  json_object_set_string_member (params, MFM_WIRE_PARAM_SESSION, "");
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SERVERS, params, &error);
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_MISSING_SESSION);
  g_clear_error (&error);

  params = json_object_new ();
  json_object_set_string_member (params, MFM_WIRE_PARAM_SESSION, "NotASessionOfThisServer");
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SERVERS, params, &error);
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_INVALID_SESSION);
  g_clear_error (&error);

  mfm_simulator_expire_sessions (fixture->simulator);
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_INVALID_SESSION);
  g_assert_nonnull (strstr (error->message, "session"));
  g_clear_error (&error);

  /* Logging in again works; Logout ends the session. */
  g_assert_true (sim_rpc_login (fixture->rpc, "admin", "admin", &error));
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, json_node_unref);
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_LOGOUT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (result), ==, "");
  g_clear_pointer (&result, json_node_unref);
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_INVALID_SESSION);
}

static void
test_session_ttl (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;

  fixture.simulator = mfm_simulator_new ();
  g_object_set (fixture.simulator, "session-ttl", 2, NULL);
  mfm_simulator_load_demo (fixture.simulator);
  fixture_start (&fixture);

  result = sim_rpc_call (fixture.rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, json_node_unref);

  g_usleep (2200 * 1000);
  result = sim_rpc_call (fixture.rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_INVALID_SESSION);
  g_assert_nonnull (strstr (error->message, "session"));

  fixture_tear_down (&fixture, NULL);
}

static void
test_fail_next_writes (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;

  mfm_simulator_fail_next_writes (fixture->simulator, 1, 1);

  /* Reads do not count. */
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (add_relationship (fixture, "first", "dhcpServers/24", "dhcpServers/31", &error));
  g_assert_no_error (error);
  g_assert_false (add_relationship (fixture, "second", "dhcpServers/24", "dhcpServers/31", &error));
  g_assert_error (error, SIM_RPC_ERROR, CODE_SIMULATED_FAILURE);
  g_assert_true (g_str_has_prefix (error->message, "Simulated failure"));
  g_clear_error (&error);
  g_assert_null (get_relationship (fixture, "second"));
  g_assert_true (add_relationship (fixture, "third", "dhcpServers/24", "dhcpServers/31", &error));
  g_assert_no_error (error);
}

static void
test_protocol_errors (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *uri = g_strconcat (mfm_simulator_get_url (fixture->simulator), MFM_WIRE_ENDPOINT, NULL);
  g_autoptr(SoupMessage) get = soup_message_new (SOUP_METHOD_GET, uri);
  guint status = 0;

  body = soup_session_send_and_read (fixture->rpc->session, get, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (soup_message_get_status (get), ==, SOUP_STATUS_METHOD_NOT_ALLOWED);
  g_clear_pointer (&body, g_bytes_unref);

  result = sim_rpc_call (fixture->rpc, "GetDHCPServerz", NULL, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, -32601);
  g_assert_nonnull (strstr (error->message, "GetDHCPServerz"));
  g_clear_error (&error);

  body = sim_rpc_post_raw (fixture->rpc, "{\"jsonrpc\":", &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "-32700"));
  g_clear_pointer (&body, g_bytes_unref);

  body = sim_rpc_post_raw (fixture->rpc, "[1,2]", &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), "-32600"));
}

/* A dataset file that is not what the help describes is refused with the reason, never served
 * half-loaded; lists left out or null are empty. */
static void
test_dataset_files (void)
{
  static const struct {
    const char *json;
    const char *reason;   /* NULL: loads */
  } cases[] = {
    { "{}", NULL },
    { "{\"dhcpServers\":null}", NULL },
    { "{\"dhcpServers\":[{\"ref\":\"dhcpServers/1\",\"name\":\"a.\"}]}", NULL },
    { "[]", "not a JSON object" },
    { "{\"dhcpServers\":5}", "“dhcpServers” is not an array" },
    { "{\"dhcpScopes\":\"x\"}", "“dhcpScopes” is not an array" },
    { "{\"dhcpFailoverRelationships\":{}}", "“dhcpFailoverRelationships” is not an array" },
    { "{\"dhcpServers\":[{\"ref\":7}]}", "server 1" },
    { "{\"dhcpScopes\":[{\"ref\":\"dhcpScopes/1\",\"pools\":7}]}", "scope 1" },
    { "{\"dhcpFailoverRelationships\":[{\"name\":\"a\",\"percentage\":-3}]}", "relationship 1" },
  };
  g_autofree char *dir = g_dir_make_tmp ("mfm-sim-dataset-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "estate.json", NULL);

  g_assert_nonnull (dir);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
      g_autoptr(GError) error = NULL;
      gboolean loaded;

      g_assert_true (g_file_set_contents (path, cases[i].json, -1, NULL));
      loaded = mfm_simulator_load_file (simulator, path, &error);
      if (cases[i].reason == NULL)
        {
          g_assert_no_error (error);
          g_assert_true (loaded);
        }
      else
        {
          g_assert_false (loaded);
          g_assert_nonnull (error);
          g_test_message ("%s: %s", cases[i].json, error->message);
          g_assert_nonnull (strstr (error->message, cases[i].reason));
        }
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_generate (void)
{
  g_autoptr(MfmSimulator) a = mfm_simulator_new ();
  g_autoptr(MfmSimulator) b = mfm_simulator_new ();
  g_autoptr(MfmSimulator) c = mfm_simulator_new ();
  g_autoptr(MfmSimulator) big = mfm_simulator_new ();
  g_autoptr(MfmInventory) inventory_a = NULL;
  g_autoptr(MfmInventory) inventory_b = NULL;
  g_autoptr(MfmInventory) inventory_c = NULL;
  g_autoptr(MfmInventory) inventory_big = NULL;
  g_autoptr(GString) text_a = g_string_new (NULL);
  g_autoptr(GString) text_b = g_string_new (NULL);
  g_autoptr(GString) text_c = g_string_new (NULL);
  GListModel *servers;
  guint n_isc = 0;
  gint64 start;
  double seconds;

  mfm_simulator_generate (a, 1000, 200, 3000, 42);
  mfm_simulator_generate (b, 1000, 200, 3000, 42);
  mfm_simulator_generate (c, 1000, 200, 3000, 43);
  inventory_a = mfm_simulator_dup_inventory (a);
  inventory_b = mfm_simulator_dup_inventory (b);
  inventory_c = mfm_simulator_dup_inventory (c);

  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory_a)), ==, 1000);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory_a)), ==, 200);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_scopes (inventory_a)), ==, 3000);

  servers = mfm_inventory_get_servers (inventory_a);
  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      n_isc += mfm_server_is_isc (server);
    }
  g_assert_cmpuint (n_isc, >=, 850);
  g_assert_cmpuint (n_isc, <, 1000);

  /* Scope names are free text: none is, or starts with, its network. */
  {
    GListModel *scopes = mfm_inventory_get_scopes (inventory_a);

    for (guint i = 0; i < g_list_model_get_n_items (scopes); i++)
      {
        g_autoptr(MfmScope) scope = g_list_model_get_item (scopes, i);
        g_auto(GStrv) network = g_strsplit (mfm_scope_get_subnet (scope), "/", 2);

        g_assert_false (mfm_wire_is_cidr (mfm_scope_get_name (scope)));
        g_assert_null (strstr (mfm_scope_get_name (scope), network[0]));
      }
  }

  /* Same seed, same estate (compared in the wire format); another seed, another estate. */
  {
    MfmInventory *inventories[] = { inventory_a, inventory_b, inventory_c };
    GString *texts[] = { text_a, text_b, text_c };

    for (guint k = 0; k < 3; k++)
      {
        GListModel *models[] = {
          mfm_inventory_get_servers (inventories[k]),
          mfm_inventory_get_relationships (inventories[k]),
          mfm_inventory_get_scopes (inventories[k]),
        };

        for (guint m = 0; m < 3; m++)
          for (guint i = 0; i < g_list_model_get_n_items (models[m]); i++)
            {
              g_autoptr(GObject) item = g_list_model_get_item (models[m], i);
              g_autoptr(JsonNode) node = NULL;
              g_autofree char *text = NULL;

              if (m == 0)
                node = mfm_wire_server_to_json (MFM_SERVER (item));
              else if (m == 1)
                node = mfm_wire_relationship_to_json (MFM_RELATIONSHIP (item), FALSE);
              else
                node = mfm_wire_pools_to_json (MFM_SCOPE (item));
              text = mfm_wire_to_string (node, FALSE);
              g_string_append (texts[k], text);
              if (m == 2)
                {
                  g_autoptr(JsonNode) scope = mfm_wire_scope_to_json (MFM_SCOPE (item));
                  g_autofree char *scope_text = mfm_wire_to_string (scope, FALSE);

                  g_string_append (texts[k], scope_text);
                }
            }
      }
  }
  g_assert_cmpstr (text_a->str, ==, text_b->str);
  g_assert_cmpstr (text_a->str, !=, text_c->str);

  /* The largest estate the benchmarks use. */
  start = g_get_monotonic_time ();
  mfm_simulator_generate (big, 10000, 5000, 50000, 1);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_test_message ("generate 10000 servers, 5000 relationships, 50000 scopes: %.3f s", seconds);
  inventory_big = mfm_simulator_dup_inventory (big);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory_big)), ==, 10000);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory_big)), ==, 5000);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_scopes (inventory_big)), ==, 50000);
}

typedef char *(*RefReader) (JsonNode  *element,
                            GError   **error);

static char *
read_server_ref (JsonNode  *element,
                 GError   **error)
{
  g_autoptr(MfmServer) server = mfm_wire_server_from_json (element, error);

  return server != NULL ? g_strdup (mfm_server_get_ref (server)) : NULL;
}

static char *
read_scope_ref (JsonNode  *element,
                GError   **error)
{
  g_autoptr(MfmScope) scope = mfm_wire_scope_from_json (element, error);

  return scope != NULL ? g_strdup (mfm_scope_get_ref (scope)) : NULL;
}

/* Pages through @method asking for @limit objects a call. Every page must hold 1000 objects
 * (the simulator's page) and every ref must be new to @seen. Returns the total of the last page
 * and reports the time taken. */
static guint
page_through (SimRpc     *rpc,
              const char *method,
              const char *member,
              guint       limit,
              RefReader   read_ref,
              GHashTable *seen)
{
  gint64 start = g_get_monotonic_time ();
  guint total = 0, pages = 0;

  for (guint offset = 0; offset == 0 || offset < total; offset += 1000)
    {
      JsonObject *params = json_object_new ();
      g_autoptr(JsonNode) result = NULL;
      g_autoptr(GError) error = NULL;
      JsonArray *array;

      json_object_set_int_member (params, MFM_WIRE_PARAM_OFFSET, offset);
      json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, limit);
      result = sim_rpc_call (rpc, method, params, &error);
      g_assert_no_error (error);
      total = json_object_get_int_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL);
      array = json_object_get_array_member (json_node_get_object (result), member);
      g_assert_cmpuint (json_array_get_length (array), ==, 1000);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          char *ref = read_ref (json_array_get_element (array, i), &error);

          g_assert_no_error (error);
          g_assert_true (g_hash_table_add (seen, ref));
        }
      pages++;
    }
  g_test_message ("%u %s in %u pages over loopback: %.3f s", total, member, pages,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);

  return total;
}

static void
test_large_listing (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  fixture.simulator = mfm_simulator_new ();
  mfm_simulator_generate (fixture.simulator, 10000, 5000, 50000, 1);
  fixture_start (&fixture);

  /* Asking for more than a page gets a page. */
  g_assert_cmpuint (page_through (fixture.rpc, MFM_WIRE_GET_SERVERS, MFM_WIRE_RESULT_SERVERS, 5000,
                                  read_server_ref, seen), ==, 10000);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 10000);

  /* Every scope of the estate, page by page. */
  g_hash_table_remove_all (seen);
  g_assert_cmpuint (page_through (fixture.rpc, MFM_WIRE_GET_SCOPES, MFM_WIRE_RESULT_SCOPES, 1000,
                                  read_scope_ref, seen), ==, 50000);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 50000);

  fixture_tear_down (&fixture, NULL);
}

/* Parameters of the wrong type or shape get an API error, never a crash or a change. */
static void
test_wrong_params (Fixture       *fixture,
                   gconstpointer  data)
{
  struct {
    const char *method;
    const char *params;   /* JSON, without the session */
  } cases[] = {
    { MFM_WIRE_GET_SERVERS, "{\"offset\": -1}" },
    { MFM_WIRE_GET_SERVERS, "{\"limit\": \"ten\"}" },
    { MFM_WIRE_GET_SERVERS, "{\"filter\": 7}" },
    { MFM_WIRE_GET_SCOPES, "{\"dhcpServerRef\": \"dhcpServers/0\"}" },
    { MFM_WIRE_GET_SCOPES, "{\"dhcpServerRef\": 12}" },
    { MFM_WIRE_GET_RELATIONSHIPS, "{\"dhcpServerRef\": [\"dhcpServers/12\"]}" },
    { MFM_WIRE_GET_ADDRESS_POOLS, "{}" },
    { MFM_WIRE_GET_ADDRESS_POOLS, "{\"dhcpScopeRef\": [1]}" },
    { MFM_WIRE_ADD_RELATIONSHIP, "{}" },
    { MFM_WIRE_ADD_RELATIONSHIP, "{\"dhcpFailoverRelationship\": 5}" },
    { MFM_WIRE_ADD_RELATIONSHIP, "{\"dhcpFailoverRelationship\": {\"name\": 5}}" },
    { MFM_WIRE_ADD_RELATIONSHIP, "{\"dhcpFailoverRelationship\": {\"name\": \"x\"}}" },
    { MFM_WIRE_MODIFY_RELATIONSHIP, "{\"dhcpFailoverRelationship\": []}" },
    { MFM_WIRE_REMOVE_RELATIONSHIPS, "{\"dhcpRefAndFailoverRelationshipNames\": [5]}" },
    { MFM_WIRE_REMOVE_RELATIONSHIPS, "{\"dhcpRefAndFailoverRelationshipNames\": [{\"dhcpServerRef\": 3}]}" },
    { MFM_WIRE_REMOVE_RELATIONSHIPS, "{\"dhcpRefAndFailoverRelationshipNames\": []}" },
    { MFM_WIRE_REMOVE_RELATIONSHIPS, "{\"dhcpRefAndFailoverRelationshipNames\": [{\"dhcpServerRef\": \"dhcpServers/12\", "
      "\"dhcpFailoverRelationshipName\": \"ams-failover\"}], \"dhcpFailoverRelationshipDeconfigureAction\": \"Explode\"}" },
    { MFM_WIRE_ADD_SCOPES, "{\"dhcpServerRef\": \"dhcpServers/24\", \"dhcpFailoverRelationshipName\": \"lon-failover\", "
      "\"dhcpScopeRefs\": \"dhcpScopes/121\"}" },
    { MFM_WIRE_ADD_SCOPES, "{\"dhcpServerRef\": \"dhcpServers/24\", \"dhcpFailoverRelationshipName\": \"lon-failover\", "
      "\"dhcpScopeRefs\": [121]}" },
    { MFM_WIRE_ADD_SCOPES, "{\"dhcpServerRef\": \"dhcpServers/24\", \"dhcpFailoverRelationshipName\": \"lon-failover\", "
      "\"dhcpScopeRefs\": []}" },
    { MFM_WIRE_ADD_SCOPES, "{\"dhcpServerRef\": \"dhcpServers/12\", \"dhcpFailoverRelationshipName\": \"lon-failover\", "
      "\"dhcpScopeRefs\": [\"dhcpScopes/101\"]}" },
    { MFM_WIRE_REMOVE_SCOPES, "{\"dhcpServerRef\": \"dhcpServers/12\", \"dhcpFailoverRelationshipName\": \"ams-failover\", "
      "\"dhcpScopeRefs\": [\"dhcpScopes/101\"], \"dhcpFailoverRelationshipDeconfigureAction\": 1}" },
  };
  g_autoptr(MfmInventory) before = mfm_simulator_dup_inventory (fixture->simulator);
  g_autoptr(MfmInventory) after = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = NULL;
      JsonObject *params;

      g_assert_true (json_parser_load_from_data (parser, cases[i].params, -1, NULL));
      params = json_object_ref (json_node_get_object (json_parser_get_root (parser)));
      result = sim_rpc_call (fixture->rpc, cases[i].method, params, &error);
      if (result != NULL)
        g_error ("%s %s was accepted", cases[i].method, cases[i].params);
      g_assert_true (error->domain == SIM_RPC_ERROR);
      g_test_message ("%s %s → %d %s", cases[i].method, cases[i].params, error->code, error->message);
    }

  /* The Action value "Explode" and the numeric action changed nothing. */
  after = mfm_simulator_dup_inventory (fixture->simulator);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (after)), ==,
                    g_list_model_get_n_items (mfm_inventory_get_relationships (before)));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_scopes (after)), ==,
                    g_list_model_get_n_items (mfm_inventory_get_scopes (before)));
  g_assert_cmpuint (mfm_relationship_get_scope_count (mfm_inventory_lookup_relationship (after, "ams-failover")), ==, 4);
}

/* Stopping right after starting must not hang, and a stopped simulator starts again. */
static void
test_start_stop (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();

  mfm_simulator_load_demo (simulator);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (mfm_simulator_start (simulator, 0, &error));
      g_assert_no_error (error);
      mfm_simulator_stop (simulator);
    }

  {
    Fixture fixture = { g_object_ref (simulator), NULL };

    fixture_start (&fixture);
    fixture_tear_down (&fixture, NULL);
  }
}

/* Strict like a schema-checking server: a parameter the command does not take is an error, so
 * a wrong name in a client cannot hide. GetDHCPScopes has no dhcpServerRef parameter. */
static void
test_unknown_parameters (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const methods[] = {
    MFM_WIRE_GET_SERVERS, MFM_WIRE_GET_SCOPES, MFM_WIRE_GET_RANGE, MFM_WIRE_GET_ADDRESS_POOLS,
    MFM_WIRE_GET_RELATIONSHIPS, MFM_WIRE_ADD_RELATIONSHIP, MFM_WIRE_REMOVE_SCOPES,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(MfmInventory) before = mfm_simulator_dup_inventory (fixture->simulator);
  g_autoptr(MfmInventory) after = NULL;
  JsonObject *params = json_object_new ();

  json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, "dhcpServers/24");
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SCOPES, params, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, MFM_WIRE_PARAM_SERVER_REF));
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
    {
      params = json_object_new ();
      json_object_set_string_member (params, "subnet", "10.0.0.0/24");
      result = sim_rpc_call (fixture->rpc, methods[i], params, &error);
      g_assert_null (result);
      g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, "subnet"));
      g_clear_error (&error);
    }

  /* A member a relationship of this server does not have is refused too. */
  params = json_object_new ();
  {
    JsonObject *relationship = json_object_new ();

    json_object_set_string_member (relationship, "name", "x-pair");
    json_object_set_string_member (relationship, "primaryServerRef", "dhcpServers/24");
    json_object_set_string_member (relationship, "secondaryServerRef", "dhcpServers/25");
    json_object_set_int_member (relationship, mfm_wire_member_name (MFM_WIRE_MEMBER_PARTNER_PORT),
                                647);
    json_object_set_object_member (params, MFM_WIRE_PARAM_RELATIONSHIP, relationship);
  }
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_ADD_RELATIONSHIP, params, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "partnerPort"));
  g_clear_error (&error);

  after = mfm_simulator_dup_inventory (fixture->simulator);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (after)), ==,
                    g_list_model_get_n_items (mfm_inventory_get_relationships (before)));
}

/* One server's scopes through the filter, their networks through GetRange, and "id": null
 * whatever id the request had, as recorded Micetro traffic shows. */
static void
test_scope_filter_and_ranges (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GPtrArray) scopes = NULL;
  JsonObject *params = json_object_new ();
  JsonArray *array;
  guint status;
  const char *ref = NULL;

  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER,
                                 "dhcpServerRef=dhcpServers/24 AND name=^LON");
  json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, 2);
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SCOPES, params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL), ==, 4);
  array = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_SCOPES);
  g_assert_cmpuint (json_array_get_length (array), ==, 2);
  g_clear_pointer (&result, json_node_unref);

  scopes = get_scopes (fixture, "dhcpServers/24");
  g_assert_cmpuint (scopes->len, ==, 4);
  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);

      g_assert_cmpstr (mfm_scope_get_server_ref (scope), ==, "dhcpServers/24");
      g_assert_true (mfm_wire_is_cidr (mfm_scope_get_subnet (scope)));
      g_assert_false (mfm_wire_is_cidr (mfm_scope_get_name (scope)));
      if (g_strcmp0 (mfm_scope_get_subnet (scope), "10.30.1.0/24") == 0)
        ref = mfm_scope_get_range_ref (scope);
    }
  g_assert_nonnull (ref);

  /* A bad filter and an unknown Range are errors. */
  params = json_object_new ();
  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, "=dhcpServers/24");
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_SCOPES, params, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, CODE_INVALID_ARGUMENT);
  g_clear_error (&error);
  params = json_object_new ();
  json_object_set_string_member (params, MFM_WIRE_PARAM_RANGE_REF, "ranges/9999");
  result = sim_rpc_call (fixture->rpc, MFM_WIRE_GET_RANGE, params, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, MFM_WIRE_CODE_NOT_FOUND);
  g_clear_error (&error);

  body = sim_rpc_post_raw (fixture->rpc,
                           "{\"jsonrpc\":\"2.0\",\"method\":\"Login\",\"params\":{\"loginName\":\"admin\","
                           "\"password\":\"admin\",\"server\":\"x\"},\"id\":41}",
                           &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  "\"id\":null"));
}

/* The other dialect: partnerPort, no state, the network on the scope, the WSDL's members. */
static void
test_alt_dialect (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  JsonObject *params = json_object_new ();
  JsonObject *object;
  JsonArray *array;

  fixture.simulator = mfm_simulator_new ();
  g_assert_false (mfm_simulator_set_dialect (fixture.simulator, "klingon", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (mfm_simulator_set_dialect (fixture.simulator, MFM_SIMULATOR_DIALECT_ALT, &error));
  mfm_simulator_load_demo (fixture.simulator);
  fixture_start (&fixture);

  result = sim_rpc_call (fixture.rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_RELATIONSHIPS);
  object = json_array_get_object_element (array, 0);
  g_assert_true (json_object_has_member (object, mfm_wire_member_name (MFM_WIRE_MEMBER_PARTNER_PORT)));
  g_assert_false (json_object_has_member (object, mfm_wire_member_name (MFM_WIRE_MEMBER_PEER_PORT)));
  g_assert_false (json_object_has_member (object, mfm_wire_member_name (MFM_WIRE_MEMBER_STATE)));
  g_assert_true (json_object_has_member (object, mfm_wire_member_name (MFM_WIRE_MEMBER_SAFE_PERIOD)));
  g_clear_pointer (&result, json_node_unref);

  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, "dhcpServerRef=dhcpServers/24");
  result = sim_rpc_call (fixture.rpc, MFM_WIRE_GET_SCOPES, params, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_SCOPES);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(MfmScope) scope = mfm_wire_scope_from_json (json_array_get_element (array, i), &error);

      g_assert_no_error (error);
      g_assert_true (mfm_wire_is_cidr (mfm_scope_get_subnet (scope)));
    }

  fixture_tear_down (&fixture, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/sim/demo-estate", test_demo_estate);
  ADD ("/sim/list-servers", test_list_servers);
  ADD ("/sim/relationships-for-server", test_relationships_for_server);
  ADD ("/sim/empty-until-first-scope", test_empty_until_first_scope);
  ADD ("/sim/scope-needs-pool", test_scope_needs_pool);
  ADD ("/sim/one-relationship-per-scope", test_one_relationship_per_scope);
  ADD ("/sim/add-rules", test_add_rules);
  ADD ("/sim/modify", test_modify);
  ADD ("/sim/remove-scopes", test_remove_scopes);
  ADD ("/sim/remove-relationship", test_remove_relationship);
  ADD ("/sim/viewer-cannot-write", test_viewer_cannot_write);
  ADD ("/sim/has-access", test_has_access);
  ADD ("/sim/sessions", test_sessions);
  ADD ("/sim/fail-next-writes", test_fail_next_writes);
  ADD ("/sim/protocol-errors", test_protocol_errors);
  ADD ("/sim/wrong-params", test_wrong_params);
  ADD ("/sim/unknown-parameters", test_unknown_parameters);
  ADD ("/sim/scope-filter-and-ranges", test_scope_filter_and_ranges);
#undef ADD
  g_test_add_func ("/sim/start-stop", test_start_stop);
  g_test_add_func ("/sim/session-ttl", test_session_ttl);
  g_test_add_func ("/sim/generate", test_generate);
  g_test_add_func ("/sim/dataset-files", test_dataset_files);
  g_test_add_func ("/sim/large-listing", test_large_listing);
  g_test_add_func ("/sim/alt-dialect", test_alt_dialect);

  return g_test_run ();
}
