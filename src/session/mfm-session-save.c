/* mfm-session-save.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-session-save"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-call-text.h"
#include "mfm-error.h"
#include "mfm-session.h"
#include "mfm-session-private.h"

/* Only a save's steps are passed on; the client's page loads are left to the refresh. */
static void
client_progress_cb (MfmSession        *self,
                    MfmClientProgress  what,
                    guint              done,
                    guint              total,
                    MfmClient         *client)
{
  if (what != MFM_CLIENT_PROGRESS_APPLYING)
    return;

  g_signal_emit (self, _mfm_session_signals[SAVE_PROGRESS], 0, done, total);
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  gulong handler = GPOINTER_TO_SIZE (g_task_get_task_data (task));
  g_autoptr(GError) error = NULL;

  g_signal_handler_disconnect (object, handler);

  if (!mfm_client_apply_changes_finish (MFM_CLIENT (object), result, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_boolean (task, TRUE);
}

void
mfm_session_save_async (MfmSession          *self,
                        const char          *comment,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  gulong handler;

  g_return_if_fail (MFM_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfm_session_save_async);

  handler = g_signal_connect_object (self->client, "progress",
                                     G_CALLBACK (client_progress_cb), self,
                                     G_CONNECT_SWAPPED);
  g_task_set_task_data (task, GSIZE_TO_POINTER (handler), NULL);

  mfm_client_apply_changes_async (self->client, self->changes,
                                  (comment != NULL && *comment != '\0') ? comment : NULL,
                                  cancellable, apply_cb, g_steal_pointer (&task));
}

gboolean
mfm_session_save_finish (MfmSession    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == mfm_session_save_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
logout_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  mfm_client_logout_finish (MFM_CLIENT (object), result);
}

void
mfm_session_logout (MfmSession *self)
{
  g_return_if_fail (MFM_IS_SESSION (self));

  mfm_client_logout_async (self->client, NULL, logout_cb, NULL);
}

char *
mfm_session_describe_calls (MfmSession *self,
                            MfmChange  *change,
                            const char *comment)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);
  g_return_val_if_fail (MFM_IS_CHANGE (change), NULL);

  return mfm_call_text_for_change (change, comment, self->client);
}

MfmApiLog *
mfm_session_get_api_log (MfmSession *self)
{
  g_return_val_if_fail (MFM_IS_SESSION (self), NULL);

  return mfm_client_get_api_log (self->client);
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
