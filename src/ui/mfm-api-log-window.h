/* mfm-api-log-window.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-api-log.h"

G_BEGIN_DECLS

#define MFM_TYPE_API_LOG_WINDOW (mfm_api_log_window_get_type())

G_DECLARE_FINAL_TYPE (MfmApiLogWindow, mfm_api_log_window, MFM, API_LOG_WINDOW, AdwWindow)

/* Every request and response of the connection (secrets already redacted by the log): the list
 * on the left, the selected entry's bodies on the right; Copy, Copy all, Clear.
 * Property "log" (MfmApiLog, may be NULL). */
MfmApiLogWindow *mfm_api_log_window_new     (MfmApiLog       *log);
void             mfm_api_log_window_set_log (MfmApiLogWindow *self,
                                             MfmApiLog       *log);
/* Shows the one log window of @parent, creating it when needed. */
MfmApiLogWindow *mfm_api_log_window_present (GtkWindow       *parent,
                                             MfmApiLog       *log);
/* The text of the request and response views (for tests). */
char            *mfm_api_log_window_dup_shown_text (MfmApiLogWindow *self);
void             mfm_api_log_window_select  (MfmApiLogWindow *self,
                                             guint            position);

G_END_DECLS
