/* mfm-summary-page.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-summary-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-isc.h"
#include "mfm-rules.h"
#include "mfm-severity.h"
#include "mfm-summary-page.h"

struct _MfmSummaryPage
{
  MfmEditorPage        parent_instance;

  /* Template widgets */
  GtkLabel            *summary_note;
  AdwPreferencesGroup *changes_group;
  GtkListBox          *changes_list;
  AdwPreferencesGroup *findings_group;
  GtkListBox          *findings_list;
  AdwPreferencesGroup *values_group;
  GtkListBox          *values_list;
  AdwPreferencesGroup *config_group;
  GtkLabel            *primary_config_title;
  GtkLabel            *primary_config_text;
  GtkLabel            *secondary_config_title;
  GtkLabel            *secondary_config_text;
  GtkLabel            *pool_line_title;
  GtkLabel            *pool_line_text;
  GtkLabel            *api_calls_title;
  GtkLabel            *api_calls_text;
  GtkButton           *primary_config_copy_button;
  GtkButton           *api_calls_copy_button;
};

G_DEFINE_FINAL_TYPE (MfmSummaryPage, mfm_summary_page, MFM_TYPE_EDITOR_PAGE)

static void
clear_list_box (GtkListBox *list_box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list_box))) != NULL)
    gtk_list_box_remove (list_box, child);
}

/* A compact row: the field on the left, its value (or old → new) on the right. */
static void
add_value_row (GtkListBox *list,
               const char *label,
               const char *old_value,
               const char *new_value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (NULL);
  g_autofree char *escaped_new = g_markup_escape_text (new_value ? new_value : "", -1);
  g_autofree char *markup = NULL;

  if (old_value != NULL && g_strcmp0 (old_value, new_value) != 0)
    {
      g_autofree char *escaped_old = g_markup_escape_text (old_value, -1);

      /* Old struck out, then the new value in bold: the change reads without colour. */
      markup = g_strdup_printf ("<s>%s</s> → <b>%s</b>", escaped_old, escaped_new);
    }
  else
    markup = g_steal_pointer (&escaped_new);

  gtk_label_set_markup (GTK_LABEL (value), markup);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_set_name (value, "value");
  gtk_widget_set_can_focus (value, FALSE);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  gtk_list_box_append (list, row);
}

static void
fill_values (MfmSummaryPage *self,
             MfmChange      *change)
{
  gboolean editing = mfm_change_get_kind (change) == MFM_CHANGE_MODIFY;
  g_autoptr(MfmChange) as_new = mfm_change_new_add (mfm_change_get_relationship (change));
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) every = mfm_change_get_diff (as_new);

  clear_list_box (self->changes_list);
  clear_list_box (self->values_list);

  /* Edit: what changes, old → new, then every other value as it stays. */
  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), editing);
  adw_preferences_group_set_title (self->values_group,
                                   editing ? _("Unchanged Values") : _("Relationship"));

  if (editing)
    {
      changed = mfm_change_get_diff (change);

      for (guint i = 0; changed != NULL && i < changed->len; i++)
        {
          MfmFieldDiff *diff = g_ptr_array_index (changed, i);

          add_value_row (self->changes_list, diff->label, diff->old_value, diff->new_value);
        }

      if (changed == NULL || changed->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes yet"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Every value is as it was. Change a value on the previous steps to save it."));
          gtk_list_box_append (self->changes_list, row);
        }
    }

  for (guint i = 0; every != NULL && i < every->len; i++)
    {
      MfmFieldDiff *diff = g_ptr_array_index (every, i);
      gboolean listed = FALSE;

      for (guint j = 0; changed != NULL && j < changed->len; j++)
        {
          MfmFieldDiff *changed_diff = g_ptr_array_index (changed, j);

          if (g_strcmp0 (changed_diff->label, diff->label) == 0)
            listed = TRUE;
        }

      if (!listed)
        add_value_row (self->values_list, diff->label, NULL, diff->new_value);
    }
}

static void
fill_findings (MfmSummaryPage *self,
               GPtrArray      *findings)
{
  guint shown = 0;

  clear_list_box (self->findings_list);

  for (guint i = 0; i < findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (findings, i);
      GtkWidget *row = adw_action_row_new ();
      const char *severity = mfm_severity_get_label (finding->severity);
      GtkWidget *icon = gtk_image_new_from_icon_name (mfm_severity_get_icon_name (finding->severity));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", severity,
                                                   mfm_field_get_label (finding->field));

      gtk_widget_add_css_class (icon, mfm_severity_get_style_class (finding->severity));
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      severity,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->findings_list, row);
      shown++;
    }

  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No warnings: every value follows the ISC recommendations."));
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
fill_config (MfmSummaryPage *self,
             MfmChange      *change,
             MfmServer      *primary,
             MfmServer      *secondary,
             const char     *api_calls)
{
  MfmRelationship *relationship = mfm_change_get_relationship (change);
  MfmRelationship *old_relationship = mfm_change_get_old_relationship (change);
  const char *primary_address = primary ? mfm_server_get_address (primary) : NULL;
  const char *secondary_address = secondary ? mfm_server_get_address (secondary) : NULL;
  g_autofree char *primary_config = NULL;
  g_autofree char *secondary_config = NULL;
  g_autofree char *pool_line = NULL;
  g_autofree char *primary_title = NULL;
  g_autofree char *secondary_title = NULL;

  /* A relationship with scopes is configured already: the change reaches dhcpd.conf as
   * soon as it is saved, not with a first scope. */
  if (mfm_change_get_kind (change) == MFM_CHANGE_MODIFY &&
      old_relationship != NULL && mfm_relationship_get_scope_count (old_relationship) > 0)
    adw_preferences_group_set_description (self->config_group,
                                           _("What each server’s dhcpd.conf will contain once the change is saved."));

  primary_config = mfm_isc_render_peer (relationship, MFM_ISC_ROLE_PRIMARY,
                                        primary_address, secondary_address);
  secondary_config = mfm_isc_render_peer (relationship, MFM_ISC_ROLE_SECONDARY,
                                          secondary_address, primary_address);
  pool_line = mfm_isc_render_pool_reference (mfm_relationship_get_name (relationship));

  /* Translators: %s is a server name, %s an IP address. */
  primary_title = g_strdup_printf (_("Primary: %s (%s)"),
                                   primary ? mfm_server_get_display_name (primary) : "?",
                                   primary_address ? primary_address : "?");
  /* Translators: %s is a server name, %s an IP address. */
  secondary_title = g_strdup_printf (_("Secondary: %s (%s)"),
                                     secondary ? mfm_server_get_display_name (secondary) : "?",
                                     secondary_address ? secondary_address : "?");

  gtk_label_set_label (self->primary_config_title, primary_title);
  gtk_label_set_label (self->primary_config_text, g_strchomp (primary_config));
  gtk_label_set_label (self->secondary_config_title, secondary_title);
  gtk_label_set_label (self->secondary_config_text, g_strchomp (secondary_config));
  gtk_label_set_label (self->pool_line_title, _("Each pool of the relationship’s scopes, on both servers"));
  gtk_label_set_label (self->pool_line_text, g_strchomp (pool_line));

  gtk_label_set_label (self->api_calls_title, _("Sent when you save the pending changes"));
  gtk_label_set_label (self->api_calls_text, api_calls);
}

static void
copy_label_cb (GtkLabel  *label,
               GtkButton *button)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          gtk_label_get_label (label));
}

static gboolean
mfm_summary_page_blocks_on (MfmEditorPage *page,
                            MfmField       field)
{
  /* Nothing is staged while any field is wrong. */
  return TRUE;
}

static void
mfm_summary_page_class_init (MfmSummaryPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MfmEditorPageClass *page_class = MFM_EDITOR_PAGE_CLASS (klass);

  page_class->blocks_on = mfm_summary_page_blocks_on;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/wizard/mfm-summary-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, summary_note);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, changes_group);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, changes_list);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, findings_group);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, findings_list);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, values_group);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, values_list);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, config_group);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, primary_config_title);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, primary_config_text);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, secondary_config_title);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, secondary_config_text);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, pool_line_title);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, pool_line_text);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, api_calls_title);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, api_calls_text);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, primary_config_copy_button);
  gtk_widget_class_bind_template_child (widget_class, MfmSummaryPage, api_calls_copy_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_label_cb);
}

static void
mfm_summary_page_init (MfmSummaryPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

void
mfm_summary_page_show (MfmSummaryPage *self,
                       MfmChange      *change,
                       GPtrArray      *findings,
                       MfmServer      *primary,
                       MfmServer      *secondary,
                       const char     *api_calls)
{
  g_return_if_fail (MFM_IS_SUMMARY_PAGE (self));
  g_return_if_fail (MFM_IS_CHANGE (change));
  g_return_if_fail (findings != NULL);

  fill_values (self, change);
  fill_findings (self, findings);
  fill_config (self, change, primary, secondary, api_calls);
  /* A saved relationship is not waiting for its first scope. */
  gtk_widget_set_visible (GTK_WIDGET (self->summary_note),
                          mfm_change_get_kind (change) != MFM_CHANGE_MODIFY);
}
