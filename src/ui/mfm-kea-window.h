/* mfm-kea-window.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-kea.h"
#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_KEA_WINDOW (mfm_kea_window_get_type())

G_DECLARE_FINAL_TYPE (MfmKeaWindow, mfm_kea_window, MFM, KEA_WINDOW, AdwWindow)

/* What one relationship becomes in Kea High Availability: both servers' kea-dhcp4
 * configuration (with Copy and Save As…) and the mapping of every ISC parameter with its
 * warnings. Reads the primary's scopes first. Property "loading" (read-only). Returns NULL when
 * there is no relationship of that name. */
MfmKeaWindow *mfm_kea_window_new         (GtkWindow            *parent,
                                          MfmSession           *session,
                                          const char           *relationship_name);
gboolean      mfm_kea_window_get_loading (MfmKeaWindow         *self);
/* The mapping shown, or NULL while loading or after a failure. */
MfmKeaConfig *mfm_kea_window_get_config  (MfmKeaWindow         *self);
/* The configuration text shown for the ISC primary or secondary ("" when there is none). */
char         *mfm_kea_window_dup_text    (MfmKeaWindow         *self,
                                          MfmIscRole            server);
/* Writes the shown configuration of @server to @file (what Save As… does once a file is
 * chosen). */
void          mfm_kea_window_save_async  (MfmKeaWindow         *self,
                                          MfmIscRole            server,
                                          GFile                *file,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
gboolean      mfm_kea_window_save_finish (MfmKeaWindow         *self,
                                          GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
