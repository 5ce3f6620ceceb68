/* mfm-change.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change.h"
#include "mfm-enums.h"
#include "mfm-isc.h"
#include "mfm-rules.h"
#include "mfm-util-private.h"

#define DRAFT_VERSION 1

/* Field diffs */

G_DEFINE_BOXED_TYPE (MfmFieldDiff, mfm_field_diff, mfm_field_diff_copy, mfm_field_diff_free)

static MfmFieldDiff *
mfm_field_diff_new (const char *label,
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

  return mfm_field_diff_new (diff->label, diff->old_value, diff->new_value);
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

/* Server impacts */

G_DEFINE_BOXED_TYPE (MfmServerImpact, mfm_server_impact, mfm_server_impact_copy, mfm_server_impact_free)

MfmServerImpact *
mfm_server_impact_copy (const MfmServerImpact *impact)
{
  MfmServerImpact *copy;

  g_return_val_if_fail (impact != NULL, NULL);

  copy = g_new0 (MfmServerImpact, 1);
  copy->server_name = g_strdup (impact->server_name);
  copy->server_ref = g_strdup (impact->server_ref);
  copy->lines_added = g_strdupv (impact->lines_added);
  copy->lines_removed = g_strdupv (impact->lines_removed);
  copy->pools_gaining = g_strdupv (impact->pools_gaining);
  copy->pools_losing = g_strdupv (impact->pools_losing);
  copy->scopes_kept = g_strdupv (impact->scopes_kept);
  copy->scopes_disabled = g_strdupv (impact->scopes_disabled);
  copy->scopes_deleted = g_strdupv (impact->scopes_deleted);
  copy->note = g_strdup (impact->note);

  return copy;
}

void
mfm_server_impact_free (MfmServerImpact *impact)
{
  if (impact == NULL)
    return;

  g_free (impact->server_name);
  g_free (impact->server_ref);
  g_strfreev (impact->lines_added);
  g_strfreev (impact->lines_removed);
  g_strfreev (impact->pools_gaining);
  g_strfreev (impact->pools_losing);
  g_strfreev (impact->scopes_kept);
  g_strfreev (impact->scopes_disabled);
  g_strfreev (impact->scopes_deleted);
  g_free (impact->note);
  g_free (impact);
}

static void
append_section (GString            *out,
                const char         *heading,
                const char * const *items,
                const char         *prefix)
{
  if (items == NULL || items[0] == NULL)
    return;

  g_string_append_printf (out, "%s\n", heading);
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (out, "%s%s\n", prefix, items[i]);
}

char *
mfm_server_impact_to_text (const MfmServerImpact *impact)
{
  GString *out;
  gboolean nothing;

  g_return_val_if_fail (impact != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n", impact->server_name != NULL ? impact->server_name : impact->server_ref);

  append_section (out, _("Configuration lines added:"), (const char * const *) impact->lines_added, "+ ");
  append_section (out, _("Configuration lines removed:"), (const char * const *) impact->lines_removed, "- ");
  append_section (out, _("Pools that gain the failover peer:"), (const char * const *) impact->pools_gaining, "  ");
  append_section (out, _("Pools that lose the failover peer:"), (const char * const *) impact->pools_losing, "  ");
  append_section (out, _("Scopes kept:"), (const char * const *) impact->scopes_kept, "  ");
  append_section (out, _("Scopes disabled:"), (const char * const *) impact->scopes_disabled, "  ");
  append_section (out, _("Scopes deleted:"), (const char * const *) impact->scopes_deleted, "  ");

  nothing = (impact->lines_added == NULL || impact->lines_added[0] == NULL) &&
            (impact->lines_removed == NULL || impact->lines_removed[0] == NULL) &&
            (impact->pools_gaining == NULL || impact->pools_gaining[0] == NULL) &&
            (impact->pools_losing == NULL || impact->pools_losing[0] == NULL) &&
            (impact->scopes_kept == NULL || impact->scopes_kept[0] == NULL) &&
            (impact->scopes_disabled == NULL || impact->scopes_disabled[0] == NULL) &&
            (impact->scopes_deleted == NULL || impact->scopes_deleted[0] == NULL);

  if (impact->note != NULL)
    g_string_append_printf (out, "%s\n", impact->note);
  else if (nothing)
    g_string_append_printf (out, "%s\n", _("No change on this server."));

  return g_string_free (out, FALSE);
}

/* MfmChange */

struct _MfmChange
{
  GObject               parent_instance;

  MfmChangeKind         kind;
  MfmRelationship      *relationship;      /* after the change; for REMOVE as it was */
  MfmRelationship      *old_relationship;  /* MODIFY: before */
  MfmRelationship      *before;            /* scope changes: the relationship they start from */
  GStrv                 scope_refs;
  MfmDeconfigureAction  action;
  MfmChangeStatus       status;
  char                 *error_message;
  char                 *title;
  char                 *subtitle;
  GHashTable           *scope_descriptions; /* ref → "name (subnet)", learnt from an inventory */
  gboolean              has_base;          /* opened from a change file */
  MfmRelationship      *base;              /* as the server had it when planned; NULL: absent */
  MfmRelationship      *seen;              /* as the server has it at the last check */
  gboolean              seen_absent;
  GPtrArray            *base_diffs;        /* MfmFieldDiff: planned against → now */
  char                 *note;              /* what the review must say about it, or NULL */
};

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

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, MFM_TYPE_CHANGE_KIND, MFM_CHANGE_ADD, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, ro);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);
  properties[PROP_RELATIONSHIP_NAME] = g_param_spec_string ("relationship-name", NULL, NULL, NULL, ro);
  properties[PROP_STATUS] =
    g_param_spec_enum ("status", NULL, NULL, MFM_TYPE_CHANGE_STATUS, MFM_CHANGE_STATUS_PENDING, rw);
  properties[PROP_ERROR_MESSAGE] = g_param_spec_string ("error-message", NULL, NULL, NULL, rw);
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

static const char *
server_display (const char *name)
{
  return name != NULL ? name : "";
}

static char *
strip_dot (const char *name)
{
  return mfm_server_name_without_dot (name != NULL ? name : "");
}

static guint
count_changed_settings (MfmChange *self);

static void
update_texts (MfmChange *self)
{
  const char *name = server_display (mfm_change_get_relationship_name (self));
  guint n_scopes = self->scope_refs != NULL ? g_strv_length (self->scope_refs) : 0;
  g_autofree char *primary = strip_dot (mfm_relationship_get_primary_server (self->relationship));
  g_autofree char *secondary = strip_dot (mfm_relationship_get_secondary_server (self->relationship));

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
        guint n = count_changed_settings (self);

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

static char **
strv_union (const char * const *a,
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

static char **
strv_minus (const char * const *a,
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
  update_texts (self);

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
  update_texts (self);

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
  update_texts (self);

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
  after = strv_union (mfm_relationship_get_scope_refs (relationship), scope_refs);
  mfm_relationship_set_scope_refs (self->relationship, (const char * const *) after);
  update_texts (self);

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
  after = strv_minus (mfm_relationship_get_scope_refs (relationship), scope_refs);
  mfm_relationship_set_scope_refs (self->relationship, (const char * const *) after);
  update_texts (self);

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
  return mfm_relationship_get_mclt (wanted) == mfm_relationship_get_mclt (current) &&
         mfm_relationship_get_port (wanted) == mfm_relationship_get_port (current) &&
         mfm_relationship_get_peer_port (wanted) == mfm_relationship_get_peer_port (current) &&
         mfm_relationship_get_load_balance_max_seconds (wanted) == mfm_relationship_get_load_balance_max_seconds (current) &&
         mfm_relationship_get_max_response_delay (wanted) == mfm_relationship_get_max_response_delay (current) &&
         mfm_relationship_get_max_unacked_updates (wanted) == mfm_relationship_get_max_unacked_updates (current);
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

/* Diff */

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
      return g_strdup (server_display (mfm_relationship_get_name (relationship)));
    case VALUE_PRIMARY:
      return strip_dot (mfm_relationship_get_primary_server (relationship));
    case VALUE_SECONDARY:
      return strip_dot (mfm_relationship_get_secondary_server (relationship));
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

static guint
count_changed_settings (MfmChange *self)
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

static char *
describe_scope (MfmScope *scope)
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

static void
learn_scopes (MfmChange    *self,
              MfmInventory *inventory)
{
  for (guint i = 0; self->scope_refs != NULL && self->scope_refs[i] != NULL; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (inventory, self->scope_refs[i]);

      if (scope != NULL)
        g_hash_table_replace (self->scope_descriptions,
                              g_strdup (self->scope_refs[i]),
                              describe_scope (scope));
    }
}

void
mfm_change_resolve_scopes (MfmChange    *self,
                           MfmInventory *inventory)
{
  g_return_if_fail (MFM_IS_CHANGE (self));
  g_return_if_fail (MFM_IS_INVENTORY (inventory));

  learn_scopes (self, inventory);
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
            g_ptr_array_add (diff, mfm_field_diff_new (value_label (v), NULL, value));
          else
            g_ptr_array_add (diff, mfm_field_diff_new (value_label (v), value, NULL));
        }
      break;

    case MFM_CHANGE_MODIFY:
      for (guint v = 0; v < N_VALUES; v++)
        {
          g_autofree char *old_value = format_value (self->old_relationship, v);
          g_autofree char *new_value = format_value (self->relationship, v);

          if (g_strcmp0 (old_value, new_value) != 0)
            g_ptr_array_add (diff, mfm_field_diff_new (value_label (v), old_value, new_value));
        }
      break;

    case MFM_CHANGE_ADD_SCOPES:
    case MFM_CHANGE_REMOVE_SCOPES:
      for (guint i = 0; self->scope_refs[i] != NULL; i++)
        {
          const char *description = g_hash_table_lookup (self->scope_descriptions, self->scope_refs[i]);

          if (description == NULL)
            description = self->scope_refs[i];

          if (self->kind == MFM_CHANGE_ADD_SCOPES)
            g_ptr_array_add (diff, mfm_field_diff_new (_("Scope"), NULL, description));
          else
            g_ptr_array_add (diff, mfm_field_diff_new (_("Scope"), description, NULL));
        }
      break;

    default:
      g_assert_not_reached ();
    }

  return diff;
}

/* Impact */

typedef struct
{
  MfmServer *server;
  char      *name;
  char      *ref;
  char      *address;
  GPtrArray *lines_added;
  GPtrArray *lines_removed;
  GPtrArray *pools_gaining;
  GPtrArray *pools_losing;
  GPtrArray *scopes_kept;
  GPtrArray *scopes_disabled;
  GPtrArray *scopes_deleted;
  GString   *note;
} ImpactBuilder;

static void
impact_builder_init (ImpactBuilder   *builder,
                     MfmServer       *server,
                     const char      *fallback_name,
                     const char      *fallback_ref)
{
  builder->server = server;
  builder->name = server != NULL ? g_strdup (mfm_server_get_display_name (server)) : strip_dot (fallback_name);
  builder->ref = g_strdup (server != NULL ? mfm_server_get_ref (server) : fallback_ref);
  /* An unknown address still renders, as the server's name, so the preview stays readable. */
  builder->address = g_strdup (server != NULL && mfm_server_get_address (server) != NULL
                               ? mfm_server_get_address (server) : builder->name);
  builder->lines_added = g_ptr_array_new_with_free_func (g_free);
  builder->lines_removed = g_ptr_array_new_with_free_func (g_free);
  builder->pools_gaining = g_ptr_array_new_with_free_func (g_free);
  builder->pools_losing = g_ptr_array_new_with_free_func (g_free);
  builder->scopes_kept = g_ptr_array_new_with_free_func (g_free);
  builder->scopes_disabled = g_ptr_array_new_with_free_func (g_free);
  builder->scopes_deleted = g_ptr_array_new_with_free_func (g_free);
  builder->note = g_string_new (NULL);
}

static GStrv
take_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

static MfmServerImpact *
impact_builder_finish (ImpactBuilder *builder)
{
  MfmServerImpact *impact = g_new0 (MfmServerImpact, 1);

  impact->server_name = builder->name;
  impact->server_ref = builder->ref;
  impact->lines_added = take_strv (builder->lines_added);
  impact->lines_removed = take_strv (builder->lines_removed);
  impact->pools_gaining = take_strv (builder->pools_gaining);
  impact->pools_losing = take_strv (builder->pools_losing);
  impact->scopes_kept = take_strv (builder->scopes_kept);
  impact->scopes_disabled = take_strv (builder->scopes_disabled);
  impact->scopes_deleted = take_strv (builder->scopes_deleted);
  impact->note = builder->note->len > 0 ? g_string_free (builder->note, FALSE) : NULL;
  if (impact->note == NULL)
    g_string_free (builder->note, TRUE);
  g_free (builder->address);

  return impact;
}

static void
add_note (ImpactBuilder *builder,
          const char    *text)
{
  if (builder->note->len > 0)
    g_string_append_c (builder->note, '\n');
  g_string_append (builder->note, text);
}

static void
add_lines (GPtrArray  *target,
           const char *text)
{
  g_auto(GStrv) lines = mfm_isc_split_lines (text);

  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (target, g_strdup (lines[i]));
}

static char *
render_for (MfmRelationship *relationship,
            ImpactBuilder   *self_side,
            ImpactBuilder   *other_side,
            MfmIscRole       role)
{
  return mfm_isc_render_peer (relationship, role, self_side->address, other_side->address);
}

/* Lines of @a that @b lacks, in order; repeated lines are matched one for one. */
static void
add_line_difference (GPtrArray  *target,
                     const char *a,
                     const char *b)
{
  g_auto(GStrv) lines_a = mfm_isc_split_lines (a);
  g_auto(GStrv) lines_b = mfm_isc_split_lines (b);
  g_autofree gboolean *used = g_new0 (gboolean, g_strv_length (lines_b) + 1);

  for (guint i = 0; lines_a[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; lines_b[j] != NULL; j++)
        {
          if (!used[j] && g_str_equal (lines_a[i], lines_b[j]))
            {
              used[j] = TRUE;
              found = TRUE;
              break;
            }
        }

      if (!found)
        g_ptr_array_add (target, g_strdup (lines_a[i]));
    }
}

static char *
describe_pool (const MfmAddressPool *pool,
               MfmScope             *scope)
{
  return g_strdup_printf ("%s–%s (%s)", pool->start, pool->end,
                          mfm_scope_get_subnet (scope) != NULL ? mfm_scope_get_subnet (scope) : "");
}

static void
add_pools (GPtrArray  *pools_target,
           GPtrArray  *lines_target,
           MfmScope   *scope,
           const char *relationship_name)
{
  GPtrArray *pools = mfm_scope_get_pools (scope);

  for (guint p = 0; p < pools->len; p++)
    {
      g_ptr_array_add (pools_target, describe_pool (g_ptr_array_index (pools, p), scope));
      if (lines_target != NULL)
        g_ptr_array_add (lines_target, mfm_isc_render_pool_reference (relationship_name));
    }
}

static void
add_secondary_outcome (ImpactBuilder        *builder,
                       MfmScope             *copy,
                       MfmDeconfigureAction  action)
{
  char *description = describe_scope (copy);

  switch (action)
    {
    case MFM_DECONFIGURE_DELETE:
      g_ptr_array_add (builder->scopes_deleted, description);
      break;
    case MFM_DECONFIGURE_DISABLE:
      g_ptr_array_add (builder->scopes_disabled, description);
      break;
    case MFM_DECONFIGURE_NONE:
    default:
      g_ptr_array_add (builder->scopes_kept, description);
      break;
    }
}

/* The scopes leave the relationship: pools lose the peer line on both servers, the primary
 * keeps its scopes, the secondary's copies follow @action. */
static void
scopes_leave (ImpactBuilder        *primary,
              ImpactBuilder        *secondary,
              MfmInventory         *inventory,
              const char * const   *scope_refs,
              const char           *name,
              MfmDeconfigureAction  action)
{
  for (guint i = 0; scope_refs != NULL && scope_refs[i] != NULL; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (inventory, scope_refs[i]);
      MfmScope *copy;

      if (scope == NULL)
        {
          g_ptr_array_add (primary->scopes_kept, g_strdup (scope_refs[i]));
          continue;
        }

      add_pools (primary->pools_losing, primary->lines_removed, scope, name);
      g_ptr_array_add (primary->scopes_kept, describe_scope (scope));

      copy = secondary->ref != NULL ? mfm_inventory_lookup_scope_copy (inventory, scope, secondary->ref) : NULL;
      if (copy != NULL)
        {
          add_pools (secondary->pools_losing, secondary->lines_removed, copy, name);
          add_secondary_outcome (secondary, copy, action);
        }
    }
}

GPtrArray *
mfm_change_compute_impact (MfmChange    *self,
                           MfmInventory *inventory)
{
  MfmRelationship *relationship;
  ImpactBuilder primary;
  ImpactBuilder secondary;
  const char *name;
  GPtrArray *result;

  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);

  learn_scopes (self, inventory);

  relationship = self->relationship;
  name = mfm_relationship_get_name (relationship);
  impact_builder_init (&primary,
                       mfm_inventory_lookup_primary_server (inventory, relationship),
                       mfm_relationship_get_primary_server (relationship),
                       mfm_relationship_get_primary_server_ref (relationship));
  impact_builder_init (&secondary,
                       mfm_inventory_lookup_secondary_server (inventory, relationship),
                       mfm_relationship_get_secondary_server (relationship),
                       mfm_relationship_get_secondary_server_ref (relationship));

  switch (self->kind)
    {
    case MFM_CHANGE_ADD:
      {
        g_autofree char *primary_peer = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
        g_autofree char *secondary_peer = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);
        g_autofree char *primary_note = NULL;
        g_autofree char *secondary_note = NULL;

        /* Micetro writes nothing while the relationship is Empty; show what will come. */
        primary_note = g_strdup_printf ("%s\n%s\n%s",
                                        _("Nothing is written to either server until the first scope is added."),
                                        _("Then this server gets:"),
                                        primary_peer);
        secondary_note = g_strdup_printf ("%s\n%s\n%s",
                                          _("Nothing is written to either server until the first scope is added."),
                                          _("Then this server gets:"),
                                          secondary_peer);
        g_strchomp (primary_note);
        g_strchomp (secondary_note);
        add_note (&primary, primary_note);
        add_note (&secondary, secondary_note);
      }
      break;

    case MFM_CHANGE_MODIFY:
      {
        MfmRelationship *current = mfm_inventory_lookup_relationship (inventory, mfm_relationship_get_name (self->old_relationship));
        guint scope_count = current != NULL ? mfm_relationship_get_scope_count (current)
                                            : mfm_relationship_get_scope_count (self->old_relationship);

        if (scope_count == 0)
          {
            add_note (&primary, _("Nothing is written to either server until the first scope is added."));
            add_note (&secondary, _("Nothing is written to either server until the first scope is added."));
          }
        else
          {
            g_autofree char *old_primary = render_for (self->old_relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
            g_autofree char *new_primary = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
            g_autofree char *old_secondary = render_for (self->old_relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);
            g_autofree char *new_secondary = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);

            add_line_difference (primary.lines_removed, old_primary, new_primary);
            add_line_difference (primary.lines_added, new_primary, old_primary);
            add_line_difference (secondary.lines_removed, old_secondary, new_secondary);
            add_line_difference (secondary.lines_added, new_secondary, old_secondary);
          }
      }
      break;

    case MFM_CHANGE_REMOVE:
      if (mfm_relationship_get_scope_count (relationship) == 0)
        {
          add_note (&primary, _("The relationship has no scopes, so nothing is removed from the servers’ configuration."));
          add_note (&secondary, _("The relationship has no scopes, so nothing is removed from the servers’ configuration."));
        }
      else
        {
          g_autofree char *primary_peer = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
          g_autofree char *secondary_peer = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);

          add_lines (primary.lines_removed, primary_peer);
          add_lines (secondary.lines_removed, secondary_peer);
          scopes_leave (&primary, &secondary, inventory,
                        mfm_relationship_get_scope_refs (relationship), name, self->action);
        }
      break;

    case MFM_CHANGE_ADD_SCOPES:
      {
        g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func (g_free);

        if (mfm_relationship_get_scope_count (self->before) == 0 &&
            mfm_relationship_get_scope_count (relationship) > 0)
          {
            g_autofree char *primary_peer = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
            g_autofree char *secondary_peer = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);

            add_lines (primary.lines_added, primary_peer);
            add_lines (secondary.lines_added, secondary_peer);
          }

        for (guint i = 0; self->scope_refs[i] != NULL; i++)
          {
            MfmScope *scope = mfm_inventory_lookup_scope (inventory, self->scope_refs[i]);
            MfmScope *copy;

            if (scope == NULL)
              continue;

            add_pools (primary.pools_gaining, primary.lines_added, scope, name);
            g_ptr_array_add (primary.scopes_kept, describe_scope (scope));

            /* Micetro copies the scope, pools included, to the secondary. */
            copy = secondary.ref != NULL ? mfm_inventory_lookup_scope_copy (inventory, scope, secondary.ref) : NULL;
            add_pools (secondary.pools_gaining, secondary.lines_added, copy != NULL ? copy : scope, name);
            g_ptr_array_add (copied, describe_scope (scope));
          }

        if (copied->len > 0)
          {
            g_autofree char *list = NULL;
            g_autofree char *note = NULL;

            g_ptr_array_add (copied, NULL);
            list = g_strjoinv (", ", (char **) copied->pdata);
            note = g_strdup_printf (_("Gets a copy of these scopes from the primary: %s."), list);
            add_note (&secondary, note);
          }
      }
      break;

    case MFM_CHANGE_REMOVE_SCOPES:
      {
        g_autoptr(GPtrArray) leaving = g_ptr_array_new ();

        /* Only scopes that really are in the relationship leave it. */
        for (guint i = 0; self->scope_refs[i] != NULL; i++)
          {
            if (mfm_relationship_has_scope (self->before, self->scope_refs[i]))
              g_ptr_array_add (leaving, self->scope_refs[i]);
          }
        g_ptr_array_add (leaving, NULL);

        scopes_leave (&primary, &secondary, inventory,
                      (const char * const *) leaving->pdata, name, self->action);

        if (mfm_relationship_get_scope_count (self->before) > 0 &&
            mfm_relationship_get_scope_count (relationship) == 0)
          {
            g_autofree char *primary_peer = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
            g_autofree char *secondary_peer = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);

            add_lines (primary.lines_removed, primary_peer);
            add_lines (secondary.lines_removed, secondary_peer);
            add_note (&primary, _("No scope is left, so the relationship becomes Empty."));
            add_note (&secondary, _("No scope is left, so the relationship becomes Empty."));
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_server_impact_free);
  g_ptr_array_add (result, impact_builder_finish (&primary));
  g_ptr_array_add (result, impact_builder_finish (&secondary));

  return result;
}

/* Validation */

static void
add_scope_finding (GPtrArray *findings,
                   char      *message)
{
  /* Scope problems belong to the relationship as a whole; the name field stands for it. */
  g_ptr_array_add (findings, mfm_finding_new (MFM_FIELD_NAME, MFM_SEVERITY_ERROR, message));
  g_free (message);
}

GPtrArray *
mfm_change_validate (MfmChange    *self,
                     MfmInventory *inventory)
{
  GPtrArray *findings;
  MfmServer *primary;

  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);

  learn_scopes (self, inventory);

  switch (self->kind)
    {
    case MFM_CHANGE_ADD:
    case MFM_CHANGE_MODIFY:
      {
        MfmRuleContext context = { inventory, NULL, NULL, NULL };
        g_autoptr(GPtrArray) own = NULL;

        context.primary_server_ref = mfm_relationship_get_primary_server_ref (self->relationship);
        own = mfm_rules_check_relationship (self->relationship, &context);

        if (self->kind == MFM_CHANGE_MODIFY)
          return g_steal_pointer (&own);

        /* A new relationship must not take a name that exists already; check_relationship
         * leaves its own name out, so look for it here. */
        findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_finding_free);
        if (mfm_inventory_lookup_relationship (inventory, mfm_relationship_get_name (self->relationship)) != NULL)
          g_ptr_array_add (findings,
                           mfm_finding_new (MFM_FIELD_NAME, MFM_SEVERITY_ERROR,
                                            _("A relationship of one of these servers already uses this name.")));
        for (guint i = 0; i < own->len; i++)
          g_ptr_array_add (findings, mfm_finding_copy (g_ptr_array_index (own, i)));
        return findings;
      }

    case MFM_CHANGE_ADD_SCOPES:
      findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_finding_free);
      primary = mfm_inventory_lookup_primary_server (inventory, self->relationship);
      for (guint i = 0; self->scope_refs[i] != NULL; i++)
        {
          MfmScope *scope = mfm_inventory_lookup_scope (inventory, self->scope_refs[i]);
          g_autofree char *description = NULL;
          const char *other;

          if (scope == NULL)
            {
              add_scope_finding (findings, g_strdup_printf (_("The scope “%s” does not exist."), self->scope_refs[i]));
              continue;
            }

          description = describe_scope (scope);
          if (mfm_scope_get_pool_count (scope) == 0)
            add_scope_finding (findings,
                               g_strdup_printf (_("The scope “%s” has no address pool, so it cannot take part in failover."),
                                                description));

          other = mfm_scope_get_relationship_name (scope);
          if (other != NULL && g_strcmp0 (other, mfm_relationship_get_name (self->relationship)) != 0)
            add_scope_finding (findings,
                               g_strdup_printf (_("The scope “%s” already belongs to the relationship “%s”."),
                                                description, other));

          if (primary == NULL || g_strcmp0 (mfm_scope_get_server_ref (scope), mfm_server_get_ref (primary)) != 0)
            add_scope_finding (findings,
                               g_strdup_printf (_("The scope “%s” is not on the primary server."), description));
        }
      return findings;

    case MFM_CHANGE_REMOVE:
    case MFM_CHANGE_REMOVE_SCOPES:
      return g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_finding_free);

    default:
      g_assert_not_reached ();
    }
}

/* Drafts */

typedef enum
{
  KEY_STRING,
  KEY_UINT,
} KeyType;

static const struct
{
  const char *property;
  KeyType     type;
} relationship_keys[] = {
  { "name", KEY_STRING },
  { "primary-server", KEY_STRING },
  { "secondary-server", KEY_STRING },
  { "primary-server-ref", KEY_STRING },
  { "secondary-server-ref", KEY_STRING },
  { "failover-mode", KEY_STRING },
  { "state", KEY_STRING },
  { "percentage", KEY_UINT },
  { "mclt", KEY_UINT },
  { "port", KEY_UINT },
  { "peer-port", KEY_UINT },
  { "load-balance-max-seconds", KEY_UINT },
  { "max-response-delay", KEY_UINT },
  { "max-unacked-updates", KEY_UINT },
};

static GVariant *
serialize_relationship (MfmRelationship *relationship)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < G_N_ELEMENTS (relationship_keys); i++)
    {
      if (relationship_keys[i].type == KEY_STRING)
        {
          g_autofree char *value = NULL;

          g_object_get (relationship, relationship_keys[i].property, &value, NULL);
          if (value != NULL)
            g_variant_builder_add (&builder, "{sv}", relationship_keys[i].property, g_variant_new_string (value));
        }
      else
        {
          guint value = 0;

          g_object_get (relationship, relationship_keys[i].property, &value, NULL);
          g_variant_builder_add (&builder, "{sv}", relationship_keys[i].property, g_variant_new_uint32 (value));
        }
    }
  g_variant_builder_add (&builder, "{sv}", "scope-refs",
                         g_variant_new_strv (mfm_relationship_get_scope_refs (relationship), -1));

  return g_variant_builder_end (&builder);
}

static MfmRelationship *
deserialize_relationship (GVariant  *dict,
                          GError   **error)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autofree const char **refs = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (relationship_keys); i++)
    {
      g_autoptr(GVariant) value = g_variant_lookup_value (dict, relationship_keys[i].property, NULL);

      if (value == NULL)
        continue;

      if (relationship_keys[i].type == KEY_STRING && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        g_object_set (relationship, relationship_keys[i].property, g_variant_get_string (value, NULL), NULL);
      else if (relationship_keys[i].type == KEY_UINT && g_variant_is_of_type (value, G_VARIANT_TYPE_UINT32))
        g_object_set (relationship, relationship_keys[i].property, g_variant_get_uint32 (value), NULL);
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The saved change has a value of the wrong type for “%s”."),
                       relationship_keys[i].property);
          return NULL;
        }
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

/* Change files */

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
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_MOVED]);
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
                     mfm_field_diff_new (_("Relationship"), _("not on the server"),
                                         _("on the server")));
  else if (self->base != NULL && current == NULL)
    g_ptr_array_add (self->base_diffs,
                     mfm_field_diff_new (_("Relationship"), _("on the server"),
                                         _("not on the server")));
  else if (self->base != NULL)
    {
      for (guint v = 0; v < N_VALUES; v++)
        {
          g_autofree char *planned = format_value (self->base, v);
          g_autofree char *now = format_value (current, v);

          if (g_strcmp0 (planned, now) != 0)
            g_ptr_array_add (self->base_diffs, mfm_field_diff_new (value_label (v), planned, now));
        }
      if (!same_scope_refs (self->base, current))
        {
          g_autofree char *planned = describe_scope_refs (self, mfm_relationship_get_scope_refs (self->base));
          g_autofree char *now = describe_scope_refs (self, mfm_relationship_get_scope_refs (current));

          g_ptr_array_add (self->base_diffs, mfm_field_diff_new (_("Scopes"), planned, now));
        }
    }

  if (was_moved != mfm_change_get_base_moved (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE_MOVED]);

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

        for (guint i = 0; i < G_N_ELEMENTS (relationship_keys); i++)
          {
            const char *property = relationship_keys[i].property;
            GValue planned_old = G_VALUE_INIT;
            GValue planned_new = G_VALUE_INIT;

            if (g_str_equal (property, "name") || g_str_equal (property, "state"))
              continue;
            g_value_init (&planned_old, relationship_keys[i].type == KEY_STRING ? G_TYPE_STRING : G_TYPE_UINT);
            g_value_init (&planned_new, relationship_keys[i].type == KEY_STRING ? G_TYPE_STRING : G_TYPE_UINT);
            g_object_get_property (G_OBJECT (self->old_relationship), property, &planned_old);
            g_object_get_property (G_OBJECT (self->relationship), property, &planned_new);
            if (relationship_keys[i].type == KEY_STRING
                ? g_strcmp0 (g_value_get_string (&planned_old), g_value_get_string (&planned_new)) != 0
                : g_value_get_uint (&planned_old) != g_value_get_uint (&planned_new))
              g_object_set_property (G_OBJECT (rebased), property, &planned_new);
            g_value_unset (&planned_old);
            g_value_unset (&planned_new);
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
          after = strv_union (mfm_relationship_get_scope_refs (self->before),
                              (const char * const *) self->scope_refs);
        else
          after = strv_minus (mfm_relationship_get_scope_refs (self->before),
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

  update_texts (self);
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

/* Undo of a save */

MfmChange *
mfm_change_new_inverse (MfmChange *saved)
{
  g_autoptr(MfmChange) inverse = NULL;
  MfmRelationship *after;
  MfmRelationship *before;
  gboolean has_scopes;

  g_return_val_if_fail (MFM_IS_CHANGE (saved), NULL);

  after = saved->relationship;
  /* The server's values before the save; drafts without them fall back on the change's own. */
  before = saved->has_base ? saved->base
                           : (saved->old_relationship != NULL ? saved->old_relationship : saved->before);

  switch (saved->kind)
    {
    case MFM_CHANGE_ADD:
      has_scopes = mfm_relationship_get_scope_count (after) > 0;
      inverse = mfm_change_new_remove (after, has_scopes ? MFM_DECONFIGURE_DELETE : MFM_DECONFIGURE_NONE);
      if (has_scopes)
        mfm_change_set_note (inverse, _("The partner server’s copies of the scopes that the save added are deleted."));
      break;

    case MFM_CHANGE_MODIFY:
      if (before == NULL)
        return NULL;
      inverse = mfm_change_new_modify (after, before);
      break;

    case MFM_CHANGE_REMOVE:
      if (before == NULL)
        before = after;
      inverse = mfm_change_new_add (before);
      if (saved->action == MFM_DECONFIGURE_DELETE && mfm_relationship_get_scope_count (before) > 0)
        mfm_change_set_note (inverse, _("This cannot be undone in full: the save deleted the partner server’s copies of the scopes, and they are not brought back."));
      else if (saved->action == MFM_DECONFIGURE_DISABLE && mfm_relationship_get_scope_count (before) > 0)
        mfm_change_set_note (inverse, _("The save disabled the partner server’s copies of the scopes; adding them back enables them again."));
      break;

    case MFM_CHANGE_ADD_SCOPES:
      inverse = mfm_change_new_remove_scopes (after, (const char * const *) saved->scope_refs,
                                              MFM_DECONFIGURE_DELETE);
      mfm_change_set_note (inverse, _("The partner server’s copies of these scopes are deleted."));
      break;

    case MFM_CHANGE_REMOVE_SCOPES:
      inverse = mfm_change_new_add_scopes (after, (const char * const *) saved->scope_refs);
      if (saved->action == MFM_DECONFIGURE_DELETE)
        mfm_change_set_note (inverse, _("This cannot be undone in full: the save deleted the partner server’s copies of these scopes, and they are not brought back."));
      break;

    default:
      return NULL;
    }

  /* Names learnt when the change was staged. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, saved->scope_descriptions);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_replace (inverse->scope_descriptions, g_strdup (key), g_strdup (value));
  }

  /* The server as the save left it: what the undo is planned against. */
  mfm_change_set_base (inverse, saved->kind == MFM_CHANGE_REMOVE ? NULL : after);

  return g_steal_pointer (&inverse);
}
