/* mfm-reveal-model.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-reveal-model"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-reveal-model.h"

/* A row of the servers table costs about a millisecond to build: a step's rows fit in a
 * frame, and GTK builds no more than about 200 rows however many items follow. */
#define REVEAL_STEP 25
#define REVEAL_ALL_AT 200
/* More than the rows GTK 4.8 keeps widgets for at the top of a list view (about 200). */
#define SPLIT_AT 256

struct _MfmRevealModel
{
  GObject     parent_instance;

  GListModel *model;
  GtkWidget  *widget;    /* weak */
  guint       shown;     /* while revealing: how many of the first items are shown */
  guint       tick_id;   /* while revealing */
  gboolean    armed;
  gboolean    refills;
  GObject    *kept_item;
  /* While the first half of a split change is announced: where the items held back start
   * in "model", and how many they are. */
  guint       held_at;
  guint       held_back;
};

static void mfm_reveal_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MfmRevealModel, mfm_reveal_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mfm_reveal_model_list_model_init))

enum {
  PROP_0,
  PROP_MODEL,
  PROP_REVEALING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
mfm_reveal_model_get_item_type (GListModel *list)
{
  MfmRevealModel *self = MFM_REVEAL_MODEL (list);

  return self->model != NULL ? g_list_model_get_item_type (self->model) : G_TYPE_OBJECT;
}

static guint
mfm_reveal_model_get_n_items (GListModel *list)
{
  MfmRevealModel *self = MFM_REVEAL_MODEL (list);

  if (self->model == NULL)
    return 0;

  if (self->tick_id != 0)
    return self->shown;

  return g_list_model_get_n_items (self->model) - self->held_back;
}

static gpointer
mfm_reveal_model_get_item (GListModel *list,
                           guint       position)
{
  MfmRevealModel *self = MFM_REVEAL_MODEL (list);

  if (position >= mfm_reveal_model_get_n_items (list))
    return NULL;
  if (position >= self->held_at)
    position += self->held_back;

  return g_list_model_get_item (self->model, position);
}

static void
mfm_reveal_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mfm_reveal_model_get_item_type;
  iface->get_n_items = mfm_reveal_model_get_n_items;
  iface->get_item = mfm_reveal_model_get_item;
}

/* Ends the reveal without a word to the model's watchers; returns how many items were shown. */
static guint
stop_revealing (MfmRevealModel *self)
{
  guint shown = self->shown;

  if (self->tick_id == 0)
    return 0;

  if (self->widget != NULL)
    gtk_widget_remove_tick_callback (self->widget, self->tick_id);
  self->tick_id = 0;
  self->shown = 0;
  return shown;
}

void
mfm_reveal_model_reveal_all (MfmRevealModel *self)
{
  guint shown;
  guint n_items;

  g_return_if_fail (MFM_IS_REVEAL_MODEL (self));

  if (self->tick_id == 0)
    return;

  shown = stop_revealing (self);
  n_items = g_list_model_get_n_items (self->model);
  if (n_items > shown)
    g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, n_items - shown);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALING]);
}

static gboolean
reveal_tick_cb (GtkWidget     *widget,
                GdkFrameClock *frame_clock,
                gpointer       user_data)
{
  MfmRevealModel *self = user_data;
  guint n_items = g_list_model_get_n_items (self->model);
  guint shown = self->shown;

  if (shown + REVEAL_STEP >= MIN (n_items, REVEAL_ALL_AT))
    {
      /* The callback is removed here by returning G_SOURCE_REMOVE. */
      self->tick_id = 0;
      self->shown = 0;
      if (n_items > shown)
        g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, n_items - shown);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALING]);
      return G_SOURCE_REMOVE;
    }

  self->shown += REVEAL_STEP;
  g_list_model_items_changed (G_LIST_MODEL (self), shown, 0, REVEAL_STEP);
  return G_SOURCE_CONTINUE;
}

/* Whether the kept item, if any, is among the first step's items of @model: a refill that
 * left it out would take the selection away. */
static gboolean
kept_item_in_first_step (MfmRevealModel *self,
                         GListModel     *model)
{
  if (self->kept_item == NULL)
    return TRUE;

  for (guint i = 0; i < REVEAL_STEP; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (item == NULL)
        return FALSE;
      if (item == self->kept_item)
        return TRUE;
    }

  return FALSE;
}

/* Shows the first step's items in place of the @before items shown so far. */
static void
start_revealing (MfmRevealModel *self,
                 guint           before)
{
  self->shown = REVEAL_STEP;
  self->tick_id = gtk_widget_add_tick_callback (self->widget, reveal_tick_cb, self, NULL);
  g_list_model_items_changed (G_LIST_MODEL (self), 0, before, REVEAL_STEP);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALING]);
}

/* How many of the @added items from @position on to announce with the removal, the rest
 * coming right after it; 0 to announce the change as it is. */
static guint
split_point (MfmRevealModel *self,
             guint           position,
             guint           removed,
             guint           added,
             GListModel     *model)
{
  guint limit;

  if (removed == 0 || added <= SPLIT_AT)
    return 0;
  if (self->kept_item == NULL)
    return SPLIT_AT;

  /* The selection looks for its item among the items announced with the removal only. */
  limit = MIN (added, 4 * SPLIT_AT);
  for (guint i = 0; i < limit; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, position + i);

      if (item == self->kept_item)
        return i + 1 < added ? MAX (i + 1, SPLIT_AT) : 0;
    }

  return 0;
}

/* Passes a change on. A removal that comes with many items is told in two steps: the
 * removal with the first items, then the other items as an addition. GTK 4.8's list view
 * looks for each row it follows (the top row, the focus, the selection) that a change
 * removed among every item the change adds, one item at a time through every model below;
 * a key typed in the search is such a change, from the first row (MfmSafeRowsModel), with
 * up to every row of the estate. Its rows are the first items, so they are found among the
 * first few hundred; an addition alone makes GTK look for nothing. */
static void
pass_on (MfmRevealModel *self,
         guint           position,
         guint           removed,
         guint           added,
         GListModel     *model)
{
  guint first = split_point (self, position, removed, added, model);

  if (first == 0)
    {
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  self->held_at = position + first;
  self->held_back = added - first;
  g_list_model_items_changed (G_LIST_MODEL (self), position, removed, first);
  self->held_at = G_MAXUINT;
  self->held_back = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), position + first, 0, added - first);
}

static void
items_changed_cb (MfmRevealModel *self,
                  guint           position,
                  guint           removed,
                  guint           added,
                  GListModel     *model)
{
  guint n_items = g_list_model_get_n_items (model);
  guint shown = self->shown;

  if (self->tick_id == 0)
    {
      guint before = n_items - added + removed;
      gboolean can_start = n_items > REVEAL_STEP && self->widget != NULL &&
                           gtk_widget_get_mapped (self->widget);

      if (self->armed && n_items > 0 && before == 0)
        {
          self->armed = FALSE;
          if (can_start)
            {
              start_revealing (self, 0);
              return;
            }
        }
      /* A refill: from a few items (a search that matched few) to many (a shorter search). */
      else if (self->refills && can_start && before < REVEAL_ALL_AT &&
               n_items > before + REVEAL_STEP && kept_item_in_first_step (self, model))
        {
          start_revealing (self, before);
          return;
        }

      pass_on (self, position, removed, added, model);
      return;
    }

  /* Revealing: only the shown prefix matters. A change after it changes nothing shown. */
  if (position >= shown)
    return;

  if (removed == 0 && added <= REVEAL_STEP)
    {
      /* Items put in within the prefix push as many out of it: the prefix grows instead. */
      self->shown = shown + added;
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, added);
      return;
    }

  if (removed == 0)
    {
      /* Many put in: the prefix keeps its length, the items pushed out of it make room. */
      g_list_model_items_changed (G_LIST_MODEL (self), position, shown - position,
                                  shown - position);
      return;
    }

  /* A removal is announced from the first item on, as MfmSafeRowsModel does below. */
  self->shown = MIN (shown, n_items);
  if (self->shown == n_items)
    {
      stop_revealing (self);
      g_list_model_items_changed (G_LIST_MODEL (self), 0, shown, n_items);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALING]);
      return;
    }
  g_list_model_items_changed (G_LIST_MODEL (self), 0, shown, self->shown);
}

static void
mfm_reveal_model_dispose (GObject *object)
{
  MfmRevealModel *self = (MfmRevealModel *)object;

  stop_revealing (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);
  g_clear_weak_pointer (&self->widget);
  g_clear_object (&self->kept_item);

  G_OBJECT_CLASS (mfm_reveal_model_parent_class)->dispose (object);
}

static void
mfm_reveal_model_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfmRevealModel *self = MFM_REVEAL_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_REVEALING:
      g_value_set_boolean (value, self->tick_id != 0);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_reveal_model_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfmRevealModel *self = MFM_REVEAL_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      mfm_reveal_model_set_model (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_reveal_model_class_init (MfmRevealModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_reveal_model_dispose;
  object_class->get_property = mfm_reveal_model_get_property;
  object_class->set_property = mfm_reveal_model_set_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_REVEALING] =
    g_param_spec_boolean ("revealing", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_reveal_model_init (MfmRevealModel *self)
{
  self->held_at = G_MAXUINT;
}

GListModel *
mfm_reveal_model_new (GListModel *model)
{
  g_return_val_if_fail (!model || G_IS_LIST_MODEL (model), NULL);

  return g_object_new (MFM_TYPE_REVEAL_MODEL, "model", model, NULL);
}

/**
 * mfm_reveal_model_get_model:
 *
 * Returns: (transfer none) (nullable): the model whose items are shown
 */
GListModel *
mfm_reveal_model_get_model (MfmRevealModel *self)
{
  g_return_val_if_fail (MFM_IS_REVEAL_MODEL (self), NULL);

  return self->model;
}

void
mfm_reveal_model_set_model (MfmRevealModel *self,
                            GListModel     *model)
{
  gboolean was_revealing;
  guint removed;
  guint added;

  g_return_if_fail (MFM_IS_REVEAL_MODEL (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  if (self->model == model)
    return;

  removed = g_list_model_get_n_items (G_LIST_MODEL (self));
  was_revealing = self->tick_id != 0;
  stop_revealing (self);
  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_set_object (&self->model, model);
  if (model != NULL)
    g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                             G_CONNECT_SWAPPED);
  added = g_list_model_get_n_items (G_LIST_MODEL (self));

  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, added);
  if (was_revealing)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVEALING]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* The widget whose frames pace a reveal; a reveal starts only while it is mapped. */
void
mfm_reveal_model_set_widget (MfmRevealModel *self,
                             GtkWidget      *widget)
{
  g_return_if_fail (MFM_IS_REVEAL_MODEL (self));
  g_return_if_fail (!widget || GTK_IS_WIDGET (widget));

  mfm_reveal_model_reveal_all (self);
  g_set_weak_pointer (&self->widget, widget);
}

/* The next change that takes the model from empty to many items is revealed over frames. */
void
mfm_reveal_model_arm (MfmRevealModel *self)
{
  g_return_if_fail (MFM_IS_REVEAL_MODEL (self));

  self->armed = TRUE;
}

gboolean
mfm_reveal_model_get_revealing (MfmRevealModel *self)
{
  g_return_val_if_fail (MFM_IS_REVEAL_MODEL (self), FALSE);

  return self->tick_id != 0;
}

/* With @refills, a change that takes the model from fewer than a couple of hundred items to
 * many more (a search made shorter) is revealed over frames too, as a load is. */
void
mfm_reveal_model_set_reveal_refills (MfmRevealModel *self,
                                     gboolean        refills)
{
  g_return_if_fail (MFM_IS_REVEAL_MODEL (self));

  self->refills = !!refills;
}

/* A refill is revealed over frames only when @item (the selected one), if any, is among the
 * items of its first frame, so that the selection above keeps it; otherwise every item
 * arrives at once, as without a reveal. */
void
mfm_reveal_model_set_kept_item (MfmRevealModel *self,
                                gpointer        item)
{
  g_return_if_fail (MFM_IS_REVEAL_MODEL (self));
  g_return_if_fail (!item || G_IS_OBJECT (item));

  g_set_object (&self->kept_item, item);
}
