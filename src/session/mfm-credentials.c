/* mfm-credentials.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-credentials"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-credentials.h"

const SecretSchema *
mfm_credentials_get_schema (void)
{
  static const SecretSchema schema = {
    .name = APP_BASE_ID,
    .flags = SECRET_SCHEMA_NONE,
    .attributes = {
      { .name = "server", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = "user", .type = SECRET_SCHEMA_ATTRIBUTE_STRING },
      { .name = NULL, .type = 0 },
    },
  };

  return &schema;
}

void
mfm_credentials_store_async (const char          *server,
                             const char          *user,
                             const char          *password,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autofree char *label = NULL;

  g_return_if_fail (server != NULL);
  g_return_if_fail (user != NULL);
  g_return_if_fail (password != NULL);

  /* Translators: the label of the keyring item; %s are the user name and the server address */
  label = g_strdup_printf (_("Failover Manager password for %s on %s"), user, server);
  secret_password_store (mfm_credentials_get_schema (),
                         SECRET_COLLECTION_DEFAULT,
                         label, password,
                         cancellable, callback, user_data,
                         "server", server,
                         "user", user,
                         NULL);
}

gboolean
mfm_credentials_store_finish (GAsyncResult  *result,
                              GError       **error)
{
  return secret_password_store_finish (result, error);
}

void
mfm_credentials_lookup_async (const char          *server,
                              const char          *user,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (server != NULL);
  g_return_if_fail (user != NULL);

  secret_password_lookup (mfm_credentials_get_schema (),
                          cancellable, callback, user_data,
                          "server", server,
                          "user", user,
                          NULL);
}

char *
mfm_credentials_lookup_finish (GAsyncResult  *result,
                               GError       **error)
{
  return secret_password_lookup_finish (result, error);
}

void
mfm_credentials_clear_async (const char          *server,
                             const char          *user,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (server != NULL);
  g_return_if_fail (user != NULL);

  secret_password_clear (mfm_credentials_get_schema (),
                         cancellable, callback, user_data,
                         "server", server,
                         "user", user,
                         NULL);
}

gboolean
mfm_credentials_clear_finish (GAsyncResult  *result,
                              GError       **error)
{
  return secret_password_clear_finish (result, error);
}

void
mfm_credentials_free_password (char *password)
{
  secret_password_free (password);
}
