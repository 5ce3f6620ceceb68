/* test-views.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-views"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mfm-drafts.h"
#include "mfm-error.h"
#include "mfm-relationship-editor.h"
#include "mfm-relationship-pane.h"
#include "mfm-relationship-table.h"
#include "mfm-relationships-view.h"
#include "mfm-remove-dialog.h"
#include "mfm-row-menu-factory.h"
#include "mfm-servers-view.h"
#include "mfm-state-badge.h"
#include "mfm-view-closures.h"
#include "mfm-window.h"
#include "mfm-ui-test-util.h"

typedef struct
{
  MfmSimulator         *simulator;
  MfmInventory         *truth;      /* the simulator's own data */
  MfmWindow            *window;
  MfmSession           *session;
  MfmServersView       *servers;
  MfmRelationshipPane  *pane;
  MfmRelationshipsView *relationships;
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
static gboolean
connected (gpointer data)
{
  Fixture *fixture = data;

  return mfm_window_get_session (fixture->window) != NULL;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->settings = g_settings_new (APP_BASE_ID);
  g_settings_set_boolean (fixture->settings, "isc-only", TRUE);

  fixture->simulator = ui_start_demo_simulator ();
  fixture->truth = mfm_simulator_dup_inventory (fixture->simulator);
  fixture->window = mfm_window_new (NULL);

  gtk_window_present (GTK_WINDOW (fixture->window));
  ui_connect_admin (fixture->window, fixture->simulator);
  fixture->servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_SERVERS_VIEW, NULL));
  fixture->pane = MFM_RELATIONSHIP_PANE (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_RELATIONSHIP_PANE, NULL));
  fixture->relationships = MFM_RELATIONSHIPS_VIEW (ui_find (GTK_WIDGET (fixture->window), MFM_TYPE_RELATIONSHIPS_VIEW, NULL));
  fixture->search = GTK_EDITABLE (ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_SEARCH_ENTRY, NULL));
  g_assert_nonnull (fixture->servers);
  g_assert_nonnull (fixture->pane);
  g_assert_nonnull (fixture->relationships);
  g_assert_nonnull (fixture->search);
  g_assert_true (ui_wait (loaded, fixture));
  g_assert_cmpstr (mfm_servers_view_get_state (fixture->servers), ==, "list");
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
  g_clear_object (&fixture->truth);
  g_clear_object (&fixture->settings);
  ui_spin (50);
}

static guint
count_servers (MfmInventory *inventory,
               gboolean      isc_only,
               const char   *search)
{
  GListModel *servers = mfm_inventory_get_servers (inventory);
  g_autofree char *needle = search != NULL ? g_utf8_casefold (search, -1) : NULL;
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);
      g_autofree char *haystack = NULL;
      g_autofree char *folded = NULL;

      if (isc_only && !mfm_server_is_isc (server))
        continue;
      haystack = g_strdup_printf ("%s %s", mfm_server_get_name (server), mfm_server_get_address (server));
      folded = g_utf8_casefold (haystack, -1);
      if (needle != NULL && strstr (folded, needle) == NULL)
        continue;
      n++;
    }

  return n;
}

static MfmServer *
shown_server (Fixture *fixture,
              guint    position)
{
  return g_list_model_get_item (mfm_servers_view_get_model (fixture->servers), position);
}

static GtkWidget *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  return ui_find (root, GTK_TYPE_LABEL, text);
}

static void
test_counts (Fixture       *fixture,
             gconstpointer  data)
{
  guint isc = count_servers (fixture->truth, TRUE, NULL);
  guint all = count_servers (fixture->truth, FALSE, NULL);
  guint n_relationships = g_list_model_get_n_items (mfm_inventory_get_relationships (fixture->truth));
  g_autofree char *isc_text = g_strdup_printf (ngettext ("%u server", "%u servers", isc), isc);
  g_autofree char *all_text = g_strdup_printf (ngettext ("%u server", "%u servers", all), all);
  g_autofree char *rel_text = g_strdup_printf (ngettext ("%u relationship", "%u relationships", n_relationships),
                                               n_relationships);
  GtkWidget *isc_check;

  g_assert_cmpuint (isc, >, 0);
  g_assert_cmpuint (all, >, isc);
  g_assert_cmpuint (n_relationships, >, 0);

  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==, isc);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (fixture->servers), isc_text));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_relationships_view_get_model (fixture->relationships)), ==,
                    n_relationships);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (fixture->relationships), rel_text));

  /* "Only ISC servers" off shows every type, and the setting follows. */
  isc_check = ui_find (GTK_WIDGET (fixture->servers), GTK_TYPE_CHECK_BUTTON, _("_Only ISC servers"));
  g_assert_nonnull (isc_check);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (isc_check)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (isc_check), FALSE);
  g_assert_false (g_settings_get_boolean (fixture->settings, "isc-only"));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==, all);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (fixture->servers), all_text));
  g_settings_set_boolean (fixture->settings, "isc-only", TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==, isc);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(MfmServer) first = shown_server (fixture, 0);
  const char *address = mfm_server_get_address (first);
  g_autofree char *prefix = g_strndup (address, strlen (address) - 1);
  guint expected;

  /* By address: part of the first server's address. */
  expected = count_servers (fixture->truth, TRUE, prefix);
  gtk_editable_set_text (fixture->search, prefix);
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==, expected);

  /* By name, in another case. */
  {
    g_autofree char *upper = g_utf8_strup ("ams", -1);

    expected = count_servers (fixture->truth, TRUE, "ams");
    gtk_editable_set_text (fixture->search, upper);
    g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==, expected);
  }

  /* Nothing matches: the empty state says so. */
  gtk_editable_set_text (fixture->search, "no-such-server-anywhere");
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==, 0);
  g_assert_cmpstr (mfm_servers_view_get_state (fixture->servers), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (mfm_relationships_view_get_model (fixture->relationships)), ==, 0);

  gtk_editable_set_text (fixture->search, "");
  g_assert_cmpstr (mfm_servers_view_get_state (fixture->servers), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==,
                    count_servers (fixture->truth, TRUE, NULL));
}

/* As a person orders names: case aside, and a run of digits by its value (ams-2 before
 * ams-10, 10.0.0.9 before 10.0.0.10). */
static int
compare_names (const char *a,
               const char *b)
{
  g_autofree char *fa = g_utf8_casefold (a, -1);
  g_autofree char *fb = g_utf8_casefold (b, -1);
  const char *pa = fa;
  const char *pb = fb;

  while (*pa != '\0' && *pb != '\0')
    {
      if (g_ascii_isdigit (*pa) && g_ascii_isdigit (*pb))
        {
          char *end_a;
          char *end_b;
          guint64 na = g_ascii_strtoull (pa, &end_a, 10);
          guint64 nb = g_ascii_strtoull (pb, &end_b, 10);

          if (na != nb)
            return na < nb ? -1 : 1;
          pa = end_a;
          pb = end_b;
          continue;
        }
      if (*pa != *pb)
        return (guchar)*pa < (guchar)*pb ? -1 : 1;
      pa++;
      pb++;
    }

  return (*pa != '\0') - (*pb != '\0');
}

static void
test_sort (Fixture       *fixture,
           gconstpointer  data)
{
  GtkColumnView *view = mfm_servers_view_get_column_view (fixture->servers);
  GListModel *columns = gtk_column_view_get_columns (view);
  GListModel *model = mfm_servers_view_get_model (fixture->servers);
  g_autoptr(GtkColumnViewColumn) name_column = g_list_model_get_item (columns, 0);
  g_autoptr(GtkColumnViewColumn) address_column = g_list_model_get_item (columns, 1);
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, >, 2);

  /* Ascending by name to start with. */
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(MfmServer) a = g_list_model_get_item (model, i - 1);
      g_autoptr(MfmServer) b = g_list_model_get_item (model, i);

      g_assert_cmpint (compare_names (mfm_server_get_name (a), mfm_server_get_name (b)), <=, 0);
    }

  gtk_column_view_sort_by_column (view, name_column, GTK_SORT_DESCENDING);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(MfmServer) a = g_list_model_get_item (model, i - 1);
      g_autoptr(MfmServer) b = g_list_model_get_item (model, i);

      g_assert_cmpint (compare_names (mfm_server_get_name (a), mfm_server_get_name (b)), >=, 0);
    }

  gtk_column_view_sort_by_column (view, address_column, GTK_SORT_ASCENDING);
  for (guint i = 1; i < n; i++)
    {
      g_autoptr(MfmServer) a = g_list_model_get_item (model, i - 1);
      g_autoptr(MfmServer) b = g_list_model_get_item (model, i);

      g_assert_cmpint (compare_names (mfm_server_get_address (a), mfm_server_get_address (b)), <=, 0);
    }
}

static GHashTable *
names_in (GListModel *model)
{
  GHashTable *names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (model, i);

      g_hash_table_add (names, g_strdup (mfm_relationship_get_name (relationship)));
    }

  return names;
}

static void
test_selection_shows_its_relationships (Fixture       *fixture,
                                        gconstpointer  data)
{
  GListModel *model;
  guint n;

  /* Every server, including the ones of other types (no relationships). */
  g_settings_set_boolean (fixture->settings, "isc-only", FALSE);
  model = mfm_servers_view_get_model (fixture->servers);
  n = g_list_model_get_n_items (model);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (model, i);
      g_autoptr(GPtrArray) expected = mfm_inventory_get_relationships_for_server (fixture->truth,
                                                                                mfm_server_get_ref (server));
      g_autoptr(GHashTable) shown = NULL;
      g_autofree char *display = NULL;
      g_autofree char *title = NULL;

      g_assert_true (mfm_servers_view_select_server (fixture->servers, server));
      g_assert_true (mfm_servers_view_get_selected_server (fixture->servers) == server);
      g_assert_true (mfm_relationship_pane_get_server (fixture->pane) == server);

      display = g_strdup (mfm_server_get_name (server));
      if (g_str_has_suffix (display, "."))
        display[strlen (display) - 1] = '\0';
      title = g_strdup_printf (_("Failover management for “%s”"), display);
      g_assert_cmpstr (mfm_relationship_pane_get_title (fixture->pane), ==, title);

      shown = names_in (mfm_relationship_pane_get_model (fixture->pane));
      g_assert_cmpuint (g_hash_table_size (shown), ==, expected->len);
      for (guint j = 0; j < expected->len; j++)
        g_assert_true (g_hash_table_contains (shown,
                                              mfm_relationship_get_name (g_ptr_array_index (expected, j))));

      /* Its row count matches, too. */
      g_assert_cmpuint (mfm_server_get_relationship_count (server), ==, expected->len);
    }

  g_settings_set_boolean (fixture->settings, "isc-only", TRUE);
}

static gboolean
refreshed (gpointer data)
{
  return *(gboolean *)data;
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mfm_session_refresh_finish (MFM_SESSION (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

/* A drawn state badge in the failover pane showing @text. */
static MfmStateBadge *
badge_in_pane_with_text (Fixture    *fixture,
                         const char *text)
{
  g_autoptr(GPtrArray) stack = g_ptr_array_new ();
  MfmStateBadge *match = NULL;

  /* The rows are real widgets once drawn. */
  ui_spin (100);

  g_ptr_array_add (stack, fixture->pane);
  while (stack->len > 0 && match == NULL)
    {
      GtkWidget *widget = g_ptr_array_steal_index (stack, stack->len - 1);

      if (MFM_IS_STATE_BADGE (widget) && gtk_widget_get_mapped (widget) &&
          g_strcmp0 (mfm_state_badge_get_text (MFM_STATE_BADGE (widget)), text) == 0)
        match = MFM_STATE_BADGE (widget);

      for (GtkWidget *child = gtk_widget_get_first_child (widget);
           child != NULL;
           child = gtk_widget_get_next_sibling (child))
        g_ptr_array_add (stack, child);
    }

  return match;
}

static void
test_refresh_keeps_selection (Fixture       *fixture,
                              gconstpointer  data)
{
  g_autoptr(MfmServer) server = shown_server (fixture, 1);
  g_autoptr(GPtrArray) relationships = NULL;
  MfmRelationship *relationship;
  MfmStateBadge *badge;
  GtkColumnView *view = mfm_servers_view_get_column_view (fixture->servers);
  const char *interrupted = mfm_failover_state_get_label (MFM_FAILOVER_STATE_PARTNER_DOWN);
  gboolean done = FALSE;
  guint position_before = GTK_INVALID_LIST_POSITION;

  g_assert_true (mfm_servers_view_select_server (fixture->servers, server));
  relationships = mfm_inventory_get_relationships_for_server (mfm_session_get_inventory (fixture->session),
                                                              mfm_server_get_ref (server));
  g_assert_cmpuint (relationships->len, >, 0);
  relationship = g_ptr_array_index (relationships, 0);
  g_assert_null (badge_in_pane_with_text (fixture, interrupted));
  position_before = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)));

  /* The server's partner goes down; a refresh shows it in the same row objects. */
  mfm_simulator_set_relationship_state (fixture->simulator, mfm_relationship_get_name (relationship), "Partner down");
  mfm_session_refresh_async (fixture->session, NULL, refresh_done_cb, &done);
  /* The loading page never shows on a refresh. */
  g_assert_cmpstr (mfm_servers_view_get_state (fixture->servers), ==, "list");
  g_assert_true (ui_wait (refreshed, &done));

  g_assert_true (mfm_servers_view_get_selected_server (fixture->servers) == server);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view))), ==,
                    position_before);
  g_assert_true (mfm_inventory_lookup_relationship (mfm_session_get_inventory (fixture->session),
                                                    mfm_relationship_get_name (relationship)) == relationship);
  g_assert_cmpint (mfm_relationship_get_failover_state (relationship), ==, MFM_FAILOVER_STATE_PARTNER_DOWN);

  /* The badge shows the new state as text, and exposes it to assistive technology. */
  badge = badge_in_pane_with_text (fixture, interrupted);
  g_assert_nonnull (badge);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, interrupted);
  /* Its one-sentence explanation: the tooltip, and the accessible description. */
  g_assert_true (gtk_widget_get_has_tooltip (GTK_WIDGET (badge)));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                       mfm_failover_state_get_description (MFM_FAILOVER_STATE_PARTNER_DOWN));

  /* The refresh action does the same through the window. */
  done = FALSE;
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_true (mfm_session_get_loading (fixture->session));
  while (mfm_session_get_loading (fixture->session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mfm_servers_view_get_selected_server (fixture->servers) == server);
}


static void
count_signal (guint *count)
{
  (*count)++;
}

static guint
position_of_name (GListModel *model,
                  const char *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (model, i);

      if (g_strcmp0 (mfm_server_get_name (server), name) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

/* A refresh that brings new servers and loses one is one splice of the inventory's store: the
 * selected server stays selected, every row that stays shows the very same object, and names
 * sort naturally (ams-2, AMS-3, ams-10), case folded. */
static void
test_batch_refresh_and_natural_order (Fixture       *fixture,
                                      gconstpointer  data)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  GListModel *store = mfm_inventory_get_servers (inventory);
  GListModel *model = mfm_servers_view_get_model (fixture->servers);
  g_autoptr(MfmServer) selected = shown_server (fixture, 1);
  g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) shown_before = g_ptr_array_new_with_free_func (g_object_unref);
  MfmServer *dropped = NULL;
  guint n_signals = 0;
  gulong id;

  g_assert_true (mfm_servers_view_select_server (fixture->servers, selected));
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (shown_before, g_list_model_get_item (model, i));

  /* The next read: the same servers but one shown one that is not selected, and three new. */
  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (store, i);

      if (dropped == NULL && server != selected && g_ptr_array_find (shown_before, server, NULL))
        dropped = server;
      else
        g_ptr_array_add (next, mfm_server_new (mfm_server_get_ref (server), mfm_server_get_name (server),
                                               mfm_server_get_address (server),
                                               mfm_server_get_server_type (server),
                                               mfm_server_get_state (server)));
    }
  g_assert_nonnull (dropped);
  g_ptr_array_add (next, mfm_server_new ("dhcpServers/9010", "ams-10.example.com.", "10.9.0.10", "ISC", "OK"));
  g_ptr_array_add (next, mfm_server_new ("dhcpServers/9002", "ams-2.example.com.", "10.9.0.2", "ISC", "OK"));
  g_ptr_array_add (next, mfm_server_new ("dhcpServers/9003", "AMS-3.example.com.", "10.9.0.3", "ISC", "OK"));

  id = g_signal_connect_swapped (store, "items-changed", G_CALLBACK (count_signal), &n_signals);
  mfm_inventory_replace_servers (inventory, next);
  g_signal_handler_disconnect (store, id);
  ui_spin (50);

  g_assert_cmpuint (n_signals, ==, 1);
  g_assert_true (mfm_servers_view_get_selected_server (fixture->servers) == selected);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, shown_before->len - 1 + 3);
  for (guint i = 0; i < shown_before->len; i++)
    {
      MfmServer *server = g_ptr_array_index (shown_before, i);
      guint position;

      if (server == (gpointer) dropped)
        continue;
      position = position_of_name (model, mfm_server_get_name (server));
      g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
      {
        g_autoptr(MfmServer) now = g_list_model_get_item (model, position);

        g_assert_true (now == server);
      }
    }

  g_assert_cmpuint (position_of_name (model, "ams-2.example.com."), <,
                    position_of_name (model, "AMS-3.example.com."));
  g_assert_cmpuint (position_of_name (model, "AMS-3.example.com."), <,
                    position_of_name (model, "ams-10.example.com."));
  g_assert_cmpuint (position_of_name (model, "ams-10.example.com."), !=, GTK_INVALID_LIST_POSITION);
}

static gboolean
draft_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_pending_new_relationship (Fixture       *fixture,
                               gconstpointer  data)
{
  GListModel *all = mfm_relationships_view_get_model (fixture->relationships);
  guint before = g_list_model_get_n_items (all);
  g_autoptr(MfmServer) primary = shown_server (fixture, 0);
  g_autoptr(MfmServer) secondary = shown_server (fixture, 1);
  g_autoptr(MfmRelationship) added = mfm_relationship_new ();
  g_autoptr(MfmChange) change = NULL;
  g_autofree char *draft = NULL;
  g_autoptr(GHashTable) names = NULL;

  mfm_relationship_set_name (added, "ui-test-new");
  mfm_relationship_set_primary_server (added, mfm_server_get_name (primary));
  mfm_relationship_set_primary_server_ref (added, mfm_server_get_ref (primary));
  mfm_relationship_set_secondary_server (added, mfm_server_get_name (secondary));
  mfm_relationship_set_secondary_server_ref (added, mfm_server_get_ref (secondary));
  change = mfm_change_new_add (added);

  draft = mfm_drafts_get_path (mfm_session_get_server_url (fixture->session), mfm_session_get_user (fixture->session));
  g_unlink (draft);

  mfm_session_stage (fixture->session, change);

  /* The table shows it with a "New" badge, and the draft is on disk. */
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before + 1);
  names = names_in (all);
  g_assert_true (g_hash_table_contains (names, "ui-test-new"));
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MfmRelationship) r = g_list_model_get_item (all, i);

      g_assert_cmpint (mfm_relationship_get_pending_state (r), ==,
                       g_str_equal (mfm_relationship_get_name (r), "ui-test-new") ? MFM_PENDING_NEW : MFM_PENDING_NONE);
    }
  g_assert_true (ui_wait (draft_exists, draft));

  /* The primary's pane lists it too. */
  g_assert_true (mfm_servers_view_select_server (fixture->servers, primary));
  g_clear_pointer (&names, g_hash_table_unref);
  names = names_in (mfm_relationship_pane_get_model (fixture->pane));
  g_assert_true (g_hash_table_contains (names, "ui-test-new"));
  ui_spin (100);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (fixture->pane), C_("pending change", "New")));

  /* Undone, it goes away and so does the draft. */
  g_assert_true (mfm_change_set_undo (mfm_session_get_changes (fixture->session)));
  g_assert_cmpuint (g_list_model_get_n_items (all), ==, before);
  g_assert_false (g_file_test (draft, G_FILE_TEST_EXISTS));
}

/* The row widget of @column_view whose first cell reads @text, or NULL. */
static GtkWidget *
row_with_text (GtkColumnView *column_view,
               const char    *text)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_VIEW (child))
        continue;
      for (GtkWidget *row = gtk_widget_get_first_child (child); row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          if (gtk_widget_get_child_visible (row) && g_strcmp0 (ui_first_label_text (row), text) == 0)
            return row;
        }
    }

  return NULL;
}

typedef struct
{
  GtkColumnView *column_view;
  const char    *text;
} RowWait;

static gboolean
row_shown (gpointer data)
{
  RowWait *wait = data;

  return row_with_text (wait->column_view, wait->text) != NULL;
}

static GtkWidget *
wait_for_row (GtkColumnView *column_view,
              const char    *text)
{
  RowWait wait = { column_view, text };

  g_assert_true (ui_wait (row_shown, &wait));
  return row_with_text (column_view, text);
}

static gboolean menu_has_action (GMenuModel  *menu,
                                 const char  *action,
                                 GVariant   **target);

/* Whether @menu has an item for @action with the relationship @name as its target. */
static gboolean
menu_acts_on (GMenuModel *menu,
              const char *action,
              const char *name)
{
  g_autoptr(GVariant) target = NULL;

  return menu_has_action (menu, action, &target) && target != NULL &&
         g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
         g_strcmp0 (g_variant_get_string (target, NULL), name) == 0;
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

/* Clicks a relationship row's menu button; returns its table's one menu, open. */
static GtkPopoverMenu *
open_relationship_row_menu (GtkWidget *button)
{
  GtkWidget *table = gtk_widget_get_ancestor (button, MFM_TYPE_RELATIONSHIP_TABLE);
  GtkWidget *row_menu;

  g_assert_nonnull (table);
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
  row_menu = ui_find (table, GTK_TYPE_POPOVER_MENU, NULL);
  g_assert_nonnull (row_menu);
  g_assert_true (gtk_widget_get_visible (row_menu));
  g_assert_nonnull (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (row_menu)));

  return GTK_POPOVER_MENU (row_menu);
}

static void
test_removed_row_menu (Fixture       *fixture,
                       gconstpointer  data)
{
  GtkColumnView *column_view = mfm_relationships_view_get_column_view (fixture->relationships);
  g_autoptr(MfmRelationship) relationship = g_list_model_get_item (mfm_relationships_view_get_model (fixture->relationships), 0);
  g_autoptr(MfmChange) change = mfm_change_new_remove (relationship, MFM_DECONFIGURE_DISABLE);
  const char *name = mfm_relationship_get_name (relationship);
  GtkPopoverMenu *row_menu;
  GtkWidget *button;
  GMenuModel *menu;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL)),
                                         "relationships");
  button = row_menu_button (wait_for_row (column_view, name));
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Staged for removal: nothing to edit, scope or remove any more; its open menu closes. */
  row_menu = open_relationship_row_menu (button);
  mfm_session_stage (fixture->session, change);
  g_assert_cmpint (mfm_relationship_get_pending_state (relationship), ==, MFM_PENDING_REMOVED);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row_menu)));
  ui_spin (50);
  button = row_menu_button (wait_for_row (column_view, name));
  g_assert_false (gtk_widget_get_sensitive (button));

  /* Undone, the row's actions come back and act on it. */
  g_assert_true (mfm_change_set_undo (mfm_session_get_changes (fixture->session)));
  ui_spin (50);
  button = row_menu_button (wait_for_row (column_view, name));
  g_assert_true (gtk_widget_get_sensitive (button));
  row_menu = open_relationship_row_menu (button);
  menu = gtk_popover_menu_get_menu_model (row_menu);
  g_assert_nonnull (menu);
  g_assert_true (menu_acts_on (menu, "changes.edit-relationship", name));
  g_assert_true (menu_acts_on (menu, "changes.manage-scopes", name));
  g_assert_true (menu_acts_on (menu, "changes.remove-relationship", name));
  gtk_popover_popdown (GTK_POPOVER (row_menu));
}

static void
test_natural_sort (Fixture       *fixture,
                   gconstpointer  data)
{
  GListModel *all = mfm_relationships_view_get_model (fixture->relationships);
  g_autoptr(MfmServer) primary = shown_server (fixture, 0);
  g_autoptr(MfmServer) secondary = shown_server (fixture, 1);
  const char *names[] = { "ui-test-10", "ui-test-9", "UI-test-100", "ui-test-2" };
  const char *expected[] = { "ui-test-2", "ui-test-9", "ui-test-10", "UI-test-100" };
  guint found = 0;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(MfmRelationship) added = mfm_relationship_new ();
      g_autoptr(MfmChange) change = NULL;

      mfm_relationship_set_name (added, names[i]);
      mfm_relationship_set_primary_server (added, mfm_server_get_name (primary));
      mfm_relationship_set_primary_server_ref (added, mfm_server_get_ref (primary));
      mfm_relationship_set_secondary_server (added, mfm_server_get_name (secondary));
      mfm_relationship_set_secondary_server_ref (added, mfm_server_get_ref (secondary));
      change = mfm_change_new_add (added);
      mfm_session_stage (fixture->session, change);
    }

  /* By name, numbers by their value: 2, 9, 10, 100. */
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (all, i);

      if (found < G_N_ELEMENTS (expected) &&
          g_str_equal (mfm_relationship_get_name (relationship), expected[found]))
        found++;
    }
  g_assert_cmpuint (found, ==, G_N_ELEMENTS (expected));
}

/* The menu item of @menu (one level of sections) whose action is @action, its target in
 * @target; FALSE when there is none. */
static gboolean
menu_has_action (GMenuModel  *menu,
                 const char  *action,
                 GVariant   **target)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (section != NULL && menu_has_action (section, action, target))
        return TRUE;
      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_str_equal (item_action, action))
        {
          if (target != NULL)
            *target = g_menu_model_get_item_attribute_value (menu, i, G_MENU_ATTRIBUTE_TARGET, NULL);
          return TRUE;
        }
    }

  return FALSE;
}

/* The menu button named @name whose menu has @action. */
static GtkMenuButton *
find_menu_button_with (GtkWidget  *root,
                       const char *name,
                       const char *action)
{
  if (GTK_IS_MENU_BUTTON (root) && g_strcmp0 (ui_widget_name (root), name) == 0 &&
      gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)) != NULL &&
      menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)), action, NULL))
    return GTK_MENU_BUTTON (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkMenuButton *found = find_menu_button_with (child, name, action);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
row_gone (gpointer data)
{
  RowWait *wait = data;

  return row_with_text (wait->column_view, wait->text) == NULL;
}

/* A server row's cells follow their server when it changes in place, and only while they show
 * it: rows bound to another server after a search no longer follow the first. */
static void
test_server_rows_follow_their_server (Fixture       *fixture,
                                      gconstpointer  data)
{
  GtkColumnView *column_view = mfm_servers_view_get_column_view (fixture->servers);
  g_autoptr(MfmServer) first = shown_server (fixture, 0);
  g_autoptr(MfmServer) second = shown_server (fixture, 1);
  g_autofree char *first_name = mfm_display_name (mfm_server_get_name (first));
  g_autofree char *second_name = mfm_display_name (mfm_server_get_name (second));
  g_autofree char *second_address = g_strdup (mfm_server_get_address (second));
  RowWait wait = { column_view, first_name };
  GtkWidget *row;

  row = wait_for_row (column_view, first_name);
  mfm_server_set_address (first, "192.0.2.250");
  g_assert_nonnull (ui_find (row, GTK_TYPE_LABEL, "192.0.2.250"));

  /* Only the second server left: its row, and no cell that still follows the first. */
  gtk_editable_set_text (fixture->search, mfm_server_get_name (second));
  g_assert_true (ui_wait (row_gone, &wait));
  row = wait_for_row (column_view, second_name);
  mfm_server_set_address (first, "192.0.2.251");
  g_assert_null (ui_find (GTK_WIDGET (column_view), GTK_TYPE_LABEL, "192.0.2.251"));
  g_assert_nonnull (ui_find (row, GTK_TYPE_LABEL, second_address));
  mfm_server_set_address (second, "192.0.2.252");
  g_assert_nonnull (ui_find (row, GTK_TYPE_LABEL, "192.0.2.252"));

  /* Back: the first server's row shows what it has now. */
  gtk_editable_set_text (fixture->search, "");
  row = wait_for_row (column_view, first_name);
  g_assert_nonnull (ui_find (row, GTK_TYPE_LABEL, "192.0.2.251"));
}

/* Clicks a servers table row's menu button; returns the table's menu, open. */
static GtkPopoverMenu *
open_server_row_menu (Fixture   *fixture,
                      GtkWidget *button)
{
  GtkWidget *row_menu;

  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  row_menu = ui_find (GTK_WIDGET (fixture->servers), GTK_TYPE_POPOVER_MENU, NULL);
  g_assert_nonnull (row_menu);
  g_assert_true (gtk_widget_get_visible (row_menu));
  g_assert_nonnull (gtk_popover_menu_get_menu_model (GTK_POPOVER_MENU (row_menu)));

  return GTK_POPOVER_MENU (row_menu);
}

/* The menu's target for @action: the server's ref. */
static void
assert_menu_acts_on_server (GtkPopoverMenu *row_menu,
                            MfmServer      *server)
{
  g_autoptr(GVariant) target = NULL;

  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (row_menu),
                                  "win.manage-server-failover", &target));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, mfm_server_get_ref (server));
}

/* The servers table's rows share one menu: each row's button opens it for its own server and
 * is named, focusable and back in focus when the menu closes; Menu and Shift+F10 open it for
 * the selected row. */
static void
test_server_row_menu (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkColumnView *column_view = mfm_servers_view_get_column_view (fixture->servers);
  g_autoptr(MfmServer) first = shown_server (fixture, 0);
  g_autoptr(MfmServer) second = shown_server (fixture, 1);
  g_autofree char *first_name = mfm_display_name (mfm_server_get_name (first));
  g_autofree char *second_name = mfm_display_name (mfm_server_get_name (second));
  GtkShortcutAction *action = NULL;
  GtkPopoverMenu *row_menu;
  GListModel *controllers;
  GtkWidget *button;
  GtkWidget *focus;

  button = ui_find (wait_for_row (column_view, second_name), GTK_TYPE_BUTTON, NULL);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Server actions"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE);
  g_assert_true (gtk_widget_get_focusable (button));
  row_menu = open_server_row_menu (fixture, button);
  assert_menu_acts_on_server (row_menu, second);
  gtk_popover_popdown (GTK_POPOVER (row_menu));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == button);

  button = ui_find (wait_for_row (column_view, first_name), GTK_TYPE_BUTTON, NULL);
  row_menu = open_server_row_menu (fixture, button);
  assert_menu_acts_on_server (row_menu, first);
  /* The item's action acts on that server. */
  {
    g_autoptr(GVariant) target = NULL;

    g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (row_menu),
                                    "win.manage-server-failover", &target));
    gtk_popover_popdown (GTK_POPOVER (row_menu));
    g_assert_true (gtk_widget_activate_action_variant (button, "win.manage-server-failover", target));
    g_assert_true (mfm_relationship_pane_get_server (fixture->pane) == first);
  }

  /* The keyboard: the table's Menu and Shift+F10 open the selected row's menu. */
  g_assert_true (mfm_servers_view_select_server (fixture->servers, second));
  controllers = gtk_widget_observe_controllers (GTK_WIDGET (column_view));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && action == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (strstr (trigger, "Menu") != NULL && strstr (trigger, "<Shift>F10") != NULL)
            action = gtk_shortcut_get_action (shortcut);
        }
    }
  g_object_unref (controllers);
  g_assert_nonnull (action);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (column_view), NULL));
  row_menu = GTK_POPOVER_MENU (ui_find (GTK_WIDGET (fixture->servers), GTK_TYPE_POPOVER_MENU, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row_menu)));
  assert_menu_acts_on_server (row_menu, second);
  gtk_popover_popdown (GTK_POPOVER (row_menu));
  /* Focus is back where the keys were pressed. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == focus);
}

/* The Menu and Shift+F10 shortcut of @column_view, or NULL. */
static GtkShortcutAction *
row_menu_shortcut (GtkColumnView *column_view)
{
  GListModel *controllers = gtk_widget_observe_controllers (GTK_WIDGET (column_view));
  GtkShortcutAction *action = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && action == NULL; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

          if (strstr (trigger, "Menu") != NULL && strstr (trigger, "<Shift>F10") != NULL)
            action = gtk_shortcut_get_action (shortcut);
        }
    }
  g_object_unref (controllers);

  return action;
}

/* The row menu of @table, open or not; NULL before it was first opened. */
static GtkPopoverMenu *
table_row_menu (MfmRelationshipTable *table)
{
  return GTK_POPOVER_MENU (ui_find (GTK_WIDGET (table), GTK_TYPE_POPOVER_MENU, NULL));
}

/* Every item of @menu acts on the relationship @name: the five of a row's menu. */
static void
assert_menu_acts_on_relationship (GMenuModel *menu,
                                  const char *name)
{
  const char *actions[] = {
    "win.show-relationship-details", "changes.edit-relationship", "changes.manage-scopes",
    "win.show-kea-configuration", "changes.remove-relationship",
  };

  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, G_N_ELEMENTS (actions));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (!menu_acts_on (menu, actions[i], name))
      g_error ("The row menu of %s has no %s for it", name, actions[i]);
}

static gboolean
remove_dialog_ready (gpointer data)
{
  GObject *spinner = gtk_widget_get_template_child (data, MFM_TYPE_REMOVE_DIALOG, "spinner");

  return !gtk_widget_get_visible (GTK_WIDGET (spinner));
}

static gboolean
remove_dialog_gone (gpointer data)
{
  return ui_find_toplevel (MFM_TYPE_REMOVE_DIALOG) == NULL;
}

/* A relationship table's rows share one menu, as the servers table's do: each row's button
 * (named, announcing a menu, focusable) opens it for its own relationship and has focus back
 * when it closes; Menu and Shift+F10 open it for the selected row; its Remove… stages the
 * removal of that relationship, whose menu then has nothing to offer. */
static void
check_relationship_row_menu (Fixture              *fixture,
                             MfmRelationshipTable *table)
{
  GtkColumnView *column_view = mfm_relationship_table_get_column_view (table);
  GListModel *rows = mfm_relationship_table_get_rows (table);
  guint n_rows = g_list_model_get_n_items (rows);
  g_autoptr(MfmRelationship) first = NULL;
  g_autoptr(MfmRelationship) last = NULL;
  g_autoptr(GMenuModel) removed_menu = NULL;
  GtkShortcutAction *action;
  GtkPopoverMenu *row_menu;
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  MfmChange *change;
  GtkWindow *dialog;
  GtkWidget *button;
  GtkWidget *focus;

  g_assert_cmpuint (n_rows, >, 0);
  first = g_list_model_get_item (rows, 0);
  last = g_list_model_get_item (rows, n_rows - 1);

  /* The button of the last row opens the menu for that row's relationship. */
  button = row_menu_button (wait_for_row (column_view, mfm_relationship_get_name (last)));
  g_assert_nonnull (button);
  g_assert_false (GTK_IS_MENU_BUTTON (button));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Relationship actions"));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE);
  g_assert_true (gtk_widget_get_focusable (button));
  g_assert_true (gtk_widget_get_has_tooltip (button));
  row_menu = open_relationship_row_menu (button);
  assert_menu_acts_on_relationship (gtk_popover_menu_get_menu_model (row_menu), mfm_relationship_get_name (last));
  gtk_popover_popdown (GTK_POPOVER (row_menu));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == button);

  /* Its Edit… edits that relationship. */
  {
    g_autoptr(GVariant) target = NULL;
    GtkWindow *editor;

    g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (row_menu), "changes.edit-relationship", &target));
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (row_menu), "changes.edit-relationship", target));
    editor = ui_find_toplevel (MFM_TYPE_RELATIONSHIP_EDITOR);
    g_assert_nonnull (editor);
    g_assert_cmpstr (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (editor),
                                                                                                      MFM_TYPE_RELATIONSHIP_EDITOR,
                                                                                                      "window_title"))),
                     ==, mfm_relationship_get_name (last));
    gtk_window_destroy (editor);
    ui_spin (50);
  }

  /* The keyboard: Menu and Shift+F10 in the table open the selected row's menu. */
  action = row_menu_shortcut (column_view);
  g_assert_nonnull (action);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (rows), 0);
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (column_view), NULL));
  g_assert_true (table_row_menu (table) == row_menu);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row_menu)));
  assert_menu_acts_on_relationship (gtk_popover_menu_get_menu_model (row_menu), mfm_relationship_get_name (first));

  /* Its Remove… removes that relationship. */
  {
    g_autoptr(GVariant) target = NULL;

    g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (row_menu), "changes.remove-relationship", &target));
    gtk_popover_popdown (GTK_POPOVER (row_menu));
    /* Focus is back where the keys were pressed. */
    g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture->window)) == focus);
    g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (row_menu), "changes.remove-relationship", target));
  }
  dialog = ui_find_toplevel (MFM_TYPE_REMOVE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (ui_wait (remove_dialog_ready, dialog));
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  g_signal_emit_by_name (gtk_widget_get_template_child (GTK_WIDGET (dialog), MFM_TYPE_REMOVE_DIALOG, "remove_button"), "clicked");
  g_assert_true (ui_wait (remove_dialog_gone, NULL));
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  change = mfm_change_set_get_change (changes, 0);
  g_assert_cmpint (mfm_change_get_kind (change), ==, MFM_CHANGE_REMOVE);
  g_assert_cmpstr (mfm_change_get_relationship_name (change), ==, mfm_relationship_get_name (first));

  /* Staged for removal: a menu without items, its button insensitive, and the keys open
   * nothing. */
  g_assert_cmpint (mfm_relationship_get_pending_state (first), ==, MFM_PENDING_REMOVED);
  removed_menu = mfm_relationship_menu_new (first);
  g_assert_cmpint (g_menu_model_get_n_items (removed_menu), ==, 0);
  ui_spin (50);
  button = row_menu_button (wait_for_row (column_view, mfm_relationship_get_name (first)));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (rows)) == (gpointer) first);
  g_assert_true (gtk_shortcut_action_activate (action, 0, GTK_WIDGET (column_view), NULL));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row_menu)));
  g_signal_emit_by_name (button, "clicked");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row_menu)));
}

static void
test_relationship_row_menu (Fixture       *fixture,
                            gconstpointer  data)
{
  MfmRelationshipTable *table = MFM_RELATIONSHIP_TABLE (ui_find (GTK_WIDGET (fixture->relationships),
                                                                 MFM_TYPE_RELATIONSHIP_TABLE, NULL));

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL)),
                                         "relationships");
  g_assert_nonnull (table);
  check_relationship_row_menu (fixture, table);
}

static void
test_pane_relationship_row_menu (Fixture       *fixture,
                                 gconstpointer  data)
{
  MfmRelationshipTable *table = MFM_RELATIONSHIP_TABLE (ui_find (GTK_WIDGET (fixture->pane),
                                                                 MFM_TYPE_RELATIONSHIP_TABLE, NULL));
  g_autoptr(MfmServer) server = shown_server (fixture, 0);

  g_assert_nonnull (table);
  g_assert_true (mfm_servers_view_select_server (fixture->servers, server));
  ui_spin (50);
  check_relationship_row_menu (fixture, table);
}

static void
test_manage_failover (Fixture       *fixture,
                      gconstpointer  data)
{
  GListModel *model = mfm_servers_view_get_model (fixture->servers);
  GtkColumnView *column_view = mfm_servers_view_get_column_view (fixture->servers);
  g_autoptr(MfmServer) other = NULL;
  g_autoptr(MfmServer) isc = shown_server (fixture, 0);
  g_autoptr(GVariant) target = NULL;
  g_autofree char *other_name = NULL;
  GtkMenuButton *header_menu;
  GtkPopoverMenu *row_menu;
  GtkWidget *button;
  GtkWidget *focus;

  /* The header menu has Micetro's entry, for the selected server. */
  header_menu = find_menu_button_with (GTK_WIDGET (fixture->window), _("Main Menu"), "win.disconnect");
  g_assert_nonnull (header_menu);
  g_assert_true (menu_has_action (gtk_menu_button_get_menu_model (header_menu), "win.manage-failover", NULL));
  g_assert_true (mfm_servers_view_select_server (fixture->servers, isc));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.manage-failover", NULL));
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->pane)));

  /* A Microsoft or Kea server: its row menu has Manage Failover, and the pane says that only
   * ISC failover is managed here. */
  g_settings_set_boolean (fixture->settings, "isc-only", FALSE);
  for (guint i = 0; i < g_list_model_get_n_items (model) && other == NULL; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (model, i);

      if (!mfm_server_is_isc (server))
        other = g_object_ref (server);
    }
  g_assert_nonnull (other);
  g_settings_set_boolean (fixture->settings, "isc-only", TRUE);

  other_name = mfm_display_name (mfm_server_get_name (other));
  g_settings_set_boolean (fixture->settings, "isc-only", FALSE);
  button = ui_find (wait_for_row (column_view, other_name), GTK_TYPE_BUTTON, NULL);
  g_assert_nonnull (button);
  row_menu = open_server_row_menu (fixture, button);
  g_assert_true (menu_has_action (gtk_popover_menu_get_menu_model (row_menu),
                                  "win.manage-server-failover", &target));
  gtk_popover_popdown (GTK_POPOVER (row_menu));
  g_assert_nonnull (target);
  g_assert_cmpstr (g_variant_get_string (target, NULL), ==, mfm_server_get_ref (other));

  /* Hidden by "Only ISC servers", Manage Failover still finds it. */
  g_settings_set_boolean (fixture->settings, "isc-only", TRUE);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (fixture->window), "win.manage-server-failover", target));
  g_assert_true (mfm_relationship_pane_get_server (fixture->pane) == other);
  {
    g_autofree char *expected = g_strdup_printf (_("Only ISC DHCP failover is managed here. This is a %s server: "
                                                   "manage its failover in Micetro."),
                                                 mfm_server_get_server_type (other));
    AdwStatusPage *empty = ui_find_status_page (GTK_WIDGET (fixture->pane), _("No Failover Relationships"));

    g_assert_nonnull (empty);
    g_assert_cmpstr (adw_status_page_get_description (empty), ==, expected);
  }
  g_settings_set_boolean (fixture->settings, "isc-only", TRUE);
}

/* A label under @row showing @text, or NULL. */
static GtkLabel *
label_in_row (GtkWidget  *row,
              const char *text)
{
  return GTK_LABEL (ui_find (row, GTK_TYPE_LABEL, text));
}

typedef struct
{
  GtkColumnView *column_view;
  const char    *row_text;
  const char    *label_text;
} LabelInRowWait;

static gboolean
label_in_row_shown (gpointer data)
{
  LabelInRowWait *wait = data;
  GtkWidget *row = row_with_text (wait->column_view, wait->row_text);

  return row != NULL && label_in_row (row, wait->label_text) != NULL;
}

/* The label saying @label_text in the row saying @row_text, once the table shows it: a staged
 * value reaches the row in a later frame, and a loaded machine may take several. */
static GtkLabel *
wait_for_label_in_row (GtkColumnView *column_view,
                       const char    *row_text,
                       const char    *label_text)
{
  LabelInRowWait wait = { column_view, row_text, label_text };

  g_assert_true (ui_wait (label_in_row_shown, &wait));
  return label_in_row (row_with_text (column_view, row_text), label_text);
}

static void
test_staged_values_shown (Fixture       *fixture,
                          gconstpointer  data)
{
  GtkColumnView *all_view = mfm_relationships_view_get_column_view (fixture->relationships);
  GtkColumnView *servers_view = mfm_servers_view_get_column_view (fixture->servers);
  MfmRelationship *relationship = NULL;
  g_autoptr(MfmRelationship) modified = NULL;
  g_autoptr(MfmRelationship) added = mfm_relationship_new ();
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) take_scope = NULL;
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(MfmServer) primary = shown_server (fixture, 0);
  g_autoptr(MfmServer) secondary = shown_server (fixture, 1);
  g_autofree char *old_mclt = NULL;
  g_autofree char *new_mclt = NULL;
  g_autofree char *old_scopes = NULL;
  g_autofree char *new_scopes = NULL;
  g_autofree char *old_count = NULL;
  g_autofree char *new_count = NULL;
  g_autofree char *tooltip = NULL;
  g_autofree char *primary_name = NULL;
  const char *first_scope[2] = { NULL, NULL };
  GtkWidget *row;
  GtkLabel *label;
  GListModel *all = mfm_relationships_view_get_model (fixture->relationships);

  /* A relationship with scopes, as the server has it. */
  for (guint i = 0; i < g_list_model_get_n_items (all) && relationship == NULL; i++)
    {
      g_autoptr(MfmRelationship) candidate = g_list_model_get_item (all, i);

      if (mfm_relationship_get_scope_count (candidate) >= 1 && mfm_relationship_get_mclt (candidate) != 1800)
        relationship = candidate;
    }
  g_assert_nonnull (relationship);
  old_mclt = g_strdup_printf (_("%u s"), mfm_relationship_get_mclt (relationship));
  new_mclt = g_strdup_printf (_("%u s"), 1800);
  old_scopes = g_strdup_printf ("%u", mfm_relationship_get_scope_count (relationship));
  new_scopes = g_strdup_printf ("%u", mfm_relationship_get_scope_count (relationship) - 1);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL)),
                                         "relationships");
  row = wait_for_row (all_view, mfm_relationship_get_name (relationship));
  g_assert_nonnull (label_in_row (row, old_mclt));

  /* MCLT 1800 staged: the table says 1800, and its tooltip what the server has. */
  modified = mfm_relationship_copy (relationship);
  mfm_relationship_set_mclt (modified, 1800);
  modify = mfm_change_new_modify (relationship, modified);
  mfm_session_stage (fixture->session, modify);
  label = wait_for_label_in_row (all_view, mfm_relationship_get_name (relationship), new_mclt);
  row = wait_for_row (all_view, mfm_relationship_get_name (relationship));
  g_assert_null (label_in_row (row, old_mclt));
  tooltip = g_strdup_printf (_("Staged; the server has %s"), old_mclt);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, tooltip);
  g_assert_nonnull (label_in_row (row, C_("pending change", "Modified")));

  /* A scope taken out: the scope count follows. */
  first_scope[0] = mfm_relationship_get_scope_refs (relationship)[0];
  take_scope = mfm_change_new_remove_scopes (relationship, first_scope, MFM_DECONFIGURE_DISABLE);
  mfm_session_stage (fixture->session, take_scope);
  label = wait_for_label_in_row (all_view, mfm_relationship_get_name (relationship), new_scopes);
  row = wait_for_row (all_view, mfm_relationship_get_name (relationship));
  g_clear_pointer (&tooltip, g_free);
  tooltip = g_strdup_printf (_("Staged; the server has %s"), old_scopes);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, tooltip);

  /* Undone, the server's values are back, without a tooltip. */
  g_assert_true (mfm_change_set_undo (mfm_session_get_changes (fixture->session)));
  g_assert_true (mfm_change_set_undo (mfm_session_get_changes (fixture->session)));
  label = wait_for_label_in_row (all_view, mfm_relationship_get_name (relationship), old_mclt);
  row = wait_for_row (all_view, mfm_relationship_get_name (relationship));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (label)));

  /* An added relationship counts for both of its servers. */
  old_count = g_strdup_printf ("%u", mfm_server_get_relationship_count (primary));
  new_count = g_strdup_printf ("%u", mfm_server_get_relationship_count (primary) + 1);
  mfm_relationship_set_name (added, "ui-test-counted");
  mfm_relationship_set_primary_server (added, mfm_server_get_name (primary));
  mfm_relationship_set_primary_server_ref (added, mfm_server_get_ref (primary));
  mfm_relationship_set_secondary_server (added, mfm_server_get_name (secondary));
  mfm_relationship_set_secondary_server_ref (added, mfm_server_get_ref (secondary));
  add = mfm_change_new_add (added);
  mfm_session_stage (fixture->session, add);
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL)),
                                         "servers");
  primary_name = mfm_display_name (mfm_server_get_name (primary));
  label = wait_for_label_in_row (servers_view, primary_name, new_count);
  g_clear_pointer (&tooltip, g_free);
  tooltip = g_strdup_printf (_("Staged; the server has %s"), old_count);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, tooltip);
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (mfm_client_apply_changes_finish (MFM_CLIENT (object), result, &error));
  g_assert_no_error (error);
  *(gboolean *)user_data = TRUE;
}

typedef struct
{
  Fixture    *fixture;
  const char *text;
} LabelWait;

static gboolean
label_shown (gpointer data)
{
  LabelWait *wait = data;

  return ui_find (GTK_WIDGET (wait->fixture->window), GTK_TYPE_LABEL, wait->text) != NULL;
}

static gboolean
saved_shown (gpointer data)
{
  Fixture *fixture = data;

  return !mfm_session_get_saved_not_shown (fixture->session) && !mfm_session_get_loading (fixture->session);
}

static void
test_saved_values_shown (Fixture       *fixture,
                         gconstpointer  data)
{
  GListModel *all = mfm_relationships_view_get_model (fixture->relationships);
  GtkColumnView *all_view = mfm_relationships_view_get_column_view (fixture->relationships);
  MfmRelationship *relationship = NULL;
  g_autoptr(MfmRelationship) modified = NULL;
  g_autoptr(MfmChange) modify = NULL;
  g_autofree char *new_mclt = g_strdup_printf (_("%u s"), 1800);
  g_autofree char *toast = NULL;
  g_autoptr(GError) expected_error = NULL;
  gboolean applied = FALSE;
  LabelWait wait;

  for (guint i = 0; i < g_list_model_get_n_items (all) && relationship == NULL; i++)
    {
      g_autoptr(MfmRelationship) candidate = g_list_model_get_item (all, i);

      if (mfm_relationship_get_mclt (candidate) != 1800)
        relationship = candidate;
    }
  g_assert_nonnull (relationship);

  /* MCLT 1800 saved, as the review window saves it. */
  modified = mfm_relationship_copy (relationship);
  mfm_relationship_set_mclt (modified, 1800);
  modify = mfm_change_new_modify (relationship, modified);
  mfm_session_stage (fixture->session, modify);
  mfm_client_apply_changes_async (mfm_session_get_client (fixture->session),
                                  mfm_session_get_changes (fixture->session),
                                  "ui test", NULL, applied_cb, &applied);
  g_assert_true (ui_wait (ui_flag_set, &applied));
  mfm_change_set_remove_applied (mfm_session_get_changes (fixture->session));

  /* Reading it back fails: the window says the tables do not show it yet. */
  g_object_set (fixture->simulator, "fail-rate", 1.0, NULL);
  mfm_session_refresh_after_save (fixture->session);
  while (mfm_session_get_loading (fixture->session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (mfm_session_get_saved_not_shown (fixture->session));
  toast = g_strdup_printf (_("The tables do not show the saved changes yet: reading them back failed. %s "
                             "Trying again…"),
                           mfm_session_get_last_error (fixture->session));
  wait.fixture = fixture;
  wait.text = toast;
  g_assert_true (ui_wait (label_shown, &wait));

  /* The server answers again: without anyone asking, the table shows the saved MCLT. */
  g_object_set (fixture->simulator, "fail-rate", 0.0, NULL);
  g_assert_true (ui_wait (saved_shown, fixture));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL)),
                                         "relationships");
  g_assert_nonnull (label_in_row (wait_for_row (all_view, mfm_relationship_get_name (relationship)), new_mclt));
  g_assert_null (mfm_session_get_last_error (fixture->session));
}

/* A button named @name inside a toast. */
static GtkWidget *
find_toast_button (GtkWidget  *root,
                   const char *name)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");

  /* The type exists once a first toast was shown. */
  if (toast_widget == G_TYPE_INVALID)
    return NULL;
  if (GTK_IS_BUTTON (root) && gtk_widget_get_ancestor (root, toast_widget) != NULL &&
      g_strcmp0 (ui_widget_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_button (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *name;
} ToastButtonWait;

static gboolean
toast_button_shown (gpointer data)
{
  ToastButtonWait *wait = data;

  return find_toast_button (GTK_WIDGET (wait->fixture->window), wait->name) != NULL;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static gboolean
message_dialog_shown (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
test_undo_toasts (Fixture       *fixture,
                  gconstpointer  data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  g_autoptr(MfmRelationship) relationship = g_list_model_get_item (mfm_relationships_view_get_model (fixture->relationships), 0);
  g_autoptr(MfmChange) change = mfm_change_new_remove (relationship, MFM_DECONFIGURE_DISABLE);
  ToastButtonWait wait = { fixture, NULL };
  AdwMessageDialog *dialog;

  mfm_session_stage (fixture->session, change);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);

  /* Undoing the only change: the bar goes, a toast offers Redo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "changes.undo", NULL));
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  wait.name = _("Redo");
  g_assert_true (ui_wait (toast_button_shown, &wait));
  g_assert_nonnull (ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, _("Undone")));
  /* libadwaita 1.2 crashes when a toast is dismissed while it is still sliding in. */
  ui_spin (800);
  g_signal_emit_by_name (find_toast_button (GTK_WIDGET (fixture->window), _("Redo")), "clicked");
  ui_spin (100);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  ui_spin (800);

  /* Discard says it can be undone: a toast offers Undo. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->window), "changes.discard", NULL));
  g_assert_true (ui_wait (message_dialog_shown, NULL));
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "discard");
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  wait.name = _("Undo");
  g_assert_true (ui_wait (toast_button_shown, &wait));
  {
    g_autofree char *title = g_strdup_printf (ngettext ("Discarded %u change", "Discarded %u changes", 1), 1);

    g_assert_nonnull (ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, title));
  }
  ui_spin (800);
  g_signal_emit_by_name (find_toast_button (GTK_WIDGET (fixture->window), _("Undo")), "clicked");
  ui_spin (100);
  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  ui_spin (800);
}

static void
test_scrollbar_clear_of_numbers (Fixture       *fixture,
                                 gconstpointer  data)
{
  GtkColumnView *column_view = mfm_servers_view_get_column_view (fixture->servers);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (column_view), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *scrollbar = gtk_scrolled_window_get_vscrollbar (GTK_SCROLLED_WINDOW (scrolled));
  g_autoptr(MfmServer) server = shown_server (fixture, 0);
  g_autofree char *name = mfm_display_name (mfm_server_get_name (server));
  g_autofree char *count = g_strdup_printf ("%u", mfm_server_get_relationship_count (server));
  graphene_rect_t bounds;
  int scrollbar_width;
  GtkLabel *label;

  /* The relationship counts, right-aligned, stay clear of the scrollbar laid over the table. */
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 1100, 700);
  ui_spin (300);
  label = label_in_row (wait_for_row (column_view, name), count);
  g_assert_nonnull (label);
  gtk_widget_measure (scrollbar, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &scrollbar_width, NULL, NULL);
  g_assert_cmpint (scrollbar_width, >, 0);
  g_assert_true (gtk_widget_compute_bounds (GTK_WIDGET (label), scrolled, &bounds));
  g_test_message ("count ends at %.0f of %d, scrollbar %d wide",
                  bounds.origin.x + bounds.size.width, gtk_widget_get_width (scrolled), scrollbar_width);
  g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (scrolled) - scrollbar_width);
}

static void
count_refreshed_cb (MfmSession *session,
                    guint      *count)
{
  (*count)++;
}

static gboolean
two_refreshes (gpointer data)
{
  return *(guint *)data >= 2;
}

static void
test_save_during_refresh (Fixture       *fixture,
                          gconstpointer  data)
{
  guint refreshed = 0;
  gulong handler;

  /* A refresh (auto-refresh, F5) is running when a save ends: it may have read the estate
   * before the save, so another one follows it. */
  handler = g_signal_connect (fixture->session, "refreshed", G_CALLBACK (count_refreshed_cb), &refreshed);
  mfm_session_refresh_async (fixture->session, NULL, NULL, NULL);
  g_assert_true (mfm_session_get_loading (fixture->session));
  mfm_session_refresh_after_save (fixture->session);
  g_assert_true (ui_wait (two_refreshes, &refreshed));
  g_assert_true (ui_wait (saved_shown, fixture));
  g_assert_cmpuint (refreshed, ==, 2);
  g_signal_handler_disconnect (fixture->session, handler);
}

static void
test_warnings_column (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(MfmRelationship) quiet = mfm_relationship_new ();
  g_autoptr(MfmRelationship) noisy = NULL;
  g_autofree char *quiet_text = NULL;
  g_autofree char *noisy_text = NULL;
  guint n_quiet = 99, n_noisy = 0;
  g_autoptr(MfmServer) primary = shown_server (fixture, 0);
  g_autoptr(MfmServer) secondary = shown_server (fixture, 1);
  MfmRelationshipTable *table;

  mfm_relationship_set_name (quiet, "ui-test-quiet");
  mfm_relationship_set_primary_server (quiet, mfm_server_get_name (primary));
  mfm_relationship_set_primary_server_ref (quiet, mfm_server_get_ref (primary));
  mfm_relationship_set_secondary_server (quiet, mfm_server_get_name (secondary));
  mfm_relationship_set_secondary_server_ref (quiet, mfm_server_get_ref (secondary));

  table = mfm_relationships_view_get_table (fixture->relationships);
  quiet_text = mfm_relationship_table_describe_warnings (table, quiet, &n_quiet);
  g_assert_cmpuint (n_quiet, ==, 0);
  g_assert_cmpstr (quiet_text, ==, "");

  /* Load balancing off and a very long MCLT are two of the rules' warnings. */
  noisy = mfm_relationship_copy (quiet);
  mfm_relationship_set_load_balance_max_seconds (noisy, 0);
  mfm_relationship_set_mclt (noisy, 90000);
  noisy_text = mfm_relationship_table_describe_warnings (table, noisy, &n_noisy);
  g_assert_cmpuint (n_noisy, ==, 2);
  g_assert_nonnull (strchr (noisy_text, '\n'));
  /* Each line of the tooltip says which value it is about. */
  g_assert_nonnull (strstr (noisy_text, "Load balance max seconds: Load balancing is off"));
  g_assert_nonnull (strstr (noisy_text, "Maximum client lead time: "));
}

static void
test_columns_and_rows_named (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MfmServer) server = shown_server (fixture, 0);
  const char *expected_pane[] = {
    N_("Relationship"), N_("Scopes"), N_("Primary server"), N_("Secondary server"),
    N_("Mode"), N_("State"), N_("Health"), N_("Port"), N_("Partner port"), N_("MCLT"),
  };
  const char *expected_all[] = {
    N_("Relationship"), N_("Primary server"), N_("Secondary server"), N_("Scopes"), N_("Mode"),
    N_("State"), N_("Health"), N_("MCLT"), N_("Warnings"), N_("Pending"),
  };
  GtkColumnView *all_view;
  GListModel *columns;

  g_assert_true (mfm_servers_view_select_server (fixture->servers, server));
  ui_spin (200);

  /* Micetro's columns, in Micetro's order, then Health, ports and MCLT. */
  columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (ui_find (GTK_WIDGET (fixture->pane), GTK_TYPE_COLUMN_VIEW, NULL)));
  for (guint i = 0; i < G_N_ELEMENTS (expected_pane); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, _(expected_pane[i]));
    }

  /* All relationships: the pair before its scopes, the rules' warnings instead of the ports,
   * from the same table. */
  all_view = mfm_relationships_view_get_column_view (fixture->relationships);
  columns = gtk_column_view_get_columns (all_view);
  g_assert_cmpuint (g_list_model_get_n_items (columns), ==, G_N_ELEMENTS (expected_all) + 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected_all); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_assert_cmpstr (gtk_column_view_column_get_title (column), ==, _(expected_all[i]));
    }

  ui_assert_accessible_names (GTK_WIDGET (fixture->window));

  /* Each drawn row carries text (a screen reader reads its cells). */
  {
    GtkWidget *view = GTK_WIDGET (mfm_servers_view_get_column_view (fixture->servers));
    guint rows = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (view); child != NULL; child = gtk_widget_get_next_sibling (child))
      for (GtkWidget *row = gtk_widget_get_first_child (child); row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          if (!g_str_equal (G_OBJECT_TYPE_NAME (row), "GtkColumnViewRowWidget") &&
              !g_str_equal (G_OBJECT_TYPE_NAME (row), "GtkListItemWidget"))
            continue;
          rows++;
          g_assert_nonnull (ui_first_label_text (row));
        }
    g_test_message ("%u server rows checked", rows);
  }
}

/* The names in the row widgets @column_view has built, in the order of their rows. */
static GPtrArray *
built_row_names (GtkColumnView *column_view)
{
  GPtrArray *names = g_ptr_array_new ();

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (!GTK_IS_LIST_VIEW (child))
        continue;
      for (GtkWidget *row = gtk_widget_get_first_child (child); row != NULL; row = gtk_widget_get_next_sibling (row))
        {
          if (g_str_equal (G_OBJECT_TYPE_NAME (row), "GtkColumnViewRowWidget") ||
              g_str_equal (G_OBJECT_TYPE_NAME (row), "GtkListItemWidget"))
            g_ptr_array_add (names, (gpointer)ui_first_label_text (row));
        }
    }

  return names;
}

static gboolean
rows_built (gpointer data)
{
  g_autoptr(GPtrArray) names = built_row_names (data);

  return names->len > 0;
}

static gboolean
relationship_matches (MfmRelationship *relationship,
                      const char      *search)
{
  g_autofree char *haystack = g_strdup_printf ("%s %s %s", mfm_relationship_get_name (relationship),
                                               mfm_relationship_get_primary_server (relationship),
                                               mfm_relationship_get_secondary_server (relationship));
  g_autofree char *folded = g_utf8_casefold (haystack, -1);
  g_autofree char *needle = g_utf8_casefold (search, -1);

  return strstr (folded, needle) != NULL;
}

/* A table that is not shown builds no rows; the first time it is shown, its rows are every
 * relationship that matches the search, in order, and its row widgets show them in that
 * order from the first. */
static void
test_hidden_table_rows_when_shown (Fixture       *fixture,
                                   gconstpointer  data)
{
  GtkColumnView *all_view = mfm_relationships_view_get_column_view (fixture->relationships);
  GtkColumnView *pane_view = mfm_relationship_pane_get_column_view (fixture->pane);
  GListModel *rows = mfm_relationships_view_get_model (fixture->relationships);
  GListModel *truth = mfm_inventory_get_relationships (fixture->truth);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(MfmServer) server = shown_server (fixture, 0);
  guint expected = 0;

  /* Loaded, and a search typed, while All relationships and the pane are hidden. */
  gtk_editable_set_text (fixture->search, "ams");
  ui_spin (100);
  names = built_row_names (all_view);
  g_assert_cmpuint (names->len, ==, 0);
  g_clear_pointer (&names, g_ptr_array_unref);
  names = built_row_names (pane_view);
  g_assert_cmpuint (names->len, ==, 0);
  g_clear_pointer (&names, g_ptr_array_unref);

  /* Its rows follow the search all the same. */
  for (guint i = 0; i < g_list_model_get_n_items (truth); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (truth, i);

      if (relationship_matches (relationship, "ams"))
        expected++;
    }
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (expected, <, g_list_model_get_n_items (truth));
  /* The hidden table takes the search when asked for its rows (or when shown), not per key. */
  g_assert_true (mfm_relationships_view_get_model (fixture->relationships) == rows);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL)),
                                         "relationships");
  g_assert_true (ui_wait (rows_built, all_view));
  ui_spin (100);

  /* Every matching relationship, sorted by name, and the rows show them in that order. */
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, expected);
  g_assert_true (G_LIST_MODEL (gtk_column_view_get_model (all_view)) == rows);
  names = built_row_names (all_view);
  g_assert_cmpuint (names->len, ==, MIN (expected, 200));
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (rows, i);

      g_assert_true (relationship_matches (relationship, "ams"));
      if (i > 0)
        {
          g_autoptr(MfmRelationship) before = g_list_model_get_item (rows, i - 1);

          g_assert_cmpint (compare_names (mfm_relationship_get_name (before), mfm_relationship_get_name (relationship)), <=, 0);
        }
      if (i < names->len)
        g_assert_cmpstr (names->pdata[i], ==, mfm_relationship_get_name (relationship));
    }
  g_clear_pointer (&names, g_ptr_array_unref);

  /* The pane's table: the selected server's relationships once it shows them. */
  gtk_editable_set_text (fixture->search, "");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (ui_find (GTK_WIDGET (fixture->window), ADW_TYPE_VIEW_STACK, NULL)),
                                         "servers");
  g_assert_true (mfm_servers_view_select_server (fixture->servers, server));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_relationship_pane_get_model (fixture->pane)), >, 0);
  g_assert_true (ui_wait (rows_built, pane_view));
  ui_spin (100);
  names = built_row_names (pane_view);
  g_assert_cmpuint (names->len, ==, g_list_model_get_n_items (mfm_relationship_pane_get_model (fixture->pane)));
  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (mfm_relationship_pane_get_model (fixture->pane), i);

      g_assert_cmpstr (names->pdata[i], ==, mfm_relationship_get_name (relationship));
    }
}

static gboolean
progress_shown (gpointer data)
{
  GtkWidget *servers = data;
  AdwStatusPage *loading = ui_find_status_page (servers, _("Loading Servers"));
  const char *description = loading != NULL ? adw_status_page_get_description (loading) : NULL;

  if (description != NULL && *description != '\0')
    g_test_message ("loading: %s", description);

  /* Pages of 1,000 have arrived and the others are still on their way (the first four pages
   * go out together, the other two after them). */
  for (guint loaded = 1000; loaded < 6000; loaded += 1000)
    {
      g_autofree char *loaded_text = g_strdup_printf ("%'u", loaded);
      g_autofree char *total_text = g_strdup_printf ("%'u", 6000);
      g_autofree char *expected = g_strdup_printf (_("Loaded %s of %s servers"), loaded_text, total_text);

      if (g_strcmp0 (description, expected) == 0)
        return TRUE;
    }

  return FALSE;
}

/* What the loading page showed, each time its text changed. */
typedef struct
{
  GtkProgressBar *bar;
  AdwStatusPage  *page;
  GPtrArray      *texts;
  GArray         *fractions;
} ProgressSeen;

static void
progress_seen_cb (GObject      *object,
                  GParamSpec   *pspec,
                  ProgressSeen *seen)
{
  const char *text = adw_status_page_get_description (seen->page);
  double fraction = gtk_progress_bar_get_fraction (seen->bar);

  if (text == NULL || *text == '\0')
    return;
  if (seen->texts->len > 0 &&
      g_str_equal (seen->texts->pdata[seen->texts->len - 1], text) &&
      g_array_index (seen->fractions, double, seen->fractions->len - 1) == fraction)
    return;
  g_ptr_array_add (seen->texts, g_strdup (text));
  g_array_append_val (seen->fractions, fraction);
}

static void
test_loading_progress (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(GError) error = NULL;
  MfmWindow *window = mfm_window_new (NULL);
  MfmConnectPage *page = mfm_window_get_connect_page (window);
  MfmServersView *servers;
  ProgressSeen seen = { 0 };
  GtkWidget *spinner;
  Fixture fixture = { 0 };

  mfm_simulator_generate (simulator, 6000, 200, 400, 3);
  /* Slow pages, so the progress can be seen. */
  g_object_set (simulator, "latency-ms", 150, NULL);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);

  gtk_window_present (GTK_WINDOW (window));
  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  fixture.window = window;
  g_assert_true (ui_wait (connected, &fixture));
  servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (window), MFM_TYPE_SERVERS_VIEW, NULL));
  /* The bar follows the pages from the first on (150 ms away). */
  seen.page = ui_find_status_page (GTK_WIDGET (servers), _("Loading Servers"));
  g_assert_nonnull (seen.page);
  seen.bar = GTK_PROGRESS_BAR (ui_find (GTK_WIDGET (seen.page), GTK_TYPE_PROGRESS_BAR, NULL));
  g_assert_nonnull (seen.bar);
  spinner = ui_find (GTK_WIDGET (seen.page), GTK_TYPE_SPINNER, NULL);
  seen.texts = g_ptr_array_new_with_free_func (g_free);
  seen.fractions = g_array_new (FALSE, FALSE, sizeof (double));
  /* The text is set after the bar. */
  g_signal_connect (seen.page, "notify::description", G_CALLBACK (progress_seen_cb), &seen);

  g_assert_true (ui_wait (progress_shown, servers));
  g_assert_cmpstr (mfm_servers_view_get_state (servers), ==, "loading");
  /* The total is known: a bar that moves with the pages, no spinner drawing every frame. */
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (seen.bar)));
  g_assert_true (spinner == NULL || !gtk_widget_get_mapped (spinner));
  g_assert_true (spinner == NULL || !gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (seen.bar), >, 0.0);
  g_assert_cmpfloat (gtk_progress_bar_get_fraction (seen.bar), <, 1.0);
  /* The counts say they are loading, not that there is nothing. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (servers), _("Loading servers…")));
  {
    g_autofree char *none = g_strdup_printf (ngettext ("%u server", "%u servers", 0), 0);
    GtkWidget *relationships = ui_find (GTK_WIDGET (window), MFM_TYPE_RELATIONSHIPS_VIEW, NULL);

    g_assert_null (find_label_with_text (GTK_WIDGET (servers), none));
    g_assert_nonnull (find_label_with_text (relationships, _("Loading relationships…")));
  }

  fixture.servers = servers;
  g_assert_true (ui_wait (loaded, &fixture));
  g_assert_cmpstr (mfm_servers_view_get_state (servers), ==, "list");

  /* Each text said what the bar showed, the bar only went forward, and it reached the end
   * with the servers, saying that the relationships were still to come. */
  g_signal_handlers_disconnect_by_data (seen.page, &seen);
  g_assert_cmpuint (seen.texts->len, >=, 2);
  for (guint i = 0; i < seen.texts->len; i++)
    {
      double fraction = g_array_index (seen.fractions, double, i);
      const char *text = seen.texts->pdata[i];
      guint loaded_servers = (guint) (fraction * 6000 + 0.5);
      g_autofree char *loaded_text = g_strdup_printf ("%'u", loaded_servers);
      g_autofree char *total_text = g_strdup_printf ("%'u", 6000);
      g_autofree char *expected = NULL;

      g_test_message ("seen: %.3f %s", fraction, text);
      if (i > 0)
        g_assert_cmpfloat (fraction, >=, g_array_index (seen.fractions, double, i - 1));
      if (loaded_servers < 6000)
        expected = g_strdup_printf (_("Loaded %s of %s servers"), loaded_text, total_text);
      else
        expected = g_strdup_printf (ngettext ("Loaded %s server. Loading the failover relationships…",
                                              "Loaded %s servers. Loading the failover relationships…",
                                              6000),
                                    total_text);
      g_assert_cmpstr (text, ==, expected);
    }
  g_assert_cmpfloat (g_array_index (seen.fractions, double, seen.fractions->len - 1), ==, 1.0);
  g_clear_pointer (&seen.texts, g_ptr_array_unref);
  g_clear_pointer (&seen.fractions, g_array_unref);

  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

/* "Loaded 3,000 servers": pages of 1,000 that never say how many there are. */
static gboolean
count_shown (gpointer data)
{
  AdwStatusPage *page = data;

  for (guint loaded = 1000; loaded <= 100000; loaded += 1000)
    {
      g_autofree char *count = g_strdup_printf ("%'u", loaded);
      g_autofree char *expected = g_strdup_printf (ngettext ("Loaded %s server", "Loaded %s servers", loaded),
                                                   count);

      if (g_strcmp0 (adw_status_page_get_description (page), expected) == 0)
        return TRUE;
    }

  return FALSE;
}

/* A server that does not say how many servers it has: the count so far, and a spinner, as
 * no bar can say how far the load is. */
static void
test_loading_progress_unknown_total (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(GError) error = NULL;
  MfmWindow *window = mfm_window_new (NULL);
  MfmConnectPage *page = mfm_window_get_connect_page (window);
  MfmServersView *servers;
  AdwStatusPage *loading;
  GtkWidget *spinner;
  Fixture fixture = { 0 };

  mfm_simulator_generate (simulator, 10, 2, 4, 3);
  g_object_set (simulator, "latency-ms", 100, "faults", "endless-pages", NULL);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);

  gtk_window_present (GTK_WINDOW (window));
  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  fixture.window = window;
  g_assert_true (ui_wait (connected, &fixture));
  servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (window), MFM_TYPE_SERVERS_VIEW, NULL));
  loading = ui_find_status_page (GTK_WIDGET (servers), _("Loading Servers"));
  g_assert_nonnull (loading);

  g_assert_true (ui_wait (count_shown, loading));
  g_assert_cmpstr (mfm_servers_view_get_state (servers), ==, "loading");
  spinner = ui_find (GTK_WIDGET (loading), GTK_TYPE_SPINNER, NULL);
  g_assert_nonnull (spinner);
  g_assert_true (gtk_widget_get_mapped (spinner));
  g_assert_true (gtk_spinner_get_spinning (GTK_SPINNER (spinner)));
  g_assert_false (gtk_widget_get_mapped (ui_find (GTK_WIDGET (loading), GTK_TYPE_PROGRESS_BAR, NULL)));

  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

static gboolean
error_shown (gpointer data)
{
  return g_strcmp0 (mfm_servers_view_get_state (data), "error") == 0;
}

static void
test_error_state (void)
{
  g_autofree char *url = g_strdup_printf ("http://127.0.0.1:%u", ui_closed_loopback_port ());
  g_autoptr(MfmClient) client = mfm_client_new (url);
  g_autoptr(MfmSession) session = mfm_session_new (client, url, "admin");
  g_autoptr(GError) expected = g_error_new_literal (MFM_ERROR, MFM_ERROR_NETWORK, "detail");
  MfmWindow *window = mfm_window_new (NULL);
  MfmServersView *servers;
  AdwStatusPage *error_page;
  GtkWidget *retry;

  /* A session whose server went away: the first load fails. */
  gtk_window_present (GTK_WINDOW (window));
  mfm_window_set_session (window, session);
  servers = MFM_SERVERS_VIEW (ui_find (GTK_WIDGET (window), MFM_TYPE_SERVERS_VIEW, NULL));
  g_assert_true (ui_wait (error_shown, servers));

  error_page = ui_find_status_page (GTK_WIDGET (servers), _("Could Not Load Servers"));
  g_assert_nonnull (error_page);
  g_assert_cmpstr (adw_status_page_get_description (error_page), ==, mfm_error_get_sentence (expected));
  retry = ui_find (GTK_WIDGET (error_page), GTK_TYPE_BUTTON, _("_Retry"));
  g_assert_nonnull (retry);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (retry)), ==, "win.refresh");

  /* Retry runs another refresh, which fails the same way: still the error, never a blank table. */
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (mfm_session_get_loading (session));
  while (mfm_session_get_loading (session))
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (mfm_servers_view_get_state (servers), ==, "error");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);
}

static gboolean
toast_shown (gpointer data)
{
  Fixture *fixture = data;
  g_autoptr(GError) expected = g_error_new_literal (MFM_ERROR, MFM_ERROR_NETWORK, "detail");
  g_autofree char *text = g_strdup_printf (_("Could not refresh. %s"), mfm_error_get_sentence (expected));

  return ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, text) != NULL;
}

static gboolean
toast_gone (gpointer data)
{
  return !toast_shown (data);
}

/* The close button of a toast: the one with the window-close icon inside an AdwToastWidget. */
static GtkWidget *
find_toast_close_button (GtkWidget *root,
                         GType      toast_widget)
{
  if (GTK_IS_BUTTON (root) &&
      g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (root)), "window-close-symbolic") == 0 &&
      gtk_widget_get_ancestor (root, toast_widget) != NULL)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_toast_close_button (child, toast_widget);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Closes the failure toast as a person would, and waits until it is gone. */
static void
dismiss_failure_toast (Fixture *fixture)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");
  GtkWidget *close;

  g_assert_true (toast_widget != G_TYPE_INVALID);
  /* libadwaita 1.2 crashes when a toast is dismissed while it is still sliding in. */
  ui_spin (800);
  close = find_toast_close_button (GTK_WIDGET (fixture->window), toast_widget);
  g_assert_nonnull (close);
  g_signal_emit_by_name (close, "clicked");
  g_assert_true (ui_wait (toast_gone, fixture));
}

static void
test_failed_refresh_keeps_rows (Fixture       *fixture,
                                gconstpointer  data)
{
  guint shown = g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers));
  g_autoptr(MfmServer) server = shown_server (fixture, 2);
  g_autoptr(GError) error = NULL;
  guint port;

  g_assert_true (mfm_servers_view_select_server (fixture->servers, server));

  /* The server goes away; the next refresh fails. */
  mfm_simulator_stop (fixture->simulator);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_true (ui_wait (toast_shown, fixture));

  /* What was shown stays, selection included: no error page over known data. */
  g_assert_cmpstr (mfm_servers_view_get_state (fixture->servers), ==, "list");
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==, shown);
  g_assert_true (mfm_servers_view_get_selected_server (fixture->servers) == server);
  g_assert_nonnull (mfm_session_get_last_error (fixture->session));

  /* Refresh asked for again while it is still away: the same reason, told again, rather than
   * a spinner and then silence. */
  dismiss_failure_toast (fixture);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_true (ui_wait (loaded, fixture));
  g_assert_true (ui_wait (toast_shown, fixture));

  /* It comes back at the same address, a fresh start that knows nothing of the old session:
   * the next refresh logs in again by itself, and the error is gone. */
  port = mfm_simulator_get_port (fixture->simulator);
  g_clear_object (&fixture->simulator);
  fixture->simulator = mfm_simulator_new ();
  mfm_simulator_load_demo (fixture->simulator);
  g_assert_true (mfm_simulator_start (fixture->simulator, port, &error));
  g_assert_no_error (error);

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_true (mfm_session_get_loading (fixture->session));
  g_assert_true (ui_wait (loaded, fixture));
  g_assert_null (mfm_session_get_last_error (fixture->session));
  g_assert_true (mfm_client_get_logged_in (mfm_session_get_client (fixture->session)));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_servers_view_get_model (fixture->servers)), ==, shown);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/ui/views/counts", test_counts);
  ADD ("/ui/views/search", test_search);
  ADD ("/ui/views/sort", test_sort);
  ADD ("/ui/views/natural-sort", test_natural_sort);
  ADD ("/ui/views/selection-shows-its-relationships", test_selection_shows_its_relationships);
  ADD ("/ui/views/refresh-keeps-selection", test_refresh_keeps_selection);
  ADD ("/ui/views/batch-refresh-and-natural-order", test_batch_refresh_and_natural_order);
  ADD ("/ui/views/pending-new-relationship", test_pending_new_relationship);
  ADD ("/ui/views/warnings-column", test_warnings_column);
  ADD ("/ui/views/removed-row-menu", test_removed_row_menu);
  ADD ("/ui/views/manage-failover", test_manage_failover);
  ADD ("/ui/views/server-row-menu", test_server_row_menu);
  ADD ("/ui/views/relationship-row-menu", test_relationship_row_menu);
  ADD ("/ui/views/pane-relationship-row-menu", test_pane_relationship_row_menu);
  ADD ("/ui/views/server-rows-follow-their-server", test_server_rows_follow_their_server);
  ADD ("/ui/views/staged-values-shown", test_staged_values_shown);
  ADD ("/ui/views/saved-values-shown", test_saved_values_shown);
  ADD ("/ui/views/save-during-refresh", test_save_during_refresh);
  ADD ("/ui/views/undo-toasts", test_undo_toasts);
  ADD ("/ui/views/scrollbar-clear-of-numbers", test_scrollbar_clear_of_numbers);
  ADD ("/ui/views/columns-and-rows-named", test_columns_and_rows_named);
  ADD ("/ui/views/failed-refresh-keeps-rows", test_failed_refresh_keeps_rows);
  ADD ("/ui/views/hidden-table-rows-when-shown", test_hidden_table_rows_when_shown);
#undef ADD
  g_test_add_func ("/ui/views/loading-progress", test_loading_progress);
  g_test_add_func ("/ui/views/loading-progress-unknown-total", test_loading_progress_unknown_total);
  g_test_add_func ("/ui/views/error-state", test_error_state);

  return g_test_run ();
}
