/* mfm-client-request-log.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-client-request"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-client.h"
#include "mfm-client-private.h"
#include "mfm-client-request-private.h"
#include "mfm-wire.h"

/* The API log entry of one exchange: its outcome in words, its texts with every session
 * hidden (made in the worker thread that parses the answer when there is one), and a later
 * refusal of an answer that arrived whole. */

/* Only the start of a long answer goes into the API log. */
#define MAX_LOGGED_BODY   (64 * 1024)

static const char *
outcome_for_error (const GError *error,
                   char        **freeme)
{
  int api_code;

  if (error == NULL)
    return C_("api log outcome", "OK");

  api_code = mfm_error_get_api_code (error);
  if (api_code != 0)
    return (*freeme = g_strdup_printf (C_("api log outcome", "error %d"), api_code));

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return C_("api log outcome", "cancelled");

  if (error->domain != MFM_ERROR)
    return C_("api log outcome", "error");

  switch ((MfmErrorCode) error->code)
    {
    case MFM_ERROR_NETWORK:
      return C_("api log outcome", "network error");
    case MFM_ERROR_TIMEOUT:
      return C_("api log outcome", "timeout");
    case MFM_ERROR_TLS:
      return C_("api log outcome", "certificate refused");
    case MFM_ERROR_CONNECTION_BROKEN:
      return C_("api log outcome", "connection broke");
    case MFM_ERROR_PROTOCOL:
      return C_("api log outcome", "malformed answer");
    case MFM_ERROR_SESSION:
      return C_("api log outcome", "session error");
    case MFM_ERROR_BAD_CREDENTIALS:
    case MFM_ERROR_PERMISSION:
    case MFM_ERROR_NOT_FOUND:
    case MFM_ERROR_SERVER:
    default:
      return C_("api log outcome", "error");
    }
}

/* The sessions the API log must not show: the client's, the one this request went out with
 * and the one it ends. Copied, so that the worker thread can read them. */
GStrv
_mfm_request_log_secrets_new (Request *request)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *sessions[] = { request->client->session, request->session_used,
                             request->explicit_session };

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    if (sessions[i] != NULL && sessions[i][0] != '\0')
      g_strv_builder_add (builder, sessions[i]);

  return g_strv_builder_end (builder);
}

/* Fills the log entry's texts from the request, the answer's first MAX_LOGGED_BODY bytes
 * and @secrets, with the session by value too: a Login may answer with the bare session
 * string, and a server may quote it anywhere. Runs in either thread. */
void
_mfm_request_prepare_log_texts (Request            *request,
                                JsonNode           *result,
                                const char * const *secrets)
{
  g_autofree char *response = NULL;
  g_autofree char *new_session = NULL;
  g_autoptr(GPtrArray) hidden = g_ptr_array_new ();
  gsize response_length = request->body != NULL ? request->body->len : 0;

  if (request->body != NULL && response_length > 0)
    {
      gsize shown = MIN (response_length, MAX_LOGGED_BODY);
      g_autofree char *valid = g_utf8_make_valid ((const char *) request->body->data, shown);

      if (shown < response_length)
        {
          g_autofree char *more = g_strdup_printf ("%" G_GSIZE_FORMAT, response_length - shown);

          response = g_strdup_printf (_("%s\n… (%s more bytes)"), valid, more);
        }
      else
        response = g_steal_pointer (&valid);
    }

  /* The new session is in this answer; the client has not taken it yet. */
  if (result != NULL && g_strcmp0 (request->method, MFM_WIRE_LOGIN) == 0)
    new_session = mfm_wire_session_from_result (result, NULL);
  if (new_session != NULL)
    g_ptr_array_add (hidden, new_session);
  for (guint i = 0; secrets != NULL && secrets[i] != NULL; i++)
    g_ptr_array_add (hidden, (gpointer) secrets[i]);
  g_ptr_array_add (hidden, NULL);

  g_free (request->log_request_text);
  g_free (request->log_response_text);
  request->log_request_text = mfm_api_log_redact_values (request->request_text,
                                                         (const char * const *) hidden->pdata);
  request->log_response_text = mfm_api_log_redact_values (response,
                                                          (const char * const *) hidden->pdata);
}

/* Adds the exchange to the API log, with the texts prepared in the worker thread when the
 * answer went through it. */
void
_mfm_request_log_exchange (Request      *request,
                           JsonNode     *result,
                           const GError *error)
{
  MfmClient *self = request->client;
  g_autoptr(MfmApiLogEntry) entry = NULL;
  g_autofree char *outcome_text = NULL;
  const char *outcome;
  gsize response_length = request->body != NULL ? request->body->len : 0;
  gint64 finished_us = g_get_monotonic_time ();
  double duration_ms = (finished_us - request->started_us) / 1000.0;

  if (self->api_log == NULL)
    {
      g_clear_pointer (&request->log_secrets, g_strfreev);
      return;
    }

  outcome = outcome_for_error (error, &outcome_text);
  if (request->log_secrets == NULL)
    {
      g_auto(GStrv) secrets = _mfm_request_log_secrets_new (request);

      _mfm_request_prepare_log_texts (request, result, (const char * const *) secrets);
    }

  /* The entry takes the texts: a large answer's is not copied, nor freed here. */
  entry = mfm_api_log_entry_new_redacted_take (request->method, request->status, outcome,
                                               duration_ms,
                                               g_steal_pointer (&request->log_request_text),
                                               g_steal_pointer (&request->log_response_text),
                                               request->request_length, response_length);
  mfm_api_log_entry_set_times (entry, request->started_us, finished_us);
  mfm_api_log_append (self->api_log, entry);
  g_set_object (&request->log_entry, entry);
  g_clear_pointer (&request->log_secrets, g_strfreev);
  g_clear_pointer (&request->log_request_text, g_free);
  g_clear_pointer (&request->log_response_text, g_free);
}

/* An answer that arrived whole, but that the client refuses (a list it cannot trust): its API
 * log entry says so and why, instead of "OK". @call_result is the call's GAsyncResult. */
void
_mfm_client_log_refused_answer (GAsyncResult *call_result,
                                const GError *error)
{
  Request *request = g_task_get_task_data (G_TASK (call_result));
  g_autofree char *outcome = NULL;

  if (request == NULL || request->log_entry == NULL || error == NULL)
    return;

  /* Translators: outcome in the API log of an answer the application could not use */
  outcome = g_strdup_printf (C_("api log outcome", "answer refused: %s"), error->message);
  mfm_api_log_entry_set_outcome (request->log_entry, outcome);
}
