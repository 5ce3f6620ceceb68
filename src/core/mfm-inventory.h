/* mfm-inventory.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-relationship.h"
#include "mfm-scope.h"
#include "mfm-server.h"

G_BEGIN_DECLS

#define MFM_TYPE_INVENTORY (mfm_inventory_get_type())

G_DECLARE_FINAL_TYPE (MfmInventory, mfm_inventory, MFM, INVENTORY, GObject)

/* What is known of one Micetro installation: its DHCP servers, failover relationships and
 * scopes. The lists are GListStores (properties "servers", "relationships", "scopes") so views
 * bind to them directly; lookups by ref and name are hashed. A relationship is stored once,
 * whichever server it was read from. The simulator keeps its data in one too. */
MfmInventory    *mfm_inventory_new                        (void);
GListModel      *mfm_inventory_get_servers                (MfmInventory    *self);
GListModel      *mfm_inventory_get_relationships          (MfmInventory    *self);
GListModel      *mfm_inventory_get_scopes                 (MfmInventory    *self);

/* Add or, when one with the same ref/name exists, update it in place (same object kept).
 * Returns the object now in the inventory (borrowed). */
MfmServer       *mfm_inventory_add_server                 (MfmInventory    *self,
                                                           MfmServer       *server);
MfmRelationship *mfm_inventory_add_relationship           (MfmInventory    *self,
                                                           MfmRelationship *relationship);
MfmScope        *mfm_inventory_add_scope                  (MfmInventory    *self,
                                                           MfmScope        *scope);
gboolean         mfm_inventory_remove_relationship        (MfmInventory    *self,
                                                           const char      *name);
gboolean         mfm_inventory_remove_scope               (MfmInventory    *self,
                                                           const char      *scope_ref);

/* Replace the whole list, updating objects that exist in place (keeps selections), adding new
 * ones and removing those not in @servers (element type MfmServer). */
void             mfm_inventory_replace_servers            (MfmInventory    *self,
                                                           GPtrArray       *servers);
void             mfm_inventory_replace_relationships      (MfmInventory    *self,
                                                           GPtrArray       *relationships);
/* Both replacements at once for a refresh of a large estate: the answer is compared with the
 * inventory in main-loop slices of a few milliseconds (taking turns with GTK's frames), then
 * each store changes in one splice, with the same result as
 * mfm_inventory_replace_servers() followed by mfm_inventory_replace_relationships(). NULL
 * leaves that list as it is. The inventory keeps references to the arrays until the end; the
 * objects it does not take are let go in a worker thread. Cancelling @cancellable, or a newer
 * call, ends this one with G_IO_ERROR_CANCELLED, the stores as they were unless the cancel
 * came after their one step. */
void             mfm_inventory_replace_async              (MfmInventory        *self,
                                                           GPtrArray           *servers,
                                                           GPtrArray           *relationships,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean         mfm_inventory_replace_finish             (MfmInventory        *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
/* Same, limited to the scopes of one server. */
void             mfm_inventory_replace_scopes_for_server  (MfmInventory    *self,
                                                           const char      *server_ref,
                                                           GPtrArray       *scopes);

MfmServer       *mfm_inventory_lookup_server              (MfmInventory    *self,
                                                           const char      *ref);
MfmServer       *mfm_inventory_lookup_server_by_name      (MfmInventory    *self,
                                                           const char      *name);
MfmRelationship *mfm_inventory_lookup_relationship        (MfmInventory    *self,
                                                           const char      *name);
MfmScope        *mfm_inventory_lookup_scope               (MfmInventory    *self,
                                                           const char      *ref);
/* The relationship's primary or secondary server: by ref, or by Micetro name when the ref is
 * unknown. NULL when the inventory does not have it. */
MfmServer       *mfm_inventory_lookup_primary_server      (MfmInventory    *self,
                                                           MfmRelationship *relationship);
MfmServer       *mfm_inventory_lookup_secondary_server    (MfmInventory    *self,
                                                           MfmRelationship *relationship);
/* The secondary's copy of a primary's scope: the scope on @server_ref with the same subnet. */
MfmScope        *mfm_inventory_lookup_scope_copy          (MfmInventory    *self,
                                                           MfmScope        *scope,
                                                           const char      *server_ref);

/* New arrays (element types as named) of what belongs to one server. */
GPtrArray       *mfm_inventory_get_scopes_for_server      (MfmInventory    *self,
                                                           const char      *server_ref);
GPtrArray       *mfm_inventory_get_relationships_for_server (MfmInventory  *self,
                                                           const char      *server_ref);
/* Recomputes every server's "relationship-count". */
void             mfm_inventory_update_counts              (MfmInventory    *self);

G_END_DECLS
