/* mfm-column-fit.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFM_TYPE_COLUMN_FIT (mfm_column_fit_get_type())

G_DECLARE_FINAL_TYPE (MfmColumnFit, mfm_column_fit, MFM, COLUMN_FIT, GObject)

/* Keeps the last columns of a table (state, row menu) in view when the table is narrower
 * than its columns, in a fixed order: the optional columns are hidden one at a time, in the
 * order they were added, as long as the columns do not fit, and the shrinking ones get their
 * narrow width as one more step (last, or where mfm_column_fit_shrink_here() was called). They come back in the reverse order, each once the table is as wide as the
 * columns needed before it gave way. Other columns always stay. */
MfmColumnFit *mfm_column_fit_new           (GtkColumnView       *column_view);
void          mfm_column_fit_add_optional  (MfmColumnFit        *self,
                                            GtkColumnViewColumn *column);
void          mfm_column_fit_add_shrinking (MfmColumnFit        *self,
                                            GtkColumnViewColumn *column,
                                            int                  narrow_width);
gboolean      mfm_column_fit_get_narrow    (MfmColumnFit        *self);
void          mfm_column_fit_shrink_here   (MfmColumnFit        *self);

G_END_DECLS
