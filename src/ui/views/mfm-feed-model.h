/* mfm-feed-model.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFM_TYPE_FEED_MODEL (mfm_feed_model_get_type())

G_DECLARE_FINAL_TYPE (MfmFeedModel, mfm_feed_model, MFM, FEED_MODEL, GObject)

/* The items of "model" (GListModel), for a table's sort model. When many items come at once
 * (a new model, or one change that adds more than a chunk), they are passed on as a prefix of
 * "model" that grows by a chunk each main-loop turn from the next one on, so that no turn
 * sorts and filters them all; "feeding" is TRUE meanwhile. At any time the items are the first
 * items of "model", in its order; every other change is passed on at once, at the same
 * position. A chunk not in the order of "sorter" (the table's) is passed on with every item
 * left, at once. */
GListModel *mfm_feed_model_new         (GListModel   *model);
GListModel *mfm_feed_model_get_model   (MfmFeedModel *self);
void        mfm_feed_model_set_model   (MfmFeedModel *self,
                                        GListModel   *model);
void        mfm_feed_model_set_sorter  (MfmFeedModel *self,
                                        GtkSorter    *sorter);
gboolean    mfm_feed_model_get_feeding (MfmFeedModel *self);
void        mfm_feed_model_feed_all    (MfmFeedModel *self);

/* How many items a turn passes on. */
#define MFM_FEED_MODEL_CHUNK 8192

G_END_DECLS
