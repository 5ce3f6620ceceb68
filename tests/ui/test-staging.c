/* test-staging.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Staging without saving: the remove dialog, the scopes dialog, the pending bar, undo and
 * redo through the "changes" actions, discard, and a draft that outlives its session. */

#define G_LOG_DOMAIN "test-staging"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-changes-test-util.h"
#include "mfm-drafts.h"
#include "mfm-pending-bar.h"
#include "mfm-remove-dialog.h"
#include "mfm-scopes-dialog.h"
#include "mfm-ui-test-util.h"

/* Every label text under @root, one per line. */
static void
collect_label_texts (GtkWidget *root,
                     GString   *out)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_visible (root))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (root)));
      g_string_append_c (out, '\n');
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, out);
}

static char *
label_texts (GtkWidget *root)
{
  GString *out = g_string_new (NULL);

  collect_label_texts (root, out);

  return g_string_free (out, FALSE);
}

static guint
count_lines_with (const char *text,
                  const char *needle)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  guint count = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], needle))
        count++;
    }

  return count;
}

static MfmChange *
new_remove_change (ChangesFixture *fixture,
                   const char     *name)
{
  MfmRelationship *relationship =
    mfm_inventory_lookup_relationship (mfm_session_get_inventory (fixture->session), name);

  g_assert_nonnull (relationship);

  return mfm_change_new_remove (relationship, MFM_DECONFIGURE_DISABLE);
}

static gboolean
no_scope_loading (gpointer data)
{
  GtkWidget *spinner = data;

  return !gtk_widget_get_visible (spinner);
}

static void
test_remove_with_delete (ChangesFixture *fixture,
                         gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *impact_list;
  MfmRemoveDialog *dialog;
  gpointer weak;
  MfmChange *change;

  changes_test_activate (fixture, "remove-relationship", g_variant_new_string ("ams-failover"));
  dialog = changes_test_find_window (MFM_TYPE_REMOVE_DIALOG);
  g_assert_nonnull (dialog);
  ui_assert_accessible_names (GTK_WIDGET (dialog));
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "heading_label"))),
                   ==, "Remove relationship “ams-failover”?");
  g_assert_true (changes_test_wait (no_scope_loading, changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "spinner")));

  /* Default: the secondary's copies are disabled, the primary keeps its four scopes. */
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "disable_check"))));
  impact_list = changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "impact_list");
  before = label_texts (impact_list);
  g_test_message ("impact:\n%s", before);
  g_assert_cmpuint (count_lines_with (before, "Kept on dhcp-ams-01.corp.example.net"), ==, 4);
  g_assert_cmpuint (count_lines_with (before, "Disabled on dhcp-ams-02.corp.example.net"), ==, 4);
  g_assert_cmpuint (count_lines_with (before, "Deleted on"), ==, 0);
  g_assert_nonnull (strstr (before, "AMS Office floor 1"));
  g_assert_nonnull (strstr (before, "AMS VoIP phones"));

  /* The list follows the choice. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "delete_check")), TRUE);
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "disable_check"))));
  after = label_texts (impact_list);
  g_assert_cmpuint (count_lines_with (after, "Kept on dhcp-ams-01.corp.example.net"), ==, 4);
  g_assert_cmpuint (count_lines_with (after, "Disabled on"), ==, 0);
  g_assert_cmpuint (count_lines_with (after, "Deleted on dhcp-ams-02.corp.example.net"), ==, 4);

  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  changes_test_click (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "remove_button"));
  changes_test_wait_pointer_cleared (&weak);

  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  change = mfm_change_set_get_change (changes, 0);
  g_assert_cmpint (mfm_change_get_kind (change), ==, MFM_CHANGE_REMOVE);
  g_assert_cmpint (mfm_change_get_action (change), ==, MFM_DECONFIGURE_DELETE);
  g_assert_cmpstr (mfm_change_get_relationship_name (change), ==, "ams-failover");
  g_assert_cmpint (mfm_change_set_get_pending_state (changes, "ams-failover"), ==, MFM_PENDING_REMOVED);
}

/* Removing a relationship that is only staged speaks of no scopes or peers (it has none on
 * any server yet) and takes its staged changes back instead of staging a Remove. */
static void
test_remove_staged_new (ChangesFixture *fixture,
                        gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(MfmChange) other = new_remove_change (fixture, "lon-failover");
  MfmRemoveDialog *dialog;
  const char *body;
  gpointer weak;

  mfm_relationship_set_name (relationship, "ams-fra-new");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
  mfm_relationship_set_primary_server (relationship, "dhcp-ams-01.corp.example.net.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/17");
  mfm_relationship_set_secondary_server (relationship, "dhcp-fra-01.corp.example.net.");
  add = mfm_change_new_add (relationship);
  mfm_session_stage (fixture->session, add);
  mfm_session_stage (fixture->session, other);
  g_assert_cmpint (mfm_change_set_get_pending_state (changes, "ams-fra-new"), ==, MFM_PENDING_NEW);

  changes_test_activate (fixture, "remove-relationship", g_variant_new_string ("ams-fra-new"));
  dialog = changes_test_find_window (MFM_TYPE_REMOVE_DIALOG);
  g_assert_nonnull (dialog);
  weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  ui_assert_accessible_names (GTK_WIDGET (dialog));

  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "heading_label"))),
                   ==, "Remove the new relationship “ams-fra-new”?");
  body = gtk_label_get_label (GTK_LABEL (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "body_label")));
  g_test_message ("%s", body);
  g_assert_null (strstr (body, "scope"));
  g_assert_null (strstr (body, "peer"));
  g_assert_nonnull (strstr (body, "nothing is sent to Micetro"));
  g_assert_false (gtk_widget_get_visible (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "choice_group")));
  g_assert_false (gtk_widget_get_visible (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "impact_group")));

  changes_test_click (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "remove_button"));
  changes_test_wait_pointer_cleared (&weak);

  /* Its Add is gone, no Remove was staged, the other change stays; Undo brings it back. */
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  g_assert_true (mfm_change_set_get_change (changes, 0) == other);
  g_assert_cmpint (mfm_change_set_get_pending_state (changes, "ams-fra-new"), ==, MFM_PENDING_NONE);
  g_assert_true (mfm_change_set_undo (changes));
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);
  g_assert_true (mfm_change_set_get_change (changes, 0) == add);
}

static gboolean
scopes_loaded (gpointer data)
{
  return !mfm_scopes_dialog_get_loading (data);
}

static MfmScopesDialog *
open_scopes (ChangesFixture *fixture,
             const char     *name)
{
  MfmScopesDialog *dialog;

  changes_test_activate (fixture, "manage-scopes", g_variant_new_string (name));
  dialog = changes_test_find_window (MFM_TYPE_SCOPES_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (changes_test_wait (scopes_loaded, dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "content_stack"))),
                   ==, "scopes");

  return dialog;
}

static GtkCheckButton *
scope_check (MfmScopesDialog *dialog,
             const char      *scope_ref)
{
  return GTK_CHECK_BUTTON (changes_test_find_named (GTK_WIDGET (dialog), scope_ref));
}

static void
test_scopes_bulk (ChangesFixture *fixture,
                  gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  MfmScopesDialog *dialog = open_scopes (fixture, "fra-failover");
  GtkWidget *apply = changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "apply_button");
  GtkWidget *removal_group = changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "removal_group");
  g_autofree char *member_texts = label_texts (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "member_group"));
  g_autofree char *eligible_texts = label_texts (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "eligible_group"));
  gpointer weak = dialog;
  const char * const *refs;
  MfmChange *change;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);

  /* Members checked, the eligible printer scope unchecked, nothing to apply yet. */
  g_assert_nonnull (strstr (member_texts, "FRA Office"));
  g_assert_nonnull (strstr (member_texts, "FRA Lab"));
  g_assert_nonnull (strstr (eligible_texts, "FRA Printers"));
  g_assert_true (gtk_check_button_get_active (scope_check (dialog, "dhcpScopes/111")));
  g_assert_true (gtk_check_button_get_active (scope_check (dialog, "dhcpScopes/113")));
  g_assert_false (gtk_check_button_get_active (scope_check (dialog, "dhcpScopes/114")));
  g_assert_false (gtk_widget_get_sensitive (apply));
  g_assert_false (gtk_widget_get_visible (removal_group));

  gtk_check_button_set_active (scope_check (dialog, "dhcpScopes/113"), FALSE);
  gtk_check_button_set_active (scope_check (dialog, "dhcpScopes/112"), FALSE);
  gtk_check_button_set_active (scope_check (dialog, "dhcpScopes/114"), TRUE);
  g_assert_true (gtk_widget_get_sensitive (apply));
  g_assert_true (gtk_widget_get_visible (removal_group));

  /* Search hides what does not match and keeps the checks. */
  gtk_editable_set_text (GTK_EDITABLE (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "search_entry")), "printers");
  g_signal_emit_by_name (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "search_entry"), "search-changed");
  g_assert_false (gtk_widget_get_visible (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "member_group")));
  g_assert_true (gtk_widget_get_visible (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "eligible_group")));
  g_assert_false (gtk_check_button_get_active (scope_check (dialog, "dhcpScopes/113")));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "delete_check")), TRUE);
  changes_test_click (apply);
  changes_test_wait_pointer_cleared (&weak);

  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);

  change = mfm_change_set_get_change (changes, 0);
  g_assert_cmpint (mfm_change_get_kind (change), ==, MFM_CHANGE_ADD_SCOPES);
  refs = mfm_change_get_scope_refs (change);
  g_assert_cmpuint (g_strv_length ((char **) refs), ==, 1);
  g_assert_cmpstr (refs[0], ==, "dhcpScopes/114");

  change = mfm_change_set_get_change (changes, 1);
  g_assert_cmpint (mfm_change_get_kind (change), ==, MFM_CHANGE_REMOVE_SCOPES);
  g_assert_cmpint (mfm_change_get_action (change), ==, MFM_DECONFIGURE_DELETE);
  refs = mfm_change_get_scope_refs (change);
  g_assert_cmpuint (g_strv_length ((char **) refs), ==, 2);
  g_assert_true (g_strv_contains (refs, "dhcpScopes/112"));
  g_assert_true (g_strv_contains (refs, "dhcpScopes/113"));
}

static void
test_scopes_not_eligible (ChangesFixture *fixture,
                          gconstpointer   data)
{
  MfmScopesDialog *dialog = open_scopes (fixture, "lon-failover");
  g_autofree char *ineligible = label_texts (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "ineligible_group"));
  g_autofree char *eligible = label_texts (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "eligible_group"));

  /* An empty relationship: no member, three scopes with pools, a server subnet without one. */
  g_assert_false (gtk_widget_get_visible (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "member_group")));
  g_assert_nonnull (strstr (eligible, "LON Office"));
  g_assert_nonnull (strstr (eligible, "LON Cameras"));
  g_assert_nonnull (strstr (ineligible, "LON Servers"));
  g_assert_nonnull (strstr (ineligible, "No address pool"));
  g_assert_null (scope_check (dialog, "dhcpScopes/124"));
  g_assert_nonnull (scope_check (dialog, "dhcpScopes/121"));

  gtk_window_destroy (GTK_WINDOW (dialog));

  /* Staged scope changes count: once 121 is staged for the relationship, it is a member. */
  {
    MfmRelationship *lon = mfm_inventory_lookup_relationship (mfm_session_get_inventory (fixture->session),
                                                              "lon-failover");
    const char *refs[] = { "dhcpScopes/121", NULL };
    g_autoptr(MfmChange) add_scopes = mfm_change_new_add_scopes (lon, refs);
    g_autofree char *texts = NULL;

    mfm_session_stage (fixture->session, add_scopes);
    dialog = open_scopes (fixture, "lon-failover");
    texts = label_texts (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "member_group"));
    g_assert_nonnull (strstr (texts, "LON Office"));
    g_assert_true (gtk_check_button_get_active (scope_check (dialog, "dhcpScopes/121")));
    g_assert_false (gtk_check_button_get_active (scope_check (dialog, "dhcpScopes/122")));
  }
}

/* Escape in the search clears it; Escape in the empty search closes the dialog, staging
 * nothing. Escape is the search entry's stop-search key binding. */
static void
test_scopes_escape (ChangesFixture *fixture,
                    gconstpointer   data)
{
  MfmScopesDialog *dialog = open_scopes (fixture, "fra-failover");
  GtkWidget *search = changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "search_entry");
  gpointer weak = dialog;

  g_object_add_weak_pointer (G_OBJECT (dialog), &weak);
  gtk_check_button_set_active (scope_check (dialog, "dhcpScopes/114"), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (search), "printers");

  g_signal_emit_by_name (search, "stop-search");
  g_assert_nonnull (weak);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");

  g_signal_emit_by_name (search, "stop-search");
  changes_test_wait_pointer_cleared (&weak);
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 0);
}

static gboolean
is_inside (GtkWidget *widget,
           GtkWidget *ancestor)
{
  return widget != NULL && (widget == ancestor || gtk_widget_is_ancestor (widget, ancestor));
}

/* Up and Down go from one group's scopes to the next group's, as in any preferences group. */
static void
test_scopes_arrow_keys (ChangesFixture *fixture,
                        gconstpointer   data)
{
  MfmScopesDialog *dialog = open_scopes (fixture, "fra-failover");
  GtkWidget *member_list = changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "member_list");
  GtkWidget *eligible_list = changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "eligible_list");
  GtkWidget *last_member = NULL;
  GtkListBoxRow *row;

  /* The check box of the last scope in the relationship has the keyboard. */
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (member_list), i)) != NULL; i++)
    last_member = GTK_WIDGET (row);
  g_assert_nonnull (last_member);
  g_assert_true (gtk_widget_grab_focus (last_member));
  gtk_widget_child_focus (last_member, GTK_DIR_TAB_FORWARD);
  g_assert_true (GTK_IS_CHECK_BUTTON (gtk_root_get_focus (GTK_ROOT (dialog))));
  g_assert_true (is_inside (gtk_root_get_focus (GTK_ROOT (dialog)), last_member));

  g_signal_emit_by_name (member_list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 1, FALSE, FALSE);
  g_assert_true (is_inside (gtk_root_get_focus (GTK_ROOT (dialog)), eligible_list));

  g_signal_emit_by_name (eligible_list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, -1, FALSE, FALSE);
  g_assert_true (is_inside (gtk_root_get_focus (GTK_ROOT (dialog)), member_list));
}

static void
test_scopes_error_and_retry (ChangesFixture *fixture,
                             gconstpointer   data)
{
  MfmScopesDialog *dialog;
  GtkStack *stack;
  guint n_with_angle_brackets = 0;

  /* Every call fails: the dialog says so and offers Retry. */
  g_object_set (fixture->simulator, "fail-rate", 1.0, NULL);
  changes_test_activate (fixture, "manage-scopes", g_variant_new_string ("ams-failover"));
  dialog = changes_test_find_window (MFM_TYPE_SCOPES_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (mfm_scopes_dialog_get_loading (dialog));
  g_assert_true (changes_test_wait (scopes_loaded, dialog));
  stack = GTK_STACK (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "content_stack"));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
  g_assert_nonnull (adw_status_page_get_description (ADW_STATUS_PAGE (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "error_page"))));
  g_assert_false (gtk_widget_get_sensitive (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "apply_button")));

  /* Answers that are not JSON at all: the technical detail under the sentence is text from
   * the parser ("<data>:1:1: …"), shown as written rather than taken for markup. */
  g_object_set (fixture->simulator, "fail-rate", 0.0, "malformed-rate", 1.0, NULL);
  for (guint i = 0; i < 6; i++)
    {
      const char *description;
      g_autofree char *texts = NULL;

      changes_test_click (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "retry_button"));
      g_assert_true (changes_test_wait (scopes_loaded, dialog));
      g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "error");
      description = adw_status_page_get_description (ADW_STATUS_PAGE (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "error_page")));
      texts = label_texts (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "error_page"));
      g_test_message ("%s", texts);
      g_assert_nonnull (strstr (texts, "\n\n"));
      g_assert_nonnull (description);
      if (strchr (texts, '<') != NULL)
        n_with_angle_brackets++;
    }
  g_assert_cmpuint (n_with_angle_brackets, >, 0);

  g_object_set (fixture->simulator, "malformed-rate", 0.0, NULL);
  changes_test_click (changes_test_child (dialog, MFM_TYPE_SCOPES_DIALOG, "retry_button"));
  g_assert_true (mfm_scopes_dialog_get_loading (dialog));
  g_assert_true (changes_test_wait (scopes_loaded, dialog));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "scopes");
  g_assert_true (gtk_check_button_get_active (scope_check (dialog, "dhcpScopes/101")));
}

static void
test_undo_redo_discard (ChangesFixture *fixture,
                        gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  g_autoptr(MfmChange) first = new_remove_change (fixture, "nyc-failover");
  g_autoptr(MfmChange) second = new_remove_change (fixture, "lon-failover");
  AdwMessageDialog *dialog;

  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "undo"));
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "redo"));
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "discard"));

  mfm_session_stage (fixture->session, first);
  mfm_session_stage (fixture->session, second);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);
  g_assert_true (g_action_group_get_action_enabled (fixture->actions, "undo"));
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "redo"));
  g_assert_true (g_action_group_get_action_enabled (fixture->actions, "discard"));

  changes_test_activate (fixture, "undo", NULL);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  g_assert_true (mfm_change_set_get_change (changes, 0) == first);
  g_assert_true (g_action_group_get_action_enabled (fixture->actions, "redo"));
  g_assert_cmpint (mfm_change_set_get_pending_state (changes, "lon-failover"), ==, MFM_PENDING_NONE);

  changes_test_activate (fixture, "redo", NULL);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);
  g_assert_true (mfm_change_set_get_change (changes, 1) == second);
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "redo"));

  /* Discard asks; Cancel keeps everything. */
  changes_test_activate (fixture, "discard", NULL);
  dialog = changes_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  changes_test_drain ();
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);

  changes_test_activate (fixture, "discard", NULL);
  dialog = changes_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  changes_test_drain ();
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "discard"));

  /* Discarding is one undoable step. */
  changes_test_activate (fixture, "undo", NULL);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);
}

static void
test_pending_bar (ChangesFixture *fixture,
                  gconstpointer   data)
{
  GtkWidget *bar = mfm_pending_bar_new (fixture->session);
  GtkWidget *revealer;
  GtkWidget *label;
  g_autoptr(MfmChange) first = new_remove_change (fixture, "nyc-failover");
  g_autoptr(MfmChange) second = new_remove_change (fixture, "lon-failover");

  gtk_window_set_child (fixture->parent, bar);
  revealer = changes_test_child (bar, MFM_TYPE_PENDING_BAR, "revealer");
  label = changes_test_child (bar, MFM_TYPE_PENDING_BAR, "count_label");

  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));

  mfm_session_stage (fixture->session, first);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "1 pending change");

  mfm_session_stage (fixture->session, second);
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "2 pending changes");

  /* The bar's buttons work through the window's "changes" actions. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (changes_test_child (bar, MFM_TYPE_PENDING_BAR, "review_button"))),
                   ==, "changes.review");
  changes_test_click (changes_test_child (bar, MFM_TYPE_PENDING_BAR, "undo_button"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "1 pending change");
  changes_test_click (changes_test_child (bar, MFM_TYPE_PENDING_BAR, "redo_button"));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "2 pending changes");
  changes_test_click (changes_test_child (bar, MFM_TYPE_PENDING_BAR, "undo_button"));
  changes_test_click (changes_test_child (bar, MFM_TYPE_PENDING_BAR, "undo_button"));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)));
  g_assert_false (gtk_widget_get_sensitive (changes_test_child (bar, MFM_TYPE_PENDING_BAR, "undo_button")));
}

static void
test_draft_survives (ChangesFixture *fixture,
                     gconstpointer   data)
{
  const char *url = mfm_simulator_get_url (fixture->simulator);
  g_autoptr(MfmChange) change = new_remove_change (fixture, "nyc-failover");
  g_autoptr(MfmSession) reopened = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mfm_drafts_get_path (url, "admin");
  MfmChangeSet *restored;

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  mfm_session_stage (fixture->session, change);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  /* Close the session: the draft stays on disk. */
  g_clear_object (&fixture->session);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));

  reopened = mfm_session_new (fixture->client, url, "admin");
  g_assert_cmpuint (mfm_session_peek_draft (reopened, NULL), ==, 1);
  g_assert_cmpuint (mfm_session_restore_draft (reopened, &error), ==, 1);
  g_assert_no_error (error);

  restored = mfm_session_get_changes (reopened);
  g_assert_cmpuint (mfm_change_set_get_n_changes (restored), ==, 1);
  g_assert_cmpint (mfm_change_get_kind (mfm_change_set_get_change (restored, 0)), ==, MFM_CHANGE_REMOVE);
  g_assert_cmpstr (mfm_change_get_relationship_name (mfm_change_set_get_change (restored, 0)), ==, "nyc-failover");
  g_assert_cmpstr (mfm_change_get_title (mfm_change_set_get_change (restored, 0)), ==, mfm_change_get_title (change));

  /* Hand the fixture a session again for its tear-down. */
  fixture->session = g_steal_pointer (&reopened);
  mfm_change_set_clear (mfm_session_get_changes (fixture->session));
}

/* A server name from Micetro with "&" or "<" in it is text, never markup that breaks the
 * rows of the remove dialog (and warns). */
static void
test_remove_names_not_markup (ChangesFixture *fixture,
                              gconstpointer   data)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  MfmRelationship *relationship = mfm_inventory_lookup_relationship (inventory, "ams-failover");
  g_autoptr(MfmServer) renamed = NULL;
  g_autofree char *texts = NULL;
  MfmServer *secondary;
  MfmRemoveDialog *dialog;
  GtkWidget *disable_row;

  g_assert_nonnull (relationship);
  secondary = mfm_inventory_lookup_server (inventory, mfm_relationship_get_secondary_server_ref (relationship));
  g_assert_nonnull (secondary);
  renamed = mfm_server_new (mfm_server_get_ref (secondary), "r&d-<lab>.corp.example.net.",
                            mfm_server_get_address (secondary), mfm_server_get_server_type (secondary),
                            mfm_server_get_state (secondary));
  mfm_server_update_from (secondary, renamed);

  changes_test_activate (fixture, "remove-relationship", g_variant_new_string ("ams-failover"));
  dialog = changes_test_find_window (MFM_TYPE_REMOVE_DIALOG);
  g_assert_nonnull (dialog);

  disable_row = changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "disable_row");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (disable_row)), "&d"));
  texts = label_texts (disable_row);
  g_assert_nonnull (strstr (texts, adw_action_row_get_subtitle (ADW_ACTION_ROW (disable_row))));
  g_clear_pointer (&texts, g_free);
  texts = label_texts (changes_test_child (dialog, MFM_TYPE_REMOVE_DIALOG, "delete_row"));
  g_assert_nonnull (strstr (texts, "<lab>"));

  gtk_window_destroy (GTK_WINDOW (dialog));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/staging/remove-with-delete", ChangesFixture, NULL,
              changes_fixture_set_up, test_remove_with_delete, changes_fixture_tear_down);
  g_test_add ("/staging/remove-names-not-markup", ChangesFixture, NULL,
              changes_fixture_set_up, test_remove_names_not_markup, changes_fixture_tear_down);
  g_test_add ("/staging/scopes-bulk", ChangesFixture, NULL,
              changes_fixture_set_up, test_scopes_bulk, changes_fixture_tear_down);
  g_test_add ("/staging/scopes-not-eligible", ChangesFixture, NULL,
              changes_fixture_set_up, test_scopes_not_eligible, changes_fixture_tear_down);
  g_test_add ("/staging/scopes-escape", ChangesFixture, NULL,
              changes_fixture_set_up, test_scopes_escape, changes_fixture_tear_down);
  g_test_add ("/staging/scopes-arrow-keys", ChangesFixture, NULL,
              changes_fixture_set_up, test_scopes_arrow_keys, changes_fixture_tear_down);
  g_test_add ("/staging/scopes-error-and-retry", ChangesFixture, NULL,
              changes_fixture_set_up, test_scopes_error_and_retry, changes_fixture_tear_down);
  g_test_add ("/staging/remove-staged-new", ChangesFixture, NULL,
              changes_fixture_set_up, test_remove_staged_new, changes_fixture_tear_down);
  g_test_add ("/staging/undo-redo-discard", ChangesFixture, NULL,
              changes_fixture_set_up, test_undo_redo_discard, changes_fixture_tear_down);
  g_test_add ("/staging/pending-bar", ChangesFixture, NULL,
              changes_fixture_set_up, test_pending_bar, changes_fixture_tear_down);
  g_test_add ("/staging/draft-survives", ChangesFixture, NULL,
              changes_fixture_set_up, test_draft_survives, changes_fixture_tear_down);

  return g_test_run ();
}
