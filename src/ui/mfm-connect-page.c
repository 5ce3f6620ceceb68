/* mfm-connect-page.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-connect-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-certificate-view.h"
#include "mfm-connect-page.h"
#include "mfm-connection.h"
#include "mfm-credentials.h"
#include "mfm-demo.h"
#include "mfm-error.h"

struct _MfmConnectPage
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkBox              *error_box;
  GtkLabel            *error_label;
  GtkLabel            *error_detail_label;
  GtkButton           *retry_button;
  AdwPreferencesGroup *form_group;
  AdwEntryRow         *server_row;
  AdwEntryRow         *user_row;
  AdwEntryRow         *password_row;
  GtkSwitch           *remember_switch;
  GtkBox              *url_hint_box;
  GtkImage            *url_hint_icon;
  GtkLabel            *url_hint_label;
  AdwExpanderRow      *advanced_row;
  /* The rows under Advanced: built after the window's first frame (ensure_advanced_rows()) */
  AdwEntryRow         *central_row;
  GtkSpinButton       *timeout_spin;
  guint                advanced_id;
  GtkButton           *connect_button;
  GtkBox              *busy_box;
  GtkSpinner          *spinner;
  GtkButton           *cancel_button;
  GtkButton           *demo_button;
  AdwPreferencesGroup *recent_group;
  GtkListBox          *recent_list;

  /* Built on the first untrusted certificate, not for the first frame; the page's box owns it */
  MfmCertificateView  *certificate_view;

  /* The field that had the keyboard when a connection started (weak), given it back after */
  GtkWidget           *focus_before_busy;

  /* Owned */
  MfmConnection       *connection;
  GCancellable        *cancellable;
  GCancellable        *lookup_cancellable;
  MfmDemo             *demo;
  char                *error_text;
  char                *url;
  char                *user;
  /* What the form held before the demo filled in its own server, given back afterwards. */
  char                *typed_server;
  char                *typed_user;
  guint                lookup_id;
  gboolean             busy;
  /* A login is prepared and waits for the answer about sending the password in clear text. */
  gboolean             pending;
  /* The demo's password is not worth a keyring entry. */
  gboolean             is_demo;
  /* The password was filled in from the keyring. */
  gboolean             password_from_keyring;
};

G_DEFINE_FINAL_TYPE (MfmConnectPage, mfm_connect_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_BUSY,
  N_PROPS
};

enum {
  CONNECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static char *
get_stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void entry_activated_cb (MfmConnectPage *self);

/* The rows under Advanced are hidden until it is expanded: they are built after the window's
 * first frame, or at once when something needs them first. */
static void
ensure_advanced_rows (MfmConnectPage *self)
{
  g_autoptr(GtkBuilder) builder = NULL;
  g_autofree char *central = NULL;

  if (self->central_row != NULL)
    return;

  g_clear_handle_id (&self->advanced_id, g_source_remove);

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/mfm-connect-advanced.ui");
  self->central_row = ADW_ENTRY_ROW (gtk_builder_get_object (builder, "central_row"));
  self->timeout_spin = GTK_SPIN_BUTTON (gtk_builder_get_object (builder, "timeout_spin"));
  g_signal_connect_object (self->central_row, "entry-activated",
                           G_CALLBACK (entry_activated_cb), self,
                           G_CONNECT_SWAPPED);

  central = mfm_connection_dup_central_server (self->connection);
  gtk_editable_set_text (GTK_EDITABLE (self->central_row), central);
  gtk_spin_button_set_value (self->timeout_spin, mfm_connection_get_timeout (self->connection));

  adw_expander_row_add_row (self->advanced_row, GTK_WIDGET (self->central_row));
  adw_expander_row_add_row (self->advanced_row, GTK_WIDGET (gtk_builder_get_object (builder, "timeout_row")));
}

static gboolean
build_advanced_rows_cb (gpointer user_data)
{
  MfmConnectPage *self = user_data;

  self->advanced_id = 0;
  ensure_advanced_rows (self);

  return G_SOURCE_REMOVE;
}

static void
first_frame_cb (GdkFrameClock  *clock,
                MfmConnectPage *self)
{
  g_signal_handlers_disconnect_by_func (clock, first_frame_cb, self);

  /* Below the priority of input and drawing: a key typed meanwhile comes first. Not once the
   * page is being disposed (its connection is gone then). */
  if (self->central_row == NULL && self->advanced_id == 0 && self->connection != NULL)
    self->advanced_id = g_idle_add_full (G_PRIORITY_LOW, build_advanced_rows_cb, self, NULL);
}

static void
page_map_cb (MfmConnectPage *self)
{
  g_signal_handlers_disconnect_by_func (self, page_map_cb, NULL);
  if (self->central_row == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (GTK_WIDGET (self)), "after-paint",
                             G_CALLBACK (first_frame_cb), self, 0);
}

static void
advanced_expanded_cb (MfmConnectPage *self)
{
  ensure_advanced_rows (self);
}

static void
set_busy (MfmConnectPage *self,
          gboolean        busy)
{
  if (self->busy == busy)
    return;

  self->busy = busy;

  gtk_widget_set_visible (GTK_WIDGET (self->busy_box), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.connect", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.try-demo", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.cancel", busy);

  /* GTK 4.8 tells a text field nothing when its group turns insensitive under the focus: its
   * cursor went on blinking and GTK warned that it "did not receive a focus-out event". The
   * focus moves to Cancel first, and back to the field when the form is usable again. */
  if (busy)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      if (focus != NULL &&
          (gtk_widget_is_ancestor (focus, GTK_WIDGET (self->form_group)) ||
           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->advanced_row)) ||
           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->recent_group))))
        {
          g_set_weak_pointer (&self->focus_before_busy, focus);
          gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));
        }
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->form_group), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->advanced_row), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->recent_group), !busy);

  if (!busy && self->focus_before_busy != NULL)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

      /* Only when the focus has not moved on from Cancel meanwhile. */
      if (focus == NULL || focus == GTK_WIDGET (self->cancel_button))
        gtk_widget_grab_focus (self->focus_before_busy);
      g_clear_weak_pointer (&self->focus_before_busy);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void trust_requested_cb (MfmConnectPage *self);

/* The certificate view is shown only when a server's certificate is not trusted: it is built
 * then, below the error, rather than with the page for every start. */
static void
ensure_certificate_view (MfmConnectPage *self)
{
  if (self->certificate_view != NULL)
    return;

  self->certificate_view = MFM_CERTIFICATE_VIEW (mfm_certificate_view_new ());
  gtk_widget_set_visible (GTK_WIDGET (self->certificate_view), FALSE);
  g_signal_connect_object (self->certificate_view, "trust-requested",
                           G_CALLBACK (trust_requested_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->error_box))),
                              GTK_WIDGET (self->certificate_view),
                              GTK_WIDGET (self->error_box));
}

static void
clear_error (MfmConnectPage *self)
{
  g_clear_pointer (&self->error_text, g_free);
  gtk_widget_set_visible (GTK_WIDGET (self->error_box), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->retry_button), FALSE);
  if (self->certificate_view != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->certificate_view), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->user_row), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->password_row), "error");
}

static void
show_error (MfmConnectPage *self,
            const char     *sentence,
            const char     *detail,
            GtkWidget      *field)
{
  g_free (self->error_text);
  self->error_text = g_strdup (sentence);

  gtk_label_set_text (self->error_label, sentence);
  gtk_label_set_text (self->error_detail_label, detail != NULL ? detail : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_detail_label), detail != NULL && *detail != '\0');
  gtk_widget_set_visible (GTK_WIDGET (self->error_box), TRUE);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, sentence,
                                  -1);

  if (field != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_widget_grab_focus (field);
    }
}

static void
update_url_hint (MfmConnectPage *self)
{
  g_autofree char *url = mfm_connection_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  g_autofree char *text = NULL;

  if (url == NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->url_hint_box), FALSE);
      return;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->url_hint_box), TRUE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_hint_box), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->url_hint_box), "dim-label");

  if (g_str_has_prefix (url, "http://"))
    {
      /* Translators: %s is the server address */
      text = g_strdup_printf (_("Not encrypted: %s sends everything, your password included, in clear text."), url);
      gtk_image_set_from_icon_name (self->url_hint_icon, "channel-insecure-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->url_hint_box), "warning");
    }
  else
    {
      /* Translators: %s is the server address */
      text = g_strdup_printf (_("Connects to %s"), url);
      gtk_image_set_from_icon_name (self->url_hint_icon, "channel-secure-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->url_hint_box), "dim-label");
    }

  gtk_label_set_text (self->url_hint_label, text);
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(MfmConnectPage) self = user_data;
  g_autoptr(GError) error = NULL;
  char *password;

  password = mfm_credentials_lookup_finish (result, &error);
  if (password == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No keyring: %s", error->message);
      return;
    }

  /* Never overwrite what the person typed. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->password_row)) == '\0')
    {
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), password);
      gtk_switch_set_active (self->remember_switch, TRUE);
      self->password_from_keyring = TRUE;
    }

  mfm_credentials_free_password (password);
}

static gboolean
lookup_timeout_cb (gpointer user_data)
{
  MfmConnectPage *self = user_data;
  g_autofree char *url = mfm_connection_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  g_autofree char *user = get_stripped_text (self->user_row);

  self->lookup_id = 0;

  if (url == NULL || *user == '\0')
    return G_SOURCE_REMOVE;

  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  self->lookup_cancellable = g_cancellable_new ();

  mfm_credentials_lookup_async (url, user, self->lookup_cancellable, lookup_cb, g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
schedule_lookup (MfmConnectPage *self)
{
  /* A password filled in for another server or user must not stay. */
  if (self->password_from_keyring)
    {
      self->password_from_keyring = FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
    }

  g_clear_handle_id (&self->lookup_id, g_source_remove);
  self->lookup_id = g_timeout_add (250, lookup_timeout_cb, self);
}

static void
server_changed_cb (MfmConnectPage *self)
{
  update_url_hint (self);
  schedule_lookup (self);
}

static void
user_changed_cb (MfmConnectPage *self)
{
  schedule_lookup (self);
}

static void
entry_activated_cb (MfmConnectPage *self)
{
  if (!self->busy)
    mfm_connect_page_connect (self);
}

static void
recent_row_activated_cb (MfmConnectPage *self,
                         GtkListBoxRow  *row)
{
  const char *url = g_object_get_data (G_OBJECT (row), "url");

  mfm_connect_page_set_server (self, url);

  if (*gtk_editable_get_text (GTK_EDITABLE (self->user_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void fill_recent_servers (MfmConnectPage *self);

static void
remove_recent_clicked_cb (GtkButton      *button,
                          MfmConnectPage *self)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  g_autofree char *url = g_strdup (g_object_get_data (G_OBJECT (row), "url"));
  int index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));
  GtkListBoxRow *next;

  mfm_connection_forget_server (self->connection, url);
  fill_recent_servers (self);

  /* Focus stays in the list, on the row that took this one's place, or the one above. */
  next = gtk_list_box_get_row_at_index (self->recent_list, index);
  if (next == NULL && index > 0)
    next = gtk_list_box_get_row_at_index (self->recent_list, index - 1);
  if (next != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (next));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
}

static void
fill_recent_servers (MfmConnectPage *self)
{
  g_auto(GStrv) recent = mfm_connection_dup_recent_servers (self->connection);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *remove_name = NULL;

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), recent[i]);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_tooltip_text (row, _("Fill in this server"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Fill in this server"),
                                      -1);
      /* Translators: %s is a server address */
      remove_name = g_strdup_printf (_("Remove %s from recent servers"), recent[i]);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, remove_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, remove_name,
                                      -1);
      g_signal_connect_object (remove, "clicked", G_CALLBACK (remove_recent_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      g_object_set_data_full (G_OBJECT (row), "url", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->recent_group), recent[0] != NULL);
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfmConnectPage) self = user_data;
  g_autoptr(MfmSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *field = NULL;

  session = mfm_connection_login_finish (MFM_CONNECTION (object), result, &error);
  /* Cancelled: by the person, or by a newer login that now owns the page. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (session == NULL)
    {
      set_busy (self, FALSE);

      if (g_error_matches (error, MFM_ERROR, MFM_ERROR_BAD_CREDENTIALS))
        field = GTK_WIDGET (self->password_row);
      else if (g_error_matches (error, MFM_ERROR, MFM_ERROR_PERMISSION))
        field = GTK_WIDGET (self->user_row);
      else if (error->domain == MFM_ERROR &&
               (error->code == MFM_ERROR_NETWORK ||
                error->code == MFM_ERROR_TIMEOUT ||
                error->code == MFM_ERROR_PROTOCOL ||
                error->code == MFM_ERROR_CONNECTION_BROKEN ||
                error->code == MFM_ERROR_STANDBY ||
                error->code == MFM_ERROR_TLS))
        field = GTK_WIDGET (self->server_row);
      else if (g_error_matches (error, MFM_ERROR, MFM_ERROR_SERVER) && !mfm_error_is_refusal (error))
        /* A web server's error page: most often the wrong address. */
        field = GTK_WIDGET (self->server_row);

      show_error (self, mfm_error_get_sentence (error), error->message, field);

      /* A failure on the server's side or on the way may be gone the next time. */
      gtk_widget_set_visible (GTK_WIDGET (self->retry_button), mfm_error_is_transient (error));

      /* Either of the two may be wrong: both are marked, the password has the focus. */
      if (g_error_matches (error, MFM_ERROR, MFM_ERROR_BAD_CREDENTIALS))
        gtk_widget_add_css_class (GTK_WIDGET (self->user_row), "error");

      if (g_error_matches (error, MFM_ERROR, MFM_ERROR_TLS))
        {
          const MfmCertificateInfo *info = mfm_connection_get_rejected_certificate (self->connection);

          if (info != NULL)
            {
              ensure_certificate_view (self);
              mfm_certificate_view_set_info (self->certificate_view, info);
              gtk_widget_set_visible (GTK_WIDGET (self->certificate_view), TRUE);

              /* The address is right: it is the certificate that changed, and the next step
               * is comparing its fingerprint. */
              if (mfm_certificate_view_focus_confirmation (self->certificate_view))
                gtk_widget_remove_css_class (GTK_WIDGET (self->server_row), "error");
            }
        }
      return;
    }

  clear_error (self);
  set_busy (self, FALSE);
  fill_recent_servers (self);

  g_signal_emit (self, signals[CONNECTED], 0, session);
}

static void
start_login (MfmConnectPage *self)
{
  g_autofree char *central = NULL;
  MfmConnectionFlags flags = MFM_CONNECTION_FLAGS_NONE;

  ensure_advanced_rows (self);
  central = get_stripped_text (self->central_row);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->is_demo)
    flags |= MFM_CONNECTION_FLAGS_DEMO;
  if (gtk_switch_get_active (self->remember_switch))
    flags |= MFM_CONNECTION_FLAGS_REMEMBER_PASSWORD;

  self->pending = FALSE;
  set_busy (self, TRUE);
  mfm_connection_login_async (self->connection,
                              self->url,
                              self->user,
                              gtk_editable_get_text (GTK_EDITABLE (self->password_row)),
                              central,
                              (guint)gtk_spin_button_get_value_as_int (self->timeout_spin),
                              flags,
                              self->cancellable,
                              login_cb,
                              g_object_ref (self));
}

static void
cleartext_response_cb (MfmConnectPage   *self,
                       const char       *response,
                       AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "send") == 0 && self->pending)
    start_login (self);
  else
    self->pending = FALSE;
}

static void
confirm_cleartext (MfmConnectPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       _("Send Password Unencrypted?"),
                                                       NULL));
  adw_message_dialog_format_body (dialog,
                                  _("%s uses plain http. Anyone on the network between you and the server can read your password and everything you change. Use https unless you are sure the network is private."),
                                  self->url);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "send", _("_Send Unencrypted"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (cleartext_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
attempt_connection (MfmConnectPage *self)
{
  g_autofree char *url = mfm_connection_normalize_url (gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
  g_autofree char *user = get_stripped_text (self->user_row);
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  clear_error (self);

  if (url == NULL)
    {
      show_error (self, _("Enter the address of your Micetro server."), NULL, GTK_WIDGET (self->server_row));
      return;
    }

  /* An address that cannot work gets its sentence here, before any question about clear
   * text, and the field keeps what was typed. */
  if (!mfm_connection_is_valid_url (url))
    {
      show_error (self,
                  _("This is not a valid server address. Enter an address such as https://micetro.example.com."),
                  NULL, GTK_WIDGET (self->server_row));
      return;
    }

  if (*user == '\0')
    {
      show_error (self, _("Enter your user name."), NULL, GTK_WIDGET (self->user_row));
      return;
    }
  if (*password == '\0')
    {
      show_error (self, _("Enter your password."), NULL, GTK_WIDGET (self->password_row));
      return;
    }

  g_free (self->url);
  self->url = g_steal_pointer (&url);
  g_free (self->user);
  self->user = g_steal_pointer (&user);

  /* Show the address actually used. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->server_row)), self->url) != 0)
    {
      g_signal_handlers_block_by_func (self->server_row, server_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->server_row), self->url);
      g_signal_handlers_unblock_by_func (self->server_row, server_changed_cb, self);
      update_url_hint (self);
    }

  if (mfm_connection_is_cleartext (self->url))
    {
      self->pending = TRUE;
      confirm_cleartext (self);
      return;
    }

  start_login (self);
}

static void
trust_requested_cb (MfmConnectPage *self)
{
  const MfmCertificateInfo *info = mfm_certificate_view_get_info (self->certificate_view);

  if (info == NULL || info->host == NULL || info->fingerprint == NULL)
    return;

  mfm_connection_trust_certificate (self->connection, info->host, info->fingerprint);

  clear_error (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->connect_button));
  /* The person asked to go on: connect again with the pin in place. */
  attempt_connection (self);
}

static void
simulator_demo (MfmConnectPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->demo == NULL)
    {
      self->demo = mfm_demo_new (&error);
      if (self->demo == NULL)
        {
          show_error (self, _("The demo server could not be started."), error->message, NULL);
          return;
        }
    }

  if (!self->is_demo)
    {
      g_free (self->typed_server);
      self->typed_server = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->server_row)));
      g_free (self->typed_user);
      self->typed_user = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row)));
    }

  self->is_demo = TRUE;
  self->password_from_keyring = FALSE;
  g_signal_handlers_block_by_func (self->server_row, server_changed_cb, self);
  g_signal_handlers_block_by_func (self->user_row, user_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->server_row), mfm_demo_get_url (self->demo));
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), MFM_DEMO_USER);
  g_signal_handlers_unblock_by_func (self->server_row, server_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->user_row, user_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), MFM_DEMO_PASSWORD);
  gtk_switch_set_active (self->remember_switch, FALSE);
  update_url_hint (self);

  attempt_connection (self);
}

static void
connect_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  mfm_connect_page_connect (MFM_CONNECT_PAGE (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  mfm_connect_page_cancel (MFM_CONNECT_PAGE (widget));
}

static void
try_demo_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  mfm_connect_page_try_demo (MFM_CONNECT_PAGE (widget));
}

static void
mfm_connect_page_dispose (GObject *object)
{
  MfmConnectPage *self = (MfmConnectPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_handle_id (&self->lookup_id, g_source_remove);
  g_clear_handle_id (&self->advanced_id, g_source_remove);

  g_clear_weak_pointer (&self->focus_before_busy);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->demo);

  G_OBJECT_CLASS (mfm_connect_page_parent_class)->dispose (object);
}

static void
mfm_connect_page_finalize (GObject *object)
{
  MfmConnectPage *self = (MfmConnectPage *)object;

  g_free (self->error_text);
  g_free (self->url);
  g_free (self->user);
  g_free (self->typed_server);
  g_free (self->typed_user);

  G_OBJECT_CLASS (mfm_connect_page_parent_class)->finalize (object);
}

static void
mfm_connect_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfmConnectPage *self = MFM_CONNECT_PAGE (object);

  switch (prop_id)
    {
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_connect_page_class_init (MfmConnectPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_connect_page_dispose;
  object_class->finalize = mfm_connect_page_finalize;
  object_class->get_property = mfm_connect_page_get_property;

  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CONNECTED] =
    g_signal_new ("connected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MFM_TYPE_SESSION);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfm-connect-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, error_box);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, error_detail_label);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, form_group);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, server_row);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, url_hint_box);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, url_hint_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, url_hint_label);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, advanced_row);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, connect_button);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, busy_box);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, demo_button);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, recent_group);
  gtk_widget_class_bind_template_child (widget_class, MfmConnectPage, recent_list);
  gtk_widget_class_bind_template_callback (widget_class, server_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, user_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "connect.connect", NULL, connect_action);
  gtk_widget_class_install_action (widget_class, "connect.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "connect.try-demo", NULL, try_demo_action);
}

static void
mfm_connect_page_init (MfmConnectPage *self)
{
  g_autofree char *last_server = NULL;
  g_autofree char *last_user = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->connection = mfm_connection_new ();

  last_server = mfm_connection_dup_last_server (self->connection);
  last_user = mfm_connection_dup_last_user (self->connection);

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), last_server);
  gtk_editable_set_text (GTK_EDITABLE (self->user_row), last_user);

  g_signal_connect (self, "map", G_CALLBACK (page_map_cb), NULL);
  g_signal_connect_swapped (self->advanced_row, "notify::expanded",
                            G_CALLBACK (advanced_expanded_cb), self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "connect.cancel", FALSE);

  update_url_hint (self);
  fill_recent_servers (self);
}

MfmConnectPage *
mfm_connect_page_new (void)
{
  return g_object_new (MFM_TYPE_CONNECT_PAGE, NULL);
}

void
mfm_connect_page_set_server (MfmConnectPage *self,
                             const char     *url)
{
  g_return_if_fail (MFM_IS_CONNECT_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->server_row), url != NULL ? url : "");
}

const char *
mfm_connect_page_get_server (MfmConnectPage *self)
{
  g_return_val_if_fail (MFM_IS_CONNECT_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->server_row));
}

void
mfm_connect_page_set_user (MfmConnectPage *self,
                           const char     *user)
{
  g_return_if_fail (MFM_IS_CONNECT_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->user_row), user != NULL ? user : "");
}

const char *
mfm_connect_page_get_user (MfmConnectPage *self)
{
  g_return_val_if_fail (MFM_IS_CONNECT_PAGE (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->user_row));
}

void
mfm_connect_page_set_password (MfmConnectPage *self,
                               const char     *password)
{
  g_return_if_fail (MFM_IS_CONNECT_PAGE (self));

  self->password_from_keyring = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), password != NULL ? password : "");
}

void
mfm_connect_page_connect (MfmConnectPage *self)
{
  g_return_if_fail (MFM_IS_CONNECT_PAGE (self));

  if (self->busy)
    return;

  self->is_demo = self->demo != NULL &&
                  g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->server_row)),
                             mfm_demo_get_url (self->demo)) == 0;
  attempt_connection (self);
}

gboolean
mfm_connect_page_get_is_demo (MfmConnectPage *self)
{
  g_return_val_if_fail (MFM_IS_CONNECT_PAGE (self), FALSE);

  return self->is_demo;
}

void
mfm_connect_page_try_demo (MfmConnectPage *self)
{
  g_return_if_fail (MFM_IS_CONNECT_PAGE (self));

  if (self->busy)
    return;

  clear_error (self);
  simulator_demo (self);
}

void
mfm_connect_page_cancel (MfmConnectPage *self)
{
  g_return_if_fail (MFM_IS_CONNECT_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  self->pending = FALSE;
  set_busy (self, FALSE);
}

gboolean
mfm_connect_page_get_busy (MfmConnectPage *self)
{
  g_return_val_if_fail (MFM_IS_CONNECT_PAGE (self), FALSE);

  return self->busy;
}

const char *
mfm_connect_page_get_error_text (MfmConnectPage *self)
{
  g_return_val_if_fail (MFM_IS_CONNECT_PAGE (self), NULL);

  return self->error_text;
}

void
mfm_connect_page_reset (MfmConnectPage *self)
{
  g_return_if_fail (MFM_IS_CONNECT_PAGE (self));

  clear_error (self);
  set_busy (self, FALSE);
  fill_recent_servers (self);

  /* After the demo, the form holds again what it held before. */
  if (self->is_demo)
    {
      g_signal_handlers_block_by_func (self->server_row, server_changed_cb, self);
      g_signal_handlers_block_by_func (self->user_row, user_changed_cb, self);
      gtk_editable_set_text (GTK_EDITABLE (self->server_row),
                             self->typed_server != NULL ? self->typed_server : "");
      gtk_editable_set_text (GTK_EDITABLE (self->user_row),
                             self->typed_user != NULL ? self->typed_user : "");
      g_signal_handlers_unblock_by_func (self->server_row, server_changed_cb, self);
      g_signal_handlers_unblock_by_func (self->user_row, user_changed_cb, self);
      update_url_hint (self);
      self->is_demo = FALSE;
      /* The keyring may know the password for what is back in the form; finding it turns
       * Remember password on again. */
      gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
      schedule_lookup (self);
    }

  /* The password stays only when it is remembered; the keyring fills it in again. */
  self->password_from_keyring = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  if (gtk_switch_get_active (self->remember_switch) && !self->is_demo)
    schedule_lookup (self);

  mfm_connect_page_focus_form (self);
}

void
mfm_connect_page_focus_form (MfmConnectPage *self)
{
  g_return_if_fail (MFM_IS_CONNECT_PAGE (self));

  if (*gtk_editable_get_text (GTK_EDITABLE (self->server_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->server_row));
  else if (*gtk_editable_get_text (GTK_EDITABLE (self->user_row)) == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}
