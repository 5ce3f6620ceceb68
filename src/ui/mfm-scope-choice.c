/* mfm-scope-choice.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-scope-choice"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-scope-choice.h"

struct _MfmScopeChoice
{
  GObject                 parent_instance;

  MfmScope               *scope;
  MfmScopeChoiceCategory  category;
  char                   *reason;
  char                   *search_text;   /* name, subnet and description, case-folded */
  gboolean                checked;
};

G_DEFINE_FINAL_TYPE (MfmScopeChoice, mfm_scope_choice, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CHECKED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfm_scope_choice_finalize (GObject *object)
{
  MfmScopeChoice *self = (MfmScopeChoice *)object;

  g_clear_object (&self->scope);
  g_clear_pointer (&self->reason, g_free);
  g_clear_pointer (&self->search_text, g_free);

  G_OBJECT_CLASS (mfm_scope_choice_parent_class)->finalize (object);
}

static void
mfm_scope_choice_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfmScopeChoice *self = MFM_SCOPE_CHOICE (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      g_value_set_boolean (value, self->checked);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_scope_choice_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfmScopeChoice *self = MFM_SCOPE_CHOICE (object);

  switch (prop_id)
    {
    case PROP_CHECKED:
      mfm_scope_choice_set_checked (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_scope_choice_class_init (MfmScopeChoiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfm_scope_choice_finalize;
  object_class->get_property = mfm_scope_choice_get_property;
  object_class->set_property = mfm_scope_choice_set_property;

  /**
   * MfmScopeChoice:checked:
   *
   * Whether the scope is to be in the relationship: a member unchecked leaves it, an eligible
   * scope checked joins it. A scope that is not eligible is never checked.
   */
  properties[PROP_CHECKED] =
    g_param_spec_boolean ("checked", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_scope_choice_init (MfmScopeChoice *self)
{
}

MfmScopeChoice *
mfm_scope_choice_new (MfmScope        *scope,
                      MfmRelationship *relationship)
{
  const char *other = mfm_scope_get_relationship_name (scope);
  g_autofree char *search = NULL;
  MfmScopeChoice *self;

  g_return_val_if_fail (MFM_IS_SCOPE (scope), NULL);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  self = g_object_new (MFM_TYPE_SCOPE_CHOICE, NULL);
  self->scope = g_object_ref (scope);

  if (mfm_relationship_has_scope (relationship, mfm_scope_get_ref (scope)) ||
      g_strcmp0 (other, mfm_relationship_get_name (relationship)) == 0)
    self->category = MFM_SCOPE_CHOICE_MEMBER;
  else if (mfm_scope_get_pool_count (scope) == 0)
    {
      self->category = MFM_SCOPE_CHOICE_INELIGIBLE;
      self->reason = g_strdup (_("No address pool"));
    }
  else if (other != NULL)
    {
      self->category = MFM_SCOPE_CHOICE_INELIGIBLE;
      self->reason = g_strdup_printf (_("In relationship “%s”"), other);
    }
  else
    self->category = MFM_SCOPE_CHOICE_ELIGIBLE;

  self->checked = self->category == MFM_SCOPE_CHOICE_MEMBER;

  search = g_strdup_printf ("%s %s %s", mfm_scope_get_name (scope),
                            mfm_scope_get_subnet (scope) ? mfm_scope_get_subnet (scope) : "",
                            mfm_scope_get_description (scope) ? mfm_scope_get_description (scope) : "");
  self->search_text = g_utf8_casefold (search, -1);

  return self;
}

MfmScope *
mfm_scope_choice_get_scope (MfmScopeChoice *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE_CHOICE (self), NULL);

  return self->scope;
}

MfmScopeChoiceCategory
mfm_scope_choice_get_category (MfmScopeChoice *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE_CHOICE (self), MFM_SCOPE_CHOICE_INELIGIBLE);

  return self->category;
}

const char *
mfm_scope_choice_get_reason (MfmScopeChoice *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE_CHOICE (self), NULL);

  return self->reason;
}

gboolean
mfm_scope_choice_get_checked (MfmScopeChoice *self)
{
  g_return_val_if_fail (MFM_IS_SCOPE_CHOICE (self), FALSE);

  return self->checked;
}

void
mfm_scope_choice_set_checked (MfmScopeChoice *self,
                              gboolean        checked)
{
  g_return_if_fail (MFM_IS_SCOPE_CHOICE (self));

  checked = !!checked && self->category != MFM_SCOPE_CHOICE_INELIGIBLE;
  if (self->checked == checked)
    return;

  self->checked = checked;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHECKED]);
}

gboolean
mfm_scope_choice_matches (MfmScopeChoice *self,
                          const char     *needle)
{
  g_return_val_if_fail (MFM_IS_SCOPE_CHOICE (self), FALSE);

  return needle == NULL || *needle == '\0' || strstr (self->search_text, needle) != NULL;
}
