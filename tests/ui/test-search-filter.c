/* test-search-filter.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-search-filter"

#include "config.h"

#include <gtk/gtk.h>

#include "mfm-changes-test-util.h"
#include "mfm-relationships-view.h"
#include "mfm-search-filter.h"
#include "mfm-servers-view.h"
#include "mfm-window.h"
#include "mfm-ui-test-util.h"

/* The search filter as the tables use it: a GtkFilterListModel over the items, its keys
 * prepared while idle, a search typed one key at a time. Each item is a plain object whose
 * two texts (a name and an address) live in its data, so a test can rename it in place. */

typedef struct
{
  GListStore         *store;
  GtkFilter          *filter;
  GtkFilterListModel *rows;
  GArray             *changes;     /* GtkFilterChange of each "changed", since the last key */
} Fixture;

static guint
item_fields (gpointer     item,
             const char **fields)
{
  fields[0] = g_object_get_data (item, "name");
  fields[1] = g_object_get_data (item, "address");

  return 2;
}

static void
set_texts (GObject    *item,
           const char *name,
           const char *address)
{
  g_object_set_data_full (item, "name", g_strdup (name), g_free);
  g_object_set_data_full (item, "address", g_strdup (address), g_free);
}

static GObject *
item_new (const char *name,
          const char *address)
{
  GObject *item = g_object_new (G_TYPE_OBJECT, NULL);

  set_texts (item, name, address);
  return item;
}

static gboolean
item_matches (GObject    *item,
              const char *search)
{
  g_autofree char *needle = g_utf8_casefold (search, -1);
  g_autofree char *name = g_utf8_casefold (g_object_get_data (item, "name"), -1);
  g_autofree char *address = g_utf8_casefold (g_object_get_data (item, "address"), -1);

  return *needle == '\0' || strstr (name, needle) != NULL || strstr (address, needle) != NULL;
}

static void
filter_changed_cb (GtkFilter       *filter,
                   GtkFilterChange  change,
                   Fixture         *fixture)
{
  g_array_append_val (fixture->changes, change);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  const char *sites[] = { "ams", "fra", "rey", "ber" };

  fixture->store = g_list_store_new (G_TYPE_OBJECT);
  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *name = g_strdup_printf ("dhcp-%s-%04u", sites[i % G_N_ELEMENTS (sites)], i);
      g_autofree char *address = g_strdup_printf ("10.%u.%u.%u", i % 4, i / 250, i % 250);
      g_autoptr(GObject) item = item_new (name, address);

      g_list_store_append (fixture->store, item);
    }

  fixture->filter = mfm_search_filter_new ();
  mfm_search_filter_set_fields_func (MFM_SEARCH_FILTER (fixture->filter), item_fields);
  fixture->rows = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (fixture->store)),
                                             g_object_ref (fixture->filter));
  fixture->changes = g_array_new (FALSE, FALSE, sizeof (GtkFilterChange));
  g_signal_connect (fixture->filter, "changed", G_CALLBACK (filter_changed_cb), fixture);

  /* As the views do: the keys are prepared while idle, before anyone types. */
  mfm_search_filter_prepare (MFM_SEARCH_FILTER (fixture->filter), G_LIST_MODEL (fixture->store));
  spin ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (fixture->filter, fixture);
  g_clear_object (&fixture->rows);
  g_clear_object (&fixture->filter);
  g_clear_object (&fixture->store);
  g_array_unref (fixture->changes);
}

/* The rows are exactly the items that match @search, in the store's order. */
static void
assert_rows_match (Fixture    *fixture,
                   const char *search)
{
  GListModel *rows = G_LIST_MODEL (fixture->rows);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (fixture->store));
  guint row = 0;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (fixture->store), i);
      g_autoptr(GObject) shown = NULL;

      if (!item_matches (item, search))
        continue;
      shown = g_list_model_get_item (rows, row++);
      if (shown != item)
        g_error ("After “%s”, row %u is “%s”, not “%s”", search, row - 1,
                 shown != NULL ? (char *) g_object_get_data (shown, "name") : "(none)",
                 (char *) g_object_get_data (item, "name"));
    }
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, row);
}

static void
type (Fixture    *fixture,
      const char *text)
{
  g_array_set_size (fixture->changes, 0);
  mfm_search_filter_set_search (MFM_SEARCH_FILTER (fixture->filter), text);
}

/* Typed and deleted one key at a time: after every key, the rows are exactly the matching
 * items. A key that changes no item's answer does not make GTK check the rows again, and a
 * change is told in the direction the rows really went. */
static void
test_typing (Fixture       *fixture,
             gconstpointer  data)
{
  const char *typed = "DHCP-ams-00";
  guint len = strlen (typed);
  guint unchanged = 0;

  for (guint step = 0; step < 2 * len + 1; step++)
    {
      guint n_chars = step < len ? step + 1 : 2 * len - step - 1;
      g_autofree char *text = g_strndup (typed, n_chars);
      guint before = g_list_model_get_n_items (G_LIST_MODEL (fixture->rows));
      guint after;

      type (fixture, text);
      assert_rows_match (fixture, text);
      after = g_list_model_get_n_items (G_LIST_MODEL (fixture->rows));

      g_assert_cmpuint (fixture->changes->len, <=, 1);
      if (fixture->changes->len == 0)
        {
          unchanged++;
          g_assert_cmpuint (before, ==, after);
        }
      else if (g_array_index (fixture->changes, GtkFilterChange, 0) == GTK_FILTER_CHANGE_MORE_STRICT)
        g_assert_cmpuint (after, <=, before);
      else if (g_array_index (fixture->changes, GtkFilterChange, 0) == GTK_FILTER_CHANGE_LESS_STRICT)
        g_assert_cmpuint (after, >=, before);
    }

  /* "D" to "DHCP-" and back again hide nothing: every item's name holds them all. */
  g_assert_cmpuint (unchanged, >=, 8);

  /* Cleared: every item is back. */
  type (fixture, "");
  assert_rows_match (fixture, "");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 2000);
}

/* Another search that only hides rows (no longer a longer one) is told as stricter, and
 * one that only shows rows as less strict, so GTK checks only the rows it can change. */
static void
test_direction (Fixture       *fixture,
                gconstpointer  data)
{
  type (fixture, "ams-1");
  assert_rows_match (fixture, "ams-1");
  /* "ams-1" to "-ams-1": not a longer text GTK could know of, but it hides nothing. */
  type (fixture, "p-ams-1");
  assert_rows_match (fixture, "p-ams-1");
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  /* "p-ams-1" to "ams-10": different texts, the rows only shrink. */
  type (fixture, "ams-10");
  assert_rows_match (fixture, "ams-10");
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpint (g_array_index (fixture->changes, GtkFilterChange, 0), ==, GTK_FILTER_CHANGE_MORE_STRICT);
}

/* A renamed item is checked again on the next key, even when no other row changes. */
static void
test_renamed (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (fixture->store), 0);

  type (fixture, "dhcp");
  assert_rows_match (fixture, "dhcp");
  set_texts (item, "kea-ams-0000", "10.0.0.0");
  /* Every other item still matches "dhcp-": only the renamed one goes. */
  type (fixture, "dhcp-");
  assert_rows_match (fixture, "dhcp-");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 1999);

  set_texts (item, "dhcp-ams-0000", "10.0.0.0");
  type (fixture, "dhcp");
  assert_rows_match (fixture, "dhcp");
}

static gboolean
any_item (gpointer item,
          gpointer user_data)
{
  return TRUE;
}

/* Beside a filter that never matches every item for GTK (as the servers table's ISC filter),
 * GTK asks about each row whatever the search: a first key that hides nothing, and clearing
 * a search that hid nothing, are not told to GTK (it would check every row again). Keys that
 * do change rows are, and the rows are right after each. */
static void
test_always_asked (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkEveryFilter *every = gtk_every_filter_new ();
  g_autoptr(GtkFilterListModel) rows = NULL;
  GListModel *store = G_LIST_MODEL (fixture->store);

  mfm_search_filter_set_always_asked (MFM_SEARCH_FILTER (fixture->filter), TRUE);
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), GTK_FILTER (gtk_custom_filter_new (any_item, NULL, NULL)));
  gtk_multi_filter_append (GTK_MULTI_FILTER (every), g_object_ref (fixture->filter));
  rows = gtk_filter_list_model_new (g_object_ref (store), GTK_FILTER (every));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2000);

  /* Every item's name holds a "d". */
  type (fixture, "D");
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2000);
  type (fixture, "");
  g_assert_cmpuint (fixture->changes->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2000);

  /* From the empty search to one that hides rows, and back. */
  type (fixture, "ams");
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 500);
  for (guint i = 0; i < 500; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_assert_true (item_matches (item, "ams"));
    }
  type (fixture, "");
  g_assert_cmpuint (fixture->changes->len, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2000);

  /* A renamed item is still checked on the first key. */
  {
    g_autoptr(GObject) item = g_list_model_get_item (store, 7);

    set_texts (item, "kea-ams-0007", "172.16.0.7");
    type (fixture, "D");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 1999);
    type (fixture, "");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 2000);
  }
}

/* Items added while their keys are being prepared again are filtered all the same, before
 * and after the preparation is done. */
static void
test_added (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GObject) matching = item_new ("dhcp-osl-9000", "10.9.0.0");
  g_autoptr(GObject) other = item_new ("kea-osl-9001", "10.9.0.1");

  type (fixture, "dhcp-");
  g_list_store_append (fixture->store, matching);
  g_list_store_append (fixture->store, other);
  mfm_search_filter_prepare (MFM_SEARCH_FILTER (fixture->filter), G_LIST_MODEL (fixture->store));
  assert_rows_match (fixture, "dhcp-");

  type (fixture, "dhcp-o");
  assert_rows_match (fixture, "dhcp-o");
  spin ();
  type (fixture, "osl");
  assert_rows_match (fixture, "osl");
  type (fixture, "dhcp-osl");
  assert_rows_match (fixture, "dhcp-osl");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture->rows)), ==, 1);
  type (fixture, "");
  assert_rows_match (fixture, "");
}

/* ---------------------------------------------------------------------------------------- */
/* The two tables of the window                                                              */

typedef struct
{
  MfmSimulator         *simulator;
  MfmWindow            *window;
  MfmServersView       *servers;
  MfmRelationshipsView *relationships;
  GtkEditable          *search;
  AdwViewStack         *view_stack;
  GSettings            *settings;
} WindowFixture;

static gboolean
window_loaded (gpointer data)
{
  WindowFixture *fixture = data;
  MfmSession *session = mfm_window_get_session (fixture->window);

  return session != NULL && !mfm_session_get_loading (session) &&
         g_strcmp0 (mfm_servers_view_get_state (fixture->servers), "loading") != 0;
}

static void
window_fixture_set_up (WindowFixture *fixture,
                       gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_BASE_ID);
  g_settings_set_boolean (fixture->settings, "isc-only", FALSE);
  fixture->simulator = ui_start_demo_simulator ();
  fixture->window = mfm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_connect_admin (fixture->window, fixture->simulator);
  fixture->servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_SERVERS_VIEW, NULL));
  fixture->relationships = MFM_RELATIONSHIPS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_RELATIONSHIPS_VIEW, NULL));
  fixture->search = GTK_EDITABLE (ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL));
  fixture->view_stack = ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL));
  g_assert_nonnull (fixture->servers);
  g_assert_nonnull (fixture->relationships);
  g_assert_nonnull (fixture->search);
  g_assert_nonnull (fixture->view_stack);
  g_assert_true (ui_wait (window_loaded, fixture));
  ui_spin (100);
}

static void
window_fixture_tear_down (WindowFixture *fixture,
                          gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  g_clear_object (&fixture->settings);
  ui_spin (50);
}

static gboolean
relationship_matches (MfmRelationship *relationship,
                      const char      *search)
{
  g_autofree char *needle = g_utf8_casefold (search, -1);
  g_autofree char *texts = g_strjoin ("\n", mfm_relationship_get_name (relationship),
                                      mfm_relationship_get_primary_server (relationship),
                                      mfm_relationship_get_secondary_server (relationship), NULL);
  g_autofree char *folded = g_utf8_casefold (texts, -1);

  return strstr (folded, needle) != NULL;
}

/* The rows are exactly the relationships of @all that match @search, none missing. */
static void
assert_relationship_rows (GListModel *rows,
                          GListModel *all,
                          const char *search)
{
  guint expected = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (all, i);

      expected += relationship_matches (relationship, search);
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (rows, i);

      if (!relationship_matches (relationship, search))
        g_error ("After “%s”, the row “%s” is shown", search, mfm_relationship_get_name (relationship));
    }
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n_changes)
{
  (*n_changes)++;
}

/* While the servers are shown, typing does not touch the hidden table of every relationship;
 * the moment it is shown (before any frame), and whenever its rows are asked for, they are
 * exactly the ones matching the search. */
static void
test_hidden_view (WindowFixture *fixture,
                  gconstpointer  data)
{
  MfmRelationshipTable *table = mfm_relationships_view_get_table (fixture->relationships);
  GListModel *rows = mfm_relationship_table_get_rows (table);
  GListModel *all = mfm_relationship_table_get_sorted (table);
  guint n_changes = 0;
  guint n_servers;
  const char *typed = "dhcp-a";

  g_assert_cmpstr (adw_view_stack_get_visible_child_name (fixture->view_stack), ==, "servers");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, g_list_model_get_n_items (all));
  g_signal_connect (rows, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  n_servers = g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers));

  for (guint i = 1; i <= strlen (typed); i++)
    {
      g_autofree char *text = g_strndup (typed, i);

      gtk_editable_set_text (fixture->search, text);
      ui_spin (20);
    }
  /* The servers table was filtered; the hidden one was not touched. */
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), <, n_servers);
  g_assert_cmpuint (n_changes, ==, 0);

  /* Shown: filtered at once, before it is drawn. */
  adw_view_stack_set_visible_child_name (fixture->view_stack, "relationships");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (fixture->relationships)));
  g_assert_cmpuint (n_changes, >, 0);
  assert_relationship_rows (rows, all, typed);

  /* While shown, every key filters it. */
  gtk_editable_set_text (fixture->search, "dhcp");
  assert_relationship_rows (rows, all, "dhcp");

  /* Hidden again: asked for its rows, it gives the matching ones. */
  adw_view_stack_set_visible_child_name (fixture->view_stack, "servers");
  gtk_editable_set_text (fixture->search, "dhcp-a");
  assert_relationship_rows (mfm_relationships_view_get_model (fixture->relationships), all, "dhcp-a");

  /* Cleared: every row is back. */
  gtk_editable_set_text (fixture->search, "");
  g_assert_cmpuint (g_list_model_get_n_items (mfm_relationships_view_get_model (fixture->relationships)), ==,
                    g_list_model_get_n_items (all));
  g_signal_handlers_disconnect_by_func (rows, count_changes_cb, &n_changes);
}

static gboolean
rows_hold (GListModel *rows,
           gpointer    item)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) row = g_list_model_get_item (rows, i);

      if (row == item)
        return TRUE;
    }
  return FALSE;
}

static void
search_servers (WindowFixture *fixture,
                const char    *text)
{
  GListModel *rows = mfm_servers_view_get_model (fixture->servers);
  g_autofree char *needle = g_utf8_casefold (text, -1);

  gtk_editable_set_text (fixture->search, text);
  ui_spin (20);
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (rows, i);
      g_autofree char *name = g_utf8_casefold (mfm_server_get_name (server), -1);
      g_autofree char *address = g_utf8_casefold (mfm_server_get_address (server), -1);

      if (strstr (name, needle) == NULL && strstr (address, needle) == NULL)
        g_error ("After “%s”, the row “%s” is shown", text, mfm_server_get_name (server));
    }
}

/* A server renamed in place (as a refresh does) is found by its new name and no longer by
 * the old one: the key kept for it is known stale by the server's generation. */
static void
test_renamed_server (WindowFixture *fixture,
                     gconstpointer  data)
{
  GListModel *rows = mfm_servers_view_get_model (fixture->servers);
  g_autoptr(MfmServer) server = g_list_model_get_item (rows, 0);
  g_autofree char *old_name = g_strdup (mfm_server_get_display_name (server));

  search_servers (fixture, old_name);
  g_assert_true (rows_hold (rows, server));
  search_servers (fixture, "");

  g_object_set (server, "name", "moved-away.example.test.", NULL);
  search_servers (fixture, "moved-away");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_true (rows_hold (rows, server));

  search_servers (fixture, "");
  search_servers (fixture, old_name);
  g_assert_false (rows_hold (rows, server));
  search_servers (fixture, "");
}

/* A refresh that renames servers in place, while a search is typed, hides the row whose new
 * name no longer matches and shows the one whose new name does, before any key is typed;
 * a shorter search after it does not bring the first back. (The local names are changed
 * first so that the refresh's names from the server are renames in place.) */
static void
test_refresh_renames (WindowFixture *fixture,
                      gconstpointer  data)
{
  MfmSession *session = mfm_window_get_session (fixture->window);
  GListModel *rows = mfm_servers_view_get_model (fixture->servers);
  g_autoptr(MfmServer) leaving = g_list_model_get_item (rows, 0);
  g_autoptr(MfmServer) arriving = g_list_model_get_item (rows, 1);
  g_autofree char *arriving_name = g_strdup (mfm_server_get_name (arriving));

  g_object_set (leaving, "name", "moved-away-one.example.test.", NULL);
  g_object_set (arriving, "name", "moved-away-two.example.test.", NULL);
  search_servers (fixture, "moved-away-one");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_true (rows_hold (rows, leaving));

  /* Its name on the server holds "moved-away" nowhere: the refresh takes it back. */
  changes_test_refresh (session);
  ui_spin (20);
  g_assert_cmpstr (mfm_server_get_name (arriving), ==, arriving_name);
  g_assert_false (rows_hold (rows, leaving));
  g_assert_false (rows_hold (rows, arriving));
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 0);

  /* A shorter search checks only rows that did not match: the renamed one must not be
   * among those that did. */
  search_servers (fixture, "moved-away");
  g_assert_false (rows_hold (rows, leaving));
  search_servers (fixture, "");

  /* The other way: a row hidden by its local name comes when the refresh gives it back a
   * name that matches. */
  g_object_set (arriving, "name", "elsewhere.example.test.", NULL);
  search_servers (fixture, arriving_name);
  g_assert_false (rows_hold (rows, arriving));
  changes_test_refresh (session);
  ui_spin (20);
  g_assert_true (rows_hold (rows, arriving));
  search_servers (fixture, "");
}

/* The same in the table of every relationship: a relationship whose primary server the
 * refresh changes in place leaves the rows of a search its new partner does not match. */
static void
test_refresh_changes_relationship (WindowFixture *fixture,
                                   gconstpointer  data)
{
  MfmSession *session = mfm_window_get_session (fixture->window);
  MfmRelationshipTable *table = mfm_relationships_view_get_table (fixture->relationships);
  GListModel *rows = mfm_relationship_table_get_rows (table);
  GListModel *all = mfm_relationship_table_get_sorted (table);
  g_autoptr(MfmRelationship) relationship = g_list_model_get_item (all, 0);

  adw_view_stack_set_visible_child_name (fixture->view_stack, "relationships");
  mfm_relationship_set_primary_server (relationship, "moved-away.example.test.");
  gtk_editable_set_text (fixture->search, "moved-away");
  ui_spin (20);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  g_assert_true (rows_hold (rows, relationship));

  changes_test_refresh (session);
  ui_spin (20);
  g_assert_cmpstr (mfm_relationship_get_primary_server (relationship), !=, "moved-away.example.test.");
  g_assert_false (rows_hold (rows, relationship));
  gtk_editable_set_text (fixture->search, "moved");
  ui_spin (20);
  g_assert_false (rows_hold (rows, relationship));
  gtk_editable_set_text (fixture->search, "");
}

/* The row widgets the table shows now (the children of the list inside the column view),
 * or with @all also those it built beyond the visible part. */
static GPtrArray *
shown_rows (MfmServersView *view,
            gboolean        all)
{
  GtkWidget *list = ui_find (GTK_WIDGET (mfm_servers_view_get_column_view (view)), GTK_TYPE_LIST_VIEW, NULL);
  GPtrArray *rows = g_ptr_array_new ();

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (all || (gtk_widget_get_child_visible (row) && gtk_widget_get_mapped (row)))
      g_ptr_array_add (rows, row);
  return rows;
}

static void
add_labels (GtkWidget *widget,
            GPtrArray *labels)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child))
        g_ptr_array_add (labels, g_object_ref (child));
      else
        add_labels (child, labels);
    }
}

/* When a key leaves few rows of many, the labels of the cells GTK tears down are kept and
 * given to the cells it builds next: the rows built after the search is cleared are made of
 * them, and each shows its own server (selecting a row selects the server it names). */
static void
test_cells_reused (WindowFixture *fixture,
                   gconstpointer  data)
{
  GtkSingleSelection *selection = GTK_SINGLE_SELECTION (mfm_servers_view_get_model (fixture->servers));
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(MfmServer) kept = NULL;
  guint n_reused = 0;
  guint n_labels = 0;

  search_servers (fixture, "");
  rows = shown_rows (fixture->servers, TRUE);
  g_assert_cmpuint (rows->len, >, 2);
  for (guint i = 0; i < rows->len; i++)
    add_labels (g_ptr_array_index (rows, i), before);
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* One row stays; GTK tears the others down. */
  kept = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  search_servers (fixture, mfm_server_get_name (kept));
  ui_spin (100);

  search_servers (fixture, "");
  ui_spin (300);

  rows = shown_rows (fixture->servers, FALSE);
  g_assert_cmpuint (rows->len, >, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (rows, i);
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);
      g_autofree char *name = NULL;
      MfmServer *server;

      add_labels (row, labels);
      g_assert_cmpuint (labels->len, >=, 3);
      for (guint j = 0; j < labels->len; j++)
        {
          n_labels++;
          n_reused += g_ptr_array_find (before, g_ptr_array_index (labels, j), NULL);
        }

      /* The row shows the server it stands for. */
      gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);
      g_assert_true (gtk_widget_activate_action (row, "listitem.select", "(bb)", FALSE, FALSE));
      server = gtk_single_selection_get_selected_item (selection);
      g_assert_nonnull (server);
      name = mfm_server_name_without_dot (mfm_server_get_name (server));
      g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, 0)), ==, name);
      g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, 1)), ==, mfm_server_get_address (server));
      g_assert_cmpstr (gtk_label_get_text (g_ptr_array_index (labels, 2)), ==, mfm_server_get_server_type (server));
      g_clear_pointer (&rows, g_ptr_array_unref);
      rows = shown_rows (fixture->servers, FALSE);
    }
  gtk_single_selection_set_selected (selection, GTK_INVALID_LIST_POSITION);

  /* The rows are made of the labels the table had before the search: the kept row's, and
   * the torn-down rows' used again. */
  g_test_message ("%u of %u labels used again", n_reused, n_labels);
  g_assert_cmpuint (n_reused, ==, n_labels);

  /* Rows torn down while the table cannot be used leave no label that stays greyed out. */
  gtk_widget_set_sensitive (GTK_WIDGET (fixture->servers), FALSE);
  search_servers (fixture, mfm_server_get_name (kept));
  ui_spin (100);
  gtk_widget_set_sensitive (GTK_WIDGET (fixture->servers), TRUE);
  search_servers (fixture, "");
  ui_spin (300);
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = shown_rows (fixture->servers, FALSE);
  g_assert_cmpuint (rows->len, >, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_object_unref);

      add_labels (g_ptr_array_index (rows, i), labels);
      for (guint j = 0; j < labels->len; j++)
        g_assert_true (gtk_widget_is_sensitive (g_ptr_array_index (labels, j)));
    }
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/search-filter/typing", test_typing);
  ADD ("/ui/search-filter/direction", test_direction);
  ADD ("/ui/search-filter/renamed", test_renamed);
  ADD ("/ui/search-filter/added", test_added);
  ADD ("/ui/search-filter/always-asked", test_always_asked);
#undef ADD
  g_test_add ("/ui/search-filter/hidden-view", WindowFixture, NULL, window_fixture_set_up,
              test_hidden_view, window_fixture_tear_down);
  g_test_add ("/ui/search-filter/renamed-server", WindowFixture, NULL, window_fixture_set_up,
              test_renamed_server, window_fixture_tear_down);
  g_test_add ("/ui/search-filter/refresh-renames", WindowFixture, NULL, window_fixture_set_up,
              test_refresh_renames, window_fixture_tear_down);
  g_test_add ("/ui/search-filter/refresh-changes-relationship", WindowFixture, NULL, window_fixture_set_up,
              test_refresh_changes_relationship, window_fixture_tear_down);
  g_test_add ("/ui/search-filter/cells-reused", WindowFixture, NULL, window_fixture_set_up,
              test_cells_reused, window_fixture_tear_down);

  return g_test_run ();
}
