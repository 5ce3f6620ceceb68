/* mfm-safe-rows-model.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFM_TYPE_SAFE_ROWS_MODEL (mfm_safe_rows_model_get_type())

G_DECLARE_FINAL_TYPE (MfmSafeRowsModel, mfm_safe_rows_model, MFM, SAFE_ROWS_MODEL, GObject)

/* The items of "model" (GListModel), unchanged, for a GtkListView or GtkColumnView to show.
 * A change that removes items after the first one is announced as a change of every item
 * up to its end: GTK 4.8's list views keep rows of removed items, bound to them, where such
 * a removal starts inside a stretch of rows not on screen (see the .c file). */
GListModel *mfm_safe_rows_model_new       (GListModel       *model);
GListModel *mfm_safe_rows_model_get_model (MfmSafeRowsModel *self);
void        mfm_safe_rows_model_set_model (MfmSafeRowsModel *self,
                                           GListModel       *model);

G_END_DECLS
