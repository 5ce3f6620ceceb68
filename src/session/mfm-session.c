/* mfm-session.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-session"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-error.h"
#include "mfm-joined-model.h"
#include "mfm-session.h"
#include "mfm-session-private.h"

G_DEFINE_FINAL_TYPE (MfmSession, mfm_session, G_TYPE_OBJECT)

GParamSpec *_mfm_session_properties[N_PROPS];
guint _mfm_session_signals[N_SIGNALS];

static void
set_loading (MfmSession *self,
             gboolean    loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_LOADING]);
}

static void
set_last_error (MfmSession *self,
                const char *last_error)
{
  if (g_strcmp0 (self->last_error, last_error) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (last_error);
  g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_LAST_ERROR]);
}

static void
set_incomplete (MfmSession *self,
                const char *incomplete)
{
  if (g_strcmp0 (self->incomplete, incomplete) == 0)
    return;

  g_free (self->incomplete);
  self->incomplete = g_strdup (incomplete);
  g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_INCOMPLETE]);
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
  _mfm_session_save_draft (self);
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

  _mfm_session_update_pending (self);
  watch_changes (self);
  _mfm_session_save_draft (self);
}

static void
inventory_relationships_changed_cb (MfmSession *self,
                                    guint       position,
                                    guint       removed,
                                    guint       added,
                                    GListModel *model)
{
  g_assert (MFM_IS_SESSION (self));

  self->relationships_changes++;
  _mfm_session_mark_added_relationships (self, model, position, added);
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
      g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_READ_ONLY]);
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
      g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_SAVED_NOT_SHOWN]);
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

/* Returns the refresh to its callers (@error NULL: it succeeded), and starts the one a save
 * asked for while it ran. */
static void
refresh_end (MfmSession   *self,
             GPtrArray    *waiters,
             const GError *error)
{
  if (error == NULL && !self->access_checked)
    check_access (self);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      if (g_task_return_error_if_cancelled (task))
        continue;
      if (error == NULL)
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

void
_mfm_session_refresh_observed (MfmSession *self,
                               GPtrArray  *waiters)
{
  g_signal_emit (self, _mfm_session_signals[REFRESHED], 0);
  _mfm_session_check_health (self);
  refresh_end (self, waiters, NULL);
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

      _mfm_session_update_pending (self);
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
        g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_SAVED_NOT_SHOWN]);
    }

  if (ok && !self->loaded)
    {
      self->loaded = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_LOADED]);
    }

  set_loading (self, FALSE);

  if (ok)
    {
      _mfm_session_observe_states (self, g_steal_pointer (&waiters));
      return;
    }

  refresh_end (self, waiters, error);
}

static void
mfm_session_dispose (GObject *object)
{
  MfmSession *self = (MfmSession *)object;

  g_cancellable_cancel (self->refresh_cancellable);
  _mfm_session_cancel_observing (self);
  _mfm_session_scopes_dispose (self);
  g_cancellable_cancel (self->health_cancellable);
  g_clear_object (&self->health_cancellable);
  /* The states seen are written in a thread; the end of the session keeps them. */
  if (self->history != NULL)
    mfm_state_history_wait_for_saves (self->history);
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
  g_clear_pointer (&self->pending_marked, g_hash_table_unref);
  g_clear_pointer (&self->counts_marked, g_hash_table_unref);
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

  _mfm_session_properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         MFM_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  _mfm_session_properties[PROP_INVENTORY] =
    g_param_spec_object ("inventory", NULL, NULL,
                         MFM_TYPE_INVENTORY,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  _mfm_session_properties[PROP_CHANGES] =
    g_param_spec_object ("changes", NULL, NULL,
                         MFM_TYPE_CHANGE_SET,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  _mfm_session_properties[PROP_SERVER_URL] =
    g_param_spec_string ("server-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  _mfm_session_properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  _mfm_session_properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  _mfm_session_properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /* The inventory's relationships followed by copies of the staged new ones. */
  _mfm_session_properties[PROP_RELATIONSHIPS] =
    g_param_spec_object ("relationships", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* TRUE once the first refresh succeeded; tables attach to the lists then, rather than
   * rebuilding rows for each of thousands of objects arriving. */
  _mfm_session_properties[PROP_LOADED] =
    g_param_spec_boolean ("loaded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  _mfm_session_properties[PROP_SAVED_NOT_SHOWN] =
    g_param_spec_boolean ("saved-not-shown", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* Why the draft could not be written, or NULL; the window shows it until a write works. */
  _mfm_session_properties[PROP_DRAFT_ERROR] =
    g_param_spec_string ("draft-error", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* TRUE once Micetro said the user may not change failover on any of the ISC servers. */
  _mfm_session_properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* After the last refresh, what could not be read while the rest was (a sentence), or NULL. */
  _mfm_session_properties[PROP_INCOMPLETE] =
    g_param_spec_string ("incomplete", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /* The health checks after a refresh are reading the servers' scopes. */
  _mfm_session_properties[PROP_CHECKING_HEALTH] =
    g_param_spec_boolean ("checking-health", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, _mfm_session_properties);

  _mfm_session_signals[REFRESHED] =
    g_signal_new ("refreshed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* The findings of the relationships were computed again (after each refresh). */
  _mfm_session_signals[HEALTH_CHANGED] =
    g_signal_new ("health-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* A refresh saw a relationship in another state than the one seen before (also across a
   * restart): name, previous state, new state (as Micetro gives them). */
  _mfm_session_signals[STATE_CHANGED] =
    g_signal_new ("state-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_STRING, G_TYPE_STRING);

  /**
   * MfmSession::save-progress:
   * @done: how many changes of the save have been sent and answered
   * @total: how many changes the save sends
   *
   * While mfm_session_save_async() runs, after each change.
   */
  _mfm_session_signals[SAVE_PROGRESS] =
    g_signal_new ("save-progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  /**
   * MfmSession::load-progress:
   * @loaded: how many servers of the list have been read
   * @total: how many servers the list has
   *
   * While the list of servers is read, after each of its pages.
   */
  _mfm_session_signals[LOAD_PROGRESS] =
    g_signal_new ("load-progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
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
  /* Nothing read, nothing staged: nothing carries a staged mark. */
  self->pending_clear = TRUE;
  self->pending_marked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->counts_marked = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
  self->watched_changes = g_ptr_array_new_with_free_func (g_object_unref);
  _mfm_session_scopes_init (self);
}

/* Only the servers come in pages worth telling; the relationships are one answer and a
 * save's steps are "save-progress". */
static void
client_progress_cb (MfmSession        *self,
                    MfmClientProgress  what,
                    guint              done,
                    guint              total,
                    MfmClient         *client)
{
  if (what == MFM_CLIENT_PROGRESS_SERVERS)
    g_signal_emit (self, _mfm_session_signals[LOAD_PROGRESS], 0, done, total);
}

MfmSession *
mfm_session_new (MfmClient  *client,
                 const char *server_url,
                 const char *user)
{
  MfmSession *self;
  GListModel *inventory_relationships;

  g_return_val_if_fail (MFM_IS_CLIENT (client), NULL);

  self = g_object_new (MFM_TYPE_SESSION, NULL);
  self->client = g_object_ref (client);
  self->server_url = g_strdup (server_url != NULL ? server_url : mfm_client_get_base_url (client));
  self->user = g_strdup (user != NULL ? user : mfm_client_get_user (client));
  {
    g_autofree char *history_path = mfm_state_history_get_path_for (self->server_url, self->user);

    self->history = mfm_state_history_new (history_path);
  }

  inventory_relationships = mfm_inventory_get_relationships (self->inventory);
  self->relationships = G_LIST_MODEL (mfm_joined_model_new (MFM_TYPE_RELATIONSHIP,
                                                            inventory_relationships,
                                                            G_LIST_MODEL (self->staged_new)));

  g_signal_connect_object (self->changes, "changed",
                           G_CALLBACK (changes_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "progress",
                           G_CALLBACK (client_progress_cb), self,
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

  /* The last refresh ends before this one changes the store under its states. */
  _mfm_session_finish_observing (self);

  start = self->refresh_waiters == NULL;
  if (start)
    self->refresh_waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (self->refresh_waiters, g_steal_pointer (&task));

  if (!start)
    return;

  self->refresh_cancellable = g_cancellable_new ();
  /* The inventory changes under the health checks: they start again after the refresh. */
  _mfm_session_cancel_health (self);
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

MfmRelationship *
mfm_session_dup_projected_relationship (MfmSession *self,
                                        const char *name)
{
  MfmRelationship *current;

  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  if (name == NULL || *name == '\0')
    return NULL;

  current = mfm_inventory_lookup_relationship (self->inventory, name);

  return mfm_change_set_project (self->changes, name, current);
}

GListModel *
mfm_session_dup_staged_relationships (MfmSession *self)
{
  g_autoptr(GPtrArray) added = NULL;
  GListStore *store;

  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  store = g_list_store_new (MFM_TYPE_RELATIONSHIP);
  added = mfm_change_set_get_added_relationships (self->changes);

  for (guint i = 0; added != NULL && i < added->len; i++)
    g_list_store_append (store, g_ptr_array_index (added, i));

  return G_LIST_MODEL (store);
}
