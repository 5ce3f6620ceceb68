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
#include "mfm-scope-choice.h"
#include "mfm-scopes-dialog.h"

struct _MfmScopesDialog
{
  AdwWindow            parent_instance;

  /* Owned References */
  MfmSession          *session;
  MfmRelationship     *relationship;
  GCancellable        *cancellable;
  GListStore          *choices[3];     /* MfmScopeChoice by MfmScopeChoiceCategory */
  char                *needle;         /* the search, case-folded */

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
  GtkListBox          *member_list;
  GtkListBox          *eligible_list;
  GtkListBox          *ineligible_list;
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
collect_refs (MfmScopesDialog        *self,
              MfmScopeChoiceCategory  category,
              gboolean                checked)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GListModel *choices = G_LIST_MODEL (self->choices[category]);

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(MfmScopeChoice) choice = g_list_model_get_item (choices, i);

      if (mfm_scope_choice_get_checked (choice) == checked)
        g_strv_builder_add (builder, mfm_scope_get_ref (mfm_scope_choice_get_scope (choice)));
    }

  return g_strv_builder_end (builder);
}

static void
update_apply (MfmScopesDialog *self)
{
  g_auto(GStrv) to_add = collect_refs (self, MFM_SCOPE_CHOICE_ELIGIBLE, TRUE);
  g_auto(GStrv) to_remove = collect_refs (self, MFM_SCOPE_CHOICE_MEMBER, FALSE);
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
checked_changed_cb (MfmScopesDialog *self)
{
  update_apply (self);
}

/* A list box bound to a model takes no filter function: the rows themselves hide. */
static void
filter_rows (MfmScopesDialog *self,
             GtkListBox      *list)
{
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      MfmScopeChoice *choice = g_object_get_data (G_OBJECT (row), "mfm-scope-choice");

      gtk_widget_set_visible (GTK_WIDGET (row), mfm_scope_choice_matches (choice, self->needle));
    }
}

static guint
count_matching (MfmScopesDialog        *self,
                MfmScopeChoiceCategory  category)
{
  GListModel *choices = G_LIST_MODEL (self->choices[category]);
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (choices); i++)
    {
      g_autoptr(MfmScopeChoice) choice = g_list_model_get_item (choices, i);

      if (mfm_scope_choice_matches (choice, self->needle))
        count++;
    }

  return count;
}

/* The search hides the rows that do not match; their checks stay as they were. */
static void
update_visibility (MfmScopesDialog *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint visible[3];
  guint total = 0;

  g_free (self->needle);
  self->needle = g_utf8_casefold (text ? text : "", -1);
  g_strstrip (self->needle);

  filter_rows (self, self->member_list);
  filter_rows (self, self->eligible_list);
  filter_rows (self, self->ineligible_list);

  for (guint i = 0; i < G_N_ELEMENTS (visible); i++)
    {
      visible[i] = count_matching (self, i);
      total += g_list_model_get_n_items (G_LIST_MODEL (self->choices[i]));
    }

  gtk_widget_set_visible (GTK_WIDGET (self->member_group), visible[MFM_SCOPE_CHOICE_MEMBER] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->eligible_group), visible[MFM_SCOPE_CHOICE_ELIGIBLE] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->ineligible_group), visible[MFM_SCOPE_CHOICE_INELIGIBLE] > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->no_match_label),
                          visible[0] + visible[1] + visible[2] == 0);
  gtk_label_set_label (self->no_match_label,
                       total == 0 ? _("The primary server has no scopes.")
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

/* A row per scope of the model: a check box for those that can be in the relationship, bound
 * to the choice, and the reason for those that cannot. */
static GtkWidget *
create_scope_row (gpointer item,
                  gpointer user_data)
{
  MfmScopeChoice *choice = item;
  MfmScope *scope = mfm_scope_choice_get_scope (choice);
  const char *reason = mfm_scope_choice_get_reason (choice);
  g_autofree char *subtitle = NULL;
  const char *network;
  GtkWidget *row;

  /* The network comes from the scope's Range; a name is never taken for it. */
  network = mfm_scope_get_subnet (scope) != NULL ? mfm_scope_get_subnet (scope)
                                                 : _("Network unknown");
  if (reason != NULL)
    subtitle = g_strdup_printf ("%s · %s", network, reason);
  else
    subtitle = g_strdup (network);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), mfm_scope_get_name (scope));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "mfm-scope-choice", g_object_ref (choice), g_object_unref);

  if (mfm_scope_choice_get_category (choice) != MFM_SCOPE_CHOICE_INELIGIBLE)
    {
      GtkWidget *check = gtk_check_button_new ();

      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      g_object_bind_property (choice, "checked", check, "active",
                              G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
      /* Named by the scope ref, so tests and tools can find a scope's check box. */
      gtk_widget_set_name (check, mfm_scope_get_ref (scope));
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, mfm_scope_get_name (scope),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
    }
  else
    {
      GtkWidget *icon = gtk_image_new_from_icon_name ("action-unavailable-symbolic");

      gtk_widget_add_css_class (icon, "dim-label");
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Not eligible"),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

/* Up and Down go on past the first and last scope of a group, as in a preferences group. */
static gboolean
list_keynav_failed_cb (MfmScopesDialog  *self,
                       GtkDirectionType  direction)
{
  if (direction != GTK_DIR_UP && direction != GTK_DIR_DOWN)
    return FALSE;

  return gtk_widget_child_focus (GTK_WIDGET (self),
                                 direction == GTK_DIR_UP ? GTK_DIR_TAB_BACKWARD : GTK_DIR_TAB_FORWARD);
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

  for (guint i = 0; i < G_N_ELEMENTS (self->choices); i++)
    g_list_store_remove_all (self->choices[i]);
  g_ptr_array_sort (scopes, compare_scopes);
  for (guint i = 0; i < scopes->len; i++)
    {
      g_autoptr(MfmScopeChoice) choice = mfm_scope_choice_new (g_ptr_array_index (scopes, i),
                                                               self->relationship);

      g_signal_connect_object (choice, "notify::checked", G_CALLBACK (checked_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_list_store_append (self->choices[mfm_scope_choice_get_category (choice)], choice);
    }

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
  g_auto(GStrv) to_add = collect_refs (self, MFM_SCOPE_CHOICE_ELIGIBLE, TRUE);
  g_auto(GStrv) to_remove = collect_refs (self, MFM_SCOPE_CHOICE_MEMBER, FALSE);

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
  for (guint i = 0; i < G_N_ELEMENTS (self->choices); i++)
    g_clear_object (&self->choices[i]);
  g_clear_pointer (&self->needle, g_free);
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

  /**
   * MfmScopesDialog:loading:
   *
   * %TRUE while the primary's scopes are being read.
   */
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
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, member_list);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, eligible_list);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, ineligible_list);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, removal_group);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, no_match_label);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, disable_check);
  gtk_widget_class_bind_template_child (widget_class, MfmScopesDialog, delete_check);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_keynav_failed_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Escape, 0, escape_pressed_cb, NULL);
}

static void
mfm_scopes_dialog_init (MfmScopesDialog *self)
{
  GtkListBox *lists[3];

  gtk_widget_init_template (GTK_WIDGET (self));
  lists[MFM_SCOPE_CHOICE_MEMBER] = self->member_list;
  lists[MFM_SCOPE_CHOICE_ELIGIBLE] = self->eligible_list;
  lists[MFM_SCOPE_CHOICE_INELIGIBLE] = self->ineligible_list;
  self->cancellable = g_cancellable_new ();
  self->needle = g_strdup ("");

  /* The three groups bind the dialog's models: one store of choices per category. */
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      self->choices[i] = g_list_store_new (MFM_TYPE_SCOPE_CHOICE);
      gtk_list_box_bind_model (lists[i], G_LIST_MODEL (self->choices[i]), create_scope_row, NULL, NULL);
    }
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
