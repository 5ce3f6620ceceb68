/* mfm-error.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-error"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gio.h>

#include "mfm-error.h"

/* What an error Micetro sent carries besides its code: an HTTP status without a JSON-RPC
 * answer ("HTTP 502 Bad Gateway") has none of it. */
typedef struct
{
  gboolean  answered;         /* Micetro sent this error */
  int       api_code;         /* 0 when none or out of range */
  char     *server_message;
} MfmErrorPrivate;

static void
mfm_error_private_init (MfmErrorPrivate *priv)
{
}

static void
mfm_error_private_copy (const MfmErrorPrivate *src,
                        MfmErrorPrivate       *dest)
{
  dest->answered = src->answered;
  dest->api_code = src->api_code;
  dest->server_message = g_strdup (src->server_message);
}

static void
mfm_error_private_clear (MfmErrorPrivate *priv)
{
  g_clear_pointer (&priv->server_message, g_free);
}

G_DEFINE_EXTENDED_ERROR (MfmError, mfm_error)

static gboolean
is_api_answer (const GError *error)
{
  return error->domain == MFM_ERROR && mfm_error_get_private (error)->answered;
}

GError *
mfm_error_new_api (MfmErrorCode  code,
                   gint64        api_code,
                   const char   *server_message)
{
  GError *error;
  MfmErrorPrivate *priv;

  error = g_error_new (MFM_ERROR, code, "[%" G_GINT64_FORMAT "] %s", api_code,
                       server_message != NULL ? server_message : "");
  priv = mfm_error_get_private (error);
  priv->answered = TRUE;
  priv->api_code = api_code > G_MININT && api_code < G_MAXINT ? (int) api_code : 0;
  priv->server_message = g_strdup (server_message);

  return error;
}

const char *
mfm_error_get_sentence (const GError *error)
{
  if (error == NULL)
    return _("Something went wrong.");

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return _("The operation was cancelled.");

  if (error->domain != MFM_ERROR)
    return _("Something went wrong.");

  switch ((MfmErrorCode) error->code)
    {
    case MFM_ERROR_NETWORK:
      return _("The server could not be reached. Check the address and your network connection.");
    case MFM_ERROR_TIMEOUT:
      return _("The server did not answer in time.");
    case MFM_ERROR_TLS:
      return _("The server’s certificate is not trusted, so the connection was not made.");
    case MFM_ERROR_BAD_CREDENTIALS:
      return _("The user name or the password is wrong.");
    case MFM_ERROR_SESSION:
      return _("The session with the server ended and logging in again did not work.");
    case MFM_ERROR_PERMISSION:
      return _("Your Micetro user is not allowed to do this. Changing failover relationships needs the permission to administer DHCP servers, and adding scopes to them the permission to add a scope on the server.");
    case MFM_ERROR_NOT_FOUND:
      return _("The server no longer has this object. Refresh and try again.");
    case MFM_ERROR_SERVER:
      if (!is_api_answer (error))
        return _("The web server at this address answered with an error instead of Micetro. Check the address, or try again later.");
      return _("The server refused the request.");
    case MFM_ERROR_PROTOCOL:
      return _("The server sent an answer that Failover Manager does not understand.");
    case MFM_ERROR_SERVER_FAILURE:
      return _("The request failed on the server’s side. Try again; if it keeps failing, the server’s administrator can find the cause in its log.");
    case MFM_ERROR_CONNECTION_BROKEN:
      return _("The connection to the server broke in the middle of its answer.");
    case MFM_ERROR_STANDBY:
      return _("This Micetro web service does not take requests: it is on standby. Connect to the active Micetro server instead.");
    default:
      return _("Something went wrong.");
    }
}

char *
mfm_error_describe (const GError *error)
{
  const char *sentence = mfm_error_get_sentence (error);

  if (error == NULL || error->message == NULL || error->message[0] == '\0' ||
      g_strcmp0 (error->message, sentence) == 0)
    return g_strdup (sentence);

  return g_strdup_printf ("%s\n\n%s", sentence, error->message);
}

int
mfm_error_get_api_code (const GError *error)
{
  if (error == NULL || error->domain != MFM_ERROR)
    return 0;

  return mfm_error_get_private (error)->api_code;
}

const char *
mfm_error_get_server_message (const GError *error)
{
  if (error == NULL || error->domain != MFM_ERROR)
    return NULL;

  return mfm_error_get_private (error)->server_message;
}

gboolean
mfm_error_is_refusal (const GError *error)
{
  if (error == NULL || error->domain != MFM_ERROR)
    return FALSE;

  switch ((MfmErrorCode) error->code)
    {
    case MFM_ERROR_BAD_CREDENTIALS:
    case MFM_ERROR_PERMISSION:
    case MFM_ERROR_NOT_FOUND:
    case MFM_ERROR_STANDBY:
      return TRUE;
    case MFM_ERROR_SERVER:
      return is_api_answer (error);
    case MFM_ERROR_NETWORK:
    case MFM_ERROR_TIMEOUT:
    case MFM_ERROR_TLS:
    case MFM_ERROR_SESSION:
    case MFM_ERROR_PROTOCOL:
    case MFM_ERROR_SERVER_FAILURE:
    case MFM_ERROR_CONNECTION_BROKEN:
    default:
      return FALSE;
    }
}

gboolean
mfm_error_is_transient (const GError *error)
{
  if (error == NULL || error->domain != MFM_ERROR)
    return FALSE;

  switch ((MfmErrorCode) error->code)
    {
    case MFM_ERROR_NETWORK:
    case MFM_ERROR_TIMEOUT:
    case MFM_ERROR_SERVER_FAILURE:
    case MFM_ERROR_CONNECTION_BROKEN:
      return TRUE;
    case MFM_ERROR_SERVER:
      return !is_api_answer (error);
    case MFM_ERROR_TLS:
    case MFM_ERROR_BAD_CREDENTIALS:
    case MFM_ERROR_SESSION:
    case MFM_ERROR_PERMISSION:
    case MFM_ERROR_NOT_FOUND:
    case MFM_ERROR_PROTOCOL:
    case MFM_ERROR_STANDBY:
    default:
      return FALSE;
    }
}
