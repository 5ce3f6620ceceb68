/* mfm-remove-dialog.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_REMOVE_DIALOG (mfm_remove_dialog_get_type())

G_DECLARE_FINAL_TYPE (MfmRemoveDialog, mfm_remove_dialog, MFM, REMOVE_DIALOG, AdwWindow)

/* Asks whether the secondary's scopes are disabled or deleted, shows every affected scope's
 * outcome on each server, and stages a remove change. NULL when no such relationship is
 * known. */
MfmRemoveDialog *mfm_remove_dialog_new (GtkWindow  *parent,
                                        MfmSession *session,
                                        const char *relationship_name);

G_END_DECLS
