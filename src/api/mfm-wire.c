/* mfm-wire.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-wire"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfm-error.h"
#include "mfm-wire.h"

/* Every Micetro member name lives in this file (DESIGN §2): when a real installation disagrees
 * with an inferred name, this is the one place to change. */

/* DHCPServer */
#define W_REF                      "ref"
#define W_NAME                     "name"
#define W_HAS_ACCESS               "hasAccess"
#define W_OBJ_TYPE                 "objType"
#define W_ADDRESS                  "address"
#define W_TYPE                     "type"
#define W_STATE                    "state"
#define W_ENABLED                  "enabled"

/* DHCPScope (vendor WSDL, API 9.x types). Its network is the name of its Range (rangeRef →
 * GetRange); a later schema is reported to carry it as "range" on the scope. Its name is free
 * text, never a network. */
#define W_SCOPE_SERVER_REF         "dhcpServerRef"
#define W_SCOPE_RANGE_REF          "rangeRef"
#define W_SCOPE_RANGE              "range"
#define W_DESCRIPTION              "description"

/* Range (GetRange's result) */
#define W_RANGE_FROM               "from"
#define W_RANGE_TO                 "to"

/* DHCPAddressPool (vendor WSDL, API 9.x types, and a client that matches live pools on them) */
#define W_POOL_FROM                "from"
#define W_POOL_TO                  "to"
#define W_POOL_SCOPE_REF           "dhcpScopeRef"
#define W_POOL_FAILOVER_PEER       "failoverPeer"
#define W_POOL_FAILOVER_RELATIONSHIP "failoverRelationship"

/* DHCPFailoverRelationship */
#define W_PRIMARY_SERVER           "primaryServer"
#define W_SECONDARY_SERVER         "secondaryServer"
#define W_PRIMARY_SERVER_REF       "primaryServerRef"
#define W_SECONDARY_SERVER_REF     "secondaryServerRef"
#define W_FAILOVER_MODE            "failoverMode"
#define W_PERCENTAGE               "percentage"
#define W_MCLT                     "mclt"
#define W_PORT                     "port"
/* No source names the partner port's member: both candidates are read, and writes use the one
 * the server's own relationships carry (MfmDialect), "peerPort" until it has shown one. */
#define W_PEER_PORT                "peerPort"
#define W_PARTNER_PORT             "partnerPort"
/* Documented only as the command parameters LoadBalanceMaxSeconds, MaxResponseDelay and
 * MaxUnackedUpdates; lower camel case as every other documented parameter maps [INF]. */
#define W_LOAD_BALANCE_MAX_SECONDS "loadBalanceMaxSeconds"
#define W_MAX_RESPONSE_DELAY       "maxResponseDelay"
#define W_MAX_UNACKED_UPDATES      "maxUnackedUpdates"
#define W_SCOPE_REFS               "dhcpScopeRefs"
/* Required on the object in the 2017 WSDL; sent on Add only where the server's relationships
 * carry them. */
#define W_FAILOVER_SERVER_TYPE     "failoverServerType"
#define W_SAFE_PERIOD              "safePeriod"
#define W_FAILOVER_SERVER_TYPE_PRIMARY "PrimaryServer"

/* The filter grammar other clients use: field=value clauses. */
#define W_FILTER_EQUALS            "="

/* Deeper documents than this are refused before json-glib sees them: its parser recurses. */
#define MAX_NESTING_DEPTH 256

/* ---------------------------------------------------------------------------------------- */
/* Reading members tolerantly                                                                */

static void
set_protocol_error (GError     **error,
                    const char  *format,
                    ...) G_GNUC_PRINTF (2, 3);

static void
set_protocol_error (GError     **error,
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
#define MAX_SHORT_TEXT 255
#define MAX_LONG_TEXT  4096
/* Micetro's own error messages may quote what they refuse. */
#define MAX_MESSAGE    16384

static const char * const short_text_members[] = {
  W_REF, W_NAME, W_ADDRESS, W_TYPE, W_STATE, W_SCOPE_SERVER_REF, W_PRIMARY_SERVER,
  W_SECONDARY_SERVER, W_PRIMARY_SERVER_REF, W_SECONDARY_SERVER_REF, W_FAILOVER_MODE,
  W_SCOPE_REFS,
};

static glong
max_text_length (const char *member)
{
  if (g_strcmp0 (member, MFM_WIRE_JSONRPC_MESSAGE) == 0)
    return MAX_MESSAGE;

  for (guint i = 0; i < G_N_ELEMENTS (short_text_members); i++)
    if (g_strcmp0 (member, short_text_members[i]) == 0)
      return MAX_SHORT_TEXT;

  return MAX_LONG_TEXT;
}

/* Refuses a text longer than its member allows, saying how long it is. */
static gboolean
check_text_length (const char  *member,
                   const char  *text,
                   GError     **error)
{
  glong limit = max_text_length (member);
  glong length;

  /* Counting bytes first keeps the common case cheap: a character takes at least one. */
  if (strlen (text) <= (gsize) limit)
    return TRUE;

  length = g_utf8_strlen (text, -1);
  if (length <= limit)
    return TRUE;

  set_protocol_error (error,
                      /* Translators: the member's name, its length, the longest accepted */
                      _("The member “%s” is %ld characters long; at most %ld are accepted."),
                      member, length, limit);
  return FALSE;
}

/* NULL when missing or JSON null: both mean "unknown". */
static JsonNode *
get_member (JsonObject *object,
            const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

static gboolean
read_string (JsonObject  *object,
             const char  *name,
             gboolean     required,
             const char **value,
             GError     **error)
{
  JsonNode *node = get_member (object, name);

  *value = NULL;

  if (node == NULL)
    {
      if (required)
        {
          set_protocol_error (error, _("The member “%s” is missing."), name);
          return FALSE;
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      set_protocol_error (error, _("The member “%s” is not a text."), name);
      return FALSE;
    }

  if (!check_text_length (name, json_node_get_string (node), error))
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

/* Numbers must be JSON integers from 0 to 4294967295; anything else is a protocol error. */
static gboolean
read_uint (JsonObject  *object,
           const char  *name,
           guint       *value,
           gboolean    *present,
           GError     **error)
{
  JsonNode *node = get_member (object, name);
  gint64 number;

  *value = 0;
  if (present != NULL)
    *present = FALSE;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      set_protocol_error (error, _("The member “%s” is not a whole number."), name);
      return FALSE;
    }

  number = json_node_get_int (node);
  if (number < 0 || number > G_MAXUINT32)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      set_protocol_error (error, _("The member “%s” is out of range (%s)."), name, text);
      return FALSE;
    }

  *value = (guint) number;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
read_boolean (JsonObject  *object,
              const char  *name,
              gboolean    *value,
              gboolean    *present,
              GError     **error)
{
  JsonNode *node = get_member (object, name);

  *present = FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      set_protocol_error (error, _("The member “%s” is not true or false."), name);
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  *present = TRUE;
  return TRUE;
}

/* A NULL-terminated array of borrowed strings (free the container only), NULL when missing. */
static gboolean
read_string_array (JsonObject   *object,
                   const char   *name,
                   const char ***value,
                   GError      **error)
{
  JsonNode *node = get_member (object, name);
  JsonArray *array;
  guint n;
  g_autofree const char **strings = NULL;

  *value = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      set_protocol_error (error, _("The member “%s” is not a list."), name);
      return FALSE;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  strings = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          set_protocol_error (error, _("An element of “%s” is not a text."), name);
          return FALSE;
        }
      if (!check_text_length (name, json_node_get_string (element), error))
        return FALSE;
      strings[i] = json_node_get_string (element);
    }

  *value = g_steal_pointer (&strings);
  return TRUE;
}

static JsonObject *
expect_object (JsonNode    *node,
               const char  *what,
               GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_protocol_error (error, _("The %s is not a JSON object."), what);
      return NULL;
    }

  return json_node_get_object (node);
}

static void
add_string_if_set (JsonBuilder *builder,
                   const char  *name,
                   const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
add_uint (JsonBuilder *builder,
          const char  *name,
          guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

/* ---------------------------------------------------------------------------------------- */
/* Servers                                                                                   */

JsonNode *
mfm_wire_server_to_json (MfmServer *server)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (MFM_IS_SERVER (server), NULL);

  json_builder_begin_object (builder);
  add_string_if_set (builder, W_REF, mfm_server_get_ref (server));
  add_string_if_set (builder, W_NAME, mfm_server_get_name (server));
  add_string_if_set (builder, W_ADDRESS, mfm_server_get_address (server));
  add_string_if_set (builder, W_TYPE, mfm_server_get_server_type (server));
  add_string_if_set (builder, W_STATE, mfm_server_get_state (server));
  json_builder_set_member_name (builder, W_ENABLED);
  json_builder_add_boolean_value (builder, mfm_server_get_enabled (server));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

MfmServer *
mfm_wire_server_from_json (JsonNode  *node,
                           GError   **error)
{
  JsonObject *object;
  const char *ref, *name, *address, *type, *state;
  gboolean enabled = TRUE, has_enabled;
  MfmServer *server;

  if (!(object = expect_object (node, _("server"), error)))
    return NULL;

  if (!read_string (object, W_REF, TRUE, &ref, error) ||
      !read_string (object, W_NAME, FALSE, &name, error) ||
      !read_string (object, W_ADDRESS, FALSE, &address, error) ||
      !read_string (object, W_TYPE, FALSE, &type, error) ||
      !read_string (object, W_STATE, FALSE, &state, error) ||
      !read_boolean (object, W_ENABLED, &enabled, &has_enabled, error))
    return NULL;

  server = mfm_server_new (ref, name, address, type, state);
  if (has_enabled)
    mfm_server_set_enabled (server, enabled);

  return server;
}

/* ---------------------------------------------------------------------------------------- */
/* Scopes and pools                                                                          */

/* "10.1.20.0/24". Checked by hand first: g_inet_address_mask_new_from_string() warns about a
 * prefix length out of range instead of failing quietly (found by fuzzing). */
gboolean
mfm_wire_is_cidr (const char *text)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autoptr(GInetAddressMask) mask = NULL;
  g_autofree char *host = NULL;
  const char *slash, *p;
  guint length = 0;

  if (text == NULL || (slash = strchr (text, '/')) == NULL || slash[1] == '\0')
    return FALSE;

  for (p = slash + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p) || p - slash > 3)
        return FALSE;
      length = length * 10 + (guint) (*p - '0');
    }

  host = g_strndup (text, slash - text);
  address = g_inet_address_new_from_string (host);
  if (address == NULL ||
      length > (g_inet_address_get_family (address) == G_SOCKET_FAMILY_IPV4 ? 32u : 128u))
    return FALSE;

  mask = g_inet_address_mask_new (address, length, NULL);
  return mask != NULL;
}

static void
add_pools (JsonBuilder *builder,
           MfmScope    *scope)
{
  GPtrArray *pools = mfm_scope_get_pools (scope);

  json_builder_begin_array (builder);
  for (guint i = 0; pools != NULL && i < pools->len; i++)
    {
      MfmAddressPool *pool = g_ptr_array_index (pools, i);

      json_builder_begin_object (builder);
      add_string_if_set (builder, W_POOL_SCOPE_REF, mfm_scope_get_ref (scope));
      add_string_if_set (builder, W_POOL_FROM, pool->start);
      add_string_if_set (builder, W_POOL_TO, pool->end);
      add_string_if_set (builder, W_POOL_FAILOVER_PEER, pool->failover_peer);
      add_string_if_set (builder, W_POOL_FAILOVER_RELATIONSHIP, pool->failover_peer);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static JsonNode *
scope_to_json (MfmScope *scope,
               gboolean  with_range)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_string_if_set (builder, W_REF, mfm_scope_get_ref (scope));
  add_string_if_set (builder, W_NAME, mfm_scope_get_name (scope));
  add_string_if_set (builder, W_SCOPE_SERVER_REF, mfm_scope_get_server_ref (scope));
  add_string_if_set (builder, W_SCOPE_RANGE_REF, mfm_scope_get_range_ref (scope));
  if (with_range)
    add_string_if_set (builder, W_SCOPE_RANGE, mfm_scope_get_subnet (scope));
  add_string_if_set (builder, W_DESCRIPTION, mfm_scope_get_description (scope));
  json_builder_set_member_name (builder, W_ENABLED);
  json_builder_add_boolean_value (builder, mfm_scope_get_enabled (scope));
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

JsonNode *
mfm_wire_scope_to_json (MfmScope *scope)
{
  g_return_val_if_fail (MFM_IS_SCOPE (scope), NULL);

  return scope_to_json (scope, TRUE);
}

JsonNode *
mfm_wire_scope_to_json_dialect (MfmScope             *scope,
                                const MfmWireDialect *dialect)
{
  g_return_val_if_fail (MFM_IS_SCOPE (scope), NULL);

  if (dialect == NULL)
    dialect = &mfm_wire_dialect_default;

  return scope_to_json (scope, (dialect->members & MFM_WIRE_MEMBER_SCOPE_RANGE) != 0);
}

char *
mfm_wire_scope_filter_for_server (const char *server_ref)
{
  g_return_val_if_fail (server_ref != NULL, NULL);

  /* A value with blanks is quoted, as other clients quote names. */
  if (strpbrk (server_ref, " \t\"") != NULL)
    {
      g_autoptr(GString) quoted = g_string_new ("\"");

      for (const char *p = server_ref; *p != '\0'; p++)
        if (*p != '"')
          g_string_append_c (quoted, *p);
      g_string_append_c (quoted, '"');
      return g_strconcat (W_SCOPE_SERVER_REF, W_FILTER_EQUALS, quoted->str, NULL);
    }

  return g_strconcat (W_SCOPE_SERVER_REF, W_FILTER_EQUALS, server_ref, NULL);
}

JsonNode *
mfm_wire_range_result (const char *ref,
                       const char *name,
                       const char *from,
                       const char *to)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_RESULT_RANGE);
  json_builder_begin_object (builder);
  add_string_if_set (builder, W_REF, ref);
  add_string_if_set (builder, W_NAME, name);
  add_string_if_set (builder, W_RANGE_FROM, from);
  add_string_if_set (builder, W_RANGE_TO, to);
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
mfm_wire_network_from_range_result (JsonNode  *result,
                                    char     **network,
                                    GError   **error)
{
  JsonObject *object, *range;
  const char *name;

  *network = NULL;
  if (!(object = expect_object (result, _("result"), error)) ||
      !(range = expect_object (get_member (object, MFM_WIRE_RESULT_RANGE), _("range"), error)) ||
      !read_string (range, W_NAME, FALSE, &name, error))
    return FALSE;

  if (mfm_wire_is_cidr (name))
    *network = g_strdup (name);
  return TRUE;
}

static gboolean
pools_from_array (JsonArray  *array,
                  MfmScope   *scope,
                  GError    **error)
{
  guint n = json_array_get_length (array);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *object;
      const char *start, *end, *peer, *relationship;

      if (!(object = expect_object (json_array_get_element (array, i), _("address pool"), error)))
        return FALSE;

      if (!read_string (object, W_POOL_FROM, TRUE, &start, error) ||
          !read_string (object, W_POOL_TO, TRUE, &end, error) ||
          !read_string (object, W_POOL_FAILOVER_PEER, FALSE, &peer, error) ||
          !read_string (object, W_POOL_FAILOVER_RELATIONSHIP, FALSE, &relationship, error))
        return FALSE;

      if (peer != NULL && peer[0] == '\0')
        peer = NULL;
      if (relationship != NULL && relationship[0] == '\0')
        relationship = NULL;

      mfm_scope_add_pool (scope, start, end, peer != NULL ? peer : relationship);
    }

  return TRUE;
}

MfmScope *
mfm_wire_scope_from_json (JsonNode  *node,
                          GError   **error)
{
  JsonObject *object;
  const char *ref, *name, *server_ref, *range_ref, *range, *description;
  gboolean enabled = TRUE, has_enabled;
  JsonNode *pools;
  g_autoptr(MfmScope) scope = NULL;

  if (!(object = expect_object (node, _("scope"), error)))
    return NULL;

  if (!read_string (object, W_REF, TRUE, &ref, error) ||
      !read_string (object, W_NAME, FALSE, &name, error) ||
      !read_string (object, W_SCOPE_SERVER_REF, FALSE, &server_ref, error) ||
      !read_string (object, W_SCOPE_RANGE_REF, FALSE, &range_ref, error) ||
      !read_string (object, W_SCOPE_RANGE, FALSE, &range, error) ||
      !read_string (object, W_DESCRIPTION, FALSE, &description, error) ||
      !read_boolean (object, W_ENABLED, &enabled, &has_enabled, error))
    return NULL;

  /* The network only from "range" (or later the Range): the name is free text. */
  scope = mfm_scope_new (ref, name, server_ref, mfm_wire_is_cidr (range) ? range : NULL);
  if (range_ref != NULL && range_ref[0] != '\0')
    mfm_scope_set_range_ref (scope, range_ref);
  if (description != NULL)
    mfm_scope_set_description (scope, description);
  if (has_enabled)
    mfm_scope_set_enabled (scope, enabled);

  /* Not part of GetDHCPScopes, but dataset files embed the pools this way. */
  pools = get_member (object, MFM_WIRE_RESULT_ADDRESS_POOLS);
  if (pools != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (pools))
        {
          set_protocol_error (error, _("The member “%s” is not a list."),
                              MFM_WIRE_RESULT_ADDRESS_POOLS);
          return NULL;
        }
      if (!pools_from_array (json_node_get_array (pools), scope, error))
        return NULL;
    }

  return g_steal_pointer (&scope);
}

JsonNode *
mfm_wire_pools_to_json (MfmScope *scope)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (MFM_IS_SCOPE (scope), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_RESULT_ADDRESS_POOLS);
  add_pools (builder, scope);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
mfm_wire_pools_from_json (JsonNode  *node,
                          MfmScope  *scope,
                          GError   **error)
{
  JsonNode *pools;

  g_return_val_if_fail (MFM_IS_SCOPE (scope), FALSE);

  /* Be lenient about the envelope: a bare list of pools is fine too. */
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    return pools_from_array (json_node_get_array (node), scope, error);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      set_protocol_error (error, _("The %s is not a JSON object."), _("address pool list"));
      return FALSE;
    }

  pools = get_member (json_node_get_object (node), MFM_WIRE_RESULT_ADDRESS_POOLS);
  if (pools == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (pools))
    {
      set_protocol_error (error, _("The member “%s” is not a list."),
                          MFM_WIRE_RESULT_ADDRESS_POOLS);
      return FALSE;
    }

  return pools_from_array (json_node_get_array (pools), scope, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Relationships                                                                             */

typedef enum
{
  RELATIONSHIP_FOR_LIST,    /* everything, as GetDHCPFailoverRelationships answers */
  RELATIONSHIP_FOR_ADD,     /* the settings Add takes */
  RELATIONSHIP_FOR_MODIFY,  /* the settings Modify takes: no percentage */
} RelationshipUse;

const MfmWireDialect mfm_wire_dialect_default = {
  MFM_WIRE_MEMBER_PEER_PORT | MFM_WIRE_MEMBER_STATE | MFM_WIRE_MEMBER_FAILOVER_MODE |
  MFM_WIRE_MEMBER_SCOPE_REFS | MFM_WIRE_MEMBER_PORT | MFM_WIRE_MEMBER_LOAD_BALANCE_MAX_SECONDS |
  MFM_WIRE_MEMBER_MAX_RESPONSE_DELAY | MFM_WIRE_MEMBER_MAX_UNACKED_UPDATES |
  MFM_WIRE_MEMBER_SCOPE_RANGE_REF | MFM_WIRE_MEMBER_POOL_FROM | MFM_WIRE_MEMBER_POOL_TO,
  MFM_WIRE_MEMBER_FAILOVER_MODE,
  0,
};

static const struct
{
  MfmWireMember  member;
  const char    *name;
} member_names[] = {
  { MFM_WIRE_MEMBER_PEER_PORT, W_PEER_PORT },
  { MFM_WIRE_MEMBER_PARTNER_PORT, W_PARTNER_PORT },
  { MFM_WIRE_MEMBER_STATE, W_STATE },
  { MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE, W_FAILOVER_SERVER_TYPE },
  { MFM_WIRE_MEMBER_SAFE_PERIOD, W_SAFE_PERIOD },
  { MFM_WIRE_MEMBER_FAILOVER_MODE, W_FAILOVER_MODE },
  { MFM_WIRE_MEMBER_SCOPE_REFS, W_SCOPE_REFS },
  { MFM_WIRE_MEMBER_PORT, W_PORT },
  { MFM_WIRE_MEMBER_LOAD_BALANCE_MAX_SECONDS, W_LOAD_BALANCE_MAX_SECONDS },
  { MFM_WIRE_MEMBER_MAX_RESPONSE_DELAY, W_MAX_RESPONSE_DELAY },
  { MFM_WIRE_MEMBER_MAX_UNACKED_UPDATES, W_MAX_UNACKED_UPDATES },
  { MFM_WIRE_MEMBER_SCOPE_RANGE, W_SCOPE_RANGE },
  { MFM_WIRE_MEMBER_SCOPE_RANGE_REF, W_SCOPE_RANGE_REF },
  { MFM_WIRE_MEMBER_POOL_FROM, W_POOL_FROM },
  { MFM_WIRE_MEMBER_POOL_TO, W_POOL_TO },
};

G_STATIC_ASSERT (G_N_ELEMENTS (member_names) == MFM_WIRE_N_MEMBERS);

const char *
mfm_wire_member_name (MfmWireMember member)
{
  for (guint i = 0; i < G_N_ELEMENTS (member_names); i++)
    if (member_names[i].member == member)
      return member_names[i].name;

  return NULL;
}

static gboolean
has_member (const MfmWireDialect *dialect,
            MfmWireMember         member)
{
  return (dialect->members & member) != 0;
}

static JsonNode *
relationship_to_json (MfmRelationship      *relationship,
                      RelationshipUse       use,
                      const MfmWireDialect *dialect)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *partner_port;
  MfmWireMember optional;

  if (dialect == NULL)
    dialect = &mfm_wire_dialect_default;
  partner_port = has_member (dialect, MFM_WIRE_MEMBER_PARTNER_PORT) &&
                 !has_member (dialect, MFM_WIRE_MEMBER_PEER_PORT) ? W_PARTNER_PORT : W_PEER_PORT;
  switch (use)
    {
    case RELATIONSHIP_FOR_LIST:
      optional = dialect->members & MFM_WIRE_ADD_OPTIONAL_MEMBERS;
      break;
    case RELATIONSHIP_FOR_ADD:
      optional = dialect->add_members & MFM_WIRE_ADD_OPTIONAL_MEMBERS;
      break;
    case RELATIONSHIP_FOR_MODIFY:
    default:
      optional = MFM_WIRE_MEMBER_FAILOVER_MODE;
      break;
    }

  json_builder_begin_object (builder);
  add_string_if_set (builder, W_NAME, mfm_relationship_get_name (relationship));
  add_string_if_set (builder, W_PRIMARY_SERVER, mfm_relationship_get_primary_server (relationship));
  add_string_if_set (builder, W_SECONDARY_SERVER,
                     mfm_relationship_get_secondary_server (relationship));
  add_string_if_set (builder, W_PRIMARY_SERVER_REF,
                     mfm_relationship_get_primary_server_ref (relationship));
  add_string_if_set (builder, W_SECONDARY_SERVER_REF,
                     mfm_relationship_get_secondary_server_ref (relationship));
  if (optional & MFM_WIRE_MEMBER_FAILOVER_MODE)
    add_string_if_set (builder, W_FAILOVER_MODE,
                       mfm_relationship_get_failover_mode (relationship));
  if (optional & MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE)
    add_string_if_set (builder, W_FAILOVER_SERVER_TYPE, W_FAILOVER_SERVER_TYPE_PRIMARY);
  if (optional & MFM_WIRE_MEMBER_SAFE_PERIOD)
    add_uint (builder, W_SAFE_PERIOD, dialect->safe_period);
  if (use != RELATIONSHIP_FOR_MODIFY)
    add_uint (builder, W_PERCENTAGE, mfm_relationship_get_percentage (relationship));
  add_uint (builder, W_MCLT, mfm_relationship_get_mclt (relationship));
  add_uint (builder, W_PORT, mfm_relationship_get_port (relationship));
  add_uint (builder, partner_port, mfm_relationship_get_peer_port (relationship));
  add_uint (builder, W_LOAD_BALANCE_MAX_SECONDS,
            mfm_relationship_get_load_balance_max_seconds (relationship));
  add_uint (builder, W_MAX_RESPONSE_DELAY, mfm_relationship_get_max_response_delay (relationship));
  add_uint (builder, W_MAX_UNACKED_UPDATES,
            mfm_relationship_get_max_unacked_updates (relationship));

  if (use == RELATIONSHIP_FOR_LIST && has_member (dialect, MFM_WIRE_MEMBER_STATE))
    add_string_if_set (builder, W_STATE, mfm_relationship_get_state (relationship));

  /* Listed with its scopes; on Add the (still empty) list where the server's objects have one. */
  if (optional & MFM_WIRE_MEMBER_SCOPE_REFS)
    {
      const char * const *refs = mfm_relationship_get_scope_refs (relationship);

      json_builder_set_member_name (builder, W_SCOPE_REFS);
      json_builder_begin_array (builder);
      for (guint i = 0; use == RELATIONSHIP_FOR_LIST && refs != NULL && refs[i] != NULL; i++)
        json_builder_add_string_value (builder, refs[i]);
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

/* With @for_modify FALSE this is the object as listed (state and scopes included); with TRUE
 * the settings Modify takes. */
JsonNode *
mfm_wire_relationship_to_json (MfmRelationship *relationship,
                               gboolean         for_modify)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  return relationship_to_json (relationship,
                               for_modify ? RELATIONSHIP_FOR_MODIFY : RELATIONSHIP_FOR_LIST,
                               NULL);
}

JsonNode *
mfm_wire_relationship_to_json_dialect (MfmRelationship      *relationship,
                                       const MfmWireDialect *dialect)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  return relationship_to_json (relationship, RELATIONSHIP_FOR_LIST, dialect);
}

static void
observe (JsonObject    *object,
         MfmWireMember *seen)
{
  for (guint i = 0; i < G_N_ELEMENTS (member_names); i++)
    if (json_object_has_member (object, member_names[i].name))
      *seen |= member_names[i].member;
}

MfmRelationship *
mfm_wire_relationship_from_json_observed (JsonNode       *node,
                                          MfmWireMember  *seen,
                                          guint          *safe_period,
                                          GError        **error)
{
  JsonObject *object;
  const char *name, *primary, *secondary, *primary_ref, *secondary_ref, *mode, *state;
  guint percentage, mclt, port, peer_port, lbms, mrd, muu;
  gboolean has_peer_port;
  g_autofree const char **scope_refs = NULL;
  MfmRelationship *relationship;
  JsonNode *safe_period_node;

  if (!(object = expect_object (node, _("failover relationship"), error)))
    return NULL;

  if (!read_string (object, W_NAME, TRUE, &name, error) ||
      !read_string (object, W_PRIMARY_SERVER, FALSE, &primary, error) ||
      !read_string (object, W_SECONDARY_SERVER, FALSE, &secondary, error) ||
      !read_string (object, W_PRIMARY_SERVER_REF, FALSE, &primary_ref, error) ||
      !read_string (object, W_SECONDARY_SERVER_REF, FALSE, &secondary_ref, error) ||
      !read_string (object, W_FAILOVER_MODE, FALSE, &mode, error) ||
      !read_string (object, W_STATE, FALSE, &state, error) ||
      !read_uint (object, W_PERCENTAGE, &percentage, NULL, error) ||
      !read_uint (object, W_MCLT, &mclt, NULL, error) ||
      !read_uint (object, W_PORT, &port, NULL, error) ||
      !read_uint (object, W_PEER_PORT, &peer_port, &has_peer_port, error) ||
      !read_uint (object, W_LOAD_BALANCE_MAX_SECONDS, &lbms, NULL, error) ||
      !read_uint (object, W_MAX_RESPONSE_DELAY, &mrd, NULL, error) ||
      !read_uint (object, W_MAX_UNACKED_UPDATES, &muu, NULL, error) ||
      !read_string_array (object, W_SCOPE_REFS, &scope_refs, error))
    return NULL;

  if (!has_peer_port && !read_uint (object, W_PARTNER_PORT, &peer_port, NULL, error))
    return NULL;

  if (seen != NULL)
    observe (object, seen);

  /* Only learnt, never used for the relationship itself: a type it does not expect is no
   * reason to refuse the object. */
  safe_period_node = get_member (object, W_SAFE_PERIOD);
  if (safe_period != NULL && safe_period_node != NULL && JSON_NODE_HOLDS_VALUE (safe_period_node) &&
      json_node_get_value_type (safe_period_node) == G_TYPE_INT64 &&
      json_node_get_int (safe_period_node) >= 0 && json_node_get_int (safe_period_node) <= G_MAXUINT32)
    *safe_period = (guint) json_node_get_int (safe_period_node);

  /* mfm_relationship_new() fills in defaults; what the server did not send is unknown (0). */
  relationship = mfm_relationship_new ();
  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server (relationship, primary);
  mfm_relationship_set_secondary_server (relationship, secondary);
  mfm_relationship_set_primary_server_ref (relationship, primary_ref);
  mfm_relationship_set_secondary_server_ref (relationship, secondary_ref);
  mfm_relationship_set_failover_mode (relationship, mode);
  mfm_relationship_set_percentage (relationship, percentage);
  mfm_relationship_set_mclt (relationship, mclt);
  mfm_relationship_set_port (relationship, port);
  mfm_relationship_set_peer_port (relationship, peer_port);
  mfm_relationship_set_load_balance_max_seconds (relationship, lbms);
  mfm_relationship_set_max_response_delay (relationship, mrd);
  mfm_relationship_set_max_unacked_updates (relationship, muu);
  mfm_relationship_set_state (relationship, state);
  mfm_relationship_set_scope_refs (relationship, scope_refs);

  return relationship;
}

MfmRelationship *
mfm_wire_relationship_from_json (JsonNode  *node,
                                 GError   **error)
{
  return mfm_wire_relationship_from_json_observed (node, NULL, NULL, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Deconfigure actions                                                                       */

static const char * const deconfigure_names[] = {
  [MFM_DECONFIGURE_NONE] = "None",
  [MFM_DECONFIGURE_DISABLE] = "Disable",
  [MFM_DECONFIGURE_DELETE] = "Delete",
};

const char *
mfm_wire_deconfigure_action_to_string (MfmDeconfigureAction action)
{
  if ((guint) action >= G_N_ELEMENTS (deconfigure_names))
    return deconfigure_names[MFM_DECONFIGURE_NONE];

  return deconfigure_names[action];
}

gboolean
mfm_wire_deconfigure_action_from_string (const char           *text,
                                         MfmDeconfigureAction *action)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (deconfigure_names); i++)
    {
      if (g_ascii_strcasecmp (text, deconfigure_names[i]) == 0)
        {
          if (action != NULL)
            *action = (MfmDeconfigureAction) i;
          return TRUE;
        }
    }

  return FALSE;
}

/* ---------------------------------------------------------------------------------------- */
/* Calls                                                                                     */

void
mfm_wire_call_free (MfmWireCall *call)
{
  if (call == NULL)
    return;

  g_free (call->method);
  g_clear_pointer (&call->params, json_node_unref);
  g_free (call);
}

static MfmWireCall *
call_new (const char  *method,
          JsonBuilder *builder)
{
  MfmWireCall *call = g_new0 (MfmWireCall, 1);

  call->method = g_strdup (method);
  call->params = json_builder_get_root (builder);
  return call;
}

static void
add_comment (JsonBuilder *builder,
             const char  *comment)
{
  if (comment == NULL || comment[0] == '\0')
    return;

  json_builder_set_member_name (builder, MFM_WIRE_PARAM_SAVE_COMMENT);
  json_builder_add_string_value (builder, comment);
}

static void
add_string_array (JsonBuilder        *builder,
                  const char         *name,
                  const char * const *strings)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    json_builder_add_string_value (builder, strings[i]);
  json_builder_end_array (builder);
}

static MfmWireCall *
relationship_call (const char           *method,
                   MfmRelationship      *relationship,
                   RelationshipUse       use,
                   const char           *comment,
                   const MfmWireDialect *dialect)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_RELATIONSHIP);
  json_builder_add_value (builder, relationship_to_json (relationship, use, dialect));
  add_comment (builder, comment);
  json_builder_end_object (builder);

  return call_new (method, builder);
}

MfmWireCall *
mfm_wire_call_add_relationship (MfmRelationship *relationship,
                                const char      *comment)
{
  return mfm_wire_call_add_relationship_dialect (relationship, comment, NULL);
}

MfmWireCall *
mfm_wire_call_modify_relationship (MfmRelationship *relationship,
                                   const char      *comment)
{
  return mfm_wire_call_modify_relationship_dialect (relationship, comment, NULL);
}

MfmWireCall *
mfm_wire_call_add_relationship_dialect (MfmRelationship      *relationship,
                                        const char           *comment,
                                        const MfmWireDialect *dialect)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  return relationship_call (MFM_WIRE_ADD_RELATIONSHIP, relationship, RELATIONSHIP_FOR_ADD,
                            comment, dialect);
}

MfmWireCall *
mfm_wire_call_modify_relationship_dialect (MfmRelationship      *relationship,
                                           const char           *comment,
                                           const MfmWireDialect *dialect)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  return relationship_call (MFM_WIRE_MODIFY_RELATIONSHIP, relationship, RELATIONSHIP_FOR_MODIFY,
                            comment, dialect);
}

MfmWireCall *
mfm_wire_call_remove_relationship (const char           *server_ref,
                                   const char           *name,
                                   MfmDeconfigureAction  action,
                                   const char           *comment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_REF_AND_NAMES);
  json_builder_begin_array (builder);
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_SERVER_REF);
  json_builder_add_string_value (builder, server_ref);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_RELATIONSHIP_NAME);
  json_builder_add_string_value (builder, name);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_DECONFIGURE_ACTION);
  json_builder_add_string_value (builder, mfm_wire_deconfigure_action_to_string (action));
  add_comment (builder, comment);
  json_builder_end_object (builder);

  return call_new (MFM_WIRE_REMOVE_RELATIONSHIPS, builder);
}

static MfmWireCall *
scopes_call (const char           *method,
             const char           *server_ref,
             const char           *name,
             const char * const   *scope_refs,
             gboolean              with_action,
             MfmDeconfigureAction  action,
             const char           *comment)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_SERVER_REF);
  json_builder_add_string_value (builder, server_ref);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_RELATIONSHIP_NAME);
  json_builder_add_string_value (builder, name);
  add_string_array (builder, MFM_WIRE_PARAM_SCOPE_REFS, scope_refs);
  if (with_action)
    {
      json_builder_set_member_name (builder, MFM_WIRE_PARAM_DECONFIGURE_ACTION);
      json_builder_add_string_value (builder, mfm_wire_deconfigure_action_to_string (action));
    }
  add_comment (builder, comment);
  json_builder_end_object (builder);

  return call_new (method, builder);
}

MfmWireCall *
mfm_wire_call_add_scopes (const char         *server_ref,
                          const char         *name,
                          const char * const *scope_refs,
                          const char         *comment)
{
  return scopes_call (MFM_WIRE_ADD_SCOPES, server_ref, name, scope_refs, FALSE,
                      MFM_DECONFIGURE_NONE, comment);
}

MfmWireCall *
mfm_wire_call_remove_scopes (const char           *server_ref,
                             const char           *name,
                             const char * const   *scope_refs,
                             MfmDeconfigureAction  action,
                             const char           *comment)
{
  return scopes_call (MFM_WIRE_REMOVE_SCOPES, server_ref, name, scope_refs, TRUE, action,
                      comment);
}

/* The commands that take dhcpServerRef get the primary's ref; Micetro also accepts a unique
 * name where a ref is expected, so the name stands in when the ref is unknown. */
static const char *
primary_ref (MfmRelationship *relationship)
{
  const char *ref = mfm_relationship_get_primary_server_ref (relationship);

  if (ref == NULL || ref[0] == '\0')
    ref = mfm_relationship_get_primary_server (relationship);

  return ref != NULL ? ref : "";
}

GPtrArray *
mfm_wire_calls_for_change (MfmChange  *change,
                           const char *comment)
{
  return mfm_wire_calls_for_change_dialect (change, comment, NULL);
}

GPtrArray *
mfm_wire_calls_for_change_dialect (MfmChange            *change,
                                   const char           *comment,
                                   const MfmWireDialect *dialect)
{
  GPtrArray *calls = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_wire_call_free);
  MfmRelationship *relationship;
  const char *name;

  g_return_val_if_fail (MFM_IS_CHANGE (change), calls);

  relationship = mfm_change_get_relationship (change);
  if (relationship == NULL)
    return calls;

  name = mfm_relationship_get_name (relationship);
  if (name == NULL)
    name = "";

  switch (mfm_change_get_kind (change))
    {
    case MFM_CHANGE_ADD:
      g_ptr_array_add (calls, mfm_wire_call_add_relationship_dialect (relationship, comment,
                                                                      dialect));
      break;

    case MFM_CHANGE_MODIFY:
      g_ptr_array_add (calls, mfm_wire_call_modify_relationship_dialect (relationship, comment,
                                                                         dialect));
      break;

    case MFM_CHANGE_REMOVE:
      g_ptr_array_add (calls, mfm_wire_call_remove_relationship (primary_ref (relationship), name,
                                                                 mfm_change_get_action (change),
                                                                 comment));
      break;

    case MFM_CHANGE_ADD_SCOPES:
      g_ptr_array_add (calls, mfm_wire_call_add_scopes (primary_ref (relationship), name,
                                                        mfm_change_get_scope_refs (change),
                                                        comment));
      break;

    case MFM_CHANGE_REMOVE_SCOPES:
      g_ptr_array_add (calls, mfm_wire_call_remove_scopes (primary_ref (relationship), name,
                                                           mfm_change_get_scope_refs (change),
                                                           mfm_change_get_action (change),
                                                           comment));
      break;

    default:
      break;
    }

  return calls;
}

/* The parameters each command takes (vendor WSDL, API 9.x), "session" included. */
#define LIST_PARAMETERS MFM_WIRE_PARAM_SESSION, MFM_WIRE_PARAM_FILTER, MFM_WIRE_PARAM_OFFSET, \
                        MFM_WIRE_PARAM_LIMIT, MFM_WIRE_PARAM_SORT_BY, MFM_WIRE_PARAM_SORT_ORDER

static const char * const login_parameters[] = {
  MFM_WIRE_PARAM_LOGIN_NAME, MFM_WIRE_PARAM_PASSWORD, MFM_WIRE_PARAM_SERVER, NULL
};
static const char * const logout_parameters[] = { MFM_WIRE_PARAM_SESSION, NULL };
static const char * const servers_parameters[] = { LIST_PARAMETERS, NULL };
static const char * const scopes_parameters[] = {
  LIST_PARAMETERS, MFM_WIRE_PARAM_FOLDER_REF, NULL
};
static const char * const pools_parameters[] = {
  LIST_PARAMETERS, MFM_WIRE_PARAM_SCOPE_REF, NULL
};
static const char * const range_parameters[] = {
  MFM_WIRE_PARAM_SESSION, MFM_WIRE_PARAM_RANGE_REF, NULL
};
static const char * const relationships_parameters[] = {
  MFM_WIRE_PARAM_SESSION, MFM_WIRE_PARAM_SERVER_REF, NULL
};
static const char * const relationship_write_parameters[] = {
  MFM_WIRE_PARAM_SESSION, MFM_WIRE_PARAM_RELATIONSHIP, MFM_WIRE_PARAM_SAVE_COMMENT, NULL
};
static const char * const remove_parameters[] = {
  MFM_WIRE_PARAM_SESSION, MFM_WIRE_PARAM_REF_AND_NAMES, MFM_WIRE_PARAM_DECONFIGURE_ACTION,
  MFM_WIRE_PARAM_SAVE_COMMENT, NULL
};
static const char * const add_scopes_parameters[] = {
  MFM_WIRE_PARAM_SESSION, MFM_WIRE_PARAM_SERVER_REF, MFM_WIRE_PARAM_RELATIONSHIP_NAME,
  MFM_WIRE_PARAM_SCOPE_REFS, MFM_WIRE_PARAM_SAVE_COMMENT, NULL
};
static const char * const remove_scopes_parameters[] = {
  MFM_WIRE_PARAM_SESSION, MFM_WIRE_PARAM_SERVER_REF, MFM_WIRE_PARAM_RELATIONSHIP_NAME,
  MFM_WIRE_PARAM_SCOPE_REFS, MFM_WIRE_PARAM_DECONFIGURE_ACTION, MFM_WIRE_PARAM_SAVE_COMMENT, NULL
};

const char * const *
mfm_wire_command_parameters (const char *method)
{
  static const struct
  {
    const char         *method;
    const char * const *parameters;
  } table[] = {
    { MFM_WIRE_LOGIN, login_parameters },
    { MFM_WIRE_LOGOUT, logout_parameters },
    { MFM_WIRE_GET_SERVERS, servers_parameters },
    { MFM_WIRE_GET_SCOPES, scopes_parameters },
    { MFM_WIRE_GET_ADDRESS_POOLS, pools_parameters },
    { MFM_WIRE_GET_RANGE, range_parameters },
    { MFM_WIRE_GET_RELATIONSHIPS, relationships_parameters },
    { MFM_WIRE_ADD_RELATIONSHIP, relationship_write_parameters },
    { MFM_WIRE_MODIFY_RELATIONSHIP, relationship_write_parameters },
    { MFM_WIRE_REMOVE_RELATIONSHIPS, remove_parameters },
    { MFM_WIRE_ADD_SCOPES, add_scopes_parameters },
    { MFM_WIRE_REMOVE_SCOPES, remove_scopes_parameters },
  };

  for (guint i = 0; method != NULL && i < G_N_ELEMENTS (table); i++)
    if (g_str_equal (table[i].method, method))
      return table[i].parameters;

  return NULL;
}

char *
mfm_wire_call_to_text (MfmWireCall *call)
{
  g_autofree char *params = NULL;

  g_return_val_if_fail (call != NULL, NULL);

  params = call->params != NULL ? mfm_wire_to_string (call->params, TRUE) : g_strdup ("{}");
  return g_strdup_printf ("%s\n%s", call->method, params);
}

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
  /* Fractions and exponents are floating point: json-glib reads those as they are. */
  if (end < length && (body[end] == '.' || body[end] == 'e' || body[end] == 'E'))
    return end;

  while (digits < end - 1 && body[digits] == '0')
    digits++;
  significant = end - digits;
  if (significant < strlen (limit) ||
      (significant == strlen (limit) && strncmp (body + digits, limit, significant) <= 0))
    return end;

  /* Enough of the number to be recognised in the API log. */
  text = g_strndup (body + start, MIN (end - start, 64));
  if (member != NULL && member_length <= MAX_SHORT_TEXT &&
      g_utf8_validate_len (member, member_length, NULL))
    {
      name = g_strndup (member, member_length);
      set_protocol_error (error, _("The member “%s” is out of range (%s)."), name, text);
    }
  else
    set_protocol_error (error, _("A number in the answer is out of range (%s)."), text);
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
      set_protocol_error (error, _("The answer is not valid UTF-8 text."));
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
              set_protocol_error (error, _("The answer is nested too deeply."));
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
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;

  if (body == NULL || length == 0)
    {
      set_protocol_error (error, _("The answer is empty."));
      return NULL;
    }

  if (!check_text (body, length, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, body, (gssize) length, &local_error))
    {
      set_protocol_error (error, _("The answer is not JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      set_protocol_error (error, _("The answer is empty."));
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

  g_set_error (error, MFM_ERROR, mapped, "[%" G_GINT64_FORMAT "] %s", code,
               message != NULL ? message : "");
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

JsonNode *
mfm_wire_parse_response (const char  *body,
                         gsize        length,
                         guint        http_status,
                         GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  gboolean http_ok = http_status == 0 || (http_status >= 200 && http_status < 300);
  JsonObject *object;
  JsonNode *error_node, *result;

  root = parse_json (body, length, &parse_error);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      if (!http_ok)
        set_http_error (error, http_status);
      else if (parse_error != NULL)
        g_propagate_error (error, g_steal_pointer (&parse_error));
      else
        set_protocol_error (error, _("The answer is not a JSON-RPC response."));
      return NULL;
    }

  object = json_node_get_object (root);
  error_node = get_member (object, MFM_WIRE_JSONRPC_ERROR);
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
            set_protocol_error (error, _("The member “%s” is not a JSON object."),
                                MFM_WIRE_JSONRPC_ERROR);
          return NULL;
        }

      error_object = json_node_get_object (error_node);
      if (!read_string (error_object, MFM_WIRE_JSONRPC_MESSAGE, FALSE, &message, error))
        return NULL;

      /* The code may be any integer, negative ones included (JSON-RPC's own -32xxx). */
      code_node = get_member (error_object, MFM_WIRE_JSONRPC_CODE);
      if (code_node != NULL &&
          (!JSON_NODE_HOLDS_VALUE (code_node) ||
           json_node_get_value_type (code_node) != G_TYPE_INT64))
        {
          set_protocol_error (error, _("The member “%s” is not a whole number."),
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
      set_protocol_error (error, _("The answer has neither a result nor an error."));
      return NULL;
    }

  return json_node_copy (result);
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

  root = parse_json (body, length, error);
  if (root == NULL)
    return FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_protocol_error (error, _("The request is not a JSON object."));
      return FALSE;
    }

  object = json_node_get_object (root);
  if (!read_string (object, MFM_WIRE_JSONRPC_METHOD, TRUE, &method_name, error))
    return FALSE;

  params_node = get_member (object, MFM_WIRE_JSONRPC_PARAMS);
  if (params_node != NULL && !JSON_NODE_HOLDS_OBJECT (params_node))
    {
      set_protocol_error (error, _("The member “%s” is not a JSON object."),
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
      if (!check_text_length (MFM_WIRE_RESULT_SESSION, json_node_get_string (result), error))
        return NULL;
      return g_strdup (json_node_get_string (result));
    }

  if (!(object = expect_object (result, _("login result"), error)))
    return NULL;

  if (!read_string (object, MFM_WIRE_RESULT_SESSION, TRUE, &session, error))
    return NULL;

  if (session[0] == '\0')
    {
      set_protocol_error (error, _("The member “%s” is empty."), MFM_WIRE_RESULT_SESSION);
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

  if (!(object = expect_object (result, _("result"), error)))
    return NULL;

  list = get_member (object, member);
  if (list == NULL)
    {
      set_protocol_error (error, _("The member “%s” is missing."), member);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_ARRAY (list))
    {
      set_protocol_error (error, _("The member “%s” is not a list."), member);
      return NULL;
    }

  if (!read_uint (object, MFM_WIRE_RESULT_TOTAL, &total, &has_total, error))
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
/* Asking about permissions                                                                  */

MfmWireCall *
mfm_wire_call_has_access (const char * const *server_refs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_ACCESS_NAME);
  json_builder_add_string_value (builder, MFM_WIRE_ACCESS_ADD_SCOPE);
  add_string_array (builder, MFM_WIRE_PARAM_OBJ_REFS, server_refs);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_OBJ_TYPE);
  json_builder_add_string_value (builder, MFM_WIRE_OBJ_TYPE_DHCP_SERVER);
  json_builder_end_object (builder);

  return call_new (MFM_WIRE_HAS_ACCESS, builder);
}

gboolean
mfm_wire_has_access_from_result (JsonNode  *result,
                                 guint     *n_allowed,
                                 guint     *n_denied,
                                 GError   **error)
{
  JsonObject *object;
  JsonNode *entries;
  JsonArray *array;
  guint allowed = 0, denied = 0;

  if (!(object = expect_object (result, _("access check"), error)))
    return FALSE;

  entries = get_member (object, MFM_WIRE_RESULT_HAS_ACCESS_ENTRIES);
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    {
      set_protocol_error (error, _("The member “%s” is missing."),
                          MFM_WIRE_RESULT_HAS_ACCESS_ENTRIES);
      return FALSE;
    }

  array = json_node_get_array (entries);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *entry = json_array_get_element (array, i);
      gboolean value = FALSE, present = FALSE;

      if (!JSON_NODE_HOLDS_OBJECT (entry))
        {
          set_protocol_error (error, _("The member “%s” is not a JSON object."),
                              MFM_WIRE_RESULT_HAS_ACCESS_ENTRIES);
          return FALSE;
        }
      if (!read_boolean (json_node_get_object (entry), W_HAS_ACCESS,
                         &value, &present, error))
        return FALSE;
      if (!present)
        continue;
      if (value)
        allowed++;
      else
        denied++;
    }

  if (n_allowed != NULL)
    *n_allowed = allowed;
  if (n_denied != NULL)
    *n_denied = denied;
  return TRUE;
}

JsonNode *
mfm_wire_has_access_entry (const char *ref,
                           const char *name,
                           gboolean    has_access)
{
  g_autoptr(JsonObject) entry = json_object_new ();

  json_object_set_string_member (entry, W_REF, ref);
  json_object_set_string_member (entry, W_OBJ_TYPE, MFM_WIRE_OBJ_TYPE_DHCP_SERVER);
  json_object_set_string_member (entry, W_NAME, name != NULL ? name : "");
  json_object_set_boolean_member (entry, W_HAS_ACCESS, has_access);
  return json_node_init_object (json_node_alloc (), entry);
}

gboolean
mfm_wire_method_is_read (const char *method)
{
  return method != NULL &&
         (g_str_has_prefix (method, "Get") || g_str_equal (method, MFM_WIRE_HAS_ACCESS));
}
