/* mfm-scopes-dialog.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-scopes-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-error.h"
#include "mfm-scopes-dialog.h"

typedef enum
{
  SCOPE_MEMBER,
  SCOPE_ELIGIBLE,
  SCOPE_INELIGIBLE,
} ScopeCategory;

typedef struct
{
  AdwActionRow   *row;
  GtkCheckButton *check;     /* NULL for scopes that cannot be added */
  MfmScope       *scope;
  ScopeCategory   category;
  char           *search_text;
} ScopeRow;

struct _MfmScopesDialog
{
  AdwWindow            parent_instance;

  /* Owned References */
  MfmSession          *session;
  MfmRelationship     *relationship;
  GCancellable        *cancellable;
  GPtrArray           *rows;           /* of ScopeRow */

  gboolean             loading;

  /* Template Widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *apply_button;
  GtkStack            *content_stack;
  GtkSpinner          *spinner;
  GtkLabel            *loading_label;
  AdwStatusPage       *error_page;
  GtkButton           *retry_button;
  GtkSearchEntry      *search_entry;
  AdwPreferencesGroup *member_group;
  AdwPreferencesGroup *eligible_group;
  AdwPreferencesGroup *ineligible_group;
  AdwPreferencesGroup *removal_group;
  GtkLabel            *no_match_label;
  GtkCheckButton      *disable_check;
  GtkCheckButton      *delete_check;
};

G_DEFINE_FINAL_TYPE (MfmScopesDialog, mfm_scopes_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load (MfmScopesDialog *self);

static void
scope_row_free (ScopeRow *row)
{
  g_clear_object (&row->scope);
  g_free (row->search_text);
  g_free (row);
}

static void
set_loading (MfmScopesDialog *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  gtk_spinner_set_spinning (self->spinner, loading);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static GStrv
collect_refs (MfmScopesDialog *self,
              ScopeCategory    category,
              gboolean         checked)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      ScopeRow *row = g_ptr_array_index (self->rows, i);

      if (row->category == category && row->check != NULL &&
          gtk_check_button_get_active (row->check) == checked)
        g_strv_builder_add (builder, mfm_scope_get_ref (row->scope));
    }

  return g_strv_builder_end (builder);
}

static void
update_apply (MfmScopesDialog *self)
{
  g_auto(GStrv) to_add = collect_refs (self, SCOPE_ELIGIBLE, TRUE);
  g_auto(GStrv) to_remove = collect_refs (self, SCOPE_MEMBER, FALSE);
  guint n_add = g_strv_length (to_add);
  guint n_remove = g_strv_length (to_remove);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), n_add + n_remove > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->removal_group), n_remove > 0);

  if (n_remove > 0)
    {
      g_autofree char *description =
        g_strdup_printf (ngettext ("%u scope leaves the relationship. The primary keeps it; what happens to the secondary’s copy?",
                                   "%u scopes leave the relationship. The primary keeps them; what happens to the secondary’s copies?",
                                   n_remove),
                         n_remove);

      adw_preferences_group_set_description (self->removal_group, description);
    }
}

static void
check_toggled_cb (MfmScopesDialog *self)
{
  update_apply (self);
}

static void
update_visibility (MfmScopesDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autofree char *needle = g_utf8_casefold (text ? text : "", -1);
  guint visible[3] = { 0, 0, 0 };

  g_strstrip (needle);

  for (guint i = 0; i < self->rows->len; i++)
    {
      ScopeRow *row = g_ptr_array_index (self->rows, i);
      gboolean show = *needle == '\0' || strstr (row->search_text, needle) != NULL;

      gtk_widget_set_visible (GTK_WIDGET (row->row), show);
      if (show)
        visible[row->category]++;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->member_group), visible[SCOPE_MEMBER] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->eligible_group), visible[SCOPE_ELIGIBLE] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->ineligible_group), visible[SCOPE_INELIGIBLE] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_label),
                          visible[0] + visible[1] + visible[2] == 0);
  gtk_label_set_label (self->no_match_label,
                       self->rows->len == 0 ? _("The primary server has no scopes.")
                                            : _("No scope matches the search."));
}

static void
search_changed_cb (MfmScopesDialog *self)
{
  update_visibility (self);
}

/* Escape in the search clears it first, as everywhere; in an empty search it closes the
 * dialog, as Escape does anywhere else in it. */
static void
search_stopped_cb (MfmScopesDialog *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text == NULL || *text == '\0')
    gtk_window_destroy (GTK_WINDOW (self));
  else
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

static void
clear_rows (MfmScopesDialog *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      ScopeRow *row = g_ptr_array_index (self->rows, i);
      AdwPreferencesGroup *group = row->category == SCOPE_MEMBER ? self->member_group
                                   : row->category == SCOPE_ELIGIBLE ? self->eligible_group
                                   : self->ineligible_group;

      adw_preferences_group_remove (group, GTK_WIDGET (row->row));
    }

  g_ptr_array_set_size (self->rows, 0);
}

static void
add_scope_row (MfmScopesDialog *self,
               MfmScope        *scope)
{
  const char *name = mfm_relationship_get_name (self->relationship);
  const char *other = mfm_scope_get_relationship_name (scope);
  ScopeRow *row = g_new0 (ScopeRow, 1);
  g_autofree char *subtitle = NULL;
  g_autofree char *reason = NULL;
  g_autofree char *search = NULL;
  const char *network;
  AdwPreferencesGroup *group;

  row->scope = g_object_ref (scope);

  if (mfm_relationship_has_scope (self->relationship, mfm_scope_get_ref (scope)) ||
      g_strcmp0 (other, name) == 0)
    row->category = SCOPE_MEMBER;
  else if (mfm_scope_get_pool_count (scope) == 0)
    {
      row->category = SCOPE_INELIGIBLE;
      reason = g_strdup (_("No address pool"));
    }
  else if (other != NULL)
    {
      row->category = SCOPE_INELIGIBLE;
      reason = g_strdup_printf (_("In relationship “%s”"), other);
    }
  else
    row->category = SCOPE_ELIGIBLE;

  /* The network comes from the scope's Range; a name is never taken for it. */
  network = mfm_scope_get_subnet (scope) != NULL ? mfm_scope_get_subnet (scope)
                                                 : _("Network unknown");
  if (reason != NULL)
    subtitle = g_strdup_printf ("%s · %s", network, reason);
  else
    subtitle = g_strdup (network);

  row->row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), mfm_scope_get_name (scope));
  adw_action_row_set_subtitle (row->row, subtitle);

  if (row->category != SCOPE_INELIGIBLE)
    {
      row->check = GTK_CHECK_BUTTON (gtk_check_button_new ());
      gtk_widget_set_valign (GTK_WIDGET (row->check), GTK_ALIGN_CENTER);
      gtk_check_button_set_active (row->check, row->category == SCOPE_MEMBER);
      /* Named by the scope ref, so tests and tools can find a scope's check box. */
      gtk_widget_set_name (GTK_WIDGET (row->check), mfm_scope_get_ref (scope));
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, mfm_scope_get_name (scope),
                                      -1);
      g_signal_connect_object (row->check, "toggled",
                               G_CALLBACK (check_toggled_cb), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (row->row, GTK_WIDGET (row->check));
      adw_action_row_set_activatable_widget (row->row, GTK_WIDGET (row->check));
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("action-unavailable-symbolic");

      gtk_widget_add_css_class (icon, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Not eligible"),
                                      -1);
      adw_action_row_add_prefix (row->row, icon);
    }

  search = g_strdup_printf ("%s %s %s", mfm_scope_get_name (scope),
                            mfm_scope_get_subnet (scope) ? mfm_scope_get_subnet (scope) : "",
                            mfm_scope_get_description (scope) ? mfm_scope_get_description (scope) : "");
  row->search_text = g_utf8_casefold (search, -1);

  group = row->category == SCOPE_MEMBER ? self->member_group
          : row->category == SCOPE_ELIGIBLE ? self->eligible_group
          : self->ineligible_group;
  adw_preferences_group_add (group, GTK_WIDGET (row->row));
  g_ptr_array_add (self->rows, row);
}

static int
compare_scopes (gconstpointer a,
                gconstpointer b)
{
  MfmScope *scope_a = *(MfmScope **) a;
  MfmScope *scope_b = *(MfmScope **) b;

  return g_utf8_collate (mfm_scope_get_name (scope_a), mfm_scope_get_name (scope_b));
}

static void
scopes_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MfmScopesDialog) self = user_data;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GError) error = NULL;

  scopes = mfm_session_load_scopes_finish (MFM_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  set_loading (self, FALSE);

  if (scopes == NULL)
    {
      g_autofree char *description = mfm_error_describe (error);
      /* The description is markup; the detail is the server's or the parser's text. */
      g_autofree char *escaped = g_markup_escape_text (description, -1);

      adw_status_page_set_description (self->error_page, escaped);
      gtk_stack_set_visible_child_name (self->content_stack, "error");
      return;
    }

  /* The review and the remove dialog compute their impact from the inventory. */
  mfm_inventory_replace_scopes_for_server (mfm_session_get_inventory (self->session),
                                           mfm_relationship_get_primary_server_ref (self->relationship),
                                           scopes);

  clear_rows (self);
  g_ptr_array_sort (scopes, compare_scopes);
  for (guint i = 0; i < scopes->len; i++)
    add_scope_row (self, g_ptr_array_index (scopes, i));

  update_visibility (self);
  update_apply (self);
  gtk_stack_set_visible_child_name (self->content_stack, "scopes");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
load (MfmScopesDialog *self)
{
  MfmServer *primary = mfm_inventory_lookup_server (mfm_session_get_inventory (self->session),
                                                    mfm_relationship_get_primary_server_ref (self->relationship));
  g_autofree char *text = NULL;

  text = g_strdup_printf (_("Reading the scopes of %s…"),
                          primary ? mfm_server_get_display_name (primary)
                                  : mfm_relationship_get_primary_server (self->relationship));
  gtk_label_set_label (self->loading_label, text);
  gtk_stack_set_visible_child_name (self->content_stack, "loading");
  set_loading (self, TRUE);

  mfm_session_load_scopes_async (self->session,
                                 mfm_relationship_get_primary_server_ref (self->relationship),
                                 self->cancellable,
                                 scopes_loaded_cb,
                                 g_object_ref (self));
}

static void
retry_clicked_cb (MfmScopesDialog *self)
{
  load (self);
}

static void
apply_clicked_cb (MfmScopesDialog *self)
{
  g_auto(GStrv) to_add = collect_refs (self, SCOPE_ELIGIBLE, TRUE);
  g_auto(GStrv) to_remove = collect_refs (self, SCOPE_MEMBER, FALSE);

  if (to_add[0] != NULL)
    {
      g_autoptr(MfmChange) change = mfm_change_new_add_scopes (self->relationship,
                                                               (const char * const *) to_add);

      mfm_session_stage (self->session, change);
    }

  if (to_remove[0] != NULL)
    {
      MfmDeconfigureAction action = gtk_check_button_get_active (self->delete_check)
                                    ? MFM_DECONFIGURE_DELETE : MFM_DECONFIGURE_DISABLE;
      g_autoptr(MfmChange) change = mfm_change_new_remove_scopes (self->relationship,
                                                                  (const char * const *) to_remove,
                                                                  action);

      mfm_session_stage (self->session, change);
    }

  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (MfmScopesDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
escape_pressed_cb (GtkWidget *widget,
                   GVariant  *args,
                   gpointer   user_data)
{
  gtk_window_destroy (GTK_WINDOW (widget));
  return TRUE;
}

static void
mfm_scopes_dialog_dispose (GObject *object)
{
  MfmScopesDialog *self = (MfmScopesDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->relationship);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_scopes_dialog_parent_class)->dispose (object);
}

static void
mfm_scopes_dialog_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfmScopesDialog *self = MFM_SCOPES_DIALOG (object);

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
mfm_scopes_dialog_class_init (MfmScopesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_scopes_dialog_dispose;
  object_class->get_property = mfm_scopes_dialog_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-scopes-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, content_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, loading_label);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, error_page);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, retry_button);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, member_group);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, eligible_group);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, ineligible_group);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, removal_group);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, disable_check);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, delete_check);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed_cb, NULL);
}

static void
mfm_scopes_dialog_init (MfmScopesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) scope_row_free);
}

MfmScopesDialog *
mfm_scopes_dialog_new (GtkWindow  *parent,
                       MfmSession *session,
                       const char *relationship_name)
{
  g_autoptr(MfmRelationship) relationship = NULL;
  MfmScopesDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  relationship = mfm_session_dup_projected_relationship (session, relationship_name);
  if (relationship == NULL)
    {
      g_warning ("No relationship named “%s” to manage", relationship_name);
      return NULL;
    }

  self = g_object_new (MFM_TYPE_SCOPES_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->relationship = g_steal_pointer (&relationship);
  adw_window_title_set_subtitle (self->window_title, relationship_name);

  load (self);

  return self;
}

gboolean
mfm_scopes_dialog_get_loading (MfmScopesDialog *self)
{
  g_return_val_if_fail (MFM_IS_SCOPES_DIALOG (self), FALSE);

  return self->loading;
}
