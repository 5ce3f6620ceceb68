/* mfm-connect-page.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_CONNECT_PAGE (mfm_connect_page_get_type())

G_DECLARE_FINAL_TYPE (MfmConnectPage, mfm_connect_page, MFM, CONNECT_PAGE, AdwBin)

/* The sign-in form. Signal "connected" (MfmSession) once logged in. Property "busy" while a
 * connection attempt runs. Errors are shown on the page next to the form. */
MfmConnectPage *mfm_connect_page_new            (void);
void            mfm_connect_page_set_server     (MfmConnectPage *self,
                                                 const char     *url);
const char     *mfm_connect_page_get_server     (MfmConnectPage *self);
void            mfm_connect_page_set_user       (MfmConnectPage *self,
                                                 const char     *user);
const char     *mfm_connect_page_get_user       (MfmConnectPage *self);
void            mfm_connect_page_set_password   (MfmConnectPage *self,
                                                 const char     *password);
/* Starts a connection with what the form holds. */
void            mfm_connect_page_connect        (MfmConnectPage *self);
/* Starts the built-in simulator with the demo data and connects to it as admin. */
void            mfm_connect_page_try_demo       (MfmConnectPage *self);
void            mfm_connect_page_cancel         (MfmConnectPage *self);
gboolean        mfm_connect_page_get_busy       (MfmConnectPage *self);
/* TRUE when the last connection attempt went to the built-in demo server. */
gboolean        mfm_connect_page_get_is_demo    (MfmConnectPage *self);
/* The error shown, or NULL. */
const char     *mfm_connect_page_get_error_text (MfmConnectPage *self);
/* Clears the password unless it is remembered and moves focus to the first empty field. */
void            mfm_connect_page_reset          (MfmConnectPage *self);
/* Gives the keyboard focus to the first empty field: server, else user name, else password. */
void            mfm_connect_page_focus_form     (MfmConnectPage *self);

G_END_DECLS
