/* mfm-view-closures.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mfm-types.h"

G_BEGIN_DECLS

/* Formatting closures shared by the tables' .ui files ("display_name", "format_count",
 * "format_seconds", "mode_label", "pending_label", "pending_visible", "pending_classes",
 * "pending_rank", "shown_relationship" (the "staged" values where changes are staged),
 * "server_value_tooltip", "shown_count", "server_count_tooltip", "model_when_loaded",
 * "ellipsized_label_query_tooltip"). Binds them all on @widget_class. */
void        mfm_view_closures_bind   (GtkWidgetClass  *widget_class);

/* The server name without Micetro's trailing dot. */
char       *mfm_display_name         (const char      *name);
/* The display name with non-breaking hyphens, so a sentence never wraps a host name. */
char       *mfm_display_name_unbroken (const char     *name);
const char *mfm_pending_state_label  (MfmPendingState  state);
/* "query-tooltip" handler for table labels: the "mfm-tooltip" data if set, else the label's
 * text when it is ellipsized. */
gboolean    mfm_ellipsized_label_query_tooltip (GtkWidget  *widget,
                                                int         x,
                                                int         y,
                                                gboolean    keyboard_mode,
                                                GtkTooltip *tooltip);
/* Scrolls a table back to its first row (after a search changed its rows). */
void        mfm_scroll_to_top        (GtkColumnView   *column_view);

G_END_DECLS
