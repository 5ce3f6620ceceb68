/* test-change-files.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Change sets as files: one person plans and exports, another opens the file in a session of
 * their own, reviews it in the real review window and saves; the simulator records what
 * arrives. */

#define G_LOG_DOMAIN "test-change-files"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-file.h"
#include "mfm-changes-test-util.h"
#include "mfm-history-window.h"
#include "mfm-journal.h"
#include "mfm-review-window.h"
#include "mfm-ui-test-util.h"

#define R MFM_TYPE_REVIEW_WINDOW

typedef struct
{
  MfmClient  *client;
  MfmSession *session;
  GtkWindow  *parent;
} Reviewer;

static void
reviewer_connect (Reviewer     *reviewer,
                  MfmSimulator *simulator,
                  const char   *user)
{
  AsyncOutcome outcome = { 0 };

  reviewer->client = mfm_client_new (mfm_simulator_get_url (simulator));
  mfm_client_login_async (reviewer->client, user, user, NULL, changes_test_login_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);

  reviewer->session = mfm_session_new (reviewer->client, mfm_simulator_get_url (simulator), user);
  changes_test_refresh (reviewer->session);
  reviewer->parent = GTK_WINDOW (adw_window_new ());
  g_object_ref_sink (reviewer->parent);
  gtk_window_present (reviewer->parent);
}

static void
reviewer_clear (Reviewer *reviewer)
{
  if (reviewer->session != NULL)
    g_assert_true (changes_test_wait (changes_test_session_idle, reviewer->session));
  if (reviewer->parent != NULL)
    gtk_window_destroy (reviewer->parent);
  g_clear_object (&reviewer->parent);
  g_clear_object (&reviewer->session);
  g_clear_object (&reviewer->client);
  changes_test_drain ();
}

/* Every write call in a simulator record, as "Method {params without the session}". */
static GPtrArray *
recorded_writes (const char *record_path)
{
  g_autoptr(GPtrArray) writes = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (record_path, &contents, NULL, NULL))
    return g_steal_pointer (&writes);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(JsonNode) params_node = NULL;
      g_autofree char *params_text = NULL;
      JsonObject *object;
      JsonObject *params;
      const char *method;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      method = json_object_get_string_member_with_default (object, "method", "");
      if (g_str_has_prefix (method, "Get") || g_str_equal (method, "HasAccess") ||
          g_str_equal (method, "Login") ||
          g_str_equal (method, "Logout"))
        continue;

      params = json_object_get_object_member (object, "params");
      if (json_object_has_member (params, "session"))
        json_object_remove_member (params, "session");
      params_node = json_node_init_object (json_node_alloc (), params);
      params_text = json_to_string (params_node, FALSE);
      g_ptr_array_add (writes, g_strdup_printf ("%s %s", method, params_text));
    }

  return g_steal_pointer (&writes);
}

/* Three changes on the demo estate: fra-failover's MCLT, one more scope for it, and a new
 * relationship. */
static void
stage_three (MfmSession *session)
{
  MfmInventory *inventory = mfm_session_get_inventory (session);
  MfmRelationship *fra = mfm_inventory_lookup_relationship (inventory, "fra-failover");
  g_autoptr(MfmRelationship) edited = NULL;
  g_autoptr(MfmRelationship) added = mfm_relationship_new ();
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) scopes = NULL;
  g_autoptr(MfmChange) add = NULL;
  const char *refs[] = { "dhcpScopes/114", NULL };

  g_assert_nonnull (fra);
  edited = mfm_relationship_copy (fra);
  mfm_relationship_set_mclt (edited, 2700);
  modify = mfm_change_new_modify (fra, edited);
  mfm_session_stage (session, modify);
  scopes = mfm_change_new_add_scopes (edited, refs);
  mfm_session_stage (session, scopes);

  mfm_relationship_set_name (added, "lon-fra-new");
  mfm_relationship_set_primary_server_ref (added, "dhcpServers/24");
  mfm_relationship_set_primary_server (added, "dhcp-lon-01.corp.example.net.");
  mfm_relationship_set_secondary_server_ref (added, "dhcpServers/18");
  mfm_relationship_set_secondary_server (added, "dhcp-fra-02.corp.example.net.");
  add = mfm_change_new_add (added);
  mfm_session_stage (session, add);
}

static gboolean
review_done (gpointer data)
{
  gpointer *weak = data;

  return *weak == NULL || !mfm_review_window_get_saving (*weak);
}

/* Opens the review window, checks whether Save may be pressed, and saves when it may. */
static gboolean
review_and_save (GtkWindow  *parent,
                 MfmSession *session)
{
  MfmReviewWindow *review = mfm_review_window_new (parent, session);
  gpointer weak = review;
  GtkWidget *save_button;

  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  gtk_window_present (GTK_WINDOW (review));
  changes_test_drain ();

  save_button = changes_test_child (review, R, "save_button");
  if (!gtk_widget_get_sensitive (save_button))
    {
      gtk_window_destroy (GTK_WINDOW (review));
      return FALSE;
    }

  changes_test_click (save_button);
  g_assert_true (changes_test_wait (review_done, &weak));
  if (weak != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (review), &weak);
      gtk_window_destroy (GTK_WINDOW (review));
    }
  return TRUE;
}

static void
test_export_open_save_same_calls (ChangesFixture *fixture,
                                  gconstpointer   data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "planned.mfm-changes", NULL);
  g_autofree char *second_record = g_build_filename (fixture->tmpdir, "second.jsonl", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) planned_calls = NULL;
  g_autoptr(GPtrArray) reviewed_calls = NULL;
  g_autoptr(MfmSimulator) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *author = NULL;
  g_autofree char *contents = NULL;
  Reviewer reviewer = { 0 };
  guint port = mfm_simulator_get_port (fixture->simulator);

  /* admin plans and exports; then saves on this simulator, to learn the calls they would
   * have sent. */
  stage_three (fixture->session);
  g_assert_true (mfm_session_export_changes (fixture->session, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "\"format\" : \"io.github.mfm.FailoverManager.changes\""));
  g_assert_nonnull (strstr (contents, "\"author\" : \"admin\""));
  g_assert_nonnull (strstr (contents, "\"base\""));
  g_assert_nonnull (strstr (contents, "\"base-absent\""));

  g_assert_true (review_and_save (fixture->parent, fixture->session));
  planned_calls = recorded_writes (fixture->record_path);
  for (guint i = 0; i < planned_calls->len; i++)
    g_test_message ("planned: %s", (char *) g_ptr_array_index (planned_calls, i));
  g_assert_cmpuint (planned_calls->len, ==, 3);
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 0);

  /* The same estate again at the same address, fresh: another user opens the file there. */
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  changes_test_drain ();
  mfm_simulator_stop (fixture->simulator);

  second = mfm_simulator_new ();
  g_object_set (second, "record-path", second_record, NULL);
  mfm_simulator_load_demo (second);
  g_assert_true (mfm_simulator_start (second, port, &error));
  g_assert_no_error (error);

  reviewer_connect (&reviewer, second, "reviewer");
  g_assert_cmpuint (mfm_session_open_changes (reviewer.session, file, &author, NULL, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_cmpstr (author, ==, "admin");
  g_assert_cmpuint (mfm_session_check_bases (reviewer.session), ==, 0);
  /* Staged, not sent. */
  reviewed_calls = recorded_writes (second_record);
  g_assert_cmpuint (reviewed_calls->len, ==, 0);
  g_clear_pointer (&reviewed_calls, g_ptr_array_unref);

  g_assert_true (review_and_save (reviewer.parent, reviewer.session));
  reviewed_calls = recorded_writes (second_record);

  g_assert_cmpuint (reviewed_calls->len, ==, planned_calls->len);
  for (guint i = 0; i < planned_calls->len; i++)
    g_assert_cmpstr (g_ptr_array_index (reviewed_calls, i), ==, g_ptr_array_index (planned_calls, i));

  reviewer_clear (&reviewer);
  mfm_simulator_stop (second);
  g_unlink (second_record);
  g_unlink (path);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  outcome->ok = mfm_client_apply_changes_finish (MFM_CLIENT (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
test_moved_base_blocks_save (ChangesFixture *fixture,
                             gconstpointer   data)
{
  g_autofree char *path = g_build_filename (fixture->tmpdir, "moved.mfm-changes", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmChangeSet) meanwhile = mfm_change_set_new ();
  g_autoptr(MfmRelationship) moved = NULL;
  g_autoptr(MfmRelationship) edited = NULL;
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) other = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autoptr(GPtrArray) modifies = NULL;
  MfmRelationship *fra = mfm_inventory_lookup_relationship (mfm_session_get_inventory (fixture->session),
                                                            "fra-failover");
  AsyncOutcome outcome = { 0 };
  Reviewer reviewer = { 0 };
  MfmChangeSet *staged;
  MfmReviewWindow *review;
  GPtrArray *diffs;
  gboolean found = FALSE;
  guint n_writes;

  /* admin plans a new MCLT for fra-failover and exports it. */
  edited = mfm_relationship_copy (fra);
  mfm_relationship_set_mclt (edited, 2700);
  modify = mfm_change_new_modify (fra, edited);
  mfm_session_stage (fixture->session, modify);
  g_assert_true (mfm_session_export_changes (fixture->session, file, &error));
  g_assert_no_error (error);

  /* Someone else changes its max response delay on the server meanwhile. */
  moved = mfm_relationship_copy (fra);
  mfm_relationship_set_max_response_delay (moved, 90);
  other = mfm_change_new_modify (fra, moved);
  mfm_change_set_add (meanwhile, other);
  mfm_client_apply_changes_async (fixture->client, meanwhile, NULL, NULL, apply_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_no_error (outcome.error);
  writes = recorded_writes (fixture->record_path);
  n_writes = writes->len;
  g_assert_cmpuint (n_writes, ==, 1);
  g_clear_pointer (&writes, g_ptr_array_unref);

  /* The reviewer opens the file: the change shows the difference and cannot be saved. */
  reviewer_connect (&reviewer, fixture->simulator, "reviewer");
  g_assert_cmpuint (mfm_session_open_changes (reviewer.session, file, NULL, NULL, &error), ==, 1);
  g_assert_no_error (error);
  staged = mfm_session_get_changes (reviewer.session);
  g_assert_true (mfm_change_get_base_moved (mfm_change_set_get_change (staged, 0)));
  diffs = mfm_change_get_base_diffs (mfm_change_set_get_change (staged, 0));
  g_assert_cmpuint (diffs->len, ==, 1);
  g_assert_cmpstr (((MfmFieldDiff *) g_ptr_array_index (diffs, 0))->label, ==, "Max response delay");
  g_assert_nonnull (strstr (((MfmFieldDiff *) g_ptr_array_index (diffs, 0))->old_value, "60"));
  g_assert_nonnull (strstr (((MfmFieldDiff *) g_ptr_array_index (diffs, 0))->new_value, "90"));

  review = mfm_review_window_new (reviewer.parent, reviewer.session);
  gtk_window_present (GTK_WINDOW (review));
  changes_test_drain ();
  g_assert_false (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));
  g_assert_nonnull (changes_test_find_named (GTK_WIDGET (review), "base-moved"));
  {
    GtkWidget *moved_box = changes_test_find_named (GTK_WIDGET (review), "base-moved");

    for (GtkWidget *w = gtk_widget_get_first_child (moved_box); w != NULL; w = gtk_widget_get_next_sibling (w))
      if (GTK_IS_LIST_BOX (w))
        {
          GtkListBoxRow *row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (w), 0);

          g_assert_nonnull (row);
          g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==, "Max response delay");
          g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "planned against 60"));
          found = TRUE;
        }
  }
  g_assert_true (found);

  /* Neither the window's action nor the client sends anything. */
  gtk_widget_activate_action (GTK_WIDGET (review), "review.save", NULL);
  changes_test_drain ();
  g_assert_false (mfm_review_window_get_saving (review));
  outcome = (AsyncOutcome) { 0 };
  mfm_client_apply_changes_async (reviewer.client, staged, NULL, NULL, apply_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_false (outcome.ok);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&outcome.error);
  writes = recorded_writes (fixture->record_path);
  g_assert_cmpuint (writes->len, ==, n_writes);

  /* Accepting the server's values: Save is possible, and it keeps the other person's delay. */
  gtk_widget_activate_action (GTK_WIDGET (review), "review.accept-base", "u", 0);
  changes_test_drain ();
  g_assert_false (mfm_change_get_base_moved (mfm_change_set_get_change (staged, 0)));
  g_assert_null (changes_test_find_named (GTK_WIDGET (review), "base-moved"));
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));
  gtk_window_destroy (GTK_WINDOW (review));

  g_assert_true (review_and_save (reviewer.parent, reviewer.session));
  modifies = changes_test_recorded_calls (fixture, "ModifyDHCPFailoverRelationship");
  g_assert_cmpuint (modifies->len, ==, 2);
  {
    JsonObject *sent = json_object_get_object_member (g_ptr_array_index (modifies, 1),
                                                      "dhcpFailoverRelationship");

    g_assert_cmpint (json_object_get_int_member (sent, "mclt"), ==, 2700);
    g_assert_cmpint (json_object_get_int_member (sent, "maxResponseDelay"), ==, 90);
  }

  reviewer_clear (&reviewer);
  g_unlink (path);
}

static void
test_damaged_and_foreign_files (ChangesFixture *fixture,
                                gconstpointer   data)
{
  static const struct {
    const char *contents;
    const char *sentence;
  } cases[] = {
    { "{\"format\": \"io.github.mfm.FailoverManager.changes\", \"vers", "This file is damaged" },
    { "\x89PNG\r\n", "This file is damaged" },
    { "{\"format\": \"something-else\", \"version\": 1}", "not a Failover Manager change set" },
    { "[1, 2, 3]", "not a Failover Manager change set" },
    { "{\"format\": \"io.github.mfm.FailoverManager.changes\", \"version\": 7}", "format version 7" },
    { "{\"format\": \"io.github.mfm.FailoverManager.changes\", \"version\": 1, \"server\": \"\", "
      "\"type\": \"a{sv}\", \"changes\": {\"version\": {\"type\": \"u\", \"value\": 1}, "
      "\"changes\": {\"type\": \"av\", \"value\": [{\"type\": \"s\", \"value\": \"x\"}]}}}",
      "This change set is damaged" },
  };
  g_autofree char *path = g_build_filename (fixture->tmpdir, "bad.mfm-changes", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(MfmChangeSet) planned = mfm_change_set_new ();
  g_autofree char *other_server = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  MfmChangeSet *staged = mfm_session_get_changes (fixture->session);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *shown = g_strescape (cases[i].contents, NULL);

      g_assert_true (g_file_set_contents (path, cases[i].contents, -1, NULL));
      g_assert_cmpuint (mfm_session_open_changes (fixture->session, file, NULL, NULL, &error), ==, 0);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      /* Escaped: a line break in the file would end the test's TAP line. */
      g_test_message ("%s → %s", shown, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].sentence));
      g_assert_cmpuint (mfm_change_set_get_n_changes (staged), ==, 0);
    }

  /* A good file written for another server is not staged here. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(MfmRelationship) fra = mfm_relationship_copy (
      mfm_inventory_lookup_relationship (mfm_session_get_inventory (fixture->session), "fra-failover"));
    g_autoptr(MfmChange) remove = mfm_change_new_remove (fra, MFM_DECONFIGURE_DISABLE);

    mfm_change_set_add (planned, remove);
    g_assert_true (mfm_change_file_save (planned, "https://micetro.example.net", "admin", file, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (mfm_session_open_changes (fixture->session, file, NULL, NULL, &error), ==, 0);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_assert_nonnull (strstr (error->message, "planned for https://micetro.example.net"));
    g_assert_cmpuint (mfm_change_set_get_n_changes (staged), ==, 0);
  }

  /* Nothing reached the server. */
  writes = recorded_writes (fixture->record_path);
  g_assert_cmpuint (writes->len, ==, 0);
  g_unlink (path);
}

/* Saved-changes journal */

typedef struct
{
  ChangesFixture *fixture;
  gboolean        checked;
} BeforeFirstCall;

/* When the first change turns "sending", the entry is already on disk and nothing was sent. */
static void
first_sending_cb (MfmChange       *change,
                  GParamSpec      *pspec,
                  BeforeFirstCall *before)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  MfmChangeSet *journaled;

  if (before->checked || mfm_change_get_status (change) != MFM_CHANGE_STATUS_APPLYING)
    return;
  before->checked = TRUE;

  entries = mfm_journal_list (mfm_simulator_get_url (before->fixture->simulator));
  g_assert_cmpuint (entries->len, ==, 1);
  journaled = mfm_journal_entry_get_changes (g_ptr_array_index (entries, 0));
  g_assert_cmpuint (mfm_change_set_get_n_changes (journaled), ==, 3);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (journaled, 0)), ==,
                   MFM_CHANGE_STATUS_APPLYING);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (journaled, 2)), ==,
                   MFM_CHANGE_STATUS_PENDING);
  writes = recorded_writes (before->fixture->record_path);
  g_assert_cmpuint (writes->len, ==, 0);
}

static void
test_journal_interrupted_save (ChangesFixture *fixture,
                               gconstpointer   data)
{
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  BeforeFirstCall before = { fixture, FALSE };
  MfmReviewWindow *review;
  MfmJournalEntry *entry;
  MfmChangeSet *journaled;
  g_autoptr(MfmChange) first = NULL;
  MfmRelationship *base;
  gpointer weak;

  stage_three (fixture->session);
  first = g_object_ref (mfm_change_set_get_change (mfm_session_get_changes (fixture->session), 0));
  g_signal_connect (first, "notify::status", G_CALLBACK (first_sending_cb), &before);

  /* The third call is carried out, then its connection closes without an answer. */
  mfm_simulator_reset_after_write (fixture->simulator, NULL, 2);

  review = mfm_review_window_new (fixture->parent, fixture->session);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  gtk_window_present (GTK_WINDOW (review));
  changes_test_drain ();
  gtk_editable_set_text (GTK_EDITABLE (changes_test_child (review, R, "comment_row")), "Ticket 4711");
  changes_test_click (changes_test_child (review, R, "save_button"));
  g_assert_true (changes_test_wait (review_done, &weak));
  g_assert_true (before.checked);
  g_signal_handlers_disconnect_by_data (first, &before);

  writes = recorded_writes (fixture->record_path);
  g_assert_cmpuint (writes->len, ==, 3);

  entries = mfm_journal_list (mfm_simulator_get_url (fixture->simulator));
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_true (mfm_journal_entry_get_finished (entry));
  g_assert_cmpstr (mfm_journal_entry_get_comment (entry), ==, "Ticket 4711");
  g_assert_cmpstr (mfm_journal_entry_get_user (entry), ==, "admin");
  journaled = mfm_journal_entry_get_changes (entry);
  g_assert_cmpuint (mfm_change_set_get_n_changes (journaled), ==, 3);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (journaled, 0)), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (journaled, 1)), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (journaled, 2)), ==, MFM_CHANGE_STATUS_UNKNOWN);
  g_assert_nonnull (mfm_change_get_error_message (mfm_change_set_get_change (journaled, 2)));

  /* What was about to be sent, and the server's values before. */
  g_assert_nonnull (strstr (mfm_journal_entry_get_calls (entry, 0), "ModifyDHCPFailoverRelationship"));
  g_assert_nonnull (strstr (mfm_journal_entry_get_calls (entry, 2), "AddDHCPFailoverRelationship"));
  base = mfm_change_get_base (mfm_change_set_get_change (journaled, 0));
  g_assert_nonnull (base);
  g_assert_cmpuint (mfm_relationship_get_mclt (base), ==, 1800);
  g_assert_false (mfm_relationship_has_scope (mfm_change_get_base (mfm_change_set_get_change (journaled, 1)),
                                              "dhcpScopes/114"));
  g_assert_true (mfm_change_has_base (mfm_change_set_get_change (journaled, 2)));
  g_assert_null (mfm_change_get_base (mfm_change_set_get_change (journaled, 2)));

  if (weak != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (review), &weak);
      gtk_window_destroy (GTK_WINDOW (review));
    }
}

/* Undo of a save */

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* Every readable property of every object in @model, sorted, one line each. */
static void
dump_objects (GString    *out,
              GListModel *model)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i);
      g_autoptr(GString) line = g_string_new (G_OBJECT_TYPE_NAME (object));
      guint n_specs;
      g_autofree GParamSpec **specs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_specs);

      for (guint p = 0; p < n_specs; p++)
        {
          GValue value = G_VALUE_INIT;
          g_autofree char *text = NULL;

          /* "range-ref" is filled in by the simulator the first time a scope's range is
           * asked for, which the review does; no failover call touches it. */
          if (!(specs[p]->flags & G_PARAM_READABLE) ||
              g_str_equal (specs[p]->name, "staged") || g_str_equal (specs[p]->name, "pending-state") ||
              g_str_equal (specs[p]->name, "range-ref"))
            continue;
          g_value_init (&value, specs[p]->value_type);
          g_object_get_property (object, specs[p]->name, &value);
          text = G_VALUE_HOLDS_OBJECT (&value) ? g_strdup ("<object>") : g_strdup_value_contents (&value);
          g_string_append_printf (line, " %s=%s", specs[p]->name, text);
          g_value_unset (&value);
        }
      if (MFM_IS_SCOPE (object))
        {
          GPtrArray *pools = mfm_scope_get_pools (MFM_SCOPE (object));

          for (guint k = 0; pools != NULL && k < pools->len; k++)
            {
              MfmAddressPool *pool = g_ptr_array_index (pools, k);

              g_string_append_printf (line, " pool=%s-%s/%s", pool->start, pool->end,
                                      pool->failover_peer != NULL ? pool->failover_peer : "");
            }
        }
      g_ptr_array_add (lines, g_string_free (g_steal_pointer (&line), FALSE));
    }
  g_ptr_array_sort (lines, compare_lines);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (out, "%s\n", (char *) g_ptr_array_index (lines, i));
}

/* The simulator's relationships, scopes and their pools, as text to compare. */
static char *
dump_estate (MfmSimulator *simulator)
{
  g_autoptr(MfmInventory) inventory = mfm_simulator_dup_inventory (simulator);
  GString *out = g_string_new (NULL);

  dump_objects (out, mfm_inventory_get_relationships (inventory));
  dump_objects (out, mfm_inventory_get_scopes (inventory));

  return g_string_free (out, FALSE);
}

static void
test_undo_save (ChangesFixture *fixture,
                gconstpointer   data)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  MfmRelationship *fra = mfm_inventory_lookup_relationship (inventory, "fra-failover");
  g_autoptr(MfmRelationship) edited = mfm_relationship_copy (fra);
  g_autoptr(MfmRelationship) added = mfm_relationship_new ();
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) scopes_out = NULL;
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *after = NULL;
  const char *refs[] = { "dhcpScopes/113", NULL };
  MfmChangeSet *staged = mfm_session_get_changes (fixture->session);
  MfmHistoryWindow *history;

  before = dump_estate (fixture->simulator);

  /* Save: a new MCLT, a scope out (its partner copy kept), a new relationship. */
  mfm_relationship_set_mclt (edited, 2700);
  modify = mfm_change_new_modify (fra, edited);
  mfm_session_stage (fixture->session, modify);
  scopes_out = mfm_change_new_remove_scopes (edited, refs, MFM_DECONFIGURE_NONE);
  mfm_session_stage (fixture->session, scopes_out);
  mfm_relationship_set_name (added, "lon-fra-new");
  mfm_relationship_set_primary_server_ref (added, "dhcpServers/24");
  mfm_relationship_set_primary_server (added, "dhcp-lon-01.corp.example.net.");
  mfm_relationship_set_secondary_server_ref (added, "dhcpServers/18");
  mfm_relationship_set_secondary_server (added, "dhcp-fra-02.corp.example.net.");
  add = mfm_change_new_add (added);
  mfm_session_stage (fixture->session, add);
  g_assert_true (review_and_save (fixture->parent, fixture->session));
  g_assert_cmpuint (mfm_change_set_get_n_changes (staged), ==, 0);
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));
  changes_test_refresh (fixture->session);
  saved = dump_estate (fixture->simulator);
  g_assert_cmpstr (saved, !=, before);

  /* Undo… from the History window stages the inverse for the review. */
  history = mfm_history_window_new (fixture->parent, fixture->session);
  gtk_window_present (GTK_WINDOW (history));
  changes_test_drain ();
  g_assert_cmpuint (mfm_history_window_get_n_entries (history), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (history), "history.undo", "u", 0);
  changes_test_drain ();
  g_assert_cmpuint (mfm_change_set_get_n_changes (staged), ==, 3);
  g_assert_cmpint (mfm_change_get_kind (mfm_change_set_get_change (staged, 0)), ==, MFM_CHANGE_REMOVE);
  g_assert_cmpint (mfm_change_get_kind (mfm_change_set_get_change (staged, 1)), ==, MFM_CHANGE_ADD_SCOPES);
  g_assert_cmpint (mfm_change_get_kind (mfm_change_set_get_change (staged, 2)), ==, MFM_CHANGE_MODIFY);
  for (guint i = 0; i < 3; i++)
    g_assert_false (mfm_change_get_base_moved (mfm_change_set_get_change (staged, i)));

  g_assert_true (review_and_save (fixture->parent, fixture->session));
  g_assert_cmpuint (mfm_change_set_get_n_changes (staged), ==, 0);
  after = dump_estate (fixture->simulator);
  g_assert_cmpstr (after, ==, before);

  /* The undo is a save of its own, in the history too. */
  entries = mfm_journal_list (mfm_simulator_get_url (fixture->simulator));
  g_assert_cmpuint (entries->len, ==, 2);
}

/* A save refused at the third of three calls: the journal says the first two were made and
 * the third refused, and Undo takes back exactly those two, leaving the estate as before. */
static void
test_undo_interrupted_save (ChangesFixture *fixture,
                            gconstpointer   data)
{
  MfmChangeSet *staged = mfm_session_get_changes (fixture->session);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) writes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  MfmHistoryWindow *history;
  MfmJournalEntry *entry;
  MfmChangeSet *journaled;
  guint n_writes;

  before = dump_estate (fixture->simulator);
  stage_three (fixture->session);
  mfm_simulator_fail_next_writes (fixture->simulator, 2, 1);
  g_assert_true (review_and_save (fixture->parent, fixture->session));
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));

  /* The refused Add stays staged; the record holds the three calls that went out. */
  g_assert_cmpuint (mfm_change_set_get_n_changes (staged), ==, 1);
  g_assert_cmpint (mfm_change_get_kind (mfm_change_set_get_change (staged, 0)), ==, MFM_CHANGE_ADD);
  writes = recorded_writes (fixture->record_path);
  g_assert_cmpuint (writes->len, ==, 3);
  n_writes = writes->len;

  entries = mfm_journal_list (mfm_simulator_get_url (fixture->simulator));
  g_assert_cmpuint (entries->len, ==, 1);
  entry = g_ptr_array_index (entries, 0);
  g_assert_true (mfm_journal_entry_get_finished (entry));
  journaled = mfm_journal_entry_get_changes (entry);
  g_assert_cmpuint (mfm_change_set_get_n_changes (journaled), ==, 3);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (journaled, 0)), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (journaled, 1)), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (journaled, 2)), ==, MFM_CHANGE_STATUS_FAILED);

  /* The refused change is dropped; Undo stages the inverse of the two made, last first. */
  mfm_change_set_clear (staged);
  changes_test_refresh (fixture->session);
  history = mfm_history_window_new (fixture->parent, fixture->session);
  gtk_window_present (GTK_WINDOW (history));
  changes_test_drain ();
  gtk_widget_activate_action (GTK_WIDGET (history), "history.undo", "u", 0);
  changes_test_drain ();
  g_assert_cmpuint (mfm_change_set_get_n_changes (staged), ==, 2);
  g_assert_cmpint (mfm_change_get_kind (mfm_change_set_get_change (staged, 0)), ==, MFM_CHANGE_REMOVE_SCOPES);
  g_assert_cmpint (mfm_change_get_kind (mfm_change_set_get_change (staged, 1)), ==, MFM_CHANGE_MODIFY);

  g_assert_true (review_and_save (fixture->parent, fixture->session));
  g_assert_cmpuint (mfm_change_set_get_n_changes (staged), ==, 0);
  g_clear_pointer (&writes, g_ptr_array_unref);
  writes = recorded_writes (fixture->record_path);
  g_assert_cmpuint (writes->len, ==, n_writes + 2);
  after = dump_estate (fixture->simulator);
  g_assert_cmpstr (after, ==, before);
}

static void
test_undo_says_what_moved (ChangesFixture *fixture,
                           gconstpointer   data)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  MfmRelationship *fra = mfm_inventory_lookup_relationship (inventory, "fra-failover");
  g_autoptr(MfmRelationship) edited = mfm_relationship_copy (fra);
  g_autoptr(MfmRelationship) later = NULL;
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) again = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  MfmChangeSet *staged = mfm_session_get_changes (fixture->session);
  GPtrArray *diffs;

  mfm_relationship_set_mclt (edited, 2700);
  modify = mfm_change_new_modify (fra, edited);
  mfm_session_stage (fixture->session, modify);
  g_assert_true (review_and_save (fixture->parent, fixture->session));
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));
  changes_test_refresh (fixture->session);

  /* A later save changes the MCLT again. */
  later = mfm_relationship_copy (edited);
  mfm_relationship_set_mclt (later, 900);
  again = mfm_change_new_modify (edited, later);
  mfm_session_stage (fixture->session, again);
  g_assert_true (review_and_save (fixture->parent, fixture->session));
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));
  changes_test_refresh (fixture->session);

  /* Undoing the first save: the review says the MCLT moved since, and holds the change. */
  entries = mfm_journal_list (mfm_simulator_get_url (fixture->simulator));
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpuint (mfm_session_stage_undo (fixture->session, g_ptr_array_index (entries, 1), &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (mfm_change_get_base_moved (mfm_change_set_get_change (staged, 0)));
  diffs = mfm_change_get_base_diffs (mfm_change_set_get_change (staged, 0));
  g_assert_cmpuint (diffs->len, ==, 1);
  g_assert_cmpstr (((MfmFieldDiff *) g_ptr_array_index (diffs, 0))->label, ==, "Maximum client lead time");
  g_assert_false (review_and_save (fixture->parent, fixture->session));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add ("/change-files/export-open-save-same-calls", ChangesFixture, NULL,
              changes_fixture_set_up, test_export_open_save_same_calls, changes_fixture_tear_down);
  g_test_add ("/change-files/moved-base-blocks-save", ChangesFixture, NULL,
              changes_fixture_set_up, test_moved_base_blocks_save, changes_fixture_tear_down);
  g_test_add ("/change-files/damaged-and-foreign", ChangesFixture, NULL,
              changes_fixture_set_up, test_damaged_and_foreign_files, changes_fixture_tear_down);
  g_test_add ("/change-files/journal-interrupted-save", ChangesFixture, NULL,
              changes_fixture_set_up, test_journal_interrupted_save, changes_fixture_tear_down);
  g_test_add ("/change-files/undo-save", ChangesFixture, NULL,
              changes_fixture_set_up, test_undo_save, changes_fixture_tear_down);
  g_test_add ("/change-files/undo-interrupted-save", ChangesFixture, NULL,
              changes_fixture_set_up, test_undo_interrupted_save, changes_fixture_tear_down);
  g_test_add ("/change-files/undo-says-what-moved", ChangesFixture, NULL,
              changes_fixture_set_up, test_undo_says_what_moved, changes_fixture_tear_down);

  return g_test_run ();
}
