/* mfm-field-message.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-types.h"

G_BEGIN_DECLS

#define MFM_TYPE_FIELD_MESSAGE (mfm_field_message_get_type())

G_DECLARE_FINAL_TYPE (MfmFieldMessage, mfm_field_message, MFM, FIELD_MESSAGE, AdwPreferencesRow)

/* The line under a field of the relationship form that says what the rules found about it:
 * an error, a warning or a hint, with its icon. It keeps its height when empty, so the fields
 * below never move, and it is no Tab stop. Its widget name is the field's id with "-message"
 * appended. */
GtkWidget  *mfm_field_message_new           (MfmField         field);
/* The label a screen reader should read as the field's description. */
GtkWidget  *mfm_field_message_get_label     (MfmFieldMessage *self);
/* Shown when the rules find nothing, e.g. why a locked field cannot change; NULL: nothing. */
void        mfm_field_message_set_note      (MfmFieldMessage *self,
                                             const char      *note);
/* Shows the findings (MfmFinding) that concern the field, the most severe first, one per
 * line, or the note when there are none. @as_hint shows them as a hint whatever their
 * severity: an empty field nobody has typed in yet is not wrong yet. */
void        mfm_field_message_show_findings (MfmFieldMessage *self,
                                             GPtrArray       *findings,
                                             gboolean         as_hint);

G_END_DECLS
