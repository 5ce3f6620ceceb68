/* mfm-client-request.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-client-request"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfm-client.h"
#include "mfm-client-private.h"
#include "mfm-client-request-private.h"
#include "mfm-wire.h"

/* One JSON-RPC exchange: the queue that keeps at most MFM_MAX_IN_FLIGHT requests in flight,
 * sending, reading the answer in chunks up to MFM_MAX_RESPONSE_SIZE, parsing it off the main
 * thread, one new login when the session ran out, sending a read once more after a failure in
 * passing, the certificate checks. The API log entry of every exchange is made in
 * mfm-client-request-log.c; the request itself is in mfm-client-request-private.h. */

#define READ_CHUNK_SIZE   (256 * 1024)

/* ---------------------------------------------------------------------------------------- */
/* One JSON-RPC request                                                                      */


static void pump_queue (MfmClient *self);
static void start_request (GTask *task);

static void
request_free (Request *request)
{
  if (request->user_cancel_id != 0)
    g_cancellable_disconnect (request->user_cancellable, request->user_cancel_id);
  /* The client may be gone already: GTask drops its source object before the task data. */
  if (request->client_cancel_id != 0)
    g_cancellable_disconnect (request->client_cancellable, request->client_cancel_id);
  g_clear_object (&request->client_cancellable);
  if (request->cancel_source != NULL)
    {
      g_source_destroy (request->cancel_source);
      g_source_unref (request->cancel_source);
    }
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_source_unref (request->deadline);
    }
  if (request->message != NULL)
    g_signal_handlers_disconnect_by_data (request->message, request);

  g_free (request->method);
  g_clear_pointer (&request->params, json_object_unref);
  g_free (request->explicit_session);
  g_free (request->session_used);
  g_clear_object (&request->cancellable);
  g_clear_object (&request->user_cancellable);
  g_clear_object (&request->message);
  g_clear_object (&request->stream);
  g_clear_pointer (&request->body, g_byte_array_unref);
  g_free (request->request_text);
  g_clear_object (&request->log_entry);
  g_clear_pointer (&request->parsed, json_node_unref);
  g_clear_error (&request->parse_error);
  g_clear_pointer (&request->items, g_ptr_array_unref);
  g_clear_error (&request->items_error);
  g_strfreev (request->log_secrets);
  g_free (request->log_request_text);
  g_free (request->log_response_text);
  g_free (request);
}

static void
cancel_request_cb (GCancellable *cancellable,
                   gpointer      user_data)
{
  GCancellable *internal = user_data;

  g_cancellable_cancel (internal);
}

/* Why a request stopped early: the deadline, a refused certificate, or a cancellation. */
static GError *
interrupted_error (Request *request)
{
  MfmClient *self = request->client;

  if (request->timed_out)
    return g_error_new (MFM_ERROR, MFM_ERROR_TIMEOUT,
                        ngettext ("No answer to %s within %u second.",
                                  "No answer to %s within %u seconds.", self->timeout),
                        request->method, self->timeout);
  if (request->tls_rejected)
    return g_error_new (MFM_ERROR, MFM_ERROR_TLS,
                        _("The certificate of %s was refused."), self->host);

  return g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The request was cancelled."));
}

static GError *
map_transport_error (Request *request,
                     GError  *error)
{
  MfmErrorCode code = MFM_ERROR_NETWORK;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      request->timed_out || request->tls_rejected)
    return interrupted_error (request);

  if (error->domain == MFM_ERROR)
    return g_error_copy (error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    code = MFM_ERROR_TIMEOUT;
  else if (error->domain == G_TLS_ERROR &&
           error->code != G_TLS_ERROR_BAD_CERTIFICATE &&
           error->code != G_TLS_ERROR_CERTIFICATE_REQUIRED)
    /* Not a certificate problem: typically https:// typed for a plain HTTP service. */
    return g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                        _("No secure connection could be set up with the server (%s)."),
                        error->message);
  else if (error->domain == G_TLS_ERROR)
    code = MFM_ERROR_TLS;
  else if (error->domain == SOUP_SESSION_ERROR)
    code = MFM_ERROR_PROTOCOL;
  else
    code = MFM_ERROR_NETWORK;

  return g_error_new_literal (MFM_ERROR, code, error->message);
}

/* Returns the task's result exactly once; the slot is released separately when the HTTP
 * exchange really ends. */
static void
request_return (GTask    *task,
                JsonNode *result,
                GError   *error)
{
  Request *request = g_task_get_task_data (task);

  if (request->returned)
    {
      g_clear_pointer (&result, json_node_unref);
      g_clear_error (&error);
      return;
    }

  request->returned = TRUE;
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }

  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, (GDestroyNotify) json_node_unref);
}

static gboolean
request_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);
  MfmClient *self = request->client;

  g_clear_pointer (&request->cancel_source, g_source_unref);

  /* Answer the caller at once; an HTTP exchange still running ends on its own. */
  if (request->state == REQUEST_QUEUED)
    {
      request->state = REQUEST_DONE;
      if (g_queue_remove (&self->queue, task))
        {
          request_return (task, NULL, interrupted_error (request));
          g_object_unref (task);
        }
    }
  else if (request->state == REQUEST_WAITING_FOR_LOGIN)
    {
      request->state = REQUEST_DONE;
      if (g_ptr_array_remove (self->relogin_waiters, task))
        {
          request_return (task, NULL, interrupted_error (request));
          g_object_unref (task);
        }
    }
  else if (!request->returned)
    {
      /* Keeps the task alive while its callback runs; only freed on leaving. */
      g_autoptr(GTask) hold = g_object_ref (task);

      (void) hold;
      request_return (task, NULL, interrupted_error (request));
    }

  return G_SOURCE_REMOVE;
}

static void
enqueue (MfmClient *self,
         GTask     *task)
{
  Request *request = g_task_get_task_data (task);

  request->state = REQUEST_QUEUED;
  if (request->flags & MFM_CALL_URGENT)
    g_queue_push_head (&self->queue, g_object_ref (task));
  else
    g_queue_push_tail (&self->queue, g_object_ref (task));

  pump_queue (self);
}

static void
pump_queue (MfmClient *self)
{
  while (self->n_in_flight < MFM_MAX_IN_FLIGHT && !g_queue_is_empty (&self->queue))
    {
      g_autoptr(GTask) task = g_queue_pop_head (&self->queue);
      Request *request = g_task_get_task_data (task);

      if (request->returned)
        continue;
      start_request (task);
    }
}

/* The HTTP exchange is over (whatever its outcome): free the slot, let the next one go. */
static void
release_slot (Request *request)
{
  MfmClient *self = request->client;

  if (request->state != REQUEST_ACTIVE)
    return;

  request->state = REQUEST_DONE;
  g_assert (self->n_in_flight > 0);
  self->n_in_flight--;
  /* A retry after a new login gets a deadline of its own. */
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }
  g_clear_object (&request->stream);
  if (request->message != NULL)
    g_signal_handlers_disconnect_by_data (request->message, request);
  g_clear_object (&request->message);

  if (!self->disposed)
    pump_queue (self);
}
static void
relogin_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;
  g_autoptr(GPtrArray) waiters = NULL;

  node = _mfm_client_call_finish (self, result, &error);
  if (node != NULL)
    session = mfm_wire_session_from_result (node, &error);

  self->relogin_running = FALSE;
  waiters = g_steal_pointer (&self->relogin_waiters);
  self->relogin_waiters = g_ptr_array_new ();

  if (session != NULL)
    {
      g_free (self->session);
      self->session = g_steal_pointer (&session);
    }

  for (guint i = 0; i < waiters->len; i++)
    {
      g_autoptr(GTask) task = g_ptr_array_index (waiters, i);
      Request *request = g_task_get_task_data (task);

      if (request->returned)
        continue;

      if (error == NULL)
        {
          enqueue (self, task);
        }
      else
        {
          request->state = REQUEST_DONE;
          request_return (task, NULL,
                          g_error_new (MFM_ERROR, MFM_ERROR_SESSION,
                                       _("Logging in again failed: %s"), error->message));
        }
    }
}

/* The session ran out: log in again once with the credentials in memory, then retry. */
static void
retry_after_login (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  MfmClient *self = request->client;

  request->retried = TRUE;

  /* Another request renewed the session meanwhile. */
  if (self->session != NULL && g_strcmp0 (request->session_used, self->session) != 0)
    {
      enqueue (self, task);
      return;
    }

  request->state = REQUEST_WAITING_FOR_LOGIN;
  g_ptr_array_add (self->relogin_waiters, g_object_ref (task));

  if (!self->relogin_running)
    {
      self->relogin_running = TRUE;
      _mfm_client_call_async (self, MFM_WIRE_LOGIN,
                              _mfm_client_login_params (self, self->user, self->password),
                              MFM_CALL_NO_SESSION | MFM_CALL_NO_RELOGIN | MFM_CALL_URGENT,
                              self->cancellable, relogin_cb, NULL);
    }
}

/* One read that failed in passing (a dropped connection, a failure on the server's side)
 * must not fail a whole listing of thousands when sending it again works. Writes are never
 * sent twice: the first may have been carried out. Timeouts are not repeated either. */
static gboolean
resend_read (GTask        *task,
             const GError *error)
{
  Request *request = g_task_get_task_data (task);
  MfmClient *self = request->client;

  if (request->resent || request->returned || self->disposed ||
      !mfm_wire_method_is_read (request->method) ||
      g_error_matches (error, MFM_ERROR, MFM_ERROR_TIMEOUT) ||
      !mfm_error_is_transient (error))
    return FALSE;

  request->resent = TRUE;
  g_debug ("Sending %s again after: %s", request->method, error->message);
  enqueue (self, task);
  return TRUE;
}

/* The worker thread: the JSON parse and, for lists, the objects, so a 20 MB answer does not
 * stall the main loop. Only this request's own fields are touched. */
static void
parse_thread (GTask        *parse,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Request *request = task_data;

  g_clear_pointer (&request->parsed, json_node_unref);
  g_clear_error (&request->parse_error);
  g_clear_pointer (&request->items, g_ptr_array_unref);
  g_clear_error (&request->items_error);

  request->parsed = mfm_wire_parse_response ((const char *) request->body->data,
                                             request->body->len, request->status,
                                             &request->parse_error);
  if (request->log_secrets != NULL)
    _mfm_request_prepare_log_texts (request, request->parsed, (const char * const *) request->log_secrets);
  if (request->parsed != NULL && request->convert != NULL)
    {
      request->items_total = G_MAXUINT;
      request->observed.seen = 0;
      request->observed.safe_period = G_MAXUINT;
      request->observed.repeated_name = NULL;
      request->observed.n_repeated = 0;
      request->items = request->convert (request->parsed, &request->items_total,
                                         &request->observed, &request->items_error);
      /* Freeing a large tree costs time too: here, not on the main loop. What stays is
       * whether the answer announced its total, which the pager asks. */
      if (request->items != NULL && request->convert_drops_node)
        {
          g_autoptr(JsonObject) summary = json_object_new ();
          JsonObject *object = JSON_NODE_HOLDS_OBJECT (request->parsed)
            ? json_node_get_object (request->parsed) : NULL;

          if (object != NULL && json_object_has_member (object, MFM_WIRE_RESULT_TOTAL))
            json_object_set_member (summary, MFM_WIRE_RESULT_TOTAL,
                                    json_node_copy (json_object_get_member (object, MFM_WIRE_RESULT_TOTAL)));
          json_node_unref (request->parsed);
          request->parsed = json_node_init_object (json_node_alloc (), summary);
        }
    }

  g_task_return_boolean (parse, TRUE);
}

static void finish_parsed (GTask *task);

static void
parsed_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;

  finish_parsed (task);
}

static void
finish_exchange (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GTask) parse = g_task_new (NULL, NULL, parsed_cb, g_object_ref (task));

  /* The answer is in: the time reading it takes is not the server's. */
  if (request->deadline != NULL)
    {
      g_source_destroy (request->deadline);
      g_clear_pointer (&request->deadline, g_source_unref);
    }

  /* The log's texts are made in the worker thread with the rest of the answer. */
  g_clear_pointer (&request->log_secrets, g_strfreev);
  if (request->client->api_log != NULL)
    request->log_secrets = _mfm_request_log_secrets_new (request);
  g_task_set_source_tag (parse, finish_exchange);
  /* Borrowed: @task, which owns the request, lives until parsed_cb. */
  g_task_set_task_data (parse, request, NULL);
  g_task_run_in_thread (parse, parse_thread);
}

static void
finish_parsed (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  MfmClient *self = request->client;
  g_autoptr(GError) error = g_steal_pointer (&request->parse_error);
  JsonNode *result = g_steal_pointer (&request->parsed);

  _mfm_request_log_exchange (request, result, error);
  release_slot (request);

  if (request->returned)
    {
      g_clear_pointer (&result, json_node_unref);
      return;
    }

  if (error != NULL && g_error_matches (error, MFM_ERROR, MFM_ERROR_SESSION) &&
      !(request->flags & MFM_CALL_NO_RELOGIN) && !request->retried &&
      self->user != NULL && self->password != NULL && !self->disposed)
    {
      retry_after_login (task);
      return;
    }

  if (error != NULL && resend_read (task, error))
    return;

  request_return (task, result, g_steal_pointer (&error));
}

static void
fail_exchange (GTask  *task,
               GError *error)
{
  Request *request = g_task_get_task_data (task);

  _mfm_request_log_exchange (request, NULL, error);
  release_slot (request);
  if (resend_read (task, error))
    {
      g_error_free (error);
      return;
    }
  request_return (task, NULL, error);
}

static void
read_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;

  bytes = g_input_stream_read_bytes_finish (G_INPUT_STREAM (source), result, &error);
  if (bytes == NULL)
    {
      GError *mapped = map_transport_error (request, error);

      /* The server was reached and had begun to answer: not "could not be reached". */
      if (g_error_matches (mapped, MFM_ERROR, MFM_ERROR_NETWORK))
        {
          g_autofree char *received = g_strdup_printf ("%u", request->body->len);

          g_clear_error (&mapped);
          mapped = g_error_new (MFM_ERROR, MFM_ERROR_CONNECTION_BROKEN,
                                /* Translators: command, HTTP status, bytes, system message */
                                _("The answer to %s (HTTP %u) stopped after %s bytes: %s"),
                                request->method, request->status, received, error->message);
        }
      fail_exchange (task, mapped);
      return;
    }

  size = g_bytes_get_size (bytes);
  if (size == 0)
    {
      finish_exchange (task);
      return;
    }

  if (request->body->len + size > MFM_MAX_RESPONSE_SIZE)
    {
      /* Stop reading: dropping the stream closes the connection. */
      fail_exchange (task, g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                                        _("The answer is larger than %u MiB."),
                                        MFM_MAX_RESPONSE_SIZE / (1024 * 1024)));
      return;
    }

  g_byte_array_append (request->body, g_bytes_get_data (bytes, NULL), size);
  g_input_stream_read_bytes_async (request->stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable, read_cb, g_steal_pointer (&task));
}

static void
send_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  GInputStream *stream;

  stream = soup_session_send_finish (SOUP_SESSION (source), result, &error);
  if (stream == NULL)
    {
      fail_exchange (task, map_transport_error (request, error));
      return;
    }

  request->stream = stream;
  request->status = soup_message_get_status (request->message);

  headers = soup_message_get_response_headers (request->message);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > MFM_MAX_RESPONSE_SIZE)
    {
      goffset length = soup_message_headers_get_content_length (headers);
      g_autofree char *announced = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) length);

      /* Refused before a single byte of the body is read. */
      fail_exchange (task, g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                                        _("The answer is larger than %u MiB (%s bytes announced)."),
                                        MFM_MAX_RESPONSE_SIZE / (1024 * 1024), announced));
      return;
    }

  /* An announced length is room made at once: a 20 MB answer grown by doubling would be
   * copied on the main thread several times over, the last time 10 MB in one go. */
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      soup_message_headers_get_content_length (headers) > 0)
    {
      g_byte_array_unref (request->body);
      request->body =
        g_byte_array_sized_new ((guint) soup_message_headers_get_content_length (headers));
    }

  g_input_stream_read_bytes_async (stream, READ_CHUNK_SIZE, G_PRIORITY_DEFAULT,
                                   request->cancellable, read_cb, g_steal_pointer (&task));
}

static void
reject_certificate (Request              *request,
                    GTlsCertificate      *certificate,
                    GTlsCertificateFlags  errors,
                    gboolean              pinned_mismatch)
{
  MfmClient *self = request->client;
  MfmCertificateInfo *info;

  info = mfm_certificate_info_new_from_certificate (certificate, errors, self->host);
  info->pinned_mismatch = pinned_mismatch;
  if (pinned_mismatch)
    {
      const char *sentence = _("It is not the certificate you trusted for this server before.");
      char *problem = info->problem[0] != '\0'
        ? g_strdup_printf ("%s %s", sentence, info->problem)
        : g_strdup (sentence);

      g_free (info->problem);
      info->problem = problem;
    }

  g_clear_pointer (&self->rejected_certificate, mfm_certificate_info_free);
  self->rejected_certificate = info;
  request->tls_rejected = TRUE;
}

static gboolean
accept_certificate_cb (SoupMessage          *message,
                       GTlsCertificate      *certificate,
                       GTlsCertificateFlags  errors,
                       gpointer              user_data)
{
  Request *request = user_data;
  MfmClient *self = request->client;
  const char *pin = self->host != NULL ? g_hash_table_lookup (self->pins, self->host) : NULL;
  g_autofree char *fingerprint = mfm_certificate_fingerprint (certificate);

  if (pin != NULL && fingerprint != NULL && g_ascii_strcasecmp (pin, fingerprint) == 0)
    return TRUE;

  reject_certificate (request, certificate, errors, pin != NULL);
  return FALSE;
}

/* A pin also applies to certificates the system trusts: any other one is refused before the
 * request goes out. */
static void
network_event_cb (SoupMessage        *message,
                  GSocketClientEvent  event,
                  GIOStream          *connection,
                  gpointer            user_data)
{
  Request *request = user_data;
  MfmClient *self = request->client;
  GTlsCertificate *certificate;
  const char *pin;
  g_autofree char *fingerprint = NULL;

  if (event != G_SOCKET_CLIENT_TLS_HANDSHAKED || !G_IS_TLS_CONNECTION (connection))
    return;

  pin = self->host != NULL ? g_hash_table_lookup (self->pins, self->host) : NULL;
  if (pin == NULL)
    return;

  certificate = g_tls_connection_get_peer_certificate (G_TLS_CONNECTION (connection));
  if (certificate == NULL)
    return;

  fingerprint = mfm_certificate_fingerprint (certificate);
  if (fingerprint != NULL && g_ascii_strcasecmp (pin, fingerprint) == 0)
    return;

  reject_certificate (request, certificate, 0, TRUE);
  g_cancellable_cancel (request->cancellable);
}

static gboolean
deadline_cb (gpointer user_data)
{
  Request *request = user_data;

  g_clear_pointer (&request->deadline, g_source_unref);
  request->timed_out = TRUE;
  g_cancellable_cancel (request->cancellable);

  return G_SOURCE_REMOVE;
}

static void
wrote_body_cb (SoupMessage *message,
               gpointer     user_data)
{
  Request *request = user_data;

  request->body_written = TRUE;
}

static void
start_request (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  MfmClient *self = request->client;
  const char *session = NULL;
  g_autoptr(GBytes) bytes = NULL;

  request->state = REQUEST_ACTIVE;
  self->n_in_flight++;
  request->started_us = g_get_monotonic_time ();
  request->status = 0;
  request->body_written = FALSE;
  g_clear_pointer (&request->body, g_byte_array_unref);
  request->body = g_byte_array_new ();

  if (request->explicit_session != NULL)
    session = request->explicit_session;
  else if (!(request->flags & MFM_CALL_NO_SESSION))
    session = self->session;

  g_free (request->session_used);
  request->session_used = g_strdup (session);

  g_free (request->request_text);
  request->request_text = mfm_wire_build_request (request->method, request->params, session,
                                                  ++self->next_id, &request->request_length);

  request->message = soup_message_new (SOUP_METHOD_POST, self->endpoint);
  if (request->message == NULL)
    {
      fail_exchange (task, g_error_new (MFM_ERROR, MFM_ERROR_NETWORK,
                                        _("“%s” is not a valid server address."),
                                        self->base_url));
      return;
    }

  soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                "Accept", "application/json");
  bytes = g_bytes_new (request->request_text, request->request_length);
  soup_message_set_request_body_from_bytes (request->message, "application/json", bytes);
  g_signal_connect (request->message, "accept-certificate",
                    G_CALLBACK (accept_certificate_cb), request);
  g_signal_connect (request->message, "network-event",
                    G_CALLBACK (network_event_cb), request);
  g_signal_connect (request->message, "wrote-body",
                    G_CALLBACK (wrote_body_cb), request);

  if (self->timeout > 0)
    {
      request->deadline = g_timeout_source_new ((guint) MIN (self->timeout * 1000ull, G_MAXUINT));
      g_source_set_callback (request->deadline, deadline_cb, request, NULL);
      g_source_attach (request->deadline, g_task_get_context (task));
    }

  soup_session_send_async (self->soup, request->message, G_PRIORITY_DEFAULT,
                           request->cancellable, send_cb, g_object_ref (task));
}

static void
client_call_internal (MfmClient           *self,
                      const char          *method,
                      JsonObject          *params,
                      MfmCallFlags         flags,
                      const char          *explicit_session,
                      MfmCallConvert       convert,
                      gboolean             convert_drops_node,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, _mfm_client_call_full_async);
  /* Cancelling is answered by the request itself (G_IO_ERROR_CANCELLED, once, whatever the
   * exchange is doing), every other failure is an MfmError. */
  g_task_set_check_cancellable (task, FALSE);

  request = g_new0 (Request, 1);
  request->client = self;
  request->method = g_strdup (method);
  request->params = params != NULL ? params : json_object_new ();
  request->flags = flags;
  request->explicit_session = g_strdup (explicit_session);
  request->convert = convert;
  request->convert_drops_node = convert_drops_node;
  request->cancellable = g_cancellable_new ();
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (self->disposed)
    {
      request_return (task, NULL, interrupted_error (request));
      return;
    }

  if (self->endpoint == NULL)
    {
      request_return (task, NULL, g_error_new (MFM_ERROR, MFM_ERROR_NETWORK,
                                               _("“%s” is not a valid server address."),
                                               self->base_url));
      return;
    }

  if (cancellable != NULL)
    {
      request->user_cancellable = g_object_ref (cancellable);
      request->user_cancel_id = g_cancellable_connect (cancellable,
                                                       G_CALLBACK (cancel_request_cb),
                                                       request->cancellable, NULL);
    }
  request->client_cancellable = g_object_ref (self->cancellable);
  request->client_cancel_id = g_cancellable_connect (self->cancellable,
                                                     G_CALLBACK (cancel_request_cb),
                                                     request->cancellable, NULL);

  request->cancel_source = g_cancellable_source_new (request->cancellable);
  g_source_set_callback (request->cancel_source, G_SOURCE_FUNC (request_cancelled_cb), task, NULL);
  g_source_attach (request->cancel_source, g_task_get_context (task));

  enqueue (self, task);
}

void
_mfm_client_call_full_async (MfmClient           *self,
                             const char          *method,
                             JsonObject          *params,
                             MfmCallFlags         flags,
                             const char          *explicit_session,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  client_call_internal (self, method, params, flags, explicit_session, NULL, FALSE,
                        cancellable, callback, user_data);
}

/* A call whose answer is a list: @convert builds its objects in the worker thread that parses
 * the answer; _mfm_client_call_take_items() hands them over. */
void
_mfm_client_call_convert_async (MfmClient           *self,
                                const char          *method,
                                JsonObject          *params,
                                MfmCallConvert       convert,
                                gboolean             convert_drops_node,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  client_call_internal (self, method, params, MFM_CALL_DEFAULT, NULL, convert, convert_drops_node,
                        cancellable, callback, user_data);
}

/* The objects @convert built from @node, the answer of a call that succeeded, or NULL and
 * @error. */
GPtrArray *
_mfm_client_call_take_items (GAsyncResult     *result,
                             JsonNode         *node,
                             guint            *total,
                             MfmCallObserved  *observed,
                             GError          **error)
{
  Request *request = g_task_get_task_data (G_TASK (result));
  MfmCallObserved unused_observed;
  guint unused;

  if (total == NULL)
    total = &unused;
  if (observed == NULL)
    observed = &unused_observed;

  if (request->items != NULL)
    {
      *total = request->items_total;
      *observed = request->observed;
      return g_steal_pointer (&request->items);
    }
  if (request->items_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&request->items_error));
      return NULL;
    }

  /* Not built in the thread (it cannot happen today): build them here. */
  *total = G_MAXUINT;
  observed->seen = 0;
  observed->safe_period = G_MAXUINT;
  observed->repeated_name = NULL;
  observed->n_repeated = 0;
  return request->convert (node, total, observed, error);
}

gboolean
_mfm_client_call_was_sent (GAsyncResult *result,
                           const GError *error)
{
  Request *request = g_task_get_task_data (G_TASK (result));

  return request != NULL && request->body_written && !mfm_error_is_refusal (error);
}

JsonNode *
_mfm_client_call_finish (MfmClient     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}


/* ---------------------------------------------------------------------------------------- */
/* Private API (mfm-client-private.h)                                                        */

void
mfm_client_call_async (MfmClient           *self,
                       const char          *method,
                       JsonObject          *params,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (method != NULL);

  _mfm_client_call_async (self, method, params != NULL ? json_object_ref (params) : NULL,
                          MFM_CALL_DEFAULT, cancellable, callback, user_data);
}

JsonNode *
mfm_client_call_finish (MfmClient     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return _mfm_client_call_finish (self, result, error);
}

const char *
mfm_client_get_session (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), NULL);

  return self->session;
}

guint
mfm_client_get_n_in_flight (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), 0);

  return self->n_in_flight;
}
