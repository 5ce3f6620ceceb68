/* mfm-review-window.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-review-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-card.h"
#include "mfm-error.h"
#include "mfm-review-window.h"

struct _MfmReviewWindow
{
  AdwWindow       parent_instance;

  /* Owned References */
  MfmSession     *session;
  MfmChangeSet   *changes;
  GCancellable   *save_cancellable;
  GCancellable   *load_cancellable;
  GHashTable     *loaded_servers;    /* server refs whose scopes were read */
  GHashTable     *unread_servers;    /* server ref → why its scopes could not be read */

  gulong          progress_handler;
  guint           refresh_source;
  gboolean        saving;

  /* Template Widgets */
  AdwWindowTitle *window_title;
  GtkButton      *undo_button;
  GtkButton      *redo_button;
  GtkButton      *save_button;
  GtkRevealer    *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_save_button;
  GtkBox         *result_box;
  GtkImage       *result_icon;
  GtkLabel       *result_label;
  AdwEntryRow    *comment_row;
  GtkBox         *changes_box;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (MfmReviewWindow, mfm_review_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_refresh (MfmReviewWindow *self);

/* Undo and Redo work here too (this window is not inside the main window's action tree), but
 * not while saving: the change set must not change under the save. */
static void
update_undo_redo (MfmReviewWindow *self)
{
  gboolean idle = !self->saving && self->changes != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.undo",
                                 idle && mfm_change_set_can_undo (self->changes));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "changes.redo",
                                 idle && mfm_change_set_can_redo (self->changes));
}

static void
set_saving (MfmReviewWindow *self,
            gboolean         saving)
{
  if (self->saving == saving)
    return;

  self->saving = saving;
  gtk_revealer_set_reveal_child (self->progress_revealer, saving);

  /* The keyboard leaves the comment before it turns insensitive (GTK 4.8 would take the focus
   * without telling the text, which then warns): onto Cancel, which stops the save. */
  if (saving)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->comment_row)) &&
          !gtk_widget_grab_focus (GTK_WIDGET (self->cancel_save_button)))
        gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_row), !saving);

  /* The change set must not change under the save: no undo here, and modal so the main
   * window's Undo and Discard wait too. */
  update_undo_redo (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.drop", !saving);
  gtk_window_set_modal (GTK_WINDOW (self), saving);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
show_result (MfmReviewWindow *self,
             const char      *text,
             gboolean         success)
{
  gtk_label_set_label (self->result_label, text);
  gtk_image_set_from_icon_name (self->result_icon,
                                success ? "object-select-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), success ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), success ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), text != NULL);
}

static guint
count_base_moved (MfmChangeSet *changes)
{
  guint n = mfm_change_set_get_n_changes (changes);
  guint moved = 0;

  for (guint i = 0; i < n; i++)
    if (mfm_change_get_base_moved (mfm_change_set_get_change (changes, i)))
      moved++;

  return moved;
}

/* The title's count, the empty page and whether Save may be pressed. */
static void
update_summary (MfmReviewWindow *self)
{
  guint n_changes = mfm_change_set_get_n_changes (self->changes);
  g_autofree char *subtitle = NULL;

  subtitle = g_strdup_printf (ngettext ("%u pending change", "%u pending changes", n_changes), n_changes);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), n_changes == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            n_changes > 0 && !self->saving && count_base_moved (self->changes) == 0);
}

static GtkWidget *
nth_card (MfmReviewWindow *self,
          guint            position)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_box));

  for (guint i = 0; child != NULL && i < position; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}

/* The change set's list model, bound to a card per change. A box rather than a GtkListBox:
 * a card is no row to select or to stop on, only what it holds is. */
static void
changes_items_changed_cb (MfmReviewWindow *self,
                          guint            position,
                          guint            removed,
                          guint            added,
                          GListModel      *model)
{
  GtkWidget *before = position > 0 ? nth_card (self, position - 1) : NULL;
  GtkWidget *card = nth_card (self, position);
  guint i;

  for (i = 0; i < removed && card != NULL; i++)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (card);

      g_signal_handlers_disconnect_by_func (mfm_change_card_get_change (MFM_CHANGE_CARD (card)),
                                            update_summary, self);
      gtk_box_remove (self->changes_box, card);
      card = next;
    }

  for (i = 0; i < added; i++)
    {
      g_autoptr(MfmChange) change = g_list_model_get_item (model, position + i);
      MfmChangeCard *new_card = mfm_change_card_new (self->session, change, self->unread_servers);

      mfm_change_card_set_position (new_card, position + i);
      g_object_bind_property (self->comment_row, "text", new_card, "comment", G_BINDING_SYNC_CREATE);
      /* A change whose server values moved keeps Save insensitive until it is accepted. */
      g_signal_connect_object (change, "notify::base-moved", G_CALLBACK (update_summary), self,
                               G_CONNECT_SWAPPED);
      gtk_box_insert_child_after (self->changes_box, GTK_WIDGET (new_card), before);
      before = GTK_WIDGET (new_card);
    }

  /* The cards after the change renumber themselves. */
  i = position + added;
  for (card = before != NULL ? gtk_widget_get_next_sibling (before) : nth_card (self, position);
       card != NULL;
       card = gtk_widget_get_next_sibling (card))
    mfm_change_card_set_position (MFM_CHANGE_CARD (card), i++);
}

/* What a card shows of the inventory (scope names, the effect on each server, findings). */
static void
refresh_cards (MfmReviewWindow *self)
{
  for (GtkWidget *card = gtk_widget_get_first_child (GTK_WIDGET (self->changes_box));
       card != NULL;
       card = gtk_widget_get_next_sibling (card))
    mfm_change_card_refresh (MFM_CHANGE_CARD (card));

  update_summary (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  MfmReviewWindow *self = user_data;

  self->refresh_source = 0;
  refresh_cards (self);

  return G_SOURCE_REMOVE;
}

/* Scopes arrive in bursts, one server after another; read them again once per main-loop turn. */
static void
schedule_refresh (MfmReviewWindow *self)
{
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add (refresh_idle_cb, self);
}

static void
load_scopes_for (MfmReviewWindow *self,
                 const char      *server_ref);

static void
load_missing_scopes (MfmReviewWindow *self)
{
  guint n_changes = mfm_change_set_get_n_changes (self->changes);

  /* Impacts on scopes need the servers' scopes, which a refresh does not read. */
  for (guint i = 0; i < n_changes; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);
      MfmRelationship *relationship = mfm_change_get_relationship (change);

      if (mfm_change_get_kind (change) == MFM_CHANGE_ADD || relationship == NULL)
        continue;

      load_scopes_for (self, mfm_relationship_get_primary_server_ref (relationship));
      load_scopes_for (self, mfm_relationship_get_secondary_server_ref (relationship));
    }
}

static void
inventory_scopes_changed_cb (MfmReviewWindow *self)
{
  if (!self->saving)
    schedule_refresh (self);
}

typedef struct
{
  MfmReviewWindow *self;
  char            *server_ref;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_weak_pointer (&data->self);
  g_free (data->server_ref);
  g_free (data);
}

static void
load_scopes_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GError) error = NULL;

  scopes = mfm_session_load_scopes_finish (MFM_SESSION (object), result, &error);

  if (scopes != NULL && data->self != NULL)
    {
      g_hash_table_remove (data->self->unread_servers, data->server_ref);
      mfm_inventory_replace_scopes_for_server (mfm_session_get_inventory (data->self->session),
                                               data->server_ref, scopes);
    }
  else if (error != NULL && data->self != NULL &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Could not read the scopes of %s: %s", data->server_ref, error->message);
      /* Tried again with the next change to the list; meanwhile the preview says so. */
      g_hash_table_remove (data->self->loaded_servers, data->server_ref);
      g_hash_table_insert (data->self->unread_servers, g_strdup (data->server_ref),
                           g_strdup (mfm_error_get_sentence (error)));
      schedule_refresh (data->self);
    }

  load_data_free (data);
}

static void
load_scopes_for (MfmReviewWindow *self,
                 const char      *server_ref)
{
  LoadData *data;

  if (server_ref == NULL || g_hash_table_contains (self->loaded_servers, server_ref))
    return;

  g_hash_table_add (self->loaded_servers, g_strdup (server_ref));

  data = g_new0 (LoadData, 1);
  g_set_weak_pointer (&data->self, self);
  data->server_ref = g_strdup (server_ref);
  mfm_session_load_scopes_async (self->session, server_ref, self->load_cancellable,
                                 load_scopes_done_cb, data);
}

static void
changes_changed_cb (MfmReviewWindow *self)
{
  if (!self->saving)
    load_missing_scopes (self);

  update_summary (self);
  schedule_refresh (self);
}

static void
progress_cb (MfmSession      *session,
             guint            done,
             guint            total,
             MfmReviewWindow *self)
{
  g_autofree char *text = NULL;

  if (total == 0)
    return;

  /* "Saving 2 of 3…" while the second one is on its way. */
  text = g_strdup_printf (_("Saving %u of %u…"), MIN (done + 1, total), total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
}

static guint
count_with_status (MfmReviewWindow *self,
                   MfmChangeStatus  status,
                   MfmChange      **first)
{
  guint n_changes = mfm_change_set_get_n_changes (self->changes);
  guint count = 0;

  for (guint i = 0; i < n_changes; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);

      if (mfm_change_get_status (change) == status)
        {
          if (count == 0 && first != NULL)
            *first = change;
          count++;
        }
    }

  return count;
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfmReviewWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MfmChange *failed = NULL;
  GtkWindow *parent;
  gboolean ok;
  guint n_saved;

  ok = mfm_session_save_finish (MFM_SESSION (object), result, &error);
  mfm_session_journal_end (self->session);

  g_clear_signal_handler (&self->progress_handler, object);
  g_clear_object (&self->save_cancellable);

  n_saved = count_with_status (self, MFM_CHANGE_STATUS_APPLIED, NULL);
  /* The change the save stopped at: refused or not reached, or sent without an answer. */
  if (count_with_status (self, MFM_CHANGE_STATUS_FAILED, &failed) == 0)
    count_with_status (self, MFM_CHANGE_STATUS_UNKNOWN, &failed);

  /* Only what the server took leaves the list; the failed change and the rest stay staged. */
  mfm_change_set_remove_applied (self->changes);
  set_saving (self, FALSE);
  if (n_saved > 0)
    mfm_session_refresh_after_save (self->session);
  else
    mfm_session_refresh_async (self->session, NULL, NULL, NULL);

  if (ok)
    {
      text = g_strdup_printf (ngettext ("Saved %u change", "Saved %u changes", n_saved), n_saved);
      parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      /* The main window shows it as a toast; without one the message stays here. */
      if (parent != NULL &&
          gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-toast", "s", text))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }

      show_result (self, text, TRUE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      text = g_strdup_printf (ngettext ("Saving was stopped after %u change. The others are still staged.",
                                        "Saving was stopped after %u changes. The others are still staged.",
                                        n_saved),
                              n_saved);
      show_result (self, text, FALSE);
    }
  else
    {
      g_autofree char *saved = NULL;
      const char *message = failed != NULL && mfm_change_get_error_message (failed) != NULL
                            ? mfm_change_get_error_message (failed)
                            : mfm_error_get_sentence (error);

      if (n_saved == 0)
        saved = g_strdup (_("No change was saved."));
      else
        saved = g_strdup_printf (ngettext ("%u change was saved.", "%u changes were saved.", n_saved),
                                 n_saved);

      if (mfm_error_is_refusal (error))
        /* Translators: the first %u is the change's position in the save order, the %s the
         * server's message, then a sentence saying how many changes were saved. */
        text = g_strdup_printf (_("Change %u was refused: %s\n%s The refused change and the ones after it are still staged."),
                                n_saved + 1, message, saved);
      else if (failed != NULL && mfm_change_get_status (failed) == MFM_CHANGE_STATUS_UNKNOWN)
        /* Translators: the first %u is the change's position in the save order, the %s says
         * why (e.g. "The server did not answer in time."), then a sentence saying how many
         * changes were saved. */
        {
          /* Translators: the %u is the change's position in the save order, the %s says
           * why (e.g. "The server did not answer in time.") */
          g_autofree char *first = g_strdup_printf (_("Change %u may or may not have been saved: %s"),
                                                    n_saved + 1, message);

          /* "No change was saved" would not be true: this one may have been. */
          text = g_strdup_printf ("%s\n%s%s%s", first,
                                  n_saved > 0 ? saved : "", n_saved > 0 ? " " : "",
                                  _("No answer came back, so the next save reads the server back first and leaves this change out if the server has it already. It and the changes after it are still staged."));
        }
      else
        /* Translators: the first %u is the change's position in the save order, the %s says
         * why (e.g. "The server could not be reached."), then a sentence saying how many
         * changes were saved. */
        text = g_strdup_printf (_("Change %u could not be saved: %s\n%s It and the changes after it are still staged."),
                                n_saved + 1, message, saved);

      show_result (self, text, FALSE);
    }

  refresh_cards (self);
}

static void
save_clicked_cb (MfmReviewWindow *self)
{
  guint n_changes = mfm_change_set_get_n_changes (self->changes);
  g_autoptr(GError) journal_error = NULL;
  g_autofree char *text = NULL;
  const char *comment;

  if (self->saving || n_changes == 0 || count_base_moved (self->changes) > 0)
    return;

  /* A change that failed last time is tried again. */
  for (guint i = 0; i < n_changes; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);

      if (mfm_change_get_status (change) == MFM_CHANGE_STATUS_FAILED)
        {
          mfm_change_set_error_message (change, NULL);
          mfm_change_set_status (change, MFM_CHANGE_STATUS_PENDING);
        }
    }

  /* The journal says what is about to be sent before anything is; no record, no save. */
  comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  if (!mfm_session_journal_begin (self->session, (comment != NULL && *comment != '\0') ? comment : NULL,
                                  &journal_error))
    {
      show_result (self, journal_error->message, FALSE);
      return;
    }

  show_result (self, NULL, TRUE);
  set_saving (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);

  text = g_strdup_printf (_("Saving %u of %u…"), 1, n_changes);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);

  self->save_cancellable = g_cancellable_new ();
  self->progress_handler = g_signal_connect_object (self->session, "save-progress",
                                                    G_CALLBACK (progress_cb), self, 0);

  comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  mfm_session_save_async (self->session,
                          (comment != NULL && *comment != '\0') ? comment : NULL,
                          self->save_cancellable,
                          apply_cb,
                          g_object_ref (self));
}

/* The application's Ctrl+S ("changes.review") only brings this window to the front: saving
 * stays a deliberate click or its own Ctrl+S. */
static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (widget));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (widget);

  if (!self->saving)
    mfm_change_set_undo (self->changes);
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (widget);

  if (!self->saving)
    mfm_change_set_redo (self->changes);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_clicked_cb (MFM_REVIEW_WINDOW (widget));
}

static void
drop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (widget);

  if (self->saving)
    return;

  mfm_change_set_remove_at (self->changes, g_variant_get_uint32 (parameter));
}

static void
accept_base_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (self->saving || position >= mfm_change_set_get_n_changes (self->changes))
    return;

  mfm_change_accept_base (mfm_change_set_get_change (self->changes, position));
  mfm_session_save_draft (self->session);
}

static void
cancel_save_clicked_cb (MfmReviewWindow *self)
{
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);
}

static gboolean
mfm_review_window_close_request (GtkWindow *window)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (window);

  /* Closing stops after the change on its way; the callback still tidies the change set. */
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);

  return GTK_WINDOW_CLASS (mfm_review_window_parent_class)->close_request (window);
}

static void
mfm_review_window_dispose (GObject *object)
{
  MfmReviewWindow *self = (MfmReviewWindow *)object;

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (mfm_inventory_get_scopes (mfm_session_get_inventory (self->session)),
                                          self);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->loaded_servers, g_hash_table_unref);
  g_clear_pointer (&self->unread_servers, g_hash_table_unref);
  g_clear_object (&self->changes);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_review_window_parent_class)->dispose (object);
}

static void
mfm_review_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_review_window_class_init (MfmReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mfm_review_window_dispose;
  object_class->get_property = mfm_review_window_get_property;
  window_class->close_request = mfm_review_window_close_request;

  /**
   * MfmReviewWindow:saving:
   *
   * %TRUE while a save runs: the change set must not change under it.
   */
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, cancel_save_button);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, result_box);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, comment_row);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, changes_box);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* Ctrl+S saves here as in the main window; Enter in the comment does too. */
  gtk_widget_class_install_action (widget_class, "review.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "changes.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "changes.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "changes.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "review.drop", "u", drop_action);
  gtk_widget_class_install_action (widget_class, "review.accept-base", "u", accept_base_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "review.save", NULL);
}

static void
mfm_review_window_init (MfmReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->loaded_servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unread_servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_signal_connect_swapped (self->comment_row, "entry-activated", G_CALLBACK (save_clicked_cb), self);
  self->load_cancellable = g_cancellable_new ();
}

MfmReviewWindow *
mfm_review_window_new (GtkWindow  *parent,
                       MfmSession *session)
{
  MfmReviewWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  self = g_object_new (MFM_TYPE_REVIEW_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->changes = g_object_ref (mfm_session_get_changes (session));

  /* Undo and Redo work here too: this window is not inside the main window's action tree. */
  g_signal_connect_swapped (self->changes, "notify::can-undo", G_CALLBACK (update_undo_redo), self);
  g_signal_connect_swapped (self->changes, "notify::can-redo", G_CALLBACK (update_undo_redo), self);
  update_undo_redo (self);

  g_signal_connect_swapped (self->changes, "items-changed", G_CALLBACK (changes_items_changed_cb), self);
  g_signal_connect_swapped (self->changes, "changed", G_CALLBACK (changes_changed_cb), self);
  g_signal_connect_swapped (mfm_inventory_get_scopes (mfm_session_get_inventory (session)),
                            "items-changed", G_CALLBACK (inventory_scopes_changed_cb), self);

  load_missing_scopes (self);
  changes_items_changed_cb (self, 0, 0, g_list_model_get_n_items (G_LIST_MODEL (self->changes)),
                            G_LIST_MODEL (self->changes));
  update_summary (self);

  /* The keyboard starts in the comment, never on Undo (where Enter would undo a change). */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->comment_row));

  return self;
}

gboolean
mfm_review_window_get_saving (MfmReviewWindow *self)
{
  g_return_val_if_fail (MFM_IS_REVIEW_WINDOW (self), FALSE);

  return self->saving;
}
