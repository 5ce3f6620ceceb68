/* mfm-row-menu.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-row-menu"

#include "config.h"

#include "mfm-row-menu.h"
#include "mfm-row-menu-factory.h"

struct _MfmRowMenu
{
  GObject         parent_instance;

  GtkWidget      *parent;        /* not owned: it owns this */
  GtkPopoverMenu *popover;       /* a child of parent, made when first opened */
  GtkWidget      *focus_back;    /* weak: focused again when the menu closes */
  GObject        *item;          /* the item of the open menu */
};

G_DEFINE_FINAL_TYPE (MfmRowMenu, mfm_row_menu, G_TYPE_OBJECT)

/* Keyboard focus goes back where the menu was opened from, as a menu button's does. */
static void
closed_cb (MfmRowMenu *self)
{
  if (self->focus_back != NULL && gtk_widget_get_mapped (self->focus_back))
    gtk_widget_grab_focus (self->focus_back);
  g_clear_weak_pointer (&self->focus_back);
  g_clear_object (&self->item);
}

static void
mfm_row_menu_dispose (GObject *object)
{
  MfmRowMenu *self = (MfmRowMenu *)object;

  g_clear_weak_pointer (&self->focus_back);
  g_clear_object (&self->item);
  if (self->popover != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->popover, self);
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }

  G_OBJECT_CLASS (mfm_row_menu_parent_class)->dispose (object);
}

static void
mfm_row_menu_class_init (MfmRowMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_row_menu_dispose;
}

static void
mfm_row_menu_init (MfmRowMenu *self)
{
}

MfmRowMenu *
mfm_row_menu_new (GtkWidget *parent)
{
  MfmRowMenu *self;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);

  self = g_object_new (MFM_TYPE_ROW_MENU, NULL);
  self->parent = parent;

  return self;
}

gboolean
mfm_row_menu_open (MfmRowMenu *self,
                   GtkWidget  *anchor,
                   gpointer    item,
                   GMenuModel *menu)
{
  graphene_rect_t bounds;
  GdkRectangle pointing_to;

  g_return_val_if_fail (MFM_IS_ROW_MENU (self), FALSE);
  g_return_val_if_fail (GTK_IS_WIDGET (anchor), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (item), FALSE);
  g_return_val_if_fail (G_IS_MENU_MODEL (menu), FALSE);

  if (!gtk_widget_compute_bounds (anchor, self->parent, &bounds))
    return FALSE;

  if (self->popover == NULL)
    {
      self->popover = GTK_POPOVER_MENU (gtk_popover_menu_new_from_model (NULL));
      gtk_popover_set_position (GTK_POPOVER (self->popover), GTK_POS_BOTTOM);
      gtk_widget_set_parent (GTK_WIDGET (self->popover), self->parent);
      g_signal_connect_swapped (self->popover, "closed", G_CALLBACK (closed_cb), self);
    }

  pointing_to.x = (int) floorf (bounds.origin.x);
  pointing_to.y = (int) floorf (bounds.origin.y);
  pointing_to.width = (int) ceilf (bounds.size.width);
  pointing_to.height = (int) ceilf (bounds.size.height);
  gtk_popover_menu_set_menu_model (self->popover, menu);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &pointing_to);
  g_set_weak_pointer (&self->focus_back, anchor);
  g_set_object (&self->item, item);
  gtk_popover_popup (GTK_POPOVER (self->popover));

  return TRUE;
}

/* The button of the row that shows @item, if that row is built. */
static GtkWidget *
find_row_button (GtkWidget *widget,
                 gpointer   item)
{
  if (mfm_row_menu_button_get_item (widget) == item)
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_NATIVE (child))
        continue;
      if ((found = find_row_button (child, item)) != NULL)
        return found;
    }

  return NULL;
}

void
mfm_row_menu_open_for_item (MfmRowMenu *self,
                            GtkWidget  *rows,
                            gpointer    item,
                            GMenuModel *menu)
{
  GtkWidget *anchor;
  GtkWidget *focus;

  g_return_if_fail (MFM_IS_ROW_MENU (self));
  g_return_if_fail (GTK_IS_WIDGET (rows));
  g_return_if_fail (item != NULL);

  focus = gtk_root_get_focus (gtk_widget_get_root (rows));
  anchor = find_row_button (rows, item);
  /* Focus goes back to the row the keys were pressed on. */
  if (mfm_row_menu_open (self, anchor != NULL ? anchor : rows, item, menu) && focus != NULL)
    g_set_weak_pointer (&self->focus_back, focus);
}

void
mfm_row_menu_close (MfmRowMenu *self)
{
  g_return_if_fail (MFM_IS_ROW_MENU (self));

  if (self->popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->popover));
}

gpointer
mfm_row_menu_get_item (MfmRowMenu *self)
{
  g_return_val_if_fail (MFM_IS_ROW_MENU (self), NULL);

  return self->item;
}

void
mfm_row_menu_present (MfmRowMenu *self)
{
  g_return_if_fail (MFM_IS_ROW_MENU (self));

  if (self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_present (GTK_POPOVER (self->popover));
}
