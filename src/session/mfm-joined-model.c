/* mfm-joined-model.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-joined-model"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-joined-model.h"

struct _MfmJoinedModel
{
  GObject     parent_instance;

  GType       item_type;
  GListModel *first;
  GListModel *second;
};

static void mfm_joined_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MfmJoinedModel, mfm_joined_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mfm_joined_model_list_model_init))

static GType
mfm_joined_model_get_item_type (GListModel *model)
{
  return MFM_JOINED_MODEL (model)->item_type;
}

static guint
mfm_joined_model_get_n_items (GListModel *model)
{
  MfmJoinedModel *self = MFM_JOINED_MODEL (model);

  return g_list_model_get_n_items (self->first) + g_list_model_get_n_items (self->second);
}

static gpointer
mfm_joined_model_get_item (GListModel *model,
                           guint       position)
{
  MfmJoinedModel *self = MFM_JOINED_MODEL (model);
  guint n_first = g_list_model_get_n_items (self->first);

  if (position < n_first)
    return g_list_model_get_item (self->first, position);

  return g_list_model_get_item (self->second, position - n_first);
}

static void
mfm_joined_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mfm_joined_model_get_item_type;
  iface->get_n_items = mfm_joined_model_get_n_items;
  iface->get_item = mfm_joined_model_get_item;
}

static void
first_changed_cb (MfmJoinedModel *self,
                  guint           position,
                  guint           removed,
                  guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

static void
second_changed_cb (MfmJoinedModel *self,
                   guint           position,
                   guint           removed,
                   guint           added)
{
  g_list_model_items_changed (G_LIST_MODEL (self),
                              g_list_model_get_n_items (self->first) + position,
                              removed, added);
}

static void
mfm_joined_model_dispose (GObject *object)
{
  MfmJoinedModel *self = MFM_JOINED_MODEL (object);

  if (self->first != NULL)
    g_signal_handlers_disconnect_by_data (self->first, self);
  if (self->second != NULL)
    g_signal_handlers_disconnect_by_data (self->second, self);
  g_clear_object (&self->first);
  g_clear_object (&self->second);

  G_OBJECT_CLASS (mfm_joined_model_parent_class)->dispose (object);
}

static void
mfm_joined_model_class_init (MfmJoinedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_joined_model_dispose;
}

static void
mfm_joined_model_init (MfmJoinedModel *self)
{
}

MfmJoinedModel *
mfm_joined_model_new (GType       item_type,
                      GListModel *first,
                      GListModel *second)
{
  MfmJoinedModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (first), NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (second), NULL);

  self = g_object_new (MFM_TYPE_JOINED_MODEL, NULL);
  self->item_type = item_type;
  self->first = g_object_ref (first);
  self->second = g_object_ref (second);
  g_signal_connect_swapped (first, "items-changed", G_CALLBACK (first_changed_cb), self);
  g_signal_connect_swapped (second, "items-changed", G_CALLBACK (second_changed_cb), self);

  return self;
}
