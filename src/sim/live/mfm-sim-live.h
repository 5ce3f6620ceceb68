/* mfm-sim-live.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-inventory.h"
#include "mfm-simulator.h"

G_BEGIN_DECLS

/* Live mode: two ISC servers of the simulator's estate bound to real dhcpd processes, each in
 * a network namespace of its own joined by veth, with a third namespace for a DHCP client.
 * Every address exists only inside those namespaces. */
typedef struct _MfmSimLive MfmSimLive;

/* TRUE when this process may create network namespaces and dhcpd is installed; otherwise
 * FALSE with a sentence saying why in @reason. */
gboolean    mfm_sim_live_is_supported  (char            **reason);
/* Creates the namespaces and links under @work_dir (configs, leases, logs, pid files).
 * The two servers get the namespace addresses, which replace their addresses in @inventory,
 * and the daemons start with the estate's configuration as it is (see mfm_sim_live_apply()). */
MfmSimLive *mfm_sim_live_new           (const char       *work_dir,
                                        MfmInventory     *inventory,
                                        const char       *primary_ref,
                                        const char       *secondary_ref,
                                        GError          **error);
/* Writes both configurations from @inventory, checks each with `dhcpd -t`, and (re)starts the
 * daemons. A rejected configuration is an error and leaves the running daemons alone. */
gboolean    mfm_sim_live_apply         (MfmSimLive       *self,
                                        MfmInventory     *inventory,
                                        GError          **error);
/* The relationship's state as the primary's daemon reports it ("Normal",
 * "Communications interrupted", …), or NULL when the daemons know nothing of it. */
char       *mfm_sim_live_dup_state     (MfmSimLive       *self,
                                        const char       *relationship_name);
/* PID of the dhcpd serving @server_ref, or 0. Tests kill it to see the state change. */
GPid        mfm_sim_live_get_pid       (MfmSimLive       *self,
                                        const char       *server_ref);
/* Restarts the daemon of @server_ref (after a test killed it). */
gboolean    mfm_sim_live_restart       (MfmSimLive       *self,
                                        const char       *server_ref,
                                        GError          **error);
/* Name of the namespace a DHCP client can run in. */
const char *mfm_sim_live_get_client_netns (MfmSimLive    *self);
/* Gives the two servers their namespace addresses in @inventory and adds the live scope to
 * the primary when it has none. new() does it on the inventory it is given and apply() on
 * its own, so a simulator that keeps a copy of its estate is bound at its first write at the
 * latest; call it on that copy to be bound from the start. */
void        mfm_sim_live_bind_inventory (MfmSimLive   *self,
                                         MfmInventory *inventory);
/* The primary's scope for the namespaces' network (a 10.99.x.0/24 scope with a pool the primary
 * already had, or one added as "dhcpScopes/99NN"): add it to a relationship to have the daemons
 * serve it. And that network in CIDR notation. */
const char *mfm_sim_live_get_scope_ref (MfmSimLive       *self);
const char *mfm_sim_live_get_subnet    (MfmSimLive       *self);
/* The client namespace's interface on the live network ("c0"). */
const char *mfm_sim_live_get_client_iface (MfmSimLive    *self);
/* Everything the daemon of @server_ref printed, over all its restarts. */
const char *mfm_sim_live_get_log_path  (MfmSimLive       *self,
                                        const char       *server_ref);
/* The configuration file the daemon of @server_ref was last started with. */
const char *mfm_sim_live_get_config_path (MfmSimLive     *self,
                                          const char     *server_ref);
/* Hands @self to @simulator, which owns it from then on: after every write the daemons get
 * the estate (a rejected configuration rolls the write back and becomes an API error), and the
 * state they report replaces a relationship's state in every answer. Call before it starts. */
void        mfm_sim_live_attach        (MfmSimLive       *self,
                                        MfmSimulator     *simulator);
/* Kills every daemon and removes the namespaces. */
void        mfm_sim_live_free          (MfmSimLive       *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmSimLive, mfm_sim_live_free)

G_END_DECLS
