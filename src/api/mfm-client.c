/* mfm-client.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-client"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfm-client.h"
#include "mfm-client-private.h"
#include "mfm-dialect.h"
#include "mfm-sort-key.h"
#include "mfm-wire.h"

#define READ_CHUNK_SIZE   (256 * 1024)
/* Only the start of a long answer goes into the API log. */
#define MAX_LOGGED_BODY   (64 * 1024)
/* A server that keeps sending full pages is not trusted beyond this. */
#define MAX_LIST_ITEMS    10000000
/* Requests for one list at most: 10,000,000 objects in pages of 1000. */
#define MAX_LIST_PAGES    10000
/* Without "totalResults" nothing says when to stop but a short page: 1,000,000 objects in
 * pages of 1000, far beyond any estate, and a few seconds of one-object pages. */
#define MAX_PAGES_WITHOUT_TOTAL 1000

struct _MfmClient
{
  GObject             parent_instance;

  char               *base_url;
  char               *endpoint;
  char               *host;
  char               *central_server;
  char               *user;
  char               *password;
  char               *session;
  guint               timeout;
  gboolean            logged_in;
  gboolean            is_encrypted;
  gboolean            is_loopback;
  gboolean            disposed;

  SoupSession        *soup;
  MfmApiLog          *api_log;
  GHashTable         *pins;          /* host → fingerprint */
  MfmCertificateInfo *rejected_certificate;

  gint64              next_id;
  guint               n_in_flight;
  GQueue              queue;         /* GTask of requests waiting for a slot (owned refs) */
  GPtrArray          *relogin_waiters; /* GTask of requests waiting for a new session */
  gboolean            relogin_running;
  GCancellable       *cancellable;   /* cancelled on dispose: everything in flight stops */

  MfmDialect         *dialect;       /* what this server's answers showed of its names */
  GHashTable         *ranges;        /* range ref → network ("" when it is none), per refresh */
};

G_DEFINE_FINAL_TYPE (MfmClient, mfm_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CENTRAL_SERVER,
  PROP_USER,
  PROP_TIMEOUT,
  PROP_LOGGED_IN,
  PROP_API_LOG,
  PROP_IS_ENCRYPTED,
  PROP_IS_LOOPBACK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PROGRESS,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* ---------------------------------------------------------------------------------------- */
/* One JSON-RPC request                                                                      */

typedef enum
{
  REQUEST_NEW,
  REQUEST_QUEUED,
  REQUEST_WAITING_FOR_LOGIN,
  REQUEST_ACTIVE,
  REQUEST_DONE,
} RequestState;

typedef enum
{
  CALL_DEFAULT    = 0,
  CALL_NO_SESSION = 1 << 0,   /* Login */
  CALL_NO_RELOGIN = 1 << 1,   /* Login, Logout */
  CALL_URGENT     = 1 << 2,   /* the re-login goes before everything queued */
} CallFlags;

/* What a relationship list showed of the server's dialect, found in the worker thread and
 * handed to the dialect on the main thread. */
typedef struct
{
  MfmWireMember seen;
  guint         safe_period;   /* G_MAXUINT: not sent */
} CallObserved;

/* Builds the objects of an answer; runs off the main thread with the JSON parse. */
typedef GPtrArray *(*CallConvert) (JsonNode      *result,
                                   guint         *total,
                                   CallObserved  *observed,
                                   GError       **error);

typedef struct
{
  MfmClient    *client;            /* borrowed: the task holds the reference */
  char         *method;
  JsonObject   *params;
  CallFlags     flags;
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
  CallConvert   convert;
  gboolean      convert_drops_node; /* the caller needs the objects (and the total) only */
  JsonNode     *parsed;
  GError       *parse_error;
  GPtrArray    *items;
  guint         items_total;
  CallObserved  observed;
  GError       *items_error;
} Request;

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

  return g_error_new_literal (MFM_ERROR, MFM_ERROR_CANCELLED, _("The request was cancelled."));
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
    case MFM_ERROR_CANCELLED:
      return C_("api log outcome", "cancelled");
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

static void
log_exchange (Request      *request,
              JsonNode     *result,
              const GError *error)
{
  MfmClient *self = request->client;
  g_autoptr(MfmApiLogEntry) entry = NULL;
  g_autofree char *outcome_text = NULL;
  g_autofree char *response = NULL;
  g_autofree char *new_session = NULL;
  g_autofree char *request_text = NULL;
  g_autofree char *response_text = NULL;
  const char *secrets[5] = { NULL };
  const char *outcome;
  gsize response_length = request->body != NULL ? request->body->len : 0;
  double duration_ms = (g_get_monotonic_time () - request->started_us) / 1000.0;

  if (self->api_log == NULL)
    return;

  outcome = outcome_for_error (error, &outcome_text);

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

  /* The session by value too: a Login may answer with the bare session string, and a server
   * may quote it anywhere. The new one is in this answer; the client has not taken it yet. */
  if (result != NULL && g_strcmp0 (request->method, MFM_WIRE_LOGIN) == 0)
    new_session = mfm_wire_session_from_result (result, NULL);
  secrets[0] = new_session;
  secrets[1] = self->session;
  secrets[2] = request->session_used;
  secrets[3] = request->explicit_session;
  request_text = mfm_api_log_redact_values (request->request_text, secrets);
  response_text = mfm_api_log_redact_values (response, secrets);

  entry = mfm_api_log_entry_new (request->method, request->status, outcome, duration_ms,
                                 request_text, response_text,
                                 request->request_length, response_length);
  mfm_api_log_append (self->api_log, entry);
  g_set_object (&request->log_entry, entry);
}

/* An answer that arrived whole, but that the client refuses (a list it cannot trust): its API
 * log entry says so and why, instead of "OK". @call_result is the call's GAsyncResult. */
static void
log_refused_answer (GAsyncResult *call_result,
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
  if (request->flags & CALL_URGENT)
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

static void client_call_full_async (MfmClient           *self,
                                    const char          *method,
                                    JsonObject          *params,
                                    CallFlags            flags,
                                    const char          *explicit_session,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
#define client_call_async(self, method, params, flags, cancellable, callback, user_data) \
  client_call_full_async (self, method, params, flags, NULL, cancellable, callback, user_data)
static JsonNode *client_call_finish (MfmClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error);

static JsonObject *
login_params (MfmClient  *self,
              const char *user,
              const char *password)
{
  JsonObject *params = json_object_new ();
  const char *server = self->central_server != NULL ? self->central_server : self->host;

  json_object_set_string_member (params, MFM_WIRE_PARAM_LOGIN_NAME, user);
  json_object_set_string_member (params, MFM_WIRE_PARAM_PASSWORD, password);
  json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER, server != NULL ? server : "");
  return params;
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

  node = client_call_finish (self, result, &error);
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
      client_call_async (self, MFM_WIRE_LOGIN, login_params (self, self->user, self->password),
                         CALL_NO_SESSION | CALL_NO_RELOGIN | CALL_URGENT,
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
  if (request->parsed != NULL && request->convert != NULL)
    {
      request->items_total = G_MAXUINT;
      request->observed.seen = 0;
      request->observed.safe_period = G_MAXUINT;
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

  log_exchange (request, result, error);
  release_slot (request);

  if (request->returned)
    {
      g_clear_pointer (&result, json_node_unref);
      return;
    }

  if (error != NULL && g_error_matches (error, MFM_ERROR, MFM_ERROR_SESSION) &&
      !(request->flags & CALL_NO_RELOGIN) && !request->retried &&
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

  log_exchange (request, NULL, error);
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
  else if (!(request->flags & CALL_NO_SESSION))
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
                      CallFlags            flags,
                      const char          *explicit_session,
                      CallConvert          convert,
                      gboolean             convert_drops_node,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Request *request;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, client_call_full_async);
  /* Errors are MfmErrors, cancellation included. */
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

static void
client_call_full_async (MfmClient           *self,
                        const char          *method,
                        JsonObject          *params,
                        CallFlags            flags,
                        const char          *explicit_session,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  client_call_internal (self, method, params, flags, explicit_session, NULL, FALSE,
                        cancellable, callback, user_data);
}

/* A call whose answer is a list: @convert builds its objects in the worker thread that parses
 * the answer; client_call_take_items() hands them over. */
static void
client_call_convert_async (MfmClient           *self,
                           const char          *method,
                           JsonObject          *params,
                           CallConvert          convert,
                           gboolean             convert_drops_node,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  client_call_internal (self, method, params, CALL_DEFAULT, NULL, convert, convert_drops_node,
                        cancellable, callback, user_data);
}

/* The objects @convert built from @node, the answer of a call that succeeded, or NULL and
 * @error. */
static GPtrArray *
client_call_take_items (GAsyncResult  *result,
                        JsonNode      *node,
                        guint         *total,
                        CallObserved  *observed,
                        GError       **error)
{
  Request *request = g_task_get_task_data (G_TASK (result));
  CallObserved unused_observed;
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
  return request->convert (node, total, observed, error);
}

static JsonNode *
client_call_finish (MfmClient     *self,
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

  client_call_async (self, method, params != NULL ? json_object_ref (params) : NULL,
                     CALL_DEFAULT, cancellable, callback, user_data);
}

JsonNode *
mfm_client_call_finish (MfmClient     *self,
                        GAsyncResult  *result,
                        GError       **error)
{
  return client_call_finish (self, result, error);
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

/* ---------------------------------------------------------------------------------------- */
/* Operations built from calls: a cancellable of their own that also follows the caller's, so
 * that the first failure stops the requests still queued.                                   */

typedef struct
{
  GCancellable *cancellable;
  GCancellable *user_cancellable;
  gulong        user_cancel_id;
} OpCancel;

static void
op_cancel_init (OpCancel     *op,
                GCancellable *user_cancellable)
{
  op->cancellable = g_cancellable_new ();
  if (user_cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (user_cancellable);
      op->user_cancel_id = g_cancellable_connect (user_cancellable,
                                                  G_CALLBACK (cancel_request_cb),
                                                  op->cancellable, NULL);
    }
}

static void
op_cancel_clear (OpCancel *op)
{
  if (op->user_cancel_id != 0)
    g_cancellable_disconnect (op->user_cancellable, op->user_cancel_id);
  op->user_cancel_id = 0;
  g_clear_object (&op->user_cancellable);
  g_clear_object (&op->cancellable);
}

/* The caller's cancellation wins over the errors it causes further down. */
static gboolean
op_was_cancelled (OpCancel *op)
{
  return op->user_cancellable != NULL && g_cancellable_is_cancelled (op->user_cancellable);
}

static GTask *
op_task_new (MfmClient           *self,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data,
             gpointer             source_tag)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);
  return task;
}

/* ---------------------------------------------------------------------------------------- */
/* Lists built off the main thread                                                           */

/* The name's sort key is made here too, while the objects are still the thread's own: the
 * tables sort by name first. */
static void
make_name_keys (GPtrArray *objects)
{
  GParamSpec *name = NULL;

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      GObject *object = g_ptr_array_index (objects, i);

      if (name == NULL)
        name = g_object_class_find_property (G_OBJECT_GET_CLASS (object), "name");
      mfm_sort_key_get (object, name);
    }
}

static GPtrArray *
convert_servers (JsonNode      *result,
                 guint         *total,
                 CallObserved  *observed,
                 GError       **error)
{
  GPtrArray *servers = mfm_wire_servers_from_result (result, total, error);

  make_name_keys (servers);
  return servers;
}

static GPtrArray *
convert_scopes (JsonNode      *result,
                guint         *total,
                CallObserved  *observed,
                GError       **error)
{
  return mfm_wire_scopes_from_result (result, total, error);
}

static GPtrArray *
convert_relationships (JsonNode      *result,
                       guint         *total,
                       CallObserved  *observed,
                       GError       **error)
{
  GPtrArray *relationships;

  relationships = mfm_wire_relationships_from_result_observed (result, &observed->seen,
                                                               &observed->safe_period, error);
  if (relationships == NULL)
    return NULL;

  make_name_keys (relationships);
  return relationships;
}

/* ---------------------------------------------------------------------------------------- */
/* Paging                                                                                    */

typedef enum
{
  LIST_SERVERS,
  LIST_SCOPES,
} ListKind;

typedef struct
{
  OpCancel    op;
  ListKind    kind;
  char       *method;
  JsonObject *params;
  guint       page_size;
  guint       total;        /* G_MAXUINT until known */
  guint       next_offset;
  guint       next_index;
  guint       end_index;    /* index of the first short page, G_MAXUINT while unknown */
  guint       n_outstanding;
  guint       loaded;
  guint       max_pages;    /* from the first page's totalResults, G_MAXUINT until then */
  GHashTable *seen;         /* ref (borrowed from the pages) → how often it came */
  GPtrArray  *pages;        /* index → GPtrArray of items, NULL until it arrived */
  GError     *error;
} Pager;

typedef struct
{
  GTask *pager_task;
  guint  index;
  guint  offset;
} PageCall;

/* Pages arrive in any order, so the array has holes until the last one is in. */
static void
page_free (gpointer page)
{
  if (page != NULL)
    g_ptr_array_unref (page);
}

static void
pager_free (Pager *pager)
{
  op_cancel_clear (&pager->op);
  g_free (pager->method);
  g_clear_pointer (&pager->params, json_object_unref);
  g_clear_pointer (&pager->seen, g_hash_table_unref);
  g_clear_pointer (&pager->pages, g_ptr_array_unref);
  g_clear_error (&pager->error);
  g_free (pager);
}

static void pager_send (GTask *task);

static gboolean
pager_at_end (Pager *pager)
{
  return pager->end_index != G_MAXUINT || pager->next_offset >= pager->total ||
         pager->error != NULL;
}

static void
pager_complete (GTask *task)
{
  Pager *pager = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;
  guint n_pages;

  if (pager->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&pager->error));
      return;
    }

  n_pages = MIN (pager->pages->len, pager->end_index == G_MAXUINT ? G_MAXUINT
                                                                   : pager->end_index + 1);
  items = g_ptr_array_new_full (pager->loaded, g_object_unref);
  for (guint i = 0; i < n_pages; i++)
    {
      GPtrArray *page = g_ptr_array_index (pager->pages, i);

      for (guint j = 0; page != NULL && j < page->len; j++)
        g_ptr_array_add (items, g_object_ref (g_ptr_array_index (page, j)));
    }

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/* What the first page implies: no more requests than its totalResults needs, plus a margin;
 * a total that would take too many requests is refused at once. */
static gboolean
pager_set_bounds (Pager     *pager,
                  JsonNode  *first_page,
                  GError   **error)
{
  guint64 expected;
  /* The wire gives 4294967295 for "not sent" too: only the member tells them apart. */
  gboolean announced = JSON_NODE_HOLDS_OBJECT (first_page) &&
                       json_object_has_member (json_node_get_object (first_page),
                                               MFM_WIRE_RESULT_TOTAL);

  if (pager->total == G_MAXUINT && !announced)
    {
      pager->max_pages = MAX_PAGES_WITHOUT_TOTAL;
      return TRUE;
    }

  expected = MAX (((guint64) pager->total + pager->page_size - 1) / pager->page_size, 1);
  if (pager->total > MAX_LIST_ITEMS || expected > MAX_LIST_PAGES)
    {
      g_autofree char *requests = g_strdup_printf ("%" G_GUINT64_FORMAT, expected);

      g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                   /* Translators: total, command, page size, requests, the most allowed */
                   _("The server announced %u objects for %s in pages of %u: reading them "
                     "would take %s requests, more than the %u allowed."),
                   pager->total, pager->method, pager->page_size, requests, MAX_LIST_PAGES);
      return FALSE;
    }

  pager->max_pages = (guint) (expected + expected / 10 + 2);
  return TRUE;
}

static const char *
pager_item_ref (Pager    *pager,
                gpointer  item)
{
  return pager->kind == LIST_SERVERS ? mfm_server_get_ref (item) : mfm_scope_get_ref (item);
}

/* A page of refs already seen brings nothing new (a server that ignores the offset); a ref
 * that comes twice makes two objects the client cannot tell apart, since every write names
 * its object by ref. Either way the list is refused rather than shown short or merged. */
static gboolean
pager_check_refs (Pager      *pager,
                  GPtrArray  *items,
                  guint       offset,
                  GError    **error)
{
  const char *repeated = NULL;
  guint n_new = 0;

  for (guint i = 0; i < items->len; i++)
    {
      const char *ref = pager_item_ref (pager, g_ptr_array_index (items, i));
      guint count;

      if (ref == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (pager->seen, ref));
      if (count == 0)
        n_new++;
      else if (repeated == NULL)
        repeated = ref;
      g_hash_table_insert (pager->seen, (gpointer) ref, GUINT_TO_POINTER (count + 1));
    }

  if (items->len > 0 && n_new == 0 && offset > 0)
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                   /* Translators: command, offset, number of objects */
                   _("The server answered %s at offset %u with %u objects it had sent "
                     "already: it seems to ignore the offset, so the list cannot be read."),
                   pager->method, offset, items->len);
      return FALSE;
    }

  if (repeated != NULL)
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                   /* Translators: count, reference, command */
                   _("The server sent %u objects with the same reference “%s” in %s. Each "
                     "object needs a reference of its own; if the list changed while it was "
                     "read, refresh to read it again."),
                   GPOINTER_TO_UINT (g_hash_table_lookup (pager->seen, repeated)), repeated,
                   pager->method);
      return FALSE;
    }

  return TRUE;
}

static void
pager_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  PageCall *call = user_data;
  g_autoptr(GTask) task = call->pager_task;
  Pager *pager = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint index = call->index, offset = call->offset, total = G_MAXUINT;

  g_free (call);
  pager->n_outstanding--;

  node = client_call_finish (self, result, &error);
  if (node != NULL)
    items = client_call_take_items (result, node, &total, NULL, &error);

  if (items == NULL)
    {
      if (node != NULL)
        log_refused_answer (result, error);
      if (pager->error == NULL)
        {
          pager->error = op_was_cancelled (&pager->op)
            ? g_error_new_literal (MFM_ERROR, MFM_ERROR_CANCELLED, _("The request was cancelled."))
            : g_steal_pointer (&error);
          g_cancellable_cancel (pager->op.cancellable);
        }
    }
  else if (pager->error == NULL)
    {
      if (index == 0)
        {
          pager->total = total;
          /* A server with a smaller page limit: follow its page size. */
          if (items->len > 0 && items->len < pager->page_size && items->len < total)
            {
              pager->page_size = items->len;
              pager->next_offset = items->len;
            }
        }

      if ((index == 0 && !pager_set_bounds (pager, node, &error)) ||
          !pager_check_refs (pager, items, offset, &error))
        {
          log_refused_answer (result, error);
          pager->error = g_steal_pointer (&error);
          g_cancellable_cancel (pager->op.cancellable);
          g_ptr_array_add (pager->pages, g_steal_pointer (&items));
          goto out;
        }

      if (index >= pager->pages->len)
        g_ptr_array_set_size (pager->pages, index + 1);
      pager->loaded += items->len;
      g_ptr_array_index (pager->pages, index) = g_steal_pointer (&items);

      if (((GPtrArray *) g_ptr_array_index (pager->pages, index))->len < pager->page_size ||
          (pager->total != G_MAXUINT &&
           offset + ((GPtrArray *) g_ptr_array_index (pager->pages, index))->len >= pager->total))
        pager->end_index = MIN (pager->end_index, index);

      if (pager->loaded > MAX_LIST_ITEMS)
        pager->error = g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                                    _("The server lists more than %u objects."), MAX_LIST_ITEMS);
      else if (!pager_at_end (pager) && pager->next_index >= pager->max_pages)
        {
          if (pager->total == G_MAXUINT)
            pager->error = g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                                        /* Translators: command, requests, objects */
                                        _("The server kept sending full pages of %s without "
                                          "saying how many objects there are: reading stopped "
                                          "after %u requests and %u objects."),
                                        pager->method, pager->next_index, pager->loaded);
          else
            pager->error = g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                                        /* Translators: command, total, requests */
                                        _("The server kept sending full pages of %s beyond the "
                                          "%u objects it announced: reading stopped after %u "
                                          "requests."),
                                        pager->method, pager->total, pager->next_index);
          log_refused_answer (result, pager->error);
          g_cancellable_cancel (pager->op.cancellable);
        }

      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, pager->method, pager->loaded,
                     pager->total != G_MAXUINT ? pager->total : 0);
    }

out:
  if (!pager_at_end (pager))
    pager_send (task);

  if (pager->n_outstanding == 0 && pager_at_end (pager))
    pager_complete (task);
}

static void
pager_send (GTask *task)
{
  Pager *pager = g_task_get_task_data (task);
  MfmClient *self = g_task_get_source_object (task);

  /* The first page alone tells the total; then up to the in-flight limit at once. */
  while (!pager_at_end (pager) && pager->n_outstanding < MFM_MAX_IN_FLIGHT &&
         (pager->next_index == 0 || pager->total != G_MAXUINT || pager->n_outstanding == 0))
    {
      PageCall *call = g_new0 (PageCall, 1);
      JsonObject *params = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, pager->params);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (params, name, json_node_copy (value));
      json_object_set_int_member (params, MFM_WIRE_PARAM_OFFSET, pager->next_offset);
      json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, pager->page_size);

      call->pager_task = g_object_ref (task);
      call->index = pager->next_index++;
      call->offset = pager->next_offset;
      pager->next_offset += pager->page_size;
      pager->n_outstanding++;

      client_call_convert_async (self, pager->method, params,
                                 pager->kind == LIST_SERVERS ? convert_servers : convert_scopes,
                                 TRUE, pager->op.cancellable, pager_page_cb, call);

      if (call->index == 0)
        break;
    }
}

static void
list_all_async (MfmClient           *self,
                ListKind             kind,
                JsonObject          *params,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  g_autoptr(GTask) task = op_task_new (self, cancellable, callback, user_data, source_tag);
  Pager *pager = g_new0 (Pager, 1);

  op_cancel_init (&pager->op, cancellable);
  pager->kind = kind;
  pager->method = g_strdup (kind == LIST_SERVERS ? MFM_WIRE_GET_SERVERS : MFM_WIRE_GET_SCOPES);
  pager->params = params;
  pager->page_size = MFM_PAGE_SIZE;
  pager->total = G_MAXUINT;
  pager->end_index = G_MAXUINT;
  pager->max_pages = G_MAXUINT;
  pager->seen = g_hash_table_new (g_str_hash, g_str_equal);
  pager->pages = g_ptr_array_new_with_free_func (page_free);
  g_task_set_task_data (task, pager, (GDestroyNotify) pager_free);

  pager_send (task);
}

/* ---------------------------------------------------------------------------------------- */
/* GObject                                                                                   */

char *
mfm_client_normalize_url (const char *text)
{
  g_autofree char *url = g_strstrip (g_strdup (text != NULL ? text : ""));
  const char *scheme_end;
  gsize length, keep = 0;

  if (url[0] != '\0' && strstr (url, "://") == NULL)
    {
      char *with_scheme = g_strconcat ("https://", url, NULL);

      g_free (url);
      url = with_scheme;
    }

  /* Someone pasting the endpoint itself gets the same result. Trailing slashes go, but never
   * those of "https://" itself, so that normalising twice changes nothing. */
  scheme_end = strstr (url, "://");
  if (scheme_end != NULL)
    keep = (gsize) (scheme_end - url) + 3;
  length = strlen (url);
  while (length > keep && url[length - 1] == '/')
    url[--length] = '\0';
  if (g_str_has_suffix (url, MFM_WIRE_ENDPOINT))
    url[length - strlen (MFM_WIRE_ENDPOINT)] = '\0';

  return g_steal_pointer (&url);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;

  if (host == NULL)
    return FALSE;
  if (g_ascii_strcasecmp (host, "localhost") == 0 || g_str_has_suffix (host, ".localhost"))
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/* GUri takes spaces and most punctuation in a host name; no resolver does. International
 * names arrive here already in their ASCII (punycode) form. */
static gboolean
host_is_valid (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && strchr ("-._:%", *p) == NULL)
        return FALSE;
    }

  return TRUE;
}

static void
mfm_client_constructed (GObject *object)
{
  MfmClient *self = MFM_CLIENT (object);
  g_autoptr(GUri) uri = NULL;
  g_autofree char *user_agent = NULL;
  g_autofree char *normalized = NULL;

  G_OBJECT_CLASS (mfm_client_parent_class)->constructed (object);

  normalized = mfm_client_normalize_url (self->base_url);
  g_free (self->base_url);
  self->base_url = g_steal_pointer (&normalized);

  uri = g_uri_parse (self->base_url, SOUP_HTTP_URI_FLAGS, NULL);
  if (uri != NULL && host_is_valid (g_uri_get_host (uri)) &&
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0))
    {
      self->host = g_strdup (g_uri_get_host (uri));
      self->endpoint = g_strconcat (self->base_url, MFM_WIRE_ENDPOINT, NULL);
      self->is_encrypted = g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0;
      self->is_loopback = host_is_loopback (self->host);
    }

  user_agent = g_strdup_printf ("FailoverManager/%s", PACKAGE_VERSION);
  self->soup = soup_session_new_with_options ("user-agent", user_agent,
                                              "max-conns-per-host", MFM_MAX_IN_FLIGHT,
                                              "max-conns", MFM_MAX_IN_FLIGHT * 2,
                                              "timeout", self->timeout,
                                              "idle-timeout", self->timeout,
                                              NULL);
}

static void
mfm_client_dispose (GObject *object)
{
  MfmClient *self = MFM_CLIENT (object);

  if (!self->disposed)
    {
      self->disposed = TRUE;
      /* Every request still known answers CANCELLED; none of them outlives its task. */
      g_cancellable_cancel (self->cancellable);
      if (self->soup != NULL)
        soup_session_abort (self->soup);
    }

  G_OBJECT_CLASS (mfm_client_parent_class)->dispose (object);
}

static void
mfm_client_finalize (GObject *object)
{
  MfmClient *self = MFM_CLIENT (object);

  g_queue_clear_full (&self->queue, g_object_unref);
  g_clear_pointer (&self->relogin_waiters, g_ptr_array_unref);
  g_clear_object (&self->soup);
  g_clear_object (&self->api_log);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->pins, g_hash_table_unref);
  g_clear_pointer (&self->rejected_certificate, mfm_certificate_info_free);
  g_clear_object (&self->dialect);
  g_clear_pointer (&self->ranges, g_hash_table_unref);
  g_free (self->base_url);
  g_free (self->endpoint);
  g_free (self->host);
  g_free (self->central_server);
  g_free (self->user);
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_free (self->password);
  g_free (self->session);

  G_OBJECT_CLASS (mfm_client_parent_class)->finalize (object);
}

static void
mfm_client_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MfmClient *self = MFM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CENTRAL_SERVER:
      g_value_set_string (value, self->central_server != NULL ? self->central_server : self->host);
      break;
    case PROP_USER:
      g_value_set_string (value, self->user);
      break;
    case PROP_TIMEOUT:
      g_value_set_uint (value, self->timeout);
      break;
    case PROP_LOGGED_IN:
      g_value_set_boolean (value, self->logged_in);
      break;
    case PROP_API_LOG:
      g_value_set_object (value, self->api_log);
      break;
    case PROP_IS_ENCRYPTED:
      g_value_set_boolean (value, self->is_encrypted);
      break;
    case PROP_IS_LOOPBACK:
      g_value_set_boolean (value, self->is_loopback);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_client_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MfmClient *self = MFM_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_free (self->base_url);
      self->base_url = g_value_dup_string (value);
      break;
    case PROP_CENTRAL_SERVER:
      mfm_client_set_central_server (self, g_value_get_string (value));
      break;
    case PROP_TIMEOUT:
      mfm_client_set_timeout (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_client_class_init (MfmClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mfm_client_constructed;
  object_class->dispose = mfm_client_dispose;
  object_class->finalize = mfm_client_finalize;
  object_class->get_property = mfm_client_get_property;
  object_class->set_property = mfm_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CENTRAL_SERVER] =
    g_param_spec_string ("central-server", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, MFM_DEFAULT_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOGGED_IN] =
    g_param_spec_boolean ("logged-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_API_LOG] =
    g_param_spec_object ("api-log", NULL, NULL, MFM_TYPE_API_LOG,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_ENCRYPTED] =
    g_param_spec_boolean ("is-encrypted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_LOOPBACK] =
    g_param_spec_boolean ("is-loopback", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (method, loaded, total); total is 0 while the server has not said. */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_STRING, G_TYPE_UINT, G_TYPE_UINT);
}

static void
mfm_client_init (MfmClient *self)
{
  self->timeout = MFM_DEFAULT_TIMEOUT_SECONDS;
  self->api_log = mfm_api_log_new ();
  self->pins = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->cancellable = g_cancellable_new ();
  self->dialect = mfm_dialect_new ();
  self->ranges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->relogin_waiters = g_ptr_array_new ();
  g_queue_init (&self->queue);
}

MfmClient *
mfm_client_new (const char *base_url)
{
  return g_object_new (MFM_TYPE_CLIENT, "base-url", base_url, NULL);
}

const char *
mfm_client_get_base_url (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), NULL);
  return self->base_url;
}

const char *
mfm_client_get_host (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), NULL);
  return self->host;
}

void
mfm_client_set_central_server (MfmClient  *self,
                               const char *name)
{
  g_return_if_fail (MFM_IS_CLIENT (self));

  if (name != NULL && name[0] == '\0')
    name = NULL;

  if (g_strcmp0 (self->central_server, name) == 0)
    return;

  g_free (self->central_server);
  self->central_server = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CENTRAL_SERVER]);
}

void
mfm_client_set_timeout (MfmClient *self,
                        guint      seconds)
{
  g_return_if_fail (MFM_IS_CLIENT (self));

  if (self->timeout == seconds)
    return;

  self->timeout = seconds;
  if (self->soup != NULL)
    {
      soup_session_set_timeout (self->soup, seconds);
      soup_session_set_idle_timeout (self->soup, seconds);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TIMEOUT]);
}

const char *
mfm_client_get_user (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), NULL);
  return self->user;
}

gboolean
mfm_client_get_logged_in (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), FALSE);
  return self->logged_in;
}

gboolean
mfm_client_is_encrypted (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), FALSE);
  return self->is_encrypted;
}

gboolean
mfm_client_is_loopback (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), FALSE);
  return self->is_loopback;
}

MfmApiLog *
mfm_client_get_api_log (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), NULL);
  return self->api_log;
}

void
mfm_client_pin_certificate (MfmClient  *self,
                            const char *host,
                            const char *fingerprint)
{
  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (host != NULL);

  if (fingerprint == NULL)
    g_hash_table_remove (self->pins, host);
  else
    g_hash_table_replace (self->pins, g_strdup (host), g_ascii_strup (fingerprint, -1));
}

const MfmCertificateInfo *
mfm_client_get_rejected_certificate (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), NULL);
  return self->rejected_certificate;
}

static void
set_logged_in (MfmClient *self,
               gboolean   logged_in)
{
  if (self->logged_in == logged_in)
    return;

  self->logged_in = logged_in;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOGGED_IN]);
}

static void
forget_credentials (MfmClient *self)
{
  if (self->password != NULL)
    memset (self->password, 0, strlen (self->password));
  g_clear_pointer (&self->password, g_free);
  g_clear_pointer (&self->session, g_free);
}

/* ---------------------------------------------------------------------------------------- */
/* Login and logout                                                                          */

typedef struct
{
  char *user;
  char *password;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_free (data->user);
  if (data->password != NULL)
    memset (data->password, 0, strlen (data->password));
  g_free (data->password);
  g_free (data);
}

static void
login_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *session = NULL;

  node = client_call_finish (self, result, &error);
  if (node != NULL)
    session = mfm_wire_session_from_result (node, &error);

  /* Login carries no session, so "unauthorised" (HTTP 401) can only mean the user name or
   * the password was not accepted. */
  if (session == NULL && g_error_matches (error, MFM_ERROR, MFM_ERROR_SESSION))
    error->code = MFM_ERROR_BAD_CREDENTIALS;

  if (session == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  forget_credentials (self);
  self->session = g_steal_pointer (&session);
  self->password = g_steal_pointer (&data->password);
  if (g_strcmp0 (self->user, data->user) != 0)
    {
      g_free (self->user);
      self->user = g_steal_pointer (&data->user);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }
  set_logged_in (self, TRUE);

  g_task_return_boolean (task, TRUE);
}

void
mfm_client_login_async (MfmClient           *self,
                        const char          *user,
                        const char          *password,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoginData *data;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (user != NULL);
  g_return_if_fail (password != NULL);

  task = op_task_new (self, cancellable, callback, user_data, mfm_client_login_async);
  data = g_new0 (LoginData, 1);
  data->user = g_strdup (user);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  g_clear_pointer (&self->rejected_certificate, mfm_certificate_info_free);

  client_call_async (self, MFM_WIRE_LOGIN, login_params (self, user, password),
                     CALL_NO_SESSION | CALL_NO_RELOGIN, cancellable, login_cb,
                     g_steal_pointer (&task));
}

gboolean
mfm_client_login_finish (MfmClient     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
logout_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;

  /* Best effort: whatever the server says, the session is gone here. */
  node = client_call_finish (MFM_CLIENT (source), result, NULL);
  g_task_return_boolean (task, TRUE);
}

void
mfm_client_logout_async (MfmClient           *self,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *session = NULL;

  g_return_if_fail (MFM_IS_CLIENT (self));

  task = op_task_new (self, cancellable, callback, user_data, mfm_client_logout_async);

  session = g_steal_pointer (&self->session);
  forget_credentials (self);
  if (self->user != NULL)
    {
      g_clear_pointer (&self->user, g_free);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_USER]);
    }
  set_logged_in (self, FALSE);

  if (session == NULL || self->disposed)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* The request carries the session it ends; the client has forgotten it already. */
  client_call_full_async (self, MFM_WIRE_LOGOUT, NULL, CALL_NO_RELOGIN, session, cancellable,
                          logout_cb, g_steal_pointer (&task));
}

void
mfm_client_logout_finish (MfmClient    *self,
                          GAsyncResult *result)
{
  g_return_if_fail (g_task_is_valid (result, self));

  g_task_propagate_boolean (G_TASK (result), NULL);
}

/* ---------------------------------------------------------------------------------------- */
/* Reading                                                                                   */

static GPtrArray *
propagate_array (MfmClient     *self,
                 GAsyncResult  *result,
                 gpointer       source_tag,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mfm_client_get_servers_async (MfmClient           *self,
                              const char          *filter,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  JsonObject *params;

  g_return_if_fail (MFM_IS_CLIENT (self));

  params = json_object_new ();
  if (filter != NULL && filter[0] != '\0')
    json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, filter);

  list_all_async (self, LIST_SERVERS, params, cancellable, callback, user_data,
                  mfm_client_get_servers_async);
}

GPtrArray *
mfm_client_get_servers_finish (MfmClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_array (self, result, mfm_client_get_servers_async, error);
}

/* The inventory, the tables and every command after Add name a relationship by its name:
 * two with one name cannot be told apart, so such a list is refused, not merged. */
static gboolean
check_unique_names (GPtrArray  *relationships,
                    GError    **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *repeated = NULL;

  for (guint i = 0; i < relationships->len; i++)
    {
      const char *name = mfm_relationship_get_name (g_ptr_array_index (relationships, i));
      guint count;

      if (name == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, name));
      if (count > 0 && repeated == NULL)
        repeated = name;
      g_hash_table_insert (seen, (gpointer) name, GUINT_TO_POINTER (count + 1));
    }

  if (repeated == NULL)
    return TRUE;

  g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
               /* Translators: count, relationship name */
               _("The server sent %u failover relationships named “%s”. Each relationship "
                 "needs a name of its own, so the list cannot be trusted."),
               GPOINTER_TO_UINT (g_hash_table_lookup (seen, repeated)), repeated);
  return FALSE;
}

/* Shows the dialect what the relationship objects carried. */
static void
learn_dialect (MfmClient          *self,
               GPtrArray          *relationships,
               const CallObserved *observed)
{
  mfm_dialect_learn_relationships (self->dialect, relationships->len, observed->seen,
                                   observed->safe_period != G_MAXUINT, observed->safe_period);
}

static void
relationships_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *relationships = NULL;

  node = client_call_finish (self, result, &error);
  if (node != NULL)
    {
      CallObserved observed;

      relationships = client_call_take_items (result, node, NULL, &observed, &error);
      if (relationships != NULL)
        learn_dialect (self, relationships, &observed);
      if (relationships != NULL && !check_unique_names (relationships, &error))
        g_clear_pointer (&relationships, g_ptr_array_unref);
      if (relationships == NULL)
        log_refused_answer (result, error);
    }

  if (relationships == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, relationships, (GDestroyNotify) g_ptr_array_unref);
}

void
mfm_client_get_relationships_async (MfmClient           *self,
                                    const char          *server_ref,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  JsonObject *params;

  g_return_if_fail (MFM_IS_CLIENT (self));

  task = op_task_new (self, cancellable, callback, user_data, mfm_client_get_relationships_async);
  params = json_object_new ();
  if (server_ref != NULL)
    json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, server_ref);

  client_call_convert_async (self, MFM_WIRE_GET_RELATIONSHIPS, params, convert_relationships,
                             TRUE, cancellable, relationships_cb, task);
}

GPtrArray *
mfm_client_get_relationships_finish (MfmClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return propagate_array (self, result, mfm_client_get_relationships_async, error);
}

/* Scopes: the list of one server's, then the pools of every scope and the Range of every scope
 * whose network the list did not give, each Range once (the queue keeps ≤4 in flight). */

typedef struct
{
  OpCancel    op;
  GPtrArray  *scopes;
  GHashTable *waiting;     /* range ref → GPtrArray of the scopes waiting for its network */
  guint       n_outstanding;
  guint       n_done;
  GError     *error;
} ScopesOp;

typedef struct
{
  GTask    *task;
  MfmScope *scope;
  char     *range_ref;
} PoolsCall;

static void
scopes_op_free (ScopesOp *op)
{
  op_cancel_clear (&op->op);
  g_clear_pointer (&op->scopes, g_ptr_array_unref);
  g_clear_pointer (&op->waiting, g_hash_table_unref);
  g_clear_error (&op->error);
  g_free (op);
}

static void
scopes_op_complete (GTask *task)
{
  ScopesOp *op = g_task_get_task_data (task);

  if (op->error != NULL)
    g_task_return_error (task, g_steal_pointer (&op->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&op->scopes),
                           (GDestroyNotify) g_ptr_array_unref);
}

/* The first failure stops the rest; the caller's cancellation wins over the errors it causes. */
static void
scopes_op_fail (ScopesOp *op,
                GError  **error)
{
  if (op->error != NULL)
    return;

  op->error = op_was_cancelled (&op->op)
    ? g_error_new_literal (MFM_ERROR, MFM_ERROR_CANCELLED, _("The request was cancelled."))
    : g_steal_pointer (error);
  g_cancellable_cancel (op->op.cancellable);
}

static void
pools_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  PoolsCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autoptr(MfmScope) scope = call->scope;
  ScopesOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call);
  op->n_outstanding--;

  node = client_call_finish (self, result, &error);
  if (node != NULL && op->error == NULL)
    {
      mfm_scope_clear_pools (scope);
      if (mfm_wire_pools_from_json (node, scope, &error) && mfm_scope_get_pool_count (scope) > 0)
        mfm_dialect_learn_members (self->dialect,
                                   MFM_WIRE_MEMBER_POOL_FROM | MFM_WIRE_MEMBER_POOL_TO);
    }

  if (error != NULL)
    scopes_op_fail (op, &error);
  else if (op->error == NULL)
    {
      op->n_done++;
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, MFM_WIRE_GET_ADDRESS_POOLS,
                     op->n_done, op->scopes->len);
    }

  if (op->n_outstanding == 0)
    scopes_op_complete (task);
}

static void
set_network (GPtrArray  *scopes,
             const char *network)
{
  for (guint i = 0; scopes != NULL && i < scopes->len; i++)
    mfm_scope_set_subnet (g_ptr_array_index (scopes, i),
                          network != NULL && network[0] != '\0' ? network : NULL);
}

static void
range_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  PoolsCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autofree char *range_ref = call->range_ref;
  ScopesOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *network = NULL;

  g_free (call);
  op->n_outstanding--;

  node = client_call_finish (self, result, &error);
  if (node != NULL)
    mfm_wire_network_from_range_result (node, &network, &error);

  /* A Range Micetro will not show (gone, or not this user's to see) leaves the network unknown;
   * no answer at all stops the listing as a failed pool would. */
  if (error != NULL && mfm_error_is_refusal (error) &&
      !g_error_matches (error, MFM_ERROR, MFM_ERROR_STANDBY))
    g_clear_error (&error);

  if (error != NULL)
    scopes_op_fail (op, &error);
  else if (op->error == NULL)
    {
      g_hash_table_insert (self->ranges, g_strdup (range_ref),
                           g_strdup (network != NULL ? network : ""));
      set_network (g_hash_table_lookup (op->waiting, range_ref), network);
    }

  if (op->n_outstanding == 0)
    scopes_op_complete (task);
}

static void
scope_list_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  ScopesOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  MfmWireMember seen = 0;

  op->scopes = g_task_propagate_pointer (G_TASK (result), &error);
  if (op->scopes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->scopes->len == 0)
    {
      scopes_op_complete (task);
      return;
    }

  /* The network: "range" on the scope, else its Range's name (asked once per refresh). */
  op->waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < op->scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (op->scopes, i);
      const char *range_ref = mfm_scope_get_range_ref (scope);
      const char *network;
      GPtrArray *waiting;

      if (range_ref != NULL)
        seen |= MFM_WIRE_MEMBER_SCOPE_RANGE_REF;
      if (mfm_scope_get_subnet (scope) != NULL)
        {
          seen |= MFM_WIRE_MEMBER_SCOPE_RANGE;
          continue;
        }
      if (range_ref == NULL)
        continue;

      network = g_hash_table_lookup (self->ranges, range_ref);
      if (network != NULL)
        {
          if (network[0] != '\0')
            mfm_scope_set_subnet (scope, network);
          continue;
        }

      waiting = g_hash_table_lookup (op->waiting, range_ref);
      if (waiting == NULL)
        {
          waiting = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (op->waiting, g_strdup (range_ref), waiting);
        }
      g_ptr_array_add (waiting, g_object_ref (scope));
    }
  mfm_dialect_learn_members (self->dialect, seen);

  g_hash_table_iter_init (&iter, op->waiting);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PoolsCall *call = g_new0 (PoolsCall, 1);
      JsonObject *params = json_object_new ();

      json_object_set_string_member (params, MFM_WIRE_PARAM_RANGE_REF, key);
      call->task = g_object_ref (task);
      call->range_ref = g_strdup (key);
      op->n_outstanding++;
      client_call_async (self, MFM_WIRE_GET_RANGE, params, CALL_DEFAULT, op->op.cancellable,
                         range_cb, call);
    }

  for (guint i = 0; i < op->scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (op->scopes, i);
      PoolsCall *call = g_new0 (PoolsCall, 1);
      JsonObject *params = json_object_new ();

      json_object_set_string_member (params, MFM_WIRE_PARAM_SCOPE_REF, mfm_scope_get_ref (scope));
      call->task = g_object_ref (task);
      call->scope = g_object_ref (scope);
      op->n_outstanding++;
      client_call_async (self, MFM_WIRE_GET_ADDRESS_POOLS, params, CALL_DEFAULT,
                         op->op.cancellable, pools_cb, call);
    }
}

void
mfm_client_get_scopes_async (MfmClient           *self,
                             const char          *server_ref,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  ScopesOp *op;
  JsonObject *params;
  g_autofree char *filter = NULL;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (server_ref != NULL);

  task = op_task_new (self, cancellable, callback, user_data, mfm_client_get_scopes_async);
  op = g_new0 (ScopesOp, 1);
  op_cancel_init (&op->op, cancellable);
  g_task_set_task_data (task, op, (GDestroyNotify) scopes_op_free);

  /* GetDHCPScopes has no server parameter: one server's scopes are a filter. */
  params = json_object_new ();
  filter = mfm_wire_scope_filter_for_server (server_ref);
  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, filter);
  list_all_async (self, LIST_SCOPES, params, op->op.cancellable, scope_list_cb, task,
                  scope_list_cb);
}

GPtrArray *
mfm_client_get_scopes_finish (MfmClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_array (self, result, mfm_client_get_scopes_async, error);
}

/* Refresh: servers and relationships side by side, then into the inventory. */

typedef struct
{
  MfmInventory *inventory;
  GPtrArray    *servers;
  GPtrArray    *relationships;
  GError       *servers_error;
  GError       *relationships_error;
  /* What could not be read while the rest was, after a refresh that succeeded. */
  GError       *incomplete;
  guint         n_outstanding;
} RefreshOp;

static void
refresh_op_free (RefreshOp *op)
{
  g_clear_object (&op->inventory);
  g_clear_pointer (&op->servers, g_ptr_array_unref);
  g_clear_pointer (&op->relationships, g_ptr_array_unref);
  g_clear_error (&op->servers_error);
  g_clear_error (&op->relationships_error);
  g_clear_error (&op->incomplete);
  g_free (op);
}

/* Whether a failed part leaves the other worth showing: not when the whole connection is in
 * question (the session, the certificate, a cancellation), which the caller must hear of. */
static gboolean
part_failure_is_local (const GError *error)
{
  return error->domain == MFM_ERROR &&
         error->code != MFM_ERROR_SESSION &&
         error->code != MFM_ERROR_TLS &&
         error->code != MFM_ERROR_CANCELLED &&
         error->code != MFM_ERROR_BAD_CREDENTIALS;
}

static void
refresh_part_done (GTask *task)
{
  RefreshOp *op = g_task_get_task_data (task);
  GError *failed;

  if (--op->n_outstanding > 0)
    return;

  /* Both failed, or one failed in a way that concerns the whole connection. */
  if ((op->servers_error != NULL && op->relationships_error != NULL) ||
      (op->servers_error != NULL && !part_failure_is_local (op->servers_error)) ||
      (op->relationships_error != NULL && !part_failure_is_local (op->relationships_error)))
    {
      failed = op->servers_error != NULL ? op->servers_error : op->relationships_error;
      g_task_return_error (task, g_error_copy (failed));
      return;
    }

  /* One call failing must not hide what the other read: that part is shown, the other keeps
   * what it had (nothing on the first load), and the caller says what could not be read.
   * Replacing keeps the relationship counts right; it walks the estate only when it changed. */
  if (op->servers_error != NULL)
    op->incomplete = g_error_new (op->servers_error->domain, op->servers_error->code,
                                  /* Translators: %s is the reason, a sentence */
                                  _("The DHCP servers could not be read, so they may be missing or out of date. %s"),
                                  mfm_error_get_sentence (op->servers_error));
  else
    mfm_inventory_replace_servers (op->inventory, op->servers);

  if (op->relationships_error != NULL)
    op->incomplete = g_error_new (op->relationships_error->domain, op->relationships_error->code,
                                  /* Translators: %s is the reason, a sentence */
                                  _("The failover relationships could not be read, so they and the servers’ counts of them may be missing or out of date. %s"),
                                  mfm_error_get_sentence (op->relationships_error));
  else
    mfm_inventory_replace_relationships (op->inventory, op->relationships);

  g_task_return_boolean (task, TRUE);
}

static void
refresh_servers_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->servers = mfm_client_get_servers_finish (MFM_CLIENT (source), result, &error);
  op->servers_error = error;
  refresh_part_done (task);
}

static void
refresh_relationships_cb (GObject      *source,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RefreshOp *op = g_task_get_task_data (task);
  GError *error = NULL;

  op->relationships = mfm_client_get_relationships_finish (MFM_CLIENT (source), result, &error);
  op->relationships_error = error;
  refresh_part_done (task);
}

void
mfm_client_refresh_inventory_async (MfmClient           *self,
                                    MfmInventory        *inventory,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RefreshOp *op;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (MFM_IS_INVENTORY (inventory));

  /* Ranges are asked again after a refresh: a scope may have moved to another one. */
  g_hash_table_remove_all (self->ranges);

  task = op_task_new (self, cancellable, callback, user_data, mfm_client_refresh_inventory_async);
  op = g_new0 (RefreshOp, 1);
  op->inventory = g_object_ref (inventory);
  op->n_outstanding = 2;
  g_task_set_task_data (task, op, (GDestroyNotify) refresh_op_free);

  mfm_client_get_servers_async (self, NULL, cancellable, refresh_servers_cb, g_object_ref (task));
  mfm_client_get_relationships_async (self, NULL, cancellable, refresh_relationships_cb,
                                      g_object_ref (task));
}

gboolean
mfm_client_refresh_inventory_finish (MfmClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * mfm_client_refresh_inventory_get_incomplete:
 *
 * Returns: (transfer none) (nullable): after a refresh that succeeded, what could not be read
 *   while the rest was (its message a translated sentence naming the part and the reason), or
 *   NULL when everything was read
 */
const GError *
mfm_client_refresh_inventory_get_incomplete (MfmClient    *self,
                                             GAsyncResult *result)
{
  RefreshOp *op;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  op = g_task_get_task_data (G_TASK (result));
  return op != NULL ? op->incomplete : NULL;
}

/* ---------------------------------------------------------------------------------------- */
/* Writing                                                                                   */

static void
write_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = client_call_finish (MFM_CLIENT (source), result, &error);
  if (node == NULL)
    {
      Request *request = g_task_get_task_data (G_TASK (result));

      /* Sent whole, and no word from Micetro came back: the server may have done it. The
       * mark is read by apply_call_cb(). */
      if (request->body_written && !mfm_error_is_refusal (error))
        g_task_set_task_data (task, GINT_TO_POINTER (TRUE), NULL);
      g_task_return_error (task, error);
    }
  else
    g_task_return_boolean (task, TRUE);
}

/* Sends exactly what mfm_wire_calls_for_change() shows in the review window. */
static void
send_wire_call (MfmClient           *self,
                const MfmWireCall   *call,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = op_task_new (self, cancellable, callback, user_data, send_wire_call);

  client_call_async (self, call->method, json_object_ref (json_node_get_object (call->params)),
                     CALL_DEFAULT, cancellable, write_cb, task);
}

void
mfm_client_add_relationship_async (MfmClient           *self,
                                   MfmRelationship     *relationship,
                                   const char          *comment,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(MfmWireCall) call = NULL;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (MFM_IS_RELATIONSHIP (relationship));

  call = mfm_wire_call_add_relationship_dialect (relationship, comment,
                                                mfm_dialect_get_wire (self->dialect));

  send_wire_call (self, call, cancellable, callback, user_data);
}

void
mfm_client_modify_relationship_async (MfmClient           *self,
                                      MfmRelationship     *relationship,
                                      const char          *comment,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(MfmWireCall) call = NULL;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (MFM_IS_RELATIONSHIP (relationship));

  call = mfm_wire_call_modify_relationship_dialect (relationship, comment,
                                                   mfm_dialect_get_wire (self->dialect));

  send_wire_call (self, call, cancellable, callback, user_data);
}

void
mfm_client_remove_relationship_async (MfmClient            *self,
                                      const char           *server_ref,
                                      const char           *name,
                                      MfmDeconfigureAction  action,
                                      const char           *comment,
                                      GCancellable         *cancellable,
                                      GAsyncReadyCallback   callback,
                                      gpointer              user_data)
{
  g_autoptr(MfmWireCall) call = NULL;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (server_ref != NULL && name != NULL);

  call = mfm_wire_call_remove_relationship (server_ref, name, action, comment);

  send_wire_call (self, call, cancellable, callback, user_data);
}

void
mfm_client_add_scopes_async (MfmClient           *self,
                             const char          *server_ref,
                             const char          *name,
                             const char * const  *scope_refs,
                             const char          *comment,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(MfmWireCall) call = NULL;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (server_ref != NULL && name != NULL);

  call = mfm_wire_call_add_scopes (server_ref, name, scope_refs, comment);

  send_wire_call (self, call, cancellable, callback, user_data);
}

void
mfm_client_remove_scopes_async (MfmClient            *self,
                                const char           *server_ref,
                                const char           *name,
                                const char * const   *scope_refs,
                                MfmDeconfigureAction  action,
                                const char           *comment,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data)
{
  g_autoptr(MfmWireCall) call = NULL;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (server_ref != NULL && name != NULL);

  call = mfm_wire_call_remove_scopes (server_ref, name, scope_refs,
                                                              action, comment);

  send_wire_call (self, call, cancellable, callback, user_data);
}

gboolean
mfm_client_write_finish (MfmClient     *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ---------------------------------------------------------------------------------------- */
/* Applying a change set                                                                     */

typedef struct
{
  MfmChangeSet *changes;
  char         *comment;
  GCancellable *cancellable;
  GPtrArray    *todo;        /* MfmChange, in order */
  guint         position;
  GPtrArray    *calls;       /* of the change being applied */
  guint         call_index;
  gboolean      read_back;   /* the change at position was checked on the server */
} ApplyOp;

static void
apply_op_free (ApplyOp *op)
{
  g_clear_object (&op->changes);
  g_free (op->comment);
  g_clear_object (&op->cancellable);
  g_clear_pointer (&op->todo, g_ptr_array_unref);
  g_clear_pointer (&op->calls, g_ptr_array_unref);
  g_free (op);
}

static void apply_next_call (GTask *task);

static char *
message_for_change (const GError *error)
{
  const char *end;

  /* No word from Micetro (no answer, or a web server's page such as "HTTP 502 Bad Gateway"):
   * the sentence. */
  if (!mfm_error_is_refusal (error) || g_error_matches (error, MFM_ERROR, MFM_ERROR_STANDBY) ||
      error->message == NULL || error->message[0] != '[' ||
      (end = strchr (error->message, ']')) == NULL)
    return g_strdup (mfm_error_get_sentence (error));

  /* The server's own words, without the "[code] " prefix kept for mfm_error_get_api_code(). */
  end++;
  while (*end == ' ')
    end++;

  if (*end == '\0')
    return g_strdup (mfm_error_get_sentence (error));

  /* Micetro's words for 1028 can be as short as "Access denied": the sentence about
   * permissions comes first, its words after. */
  if (g_error_matches (error, MFM_ERROR, MFM_ERROR_PERMISSION))
    /* Translators: a sentence, then the server's own words */
    return g_strdup_printf (_("%s Micetro said: “%s”"), mfm_error_get_sentence (error), end);

  return g_strdup (end);
}

/* Why a request that went out got no answer; never "could not be reached" or "refused". */
static const char *
message_for_unanswered (const GError *error)
{
  if (g_error_matches (error, MFM_ERROR, MFM_ERROR_TIMEOUT))
    return mfm_error_get_sentence (error);
  if (g_error_matches (error, MFM_ERROR, MFM_ERROR_CANCELLED))
    return _("Saving was stopped while this change was on its way to the server.");
  if (g_error_matches (error, MFM_ERROR, MFM_ERROR_NETWORK))
    return _("The connection to the server ended before it answered.");

  /* An unreadable answer, or a web server's error page instead of Micetro's. */
  return mfm_error_get_sentence (error);
}

static void
read_back_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfmClient *self = MFM_CLIENT (source);
  ApplyOp *op = g_task_get_task_data (task);
  MfmChange *change = g_ptr_array_index (op->todo, op->position);
  g_autoptr(GPtrArray) relationships = NULL;
  MfmRelationship *current = NULL;
  GError *error = NULL;

  relationships = mfm_client_get_relationships_finish (self, result, &error);
  if (relationships == NULL)
    {
      /* Still not known: it stays so, and the save stops here. */
      if (!g_error_matches (error, MFM_ERROR, MFM_ERROR_CANCELLED))
        mfm_change_set_error_message (change, message_for_change (error));
      g_task_return_error (task, error);
      return;
    }

  for (guint i = 0; i < relationships->len && current == NULL; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);

      if (g_strcmp0 (mfm_relationship_get_name (relationship),
                     mfm_change_get_relationship_name (change)) == 0)
        current = relationship;
    }

  if (mfm_change_is_applied_in (change, current))
    {
      /* The server made it last time: done, without sending it again. */
      g_debug ("“%s” is already on the server", mfm_change_get_title (change));
      mfm_change_set_error_message (change, NULL);
      mfm_change_set_status (change, MFM_CHANGE_STATUS_APPLIED);
      op->position++;
      op->read_back = FALSE;
      g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, "apply", op->position, op->todo->len);
    }

  apply_next_call (g_steal_pointer (&task));
}

static void
apply_call_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ApplyOp *op = g_task_get_task_data (task);
  MfmChange *change = g_ptr_array_index (op->todo, op->position);
  GError *error = NULL;

  if (!mfm_client_write_finish (MFM_CLIENT (source), result, &error))
    {
      /* The request went out and no answer came: the next save reads the server back first
       * rather than doing it twice or calling it refused. */
      if (g_task_get_task_data (G_TASK (result)) != NULL)
        {
          mfm_change_set_error_message (change, message_for_unanswered (error));
          mfm_change_set_status (change, MFM_CHANGE_STATUS_UNKNOWN);
        }
      /* Cancelling before it went out is not a failure of the change: it stays staged. */
      else if (g_error_matches (error, MFM_ERROR, MFM_ERROR_CANCELLED))
        {
          mfm_change_set_status (change, MFM_CHANGE_STATUS_PENDING);
        }
      else
        {
          g_autofree char *message = message_for_change (error);

          mfm_change_set_error_message (change, message);
          mfm_change_set_status (change, MFM_CHANGE_STATUS_FAILED);
        }
      g_task_return_error (task, error);
      return;
    }

  op->call_index++;
  apply_next_call (g_steal_pointer (&task));
}

static void
apply_next_call (GTask *task)
{
  ApplyOp *op = g_task_get_task_data (task);
  MfmClient *self = g_task_get_source_object (task);

  for (;;)
    {
      MfmChange *change;

      if (op->calls != NULL && op->call_index < op->calls->len)
        {
          send_wire_call (self, g_ptr_array_index (op->calls, op->call_index), op->cancellable,
                          apply_call_cb, task);
          return;
        }

      if (op->calls != NULL)
        {
          /* Every call of the current change went through. */
          change = g_ptr_array_index (op->todo, op->position);
          mfm_change_set_status (change, MFM_CHANGE_STATUS_APPLIED);
          op->position++;
          g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, "apply", op->position,
                         op->todo->len);
          g_clear_pointer (&op->calls, g_ptr_array_unref);
        }

      if (op->position >= op->todo->len)
        {
          g_task_return_boolean (task, TRUE);
          g_object_unref (task);
          return;
        }

      change = g_ptr_array_index (op->todo, op->position);

      /* The last attempt got no answer: read the server back before sending it again. */
      if (mfm_change_get_status (change) == MFM_CHANGE_STATUS_UNKNOWN && !op->read_back)
        {
          MfmRelationship *relationship = mfm_change_get_relationship (change);

          op->read_back = TRUE;
          mfm_client_get_relationships_async (self,
                                              relationship != NULL ? mfm_relationship_get_primary_server_ref (relationship) : NULL,
                                              op->cancellable, read_back_cb, task);
          return;
        }
      op->read_back = FALSE;

      mfm_change_set_error_message (change, NULL);
      mfm_change_set_status (change, MFM_CHANGE_STATUS_APPLYING);
      op->calls = mfm_wire_calls_for_change_dialect (change, op->comment,
                                                     mfm_dialect_get_wire (self->dialect));
      op->call_index = 0;
    }
}

void
mfm_client_apply_changes_async (MfmClient           *self,
                                MfmChangeSet        *changes,
                                const char          *comment,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task;
  ApplyOp *op;
  guint n;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (MFM_IS_CHANGE_SET (changes));

  task = op_task_new (self, cancellable, callback, user_data, mfm_client_apply_changes_async);
  op = g_new0 (ApplyOp, 1);
  op->changes = g_object_ref (changes);
  op->comment = g_strdup (comment);
  op->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  op->todo = g_ptr_array_new_with_free_func (g_object_unref);
  g_task_set_task_data (task, op, (GDestroyNotify) apply_op_free);

  /* Pending ones and those that failed last time; the applied ones are done. */
  n = mfm_change_set_get_n_changes (changes);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmChange) change = g_list_model_get_item (G_LIST_MODEL (changes), i);

      if (change != NULL && mfm_change_get_status (change) != MFM_CHANGE_STATUS_APPLIED)
        g_ptr_array_add (op->todo, g_steal_pointer (&change));
    }

  /* A change from a file whose server values moved since it was planned waits for the
   * reviewer: nothing is sent while one does. */
  for (guint i = 0; i < op->todo->len; i++)
    if (mfm_change_get_base_moved (g_ptr_array_index (op->todo, i)))
      {
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                                 _("The server’s values changed since change %u was planned; accept them or drop the change first."),
                                 i + 1);
        g_object_unref (task);
        return;
      }

  apply_next_call (task);
}

gboolean
mfm_client_apply_changes_finish (MfmClient     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

MfmDialect *
mfm_client_get_dialect (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), NULL);

  return self->dialect;
}

gboolean
mfm_client_progress_is_servers (const char *method)
{
  return g_strcmp0 (method, MFM_WIRE_GET_SERVERS) == 0;
}

gboolean
mfm_client_progress_is_relationships (const char *method)
{
  return g_strcmp0 (method, MFM_WIRE_GET_RELATIONSHIPS) == 0;
}

/* ---------------------------------------------------------------------------------------- */
/* Permissions                                                                               */

static void
check_write_access_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  guint n_allowed = 0, n_denied = 0;

  node = client_call_finish (MFM_CLIENT (source), result, &error);
  if (node == NULL || !mfm_wire_has_access_from_result (node, &n_allowed, &n_denied, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (n_allowed > 0)
    g_task_return_int (task, MFM_WRITE_ACCESS_ALLOWED);
  else if (n_denied > 0)
    g_task_return_int (task, MFM_WRITE_ACCESS_DENIED);
  else
    g_task_return_new_error (task, MFM_ERROR, MFM_ERROR_PROTOCOL, "%s",
                             _("The server answered the access check for none of the servers."));
}

void
mfm_client_check_write_access_async (MfmClient           *self,
                                     const char * const  *server_refs,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(MfmWireCall) call = NULL;
  GTask *task;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (server_refs != NULL);

  task = op_task_new (self, cancellable, callback, user_data, mfm_client_check_write_access_async);
  call = mfm_wire_call_has_access (server_refs);
  client_call_async (self, call->method, json_object_ref (json_node_get_object (call->params)),
                     CALL_DEFAULT, cancellable, check_write_access_cb, task);
}

MfmWriteAccess
mfm_client_check_write_access_finish (MfmClient     *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize access;

  g_return_val_if_fail (g_task_is_valid (result, self), MFM_WRITE_ACCESS_UNKNOWN);

  access = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return MFM_WRITE_ACCESS_UNKNOWN;
    }

  return (MfmWriteAccess) access;
}
