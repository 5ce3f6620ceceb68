/* mfm-joined-model.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MFM_TYPE_JOINED_MODEL (mfm_joined_model_get_type())

G_DECLARE_FINAL_TYPE (MfmJoinedModel, mfm_joined_model, MFM, JOINED_MODEL, GObject)

/* The items of @first followed by those of @second (both of @item_type), following both in
 * place: the session's relationships without a toolkit's flattening model. */
MfmJoinedModel *mfm_joined_model_new (GType       item_type,
                                      GListModel *first,
                                      GListModel *second);

G_END_DECLS
