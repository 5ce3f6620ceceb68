/* mfm-wire-objects.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-wire-objects"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-error.h"
#include "mfm-wire.h"
#include "mfm-wire-private.h"

/* Micetro's objects (server, scope, address pool, range, failover relationship, access entry)
 * to and from JSON, read tolerantly: unknown members are ignored, a missing optional member is
 * unknown, a wrong type is MFM_ERROR_PROTOCOL. */

/* ---------------------------------------------------------------------------------------- */
/* Reading members tolerantly                                                                */

/* NULL when missing or JSON null: both mean "unknown". */
JsonNode *
mfm_wire_get_member (JsonObject *object,
                     const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  return node;
}

gboolean
mfm_wire_read_string (JsonObject  *object,
                      const char  *name,
                      gboolean     required,
                      const char **value,
                      GError     **error)
{
  JsonNode *node = mfm_wire_get_member (object, name);

  *value = NULL;

  if (node == NULL)
    {
      if (required)
        {
          mfm_wire_set_protocol_error (error, _("The member “%s” is missing."), name);
          return FALSE;
        }
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is not a text."), name);
      return FALSE;
    }

  if (!mfm_wire_check_text_length (name, json_node_get_string (node), error))
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

/* Numbers must be JSON integers from 0 to 4294967295; anything else is a protocol error. */
gboolean
mfm_wire_read_uint (JsonObject  *object,
                    const char  *name,
                    guint       *value,
                    gboolean    *present,
                    GError     **error)
{
  JsonNode *node = mfm_wire_get_member (object, name);
  gint64 number;

  *value = 0;
  if (present != NULL)
    *present = FALSE;

  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is not a whole number."), name);
      return FALSE;
    }

  number = json_node_get_int (node);
  if (number < 0 || number > G_MAXUINT32)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, number);

      mfm_wire_set_protocol_error (error, _("The member “%s” is out of range (%s)."), name, text);
      return FALSE;
    }

  *value = (guint) number;
  if (present != NULL)
    *present = TRUE;
  return TRUE;
}

static gboolean
mfm_wire_read_boolean (JsonObject  *object,
                       const char  *name,
                       gboolean    *value,
                       gboolean    *present,
                       GError     **error)
{
  JsonNode *node = mfm_wire_get_member (object, name);

  *present = FALSE;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is not true or false."), name);
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  *present = TRUE;
  return TRUE;
}

/* A NULL-terminated array of borrowed strings (free the container only), NULL when missing. */
static gboolean
mfm_wire_read_string_array (JsonObject   *object,
                            const char   *name,
                            const char ***value,
                            GError      **error)
{
  JsonNode *node = mfm_wire_get_member (object, name);
  JsonArray *array;
  guint n;
  g_autofree const char **strings = NULL;

  *value = NULL;
  if (node == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is not a list."), name);
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
          mfm_wire_set_protocol_error (error, _("An element of “%s” is not a text."), name);
          return FALSE;
        }
      if (!mfm_wire_check_text_length (name, json_node_get_string (element), error))
        return FALSE;
      strings[i] = json_node_get_string (element);
    }

  *value = g_steal_pointer (&strings);
  return TRUE;
}

JsonObject *
mfm_wire_expect_object (JsonNode    *node,
                        const char  *what,
                        GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      mfm_wire_set_protocol_error (error, _("The %s is not a JSON object."), _(what));
      return NULL;
    }

  return json_node_get_object (node);
}

static void
mfm_wire_add_string_if_set (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  if (value == NULL)
    return;

  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

static void
mfm_wire_add_uint (JsonBuilder *builder,
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
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_REF, mfm_server_get_ref (server));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_NAME, mfm_server_get_name (server));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_ADDRESS, mfm_server_get_address (server));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_TYPE, mfm_server_get_server_type (server));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_STATE, mfm_server_get_state (server));
  json_builder_set_member_name (builder, MFM_WIRE_KEY_ENABLED);
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

  if (!(object = mfm_wire_expect_object (node, N_("server"), error)))
    return NULL;

  if (!mfm_wire_read_string (object, MFM_WIRE_KEY_REF, TRUE, &ref, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_NAME, FALSE, &name, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_ADDRESS, FALSE, &address, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_TYPE, FALSE, &type, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_STATE, FALSE, &state, error) ||
      !mfm_wire_read_boolean (object, MFM_WIRE_KEY_ENABLED, &enabled, &has_enabled, error))
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
      mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_POOL_SCOPE_REF, mfm_scope_get_ref (scope));
      mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_POOL_FROM, pool->start);
      mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_POOL_TO, pool->end);
      mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_POOL_FAILOVER_PEER, pool->failover_peer);
      mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_POOL_FAILOVER_RELATIONSHIP,
                                  pool->failover_peer);
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
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_REF, mfm_scope_get_ref (scope));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_NAME, mfm_scope_get_name (scope));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_SCOPE_SERVER_REF,
                              mfm_scope_get_server_ref (scope));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_SCOPE_RANGE_REF,
                              mfm_scope_get_range_ref (scope));
  if (with_range)
    mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_SCOPE_RANGE, mfm_scope_get_subnet (scope));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_DESCRIPTION, mfm_scope_get_description (scope));
  json_builder_set_member_name (builder, MFM_WIRE_KEY_ENABLED);
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
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_REF, ref);
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_NAME, name);
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_RANGE_FROM, from);
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_RANGE_TO, to);
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
  if (!(object = mfm_wire_expect_object (result, N_("result"), error)) ||
      !(range = mfm_wire_expect_object (mfm_wire_get_member (object, MFM_WIRE_RESULT_RANGE),
                                        N_("range"), error)) ||
      !mfm_wire_read_string (range, MFM_WIRE_KEY_NAME, FALSE, &name, error))
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

      if (!(object = mfm_wire_expect_object (json_array_get_element (array, i),
                                             N_("address pool"), error)))
        return FALSE;

      if (!mfm_wire_read_string (object, MFM_WIRE_KEY_POOL_FROM, TRUE, &start, error) ||
          !mfm_wire_read_string (object, MFM_WIRE_KEY_POOL_TO, TRUE, &end, error) ||
          !mfm_wire_read_string (object, MFM_WIRE_KEY_POOL_FAILOVER_PEER, FALSE, &peer, error) ||
          !mfm_wire_read_string (object, MFM_WIRE_KEY_POOL_FAILOVER_RELATIONSHIP, FALSE,
                                 &relationship, error))
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

  if (!(object = mfm_wire_expect_object (node, N_("scope"), error)))
    return NULL;

  if (!mfm_wire_read_string (object, MFM_WIRE_KEY_REF, TRUE, &ref, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_NAME, FALSE, &name, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_SCOPE_SERVER_REF, FALSE, &server_ref, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_SCOPE_RANGE_REF, FALSE, &range_ref, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_SCOPE_RANGE, FALSE, &range, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_DESCRIPTION, FALSE, &description, error) ||
      !mfm_wire_read_boolean (object, MFM_WIRE_KEY_ENABLED, &enabled, &has_enabled, error))
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
  pools = mfm_wire_get_member (object, MFM_WIRE_RESULT_ADDRESS_POOLS);
  if (pools != NULL)
    {
      if (!JSON_NODE_HOLDS_ARRAY (pools))
        {
          mfm_wire_set_protocol_error (error, _("The member “%s” is not a list."),
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
      mfm_wire_set_protocol_error (error, _("The %s is not a JSON object."),
                                   _("address pool list"));
      return FALSE;
    }

  pools = mfm_wire_get_member (json_node_get_object (node), MFM_WIRE_RESULT_ADDRESS_POOLS);
  if (pools == NULL)
    return TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (pools))
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is not a list."),
                                   MFM_WIRE_RESULT_ADDRESS_POOLS);
      return FALSE;
    }

  return pools_from_array (json_node_get_array (pools), scope, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Relationships                                                                             */

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
  { MFM_WIRE_MEMBER_PEER_PORT, MFM_WIRE_KEY_PEER_PORT },
  { MFM_WIRE_MEMBER_PARTNER_PORT, MFM_WIRE_KEY_PARTNER_PORT },
  { MFM_WIRE_MEMBER_STATE, MFM_WIRE_KEY_STATE },
  { MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE, MFM_WIRE_KEY_FAILOVER_SERVER_TYPE },
  { MFM_WIRE_MEMBER_SAFE_PERIOD, MFM_WIRE_KEY_SAFE_PERIOD },
  { MFM_WIRE_MEMBER_FAILOVER_MODE, MFM_WIRE_KEY_FAILOVER_MODE },
  { MFM_WIRE_MEMBER_SCOPE_REFS, MFM_WIRE_KEY_SCOPE_REFS },
  { MFM_WIRE_MEMBER_PORT, MFM_WIRE_KEY_PORT },
  { MFM_WIRE_MEMBER_LOAD_BALANCE_MAX_SECONDS, MFM_WIRE_KEY_LOAD_BALANCE_MAX_SECONDS },
  { MFM_WIRE_MEMBER_MAX_RESPONSE_DELAY, MFM_WIRE_KEY_MAX_RESPONSE_DELAY },
  { MFM_WIRE_MEMBER_MAX_UNACKED_UPDATES, MFM_WIRE_KEY_MAX_UNACKED_UPDATES },
  { MFM_WIRE_MEMBER_SCOPE_RANGE, MFM_WIRE_KEY_SCOPE_RANGE },
  { MFM_WIRE_MEMBER_SCOPE_RANGE_REF, MFM_WIRE_KEY_SCOPE_RANGE_REF },
  { MFM_WIRE_MEMBER_POOL_FROM, MFM_WIRE_KEY_POOL_FROM },
  { MFM_WIRE_MEMBER_POOL_TO, MFM_WIRE_KEY_POOL_TO },
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

/* The relationship's numbers (the core's field table) and their member names, in the order
 * they are written. The partner port's name depends on the dialect; Modify takes no
 * percentage. */
static const struct
{
  MfmField    field;
  const char *key;
} number_members[] = {
  { MFM_FIELD_PERCENTAGE, MFM_WIRE_KEY_PERCENTAGE },
  { MFM_FIELD_MCLT, MFM_WIRE_KEY_MCLT },
  { MFM_FIELD_PORT, MFM_WIRE_KEY_PORT },
  { MFM_FIELD_PEER_PORT, MFM_WIRE_KEY_PEER_PORT },
  { MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, MFM_WIRE_KEY_LOAD_BALANCE_MAX_SECONDS },
  { MFM_FIELD_MAX_RESPONSE_DELAY, MFM_WIRE_KEY_MAX_RESPONSE_DELAY },
  { MFM_FIELD_MAX_UNACKED_UPDATES, MFM_WIRE_KEY_MAX_UNACKED_UPDATES },
};

JsonNode *
mfm_wire_relationship_to_json_for (MfmRelationship        *relationship,
                                   MfmWireRelationshipUse  use,
                                   const MfmWireDialect   *dialect)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const char *partner_port;
  MfmWireMember optional;

  if (dialect == NULL)
    dialect = &mfm_wire_dialect_default;
  partner_port = has_member (dialect, MFM_WIRE_MEMBER_PARTNER_PORT) &&
                 !has_member (dialect, MFM_WIRE_MEMBER_PEER_PORT)
                 ? MFM_WIRE_KEY_PARTNER_PORT : MFM_WIRE_KEY_PEER_PORT;
  switch (use)
    {
    case MFM_WIRE_RELATIONSHIP_FOR_LIST:
      optional = dialect->members & MFM_WIRE_ADD_OPTIONAL_MEMBERS;
      break;
    case MFM_WIRE_RELATIONSHIP_FOR_ADD:
      optional = dialect->add_members & MFM_WIRE_ADD_OPTIONAL_MEMBERS;
      break;
    case MFM_WIRE_RELATIONSHIP_FOR_MODIFY:
    default:
      optional = MFM_WIRE_MEMBER_FAILOVER_MODE;
      break;
    }

  json_builder_begin_object (builder);
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_NAME, mfm_relationship_get_name (relationship));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_PRIMARY_SERVER,
                              mfm_relationship_get_primary_server (relationship));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_SECONDARY_SERVER,
                              mfm_relationship_get_secondary_server (relationship));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_PRIMARY_SERVER_REF,
                              mfm_relationship_get_primary_server_ref (relationship));
  mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_SECONDARY_SERVER_REF,
                              mfm_relationship_get_secondary_server_ref (relationship));
  if (optional & MFM_WIRE_MEMBER_FAILOVER_MODE)
    mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_FAILOVER_MODE,
                                mfm_relationship_get_failover_mode (relationship));
  if (optional & MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE)
    mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_FAILOVER_SERVER_TYPE,
                                MFM_WIRE_FAILOVER_SERVER_TYPE_PRIMARY);
  if (optional & MFM_WIRE_MEMBER_SAFE_PERIOD)
    mfm_wire_add_uint (builder, MFM_WIRE_KEY_SAFE_PERIOD, dialect->safe_period);
  for (guint i = 0; i < G_N_ELEMENTS (number_members); i++)
    {
      MfmField field = number_members[i].field;

      if (field == MFM_FIELD_PERCENTAGE && use == MFM_WIRE_RELATIONSHIP_FOR_MODIFY)
        continue;
      mfm_wire_add_uint (builder,
                         field == MFM_FIELD_PEER_PORT ? partner_port : number_members[i].key,
                         mfm_relationship_get_field_value (relationship, field));
    }

  if (use == MFM_WIRE_RELATIONSHIP_FOR_LIST && has_member (dialect, MFM_WIRE_MEMBER_STATE))
    mfm_wire_add_string_if_set (builder, MFM_WIRE_KEY_STATE,
                                mfm_relationship_get_state (relationship));

  /* Listed with its scopes; on Add the (still empty) list where the server's objects have one. */
  if (optional & MFM_WIRE_MEMBER_SCOPE_REFS)
    {
      const char * const *refs = mfm_relationship_get_scope_refs (relationship);

      json_builder_set_member_name (builder, MFM_WIRE_KEY_SCOPE_REFS);
      json_builder_begin_array (builder);
      for (guint i = 0;
           use == MFM_WIRE_RELATIONSHIP_FOR_LIST && refs != NULL && refs[i] != NULL;
           i++)
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

  return mfm_wire_relationship_to_json_for (relationship,
                                            for_modify ? MFM_WIRE_RELATIONSHIP_FOR_MODIFY
                                                       : MFM_WIRE_RELATIONSHIP_FOR_LIST,
                                            NULL);
}

JsonNode *
mfm_wire_relationship_to_json_dialect (MfmRelationship      *relationship,
                                       const MfmWireDialect *dialect)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  return mfm_wire_relationship_to_json_for (relationship, MFM_WIRE_RELATIONSHIP_FOR_LIST, dialect);
}

/* Only the members no object of the answer had so far are looked up: after the first object
 * of a long list, hardly any. */
static void
observe (JsonObject    *object,
         MfmWireMember *seen)
{
  for (guint i = 0; i < G_N_ELEMENTS (member_names); i++)
    if (!(*seen & member_names[i].member) &&
        json_object_has_member (object, member_names[i].name))
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
  guint numbers[G_N_ELEMENTS (number_members)];
  guint values[MFM_N_FIELDS] = { 0 };
  guint peer_port_index = 0;
  gboolean has_peer_port = FALSE;
  g_autofree const char **scope_refs = NULL;
  JsonNode *safe_period_node;

  if (!(object = mfm_wire_expect_object (node, N_("failover relationship"), error)))
    return NULL;

  if (!mfm_wire_read_string (object, MFM_WIRE_KEY_NAME, TRUE, &name, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_PRIMARY_SERVER, FALSE, &primary, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_SECONDARY_SERVER, FALSE, &secondary, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_PRIMARY_SERVER_REF, FALSE, &primary_ref, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_SECONDARY_SERVER_REF, FALSE, &secondary_ref,
                             error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_FAILOVER_MODE, FALSE, &mode, error) ||
      !mfm_wire_read_string (object, MFM_WIRE_KEY_STATE, FALSE, &state, error))
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (number_members); i++)
    {
      gboolean *present = NULL;

      if (number_members[i].field == MFM_FIELD_PEER_PORT)
        {
          peer_port_index = i;
          present = &has_peer_port;
        }
      if (!mfm_wire_read_uint (object, number_members[i].key, &numbers[i], present, error))
        return NULL;
    }

  if (!mfm_wire_read_string_array (object, MFM_WIRE_KEY_SCOPE_REFS, &scope_refs, error))
    return NULL;

  if (!has_peer_port && !mfm_wire_read_uint (object, MFM_WIRE_KEY_PARTNER_PORT,
                                             &numbers[peer_port_index], NULL, error))
    return NULL;

  if (seen != NULL)
    observe (object, seen);

  /* Only learnt, never used for the relationship itself: a type it does not expect is no
   * reason to refuse the object. */
  safe_period_node = mfm_wire_get_member (object, MFM_WIRE_KEY_SAFE_PERIOD);
  if (safe_period != NULL && safe_period_node != NULL &&
      JSON_NODE_HOLDS_VALUE (safe_period_node) &&
      json_node_get_value_type (safe_period_node) == G_TYPE_INT64 &&
      json_node_get_int (safe_period_node) >= 0 &&
      json_node_get_int (safe_period_node) <= G_MAXUINT32)
    *safe_period = (guint) json_node_get_int (safe_period_node);

  /* What the server did not send is unknown (0), not the default of a new relationship. */
  for (guint i = 0; i < G_N_ELEMENTS (number_members); i++)
    values[number_members[i].field] = numbers[i];

  return mfm_relationship_new_listed (name, primary, secondary, primary_ref, secondary_ref, mode,
                                      state, values, scope_refs);
}

MfmRelationship *
mfm_wire_relationship_from_json (JsonNode  *node,
                                 GError   **error)
{
  return mfm_wire_relationship_from_json_observed (node, NULL, NULL, error);
}

/* ---------------------------------------------------------------------------------------- */
/* Asking about permissions                                                                  */

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

  if (!(object = mfm_wire_expect_object (result, N_("access check"), error)))
    return FALSE;

  entries = mfm_wire_get_member (object, MFM_WIRE_RESULT_HAS_ACCESS_ENTRIES);
  if (entries == NULL || !JSON_NODE_HOLDS_ARRAY (entries))
    {
      mfm_wire_set_protocol_error (error, _("The member “%s” is missing."),
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
          mfm_wire_set_protocol_error (error, _("The member “%s” is not a JSON object."),
                                       MFM_WIRE_RESULT_HAS_ACCESS_ENTRIES);
          return FALSE;
        }
      if (!mfm_wire_read_boolean (json_node_get_object (entry), MFM_WIRE_KEY_HAS_ACCESS,
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

  json_object_set_string_member (entry, MFM_WIRE_KEY_REF, ref);
  json_object_set_string_member (entry, MFM_WIRE_KEY_OBJ_TYPE, MFM_WIRE_OBJ_TYPE_DHCP_SERVER);
  json_object_set_string_member (entry, MFM_WIRE_KEY_NAME, name != NULL ? name : "");
  json_object_set_boolean_member (entry, MFM_WIRE_KEY_HAS_ACCESS, has_access);
  return json_node_init_object (json_node_alloc (), entry);
}
