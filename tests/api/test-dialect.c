/* test-dialect.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-dialect"

#include "config.h"

#include <string.h>

#include "mfm-dialect.h"

static MfmRelationship *
new_relationship (void)
{
  MfmRelationship *relationship = mfm_relationship_new ();

  mfm_relationship_set_name (relationship, "ams-rtm");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
  mfm_relationship_set_failover_mode (relationship, "LoadBalance");
  mfm_relationship_set_peer_port (relationship, 848);
  return relationship;
}

/* The member the Add call writes under @dialect, as the server would receive it. */
static JsonObject *
added_object (MfmDialect *dialect)
{
  g_autoptr(MfmRelationship) relationship = new_relationship ();
  g_autoptr(MfmWireCall) call = mfm_wire_call_add_relationship (relationship, NULL,
                                                                mfm_dialect_get_wire (dialect));

  return json_object_ref (json_object_get_object_member (json_node_get_object (call->params),
                                                         MFM_WIRE_PARAM_RELATIONSHIP));
}

static void
test_default_until_seen (void)
{
  g_autoptr(MfmDialect) dialect = mfm_dialect_new ();
  g_autoptr(JsonObject) object = NULL;

  g_assert_cmpuint (mfm_dialect_get_n_relationships (dialect), ==, 0);
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_PARTNER_PORT), ==, "peerPort");
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_FAILOVER_MODE), ==, "failoverMode");
  g_assert_null (mfm_dialect_get_chosen (dialect, MFM_DIALECT_FAILOVER_SERVER_TYPE));
  g_assert_null (mfm_dialect_get_chosen (dialect, MFM_DIALECT_SCOPE_REFS));
  for (guint i = 0; i < MFM_DIALECT_N_ASSUMPTIONS; i++)
    g_assert_false (mfm_dialect_is_seen (dialect, i));

  /* An answer without relationships teaches nothing. */
  mfm_dialect_learn_relationships (dialect, 0, MFM_WIRE_MEMBER_PARTNER_PORT, FALSE, 0);
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_PARTNER_PORT), ==, "peerPort");

  object = added_object (dialect);
  g_assert_cmpint (json_object_get_int_member (object, "peerPort"), ==, 848);
  g_assert_false (json_object_has_member (object, "partnerPort"));
  g_assert_true (json_object_has_member (object, "failoverMode"));
  g_assert_false (json_object_has_member (object, "dhcpScopeRefs"));
  g_assert_false (json_object_has_member (object, "safePeriod"));
}

static void
test_learns_partner_port_and_add_members (void)
{
  g_autoptr(MfmDialect) dialect = mfm_dialect_new ();
  g_autoptr(JsonObject) object = NULL;
  const MfmWireDialect *wire;

  mfm_dialect_learn_relationships (dialect, 3,
                                   MFM_WIRE_MEMBER_PARTNER_PORT | MFM_WIRE_MEMBER_PORT |
                                   MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE |
                                   MFM_WIRE_MEMBER_SAFE_PERIOD | MFM_WIRE_MEMBER_SCOPE_REFS,
                                   TRUE, 1800);
  wire = mfm_dialect_get_wire (dialect);
  g_assert_cmpuint (mfm_dialect_get_n_relationships (dialect), ==, 3);
  g_assert_true (wire->members & MFM_WIRE_MEMBER_PARTNER_PORT);
  g_assert_false (wire->members & MFM_WIRE_MEMBER_PEER_PORT);
  g_assert_false (wire->members & MFM_WIRE_MEMBER_STATE);
  g_assert_cmpuint (wire->safe_period, ==, 1800);

  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_PARTNER_PORT), ==, "partnerPort");
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_PARTNER_PORT));
  g_assert_false (mfm_dialect_is_seen (dialect, MFM_DIALECT_STATE));
  g_assert_null (mfm_dialect_get_chosen (dialect, MFM_DIALECT_FAILOVER_MODE));
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_SAFE_PERIOD), ==, "safePeriod");

  object = added_object (dialect);
  g_assert_cmpint (json_object_get_int_member (object, "partnerPort"), ==, 848);
  g_assert_false (json_object_has_member (object, "peerPort"));
  g_assert_cmpstr (json_object_get_string_member (object, "failoverServerType"), ==, "PrimaryServer");
  g_assert_cmpint (json_object_get_int_member (object, "safePeriod"), ==, 1800);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (object, "dhcpScopeRefs")), ==, 0);
  /* This server's relationships carry no failoverMode: Add leaves it out too. */
  g_assert_false (json_object_has_member (object, "failoverMode"));

  /* Forgetting goes back to the default. */
  mfm_dialect_reset (dialect);
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_PARTNER_PORT), ==, "peerPort");
  g_assert_false (mfm_dialect_is_seen (dialect, MFM_DIALECT_SAFE_PERIOD));
}

static void
test_ambiguous_and_valueless (void)
{
  g_autoptr(MfmDialect) dialect = mfm_dialect_new ();
  g_autoptr(JsonObject) object = NULL;

  /* Both candidates seen: the inferred default stays. A safe period without a value this
   * server showed is not sent. */
  mfm_dialect_learn_relationships (dialect, 1, MFM_WIRE_MEMBER_PARTNER_PORT, FALSE, 0);
  mfm_dialect_learn_relationships (dialect, 1,
                                   MFM_WIRE_MEMBER_PEER_PORT | MFM_WIRE_MEMBER_SAFE_PERIOD |
                                   MFM_WIRE_MEMBER_FAILOVER_MODE, FALSE, 0);
  g_assert_cmpuint (mfm_dialect_get_n_relationships (dialect), ==, 2);
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_PARTNER_PORT), ==, "peerPort");
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_SAFE_PERIOD));
  g_assert_null (mfm_dialect_get_chosen (dialect, MFM_DIALECT_SAFE_PERIOD));
  object = added_object (dialect);
  g_assert_true (json_object_has_member (object, "peerPort"));
  g_assert_false (json_object_has_member (object, "partnerPort"));
  g_assert_false (json_object_has_member (object, "safePeriod"));
  g_assert_true (json_object_has_member (object, "failoverMode"));

  /* Scope and pool members are recorded for the report, and do not touch the writes. */
  mfm_dialect_learn_members (dialect, MFM_WIRE_MEMBER_SCOPE_RANGE | MFM_WIRE_MEMBER_POOL_FROM |
                                      MFM_WIRE_MEMBER_PARTNER_PORT);
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_SCOPE_RANGE));
  g_assert_true (mfm_dialect_is_seen (dialect, MFM_DIALECT_POOL_FROM));
  g_assert_false (mfm_dialect_is_seen (dialect, MFM_DIALECT_POOL_TO));
  g_assert_cmpstr (mfm_dialect_get_chosen (dialect, MFM_DIALECT_PARTNER_PORT), ==, "peerPort");
}

/* The report: every assumption has candidates, evidence and a source, and none of it names a
 * server, an address or a ref. */
static void
test_report (void)
{
  g_autoptr(MfmDialect) dialect = mfm_dialect_new ();
  g_autofree char *partner = mfm_dialect_dup_candidates (MFM_DIALECT_PARTNER_PORT);
  guint n_inferred = 0;

  g_assert_cmpstr (partner, ==, "peerPort, partnerPort");
  g_assert_cmpint (mfm_dialect_get_evidence (MFM_DIALECT_PARTNER_PORT), ==, MFM_DIALECT_INFERRED);
  g_assert_cmpint (mfm_dialect_get_evidence (MFM_DIALECT_STATE), ==, MFM_DIALECT_INFERRED);
  g_assert_cmpint (mfm_dialect_get_evidence (MFM_DIALECT_POOL_FROM), ==, MFM_DIALECT_DOCUMENTED);
  g_assert_cmpint (mfm_dialect_get_evidence (MFM_DIALECT_SCOPE_RANGE_REF), ==,
                   MFM_DIALECT_DOCUMENTED);

  for (guint i = 0; i < MFM_DIALECT_N_ASSUMPTIONS; i++)
    {
      g_autofree char *candidates = mfm_dialect_dup_candidates (i);
      const char *source = mfm_dialect_get_source (i);

      g_assert_nonnull (candidates);
      g_assert_nonnull (source);
      g_assert_null (strchr (candidates, '/'));
      g_assert_null (strstr (source, "://"));
      if (mfm_dialect_get_evidence (i) == MFM_DIALECT_INFERRED)
        n_inferred++;
    }
  g_assert_cmpuint (n_inferred, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/dialect/default-until-seen", test_default_until_seen);
  g_test_add_func ("/dialect/learns", test_learns_partner_port_and_add_members);
  g_test_add_func ("/dialect/ambiguous-and-valueless", test_ambiguous_and_valueless);
  g_test_add_func ("/dialect/report", test_report);

  return g_test_run ();
}
