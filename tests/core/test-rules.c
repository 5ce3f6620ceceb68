/* test-rules.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-rules"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "mfm-rules.h"

#define NONE (-1)

typedef struct
{
  MfmInventory *inventory;
  GListStore   *staged;
} Fixture;

static void
add_server (MfmInventory *inventory,
            const char   *ref,
            const char   *name,
            const char   *type,
            const char   *state)
{
  g_autoptr(MfmServer) server = mfm_server_new (ref, name, "10.0.0.1", type, state);

  mfm_inventory_add_server (inventory, server);
}

static MfmRelationship *
make_relationship (const char *name,
                   const char *primary_ref,
                   const char *primary,
                   const char *secondary_ref,
                   const char *secondary)
{
  MfmRelationship *relationship = mfm_relationship_new ();

  g_object_set (relationship,
                "name", name,
                "primary-server-ref", primary_ref,
                "primary-server", primary,
                "secondary-server-ref", secondary_ref,
                "secondary-server", secondary,
                NULL);

  return relationship;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MfmRelationship) taken = NULL;
  g_autoptr(MfmRelationship) far = NULL;

  fixture->inventory = mfm_inventory_new ();
  fixture->staged = g_list_store_new (MFM_TYPE_RELATIONSHIP);

  add_server (fixture->inventory, "dhcpServers/1", "dc1.example.com.", "ISC", "OK");
  add_server (fixture->inventory, "dhcpServers/2", "dc2.example.com.", "ISC", "OK");
  add_server (fixture->inventory, "dhcpServers/3", "dc3.example.com.", "ISC", "OK");
  add_server (fixture->inventory, "dhcpServers/4", "dc4.example.com.", "ISC", "Unreachable");
  add_server (fixture->inventory, "dhcpServers/5", "ms1.example.com.", "MSDHCP", "OK");
  add_server (fixture->inventory, "dhcpServers/6", "kea1.example.com.", "KEA DHCPv4", "OK");

  /* dc1 already pairs with dc3; dc3 and dc4 have a relationship dc1 is no part of. */
  taken = make_relationship ("taken", "dhcpServers/1", "dc1.example.com.", "dhcpServers/3", "dc3.example.com.");
  far = make_relationship ("far", "dhcpServers/3", "dc3.example.com.", "dhcpServers/4", "dc4.example.com.");
  mfm_inventory_add_relationship (fixture->inventory, taken);
  mfm_inventory_add_relationship (fixture->inventory, far);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->inventory);
  g_clear_object (&fixture->staged);
}

/* A form that passes every rule, from dc1 to dc2. */
static MfmRelationshipInput
valid_input (void)
{
  MfmRelationshipInput input = {
    .name = "dc1-dc2",
    .partner_server = "dc2.example.com.",
    .port = "647",
    .peer_port = "647",
    .mclt = "3600",
    .max_response_delay = "60",
    .load_balance_max_seconds = "3",
    .max_unacked_updates = "10",
    .percentage = "50",
  };

  return input;
}

static MfmRuleContext
context_for (Fixture *fixture)
{
  MfmRuleContext context = {
    .inventory = fixture->inventory,
    .primary_server_ref = "dhcpServers/1",
    .editing_name = NULL,
    .staged_relationships = G_LIST_MODEL (fixture->staged),
  };

  return context;
}

static const char **
input_slot (MfmRelationshipInput *input,
            MfmField              field)
{
  switch (field)
    {
    case MFM_FIELD_NAME: return &input->name;
    case MFM_FIELD_PARTNER_SERVER: return &input->partner_server;
    case MFM_FIELD_PORT: return &input->port;
    case MFM_FIELD_PEER_PORT: return &input->peer_port;
    case MFM_FIELD_MCLT: return &input->mclt;
    case MFM_FIELD_MAX_RESPONSE_DELAY: return &input->max_response_delay;
    case MFM_FIELD_LOAD_BALANCE_MAX_SECONDS: return &input->load_balance_max_seconds;
    case MFM_FIELD_MAX_UNACKED_UPDATES: return &input->max_unacked_updates;
    case MFM_FIELD_PERCENTAGE: return &input->percentage;
    case MFM_FIELD_PRIMARY_SERVER:
    case MFM_N_FIELDS:
    default:
      g_assert_not_reached ();
    }
}

/* The most severe finding on @field, or NONE; also checks that no other field has any. */
static int
check_one_field (Fixture    *fixture,
                 MfmField    field,
                 const char *text,
                 const char *editing_name)
{
  MfmRelationshipInput input = valid_input ();
  MfmRuleContext context = context_for (fixture);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) for_field = NULL;

  *input_slot (&input, field) = text;
  context.editing_name = editing_name;
  findings = mfm_rules_check (&input, &context);

  for (guint i = 0; i < findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (findings, i);

      if (finding->field != field)
        g_error ("“%s” in %s also gave a finding on %s: %s",
                 text, mfm_field_get_id (field), mfm_field_get_id (finding->field), finding->message);

      /* Full, translated sentences. */
      g_assert_nonnull (finding->message);
      g_assert_true (g_ascii_isupper (finding->message[0]));
      g_assert_true (g_str_has_suffix (finding->message, "."));
    }

  for_field = mfm_findings_for_field (findings, field);
  if (for_field->len == 0)
    return NONE;

  return ((MfmFinding *) g_ptr_array_index (for_field, 0))->severity;
}

typedef struct
{
  const char *text;
  int         expected;
} Case;

static void
run_cases (Fixture    *fixture,
           MfmField    field,
           const Case *cases,
           guint       n_cases)
{
  for (guint i = 0; i < n_cases; i++)
    {
      int severity = check_one_field (fixture, field, cases[i].text, NULL);

      if (severity != cases[i].expected)
        g_error ("%s = “%s”: expected severity %d, got %d",
                 mfm_field_get_id (field), cases[i].text ? cases[i].text : "(null)",
                 cases[i].expected, severity);
    }
}

#define E MFM_SEVERITY_ERROR
#define W MFM_SEVERITY_WARNING
#define I MFM_SEVERITY_INFO

static void
test_baseline (Fixture       *fixture,
               gconstpointer  data)
{
  MfmRelationshipInput input = valid_input ();
  MfmRuleContext context = context_for (fixture);
  g_autoptr(GPtrArray) findings = mfm_rules_check (&input, &context);

  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_ports (Fixture       *fixture,
            gconstpointer  data)
{
  const Case cases[] = {
    { NULL, E }, { "", E }, { "   ", E }, { "abc", E }, { "0", E }, { "1", NONE }, { "65535", NONE },
    { "65536", E }, { "70000", E }, { "4294967295", E }, { "4294967296", E }, { "-1", E },
    { " 12 ", NONE }, { "66", NONE }, { "67", E }, { "68", E }, { "69", NONE }, { "7911", W },
    { "7910", NONE }, { "647", NONE }, { "847", NONE }, { "6 47", E }, { "0x80", E }, { "+647", E },
    { "647.0", E },
  };

  run_cases (fixture, MFM_FIELD_PORT, cases, G_N_ELEMENTS (cases));
  run_cases (fixture, MFM_FIELD_PEER_PORT, cases, G_N_ELEMENTS (cases));
}

static void
test_port_messages (Fixture       *fixture,
                    gconstpointer  data)
{
  MfmRelationshipInput input = valid_input ();
  MfmRuleContext context = context_for (fixture);
  g_autoptr(GPtrArray) findings = NULL;
  MfmFinding *finding;

  input.port = "70000";
  input.peer_port = "647";
  findings = mfm_rules_check (&input, &context);
  g_assert_cmpuint (findings->len, ==, 1);
  finding = g_ptr_array_index (findings, 0);
  g_assert_cmpint (finding->field, ==, MFM_FIELD_PORT);
  g_assert_cmpstr (finding->message, ==, "Port must be a whole number from 1 to 65535.");

  /* Same port on both sides is fine (distinct addresses). */
  g_clear_pointer (&findings, g_ptr_array_unref);
  input.port = "1647";
  input.peer_port = "1647";
  findings = mfm_rules_check (&input, &context);
  g_assert_cmpuint (findings->len, ==, 0);
}

static void
test_mclt (Fixture       *fixture,
           gconstpointer  data)
{
  const Case cases[] = {
    { NULL, E }, { "", E }, { "abc", E }, { "0", E }, { "1", W }, { "299", W }, { "300", NONE },
    { "3600", NONE }, { "65535", NONE }, { "65536", NONE }, { "86400", NONE }, { "86401", W },
    { "4294967295", W }, { "4294967296", E }, { "-1", E }, { " 12 ", W }, { " 3600 ", NONE },
    { "1h", E }, { "99999999999999999999999", E },
  };

  run_cases (fixture, MFM_FIELD_MCLT, cases, G_N_ELEMENTS (cases));
}

static void
test_max_response_delay (Fixture       *fixture,
                         gconstpointer  data)
{
  const Case cases[] = {
    { NULL, E }, { "", E }, { "abc", E }, { "0", E }, { "1", W }, { "9", W }, { "10", NONE },
    { "65535", NONE }, { "65536", NONE }, { "4294967295", NONE }, { "4294967296", E },
    { "-1", E }, { "-5", E }, { " 12 ", NONE }, { " 5 ", W },
  };

  run_cases (fixture, MFM_FIELD_MAX_RESPONSE_DELAY, cases, G_N_ELEMENTS (cases));
}

static void
test_load_balance (Fixture       *fixture,
                   gconstpointer  data)
{
  const Case cases[] = {
    { NULL, E }, { "", E }, { "abc", E }, { "0", W }, { "1", I }, { "3", NONE }, { "4", I },
    { "5", NONE }, { "65535", I }, { "65536", I }, { "4294967295", I }, { "4294967296", E },
    { "-1", E }, { "-3", E }, { " 12 ", I }, { " 3 ", NONE },
  };
  MfmRelationshipInput input = valid_input ();
  MfmRuleContext context = context_for (fixture);
  g_autoptr(GPtrArray) findings = NULL;

  run_cases (fixture, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, cases, G_N_ELEMENTS (cases));

  input.load_balance_max_seconds = "0";
  findings = mfm_rules_check (&input, &context);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpstr (((MfmFinding *) g_ptr_array_index (findings, 0))->message, ==,
                   "Load balancing is off: both servers answer every client.");
}

static void
test_max_unacked (Fixture       *fixture,
                  gconstpointer  data)
{
  const Case cases[] = {
    { NULL, E }, { "", E }, { "abc", E }, { "0", E }, { "1", I }, { "10", NONE }, { "11", I },
    { "65535", I }, { "65536", I }, { "4294967295", I }, { "4294967296", E }, { "-1", E },
    { " 12 ", I }, { " 10 ", NONE },
  };

  run_cases (fixture, MFM_FIELD_MAX_UNACKED_UPDATES, cases, G_N_ELEMENTS (cases));
}

static void
test_percentage (Fixture       *fixture,
                 gconstpointer  data)
{
  const Case cases[] = {
    { NULL, E }, { "", E }, { "abc", E }, { "0", I }, { "1", NONE }, { "50", NONE }, { "99", NONE },
    { "100", I }, { "101", E }, { "65535", E }, { "65536", E }, { "4294967295", E },
    { "4294967296", E }, { "-1", E }, { " 12 ", NONE }, { "50%", E }, { "33.3", E },
  };

  run_cases (fixture, MFM_FIELD_PERCENTAGE, cases, G_N_ELEMENTS (cases));
}

static void
test_name (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *name63 = g_strnfill (63, 'a');
  g_autofree char *name64 = g_strnfill (64, 'a');
  const Case cases[] = {
    { NULL, E }, { "", E }, { "  ", E }, { "a", NONE }, { "1abc", NONE }, { "a.b_c-d", NONE },
    { name63, NONE }, { name64, E }, { "-abc", E }, { "_abc", E }, { ".abc", E }, { "a b", E },
    { "a\"b", E }, { "fo/test", E }, { "fö", E }, { " abc", E }, { "abc;", E },
    /* Duplicates: "taken" pairs dc1 (the primary) with dc3. Names compare without case. */
    { "taken", E }, { "TAKEN", E },
    /* "far" belongs to dc3 and dc4, neither of which is in this form. */
    { "far", NONE },
  };
  MfmRelationshipInput input = valid_input ();
  MfmRuleContext context = context_for (fixture);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(MfmRelationship) staged = NULL;

  run_cases (fixture, MFM_FIELD_NAME, cases, G_N_ELEMENTS (cases));

  /* The relationship being edited keeps its own name. */
  g_assert_cmpint (check_one_field (fixture, MFM_FIELD_NAME, "taken", "taken"), ==, NONE);

  /* "far" clashes once the partner is one of its servers. */
  input.name = "far";
  input.partner_server = "dc3.example.com";
  findings = mfm_rules_check (&input, &context);
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_NAME, MFM_SEVERITY_ERROR));

  /* Staged, not yet saved relationships count too. */
  staged = make_relationship ("staged-one", "dhcpServers/2", "dc2.example.com.", "dhcpServers/4", "dc4.example.com.");
  g_list_store_append (fixture->staged, staged);
  g_assert_cmpint (check_one_field (fixture, MFM_FIELD_NAME, "staged-one", NULL), ==, E);
  g_assert_cmpint (check_one_field (fixture, MFM_FIELD_NAME, "staged-two", NULL), ==, NONE);
}

static void
test_partner (Fixture       *fixture,
              gconstpointer  data)
{
  const Case cases[] = {
    { NULL, E }, { "", E }, { "dc1.example.com.", E }, { "dc1.example.com", E },
    { "ms1.example.com.", E }, { "kea1.example.com.", E }, { "nowhere.example.com.", E },
    { "dc4.example.com.", W }, { "dc2.example.com", NONE }, { "DC2.example.com.", NONE },
  };
  MfmRelationshipInput input = valid_input ();
  MfmRuleContext context = context_for (fixture);
  g_autoptr(GPtrArray) findings = NULL;

  run_cases (fixture, MFM_FIELD_PARTNER_SERVER, cases, G_N_ELEMENTS (cases));

  /* dc1 and dc3 already have "taken" (on 647/647): on other ports that is only a hint. */
  input.partner_server = "dc3.example.com.";
  input.port = "1647";
  input.peer_port = "1847";
  findings = mfm_rules_check (&input, &context);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (((MfmFinding *) g_ptr_array_index (findings, 0))->field, ==, MFM_FIELD_PARTNER_SERVER);
  g_assert_cmpint (((MfmFinding *) g_ptr_array_index (findings, 0))->severity, ==, I);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Editing "taken" itself: no other relationship for the pair. */
  g_assert_cmpint (check_one_field (fixture, MFM_FIELD_PARTNER_SERVER, "dc3.example.com.", "taken"), ==, NONE);

  input.partner_server = "ms1.example.com.";
  findings = mfm_rules_check (&input, &context);
  g_assert_cmpstr (((MfmFinding *) g_ptr_array_index (findings, 0))->message, ==,
                   "The partner server must be an ISC DHCP server.");
}

/* The severity of the most severe finding on @field, or NONE. */
static int
severity_on (GPtrArray *findings,
             MfmField   field)
{
  g_autoptr(GPtrArray) for_field = mfm_findings_for_field (findings, field);

  return for_field->len > 0 ? (int) ((MfmFinding *) g_ptr_array_index (for_field, 0))->severity : NONE;
}

/* Two relationships of the same two servers on the same port: dhcpd -t takes it, but the
 * running pair gives every connection to one peer and rejects the other (measured with two
 * dhcpd 4.4.3 in network namespaces), so it is an error on the port that is shared. */
static void
test_shared_ports (Fixture       *fixture,
                   gconstpointer  data)
{
  const struct
  {
    const char *partner;
    const char *port;
    const char *peer_port;
    int         on_port;
    int         on_peer_port;
  } cases[] = {
    /* "taken": dc1 (primary) listens on 647, dc3 on 647. */
    { "dc3.example.com.", "647", "647", E, E },
    { "dc3.example.com.", "647", "648", E, NONE },
    { "dc3.example.com.", "646", "647", NONE, E },
    { "dc3.example.com.", "648", "646", NONE, NONE },
    /* Another pair on the same ports is fine: the peer addresses differ. */
    { "dc2.example.com.", "647", "647", NONE, NONE },
  };
  MfmRuleContext context = context_for (fixture);
  g_autoptr(MfmRelationship) reversed = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      MfmRelationshipInput input = valid_input ();
      g_autoptr(GPtrArray) findings = NULL;
      g_autoptr(GPtrArray) on_port = NULL;

      input.name = "second";
      input.partner_server = cases[i].partner;
      input.port = cases[i].port;
      input.peer_port = cases[i].peer_port;
      findings = mfm_rules_check (&input, &context);
      g_test_message ("%s %s/%s", cases[i].partner, cases[i].port, cases[i].peer_port);
      g_assert_cmpint (severity_on (findings, MFM_FIELD_PORT), ==, cases[i].on_port);
      g_assert_cmpint (severity_on (findings, MFM_FIELD_PEER_PORT), ==, cases[i].on_peer_port);
      on_port = mfm_findings_for_field (findings, MFM_FIELD_PORT);
      if (cases[i].on_port == E)
        g_assert_nonnull (strstr (((MfmFinding *) g_ptr_array_index (on_port, 0))->message,
                                  "never reaches Normal"));
    }

  /* Editing "taken" itself does not clash with itself. */
  {
    MfmRelationshipInput input = valid_input ();
    g_autoptr(GPtrArray) findings = NULL;

    input.name = "taken";
    input.partner_server = "dc3.example.com.";
    context.editing_name = "taken";
    findings = mfm_rules_check (&input, &context);
    g_assert_cmpint (severity_on (findings, MFM_FIELD_PORT), ==, NONE);
    context.editing_name = NULL;
  }

  /* Roles the other way round: dc3 is primary on 700, dc1 listens on its peer port 800. */
  reversed = make_relationship ("reversed", "dhcpServers/3", "dc3.example.com.", "dhcpServers/1", "dc1.example.com.");
  mfm_relationship_set_port (reversed, 700);
  mfm_relationship_set_peer_port (reversed, 800);
  g_list_store_append (fixture->staged, reversed);
  {
    MfmRelationshipInput input = valid_input ();
    g_autoptr(GPtrArray) findings = NULL;

    input.name = "third";
    input.partner_server = "dc3.example.com.";
    input.port = "800";
    input.peer_port = "700";
    findings = mfm_rules_check (&input, &context);
    g_assert_cmpint (severity_on (findings, MFM_FIELD_PORT), ==, E);
    g_assert_cmpint (severity_on (findings, MFM_FIELD_PEER_PORT), ==, E);
    g_clear_pointer (&findings, g_ptr_array_unref);

    input.port = "700";
    input.peer_port = "800";
    findings = mfm_rules_check (&input, &context);
    g_assert_cmpint (severity_on (findings, MFM_FIELD_PORT), ==, NONE);
    g_assert_cmpint (severity_on (findings, MFM_FIELD_PEER_PORT), ==, NONE);
  }
}

/* A primary that is not OK is warned about, like a partner that is not. */
static void
test_primary_state (Fixture       *fixture,
                    gconstpointer  data)
{
  MfmRelationshipInput input = valid_input ();
  MfmRuleContext context = context_for (fixture);
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(MfmRelationship) relationship = NULL;

  findings = mfm_rules_check (&input, &context);
  g_assert_cmpint (severity_on (findings, MFM_FIELD_PRIMARY_SERVER), ==, NONE);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* dc4 is Unreachable; dc2 is fine as its partner. */
  context.primary_server_ref = "dhcpServers/4";
  input.name = "dc4-dc2";
  findings = mfm_rules_check (&input, &context);
  g_assert_cmpuint (findings->len, ==, 1);
  g_assert_cmpint (severity_on (findings, MFM_FIELD_PRIMARY_SERVER), ==, W);
  g_assert_cmpstr (((MfmFinding *) g_ptr_array_index (findings, 0))->message, ==,
                   "The primary server is not in the OK state, so it may not get the new configuration.");
  g_assert_cmpstr (mfm_field_get_label (MFM_FIELD_PRIMARY_SERVER), ==, "Primary server");
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* The same for a relationship already made ("far" has dc3 as primary, OK). */
  relationship = make_relationship ("dc4-dc2", "dhcpServers/4", "dc4.example.com.", "dhcpServers/2", "dc2.example.com.");
  findings = mfm_rules_check_relationship (relationship, &context);
  g_assert_cmpint (severity_on (findings, MFM_FIELD_PRIMARY_SERVER), ==, W);
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  MfmRelationshipInput input = {
    .name = "",
    .partner_server = "dc4.example.com.",   /* warning */
    .port = "7911",                          /* warning */
    .peer_port = "0",                        /* error */
    .mclt = "60",                            /* warning */
    .max_response_delay = "",                /* error */
    .load_balance_max_seconds = "4",         /* info */
    .max_unacked_updates = "20",             /* info */
    .percentage = "100",                     /* info */
  };
  MfmRuleContext context = context_for (fixture);
  g_autoptr(GPtrArray) findings = mfm_rules_check (&input, &context);
  const struct { MfmField field; MfmSeverity severity; } expected[] = {
    { MFM_FIELD_NAME, E }, { MFM_FIELD_PEER_PORT, E }, { MFM_FIELD_MAX_RESPONSE_DELAY, E },
    { MFM_FIELD_PARTNER_SERVER, W }, { MFM_FIELD_PORT, W }, { MFM_FIELD_MCLT, W },
    { MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, I }, { MFM_FIELD_MAX_UNACKED_UPDATES, I },
    { MFM_FIELD_PERCENTAGE, I },
  };

  g_assert_cmpuint (findings->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (findings, i);

      g_assert_cmpint (finding->field, ==, expected[i].field);
      g_assert_cmpint (finding->severity, ==, expected[i].severity);
    }

  g_assert_true (mfm_findings_has_severity (findings, -1, MFM_SEVERITY_ERROR));
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_PORT, MFM_SEVERITY_WARNING));
  g_assert_false (mfm_findings_has_severity (findings, MFM_FIELD_PORT, MFM_SEVERITY_ERROR));
  g_assert_false (mfm_findings_has_severity (NULL, -1, MFM_SEVERITY_ERROR));
}

static void
test_check_relationship (Fixture       *fixture,
                         gconstpointer  data)
{
  MfmRuleContext context = context_for (fixture);
  MfmRelationship *taken = mfm_inventory_lookup_relationship (fixture->inventory, "taken");
  g_autoptr(GPtrArray) findings = NULL;

  /* A relationship in the inventory is not a duplicate of itself. */
  findings = mfm_rules_check_relationship (taken, &context);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  mfm_relationship_set_load_balance_max_seconds (taken, 0);
  mfm_relationship_set_mclt (taken, 100000);
  mfm_relationship_set_port (taken, 70000);
  findings = mfm_rules_check_relationship (taken, &context);
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_PORT, MFM_SEVERITY_ERROR));
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_MCLT, MFM_SEVERITY_WARNING));
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, MFM_SEVERITY_WARNING));
  g_assert_cmpuint (findings->len, ==, 3);
  g_clear_pointer (&findings, g_ptr_array_unref);

  /* Servers named without refs are still recognised: here the partner is the primary. */
  {
    g_autoptr(MfmRelationship) named = make_relationship ("named", NULL, "dc2.example.com.", NULL, "DC2.example.com");

    findings = mfm_rules_check_relationship (named, &context);
    g_assert_cmpuint (findings->len, ==, 1);
    g_assert_cmpstr (((MfmFinding *) g_ptr_array_index (findings, 0))->message, ==,
                     "The partner server must be a different server from the primary.");
  }
}

/* The form with every number at the field table's default, from dc1 to dc2; @numbers holds
 * the texts, indexed by field. */
static void
default_texts (const char *texts[MFM_N_FIELDS],
               char       *numbers[MFM_N_FIELDS])
{
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      texts[field] = NULL;
      numbers[field] = NULL;
      if (mfm_field_is_number (field))
        texts[field] = numbers[field] = g_strdup_printf ("%u", mfm_field_get_default (field));
    }
  texts[MFM_FIELD_NAME] = "dc1-dc2";
  texts[MFM_FIELD_PARTNER_SERVER] = "dc2.example.com.";
}

/* Whether checking the defaults with @field set to @text gives an error, and only on @field. */
static gboolean
texts_error_on (Fixture    *fixture,
                MfmField    field,
                const char *text)
{
  MfmRuleContext context = context_for (fixture);
  const char *texts[MFM_N_FIELDS];
  char *numbers[MFM_N_FIELDS];
  g_autoptr(GPtrArray) findings = NULL;
  gboolean error = FALSE;

  default_texts (texts, numbers);
  texts[field] = text;
  findings = mfm_rules_check_texts (texts, &context);
  for (guint i = 0; i < findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity != MFM_SEVERITY_ERROR)
        continue;
      if (finding->field != field)
        g_error ("%s = “%s” gave an error on %s: %s", mfm_field_get_id (field), text,
                 mfm_field_get_id (finding->field), finding->message);
      error = TRUE;
    }
  for (guint f = 0; f < MFM_N_FIELDS; f++)
    g_free (numbers[f]);

  return error;
}

/* The table drives the rules: each number is accepted from its minimum to its maximum and
 * refused just outside, and the defaults pass. */
static void
test_field_table_ranges (Fixture       *fixture,
                         gconstpointer  data)
{
  guint n_numbers = 0;

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      guint minimum;
      guint maximum;
      g_autofree char *at_default = NULL;
      g_autofree char *at_minimum = NULL;
      g_autofree char *at_maximum = NULL;
      g_autofree char *below = NULL;
      g_autofree char *above = NULL;

      if (!mfm_field_is_number (field))
        continue;

      n_numbers++;
      minimum = mfm_field_get_minimum (field);
      maximum = mfm_field_get_maximum (field);
      g_assert_cmpuint (minimum, <=, mfm_field_get_default (field));
      g_assert_cmpuint (mfm_field_get_default (field), <=, maximum);

      at_default = g_strdup_printf ("%u", mfm_field_get_default (field));
      at_minimum = g_strdup_printf ("%u", minimum);
      at_maximum = g_strdup_printf ("%u", maximum);
      below = minimum > 0 ? g_strdup_printf ("%u", minimum - 1) : g_strdup ("-1");
      above = g_strdup_printf ("%" G_GUINT64_FORMAT, (guint64) maximum + 1);

      g_test_message ("%s: %s to %s", mfm_field_get_id (field), at_minimum, at_maximum);
      g_assert_false (texts_error_on (fixture, field, at_default));
      g_assert_false (texts_error_on (fixture, field, at_minimum));
      g_assert_false (texts_error_on (fixture, field, at_maximum));
      g_assert_true (texts_error_on (fixture, field, below));
      g_assert_true (texts_error_on (fixture, field, above));
      g_assert_true (texts_error_on (fixture, field, ""));
      g_assert_true (texts_error_on (fixture, field, "12a"));
    }

  g_assert_cmpuint (n_numbers, ==, 7);
}

/* The texts by field and the texts by name are the same form. */
static void
test_check_texts_matches_input (Fixture       *fixture,
                                gconstpointer  data)
{
  MfmRuleContext context = context_for (fixture);
  MfmRelationshipInput input = valid_input ();
  const char *texts[MFM_N_FIELDS] = { NULL };
  g_autoptr(GPtrArray) by_name = NULL;
  g_autoptr(GPtrArray) by_field = NULL;

  input.port = "7911";
  input.mclt = "0";
  input.percentage = "100";
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (field != MFM_FIELD_PRIMARY_SERVER)
        texts[field] = *input_slot (&input, field);
    }

  by_name = mfm_rules_check (&input, &context);
  by_field = mfm_rules_check_texts (texts, &context);
  g_assert_cmpuint (by_name->len, ==, 3);
  g_assert_cmpuint (by_field->len, ==, by_name->len);
  for (guint i = 0; i < by_name->len; i++)
    {
      MfmFinding *a = g_ptr_array_index (by_name, i);
      MfmFinding *b = g_ptr_array_index (by_field, i);

      g_assert_cmpint (a->field, ==, b->field);
      g_assert_cmpint (a->severity, ==, b->severity);
      g_assert_cmpstr (a->message, ==, b->message);
    }
}

static void
test_parse_uint (void)
{
  guint64 value = 0;

  g_assert_true (mfm_parse_uint ("0", 10, &value));
  g_assert_cmpuint (value, ==, 0);
  g_assert_true (mfm_parse_uint ("  7\t", 10, &value));
  g_assert_cmpuint (value, ==, 7);
  g_assert_true (mfm_parse_uint ("10", 10, &value));
  g_assert_false (mfm_parse_uint ("11", 10, &value));
  g_assert_true (mfm_parse_uint ("007", 10, &value));
  g_assert_cmpuint (value, ==, 7);
  g_assert_true (mfm_parse_uint ("18446744073709551615", G_MAXUINT64, &value));
  g_assert_cmpuint (value, ==, G_MAXUINT64);
  g_assert_false (mfm_parse_uint ("18446744073709551616", G_MAXUINT64, &value));
  g_assert_false (mfm_parse_uint ("4294967296", G_MAXUINT32, &value));
  g_assert_true (mfm_parse_uint ("4294967295", G_MAXUINT32, &value));
  g_assert_false (mfm_parse_uint ("+7", 10, &value));
  g_assert_false (mfm_parse_uint ("-0", 10, &value));
  g_assert_false (mfm_parse_uint ("7a", 10, &value));
  g_assert_false (mfm_parse_uint ("1 2", 100, &value));
  g_assert_false (mfm_parse_uint ("", 10, &value));
  g_assert_false (mfm_parse_uint ("  ", 10, &value));
  g_assert_false (mfm_parse_uint (NULL, 10, &value));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/rules/baseline", test_baseline);
  ADD ("/core/rules/ports", test_ports);
  ADD ("/core/rules/port-messages", test_port_messages);
  ADD ("/core/rules/mclt", test_mclt);
  ADD ("/core/rules/max-response-delay", test_max_response_delay);
  ADD ("/core/rules/load-balance-max-seconds", test_load_balance);
  ADD ("/core/rules/max-unacked-updates", test_max_unacked);
  ADD ("/core/rules/percentage", test_percentage);
  ADD ("/core/rules/name", test_name);
  ADD ("/core/rules/partner", test_partner);
  ADD ("/core/rules/order", test_order);
  ADD ("/core/rules/shared-ports", test_shared_ports);
  ADD ("/core/rules/primary-state", test_primary_state);
  ADD ("/core/rules/check-relationship", test_check_relationship);
  ADD ("/core/rules/field-table-ranges", test_field_table_ranges);
  ADD ("/core/rules/check-texts", test_check_texts_matches_input);
#undef ADD
  g_test_add_func ("/core/rules/parse-uint", test_parse_uint);

  return g_test_run ();
}
