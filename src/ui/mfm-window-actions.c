/* mfm-window-actions.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The main window's actions: the only place that opens the application's dialogs. The "win."
 * actions are installed on the class; the "changes." group (staging and the pending changes)
 * exists while a session is shown. Dialogs ask the session and never come back here. */

#define G_LOG_DOMAIN "mfm-window-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mfm-change-files.h"
#include "mfm-compat-window.h"
#include "mfm-history-window.h"
#include "mfm-relationship-details.h"
#include "mfm-relationship-editor.h"
#include "mfm-remove-dialog.h"
#include "mfm-review-window.h"
#include "mfm-scopes-dialog.h"
#include "mfm-servers-view.h"
#include "mfm-window-private.h"

#define MFM_TYPE_WINDOW_CHANGES (mfm_window_changes_get_type())

G_DECLARE_FINAL_TYPE (MfmWindowChanges, mfm_window_changes, MFM, WINDOW_CHANGES, GSimpleActionGroup)

struct _MfmWindowChanges
{
  GSimpleActionGroup  parent_instance;

  /* Owned References */
  MfmSession         *session;
  MfmChangeSet       *changes;

  /* Weak References */
  GtkWindow          *parent;
  GtkWindow          *review_window;
};

G_DEFINE_FINAL_TYPE (MfmWindowChanges, mfm_window_changes, G_TYPE_SIMPLE_ACTION_GROUP)

static void
set_action_enabled (MfmWindowChanges *self,
                    const char       *name,
                    gboolean          enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_enabled (MfmWindowChanges *self)
{
  set_action_enabled (self, "undo", mfm_change_set_can_undo (self->changes));
  set_action_enabled (self, "redo", mfm_change_set_can_redo (self->changes));
  set_action_enabled (self, "discard", mfm_change_set_get_n_changes (self->changes) > 0);
}

static void
present (GtkWindow *window)
{
  if (window != NULL)
    gtk_window_present (window);
}

/* The dialogs that act on one server or relationship, by the action that opens them; each
 * constructor takes the parent, the session and the action's string. */
typedef GtkWindow *(*DialogOpener) (GtkWindow  *parent,
                                    MfmSession *session,
                                    const char *target);

static const struct
{
  const char   *action;
  DialogOpener  open;
} dialog_openers[] = {
  { "add-relationship", (DialogOpener) mfm_relationship_editor_new_add },
  { "edit-relationship", (DialogOpener) mfm_relationship_editor_new_edit },
  { "remove-relationship", (DialogOpener) mfm_remove_dialog_new },
  { "manage-scopes", (DialogOpener) mfm_scopes_dialog_new },
};

static void
open_dialog_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  MfmWindowChanges *self = user_data;
  const char *name = g_action_get_name (G_ACTION (action));

  for (guint i = 0; i < G_N_ELEMENTS (dialog_openers); i++)
    if (g_str_equal (dialog_openers[i].action, name))
      present (dialog_openers[i].open (self->parent, self->session,
                                       g_variant_get_string (parameter, NULL)));
}

static void
review_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  MfmWindowChanges *self = user_data;

  /* One review window at a time: a second Ctrl+S brings the first back. */
  if (self->review_window == NULL)
    g_set_weak_pointer (&self->review_window,
                        GTK_WINDOW (mfm_review_window_new (self->parent, self->session)));

  gtk_window_present (self->review_window);
}

/* A toast in the main window whose button takes the step back (Redo after Undo, Undo after
 * Discard), since the pending bar goes away with the last change. */
static void
toast_with_button (MfmWindowChanges *self,
                   const char       *title,
                   const char       *button_label,
                   const char       *action_name)
{
  if (self->parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self->parent), "win.show-toast-with-button", "(sss)",
                                title, button_label, action_name);
}

static void
undo_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  MfmWindowChanges *self = user_data;

  if (mfm_change_set_undo (self->changes))
    toast_with_button (self, _("Undone"), _("Redo"), "changes.redo");
}

static void
redo_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  MfmWindowChanges *self = user_data;

  mfm_change_set_redo (self->changes);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autoptr(MfmWindowChanges) self = user_data;

  if (g_strcmp0 (response, "discard") == 0)
    {
      guint n_changes = mfm_change_set_get_n_changes (self->changes);
      g_autofree char *title = NULL;

      mfm_change_set_clear (self->changes);
      title = g_strdup_printf (ngettext ("Discarded %u change", "Discarded %u changes", n_changes), n_changes);
      toast_with_button (self, title, _("Undo"), "changes.undo");
    }
}

static void
discard_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  MfmWindowChanges *self = user_data;
  guint n_changes = mfm_change_set_get_n_changes (self->changes);
  AdwMessageDialog *dialog;

  if (n_changes == 0)
    return;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (self->parent,
                                                       _("Discard Pending Changes?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  ngettext ("The %u staged change will be dropped. Nothing has been written to the server. You can undo this.",
                                            "The %u staged changes will be dropped. Nothing has been written to the server. You can undo this.",
                                            n_changes),
                                  n_changes);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (discard_response_cb), g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
changes_notify_cb (MfmWindowChanges *self)
{
  update_enabled (self);
}

static const GActionEntry action_entries[] = {
  { .name = "add-relationship", .activate = open_dialog_cb, .parameter_type = "s" },
  { .name = "edit-relationship", .activate = open_dialog_cb, .parameter_type = "s" },
  { .name = "remove-relationship", .activate = open_dialog_cb, .parameter_type = "s" },
  { .name = "manage-scopes", .activate = open_dialog_cb, .parameter_type = "s" },
  { .name = "review", .activate = review_cb },
  { .name = "undo", .activate = undo_cb },
  { .name = "redo", .activate = redo_cb },
  { .name = "discard", .activate = discard_cb },
};

static void
mfm_window_changes_dispose (GObject *object)
{
  MfmWindowChanges *self = (MfmWindowChanges *)object;

  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);

  g_clear_object (&self->changes);
  g_clear_object (&self->session);
  g_clear_weak_pointer (&self->parent);
  g_clear_weak_pointer (&self->review_window);

  G_OBJECT_CLASS (mfm_window_changes_parent_class)->dispose (object);
}

static void
mfm_window_changes_class_init (MfmWindowChangesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_window_changes_dispose;
}

static void
mfm_window_changes_init (MfmWindowChanges *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   action_entries, G_N_ELEMENTS (action_entries),
                                   self);
}

GActionGroup *
_mfm_window_changes_actions_new (GtkWindow  *parent,
                                 MfmSession *session)
{
  MfmWindowChanges *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  self = g_object_new (MFM_TYPE_WINDOW_CHANGES, NULL);
  g_set_weak_pointer (&self->parent, parent);
  self->session = g_object_ref (session);
  self->changes = g_object_ref (mfm_session_get_changes (session));

  g_signal_connect_swapped (self->changes, "notify::can-undo",
                            G_CALLBACK (changes_notify_cb), self);
  g_signal_connect_swapped (self->changes, "notify::can-redo",
                            G_CALLBACK (changes_notify_cb), self);
  g_signal_connect_swapped (self->changes, "notify::n-changes",
                            G_CALLBACK (changes_notify_cb), self);
  g_signal_connect_swapped (self->changes, "changed",
                            G_CALLBACK (changes_notify_cb), self);
  update_enabled (self);

  return G_ACTION_GROUP (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);

  self->refresh_asked = TRUE;
  self->refresh_failure_told = FALSE;
  _mfm_window_refresh (self);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
disconnect_response_cb (MfmWindow        *self,
                        const char       *response,
                        AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "review") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "changes.review", NULL);
  else if (g_strcmp0 (response, "disconnect") == 0)
    mfm_window_disconnect (self);
}

static void
disconnect_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);
  AdwMessageDialog *dialog;
  g_autofree char *staged = NULL;
  guint n;

  /* Kept as a draft, pending changes are offered again on the next connection; when they
   * cannot be kept, disconnecting would drop them without a word. */
  if (!_mfm_window_has_pending_changes (self) || mfm_session_save_draft (self->session))
    {
      mfm_window_disconnect (self);
      return;
    }

  n = mfm_change_set_get_n_changes (mfm_session_get_changes (self->session));
  staged = g_strdup_printf (ngettext ("%u change is staged but not saved to Micetro, and it cannot be kept as a draft, so disconnecting now loses it.",
                                      "%u changes are staged but not saved to Micetro, and they cannot be kept as a draft, so disconnecting now loses them.",
                                      n),
                            n);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Disconnect and Lose Pending Changes?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog, "%s\n\n%s", staged,
                                  mfm_session_get_draft_error (self->session));
  adw_message_dialog_add_responses (dialog,
                                    "disconnect", _("_Disconnect and Lose Them"),
                                    "cancel", _("_Cancel"),
                                    "review", _("_Review…"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "disconnect", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "review", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (disconnect_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_relationship_for_selection_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);
  MfmServer *server = mfm_servers_view_get_selected_server (self->servers_view);

  if (server == NULL)
    return;

  gtk_widget_activate_action (widget, "changes.add-relationship", "s", mfm_server_get_ref (server));
}

/* Micetro's "Manage failover": the server's failover relationships, in the pane under the
 * servers, with the focus there. */
static void
manage_failover (MfmWindow *self,
                 MfmServer *server)
{
  adw_view_stack_set_visible_child_name (self->view_stack, "servers");
  if (!mfm_servers_view_select_server (self->servers_view, server))
    {
      /* Hidden by the search or by "Only ISC servers": show every server. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      g_object_set (self->servers_view, "isc-only", FALSE, NULL);
      if (!mfm_servers_view_select_server (self->servers_view, server))
        return;
    }

  gtk_widget_child_focus (GTK_WIDGET (mfm_servers_view_get_pane (self->servers_view)), GTK_DIR_TAB_FORWARD);
}

static void
manage_failover_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);
  MfmServer *server = mfm_servers_view_get_selected_server (self->servers_view);

  if (server != NULL)
    manage_failover (self, server);
}

static void
manage_server_failover_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);
  MfmServer *server;

  if (self->session == NULL)
    return;

  server = mfm_inventory_lookup_server (mfm_session_get_inventory (self->session),
                                        g_variant_get_string (parameter, NULL));
  if (server != NULL)
    manage_failover (self, server);
}

/* "servers" or "relationships" (Alt+1, Alt+2). */
static void
show_view_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);
  const char *name = g_variant_get_string (parameter, NULL);

  if (self->session != NULL && adw_view_stack_get_child_by_name (self->view_stack, name) != NULL)
    adw_view_stack_set_visible_child_name (self->view_stack, name);
}

/* (title, button label, action name): a toast whose button runs an action, e.g. Redo. */
static void
show_toast_with_button_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);
  const char *title;
  const char *button_label;
  const char *button_action;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_variant_get (parameter, "(&s&s&s)", &title, &button_label, &button_action);
  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, button_label);
  adw_toast_set_action_name (toast, button_action);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
retry_draft_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);

  if (self->session != NULL && !mfm_session_save_draft (self->session))
    mfm_window_show_toast (self, _("The draft still cannot be written."));
}

static void
show_toast_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  mfm_window_show_toast (MFM_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
show_kea_configuration_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);
  MfmRelationshipDetails *details;

  if (self->session == NULL)
    return;

  /* The Kea page of the relationship's details. */
  details = mfm_relationship_details_new (GTK_WINDOW (self), self->session,
                                          g_variant_get_string (parameter, NULL));
  if (details == NULL)
    return;
  mfm_relationship_details_show_page (details, "kea");
  gtk_window_present (GTK_WINDOW (details));
}

static void
show_server_compatibility_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);

  if (self->session == NULL)
    return;

  gtk_window_present (GTK_WINDOW (mfm_compat_window_new (GTK_WINDOW (self), self->session)));
}

static void
show_relationship_details_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);
  MfmRelationshipDetails *details;

  if (self->session == NULL)
    return;

  details = mfm_relationship_details_new (GTK_WINDOW (self), self->session,
                                          g_variant_get_string (parameter, NULL));
  if (details != NULL)
    gtk_window_present (GTK_WINDOW (details));
}

static void
export_changes_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);

  if (self->session != NULL)
    mfm_change_files_export (GTK_WINDOW (self), self->session);
}

static void
open_changes_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);

  if (self->session != NULL)
    mfm_change_files_choose_to_open (GTK_WINDOW (self), self->session);
}

static void
history_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  MfmWindow *self = MFM_WINDOW (widget);

  if (self->session != NULL)
    gtk_window_present (GTK_WINDOW (mfm_history_window_new (GTK_WINDOW (self), self->session)));
}

void
_mfm_window_class_actions_init (MfmWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_install_action (widget_class, "win.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.disconnect", NULL, disconnect_action);
  gtk_widget_class_install_action (widget_class, "win.add-relationship-for-selection", NULL,
                                   add_relationship_for_selection_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast", "s", show_toast_action);
  gtk_widget_class_install_action (widget_class, "win.retry-draft", NULL, retry_draft_action);
  gtk_widget_class_install_action (widget_class, "win.show-kea-configuration", "s",
                                   show_kea_configuration_action);
  gtk_widget_class_install_action (widget_class, "win.show-view", "s", show_view_action);
  gtk_widget_class_install_action (widget_class, "win.show-toast-with-button", "(sss)",
                                   show_toast_with_button_action);
  gtk_widget_class_install_action (widget_class, "win.manage-failover", NULL, manage_failover_action);
  gtk_widget_class_install_action (widget_class, "win.manage-server-failover", "s",
                                   manage_server_failover_action);
  gtk_widget_class_install_action (widget_class, "win.export-changes", NULL, export_changes_action);
  gtk_widget_class_install_action (widget_class, "win.open-changes", NULL, open_changes_action);
  gtk_widget_class_install_action (widget_class, "win.history", NULL, history_action);
  gtk_widget_class_install_action (widget_class, "win.server-compatibility", NULL,
                                   show_server_compatibility_action);
  gtk_widget_class_install_action (widget_class, "win.show-relationship-details", "s",
                                   show_relationship_details_action);
}
