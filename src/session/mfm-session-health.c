/* mfm-session-health.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-session-health"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-health.h"
#include "mfm-session.h"
#include "mfm-session-private.h"

/* Health. After each refresh the state of every relationship goes into the history (a change
 * is announced with "state-changed"; the file is written in a thread), then the scopes, pools
 * and relationship lists of the servers of the relationships are read, at most once per server
 * and for at most MFM_SESSION_HEALTH_MAX_SERVERS servers (those of the focused relationships
 * first), and the partner consistency rules run on them ("health-changed"). The rules run over
 * HEALTH_SLICE relationships per main-loop turn, so that 50,000 relationships do not hold up a
 * frame; the last result stays until the new one is whole. */

/* About 2 M instructions: a millisecond or two. */
#define HEALTH_SLICE 200

/* The observation of the states: a slice ends after about 4 ms (the clock read every 256
 * relationships), like the inventory's replace slices and at their priority. */
#define OBSERVE_BUDGET_USEC (4 * 1000)
#define OBSERVE_CLOCK_EVERY 256
#define OBSERVE_PRIORITY    (G_PRIORITY_HIGH_IDLE + 20)

static void
set_checking_health (MfmSession *self,
                     gboolean    checking)
{
  if (self->checking_health == checking)
    return;

  self->checking_health = checking;
  g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_CHECKING_HEALTH]);
}

static void
history_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Only a record of what was seen: a failure to write it costs the times after a restart. */
  if (!mfm_state_history_save_finish (MFM_STATE_HISTORY (object), result, &error))
    g_warning ("Could not keep the failover states: %s", error->message);
}

/* The states of a refresh go into the history a slice at a time, so that 50,000 relationships
 * do not hold up a frame; "state-changed" and the end of the refresh follow the last slice. */
struct _MfmObserveRun
{
  MfmSession *session;
  GPtrArray  *waiters;    /* the refresh's callers, returned at the end */
  GPtrArray  *changed;    /* name, previous, state */
  guint       next;
  guint       changes;    /* the store's changes when the walk (re)started */
  gboolean    observed;   /* every state is in; the end of the refresh has a slice of its own */
  gint64      now;
  guint       source_id;
};

typedef MfmObserveRun ObserveRun;

static void
observe_run_free (ObserveRun *run)
{
  g_clear_handle_id (&run->source_id, g_source_remove);
  g_object_unref (run->session);
  g_clear_pointer (&run->waiters, g_ptr_array_unref);
  g_ptr_array_unref (run->changed);
  g_free (run);
}

/* Observes from run->next until the deadline (or the test's slice size); TRUE when all are. */
static gboolean
observe_run_slice (ObserveRun *run,
                   gint64      deadline)
{
  MfmSession *self = run->session;
  GListModel *relationships = mfm_inventory_get_relationships (self->inventory);
  guint n = g_list_model_get_n_items (relationships);
  guint budget = deadline > 0 && self->observe_slice_size > 0 ? self->observe_slice_size
                                                               : G_MAXUINT;

  /* Only a refresh changes the store, and it finishes this walk first; should it still change,
   * the walk starts again: observing a state seen already changes nothing. */
  if (run->changes != self->relationships_changes)
    {
      run->changes = self->relationships_changes;
      run->next = 0;
    }

  for (; run->next < n; run->next++)
    {
      g_autoptr(MfmRelationship) relationship = NULL;
      const char *name;
      g_autofree char *previous = NULL;

      if (budget-- == 0 ||
          (deadline > 0 && run->next % OBSERVE_CLOCK_EVERY == 0 &&
           g_get_monotonic_time () > deadline))
        return FALSE;

      relationship = g_list_model_get_item (relationships, run->next);
      name = mfm_relationship_get_name (relationship);
      if (name == NULL)
        continue;
      if (mfm_state_history_observe (self->history, name, mfm_relationship_get_state (relationship),
                                     run->now, &previous))
        {
          g_ptr_array_add (run->changed, g_strdup (name));
          g_ptr_array_add (run->changed, g_steal_pointer (&previous));
          g_ptr_array_add (run->changed, g_strdup (mfm_relationship_get_state (relationship)));
        }
    }

  return TRUE;
}

/* Every state is in: the file is written, the changes told, then the refresh ends. */
static void
observe_run_finish (ObserveRun *run)
{
  MfmSession *self = run->session;
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&run->waiters);

  g_assert (self->observe_run == run);
  self->observe_run = NULL;

  mfm_state_history_save_async (self->history, NULL, history_saved_cb, NULL);

  for (guint i = 0; i + 2 < run->changed->len; i += 3)
    g_signal_emit (self, _mfm_session_signals[STATE_CHANGED], 0,
                   g_ptr_array_index (run->changed, i),
                   g_ptr_array_index (run->changed, i + 1),
                   g_ptr_array_index (run->changed, i + 2));

  _mfm_session_refresh_observed (self, waiters);
}

static gboolean
observe_run_next_slice (gpointer data)
{
  ObserveRun *run = data;

  /* The snapshot for the file and what "refreshed" sets off come after a slice's worth of
   * states: in the next turn. */
  if (!run->observed)
    {
      run->observed = observe_run_slice (run, g_get_monotonic_time () + OBSERVE_BUDGET_USEC);
      return G_SOURCE_CONTINUE;
    }

  run->source_id = 0;
  observe_run_finish (run);
  observe_run_free (run);

  return G_SOURCE_REMOVE;
}

/* Takes @waiters. The first slice runs now: a small estate is observed at once. */
void
_mfm_session_observe_states (MfmSession *self,
                             GPtrArray  *waiters)
{
  ObserveRun *run;

  g_return_if_fail (self->observe_run == NULL);

  run = g_new0 (ObserveRun, 1);
  run->session = g_object_ref (self);
  run->waiters = waiters;
  run->changed = g_ptr_array_new_with_free_func (g_free);
  run->changes = self->relationships_changes;
  run->now = g_get_real_time () / G_USEC_PER_SEC;
  self->observe_run = run;

  if (observe_run_slice (run, g_get_monotonic_time () + OBSERVE_BUDGET_USEC))
    {
      observe_run_finish (run);
      observe_run_free (run);
      return;
    }

  /* Beside the inventory's slices: below the client's answers, taking turns with the frames. */
  run->source_id = g_idle_add_full (OBSERVE_PRIORITY, observe_run_next_slice, run, NULL);
  g_source_set_name_by_id (run->source_id, "[mfm] observe states");
}

void
_mfm_session_finish_observing (MfmSession *self)
{
  ObserveRun *run = self->observe_run;

  if (run == NULL)
    return;

  g_clear_handle_id (&run->source_id, g_source_remove);
  observe_run_slice (run, 0);
  observe_run_finish (run);
  observe_run_free (run);
}

void
_mfm_session_cancel_observing (MfmSession *self)
{
  ObserveRun *run = self->observe_run;

  if (run == NULL)
    return;

  self->observe_run = NULL;
  for (guint i = 0; i < run->waiters->len; i++)
    g_task_return_new_error (g_ptr_array_index (run->waiters, i), G_IO_ERROR,
                             G_IO_ERROR_CANCELLED, _("The operation was cancelled."));
  observe_run_free (run);
}

gboolean
_mfm_session_get_observing (MfmSession *self)
{
  return self->observe_run != NULL;
}

void
_mfm_session_set_observe_slice_size (MfmSession *self,
                                     guint       n_relationships)
{
  self->observe_slice_size = n_relationships;
}

typedef struct
{
  GPtrArray *scopes;          /* NULL: not read */
  GPtrArray *relationships;   /* NULL: not read */
} ServerHealthData;

static void
server_health_data_free (gpointer data)
{
  ServerHealthData *server_data = data;

  g_clear_pointer (&server_data->scopes, g_ptr_array_unref);
  g_clear_pointer (&server_data->relationships, g_ptr_array_unref);
  g_free (server_data);
}

typedef struct
{
  MfmSession   *session;
  GCancellable *cancellable;
  GHashTable   *servers;      /* ref → ServerHealthData */
  guint         n_outstanding;
} HealthOp;

static void
health_op_free (HealthOp *op)
{
  g_object_unref (op->session);
  g_object_unref (op->cancellable);
  g_hash_table_unref (op->servers);
  g_free (op);
}

static ServerHealthData *
health_op_lookup (HealthOp   *op,
                  const char *ref)
{
  return ref != NULL ? g_hash_table_lookup (op->servers, ref) : NULL;
}

/* One run of the rules over every relationship, a slice at a time, into tables of its own. The
 * relationships are walked by position in the inventory's store: a refresh cancels the run
 * before it changes them; should the store change otherwise, the run starts again. */
typedef struct
{
  MfmSession   *session;
  HealthOp     *op;             /* NULL: nothing was read */
  GCancellable *cancellable;
  guint         changes;        /* the store's changes when the walk (re)started */
  guint         next;
  gint64        now;
  GHashTable   *health;
  GHashTable   *health_read;
} HealthRun;

static void
health_run_free (HealthRun *run)
{
  g_object_unref (run->session);
  g_clear_pointer (&run->op, health_op_free);
  g_object_unref (run->cancellable);
  g_hash_table_unref (run->health);
  g_hash_table_unref (run->health_read);
  g_free (run);
}

/* The rules over the next @n_relationships at most; TRUE when every relationship is checked. */
static gboolean
health_run_slice (HealthRun *run,
                  guint      n_relationships)
{
  MfmSession *self = run->session;
  GListModel *relationships = mfm_inventory_get_relationships (self->inventory);
  guint n = g_list_model_get_n_items (relationships);
  guint end;

  if (run->changes != self->relationships_changes)
    {
      run->changes = self->relationships_changes;
      run->next = 0;
      g_hash_table_remove_all (run->health);
      g_hash_table_remove_all (run->health_read);
    }

  end = MIN (n, run->next + n_relationships);
  for (; run->next < end; run->next++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, run->next);
      const char *name = mfm_relationship_get_name (relationship);
      ServerHealthData *on_primary = NULL;
      ServerHealthData *on_secondary = NULL;
      MfmHealthInput input = { 0 };

      if (name == NULL)
        continue;

      if (run->op != NULL)
        {
          on_primary = health_op_lookup (run->op,
                                         mfm_relationship_get_primary_server_ref (relationship));
          on_secondary = health_op_lookup (run->op,
                                           mfm_relationship_get_secondary_server_ref (relationship));
        }

      input.relationship = relationship;
      input.primary = mfm_inventory_lookup_primary_server (self->inventory, relationship);
      input.secondary = mfm_inventory_lookup_secondary_server (self->inventory, relationship);
      if (on_primary != NULL && on_secondary != NULL)
        {
          input.primary_scopes = on_primary->scopes;
          input.secondary_scopes = on_secondary->scopes;
          input.primary_relationships = on_primary->relationships;
          input.secondary_relationships = on_secondary->relationships;
          if (input.primary_scopes != NULL && input.secondary_scopes != NULL)
            g_hash_table_add (run->health_read, g_strdup (name));
        }
      input.state_since = mfm_state_history_get_since (self->history, name);
      input.now = run->now;

      g_hash_table_insert (run->health, g_strdup (name), mfm_health_check (&input));
    }

  return run->next >= n;
}

/* The run is whole: its result replaces the last one. */
static void
health_run_finish (HealthRun *run)
{
  MfmSession *self = run->session;

  if (self->health_cancellable == run->cancellable)
    g_clear_object (&self->health_cancellable);
  self->health_slicing = FALSE;
  g_hash_table_unref (self->health);
  self->health = g_hash_table_ref (run->health);
  g_hash_table_unref (self->health_read);
  self->health_read = g_hash_table_ref (run->health_read);
  g_signal_emit (self, _mfm_session_signals[HEALTH_CHANGED], 0);
  set_checking_health (self, FALSE);
}

static gboolean
health_run_next_slice (gpointer data)
{
  HealthRun *run = data;

  if (g_cancellable_is_cancelled (run->cancellable))
    return G_SOURCE_REMOVE;

  if (!health_run_slice (run, HEALTH_SLICE))
    return G_SOURCE_CONTINUE;

  health_run_finish (run);
  return G_SOURCE_REMOVE;
}

/* Takes @op. The first slice runs now: a small estate is checked at once. */
static void
compute_health (MfmSession   *self,
                HealthOp     *op,
                GCancellable *cancellable)
{
  HealthRun *run = g_new0 (HealthRun, 1);

  run->session = g_object_ref (self);
  run->op = op;
  run->cancellable = g_object_ref (cancellable);
  run->changes = self->relationships_changes;
  run->now = g_get_real_time () / G_USEC_PER_SEC;
  run->health = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  run->health_read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  if (health_run_slice (run, HEALTH_SLICE))
    {
      health_run_finish (run);
      health_run_free (run);
      return;
    }

  self->health_slicing = TRUE;
  set_checking_health (self, TRUE);
  /* Below the frames (GDK_PRIORITY_REDRAW) and the answers of the client. */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, health_run_next_slice, run,
                   (GDestroyNotify) health_run_free);
}

static void
health_part_done (HealthOp *op)
{
  g_assert (op->n_outstanding > 0);

  if (--op->n_outstanding > 0)
    return;

  if (g_cancellable_is_cancelled (op->cancellable))
    {
      health_op_free (op);
      return;
    }

  compute_health (op->session, op, op->cancellable);
}

typedef struct
{
  HealthOp         *op;
  ServerHealthData *data;
} HealthCall;

static void
health_scopes_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  HealthCall *call = user_data;
  g_autoptr(GError) error = NULL;

  call->data->scopes = mfm_session_load_scopes_finish (MFM_SESSION (object), result, &error);
  if (call->data->scopes == NULL)
    g_debug ("Scopes for the health checks could not be read: %s", error->message);
  health_part_done (call->op);
  g_free (call);
}

static void
health_relationships_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  HealthCall *call = user_data;
  g_autoptr(GError) error = NULL;

  call->data->relationships = mfm_client_get_relationships_finish (MFM_CLIENT (object), result,
                                                                   &error);
  if (call->data->relationships == NULL)
    g_debug ("Relationships for the health checks could not be read: %s", error->message);
  health_part_done (call->op);
  g_free (call);
}

static void
add_health_server (GPtrArray  *refs,
                   const char *ref)
{
  if (ref == NULL || refs->len >= MFM_SESSION_HEALTH_MAX_SERVERS)
    return;
  if (!g_ptr_array_find_with_equal_func (refs, ref, g_str_equal, NULL))
    g_ptr_array_add (refs, (gpointer) ref);
}

static void
add_relationship_servers (GPtrArray       *refs,
                          MfmRelationship *relationship)
{
  /* Both servers or none: the rules compare the two. */
  if (refs->len + 2 > MFM_SESSION_HEALTH_MAX_SERVERS)
    return;
  add_health_server (refs, mfm_relationship_get_primary_server_ref (relationship));
  add_health_server (refs, mfm_relationship_get_secondary_server_ref (relationship));
}

void
_mfm_session_cancel_health (MfmSession *self)
{
  if (self->health_cancellable == NULL)
    return;

  /* The last result stays; the refresh that comes checks again. */
  g_cancellable_cancel (self->health_cancellable);
  g_clear_object (&self->health_cancellable);
  self->health_slicing = FALSE;
  set_checking_health (self, FALSE);
}

gboolean
_mfm_session_get_health_slicing (MfmSession *self)
{
  return self->health_slicing;
}

void
_mfm_session_check_health (MfmSession *self)
{
  GListModel *relationships = mfm_inventory_get_relationships (self->inventory);
  guint n = g_list_model_get_n_items (relationships);
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();
  HealthOp *op;

  g_cancellable_cancel (self->health_cancellable);
  g_clear_object (&self->health_cancellable);
  self->health_slicing = FALSE;

  for (guint i = 0; self->health_focus != NULL && self->health_focus[i] != NULL; i++)
    {
      MfmRelationship *relationship = mfm_inventory_lookup_relationship (self->inventory,
                                                                         self->health_focus[i]);

      if (relationship != NULL)
        add_relationship_servers (refs, relationship);
    }
  /* Once no pair of servers fits any more, the other relationships add nothing. */
  for (guint i = 0; i < n && refs->len + 2 <= MFM_SESSION_HEALTH_MAX_SERVERS; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);

      add_relationship_servers (refs, relationship);
    }

  self->health_cancellable = g_cancellable_new ();
  if (refs->len == 0)
    {
      compute_health (self, NULL, self->health_cancellable);
      return;
    }

  set_checking_health (self, TRUE);
  op = g_new0 (HealthOp, 1);
  op->session = g_object_ref (self);
  op->cancellable = g_object_ref (self->health_cancellable);
  op->servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, server_health_data_free);
  op->n_outstanding = 2 * refs->len + 1;

  for (guint i = 0; i < refs->len; i++)
    {
      const char *ref = g_ptr_array_index (refs, i);
      ServerHealthData *data = g_new0 (ServerHealthData, 1);
      HealthCall *scopes_call = g_new0 (HealthCall, 1);
      HealthCall *relationships_call = g_new0 (HealthCall, 1);

      g_hash_table_insert (op->servers, g_strdup (ref), data);
      *scopes_call = (HealthCall) { op, data };
      *relationships_call = (HealthCall) { op, data };
      mfm_session_load_scopes_async (self, ref, op->cancellable, health_scopes_cb, scopes_call);
      mfm_client_get_relationships_async (self->client, ref, op->cancellable,
                                          health_relationships_cb, relationships_call);
    }

  /* The extra count keeps the op alive until every call has been started. */
  health_part_done (op);
}

/**
 * mfm_session_get_health:
 *
 * Returns: (transfer none) (nullable): the findings of the relationship @name (MfmHealthFinding,
 *   most severe first) after the last refresh, or NULL when it has not been checked
 */
GPtrArray *
mfm_session_get_health (MfmSession *self,
                        const char *name)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return name != NULL ? g_hash_table_lookup (self->health, name) : NULL;
}

/**
 * mfm_session_get_health_read:
 *
 * Returns: whether the last health check read the scopes of both servers of the relationship
 *   @name (otherwise the rules that compare the partners' scopes were left out)
 */
gboolean
mfm_session_get_health_read (MfmSession *self,
                             const char *name)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);

  return name != NULL && g_hash_table_contains (self->health_read, name);
}

MfmStateHistory *
mfm_session_get_state_history (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->history;
}

void
mfm_session_set_health_focus (MfmSession         *self,
                              const char * const *names)
{
  g_return_if_fail (MFM_IS_SESSION (self));

  g_strfreev (self->health_focus);
  self->health_focus = g_strdupv ((char **) names);
}

gboolean
mfm_session_get_checking_health (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);

  return self->checking_health;
}
