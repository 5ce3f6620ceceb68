/* mfm-relationship-pane.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_RELATIONSHIP_PANE (mfm_relationship_pane_get_type())

G_DECLARE_FINAL_TYPE (MfmRelationshipPane, mfm_relationship_pane, MFM, RELATIONSHIP_PANE, AdwBin)

/* "Failover management for “server”": the relationships the server takes part in, as primary
 * or secondary, with Micetro's columns, a row menu and Add relationship…. */
void        mfm_relationship_pane_set_session (MfmRelationshipPane *self,
                                               MfmSession          *session);
MfmServer  *mfm_relationship_pane_get_server  (MfmRelationshipPane *self);
void        mfm_relationship_pane_set_server  (MfmRelationshipPane *self,
                                               MfmServer           *server);
/* The rows shown. */
GListModel *mfm_relationship_pane_get_model   (MfmRelationshipPane *self);
const char *mfm_relationship_pane_get_title   (MfmRelationshipPane *self);
GtkColumnView *mfm_relationship_pane_get_column_view (MfmRelationshipPane *self);

G_END_DECLS
