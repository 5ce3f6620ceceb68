/* mfm-session-scopes.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-session-scopes"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-session.h"
#include "mfm-session-private.h"

/* One GetDHCPScopes for one server, shared by every caller that asks while it runs. */
typedef struct
{
  MfmSession   *session;      /* weak: the read outlives a closed session */
  char         *server_ref;
  GCancellable *cancellable;  /* the read's own: cancelled when no caller waits any more */
  GPtrArray    *waiters;      /* GTask */
  gboolean      abandoned;
} ScopesLoad;

typedef struct
{
  GCancellable *cancellable;  /* the caller's */
  gulong        cancelled_id;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  g_clear_object (&waiter->cancellable);
  g_free (waiter);
}

static void
scopes_load_free (ScopesLoad *load)
{
  g_clear_weak_pointer (&load->session);
  g_clear_object (&load->cancellable);
  g_clear_pointer (&load->waiters, g_ptr_array_unref);
  g_free (load->server_ref);
  g_free (load);
}

/* The loads running now, in a new array (the table changes while they are walked). */
static GPtrArray *
dup_loads (MfmSession *self)
{
  GPtrArray *loads = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->scopes_loads);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (loads, value);

  return loads;
}

static gpointer
ref_scope (gconstpointer scope,
           gpointer      user_data)
{
  return g_object_ref ((gpointer) scope);
}

/* Stops following the caller's cancellable (never from inside its handler). */
static void
waiter_disconnect (GTask *task)
{
  Waiter *waiter = g_task_get_task_data (task);

  if (waiter->cancelled_id != 0)
    g_cancellable_disconnect (waiter->cancellable, waiter->cancelled_id);
  waiter->cancelled_id = 0;
}

static void
scopes_load_abandon (ScopesLoad *load)
{
  load->abandoned = TRUE;
  if (load->session != NULL)
    g_hash_table_remove (load->session->scopes_loads, load->server_ref);
  g_cancellable_cancel (load->cancellable);
}

/* Answers the callers who cancelled, and stops the read when nobody waits for it any more. */
static gboolean
drop_cancelled_waiters_cb (gpointer user_data)
{
  g_autoptr(MfmSession) self = user_data;
  g_autoptr(GPtrArray) loads = NULL;

  if (self->scopes_loads == NULL)
    return G_SOURCE_REMOVE;

  loads = dup_loads (self);
  for (guint i = 0; i < loads->len; i++)
    {
      ScopesLoad *load = g_ptr_array_index (loads, i);

      for (guint j = load->waiters->len; j > 0; j--)
        {
          GTask *task = g_ptr_array_index (load->waiters, j - 1);

          if (!g_cancellable_is_cancelled (g_task_get_cancellable (task)))
            continue;

          g_object_ref (task);
          g_ptr_array_remove_index (load->waiters, j - 1);
          waiter_disconnect (task);
          g_task_return_error_if_cancelled (task);
          g_object_unref (task);
        }

      if (load->waiters->len == 0)
        scopes_load_abandon (load);
    }

  return G_SOURCE_REMOVE;
}

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  MfmSession *self = user_data;

  g_idle_add_full (G_PRIORITY_DEFAULT, drop_cancelled_waiters_cb, g_object_ref (self), NULL);
}

static void
scopes_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  ScopesLoad *load = user_data;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GError) error = NULL;

  scopes = mfm_client_get_scopes_finish (MFM_CLIENT (object), result, &error);

  if (!load->abandoned && load->session != NULL)
    g_hash_table_steal (load->session->scopes_loads, load->server_ref);

  for (guint i = 0; i < load->waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (load->waiters, i);

      waiter_disconnect (task);
      if (g_task_return_error_if_cancelled (task))
        continue;
      if (scopes != NULL)
        /* Each caller gets its own array: one sorts it, another filters it. */
        g_task_return_pointer (task,
                               g_ptr_array_copy (scopes, ref_scope, NULL),
                               (GDestroyNotify) g_ptr_array_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  scopes_load_free (load);
}

void
mfm_session_load_scopes_async (MfmSession          *self,
                               const char          *server_ref,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ScopesLoad *load;
  Waiter *waiter;

  g_return_if_fail (MFM_IS_SESSION (self));
  g_return_if_fail (server_ref != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfm_session_load_scopes_async);

  if (g_task_return_error_if_cancelled (task))
    return;

  load = g_hash_table_lookup (self->scopes_loads, server_ref);
  if (load == NULL)
    {
      load = g_new0 (ScopesLoad, 1);
      g_set_weak_pointer (&load->session, self);
      load->server_ref = g_strdup (server_ref);
      load->cancellable = g_cancellable_new ();
      load->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      g_hash_table_insert (self->scopes_loads, load->server_ref, load);
      mfm_client_get_scopes_async (self->client, server_ref, load->cancellable,
                                   scopes_read_cb, load);
    }

  waiter = g_new0 (Waiter, 1);
  g_task_set_task_data (task, waiter, (GDestroyNotify) waiter_free);
  if (cancellable != NULL)
    {
      waiter->cancellable = g_object_ref (cancellable);
      waiter->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (waiter_cancelled_cb),
                                                    self, NULL);
    }
  g_ptr_array_add (load->waiters, g_steal_pointer (&task));
}

GPtrArray *
mfm_session_load_scopes_finish (MfmSession    *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfm_session_load_scopes_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_mfm_session_scopes_init (MfmSession *self)
{
  /* The loads free themselves when their read ends; the table only finds them. */
  self->scopes_loads = g_hash_table_new (g_str_hash, g_str_equal);
}

void
_mfm_session_scopes_dispose (MfmSession *self)
{
  g_autoptr(GPtrArray) loads = NULL;

  if (self->scopes_loads == NULL)
    return;

  loads = dup_loads (self);
  for (guint i = 0; i < loads->len; i++)
    scopes_load_abandon (g_ptr_array_index (loads, i));
  g_clear_pointer (&self->scopes_loads, g_hash_table_unref);
}
