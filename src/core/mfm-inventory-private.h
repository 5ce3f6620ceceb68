/* mfm-inventory-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-inventory.h"

G_BEGIN_DECLS

/* Shared by mfm-inventory.c and mfm-inventory-replace.c. */
struct _MfmInventory
{
  GObject     parent_instance;

  GListStore *servers;
  GListStore *relationships;
  GListStore *scopes;

  /* Borrowed values; the stores own the objects. Keys are owned strings. */
  GHashTable *servers_by_ref;
  GHashTable *servers_by_name;      /* normalised: lower case, no trailing dot */
  GHashTable *relationships_by_name;
  GHashTable *scopes_by_ref;

  /* Indexes rebuilt on first use after a change they cannot follow; values are GPtrArrays of
   * borrowed objects in store order. */
  GHashTable *scopes_by_subnet;         /* "server-ref\nsubnet" */
  GHashTable *scopes_by_server;         /* server ref */
  GHashTable *relationships_by_server;  /* server ref */
  guint       relationship_serial;      /* mfm_relationship_sides_serial() when built */
  guint       counts_serial;            /* the same when the counts were made */
  guint       scope_index_dirty : 1;
  guint       relationship_index_dirty : 1;
  guint       counts_dirty : 1;         /* a server or relationship came, went or moved */

  /* Bumped by every change made outside mfm_inventory_replace_async(): a comparison made
   * before it is no longer what the stores hold. */
  guint       stamp;
  guint       slice_size;               /* tests: objects per slice, 0 for the time budget */
  GTask      *replacing;                /* borrowed: the mfm_inventory_replace_async() running */
};

/* What _mfm_inventory_forget_server() and the scope pruning keep and tell. */
typedef struct
{
  MfmInventory *self;
  GHashTable   *keep;
  const char   *server_ref;   /* only scopes of this server are candidates for removal */
  gboolean      forgot;
} PruneData;

MfmServer       *_mfm_inventory_register_server         (MfmInventory    *self,
                                                         MfmServer       *server,
                                                         gboolean        *renamed);
void             _mfm_inventory_take_new_server         (MfmInventory    *self,
                                                         MfmServer       *server,
                                                         char            *ref_key,
                                                         char            *name_key);
MfmRelationship *_mfm_inventory_register_relationship   (MfmInventory    *self,
                                                         MfmRelationship *relationship);
void             _mfm_inventory_forget_server           (gpointer         item,
                                                         gpointer         user_data);
void             _mfm_inventory_forget_relationship     (gpointer         item,
                                                         gpointer         user_data);
void             _mfm_inventory_rebuild_server_names    (MfmInventory    *self);
void             _mfm_inventory_take_server_names       (MfmInventory    *self,
                                                         GHashTable      *names);
void             _mfm_inventory_take_server_lookups     (MfmInventory    *self,
                                                         GHashTable      *refs,
                                                         GHashTable      *names);
void             _mfm_inventory_take_relationship_lookup (MfmInventory   *self,
                                                          GHashTable     *names);
void             _mfm_inventory_update_counts_if_needed (MfmInventory    *self);


/* At most @n_objects compared per slice of mfm_inventory_replace_async() (0: only the time
 * budget), so that tests can see what happens between slices on a small estate. */
void     _mfm_inventory_set_slice_size (MfmInventory *self,
                                        guint         n_objects);
/* Whether an mfm_inventory_replace_async() is comparing or about to change the stores. */
gboolean _mfm_inventory_is_replacing   (MfmInventory *self);

G_END_DECLS
