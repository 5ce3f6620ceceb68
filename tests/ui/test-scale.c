/* test-scale.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-scale"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-drafts.h"
#include "mfm-relationship-pane.h"
#include "mfm-relationships-view.h"
#include "mfm-servers-view.h"
#include "mfm-window.h"
#include "mfm-ui-test-util.h"

/* The tables of a large estate over a slow link, as issue reports saw them: 10,000 servers,
 * 5,000 relationships and 20,000 scopes from the simulator with 250 ms per request. A search
 * is typed one key at a time while the table is scrolled down; after every key, every row on
 * screen must match it and must be the row of the object it shows (selecting it selects that
 * object, its menu acts on that object). */

#define N_SERVERS       10000
#define N_RELATIONSHIPS 5000
#define N_SCOPES        20000
#define LATENCY_MS      250

typedef struct
{
  MfmSimulator         *simulator;
  MfmWindow            *window;
  MfmSession           *session;
  MfmServersView       *servers;
  MfmRelationshipPane  *pane;
  MfmRelationshipsView *relationships;
  AdwViewStack         *view_stack;
  GtkEditable          *search;
  GSettings            *settings;
} Fixture;

static gboolean
loaded (gpointer data)
{
  Fixture *fixture = data;

  fixture->session = mfm_window_get_session (fixture->window);
  return fixture->session != NULL &&
         !mfm_session_get_loading (fixture->session) &&
         g_strcmp0 (mfm_servers_view_get_state (fixture->servers), "loading") != 0;
}

/* The main page, and with it the views, exists from the first connection on. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  fixture->settings = g_settings_new (APP_BASE_ID);
  g_settings_set_boolean (fixture->settings, "isc-only", TRUE);
  /* Auto-refresh would reload the estate in the middle of the typing. */
  g_settings_set_uint (fixture->settings, "auto-refresh-interval", 0);

  fixture->simulator = mfm_simulator_new ();
  mfm_simulator_generate (fixture->simulator, N_SERVERS, N_RELATIONSHIPS, N_SCOPES, 1);
  g_object_set (fixture->simulator, "latency-ms", LATENCY_MS, NULL);
  g_assert_true (mfm_simulator_start (fixture->simulator, 0, &error));
  g_assert_no_error (error);

  fixture->window = mfm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 800);

  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_connect_admin (fixture->window, fixture->simulator);
  fixture->servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_SERVERS_VIEW, NULL));
  fixture->pane = MFM_RELATIONSHIP_PANE (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_RELATIONSHIP_PANE, NULL));
  fixture->relationships = MFM_RELATIONSHIPS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_RELATIONSHIPS_VIEW, NULL));
  fixture->view_stack = ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL));
  fixture->search = GTK_EDITABLE (ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_assert_nonnull (fixture->servers);
  g_assert_nonnull (fixture->pane);
  g_assert_nonnull (fixture->relationships);
  g_assert_nonnull (fixture->view_stack);
  g_assert_nonnull (fixture->search);
  g_assert_true (ui_wait (loaded, fixture));
  g_assert_cmpstr (mfm_servers_view_get_state (fixture->servers), ==, "list");
  g_test_message ("%u servers, %u relationships loaded in %.1f s",
                  N_SERVERS, N_RELATIONSHIPS, (g_get_monotonic_time () - start) / 1e6);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  if (fixture->session != NULL)
    {
      mfm_change_set_clear (mfm_session_get_changes (fixture->session));
      mfm_drafts_delete (mfm_session_get_server_url (fixture->session), mfm_session_get_user (fixture->session));
    }
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  g_settings_reset (fixture->settings, "auto-refresh-interval");
  g_clear_object (&fixture->settings);
  ui_spin (50);
}

/* The list inside a column view, whose children are the row widgets. */
static GtkWidget *
rows_parent (GtkColumnView *column_view)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_VIEW (child))
        return child;
    }

  g_assert_not_reached ();
}

/* The row widgets a person sees: shown, and at least partly inside the visible part. */
static GPtrArray *
visible_rows (GtkColumnView *column_view)
{
  GtkWidget *list = rows_parent (column_view);
  int height = gtk_widget_get_height (list);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_child_visible (row) || !gtk_widget_get_mapped (row))
        continue;
      if (!gtk_widget_compute_bounds (row, list, &bounds))
        continue;
      if (bounds.origin.y + bounds.size.height <= 0 || bounds.origin.y >= height)
        continue;
      g_ptr_array_add (rows, row);
    }

  return rows;
}

/* The texts of the labels of a row, cell by cell, in order. */
static void
collect_labels (GtkWidget *widget,
                GPtrArray *texts)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!gtk_widget_get_visible (child))
        continue;
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (texts, (gpointer)gtk_label_get_text (GTK_LABEL (child)));
      else
        collect_labels (child, texts);
    }
}

static gboolean
rows_shown (gpointer data)
{
  GtkColumnView *column_view = data;
  g_autoptr(GPtrArray) rows = NULL;

  if (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (column_view))) == 0)
    return TRUE;

  rows = visible_rows (column_view);
  return rows->len > 0;
}

/* Lets the table lay out its rows (the window's first frames, a scroll). */
static void
wait_for_rows (GtkColumnView *column_view)
{
  g_assert_true (ui_wait (rows_shown, column_view));
}

static gboolean
text_matches (const char *text,
              const char *search)
{
  g_autofree char *folded_text = g_utf8_casefold (text, -1);
  g_autofree char *folded_search = g_utf8_casefold (search, -1);

  return strstr (folded_text, folded_search) != NULL;
}

/* A row is the row of what it shows when selecting it selects that object. */
static gpointer
select_row (GtkWidget          *row,
            GtkSingleSelection *selection)
{
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
  g_assert_true (gtk_widget_activate_action (row, "listitem.select", "(bb)", FALSE, FALSE));

  return gtk_single_selection_get_selected_item (selection);
}

/* The table's height follows its rows (a search changed them, the next frame lays them out). */
static gboolean
laid_out (gpointer data)
{
  GtkColumnView *column_view = data;
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (column_view)));

  return gtk_adjustment_get_upper (vadjustment) <= n_items * 100.0 + gtk_adjustment_get_page_size (vadjustment);
}

static void
scroll_to (GtkColumnView *column_view,
           double         fraction)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));

  wait_for_rows (column_view);
  g_assert_true (ui_wait (laid_out, column_view));
  gtk_adjustment_set_value (vadjustment,
                            (gtk_adjustment_get_upper (vadjustment) - gtk_adjustment_get_page_size (vadjustment)) * fraction);
  ui_spin (200);
  wait_for_rows (column_view);
}

static void
check_server_rows (Fixture    *fixture,
                   const char *search)
{
  GtkColumnView *column_view = mfm_servers_view_get_column_view (fixture->servers);
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (mfm_servers_view_get_model (fixture->servers));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (selection));
  g_autoptr(GPtrArray) rows = NULL;

  wait_for_rows (column_view);
  rows = visible_rows (column_view);
  if (n_items > 0)
    g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <=, n_items);

  /* Selecting a row lets the list place its rows again: they are looked up anew each time. */
  for (guint i = 0; i < rows->len; i++, g_ptr_array_unref (rows), rows = visible_rows (column_view))
    {
      g_autoptr(GtkWidget) row = g_object_ref (g_ptr_array_index (rows, i));
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();
      g_autofree char *name_address = NULL;
      g_autofree char *shown_name = NULL;
      MfmServer *server;

      collect_labels (row, texts);
      g_assert_cmpuint (texts->len, >=, 2);
      name_address = g_strdup_printf ("%s\n%s", (char *)texts->pdata[0], (char *)texts->pdata[1]);
      if (!text_matches (name_address, search))
        g_error ("After typing “%s”, a server row shows “%s” (%s), which does not match",
                 search, (char *)texts->pdata[0], (char *)texts->pdata[1]);

      server = select_row (row, selection);
      if (server == NULL)
        g_error ("After typing “%s”, selecting the row “%s” selects nothing", search, (char *)texts->pdata[0]);
      shown_name = g_strdup (texts->pdata[0]);
      g_assert_cmpstr (mfm_server_get_display_name (server), ==, shown_name);
      g_assert_cmpstr (mfm_server_get_address (server), ==, texts->pdata[1]);
    }
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
}

/* The menu button of a table row: a plain button, its icon drawn by the stylesheet. */
static GtkWidget *
row_menu_button (GtkWidget *root)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_has_css_class (root, "mfm-row-menu"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = row_menu_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Opens the row's menu (the table's one menu) and checks that each of its actions names
 * @relationship. */
static void
check_row_menu (GtkWidget       *row,
                MfmRelationship *relationship)
{
  GtkWidget *button = row_menu_button (row);
  GtkWidget *row_menu;
  GMenuModel *menu;
  guint n_actions = 0;

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  row_menu = ui_find (gtk_widget_get_ancestor (row, g_type_from_name ("MfmRelationshipTable")),
                      GTK_TYPE_POPOVER_MENU, NULL);
  g_assert_nonnull (row_menu);
  g_assert_true (gtk_widget_get_visible (row_menu));
  menu = gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (row_menu));
  g_assert_nonnull (menu);
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autoptr(GVariant) target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
      g_autofree char *action = NULL;

      if (!g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &action))
        continue;
      g_assert_nonnull (target);
      g_assert_cmpstr (g_variant_get_string (target, NULL), ==, mfm_relationship_get_name (relationship));
      n_actions++;
    }
  gtk_popover_popdown (GTK_POPOVER (row_menu));
  g_assert_cmpuint (n_actions, >, 0);
}

static void
check_relationship_rows (GtkColumnView *column_view,
                         GListModel    *model,
                         const char    *search,
                         gboolean       with_menus)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (model);
  guint n_items = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) rows = NULL;

  wait_for_rows (column_view);
  rows = visible_rows (column_view);
  if (n_items > 0)
    g_assert_cmpuint (rows->len, >, 0);
  g_assert_cmpuint (rows->len, <=, n_items);

  /* Selecting a row lets the list place its rows again: they are looked up anew each time. */
  for (guint i = 0; i < rows->len; i++, g_ptr_array_unref (rows), rows = visible_rows (column_view))
    {
      g_autoptr(GtkWidget) row = g_object_ref (g_ptr_array_index (rows, i));
      g_autoptr(GPtrArray) texts = g_ptr_array_new ();
      g_autofree char *searched = NULL;
      g_autofree char *primary = NULL;
      MfmRelationship *relationship;

      collect_labels (row, texts);
      g_assert_cmpuint (texts->len, >=, 3);
      if (search != NULL)
        {
          searched = g_strjoin ("\n", texts->pdata[0], texts->pdata[1], texts->pdata[2], NULL);
          if (!text_matches (searched, search))
            g_error ("After typing “%s”, a relationship row shows “%s” (%s ↔ %s), which does not match",
                     search, (char *)texts->pdata[0], (char *)texts->pdata[1], (char *)texts->pdata[2]);
        }

      relationship = select_row (row, selection);
      if (relationship == NULL)
        g_error ("Selecting the relationship row “%s” selects nothing", (char *)texts->pdata[0]);
      g_assert_cmpstr (mfm_relationship_get_name (relationship), ==, texts->pdata[0]);
      if (with_menus)
        check_row_menu (row, relationship);
    }
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
}

static gboolean
at_top (gpointer data)
{
  return gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (data))) == 0;
}

/* Types @text one key at a time, 30 to 400 ms apart, and after @scroll_after keys scrolls
 * down as a person browsing the matches would (the next key then hides the rows on screen,
 * which GTK 4.8 got wrong, see MfmSafeRowsModel); @check runs after every key. */
static void
type_slowly (Fixture        *fixture,
             const char     *text,
             guint           scroll_after,
             GtkColumnView  *column_view,
             void          (*check) (Fixture *fixture, const char *search))
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      g_autofree char *typed = g_strndup (text, g_utf8_next_char (p) - text);

      gtk_editable_set_text (fixture->search, typed);
      ui_spin (g_test_rand_int_range (30, 400));
      /* Every key brings the matches back to the top. */
      g_assert_true (ui_wait (at_top, column_view));
      check (fixture, typed);
      if (g_utf8_strlen (typed, -1) == scroll_after)
        scroll_to (column_view, 0.98);
    }
}

static void
check_servers_cb (Fixture    *fixture,
                  const char *search)
{
  check_server_rows (fixture, search);
}

static void
check_all_relationships_cb (Fixture    *fixture,
                            const char *search)
{
  check_relationship_rows (mfm_relationships_view_get_column_view (fixture->relationships),
                           mfm_relationships_view_get_model (fixture->relationships),
                           search, TRUE);
}

static void
servers_typed_search (Fixture *fixture)
{
  GtkColumnView *column_view = mfm_servers_view_get_column_view (fixture->servers);
  GListModel *model = mfm_servers_view_get_model (fixture->servers);
  g_autoptr(MfmServer) server = NULL;
  g_autoptr(GPtrArray) rows = NULL;

  adw_view_stack_set_visible_child_name (fixture->view_stack, "servers");
  /* Somewhere in the middle of 9,000 ISC servers. */
  scroll_to (column_view, 0.5);
  type_slowly (fixture, "dhcp-nyc-0", strlen ("dhcp-nyc-"), column_view, check_servers_cb);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 9);

  type_slowly (fixture, "dhcp-nyc-01.", 0, column_view, check_servers_cb);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  /* The only row: selecting it shows its relationships, and their menus act on them. */
  rows = visible_rows (column_view);
  g_assert_cmpuint (rows->len, ==, 1);
  server = g_object_ref (select_row (g_ptr_array_index (rows, 0), GTK_SINGLE_SELECTION (model)));
  g_assert_cmpstr (mfm_server_get_display_name (server), ==, "dhcp-nyc-01.corp.example.net");
  g_assert_true (mfm_relationship_pane_get_server (fixture->pane) == server);
  ui_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_relationship_pane_get_model (fixture->pane)), >, 0);
  check_relationship_rows (mfm_relationship_pane_get_column_view (fixture->pane),
                           mfm_relationship_pane_get_model (fixture->pane), NULL, TRUE);
}

static void
all_relationships_typed_search (Fixture *fixture)
{
  GtkColumnView *column_view = mfm_relationships_view_get_column_view (fixture->relationships);
  GListModel *model = mfm_relationships_view_get_model (fixture->relationships);

  gtk_editable_set_text (fixture->search, "");
  adw_view_stack_set_visible_child_name (fixture->view_stack, "relationships");
  ui_spin (200);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_RELATIONSHIPS);
  scroll_to (column_view, 0.5);
  type_slowly (fixture, "dhcp-nyc-0", strlen ("dhcp-nyc-"), column_view, check_all_relationships_cb);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);
}

/* One load of the estate (about 15 s at this latency) serves both tables. */
static void
test_typed_search (Fixture       *fixture,
                   gconstpointer  data)
{
  servers_typed_search (fixture);
  all_relationships_typed_search (fixture);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/scale/typed-search", test_typed_search);
#undef ADD

  return g_test_run ();
}
