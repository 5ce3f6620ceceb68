/* mfm-inventory-replace.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* mfm_inventory_replace_async(): a refresh's answer compared with the stores in main-loop
 * slices, then each store changed in one step. */

#define G_LOG_DOMAIN "mfm-inventory"

#include "config.h"

#include "mfm-inventory.h"
#include "mfm-inventory-private.h"
#include "mfm-inventory-replace-private.h"
#include "mfm-util-private.h"

/* A slice of mfm_inventory_replace_async() compares for at most this long, and looks at the
 * clock once per this many objects. */
#define SLICE_BUDGET_USEC   (4 * 1000)
#define SLICE_CLOCK_EVERY   256
/* The priority GTK redraws at: a frame and a slice take turns. Below it, a window whose
 * frames take longer than their interval (a spinner on a slow machine) would never let a slice
 * run; above it, no frame would come until the last slice. */
#define SLICE_PRIORITY      (G_PRIORITY_HIGH_IDLE + 20)

static void
drop_arrays_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GPtrArray **arrays = task_data;

  g_clear_pointer (&arrays[0], g_ptr_array_unref);
  g_clear_pointer (&arrays[1], g_ptr_array_unref);
}

static void
free_arrays (gpointer data)
{
  GPtrArray **arrays = data;

  g_clear_pointer (&arrays[0], g_ptr_array_unref);
  g_clear_pointer (&arrays[1], g_ptr_array_unref);
  g_free (arrays);
}

/* Freeing the objects of a large answer that the stores did not take is most of what is left
 * on the main thread after a refresh that changed little. Nothing but the arrays holds them. */
static void
drop_arrays_in_thread (GPtrArray *servers,
                       GPtrArray *relationships)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray **arrays;

  if (servers == NULL && relationships == NULL)
    return;

  arrays = g_new0 (GPtrArray *, 2);
  arrays[0] = servers;
  arrays[1] = relationships;
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, drop_arrays_in_thread);
  g_task_set_task_data (task, arrays, free_arrays);
  g_task_run_in_thread (task, drop_arrays_thread);
}

static void
replace_op_free (ReplaceOp *op)
{
  g_clear_handle_id (&op->source_id, g_source_remove);
  drop_arrays_in_thread (g_steal_pointer (&op->servers), g_steal_pointer (&op->relationships));
  g_clear_pointer (&op->seen, g_hash_table_unref);
  g_clear_pointer (&op->matched, g_hash_table_unref);
  g_clear_pointer (&op->server_updates, g_ptr_array_unref);
  g_clear_pointer (&op->server_keys, g_ptr_array_unref);
  g_clear_pointer (&op->relationship_updates, g_ptr_array_unref);
  g_clear_pointer (&op->servers_gone, g_array_unref);
  g_clear_pointer (&op->relationships_gone, g_array_unref);
  g_clear_pointer (&op->new_servers, g_hash_table_unref);
  g_clear_pointer (&op->new_names, g_hash_table_unref);
  g_clear_pointer (&op->new_relationships, g_hash_table_unref);
  g_clear_pointer (&op->renamed, g_hash_table_unref);
  g_clear_pointer (&op->names, g_hash_table_unref);
  g_clear_pointer (&op->counts, g_hash_table_unref);
  g_clear_pointer (&op->count_changes, g_ptr_array_unref);
  g_free (op);
}

/* Compares one object of the answer with the stores: what is new or changed is noted for the
 * end, what is unchanged costs nothing more. */
static void
compare_server (MfmInventory *self,
                ReplaceOp    *op,
                MfmServer    *server)
{
  const char *ref = mfm_server_get_ref (server);
  MfmServer *existing;

  /* What replace_servers() refuses or handles one after the other is left to it. On a first
   * load the lookup being made finds repeats: one table less growing in the same slice. */
  if (ref == NULL || (op->first_servers ? g_hash_table_contains (op->new_servers, ref)
                                        : !g_hash_table_add (op->seen, (gpointer) ref)))
    {
      op->one_shot = TRUE;
      return;
    }

  existing = g_hash_table_lookup (self->servers_by_ref, ref);
  if (existing != NULL)
    g_hash_table_add (op->matched, existing);
  if (existing == NULL && op->first_servers)
    {
      char *name_key = mfm_normalise_server_name (mfm_server_get_name (server));

      /* The lookups themselves, taken whole by the step that changes the stores. */
      g_ptr_array_add (op->server_updates, server);
      g_ptr_array_add (op->server_keys, NULL);
      g_ptr_array_add (op->server_keys, NULL);
      g_hash_table_insert (op->new_servers, g_strdup (ref), server);
      if (name_key != NULL)
        g_hash_table_insert (op->new_names, name_key, server);
    }
  else if (existing == NULL)
    {
      char *name_key = mfm_normalise_server_name (mfm_server_get_name (server));

      /* A new server's lookup keys are made here, not in the one step that changes the
       * stores. */
      g_ptr_array_add (op->server_updates, server);
      g_ptr_array_add (op->server_keys, g_strdup (ref));
      g_ptr_array_add (op->server_keys, name_key);
      g_hash_table_insert (op->new_servers, (gpointer) ref, server);
      if (name_key != NULL)
        g_hash_table_insert (op->new_names, name_key, server);
    }
  else if (!mfm_server_same_as (existing, server))
    {
      g_ptr_array_add (op->server_updates, server);
      g_ptr_array_add (op->server_keys, NULL);
      g_ptr_array_add (op->server_keys, NULL);
      if (g_strcmp0 (mfm_server_get_name (existing), mfm_server_get_name (server)) != 0)
        g_hash_table_insert (op->renamed, existing, server);
    }
}


static void
compare_relationship (MfmInventory    *self,
                      ReplaceOp       *op,
                      MfmRelationship *relationship)
{
  const char *name = mfm_relationship_get_name (relationship);
  MfmRelationship *existing;

  if (name == NULL || (op->first_relationships ? g_hash_table_contains (op->new_relationships, name)
                                                : !g_hash_table_add (op->seen, (gpointer) name)))
    {
      op->one_shot = TRUE;
      return;
    }

  existing = g_hash_table_lookup (self->relationships_by_name, name);
  if (existing != NULL)
    g_hash_table_add (op->matched, existing);
  if (existing == NULL && op->first_relationships)
    g_hash_table_insert (op->new_relationships, g_strdup (name), relationship);
  if (existing == NULL || !mfm_relationship_same_as (existing, relationship))
    {
      g_ptr_array_add (op->relationship_updates, relationship);
      op->sides_moved |= existing == NULL || _mfm_replace_sides_move (existing, relationship);
    }
}


/* Runs one step for as long as the slice allows; TRUE when the step is done. */
static gboolean
replace_step (MfmInventory *self,
              ReplaceOp    *op,
              gint64        deadline,
              guint        *budget)
{
  GPtrArray *answer = NULL;
  GListModel *store = NULL;
  GArray *gone = NULL;
  guint n_store = 0;
  guint n;

  switch (op->step)
    {
    case STEP_SERVERS:
      answer = op->servers;
      break;
    case STEP_RELATIONSHIPS:
      answer = op->relationships;
      break;
    case STEP_SERVERS_GONE:
      store = op->servers != NULL ? G_LIST_MODEL (self->servers) : NULL;
      gone = op->servers_gone;
      break;
    case STEP_RELATIONSHIPS_GONE:
      store = op->relationships != NULL ? G_LIST_MODEL (self->relationships) : NULL;
      gone = op->relationships_gone;
      break;
    case STEP_NAMES:
    case STEP_COUNT_CHANGES:
      if (op->step == STEP_NAMES ? op->names != NULL : op->recount)
        {
          store = G_LIST_MODEL (self->servers);
          n_store = g_list_model_get_n_items (store);
        }
      break;
    case STEP_COUNTS:
      if (op->recount)
        {
          answer = op->relationships;
          store = answer == NULL ? G_LIST_MODEL (self->relationships) : NULL;
        }
      break;
    case STEP_APPLY:
    case STEP_RETURN:
    default:
      g_assert_not_reached ();
    }

  if (op->step == STEP_NAMES || op->step == STEP_COUNT_CHANGES)
    n = store != NULL ? n_store + op->server_updates->len : 0;
  else
    n = answer != NULL ? answer->len : store != NULL ? g_list_model_get_n_items (store) : 0;
  while (op->next < n && !op->one_shot)
    {
      if (*budget == 0 || (op->next % SLICE_CLOCK_EVERY == 0 &&
                           g_get_monotonic_time () > deadline))
        return FALSE;
      if (self->slice_size > 0)
        (*budget)--;

      if (op->step == STEP_SERVERS)
        compare_server (self, op, g_ptr_array_index (answer, op->next));
      else if (op->step == STEP_RELATIONSHIPS)
        compare_relationship (self, op, g_ptr_array_index (answer, op->next));
      else if (op->step == STEP_NAMES)
        _mfm_replace_name_server (self, op, op->next, n_store);
      else if (op->step == STEP_COUNT_CHANGES)
        _mfm_replace_note_count_change (self, op, op->next, n_store);
      else if (op->step == STEP_COUNTS && answer != NULL)
        _mfm_replace_count_relationship (self, op, g_ptr_array_index (answer, op->next));
      else if (op->step == STEP_COUNTS)
        {
          gpointer item = g_list_model_get_item (store, op->next);

          _mfm_replace_count_relationship (self, op, item);
          g_object_unref (item);
        }
      else
        {
          /* Borrowed: the store keeps it. */
          gpointer item = g_list_model_get_item (store, op->next);

          if (!g_hash_table_contains (op->matched, item))
            g_array_append_val (gone, op->next);
          g_object_unref (item);
        }
      op->next++;
    }

  op->next = 0;
  op->next_gone = 0;
  return TRUE;
}

/* Takes out the items at @gone and puts @added at the end, in one splice. */
static void
splice_positions (GListStore *store,
                  GArray     *gone,
                  GPtrArray  *added)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  guint first = gone->len > 0 ? g_array_index (gone, guint, 0) : n;
  g_autoptr(GPtrArray) tail = NULL;
  guint next_gone = 0;

  /* Nothing goes (a first load, most refreshes): the new ones are put at the end as they are. */
  if (gone->len == 0)
    {
      if (added->len > 0)
        g_list_store_splice (store, n, 0, added->pdata, added->len);
      return;
    }

  tail = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = first; i < n; i++)
    {
      if (next_gone < gone->len && g_array_index (gone, guint, next_gone) == i)
        {
          next_gone++;
          continue;
        }
      g_ptr_array_add (tail, g_list_model_get_item (model, i));
    }
  for (guint i = 0; i < added->len; i++)
    g_ptr_array_add (tail, g_object_ref (g_ptr_array_index (added, i)));

  if (first < n || tail->len > 0)
    g_list_store_splice (store, first, n - first, tail->pdata, tail->len);
}

/* What replace_servers() does, with the comparison already made. */
static void
apply_servers (MfmInventory *self,
               ReplaceOp    *op)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();
  gboolean renamed = FALSE;
  PruneData data = { 0 };

  /* A first load: every server is new, and the lookups are made already. */
  if (op->first_servers)
    {
      _mfm_inventory_take_server_lookups (self, g_steal_pointer (&op->new_servers),
                                          g_steal_pointer (&op->new_names));
      splice_positions (self->servers, op->servers_gone, op->server_updates);
      return;
    }

  for (guint i = 0; i < op->server_updates->len; i++)
    {
      MfmServer *server = g_ptr_array_index (op->server_updates, i);
      char **keys = (char **) &op->server_keys->pdata[2 * i];
      gboolean this_renamed;

      /* New when compared: the stores have not changed since (the stamp says so). */
      if (keys[0] != NULL)
        {
          _mfm_inventory_take_new_server (self, server, g_steal_pointer (&keys[0]),
                                          g_steal_pointer (&keys[1]));
          g_ptr_array_add (added, server);
          continue;
        }

      if (_mfm_inventory_register_server (self, server, &this_renamed) == NULL)
        g_ptr_array_add (added, server);
      renamed |= this_renamed;
    }

  data.self = self;
  for (guint i = 0; i < op->servers_gone->len; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers),
                                                           g_array_index (op->servers_gone, guint, i));

      _mfm_inventory_forget_server (server, &data);
    }
  splice_positions (self->servers, op->servers_gone, added);

  /* The names as they are now were made in the slices. */
  if (op->names != NULL)
    _mfm_inventory_take_server_names (self, g_steal_pointer (&op->names));
  else if (renamed || data.forgot)
    _mfm_inventory_rebuild_server_names (self);
}


static void
apply_relationships (MfmInventory *self,
                     ReplaceOp    *op)
{
  g_autoptr(GPtrArray) added = g_ptr_array_new ();

  /* A first load: every relationship is new, and the lookup is made already. */
  if (op->first_relationships)
    {
      _mfm_inventory_take_relationship_lookup (self, g_steal_pointer (&op->new_relationships));
      splice_positions (self->relationships, op->relationships_gone, op->relationship_updates);
      return;
    }

  for (guint i = 0; i < op->relationship_updates->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (op->relationship_updates, i);

      if (_mfm_inventory_register_relationship (self, relationship) == NULL)
        g_ptr_array_add (added, relationship);
    }

  for (guint i = 0; i < op->relationships_gone->len; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (G_LIST_MODEL (self->relationships),
                                                                       g_array_index (op->relationships_gone, guint, i));

      _mfm_inventory_forget_relationship (relationship, self);
    }
  splice_positions (self->relationships, op->relationships_gone, added);
}

static void
replace_apply (MfmInventory *self,
               ReplaceOp    *op)
{
  /* Something changed the stores between two slices, or the answer needs the one-by-one
   * handling: the comparison starts again, in one go. */
  if (op->one_shot || op->stamp != self->stamp ||
      op->sides_serial != mfm_relationship_sides_serial ())
    {
      if (op->servers != NULL)
        mfm_inventory_replace_servers (self, op->servers);
      if (op->relationships != NULL)
        mfm_inventory_replace_relationships (self, op->relationships);
      return;
    }

  if (op->servers != NULL)
    apply_servers (self, op);
  if (op->relationships != NULL)
    apply_relationships (self, op);
  if (op->recount)
    _mfm_replace_apply_counts (self, op);
  else
    _mfm_inventory_update_counts_if_needed (self);
}

static gboolean
replace_slice_cb (gpointer user_data)
{
  GTask *task = user_data;
  MfmInventory *self = g_task_get_source_object (task);
  ReplaceOp *op = g_task_get_task_data (task);
  gint64 deadline = g_get_monotonic_time () + SLICE_BUDGET_USEC;
  guint budget = self->slice_size > 0 ? self->slice_size : G_MAXUINT;

  if (g_task_return_error_if_cancelled (task))
    {
      op->source_id = 0;
      if (self->replacing == task)
        self->replacing = NULL;
      return G_SOURCE_REMOVE;
    }

  while (op->step < STEP_APPLY)
    {
      if (!replace_step (self, op, deadline, &budget))
        return G_SOURCE_CONTINUE;
      op->step++;
      if (op->step == STEP_NAMES)
        _mfm_replace_plan_counts (self, op);
    }

  /* The stores change in this one callback; the caller hears of it in the next, so that what
   * it does then is a main-loop callback of its own. */
  if (op->step == STEP_APPLY)
    {
      replace_apply (self, op);
      if (self->replacing == task)
        self->replacing = NULL;
      drop_arrays_in_thread (g_steal_pointer (&op->servers),
                             g_steal_pointer (&op->relationships));
      op->step = STEP_RETURN;
      return G_SOURCE_CONTINUE;
    }

  op->source_id = 0;
  g_task_return_boolean (task, TRUE);
  return G_SOURCE_REMOVE;
}

void
mfm_inventory_replace_async (MfmInventory        *self,
                             GPtrArray           *servers,
                             GPtrArray           *relationships,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReplaceOp *op;

  g_return_if_fail (MFM_IS_INVENTORY (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  /* Never two at once: the older one ends without touching the stores. */
  if (self->replacing != NULL)
    {
      g_autoptr(GTask) older = g_object_ref (g_steal_pointer (&self->replacing));
      ReplaceOp *older_op = g_task_get_task_data (older);
      g_autoptr(GCancellable) superseded = g_cancellable_new ();
      GError *error = NULL;

      g_clear_handle_id (&older_op->source_id, g_source_remove);
      /* GLib's own words for a cancelled operation; nobody shows them. */
      g_cancellable_cancel (superseded);
      g_cancellable_set_error_if_cancelled (superseded, &error);
      g_task_return_error (older, error);
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfm_inventory_replace_async);
  g_task_set_priority (task, SLICE_PRIORITY);

  op = g_new0 (ReplaceOp, 1);
  op->servers = servers != NULL ? g_ptr_array_ref (servers) : NULL;
  op->relationships = relationships != NULL ? g_ptr_array_ref (relationships) : NULL;
  op->stamp = self->stamp;
  op->sides_serial = mfm_relationship_sides_serial ();
  op->seen = g_hash_table_new (g_str_hash, g_str_equal);
  op->matched = g_hash_table_new (NULL, NULL);
  op->server_updates = g_ptr_array_new ();
  op->server_keys = g_ptr_array_new_with_free_func (g_free);
  op->relationship_updates = g_ptr_array_new ();
  op->servers_gone = g_array_new (FALSE, FALSE, sizeof (guint));
  op->relationships_gone = g_array_new (FALSE, FALSE, sizeof (guint));
  op->first_servers = servers != NULL && g_hash_table_size (self->servers_by_ref) == 0 &&
                      g_list_model_get_n_items (G_LIST_MODEL (self->servers)) == 0;
  op->first_relationships = relationships != NULL &&
                            g_hash_table_size (self->relationships_by_name) == 0 &&
                            g_list_model_get_n_items (G_LIST_MODEL (self->relationships)) == 0;
  if (op->first_servers)
    {
      op->new_servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      op->new_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }
  else
    {
      op->new_servers = g_hash_table_new (g_str_hash, g_str_equal);
      op->new_names = g_hash_table_new (g_str_hash, g_str_equal);
    }
  if (op->first_relationships)
    op->new_relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  op->renamed = g_hash_table_new (NULL, NULL);
  g_task_set_task_data (task, op, (GDestroyNotify) replace_op_free);

  /* The source holds the task until the last slice; replacing borrows it. */
  op->source_id = g_idle_add_full (SLICE_PRIORITY, replace_slice_cb,
                                   g_object_ref (task), g_object_unref);
  g_source_set_name_by_id (op->source_id, "[mfm] inventory replace");
  self->replacing = task;
}

gboolean
mfm_inventory_replace_finish (MfmInventory  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
_mfm_inventory_set_slice_size (MfmInventory *self,
                               guint         n_objects)
{
  g_return_if_fail (MFM_IS_INVENTORY (self));

  self->slice_size = n_objects;
}

gboolean
_mfm_inventory_is_replacing (MfmInventory *self)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), FALSE);

  return self->replacing != NULL;
}
