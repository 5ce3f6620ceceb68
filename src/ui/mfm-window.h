/* mfm-window.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-connect-page.h"
#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_WINDOW (mfm_window_get_type())

G_DECLARE_FINAL_TYPE (MfmWindow, mfm_window, MFM, WINDOW, AdwApplicationWindow)

/* The main window: the connect page until a session exists, then the Servers and All
 * relationships views. Property "session" (MfmSession, NULL while on the connect page). */
MfmWindow      *mfm_window_new               (AdwApplication *application);
MfmConnectPage *mfm_window_get_connect_page  (MfmWindow      *self);
MfmSession     *mfm_window_get_session       (MfmWindow      *self);
/* Shows @session in the main view (and starts loading it); NULL goes back to the connect page. */
void            mfm_window_set_session       (MfmWindow      *self,
                                              MfmSession     *session);
/* Logs out (best effort) and returns to the connect page with the form filled. */
void            mfm_window_disconnect        (MfmWindow      *self);
void            mfm_window_show_toast        (MfmWindow      *self,
                                              const char     *text);
/* The visible page: "connect" or "main". */
const char     *mfm_window_get_page_name     (MfmWindow      *self);

/* Opens a change file for review (now, or once connected and the server is read). */
void            mfm_window_open_changes_file (MfmWindow      *self,
                                              GFile          *file);

G_END_DECLS
