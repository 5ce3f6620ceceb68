/* mfm-session-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-session.h"

G_BEGIN_DECLS

typedef struct _MfmObserveRun MfmObserveRun;

/* The session's fields, shared by the files that each hold one of its concerns. */
struct _MfmSession
{
  GObject       parent_instance;

  MfmClient    *client;
  MfmInventory *inventory;
  MfmChangeSet *changes;
  char         *server_url;
  char         *user;
  char         *last_error;
  char         *draft_error;
  GPtrArray    *watched_changes;   /* MfmChange whose status is followed for the draft */
  MfmJournalEntry *journal;        /* the save running now, or NULL */
  char         *incomplete;

  /* Copies of the relationships staged as new, shown with a "New" badge. */
  GListStore   *staged_new;
  /* Inventory relationships followed by staged_new. */
  GListModel   *relationships;

  /* Callers waiting for the refresh that is running. */
  GPtrArray    *refresh_waiters;
  GCancellable *refresh_cancellable;
  gboolean      loading;
  gboolean      loaded;
  /* The last _mfm_session_update_pending() found nothing staged. */
  gboolean      pending_clear;
  /* Set of the relationships given a pending state or staged values, and of the servers
   * given a staged relationship count (references held): the next update clears what the
   * change set no longer names without walking the estate. */
  GHashTable   *pending_marked;
  GHashTable   *counts_marked;

  /* Whether the user may change failover, asked once after the first load. */
  GCancellable *access_cancellable;
  gboolean      access_checked;
  gboolean      read_only;
  /* Changes were saved and no refresh has shown them yet. */
  gboolean      saved_pending;
  /* The refresh after them failed; another is tried after retry_delay seconds. */
  gboolean      saved_not_shown;
  guint         saved_retry_id;
  guint         saved_retry_delay;
  /* A refresh was running when changes were saved: it may have read too early. */
  gboolean      refresh_again;
  /* Times the inventory's relationship store changed: a walk over it in slices starts again. */
  guint         relationships_changes;

  /* Health: the state history and the findings of every relationship after each refresh. */
  MfmStateHistory *history;
  GHashTable      *health;              /* name → GPtrArray of MfmHealthFinding */
  GHashTable      *health_read;         /* names whose servers' scopes were read */
  GCancellable    *health_cancellable;
  GStrv            health_focus;        /* relationships whose servers are read first */
  gboolean         checking_health;
  gboolean         health_slicing;      /* the rules are running over the relationships in slices */
  MfmObserveRun   *observe_run;         /* the states of the last refresh going into the history */
  guint            observe_slice_size;  /* tests: relationships per slice, 0 for the time budget */

  /* Scopes reads running now: server ref → ScopesLoad (mfm-session-scopes.c). */
  GHashTable      *scopes_loads;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_INVENTORY,
  PROP_CHANGES,
  PROP_SERVER_URL,
  PROP_USER,
  PROP_LOADING,
  PROP_LAST_ERROR,
  PROP_RELATIONSHIPS,
  PROP_LOADED,
  PROP_DRAFT_ERROR,
  PROP_READ_ONLY,
  PROP_INCOMPLETE,
  PROP_SAVED_NOT_SHOWN,
  PROP_CHECKING_HEALTH,
  N_PROPS
};

enum {
  REFRESHED,
  HEALTH_CHANGED,
  STATE_CHANGED,
  SAVE_PROGRESS,
  LOAD_PROGRESS,
  N_SIGNALS
};

extern GParamSpec *_mfm_session_properties[N_PROPS];
extern guint       _mfm_session_signals[N_SIGNALS];

/* mfm-session.c: the pending badges of the inventory follow the staged changes. */
void _mfm_session_update_pending (MfmSession *self);
void _mfm_session_mark_added_relationships (MfmSession *self,
                                            GListModel *model,
                                            guint       position,
                                            guint       n_added);

/* mfm-session-drafts.c: writes the staged changes to this server's draft. */
gboolean _mfm_session_save_draft (MfmSession *self);

/* mfm-session.c: the end of a successful refresh once its states are observed ("refreshed",
 * the health checks, @waiters returned). */
void _mfm_session_refresh_observed (MfmSession *self,
                                    GPtrArray  *waiters);

/* mfm-session-health.c: after each successful refresh, the states go into the history in
 * main-loop slices; then "state-changed" for each change and _mfm_session_refresh_observed()
 * (with @waiters, taken). */
void _mfm_session_observe_states (MfmSession *self,
                                  GPtrArray  *waiters);
/* A refresh starts: the slices left run now, so that every state is observed once. */
void _mfm_session_finish_observing (MfmSession *self);
/* The session ends: the slices left are dropped, the waiters told the refresh was cancelled. */
void _mfm_session_cancel_observing (MfmSession *self);
/* Whether the states are part way through (for the tests). */
gboolean _mfm_session_get_observing (MfmSession *self);
/* Tests: at most @n_relationships observed per slice (0: only the time budget). */
void _mfm_session_set_observe_slice_size (MfmSession *self,
                                          guint       n_relationships);
void _mfm_session_check_health   (MfmSession *self);
/* When a refresh starts: the checks under way stop, their last result stays. */
void _mfm_session_cancel_health  (MfmSession *self);
/* Whether the rules are part way through the relationships (for the tests). */
gboolean _mfm_session_get_health_slicing (MfmSession *self);

/* mfm-session-scopes.c */
void _mfm_session_scopes_init    (MfmSession *self);
void _mfm_session_scopes_dispose (MfmSession *self);

G_END_DECLS
