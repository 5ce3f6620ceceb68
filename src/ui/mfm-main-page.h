/* mfm-main-page.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_MAIN_PAGE (mfm_main_page_get_type())

G_DECLARE_FINAL_TYPE (MfmMainPage, mfm_main_page, MFM, MAIN_PAGE, GtkBox)

/* What the main window shows while connected: its header bar, the banners, the search bar,
 * the Servers and All relationships views and the pending bar's place. The window builds it
 * on the first connection (or once its first frame is drawn), not before: the connect page
 * does not need it. Property "session" (MfmSession) is what the views show; the window reaches
 * the parts through mfm-main-page-private.h. */
MfmMainPage *mfm_main_page_new         (void);
MfmSession  *mfm_main_page_get_session (MfmMainPage *self);
void         mfm_main_page_set_session (MfmMainPage *self,
                                        MfmSession  *session);

G_END_DECLS
