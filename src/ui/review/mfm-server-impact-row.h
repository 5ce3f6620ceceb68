/* mfm-server-impact-row.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-change.h"

G_BEGIN_DECLS

#define MFM_TYPE_SERVER_IMPACT_ROW (mfm_server_impact_row_get_type())

G_DECLARE_FINAL_TYPE (MfmServerImpactRow, mfm_server_impact_row, MFM, SERVER_IMPACT_ROW, AdwExpanderRow)

/* What one change does to one server: the configuration lines it gains and loses, the pools
 * and scopes concerned, and a note. @unread_reason, when not NULL, says why the server's scopes
 * could not be read, so the row warns that it may show too little. */
MfmServerImpactRow *mfm_server_impact_row_new (const MfmServerImpact *impact,
                                               const char            *unread_reason);

G_END_DECLS
