/* mfm-ui-test-util.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test"

#include "mfm-ui-test-util.h"

void
ui_test_init (int    *argc,
              char ***argv)
{
  /* The test accessibility backend keeps the accessible properties, so they can be checked. */
  g_setenv ("GTK_A11Y", "test", TRUE);
  gtk_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();
  /* Without a window manager the window never holds the X focus, and GTK 4.8's cursor blink
   * then warns that a GtkText "did not receive a focus-out event". */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
}

gboolean
ui_wait (UiCondition condition,
         gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + (gint64)UI_WAIT_TIMEOUT_MS * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

gboolean
ui_flag_set (gpointer data)
{
  return *(gboolean *)data;
}

gboolean
ui_pointer_set (gpointer data)
{
  return *(gpointer *)data != NULL;
}

void
ui_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64)ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

MfmSimulator *
ui_start_demo_simulator (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(GError) error = NULL;

  mfm_simulator_load_demo (simulator);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&simulator);
}

static gboolean
window_has_session (gpointer data)
{
  return mfm_window_get_session (MFM_WINDOW (data)) != NULL;
}

void
ui_connect_admin (MfmWindow    *window,
                  MfmSimulator *simulator)
{
  MfmConnectPage *page = mfm_window_get_connect_page (window);

  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  g_assert_true (ui_wait (window_has_session, window));
}

const char *
ui_first_label_text (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text;

      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child) && *gtk_label_get_text (GTK_LABEL (child)) != '\0')
        return gtk_label_get_text (GTK_LABEL (child));
      if ((text = ui_first_label_text (child)) != NULL)
        return text;
    }

  return NULL;
}

AdwActionRow *
ui_row_of_activatable (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_ACTION_ROW (w))
        return adw_action_row_get_activatable_widget (ADW_ACTION_ROW (w)) == widget ? ADW_ACTION_ROW (w) : NULL;
    }

  return NULL;
}

const char *
ui_widget_name (GtkWidget *widget)
{
  const char *text = NULL;

  if (ADW_IS_PREFERENCES_ROW (widget))
    text = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));
  else if (GTK_IS_BUTTON (widget))
    {
      GtkWidget *child = gtk_button_get_child (GTK_BUTTON (widget));

      text = gtk_button_get_label (GTK_BUTTON (widget));
      /* A mnemonic label as the child (a clean accessible name in GTK 4.8) names the button. */
      if (text == NULL && GTK_IS_LABEL (child))
        text = gtk_label_get_label (GTK_LABEL (child));
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      GtkWidget *child = gtk_check_button_get_child (GTK_CHECK_BUTTON (widget));

      text = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));
      if (text == NULL && GTK_IS_LABEL (child))
        text = gtk_label_get_label (GTK_LABEL (child));
    }
  else if (GTK_IS_MENU_BUTTON (widget))
    text = gtk_menu_button_get_label (GTK_MENU_BUTTON (widget));

  if (text != NULL && *text != '\0')
    return text;

  text = gtk_widget_get_tooltip_text (widget);
  if (text != NULL && *text != '\0')
    return text;

  /* A button whose content is a label (AdwButtonContent, a GtkLabel deeper down) is named by
   * it; so is a plain list row, whose text a screen reader reads. */
  if ((GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget) ||
       GTK_IS_LIST_BOX_ROW (widget)) &&
      (text = ui_first_label_text (widget)) != NULL)
    return text;

  if (gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return "(accessible label)";

  /* An action row labels its activatable widget (switch, spin button, check button) with its
   * title (labelled-by; GTK_A11Y=none loses that relation on check buttons, so ask the row). */
  if (ui_row_of_activatable (widget) != NULL)
    return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (ui_row_of_activatable (widget)));

  return NULL;
}

const char *
ui_widget_name_problem (GtkWidget *widget)
{
  gboolean has_label_property =
    gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);

  /* The row labels its activatable widget with its title already. */
  if (has_label_property && ui_row_of_activatable (widget) != NULL)
    return "accessible label and the row's title";

  if (has_label_property && ADW_IS_PREFERENCES_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      if (title != NULL && *title != '\0')
        return "accessible label and title";
    }

  /* libadwaita 1.2 builds a message dialog's response buttons itself, beyond this app's reach. */
  if (GTK_IS_BUTTON (widget) && gtk_button_get_use_underline (GTK_BUTTON (widget)) &&
      gtk_button_get_label (GTK_BUTTON (widget)) != NULL &&
      !ADW_IS_MESSAGE_DIALOG (gtk_widget_get_root (widget)))
    return "mnemonic label on the button (use a GtkLabel child)";

  if (GTK_IS_CHECK_BUTTON (widget) && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)) &&
      gtk_check_button_get_label (GTK_CHECK_BUTTON (widget)) != NULL)
    return "mnemonic label on the check button (use a GtkLabel child)";

  return NULL;
}

gboolean
ui_is_control (GtkWidget *widget)
{
  /* A screen reader does not stop on a presentation widget, only on what it holds. */
  if (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_PRESENTATION)
    return FALSE;

  return GTK_IS_BUTTON (widget) ||
         GTK_IS_MENU_BUTTON (widget) ||
         GTK_IS_ENTRY (widget) ||
         GTK_IS_SEARCH_ENTRY (widget) ||
         ADW_IS_ENTRY_ROW (widget) ||
         GTK_IS_SWITCH (widget) ||
         GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SPIN_BUTTON (widget) ||
         GTK_IS_LIST_BOX_ROW (widget);
}

gboolean
ui_is_toolkit_internal (GtkWidget *widget)
{
  for (GtkWidget *w = gtk_widget_get_parent (widget); w != NULL; w = gtk_widget_get_parent (w))
    {
      if (GTK_IS_WINDOW_CONTROLS (w) || ADW_IS_ENTRY_ROW (w) || GTK_IS_SPIN_BUTTON (w) ||
          GTK_IS_SEARCH_ENTRY (w) || GTK_IS_POPOVER (w) || GTK_IS_MENU_BUTTON (w))
        return TRUE;
    }

  return FALSE;
}

guint
ui_check_accessible_names (GtkWidget *root,
                           GString   *missing,
                           GString   *doubled)
{
  guint checked = 0;

  if (!gtk_widget_get_visible (root))
    return 0;

  if (ui_is_control (root) && !ui_is_toolkit_internal (root))
    {
      const char *name = ui_widget_name (root);
      const char *problem = ui_widget_name_problem (root);

      checked++;
      if (name == NULL || *name == '\0')
        g_string_append_printf (missing, "%s%s (in %s in %s)",
                                missing->len > 0 ? ", " : "",
                                G_OBJECT_TYPE_NAME (root),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (root)),
                                G_OBJECT_TYPE_NAME (gtk_widget_get_parent (gtk_widget_get_parent (root))));
      if (problem != NULL)
        g_string_append_printf (doubled, "%s%s “%s” (%s)",
                                doubled->len > 0 ? ", " : "",
                                G_OBJECT_TYPE_NAME (root), name != NULL ? name : "", problem);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    checked += ui_check_accessible_names (child, missing, doubled);

  return checked;
}

void
ui_assert_accessible_names (GtkWidget *root)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) doubled = g_string_new (NULL);
  guint checked = ui_check_accessible_names (root, missing, doubled);

  g_test_message ("%s: %u controls checked", G_OBJECT_TYPE_NAME (root), checked);
  g_assert_cmpuint (checked, >, 0);
  if (missing->len > 0)
    g_error ("Controls without an accessible name in %s: %s", G_OBJECT_TYPE_NAME (root), missing->str);
  if (doubled->len > 0)
    g_error ("Controls a screen reader names twice in %s: %s", G_OBJECT_TYPE_NAME (root), doubled->str);
}

GtkWidget *
ui_find (GtkWidget  *root,
         GType       type,
         const char *name)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    {
      const char *widget_name = GTK_IS_LABEL (root) ? gtk_label_get_text (GTK_LABEL (root))
                                                    : ui_widget_name (root);

      if (name == NULL || g_strcmp0 (widget_name, name) == 0)
        return root;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find (child, type, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

AdwStatusPage *
ui_find_status_page (GtkWidget  *root,
                     const char *title)
{
  if (ADW_IS_STATUS_PAGE (root) && g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (root)), title) == 0)
    return ADW_STATUS_PAGE (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwStatusPage *found = ui_find_status_page (child, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWindow *
ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

guint
ui_closed_loopback_port (void)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GError) error = NULL;
  guint port;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_assert_true (g_socket_bind (socket, address, FALSE, &error));
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
  g_socket_close (socket, NULL);

  return port;
}

gboolean
ui_server_matches_search (MfmServer  *server,
                          const char *search)
{
  g_autofree char *haystack = NULL;
  g_autofree char *folded = NULL;
  g_autofree char *needle = NULL;

  if (!mfm_server_is_isc (server))
    return FALSE;
  if (search == NULL || *search == '\0')
    return TRUE;

  haystack = g_strdup_printf ("%s %s", mfm_server_get_name (server), mfm_server_get_address (server));
  folded = g_utf8_casefold (haystack, -1);
  needle = g_utf8_casefold (search, -1);
  return strstr (folded, needle) != NULL;
}
