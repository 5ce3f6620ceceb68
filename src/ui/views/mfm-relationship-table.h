/* mfm-relationship-table.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_RELATIONSHIP_TABLE (mfm_relationship_table_get_type())

G_DECLARE_FINAL_TYPE (MfmRelationshipTable, mfm_relationship_table, MFM, RELATIONSHIP_TABLE, AdwBin)

/* The table of failover relationships that the servers pane and All relationships both show:
 * the columns, their sorters, the badges, the row menu, Enter and Delete on a row, and which
 * columns give way when the window is narrow. The view gives it the rows, a filter and what
 * differs between the two through properties. */
void           mfm_relationship_table_set_session   (MfmRelationshipTable *self,
                                                     MfmSession           *session);
void           mfm_relationship_table_set_model     (MfmRelationshipTable *self,
                                                     GListModel           *model);
void           mfm_relationship_table_set_filter    (MfmRelationshipTable *self,
                                                     GtkFilter            *filter);
/* Whether rows of the model are still to reach the table: a large model arrives over several
 * main-loop turns. */
gboolean       mfm_relationship_table_get_feeding   (MfmRelationshipTable *self);
/* The rows shown, in order: a GtkSingleSelection. */
GListModel    *mfm_relationship_table_get_rows      (MfmRelationshipTable *self);
/* The rows sorted but not yet filtered: what a search filter prepares its keys from. */
GListModel    *mfm_relationship_table_get_sorted    (MfmRelationshipTable *self);
GtkColumnView *mfm_relationship_table_get_column_view (MfmRelationshipTable *self);
/* The rules' warnings for @relationship as one line each ("" when none), checked against the
 * session's inventory: what the Warnings column shows as its tooltip. */
char          *mfm_relationship_table_describe_warnings (MfmRelationshipTable *self,
                                                         MfmRelationship      *relationship,
                                                         guint                *n_warnings);

G_END_DECLS
