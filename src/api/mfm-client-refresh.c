/* mfm-client-refresh.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-client-refresh"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-client.h"
#include "mfm-client-private.h"
#include "mfm-sort-key.h"

/* Refresh: servers and relationships side by side, each put in the order of its name off the
 * main thread, then into the inventory. */

typedef struct
{
  MfmInventory *inventory;
  GPtrArray    *servers;
  GPtrArray    *relationships;
  GError       *servers_error;
  GError       *relationships_error;
  /* What could not be read while the rest was, after a refresh that succeeded. */
  GError       *incomplete;
  guint         n_outstanding;
} RefreshOp;

static void
refresh_op_free (RefreshOp *op)
{
  g_clear_object (&op->inventory);
  g_clear_pointer (&op->servers, g_ptr_array_unref);
  g_clear_pointer (&op->relationships, g_ptr_array_unref);
  g_clear_error (&op->servers_error);
  g_clear_error (&op->relationships_error);
  g_clear_error (&op->incomplete);
  g_free (op);
}

/* Whether a failed part leaves the other worth showing: not when the whole connection is in
 * question (the session, the certificate, a cancellation), which the caller must hear of. */
static gboolean
part_failure_is_local (const GError *error)
{
  return error->domain == MFM_ERROR &&
         error->code != MFM_ERROR_SESSION &&
         error->code != MFM_ERROR_TLS &&
         error->code != MFM_ERROR_BAD_CREDENTIALS;
}

static void
refresh_replaced_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (mfm_inventory_replace_finish (MFM_INVENTORY (source), result, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
refresh_part_done (GTask *task)
{
  RefreshOp *op = g_task_get_task_data (task);
  GError *failed;

  if (--op->n_outstanding > 0)
    return;

  /* Both failed, or one failed in a way that concerns the whole connection. */
  if ((op->servers_error != NULL && op->relationships_error != NULL) ||
      (op->servers_error != NULL && !part_failure_is_local (op->servers_error)) ||
      (op->relationships_error != NULL && !part_failure_is_local (op->relationships_error)))
    {
      failed = op->servers_error != NULL ? op->servers_error : op->relationships_error;
      g_task_return_error (task, g_error_copy (failed));
      return;
    }

  /* One call failing must not hide what the other read: that part is shown, the other keeps
   * what it had (nothing on the first load), and the caller says what could not be read.
   * Replacing keeps the relationship counts right; it walks the estate only when it changed. */
  if (op->servers_error != NULL)
    op->incomplete = g_error_new (op->servers_error->domain, op->servers_error->code,
                                  /* Translators: %s is the reason, a sentence */
                                  _("The DHCP servers could not be read, so they may be missing or out of date. %s"),
                                  mfm_error_get_sentence (op->servers_error));

  if (op->relationships_error != NULL)
    op->incomplete = g_error_new (op->relationships_error->domain, op->relationships_error->code,
                                  /* Translators: %s is the reason, a sentence */
                                  _("The failover relationships could not be read, so they and the servers’ counts of them may be missing or out of date. %s"),
                                  mfm_error_get_sentence (op->relationships_error));

  /* Compared in main-loop slices, the stores changed in one step; the inventory holds the
   * only references to the answer from here on. */
  mfm_inventory_replace_async (op->inventory,
                               op->servers_error == NULL ? op->servers : NULL,
                               op->relationships_error == NULL ? op->relationships : NULL,
                               g_task_get_cancellable (task), refresh_replaced_cb,
                               g_object_ref (task));
  g_clear_pointer (&op->servers, g_ptr_array_unref);
  g_clear_pointer (&op->relationships, g_ptr_array_unref);
}

/* The tables sort by name first: a store that holds the objects in that order already (the
 * server's order among equal names, as a stable sort keeps it) is one run to GTK's sort, which
 * then costs a comparison per row instead of n log n. The keys were made with the objects and
 * are looked up once each. */
typedef struct
{
  const char *key;
  gpointer    object;
} Keyed;

static int
compare_keyed (gconstpointer a,
               gconstpointer b)
{
  return strcmp (((const Keyed *) a)->key, ((const Keyed *) b)->key);
}

static void
sort_by_name_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GPtrArray *objects = task_data;
  g_autoptr(GArray) keyed = NULL;
  GParamSpec *name;

  name = g_object_class_find_property (G_OBJECT_GET_CLASS (g_ptr_array_index (objects, 0)),
                                       "name");
  keyed = g_array_sized_new (FALSE, FALSE, sizeof (Keyed), objects->len);
  for (guint i = 0; i < objects->len; i++)
    {
      Keyed one = { mfm_sort_key_get (g_ptr_array_index (objects, i), name),
                    g_ptr_array_index (objects, i) };

      g_array_append_val (keyed, one);
    }

  /* g_array_sort() is stable. */
  g_array_sort (keyed, compare_keyed);
  for (guint i = 0; i < objects->len; i++)
    objects->pdata[i] = g_array_index (keyed, Keyed, i).object;

  g_task_return_boolean (task, TRUE);
}

static void
sorted_by_name_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  refresh_part_done (task);
}

/* Ends a part: sorted first when it was read, the objects untouched by anyone else meanwhile
 * (the refresh holds the only reference to the array). */
static void
refresh_part_read (GTask     *task,
                   GPtrArray *objects)
{
  g_autoptr(GTask) sort = NULL;

  if (objects == NULL || objects->len < 2)
    {
      refresh_part_done (task);
      return;
    }

  sort = g_task_new (NULL, NULL, sorted_by_name_cb, g_object_ref (task));
  g_task_set_source_tag (sort, refresh_part_read);
  g_task_set_task_data (sort, g_ptr_array_ref (objects), (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (sort, sort_by_name_thread);
}

static void
refresh_servers_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->servers = mfm_client_get_servers_finish (MFM_CLIENT (source), result, &error);
  op->servers_error = error;
  refresh_part_read (task, op->servers);
}

static void
refresh_relationships_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->relationships = mfm_client_get_relationships_finish (MFM_CLIENT (source), result, &error);
  op->relationships_error = error;
  refresh_part_read (task, op->relationships);
}

void
mfm_client_refresh_inventory_async (MfmClient           *self,
                                    MfmInventory        *inventory,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshOp *op;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (MFM_IS_INVENTORY (inventory));

  /* Ranges are asked again after a refresh: a scope may have moved to another one. */
  g_hash_table_remove_all (self->ranges);

  task = _mfm_client_task_new (self, cancellable, callback, user_data,
                               mfm_client_refresh_inventory_async);
  op = g_new0 (RefreshOp, 1);
  op->inventory = g_object_ref (inventory);
  op->n_outstanding = 2;
  g_task_set_task_data (task, op, (GDestroyNotify) refresh_op_free);

  mfm_client_get_servers_async (self, NULL, cancellable, refresh_servers_cb, g_object_ref (task));
  mfm_client_get_relationships_async (self, NULL, cancellable, refresh_relationships_cb,
                                      g_object_ref (task));
}

gboolean
mfm_client_refresh_inventory_finish (MfmClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mfm_client_refresh_inventory_get_incomplete:
 *
 * Returns: (transfer none) (nullable): after a refresh that succeeded, what could not be read
 *   while the rest was (its message a translated sentence naming the part and the reason), or
 *   NULL when everything was read
 */
const GError *
mfm_client_refresh_inventory_get_incomplete (MfmClient    *self,
                                             GAsyncResult *result)
{
  RefreshOp *op;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  op = g_task_get_task_data (G_TASK (result));
  return op != NULL ? op->incomplete : NULL;
}
