/* mfm-state-badge.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-state-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-enums.h"
#include "mfm-state-badge.h"

/* A GtkWidget holding one GtkLabel (GtkLabel is final in GTK 4), so the pill hugs its text
 * inside a table cell. */
struct _MfmStateBadge
{
  GtkWidget         parent_instance;

  GtkWidget        *label;
  MfmFailoverState  state;
  const char       *style_class;
};

G_DEFINE_FINAL_TYPE (MfmStateBadge, mfm_state_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_badge (MfmStateBadge *self)
{
  const char *text = mfm_failover_state_get_label (self->state);
  const char *style_class = mfm_failover_state_get_style_class (self->state);

  gtk_label_set_text (GTK_LABEL (self->label), text);

  if (self->style_class != NULL)
    gtk_widget_remove_css_class (self->label, self->style_class);
  self->style_class = style_class;
  if (style_class != NULL)
    gtk_widget_add_css_class (self->label, style_class);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  mfm_failover_state_get_description (self->state),
                                  -1);
}

/* The explanation is looked up when the tooltip shows: a tooltip text set on every table row
 * bind costs an X round trip each. */
static gboolean
mfm_state_badge_query_tooltip (GtkWidget  *widget,
                               int         x,
                               int         y,
                               gboolean    keyboard_mode,
                               GtkTooltip *tooltip)
{
  MfmStateBadge *self = MFM_STATE_BADGE (widget);

  gtk_tooltip_set_text (tooltip, mfm_failover_state_get_description (self->state));
  return TRUE;
}

static void
mfm_state_badge_dispose (GObject *object)
{
  MfmStateBadge *self = (MfmStateBadge *)object;

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (mfm_state_badge_parent_class)->dispose (object);
}

static void
mfm_state_badge_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MfmStateBadge *self = MFM_STATE_BADGE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_state_badge_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MfmStateBadge *self = MFM_STATE_BADGE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      mfm_state_badge_set_state (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_state_badge_class_init (MfmStateBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_state_badge_dispose;
  object_class->get_property = mfm_state_badge_get_property;
  object_class->set_property = mfm_state_badge_set_property;

  widget_class->query_tooltip = mfm_state_badge_query_tooltip;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       MFM_TYPE_FAILOVER_STATE,
                       MFM_FAILOVER_STATE_UNKNOWN,
                       (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mfm-state-badge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
mfm_state_badge_init (MfmStateBadge *self)
{
  self->label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->label, "state-badge");
  gtk_widget_set_halign (self->label, GTK_ALIGN_START);
  gtk_widget_set_valign (self->label, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  self->state = MFM_FAILOVER_STATE_UNKNOWN;
  update_badge (self);
}

GtkWidget *
mfm_state_badge_new (MfmFailoverState state)
{
  return g_object_new (MFM_TYPE_STATE_BADGE, "state", state, NULL);
}

MfmFailoverState
mfm_state_badge_get_state (MfmStateBadge *self)
{
  g_return_val_if_fail (MFM_IS_STATE_BADGE (self), MFM_FAILOVER_STATE_UNKNOWN);

  return self->state;
}

void
mfm_state_badge_set_state (MfmStateBadge    *self,
                           MfmFailoverState  state)
{
  g_return_if_fail (MFM_IS_STATE_BADGE (self));

  if (self->state == state)
    return;

  self->state = state;
  update_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

const char *
mfm_state_badge_get_text (MfmStateBadge *self)
{
  g_return_val_if_fail (MFM_IS_STATE_BADGE (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->label));
}
