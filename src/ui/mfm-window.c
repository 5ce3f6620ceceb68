/* mfm-window.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-files.h"
#include "mfm-compat-window.h"
#include "mfm-application.h"
#include "mfm-history-window.h"
#include "mfm-drafts.h"
#include "mfm-error.h"
#include "mfm-main-page-private.h"
#include "mfm-relationship-details.h"
#include "mfm-relationships-view.h"
#include "mfm-servers-view.h"
#include "mfm-window.h"
#include "mfm-window-private.h"

#include "mfm-pending-bar.h"


G_DEFINE_FINAL_TYPE (MfmWindow, mfm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_actions (MfmWindow *self)
{
  gboolean connected = self->session != NULL;
  MfmServer *selected = self->servers_view != NULL ?
                        mfm_servers_view_get_selected_server (self->servers_view) : NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.refresh", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.disconnect", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-relationship-for-selection",
                                 connected && selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-failover",
                                 connected && selected != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.manage-server-failover", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-changes", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-changes", connected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.history", connected);
}

/* Focus must not stay in a field of a page going away; focus elsewhere (a menu, a dialog)
 * is left alone. */
static void
move_focus_out_of (MfmWindow *self,
                   GtkWidget *page)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && page != NULL && gtk_widget_is_ancestor (focus, page))
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
}

static void
tell_refresh_failed (MfmWindow  *self,
                     const char *sentence)
{
  g_autofree char *text = NULL;
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  /* Translators: %s is the reason, a sentence */
  text = g_strdup_printf (_("Could not refresh. %s"), sentence);
  escaped = g_markup_escape_text (text, -1);
  toast = adw_toast_new (escaped);
  adw_toast_set_button_label (toast, _("_Retry"));
  adw_toast_set_action_name (toast, "win.refresh");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  self->refresh_failure_told = TRUE;
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  MfmWindow *self = user_data;
  MfmSession *session = MFM_SESSION (object);
  g_autoptr(GError) error = NULL;

  if (!mfm_session_refresh_finish (session, result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Refresh failed: %s", error->message);

      /* Asked again while the server is still away, the error is the same one, so the session
       * has no change to announce; the person still gets an answer. */
      if (self->refresh_asked && !self->refresh_failure_told && session == self->session &&
          mfm_session_get_loaded (session) && mfm_session_get_last_error (session) != NULL)
        tell_refresh_failed (self, mfm_session_get_last_error (session));
    }
  self->refresh_asked = FALSE;

  /* The window was kept alive until the refresh finished. */
  g_object_unref (self);
}

void
_mfm_window_refresh (MfmWindow *self)
{
  if (self->session == NULL)
    return;

  mfm_session_refresh_async (self->session, self->cancellable, refresh_cb, g_object_ref (self));
}

static gboolean
auto_refresh_cb (gpointer user_data)
{
  MfmWindow *self = user_data;

  /* Only while someone looks at it (or it watches in the background, hidden), and never on
   * top of a running refresh. */
  if (self->session != NULL &&
      (gtk_window_is_active (GTK_WINDOW (self)) || !gtk_widget_get_visible (GTK_WIDGET (self))) &&
      !mfm_session_get_loading (self->session))
    _mfm_window_refresh (self);

  return G_SOURCE_CONTINUE;
}

static void
update_auto_refresh (MfmWindow *self)
{
  guint interval = g_settings_get_uint (self->settings, "auto-refresh-interval");

  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);

  if (self->session != NULL && interval > 0)
    self->auto_refresh_id = g_timeout_add_seconds (interval, auto_refresh_cb, self);
}

static void offer_next_draft (MfmWindow *self);

static void
draft_response_cb (MfmWindow        *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  const char *path;
  g_autoptr(GError) error = NULL;
  guint n;

  if (self->session == NULL || self->drafts_to_offer == NULL ||
      self->drafts_to_offer[self->next_draft] == NULL)
    return;

  path = self->drafts_to_offer[self->next_draft++];

  if (g_strcmp0 (response, "restore") == 0)
    {
      n = mfm_session_restore_taken_draft (self->session, path, &error);
      if (error != NULL)
        mfm_window_show_toast (self, _("The saved changes could not be read."));
      else if (n > 0)
        {
          g_autofree char *text = g_strdup_printf (ngettext ("Restored %u pending change",
                                                             "Restored %u pending changes", n), n);
          mfm_window_show_toast (self, text);
        }
    }
  else if (g_strcmp0 (response, "discard") == 0)
    {
      mfm_session_discard_taken_draft (self->session, path);
    }
  /* Anything else (Later, Escape) leaves it aside, to be offered again next time; a change
   * staged now goes to a draft of its own. */

  offer_next_draft (self);
}

/* "• Add relationship “x”" lines, at most a screenful. */
static char *
describe_draft (MfmChangeSet *draft)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = mfm_change_set_get_n_changes (draft);
  const guint max_shown = 8;

  for (guint i = 0; i < n && i < max_shown; i++)
    {
      MfmChange *change = mfm_change_set_get_change (draft, i);

      g_string_append_printf (text, "\n• %s", mfm_change_get_title (change));
      if (mfm_change_get_status (change) == MFM_CHANGE_STATUS_UNKNOWN)
        /* Translators: after a change's title in the list of changes to restore */
        g_string_append_printf (text, " %s", _("(not known whether the server made it)"));
    }
  if (n > max_shown)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, ngettext ("and %u more", "and %u more", n - max_shown), n - max_shown);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
offer_next_draft (MfmWindow *self)
{
  while (self->session != NULL && self->drafts_to_offer != NULL &&
         self->drafts_to_offer[self->next_draft] != NULL)
    {
      const char *path = self->drafts_to_offer[self->next_draft];
      g_autoptr(MfmChangeSet) draft = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *question = NULL;
      g_autofree char *list = NULL;
      AdwMessageDialog *dialog;
      guint n;

      draft = mfm_session_read_draft (self->session, path, &error);
      n = draft != NULL ? mfm_change_set_get_n_changes (draft) : 0;
      if (n == 0)
        {
          if (error != NULL)
            mfm_window_show_toast (self, _("The changes you staged last time could not be read, so they cannot be restored."));
          self->next_draft++;
          continue;
        }

      question = g_strdup_printf (ngettext ("You staged %u change on this server last time and did not save it.",
                                            "You staged %u changes on this server last time and did not save them.",
                                            n),
                                  n);
      list = describe_draft (draft);

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Restore Pending Changes?"),
                                                           NULL));
      adw_message_dialog_format_body (dialog, "%s\n%s\n\n%s", question, list,
                                      _("Later keeps them aside and offers them again the next time you connect."));
      adw_message_dialog_add_responses (dialog,
                                        "discard", _("_Discard"),
                                        "later", _("_Later"),
                                        "restore", _("_Restore"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "restore");
      adw_message_dialog_set_close_response (dialog, "later");
      g_signal_connect_object (dialog, "response", G_CALLBACK (draft_response_cb), self, G_CONNECT_SWAPPED);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
}

static void
offer_draft (MfmWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->draft_offered || self->session == NULL)
    return;
  self->draft_offered = TRUE;

  /* Every draft is kept aside before the question, so nothing staged meanwhile overwrites
   * it; one that cannot be read (cut short, or from another version) is set aside under
   * another name, and the person is told. */
  g_clear_pointer (&self->drafts_to_offer, g_strfreev);
  g_clear_object (&self->changes_file);
  self->drafts_to_offer = mfm_session_take_drafts (self->session, &error);
  self->next_draft = 0;
  if (error != NULL)
    mfm_window_show_toast (self, error->message);

  offer_next_draft (self);
}

static void
update_draft_banner (MfmWindow *self)
{
  const char *reason = self->session != NULL ? mfm_session_get_draft_error (self->session) : NULL;

  if (self->main_page == NULL)
    return;

  /* It stays until a write of the draft works. */
  if (reason != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: %s is the system's reason, e.g. "… No space left on device" */
      text = g_strdup_printf (_("Pending changes cannot be kept as a draft, so they would be lost if Failover Manager closed now. %s"),
                              reason);
      gtk_label_set_label (self->draft_banner_label, text);
    }
  gtk_revealer_set_reveal_child (self->draft_banner, reason != NULL);
}

static void
session_refreshed_cb (MfmWindow  *self,
                      MfmSession *session)
{
  offer_draft (self);
}

static void
session_last_error_cb (MfmWindow  *self,
                       GParamSpec *pspec,
                       MfmSession *session)
{
  const char *sentence = mfm_session_get_last_error (session);

  /* Before the first load the servers view shows the error itself; afterwards the tables keep
   * what they had and a toast says the refresh failed. */
  if (sentence == NULL || !mfm_session_get_loaded (session))
    return;
  /* After a save, session_saved_not_shown_cb says more. */
  if (mfm_session_get_saved_not_shown (session))
    return;

  tell_refresh_failed (self, sentence);
}

static void
clear_incomplete_toast (MfmWindow *self)
{
  /* libadwaita 1.2 can crash when a notification closes right after it appeared. */
  if (self->incomplete_toast != NULL &&
      g_get_monotonic_time () - self->incomplete_shown_us > G_USEC_PER_SEC)
    adw_toast_dismiss (self->incomplete_toast);
  g_clear_object (&self->incomplete_toast);
}

/* Part of the data could not be read: said until the next refresh reads it, with Retry. */
static void
session_incomplete_cb (MfmWindow  *self,
                       GParamSpec *pspec,
                       MfmSession *session)
{
  const char *sentence = mfm_session_get_incomplete (session);
  g_autofree char *escaped = NULL;

  clear_incomplete_toast (self);

  if (sentence == NULL || session != self->session)
    return;

  escaped = g_markup_escape_text (sentence, -1);
  self->incomplete_toast = g_object_ref_sink (adw_toast_new (escaped));
  adw_toast_set_timeout (self->incomplete_toast, 0);
  adw_toast_set_button_label (self->incomplete_toast, _("_Retry"));
  adw_toast_set_action_name (self->incomplete_toast, "win.refresh");
  adw_toast_overlay_add_toast (self->toast_overlay, g_object_ref (self->incomplete_toast));
  self->incomplete_shown_us = g_get_monotonic_time ();
}

/* A user who may only look gets no way to stage what could never be saved; a draft restored
 * can still be reviewed, undone or discarded. */
static void
session_read_only_cb (MfmWindow  *self,
                      GParamSpec *pspec,
                      MfmSession *session)
{
  static const char *const staging[] = {
    "add-relationship", "edit-relationship", "remove-relationship", "manage-scopes",
  };
  gboolean read_only = session != NULL && mfm_session_get_read_only (session);

  if (self->read_only_banner != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->read_only_banner), read_only);

  if (self->changes_actions == NULL || !G_IS_ACTION_MAP (self->changes_actions))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (staging); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self->changes_actions),
                                                    staging[i]);

      if (G_IS_SIMPLE_ACTION (action))
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), !read_only);
    }
}

static void
session_saved_not_shown_cb (MfmWindow  *self,
                            GParamSpec *pspec,
                            MfmSession *session)
{
  g_autofree char *text = NULL;

  if (!mfm_session_get_saved_not_shown (session))
    return;

  /* Translators: %s is the reason, a sentence */
  text = g_strdup_printf (_("The tables do not show the saved changes yet: reading them back failed. %s "
                            "Trying again…"),
                          mfm_session_get_last_error (session));
  mfm_window_show_toast (self, text);
}

static void
servers_view_selection_cb (MfmWindow *self)
{
  update_actions (self);
}

/* The main page is not part of the template: the first frame shows only the connect page, and
 * building and measuring the tables, their columns and the rest was a fifth of the start. It
 * is built after that frame, while the person types, or on the first connection if that comes
 * sooner (the demo, a test). */
static void
ensure_main_page (MfmWindow *self)
{
  MfmMainPage *page;

  g_clear_handle_id (&self->build_main_page_id, g_source_remove);
  if (self->main_page != NULL)
    return;

  page = mfm_main_page_new ();
  self->main_page = page;
  self->connection_title = page->connection_title;
  self->search_bar = page->search_bar;
  self->search_entry = page->search_entry;
  self->view_stack = page->view_stack;
  self->servers_view = page->servers_view;
  self->relationships_view = page->relationships_view;
  self->bottom_box = page->bottom_box;
  self->draft_banner = page->draft_banner;
  self->draft_banner_label = page->draft_banner_label;
  self->read_only_banner = page->read_only_banner;

  g_object_bind_property (self, "session", page, "session", G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->servers_view, "notify::selected-server",
                           G_CALLBACK (servers_view_selection_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_stack_add_named (self->stack, GTK_WIDGET (page), "main");

  update_draft_banner (self);
  session_read_only_cb (self, NULL, self->session);
  update_actions (self);
}

static gboolean
build_main_page_cb (gpointer user_data)
{
  MfmWindow *self = user_data;

  self->build_main_page_id = 0;
  ensure_main_page (self);

  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (GdkFrameClock *clock,
                MfmWindow     *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);

  /* Below the priority of input and drawing: a key typed meanwhile comes first. */
  if (self->main_page == NULL && self->build_main_page_id == 0)
    self->build_main_page_id = g_idle_add_full (G_PRIORITY_LOW, build_main_page_cb, self, NULL);
}

static void
window_map_cb (MfmWindow *self)
{
  g_signal_handlers_disconnect_by_func (self, window_map_cb, NULL);
  if (self->main_page == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (first_frame_cb), self, 0);
}

static void
connect_page_connected_cb (MfmWindow      *self,
                           MfmSession     *session,
                           MfmConnectPage *page)
{
  mfm_window_set_session (self, session);
}

gboolean
_mfm_window_has_pending_changes (MfmWindow *self)
{
  return self->session != NULL &&
         mfm_change_set_get_n_changes (mfm_session_get_changes (self->session)) > 0;
}

static gboolean
close_when_idle_cb (gpointer user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
close_response_cb (MfmWindow        *self,
                   const char       *response,
                   AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "review") == 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "changes.review", NULL);
      return;
    }

  if (g_strcmp0 (response, "discard") == 0)
    {
      /* Nothing kept: the draft goes too. */
      mfm_change_set_clear (mfm_session_get_changes (self->session));
      mfm_drafts_delete (mfm_session_get_server_url (self->session),
                         mfm_session_get_user (self->session));
    }
  else if (g_strcmp0 (response, "keep") != 0)
    return;

  /* The draft is already on disk, so keeping needs nothing more. Close once the dialog is
   * gone: it is transient for this window. */
  self->close_confirmed = TRUE;
  g_idle_add_full (G_PRIORITY_DEFAULT, close_when_idle_cb, g_object_ref (self), g_object_unref);
}

static void
ask_about_pending_changes (MfmWindow *self)
{
  AdwMessageDialog *dialog;
  guint n = mfm_change_set_get_n_changes (mfm_session_get_changes (self->session));
  gboolean kept;

  /* Said only when true: the draft is written once more now, in case the disk has room again. */
  kept = mfm_session_save_draft (self->session);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       /* It offers no Save: the heading does not ask for one. */
                                                       _("Keep Pending Changes as a Draft?"),
                                                       NULL));
  if (kept)
    {
      adw_message_dialog_format_body (dialog,
                                      ngettext ("%u change is staged but not saved to Micetro. Kept as a draft, it is offered again the next time you connect.",
                                                "%u changes are staged but not saved to Micetro. Kept as a draft, they are offered again the next time you connect.",
                                                n),
                                      n);
      adw_message_dialog_add_responses (dialog,
                                        "discard", _("_Discard"),
                                        "review", _("_Review…"),
                                        "keep", _("_Keep as Draft"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "keep", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "keep");
    }
  else
    {
      g_autofree char *staged = NULL;

      staged = g_strdup_printf (ngettext ("%u change is staged but not saved to Micetro, and it cannot be kept as a draft, so closing now loses it.",
                                          "%u changes are staged but not saved to Micetro, and they cannot be kept as a draft, so closing now loses them.",
                                          n),
                                n);
      adw_message_dialog_format_body (dialog, "%s\n\n%s", staged,
                                      mfm_session_get_draft_error (self->session));
      adw_message_dialog_add_responses (dialog,
                                        "discard", _("_Close and Lose Them"),
                                        "cancel", _("_Cancel"),
                                        "review", _("_Review…"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "review", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "cancel");
    }
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_window_state (MfmWindow *self)
{
  int width, height;
  gboolean maximized = gtk_window_is_maximized (GTK_WINDOW (self));

  g_settings_set_boolean (self->settings, "window-maximized", maximized);
  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

/* With "watch-in-background", closing the connected window only hides it: the session goes
 * on refreshing at the auto-refresh interval and tells changes of state by notification.
 * Quit really ends it. */
static gboolean
watches_in_background (MfmWindow *self)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  return self->session != NULL &&
         MFM_IS_APPLICATION (application) &&
         !mfm_application_get_quitting (MFM_APPLICATION (application)) &&
         g_settings_get_boolean (self->settings, "watch-in-background");
}

static void
session_state_changed_cb (MfmWindow  *self,
                          const char *name,
                          const char *from,
                          const char *to,
                          MfmSession *session)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (MFM_IS_APPLICATION (application))
    mfm_application_notify_state_change (MFM_APPLICATION (application), session, name, from, to);
}

static gboolean
mfm_window_close_request (GtkWindow *window)
{
  MfmWindow *self = MFM_WINDOW (window);

  /* Nothing is lost while it watches: the staged changes stay with the hidden window. */
  if (watches_in_background (self))
    {
      save_window_state (self);
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return TRUE;
    }

  if (!self->close_confirmed && _mfm_window_has_pending_changes (self))
    {
      ask_about_pending_changes (self);
      return TRUE;
    }

  save_window_state (self);

  if (self->session != NULL)
    mfm_session_logout (self->session);

  return GTK_WINDOW_CLASS (mfm_window_parent_class)->close_request (window);
}

/* The connect page's main menu is made when it first opens, not for the first frame. */
static void
create_connect_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  MfmWindow *self = user_data;

  gtk_menu_button_set_menu_model (button, self->connect_menu);
}

/* A new window takes the keyboard in the connect form's first empty field, so that a person can
 * type at once. Given before GtkWindow's own show, which otherwise focuses the first focusable
 * widget (the header bar's menu button) when nothing has the focus; a focus a caller gave
 * before is left alone. */
static void
mfm_window_show (GtkWidget *widget)
{
  MfmWindow *self = MFM_WINDOW (widget);

  if (gtk_root_get_focus (GTK_ROOT (self)) == NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "connect") == 0 &&
      !mfm_connect_page_get_busy (self->connect_page))
    mfm_connect_page_focus_form (self->connect_page);

  GTK_WIDGET_CLASS (mfm_window_parent_class)->show (widget);
}

static void
mfm_window_constructed (GObject *object)
{
  MfmWindow *self = MFM_WINDOW (object);

  G_OBJECT_CLASS (mfm_window_parent_class)->constructed (object);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
mfm_window_dispose (GObject *object)
{
  MfmWindow *self = (MfmWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->auto_refresh_id, g_source_remove);
  g_clear_handle_id (&self->build_main_page_id, g_source_remove);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_clear_object (&self->session);
  g_clear_object (&self->changes_actions);
  g_clear_object (&self->incomplete_toast);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->drafts_to_offer, g_strfreev);

  G_OBJECT_CLASS (mfm_window_parent_class)->dispose (object);
}

static void
mfm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MfmWindow *self = MFM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MfmWindow *self = MFM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mfm_window_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
open_waiting_changes_file (MfmWindow *self)
{
  g_autoptr(GFile) file = NULL;

  if (self->changes_file == NULL || self->session == NULL || !mfm_session_get_loaded (self->session))
    return;

  file = g_steal_pointer (&self->changes_file);
  mfm_change_files_open (GTK_WINDOW (self), self->session, file);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         MfmWindow     *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;

  files = g_value_get_boxed (value);
  if (files == NULL)
    return FALSE;

  mfm_window_open_changes_file (self, files->data);
  return TRUE;
}

static void
mfm_window_class_init (MfmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = mfm_window_constructed;
  object_class->dispose = mfm_window_dispose;
  object_class->get_property = mfm_window_get_property;
  object_class->set_property = mfm_window_set_property;

  widget_class->show = mfm_window_show;
  window_class->close_request = mfm_window_close_request;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_CONNECT_PAGE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MfmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, MfmWindow, connect_page);
  gtk_widget_class_bind_template_child (widget_class, MfmWindow, connect_menu_button);
  gtk_widget_class_bind_template_child (widget_class, MfmWindow, connect_menu);
  gtk_widget_class_bind_template_callback (widget_class, connect_page_connected_cb);

  _mfm_window_class_actions_init (klass);
}

static void
mfm_window_init (MfmWindow *self)
{
  self->settings = g_settings_new (APP_BASE_ID);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");

  gtk_menu_button_set_create_popup_func (self->connect_menu_button, create_connect_menu_cb,
                                         self, NULL);

  g_signal_connect_object (self->settings, "changed::auto-refresh-interval",
                           G_CALLBACK (update_auto_refresh), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "map", G_CALLBACK (window_map_cb), NULL);

  /* A change file dropped on the window opens for review. */
  {
    GtkDropTarget *target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

    g_signal_connect (target, "drop", G_CALLBACK (drop_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (target));
  }

  update_actions (self);
}

MfmWindow *
mfm_window_new (AdwApplication *application)
{
  return g_object_new (MFM_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/**
 * mfm_window_get_connect_page:
 *
 * Returns: (transfer none): the connect page
 */
MfmConnectPage *
mfm_window_get_connect_page (MfmWindow *self)
{
  g_return_val_if_fail (MFM_IS_WINDOW (self), NULL);

  return self->connect_page;
}

/**
 * mfm_window_get_session:
 *
 * Returns: (transfer none) (nullable): the session shown
 */
MfmSession *
mfm_window_get_session (MfmWindow *self)
{
  g_return_val_if_fail (MFM_IS_WINDOW (self), NULL);

  return self->session;
}

void
mfm_window_set_session (MfmWindow  *self,
                        MfmSession *session)
{
  g_autofree char *title = NULL;
  const char *server_title;

  g_return_if_fail (MFM_IS_WINDOW (self));
  g_return_if_fail (!session || MFM_IS_SESSION (session));

  if (self->session == session)
    return;

  if (session != NULL)
    ensure_main_page (self);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  if (self->pending_bar != NULL)
    {
      gtk_box_remove (self->bottom_box, self->pending_bar);
      self->pending_bar = NULL;
    }

  g_set_object (&self->session, session);
  g_clear_object (&self->changes_actions);
  clear_incomplete_toast (self);
  self->draft_offered = FALSE;
  g_clear_pointer (&self->drafts_to_offer, g_strfreev);
  self->next_draft = 0;
  self->close_confirmed = FALSE;
  if (self->main_page != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_search_bar_set_search_mode (self->search_bar, FALSE);
      /* Typing starts a search in the tables, never while the connect form is shown. */
      gtk_search_bar_set_key_capture_widget (self->search_bar, session != NULL ? GTK_WIDGET (self) : NULL);
    }

  if (session != NULL)
    {
      GActionGroup *group = _mfm_window_changes_actions_new (GTK_WINDOW (self), session);

      gtk_widget_insert_action_group (GTK_WIDGET (self), "changes", group);
      self->changes_actions = group;
      self->pending_bar = GTK_WIDGET (mfm_pending_bar_new (session));
      gtk_box_append (self->bottom_box, self->pending_bar);
    }
  else
    {
      gtk_widget_insert_action_group (GTK_WIDGET (self), "changes", NULL);
    }

  if (session != NULL)
    {
      g_signal_connect_object (session, "refreshed",
                               G_CALLBACK (session_refreshed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "refreshed",
                               G_CALLBACK (open_waiting_changes_file), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::last-error",
                               G_CALLBACK (session_last_error_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::draft-error",
                               G_CALLBACK (update_draft_banner), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::read-only",
                               G_CALLBACK (session_read_only_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::incomplete",
                               G_CALLBACK (session_incomplete_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::saved-not-shown",
                               G_CALLBACK (session_saved_not_shown_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "state-changed",
                               G_CALLBACK (session_state_changed_cb), self,
                               G_CONNECT_SWAPPED);

      /* The demo's loopback URL has a random port that tells the user nothing. */
      if (mfm_connect_page_get_is_demo (self->connect_page))
        server_title = _("Demo");
      else
        server_title = mfm_session_get_server_url (session);
      adw_window_title_set_title (self->connection_title, server_title);
      adw_window_title_set_subtitle (self->connection_title, mfm_session_get_user (session));
      /* Translators: the window title while connected: "server — user" */
      title = g_strdup_printf (_("%s — %s"),
                               server_title,
                               mfm_session_get_user (session));
      gtk_window_set_title (GTK_WINDOW (self), title);
      adw_view_stack_set_visible_child_name (self->view_stack, "servers");
      move_focus_out_of (self, GTK_WIDGET (self->connect_page));
      gtk_stack_set_visible_child_name (self->stack, "main");
      if (gtk_root_get_focus (GTK_ROOT (self)) == NULL)
        gtk_widget_grab_focus (GTK_WIDGET (self->servers_view));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Failover Manager"));
      move_focus_out_of (self, gtk_stack_get_child_by_name (self->stack, "main"));
      gtk_stack_set_visible_child_name (self->stack, "connect");
    }

  session_read_only_cb (self, NULL, session);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);

  update_draft_banner (self);
  update_actions (self);
  update_auto_refresh (self);

  if (session != NULL)
    _mfm_window_refresh (self);
}

void
mfm_window_disconnect (MfmWindow *self)
{
  g_return_if_fail (MFM_IS_WINDOW (self));

  if (self->session == NULL)
    return;

  /* Best effort: the session is gone for us either way. */
  mfm_session_logout (self->session);
  mfm_window_set_session (self, NULL);
  mfm_connect_page_reset (self->connect_page);
}

void
mfm_window_show_toast (MfmWindow  *self,
                       const char *text)
{
  g_autofree char *escaped = NULL;

  g_return_if_fail (MFM_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  /* Toast titles are markup. */
  escaped = g_markup_escape_text (text, -1);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

const char *
mfm_window_get_page_name (MfmWindow *self)
{
  g_return_val_if_fail (MFM_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * mfm_window_open_changes_file:
 *
 * Opens a change file for review: at once when the server has been read, else after the
 * first refresh of the next connection.
 */
void
mfm_window_open_changes_file (MfmWindow *self,
                              GFile     *file)
{
  g_return_if_fail (MFM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  g_set_object (&self->changes_file, file);
  if (self->session != NULL && mfm_session_get_loaded (self->session))
    open_waiting_changes_file (self);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Connect to the server the changes in “%s” were planned for to review them."),
                                               name);

      mfm_window_show_toast (self, text);
    }
}
