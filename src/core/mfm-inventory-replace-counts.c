/* mfm-inventory-replace-counts.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The relationship counts of mfm_inventory_replace_async(), made in its slices for the stores
 * as they will be once changed (new servers, servers gone, names made again), so that the step
 * that changes the stores only sets the counts that differ. */

#define G_LOG_DOMAIN "mfm-inventory"

#include "config.h"

#include "mfm-inventory.h"
#include "mfm-inventory-private.h"
#include "mfm-inventory-replace-private.h"
#include "mfm-util-private.h"

/* Whether keeping @existing with the sides of @relationship can change what it is counted
 * for; a side missing before is counted as a change, as the inventory does. */
gboolean
_mfm_replace_sides_move (MfmRelationship *existing,
                         MfmRelationship *relationship)
{
  const char *before[4] = {
    mfm_relationship_get_primary_server (existing),
    mfm_relationship_get_secondary_server (existing),
    mfm_relationship_get_primary_server_ref (existing),
    mfm_relationship_get_secondary_server_ref (existing),
  };
  const char *after[4] = {
    mfm_relationship_get_primary_server (relationship),
    mfm_relationship_get_secondary_server (relationship),
    mfm_relationship_get_primary_server_ref (relationship),
    mfm_relationship_get_secondary_server_ref (relationship),
  };

  for (guint i = 0; i < G_N_ELEMENTS (before); i++)
    {
      if (before[i] == NULL || g_strcmp0 (before[i], after[i]) != 0)
        return TRUE;
    }

  return FALSE;
}

/* Whether the counts must be made again, as mfm_inventory_update_counts() would after the
 * stores change; if so, the lookups by name are made as they will be when servers go or are
 * renamed (as _mfm_inventory_rebuild_server_names() would make them). */
void
_mfm_replace_plan_counts (MfmInventory *self,
                          ReplaceOp    *op)
{
  gboolean names_change = g_hash_table_size (op->renamed) > 0 || op->servers_gone->len > 0;

  op->recount = !op->one_shot &&
                (self->counts_dirty || self->counts_serial != mfm_relationship_sides_serial () ||
                 names_change || g_hash_table_size (op->new_servers) > 0 || op->sides_moved ||
                 op->relationships_gone->len > 0);
  if (op->recount && names_change)
    op->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->counts = g_hash_table_new (NULL, NULL);
  op->count_changes = g_ptr_array_new ();
}

/* The server a relationship's side will resolve to once the stores change: by ref, then by
 * name, as mfm_inventory_lookup_primary_server() does. */
static MfmServer *
lookup_side (MfmInventory *self,
             ReplaceOp    *op,
             const char   *ref,
             const char   *name)
{
  g_autofree char *key = NULL;
  MfmServer *server = NULL;

  if (ref != NULL)
    {
      server = g_hash_table_lookup (self->servers_by_ref, ref);
      if (op->servers != NULL)
        {
          /* Kept only if the answer has it; a new one is the answer's. */
          if (server != NULL && !g_hash_table_contains (op->matched, server))
            server = NULL;
          if (server == NULL)
            server = g_hash_table_lookup (op->new_servers, ref);
        }
      if (server != NULL)
        return server;
    }

  if (name == NULL)
    return NULL;

  key = mfm_normalise_server_name (name);
  if (op->names != NULL)
    return g_hash_table_lookup (op->names, key);
  if (op->servers != NULL)
    server = g_hash_table_lookup (op->new_names, key);
  if (server == NULL)
    server = g_hash_table_lookup (self->servers_by_name, key);

  return server;
}

void
_mfm_replace_count_relationship (MfmInventory    *self,
                                 ReplaceOp       *op,
                                 MfmRelationship *relationship)
{
  MfmServer *sides[2];

  sides[0] = lookup_side (self, op, mfm_relationship_get_primary_server_ref (relationship),
                          mfm_relationship_get_primary_server (relationship));
  sides[1] = lookup_side (self, op, mfm_relationship_get_secondary_server_ref (relationship),
                          mfm_relationship_get_secondary_server (relationship));
  for (guint s = 0; s < 2; s++)
    {
      if (sides[s] == NULL || (s == 1 && sides[1] == sides[0]))
        continue;
      g_hash_table_insert (op->counts, sides[s],
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (op->counts, sides[s])) + 1));
    }
}

/* Whether the server at @position of the store goes; positions come in ascending order. */
static gboolean
next_is_gone (ReplaceOp *op,
              guint      position)
{
  if (op->next_gone < op->servers_gone->len &&
      g_array_index (op->servers_gone, guint, op->next_gone) == position)
    {
      op->next_gone++;
      return TRUE;
    }

  return FALSE;
}

/* The server at @i of the stores as they will be (the store without what goes, then the new
 * ones), NULL for one that goes. */
static MfmServer *
server_after (MfmInventory *self,
              ReplaceOp    *op,
              guint         i,
              guint         n_store)
{
  MfmServer *server;

  if (i >= n_store)
    {
      guint update = i - n_store;

      /* Only the new ones have keys; on a first load every one is new. */
      if (!op->first_servers && op->server_keys->pdata[2 * update] == NULL)
        return NULL;
      return g_ptr_array_index (op->server_updates, update);
    }

  if (next_is_gone (op, i))
    return NULL;

  /* Borrowed: the store keeps it. */
  server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);
  g_object_unref (server);
  return server;
}

void
_mfm_replace_name_server (MfmInventory *self,
                          ReplaceOp    *op,
                          guint         i,
                          guint         n_store)
{
  MfmServer *server = server_after (self, op, i, n_store);
  MfmServer *answer;
  char *key;

  if (server == NULL)
    return;

  answer = g_hash_table_lookup (op->renamed, server);
  key = mfm_normalise_server_name (mfm_server_get_name (answer != NULL ? answer : server));
  if (key != NULL)
    g_hash_table_insert (op->names, key, server);
}

void
_mfm_replace_note_count_change (MfmInventory *self,
                                ReplaceOp    *op,
                                guint         i,
                                guint         n_store)
{
  MfmServer *server = server_after (self, op, i, n_store);
  guint count;

  if (server == NULL)
    return;

  count = GPOINTER_TO_UINT (g_hash_table_lookup (op->counts, server));
  /* A new server is in no store yet: nobody shows its count, which it can take now. */
  if (i >= n_store)
    mfm_server_set_relationship_count (server, count);
  else if (mfm_server_get_relationship_count (server) != count)
    {
      g_ptr_array_add (op->count_changes, server);
      g_ptr_array_add (op->count_changes, GUINT_TO_POINTER (count));
    }
}

/* Sets the counts made in the slices: only those that differ from what the servers say. */
void
_mfm_replace_apply_counts (MfmInventory *self,
                           ReplaceOp    *op)
{
  for (guint i = 0; i < op->count_changes->len; i += 2)
    mfm_server_set_relationship_count (g_ptr_array_index (op->count_changes, i),
                                       GPOINTER_TO_UINT (g_ptr_array_index (op->count_changes, i + 1)));
  self->counts_dirty = FALSE;
  self->counts_serial = mfm_relationship_sides_serial ();
}
