/* mfm-kea-view.h
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

#define MFM_TYPE_KEA_VIEW (mfm_kea_view_get_type())

G_DECLARE_FINAL_TYPE (MfmKeaView, mfm_kea_view, MFM, KEA_VIEW, AdwBin)

/* What one relationship becomes in Kea High Availability: both servers' kea-dhcp4
 * configuration (with Copy and Save As…) and the mapping of every ISC parameter with its
 * warnings; a page of the Relationship Details window. Loading reads the primary's scopes.
 * Property "loading" (read-only). */
GtkWidget    *mfm_kea_view_new        (void);
/* Shows @relationship_name (as staged) from @session; FALSE when there is none of that name. */
gboolean      mfm_kea_view_load       (MfmKeaView           *self,
                                       MfmSession           *session,
                                       const char           *relationship_name);
gboolean      mfm_kea_view_get_loading (MfmKeaView          *self);
/* The mapping shown, or NULL while loading or after a failure. */
MfmKeaConfig *mfm_kea_view_get_config (MfmKeaView           *self);
/* The configuration text shown for the ISC primary or secondary ("" when there is none). */
char         *mfm_kea_view_dup_text   (MfmKeaView           *self,
                                       MfmIscRole            server);
/* Writes the shown configuration of @server to @file (what Save As… does once a file is
 * chosen). */
void          mfm_kea_view_save_async (MfmKeaView           *self,
                                       MfmIscRole            server,
                                       GFile                *file,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean      mfm_kea_view_save_finish (MfmKeaView          *self,
                                        GAsyncResult        *result,
                                        GError             **error);

G_END_DECLS
