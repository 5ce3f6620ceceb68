/* mfm-search-filter.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFM_TYPE_SEARCH_FILTER (mfm_search_filter_get_type())

G_DECLARE_FINAL_TYPE (MfmSearchFilter, mfm_search_filter, MFM, SEARCH_FILTER, GtkFilter)

#define MFM_SEARCH_FILTER_MAX_FIELDS 4

/* Fills @fields with the item's searchable texts (NULL for none), at most
 * MFM_SEARCH_FILTER_MAX_FIELDS, and returns how many it filled. The strings stay owned by
 * the item. */
typedef guint (*MfmSearchFieldsFunc) (gpointer     item,
                                      const char **fields);

/* A number that changes whenever one of the item's searchable texts changes (a change
 * counter the item keeps). With one, a key kept for an item is known current by comparing
 * two numbers instead of the texts. */
typedef guint (*MfmSearchGenerationFunc) (gpointer item);

/* Case-insensitive substring search over a few texts of each item, like one
 * GtkStringFilter per text, but each item's folded texts are prepared once and kept on the
 * item, and a longer or shorter search only re-checks the rows it can change. Once
 * mfm_search_filter_prepare() is done with a model, a new search is first checked against
 * its items in one loop: GtkFilterListModel is told nothing when no item's answer changed,
 * and is told the direction the answers really went (stricter, less strict) otherwise.
 * Property "search" (string; empty or NULL matches every item). */
GtkFilter  *mfm_search_filter_new             (void);
const char *mfm_search_filter_get_search      (MfmSearchFilter     *self);
void        mfm_search_filter_set_search      (MfmSearchFilter     *self,
                                               const char          *search);
void        mfm_search_filter_set_fields_func (MfmSearchFilter     *self,
                                               MfmSearchFieldsFunc  fields_func);
void        mfm_search_filter_set_generation_func (MfmSearchFilter         *self,
                                                   MfmSearchGenerationFunc  generation_func);
void        mfm_search_filter_set_always_asked    (MfmSearchFilter         *self,
                                                   gboolean                 always_asked);
void        mfm_search_filter_recheck         (MfmSearchFilter     *self);
void        mfm_search_filter_prepare         (MfmSearchFilter     *self,
                                               GListModel          *model);

G_END_DECLS
