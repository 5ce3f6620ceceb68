/* mfm-sim-sessions.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include "mfm-simulator-private.h"

/* Who is calling: Login, Logout, the session every other command carries (expiring after
 * "session-ttl") and HasAccess, the permission question. Each runs with the lock held. */

static char *
new_session_id (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char id[21];

  for (guint i = 0; i < 20; i++)
    id[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  id[20] = '\0';
  return g_strdup (id);
}

void
mfm_sim_session_free (MfmSimSession *session)
{
  g_free (session->user);
  g_free (session);
}

JsonNode *
mfm_sim_sessions_login (MfmSimulator   *self,
                        MfmSimSession  *no_session,
                        JsonObject     *params,
                        MfmSimJournal  *journal,
                        GError        **error)
{
  const char *user = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_LOGIN_NAME);
  const char *password = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_PASSWORD);
  g_autoptr(JsonObject) result = json_object_new ();
  MfmSimSession *session;
  char *id;

  if (user == NULL || password == NULL ||
      !((g_str_equal (user, "admin") && g_str_equal (password, "admin")) ||
        (g_str_equal (user, "reviewer") && g_str_equal (password, "reviewer")) ||
        (g_str_equal (user, "viewer") && g_str_equal (password, "viewer"))))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_WIRE_CODE_BAD_CREDENTIALS,
                   "Invalid username or password.");
      return NULL;
    }

  session = g_new0 (MfmSimSession, 1);
  session->user = g_strdup (user);
  session->read_only = g_str_equal (user, "viewer");
  session->created = g_get_monotonic_time ();
  id = new_session_id ();
  g_hash_table_insert (self->sessions, id, session);
  json_object_set_string_member (result, MFM_WIRE_RESULT_SESSION, id);

  return json_node_init_object (json_node_alloc (), result);
}

MfmSimSession *
mfm_sim_sessions_check (MfmSimulator  *self,
                        JsonObject    *params,
                        GError       **error)
{
  const char *id = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_SESSION);
  MfmSimSession *session;

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_WIRE_CODE_MISSING_SESSION, "Missing Session ID.");
      return NULL;
    }
  session = g_hash_table_lookup (self->sessions, id);
  if (session == NULL)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_WIRE_CODE_INVALID_SESSION, "Invalid session ID.");
      return NULL;
    }
  if (!session->expired && self->session_ttl > 0 &&
      g_get_monotonic_time () - session->created > (gint64) self->session_ttl * G_USEC_PER_SEC)
    session->expired = TRUE;
  if (session->expired)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_WIRE_CODE_INVALID_SESSION,
                   "Invalid session ID: the session has expired. Log in again.");
      return NULL;
    }

  return session;
}

/* HasAccess for DHCP servers, with the access names of Micetro's permissions reference: the
 * read-only user has the ones that only read, the administrator all of them. */
JsonNode *
mfm_sim_sessions_has_access (MfmSimulator   *self,
                             MfmSimSession  *session,
                             JsonObject     *params,
                             MfmSimJournal  *journal,
                             GError        **error)
{
  static const struct {
    const char *name;
    gboolean    reads_only;
  } dhcp_server_access[] = {
    { "access_editAccess", FALSE },
    { "access_list", TRUE },
    { "access_viewHistory", TRUE },
    { "access_readOptions", TRUE },
    { "access_options", FALSE },
    { MFM_WIRE_ACCESS_ADD_SCOPE, FALSE },
    { "access_editProperties", FALSE },
    { "access_reservations", FALSE },
    { "access_addGroup", FALSE },
    { "access_readClassData", TRUE },
    { "access_classData", FALSE },
  };
  const char *access_name;
  const char *obj_type;
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(JsonArray) entries = json_array_new ();
  gboolean granted = FALSE, known = FALSE;

  if (!mfm_sim_params_check_optional_strings (params, error, MFM_WIRE_PARAM_OBJ_TYPE, NULL) ||
      !(access_name = mfm_sim_params_require_string (params, MFM_WIRE_PARAM_ACCESS_NAME, error)) ||
      !(refs = mfm_sim_params_get_string_array (params, MFM_WIRE_PARAM_OBJ_REFS, error)))
    return NULL;

  obj_type = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_OBJ_TYPE);
  if (obj_type != NULL && !g_str_equal (obj_type, MFM_WIRE_OBJ_TYPE_DHCP_SERVER))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Invalid value for parameter %s: the simulator knows access to %s only.",
                   MFM_WIRE_PARAM_OBJ_TYPE, MFM_WIRE_OBJ_TYPE_DHCP_SERVER);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (dhcp_server_access); i++)
    if (g_str_equal (dhcp_server_access[i].name, access_name))
      {
        known = TRUE;
        granted = !session->read_only || dhcp_server_access[i].reads_only;
      }
  if (!known)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Invalid value for parameter %s: unknown access name %s.",
                   MFM_WIRE_PARAM_ACCESS_NAME, access_name);
      return NULL;
    }

  for (guint i = 0; i < refs->len; i++)
    {
      MfmServer *server = mfm_sim_store_resolve_server (self, g_ptr_array_index (refs, i), error);

      if (server == NULL)
        return NULL;
      json_array_add_element (entries, mfm_wire_has_access_entry (mfm_server_get_ref (server),
                                                                  mfm_server_get_name (server),
                                                                  granted));
    }

  return mfm_wire_list_result (MFM_WIRE_RESULT_HAS_ACCESS_ENTRIES, entries, -1);
}

JsonNode *
mfm_sim_sessions_logout (MfmSimulator   *self,
                         MfmSimSession  *session,
                         JsonObject     *params,
                         MfmSimJournal  *journal,
                         GError        **error)
{
  g_hash_table_remove (self->sessions, mfm_sim_params_get_string (params, MFM_WIRE_PARAM_SESSION));
  return json_node_init_string (json_node_alloc (), "");
}
