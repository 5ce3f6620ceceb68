/* mfm-change-set.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-change.h"

G_BEGIN_DECLS

#define MFM_TYPE_CHANGE_SET (mfm_change_set_get_type())

G_DECLARE_FINAL_TYPE (MfmChangeSet, mfm_change_set, MFM, CHANGE_SET, GObject)

/* The ordered list of staged changes; a GListModel of MfmChange. Properties: "n-changes",
 * "can-undo", "can-redo" (read-only). Signal "changed" after every add, undo, redo, remove or
 * clear (the UI saves the draft then). Undo takes the last change back onto the redo stack;
 * adding a change empties the redo stack; clear() is undoable as one step. */
MfmChangeSet    *mfm_change_set_new                (void);
void             mfm_change_set_add                (MfmChangeSet     *self,
                                                    MfmChange        *change);
gboolean         mfm_change_set_undo               (MfmChangeSet     *self);
gboolean         mfm_change_set_redo               (MfmChangeSet     *self);
gboolean         mfm_change_set_can_undo           (MfmChangeSet     *self);
gboolean         mfm_change_set_can_redo           (MfmChangeSet     *self);
void             mfm_change_set_clear              (MfmChangeSet     *self);
guint            mfm_change_set_get_n_changes      (MfmChangeSet     *self);
MfmChange       *mfm_change_set_get_change         (MfmChangeSet     *self,
                                                    guint             position);
/* Takes the change at @position out of the list, as one undoable step (undo puts it back
 * where it was). FALSE when there is no such change. */
gboolean         mfm_change_set_remove_at          (MfmChangeSet     *self,
                                                    guint             position);
/* Takes every change of @relationship_name out, as one undoable step; returns how many.
 * For a relationship that exists only in staged changes, this drops it altogether. */
guint            mfm_change_set_remove_relationship_changes (MfmChangeSet *self,
                                                             const char   *relationship_name);
/* Removes the changes whose status is APPLIED (after a save). Not undoable. */
void             mfm_change_set_remove_applied     (MfmChangeSet     *self);

/* How the staged changes leave @relationship_name: NEW when added, REMOVED when removed,
 * MODIFIED when modified or its scopes change, NONE otherwise. */
MfmPendingState  mfm_change_set_get_pending_state  (MfmChangeSet     *self,
                                                    const char       *relationship_name);
/* The relationship as it will be once every staged change is applied, a new object, or NULL
 * when it does not exist then. @current is what the server has (may be NULL). */
MfmRelationship *mfm_change_set_project            (MfmChangeSet     *self,
                                                    const char       *relationship_name,
                                                    MfmRelationship  *current);
/* New array of MfmRelationship added by staged changes (for name uniqueness and the tables). */
GPtrArray       *mfm_change_set_get_added_relationships (MfmChangeSet *self);

/* a{sv}: "version" (u) and "changes" (av). Deserialising replaces the content. */
GVariant        *mfm_change_set_serialize          (MfmChangeSet     *self);
gboolean         mfm_change_set_deserialize        (MfmChangeSet     *self,
                                                    GVariant         *variant,
                                                    GError          **error);

G_END_DECLS
