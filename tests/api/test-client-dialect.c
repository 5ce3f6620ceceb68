/* test-client-dialect.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* MfmClient against the real simulator over loopback HTTP. Dialects: the client against the simulator speaking the documented names and another
 * plausible set; what it writes follows what the server's own relationships carry. */

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

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  g_test_add_func ("/client/dialect/documented", test_dialect_documented);
  g_test_add_func ("/client/dialect/alt", test_dialect_alt);

  return fixture_run ();
}
