/* mfm-relationship.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mfm-types.h"

G_BEGIN_DECLS

#define MFM_TYPE_RELATIONSHIP (mfm_relationship_get_type())

G_DECLARE_FINAL_TYPE (MfmRelationship, mfm_relationship, MFM, RELATIONSHIP, GObject)

/* An ISC failover relationship as Micetro keeps it: its name, its two servers, its settings
 * (the numeric fields of mfm-field.h), its failover state and its scopes. The properties are
 * described in mfm-relationship.c, next to their definitions; each notifies only on change.
 * mfm_relationship_new() fills in each numeric field's default from the field table (the values
 * Micetro proposes for a new relationship). */
MfmRelationship    *mfm_relationship_new                          (void);
/* A relationship as a server lists it, built in one step, with no notification: @numbers
 * holds a value for every numeric field, indexed by MfmField (the other slots are not read);
 * a NULL text is unknown, as is an empty or NULL @scope_refs. The same object as
 * mfm_relationship_new() followed by a setter per field, at a fraction of the cost. */
MfmRelationship    *mfm_relationship_new_listed                   (const char         *name,
                                                                   const char         *primary_server,
                                                                   const char         *secondary_server,
                                                                   const char         *primary_server_ref,
                                                                   const char         *secondary_server_ref,
                                                                   const char         *failover_mode,
                                                                   const char         *state,
                                                                   const guint        *numbers,
                                                                   const char * const *scope_refs);
MfmRelationship    *mfm_relationship_copy                         (MfmRelationship *self);
/* TRUE when every configurable value (not state, not scopes, not pending-state) is equal. */
gboolean            mfm_relationship_equal_settings               (MfmRelationship *a,
                                                                   MfmRelationship *b);
/* Copies every property of @other into @self, notifying only what changed. */
void                mfm_relationship_update_from                  (MfmRelationship *self,
                                                                   MfmRelationship *other);
/* Whether mfm_relationship_update_from (@self, @other) would leave @self as it is. */
gboolean            mfm_relationship_same_as                      (MfmRelationship *self,
                                                                   MfmRelationship *other);

const char         *mfm_relationship_get_name                     (MfmRelationship *self);
void                mfm_relationship_set_name                     (MfmRelationship *self,
                                                                   const char      *name);
const char         *mfm_relationship_get_primary_server           (MfmRelationship *self);
void                mfm_relationship_set_primary_server           (MfmRelationship *self,
                                                                   const char      *name);
const char         *mfm_relationship_get_secondary_server         (MfmRelationship *self);
void                mfm_relationship_set_secondary_server         (MfmRelationship *self,
                                                                   const char      *name);
const char         *mfm_relationship_get_primary_server_ref       (MfmRelationship *self);
void                mfm_relationship_set_primary_server_ref       (MfmRelationship *self,
                                                                   const char      *ref);
const char         *mfm_relationship_get_secondary_server_ref     (MfmRelationship *self);
void                mfm_relationship_set_secondary_server_ref     (MfmRelationship *self,
                                                                   const char      *ref);
const char         *mfm_relationship_get_failover_mode            (MfmRelationship *self);
void                mfm_relationship_set_failover_mode            (MfmRelationship *self,
                                                                   const char      *mode);
guint               mfm_relationship_get_percentage               (MfmRelationship *self);
void                mfm_relationship_set_percentage               (MfmRelationship *self,
                                                                   guint            percentage);
guint               mfm_relationship_get_split                    (MfmRelationship *self);
guint               mfm_relationship_get_mclt                     (MfmRelationship *self);
void                mfm_relationship_set_mclt                     (MfmRelationship *self,
                                                                   guint            mclt);
guint               mfm_relationship_get_port                     (MfmRelationship *self);
void                mfm_relationship_set_port                     (MfmRelationship *self,
                                                                   guint            port);
guint               mfm_relationship_get_peer_port                (MfmRelationship *self);
void                mfm_relationship_set_peer_port                (MfmRelationship *self,
                                                                   guint            port);
guint               mfm_relationship_get_load_balance_max_seconds (MfmRelationship *self);
void                mfm_relationship_set_load_balance_max_seconds (MfmRelationship *self,
                                                                   guint            seconds);
guint               mfm_relationship_get_max_response_delay       (MfmRelationship *self);
void                mfm_relationship_set_max_response_delay       (MfmRelationship *self,
                                                                   guint            seconds);
guint               mfm_relationship_get_max_unacked_updates      (MfmRelationship *self);
void                mfm_relationship_set_max_unacked_updates      (MfmRelationship *self,
                                                                   guint            updates);
const char         *mfm_relationship_get_state                    (MfmRelationship *self);
void                mfm_relationship_set_state                    (MfmRelationship *self,
                                                                   const char      *state);
MfmFailoverState    mfm_relationship_get_failover_state           (MfmRelationship *self);
const char * const *mfm_relationship_get_scope_refs               (MfmRelationship *self);
void                mfm_relationship_set_scope_refs               (MfmRelationship *self,
                                                                   const char * const *refs);
guint               mfm_relationship_get_scope_count              (MfmRelationship *self);
gboolean            mfm_relationship_has_scope                    (MfmRelationship *self,
                                                                   const char      *scope_ref);
MfmPendingState     mfm_relationship_get_pending_state            (MfmRelationship *self);
void                mfm_relationship_set_pending_state            (MfmRelationship *self,
                                                                   MfmPendingState  state);
MfmRelationship    *mfm_relationship_get_staged                   (MfmRelationship *self);
void                mfm_relationship_set_staged                   (MfmRelationship *self,
                                                                   MfmRelationship *staged);
/* The numeric fields by MfmField (mfm_field_is_number() must be TRUE): the same values as
 * the typed getters and setters below, for code that goes through the field table. */
guint               mfm_relationship_get_field_value              (MfmRelationship *self,
                                                                   MfmField         field);
void                mfm_relationship_set_field_value              (MfmRelationship *self,
                                                                   MfmField         field,
                                                                   guint            value);
/* TRUE when @server_ref is the primary or the secondary. */
gboolean            mfm_relationship_involves                     (MfmRelationship *self,
                                                                   const char      *server_ref);
/* A number that changes whenever the name, the primary or the secondary server changes, so
 * that whoever keeps something made from them (a search key) can tell it is still current
 * without comparing the texts. */
guint               mfm_relationship_get_generation               (MfmRelationship *self);

G_END_DECLS
