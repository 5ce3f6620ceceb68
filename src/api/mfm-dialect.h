/* mfm-dialect.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mfm-wire.h"

G_BEGIN_DECLS

#define MFM_TYPE_DIALECT (mfm_dialect_get_type())

G_DECLARE_FINAL_TYPE (MfmDialect, mfm_dialect, MFM, DIALECT, GObject)

/* Where a name comes from: a vendor document or recorded traffic, or our inference. */
typedef enum
{
  MFM_DIALECT_DOCUMENTED,
  MFM_DIALECT_INFERRED,
} MfmDialectEvidence;

/* Each assumption of the wire mapping that a server's answers can confirm or contradict. */
typedef enum
{
  MFM_DIALECT_PARTNER_PORT,              /* peerPort or partnerPort */
  MFM_DIALECT_STATE,                     /* a relationship's state */
  MFM_DIALECT_PORT,
  MFM_DIALECT_LOAD_BALANCE_MAX_SECONDS,
  MFM_DIALECT_MAX_RESPONSE_DELAY,
  MFM_DIALECT_MAX_UNACKED_UPDATES,
  MFM_DIALECT_FAILOVER_SERVER_TYPE,
  MFM_DIALECT_SAFE_PERIOD,
  MFM_DIALECT_FAILOVER_MODE,
  MFM_DIALECT_SCOPE_REFS,
  MFM_DIALECT_SCOPE_RANGE,               /* the network as "range" on the scope */
  MFM_DIALECT_SCOPE_RANGE_REF,           /* the network through the scope's Range */
  MFM_DIALECT_POOL_FROM,                 /* a pool's first address */
  MFM_DIALECT_POOL_TO,                   /* a pool's last address */
  MFM_DIALECT_N_ASSUMPTIONS
} MfmDialectAssumption;

/* What one Micetro server's answers showed of its names, and the names writes therefore use.
 * The client keeps one per connection and feeds it every relationship, scope and pool it
 * reads. Until a server has listed a relationship, writes use the documented or inferred
 * default (mfm_wire_dialect_default); after that, Add and Modify write the partner port under
 * the name this server's relationships carry, and Add sends exactly the optional members
 * (failoverServerType, safePeriod, failoverMode, dhcpScopeRefs) they carry. */
MfmDialect           *mfm_dialect_new                 (void);
/* Forgets what was learnt (a new connection). */
void                  mfm_dialect_reset               (MfmDialect            *self);
/* @members: the union of what a GetDHCPFailoverRelationships answer's @n_objects relationship
 * objects carried; @safe_period the last safePeriod among them when @has_safe_period. */
void                  mfm_dialect_learn_relationships (MfmDialect            *self,
                                                       guint                  n_objects,
                                                       MfmWireMember          members,
                                                       gboolean               has_safe_period,
                                                       guint                  safe_period);
/* Scope and pool members seen (SCOPE_RANGE, SCOPE_RANGE_REF, POOL_FROM, POOL_TO). */
void                  mfm_dialect_learn_members       (MfmDialect            *self,
                                                       MfmWireMember          members);
/* The dialect the client writes in. */
const MfmWireDialect *mfm_dialect_get_wire            (MfmDialect            *self);
/* Relationship objects seen so far. */
guint                 mfm_dialect_get_n_relationships (MfmDialect            *self);

/* The report (no names, addresses, refs or secrets in any of it). For each assumption: the
 * candidate member names ("peerPort, partnerPort"), whether the names are documented or
 * inferred, the public sources (document names), whether this server's answers carried it,
 * and the name the client uses for it: written on Add/Modify for relationship members, read
 * for the others; NULL when it is not sent. */
char                 *mfm_dialect_dup_candidates      (MfmDialectAssumption   assumption);
MfmDialectEvidence    mfm_dialect_get_evidence        (MfmDialectAssumption   assumption);
const char           *mfm_dialect_get_source          (MfmDialectAssumption   assumption);
gboolean              mfm_dialect_is_seen             (MfmDialect            *self,
                                                       MfmDialectAssumption   assumption);
const char           *mfm_dialect_get_chosen          (MfmDialect            *self,
                                                       MfmDialectAssumption   assumption);

G_END_DECLS
