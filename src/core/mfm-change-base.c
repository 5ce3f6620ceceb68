/* mfm-change-base.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-base"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-private.h"
#include "mfm-util-private.h"

/* A change opened from a file is planned against the relationship as the server had it then;
 * this compares that base with what the server has now and moves the change onto it. */

void
mfm_change_set_base (MfmChange       *self,
                     MfmRelationship *base)
{
  gboolean was_moved;

  g_return_if_fail (MFM_IS_CHANGE (self));
  g_return_if_fail (base == NULL || MFM_IS_RELATIONSHIP (base));

  was_moved = mfm_change_get_base_moved (self);
  self->has_base = TRUE;
  g_clear_object (&self->base);
  if (base != NULL)
    self->base = mfm_relationship_copy (base);
  g_ptr_array_set_size (self->base_diffs, 0);
  if (was_moved)
    _mfm_change_notify_base_moved (self);
}

gboolean
mfm_change_has_base (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), FALSE);

  return self->has_base;
}

MfmRelationship *
mfm_change_get_base (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return self->base;
}

static char *
describe_scope_refs (MfmChange          *self,
                     const char * const *refs)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      const char *description = g_hash_table_lookup (self->scope_descriptions, refs[i]);

      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, description != NULL ? description : refs[i]);
    }
  if (out->len == 0)
    /* Translators: a relationship has no scopes */
    g_string_append (out, _("none"));

  return g_string_free (out, FALSE);
}

static gboolean
same_scope_refs (MfmRelationship *a,
                 MfmRelationship *b)
{
  const char * const *refs = mfm_relationship_get_scope_refs (a);

  if (mfm_relationship_get_scope_count (a) != mfm_relationship_get_scope_count (b))
    return FALSE;
  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    if (!mfm_relationship_has_scope (b, refs[i]))
      return FALSE;

  return TRUE;
}

guint
mfm_change_check_base (MfmChange       *self,
                       MfmRelationship *current)
{
  gboolean was_moved;

  g_return_val_if_fail (MFM_IS_CHANGE (self), 0);
  g_return_val_if_fail (current == NULL || MFM_IS_RELATIONSHIP (current), 0);

  if (!self->has_base)
    return 0;

  was_moved = mfm_change_get_base_moved (self);
  g_ptr_array_set_size (self->base_diffs, 0);
  g_clear_object (&self->seen);
  self->seen_absent = current == NULL;
  if (current != NULL)
    self->seen = mfm_relationship_copy (current);

  if (self->base == NULL && current != NULL)
    g_ptr_array_add (self->base_diffs,
                     _mfm_field_diff_new (_("Relationship"), _("not on the server"),
                                         _("on the server")));
  else if (self->base != NULL && current == NULL)
    g_ptr_array_add (self->base_diffs,
                     _mfm_field_diff_new (_("Relationship"), _("on the server"),
                                         _("not on the server")));
  else if (self->base != NULL)
    {
      _mfm_change_add_value_diffs (self->base_diffs, self->base, current);
      if (!same_scope_refs (self->base, current))
        {
          g_autofree char *planned = describe_scope_refs (self, mfm_relationship_get_scope_refs (self->base));
          g_autofree char *now = describe_scope_refs (self, mfm_relationship_get_scope_refs (current));

          g_ptr_array_add (self->base_diffs, _mfm_field_diff_new (_("Scopes"), planned, now));
        }
    }

  if (was_moved != mfm_change_get_base_moved (self))
    _mfm_change_notify_base_moved (self);

  return self->base_diffs->len;
}

GPtrArray *
mfm_change_get_base_diffs (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return self->base_diffs;
}

gboolean
mfm_change_get_base_moved (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), FALSE);

  return self->base_diffs->len > 0;
}

/* What the change does, moved onto what the server has now: a Modify keeps the values it
 * changes and takes every other one from the server (so saving it does not put back what
 * someone else changed since); scope changes start from the server's scopes; a Remove
 * removes the relationship as it is now. */
static void
rebase_onto (MfmChange       *self,
             MfmRelationship *current)
{
  switch (self->kind)
    {
    case MFM_CHANGE_MODIFY:
      {
        g_autoptr(MfmRelationship) rebased = mfm_relationship_copy (current);

        for (guint i = 0; _mfm_change_string_keys[i] != NULL; i++)
          {
            const char *property = _mfm_change_string_keys[i];
            g_autofree char *planned_old = NULL;
            g_autofree char *planned_new = NULL;

            if (g_str_equal (property, "name") || g_str_equal (property, "state"))
              continue;
            g_object_get (self->old_relationship, property, &planned_old, NULL);
            g_object_get (self->relationship, property, &planned_new, NULL);
            if (g_strcmp0 (planned_old, planned_new) != 0)
              g_object_set (rebased, property, planned_new, NULL);
          }
        for (MfmField field = 0; field < MFM_N_FIELDS; field++)
          {
            guint planned_new;

            if (!mfm_field_is_number (field))
              continue;
            planned_new = mfm_relationship_get_field_value (self->relationship, field);
            if (mfm_relationship_get_field_value (self->old_relationship, field) != planned_new)
              mfm_relationship_set_field_value (rebased, field, planned_new);
          }
        g_clear_object (&self->old_relationship);
        self->old_relationship = mfm_relationship_copy (current);
        g_clear_object (&self->relationship);
        self->relationship = g_steal_pointer (&rebased);
      }
      break;

    case MFM_CHANGE_ADD_SCOPES:
    case MFM_CHANGE_REMOVE_SCOPES:
      {
        g_auto(GStrv) after = NULL;

        mfm_relationship_set_scope_refs (self->before, mfm_relationship_get_scope_refs (current));
        if (self->kind == MFM_CHANGE_ADD_SCOPES)
          after = _mfm_change_strv_union (mfm_relationship_get_scope_refs (self->before),
                              (const char * const *) self->scope_refs);
        else
          after = _mfm_change_strv_minus (mfm_relationship_get_scope_refs (self->before),
                              (const char * const *) self->scope_refs);
        g_clear_object (&self->relationship);
        self->relationship = mfm_relationship_copy (self->before);
        mfm_relationship_set_scope_refs (self->relationship, (const char * const *) after);
      }
      break;

    case MFM_CHANGE_REMOVE:
      g_clear_object (&self->relationship);
      self->relationship = mfm_relationship_copy (current);
      break;

    case MFM_CHANGE_ADD:
    default:
      break;
    }

  _mfm_change_update_texts (self);
}

void
mfm_change_accept_base (MfmChange *self)
{
  g_return_if_fail (MFM_IS_CHANGE (self));

  if (!mfm_change_get_base_moved (self))
    return;

  if (!self->seen_absent && self->seen != NULL)
    rebase_onto (self, self->seen);
  mfm_change_set_base (self, self->seen_absent ? NULL : self->seen);
}
