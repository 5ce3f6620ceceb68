/* mfm-sim-live.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim-live"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mfm-isc.h"
#include "mfm-sim-dhcpd.h"
#include "mfm-sim-live.h"
#include "mfm-sim-live-private.h"

static guint live_counter;

static LiveDaemon *
find_daemon (MfmSimLive *self,
             const char *server_ref)
{
  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      if (g_strcmp0 (self->daemons[i].server_ref, server_ref) == 0)
        return &self->daemons[i];
    }

  return NULL;
}

static gboolean
is_live_network (const char *network)
{
  return g_str_has_prefix (network, "10.99.");
}

/* Picks the network: a 10.99.x.0/24 scope of the primary that has a pool, or else the first
 * 10.99.x.0/24 no scope of the estate uses. */
static gboolean
choose_network (MfmSimLive   *self,
                MfmInventory *inventory,
                const char   *primary_ref,
                GError      **error)
{
  g_autoptr(GPtrArray) primary_scopes = mfm_inventory_get_scopes_for_server (inventory,
                                                                              primary_ref);
  GListModel *scopes = mfm_inventory_get_scopes (inventory);
  guint n_scopes = g_list_model_get_n_items (scopes);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < primary_scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (primary_scopes, i);
      g_autofree char *network = NULL;
      g_autofree char *netmask = NULL;

      if (mfm_scope_get_network (scope, &network, &netmask) &&
          is_live_network (network) &&
          g_str_equal (netmask, "255.255.255.0") &&
          mfm_scope_get_pool_count (scope) > 0)
        {
          self->network = g_steal_pointer (&network);
          self->netmask = g_steal_pointer (&netmask);
          self->subnet = g_strdup (mfm_scope_get_subnet (scope));
          self->scope_ref = g_strdup (mfm_scope_get_ref (scope));
          return TRUE;
        }
    }

  for (guint i = 0; i < n_scopes; i++)
    {
      g_autoptr(MfmScope) scope = g_list_model_get_item (scopes, i);
      g_autofree char *network = NULL;
      g_autofree char *netmask = NULL;

      if (mfm_scope_get_network (scope, &network, &netmask))
        g_hash_table_add (used, g_steal_pointer (&network));
    }

  for (guint third = 0; third < 256; third++)
    {
      g_autofree char *network = g_strdup_printf ("10.99.%u.0", third);

      if (!g_hash_table_contains (used, network))
        {
          self->network = g_steal_pointer (&network);
          self->netmask = g_strdup ("255.255.255.0");
          self->subnet = g_strdup_printf ("10.99.%u.0/24", third);
          return TRUE;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Every network in 10.99.0.0/16 is already in use by a scope."));
  return FALSE;
}

static char *
host_address (MfmSimLive *self,
              guint       host)
{
  g_autofree char *prefix = g_strndup (self->network, strrchr (self->network, '.') - self->network);

  return g_strdup_printf ("%s.%u", prefix, host);
}

static char *
unused_scope_ref (MfmInventory *inventory)
{
  for (guint number = 9900; ; number++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpScopes/%u", number);

      if (mfm_inventory_lookup_scope (inventory, ref) == NULL)
        return g_steal_pointer (&ref);
    }
}

/**
 * mfm_sim_live_bind_inventory:
 *
 * Gives the two servers their namespace addresses in @inventory and adds the live scope to
 * the primary when it has none. mfm_sim_live_new() and mfm_sim_live_apply() call it, so a
 * simulator that keeps its own copy of the estate is bound at its first apply at the latest.
 */
void
mfm_sim_live_bind_inventory (MfmSimLive   *self,
                             MfmInventory *inventory)
{
  g_autofree char *pool_start = NULL;
  g_autofree char *pool_end = NULL;
  g_autoptr(MfmScope) scope = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (MFM_IS_INVENTORY (inventory));

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      MfmServer *server = mfm_inventory_lookup_server (inventory, self->daemons[i].server_ref);

      if (server != NULL && g_strcmp0 (mfm_server_get_address (server),
                                       self->daemons[i].address) != 0)
        mfm_server_set_address (server, self->daemons[i].address);
    }

  if (self->scope_ref == NULL)
    self->scope_ref = unused_scope_ref (inventory);

  if (mfm_inventory_lookup_scope (inventory, self->scope_ref) != NULL)
    return;

  pool_start = host_address (self, POOL_FIRST_HOST);
  pool_end = host_address (self, POOL_LAST_HOST);
  scope = mfm_scope_new (self->scope_ref, self->subnet,
                         self->daemons[LIVE_PRIMARY].server_ref, self->subnet);
  mfm_scope_set_description (scope, _("Live failover test network"));
  mfm_scope_add_pool (scope, pool_start, pool_end, NULL);
  mfm_inventory_add_scope (inventory, scope);
}

/**
 * mfm_sim_live_get_scope_ref:
 *
 * The ref of the primary's scope for the namespaces' network, the one a relationship needs so
 * that the daemons serve it and a client gets a lease.
 */
const char *
mfm_sim_live_get_scope_ref (MfmSimLive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->scope_ref;
}

/**
 * mfm_sim_live_get_subnet:
 *
 * The namespaces' network in CIDR notation ("10.99.0.0/24").
 */
const char *
mfm_sim_live_get_subnet (MfmSimLive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->subnet;
}

static gboolean
apparmor_confines_dhcpd (void)
{
  g_autofree char *profiles = NULL;

  if (!g_file_get_contents ("/sys/kernel/security/apparmor/profiles", &profiles, NULL, NULL))
    return FALSE;

  return strstr (profiles, "/usr/sbin/dhcpd (enforce)") != NULL;
}

gboolean
mfm_sim_live_is_supported (char **reason)
{
  g_autofree char *ip = _mfm_sim_live_find_tool ("ip", "/usr/sbin/ip");
  g_autofree char *timeout_path = _mfm_sim_live_find_tool ("timeout", "/usr/bin/timeout");
  g_autofree char *probe = NULL;
  g_autoptr(GError) error = NULL;
  const char *why = NULL;
  g_autofree char *why_owned = NULL;

  if (!g_file_test (DHCPD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    why = _("ISC dhcpd is not installed (/usr/sbin/dhcpd is missing).");
  else if (ip == NULL)
    why = _("The ip command (iproute2) is not installed.");
  else if (timeout_path == NULL)
    why = _("The timeout command (coreutils) is not installed.");
  else if (geteuid () != 0)
    why = _("Creating network namespaces needs root.");
  else if (g_strcmp0 (mfm_sim_dhcpd_get_path (), DHCPD_PATH) == 0 && apparmor_confines_dhcpd ())
    why = _("AppArmor confines dhcpd to its system paths, so it cannot use a private directory.");

  if (why == NULL)
    {
      const char *add_argv[] = { ip, "netns", "add", NULL, NULL };
      const char *del_argv[] = { ip, "netns", "delete", NULL, NULL };

      probe = g_strdup_printf ("mfm-probe-%d-%u", (int) getpid (), g_random_int ());
      add_argv[3] = del_argv[3] = probe;
      if (!_mfm_sim_live_run_command (add_argv, NULL, &error))
        why = why_owned = g_strdup_printf (_("Network namespaces cannot be created here: %s"),
                                           error->message);
      else if (!_mfm_sim_live_run_command (del_argv, NULL, &error))
        why = why_owned = g_strdup_printf (_("A test network namespace could not be removed: %s"),
                                           error->message);
    }

  if (reason != NULL)
    *reason = why != NULL ? g_strdup (why) : NULL;

  return why == NULL;
}

MfmSimLive *
mfm_sim_live_new (const char    *work_dir,
                  MfmInventory  *inventory,
                  const char    *primary_ref,
                  const char    *secondary_ref,
                  GError       **error)
{
  g_autoptr(MfmSimLive) self = NULL;
  g_autofree char *prefix = NULL;
  const char *watched[4];
  const char *roles[LIVE_N_DAEMONS] = { "primary", "secondary" };
  const char *ifaces[LIVE_N_DAEMONS] = { "p0", "s0" };
  const guint hosts[LIVE_N_DAEMONS] = { PRIMARY_HOST, SECONDARY_HOST };
  const char *refs[LIVE_N_DAEMONS] = { primary_ref, secondary_ref };

  g_return_val_if_fail (work_dir != NULL, NULL);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (primary_ref != NULL, NULL);
  g_return_val_if_fail (secondary_ref != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      MfmServer *server = mfm_inventory_lookup_server (inventory, refs[i]);

      if (server == NULL || !mfm_server_is_isc (server))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s is not an ISC server of the estate."), refs[i]);
          return NULL;
        }
    }

  if (g_str_equal (primary_ref, secondary_ref))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The primary and the secondary must be different servers."));
      return NULL;
    }

  self = g_new0 (MfmSimLive, 1);
  g_mutex_init (&self->lock);
  self->reaper_fd = -1;
  self->namespaces = g_ptr_array_new_with_free_func (g_free);
  self->work_dir = g_canonicalize_filename (work_dir, NULL);
  self->ip_path = _mfm_sim_live_find_tool ("ip", "/usr/sbin/ip");
  self->timeout_path = _mfm_sim_live_find_tool ("timeout", "/usr/bin/timeout");

  if (self->ip_path == NULL || self->timeout_path == NULL ||
      !g_file_test (DHCPD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_autofree char *reason = NULL;

      mfm_sim_live_is_supported (&reason);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                   reason != NULL ? reason : _("Live mode is not supported here."));
      return NULL;
    }

  if (g_mkdir_with_parents (self->work_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), self->work_dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!choose_network (self, inventory, primary_ref, error))
    return NULL;

  prefix = g_strdup_printf ("mfm-%d-%u", (int) getpid (),
                            (guint) g_atomic_int_add (&live_counter, 1));
  self->switch_netns = g_strconcat (prefix, "-sw", NULL);
  self->client_netns = g_strconcat (prefix, "-c", NULL);
  self->client_iface = g_strdup ("c0");

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      LiveDaemon *daemon = &self->daemons[i];
      g_autofree char *base = g_build_filename (self->work_dir, roles[i], NULL);

      daemon->server_ref = g_strdup (refs[i]);
      daemon->netns = g_strdup_printf ("%s-%c", prefix, roles[i][0]);
      daemon->iface = g_strdup (ifaces[i]);
      daemon->address = host_address (self, hosts[i]);
      daemon->config_path = g_strconcat (base, ".conf", NULL);
      daemon->lease_path = g_strconcat (base, ".leases", NULL);
      daemon->pid_path = g_strconcat (base, ".pid", NULL);
      daemon->log_path = g_strconcat (base, ".log", NULL);
      daemon->peer_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      daemon->peer_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  /* The watchdog knows every name before the first one exists. */
  watched[0] = self->daemons[LIVE_PRIMARY].netns;
  watched[1] = self->daemons[LIVE_SECONDARY].netns;
  watched[2] = self->client_netns;
  watched[3] = self->switch_netns;
  _mfm_sim_live_start_reaper (self, watched, G_N_ELEMENTS (watched));

  if (!_mfm_sim_live_add_namespace (self, self->switch_netns, error) ||
      !_mfm_sim_live_run_ip (self, error, "-n", self->switch_netns, "link", "add", "br0",
                             "type", "bridge", NULL) ||
      !_mfm_sim_live_run_ip (self, error, "-n", self->switch_netns, "link", "set", "br0", "up",
                             NULL))
    return NULL;

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      LiveDaemon *daemon = &self->daemons[i];

      if (!_mfm_sim_live_add_namespace (self, daemon->netns, error) ||
          !_mfm_sim_live_connect_to_switch (self, daemon->netns, daemon->iface, daemon->address,
                                            error))
        return NULL;
    }

  if (!_mfm_sim_live_add_namespace (self, self->client_netns, error) ||
      !_mfm_sim_live_connect_to_switch (self, self->client_netns, self->client_iface, NULL, error))
    return NULL;

  mfm_sim_live_bind_inventory (self, inventory);

  /* The daemons run the estate as it is from the start, so relationships that already have
   * scopes report live states before the first write. */
  if (!mfm_sim_live_apply (self, inventory, error))
    return NULL;

  g_debug ("live network %s: primary %s in %s, secondary %s in %s, client in %s",
           self->subnet,
           self->daemons[LIVE_PRIMARY].address, self->daemons[LIVE_PRIMARY].netns,
           self->daemons[LIVE_SECONDARY].address, self->daemons[LIVE_SECONDARY].netns,
           self->client_netns);

  return g_steal_pointer (&self);
}

gboolean
mfm_sim_live_apply (MfmSimLive    *self,
                    MfmInventory  *inventory,
                    GError       **error)
{
  g_autoptr(GPtrArray) configs = g_ptr_array_new_full (LIVE_N_DAEMONS, g_free);
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  mfm_sim_live_bind_inventory (self, inventory);

  /* Everything is checked before any daemon is touched. */
  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      LiveDaemon *daemon = &self->daemons[i];
      MfmServer *server;
      g_autofree char *check_path = NULL;
      gboolean accepted;

      char *config = _mfm_sim_live_build_daemon_config (self, inventory, daemon, error);

      if (config == NULL)
        return FALSE;
      g_ptr_array_add (configs, config);

      if (g_strcmp0 (config, daemon->running_config) == 0)
        continue;

      server = mfm_inventory_lookup_server (inventory, daemon->server_ref);
      check_path = g_strconcat (daemon->config_path, ".new", NULL);
      if (!g_file_set_contents (check_path, config, -1, error))
        return FALSE;

      accepted = _mfm_sim_live_check_config (self, check_path, mfm_server_get_name (server), error);
      if (!accepted)
        {
          g_unlink (check_path);
          return FALSE;
        }
    }

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      LiveDaemon *daemon = &self->daemons[i];
      g_autofree char *check_path = NULL;

      if (g_strcmp0 (g_ptr_array_index (configs, i), daemon->running_config) == 0)
        continue;

      check_path = g_strconcat (daemon->config_path, ".new", NULL);
      if (g_rename (check_path, daemon->config_path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write %s: %s"), daemon->config_path,
                       g_strerror (saved_errno));
          return FALSE;
        }

      _mfm_sim_live_daemon_stop (daemon);
      g_clear_pointer (&daemon->running_config, g_free);
      _mfm_sim_live_collect_peer_names (g_ptr_array_index (configs, i), daemon->peer_names);
      if (!_mfm_sim_live_daemon_start (self, daemon, error))
        return FALSE;

      daemon->running_config = g_steal_pointer (&configs->pdata[i]);
    }

  return TRUE;
}

/* The primary's view while it runs; the secondary's when the primary is down (its partner
 * is then what it reports, usually "Communications interrupted"). A running daemon that
 * has the peer configured but has not logged a state for it yet is starting up. */
char *
mfm_sim_live_dup_state (MfmSimLive *self,
                        const char *relationship_name)
{
  g_autoptr(GMutexLocker) locker = NULL;
  const LiveRole order[] = { LIVE_PRIMARY, LIVE_SECONDARY };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (relationship_name != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      LiveDaemon *daemon = &self->daemons[order[i]];
      const char *isc_state;

      if (!g_hash_table_contains (daemon->peer_names, relationship_name) ||
          !_mfm_sim_live_daemon_is_running (daemon))
        continue;

      _mfm_sim_live_daemon_update_states (daemon);
      isc_state = g_hash_table_lookup (daemon->peer_states, relationship_name);

      return g_strdup (isc_state != NULL ? _mfm_sim_live_micetro_state_name (isc_state)
                                         : "Startup");
    }

  return NULL;
}

GPid
mfm_sim_live_get_pid (MfmSimLive *self,
                      const char *server_ref)
{
  g_autoptr(GMutexLocker) locker = NULL;
  LiveDaemon *daemon;

  g_return_val_if_fail (self != NULL, 0);

  locker = g_mutex_locker_new (&self->lock);
  daemon = find_daemon (self, server_ref);
  if (daemon == NULL || !_mfm_sim_live_daemon_is_running (daemon))
    return 0;

  return daemon->dhcpd_pid;
}

gboolean
mfm_sim_live_restart (MfmSimLive  *self,
                      const char  *server_ref,
                      GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  LiveDaemon *daemon;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  daemon = find_daemon (self, server_ref);
  if (daemon == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s is not one of the live servers."), server_ref);
      return FALSE;
    }

  if (daemon->running_config == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The daemon of %s has no configuration yet."), server_ref);
      return FALSE;
    }

  _mfm_sim_live_daemon_stop (daemon);

  return _mfm_sim_live_daemon_start (self, daemon, error);
}

const char *
mfm_sim_live_get_client_netns (MfmSimLive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->client_netns;
}

/**
 * mfm_sim_live_get_client_iface:
 *
 * The client namespace's interface on the live network ("c0").
 */
const char *
mfm_sim_live_get_client_iface (MfmSimLive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->client_iface;
}

/**
 * mfm_sim_live_get_log_path:
 *
 * The file that collects what the daemon of @server_ref printed, over every restart.
 */
const char *
mfm_sim_live_get_log_path (MfmSimLive *self,
                           const char *server_ref)
{
  LiveDaemon *daemon;

  g_return_val_if_fail (self != NULL, NULL);

  daemon = find_daemon (self, server_ref);

  return daemon != NULL ? daemon->log_path : NULL;
}

/**
 * mfm_sim_live_get_config_path:
 *
 * The dhcpd.conf the daemon of @server_ref was last started with (`dhcpd -cf`).
 */
const char *
mfm_sim_live_get_config_path (MfmSimLive *self,
                              const char *server_ref)
{
  LiveDaemon *daemon;

  g_return_val_if_fail (self != NULL, NULL);

  daemon = find_daemon (self, server_ref);

  return daemon != NULL ? daemon->config_path : NULL;
}

void
mfm_sim_live_free (MfmSimLive *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      if (self->daemons[i].peer_states != NULL)
        _mfm_sim_live_daemon_stop (&self->daemons[i]);
    }

  if (self->namespaces != NULL)
    _mfm_sim_live_remove_namespaces (self);
  _mfm_sim_live_stop_reaper (self);

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    _mfm_sim_live_daemon_clear (&self->daemons[i]);

  g_clear_pointer (&self->namespaces, g_ptr_array_unref);
  g_free (self->work_dir);
  g_free (self->ip_path);
  g_free (self->timeout_path);
  g_free (self->switch_netns);
  g_free (self->client_netns);
  g_free (self->client_iface);
  g_free (self->network);
  g_free (self->netmask);
  g_free (self->subnet);
  g_free (self->scope_ref);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static gboolean
live_backend_apply (gpointer       data,
                    MfmInventory  *inventory,
                    GPtrArray     *server_refs,
                    GError       **error)
{
  return mfm_sim_live_apply (data, inventory, error);
}

static char *
live_backend_dup_state (gpointer    data,
                        const char *relationship_name)
{
  return mfm_sim_live_dup_state (data, relationship_name);
}

static const MfmSimulatorBackend live_backend = {
  .apply = live_backend_apply,
  .dup_state = live_backend_dup_state,
};

void
mfm_sim_live_attach (MfmSimLive   *self,
                     MfmSimulator *simulator)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (MFM_IS_SIMULATOR (simulator));

  mfm_simulator_add_backend (simulator, &live_backend, self, (GDestroyNotify) mfm_sim_live_free);
}
