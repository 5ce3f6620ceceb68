/* mfm-review-window.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_REVIEW_WINDOW (mfm_review_window_get_type())

G_DECLARE_FINAL_TYPE (MfmReviewWindow, mfm_review_window, MFM, REVIEW_WINDOW, AdwWindow)

/* Every staged change with its field diff, per-server impact, findings and API calls; a save
 * comment; Save applies the changes in order with progress. */
MfmReviewWindow *mfm_review_window_new        (GtkWindow       *parent,
                                               MfmSession      *session);
gboolean         mfm_review_window_get_saving (MfmReviewWindow *self);

G_END_DECLS
