/* mfm-field-message.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-field-message"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-enums.h"
#include "mfm-field-message.h"
#include "mfm-rules.h"
#include "mfm-severity.h"

struct _MfmFieldMessage
{
  AdwPreferencesRow  parent_instance;

  MfmField           field;
  char              *note;

  /* Template widgets */
  GtkImage          *icon;
  GtkLabel          *label;
};

G_DEFINE_FINAL_TYPE (MfmFieldMessage, mfm_field_message, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_FIELD,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_message (MfmFieldMessage *self,
             MfmSeverity      severity,
             const char      *text)
{
  const char *style = mfm_severity_get_style_class (severity);
  const char *icon_name = mfm_severity_get_icon_name (severity);

  gtk_widget_remove_css_class (GTK_WIDGET (self->label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->icon), "dim-label");

  gtk_label_set_label (self->label, text != NULL ? text : "");
  /* The line stays when empty, so the fields below never move under the pointer. */
  gtk_widget_set_opacity (GTK_WIDGET (self->icon), text != NULL ? 1.0 : 0.0);
  if (text == NULL)
    return;

  gtk_widget_add_css_class (GTK_WIDGET (self->label), style);
  gtk_widget_add_css_class (GTK_WIDGET (self->icon), style);
  gtk_image_set_from_icon_name (self->icon, icon_name);
}

static void
set_field (MfmFieldMessage *self,
           MfmField         field)
{
  g_autofree char *name = NULL;

  g_return_if_fail (field < MFM_N_FIELDS);

  self->field = field;
  name = g_strdup_printf ("%s-message", mfm_field_get_id (field));
  gtk_widget_set_name (GTK_WIDGET (self), name);
}

static void
mfm_field_message_finalize (GObject *object)
{
  MfmFieldMessage *self = (MfmFieldMessage *)object;

  g_free (self->note);

  G_OBJECT_CLASS (mfm_field_message_parent_class)->finalize (object);
}

static void
mfm_field_message_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfmFieldMessage *self = MFM_FIELD_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      g_value_set_enum (value, self->field);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_field_message_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MfmFieldMessage *self = MFM_FIELD_MESSAGE (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      set_field (self, g_value_get_enum (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_field_message_class_init (MfmFieldMessageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mfm_field_message_finalize;
  object_class->get_property = mfm_field_message_get_property;
  object_class->set_property = mfm_field_message_set_property;

  /* The field of the relationship form whose findings the line shows; set once. */
  properties[PROP_FIELD] =
    g_param_spec_enum ("field", NULL, NULL,
                       MFM_TYPE_FIELD, MFM_FIELD_NAME,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/wizard/mfm-field-message.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmFieldMessage, icon);
  gtk_widget_class_bind_template_child (widget_class, MfmFieldMessage, label);
}

static void
mfm_field_message_init (MfmFieldMessage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mfm_field_message_new (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS, NULL);

  return g_object_new (MFM_TYPE_FIELD_MESSAGE,
                       "field", field,
                       NULL);
}

GtkWidget *
mfm_field_message_get_label (MfmFieldMessage *self)
{
  g_return_val_if_fail (MFM_IS_FIELD_MESSAGE (self), NULL);

  return GTK_WIDGET (self->label);
}

void
mfm_field_message_set_note (MfmFieldMessage *self,
                            const char      *note)
{
  g_return_if_fail (MFM_IS_FIELD_MESSAGE (self));

  g_free (self->note);
  self->note = g_strdup (note);
}

void
mfm_field_message_show_findings (MfmFieldMessage *self,
                                 GPtrArray       *findings,
                                 gboolean         as_hint)
{
  g_autoptr(GPtrArray) for_field = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  MfmSeverity severity = MFM_SEVERITY_INFO;

  g_return_if_fail (MFM_IS_FIELD_MESSAGE (self));
  g_return_if_fail (findings != NULL);

  for_field = mfm_findings_for_field (findings, self->field);
  if (for_field->len == 0)
    {
      set_message (self, MFM_SEVERITY_INFO, self->note);
      return;
    }

  for (guint i = 0; i < for_field->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (for_field, i);

      if (i == 0)
        severity = finding->severity;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, finding->message);
    }

  set_message (self, as_hint ? MFM_SEVERITY_INFO : severity, text->str);
}
