/* test-review.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Review and save against a real simulator that records every call it receives: what the
 * person typed arrives in the API calls, and a failure in the middle stops the save there. */

#define G_LOG_DOMAIN "test-review"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-card.h"
#include "mfm-changes-test-util.h"
#include "mfm-code-block.h"
#include "mfm-drafts.h"
#include "mfm-relationship-editor.h"
#include "mfm-remove-dialog.h"
#include "mfm-review-window.h"
#include "mfm-scopes-dialog.h"
#include "mfm-setup-page.h"
#include "mfm-ui-test-util.h"

#define W MFM_TYPE_RELATIONSHIP_EDITOR
#define R MFM_TYPE_REVIEW_WINDOW

static void
type_text (gpointer    widget,
           GType       type,
           const char *id,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (changes_test_child (widget, type, id)), text);
}

/* The relationship editor's field rows are named by their field's id. */
static void
type_field (gpointer    editor,
            MfmField    field,
            const char *text)
{
  GtkWidget *row = changes_test_find_named (editor, mfm_field_get_id (field));

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static guint
count_windows (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  guint count = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        count++;
    }
  g_list_free (toplevels);

  return count;
}

static gboolean
some_label_contains (GtkWidget  *root,
                     const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (some_label_contains (child, needle))
        return TRUE;
    }

  return FALSE;
}

static guint
count_labels_containing (GtkWidget  *root,
                         const char *needle)
{
  guint n = GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_labels_containing (child, needle);

  return n;
}

static MfmReviewWindow *
open_review (ChangesFixture *fixture)
{
  MfmReviewWindow *review;

  changes_test_activate (fixture, "review", NULL);
  review = changes_test_find_window (MFM_TYPE_REVIEW_WINDOW);
  g_assert_nonnull (review);

  return review;
}

/* Saves and waits for the window to close (success) or to stop saving. */
static void
save (MfmReviewWindow *review,
      gpointer        *weak)
{
  changes_test_click (changes_test_child (review, R, "save_button"));
  g_assert_true (mfm_review_window_get_saving (review));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (changes_test_child (review, R, "progress_revealer"))));
  g_assert_nonnull (strstr (gtk_progress_bar_get_text (GTK_PROGRESS_BAR (changes_test_child (review, R, "progress_bar"))),
                            "Saving 1 of"));

  while (*weak != NULL && mfm_review_window_get_saving (review))
    g_main_context_iteration (NULL, TRUE);
}

static void
assert_member_int (JsonObject *object,
                   const char *member,
                   gint64      expected)
{
  g_assert_true (json_object_has_member (object, member));
  g_assert_cmpint (json_object_get_int_member (object, member), ==, expected);
}

static void
test_add_review_save (ChangesFixture *fixture,
                      gconstpointer   data)
{
  MfmRelationshipEditor *wizard;
  MfmReviewWindow *review;
  g_autoptr(GPtrArray) calls = NULL;
  JsonObject *relationship;
  gpointer weak;

  changes_test_activate (fixture, "add-relationship", g_variant_new_string ("dhcpServers/17"));
  wizard = changes_test_find_window (MFM_TYPE_RELATIONSHIP_EDITOR);
  weak = wizard;
  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);

  /* Every value differs from its default, so each one is seen to travel. */
  type_field (wizard, MFM_FIELD_NAME, "fra-ams");
  changes_test_choose_server (changes_test_child (changes_test_child (wizard, W, "setup_page"),
                                                  MFM_TYPE_SETUP_PAGE, "partner_chooser"),
                              "dhcpServers/13");
  type_field (wizard, MFM_FIELD_PORT, "847");
  type_field (wizard, MFM_FIELD_PEER_PORT, "848");
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  type_field (wizard, MFM_FIELD_MCLT, "1800");
  type_field (wizard, MFM_FIELD_MAX_RESPONSE_DELAY, "30");
  type_field (wizard, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, "5");
  type_field (wizard, MFM_FIELD_MAX_UNACKED_UPDATES, "12");
  type_field (wizard, MFM_FIELD_PERCENTAGE, "60");
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  changes_test_click (changes_test_child (wizard, W, "finish_button"));
  changes_test_wait_pointer_cleared (&weak);

  /* Staging wrote nothing. */
  calls = changes_test_recorded_calls (fixture, "AddDHCPFailoverRelationship");
  g_assert_cmpuint (calls->len, ==, 0);
  g_clear_pointer (&calls, g_ptr_array_unref);

  review = open_review (fixture);
  ui_assert_accessible_names (GTK_WIDGET (review));
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));

  /* Ctrl+S again, from the main window or the review window itself, opens no second one. */
  changes_test_activate (fixture, "review", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "changes.review", NULL));
  g_assert_cmpuint (count_windows (MFM_TYPE_REVIEW_WINDOW), ==, 1);

  /* Undo and Redo work inside the review window too. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "changes.undo", NULL));
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 0);
  changes_test_drain ();
  g_assert_true (gtk_widget_get_visible (changes_test_child (review, R, "empty_page")));
  g_assert_false (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "changes.redo", NULL));
  changes_test_drain ();
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 1);
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));
  g_assert_true (some_label_contains (changes_test_child (review, R, "changes_box"), "AddDHCPFailoverRelationship"));
  g_assert_false (some_label_contains (changes_test_child (review, R, "changes_box"), "CHG-4711"));
  type_text (review, R, "comment_row", "CHG-4711 failover for Frankfurt");
  /* The API calls shown carry the comment as typed. */
  g_assert_true (some_label_contains (changes_test_child (review, R, "changes_box"), "CHG-4711 failover for Frankfurt"));
  save (review, &weak);

  /* Success closes the window and says so in the main window's toast. */
  changes_test_wait_pointer_cleared (&weak);
  g_assert_cmpuint (fixture->toasts->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->toasts, 0), ==, "Saved 1 change");
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 0);

  calls = changes_test_recorded_calls (fixture, "AddDHCPFailoverRelationship");
  g_assert_cmpuint (calls->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (calls, 0), "saveComment"), ==,
                   "CHG-4711 failover for Frankfurt");
  relationship = json_object_get_object_member (g_ptr_array_index (calls, 0), "dhcpFailoverRelationship");
  g_assert_nonnull (relationship);
  g_assert_cmpstr (json_object_get_string_member (relationship, "name"), ==, "fra-ams");
  g_assert_cmpstr (json_object_get_string_member (relationship, "primaryServer"), ==, "dhcp-fra-01.corp.example.net.");
  g_assert_cmpstr (json_object_get_string_member (relationship, "secondaryServer"), ==, "dhcp-ams-02.corp.example.net.");
  assert_member_int (relationship, "percentage", 60);
  assert_member_int (relationship, "mclt", 1800);
  assert_member_int (relationship, "port", 847);
  assert_member_int (relationship, "peerPort", 848);
  assert_member_int (relationship, "loadBalanceMaxSeconds", 5);
  assert_member_int (relationship, "maxResponseDelay", 30);
  assert_member_int (relationship, "maxUnackedUpdates", 12);
}

static void
test_edit_modify_without_percentage (ChangesFixture *fixture,
                                     gconstpointer   data)
{
  MfmRelationshipEditor *wizard;
  MfmReviewWindow *review;
  g_autoptr(GPtrArray) calls = NULL;
  JsonObject *relationship;
  gpointer weak;

  changes_test_activate (fixture, "edit-relationship", g_variant_new_string ("ams-failover"));
  wizard = changes_test_find_window (MFM_TYPE_RELATIONSHIP_EDITOR);
  weak = wizard;
  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  type_field (wizard, MFM_FIELD_MCLT, "1800");
  type_field (wizard, MFM_FIELD_MAX_UNACKED_UPDATES, "20");
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  changes_test_click (changes_test_child (wizard, W, "finish_button"));
  changes_test_wait_pointer_cleared (&weak);

  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  save (review, &weak);
  changes_test_wait_pointer_cleared (&weak);

  calls = changes_test_recorded_calls (fixture, "ModifyDHCPFailoverRelationship");
  g_assert_cmpuint (calls->len, ==, 1);
  relationship = json_object_get_object_member (g_ptr_array_index (calls, 0), "dhcpFailoverRelationship");
  g_assert_cmpstr (json_object_get_string_member (relationship, "name"), ==, "ams-failover");
  assert_member_int (relationship, "mclt", 1800);
  assert_member_int (relationship, "maxUnackedUpdates", 20);
  g_assert_false (json_object_has_member (relationship, "percentage"));

  /* The refresh after the save shows the new value. */
  changes_test_refresh (fixture->session);
  g_assert_cmpuint (mfm_relationship_get_mclt (mfm_inventory_lookup_relationship (mfm_session_get_inventory (fixture->session),
                                                                                  "ams-failover")), ==, 1800);
}

static gboolean
remove_dialog_ready (gpointer data)
{
  return !gtk_widget_get_visible (changes_test_child (data, MFM_TYPE_REMOVE_DIALOG, "spinner"));
}

static gboolean
scopes_dialog_ready (gpointer data)
{
  return !mfm_scopes_dialog_get_loading (data);
}

static void
test_remove_and_scopes_saved (ChangesFixture *fixture,
                              gconstpointer   data)
{
  MfmRemoveDialog *remove;
  MfmScopesDialog *scopes;
  MfmReviewWindow *review;
  g_autoptr(GPtrArray) removes = NULL;
  g_autoptr(GPtrArray) adds = NULL;
  g_autoptr(GPtrArray) scope_removes = NULL;
  JsonArray *names;
  JsonArray *refs;
  gpointer weak;

  /* Remove nyc-failover, deleting the secondary's scopes. */
  changes_test_activate (fixture, "remove-relationship", g_variant_new_string ("nyc-failover"));
  remove = changes_test_find_window (MFM_TYPE_REMOVE_DIALOG);
  g_assert_true (changes_test_wait (remove_dialog_ready, remove));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (changes_test_child (remove, MFM_TYPE_REMOVE_DIALOG, "delete_check")), TRUE);
  changes_test_click (changes_test_child (remove, MFM_TYPE_REMOVE_DIALOG, "remove_button"));

  /* Bulk scopes on fra-failover: one in, one out. */
  changes_test_activate (fixture, "manage-scopes", g_variant_new_string ("fra-failover"));
  scopes = changes_test_find_window (MFM_TYPE_SCOPES_DIALOG);
  g_assert_true (changes_test_wait (scopes_dialog_ready, scopes));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (changes_test_find_named (GTK_WIDGET (scopes), "dhcpScopes/114")), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (changes_test_find_named (GTK_WIDGET (scopes), "dhcpScopes/113")), FALSE);
  changes_test_click (changes_test_child (scopes, MFM_TYPE_SCOPES_DIALOG, "apply_button"));

  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 3);

  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  save (review, &weak);
  changes_test_wait_pointer_cleared (&weak);
  g_assert_cmpstr (g_ptr_array_index (fixture->toasts, 0), ==, "Saved 3 changes");

  removes = changes_test_recorded_calls (fixture, "RemoveDHCPFailoverRelationships");
  g_assert_cmpuint (removes->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (removes, 0),
                                                  "dhcpFailoverRelationshipDeconfigureAction"), ==, "Delete");
  names = json_object_get_array_member (g_ptr_array_index (removes, 0), "dhcpRefAndFailoverRelationshipNames");
  g_assert_cmpuint (json_array_get_length (names), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (names, 0),
                                                  "dhcpFailoverRelationshipName"), ==, "nyc-failover");

  adds = changes_test_recorded_calls (fixture, "AddDHCPScopesToDHCPFailoverRelationship");
  g_assert_cmpuint (adds->len, ==, 1);
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (adds, 0), "dhcpFailoverRelationshipName"), ==,
                   "fra-failover");
  refs = json_object_get_array_member (g_ptr_array_index (adds, 0), "dhcpScopeRefs");
  g_assert_cmpuint (json_array_get_length (refs), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (refs, 0), ==, "dhcpScopes/114");

  scope_removes = changes_test_recorded_calls (fixture, "RemoveDHCPScopesFromDHCPFailoverRelationship");
  g_assert_cmpuint (scope_removes->len, ==, 1);
  refs = json_object_get_array_member (g_ptr_array_index (scope_removes, 0), "dhcpScopeRefs");
  g_assert_cmpuint (json_array_get_length (refs), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (refs, 0), ==, "dhcpScopes/113");
  g_assert_cmpstr (json_object_get_string_member (g_ptr_array_index (scope_removes, 0),
                                                  "dhcpFailoverRelationshipDeconfigureAction"), ==, "Disable");
}

static MfmChange *
new_add_change (const char *name)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/24");
  mfm_relationship_set_primary_server (relationship, "dhcp-lon-01.corp.example.net.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/18");
  mfm_relationship_set_secondary_server (relationship, "dhcp-fra-02.corp.example.net.");

  return mfm_change_new_add (relationship);
}

static GtkWidget *
find_section (MfmReviewWindow *review,
              guint            position)
{
  g_autofree char *name = g_strdup_printf ("change-%u", position);

  return changes_test_find_named (changes_test_child (review, R, "changes_box"), name);
}

static void
test_failure_stops_at_second (ChangesFixture *fixture,
                              gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  g_autoptr(MfmChange) add = new_add_change ("lon-fra");
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) remove = NULL;
  g_autoptr(MfmRelationship) changed = NULL;
  MfmReviewWindow *review;
  GtkWidget *error_label;
  const char *message;
  gpointer weak;

  changed = mfm_relationship_copy (mfm_inventory_lookup_relationship (inventory, "fra-failover"));
  mfm_relationship_set_mclt (changed, 2400);
  modify = mfm_change_new_modify (mfm_inventory_lookup_relationship (inventory, "fra-failover"), changed);
  remove = mfm_change_new_remove (mfm_inventory_lookup_relationship (inventory, "lon-failover"),
                                  MFM_DECONFIGURE_DISABLE);
  mfm_session_stage (fixture->session, add);
  mfm_session_stage (fixture->session, modify);
  mfm_session_stage (fixture->session, remove);

  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  g_assert_nonnull (find_section (review, 0));
  g_assert_nonnull (find_section (review, 2));
  g_assert_null (changes_test_find_named (GTK_WIDGET (review), "change-error"));

  mfm_simulator_fail_next_writes (fixture->simulator, 1, 1);
  save (review, &weak);
  g_assert_nonnull (weak);
  changes_test_drain ();

  /* The first was saved and left the list; the second failed and stays with the rest. */
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);
  g_assert_true (mfm_change_set_get_change (changes, 0) == modify);
  g_assert_true (mfm_change_set_get_change (changes, 1) == remove);
  g_assert_cmpint (mfm_change_get_status (modify), ==, MFM_CHANGE_STATUS_FAILED);
  g_assert_cmpint (mfm_change_get_status (remove), ==, MFM_CHANGE_STATUS_PENDING);
  message = mfm_change_get_error_message (modify);
  g_assert_nonnull (message);
  g_assert_cmpstr (message, !=, "");
  g_assert_cmpuint (fixture->toasts->len, ==, 0);

  /* The failed change is marked with the server's message, in its own section. */
  error_label = changes_test_find_named (find_section (review, 0), "change-error");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_has_css_class (error_label, "error"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), message));
  g_assert_null (changes_test_find_named (find_section (review, 1), "change-error"));
  g_assert_true (gtk_widget_get_visible (changes_test_child (review, R, "result_box")));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (changes_test_child (review, R, "result_label"))), message));

  /* The server has the first change, not the second. */
  changes_test_refresh (fixture->session);
  g_assert_nonnull (mfm_inventory_lookup_relationship (inventory, "lon-fra"));
  g_assert_cmpuint (mfm_relationship_get_mclt (mfm_inventory_lookup_relationship (inventory, "fra-failover")), !=, 2400);
  g_assert_nonnull (mfm_inventory_lookup_relationship (inventory, "lon-failover"));

  /* Saving again goes on from the failed change. */
  save (review, &weak);
  changes_test_wait_pointer_cleared (&weak);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  g_assert_cmpstr (g_ptr_array_index (fixture->toasts, 0), ==, "Saved 2 changes");
}

static gboolean
progress_past_first (gpointer data)
{
  const char *text = gtk_progress_bar_get_text (GTK_PROGRESS_BAR (changes_test_child (data, R, "progress_bar")));

  return text != NULL && strstr (text, "Saving 2 of 3") != NULL;
}

static void
test_cancel_save (ChangesFixture *fixture,
                  gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  g_autoptr(MfmChange) first = new_add_change ("lon-fra-1");
  g_autoptr(MfmChange) second = new_add_change ("lon-fra-2");
  g_autoptr(MfmChange) third = new_add_change ("lon-fra-3");
  MfmReviewWindow *review;
  gpointer weak;

  mfm_session_stage (fixture->session, first);
  mfm_session_stage (fixture->session, second);
  mfm_session_stage (fixture->session, third);

  /* Slow writes, so Cancel lands while the second one is on its way. */
  g_object_set (fixture->simulator, "latency-ms", 300, NULL);
  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  changes_test_click (changes_test_child (review, R, "save_button"));
  g_assert_true (changes_test_wait (progress_past_first, review));

  /* Nothing may change the staged list while it is being saved. */
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (review)));
  g_assert_false (gtk_widget_get_sensitive (changes_test_child (review, R, "undo_button")));
  g_assert_false (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (GTK_PROGRESS_BAR (changes_test_child (review, R, "progress_bar"))), >, 0.3);
  changes_test_click (changes_test_child (review, R, "cancel_save_button"));

  while (weak != NULL && mfm_review_window_get_saving (review))
    g_main_context_iteration (NULL, TRUE);
  g_object_set (fixture->simulator, "latency-ms", 0, NULL);

  /* The first is saved; whatever was not, stays staged; the window says saving stopped. */
  g_assert_nonnull (weak);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), >=, 1);
  g_assert_true (mfm_change_set_get_change (changes, mfm_change_set_get_n_changes (changes) - 1) == third);
  for (guint i = 0; i < mfm_change_set_get_n_changes (changes); i++)
    g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (changes, i)), !=, MFM_CHANGE_STATUS_APPLIED);
  g_assert_true (gtk_widget_get_visible (changes_test_child (review, R, "result_box")));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (changes_test_child (review, R, "progress_revealer"))));
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (review)));
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (review, R, "undo_button")));

  changes_test_refresh (fixture->session);
  g_assert_nonnull (mfm_inventory_lookup_relationship (inventory, "lon-fra-1"));
  g_assert_null (mfm_inventory_lookup_relationship (inventory, "lon-fra-3"));

  /* The window outlives this function; its weak pointer must not. */
  g_object_remove_weak_pointer (G_OBJECT (review), &weak);
}

static GtkWidget *
read_only_row_of (GtkWidget *widget)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_LIST_BOX_ROW (w) && !ADW_IS_EXPANDER_ROW (w) &&
          !gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (w)) &&
          gtk_widget_get_focus_child (w) == NULL)
        return w;
    }

  return NULL;
}

static gboolean
has_ancestor (GtkWidget *widget,
              GtkWidget *ancestor)
{
  for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (w == ancestor)
        return TRUE;
    }

  return FALSE;
}

/* The keyboard in the review window: it starts in the comment (never on Undo), Tab does not
 * stop on rows that only show text, Ctrl+S and Enter in the comment save, and any one change
 * can be dropped from the middle (and Undo brings it back to its place). */
static void
test_review_keyboard (ChangesFixture *fixture,
                      gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  g_autoptr(MfmChange) first = new_add_change ("lon-fra-1");
  g_autoptr(MfmChange) second = new_add_change ("lon-fra-2");
  g_autoptr(MfmChange) third = new_add_change ("lon-fra-3");
  g_autoptr(GtkShortcutTrigger) ctrl_s = gtk_shortcut_trigger_parse_string ("<Control>s");
  GtkWidget *comment;
  GtkWidget *drop;
  MfmReviewWindow *review;
  gboolean ctrl_s_saves = FALSE;
  guint stops = 0;
  gpointer weak;

  mfm_relationship_set_port (mfm_change_get_relationship (second), 1647);
  mfm_relationship_set_port (mfm_change_get_relationship (third), 2647);
  mfm_session_stage (fixture->session, first);
  mfm_session_stage (fixture->session, second);
  mfm_session_stage (fixture->session, third);

  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  ui_spin (200);
  comment = changes_test_child (review, R, "comment_row");
  g_assert_true (has_ancestor (gtk_root_get_focus (GTK_ROOT (review)), comment));

  /* Tab through the whole window: every stop is a control, never a text row. */
  for (guint i = 0; i < 80; i++)
    {
      GtkWidget *focus;
      GtkWidget *row;

      gtk_widget_child_focus (GTK_WIDGET (review), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (review));
      if (focus == NULL || has_ancestor (focus, comment))
        break;
      stops++;
      row = read_only_row_of (focus);
      if (row != NULL && gtk_widget_get_focusable (row) && focus == row)
        g_error ("Tab stopped on a row that only shows text: %s “%s”", G_OBJECT_TYPE_NAME (row),
                 ADW_IS_PREFERENCES_ROW (row) ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "");
    }
  g_test_message ("%u Tab stops", stops);
  g_assert_cmpuint (stops, >, 0);

  /* Drop the middle change; Undo puts it back in its place. */
  drop = changes_test_find_named (find_section (review, 1), "drop-change");
  g_assert_nonnull (drop);
  changes_test_click (drop);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);
  g_assert_true (mfm_change_set_get_change (changes, 0) == first);
  g_assert_true (mfm_change_set_get_change (changes, 1) == third);
  ui_spin (50);
  changes_test_click (changes_test_child (review, R, "undo_button"));
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 3);
  g_assert_true (mfm_change_set_get_change (changes, 1) == second);
  ui_spin (50);

  /* Ctrl+S is bound to Save (the window's shortcut controllers hold its key bindings). */
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (review));

    for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
          continue;
        for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)); i++)
          {
            g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);
            GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

            if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), ctrl_s) &&
                GTK_IS_NAMED_ACTION (action) &&
                g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "review.save") == 0)
              ctrl_s_saves = TRUE;
          }
      }
  }
  g_assert_true (ctrl_s_saves);

  /* Enter in the comment saves. */
  gtk_editable_set_text (GTK_EDITABLE (comment), "Three at once");
  g_signal_emit_by_name (comment, "entry-activated");
  g_assert_true (weak == NULL || mfm_review_window_get_saving (review));
  while (weak != NULL && mfm_review_window_get_saving (review))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  if (weak != NULL)
    g_object_remove_weak_pointer (G_OBJECT (review), &weak);
}

/* The first widget of @type under @root; a code block only if it has a Copy button. */
static GtkWidget *
find_of_type (GtkWidget *root,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) &&
      (!MFM_IS_CODE_BLOCK (root) || mfm_code_block_get_copy_label (MFM_CODE_BLOCK (root)) != NULL))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_of_type (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
clipboard_text_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;
  g_autoptr(GError) error = NULL;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);
  g_assert_no_error (error);
  if (*text == NULL)
    *text = g_strdup ("");
}

static gboolean
text_arrived (gpointer data)
{
  return *(char **) data != NULL;
}

/* The cards are bound to the change set: a card stays the same widget while its change stays,
 * follows its change's status at once (no rebuild of the window), renumbers itself when a
 * change before it goes, and its Copy button copies the API calls shown, comment and all. */
static void
test_cards_follow_the_model (ChangesFixture *fixture,
                             gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  g_autoptr(MfmChange) first = new_add_change ("lon-fra-1");
  g_autoptr(MfmChange) second = new_add_change ("lon-fra-2");
  g_autoptr(MfmChange) third = new_add_change ("lon-fra-3");
  g_autofree char *copied = NULL;
  MfmReviewWindow *review;
  GtkWidget *cards[3];
  GtkWidget *error_label;
  GtkWidget *block;

  mfm_relationship_set_port (mfm_change_get_relationship (second), 1647);
  mfm_relationship_set_port (mfm_change_get_relationship (third), 2647);
  mfm_session_stage (fixture->session, first);
  mfm_session_stage (fixture->session, second);
  mfm_session_stage (fixture->session, third);

  review = open_review (fixture);
  for (guint i = 0; i < G_N_ELEMENTS (cards); i++)
    {
      cards[i] = find_section (review, i);
      g_assert_true (MFM_IS_CHANGE_CARD (cards[i]));
      g_assert_true (mfm_change_card_get_change (MFM_CHANGE_CARD (cards[i])) ==
                     mfm_change_set_get_change (changes, i));
    }
  g_assert_null (changes_test_find_named (cards[1], "change-error"));

  /* A failed save marks the card in place, without waiting for the main loop. */
  mfm_change_set_error_message (second, "Refused by the test");
  mfm_change_set_status (second, MFM_CHANGE_STATUS_FAILED);
  g_assert_true (find_section (review, 1) == cards[1]);
  error_label = changes_test_find_named (cards[1], "change-error");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (error_label)), "Refused by the test"));
  g_assert_true (some_label_contains (cards[1], "Failed"));
  g_assert_false (some_label_contains (cards[0], "Failed"));

  mfm_change_set_error_message (second, NULL);
  mfm_change_set_status (second, MFM_CHANGE_STATUS_PENDING);
  g_assert_null (changes_test_find_named (cards[1], "change-error"));
  g_assert_false (some_label_contains (cards[1], "Refused by the test"));
  g_assert_true (some_label_contains (cards[1], "Pending"));

  /* Dropping the first: the other two cards stay and count from 1 again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "review.drop", "u", 0));
  g_assert_true (find_section (review, 0) == cards[1]);
  g_assert_true (find_section (review, 1) == cards[2]);
  g_assert_null (find_section (review, 2));
  g_assert_cmpuint (mfm_change_card_get_position (MFM_CHANGE_CARD (cards[2])), ==, 1);
  g_assert_true (some_label_contains (cards[1], "1. Add relationship “lon-fra-2”"));
  g_assert_true (some_label_contains (cards[2], "2. Add relationship “lon-fra-3”"));

  /* Undo puts a card for it back in its place, before the two that stayed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (review), "changes.undo", NULL));
  g_assert_true (mfm_change_card_get_change (MFM_CHANGE_CARD (find_section (review, 0))) == first);
  g_assert_true (find_section (review, 1) == cards[1]);
  g_assert_true (find_section (review, 2) == cards[2]);
  g_assert_true (some_label_contains (cards[2], "3. Add relationship “lon-fra-3”"));

  /* Copy copies the calls as shown, with the comment typed since the card was made. */
  type_text (review, R, "comment_row", "CHG-0815 copied");
  block = find_of_type (cards[2], MFM_TYPE_CODE_BLOCK);
  g_assert_nonnull (block);
  g_assert_nonnull (strstr (mfm_code_block_get_text (MFM_CODE_BLOCK (block)), "CHG-0815 copied"));
  g_assert_nonnull (strstr (mfm_code_block_get_text (MFM_CODE_BLOCK (block)), "lon-fra-3"));
  changes_test_click (find_of_type (block, GTK_TYPE_BUTTON));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (block), NULL, clipboard_text_cb, &copied);
  g_assert_true (changes_test_wait (text_arrived, &copied));
  g_assert_cmpstr (copied, ==, mfm_code_block_get_text (MFM_CODE_BLOCK (block)));

  gtk_window_destroy (GTK_WINDOW (review));
}

/* The window after a save that did not get through: not frozen, a sentence saying why, every
 * change still staged, and Save ready for another try. */
static const char *
assert_save_stopped (ChangesFixture  *fixture,
                     MfmReviewWindow *review,
                     MfmChange       *change,
                     MfmChangeStatus  status)
{
  const char *result = gtk_label_get_label (GTK_LABEL (changes_test_child (review, R, "result_label")));

  g_assert_true (gtk_widget_get_visible (changes_test_child (review, R, "result_box")));
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), >=, 1);
  g_assert_true (mfm_change_set_get_change (mfm_session_get_changes (fixture->session), 0) == change);
  g_assert_cmpint (mfm_change_get_status (change), ==, status);
  g_assert_cmpuint (fixture->toasts->len, ==, 0);
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));
  g_assert_false (gtk_window_get_modal (GTK_WINDOW (review)));
  /* The server did not refuse anything, so the window must not say it did, neither in the
   * summary nor on the change's card. */
  g_assert_null (strstr (result, "refused"));
  g_assert_false (some_label_contains (changes_test_child (review, R, "changes_box"), "refused"));

  return result;
}

/* A server that takes the request and never answers within the timeout. */
static void
test_timeout_keeps_changes (ChangesFixture *fixture,
                            gconstpointer   data)
{
  g_autoptr(GError) timeout = g_error_new_literal (MFM_ERROR, MFM_ERROR_TIMEOUT, "");
  g_autoptr(MfmChange) add = new_add_change ("lon-fra-slow");
  MfmReviewWindow *review;
  const char *result;
  gpointer weak;

  mfm_session_stage (fixture->session, add);
  mfm_client_set_timeout (fixture->client, 1);
  g_object_set (fixture->simulator, "latency-ms", 2000, NULL);

  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  save (review, &weak);
  g_assert_nonnull (weak);

  result = assert_save_stopped (fixture, review, add, MFM_CHANGE_STATUS_UNKNOWN);
  g_assert_nonnull (strstr (result, "Change 1 may or may not have been saved"));
  g_assert_nonnull (strstr (result, mfm_error_get_sentence (timeout)));
  g_assert_nonnull (strstr (result, "the next save reads the server back first"));
  g_assert_null (strstr (result, "No change was saved"));

  /* Let the slow answer and the refresh after the save land before the fixture goes. */
  g_object_set (fixture->simulator, "latency-ms", 0, NULL);
  mfm_client_set_timeout (fixture->client, 30);
  ui_spin (1200);
  g_object_remove_weak_pointer (G_OBJECT (review), &weak);
}

/* The server goes away before Save: nothing reached it, and it says so. */
static void
test_server_gone_keeps_changes (ChangesFixture *fixture,
                                gconstpointer   data)
{
  g_autoptr(GError) network = g_error_new_literal (MFM_ERROR, MFM_ERROR_NETWORK, "");
  g_autoptr(MfmChange) add = new_add_change ("lon-fra-gone");
  MfmReviewWindow *review;
  const char *result;
  gpointer weak;

  mfm_session_stage (fixture->session, add);
  mfm_simulator_stop (fixture->simulator);

  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  save (review, &weak);
  g_assert_nonnull (weak);

  result = assert_save_stopped (fixture, review, add, MFM_CHANGE_STATUS_FAILED);
  g_assert_nonnull (strstr (result, "Change 1 could not be saved"));
  g_assert_nonnull (strstr (result, mfm_error_get_sentence (network)));
  g_assert_null (strstr (result, "may not have been saved"));
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));
  g_object_remove_weak_pointer (G_OBJECT (review), &weak);
}

/* The session ends before Save: one new login and the save goes through. */
static void
test_session_expired_save (ChangesFixture *fixture,
                           gconstpointer   data)
{
  g_autoptr(MfmChange) add = new_add_change ("lon-fra-expired");
  g_autoptr(GPtrArray) logins = NULL;
  g_autoptr(GPtrArray) adds = NULL;
  MfmReviewWindow *review;
  gpointer weak;

  mfm_session_stage (fixture->session, add);
  mfm_simulator_expire_sessions (fixture->simulator);

  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  save (review, &weak);
  changes_test_wait_pointer_cleared (&weak);

  g_assert_cmpstr (g_ptr_array_index (fixture->toasts, 0), ==, "Saved 1 change");
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 0);
  logins = changes_test_recorded_calls (fixture, "Login");
  g_assert_cmpuint (logins->len, ==, 2);
  adds = changes_test_recorded_calls (fixture, "AddDHCPFailoverRelationship");
  g_assert_cmpuint (adds->len, ==, 2);
}

static gboolean
scopes_unread_shown (gpointer data)
{
  return some_label_contains (changes_test_child (data, R, "changes_box"),
                              "The scopes of this server could not be read");
}

/* Both servers of the relationship: a read still on its way when the failures stop could
 * otherwise fail after the next change was staged, and nothing would ask again. */
static gboolean
scopes_unread_shown_for_both (gpointer data)
{
  return count_labels_containing (changes_test_child (data, R, "changes_box"),
                                  "The scopes of this server could not be read") >= 2;
}

static gboolean
scopes_unread_gone (gpointer data)
{
  return !scopes_unread_shown (data);
}

/* The servers' scopes cannot be read when the review opens: the preview of each server says
 * it may be incomplete instead of quietly showing too little, and the next change to the
 * list tries again. */
static void
test_unread_scopes_said (ChangesFixture *fixture,
                         gconstpointer   data)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  g_autoptr(MfmChange) remove = NULL;
  g_autoptr(MfmChange) second = NULL;
  MfmReviewWindow *review;

  remove = mfm_change_new_remove (mfm_inventory_lookup_relationship (inventory, "ams-failover"),
                                  MFM_DECONFIGURE_DISABLE);
  mfm_session_stage (fixture->session, remove);

  g_object_set (fixture->simulator, "fail-rate", 1.0, NULL);
  review = open_review (fixture);
  g_assert_true (changes_test_wait (scopes_unread_shown_for_both, review));
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (review, R, "save_button")));

  g_object_set (fixture->simulator, "fail-rate", 0.0, NULL);
  second = mfm_change_new_remove (mfm_inventory_lookup_relationship (inventory, "lon-failover"),
                                  MFM_DECONFIGURE_DISABLE);
  mfm_session_stage (fixture->session, second);
  g_assert_true (changes_test_wait (scopes_unread_gone, review));
  g_assert_true (some_label_contains (changes_test_child (review, R, "changes_box"), "Scopes disabled"));

  gtk_window_destroy (GTK_WINDOW (review));
}

/* The simulator makes the change, then resets the connection without answering. The card
 * says it is not known (not "refused", not "No change was saved"), the draft says so too, and
 * the next Save reads the server back and does not send it a second time. */
static void
test_reset_after_write (ChangesFixture *fixture,
                        gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  g_autoptr(MfmChange) first = new_add_change ("lon-fra-reset");
  g_autoptr(MfmChange) second = new_add_change ("lon-fra-after");
  g_autoptr(GPtrArray) adds = NULL;
  g_autofree char *draft_path = mfm_drafts_get_path (mfm_session_get_server_url (fixture->session), "admin");
  g_autofree char *draft = NULL;
  g_autoptr(MfmChangeSet) restored = mfm_change_set_new ();
  g_autoptr(GError) error = NULL;
  MfmReviewWindow *review;
  GtkWidget *card;
  const char *result;
  gpointer weak;

  mfm_session_stage (fixture->session, first);
  mfm_session_stage (fixture->session, second);
  mfm_simulator_reset_after_write (fixture->simulator, "AddDHCPFailoverRelationship", 0);

  review = open_review (fixture);
  weak = review;
  g_object_add_weak_pointer (G_OBJECT (review), &weak);
  save (review, &weak);
  g_assert_nonnull (weak);
  changes_test_drain ();

  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);
  result = assert_save_stopped (fixture, review, first, MFM_CHANGE_STATUS_UNKNOWN);
  g_assert_nonnull (strstr (result, "Change 1 may or may not have been saved"));
  g_assert_null (strstr (result, "No change was saved"));
  g_assert_null (strstr (result, "could not be reached"));
  card = changes_test_find_named (find_section (review, 0), "change-error");
  g_assert_nonnull (card);
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (card)), "It is not known whether the server made this change"));
  g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (card)), "The connection to the server ended before it answered."));
  g_assert_null (strstr (gtk_label_get_label (GTK_LABEL (card)), "refused"));
  g_assert_true (some_label_contains (find_section (review, 0), "Not known"));
  g_assert_cmpint (mfm_change_get_status (second), ==, MFM_CHANGE_STATUS_PENDING);

  /* The draft on disk says the same. */
  g_assert_true (g_file_get_contents (draft_path, &draft, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (mfm_drafts_from_json (restored, draft, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (restored, 0)), ==, MFM_CHANGE_STATUS_UNKNOWN);

  /* The server has it. Saving again sends only the second one. */
  save (review, &weak);
  changes_test_wait_pointer_cleared (&weak);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  g_assert_cmpstr (g_ptr_array_index (fixture->toasts, 0), ==, "Saved 2 changes");
  adds = changes_test_recorded_calls (fixture, "AddDHCPFailoverRelationship");
  g_assert_cmpuint (adds->len, ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (g_ptr_array_index (adds, 0),
                                                                                 "dhcpFailoverRelationship"), "name"),
                   ==, "lon-fra-reset");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (g_ptr_array_index (adds, 1),
                                                                                 "dhcpFailoverRelationship"), "name"),
                   ==, "lon-fra-after");
  g_assert_false (g_file_test (draft_path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  /* Without a window manager the window never holds the X focus, and GTK 4.8's cursor blink
   * then warns that a GtkText "did not receive a focus-out event". */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);

  g_test_add ("/review/add-review-save", ChangesFixture, NULL,
              changes_fixture_set_up, test_add_review_save, changes_fixture_tear_down);
  g_test_add ("/review/edit-modify-without-percentage", ChangesFixture, NULL,
              changes_fixture_set_up, test_edit_modify_without_percentage, changes_fixture_tear_down);
  g_test_add ("/review/remove-and-scopes-saved", ChangesFixture, NULL,
              changes_fixture_set_up, test_remove_and_scopes_saved, changes_fixture_tear_down);
  g_test_add ("/review/failure-stops-at-second", ChangesFixture, NULL,
              changes_fixture_set_up, test_failure_stops_at_second, changes_fixture_tear_down);

  g_test_add ("/review/keyboard", ChangesFixture, NULL,
              changes_fixture_set_up, test_review_keyboard, changes_fixture_tear_down);
  g_test_add ("/review/cards-follow-the-model", ChangesFixture, NULL,
              changes_fixture_set_up, test_cards_follow_the_model, changes_fixture_tear_down);
  g_test_add ("/review/cancel-save", ChangesFixture, NULL,
              changes_fixture_set_up, test_cancel_save, changes_fixture_tear_down);

  g_test_add ("/review/timeout-keeps-changes", ChangesFixture, NULL,
              changes_fixture_set_up, test_timeout_keeps_changes, changes_fixture_tear_down);
  g_test_add ("/review/reset-after-write", ChangesFixture, NULL,
              changes_fixture_set_up, test_reset_after_write, changes_fixture_tear_down);
  g_test_add ("/review/session-expired-save", ChangesFixture, NULL,
              changes_fixture_set_up, test_session_expired_save, changes_fixture_tear_down);
  g_test_add ("/review/server-gone-keeps-changes", ChangesFixture, NULL,
              changes_fixture_set_up, test_server_gone_keeps_changes, changes_fixture_tear_down);

  g_test_add ("/review/unread-scopes-said", ChangesFixture, NULL,
              changes_fixture_set_up, test_unread_scopes_said, changes_fixture_tear_down);

  return g_test_run ();
}
