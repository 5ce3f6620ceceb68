/* mfm-change-file.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-change-set.h"

G_BEGIN_DECLS

/* Change sets as files, for a second person to review and save: JSON with
 * "format": "io.github.mfm.FailoverManager.changes" and "version": 1, the Micetro server
 * URL, the author's user name, when it was planned, and the changes as in drafts, each with
 * "base", the relationship as the server had it then (or "base-absent"). */
#define MFM_CHANGE_FILE_FORMAT     "io.github.mfm.FailoverManager.changes"
#define MFM_CHANGE_FILE_VERSION    1
#define MFM_CHANGE_FILE_MEDIA_TYPE "application/x-mfm-changes+json"

char         *mfm_change_file_to_json   (MfmChangeSet  *changes,
                                         const char    *server_url,
                                         const char    *author,
                                         GDateTime     *planned);
gboolean      mfm_change_file_save      (MfmChangeSet  *changes,
                                         const char    *server_url,
                                         const char    *author,
                                         GFile         *file,
                                         GError       **error);
/* A new change set, or NULL with a sentence in @error (G_IO_ERROR_INVALID_DATA for a damaged
 * or foreign file). The out-parameters may be NULL. */
MfmChangeSet *mfm_change_file_from_json (const char    *json,
                                         gssize         length,
                                         char         **server_url,
                                         char         **author,
                                         GDateTime    **planned,
                                         GError       **error);
MfmChangeSet *mfm_change_file_load      (GFile         *file,
                                         char         **server_url,
                                         char         **author,
                                         GDateTime    **planned,
                                         GError       **error);

G_END_DECLS
