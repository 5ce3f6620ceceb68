/* mfm-key-sorter.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFM_TYPE_KEY_SORTER (mfm_key_sorter_get_type())

G_DECLARE_FINAL_TYPE (MfmKeySorter, mfm_key_sorter, MFM, KEY_SORTER, GtkSorter)

/* Sorts items by a string property ("property", e.g. "name") in the order of
 * mfm_sort_key_new(): case folded, numbers by value ("ams-2" before "ams-10"). Each item's
 * key is made once and kept on the item (mfm_sort_key_get()), so a comparison is a strcmp();
 * GtkStringSorter folds and collates both texts on every comparison instead, which at
 * 100,000 rows was most of the time a load took. Items without that string property sort
 * first. */
GtkSorter  *mfm_key_sorter_new          (const char   *property);
const char *mfm_key_sorter_get_property_name (MfmKeySorter *self);
void        mfm_key_sorter_set_property_name (MfmKeySorter *self,
                                              const char   *property);

G_END_DECLS
