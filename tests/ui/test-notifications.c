/* test-notifications.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-notifications"

#include "config.h"

#include <adwaita.h>

#include "mfm-application.h"
#include "mfm-relationship-details.h"
#include "mfm-simulator.h"
#include "mfm-ui-test-util.h"
#include "mfm-window.h"

/* A notification server on the test's own session bus, on a connection of its own: it owns
 * org.gtk.Notifications, the name GLib's notifications go to when someone owns it, and keeps
 * every notification it is given. */
typedef struct
{
  char     *app_id;
  char     *id;
  char     *title;
  char     *body;
  char     *action;
  GVariant *target;
} Received;

static void
received_free (Received *received)
{
  g_free (received->app_id);
  g_free (received->id);
  g_free (received->title);
  g_free (received->body);
  g_free (received->action);
  g_clear_pointer (&received->target, g_variant_unref);
  g_free (received);
}

typedef struct
{
  GDBusConnection *connection;
  guint            registration;
  guint            owner;
  gboolean         owned;
  GPtrArray       *received;
} Listener;

static const char notifications_xml[] =
  "<node>"
  "  <interface name='org.gtk.Notifications'>"
  "    <method name='AddNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='a{sv}' direction='in'/>"
  "    </method>"
  "    <method name='RemoveNotification'>"
  "      <arg type='s' direction='in'/>"
  "      <arg type='s' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

static void
listener_method_call (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  Listener *listener = user_data;

  if (g_str_equal (method_name, "AddNotification"))
    {
      Received *received = g_new0 (Received, 1);
      g_autoptr(GVariant) notification = NULL;
      g_autoptr(GVariantDict) dict = NULL;

      g_variant_get (parameters, "(ss@a{sv})", &received->app_id, &received->id, &notification);
      dict = g_variant_dict_new (notification);
      g_variant_dict_lookup (dict, "title", "s", &received->title);
      g_variant_dict_lookup (dict, "body", "s", &received->body);
      g_variant_dict_lookup (dict, "default-action", "s", &received->action);
      received->target = g_variant_dict_lookup_value (dict, "default-action-target", NULL);
      g_test_message ("notification %s: %s — %s", received->id, received->title, received->body);
      g_ptr_array_add (listener->received, received);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable listener_vtable = { listener_method_call, NULL, NULL, { 0 } };

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  ((Listener *) user_data)->owned = TRUE;
}

static void
listener_start (Listener *listener)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_autoptr(GDBusNodeInfo) node = NULL;

  g_assert_no_error (error);
  listener->received = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  listener->connection = g_dbus_connection_new_for_address_sync (address,
                                                                 G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                                 G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                                 NULL, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  listener->registration = g_dbus_connection_register_object (listener->connection,
                                                              "/org/gtk/Notifications",
                                                              node->interfaces[0],
                                                              &listener_vtable, listener, NULL,
                                                              &error);
  g_assert_no_error (error);
  listener->owner = g_bus_own_name_on_connection (listener->connection, "org.gtk.Notifications",
                                                  G_BUS_NAME_OWNER_FLAGS_NONE,
                                                  name_acquired_cb, NULL, listener, NULL);
  g_assert_true (ui_wait (ui_flag_set, &listener->owned));
}

static void
listener_stop (Listener *listener)
{
  g_bus_unown_name (listener->owner);
  g_dbus_connection_unregister_object (listener->connection, listener->registration);
  g_dbus_connection_close_sync (listener->connection, NULL, NULL);
  g_clear_object (&listener->connection);
  g_clear_pointer (&listener->received, g_ptr_array_unref);
}

typedef struct
{
  Listener *listener;
  guint     count;
} ReceivedWait;

static gboolean
received_count (gpointer data)
{
  ReceivedWait *wait = data;

  return wait->listener->received->len >= wait->count;
}

static gboolean
window_ready (gpointer data)
{
  MfmWindow *window = data;
  MfmSession *session = mfm_window_get_session (window);

  return session != NULL && mfm_session_get_loaded (session) && !mfm_session_get_loading (session) &&
         !mfm_session_get_checking_health (session);
}

static gboolean
details_shown (gpointer data)
{
  GtkWindow *details = ui_find_toplevel (MFM_TYPE_RELATIONSHIP_DETAILS);

  return details != NULL &&
         g_strcmp0 (mfm_relationship_details_get_name (MFM_RELATIONSHIP_DETAILS (details)), data) == 0;
}

static void
assert_received (Received   *received,
                 const char *app_id,
                 const char *title)
{
  g_assert_cmpstr (received->app_id, ==, app_id);
  g_assert_cmpstr (received->id, ==, "relationship-state-ams-failover");
  g_assert_cmpstr (received->title, ==, title);
  g_assert_nonnull (strstr (received->body, "dhcp-ams-01.corp.example.net"));
  g_assert_nonnull (strstr (received->body, "dhcp-ams-02.corp.example.net"));
  g_assert_cmpstr (received->action, ==, "app.show-relationship");
  g_assert_nonnull (received->target);
  g_assert_cmpstr (g_variant_get_string (received->target, NULL), ==, "ams-failover");
}

/* TRUE when @model, or a section or submenu of it, has an item for @action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name)
          && g_strcmp0 (name, action) == 0)
        return TRUE;

      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_next (links))
        {
          g_autoptr(GMenuModel) link = g_menu_link_iter_get_value (links);

          if (menu_has_action (link, action))
            return TRUE;
        }
    }

  return FALSE;
}

/* The main menu of @widget's connected window: the menu button that holds "win.disconnect". */
static GMenuModel *
find_main_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget))
    {
      GMenuModel *model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget));

      if (model != NULL && menu_has_action (model, "win.disconnect"))
        return model;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GMenuModel *model = find_main_menu (child);

      if (model != NULL)
        return model;
    }

  return NULL;
}

/* With "watch-in-background" on, the closed window keeps refreshing; a relationship that leaves
 * Normal between two refreshes is told on the bus, and the notification's action brings the
 * window back with that relationship's details; coming back to Normal is told too. */
static void
test_state_change_notified (void)
{
  Listener listener = { 0 };
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  g_autoptr(MfmApplication) app = mfm_application_new ();
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  g_autoptr(GError) error = NULL;
  ReceivedWait wait = { &listener, 1 };
  MfmConnectPage *page;
  MfmWindow *window;
  gpointer weak;
  Received *received;

  listener_start (&listener);

  g_settings_set_uint (settings, "auto-refresh-interval", 1);

  /* Not unique: the test must not meet another instance. */
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);

  window = mfm_window_new (ADW_APPLICATION (app));
  weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  page = mfm_window_get_connect_page (window);
  gtk_window_present (GTK_WINDOW (window));
  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  g_assert_true (ui_wait (window_ready, window));

  /* Watching in the background is switched on as a person does it: the connected window's main
   * menu has the check item, which is the setting. */
  {
    GMenuModel *menu = find_main_menu (GTK_WIDGET (window));

    g_assert_nonnull (menu);
    g_assert_true (menu_has_action (menu, "app.watch-in-background"));
    g_assert_false (g_settings_get_boolean (settings, "watch-in-background"));
    g_action_group_activate_action (G_ACTION_GROUP (app), "watch-in-background", NULL);
    g_assert_true (g_settings_get_boolean (settings, "watch-in-background"));
  }

  /* Closing only hides it. */
  gtk_window_close (GTK_WINDOW (window));
  ui_spin (50);
  g_assert_nonnull (weak);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpuint (listener.received->len, ==, 0);

  /* Between two refreshes the pair loses contact. */
  mfm_simulator_set_relationship_state (simulator, "ams-failover", "Communications interrupted");
  g_assert_true (ui_wait (received_count, &wait));
  received = g_ptr_array_index (listener.received, 0);
  assert_received (received, g_application_get_application_id (G_APPLICATION (app)),
                   "ams-failover: Communications interrupted");
  g_assert_nonnull (strstr (received->body, "own share"));

  /* Clicking it runs its default action with its target, as the desktop does through the
   * application's action group (without the "app." prefix). */
  g_assert_true (g_str_has_prefix (received->action, "app."));
  g_action_group_activate_action (G_ACTION_GROUP (app), received->action + strlen ("app."),
                                  received->target);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (ui_wait (details_shown, (gpointer) "ams-failover"));

  /* Back to Normal: a second notification, under the same id. */
  mfm_simulator_set_relationship_state (simulator, "ams-failover", "Normal");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  wait.count = 2;
  g_assert_true (ui_wait (received_count, &wait));
  assert_received (g_ptr_array_index (listener.received, 1),
                   g_application_get_application_id (G_APPLICATION (app)), "ams-failover: Normal");

  /* Another pair leaves Normal (told), then moves between two other states (not told). */
  mfm_simulator_set_relationship_state (simulator, "fra-failover", "Recover");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  wait.count = 3;
  g_assert_true (ui_wait (received_count, &wait));
  mfm_simulator_set_relationship_state (simulator, "fra-failover", "Recover done");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.refresh", NULL));
  g_assert_true (ui_wait (window_ready, window));
  ui_spin (200);
  g_assert_cmpuint (listener.received->len, ==, 3);

  /* Quit closes for good. */
  gtk_window_destroy (ui_find_toplevel (MFM_TYPE_RELATIONSHIP_DETAILS));
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  ui_spin (50);
  g_assert_null (weak);

  g_settings_reset (settings, "watch-in-background");
  g_settings_reset (settings, "auto-refresh-interval");
  listener_stop (&listener);
  mfm_simulator_stop (simulator);
}

int
main (int   argc,
      char *argv[])
{
  /* GLib picks the notification backend once; this one talks to org.gtk.Notifications. */
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  ui_test_init (&argc, &argv);

  g_test_add_func ("/notifications/state-change", test_state_change_notified);

  return g_test_run ();
}
