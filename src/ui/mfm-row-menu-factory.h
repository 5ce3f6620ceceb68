/* mfm-row-menu-factory.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The factory of a relationship table's row menu column: a button whose menu (Relationship
 * Details…, Edit…, Manage Scopes…, Show Kea Configuration…, Remove…) is built when it is
 * opened. A relationship staged for removal has no menu: Undo takes the removal back. */
GtkListItemFactory *mfm_relationship_menu_factory_new (void);
/* The factory of the servers table's row menu: Manage Failover (win.manage-server-failover
 * with the server's ref), as in Micetro's server menu. */
GtkListItemFactory *mfm_server_menu_factory_new       (void);
/* Runs @action_name ("changes.edit-relationship", "changes.remove-relationship") from
 * @widget on the relationship selected in @selection (a GtkSingleSelection), unless there is
 * none or it is staged for removal: the keyboard's way to a row's actions. */
void                mfm_relationship_row_action       (GtkWidget  *widget,
                                                       GListModel *selection,
                                                       const char *action_name);

G_END_DECLS
