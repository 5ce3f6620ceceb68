/* mfm-scopes-dialog.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_SCOPES_DIALOG (mfm_scopes_dialog_get_type())

G_DECLARE_FINAL_TYPE (MfmScopesDialog, mfm_scopes_dialog, MFM, SCOPES_DIALOG, AdwWindow)

/* Lists the primary's scopes (in this relationship, eligible, not eligible with the reason)
 * and stages one add-scopes and/or one remove-scopes change. NULL when no such relationship
 * is known. */
MfmScopesDialog *mfm_scopes_dialog_new         (GtkWindow  *parent,
                                                MfmSession *session,
                                                const char *relationship_name);
gboolean         mfm_scopes_dialog_get_loading (MfmScopesDialog *self);

G_END_DECLS
