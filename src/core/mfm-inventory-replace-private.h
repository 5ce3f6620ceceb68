/* mfm-inventory-replace-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-inventory.h"

G_BEGIN_DECLS

/* What mfm_inventory_replace_async() keeps between its slices; shared by the comparison
 * (mfm-inventory-replace.c) and the relationship counts made for the stores as they will be
 * (mfm-inventory-replace-counts.c). */
typedef enum
{
  STEP_SERVERS,
  STEP_SERVERS_GONE,
  STEP_RELATIONSHIPS,
  STEP_RELATIONSHIPS_GONE,
  STEP_NAMES,
  STEP_COUNTS,
  STEP_COUNT_CHANGES,
  STEP_APPLY,
  STEP_RETURN,
} ReplaceStep;

typedef struct
{
  GPtrArray   *servers;                 /* the answer, NULL: kept as it is */
  GPtrArray   *relationships;
  guint        stamp;                   /* the inventory's when the comparison began */
  guint        sides_serial;            /* mfm_relationship_sides_serial() then */
  ReplaceStep  step;
  guint        next;                    /* the next index within the step */
  GHashTable  *seen;                    /* refs and names of the answer, to find repeats */
  GHashTable  *matched;                 /* objects of the stores that the answer has */
  GPtrArray   *server_updates;          /* objects of the answer that are new or changed */
  GPtrArray   *server_keys;             /* per update: its ref and normalised name when it is
                                         * new (made in the slices), NULL and NULL if not */
  GPtrArray   *relationship_updates;
  GArray      *servers_gone;            /* store positions, ascending */
  GArray      *relationships_gone;
  /* The relationship counts the stores will need once changed, made in slices rather than
   * recounted in the one step that changes them. */
  GHashTable  *new_servers;             /* ref → a new server of the answer */
  GHashTable  *new_names;               /* normalised name → the last new server with it */
  /* A first load (the stores and lookups empty when it began): the lookups are made whole in
   * the slices, owning their keys, and the inventory takes them as they are. */
  gboolean     first_servers;
  gboolean     first_relationships;
  GHashTable  *new_relationships;       /* name → relationship, on a first load only */
  GHashTable  *renamed;                 /* a server of the stores → its answer, new name */
  gboolean     sides_moved;             /* a relationship kept changes (or fills in) a side */
  gboolean     recount;                 /* the counts are made in the slices */
  GHashTable  *names;                   /* servers_by_name as it will be, when servers go or
                                         * are renamed; NULL when it only grows */
  guint        next_gone;               /* the next of servers_gone while walking the store */
  GHashTable  *counts;                  /* server as it will be → its relationships */
  GPtrArray   *count_changes;           /* server, count: what differs from now */
  gboolean     one_shot;                /* the slices could not follow: replace in one go */
  guint        source_id;
} ReplaceOp;

gboolean _mfm_replace_sides_move          (MfmRelationship *existing,
                                           MfmRelationship *relationship);
void     _mfm_replace_plan_counts         (MfmInventory    *self,
                                           ReplaceOp       *op);
void     _mfm_replace_count_relationship  (MfmInventory    *self,
                                           ReplaceOp       *op,
                                           MfmRelationship *relationship);
void     _mfm_replace_name_server         (MfmInventory    *self,
                                           ReplaceOp       *op,
                                           guint            i,
                                           guint            n_store);
void     _mfm_replace_note_count_change   (MfmInventory    *self,
                                           ReplaceOp       *op,
                                           guint            i,
                                           guint            n_store);
void     _mfm_replace_apply_counts        (MfmInventory    *self,
                                           ReplaceOp       *op);

G_END_DECLS
