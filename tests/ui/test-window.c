/* test-window.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/resource.h>

#include "mfm-api-log-window.h"
#include "mfm-drafts.h"
#include "mfm-application.h"
#include "mfm-relationships-view.h"
#include "mfm-servers-view.h"
#include "mfm-window.h"
#include "mfm-ui-test-util.h"

static void
test_opens_on_connect_page (void)
{
  MfmWindow *window = mfm_window_new (NULL);
  GtkWidget *page;
  GtkWidget *remember_row;
  GtkWidget *remember_switch;

  gtk_window_present (GTK_WINDOW (window));
  ui_spin (100);

  g_assert_cmpstr (mfm_window_get_page_name (window), ==, "connect");
  g_assert_null (mfm_window_get_session (window));
  page = GTK_WIDGET (mfm_window_get_connect_page (window));
  g_assert_true (gtk_widget_get_mapped (page));

  /* The fields a person fills in, found by their names. */
  g_assert_nonnull (ui_find (page, ADW_TYPE_ENTRY_ROW, _("Server")));
  g_assert_nonnull (ui_find (page, ADW_TYPE_ENTRY_ROW, _("User name")));
  g_assert_nonnull (ui_find (page, ADW_TYPE_PASSWORD_ENTRY_ROW, _("Password")));
  remember_row = ui_find (page, ADW_TYPE_ACTION_ROW, _("Remember password"));
  g_assert_nonnull (remember_row);
  remember_switch = ui_find (remember_row, GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (remember_switch);
  /* The row activates the switch, so the whole row is the control. */
  g_assert_true (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (remember_row)) == remember_switch);
  g_assert_nonnull (ui_find (page, GTK_TYPE_BUTTON, _("_Connect")));
  g_assert_nonnull (ui_find (page, GTK_TYPE_BUTTON, _("_Try the Demo")));
  g_assert_nonnull (ui_find (page, ADW_TYPE_EXPANDER_ROW, _("Advanced")));

  ui_assert_accessible_names (GTK_WIDGET (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_size_remembered (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  MfmWindow *window;
  int width, height;

  g_settings_set_int (settings, "window-width", 900);
  g_settings_set_int (settings, "window-height", 610);
  g_settings_set_boolean (settings, "window-maximized", FALSE);

  window = mfm_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 900);
  g_assert_cmpint (height, ==, 610);

  /* A new size is saved on close. */
  gtk_window_set_default_size (GTK_WINDOW (window), 1010, 655);
  gtk_window_present (GTK_WINDOW (window));
  ui_spin (100);
  gtk_window_close (GTK_WINDOW (window));
  ui_spin (50);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1010);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 655);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));

  window = mfm_window_new (NULL);
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  g_assert_cmpint (width, ==, 1010);
  g_assert_cmpint (height, ==, 655);
  gtk_window_destroy (GTK_WINDOW (window));

  g_settings_reset (settings, "window-width");
  g_settings_reset (settings, "window-height");
}

static gboolean
on_main_page (gpointer data)
{
  MfmWindow *window = data;
  MfmSession *session = mfm_window_get_session (window);

  return session != NULL && !mfm_session_get_loading (session) &&
         g_str_equal (mfm_window_get_page_name (window), "main");
}

/* The main page's header is mapped once the stack has switched to it, which takes a frame or
 * more on a busy machine. */
static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data);
}

static gboolean
has_log_entries (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (data)) > 0;
}

static void
test_main_view_accessible (void)
{
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  MfmWindow *window = mfm_window_new (NULL);
  MfmConnectPage *page = mfm_window_get_connect_page (window);
  MfmServersView *servers_view;
  MfmApiLogWindow *log_window;
  MfmApiLog *log;
  g_autofree char *shown = NULL;
  GtkWidget *search_button;

  gtk_window_present (GTK_WINDOW (window));
  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  g_assert_true (ui_wait (on_main_page, window));
  ui_spin (100);

  /* Header bar: the server and the user, refresh, search, menu. */
  g_assert_nonnull (ui_find (GTK_WIDGET (window), ADW_TYPE_WINDOW_TITLE, NULL));
  g_assert_nonnull (ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, _("Refresh (F5)")) ?:
                    ui_find (GTK_WIDGET (window), GTK_TYPE_BUTTON, "(accessible label)"));
  /* By its name: every menu button holds a toggle button of its own, found first otherwise. */
  search_button = ui_find (GTK_WIDGET (window), GTK_TYPE_TOGGLE_BUTTON, _("Search (Ctrl+F)"));
  g_assert_nonnull (search_button);
  g_assert_true (ui_wait (widget_mapped, search_button));

  /* With a server selected, so the failover pane and its rows are built too. */
  servers_view = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (window), MFM_TYPE_SERVERS_VIEW, NULL));
  g_assert_nonnull (servers_view);
  g_assert_true (g_list_model_get_n_items (mfm_servers_view_get_model (servers_view)) > 0);
  {
    g_autoptr(MfmServer) first = g_list_model_get_item (mfm_servers_view_get_model (servers_view), 0);

    g_assert_true (mfm_servers_view_select_server (servers_view, first));
  }
  ui_spin (200);
  ui_assert_accessible_names (GTK_WIDGET (window));

  /* The search bar's entry. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.search", NULL);
  ui_spin (100);
  ui_assert_accessible_names (GTK_WIDGET (window));

  /* The API log window, with an entry selected. */
  log = mfm_client_get_api_log (mfm_session_get_client (mfm_window_get_session (window)));
  g_assert_true (ui_wait (has_log_entries, log));
  log_window = mfm_api_log_window_present (GTK_WINDOW (window), log);
  g_assert_true (mfm_api_log_window_present (GTK_WINDOW (window), log) == log_window);
  mfm_api_log_window_select (log_window, 0);
  ui_spin (200);
  ui_assert_accessible_names (GTK_WIDGET (log_window));
  shown = mfm_api_log_window_dup_shown_text (log_window);
  g_assert_nonnull (strstr (shown, "Login"));
  /* The login's password and the session key are hidden in what is shown. */
  g_assert_null (strstr (shown, "\"password\": \"admin\""));
  g_assert_nonnull (strstr (shown, "\"password\": \"•••\""));
  g_assert_nonnull (strstr (shown, "\"session\": \"•••\""));

  /* Clear empties the log, and the window says there is nothing yet. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (log_window), "log.clear", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);
  g_assert_nonnull (ui_find_status_page (GTK_WIDGET (log_window), _("No Requests Yet")));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (ui_find_status_page (GTK_WIDGET (log_window), _("No Requests Yet")))));

  gtk_window_destroy (GTK_WINDOW (log_window));
  mfm_window_disconnect (window);
  g_assert_cmpstr (mfm_window_get_page_name (window), ==, "connect");
  /* The form stays filled, without the password. */
  g_assert_cmpstr (mfm_connect_page_get_server (page), ==, mfm_simulator_get_url (simulator));
  g_assert_cmpstr (mfm_connect_page_get_user (page), ==, "admin");

  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

static MfmWindow *
connected_window (MfmSimulator *simulator)
{
  MfmWindow *window = mfm_window_new (NULL);
  MfmConnectPage *page = mfm_window_get_connect_page (window);

  gtk_window_present (GTK_WINDOW (window));
  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  g_assert_true (ui_wait (on_main_page, window));

  return window;
}

static MfmChange *
new_add_change (MfmSession *session,
                const char *name)
{
  GListModel *servers = mfm_inventory_get_servers (mfm_session_get_inventory (session));
  g_autoptr(MfmServer) primary = g_list_model_get_item (servers, 0);
  g_autoptr(MfmServer) secondary = g_list_model_get_item (servers, 1);
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server (relationship, mfm_server_get_name (primary));
  mfm_relationship_set_primary_server_ref (relationship, mfm_server_get_ref (primary));
  mfm_relationship_set_secondary_server (relationship, mfm_server_get_name (secondary));
  mfm_relationship_set_secondary_server_ref (relationship, mfm_server_get_ref (secondary));

  return mfm_change_new_add (relationship);
}

/* As a click on the button does: the response, then the dialog closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

static gboolean
dialog_shown (gpointer data)
{
  return ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

static void
test_pending_changes_on_close (void)
{
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  MfmWindow *window = connected_window (simulator);
  MfmSession *session = mfm_window_get_session (window);
  g_autoptr(MfmChange) change = new_add_change (session, "ui-test-close");
  g_autofree char *draft = mfm_drafts_get_path (mfm_session_get_server_url (session),
                                                 mfm_session_get_user (session));
  g_autofree char *server_url = g_strdup (mfm_session_get_server_url (session));
  AdwMessageDialog *dialog;
  GtkWidget *weak = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&weak);
  mfm_session_stage (session, change);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* Closing asks first and keeps the window. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (adw_message_dialog_has_response (dialog, "review"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_true (adw_message_dialog_has_response (dialog, "keep"));
  /* No Save response, so the heading asks no question that only Save would answer. */
  g_assert_false (adw_message_dialog_has_response (dialog, "save"));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Keep Pending Changes as a Draft?");
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  ui_assert_accessible_names (GTK_WIDGET (dialog));

  /* Keep as draft: the window goes, the draft stays. */
  respond (dialog, "keep");
  ui_spin (100);
  g_assert_null (weak);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* The next connection to the same server and user offers it back. */
  window = connected_window (simulator);
  g_assert_true (ui_wait (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (mfm_window_get_session (window))), ==, 0);
  respond (dialog, "restore");
  ui_spin (50);
  session = mfm_window_get_session (window);
  g_assert_cmpstr (mfm_session_get_server_url (session), ==, server_url);
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (session)), ==, 1);
  g_assert_cmpstr (mfm_change_get_relationship_name (mfm_change_set_get_change (mfm_session_get_changes (session), 0)),
                   ==, "ui-test-close");

  /* Discard on close: nothing is kept. */
  weak = GTK_WIDGET (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&weak);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait (dialog_shown, NULL));
  respond (ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "discard");
  ui_spin (100);
  g_assert_null (weak);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  mfm_simulator_stop (simulator);
  ui_spin (50);
}

static gboolean
wizard_shown (gpointer data)
{
  GType wizard_type = g_type_from_name ("MfmRelationshipEditor");

  return wizard_type != 0 && ui_find_toplevel (wizard_type) != NULL;
}

static void
test_add_relationship_shortcut (void)
{
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  MfmWindow *window = connected_window (simulator);
  MfmServersView *servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (window), MFM_TYPE_SERVERS_VIEW, NULL));
  g_autoptr(MfmServer) server = g_list_model_get_item (mfm_servers_view_get_model (servers), 0);
  GtkWindow *wizard;

  /* Ctrl+N needs a selected server. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.add-relationship-for-selection", NULL);
  ui_spin (100);
  g_assert_false (wizard_shown (NULL));
  g_assert_true (mfm_servers_view_select_server (servers, server));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.add-relationship-for-selection", NULL));
  if (!ui_wait (wizard_shown, NULL))
    {
      g_test_skip ("The failover assistant is not part of this build");
      gtk_window_destroy (GTK_WINDOW (window));
      mfm_simulator_stop (simulator);
      return;
    }
  wizard = ui_find_toplevel (g_type_from_name ("MfmRelationshipEditor"));
  g_assert_true (gtk_window_get_transient_for (wizard) == GTK_WINDOW (window));

  gtk_window_destroy (wizard);
  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

static void
count_cb (guint *count)
{
  (*count)++;
}

static void
test_auto_refresh_only_when_active (void)
{
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  MfmWindow *window = connected_window (simulator);
  MfmSession *session = mfm_window_get_session (window);
  gboolean active = gtk_window_is_active (GTK_WINDOW (window));
  guint refreshes = 0;

  g_signal_connect_swapped (session, "refreshed", G_CALLBACK (count_cb), &refreshes);
  g_settings_set_uint (settings, "auto-refresh-interval", 1);
  ui_spin (2600);
  g_test_message ("window active: %d, automatic refreshes in 2.6 s: %u", active, refreshes);

  /* Without a window manager the window may never become active; either way the rule holds. */
  if (active)
    g_assert_cmpuint (refreshes, >=, 1);
  else
    g_assert_cmpuint (refreshes, ==, 0);

  /* Another window in front: no refresh while nobody looks. */
  {
    GtkWidget *other = gtk_window_new ();

    gtk_window_present (GTK_WINDOW (other));
    ui_spin (300);
    active = gtk_window_is_active (GTK_WINDOW (window));
    refreshes = 0;
    ui_spin (2600);
    g_test_message ("window active behind another: %d, automatic refreshes in 2.6 s: %u", active, refreshes);
    if (!active)
      g_assert_cmpuint (refreshes, ==, 0);
    gtk_window_destroy (GTK_WINDOW (other));
  }

  /* 0 turns it off. */
  g_settings_set_uint (settings, "auto-refresh-interval", 0);
  refreshes = 0;
  ui_spin (1500);
  g_assert_cmpuint (refreshes, ==, 0);

  g_settings_reset (settings, "auto-refresh-interval");
  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

static void
test_try_the_demo (void)
{
  MfmWindow *window = mfm_window_new (NULL);
  MfmServersView *servers;
  g_autoptr(MfmSimulator) reference = ui_start_demo_simulator ();
  g_autoptr(MfmInventory) demo = mfm_simulator_dup_inventory (reference);
  GListModel *demo_servers = mfm_inventory_get_servers (demo);
  guint isc = 0;

  for (guint i = 0; i < g_list_model_get_n_items (demo_servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (demo_servers, i);

      isc += mfm_server_is_isc (server);
    }

  /* One click: the built-in simulator starts and the window connects to it as admin. */
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (mfm_window_get_connect_page (window)), "connect.try-demo", NULL));
  g_assert_true (ui_wait (on_main_page, window));
  g_assert_cmpstr (mfm_session_get_user (mfm_window_get_session (window)), ==, "admin");
  g_assert_true (g_str_has_prefix (mfm_client_get_base_url (mfm_session_get_client (mfm_window_get_session (window))),
                                   "http://127.0.0.1:"));
  /* Its drafts are kept under a name that does not change with the port. */
  g_assert_null (strstr (mfm_session_get_server_url (mfm_window_get_session (window)), "127.0.0.1"));
  servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (window), MFM_TYPE_SERVERS_VIEW, NULL));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (servers)), ==, isc);

  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (reference);
  ui_spin (50);
}

typedef struct
{
  MfmApplication *app;
  gboolean        checked;
  char           *server;
  char           *user;
  char          **refresh_accels;
  char          **quit_accels;
  gboolean        shortcuts_shown;
  gboolean        overlay_built_early;
  guint           n_shortcuts;
} AppRun;

static void
assert_shortcuts_titled (GtkWidget *root,
                         guint     *n_shortcuts)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (root))
    {
      g_autofree char *title = NULL;

      g_object_get (root, "title", &title, NULL);
      g_assert_nonnull (title);
      g_assert_cmpstr (title, !=, "");
      (*n_shortcuts)++;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_shortcuts_titled (child, n_shortcuts);
}

static gboolean
inspect_app_cb (gpointer data)
{
  AppRun *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));

  if (!MFM_IS_WINDOW (window))
    return G_SOURCE_CONTINUE;

  run->server = g_strdup (mfm_connect_page_get_server (mfm_window_get_connect_page (MFM_WINDOW (window))));
  run->user = g_strdup (mfm_connect_page_get_user (mfm_window_get_connect_page (MFM_WINDOW (window))));
  run->refresh_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (run->app), "win.refresh");
  run->quit_accels = gtk_application_get_accels_for_action (GTK_APPLICATION (run->app), "app.quit");
  run->checked = TRUE;
  /* Not built with the window, only when asked for. */
  run->overlay_built_early = gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) != NULL;

  /* Ctrl+? shows the keyboard shortcuts, loaded from the application's resources. */
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "shortcuts", NULL);
  ui_spin (200);
  {
    GtkWindow *shortcuts = ui_find_toplevel (GTK_TYPE_SHORTCUTS_WINDOW);

    run->shortcuts_shown = shortcuts != NULL && gtk_window_get_transient_for (shortcuts) == window;
    if (shortcuts != NULL)
      {
        /* Its search and close buttons are GTK's own; what this application adds is the list,
         * and every shortcut in it carries a title. */
        assert_shortcuts_titled (GTK_WIDGET (shortcuts), &run->n_shortcuts);
        gtk_window_destroy (shortcuts);
      }
  }

  /* Ctrl+Q's action closes every window, which ends the application. */
  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);

  return G_SOURCE_REMOVE;
}

static void
test_application_command_line (void)
{
  AppRun run = { 0 };
  char *argv[] = { (char *)"failover-manager",
                   (char *)"--server", (char *)"micetro.example.org",
                   (char *)"--user", (char *)"dhcp-admin",
                   NULL };
  int status;

  run.app = mfm_application_new ();
  /* Not registered on the bus: the test must not meet another instance. */
  g_application_set_flags (G_APPLICATION (run.app),
                           g_application_get_flags (G_APPLICATION (run.app)) | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (200, inspect_app_cb, &run);
  status = g_application_run (G_APPLICATION (run.app), G_N_ELEMENTS (argv) - 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (run.checked);
  g_assert_cmpstr (run.server, ==, "micetro.example.org");
  g_assert_cmpstr (run.user, ==, "dhcp-admin");
  g_assert_true (g_strv_contains ((const char * const *)run.refresh_accels, "F5"));
  g_assert_true (g_strv_contains ((const char * const *)run.refresh_accels, "<Control>r"));
  g_assert_true (g_strv_contains ((const char * const *)run.quit_accels, "<Control>q"));
  g_assert_false (run.overlay_built_early);
  g_assert_true (run.shortcuts_shown);
  /* Refresh, Search, Shortcuts, Quit, Add, Review, Undo, Redo (GTK keeps a second copy of each
   * for its search results). */
  g_assert_cmpuint (run.n_shortcuts, >=, 8);

  g_free (run.server);
  g_free (run.user);
  g_strfreev (run.refresh_accels);
  g_strfreev (run.quit_accels);
  g_object_unref (run.app);
}

/* The connect page's main menu is not made for the first frame, yet its button is usable and
 * announces a menu, and opening it shows the menu with both its items. */
static void
test_connect_menu_on_demand (void)
{
  MfmWindow *window = mfm_window_new (NULL);
  GtkWidget *button;
  GtkPopover *popover;
  GMenuModel *model;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  gtk_window_present (GTK_WINDOW (window));
  ui_spin (200);

  button = ui_find (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON, _("Main Menu"));
  g_assert_nonnull (button);
  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_assert_true (gtk_widget_is_sensitive (gtk_widget_get_first_child (button)));

  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  ui_spin (200);
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
  g_assert_nonnull (model);
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 1);
  model = g_menu_model_get_item_link (model, 0, G_MENU_LINK_SECTION);
  g_assert_cmpint (g_menu_model_get_n_items (model), ==, 2);
  g_assert_true (g_menu_model_get_item_attribute (model, 0, G_MENU_ATTRIBUTE_LABEL, "s", &first));
  g_assert_true (g_menu_model_get_item_attribute (model, 1, G_MENU_ATTRIBUTE_LABEL, "s", &second));
  g_assert_cmpstr (first, ==, _("_Keyboard Shortcuts"));
  g_assert_cmpstr (second, ==, _("_About Failover Manager"));
  g_object_unref (model);

  gtk_popover_popdown (popover);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);
}

/* The application's style sheet applies, loaded by the application itself now that it has no
 * resource base path for AdwApplication to load it from (GTK would add that path's icons
 * folder to the icon theme and read the theme twice). */
typedef struct
{
  GApplication *app;
  gboolean      checked;
  int           error_box_width;
  int           plain_box_width;
  gboolean      adwaita_icons;
} StyleRun;

static gboolean
inspect_style_cb (gpointer data)
{
  StyleRun *run = data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (run->app));
  g_auto(GStrv) paths = NULL;
  GtkWidget *holder, *styled, *plain;

  if (!MFM_IS_WINDOW (window) || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;

  /* style.css gives .mfm-error-box 14 px of padding on either side. */
  holder = gtk_window_new ();
  styled = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  plain = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  gtk_widget_add_css_class (styled, "mfm-error-box");
  gtk_window_set_child (GTK_WINDOW (holder), gtk_box_new (GTK_ORIENTATION_VERTICAL, 0));
  gtk_box_append (GTK_BOX (gtk_window_get_child (GTK_WINDOW (holder))), styled);
  gtk_box_append (GTK_BOX (gtk_window_get_child (GTK_WINDOW (holder))), plain);
  gtk_widget_measure (styled, GTK_ORIENTATION_HORIZONTAL, -1, &run->error_box_width, NULL, NULL, NULL);
  gtk_widget_measure (plain, GTK_ORIENTATION_HORIZONTAL, -1, &run->plain_box_width, NULL, NULL, NULL);
  gtk_window_destroy (GTK_WINDOW (holder));

  /* libadwaita's icons are in the theme. */
  paths = gtk_icon_theme_get_resource_path (gtk_icon_theme_get_for_display (gdk_display_get_default ()));
  run->adwaita_icons = paths != NULL && g_strv_contains ((const char * const *)paths, "/org/gnome/Adwaita/icons");
  run->checked = TRUE;

  g_action_group_activate_action (G_ACTION_GROUP (run->app), "quit", NULL);
  return G_SOURCE_REMOVE;
}

static void
test_application_style (void)
{
  g_autoptr(MfmApplication) app = mfm_application_new ();
  char *argv[] = { (char *)"failover-manager", NULL };
  StyleRun run = { 0 };

  run.app = G_APPLICATION (app);
  g_application_set_flags (run.app, g_application_get_flags (run.app) | G_APPLICATION_NON_UNIQUE);
  g_timeout_add (100, inspect_style_cb, &run);
  g_assert_cmpint (g_application_run (run.app, 1, argv), ==, 0);

  g_assert_true (run.checked);
  g_assert_null (g_application_get_resource_base_path (run.app));
  g_assert_cmpint (run.error_box_width, ==, 28);
  g_assert_cmpint (run.plain_box_width, ==, 0);
  g_assert_true (run.adwaita_icons);
}

static void
test_no_password_option (void)
{
  g_autoptr(MfmApplication) app = mfm_application_new ();
  char *argv[] = { (char *)"failover-manager", (char *)"--password", (char *)"secret", NULL };
  int status;

  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  /* An unknown option ends the run with an error before any window. */
  status = g_application_run (G_APPLICATION (app), G_N_ELEMENTS (argv) - 1, argv);
  g_assert_cmpint (status, !=, 0);
}

static gboolean
unreadable_draft_told (gpointer data)
{
  return ui_find (GTK_WIDGET (data), GTK_TYPE_LABEL,
                  _("The changes you staged last time could not be read, so they cannot be restored.")) != NULL;
}

/* A draft cut short (a full disk, a crash while writing) is not offered, is said to be
 * unreadable, and is moved aside so the next staged change does not overwrite it. */
static void
test_unreadable_draft (void)
{
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  g_autofree char *draft = mfm_drafts_get_path (mfm_simulator_get_url (simulator), "admin");
  g_autofree char *aside = g_strconcat (draft, ".unreadable", NULL);
  g_autofree char *directory = g_path_get_dirname (draft);
  g_autofree char *kept = NULL;
  g_autoptr(GError) error = NULL;
  static const char cut_short[] = "{\"version\":1,\"changes\":[{\"kind\":\"add\",\"relati";
  MfmWindow *window;

  g_assert_true (g_mkdir_with_parents (directory, 0700) == 0);
  g_assert_true (g_file_set_contents (draft, cut_short, -1, &error));
  g_assert_no_error (error);

  window = connected_window (simulator);
  g_assert_true (ui_wait (unreadable_draft_told, window));
  g_assert_null (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (mfm_window_get_session (window))), ==, 0);

  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (aside, &kept, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (kept, ==, cut_short);

  g_unlink (aside);
  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

static GtkLabel *
label_containing (GtkWidget  *root,
                  const char *needle)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), needle) != NULL)
    return GTK_LABEL (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = label_containing (child, needle);

      if (found != NULL)
        return found;
    }

  return NULL;
}

#define BANNER_TEXT "cannot be kept as a draft"

static gboolean
draft_banner_shown (gpointer data)
{
  GtkLabel *label = label_containing (GTK_WIDGET (data), BANNER_TEXT);
  GtkWidget *revealer = label != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_REVEALER) : NULL;

  return revealer != NULL && gtk_revealer_get_reveal_child (GTK_REVEALER (revealer)) &&
         gtk_widget_get_mapped (GTK_WIDGET (label));
}

static gboolean
draft_banner_hidden (gpointer data)
{
  GtkLabel *label = label_containing (GTK_WIDGET (data), BANNER_TEXT);
  GtkWidget *revealer = label != NULL ? gtk_widget_get_ancestor (GTK_WIDGET (label), GTK_TYPE_REVEALER) : NULL;

  return revealer == NULL || !gtk_revealer_get_reveal_child (GTK_REVEALER (revealer));
}

/* The drafts folder cannot be made: a regular file has its name. Unlike a read-only folder,
 * this stops root too. The window says so at once and until a write works, and closing does
 * not claim a draft is kept. */
static void
test_draft_cannot_be_written (void)
{
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  g_autofree char *draft = mfm_drafts_get_path (mfm_simulator_get_url (simulator), "admin");
  g_autofree char *folder = g_path_get_dirname (draft);
  g_autofree char *parent = g_path_get_dirname (folder);
  g_autofree char *moved = g_strconcat (folder, ".moved", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmChange) change = NULL;
  MfmWindow *window;
  MfmSession *session;
  AdwMessageDialog *dialog;
  GtkWidget *weak;

  g_assert_true (g_mkdir_with_parents (parent, 0700) == 0);
  /* Made by an earlier test of this process: out of the way for this one. */
  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    g_assert_true (g_rename (folder, moved) == 0);
  g_file_set_contents (folder, "not a folder", -1, &error);
  g_assert_no_error (error);

  window = connected_window (simulator);
  session = mfm_window_get_session (window);
  g_assert_true (draft_banner_hidden (window));
  change = new_add_change (session, "ui-test-unwritable");
  mfm_session_stage (session, change);

  /* Said at once, in the window, with the system's reason. */
  g_assert_true (ui_wait (draft_banner_shown, window));
  g_assert_nonnull (mfm_session_get_draft_error (session));
  g_assert_nonnull (strstr (gtk_label_get_label (label_containing (GTK_WIDGET (window), BANNER_TEXT)),
                            mfm_session_get_draft_error (session)));
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
  ui_assert_accessible_names (GTK_WIDGET (window));

  /* Closing does not claim it is kept, and offers no Keep. */
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_has_response (dialog, "keep"));
  g_assert_true (adw_message_dialog_has_response (dialog, "review"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "Kept as a draft"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "closing now loses it"));
  respond (dialog, "cancel");
  ui_spin (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  /* Nor does Disconnect drop them without a word. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.disconnect", NULL));
  g_assert_true (ui_wait (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (adw_message_dialog_has_response (dialog, "disconnect"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "disconnecting now loses it"));
  respond (dialog, "cancel");
  ui_spin (100);
  g_assert_cmpstr (mfm_window_get_page_name (window), ==, "main");
  g_assert_true (mfm_window_get_session (window) == session);

  /* Trying again while it still fails keeps the banner. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-draft", NULL));
  ui_spin (100);
  g_assert_true (draft_banner_shown (window));

  /* The folder can be made again: Try Again writes it, and the banner goes. */
  g_assert_true (g_unlink (folder) == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-draft", NULL));
  g_assert_true (ui_wait (draft_banner_hidden, window));
  g_assert_null (mfm_session_get_draft_error (session));
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* A disk that takes no more bytes: a file size limit fails the write as a full disk does,
   * for root too. The draft written before stays as it was. */
  {
    g_autoptr(MfmChange) another = new_add_change (session, "ui-test-no-room");
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;
    struct rlimit saved, tiny;
    void (*saved_handler) (int);

    g_assert_true (g_file_get_contents (draft, &before, NULL, NULL));
    g_assert_true (getrlimit (RLIMIT_FSIZE, &saved) == 0);
    tiny = saved;
    tiny.rlim_cur = 64;
    saved_handler = signal (SIGXFSZ, SIG_IGN);
    g_assert_true (setrlimit (RLIMIT_FSIZE, &tiny) == 0);
    mfm_session_stage (session, another);
    g_assert_true (setrlimit (RLIMIT_FSIZE, &saved) == 0);
    signal (SIGXFSZ, saved_handler);

    g_assert_true (ui_wait (draft_banner_shown, window));
    g_test_message ("with no room: %s", mfm_session_get_draft_error (session));
    g_assert_true (g_file_get_contents (draft, &after, NULL, NULL));
    g_assert_cmpstr (after, ==, before);

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.retry-draft", NULL));
    g_assert_true (ui_wait (draft_banner_hidden, window));
  }

  /* Now it is kept, and closing says so. */
  weak = GTK_WIDGET (window);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&weak);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (adw_message_dialog_has_response (dialog, "keep"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Kept as a draft"));
  respond (dialog, "discard");
  ui_spin (100);
  g_assert_null (weak);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));

  if (g_file_test (moved, G_FILE_TEST_IS_DIR))
    {
      g_assert_true (g_rmdir (folder) == 0);
      g_assert_true (g_rename (moved, folder) == 0);
    }
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

static MfmChangeSet *
read_draft_file (const char *path)
{
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (mfm_drafts_load_path (changes, path, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&changes);
}

/* Escape on "Restore Pending Changes?", then a new change: the earlier draft is not
 * overwritten. It is kept aside and offered again, the question lists the changes, and
 * Undo works after restoring. */
static void
test_draft_later_kept_aside (void)
{
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  g_autofree char *draft = mfm_drafts_get_path (mfm_simulator_get_url (simulator), "admin");
  g_autoptr(MfmChange) earlier = NULL;
  g_autoptr(MfmChange) later = NULL;
  g_auto(GStrv) aside = NULL;
  g_autoptr(MfmChangeSet) on_disk = NULL;
  MfmWindow *window;
  MfmSession *session;
  MfmChangeSet *changes;
  AdwMessageDialog *dialog;

  /* A draft from an earlier session. */
  window = connected_window (simulator);
  session = mfm_window_get_session (window);
  earlier = new_add_change (session, "ui-test-earlier");
  mfm_session_stage (session, earlier);
  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait (dialog_shown, NULL));
  respond (ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "keep");
  ui_spin (100);
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* Offered, with its changes listed; Escape answers "later". */
  window = connected_window (simulator);
  session = mfm_window_get_session (window);
  g_assert_true (ui_wait (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Restore Pending Changes?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "Add relationship “ui-test-earlier”"));
  g_assert_true (adw_message_dialog_has_response (dialog, "later"));
  g_object_ref (dialog);
  gtk_window_close (GTK_WINDOW (dialog));
  ui_spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_object_unref (dialog);
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (session)), ==, 0);

  /* One new change: it does not overwrite the earlier draft, which is kept aside. */
  later = new_add_change (session, "ui-test-later");
  mfm_session_stage (session, later);
  aside = mfm_drafts_list_aside (mfm_simulator_get_url (simulator), "admin");
  g_assert_cmpuint (g_strv_length (aside), ==, 1);
  on_disk = read_draft_file (aside[0]);
  g_assert_cmpuint (mfm_change_set_get_n_changes (on_disk), ==, 1);
  g_assert_cmpstr (mfm_change_get_relationship_name (mfm_change_set_get_change (on_disk, 0)), ==, "ui-test-earlier");
  g_clear_object (&on_disk);
  on_disk = read_draft_file (draft);
  g_assert_cmpuint (mfm_change_set_get_n_changes (on_disk), ==, 1);
  g_assert_cmpstr (mfm_change_get_relationship_name (mfm_change_set_get_change (on_disk, 0)), ==, "ui-test-later");
  g_clear_object (&on_disk);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait (dialog_shown, NULL));
  respond (ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "keep");
  ui_spin (100);

  /* Next time both are offered, the earlier one first; both restored. */
  window = connected_window (simulator);
  session = mfm_window_get_session (window);
  changes = mfm_session_get_changes (session);
  g_assert_true (ui_wait (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "ui-test-earlier"));
  g_assert_null (strstr (adw_message_dialog_get_body (dialog), "ui-test-later"));
  respond (dialog, "restore");
  g_assert_true (ui_wait (dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "ui-test-later"));
  respond (dialog, "restore");
  ui_spin (50);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 2);
  g_assert_cmpstr (mfm_change_get_relationship_name (mfm_change_set_get_change (changes, 0)), ==, "ui-test-earlier");
  g_assert_cmpstr (mfm_change_get_relationship_name (mfm_change_set_get_change (changes, 1)), ==, "ui-test-later");
  g_strfreev (aside);
  aside = mfm_drafts_list_aside (mfm_simulator_get_url (simulator), "admin");
  g_assert_cmpuint (g_strv_length (aside), ==, 0);
  on_disk = read_draft_file (draft);
  g_assert_cmpuint (mfm_change_set_get_n_changes (on_disk), ==, 2);
  g_clear_object (&on_disk);

  /* Undo is available after restoring, and the draft follows it. */
  g_assert_true (mfm_change_set_can_undo (changes));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "changes.undo", NULL));
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  on_disk = read_draft_file (draft);
  g_assert_cmpuint (mfm_change_set_get_n_changes (on_disk), ==, 1);

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait (dialog_shown, NULL));
  respond (ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)), "discard");
  ui_spin (100);

  mfm_simulator_stop (simulator);
  ui_spin (50);
}

/* Whether the shortcuts window lists @accel (in GtkShortcutsShortcut's notation, several
 * accelerators separated by spaces). */
static gboolean
overlay_lists (GtkBuilder *builder,
               const char *accel)
{
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  guint key;
  GdkModifierType mods;

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *listed = NULL;
      g_auto(GStrv) accels = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "accelerator", &listed, NULL);
      if (listed == NULL)
        continue;
      accels = g_strsplit (listed, " ", -1);
      for (guint i = 0; accels[i] != NULL; i++)
        {
          guint listed_key;
          GdkModifierType listed_mods;

          if (gtk_accelerator_parse (accels[i], &listed_key, &listed_mods) &&
              listed_key == key && listed_mods == mods)
            return TRUE;
        }
    }

  return FALSE;
}

/* The first frame shows the connect page only; the main page and its views are built after it. */
typedef struct
{
  MfmWindow *window;
  gboolean   painted;
  gboolean   views_at_first_frame;
  gboolean   view_stack_at_first_frame;
} FirstFrame;

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        FirstFrame    *run)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, run);
  run->painted = TRUE;
  run->views_at_first_frame =
    ui_find (GTK_WIDGET (run->window), MFM_TYPE_SERVERS_VIEW, NULL) != NULL ||
    ui_find (GTK_WIDGET (run->window), MFM_TYPE_RELATIONSHIPS_VIEW, NULL) != NULL;
  run->view_stack_at_first_frame = ui_find (GTK_WIDGET (run->window), ADW_TYPE_VIEW_STACK, NULL) != NULL;
}

static void
first_map_cb (GtkWidget  *window,
              FirstFrame *run)
{
  g_signal_handlers_disconnect_by_func (window, first_map_cb, run);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (first_frame_painted_cb), run);
}

static gboolean
servers_view_built (gpointer data)
{
  return ui_find (GTK_WIDGET (data), MFM_TYPE_SERVERS_VIEW, NULL) != NULL;
}

static gboolean
servers_listed (gpointer data)
{
  MfmServersView *view = data;

  return g_strcmp0 (mfm_servers_view_get_state (view), "list") == 0 &&
         g_list_model_get_n_items (mfm_servers_view_get_model (view)) > 0;
}

static gboolean
focus_in_pane (gpointer data)
{
  MfmServersView *view = data;
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view)));

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (mfm_servers_view_get_pane (view)));
}

static gboolean
only_matching_servers (gpointer data)
{
  MfmServersView *view = data;
  GListModel *model = mfm_servers_view_get_model (view);
  const char *search = g_object_get_data (G_OBJECT (view), "test-search");
  guint n = g_list_model_get_n_items (model);

  if (n == 0)
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (model, i);

      if (strstr (mfm_server_get_name (server), search) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
test_main_page_after_first_frame (void)
{
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  g_autoptr(MfmInventory) truth = mfm_simulator_dup_inventory (simulator);
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  FirstFrame run = { 0 };
  MfmConnectPage *page;
  MfmServersView *servers;
  MfmRelationshipsView *relationships;
  GtkEditable *search;
  g_autoptr(MfmServer) first = NULL;
  g_autofree char *name = NULL;
  guint n_all;

  g_settings_set_boolean (settings, "isc-only", FALSE);

  run.window = mfm_window_new (NULL);
  page = mfm_window_get_connect_page (run.window);
  g_signal_connect (run.window, "map", G_CALLBACK (first_map_cb), &run);

  /* Neither built with the window nor drawn in its first frame. */
  g_assert_null (ui_find (GTK_WIDGET (run.window), MFM_TYPE_SERVERS_VIEW, NULL));
  gtk_window_present (GTK_WINDOW (run.window));
  g_assert_true (ui_wait (ui_flag_set, &run.painted));
  g_assert_false (run.views_at_first_frame);
  g_assert_false (run.view_stack_at_first_frame);
  g_assert_cmpstr (mfm_window_get_page_name (run.window), ==, "connect");

  /* Built after it, while the connect page stays in front and the views stay hidden. */
  g_assert_true (ui_wait (servers_view_built, run.window));
  servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (run.window), MFM_TYPE_SERVERS_VIEW, NULL));
  relationships = MFM_RELATIONSHIPS_VIEW (ui_find (GTK_WIDGET (run.window), MFM_TYPE_RELATIONSHIPS_VIEW, NULL));
  search = GTK_EDITABLE (ui_find (GTK_WIDGET (run.window), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_assert_nonnull (relationships);
  g_assert_nonnull (search);
  g_assert_cmpstr (mfm_window_get_page_name (run.window), ==, "connect");
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (servers)));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));

  /* Connecting shows every server and every relationship in the views built beforehand. */
  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  g_assert_true (ui_wait (on_main_page, run.window));
  g_assert_true (ui_find (GTK_WIDGET (run.window), MFM_TYPE_SERVERS_VIEW, NULL) == GTK_WIDGET (servers));
  g_assert_true (ui_wait (servers_listed, servers));
  n_all = g_list_model_get_n_items (mfm_inventory_get_servers (truth));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (servers)), ==, n_all);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_relationships_view_get_model (relationships)), ==,
                    g_list_model_get_n_items (mfm_inventory_get_relationships (truth)));
  g_assert_true (ui_wait (widget_mapped, servers));

  /* Ctrl+F opens the search the first time, and the table follows what is typed. */
  first = g_list_model_get_item (mfm_servers_view_get_model (servers), 0);
  name = g_strdup (mfm_server_get_name (first));
  gtk_widget_activate_action (GTK_WIDGET (run.window), "win.search", NULL);
  g_assert_true (ui_wait (widget_mapped, search));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (search)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (run.window)), GTK_WIDGET (search)));
  gtk_editable_set_text (search, name);
  g_object_set_data (G_OBJECT (servers), "test-search", name);
  g_assert_true (ui_wait (only_matching_servers, servers));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (servers)), <, n_all);

  /* A selected server enables Manage Failover, which takes the focus to its pane. */
  g_assert_true (mfm_servers_view_select_server (servers, first));
  gtk_widget_activate_action (GTK_WIDGET (run.window), "win.manage-failover", NULL);
  g_assert_true (ui_wait (focus_in_pane, servers));

  /* Alt+2 shows the relationships. */
  gtk_widget_activate_action (GTK_WIDGET (run.window), "win.show-view", "s", "relationships");
  g_assert_true (ui_wait (widget_mapped, relationships));

  mfm_drafts_delete (mfm_session_get_server_url (mfm_window_get_session (run.window)),
                     mfm_session_get_user (mfm_window_get_session (run.window)));
  gtk_window_destroy (GTK_WINDOW (run.window));
  g_settings_reset (settings, "isc-only");
}

static void
test_shortcuts_window (void)
{
  g_autoptr(MfmApplication) app = mfm_application_new ();
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/mfm-shortcuts-window.ui");
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmSimulator) simulator = NULL;
  GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
  g_auto(GStrv) actions = NULL;
  MfmWindow *window;
  AdwViewStack *stack;
  guint n_accels = 0;

  /* A title, which screen readers announce. */
  g_assert_nonnull (overlay);
  g_assert_cmpstr (gtk_window_get_title (overlay), ==, C_("shortcut window", "Keyboard Shortcuts"));

  /* Every accelerator the application sets is in it. */
  g_application_set_flags (G_APPLICATION (app), g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  actions = gtk_application_list_action_descriptions (GTK_APPLICATION (app));
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app), actions[i]);

      for (guint j = 0; accels[j] != NULL; j++, n_accels++)
        if (!overlay_lists (builder, accels[j]))
          g_error ("The shortcuts window does not list %s (%s)", accels[j], actions[i]);
    }
  g_assert_cmpuint (n_accels, >=, 12);
  /* Switching views, the API log and the row actions among them. */
  g_assert_true (overlay_lists (builder, "<Alt>1"));
  g_assert_true (overlay_lists (builder, "<Alt>2"));
  g_assert_true (overlay_lists (builder, "<Control><Shift>l"));
  g_assert_true (overlay_lists (builder, "Return"));
  g_assert_true (overlay_lists (builder, "Delete"));
  /* The servers table's row menu. */
  g_assert_true (overlay_lists (builder, "Menu"));
  g_assert_true (overlay_lists (builder, "<Shift>F10"));
  /* The relationship tables' row menu, under its own title. */
  {
    g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
    gboolean listed = FALSE;

    for (GSList *l = objects; l != NULL; l = l->next)
      {
        g_autofree char *title = NULL;
        g_autofree char *accel = NULL;

        if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
          continue;
        g_object_get (l->data, "title", &title, "accelerator", &accel, NULL);
        if (g_strcmp0 (title, "Open the selected relationship’s menu") == 0)
          listed = g_strcmp0 (accel, "Menu <shift>F10") == 0;
      }
    g_assert_true (listed);
  }

  /* They do what they say. */
  simulator = ui_start_demo_simulator ();
  window = connected_window (simulator);
  stack = ADW_VIEW_STACK (ui_find (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "relationships"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "relationships");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-view", "s", "servers"));
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (stack), ==, "servers");
  {
    GtkWidget *relationships = ui_find (GTK_WIDGET (window), g_type_from_name ("MfmRelationshipsView"), NULL);
    /* The table of All relationships holds the row actions. */
    GtkWidget *table = ui_find (relationships, g_type_from_name ("MfmRelationshipTable"), NULL);
    GtkColumnView *column_view = GTK_COLUMN_VIEW (ui_find (table, GTK_TYPE_COLUMN_VIEW, NULL));
    GtkSingleSelection *selection = GTK_SINGLE_SELECTION (gtk_column_view_get_model (column_view));
    GType remove_dialog = g_type_from_name ("MfmRemoveDialog");
    GtkWindow *dialog;

    /* Delete on a selected relationship: Remove…. */
    gtk_single_selection_set_selected (selection, 0);
    g_assert_true (gtk_widget_activate_action (table, "relationship.remove-selected", NULL));
    if (remove_dialog != G_TYPE_INVALID)
      {
        ui_spin (100);
        dialog = ui_find_toplevel (remove_dialog);
        g_assert_nonnull (dialog);
        gtk_window_destroy (dialog);
      }
  }

  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/window/opens-on-connect-page", test_opens_on_connect_page);
  g_test_add_func ("/ui/window/size-remembered", test_size_remembered);
  g_test_add_func ("/ui/window/main-view-accessible", test_main_view_accessible);
  g_test_add_func ("/ui/window/pending-changes-on-close", test_pending_changes_on_close);
  g_test_add_func ("/ui/window/unreadable-draft", test_unreadable_draft);
  g_test_add_func ("/ui/window/draft-cannot-be-written", test_draft_cannot_be_written);
  g_test_add_func ("/ui/window/draft-later-kept-aside", test_draft_later_kept_aside);
  g_test_add_func ("/ui/window/add-relationship-shortcut", test_add_relationship_shortcut);
  g_test_add_func ("/ui/window/auto-refresh-only-when-active", test_auto_refresh_only_when_active);
  g_test_add_func ("/ui/window/try-the-demo", test_try_the_demo);
  g_test_add_func ("/ui/window/command-line", test_application_command_line);
  g_test_add_func ("/ui/window/no-password-option", test_no_password_option);
  g_test_add_func ("/ui/window/application-style", test_application_style);
  g_test_add_func ("/ui/window/connect-menu-on-demand", test_connect_menu_on_demand);
  g_test_add_func ("/ui/window/shortcuts-window", test_shortcuts_window);
  g_test_add_func ("/ui/window/main-page-after-first-frame", test_main_page_after_first_frame);

  return g_test_run ();
}
