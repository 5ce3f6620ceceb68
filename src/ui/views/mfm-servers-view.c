/* mfm-servers-view.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-servers-view"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-key-sorter.h"
#include "mfm-relationship-pane.h"
#include "mfm-servers-view.h"
#include "mfm-search-filter.h"
#include "mfm-feed-model.h"
#include "mfm-reveal-model.h"
#include "mfm-safe-rows-model.h"
#include "mfm-row-menu.h"
#include "mfm-row-menu-factory.h"
#include "mfm-view-closures.h"

struct _MfmServersView
{
  AdwBin               parent_instance;

  /* Template widgets */
  GtkCheckButton      *isc_check;
  GtkLabel            *count_label;
  GtkStack            *list_stack;
  AdwStatusPage       *loading_page;
  GtkProgressBar      *loading_bar;
  GtkSpinner          *loading_spinner;
  AdwStatusPage       *error_page;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *address_column;
  GtkColumnViewColumn *type_column;
  GtkColumnViewColumn *state_column;
  GtkColumnViewColumn *count_column;
  GtkColumnViewColumn *menu_column;
  GtkSingleSelection  *selection;
  MfmRevealModel      *reveal_model;
  MfmFeedModel        *feed_model;
  GtkFilterListModel  *filter_model;
  MfmSearchFilter     *search_filter;
  GtkCustomFilter     *isc_filter;
  MfmRelationshipPane *pane;

  /* Owned */
  GSettings           *settings;
  MfmSession          *session;
  char                *search;
  MfmServer           *selected_server;
  gboolean             isc_only;
  MfmRowMenu          *row_menu;          /* the one menu of the table's rows */
};

G_DEFINE_FINAL_TYPE (MfmServersView, mfm_servers_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SEARCH,
  PROP_SELECTED_SERVER,
  PROP_ISC_ONLY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static guint
server_search_fields (gpointer     item,
                      const char **fields)
{
  fields[0] = mfm_server_get_name (item);
  fields[1] = mfm_server_get_address (item);

  return 2;
}

static guint
server_search_generation (gpointer item)
{
  return mfm_server_get_generation (item);
}

/* Connected after the template's binding of the search filter, so the rows are filtered. */
static void
search_changed_cb (MfmServersView *self)
{
  /* The matches start at the top, not where the rows before the search were scrolled. */
  mfm_scroll_to_top (self->column_view);
}

/* Rows arrived: fold their search keys before anyone types. */
static void
source_items_changed_cb (MfmServersView *self)
{
  mfm_search_filter_prepare (self->search_filter, gtk_filter_list_model_get_model (self->filter_model));
}

/* The cells are made here rather than by GtkBuilderListItemFactory templates in the .ui file:
 * a template parses its XML again for every cell of every row, and GTK 4.8 builds about 200
 * rows at once when the table gets its rows; that parsing was an eighth of connecting to
 * 1,000 servers. One plain label a cell, updated when its server changes in place. */
typedef enum
{
  CELL_NAME,
  CELL_ADDRESS,
  CELL_TYPE,
  CELL_STATE,
  CELL_COUNT,
} CellKind;

static void
cell_update (GtkLabel  *label,
             MfmServer *server)
{
  CellKind kind = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (label), "mfm-cell"));
  const char *text;

  switch (kind)
    {
    case CELL_NAME:
      {
        g_autofree char *name = mfm_display_name (mfm_server_get_name (server));

        gtk_label_set_text (label, name != NULL ? name : "");
      }
      break;

    case CELL_ADDRESS:
      text = mfm_server_get_address (server);
      gtk_label_set_text (label, text != NULL ? text : "");
      break;

    case CELL_TYPE:
      text = mfm_server_get_server_type (server);
      gtk_label_set_text (label, text != NULL ? text : "");
      break;

    case CELL_STATE:
      {
        const char *state = mfm_server_get_state (server);
        const char *classes[] = { "state-badge", mfm_server_state_get_style_class (state), NULL };

        gtk_label_set_text (label, mfm_server_state_get_label (state));
        gtk_widget_set_css_classes (GTK_WIDGET (label), classes);
      }
      break;

    case CELL_COUNT:
    default:
      {
        guint count = mfm_server_get_relationship_count (server);
        int staged = mfm_server_get_staged_relationship_count (server);
        g_autofree char *shown = g_strdup_printf ("%u", staged >= 0 ? (guint)staged : count);
        g_autofree char *tooltip = NULL;

        if (staged >= 0 && (guint)staged != count)
          {
            g_autofree char *saved = g_strdup_printf ("%u", count);

            /* Translators: the tooltip of a staged value in a table; %s is the value saved now */
            tooltip = g_strdup_printf (_("Staged; the server has %s"), saved);
          }
        gtk_label_set_text (label, shown);
        /* Setting a tooltip, even none, makes GTK 4.8 look for the widget under the pointer
         * across the window: a fifth of what a key that changes the rows cost. */
        if (g_strcmp0 (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), tooltip) != 0)
          gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
      }
      break;
    }
}

static GQuark
cell_handler_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mfm-cell-handler");

  return quark;
}

static void
cell_notify_cb (MfmServer  *server,
                GParamSpec *pspec,
                GtkLabel   *label)
{
  cell_update (label, server);
}

/* The labels of cells GTK tore down, kept on the column's factory for its next cells: when
 * a key leaves a few rows of many, GTK 4.8 destroys the rows of a whole screen in one go and
 * builds new ones over the next frames; a label kept is neither freed then nor made again.
 * A screen of rows or so, no more. */
#define CELL_SPARES_MAX 300

static GPtrArray *
cell_spares (GtkSignalListItemFactory *factory)
{
  return g_object_get_data (G_OBJECT (factory), "mfm-cell-spares");
}

/* The list item holds its label a second time: GTK takes the label out of the cell before
 * "teardown", and would free it. */
static void
cell_set_label (GtkListItem *list_item,
                GtkWidget   *label)
{
  gtk_list_item_set_child (list_item, label);
  g_object_set_data_full (G_OBJECT (list_item), "mfm-cell-label", g_object_ref (label), g_object_unref);
}

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  CellKind kind = GPOINTER_TO_UINT (user_data);
  GPtrArray *spares = cell_spares (factory);
  GtkWidget *label;

  /* A label kept from a cell torn down is ready as it is: bind sets what it shows. */
  while (spares->len > 0)
    {
      g_autoptr(GtkWidget) spare = g_ptr_array_steal_index_fast (spares, spares->len - 1);

      if (gtk_widget_get_parent (spare) == NULL)
        {
          cell_set_label (list_item, spare);
          return;
        }
    }

  label = gtk_label_new (NULL);
  g_object_set_data (G_OBJECT (label), "mfm-cell", user_data);
  gtk_label_set_xalign (GTK_LABEL (label), kind == CELL_COUNT ? 1 : 0);
  if (kind == CELL_NAME)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_has_tooltip (label, TRUE);
      g_signal_connect (label, "query-tooltip", G_CALLBACK (mfm_ellipsized_label_query_tooltip), NULL);
    }
  else if (kind == CELL_STATE)
    gtk_widget_set_halign (label, GTK_ALIGN_START);
  else if (kind == CELL_COUNT)
    gtk_widget_add_css_class (label, "numeric");
  cell_set_label (list_item, label);
}

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  static const char *watched[] = {
    [CELL_NAME] = "notify::name",
    [CELL_ADDRESS] = "notify::address",
    [CELL_TYPE] = "notify::server-type",
    [CELL_STATE] = "notify::state",
    [CELL_COUNT] = "notify",
  };
  MfmServer *server = gtk_list_item_get_item (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);
  gulong handler;

  cell_update (GTK_LABEL (label), server);
  /* A plain handler, its id kept on the label: GTK unbinds a cell before it destroys it, and
   * g_signal_connect_object() and a search for the handler at unbind cost several times more,
   * thousands of times when a key changes the rows. */
  handler = g_signal_connect (server, watched[GPOINTER_TO_UINT (user_data)], G_CALLBACK (cell_notify_cb),
                              label);
  g_object_set_qdata (G_OBJECT (label), cell_handler_quark (), GSIZE_TO_POINTER (handler));
}

static void
cell_unbind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  MfmServer *server = gtk_list_item_get_item (list_item);
  GObject *label = G_OBJECT (gtk_list_item_get_child (list_item));
  gulong handler = GPOINTER_TO_SIZE (g_object_steal_qdata (label, cell_handler_quark ()));

  if (server != NULL && handler != 0)
    g_signal_handler_disconnect (server, handler);
}

/* GTK took the label out of the cell: kept for another cell unless enough are. A label
 * taken out of an insensitive table stays insensitive in GTK 4.8 wherever it goes next, so
 * it is not kept. */
static void
cell_teardown_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  g_autoptr(GtkWidget) label = g_object_steal_data (G_OBJECT (list_item), "mfm-cell-label");
  GPtrArray *spares = cell_spares (factory);

  if (label != NULL && gtk_widget_get_parent (label) == NULL && gtk_widget_is_sensitive (label) &&
      spares->len < CELL_SPARES_MAX)
    g_ptr_array_add (spares, g_steal_pointer (&label));
}

static void
set_cell_factory (GtkColumnViewColumn *column,
                  CellKind             kind)
{
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind_cb), GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind_cb), GUINT_TO_POINTER (kind));
  g_signal_connect (factory, "teardown", G_CALLBACK (cell_teardown_cb), GUINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (factory), "mfm-cell-spares", g_ptr_array_new_with_free_func (g_object_unref),
                          (GDestroyNotify) g_ptr_array_unref);
  gtk_column_view_column_set_factory (column, factory);
}

static void
update_count (MfmServersView *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  g_autofree char *text = NULL;

  /* Nothing is counted before the first load is complete: "0 servers" would be a lie (and
   * when that load failed, the error page says why). */
  if (self->session != NULL && !mfm_session_get_loaded (self->session) &&
      mfm_session_get_last_error (self->session) != NULL)
    text = g_strdup ("");
  else if (self->session == NULL || !mfm_session_get_loaded (self->session) ||
           mfm_feed_model_get_feeding (self->feed_model))
    /* While a load's servers reach the table, a count would not be the final one. */
    text = g_strdup (_("Loading servers…"));
  else
    text = g_strdup_printf (ngettext ("%u server", "%u servers", shown), shown);
  gtk_label_set_text (self->count_label, text);
}

static void
update_page (MfmServersView *self)
{
  const char *page;
  const char *last_error = self->session != NULL ? mfm_session_get_last_error (self->session) : NULL;
  /* After the first load, refreshes never show the loading page. */
  gboolean loaded = self->session != NULL && mfm_session_get_loaded (self->session);

  if (self->session == NULL || (!loaded && last_error == NULL))
    page = "loading";
  else if (!loaded)
    page = "error";
  else if (g_list_model_get_n_items (G_LIST_MODEL (self->filter_model)) == 0)
    /* No match so far is no match only once every server has reached the table. */
    page = mfm_feed_model_get_feeding (self->feed_model) ? "loading" : "empty";
  else
    page = "list";

  if (!loaded && last_error != NULL)
    adw_status_page_set_description (self->error_page, last_error);

  /* The spinner draws every frame: only on the page, and only while no total is known. */
  gtk_spinner_set_spinning (self->loading_spinner,
                            g_str_equal (page, "loading") &&
                            gtk_widget_get_visible (GTK_WIDGET (self->loading_spinner)));
  gtk_stack_set_visible_child_name (self->list_stack, page);
}

static void
filtered_items_changed_cb (MfmServersView *self)
{
  update_count (self);
  update_page (self);
}

static void
feeding_changed_cb (MfmServersView *self)
{
  update_count (self);
  update_page (self);
}

static void
selection_changed_cb (MfmServersView *self)
{
  MfmServer *server = gtk_single_selection_get_selected_item (self->selection);

  if (self->selected_server == server)
    return;

  g_set_object (&self->selected_server, server);
  mfm_reveal_model_set_kept_item (self->reveal_model, server);
  mfm_relationship_pane_set_server (self->pane, server);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_SERVER]);
}

static gboolean
isc_filter_func (gpointer item,
                 gpointer user_data)
{
  MfmServersView *self = user_data;

  return !self->isc_only || mfm_server_is_isc (MFM_SERVER (item));
}

static void
set_isc_only (MfmServersView *self,
              gboolean        isc_only)
{
  if (self->isc_only == isc_only)
    return;

  self->isc_only = isc_only;
  gtk_filter_changed (GTK_FILTER (self->isc_filter),
                      isc_only ? GTK_FILTER_CHANGE_MORE_STRICT : GTK_FILTER_CHANGE_LESS_STRICT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ISC_ONLY]);
}

/* Shows the load's progress on the loading page; @total is 0 when the server did not say
 * how many servers it has, and -1 before the first page (nothing read, the bar empty). */
static void
show_load_progress (MfmServersView *self,
                    guint           loaded,
                    int             total)
{
  g_autofree char *loaded_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;
  gboolean known = total != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->loading_bar), known);
  gtk_widget_set_visible (GTK_WIDGET (self->loading_spinner), !known);
  if (total < 0)
    {
      gtk_progress_bar_set_fraction (self->loading_bar, 0.0);
      adw_status_page_set_description (self->loading_page, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->loading_bar),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      return;
    }

  loaded_text = g_strdup_printf ("%'u", loaded);
  total_text = g_strdup_printf ("%'d", total);
  if (!known)
    /* Translators: "Loaded 3,000 servers", when the server does not say how many there are */
    text = g_strdup_printf (ngettext ("Loaded %s server", "Loaded %s servers", loaded), loaded_text);
  else if (loaded < (guint) total)
    /* Translators: "Loaded 3,000 of 10,000 servers" */
    text = g_strdup_printf (_("Loaded %s of %s servers"), loaded_text, total_text);
  else
    /* Translators: the servers are all read; the relationships are read at the same time
     * and may take longer. %s is the number of servers, e.g. "10,000" */
    text = g_strdup_printf (ngettext ("Loaded %s server. Loading the failover relationships…",
                                      "Loaded %s servers. Loading the failover relationships…",
                                      loaded),
                            loaded_text);

  if (known)
    gtk_progress_bar_set_fraction (self->loading_bar, MIN (loaded, (guint) total) / (double) total);
  adw_status_page_set_description (self->loading_page, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->loading_bar),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

/* The rows' menu: one popover for the table, opened for a row's server by the row's button
 * (or Menu or Shift+F10 on the selected row), not a GtkMenuButton in every row. */
static void
open_row_menu (GtkWidget *anchor,
               gpointer   server,
               gpointer   user_data)
{
  MfmServersView *self = user_data;
  g_autoptr(GMenuModel) menu = mfm_server_menu_new (server);

  mfm_row_menu_open (self->row_menu, anchor, server, menu);
}

/* Menu or Shift+F10 in the table: the selected row's menu. */
static void
row_menu_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  MfmServersView *self = MFM_SERVERS_VIEW (widget);
  g_autoptr(GMenuModel) menu = NULL;

  if (self->selected_server == NULL)
    return;

  menu = mfm_server_menu_new (self->selected_server);
  mfm_row_menu_open_for_item (self->row_menu, GTK_WIDGET (self->column_view), self->selected_server, menu);
}

static void
load_progress_cb (MfmServersView *self,
                  guint           loaded,
                  guint           total,
                  MfmSession     *session)
{
  if (mfm_session_get_loaded (self->session))
    return;

  show_load_progress (self, loaded, (int) MIN (total, (guint) G_MAXINT));
  update_page (self);
}

static void
session_loading_cb (MfmServersView *self)
{
  update_count (self);
  update_page (self);
}

static void
session_refreshed_cb (MfmServersView *self)
{
  /* A server renamed in place by the refresh is matched by its new name. */
  mfm_search_filter_recheck (self->search_filter);
  update_count (self);
  update_page (self);
}

static void
mfm_servers_view_dispose (GObject *object)
{
  MfmServersView *self = (MfmServersView *)object;

  /* Tearing down the columns re-sorts the models: nothing to show any more. */
  g_signal_handlers_disconnect_by_data (self->filter_model, self);
  g_signal_handlers_disconnect_by_data (self->selection, self);
  mfm_servers_view_set_session (self, NULL);
  g_clear_object (&self->row_menu);
  g_clear_object (&self->selected_server);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (mfm_servers_view_parent_class)->dispose (object);
}

static void
mfm_servers_view_finalize (GObject *object)
{
  MfmServersView *self = (MfmServersView *)object;

  g_free (self->search);

  G_OBJECT_CLASS (mfm_servers_view_parent_class)->finalize (object);
}

static void
mfm_servers_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfmServersView *self = MFM_SERVERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    case PROP_SELECTED_SERVER:
      g_value_set_object (value, self->selected_server);
      break;

    case PROP_ISC_ONLY:
      g_value_set_boolean (value, self->isc_only);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_servers_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfmServersView *self = MFM_SERVERS_VIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mfm_servers_view_set_session (self, g_value_get_object (value));
      break;

    case PROP_SEARCH:
      mfm_servers_view_set_search (self, g_value_get_string (value));
      break;

    case PROP_ISC_ONLY:
      set_isc_only (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The row menu's popover follows the view's layout, as a menu button's follows its own. */
static void
mfm_servers_view_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  MfmServersView *self = MFM_SERVERS_VIEW (widget);

  GTK_WIDGET_CLASS (mfm_servers_view_parent_class)->size_allocate (widget, width, height, baseline);
  if (self->row_menu != NULL)
    mfm_row_menu_present (self->row_menu);
}

static void
mfm_servers_view_class_init (MfmServersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_servers_view_dispose;
  object_class->finalize = mfm_servers_view_finalize;
  object_class->get_property = mfm_servers_view_get_property;
  object_class->set_property = mfm_servers_view_set_property;
  widget_class->size_allocate = mfm_servers_view_size_allocate;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_SELECTED_SERVER] =
    g_param_spec_object ("selected-server", NULL, NULL,
                         MFM_TYPE_SERVER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_ISC_ONLY] =
    g_param_spec_boolean ("isc-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_SERVER);
  g_type_ensure (MFM_TYPE_KEY_SORTER);
  g_type_ensure (MFM_TYPE_INVENTORY);
  g_type_ensure (MFM_TYPE_SESSION);
  g_type_ensure (MFM_TYPE_RELATIONSHIP_PANE);
  g_type_ensure (MFM_TYPE_SEARCH_FILTER);
  g_type_ensure (MFM_TYPE_SAFE_ROWS_MODEL);
  g_type_ensure (MFM_TYPE_REVEAL_MODEL);
  g_type_ensure (MFM_TYPE_FEED_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/views/mfm-servers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, isc_check);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, loading_page);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, loading_bar);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, error_page);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, name_column);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, address_column);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, type_column);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, state_column);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, count_column);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, menu_column);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, selection);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, reveal_model);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, feed_model);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, filter_model);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, search_filter);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, isc_filter);
  gtk_widget_class_bind_template_child (widget_class, MfmServersView, pane);
  mfm_view_closures_bind (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filtered_items_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, feeding_changed_cb);

  gtk_widget_class_install_action (widget_class, "servers.row-menu", NULL, row_menu_action);
}

static void
mfm_servers_view_init (MfmServersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (self, "notify::search", G_CALLBACK (search_changed_cb), NULL);
  mfm_search_filter_set_fields_func (self->search_filter, server_search_fields);
  mfm_search_filter_set_generation_func (self->search_filter, server_search_generation);
  /* It sits beside the ISC filter, which never matches every server for GTK. */
  mfm_search_filter_set_always_asked (self->search_filter, TRUE);
  g_signal_connect_object (gtk_filter_list_model_get_model (self->filter_model), "items-changed",
                           G_CALLBACK (source_items_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_custom_filter_set_filter_func (self->isc_filter, isc_filter_func, self, NULL);
  {
    g_autoptr(GtkListItemFactory) factory = mfm_server_menu_factory_new (open_row_menu, self);
    GtkEventController *shortcuts = gtk_shortcut_controller_new ();

    gtk_column_view_column_set_factory (self->menu_column, factory);
    self->row_menu = mfm_row_menu_new (GTK_WIDGET (self));
    /* In the table only: the relationship pane below has its own rows. */
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_shortcut_trigger_parse_string ("Menu|<Shift>F10"),
                                                            gtk_named_action_new ("servers.row-menu")));
    gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
  }
  set_cell_factory (self->name_column, CELL_NAME);
  set_cell_factory (self->address_column, CELL_ADDRESS);
  set_cell_factory (self->type_column, CELL_TYPE);
  set_cell_factory (self->state_column, CELL_STATE);
  set_cell_factory (self->count_column, CELL_COUNT);

  self->settings = g_settings_new (APP_BASE_ID);
  g_settings_bind (self->settings, "isc-only", self, "isc-only", G_SETTINGS_BIND_DEFAULT);
  g_object_bind_property (self, "isc-only", self->isc_check, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  /* The rows of a load arrive all in one go; building 200 row widgets at once stalled the
   * window for a fifth of a second, so the table gets them over a few frames. */
  mfm_reveal_model_set_widget (self->reveal_model, GTK_WIDGET (self));
  mfm_reveal_model_arm (self->reveal_model);
  /* So does a key that takes the table from a few rows to many (a search made shorter). */
  mfm_reveal_model_set_reveal_refills (self->reveal_model, TRUE);

  update_count (self);
  update_page (self);
}

MfmSession *
mfm_servers_view_get_session (MfmServersView *self)
{
  g_return_val_if_fail (MFM_IS_SERVERS_VIEW (self), NULL);

  return self->session;
}

void
mfm_servers_view_set_session (MfmServersView *self,
                              MfmSession     *session)
{
  g_return_if_fail (MFM_IS_SERVERS_VIEW (self));
  g_return_if_fail (!session || MFM_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);

  g_set_object (&self->session, session);
  show_load_progress (self, 0, -1);
  mfm_reveal_model_reveal_all (self->reveal_model);
  mfm_reveal_model_arm (self->reveal_model);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::loading",
                               G_CALLBACK (session_loading_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "notify::last-error",
                               G_CALLBACK (session_loading_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "refreshed",
                               G_CALLBACK (session_refreshed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "load-progress",
                               G_CALLBACK (load_progress_cb), self,
                               G_CONNECT_SWAPPED);
    }

  if (self->pane != NULL)
    mfm_relationship_pane_set_server (self->pane, NULL);

  update_count (self);
  update_page (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
mfm_servers_view_set_search (MfmServersView *self,
                             const char     *search)
{
  g_return_if_fail (MFM_IS_SERVERS_VIEW (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/**
 * mfm_servers_view_get_selected_server:
 *
 * Returns: (transfer none) (nullable): the selected server
 */
MfmServer *
mfm_servers_view_get_selected_server (MfmServersView *self)
{
  g_return_val_if_fail (MFM_IS_SERVERS_VIEW (self), NULL);

  return self->selected_server;
}

gboolean
mfm_servers_view_select_server (MfmServersView *self,
                                MfmServer      *server)
{
  GListModel *model;
  guint n_items;

  g_return_val_if_fail (MFM_IS_SERVERS_VIEW (self), FALSE);

  if (server == NULL)
    {
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      return TRUE;
    }

  model = G_LIST_MODEL (self->selection);
  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MfmServer) item = g_list_model_get_item (model, i);

      if (item == server)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }

  /* A server past the rows revealed or fed so far is there once they all are. */
  if (mfm_reveal_model_get_revealing (self->reveal_model) ||
      mfm_feed_model_get_feeding (self->feed_model))
    {
      mfm_feed_model_feed_all (self->feed_model);
      mfm_reveal_model_reveal_all (self->reveal_model);
      return mfm_servers_view_select_server (self, server);
    }

  return FALSE;
}

/**
 * mfm_servers_view_get_model:
 *
 * Returns: (transfer none): the rows shown
 */
GListModel *
mfm_servers_view_get_model (MfmServersView *self)
{
  g_return_val_if_fail (MFM_IS_SERVERS_VIEW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * mfm_servers_view_get_column_view:
 *
 * Returns: (transfer none): the servers table
 */
GtkColumnView *
mfm_servers_view_get_column_view (MfmServersView *self)
{
  g_return_val_if_fail (MFM_IS_SERVERS_VIEW (self), NULL);

  return self->column_view;
}

const char *
mfm_servers_view_get_state (MfmServersView *self)
{
  g_return_val_if_fail (MFM_IS_SERVERS_VIEW (self), NULL);

  /* The table shows its first rows while the rest are still to come. */
  if (mfm_reveal_model_get_revealing (self->reveal_model) ||
      mfm_feed_model_get_feeding (self->feed_model))
    return "loading";

  return gtk_stack_get_visible_child_name (self->list_stack);
}

/**
 * mfm_servers_view_get_pane:
 *
 * Returns: (transfer none): the pane that shows the selected server's relationships
 */
MfmRelationshipPane *
mfm_servers_view_get_pane (MfmServersView *self)
{
  g_return_val_if_fail (MFM_IS_SERVERS_VIEW (self), NULL);

  return self->pane;
}
