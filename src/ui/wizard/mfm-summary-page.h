/* mfm-summary-page.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-change.h"
#include "mfm-editor-page.h"
#include "mfm-server.h"

G_BEGIN_DECLS

#define MFM_TYPE_SUMMARY_PAGE (mfm_summary_page_get_type())

G_DECLARE_FINAL_TYPE (MfmSummaryPage, mfm_summary_page, MFM, SUMMARY_PAGE, MfmEditorPage)

/* Micetro's "Summary" step: every value (old → new for an edit), every finding, the ISC
 * configuration each server will get and the API call. Complete when no error is found on
 * any field. */

/* Shows @change, the add or modify change the form describes, with @findings (MfmFinding),
 * the two servers (NULL when unknown) and the API calls as text. */
void mfm_summary_page_show (MfmSummaryPage *self,
                            MfmChange      *change,
                            GPtrArray      *findings,
                            MfmServer      *primary,
                            MfmServer      *secondary,
                            const char     *api_calls);

G_END_DECLS
