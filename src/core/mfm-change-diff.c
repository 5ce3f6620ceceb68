/* mfm-change-diff.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-diff"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-private.h"

/* What a change makes different, as lines a person reads: label, value before, value after. */

G_DEFINE_BOXED_TYPE (MfmFieldDiff, mfm_field_diff, mfm_field_diff_copy, mfm_field_diff_free)

MfmFieldDiff *
_mfm_field_diff_new (const char *label,
                     const char *old_value,
                     const char *new_value)
{
  MfmFieldDiff *diff = g_new0 (MfmFieldDiff, 1);

  diff->label = g_strdup (label);
  diff->old_value = g_strdup (old_value);
  diff->new_value = g_strdup (new_value);

  return diff;
}

MfmFieldDiff *
mfm_field_diff_copy (const MfmFieldDiff *diff)
{
  g_return_val_if_fail (diff != NULL, NULL);

  return _mfm_field_diff_new (diff->label, diff->old_value, diff->new_value);
}

void
mfm_field_diff_free (MfmFieldDiff *diff)
{
  if (diff == NULL)
    return;

  g_free (diff->label);
  g_free (diff->old_value);
  g_free (diff->new_value);
  g_free (diff);
}

/* The order of the diff: the name, the two servers, then the numbers in the table's order. */
G_STATIC_ASSERT (MFM_FIELD_NAME == 0 && MFM_FIELD_PARTNER_SERVER == 1);
G_STATIC_ASSERT (MFM_FIELD_PRIMARY_SERVER == MFM_N_FIELDS - 1);

static MfmField
diff_field (guint position)
{
  if (position == 0)
    return MFM_FIELD_NAME;
  if (position == 1)
    return MFM_FIELD_PRIMARY_SERVER;

  return position - 1;
}

static char *
format_value (MfmRelationship *relationship,
              MfmField         field)
{
  switch (field)
    {
    case MFM_FIELD_NAME:
      return g_strdup (_mfm_change_display (mfm_relationship_get_name (relationship)));
    case MFM_FIELD_PRIMARY_SERVER:
      return _mfm_change_server_name (mfm_relationship_get_primary_server (relationship));
    case MFM_FIELD_PARTNER_SERVER:
      return _mfm_change_server_name (mfm_relationship_get_secondary_server (relationship));
    case MFM_FIELD_PORT:
    case MFM_FIELD_PEER_PORT:
    case MFM_FIELD_MCLT:
    case MFM_FIELD_MAX_RESPONSE_DELAY:
    case MFM_FIELD_LOAD_BALANCE_MAX_SECONDS:
    case MFM_FIELD_MAX_UNACKED_UPDATES:
    case MFM_FIELD_PERCENTAGE:
      return mfm_field_format_number (field, mfm_relationship_get_field_value (relationship, field));
    case MFM_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

guint
_mfm_change_count_changed_settings (MfmChange *self)
{
  guint n = 0;

  if (self->old_relationship == NULL)
    return 0;

  for (guint position = 0; position < MFM_N_FIELDS; position++)
    {
      MfmField field = diff_field (position);
      g_autofree char *a = format_value (self->old_relationship, field);
      g_autofree char *b = format_value (self->relationship, field);

      if (g_strcmp0 (a, b) != 0)
        n++;
    }

  return n;
}

void
_mfm_change_add_value_diffs (GPtrArray       *diffs,
                             MfmRelationship *before,
                             MfmRelationship *after)
{
  for (guint position = 0; position < MFM_N_FIELDS; position++)
    {
      MfmField field = diff_field (position);
      g_autofree char *old_value = format_value (before, field);
      g_autofree char *new_value = format_value (after, field);

      if (g_strcmp0 (old_value, new_value) != 0)
        g_ptr_array_add (diffs, _mfm_field_diff_new (mfm_field_get_label (field), old_value, new_value));
    }
}

char *
_mfm_change_describe_scope (MfmScope *scope)
{
  const char *name = mfm_scope_get_name (scope);
  const char *subnet = mfm_scope_get_subnet (scope);

  if (name != NULL && subnet != NULL && g_strcmp0 (name, subnet) != 0)
    return g_strdup_printf ("%s (%s)", name, subnet);
  if (subnet != NULL)
    return g_strdup (subnet);
  if (name != NULL)
    return g_strdup (name);

  return g_strdup (mfm_scope_get_ref (scope));
}

void
_mfm_change_learn_scopes (MfmChange    *self,
                          MfmInventory *inventory)
{
  for (guint i = 0; self->scope_refs != NULL && self->scope_refs[i] != NULL; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (inventory, self->scope_refs[i]);

      if (scope != NULL)
        g_hash_table_replace (self->scope_descriptions,
                              g_strdup (self->scope_refs[i]),
                              _mfm_change_describe_scope (scope));
    }
}

void
mfm_change_resolve_scopes (MfmChange    *self,
                           MfmInventory *inventory)
{
  g_return_if_fail (MFM_IS_CHANGE (self));
  g_return_if_fail (MFM_IS_INVENTORY (inventory));

  _mfm_change_learn_scopes (self, inventory);
}

GPtrArray *
mfm_change_get_diff (MfmChange *self)
{
  GPtrArray *diff;

  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  diff = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_field_diff_free);

  switch (self->kind)
    {
    case MFM_CHANGE_ADD:
    case MFM_CHANGE_REMOVE:
      for (guint position = 0; position < MFM_N_FIELDS; position++)
        {
          MfmField field = diff_field (position);
          g_autofree char *value = format_value (self->relationship, field);

          if (self->kind == MFM_CHANGE_ADD)
            g_ptr_array_add (diff, _mfm_field_diff_new (mfm_field_get_label (field), NULL, value));
          else
            g_ptr_array_add (diff, _mfm_field_diff_new (mfm_field_get_label (field), value, NULL));
        }
      break;

    case MFM_CHANGE_MODIFY:
      _mfm_change_add_value_diffs (diff, self->old_relationship, self->relationship);
      break;

    case MFM_CHANGE_ADD_SCOPES:
    case MFM_CHANGE_REMOVE_SCOPES:
      for (guint i = 0; self->scope_refs[i] != NULL; i++)
        {
          const char *description = g_hash_table_lookup (self->scope_descriptions, self->scope_refs[i]);

          if (description == NULL)
            description = self->scope_refs[i];

          if (self->kind == MFM_CHANGE_ADD_SCOPES)
            g_ptr_array_add (diff, _mfm_field_diff_new (_("Scope"), NULL, description));
          else
            g_ptr_array_add (diff, _mfm_field_diff_new (_("Scope"), description, NULL));
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return diff;
}
