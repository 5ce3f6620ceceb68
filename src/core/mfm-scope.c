/* mfm-scope.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-scope"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-scope.h"
#include "mfm-util-private.h"

G_DEFINE_BOXED_TYPE (MfmAddressPool, mfm_address_pool, mfm_address_pool_copy, mfm_address_pool_free)

MfmAddressPool *
mfm_address_pool_new (const char *start,
                      const char *end,
                      const char *failover_peer)
{
  MfmAddressPool *pool = g_new0 (MfmAddressPool, 1);

  pool->start = g_strdup (start);
  pool->end = g_strdup (end);
  pool->failover_peer = g_strdup (failover_peer);

  return pool;
}

MfmAddressPool *
mfm_address_pool_copy (const MfmAddressPool *pool)
{
  g_return_val_if_fail (pool != NULL, NULL);

  return mfm_address_pool_new (pool->start, pool->end, pool->failover_peer);
}

void
mfm_address_pool_free (MfmAddressPool *pool)
{
  if (pool == NULL)
    return;

  g_free (pool->start);
  g_free (pool->end);
  g_free (pool->failover_peer);
  g_free (pool);
}

struct _MfmScope
{
  GObject    parent_instance;

  char      *ref;
  char      *name;
  char      *server_ref;
  char      *subnet;
  char      *description;
  char      *range_ref;
  GPtrArray *pools;
  guint      enabled : 1;
};

G_DEFINE_FINAL_TYPE (MfmScope, mfm_scope, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REF,
  PROP_NAME,
  PROP_SERVER_REF,
  PROP_SUBNET,
  PROP_DESCRIPTION,
  PROP_ENABLED,
  PROP_POOL_COUNT,
  PROP_RELATIONSHIP_NAME,
  PROP_RANGE_REF,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string_property (MfmScope    *self,
                     char       **field,
                     const char  *value,
                     guint        prop_id)
{
  if (mfm_set_str (field, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

/* Pool edits can change both derived properties; notify only what moved. */
typedef struct
{
  guint  pool_count;
  char  *relationship_name;
} PoolSnapshot;

static void
pool_snapshot_take (MfmScope     *self,
                    PoolSnapshot *snapshot)
{
  snapshot->pool_count = self->pools->len;
  snapshot->relationship_name = g_strdup (mfm_scope_get_relationship_name (self));
}

static void
pool_snapshot_notify (MfmScope     *self,
                      PoolSnapshot *snapshot)
{
  if (snapshot->pool_count != self->pools->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POOL_COUNT]);
  if (g_strcmp0 (snapshot->relationship_name, mfm_scope_get_relationship_name (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATIONSHIP_NAME]);
  g_free (snapshot->relationship_name);
}

static void
mfm_scope_finalize (GObject *object)
{
  MfmScope *self = (MfmScope *)object;

  g_free (self->ref);
  g_free (self->name);
  g_free (self->server_ref);
  g_free (self->subnet);
  g_free (self->description);
  g_free (self->range_ref);
  g_ptr_array_unref (self->pools);

  G_OBJECT_CLASS (mfm_scope_parent_class)->finalize (object);
}

static void
mfm_scope_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  MfmScope *self = MFM_SCOPE (object);

  switch (prop_id)
    {
    case PROP_REF:
      g_value_set_string (value, self->ref);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SERVER_REF:
      g_value_set_string (value, self->server_ref);
      break;
    case PROP_SUBNET:
      g_value_set_string (value, self->subnet);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_POOL_COUNT:
      g_value_set_uint (value, self->pools->len);
      break;
    case PROP_RELATIONSHIP_NAME:
      g_value_set_string (value, mfm_scope_get_relationship_name (self));
      break;
    case PROP_RANGE_REF:
      g_value_set_string (value, self->range_ref);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_scope_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  MfmScope *self = MFM_SCOPE (object);

  switch (prop_id)
    {
    case PROP_REF:
      set_string_property (self, &self->ref, g_value_get_string (value), prop_id);
      break;
    case PROP_NAME:
      set_string_property (self, &self->name, g_value_get_string (value), prop_id);
      break;
    case PROP_SERVER_REF:
      set_string_property (self, &self->server_ref, g_value_get_string (value), prop_id);
      break;
    case PROP_SUBNET:
      set_string_property (self, &self->subnet, g_value_get_string (value), prop_id);
      break;
    case PROP_DESCRIPTION:
      mfm_scope_set_description (self, g_value_get_string (value));
      break;
    case PROP_RANGE_REF:
      mfm_scope_set_range_ref (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      mfm_scope_set_enabled (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_scope_class_init (MfmScopeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfm_scope_finalize;
  object_class->get_property = mfm_scope_get_property;
  object_class->set_property = mfm_scope_set_property;

  properties[PROP_REF] =
    g_param_spec_string ("ref", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SERVER_REF] =
    g_param_spec_string ("server-ref", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUBNET] =
    g_param_spec_string ("subnet", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_DESCRIPTION] =
    g_param_spec_string ("description", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_POOL_COUNT] =
    g_param_spec_uint ("pool-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RELATIONSHIP_NAME] =
    g_param_spec_string ("relationship-name", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RANGE_REF] =
    g_param_spec_string ("range-ref", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_scope_init (MfmScope *self)
{
  self->enabled = TRUE;
  self->pools = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_address_pool_free);
}

MfmScope *
mfm_scope_new (const char *ref,
               const char *name,
               const char *server_ref,
               const char *subnet)
{
  MfmScope *self = g_object_new (MFM_TYPE_SCOPE, NULL);

  /* Nobody can listen to a new object yet: the fields without a property each, as a
   * server's many scopes are read. */
  self->ref = g_strdup (ref);
  self->name = g_strdup (name);
  self->server_ref = g_strdup (server_ref);
  self->subnet = g_strdup (subnet);

  return self;
}

const char *
mfm_scope_get_ref (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  return self->ref;
}

const char *
mfm_scope_get_name (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  return self->name;
}

const char *
mfm_scope_get_server_ref (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  return self->server_ref;
}

const char *
mfm_scope_get_subnet (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  return self->subnet;
}

const char *
mfm_scope_get_description (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  return self->description;
}

void
mfm_scope_set_description (MfmScope   *self,
                           const char *description)
{
  g_return_if_fail (MFM_IS_SCOPE (self));

  set_string_property (self, &self->description, description, PROP_DESCRIPTION);
}

gboolean
mfm_scope_get_enabled (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), FALSE);

  return self->enabled;
}

void
mfm_scope_set_enabled (MfmScope *self,
                       gboolean  enabled)
{
  g_return_if_fail (MFM_IS_SCOPE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

GPtrArray *
mfm_scope_get_pools (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  return self->pools;
}

void
mfm_scope_add_pool (MfmScope   *self,
                    const char *start,
                    const char *end,
                    const char *failover_peer)
{
  PoolSnapshot snapshot;

  g_return_if_fail (MFM_IS_SCOPE (self));

  pool_snapshot_take (self, &snapshot);
  g_ptr_array_add (self->pools, mfm_address_pool_new (start, end, failover_peer));
  pool_snapshot_notify (self, &snapshot);
}

void
mfm_scope_clear_pools (MfmScope *self)
{
  PoolSnapshot snapshot;

  g_return_if_fail (MFM_IS_SCOPE (self));

  pool_snapshot_take (self, &snapshot);
  g_ptr_array_set_size (self->pools, 0);
  pool_snapshot_notify (self, &snapshot);
}

guint
mfm_scope_get_pool_count (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), 0);

  return self->pools->len;
}

const char *
mfm_scope_get_relationship_name (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  for (guint i = 0; i < self->pools->len; i++)
    {
      const MfmAddressPool *pool = g_ptr_array_index (self->pools, i);

      if (pool->failover_peer != NULL && pool->failover_peer[0] != '\0')
        return pool->failover_peer;
    }

  return NULL;
}

void
mfm_scope_set_failover_peer (MfmScope   *self,
                             const char *relationship_name)
{
  PoolSnapshot snapshot;

  g_return_if_fail (MFM_IS_SCOPE (self));

  pool_snapshot_take (self, &snapshot);
  for (guint i = 0; i < self->pools->len; i++)
    {
      MfmAddressPool *pool = g_ptr_array_index (self->pools, i);

      mfm_set_str (&pool->failover_peer, relationship_name);
    }
  pool_snapshot_notify (self, &snapshot);
}

static gboolean
parse_ipv4 (const char *text,
            guint32    *address)
{
  guint32 result = 0;
  const char *p = text;

  for (guint octet = 0; octet < 4; octet++)
    {
      guint value = 0;
      guint digits = 0;

      while (g_ascii_isdigit (*p) && digits < 4)
        {
          value = value * 10 + (guint)(*p - '0');
          digits++;
          p++;
        }
      if (digits == 0 || digits > 3 || value > 255)
        return FALSE;
      result = (result << 8) | value;

      if (octet < 3)
        {
          if (*p != '.')
            return FALSE;
          p++;
        }
    }

  if (*p != '\0')
    return FALSE;

  *address = result;
  return TRUE;
}

static char *
format_ipv4 (guint32 address)
{
  return g_strdup_printf ("%u.%u.%u.%u",
                          (address >> 24) & 0xff,
                          (address >> 16) & 0xff,
                          (address >> 8) & 0xff,
                          address & 0xff);
}

gboolean
mfm_scope_get_network (MfmScope  *self,
                       char     **network,
                       char     **netmask)
{
  g_autofree char *address_text = NULL;
  const char *slash;
  guint64 prefix;
  guint32 address;
  guint32 mask;
  char *end = NULL;

  g_return_val_if_fail (MFM_IS_SCOPE (self), FALSE);

  if (self->subnet == NULL)
    return FALSE;

  slash = strchr (self->subnet, '/');
  if (slash == NULL || slash[1] == '\0' || !g_ascii_isdigit (slash[1]))
    return FALSE;

  address_text = g_strndup (self->subnet, slash - self->subnet);
  if (!parse_ipv4 (address_text, &address))
    return FALSE;

  prefix = g_ascii_strtoull (slash + 1, &end, 10);
  if (end == NULL || *end != '\0' || prefix > 32)
    return FALSE;

  mask = prefix == 0 ? 0 : (guint32)(0xffffffffu << (32 - prefix));

  if (network != NULL)
    *network = format_ipv4 (address & mask);
  if (netmask != NULL)
    *netmask = format_ipv4 (mask);

  return TRUE;
}

void
mfm_scope_set_subnet (MfmScope   *self,
                      const char *subnet)
{
  g_return_if_fail (MFM_IS_SCOPE (self));

  set_string_property (self, &self->subnet, subnet, PROP_SUBNET);
}

const char *
mfm_scope_get_range_ref (MfmScope *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  return self->range_ref;
}

void
mfm_scope_set_range_ref (MfmScope   *self,
                         const char *range_ref)
{
  g_return_if_fail (MFM_IS_SCOPE (self));

  set_string_property (self, &self->range_ref, range_ref, PROP_RANGE_REF);
}

MfmScope *
mfm_scope_copy (MfmScope *self)
{
  MfmScope *copy;

  g_return_val_if_fail (MFM_IS_SCOPE (self), NULL);

  copy = mfm_scope_new (self->ref, self->name, self->server_ref, self->subnet);
  copy->description = g_strdup (self->description);
  copy->range_ref = g_strdup (self->range_ref);
  copy->enabled = self->enabled;
  for (guint i = 0; i < self->pools->len; i++)
    g_ptr_array_add (copy->pools, mfm_address_pool_copy (g_ptr_array_index (self->pools, i)));

  return copy;
}

static gboolean
pools_equal (GPtrArray *a,
             GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const MfmAddressPool *pa = g_ptr_array_index (a, i);
      const MfmAddressPool *pb = g_ptr_array_index (b, i);

      if (g_strcmp0 (pa->start, pb->start) != 0 ||
          g_strcmp0 (pa->end, pb->end) != 0 ||
          g_strcmp0 (pa->failover_peer, pb->failover_peer) != 0)
        return FALSE;
    }

  return TRUE;
}

void
mfm_scope_update_from (MfmScope *self,
                       MfmScope *other)
{
  g_return_if_fail (MFM_IS_SCOPE (self));
  g_return_if_fail (MFM_IS_SCOPE (other));

  if (self == other)
    return;

  g_object_freeze_notify (G_OBJECT (self));
  set_string_property (self, &self->ref, other->ref, PROP_REF);
  set_string_property (self, &self->name, other->name, PROP_NAME);
  set_string_property (self, &self->server_ref, other->server_ref, PROP_SERVER_REF);
  set_string_property (self, &self->subnet, other->subnet, PROP_SUBNET);
  mfm_scope_set_description (self, other->description);
  mfm_scope_set_range_ref (self, other->range_ref);
  mfm_scope_set_enabled (self, other->enabled);

  if (!pools_equal (self->pools, other->pools))
    {
      PoolSnapshot snapshot;

      pool_snapshot_take (self, &snapshot);
      g_ptr_array_set_size (self->pools, 0);
      for (guint i = 0; i < other->pools->len; i++)
        g_ptr_array_add (self->pools, mfm_address_pool_copy (g_ptr_array_index (other->pools, i)));
      pool_snapshot_notify (self, &snapshot);
    }
  g_object_thaw_notify (G_OBJECT (self));
}
