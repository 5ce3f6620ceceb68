/* mfm-options-page.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-options-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-options-page.h"
#include "mfm-rules.h"

struct _MfmOptionsPage
{
  MfmEditorPage        parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *options_group;
  MfmFieldRow         *mclt_row;
  MfmFieldRow         *max_response_delay_row;
  MfmFieldRow         *load_balance_max_seconds_row;
  MfmFieldRow         *max_unacked_updates_row;
  MfmFieldRow         *percentage_row;
  GtkLabel            *split_label;
};

G_DEFINE_FINAL_TYPE (MfmOptionsPage, mfm_options_page, MFM_TYPE_EDITOR_PAGE)

static void
update_split (MfmOptionsPage *self)
{
  guint64 percentage;
  g_autofree char *text = NULL;

  if (mfm_parse_uint (mfm_field_row_get_value (self->percentage_row), 100, &percentage))
    {
      guint split = mfm_percentage_to_split (percentage);

      /* Translators: the ISC "split" statement; the primary answers that many hash buckets. */
      text = g_strdup_printf (_("Primary answers %u of 256 hash buckets (split %u)"), split, split);
    }
  else
    text = g_strdup (_("Enter a percentage from 0 to 100 to see the split."));

  gtk_label_set_label (self->split_label, text);
}

static void
mfm_options_page_show_findings (MfmEditorPage *page,
                                GPtrArray     *findings)
{
  MFM_EDITOR_PAGE_CLASS (mfm_options_page_parent_class)->show_findings (page, findings);

  update_split (MFM_OPTIONS_PAGE (page));
}

static void
mfm_options_page_class_init (MfmOptionsPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MfmEditorPageClass *page_class = MFM_EDITOR_PAGE_CLASS (klass);

  page_class->show_findings = mfm_options_page_show_findings;

  g_type_ensure (MFM_TYPE_FIELD_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/wizard/mfm-options-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmOptionsPage, options_group);
  gtk_widget_class_bind_template_child (widget_class, MfmOptionsPage, mclt_row);
  gtk_widget_class_bind_template_child (widget_class, MfmOptionsPage, max_response_delay_row);
  gtk_widget_class_bind_template_child (widget_class, MfmOptionsPage, load_balance_max_seconds_row);
  gtk_widget_class_bind_template_child (widget_class, MfmOptionsPage, max_unacked_updates_row);
  gtk_widget_class_bind_template_child (widget_class, MfmOptionsPage, percentage_row);
  gtk_widget_class_bind_template_child (widget_class, MfmOptionsPage, split_label);
}

static void
mfm_options_page_init (MfmOptionsPage *self)
{
  MfmEditorPage *page = MFM_EDITOR_PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  mfm_editor_page_add_field (page, MFM_FIELD_MCLT, GTK_WIDGET (self->mclt_row));
  mfm_editor_page_add_field (page, MFM_FIELD_MAX_RESPONSE_DELAY,
                             GTK_WIDGET (self->max_response_delay_row));
  mfm_editor_page_add_field (page, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS,
                             GTK_WIDGET (self->load_balance_max_seconds_row));
  mfm_editor_page_add_field (page, MFM_FIELD_MAX_UNACKED_UPDATES,
                             GTK_WIDGET (self->max_unacked_updates_row));
  mfm_editor_page_add_field (page, MFM_FIELD_PERCENTAGE, GTK_WIDGET (self->percentage_row));
}

void
mfm_options_page_lock (MfmOptionsPage *self)
{
  g_return_if_fail (MFM_IS_OPTIONS_PAGE (self));

  adw_preferences_group_set_description (self->options_group,
                                         _("The relationship’s current values. A change is staged for review, not saved yet."));
  /* Micetro's Modify does not take a percentage. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->percentage_row), FALSE);
  mfm_field_row_set_note (self->percentage_row,
                          _("Micetro’s Modify does not take a percentage, so it stays as it is."));
}
