/* mfm-application.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-application"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-api-log-window.h"
#include "mfm-application.h"
#include "mfm-health.h"
#include "mfm-window.h"

struct _MfmApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        quitting;
};

G_DEFINE_FINAL_TYPE (MfmApplication, mfm_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "server", 's', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("Micetro server address to fill in"), N_("URL") },
  { "user", 'u', G_OPTION_FLAG_NONE, G_OPTION_ARG_STRING, NULL,
    N_("User name to fill in"), N_("NAME") },
  { "demo", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE, NULL,
    N_("Connect to the built-in demo server"), NULL },
  { G_OPTION_REMAINING, 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_FILENAME_ARRAY, NULL,
    NULL, N_("[CHANGES-FILE]") },
  { NULL }
};

static MfmWindow *
get_or_create_window (MfmApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (MFM_IS_WINDOW (window))
    return MFM_WINDOW (window);

  return mfm_window_new (ADW_APPLICATION (self));
}

static void
mfm_application_activate (GApplication *application)
{
  MfmApplication *self = MFM_APPLICATION (application);

  gtk_window_present (GTK_WINDOW (get_or_create_window (self)));
}

static int
mfm_application_command_line (GApplication            *application,
                              GApplicationCommandLine *command_line)
{
  MfmApplication *self = MFM_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autofree char *server = NULL;
  g_autofree char *user = NULL;
  gboolean demo = FALSE;
  MfmWindow *window;
  MfmConnectPage *page;

  g_variant_dict_lookup (options, "server", "s", &server);
  g_variant_dict_lookup (options, "user", "s", &user);
  g_variant_dict_lookup (options, "demo", "b", &demo);

  window = get_or_create_window (self);
  page = mfm_window_get_connect_page (window);

  if (server != NULL)
    mfm_connect_page_set_server (page, server);
  if (user != NULL)
    mfm_connect_page_set_user (page, user);

  gtk_window_present (GTK_WINDOW (window));

  if (demo && mfm_window_get_session (window) == NULL)
    mfm_connect_page_try_demo (page);

  /* A change file to review: opened once connected to its server. */
  {
    g_autofree const char **files = NULL;

    if (g_variant_dict_lookup (options, G_OPTION_REMAINING, "^a&ay", &files) &&
        files != NULL && files[0] != NULL)
      {
        g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, files[0]);

        mfm_window_open_changes_file (window, file);
      }
  }

  return EXIT_SUCCESS;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  MfmApplication *self = user_data;
  g_autoptr(GList) windows = NULL;

  /* Each window asks about pending changes in its close-request handler; none stays in the
   * background to watch. */
  self->quitting = TRUE;
  windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));
  for (const GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  MfmApplication *self = user_data;
  static const char *developers[] = { "The Failover Manager authors", NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application-name", _("Failover Manager"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Failover Manager authors"),
                        "website", "https://github.com/mfm/failover-manager",
                        "issue-url", "https://github.com/mfm/failover-manager/issues",
                        "developers", developers,
                        "copyright", "© 2026 The Failover Manager authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        /* Translators: your names, one per line */
                        "translator-credits", _("translator-credits"),
                        "comments", _("Set up and review ISC DHCP failover through the Micetro API."),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MfmApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (window == NULL)
    return;

  /* Built when first asked for: from gtk/help-overlay.ui GTK would build it for every window
   * before the window's first frame. */
  if (GTK_IS_APPLICATION_WINDOW (window) &&
      gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)) == NULL)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/mfm-shortcuts-window.ui");

      gtk_application_window_set_help_overlay (GTK_APPLICATION_WINDOW (window),
                                               GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay")));
    }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
api_log_action (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MfmApplication *self = user_data;
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));
  MfmSession *session = NULL;

  if (MFM_IS_WINDOW (window))
    session = mfm_window_get_session (MFM_WINDOW (window));

  mfm_api_log_window_present (window,
                              session != NULL ? mfm_session_get_api_log (session) : NULL);
}

/* A notification's default action: the window that shows the relationship comes back (also
 * from the background) with its details. */
static void
show_relationship_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  MfmApplication *self = user_data;
  const char *name = g_variant_get_string (parameter, NULL);

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      MfmSession *session;

      if (!MFM_IS_WINDOW (l->data))
        continue;
      session = mfm_window_get_session (l->data);
      if (session == NULL ||
          mfm_inventory_lookup_relationship (mfm_session_get_inventory (session), name) == NULL)
        continue;

      gtk_window_present (GTK_WINDOW (l->data));
      gtk_widget_activate_action (GTK_WIDGET (l->data), "win.show-relationship-details", "s", name);
      return;
    }
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "api-log", api_log_action },
  { "show-relationship", show_relationship_action, "s" },
};

static void
mfm_application_startup (GApplication *application)
{
  MfmApplication *self = MFM_APPLICATION (application);
  static const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.shortcuts", { "<Control>question", NULL } },
    { "win.refresh", { "F5", "<Control>r", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.add-relationship-for-selection", { "<Control>n", NULL } },
    { "changes.review", { "<Control>s", NULL } },
    { "changes.undo", { "<Control>z", NULL } },
    { "changes.redo", { "<Control><Shift>z", NULL } },
    { "win.show-view::servers", { "<Alt>1", NULL } },
    { "win.show-view::relationships", { "<Alt>2", NULL } },
    { "app.api-log", { "<Control><Shift>l", NULL } },
  };

  /* libadwaita first: it creates the display's icon theme, which GTK starts reading in a
   * thread, and adds its own icon path at once. An icon path added once that read has begun
   * (libadwaita's after GTK's startup, or GTK's for the resource base path after libadwaita's)
   * throws the theme away, and GTK 4.8 reads it all again at the first icon. */
  adw_init ();

  G_APPLICATION_CLASS (mfm_application_parent_class)->startup (application);

  /* The style sheet AdwApplication would load from a resource base path; the application has
   * none (see mfm_application_new()). */
  {
    g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

    gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (provider),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions),
                                   self);
  /* The main menu's check item: keep watching with the window closed. */
  {
    g_autoptr(GAction) watch = g_settings_create_action (mfm_application_get_settings (self),
                                                         "watch-in-background");

    g_action_map_add_action (G_ACTION_MAP (self), watch);
  }

  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           accels[i].action, accels[i].accels);

  /* Follow the desktop's light or dark preference. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
mfm_application_dispose (GObject *object)
{
  MfmApplication *self = (MfmApplication *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mfm_application_parent_class)->dispose (object);
}

static void
mfm_application_class_init (MfmApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = mfm_application_dispose;

  app_class->activate = mfm_application_activate;
  app_class->command_line = mfm_application_command_line;
  app_class->startup = mfm_application_startup;
}

static void
mfm_application_init (MfmApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Manage ISC DHCP failover through the Micetro API."));
}

MfmApplication *
mfm_application_new (void)
{
  return g_object_new (MFM_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       /* No resource base path: GTK would add its icons folder to the icon
                        * theme after libadwaita's (see mfm_application_startup()). The
                        * templates and the style sheet name their resources in full. */
                       "resource-base-path", NULL,
                       NULL);
}

/**
 * mfm_application_get_settings:
 *
 * Returns: (transfer none): the application's settings
 */
GSettings *
mfm_application_get_settings (MfmApplication *self)
{
  g_return_val_if_fail (MFM_IS_APPLICATION (self), NULL);

  if (self->settings == NULL)
    self->settings = g_settings_new (APP_BASE_ID);

  return self->settings;
}

gboolean
mfm_application_get_quitting (MfmApplication *self)
{
  g_return_val_if_fail (MFM_IS_APPLICATION (self), FALSE);

  return self->quitting;
}

static const char *
server_name (MfmServer  *server,
             const char *fallback)
{
  return server != NULL ? mfm_server_get_display_name (server) : fallback;
}

void
mfm_application_notify_state_change (MfmApplication *self,
                                     MfmSession     *session,
                                     const char     *name,
                                     const char     *from,
                                     const char     *to)
{
  MfmInventory *inventory;
  MfmRelationship *relationship;
  MfmFailoverState state = mfm_failover_state_from_string (to);
  MfmServer *primary;
  MfmServer *secondary;
  g_autoptr(GNotification) notification = NULL;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;
  g_autofree char *id = NULL;

  g_return_if_fail (MFM_IS_APPLICATION (self));
  g_return_if_fail (MFM_IS_SESSION (session));
  g_return_if_fail (name != NULL);

  if (!mfm_failover_state_change_is_notable (from, to))
    return;

  inventory = mfm_session_get_inventory (session);
  relationship = mfm_inventory_lookup_relationship (inventory, name);
  if (relationship == NULL)
    return;

  primary = mfm_inventory_lookup_primary_server (inventory, relationship);
  secondary = mfm_inventory_lookup_secondary_server (inventory, relationship);

  /* Translators: a notification's title: the relationship's name, then its new state */
  title = g_strdup_printf (_("%s: %s"), name,
                           state != MFM_FAILOVER_STATE_UNKNOWN ?
                           mfm_failover_state_get_label (state) : to);
  /* Translators: a notification's text: the two servers, then what the state means */
  body = g_strdup_printf (_("%s and %s. %s"),
                          server_name (primary, mfm_relationship_get_primary_server (relationship)),
                          server_name (secondary,
                                       mfm_relationship_get_secondary_server (relationship)),
                          mfm_failover_state_get_meaning (state));

  notification = g_notification_new (title);
  g_notification_set_body (notification, body);
  g_notification_set_priority (notification,
                               state == MFM_FAILOVER_STATE_NORMAL ? G_NOTIFICATION_PRIORITY_NORMAL :
                                                                    G_NOTIFICATION_PRIORITY_HIGH);
  g_notification_set_default_action_and_target_value (notification, "app.show-relationship",
                                                      g_variant_new_string (name));
  /* One notification per relationship: the newer state replaces the older. */
  id = g_strconcat ("relationship-state-", name, NULL);
  g_application_send_notification (G_APPLICATION (self), id, notification);
}
