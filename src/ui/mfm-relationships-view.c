/* mfm-relationships-view.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-relationships-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-column-fit.h"
#include "mfm-health-badge.h"
#include "mfm-key-sorter.h"
#include "mfm-relationships-view.h"
#include "mfm-rules.h"
#include "mfm-state-badge.h"
#include "mfm-search-filter.h"
#include "mfm-safe-rows-model.h"
#include "mfm-row-menu-factory.h"
#include "mfm-view-closures.h"

struct _MfmRelationshipsView
{
  AdwBin                    parent_instance;

  /* Template widgets */
  GtkLabel                 *count_label;
  GtkStack                 *list_stack;
  AdwStatusPage            *empty_page;
  GtkColumnView            *column_view;
  GtkColumnViewColumn      *name_column;
  GtkColumnViewColumn      *primary_column;
  GtkColumnViewColumn      *secondary_column;
  GtkColumnViewColumn      *scopes_column;
  GtkColumnViewColumn      *mode_column;
  GtkColumnViewColumn      *mclt_column;
  GtkColumnViewColumn      *health_column;
  GtkColumnViewColumn      *warnings_column;
  GtkColumnViewColumn      *pending_column;
  GtkColumnViewColumn      *menu_column;
  GtkSingleSelection       *selection;
  GtkFilterListModel       *filter_model;
  MfmSearchFilter          *search_filter;
  GtkSignalListItemFactory *warnings_factory;

  /* Owned */
  MfmSession               *session;
  char                     *search;
  MfmColumnFit             *column_fit;
};

/* The width of the host name columns when the columns do not fit. */
#define NARROW_HOST_WIDTH 120
#define NARROW_NAME_WIDTH 110

G_DEFINE_FINAL_TYPE (MfmRelationshipsView, mfm_relationships_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
relationship_search_fields (gpointer     item,
                            const char **fields)
{
  fields[0] = mfm_relationship_get_name (item);
  fields[1] = mfm_relationship_get_primary_server (item);
  fields[2] = mfm_relationship_get_secondary_server (item);

  return 3;
}

/* Connected after the template's binding of the search filter, so the rows are filtered. */
static void
search_changed_cb (MfmRelationshipsView *self)
{
  /* The matches start at the top, not where the rows before the search were scrolled. */
  mfm_scroll_to_top (self->column_view);
}

/* Rows arrived: fold their search keys before anyone types. */
static void
source_items_changed_cb (MfmRelationshipsView *self)
{
  mfm_search_filter_prepare (self->search_filter, gtk_filter_list_model_get_model (self->filter_model));
}

static void
update_count (MfmRelationshipsView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  /* Nothing is counted before the first load is complete: "0 relationships" would be a lie. */
  if (self->session == NULL || !mfm_session_get_loaded (self->session))
    text = g_strdup (_("Loading relationships…"));
  else
    text = g_strdup_printf (ngettext ("%u relationship", "%u relationships", shown), shown);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 ? "empty" : "list");

  if (self->search != NULL && *self->search != '\0')
    adw_status_page_set_description (self->empty_page, _("No relationship matches the search."));
  else
    adw_status_page_set_description (self->empty_page, _("No server takes part in a failover relationship yet."));
}

static void
filtered_items_changed_cb (MfmRelationshipsView *self)
{
  update_count (self);
}

typedef struct
{
  char  *text;      /* one warning a line */
  guint  n;
} Warnings;

static void
warnings_free (gpointer data)
{
  Warnings *warnings = data;

  g_free (warnings->text);
  g_free (warnings);
}

/* The rules run once per relationship and again only when it changes (see
 * relationship_notify_cb), not on every bind while the table scrolls or fills. */
static const Warnings *
get_warnings (MfmRelationshipsView *self,
              MfmRelationship      *relationship)
{
  Warnings *warnings = g_object_get_data (G_OBJECT (relationship), "mfm-warnings");

  if (warnings == NULL)
    {
      warnings = g_new0 (Warnings, 1);
      warnings->text = mfm_relationships_view_describe_warnings (self, relationship, &warnings->n);
      g_object_set_data_full (G_OBJECT (relationship), "mfm-warnings", warnings, warnings_free);
    }

  return warnings;
}

static void
update_warnings_label (GtkLabel        *label,
                       MfmRelationship *relationship)
{
  MfmRelationshipsView *self = g_object_get_data (G_OBJECT (label), "view");
  g_autofree char *summary = NULL;
  const Warnings *warnings;

  if (self == NULL)
    return;

  warnings = get_warnings (self, relationship);

  if (warnings->n == 0)
    {
      gtk_label_set_text (label, "");
      g_object_set_data (G_OBJECT (label), "mfm-tooltip", NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_widget_remove_css_class (GTK_WIDGET (label), "warning");
      return;
    }

  /* Short in the table; the sentences are in the tooltip. */
  summary = g_strdup_printf (ngettext ("%u warning", "%u warnings", warnings->n), warnings->n);
  gtk_label_set_text (label, summary);

  /* The full list, shown when the pointer rests on the cell, and read with it by a screen
   * reader. */
  g_object_set_data_full (G_OBJECT (label), "mfm-tooltip", g_strdup (warnings->text), g_free);
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, warnings->text,
                                  -1);
  gtk_widget_add_css_class (GTK_WIDGET (label), "warning");
}

static void
relationship_notify_cb (MfmRelationship *relationship,
                        GParamSpec      *pspec,
                        GtkLabel        *label)
{
  /* The badge is not a setting: no rule looks at it. */
  if (g_str_equal (pspec->name, "pending-state"))
    return;

  g_object_set_data (G_OBJECT (relationship), "mfm-warnings", NULL);
  update_warnings_label (label, relationship);
}

static void
warnings_setup_cb (MfmRelationshipsView     *self,
                   GtkListItem              *list_item,
                   GtkSignalListItemFactory *factory)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (mfm_ellipsized_label_query_tooltip), NULL);
  g_object_set_data (G_OBJECT (label), "view", self);
  gtk_list_item_set_child (list_item, label);
}

static void
warnings_bind_cb (MfmRelationshipsView     *self,
                  GtkListItem              *list_item,
                  GtkSignalListItemFactory *factory)
{
  MfmRelationship *relationship = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  update_warnings_label (GTK_LABEL (label), relationship);
  /* A refresh updates the object in place. */
  g_signal_connect_object (relationship, "notify",
                           G_CALLBACK (relationship_notify_cb), label, 0);
}

static void
warnings_unbind_cb (MfmRelationshipsView     *self,
                    GtkListItem              *list_item,
                    GtkSignalListItemFactory *factory)
{
  MfmRelationship *relationship = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  if (relationship != NULL)
    g_signal_handlers_disconnect_by_func (relationship, relationship_notify_cb, label);
}

static void
mfm_relationships_view_dispose (GObject *object)
{
  MfmRelationshipsView *self = (MfmRelationshipsView *)object;

  g_clear_object (&self->column_fit);

  /* Tearing down the columns re-sorts the models: nothing to show any more. */
  g_signal_handlers_disconnect_by_data (self->filter_model, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_relationships_view_parent_class)->dispose (object);
}

static void
mfm_relationships_view_finalize (GObject *object)
{
  MfmRelationshipsView *self = (MfmRelationshipsView *)object;

  g_free (self->search);

  G_OBJECT_CLASS (mfm_relationships_view_parent_class)->finalize (object);
}

static void
mfm_relationships_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MfmRelationshipsView *self = MFM_RELATIONSHIPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_relationships_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MfmRelationshipsView *self = MFM_RELATIONSHIPS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mfm_relationships_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_SEARCH:
      mfm_relationships_view_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
edit_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  MfmRelationshipsView *self = (MfmRelationshipsView *)widget;

  mfm_relationship_row_action (widget, G_LIST_MODEL (self->selection), "changes.edit-relationship");
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  MfmRelationshipsView *self = (MfmRelationshipsView *)widget;

  mfm_relationship_row_action (widget, G_LIST_MODEL (self->selection), "changes.remove-relationship");
}

/* Enter or a double click on a row: Edit…, as in Micetro. */
static void
row_activated_cb (MfmRelationshipsView *self,
                  guint position)
{
  gtk_single_selection_set_selected (self->selection, position);
  mfm_relationship_row_action (GTK_WIDGET (self), G_LIST_MODEL (self->selection), "changes.edit-relationship");
}

static void
mfm_relationships_view_class_init (MfmRelationshipsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_relationships_view_dispose;
  object_class->finalize = mfm_relationships_view_finalize;
  object_class->get_property = mfm_relationships_view_get_property;
  object_class->set_property = mfm_relationships_view_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_RELATIONSHIP);
  g_type_ensure (MFM_TYPE_KEY_SORTER);
  g_type_ensure (MFM_TYPE_SESSION);
  g_type_ensure (MFM_TYPE_STATE_BADGE);
  g_type_ensure (MFM_TYPE_SEARCH_FILTER);
  g_type_ensure (MFM_TYPE_SAFE_ROWS_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfm-relationships-view.ui");
  gtk_widget_class_install_action (widget_class, "relationship.edit-selected", NULL, edit_selected_action);
  gtk_widget_class_install_action (widget_class, "relationship.remove-selected", NULL, remove_selected_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "relationship.remove-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "relationship.remove-selected", NULL);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, name_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, primary_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, secondary_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, scopes_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, mode_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, mclt_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, health_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, warnings_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, pending_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, menu_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, selection);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, search_filter);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, warnings_factory);
  gtk_widget_class_bind_template_callback (widget_class, filtered_items_changed_cb);
  mfm_view_closures_bind (widget_class);
}

static void
mfm_relationships_view_init (MfmRelationshipsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (self, "notify::search", G_CALLBACK (search_changed_cb), NULL);
  mfm_search_filter_set_fields_func (self->search_filter, relationship_search_fields);
  g_signal_connect_object (gtk_filter_list_model_get_model (self->filter_model), "items-changed",
                           G_CALLBACK (source_items_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->warnings_factory, "setup", G_CALLBACK (warnings_setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->warnings_factory, "bind", G_CALLBACK (warnings_bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->warnings_factory, "unbind", G_CALLBACK (warnings_unbind_cb), self, G_CONNECT_SWAPPED);

  /* Micetro's six columns always stay. When the columns do not fit, these give way one at a
   * time, in this order: MCLT, Warnings; then the relationship and host names shrink (the
   * host label, which tells servers apart, comes first); then Pending (the pending bar and the
   * staged values' tooltips still tell what is staged); last Health (the details window lists
   * the findings). The state and the row menu stay in view. */
  self->column_fit = mfm_column_fit_new (self->column_view);
  mfm_column_fit_add_optional (self->column_fit, self->mclt_column);
  mfm_column_fit_add_optional (self->column_fit, self->warnings_column);
  mfm_column_fit_shrink_here (self->column_fit);
  mfm_column_fit_add_optional (self->column_fit, self->pending_column);
  mfm_column_fit_add_optional (self->column_fit, self->health_column);
  mfm_column_fit_add_shrinking (self->column_fit, self->name_column, NARROW_NAME_WIDTH);
  mfm_column_fit_add_shrinking (self->column_fit, self->primary_column, NARROW_HOST_WIDTH);
  mfm_column_fit_add_shrinking (self->column_fit, self->secondary_column, NARROW_HOST_WIDTH);

  {
    g_autoptr(GtkListItemFactory) factory = mfm_relationship_menu_factory_new ();
    g_autoptr(GtkListItemFactory) health_factory = mfm_health_badge_factory_new (G_OBJECT (self));

    gtk_column_view_column_set_factory (self->menu_column, factory);
    gtk_column_view_column_set_factory (self->health_column, health_factory);
  }
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  update_count (self);
}

void
mfm_relationships_view_set_session (MfmRelationshipsView *self,
                                    MfmSession           *session)
{
  g_return_if_fail (MFM_IS_RELATIONSHIPS_VIEW (self));
  g_return_if_fail (!session || MFM_IS_SESSION (session));

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, update_count, self);
  if (!g_set_object (&self->session, session))
    return;
  if (session != NULL)
    g_signal_connect_object (session, "notify::loaded", G_CALLBACK (update_count), self,
                             G_CONNECT_SWAPPED);

  update_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
mfm_relationships_view_set_search (MfmRelationshipsView *self,
                                   const char           *search)
{
  g_return_if_fail (MFM_IS_RELATIONSHIPS_VIEW (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
  update_count (self);
}

/**
 * mfm_relationships_view_get_model:
 *
 * Returns: (transfer none): the rows shown
 */
GListModel *
mfm_relationships_view_get_model (MfmRelationshipsView *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIPS_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * mfm_relationships_view_get_column_view:
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
mfm_relationships_view_get_column_view (MfmRelationshipsView *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIPS_VIEW (self), NULL);

  return self->column_view;
}

char *
mfm_relationships_view_describe_warnings (MfmRelationshipsView *self,
                                          MfmRelationship      *relationship,
                                          guint                *n_warnings)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  MfmRuleContext context = { 0 };
  guint n = 0;

  g_return_val_if_fail (MFM_IS_RELATIONSHIPS_VIEW (self), NULL);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  if (self->session != NULL)
    {
      context.inventory = mfm_session_get_inventory (self->session);
      context.primary_server_ref = mfm_relationship_get_primary_server_ref (relationship);
      /* Checked as an edit of itself, so its own name is not "already used". */
      context.editing_name = mfm_relationship_get_name (relationship);

      findings = mfm_rules_check_relationship (relationship, &context);
    }

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity != MFM_SEVERITY_WARNING)
        continue;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* Translators: a warning in the tooltip of the Warnings column: "field: sentence". */
      g_string_append_printf (text, _("%s: %s"), mfm_field_get_label (finding->field), finding->message);
      n++;
    }

  if (n_warnings != NULL)
    *n_warnings = n;

  return g_string_free (g_steal_pointer (&text), FALSE);
}
