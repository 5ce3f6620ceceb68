/* mfm-session-drafts.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-session-drafts"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mfm-drafts.h"
#include "mfm-error.h"
#include "mfm-session.h"
#include "mfm-session-private.h"

/* The draft: the staged changes written after every change, offered back at the next start. */

static void
set_draft_error (MfmSession *self,
                 const char *draft_error)
{
  if (g_strcmp0 (self->draft_error, draft_error) == 0)
    return;

  g_free (self->draft_error);
  self->draft_error = g_strdup (draft_error);
  g_object_notify_by_pspec (G_OBJECT (self), _mfm_session_properties[PROP_DRAFT_ERROR]);
}

gboolean
_mfm_session_save_draft (MfmSession *self)
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
  _mfm_session_update_pending (self);

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

  return _mfm_session_save_draft (self);
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
