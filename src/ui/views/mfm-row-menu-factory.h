/* mfm-row-menu-factory.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Opens the table's one row menu for @item, pointing at @anchor (the row's button). */
typedef void (*MfmRowMenuOpenFunc) (GtkWidget *anchor,
                                    gpointer   item,
                                    gpointer   user_data);

/* The factory of a relationship table's row menu column: a plain button a row, as the
 * servers table's, that asks @open_func to open the table's one menu for the row's
 * relationship (see mfm_relationship_menu_new()). A relationship staged for removal has no
 * actions: its button is insensitive, and Undo takes the removal back. */
GtkListItemFactory *mfm_relationship_menu_factory_new (MfmRowMenuOpenFunc  open_func,
                                                       gpointer            user_data);
/* A relationship row's menu: Relationship Details…, Edit…, Manage Scopes…, Show Kea
 * Configuration…, Remove…, each with the relationship's name; no items for a relationship
 * staged for removal. */
GMenuModel         *mfm_relationship_menu_new         (gpointer            relationship);
/* The factory of the servers table's row menu column: a plain button a row (one widget, its
 * icon drawn by the stylesheet) that asks @open_func to open the table's one menu for the
 * row's server, rather than a menu button with a popover of its own in every row. */
GtkListItemFactory *mfm_server_menu_factory_new       (MfmRowMenuOpenFunc  open_func,
                                                       gpointer            user_data);
/* The item of the row whose menu button @widget is; NULL when @widget is none. */
gpointer            mfm_row_menu_button_get_item      (GtkWidget          *widget);
/* The servers table's row menu: Manage Failover (win.manage-server-failover with the
 * server's ref), as in Micetro's server menu. */
GMenuModel         *mfm_server_menu_new               (gpointer            server);

G_END_DECLS
