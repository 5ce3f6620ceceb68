/* mfm-remove-dialog.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-remove-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-error.h"
#include "mfm-remove-dialog.h"
#include "mfm-view-closures.h"

struct _MfmRemoveDialog
{
  AdwWindow        parent_instance;

  /* Owned References */
  MfmSession      *session;
  MfmRelationship *relationship;
  GCancellable    *cancellable;

  guint            n_loading;
  gboolean         staged_new;       /* added by a staged change, not on any server yet */

  /* Template Widgets */
  AdwWindowTitle  *window_title;
  GtkButton       *remove_button;
  GtkLabel        *heading_label;
  GtkLabel        *body_label;
  GtkCheckButton  *disable_check;
  GtkCheckButton  *delete_check;
  AdwActionRow    *disable_row;
  AdwActionRow    *delete_row;
  GtkSpinner      *spinner;
  GtkListBox      *impact_list;
  GtkLabel        *load_error_label;
  GtkWidget       *choice_group;
  GtkWidget       *impact_group;
};

G_DEFINE_FINAL_TYPE (MfmRemoveDialog, mfm_remove_dialog, ADW_TYPE_WINDOW)

static MfmDeconfigureAction
get_action (MfmRemoveDialog *self)
{
  return gtk_check_button_get_active (self->delete_check) ? MFM_DECONFIGURE_DELETE
                                                          : MFM_DECONFIGURE_DISABLE;
}

static const char *
server_display_name (MfmRemoveDialog *self,
                     const char      *ref,
                     const char      *fallback)
{
  MfmServer *server = NULL;

  if (ref != NULL)
    server = mfm_inventory_lookup_server (mfm_session_get_inventory (self->session), ref);

  return server != NULL ? mfm_server_get_display_name (server) : fallback;
}

typedef struct
{
  char      *scope;
  GPtrArray *outcomes;   /* of GtkWidget (labels), floating until added */
} ScopeOutcomes;

static void
scope_outcomes_free (ScopeOutcomes *outcomes)
{
  g_free (outcomes->scope);
  g_ptr_array_unref (outcomes->outcomes);
  g_free (outcomes);
}

typedef enum
{
  OUTCOME_KEPT,
  OUTCOME_DISABLED,
  OUTCOME_DELETED,
} Outcome;

static char *
describe_outcome (Outcome     outcome,
                  const char *server)
{
  /* Translators: what happens to a scope; %s is a server name. */
  switch (outcome)
    {
    case OUTCOME_KEPT:
      return g_strdup_printf (_("Kept on %s"), server);
    case OUTCOME_DISABLED:
      return g_strdup_printf (_("Disabled on %s"), server);
    case OUTCOME_DELETED:
    default:
      return g_strdup_printf (_("Deleted on %s"), server);
    }
}

static void
add_outcomes (GPtrArray          *scopes,
              const char * const *names,
              Outcome             outcome,
              const char         *server,
              const char         *style_class)
{
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      ScopeOutcomes *entry = NULL;
      g_autofree char *text = describe_outcome (outcome, server);
      GtkWidget *label;

      for (guint j = 0; j < scopes->len && entry == NULL; j++)
        {
          ScopeOutcomes *candidate = g_ptr_array_index (scopes, j);

          if (g_strcmp0 (candidate->scope, names[i]) == 0)
            entry = candidate;
        }

      if (entry == NULL)
        {
          entry = g_new0 (ScopeOutcomes, 1);
          entry->scope = g_strdup (names[i]);
          entry->outcomes = g_ptr_array_new ();
          g_ptr_array_add (scopes, entry);
        }

      /* The outcome is written out, so it does not rely on colour. */
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 1.0);
      gtk_widget_add_css_class (label, style_class);
      gtk_widget_add_css_class (label, "caption-heading");
      g_ptr_array_add (entry->outcomes, label);
    }
}

static void
update_impact (MfmRemoveDialog *self)
{
  g_autoptr(MfmChange) change = mfm_change_new_remove (self->relationship, get_action (self));
  g_autoptr(GPtrArray) impact = mfm_change_compute_impact (change, mfm_session_get_inventory (self->session));
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func ((GDestroyNotify) scope_outcomes_free);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->impact_list))) != NULL)
    gtk_list_box_remove (self->impact_list, child);

  for (guint i = 0; impact != NULL && i < impact->len; i++)
    {
      MfmServerImpact *server_impact = g_ptr_array_index (impact, i);
      const char *server = server_display_name (self, server_impact->server_ref,
                                                server_impact->server_name);

      add_outcomes (scopes, (const char * const *) server_impact->scopes_kept,
                    OUTCOME_KEPT, server, "success");
      add_outcomes (scopes, (const char * const *) server_impact->scopes_disabled,
                    OUTCOME_DISABLED, server, "warning");
      add_outcomes (scopes, (const char * const *) server_impact->scopes_deleted,
                    OUTCOME_DELETED, server, "error");
    }

  for (guint i = 0; i < scopes->len; i++)
    {
      ScopeOutcomes *entry = g_ptr_array_index (scopes, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);

      gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
      for (guint j = 0; j < entry->outcomes->len; j++)
        gtk_box_append (GTK_BOX (box), g_ptr_array_index (entry->outcomes, j));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->scope);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_list_box_append (self->impact_list, row);
    }

  if (scopes->len == 0 && self->n_loading == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No scopes are in this relationship; no scope is affected."));
      gtk_list_box_append (self->impact_list, row);
    }
}

typedef struct
{
  MfmRemoveDialog *self;
  char            *server_ref;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_object_unref (data->self);
  g_free (data->server_ref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoadData, load_data_free)

static void
scopes_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(LoadData) data = user_data;
  MfmRemoveDialog *self = data->self;
  const char *server_ref = data->server_ref;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GError) error = NULL;

  scopes = mfm_session_load_scopes_finish (MFM_SESSION (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->n_loading--;
  gtk_spinner_set_spinning (self->spinner, self->n_loading > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->n_loading > 0);

  if (scopes != NULL && server_ref != NULL)
    mfm_inventory_replace_scopes_for_server (mfm_session_get_inventory (self->session),
                                             server_ref, scopes);
  else if (error != NULL)
    {
      g_autofree char *text = g_strdup_printf (_("The list may be incomplete: %s"),
                                               mfm_error_get_sentence (error));

      gtk_label_set_label (self->load_error_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->load_error_label), TRUE);
    }

  update_impact (self);
}

static void
load_scopes (MfmRemoveDialog *self,
             const char      *server_ref)
{
  LoadData *data;

  if (server_ref == NULL)
    return;

  self->n_loading++;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), TRUE);
  gtk_spinner_set_spinning (self->spinner, TRUE);

  data = g_new0 (LoadData, 1);
  data->self = g_object_ref (self);
  data->server_ref = g_strdup (server_ref);
  mfm_session_load_scopes_async (self->session, server_ref, self->cancellable,
                                 scopes_loaded_cb, data);
}

static void
choice_toggled_cb (MfmRemoveDialog *self)
{
  update_impact (self);
}

static void
remove_clicked_cb (MfmRemoveDialog *self)
{
  g_autoptr(MfmChange) change = NULL;

  /* Not saved yet: taking back its staged changes removes it; no call goes to Micetro. */
  if (self->staged_new)
    {
      mfm_change_set_remove_relationship_changes (mfm_session_get_changes (self->session),
                                                  mfm_relationship_get_name (self->relationship));
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  change = mfm_change_new_remove (self->relationship, get_action (self));
  mfm_session_stage (self->session, change);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_clicked_cb (MfmRemoveDialog *self)
{
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
mfm_remove_dialog_dispose (GObject *object)
{
  MfmRemoveDialog *self = (MfmRemoveDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->relationship);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_remove_dialog_parent_class)->dispose (object);
}

static void
mfm_remove_dialog_class_init (MfmRemoveDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_remove_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-remove-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, remove_button);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, disable_check);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, delete_check);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, disable_row);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, delete_row);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, impact_list);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, load_error_label);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, choice_group);
  gtk_widget_class_bind_template_child (widget_class, MfmRemoveDialog, impact_group);
  gtk_widget_class_bind_template_callback (widget_class, choice_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mfm_remove_dialog_init (MfmRemoveDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), FALSE);
}

MfmRemoveDialog *
mfm_remove_dialog_new (GtkWindow  *parent,
                       MfmSession *session,
                       const char *relationship_name)
{
  g_autoptr(MfmRelationship) relationship = NULL;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *disable_subtitle = NULL;
  g_autofree char *delete_subtitle = NULL;
  g_autofree char *primary_in_text = NULL;
  g_autofree char *secondary_in_text = NULL;
  MfmRemoveDialog *self;
  const char *primary;
  const char *secondary;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  relationship = mfm_session_dup_projected_relationship (session, relationship_name);
  if (relationship == NULL)
    {
      g_warning ("No relationship named “%s” to remove", relationship_name);
      return NULL;
    }

  self = g_object_new (MFM_TYPE_REMOVE_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->relationship = g_steal_pointer (&relationship);

  primary = server_display_name (self, mfm_relationship_get_primary_server_ref (self->relationship),
                                 mfm_relationship_get_primary_server (self->relationship));
  secondary = server_display_name (self, mfm_relationship_get_secondary_server_ref (self->relationship),
                                   mfm_relationship_get_secondary_server (self->relationship));

  primary_in_text = mfm_display_name_unbroken (primary);
  secondary_in_text = mfm_display_name_unbroken (secondary);

  adw_window_title_set_subtitle (self->window_title, relationship_name);

  /* A relationship only staged has no peer statement and no scopes on any server yet: there
   * is nothing to deconfigure, only staged changes to take back. */
  self->staged_new = mfm_change_set_get_pending_state (mfm_session_get_changes (session), relationship_name)
                     == MFM_PENDING_NEW;
  if (self->staged_new)
    {
      heading = g_strdup_printf (_("Remove the new relationship “%s”?"), relationship_name);
      gtk_label_set_label (self->heading_label, heading);
      body = g_strdup_printf (_("It is staged but not saved, so neither %s nor %s has it yet. Removing it takes back its staged changes; nothing is sent to Micetro."),
                              primary_in_text, secondary_in_text);
      gtk_label_set_label (self->body_label, body);
      gtk_widget_set_visible (self->choice_group, FALSE);
      gtk_widget_set_visible (self->impact_group, FALSE);
      return self;
    }

  heading = g_strdup_printf (_("Remove relationship “%s”?"), relationship_name);
  gtk_label_set_label (self->heading_label, heading);
  body = g_strdup_printf (_("Both servers lose the failover peer statement. %s keeps its scopes and serves them alone; choose what happens to the copies on %s."),
                          primary_in_text, secondary_in_text);
  gtk_label_set_label (self->body_label, body);
  disable_subtitle = g_strdup_printf (_("They stay on %s, switched off, and can be enabled again."), secondary_in_text);
  adw_action_row_set_subtitle (self->disable_row, disable_subtitle);
  delete_subtitle = g_strdup_printf (_("They are deleted from %s."), secondary_in_text);
  adw_action_row_set_subtitle (self->delete_row, delete_subtitle);

  /* The impact needs both servers' scopes, which a refresh does not read. */
  if (mfm_relationship_get_scope_count (self->relationship) > 0)
    {
      load_scopes (self, mfm_relationship_get_primary_server_ref (self->relationship));
      load_scopes (self, mfm_relationship_get_secondary_server_ref (self->relationship));
    }

  update_impact (self);

  return self;
}
