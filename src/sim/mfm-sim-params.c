/* mfm-sim-params.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <string.h>

#include "mfm-sim-params.h"
#include "mfm-wire.h"

G_DEFINE_QUARK (mfm-sim-api-error, mfm_sim_error)

/* Which wire member carries each numeric setting, found by serialising two relationships that
 * differ in one field: so Modify can tell "not sent" from "sent as 0" without this file knowing
 * the wire names. */

typedef struct
{
  void  (*set) (MfmRelationship *self, guint value);
  guint (*get) (MfmRelationship *self);
  char   *member;
} Field;

static Field fields[MFM_SIM_N_FIELDS] = {
  { mfm_relationship_set_percentage, mfm_relationship_get_percentage, NULL },
  { mfm_relationship_set_mclt, mfm_relationship_get_mclt, NULL },
  { mfm_relationship_set_port, mfm_relationship_get_port, NULL },
  { mfm_relationship_set_peer_port, mfm_relationship_get_peer_port, NULL },
  { mfm_relationship_set_load_balance_max_seconds, mfm_relationship_get_load_balance_max_seconds, NULL },
  { mfm_relationship_set_max_response_delay, mfm_relationship_get_max_response_delay, NULL },
  { mfm_relationship_set_max_unacked_updates, mfm_relationship_get_max_unacked_updates, NULL },
};

static gpointer
probe_fields (gpointer data)
{
  g_autoptr(MfmRelationship) base = mfm_relationship_new ();
  g_autoptr(JsonNode) base_json = NULL;
  JsonObject *base_object;

  mfm_relationship_set_name (base, "probe");
  mfm_relationship_set_primary_server (base, "a.");
  mfm_relationship_set_secondary_server (base, "b.");
  base_json = mfm_wire_relationship_to_json (base, FALSE);
  base_object = json_node_get_object (base_json);

  for (guint f = 0; f < MFM_SIM_N_FIELDS; f++)
    {
      g_autoptr(MfmRelationship) changed = mfm_relationship_copy (base);
      g_autoptr(JsonNode) changed_json = NULL;
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      fields[f].set (changed, fields[f].get (base) == 37 ? 38 : 37);
      changed_json = mfm_wire_relationship_to_json (changed, FALSE);
      json_object_iter_init (&iter, json_node_get_object (changed_json));
      while (json_object_iter_next (&iter, &member, &node))
        {
          JsonNode *before = json_object_get_member (base_object, member);

          if (before == NULL || !json_node_equal (before, node))
            {
              fields[f].member = g_strdup (member);
              break;
            }
        }
    }

  return NULL;
}

static void
ensure_fields (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, probe_fields, NULL);
}

gboolean
mfm_sim_params_field_sent (JsonObject      *object,
                           MfmSimField      field,
                           MfmRelationship *parsed)
{
  ensure_fields ();

  /* Either candidate of the partner port: the strict check let only this dialect's through. */
  if (field == MFM_SIM_FIELD_PEER_PORT)
    return json_object_has_member (object, mfm_wire_member_name (MFM_WIRE_MEMBER_PEER_PORT)) ||
           json_object_has_member (object, mfm_wire_member_name (MFM_WIRE_MEMBER_PARTNER_PORT));
  if (fields[field].member != NULL)
    return json_object_has_member (object, fields[field].member);
  return fields[field].get (parsed) != 0;
}

void
mfm_sim_params_copy_sent_fields (JsonObject      *object,
                                 MfmRelationship *parsed,
                                 MfmRelationship *target,
                                 gboolean         with_percentage)
{
  for (guint f = 0; f < MFM_SIM_N_FIELDS; f++)
    if ((with_percentage || f != MFM_SIM_FIELD_PERCENTAGE) &&
        mfm_sim_params_field_sent (object, f, parsed))
      fields[f].set (target, fields[f].get (parsed));
}

const char *
mfm_sim_params_get_string (JsonObject *params,
                           const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
mfm_sim_params_check_optional_strings (JsonObject  *params,
                                       GError     **error,
                                       ...)
{
  va_list args;
  const char *name;
  gboolean ok = TRUE;

  va_start (args, error);
  while (ok && (name = va_arg (args, const char *)) != NULL)
    {
      JsonNode *node = json_object_get_member (params, name);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) &&
          mfm_sim_params_get_string (params, name) == NULL)
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                       "Invalid value for parameter %s: text is expected.", name);
          ok = FALSE;
        }
    }
  va_end (args);

  return ok;
}

const char *
mfm_sim_params_require_string (JsonObject  *params,
                               const char  *name,
                               GError     **error)
{
  const char *value = mfm_sim_params_get_string (params, name);

  if (value == NULL || *value == '\0')
    g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                 "Missing or invalid parameter: %s.", name);
  return value;
}

gboolean
mfm_sim_params_get_uint (JsonObject  *params,
                         const char  *name,
                         guint        fallback,
                         guint       *value,
                         GError     **error)
{
  JsonNode *node = json_object_get_member (params, name);
  gint64 number;

  *value = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (number = json_node_get_int (node)) < 0 || number > G_MAXINT32)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Invalid value for parameter %s: a non-negative integer is expected.", name);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

GPtrArray *
mfm_sim_params_get_string_array (JsonObject  *params,
                                 const char  *name,
                                 GError     **error)
{
  JsonNode *node = json_object_get_member (params, name);
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Missing or invalid parameter: %s.", name);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                       "Invalid parameter %s: element %u is not a reference.", name, i + 1);
          return NULL;
        }
      g_ptr_array_add (strings, (gpointer) json_node_get_string (element));
    }
  if (strings->len == 0)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Parameter %s is empty.", name);
      return NULL;
    }

  return g_steal_pointer (&strings);
}

gboolean
mfm_sim_params_get_deconfigure_action (JsonObject            *params,
                                       MfmDeconfigureAction  *action,
                                       GError               **error)
{
  const char *text = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION);
  JsonNode *node = json_object_get_member (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION);

  /* Micetro's dialogs default to disabling the partner's copy. */
  *action = MFM_DECONFIGURE_DISABLE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (text == NULL || !mfm_wire_deconfigure_action_from_string (text, action))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Invalid value for parameter %s: None, Disable or Delete is expected.",
                   MFM_WIRE_PARAM_DECONFIGURE_ACTION);
      return FALSE;
    }
  return TRUE;
}

MfmSimFilter *
mfm_sim_params_get_filter (JsonObject  *params,
                           GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_FILTER);
  MfmSimFilter *filter = mfm_sim_filter_new (text, &local_error);

  if (filter == NULL)
    g_set_error_literal (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT, local_error->message);
  return filter;
}

gboolean
mfm_sim_params_get_paging (JsonObject  *params,
                           guint        max,
                           guint       *offset,
                           guint       *limit,
                           GError     **error)
{
  if (!mfm_sim_params_get_uint (params, MFM_WIRE_PARAM_OFFSET, 0, offset, error) ||
      !mfm_sim_params_get_uint (params, MFM_WIRE_PARAM_LIMIT, max, limit, error))
    return FALSE;
  if (*limit == 0 || *limit > max)
    *limit = max;
  return TRUE;
}

gboolean
mfm_sim_params_check_known (const char  *method,
                            JsonObject  *params,
                            GError     **error)
{
  const char * const *known = mfm_wire_command_parameters (method);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (known == NULL)
    return TRUE;

  json_object_iter_init (&iter, params);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (known, name))
      {
        g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                     "Invalid parameter: %s is not a parameter of %s.", name, method);
        return FALSE;
      }

  return TRUE;
}

gboolean
mfm_sim_params_is_valid_name (const char *name)
{
  if (!g_ascii_isalnum (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

gboolean
mfm_sim_params_check_ports (MfmRelationship  *relationship,
                            JsonObject       *object,
                            gboolean          for_add,
                            GError          **error)
{
  guint port_fields[] = { MFM_SIM_FIELD_PORT, MFM_SIM_FIELD_PEER_PORT };

  for (guint i = 0; i < G_N_ELEMENTS (port_fields); i++)
    {
      guint field = port_fields[i];
      guint value = fields[field].get (relationship);

      if (!for_add && !mfm_sim_params_field_sent (object, field, relationship))
        continue;
      if (value < 1 || value > 65535)
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                       "Invalid port %u: a port must be between 1 and 65535.", value);
          return FALSE;
        }
    }

  return TRUE;
}

/* The members this dialect's relationship objects may have: the ones it lists, and the
 * documented ones Add may send. */
static gboolean
is_relationship_member (const MfmWireDialect *dialect,
                        const char           *member)
{
  static const MfmWireMember documented[] = {
    MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE, MFM_WIRE_MEMBER_SAFE_PERIOD,
    MFM_WIRE_MEMBER_FAILOVER_MODE, MFM_WIRE_MEMBER_SCOPE_REFS,
  };
  g_autoptr(MfmRelationship) probe = mfm_relationship_new ();
  g_autoptr(JsonNode) node = NULL;
  const char *refs[] = { "probe", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    if (g_str_equal (member, mfm_wire_member_name (documented[i])))
      return TRUE;

  mfm_relationship_set_name (probe, "probe");
  mfm_relationship_set_primary_server (probe, "probe");
  mfm_relationship_set_secondary_server (probe, "probe");
  mfm_relationship_set_primary_server_ref (probe, "probe");
  mfm_relationship_set_secondary_server_ref (probe, "probe");
  mfm_relationship_set_failover_mode (probe, "probe");
  mfm_relationship_set_state (probe, "probe");
  mfm_relationship_set_scope_refs (probe, refs);
  node = mfm_wire_relationship_to_json_dialect (probe, dialect);

  return json_object_has_member (json_node_get_object (node), member);
}

JsonObject *
mfm_sim_params_get_relationship (JsonObject            *params,
                                 const MfmWireDialect  *dialect,
                                 GError               **error)
{
  JsonNode *node = json_object_get_member (params, MFM_WIRE_PARAM_RELATIONSHIP);
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Missing or invalid parameter: %s.", MFM_WIRE_PARAM_RELATIONSHIP);
      return NULL;
    }

  /* Strict, so that a member name this server does not know cannot pass unnoticed. */
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    if (!is_relationship_member (dialect, member))
      {
        g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                     "Invalid parameter %s: unknown member %s.", MFM_WIRE_PARAM_RELATIONSHIP,
                     member);
        return NULL;
      }

  return json_node_get_object (node);
}

MfmRelationship *
mfm_sim_params_parse_relationship (JsonObject  *object,
                                   GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(GError) local_error = NULL;
  MfmRelationship *relationship = mfm_wire_relationship_from_json (node, &local_error);

  if (relationship == NULL)
    g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                 "Invalid failover relationship: %s", local_error->message);
  else if (mfm_relationship_get_name (relationship) == NULL ||
           *mfm_relationship_get_name (relationship) == '\0')
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "The failover relationship has no name.");
      g_clear_object (&relationship);
    }

  return relationship;
}
