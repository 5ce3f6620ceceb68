/* test-health.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-health"

#include "config.h"

#include <adwaita.h>

#include "mfm-health.h"
#include "mfm-health-badge.h"
#include "mfm-relationship-details.h"
#include "mfm-relationship-pane.h"
#include "mfm-relationships-view.h"
#include "mfm-session.h"
#include "mfm-session-private.h"
#include "mfm-simulator.h"
#include "mfm-ui-test-util.h"

/* The session against the demo simulator over loopback: what the simulator's test controls
 * break is exactly what the session reports. */
typedef struct
{
  MfmSimulator *simulator;
  MfmClient    *client;
  MfmSession   *session;
  guint         n_health;
  GPtrArray    *state_changes;   /* "name: from -> to" */
} Fixture;

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A generated estate of 2,000 servers and 1,000 relationships, and a client logged in to it. */
static MfmClient *
start_logged_in (MfmSimulator *simulator)
{
  g_autoptr(MfmClient) client = NULL;
  g_autoptr(GError) error = NULL;
  GAsyncResult *slot = NULL;

  mfm_simulator_generate (simulator, 2000, 1000, 2000, 1);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  client = mfm_client_new (mfm_simulator_get_url (simulator));
  mfm_client_login_async (client, "admin", "admin", NULL, got_result, &slot);
  g_assert_true (ui_wait (ui_pointer_set, &slot));
  g_assert_true (mfm_client_login_finish (client, slot, &error));
  g_assert_no_error (error);
  g_clear_object (&slot);

  return g_steal_pointer (&client);
}

static void
health_changed_cb (MfmSession *session,
                   Fixture    *fixture)
{
  fixture->n_health++;
}

static void
state_changed_cb (MfmSession *session,
                  const char *name,
                  const char *from,
                  const char *to,
                  Fixture    *fixture)
{
  g_ptr_array_add (fixture->state_changes, g_strdup_printf ("%s: %s -> %s", name, from, to));
}

typedef struct
{
  Fixture *fixture;
  guint    until;
} HealthWait;

static gboolean
health_reached (gpointer data)
{
  HealthWait *wait = data;

  return wait->fixture->n_health >= wait->until;
}

/* A refresh, and the health checks that follow it. */
static void
refresh (Fixture *fixture)
{
  HealthWait wait = { fixture, fixture->n_health + 1 };
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;

  mfm_session_refresh_async (fixture->session, NULL, got_result, &slot);
  g_assert_true (ui_wait (ui_pointer_set, &slot));
  g_assert_true (mfm_session_refresh_finish (fixture->session, slot, &error));
  g_assert_no_error (error);
  g_object_unref (slot);
  g_assert_true (ui_wait (health_reached, &wait));
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;

  fixture->simulator = ui_start_demo_simulator ();
  fixture->client = mfm_client_new (mfm_simulator_get_url (fixture->simulator));
  mfm_client_login_async (fixture->client, "admin", "admin", NULL, got_result, &slot);
  g_assert_true (ui_wait (ui_pointer_set, &slot));
  g_assert_true (mfm_client_login_finish (fixture->client, slot, &error));
  g_assert_no_error (error);
  g_object_unref (slot);

  fixture->state_changes = g_ptr_array_new_with_free_func (g_free);
  fixture->session = mfm_session_new (fixture->client, mfm_simulator_get_url (fixture->simulator),
                                      "admin");
  g_signal_connect (fixture->session, "health-changed", G_CALLBACK (health_changed_cb), fixture);
  g_signal_connect (fixture->session, "state-changed", G_CALLBACK (state_changed_cb), fixture);
  refresh (fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (fixture->session, fixture);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  g_clear_pointer (&fixture->state_changes, g_ptr_array_unref);
}

/* The findings of @name, as "id subject" lines in order, for exact comparison. */
static char *
findings_text (Fixture    *fixture,
               const char *name)
{
  GPtrArray *findings = mfm_session_get_health (fixture->session, name);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (findings);
  for (guint i = 0; i < findings->len; i++)
    {
      const MfmHealthFinding *finding = g_ptr_array_index (findings, i);

      g_string_append_printf (text, "%s%s %s", i > 0 ? "\n" : "", finding->id,
                              finding->subject != NULL ? finding->subject : "-");
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
assert_findings (Fixture    *fixture,
                 const char *name,
                 const char *expected)
{
  g_autofree char *text = findings_text (fixture, name);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_demo_baseline (Fixture       *fixture,
                    gconstpointer  data)
{
  /* The demo's healthy pairs have nothing; New York's partner is unreachable. */
  assert_findings (fixture, "ams-failover", "");
  assert_findings (fixture, "fra-failover", "");
  assert_findings (fixture, "lon-failover", "");
  assert_findings (fixture, "nyc-failover", "server-unreachable dhcp-nyc-02.corp.example.net");
  g_assert_cmpuint (fixture->state_changes->len, ==, 0);
}

static void
test_caused_findings (Fixture       *fixture,
                      gconstpointer  data)
{
  /* A scope deleted on Amsterdam's secondary only, Frankfurt's pools made to differ. */
  g_assert_true (mfm_simulator_drop_scope (fixture->simulator, "dhcpServers/13", "10.10.2.0/24"));
  g_assert_true (mfm_simulator_set_pool_range (fixture->simulator, "dhcpServers/18",
                                               "10.20.3.0/24", "10.20.3.100", "10.20.3.160"));
  refresh (fixture);

  assert_findings (fixture, "ams-failover", "scope-missing-on-partner 10.10.2.0/24");
  assert_findings (fixture, "fra-failover", "pools-differ 10.20.3.0/24");
  assert_findings (fixture, "lon-failover", "");
  assert_findings (fixture, "nyc-failover", "server-unreachable dhcp-nyc-02.corp.example.net");
}

static void
test_state_changes (Fixture       *fixture,
                    gconstpointer  data)
{
  MfmStateHistory *history = mfm_session_get_state_history (fixture->session);
  g_autoptr(GPtrArray) transitions = NULL;
  const MfmStateTransition *transition;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_cmpstr (mfm_state_history_get_state (history, "ams-failover"), ==, "Normal");

  mfm_simulator_set_relationship_state (fixture->simulator, "ams-failover",
                                        "Communications interrupted");
  refresh (fixture);
  g_assert_cmpuint (fixture->state_changes->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (fixture->state_changes, 0), ==,
                   "ams-failover: Normal -> Communications interrupted");
  g_assert_cmpint (mfm_state_history_get_since (history, "ams-failover"), >=, before);

  /* The same state again is no change; its time stays that of the first refresh that saw it. */
  {
    gint64 since = mfm_state_history_get_since (history, "ams-failover");

    refresh (fixture);
    g_assert_cmpuint (fixture->state_changes->len, ==, 1);
    g_assert_cmpint (mfm_state_history_get_since (history, "ams-failover"), ==, since);
  }

  mfm_simulator_set_relationship_state (fixture->simulator, "ams-failover", "Normal");
  refresh (fixture);
  g_assert_cmpuint (fixture->state_changes->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (fixture->state_changes, 1), ==,
                   "ams-failover: Communications interrupted -> Normal");

  /* A new session for the same server and user (a restart) reads the same history. */
  {
    g_autoptr(MfmSession) again = mfm_session_new (fixture->client,
                                                   mfm_simulator_get_url (fixture->simulator),
                                                   "admin");

    transitions = mfm_state_history_get_transitions (mfm_session_get_state_history (again),
                                                     "ams-failover");
  }
  g_assert_cmpuint (transitions->len, ==, 2);
  transition = g_ptr_array_index (transitions, 1);
  g_assert_cmpstr (transition->from, ==, "Communications interrupted");
  g_assert_cmpstr (transition->to, ==, "Normal");
}

/* Every row title and subtitle of the window, in order, one per line. */
static void
collect_rows (GtkWidget *widget,
              GString   *text)
{
  if (ADW_IS_ACTION_ROW (widget))
    {
      g_string_append_printf (text, "%s\n", adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
      if (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL)
        g_string_append_printf (text, "  %s\n", adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)));
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_rows (child, text);
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* With MFM_HEALTH_SNAPSHOT_DIR set, the window is also written there as a PNG to look at. */
static void
maybe_snapshot (GtkWidget  *widget,
                const char *name)
{
  const char *dir = g_getenv ("MFM_HEALTH_SNAPSHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GskRenderer *renderer;

  if (dir == NULL)
    return;

  ui_spin (500);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, gtk_widget_get_width (widget),
                          gtk_widget_get_height (widget));
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  texture = gsk_renderer_render_texture (renderer, node, NULL);
  path = g_build_filename (dir, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

static void
test_details_window (Fixture       *fixture,
                     gconstpointer  data)
{
  MfmRelationshipDetails *details;
  g_autoptr(GString) text = g_string_new (NULL);
  const MfmHealthFinding *finding;

  g_assert_null (mfm_relationship_details_new (NULL, fixture->session, "no-such-relationship"));

  mfm_simulator_drop_scope (fixture->simulator, "dhcpServers/13", "10.10.2.0/24");
  mfm_simulator_set_relationship_state (fixture->simulator, "ams-failover",
                                        "Communications interrupted");
  refresh (fixture);

  details = mfm_relationship_details_new (NULL, fixture->session, "ams-failover");
  g_assert_nonnull (details);
  gtk_window_set_default_size (GTK_WINDOW (details), 640, 900);
  gtk_window_present (GTK_WINDOW (details));
  g_assert_true (ui_wait (window_mapped, details));

  collect_rows (GTK_WIDGET (details), text);
  g_test_message ("%s", text->str);
  finding = g_ptr_array_index (mfm_session_get_health (fixture->session, "ams-failover"), 0);

  /* The state with its time, its sentences, the finding with what to do, the change. */
  g_assert_nonnull (strstr (text->str, "Communications interrupted\n  Since "));
  g_assert_nonnull (strstr (text->str, mfm_failover_state_get_meaning (MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED)));
  g_assert_nonnull (strstr (text->str, "omshell"));
  g_assert_nonnull (strstr (text->str, finding->message));
  g_assert_nonnull (strstr (text->str, finding->action));
  g_assert_nonnull (strstr (text->str, "10.10.2.0/24"));
  g_assert_nonnull (strstr (text->str, "Normal → Communications interrupted"));
  maybe_snapshot (GTK_WIDGET (details), "details.png");

  /* It follows the next refresh. */
  mfm_simulator_set_relationship_state (fixture->simulator, "ams-failover", "Normal");
  refresh (fixture);
  g_string_truncate (text, 0);
  collect_rows (GTK_WIDGET (details), text);
  g_assert_nonnull (strstr (text->str, "Communications interrupted → Normal"));
  g_assert_nonnull (strstr (text->str, "Normal\n  Since "));

  gtk_window_destroy (GTK_WINDOW (details));
}

/* The Health cell shown for the relationship @name in the table under @widget, or NULL. */
static MfmHealthBadge *
find_health_badge (GtkWidget  *widget,
                   const char *name)
{
  if (MFM_IS_HEALTH_BADGE (widget))
    {
      g_autoptr(MfmRelationship) relationship = NULL;

      g_object_get (widget, "relationship", &relationship, NULL);
      if (relationship != NULL && g_strcmp0 (mfm_relationship_get_name (relationship), name) == 0)
        return MFM_HEALTH_BADGE (widget);
      return NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      MfmHealthBadge *badge = find_health_badge (child, name);

      if (badge != NULL)
        return badge;
    }

  return NULL;
}

typedef struct
{
  GtkWidget  *table;
  const char *name;
} BadgeLookup;

static gboolean
health_badge_shown (gpointer data)
{
  BadgeLookup *lookup = data;

  return find_health_badge (lookup->table, lookup->name) != NULL;
}

static void
test_health_column (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *view = g_object_new (MFM_TYPE_RELATIONSHIPS_VIEW, "session", fixture->session, NULL);
  GtkWidget *pane = g_object_new (MFM_TYPE_RELATIONSHIP_PANE, "session", fixture->session, NULL);
  BadgeLookup lookup = { view, "ams-failover" };
  BadgeLookup pane_lookup = { pane, "ams-failover" };
  const MfmHealthFinding *finding;
  MfmHealthBadge *badge;
  MfmHealthBadge *pane_badge;
  MfmHealthBadge *nyc;
  GListModel *rows;
  guint n_rows;

  /* All relationships, and the pane of Amsterdam's secondary server. */
  mfm_relationship_pane_set_server (MFM_RELATIONSHIP_PANE (pane),
                                    mfm_inventory_lookup_server (mfm_session_get_inventory (fixture->session),
                                                                 "dhcpServers/13"));
  gtk_widget_set_vexpand (view, TRUE);
  gtk_widget_set_vexpand (pane, TRUE);
  gtk_box_append (GTK_BOX (box), view);
  gtk_box_append (GTK_BOX (box), pane);
  gtk_window_set_default_size (GTK_WINDOW (window), 1240, 900);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait (window_mapped, window));
  g_assert_true (ui_wait (health_badge_shown, &lookup));
  g_assert_true (ui_wait (health_badge_shown, &pane_lookup));
  pane_badge = find_health_badge (pane, "ams-failover");
  g_assert_cmpstr (mfm_health_badge_get_text (pane_badge), ==, "OK");

  /* A healthy pair says so in words; an unreachable partner is a problem, named in the
   * tooltip. */
  badge = find_health_badge (view, "ams-failover");
  g_assert_cmpstr (mfm_health_badge_get_text (badge), ==, "OK");
  nyc = find_health_badge (view, "nyc-failover");
  g_assert_nonnull (nyc);
  g_assert_cmpstr (mfm_health_badge_get_text (nyc), ==, "1 problem");
  finding = g_ptr_array_index (mfm_session_get_health (fixture->session, "nyc-failover"), 0);
  g_assert_cmpstr (mfm_health_badge_get_tooltip (nyc), ==, finding->message);

  /* A scope dropped on the partner: the same row's cell follows, the rows are not rebuilt. */
  rows = mfm_relationships_view_get_model (MFM_RELATIONSHIPS_VIEW (view));
  n_rows = g_list_model_get_n_items (rows);
  g_assert_true (mfm_simulator_drop_scope (fixture->simulator, "dhcpServers/13", "10.10.2.0/24"));
  refresh (fixture);
  ui_spin (100);
  g_assert_true (find_health_badge (view, "ams-failover") == badge);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, n_rows);
  g_assert_cmpstr (mfm_health_badge_get_text (badge), ==, "1 problem");
  finding = g_ptr_array_index (mfm_session_get_health (fixture->session, "ams-failover"), 0);
  g_assert_cmpstr (finding->id, ==, "scope-missing-on-partner");
  g_assert_cmpstr (mfm_health_badge_get_tooltip (badge), ==, finding->message);
  g_assert_nonnull (strstr (mfm_health_badge_get_tooltip (badge), "10.10.2.0/24"));
  g_assert_true (find_health_badge (pane, "ams-failover") == pane_badge);
  g_assert_cmpstr (mfm_health_badge_get_text (pane_badge), ==, "1 problem");
  g_assert_cmpstr (mfm_health_badge_get_tooltip (pane_badge), ==, finding->message);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The rules over a thousand relationships run in slices: meanwhile the last result stays,
 * "health-changed" comes once the new one is whole, and a refresh in between stops the run. */
typedef struct
{
  MfmSession *session;
  guint       n_health;
  guint       n_partial;   /* "health-changed" with a relationship left out */
} SlicedHealth;

static guint
count_checked (MfmSession *session)
{
  GListModel *relationships = mfm_inventory_get_relationships (mfm_session_get_inventory (session));
  guint n_checked = 0;

  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);

      if (mfm_session_get_health (session, mfm_relationship_get_name (relationship)) != NULL)
        n_checked++;
    }

  return n_checked;
}

static void
sliced_health_changed_cb (MfmSession   *session,
                          SlicedHealth *sliced)
{
  GListModel *relationships = mfm_inventory_get_relationships (mfm_session_get_inventory (session));

  sliced->n_health++;
  if (count_checked (session) != g_list_model_get_n_items (relationships))
    sliced->n_partial++;
}

static gboolean
sliced_health_reached (gpointer data)
{
  SlicedHealth *sliced = data;

  return sliced->n_health >= 2 && !mfm_session_get_checking_health (sliced->session);
}

static gboolean
health_slicing (gpointer data)
{
  return _mfm_session_get_health_slicing (data);
}

static void
test_sliced_health (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(MfmClient) client = NULL;
  g_autoptr(MfmSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) first = NULL;
  GAsyncResult *slot = NULL;
  GAsyncResult *slot_2 = NULL;
  GAsyncResult *slot_3 = NULL;
  SlicedHealth sliced = { 0 };
  GPtrArray *kept;
  guint n_relationships;

  client = start_logged_in (simulator);

  session = mfm_session_new (client, mfm_simulator_get_url (simulator), "admin");
  sliced.session = session;
  g_signal_connect (session, "health-changed", G_CALLBACK (sliced_health_changed_cb), &sliced);

  /* The first refresh and its whole check. */
  mfm_session_refresh_async (session, NULL, got_result, &slot);
  g_assert_true (ui_wait (ui_pointer_set, &slot));
  g_assert_true (mfm_session_refresh_finish (session, slot, &error));
  g_assert_no_error (error);
  g_clear_object (&slot);
  g_assert_true (ui_wait (health_slicing, session));
  g_assert_cmpuint (sliced.n_health, ==, 0);
  g_assert_true (mfm_session_get_checking_health (session));
  while (sliced.n_health == 0)
    g_main_context_iteration (NULL, TRUE);
  n_relationships = g_list_model_get_n_items (mfm_session_get_relationships (session));
  g_assert_cmpuint (n_relationships, ==, 1000);
  g_assert_cmpuint (count_checked (session), ==, n_relationships);
  first = g_list_model_get_item (mfm_session_get_relationships (session), 0);
  kept = mfm_session_get_health (session, mfm_relationship_get_name (first));
  g_assert_nonnull (kept);

  /* A second refresh: while its check runs in slices, the first result is what is asked. */
  mfm_session_refresh_async (session, NULL, got_result, &slot_2);
  g_assert_true (ui_wait (ui_pointer_set, &slot_2));
  g_assert_true (mfm_session_refresh_finish (session, slot_2, &error));
  g_assert_no_error (error);
  g_clear_object (&slot_2);
  g_assert_true (ui_wait (health_slicing, session));
  g_assert_cmpuint (sliced.n_health, ==, 1);
  g_assert_true (mfm_session_get_health (session, mfm_relationship_get_name (first)) == kept);
  g_assert_cmpuint (count_checked (session), ==, n_relationships);

  /* A third refresh in the middle stops the second check: one "health-changed" more, whole. */
  mfm_session_refresh_async (session, NULL, got_result, &slot_3);
  g_assert_false (_mfm_session_get_health_slicing (session));
  g_assert_false (mfm_session_get_checking_health (session));
  g_assert_true (mfm_session_get_health (session, mfm_relationship_get_name (first)) == kept);
  g_assert_true (ui_wait (ui_pointer_set, &slot_3));
  g_assert_true (mfm_session_refresh_finish (session, slot_3, &error));
  g_assert_no_error (error);
  g_clear_object (&slot_3);
  g_assert_true (ui_wait (sliced_health_reached, &sliced));
  /* Nothing came late from the check that was stopped. */
  ui_spin (100);
  g_assert_cmpuint (sliced.n_health, ==, 2);
  g_assert_cmpuint (sliced.n_partial, ==, 0);
  g_assert_true (mfm_session_get_health (session, mfm_relationship_get_name (first)) != kept);
  g_assert_cmpuint (count_checked (session), ==, n_relationships);

  g_signal_handlers_disconnect_by_data (session, &sliced);
  g_clear_object (&session);
  mfm_simulator_stop (simulator);
}


/* The rules walk the store by position: should it change while they run in slices, they start
 * again, and the result holds exactly the relationships there are. */
static void
test_sliced_health_store_changed (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(MfmClient) client = NULL;
  g_autoptr(MfmSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *removed = NULL;
  GAsyncResult *slot = NULL;
  SlicedHealth sliced = { 0 };
  MfmInventory *inventory;
  GListModel *relationships;

  client = start_logged_in (simulator);

  session = mfm_session_new (client, mfm_simulator_get_url (simulator), "admin");
  sliced.session = session;
  g_signal_connect (session, "health-changed", G_CALLBACK (sliced_health_changed_cb), &sliced);
  inventory = mfm_session_get_inventory (session);
  relationships = mfm_inventory_get_relationships (inventory);

  mfm_session_refresh_async (session, NULL, got_result, &slot);
  g_assert_true (ui_wait (ui_pointer_set, &slot));
  g_assert_true (mfm_session_refresh_finish (session, slot, &error));
  g_assert_no_error (error);
  g_clear_object (&slot);
  g_assert_true (ui_wait (health_slicing, session));
  g_assert_cmpuint (sliced.n_health, ==, 0);

  /* The first relationship, checked in the first slice already, goes. */
  {
    g_autoptr(MfmRelationship) first = g_list_model_get_item (relationships, 0);

    removed = g_strdup (mfm_relationship_get_name (first));
  }
  g_assert_true (mfm_inventory_remove_relationship (inventory, removed));
  g_assert_cmpuint (g_list_model_get_n_items (relationships), ==, 999);

  while (sliced.n_health == 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (sliced.n_partial, ==, 0);
  g_assert_cmpuint (count_checked (session), ==, 999);
  g_assert_null (mfm_session_get_health (session, removed));

  g_signal_handlers_disconnect_by_data (session, &sliced);
  g_clear_object (&session);
  mfm_simulator_stop (simulator);
}

/* The states of a refresh observed in slices: what is seen between them, and the order. */
typedef struct
{
  GPtrArray *events;   /* "name: from -> to" and "refreshed" */
} SlicedStates;

static void
sliced_state_changed_cb (MfmSession   *session,
                         const char   *name,
                         const char   *from,
                         const char   *to,
                         SlicedStates *sliced)
{
  g_ptr_array_add (sliced->events, g_strdup_printf ("%s: %s -> %s", name, from, to));
}

static void
sliced_refreshed_cb (MfmSession   *session,
                     SlicedStates *sliced)
{
  g_ptr_array_add (sliced->events, g_strdup ("refreshed"));
}

static gboolean
pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
observing (gpointer data)
{
  return _mfm_session_get_observing (data);
}

/* Starts a refresh and waits until its states are part way in: nothing told, nobody answered. */
static void
refresh_until_observing (MfmSession    *session,
                         SlicedStates  *sliced,
                         GAsyncResult **slot)
{
  guint n_events = sliced->events->len;

  mfm_session_refresh_async (session, NULL, got_result, slot);
  g_assert_true (ui_wait (observing, session));
  g_assert_cmpuint (sliced->events->len, ==, n_events);
  g_assert_null (*slot);
}

static void
finish_refresh (MfmSession    *session,
                GAsyncResult **slot)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (ui_wait (ui_pointer_set, slot));
  g_assert_true (mfm_session_refresh_finish (session, *slot, &error));
  g_assert_no_error (error);
  g_clear_object (slot);
}

/* The simulator keeps a state set by the test only for a relationship with scopes: the first
 * such from @position on in @step's direction. */
static MfmRelationship *
item_with_scopes (GListModel *relationships,
                  guint       position,
                  int         step)
{
  for (guint i = position; i < g_list_model_get_n_items (relationships); i += step)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);

      if (mfm_relationship_get_scope_count (relationship) > 0)
        return g_steal_pointer (&relationship);
    }
  g_assert_not_reached ();
}

static char *
other_state (MfmRelationship *relationship)
{
  const char *state = mfm_relationship_get_state (relationship);

  return g_strdup (g_strcmp0 (state, "Normal") == 0 ? "Communications interrupted" : "Normal");
}

static void
test_sliced_states (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(MfmClient) client = NULL;
  g_autoptr(MfmSession) session = NULL;
  g_autoptr(MfmStateHistory) one_go = mfm_state_history_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  SlicedStates sliced = { g_ptr_array_new_with_free_func (g_free) };
  GAsyncResult *slot = NULL;
  GAsyncResult *slot_2 = NULL;
  MfmStateHistory *history;
  GListModel *relationships;
  guint n;

  client = start_logged_in (simulator);

  /* A history of its own (another user name), 50 relationships per slice: 20 slices. */
  session = mfm_session_new (client, mfm_simulator_get_url (simulator), "sliced-states");
  _mfm_session_set_observe_slice_size (session, 50);
  history = mfm_session_get_state_history (session);
  relationships = mfm_inventory_get_relationships (mfm_session_get_inventory (session));
  g_signal_connect (session, "state-changed", G_CALLBACK (sliced_state_changed_cb), &sliced);
  g_signal_connect (session, "refreshed", G_CALLBACK (sliced_refreshed_cb), &sliced);

  /* The first load: every state in, as observing them in one go gives, then "refreshed". */
  refresh_until_observing (session, &sliced, &slot);
  finish_refresh (session, &slot);
  n = g_list_model_get_n_items (relationships);
  g_assert_cmpuint (n, ==, 1000);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);

      mfm_state_history_observe (one_go, mfm_relationship_get_name (relationship),
                                 mfm_relationship_get_state (relationship), 1, NULL);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);
      const char *name = mfm_relationship_get_name (relationship);

      g_assert_nonnull (mfm_state_history_get_state (history, name));
      g_assert_cmpstr (mfm_state_history_get_state (history, name), ==,
                       mfm_state_history_get_state (one_go, name));
    }
  g_assert_cmpuint (sliced.events->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (sliced.events, 0), ==, "refreshed");

  /* Changes in the first, a middle and the last slice: all told, in order, before "refreshed". */
  g_ptr_array_add (changed, item_with_scopes (relationships, 0, 1));
  g_ptr_array_add (changed, item_with_scopes (relationships, n / 2, 1));
  g_ptr_array_add (changed, item_with_scopes (relationships, n - 1, -1));
  g_assert_true (g_ptr_array_index (changed, 1) != g_ptr_array_index (changed, 0));
  g_assert_true (g_ptr_array_index (changed, 2) != g_ptr_array_index (changed, 1));
  for (guint i = 0; i < changed->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (changed, i);
      g_autofree char *state = other_state (relationship);

      g_ptr_array_add (expected, g_strdup_printf ("%s: %s -> %s",
                                                  mfm_relationship_get_name (relationship),
                                                  mfm_relationship_get_state (relationship),
                                                  state));
      mfm_simulator_set_relationship_state (simulator, mfm_relationship_get_name (relationship),
                                            state);
    }
  g_ptr_array_add (expected, g_strdup ("refreshed"));
  g_ptr_array_set_size (sliced.events, 0);
  refresh_until_observing (session, &sliced, &slot);
  finish_refresh (session, &slot);
  g_assert_cmpuint (sliced.events->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    g_assert_cmpstr (g_ptr_array_index (sliced.events, i), ==, g_ptr_array_index (expected, i));

  /* A refresh asked for while the states of the last one go in: that one ends first, whole,
   * and the change is told once. */
  {
    g_autoptr(MfmRelationship) last = item_with_scopes (relationships, n - 1, -1);
    g_autofree char *state = other_state (last);
    g_autofree char *told = g_strdup_printf ("%s: %s -> %s", mfm_relationship_get_name (last),
                                             mfm_relationship_get_state (last), state);

    mfm_simulator_set_relationship_state (simulator, mfm_relationship_get_name (last), state);
    g_ptr_array_set_size (sliced.events, 0);
    refresh_until_observing (session, &sliced, &slot);
    mfm_session_refresh_async (session, NULL, got_result, &slot_2);
    g_assert_cmpuint (sliced.events->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (sliced.events, 0), ==, told);
    g_assert_cmpstr (g_ptr_array_index (sliced.events, 1), ==, "refreshed");
    g_assert_cmpstr (mfm_state_history_get_state (history, mfm_relationship_get_name (last)),
                     ==, state);
    finish_refresh (session, &slot);
    finish_refresh (session, &slot_2);
    g_assert_cmpuint (sliced.events->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (sliced.events, 2), ==, "refreshed");
  }

  /* The session let go of while its states go in: they all get in and are written, no crash. */
  {
    g_autofree char *path = g_strdup (mfm_state_history_get_path (history));
    g_autoptr(MfmStateHistory) reread = NULL;
    g_autoptr(MfmRelationship) first = item_with_scopes (relationships, 0, 1);
    g_autofree char *name = g_strdup (mfm_relationship_get_name (first));
    g_autofree char *state = other_state (first);

    mfm_simulator_set_relationship_state (simulator, name, state);
    refresh_until_observing (session, &sliced, &slot);
    g_signal_handlers_disconnect_by_data (session, &sliced);
    g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
    g_object_unref (session);
    g_assert_true (ui_wait (ui_pointer_set, &slot));
    g_clear_object (&slot);
    /* The health checks that follow the refresh hold the session until they end. */
    g_assert_true (ui_wait (pointer_cleared, &session));

    reread = mfm_state_history_new (path);
    g_assert_cmpstr (mfm_state_history_get_state (reread, name), ==, state);
  }

  g_ptr_array_unref (sliced.events);
  mfm_simulator_stop (simulator);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

#define ADD(name, func) \
  g_test_add ("/health/session/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("demo-baseline", test_demo_baseline);
  ADD ("caused-findings", test_caused_findings);
  ADD ("state-changes", test_state_changes);
  ADD ("details-window", test_details_window);
  ADD ("health-column", test_health_column);
#undef ADD
  g_test_add_func ("/health/session/sliced", test_sliced_health);
  g_test_add_func ("/health/session/sliced-states", test_sliced_states);
  g_test_add_func ("/health/session/sliced-store-changed", test_sliced_health_store_changed);

  return g_test_run ();
}
