/* mfm-history-window.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-history-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-history-window.h"
#include "mfm-journal.h"

struct _MfmHistoryWindow
{
  AdwWindow       parent_instance;

  /* Template widgets */
  AdwWindowTitle *window_title;
  GtkStack       *stack;
  GtkListBox     *list;

  /* Owned */
  MfmSession     *session;
  GPtrArray      *entries;
};

G_DEFINE_FINAL_TYPE (MfmHistoryWindow, mfm_history_window, ADW_TYPE_WINDOW)

static const char *
result_label (MfmChange *change)
{
  switch (mfm_change_get_status (change))
    {
    case MFM_CHANGE_STATUS_APPLIED:
      return _("Saved");
    case MFM_CHANGE_STATUS_FAILED:
      return _("Not saved");
    case MFM_CHANGE_STATUS_UNKNOWN:
    case MFM_CHANGE_STATUS_APPLYING:
      return _("Sent, no answer: not known whether saved");
    case MFM_CHANGE_STATUS_PENDING:
    default:
      return _("Not sent");
    }
}

static GtkWidget *
build_entry_row (MfmHistoryWindow *self,
                 MfmJournalEntry  *entry,
                 guint             position)
{
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *undo;
  MfmChangeSet *changes = mfm_journal_entry_get_changes (entry);
  guint n = mfm_change_set_get_n_changes (changes);
  g_autoptr(GDateTime) local = g_date_time_to_local (mfm_journal_entry_get_started (entry));
  g_autofree char *when = g_date_time_format (local, "%x %X");
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *undo_label = NULL;
  const char *comment = mfm_journal_entry_get_comment (entry);
  guint n_saved = 0;

  for (guint i = 0; i < n; i++)
    if (mfm_change_get_status (mfm_change_set_get_change (changes, i)) == MFM_CHANGE_STATUS_APPLIED)
      n_saved++;

  /* Translators: a save in the history; the first %s is a date and time, the second a user */
  title = g_strdup_printf (_("%s by %s"), when, mfm_journal_entry_get_user (entry));
  /* Translators: %s is the save comment, or "No comment"; %u of %u changes saved */
  subtitle = g_strdup_printf (ngettext ("%s · %u of %u change saved", "%s · %u of %u changes saved", n),
                              comment != NULL ? comment : _("No comment"), n_saved, n);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
  gtk_widget_set_name (row, "history-entry");

  for (guint i = 0; i < n; i++)
    {
      MfmChange *change = mfm_change_set_get_change (changes, i);
      GtkWidget *child = adw_action_row_new ();
      const char *message = mfm_change_get_error_message (change);
      g_autofree char *result = NULL;

      if (message != NULL)
        /* Translators: a change's result, then the server's message */
        result = g_strdup_printf (_("%s: %s"), result_label (change), message);
      else
        result = g_strdup (result_label (change));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (child), mfm_change_get_title (change));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (child), result);
      gtk_widget_set_tooltip_text (child, mfm_journal_entry_get_calls (entry, i));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (child), FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), child);
    }

  undo = gtk_button_new_with_mnemonic (_("_Undo…"));
  /* Translators: %s is a date and time */
  undo_label = g_strdup_printf (_("Undo the save of %s"), when);
  gtk_accessible_update_property (GTK_ACCESSIBLE (undo), GTK_ACCESSIBLE_PROPERTY_LABEL, undo_label, -1);
  gtk_widget_set_tooltip_text (undo, _("Stage the changes that take this save back, for review"));
  gtk_widget_set_valign (undo, GTK_ALIGN_CENTER);
  gtk_widget_set_name (undo, "undo-save");
  /* A change sent without an answer may have been made: it can be taken back too. */
  for (guint i = 0; i < n; i++)
    if (mfm_change_get_status (mfm_change_set_get_change (changes, i)) == MFM_CHANGE_STATUS_UNKNOWN)
      n_saved++;
  gtk_widget_set_sensitive (undo, n_saved > 0);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (undo), "history.undo");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (undo), "u", position);
  adw_expander_row_add_action (ADW_EXPANDER_ROW (row), undo);

  return row;
}

static void
reload (MfmHistoryWindow *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  self->entries = mfm_journal_list (mfm_session_get_server_url (self->session));

  for (guint i = 0; i < self->entries->len; i++)
    gtk_list_box_append (self->list, build_entry_row (self, g_ptr_array_index (self->entries, i), i));

  gtk_stack_set_visible_child_name (self->stack, self->entries->len > 0 ? "list" : "empty");
  adw_window_title_set_subtitle (self->window_title, mfm_session_get_server_url (self->session));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmHistoryWindow *self = MFM_HISTORY_WINDOW (widget);
  guint position = g_variant_get_uint32 (parameter);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  guint n;

  if (position >= self->entries->len)
    return;

  n = mfm_session_stage_undo (self->session, g_ptr_array_index (self->entries, position), &error);
  if (n == 0)
    {
      GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Nothing to Undo"),
                                                  error != NULL ? error->message
                                                                : _("No change of this save reached the server."));

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  if (parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "changes.review", NULL);
  gtk_window_close (GTK_WINDOW (self));
}

static void
mfm_history_window_dispose (GObject *object)
{
  MfmHistoryWindow *self = MFM_HISTORY_WINDOW (object);

  g_clear_object (&self->session);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (mfm_history_window_parent_class)->dispose (object);
}

static void
mfm_history_window_class_init (MfmHistoryWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_history_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfm-history-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmHistoryWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfmHistoryWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MfmHistoryWindow, list);

  gtk_widget_class_install_action (widget_class, "history.undo", "u", undo_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mfm_history_window_init (MfmHistoryWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MfmHistoryWindow *
mfm_history_window_new (GtkWindow  *parent,
                        MfmSession *session)
{
  MfmHistoryWindow *self;

  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  self = g_object_new (MFM_TYPE_HISTORY_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  reload (self);

  return self;
}

guint
mfm_history_window_get_n_entries (MfmHistoryWindow *self)
{
  g_return_val_if_fail (MFM_IS_HISTORY_WINDOW (self), 0);

  return self->entries != NULL ? self->entries->len : 0;
}
