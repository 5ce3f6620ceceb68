/* mfm-column-fit.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-column-fit"

#include "config.h"

#include "mfm-column-fit.h"

typedef struct
{
  GtkColumnViewColumn *column;
  int                  wide_width;
  int                  narrow_width;
} Shrinking;

struct _MfmColumnFit
{
  GObject    parent_instance;

  GPtrArray *optional;
  GArray    *shrinking;
  guint      apply_id;
  /* How many steps are taken: the optional columns hidden in the order they were added, with
   * the shrinking columns made narrow as the step after the first shrink_at optional ones. */
  guint      n_steps;
  guint      shrink_at;
  /* The width the columns needed before each step was taken. */
  GArray    *needed_before;
};

G_DEFINE_FINAL_TYPE (MfmColumnFit, mfm_column_fit, G_TYPE_OBJECT)

static void
shrinking_clear (gpointer data)
{
  Shrinking *shrinking = data;

  g_clear_object (&shrinking->column);
}

static guint
max_steps (MfmColumnFit *self)
{
  return self->optional->len + (self->shrinking->len > 0 ? 1 : 0);
}

static gboolean
apply_cb (gpointer user_data)
{
  MfmColumnFit *self = user_data;
  guint shrink_at = MIN (self->shrink_at, self->optional->len);
  gboolean narrow = self->shrinking->len > 0 && self->n_steps > shrink_at;
  guint n_hidden = self->n_steps - (narrow ? 1 : 0);

  self->apply_id = 0;
  for (guint i = 0; i < self->optional->len; i++)
    gtk_column_view_column_set_visible (g_ptr_array_index (self->optional, i), i >= n_hidden);
  for (guint i = 0; i < self->shrinking->len; i++)
    {
      Shrinking *shrinking = &g_array_index (self->shrinking, Shrinking, i);

      gtk_column_view_column_set_fixed_width (shrinking->column,
                                              narrow ? shrinking->narrow_width
                                                     : shrinking->wide_width);
    }

  return G_SOURCE_REMOVE;
}

static void
table_width_changed_cb (MfmColumnFit  *self,
                        GParamSpec    *pspec,
                        GtkAdjustment *hadjustment)
{
  double visible = gtk_adjustment_get_page_size (hadjustment);
  double needed = gtk_adjustment_get_upper (hadjustment);

  /* Giving way goes one step at a time: each one changes what is needed, and this runs again.
   * A step is taken back once the table is as wide as the columns needed before it was taken,
   * so that a change cannot undo itself. Nothing moves while the last change waits. */
  if (self->apply_id != 0)
    return;

  if (visible > 0 && needed > visible + 1 && self->n_steps < max_steps (self))
    {
      g_array_append_val (self->needed_before, needed);
      self->n_steps++;
    }
  else if (self->n_steps > 0 &&
           visible >= g_array_index (self->needed_before, double, self->n_steps - 1))
    {
      /* Every step that fits again at once: a wider table need not change what it needs. */
      while (self->n_steps > 0 &&
             visible >= g_array_index (self->needed_before, double, self->n_steps - 1))
        self->n_steps--;
      g_array_set_size (self->needed_before, self->n_steps);
    }
  else
    {
      return;
    }

  /* Showing or hiding a column queues a resize, which must wait until allocation is over. */
  self->apply_id = g_idle_add (apply_cb, self);
}

static void
mfm_column_fit_dispose (GObject *object)
{
  MfmColumnFit *self = (MfmColumnFit *)object;

  g_clear_handle_id (&self->apply_id, g_source_remove);
  g_ptr_array_set_size (self->optional, 0);
  g_array_set_size (self->shrinking, 0);

  G_OBJECT_CLASS (mfm_column_fit_parent_class)->dispose (object);
}

static void
mfm_column_fit_finalize (GObject *object)
{
  MfmColumnFit *self = (MfmColumnFit *)object;

  g_ptr_array_unref (self->optional);
  g_array_unref (self->shrinking);
  g_array_unref (self->needed_before);

  G_OBJECT_CLASS (mfm_column_fit_parent_class)->finalize (object);
}

static void
mfm_column_fit_class_init (MfmColumnFitClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_column_fit_dispose;
  object_class->finalize = mfm_column_fit_finalize;
}

static void
mfm_column_fit_init (MfmColumnFit *self)
{
  self->optional = g_ptr_array_new_with_free_func (g_object_unref);
  self->shrinking = g_array_new (FALSE, TRUE, sizeof (Shrinking));
  g_array_set_clear_func (self->shrinking, shrinking_clear);
  self->needed_before = g_array_new (FALSE, TRUE, sizeof (double));
  self->shrink_at = G_MAXUINT;
}

MfmColumnFit *
mfm_column_fit_new (GtkColumnView *column_view)
{
  MfmColumnFit *self;
  GtkAdjustment *hadjustment;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (column_view), NULL);

  self = g_object_new (MFM_TYPE_COLUMN_FIT, NULL);

  /* The visible width of the table and the width its columns need. */
  hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (column_view));
  g_signal_connect_object (hadjustment, "notify::page-size", G_CALLBACK (table_width_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (hadjustment, "notify::upper", G_CALLBACK (table_width_changed_cb),
                           self, G_CONNECT_SWAPPED);

  return self;
}

void
mfm_column_fit_add_optional (MfmColumnFit        *self,
                             GtkColumnViewColumn *column)
{
  g_return_if_fail (MFM_IS_COLUMN_FIT (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  g_ptr_array_add (self->optional, g_object_ref (column));
}

void
mfm_column_fit_add_shrinking (MfmColumnFit        *self,
                              GtkColumnViewColumn *column,
                              int                  narrow_width)
{
  Shrinking shrinking;

  g_return_if_fail (MFM_IS_COLUMN_FIT (self));
  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  /* The width the template gives it is the wide one. */
  shrinking.column = g_object_ref (column);
  shrinking.wide_width = gtk_column_view_column_get_fixed_width (column);
  shrinking.narrow_width = narrow_width;
  g_array_append_val (self->shrinking, shrinking);
}

gboolean
mfm_column_fit_get_narrow (MfmColumnFit *self)
{
  g_return_val_if_fail (MFM_IS_COLUMN_FIT (self), FALSE);

  return self->n_steps > 0;
}

/* The shrinking columns narrow after the optional columns added so far have given way, before
 * the ones added later. Without it they narrow last. */
void
mfm_column_fit_shrink_here (MfmColumnFit *self)
{
  g_return_if_fail (MFM_IS_COLUMN_FIT (self));

  self->shrink_at = self->optional->len;
}
