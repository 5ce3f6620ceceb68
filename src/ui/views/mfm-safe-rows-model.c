/* mfm-safe-rows-model.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-safe-rows-model"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-safe-rows-model.h"

/* Why this model exists: GTK 4.8's GtkListItemManager keeps the rows of a list view in runs,
 * one run per row widget and one run for each stretch of items without a widget (those off
 * screen). On items-changed (position, removed, added) it removes whole runs from the run that
 * holds @position on, without subtracting the items of that run that lie before @position.
 * When @position falls inside such a stretch, items before @position are dropped instead of
 * as many items at the end of the removed range, and the row widgets of those last items
 * stay, with their old item and position, and are not updated since they now stand before
 * the change. Typing a search while the table is scrolled down does exactly that: the rows
 * then show servers that do not match, and their menu acts on them (GTK 4.10 rewrote this
 * code). A change that starts at the first item never starts inside a run, so every removal
 * is passed on as a change from the first item: the list view then takes back the widgets of
 * the unchanged items by their item, and the selection finds its item again among them. */

struct _MfmSafeRowsModel
{
  GObject     parent_instance;

  GListModel *model;
};

static void mfm_safe_rows_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MfmSafeRowsModel, mfm_safe_rows_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mfm_safe_rows_model_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
mfm_safe_rows_model_get_item_type (GListModel *list)
{
  MfmSafeRowsModel *self = MFM_SAFE_ROWS_MODEL (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
mfm_safe_rows_model_get_n_items (GListModel *list)
{
  MfmSafeRowsModel *self = MFM_SAFE_ROWS_MODEL (list);

  return self->model != NULL ? g_list_model_get_n_items (self->model) : 0;
}

static gpointer
mfm_safe_rows_model_get_item (GListModel *list,
                              guint       position)
{
  MfmSafeRowsModel *self = MFM_SAFE_ROWS_MODEL (list);

  return self->model != NULL ? g_list_model_get_item (self->model, position) : NULL;
}

static void
mfm_safe_rows_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mfm_safe_rows_model_get_item_type;
  iface->get_n_items = mfm_safe_rows_model_get_n_items;
  iface->get_item = mfm_safe_rows_model_get_item;
}

static void
items_changed_cb (MfmSafeRowsModel *self,
                  guint             position,
                  guint             removed,
                  guint             added,
                  GListModel       *model)
{
  /* Additions alone are handled right wherever they start. */
  if (removed > 0 && position > 0)
    {
      removed += position;
      added += position;
      position = 0;
    }

  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
mfm_safe_rows_model_dispose (GObject *object)
{
  MfmSafeRowsModel *self = (MfmSafeRowsModel *)object;

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (mfm_safe_rows_model_parent_class)->dispose (object);
}

static void
mfm_safe_rows_model_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  MfmSafeRowsModel *self = MFM_SAFE_ROWS_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_safe_rows_model_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  MfmSafeRowsModel *self = MFM_SAFE_ROWS_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mfm_safe_rows_model_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_safe_rows_model_class_init (MfmSafeRowsModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_safe_rows_model_dispose;
  object_class->get_property = mfm_safe_rows_model_get_property;
  object_class->set_property = mfm_safe_rows_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_safe_rows_model_init (MfmSafeRowsModel *self)
{
}

GListModel *
mfm_safe_rows_model_new (GListModel *model)
{
  g_return_val_if_fail (!model || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (MFM_TYPE_SAFE_ROWS_MODEL, "model", model, NULL);
}

/**
 * mfm_safe_rows_model_get_model:
 *
 * Returns: (transfer none) (nullable): the model whose items are shown
 */
GListModel *
mfm_safe_rows_model_get_model (MfmSafeRowsModel *self)
{
  g_return_val_if_fail (MFM_IS_SAFE_ROWS_MODEL (self), NULL);

  return self->model;
}

void
mfm_safe_rows_model_set_model (MfmSafeRowsModel *self,
                               GListModel       *model)
{
  guint removed;
  guint added;

  g_return_if_fail (MFM_IS_SAFE_ROWS_MODEL (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  removed = g_list_model_get_n_items (G_LIST_MODEL (self));
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  added = g_list_model_get_n_items (G_LIST_MODEL (self));

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}
