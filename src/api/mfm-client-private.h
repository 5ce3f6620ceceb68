/* mfm-client-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "mfm-client.h"
#include "mfm-wire.h"

G_BEGIN_DECLS

/* What the client's files share: the object (mfm-client.c), one exchange
 * (mfm-client-request.c), reading lists (mfm-client-pager.c) and writing
 * (mfm-client-apply.c). */

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

typedef enum
{
  MFM_CALL_DEFAULT    = 0,
  MFM_CALL_NO_SESSION = 1 << 0,   /* Login */
  MFM_CALL_NO_RELOGIN = 1 << 1,   /* Login, Logout */
  MFM_CALL_URGENT     = 1 << 2,   /* the re-login goes before everything queued */
} MfmCallFlags;

/* What a relationship list showed of the server's dialect, and a name more than one of its
 * relationships has, found in the worker thread and handed over on the main thread. */
typedef struct
{
  MfmWireMember seen;
  guint         safe_period;   /* G_MAXUINT: not sent */
  const char   *repeated_name; /* borrowed from the objects; NULL: every name is its own */
  guint         n_repeated;    /* how many relationships have it */
} MfmCallObserved;

/* Builds the objects of an answer; runs off the main thread with the JSON parse. */
typedef GPtrArray *(*MfmCallConvert) (JsonNode         *result,
                                      guint            *total,
                                      MfmCallObserved  *observed,
                                      GError          **error);

/* One JSON-RPC call through the queue, with the session and one new login when it ran out;
 * @params is taken. The result is the answer's "result" node; errors are MfmErrors. */
void        _mfm_client_call_full_async    (MfmClient            *self,
                                            const char           *method,
                                            JsonObject           *params,
                                            MfmCallFlags          flags,
                                            const char           *explicit_session,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
#define _mfm_client_call_async(self, method, params, flags, cancellable, callback, user_data) \
  _mfm_client_call_full_async (self, method, params, flags, NULL, cancellable, callback, user_data)
/* A call whose answer is a list: @convert builds its objects in the worker thread that parses
 * the answer; _mfm_client_call_take_items() hands them over. With @convert_drops_node only
 * whether the answer announced its total stays of the node. */
void        _mfm_client_call_convert_async (MfmClient            *self,
                                            const char           *method,
                                            JsonObject           *params,
                                            MfmCallConvert        convert,
                                            gboolean              convert_drops_node,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonNode   *_mfm_client_call_finish        (MfmClient            *self,
                                            GAsyncResult         *result,
                                            GError              **error);
/* The objects @convert built from @node, the answer of a call that succeeded, or NULL and
 * @error; @total and @observed may be NULL. */
GPtrArray  *_mfm_client_call_take_items    (GAsyncResult         *result,
                                            JsonNode             *node,
                                            guint                *total,
                                            MfmCallObserved      *observed,
                                            GError              **error);
/* Whether the call's whole request went out without a word from Micetro coming back: the
 * server may have carried it out. */
gboolean    _mfm_client_call_was_sent      (GAsyncResult         *result,
                                            const GError         *error);
/* An answer that arrived whole, but that the client refuses (a list it cannot trust): its API
 * log entry says so and why, instead of "OK". @result is the call's GAsyncResult. */
void        _mfm_client_log_refused_answer (GAsyncResult         *result,
                                            const GError         *error);

/* Login's parameters (mfm-client.c), also sent by the new login after a session ran out. */
JsonObject *_mfm_client_login_params       (MfmClient            *self,
                                            const char           *user,
                                            const char           *password);
/* Emits "progress". */
void        _mfm_client_emit_progress      (MfmClient            *self,
                                            MfmClientProgress     what,
                                            guint                 done,
                                            guint                 total);

/* A task for an operation built from calls: errors are MfmErrors, cancellation included. */
GTask      *_mfm_client_task_new           (MfmClient            *self,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data,
                                            gpointer              source_tag);

/* Operations built from calls: a cancellable of their own that also follows the caller's, so
 * that the first failure stops the requests still queued. */
typedef struct
{
  GCancellable *cancellable;
  GCancellable *user_cancellable;
  gulong        user_cancel_id;
} MfmOpCancel;

void        _mfm_op_cancel_init            (MfmOpCancel          *op,
                                            GCancellable         *user_cancellable);
void        _mfm_op_cancel_clear           (MfmOpCancel          *op);
/* The caller's cancellation wins over the errors it causes further down. */
gboolean    _mfm_op_was_cancelled          (MfmOpCancel          *op);

/* For tests: one raw call (@params is not taken; may be NULL), the session in use, and how
 * many requests are in flight. */
void        mfm_client_call_async          (MfmClient            *self,
                                            const char           *method,
                                            JsonObject           *params,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
JsonNode   *mfm_client_call_finish         (MfmClient            *self,
                                            GAsyncResult         *result,
                                            GError              **error);
const char *mfm_client_get_session         (MfmClient            *self);
guint       mfm_client_get_n_in_flight     (MfmClient            *self);

G_END_DECLS
