/* mfm-relationships-view.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-relationship-table.h"
#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_RELATIONSHIPS_VIEW (mfm_relationships_view_get_type())

G_DECLARE_FINAL_TYPE (MfmRelationshipsView, mfm_relationships_view, MFM, RELATIONSHIPS_VIEW, AdwBin)

/* Every failover relationship across servers, with the rule warnings of each. */
void                  mfm_relationships_view_set_session     (MfmRelationshipsView *self,
                                                              MfmSession           *session);
void                  mfm_relationships_view_set_search      (MfmRelationshipsView *self,
                                                              const char           *search);
/* The rows shown, in order, the search applied (while the view is hidden, the search
 * reaches its table only when it is shown or asked for its rows, model or table). */
GListModel           *mfm_relationships_view_get_model       (MfmRelationshipsView *self);
GtkColumnView        *mfm_relationships_view_get_column_view (MfmRelationshipsView *self);
MfmRelationshipTable *mfm_relationships_view_get_table       (MfmRelationshipsView *self);

G_END_DECLS
