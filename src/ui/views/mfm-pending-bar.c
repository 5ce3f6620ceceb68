/* mfm-pending-bar.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-pending-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-pending-bar.h"

struct _MfmPendingBar
{
  AdwBin        parent_instance;

  /* Owned References */
  MfmSession   *session;
  MfmChangeSet *changes;

  /* Template Widgets */
  GtkRevealer  *revealer;
  GtkLabel     *count_label;
  GtkButton    *undo_button;
  GtkButton    *redo_button;
  GtkButton    *discard_button;
  GtkButton    *review_button;
};

G_DEFINE_FINAL_TYPE (MfmPendingBar, mfm_pending_bar, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update (MfmPendingBar *self)
{
  g_autofree char *text = NULL;
  guint n_changes = 0;

  if (self->changes != NULL)
    n_changes = mfm_change_set_get_n_changes (self->changes);

  text = g_strdup_printf (ngettext ("%u pending change", "%u pending changes", n_changes),
                          n_changes);
  gtk_label_set_label (self->count_label, text);
  gtk_revealer_set_reveal_child (self->revealer, n_changes > 0);
}

static void
set_session (MfmPendingBar *self,
             MfmSession    *session)
{
  if (session == NULL)
    return;

  self->session = g_object_ref (session);
  self->changes = g_object_ref (mfm_session_get_changes (session));
  g_signal_connect_object (self->changes, "changed",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->changes, "notify::n-changes",
                           G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
}

static void
mfm_pending_bar_dispose (GObject *object)
{
  MfmPendingBar *self = (MfmPendingBar *)object;

  g_clear_object (&self->changes);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_pending_bar_parent_class)->dispose (object);
}

static void
mfm_pending_bar_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MfmPendingBar *self = MFM_PENDING_BAR (object);

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
mfm_pending_bar_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MfmPendingBar *self = MFM_PENDING_BAR (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_pending_bar_class_init (MfmPendingBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_pending_bar_dispose;
  object_class->get_property = mfm_pending_bar_get_property;
  object_class->set_property = mfm_pending_bar_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/views/mfm-pending-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmPendingBar, revealer);
  gtk_widget_class_bind_template_child (widget_class, MfmPendingBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, MfmPendingBar, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MfmPendingBar, redo_button);
  gtk_widget_class_bind_template_child (widget_class, MfmPendingBar, discard_button);
  gtk_widget_class_bind_template_child (widget_class, MfmPendingBar, review_button);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_TOOLBAR);
}

static void
mfm_pending_bar_init (MfmPendingBar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pending changes"),
                                  -1);
  update (self);
}

GtkWidget *
mfm_pending_bar_new (MfmSession *session)
{
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  return g_object_new (MFM_TYPE_PENDING_BAR,
                       "session", session,
                       NULL);
}
