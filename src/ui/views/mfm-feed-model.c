/* mfm-feed-model.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-feed-model"

#include "config.h"

#include <glib/gi18n.h>

#include <gtk/gtk.h>

#include "mfm-feed-model.h"

/* Why this model exists: a GtkSortListModel given 100,000 servers at once takes a reference
 * to each, makes its sort key and sorts them, and the filter above checks them all, in one
 * main-loop turn of more than a tenth of a second. Given as chunks appended in the order of
 * the store (sorted by name), the sort model merges a short run per turn and the filter
 * checks only the new items. The chunks of every feeding model share one idle, one chunk a
 * turn, so that two tables never take theirs in the same turn. The priority is the one the
 * inventory's slices use: frames still come between two chunks.
 *
 * That holds only for chunks in the table's order: a chunk whose items belong among those
 * passed on already (the table sorted by another column) makes the sort model merge it into
 * all of them and tell the filter a change across nearly every row, each turn, which costs
 * far more in all than one turn with every item. So a chunk is first checked against
 * "sorter", and when it is not in order, every item left is passed on at once. */
#define FEED_PRIORITY (G_PRIORITY_HIGH_IDLE + 20)

struct _MfmFeedModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkSorter  *sorter;
  /* While feeding: how many of the first items of "model" are passed on. */
  guint       fed;
  gboolean    feeding;
};

static void mfm_feed_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MfmFeedModel, mfm_feed_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mfm_feed_model_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_SORTER,
  PROP_FEEDING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The models that feed, in turn, and the idle that feeds them. */
static GQueue feeding_models = G_QUEUE_INIT;
static guint feed_id;

static GType
mfm_feed_model_get_item_type (GListModel *list)
{
  MfmFeedModel *self = MFM_FEED_MODEL (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
mfm_feed_model_get_n_items (GListModel *list)
{
  MfmFeedModel *self = MFM_FEED_MODEL (list);

  if (self->model == NULL)
    return 0;
  if (self->feeding)
    return self->fed;

  return g_list_model_get_n_items (self->model);
}

static gpointer
mfm_feed_model_get_item (GListModel *list,
                         guint       position)
{
  MfmFeedModel *self = MFM_FEED_MODEL (list);

  if (self->model == NULL || (self->feeding && position >= self->fed))
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
mfm_feed_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mfm_feed_model_get_item_type;
  iface->get_n_items = mfm_feed_model_get_n_items;
  iface->get_item = mfm_feed_model_get_item;
}

static gboolean feed_cb (gpointer user_data);

static void
start_feeding (MfmFeedModel *self,
               guint         fed)
{
  self->fed = fed;
  if (self->feeding)
    return;

  self->feeding = TRUE;
  g_queue_push_tail (&feeding_models, self);
  if (feed_id == 0)
    {
      feed_id = g_idle_add_full (FEED_PRIORITY, feed_cb, NULL, NULL);
      g_source_set_name_by_id (feed_id, "[mfm] feed table models");
    }
}

/* Ends the feeding without a word to the model's watchers. */
static gboolean
stop_feeding (MfmFeedModel *self)
{
  if (!self->feeding)
    return FALSE;

  self->feeding = FALSE;
  self->fed = 0;
  /* The idle ends itself when it finds no model to feed: a feed ending within it (its last
   * chunk) may start another one. */
  g_queue_remove (&feeding_models, self);
  return TRUE;
}

/* How many neighbours of a chunk are compared: items in another order than the table's
 * (another column) are out of order at about every other pair, so a few dozen pairs tell;
 * comparing every pair cost a third of passing the chunk on. A chunk wrongly taken as in order
 * costs time, never rows: the sort model sorts whatever it gets. */
#define ORDER_SAMPLES 64

static gboolean
pair_in_order (MfmFeedModel *self,
               guint         position)
{
  g_autoptr(GObject) previous = g_list_model_get_item (self->model, position - 1);
  g_autoptr(GObject) item = g_list_model_get_item (self->model, position);

  return gtk_sorter_compare (self->sorter, previous, item) != GTK_ORDERING_LARGER;
}

/* Whether the items of "model" from @start to @end seem to follow "sorter", the item before
 * @start (the last one passed on) included. */
static gboolean
in_order (MfmFeedModel *self,
          guint         start,
          guint         end)
{
  guint step;

  if (self->sorter == NULL || gtk_sorter_get_order (self->sorter) == GTK_SORTER_ORDER_NONE ||
      end <= start + 1)
    return TRUE;

  if (start > 0 && !pair_in_order (self, start))
    return FALSE;

  step = MAX (1, (end - start) / ORDER_SAMPLES);
  for (guint i = start + 1; i < end; i += step)
    if (!pair_in_order (self, i))
      return FALSE;

  return pair_in_order (self, end - 1);
}

/* Passes on the next chunk of @self; the last one ends the feeding. */
static void
feed_chunk (MfmFeedModel *self)
{
  guint n_items = g_list_model_get_n_items (self->model);
  guint fed = self->fed;

  if (n_items - fed > MFM_FEED_MODEL_CHUNK && in_order (self, fed, fed + MFM_FEED_MODEL_CHUNK))
    {
      self->fed += MFM_FEED_MODEL_CHUNK;
      g_list_model_items_changed (G_LIST_MODEL (self), fed, 0, MFM_FEED_MODEL_CHUNK);
      return;
    }

  /* Not feeding any more before the last items are told, so that whoever counts them on
   * that change counts them all. */
  stop_feeding (self);
  if (n_items > fed)
    g_list_model_items_changed (G_LIST_MODEL (self), fed, 0, n_items - fed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDING]);
}

static gboolean
feed_cb (gpointer user_data)
{
  g_autoptr(MfmFeedModel) self = NULL;

  if (g_queue_is_empty (&feeding_models))
    {
      feed_id = 0;
      return G_SOURCE_REMOVE;
    }

  /* The next turn feeds the next model. */
  self = g_object_ref (g_queue_pop_head (&feeding_models));
  g_queue_push_tail (&feeding_models, self);
  feed_chunk (self);

  return G_SOURCE_CONTINUE;
}

void
mfm_feed_model_feed_all (MfmFeedModel *self)
{
  guint fed;
  guint n_items;

  g_return_if_fail (MFM_IS_FEED_MODEL (self));

  fed = self->fed;
  if (!stop_feeding (self))
    return;

  n_items = g_list_model_get_n_items (self->model);
  if (n_items > fed)
    g_list_model_items_changed (G_LIST_MODEL (self), fed, 0, n_items - fed);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDING]);
}

static void
items_changed_cb (MfmFeedModel *self,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GListModel   *model)
{
  guint n_items = g_list_model_get_n_items (model);
  guint before = n_items - added + removed;
  guint shown = self->feeding ? self->fed : before;
  guint shown_removed;
  guint now_shown;
  gboolean was_feeding = self->feeding;

  /* Items not passed on yet change nothing passed on. */
  if (self->feeding && position >= shown)
    return;

  if (added > removed && added - removed > MFM_FEED_MODEL_CHUNK &&
      in_order (self, position, position + removed + MFM_FEED_MODEL_CHUNK))
    {
      /* Many items at once: a chunk more than it removed now, and the items after them again
       * with the chunks that follow, so that what is passed on stays the first items of
       * "model" (an addition at the end, as a load makes, holds back nothing else). */
      start_feeding (self, position + removed + MFM_FEED_MODEL_CHUNK);
      g_list_model_items_changed (G_LIST_MODEL (self), position, shown - position,
                                  removed + MFM_FEED_MODEL_CHUNK);
      if (!was_feeding)
        g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDING]);
      return;
    }

  /* The items passed on that the change removed; those after them stay passed on. */
  shown_removed = MIN (removed, shown - position);
  now_shown = shown - shown_removed + added;
  if (self->feeding && now_shown >= n_items)
    {
      stop_feeding (self);
      g_list_model_items_changed (G_LIST_MODEL (self), position, shown_removed, added);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDING]);
      return;
    }
  if (self->feeding)
    self->fed = now_shown;
  g_list_model_items_changed (G_LIST_MODEL (self), position, shown_removed, added);
}

static void
mfm_feed_model_dispose (GObject *object)
{
  MfmFeedModel *self = (MfmFeedModel *)object;

  stop_feeding (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_object (&self->sorter);

  G_OBJECT_CLASS (mfm_feed_model_parent_class)->dispose (object);
}

static void
mfm_feed_model_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MfmFeedModel *self = MFM_FEED_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_SORTER:
      g_value_set_object (value, self->sorter);
      break;

    case PROP_FEEDING:
      g_value_set_boolean (value, self->feeding);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_feed_model_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MfmFeedModel *self = MFM_FEED_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mfm_feed_model_set_model (self, g_value_get_object (value));
      break;

    case PROP_SORTER:
      mfm_feed_model_set_sorter (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_feed_model_class_init (MfmFeedModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_feed_model_dispose;
  object_class->get_property = mfm_feed_model_get_property;
  object_class->set_property = mfm_feed_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_SORTER] =
    g_param_spec_object ("sorter", NULL, NULL,
                         GTK_TYPE_SORTER,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_FEEDING] =
    g_param_spec_boolean ("feeding", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_feed_model_init (MfmFeedModel *self)
{
}

GListModel *
mfm_feed_model_new (GListModel *model)
{
  g_return_val_if_fail (!model || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (MFM_TYPE_FEED_MODEL, "model", model, NULL);
}

/**
 * mfm_feed_model_get_model:
 *
 * Returns: (transfer none) (nullable): the model whose items are passed on
 */
GListModel *
mfm_feed_model_get_model (MfmFeedModel *self)
{
  g_return_val_if_fail (MFM_IS_FEED_MODEL (self), NULL);

  return self->model;
}

void
mfm_feed_model_set_model (MfmFeedModel *self,
                          GListModel   *model)
{
  gboolean was_feeding;
  guint removed;
  guint n_items;

  g_return_if_fail (MFM_IS_FEED_MODEL (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  removed = g_list_model_get_n_items (G_LIST_MODEL (self));
  was_feeding = stop_feeding (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  n_items = 0;
  if (model != NULL)
    {
      g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                               G_CONNECT_SWAPPED);
      n_items = g_list_model_get_n_items (model);
    }
  /* Even the first chunk comes in a turn of its own: the turn that gives the model (the end of
   * a load) has enough to do. */
  if (n_items > MFM_FEED_MODEL_CHUNK)
    {
      start_feeding (self, 0);
      n_items = 0;
    }

  if (removed > 0 || n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, n_items);
  if (was_feeding != self->feeding)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEEDING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* The order of the table the items are for: chunks are passed on only in that order. */
void
mfm_feed_model_set_sorter (MfmFeedModel *self,
                           GtkSorter    *sorter)
{
  g_return_if_fail (MFM_IS_FEED_MODEL (self));
  g_return_if_fail (!sorter || GTK_IS_SORTER (sorter));

  if (!g_set_object (&self->sorter, sorter))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SORTER]);
}

/* Whether items of "model" are still to be passed on. */
gboolean
mfm_feed_model_get_feeding (MfmFeedModel *self)
{
  g_return_val_if_fail (MFM_IS_FEED_MODEL (self), FALSE);

  return self->feeding;
}
