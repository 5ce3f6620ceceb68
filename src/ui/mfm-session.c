/* mfm-session.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-session"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "mfm-change-file.h"
#include "mfm-drafts.h"
#include "mfm-error.h"
#include "mfm-health.h"
#include "mfm-session.h"

struct _MfmSession
{
  GObject       parent_instance;

  MfmClient    *client;
  MfmInventory *inventory;
  MfmChangeSet *changes;
  char         *server_url;
  char         *user;
  char         *last_error;
  char         *draft_error;
  GPtrArray    *watched_changes;   /* MfmChange whose status is followed for the draft */
  MfmJournalEntry *journal;        /* the save running now, or NULL */
  char         *incomplete;

  /* Copies of the relationships staged as new, shown with a "New" badge. */
  GListStore   *staged_new;
  /* Inventory relationships followed by staged_new. */
  GListModel   *relationships;

  /* Callers waiting for the refresh that is running. */
  GPtrArray    *refresh_waiters;
  GCancellable *refresh_cancellable;
  gboolean      loading;
  gboolean      loaded;

  /* Whether the user may change failover, asked once after the first load. */
  GCancellable *access_cancellable;
  gboolean      access_checked;
  gboolean      read_only;
  /* Changes were saved and no refresh has shown them yet. */
  gboolean      saved_pending;
  /* The refresh after them failed; another is tried after retry_delay seconds. */
  gboolean      saved_not_shown;
  guint         saved_retry_id;
  guint         saved_retry_delay;
  /* A refresh was running when changes were saved: it may have read too early. */
  gboolean      refresh_again;

  /* Health: the state history and the findings of every relationship after each refresh. */
  MfmStateHistory *history;
  GHashTable      *health;              /* name → GPtrArray of MfmHealthFinding */
  GHashTable      *health_read;         /* names whose servers' scopes were read */
  GCancellable    *health_cancellable;
  GStrv            health_focus;        /* relationships whose servers are read first */
  gboolean         checking_health;
};

G_DEFINE_FINAL_TYPE (MfmSession, mfm_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_INVENTORY,
  PROP_CHANGES,
  PROP_SERVER_URL,
  PROP_USER,
  PROP_LOADING,
  PROP_LAST_ERROR,
  PROP_RELATIONSHIPS,
  PROP_LOADED,
  PROP_DRAFT_ERROR,
  PROP_READ_ONLY,
  PROP_INCOMPLETE,
  PROP_SAVED_NOT_SHOWN,
  PROP_CHECKING_HEALTH,
  N_PROPS
};

enum {
  REFRESHED,
  HEALTH_CHANGED,
  STATE_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
set_loading (MfmSession *self,
             gboolean    loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
set_last_error (MfmSession *self,
                const char *last_error)
{
  if (g_strcmp0 (self->last_error, last_error) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (last_error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

static void
set_incomplete (MfmSession *self,
                const char *incomplete)
{
  if (g_strcmp0 (self->incomplete, incomplete) == 0)
    return;

  g_free (self->incomplete);
  self->incomplete = g_strdup (incomplete);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INCOMPLETE]);
}

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

/* Each server's relationship count once the staged adds and removals are saved. */
static void
update_staged_counts (MfmSession *self,
                      GPtrArray  *added)
{
  GListModel *relationships = mfm_inventory_get_relationships (self->inventory);
  GListModel *servers = mfm_inventory_get_servers (self->inventory);
  g_autoptr(GHashTable) deltas = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (relationships); i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);
      MfmServer *primary;
      MfmServer *secondary;

      if (mfm_relationship_get_pending_state (relationship) != MFM_PENDING_REMOVED)
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

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);
      int delta = GPOINTER_TO_INT (g_hash_table_lookup (deltas, server));

      mfm_server_set_staged_relationship_count (server,
                                                delta != 0 ? (int)mfm_server_get_relationship_count (server) + delta : -1);
    }
}

/* The badges follow the change set: every inventory relationship gets its pending state,
 * and the staged new ones are mirrored into staged_new. */
static void
update_pending (MfmSession *self)
{
  GListModel *relationships = mfm_inventory_get_relationships (self->inventory);
  g_autoptr(GPtrArray) added = NULL;
  guint n_items = g_list_model_get_n_items (relationships);

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);
      const char *name = mfm_relationship_get_name (relationship);
      MfmPendingState state = mfm_change_set_get_pending_state (self->changes, name);

      /* A relationship on the server cannot be new: a staged add of the same name would fail. */
      if (state == MFM_PENDING_NEW)
        state = MFM_PENDING_MODIFIED;
      mfm_relationship_set_pending_state (relationship, state);
      update_staged_values (self, relationship, state);
    }

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
          update_staged_counts (self, added);
          return;
        }
    }

  for (guint i = 0; i < added->len; i++)
    mfm_relationship_set_pending_state (g_ptr_array_index (added, i), MFM_PENDING_NEW);

  update_staged_counts (self, added);
  g_list_store_splice (self->staged_new,
                       0, g_list_model_get_n_items (G_LIST_MODEL (self->staged_new)),
                       added->pdata, added->len);
}

static void
set_draft_error (MfmSession *self,
                 const char *draft_error)
{
  if (g_strcmp0 (self->draft_error, draft_error) == 0)
    return;

  g_free (self->draft_error);
  self->draft_error = g_strdup (draft_error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DRAFT_ERROR]);
}

static gboolean
save_draft (MfmSession *self)
{
  g_autoptr(GError) error = NULL;

  /* An empty set removes the draft; a draft that cannot be removed is an error too, since it
   * would offer saved changes again. */
  if (!mfm_drafts_save (self->changes, self->server_url, self->user, &error))
    {
      g_debug ("Could not save the draft: %s", error->message);
      set_draft_error (self, error->message);
      return FALSE;
    }

  set_draft_error (self, NULL);
  return TRUE;
}

static void
change_status_cb (MfmSession *self)
{
  if (self->journal != NULL)
    {
      g_autoptr(GError) error = NULL;

      if (!mfm_journal_entry_update (self->journal, FALSE, &error))
        g_warning ("Could not update the saved-changes journal: %s", error->message);
    }

  /* A save in progress: the draft says which changes are done, so a crash in the middle
   * restores only what is left. */
  save_draft (self);
}

static void
watch_changes (MfmSession *self)
{
  guint n = mfm_change_set_get_n_changes (self->changes);

  for (guint i = 0; i < self->watched_changes->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_changes, i), self);
  g_ptr_array_set_size (self->watched_changes, 0);

  for (guint i = 0; i < n; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);

      g_signal_connect_swapped (change, "notify::status", G_CALLBACK (change_status_cb), self);
      g_signal_connect_swapped (change, "notify::error-message", G_CALLBACK (change_status_cb), self);
      g_ptr_array_add (self->watched_changes, g_object_ref (change));
    }
}

static void
changes_changed_cb (MfmSession   *self,
                    MfmChangeSet *changes)
{
  g_assert (MFM_IS_SESSION (self));

  update_pending (self);
  watch_changes (self);
  save_draft (self);
}

static void
inventory_relationships_changed_cb (MfmSession *self,
                                    guint       position,
                                    guint       removed,
                                    guint       added,
                                    GListModel *model)
{
  g_assert (MFM_IS_SESSION (self));

  /* New objects from a refresh start without a badge. */
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (model, i);

      mfm_relationship_set_pending_state (relationship,
                                          mfm_change_set_get_pending_state (self->changes,
                                                                            mfm_relationship_get_name (relationship)));
    }
}

static void
access_checked_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(MfmSession) self = user_data;
  g_autoptr(GError) error = NULL;
  MfmWriteAccess access;

  access = mfm_client_check_write_access_finish (MFM_CLIENT (object), result, &error);
  if (access == MFM_WRITE_ACCESS_UNKNOWN)
    {
      /* An older Micetro, or no answer: a refusal then shows at Save, with its reason. */
      g_debug ("Could not ask whether changes are allowed: %s", error->message);
      return;
    }

  if (self->read_only != (access == MFM_WRITE_ACCESS_DENIED))
    {
      self->read_only = access == MFM_WRITE_ACCESS_DENIED;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
}

/* Asks, without changing anything, whether the user may change failover on the ISC servers
 * (the first thousand are enough to tell a read-only user). */
static void
check_access (MfmSession *self)
{
  GListModel *servers = mfm_inventory_get_servers (self->inventory);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) refs = NULL;
  guint n = 0;

  self->access_checked = TRUE;

  for (guint i = 0; i < g_list_model_get_n_items (servers) && n < 1000; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      if (mfm_server_is_isc (server) && mfm_server_get_ref (server) != NULL)
        {
          g_strv_builder_add (builder, mfm_server_get_ref (server));
          n++;
        }
    }
  /* No ISC server read yet (or none at all): ask after a later refresh. */
  if (n == 0)
    {
      self->access_checked = FALSE;
      return;
    }

  refs = g_strv_builder_end (builder);
  self->access_cancellable = g_cancellable_new ();
  mfm_client_check_write_access_async (self->client, (const char * const *) refs,
                                       self->access_cancellable, access_checked_cb,
                                       g_object_ref (self));
}


/* Health. After each refresh the state of every relationship goes into the history (a change
 * is announced with "state-changed"), then the scopes, pools and relationship lists of the
 * servers of the relationships are read, at most once per server and for at most
 * MFM_SESSION_HEALTH_MAX_SERVERS servers (those of the focused relationships first), and the
 * partner consistency rules run on them ("health-changed"). */

static void
set_checking_health (MfmSession *self,
                     gboolean    checking)
{
  if (self->checking_health == checking)
    return;

  self->checking_health = checking;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKING_HEALTH]);
}

static void
observe_states (MfmSession *self)
{
  GListModel *relationships = mfm_inventory_get_relationships (self->inventory);
  guint n = g_list_model_get_n_items (relationships);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);
      const char *name = mfm_relationship_get_name (relationship);
      g_autofree char *previous = NULL;

      if (name == NULL)
        continue;
      if (mfm_state_history_observe (self->history, name, mfm_relationship_get_state (relationship),
                                     now, &previous))
        {
          g_ptr_array_add (changed, g_strdup (name));
          g_ptr_array_add (changed, g_steal_pointer (&previous));
          g_ptr_array_add (changed, g_strdup (mfm_relationship_get_state (relationship)));
        }
    }

  /* Only a record of what was seen: a failure to write it costs the times after a restart. */
  if (!mfm_state_history_save (self->history, &error))
    g_warning ("Could not keep the failover states: %s", error->message);

  for (guint i = 0; i + 2 < changed->len; i += 3)
    g_signal_emit (self, signals[STATE_CHANGED], 0, g_ptr_array_index (changed, i),
                   g_ptr_array_index (changed, i + 1), g_ptr_array_index (changed, i + 2));
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

static void
compute_health (MfmSession *self,
                HealthOp   *op)
{
  GListModel *relationships = mfm_inventory_get_relationships (self->inventory);
  guint n = g_list_model_get_n_items (relationships);
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;

  g_hash_table_remove_all (self->health);
  g_hash_table_remove_all (self->health_read);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);
      const char *name = mfm_relationship_get_name (relationship);
      const char *primary_ref = mfm_relationship_get_primary_server_ref (relationship);
      const char *secondary_ref = mfm_relationship_get_secondary_server_ref (relationship);
      ServerHealthData *on_primary = NULL;
      ServerHealthData *on_secondary = NULL;
      MfmHealthInput input = { 0 };

      if (name == NULL)
        continue;

      if (op != NULL)
        {
          on_primary = health_op_lookup (op, primary_ref);
          on_secondary = health_op_lookup (op, secondary_ref);
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
            g_hash_table_add (self->health_read, g_strdup (name));
        }
      input.state_since = mfm_state_history_get_since (self->history, name);
      input.now = now;

      g_hash_table_insert (self->health, g_strdup (name), mfm_health_check (&input));
    }

  g_signal_emit (self, signals[HEALTH_CHANGED], 0);
}

static void
health_part_done (HealthOp *op)
{
  g_assert (op->n_outstanding > 0);

  if (--op->n_outstanding > 0)
    return;

  if (!g_cancellable_is_cancelled (op->cancellable))
    {
      MfmSession *self = op->session;

      if (self->health_cancellable == op->cancellable)
        g_clear_object (&self->health_cancellable);
      compute_health (self, op);
      set_checking_health (self, FALSE);
    }
  health_op_free (op);
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

  call->data->scopes = mfm_client_get_scopes_finish (MFM_CLIENT (object), result, &error);
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

static void
start_health_check (MfmSession *self)
{
  GListModel *relationships = mfm_inventory_get_relationships (self->inventory);
  guint n = g_list_model_get_n_items (relationships);
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) refs = g_ptr_array_new ();
  HealthOp *op;

  g_cancellable_cancel (self->health_cancellable);
  g_clear_object (&self->health_cancellable);

  for (guint i = 0; self->health_focus != NULL && self->health_focus[i] != NULL; i++)
    {
      MfmRelationship *relationship = mfm_inventory_lookup_relationship (self->inventory,
                                                                         self->health_focus[i]);

      if (relationship != NULL)
        add_relationship_servers (refs, relationship);
    }
  for (guint i = 0; i < n; i++)
    {
      MfmRelationship *relationship = g_list_model_get_item (relationships, i);

      g_ptr_array_add (held, relationship);
      add_relationship_servers (refs, relationship);
    }

  if (refs->len == 0)
    {
      compute_health (self, NULL);
      set_checking_health (self, FALSE);
      return;
    }

  self->health_cancellable = g_cancellable_new ();
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
      mfm_client_get_scopes_async (self->client, ref, op->cancellable, health_scopes_cb,
                                   scopes_call);
      mfm_client_get_relationships_async (self->client, ref, op->cancellable,
                                          health_relationships_cb, relationships_call);
    }

  /* The extra count keeps the op alive until every call has been started. */
  health_part_done (op);
}

static void
saved_shown (MfmSession *self)
{
  /* Not yet when this refresh may have read the estate before the save. */
  if (self->refresh_again)
    return;

  self->saved_pending = FALSE;
  self->saved_retry_delay = 0;
  g_clear_handle_id (&self->saved_retry_id, g_source_remove);
  if (self->saved_not_shown)
    {
      self->saved_not_shown = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_NOT_SHOWN]);
    }
}

static gboolean
saved_retry_cb (gpointer user_data)
{
  MfmSession *self = user_data;

  self->saved_retry_id = 0;
  mfm_session_refresh_async (self, NULL, NULL, NULL);

  return G_SOURCE_REMOVE;
}

/* Saved values must reach the tables: the refresh is tried again, sooner at first. */
static void
schedule_saved_retry (MfmSession *self)
{
  self->saved_retry_delay = CLAMP (self->saved_retry_delay * 2, 3, 60);
  g_clear_handle_id (&self->saved_retry_id, g_source_remove);
  self->saved_retry_id = g_timeout_add_seconds (self->saved_retry_delay, saved_retry_cb, self);
  g_source_set_name_by_id (self->saved_retry_id, "[mfm] refresh after save");
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(MfmSession) self = user_data;
  g_autoptr(GPtrArray) waiters = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = mfm_client_refresh_inventory_finish (MFM_CLIENT (object), result, &error);

  waiters = g_steal_pointer (&self->refresh_waiters);
  g_clear_object (&self->refresh_cancellable);

  if (ok)
    {
      const GError *incomplete = mfm_client_refresh_inventory_get_incomplete (MFM_CLIENT (object), result);

      update_pending (self);
      mfm_session_check_bases (self);
      set_last_error (self, NULL);
      set_incomplete (self, incomplete != NULL ? incomplete->message : NULL);
      saved_shown (self);
    }
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Flagged before the error is set, so that it is told as a save not shown yet. */
      gboolean newly_not_shown = self->saved_pending && !self->saved_not_shown;

      if (self->saved_pending)
        {
          self->saved_not_shown = TRUE;
          schedule_saved_retry (self);
        }
      set_last_error (self, mfm_error_get_sentence (error));
      if (newly_not_shown)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED_NOT_SHOWN]);
    }

  if (ok && !self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADED]);
    }

  set_loading (self, FALSE);

  if (ok)
    {
      observe_states (self);
      g_signal_emit (self, signals[REFRESHED], 0);
      start_health_check (self);
    }

  if (ok && !self->access_checked)
    check_access (self);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (ok)
        g_task_return_boolean (task, TRUE);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  if (self->refresh_again && self->refresh_waiters == NULL && self->client != NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->refresh_again = FALSE;
      mfm_session_refresh_async (self, NULL, NULL, NULL);
    }
}

static void
mfm_session_dispose (GObject *object)
{
  MfmSession *self = (MfmSession *)object;

  g_cancellable_cancel (self->refresh_cancellable);
  g_cancellable_cancel (self->health_cancellable);
  g_clear_object (&self->health_cancellable);
  g_cancellable_cancel (self->access_cancellable);
  g_clear_object (&self->journal);
  g_clear_object (&self->access_cancellable);
  g_clear_handle_id (&self->saved_retry_id, g_source_remove);

  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);
  if (self->watched_changes != NULL)
    {
      for (guint i = 0; i < self->watched_changes->len; i++)
        g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_changes, i), self);
      g_ptr_array_set_size (self->watched_changes, 0);
    }
  if (self->inventory != NULL)
    g_signal_handlers_disconnect_by_data (mfm_inventory_get_relationships (self->inventory), self);

  g_clear_object (&self->relationships);
  g_clear_object (&self->staged_new);
  g_clear_object (&self->changes);
  g_clear_object (&self->inventory);
  g_clear_object (&self->client);
  g_clear_object (&self->refresh_cancellable);

  G_OBJECT_CLASS (mfm_session_parent_class)->dispose (object);
}

static void
mfm_session_finalize (GObject *object)
{
  MfmSession *self = (MfmSession *)object;

  g_clear_pointer (&self->refresh_waiters, g_ptr_array_unref);
  g_clear_pointer (&self->watched_changes, g_ptr_array_unref);
  g_free (self->draft_error);
  g_free (self->server_url);
  g_free (self->user);
  g_free (self->last_error);
  g_free (self->incomplete);
  g_clear_object (&self->history);
  g_clear_pointer (&self->health, g_hash_table_unref);
  g_clear_pointer (&self->health_read, g_hash_table_unref);
  g_strfreev (self->health_focus);

  G_OBJECT_CLASS (mfm_session_parent_class)->finalize (object);
}

static void
mfm_session_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  MfmSession *self = MFM_SESSION (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_INVENTORY:
      g_value_set_object (value, self->inventory);
      break;

    case PROP_CHANGES:
      g_value_set_object (value, self->changes);
      break;

    case PROP_SERVER_URL:
      g_value_set_string (value, self->server_url);
      break;

    case PROP_USER:
      g_value_set_string (value, self->user);
      break;

    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;

    case PROP_RELATIONSHIPS:
      g_value_set_object (value, self->relationships);
      break;

    case PROP_LOADED:
      g_value_set_boolean (value, self->loaded);
      break;

    case PROP_DRAFT_ERROR:
      g_value_set_string (value, self->draft_error);
      break;

    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;

    case PROP_INCOMPLETE:
      g_value_set_string (value, self->incomplete);
      break;

    case PROP_SAVED_NOT_SHOWN:
      g_value_set_boolean (value, self->saved_not_shown);
      break;

    case PROP_CHECKING_HEALTH:
      g_value_set_boolean (value, self->checking_health);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_session_class_init (MfmSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_session_dispose;
  object_class->finalize = mfm_session_finalize;
  object_class->get_property = mfm_session_get_property;

  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         MFM_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL,
                         MFM_TYPE_INVENTORY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_CHANGES] =
    g_param_spec_object ("changes", NULL, NULL,
                         MFM_TYPE_CHANGE_SET,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /* The inventory's relationships followed by copies of the staged new ones. */
  properties[PROP_RELATIONSHIPS] =
    g_param_spec_object ("relationships", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* TRUE once the first refresh succeeded; tables attach to the lists then, rather than
   * rebuilding rows for each of thousands of objects arriving. */
  properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_SAVED_NOT_SHOWN] =
    g_param_spec_boolean ("saved-not-shown", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* Why the draft could not be written, or NULL; the window shows it until a write works. */
  properties[PROP_DRAFT_ERROR] =
    g_param_spec_string ("draft-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* TRUE once Micetro said the user may not change failover on any of the ISC servers. */
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* After the last refresh, what could not be read while the rest was (a sentence), or NULL. */
  properties[PROP_INCOMPLETE] =
    g_param_spec_string ("incomplete", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* The health checks after a refresh are reading the servers' scopes. */
  properties[PROP_CHECKING_HEALTH] =
    g_param_spec_boolean ("checking-health", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REFRESHED] =
    g_signal_new ("refreshed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* The findings of the relationships were computed again (after each refresh). */
  signals[HEALTH_CHANGED] =
    g_signal_new ("health-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* A refresh saw a relationship in another state than the one seen before (also across a
   * restart): name, previous state, new state (as Micetro gives them). */
  signals[STATE_CHANGED] =
    g_signal_new ("state-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);
}

static void
mfm_session_init (MfmSession *self)
{
  self->health = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_ptr_array_unref);
  self->health_read = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->inventory = mfm_inventory_new ();
  self->changes = mfm_change_set_new ();
  self->staged_new = g_list_store_new (MFM_TYPE_RELATIONSHIP);
  self->watched_changes = g_ptr_array_new_with_free_func (g_object_unref);
}

MfmSession *
mfm_session_new (MfmClient  *client,
                 const char *server_url,
                 const char *user)
{
  MfmSession *self;
  GListStore *parts;

  g_return_val_if_fail (MFM_IS_CLIENT (client), NULL);

  self = g_object_new (MFM_TYPE_SESSION, NULL);
  self->client = g_object_ref (client);
  self->server_url = g_strdup (server_url != NULL ? server_url : mfm_client_get_base_url (client));
  self->user = g_strdup (user != NULL ? user : mfm_client_get_user (client));
  {
    g_autofree char *history_path = mfm_state_history_get_path_for (self->server_url, self->user);

    self->history = mfm_state_history_new (history_path);
  }

  parts = g_list_store_new (G_TYPE_LIST_MODEL);
  g_list_store_append (parts, mfm_inventory_get_relationships (self->inventory));
  g_list_store_append (parts, self->staged_new);
  self->relationships = G_LIST_MODEL (gtk_flatten_list_model_new (G_LIST_MODEL (parts)));

  g_signal_connect_object (self->changes, "changed",
                           G_CALLBACK (changes_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (mfm_inventory_get_relationships (self->inventory), "items-changed",
                           G_CALLBACK (inventory_relationships_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

MfmClient *
mfm_session_get_client (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->client;
}

MfmDialect *
mfm_session_get_dialect (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return mfm_client_get_dialect (self->client);
}

MfmInventory *
mfm_session_get_inventory (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->inventory;
}

MfmChangeSet *
mfm_session_get_changes (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->changes;
}

const char *
mfm_session_get_server_url (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->server_url;
}

const char *
mfm_session_get_user (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->user;
}

gboolean
mfm_session_get_loaded (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);

  return self->loaded;
}

gboolean
mfm_session_get_loading (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);

  return self->loading;
}

/**
 * mfm_session_get_relationships:
 *
 * Returns: (transfer none): the inventory's relationships followed by the staged new ones
 */
GListModel *
mfm_session_get_relationships (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->relationships;
}

const char *
mfm_session_get_last_error (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->last_error;
}

void
mfm_session_refresh_async (MfmSession          *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gboolean start;

  g_return_if_fail (MFM_IS_SESSION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfm_session_refresh_async);

  start = self->refresh_waiters == NULL;
  if (start)
    self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&task));

  if (!start)
    return;

  self->refresh_cancellable = g_cancellable_new ();
  set_loading (self, TRUE);
  mfm_client_refresh_inventory_async (self->client,
                                      self->inventory,
                                      self->refresh_cancellable,
                                      refresh_cb,
                                      g_object_ref (self));
}

gboolean
mfm_session_refresh_finish (MfmSession    *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
mfm_session_stage (MfmSession *self,
                   MfmChange  *change)
{
  g_return_if_fail (MFM_IS_SESSION (self));
  g_return_if_fail (MFM_IS_CHANGE (change));

  /* The change set emits "changed"; the handler updates the badges and saves the draft. */
  mfm_change_set_add (self->changes, change);
}

/**
 * mfm_session_restore_draft:
 *
 * Loads the draft saved for this server and user into the change set.
 * Returns: the number of staged changes restored (0 when there is no draft)
 */
guint
mfm_session_restore_draft (MfmSession  *self,
                           GError     **error)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), 0);

  if (!mfm_drafts_load (self->changes, self->server_url, self->user, error))
    return 0;

  /* Loading may replace the content without a "changed" emission. */
  update_pending (self);

  return mfm_change_set_get_n_changes (self->changes);
}

/**
 * mfm_session_peek_draft:
 *
 * Returns: the number of changes in the draft saved for this server and user, without
 *   touching the session's change set; 0 with @error set when the draft cannot be read, in
 *   which case it is moved aside rather than left to be overwritten by the next change
 */
guint
mfm_session_peek_draft (MfmSession  *self,
                        GError     **error)
{
  g_autoptr(MfmChangeSet) draft = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MFM_IS_SESSION (self), 0);

  draft = mfm_change_set_new ();
  if (!mfm_drafts_load (draft, self->server_url, self->user, &local_error))
    {
      if (local_error != NULL)
        {
          g_debug ("Could not read the draft: %s", local_error->message);
          mfm_drafts_set_aside (self->server_url, self->user);
          g_propagate_error (error, g_steal_pointer (&local_error));
        }
      return 0;
    }

  return mfm_change_set_get_n_changes (draft);
}

const char *
mfm_session_get_draft_error (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->draft_error;
}

gboolean
mfm_session_save_draft (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);

  return save_draft (self);
}

/* What a draft still holds to save: changes a save finished are done, and one that was on its
 * way when the application stopped may have been made. */
static MfmChangeSet *
read_draft (const char  *path,
            GError     **error)
{
  g_autoptr(MfmChangeSet) draft = mfm_change_set_new ();
  g_autoptr(MfmChangeSet) left = mfm_change_set_new ();
  g_autoptr(GError) local_error = NULL;

  if (!mfm_drafts_load_path (draft, path, &local_error))
    {
      if (local_error == NULL)
        return g_steal_pointer (&left);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  for (guint i = 0; i < mfm_change_set_get_n_changes (draft); i++)
    {
      MfmChange *change = mfm_change_set_get_change (draft, i);

      switch (mfm_change_get_status (change))
        {
        case MFM_CHANGE_STATUS_APPLIED:
          continue;

        case MFM_CHANGE_STATUS_APPLYING:
          mfm_change_set_error_message (change, _("Failover Manager stopped while this change was on its way to the server."));
          mfm_change_set_status (change, MFM_CHANGE_STATUS_UNKNOWN);
          break;

        case MFM_CHANGE_STATUS_PENDING:
        case MFM_CHANGE_STATUS_FAILED:
        case MFM_CHANGE_STATUS_UNKNOWN:
        default:
          break;
        }
      mfm_change_set_add (left, change);
    }

  return g_steal_pointer (&left);
}

char **
mfm_session_take_drafts (MfmSession  *self,
                         GError     **error)
{
  g_autoptr(GPtrArray) taken = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) keep_error = NULL;
  g_autofree char *kept = NULL;
  g_auto(GStrv) aside = NULL;
  gboolean unreadable = FALSE;

  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  /* The draft of this server and user: read where it is, so one that cannot be read is set
   * aside under its own name, then kept aside for the question. */
  {
    g_autofree char *own_path = mfm_drafts_get_path (self->server_url, self->user);
    g_autoptr(GError) read_error = NULL;
    g_autoptr(MfmChangeSet) left = NULL;

    if (g_file_test (own_path, G_FILE_TEST_EXISTS))
      left = read_draft (own_path, &read_error);

    if (read_error != NULL)
      {
        g_debug ("Could not read the draft: %s", read_error->message);
        mfm_drafts_set_aside_path (own_path);
        unreadable = TRUE;
      }
    else if (left != NULL && mfm_change_set_get_n_changes (left) == 0)
      g_unlink (own_path);
    else if (left != NULL)
      {
        kept = mfm_drafts_keep_aside (self->server_url, self->user, &keep_error);
        if (keep_error != NULL)
          {
            /* Offered from where it is. */
            g_debug ("%s", keep_error->message);
            kept = g_steal_pointer (&own_path);
          }
      }
  }

  aside = mfm_drafts_list_aside (self->server_url, self->user);
  for (guint i = 0; aside[i] != NULL; i++)
    {
      if (g_strcmp0 (aside[i], kept) != 0)
        g_ptr_array_add (taken, g_strdup (aside[i]));
    }
  if (kept != NULL)
    g_ptr_array_add (taken, g_steal_pointer (&kept));

  for (guint i = taken->len; i > 0; i--)
    {
      const char *path = g_ptr_array_index (taken, i - 1);
      g_autoptr(GError) read_error = NULL;
      g_autoptr(MfmChangeSet) left = read_draft (path, &read_error);

      if (left == NULL)
        {
          g_debug ("Could not read the draft %s: %s", path, read_error->message);
          mfm_drafts_set_aside_path (path);
          unreadable = TRUE;
          g_ptr_array_remove_index (taken, i - 1);
        }
      else if (mfm_change_set_get_n_changes (left) == 0)
        {
          g_unlink (path);
          g_ptr_array_remove_index (taken, i - 1);
        }
    }

  if (unreadable)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                         _("The changes you staged last time could not be read, so they cannot be restored."));

  g_ptr_array_add (taken, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&taken), FALSE);
}

MfmChangeSet *
mfm_session_read_draft (MfmSession  *self,
                        const char  *path,
                        GError     **error)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return read_draft (path, error);
}

guint
mfm_session_restore_taken_draft (MfmSession  *self,
                                 const char  *path,
                                 GError     **error)
{
  g_autoptr(MfmChangeSet) left = NULL;
  g_autofree char *own_path = NULL;
  guint n;

  g_return_val_if_fail (MFM_IS_SESSION (self), 0);
  g_return_val_if_fail (path != NULL, 0);

  own_path = mfm_drafts_get_path (self->server_url, self->user);
  left = read_draft (path, error);
  if (left == NULL)
    return 0;

  /* One by one, as if staged now: each can be undone, and the draft follows. */
  n = mfm_change_set_get_n_changes (left);
  for (guint i = 0; i < n; i++)
    mfm_change_set_add (self->changes, mfm_change_set_get_change (left, i));

  /* The taken file goes only once this session's draft holds its changes. */
  if (n > 0 && self->draft_error == NULL && g_strcmp0 (path, own_path) != 0)
    g_unlink (path);

  return n;
}

void
mfm_session_discard_taken_draft (MfmSession *self,
                                 const char *path)
{
  g_return_if_fail (MFM_IS_SESSION (self));
  g_return_if_fail (path != NULL);

  g_unlink (path);
}

/**
 * mfm_session_get_read_only:
 *
 * Returns: TRUE when Micetro said, asked after the first load without changing anything, that
 *   the user may not change failover on any of the ISC servers; FALSE when it said otherwise
 *   or could not tell
 */
gboolean
mfm_session_get_read_only (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);

  return self->read_only;
}

/**
 * mfm_session_get_incomplete:
 *
 * Returns: (nullable): after the last refresh, a sentence saying what could not be read while
 *   the rest was (that part keeps what it had), or NULL when everything was read
 */
const char *
mfm_session_get_incomplete (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return self->incomplete;
}

/* Refreshes after changes were saved. When that refresh fails, "saved-not-shown" turns TRUE
 * (the tables still show what was read before the save) and the refresh is tried again until
 * one succeeds. */
void
mfm_session_refresh_after_save (MfmSession *self)
{
  g_return_if_fail (MFM_IS_SESSION (self));

  self->saved_pending = TRUE;
  /* The refresh running now may have read the estate before the save: one more follows it. */
  if (self->refresh_waiters != NULL)
    self->refresh_again = TRUE;
  mfm_session_refresh_async (self, NULL, NULL, NULL);
}

gboolean
mfm_session_get_saved_not_shown (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);

  return self->saved_not_shown;
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

/* Change files */

static char *
normalize_url (const char *url)
{
  g_autofree char *copy = g_strstrip (g_strdup (url != NULL ? url : ""));
  gsize len = strlen (copy);

  while (len > 0 && copy[len - 1] == '/')
    copy[--len] = '\0';

  return g_ascii_strdown (copy, -1);
}

gboolean
mfm_session_export_changes (MfmSession  *self,
                            GFile       *file,
                            GError     **error)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(MfmChangeSet) copy = mfm_change_set_new ();
  guint n;

  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  /* A copy, so that the values planned against go into the file and not into the draft. */
  variant = g_variant_ref_sink (mfm_change_set_serialize (self->changes));
  if (!mfm_change_set_deserialize (copy, variant, error))
    return FALSE;

  n = mfm_change_set_get_n_changes (copy);
  for (guint i = 0; i < n; i++)
    {
      MfmChange *change = mfm_change_set_get_change (copy, i);

      /* A change opened from a file keeps what it was planned against. */
      if (!mfm_change_has_base (change))
        mfm_change_set_base (change,
                             mfm_inventory_lookup_relationship (self->inventory,
                                                                mfm_change_get_relationship_name (change)));
    }

  return mfm_change_file_save (copy, self->server_url, self->user, file, error);
}

guint
mfm_session_check_bases (MfmSession *self)
{
  guint n;
  guint moved = 0;

  g_return_val_if_fail (MFM_IS_SESSION (self), 0);

  n = mfm_change_set_get_n_changes (self->changes);
  for (guint i = 0; i < n; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);

      if (!mfm_change_has_base (change) ||
          mfm_change_get_status (change) == MFM_CHANGE_STATUS_APPLIED)
        continue;
      if (mfm_change_check_base (change,
                                 mfm_inventory_lookup_relationship (self->inventory,
                                                                    mfm_change_get_relationship_name (change))) > 0)
        moved++;
    }

  return moved;
}

guint
mfm_session_open_changes (MfmSession  *self,
                          GFile       *file,
                          char       **author,
                          GDateTime  **planned,
                          GError     **error)
{
  g_autoptr(MfmChangeSet) loaded = NULL;
  g_autofree char *server_url = NULL;
  g_autofree char *file_url = NULL;
  g_autofree char *our_url = NULL;
  guint n;
  guint staged = 0;

  g_return_val_if_fail (MFM_IS_SESSION (self), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  loaded = mfm_change_file_load (file, &server_url, author, planned, error);
  if (loaded == NULL)
    return 0;

  file_url = normalize_url (server_url);
  our_url = normalize_url (self->server_url);
  if (g_strcmp0 (file_url, our_url) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* Translators: the first %s is the server the changes were planned for,
                    * the second the one this window is connected to */
                   _("These changes were planned for %s, but this window is connected to %s. Connect to that server to review them."),
                   *server_url != '\0' ? server_url : _("an unnamed server"), self->server_url);
      if (author != NULL)
        g_clear_pointer (author, g_free);
      if (planned != NULL)
        g_clear_pointer (planned, g_date_time_unref);
      return 0;
    }

  n = mfm_change_set_get_n_changes (loaded);
  for (guint i = 0; i < n; i++)
    {
      MfmChange *change = mfm_change_set_get_change (loaded, i);

      /* What was done before the file was written is not done again. */
      if (mfm_change_get_status (change) == MFM_CHANGE_STATUS_APPLIED)
        continue;
      mfm_change_set_error_message (change, NULL);
      mfm_change_set_status (change, MFM_CHANGE_STATUS_PENDING);
      /* A file without planned-against values says the server had nothing to compare. */
      if (!mfm_change_has_base (change))
        mfm_change_set_base (change, NULL);
      mfm_change_check_base (change,
                             mfm_inventory_lookup_relationship (self->inventory,
                                                                mfm_change_get_relationship_name (change)));
      mfm_session_stage (self, change);
      staged++;
    }

  return staged;
}

/* Saved-changes journal */

gboolean
mfm_session_journal_begin (MfmSession  *self,
                           const char  *comment,
                           GError     **error)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);

  g_clear_object (&self->journal);
  self->journal = mfm_journal_entry_begin (self->changes, self->inventory, self->client,
                                           self->server_url, self->user, comment, error);

  return self->journal != NULL;
}

void
mfm_session_journal_end (MfmSession *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (MFM_IS_SESSION (self));

  if (self->journal == NULL)
    return;

  if (!mfm_journal_entry_update (self->journal, TRUE, &error))
    g_warning ("Could not finish the saved-changes journal entry: %s", error->message);
  g_clear_object (&self->journal);
}

guint
mfm_session_stage_undo (MfmSession       *self,
                        MfmJournalEntry  *entry,
                        GError          **error)
{
  g_autoptr(GHashTable) left = NULL;
  MfmChangeSet *saved;
  guint staged = 0;

  g_return_val_if_fail (MFM_IS_SESSION (self), 0);
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (entry), 0);

  if (g_strcmp0 (mfm_journal_entry_get_server_url (entry), self->server_url) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This save was made on %s; connect to that server to undo it."),
                   mfm_journal_entry_get_server_url (entry));
      return 0;
    }

  saved = mfm_journal_entry_get_changes (entry);

  /* What the save left of each relationship, after its last change: the server should still
   * have that, or something moved since. */
  left = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  for (guint i = 0; i < mfm_change_set_get_n_changes (saved); i++)
    {
      MfmChange *change = mfm_change_set_get_change (saved, i);
      MfmChangeStatus status = mfm_change_get_status (change);

      if (status != MFM_CHANGE_STATUS_APPLIED && status != MFM_CHANGE_STATUS_UNKNOWN &&
          status != MFM_CHANGE_STATUS_APPLYING)
        continue;
      if (mfm_change_get_kind (change) == MFM_CHANGE_REMOVE)
        g_hash_table_remove (left, mfm_change_get_relationship_name (change));
      else
        g_hash_table_replace (left, g_strdup (mfm_change_get_relationship_name (change)),
                              g_object_ref (mfm_change_get_relationship (change)));
    }

  /* Last change first, so that each step finds what the one after it left. */
  for (guint i = mfm_change_set_get_n_changes (saved); i > 0; i--)
    {
      MfmChange *change = mfm_change_set_get_change (saved, i - 1);
      MfmChangeStatus status = mfm_change_get_status (change);
      g_autoptr(MfmChange) inverse = NULL;

      if (status != MFM_CHANGE_STATUS_APPLIED && status != MFM_CHANGE_STATUS_UNKNOWN &&
          status != MFM_CHANGE_STATUS_APPLYING)
        continue;

      inverse = mfm_change_new_inverse (change);
      if (inverse == NULL)
        continue;
      if (status != MFM_CHANGE_STATUS_APPLIED)
        {
          const char *note = mfm_change_get_note (inverse);
          g_autofree char *text = g_strdup_printf ("%s%s%s",
                                                   _("It is not known whether the server made the change this takes back."),
                                                   note != NULL ? " " : "", note != NULL ? note : "");

          mfm_change_set_note (inverse, text);
        }
      mfm_change_set_base (inverse, g_hash_table_lookup (left, mfm_change_get_relationship_name (inverse)));
      mfm_change_check_base (inverse,
                             mfm_inventory_lookup_relationship (self->inventory,
                                                                mfm_change_get_relationship_name (inverse)));
      mfm_session_stage (self, inverse);
      staged++;
    }

  return staged;
}
