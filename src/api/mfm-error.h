/* mfm-error.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define MFM_ERROR (mfm_error_quark ())

typedef enum
{
  MFM_ERROR_NETWORK,          /* refused, DNS, reset */
  MFM_ERROR_TIMEOUT,
  MFM_ERROR_TLS,              /* untrusted or changed certificate */
  MFM_ERROR_BAD_CREDENTIALS,  /* 16394 */
  MFM_ERROR_SESSION,          /* still failing after one re-login */
  MFM_ERROR_PERMISSION,       /* 1028 */
  MFM_ERROR_NOT_FOUND,        /* 2049, 16544 */
  MFM_ERROR_SERVER,           /* any other API error, or a web server's error page */
  MFM_ERROR_PROTOCOL,         /* malformed or oversized response */
  MFM_ERROR_CONNECTION_BROKEN, /* the server answered, then the connection broke mid-answer */
  MFM_ERROR_STANDBY,          /* 1037: this web service takes no requests (on standby) */
  MFM_ERROR_SERVER_FAILURE,   /* Micetro failed while handling the call (HTTP 5xx with its
                               * error, or JSON-RPC's internal error): worth trying again */
} MfmErrorCode;

GQuark      mfm_error_quark            (void);
/* An error Micetro itself sent: @code says what it means, @api_code and @server_message are
 * Micetro's own (mfm_error_get_api_code(), mfm_error_get_server_message()). Its message, the
 * technical detail shown under the sentence, reads "[api_code] server_message". */
GError     *mfm_error_new_api          (MfmErrorCode  code,
                                        gint64        api_code,
                                        const char   *server_message);
/* The translated sentence a person understands, e.g. "The server did not answer in time.".
 * Works for any GError (non-MfmError ones get a generic sentence). */
const char *mfm_error_get_sentence     (const GError *error);
/* "sentence\n\ntechnical detail" for dialogs and logs. */
char       *mfm_error_describe         (const GError *error);
/* The Micetro error code of an error Micetro sent (0 when none, or when it does not fit an int). */
int         mfm_error_get_api_code     (const GError *error);
/* Micetro's own words in an error it sent, as it sent them (NULL when it sent none). */
const char *mfm_error_get_server_message (const GError *error);
/* TRUE when Micetro itself answered and said no (bad credentials, permission, not found or
 * another API error); FALSE for no answer, an unreadable one, a failure on the server's side
 * or a web server's error page (an HTTP error without a Micetro answer, such as 502 from a
 * proxy). */
gboolean    mfm_error_is_refusal       (const GError *error);
/* TRUE when the same request may well work if sent again: no answer, a failure on the
 * server's side, or a web server's error page. */
gboolean    mfm_error_is_transient     (const GError *error);

G_END_DECLS
