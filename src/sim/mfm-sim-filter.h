/* mfm-sim-filter.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The "filter" parameter of Micetro's list commands, as other clients write it:
 * "field=value" clauses joined by " AND " (any case), where a value may be quoted and may start
 * with "^" (starts with), "@" (contains) or "$" (ends with), or end with "$"; and bare words,
 * searched in every text member. Fields are matched against an object's members without regard
 * to case, values without regard to case. For example `dhcpServerRef=dhcpServers/12`. */
typedef struct _MfmSimFilter MfmSimFilter;

/* NULL or "" matches everything. NULL with an error (G_IO_ERROR_INVALID_ARGUMENT) when a clause
 * has no field name or a quote is not closed. */
MfmSimFilter *mfm_sim_filter_new        (const char    *text,
                                         GError       **error);
void          mfm_sim_filter_free       (MfmSimFilter  *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmSimFilter, mfm_sim_filter_free)

gboolean      mfm_sim_filter_matches    (MfmSimFilter  *filter,
                                         JsonObject    *object);
/* The value (as written, unquoted) of a "field=value" clause on @field that must match exactly,
 * or NULL: lets a caller narrow the candidates before matching. */
const char   *mfm_sim_filter_get_exact  (MfmSimFilter  *filter,
                                         const char    *field);
guint         mfm_sim_filter_get_n_clauses (MfmSimFilter *filter);

/* A member's value as filters and sorting compare it: case-folded text, or a number or boolean
 * written out; NULL for a missing member, null, an array or an object. */
char         *mfm_sim_filter_member_text (JsonNode     *node);

G_END_DECLS
