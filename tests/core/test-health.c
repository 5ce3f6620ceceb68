/* test-health.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-health"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mfm-health.h"
#include "mfm-state-history.h"

#define NOW 1800000000

/* A healthy pair: dc1 and dc2 in "pair", two scopes on both with the same pools. */
typedef struct
{
  MfmServer       *primary;
  MfmServer       *secondary;
  MfmRelationship *relationship;
  GPtrArray       *primary_scopes;
  GPtrArray       *secondary_scopes;
  GPtrArray       *primary_relationships;
  GPtrArray       *secondary_relationships;
  MfmHealthInput   input;
} Fixture;

static MfmScope *
make_scope (const char *ref,
            const char *server_ref,
            const char *subnet,
            const char *start,
            const char *end,
            const char *peer)
{
  MfmScope *scope = mfm_scope_new (ref, "Clients", server_ref, subnet);

  mfm_scope_add_pool (scope, start, end, peer);

  return scope;
}

static MfmRelationship *
make_relationship (void)
{
  MfmRelationship *relationship = mfm_relationship_new ();
  const char *refs[] = { "dhcpScopes/1", "dhcpScopes/2", NULL };

  g_object_set (relationship,
                "name", "pair",
                "primary-server-ref", "dhcpServers/1",
                "primary-server", "dc1.example.com.",
                "secondary-server-ref", "dhcpServers/2",
                "secondary-server", "dc2.example.com.",
                "state", "Normal",
                NULL);
  mfm_relationship_set_scope_refs (relationship, refs);

  return relationship;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->primary = mfm_server_new ("dhcpServers/1", "dc1.example.com.", "10.0.0.1", "ISC", "OK");
  fixture->secondary = mfm_server_new ("dhcpServers/2", "dc2.example.com.", "10.0.0.2", "ISC", "OK");
  fixture->relationship = make_relationship ();

  fixture->primary_scopes = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fixture->primary_scopes,
                   make_scope ("dhcpScopes/1", "dhcpServers/1", "10.0.1.0/24",
                               "10.0.1.100", "10.0.1.199", "pair"));
  g_ptr_array_add (fixture->primary_scopes,
                   make_scope ("dhcpScopes/2", "dhcpServers/1", "10.0.2.0/24",
                               "10.0.2.100", "10.0.2.199", "pair"));
  /* Not in any relationship, and not on the partner: no business of this pair. */
  g_ptr_array_add (fixture->primary_scopes,
                   make_scope ("dhcpScopes/3", "dhcpServers/1", "10.0.3.0/24",
                               "10.0.3.100", "10.0.3.199", NULL));

  fixture->secondary_scopes = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fixture->secondary_scopes,
                   make_scope ("dhcpScopes/11", "dhcpServers/2", "10.0.1.0/24",
                               "10.0.1.100", "10.0.1.199", "pair"));
  g_ptr_array_add (fixture->secondary_scopes,
                   make_scope ("dhcpScopes/12", "dhcpServers/2", "10.0.2.0/24",
                               "10.0.2.100", "10.0.2.199", "pair"));

  fixture->primary_relationships = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fixture->primary_relationships, make_relationship ());
  fixture->secondary_relationships = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (fixture->secondary_relationships, make_relationship ());

  fixture->input = (MfmHealthInput) {
    .relationship = fixture->relationship,
    .primary = fixture->primary,
    .secondary = fixture->secondary,
    .primary_scopes = fixture->primary_scopes,
    .secondary_scopes = fixture->secondary_scopes,
    .primary_relationships = fixture->primary_relationships,
    .secondary_relationships = fixture->secondary_relationships,
    .state_since = NOW - 60,
    .now = NOW,
  };
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->primary);
  g_clear_object (&fixture->secondary);
  g_clear_object (&fixture->relationship);
  g_clear_pointer (&fixture->primary_scopes, g_ptr_array_unref);
  g_clear_pointer (&fixture->secondary_scopes, g_ptr_array_unref);
  g_clear_pointer (&fixture->primary_relationships, g_ptr_array_unref);
  g_clear_pointer (&fixture->secondary_relationships, g_ptr_array_unref);
}

static MfmScope *
scope_at (GPtrArray *scopes,
          guint      index)
{
  return g_ptr_array_index (scopes, index);
}

/* Exactly one finding, with this id and subject, and its sentences filled in. */
static void
assert_only (Fixture    *fixture,
             const char *id,
             const char *subject)
{
  g_autoptr(GPtrArray) findings = mfm_health_check (&fixture->input);
  const MfmHealthFinding *finding;

  for (guint i = 0; i < findings->len; i++)
    {
      finding = g_ptr_array_index (findings, i);
      g_test_message ("found %s (%s): %s", finding->id, finding->subject, finding->message);
    }

  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpstr (finding->id, ==, id);
  g_assert_cmpstr (finding->subject, ==, subject);
  g_assert_nonnull (finding->message);
  g_assert_nonnull (finding->action);
  g_assert_null (strstr (finding->message, "%s"));
  if (subject != NULL)
    g_assert_nonnull (strstr (finding->message, subject));
}

static void
assert_none (Fixture *fixture)
{
  g_autoptr(GPtrArray) findings = mfm_health_check (&fixture->input);

  for (guint i = 0; i < findings->len; i++)
    {
      const MfmHealthFinding *finding = g_ptr_array_index (findings, i);

      g_test_message ("unexpected %s (%s): %s", finding->id, finding->subject, finding->message);
    }
  g_assert_cmpuint (findings->len, ==, 0);
  g_assert_cmpint (mfm_health_worst_severity (findings), ==, -1);
}

static void
test_healthy (Fixture       *fixture,
              gconstpointer  data)
{
  assert_none (fixture);
}

static void
test_server_states (Fixture       *fixture,
                    gconstpointer  data)
{
  /* Anything but the two states named is no finding of this rule. */
  mfm_server_set_state (fixture->secondary, "Impaired");
  assert_none (fixture);

  mfm_server_set_state (fixture->secondary, "Unreachable");
  assert_only (fixture, "server-unreachable", mfm_server_get_display_name (fixture->secondary));

  mfm_server_set_state (fixture->secondary, "OK");
  mfm_server_set_state (fixture->primary, "Service Down");
  assert_only (fixture, "service-down", mfm_server_get_display_name (fixture->primary));
}

static void
test_listed_on_one_server (Fixture       *fixture,
                           gconstpointer  data)
{
  g_ptr_array_set_size (fixture->secondary_relationships, 0);
  assert_only (fixture, "relationship-on-one-server",
               mfm_server_get_display_name (fixture->secondary));

  /* Not read from that server: nothing can be said. */
  fixture->input.secondary_relationships = NULL;
  assert_none (fixture);
}

static void
test_values_differ (Fixture       *fixture,
                    gconstpointer  data)
{
  MfmRelationship *on_secondary = g_ptr_array_index (fixture->secondary_relationships, 0);

  /* Ports given from each server's side are the same ports. */
  mfm_relationship_set_port (on_secondary, 519);
  mfm_relationship_set_peer_port (on_secondary, 647);
  mfm_relationship_set_port (g_ptr_array_index (fixture->primary_relationships, 0), 647);
  mfm_relationship_set_peer_port (g_ptr_array_index (fixture->primary_relationships, 0), 519);
  assert_none (fixture);

  mfm_relationship_set_peer_port (on_secondary, 648);
  assert_only (fixture, "relationship-values-differ", "Port, Partner port");

  mfm_relationship_set_port (on_secondary, 647);
  mfm_relationship_set_peer_port (on_secondary, 519);
  mfm_relationship_set_mclt (on_secondary, 3601);
  assert_only (fixture, "relationship-values-differ", "Maximum client lead time");

  mfm_relationship_set_mclt (on_secondary, 3600);
  mfm_relationship_set_percentage (on_secondary, 49);
  assert_only (fixture, "relationship-values-differ", "Percentage");
}

static void
test_scope_missing (Fixture       *fixture,
                    gconstpointer  data)
{
  g_ptr_array_remove_index (fixture->secondary_scopes, 1);
  assert_only (fixture, "scope-missing-on-partner", "10.0.2.0/24");

  /* Only on the secondary, in the relationship there. */
  g_ptr_array_remove_index (fixture->primary_scopes, 0);
  g_ptr_array_add (fixture->secondary_scopes,
                   make_scope ("dhcpScopes/12", "dhcpServers/2", "10.0.2.0/24",
                               "10.0.2.100", "10.0.2.199", "pair"));
  assert_only (fixture, "scope-missing-on-partner", "10.0.1.0/24");

  /* Scopes of one side not read: no scope finding at all. */
  fixture->input.secondary_scopes = NULL;
  assert_none (fixture);
}

static void
test_scope_not_in_relationship (Fixture       *fixture,
                                gconstpointer  data)
{
  mfm_scope_set_failover_peer (scope_at (fixture->secondary_scopes, 0), NULL);
  assert_only (fixture, "scope-not-in-relationship-on-partner", "10.0.1.0/24");

  /* A scope the relationship lists by its ref counts as in it, even before its pools say so. */
  mfm_scope_set_failover_peer (scope_at (fixture->secondary_scopes, 0), "pair");
  mfm_scope_set_failover_peer (scope_at (fixture->primary_scopes, 0), NULL);
  assert_none (fixture);

  /* Out of the relationship on the primary, in it on the secondary. */
  {
    const char *refs[] = { "dhcpScopes/2", NULL };

    mfm_relationship_set_scope_refs (fixture->relationship, refs);
    assert_only (fixture, "scope-not-in-relationship-on-partner", "10.0.1.0/24");
  }
}

static void
test_pools_differ (Fixture       *fixture,
                   gconstpointer  data)
{
  MfmScope *copy = scope_at (fixture->secondary_scopes, 0);

  /* The same pools in another order are the same. */
  mfm_scope_add_pool (scope_at (fixture->primary_scopes, 0), "10.0.1.20", "10.0.1.29", "pair");
  mfm_scope_clear_pools (copy);
  mfm_scope_add_pool (copy, "10.0.1.20", "10.0.1.29", "pair");
  mfm_scope_add_pool (copy, "10.0.1.100", "10.0.1.199", "pair");
  assert_none (fixture);

  /* One address at the end of one pool is enough. */
  mfm_scope_clear_pools (copy);
  mfm_scope_add_pool (copy, "10.0.1.20", "10.0.1.29", "pair");
  mfm_scope_add_pool (copy, "10.0.1.100", "10.0.1.198", "pair");
  assert_only (fixture, "pools-differ", "10.0.1.0/24");

  /* A pool missing on one side. */
  mfm_scope_clear_pools (copy);
  mfm_scope_add_pool (copy, "10.0.1.100", "10.0.1.199", "pair");
  assert_only (fixture, "pools-differ", "10.0.1.0/24");
}

static void
test_pool_collision (Fixture       *fixture,
                     gconstpointer  data)
{
  MfmScope *scope = scope_at (fixture->primary_scopes, 1);

  /* A second pool of the same scope that names another relationship. */
  mfm_scope_add_pool (scope, "10.0.2.20", "10.0.2.29", "other");
  mfm_scope_add_pool (scope_at (fixture->secondary_scopes, 1), "10.0.2.20", "10.0.2.29", "pair");
  assert_only (fixture, "pool-collision", "10.0.2.0/24");

  /* The same pool naming this relationship is no collision. */
  mfm_scope_clear_pools (scope);
  mfm_scope_add_pool (scope, "10.0.2.100", "10.0.2.199", "pair");
  mfm_scope_add_pool (scope, "10.0.2.20", "10.0.2.29", "pair");
  assert_none (fixture);
}

static void
test_not_normal_too_long (Fixture       *fixture,
                          gconstpointer  data)
{
  mfm_relationship_set_mclt (fixture->relationship, 600);
  mfm_relationship_set_state (fixture->relationship, "Communications interrupted");

  /* Exactly one MCLT is not longer than it. */
  fixture->input.state_since = NOW - 600;
  assert_none (fixture);

  fixture->input.state_since = NOW - 601;
  assert_only (fixture, "not-normal-too-long", "Communications interrupted");

  /* The advice says how to do what Micetro cannot. */
  {
    g_autoptr(GPtrArray) findings = mfm_health_check (&fixture->input);
    const MfmHealthFinding *finding = g_ptr_array_index (findings, 0);

    g_assert_nonnull (strstr (finding->action, "omshell"));
    g_assert_nonnull (strstr (finding->action, "local-state = 4"));
  }

  /* Normal, or a time not known, is never too long. */
  fixture->input.state_since = 0;
  assert_none (fixture);
  fixture->input.state_since = NOW - 100000;
  mfm_relationship_set_state (fixture->relationship, "Normal");
  assert_none (fixture);
}

static void
test_state_texts (void)
{
  /* Every state has both sentences, and no two states share one. */
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (MfmFailoverState state = MFM_FAILOVER_STATE_UNKNOWN; state <= MFM_FAILOVER_STATE_SHUTDOWN; state++)
    {
      const char *meaning = mfm_failover_state_get_meaning (state);

      g_assert_nonnull (meaning);
      g_assert_nonnull (mfm_failover_state_get_advice (state));
      g_assert_false (g_hash_table_contains (seen, meaning));
      g_hash_table_add (seen, (gpointer) meaning);
    }
  g_assert_nonnull (strstr (mfm_failover_state_get_meaning (MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED),
                            "own share"));
}

static void
test_notable_changes (void)
{
  g_assert_true (mfm_failover_state_change_is_notable ("Normal", "Communications interrupted"));
  g_assert_true (mfm_failover_state_change_is_notable ("Recover done", "Normal"));
  g_assert_true (mfm_failover_state_change_is_notable ("normal", "Partner down"));
  g_assert_false (mfm_failover_state_change_is_notable ("Communications interrupted", "Partner down"));
  g_assert_false (mfm_failover_state_change_is_notable ("Normal", "Normal"));
  g_assert_false (mfm_failover_state_change_is_notable ("Empty", "Startup"));
  /* A new relationship's first scope, and its last scope removed. */
  g_assert_false (mfm_failover_state_change_is_notable ("Empty", "Normal"));
  g_assert_false (mfm_failover_state_change_is_notable ("Normal", "Empty"));
}

static void
test_history (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mfm-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sub", "h.ini", NULL);
  g_autofree char *previous = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) transitions = NULL;
  g_autofree char *other_path = NULL;
  g_autofree char *alice_path = NULL;
  g_autofree char *sub = NULL;
  MfmStateTransition *transition;

  {
    g_autoptr(MfmStateHistory) history = mfm_state_history_new (path);

    /* The first sighting is not a change; the same state again neither. */
    g_assert_false (mfm_state_history_observe (history, "pair", "Normal", 1000, NULL));
    g_assert_false (mfm_state_history_observe (history, "pair", "Normal", 1030, NULL));
    g_assert_cmpint (mfm_state_history_get_since (history, "pair"), ==, 1000);

    g_assert_true (mfm_state_history_observe (history, "pair", "Communications interrupted", 1060,
                                              &previous));
    g_assert_cmpstr (previous, ==, "Normal");
    g_assert_cmpint (mfm_state_history_get_since (history, "pair"), ==, 1060);
    g_assert_true (mfm_state_history_save (history, &error));
    g_assert_no_error (error);

    /* A refresh that saw the same states again writes nothing: at 50,000 relationships the
     * file is megabytes. The file taken away shows it. */
    g_assert_cmpint (g_rename (path, other_path = g_strconcat (path, ".kept", NULL)), ==, 0);
    g_assert_false (mfm_state_history_observe (history, "pair", "Communications interrupted", 1090, NULL));
    g_assert_true (mfm_state_history_save (history, &error));
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_assert_cmpint (g_rename (other_path, path), ==, 0);
    g_clear_pointer (&other_path, g_free);
  }

  /* A restart: the same file gives the same state, time and transitions. */
  {
    g_autoptr(MfmStateHistory) history = mfm_state_history_new (path);

    g_assert_cmpstr (mfm_state_history_get_state (history, "pair"), ==, "Communications interrupted");
    g_assert_cmpint (mfm_state_history_get_since (history, "pair"), ==, 1060);
    g_assert_null (mfm_state_history_get_state (history, "never"));
    g_assert_cmpint (mfm_state_history_get_since (history, "never"), ==, 0);

    transitions = mfm_state_history_get_transitions (history, "pair");
    g_assert_cmpuint (transitions->len, ==, 1);
    transition = g_ptr_array_index (transitions, 0);
    g_assert_cmpint (transition->time, ==, 1060);
    g_assert_cmpstr (transition->from, ==, "Normal");
    g_assert_cmpstr (transition->to, ==, "Communications interrupted");
    g_clear_pointer (&transitions, g_ptr_array_unref);

    /* Only the last transitions are kept, oldest first. */
    for (guint i = 0; i < MFM_STATE_HISTORY_MAX_TRANSITIONS + 5; i++)
      g_assert_true (mfm_state_history_observe (history, "pair", i % 2 ? "Recover" : "Normal",
                                                2000 + i, NULL));
    transitions = mfm_state_history_get_transitions (history, "pair");
    g_assert_cmpuint (transitions->len, ==, MFM_STATE_HISTORY_MAX_TRANSITIONS);
    transition = g_ptr_array_index (transitions, transitions->len - 1);
    g_assert_cmpint (transition->time, ==, 2000 + MFM_STATE_HISTORY_MAX_TRANSITIONS + 4);
    transition = g_ptr_array_index (transitions, 0);
    g_assert_cmpint (transition->time, ==, 2005);
  }

  /* Another server or user has its own file. */
  other_path = mfm_state_history_get_path_for ("https://a.example", "bob");
  alice_path = mfm_state_history_get_path_for ("https://a.example", "alice");
  g_assert_cmpstr (other_path, !=, alice_path);

  /* A file that is not a key file starts afresh instead of failing (told when the first
   * question waits for the read in its thread). */
  g_assert_true (g_file_set_contents (path, "not [a key file", -1, NULL));
  g_test_expect_message ("mfm-state-history", G_LOG_LEVEL_WARNING, "*Could not read*");
  {
    g_autoptr(MfmStateHistory) history = mfm_state_history_new (path);

    g_assert_null (mfm_state_history_get_state (history, "pair"));
    g_test_assert_expected_messages ();
  }

  g_remove (path);
  sub = g_path_get_dirname (path);
  g_rmdir (sub);
  g_rmdir (dir);
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
save_and_wait (MfmStateHistory  *history,
               GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfm_state_history_save_async (history, NULL, got_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return mfm_state_history_save_finish (history, result, error);
}

/* Thousands of relationships written in a thread from a snapshot and read back whole; changes
 * made while a write runs go into the next one. */
static void
test_history_many (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mfm-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "h.ini", NULL);
  g_autoptr(GError) error = NULL;
  const guint n = 5000;

  {
    g_autoptr(MfmStateHistory) history = mfm_state_history_new (path);
    g_autoptr(GAsyncResult) first = NULL;
    g_autoptr(GAsyncResult) second = NULL;

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *name = g_strdup_printf ("pair-%u", i);

        g_assert_false (mfm_state_history_observe (history, name, "Normal", 1000, NULL));
      }
    for (guint i = 0; i < n; i += 7)
      {
        g_autofree char *name = g_strdup_printf ("pair-%u", i);

        g_assert_true (mfm_state_history_observe (history, name, "Recover", 1100 + i, NULL));
      }

    /* Two writes in flight: the file ends as the second snapshot, whatever order the threads
     * run in. */
    mfm_state_history_save_async (history, NULL, got_result, &first);
    g_assert_true (mfm_state_history_observe (history, "pair-1", "Partner down", 1200, NULL));
    mfm_state_history_save_async (history, NULL, got_result, &second);
    /* Asked after the snapshots: only in memory until the next save. */
    g_assert_true (mfm_state_history_observe (history, "pair-2", "Partner down", 1300, NULL));
    while (first == NULL || second == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (mfm_state_history_save_finish (history, first, &error));
    g_assert_no_error (error);
    g_assert_true (mfm_state_history_save_finish (history, second, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(MfmStateHistory) history = mfm_state_history_new (path);

    for (guint i = 0; i < n; i++)
      {
        g_autofree char *name = g_strdup_printf ("pair-%u", i);
        g_autoptr(GPtrArray) transitions = mfm_state_history_get_transitions (history, name);
        const char *state = i == 1 ? "Partner down" : i % 7 == 0 ? "Recover" : "Normal";
        gint64 since = i == 1 ? 1200 : i % 7 == 0 ? 1100 + i : 1000;

        g_assert_cmpstr (mfm_state_history_get_state (history, name), ==, state);
        g_assert_cmpint (mfm_state_history_get_since (history, name), ==, since);
        g_assert_cmpuint (transitions->len, ==, i == 1 || i % 7 == 0 ? 1 : 0);
        if (transitions->len > 0)
          {
            const MfmStateTransition *transition = g_ptr_array_index (transitions, 0);

            g_assert_cmpstr (transition->from, ==, "Normal");
            g_assert_cmpstr (transition->to, ==, state);
            g_assert_cmpint (transition->time, ==, since);
          }
      }
    g_assert_null (mfm_state_history_get_state (history, "pair-5000"));
  }

  g_remove (path);
  g_rmdir (dir);
}

/* A file as earlier versions wrote it (groups in the order seen) is read as it was. */
static void
test_history_old_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mfm-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "h.ini", NULL);
  g_autoptr(GPtrArray) transitions = NULL;
  g_autoptr(GError) error = NULL;
  const MfmStateTransition *transition;
  const char *old_file =
    "[zrh-failover]\n"
    "state=Normal\n"
    "since=1700000000\n"
    "\n"
    "[ams-failover]\n"
    "state=Communications interrupted\n"
    "since=1700000600\n"
    "transitions=1700000300 Normal->Recover;1700000600 Recover->Communications interrupted;\n";

  g_assert_true (g_file_set_contents (path, old_file, -1, NULL));

  {
    g_autoptr(MfmStateHistory) history = mfm_state_history_new (path);

    g_assert_cmpstr (mfm_state_history_get_state (history, "zrh-failover"), ==, "Normal");
    g_assert_cmpint (mfm_state_history_get_since (history, "zrh-failover"), ==, 1700000000);
    g_assert_cmpstr (mfm_state_history_get_state (history, "ams-failover"), ==,
                     "Communications interrupted");
    g_assert_cmpint (mfm_state_history_get_since (history, "ams-failover"), ==, 1700000600);
    transitions = mfm_state_history_get_transitions (history, "ams-failover");
    g_assert_cmpuint (transitions->len, ==, 2);
    transition = g_ptr_array_index (transitions, 0);
    g_assert_cmpint (transition->time, ==, 1700000300);
    g_assert_cmpstr (transition->from, ==, "Normal");
    g_assert_cmpstr (transition->to, ==, "Recover");
    transition = g_ptr_array_index (transitions, 1);
    g_assert_cmpstr (transition->to, ==, "Communications interrupted");
    g_clear_pointer (&transitions, g_ptr_array_unref);

    /* The same state is no change; a new one follows the old transitions. */
    g_assert_false (mfm_state_history_observe (history, "zrh-failover", "Normal", 1800000000,
                                               NULL));
    g_assert_true (mfm_state_history_observe (history, "ams-failover", "Normal", 1800000000,
                                              NULL));
    g_assert_true (save_and_wait (history, &error));
    g_assert_no_error (error);
  }

  {
    g_autoptr(MfmStateHistory) history = mfm_state_history_new (path);

    g_assert_cmpint (mfm_state_history_get_since (history, "zrh-failover"), ==, 1700000000);
    transitions = mfm_state_history_get_transitions (history, "ams-failover");
    g_assert_cmpuint (transitions->len, ==, 3);
    transition = g_ptr_array_index (transitions, 2);
    g_assert_cmpint (transition->time, ==, 1800000000);
    g_assert_cmpstr (transition->from, ==, "Communications interrupted");
    g_assert_cmpstr (transition->to, ==, "Normal");
  }

  g_remove (path);
  g_rmdir (dir);
}

/* A write that fails is an error to the caller (a warning in the session), and the states stay
 * to be written by the next save. */
static void
test_history_failed_write (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mfm-history-XXXXXX", NULL);
  g_autofree char *blocker = g_build_filename (dir, "states", NULL);
  g_autofree char *path = g_build_filename (blocker, "h.ini", NULL);
  g_autoptr(MfmStateHistory) history = mfm_state_history_new (path);
  g_autoptr(GError) error = NULL;

  /* A file where the folder should be. */
  g_assert_true (g_file_set_contents (blocker, "", -1, NULL));
  g_assert_false (mfm_state_history_observe (history, "pair", "Normal", 1000, NULL));
  g_assert_false (save_and_wait (history, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_remove (blocker);
  g_assert_true (save_and_wait (history, &error));
  g_assert_no_error (error);

  {
    g_autoptr(MfmStateHistory) again = mfm_state_history_new (path);

    g_assert_cmpstr (mfm_state_history_get_state (again, "pair"), ==, "Normal");
  }

  g_remove (path);
  g_rmdir (blocker);
  g_rmdir (dir);
}


/* The file is read in a thread: making the history does not wait for it (a pipe that nobody
 * writes yet would block a read on the caller's thread), the first question does. */
static void
test_history_read_in_thread (void)
{
  g_autofree char *dir = g_dir_make_tmp ("mfm-history-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "h.ini", NULL);
  g_autoptr(MfmStateHistory) history = NULL;
  g_autoptr(GPtrArray) transitions = NULL;
  const char *text = "[pair-1]\nstate=Partner down\nsince=1500\ntransitions=1500 Normal->Partner down;\n"
                     "[pair-2]\nstate=Normal\nsince=1000\n";
  int fd;

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  history = mfm_state_history_new (path);

  /* Only now is there a writer: the read in its thread gets the text. */
  fd = g_open (path, O_WRONLY, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
  g_assert_cmpint (close (fd), ==, 0);

  g_assert_cmpstr (mfm_state_history_get_state (history, "pair-1"), ==, "Partner down");
  g_assert_cmpint (mfm_state_history_get_since (history, "pair-1"), ==, 1500);
  g_assert_cmpstr (mfm_state_history_get_state (history, "pair-2"), ==, "Normal");
  transitions = mfm_state_history_get_transitions (history, "pair-1");
  g_assert_cmpuint (transitions->len, ==, 1);
  g_assert_false (mfm_state_history_observe (history, "pair-2", "Normal", 2000, NULL));
  g_assert_true (mfm_state_history_observe (history, "pair-1", "Normal", 2000, NULL));

  g_remove (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C");
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/health/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("healthy", test_healthy);
  ADD ("server-states", test_server_states);
  ADD ("listed-on-one-server", test_listed_on_one_server);
  ADD ("values-differ", test_values_differ);
  ADD ("scope-missing", test_scope_missing);
  ADD ("scope-not-in-relationship", test_scope_not_in_relationship);
  ADD ("pools-differ", test_pools_differ);
  ADD ("pool-collision", test_pool_collision);
  ADD ("not-normal-too-long", test_not_normal_too_long);
#undef ADD
  g_test_add_func ("/health/state-texts", test_state_texts);
  g_test_add_func ("/health/history", test_history);
  g_test_add_func ("/health/history/many", test_history_many);
  g_test_add_func ("/health/history/read-in-thread", test_history_read_in_thread);
  g_test_add_func ("/health/history/old-file", test_history_old_file);
  g_test_add_func ("/health/history/failed-write", test_history_failed_write);
  g_test_add_func ("/health/notable-changes", test_notable_changes);

  return g_test_run ();
}
