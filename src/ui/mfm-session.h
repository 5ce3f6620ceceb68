/* mfm-session.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-change-set.h"
#include "mfm-client.h"
#include "mfm-inventory.h"

G_BEGIN_DECLS

#define MFM_TYPE_SESSION (mfm_session_get_type())

G_DECLARE_FINAL_TYPE (MfmSession, mfm_session, MFM, SESSION, GObject)

/* Everything one connection shares between the window, the views and the dialogs:
 * the client, the inventory the views show, and the staged change set (saved as a draft after
 * every change). Properties (read-only): "client", "inventory", "changes", "server-url",
 * "user", "loading" (a refresh is running), "last-error" (translated sentence or NULL),
 * "relationships" (GListModel, see below), "loaded" (the first refresh succeeded).
 * Signal "refreshed" after each successful refresh. Widgets use this instead of the client
 * where they can. */
MfmSession   *mfm_session_new              (MfmClient     *client,
                                            const char    *server_url,
                                            const char    *user);
MfmClient    *mfm_session_get_client       (MfmSession    *self);
MfmInventory *mfm_session_get_inventory    (MfmSession    *self);
MfmChangeSet *mfm_session_get_changes      (MfmSession    *self);
const char   *mfm_session_get_server_url   (MfmSession    *self);
const char   *mfm_session_get_user         (MfmSession    *self);
gboolean      mfm_session_get_loading      (MfmSession    *self);
/* Refreshes servers and relationships in place; a refresh already running is reused. */
void          mfm_session_refresh_async    (MfmSession    *self,
                                            GCancellable  *cancellable,
                                            GAsyncReadyCallback callback,
                                            gpointer       user_data);
gboolean      mfm_session_refresh_finish   (MfmSession    *self,
                                            GAsyncResult  *result,
                                            GError       **error);
/* Stages @change: adds it to the change set, updates the pending badges, saves the draft. */
void          mfm_session_stage            (MfmSession    *self,
                                            MfmChange     *change);

/* Additions. "relationships": the inventory's relationships followed by copies of the staged
 * new ones (pending-state NEW), for the tables. */
GListModel   *mfm_session_get_relationships (MfmSession   *self);
const char   *mfm_session_get_last_error   (MfmSession    *self);
gboolean      mfm_session_get_loaded       (MfmSession    *self);
/* The number of changes in the draft saved for this server URL and user (0 when none),
 * without touching the change set. A draft that cannot be read is set aside and reported in
 * @error. */
guint         mfm_session_peek_draft       (MfmSession    *self,
                                            GError       **error);
/* Loads that draft into the change set; returns the number of changes restored. */
guint         mfm_session_restore_draft    (MfmSession    *self,
                                            GError       **error);

/* Refreshes after a save; while that refresh fails, "saved-not-shown" (boolean, read-only) is
 * TRUE and the refresh is tried again, a few seconds later at first, until one succeeds. */
void          mfm_session_refresh_after_save  (MfmSession *self);
gboolean      mfm_session_get_saved_not_shown (MfmSession *self);

G_END_DECLS
