/* mfm-server-impact-row.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-server-impact-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-code-block.h"
#include "mfm-server-impact-row.h"

struct _MfmServerImpactRow
{
  AdwExpanderRow  parent_instance;

  /* Template Widgets */
  AdwActionRow   *unread_row;
  GtkImage       *unread_icon;
  AdwActionRow   *note_row;
  GtkImage       *note_icon;
  MfmCodeBlock   *lines_added_block;
  MfmCodeBlock   *lines_removed_block;
  AdwActionRow   *pools_gaining_row;
  GtkImage       *pools_gaining_icon;
  AdwActionRow   *pools_losing_row;
  GtkImage       *pools_losing_icon;
  AdwActionRow   *scopes_kept_row;
  GtkImage       *scopes_kept_icon;
  AdwActionRow   *scopes_disabled_row;
  GtkImage       *scopes_disabled_icon;
  AdwActionRow   *scopes_deleted_row;
  GtkImage       *scopes_deleted_icon;
};

G_DEFINE_FINAL_TYPE (MfmServerImpactRow, mfm_server_impact_row, ADW_TYPE_EXPANDER_ROW)

static void
mfm_server_impact_row_class_init (MfmServerImpactRowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (MFM_TYPE_CODE_BLOCK);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/review/mfm-server-impact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, unread_row);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, unread_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, note_row);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, note_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, lines_added_block);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, lines_removed_block);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, pools_gaining_row);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, pools_gaining_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, pools_losing_row);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, pools_losing_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, scopes_kept_row);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, scopes_kept_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, scopes_disabled_row);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, scopes_disabled_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, scopes_deleted_row);
  gtk_widget_class_bind_template_child (widget_class, MfmServerImpactRow, scopes_deleted_icon);
}

static void
mfm_server_impact_row_init (MfmServerImpactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A part gets its text when it is shown: a hidden one holds none. */
static void
show_row (AdwActionRow *row,
          GtkImage     *icon,
          const char   *title,
          const char   *subtitle)
{
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (row, subtitle);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (row), TRUE);
}

/* A list shows its items one per line, and only when there are any. */
static void
show_items (AdwActionRow       *row,
            GtkImage           *icon,
            const char         *title,
            const char * const *items)
{
  g_autofree char *text = NULL;

  if (items == NULL || items[0] == NULL)
    return;

  text = g_strjoinv ("\n", (char **) items);
  show_row (row, icon, title, text);
}

static void
show_lines (MfmCodeBlock       *block,
            const char         *title,
            const char         *prefix,
            const char * const *lines)
{
  if (lines == NULL || lines[0] == NULL)
    return;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (block), title);
  mfm_code_block_set_lines (block, prefix, lines);
  gtk_widget_set_visible (GTK_WIDGET (block), TRUE);
}

MfmServerImpactRow *
mfm_server_impact_row_new (const MfmServerImpact *impact,
                           const char            *unread_reason)
{
  MfmServerImpactRow *self;
  guint n_added;
  guint n_removed;
  g_autofree char *added = NULL;
  g_autofree char *removed = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (impact != NULL, NULL);

  self = g_object_new (MFM_TYPE_SERVER_IMPACT_ROW, NULL);
  n_added = impact->lines_added ? g_strv_length (impact->lines_added) : 0;
  n_removed = impact->lines_removed ? g_strv_length (impact->lines_removed) : 0;
  added = g_strdup_printf (ngettext ("%u configuration line added", "%u configuration lines added", n_added), n_added);
  removed = g_strdup_printf (ngettext ("%u removed", "%u removed", n_removed), n_removed);
  subtitle = g_strdup_printf ("%s, %s", added, removed);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 impact->server_name ? impact->server_name : impact->server_ref);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);

  /* Without its scopes the preview would quietly show too little. */
  if (unread_reason != NULL)
    show_row (self->unread_row, self->unread_icon,
              _("The scopes of this server could not be read, so what is shown here may be incomplete."),
              unread_reason);
  if (impact->note != NULL)
    show_row (self->note_row, self->note_icon, impact->note, NULL);
  show_lines (self->lines_added_block, _("Configuration lines added"), "+ ",
              (const char * const *) impact->lines_added);
  show_lines (self->lines_removed_block, _("Configuration lines removed"), "− ",
              (const char * const *) impact->lines_removed);
  show_items (self->pools_gaining_row, self->pools_gaining_icon, _("Pools that gain the failover peer"),
              (const char * const *) impact->pools_gaining);
  show_items (self->pools_losing_row, self->pools_losing_icon, _("Pools that lose the failover peer"),
              (const char * const *) impact->pools_losing);
  show_items (self->scopes_kept_row, self->scopes_kept_icon, _("Scopes kept"),
              (const char * const *) impact->scopes_kept);
  show_items (self->scopes_disabled_row, self->scopes_disabled_icon, _("Scopes disabled"),
              (const char * const *) impact->scopes_disabled);
  show_items (self->scopes_deleted_row, self->scopes_deleted_icon, _("Scopes deleted"),
              (const char * const *) impact->scopes_deleted);

  return self;
}
