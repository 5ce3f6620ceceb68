/* mfm-relationship-table.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-relationship-table"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-column-fit.h"
#include "mfm-feed-model.h"
#include "mfm-health-badge.h"
#include "mfm-key-sorter.h"
#include "mfm-relationship-table.h"
#include "mfm-row-menu.h"
#include "mfm-row-menu-factory.h"
#include "mfm-rules.h"
#include "mfm-safe-rows-model.h"
#include "mfm-state-badge.h"
#include "mfm-view-closures.h"

struct _MfmRelationshipTable
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *scopes_column;
  GtkColumnViewColumn *primary_column;
  GtkColumnViewColumn *secondary_column;
  GtkColumnViewColumn *health_column;
  GtkColumnViewColumn *port_column;
  GtkColumnViewColumn *peer_port_column;
  GtkColumnViewColumn *mclt_column;
  GtkColumnViewColumn *warnings_column;
  GtkColumnViewColumn *pending_column;
  GtkColumnViewColumn *menu_column;
  GtkSingleSelection  *selection;
  GtkFilterListModel  *filter_model;
  GtkSortListModel    *sort_model;
  MfmFeedModel        *feed_model;

  /* Owned */
  MfmSession          *session;
  MfmColumnFit        *column_fit;
  MfmRowMenu          *row_menu;          /* the one menu of the rows */
  GSignalGroup        *row_menu_watch;    /* the relationship whose menu is open */

  /* Set at construction */
  guint                show_ports : 1;
  guint                show_warnings : 1;
  guint                scopes_after_servers : 1;
};

/* The width of the host name columns when the columns do not fit. */
#define NARROW_HOST_WIDTH 120
#define NARROW_NAME_WIDTH 110

G_DEFINE_FINAL_TYPE (MfmRelationshipTable, mfm_relationship_table, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_MODEL,
  PROP_FILTER,
  PROP_FEEDING,
  PROP_ACCESSIBLE_LABEL,
  PROP_SHOW_PORTS,
  PROP_SHOW_WARNINGS,
  PROP_SCOPES_AFTER_SERVERS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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
get_warnings (MfmRelationshipTable *self,
              MfmRelationship      *relationship)
{
  Warnings *warnings = g_object_get_data (G_OBJECT (relationship), "mfm-warnings");

  if (warnings == NULL)
    {
      warnings = g_new0 (Warnings, 1);
      warnings->text = mfm_relationship_table_describe_warnings (self, relationship, &warnings->n);
      g_object_set_data_full (G_OBJECT (relationship), "mfm-warnings", warnings, warnings_free);
    }

  return warnings;
}

static void
update_warnings_label (GtkLabel        *label,
                       MfmRelationship *relationship)
{
  MfmRelationshipTable *self = g_object_get_data (G_OBJECT (label), "table");
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
warnings_setup_cb (MfmRelationshipTable     *self,
                   GtkListItem              *list_item,
                   GtkSignalListItemFactory *factory)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (mfm_ellipsized_label_query_tooltip), NULL);
  g_object_set_data (G_OBJECT (label), "table", self);
  gtk_list_item_set_child (list_item, label);
}

static void
warnings_bind_cb (MfmRelationshipTable     *self,
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
warnings_unbind_cb (MfmRelationshipTable     *self,
                    GtkListItem              *list_item,
                    GtkSignalListItemFactory *factory)
{
  MfmRelationship *relationship = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  if (relationship != NULL)
    g_signal_handlers_disconnect_by_func (relationship, relationship_notify_cb, label);
}

/* Runs @action_name on the selected relationship, unless there is none or it is staged for
 * removal (its row menu has no actions either): the keyboard's way to a row's actions. */
static void
activate_on_selected (MfmRelationshipTable *self,
                      const char           *action_name)
{
  MfmRelationship *relationship = gtk_single_selection_get_selected_item (self->selection);

  if (relationship == NULL ||
      mfm_relationship_get_pending_state (relationship) == MFM_PENDING_REMOVED)
    return;

  gtk_widget_activate_action (GTK_WIDGET (self), action_name,
                              "s", mfm_relationship_get_name (relationship));
}

static void
edit_selected_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  activate_on_selected (MFM_RELATIONSHIP_TABLE (widget), "changes.edit-relationship");
}

static void
remove_selected_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  activate_on_selected (MFM_RELATIONSHIP_TABLE (widget), "changes.remove-relationship");
}

/* Enter or a double click on a row: Edit…, as in Micetro. */
static void
row_activated_cb (MfmRelationshipTable *self,
                  guint                 position)
{
  gtk_single_selection_set_selected (self->selection, position);
  activate_on_selected (self, "changes.edit-relationship");
}

/* The rows' menu: one popover for the table, opened for a row's relationship by the row's
 * button (or Menu or Shift+F10 on the selected row), not a GtkMenuButton in every row. */
static void
open_row_menu (GtkWidget *anchor,
               gpointer   relationship,
               gpointer   user_data)
{
  MfmRelationshipTable *self = user_data;
  g_autoptr(GMenuModel) menu = NULL;

  /* Its button is insensitive: no actions. */
  if (mfm_relationship_get_pending_state (relationship) == MFM_PENDING_REMOVED)
    return;

  menu = mfm_relationship_menu_new (relationship);
  g_signal_group_set_target (self->row_menu_watch, relationship);
  mfm_row_menu_open (self->row_menu, anchor, relationship, menu);
}

/* Staged for removal while its menu is open: the menu closes, as the row's button goes
 * insensitive. */
static void
row_menu_pending_cb (MfmRelationshipTable *self,
                     GParamSpec           *pspec,
                     MfmRelationship      *relationship)
{
  if (mfm_row_menu_get_item (self->row_menu) == (gpointer) relationship &&
      mfm_relationship_get_pending_state (relationship) == MFM_PENDING_REMOVED)
    mfm_row_menu_close (self->row_menu);
}

/* Menu or Shift+F10 in the table: the selected row's menu; none for a relationship staged
 * for removal, which has no actions. */
static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfmRelationshipTable *self = MFM_RELATIONSHIP_TABLE (widget);
  MfmRelationship *relationship = gtk_single_selection_get_selected_item (self->selection);
  g_autoptr(GMenuModel) menu = NULL;

  if (relationship == NULL ||
      mfm_relationship_get_pending_state (relationship) == MFM_PENDING_REMOVED)
    return;

  menu = mfm_relationship_menu_new (relationship);
  g_signal_group_set_target (self->row_menu_watch, relationship);
  mfm_row_menu_open_for_item (self->row_menu, GTK_WIDGET (self->column_view), relationship, menu);
}

static void
remove_column (MfmRelationshipTable  *self,
               GtkColumnViewColumn  **column)
{
  gtk_column_view_remove_column (self->column_view, *column);
  *column = NULL;
}

static guint
column_position (MfmRelationshipTable *self,
                 GtkColumnViewColumn  *column)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  guint n = g_list_model_get_n_items (columns);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkColumnViewColumn) item = g_list_model_get_item (columns, i);

      if (item == column)
        return i;
    }

  g_return_val_if_reached (n);
}

static void
mfm_relationship_table_constructed (GObject *object)
{
  MfmRelationshipTable *self = (MfmRelationshipTable *)object;

  G_OBJECT_CLASS (mfm_relationship_table_parent_class)->constructed (object);

  if (!self->show_ports)
    {
      remove_column (self, &self->port_column);
      remove_column (self, &self->peer_port_column);
    }
  if (!self->show_warnings)
    remove_column (self, &self->warnings_column);
  if (self->scopes_after_servers)
    {
      g_autoptr(GtkColumnViewColumn) scopes = g_object_ref (self->scopes_column);

      gtk_column_view_remove_column (self->column_view, scopes);
      gtk_column_view_insert_column (self->column_view,
                                     column_position (self, self->secondary_column) + 1,
                                     scopes);
    }

  /* Micetro's six columns always stay. When the columns do not fit, these give way one at a
   * time, in this order: Partner port, Port, MCLT, Warnings, those of them that are shown
   * (Edit… shows every setting); then the relationship and host names shrink (the host label,
   * which tells servers apart, comes first); then Pending (the pending bar and the staged
   * values' tooltips still tell what is staged); last Health (the details window lists the
   * findings). The state and the row menu stay in view. */
  self->column_fit = mfm_column_fit_new (self->column_view);
  if (self->show_ports)
    {
      mfm_column_fit_add_optional (self->column_fit, self->peer_port_column);
      mfm_column_fit_add_optional (self->column_fit, self->port_column);
    }
  mfm_column_fit_add_optional (self->column_fit, self->mclt_column);
  if (self->show_warnings)
    mfm_column_fit_add_optional (self->column_fit, self->warnings_column);
  mfm_column_fit_shrink_here (self->column_fit);
  mfm_column_fit_add_optional (self->column_fit, self->pending_column);
  mfm_column_fit_add_optional (self->column_fit, self->health_column);
  mfm_column_fit_add_shrinking (self->column_fit, self->name_column, NARROW_NAME_WIDTH);
  mfm_column_fit_add_shrinking (self->column_fit, self->primary_column, NARROW_HOST_WIDTH);
  mfm_column_fit_add_shrinking (self->column_fit, self->secondary_column, NARROW_HOST_WIDTH);
}

static void
mfm_relationship_table_dispose (GObject *object)
{
  MfmRelationshipTable *self = (MfmRelationshipTable *)object;

  g_clear_object (&self->column_fit);
  g_clear_object (&self->session);
  g_clear_object (&self->row_menu_watch);
  g_clear_object (&self->row_menu);

  G_OBJECT_CLASS (mfm_relationship_table_parent_class)->dispose (object);
}

static void
mfm_relationship_table_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  MfmRelationshipTable *self = MFM_RELATIONSHIP_TABLE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_MODEL:
      g_value_set_object (value, mfm_feed_model_get_model (self->feed_model));
      break;

    case PROP_FILTER:
      g_value_set_object (value, gtk_filter_list_model_get_filter (self->filter_model));
      break;

    case PROP_FEEDING:
      g_value_set_boolean (value, mfm_feed_model_get_feeding (self->feed_model));
      break;

    case PROP_SHOW_PORTS:
      g_value_set_boolean (value, self->show_ports);
      break;

    case PROP_SHOW_WARNINGS:
      g_value_set_boolean (value, self->show_warnings);
      break;

    case PROP_SCOPES_AFTER_SERVERS:
      g_value_set_boolean (value, self->scopes_after_servers);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_relationship_table_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  MfmRelationshipTable *self = MFM_RELATIONSHIP_TABLE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mfm_relationship_table_set_session (self, g_value_get_object (value));
      break;

    case PROP_MODEL:
      mfm_relationship_table_set_model (self, g_value_get_object (value));
      break;

    case PROP_FILTER:
      mfm_relationship_table_set_filter (self, g_value_get_object (value));
      break;

    case PROP_ACCESSIBLE_LABEL:
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->column_view),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, g_value_get_string (value),
                                      -1);
      break;

    case PROP_SHOW_PORTS:
      self->show_ports = g_value_get_boolean (value);
      break;

    case PROP_SHOW_WARNINGS:
      self->show_warnings = g_value_get_boolean (value);
      break;

    case PROP_SCOPES_AFTER_SERVERS:
      self->scopes_after_servers = g_value_get_boolean (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
feeding_changed_cb (MfmRelationshipTable *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDING]);
}

/* The row menu's popover follows the table's layout, as a menu button's follows its own. */
static void
mfm_relationship_table_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  MfmRelationshipTable *self = MFM_RELATIONSHIP_TABLE (widget);

  GTK_WIDGET_CLASS (mfm_relationship_table_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->row_menu != NULL)
    mfm_row_menu_present (self->row_menu);
}

static void
mfm_relationship_table_class_init (MfmRelationshipTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = mfm_relationship_table_constructed;
  object_class->dispose = mfm_relationship_table_dispose;
  object_class->get_property = mfm_relationship_table_get_property;
  object_class->set_property = mfm_relationship_table_set_property;
  widget_class->size_allocate = mfm_relationship_table_size_allocate;

  /**
   * MfmRelationshipTable:session:
   *
   * The session whose health checks the Health column shows and whose inventory the Warnings
   * column's rules are checked against.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /**
   * MfmRelationshipTable:model:
   *
   * The relationships to show (MfmRelationship items, in any order; the table sorts them), or
   * %NULL while there are none to show yet.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /**
   * MfmRelationshipTable:filter:
   *
   * Which of the relationships are shown, or %NULL for all of them.
   */
  properties[PROP_FILTER] =
    g_param_spec_object ("filter", NULL, NULL,
                         GTK_TYPE_FILTER,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /**
   * MfmRelationshipTable:feeding:
   *
   * Whether relationships of the model are still to reach the table: a model given with many
   * relationships reaches it over several main-loop turns.
   */
  properties[PROP_FEEDING] =
    g_param_spec_boolean ("feeding", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /**
   * MfmRelationshipTable:accessible-label:
   *
   * What a screen reader calls the table: the views' tables hold different rows.
   */
  properties[PROP_ACCESSIBLE_LABEL] =
    g_param_spec_string ("accessible-label", NULL, NULL,
                         NULL,
                         (G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS));
  /**
   * MfmRelationshipTable:show-ports:
   *
   * Whether the Port and Partner port columns are there (after Health): a server's pane shows
   * them, as it shows every setting of its few relationships.
   */
  properties[PROP_SHOW_PORTS] =
    g_param_spec_boolean ("show-ports", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * MfmRelationshipTable:show-warnings:
   *
   * Whether the Warnings column is there (after MCLT): the rules' warnings for each
   * relationship, counted in the cell and listed in its tooltip.
   */
  properties[PROP_SHOW_WARNINGS] =
    g_param_spec_boolean ("show-warnings", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  /**
   * MfmRelationshipTable:scopes-after-servers:
   *
   * Whether Scopes comes after the two servers rather than after the relationship's name, as
   * in Micetro's list of one server's relationships: across all servers the pair is read
   * first.
   */
  properties[PROP_SCOPES_AFTER_SERVERS] =
    g_param_spec_boolean ("scopes-after-servers", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_RELATIONSHIP);
  g_type_ensure (MFM_TYPE_KEY_SORTER);
  g_type_ensure (MFM_TYPE_STATE_BADGE);
  g_type_ensure (MFM_TYPE_SAFE_ROWS_MODEL);
  g_type_ensure (MFM_TYPE_FEED_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/views/mfm-relationship-table.ui");
  gtk_widget_class_install_action (widget_class, "relationship.edit-selected", NULL, edit_selected_action);
  gtk_widget_class_install_action (widget_class, "relationship.remove-selected", NULL, remove_selected_action);
  gtk_widget_class_install_action (widget_class, "relationship.row-menu", NULL, row_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "relationship.remove-selected", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "relationship.remove-selected", NULL);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, column_view);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, name_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, scopes_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, primary_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, secondary_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, health_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, port_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, peer_port_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, mclt_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, warnings_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, pending_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, menu_column);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, selection);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, filter_model);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, sort_model);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipTable, feed_model);
  gtk_widget_class_bind_template_callback (widget_class, feeding_changed_cb);
  mfm_view_closures_bind (widget_class);
}

static void
give_rows_when_realized_cb (GtkColumnView *column_view)
{
  g_autoptr(GtkSingleSelection) selection = g_object_steal_data (G_OBJECT (column_view), "mfm-deferred-model");
  g_autoptr(GListModel) rows = NULL;
  guint items_changed = g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL);
  guint selected;

  g_signal_handlers_disconnect_by_func (column_view, give_rows_when_realized_cb, NULL);
  if (selection == NULL)
    return;

  /* A GTK 4.8 list view given a model that already holds a few hundred items does not follow
   * a later scroll (its rows stay where they were first built); given an empty one whose
   * items then arrive, it does. So the selection is emptied (without a word to those who
   * watch it: they would see its rows gone and back) and refilled once the view has it. */
  rows = g_object_ref (gtk_single_selection_get_model (selection));
  selected = gtk_single_selection_get_selected (selection);
  g_signal_handlers_block_matched (selection, G_SIGNAL_MATCH_ID, items_changed, 0, NULL, NULL, NULL);
  gtk_single_selection_set_model (selection, NULL);
  g_signal_handlers_unblock_matched (selection, G_SIGNAL_MATCH_ID, items_changed, 0, NULL, NULL, NULL);
  gtk_column_view_set_model (column_view, GTK_SELECTION_MODEL (selection));
  gtk_single_selection_set_model (selection, rows);
  gtk_single_selection_set_selected (selection, selected);
}

/* Keeps the table's model from its column view until the table is first shown (realized): it
 * builds no rows before then (its model and selection stay as they are and follow every change). */
static void
defer_rows_until_shown (GtkColumnView *column_view)
{
  GtkSelectionModel *model = gtk_column_view_get_model (column_view);

  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  /* GTK 4.8 builds the widgets of up to 200 rows as soon as a list view has items, shown or
   * not: a table in a page not shown (the other view, the pane while no server is selected)
   * cost as much at the end of a load as the one shown. Its selection and the models below
   * it follow every change meanwhile; the view gets them when it is realized, just before it
   * is first mapped. */
  if (!GTK_IS_SINGLE_SELECTION (model) || gtk_widget_get_realized (GTK_WIDGET (column_view)))
    return;

  g_object_set_data_full (G_OBJECT (column_view), "mfm-deferred-model", g_object_ref (model),
                          g_object_unref);
  {
    g_autoptr(GtkNoSelection) nothing = gtk_no_selection_new (NULL);

    gtk_column_view_set_model (column_view, GTK_SELECTION_MODEL (nothing));
  }
  g_signal_connect (column_view, "realize", G_CALLBACK (give_rows_when_realized_cb), NULL);
}

static void
mfm_relationship_table_init (MfmRelationshipTable *self)
{
  g_autoptr(GtkListItemFactory) menu_factory = NULL;
  g_autoptr(GtkListItemFactory) health_factory = NULL;
  GtkListItemFactory *warnings_factory;

  self->show_ports = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (self->column_view, "activate", G_CALLBACK (row_activated_cb), self,
                           G_CONNECT_SWAPPED);
  defer_rows_until_shown (self->column_view);

  menu_factory = mfm_relationship_menu_factory_new (open_row_menu, self);
  health_factory = mfm_health_badge_factory_new (G_OBJECT (self));
  gtk_column_view_column_set_factory (self->menu_column, menu_factory);
  gtk_column_view_column_set_factory (self->health_column, health_factory);
  self->row_menu = mfm_row_menu_new (GTK_WIDGET (self));
  self->row_menu_watch = g_signal_group_new (MFM_TYPE_RELATIONSHIP);
  g_signal_group_connect_object (self->row_menu_watch, "notify::pending-state",
                                 G_CALLBACK (row_menu_pending_cb), self, G_CONNECT_SWAPPED);
  {
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    /* In the table only, as the servers table's. */
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Menu|<Shift>F10"),
                                                            gtk_named_action_new ("relationship.row-menu")));
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
  }

  warnings_factory = gtk_column_view_column_get_factory (self->warnings_column);
  g_signal_connect_object (warnings_factory, "setup", G_CALLBACK (warnings_setup_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (warnings_factory, "bind", G_CALLBACK (warnings_bind_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (warnings_factory, "unbind", G_CALLBACK (warnings_unbind_cb), self, G_CONNECT_SWAPPED);

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
}

void
mfm_relationship_table_set_session (MfmRelationshipTable *self,
                                    MfmSession           *session)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP_TABLE (self));
  g_return_if_fail (!session || MFM_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
mfm_relationship_table_set_model (MfmRelationshipTable *self,
                                  GListModel           *model)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP_TABLE (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (mfm_feed_model_get_model (self->feed_model) == model)
    return;

  mfm_feed_model_set_model (self->feed_model, model);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

void
mfm_relationship_table_set_filter (MfmRelationshipTable *self,
                                   GtkFilter            *filter)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP_TABLE (self));
  g_return_if_fail (!filter || GTK_IS_FILTER (filter));

  if (gtk_filter_list_model_get_filter (self->filter_model) == filter)
    return;

  gtk_filter_list_model_set_filter (self->filter_model, filter);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FILTER]);
}

/**
 * mfm_relationship_table_get_rows:
 *
 * Returns: (transfer none): the rows shown
 */
GListModel *
mfm_relationship_table_get_rows (MfmRelationshipTable *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_TABLE (self), NULL);

  return G_LIST_MODEL (self->selection);
}

gboolean
mfm_relationship_table_get_feeding (MfmRelationshipTable *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_TABLE (self), FALSE);

  return mfm_feed_model_get_feeding (self->feed_model);
}

/**
 * mfm_relationship_table_get_sorted:
 *
 * Returns: (transfer none): the rows before the filter
 */
GListModel *
mfm_relationship_table_get_sorted (MfmRelationshipTable *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_TABLE (self), NULL);

  return G_LIST_MODEL (self->sort_model);
}

/**
 * mfm_relationship_table_get_column_view:
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
mfm_relationship_table_get_column_view (MfmRelationshipTable *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_TABLE (self), NULL);

  return self->column_view;
}

char *
mfm_relationship_table_describe_warnings (MfmRelationshipTable *self,
                                          MfmRelationship      *relationship,
                                          guint                *n_warnings)
{
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  MfmRuleContext context = { 0 };
  guint n = 0;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP_TABLE (self), NULL);
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
