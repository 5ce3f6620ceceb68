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
/* JSON text ↔ change set, for tests and the file format. */
char     *mfm_drafts_to_json  (MfmChangeSet  *changes);
gboolean  mfm_drafts_from_json (MfmChangeSet *changes,
                               const char    *json,
                               GError       **error);

G_END_DECLS
