/* mfm-history-window.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_HISTORY_WINDOW (mfm_history_window_get_type())

G_DECLARE_FINAL_TYPE (MfmHistoryWindow, mfm_history_window, MFM, HISTORY_WINDOW, AdwWindow)

/* The saved-changes journal of the session's server, newest first: when, who, the comment
 * and the result of each change, and Undo… for each save. */
MfmHistoryWindow *mfm_history_window_new     (GtkWindow        *parent,
                                              MfmSession       *session);
/* The number of saves listed. */
guint             mfm_history_window_get_n_entries (MfmHistoryWindow *self);

G_END_DECLS
