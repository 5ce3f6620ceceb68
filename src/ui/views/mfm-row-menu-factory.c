/* mfm-row-menu-factory.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-row-menu-factory"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-relationship.h"
#include "mfm-row-menu-factory.h"
#include "mfm-server.h"

static GMenuModel *
relationship_menu (const char      *name,
                   MfmPendingState  state)
{
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) edit = NULL;
  g_autoptr(GMenuItem) scopes = NULL;
  g_autoptr(GMenuItem) remove = NULL;
  g_autoptr(GMenuItem) kea = NULL;
  g_autoptr(GMenuItem) details = NULL;

  /* A relationship staged for removal is neither edited nor removed again; Undo takes the
   * removal back. */
  if (name == NULL || state == MFM_PENDING_REMOVED)
    return G_MENU_MODEL (menu);

  /* Translators: the items of a table row's menu */
  edit = g_menu_item_new (_("_Edit…"), NULL);
  g_menu_item_set_action_and_target_value (edit, "changes.edit-relationship", g_variant_new_string (name));
  scopes = g_menu_item_new (_("_Manage Scopes…"), NULL);
  g_menu_item_set_action_and_target_value (scopes, "changes.manage-scopes", g_variant_new_string (name));
  remove = g_menu_item_new (_("_Remove…"), NULL);
  g_menu_item_set_action_and_target_value (remove, "changes.remove-relationship", g_variant_new_string (name));
  kea = g_menu_item_new (_("Show _Kea Configuration…"), NULL);
  g_menu_item_set_action_and_target_value (kea, "win.show-kea-configuration", g_variant_new_string (name));

  details = g_menu_item_new (_("Relationship _Details…"), NULL);
  g_menu_item_set_action_and_target_value (details, "win.show-relationship-details",
                                           g_variant_new_string (name));

  g_menu_append_item (menu, details);
  g_menu_append_item (menu, edit);
  g_menu_append_item (menu, scopes);
  g_menu_append_item (menu, kea);
  g_menu_append_item (menu, remove);

  return G_MENU_MODEL (menu);
}

GMenuModel *
mfm_relationship_menu_new (gpointer relationship)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  return relationship_menu (mfm_relationship_get_name (relationship),
                            mfm_relationship_get_pending_state (relationship));
}

GMenuModel *
mfm_server_menu_new (gpointer server)
{
  GMenu *menu;
  g_autoptr(GMenuItem) manage = NULL;

  g_return_val_if_fail (MFM_IS_SERVER (server), NULL);

  menu = g_menu_new ();
  /* Translators: as in Micetro's server menu */
  manage = g_menu_item_new (_("_Manage Failover"), NULL);
  g_menu_item_set_action_and_target_value (manage, "win.manage-server-failover",
                                           g_variant_new_string (mfm_server_get_ref (server)));
  g_menu_append_item (menu, manage);

  return G_MENU_MODEL (menu);
}

static gboolean
server_menu_query_tooltip (GtkWidget  *widget,
                           int         x,
                           int         y,
                           gboolean    keyboard_mode,
                           GtkTooltip *tooltip)
{
  gtk_tooltip_set_text (tooltip, _("Server actions"));
  return TRUE;
}

static gboolean
relationship_menu_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  if (!gtk_widget_get_sensitive (widget))
    gtk_tooltip_set_text (tooltip, _("Staged for removal: undo the removal to change this relationship"));
  else
    gtk_tooltip_set_text (tooltip, _("Relationship actions"));
  return TRUE;
}

typedef struct
{
  MfmRowMenuOpenFunc func;
  gpointer           user_data;
  const char        *label;       /* the button's accessible name, translated */
  GCallback          query_tooltip;
} RowMenuOpen;

gpointer
mfm_row_menu_button_get_item (GtkWidget *widget)
{
  GtkListItem *list_item = g_object_get_data (G_OBJECT (widget), "mfm-row-menu-item");

  return list_item != NULL ? gtk_list_item_get_item (list_item) : NULL;
}

static void
row_menu_clicked_cb (GtkButton   *button,
                     GtkListItem *list_item)
{
  RowMenuOpen *open = g_object_get_data (G_OBJECT (button), "mfm-row-menu-open");
  gpointer item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    open->func (GTK_WIDGET (button), item, open->user_data);
}

/* A GtkMenuButton is three widgets (itself, a toggle button, an image) and GTK builds and
 * destroys up to 200 rows at once; this is one. */
static void
row_menu_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item,
                   RowMenuOpen              *open)
{
  GtkWidget *button = gtk_button_new ();

  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "image-button");
  gtk_widget_add_css_class (button, "mfm-row-menu");
  /* The name and the tooltip cost nothing per row: no X round trip as a tooltip text would. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, open->label,
                                  GTK_ACCESSIBLE_PROPERTY_HAS_POPUP, TRUE,
                                  -1);
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", open->query_tooltip, NULL);
  g_object_set_data (G_OBJECT (button), "mfm-row-menu-open", open);
  g_object_set_data (G_OBJECT (button), "mfm-row-menu-item", list_item);
  g_signal_connect (button, "clicked", G_CALLBACK (row_menu_clicked_cb), list_item);
  gtk_list_item_set_child (list_item, button);
}

static GtkListItemFactory *
row_menu_factory_new (MfmRowMenuOpenFunc  open_func,
                      gpointer            user_data,
                      const char         *label,
                      GCallback           query_tooltip)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  RowMenuOpen *open = g_new0 (RowMenuOpen, 1);

  open->func = open_func;
  open->user_data = user_data;
  open->label = label;
  open->query_tooltip = query_tooltip;
  g_signal_connect_data (factory, "setup", G_CALLBACK (row_menu_setup_cb), open,
                         (GClosureNotify) (void (*) (void)) g_free, 0);

  return factory;
}

GtkListItemFactory *
mfm_server_menu_factory_new (MfmRowMenuOpenFunc open_func,
                             gpointer           user_data)
{
  g_return_val_if_fail (open_func != NULL, NULL);

  return row_menu_factory_new (open_func, user_data, _("Server actions"),
                               G_CALLBACK (server_menu_query_tooltip));
}

/* A relationship staged for removal has no actions: its button is insensitive. */
static void
relationship_menu_update (GtkWidget       *button,
                          MfmRelationship *relationship)
{
  gtk_widget_set_sensitive (button, mfm_relationship_get_pending_state (relationship) != MFM_PENDING_REMOVED);
}

static void
relationship_menu_pending_cb (MfmRelationship *relationship,
                              GParamSpec      *pspec,
                              GtkWidget       *button)
{
  relationship_menu_update (button, relationship);
}

static void
relationship_menu_bind_cb (GtkSignalListItemFactory *factory,
                           GtkListItem              *list_item)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  MfmRelationship *relationship = gtk_list_item_get_item (list_item);

  relationship_menu_update (button, relationship);
  g_signal_connect_object (relationship, "notify::pending-state",
                           G_CALLBACK (relationship_menu_pending_cb), button, 0);
}

static void
relationship_menu_unbind_cb (GtkSignalListItemFactory *factory,
                             GtkListItem              *list_item)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  MfmRelationship *relationship = gtk_list_item_get_item (list_item);

  if (relationship != NULL)
    g_signal_handlers_disconnect_by_func (relationship, relationship_menu_pending_cb, button);
}

GtkListItemFactory *
mfm_relationship_menu_factory_new (MfmRowMenuOpenFunc open_func,
                                   gpointer           user_data)
{
  GtkListItemFactory *factory;

  g_return_val_if_fail (open_func != NULL, NULL);

  factory = row_menu_factory_new (open_func, user_data, _("Relationship actions"),
                                  G_CALLBACK (relationship_menu_query_tooltip));
  g_signal_connect (factory, "bind", G_CALLBACK (relationship_menu_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (relationship_menu_unbind_cb), NULL);

  return factory;
}
