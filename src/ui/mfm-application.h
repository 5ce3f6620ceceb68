/* mfm-application.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_APPLICATION (mfm_application_get_type())

G_DECLARE_FINAL_TYPE (MfmApplication, mfm_application, MFM, APPLICATION, AdwApplication)

/* Command line: [--server URL] [--user NAME] [--demo]. A password is never taken from it. */
MfmApplication *mfm_application_new       (void);
GSettings      *mfm_application_get_settings (MfmApplication *self);
/* TRUE once Quit was chosen: windows close instead of watching in the background. */
gboolean        mfm_application_get_quitting (MfmApplication *self);
/* A desktop notification when a relationship leaves Normal or comes back to it; clicking it
 * runs app.show-relationship, which brings back the window with the relationship's details. */
void            mfm_application_notify_state_change (MfmApplication *self,
                                                     MfmSession     *session,
                                                     const char     *name,
                                                     const char     *from,
                                                     const char     *to);

G_END_DECLS
