/* mfm-drafts.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-change-set.h"

G_BEGIN_DECLS

/* Staged changes kept across sessions: one JSON file per server URL and user under
 * $XDG_DATA_HOME/failover-manager/drafts/, written atomically. */
char     *mfm_drafts_get_path (const char    *server_url,
                               const char    *user);
gboolean  mfm_drafts_save     (MfmChangeSet  *changes,
                               const char    *server_url,
                               const char    *user,
                               GError       **error);
/* FALSE without error when there is no draft. */
gboolean  mfm_drafts_load     (MfmChangeSet  *changes,
                               const char    *server_url,
                               const char    *user,
                               GError       **error);
void      mfm_drafts_delete   (const char    *server_url,
                               const char    *user);
/* Moves a draft that cannot be read to "<path>.unreadable", so that the next staged change
 * does not overwrite what someone may still want to recover by hand. */
void      mfm_drafts_set_aside (const char   *server_url,
                                const char   *user);
/* Drafts kept aside so that a new one does not overwrite them: the person answered "later"
 * when one was offered. Moves the draft of @server_url and @user to a file of its own (never
 * over another file) and returns its path; NULL without @error when there is no draft. */
char     *mfm_drafts_keep_aside   (const char    *server_url,
                                   const char    *user,
                                   GError       **error);
/* The drafts kept aside for @server_url and @user, oldest first (a new NULL-terminated array,
 * possibly empty). */
char    **mfm_drafts_list_aside   (const char    *server_url,
                                   const char    *user);
/* Reads the draft at @path (one of the above); FALSE without error when it is gone. */
gboolean  mfm_drafts_load_path    (MfmChangeSet  *changes,
                                   const char    *path,
                                   GError       **error);
/* Moves a draft at @path that cannot be read to a free "<path>.unreadable" name. */
void      mfm_drafts_set_aside_path (const char  *path);
/* JSON text ↔ change set, for tests and the file format. */
char     *mfm_drafts_to_json  (MfmChangeSet  *changes);
gboolean  mfm_drafts_from_json (MfmChangeSet *changes,
                               const char    *json,
                               GError       **error);

G_END_DECLS
