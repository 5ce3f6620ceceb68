/* mfm-setup-page.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-setup-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-field-message.h"
#include "mfm-server-chooser.h"
#include "mfm-setup-page.h"

struct _MfmSetupPage
{
  MfmEditorPage      parent_instance;

  char              *locked_partner_name;   /* a saved relationship's secondary */
  gboolean           filling;               /* choosing for the person: not their choice */
  gboolean           partner_touched;

  /* Template widgets */
  MfmFieldRow       *name_row;
  GtkWidget         *name_required_label;
  AdwActionRow      *primary_row;
  MfmFieldMessage   *primary_message;
  AdwActionRow      *partner_row;
  MfmServerChooser  *partner_chooser;
  MfmFieldMessage   *partner_message;
  MfmFieldRow       *port_row;
  MfmFieldRow       *peer_port_row;
};

G_DEFINE_FINAL_TYPE (MfmSetupPage, mfm_setup_page, MFM_TYPE_EDITOR_PAGE)

static void
update_partner_subtitle (MfmSetupPage *self)
{
  MfmServer *partner = mfm_server_chooser_get_selected (self->partner_chooser);
  g_autofree char *subtitle = NULL;

  /* Its address and state, so two similar names are told apart. */
  if (partner != NULL)
    subtitle = g_strdup_printf ("%s · %s",
                                mfm_server_get_address (partner) ? mfm_server_get_address (partner) : "",
                                mfm_server_state_get_label (mfm_server_get_state (partner)));
  else if (self->locked_partner_name == NULL)
    /* Translators: marks a field that must be filled in. */
    subtitle = g_strdup (_("Required"));
  else
    subtitle = g_strdup ("");

  adw_action_row_set_subtitle (self->partner_row, subtitle);
}

static void
partner_selected_cb (MfmSetupPage *self)
{
  if (!self->filling)
    self->partner_touched = TRUE;

  update_partner_subtitle (self);
  mfm_editor_page_changed (MFM_EDITOR_PAGE (self));
}

static void
mfm_setup_page_show_findings (MfmEditorPage *page,
                              GPtrArray     *findings)
{
  MfmSetupPage *self = MFM_SETUP_PAGE (page);
  gboolean partner_empty = mfm_setup_page_get_partner_name (self) == NULL;

  MFM_EDITOR_PAGE_CLASS (mfm_setup_page_parent_class)->show_findings (page, findings);

  mfm_field_message_show_findings (self->partner_message, findings,
                                   partner_empty && !self->partner_touched);
  mfm_field_message_show_findings (self->primary_message, findings, FALSE);
}

static gboolean
mfm_setup_page_get_changed (MfmEditorPage *page)
{
  MfmSetupPage *self = MFM_SETUP_PAGE (page);

  if (self->locked_partner_name == NULL && self->partner_touched &&
      mfm_server_chooser_get_selected (self->partner_chooser) != NULL)
    return TRUE;

  return MFM_EDITOR_PAGE_CLASS (mfm_setup_page_parent_class)->get_changed (page);
}

static void
mfm_setup_page_finalize (GObject *object)
{
  MfmSetupPage *self = (MfmSetupPage *)object;

  g_free (self->locked_partner_name);

  G_OBJECT_CLASS (mfm_setup_page_parent_class)->finalize (object);
}

static void
mfm_setup_page_class_init (MfmSetupPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  MfmEditorPageClass *page_class = MFM_EDITOR_PAGE_CLASS (klass);

  object_class->finalize = mfm_setup_page_finalize;

  page_class->show_findings = mfm_setup_page_show_findings;
  page_class->get_changed = mfm_setup_page_get_changed;

  g_type_ensure (MFM_TYPE_FIELD_MESSAGE);
  g_type_ensure (MFM_TYPE_FIELD_ROW);
  g_type_ensure (MFM_TYPE_SERVER_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/wizard/mfm-setup-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, name_required_label);
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, primary_row);
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, primary_message);
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, partner_row);
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, partner_chooser);
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, partner_message);
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, port_row);
  gtk_widget_class_bind_template_child (widget_class, MfmSetupPage, peer_port_row);
}

static void
mfm_setup_page_init (MfmSetupPage *self)
{
  MfmEditorPage *page = MFM_EDITOR_PAGE (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  mfm_editor_page_add_field (page, MFM_FIELD_NAME, GTK_WIDGET (self->name_row));
  mfm_editor_page_add_field (page, MFM_FIELD_PARTNER_SERVER, GTK_WIDGET (self->partner_chooser));
  mfm_editor_page_add_field (page, MFM_FIELD_PORT, GTK_WIDGET (self->port_row));
  mfm_editor_page_add_field (page, MFM_FIELD_PEER_PORT, GTK_WIDGET (self->peer_port_row));

  g_signal_connect_object (self->partner_chooser, "notify::selected",
                           G_CALLBACK (partner_selected_cb), self, G_CONNECT_SWAPPED);

  /* Tie each server's message to it, so a screen reader reads the finding with the field;
   * the partner may not be left empty. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->partner_chooser),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  mfm_field_message_get_label (self->partner_message), NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->partner_chooser),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                  -1);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self->primary_row),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  mfm_field_message_get_label (self->primary_message), NULL,
                                  -1);
}

void
mfm_setup_page_set_servers (MfmSetupPage *self,
                            GListModel   *partners,
                            const char   *primary_label)
{
  g_return_if_fail (MFM_IS_SETUP_PAGE (self));
  g_return_if_fail (G_IS_LIST_MODEL (partners));

  self->filling = TRUE;
  mfm_server_chooser_set_model (self->partner_chooser, partners);
  self->filling = FALSE;

  adw_action_row_set_subtitle (self->primary_row, primary_label);
  update_partner_subtitle (self);
}

MfmServer *
mfm_setup_page_get_partner (MfmSetupPage *self)
{
  g_return_val_if_fail (MFM_IS_SETUP_PAGE (self), NULL);

  return mfm_server_chooser_get_selected (self->partner_chooser);
}

void
mfm_setup_page_set_partner (MfmSetupPage *self,
                            MfmServer    *partner)
{
  g_return_if_fail (MFM_IS_SETUP_PAGE (self));

  self->filling = TRUE;
  mfm_server_chooser_set_selected (self->partner_chooser, partner);
  self->filling = FALSE;
}

const char *
mfm_setup_page_get_partner_name (MfmSetupPage *self)
{
  MfmServer *partner;

  g_return_val_if_fail (MFM_IS_SETUP_PAGE (self), NULL);

  if (self->locked_partner_name != NULL)
    return self->locked_partner_name;

  partner = mfm_server_chooser_get_selected (self->partner_chooser);

  return partner != NULL ? mfm_server_get_name (partner) : NULL;
}

void
mfm_setup_page_lock (MfmSetupPage *self,
                     const char   *partner_name)
{
  g_autofree char *tooltip = NULL;

  g_return_if_fail (MFM_IS_SETUP_PAGE (self));
  g_return_if_fail (partner_name != NULL);

  g_free (self->locked_partner_name);
  self->locked_partner_name = g_strdup (partner_name);

  /* Micetro's Modify takes neither a new name nor other servers. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->name_row), FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->partner_chooser), FALSE);
  tooltip = g_strdup_printf (_("Read-only: %s"), partner_name);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->partner_chooser), tooltip);
  gtk_widget_set_visible (self->name_required_label, FALSE);
  /* Each locked field says why, on its own message line. */
  mfm_field_row_set_note (self->name_row,
                          _("A saved relationship keeps its name: Micetro’s Modify does not take a new one."));
  mfm_field_message_set_note (self->partner_message,
                              _("A saved relationship keeps its servers: Micetro’s Modify does not take other ones."));

  update_partner_subtitle (self);
}
