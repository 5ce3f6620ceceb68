/* mfm-sim-store.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include "mfm-simulator-private.h"

static void
clear_object (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

MfmSimJournal *
mfm_sim_journal_new (MfmInventory *inventory)
{
  MfmSimJournal *journal = g_new0 (MfmSimJournal, 1);

  journal->inventory = g_object_ref (inventory);
  journal->scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, clear_object);
  journal->relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, clear_object);
  journal->server_refs = g_ptr_array_new_with_free_func (g_free);
  return journal;
}

void
mfm_sim_journal_free (MfmSimJournal *journal)
{
  g_object_unref (journal->inventory);
  g_hash_table_unref (journal->scopes);
  g_hash_table_unref (journal->relationships);
  g_ptr_array_unref (journal->server_refs);
  g_free (journal);
}

void
mfm_sim_journal_touch_server (MfmSimJournal *journal,
                              const char    *server_ref)
{
  if (server_ref == NULL)
    return;
  for (guint i = 0; i < journal->server_refs->len; i++)
    if (g_str_equal (g_ptr_array_index (journal->server_refs, i), server_ref))
      return;
  g_ptr_array_add (journal->server_refs, g_strdup (server_ref));
}

void
mfm_sim_journal_touch_scope (MfmSimJournal *journal,
                             const char    *scope_ref)
{
  MfmScope *scope;

  if (g_hash_table_contains (journal->scopes, scope_ref))
    return;
  scope = mfm_inventory_lookup_scope (journal->inventory, scope_ref);
  g_hash_table_insert (journal->scopes, g_strdup (scope_ref),
                       scope != NULL ? mfm_scope_copy (scope) : NULL);
  if (scope != NULL)
    mfm_sim_journal_touch_server (journal, mfm_scope_get_server_ref (scope));
}

void
mfm_sim_journal_touch_relationship (MfmSimJournal *journal,
                                    const char    *name)
{
  MfmRelationship *relationship;

  if (g_hash_table_contains (journal->relationships, name))
    return;
  relationship = mfm_inventory_lookup_relationship (journal->inventory, name);
  g_hash_table_insert (journal->relationships, g_strdup (name),
                       relationship != NULL ? mfm_relationship_copy (relationship) : NULL);
  if (relationship != NULL)
    {
      mfm_sim_journal_touch_server (journal,
                                    mfm_relationship_get_primary_server_ref (relationship));
      mfm_sim_journal_touch_server (journal,
                                    mfm_relationship_get_secondary_server_ref (relationship));
    }
}

void
mfm_sim_journal_rollback (MfmSimJournal *journal)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, journal->scopes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      mfm_inventory_remove_scope (journal->inventory, key);
      if (value != NULL)
        mfm_inventory_add_scope (journal->inventory, value);
    }

  g_hash_table_iter_init (&iter, journal->relationships);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      mfm_inventory_remove_relationship (journal->inventory, key);
      if (value != NULL)
        mfm_inventory_add_relationship (journal->inventory, value);
    }

  mfm_inventory_update_counts (journal->inventory);
}

void
mfm_sim_set_not_found (GError     **error,
                       const char  *reference)
{
  g_set_error (error, MFM_SIM_ERROR, MFM_WIRE_CODE_NOT_FOUND,
               "Object not found for reference: %s", reference);
}

MfmServer *
mfm_sim_store_resolve_server (MfmSimulator  *self,
                              const char    *ref_or_name,
                              GError       **error)
{
  MfmServer *server = mfm_inventory_lookup_server (self->inventory, ref_or_name);

  if (server == NULL)
    server = mfm_inventory_lookup_server_by_name (self->inventory, ref_or_name);
  if (server == NULL)
    mfm_sim_set_not_found (error, ref_or_name);
  return server;
}

MfmRelationship *
mfm_sim_store_resolve_relationship (MfmSimulator  *self,
                                    const char    *name,
                                    GError       **error)
{
  MfmRelationship *relationship = mfm_inventory_lookup_relationship (self->inventory, name);

  if (relationship == NULL)
    mfm_sim_set_not_found (error, name);
  return relationship;
}

void
mfm_sim_store_invalidate (MfmSimulator *self)
{
  g_hash_table_remove_all (self->server_objects);
  g_hash_table_remove_all (self->relationship_objects);
  g_clear_pointer (&self->servers_by_name, g_ptr_array_unref);
}

void
mfm_sim_store_sync_state (MfmSimulator    *self,
                          MfmRelationship *relationship)
{
  const char *state = mfm_relationship_get_state (relationship);

  if (mfm_relationship_get_scope_count (relationship) == 0)
    mfm_relationship_set_state (relationship, MFM_SIM_STATE_EMPTY);
  else if (state == NULL || g_str_equal (state, MFM_SIM_STATE_EMPTY))
    {
      const char *failover_state = g_hash_table_lookup (self->failover_states,
                                                        mfm_relationship_get_name (relationship));

      mfm_relationship_set_state (relationship, failover_state != NULL ? failover_state :
                                                                         MFM_SIM_STATE_NORMAL);
    }
}

JsonNode *
mfm_sim_store_relationship_json (MfmSimulator    *self,
                                 MfmRelationship *relationship)
{
  const char *name = mfm_relationship_get_name (relationship);
  JsonObject *object;

  /* A backend's state changes on its own (live daemons), so nothing is cached then. */
  if (self->backend_states)
    {
      for (guint i = 0; i < self->backends->len; i++)
        {
          MfmSimBackendEntry *backend = &g_array_index (self->backends, MfmSimBackendEntry, i);
          g_autofree char *state = NULL;

          if (backend->funcs->dup_state == NULL)
            continue;
          state = backend->funcs->dup_state (backend->data, name);
          if (state != NULL)
            {
              mfm_relationship_set_state (relationship, state);
              break;
            }
        }
      return mfm_wire_relationship_to_json_dialect (relationship, &self->dialect);
    }

  object = g_hash_table_lookup (self->relationship_objects, name);
  if (object == NULL)
    {
      g_autoptr(JsonNode) node = mfm_wire_relationship_to_json_dialect (relationship,
                                                                        &self->dialect);

      object = json_object_ref (json_node_get_object (node));
      g_hash_table_insert (self->relationship_objects, g_strdup (name), object);
    }

  return json_node_init_object (json_node_alloc (), object);
}

JsonObject *
mfm_sim_store_server_json (MfmSimulator *self,
                           MfmServer    *server)
{
  JsonObject *object = g_hash_table_lookup (self->server_objects, mfm_server_get_ref (server));

  if (object == NULL)
    {
      g_autoptr(JsonNode) node = mfm_wire_server_to_json (server);

      object = json_object_ref (json_node_get_object (node));
      g_hash_table_insert (self->server_objects, g_strdup (mfm_server_get_ref (server)), object);
    }

  return object;
}

static int
compare_server_names (gconstpointer a,
                      gconstpointer b)
{
  MfmServer *server_a = *(MfmServer **) a;
  MfmServer *server_b = *(MfmServer **) b;
  const char *name_a = mfm_server_get_name (server_a);
  const char *name_b = mfm_server_get_name (server_b);
  /* A dataset may leave a server without a name: those sort first. */
  int result = g_ascii_strcasecmp (name_a != NULL ? name_a : "", name_b != NULL ? name_b : "");

  if (result == 0)
    result = g_strcmp0 (mfm_server_get_ref (server_a), mfm_server_get_ref (server_b));
  return result;
}

GPtrArray *
mfm_sim_store_get_servers_by_name (MfmSimulator *self)
{
  if (self->servers_by_name == NULL)
    {
      GListModel *servers = mfm_inventory_get_servers (self->inventory);
      guint n = g_list_model_get_n_items (servers);

      self->servers_by_name = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->servers_by_name, g_list_model_get_item (servers, i));
      g_ptr_array_sort (self->servers_by_name, compare_server_names);
    }

  return self->servers_by_name;
}

/* Ranges: every network of the estate is one Range, numbered as the scopes first name it. */
static const char *
range_ref_for (MfmSimulator *self,
               const char   *subnet)
{
  const char *ref = g_hash_table_lookup (self->range_refs, subnet);

  if (ref == NULL)
    {
      char *new_ref = g_strdup_printf ("ranges/%u", g_hash_table_size (self->range_refs) + 1);

      g_hash_table_insert (self->range_refs, g_strdup (subnet), new_ref);
      g_hash_table_insert (self->range_subnets, g_strdup (new_ref), g_strdup (subnet));
      ref = new_ref;
    }

  return ref;
}

const char *
mfm_sim_store_get_range_subnet (MfmSimulator *self,
                                const char   *range_ref)
{
  return g_hash_table_lookup (self->range_subnets, range_ref);
}

/* A scope gets its Range the first time it is listed. */
JsonNode *
mfm_sim_store_scope_json (MfmSimulator *self,
                          MfmScope     *scope)
{
  if (mfm_scope_get_range_ref (scope) == NULL && mfm_scope_get_subnet (scope) != NULL)
    mfm_scope_set_range_ref (scope, range_ref_for (self, mfm_scope_get_subnet (scope)));

  return mfm_wire_scope_to_json_dialect (scope, &self->dialect);
}

gboolean
mfm_sim_store_commit (MfmSimulator   *self,
                      MfmSimJournal  *journal,
                      GError        **error)
{
  mfm_sim_store_invalidate (self);
  mfm_inventory_update_counts (self->inventory);

  for (guint i = 0; i < self->backends->len; i++)
    {
      MfmSimBackendEntry *backend = &g_array_index (self->backends, MfmSimBackendEntry, i);
      g_autoptr(GError) local_error = NULL;

      if (backend->funcs->apply != NULL &&
          !backend->funcs->apply (backend->data, self->inventory, journal->server_refs,
                                  &local_error))
        {
          g_set_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_SIMULATED_FAILURE,
                       "The DHCP server did not accept the change: %s", local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

void
mfm_sim_store_rollback (MfmSimulator  *self,
                        MfmSimJournal *journal)
{
  mfm_sim_journal_rollback (journal);
  mfm_sim_store_invalidate (self);
  /* Backends follow the data back (files rewritten); their errors were reported already. */
  for (guint i = 0; i < self->backends->len; i++)
    {
      MfmSimBackendEntry *backend = &g_array_index (self->backends, MfmSimBackendEntry, i);

      if (backend->funcs->revert != NULL)
        backend->funcs->revert (backend->data, self->inventory, journal->server_refs);
    }
}

MfmScope *
mfm_sim_store_scope_on_server (MfmSimulator *self,
                               const char   *server_ref,
                               const char   *subnet)
{
  g_autoptr(GPtrArray) scopes = mfm_inventory_get_scopes_for_server (self->inventory, server_ref);

  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);

      if (g_strcmp0 (mfm_scope_get_subnet (scope), subnet) == 0)
        return scope;
    }

  return NULL;
}

MfmInventory *
mfm_sim_store_copy (MfmSimulator *self)
{
  MfmInventory *copy = mfm_inventory_new ();
  GListModel *model;
  guint n;

  model = mfm_inventory_get_servers (self->inventory);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (model, i);
      g_autoptr(MfmServer) server_copy = mfm_server_new (mfm_server_get_ref (server),
                                                         mfm_server_get_name (server),
                                                         mfm_server_get_address (server),
                                                         mfm_server_get_server_type (server),
                                                         mfm_server_get_state (server));

      mfm_server_set_enabled (server_copy, mfm_server_get_enabled (server));
      mfm_server_set_relationship_count (server_copy, mfm_server_get_relationship_count (server));
      mfm_inventory_add_server (copy, server_copy);
    }

  model = mfm_inventory_get_relationships (self->inventory);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (model, i);
      g_autoptr(MfmRelationship) relationship_copy = mfm_relationship_copy (relationship);

      mfm_inventory_add_relationship (copy, relationship_copy);
    }

  model = mfm_inventory_get_scopes (self->inventory);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmScope) scope = g_list_model_get_item (model, i);
      g_autoptr(MfmScope) scope_copy = mfm_scope_copy (scope);

      mfm_inventory_add_scope (copy, scope_copy);
    }

  return copy;
}
