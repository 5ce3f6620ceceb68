/* mfm-state-history.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MFM_STATE_HISTORY_MAX_TRANSITIONS 20

typedef struct
{
  gint64  time;    /* Unix time of the first refresh that saw @to */
  char   *from;
  char   *to;
} MfmStateTransition;

#define MFM_TYPE_STATE_TRANSITION (mfm_state_transition_get_type ())
GType               mfm_state_transition_get_type (void) G_GNUC_CONST;
MfmStateTransition *mfm_state_transition_copy     (const MfmStateTransition *transition);
void                mfm_state_transition_free     (MfmStateTransition       *transition);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmStateTransition, mfm_state_transition_free)

#define MFM_TYPE_STATE_HISTORY (mfm_state_history_get_type())

G_DECLARE_FINAL_TYPE (MfmStateHistory, mfm_state_history, MFM, STATE_HISTORY, GObject)

/* The failover state of every relationship of one server and user, since when, and the last
 * transitions, kept in a table in memory and in a key file at @path (NULL: in memory only; one
 * group per relationship name). The file is read in a thread of its own, started here; the
 * first question waits for it. A file that cannot be read is started afresh. */
MfmStateHistory *mfm_state_history_new             (const char       *path);
/* Where the history of this Micetro server and user is kept under the user data directory. */
char            *mfm_state_history_get_path_for    (const char       *server_url,
                                                    const char       *user);
const char      *mfm_state_history_get_path        (MfmStateHistory  *self);
/* Records that a refresh at @now saw @name in @state. Returns TRUE when that is a change from
 * the state seen before (then @previous, if not NULL, gets it); the first sighting is not a
 * change. */
gboolean         mfm_state_history_observe         (MfmStateHistory  *self,
                                                    const char       *name,
                                                    const char       *state,
                                                    gint64            now,
                                                    char            **previous);
/* NULL / 0 when the relationship was never seen. */
const char      *mfm_state_history_get_state       (MfmStateHistory  *self,
                                                    const char       *name);
gint64           mfm_state_history_get_since       (MfmStateHistory  *self,
                                                    const char       *name);
/* The last transitions, oldest first (new array of MfmStateTransition). */
GPtrArray       *mfm_state_history_get_transitions (MfmStateHistory  *self,
                                                    const char       *name);
/* Writes the file (atomically), creating its folder. */
gboolean         mfm_state_history_save            (MfmStateHistory  *self,
                                                    GError          **error);
/* The same from a snapshot taken now, written in a worker thread; writes finish in the order
 * they were asked for. A history with nothing new completes at once. */
void             mfm_state_history_save_async      (MfmStateHistory      *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean         mfm_state_history_save_finish     (MfmStateHistory  *self,
                                                    GAsyncResult     *result,
                                                    GError          **error);
/* Blocks until the writes asked for so far are on disk (at the end of a session). */
void             mfm_state_history_wait_for_saves  (MfmStateHistory  *self);

G_END_DECLS
