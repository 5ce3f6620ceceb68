/* mfm-editor-page.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-editor-page"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-editor-page.h"
#include "mfm-rules.h"

typedef struct
{
  MfmField   field;
  GtkWidget *widget;    /* borrowed: a template child of the subclass */
} PageField;

typedef struct
{
  GArray    *fields;    /* of PageField, in the order they were added */
  GPtrArray *findings;  /* of MfmFinding, the last check */
  gboolean   complete;
} MfmEditorPagePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (MfmEditorPage, mfm_editor_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_COMPLETE,
  N_PROPS
};

enum {
  CHANGED,
  ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
field_activated_cb (MfmEditorPage *self)
{
  g_signal_emit (self, signals[ACTIVATED], 0);
}

static void
mfm_editor_page_real_show_findings (MfmEditorPage *self,
                                    GPtrArray     *findings)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      PageField *page_field = &g_array_index (priv->fields, PageField, i);

      if (MFM_IS_FIELD_ROW (page_field->widget))
        mfm_field_row_show_findings (MFM_FIELD_ROW (page_field->widget), findings);
    }
}

static gboolean
mfm_editor_page_real_blocks_on (MfmEditorPage *self,
                                MfmField       field)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      if (g_array_index (priv->fields, PageField, i).field == field)
        return TRUE;
    }

  return FALSE;
}

static gboolean
mfm_editor_page_real_get_changed (MfmEditorPage *self)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      PageField *page_field = &g_array_index (priv->fields, PageField, i);

      if (MFM_IS_FIELD_ROW (page_field->widget) &&
          mfm_field_row_get_changed (MFM_FIELD_ROW (page_field->widget)))
        return TRUE;
    }

  return FALSE;
}

static void
mfm_editor_page_finalize (GObject *object)
{
  MfmEditorPage *self = (MfmEditorPage *)object;
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  g_clear_pointer (&priv->fields, g_array_unref);
  g_clear_pointer (&priv->findings, g_ptr_array_unref);

  G_OBJECT_CLASS (mfm_editor_page_parent_class)->finalize (object);
}

static void
mfm_editor_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MfmEditorPage *self = MFM_EDITOR_PAGE (object);

  switch (prop_id)
    {
    case PROP_COMPLETE:
      g_value_set_boolean (value, mfm_editor_page_get_complete (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_editor_page_class_init (MfmEditorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfm_editor_page_finalize;
  object_class->get_property = mfm_editor_page_get_property;

  klass->show_findings = mfm_editor_page_real_show_findings;
  klass->blocks_on = mfm_editor_page_real_blocks_on;
  klass->get_changed = mfm_editor_page_real_get_changed;

  /* TRUE when the last check found no error on a field the page blocks on. */
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL,
                          FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The person changed a field of the page: the form needs a new check. */
  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* The person pressed Enter in a field of the page: go on, if the form allows it. */
  signals[ACTIVATED] =
    g_signal_new ("activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mfm_editor_page_init (MfmEditorPage *self)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  priv->fields = g_array_new (FALSE, FALSE, sizeof (PageField));
}

gboolean
mfm_editor_page_get_complete (MfmEditorPage *self)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  g_return_val_if_fail (MFM_IS_EDITOR_PAGE (self), FALSE);

  return priv->complete;
}

const char *
mfm_editor_page_get_first_error (MfmEditorPage *self)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  g_return_val_if_fail (MFM_IS_EDITOR_PAGE (self), NULL);

  for (guint i = 0; priv->findings != NULL && i < priv->findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (priv->findings, i);

      if (finding->severity == MFM_SEVERITY_ERROR &&
          MFM_EDITOR_PAGE_GET_CLASS (self)->blocks_on (self, finding->field))
        return finding->message;
    }

  return NULL;
}

void
mfm_editor_page_set_findings (MfmEditorPage *self,
                              GPtrArray     *findings)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);
  gboolean complete;

  g_return_if_fail (MFM_IS_EDITOR_PAGE (self));
  g_return_if_fail (findings != NULL);

  g_ptr_array_ref (findings);
  g_clear_pointer (&priv->findings, g_ptr_array_unref);
  priv->findings = findings;

  MFM_EDITOR_PAGE_GET_CLASS (self)->show_findings (self, findings);

  complete = mfm_editor_page_get_first_error (self) == NULL;
  if (complete != priv->complete)
    {
      priv->complete = complete;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
}

gboolean
mfm_editor_page_get_changed (MfmEditorPage *self)
{
  g_return_val_if_fail (MFM_IS_EDITOR_PAGE (self), FALSE);

  return MFM_EDITOR_PAGE_GET_CLASS (self)->get_changed (self);
}

MfmFieldRow *
mfm_editor_page_get_field_row (MfmEditorPage *self,
                               MfmField       field)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  g_return_val_if_fail (MFM_IS_EDITOR_PAGE (self), NULL);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      PageField *page_field = &g_array_index (priv->fields, PageField, i);

      if (page_field->field == field && MFM_IS_FIELD_ROW (page_field->widget))
        return MFM_FIELD_ROW (page_field->widget);
    }

  return NULL;
}

gboolean
mfm_editor_page_focus_first_field (MfmEditorPage *self)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);

  g_return_val_if_fail (MFM_IS_EDITOR_PAGE (self), FALSE);

  for (guint i = 0; i < priv->fields->len; i++)
    {
      GtkWidget *widget = g_array_index (priv->fields, PageField, i).widget;

      if (gtk_widget_get_sensitive (widget))
        {
          gtk_widget_grab_focus (widget);
          return TRUE;
        }
    }

  return FALSE;
}

void
mfm_editor_page_add_field (MfmEditorPage *self,
                           MfmField       field,
                           GtkWidget     *widget)
{
  MfmEditorPagePrivate *priv = mfm_editor_page_get_instance_private (self);
  PageField page_field = { field, widget };

  g_return_if_fail (MFM_IS_EDITOR_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_array_append_val (priv->fields, page_field);

  if (MFM_IS_FIELD_ROW (widget))
    {
      g_signal_connect_object (widget, "changed", G_CALLBACK (mfm_editor_page_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (widget, "entry-activated", G_CALLBACK (field_activated_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

void
mfm_editor_page_changed (MfmEditorPage *self)
{
  g_return_if_fail (MFM_IS_EDITOR_PAGE (self));

  g_signal_emit (self, signals[CHANGED], 0);
}
