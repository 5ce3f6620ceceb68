/* mfm-field-row.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-types.h"

G_BEGIN_DECLS

#define MFM_TYPE_FIELD_ROW (mfm_field_row_get_type())

G_DECLARE_FINAL_TYPE (MfmFieldRow, mfm_field_row, MFM, FIELD_ROW, AdwEntryRow)

/* An entry row for one field of the relationship form, titled with the field's label and
 * named by its id, with its MfmFieldMessage line right under it in the same list (it puts
 * the line there itself when it is added to a list). What is typed stays as typed. */
MfmField    mfm_field_row_get_field         (MfmFieldRow *self);
/* The text, or NULL when the field is empty. */
const char *mfm_field_row_get_value         (MfmFieldRow *self);
/* Fills the field without counting as typed; it is what get_changed() compares with. */
void        mfm_field_row_set_initial_value (MfmFieldRow *self,
                                             const char  *text);
/* Whether the text differs from the initial value. */
gboolean    mfm_field_row_get_changed       (MfmFieldRow *self);
/* Shown under the field while the rules find nothing, e.g. why it is locked. */
void        mfm_field_row_set_note          (MfmFieldRow *self,
                                             const char  *note);
/* Shows under the field what @findings (MfmFinding) say about it. */
void        mfm_field_row_show_findings     (MfmFieldRow *self,
                                             GPtrArray   *findings);

G_END_DECLS
