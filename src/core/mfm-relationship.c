/* mfm-relationship.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-relationship"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-enums.h"
#include "mfm-relationship.h"
#include "mfm-sort-key.h"
#include "mfm-util-private.h"

struct _MfmRelationship
{
  GObject           parent_instance;

  char             *name;
  char             *primary_server;
  char             *secondary_server;
  char             *primary_server_ref;
  char             *secondary_server_ref;
  char             *failover_mode;
  char             *state;
  GStrv             scope_refs;
  /* The numeric fields, indexed by MfmField (the names' slots stay 0), so that copy, compare
   * and update follow the field table. */
  guint             numbers[MFM_N_FIELDS];
  MfmFailoverState  failover_state;
  MfmPendingState   pending_state;
  MfmRelationship  *staged;
  /* Bumped whenever a text a search reads changes (see mfm_relationship_get_generation()). */
  guint             generation;
};

G_DEFINE_FINAL_TYPE (MfmRelationship, mfm_relationship, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_PRIMARY_SERVER,
  PROP_SECONDARY_SERVER,
  PROP_PRIMARY_SERVER_REF,
  PROP_SECONDARY_SERVER_REF,
  PROP_FAILOVER_MODE,
  PROP_STATE,
  PROP_FAILOVER_STATE,
  PROP_STATE_LABEL,
  PROP_SCOPE_REFS,
  PROP_SCOPE_COUNT,
  PROP_SPLIT,
  PROP_PENDING_STATE,
  PROP_STAGED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* One property per numeric field of the field table, named by its id, with the id
 * NUMBER_PROP_BASE + the field. */
#define NUMBER_PROP_BASE N_PROPS
static GParamSpec *number_properties[MFM_N_FIELDS];

static void
set_number (MfmRelationship *self,
            MfmField         field,
            guint            value)
{
  guint old_split;

  if (self->numbers[field] == value)
    return;

  old_split = mfm_relationship_get_split (self);
  self->numbers[field] = value;
  g_object_notify_by_pspec (G_OBJECT (self), number_properties[field]);

  if (field == MFM_FIELD_PERCENTAGE && old_split != mfm_relationship_get_split (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SPLIT]);
}

static int sides_serial;

guint
mfm_relationship_sides_serial (void)
{
  return (guint) g_atomic_int_get (&sides_serial);
}

static void
set_string (MfmRelationship  *self,
            char            **field,
            const char       *value,
            guint             prop_id)
{
  gboolean had_value = *field != NULL;

  if (!mfm_set_str (field, value))
    return;

  /* A side that moves; a new object filling in its sides does not count. */
  if (had_value && (prop_id == PROP_PRIMARY_SERVER || prop_id == PROP_SECONDARY_SERVER ||
                    prop_id == PROP_PRIMARY_SERVER_REF || prop_id == PROP_SECONDARY_SERVER_REF))
    g_atomic_int_inc (&sides_serial);
  if (prop_id == PROP_NAME || prop_id == PROP_PRIMARY_SERVER || prop_id == PROP_SECONDARY_SERVER)
    self->generation++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
mfm_relationship_finalize (GObject *object)
{
  MfmRelationship *self = (MfmRelationship *)object;

  g_free (self->name);
  g_free (self->primary_server);
  g_free (self->secondary_server);
  g_free (self->primary_server_ref);
  g_free (self->secondary_server_ref);
  g_free (self->failover_mode);
  g_free (self->state);
  g_strfreev (self->scope_refs);
  g_clear_object (&self->staged);

  G_OBJECT_CLASS (mfm_relationship_parent_class)->finalize (object);
}

static void
mfm_relationship_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  MfmRelationship *self = MFM_RELATIONSHIP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_PRIMARY_SERVER:
      g_value_set_string (value, self->primary_server);
      break;
    case PROP_SECONDARY_SERVER:
      g_value_set_string (value, self->secondary_server);
      break;
    case PROP_PRIMARY_SERVER_REF:
      g_value_set_string (value, self->primary_server_ref);
      break;
    case PROP_SECONDARY_SERVER_REF:
      g_value_set_string (value, self->secondary_server_ref);
      break;
    case PROP_FAILOVER_MODE:
      g_value_set_string (value, self->failover_mode);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_FAILOVER_STATE:
      g_value_set_enum (value, self->failover_state);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, mfm_failover_state_get_label (self->failover_state));
      break;
    case PROP_SCOPE_REFS:
      g_value_set_boxed (value, self->scope_refs);
      break;
    case PROP_SCOPE_COUNT:
      g_value_set_uint (value, mfm_relationship_get_scope_count (self));
      break;
    case PROP_SPLIT:
      g_value_set_uint (value, mfm_relationship_get_split (self));
      break;
    case PROP_STAGED:
      g_value_set_object (value, self->staged);
      break;

    case PROP_PENDING_STATE:
      g_value_set_enum (value, self->pending_state);
      break;
    default:
      if (prop_id >= NUMBER_PROP_BASE && prop_id < NUMBER_PROP_BASE + MFM_N_FIELDS)
        g_value_set_uint (value, self->numbers[prop_id - NUMBER_PROP_BASE]);
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_relationship_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  MfmRelationship *self = MFM_RELATIONSHIP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      mfm_relationship_set_name (self, g_value_get_string (value));
      break;
    case PROP_PRIMARY_SERVER:
      mfm_relationship_set_primary_server (self, g_value_get_string (value));
      break;
    case PROP_SECONDARY_SERVER:
      mfm_relationship_set_secondary_server (self, g_value_get_string (value));
      break;
    case PROP_PRIMARY_SERVER_REF:
      mfm_relationship_set_primary_server_ref (self, g_value_get_string (value));
      break;
    case PROP_SECONDARY_SERVER_REF:
      mfm_relationship_set_secondary_server_ref (self, g_value_get_string (value));
      break;
    case PROP_FAILOVER_MODE:
      mfm_relationship_set_failover_mode (self, g_value_get_string (value));
      break;
    case PROP_STATE:
      mfm_relationship_set_state (self, g_value_get_string (value));
      break;
    case PROP_SCOPE_REFS:
      mfm_relationship_set_scope_refs (self, g_value_get_boxed (value));
      break;
    case PROP_STAGED:
      mfm_relationship_set_staged (self, g_value_get_object (value));
      break;

    case PROP_PENDING_STATE:
      mfm_relationship_set_pending_state (self, g_value_get_enum (value));
      break;
    default:
      if (prop_id >= NUMBER_PROP_BASE && prop_id < NUMBER_PROP_BASE + MFM_N_FIELDS)
        set_number (self, prop_id - NUMBER_PROP_BASE, g_value_get_uint (value));
      else
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Sort keys follow the text they were made of; no handler per object needed. */
static void
mfm_relationship_dispatch_properties_changed (GObject     *object,
                                              guint        n_pspecs,
                                              GParamSpec **pspecs)
{
  mfm_sort_key_forget (object, n_pspecs, pspecs);
  G_OBJECT_CLASS (mfm_relationship_parent_class)->dispatch_properties_changed (object, n_pspecs, pspecs);
}

static void
mfm_relationship_class_init (MfmRelationshipClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mfm_relationship_finalize;
  object_class->get_property = mfm_relationship_get_property;
  object_class->set_property = mfm_relationship_set_property;
  object_class->dispatch_properties_changed = mfm_relationship_dispatch_properties_changed;

  /* Micetro's names: of the relationship, and of its servers (fully qualified, with the
   * trailing dot Micetro writes). */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_PRIMARY_SERVER] = g_param_spec_string ("primary-server", NULL, NULL, NULL, rw);
  properties[PROP_SECONDARY_SERVER] = g_param_spec_string ("secondary-server", NULL, NULL, NULL, rw);
  /* The servers' refs ("dhcpServers/12"); older Micetro versions give names only. */
  properties[PROP_PRIMARY_SERVER_REF] = g_param_spec_string ("primary-server-ref", NULL, NULL, NULL, rw);
  properties[PROP_SECONDARY_SERVER_REF] = g_param_spec_string ("secondary-server-ref", NULL, NULL, NULL, rw);
  /* "LoadBalance", the only mode ISC failover knows. */
  properties[PROP_FAILOVER_MODE] = g_param_spec_string ("failover-mode", NULL, NULL, "LoadBalance", rw);

  /* The failover state as received ("Normal", "communications-interrupted", …), NULL when
   * unknown; "failover-state" is the same as MfmFailoverState and "state-label" as the
   * translated label of its badge. */
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, rw);
  properties[PROP_FAILOVER_STATE] =
    g_param_spec_enum ("failover-state", NULL, NULL,
                       MFM_TYPE_FAILOVER_STATE, MFM_FAILOVER_STATE_UNKNOWN, ro);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, ro);
  /* The refs of the scopes in the relationship (GStrv) and how many there are. */
  properties[PROP_SCOPE_REFS] = g_param_spec_boxed ("scope-refs", NULL, NULL, G_TYPE_STRV, rw);
  properties[PROP_SCOPE_COUNT] = g_param_spec_uint ("scope-count", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* The ISC split (0–256) the percentage gives. */
  properties[PROP_SPLIT] = g_param_spec_uint ("split", NULL, NULL, 0, G_MAXUINT, 0, ro);
  /* How the tables show it while changes are staged; set by the session from the change set. */
  properties[PROP_PENDING_STATE] =
    g_param_spec_enum ("pending-state", NULL, NULL,
                       MFM_TYPE_PENDING_STATE, MFM_PENDING_NONE, rw);
  /* The relationship as the staged changes leave it, when that differs from this one, else
   * NULL; set by the session, never copied. */
  properties[PROP_STAGED] =
    g_param_spec_object ("staged", NULL, NULL, MFM_TYPE_RELATIONSHIP, rw);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* "port", "peer-port", "mclt", "max-response-delay", "load-balance-max-seconds",
   * "max-unacked-updates", "percentage" (guint): the numeric fields, named by their id in the
   * field table. Values as received are kept even when out of range (the rules judge them);
   * 0 when a server did not send one. */
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (!mfm_field_is_number (field))
        continue;
      number_properties[field] =
        g_param_spec_uint (mfm_field_get_id (field), NULL, NULL, 0, G_MAXUINT, 0, rw);
      g_object_class_install_property (object_class, NUMBER_PROP_BASE + field,
                                       number_properties[field]);
    }
}

static void
mfm_relationship_init (MfmRelationship *self)
{
  self->failover_mode = g_strdup ("LoadBalance");
  self->failover_state = MFM_FAILOVER_STATE_UNKNOWN;
  self->pending_state = MFM_PENDING_NONE;
}

MfmRelationship *
mfm_relationship_new (void)
{
  MfmRelationship *self = g_object_new (MFM_TYPE_RELATIONSHIP, NULL);

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (mfm_field_is_number (field))
        self->numbers[field] = mfm_field_get_default (field);
    }

  return self;
}

MfmRelationship *
mfm_relationship_new_listed (const char         *name,
                             const char         *primary_server,
                             const char         *secondary_server,
                             const char         *primary_server_ref,
                             const char         *secondary_server_ref,
                             const char         *failover_mode,
                             const char         *state,
                             const guint        *numbers,
                             const char * const *scope_refs)
{
  MfmRelationship *self;

  g_return_val_if_fail (numbers != NULL, NULL);

  self = g_object_new (MFM_TYPE_RELATIONSHIP, NULL);

  /* Nobody can listen to a new object yet: the fields without a notification each, which
   * were most of what building the relationships of a large estate cost. */
  self->name = g_strdup (name);
  self->primary_server = g_strdup (primary_server);
  self->secondary_server = g_strdup (secondary_server);
  self->primary_server_ref = g_strdup (primary_server_ref);
  self->secondary_server_ref = g_strdup (secondary_server_ref);
  g_free (self->failover_mode);
  self->failover_mode = g_strdup (failover_mode);
  self->state = g_strdup (state);
  self->failover_state = mfm_failover_state_from_string (state);
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (mfm_field_is_number (field))
        self->numbers[field] = numbers[field];
    }
  if (scope_refs != NULL && scope_refs[0] != NULL)
    self->scope_refs = g_strdupv ((char **) scope_refs);

  return self;
}

MfmRelationship *
mfm_relationship_copy (MfmRelationship *self)
{
  MfmRelationship *copy;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  copy = g_object_new (MFM_TYPE_RELATIONSHIP, NULL);
  mfm_relationship_update_from (copy, self);
  copy->pending_state = self->pending_state;

  return copy;
}

gboolean
mfm_relationship_equal_settings (MfmRelationship *a,
                                 MfmRelationship *b)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (a), FALSE);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (b), FALSE);

  if (memcmp (a->numbers, b->numbers, sizeof a->numbers) != 0)
    return FALSE;

  return g_strcmp0 (a->name, b->name) == 0 &&
         g_strcmp0 (a->primary_server, b->primary_server) == 0 &&
         g_strcmp0 (a->secondary_server, b->secondary_server) == 0 &&
         g_strcmp0 (a->primary_server_ref, b->primary_server_ref) == 0 &&
         g_strcmp0 (a->secondary_server_ref, b->secondary_server_ref) == 0 &&
         g_strcmp0 (a->failover_mode, b->failover_mode) == 0;
}

gboolean
mfm_relationship_same_as (MfmRelationship *self,
                          MfmRelationship *other)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), FALSE);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (other), FALSE);

  return self == other ||
         (g_strcmp0 (self->name, other->name) == 0 &&
          g_strcmp0 (self->primary_server, other->primary_server) == 0 &&
          g_strcmp0 (self->secondary_server, other->secondary_server) == 0 &&
          g_strcmp0 (self->primary_server_ref, other->primary_server_ref) == 0 &&
          g_strcmp0 (self->secondary_server_ref, other->secondary_server_ref) == 0 &&
          g_strcmp0 (self->failover_mode, other->failover_mode) == 0 &&
          g_strcmp0 (self->state, other->state) == 0 &&
          memcmp (self->numbers, other->numbers, sizeof self->numbers) == 0 &&
          mfm_strv_equal0 ((const char * const *) self->scope_refs,
                           (const char * const *) other->scope_refs));
}

/* pending-state is not copied: it is the UI's view of the change set, and a refresh from the
 * server must not wipe it. */
void
mfm_relationship_update_from (MfmRelationship *self,
                              MfmRelationship *other)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));
  g_return_if_fail (MFM_IS_RELATIONSHIP (other));

  /* A refresh mostly brings what is there already: then no notification machinery at all. */
  if (mfm_relationship_same_as (self, other))
    return;

  g_object_freeze_notify (G_OBJECT (self));
  mfm_relationship_set_name (self, other->name);
  mfm_relationship_set_primary_server (self, other->primary_server);
  mfm_relationship_set_secondary_server (self, other->secondary_server);
  mfm_relationship_set_primary_server_ref (self, other->primary_server_ref);
  mfm_relationship_set_secondary_server_ref (self, other->secondary_server_ref);
  mfm_relationship_set_failover_mode (self, other->failover_mode);
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (mfm_field_is_number (field))
        set_number (self, field, other->numbers[field]);
    }
  mfm_relationship_set_state (self, other->state);
  mfm_relationship_set_scope_refs (self, (const char * const *) other->scope_refs);
  g_object_thaw_notify (G_OBJECT (self));
}

const char *
mfm_relationship_get_name (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->name;
}

void
mfm_relationship_set_name (MfmRelationship *self,
                           const char      *name)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_string (self, &self->name, name, PROP_NAME);
}

const char *
mfm_relationship_get_primary_server (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->primary_server;
}

void
mfm_relationship_set_primary_server (MfmRelationship *self,
                                     const char      *name)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_string (self, &self->primary_server, name, PROP_PRIMARY_SERVER);
}

const char *
mfm_relationship_get_secondary_server (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->secondary_server;
}

void
mfm_relationship_set_secondary_server (MfmRelationship *self,
                                       const char      *name)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_string (self, &self->secondary_server, name, PROP_SECONDARY_SERVER);
}

const char *
mfm_relationship_get_primary_server_ref (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->primary_server_ref;
}

void
mfm_relationship_set_primary_server_ref (MfmRelationship *self,
                                         const char      *ref)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_string (self, &self->primary_server_ref, ref, PROP_PRIMARY_SERVER_REF);
}

const char *
mfm_relationship_get_secondary_server_ref (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->secondary_server_ref;
}

void
mfm_relationship_set_secondary_server_ref (MfmRelationship *self,
                                           const char      *ref)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_string (self, &self->secondary_server_ref, ref, PROP_SECONDARY_SERVER_REF);
}

const char *
mfm_relationship_get_failover_mode (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->failover_mode;
}

void
mfm_relationship_set_failover_mode (MfmRelationship *self,
                                    const char      *mode)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_string (self, &self->failover_mode, mode, PROP_FAILOVER_MODE);
}

guint
mfm_relationship_get_percentage (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->numbers[MFM_FIELD_PERCENTAGE];
}

void
mfm_relationship_set_percentage (MfmRelationship *self,
                                 guint            percentage)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_number (self, MFM_FIELD_PERCENTAGE, percentage);
}

guint
mfm_relationship_get_split (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return mfm_percentage_to_split_internal (self->numbers[MFM_FIELD_PERCENTAGE]);
}

guint
mfm_relationship_get_mclt (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->numbers[MFM_FIELD_MCLT];
}

void
mfm_relationship_set_mclt (MfmRelationship *self,
                           guint            mclt)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_number (self, MFM_FIELD_MCLT, mclt);
}

guint
mfm_relationship_get_port (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->numbers[MFM_FIELD_PORT];
}

void
mfm_relationship_set_port (MfmRelationship *self,
                           guint            port)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_number (self, MFM_FIELD_PORT, port);
}

guint
mfm_relationship_get_peer_port (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->numbers[MFM_FIELD_PEER_PORT];
}

void
mfm_relationship_set_peer_port (MfmRelationship *self,
                                guint            port)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_number (self, MFM_FIELD_PEER_PORT, port);
}

guint
mfm_relationship_get_load_balance_max_seconds (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->numbers[MFM_FIELD_LOAD_BALANCE_MAX_SECONDS];
}

void
mfm_relationship_set_load_balance_max_seconds (MfmRelationship *self,
                                               guint            seconds)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_number (self, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, seconds);
}

guint
mfm_relationship_get_max_response_delay (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->numbers[MFM_FIELD_MAX_RESPONSE_DELAY];
}

void
mfm_relationship_set_max_response_delay (MfmRelationship *self,
                                         guint            seconds)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_number (self, MFM_FIELD_MAX_RESPONSE_DELAY, seconds);
}

guint
mfm_relationship_get_max_unacked_updates (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->numbers[MFM_FIELD_MAX_UNACKED_UPDATES];
}

void
mfm_relationship_set_max_unacked_updates (MfmRelationship *self,
                                          guint            updates)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  set_number (self, MFM_FIELD_MAX_UNACKED_UPDATES, updates);
}

const char *
mfm_relationship_get_state (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->state;
}

void
mfm_relationship_set_state (MfmRelationship *self,
                            const char      *state)
{
  MfmFailoverState failover_state;

  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  if (!mfm_set_str (&self->state, state))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);

  failover_state = mfm_failover_state_from_string (state);
  if (failover_state != self->failover_state)
    {
      self->failover_state = failover_state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FAILOVER_STATE]);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
    }
}

MfmFailoverState
mfm_relationship_get_failover_state (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), MFM_FAILOVER_STATE_UNKNOWN);

  return self->failover_state;
}

const char * const *
mfm_relationship_get_scope_refs (MfmRelationship *self)
{
  static const char * const empty[] = { NULL };

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->scope_refs != NULL ? (const char * const *) self->scope_refs : empty;
}

void
mfm_relationship_set_scope_refs (MfmRelationship    *self,
                                 const char * const *refs)
{
  g_auto(GStrv) old_refs = NULL;
  guint old_count;

  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  if (mfm_strv_equal0 ((const char * const *) self->scope_refs, refs))
    return;

  /* Copy before freeing: callers may pass strings borrowed from the old list. */
  old_count = mfm_relationship_get_scope_count (self);
  old_refs = g_steal_pointer (&self->scope_refs);
  self->scope_refs = g_strdupv ((char **) refs);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE_REFS]);
  if (old_count != mfm_relationship_get_scope_count (self))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCOPE_COUNT]);
}

guint
mfm_relationship_get_scope_count (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->scope_refs != NULL ? g_strv_length (self->scope_refs) : 0;
}

gboolean
mfm_relationship_has_scope (MfmRelationship *self,
                            const char      *scope_ref)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), FALSE);

  if (self->scope_refs == NULL || scope_ref == NULL)
    return FALSE;

  return g_strv_contains ((const char * const *) self->scope_refs, scope_ref);
}

MfmPendingState
mfm_relationship_get_pending_state (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), MFM_PENDING_NONE);

  return self->pending_state;
}

void
mfm_relationship_set_pending_state (MfmRelationship *self,
                                    MfmPendingState  state)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));

  if (self->pending_state == state)
    return;

  self->pending_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_STATE]);
}

guint
mfm_relationship_get_field_value (MfmRelationship *self,
                                  MfmField         field)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);
  g_return_val_if_fail (field < MFM_N_FIELDS && mfm_field_is_number (field), 0);

  return self->numbers[field];
}

void
mfm_relationship_set_field_value (MfmRelationship *self,
                                  MfmField         field,
                                  guint            value)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));
  g_return_if_fail (field < MFM_N_FIELDS && mfm_field_is_number (field));

  set_number (self, field, value);
}

gboolean
mfm_relationship_involves (MfmRelationship *self,
                           const char      *server_ref)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), FALSE);

  if (server_ref == NULL)
    return FALSE;

  return g_strcmp0 (self->primary_server_ref, server_ref) == 0 ||
         g_strcmp0 (self->secondary_server_ref, server_ref) == 0;
}

/**
 * mfm_relationship_get_staged:
 *
 * Returns: (transfer none) (nullable): the relationship as the staged changes leave it
 */
MfmRelationship *
mfm_relationship_get_staged (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), NULL);

  return self->staged;
}

void
mfm_relationship_set_staged (MfmRelationship *self,
                             MfmRelationship *staged)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP (self));
  g_return_if_fail (!staged || MFM_IS_RELATIONSHIP (staged));

  if (g_set_object (&self->staged, staged))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGED]);
}

guint
mfm_relationship_get_generation (MfmRelationship *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (self), 0);

  return self->generation;
}
