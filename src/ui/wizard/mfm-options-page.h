/* mfm-options-page.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-editor-page.h"

G_BEGIN_DECLS

#define MFM_TYPE_OPTIONS_PAGE (mfm_options_page_get_type())

G_DECLARE_FINAL_TYPE (MfmOptionsPage, mfm_options_page, MFM, OPTIONS_PAGE, MfmEditorPage)

/* Micetro's "Options" step: the lead time, the delays, the updates and the percentage, with
 * the ISC split that follows from the percentage as it is typed. */

/* For a saved relationship: its current values, and the percentage read-only. */
void mfm_options_page_lock (MfmOptionsPage *self);

G_END_DECLS
