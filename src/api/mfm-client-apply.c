/* mfm-client-apply.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-client-apply"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfm-client.h"
#include "mfm-client-private.h"
#include "mfm-wire.h"

/* Writing: each call sent exactly as mfm_wire_calls_for_change() lists it for the
 * review window, and a change set applied in order, where a change whose request got no
 * answer is read back from the server before it is sent again. */

/* ---------------------------------------------------------------------------------------- */
/* Writing                                                                                   */

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = _mfm_client_call_finish (MFM_CLIENT (source), result, &error);
  if (node == NULL)
    {
      /* Sent whole, and no word from Micetro came back: the server may have done it. The
       * mark is read by apply_call_cb(). */
      if (_mfm_client_call_was_sent (result, error))
        g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

/* Sends exactly what mfm_wire_calls_for_change() lists for the review window. */
static void
send_wire_call (MfmClient           *self,
                const MfmWireCall   *call,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = _mfm_client_task_new (self, cancellable, callback, user_data, send_wire_call);

  _mfm_client_call_async (self, call->method, json_object_ref (json_node_get_object (call->params)),
                          MFM_CALL_DEFAULT, cancellable, write_cb, task);
}

/* ---------------------------------------------------------------------------------------- */
/* Applying a change set                                                                     */

typedef struct
{
  MfmChangeSet *changes;
  char         *comment;
  GCancellable *cancellable;
  GPtrArray    *todo;        /* MfmChange, in order */
  guint         position;
  GPtrArray    *calls;       /* of the change being applied */
  guint         call_index;
  gboolean      read_back;   /* the change at position was checked on the server */
} ApplyOp;

static void
apply_op_free (ApplyOp *op)
{
  g_clear_object (&op->changes);
  g_free (op->comment);
  g_clear_object (&op->cancellable);
  g_clear_pointer (&op->todo, g_ptr_array_unref);
  g_clear_pointer (&op->calls, g_ptr_array_unref);
  g_free (op);
}

static void apply_next_call (GTask *task);

static char *
message_for_change (const GError *error)
{
  const char *words = mfm_error_get_server_message (error);

  /* No word from Micetro (no answer, or a web server's page such as "HTTP 502 Bad Gateway"):
   * the sentence. */
  if (!mfm_error_is_refusal (error) || g_error_matches (error, MFM_ERROR, MFM_ERROR_STANDBY) ||
      words == NULL)
    return g_strdup (mfm_error_get_sentence (error));

  /* The server's own words. */
  while (*words == ' ')
    words++;

  if (*words == '\0')
    return g_strdup (mfm_error_get_sentence (error));

  /* Micetro's words for 1028 can be as short as "Access denied": the sentence about
   * permissions comes first, its words after. */
  if (g_error_matches (error, MFM_ERROR, MFM_ERROR_PERMISSION))
    /* Translators: a sentence, then the server's own words */
    return g_strdup_printf (_("%s Micetro said: “%s”"), mfm_error_get_sentence (error), words);

  return g_strdup (words);
}

/* Why a request that went out got no answer; never "could not be reached" or "refused". */
static const char *
message_for_unanswered (const GError *error)
{
  if (g_error_matches (error, MFM_ERROR, MFM_ERROR_TIMEOUT))
    return mfm_error_get_sentence (error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return _("Saving was stopped while this change was on its way to the server.");
  if (g_error_matches (error, MFM_ERROR, MFM_ERROR_NETWORK))
    return _("The connection to the server ended before it answered.");

  /* An unreadable answer, or a web server's error page instead of Micetro's. */
  return mfm_error_get_sentence (error);
}

static void
read_back_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfmClient *self = MFM_CLIENT (source);
  ApplyOp *op = g_task_get_task_data (task);
  MfmChange *change = g_ptr_array_index (op->todo, op->position);
  g_autoptr(GPtrArray) relationships = NULL;
  MfmRelationship *current = NULL;
  GError *error = NULL;

  relationships = mfm_client_get_relationships_finish (self, result, &error);
  if (relationships == NULL)
    {
      /* Still not known: it stays so, and the save stops here. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        mfm_change_set_error_message (change, message_for_change (error));
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < relationships->len && current == NULL; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);

      if (g_strcmp0 (mfm_relationship_get_name (relationship),
                     mfm_change_get_relationship_name (change)) == 0)
        current = relationship;
    }

  if (mfm_change_is_applied_in (change, current))
    {
      /* The server made it last time: done, without sending it again. */
      g_debug ("“%s” is already on the server", mfm_change_get_title (change));
      mfm_change_set_error_message (change, NULL);
      mfm_change_set_status (change, MFM_CHANGE_STATUS_APPLIED);
      op->position++;
      op->read_back = FALSE;
      _mfm_client_emit_progress (self, MFM_CLIENT_PROGRESS_APPLYING, op->position,
                                 op->todo->len);
    }

  apply_next_call (g_steal_pointer (&task));
}

static void
apply_call_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApplyOp *op = g_task_get_task_data (task);
  MfmChange *change = g_ptr_array_index (op->todo, op->position);
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* The request went out and no answer came: the next save reads the server back first
       * rather than doing it twice or calling it refused. */
      if (g_task_get_task_data (G_TASK (result)) != NULL)
        {
          mfm_change_set_error_message (change, message_for_unanswered (error));
          mfm_change_set_status (change, MFM_CHANGE_STATUS_UNKNOWN);
        }
      /* Cancelling before it went out is not a failure of the change: it stays staged. */
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          mfm_change_set_status (change, MFM_CHANGE_STATUS_PENDING);
        }
      else
        {
          g_autofree char *message = message_for_change (error);

          mfm_change_set_error_message (change, message);
          mfm_change_set_status (change, MFM_CHANGE_STATUS_FAILED);
        }
      g_task_return_error (task, error);
      return;
    }

  op->call_index++;
  apply_next_call (g_steal_pointer (&task));
}

static void
apply_next_call (GTask *task)
{
  ApplyOp *op = g_task_get_task_data (task);
  MfmClient *self = g_task_get_source_object (task);

  for (;;)
    {
      MfmChange *change;

      if (op->calls != NULL && op->call_index < op->calls->len)
        {
          send_wire_call (self, g_ptr_array_index (op->calls, op->call_index), op->cancellable,
                          apply_call_cb, task);
          return;
        }

      if (op->calls != NULL)
        {
          /* Every call of the current change went through. */
          change = g_ptr_array_index (op->todo, op->position);
          mfm_change_set_status (change, MFM_CHANGE_STATUS_APPLIED);
          op->position++;
          _mfm_client_emit_progress (self, MFM_CLIENT_PROGRESS_APPLYING, op->position,
                                     op->todo->len);
          g_clear_pointer (&op->calls, g_ptr_array_unref);
        }

      if (op->position >= op->todo->len)
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }

      change = g_ptr_array_index (op->todo, op->position);

      /* The last attempt got no answer: read the server back before sending it again. */
      if (mfm_change_get_status (change) == MFM_CHANGE_STATUS_UNKNOWN && !op->read_back)
        {
          MfmRelationship *relationship = mfm_change_get_relationship (change);

          op->read_back = TRUE;
          mfm_client_get_relationships_async (self,
                                              relationship != NULL ? mfm_relationship_get_primary_server_ref (relationship) : NULL,
                                              op->cancellable, read_back_cb, task);
          return;
        }
      op->read_back = FALSE;

      mfm_change_set_error_message (change, NULL);
      mfm_change_set_status (change, MFM_CHANGE_STATUS_APPLYING);
      op->calls = mfm_wire_calls_for_change (change, op->comment,
                                             mfm_dialect_get_wire (self->dialect));
      op->call_index = 0;
    }
}

void
mfm_client_apply_changes_async (MfmClient           *self,
                                MfmChangeSet        *changes,
                                const char          *comment,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  ApplyOp *op;
  guint n;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (MFM_IS_CHANGE_SET (changes));

  task = _mfm_client_task_new (self, cancellable, callback, user_data,
                               mfm_client_apply_changes_async);
  op = g_new0 (ApplyOp, 1);
  op->changes = g_object_ref (changes);
  op->comment = g_strdup (comment);
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->todo = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, op, (GDestroyNotify) apply_op_free);

  /* Pending ones and those that failed last time; the applied ones are done. */
  n = mfm_change_set_get_n_changes (changes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmChange) change = g_list_model_get_item (G_LIST_MODEL (changes), i);

      if (change != NULL && mfm_change_get_status (change) != MFM_CHANGE_STATUS_APPLIED)
        g_ptr_array_add (op->todo, g_steal_pointer (&change));
    }

  /* A change from a file whose server values moved since it was planned waits for the
   * reviewer: nothing is sent while one does. */
  for (guint i = 0; i < op->todo->len; i++)
    if (mfm_change_get_base_moved (g_ptr_array_index (op->todo, i)))
      {
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("The server’s values changed since change %u was planned; accept them or drop the change first."),
                                 i + 1);
        g_object_unref (task);
        return;
      }

  apply_next_call (task);
}

gboolean
mfm_client_apply_changes_finish (MfmClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
