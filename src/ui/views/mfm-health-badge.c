/* mfm-health-badge.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-health-badge"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-health.h"
#include "mfm-health-badge.h"
#include "mfm-severity.h"

/* A GtkWidget holding one GtkLabel, styled as the state badge. */
struct _MfmHealthBadge
{
  GtkWidget        parent_instance;

  GtkWidget       *label;
  MfmSession      *session;
  MfmRelationship *relationship;
  char            *tooltip;
  const char      *style_class;
};

G_DEFINE_FINAL_TYPE (MfmHealthBadge, mfm_health_badge, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_RELATIONSHIP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_badge (MfmHealthBadge *self)
{
  const char *name = self->relationship != NULL ? mfm_relationship_get_name (self->relationship) : NULL;
  GPtrArray *findings = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GString) tooltip = g_string_new (NULL);
  const char *style_class = "dim";

  if (self->session != NULL && name != NULL)
    findings = mfm_session_get_health (self->session, name);

  if (findings != NULL && findings->len > 0)
    {
      int worst = mfm_health_worst_severity (findings);

      text = g_strdup_printf (ngettext ("%u problem", "%u problems", findings->len), findings->len);
      for (guint i = 0; i < findings->len; i++)
        {
          MfmHealthFinding *finding = g_ptr_array_index (findings, i);

          if (tooltip->len > 0)
            g_string_append_c (tooltip, '\n');
          g_string_append (tooltip, finding->message);
        }
      style_class = mfm_health_severity_get_style_class (worst);
    }
  else if (findings != NULL && mfm_session_get_health_read (self->session, name))
    {
      text = g_strdup (C_("health", "OK"));
      g_string_append (tooltip, _("Both servers agree on this relationship and its scopes."));
      style_class = "success";
    }
  else
    {
      text = g_strdup (C_("health", "Not checked"));
      g_string_append (tooltip, _("The scopes of the two servers have not been read, so the partners were not compared."));
    }

  gtk_label_set_text (GTK_LABEL (self->label), text);
  if (self->style_class != NULL)
    gtk_widget_remove_css_class (self->label, self->style_class);
  self->style_class = style_class;
  gtk_widget_add_css_class (self->label, style_class);

  g_free (self->tooltip);
  self->tooltip = g_string_free (g_steal_pointer (&tooltip), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, self->tooltip,
                                  -1);
}

static gboolean
mfm_health_badge_query_tooltip (GtkWidget  *widget,
                                int         x,
                                int         y,
                                gboolean    keyboard_mode,
                                GtkTooltip *tooltip)
{
  MfmHealthBadge *self = MFM_HEALTH_BADGE (widget);

  if (self->tooltip == NULL || *self->tooltip == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, self->tooltip);
  return TRUE;
}

static void
mfm_health_badge_dispose (GObject *object)
{
  MfmHealthBadge *self = (MfmHealthBadge *)object;

  mfm_health_badge_set_session (self, NULL);
  g_clear_object (&self->relationship);
  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (mfm_health_badge_parent_class)->dispose (object);
}

static void
mfm_health_badge_finalize (GObject *object)
{
  MfmHealthBadge *self = (MfmHealthBadge *)object;

  g_free (self->tooltip);

  G_OBJECT_CLASS (mfm_health_badge_parent_class)->finalize (object);
}

static void
mfm_health_badge_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfmHealthBadge *self = MFM_HEALTH_BADGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_RELATIONSHIP:
      g_value_set_object (value, self->relationship);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_health_badge_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfmHealthBadge *self = MFM_HEALTH_BADGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mfm_health_badge_set_session (self, g_value_get_object (value));
      break;

    case PROP_RELATIONSHIP:
      mfm_health_badge_set_relationship (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_health_badge_class_init (MfmHealthBadgeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_health_badge_dispose;
  object_class->finalize = mfm_health_badge_finalize;
  object_class->get_property = mfm_health_badge_get_property;
  object_class->set_property = mfm_health_badge_set_property;

  widget_class->query_tooltip = mfm_health_badge_query_tooltip;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  properties[PROP_RELATIONSHIP] =
    g_param_spec_object ("relationship", NULL, NULL,
                         MFM_TYPE_RELATIONSHIP,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "mfm-health-badge");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
mfm_health_badge_init (MfmHealthBadge *self)
{
  self->label = gtk_label_new (NULL);
  gtk_widget_add_css_class (self->label, "state-badge");
  gtk_widget_set_halign (self->label, GTK_ALIGN_START);
  gtk_widget_set_valign (self->label, GTK_ALIGN_CENTER);
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);

  update_badge (self);
}

GtkWidget *
mfm_health_badge_new (void)
{
  return g_object_new (MFM_TYPE_HEALTH_BADGE, NULL);
}

void
mfm_health_badge_set_session (MfmHealthBadge *self,
                              MfmSession     *session)
{
  g_return_if_fail (MFM_IS_HEALTH_BADGE (self));
  g_return_if_fail (!session || MFM_IS_SESSION (session));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, update_badge, self);
  g_set_object (&self->session, session);
  if (session != NULL)
    g_signal_connect_object (session, "health-changed", G_CALLBACK (update_badge), self,
                             G_CONNECT_SWAPPED);

  update_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

void
mfm_health_badge_set_relationship (MfmHealthBadge  *self,
                                   MfmRelationship *relationship)
{
  g_return_if_fail (MFM_IS_HEALTH_BADGE (self));
  g_return_if_fail (!relationship || MFM_IS_RELATIONSHIP (relationship));

  if (!g_set_object (&self->relationship, relationship))
    return;

  update_badge (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RELATIONSHIP]);
}

const char *
mfm_health_badge_get_text (MfmHealthBadge *self)
{
  g_return_val_if_fail (MFM_IS_HEALTH_BADGE (self), NULL);

  return gtk_label_get_text (GTK_LABEL (self->label));
}

const char *
mfm_health_badge_get_tooltip (MfmHealthBadge *self)
{
  g_return_val_if_fail (MFM_IS_HEALTH_BADGE (self), NULL);

  return self->tooltip;
}

static void
health_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 GObject                  *owner)
{
  GtkWidget *badge = mfm_health_badge_new ();

  g_object_bind_property (owner, "session", badge, "session", G_BINDING_SYNC_CREATE);
  gtk_list_item_set_child (list_item, badge);
}

static void
health_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                GObject                  *owner)
{
  mfm_health_badge_set_relationship (MFM_HEALTH_BADGE (gtk_list_item_get_child (list_item)),
                                     gtk_list_item_get_item (list_item));
}

static void
health_unbind_cb (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  GObject                  *owner)
{
  mfm_health_badge_set_relationship (MFM_HEALTH_BADGE (gtk_list_item_get_child (list_item)), NULL);
}

GtkListItemFactory *
mfm_health_badge_factory_new (GObject *owner)
{
  GtkListItemFactory *factory;

  g_return_val_if_fail (G_IS_OBJECT (owner), NULL);

  factory = gtk_signal_list_item_factory_new ();

  /* The factory belongs to the owner's column: it does not outlive the owner. */
  g_signal_connect (factory, "setup", G_CALLBACK (health_setup_cb), owner);
  g_signal_connect (factory, "bind", G_CALLBACK (health_bind_cb), owner);
  g_signal_connect (factory, "unbind", G_CALLBACK (health_unbind_cb), owner);

  return factory;
}
