/* mfm-sim-live-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-sim-live.h"

G_BEGIN_DECLS

/* What the files of MfmSimLive share: its struct, one daemon's state, and the helpers of
 * each file. Only src/sim/live includes it. */

#define DHCPD_PATH            "/usr/sbin/dhcpd"
#define DAEMON_LIFETIME       "3600"
#define CHECK_TIMEOUT         "10"
#define PRIMARY_HOST          1
#define SECONDARY_HOST        2
#define POOL_FIRST_HOST       100
#define POOL_LAST_HOST        199
#define STOP_GRACE_USEC       (2 * G_USEC_PER_SEC)
#define START_WAIT_USEC       (3 * G_USEC_PER_SEC)
#define POLL_USEC             (10 * 1000)

typedef enum
{
  LIVE_PRIMARY,
  LIVE_SECONDARY,
  LIVE_N_DAEMONS,
} LiveRole;

typedef struct
{
  char       *server_ref;
  char       *netns;
  char       *iface;
  char       *address;
  char       *config_path;
  char       *lease_path;
  char       *pid_path;
  char       *log_path;
  /* The configuration the daemon runs with; NULL until the first start. */
  char       *running_config;
  /* The `timeout` process (our child) and the dhcpd it runs. */
  GPid        launcher_pid;
  GPid        dhcpd_pid;
  /* Log parsing of the current run: where it starts, how far it is read, and the last state
   * seen for each failover peer (name → ISC state name). */
  goffset     run_offset;
  goffset     parsed_offset;
  GHashTable *peer_states;
  /* Failover peers declared in running_config. */
  GHashTable *peer_names;
} LiveDaemon;

struct _MfmSimLive
{
  GMutex      lock;
  char       *work_dir;
  char       *ip_path;
  char       *timeout_path;
  char       *switch_netns;
  char       *client_netns;
  char       *client_iface;
  /* Namespaces that exist, in creation order, so cleanup removes exactly those. */
  GPtrArray  *namespaces;
  char       *network;          /* "10.99.7.0" */
  char       *netmask;          /* "255.255.255.0" */
  char       *subnet;           /* "10.99.7.0/24" */
  char       *scope_ref;
  LiveDaemon  daemons[LIVE_N_DAEMONS];
  /* A watchdog that removes the namespaces and kills what runs in them if this process dies
   * without calling mfm_sim_live_free() (a crashed test): it waits for EOF on a pipe whose
   * write end only this process holds. */
  GPid        reaper_pid;
  int         reaper_fd;
};


/* mfm-sim-netns.c: commands, `ip`, the namespaces and their links, child processes. */

/* @name on the PATH, or @fallback when that is executable; NULL otherwise. */
char     *_mfm_sim_live_find_tool          (const char          *name,
                                            const char          *fallback);
/* Runs @argv to completion; on failure @error carries the command's own message. */
gboolean  _mfm_sim_live_run_command        (const char * const  *argv,
                                            char               **out_stderr,
                                            GError             **error);
/* Runs `ip` with the NULL-terminated arguments after @error. */
gboolean  _mfm_sim_live_run_ip             (MfmSimLive          *self,
                                            GError             **error,
                                            ...) G_GNUC_NULL_TERMINATED;
/* A zombie counts as gone: it is only waiting for its parent. */
gboolean  _mfm_sim_live_process_is_running (GPid                 pid);
/* Reaps @pid if it has exited; TRUE while it runs. */
gboolean  _mfm_sim_live_child_is_running   (GPid                *pid);
/* FALSE when @pid still runs after @timeout_usec. */
gboolean  _mfm_sim_live_wait_for_child     (GPid                *pid,
                                            gint64               timeout_usec);
/* Kills what runs in each namespace of @self and deletes them, newest first. */
void      _mfm_sim_live_remove_namespaces  (MfmSimLive          *self);
/* Starts the watchdog that removes @netns_list if this process dies without
 * mfm_sim_live_free(); stop_reaper() ends it. */
void      _mfm_sim_live_start_reaper       (MfmSimLive          *self,
                                            const char          *netns_list[],
                                            guint                n_netns);
void      _mfm_sim_live_stop_reaper        (MfmSimLive          *self);
/* Creates the namespace @name and records it for cleanup. */
gboolean  _mfm_sim_live_add_namespace      (MfmSimLive          *self,
                                            const char          *name,
                                            GError             **error);
/* A veth pair from the bridge into @netns, named @iface there, with @address/24 when given. */
gboolean  _mfm_sim_live_connect_to_switch  (MfmSimLive          *self,
                                            const char          *netns,
                                            const char          *iface,
                                            const char          *address,
                                            GError             **error);

/* mfm-sim-daemon.c: one dhcpd daemon, its log and the failover states it reports. */

/* Micetro's name for an ISC failover state ("normal" → "Normal"), "Unknown" for others. */
const char *_mfm_sim_live_micetro_state_name   (const char  *isc_state);
gboolean    _mfm_sim_live_daemon_is_running    (LiveDaemon  *daemon);
/* SIGTERM, then SIGKILL after a grace period. */
void        _mfm_sim_live_daemon_stop          (LiveDaemon  *daemon);
/* Starts dhcpd in the daemon's namespace and waits until it serves or dies. */
gboolean    _mfm_sim_live_daemon_start         (MfmSimLive  *self,
                                                LiveDaemon  *daemon,
                                                GError     **error);
/* Reads what the daemon logged since the last call and keeps the last state of each peer. */
void        _mfm_sim_live_daemon_update_states (LiveDaemon  *daemon);
/* Frees what @daemon holds. */
void        _mfm_sim_live_daemon_clear         (LiveDaemon  *daemon);

/* mfm-sim-daemon-config.c: a daemon's configuration and its `dhcpd -t` check. */

/* Runs `dhcpd -t` on @path; a rejection names @server_name and says what dhcpd found. */
gboolean  _mfm_sim_live_check_config        (MfmSimLive    *self,
                                             const char    *path,
                                             const char    *server_name,
                                             GError       **error);
/* Peer names declared in @config: `failover peer "NAME" {`, into @names. */
void      _mfm_sim_live_collect_peer_names  (const char    *config,
                                             GHashTable    *names);
/* The configuration @inventory renders for @daemon's server, with what a daemon in a
 * namespace needs added at its end. */
char     *_mfm_sim_live_build_daemon_config (MfmSimLive    *self,
                                             MfmInventory  *inventory,
                                             LiveDaemon    *daemon,
                                             GError       **error);

G_END_DECLS
