/* test-reveal.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-reveal"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-drafts.h"
#include "mfm-relationship-pane.h"
#include "mfm-reveal-model.h"
#include "mfm-safe-rows-model.h"
#include "mfm-servers-view.h"
#include "mfm-window.h"
#include "mfm-ui-test-util.h"

/* The first rows of a load reach the servers table over several frames (MfmRevealModel).
 * At every frame the table's rows must be the first rows of the sorted, filtered list,
 * a search typed or a change arriving meanwhile must be honoured, and at the end the table
 * holds every row and takes the keyboard as before. */

#define N_SERVERS 1000

/* ---------------------------------------------------------------------------------------- */
/* The model alone, under a list view of a window, with changes at chosen frames             */

typedef struct
{
  GListStore       *store;
  GtkCustomFilter  *filter;
  GListModel       *filtered;
  MfmRevealModel   *reveal;
  GListModel       *selection;
  char             *needle;
  guint             frames;
  guint             first_shown;
} ModelTest;

static gboolean
contains_needle (gpointer item,
                 gpointer user_data)
{
  ModelTest *test = user_data;

  return test->needle == NULL || strstr (gtk_string_object_get_string (item), test->needle) != NULL;
}

/* The selection shows the first items of the filtered store, in its order. */
static void
assert_prefix (ModelTest *test)
{
  guint shown = g_list_model_get_n_items (test->selection);

  g_assert_cmpuint (shown, <=, g_list_model_get_n_items (test->filtered));
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (test->selection, i);
      g_autoptr(GObject) expected = g_list_model_get_item (test->filtered, i);

      g_assert_true (row == expected);
    }
  g_assert_null (g_list_model_get_item (test->selection, shown));
}

/* @model holds the items of @expected, in the same order. */
static void
assert_same_items (GListModel *model,
                   GListModel *expected)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, g_list_model_get_n_items (expected));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (model, i);
      g_autoptr(GObject) item = g_list_model_get_item (expected, i);

      if (row != item)
        g_error ("at %u: %s instead of %s", i, gtk_string_object_get_string ((gpointer) row),
                 gtk_string_object_get_string ((gpointer) item));
    }
}

static void
selection_items_changed_cb (GListModel *selection,
                            guint       position,
                            guint       removed,
                            guint       added,
                            ModelTest  *test)
{
  assert_prefix (test);
}

static gboolean
model_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  ModelTest *test = user_data;

  if (!mfm_reveal_model_get_revealing (test->reveal))
    return G_SOURCE_CONTINUE;

  test->frames++;
  assert_prefix (test);
  switch (test->frames)
    {
    case 2:
      {
        /* An item removed from within the rows shown, one put in before them. */
        g_autoptr(GtkStringObject) item = gtk_string_object_new ("item 0000 new");

        g_list_store_remove (test->store, 3);
        g_list_store_insert (test->store, 1, item);
      }
      break;

    case 3:
      /* A search: only the items with a 7. */
      g_free (test->needle);
      test->needle = g_strdup ("7");
      gtk_filter_changed (GTK_FILTER (test->filter), GTK_FILTER_CHANGE_MORE_STRICT);
      break;

    case 4:
      /* The search cleared, then a change after the rows shown. */
      g_clear_pointer (&test->needle, g_free);
      gtk_filter_changed (GTK_FILTER (test->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      g_list_store_remove (test->store, g_list_model_get_n_items (G_LIST_MODEL (test->store)) - 1);
      break;

    default:
      break;
    }
  assert_prefix (test);

  return G_SOURCE_CONTINUE;
}

static gboolean
model_revealed (gpointer data)
{
  ModelTest *test = data;

  return test->frames > 0 && !mfm_reveal_model_get_revealing (test->reveal);
}

static void
test_model_reveal (void)
{
  ModelTest test = { 0 };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *list_view;
  guint tick_id;

  test.store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  test.filter = gtk_custom_filter_new (contains_needle, &test, NULL);
  test.filtered = G_LIST_MODEL (gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (test.store)),
                                                           GTK_FILTER (g_object_ref (test.filter))));
  test.reveal = MFM_REVEAL_MODEL (mfm_reveal_model_new (mfm_safe_rows_model_new (g_object_ref (test.filtered))));
  g_object_unref (mfm_reveal_model_get_model (test.reveal));
  test.selection = G_LIST_MODEL (gtk_single_selection_new (G_LIST_MODEL (g_object_ref (test.reveal))));
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (test.selection)),
                                 g_object_ref (factory));
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  gtk_window_present (GTK_WINDOW (window));
  ui_spin (100);
  mfm_reveal_model_set_widget (test.reveal, window);
  mfm_reveal_model_arm (test.reveal);
  g_signal_connect (test.selection, "items-changed", G_CALLBACK (selection_items_changed_cb), &test);
  tick_id = gtk_widget_add_tick_callback (window, model_tick_cb, &test, NULL);

  for (guint i = 0; i < N_SERVERS; i++)
    {
      g_autofree char *text = g_strdup_printf ("item %04u", i);

      g_ptr_array_add (items, gtk_string_object_new (text));
    }
  g_list_store_splice (test.store, 0, 0, items->pdata, items->len);

  /* Only the first few items so far, and the reveal under way. */
  test.first_shown = g_list_model_get_n_items (test.selection);
  g_assert_cmpuint (test.first_shown, >, 0);
  g_assert_cmpuint (test.first_shown, <, 50);
  g_assert_true (mfm_reveal_model_get_revealing (test.reveal));
  assert_prefix (&test);

  g_assert_true (ui_wait (model_revealed, &test));
  g_assert_cmpuint (test.frames, >=, 4);
  /* Every item in the end, and no other. */
  g_assert_cmpuint (g_list_model_get_n_items (test.selection), ==, g_list_model_get_n_items (test.filtered));
  g_assert_cmpuint (g_list_model_get_n_items (test.selection), ==, N_SERVERS - 1);
  assert_prefix (&test);
  {
    g_autoptr(GtkStringObject) second = g_list_model_get_item (test.selection, 1);

    g_assert_cmpstr (gtk_string_object_get_string (second), ==, "item 0000 new");
  }

  /* Later changes pass as they come, and no reveal starts again. */
  g_list_store_remove_all (test.store);
  g_list_store_splice (test.store, 0, 0, items->pdata, items->len);
  g_assert_false (mfm_reveal_model_get_revealing (test.reveal));
  g_assert_cmpuint (g_list_model_get_n_items (test.selection), ==, N_SERVERS);
  assert_prefix (&test);

  gtk_widget_remove_tick_callback (window, tick_id);
  g_signal_handlers_disconnect_by_data (test.selection, &test);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);
  g_clear_object (&test.selection);
  g_clear_object (&test.reveal);
  g_clear_object (&test.filtered);
  g_clear_object (&test.filter);
  g_clear_object (&test.store);
  g_free (test.needle);
}

/* ---------------------------------------------------------------------------------------- */
/* A key that hides rows among many: GTK looks for its rows among a few items only         */

/* A model that passes on the items and changes of another and counts the items fetched. */
#define TEST_TYPE_COUNTING_MODEL (test_counting_model_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingModel, test_counting_model, TEST, COUNTING_MODEL, GObject)

struct _TestCountingModel
{
  GObject     parent_instance;
  GListModel *model;
  guint       fetched;
};

static GType
test_counting_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (TEST_COUNTING_MODEL (list)->model);
}

static guint
test_counting_model_get_n_items (GListModel *list)
{
  return g_list_model_get_n_items (TEST_COUNTING_MODEL (list)->model);
}

static gpointer
test_counting_model_get_item (GListModel *list,
                              guint       position)
{
  TestCountingModel *self = TEST_COUNTING_MODEL (list);

  self->fetched++;
  return g_list_model_get_item (self->model, position);
}

static void
test_counting_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = test_counting_model_get_item_type;
  iface->get_n_items = test_counting_model_get_n_items;
  iface->get_item = test_counting_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCountingModel, test_counting_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      test_counting_model_list_model_init))

static void
test_counting_model_dispose (GObject *object)
{
  TestCountingModel *self = TEST_COUNTING_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (test_counting_model_parent_class)->dispose (object);
}

static void
test_counting_model_class_init (TestCountingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_counting_model_dispose;
}

static void
test_counting_model_init (TestCountingModel *self)
{
}

static void
counted_items_changed_cb (TestCountingModel *self,
                          guint              position,
                          guint              removed,
                          guint              added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static TestCountingModel *
test_counting_model_new (GListModel *model)
{
  TestCountingModel *self = g_object_new (TEST_TYPE_COUNTING_MODEL, NULL);

  self->model = model;
  g_signal_connect_swapped (model, "items-changed", G_CALLBACK (counted_items_changed_cb), self);
  return self;
}

typedef struct
{
  GListStore      *store;
  GtkCustomFilter *filter;
  char            *needle;
} SplitTest;

static gboolean
split_contains_needle (gpointer item,
                       gpointer user_data)
{
  SplitTest *test = user_data;

  return test->needle == NULL || strstr (gtk_string_object_get_string (item), test->needle) != NULL;
}

static void
split_search (SplitTest  *test,
              const char *needle)
{
  g_free (test->needle);
  test->needle = g_strdup (needle);
  gtk_filter_changed (GTK_FILTER (test->filter), GTK_FILTER_CHANGE_DIFFERENT);
}

static void
test_model_split (void)
{
  SplitTest test = { 0 };
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GListModel) filtered = NULL;
  g_autoptr(TestCountingModel) below = NULL;
  g_autoptr(GtkSingleSelection) selection = NULL;
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkWidget *window = gtk_window_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  MfmRevealModel *reveal;
  guint expected;

  test.store = g_list_store_new (GTK_TYPE_STRING_OBJECT);
  for (guint i = 0; i < 20000; i++)
    {
      g_autofree char *text = g_strdup_printf ("item %05u", i);

      g_ptr_array_add (items, gtk_string_object_new (text));
    }
  g_list_store_splice (test.store, 0, 0, items->pdata, items->len);
  test.filter = gtk_custom_filter_new (split_contains_needle, &test, NULL);
  filtered = G_LIST_MODEL (gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (test.store)),
                                                      GTK_FILTER (g_object_ref (test.filter))));
  /* Every item fetched through the models below the reveal is counted. */
  below = test_counting_model_new (mfm_safe_rows_model_new (G_LIST_MODEL (g_object_ref (filtered))));
  reveal = MFM_REVEAL_MODEL (mfm_reveal_model_new (G_LIST_MODEL (below)));
  selection = gtk_single_selection_new (G_LIST_MODEL (reveal));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                 gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (selection)),
                                                    g_object_ref (factory)));
  gtk_window_set_child (GTK_WINDOW (window), scrolled);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 600);
  gtk_window_present (GTK_WINDOW (window));
  mfm_reveal_model_set_widget (reveal, window);
  ui_spin (100);

  /* Items hidden, many left: only a few hundred items are fetched, not every one left. */
  below->fetched = 0;
  split_search (&test, "1");
  g_test_message ("%u items fetched for %u rows", below->fetched, g_list_model_get_n_items (filtered));
  g_assert_cmpuint (g_list_model_get_n_items (filtered), >, 10000);
  g_assert_cmpuint (below->fetched, <, 2000);
  ui_spin (50);
  assert_same_items (G_LIST_MODEL (selection), filtered);
  below->fetched = 0;
  split_search (&test, "11");
  g_test_message ("%u items fetched for %u rows", below->fetched, g_list_model_get_n_items (filtered));
  g_assert_cmpuint (g_list_model_get_n_items (filtered), >, 1000);
  g_assert_cmpuint (below->fetched, <, 1000);
  ui_spin (50);
  assert_same_items (G_LIST_MODEL (selection), filtered);

  /* With a row selected a few hundred rows down, it stays selected. */
  {
    g_autoptr(GtkStringObject) item = g_list_model_get_item (filtered, 400);

    gtk_single_selection_set_selected (selection, 400);
    mfm_reveal_model_set_kept_item (reveal, item);
    split_search (&test, "1");
    ui_spin (50);
    assert_same_items (G_LIST_MODEL (selection), filtered);
    g_assert_true (gtk_single_selection_get_selected_item (selection) == (gpointer) item);
  }

  /* And hidden, it is no longer selected; every matching item is there. */
  split_search (&test, "9");
  ui_spin (50);
  assert_same_items (G_LIST_MODEL (selection), filtered);
  g_assert_null (gtk_single_selection_get_selected_item (selection));
  expected = 0;
  for (guint i = 0; i < 20000; i++)
    if (strchr (gtk_string_object_get_string (g_ptr_array_index (items, i)), '9') != NULL)
      expected++;
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, expected);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);
  g_clear_object (&test.filter);
  g_clear_object (&test.store);
  g_free (test.needle);
}

/* ---------------------------------------------------------------------------------------- */
/* The servers table of a window connecting to 1,000 servers                                */

typedef struct
{
  MfmSimulator   *simulator;
  MfmWindow      *window;
  MfmSession     *session;
  MfmServersView *servers;
  GtkEditable    *search;
  GSettings      *settings;
  GListModel     *rows;         /* the column view's model */
  GListModel     *all_rows;     /* sorted and filtered, below the reveal */
  guint           reveal_frames;
  gboolean        searched;
  gboolean        refreshed;
  gboolean        refresh_done;
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

/* The table's rows are the first of the sorted, filtered rows, and each matches the search. */
static void
assert_rows_are_prefix (Fixture *fixture)
{
  guint shown = g_list_model_get_n_items (fixture->rows);
  const char *search = gtk_editable_get_text (fixture->search);

  g_assert_cmpuint (shown, <=, g_list_model_get_n_items (fixture->all_rows));
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(MfmServer) row = g_list_model_get_item (fixture->rows, i);
      g_autoptr(MfmServer) expected = g_list_model_get_item (fixture->all_rows, i);

      g_assert_true (row == expected);
      g_assert_true (ui_server_matches_search (row, search));
    }
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (mfm_session_refresh_finish (MFM_SESSION (object), result, &error));
  g_assert_no_error (error);
  fixture->refresh_done = TRUE;
}

static gboolean
table_tick_cb (GtkWidget     *widget,
               GdkFrameClock *frame_clock,
               gpointer       user_data)
{
  Fixture *fixture = user_data;
  MfmSession *session = mfm_window_get_session (fixture->window);

  if (g_strcmp0 (mfm_servers_view_get_state (fixture->servers), "loading") != 0 ||
      session == NULL || !mfm_session_get_loaded (session))
    return G_SOURCE_CONTINUE;

  /* The load is in, the rest of its rows still to come. */
  fixture->reveal_frames++;
  assert_rows_are_prefix (fixture);
  if (!fixture->refreshed)
    {
      /* Servers added on the server, and a refresh asked for while the rows arrive. */
      g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);

      /* Named to sort first, into the rows already shown. */
      for (guint i = 0; i < 30; i++)
        {
          g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", 900000 + i);
          g_autofree char *name = g_strdup_printf ("aaa-new-%u.corp.example.net.", i);
          g_autofree char *address = g_strdup_printf ("10.250.0.%u", i);
          MfmServer *server = mfm_server_new (ref, name, address, "ISC", "OK");

          mfm_server_set_enabled (server, TRUE);
          g_ptr_array_add (added, server);
        }
      fixture->refreshed = TRUE;
      mfm_simulator_add_servers (fixture->simulator, added);
      mfm_session_refresh_async (session, NULL, refresh_done_cb, fixture);
    }
  else if (!fixture->searched)
    {
      /* A key typed while the rows arrive. */
      fixture->searched = TRUE;
      gtk_editable_set_text (fixture->search, "1");
      assert_rows_are_prefix (fixture);
    }

  return G_SOURCE_CONTINUE;
}

static gboolean
refresh_done (gpointer data)
{
  Fixture *fixture = data;

  return fixture->refresh_done;
}

/* Runs what @keyval is bound to in @widget's class, as a key press there does. */
static gboolean
press_bound_key (GtkWidget *widget,
                 guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == 0)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }

  return FALSE;
}

static void
test_table_reveal (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmInventory) truth = NULL;
  MfmConnectPage *page;
  GtkColumnView *column_view;
  GtkWidget *list_view;
  GtkSingleSelection *selection;
  guint expected = 0;
  guint first;
  guint tick_id;

  fixture.settings = g_settings_new (APP_BASE_ID);
  g_settings_set_boolean (fixture.settings, "isc-only", TRUE);
  g_settings_set_uint (fixture.settings, "auto-refresh-interval", 0);
  fixture.simulator = mfm_simulator_new ();
  mfm_simulator_generate (fixture.simulator, N_SERVERS, N_SERVERS / 2, N_SERVERS, 1);
  g_assert_true (mfm_simulator_start (fixture.simulator, 0, &error));
  g_assert_no_error (error);

  fixture.window = mfm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1100, 800);
  gtk_window_present (GTK_WINDOW (fixture.window));
  page = mfm_window_get_connect_page (fixture.window);
  mfm_connect_page_set_server (page, mfm_simulator_get_url (fixture.simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  g_assert_true (ui_wait (connected, &fixture));
  fixture.servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (fixture.window), MFM_TYPE_SERVERS_VIEW, NULL));
  fixture.search = GTK_EDITABLE (ui_find (GTK_WIDGET (fixture.window), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_assert_nonnull (fixture.servers);
  g_assert_nonnull (fixture.search);
  column_view = mfm_servers_view_get_column_view (fixture.servers);
  fixture.rows = G_LIST_MODEL (gtk_column_view_get_model (column_view));
  g_assert_true (fixture.rows == mfm_servers_view_get_model (fixture.servers));
  {
    GListModel *reveal = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (fixture.rows));

    g_assert_true (MFM_IS_REVEAL_MODEL (reveal));
    fixture.all_rows = mfm_reveal_model_get_model (MFM_REVEAL_MODEL (reveal));
  }
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (column_view), table_tick_cb, &fixture, NULL);

  g_assert_true (ui_wait (loaded, &fixture));
  g_assert_true (ui_wait (refresh_done, &fixture));
  g_assert_true (ui_wait (loaded, &fixture));
  gtk_widget_remove_tick_callback (GTK_WIDGET (column_view), tick_id);
  g_test_message ("the rows arrived over %u frames", fixture.reveal_frames);
  /* Over several frames, a search and a refresh among them. */
  g_assert_cmpuint (fixture.reveal_frames, >=, 2);
  g_assert_true (fixture.searched);
  g_assert_true (fixture.refreshed);
  g_assert_cmpstr (mfm_servers_view_get_state (fixture.servers), ==, "list");

  /* Every row in the end: each ISC server with a 1, the 30 new ones among them. */
  truth = mfm_simulator_dup_inventory (fixture.simulator);
  for (guint i = 0; i < g_list_model_get_n_items (mfm_inventory_get_servers (truth)); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (mfm_inventory_get_servers (truth), i);

      if (ui_server_matches_search (server, "1"))
        expected++;
    }
  g_assert_cmpuint (expected, >, 200);
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, expected);
  g_assert_cmpuint (g_list_model_get_n_items (fixture.rows), ==, g_list_model_get_n_items (fixture.all_rows));
  assert_rows_are_prefix (&fixture);

  /* The keyboard selects as before: in the table, Down selects the next row. */
  selection = GTK_SINGLE_SELECTION (fixture.rows);
  list_view = ui_find (GTK_WIDGET (column_view), GTK_TYPE_LIST_VIEW, NULL);
  g_assert_nonnull (list_view);
  g_assert_true (gtk_widget_grab_focus (list_view));
  g_assert_true (press_bound_key (list_view, GDK_KEY_Down));
  ui_spin (50);
  first = gtk_single_selection_get_selected (selection);
  g_assert_cmpuint (first, !=, GTK_INVALID_LIST_POSITION);
  g_assert_true (press_bound_key (list_view, GDK_KEY_Down));
  ui_spin (50);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, first + 1);
  {
    g_autoptr(MfmServer) next = g_list_model_get_item (fixture.rows, first + 1);

    g_assert_true (mfm_servers_view_get_selected_server (fixture.servers) == next);
  }

  mfm_change_set_clear (mfm_session_get_changes (fixture.session));
  mfm_drafts_delete (mfm_session_get_server_url (fixture.session), mfm_session_get_user (fixture.session));
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  mfm_simulator_stop (fixture.simulator);
  g_clear_object (&fixture.simulator);
  g_clear_object (&fixture.settings);
  ui_spin (50);
}

/* ---------------------------------------------------------------------------------------- */
/* A key that takes the servers table from a few rows to many                               */

typedef struct
{
  Fixture    fixture;
  GtkWidget *list_view;
  guint      frames;
  guint      most_rows_added;   /* row widgets built in one frame, at most */
  guint      last_rows;
} RefillTest;

static guint
count_row_widgets (GtkWidget *list_view)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (list_view);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n++;
  return n;
}

static gboolean
refill_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  RefillTest *test = user_data;
  guint rows = count_row_widgets (test->list_view);

  if (g_strcmp0 (mfm_servers_view_get_state (test->fixture.servers), "loading") != 0)
    return G_SOURCE_CONTINUE;

  /* Every frame: the first rows that match, in order, and never many new ones at once. */
  test->frames++;
  assert_rows_are_prefix (&test->fixture);
  if (rows > test->last_rows)
    test->most_rows_added = MAX (test->most_rows_added, rows - test->last_rows);
  test->last_rows = rows;
  return G_SOURCE_CONTINUE;
}

/* The relationship count cells of the table's rows. */
static void
collect_count_labels (GtkWidget *widget,
                      GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "numeric"))
        g_ptr_array_add (labels, g_object_ref (child));
      collect_count_labels (child, labels);
    }
}

static void
count_notify_cb (guint *notified)
{
  (*notified)++;
}

static gboolean
table_shown_all (gpointer data)
{
  RefillTest *test = data;

  return g_strcmp0 (mfm_servers_view_get_state (test->fixture.servers), "list") == 0;
}

static MfmServer *
server_named (GListModel *rows,
              const char *prefix)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (rows, i);

      if (g_str_has_prefix (mfm_server_get_name (server), prefix))
        return server;
    }

  return NULL;
}

static guint
count_matching (Fixture    *fixture,
                const char *search)
{
  g_autoptr(MfmInventory) truth = mfm_simulator_dup_inventory (fixture->simulator);
  GListModel *servers = mfm_inventory_get_servers (truth);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      if (ui_server_matches_search (server, search))
        n++;
    }

  return n;
}

static void
test_search_refill (void)
{
  RefillTest test = { 0 };
  Fixture *fixture = &test.fixture;
  g_autoptr(GError) error = NULL;
  GtkColumnView *column_view;
  GtkSingleSelection *selection;
  MfmServer *kept;
  guint tick_id;
  guint few;

  fixture->settings = g_settings_new (APP_BASE_ID);
  g_settings_set_boolean (fixture->settings, "isc-only", TRUE);
  g_settings_set_uint (fixture->settings, "auto-refresh-interval", 0);
  fixture->simulator = mfm_simulator_new ();
  mfm_simulator_generate (fixture->simulator, N_SERVERS, N_SERVERS / 2, N_SERVERS, 1);
  g_assert_true (mfm_simulator_start (fixture->simulator, 0, &error));
  g_assert_no_error (error);

  fixture->window = mfm_window_new (NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 800);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_connect_admin (fixture->window, fixture->simulator);
  fixture->servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_SERVERS_VIEW, NULL));
  fixture->search = GTK_EDITABLE (ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_assert_nonnull (fixture->servers);
  g_assert_nonnull (fixture->search);
  g_assert_true (ui_wait (loaded, fixture));
  column_view = mfm_servers_view_get_column_view (fixture->servers);
  fixture->rows = G_LIST_MODEL (gtk_column_view_get_model (column_view));
  selection = GTK_SINGLE_SELECTION (fixture->rows);
  fixture->all_rows = mfm_reveal_model_get_model (MFM_REVEAL_MODEL (gtk_single_selection_get_model (selection)));
  test.list_view = ui_find (GTK_WIDGET (column_view), GTK_TYPE_LIST_VIEW, NULL);
  g_assert_nonnull (test.list_view);

  /* A few rows, the third of them selected. */
  gtk_editable_set_text (fixture->search, "dhcp-ams-0");
  ui_spin (50);
  few = g_list_model_get_n_items (fixture->rows);
  g_assert_cmpuint (few, ==, count_matching (fixture, "dhcp-ams-0"));
  g_assert_cmpuint (few, >=, 3);
  g_assert_cmpuint (few, <, 25);
  gtk_single_selection_set_selected (selection, 2);
  kept = mfm_servers_view_get_selected_server (fixture->servers);
  g_assert_nonnull (kept);

  /* The search made shorter: the rows come over several frames, a few each. */
  tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (column_view), refill_tick_cb, &test, NULL);
  gtk_editable_set_text (fixture->search, "dhcp-");
  test.last_rows = count_row_widgets (test.list_view);
  g_assert_cmpstr (mfm_servers_view_get_state (fixture->servers), ==, "loading");
  g_assert_cmpuint (g_list_model_get_n_items (fixture->rows), <=, 25);
  g_assert_cmpuint (test.last_rows, <=, 25 + few);
  assert_rows_are_prefix (fixture);
  g_assert_true (mfm_servers_view_get_selected_server (fixture->servers) == kept);
  g_assert_true (ui_wait (table_shown_all, &test));
  gtk_widget_remove_tick_callback (GTK_WIDGET (column_view), tick_id);
  g_test_message ("the rows arrived over %u frames, at most %u new row widgets in one",
                  test.frames, test.most_rows_added);
  g_assert_cmpuint (test.frames, >=, 2);
  g_assert_cmpuint (test.most_rows_added, <=, 25);

  /* Every matching row in the end, and the selection kept. */
  g_assert_cmpuint (g_list_model_get_n_items (fixture->rows), ==, count_matching (fixture, "dhcp-"));
  g_assert_cmpuint (g_list_model_get_n_items (fixture->rows), >, 200);
  assert_rows_are_prefix (fixture);
  g_assert_true (mfm_servers_view_get_selected_server (fixture->servers) == kept);
  g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, 2);

  /* A key that keeps the first rows binds them again; their tooltips stay as they are (GTK
   * 4.8 looks for the widget under the pointer across the window whenever one is set). */
  {
    g_autoptr(GPtrArray) counts = g_ptr_array_new_with_free_func (g_object_unref);
    guint notified = 0;

    collect_count_labels (test.list_view, counts);
    g_assert_cmpuint (counts->len, >, 10);
    for (guint i = 0; i < counts->len; i++)
      g_signal_connect_swapped (counts->pdata[i], "notify::tooltip-text",
                                G_CALLBACK (count_notify_cb), &notified);
    gtk_editable_set_text (fixture->search, "dhcp-a");
    ui_spin (50);
    assert_rows_are_prefix (fixture);
    for (guint i = 0; i < counts->len; i++)
      g_signal_handlers_disconnect_by_data (counts->pdata[i], &notified);
    g_assert_cmpuint (notified, ==, 0);
    gtk_editable_set_text (fixture->search, "dhcp-");
    g_assert_true (ui_wait (table_shown_all, &test));
  }

  /* A selected row that would come in a later frame: every row at once, the selection kept. */
  gtk_editable_set_text (fixture->search, "dhcp-ams-50");
  ui_spin (50);
  g_assert_cmpuint (g_list_model_get_n_items (fixture->rows), ==, 1);
  gtk_single_selection_set_selected (selection, 0);
  kept = mfm_servers_view_get_selected_server (fixture->servers);
  g_assert_true (kept == server_named (fixture->all_rows, "dhcp-ams-50."));
  gtk_editable_set_text (fixture->search, "dhcp-");
  g_assert_cmpstr (mfm_servers_view_get_state (fixture->servers), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (fixture->rows), ==, count_matching (fixture, "dhcp-"));
  assert_rows_are_prefix (fixture);
  g_assert_true (mfm_servers_view_get_selected_server (fixture->servers) == kept);

  /* The keyboard moves the selection on from there, as before. */
  g_assert_true (gtk_widget_grab_focus (test.list_view));
  {
    guint at = gtk_single_selection_get_selected (selection);

    g_assert_true (press_bound_key (test.list_view, GDK_KEY_Down));
    ui_spin (50);
    g_assert_cmpuint (gtk_single_selection_get_selected (selection), ==, at + 1);
  }

  mfm_change_set_clear (mfm_session_get_changes (mfm_window_get_session (fixture->window)));
  mfm_drafts_delete (mfm_session_get_server_url (mfm_window_get_session (fixture->window)),
                     mfm_session_get_user (mfm_window_get_session (fixture->window)));
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  g_clear_object (&fixture->settings);
  ui_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/reveal/model", test_model_reveal);
  g_test_add_func ("/ui/reveal/servers-table", test_table_reveal);
  g_test_add_func ("/ui/reveal/search-refill", test_search_refill);
  g_test_add_func ("/ui/reveal/split", test_model_split);

  return g_test_run ();
}
