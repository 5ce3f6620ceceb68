/* mfm-client-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mfm-client.h"

G_BEGIN_DECLS

/* One JSON-RPC call through the client's queue, session and re-login handling; the result is
 * the response's "result" node. For tests, the benchmark baseline and the fuzz target (which
 * uses mfm_wire_parse_response() from mfm-wire.h for the body parsing itself). */
void      mfm_client_call_async     (MfmClient           *self,
                                     const char          *method,
                                     JsonObject          *params,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
JsonNode *mfm_client_call_finish    (MfmClient           *self,
                                     GAsyncResult        *result,
                                     GError             **error);
const char *mfm_client_get_session  (MfmClient           *self);
guint     mfm_client_get_n_in_flight (MfmClient          *self);

G_END_DECLS
