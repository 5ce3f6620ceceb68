/* mfm-setup-page.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-editor-page.h"
#include "mfm-server.h"

G_BEGIN_DECLS

#define MFM_TYPE_SETUP_PAGE (mfm_setup_page_get_type())

G_DECLARE_FINAL_TYPE (MfmSetupPage, mfm_setup_page, MFM, SETUP_PAGE, MfmEditorPage)

/* Micetro's "Initial setup" step: the failover name, the primary server (read-only), the
 * partner server and the two ports. */

/* The servers the partner is chosen from (not copied), and how the primary is shown. */
void        mfm_setup_page_set_servers      (MfmSetupPage *self,
                                             GListModel   *partners,
                                             const char   *primary_label);
MfmServer  *mfm_setup_page_get_partner      (MfmSetupPage *self);
/* Chooses @partner without counting as the person's choice. */
void        mfm_setup_page_set_partner      (MfmSetupPage *self,
                                             MfmServer    *partner);
/* The partner's Micetro name: the one given to mfm_setup_page_lock(), else the chosen
 * server's; NULL when none is chosen. */
const char *mfm_setup_page_get_partner_name (MfmSetupPage *self);
/* For a saved relationship: the name and the servers become read-only, each saying why, and
 * the partner is @partner_name whatever the list holds. */
void        mfm_setup_page_lock             (MfmSetupPage *self,
                                             const char   *partner_name);

G_END_DECLS
