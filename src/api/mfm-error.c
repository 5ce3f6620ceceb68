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
#include <stdlib.h>

#include "mfm-error.h"

G_DEFINE_QUARK (mfm-error-quark, mfm_error)

/* An error Micetro sent carries its code as "[code] message"; an HTTP status without a
 * JSON-RPC answer ("HTTP 502 Bad Gateway") does not. */
static gboolean
is_api_answer (const GError *error)
{
  return error->message != NULL && error->message[0] == '[';
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
  const char *p;
  char *end = NULL;
  long code;

  if (error == NULL || error->domain != MFM_ERROR || error->message == NULL)
    return 0;

  p = error->message;
  if (*p != '[')
    return 0;

  code = strtol (p + 1, &end, 10);
  if (end == p + 1 || *end != ']' || code <= G_MININT || code >= G_MAXINT)
    return 0;

  return (int) code;
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
