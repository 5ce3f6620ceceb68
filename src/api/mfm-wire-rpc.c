/* mfm-wire-rpc.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-wire-rpc"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfm-error.h"
#include "mfm-json-reader.h"
#include "mfm-wire.h"
#include "mfm-wire-private.h"

/* The JSON-RPC 2.0 envelope (requests, results, errors, list results) and the limits that keep
 * a broken or hostile answer from reaching json-glib or filling memory. */

/* Deeper documents than this are refused before json-glib sees them: its parser recurses. */
#define MAX_NESTING_DEPTH MFM_JSON_READER_MAX_DEPTH

/* ---------------------------------------------------------------------------------------- */
/* Errors and length limits                                                                  */

void
mfm_wire_set_protocol_error (GError     **error,
                             const char  *format,
                             ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, MFM_ERROR, MFM_ERROR_PROTOCOL, message);
}

/* Names, references, addresses, states and types are short (a DNS name is at most 253
 * characters); free text such as a description may be longer. A server that sends more is
 * broken or hostile: a megabyte of name would blank table cells and fill memory. */
#define MFM_WIRE_MAX_SHORT_TEXT 255
#define MAX_LONG_TEXT  4096
/* Micetro's own error messages may quote what they refuse. */
#define MAX_MESSAGE    16384

static const char * const short_text_members[] = {
  MFM_WIRE_KEY_REF, MFM_WIRE_KEY_NAME, MFM_WIRE_KEY_ADDRESS, MFM_WIRE_KEY_TYPE, MFM_WIRE_KEY_STATE,
  MFM_WIRE_KEY_SCOPE_SERVER_REF, MFM_WIRE_KEY_PRIMARY_SERVER, MFM_WIRE_KEY_SECONDARY_SERVER,
  MFM_WIRE_KEY_PRIMARY_SERVER_REF, MFM_WIRE_KEY_SECONDARY_SERVER_REF, MFM_WIRE_KEY_FAILOVER_MODE,
  MFM_WIRE_KEY_SCOPE_REFS,
};

static glong
max_text_length (const char *member)
{
  if (g_strcmp0 (member, MFM_WIRE_JSONRPC_MESSAGE) == 0)
    return MAX_MESSAGE;

  for (guint i = 0; i < G_N_ELEMENTS (short_text_members); i++)
    if (g_strcmp0 (member, short_text_members[i]) == 0)
      return MFM_WIRE_MAX_SHORT_TEXT;

  return MAX_LONG_TEXT;
}

/* Refuses a text longer than its member allows, saying how long it is. */
gboolean
mfm_wire_check_text_length (const char  *member,
                            const char  *text,
                            GError     **error)
{
  gsize n_bytes = strlen (text);
  glong limit;
  glong length;

  /* Counting bytes first keeps the common case cheap: a character takes at least one, and
   * no member allows fewer than a short text. */
  if (n_bytes <= MFM_WIRE_MAX_SHORT_TEXT)
    return TRUE;
  limit = max_text_length (member);
  if (n_bytes <= (gsize) limit)
    return TRUE;

  length = g_utf8_strlen (text, -1);
  if (length <= limit)
    return TRUE;

  /* Translators: the member's name, its length, the longest accepted */
  mfm_wire_set_protocol_error (error, _("The member “%s” is %ld characters long; at most %ld "
                                        "are accepted."),
                               member, length, limit);
  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* The JSON-RPC envelope                                                                     */

static char *
generate (JsonObject *root,
          gsize      *length)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), root);
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, length);
}

char *
mfm_wire_build_request (const char *method,
                        JsonObject *params,
                        const char *session,
                        gint64      id,
                        gsize      *length)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *copy = json_object_new ();

  g_return_val_if_fail (method != NULL, NULL);

  if (params != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, params);
      while (json_object_iter_next (&iter, &name, &value))
        {
          if (g_strcmp0 (name, MFM_WIRE_PARAM_SESSION) != 0)
            json_object_set_member (copy, name, json_node_copy (value));
        }
    }
  if (session != NULL)
    json_object_set_string_member (copy, MFM_WIRE_PARAM_SESSION, session);

  json_object_set_string_member (root, MFM_WIRE_JSONRPC, MFM_WIRE_JSONRPC_VERSION);
  json_object_set_string_member (root, MFM_WIRE_JSONRPC_METHOD, method);
  json_object_set_object_member (root, MFM_WIRE_JSONRPC_PARAMS, copy);
  json_object_set_int_member (root, MFM_WIRE_JSONRPC_ID, id);

  return generate (root, length);
}

/* json-glib wraps whole numbers outside 64 bits silently (18446744073709551616 becomes -1), so
 * they are refused while their text is still at hand. Returns the end of the number at @start,
 * or 0 after setting @error; @member is the last text before it (its member name when it is a
 * member's value). */
static gsize
check_number (const char  *body,
              gsize        length,
              gsize        start,
              const char  *member,
              gsize        member_length,
              GError     **error)
{
  static const char max_positive[] = "9223372036854775807";
  static const char max_negative[] = "9223372036854775808";
  gboolean negative = body[start] == '-';
  gsize digits = start + (negative ? 1 : 0), end = digits, significant;
  const char *limit = negative ? max_negative : max_positive;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  while (end < length && g_ascii_isdigit (body[end]))
    end++;
  /* Fractions and exponents are floating point: json-glib reads those as they are. Their
   * digits are skipped too, as they are no whole number of their own. */
  if (end < length && (body[end] == '.' || body[end] == 'e' || body[end] == 'E'))
    {
      while (end < length && (g_ascii_isdigit (body[end]) || body[end] == '.' ||
                              body[end] == 'e' || body[end] == 'E' || body[end] == '+' ||
                              body[end] == '-'))
        end++;
      return end;
    }

  while (digits < end - 1 && body[digits] == '0')
    digits++;
  significant = end - digits;
  if (significant < strlen (limit) ||
      (significant == strlen (limit) && strncmp (body + digits, limit, significant) <= 0))
    return end;

  /* Enough of the number to be recognised in the API log. */
  text = g_strndup (body + start, MIN (end - start, 64));
  if (member != NULL && member_length <= MFM_WIRE_MAX_SHORT_TEXT &&
      g_utf8_validate_len (member, member_length, NULL))
    {
      name = g_strndup (member, member_length);
      mfm_wire_set_protocol_error (error, _("The member “%s” is out of range (%s)."), name, text);
    }
  else
    mfm_wire_set_protocol_error (error, _("A number in the answer is out of range (%s)."), text);
  return 0;
}

/* Refuses what json-glib must not see: invalid UTF-8, NUL bytes, whole numbers it would wrap,
 * and nesting so deep that its recursive parser could exhaust the stack. */
static gboolean
check_text (const char  *body,
            gsize        length,
            GError     **error)
{
  guint depth = 0;
  gboolean in_string = FALSE;
  gsize string_start = 0, member = 0, member_length = 0;
  gboolean after_colon = FALSE;

  if (length > G_MAXSSIZE || !g_utf8_validate_len (body, length, NULL))
    {
      mfm_wire_set_protocol_error (error, _("The answer is not valid UTF-8 text."));
      return FALSE;
    }

  for (gsize i = 0; i < length; i++)
    {
      char c = body[i];
      gboolean was_after_colon = after_colon;

      /* A number right after "name": is that member's value. */
      if (!in_string && !g_ascii_isspace (c))
        after_colon = c == ':';

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            {
              in_string = FALSE;
              member = string_start;
              member_length = i - string_start;
            }
        }
      else if (c == '"')
        {
          in_string = TRUE;
          string_start = i + 1;
        }
      else if (c == '-' || g_ascii_isdigit (c))
        {
          gsize end = check_number (body, length, i, was_after_colon ? body + member : NULL,
                                    member_length, error);

          if (end == 0)
            return FALSE;
          i = end - 1;
        }
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_NESTING_DEPTH)
            {
              mfm_wire_set_protocol_error (error, _("The answer is nested too deeply."));
              return FALSE;
            }
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return TRUE;
}

static JsonNode *
parse_json (const char  *body,
            gsize        length,
            gboolean     one_pass,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (body == NULL || length == 0)
    {
      mfm_wire_set_protocol_error (error, _("The answer is empty."));
      return NULL;
    }

  /* The one-pass reader builds json-glib's tree for strict JSON; anything it refuses is left
   * to the checks and json-glib below, which say what is wrong. */
  if (one_pass && (root = mfm_json_reader_parse (body, length)) != NULL)
    return root;

  if (!check_text (body, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body, (gssize) length, &local_error))
    {
      mfm_wire_set_protocol_error (error, _("The answer is not JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      mfm_wire_set_protocol_error (error, _("The answer is empty."));
      return NULL;
    }

  return json_node_ref (root);
}

static gboolean
names_session (const char *message)
{
  g_autofree char *folded = NULL;

  if (message == NULL)
    return FALSE;

  folded = g_ascii_strdown (message, -1);
  return strstr (folded, "session") != NULL;
}

static void
set_api_error (GError     **error,
               gint64       code,
               const char  *message,
               guint        http_status)
{
  MfmErrorCode mapped;

  switch (code)
    {
    case MFM_WIRE_CODE_BAD_CREDENTIALS:
      mapped = MFM_ERROR_BAD_CREDENTIALS;
      break;
    case MFM_WIRE_CODE_ACCESS_DENIED:
      mapped = MFM_ERROR_PERMISSION;
      break;
    case MFM_WIRE_CODE_NOT_FOUND:
    case MFM_WIRE_CODE_RESOURCE_NOT_FOUND:
      mapped = MFM_ERROR_NOT_FOUND;
      break;
    case MFM_WIRE_CODE_REQUESTS_DISABLED:
      mapped = MFM_ERROR_STANDBY;
      break;
    case MFM_WIRE_CODE_MISSING_SESSION:
    case MFM_WIRE_CODE_INVALID_SESSION:
      mapped = MFM_ERROR_SESSION;
      break;
    case MFM_WIRE_CODE_INTERNAL_ERROR:
      mapped = MFM_ERROR_SERVER_FAILURE;
      break;
    default:
      mapped = names_session (message) ? MFM_ERROR_SESSION : MFM_ERROR_SERVER;
      break;
    }

  /* Micetro's error with HTTP 5xx: it failed while handling the call, it did not say no. */
  if (mapped == MFM_ERROR_SERVER && http_status >= 500 && http_status < 600)
    mapped = MFM_ERROR_SERVER_FAILURE;

  g_propagate_error (error, mfm_error_new_api (mapped, code, message));
}

static void
set_http_error (GError **error,
                guint    http_status)
{
  const char *phrase = soup_status_get_phrase (http_status);
  MfmErrorCode code = MFM_ERROR_SERVER;

  if (phrase == NULL)
    phrase = "";

  if (http_status == 401)
    code = MFM_ERROR_SESSION;
  else if (http_status == 403)
    code = MFM_ERROR_PERMISSION;

  /* The usual sign of a wrong address: a web server, but no Micetro web service behind it. */
  if (http_status == 404)
    g_set_error (error, MFM_ERROR, code,
                 _("HTTP %u %s: there is no Micetro web service at this address."),
                 http_status, phrase);
  else
    g_set_error (error, MFM_ERROR, code, _("HTTP %u %s"), http_status, phrase);
}

static JsonNode *
parse_response (const char  *body,
                gsize        length,
                guint        http_status,
                gboolean     one_pass,
                GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  gboolean http_ok = http_status == 0 || (http_status >= 200 && http_status < 300);
  JsonObject *object;
  JsonNode *error_node, *result;

  root = parse_json (body, length, one_pass, &parse_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (!http_ok)
        set_http_error (error, http_status);
      else if (parse_error != NULL)
        g_propagate_error (error, g_steal_pointer (&parse_error));
      else
        mfm_wire_set_protocol_error (error, _("The answer is not a JSON-RPC response."));
      return NULL;
    }

  object = json_node_get_object (root);
  error_node = mfm_wire_get_member (object, MFM_WIRE_JSONRPC_ERROR);
  if (error_node != NULL)
    {
      JsonObject *error_object;
      const char *message;
      JsonNode *code_node;

      if (!JSON_NODE_HOLDS_OBJECT (error_node))
        {
          if (!http_ok)
            set_http_error (error, http_status);
          else
            mfm_wire_set_protocol_error (error, _("The member “%s” is not a JSON object."),
                                         MFM_WIRE_JSONRPC_ERROR);
          return NULL;
        }

      error_object = json_node_get_object (error_node);
      if (!mfm_wire_read_string (error_object, MFM_WIRE_JSONRPC_MESSAGE, FALSE, &message, error))
        return NULL;

      /* The code may be any integer, negative ones included (JSON-RPC's own -32xxx). */
      code_node = mfm_wire_get_member (error_object, MFM_WIRE_JSONRPC_CODE);
      if (code_node != NULL &&
          (!JSON_NODE_HOLDS_VALUE (code_node) ||
           json_node_get_value_type (code_node) != G_TYPE_INT64))
        {
          mfm_wire_set_protocol_error (error, _("The member “%s” is not a whole number."),
                                       MFM_WIRE_JSONRPC_CODE);
          return NULL;
        }

      set_api_error (error, code_node != NULL ? json_node_get_int (code_node) : 0, message,
                     http_status);
      return NULL;
    }

  if (!http_ok)
    {
      set_http_error (error, http_status);
      return NULL;
    }

  result = json_object_get_member (object, MFM_WIRE_JSONRPC_RESULT);
  if (result == NULL)
    {
      mfm_wire_set_protocol_error (error, _("The answer has neither a result nor an error."));
      return NULL;
    }

  return json_node_copy (result);
}

JsonNode *
mfm_wire_parse_response (const char  *body,
                         gsize        length,
                         guint        http_status,
                         GError     **error)
{
  return parse_response (body, length, http_status, TRUE, error);
}

JsonNode *
mfm_wire_parse_response_json_glib (const char  *body,
                                   gsize        length,
                                   guint        http_status,
                                   GError     **error)
{
  return parse_response (body, length, http_status, FALSE, error);
}

gboolean
mfm_wire_parse_request (const char  *body,
                        gsize        length,
                        char       **method,
                        JsonObject **params,
                        JsonNode   **id,
                        GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;
  const char *method_name;
  JsonNode *params_node, *id_node;

  root = parse_json (body, length, TRUE, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      mfm_wire_set_protocol_error (error, _("The request is not a JSON object."));
      return FALSE;
    }

  object = json_node_get_object (root);
  if (!mfm_wire_read_string (object, MFM_WIRE_JSONRPC_METHOD, TRUE, &method_name, error))
    return FALSE;

  params_node = mfm_wire_get_member (object, MFM_WIRE_JSONRPC_PARAMS);
  if (params_node != NULL && !JSON_NODE_HOLDS_OBJECT (params_node))
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is not a JSON object."),
                                   MFM_WIRE_JSONRPC_PARAMS);
      return FALSE;
    }

  if (method != NULL)
    *method = g_strdup (method_name);
  if (params != NULL)
    *params = params_node != NULL ? json_object_ref (json_node_get_object (params_node))
                                   : json_object_new ();
  id_node = json_object_get_member (object, MFM_WIRE_JSONRPC_ID);
  if (id != NULL)
    *id = id_node != NULL ? json_node_copy (id_node) : NULL;

  return TRUE;
}

static void
set_id (JsonObject *root,
        JsonNode   *id)
{
  if (id != NULL)
    json_object_set_member (root, MFM_WIRE_JSONRPC_ID, json_node_copy (id));
  else
    json_object_set_null_member (root, MFM_WIRE_JSONRPC_ID);
}

char *
mfm_wire_build_result (JsonNode *id,
                       JsonNode *result,
                       gsize    *length)
{
  g_autoptr(JsonObject) root = json_object_new ();

  json_object_set_string_member (root, MFM_WIRE_JSONRPC, MFM_WIRE_JSONRPC_VERSION);
  if (result != NULL)
    json_object_set_member (root, MFM_WIRE_JSONRPC_RESULT, json_node_copy (result));
  else
    json_object_set_string_member (root, MFM_WIRE_JSONRPC_RESULT, "");
  set_id (root, id);

  return generate (root, length);
}

char *
mfm_wire_build_error (JsonNode   *id,
                      int         code,
                      const char *message,
                      gsize      *length)
{
  g_autoptr(JsonObject) root = json_object_new ();
  JsonObject *error_object = json_object_new ();

  json_object_set_int_member (error_object, MFM_WIRE_JSONRPC_CODE, code);
  json_object_set_string_member (error_object, MFM_WIRE_JSONRPC_MESSAGE,
                                 message != NULL ? message : "");

  json_object_set_string_member (root, MFM_WIRE_JSONRPC, MFM_WIRE_JSONRPC_VERSION);
  json_object_set_object_member (root, MFM_WIRE_JSONRPC_ERROR, error_object);
  set_id (root, id);

  return generate (root, length);
}

/* ---------------------------------------------------------------------------------------- */
/* Results                                                                                   */

JsonNode *
mfm_wire_list_result (const char *member,
                      JsonArray  *items,
                      gint64      total_results)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  g_return_val_if_fail (member != NULL, NULL);

  if (items != NULL)
    json_object_set_array_member (object, member, json_array_ref (items));
  else
    json_object_set_array_member (object, member, json_array_new ());

  if (total_results >= 0)
    json_object_set_int_member (object, MFM_WIRE_RESULT_TOTAL, total_results);

  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

JsonNode *
mfm_wire_session_result (const char *session)
{
  JsonObject *object = json_object_new ();
  JsonNode *node;

  json_object_set_string_member (object, MFM_WIRE_RESULT_SESSION, session);
  node = json_node_init_object (json_node_alloc (), object);
  json_object_unref (object);
  return node;
}

char *
mfm_wire_session_from_result (JsonNode  *result,
                              GError   **error)
{
  JsonObject *object;
  const char *session;

  /* Some Micetro versions answer Login with the bare session string. */
  if (result != NULL && JSON_NODE_HOLDS_VALUE (result) &&
      json_node_get_value_type (result) == G_TYPE_STRING &&
      json_node_get_string (result)[0] != '\0')
    {
      if (!mfm_wire_check_text_length (MFM_WIRE_RESULT_SESSION, json_node_get_string (result),
                                       error))
        return NULL;
      return g_strdup (json_node_get_string (result));
    }

  if (!(object = mfm_wire_expect_object (result, N_("login result"), error)))
    return NULL;

  if (!mfm_wire_read_string (object, MFM_WIRE_RESULT_SESSION, TRUE, &session, error))
    return NULL;

  if (session[0] == '\0')
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is empty."), MFM_WIRE_RESULT_SESSION);
      return NULL;
    }

  return g_strdup (session);
}

static JsonArray *
get_list (JsonNode    *result,
          const char  *member,
          guint       *total_results,
          GError     **error)
{
  JsonObject *object;
  JsonNode *list;
  guint total;
  gboolean has_total;

  if (!(object = mfm_wire_expect_object (result, N_("result"), error)))
    return NULL;

  list = mfm_wire_get_member (object, member);
  if (list == NULL)
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is missing."), member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is not a list."), member);
      return NULL;
    }

  if (!mfm_wire_read_uint (object, MFM_WIRE_RESULT_TOTAL, &total, &has_total, error))
    return NULL;

  if (total_results != NULL)
    *total_results = has_total ? total : G_MAXUINT;

  return json_node_get_array (list);
}

typedef gpointer (*ItemParser) (JsonNode *node, GError **error);

static GPtrArray *
parse_list (JsonNode    *result,
            const char  *member,
            ItemParser   parse_item,
            guint       *total_results,
            GError     **error)
{
  JsonArray *array;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  if (!(array = get_list (result, member, total_results, error)))
    return NULL;

  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      gpointer item = parse_item (json_array_get_element (array, i), error);

      if (item == NULL)
        {
          /* Says where, so the answer can be found in the API log. */
          g_prefix_error (error, _("Item %u of “%s”: "), i + 1, member);
          return NULL;
        }
      g_ptr_array_add (items, item);
    }

  return g_steal_pointer (&items);
}

GPtrArray *
mfm_wire_servers_from_result (JsonNode  *result,
                              guint     *total_results,
                              GError   **error)
{
  return parse_list (result, MFM_WIRE_RESULT_SERVERS, (ItemParser) mfm_wire_server_from_json,
                     total_results, error);
}

GPtrArray *
mfm_wire_scopes_from_result (JsonNode  *result,
                             guint     *total_results,
                             GError   **error)
{
  return parse_list (result, MFM_WIRE_RESULT_SCOPES, (ItemParser) mfm_wire_scope_from_json,
                     total_results, error);
}

GPtrArray *
mfm_wire_relationships_from_result_observed (JsonNode       *result,
                                             MfmWireMember  *seen,
                                             guint          *safe_period,
                                             GError        **error)
{
  JsonArray *array;
  g_autoptr(GPtrArray) items = NULL;
  guint n;

  if (!(array = get_list (result, MFM_WIRE_RESULT_RELATIONSHIPS, NULL, error)))
    return NULL;

  n = json_array_get_length (array);
  items = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    {
      MfmRelationship *relationship;

      relationship = mfm_wire_relationship_from_json_observed (json_array_get_element (array, i),
                                                               seen, safe_period, error);
      if (relationship == NULL)
        return NULL;
      g_ptr_array_add (items, relationship);
    }

  return g_steal_pointer (&items);
}

GPtrArray *
mfm_wire_relationships_from_result (JsonNode  *result,
                                    GError   **error)
{
  return parse_list (result, MFM_WIRE_RESULT_RELATIONSHIPS,
                     (ItemParser) mfm_wire_relationship_from_json, NULL, error);
}

gboolean
mfm_wire_count_list_result (JsonNode    *result,
                            const char  *member,
                            guint       *n_items,
                            guint       *total_results,
                            GError     **error)
{
  JsonArray *array;

  if (!(array = get_list (result, member, total_results, error)))
    return FALSE;

  if (n_items != NULL)
    *n_items = json_array_get_length (array);
  return TRUE;
}

/* ---------------------------------------------------------------------------------------- */
/* Secrets                                                                                   */

static const char * const secret_members[] = {
  MFM_WIRE_PARAM_PASSWORD, MFM_WIRE_PARAM_SESSION, MFM_WIRE_RESULT_SESSION,
};

gboolean
mfm_wire_is_secret_member (const char *name,
                           gssize      length)
{
  gsize n;

  if (name == NULL)
    return FALSE;

  n = length < 0 ? strlen (name) : (gsize) length;
  for (guint i = 0; i < G_N_ELEMENTS (secret_members); i++)
    if (n == strlen (secret_members[i]) && g_ascii_strncasecmp (name, secret_members[i], n) == 0)
      return TRUE;

  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* Text                                                                                      */

char *
mfm_wire_to_string (JsonNode *node,
                    gboolean  pretty)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  if (node == NULL)
    return g_strdup ("null");

  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, node);
  return json_generator_to_data (generator, NULL);
}
