/* test-live-failover.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-live"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "mfm-change-set.h"
#include "mfm-change.h"
#include "mfm-client.h"
#include "mfm-sim-live.h"
#include "mfm-simulator.h"

/* A relationship made through the real client against the simulator, with two of its ISC
 * servers bound to real dhcpd processes in network namespaces: the daemons reach normal, a
 * killed secondary shows as Communications interrupted through the API, a restarted one
 * brings the pair back, and a DHCP client gets a lease from the pool. Undoing the save of the
 * scope takes the failover peer out of both daemons' configurations again. Needs root; skips
 * with the reason otherwise. */

#define RELATIONSHIP_NAME  "live-failover"
#define TEST_MCLT          30
#define NORMAL_LIMIT_S     30.0
#define INTERRUPTED_LIMIT_S 5.0
#define POLL_INTERVAL_MS   50
/* A pool's reference to the peer, and the peer's declaration. */
#define POOL_PEER_LINE     "failover peer \"" RELATIONSHIP_NAME "\";"
#define PEER_DECLARATION   "failover peer \"" RELATIONSHIP_NAME "\" {"

typedef struct
{
  char         *work_dir;
  MfmSimulator *simulator;
  MfmSimLive   *live;       /* owned by the simulator once it is set */
  MfmClient    *client;
  char         *primary_ref;
  char         *primary_name;
  char         *secondary_ref;
  char         *secondary_name;
} LiveFixture;

/* What the teardown would remove, for an exit that skips it. A crash (abort) is covered by the
 * live mode's own watchdog, which removes the namespaces when this process dies. */
static MfmSimLive *live_for_exit;
static char *work_dir_for_exit;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (path == NULL)
    return;

  dir = g_dir_open (path, 0, NULL);
  if (dir != NULL)
    {
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          if (g_file_test (child, G_FILE_TEST_IS_DIR))
            remove_tree (child);
          else
            g_unlink (child);
        }
    }

  g_rmdir (path);
}

static void
cleanup_at_exit (void)
{
  g_clear_pointer (&live_for_exit, mfm_sim_live_free);
  remove_tree (work_dir_for_exit);
  g_clear_pointer (&work_dir_for_exit, g_free);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static gboolean
login (MfmClient  *client,
       GError    **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfm_client_login_async (client, "admin", "admin", NULL, store_result, &result);

  return mfm_client_login_finish (client, wait_for_result (&result), error);
}

static GPtrArray *
get_relationships (MfmClient   *client,
                   const char  *server_ref,
                   GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfm_client_get_relationships_async (client, server_ref, NULL, store_result, &result);

  return mfm_client_get_relationships_finish (client, wait_for_result (&result), error);
}

static GPtrArray *
get_scopes (MfmClient   *client,
            const char  *server_ref,
            GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfm_client_get_scopes_async (client, server_ref, NULL, store_result, &result);

  return mfm_client_get_scopes_finish (client, wait_for_result (&result), error);
}

static GPtrArray *
get_servers (MfmClient   *client,
             GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfm_client_get_servers_async (client, NULL, NULL, store_result, &result);

  return mfm_client_get_servers_finish (client, wait_for_result (&result), error);
}

/* The relationship's state as the API reports it, or NULL (with @error set on failure). */
static char *
dup_api_state (LiveFixture  *fixture,
               GError      **error)
{
  g_autoptr(GPtrArray) relationships = get_relationships (fixture->client,
                                                          fixture->primary_ref, error);

  if (relationships == NULL)
    return NULL;

  for (guint i = 0; i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);

      if (g_strcmp0 (mfm_relationship_get_name (relationship), RELATIONSHIP_NAME) == 0)
        return g_strdup (mfm_relationship_get_state (relationship));
    }

  return NULL;
}

/* Polls the API until it reports @wanted; returns the seconds it took, or -1 after @limit_s. */
static double
wait_for_api_state (LiveFixture *fixture,
                    const char  *wanted,
                    double       limit_s)
{
  gint64 start = g_get_monotonic_time ();
  g_autofree char *last = NULL;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      double elapsed;

      g_free (last);
      last = dup_api_state (fixture, &error);
      g_assert_no_error (error);
      elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      if (g_strcmp0 (last, wanted) == 0)
        return elapsed;

      if (elapsed > limit_s)
        {
          g_test_message ("still “%s” after %.1f s, waiting for “%s”",
                          last != NULL ? last : "(none)", elapsed, wanted);
          return -1;
        }

      g_usleep (POLL_INTERVAL_MS * 1000);
    }
}

static gboolean
wait_for_no_pid (LiveFixture *fixture,
                 const char  *server_ref,
                 double       limit_s)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (limit_s * G_USEC_PER_SEC);

  while (mfm_sim_live_get_pid (fixture->live, server_ref) != 0)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (10 * 1000);
    }

  return TRUE;
}

static gboolean
log_contains (LiveFixture *fixture,
              const char  *server_ref,
              const char  *text)
{
  g_autofree char *contents = NULL;
  const char *path = mfm_sim_live_get_log_path (fixture->live, server_ref);

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, text) != NULL;
}

/* Waits until both daemons' logs contain @text; the seconds it took, or -1 after @limit_s. */
static double
wait_for_log (LiveFixture *fixture,
              const char  *text,
              double       limit_s)
{
  gint64 start = g_get_monotonic_time ();

  for (;;)
    {
      double elapsed;

      if (log_contains (fixture, fixture->primary_ref, text) &&
          log_contains (fixture, fixture->secondary_ref, text))
        return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;

      elapsed = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
      if (elapsed > limit_s)
        {
          g_test_message ("“%s” not in both logs after %.1f s", text, elapsed);
          return -1;
        }

      g_usleep (POLL_INTERVAL_MS * 1000);
    }
}

static void
print_log_tail (LiveFixture *fixture,
                const char  *server_ref)
{
  g_autofree char *contents = NULL;
  const char *path = mfm_sim_live_get_log_path (fixture->live, server_ref);
  gsize length = 0;

  if (path == NULL || !g_file_get_contents (path, &contents, &length, NULL))
    return;

  g_test_message ("last lines of %s:\n%s", path, contents + (length > 2000 ? length - 2000 : 0));
}

static guint32
ipv4_to_host_order (const char *address)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (address);
  const guint8 *bytes;

  g_assert_nonnull (inet);
  g_assert_cmpint (g_inet_address_get_family (inet), ==, G_SOCKET_FAMILY_IPV4);
  bytes = g_inet_address_to_bytes (inet);

  return ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) |
         ((guint32) bytes[2] << 8) | bytes[3];
}

/* TRUE when some relationship of @server_ref has scopes, so its daemon would run failover
 * with a partner outside the namespaces. */
static gboolean
runs_other_failover (MfmInventory *inventory,
                     const char   *server_ref)
{
  g_autoptr(GPtrArray) relationships = mfm_inventory_get_relationships_for_server (inventory,
                                                                                  server_ref);

  for (guint i = 0; i < relationships->len; i++)
    {
      if (mfm_relationship_get_scope_count (g_ptr_array_index (relationships, i)) > 0)
        return TRUE;
    }

  return FALSE;
}

/* Two ISC servers in state OK whose relationships (if any) are Empty, so the daemons run
 * exactly the relationship this test makes. */
static gboolean
pick_servers (LiveFixture  *fixture,
              MfmInventory *inventory)
{
  GListModel *servers = mfm_inventory_get_servers (inventory);
  guint n_servers = g_list_model_get_n_items (servers);

  for (guint i = 0; i < n_servers && fixture->secondary_ref == NULL; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      if (!mfm_server_is_isc (server) ||
          g_strcmp0 (mfm_server_get_state (server), "OK") != 0 ||
          runs_other_failover (inventory, mfm_server_get_ref (server)))
        continue;

      if (fixture->primary_ref == NULL)
        {
          fixture->primary_ref = g_strdup (mfm_server_get_ref (server));
          fixture->primary_name = g_strdup (mfm_server_get_name (server));
        }
      else
        {
          fixture->secondary_ref = g_strdup (mfm_server_get_ref (server));
          fixture->secondary_name = g_strdup (mfm_server_get_name (server));
        }
    }

  return fixture->secondary_ref != NULL;
}

static void
live_fixture_setup (LiveFixture   *fixture,
                    gconstpointer  user_data)
{
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  MfmInventory *inventory;
  gint64 start;

  if (!mfm_sim_live_is_supported (&reason))
    {
      g_autofree char *message = g_strdup_printf ("live dhcpd failover cannot run: %s", reason);

      g_test_skip (message);
      return;
    }

  fixture->work_dir = g_dir_make_tmp ("mfm-live-XXXXXX", &error);
  g_assert_no_error (error);
  work_dir_for_exit = g_strdup (fixture->work_dir);

  fixture->simulator = mfm_simulator_new ();
  mfm_simulator_load_demo (fixture->simulator);

  /* The simulator's own data: live mode binds the two servers in it before it serves. */
  inventory = mfm_simulator_get_inventory (fixture->simulator);
  if (!pick_servers (fixture, inventory))
    {
      g_test_fail_printf ("the estate has no two ISC servers in state OK without failover");
      return;
    }
  g_test_message ("live servers: primary %s (%s), secondary %s (%s)",
                  fixture->primary_name, fixture->primary_ref,
                  fixture->secondary_name, fixture->secondary_ref);

  start = g_get_monotonic_time ();
  fixture->live = mfm_sim_live_new (fixture->work_dir, inventory,
                                    fixture->primary_ref, fixture->secondary_ref, &error);
  g_assert_no_error (error);
  if (fixture->live == NULL)
    return;
  live_for_exit = fixture->live;
  g_test_message ("namespaces, links and daemons up in %.3f s; network %s, client namespace %s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
                  mfm_sim_live_get_subnet (fixture->live),
                  mfm_sim_live_get_client_netns (fixture->live));

  mfm_sim_live_attach (fixture->live, fixture->simulator);
  mfm_simulator_start (fixture->simulator, 0, &error);
  g_assert_no_error (error);

  fixture->client = mfm_client_new (mfm_simulator_get_url (fixture->simulator));
  login (fixture->client, &error);
  g_assert_no_error (error);
}

static void
live_fixture_teardown (LiveFixture   *fixture,
                       gconstpointer  user_data)
{
  if (fixture->live != NULL && g_test_failed ())
    {
      print_log_tail (fixture, fixture->primary_ref);
      print_log_tail (fixture, fixture->secondary_ref);
    }

  g_clear_object (&fixture->client);
  if (fixture->simulator != NULL)
    mfm_simulator_stop (fixture->simulator);
  /* The simulator frees the live mode: daemons killed, namespaces removed. */
  g_clear_object (&fixture->simulator);
  fixture->live = NULL;
  live_for_exit = NULL;

  remove_tree (fixture->work_dir);
  g_clear_pointer (&work_dir_for_exit, g_free);
  g_clear_pointer (&fixture->work_dir, g_free);
  g_clear_pointer (&fixture->primary_ref, g_free);
  g_clear_pointer (&fixture->primary_name, g_free);
  g_clear_pointer (&fixture->secondary_ref, g_free);
  g_clear_pointer (&fixture->secondary_name, g_free);
}

/* Writes @change (taken) alone, as a save does. */
static gboolean
write_change (LiveFixture  *fixture,
              MfmChange    *change,
              const char   *comment,
              GError      **error)
{
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
  g_autoptr(GAsyncResult) result = NULL;

  mfm_change_set_add (changes, change);
  g_object_unref (change);
  mfm_client_apply_changes_async (fixture->client, changes, comment, NULL, store_result, &result);

  return mfm_client_apply_changes_finish (fixture->client, wait_for_result (&result), error);
}

static gboolean
add_relationship (LiveFixture  *fixture,
                  GError      **error)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(GAsyncResult) result = NULL;

  mfm_relationship_set_name (relationship, RELATIONSHIP_NAME);
  mfm_relationship_set_primary_server (relationship, fixture->primary_name);
  mfm_relationship_set_primary_server_ref (relationship, fixture->primary_ref);
  mfm_relationship_set_secondary_server (relationship, fixture->secondary_name);
  mfm_relationship_set_secondary_server_ref (relationship, fixture->secondary_ref);
  /* A small MCLT: a recovering server waits one whole MCLT. */
  mfm_relationship_set_mclt (relationship, TEST_MCLT);

  return write_change (fixture, mfm_change_new_add (relationship), "live failover test", error);
}

static gboolean
add_scope (LiveFixture  *fixture,
           const char   *scope_ref,
           GError      **error)
{
  const char *refs[] = { scope_ref, NULL };
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();

  mfm_relationship_set_name (relationship, RELATIONSHIP_NAME);
  mfm_relationship_set_primary_server_ref (relationship, fixture->primary_ref);

  return write_change (fixture, mfm_change_new_add_scopes (relationship, refs),
                       "live failover test", error);
}

static gboolean
modify_relationship (LiveFixture      *fixture,
                     MfmRelationship  *relationship,
                     GError          **error)
{
  return write_change (fixture, mfm_change_new_modify (relationship, relationship), "unchanged",
                       error);
}

/* The live scope as the API lists it on the primary, with its pool. */
static MfmScope *
find_live_scope (LiveFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) scopes = get_scopes (fixture->client, fixture->primary_ref, &error);
  const char *scope_ref = mfm_sim_live_get_scope_ref (fixture->live);

  g_assert_no_error (error);
  g_assert_nonnull (scopes);

  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);

      if (g_strcmp0 (mfm_scope_get_ref (scope), scope_ref) == 0)
        return g_object_ref (scope);
    }

  return NULL;
}

/* "udhcpc: lease of 10.99.0.150 obtained from 10.99.0.1, lease time 30" → the address. */
static char *
run_dhcp_client (LiveFixture *fixture,
                 char       **server)
{
  const char *argv[] = {
    "ip", "netns", "exec", mfm_sim_live_get_client_netns (fixture->live),
    "timeout", "20", "busybox", "udhcpc", "-n", "-q", "-f", "-s", "/bin/true",
    "-i", mfm_sim_live_get_client_iface (fixture->live), NULL,
  };
  g_autofree char *standard_output = NULL;
  g_autofree char *standard_error = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *output = NULL;
  int wait_status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &standard_output, &standard_error, &wait_status, &error);
  g_assert_no_error (error);
  output = g_strconcat (standard_output, standard_error, NULL);
  g_test_message ("udhcpc: %s", output);

  regex = g_regex_new ("lease of ([0-9.]+) obtained from ([0-9.]+)", 0, 0, &error);
  g_assert_no_error (error);
  if (!g_regex_match (regex, output, 0, &match))
    return NULL;

  *server = g_match_info_fetch (match, 2);

  return g_match_info_fetch (match, 1);
}

static gboolean
have_busybox (void)
{
  g_autofree char *path = g_find_program_in_path ("busybox");

  return path != NULL;
}

static void
test_live_failover (LiveFixture   *fixture,
                    gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmScope) scope = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) daemon_addresses = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(MfmRelationship) modified = NULL;
  g_autofree char *state = NULL;
  g_autofree char *lease = NULL;
  g_autofree char *lease_server = NULL;
  MfmAddressPool *pool;
  GPid secondary_pid;
  GPid primary_pid;
  gint64 start;
  double seconds;

  if (fixture->live == NULL)
    return;

  /* The daemons already serve the estate as it is. */
  primary_pid = mfm_sim_live_get_pid (fixture->live, fixture->primary_ref);
  secondary_pid = mfm_sim_live_get_pid (fixture->live, fixture->secondary_ref);
  g_assert_cmpint (primary_pid, >, 0);
  g_assert_cmpint (secondary_pid, >, 0);

  /* Empty until its first scope: Micetro writes nothing for it, so neither configuration
   * changes and neither daemon restarts. */
  start = g_get_monotonic_time ();
  add_relationship (fixture, &error);
  g_assert_no_error (error);
  g_test_message ("AddDHCPFailoverRelationship: %.3f s",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  state = dup_api_state (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (state, ==, "Empty");
  g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->primary_ref), ==, primary_pid);
  g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->secondary_ref), ==, secondary_pid);
  if (g_test_failed ())
    return;

  /* The servers now carry the namespace addresses. */
  servers = get_servers (fixture->client, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < servers->len; i++)
    {
      MfmServer *server = g_ptr_array_index (servers, i);

      if (g_str_equal (mfm_server_get_ref (server), fixture->primary_ref) ||
          g_str_equal (mfm_server_get_ref (server), fixture->secondary_ref))
        {
          g_assert_true (g_str_has_prefix (mfm_server_get_address (server), "10.99."));
          g_ptr_array_add (daemon_addresses, g_strdup (mfm_server_get_address (server)));
        }
    }
  g_assert_cmpuint (daemon_addresses->len, ==, 2);
  g_ptr_array_add (daemon_addresses, NULL);

  scope = find_live_scope (fixture);
  g_assert_nonnull (scope);
  if (scope == NULL)
    return;
  g_assert_cmpstr (mfm_scope_get_subnet (scope), ==, mfm_sim_live_get_subnet (fixture->live));
  g_assert_cmpuint (mfm_scope_get_pool_count (scope), >=, 1);
  pool = g_ptr_array_index (mfm_scope_get_pools (scope), 0);

  /* The first scope turns failover on: both daemons restart and meet. */
  start = g_get_monotonic_time ();
  add_scope (fixture, mfm_scope_get_ref (scope), &error);
  g_assert_no_error (error);
  if (g_test_failed ())
    return;
  seconds = wait_for_api_state (fixture, "Normal", NORMAL_LIMIT_S);
  g_assert_cmpfloat (seconds, >=, 0);
  g_test_message ("add scope -> API reports Normal: %.3f s after the call",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  /* The API follows the primary's own state; the pair is up once each side has also seen its
   * partner reach normal. */
  seconds = wait_for_log (fixture, "failover peer " RELATIONSHIP_NAME ": Both servers normal",
                          NORMAL_LIMIT_S);
  g_assert_cmpfloat (seconds, >=, 0);
  g_test_message ("add scope -> both daemons log Both servers normal: %.3f s after the call",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  if (g_test_failed ())
    return;

  /* A write that changes neither configuration leaves the daemons alone. */
  primary_pid = mfm_sim_live_get_pid (fixture->live, fixture->primary_ref);
  secondary_pid = mfm_sim_live_get_pid (fixture->live, fixture->secondary_ref);
  g_assert_cmpint (primary_pid, >, 0);
  g_assert_cmpint (secondary_pid, >, 0);
  relationships = get_relationships (fixture->client, fixture->primary_ref, &error);
  g_assert_no_error (error);
  for (guint i = 0; relationships != NULL && i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);

      if (g_str_equal (mfm_relationship_get_name (relationship), RELATIONSHIP_NAME))
        {
          modify_relationship (fixture, relationship, &error);
          g_assert_no_error (error);
          modified = mfm_relationship_copy (relationship);
        }
    }
  g_assert_nonnull (modified);
  g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->primary_ref), ==, primary_pid);
  g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->secondary_ref), ==, secondary_pid);

  /* dhcpd accepts nothing without an MCLT on the primary: the change is refused with dhcpd's
   * own words, rolled back, and the daemons keep running. */
  if (modified != NULL)
    {
      mfm_relationship_set_mclt (modified, 0);
      modify_relationship (fixture, modified, &error);
      g_assert_error (error, MFM_ERROR, MFM_ERROR_SERVER);
      if (error != NULL)
        {
          g_test_message ("MCLT 0 refused: %s", error->message);
          g_assert_nonnull (strstr (error->message, "must have mclt"));
        }
      g_clear_error (&error);
      g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->primary_ref), ==, primary_pid);
      g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->secondary_ref), ==,
                       secondary_pid);
      g_free (state);
      state = dup_api_state (fixture, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (state, ==, "Normal");
    }
  if (g_test_failed ())
    return;

  /* The secondary dies: the primary notices at once, and the API says so. */
  g_assert_cmpint (kill (secondary_pid, SIGKILL), ==, 0);
  seconds = wait_for_api_state (fixture, "Communications interrupted", INTERRUPTED_LIMIT_S);
  g_assert_cmpfloat (seconds, >=, 0);
  g_test_message ("secondary killed -> API reports Communications interrupted: %.3f s", seconds);
  /* The primary can see the link close while the killed process is still being torn down. */
  g_assert_true (wait_for_no_pid (fixture, fixture->secondary_ref, 2.0));
  g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->primary_ref), ==, primary_pid);
  if (g_test_failed ())
    return;

  /* Restarted with its lease file, it resumes without waiting out the MCLT. */
  start = g_get_monotonic_time ();
  mfm_sim_live_restart (fixture->live, fixture->secondary_ref, &error);
  g_assert_no_error (error);
  seconds = wait_for_api_state (fixture, "Normal", NORMAL_LIMIT_S);
  g_assert_cmpfloat (seconds, >=, 0);
  g_test_message ("secondary restarted -> API reports Normal: %.3f s after the restart",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->secondary_ref), !=, secondary_pid);
  if (g_test_failed ())
    return;

  /* The primary dies: the secondary's view is reported until it comes back. */
  primary_pid = mfm_sim_live_get_pid (fixture->live, fixture->primary_ref);
  g_assert_cmpint (kill (primary_pid, SIGKILL), ==, 0);
  seconds = wait_for_api_state (fixture, "Communications interrupted", INTERRUPTED_LIMIT_S);
  g_assert_cmpfloat (seconds, >=, 0);
  g_test_message ("primary killed -> API reports Communications interrupted: %.3f s", seconds);
  g_assert_true (wait_for_no_pid (fixture, fixture->primary_ref, 2.0));
  start = g_get_monotonic_time ();
  mfm_sim_live_restart (fixture->live, fixture->primary_ref, &error);
  g_assert_no_error (error);
  seconds = wait_for_api_state (fixture, "Normal", NORMAL_LIMIT_S);
  g_assert_cmpfloat (seconds, >=, 0);
  g_test_message ("primary restarted -> API reports Normal: %.3f s after the restart",
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  if (g_test_failed ())
    return;

  /* A client on the segment gets an address from the scope's pool. */
  if (!have_busybox ())
    {
      g_test_message ("no lease check: busybox (udhcpc) is not installed");
      return;
    }

  start = g_get_monotonic_time ();
  lease = run_dhcp_client (fixture, &lease_server);
  g_assert_nonnull (lease);
  if (lease == NULL)
    return;
  g_test_message ("lease %s from %s in %.3f s (pool %s-%s)", lease, lease_server,
                  (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC,
                  pool->start, pool->end);
  g_assert_cmpuint (ipv4_to_host_order (lease), >=, ipv4_to_host_order (pool->start));
  g_assert_cmpuint (ipv4_to_host_order (lease), <=, ipv4_to_host_order (pool->end));
  g_assert_true (g_strv_contains ((const char * const *) daemon_addresses->pdata, lease_server));
}

/* The relationship of this test as the API lists it on the primary, or NULL. */
static MfmRelationship *
find_live_relationship (LiveFixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relationships = get_relationships (fixture->client,
                                                          fixture->primary_ref, &error);

  g_assert_no_error (error);
  for (guint i = 0; relationships != NULL && i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);

      if (g_strcmp0 (mfm_relationship_get_name (relationship), RELATIONSHIP_NAME) == 0)
        return mfm_relationship_copy (relationship);
    }

  return NULL;
}

/* The dhcpd.conf the daemon of @server_ref runs with, or "" when it cannot be read. */
static char *
read_config (LiveFixture *fixture,
             const char  *server_ref)
{
  const char *path = mfm_sim_live_get_config_path (fixture->live, server_ref);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_nonnull (path);
  if (path == NULL || !g_file_get_contents (path, &contents, NULL, &error))
    {
      g_assert_no_error (error);
      return g_strdup ("");
    }

  return contents;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  return strstr (haystack, needle) != NULL;
}

static void
apply_change (LiveFixture  *fixture,
              MfmChange    *change,
              GError      **error)
{
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();
  g_autoptr(GAsyncResult) result = NULL;

  mfm_change_set_add (changes, change);
  mfm_client_apply_changes_async (fixture->client, changes, "live failover test: undo",
                                  NULL, store_result, &result);
  mfm_client_apply_changes_finish (fixture->client, wait_for_result (&result), error);
}

/* The save of a scope, as the journal holds it, is taken back by its inverse: the pool loses
 * its failover peer on both servers, and with no scope left neither daemon declares the peer. */
static void
test_live_undo_add_scope (LiveFixture   *fixture,
                          gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) before = NULL;
  g_autoptr(MfmRelationship) saved_state = NULL;
  g_autoptr(MfmScope) scope = NULL;
  g_autoptr(MfmChange) saved = NULL;
  g_autoptr(MfmChange) inverse = NULL;
  g_autofree char *range_line = NULL;
  g_autofree char *state = NULL;
  const char * const *inverse_refs;
  const char *refs[2] = { NULL, NULL };
  const char *server_refs[2];
  MfmAddressPool *pool;
  GPid secondary_pid;
  GPid primary_pid;
  double seconds;

  if (fixture->live == NULL)
    return;

  server_refs[0] = fixture->primary_ref;
  server_refs[1] = fixture->secondary_ref;

  add_relationship (fixture, &error);
  g_assert_no_error (error);
  before = find_live_relationship (fixture);
  g_assert_nonnull (before);
  scope = find_live_scope (fixture);
  g_assert_nonnull (scope);
  if (before == NULL || scope == NULL)
    return;
  g_assert_cmpuint (mfm_scope_get_pool_count (scope), >=, 1);
  if (g_test_failed ())
    return;
  pool = g_ptr_array_index (mfm_scope_get_pools (scope), 0);
  range_line = g_strdup_printf ("range %s %s;", pool->start, pool->end);
  refs[0] = mfm_scope_get_ref (scope);

  /* The save, and the change as the journal keeps it: with the server's values before it. */
  saved = mfm_change_new_add_scopes (before, refs);
  mfm_change_set_base (saved, before);
  add_scope (fixture, refs[0], &error);
  g_assert_no_error (error);
  mfm_change_set_status (saved, MFM_CHANGE_STATUS_APPLIED);
  seconds = wait_for_api_state (fixture, "Normal", NORMAL_LIMIT_S);
  g_assert_cmpfloat (seconds, >=, 0);
  seconds = wait_for_log (fixture, "failover peer " RELATIONSHIP_NAME ": Both servers normal",
                          NORMAL_LIMIT_S);
  g_assert_cmpfloat (seconds, >=, 0);
  if (g_test_failed ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (server_refs); i++)
    {
      g_autofree char *config = read_config (fixture, server_refs[i]);

      g_assert_true (contains (config, PEER_DECLARATION));
      g_assert_true (contains (config, POOL_PEER_LINE));
      g_assert_true (contains (config, range_line));
    }

  /* Undo: the scope is taken out again, the partner's copy deleted. */
  inverse = mfm_change_new_inverse (saved);
  g_assert_nonnull (inverse);
  if (inverse == NULL)
    return;
  g_assert_cmpint (mfm_change_get_kind (inverse), ==, MFM_CHANGE_REMOVE_SCOPES);
  g_assert_cmpint (mfm_change_get_action (inverse), ==, MFM_DECONFIGURE_DELETE);
  inverse_refs = mfm_change_get_scope_refs (inverse);
  g_assert_true (inverse_refs != NULL && g_strv_length ((char **) inverse_refs) == 1 &&
                 g_str_equal (inverse_refs[0], refs[0]));
  /* Nothing changed on the server since the save. */
  saved_state = find_live_relationship (fixture);
  g_assert_cmpuint (mfm_change_check_base (inverse, saved_state), ==, 0);
  if (g_test_failed ())
    return;

  primary_pid = mfm_sim_live_get_pid (fixture->live, fixture->primary_ref);
  secondary_pid = mfm_sim_live_get_pid (fixture->live, fixture->secondary_ref);
  apply_change (fixture, inverse, &error);
  g_assert_no_error (error);
  g_assert_cmpint (mfm_change_get_status (inverse), ==, MFM_CHANGE_STATUS_APPLIED);
  state = dup_api_state (fixture, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (state, ==, "Empty");

  /* Both daemons were restarted with configurations `dhcpd -t` accepted: no pool names the
   * peer, and with no scope left Micetro writes no declaration either. The primary keeps its
   * scope's pool without a peer; the secondary's copy is gone. */
  for (guint i = 0; i < G_N_ELEMENTS (server_refs); i++)
    {
      g_autofree char *config = read_config (fixture, server_refs[i]);

      g_test_message ("%s after the undo:\n%s", server_refs[i], config);
      g_assert_false (contains (config, POOL_PEER_LINE));
      g_assert_false (contains (config, PEER_DECLARATION));
      g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, server_refs[i]), >, 0);
    }
  g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->primary_ref), !=, primary_pid);
  g_assert_cmpint (mfm_sim_live_get_pid (fixture->live, fixture->secondary_ref), !=,
                   secondary_pid);
  {
    g_autofree char *primary_config = read_config (fixture, fixture->primary_ref);
    g_autofree char *secondary_config = read_config (fixture, fixture->secondary_ref);

    g_assert_true (contains (primary_config, range_line));
    g_assert_false (contains (secondary_config, range_line));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* A failed check must still reach the teardown, which stops the daemons and removes the
   * namespaces. */
  g_test_set_nonfatal_assertions ();
  atexit (cleanup_at_exit);

  g_test_add ("/live/failover", LiveFixture, NULL,
              live_fixture_setup, test_live_failover, live_fixture_teardown);
  g_test_add ("/live/undo-add-scope", LiveFixture, NULL,
              live_fixture_setup, test_live_undo_add_scope, live_fixture_teardown);

  return g_test_run ();
}
