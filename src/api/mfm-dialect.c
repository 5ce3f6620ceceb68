/* mfm-dialect.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-dialect"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-dialect.h"

/* The relationship members a server's own objects decide about. */
#define RELATIONSHIP_MEMBERS (MFM_WIRE_MEMBER_PEER_PORT | MFM_WIRE_MEMBER_PARTNER_PORT | \
                              MFM_WIRE_MEMBER_STATE | MFM_WIRE_MEMBER_PORT | \
                              MFM_WIRE_MEMBER_LOAD_BALANCE_MAX_SECONDS | \
                              MFM_WIRE_MEMBER_MAX_RESPONSE_DELAY | \
                              MFM_WIRE_MEMBER_MAX_UNACKED_UPDATES | \
                              MFM_WIRE_ADD_OPTIONAL_MEMBERS)

struct _MfmDialect
{
  GObject        parent_instance;

  guint          n_relationships;
  MfmWireMember  seen;
  gboolean       has_safe_period;
  guint          safe_period;
  MfmWireDialect wire;
};

G_DEFINE_FINAL_TYPE (MfmDialect, mfm_dialect, G_TYPE_OBJECT)

/* The candidates of each assumption, its evidence and its sources (document names: the vendor's
 * WSDL and manuals, and public clients whose code or recordings show real traffic). */
static const struct
{
  MfmWireMember       first;
  MfmWireMember       second;
  MfmDialectEvidence  evidence;
  const char         *source;
} assumptions[MFM_DIALECT_N_ASSUMPTIONS] = {
  [MFM_DIALECT_PARTNER_PORT] = {
    MFM_WIRE_MEMBER_PEER_PORT, MFM_WIRE_MEMBER_PARTNER_PORT, MFM_DIALECT_INFERRED,
    "Micetro 11.1.0 release notes; ISC dhcpd.conf “peer port”; ISC OMAPI “partner-port”" },
  [MFM_DIALECT_STATE] = {
    MFM_WIRE_MEMBER_STATE, 0, MFM_DIALECT_INFERRED,
    "Micetro admin manual (State column)" },
  [MFM_DIALECT_PORT] = {
    MFM_WIRE_MEMBER_PORT, 0, MFM_DIALECT_INFERRED,
    "Micetro admin manual (parameter Port)" },
  [MFM_DIALECT_LOAD_BALANCE_MAX_SECONDS] = {
    MFM_WIRE_MEMBER_LOAD_BALANCE_MAX_SECONDS, 0, MFM_DIALECT_INFERRED,
    "Micetro admin manual (parameter LoadBalanceMaxSeconds)" },
  [MFM_DIALECT_MAX_RESPONSE_DELAY] = {
    MFM_WIRE_MEMBER_MAX_RESPONSE_DELAY, 0, MFM_DIALECT_INFERRED,
    "Micetro admin manual (parameter MaxResponseDelay)" },
  [MFM_DIALECT_MAX_UNACKED_UPDATES] = {
    MFM_WIRE_MEMBER_MAX_UNACKED_UPDATES, 0, MFM_DIALECT_INFERRED,
    "Micetro admin manual (parameter MaxUnackedUpdates)" },
  [MFM_DIALECT_FAILOVER_SERVER_TYPE] = {
    MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE, 0, MFM_DIALECT_DOCUMENTED,
    "Micetro WSDL 2017; mm_json_client types.json" },
  [MFM_DIALECT_SAFE_PERIOD] = {
    MFM_WIRE_MEMBER_SAFE_PERIOD, 0, MFM_DIALECT_DOCUMENTED,
    "Micetro WSDL 2017; mm_json_client types.json" },
  [MFM_DIALECT_FAILOVER_MODE] = {
    MFM_WIRE_MEMBER_FAILOVER_MODE, 0, MFM_DIALECT_DOCUMENTED,
    "Micetro WSDL 2017; mm_json_client types.json" },
  [MFM_DIALECT_SCOPE_REFS] = {
    MFM_WIRE_MEMBER_SCOPE_REFS, 0, MFM_DIALECT_DOCUMENTED,
    "Micetro WSDL 2017; mm_json_client types.json" },
  [MFM_DIALECT_SCOPE_RANGE] = {
    MFM_WIRE_MEMBER_SCOPE_RANGE, 0, MFM_DIALECT_INFERRED,
    "a third party’s reading of the Micetro 26.1.0 REST schema" },
  [MFM_DIALECT_SCOPE_RANGE_REF] = {
    MFM_WIRE_MEMBER_SCOPE_RANGE_REF, 0, MFM_DIALECT_DOCUMENTED,
    "Micetro WSDL 2017; mm_json_client types.json; smart_proxy_dhcp_menandmice" },
  [MFM_DIALECT_POOL_FROM] = {
    MFM_WIRE_MEMBER_POOL_FROM, 0, MFM_DIALECT_DOCUMENTED,
    "Micetro WSDL 2017; mm_json_client types.json; ansible_micetro dhcpaddresspool" },
  [MFM_DIALECT_POOL_TO] = {
    MFM_WIRE_MEMBER_POOL_TO, 0, MFM_DIALECT_DOCUMENTED,
    "Micetro WSDL 2017; mm_json_client types.json; ansible_micetro dhcpaddresspool" },
};

static void
update_wire (MfmDialect *self)
{
  MfmWireMember members = mfm_wire_dialect_default.members & ~RELATIONSHIP_MEMBERS;

  if (self->n_relationships == 0)
    {
      self->wire = mfm_wire_dialect_default;
      return;
    }

  /* The server's own relationship objects decide; the partner port keeps the inferred default
   * unless they carry only the other candidate. */
  members |= self->seen & RELATIONSHIP_MEMBERS;
  if ((members & MFM_WIRE_MEMBER_PARTNER_PORT) != 0 && (members & MFM_WIRE_MEMBER_PEER_PORT) != 0)
    members &= ~MFM_WIRE_MEMBER_PARTNER_PORT;
  if ((members & (MFM_WIRE_MEMBER_PEER_PORT | MFM_WIRE_MEMBER_PARTNER_PORT)) == 0)
    members |= MFM_WIRE_MEMBER_PEER_PORT;

  self->wire.members = members;
  self->wire.add_members = self->seen & MFM_WIRE_ADD_OPTIONAL_MEMBERS;
  /* A safe period is only sent with a value this server showed. */
  if (!self->has_safe_period)
    self->wire.add_members &= ~MFM_WIRE_MEMBER_SAFE_PERIOD;
  self->wire.safe_period = self->safe_period;
}

static void
mfm_dialect_class_init (MfmDialectClass *klass)
{
}

static void
mfm_dialect_init (MfmDialect *self)
{
  self->wire = mfm_wire_dialect_default;
}

MfmDialect *
mfm_dialect_new (void)
{
  return g_object_new (MFM_TYPE_DIALECT, NULL);
}

void
mfm_dialect_reset (MfmDialect *self)
{
  g_return_if_fail (MFM_IS_DIALECT (self));

  self->n_relationships = 0;
  self->seen = 0;
  self->has_safe_period = FALSE;
  self->safe_period = 0;
  update_wire (self);
}

void
mfm_dialect_learn_relationships (MfmDialect    *self,
                                 guint          n_objects,
                                 MfmWireMember  members,
                                 gboolean       has_safe_period,
                                 guint          safe_period)
{
  g_return_if_fail (MFM_IS_DIALECT (self));

  if (n_objects == 0)
    return;

  self->n_relationships += n_objects;
  self->seen |= members & RELATIONSHIP_MEMBERS;
  if (has_safe_period)
    {
      self->has_safe_period = TRUE;
      self->safe_period = safe_period;
    }
  update_wire (self);
}

void
mfm_dialect_learn_members (MfmDialect    *self,
                           MfmWireMember  members)
{
  g_return_if_fail (MFM_IS_DIALECT (self));

  self->seen |= members & ~RELATIONSHIP_MEMBERS;
  update_wire (self);
}

const MfmWireDialect *
mfm_dialect_get_wire (MfmDialect *self)
{
  g_return_val_if_fail (MFM_IS_DIALECT (self), &mfm_wire_dialect_default);

  return &self->wire;
}

guint
mfm_dialect_get_n_relationships (MfmDialect *self)
{
  g_return_val_if_fail (MFM_IS_DIALECT (self), 0);

  return self->n_relationships;
}

char *
mfm_dialect_dup_candidates (MfmDialectAssumption assumption)
{
  g_return_val_if_fail (assumption < MFM_DIALECT_N_ASSUMPTIONS, NULL);

  if (assumptions[assumption].second == 0)
    return g_strdup (mfm_wire_member_name (assumptions[assumption].first));

  return g_strdup_printf ("%s, %s", mfm_wire_member_name (assumptions[assumption].first),
                          mfm_wire_member_name (assumptions[assumption].second));
}

MfmDialectEvidence
mfm_dialect_get_evidence (MfmDialectAssumption assumption)
{
  g_return_val_if_fail (assumption < MFM_DIALECT_N_ASSUMPTIONS, MFM_DIALECT_INFERRED);

  return assumptions[assumption].evidence;
}

const char *
mfm_dialect_get_source (MfmDialectAssumption assumption)
{
  g_return_val_if_fail (assumption < MFM_DIALECT_N_ASSUMPTIONS, NULL);

  return assumptions[assumption].source;
}

gboolean
mfm_dialect_is_seen (MfmDialect           *self,
                     MfmDialectAssumption  assumption)
{
  MfmWireMember members;

  g_return_val_if_fail (MFM_IS_DIALECT (self), FALSE);
  g_return_val_if_fail (assumption < MFM_DIALECT_N_ASSUMPTIONS, FALSE);

  members = assumptions[assumption].first | assumptions[assumption].second;
  return (self->seen & members) != 0;
}

const char *
mfm_dialect_get_chosen (MfmDialect           *self,
                        MfmDialectAssumption  assumption)
{
  MfmWireMember member;

  g_return_val_if_fail (MFM_IS_DIALECT (self), NULL);
  g_return_val_if_fail (assumption < MFM_DIALECT_N_ASSUMPTIONS, NULL);

  member = assumptions[assumption].first;
  switch (assumption)
    {
    case MFM_DIALECT_PARTNER_PORT:
      if ((self->wire.members & MFM_WIRE_MEMBER_PEER_PORT) == 0)
        member = MFM_WIRE_MEMBER_PARTNER_PORT;
      break;
    case MFM_DIALECT_FAILOVER_SERVER_TYPE:
    case MFM_DIALECT_SAFE_PERIOD:
    case MFM_DIALECT_FAILOVER_MODE:
    case MFM_DIALECT_SCOPE_REFS:
      if ((self->wire.add_members & member) == 0)
        return NULL;
      break;
    case MFM_DIALECT_STATE:
    case MFM_DIALECT_PORT:
    case MFM_DIALECT_LOAD_BALANCE_MAX_SECONDS:
    case MFM_DIALECT_MAX_RESPONSE_DELAY:
    case MFM_DIALECT_MAX_UNACKED_UPDATES:
    case MFM_DIALECT_SCOPE_RANGE:
    case MFM_DIALECT_SCOPE_RANGE_REF:
    case MFM_DIALECT_POOL_FROM:
    case MFM_DIALECT_POOL_TO:
    case MFM_DIALECT_N_ASSUMPTIONS:
    default:
      break;
    }

  return mfm_wire_member_name (member);
}
