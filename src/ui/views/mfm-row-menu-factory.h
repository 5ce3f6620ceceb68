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

G_END_DECLS
