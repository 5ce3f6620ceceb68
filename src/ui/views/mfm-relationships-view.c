/* mfm-relationships-view.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-relationships-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-relationship-table.h"
#include "mfm-relationships-view.h"
#include "mfm-search-filter.h"
#include "mfm-view-closures.h"

struct _MfmRelationshipsView
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkLabel             *count_label;
  GtkStack             *list_stack;
  AdwStatusPage        *empty_page;
  MfmRelationshipTable *table;
  MfmSearchFilter      *search_filter;

  /* Owned */
  MfmSession           *session;
  char                 *search;
};

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

static guint
relationship_search_generation (gpointer item)
{
  return mfm_relationship_get_generation (item);
}

/* The search reaches the filter while the table can be seen, and when someone asks for its
 * rows: while the other view is shown, a key costs this table nothing (GTK 4.8 would destroy
 * and build its rows for a key that empties or fills it, unseen). */
static void
apply_search (MfmRelationshipsView *self)
{
  mfm_search_filter_set_search (self->search_filter, self->search);
}

static void
mfm_relationships_view_map (GtkWidget *widget)
{
  apply_search (MFM_RELATIONSHIPS_VIEW (widget));

  GTK_WIDGET_CLASS (mfm_relationships_view_parent_class)->map (widget);
}

/* Connected after the search is given to the filter, so the rows are filtered. */
static void
search_changed_cb (MfmRelationshipsView *self)
{
  /* The matches start at the top, not where the rows before the search were scrolled. */
  mfm_scroll_to_top (mfm_relationship_table_get_column_view (self->table));
}

/* Rows arrived: fold their search keys before anyone types. */
static void
source_items_changed_cb (MfmRelationshipsView *self)
{
  mfm_search_filter_prepare (self->search_filter, mfm_relationship_table_get_sorted (self->table));
}

static void
update_count (MfmRelationshipsView *self)
{
  guint shown = g_list_model_get_n_items (mfm_relationship_table_get_rows (self->table));
  gboolean feeding = mfm_relationship_table_get_feeding (self->table);
  g_autofree char *text = NULL;

  /* Nothing is counted before the first load is complete: "0 relationships" would be a lie. */
  /* Nor while a load's relationships reach the table: the count would not be the final one. */
  if (self->session == NULL || !mfm_session_get_loaded (self->session) || feeding)
    text = g_strdup (_("Loading relationships…"));
  else
    text = g_strdup_printf (ngettext ("%u relationship", "%u relationships", shown), shown);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, shown == 0 && !feeding ? "empty" : "list");

  if (self->search != NULL && *self->search != '\0')
    adw_status_page_set_description (self->empty_page, _("No relationship matches the search."));
  else
    adw_status_page_set_description (self->empty_page, _("No server takes part in a failover relationship yet."));
}

static void
rows_changed_cb (MfmRelationshipsView *self)
{
  update_count (self);
}

/* A relationship whose servers changed in place is matched by their new names. */
static void
session_refreshed_cb (MfmRelationshipsView *self)
{
  mfm_search_filter_recheck (self->search_filter);
  update_count (self);
}

static void
mfm_relationships_view_dispose (GObject *object)
{
  MfmRelationshipsView *self = (MfmRelationshipsView *)object;

  /* Tearing down the columns re-sorts the models: nothing to show any more. */
  g_signal_handlers_disconnect_by_data (mfm_relationship_table_get_rows (self->table), self);
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
mfm_relationships_view_class_init (MfmRelationshipsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_relationships_view_dispose;
  object_class->finalize = mfm_relationships_view_finalize;
  object_class->get_property = mfm_relationships_view_get_property;
  object_class->set_property = mfm_relationships_view_set_property;
  widget_class->map = mfm_relationships_view_map;

  /**
   * MfmRelationshipsView:session:
   *
   * The session whose relationships are shown, once its first load is complete.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /**
   * MfmRelationshipsView:search:
   *
   * The text typed into the search bar: the rows whose name or either server contains it,
   * ignoring case, are shown.
   */
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_RELATIONSHIP_TABLE);
  g_type_ensure (MFM_TYPE_SESSION);
  g_type_ensure (MFM_TYPE_SEARCH_FILTER);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/views/mfm-relationships-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, table);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipsView, search_filter);
  mfm_view_closures_bind (widget_class);
}

static void
mfm_relationships_view_init (MfmRelationshipsView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::search", G_CALLBACK (search_changed_cb), NULL);
  mfm_search_filter_set_fields_func (self->search_filter, relationship_search_fields);
  mfm_search_filter_set_generation_func (self->search_filter, relationship_search_generation);
  g_signal_connect_object (mfm_relationship_table_get_sorted (self->table), "items-changed",
                           G_CALLBACK (source_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (mfm_relationship_table_get_rows (self->table), "items-changed",
                           G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->table, "notify::feeding",
                           G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);

  update_count (self);
}

void
mfm_relationships_view_set_session (MfmRelationshipsView *self,
                                    MfmSession           *session)
{
  g_return_if_fail (MFM_IS_RELATIONSHIPS_VIEW (self));
  g_return_if_fail (!session || MFM_IS_SESSION (session));

  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->session, update_count, self);
      g_signal_handlers_disconnect_by_func (self->session, session_refreshed_cb, self);
    }
  if (!g_set_object (&self->session, session))
    return;
  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::loaded", G_CALLBACK (update_count), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "refreshed", G_CALLBACK (session_refreshed_cb), self,
                               G_CONNECT_SWAPPED);
    }

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
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    apply_search (self);
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

  apply_search (self);
  return mfm_relationship_table_get_rows (self->table);
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

  apply_search (self);
  return mfm_relationship_table_get_column_view (self->table);
}

/**
 * mfm_relationships_view_get_table:
 *
 * Returns: (transfer none): the table
 */
MfmRelationshipTable *
mfm_relationships_view_get_table (MfmRelationshipsView *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIPS_VIEW (self), NULL);

  apply_search (self);
  return self->table;
}
