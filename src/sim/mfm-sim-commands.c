/* mfm-sim-commands.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "mfm-simulator-private.h"

/* The commands the simulator answers, each a handler in the table at the end. Each runs with
 * the simulator's lock held; a write gets a journal, so that a refused change can be rolled
 * back exactly. */

static guint
max_page (MfmSimulator *self)
{
  return self->max_page_size > 0 ? self->max_page_size : MFM_SIM_DEFAULT_MAX_PAGE;
}

typedef struct
{
  const char *member;
  gboolean    descending;
} SortSpec;

static int
compare_objects (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  SortSpec *spec = user_data;
  g_autofree char *text_a = mfm_sim_filter_member_text (json_object_get_member (*(JsonObject **) a, spec->member));
  g_autofree char *text_b = mfm_sim_filter_member_text (json_object_get_member (*(JsonObject **) b, spec->member));
  int result = g_strcmp0 (text_a, text_b);

  return spec->descending ? -result : result;
}

/* A page of @objects (JsonObject, already filtered and sorted) as {member:[…], totalResults}. */
static JsonNode *
page_result (const char *member,
             GPtrArray  *objects,
             guint       offset,
             guint       limit)
{
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *array = json_array_sized_new (MIN (limit, objects->len));

  for (guint i = offset; i < objects->len && i - offset < limit; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (objects, i)));
  json_object_set_array_member (result, member, array);
  json_object_set_int_member (result, MFM_WIRE_RESULT_TOTAL, objects->len);

  return json_node_init_object (json_node_alloc (), result);
}

static JsonNode *
empty_result (void)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_string (node, "");
  return node;
}

static JsonNode *
command_get_servers (MfmSimulator   *self,
                     MfmSimSession  *session,
                     JsonObject     *params,
                     MfmSimJournal  *journal,
                     GError        **error)
{
  g_autoptr(MfmSimFilter) filter = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char *sort_by = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_SORT_BY);
  const char *sort_order = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_SORT_ORDER);
  gboolean descending = sort_order != NULL && g_ascii_strcasecmp (sort_order, MFM_WIRE_SORT_DESCENDING) == 0;
  GPtrArray *servers;
  guint offset, limit;

  if (!mfm_sim_params_check_optional_strings (params, error, MFM_WIRE_PARAM_FILTER,
                                              MFM_WIRE_PARAM_SORT_BY, MFM_WIRE_PARAM_SORT_ORDER,
                                              NULL) ||
      !mfm_sim_params_get_paging (params, max_page (self), &offset, &limit, error) ||
      (filter = mfm_sim_params_get_filter (params, error)) == NULL)
    return NULL;

  /* Sorted by name unless asked otherwise; the sorted list is kept until something changes. */
  servers = mfm_sim_store_get_servers_by_name (self);

  /* Neither filtered nor sorted by a member: only the page is looked at, so that paging
   * through a large estate costs the page, not the estate. */
  if (mfm_sim_filter_get_n_clauses (filter) == 0 && sort_by == NULL)
    {
      g_autoptr(JsonObject) result = json_object_new ();
      JsonArray *array = json_array_sized_new (MIN (limit, servers->len));

      for (guint i = offset; i < servers->len && i - offset < limit; i++)
        {
          guint index = descending ? servers->len - 1 - i : i;
          JsonObject *object = mfm_sim_store_server_json (self, g_ptr_array_index (servers, index));

          json_array_add_object_element (array, json_object_ref (object));
        }
      json_object_set_array_member (result, MFM_WIRE_RESULT_SERVERS, array);
      json_object_set_int_member (result, MFM_WIRE_RESULT_TOTAL, servers->len);
      return json_node_init_object (json_node_alloc (), result);
    }

  for (guint i = 0; i < servers->len; i++)
    {
      guint index = descending && sort_by == NULL ? servers->len - 1 - i : i;
      JsonObject *object = mfm_sim_store_server_json (self, g_ptr_array_index (servers, index));

      if (mfm_sim_filter_matches (filter, object))
        g_ptr_array_add (matching, json_object_ref (object));
    }

  if (sort_by != NULL)
    {
      SortSpec spec = { sort_by, descending };

      g_ptr_array_sort_with_data (matching, compare_objects, &spec);
    }

  return page_result (MFM_WIRE_RESULT_SERVERS, matching, offset, limit);
}

static JsonNode *
command_get_scopes (MfmSimulator   *self,
                    MfmSimSession  *session,
                    JsonObject     *params,
                    MfmSimJournal  *journal,
                    GError        **error)
{
  g_autoptr(MfmSimFilter) filter = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) scopes = NULL;
  const char *server_ref;
  guint offset, limit;

  if (!mfm_sim_params_check_optional_strings (params, error, MFM_WIRE_PARAM_FILTER,
                                              MFM_WIRE_PARAM_FOLDER_REF, NULL) ||
      !mfm_sim_params_get_paging (params, max_page (self), &offset, &limit, error) ||
      (filter = mfm_sim_params_get_filter (params, error)) == NULL)
    return NULL;

  /* One server's scopes, as clients ask for them: only that server's are matched. */
  server_ref = mfm_sim_filter_get_exact (filter, MFM_WIRE_PARAM_SERVER_REF);
  if (server_ref != NULL)
    {
      MfmServer *server = mfm_inventory_lookup_server (self->inventory, server_ref);

      scopes = server != NULL ? mfm_inventory_get_scopes_for_server (self->inventory, server_ref)
                              : g_ptr_array_new ();
    }
  else
    {
      GListModel *all = mfm_inventory_get_scopes (self->inventory);
      guint n = g_list_model_get_n_items (all);

      scopes = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (scopes, g_list_model_get_item (all, i));
    }

  /* With nothing more to match only the page is serialised: 50,000 scopes stay cheap to page
   * through. */
  if (mfm_sim_filter_get_n_clauses (filter) == (server_ref != NULL ? 1 : 0))
    {
      g_autoptr(JsonObject) result = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = offset; i < scopes->len && i - offset < limit; i++)
        json_array_add_element (array,
                                mfm_sim_store_scope_json (self, g_ptr_array_index (scopes, i)));
      json_object_set_array_member (result, MFM_WIRE_RESULT_SCOPES, array);
      json_object_set_int_member (result, MFM_WIRE_RESULT_TOTAL, scopes->len);
      return json_node_init_object (json_node_alloc (), result);
    }

  for (guint i = 0; i < scopes->len; i++)
    {
      g_autoptr(JsonNode) node = mfm_sim_store_scope_json (self, g_ptr_array_index (scopes, i));
      JsonObject *object = json_node_get_object (node);

      if (mfm_sim_filter_matches (filter, object))
        g_ptr_array_add (matching, json_object_ref (object));
    }

  return page_result (MFM_WIRE_RESULT_SCOPES, matching, offset, limit);
}

/* First and last address of an IPv4 network; NULL for anything else. */
static gboolean
network_bounds (const char  *cidr,
                char       **from,
                char       **to)
{
  g_auto(GStrv) parts = g_strsplit (cidr, "/", 2);
  guint8 bytes[4];
  guint64 length;
  guint32 address, mask;

  *from = *to = NULL;
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 32, &length, NULL) ||
      sscanf (parts[0], "%hhu.%hhu.%hhu.%hhu", &bytes[0], &bytes[1], &bytes[2], &bytes[3]) != 4)
    return FALSE;

  address = ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
  mask = length == 0 ? 0 : G_MAXUINT32 << (32 - length);
  address &= mask;
  *from = g_strdup_printf ("%u.%u.%u.%u", address >> 24, (address >> 16) & 0xff,
                           (address >> 8) & 0xff, address & 0xff);
  address |= ~mask;
  *to = g_strdup_printf ("%u.%u.%u.%u", address >> 24, (address >> 16) & 0xff,
                         (address >> 8) & 0xff, address & 0xff);
  return TRUE;
}

static JsonNode *
command_get_range (MfmSimulator   *self,
                   MfmSimSession  *session,
                   JsonObject     *params,
                   MfmSimJournal  *journal,
                   GError        **error)
{
  const char *range_ref = mfm_sim_params_require_string (params, MFM_WIRE_PARAM_RANGE_REF, error);
  const char *subnet;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (range_ref == NULL)
    return NULL;
  subnet = mfm_sim_store_get_range_subnet (self, range_ref);
  if (subnet == NULL)
    {
      mfm_sim_set_not_found (error, range_ref);
      return NULL;
    }

  network_bounds (subnet, &from, &to);
  return mfm_wire_range_result (range_ref, subnet, from, to);
}

static JsonNode *
command_get_address_pools (MfmSimulator   *self,
                           MfmSimSession  *session,
                           JsonObject     *params,
                           MfmSimJournal  *journal,
                           GError        **error)
{
  const char *scope_ref = mfm_sim_params_require_string (params, MFM_WIRE_PARAM_SCOPE_REF, error);
  MfmScope *scope;

  if (scope_ref == NULL)
    return NULL;
  scope = mfm_inventory_lookup_scope (self->inventory, scope_ref);
  if (scope == NULL)
    {
      mfm_sim_set_not_found (error, scope_ref);
      return NULL;
    }

  return mfm_wire_pools_to_json (scope);
}

static JsonNode *
command_get_relationships (MfmSimulator   *self,
                           MfmSimSession  *session,
                           JsonObject     *params,
                           MfmSimJournal  *journal,
                           GError        **error)
{
  g_autoptr(JsonObject) result = json_object_new ();
  const char *server_ref = mfm_sim_params_get_string (params, MFM_WIRE_PARAM_SERVER_REF);
  JsonArray *array;

  if (!mfm_sim_params_check_optional_strings (params, error, MFM_WIRE_PARAM_SERVER_REF, NULL))
    return NULL;
  array = json_array_new ();
  json_object_set_array_member (result, MFM_WIRE_RESULT_RELATIONSHIPS, array);

  if (server_ref != NULL)
    {
      g_autoptr(GPtrArray) relationships = NULL;
      MfmServer *server = mfm_sim_store_resolve_server (self, server_ref, error);

      if (server == NULL)
        return NULL;
      relationships = mfm_inventory_get_relationships_for_server (self->inventory,
                                                                  mfm_server_get_ref (server));
      for (guint i = 0; i < relationships->len; i++)
        {
          MfmRelationship *relationship = g_ptr_array_index (relationships, i);

          json_array_add_element (array, mfm_sim_store_relationship_json (self, relationship));
        }
    }
  else
    {
      GListModel *all = mfm_inventory_get_relationships (self->inventory);
      guint n = g_list_model_get_n_items (all);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MfmRelationship) relationship = g_list_model_get_item (all, i);

          json_array_add_element (array, mfm_sim_store_relationship_json (self, relationship));
        }
    }

  return json_node_init_object (json_node_alloc (), result);
}

/* The server a relationship names for one side, by ref or else by name. */
static MfmServer *
resolve_side (MfmSimulator  *self,
              const char    *ref,
              const char    *name,
              const char    *role,
              GError       **error)
{
  if (ref == NULL && name == NULL)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "The %s server of the failover relationship is missing.", role);
      return NULL;
    }

  return mfm_sim_store_resolve_server (self, ref != NULL ? ref : name, error);
}

static JsonNode *
command_add_relationship (MfmSimulator   *self,
                          MfmSimSession  *session,
                          JsonObject     *params,
                          MfmSimJournal  *journal,
                          GError        **error)
{
  JsonObject *object = mfm_sim_params_get_relationship (params, &self->dialect, error);
  g_autoptr(MfmRelationship) parsed = NULL;
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  MfmServer *primary, *secondary;
  const char *name;

  if (object == NULL || (parsed = mfm_sim_params_parse_relationship (object, error)) == NULL)
    return NULL;
  name = mfm_relationship_get_name (parsed);

  if (strlen (name) > 63 || !mfm_sim_params_is_valid_name (name))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Invalid failover name “%s”: use up to 63 letters, digits, dots, dashes and "
                   "underscores, starting with a letter or digit.", name);
      return NULL;
    }

  primary = resolve_side (self, mfm_relationship_get_primary_server_ref (parsed),
                          mfm_relationship_get_primary_server (parsed), "primary", error);
  if (primary == NULL)
    return NULL;
  secondary = resolve_side (self, mfm_relationship_get_secondary_server_ref (parsed),
                            mfm_relationship_get_secondary_server (parsed), "secondary", error);
  if (secondary == NULL)
    return NULL;

  if (!mfm_server_is_isc (primary))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "%s is not an ISC DHCP server. Use the failover settings of its own server type.",
                   mfm_server_get_name (primary));
      return NULL;
    }
  if (primary == secondary)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "The partner server must be a different server than the primary server.");
      return NULL;
    }
  if (!mfm_server_is_isc (secondary))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "The partner server %s is not an ISC DHCP server.",
                   mfm_server_get_name (secondary));
      return NULL;
    }

  if (mfm_inventory_lookup_relationship (self->inventory, name) != NULL)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "A failover relationship with the name “%s” already exists.", name);
      return NULL;
    }

  /* Values not sent keep Micetro's defaults. */
  mfm_sim_params_copy_sent_fields (object, parsed, relationship, TRUE);
  if (!mfm_sim_params_check_ports (relationship, object, TRUE, error))
    return NULL;
  if (mfm_relationship_get_percentage (relationship) > 100)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Invalid percentage %u: it must be between 0 and 100.",
                   mfm_relationship_get_percentage (relationship));
      return NULL;
    }

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server_ref (relationship, mfm_server_get_ref (primary));
  mfm_relationship_set_primary_server (relationship, mfm_server_get_name (primary));
  mfm_relationship_set_secondary_server_ref (relationship, mfm_server_get_ref (secondary));
  mfm_relationship_set_secondary_server (relationship, mfm_server_get_name (secondary));
  mfm_relationship_set_failover_mode (relationship,
                                      mfm_relationship_get_failover_mode (parsed) != NULL ?
                                      mfm_relationship_get_failover_mode (parsed) : "LoadBalance");
  mfm_relationship_set_scope_refs (relationship, NULL);
  mfm_relationship_set_state (relationship, MFM_SIM_STATE_EMPTY);

  mfm_sim_journal_touch_relationship (journal, name);
  mfm_sim_journal_touch_server (journal, mfm_server_get_ref (primary));
  mfm_sim_journal_touch_server (journal, mfm_server_get_ref (secondary));
  mfm_inventory_add_relationship (self->inventory, relationship);

  return empty_result ();
}

static gboolean
side_differs (const char *sent_ref,
              const char *sent_name,
              const char *ref,
              const char *name)
{
  return (sent_ref != NULL && g_strcmp0 (sent_ref, ref) != 0) ||
         (sent_name != NULL && g_strcmp0 (sent_name, name) != 0);
}

static JsonNode *
command_modify_relationship (MfmSimulator   *self,
                             MfmSimSession  *session,
                             JsonObject     *params,
                             MfmSimJournal  *journal,
                             GError        **error)
{
  JsonObject *object = mfm_sim_params_get_relationship (params, &self->dialect, error);
  g_autoptr(MfmRelationship) parsed = NULL;
  g_autoptr(MfmRelationship) updated = NULL;
  MfmRelationship *relationship;

  if (object == NULL || (parsed = mfm_sim_params_parse_relationship (object, error)) == NULL)
    return NULL;
  relationship = mfm_sim_store_resolve_relationship (self, mfm_relationship_get_name (parsed),
                                                     error);
  if (relationship == NULL)
    return NULL;

  if (side_differs (mfm_relationship_get_primary_server_ref (parsed),
                    mfm_relationship_get_primary_server (parsed),
                    mfm_relationship_get_primary_server_ref (relationship),
                    mfm_relationship_get_primary_server (relationship)) ||
      side_differs (mfm_relationship_get_secondary_server_ref (parsed),
                    mfm_relationship_get_secondary_server (parsed),
                    mfm_relationship_get_secondary_server_ref (relationship),
                    mfm_relationship_get_secondary_server (relationship)))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "The servers of the failover relationship “%s” cannot be changed.",
                   mfm_relationship_get_name (relationship));
      return NULL;
    }

  if (mfm_sim_params_field_sent (object, MFM_SIM_FIELD_PERCENTAGE, parsed) &&
      mfm_relationship_get_percentage (parsed) != mfm_relationship_get_percentage (relationship))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "The percentage of the failover relationship “%s” cannot be changed. Remove "
                   "the relationship and add it again to change it.",
                   mfm_relationship_get_name (relationship));
      return NULL;
    }

  if (!mfm_sim_params_check_ports (parsed, object, FALSE, error))
    return NULL;

  updated = mfm_relationship_copy (relationship);
  mfm_sim_params_copy_sent_fields (object, parsed, updated, FALSE);
  if (mfm_relationship_get_failover_mode (parsed) != NULL)
    mfm_relationship_set_failover_mode (updated, mfm_relationship_get_failover_mode (parsed));

  mfm_sim_journal_touch_relationship (journal, mfm_relationship_get_name (relationship));
  mfm_relationship_update_from (relationship, updated);

  return empty_result ();
}

/* Takes the scope pair of one relationship out of it: the peer goes from every pool on both
 * servers and the secondary's copy is left, disabled or deleted. */
static void
deconfigure_scope (MfmSimulator         *self,
                   MfmSimJournal        *journal,
                   MfmRelationship      *relationship,
                   MfmScope             *scope,
                   MfmDeconfigureAction  action)
{
  const char *primary_ref = mfm_relationship_get_primary_server_ref (relationship);
  const char *secondary_ref = mfm_relationship_get_secondary_server_ref (relationship);
  g_autoptr(MfmScope) primary_scope = NULL;
  g_autoptr(MfmScope) secondary_scope = NULL;
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
  const char * const *old_refs = mfm_relationship_get_scope_refs (relationship);
  MfmScope *found;

  if (g_strcmp0 (mfm_scope_get_server_ref (scope), primary_ref) == 0)
    {
      primary_scope = g_object_ref (scope);
      found = mfm_inventory_lookup_scope_copy (self->inventory, scope, secondary_ref);
      secondary_scope = found != NULL ? g_object_ref (found) : NULL;
    }
  else
    {
      secondary_scope = g_object_ref (scope);
      found = mfm_inventory_lookup_scope_copy (self->inventory, scope, primary_ref);
      primary_scope = found != NULL ? g_object_ref (found) : NULL;
    }

  if (primary_scope != NULL)
    {
      mfm_sim_journal_touch_scope (journal, mfm_scope_get_ref (primary_scope));
      mfm_scope_set_failover_peer (primary_scope, NULL);
    }
  if (secondary_scope != NULL)
    {
      mfm_sim_journal_touch_scope (journal, mfm_scope_get_ref (secondary_scope));
      mfm_scope_set_failover_peer (secondary_scope, NULL);
      if (action == MFM_DECONFIGURE_DISABLE)
        mfm_scope_set_enabled (secondary_scope, FALSE);
      else if (action == MFM_DECONFIGURE_DELETE)
        mfm_inventory_remove_scope (self->inventory, mfm_scope_get_ref (secondary_scope));
    }

  for (guint i = 0; old_refs != NULL && old_refs[i] != NULL; i++)
    if (g_strcmp0 (old_refs[i], mfm_scope_get_ref (scope)) != 0 &&
        (primary_scope == NULL || g_strcmp0 (old_refs[i], mfm_scope_get_ref (primary_scope)) != 0))
      g_ptr_array_add (refs, g_strdup (old_refs[i]));
  g_ptr_array_add (refs, NULL);
  mfm_sim_journal_touch_relationship (journal, mfm_relationship_get_name (relationship));
  mfm_relationship_set_scope_refs (relationship, (const char * const *) refs->pdata);
  mfm_sim_store_sync_state (self, relationship);
}

static JsonNode *
command_remove_relationships (MfmSimulator   *self,
                              MfmSimSession  *session,
                              JsonObject     *params,
                              MfmSimJournal  *journal,
                              GError        **error)
{
  JsonNode *node = json_object_get_member (params, MFM_WIRE_PARAM_REF_AND_NAMES);
  g_autoptr(GPtrArray) relationships = g_ptr_array_new_with_free_func (g_object_unref);
  MfmDeconfigureAction action;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "Missing or invalid parameter: %s.", MFM_WIRE_PARAM_REF_AND_NAMES);
      return NULL;
    }
  if (!mfm_sim_params_get_deconfigure_action (params, &action, error))
    return NULL;

  /* Check every entry before changing anything. */
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *server_ref, *name;
      MfmServer *server;
      MfmRelationship *relationship;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                       "Invalid parameter %s: element %u is not an object.",
                       MFM_WIRE_PARAM_REF_AND_NAMES, i + 1);
          return NULL;
        }
      server_ref = mfm_sim_params_require_string (json_node_get_object (element),
                                                  MFM_WIRE_PARAM_SERVER_REF, error);
      if (server_ref == NULL)
        return NULL;
      name = mfm_sim_params_require_string (json_node_get_object (element),
                                            MFM_WIRE_PARAM_RELATIONSHIP_NAME, error);
      if (name == NULL)
        return NULL;
      if ((server = mfm_sim_store_resolve_server (self, server_ref, error)) == NULL ||
          (relationship = mfm_sim_store_resolve_relationship (self, name, error)) == NULL)
        return NULL;
      if (!mfm_relationship_involves (relationship, mfm_server_get_ref (server)))
        {
          mfm_sim_set_not_found (error, name);
          return NULL;
        }
      g_ptr_array_add (relationships, g_object_ref (relationship));
    }

  for (guint i = 0; i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);
      g_auto(GStrv) scope_refs = g_strdupv ((GStrv) mfm_relationship_get_scope_refs (relationship));
      const char *name = mfm_relationship_get_name (relationship);

      if (mfm_inventory_lookup_relationship (self->inventory, name) != relationship)
        continue;   /* named twice */
      mfm_sim_journal_touch_relationship (journal, name);
      for (guint j = 0; scope_refs != NULL && scope_refs[j] != NULL; j++)
        {
          MfmScope *scope = mfm_inventory_lookup_scope (self->inventory, scope_refs[j]);

          if (scope != NULL)
            deconfigure_scope (self, journal, relationship, scope, action);
        }
      mfm_inventory_remove_relationship (self->inventory, name);
    }

  return empty_result ();
}

/* The relationship and server of the scope commands, checked. */
static MfmRelationship *
resolve_scope_command (MfmSimulator  *self,
                       JsonObject    *params,
                       MfmServer    **server,
                       GPtrArray    **scope_refs,
                       GError       **error)
{
  const char *server_ref = mfm_sim_params_require_string (params, MFM_WIRE_PARAM_SERVER_REF, error);
  const char *name;
  MfmRelationship *relationship;

  if (server_ref == NULL)
    return NULL;
  name = mfm_sim_params_require_string (params, MFM_WIRE_PARAM_RELATIONSHIP_NAME, error);
  if (name == NULL)
    return NULL;
  *scope_refs = mfm_sim_params_get_string_array (params, MFM_WIRE_PARAM_SCOPE_REFS, error);
  if (*scope_refs == NULL)
    return NULL;
  *server = mfm_sim_store_resolve_server (self, server_ref, error);
  if (*server == NULL)
    return NULL;
  relationship = mfm_sim_store_resolve_relationship (self, name, error);
  if (relationship == NULL)
    return NULL;
  if (!mfm_relationship_involves (relationship, mfm_server_get_ref (*server)))
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "%s is not a server of the failover relationship “%s”.",
                   mfm_server_get_name (*server), name);
      return NULL;
    }

  return relationship;
}

static MfmScope *
resolve_scope_on (MfmSimulator  *self,
                  const char    *scope_ref,
                  MfmServer     *server,
                  GError       **error)
{
  MfmScope *scope = mfm_inventory_lookup_scope (self->inventory, scope_ref);

  if (scope == NULL)
    {
      mfm_sim_set_not_found (error, scope_ref);
      return NULL;
    }
  if (g_strcmp0 (mfm_scope_get_server_ref (scope), mfm_server_get_ref (server)) != 0)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                   "The scope %s (%s) is not on %s.", mfm_scope_get_name (scope),
                   mfm_scope_get_subnet (scope), mfm_server_get_name (server));
      return NULL;
    }

  return scope;
}

static JsonNode *
command_add_scopes (MfmSimulator   *self,
                    MfmSimSession  *session,
                    JsonObject     *params,
                    MfmSimJournal  *journal,
                    GError        **error)
{
  g_autoptr(GPtrArray) scope_refs = NULL;
  g_autoptr(GPtrArray) new_refs = g_ptr_array_new_with_free_func (g_free);
  MfmServer *server = NULL;
  MfmRelationship *relationship;
  const char *name;
  const char *other_ref;
  gboolean on_primary;

  relationship = resolve_scope_command (self, params, &server, &scope_refs, error);
  if (relationship == NULL)
    return NULL;
  name = mfm_relationship_get_name (relationship);
  on_primary = g_strcmp0 (mfm_server_get_ref (server),
                          mfm_relationship_get_primary_server_ref (relationship)) == 0;
  other_ref = on_primary ? mfm_relationship_get_secondary_server_ref (relationship) :
                           mfm_relationship_get_primary_server_ref (relationship);

  /* Check every scope before changing anything. */
  for (guint i = 0; i < scope_refs->len; i++)
    {
      MfmScope *scope = resolve_scope_on (self, g_ptr_array_index (scope_refs, i), server, error);
      MfmScope *copy;
      const char *peer;

      if (scope == NULL)
        return NULL;
      if (mfm_scope_get_pool_count (scope) == 0)
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                       "The scope %s (%s) has no address pool. Add a pool to the scope before "
                       "adding it to a failover relationship.",
                       mfm_scope_get_name (scope), mfm_scope_get_subnet (scope));
          return NULL;
        }
      peer = mfm_scope_get_relationship_name (scope);
      if (peer != NULL && g_strcmp0 (peer, name) != 0)
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                       "The scope %s (%s) is already in the failover relationship “%s”. A scope "
                       "can only be in one failover relationship.",
                       mfm_scope_get_name (scope), mfm_scope_get_subnet (scope), peer);
          return NULL;
        }
      copy = mfm_inventory_lookup_scope_copy (self->inventory, scope, other_ref);
      peer = copy != NULL ? mfm_scope_get_relationship_name (copy) : NULL;
      if (peer != NULL && g_strcmp0 (peer, name) != 0)
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                       "The copy of the scope %s (%s) on the partner server is in the failover "
                       "relationship “%s”. A scope can only be in one failover relationship.",
                       mfm_scope_get_name (scope), mfm_scope_get_subnet (scope), peer);
          return NULL;
        }
    }

  mfm_sim_journal_touch_relationship (journal, name);
  for (guint i = 0; i < scope_refs->len; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (self->inventory, g_ptr_array_index (scope_refs, i));
      MfmScope *copy = mfm_inventory_lookup_scope_copy (self->inventory, scope, other_ref);

      mfm_sim_journal_touch_scope (journal, mfm_scope_get_ref (scope));
      mfm_scope_set_failover_peer (scope, name);

      if (copy == NULL)
        {
          g_autofree char *ref = g_strdup_printf ("dhcpScopes/%u", ++self->next_scope_id);
          g_autoptr(MfmScope) created = mfm_scope_new (ref, mfm_scope_get_name (scope), other_ref,
                                                       mfm_scope_get_subnet (scope));
          GPtrArray *pools = mfm_scope_get_pools (scope);

          mfm_scope_set_description (created, mfm_scope_get_description (scope));
          for (guint p = 0; p < pools->len; p++)
            {
              MfmAddressPool *pool = g_ptr_array_index (pools, p);

              mfm_scope_add_pool (created, pool->start, pool->end, name);
            }
          mfm_sim_journal_touch_scope (journal, ref);
          mfm_sim_journal_touch_server (journal, other_ref);
          copy = mfm_inventory_add_scope (self->inventory, created);
        }
      else
        {
          mfm_sim_journal_touch_scope (journal, mfm_scope_get_ref (copy));
          mfm_scope_set_failover_peer (copy, name);
        }
      mfm_scope_set_enabled (copy, TRUE);

      if (!mfm_relationship_has_scope (relationship, on_primary ? mfm_scope_get_ref (scope) :
                                                                  mfm_scope_get_ref (copy)))
        g_ptr_array_add (new_refs, g_strdup (on_primary ? mfm_scope_get_ref (scope) :
                                                          mfm_scope_get_ref (copy)));
    }

  if (new_refs->len > 0)
    {
      const char * const *old_refs = mfm_relationship_get_scope_refs (relationship);
      g_autoptr(GPtrArray) refs = g_ptr_array_new ();

      for (guint i = 0; old_refs != NULL && old_refs[i] != NULL; i++)
        g_ptr_array_add (refs, (gpointer) old_refs[i]);
      for (guint i = 0; i < new_refs->len; i++)
        g_ptr_array_add (refs, g_ptr_array_index (new_refs, i));
      g_ptr_array_add (refs, NULL);
      mfm_relationship_set_scope_refs (relationship, (const char * const *) refs->pdata);
    }
  mfm_sim_store_sync_state (self, relationship);

  return empty_result ();
}

static JsonNode *
command_remove_scopes (MfmSimulator   *self,
                       MfmSimSession  *session,
                       JsonObject     *params,
                       MfmSimJournal  *journal,
                       GError        **error)
{
  g_autoptr(GPtrArray) scope_refs = NULL;
  MfmServer *server = NULL;
  MfmRelationship *relationship;
  MfmDeconfigureAction action;

  relationship = resolve_scope_command (self, params, &server, &scope_refs, error);
  if (relationship == NULL || !mfm_sim_params_get_deconfigure_action (params, &action, error))
    return NULL;

  for (guint i = 0; i < scope_refs->len; i++)
    {
      MfmScope *scope = resolve_scope_on (self, g_ptr_array_index (scope_refs, i), server, error);

      if (scope == NULL)
        return NULL;
      if (g_strcmp0 (mfm_scope_get_relationship_name (scope),
                     mfm_relationship_get_name (relationship)) != 0 &&
          !mfm_relationship_has_scope (relationship, mfm_scope_get_ref (scope)))
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT,
                       "The scope %s (%s) is not in the failover relationship “%s”.",
                       mfm_scope_get_name (scope), mfm_scope_get_subnet (scope),
                       mfm_relationship_get_name (relationship));
          return NULL;
        }
    }

  for (guint i = 0; i < scope_refs->len; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (self->inventory, g_ptr_array_index (scope_refs, i));

      /* An earlier entry may have deleted it as the secondary's copy. */
      if (scope != NULL)
        deconfigure_scope (self, journal, relationship, scope, action);
    }

  return empty_result ();
}

typedef JsonNode *(*CommandFunc) (MfmSimulator   *self,
                                  MfmSimSession  *session,
                                  JsonObject     *params,
                                  MfmSimJournal  *journal,
                                  GError        **error);

typedef enum
{
  COMMAND_LOGIN,    /* needs no session */
  COMMAND_READ,
  COMMAND_WRITE,    /* refused to the read-only user, journaled, may be made to fail */
} CommandKind;

typedef struct
{
  const char  *method;
  CommandFunc  handler;
  CommandKind  kind;
} Command;

static const Command commands[] = {
  { MFM_WIRE_LOGIN, mfm_sim_sessions_login, COMMAND_LOGIN },
  { MFM_WIRE_HAS_ACCESS, mfm_sim_sessions_has_access, COMMAND_READ },
  { MFM_WIRE_LOGOUT, mfm_sim_sessions_logout, COMMAND_READ },
  { MFM_WIRE_GET_SERVERS, command_get_servers, COMMAND_READ },
  { MFM_WIRE_GET_SCOPES, command_get_scopes, COMMAND_READ },
  { MFM_WIRE_GET_ADDRESS_POOLS, command_get_address_pools, COMMAND_READ },
  { MFM_WIRE_GET_RANGE, command_get_range, COMMAND_READ },
  { MFM_WIRE_GET_RELATIONSHIPS, command_get_relationships, COMMAND_READ },
  { MFM_WIRE_ADD_RELATIONSHIP, command_add_relationship, COMMAND_WRITE },
  { MFM_WIRE_MODIFY_RELATIONSHIP, command_modify_relationship, COMMAND_WRITE },
  { MFM_WIRE_REMOVE_RELATIONSHIPS, command_remove_relationships, COMMAND_WRITE },
  { MFM_WIRE_ADD_SCOPES, command_add_scopes, COMMAND_WRITE },
  { MFM_WIRE_REMOVE_SCOPES, command_remove_scopes, COMMAND_WRITE },
};

JsonNode *
mfm_sim_commands_dispatch (MfmSimulator  *self,
                           const char    *method,
                           JsonObject    *params,
                           GError       **error)
{
  const Command *command = NULL;
  g_autoptr(MfmSimJournal) journal = NULL;
  MfmSimSession *session = NULL;
  JsonNode *result;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].method, method) == 0)
      command = &commands[i];
  if (command == NULL)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_METHOD_NOT_FOUND,
                   "Unknown command: %s", method);
      return NULL;
    }

  if (command->kind != COMMAND_LOGIN &&
      (session = mfm_sim_sessions_check (self, params, error)) == NULL)
    return NULL;
  if (!mfm_sim_params_check_known (method, params, error))
    return NULL;
  if (command->kind != COMMAND_WRITE)
    return command->handler (self, session, params, NULL, error);

  if (session->read_only)
    {
      g_set_error (error, MFM_SIM_ERROR, MFM_WIRE_CODE_ACCESS_DENIED,
                   "You do not have access to perform that action.");
      return NULL;
    }
  if (self->writes_ok_before > 0)
    self->writes_ok_before--;
  else if (self->writes_to_fail > 0)
    {
      self->writes_to_fail--;
      g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_SIMULATED_FAILURE,
                   "Simulated failure: the DHCP server did not accept the change.");
      return NULL;
    }

  journal = mfm_sim_journal_new (self->inventory);
  result = command->handler (self, session, params, journal, error);
  if (result == NULL || !mfm_sim_store_commit (self, journal, error))
    {
      g_clear_pointer (&result, json_node_unref);
      mfm_sim_store_rollback (self, journal);
      return NULL;
    }

  if (self->reset_armed && (self->reset_method == NULL || g_strcmp0 (self->reset_method, method) == 0))
    {
      if (self->reset_ok_before > 0)
        self->reset_ok_before--;
      else
        {
          self->reset_armed = FALSE;
          self->reset_now = TRUE;
        }
    }

  return result;
}
