/* test-feed.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-feed"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-drafts.h"
#include "mfm-feed-model.h"
#include "mfm-relationship-pane.h"
#include "mfm-relationship-table.h"
#include "mfm-relationships-view.h"
#include "mfm-reveal-model.h"
#include "mfm-safe-rows-model.h"
#include "mfm-servers-view.h"
#include "mfm-window.h"
#include "mfm-ui-test-util.h"

/* A load's items reach the tables' sort models a chunk a main-loop turn (MfmFeedModel). At
 * every step the model holds the first items of its source, in order; changes meanwhile are
 * honoured; once complete it equals its source and passes small changes on as they are. The
 * tables then show every row, in the chosen order, matching the search. */

#define N_ITEMS 30000

/* ---------------------------------------------------------------------------------------- */
/* The model alone                                                                           */

typedef struct
{
  GListStore   *store;
  MfmFeedModel *feed;
  guint         changes;
  /* The last change the feed passed on. */
  guint         position;
  guint         removed;
  guint         added;
} ModelTest;

static GListStore *
store_of_strings (guint n_items)
{
  GListStore *store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_items; i++)
    {
      g_autofree char *text = g_strdup_printf ("item %06u", i);

      g_ptr_array_add (items, gtk_string_object_new (text));
    }
  g_list_store_splice (store, 0, 0, items->pdata, items->len);
  return store;
}

/* The feed holds the first items of the store, in its order, and no more. */
static void
assert_prefix (ModelTest *test)
{
  GListModel *feed = G_LIST_MODEL (test->feed);
  GListModel *store = G_LIST_MODEL (test->store);
  guint n_items = g_list_model_get_n_items (feed);

  g_assert_cmpuint (n_items, <=, g_list_model_get_n_items (store));
  if (!mfm_feed_model_get_feeding (test->feed))
    g_assert_cmpuint (n_items, ==, g_list_model_get_n_items (store));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (feed, i);
      g_autoptr(GObject) expected = g_list_model_get_item (store, i);

      g_assert_true (item == expected);
    }
  g_assert_null (g_list_model_get_item (feed, n_items));
}

/* Every change told is checked against the store: what watchers see is a prefix. */
static void
feed_changed_cb (GListModel *feed,
                 guint       position,
                 guint       removed,
                 guint       added,
                 ModelTest  *test)
{
  test->changes++;
  test->position = position;
  test->removed = removed;
  test->added = added;
  assert_prefix (test);
}

static void
model_test_set_up (ModelTest *test)
{
  test->store = store_of_strings (N_ITEMS);
  test->feed = MFM_FEED_MODEL (mfm_feed_model_new (NULL));
  g_signal_connect (test->feed, "items-changed", G_CALLBACK (feed_changed_cb), test);
}

static void
model_test_tear_down (ModelTest *test)
{
  g_clear_object (&test->feed);
  g_clear_object (&test->store);
}

/* Runs one main-loop turn of the feed at least: returns once the feed has grown. */
static void
one_turn (ModelTest *test)
{
  guint changes = test->changes;

  while (test->changes == changes && mfm_feed_model_get_feeding (test->feed))
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
feed_complete (gpointer data)
{
  return !mfm_feed_model_get_feeding (data);
}

static void
test_model_feed (void)
{
  ModelTest test = { 0 };
  guint turns = 0;
  guint last = 0;
  g_autoptr(GObject) moved = NULL;

  model_test_set_up (&test);
  mfm_feed_model_set_model (test.feed, G_LIST_MODEL (test.store));

  /* None right after, then more each turn, each time a longer prefix. */
  g_assert_true (mfm_feed_model_get_feeding (test.feed));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), ==, 0);
  assert_prefix (&test);
  while (mfm_feed_model_get_feeding (test.feed))
    {
      guint n_items;

      one_turn (&test);
      n_items = g_list_model_get_n_items (G_LIST_MODEL (test.feed));
      g_assert_cmpuint (n_items, >, last);
      /* Each turn appends at the end, nothing else. */
      g_assert_cmpuint (test.position, ==, last);
      g_assert_cmpuint (test.removed, ==, 0);
      last = n_items;
      turns++;
    }
  g_test_message ("%u items over %u turns", N_ITEMS, turns);
  g_assert_cmpuint (turns, >=, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), ==, N_ITEMS);
  assert_prefix (&test);

  /* Complete: a small change is passed on at once, at the same position. */
  test.changes = 0;
  moved = g_list_model_get_item (G_LIST_MODEL (test.store), 100);
  g_list_store_remove (test.store, 100);
  g_assert_cmpuint (test.changes, ==, 1);
  g_assert_cmpuint (test.position, ==, 100);
  g_assert_cmpuint (test.removed, ==, 1);
  g_assert_cmpuint (test.added, ==, 0);
  g_list_store_insert (test.store, 20000, moved);
  g_assert_cmpuint (test.changes, ==, 2);
  g_assert_cmpuint (test.position, ==, 20000);
  g_assert_cmpuint (test.removed, ==, 0);
  g_assert_cmpuint (test.added, ==, 1);
  g_assert_false (mfm_feed_model_get_feeding (test.feed));

  /* Many added at the end: fed again, the items before them staying. */
  {
    g_autoptr(GListStore) more = store_of_strings (N_ITEMS);
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < N_ITEMS; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (more), i));
    test.changes = 0;
    g_list_store_splice (test.store, N_ITEMS, 0, items->pdata, items->len);
    g_assert_cmpuint (test.changes, ==, 1);
    g_assert_cmpuint (test.position, ==, N_ITEMS);
    g_assert_cmpuint (test.removed, ==, 0);
    g_assert_cmpuint (test.added, <, N_ITEMS);
    g_assert_true (mfm_feed_model_get_feeding (test.feed));
  }
  g_assert_true (ui_wait (feed_complete, test.feed));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), ==, 2 * N_ITEMS);
  assert_prefix (&test);

  model_test_tear_down (&test);
}

/* Changes of the store while the feed is under way, before and after its frontier. */
static void
test_model_changes (void)
{
  ModelTest test = { 0 };
  guint frontier;
  guint n_items;

  model_test_set_up (&test);
  mfm_feed_model_set_model (test.feed, G_LIST_MODEL (test.store));
  one_turn (&test);
  g_assert_true (mfm_feed_model_get_feeding (test.feed));
  frontier = g_list_model_get_n_items (G_LIST_MODEL (test.feed));
  g_assert_cmpuint (frontier, <, N_ITEMS);

  /* Removed before the frontier: passed on, the frontier moves back by one. */
  test.changes = 0;
  g_list_store_remove (test.store, 10);
  g_assert_cmpuint (test.changes, ==, 1);
  g_assert_cmpuint (test.position, ==, 10);
  g_assert_cmpuint (test.removed, ==, 1);
  g_assert_cmpuint (test.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), ==, frontier - 1);
  frontier--;

  /* Removed and put in after the frontier: nothing passed on changes. */
  test.changes = 0;
  g_list_store_remove (test.store, frontier + 5);
  {
    g_autoptr(GtkStringObject) late = gtk_string_object_new ("late");
    g_autoptr(GtkStringObject) early = gtk_string_object_new ("early");

    g_list_store_insert (test.store, frontier + 100, late);
    g_assert_cmpuint (test.changes, ==, 0);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), ==, frontier);

    /* Put in before the frontier: passed on, the frontier moves on by one. */
    g_list_store_insert (test.store, 0, early);
    g_assert_cmpuint (test.changes, ==, 1);
    g_assert_cmpuint (test.position, ==, 0);
    g_assert_cmpuint (test.removed, ==, 0);
    g_assert_cmpuint (test.added, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), ==, frontier + 1);
    frontier++;
  }

  /* A removal across the frontier: the items passed on after its start go, no more. */
  test.changes = 0;
  g_list_store_splice (test.store, frontier - 3, 6, NULL, 0);
  g_assert_cmpuint (test.changes, ==, 1);
  g_assert_cmpuint (test.position, ==, frontier - 3);
  g_assert_cmpuint (test.removed, ==, 3);
  g_assert_cmpuint (test.added, ==, 0);
  g_assert_true (mfm_feed_model_get_feeding (test.feed));

  /* Many removed from the end: the feed ends as soon as nothing is left to pass on. */
  n_items = g_list_model_get_n_items (G_LIST_MODEL (test.store));
  g_list_store_splice (test.store, frontier + 10, n_items - frontier - 10, NULL, 0);
  g_assert_true (ui_wait (feed_complete, test.feed));
  assert_prefix (&test);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), ==,
                    g_list_model_get_n_items (G_LIST_MODEL (test.store)));

  /* Many put in at the start: the first chunk of them now, every item in the end. */
  {
    g_autoptr(GListStore) more = store_of_strings (N_ITEMS);
    g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

    for (guint i = 0; i < N_ITEMS; i++)
      g_ptr_array_add (items, g_list_model_get_item (G_LIST_MODEL (more), i));
    g_list_store_splice (test.store, 0, 0, items->pdata, items->len);
    g_assert_true (mfm_feed_model_get_feeding (test.feed));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), <, N_ITEMS);
    assert_prefix (&test);

    /* Emptied while feeding: nothing left, and the feed is over. */
    n_items = g_list_model_get_n_items (G_LIST_MODEL (test.store));
    g_list_store_remove_all (test.store);
    g_assert_false (mfm_feed_model_get_feeding (test.feed));
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), ==, 0);

    g_list_store_splice (test.store, 0, 0, items->pdata, items->len);
    g_assert_true (mfm_feed_model_get_feeding (test.feed));
    /* All at once when asked (a selection of an item not passed on yet). */
    mfm_feed_model_feed_all (test.feed);
    g_assert_false (mfm_feed_model_get_feeding (test.feed));
    assert_prefix (&test);
  }

  /* A new source while feeding: the old items go, the new ones are fed. */
  {
    g_autoptr(GListStore) other = store_of_strings (N_ITEMS / 2);

    g_list_store_remove_all (test.store);
    g_clear_object (&test.store);
    test.store = store_of_strings (N_ITEMS);
    mfm_feed_model_set_model (test.feed, G_LIST_MODEL (test.store));
    g_assert_true (mfm_feed_model_get_feeding (test.feed));
    g_clear_object (&test.store);
    test.store = g_object_ref (other);
    mfm_feed_model_set_model (test.feed, G_LIST_MODEL (other));
    assert_prefix (&test);
    g_assert_true (ui_wait (feed_complete, test.feed));
    assert_prefix (&test);
  }

  model_test_tear_down (&test);
}

static int
compare_backwards (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  return -g_strcmp0 (gtk_string_object_get_string ((GtkStringObject *) a),
                     gtk_string_object_get_string ((GtkStringObject *) b));
}

static void
count_change_cb (guint *changes)
{
  (*changes)++;
}

/* Chunks in the table's order are fed; out of it (the table sorted by another column), every
 * item at once, in one change a sort model sorts once. */
static void
test_model_sorter (void)
{
  ModelTest test = { 0 };
  GtkExpression *string = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  g_autoptr(GtkSorter) forwards = GTK_SORTER (gtk_string_sorter_new (string));
  g_autoptr(GtkSorter) backwards = NULL;

  backwards = GTK_SORTER (gtk_custom_sorter_new (compare_backwards, NULL, NULL));

  model_test_set_up (&test);
  mfm_feed_model_set_sorter (test.feed, forwards);
  mfm_feed_model_set_model (test.feed, G_LIST_MODEL (test.store));
  one_turn (&test);
  g_assert_true (mfm_feed_model_get_feeding (test.feed));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (test.feed)), <, N_ITEMS);

  /* The order changes while feeding: the next chunk brings every item left. */
  mfm_feed_model_set_sorter (test.feed, backwards);
  test.changes = 0;
  one_turn (&test);
  g_assert_cmpuint (test.changes, ==, 1);
  g_assert_false (mfm_feed_model_get_feeding (test.feed));
  assert_prefix (&test);

  /* Out of order from the start: all at once. */
  {
    g_autoptr(GListModel) feed = g_object_new (MFM_TYPE_FEED_MODEL, "sorter", backwards, NULL);

    guint changes = 0;

    g_signal_connect_swapped (feed, "items-changed", G_CALLBACK (count_change_cb), &changes);
    mfm_feed_model_set_model (MFM_FEED_MODEL (feed), G_LIST_MODEL (test.store));
    g_assert_cmpuint (g_list_model_get_n_items (feed), ==, 0);
    g_assert_true (ui_wait (feed_complete, feed));
    g_assert_cmpuint (changes, ==, 1);
    g_assert_cmpuint (g_list_model_get_n_items (feed), ==, N_ITEMS);
  }

  model_test_tear_down (&test);
}

/* Two models feeding take their chunks in turns: never two chunks in one main-loop turn. */
static void
test_model_turns (void)
{
  g_autoptr(GListStore) first_store = store_of_strings (N_ITEMS);
  g_autoptr(GListStore) second_store = store_of_strings (N_ITEMS);
  g_autoptr(GListModel) first = mfm_feed_model_new (G_LIST_MODEL (first_store));
  g_autoptr(GListModel) second = mfm_feed_model_new (G_LIST_MODEL (second_store));
  guint first_turns = 0;
  guint second_turns = 0;

  while (mfm_feed_model_get_feeding (MFM_FEED_MODEL (first)) ||
         mfm_feed_model_get_feeding (MFM_FEED_MODEL (second)))
    {
      guint first_before = g_list_model_get_n_items (first);
      guint second_before = g_list_model_get_n_items (second);
      gboolean first_grew;
      gboolean second_grew;

      g_main_context_iteration (NULL, TRUE);
      first_grew = g_list_model_get_n_items (first) > first_before;
      second_grew = g_list_model_get_n_items (second) > second_before;
      g_assert_false (first_grew && second_grew);
      first_turns += first_grew;
      second_turns += second_grew;
    }
  g_assert_cmpuint (first_turns, >=, 2);
  g_assert_cmpuint (first_turns, ==, second_turns);
  g_assert_cmpuint (g_list_model_get_n_items (first), ==, N_ITEMS);
  g_assert_cmpuint (g_list_model_get_n_items (second), ==, N_ITEMS);
}

/* ---------------------------------------------------------------------------------------- */
/* The tables, sorted by another column than the name                                        */

/* More servers than a chunk, so that the servers (and relationships) are fed. */
#define N_SERVERS 12000
#define N_RELATIONSHIPS 9000
#define SEARCH "1"

typedef struct
{
  MfmSimulator         *simulator;
  MfmWindow            *window;
  MfmSession           *session;
  MfmServersView       *servers;
  MfmRelationshipsView *relationships;
  GListModel           *rows;
  GSettings            *settings;
  MfmRelationshipTable *table;
  guint                 fed_frames;
  guint                 relationship_changes;
  guint                 server_changes;
  const char           *final_count;
} Fixture;

static gboolean
connected (gpointer data)
{
  Fixture *fixture = data;

  return mfm_window_get_session (fixture->window) != NULL;
}

static gboolean
loaded (gpointer data)
{
  Fixture *fixture = data;

  fixture->session = mfm_window_get_session (fixture->window);
  return fixture->session != NULL &&
         !mfm_session_get_loading (fixture->session) &&
         g_strcmp0 (mfm_servers_view_get_state (fixture->servers), "loading") != 0;
}

/* The column whose title is @title. */
static GtkColumnViewColumn *
column_titled (GtkColumnView *column_view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }

  return NULL;
}

/* The text of the label under @widget that counts @noun ("servers"), or NULL. */
static const char *
count_text (GtkWidget  *widget,
            const char *noun)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text;

      if (GTK_IS_LABEL (child))
        {
          g_autofree char *loading = g_strdup_printf ("Loading %s…", noun);

          text = gtk_label_get_text (GTK_LABEL (child));
          if (g_str_equal (text, loading) ||
              (g_ascii_isdigit (*text) && g_str_has_suffix (text, noun)))
            return text;
        }
      text = count_text (child, noun);
      if (text != NULL)
        return text;
    }

  return NULL;
}

/* The rows of @rows follow @sorter, and each matches the search (if @search). */
static void
assert_sorted (GListModel *rows,
               GtkSorter  *sorter,
               const char *search)
{
  g_autoptr(GObject) previous = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      if (search != NULL)
        g_assert_true (ui_server_matches_search (MFM_SERVER (row), search));
      if (previous != NULL)
        g_assert_cmpint (gtk_sorter_compare (sorter, previous, row), !=, GTK_ORDERING_LARGER);
      g_set_object (&previous, row);
    }
}

typedef struct
{
  GListModel *rows;
  guint       expected;
} RowsWait;

static gboolean
rows_arrived (gpointer data)
{
  RowsWait *wait = data;

  return g_list_model_get_n_items (wait->rows) == wait->expected;
}

static gboolean
feed_complete_table (gpointer data)
{
  return !mfm_relationship_table_get_feeding (data);
}

/* A feed passed items on: a chunk, or every item at once. */
static void
fed_cb (guint *changes,
        guint  position,
        guint  removed,
        guint  added)
{
  if (added > 0)
    (*changes)++;
}

/* The model that feeds the servers table's sort model. */
static MfmFeedModel *
servers_feed (MfmServersView *servers)
{
  GListModel *model = mfm_servers_view_get_model (servers);

  model = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (model));
  model = mfm_reveal_model_get_model (MFM_REVEAL_MODEL (model));
  model = mfm_safe_rows_model_get_model (MFM_SAFE_ROWS_MODEL (model));
  model = gtk_filter_list_model_get_model (GTK_FILTER_LIST_MODEL (model));
  model = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (model));
  g_assert_true (MFM_IS_FEED_MODEL (model));
  return MFM_FEED_MODEL (model);
}

static gboolean
fed_tick_cb (GtkWidget     *widget,
             GdkFrameClock *frame_clock,
             gpointer       user_data)
{
  Fixture *fixture = user_data;
  MfmSession *session = mfm_window_get_session (fixture->window);
  GtkColumnView *column_view;
  const char *text;

  if (session == NULL || !mfm_session_get_loaded (session) ||
      g_strcmp0 (mfm_servers_view_get_state (fixture->servers), "loading") != 0)
    return G_SOURCE_CONTINUE;

  /* The load is in, its rows on their way: those there are in order and match, and the count
   * line does not give a figure that is not the final one. */
  fixture->fed_frames++;
  column_view = mfm_servers_view_get_column_view (fixture->servers);
  assert_sorted (fixture->rows, gtk_column_view_get_sorter (column_view), SEARCH);
  text = count_text (GTK_WIDGET (fixture->servers), "servers");
  g_assert_nonnull (text);
  if (!g_str_has_suffix (text, "…"))
    g_assert_cmpstr (text, ==, fixture->final_count);
  return G_SOURCE_CONTINUE;
}

/* Sorted by name (as the tables start), the rows are fed over turns; sorted by another
 * column, descending, they arrive at once. Both ways, every row in order in the end. */
static void
test_sorted_tables (gconstpointer data)
{
  gboolean by_name = GPOINTER_TO_INT (data);
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmInventory) truth = NULL;
  g_autofree char *expected_count = NULL;
  GtkColumnView *column_view;
  GtkColumnView *relationships_view;
  GtkColumnViewColumn *column;
  MfmRelationshipTable *table;
  GListModel *relationship_rows;
  GListModel *relationships_feed;
  guint expected = 0;
  guint tick_id;

  fixture.settings = g_settings_new (APP_BASE_ID);
  g_settings_set_boolean (fixture.settings, "isc-only", TRUE);
  g_settings_set_uint (fixture.settings, "auto-refresh-interval", 0);
  fixture.simulator = mfm_simulator_new ();
  mfm_simulator_generate (fixture.simulator, N_SERVERS, N_RELATIONSHIPS, N_SERVERS, 1);
  g_assert_true (mfm_simulator_start (fixture.simulator, 0, &error));
  g_assert_no_error (error);

  /* What the table must end with: every ISC server that matches the search. */
  truth = mfm_simulator_dup_inventory (fixture.simulator);
  for (guint i = 0; i < g_list_model_get_n_items (mfm_inventory_get_servers (truth)); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (mfm_inventory_get_servers (truth), i);

      if (ui_server_matches_search (server, SEARCH))
        expected++;
    }
  g_assert_cmpuint (expected, >, 1000);
  expected_count = g_strdup_printf ("%u servers", expected);
  fixture.final_count = expected_count;

  fixture.window = mfm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1100, 800);
  gtk_window_present (GTK_WINDOW (fixture.window));
  ui_connect_admin (fixture.window, fixture.simulator);
  g_assert_true (ui_wait (connected, &fixture));
  fixture.servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (fixture.window),
                                                MFM_TYPE_SERVERS_VIEW, NULL));
  fixture.relationships = MFM_RELATIONSHIPS_VIEW (ui_find (GTK_WIDGET (fixture.window),
                                                           MFM_TYPE_RELATIONSHIPS_VIEW, NULL));
  g_assert_nonnull (fixture.servers);
  g_assert_nonnull (fixture.relationships);
  g_assert_false (mfm_session_get_loaded (mfm_window_get_session (fixture.window)));

  /* A search typed, and maybe another order: before the rows arrive. */
  column_view = mfm_servers_view_get_column_view (fixture.servers);
  relationships_view = mfm_relationships_view_get_column_view (fixture.relationships);
  if (!by_name)
    {
      column = column_titled (column_view, "Address");
      g_assert_nonnull (column);
      gtk_column_view_sort_by_column (column_view, column, GTK_SORT_DESCENDING);
      column = column_titled (relationships_view, "Primary server");
      g_assert_nonnull (column);
      gtk_column_view_sort_by_column (relationships_view, column, GTK_SORT_DESCENDING);
    }
  mfm_servers_view_set_search (fixture.servers, SEARCH);
  table = MFM_RELATIONSHIP_TABLE (ui_find (GTK_WIDGET (fixture.relationships),
                                           MFM_TYPE_RELATIONSHIP_TABLE, NULL));
  g_assert_nonnull (table);
  fixture.table = table;
  relationships_feed = mfm_relationship_table_get_sorted (table);
  relationships_feed = gtk_sort_list_model_get_model (GTK_SORT_LIST_MODEL (relationships_feed));
  g_signal_connect_swapped (relationships_feed, "items-changed", G_CALLBACK (fed_cb),
                            &fixture.relationship_changes);
  g_signal_connect_swapped (servers_feed (fixture.servers), "items-changed", G_CALLBACK (fed_cb),
                            &fixture.server_changes);

  fixture.rows = mfm_servers_view_get_model (fixture.servers);
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (column_view), fed_tick_cb, &fixture, NULL);
  g_assert_true (ui_wait (loaded, &fixture));
  gtk_widget_remove_tick_callback (GTK_WIDGET (column_view), tick_id);
  g_test_message ("rows arrived over %u frames after the load", fixture.fed_frames);
  g_assert_cmpuint (fixture.fed_frames, >=, 1);
  /* In chunks by name; at once in another order, so that the sort model sorts once. */
  g_test_message ("servers passed on in %u changes", fixture.server_changes);
  if (by_name)
    g_assert_cmpuint (fixture.server_changes, >=, 2);
  else
    g_assert_cmpuint (fixture.server_changes, ==, 1);
  g_assert_cmpstr (mfm_servers_view_get_state (fixture.servers), ==, "list");

  /* Every matching server, in order, and the count line says so. */
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, expected);
  assert_sorted (fixture.rows, gtk_column_view_get_sorter (column_view), SEARCH);
  g_assert_cmpstr (count_text (GTK_WIDGET (fixture.servers), "servers"), ==, expected_count);

  /* Every relationship too, in the order of their primary server. */
  g_assert_true (ui_wait (feed_complete_table, table));
  g_signal_handlers_disconnect_by_func (servers_feed (fixture.servers), fed_cb,
                                        &fixture.server_changes);
  g_signal_handlers_disconnect_by_func (relationships_feed, fed_cb,
                                        &fixture.relationship_changes);
  if (by_name)
    g_assert_cmpuint (fixture.relationship_changes, >=, 2);
  else
    g_assert_cmpuint (fixture.relationship_changes, ==, 1);
  relationship_rows = mfm_relationships_view_get_model (fixture.relationships);
  g_assert_cmpuint (g_list_model_get_n_items (relationship_rows), ==,
                    g_list_model_get_n_items (mfm_inventory_get_relationships (truth)));
  assert_sorted (relationship_rows, gtk_column_view_get_sorter (relationships_view), NULL);
  {
    guint n_relationships = g_list_model_get_n_items (relationship_rows);
    g_autofree char *relationships_count = g_strdup_printf ("%u relationships", n_relationships);

    g_assert_cmpstr (count_text (GTK_WIDGET (fixture.relationships), "relationships"), ==,
                     relationships_count);
  }

  /* The pane, whose filter is fed as well, shows each relationship of a selected server. */
  {
    MfmRelationshipPane *pane = mfm_servers_view_get_pane (fixture.servers);
    GListModel *all = mfm_session_get_relationships (fixture.session);
    g_autoptr(MfmServer) server = NULL;
    MfmRelationshipTable *pane_table;
    RowsWait wait = { 0 };

    for (guint i = 0; i < g_list_model_get_n_items (fixture.rows) && wait.expected == 0; i++)
      {
        g_set_object (&server, g_list_model_get_item (fixture.rows, i));
        for (guint j = 0; j < g_list_model_get_n_items (all); j++)
          {
            g_autoptr(MfmRelationship) relationship = g_list_model_get_item (all, j);

            if (mfm_relationship_involves (relationship, mfm_server_get_ref (server)))
              wait.expected++;
          }
      }
    g_assert_cmpuint (wait.expected, >, 0);
    g_assert_true (mfm_servers_view_select_server (fixture.servers, server));
    pane_table = MFM_RELATIONSHIP_TABLE (ui_find (GTK_WIDGET (pane), MFM_TYPE_RELATIONSHIP_TABLE,
                                                  NULL));
    wait.rows = mfm_relationship_table_get_rows (pane_table);
    g_assert_true (ui_wait (rows_arrived, &wait));
    for (guint i = 0; i < wait.expected; i++)
      {
        g_autoptr(MfmRelationship) relationship = g_list_model_get_item (wait.rows, i);

        g_assert_true (mfm_relationship_involves (relationship, mfm_server_get_ref (server)));
      }
  }

  mfm_change_set_clear (mfm_session_get_changes (fixture.session));
  mfm_drafts_delete (mfm_session_get_server_url (fixture.session),
                     mfm_session_get_user (fixture.session));
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  mfm_simulator_stop (fixture.simulator);
  g_clear_object (&fixture.simulator);
  g_clear_object (&fixture.settings);
  ui_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/feed/model", test_model_feed);
  g_test_add_func ("/ui/feed/changes", test_model_changes);
  g_test_add_func ("/ui/feed/turns", test_model_turns);
  g_test_add_func ("/ui/feed/sorter", test_model_sorter);
  g_test_add_data_func ("/ui/feed/tables-by-name", GINT_TO_POINTER (TRUE), test_sorted_tables);
  g_test_add_data_func ("/ui/feed/tables-by-address", GINT_TO_POINTER (FALSE), test_sorted_tables);

  return g_test_run ();
}
