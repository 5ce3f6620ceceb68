/* mfm-simulator.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-inventory.h"

G_BEGIN_DECLS

#define MFM_TYPE_SIMULATOR (mfm_simulator_get_type())

/* The longest "latency-ms": ten minutes. */
#define MFM_SIMULATOR_MAX_LATENCY_MS 600000

G_DECLARE_FINAL_TYPE (MfmSimulator, mfm_simulator, MFM, SIMULATOR, GObject)

/* A Micetro server on loopback, so that the application can be tried and tested without a
 * Micetro install. It runs its SoupServer in a thread of its own with its own GMainContext, so
 * it can live in the application (Try the demo), in a test next to a client on the default
 * context, or in the mfm-simulator executable. Its properties are documented next to their
 * pspecs. Users: admin/admin (all rights) and viewer/viewer (read-only: error 1028 on writes). */
MfmSimulator *mfm_simulator_new             (void);
#define MFM_SIMULATOR_DIALECT_DOCUMENTED "documented"
#define MFM_SIMULATOR_DIALECT_ALT        "alt"

/* The names it speaks (call before start): "documented" (the default: the vendor's documented
 * names and the inferred peerPort and state; scopes with rangeRef, networks through GetRange) or
 * "alt" (partnerPort, no state member, the network as "range" on the scope, and
 * failoverServerType and safePeriod on every relationship). FALSE with an error for another. */
gboolean      mfm_simulator_set_dialect     (MfmSimulator  *self,
                                             const char    *name,
                                             GError       **error);
/* The built-in demo estate. */
void          mfm_simulator_load_demo       (MfmSimulator  *self);
/* A deterministic estate of the given size from @seed (ISC and other servers, scopes with
 * pools, relationships in several states). */
void          mfm_simulator_generate        (MfmSimulator  *self,
                                             guint          n_servers,
                                             guint          n_relationships,
                                             guint          n_scopes,
                                             guint          seed);
/* A dataset file: {"dhcpServers":[…], "dhcpScopes":[…] (with "pools"), "dhcpFailoverRelationships":[…]}
 * in the wire format. */
gboolean      mfm_simulator_load_file       (MfmSimulator  *self,
                                             const char    *path,
                                             GError       **error);
/* Listens on 127.0.0.1:@port (0 picks a free one) and starts serving in its thread. */
gboolean      mfm_simulator_start           (MfmSimulator  *self,
                                             guint          port,
                                             GError       **error);
void          mfm_simulator_stop            (MfmSimulator  *self);
/* "http://127.0.0.1:PORT" (or https), valid after start. */
const char   *mfm_simulator_get_url         (MfmSimulator  *self);
guint         mfm_simulator_get_port        (MfmSimulator  *self);
/* Lets @n_ok_before write commands through, then fails the next @n_failures write commands
 * (HTTP 200 with JSON-RPC error 19, nothing changed), so tests inject a failure at a precise
 * call; thread-safe. */
void          mfm_simulator_fail_next_writes (MfmSimulator *self,
                                             guint          n_ok_before,
                                             guint          n_failures);
/* Lets @n_ok_before write commands (only @method ones when it is not NULL) be carried out
 * and answered, then carries out the next one and closes its connection without an answer,
 * as a connection reset after the server applied a request does; once. Thread-safe. */
void          mfm_simulator_reset_after_write (MfmSimulator *self,
                                             const char    *method,
                                             guint          n_ok_before);
/* Expire every session now (tests of the re-login path); thread-safe. */
void          mfm_simulator_expire_sessions (MfmSimulator  *self);
/* Sets the failover state text a relationship reports (e.g. "Communications interrupted");
 * thread-safe. */
void          mfm_simulator_set_relationship_state (MfmSimulator *self,
                                             const char    *name,
                                             const char    *state);
/* Adds servers as if someone had added them in Micetro (@servers: MfmServer, copied; a ref
 * already there updates that server); thread-safe. Tests and benchmarks of a refresh. */
void          mfm_simulator_add_servers     (MfmSimulator  *self,
                                             GPtrArray     *servers);
/* A snapshot copy of the simulator's data (thread-safe). */
MfmInventory *mfm_simulator_dup_inventory   (MfmSimulator  *self);
/* The simulator's own data (borrowed). Only safe before mfm_simulator_start(): live mode
 * binds two of its servers with it. */
MfmInventory *mfm_simulator_get_inventory   (MfmSimulator  *self);
/* Every call of @method (a command name, NULL for none) fails on the server's side, HTTP 500
 * with JSON-RPC's internal error, while the other commands work; thread-safe. */
void          mfm_simulator_fail_method     (MfmSimulator  *self,
                                             const char    *method);
/* Test controls for the health checks: remove @server_ref's copy of the scope of @subnet (as
 * if it was deleted on that server only), or give the first pool of that copy another range.
 * FALSE when the server has no such scope (or it has no pool). */
gboolean      mfm_simulator_drop_scope      (MfmSimulator  *self,
                                             const char    *server_ref,
                                             const char    *subnet);
gboolean      mfm_simulator_set_pool_range  (MfmSimulator  *self,
                                             const char    *server_ref,
                                             const char    *subnet,
                                             const char    *start,
                                             const char    *end);

/* Something outside the simulator that follows its estate: dhcpd configuration files checked
 * with `dhcpd -t`, or real dhcpd processes (both in src/sim/live, which installs them through
 * mfm_simulator_add_backend(), so the simulator itself never starts a process). Every function
 * runs with the simulator's lock held (so it must not call the simulator back) and may be NULL.
 *
 * - start: in mfm_simulator_start(), with the whole estate; a FALSE is only logged as a warning.
 * - apply: after every write, with the refs of the servers whose configuration may have
 *   changed. FALSE with @error refuses the write: it is rolled back and the caller gets
 *   JSON-RPC error 19 quoting @error. A later backend is then not asked.
 * - revert: after any write was rolled back, with the estate as it is again.
 * - dup_state: the state of a relationship as the backend sees it, or NULL when it does not
 *   know. A backend with this function turns off the cache of relationship answers, since the
 *   state may change at any time. */
typedef struct
{
  gboolean  (*start)     (gpointer       data,
                          MfmInventory  *inventory,
                          GError       **error);
  gboolean  (*apply)     (gpointer       data,
                          MfmInventory  *inventory,
                          GPtrArray     *server_refs,
                          GError       **error);
  void      (*revert)    (gpointer       data,
                          MfmInventory  *inventory,
                          GPtrArray     *server_refs);
  char     *(*dup_state) (gpointer       data,
                          const char    *relationship_name);
} MfmSimulatorBackend;

/* Adds a backend (@backend is not copied: it must stay valid, usually a static table), asked
 * after the ones added before. @destroy frees @data when the simulator is finalised. A list,
 * not one slot, because checked files and live daemons can follow one estate together. Call
 * before mfm_simulator_start(). */
void          mfm_simulator_add_backend     (MfmSimulator              *self,
                                             const MfmSimulatorBackend *backend,
                                             gpointer                   data,
                                             GDestroyNotify             destroy);

G_END_DECLS
