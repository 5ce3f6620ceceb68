/* test-session-pending.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The session's staged marks (each relationship's pending state and staged values, each
 * server's staged relationship count, the staged new relationships) follow the change set
 * while only what is staged is touched: seeded random sequences of stage, undo, redo,
 * discard, a draft taken back and refreshes that change the estate (from the simulator over
 * loopback, or the inventory replaced directly as a refresh does), each step compared with a
 * computation over the whole estate written here. */

#include <string.h>

#include "mfm-drafts.h"
#include "mfm-session.h"
#include "mfm-session-private.h"
#include "mfm-simulator.h"

#define WAIT_TIMEOUT_S 30
#define N_STEPS        300

typedef struct
{
  MfmSimulator *simulator;
  MfmClient    *client;
  MfmSession   *session;
  GRand        *rand;
  GVariant     *snapshot;   /* a change set seen earlier, taken back later as a draft */
  GPtrArray    *dropped;    /* relationships a refresh took out, which may come back */
  guint         serial;     /* for new names */
} Fixture;

typedef struct
{
  gboolean  done;
  GError   *error;
} Outcome;

static gboolean
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }

  return TRUE;
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Outcome *outcome = user_data;

  mfm_client_login_finish (MFM_CLIENT (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Outcome *outcome = user_data;

  mfm_session_refresh_finish (MFM_SESSION (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
refresh (Fixture *fixture)
{
  Outcome outcome = { 0 };

  mfm_session_refresh_async (fixture->session, NULL, refresh_cb, &outcome);
  g_assert_true (wait_for (&outcome.done));
  g_assert_no_error (outcome.error);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };

  fixture->simulator = mfm_simulator_new ();
  mfm_simulator_generate (fixture->simulator, 40, 20, 80, 7);
  g_assert_true (mfm_simulator_start (fixture->simulator, 0, &error));
  g_assert_no_error (error);

  fixture->client = mfm_client_new (mfm_simulator_get_url (fixture->simulator));
  mfm_client_login_async (fixture->client, "admin", "admin", NULL, login_cb, &outcome);
  g_assert_true (wait_for (&outcome.done));
  g_assert_no_error (outcome.error);

  fixture->session = mfm_session_new (fixture->client, mfm_simulator_get_url (fixture->simulator),
                                      "admin");
  refresh (fixture);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (mfm_session_get_inventory (fixture->session))),
                    >=, 10);
  fixture->dropped = g_ptr_array_new_with_free_func (g_object_unref);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  g_clear_pointer (&fixture->rand, g_rand_free);
  g_clear_pointer (&fixture->snapshot, g_variant_unref);
  g_clear_pointer (&fixture->dropped, g_ptr_array_unref);
}

/* ---------------------------------------------------------------------------------------- */
/* What every mark should be, from the whole estate                                          */

static gboolean
same_values (MfmRelationship *a,
             MfmRelationship *b)
{
  return mfm_relationship_equal_settings (a, b) &&
         g_strv_equal ((const char * const *) mfm_relationship_get_scope_refs (a),
                       (const char * const *) mfm_relationship_get_scope_refs (b));
}

static void
add_delta (GHashTable *deltas,
           MfmServer  *server,
           int         delta)
{
  if (server != NULL)
    g_hash_table_insert (deltas, server,
                         GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (deltas, server)) + delta));
}

/* NULL when every relationship, server and staged new relationship shows what the change set
 * says, else a sentence naming the first that does not. */
static char *
find_wrong_mark (MfmSession *session)
{
  MfmInventory *inventory = mfm_session_get_inventory (session);
  MfmChangeSet *changes = mfm_session_get_changes (session);
  GListModel *relationships = mfm_inventory_get_relationships (inventory);
  GListModel *servers = mfm_inventory_get_servers (inventory);
  GListModel *shown = mfm_session_get_relationships (session);
  g_autoptr(GHashTable) deltas = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) added = mfm_change_set_get_added_relationships (changes);
  guint n_relationships = g_list_model_get_n_items (relationships);

  for (guint i = 0; i < n_relationships; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);
      const char *name = mfm_relationship_get_name (relationship);
      MfmPendingState state = mfm_change_set_get_pending_state (changes, name);
      g_autoptr(MfmRelationship) projected = NULL;
      MfmRelationship *staged = mfm_relationship_get_staged (relationship);

      if (state == MFM_PENDING_NEW)
        state = MFM_PENDING_MODIFIED;
      if (mfm_relationship_get_pending_state (relationship) != state)
        return g_strdup_printf ("%s shows pending state %d instead of %d", name,
                                mfm_relationship_get_pending_state (relationship), state);

      if (state == MFM_PENDING_MODIFIED)
        projected = mfm_change_set_project (changes, name, relationship);
      if (projected != NULL && same_values (projected, relationship))
        g_clear_object (&projected);
      if ((projected == NULL) != (staged == NULL))
        return g_strdup_printf ("%s shows %s staged values", name, staged != NULL ? "stale" : "no");
      if (projected != NULL && !same_values (projected, staged))
        return g_strdup_printf ("%s shows other staged values than the change set's", name);

      if (state == MFM_PENDING_REMOVED)
        {
          MfmServer *primary = mfm_inventory_lookup_primary_server (inventory, relationship);
          MfmServer *secondary = mfm_inventory_lookup_secondary_server (inventory, relationship);

          add_delta (deltas, primary, -1);
          if (secondary != primary)
            add_delta (deltas, secondary, -1);
        }
    }

  for (guint i = 0; i < added->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (added, i);
      MfmServer *primary = mfm_inventory_lookup_server (inventory, mfm_relationship_get_primary_server_ref (relationship));
      MfmServer *secondary = mfm_inventory_lookup_server (inventory, mfm_relationship_get_secondary_server_ref (relationship));

      add_delta (deltas, primary, 1);
      if (secondary != primary)
        add_delta (deltas, secondary, 1);
    }

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);
      int delta = GPOINTER_TO_INT (g_hash_table_lookup (deltas, server));
      int expected = delta != 0 ? (int) mfm_server_get_relationship_count (server) + delta : -1;

      if (mfm_server_get_staged_relationship_count (server) != expected)
        return g_strdup_printf ("server %s shows a staged count of %d instead of %d",
                                mfm_server_get_name (server),
                                mfm_server_get_staged_relationship_count (server), expected);
    }

  /* The staged new ones follow the inventory's in the session's list, in the change set's
   * order, with the values staged. */
  if (g_list_model_get_n_items (shown) != n_relationships + added->len)
    return g_strdup_printf ("%u staged new relationships shown instead of %u",
                            g_list_model_get_n_items (shown) - n_relationships, added->len);
  for (guint i = 0; i < added->len; i++)
    {
      g_autoptr(MfmRelationship) row = g_list_model_get_item (shown, n_relationships + i);
      MfmRelationship *relationship = g_ptr_array_index (added, i);

      if (g_strcmp0 (mfm_relationship_get_name (row), mfm_relationship_get_name (relationship)) != 0 ||
          mfm_relationship_get_pending_state (row) != MFM_PENDING_NEW ||
          !same_values (row, relationship))
        return g_strdup_printf ("staged new relationship %u shows %s, not %s as staged", i,
                                mfm_relationship_get_name (row), mfm_relationship_get_name (relationship));
    }

  return NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* The steps                                                                                  */

static MfmRelationship *
pick_relationship (Fixture *fixture)
{
  GListModel *relationships = mfm_inventory_get_relationships (mfm_session_get_inventory (fixture->session));
  guint n = g_list_model_get_n_items (relationships);

  if (n == 0)
    return NULL;
  return g_list_model_get_item (relationships, g_rand_int_range (fixture->rand, 0, n));
}

static MfmServer *
pick_server (Fixture *fixture)
{
  GListModel *servers = mfm_inventory_get_servers (mfm_session_get_inventory (fixture->session));

  return g_list_model_get_item (servers, g_rand_int_range (fixture->rand, 0, g_list_model_get_n_items (servers)));
}

/* A name the change set holds, or NULL. */
static const char *
pick_staged_name (Fixture *fixture)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  guint n = mfm_change_set_get_n_changes (changes);

  if (n == 0)
    return NULL;
  return mfm_change_get_relationship_name (mfm_change_set_get_change (changes, g_rand_int_range (fixture->rand, 0, n)));
}

/* An inventory relationship, or one the staged changes make (as the tables offer both). */
static MfmRelationship *
pick_target (Fixture *fixture)
{
  const char *name = pick_staged_name (fixture);

  if (name != NULL && g_rand_boolean (fixture->rand))
    {
      MfmRelationship *projected = mfm_session_dup_projected_relationship (fixture->session, name);

      if (projected != NULL)
        return projected;
    }
  return pick_relationship (fixture);
}

static void
stage_modify (Fixture *fixture)
{
  g_autoptr(MfmRelationship) relationship = pick_target (fixture);
  g_autoptr(MfmRelationship) changed = NULL;
  g_autoptr(MfmChange) change = NULL;

  if (relationship == NULL)
    return;
  changed = mfm_relationship_copy (relationship);
  /* Sometimes the value the server has again: no staged values then. */
  if (g_rand_int_range (fixture->rand, 0, 4) != 0)
    mfm_relationship_set_mclt (changed, 60 * g_rand_int_range (fixture->rand, 1, 60));
  else
    mfm_relationship_set_port (changed, mfm_relationship_get_port (changed) + 1);
  change = mfm_change_new_modify (relationship, changed);
  mfm_session_stage (fixture->session, change);
}

static void
stage_add (Fixture *fixture)
{
  g_autoptr(MfmRelationship) base = pick_relationship (fixture);
  g_autoptr(MfmServer) primary = pick_server (fixture);
  g_autoptr(MfmServer) secondary = pick_server (fixture);
  g_autoptr(MfmRelationship) relationship = NULL;
  g_autoptr(MfmChange) change = NULL;
  g_autofree char *name = NULL;

  if (base == NULL)
    return;
  relationship = mfm_relationship_copy (base);
  /* Now and then the name of one the server has already. */
  if (g_rand_int_range (fixture->rand, 0, 6) == 0)
    name = g_strdup (mfm_relationship_get_name (base));
  else
    name = g_strdup_printf ("staged-%u", fixture->serial++);
  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server (relationship, mfm_server_get_name (primary));
  mfm_relationship_set_primary_server_ref (relationship, mfm_server_get_ref (primary));
  mfm_relationship_set_secondary_server (relationship, mfm_server_get_name (secondary));
  mfm_relationship_set_secondary_server_ref (relationship, mfm_server_get_ref (secondary));
  mfm_relationship_set_pending_state (relationship, MFM_PENDING_NONE);
  change = mfm_change_new_add (relationship);
  mfm_session_stage (fixture->session, change);
}

static void
stage_remove (Fixture *fixture)
{
  g_autoptr(MfmRelationship) relationship = pick_target (fixture);
  g_autoptr(MfmChange) change = NULL;

  if (relationship == NULL)
    return;
  change = mfm_change_new_remove (relationship, MFM_DECONFIGURE_NONE);
  mfm_session_stage (fixture->session, change);
}

static void
stage_scopes (Fixture *fixture)
{
  g_autoptr(MfmRelationship) relationship = pick_target (fixture);
  g_autoptr(MfmChange) change = NULL;
  const char * const *refs;

  if (relationship == NULL)
    return;
  refs = mfm_relationship_get_scope_refs (relationship);
  if (refs[0] == NULL)
    return;
  if (g_rand_boolean (fixture->rand))
    {
      const char *one[] = { refs[0], NULL };

      change = mfm_change_new_remove_scopes (relationship, one, MFM_DECONFIGURE_NONE);
    }
  else
    {
      const char *one[] = { "dhcpScopes/staged", NULL };

      change = mfm_change_new_add_scopes (relationship, one);
    }
  mfm_session_stage (fixture->session, change);
}

static void
discard (Fixture *fixture)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  guint n = mfm_change_set_get_n_changes (changes);
  const char *name = pick_staged_name (fixture);

  switch (g_rand_int_range (fixture->rand, 0, 5))
    {
    case 0:
      mfm_change_set_clear (changes);
      break;
    case 1:
    case 2:
      if (name != NULL)
        {
          g_autofree char *copy = g_strdup (name);

          mfm_change_set_remove_relationship_changes (changes, copy);
        }
      break;
    default:
      if (n > 0)
        mfm_change_set_remove_at (changes, g_rand_int_range (fixture->rand, 0, n));
      break;
    }
}

/* A draft taken back: the change set of an earlier step written as this server's draft and
 * restored into the session, which replaces the staged changes without "changed". */
static void
take_back_draft (Fixture *fixture)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  g_autoptr(MfmChangeSet) earlier = mfm_change_set_new ();
  g_autoptr(GError) error = NULL;

  if (fixture->snapshot == NULL || g_rand_boolean (fixture->rand))
    {
      g_clear_pointer (&fixture->snapshot, g_variant_unref);
      fixture->snapshot = g_variant_ref_sink (mfm_change_set_serialize (changes));
      return;
    }

  g_assert_true (mfm_change_set_deserialize (earlier, fixture->snapshot, &error));
  g_assert_no_error (error);
  /* An empty draft is no draft: nothing to take back. */
  if (mfm_change_set_get_n_changes (earlier) == 0)
    {
      g_clear_pointer (&fixture->snapshot, g_variant_unref);
      return;
    }
  g_assert_true (mfm_drafts_save (earlier, mfm_session_get_server_url (fixture->session),
                                  mfm_session_get_user (fixture->session), &error));
  g_assert_no_error (error);
  mfm_session_restore_draft (fixture->session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, mfm_change_set_get_n_changes (earlier));
}

/* What a refresh does to the inventory, with an estate changed meanwhile: servers and
 * relationships go, come (new ones, or ones that went before coming back as the same
 * objects), are renamed, change their values and their servers; then the session's update
 * as after a refresh. */
static void
refresh_changed_estate (Fixture *fixture)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  GListModel *servers = mfm_inventory_get_servers (inventory);
  GListModel *relationships = mfm_inventory_get_relationships (inventory);
  g_autoptr(GPtrArray) new_servers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) new_relationships = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) going = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *appeared = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);
      guint dice = g_rand_int_range (fixture->rand, 0, 30);

      if (dice == 0 && g_list_model_get_n_items (servers) > 10)
        continue;
      if (dice == 1)
        {
          g_autofree char *name = g_strdup_printf ("renamed-%u.example.com.", fixture->serial++);

          g_ptr_array_add (new_servers, mfm_server_new (mfm_server_get_ref (server), name,
                                                        mfm_server_get_address (server),
                                                        mfm_server_get_server_type (server),
                                                        mfm_server_get_state (server)));
          continue;
        }
      g_ptr_array_add (new_servers, g_object_ref (server));
    }
  if (g_rand_boolean (fixture->rand))
    {
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", 5000 + fixture->serial);
      g_autofree char *name = g_strdup_printf ("new-%u.example.com.", fixture->serial++);

      g_ptr_array_add (new_servers, mfm_server_new (ref, name, "10.99.0.1", "ISC", "OK"));
    }

  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);
      g_autoptr(MfmRelationship) copy = NULL;
      guint dice = g_rand_int_range (fixture->rand, 0, 12);

      switch (dice)
        {
        case 0:
          g_ptr_array_add (going, g_object_ref (relationship));
          continue;
        case 1:
          {
            g_autofree char *name = g_strdup_printf ("renamed-%u", fixture->serial++);

            copy = mfm_relationship_copy (relationship);
            mfm_relationship_set_name (copy, name);
            g_ptr_array_add (going, g_object_ref (relationship));
          }
          break;
        case 2:
          copy = mfm_relationship_copy (relationship);
          mfm_relationship_set_mclt (copy, 60 * g_rand_int_range (fixture->rand, 1, 60));
          break;
        case 3:
          {
            g_autoptr(MfmServer) secondary = pick_server (fixture);

            copy = mfm_relationship_copy (relationship);
            mfm_relationship_set_secondary_server (copy, mfm_server_get_name (secondary));
            mfm_relationship_set_secondary_server_ref (copy, mfm_server_get_ref (secondary));
          }
          break;
        default:
          copy = g_object_ref (relationship);
          break;
        }
      g_ptr_array_add (new_relationships, g_steal_pointer (&copy));
    }
  /* One that went earlier comes back, as the same object, unless its name is taken. */
  if (fixture->dropped->len > 0 && g_rand_boolean (fixture->rand))
    {
      guint index = g_rand_int_range (fixture->rand, 0, fixture->dropped->len);
      MfmRelationship *back = g_ptr_array_index (fixture->dropped, index);
      gboolean taken = FALSE;

      for (guint i = 0; i < new_relationships->len && !taken; i++)
        taken = g_str_equal (mfm_relationship_get_name (g_ptr_array_index (new_relationships, i)),
                             mfm_relationship_get_name (back));
      if (!taken)
        {
          g_ptr_array_add (new_relationships, g_object_ref (back));
          g_ptr_array_remove_index_fast (fixture->dropped, index);
        }
    }
  /* A staged name now and then appears on the server. */
  if (g_rand_int_range (fixture->rand, 0, 3) == 0)
    {
      const char *name = pick_staged_name (fixture);
      g_autoptr(MfmRelationship) base = pick_relationship (fixture);
      gboolean taken = name == NULL || base == NULL;

      for (guint i = 0; i < new_relationships->len && !taken; i++)
        taken = g_str_equal (mfm_relationship_get_name (g_ptr_array_index (new_relationships, i)), name);
      if (!taken)
        {
          MfmRelationship *appearing = mfm_relationship_copy (base);

          mfm_relationship_set_name (appearing, name);
          g_ptr_array_add (new_relationships, appearing);
          appeared = g_strdup (name);
        }
    }

  mfm_inventory_replace_servers (inventory, new_servers);
  mfm_inventory_replace_relationships (inventory, new_relationships);
  g_ptr_array_extend_and_steal (fixture->dropped, g_steal_pointer (&going));
  /* Its changes dropped between the stores' change and the end of the refresh (the person
   * was quicker than the refresh). */
  if (appeared != NULL && g_rand_boolean (fixture->rand))
    mfm_change_set_remove_relationship_changes (mfm_session_get_changes (fixture->session), appeared);
  _mfm_session_update_pending (fixture->session);
}

/* A refresh from the simulator, at times after servers were added or renamed there: the
 * inventory goes back to the simulator's estate. */
static void
refresh_from_simulator (Fixture *fixture)
{
  if (g_rand_boolean (fixture->rand))
    {
      g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", 7000 + fixture->serial);
      g_autofree char *name = g_strdup_printf ("late-%u.example.com.", fixture->serial++);

      g_ptr_array_add (servers, mfm_server_new (ref, name, "10.98.0.1", "ISC", "OK"));
      mfm_simulator_add_servers (fixture->simulator, servers);
    }
  refresh (fixture);
}

/* Seeded random sequences of every kind of step; after each one every mark is what a walk
 * over the whole estate says it should be. */
static void
test_pending_follows_changes (Fixture       *fixture,
                              gconstpointer  data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  guint counts[11] = { 0 };

  fixture->rand = g_rand_new_with_seed (seed);
  for (guint step = 0; step < N_STEPS; step++)
    {
      MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
      guint kind = g_rand_int_range (fixture->rand, 0, 100);
      g_autofree char *wrong = NULL;
      guint what;

      if (kind < 20)
        stage_modify (fixture), what = 0;
      else if (kind < 30)
        stage_add (fixture), what = 1;
      else if (kind < 40)
        stage_remove (fixture), what = 2;
      else if (kind < 46)
        stage_scopes (fixture), what = 3;
      else if (kind < 56)
        mfm_change_set_undo (changes), what = 4;
      else if (kind < 62)
        mfm_change_set_redo (changes), what = 5;
      else if (kind < 70)
        discard (fixture), what = 6;
      else if (kind < 76)
        take_back_draft (fixture), what = 7;
      else if (kind < 94)
        refresh_changed_estate (fixture), what = 8;
      else
        refresh_from_simulator (fixture), what = 9;
      counts[what]++;
      if (mfm_change_set_get_n_changes (changes) > 0)
        counts[10]++;

      wrong = find_wrong_mark (fixture->session);
      if (wrong != NULL)
        g_error ("Seed %u, step %u (kind %u, %u changes staged): %s", seed, step, what,
                 mfm_change_set_get_n_changes (changes), wrong);
    }

  /* Every kind of step ran, mostly with something staged. */
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (counts[i], >, 0);
  g_assert_cmpuint (counts[10], >, N_STEPS / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/session/pending/follows-changes/seed-1", Fixture, GUINT_TO_POINTER (1),
              fixture_set_up, test_pending_follows_changes, fixture_tear_down);
  g_test_add ("/session/pending/follows-changes/seed-2", Fixture, GUINT_TO_POINTER (2),
              fixture_set_up, test_pending_follows_changes, fixture_tear_down);
  g_test_add ("/session/pending/follows-changes/seed-3", Fixture, GUINT_TO_POINTER (3),
              fixture_set_up, test_pending_follows_changes, fixture_tear_down);

  return g_test_run ();
}
