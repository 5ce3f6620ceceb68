/* mfm-natural-sorter.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFM_TYPE_NATURAL_SORTER (mfm_natural_sorter_get_type())

G_DECLARE_FINAL_TYPE (MfmNaturalSorter, mfm_natural_sorter, MFM, NATURAL_SORTER, GtkSorter)

/* Sorts by the string @expression gives, as a person reads names: case does not matter and
 * numbers count by their value, so dhcp-ams-2 comes before dhcp-ams-10 and 10.0.0.9 before
 * 10.0.0.10 (g_utf8_collate_key_for_filename()). Each item's key is made once and kept on the
 * item. Property "expression" (GtkExpression returning a string). */
GtkSorter     *mfm_natural_sorter_new            (GtkExpression    *expression);
GtkExpression *mfm_natural_sorter_get_expression (MfmNaturalSorter *self);
void           mfm_natural_sorter_set_expression (MfmNaturalSorter *self,
                                                  GtkExpression    *expression);

G_END_DECLS
