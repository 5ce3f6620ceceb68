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
  gtk_widget_class_bind_template_callback (widget_class, model_when_loaded);
  gtk_widget_class_bind_template_callback_full (widget_class, "ellipsized_label_query_tooltip",
                                                G_CALLBACK (mfm_ellipsized_label_query_tooltip));
}
