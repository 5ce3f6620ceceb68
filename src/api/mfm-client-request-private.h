/* mfm-client-request-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mfm-api-log.h"
#include "mfm-client-private.h"

G_BEGIN_DECLS

/* One JSON-RPC exchange, shared by the exchange itself (mfm-client-request.c) and its API log
 * entry (mfm-client-request-log.c). */

typedef enum
{
  REQUEST_NEW,
  REQUEST_QUEUED,
  REQUEST_WAITING_FOR_LOGIN,
  REQUEST_ACTIVE,
  REQUEST_DONE,
} RequestState;

typedef struct
{
  MfmClient    *client;            /* borrowed: the task holds the reference */
  char         *method;
  JsonObject   *params;
  MfmCallFlags  flags;
  char         *explicit_session;  /* Logout sends the session it is ending */
  char         *session_used;
  gboolean      retried;
  /* A read that failed on the way or on the server's side is sent once more. */
  gboolean      resent;
  gboolean      returned;

  RequestState  state;
  GCancellable *cancellable;       /* internal: user cancel, dispose, deadline, TLS pin */
  GCancellable *user_cancellable;
  gulong        user_cancel_id;
  GCancellable *client_cancellable;
  gulong        client_cancel_id;
  GSource      *cancel_source;
  GSource      *deadline;
  gboolean      timed_out;
  gboolean      tls_rejected;
  gboolean      body_written;      /* the whole request went out: the server may act on it */

  SoupMessage  *message;
  GInputStream *stream;
  GByteArray   *body;
  char         *request_text;
  gsize         request_length;
  guint         status;
  gint64        started_us;
  MfmApiLogEntry *log_entry;       /* the latest exchange's, for a later refusal */

  /* Filled in a worker thread once the whole body is in, read back on the main thread. */
  MfmCallConvert convert;
  gboolean      convert_drops_node; /* the caller needs the objects (and the total) only */
  JsonNode     *parsed;
  GError       *parse_error;
  GPtrArray    *items;
  guint         items_total;
  MfmCallObserved observed;
  GError       *items_error;
  /* The API log entry's texts, redacted in the worker thread too (a large answer takes a
   * while to scan); the sessions to hide are copied for it on the main thread. */
  GStrv         log_secrets;
  char         *log_request_text;
  char         *log_response_text;
} Request;

/* The sessions the log must not show, copied for the worker thread. */
GStrv _mfm_request_log_secrets_new    (Request            *request);
/* Fills the request's log texts, redacted; runs in either thread. */
void  _mfm_request_prepare_log_texts  (Request            *request,
                                       JsonNode           *result,
                                       const char * const *secrets);
/* Adds the exchange to the client's API log. */
void  _mfm_request_log_exchange       (Request            *request,
                                       JsonNode           *result,
                                       const GError       *error);

G_END_DECLS
