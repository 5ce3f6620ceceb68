/* mfm-credentials.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

/* Remembered passwords live only in the Secret Service (the secret portal in a Flatpak), keyed
 * by the server URL and the user name. Never in GSettings, files or logs. */
const SecretSchema *mfm_credentials_get_schema    (void);
void                mfm_credentials_store_async   (const char          *server,
                                                   const char          *user,
                                                   const char          *password,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean            mfm_credentials_store_finish  (GAsyncResult        *result,
                                                   GError             **error);
/* Result: the password, or NULL (without error) when none is stored. Free with
 * mfm_credentials_free_password(). */
void                mfm_credentials_lookup_async  (const char          *server,
                                                   const char          *user,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
char               *mfm_credentials_lookup_finish (GAsyncResult        *result,
                                                   GError             **error);
void                mfm_credentials_clear_async   (const char          *server,
                                                   const char          *user,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
gboolean            mfm_credentials_clear_finish  (GAsyncResult        *result,
                                                   GError             **error);
/* Wipes the memory before freeing it. */
void                mfm_credentials_free_password (char                *password);

G_END_DECLS
