/* mfm-connection.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-certificate-info.h"
#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_CONNECTION (mfm_connection_get_type())

G_DECLARE_FINAL_TYPE (MfmConnection, mfm_connection, MFM, CONNECTION, GObject)

/* How many servers the recent list keeps. */
#define MFM_CONNECTION_MAX_RECENT 5

typedef enum
{
  MFM_CONNECTION_FLAGS_NONE              = 0,
  /* After the login, keep the password in the keyring (else any kept one is removed). */
  MFM_CONNECTION_FLAGS_REMEMBER_PASSWORD = 1 << 0,
  /* The demo server: nothing is remembered (its address changes every time), and its drafts
   * are kept under MFM_DEMO_IDENTITY. */
  MFM_CONNECTION_FLAGS_DEMO              = 1 << 1,
} MfmConnectionFlags;

/* Turns what a person typed into the server address used everywhere (the client, the recent
 * list, the keyring, the drafts): surrounding spaces and trailing slashes go, "https://" is
 * added when no scheme is given, and the JSON-RPC endpoint pasted with the address goes too.
 * NULL when nothing was typed. */
char          *mfm_connection_normalize_url (const char *text);
/* Whether @url (normalised) names an http or https server the client can talk to. */
gboolean       mfm_connection_is_valid_url  (const char *url);
/* Whether @url sends the password readable by anyone on the way: plain http to a host other
 * than this machine. */
gboolean       mfm_connection_is_cleartext  (const char *url);

/* URL + user + password → a logged-in MfmSession, with what the sign-in form remembers in the
 * application's settings: the recent servers, the last server and user, the central server
 * and timeout, and the certificates the person chose to trust (one per host, pinned on every
 * client made here); passwords go to the keyring only. */
MfmConnection *mfm_connection_new           (void);

/* The servers connected to last, newest first, at most MFM_CONNECTION_MAX_RECENT. */
GStrv          mfm_connection_dup_recent_servers (MfmConnection *self);
/* Takes @url off the recent list; it is not filled in at the next start either. */
void           mfm_connection_forget_server (MfmConnection *self,
                                             const char    *url);
char          *mfm_connection_dup_last_server (MfmConnection *self);
char          *mfm_connection_dup_last_user   (MfmConnection *self);
char          *mfm_connection_dup_central_server (MfmConnection *self);
guint          mfm_connection_get_timeout     (MfmConnection *self);

/* Trusts the certificate with @fingerprint for @host from now on, replacing one trusted
 * before. */
void           mfm_connection_trust_certificate (MfmConnection *self,
                                                 const char    *host,
                                                 const char    *fingerprint);
/* The certificate the last login refused (a TLS error), or NULL. */
const MfmCertificateInfo *mfm_connection_get_rejected_certificate (MfmConnection *self);

/* Logs in to @url (normalised) as @user. @central_server (NULL or empty for none) and
 * @timeout (seconds) are used for this session and, after a successful login, remembered
 * with the server and user (see MfmConnectionFlags). */
void           mfm_connection_login_async   (MfmConnection       *self,
                                             const char          *url,
                                             const char          *user,
                                             const char          *password,
                                             const char          *central_server,
                                             guint                timeout,
                                             MfmConnectionFlags   flags,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
MfmSession    *mfm_connection_login_finish  (MfmConnection       *self,
                                             GAsyncResult        *result,
                                             GError             **error);

G_END_DECLS
