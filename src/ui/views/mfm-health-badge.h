/* mfm-health-badge.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mfm-relationship.h"
#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_HEALTH_BADGE (mfm_health_badge_get_type())

G_DECLARE_FINAL_TYPE (MfmHealthBadge, mfm_health_badge, MFM, HEALTH_BADGE, GtkWidget)

/* The health of one relationship as a tinted pill with its text ("OK", "2 problems", "Not
 * checked"; never colour alone), the findings' sentences in the tooltip. It follows the
 * session's "health-changed" in place. Properties "session" and "relationship". */
GtkWidget  *mfm_health_badge_new              (void);
void        mfm_health_badge_set_session      (MfmHealthBadge  *self,
                                               MfmSession      *session);
void        mfm_health_badge_set_relationship (MfmHealthBadge  *self,
                                               MfmRelationship *relationship);
/* The text shown, and the tooltip's (one finding a line). */
const char *mfm_health_badge_get_text         (MfmHealthBadge  *self);
const char *mfm_health_badge_get_tooltip      (MfmHealthBadge  *self);

/* A factory for a table's Health column: each cell's badge follows the "session" property of
 * @owner (a view or pane) and the row's relationship. */
GtkListItemFactory *mfm_health_badge_factory_new (GObject *owner);

G_END_DECLS
