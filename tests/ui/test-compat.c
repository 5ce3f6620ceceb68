/* test-compat.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The server compatibility report against the simulator over loopback, in both of its
 * dialects: every assumption listed with the name chosen for this server and whether its
 * answers carried it, the copied text with the assumptions and none of the estate's names,
 * addresses or references, nor the session; an empty server said to have taught nothing; a
 * window opened before the first refresh that shows what it taught; and the main window's
 * action and menu item that open the report. */

#define G_LOG_DOMAIN "test-compat"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-changes-test-util.h"
#include "mfm-compat-window.h"
#include "mfm-ui-test-util.h"
#include "mfm-window.h"

typedef struct
{
  const char *dialect;
  gboolean    demo;
} Estate;

static const Estate documented_estate = { MFM_SIMULATOR_DIALECT_DOCUMENTED, TRUE };
static const Estate alt_estate = { MFM_SIMULATOR_DIALECT_ALT, TRUE };
static const Estate empty_estate = { MFM_SIMULATOR_DIALECT_DOCUMENTED, FALSE };

/* As changes_fixture_set_up(), with the simulator speaking @data's dialect. */
static void
fixture_set_up (ChangesFixture *fixture,
                gconstpointer   data)
{
  const Estate *estate = data;
  g_autoptr(GError) error = NULL;
  AsyncOutcome outcome = { 0 };

  fixture->tmpdir = g_dir_make_tmp ("mfm-compat-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->record_path = g_build_filename (fixture->tmpdir, "record.jsonl", NULL);
  fixture->toasts = g_ptr_array_new_with_free_func (g_free);

  fixture->simulator = mfm_simulator_new ();
  g_object_set (fixture->simulator, "record-path", fixture->record_path, NULL);
  g_assert_true (mfm_simulator_set_dialect (fixture->simulator, estate->dialect, &error));
  g_assert_no_error (error);
  if (estate->demo)
    mfm_simulator_load_demo (fixture->simulator);
  g_assert_true (mfm_simulator_start (fixture->simulator, 0, &error));
  g_assert_no_error (error);

  fixture->client = mfm_client_new (mfm_simulator_get_url (fixture->simulator));
  mfm_client_login_async (fixture->client, "admin", "admin", NULL, changes_test_login_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);

  fixture->session = mfm_session_new (fixture->client, mfm_simulator_get_url (fixture->simulator),
                                      "admin");
  changes_test_refresh (fixture->session);

  fixture->parent = GTK_WINDOW (adw_window_new ());
  g_object_ref_sink (fixture->parent);
  gtk_window_present (fixture->parent);
}

static gboolean
window_idle (gpointer data)
{
  return !mfm_compat_window_get_loading (data);
}

static MfmCompatWindow *
open_window (ChangesFixture *fixture)
{
  MfmCompatWindow *window = mfm_compat_window_new (fixture->parent, fixture->session);

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (changes_test_wait (window_idle, window));
  changes_test_drain ();

  return window;
}

static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  if (ADW_IS_ACTION_ROW (root) && gtk_widget_get_visible (root))
    g_ptr_array_add (rows, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, rows);
}

/* The row a person reads for the assumption @title. */
static GtkWidget *
row_of (MfmCompatWindow *window,
        const char      *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (window), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      AdwPreferencesRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (adw_preferences_row_get_title (row), title) == 0)
        return GTK_WIDGET (row);
    }

  g_error ("No row “%s” in the report", title);
  return NULL;
}

/* The row shows @chosen as the name used and says whether it was seen. */
static void
assert_row (MfmCompatWindow *window,
            const char      *title,
            const char      *chosen,
            gboolean         seen)
{
  GtkWidget *row = row_of (window, title);

  g_test_message ("%s: %s, %s", title, chosen, seen ? "seen" : "not seen");
  g_assert_nonnull (ui_find (row, GTK_TYPE_LABEL, chosen));
  g_assert_nonnull (ui_find (row, GTK_TYPE_LABEL, seen ? "Seen" : "Not seen"));
  g_assert_null (ui_find (row, GTK_TYPE_LABEL, seen ? "Not seen" : "Seen"));
}

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* Copy Report, read back from the clipboard. */
static char *
copy_report (MfmCompatWindow *window)
{
  char *text = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "compat.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (window)), NULL,
                                 clipboard_read_cb, &text);
  g_assert_true (ui_wait (ui_pointer_set, &text));

  return text;
}

static void
assert_absent (const char *report,
               const char *what,
               const char *value)
{
  if (value == NULL || *value == '\0')
    return;

  if (strstr (report, value) != NULL)
    g_error ("The copied report holds the %s “%s”:\n%s", what, value, report);
}

/* None of the estate's names, addresses or references, nor the server's address or the
 * session key, is in @report; returns how many values were checked. */
static guint
assert_nothing_of_the_estate (ChangesFixture *fixture,
                              const char     *report)
{
  g_autoptr(MfmInventory) truth = mfm_simulator_dup_inventory (fixture->simulator);
  GListModel *servers = mfm_inventory_get_servers (truth);
  GListModel *relationships = mfm_inventory_get_relationships (truth);
  GListModel *scopes = mfm_inventory_get_scopes (truth);
  g_autoptr(GPtrArray) calls = changes_test_recorded_calls (fixture, "GetDHCPServers");
  g_autofree char *port = g_strdup_printf ("%u", mfm_simulator_get_port (fixture->simulator));
  guint checked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++, checked += 3)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      assert_absent (report, "server name", mfm_server_get_name (server));
      assert_absent (report, "server address", mfm_server_get_address (server));
      assert_absent (report, "server reference", mfm_server_get_ref (server));
    }
  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++, checked++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);

      assert_absent (report, "relationship name", mfm_relationship_get_name (relationship));
    }
  for (guint i = 0; i < g_list_model_get_n_items (scopes); i++, checked += 3)
    {
      g_autoptr(MfmScope) scope = g_list_model_get_item (scopes, i);

      assert_absent (report, "scope name", mfm_scope_get_name (scope));
      assert_absent (report, "scope reference", mfm_scope_get_ref (scope));
      assert_absent (report, "scope network", mfm_scope_get_subnet (scope));
    }

  /* The session every call after Login carried. */
  g_assert_cmpuint (calls->len, >, 0);
  assert_absent (report, "session",
                 json_object_get_string_member (g_ptr_array_index (calls, 0), "session"));
  assert_absent (report, "server URL", mfm_simulator_get_url (fixture->simulator));
  assert_absent (report, "server address", "127.0.0.1");
  assert_absent (report, "server port", port);

  return checked + 4;
}

/* Every assumption is in @report with its member names. */
static void
assert_every_assumption (const char *report)
{
  for (MfmDialectAssumption a = 0; a < MFM_DIALECT_N_ASSUMPTIONS; a++)
    {
      g_autofree char *candidates = mfm_dialect_dup_candidates (a);
      g_autofree char *line = g_strdup_printf ("names: %s\n", candidates);

      g_assert_nonnull (strstr (report, line));
      g_assert_nonnull (strstr (report, mfm_dialect_get_source (a)));
    }
}

static void
test_documented (ChangesFixture *fixture,
                 gconstpointer   data)
{
  MfmCompatWindow *window = open_window (fixture);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *report = NULL;
  GtkLabel *summary;
  guint checked;

  ui_assert_accessible_names (GTK_WIDGET (window));

  /* One row per assumption of the wire mapping. */
  collect_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, ==, MFM_DIALECT_N_ASSUMPTIONS);

  /* The documented dialect: peerPort and state on its relationships, networks through Ranges,
   * pools from/to (read from one server's scopes when the window opened). */
  assert_row (window, "Partner port", "peerPort", TRUE);
  assert_row (window, "Failover state", "state", TRUE);
  assert_row (window, "Port", "port", TRUE);
  assert_row (window, "Failover server type", "not sent", FALSE);
  assert_row (window, "Safe period", "not sent", FALSE);
  assert_row (window, "Failover mode", "failoverMode", TRUE);
  assert_row (window, "A scope’s network on the scope", "range", FALSE);
  assert_row (window, "A scope’s network through its range", "rangeRef", TRUE);
  assert_row (window, "A pool’s first address", "from", TRUE);
  assert_row (window, "A pool’s last address", "to", TRUE);
  summary = GTK_LABEL (changes_test_child (window, MFM_TYPE_COMPAT_WINDOW, "summary_label"));
  g_assert_cmpstr (gtk_label_get_text (summary), ==, "Learnt from this server’s own answers.");

  /* The copied text: the version, the counts and every assumption, and nothing of the estate. */
  report = copy_report (window);
  g_test_message ("%s", report);
  g_assert_true (g_str_has_prefix (report, "Failover Manager " PACKAGE_VERSION
                                   ": server compatibility report\n"));
  assert_every_assumption (report);
  g_assert_nonnull (strstr (report, "- Partner port\n    names: peerPort, partnerPort\n"));
  g_assert_nonnull (strstr (report, "    seen in this server’s answers\n    chosen: peerPort\n"));
  g_assert_nonnull (strstr (report, "- Safe period\n"));
  g_assert_nonnull (strstr (report,
                            "    not seen in this server’s answers\n    chosen: not sent\n"));
  g_assert_nonnull (strstr (report, "Scopes read for this report: "));
  g_assert_null (strstr (report, "Nothing learnt yet"));
  checked = assert_nothing_of_the_estate (fixture, report);
  g_test_message ("%u values of the estate checked absent", checked);
  g_assert_cmpuint (checked, >, 20);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_alt (ChangesFixture *fixture,
          gconstpointer   data)
{
  MfmCompatWindow *window = open_window (fixture);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  g_autofree char *report = NULL;

  ui_assert_accessible_names (GTK_WIDGET (window));
  collect_rows (GTK_WIDGET (window), rows);
  g_assert_cmpuint (rows->len, ==, MFM_DIALECT_N_ASSUMPTIONS);

  /* The other dialect: partnerPort, no state, failoverServerType and safePeriod on every
   * relationship, the network as "range" on the scope. */
  assert_row (window, "Partner port", "partnerPort", TRUE);
  assert_row (window, "Failover state", "state", FALSE);
  assert_row (window, "Failover server type", "failoverServerType", TRUE);
  assert_row (window, "Safe period", "safePeriod", TRUE);
  assert_row (window, "A scope’s network on the scope", "range", TRUE);
  assert_row (window, "A pool’s first address", "from", TRUE);

  report = copy_report (window);
  g_test_message ("%s", report);
  assert_every_assumption (report);
  g_assert_nonnull (strstr (report, "- Partner port\n    names: peerPort, partnerPort\n"));
  g_assert_nonnull (strstr (report,
                            "    seen in this server’s answers\n    chosen: partnerPort\n"));
  g_assert_nonnull (strstr (report, "- Failover state\n    names: state\n"));
  g_assert_cmpuint (assert_nothing_of_the_estate (fixture, report), >, 20);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_nothing_learnt (ChangesFixture *fixture,
                     gconstpointer   data)
{
  MfmCompatWindow *window = open_window (fixture);
  GtkLabel *summary =
    GTK_LABEL (changes_test_child (window, MFM_TYPE_COMPAT_WINDOW, "summary_label"));
  g_autofree char *report = NULL;

  /* No relationship listed: the report says so and shows the defaults, none of them seen. */
  g_assert_true (g_str_has_prefix (gtk_label_get_text (summary),
                                   "Nothing learnt yet: no relationship listed."));
  assert_row (window, "Partner port", "peerPort", FALSE);
  assert_row (window, "Failover mode", "failoverMode", FALSE);
  assert_row (window, "A pool’s first address", "from", FALSE);

  report = copy_report (window);
  g_assert_nonnull (strstr (report, "\nNothing learnt yet: no relationship listed."));
  g_assert_nonnull (strstr (report, "Relationship objects read since connecting: 0\n"));
  assert_every_assumption (report);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window opened before the first refresh says nothing was learnt, and shows what the
 * refresh taught as soon as it is done. */
static void
test_learns_on_refresh (ChangesFixture *fixture,
                        gconstpointer   data)
{
  g_autoptr(MfmClient) client = mfm_client_new (mfm_simulator_get_url (fixture->simulator));
  g_autoptr(MfmSession) session = NULL;
  MfmCompatWindow *window;
  GtkLabel *summary;
  AsyncOutcome outcome = { 0 };

  mfm_client_login_async (client, "admin", "admin", NULL, changes_test_login_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_true (outcome.ok);
  session = mfm_session_new (client, mfm_simulator_get_url (fixture->simulator), "admin");

  window = mfm_compat_window_new (fixture->parent, session);
  gtk_window_present (GTK_WINDOW (window));
  summary = GTK_LABEL (changes_test_child (window, MFM_TYPE_COMPAT_WINDOW, "summary_label"));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (summary), "Nothing learnt yet"));
  assert_row (window, "Partner port", "peerPort", FALSE);
  assert_row (window, "A pool’s first address", "from", FALSE);

  changes_test_refresh (session);
  g_assert_true (changes_test_wait (window_idle, window));
  g_assert_cmpstr (gtk_label_get_text (summary), ==, "Learnt from this server’s own answers.");
  assert_row (window, "Partner port", "peerPort", TRUE);
  assert_row (window, "Failover state", "state", TRUE);
  assert_row (window, "A pool’s first address", "from", TRUE);

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_true (changes_test_wait (changes_test_session_idle, session));
}

/* Whether @menu or one of its sections has an item for @action. */
static gboolean
menu_has_action (GMenuModel *menu,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (menu); i++)
    {
      g_autofree char *item_action = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (menu, i, G_MENU_LINK_SECTION);

      if (g_menu_model_get_item_attribute (menu, i, G_MENU_ATTRIBUTE_ACTION, "s", &item_action) &&
          g_strcmp0 (item_action, action) == 0)
        return TRUE;
      if (section != NULL && menu_has_action (section, action))
        return TRUE;
    }

  return FALSE;
}

/* Whether a visible menu button under @root has an item for @action. */
static gboolean
some_menu_has_action (GtkWidget  *root,
                      const char *action)
{
  if (!gtk_widget_get_visible (root))
    return FALSE;
  if (GTK_IS_MENU_BUTTON (root) && gtk_widget_get_mapped (root) &&
      gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)) != NULL &&
      menu_has_action (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (root)), action))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (some_menu_has_action (child, action))
        return TRUE;
    }

  return FALSE;
}

static void
test_window_action (ChangesFixture *fixture,
                    gconstpointer   data)
{
  MfmWindow *main_window = mfm_window_new (NULL);
  MfmCompatWindow *found;

  mfm_window_set_session (main_window, fixture->session);
  gtk_window_present (GTK_WINDOW (main_window));
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));

  /* The main menu of the connected window offers it. */
  g_assert_true (some_menu_has_action (GTK_WIDGET (main_window), "win.server-compatibility"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (main_window),
                                             "win.server-compatibility", NULL));
  found = changes_test_find_window (MFM_TYPE_COMPAT_WINDOW);
  g_assert_nonnull (found);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (found)) == GTK_WINDOW (main_window));
  g_assert_true (changes_test_wait (window_idle, found));

  gtk_window_destroy (GTK_WINDOW (found));
  gtk_window_destroy (GTK_WINDOW (main_window));
  ui_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/compat/documented", ChangesFixture, &documented_estate,
              fixture_set_up, test_documented, changes_fixture_tear_down);
  g_test_add ("/compat/alt", ChangesFixture, &alt_estate,
              fixture_set_up, test_alt, changes_fixture_tear_down);
  g_test_add ("/compat/nothing-learnt", ChangesFixture, &empty_estate,
              fixture_set_up, test_nothing_learnt, changes_fixture_tear_down);
  g_test_add ("/compat/learns-on-refresh", ChangesFixture, &documented_estate,
              fixture_set_up, test_learns_on_refresh, changes_fixture_tear_down);
  g_test_add ("/compat/window-action", ChangesFixture, &documented_estate,
              fixture_set_up, test_window_action, changes_fixture_tear_down);

  return g_test_run ();
}
