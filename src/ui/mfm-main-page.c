/* mfm-main-page.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-main-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-main-page.h"
#include "mfm-main-page-private.h"

G_DEFINE_FINAL_TYPE (MfmMainPage, mfm_main_page, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfm_main_page_dispose (GObject *object)
{
  MfmMainPage *self = (MfmMainPage *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), MFM_TYPE_MAIN_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_main_page_parent_class)->dispose (object);
}

static void
mfm_main_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MfmMainPage *self = MFM_MAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_main_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MfmMainPage *self = MFM_MAIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mfm_main_page_set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_main_page_class_init (MfmMainPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_main_page_dispose;
  object_class->get_property = mfm_main_page_get_property;
  object_class->set_property = mfm_main_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_SERVERS_VIEW);
  g_type_ensure (MFM_TYPE_RELATIONSHIPS_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfm-main-page.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, connection_title);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, search_bar);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, servers_view);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, relationships_view);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, bottom_box);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, draft_banner);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, draft_banner_label);
  gtk_widget_class_bind_template_child (widget_class, MfmMainPage, read_only_banner);
}

static void
mfm_main_page_init (MfmMainPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
}

MfmMainPage *
mfm_main_page_new (void)
{
  return g_object_new (MFM_TYPE_MAIN_PAGE, NULL);
}

/**
 * mfm_main_page_get_session:
 *
 * Returns: (transfer none) (nullable): the session the views show
 */
MfmSession *
mfm_main_page_get_session (MfmMainPage *self)
{
  g_return_val_if_fail (MFM_IS_MAIN_PAGE (self), NULL);

  return self->session;
}

void
mfm_main_page_set_session (MfmMainPage *self,
                           MfmSession  *session)
{
  g_return_if_fail (MFM_IS_MAIN_PAGE (self));
  g_return_if_fail (!session || MFM_IS_SESSION (session));

  if (g_set_object (&self->session, session))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}
