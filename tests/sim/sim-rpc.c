/* sim-rpc.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim-rpc"

#include "config.h"

#include <string.h>

#include "mfm-wire.h"
#include "sim-rpc.h"

G_DEFINE_QUARK (sim-rpc-error, sim_rpc_error)

SimRpc *
sim_rpc_new (const char *base_url)
{
  SimRpc *rpc = g_new0 (SimRpc, 1);

  rpc->session = soup_session_new_with_options ("timeout", 30, NULL);
  rpc->url = g_strdup (base_url);
  return rpc;
}

void
sim_rpc_free (SimRpc *rpc)
{
  g_clear_object (&rpc->session);
  g_free (rpc->url);
  g_free (rpc->sid);
  g_free (rpc);
}

static gboolean
accept_any_certificate (SoupMessage          *msg,
                        GTlsCertificate      *certificate,
                        GTlsCertificateFlags  errors,
                        gpointer              user_data)
{
  return TRUE;
}

GBytes *
sim_rpc_post_raw (SimRpc      *rpc,
                  const char  *body,
                  guint       *status,
                  char       **content_type,
                  GError     **error)
{
  g_autofree char *uri = g_strconcat (rpc->url, MFM_WIRE_ENDPOINT, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, uri);
  g_autoptr(GBytes) request = g_bytes_new (body, strlen (body));
  GBytes *response;

  /* The simulator's test certificate is self-signed. */
  g_signal_connect (msg, "accept-certificate", G_CALLBACK (accept_any_certificate), NULL);
  soup_message_set_request_body_from_bytes (msg, "application/json", request);
  response = soup_session_send_and_read (rpc->session, msg, NULL, error);
  if (status != NULL)
    *status = soup_message_get_status (msg);
  if (content_type != NULL)
    *content_type = g_strdup (soup_message_headers_get_content_type (soup_message_get_response_headers (msg), NULL));
  return response;
}

JsonNode *
sim_rpc_call (SimRpc      *rpc,
              const char  *method,
              JsonObject  *params,
              GError     **error)
{
  g_autoptr(JsonObject) request = json_object_new ();
  g_autoptr(JsonNode) request_node = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) response = NULL;
  g_autofree char *body = NULL;
  JsonObject *reply;
  JsonNode *error_node;
  guint status = 0;

  if (params == NULL)
    params = json_object_new ();
  if (rpc->sid != NULL && !json_object_has_member (params, MFM_WIRE_PARAM_SESSION))
    json_object_set_string_member (params, MFM_WIRE_PARAM_SESSION, rpc->sid);

  json_object_set_string_member (request, MFM_WIRE_JSONRPC, MFM_WIRE_JSONRPC_VERSION);
  json_object_set_string_member (request, MFM_WIRE_JSONRPC_METHOD, method);
  json_object_set_object_member (request, MFM_WIRE_JSONRPC_PARAMS, params);
  json_object_set_int_member (request, MFM_WIRE_JSONRPC_ID, 1);
  request_node = json_node_init_object (json_node_alloc (), request);
  body = json_to_string (request_node, FALSE);

  response = sim_rpc_post_raw (rpc, body, &status, NULL, error);
  if (response == NULL)
    return NULL;
  if (status != SOUP_STATUS_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "HTTP status %u", status);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (response, NULL),
                                   g_bytes_get_size (response), error))
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The reply is not an object");
      return NULL;
    }

  reply = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (reply, MFM_WIRE_JSONRPC), ==, MFM_WIRE_JSONRPC_VERSION);
  error_node = json_object_get_member (reply, MFM_WIRE_JSONRPC_ERROR);
  if (error_node != NULL)
    {
      JsonObject *error_object = json_node_get_object (error_node);

      g_set_error (error, SIM_RPC_ERROR,
                   (int) json_object_get_int_member (error_object, MFM_WIRE_JSONRPC_CODE), "%s",
                   json_object_get_string_member (error_object, MFM_WIRE_JSONRPC_MESSAGE));
      return NULL;
    }
  g_assert_true (json_object_has_member (reply, MFM_WIRE_JSONRPC_RESULT));

  return json_node_copy (json_object_get_member (reply, MFM_WIRE_JSONRPC_RESULT));
}

gboolean
sim_rpc_login (SimRpc      *rpc,
               const char  *user,
               const char  *password,
               GError     **error)
{
  JsonObject *params = json_object_new ();
  g_autoptr(JsonNode) result = NULL;

  json_object_set_string_member (params, MFM_WIRE_PARAM_LOGIN_NAME, user);
  json_object_set_string_member (params, MFM_WIRE_PARAM_PASSWORD, password);
  json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER, "127.0.0.1");
  g_clear_pointer (&rpc->sid, g_free);
  result = sim_rpc_call (rpc, MFM_WIRE_LOGIN, params, error);
  if (result == NULL)
    return FALSE;
  rpc->sid = g_strdup (json_object_get_string_member (json_node_get_object (result),
                                                      MFM_WIRE_RESULT_SESSION));
  return rpc->sid != NULL;
}
