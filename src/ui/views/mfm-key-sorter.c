/* mfm-key-sorter.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-key-sorter"

#include "config.h"

#include <string.h>

#include "mfm-key-sorter.h"
#include "mfm-sort-key.h"

struct _MfmKeySorter
{
  GtkSorter   parent_instance;

  char       *property;
  /* The last item type seen and its property: a list holds one type. */
  GType       type;
  GParamSpec *pspec;
};

G_DEFINE_FINAL_TYPE (MfmKeySorter, mfm_key_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_PROPERTY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
item_key (MfmKeySorter *self,
          gpointer      item)
{
  GType type = G_OBJECT_TYPE (item);

  if (type != self->type)
    {
      GParamSpec *pspec = self->property != NULL
        ? g_object_class_find_property (G_OBJECT_GET_CLASS (item), self->property) : NULL;

      self->type = type;
      self->pspec = pspec != NULL && G_IS_PARAM_SPEC_STRING (pspec) &&
                    (pspec->flags & G_PARAM_READABLE) ? pspec : NULL;
    }

  return self->pspec != NULL ? mfm_sort_key_get (item, self->pspec) : "";
}

static GtkOrdering
mfm_key_sorter_compare (GtkSorter *sorter,
                        gpointer   item1,
                        gpointer   item2)
{
  MfmKeySorter *self = MFM_KEY_SORTER (sorter);

  if (self->property == NULL)
    return GTK_ORDERING_EQUAL;

  return gtk_ordering_from_cmpfunc (strcmp (item_key (self, item1), item_key (self, item2)));
}

static GtkSorterOrder
mfm_key_sorter_get_order (GtkSorter *sorter)
{
  MfmKeySorter *self = MFM_KEY_SORTER (sorter);

  return self->property != NULL ? GTK_SORTER_ORDER_PARTIAL : GTK_SORTER_ORDER_NONE;
}

static void
mfm_key_sorter_finalize (GObject *object)
{
  MfmKeySorter *self = (MfmKeySorter *)object;

  g_free (self->property);

  G_OBJECT_CLASS (mfm_key_sorter_parent_class)->finalize (object);
}

static void
mfm_key_sorter_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MfmKeySorter *self = MFM_KEY_SORTER (object);

  switch (prop_id)
    {
    case PROP_PROPERTY:
      g_value_set_string (value, self->property);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_key_sorter_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MfmKeySorter *self = MFM_KEY_SORTER (object);

  switch (prop_id)
    {
    case PROP_PROPERTY:
      mfm_key_sorter_set_property_name (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_key_sorter_class_init (MfmKeySorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->finalize = mfm_key_sorter_finalize;
  object_class->get_property = mfm_key_sorter_get_property;
  object_class->set_property = mfm_key_sorter_set_property;
  sorter_class->compare = mfm_key_sorter_compare;
  sorter_class->get_order = mfm_key_sorter_get_order;

  properties[PROP_PROPERTY] =
    g_param_spec_string ("property", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_key_sorter_init (MfmKeySorter *self)
{
}

GtkSorter *
mfm_key_sorter_new (const char *property)
{
  return g_object_new (MFM_TYPE_KEY_SORTER, "property", property, NULL);
}

const char *
mfm_key_sorter_get_property_name (MfmKeySorter *self)
{
  g_return_val_if_fail (MFM_IS_KEY_SORTER (self), NULL);

  return self->property;
}

void
mfm_key_sorter_set_property_name (MfmKeySorter *self,
                                  const char   *property)
{
  g_return_if_fail (MFM_IS_KEY_SORTER (self));

  if (g_strcmp0 (self->property, property) == 0)
    return;

  g_free (self->property);
  self->property = g_strdup (property);
  self->type = G_TYPE_INVALID;
  self->pspec = NULL;
  gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROPERTY]);
}
