/* mfm-failover-wizard.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_FAILOVER_WIZARD (mfm_failover_wizard_get_type())

G_DECLARE_FINAL_TYPE (MfmFailoverWizard, mfm_failover_wizard, MFM, FAILOVER_WIZARD, AdwWindow)

/* Micetro's Add relationship steps (Initial setup, Options, Summary) in a modal window; the
 * final button stages an add change. */
MfmFailoverWizard *mfm_failover_wizard_new_add  (GtkWindow   *parent,
                                                 MfmSession  *session,
                                                 const char  *primary_server_ref);
/* The same steps prefilled from @relationship_name; name, servers and percentage are read-only
 * and the final button stages a modify change. NULL when no such relationship is known. */
MfmFailoverWizard *mfm_failover_wizard_new_edit (GtkWindow   *parent,
                                                 MfmSession  *session,
                                                 const char  *relationship_name);

G_END_DECLS
