/* mfm-sim-dataset.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-inventory.h"

G_BEGIN_DECLS

/* The member of a scope in a dataset file that holds its pools: an array of pool objects in
 * the GetDHCPAddressPools format. */
#define MFM_SIM_DATASET_POOLS "pools"

/* Each function fills an empty inventory. */
void      mfm_sim_dataset_load_demo  (MfmInventory  *inventory);
void      mfm_sim_dataset_generate   (MfmInventory  *inventory,
                                      guint          n_servers,
                                      guint          n_relationships,
                                      guint          n_scopes,
                                      guint          seed);
gboolean  mfm_sim_dataset_load_file  (MfmInventory  *inventory,
                                      const char    *path,
                                      GError       **error);
/* Makes the data consistent the way Micetro keeps it: server names and refs of each
 * relationship filled in, its scope refs taken from the pools when missing, and its state
 * "Empty" without scopes ("Normal" when it has scopes but no state). */
void      mfm_sim_dataset_normalise  (MfmInventory  *inventory);
/* Largest number N of any "collection/N" scope ref, for numbering new scopes. */
guint     mfm_sim_dataset_max_scope_id (MfmInventory *inventory);

G_END_DECLS
