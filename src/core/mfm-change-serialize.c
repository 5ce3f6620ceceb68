/* mfm-change-serialize.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-serialize"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-private.h"
#include "mfm-enums.h"

/* A change as a GVariant dictionary and back, for drafts, change files and the journal. */

#define DRAFT_VERSION 1

const char * const _mfm_change_string_keys[] = {
  "name",
  "primary-server",
  "secondary-server",
  "primary-server-ref",
  "secondary-server-ref",
  "failover-mode",
  "state",
  NULL
};

static GVariant *
serialize_relationship (MfmRelationship *relationship)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; _mfm_change_string_keys[i] != NULL; i++)
    {
      g_autofree char *value = NULL;

      g_object_get (relationship, _mfm_change_string_keys[i], &value, NULL);
      if (value != NULL)
        g_variant_builder_add (&builder, "{sv}", _mfm_change_string_keys[i], g_variant_new_string (value));
    }
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (mfm_field_is_number (field))
        g_variant_builder_add (&builder, "{sv}", mfm_field_get_id (field),
                               g_variant_new_uint32 (mfm_relationship_get_field_value (relationship, field)));
    }
  g_variant_builder_add (&builder, "{sv}", "scope-refs",
                         g_variant_new_strv (mfm_relationship_get_scope_refs (relationship), -1));

  return g_variant_builder_end (&builder);
}

static MfmRelationship *
wrong_type (const char  *key,
            GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The saved change has a value of the wrong type for “%s”."), key);
  return NULL;
}

static MfmRelationship *
deserialize_relationship (GVariant  *dict,
                          GError   **error)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autofree const char **refs = NULL;

  for (guint i = 0; _mfm_change_string_keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (dict, _mfm_change_string_keys[i], NULL);

      if (value == NULL)
        continue;
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        return wrong_type (_mfm_change_string_keys[i], error);
      g_object_set (relationship, _mfm_change_string_keys[i], g_variant_get_string (value, NULL), NULL);
    }
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      g_autoptr(GVariant) value = NULL;

      if (!mfm_field_is_number (field))
        continue;
      value = g_variant_lookup_value (dict, mfm_field_get_id (field), NULL);
      if (value == NULL)
        continue;
      if (!g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        return wrong_type (mfm_field_get_id (field), error);
      mfm_relationship_set_field_value (relationship, field, g_variant_get_uint32 (value));
    }

  if (g_variant_lookup (dict, "scope-refs", "^a&s", &refs))
    mfm_relationship_set_scope_refs (relationship, refs);

  if (mfm_relationship_get_name (relationship) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved change names no relationship."));
      return NULL;
    }

  return g_steal_pointer (&relationship);
}

static const char *
enum_nick (GType type,
           int   value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = g_enum_get_value (klass, value);

  return enum_value != NULL ? enum_value->value_nick : NULL;
}

static gboolean
enum_from_nick (GType       type,
                const char *nick,
                int        *value)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (type);
  GEnumValue *enum_value = nick != NULL ? g_enum_get_value_by_nick (klass, nick) : NULL;

  if (enum_value == NULL)
    return FALSE;

  *value = enum_value->value;
  return TRUE;
}

GVariant *
mfm_change_serialize (MfmChange *self)
{
  GVariantBuilder builder;
  MfmRelationship *from;

  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "version", g_variant_new_uint32 (DRAFT_VERSION));
  g_variant_builder_add (&builder, "{sv}", "kind",
                         g_variant_new_string (enum_nick (MFM_TYPE_CHANGE_KIND, self->kind)));
  g_variant_builder_add (&builder, "{sv}", "relationship", serialize_relationship (self->relationship));

  /* For scope changes, "old-relationship" is what they start from. */
  from = self->old_relationship != NULL ? self->old_relationship : self->before;
  if (from != NULL)
    g_variant_builder_add (&builder, "{sv}", "old-relationship", serialize_relationship (from));
  if (self->scope_refs != NULL)
    g_variant_builder_add (&builder, "{sv}", "scope-refs",
                           g_variant_new_strv ((const char * const *) self->scope_refs, -1));
  g_variant_builder_add (&builder, "{sv}", "action",
                         g_variant_new_string (enum_nick (MFM_TYPE_DECONFIGURE_ACTION, self->action)));
  if (self->status != MFM_CHANGE_STATUS_PENDING)
    g_variant_builder_add (&builder, "{sv}", "status",
                           g_variant_new_string (enum_nick (MFM_TYPE_CHANGE_STATUS, self->status)));
  if (self->error_message != NULL)
    g_variant_builder_add (&builder, "{sv}", "error-message",
                           g_variant_new_string (self->error_message));
  if (self->has_base && self->base != NULL)
    g_variant_builder_add (&builder, "{sv}", "base", serialize_relationship (self->base));
  else if (self->has_base)
    g_variant_builder_add (&builder, "{sv}", "base-absent", g_variant_new_boolean (TRUE));
  if (self->note != NULL)
    g_variant_builder_add (&builder, "{sv}", "note", g_variant_new_string (self->note));

  if (g_hash_table_size (self->scope_descriptions) > 0)
    {
      GVariantBuilder names;
      GHashTableIter iter;
      gpointer key;
      gpointer value;

      g_variant_builder_init (&names, G_VARIANT_TYPE ("a{ss}"));
      g_hash_table_iter_init (&iter, self->scope_descriptions);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_variant_builder_add (&names, "{ss}", key, value);
      g_variant_builder_add (&builder, "{sv}", "scope-names", g_variant_builder_end (&names));
    }

  return g_variant_builder_end (&builder);
}

MfmChange *
mfm_change_deserialize (GVariant  *variant,
                        GError   **error)
{
  g_autoptr(MfmChange) self = NULL;
  g_autoptr(GVariant) relationship_dict = NULL;
  g_autoptr(GVariant) old_dict = NULL;
  g_autoptr(MfmRelationship) relationship = NULL;
  g_autoptr(MfmRelationship) old_relationship = NULL;
  g_autofree const char **scope_refs = NULL;
  const char *kind_nick = NULL;
  const char *action_nick = NULL;
  const char *status_nick = NULL;
  const char *error_message = NULL;
  guint32 version = 0;
  int kind;
  int action = MFM_DECONFIGURE_NONE;
  int status = MFM_CHANGE_STATUS_PENDING;

  g_return_val_if_fail (variant != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved change is not in a known format."));
      return NULL;
    }

  if (!g_variant_lookup (variant, "version", "u", &version) || version != DRAFT_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The saved change has version %u, which this version of Failover Manager cannot read."),
                   version);
      return NULL;
    }

  if (!g_variant_lookup (variant, "kind", "&s", &kind_nick) ||
      !enum_from_nick (MFM_TYPE_CHANGE_KIND, kind_nick, &kind))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved change is of an unknown kind."));
      return NULL;
    }

  if (g_variant_lookup (variant, "action", "&s", &action_nick) &&
      !enum_from_nick (MFM_TYPE_DECONFIGURE_ACTION, action_nick, &action))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved change has an unknown action for the secondary’s scopes."));
      return NULL;
    }

  /* Drafts before statuses were kept have none: pending. An unknown status from a newer
   * version is taken as "not known whether saved", which reads the server back first. */
  if (g_variant_lookup (variant, "status", "&s", &status_nick) &&
      !enum_from_nick (MFM_TYPE_CHANGE_STATUS, status_nick, &status))
    status = MFM_CHANGE_STATUS_UNKNOWN;
  g_variant_lookup (variant, "error-message", "&s", &error_message);

  relationship_dict = g_variant_lookup_value (variant, "relationship", G_VARIANT_TYPE_VARDICT);
  if (relationship_dict == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved change names no relationship."));
      return NULL;
    }

  relationship = deserialize_relationship (relationship_dict, error);
  if (relationship == NULL)
    return NULL;

  old_dict = g_variant_lookup_value (variant, "old-relationship", G_VARIANT_TYPE_VARDICT);
  if (old_dict != NULL)
    {
      old_relationship = deserialize_relationship (old_dict, error);
      if (old_relationship == NULL)
        return NULL;
    }

  g_variant_lookup (variant, "scope-refs", "^a&s", &scope_refs);

  switch (kind)
    {
    case MFM_CHANGE_ADD:
      self = mfm_change_new_add (relationship);
      break;

    case MFM_CHANGE_MODIFY:
      if (old_relationship == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The saved change lacks the relationship as it was."));
          return NULL;
        }
      self = mfm_change_new_modify (old_relationship, relationship);
      break;

    case MFM_CHANGE_REMOVE:
      self = mfm_change_new_remove (relationship, action);
      break;

    case MFM_CHANGE_ADD_SCOPES:
    case MFM_CHANGE_REMOVE_SCOPES:
      if (old_relationship == NULL || scope_refs == NULL)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("The saved change lacks its scopes."));
          return NULL;
        }
      if (kind == MFM_CHANGE_ADD_SCOPES)
        self = mfm_change_new_add_scopes (old_relationship, scope_refs);
      else
        self = mfm_change_new_remove_scopes (old_relationship, scope_refs, action);
      break;

    default:
      g_assert_not_reached ();
    }

  /* Names learnt before the draft was written; the scope may be gone from the server since. */
  {
    g_autoptr(GVariant) names = g_variant_lookup_value (variant, "scope-names", G_VARIANT_TYPE ("a{ss}"));
    GVariantIter iter;
    const char *ref;
    const char *description;

    if (names != NULL)
      {
        g_variant_iter_init (&iter, names);
        while (g_variant_iter_next (&iter, "{&s&s}", &ref, &description))
          g_hash_table_replace (self->scope_descriptions, g_strdup (ref), g_strdup (description));
      }
  }

  self->status = status;
  self->error_message = g_strdup (error_message);

  {
    g_autoptr(GVariant) base_dict = g_variant_lookup_value (variant, "base", G_VARIANT_TYPE_VARDICT);
    gboolean absent = FALSE;

    if (base_dict != NULL)
      {
        g_autoptr(MfmRelationship) base = deserialize_relationship (base_dict, error);

        if (base == NULL)
          return NULL;
        mfm_change_set_base (self, base);
      }
    else if (g_variant_lookup (variant, "base-absent", "b", &absent) && absent)
      mfm_change_set_base (self, NULL);
  }
  {
    const char *note = NULL;

    if (g_variant_lookup (variant, "note", "&s", &note))
      mfm_change_set_note (self, note);
  }

  return g_steal_pointer (&self);
}
