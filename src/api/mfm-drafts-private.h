/* mfm-drafts-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The drafts' GVariant ↔ JSON mapping, shared with the change files so that there is one. */
JsonNode *mfm_drafts_variant_to_node (GVariant            *variant);
GVariant *mfm_drafts_node_to_variant (JsonNode            *node,
                                      const GVariantType  *type,
                                      GError             **error);

G_END_DECLS
