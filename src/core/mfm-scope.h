/* mfm-scope.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One address pool of a scope. "failover_peer" is the relationship its pool statement
 * references, or NULL. */
typedef struct
{
  char *start;
  char *end;
  char *failover_peer;
} MfmAddressPool;

#define MFM_TYPE_ADDRESS_POOL (mfm_address_pool_get_type ())
GType           mfm_address_pool_get_type (void) G_GNUC_CONST;
MfmAddressPool *mfm_address_pool_new      (const char           *start,
                                           const char           *end,
                                           const char           *failover_peer);
MfmAddressPool *mfm_address_pool_copy     (const MfmAddressPool *pool);
void            mfm_address_pool_free     (MfmAddressPool       *pool);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmAddressPool, mfm_address_pool_free)

#define MFM_TYPE_SCOPE (mfm_scope_get_type())

G_DECLARE_FINAL_TYPE (MfmScope, mfm_scope, MFM, SCOPE, GObject)

/* A DHCP scope (an ISC subnet) on one server. Properties: "ref" ("dhcpScopes/77"), "name",
 * "server-ref", "subnet" (CIDR, "10.1.20.0/24"), "description", "enabled",
 * "pool-count" (read-only), "relationship-name" (read-only: the failover peer of the first pool
 * that has one, as Micetro does, or NULL). */
MfmScope   *mfm_scope_new                   (const char     *ref,
                                             const char     *name,
                                             const char     *server_ref,
                                             const char     *subnet);
const char *mfm_scope_get_ref               (MfmScope       *self);
const char *mfm_scope_get_name              (MfmScope       *self);
const char *mfm_scope_get_server_ref        (MfmScope       *self);
const char *mfm_scope_get_subnet            (MfmScope       *self);
const char *mfm_scope_get_description       (MfmScope       *self);
void        mfm_scope_set_description       (MfmScope       *self,
                                             const char     *description);
gboolean    mfm_scope_get_enabled           (MfmScope       *self);
void        mfm_scope_set_enabled           (MfmScope       *self,
                                             gboolean        enabled);
/* Element type MfmAddressPool, owned by the scope. */
GPtrArray  *mfm_scope_get_pools             (MfmScope       *self);
void        mfm_scope_add_pool              (MfmScope       *self,
                                             const char     *start,
                                             const char     *end,
                                             const char     *failover_peer);
void        mfm_scope_clear_pools           (MfmScope       *self);
guint       mfm_scope_get_pool_count        (MfmScope       *self);
const char *mfm_scope_get_relationship_name (MfmScope       *self);
/* Sets (or with NULL clears) the failover peer of every pool. */
void        mfm_scope_set_failover_peer     (MfmScope       *self,
                                             const char     *relationship_name);
/* Network address and dotted netmask of "subnet"; FALSE when it is not a valid IPv4 CIDR. */
gboolean    mfm_scope_get_network           (MfmScope       *self,
                                             char          **network,
                                             char          **netmask);
/* The network may be learnt after the scope was read (from its Range), so it can be set; NULL
 * means unknown. "range-ref" is the IPAM Range the scope belongs to, or NULL. */
void        mfm_scope_set_subnet            (MfmScope       *self,
                                             const char     *subnet);
const char *mfm_scope_get_range_ref         (MfmScope       *self);
void        mfm_scope_set_range_ref         (MfmScope       *self,
                                             const char     *range_ref);
MfmScope   *mfm_scope_copy                  (MfmScope       *self);
/* Copies every property and the pools of @other into @self, notifying only what changed, so a
 * refresh updates rows in place. */
void        mfm_scope_update_from           (MfmScope       *self,
                                             MfmScope       *other);

G_END_DECLS
