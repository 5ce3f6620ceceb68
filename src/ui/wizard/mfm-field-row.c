/* mfm-field-row.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-enums.h"
#include "mfm-field-message.h"
#include "mfm-field-row.h"

struct _MfmFieldRow
{
  AdwEntryRow      parent_instance;

  MfmField         field;
  MfmFieldMessage *message;
  char            *initial_text;
  gboolean         filling;      /* set by the program: not typed */
  gboolean         touched;      /* typed in at least once */
};

G_DEFINE_FINAL_TYPE (MfmFieldRow, mfm_field_row, ADW_TYPE_ENTRY_ROW)

enum {
  PROP_0,
  PROP_FIELD,
  PROP_UNIT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
changed_cb (MfmFieldRow *self)
{
  if (!self->filling)
    self->touched = TRUE;
}

/* The message line is a row of its own, right under the field in the same list: the list's
 * separators and Tab order stay those of two plain rows. */
static void
place_message_cb (MfmFieldRow *self)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (self));
  GtkWidget *message = GTK_WIDGET (self->message);
  GtkWidget *message_parent = gtk_widget_get_parent (message);

  if (!GTK_IS_LIST_BOX (parent) || message_parent == parent)
    return;

  if (GTK_IS_LIST_BOX (message_parent))
    gtk_list_box_remove (GTK_LIST_BOX (message_parent), message);
  gtk_list_box_insert (GTK_LIST_BOX (parent), message,
                       gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (self)) + 1);
}

static void
set_unit (MfmFieldRow *self,
          const char  *unit)
{
  GtkWidget *label;

  if (unit == NULL)
    return;

  label = gtk_label_new (unit);
  gtk_widget_add_css_class (label, "dim-label");
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self), label);
}

static void
mfm_field_row_constructed (GObject *object)
{
  MfmFieldRow *self = (MfmFieldRow *)object;

  G_OBJECT_CLASS (mfm_field_row_parent_class)->constructed (object);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), mfm_field_get_label (self->field));
  gtk_widget_set_name (GTK_WIDGET (self), mfm_field_get_id (self->field));

  self->message = g_object_ref_sink (MFM_FIELD_MESSAGE (mfm_field_message_new (self->field)));
  /* A screen reader reads the message with the field, and knows no field may stay empty. */
  gtk_accessible_update_relation (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                  mfm_field_message_get_label (self->message), NULL,
                                  -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                  -1);
}

static void
mfm_field_row_dispose (GObject *object)
{
  MfmFieldRow *self = (MfmFieldRow *)object;

  g_clear_object (&self->message);

  G_OBJECT_CLASS (mfm_field_row_parent_class)->dispose (object);
}

static void
mfm_field_row_finalize (GObject *object)
{
  MfmFieldRow *self = (MfmFieldRow *)object;

  g_free (self->initial_text);

  G_OBJECT_CLASS (mfm_field_row_parent_class)->finalize (object);
}

static void
mfm_field_row_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MfmFieldRow *self = MFM_FIELD_ROW (object);

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
mfm_field_row_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MfmFieldRow *self = MFM_FIELD_ROW (object);

  switch (prop_id)
    {
    case PROP_FIELD:
      self->field = g_value_get_enum (value);
      break;

    case PROP_UNIT:
      set_unit (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_field_row_class_init (MfmFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = mfm_field_row_constructed;
  object_class->dispose = mfm_field_row_dispose;
  object_class->finalize = mfm_field_row_finalize;
  object_class->get_property = mfm_field_row_get_property;
  object_class->set_property = mfm_field_row_set_property;

  /* The field the row edits: its title and widget name come from it. Set once. */
  properties[PROP_FIELD] =
    g_param_spec_enum ("field", NULL, NULL,
                       MFM_TYPE_FIELD, MFM_FIELD_NAME,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The unit shown after the value ("seconds", "%"), or NULL. Set once. */
  properties[PROP_UNIT] =
    g_param_spec_string ("unit", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_field_row_init (MfmFieldRow *self)
{
  self->initial_text = g_strdup ("");

  gtk_widget_add_css_class (GTK_WIDGET (self), "mfm-field");
  g_signal_connect (self, "changed", G_CALLBACK (changed_cb), NULL);
  g_signal_connect (self, "notify::parent", G_CALLBACK (place_message_cb), NULL);
}

MfmField
mfm_field_row_get_field (MfmFieldRow *self)
{
  g_return_val_if_fail (MFM_IS_FIELD_ROW (self), MFM_FIELD_NAME);

  return self->field;
}

const char *
mfm_field_row_get_value (MfmFieldRow *self)
{
  const char *text;

  g_return_val_if_fail (MFM_IS_FIELD_ROW (self), NULL);

  text = gtk_editable_get_text (GTK_EDITABLE (self));

  return (text != NULL && *text != '\0') ? text : NULL;
}

void
mfm_field_row_set_initial_value (MfmFieldRow *self,
                                 const char  *text)
{
  g_return_if_fail (MFM_IS_FIELD_ROW (self));

  g_free (self->initial_text);
  self->initial_text = g_strdup (text != NULL ? text : "");

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self), self->initial_text);
  self->filling = FALSE;
}

gboolean
mfm_field_row_get_changed (MfmFieldRow *self)
{
  const char *text;

  g_return_val_if_fail (MFM_IS_FIELD_ROW (self), FALSE);

  text = mfm_field_row_get_value (self);

  return g_strcmp0 (text != NULL ? text : "", self->initial_text) != 0;
}

void
mfm_field_row_set_note (MfmFieldRow *self,
                        const char  *note)
{
  g_return_if_fail (MFM_IS_FIELD_ROW (self));

  mfm_field_message_set_note (self->message, note);
}

void
mfm_field_row_show_findings (MfmFieldRow *self,
                             GPtrArray   *findings)
{
  g_return_if_fail (MFM_IS_FIELD_ROW (self));

  /* An untouched empty field is not an error yet: it says what it needs, as a hint. */
  mfm_field_message_show_findings (self->message, findings,
                                   mfm_field_row_get_value (self) == NULL && !self->touched);
}
