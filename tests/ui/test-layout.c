/* test-layout.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-layout"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-drafts.h"
#include "mfm-relationship-pane.h"
#include "mfm-relationships-view.h"
#include "mfm-servers-view.h"
#include "mfm-window.h"
#include "mfm-ui-test-util.h"

/* Wide enough for every column of both relationship tables in English; 800 pixels is not. */
#define WIDE_WIDTH 1240
#define NARROW_WIDTH 800

typedef struct
{
  MfmSimulator         *simulator;
  MfmWindow            *window;
  MfmSession           *session;
  MfmServersView       *servers;
  MfmRelationshipPane  *pane;
  MfmRelationshipsView *relationships;
  AdwViewStack         *view_stack;
} Fixture;

static gboolean
loaded (gpointer data)
{
  Fixture *fixture = data;

  fixture->session = mfm_window_get_session (fixture->window);
  return fixture->session != NULL &&
         !mfm_session_get_loading (fixture->session) &&
         g_strcmp0 (mfm_servers_view_get_state (fixture->servers), "list") == 0;
}

/* The main page, and with it the views, exists from the first connection on. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->simulator = ui_start_demo_simulator ();
  fixture->window = mfm_window_new (NULL);

  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDE_WIDTH, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_connect_admin (fixture->window, fixture->simulator);
  fixture->servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_SERVERS_VIEW, NULL));
  fixture->pane = MFM_RELATIONSHIP_PANE (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_RELATIONSHIP_PANE, NULL));
  fixture->relationships = MFM_RELATIONSHIPS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_RELATIONSHIPS_VIEW, NULL));
  fixture->view_stack = ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (fixture->servers);
  g_assert_nonnull (fixture->pane);
  g_assert_nonnull (fixture->relationships);
  g_assert_nonnull (fixture->view_stack);
  g_assert_true (ui_wait (loaded, fixture));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->session != NULL)
    mfm_drafts_delete (mfm_session_get_server_url (fixture->session), mfm_session_get_user (fixture->session));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  ui_spin (50);
}

static GtkColumnView *
column_view_of (gpointer widget)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (ui_find (GTK_WIDGET (widget), GTK_TYPE_COLUMN_VIEW, NULL));

  g_assert_nonnull (view);
  return view;
}

/* Every column is in view: the table needs no horizontal scrolling to reach the row menu. */
static gboolean
columns_fit (gpointer data)
{
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (data));
  double visible = gtk_adjustment_get_page_size (hadjustment);

  return visible > 0 && gtk_adjustment_get_upper (hadjustment) <= visible + 1;
}

static guint
count_visible_columns (GtkColumnView *view)
{
  GListModel *columns = gtk_column_view_get_columns (view);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        n++;
    }

  return n;
}

typedef struct
{
  GtkColumnView *view;
  guint          n_columns;
} ColumnCount;

static gboolean
visible_columns_are (gpointer data)
{
  ColumnCount *count = data;

  return count_visible_columns (count->view) == count->n_columns;
}

static gboolean
visible_columns_fewer (gpointer data)
{
  ColumnCount *count = data;

  return count_visible_columns (count->view) < count->n_columns;
}

/* Micetro's six columns, which never give way. */
static const char * const micetro_columns[] = {
  N_("Relationship"), N_("Scopes"), N_("Primary server"), N_("Secondary server"), N_("Mode"), N_("State"),
};

static GtkColumnViewColumn *
column_titled (GtkColumnView *view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  g_error ("No column titled “%s”", title);
}

/* Micetro's columns are all shown, and the hidden ones are the first of @order: they give way
 * in that order. */
static void
check_columns_give_way_in_order (GtkColumnView      *view,
                                 const char * const *order)
{
  gboolean hidden = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (micetro_columns); i++)
    {
      if (!gtk_column_view_column_get_visible (column_titled (view, _(micetro_columns[i]))))
        g_error ("Micetro's column “%s” gave way", _(micetro_columns[i]));
    }

  for (guint i = 0; order[i] != NULL; i++)
    {
      gboolean visible = gtk_column_view_column_get_visible (column_titled (view, _(order[i])));

      if (!visible && !hidden)
        g_error ("“%s” gave way before the columns stated ahead of it", _(order[i]));
      hidden = !visible;
    }
}

/* Every host name shown in @root keeps its host label (before the first dot), which tells
 * servers of the same domain apart, in full; returns how many were checked. */
static guint
check_host_labels_readable (GtkWidget *root)
{
  guint checked = 0;

  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      strstr (gtk_label_get_text (GTK_LABEL (root)), ".example.") != NULL)
    {
      const char *text = gtk_label_get_text (GTK_LABEL (root));
      g_autofree char *host = g_strndup (text, strcspn (text, "."));
      g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (root, host);
      int host_width;

      pango_layout_get_pixel_size (layout, &host_width, NULL);
      if (gtk_label_get_ellipsize (GTK_LABEL (root)) == PANGO_ELLIPSIZE_MIDDLE ||
          gtk_label_get_ellipsize (GTK_LABEL (root)) == PANGO_ELLIPSIZE_START ||
          host_width > gtk_widget_get_width (root))
        g_error ("“%s” does not show its host label “%s” in full (%d px for %d px)",
                 text, host, gtk_widget_get_width (root), host_width);
      return 1;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    checked += check_host_labels_readable (child);

  return checked;
}

static void
check_table_follows_width (Fixture            *fixture,
                           GtkColumnView      *view,
                           const char * const *order)
{
  guint n_columns = g_list_model_get_n_items (gtk_column_view_get_columns (view));
  ColumnCount every = { view, n_columns };
  guint narrow_columns;

  g_assert_true (ui_wait (columns_fit, view));
  g_assert_true (ui_wait (visible_columns_are, &every));

  /* Narrow: some columns give way, and what stays fits, row menu included. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), NARROW_WIDTH, 600);
  g_assert_true (ui_wait (visible_columns_fewer, &every));
  g_assert_true (ui_wait (columns_fit, view));
  narrow_columns = count_visible_columns (view);
  g_test_message ("%u of %u columns shown at %d px", narrow_columns, n_columns, NARROW_WIDTH);
  /* At most four give way (a server's pane: the ports, MCLT and Pending; Health stays). */
  g_assert_cmpuint (narrow_columns, >=, n_columns - 4);
  g_assert_cmpuint (narrow_columns, >=, G_N_ELEMENTS (micetro_columns) + 1);
  check_columns_give_way_in_order (view, order);
  g_assert_cmpuint (check_host_labels_readable (GTK_WIDGET (view)), >, 0);

  /* Wide again: every column comes back. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), WIDE_WIDTH, 720);
  g_assert_true (ui_wait (visible_columns_are, &every));
  g_assert_true (ui_wait (columns_fit, view));
}

static void
test_pane_follows_width (Fixture       *fixture,
                         gconstpointer  data)
{
  static const char * const order[] = { N_("Partner port"), N_("Port"), N_("MCLT"), N_("Pending"), N_("Health"), NULL };
  g_autoptr(MfmServer) server = g_list_model_get_item (mfm_servers_view_get_model (fixture->servers), 0);

  g_assert_true (mfm_servers_view_select_server (fixture->servers, server));

  check_table_follows_width (fixture, column_view_of (fixture->pane), order);
}

static void
test_relationships_view_follows_width (Fixture       *fixture,
                                       gconstpointer  data)
{
  static const char * const order[] = { N_("MCLT"), N_("Warnings"), N_("Pending"), N_("Health"), NULL };

  adw_view_stack_set_visible_child_name (fixture->view_stack, "relationships");
  check_table_follows_width (fixture, column_view_of (fixture->relationships), order);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/layout/pane-follows-width", test_pane_follows_width);
  ADD ("/ui/layout/relationships-view-follows-width", test_relationships_view_follows_width);
#undef ADD

  return g_test_run ();
}
