/* mfm-client.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-api-log.h"
#include "mfm-certificate-info.h"
#include "mfm-change-set.h"
#include "mfm-dialect.h"
#include "mfm-error.h"
#include "mfm-inventory.h"

G_BEGIN_DECLS

#define MFM_DEFAULT_TIMEOUT_SECONDS 30
#define MFM_MAX_RESPONSE_SIZE       (64 * 1024 * 1024)
#define MFM_PAGE_SIZE               1000
#define MFM_MAX_IN_FLIGHT           4

#define MFM_TYPE_CLIENT (mfm_client_get_type())

/* What a "progress" signal counts. */
typedef enum
{
  MFM_CLIENT_PROGRESS_SERVERS,   /* servers listed, of the total the server announced */
  MFM_CLIENT_PROGRESS_SCOPES,    /* one server's scopes listed, of their total */
  MFM_CLIENT_PROGRESS_POOLS,     /* scopes whose address pools were read, of the scopes */
  MFM_CLIENT_PROGRESS_APPLYING,  /* changes applied, of the changes to apply */
} MfmClientProgress;

#define MFM_TYPE_CLIENT_PROGRESS (mfm_client_progress_get_type ())

GType               mfm_client_progress_get_type         (void) G_GNUC_CONST;

G_DECLARE_FINAL_TYPE (MfmClient, mfm_client, MFM, CLIENT, GObject)

/* Talks JSON-RPC 2.0 to Micetro's web service at the base URL. Async only; every call takes a
 * GCancellable, and disposing the client cancels what is in flight without any callback
 * touching it after. Its properties and its "progress" signal are described where they are
 * installed, in mfm-client.c. */
MfmClient          *mfm_client_new                       (const char           *base_url);
/* The one rule for a typed server address, also applied to "base-url": surrounding spaces and
 * trailing slashes go, "https://" is added when no scheme is given, and the endpoint pasted
 * with the address goes too. "" for nothing typed. */
char               *mfm_client_normalize_url             (const char           *text);
const char         *mfm_client_get_base_url              (MfmClient            *self);
const char         *mfm_client_get_host                  (MfmClient            *self);
void                mfm_client_set_central_server        (MfmClient            *self,
                                                          const char           *name);
void                mfm_client_set_timeout               (MfmClient            *self,
                                                          guint                 seconds);
const char         *mfm_client_get_user                  (MfmClient            *self);
gboolean            mfm_client_get_logged_in             (MfmClient            *self);
gboolean            mfm_client_is_encrypted              (MfmClient            *self);
gboolean            mfm_client_is_loopback               (MfmClient            *self);
MfmApiLog          *mfm_client_get_api_log               (MfmClient            *self);

/* Certificate pinning: a pinned fingerprint for a host is accepted even when the system
 * store does not trust it; any other certificate for that host is refused. After a TLS
 * error, the failing certificate's details (NULL when none). */
void                mfm_client_pin_certificate           (MfmClient            *self,
                                                          const char           *host,
                                                          const char           *fingerprint);
const MfmCertificateInfo *mfm_client_get_rejected_certificate (MfmClient       *self);

/* Credentials stay in memory so that, when the session runs out, the client logs in again once
 * and sends the call again. */
void                mfm_client_login_async               (MfmClient            *self,
                                                          const char           *user,
                                                          const char           *password,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean            mfm_client_login_finish              (MfmClient            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* Best effort: never fails, forgets the session and the credentials. */
void                mfm_client_logout_async              (MfmClient            *self,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
void                mfm_client_logout_finish             (MfmClient            *self,
                                                          GAsyncResult         *result);

/* All pages, in order. @filter may be NULL. Result: new GPtrArray of MfmServer. */
void                mfm_client_get_servers_async         (MfmClient            *self,
                                                          const char           *filter,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray          *mfm_client_get_servers_finish        (MfmClient            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* @server_ref NULL = every relationship. Result: GPtrArray of MfmRelationship. */
void                mfm_client_get_relationships_async   (MfmClient            *self,
                                                          const char           *server_ref,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray          *mfm_client_get_relationships_finish  (MfmClient            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* The scopes of one server (GetDHCPScopes with the server filter) with their address pools and
 * networks: a scope's "range" where the server sends one, else the name of its Range (GetRange,
 * each Range asked once until the next refresh), else unknown (NULL). Result: GPtrArray of
 * MfmScope. */
void                mfm_client_get_scopes_async          (MfmClient            *self,
                                                          const char           *server_ref,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
GPtrArray          *mfm_client_get_scopes_finish         (MfmClient            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* Servers and every relationship into @inventory (replacing in place, counts updated). */
void                mfm_client_refresh_inventory_async   (MfmClient            *self,
                                                          MfmInventory         *inventory,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean            mfm_client_refresh_inventory_finish  (MfmClient            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);
/* After a refresh that succeeded although one of its two parts could not be read (that part
 * keeps what it had): the reason, with a translated message naming the part; NULL when all
 * was read. One failed call does not fail the whole refresh unless it concerns the connection
 * (session, certificate, credentials, cancellation). */
const GError       *mfm_client_refresh_inventory_get_incomplete (MfmClient     *self,
                                                          GAsyncResult         *result);

/* The one way to write: applies the pending changes of @changes in order, @comment becoming
 * each call's "saveComment" (may be NULL), setting each one's status (APPLYING, APPLIED or
 * FAILED with the server's message), stopping at the first failure. Signal "progress"
 * (MFM_CLIENT_PROGRESS_APPLYING, done, total) after each. Succeeds only when every change
 * applied; the applied ones are not removed (the caller calls mfm_change_set_remove_applied()).
 * A change whose request went out without an answer (reset, closed, timeout, unreadable
 * answer, cancelled on its way) becomes UNKNOWN with the reason; before an UNKNOWN change is
 * sent again, its server's relationships are read back and, when the change is there
 * already, it becomes APPLIED without being sent. */
void                mfm_client_apply_changes_async       (MfmClient            *self,
                                                          MfmChangeSet         *changes,
                                                          const char           *comment,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean            mfm_client_apply_changes_finish      (MfmClient            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

/* What this server's answers showed of its wire names; writes follow it (borrowed). */
MfmDialect         *mfm_client_get_dialect               (MfmClient            *self);

/* Whether the user may change failover on these DHCP servers, asked without
 * changing anything (Micetro's HasAccess for "Add a scope", the permission that adding scopes
 * to a relationship needs). UNKNOWN, with an error, when the server cannot tell (an older
 * Micetro without the command, or no answer). */
typedef enum
{
  MFM_WRITE_ACCESS_UNKNOWN,
  MFM_WRITE_ACCESS_ALLOWED,   /* on at least one of the servers */
  MFM_WRITE_ACCESS_DENIED,    /* on every one of them */
} MfmWriteAccess;

void                mfm_client_check_write_access_async  (MfmClient            *self,
                                                          const char * const   *server_refs,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
MfmWriteAccess      mfm_client_check_write_access_finish (MfmClient            *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

G_END_DECLS
