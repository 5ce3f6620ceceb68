/* test-client-write.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* MfmClient against the real simulator over loopback HTTP. Writing: a relationship's whole lifecycle, applying staged changes (also when the answer
 * never comes), and what the user may change. */

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

int
main (int   argc,
      char *argv[])
{
  fixture_init (&argc, &argv);

  g_test_add_func ("/client/write-access", test_write_access);
  g_test_add_func ("/client/permission-message", test_permission_message);
  g_test_add_func ("/client/lifecycle", test_lifecycle);
  g_test_add_func ("/client/apply-changes", test_apply_changes);
  g_test_add_func ("/client/apply-changes-cancelled", test_apply_changes_cancelled);
  g_test_add_func ("/client/apply-changes-reset-after-write", test_apply_changes_reset_after_write);
  g_test_add_func ("/client/apply-changes-reset-nth-write", test_apply_changes_reset_nth_write);

  return fixture_run ();
}
