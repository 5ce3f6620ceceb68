/* mfm-relationship-details.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-kea-view.h"
#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_RELATIONSHIP_DETAILS (mfm_relationship_details_get_type())

G_DECLARE_FINAL_TYPE (MfmRelationshipDetails, mfm_relationship_details,
                      MFM, RELATIONSHIP_DETAILS, AdwWindow)

/* One relationship's details in two pages: "health" (its state and since when, what it means
 * and what to do, its health findings and its last state changes; follows the session's
 * refreshes) and "kea" (what it becomes in Kea High Availability). NULL when the session has no
 * relationship of that name. */
MfmRelationshipDetails *mfm_relationship_details_new      (GtkWindow              *parent,
                                                           MfmSession             *session,
                                                           const char             *name);
const char             *mfm_relationship_details_get_name (MfmRelationshipDetails *self);
void                    mfm_relationship_details_show_page (MfmRelationshipDetails *self,
                                                            const char             *page);
MfmKeaView             *mfm_relationship_details_get_kea_view (MfmRelationshipDetails *self);

G_END_DECLS
