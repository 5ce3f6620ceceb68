/* mfm-kea-view.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-kea-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-error.h"
#include "mfm-kea-view.h"

struct _MfmKeaView
{
  AdwBin                parent_instance;

  AdwToastOverlay      *toast_overlay;
  GtkStack             *content_stack;
  GtkSpinner           *spinner;
  GtkLabel             *loading_label;
  AdwStatusPage        *error_page;
  GtkStack             *view_stack;
  GtkLabel             *primary_label;
  GtkLabel             *secondary_label;
  GtkTextView          *primary_view;
  GtkTextView          *secondary_view;
  AdwActionRow         *mode_row;
  GtkSpinButton        *port_spin;
  AdwPreferencesGroup  *warnings_group;
  AdwPreferencesGroup  *parameters_group;

  MfmSession           *session;
  MfmRelationship      *relationship;
  GCancellable         *cancellable;
  GPtrArray            *scopes;
  MfmKeaConfig         *config;
  /* Rows added to the two groups, removed on the next render. */
  GPtrArray            *rows;
  GtkFileChooserNative *chooser;
  GSettings            *settings;
  gboolean              loading;
};

G_DEFINE_FINAL_TYPE (MfmKeaView, mfm_kea_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
set_loading (MfmKeaView *self,
             gboolean    loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static GtkTextView *
view_for (MfmKeaView *self,
          MfmIscRole  server)
{
  return server == MFM_ISC_ROLE_PRIMARY ? self->primary_view : self->secondary_view;
}

static void
clear_rows (MfmKeaView *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static AdwActionRow *
add_row (MfmKeaView          *self,
         AdwPreferencesGroup *group,
         const char          *title,
         const char          *subtitle,
         gboolean             warning)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Server and scope names are text, never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (row, subtitle);
  if (warning)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Warning"),
                                      -1);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (row, icon);
    }
  adw_preferences_group_add (group, GTK_WIDGET (row));
  g_ptr_array_add (self->rows, row);

  return row;
}

static void
show_server (MfmKeaView *self,
             MfmIscRole  server)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = mfm_kea_config_render (self->config, server, &error);
  g_autofree char *label = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view_for (self, server));
  const char *name = mfm_kea_config_get_server_name (self->config, server);
  const char *role = mfm_kea_config_get_role (self->config, server);

  if (server == MFM_ISC_ROLE_PRIMARY)
    /* Translators: the first %s is a server name, the second its Kea role: "primary",
     * "secondary" or "standby", written as in the configuration. */
    label = g_strdup_printf (_("%s, the ISC primary, becomes the Kea %s."), name, role);
  else
    /* Translators: as above, for the ISC secondary. */
    label = g_strdup_printf (_("%s, the ISC secondary, becomes the Kea %s."), name, role);

  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  if (text == NULL)
    {
      g_free (label);
      label = g_strdup (error->message);
    }
  gtk_label_set_text (server == MFM_ISC_ROLE_PRIMARY ? self->primary_label : self->secondary_label,
                      label);
  gtk_widget_set_visible (GTK_WIDGET (view_for (self, server)), text != NULL);
}

/* Copy and Save As… have nothing to take when Kea cannot be configured. */
static void
update_actions (MfmKeaView *self)
{
  gboolean enabled = FALSE;

  for (MfmIscRole server = MFM_ISC_ROLE_PRIMARY; server <= MFM_ISC_ROLE_SECONDARY; server++)
    {
      g_autofree char *text = mfm_kea_view_dup_text (self, server);

      if (*text != '\0')
        enabled = TRUE;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kea.copy", enabled);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kea.save", enabled);
}

static void
render (MfmKeaView *self)
{
  g_auto(GStrv) warnings = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *subnets = NULL;
  g_autofree char *pools = NULL;
  const MfmKeaParameter *parameters;
  MfmInventory *inventory = mfm_session_get_inventory (self->session);
  MfmServer *primary;
  MfmServer *secondary;
  MfmKeaOptions options;
  guint n_parameters = 0;

  mfm_kea_options_init (&options);
  options.control_port = (guint) gtk_spin_button_get_value_as_int (self->port_spin);

  /* The scopes as read just now, not what the inventory held before. */
  g_clear_object (&self->config);
  primary = mfm_inventory_lookup_primary_server (inventory, self->relationship);
  secondary = mfm_inventory_lookup_secondary_server (inventory, self->relationship);
  self->config = mfm_kea_config_new (self->relationship, primary, secondary, self->scopes,
                                     &options);

  show_server (self, MFM_ISC_ROLE_PRIMARY);
  show_server (self, MFM_ISC_ROLE_SECONDARY);
  update_actions (self);

  clear_rows (self);

  subnets = g_strdup_printf (ngettext ("%u subnet", "%u subnets",
                                       mfm_kea_config_get_subnet_count (self->config)),
                             mfm_kea_config_get_subnet_count (self->config));
  pools = g_strdup_printf (ngettext ("%u pool", "%u pools",
                                     mfm_kea_config_get_pool_count (self->config)),
                           mfm_kea_config_get_pool_count (self->config));
  mode = g_strdup_printf ("%s · %s · %s", mfm_kea_config_get_mode_name (self->config),
                          subnets, pools);
  adw_action_row_set_subtitle (self->mode_row, mode);

  warnings = mfm_kea_config_dup_warnings (self->config);
  for (guint i = 0; warnings[i] != NULL; i++)
    {
      AdwActionRow *row = add_row (self, self->warnings_group, warnings[i], NULL, TRUE);

      adw_action_row_set_title_lines (row, 0);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warnings_group), warnings[0] != NULL);

  parameters = mfm_kea_get_parameters (&n_parameters);
  for (guint i = 0; i < n_parameters; i++)
    {
      const char *kea_value = mfm_kea_config_get_kea_value (self->config, i);
      const char *warning = mfm_kea_config_get_parameter_warning (self->config, i);
      g_autofree char *title = NULL;
      g_autofree char *values = NULL;
      g_autofree char *subtitle = NULL;

      if (parameters[i].kea_parameter != NULL)
        title = g_strdup_printf ("%s → %s", parameters[i].isc_parameter,
                                 parameters[i].kea_parameter);
      else
        /* Translators: an ISC parameter that Kea has no counterpart for. */
        title = g_strdup_printf (_("%s → no counterpart"), parameters[i].isc_parameter);

      if (kea_value != NULL)
        values = g_strdup_printf ("%s → %s", mfm_kea_config_get_isc_value (self->config, i),
                                  kea_value);
      else
        values = g_strdup (mfm_kea_config_get_isc_value (self->config, i));

      if (warning != NULL)
        subtitle = g_strdup_printf ("%s\n%s\n%s", values, _(parameters[i].rule), warning);
      else
        subtitle = g_strdup_printf ("%s\n%s", values, _(parameters[i].rule));

      add_row (self, self->parameters_group, title, subtitle, warning != NULL);
    }
}

static void
port_changed_cb (MfmKeaView *self)
{
  if (self->config != NULL)
    render (self);
}

static void
scopes_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MfmKeaView) self = user_data;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GError) error = NULL;

  scopes = mfm_session_load_scopes_finish (MFM_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (scopes == NULL)
    {
      g_autofree char *description = mfm_error_describe (error);
      /* The description is markup; the detail is the server's or the parser's text. */
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      set_loading (self, FALSE);
      return;
    }

  g_clear_pointer (&self->scopes, g_ptr_array_unref);
  self->scopes = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);

      if (mfm_relationship_has_scope (self->relationship, mfm_scope_get_ref (scope)))
        g_ptr_array_add (self->scopes, g_object_ref (scope));
    }

  render (self);
  gtk_stack_set_visible_child_name (self->content_stack, "content");
  set_loading (self, FALSE);
}

static void
load (MfmKeaView *self)
{
  const char *primary_ref = mfm_relationship_get_primary_server_ref (self->relationship);
  MfmServer *primary = mfm_inventory_lookup_server (mfm_session_get_inventory (self->session),
                                                    primary_ref);
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Reading the scopes of %s…"),
                          primary ? mfm_server_get_display_name (primary)
                                  : mfm_relationship_get_primary_server (self->relationship));
  gtk_label_set_label (self->loading_label, text);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  set_loading (self, TRUE);

  mfm_session_load_scopes_async (self->session,
                                 primary_ref,
                                 self->cancellable,
                                 scopes_loaded_cb,
                                 g_object_ref (self));
}

static void
retry_clicked_cb (MfmKeaView *self)
{
  load (self);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmKeaView *self = MFM_KEA_VIEW (widget);
  MfmIscRole server = g_variant_get_int32 (parameter) == 1 ? MFM_ISC_ROLE_SECONDARY
                                                           : MFM_ISC_ROLE_PRIMARY;
  g_autofree char *text = mfm_kea_view_dup_text (self, server);
  g_autofree char *toast = NULL;

  if (*text == '\0')
    return;

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  toast = g_strdup_printf (_("The configuration of %s is on the clipboard"),
                           mfm_kea_config_get_server_name (self->config, server));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
}

static void
save_finished_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MfmKeaView *self = MFM_KEA_VIEW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *toast = NULL;

  if (mfm_kea_view_save_finish (self, result, &error))
    toast = g_strdup_printf (_("Saved as %s"), name);
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  else
    toast = g_strdup_printf (_("%s could not be saved: %s"), name, error->message);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (toast));
}

static void
chooser_response_cb (GtkNativeDialog *dialog,
                     int              response,
                     gpointer         user_data)
{
  MfmKeaView *self = user_data;
  MfmIscRole server = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "mfm-server"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        mfm_kea_view_save_async (self, server, file, self->cancellable,
                                 save_finished_cb, g_object_ref (file));
    }

  g_clear_object (&self->chooser);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmKeaView *self = MFM_KEA_VIEW (widget);
  MfmIscRole server = g_variant_get_int32 (parameter) == 1 ? MFM_ISC_ROLE_SECONDARY
                                                           : MFM_ISC_ROLE_PRIMARY;
  g_autofree char *name = NULL;

  if (self->config == NULL)
    return;

  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Save Kea Configuration"),
                                               GTK_WINDOW (gtk_widget_get_root (widget)),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"),
                                               _("_Cancel"));
  /* kea-dhcp4.conf is the name Kea's packages use. */
  name = g_strdup_printf ("kea-dhcp4-%s.conf",
                          mfm_kea_config_get_server_name (self->config, server));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  g_object_set_data (G_OBJECT (self->chooser), "mfm-server", GINT_TO_POINTER (server));
  g_signal_connect (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
mfm_kea_view_dispose (GObject *object)
{
  MfmKeaView *self = (MfmKeaView *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->scopes, g_ptr_array_unref);
  g_clear_object (&self->config);
  g_clear_object (&self->relationship);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mfm_kea_view_parent_class)->dispose (object);
}

static void
mfm_kea_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  MfmKeaView *self = MFM_KEA_VIEW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_kea_view_class_init (MfmKeaViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_kea_view_dispose;
  object_class->get_property = mfm_kea_view_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-kea-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, spinner);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, loading_label);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, primary_label);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, secondary_label);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, primary_view);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, secondary_view);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, mode_row);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, port_spin);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, warnings_group);
  gtk_widget_class_bind_template_child (widget_class, MfmKeaView, parameters_group);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, port_changed_cb);

  gtk_widget_class_install_action (widget_class, "kea.copy", "i", copy_action);
  gtk_widget_class_install_action (widget_class, "kea.save", "i", save_action);
}

static void
mfm_kea_view_init (MfmKeaView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  /* The control port is kept for the next window and the next start. */
  self->settings = g_settings_new (APP_BASE_ID);
  g_settings_bind (self->settings, "kea-control-port", self->port_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kea.copy", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kea.save", FALSE);
}

GtkWidget *
mfm_kea_view_new (void)
{
  return g_object_new (MFM_TYPE_KEA_VIEW, NULL);
}

gboolean
mfm_kea_view_load (MfmKeaView *self,
                   MfmSession *session,
                   const char *relationship_name)
{
  g_autoptr(MfmRelationship) relationship = NULL;

  g_return_val_if_fail (MFM_IS_KEA_VIEW (self), FALSE);
  g_return_val_if_fail (MFM_IS_SESSION (session), FALSE);

  /* With the staged changes, as the other views show it. */
  relationship = mfm_session_dup_projected_relationship (session, relationship_name);
  if (relationship == NULL)
    {
      g_warning ("No relationship named “%s” to show in Kea", relationship_name);
      return FALSE;
    }

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_set_object (&self->session, session);
  g_set_object (&self->relationship, relationship);

  load (self);

  return TRUE;
}

gboolean
mfm_kea_view_get_loading (MfmKeaView *self)
{
  g_return_val_if_fail (MFM_IS_KEA_VIEW (self), FALSE);

  return self->loading;
}

MfmKeaConfig *
mfm_kea_view_get_config (MfmKeaView *self)
{
  g_return_val_if_fail (MFM_IS_KEA_VIEW (self), NULL);

  return self->config;
}

char *
mfm_kea_view_dup_text (MfmKeaView *self,
                       MfmIscRole  server)
{
  GtkTextBuffer *buffer;
  GtkTextIter start;
  GtkTextIter end;

  g_return_val_if_fail (MFM_IS_KEA_VIEW (self), NULL);

  buffer = gtk_text_view_get_buffer (view_for (self, server));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
replace_contents_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
mfm_kea_view_save_async (MfmKeaView          *self,
                         MfmIscRole           server,
                         GFile               *file,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *text;

  g_return_if_fail (MFM_IS_KEA_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfm_kea_view_save_async);

  text = mfm_kea_view_dup_text (self, server);
  bytes = g_bytes_new_take (text, strlen (text));
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replace_contents_cb, g_steal_pointer (&task));
}

gboolean
mfm_kea_view_save_finish (MfmKeaView    *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (MFM_IS_KEA_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
