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
#include "mfm-inventory-private.h"
#include "mfm-util-private.h"


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

/* Relationships are not watched one by one (four handlers each were most of the memory of a
 * large estate): a relationship whose sides move bumps a serial the index compares. */
static gboolean
relationship_index_valid (MfmInventory *self)
{
  return !self->relationship_index_dirty &&
         self->relationship_serial == mfm_relationship_sides_serial ();
}

/* A side filled in where there was none does not bump the serial. */
static gboolean
relationship_has_all_sides (MfmRelationship *relationship)
{
  return mfm_relationship_get_primary_server (relationship) != NULL &&
         mfm_relationship_get_secondary_server (relationship) != NULL &&
         mfm_relationship_get_primary_server_ref (relationship) != NULL &&
         mfm_relationship_get_secondary_server_ref (relationship) != NULL;
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

void
_mfm_inventory_rebuild_server_names (MfmInventory *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->servers));

  /* Relationships are matched to servers by name when their refs are unknown. */
  self->relationship_index_dirty = TRUE;
  self->counts_dirty = TRUE;
  g_hash_table_remove_all (self->servers_by_name);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (G_LIST_MODEL (self->servers), i);
      char *key = mfm_normalise_server_name (mfm_server_get_name (server));

      if (key != NULL)
        g_hash_table_insert (self->servers_by_name, key, server);
    }
}

/* The lookups of servers made ahead by the caller for stores that were empty (a first load):
 * @refs (ref → server) and @names (normalised name → the last server with it), keys owned, are
 * the inventory's from here on. */
void
_mfm_inventory_take_server_lookups (MfmInventory *self,
                                    GHashTable   *refs,
                                    GHashTable   *names)
{
  g_assert (g_hash_table_size (self->servers_by_ref) == 0);

  self->relationship_index_dirty = TRUE;
  self->counts_dirty = TRUE;
  g_hash_table_unref (self->servers_by_ref);
  self->servers_by_ref = refs;
  _mfm_inventory_take_server_names (self, names);
}

/* Likewise for the relationships: @names (name → relationship, keys owned). */
void
_mfm_inventory_take_relationship_lookup (MfmInventory *self,
                                         GHashTable   *names)
{
  g_assert (g_hash_table_size (self->relationships_by_name) == 0);

  self->relationship_index_dirty = TRUE;
  self->counts_dirty = TRUE;
  g_hash_table_unref (self->relationships_by_name);
  self->relationships_by_name = names;
}

/* What _mfm_inventory_rebuild_server_names() would make, made ahead by the caller: @names
 * (normalised name, owned → borrowed server) is the inventory's from here on. */
void
_mfm_inventory_take_server_names (MfmInventory *self,
                                  GHashTable   *names)
{
  self->relationship_index_dirty = TRUE;
  self->counts_dirty = TRUE;
  g_hash_table_unref (self->servers_by_name);
  self->servers_by_name = names;
}

static void
mfm_inventory_dispose (GObject *object)
{
  MfmInventory *self = (MfmInventory *)object;

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
  self->counts_dirty = TRUE;
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

  if (relationship_index_valid (self))
    return;

  self->relationship_serial = mfm_relationship_sides_serial ();
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

/* Updates the server with the same ref in place and returns it (*renamed tells whether its
 * name changed: the caller rebuilds the names once), or takes @server into the lookups (not
 * the store) and returns NULL. */
MfmServer *
_mfm_inventory_register_server (MfmInventory *self,
                                MfmServer    *server,
                                gboolean     *renamed)
{
  const char *ref = mfm_server_get_ref (server);
  MfmServer *existing = g_hash_table_lookup (self->servers_by_ref, ref);

  *renamed = FALSE;
  if (existing != NULL)
    {
      /* The name is only replaced, never rewritten in place, when it changes. */
      const char *old_name = mfm_server_get_name (existing);

      mfm_server_update_from (existing, server);
      *renamed = mfm_server_get_name (existing) != old_name;
      return existing;
    }

  _mfm_inventory_take_new_server (self, server, g_strdup (ref),
                                  mfm_normalise_server_name (mfm_server_get_name (server)));
  return NULL;
}

/* Takes @server, whose ref the lookups do not have, into them (not the store) under keys made
 * ahead: @ref_key its ref, @name_key mfm_normalise_server_name() of its name (NULL without a
 * name). Both are the inventory's from here on. */
void
_mfm_inventory_take_new_server (MfmInventory *self,
                                MfmServer    *server,
                                char         *ref_key,
                                char         *name_key)
{
  self->relationship_index_dirty = TRUE;
  self->counts_dirty = TRUE;
  g_hash_table_insert (self->servers_by_ref, ref_key, server);
  if (name_key != NULL)
    g_hash_table_insert (self->servers_by_name, name_key, server);
}

MfmServer *
mfm_inventory_add_server (MfmInventory *self,
                          MfmServer    *server)
{
  MfmServer *existing;
  gboolean renamed;
  const char *ref;

  g_return_val_if_fail (MFM_IS_INVENTORY (self), NULL);
  g_return_val_if_fail (MFM_IS_SERVER (server), NULL);

  ref = mfm_server_get_ref (server);
  g_return_val_if_fail (ref != NULL, NULL);

  self->stamp++;
  existing = _mfm_inventory_register_server (self, server, &renamed);
  if (renamed)
    _mfm_inventory_rebuild_server_names (self);
  if (existing != NULL)
    return existing;

  g_list_store_append (self->servers, server);
  return server;
}

/* Updates the relationship of the same name in place and returns it, or takes @relationship
 * into the lookups (not the store) and returns NULL. */
MfmRelationship *
_mfm_inventory_register_relationship (MfmInventory    *self,
                                      MfmRelationship *relationship)
{
  const char *name = mfm_relationship_get_name (relationship);
  MfmRelationship *existing = g_hash_table_lookup (self->relationships_by_name, name);

  if (existing != NULL)
    {
      gboolean had_all_sides = relationship_has_all_sides (existing);

      mfm_relationship_update_from (existing, relationship);
      if (!had_all_sides)
        {
          self->relationship_index_dirty = TRUE;
          self->counts_dirty = TRUE;
        }
      return existing;
    }

  g_hash_table_insert (self->relationships_by_name, g_strdup (name), relationship);
  self->counts_dirty = TRUE;
  if (relationship_index_valid (self))
    index_relationship (self, relationship);
  return NULL;
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

  self->stamp++;
  existing = _mfm_inventory_register_relationship (self, relationship);
  if (existing != NULL)
    return existing;

  g_list_store_append (self->relationships, relationship);
  return relationship;
}

/* Updates the scope with the same ref in place and returns it, or takes @scope into the
 * lookups (not the store) and returns NULL. */
static MfmScope *
register_scope (MfmInventory *self,
                MfmScope     *scope)
{
  const char *ref = mfm_scope_get_ref (scope);
  MfmScope *existing = g_hash_table_lookup (self->scopes_by_ref, ref);

  if (existing != NULL)
    {
      mfm_scope_update_from (existing, scope);
      return existing;
    }

  watch_scope (self, scope);
  g_hash_table_insert (self->scopes_by_ref, g_strdup (ref), scope);
  if (!self->scope_index_dirty)
    index_scope (self, scope);
  return NULL;
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

  existing = register_scope (self, scope);
  if (existing != NULL)
    return existing;

  g_list_store_append (self->scopes, scope);
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

  self->stamp++;
  if (name == NULL)
    return FALSE;

  existing = g_hash_table_lookup (self->relationships_by_name, name);
  if (existing == NULL)
    return FALSE;

  self->relationship_index_dirty = TRUE;
  self->counts_dirty = TRUE;
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

/* A refresh that changed nothing needs no new counts: no server notified, nothing walked. */
void
_mfm_inventory_update_counts_if_needed (MfmInventory *self)
{
  if (!self->counts_dirty && self->counts_serial == mfm_relationship_sides_serial ())
    return;

  mfm_inventory_update_counts (self);
}

/* Takes out every item of @store that @keep refuses and puts @added (may be NULL) at the end,
 * in one splice from the first item taken out (or the end) onwards: views see one change per
 * refresh however many items come and go, and the items kept are the same objects, so their
 * rows and a selection stay. */
static void
splice_store (GListStore *store,
              gboolean  (*keep) (gpointer item, gpointer user_data),
              void      (*forget) (gpointer item, gpointer user_data),
              gpointer    user_data,
              GPtrArray  *added)
{
  GListModel *model = G_LIST_MODEL (store);
  guint n = g_list_model_get_n_items (model);
  guint first = n;
  g_autoptr(GPtrArray) tail = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      gboolean kept = keep (item, user_data);

      if (kept && first == n)
        continue;
      if (first == n)
        first = i;
      if (kept)
        g_ptr_array_add (tail, g_steal_pointer (&item));
      else
        forget (item, user_data);
    }

  for (guint i = 0; added != NULL && i < added->len; i++)
    g_ptr_array_add (tail, g_object_ref (g_ptr_array_index (added, i)));

  if (first < n || tail->len > 0)
    g_list_store_splice (store, first, n - first, tail->pdata, tail->len);
}

static gboolean
keep_item (gpointer item,
           gpointer user_data)
{
  PruneData *data = user_data;

  return g_hash_table_contains (data->keep, item);
}

void
_mfm_inventory_forget_server (gpointer item,
                              gpointer user_data)
{
  PruneData *data = user_data;
  const char *ref = mfm_server_get_ref (item);

  if (ref != NULL && g_hash_table_lookup (data->self->servers_by_ref, ref) == item)
    g_hash_table_remove (data->self->servers_by_ref, ref);
  data->forgot = TRUE;
}

void
mfm_inventory_replace_servers (MfmInventory *self,
                               GPtrArray    *servers)
{
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GPtrArray) added = NULL;
  gboolean renamed = FALSE;
  PruneData data = { 0 };

  g_return_if_fail (MFM_IS_INVENTORY (self));
  g_return_if_fail (servers != NULL);

  self->stamp++;
  keep = g_hash_table_new (NULL, NULL);
  added = g_ptr_array_new ();
  for (guint i = 0; i < servers->len; i++)
    {
      MfmServer *server = g_ptr_array_index (servers, i);
      MfmServer *existing;
      gboolean this_renamed;

      if (mfm_server_get_ref (server) == NULL)
        {
          g_critical ("%s: a server without a ref cannot be kept", G_STRFUNC);
          continue;
        }

      existing = _mfm_inventory_register_server (self, server, &this_renamed);
      renamed |= this_renamed;
      if (existing == NULL)
        {
          g_ptr_array_add (added, server);
          existing = server;
        }
      g_hash_table_add (keep, existing);
    }

  data.self = self;
  data.keep = keep;
  splice_store (self->servers, keep_item, _mfm_inventory_forget_server, &data, added);

  if (renamed || data.forgot)
    _mfm_inventory_rebuild_server_names (self);
  _mfm_inventory_update_counts_if_needed (self);
}

void
_mfm_inventory_forget_relationship (gpointer item,
                                    gpointer user_data)
{
  MfmInventory *self = user_data;
  const char *name = mfm_relationship_get_name (item);

  self->relationship_index_dirty = TRUE;
  self->counts_dirty = TRUE;
  if (name != NULL && g_hash_table_lookup (self->relationships_by_name, name) == item)
    g_hash_table_remove (self->relationships_by_name, name);
}

static void
forget_relationship_pruned (gpointer item,
                            gpointer user_data)
{
  PruneData *data = user_data;

  _mfm_inventory_forget_relationship (item, data->self);
}

void
mfm_inventory_replace_relationships (MfmInventory *self,
                                     GPtrArray    *relationships)
{
  g_autoptr(GHashTable) keep = NULL;
  g_autoptr(GPtrArray) added = NULL;
  PruneData data = { 0 };

  g_return_if_fail (MFM_IS_INVENTORY (self));
  g_return_if_fail (relationships != NULL);

  self->stamp++;
  keep = g_hash_table_new (NULL, NULL);
  added = g_ptr_array_new ();
  for (guint i = 0; i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);
      MfmRelationship *existing;

      if (mfm_relationship_get_name (relationship) == NULL)
        {
          g_critical ("%s: a relationship without a name cannot be kept", G_STRFUNC);
          continue;
        }

      existing = _mfm_inventory_register_relationship (self, relationship);
      if (existing == NULL)
        {
          g_ptr_array_add (added, relationship);
          existing = relationship;
        }
      g_hash_table_add (keep, existing);
    }

  data.self = self;
  data.keep = keep;
  splice_store (self->relationships, keep_item, forget_relationship_pruned, &data, added);
  _mfm_inventory_update_counts_if_needed (self);
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
  g_autoptr(GPtrArray) added = NULL;
  PruneData data = { 0 };

  g_return_if_fail (MFM_IS_INVENTORY (self));
  g_return_if_fail (server_ref != NULL);
  g_return_if_fail (scopes != NULL);

  keep = g_hash_table_new (NULL, NULL);
  added = g_ptr_array_new ();
  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);
      MfmScope *existing;

      if (mfm_scope_get_ref (scope) == NULL)
        {
          g_critical ("%s: a scope without a ref cannot be kept", G_STRFUNC);
          continue;
        }

      existing = register_scope (self, scope);
      if (existing == NULL)
        {
          g_ptr_array_add (added, scope);
          existing = scope;
        }
      g_hash_table_add (keep, existing);
    }

  data.self = self;
  data.keep = keep;
  data.server_ref = server_ref;
  splice_store (self->scopes, keep_scope, forget_scope, &data, added);
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

  self->counts_dirty = FALSE;
  self->counts_serial = mfm_relationship_sides_serial ();
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
