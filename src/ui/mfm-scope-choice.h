/* mfm-scope-choice.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-relationship.h"
#include "mfm-scope.h"

G_BEGIN_DECLS

typedef enum
{
  MFM_SCOPE_CHOICE_MEMBER,
  MFM_SCOPE_CHOICE_ELIGIBLE,
  MFM_SCOPE_CHOICE_INELIGIBLE,
} MfmScopeChoiceCategory;

#define MFM_TYPE_SCOPE_CHOICE (mfm_scope_choice_get_type())

G_DECLARE_FINAL_TYPE (MfmScopeChoice, mfm_scope_choice, MFM, SCOPE_CHOICE, GObject)

/* One scope of a relationship's primary as the scopes dialog offers it: in the relationship,
 * eligible, or not eligible with the reason, and whether the person has it checked (members
 * start checked). */
MfmScopeChoice         *mfm_scope_choice_new          (MfmScope        *scope,
                                                       MfmRelationship *relationship);
MfmScope               *mfm_scope_choice_get_scope    (MfmScopeChoice  *self);
MfmScopeChoiceCategory  mfm_scope_choice_get_category (MfmScopeChoice  *self);
/* Why it cannot be added ("No address pool"), or NULL. */
const char             *mfm_scope_choice_get_reason   (MfmScopeChoice  *self);
gboolean                mfm_scope_choice_get_checked  (MfmScopeChoice  *self);
void                    mfm_scope_choice_set_checked  (MfmScopeChoice  *self,
                                                       gboolean         checked);
/* TRUE when the scope's name, subnet or description holds @needle, already case-folded;
 * an empty needle matches every scope. */
gboolean                mfm_scope_choice_matches      (MfmScopeChoice  *self,
                                                       const char      *needle);

G_END_DECLS
