/* mfm-inventory.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-inventory"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-inventory.h"
#include "mfm-util-private.h"

struct _MfmInventory
{
  GObject     parent_instance;

  GListStore *servers;
  GListStore *relationships;
  GListStore *scopes;

  /* Borrowed values; the stores own the objects. Keys are owned strings. */
  GHashTable *servers_by_ref;
  GHashTable *servers_by_name;      /* normalised: lower case, no trailing dot */
  GHashTable *relationships_by_name;
  GHashTable *scopes_by_ref;

  /* Indexes rebuilt on first use after a change they cannot follow; values are GPtrArrays of
   * borrowed objects in store order. */
  GHashTable *scopes_by_subnet;         /* "server-ref\nsubnet" */
  GHashTable *scopes_by_server;         /* server ref */
  GHashTable *relationships_by_server;  /* server ref */
  guint       scope_index_dirty : 1;
  guint       relationship_index_dirty : 1;
};

G_DEFINE_FINAL_TYPE (MfmInventory, mfm_inventory, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SERVERS,
  PROP_RELATIONSHIPS,
  PROP_SCOPES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
subnet_key (const char *server_ref,
            const char *subnet)
{
  return g_strconcat (server_ref != NULL ? server_ref : "", "\n", subnet != NULL ? subnet : "", NULL);
}

/* The indexes follow edits made to objects after they were added. */
static void
on_scope_moved (MfmInventory *self)
{
  self->scope_index_dirty = TRUE;
}

static void
on_relationship_moved (MfmInventory *self)
{
  self->relationship_index_dirty = TRUE;
}

static void
watch_relationship (MfmInventory    *self,
                    MfmRelationship *relationship)
{
  static const char * const signals[] = {
    "notify::primary-server", "notify::secondary-server",
    "notify::primary-server-ref", "notify::secondary-server-ref",
  };

  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    g_signal_connect_swapped (relationship, signals[i], G_CALLBACK (on_relationship_moved), self);
}

static void
unwatch_relationship (MfmInventory    *self,
                      MfmRelationship *relationship)
{
  g_signal_handlers_disconnect_by_func (relationship, on_relationship_moved, self);
}

static void
index_add (GHashTable *index,
           char       *key,
           gpointer    item)
{
  GPtrArray *items = g_hash_table_lookup (index, key);

  if (items == NULL)
    {
      items = g_ptr_array_new ();
      g_hash_table_insert (index, key, items);
    }
  else
    {
      g_free (key);
    }

  g_ptr_array_add (items, item);
}

static void
index_remove (GHashTable *index,
              const char *key,
              gpointer    item)
{
  GPtrArray *items = g_hash_table_lookup (index, key);

  if (items == NULL)
    return;

  g_ptr_array_remove (items, item);
  if (items->len == 0)
    g_hash_table_remove (index, key);
}

static void
watch_scope (MfmInventory *self,
             MfmScope     *scope)
{
  g_signal_connect_swapped (scope, "notify::subnet", G_CALLBACK (on_scope_moved), self);
  g_signal_connect_swapped (scope, "notify::server-ref", G_CALLBACK (on_scope_moved), self);
}

static void
unwatch_scope (MfmInventory *self,
               MfmScope     *scope)
{
  g_signal_handlers_disconnect_by_func (scope, on_scope_moved, self);
}

static void
rebuild_server_names (MfmInventory *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));

  /* Relationships are matched to servers by name when their refs are unknown. */
  self->relationship_index_dirty = TRUE;
  g_hash_table_remove_all (self->servers_by_name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);
      char *key = mfm_normalise_server_name (mfm_server_get_name (server));

      if (key != NULL)
        g_hash_table_insert (self->servers_by_name, key, server);
    }
}

static void
mfm_inventory_dispose (GObject *object)
{
  MfmInventory *self = (MfmInventory *)object;

  if (self->relationships != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->relationships));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MfmRelationship) relationship = g_list_model_get_item (G_LIST_MODEL (self->relationships), i);

          unwatch_relationship (self, relationship);
        }
    }

  if (self->scopes != NULL)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->scopes));

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MfmScope) scope = g_list_model_get_item (G_LIST_MODEL (self->scopes), i);

          unwatch_scope (self, scope);
        }
    }

  g_clear_pointer (&self->servers_by_ref, g_hash_table_unref);
  g_clear_pointer (&self->servers_by_name, g_hash_table_unref);
  g_clear_pointer (&self->relationships_by_name, g_hash_table_unref);
  g_clear_pointer (&self->scopes_by_ref, g_hash_table_unref);
  g_clear_pointer (&self->scopes_by_subnet, g_hash_table_unref);
  g_clear_pointer (&self->scopes_by_server, g_hash_table_unref);
  g_clear_pointer (&self->relationships_by_server, g_hash_table_unref);
  g_clear_object (&self->servers);
  g_clear_object (&self->relationships);
  g_clear_object (&self->scopes);

  G_OBJECT_CLASS (mfm_inventory_parent_class)->dispose (object);
}

static void
mfm_inventory_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MfmInventory *self = MFM_INVENTORY (object);

  switch (prop_id)
    {
    case PROP_SERVERS:
      g_value_set_object (value, self->servers);
      break;
    case PROP_RELATIONSHIPS:
      g_value_set_object (value, self->relationships);
      break;
    case PROP_SCOPES:
      g_value_set_object (value, self->scopes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_inventory_class_init (MfmInventoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_inventory_dispose;
  object_class->get_property = mfm_inventory_get_property;

  properties[PROP_SERVERS] =
    g_param_spec_object ("servers", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RELATIONSHIPS] =
    g_param_spec_object ("relationships", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SCOPES] =
    g_param_spec_object ("scopes", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_inventory_init (MfmInventory *self)
{
  self->servers = g_list_store_new (MFM_TYPE_SERVER);
  self->relationships = g_list_store_new (MFM_TYPE_RELATIONSHIP);
  self->scopes = g_list_store_new (MFM_TYPE_SCOPE);
  self->servers_by_ref = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->servers_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->relationships_by_name = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scopes_by_ref = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->scopes_by_subnet = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);
  self->scopes_by_server = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify) g_ptr_array_unref);
  self->relationships_by_server = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);
  self->scope_index_dirty = TRUE;
  self->relationship_index_dirty = TRUE;
}

static void
index_scope (MfmInventory *self,
             MfmScope     *scope)
{
  const char *server_ref = mfm_scope_get_server_ref (scope);

  index_add (self->scopes_by_subnet, subnet_key (server_ref, mfm_scope_get_subnet (scope)), scope);
  if (server_ref != NULL)
    index_add (self->scopes_by_server, g_strdup (server_ref), scope);
}

static void
unindex_scope (MfmInventory *self,
               MfmScope     *scope)
{
  g_autofree char *key = subnet_key (mfm_scope_get_server_ref (scope), mfm_scope_get_subnet (scope));

  index_remove (self->scopes_by_subnet, key, scope);
  if (mfm_scope_get_server_ref (scope) != NULL)
    index_remove (self->scopes_by_server, mfm_scope_get_server_ref (scope), scope);
}

static void
ensure_scope_index (MfmInventory *self)
{
  guint n;

  if (!self->scope_index_dirty)
    return;

  g_hash_table_remove_all (self->scopes_by_subnet);
  g_hash_table_remove_all (self->scopes_by_server);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->scopes));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmScope) scope = g_list_model_get_item (G_LIST_MODEL (self->scopes), i);

      index_scope (self, scope);
    }
  self->scope_index_dirty = FALSE;
}

/* A side of a relationship is keyed by the server it resolves to, or by its raw ref when the
 * inventory does not know that server. */
static const char *
side_key (MfmServer  *server,
          const char *raw_ref)
{
  return server != NULL ? mfm_server_get_ref (server) : raw_ref;
}

static void
index_relationship (MfmInventory    *self,
                    MfmRelationship *relationship)
{
  const char *primary = side_key (mfm_inventory_lookup_primary_server (self, relationship),
                                  mfm_relationship_get_primary_server_ref (relationship));
  const char *secondary = side_key (mfm_inventory_lookup_secondary_server (self, relationship),
                                    mfm_relationship_get_secondary_server_ref (relationship));

  if (primary != NULL)
    index_add (self->relationships_by_server, g_strdup (primary), relationship);
  if (secondary != NULL && g_strcmp0 (primary, secondary) != 0)
    index_add (self->relationships_by_server, g_strdup (secondary), relationship);
}

static void
ensure_relationship_index (MfmInventory *self)
{
  guint n;

  if (!self->relationship_index_dirty)
    return;

  g_hash_table_remove_all (self->relationships_by_server);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->relationships));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (G_LIST_MODEL (self->relationships), i);

      index_relationship (self, relationship);
    }
  self->relationship_index_dirty = FALSE;
}

MfmInventory *
mfm_inventory_new (void)
{
  return g_object_new (MFM_TYPE_INVENTORY, NULL);
}

GListModel *
mfm_inventory_get_servers (MfmInventory *self)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->servers);
}

GListModel *
mfm_inventory_get_relationships (MfmInventory *self)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->relationships);
}

GListModel *
mfm_inventory_get_scopes (MfmInventory *self)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  return G_LIST_MODEL (self->scopes);
}

MfmServer *
mfm_inventory_add_server (MfmInventory *self,
                          MfmServer    *server)
{
  MfmServer *existing;
  const char *ref;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (MFM_IS_SERVER (server), NULL);

  ref = mfm_server_get_ref (server);
  g_return_val_if_fail (ref != NULL, NULL);

  existing = g_hash_table_lookup (self->servers_by_ref, ref);
  if (existing != NULL)
    {
      g_autofree char *old_name = g_strdup (mfm_server_get_name (existing));

      mfm_server_update_from (existing, server);
      if (g_strcmp0 (old_name, mfm_server_get_name (existing)) != 0)
        rebuild_server_names (self);
      return existing;
    }

  g_list_store_append (self->servers, server);
  self->relationship_index_dirty = TRUE;
  g_hash_table_insert (self->servers_by_ref, g_strdup (ref), server);
  if (mfm_server_get_name (server) != NULL)
    g_hash_table_insert (self->servers_by_name,
                         mfm_normalise_server_name (mfm_server_get_name (server)),
                         server);

  return server;
}

MfmRelationship *
mfm_inventory_add_relationship (MfmInventory    *self,
                                MfmRelationship *relationship)
{
  MfmRelationship *existing;
  const char *name;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  name = mfm_relationship_get_name (relationship);
  g_return_val_if_fail (name != NULL, NULL);

  existing = g_hash_table_lookup (self->relationships_by_name, name);
  if (existing != NULL)
    {
      mfm_relationship_update_from (existing, relationship);
      return existing;
    }

  g_list_store_append (self->relationships, relationship);
  watch_relationship (self, relationship);
  g_hash_table_insert (self->relationships_by_name, g_strdup (name), relationship);
  if (!self->relationship_index_dirty)
    index_relationship (self, relationship);

  return relationship;
}

MfmScope *
mfm_inventory_add_scope (MfmInventory *self,
                         MfmScope     *scope)
{
  MfmScope *existing;
  const char *ref;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (MFM_IS_SCOPE (scope), NULL);

  ref = mfm_scope_get_ref (scope);
  g_return_val_if_fail (ref != NULL, NULL);

  existing = g_hash_table_lookup (self->scopes_by_ref, ref);
  if (existing != NULL)
    {
      mfm_scope_update_from (existing, scope);
      return existing;
    }

  g_list_store_append (self->scopes, scope);
  watch_scope (self, scope);
  g_hash_table_insert (self->scopes_by_ref, g_strdup (ref), scope);
  if (!self->scope_index_dirty)
    index_scope (self, scope);

  return scope;
}

static gboolean
remove_from_store (GListStore *store,
                   gpointer    item)
{
  guint position;

  if (!g_list_store_find (store, item, &position))
    return FALSE;

  g_list_store_remove (store, position);
  return TRUE;
}

gboolean
mfm_inventory_remove_relationship (MfmInventory *self,
                                   const char   *name)
{
  MfmRelationship *existing;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), FALSE);

  if (name == NULL)
    return FALSE;

  existing = g_hash_table_lookup (self->relationships_by_name, name);
  if (existing == NULL)
    return FALSE;

  unwatch_relationship (self, existing);
  self->relationship_index_dirty = TRUE;
  g_hash_table_remove (self->relationships_by_name, name);
  return remove_from_store (self->relationships, existing);
}

gboolean
mfm_inventory_remove_scope (MfmInventory *self,
                            const char   *scope_ref)
{
  MfmScope *existing;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), FALSE);

  if (scope_ref == NULL)
    return FALSE;

  existing = g_hash_table_lookup (self->scopes_by_ref, scope_ref);
  if (existing == NULL)
    return FALSE;

  unwatch_scope (self, existing);
  if (!self->scope_index_dirty)
    unindex_scope (self, existing);
  g_hash_table_remove (self->scopes_by_ref, scope_ref);
  return remove_from_store (self->scopes, existing);
}

/* Removes, back to front, every item of @store for which @keep says no. Runs of removed items
 * go in one splice so views see few signals. */
static void
prune_store (GListStore *store,
             gboolean  (*keep) (gpointer item, gpointer user_data),
             void      (*forget) (gpointer item, gpointer user_data),
             gpointer    user_data)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (store));
  guint run_end = n;

  for (guint i = n; i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (store), i - 1);

      if (keep (item, user_data))
        {
          if (run_end > i)
            g_list_store_splice (store, i, run_end - i, NULL, 0);
          run_end = i - 1;
        }
      else
        {
          forget (item, user_data);
        }
    }

  if (run_end > 0)
    g_list_store_splice (store, 0, run_end, NULL, 0);
}

static gboolean
keep_in_set (gpointer item,
             gpointer user_data)
{
  return g_hash_table_contains (user_data, item);
}

static void
forget_server (gpointer item,
               gpointer user_data)
{
  (void) user_data;
  (void) item;
}

void
mfm_inventory_replace_servers (MfmInventory *self,
                               GPtrArray    *servers)
{
  g_autoptr(GHashTable) keep = NULL;

  g_return_if_fail (MFM_IS_INVENTORY (self));
  g_return_if_fail (servers != NULL);

  keep = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < servers->len; i++)
    {
      MfmServer *kept = mfm_inventory_add_server (self, g_ptr_array_index (servers, i));

      if (kept != NULL)
        g_hash_table_add (keep, kept);
    }

  prune_store (self->servers, keep_in_set, forget_server, keep);

  g_hash_table_remove_all (self->servers_by_ref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->servers)); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);

      g_hash_table_insert (self->servers_by_ref, g_strdup (mfm_server_get_ref (server)), server);
    }
  rebuild_server_names (self);
  mfm_inventory_update_counts (self);
}

static void
forget_relationship (gpointer item,
                     gpointer user_data)
{
  MfmInventory *self = user_data;
  const char *name = mfm_relationship_get_name (item);

  unwatch_relationship (self, item);
  self->relationship_index_dirty = TRUE;
  if (name != NULL && g_hash_table_lookup (self->relationships_by_name, name) == item)
    g_hash_table_remove (self->relationships_by_name, name);
}

typedef struct
{
  MfmInventory *self;
  GHashTable   *keep;
  const char   *server_ref;   /* only scopes of this server are candidates for removal */
} PruneData;

static gboolean
keep_relationship (gpointer item,
                   gpointer user_data)
{
  PruneData *data = user_data;

  return g_hash_table_contains (data->keep, item);
}

static void
forget_relationship_pruned (gpointer item,
                            gpointer user_data)
{
  PruneData *data = user_data;

  forget_relationship (item, data->self);
}

void
mfm_inventory_replace_relationships (MfmInventory *self,
                                     GPtrArray    *relationships)
{
  g_autoptr(GHashTable) keep = NULL;
  PruneData data;

  g_return_if_fail (MFM_IS_INVENTORY (self));
  g_return_if_fail (relationships != NULL);

  keep = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < relationships->len; i++)
    {
      MfmRelationship *kept = mfm_inventory_add_relationship (self, g_ptr_array_index (relationships, i));

      if (kept != NULL)
        g_hash_table_add (keep, kept);
    }

  data.self = self;
  data.keep = keep;
  data.server_ref = NULL;
  prune_store (self->relationships, keep_relationship, forget_relationship_pruned, &data);
  mfm_inventory_update_counts (self);
}

static gboolean
keep_scope (gpointer item,
            gpointer user_data)
{
  PruneData *data = user_data;

  if (g_strcmp0 (mfm_scope_get_server_ref (item), data->server_ref) != 0)
    return TRUE;

  return g_hash_table_contains (data->keep, item);
}

static void
forget_scope (gpointer item,
              gpointer user_data)
{
  PruneData *data = user_data;
  const char *ref = mfm_scope_get_ref (item);

  unwatch_scope (data->self, item);
  if (!data->self->scope_index_dirty)
    unindex_scope (data->self, item);
  if (ref != NULL && g_hash_table_lookup (data->self->scopes_by_ref, ref) == item)
    g_hash_table_remove (data->self->scopes_by_ref, ref);
}

void
mfm_inventory_replace_scopes_for_server (MfmInventory *self,
                                         const char   *server_ref,
                                         GPtrArray    *scopes)
{
  g_autoptr(GHashTable) keep = NULL;
  PruneData data;

  g_return_if_fail (MFM_IS_INVENTORY (self));
  g_return_if_fail (server_ref != NULL);
  g_return_if_fail (scopes != NULL);

  keep = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *kept = mfm_inventory_add_scope (self, g_ptr_array_index (scopes, i));

      if (kept != NULL)
        g_hash_table_add (keep, kept);
    }

  data.self = self;
  data.keep = keep;
  data.server_ref = server_ref;
  prune_store (self->scopes, keep_scope, forget_scope, &data);
}

MfmServer *
mfm_inventory_lookup_server (MfmInventory *self,
                             const char   *ref)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  if (ref == NULL)
    return NULL;

  return g_hash_table_lookup (self->servers_by_ref, ref);
}

MfmServer *
mfm_inventory_lookup_server_by_name (MfmInventory *self,
                                     const char   *name)
{
  g_autofree char *key = NULL;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  if (name == NULL)
    return NULL;

  /* Micetro writes FQDNs with a trailing dot, people type them without one. */
  key = mfm_normalise_server_name (name);
  return g_hash_table_lookup (self->servers_by_name, key);
}

MfmRelationship *
mfm_inventory_lookup_relationship (MfmInventory *self,
                                   const char   *name)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  if (name == NULL)
    return NULL;

  return g_hash_table_lookup (self->relationships_by_name, name);
}

MfmScope *
mfm_inventory_lookup_scope (MfmInventory *self,
                            const char   *ref)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  if (ref == NULL)
    return NULL;

  return g_hash_table_lookup (self->scopes_by_ref, ref);
}

MfmScope *
mfm_inventory_lookup_scope_copy (MfmInventory *self,
                                 MfmScope     *scope,
                                 const char   *server_ref)
{
  g_autofree char *key = NULL;
  GPtrArray *copies;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (MFM_IS_SCOPE (scope), NULL);

  if (server_ref == NULL || mfm_scope_get_subnet (scope) == NULL)
    return NULL;

  ensure_scope_index (self);

  key = subnet_key (server_ref, mfm_scope_get_subnet (scope));
  copies = g_hash_table_lookup (self->scopes_by_subnet, key);

  return copies != NULL ? g_ptr_array_index (copies, 0) : NULL;
}

static GPtrArray *
copy_indexed (GHashTable *index,
              const char *key)
{
  GPtrArray *items = key != NULL ? g_hash_table_lookup (index, key) : NULL;
  GPtrArray *result = g_ptr_array_new_full (items != NULL ? items->len : 0, g_object_unref);

  for (guint i = 0; items != NULL && i < items->len; i++)
    g_ptr_array_add (result, g_object_ref (g_ptr_array_index (items, i)));

  return result;
}

GPtrArray *
mfm_inventory_get_scopes_for_server (MfmInventory *self,
                                     const char   *server_ref)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  ensure_scope_index (self);

  return copy_indexed (self->scopes_by_server, server_ref);
}

GPtrArray *
mfm_inventory_get_relationships_for_server (MfmInventory *self,
                                            const char   *server_ref)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);

  ensure_relationship_index (self);

  return copy_indexed (self->relationships_by_server, server_ref);
}

void
mfm_inventory_update_counts (MfmInventory *self)
{
  g_autoptr(GHashTable) counts = NULL;
  guint n_servers;
  guint n_relationships;

  g_return_if_fail (MFM_IS_INVENTORY (self));

  counts = g_hash_table_new (NULL, NULL);
  n_servers = g_list_model_get_n_items (G_LIST_MODEL (self->servers));
  n_relationships = g_list_model_get_n_items (G_LIST_MODEL (self->relationships));

  for (guint i = 0; i < n_relationships; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (G_LIST_MODEL (self->relationships), i);
      MfmServer *sides[2] = { NULL, NULL };

      sides[0] = mfm_inventory_lookup_primary_server (self, relationship);
      sides[1] = mfm_inventory_lookup_secondary_server (self, relationship);

      for (guint s = 0; s < 2; s++)
        {
          if (sides[s] == NULL || (s == 1 && sides[1] == sides[0]))
            continue;
          g_hash_table_insert (counts, sides[s],
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, sides[s])) + 1));
        }
    }

  for (guint i = 0; i < n_servers; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);

      mfm_server_set_relationship_count (server, GPOINTER_TO_UINT (g_hash_table_lookup (counts, server)));
    }
}

MfmServer *
mfm_inventory_lookup_primary_server (MfmInventory    *self,
                                     MfmRelationship *relationship)
{
  MfmServer *server;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  server = mfm_inventory_lookup_server (self, mfm_relationship_get_primary_server_ref (relationship));
  if (server == NULL)
    server = mfm_inventory_lookup_server_by_name (self, mfm_relationship_get_primary_server (relationship));

  return server;
}

MfmServer *
mfm_inventory_lookup_secondary_server (MfmInventory    *self,
                                       MfmRelationship *relationship)
{
  MfmServer *server;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  server = mfm_inventory_lookup_server (self, mfm_relationship_get_secondary_server_ref (relationship));
  if (server == NULL)
    server = mfm_inventory_lookup_server_by_name (self, mfm_relationship_get_secondary_server (relationship));

  return server;
}
