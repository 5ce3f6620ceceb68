/* mfm-session-files.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-session-files"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-file.h"
#include "mfm-error.h"
#include "mfm-session.h"
#include "mfm-session-private.h"

/* Change files: the staged changes written for another person, and opened again. */

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
