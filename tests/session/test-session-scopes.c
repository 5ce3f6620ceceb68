/* test-session-scopes.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The session's scopes loader: one GetDHCPScopes per server at a time, however many callers
 * ask, counted in the simulator's record. */

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "mfm-error.h"
#include "mfm-inventory-private.h"
#include "mfm-session.h"
#include "mfm-simulator.h"

#define WAIT_TIMEOUT_S 30

typedef struct
{
  MfmSimulator *simulator;
  MfmClient    *client;
  MfmSession   *session;
  char         *tmpdir;
  char         *record_path;
  char         *server_ref;
} Fixture;

typedef struct
{
  gboolean   done;
  GPtrArray *scopes;
  GError    *error;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_pointer (&outcome->scopes, g_ptr_array_unref);
  g_clear_error (&outcome->error);
}

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
scopes_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->scopes = mfm_session_load_scopes_finish (MFM_SESSION (object), result,
                                                    &outcome->error);
  outcome->done = TRUE;
}

/* How many GetDHCPScopes calls the simulator has recorded. */
static guint
count_scope_reads (Fixture *fixture)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  if (!g_file_get_contents (fixture->record_path, &contents, NULL, NULL))
    return 0;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (*g_strstrip (lines[i]) == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      object = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "method", ""),
                     "GetDHCPScopes") == 0)
        count++;
    }

  return count;
}

static gboolean
health_checked (MfmSession *session)
{
  return !mfm_session_get_checking_health (session);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };
  GListModel *servers;
  gint64 deadline;

  fixture->tmpdir = g_dir_make_tmp ("mfm-session-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->record_path = g_build_filename (fixture->tmpdir, "record.jsonl", NULL);

  fixture->simulator = mfm_simulator_new ();
  /* Long enough that two callers surely ask while the first read runs. */
  g_object_set (fixture->simulator,
                "record-path", fixture->record_path,
                "latency-ms", 200,
                NULL);
  mfm_simulator_load_demo (fixture->simulator);
  g_assert_true (mfm_simulator_start (fixture->simulator, 0, &error));
  g_assert_no_error (error);

  fixture->client = mfm_client_new (mfm_simulator_get_url (fixture->simulator));
  mfm_client_login_async (fixture->client, "admin", "admin", NULL, login_cb, &outcome);
  g_assert_true (wait_for (&outcome.done));
  g_assert_no_error (outcome.error);

  fixture->session = mfm_session_new (fixture->client, NULL, NULL);
  outcome = (Outcome) { 0 };
  mfm_session_refresh_async (fixture->session, NULL, refresh_cb, &outcome);
  g_assert_true (wait_for (&outcome.done));
  g_assert_no_error (outcome.error);

  /* The health checks after a refresh read scopes too: let them end before counting. */
  deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;
  while (!health_checked (fixture->session) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (health_checked (fixture->session));

  servers = mfm_inventory_get_servers (mfm_session_get_inventory (fixture->session));
  g_assert_cmpuint (g_list_model_get_n_items (servers), >, 0);
  {
    g_autoptr(MfmServer) server = g_list_model_get_item (servers, 0);

    fixture->server_ref = g_strdup (mfm_server_get_ref (server));
  }
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  g_unlink (fixture->record_path);
  g_rmdir (fixture->tmpdir);
  g_free (fixture->record_path);
  g_free (fixture->tmpdir);
  g_free (fixture->server_ref);
}

/* Two callers at once: one request, and each caller gets the whole answer in its own array. */
static void
test_two_callers_one_read (Fixture       *fixture,
                           gconstpointer  data)
{
  Outcome first = { 0 }, second = { 0 }, later = { 0 };
  guint before = count_scope_reads (fixture);

  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, NULL, scopes_cb, &first);
  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, NULL, scopes_cb, &second);
  g_assert_true (wait_for (&first.done));
  g_assert_true (wait_for (&second.done));

  g_assert_no_error (first.error);
  g_assert_no_error (second.error);
  g_assert_nonnull (first.scopes);
  g_assert_nonnull (second.scopes);
  g_assert_cmpuint (first.scopes->len, >, 0);
  g_assert_cmpuint (first.scopes->len, ==, second.scopes->len);
  g_assert_true (first.scopes != second.scopes);
  for (guint i = 0; i < first.scopes->len; i++)
    g_assert_true (g_ptr_array_index (first.scopes, i) == g_ptr_array_index (second.scopes, i));
  g_assert_cmpuint (count_scope_reads (fixture), ==, before + 1);

  /* Once that read has ended, the next caller reads again: nothing is kept stale. */
  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, NULL, scopes_cb, &later);
  g_assert_true (wait_for (&later.done));
  g_assert_no_error (later.error);
  g_assert_cmpuint (later.scopes->len, ==, first.scopes->len);
  g_assert_cmpuint (count_scope_reads (fixture), ==, before + 2);

  outcome_clear (&first);
  outcome_clear (&second);
  outcome_clear (&later);
}

/* A caller who cancels is answered with G_IO_ERROR_CANCELLED; the other still gets the scopes
 * from the same single read. */
static void
test_one_caller_cancels (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome cancelled = { 0 }, kept = { 0 };
  guint before = count_scope_reads (fixture);

  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, cancellable, scopes_cb,
                                 &cancelled);
  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, NULL, scopes_cb, &kept);
  g_cancellable_cancel (cancellable);

  g_assert_true (wait_for (&cancelled.done));
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.scopes);
  /* Answered before the read ended. */
  g_assert_false (kept.done);

  g_assert_true (wait_for (&kept.done));
  g_assert_no_error (kept.error);
  g_assert_cmpuint (kept.scopes->len, >, 0);
  g_assert_cmpuint (count_scope_reads (fixture), ==, before + 1);

  outcome_clear (&cancelled);
  outcome_clear (&kept);
}

/* Every caller cancels: each is answered, and the next caller starts a read of its own. */
static void
test_all_callers_cancel (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Outcome first = { 0 }, second = { 0 }, after = { 0 };

  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, cancellable, scopes_cb,
                                 &first);
  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, cancellable, scopes_cb,
                                 &second);
  g_cancellable_cancel (cancellable);
  g_assert_true (wait_for (&first.done));
  g_assert_true (wait_for (&second.done));
  g_assert_error (first.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_error (second.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, NULL, scopes_cb, &after);
  g_assert_true (wait_for (&after.done));
  g_assert_no_error (after.error);
  g_assert_cmpuint (after.scopes->len, >, 0);

  outcome_clear (&first);
  outcome_clear (&second);
  outcome_clear (&after);
}

/* A read that fails on the server's side: every waiting caller gets the error. */
static void
test_error_reaches_every_caller (Fixture       *fixture,
                                 gconstpointer  data)
{
  Outcome first = { 0 }, second = { 0 };

  mfm_simulator_fail_method (fixture->simulator, "GetDHCPScopes");
  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, NULL, scopes_cb, &first);
  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, NULL, scopes_cb, &second);
  g_assert_true (wait_for (&first.done));
  g_assert_true (wait_for (&second.done));
  g_assert_null (first.scopes);
  g_assert_null (second.scopes);
  g_assert_nonnull (first.error);
  g_assert_nonnull (second.error);
  g_assert_true (first.error->domain == MFM_ERROR);
  g_assert_cmpint (first.error->code, ==, second.error->code);
  g_assert_cmpstr (first.error->message, ==, second.error->message);

  outcome_clear (&first);
  outcome_clear (&second);
}

static void
load_progress_cb (MfmSession *session,
                  guint       loaded,
                  guint       total,
                  gpointer    user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, loaded);
  g_array_append_val (seen, total);
}

/* The session tells the pages of the servers' list as it reads them (the loading page's
 * "Loaded 3,000 of 10,000 servers"), ending at every server, and nothing else. */
static void
test_load_progress (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  GListModel *servers = mfm_inventory_get_servers (mfm_session_get_inventory (fixture->session));
  Outcome outcome = { 0 };
  gulong handler;
  guint n_servers;

  handler = g_signal_connect (fixture->session, "load-progress", G_CALLBACK (load_progress_cb), seen);
  mfm_session_refresh_async (fixture->session, NULL, refresh_cb, &outcome);
  g_assert_true (wait_for (&outcome.done));
  g_assert_no_error (outcome.error);
  g_signal_handler_disconnect (fixture->session, handler);

  n_servers = g_list_model_get_n_items (servers);
  g_assert_cmpuint (seen->len, >=, 2);
  g_assert_cmpuint (g_array_index (seen, guint, seen->len - 2), ==, n_servers);
  g_assert_cmpuint (g_array_index (seen, guint, seen->len - 1), ==, n_servers);
  for (guint i = 0; i + 1 < seen->len; i += 2)
    g_assert_cmpuint (g_array_index (seen, guint, i), <=, g_array_index (seen, guint, i + 1));

  /* Reading scopes tells nothing here. */
  g_array_set_size (seen, 0);
  handler = g_signal_connect (fixture->session, "load-progress", G_CALLBACK (load_progress_cb), seen);
  outcome = (Outcome) { 0 };
  mfm_session_load_scopes_async (fixture->session, fixture->server_ref, NULL, scopes_cb, &outcome);
  g_assert_true (wait_for (&outcome.done));
  g_assert_no_error (outcome.error);
  g_signal_handler_disconnect (fixture->session, handler);
  g_assert_cmpuint (seen->len, ==, 0);
  outcome_clear (&outcome);
}

/* The calls a change sends, as the review and the assistant show them, from the session. */
static void
test_describe_calls (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmChange) change = NULL;
  g_autofree char *text = NULL;

  mfm_relationship_set_name (relationship, "session-described");
  mfm_relationship_set_primary_server (relationship, "dhcp-a.example.");
  mfm_relationship_set_secondary_server (relationship, "dhcp-b.example.");
  change = mfm_change_new_add (relationship);
  text = mfm_session_describe_calls (fixture->session, change, "a comment");

  g_assert_nonnull (strstr (text, "AddDHCPFailoverRelationship"));
  g_assert_nonnull (strstr (text, "session-described"));
  g_assert_nonnull (strstr (text, "a comment"));
}

typedef struct
{
  guint signals;
} ChangeCount;

static void
on_items_changed (GListModel  *model,
                  guint        position,
                  guint        removed,
                  guint        added,
                  ChangeCount *count)
{
  count->signals++;
}

/* Starts a refresh that brings one new server, compared one object per slice, and returns
 * once its comparison runs. */
static void
start_sliced_refresh (Fixture     *fixture,
                      Outcome     *outcome,
                      ChangeCount *count)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  g_ptr_array_add (added, mfm_server_new ("dhcpServers/9001", "late.example.com.", "10.9.0.1",
                                          "ISC", "OK"));
  mfm_simulator_add_servers (fixture->simulator, added);
  _mfm_inventory_set_slice_size (inventory, 1);
  g_signal_connect (mfm_inventory_get_servers (inventory), "items-changed",
                    G_CALLBACK (on_items_changed), count);

  mfm_session_refresh_async (fixture->session, NULL, refresh_cb, outcome);
  while (!_mfm_inventory_is_replacing (inventory) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (_mfm_inventory_is_replacing (inventory));
  g_assert_false (outcome->done);
  g_assert_cmpuint (count->signals, ==, 0);
}

/* A refresh asked for while another is comparing in its slices waits for it: the stores
 * change once, both callers hear of the refresh after that. */
static void
test_refresh_during_slices (Fixture       *fixture,
                            gconstpointer  data)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  Outcome first = { 0 }, second = { 0 };
  ChangeCount count = { 0 };
  guint before = g_list_model_get_n_items (mfm_inventory_get_servers (inventory));

  start_sliced_refresh (fixture, &first, &count);
  mfm_session_refresh_async (fixture->session, NULL, refresh_cb, &second);
  g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count.signals, ==, 0);

  g_assert_true (wait_for (&first.done));
  g_assert_true (wait_for (&second.done));
  g_assert_no_error (first.error);
  g_assert_no_error (second.error);
  g_assert_cmpuint (count.signals, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, before + 1);
  g_assert_nonnull (mfm_inventory_lookup_server (inventory, "dhcpServers/9001"));
  g_assert_false (_mfm_inventory_is_replacing (inventory));
  outcome_clear (&first);
  outcome_clear (&second);
}

/* The session disposed of (a logout closes it) while the refresh compares: the comparison
 * stops, the stores stay as they were, the caller hears of a cancelled refresh. */
static void
test_dispose_during_slices (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(MfmInventory) inventory = g_object_ref (mfm_session_get_inventory (fixture->session));
  Outcome outcome = { 0 };
  ChangeCount count = { 0 };
  guint before = g_list_model_get_n_items (mfm_inventory_get_servers (inventory));

  start_sliced_refresh (fixture, &outcome, &count);
  g_object_run_dispose (G_OBJECT (fixture->session));
  g_assert_true (wait_for (&outcome.done));
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  while (_mfm_inventory_is_replacing (inventory))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (count.signals, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, before);
  g_assert_null (mfm_inventory_lookup_server (inventory, "dhcpServers/9001"));
  outcome_clear (&outcome);
}

/* What the relationship called @name in @session's inventory shows as staged. */
static MfmPendingState
pending_of (MfmSession *session,
            const char *name)
{
  MfmRelationship *relationship = mfm_inventory_lookup_relationship (mfm_session_get_inventory (session),
                                                                     name);

  g_assert_nonnull (relationship);
  return mfm_relationship_get_pending_state (relationship);
}

/* The first load of a session: with nothing staged every relationship shows nothing staged;
 * with a change staged before it (a draft taken back), that relationship shows it at once,
 * the others nothing; unstaged, nothing again. */
static void
test_pending_after_first_load (Fixture       *fixture,
                               gconstpointer  data)
{
  GListModel *loaded = mfm_inventory_get_relationships (mfm_session_get_inventory (fixture->session));
  g_autoptr(MfmRelationship) first = g_list_model_get_item (loaded, 0);
  g_autoptr(MfmRelationship) changed = mfm_relationship_copy (first);
  g_autoptr(MfmChange) change = NULL;
  g_autoptr(MfmSession) clean = mfm_session_new (fixture->client, NULL, NULL);
  g_autoptr(MfmSession) staged = mfm_session_new (fixture->client, NULL, NULL);
  const char *name = mfm_relationship_get_name (first);
  Outcome outcome = { 0 };
  guint n;

  g_assert_cmpuint (g_list_model_get_n_items (loaded), >, 1);

  mfm_session_refresh_async (clean, NULL, refresh_cb, &outcome);
  g_assert_true (wait_for (&outcome.done));
  g_assert_no_error (outcome.error);
  n = g_list_model_get_n_items (mfm_inventory_get_relationships (mfm_session_get_inventory (clean)));
  g_assert_cmpuint (n, ==, g_list_model_get_n_items (loaded));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (mfm_inventory_get_relationships (mfm_session_get_inventory (clean)), i);

      g_assert_cmpint (mfm_relationship_get_pending_state (relationship), ==, MFM_PENDING_NONE);
    }

  mfm_relationship_set_mclt (changed, mfm_relationship_get_mclt (first) + 60);
  change = mfm_change_new_modify (first, changed);
  mfm_session_stage (staged, change);
  outcome = (Outcome) { 0 };
  mfm_session_refresh_async (staged, NULL, refresh_cb, &outcome);
  g_assert_true (wait_for (&outcome.done));
  g_assert_no_error (outcome.error);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (mfm_inventory_get_relationships (mfm_session_get_inventory (staged)), i);

      g_assert_cmpint (mfm_relationship_get_pending_state (relationship), ==,
                       g_str_equal (mfm_relationship_get_name (relationship), name)
                       ? MFM_PENDING_MODIFIED : MFM_PENDING_NONE);
    }

  mfm_change_set_clear (mfm_session_get_changes (staged));
  g_assert_cmpint (pending_of (staged, name), ==, MFM_PENDING_NONE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/session/scopes/two-callers-one-read", Fixture, NULL,
              fixture_set_up, test_two_callers_one_read, fixture_tear_down);
  g_test_add ("/session/scopes/one-caller-cancels", Fixture, NULL,
              fixture_set_up, test_one_caller_cancels, fixture_tear_down);
  g_test_add ("/session/scopes/all-callers-cancel", Fixture, NULL,
              fixture_set_up, test_all_callers_cancel, fixture_tear_down);
  g_test_add ("/session/scopes/error-reaches-every-caller", Fixture, NULL,
              fixture_set_up, test_error_reaches_every_caller, fixture_tear_down);
  g_test_add ("/session/load-progress", Fixture, NULL,
              fixture_set_up, test_load_progress, fixture_tear_down);
  g_test_add ("/session/describe-calls", Fixture, NULL,
              fixture_set_up, test_describe_calls, fixture_tear_down);
  g_test_add ("/session/refresh/during-slices", Fixture, NULL,
              fixture_set_up, test_refresh_during_slices, fixture_tear_down);
  g_test_add ("/session/refresh/dispose-during-slices", Fixture, NULL,
              fixture_set_up, test_dispose_during_slices, fixture_tear_down);
  g_test_add ("/session/refresh/pending-after-first-load", Fixture, NULL,
              fixture_set_up, test_pending_after_first_load, fixture_tear_down);

  return g_test_run ();
}
