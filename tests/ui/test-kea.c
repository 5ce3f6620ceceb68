/* test-kea.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Kea page of the Relationship Details window against the demo simulator: both servers'
 * configuration as read from the simulator's scopes, Copy, Save As…'s writing, the control port,
 * the mapping table and its warnings, and the main window's action that opens it. */

#define G_LOG_DOMAIN "test-kea"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-changes-test-util.h"
#include "mfm-kea-view.h"
#include "mfm-relationship-details.h"
#include "mfm-ui-test-util.h"
#include "mfm-window.h"

#define RELATIONSHIP "ams-failover"

static gboolean
view_loaded (gpointer data)
{
  return !mfm_kea_view_get_loading (data) && mfm_kea_view_get_config (data) != NULL;
}

/* The details window of the relationship, on its Kea page. */
static MfmKeaView *
open_view (ChangesFixture *fixture)
{
  MfmRelationshipDetails *details = mfm_relationship_details_new (fixture->parent, fixture->session,
                                                                  RELATIONSHIP);
  MfmKeaView *kea;

  g_assert_nonnull (details);
  kea = mfm_relationship_details_get_kea_view (details);
  mfm_relationship_details_show_page (details, "kea");
  gtk_window_present (GTK_WINDOW (details));
  g_assert_true (changes_test_wait (view_loaded, kea));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (kea)));

  return kea;
}

static void
close_view (MfmKeaView *kea)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (kea))));
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root) && gtk_widget_get_visible (root))
    g_ptr_array_add (rows, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

static GPtrArray *
rows_of (MfmKeaView *kea,
         const char *group)
{
  GPtrArray *rows = g_ptr_array_new ();

  collect_rows (changes_test_child (kea, MFM_TYPE_KEA_VIEW, group), rows);

  return rows;
}

/* The pools of the relationship's scopes on the simulator itself. */
static guint
count_truth_pools (ChangesFixture *fixture)
{
  g_autoptr(MfmInventory) truth = mfm_simulator_dup_inventory (fixture->simulator);
  MfmRelationship *relationship = mfm_inventory_lookup_relationship (truth, RELATIONSHIP);
  const char * const *refs = mfm_relationship_get_scope_refs (relationship);
  guint pools = 0;

  for (guint i = 0; refs[i] != NULL; i++)
    pools += mfm_scope_get_pool_count (mfm_inventory_lookup_scope (truth, refs[i]));

  return pools;
}

static JsonObject *
ha_of (JsonParser *parser,
       const char *text)
{
  JsonObject *dhcp4;
  JsonArray *hooks;
  JsonObject *parameters;
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  dhcp4 = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "Dhcp4");
  hooks = json_object_get_array_member (dhcp4, "hooks-libraries");
  parameters = json_object_get_object_member (json_array_get_object_element (hooks, 1), "parameters");

  return json_array_get_object_element (json_object_get_array_member (parameters, "high-availability"), 0);
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  outcome->ok = mfm_kea_view_save_finish (MFM_KEA_VIEW (object), result, &outcome->error);
  outcome->done = TRUE;
}

static void
test_both_servers (ChangesFixture *fixture,
                   gconstpointer   data)
{
  MfmKeaView *kea = open_view (fixture);
  MfmKeaConfig *config = mfm_kea_view_get_config (kea);
  g_autofree char *primary = mfm_kea_view_dup_text (kea, MFM_ISC_ROLE_PRIMARY);
  g_autofree char *secondary = mfm_kea_view_dup_text (kea, MFM_ISC_ROLE_SECONDARY);
  g_autoptr(JsonParser) primary_parser = json_parser_new ();
  g_autoptr(JsonParser) secondary_parser = json_parser_new ();
  JsonObject *primary_ha = ha_of (primary_parser, primary);
  JsonObject *secondary_ha = ha_of (secondary_parser, secondary);
  GtkLabel *primary_label = GTK_LABEL (changes_test_child (kea, MFM_TYPE_KEA_VIEW, "primary_label"));
  g_autoptr(GPtrArray) parameter_rows = rows_of (kea, "parameters_group");
  guint n_parameters = 0;

  ui_assert_accessible_names (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (kea))));

  /* What a person reads: each server's own file, in monospace. */
  g_assert_true (gtk_text_view_get_monospace (GTK_TEXT_VIEW (changes_test_child (kea, MFM_TYPE_KEA_VIEW, "primary_view"))));
  g_assert_cmpstr (json_object_get_string_member (primary_ha, "this-server-name"), ==, "dhcp-ams-01.corp.example.net");
  g_assert_cmpstr (json_object_get_string_member (secondary_ha, "this-server-name"), ==, "dhcp-ams-02.corp.example.net");
  g_assert_cmpstr (json_object_get_string_member (primary_ha, "mode"), ==, "load-balancing");
  g_assert_cmpint (json_object_get_int_member (primary_ha, "max-ack-delay"), ==, 3000);
  g_assert_nonnull (strstr (primary, "\"url\": \"http://192.0.2.12:8000/\""));
  g_assert_nonnull (strstr (primary, "\"subnet\": \"10.10.1.0/24\""));
  g_assert_nonnull (strstr (secondary, "\"subnet\": \"10.10.4.0/24\""));
  g_assert_cmpstr (gtk_label_get_text (primary_label), ==,
                   "dhcp-ams-01.corp.example.net, the ISC primary, becomes the Kea primary.");

  /* The scopes were read from the simulator: four subnets, every pool in two halves. */
  g_assert_cmpuint (mfm_kea_config_get_subnet_count (config), ==, 4);
  g_assert_cmpuint (mfm_kea_config_get_pool_count (config), ==, 2 * count_truth_pools (fixture));

  /* The mapping table: one row per ISC parameter, none of them warned about here. */
  mfm_kea_get_parameters (&n_parameters);
  g_assert_cmpuint (parameter_rows->len, ==, n_parameters);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (g_ptr_array_index (parameter_rows, 0))),
                   ==, "primary → this-server-name, peers[].role");
  g_assert_false (gtk_widget_get_visible (changes_test_child (kea, MFM_TYPE_KEA_VIEW, "warnings_group")));

  close_view (kea);
}

static void
test_copy_save_and_port (ChangesFixture *fixture,
                         gconstpointer   data)
{
  MfmKeaView *kea = open_view (fixture);
  g_autofree char *secondary = mfm_kea_view_dup_text (kea, MFM_ISC_ROLE_SECONDARY);
  g_autofree char *clipboard = NULL;
  g_autofree char *path = g_build_filename (fixture->tmpdir, "kea-dhcp4.conf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *saved = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  AsyncOutcome outcome = { 0 };

  g_assert_cmpuint (g_settings_get_uint (settings, "kea-control-port"), ==, 8000);

  /* Copy puts exactly the shown text on the clipboard. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (kea), "kea.copy", "i", 1));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (kea)), NULL,
                                 clipboard_read_cb, &clipboard);
  g_assert_true (ui_wait (ui_pointer_set, &clipboard));
  g_assert_cmpstr (clipboard, ==, secondary);

  /* Save As… writes the same text to the chosen file. */
  mfm_kea_view_save_async (kea, MFM_ISC_ROLE_SECONDARY, file, NULL, saved_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_cmpstr (saved, ==, secondary);
  g_unlink (path);

  /* The control port is the port of both peer URLs, in both files. */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (changes_test_child (kea, MFM_TYPE_KEA_VIEW, "port_spin")), 8080);
  moved = mfm_kea_view_dup_text (kea, MFM_ISC_ROLE_PRIMARY);
  g_assert_nonnull (strstr (moved, "\"url\": \"http://192.0.2.11:8080/\""));
  g_assert_nonnull (strstr (moved, "\"url\": \"http://192.0.2.12:8080/\""));
  g_assert_null (strstr (moved, ":8000/"));
  close_view (kea);

  /* It is a setting: the next window starts with it. */
  kea = open_view (fixture);
  again = mfm_kea_view_dup_text (kea, MFM_ISC_ROLE_SECONDARY);
  g_assert_nonnull (strstr (again, "\"url\": \"http://192.0.2.11:8080/\""));
  close_view (kea);
  g_settings_reset (settings, "kea-control-port");
}

/* A split Kea cannot do is said, in the warnings and on its row, not silently replaced. */
static void
test_unmappable_split (ChangesFixture *fixture,
                       gconstpointer   data)
{
  MfmRelationship *relationship =
    mfm_inventory_lookup_relationship (mfm_session_get_inventory (fixture->session), RELATIONSHIP);
  MfmKeaView *kea;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GPtrArray) parameter_rows = NULL;
  gboolean split_row_warned = FALSE;

  mfm_relationship_set_percentage (relationship, 30);
  kea = open_view (fixture);
  warnings = rows_of (kea, "warnings_group");
  parameter_rows = rows_of (kea, "parameters_group");

  g_assert_true (gtk_widget_get_visible (changes_test_child (kea, MFM_TYPE_KEA_VIEW, "warnings_group")));
  g_assert_cmpuint (warnings->len, ==, 1);
  g_assert_nonnull (strstr (adw_preferences_row_get_title (g_ptr_array_index (warnings, 0)),
                            "no counterpart for a split of 30 % to 70 %"));

  for (guint i = 0; i < parameter_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (parameter_rows, i);

      if (g_str_equal (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "split → mode"))
        split_row_warned = strstr (adw_action_row_get_subtitle (row), "30 % to 70 %") != NULL;
    }
  g_assert_true (split_row_warned);

  close_view (kea);
}

static gboolean
details_open (gpointer data)
{
  MfmRelationshipDetails **found = data;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (MFM_IS_RELATIONSHIP_DETAILS (l->data))
        *found = l->data;
    }
  g_list_free (toplevels);

  return *found != NULL;
}

static const char *
visible_page (MfmRelationshipDetails *details)
{
  GtkWidget *stack = changes_test_child (details, MFM_TYPE_RELATIONSHIP_DETAILS, "page_stack");

  return adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack));
}

/* The row menu's "Show Kea Configuration…" goes through this window action: the relationship's
 * details open on their Kea page. "Relationship Details…" opens them on the Health page, and the
 * Kea page reads nothing until it is shown. */
static void
test_window_action (ChangesFixture *fixture,
                    gconstpointer   data)
{
  MfmWindow *main_window = mfm_window_new (NULL);
  MfmRelationshipDetails *found = NULL;
  MfmKeaView *kea;
  GtkWidget *title;

  mfm_window_set_session (main_window, fixture->session);
  gtk_window_present (GTK_WINDOW (main_window));
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-kea-configuration",
                                             "s", RELATIONSHIP));
  g_assert_true (changes_test_wait (details_open, &found));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (found)) == GTK_WINDOW (main_window));
  g_assert_cmpstr (visible_page (found), ==, "kea");
  kea = mfm_relationship_details_get_kea_view (found);
  g_assert_true (changes_test_wait (view_loaded, kea));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (kea)));
  title = changes_test_child (found, MFM_TYPE_RELATIONSHIP_DETAILS, "switcher_title");
  g_assert_cmpstr (adw_view_switcher_title_get_subtitle (ADW_VIEW_SWITCHER_TITLE (title)), ==,
                   RELATIONSHIP);
  gtk_window_destroy (GTK_WINDOW (found));
  ui_spin (50);

  found = NULL;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window), "win.show-relationship-details",
                                             "s", RELATIONSHIP));
  g_assert_true (changes_test_wait (details_open, &found));
  g_assert_cmpstr (visible_page (found), ==, "health");
  kea = mfm_relationship_details_get_kea_view (found);
  g_assert_false (mfm_kea_view_get_loading (kea));
  g_assert_null (mfm_kea_view_get_config (kea));
  /* Switching to the Kea page reads and shows it. */
  mfm_relationship_details_show_page (found, "kea");
  g_assert_true (changes_test_wait (view_loaded, kea));

  gtk_window_destroy (GTK_WINDOW (found));
  mfm_change_set_clear (mfm_session_get_changes (fixture->session));
  gtk_window_destroy (GTK_WINDOW (main_window));
  ui_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/kea/both-servers", ChangesFixture, NULL,
              changes_fixture_set_up, test_both_servers, changes_fixture_tear_down);
  g_test_add ("/kea/copy-save-and-port", ChangesFixture, NULL,
              changes_fixture_set_up, test_copy_save_and_port, changes_fixture_tear_down);
  g_test_add ("/kea/unmappable-split", ChangesFixture, NULL,
              changes_fixture_set_up, test_unmappable_split, changes_fixture_tear_down);
  g_test_add ("/kea/window-action", ChangesFixture, NULL,
              changes_fixture_set_up, test_window_action, changes_fixture_tear_down);

  return g_test_run ();
}
