/* mfm-pending-bar.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_PENDING_BAR (mfm_pending_bar_get_type())

G_DECLARE_FINAL_TYPE (MfmPendingBar, mfm_pending_bar, MFM, PENDING_BAR, AdwBin)

/* “N pending changes” · Undo · Redo · Discard · Review and Save…, revealed while something is
 * staged. Its buttons use the "changes" actions of the window it sits in. */
GtkWidget *mfm_pending_bar_new (MfmSession *session);

G_END_DECLS
