/* mfm-reveal-model.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFM_TYPE_REVEAL_MODEL (mfm_reveal_model_get_type())

G_DECLARE_FINAL_TYPE (MfmRevealModel, mfm_reveal_model, MFM, REVEAL_MODEL, GObject)

/* The items of "model" (GListModel) for a list view. Once armed, the change that first takes
 * it from empty to many items, while "widget" is mapped, is shown as a prefix that grows by
 * a few items each frame of "widget" up to a couple of hundred, then as every item: GTK 4.8
 * builds the rows of up to 200 items at once when a list view gets them. Meanwhile every
 * other change is passed on, and "revealing" is TRUE; at any time it shows the first items
 * of "model", in its order. With refills on, a change from fewer than a couple of hundred
 * items to many more is revealed the same way. */
GListModel *mfm_reveal_model_new           (GListModel     *model);
GListModel *mfm_reveal_model_get_model     (MfmRevealModel *self);
void        mfm_reveal_model_set_model     (MfmRevealModel *self,
                                            GListModel     *model);
void        mfm_reveal_model_set_widget    (MfmRevealModel *self,
                                            GtkWidget      *widget);
void        mfm_reveal_model_arm           (MfmRevealModel *self);
gboolean    mfm_reveal_model_get_revealing (MfmRevealModel *self);
void        mfm_reveal_model_reveal_all    (MfmRevealModel *self);
void        mfm_reveal_model_set_reveal_refills
                                           (MfmRevealModel *self,
                                            gboolean        refills);
void        mfm_reveal_model_set_kept_item (MfmRevealModel *self,
                                            gpointer        item);

G_END_DECLS
