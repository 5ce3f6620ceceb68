/* mfm-state-badge.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mfm-types.h"

G_BEGIN_DECLS

#define MFM_TYPE_STATE_BADGE (mfm_state_badge_get_type())

G_DECLARE_FINAL_TYPE (MfmStateBadge, mfm_state_badge, MFM, STATE_BADGE, GtkWidget)

/* A failover state as a tinted pill with its text (never colour alone) and a one-sentence
 * tooltip. Property "state" (MfmFailoverState). */
GtkWidget        *mfm_state_badge_new       (MfmFailoverState  state);
MfmFailoverState  mfm_state_badge_get_state (MfmStateBadge    *self);
void              mfm_state_badge_set_state (MfmStateBadge    *self,
                                             MfmFailoverState  state);
/* The text shown. */
const char       *mfm_state_badge_get_text  (MfmStateBadge    *self);

G_END_DECLS
