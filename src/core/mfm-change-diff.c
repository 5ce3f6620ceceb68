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

static char *
format_duration (guint seconds)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  guint days = seconds / 86400;
  guint hours = (seconds % 86400) / 3600;
  guint minutes = (seconds % 3600) / 60;
  guint rest = seconds % 60;

  /* Translators: a duration in seconds */
  if (seconds < 60)
    return g_strdup_printf (_("%u s"), seconds);

  if (days > 0)
    {
      /* Translators: parts of a duration, joined by spaces, e.g. "1 day 2 h 5 min" */
      g_string_append_printf (parts, ngettext ("%u day", "%u days", days), days);
    }
  if (hours > 0)
    {
      if (parts->len > 0)
        g_string_append_c (parts, ' ');
      /* Translators: a number of hours */
      g_string_append_printf (parts, _("%u h"), hours);
    }
  if (minutes > 0)
    {
      if (parts->len > 0)
        g_string_append_c (parts, ' ');
      /* Translators: a number of minutes */
      g_string_append_printf (parts, _("%u min"), minutes);
    }
  if (rest > 0)
    {
      if (parts->len > 0)
        g_string_append_c (parts, ' ');
      g_string_append_printf (parts, _("%u s"), rest);
    }

  /* Translators: a number of seconds, then the same in larger units, e.g. "3600 s (1 h)" */
  return g_strdup_printf (_("%u s (%s)"), seconds, parts->str);
}

typedef enum
{
  VALUE_NAME,
  VALUE_PRIMARY,
  VALUE_SECONDARY,
  VALUE_PORT,
  VALUE_PEER_PORT,
  VALUE_MCLT,
  VALUE_MAX_RESPONSE_DELAY,
  VALUE_LOAD_BALANCE_MAX_SECONDS,
  VALUE_MAX_UNACKED_UPDATES,
  VALUE_PERCENTAGE,
  N_VALUES
} DiffValue;

static const char *
value_label (DiffValue value)
{
  switch (value)
    {
    case VALUE_NAME:
      return mfm_field_get_label (MFM_FIELD_NAME);
    case VALUE_PRIMARY:
      return _("Primary server");
    case VALUE_SECONDARY:
      return mfm_field_get_label (MFM_FIELD_PARTNER_SERVER);
    case VALUE_PORT:
      return mfm_field_get_label (MFM_FIELD_PORT);
    case VALUE_PEER_PORT:
      return mfm_field_get_label (MFM_FIELD_PEER_PORT);
    case VALUE_MCLT:
      return mfm_field_get_label (MFM_FIELD_MCLT);
    case VALUE_MAX_RESPONSE_DELAY:
      return mfm_field_get_label (MFM_FIELD_MAX_RESPONSE_DELAY);
    case VALUE_LOAD_BALANCE_MAX_SECONDS:
      return mfm_field_get_label (MFM_FIELD_LOAD_BALANCE_MAX_SECONDS);
    case VALUE_MAX_UNACKED_UPDATES:
      return mfm_field_get_label (MFM_FIELD_MAX_UNACKED_UPDATES);
    case VALUE_PERCENTAGE:
      return mfm_field_get_label (MFM_FIELD_PERCENTAGE);
    case N_VALUES:
    default:
      g_assert_not_reached ();
    }
}

static char *
format_value (MfmRelationship *relationship,
              DiffValue        value)
{
  switch (value)
    {
    case VALUE_NAME:
      return g_strdup (_mfm_change_display (mfm_relationship_get_name (relationship)));
    case VALUE_PRIMARY:
      return _mfm_change_server_name (mfm_relationship_get_primary_server (relationship));
    case VALUE_SECONDARY:
      return _mfm_change_server_name (mfm_relationship_get_secondary_server (relationship));
    case VALUE_PORT:
      return g_strdup_printf ("%u", mfm_relationship_get_port (relationship));
    case VALUE_PEER_PORT:
      return g_strdup_printf ("%u", mfm_relationship_get_peer_port (relationship));
    case VALUE_MCLT:
      return format_duration (mfm_relationship_get_mclt (relationship));
    case VALUE_MAX_RESPONSE_DELAY:
      return format_duration (mfm_relationship_get_max_response_delay (relationship));
    case VALUE_LOAD_BALANCE_MAX_SECONDS:
      return format_duration (mfm_relationship_get_load_balance_max_seconds (relationship));
    case VALUE_MAX_UNACKED_UPDATES:
      return g_strdup_printf ("%u", mfm_relationship_get_max_unacked_updates (relationship));
    case VALUE_PERCENTAGE:
      /* Translators: a percentage and the ISC split it gives, e.g. "50 % (split 128)" */
      return g_strdup_printf (_("%u %% (split %u)"),
                              mfm_relationship_get_percentage (relationship),
                              mfm_relationship_get_split (relationship));
    case N_VALUES:
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

  for (guint v = 0; v < N_VALUES; v++)
    {
      g_autofree char *a = format_value (self->old_relationship, v);
      g_autofree char *b = format_value (self->relationship, v);

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
  for (guint v = 0; v < N_VALUES; v++)
    {
      g_autofree char *old_value = format_value (before, v);
      g_autofree char *new_value = format_value (after, v);

      if (g_strcmp0 (old_value, new_value) != 0)
        g_ptr_array_add (diffs, _mfm_field_diff_new (value_label (v), old_value, new_value));
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
      for (guint v = 0; v < N_VALUES; v++)
        {
          g_autofree char *value = format_value (self->relationship, v);

          if (self->kind == MFM_CHANGE_ADD)
            g_ptr_array_add (diff, _mfm_field_diff_new (value_label (v), NULL, value));
          else
            g_ptr_array_add (diff, _mfm_field_diff_new (value_label (v), value, NULL));
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
