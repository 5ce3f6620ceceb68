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
#include "mfm-wire.h"

G_DEFINE_FINAL_TYPE (MfmClient, mfm_client, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (MfmClientProgress, mfm_client_progress,
                    G_DEFINE_ENUM_VALUE (MFM_CLIENT_PROGRESS_SERVERS, "servers"),
                    G_DEFINE_ENUM_VALUE (MFM_CLIENT_PROGRESS_SCOPES, "scopes"),
                    G_DEFINE_ENUM_VALUE (MFM_CLIENT_PROGRESS_POOLS, "pools"),
                    G_DEFINE_ENUM_VALUE (MFM_CLIENT_PROGRESS_APPLYING, "applying"))

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

void
_mfm_client_emit_progress (MfmClient         *self,
                           MfmClientProgress  what,
                           guint              done,
                           guint              total)
{
  g_signal_emit (self, signals[SIGNAL_PROGRESS], 0, what, done, total);
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
      /* Every request still known answers G_IO_ERROR_CANCELLED; none of them outlives its task. */
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

  /* The server's address, construct-only; "https://" is added when no scheme is given, and the
   * endpoint's path is taken off when it was pasted with it. */
  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Login's "server": the Central server's name; by default the URL's host. */
  properties[PROP_CENTRAL_SERVER] =
    g_param_spec_string ("central-server", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* The user logged in, NULL before login and after logout. */
  properties[PROP_USER] =
    g_param_spec_string ("user", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Seconds a request may take before it fails with MFM_ERROR_TIMEOUT; 0 waits for ever. */
  properties[PROP_TIMEOUT] =
    g_param_spec_uint ("timeout", NULL, NULL, 0, 3600, MFM_DEFAULT_TIMEOUT_SECONDS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether a login succeeded and no logout followed. */
  properties[PROP_LOGGED_IN] =
    g_param_spec_boolean ("logged-in", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Every exchange with the server, secrets replaced (MfmApiLog). */
  properties[PROP_API_LOG] =
    g_param_spec_object ("api-log", NULL, NULL, MFM_TYPE_API_LOG,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the address is https. */
  properties[PROP_IS_ENCRYPTED] =
    g_param_spec_boolean ("is-encrypted", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Whether the host is this machine (localhost or a loopback address). */
  properties[PROP_IS_LOOPBACK] =
    g_param_spec_boolean ("is-loopback", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* (MfmClientProgress what, guint done, guint total) while reading lists and applying
   * changes; total is 0 while the server has not said. */
  signals[SIGNAL_PROGRESS] =
    g_signal_new ("progress",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, MFM_TYPE_CLIENT_PROGRESS, G_TYPE_UINT, G_TYPE_UINT);
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

JsonObject *
_mfm_client_login_params (MfmClient  *self,
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

  node = _mfm_client_call_finish (self, result, &error);
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

  task = _mfm_client_task_new (self, cancellable, callback, user_data, mfm_client_login_async);
  data = g_new0 (LoginData, 1);
  data->user = g_strdup (user);
  data->password = g_strdup (password);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  g_clear_pointer (&self->rejected_certificate, mfm_certificate_info_free);

  _mfm_client_call_async (self, MFM_WIRE_LOGIN, _mfm_client_login_params (self, user, password),
                          MFM_CALL_NO_SESSION | MFM_CALL_NO_RELOGIN, cancellable, login_cb,
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
  node = _mfm_client_call_finish (MFM_CLIENT (source), result, NULL);
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

  task = _mfm_client_task_new (self, cancellable, callback, user_data, mfm_client_logout_async);

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
  _mfm_client_call_full_async (self, MFM_WIRE_LOGOUT, NULL, MFM_CALL_NO_RELOGIN, session,
                               cancellable,
                               logout_cb, g_steal_pointer (&task));
}

void
mfm_client_logout_finish (MfmClient    *self,
                          GAsyncResult *result)
{
  g_return_if_fail (g_task_is_valid (result, self));

  g_task_propagate_boolean (G_TASK (result), NULL);
}

MfmDialect *
mfm_client_get_dialect (MfmClient *self)
{
  g_return_val_if_fail (MFM_IS_CLIENT (self), NULL);

  return self->dialect;
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

  node = _mfm_client_call_finish (MFM_CLIENT (source), result, &error);
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

  task = _mfm_client_task_new (self, cancellable, callback, user_data,
                               mfm_client_check_write_access_async);
  call = mfm_wire_call_has_access (server_refs);
  _mfm_client_call_async (self, call->method, json_object_ref (json_node_get_object (call->params)),
                          MFM_CALL_DEFAULT, cancellable, check_write_access_cb, task);
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

/* ---------------------------------------------------------------------------------------- */
/* Operations built from calls: a cancellable of their own that also follows the caller's, so
 * that the first failure stops the requests still queued.                                   */

static void
follow_cancel_cb (GCancellable *cancellable,
                  gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

void
_mfm_op_cancel_init (MfmOpCancel  *op,
                     GCancellable *user_cancellable)
{
  op->cancellable = g_cancellable_new ();
  if (user_cancellable != NULL)
    {
      op->user_cancellable = g_object_ref (user_cancellable);
      op->user_cancel_id = g_cancellable_connect (user_cancellable,
                                                  G_CALLBACK (follow_cancel_cb),
                                                  op->cancellable, NULL);
    }
}

void
_mfm_op_cancel_clear (MfmOpCancel *op)
{
  if (op->user_cancel_id != 0)
    g_cancellable_disconnect (op->user_cancellable, op->user_cancel_id);
  op->user_cancel_id = 0;
  g_clear_object (&op->user_cancellable);
  g_clear_object (&op->cancellable);
}

/* The caller's cancellation wins over the errors it causes further down. */
gboolean
_mfm_op_was_cancelled (MfmOpCancel *op)
{
  return op->user_cancellable != NULL && g_cancellable_is_cancelled (op->user_cancellable);
}

GTask *
_mfm_client_task_new (MfmClient           *self,
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
