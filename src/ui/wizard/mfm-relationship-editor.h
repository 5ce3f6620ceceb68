/* mfm-relationship-editor.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_RELATIONSHIP_EDITOR (mfm_relationship_editor_get_type())

G_DECLARE_FINAL_TYPE (MfmRelationshipEditor, mfm_relationship_editor,
                      MFM, RELATIONSHIP_EDITOR, AdwWindow)

/* Micetro's Add relationship steps (Initial setup, Options, Summary) in a modal window: a
 * side list of the steps, one page per step, Back, Next and a final button that stages the
 * change. Enter is Next, Escape is Cancel, and closing asks first when something was typed. */

/* Adds a relationship whose primary is @primary_server_ref; the final button stages an add. */
MfmRelationshipEditor *mfm_relationship_editor_new_add  (GtkWindow   *parent,
                                                         MfmSession  *session,
                                                         const char  *primary_server_ref);
/* Edits @relationship_name, as the staged changes leave it: name, servers and percentage are
 * read-only and the final button stages a modify change. NULL when no such relationship is
 * known. */
MfmRelationshipEditor *mfm_relationship_editor_new_edit (GtkWindow   *parent,
                                                         MfmSession  *session,
                                                         const char  *relationship_name);

G_END_DECLS
