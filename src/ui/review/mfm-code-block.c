/* mfm-code-block.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-code-block"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-code-block.h"

struct _MfmCodeBlock
{
  AdwPreferencesRow  parent_instance;

  /* Owned References */
  char              *copy_label;

  /* Template Widgets */
  GtkLabel          *code_label;
  GtkButton         *copy_button;
};

G_DEFINE_FINAL_TYPE (MfmCodeBlock, mfm_code_block, ADW_TYPE_PREFERENCES_ROW)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_COPY_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
copy_clicked_cb (MfmCodeBlock *self)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self->copy_button)),
                          gtk_label_get_text (self->code_label));
}

static void
mfm_code_block_finalize (GObject *object)
{
  MfmCodeBlock *self = (MfmCodeBlock *)object;

  g_clear_pointer (&self->copy_label, g_free);

  G_OBJECT_CLASS (mfm_code_block_parent_class)->finalize (object);
}

static void
mfm_code_block_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MfmCodeBlock *self = MFM_CODE_BLOCK (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, mfm_code_block_get_text (self));
      break;

    case PROP_COPY_LABEL:
      g_value_set_string (value, self->copy_label);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_code_block_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  MfmCodeBlock *self = MFM_CODE_BLOCK (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      mfm_code_block_set_text (self, g_value_get_string (value));
      break;

    case PROP_COPY_LABEL:
      mfm_code_block_set_copy_label (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_code_block_class_init (MfmCodeBlockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mfm_code_block_finalize;
  object_class->get_property = mfm_code_block_get_property;
  object_class->set_property = mfm_code_block_set_property;

  /**
   * MfmCodeBlock:text:
   *
   * The code shown, as it is copied.
   */
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * MfmCodeBlock:copy-label:
   *
   * What the Copy button copies, for a screen reader ("Copy the API calls"); %NULL: the
   * block has no Copy button.
   */
  properties[PROP_COPY_LABEL] =
    g_param_spec_string ("copy-label", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/review/mfm-code-block.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmCodeBlock, code_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCodeBlock, copy_button);
  gtk_widget_class_bind_template_callback (widget_class, copy_clicked_cb);
}

static void
mfm_code_block_init (MfmCodeBlock *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MfmCodeBlock *
mfm_code_block_new (void)
{
  return g_object_new (MFM_TYPE_CODE_BLOCK, NULL);
}

const char *
mfm_code_block_get_text (MfmCodeBlock *self)
{
  g_return_val_if_fail (MFM_IS_CODE_BLOCK (self), NULL);

  return gtk_label_get_label (self->code_label);
}

void
mfm_code_block_set_text (MfmCodeBlock *self,
                         const char   *text)
{
  g_return_if_fail (MFM_IS_CODE_BLOCK (self));

  if (g_strcmp0 (text != NULL ? text : "", gtk_label_get_label (self->code_label)) == 0)
    return;

  gtk_label_set_label (self->code_label, text);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
mfm_code_block_set_lines (MfmCodeBlock       *self,
                          const char         *prefix,
                          const char * const *lines)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_if_fail (MFM_IS_CODE_BLOCK (self));

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s%s", prefix != NULL ? prefix : "", lines[i]);
    }

  mfm_code_block_set_text (self, text->str);
}

const char *
mfm_code_block_get_copy_label (MfmCodeBlock *self)
{
  g_return_val_if_fail (MFM_IS_CODE_BLOCK (self), NULL);

  return self->copy_label;
}

void
mfm_code_block_set_copy_label (MfmCodeBlock *self,
                               const char   *copy_label)
{
  g_return_if_fail (MFM_IS_CODE_BLOCK (self));

  if (g_strcmp0 (self->copy_label, copy_label) == 0)
    return;

  g_free (self->copy_label);
  self->copy_label = g_strdup (copy_label);

  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), copy_label != NULL);
  if (copy_label != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->copy_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label,
                                    -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self->copy_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COPY_LABEL]);
}
