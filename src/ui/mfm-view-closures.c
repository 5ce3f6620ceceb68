/* mfm-view-closures.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-view-closures"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-relationship.h"
#include "mfm-server.h"
#include "mfm-view-closures.h"

char *
mfm_display_name (const char *name)
{
  return mfm_server_name_without_dot (name);
}

char *
mfm_display_name_unbroken (const char *name)
{
  g_autofree char *display = mfm_display_name (name);
  g_auto(GStrv) parts = NULL;

  if (display == NULL)
    return NULL;

  /* U+2011 NON-BREAKING HYPHEN looks like "-" but gives Pango no break opportunity. */
  parts = g_strsplit (display, "-", -1);
  return g_strjoinv ("\u2011", parts);
}

const char *
mfm_pending_state_label (MfmPendingState state)
{
  switch (state)
    {
    case MFM_PENDING_NEW:
      return C_("pending change", "New");
    case MFM_PENDING_MODIFIED:
      return C_("pending change", "Modified");
    case MFM_PENDING_REMOVED:
      return C_("pending change", "Removed");
    case MFM_PENDING_NONE:
    default:
      return "";
    }
}

static char *
display_name (gpointer    unused,
              const char *name)
{
  return mfm_display_name (name);
}

static char *
format_count (gpointer unused,
              guint    count)
{
  return g_strdup_printf ("%u", count);
}

static char *
format_seconds (gpointer unused,
                guint    seconds)
{
  if (seconds == 0)
    return g_strdup ("—");

  /* Translators: a duration in seconds, as short as possible, e.g. "3600 s" */
  return g_strdup_printf (_("%u s"), seconds);
}

/* The relationship whose values a row shows: the staged one where changes are staged. */
static MfmRelationship *
shown_relationship (gpointer         unused,
                    MfmRelationship *relationship,
                    MfmRelationship *staged)
{
  if (staged != NULL)
    return g_object_ref (staged);

  return relationship != NULL ? g_object_ref (relationship) : NULL;
}

/* A staged value's tooltip names what the server has now. */
static char *
server_value_tooltip (gpointer    unused,
                      const char *server_text,
                      const char *shown_text)
{
  if (g_strcmp0 (server_text, shown_text) == 0 || server_text == NULL)
    return NULL;

  /* Translators: the tooltip of a staged value in a table; %s is the value saved now */
  return g_strdup_printf (_("Staged; the server has %s"), server_text);
}

static guint
shown_count (gpointer unused,
             guint    count,
             int      staged_count)
{
  return staged_count >= 0 ? (guint)staged_count : count;
}

static char *
server_count_tooltip (gpointer unused,
                      guint    count,
                      int      staged_count)
{
  g_autofree char *text = NULL;

  if (staged_count < 0 || (guint)staged_count == count)
    return NULL;

  text = g_strdup_printf ("%u", count);
  return server_value_tooltip (NULL, text, NULL);
}

static char *
mode_label (gpointer    unused,
            const char *mode)
{
  if (mode == NULL || *mode == '\0')
    return g_strdup ("—");
  if (g_ascii_strcasecmp (mode, "LoadBalance") == 0)
    return g_strdup (_("Load balance"));
  if (g_ascii_strcasecmp (mode, "HotStandby") == 0)
    return g_strdup (_("Hot standby"));

  return g_strdup (mode);
}

static char *
pending_label (gpointer        unused,
               MfmPendingState state)
{
  return g_strdup (mfm_pending_state_label (state));
}

static int
pending_rank (gpointer        unused,
              MfmPendingState state)
{
  return (int)state;
}

static gboolean
pending_visible (gpointer        unused,
                 MfmPendingState state)
{
  return state != MFM_PENDING_NONE;
}

static GStrv
pending_classes (gpointer        unused,
                 MfmPendingState state)
{
  GStrv classes = g_new0 (char *, 3);

  classes[0] = g_strdup ("state-badge");
  switch (state)
    {
    case MFM_PENDING_NEW:
      classes[1] = g_strdup ("success");
      break;
    case MFM_PENDING_REMOVED:
      classes[1] = g_strdup ("error");
      break;
    case MFM_PENDING_MODIFIED:
    case MFM_PENDING_NONE:
    default:
      classes[1] = g_strdup ("accent");
      break;
    }

  return classes;
}

static GMenuModel *
relationship_menu (gpointer         unused,
                   const char      *name,
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

/* The tables attach to a session's lists once its first load is complete (see MfmSession
 * "loaded"). Returns a new reference, as closures returning objects must. */
static GListModel *
model_when_loaded (gpointer    unused,
                   GListModel *model,
                   gboolean    loaded)
{
  return loaded && model != NULL ? g_object_ref (model) : NULL;
}

/* Tooltips are asked for only when shown: setting one per row on every bind costs an X round
 * trip each, which made 10,000-row tables crawl. */
gboolean
mfm_ellipsized_label_query_tooltip (GtkWidget  *widget,
                                    int         x,
                                    int         y,
                                    gboolean    keyboard_mode,
                                    GtkTooltip *tooltip)
{
  const char *text;

  if (!GTK_IS_LABEL (widget))
    return FALSE;

  text = g_object_get_data (G_OBJECT (widget), "mfm-tooltip");
  if (text == NULL)
    {
      if (!pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
        return FALSE;
      text = gtk_label_get_text (GTK_LABEL (widget));
    }

  if (text == NULL || *text == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
row_menu_create_popup (GtkMenuButton *button,
                       gpointer       user_data)
{
  GtkListItem *list_item = user_data;
  MfmRelationship *relationship = gtk_list_item_get_item (list_item);
  g_autoptr(GMenuModel) menu = NULL;

  if (relationship == NULL)
    return;

  menu = relationship_menu (NULL,
                            mfm_relationship_get_name (relationship),
                            mfm_relationship_get_pending_state (relationship));
  gtk_menu_button_set_menu_model (button, menu);
}

static gboolean
row_menu_query_tooltip (GtkWidget  *widget,
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

static void
row_menu_update (GtkWidget       *button,
                 MfmRelationship *relationship)
{
  gboolean removed = mfm_relationship_get_pending_state (relationship) == MFM_PENDING_REMOVED;

  gtk_widget_set_sensitive (button, !removed);
  if (removed)
    gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
}

static void
row_menu_pending_cb (MfmRelationship *relationship,
                     GParamSpec      *pspec,
                     GtkWidget       *button)
{
  row_menu_update (button, relationship);
}

static void
row_menu_bind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  MfmRelationship *relationship = gtk_list_item_get_item (list_item);

  row_menu_update (button, relationship);
  g_signal_connect_object (relationship, "notify::pending-state",
                           G_CALLBACK (row_menu_pending_cb), button, 0);
}

static void
row_menu_unbind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item)
{
  GtkWidget *button = gtk_list_item_get_child (list_item);
  MfmRelationship *relationship = gtk_list_item_get_item (list_item);

  if (relationship != NULL)
    g_signal_handlers_disconnect_by_func (relationship, row_menu_pending_cb, button);
}

static void
row_menu_setup_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *list_item)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  /* The name and the tooltip cost nothing per row: no X round trip as a tooltip text would. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Relationship actions"),
                                  -1);
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (row_menu_query_tooltip), NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), row_menu_create_popup, list_item, NULL);
  gtk_list_item_set_child (list_item, button);
}

GtkListItemFactory *
mfm_relationship_menu_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (row_menu_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_menu_bind_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (row_menu_unbind_cb), NULL);

  return factory;
}

void
mfm_relationship_row_action (GtkWidget  *widget,
                             GListModel *selection,
                             const char *action_name)
{
  MfmRelationship *relationship = gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (selection));

  /* A relationship staged for removal has no actions left (see the row menu). */
  if (relationship == NULL || mfm_relationship_get_pending_state (relationship) == MFM_PENDING_REMOVED)
    return;

  gtk_widget_activate_action (widget, action_name, "s", mfm_relationship_get_name (relationship));
}

static void
server_menu_create_popup (GtkMenuButton *button,
                          gpointer       user_data)
{
  GtkListItem *list_item = user_data;
  MfmServer *server = gtk_list_item_get_item (list_item);
  g_autoptr(GMenu) menu = NULL;
  g_autoptr(GMenuItem) manage = NULL;

  if (server == NULL)
    return;

  menu = g_menu_new ();
  /* Translators: as in Micetro's server menu */
  manage = g_menu_item_new (_("_Manage Failover"), NULL);
  g_menu_item_set_action_and_target_value (manage, "win.manage-server-failover",
                                           g_variant_new_string (mfm_server_get_ref (server)));
  g_menu_append_item (menu, manage);
  gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
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

static void
server_menu_setup_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
  gtk_widget_set_halign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Server actions"),
                                  -1);
  gtk_widget_set_has_tooltip (button, TRUE);
  g_signal_connect (button, "query-tooltip", G_CALLBACK (server_menu_query_tooltip), NULL);
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), server_menu_create_popup, list_item, NULL);
  gtk_list_item_set_child (list_item, button);
}

GtkListItemFactory *
mfm_server_menu_factory_new (void)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (server_menu_setup_cb), NULL);

  return factory;
}

static void
scroll_to_top_now (GtkColumnView *column_view)
{
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (column_view));

  /* GTK 4.8 warns about scrolling an empty list. */
  if (vadjustment != NULL && model != NULL && g_list_model_get_n_items (model) > 0)
    gtk_adjustment_set_value (vadjustment, 0);
}

static void
scroll_to_top_after_paint_cb (GdkFrameClock *frame_clock,
                              GtkColumnView *column_view)
{
  g_signal_handlers_disconnect_by_func (frame_clock, scroll_to_top_after_paint_cb, column_view);
  scroll_to_top_now (column_view);
}

void
mfm_scroll_to_top (GtkColumnView *column_view)
{
  GdkFrameClock *frame_clock = gtk_widget_get_frame_clock (GTK_WIDGET (column_view));

  /* A list view keeps the item at its top in view across a change of its items, and it places
   * them anew only in the next frame: a scroll before that would be undone (or land on a row
   * that has moved), so it waits for the frame that shows the new rows. */
  if (frame_clock == NULL)
    {
      scroll_to_top_now (column_view);
      return;
    }

  if (g_signal_handler_find (frame_clock, G_SIGNAL_MATCH_FUNC | G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                             scroll_to_top_after_paint_cb, column_view) == 0)
    g_signal_connect_object (frame_clock, "after-paint", G_CALLBACK (scroll_to_top_after_paint_cb),
                             column_view, 0);
  gtk_widget_queue_draw (GTK_WIDGET (column_view));
}

void
mfm_view_closures_bind (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, display_name);
  gtk_widget_class_bind_template_callback (widget_class, format_count);
  gtk_widget_class_bind_template_callback (widget_class, format_seconds);
  gtk_widget_class_bind_template_callback (widget_class, mode_label);
  gtk_widget_class_bind_template_callback (widget_class, shown_relationship);
  gtk_widget_class_bind_template_callback (widget_class, server_value_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, shown_count);
  gtk_widget_class_bind_template_callback (widget_class, server_count_tooltip);
  gtk_widget_class_bind_template_callback (widget_class, pending_label);
  gtk_widget_class_bind_template_callback (widget_class, pending_rank);
  gtk_widget_class_bind_template_callback (widget_class, pending_visible);
  gtk_widget_class_bind_template_callback (widget_class, pending_classes);
  gtk_widget_class_bind_template_callback (widget_class, relationship_menu);
  gtk_widget_class_bind_template_callback (widget_class, model_when_loaded);
  gtk_widget_class_bind_template_callback_full (widget_class, "ellipsized_label_query_tooltip",
                                                G_CALLBACK (mfm_ellipsized_label_query_tooltip));
}
