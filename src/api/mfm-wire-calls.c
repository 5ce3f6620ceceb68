/* mfm-wire-calls.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-wire-calls"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-error.h"
#include "mfm-wire.h"
#include "mfm-wire-private.h"

/* The parameters of the calls the client makes: what a change sends, the filter for one
 * server's scopes, the access check, and which parameters each command takes. */

/* ---------------------------------------------------------------------------------------- */
/* Deconfigure actions                                                                       */

static const char * const deconfigure_names[] = {
  [MFM_DECONFIGURE_NONE] = MFM_WIRE_DECONFIGURE_NONE,
  [MFM_DECONFIGURE_DISABLE] = MFM_WIRE_DECONFIGURE_DISABLE,
  [MFM_DECONFIGURE_DELETE] = MFM_WIRE_DECONFIGURE_DELETE,
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
mfm_wire_add_string_array (JsonBuilder        *builder,
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
relationship_call (const char             *method,
                   MfmRelationship        *relationship,
                   MfmWireRelationshipUse  use,
                   const char             *comment,
                   const MfmWireDialect   *dialect)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_RELATIONSHIP);
  json_builder_add_value (builder, mfm_wire_relationship_to_json_for (relationship, use, dialect));
  add_comment (builder, comment);
  json_builder_end_object (builder);

  return call_new (method, builder);
}

MfmWireCall *
mfm_wire_call_add_relationship (MfmRelationship      *relationship,
                                const char           *comment,
                                const MfmWireDialect *dialect)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  return relationship_call (MFM_WIRE_ADD_RELATIONSHIP, relationship,
                            MFM_WIRE_RELATIONSHIP_FOR_ADD, comment, dialect);
}

MfmWireCall *
mfm_wire_call_modify_relationship (MfmRelationship      *relationship,
                                   const char           *comment,
                                   const MfmWireDialect *dialect)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  return relationship_call (MFM_WIRE_MODIFY_RELATIONSHIP, relationship,
                            MFM_WIRE_RELATIONSHIP_FOR_MODIFY, comment, dialect);
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
  mfm_wire_add_string_array (builder, MFM_WIRE_PARAM_SCOPE_REFS, scope_refs);
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
mfm_wire_calls_for_change (MfmChange            *change,
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
      g_ptr_array_add (calls, mfm_wire_call_add_relationship (relationship, comment, dialect));
      break;

    case MFM_CHANGE_MODIFY:
      g_ptr_array_add (calls, mfm_wire_call_modify_relationship (relationship, comment,
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

/* ---------------------------------------------------------------------------------------- */
/* Reading, and asking about permissions                                                     */

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
      return g_strconcat (MFM_WIRE_KEY_SCOPE_SERVER_REF, MFM_WIRE_FILTER_EQUALS, quoted->str, NULL);
    }

  return g_strconcat (MFM_WIRE_KEY_SCOPE_SERVER_REF, MFM_WIRE_FILTER_EQUALS, server_ref, NULL);
}

MfmWireCall *
mfm_wire_call_has_access (const char * const *server_refs)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_ACCESS_NAME);
  json_builder_add_string_value (builder, MFM_WIRE_ACCESS_ADD_SCOPE);
  mfm_wire_add_string_array (builder, MFM_WIRE_PARAM_OBJ_REFS, server_refs);
  json_builder_set_member_name (builder, MFM_WIRE_PARAM_OBJ_TYPE);
  json_builder_add_string_value (builder, MFM_WIRE_OBJ_TYPE_DHCP_SERVER);
  json_builder_end_object (builder);

  return call_new (MFM_WIRE_HAS_ACCESS, builder);
}

gboolean
mfm_wire_method_is_read (const char *method)
{
  return method != NULL &&
         (g_str_has_prefix (method, MFM_WIRE_READ_PREFIX) || g_str_equal (method,
                                                                          MFM_WIRE_HAS_ACCESS));
}
