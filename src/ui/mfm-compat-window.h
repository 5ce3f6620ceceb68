/* mfm-compat-window.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_COMPAT_WINDOW (mfm_compat_window_get_type())

G_DECLARE_FINAL_TYPE (MfmCompatWindow, mfm_compat_window, MFM, COMPAT_WINDOW, AdwWindow)

/* The server compatibility report: for the connected server, each assumption of the wire
 * mapping (the member names, documented or inferred and from which sources, whether this
 * server's answers carried it, the name chosen), updated after every refresh. When no scope
 * has been read yet it reads the scopes of one server, so that the scope and pool names are
 * seen too. Copy Report puts it on the clipboard as text without server names, addresses,
 * references or secrets. Property "loading" (read-only): those scopes are being read. */
MfmCompatWindow *mfm_compat_window_new         (GtkWindow       *parent,
                                                MfmSession      *session);
gboolean         mfm_compat_window_get_loading (MfmCompatWindow *self);

G_END_DECLS
