/* mfm-changes-actions.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mfm-session.h"

G_BEGIN_DECLS

/* The "changes" action group the main window inserts: add-relationship (s: primary server
 * ref), edit-relationship (s: name), remove-relationship (s), manage-scopes (s), review, undo,
 * redo, discard. Undo and redo follow the change set's can-undo/can-redo; discard is enabled
 * while something is staged and asks first. Nothing here writes to the server. */
GActionGroup    *mfm_changes_actions_new                    (GtkWindow   *parent,
                                                             MfmSession  *session);

/* While @busy (a save is running), undo, redo and discard are disabled: the change set must
 * not change under the save. */
void             mfm_changes_actions_set_busy               (GActionGroup *actions,
                                                             gboolean      busy);

G_END_DECLS
