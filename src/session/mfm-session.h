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
#include "mfm-state-history.h"
#include "mfm-journal.h"

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
/* What this server's answers showed of its wire names (the client's dialect; plain data). */
MfmDialect   *mfm_session_get_dialect      (MfmSession    *self);
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
/* Reads the scopes of the server @server_ref (a GPtrArray of MfmScope, a new array for each
 * caller). One read per server runs at a time: a caller who asks while it runs waits for the
 * same answer. Cancelling @cancellable answers this caller at once with G_IO_ERROR_CANCELLED;
 * the read stops when no caller waits for it any more. Nothing is written to the inventory. */
void          mfm_session_load_scopes_async  (MfmSession          *self,
                                              const char          *server_ref,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
GPtrArray    *mfm_session_load_scopes_finish (MfmSession          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Saves the staged changes in their order (the change set's statuses follow each one), with
 * @comment (NULL or empty for none) in Micetro's history; signal "save-progress" after each.
 * While the list of servers is read, signal "load-progress" follows its pages. */
void          mfm_session_save_async         (MfmSession          *self,
                                              const char          *comment,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean      mfm_session_save_finish        (MfmSession          *self,
                                              GAsyncResult        *result,
                                              GError             **error);
/* Ends the session on the server, best effort: nothing waits for the answer. */
void          mfm_session_logout             (MfmSession          *self);
/* The API calls saving @change sends, as text, in the names this server uses; @comment
 * (NULL or empty for none) goes with them. */
char         *mfm_session_describe_calls     (MfmSession          *self,
                                              MfmChange           *change,
                                              const char          *comment);
/* The exchanges with the server, for the API log window. */
MfmApiLog    *mfm_session_get_api_log        (MfmSession          *self);
/* Stages @change: adds it to the change set, updates the pending badges, saves the draft. */
void          mfm_session_stage            (MfmSession    *self,
                                            MfmChange     *change);

/* The relationship @name as it will be once the staged changes are applied (a new object), or
 * NULL when it neither exists nor is staged. */
MfmRelationship *mfm_session_dup_projected_relationship (MfmSession *self,
                                                         const char *name);
/* A new GListStore of the relationships staged changes add, for MfmRuleContext. */
GListModel   *mfm_session_dup_staged_relationships (MfmSession   *self);
/* Property "relationships": the inventory's relationships followed by copies of the staged
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
/* Property "read-only": TRUE once Micetro said (asked after the first load, without changing
 * anything) that the user may not change failover on any ISC server. */
gboolean      mfm_session_get_read_only    (MfmSession    *self);
/* Property "incomplete": after a refresh that read one part but not the other, a sentence
 * saying what could not be read and why; NULL when everything was read. */
const char   *mfm_session_get_incomplete   (MfmSession    *self);

/* Why the staged changes could not be written to the draft (a sentence with the system's
 * reason), or NULL once a write succeeded. Property "draft-error". The draft is written after
 * every change to the set and after every change of a change's status while saving. */
const char   *mfm_session_get_draft_error  (MfmSession    *self);
/* Writes the draft now (to try again); returns whether it is written. */
gboolean      mfm_session_save_draft       (MfmSession    *self);
/* The drafts to offer back, oldest first: those kept aside before, then the draft of this
 * server and user, which is kept aside at once so that a change staged before the person
 * answers cannot overwrite it. Drafts that cannot be read are set aside under another name
 * and reported in @error; drafts with nothing left to save are removed. New array. */
char        **mfm_session_take_drafts      (MfmSession    *self,
                                            GError       **error);
/* The changes of a taken draft that are still to be saved (those a save finished are left
 * out; one that was on its way when the application stopped is "not known"), in a new
 * change set; NULL with @error when it cannot be read. */
MfmChangeSet *mfm_session_read_draft       (MfmSession    *self,
                                            const char    *path,
                                            GError       **error);
/* Stages those changes after the ones staged now, each one undoable, and removes the taken
 * file once this session's draft holds them. Returns the number restored. */
guint         mfm_session_restore_taken_draft (MfmSession *self,
                                            const char    *path,
                                            GError       **error);
/* Removes a taken draft: the person chose to discard it. */
void          mfm_session_discard_taken_draft (MfmSession *self,
                                            const char    *path);

/* Refreshes after a save; while that refresh fails, "saved-not-shown" (boolean, read-only) is
 * TRUE and the refresh is tried again, a few seconds later at first, until one succeeds. */
void          mfm_session_refresh_after_save  (MfmSession *self);
gboolean      mfm_session_get_saved_not_shown (MfmSession *self);
/* Health of the failover pairs. After each refresh the state of every relationship is kept in
 * the state history (under the user data directory, per server URL and user); a change is
 * announced by the signal "state-changed" (name, previous state, new state). Then the scopes,
 * pools and relationship lists of both servers of each relationship are read, once per server
 * and for at most MFM_SESSION_HEALTH_MAX_SERVERS servers (those of the focused relationships
 * first, then in list order), the partner consistency rules run, and "health-changed" is
 * emitted. Relationships whose servers were not read get only the rules that need no scopes. */
#define MFM_SESSION_HEALTH_MAX_SERVERS 32

GPtrArray       *mfm_session_get_health        (MfmSession         *self,
                                                const char         *name);
/* Whether the last check read both servers' scopes of @name (else "not checked" in the tables). */
gboolean         mfm_session_get_health_read   (MfmSession         *self,
                                                const char         *name);
MfmStateHistory *mfm_session_get_state_history (MfmSession         *self);
/* Relationships to read first when there are more servers than the limit (the selected one,
 * an open details window). */
void             mfm_session_set_health_focus  (MfmSession         *self,
                                                const char * const *names);
/* Property "checking-health": the reads of the health checks are running. */
gboolean         mfm_session_get_checking_health (MfmSession       *self);

/* Change files (see mfm-change-file.h). Export writes the staged changes with what the server
 * has now for each (or, for a change opened from a file, what it was planned against). */
gboolean      mfm_session_export_changes      (MfmSession  *self,
                                               GFile       *file,
                                               GError     **error);
/* Stages the changes of a file written for this server after those staged now (nothing is
 * sent) and compares each with what the server has now; returns how many were staged, 0 with
 * a sentence in @error for a damaged or foreign file or one for another server. @author and
 * @planned (may be NULL) receive who planned them and when. */
guint         mfm_session_open_changes        (MfmSession  *self,
                                               GFile       *file,
                                               char       **author,
                                               GDateTime  **planned,
                                               GError     **error);
/* Compares every staged change from a file with the server's values now (done after every
 * refresh too); returns how many moved. */
guint         mfm_session_check_bases         (MfmSession  *self);

/* The saved-changes journal (mfm-journal.h): begin() writes what is about to be sent and the
 * server's values before, and must succeed before the first call; every change of a change's
 * status then updates the entry, and end() marks it finished. */
gboolean      mfm_session_journal_begin       (MfmSession  *self,
                                               const char  *comment,
                                               GError     **error);
void          mfm_session_journal_end         (MfmSession  *self);
/* Stages the inverse of every change of @entry that reached the server (or may have), last
 * first, for the normal review; each is compared with the server now (see
 * mfm_change_check_base()). Returns how many were staged; 0 with @error for another server. */
guint         mfm_session_stage_undo          (MfmSession       *self,
                                               MfmJournalEntry  *entry,
                                               GError          **error);

G_END_DECLS
