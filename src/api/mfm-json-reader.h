/* mfm-json-reader.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How deep arrays and objects may nest: the wire refuses deeper answers before json-glib,
 * whose parser recurses, sees them. */
#define MFM_JSON_READER_MAX_DEPTH 256

/* Reads @text (@length bytes) in one pass when it is strict JSON (RFC 8259) that json-glib's
 * immutable parser reads as well, and returns the same tree that parser builds: the same node
 * and value types, member order, parents and sealing. Returns NULL, without saying why, for
 * anything else: invalid UTF-8, a NUL byte, nesting deeper than MFM_JSON_READER_MAX_DEPTH, a
 * whole number outside 64 bits, a lone surrogate, or text json-glib reads its own way (empty
 * input, a byte order mark, comments, leading zeros, hex, bare control characters, unknown
 * escapes). The caller then lets json-glib read the text for its error message. */
JsonNode *mfm_json_reader_parse (const char *text,
                                 gsize       length);

G_END_DECLS
