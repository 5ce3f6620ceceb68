/* mfm-server.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-server"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-server.h"
#include "mfm-sort-key.h"
#include "mfm-util-private.h"

struct _MfmServer
{
  GObject  parent_instance;

  char    *ref;
  char    *name;
  char    *display_name;
  char    *address;
  char    *server_type;
  char    *state;
  guint    relationship_count;
  int      staged_relationship_count;
  /* Bumped whenever the name or the address changes (see mfm_server_get_generation()). */
  guint    generation;
  guint    enabled : 1;
};

G_DEFINE_FINAL_TYPE (MfmServer, mfm_server, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_REF,
  PROP_NAME,
  PROP_ADDRESS,
  PROP_SERVER_TYPE,
  PROP_STATE,
  PROP_ENABLED,
  PROP_IS_ISC,
  PROP_RELATIONSHIP_COUNT,
  PROP_STAGED_RELATIONSHIP_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfm_server_set_ref (MfmServer  *self,
                    const char *ref)
{
  if (mfm_set_str (&self->ref, ref))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REF]);
}

static void
mfm_server_set_name (MfmServer  *self,
                     const char *name)
{
  if (!mfm_set_str (&self->name, name))
    return;

  self->generation++;
  g_clear_pointer (&self->display_name, g_free);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

static void
mfm_server_set_server_type (MfmServer  *self,
                            const char *server_type)
{
  gboolean was_isc = mfm_server_is_isc (self);

  if (!mfm_set_str (&self->server_type, server_type))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER_TYPE]);
  if (was_isc != mfm_server_is_isc (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IS_ISC]);
}

static void
mfm_server_finalize (GObject *object)
{
  MfmServer *self = (MfmServer *)object;

  g_free (self->ref);
  g_free (self->name);
  g_free (self->display_name);
  g_free (self->address);
  g_free (self->server_type);
  g_free (self->state);

  G_OBJECT_CLASS (mfm_server_parent_class)->finalize (object);
}

static void
mfm_server_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MfmServer *self = MFM_SERVER (object);

  switch (prop_id)
    {
    case PROP_REF:
      g_value_set_string (value, self->ref);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    case PROP_SERVER_TYPE:
      g_value_set_string (value, self->server_type);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_IS_ISC:
      g_value_set_boolean (value, mfm_server_is_isc (self));
      break;
    case PROP_RELATIONSHIP_COUNT:
      g_value_set_uint (value, self->relationship_count);
      break;

    case PROP_STAGED_RELATIONSHIP_COUNT:
      g_value_set_int (value, self->staged_relationship_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_server_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MfmServer *self = MFM_SERVER (object);

  switch (prop_id)
    {
    case PROP_REF:
      mfm_server_set_ref (self, g_value_get_string (value));
      break;
    case PROP_NAME:
      mfm_server_set_name (self, g_value_get_string (value));
      break;
    case PROP_ADDRESS:
      mfm_server_set_address (self, g_value_get_string (value));
      break;
    case PROP_SERVER_TYPE:
      mfm_server_set_server_type (self, g_value_get_string (value));
      break;
    case PROP_STATE:
      mfm_server_set_state (self, g_value_get_string (value));
      break;
    case PROP_ENABLED:
      mfm_server_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_RELATIONSHIP_COUNT:
      mfm_server_set_relationship_count (self, g_value_get_uint (value));
      break;

    case PROP_STAGED_RELATIONSHIP_COUNT:
      mfm_server_set_staged_relationship_count (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sort keys follow the text they were made of; no handler per object needed. */
static void
mfm_server_dispatch_properties_changed (GObject     *object,
                                        guint        n_pspecs,
                                        GParamSpec **pspecs)
{
  mfm_sort_key_forget (object, n_pspecs, pspecs);
  G_OBJECT_CLASS (mfm_server_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
}

static void
mfm_server_class_init (MfmServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfm_server_finalize;
  object_class->get_property = mfm_server_get_property;
  object_class->set_property = mfm_server_set_property;
  object_class->dispatch_properties_changed = mfm_server_dispatch_properties_changed;

  properties[PROP_REF] =
    g_param_spec_string ("ref", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ADDRESS] =
    g_param_spec_string ("address", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SERVER_TYPE] =
    g_param_spec_string ("server-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATE] =
    g_param_spec_string ("state", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ENABLED] =
    g_param_spec_boolean ("enabled", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_IS_ISC] =
    g_param_spec_boolean ("is-isc", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_RELATIONSHIP_COUNT] =
    g_param_spec_uint ("relationship-count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STAGED_RELATIONSHIP_COUNT] =
    g_param_spec_int ("staged-relationship-count", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_server_init (MfmServer *self)
{
  self->staged_relationship_count = -1;
  self->enabled = TRUE;
}

MfmServer *
mfm_server_new (const char *ref,
                const char *name,
                const char *address,
                const char *server_type,
                const char *state)
{
  MfmServer *self = g_object_new (MFM_TYPE_SERVER, NULL);

  /* Nobody can listen to a new object yet: the fields without a notification each, which
   * were most of what building the servers of a large estate cost. */
  self->ref = g_strdup (ref);
  self->name = g_strdup (name);
  self->address = g_strdup (address);
  self->server_type = g_strdup (server_type);
  self->state = g_strdup (state);

  return self;
}

const char *
mfm_server_get_ref (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), NULL);

  return self->ref;
}

const char *
mfm_server_get_name (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), NULL);

  return self->name;
}

const char *
mfm_server_get_address (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), NULL);

  return self->address;
}

const char *
mfm_server_get_server_type (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), NULL);

  return self->server_type;
}

const char *
mfm_server_get_state (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), NULL);

  return self->state;
}

gboolean
mfm_server_get_enabled (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), FALSE);

  return self->enabled;
}

gboolean
mfm_server_is_isc (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), FALSE);

  return g_strcmp0 (self->server_type, "ISC") == 0;
}

guint
mfm_server_get_relationship_count (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), 0);

  return self->relationship_count;
}

guint
mfm_server_get_generation (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), 0);

  return self->generation;
}

void
mfm_server_set_address (MfmServer  *self,
                        const char *address)
{
  g_return_if_fail (MFM_IS_SERVER (self));

  if (!mfm_set_str (&self->address, address))
    return;

  self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ADDRESS]);
}

void
mfm_server_set_state (MfmServer  *self,
                      const char *state)
{
  g_return_if_fail (MFM_IS_SERVER (self));

  if (mfm_set_str (&self->state, state))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

void
mfm_server_set_enabled (MfmServer *self,
                        gboolean   enabled)
{
  g_return_if_fail (MFM_IS_SERVER (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;

  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

void
mfm_server_set_relationship_count (MfmServer *self,
                                   guint      count)
{
  g_return_if_fail (MFM_IS_SERVER (self));

  if (self->relationship_count == count)
    return;

  self->relationship_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATIONSHIP_COUNT]);
}

char *
mfm_server_name_without_dot (const char *name)
{
  gsize len;

  if (name == NULL)
    return NULL;

  len = strlen (name);
  if (len > 1 && name[len - 1] == '.')
    len--;

  return g_strndup (name, len);
}

const char *
mfm_server_get_display_name (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), "");

  if (self->name == NULL)
    return "";

  if (self->display_name == NULL)
    self->display_name = mfm_server_name_without_dot (self->name);

  return self->display_name;
}

/* "relationship-count" is left alone: it comes from the inventory's relationships, not from
 * what the server list says, and a refresh must not reset it to 0 in between. */
gboolean
mfm_server_same_as (MfmServer *self,
                    MfmServer *other)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), FALSE);
  g_return_val_if_fail (MFM_IS_SERVER (other), FALSE);

  return self == other ||
         (g_strcmp0 (self->ref, other->ref) == 0 && g_strcmp0 (self->name, other->name) == 0 &&
          g_strcmp0 (self->address, other->address) == 0 &&
          g_strcmp0 (self->server_type, other->server_type) == 0 &&
          g_strcmp0 (self->state, other->state) == 0 && self->enabled == other->enabled);
}

void
mfm_server_update_from (MfmServer *self,
                        MfmServer *other)
{
  g_return_if_fail (MFM_IS_SERVER (self));
  g_return_if_fail (MFM_IS_SERVER (other));

  /* A refresh mostly brings what is there already: then no notification machinery at all. */
  if (mfm_server_same_as (self, other))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  mfm_server_set_ref (self, other->ref);
  mfm_server_set_name (self, other->name);
  mfm_server_set_address (self, other->address);
  mfm_server_set_server_type (self, other->server_type);
  mfm_server_set_state (self, other->state);
  mfm_server_set_enabled (self, other->enabled);
  g_object_thaw_notify (G_OBJECT (self));
}

int
mfm_server_get_staged_relationship_count (MfmServer *self)
{
  g_return_val_if_fail (MFM_IS_SERVER (self), -1);

  return self->staged_relationship_count;
}

void
mfm_server_set_staged_relationship_count (MfmServer *self,
                                          int        count)
{
  g_return_if_fail (MFM_IS_SERVER (self));

  count = MAX (count, -1);
  if (self->staged_relationship_count == count)
    return;

  self->staged_relationship_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGED_RELATIONSHIP_COUNT]);
}
