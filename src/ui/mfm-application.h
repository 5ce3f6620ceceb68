/* mfm-application.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MFM_TYPE_APPLICATION (mfm_application_get_type())

G_DECLARE_FINAL_TYPE (MfmApplication, mfm_application, MFM, APPLICATION, AdwApplication)

/* Command line: [--server URL] [--user NAME] [--demo]. A password is never taken from it. */
MfmApplication *mfm_application_new       (void);
GSettings      *mfm_application_get_settings (MfmApplication *self);

G_END_DECLS
