/* mfm-connection.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-connection"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-client.h"
#include "mfm-connection.h"
#include "mfm-credentials.h"
#include "mfm-demo.h"
#include "mfm-error.h"

struct _MfmConnection
{
  GObject             parent_instance;

  GSettings          *settings;
  MfmCertificateInfo *rejected_certificate;
};

G_DEFINE_FINAL_TYPE (MfmConnection, mfm_connection, G_TYPE_OBJECT)

typedef struct
{
  MfmClient          *client;
  char               *url;
  char               *user;
  char               *password;
  char               *central_server;
  guint               timeout;
  MfmConnectionFlags  flags;
} LoginData;

static void
login_data_free (LoginData *data)
{
  g_clear_object (&data->client);
  g_free (data->url);
  g_free (data->user);
  if (data->password != NULL)
    mfm_credentials_free_password (data->password);
  g_free (data->central_server);
  g_free (data);
}

char *
mfm_connection_normalize_url (const char *text)
{
  g_autofree char *url = mfm_client_normalize_url (text);

  if (*url == '\0')
    return NULL;

  return g_steal_pointer (&url);
}

gboolean
mfm_connection_is_valid_url (const char *url)
{
  g_autoptr(MfmClient) client = NULL;

  if (url == NULL || *url == '\0')
    return FALSE;

  client = mfm_client_new (url);
  return mfm_client_get_host (client) != NULL;
}

gboolean
mfm_connection_is_cleartext (const char *url)
{
  g_autoptr(MfmClient) client = NULL;

  if (!mfm_connection_is_valid_url (url))
    return FALSE;

  client = mfm_client_new (url);
  return !mfm_client_is_encrypted (client) && !mfm_client_is_loopback (client);
}

static void
mfm_connection_dispose (GObject *object)
{
  MfmConnection *self = MFM_CONNECTION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->rejected_certificate, mfm_certificate_info_free);

  G_OBJECT_CLASS (mfm_connection_parent_class)->dispose (object);
}

static void
mfm_connection_class_init (MfmConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_connection_dispose;
}

static void
mfm_connection_init (MfmConnection *self)
{
  self->settings = g_settings_new (APP_BASE_ID);
}

MfmConnection *
mfm_connection_new (void)
{
  return g_object_new (MFM_TYPE_CONNECTION, NULL);
}

GStrv
mfm_connection_dup_recent_servers (MfmConnection *self)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (MFM_IS_CONNECTION (self), NULL);

  recent = g_settings_get_strv (self->settings, "recent-servers");
  for (guint i = 0; recent[i] != NULL && i < MFM_CONNECTION_MAX_RECENT; i++)
    g_strv_builder_add (builder, recent[i]);

  return g_strv_builder_end (builder);
}

void
mfm_connection_forget_server (MfmConnection *self,
                              const char    *url)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autofree char *last_server = NULL;

  g_return_if_fail (MFM_IS_CONNECTION (self));
  g_return_if_fail (url != NULL);

  recent = g_settings_get_strv (self->settings, "recent-servers");
  for (guint i = 0; recent[i] != NULL; i++)
    {
      if (g_strcmp0 (recent[i], url) != 0)
        g_strv_builder_add (builder, recent[i]);
    }
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-servers", (const char * const *)updated);

  last_server = g_settings_get_string (self->settings, "last-server");
  if (g_strcmp0 (last_server, url) == 0)
    g_settings_set_string (self->settings, "last-server", "");
}

char *
mfm_connection_dup_last_server (MfmConnection *self)
{
  g_return_val_if_fail (MFM_IS_CONNECTION (self), NULL);

  return g_settings_get_string (self->settings, "last-server");
}

char *
mfm_connection_dup_last_user (MfmConnection *self)
{
  g_return_val_if_fail (MFM_IS_CONNECTION (self), NULL);

  return g_settings_get_string (self->settings, "last-user");
}

char *
mfm_connection_dup_central_server (MfmConnection *self)
{
  g_return_val_if_fail (MFM_IS_CONNECTION (self), NULL);

  return g_settings_get_string (self->settings, "central-server");
}

guint
mfm_connection_get_timeout (MfmConnection *self)
{
  g_return_val_if_fail (MFM_IS_CONNECTION (self), 0);

  return g_settings_get_uint (self->settings, "timeout");
}

static void
remember_server (MfmConnection *self,
                 LoginData     *data)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-servers");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, data->url);
  for (guint i = 0; recent[i] != NULL && n < MFM_CONNECTION_MAX_RECENT; i++)
    {
      if (g_strcmp0 (recent[i], data->url) == 0)
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }
  updated = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-servers", (const char * const *)updated);
  g_settings_set_string (self->settings, "last-server", data->url);
  g_settings_set_string (self->settings, "last-user", data->user);
  g_settings_set_string (self->settings, "central-server",
                         data->central_server != NULL ? data->central_server : "");
  g_settings_set_uint (self->settings, "timeout", data->timeout);
}

void
mfm_connection_trust_certificate (MfmConnection *self,
                                  const char    *host,
                                  const char    *fingerprint)
{
  g_autoptr(GVariant) trusted = NULL;
  GVariantBuilder builder;
  GVariantIter iter;
  const char *pinned_host;
  const char *pinned;

  g_return_if_fail (MFM_IS_CONNECTION (self));
  g_return_if_fail (host != NULL);
  g_return_if_fail (fingerprint != NULL);

  /* One pin per host: a new one replaces the old. */
  trusted = g_settings_get_value (self->settings, "trusted-certificates");
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, trusted);
  while (g_variant_iter_next (&iter, "{&s&s}", &pinned_host, &pinned))
    {
      if (g_strcmp0 (pinned_host, host) != 0)
        g_variant_builder_add (&builder, "{ss}", pinned_host, pinned);
    }
  g_variant_builder_add (&builder, "{ss}", host, fingerprint);
  g_settings_set_value (self->settings, "trusted-certificates", g_variant_builder_end (&builder));
}

const MfmCertificateInfo *
mfm_connection_get_rejected_certificate (MfmConnection *self)
{
  g_return_val_if_fail (MFM_IS_CONNECTION (self), NULL);

  return self->rejected_certificate;
}

static void
pin_trusted_certificate (MfmConnection *self,
                         MfmClient     *client)
{
  g_autoptr(GVariant) trusted = g_settings_get_value (self->settings, "trusted-certificates");
  const char *host = mfm_client_get_host (client);
  const char *fingerprint = NULL;

  if (host != NULL && g_variant_lookup (trusted, host, "&s", &fingerprint))
    mfm_client_pin_certificate (client, host, fingerprint);
}

static void
credentials_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  gboolean store = GPOINTER_TO_INT (user_data);

  if (!(store ? mfm_credentials_store_finish (result, &error)
              : mfm_credentials_clear_finish (result, &error)))
    {
      if (error != NULL)
        g_warning ("Could not update the keyring: %s", error->message);
    }
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MfmConnection *self = g_task_get_source_object (task);
  LoginData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  MfmSession *session;

  if (!mfm_client_login_finish (data->client, result, &error))
    {
      const MfmCertificateInfo *info = mfm_client_get_rejected_certificate (data->client);

      g_clear_pointer (&self->rejected_certificate, mfm_certificate_info_free);
      if (g_error_matches (error, MFM_ERROR, MFM_ERROR_TLS) && info != NULL)
        self->rejected_certificate = mfm_certificate_info_copy (info);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The demo's address changes every time and means nothing to anyone: it is not a server to
   * offer again or fill in at the next start, nor a password worth a keyring entry. */
  if (!(data->flags & MFM_CONNECTION_FLAGS_DEMO))
    {
      remember_server (self, data);
      if (data->flags & MFM_CONNECTION_FLAGS_REMEMBER_PASSWORD)
        mfm_credentials_store_async (data->url, data->user, data->password,
                                     NULL, credentials_done_cb, GINT_TO_POINTER (TRUE));
      else
        mfm_credentials_clear_async (data->url, data->user,
                                     NULL, credentials_done_cb, GINT_TO_POINTER (FALSE));
    }

  session = mfm_session_new (data->client,
                             (data->flags & MFM_CONNECTION_FLAGS_DEMO) ? MFM_DEMO_IDENTITY
                                                                       : data->url,
                             data->user);
  g_task_return_pointer (task, session, g_object_unref);
}

void
mfm_connection_login_async (MfmConnection       *self,
                            const char          *url,
                            const char          *user,
                            const char          *password,
                            const char          *central_server,
                            guint                timeout,
                            MfmConnectionFlags   flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoginData *data;

  g_return_if_fail (MFM_IS_CONNECTION (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (user != NULL);
  g_return_if_fail (password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfm_connection_login_async);

  data = g_new0 (LoginData, 1);
  data->url = g_strdup (url);
  data->user = g_strdup (user);
  data->password = g_strdup (password);
  data->central_server = g_strdup (central_server);
  data->timeout = timeout;
  data->flags = flags;
  data->client = mfm_client_new (url);
  g_task_set_task_data (task, data, (GDestroyNotify) login_data_free);

  g_clear_pointer (&self->rejected_certificate, mfm_certificate_info_free);

  if (central_server != NULL && *central_server != '\0')
    mfm_client_set_central_server (data->client, central_server);
  mfm_client_set_timeout (data->client, timeout);
  pin_trusted_certificate (self, data->client);

  mfm_client_login_async (data->client, user, password, cancellable, login_cb,
                          g_steal_pointer (&task));
}

MfmSession *
mfm_connection_login_finish (MfmConnection  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (MFM_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
