/* mfm-change-set.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-set"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-set.h"
#include "mfm-util-private.h"

#define DRAFT_VERSION 1

/* One undoable step: adding one change, clearing the whole list, or taking some changes out
 * of it. */
typedef enum
{
  STEP_ADD,
  STEP_CLEAR,
  STEP_REMOVE,
} StepKind;

typedef struct
{
  StepKind   kind;
  GPtrArray *changes;   /* STEP_ADD: the one change; STEP_CLEAR, STEP_REMOVE: what was taken */
  GArray    *positions; /* STEP_REMOVE: where each was, ascending */
} Step;

struct _MfmChangeSet
{
  GObject    parent_instance;

  GPtrArray *changes;
  GPtrArray *undo_stack;   /* of Step */
  GPtrArray *redo_stack;
};

static void mfm_change_set_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MfmChangeSet, mfm_change_set, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, mfm_change_set_list_model_init))

enum {
  PROP_0,
  PROP_N_CHANGES,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static Step *
step_new (StepKind   kind,
          GPtrArray *changes)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->changes = changes;

  return step;
}

static void
step_free (Step *step)
{
  g_ptr_array_unref (step->changes);
  g_clear_pointer (&step->positions, g_array_unref);
  g_free (step);
}

static GType
mfm_change_set_get_item_type (GListModel *model)
{
  return MFM_TYPE_CHANGE;
}

static guint
mfm_change_set_get_n_items (GListModel *model)
{
  return MFM_CHANGE_SET (model)->changes->len;
}

static gpointer
mfm_change_set_get_item (GListModel *model,
                         guint       position)
{
  MfmChangeSet *self = MFM_CHANGE_SET (model);

  if (position >= self->changes->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->changes, position));
}

static void
mfm_change_set_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mfm_change_set_get_item_type;
  iface->get_n_items = mfm_change_set_get_n_items;
  iface->get_item = mfm_change_set_get_item;
}

static void
mfm_change_set_finalize (GObject *object)
{
  MfmChangeSet *self = (MfmChangeSet *)object;

  g_ptr_array_unref (self->changes);
  g_ptr_array_unref (self->undo_stack);
  g_ptr_array_unref (self->redo_stack);

  G_OBJECT_CLASS (mfm_change_set_parent_class)->finalize (object);
}

static void
mfm_change_set_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  MfmChangeSet *self = MFM_CHANGE_SET (object);

  switch (prop_id)
    {
    case PROP_N_CHANGES:
      g_value_set_uint (value, self->changes->len);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, mfm_change_set_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, mfm_change_set_can_redo (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_change_set_class_init (MfmChangeSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mfm_change_set_finalize;
  object_class->get_property = mfm_change_set_get_property;

  properties[PROP_N_CHANGES] = g_param_spec_uint ("n-changes", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CAN_UNDO] = g_param_spec_boolean ("can-undo", NULL, NULL, FALSE, ro);
  properties[PROP_CAN_REDO] = g_param_spec_boolean ("can-redo", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
mfm_change_set_init (MfmChangeSet *self)
{
  self->changes = g_ptr_array_new_with_free_func (g_object_unref);
  self->undo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
  self->redo_stack = g_ptr_array_new_with_free_func ((GDestroyNotify) step_free);
}

MfmChangeSet *
mfm_change_set_new (void)
{
  return g_object_new (MFM_TYPE_CHANGE_SET, NULL);
}

typedef struct
{
  guint    n_changes;
  gboolean can_undo;
  gboolean can_redo;
} Snapshot;

static void put_back_changes (MfmChangeSet *self,
                              Step         *step);

static Snapshot
take_snapshot (MfmChangeSet *self)
{
  Snapshot snapshot = { self->changes->len, mfm_change_set_can_undo (self), mfm_change_set_can_redo (self) };

  return snapshot;
}

/* Properties notify only when they moved; "changed" is emitted for every operation. */
static void
finish_operation (MfmChangeSet *self,
                  Snapshot      before)
{
  if (before.n_changes != self->changes->len)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_CHANGES]);
  if (before.can_undo != mfm_change_set_can_undo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  if (before.can_redo != mfm_change_set_can_redo (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);

  g_signal_emit (self, signals[CHANGED], 0);
}

static void
append_change (MfmChangeSet *self,
               MfmChange    *change)
{
  g_ptr_array_add (self->changes, g_object_ref (change));
  g_list_model_items_changed (G_LIST_MODEL (self), self->changes->len - 1, 0, 1);
}

static gboolean
remove_change (MfmChangeSet *self,
               MfmChange    *change)
{
  guint position;

  if (!g_ptr_array_find (self->changes, change, &position))
    return FALSE;

  g_ptr_array_remove_index (self->changes, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  return TRUE;
}

static GPtrArray *
take_all_changes (MfmChangeSet *self)
{
  GPtrArray *taken = g_steal_pointer (&self->changes);
  guint n = taken->len;

  self->changes = g_ptr_array_new_with_free_func (g_object_unref);
  if (n > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, n, 0);

  return taken;
}

static void
put_all_changes (MfmChangeSet *self,
                 GPtrArray    *changes)
{
  guint position = self->changes->len;

  for (guint i = 0; i < changes->len; i++)
    g_ptr_array_add (self->changes, g_object_ref (g_ptr_array_index (changes, i)));
  if (changes->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, 0, changes->len);
}

/* Each change back where it was (positions ascending, so each lands where it stood). */
static void
put_back_changes (MfmChangeSet *self,
                  Step         *step)
{
  for (guint i = 0; i < step->changes->len; i++)
    {
      guint position = MIN (g_array_index (step->positions, guint, i), self->changes->len);

      g_ptr_array_insert (self->changes, position, g_object_ref (g_ptr_array_index (step->changes, i)));
      g_list_model_items_changed (G_LIST_MODEL (self), position, 0, 1);
    }
}

/* Takes out every change @take accepts, as one undoable step; returns how many. */
static guint
remove_matching (MfmChangeSet *self,
                 gboolean    (*take) (MfmChange *change, gpointer data),
                 gpointer      data)
{
  Snapshot before = take_snapshot (self);
  Step *step = step_new (STEP_REMOVE, g_ptr_array_new_with_free_func (g_object_unref));
  guint n;

  step->positions = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->changes->len; i++)
    {
      MfmChange *change = g_ptr_array_index (self->changes, i);

      if (!take (change, data))
        continue;
      g_ptr_array_add (step->changes, g_object_ref (change));
      g_array_append_val (step->positions, i);
    }

  n = step->changes->len;
  if (n == 0)
    {
      step_free (step);
      return 0;
    }

  for (guint i = 0; i < n; i++)
    remove_change (self, g_ptr_array_index (step->changes, i));
  g_ptr_array_add (self->undo_stack, step);
  g_ptr_array_set_size (self->redo_stack, 0);
  finish_operation (self, before);

  return n;
}

static gboolean
is_change (MfmChange *change,
           gpointer   data)
{
  return change == data;
}

static gboolean
concerns_relationship (MfmChange *change,
                       gpointer   data)
{
  return g_strcmp0 (mfm_change_get_relationship_name (change), data) == 0;
}

gboolean
mfm_change_set_remove_at (MfmChangeSet *self,
                          guint         position)
{
  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), FALSE);

  if (position >= self->changes->len)
    return FALSE;

  return remove_matching (self, is_change, g_ptr_array_index (self->changes, position)) == 1;
}

guint
mfm_change_set_remove_relationship_changes (MfmChangeSet *self,
                                            const char   *relationship_name)
{
  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), 0);
  g_return_val_if_fail (relationship_name != NULL, 0);

  return remove_matching (self, concerns_relationship, (gpointer) relationship_name);
}

void
mfm_change_set_add (MfmChangeSet *self,
                    MfmChange    *change)
{
  Snapshot before;
  GPtrArray *one;

  g_return_if_fail (MFM_IS_CHANGE_SET (self));
  g_return_if_fail (MFM_IS_CHANGE (change));

  before = take_snapshot (self);

  one = g_ptr_array_new_with_free_func (g_object_unref);
  g_ptr_array_add (one, g_object_ref (change));
  g_ptr_array_add (self->undo_stack, step_new (STEP_ADD, one));
  g_ptr_array_set_size (self->redo_stack, 0);
  append_change (self, change);

  finish_operation (self, before);
}

gboolean
mfm_change_set_undo (MfmChangeSet *self)
{
  Snapshot before;
  Step *step;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), FALSE);

  if (self->undo_stack->len == 0)
    return FALSE;

  before = take_snapshot (self);
  step = g_ptr_array_steal_index (self->undo_stack, self->undo_stack->len - 1);

  if (step->kind == STEP_ADD)
    remove_change (self, g_ptr_array_index (step->changes, 0));
  else if (step->kind == STEP_REMOVE)
    put_back_changes (self, step);
  else
    put_all_changes (self, step->changes);

  g_ptr_array_add (self->redo_stack, step);
  finish_operation (self, before);

  return TRUE;
}

gboolean
mfm_change_set_redo (MfmChangeSet *self)
{
  Snapshot before;
  Step *step;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), FALSE);

  if (self->redo_stack->len == 0)
    return FALSE;

  before = take_snapshot (self);
  step = g_ptr_array_steal_index (self->redo_stack, self->redo_stack->len - 1);

  if (step->kind == STEP_ADD)
    {
      append_change (self, g_ptr_array_index (step->changes, 0));
    }
  else if (step->kind == STEP_REMOVE)
    {
      for (guint i = 0; i < step->changes->len; i++)
        remove_change (self, g_ptr_array_index (step->changes, i));
    }
  else
    {
      /* The step still holds the cleared changes for the next undo. */
      g_ptr_array_unref (take_all_changes (self));
    }

  g_ptr_array_add (self->undo_stack, step);
  finish_operation (self, before);

  return TRUE;
}

gboolean
mfm_change_set_can_undo (MfmChangeSet *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), FALSE);

  return self->undo_stack->len > 0;
}

gboolean
mfm_change_set_can_redo (MfmChangeSet *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), FALSE);

  return self->redo_stack->len > 0;
}

void
mfm_change_set_clear (MfmChangeSet *self)
{
  Snapshot before;

  g_return_if_fail (MFM_IS_CHANGE_SET (self));

  if (self->changes->len == 0)
    return;

  before = take_snapshot (self);
  g_ptr_array_add (self->undo_stack, step_new (STEP_CLEAR, take_all_changes (self)));
  g_ptr_array_set_size (self->redo_stack, 0);
  finish_operation (self, before);
}

guint
mfm_change_set_get_n_changes (MfmChangeSet *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), 0);

  return self->changes->len;
}

MfmChange *
mfm_change_set_get_change (MfmChangeSet *self,
                           guint         position)
{
  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), NULL);
  g_return_val_if_fail (position < self->changes->len, NULL);

  return g_ptr_array_index (self->changes, position);
}

void
mfm_change_set_remove_applied (MfmChangeSet *self)
{
  Snapshot before;
  gboolean removed = FALSE;

  g_return_if_fail (MFM_IS_CHANGE_SET (self));

  before = take_snapshot (self);

  for (guint i = self->changes->len; i > 0; i--)
    {
      MfmChange *change = g_ptr_array_index (self->changes, i - 1);

      if (mfm_change_get_status (change) != MFM_CHANGE_STATUS_APPLIED)
        continue;

      g_ptr_array_remove_index (self->changes, i - 1);
      g_list_model_items_changed (G_LIST_MODEL (self), i - 1, 1, 0);
      removed = TRUE;
    }

  if (!removed)
    return;

  /* Saved changes are on the server now; undoing them here would only confuse. Steps that
   * add a change still staged stay undoable. */
  for (guint i = self->undo_stack->len; i > 0; i--)
    {
      Step *step = g_ptr_array_index (self->undo_stack, i - 1);

      if (step->kind == STEP_CLEAR ||
          !g_ptr_array_find (self->changes, g_ptr_array_index (step->changes, 0), NULL))
        g_ptr_array_remove_index (self->undo_stack, i - 1);
    }
  g_ptr_array_set_size (self->redo_stack, 0);

  finish_operation (self, before);
}

MfmPendingState
mfm_change_set_get_pending_state (MfmChangeSet *self,
                                  const char   *relationship_name)
{
  MfmPendingState state = MFM_PENDING_NONE;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), MFM_PENDING_NONE);

  if (relationship_name == NULL)
    return MFM_PENDING_NONE;

  for (guint i = 0; i < self->changes->len; i++)
    {
      MfmChange *change = g_ptr_array_index (self->changes, i);

      if (g_strcmp0 (mfm_change_get_relationship_name (change), relationship_name) != 0)
        continue;

      switch (mfm_change_get_kind (change))
        {
        case MFM_CHANGE_ADD:
          state = MFM_PENDING_NEW;
          break;
        case MFM_CHANGE_REMOVE:
          /* Added and removed again before saving: nothing happens to it. */
          state = state == MFM_PENDING_NEW ? MFM_PENDING_NONE : MFM_PENDING_REMOVED;
          break;
        case MFM_CHANGE_MODIFY:
        case MFM_CHANGE_ADD_SCOPES:
        case MFM_CHANGE_REMOVE_SCOPES:
          if (state != MFM_PENDING_NEW)
            state = MFM_PENDING_MODIFIED;
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return state;
}

static void
apply_settings (MfmRelationship *target,
                MfmRelationship *source)
{
  g_object_freeze_notify (G_OBJECT (target));
  mfm_relationship_set_name (target, mfm_relationship_get_name (source));
  mfm_relationship_set_primary_server (target, mfm_relationship_get_primary_server (source));
  mfm_relationship_set_secondary_server (target, mfm_relationship_get_secondary_server (source));
  mfm_relationship_set_primary_server_ref (target, mfm_relationship_get_primary_server_ref (source));
  mfm_relationship_set_secondary_server_ref (target, mfm_relationship_get_secondary_server_ref (source));
  mfm_relationship_set_failover_mode (target, mfm_relationship_get_failover_mode (source));
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (mfm_field_is_number (field))
        mfm_relationship_set_field_value (target, field, mfm_relationship_get_field_value (source, field));
    }
  g_object_thaw_notify (G_OBJECT (target));
}

static void
change_scopes (MfmRelationship    *target,
               const char * const *refs,
               gboolean            add)
{
  const char * const *current = mfm_relationship_get_scope_refs (target);
  g_autoptr(GPtrArray) result = g_ptr_array_new ();

  for (guint i = 0; current[i] != NULL; i++)
    {
      if (add || refs == NULL || !g_strv_contains (refs, current[i]))
        g_ptr_array_add (result, (gpointer) current[i]);
    }
  for (guint i = 0; add && refs != NULL && refs[i] != NULL; i++)
    {
      if (!g_strv_contains (current, refs[i]))
        g_ptr_array_add (result, (gpointer) refs[i]);
    }
  g_ptr_array_add (result, NULL);

  {
    g_auto(GStrv) copy = g_strdupv ((char **) result->pdata);

    mfm_relationship_set_scope_refs (target, (const char * const *) copy);
  }
}

MfmRelationship *
mfm_change_set_project (MfmChangeSet    *self,
                        const char      *relationship_name,
                        MfmRelationship *current)
{
  g_autoptr(MfmRelationship) projected = NULL;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), NULL);
  g_return_val_if_fail (current == NULL || MFM_IS_RELATIONSHIP (current), NULL);

  if (relationship_name == NULL)
    return NULL;

  if (current != NULL)
    projected = mfm_relationship_copy (current);

  for (guint i = 0; i < self->changes->len; i++)
    {
      MfmChange *change = g_ptr_array_index (self->changes, i);
      MfmRelationship *relationship = mfm_change_get_relationship (change);

      if (g_strcmp0 (mfm_change_get_relationship_name (change), relationship_name) != 0)
        continue;

      switch (mfm_change_get_kind (change))
        {
        case MFM_CHANGE_ADD:
          g_clear_object (&projected);
          projected = mfm_relationship_copy (relationship);
          break;

        case MFM_CHANGE_MODIFY:
          /* Modify changes settings only; state and scopes stay as they are. */
          if (projected == NULL)
            projected = mfm_relationship_copy (relationship);
          else
            apply_settings (projected, relationship);
          break;

        case MFM_CHANGE_REMOVE:
          g_clear_object (&projected);
          break;

        case MFM_CHANGE_ADD_SCOPES:
        case MFM_CHANGE_REMOVE_SCOPES:
          if (projected != NULL)
            change_scopes (projected, mfm_change_get_scope_refs (change),
                           mfm_change_get_kind (change) == MFM_CHANGE_ADD_SCOPES);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  if (projected != NULL)
    mfm_relationship_set_pending_state (projected, mfm_change_set_get_pending_state (self, relationship_name));

  return g_steal_pointer (&projected);
}

GPtrArray *
mfm_change_set_get_added_relationships (MfmChangeSet *self)
{
  g_autoptr(GHashTable) seen = NULL;
  GPtrArray *result;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), NULL);

  result = g_ptr_array_new_with_free_func (g_object_unref);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->changes->len; i++)
    {
      MfmChange *change = g_ptr_array_index (self->changes, i);
      const char *name = mfm_change_get_relationship_name (change);
      MfmRelationship *projected;

      if (mfm_change_get_kind (change) != MFM_CHANGE_ADD || name == NULL || g_hash_table_contains (seen, name))
        continue;

      g_hash_table_add (seen, (gpointer) name);
      projected = mfm_change_set_project (self, name, NULL);
      if (projected != NULL)
        g_ptr_array_add (result, projected);
    }

  return result;
}

GVariant *
mfm_change_set_serialize (MfmChangeSet *self)
{
  GVariantBuilder builder;
  GVariantBuilder changes;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), NULL);

  g_variant_builder_init (&changes, G_VARIANT_TYPE ("av"));
  for (guint i = 0; i < self->changes->len; i++)
    g_variant_builder_add (&changes, "v", mfm_change_serialize (g_ptr_array_index (self->changes, i)));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "version", g_variant_new_uint32 (DRAFT_VERSION));
  g_variant_builder_add (&builder, "{sv}", "changes", g_variant_builder_end (&changes));

  return g_variant_builder_end (&builder);
}

gboolean
mfm_change_set_deserialize (MfmChangeSet  *self,
                            GVariant      *variant,
                            GError       **error)
{
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GVariant) changes = NULL;
  g_autoptr(GPtrArray) old = NULL;
  Snapshot before;
  guint32 version = 0;
  GVariantIter iter;
  GVariant *child;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (self), FALSE);
  g_return_val_if_fail (variant != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!g_variant_is_of_type (variant, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved changes are not in a known format."));
      return FALSE;
    }

  if (!g_variant_lookup (variant, "version", "u", &version) || version != DRAFT_VERSION)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The saved changes have version %u, which this version of Failover Manager cannot read."),
                   version);
      return FALSE;
    }

  changes = g_variant_lookup_value (variant, "changes", G_VARIANT_TYPE ("av"));
  if (changes == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("The saved changes contain no list of changes."));
      return FALSE;
    }

  /* Parse everything first so a broken draft leaves the current content alone. */
  parsed = g_ptr_array_new_with_free_func (g_object_unref);
  g_variant_iter_init (&iter, changes);
  while (g_variant_iter_next (&iter, "v", &child))
    {
      g_autoptr(GVariant) owned = child;
      MfmChange *change = mfm_change_deserialize (owned, error);

      if (change == NULL)
        return FALSE;
      g_ptr_array_add (parsed, change);
    }

  before = take_snapshot (self);
  old = take_all_changes (self);
  g_ptr_array_set_size (self->undo_stack, 0);
  g_ptr_array_set_size (self->redo_stack, 0);
  put_all_changes (self, parsed);
  finish_operation (self, before);

  return TRUE;
}
