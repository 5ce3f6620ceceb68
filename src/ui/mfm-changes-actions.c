/* mfm-changes-actions.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-changes-actions"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mfm-changes-actions.h"
#include "mfm-relationship-editor.h"
#include "mfm-remove-dialog.h"
#include "mfm-review-window.h"
#include "mfm-scopes-dialog.h"

#define MFM_TYPE_CHANGES_ACTIONS (mfm_changes_actions_get_type())

G_DECLARE_FINAL_TYPE (MfmChangesActions, mfm_changes_actions, MFM, CHANGES_ACTIONS, GSimpleActionGroup)

struct _MfmChangesActions
{
  GSimpleActionGroup  parent_instance;

  /* Owned References */
  MfmSession         *session;
  MfmChangeSet       *changes;

  /* Weak References */
  GtkWindow          *parent;
  GtkWindow          *review_window;

  gboolean            busy;
};

G_DEFINE_FINAL_TYPE (MfmChangesActions, mfm_changes_actions, G_TYPE_SIMPLE_ACTION_GROUP)

static void
set_action_enabled (MfmChangesActions *self,
                    const char        *name,
                    gboolean           enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

static void
update_enabled (MfmChangesActions *self)
{
  set_action_enabled (self, "undo", !self->busy && mfm_change_set_can_undo (self->changes));
  set_action_enabled (self, "redo", !self->busy && mfm_change_set_can_redo (self->changes));
  set_action_enabled (self, "discard", !self->busy && mfm_change_set_get_n_changes (self->changes) > 0);
}

static void
present (GtkWindow *window)
{
  if (window != NULL)
    gtk_window_present (window);
}

static void
add_relationship_cb (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  MfmChangesActions *self = user_data;

  present (GTK_WINDOW (mfm_relationship_editor_new_add (self->parent, self->session,
                                                        g_variant_get_string (parameter, NULL))));
}

static void
edit_relationship_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  MfmChangesActions *self = user_data;

  present (GTK_WINDOW (mfm_relationship_editor_new_edit (self->parent, self->session,
                                                         g_variant_get_string (parameter, NULL))));
}

static void
remove_relationship_cb (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  MfmChangesActions *self = user_data;

  present (GTK_WINDOW (mfm_remove_dialog_new (self->parent, self->session,
                                              g_variant_get_string (parameter, NULL))));
}

static void
manage_scopes_cb (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  MfmChangesActions *self = user_data;

  present (GTK_WINDOW (mfm_scopes_dialog_new (self->parent, self->session,
                                              g_variant_get_string (parameter, NULL))));
}

static void
review_cb (GSimpleAction *action,
           GVariant      *parameter,
           gpointer       user_data)
{
  MfmChangesActions *self = user_data;

  /* Inside the review window (it has its own group for Undo and Redo), Ctrl+S only brings
   * it to the front: saving stays a deliberate click. */
  if (MFM_IS_REVIEW_WINDOW (self->parent))
    {
      gtk_window_present (self->parent);
      return;
    }

  /* One review window at a time: a second Ctrl+S brings the first back. */
  if (self->review_window == NULL)
    g_set_weak_pointer (&self->review_window,
                        GTK_WINDOW (mfm_review_window_new (self->parent, self->session)));

  gtk_window_present (self->review_window);
}

/* A toast in the main window whose button takes the step back (Redo after Undo, Undo after
 * Discard), since the pending bar goes away with the last change. */
static void
toast_with_button (MfmChangesActions *self,
                   const char        *title,
                   const char        *button_label,
                   const char        *action_name)
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
  MfmChangesActions *self = user_data;

  if (mfm_change_set_undo (self->changes))
    toast_with_button (self, _("Undone"), _("Redo"), "changes.redo");
}

static void
redo_cb (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  MfmChangesActions *self = user_data;

  mfm_change_set_redo (self->changes);
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     gpointer          user_data)
{
  g_autoptr(MfmChangesActions) self = user_data;

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
  MfmChangesActions *self = user_data;
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
changes_notify_cb (MfmChangesActions *self)
{
  update_enabled (self);
}

static const GActionEntry action_entries[] = {
  { .name = "add-relationship", .activate = add_relationship_cb, .parameter_type = "s" },
  { .name = "edit-relationship", .activate = edit_relationship_cb, .parameter_type = "s" },
  { .name = "remove-relationship", .activate = remove_relationship_cb, .parameter_type = "s" },
  { .name = "manage-scopes", .activate = manage_scopes_cb, .parameter_type = "s" },
  { .name = "review", .activate = review_cb },
  { .name = "undo", .activate = undo_cb },
  { .name = "redo", .activate = redo_cb },
  { .name = "discard", .activate = discard_cb },
};

static void
mfm_changes_actions_dispose (GObject *object)
{
  MfmChangesActions *self = (MfmChangesActions *)object;

  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);

  g_clear_object (&self->changes);
  g_clear_object (&self->session);
  g_clear_weak_pointer (&self->parent);
  g_clear_weak_pointer (&self->review_window);

  G_OBJECT_CLASS (mfm_changes_actions_parent_class)->dispose (object);
}

static void
mfm_changes_actions_class_init (MfmChangesActionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_changes_actions_dispose;
}

static void
mfm_changes_actions_init (MfmChangesActions *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   action_entries, G_N_ELEMENTS (action_entries),
                                   self);
}

GActionGroup *
mfm_changes_actions_new (GtkWindow  *parent,
                         MfmSession *session)
{
  MfmChangesActions *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  self = g_object_new (MFM_TYPE_CHANGES_ACTIONS, NULL);
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

void
mfm_changes_actions_set_busy (GActionGroup *actions,
                              gboolean      busy)
{
  MfmChangesActions *self = (MfmChangesActions *) actions;

  g_return_if_fail (MFM_IS_CHANGES_ACTIONS (actions));

  self->busy = !!busy;
  update_enabled (self);
}
