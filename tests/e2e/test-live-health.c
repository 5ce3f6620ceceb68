/* test-live-health.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-live-health"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <signal.h>

#include "mfm-application.h"
#include "mfm-sim-live.h"
#include "mfm-simulator.h"
#include "mfm-window.h"

/* The whole watch with real daemons: a relationship between two ISC servers of the simulator
 * run as real dhcpd processes in network namespaces, the application watching it in the
 * background. Killing the secondary makes the session report Communications interrupted with
 * the time it was first seen and sends a notification on the session bus; restarting it
 * brings Normal and a second notification. Needs root; skips with the reason otherwise. */

#define RELATIONSHIP_NAME "live-health"
#define WAIT_LIMIT_S      40

typedef struct
{
  char     *title;
  char     *body;
} Received;

static void
received_free (Received *received)
{
  g_free (received->title);
  g_free (received->body);
  g_free (received);
}

static GPtrArray *received;
static gboolean name_owned;

static void
method_call (GDBusConnection       *connection,
             const char            *sender,
             const char            *object_path,
             const char            *interface_name,
             const char            *method_name,
             GVariant              *parameters,
             GDBusMethodInvocation *invocation,
             gpointer               user_data)
{
  if (g_str_equal (method_name, "AddNotification"))
    {
      Received *item = g_new0 (Received, 1);
      g_autoptr(GVariant) notification = NULL;
      g_autoptr(GVariantDict) dict = NULL;

      g_variant_get (parameters, "(&s&s@a{sv})", NULL, NULL, &notification);
      dict = g_variant_dict_new (notification);
      g_variant_dict_lookup (dict, "title", "s", &item->title);
      g_variant_dict_lookup (dict, "body", "s", &item->body);
      g_test_message ("notification: %s — %s", item->title, item->body);
      g_ptr_array_add (received, item);
    }

  g_dbus_method_invocation_return_value (invocation, NULL);
}

static const GDBusInterfaceVTable vtable = { method_call, NULL, NULL, { 0 } };

static const char notifications_xml[] =
  "<node><interface name='org.gtk.Notifications'>"
  "<method name='AddNotification'><arg type='s'/><arg type='s'/><arg type='a{sv}'/></method>"
  "<method name='RemoveNotification'><arg type='s'/><arg type='s'/></method>"
  "</interface></node>";

static void
name_acquired_cb (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  name_owned = TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

typedef gboolean (*Condition) (gpointer data);

static gboolean
wait_until (Condition condition,
            gpointer  data,
            double    limit_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (limit_s * G_USEC_PER_SEC);

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static gboolean
flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Writes @change (taken) alone, as a save does; write_done() waits for it. */
static void
write_async (MfmClient     *client,
             MfmChange     *change,
             const char    *comment,
             GAsyncResult **slot)
{
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();

  mfm_change_set_add (changes, change);
  g_object_unref (change);
  mfm_client_apply_changes_async (client, changes, comment, NULL, store_result, slot);
}

static gboolean
write_done (MfmClient     *client,
            GAsyncResult **slot,
            GError       **error)
{
  gboolean ok;

  g_assert_true (wait_until (pointer_set, slot, WAIT_LIMIT_S));
  ok = mfm_client_apply_changes_finish (client, *slot, error);
  g_clear_object (slot);

  return ok;
}

static gboolean
n_received (gpointer data)
{
  return received->len >= GPOINTER_TO_UINT (data);
}

typedef struct
{
  MfmWindow  *window;
  const char *state;
} StateWait;

static gboolean
session_sees (gpointer data)
{
  StateWait *wait = data;
  MfmSession *session = mfm_window_get_session (wait->window);

  return session != NULL &&
         g_strcmp0 (mfm_state_history_get_state (mfm_session_get_state_history (session),
                                                 RELATIONSHIP_NAME), wait->state) == 0;
}

static void
test_live_health (void)
{
  g_autofree char *reason = NULL;
  g_autofree char *work_dir = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmSimulator) simulator = NULL;
  g_autoptr(MfmClient) client = NULL;
  g_autoptr(MfmRelationship) relationship = NULL;
  g_autoptr(MfmApplication) app = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GDBusNodeInfo) node = NULL;
  g_autofree char *address = NULL;
  g_autoptr(GPtrArray) transitions = NULL;
  GAsyncResult *slot = NULL;
  MfmSimLive *live;
  MfmInventory *inventory;
  MfmConnectPage *page;
  MfmWindow *window;
  MfmStateHistory *history;
  const char *primary_ref = "dhcpServers/24";
  const char *secondary_ref = "dhcpServers/25";
  const char *scope_refs[2] = { NULL, NULL };
  StateWait wait;
  gint64 killed_at;
  guint registration;
  guint owner;
  GPid secondary_pid;

  if (!mfm_sim_live_is_supported (&reason))
    {
      g_autofree char *message = g_strdup_printf ("live dhcpd failover cannot run: %s", reason);

      g_test_skip (message);
      return;
    }

  /* London's two servers: in the demo their relationship is Empty, so the daemons run only
   * what this test makes. */
  work_dir = g_dir_make_tmp ("mfm-live-health-XXXXXX", &error);
  g_assert_no_error (error);
  simulator = mfm_simulator_new ();
  mfm_simulator_load_demo (simulator);
  live = mfm_sim_live_new (work_dir, mfm_simulator_get_inventory (simulator),
                           primary_ref, secondary_ref, &error);
  g_assert_no_error (error);
  mfm_sim_live_attach (live, simulator);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);

  client = mfm_client_new (mfm_simulator_get_url (simulator));
  mfm_client_login_async (client, "admin", "admin", NULL, store_result, &slot);
  g_assert_true (wait_until (pointer_set, &slot, WAIT_LIMIT_S));
  g_assert_true (mfm_client_login_finish (client, slot, &error));
  g_assert_no_error (error);
  g_clear_object (&slot);

  inventory = mfm_simulator_get_inventory (simulator);
  relationship = mfm_relationship_new ();
  g_object_set (relationship,
                "name", RELATIONSHIP_NAME,
                "primary-server-ref", primary_ref,
                "primary-server",
                mfm_server_get_name (mfm_inventory_lookup_server (inventory, primary_ref)),
                "secondary-server-ref", secondary_ref,
                "secondary-server",
                mfm_server_get_name (mfm_inventory_lookup_server (inventory, secondary_ref)),
                NULL);
  mfm_relationship_set_mclt (relationship, 30);
  write_async (client, mfm_change_new_add (relationship), "live health test", &slot);
  g_assert_true (write_done (client, &slot, &error));
  g_assert_no_error (error);
  scope_refs[0] = mfm_sim_live_get_scope_ref (live);
  write_async (client, mfm_change_new_add_scopes (relationship, scope_refs), "live health test",
               &slot);
  g_assert_true (write_done (client, &slot, &error));
  g_assert_no_error (error);

  /* The notification listener, on a connection of its own. */
  received = g_ptr_array_new_with_free_func ((GDestroyNotify) received_free);
  address = g_dbus_address_get_for_bus_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  bus = g_dbus_connection_new_for_address_sync (address,
                                                G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                NULL, NULL, &error);
  g_assert_no_error (error);
  node = g_dbus_node_info_new_for_xml (notifications_xml, &error);
  g_assert_no_error (error);
  registration = g_dbus_connection_register_object (bus, "/org/gtk/Notifications",
                                                    node->interfaces[0], &vtable, NULL, NULL,
                                                    &error);
  g_assert_no_error (error);
  owner = g_bus_own_name_on_connection (bus, "org.gtk.Notifications", G_BUS_NAME_OWNER_FLAGS_NONE,
                                        name_acquired_cb, NULL, NULL, NULL);
  g_assert_true (wait_until (flag_set, &name_owned, WAIT_LIMIT_S));

  /* The application, watching in the background and refreshing every second. */
  settings = g_settings_new (APP_BASE_ID);
  g_settings_set_boolean (settings, "watch-in-background", TRUE);
  g_settings_set_uint (settings, "auto-refresh-interval", 1);
  app = mfm_application_new ();
  g_application_set_flags (G_APPLICATION (app),
                           g_application_get_flags (G_APPLICATION (app)) | G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  window = mfm_window_new (ADW_APPLICATION (app));
  page = mfm_window_get_connect_page (window);
  gtk_window_present (GTK_WINDOW (window));
  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);

  /* The daemons meet: the session first sees Normal (no notification for a first sighting). */
  wait = (StateWait) { window, "Normal" };
  g_assert_true (wait_until (session_sees, &wait, WAIT_LIMIT_S));
  gtk_window_close (GTK_WINDOW (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_cmpuint (received->len, ==, 0);
  history = mfm_session_get_state_history (mfm_window_get_session (window));

  /* The secondary dies. */
  secondary_pid = mfm_sim_live_get_pid (live, secondary_ref);
  g_assert_cmpint (secondary_pid, >, 0);
  killed_at = g_get_real_time () / G_USEC_PER_SEC;
  g_assert_cmpint (kill (secondary_pid, SIGKILL), ==, 0);
  g_assert_true (wait_until (n_received, GUINT_TO_POINTER (1), WAIT_LIMIT_S));
  g_assert_cmpstr (((Received *) g_ptr_array_index (received, 0))->title, ==,
                   RELATIONSHIP_NAME ": Communications interrupted");
  g_assert_cmpstr (mfm_state_history_get_state (history, RELATIONSHIP_NAME), ==,
                   "Communications interrupted");
  g_assert_cmpint (mfm_state_history_get_since (history, RELATIONSHIP_NAME), >=, killed_at);
  g_test_message ("Communications interrupted since %" G_GINT64_FORMAT " (killed at %" G_GINT64_FORMAT ")",
                  mfm_state_history_get_since (history, RELATIONSHIP_NAME), killed_at);

  /* Restarted, the pair comes back. */
  while (mfm_sim_live_get_pid (live, secondary_ref) != 0)
    g_usleep (10 * 1000);
  g_assert_true (mfm_sim_live_restart (live, secondary_ref, &error));
  g_assert_no_error (error);
  g_assert_true (wait_until (n_received, GUINT_TO_POINTER (2), WAIT_LIMIT_S));
  g_assert_cmpstr (((Received *) g_ptr_array_index (received, 1))->title, ==,
                   RELATIONSHIP_NAME ": Normal");
  transitions = mfm_state_history_get_transitions (history, RELATIONSHIP_NAME);
  g_assert_cmpuint (transitions->len, ==, 2);

  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (app)); l != NULL;
       l = gtk_application_get_windows (GTK_APPLICATION (app)))
    gtk_window_destroy (l->data);
  g_settings_reset (settings, "watch-in-background");
  g_settings_reset (settings, "auto-refresh-interval");
  g_bus_unown_name (owner);
  g_dbus_connection_unregister_object (bus, registration);
  g_clear_pointer (&received, g_ptr_array_unref);
  mfm_simulator_stop (simulator);
  /* The simulator frees the live mode: daemons killed, namespaces removed. */
  g_clear_object (&simulator);
  remove_tree (work_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GNOTIFICATION_BACKEND", "gtk", TRUE);
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add_func ("/live/health", test_live_health);

  return g_test_run ();
}
