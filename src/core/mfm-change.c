/* mfm-change.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-private.h"
#include "mfm-enums.h"
#include "mfm-util-private.h"

/* The object: its kinds, its values, its status and the texts that name it. */

G_DEFINE_FINAL_TYPE (MfmChange, mfm_change, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_TITLE,
  PROP_SUBTITLE,
  PROP_RELATIONSHIP_NAME,
  PROP_STATUS,
  PROP_ERROR_MESSAGE,
  PROP_BASE_MOVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
mfm_change_finalize (GObject *object)
{
  MfmChange *self = (MfmChange *)object;

  g_clear_object (&self->relationship);
  g_clear_object (&self->old_relationship);
  g_clear_object (&self->before);
  g_strfreev (self->scope_refs);
  g_free (self->error_message);
  g_free (self->title);
  g_free (self->subtitle);
  g_hash_table_unref (self->scope_descriptions);
  g_clear_object (&self->base);
  g_clear_object (&self->seen);
  g_ptr_array_unref (self->base_diffs);
  g_free (self->note);

  G_OBJECT_CLASS (mfm_change_parent_class)->finalize (object);
}

static void
mfm_change_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  MfmChange *self = MFM_CHANGE (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;
    case PROP_RELATIONSHIP_NAME:
      g_value_set_string (value, mfm_change_get_relationship_name (self));
      break;
    case PROP_STATUS:
      g_value_set_enum (value, self->status);
      break;
    case PROP_ERROR_MESSAGE:
      g_value_set_string (value, self->error_message);
      break;
    case PROP_BASE_MOVED:
      g_value_set_boolean (value, mfm_change_get_base_moved (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_change_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  MfmChange *self = MFM_CHANGE (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      mfm_change_set_status (self, g_value_get_enum (value));
      break;
    case PROP_ERROR_MESSAGE:
      mfm_change_set_error_message (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_change_class_init (MfmChangeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mfm_change_finalize;
  object_class->get_property = mfm_change_get_property;
  object_class->set_property = mfm_change_set_property;

  /* What the change does (MfmChangeKind). */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MFM_TYPE_CHANGE_KIND, MFM_CHANGE_ADD, ro);
  /* Translated, e.g. "Add relationship “dc1-dc2”", and a one-line summary under it. */
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_RELATIONSHIP_NAME] = g_param_spec_string ("relationship-name", NULL, NULL, NULL, ro);
  /* Where a save has got with it (MfmChangeStatus), and the server's message when it failed. */
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, MFM_TYPE_CHANGE_STATUS, MFM_CHANGE_STATUS_PENDING, rw);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, rw);
  /* TRUE while the server has moved away from the base the change was planned on (see
   * mfm_change_check_base()). */
  properties[PROP_BASE_MOVED] = g_param_spec_boolean ("base-moved", NULL, NULL, FALSE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_change_init (MfmChange *self)
{
  self->status = MFM_CHANGE_STATUS_PENDING;
  self->action = MFM_DECONFIGURE_NONE;
  self->scope_descriptions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->base_diffs = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_field_diff_free);
}

void
_mfm_change_update_texts (MfmChange *self)
{
  const char *name = _mfm_change_display (mfm_change_get_relationship_name (self));
  guint n_scopes = self->scope_refs != NULL ? g_strv_length (self->scope_refs) : 0;
  g_autofree char *primary = _mfm_change_server_name (mfm_relationship_get_primary_server (self->relationship));
  g_autofree char *secondary = _mfm_change_server_name (mfm_relationship_get_secondary_server (self->relationship));

  g_free (self->title);
  g_free (self->subtitle);

  switch (self->kind)
    {
    case MFM_CHANGE_ADD:
      self->title = g_strdup_printf (_("Add relationship “%s”"), name);
      self->subtitle = g_strdup_printf (_("Between %s and %s"), primary, secondary);
      break;

    case MFM_CHANGE_MODIFY:
      {
        guint n = _mfm_change_count_changed_settings (self);

        self->title = g_strdup_printf (_("Change relationship “%s”"), name);
        self->subtitle = g_strdup_printf (ngettext ("%u setting changed", "%u settings changed", n), n);
      }
      break;

    case MFM_CHANGE_REMOVE:
      self->title = g_strdup_printf (_("Remove relationship “%s”"), name);
      switch (self->action)
        {
        case MFM_DECONFIGURE_DELETE:
          self->subtitle = g_strdup_printf (_("The scopes on %s are deleted"), secondary);
          break;
        case MFM_DECONFIGURE_DISABLE:
          self->subtitle = g_strdup_printf (_("The scopes on %s are disabled"), secondary);
          break;
        case MFM_DECONFIGURE_NONE:
        default:
          self->subtitle = g_strdup_printf (_("The scopes on %s are kept"), secondary);
          break;
        }
      break;

    case MFM_CHANGE_ADD_SCOPES:
      self->title = g_strdup_printf (_("Add scopes to “%s”"), name);
      self->subtitle = g_strdup_printf (ngettext ("%u scope is added", "%u scopes are added", n_scopes), n_scopes);
      break;

    case MFM_CHANGE_REMOVE_SCOPES:
      self->title = g_strdup_printf (_("Remove scopes from “%s”"), name);
      self->subtitle = g_strdup_printf (ngettext ("%u scope is removed", "%u scopes are removed", n_scopes), n_scopes);
      break;

    default:
      g_assert_not_reached ();
    }
}

char **
_mfm_change_strv_union (const char * const *a,
                        const char * const *b)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new ();

  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    g_ptr_array_add (result, g_strdup (a[i]));
  for (guint i = 0; b != NULL && b[i] != NULL; i++)
    {
      if (a == NULL || !g_strv_contains (a, b[i]))
        g_ptr_array_add (result, g_strdup (b[i]));
    }
  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

char **
_mfm_change_strv_minus (const char * const *a,
                        const char * const *b)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new ();

  for (guint i = 0; a != NULL && a[i] != NULL; i++)
    {
      if (b == NULL || !g_strv_contains (b, a[i]))
        g_ptr_array_add (result, g_strdup (a[i]));
    }
  g_ptr_array_add (result, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

void
_mfm_change_notify_base_moved (MfmChange *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_MOVED]);
}

static MfmChange *
change_new (MfmChangeKind kind)
{
  MfmChange *self = g_object_new (MFM_TYPE_CHANGE, NULL);

  self->kind = kind;
  return self;
}

MfmChange *
mfm_change_new_add (MfmRelationship *relationship)
{
  MfmChange *self;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  self = change_new (MFM_CHANGE_ADD);
  self->relationship = mfm_relationship_copy (relationship);
  /* Micetro reports a new relationship as Empty until its first scope is added. */
  if (mfm_relationship_get_failover_state (self->relationship) == MFM_FAILOVER_STATE_UNKNOWN)
    mfm_relationship_set_state (self->relationship, "Empty");
  _mfm_change_update_texts (self);

  return self;
}

MfmChange *
mfm_change_new_modify (MfmRelationship *old_relationship,
                       MfmRelationship *new_relationship)
{
  MfmChange *self;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (old_relationship), NULL);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (new_relationship), NULL);

  self = change_new (MFM_CHANGE_MODIFY);
  self->old_relationship = mfm_relationship_copy (old_relationship);
  self->relationship = mfm_relationship_copy (new_relationship);
  _mfm_change_update_texts (self);

  return self;
}

MfmChange *
mfm_change_new_remove (MfmRelationship      *relationship,
                       MfmDeconfigureAction  action)
{
  MfmChange *self;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  self = change_new (MFM_CHANGE_REMOVE);
  self->relationship = mfm_relationship_copy (relationship);
  self->action = action;
  _mfm_change_update_texts (self);

  return self;
}

MfmChange *
mfm_change_new_add_scopes (MfmRelationship    *relationship,
                           const char * const *scope_refs)
{
  MfmChange *self;
  g_auto(GStrv) after = NULL;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  self = change_new (MFM_CHANGE_ADD_SCOPES);
  self->before = mfm_relationship_copy (relationship);
  self->scope_refs = g_strdupv ((char **) scope_refs);
  if (self->scope_refs == NULL)
    self->scope_refs = g_new0 (char *, 1);
  self->relationship = mfm_relationship_copy (relationship);
  after = _mfm_change_strv_union (mfm_relationship_get_scope_refs (relationship), scope_refs);
  mfm_relationship_set_scope_refs (self->relationship, (const char * const *) after);
  _mfm_change_update_texts (self);

  return self;
}

MfmChange *
mfm_change_new_remove_scopes (MfmRelationship      *relationship,
                              const char * const   *scope_refs,
                              MfmDeconfigureAction  action)
{
  MfmChange *self;
  g_auto(GStrv) after = NULL;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  self = change_new (MFM_CHANGE_REMOVE_SCOPES);
  self->before = mfm_relationship_copy (relationship);
  self->scope_refs = g_strdupv ((char **) scope_refs);
  if (self->scope_refs == NULL)
    self->scope_refs = g_new0 (char *, 1);
  self->action = action;
  self->relationship = mfm_relationship_copy (relationship);
  after = _mfm_change_strv_minus (mfm_relationship_get_scope_refs (relationship), scope_refs);
  mfm_relationship_set_scope_refs (self->relationship, (const char * const *) after);
  _mfm_change_update_texts (self);

  return self;
}

MfmChangeKind
mfm_change_get_kind (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), MFM_CHANGE_ADD);

  return self->kind;
}

const char *
mfm_change_get_title (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return self->title;
}

const char *
mfm_change_get_subtitle (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return self->subtitle;
}

const char *
mfm_change_get_relationship_name (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return mfm_relationship_get_name (self->relationship);
}

MfmRelationship *
mfm_change_get_relationship (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return self->relationship;
}

MfmRelationship *
mfm_change_get_old_relationship (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return self->old_relationship;
}

const char * const *
mfm_change_get_scope_refs (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return (const char * const *) self->scope_refs;
}

MfmDeconfigureAction
mfm_change_get_action (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), MFM_DECONFIGURE_NONE);

  return self->action;
}

MfmChangeStatus
mfm_change_get_status (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), MFM_CHANGE_STATUS_PENDING);

  return self->status;
}

void
mfm_change_set_status (MfmChange       *self,
                       MfmChangeStatus  status)
{
  g_return_if_fail (MFM_IS_CHANGE (self));

  if (self->status == status)
    return;

  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

const char *
mfm_change_get_error_message (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return self->error_message;
}

void
mfm_change_set_error_message (MfmChange  *self,
                              const char *message)
{
  g_return_if_fail (MFM_IS_CHANGE (self));

  if (mfm_set_str (&self->error_message, message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ERROR_MESSAGE]);
}

/* The values Add and Modify send. Names and the mode are left out: a server writes them its own
 * way (a trailing dot, another case), and the refs and numbers identify the change. */
static gboolean
same_values (MfmRelationship *wanted,
             MfmRelationship *current)
{
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      /* A Modify does not send the percentage; an Add compares it on its own. */
      if (!mfm_field_is_number (field) || field == MFM_FIELD_PERCENTAGE)
        continue;
      if (mfm_relationship_get_field_value (wanted, field) != mfm_relationship_get_field_value (current, field))
        return FALSE;
    }

  return TRUE;
}

gboolean
mfm_change_is_applied_in (MfmChange       *self,
                          MfmRelationship *current)
{
  const char * const *refs;
  const char * const *have;
  guint n_present = 0;

  g_return_val_if_fail (MFM_IS_CHANGE (self), FALSE);
  g_return_val_if_fail (current == NULL || MFM_IS_RELATIONSHIP (current), FALSE);

  switch (self->kind)
    {
    case MFM_CHANGE_ADD:
      return current != NULL &&
             g_strcmp0 (mfm_relationship_get_primary_server_ref (self->relationship),
                        mfm_relationship_get_primary_server_ref (current)) == 0 &&
             g_strcmp0 (mfm_relationship_get_secondary_server_ref (self->relationship),
                        mfm_relationship_get_secondary_server_ref (current)) == 0 &&
             mfm_relationship_get_percentage (self->relationship) == mfm_relationship_get_percentage (current) &&
             same_values (self->relationship, current);

    case MFM_CHANGE_MODIFY:
      return current != NULL && same_values (self->relationship, current);

    case MFM_CHANGE_REMOVE:
      return current == NULL;

    case MFM_CHANGE_ADD_SCOPES:
    case MFM_CHANGE_REMOVE_SCOPES:
      refs = (const char * const *) self->scope_refs;
      if (current == NULL)
        return self->kind == MFM_CHANGE_REMOVE_SCOPES;
      have = mfm_relationship_get_scope_refs (current);
      for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
        n_present += have != NULL && g_strv_contains (have, refs[i]);
      if (self->kind == MFM_CHANGE_ADD_SCOPES)
        return refs != NULL && n_present == g_strv_length ((char **) refs);
      return n_present == 0;

    default:
      g_assert_not_reached ();
    }
}

const char *
mfm_change_get_note (MfmChange *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);

  return self->note;
}

void
mfm_change_set_note (MfmChange  *self,
                     const char *note)
{
  g_return_if_fail (MFM_IS_CHANGE (self));

  g_free (self->note);
  self->note = g_strdup (note);
}
