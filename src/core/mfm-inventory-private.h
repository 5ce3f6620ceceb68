/* mfm-inventory-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-inventory.h"

G_BEGIN_DECLS

/* At most @n_objects compared per slice of mfm_inventory_replace_async() (0: only the time
 * budget), so that tests can see what happens between slices on a small estate. */
void     _mfm_inventory_set_slice_size (MfmInventory *self,
                                        guint         n_objects);
/* Whether an mfm_inventory_replace_async() is comparing or about to change the stores. */
gboolean _mfm_inventory_is_replacing   (MfmInventory *self);

G_END_DECLS
