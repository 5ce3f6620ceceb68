/* mfm-row-menu.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define MFM_TYPE_ROW_MENU (mfm_row_menu_get_type())

/* The one menu of a table's rows: a popover of the table's widget (made when first opened),
 * shown for a row's item by the row's button (see mfm-row-menu-factory.h) or by the keyboard
 * for the selected row, keyboard focus going back where it was when it closes. The widget
 * owns it: it calls mfm_row_menu_present() from its size_allocate and drops it in dispose. */
G_DECLARE_FINAL_TYPE (MfmRowMenu, mfm_row_menu, MFM, ROW_MENU, GObject)

MfmRowMenu     *mfm_row_menu_new             (GtkWidget  *parent);
/* Shows @menu for @item, pointing at @anchor (a row's button); focus returns to @anchor.
 * FALSE when @anchor is not where the menu can point at it. */
gboolean        mfm_row_menu_open            (MfmRowMenu *self,
                                              GtkWidget  *anchor,
                                              gpointer    item,
                                              GMenuModel *menu);
/* Shows @menu for @item, pointing at its row's button under @rows (or at @rows when that row
 * is not built); focus returns to the widget that has it now: the keyboard's way. */
void            mfm_row_menu_open_for_item   (MfmRowMenu *self,
                                              GtkWidget  *rows,
                                              gpointer    item,
                                              GMenuModel *menu);
void            mfm_row_menu_close           (MfmRowMenu *self);
/* The item whose menu is open, or NULL. */
gpointer        mfm_row_menu_get_item        (MfmRowMenu *self);
/* Keeps an open menu where its row is, as a menu button does: from the parent's
 * size_allocate. */
void            mfm_row_menu_present         (MfmRowMenu *self);

G_END_DECLS
