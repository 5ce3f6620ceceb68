/* mfm-natural-sorter.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-natural-sorter"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-natural-sorter.h"

struct _MfmNaturalSorter
{
  GtkSorter      parent_instance;

  GtkExpression *expression;
  /* Where each item keeps its key: one per sorted text (a property name), so the columns of a
   * table sharing the items do not overwrite each other's keys. */
  GQuark         key_quark;
};

G_DEFINE_FINAL_TYPE (MfmNaturalSorter, mfm_natural_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_EXPRESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  char *source;
  char *key;
} SortKey;

static void
sort_key_free (gpointer data)
{
  SortKey *sort_key = data;

  g_free (sort_key->source);
  g_free (sort_key->key);
  g_free (sort_key);
}

static const char *
item_sort_key (MfmNaturalSorter *self,
               gpointer          item)
{
  g_auto(GValue) value = G_VALUE_INIT;
  const char *text;
  SortKey *sort_key;

  if (!gtk_expression_evaluate (self->expression, item, &value))
    return NULL;
  text = g_value_get_string (&value);
  if (text == NULL)
    return NULL;

  sort_key = g_object_get_qdata (item, self->key_quark);
  if (sort_key != NULL && g_strcmp0 (sort_key->source, text) == 0)
    return sort_key->key;

  sort_key = g_new0 (SortKey, 1);
  sort_key->source = g_strdup (text);
  {
    g_autofree char *folded = g_utf8_casefold (text, -1);

    sort_key->key = g_utf8_collate_key_for_filename (folded, -1);
  }
  g_object_set_qdata_full (item, self->key_quark, sort_key, sort_key_free);

  return sort_key->key;
}

static GtkOrdering
mfm_natural_sorter_compare (GtkSorter *sorter,
                            gpointer   item1,
                            gpointer   item2)
{
  MfmNaturalSorter *self = MFM_NATURAL_SORTER (sorter);
  const char *key1;
  const char *key2;

  if (self->expression == NULL)
    return GTK_ORDERING_EQUAL;

  key1 = item_sort_key (self, item1);
  key2 = item_sort_key (self, item2);

  return gtk_ordering_from_cmpfunc (g_strcmp0 (key1, key2));
}

static GtkSorterOrder
mfm_natural_sorter_get_order (GtkSorter *sorter)
{
  MfmNaturalSorter *self = MFM_NATURAL_SORTER (sorter);

  return self->expression != NULL ? GTK_SORTER_ORDER_PARTIAL : GTK_SORTER_ORDER_NONE;
}

static void
mfm_natural_sorter_dispose (GObject *object)
{
  MfmNaturalSorter *self = (MfmNaturalSorter *)object;

  g_clear_pointer (&self->expression, gtk_expression_unref);

  G_OBJECT_CLASS (mfm_natural_sorter_parent_class)->dispose (object);
}

static void
mfm_natural_sorter_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  MfmNaturalSorter *self = MFM_NATURAL_SORTER (object);

  switch (prop_id)
    {
    case PROP_EXPRESSION:
      gtk_value_set_expression (value, self->expression);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_natural_sorter_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  MfmNaturalSorter *self = MFM_NATURAL_SORTER (object);

  switch (prop_id)
    {
    case PROP_EXPRESSION:
      mfm_natural_sorter_set_expression (self, gtk_value_get_expression (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_natural_sorter_class_init (MfmNaturalSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->dispose = mfm_natural_sorter_dispose;
  object_class->get_property = mfm_natural_sorter_get_property;
  object_class->set_property = mfm_natural_sorter_set_property;

  sorter_class->compare = mfm_natural_sorter_compare;
  sorter_class->get_order = mfm_natural_sorter_get_order;

  properties[PROP_EXPRESSION] =
    gtk_param_spec_expression ("expression", NULL, NULL,
                               (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_natural_sorter_init (MfmNaturalSorter *self)
{
  self->key_quark = g_quark_from_static_string ("mfm-natural-sort-key");
}

GtkSorter *
mfm_natural_sorter_new (GtkExpression *expression)
{
  GtkSorter *sorter = g_object_new (MFM_TYPE_NATURAL_SORTER, "expression", expression, NULL);

  g_clear_pointer (&expression, gtk_expression_unref);
  return sorter;
}

/**
 * mfm_natural_sorter_get_expression:
 *
 * Returns: (transfer none) (nullable): the expression
 */
GtkExpression *
mfm_natural_sorter_get_expression (MfmNaturalSorter *self)
{
  g_return_val_if_fail (MFM_IS_NATURAL_SORTER (self), NULL);

  return self->expression;
}

void
mfm_natural_sorter_set_expression (MfmNaturalSorter *self,
                                   GtkExpression    *expression)
{
  g_return_if_fail (MFM_IS_NATURAL_SORTER (self));
  g_return_if_fail (!expression || gtk_expression_get_value_type (expression) == G_TYPE_STRING);

  if (self->expression == expression)
    return;

  g_clear_pointer (&self->expression, gtk_expression_unref);
  self->expression = expression != NULL ? gtk_expression_ref (expression) : NULL;
  if (expression != NULL && G_TYPE_CHECK_INSTANCE_TYPE (expression, GTK_TYPE_PROPERTY_EXPRESSION))
    {
      g_autofree char *name =
        g_strdup_printf ("mfm-natural-sort-key-%s",
                         gtk_property_expression_get_pspec (expression)->name);

      self->key_quark = g_quark_from_string (name);
    }
  else
    {
      self->key_quark = g_quark_from_static_string ("mfm-natural-sort-key");
    }

  gtk_sorter_changed (GTK_SORTER (self), GTK_SORTER_CHANGE_DIFFERENT);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPRESSION]);
}
