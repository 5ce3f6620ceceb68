/* mfm-session-pending.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-session-pending"

#include "config.h"

#include "mfm-session.h"
#include "mfm-session-private.h"

/* The staged marks the tables show: each relationship's pending state and staged values, each
 * server's relationship count once saved, and the staged new relationships; kept in step with
 * the change set by touching only what it names now or named the last time. */

/* What a modified relationship will have once saved, for the tables to show; NULL when the
 * staged changes leave its values as they are. */
static void
update_staged_values (MfmSession      *self,
                      MfmRelationship *relationship,
                      MfmPendingState  state)
{
  g_autoptr(MfmRelationship) projected = NULL;
  MfmRelationship *staged = mfm_relationship_get_staged (relationship);

  if (state == MFM_PENDING_MODIFIED)
    projected = mfm_change_set_project (self->changes, mfm_relationship_get_name (relationship), relationship);

  if (projected != NULL && mfm_relationship_equal_settings (projected, relationship) &&
      g_strv_equal ((const char * const *)mfm_relationship_get_scope_refs (projected),
                    (const char * const *)mfm_relationship_get_scope_refs (relationship)))
    g_clear_object (&projected);

  /* The same values again keep the object, so the rows are not touched. */
  if (projected != NULL && staged != NULL && mfm_relationship_equal_settings (projected, staged) &&
      g_strv_equal ((const char * const *)mfm_relationship_get_scope_refs (projected),
                    (const char * const *)mfm_relationship_get_scope_refs (staged)))
    return;

  mfm_relationship_set_staged (relationship, projected);
}

static void
add_to_count (GHashTable *deltas,
              MfmServer  *server,
              int         delta)
{
  if (server != NULL)
    g_hash_table_insert (deltas, server,
                         GINT_TO_POINTER (GPOINTER_TO_INT (g_hash_table_lookup (deltas, server)) + delta));
}

/* Each server's relationship count once the staged adds and removals are saved: only the
 * servers of the relationships @names (the names the change set holds) and @added, and those
 * that had a staged count the last time, are touched. */
static void
update_staged_counts (MfmSession *self,
                      GHashTable *names,
                      GPtrArray  *added)
{
  g_autoptr(GHashTable) deltas = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) marked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      MfmRelationship *relationship = mfm_inventory_lookup_relationship (self->inventory, key);
      MfmServer *primary;
      MfmServer *secondary;

      if (relationship == NULL || mfm_relationship_get_pending_state (relationship) != MFM_PENDING_REMOVED)
        continue;
      primary = mfm_inventory_lookup_primary_server (self->inventory, relationship);
      secondary = mfm_inventory_lookup_secondary_server (self->inventory, relationship);
      add_to_count (deltas, primary, -1);
      if (secondary != primary)
        add_to_count (deltas, secondary, -1);
    }

  for (guint i = 0; i < added->len; i++)
    {
      MfmServer *primary = mfm_inventory_lookup_server (self->inventory,
                                                        mfm_relationship_get_primary_server_ref (g_ptr_array_index (added, i)));
      MfmServer *secondary = mfm_inventory_lookup_server (self->inventory,
                                                          mfm_relationship_get_secondary_server_ref (g_ptr_array_index (added, i)));

      add_to_count (deltas, primary, 1);
      if (secondary != primary)
        add_to_count (deltas, secondary, 1);
    }

  g_hash_table_iter_init (&iter, deltas);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      MfmServer *server = key;
      int delta = GPOINTER_TO_INT (value);

      if (delta == 0)
        continue;
      mfm_server_set_staged_relationship_count (server, (int)mfm_server_get_relationship_count (server) + delta);
      g_hash_table_add (marked, g_object_ref (server));
    }

  /* The others counted last time count as they are again (one that left the inventory too:
   * nothing shows it). */
  g_hash_table_iter_init (&iter, self->counts_marked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (marked, key))
        mfm_server_set_staged_relationship_count (key, -1);
    }

  g_hash_table_unref (self->counts_marked);
  self->counts_marked = g_steal_pointer (&marked);
}

/* The names of the relationships the staged changes concern, each once (borrowed from the
 * changes). */
static GHashTable *
dup_staged_names (MfmSession *self)
{
  GHashTable *names = g_hash_table_new (g_str_hash, g_str_equal);
  guint n = mfm_change_set_get_n_changes (self->changes);

  for (guint i = 0; i < n; i++)
    {
      const char *name = mfm_change_get_relationship_name (mfm_change_set_get_change (self->changes, i));

      if (name != NULL)
        g_hash_table_add (names, (gpointer) name);
    }

  return names;
}

/* Whether the session gave @relationship a pending state or staged values. */
static gboolean
relationship_is_marked (MfmRelationship *relationship)
{
  return mfm_relationship_get_pending_state (relationship) != MFM_PENDING_NONE ||
         mfm_relationship_get_staged (relationship) != NULL;
}

/* The badges follow the change set: the inventory relationships the change set names get
 * their pending state and staged values, those marked before that it no longer names (or
 * that left the inventory) are cleared, and the staged new ones are mirrored into
 * staged_new. The work follows what is staged, not the size of the estate: a relationship or
 * server a refresh keeps in place keeps its marks, the new objects start clear. */
void
_mfm_session_update_pending (MfmSession *self)
{
  g_autoptr(GPtrArray) added = NULL;
  g_autoptr(GHashTable) names = NULL;
  g_autoptr(GHashTable) marked = NULL;
  gboolean clear = mfm_change_set_get_n_changes (self->changes) == 0;
  GHashTableIter iter;
  gpointer key;

  /* Nothing staged now nor the last time: every relationship and server shows nothing
   * staged already and the objects a refresh brings start so. */
  if (clear && self->pending_clear)
    return;
  self->pending_clear = clear;

  names = dup_staged_names (self);
  marked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      MfmRelationship *relationship = mfm_inventory_lookup_relationship (self->inventory, key);
      MfmPendingState state;

      if (relationship == NULL)
        continue;
      state = mfm_change_set_get_pending_state (self->changes, key);
      /* A relationship on the server cannot be new: a staged add of the same name would fail. */
      if (state == MFM_PENDING_NEW)
        state = MFM_PENDING_MODIFIED;
      mfm_relationship_set_pending_state (relationship, state);
      update_staged_values (self, relationship, state);
      if (relationship_is_marked (relationship))
        g_hash_table_add (marked, g_object_ref (relationship));
    }

  g_hash_table_iter_init (&iter, self->pending_marked);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (marked, key))
        continue;
      mfm_relationship_set_pending_state (key, MFM_PENDING_NONE);
      update_staged_values (self, key, MFM_PENDING_NONE);
    }
  g_hash_table_unref (self->pending_marked);
  self->pending_marked = g_steal_pointer (&marked);

  added = mfm_change_set_get_added_relationships (self->changes);
  if (added == NULL)
    added = g_ptr_array_new ();

  /* Keep existing copies when the same names are staged, so rows are not rebuilt. */
  if (added->len == g_list_model_get_n_items (G_LIST_MODEL (self->staged_new)))
    {
      gboolean same = TRUE;

      for (guint i = 0; i < added->len && same; i++)
        {
          g_autoptr(MfmRelationship) shown = g_list_model_get_item (G_LIST_MODEL (self->staged_new), i);

          same = g_strcmp0 (mfm_relationship_get_name (shown),
                            mfm_relationship_get_name (g_ptr_array_index (added, i))) == 0;
        }

      if (same)
        {
          for (guint i = 0; i < added->len; i++)
            {
              g_autoptr(MfmRelationship) shown = g_list_model_get_item (G_LIST_MODEL (self->staged_new), i);

              mfm_relationship_update_from (shown, g_ptr_array_index (added, i));
              mfm_relationship_set_pending_state (shown, MFM_PENDING_NEW);
            }
          update_staged_counts (self, names, added);
          return;
        }
    }

  for (guint i = 0; i < added->len; i++)
    mfm_relationship_set_pending_state (g_ptr_array_index (added, i), MFM_PENDING_NEW);

  update_staged_counts (self, names, added);
  g_list_store_splice (self->staged_new,
                       0, g_list_model_get_n_items (G_LIST_MODEL (self->staged_new)),
                       added->pdata, added->len);
}


/* New objects from a refresh start without a badge: the ones at @position .. @position +
 * @n_added of @model get the pending state the change set gives their names. */
void
_mfm_session_mark_added_relationships (MfmSession *self,
                                       GListModel *model,
                                       guint       position,
                                       guint       n_added)
{
  for (guint i = position; i < position + n_added; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (model, i);

      mfm_relationship_set_pending_state (relationship,
                                          mfm_change_set_get_pending_state (self->changes,
                                                                            mfm_relationship_get_name (relationship)));
      /* So that the next update clears it should its name no longer be staged by then. */
      if (relationship_is_marked (relationship))
        g_hash_table_add (self->pending_marked, g_object_ref (relationship));
    }
}
