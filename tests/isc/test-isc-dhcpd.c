/* test-isc-dhcpd.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rendered configuration against the real ISC dhcpd (`dhcpd -t`), and the rules against
 * what dhcpd accepts although it is wrong. */

#define G_LOG_DOMAIN "mfm-test-isc-dhcpd"

#include "config.h"

#include <locale.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "mfm-isc.h"
#include "mfm-rules.h"
#include "mfm-sim-dhcpd.h"

#define DHCPD          "/usr/sbin/dhcpd"
#define PEER_NAME      "fo-test"
#define DEFAULT_SEED   20261126
#define RANDOM_SETS    500

static char *work_dir;
static guint dhcpd_runs;

static gboolean
have_dhcpd (void)
{
  if (g_file_test (DHCPD, G_FILE_TEST_IS_EXECUTABLE))
    return TRUE;

  g_test_skip ("ISC dhcpd is not installed at " DHCPD " (package isc-dhcp-server)");
  return FALSE;
}

/* Runs `dhcpd -t -4 -cf FILE` on @config; returns its exit code (-1 when it did not exit). */
static int
run_dhcpd (const char  *config,
           char       **errors)
{
  g_autofree char *path = g_build_filename (work_dir, "dhcpd.conf", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *standard_error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *timeout = g_find_program_in_path ("timeout");
  int status = 0;

  g_assert_true (g_file_set_contents (path, config, -1, &error));
  g_assert_no_error (error);

  /* A hung dhcpd must not hang the suite. */
  if (timeout != NULL)
    {
      g_ptr_array_add (argv, timeout);
      g_ptr_array_add (argv, (char *) "10");
    }
  g_ptr_array_add (argv, (char *) mfm_sim_dhcpd_get_path ());
  g_ptr_array_add (argv, (char *) "-t");
  g_ptr_array_add (argv, (char *) "-4");
  g_ptr_array_add (argv, (char *) "-cf");
  g_ptr_array_add (argv, path);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (work_dir, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                NULL, NULL, NULL, &standard_error, &status, &error);
  g_assert_no_error (error);
  dhcpd_runs++;

  if (errors != NULL)
    *errors = g_steal_pointer (&standard_error);

  if (!WIFEXITED (status))
    return -1;

  return WEXITSTATUS (status);
}

static void
assert_dhcpd_accepts (const char *config)
{
  g_autofree char *errors = NULL;
  int rc = run_dhcpd (config, &errors);

  if (rc != 0)
    g_error ("dhcpd rejected (rc %d):\n%s\n--- stderr ---\n%s", rc, config, errors);
}

/* Two ISC servers and one scope with a pool, copied to the secondary as Micetro does. */
static MfmInventory *
make_inventory (MfmRelationship *relationship)
{
  MfmInventory *inventory = mfm_inventory_new ();
  g_autoptr(MfmServer) primary = mfm_server_new ("dhcpServers/1", "dhcp-a.example.com.", "10.99.0.1", "ISC", "OK");
  g_autoptr(MfmServer) secondary = mfm_server_new ("dhcpServers/2", "dhcp-b.example.com.", "10.99.0.2", "ISC", "OK");
  g_autoptr(MfmScope) scope = mfm_scope_new ("dhcpScopes/1", "Test", "dhcpServers/1", "10.99.0.0/24");
  g_autoptr(MfmScope) copy = mfm_scope_new ("dhcpScopes/2", "Test", "dhcpServers/2", "10.99.0.0/24");
  g_autoptr(MfmScope) plain = mfm_scope_new ("dhcpScopes/3", "No failover", "dhcpServers/1", "10.98.0.0/24");
  const char *refs[] = { "dhcpScopes/1", NULL };

  mfm_inventory_add_server (inventory, primary);
  mfm_inventory_add_server (inventory, secondary);
  mfm_scope_add_pool (scope, "10.99.0.100", "10.99.0.199", mfm_relationship_get_name (relationship));
  mfm_scope_add_pool (copy, "10.99.0.100", "10.99.0.199", mfm_relationship_get_name (relationship));
  mfm_scope_add_pool (plain, "10.98.0.10", "10.98.0.20", NULL);
  mfm_inventory_add_scope (inventory, scope);
  mfm_inventory_add_scope (inventory, copy);
  mfm_inventory_add_scope (inventory, plain);

  g_object_set (relationship,
                "primary-server", "dhcp-a.example.com.",
                "primary-server-ref", "dhcpServers/1",
                "secondary-server", "dhcp-b.example.com.",
                "secondary-server-ref", "dhcpServers/2",
                NULL);
  mfm_relationship_set_scope_refs (relationship, refs);
  mfm_inventory_add_relationship (inventory, relationship);

  return inventory;
}

static void
render_both (MfmRelationship  *relationship,
             char            **primary_config,
             char            **secondary_config)
{
  g_autoptr(MfmInventory) inventory = make_inventory (relationship);
  g_autoptr(GError) error = NULL;

  *primary_config = mfm_isc_render_server_config (inventory, mfm_inventory_lookup_server (inventory, "dhcpServers/1"), &error);
  g_assert_no_error (error);
  *secondary_config = mfm_isc_render_server_config (inventory, mfm_inventory_lookup_server (inventory, "dhcpServers/2"), &error);
  g_assert_no_error (error);
}

static gboolean
has_line (const char *config,
          const char *line)
{
  g_auto(GStrv) lines = mfm_isc_split_lines (config);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_equal (g_strstrip (lines[i]), line))
        return TRUE;
    }

  return FALSE;
}

static void
test_render_shape (void)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;
  g_autofree char *reference = mfm_isc_render_pool_reference (PEER_NAME);
  const char *expected_primary =
    "failover peer \"fo-test\" {\n"
    "  primary;\n"
    "  address 10.99.0.1;\n"
    "  port 1647;\n"
    "  peer address 10.99.0.2;\n"
    "  peer port 1847;\n"
    "  max-response-delay 60;\n"
    "  max-unacked-updates 10;\n"
    "  mclt 3600;\n"
    "  split 128;\n"
    "  load balance max seconds 3;\n"
    "}\n";
  const char *expected_secondary =
    "failover peer \"fo-test\" {\n"
    "  secondary;\n"
    "  address 10.99.0.2;\n"
    "  port 1847;\n"
    "  peer address 10.99.0.1;\n"
    "  peer port 1647;\n"
    "  max-response-delay 60;\n"
    "  max-unacked-updates 10;\n"
    "  load balance max seconds 3;\n"
    "}\n";
  g_autofree char *peer = NULL;

  mfm_relationship_set_name (relationship, PEER_NAME);
  mfm_relationship_set_port (relationship, 1647);
  mfm_relationship_set_peer_port (relationship, 1847);

  peer = mfm_isc_render_peer (relationship, MFM_ISC_ROLE_PRIMARY, "10.99.0.1", "10.99.0.2");
  g_assert_cmpstr (peer, ==, expected_primary);
  g_clear_pointer (&peer, g_free);
  peer = mfm_isc_render_peer (relationship, MFM_ISC_ROLE_SECONDARY, "10.99.0.2", "10.99.0.1");
  g_assert_cmpstr (peer, ==, expected_secondary);
  g_assert_cmpstr (reference, ==, "failover peer \"fo-test\";");

  render_both (relationship, &primary, &secondary);
  g_assert_nonnull (strstr (primary, expected_primary));
  g_assert_nonnull (strstr (secondary, expected_secondary));
  g_assert_true (has_line (primary, "authoritative;"));
  g_assert_true (has_line (primary, "ddns-update-style none;"));
  g_assert_true (has_line (primary, "subnet 10.99.0.0 netmask 255.255.255.0 {"));
  g_assert_true (has_line (primary, "failover peer \"fo-test\";"));
  g_assert_true (has_line (primary, "range 10.99.0.100 10.99.0.199;"));
  /* The scope without a peer keeps its pool, with no peer line. */
  g_assert_true (has_line (primary, "range 10.98.0.10 10.98.0.20;"));
  g_assert_false (has_line (secondary, "range 10.98.0.10 10.98.0.20;"));
  g_assert_false (has_line (secondary, "mclt 3600;"));
  g_assert_false (has_line (secondary, "split 128;"));
  /* The peer comes before the pool that refers to it. */
  g_assert_true (strstr (primary, "failover peer \"fo-test\" {") < strstr (primary, "failover peer \"fo-test\";"));

  if (!have_dhcpd ())
    return;

  assert_dhcpd_accepts (primary);
  assert_dhcpd_accepts (secondary);
}

static void
test_render_empty_relationship (void)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmInventory) inventory = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  MfmScope *scope;

  mfm_relationship_set_name (relationship, PEER_NAME);
  inventory = make_inventory (relationship);

  /* Empty: Micetro writes nothing, and the pools do not refer to it. */
  mfm_relationship_set_scope_refs (relationship, NULL);
  scope = mfm_inventory_lookup_scope (inventory, "dhcpScopes/1");
  mfm_scope_set_failover_peer (scope, NULL);
  config = mfm_isc_render_server_config (inventory, mfm_inventory_lookup_server (inventory, "dhcpServers/1"), &error);
  g_assert_no_error (error);
  g_assert_null (strstr (config, "failover peer"));

  if (have_dhcpd ())
    assert_dhcpd_accepts (config);

  /* An IPv6 address cannot be a failover address. */
  mfm_relationship_set_scope_refs (relationship, (const char *[]) { "dhcpScopes/1", NULL });
  mfm_scope_set_failover_peer (scope, PEER_NAME);
  mfm_server_set_address (mfm_inventory_lookup_server (inventory, "dhcpServers/2"), "fe80::2");
  g_clear_pointer (&config, g_free);
  config = mfm_isc_render_server_config (inventory, mfm_inventory_lookup_server (inventory, "dhcpServers/1"), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (config);
  g_clear_error (&error);

  /* Nor can a scope without a valid subnet be rendered. */
  mfm_server_set_address (mfm_inventory_lookup_server (inventory, "dhcpServers/2"), "10.99.0.2");
  g_object_set (scope, "subnet", "10.99.0.0/40", NULL);
  config = mfm_isc_render_server_config (inventory, mfm_inventory_lookup_server (inventory, "dhcpServers/1"), &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (config);
}

static GPtrArray *
check_typed (const char *port,
             const char *peer_port,
             const char *mclt,
             const char *max_response_delay,
             const char *load_balance_max_seconds,
             const char *max_unacked_updates,
             const char *percentage)
{
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(MfmServer) primary = mfm_server_new ("dhcpServers/1", "dhcp-a.example.com.", "10.99.0.1", "ISC", "OK");
  g_autoptr(MfmServer) secondary = mfm_server_new ("dhcpServers/2", "dhcp-b.example.com.", "10.99.0.2", "ISC", "OK");
  MfmRelationshipInput input = {
    .name = PEER_NAME,
    .partner_server = "dhcp-b.example.com.",
    .port = port,
    .peer_port = peer_port,
    .mclt = mclt,
    .max_response_delay = max_response_delay,
    .load_balance_max_seconds = load_balance_max_seconds,
    .max_unacked_updates = max_unacked_updates,
    .percentage = percentage,
  };
  MfmRuleContext context = { inventory, "dhcpServers/1", NULL, NULL };

  mfm_inventory_add_server (inventory, primary);
  mfm_inventory_add_server (inventory, secondary);

  return mfm_rules_check (&input, &context);
}

static void
test_valid_grid (void)
{
  const guint ports[][2] = { { 647, 647 }, { 1, 65535 }, { 65535, 1 }, { 1647, 1847 } };
  const guint mclts[] = { 1, 300, 3600, 86400 };
  const guint percentages[] = { 0, 50, 100 };
  const guint splits[] = { 0, 128, 256 };
  const guint load_balance[] = { 0, 3, 5 };
  const guint delays[] = { 1, 60 };
  const guint unacked[] = { 1, 10 };
  guint combination = 0;

  if (!have_dhcpd ())
    return;

  for (guint p = 0; p < G_N_ELEMENTS (ports); p++)
    for (guint m = 0; m < G_N_ELEMENTS (mclts); m++)
      for (guint s = 0; s < G_N_ELEMENTS (percentages); s++)
        {
          g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
          g_autoptr(GPtrArray) findings = NULL;
          g_autofree char *primary = NULL;
          g_autofree char *secondary = NULL;
          g_autofree char *split_line = NULL;
          char *texts[7] = { NULL };
          guint lbms = load_balance[combination % G_N_ELEMENTS (load_balance)];
          guint mrd = delays[(combination / 3) % G_N_ELEMENTS (delays)];
          guint muu = unacked[(combination / 2) % G_N_ELEMENTS (unacked)];

          combination++;
          g_object_set (relationship,
                        "name", PEER_NAME,
                        "port", ports[p][0],
                        "peer-port", ports[p][1],
                        "mclt", mclts[m],
                        "percentage", percentages[s],
                        "load-balance-max-seconds", lbms,
                        "max-response-delay", mrd,
                        "max-unacked-updates", muu,
                        NULL);

          /* Each combination is valid by the rules (warnings and hints allowed). */
          texts[0] = g_strdup_printf ("%u", ports[p][0]);
          texts[1] = g_strdup_printf ("%u", ports[p][1]);
          texts[2] = g_strdup_printf ("%u", mclts[m]);
          texts[3] = g_strdup_printf ("%u", mrd);
          texts[4] = g_strdup_printf ("%u", lbms);
          texts[5] = g_strdup_printf ("%u", muu);
          texts[6] = g_strdup_printf ("%u", percentages[s]);
          findings = check_typed (texts[0], texts[1], texts[2], texts[3], texts[4], texts[5], texts[6]);
          g_assert_false (mfm_findings_has_severity (findings, -1, MFM_SEVERITY_ERROR));
          for (guint t = 0; t < G_N_ELEMENTS (texts); t++)
            g_free (texts[t]);

          render_both (relationship, &primary, &secondary);
          split_line = g_strdup_printf ("split %u;", splits[s]);
          g_assert_true (has_line (primary, split_line));
          assert_dhcpd_accepts (primary);
          assert_dhcpd_accepts (secondary);
        }

  g_test_message ("%u valid combinations, each accepted by dhcpd on both servers", combination);
}

/* Appendix A of the dhcpd reference, with one line replaced. */
static char *
hand_written (gboolean    primary,
              const char *from,
              const char *to)
{
  const char *base_primary =
    "authoritative;\nddns-update-style none;\ndefault-lease-time 600;\nmax-lease-time 7200;\n\n"
    "failover peer \"fo-test\" {\n  primary;\n  address 10.99.0.1;\n  port 647;\n"
    "  peer address 10.99.0.2;\n  peer port 647;\n  max-response-delay 30;\n"
    "  max-unacked-updates 10;\n  mclt 10;\n  split 128;\n  load balance max seconds 3;\n}\n\n"
    "subnet 10.99.0.0 netmask 255.255.255.0 {\n  option routers 10.99.0.254;\n  pool {\n"
    "    failover peer \"fo-test\";\n    range 10.99.0.100 10.99.0.199;\n  }\n}\n";
  const char *base_secondary =
    "authoritative;\nddns-update-style none;\ndefault-lease-time 600;\nmax-lease-time 7200;\n\n"
    "failover peer \"fo-test\" {\n  secondary;\n  address 10.99.0.2;\n  port 647;\n"
    "  peer address 10.99.0.1;\n  peer port 647;\n  max-response-delay 30;\n"
    "  max-unacked-updates 10;\n  load balance max seconds 3;\n}\n\n"
    "subnet 10.99.0.0 netmask 255.255.255.0 {\n  option routers 10.99.0.254;\n  pool {\n"
    "    failover peer \"fo-test\";\n    range 10.99.0.100 10.99.0.199;\n  }\n}\n";
  const char *base = primary ? base_primary : base_secondary;
  const char *at = strstr (base, from);
  GString *out;

  g_assert_nonnull (at);
  out = g_string_new_len (base, at - base);
  g_string_append (out, to);
  g_string_append (out, at + strlen (from));

  return g_string_free (out, FALSE);
}

static void
test_accepted_but_wrong (void)
{
  const struct
  {
    gboolean    primary;
    const char *from;
    const char *to;
    MfmField    field;
    const char *typed;
  } cases[] = {
    { TRUE, "  port 647;\n", "  port 70000;\n", MFM_FIELD_PORT, "70000" },
    { TRUE, "  port 647;\n", "  port 0;\n", MFM_FIELD_PORT, "0" },
    { TRUE, "  port 647;\n", "  port -1;\n", MFM_FIELD_PORT, "-1" },
    { TRUE, "  peer port 647;\n", "  peer port 70000;\n", MFM_FIELD_PEER_PORT, "70000" },
    { TRUE, "  mclt 10;\n", "  mclt -1;\n", MFM_FIELD_MCLT, "-1" },
    { TRUE, "  max-response-delay 30;\n", "  max-response-delay -5;\n", MFM_FIELD_MAX_RESPONSE_DELAY, "-5" },
    { TRUE, "  load balance max seconds 3;\n", "  load balance max seconds -3;\n",
      MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, "-3" },
  };
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autofree char *rendered_primary = NULL;
  g_autofree char *rendered_secondary = NULL;
  g_autofree char *secondary_with_mclt = NULL;

  if (!have_dhcpd ())
    return;

  /* dhcpd's baseline really is accepted. */
  {
    g_autofree char *base = hand_written (TRUE, "  mclt 10;\n", "  mclt 10;\n");
    g_assert_cmpint (run_dhcpd (base, NULL), ==, 0);
  }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *config = hand_written (cases[i].primary, cases[i].from, cases[i].to);
      g_autofree char *errors = NULL;
      const char *typed[MFM_N_FIELDS] = { NULL, NULL, "647", "647", "3600", "60", "3", "10", "50" };
      g_autoptr(GPtrArray) findings = NULL;

      if (run_dhcpd (config, &errors) != 0)
        g_error ("dhcpd now rejects “%s”; the reference says it accepts it:\n%s", cases[i].to, errors);

      typed[cases[i].field] = cases[i].typed;
      findings = check_typed (typed[MFM_FIELD_PORT], typed[MFM_FIELD_PEER_PORT], typed[MFM_FIELD_MCLT],
                              typed[MFM_FIELD_MAX_RESPONSE_DELAY], typed[MFM_FIELD_LOAD_BALANCE_MAX_SECONDS],
                              typed[MFM_FIELD_MAX_UNACKED_UPDATES], typed[MFM_FIELD_PERCENTAGE]);
      g_assert_true (mfm_findings_has_severity (findings, cases[i].field, MFM_SEVERITY_ERROR));
    }

  /* Two peers of the same two servers on the same ports: dhcpd -t takes both, but running
   * daemons give every connection between the two addresses to one of them and reject the
   * other ("invalid failover partner"), which never leaves recover (measured with two dhcpd
   * 4.4.3 in network namespaces). The rules refuse it. */
  {
    g_autoptr(MfmRelationship) first = mfm_relationship_new ();
    g_autoptr(MfmRelationship) second = NULL;
    g_autoptr(MfmInventory) inventory = NULL;
    g_autoptr(MfmScope) scope = mfm_scope_new ("dhcpScopes/4", "Second", "dhcpServers/1", "10.97.0.0/24");
    g_autoptr(MfmScope) copy = mfm_scope_new ("dhcpScopes/5", "Second", "dhcpServers/2", "10.97.0.0/24");
    const char *refs[] = { "dhcpScopes/4", NULL };
    g_autofree char *config = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) findings = NULL;
    MfmRuleContext context = { 0 };

    mfm_relationship_set_name (first, PEER_NAME);
    inventory = make_inventory (first);
    second = mfm_relationship_copy (first);
    mfm_relationship_set_name (second, "fo-second");
    mfm_relationship_set_scope_refs (second, refs);
    mfm_scope_add_pool (scope, "10.97.0.100", "10.97.0.199", "fo-second");
    mfm_scope_add_pool (copy, "10.97.0.100", "10.97.0.199", "fo-second");
    mfm_inventory_add_scope (inventory, scope);
    mfm_inventory_add_scope (inventory, copy);
    mfm_inventory_add_relationship (inventory, second);

    config = mfm_isc_render_server_config (inventory, mfm_inventory_lookup_server (inventory, "dhcpServers/1"), &error);
    g_assert_no_error (error);
    g_assert_nonnull (strstr (config, "failover peer \"" PEER_NAME "\" {"));
    g_assert_nonnull (strstr (config, "failover peer \"fo-second\" {"));
    assert_dhcpd_accepts (config);

    context.inventory = inventory;
    findings = mfm_rules_check_relationship (second, &context);
    g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_PORT, MFM_SEVERITY_ERROR));
    g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_PEER_PORT, MFM_SEVERITY_ERROR));
  }

  /* mclt on the secondary: dhcpd takes it, so the renderer must never write it. */
  secondary_with_mclt = hand_written (FALSE, "  load balance max seconds 3;\n",
                                      "  mclt 3600;\n  load balance max seconds 3;\n");
  g_assert_cmpint (run_dhcpd (secondary_with_mclt, NULL), ==, 0);
  mfm_relationship_set_name (relationship, PEER_NAME);
  render_both (relationship, &rendered_primary, &rendered_secondary);
  g_assert_true (has_line (rendered_primary, "mclt 3600;"));
  g_assert_null (strstr (rendered_secondary, "mclt"));
  g_assert_null (strstr (rendered_secondary, "split"));
}

static void
test_negative_controls (void)
{
  g_autofree char *split_257 = hand_written (TRUE, "  split 128;\n", "  split 257;\n");
  g_autofree char *no_mclt = hand_written (TRUE, "  mclt 10;\n", "");
  g_autofree char *split_on_secondary = hand_written (FALSE, "  load balance max seconds 3;\n",
                                                      "  split 128;\n  load balance max seconds 3;\n");
  g_autofree char *errors = NULL;
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *primary = NULL;
  g_autofree char *secondary = NULL;

  if (!have_dhcpd ())
    return;

  g_assert_cmpint (run_dhcpd (split_257, &errors), ==, 1);
  g_assert_nonnull (strstr (errors, "split must be between 0 and 256"));
  g_clear_pointer (&errors, g_free);

  g_assert_cmpint (run_dhcpd (no_mclt, &errors), ==, 1);
  g_assert_nonnull (strstr (errors, "primary failover server must have mclt"));
  g_clear_pointer (&errors, g_free);

  g_assert_cmpint (run_dhcpd (split_on_secondary, &errors), ==, 1);
  g_assert_nonnull (strstr (errors, "secondary may not define load balance settings"));
  g_clear_pointer (&errors, g_free);

  /* 101 % would give split 259: dhcpd refuses it, and so do the rules. */
  findings = check_typed ("647", "647", "3600", "60", "3", "10", "101");
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_PERCENTAGE, MFM_SEVERITY_ERROR));
  g_object_set (relationship, "name", PEER_NAME, "percentage", 101, NULL);
  render_both (relationship, &primary, &secondary);
  g_assert_true (has_line (primary, "split 259;"));
  g_assert_cmpint (run_dhcpd (primary, NULL), ==, 1);

  /* MCLT 0 is "missing" to dhcpd; the rules say so first. */
  g_clear_pointer (&findings, g_ptr_array_unref);
  findings = check_typed ("647", "647", "0", "60", "3", "10", "50");
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_MCLT, MFM_SEVERITY_ERROR));
  g_clear_pointer (&primary, g_free);
  g_clear_pointer (&secondary, g_free);
  g_object_set (relationship, "percentage", 50, "mclt", 0, NULL);
  render_both (relationship, &primary, &secondary);
  g_assert_cmpint (run_dhcpd (primary, NULL), ==, 1);
}

/* Text as a person might type it: mostly sensible numbers, sometimes nonsense. */
static char *
random_text (GRand      *rand,
             guint32     low,
             guint32     high,
             const char *const *odd)
{
  guint n_odd = g_strv_length ((char **) odd);

  if (g_rand_int_range (rand, 0, 100) < 12)
    return g_strdup (odd[g_rand_int_range (rand, 0, n_odd)]);

  return g_strdup_printf ("%u", (guint32) g_rand_double_range (rand, low, (double) high + 1));
}

static void
test_random (void)
{
  const char *odd_ports[] = { "", "0", "67", "68", "7911", "65536", "70000", "-1", "abc", " 647 ",
                              "4294967296", "4294967295", "1", "65535", NULL };
  const char *odd_mclt[] = { "", "0", "-1", "1h", "4294967295", "4294967296", "1", " 3600", "86401", NULL };
  const char *odd_delay[] = { "", "0", "-5", "4294967295", "4294967296", "x", "9", NULL };
  const char *odd_load[] = { "", "-3", "0", "4294967295", "4294967296", "3.5", NULL };
  const char *odd_unacked[] = { "", "0", "-1", "4294967295", "4294967296", "ten", NULL };
  const char *odd_percentage[] = { "", "-1", "101", "256", "50%", "0", "100", "4294967296", NULL };
  const char *seed_text = g_getenv ("MFM_RANDOM_SEED");
  guint32 seed = DEFAULT_SEED;
  g_autoptr(GRand) rand = NULL;
  guint rules_accepted = 0;
  guint rules_rejected = 0;
  guint dhcpd_accepted = 0;
  guint dhcpd_rejected = 0;
  guint not_renderable = 0;
  gint64 started = g_get_monotonic_time ();
  guint runs_before = dhcpd_runs;

  if (!have_dhcpd ())
    return;

  if (seed_text != NULL && seed_text[0] != '\0')
    seed = (guint32) g_ascii_strtoull (seed_text, NULL, 10);
  g_test_message ("random seed %u (set MFM_RANDOM_SEED to repeat or change it)", seed);
  rand = g_rand_new_with_seed (seed);

  for (guint i = 0; i < RANDOM_SETS; i++)
    {
      g_auto(GStrv) texts = g_new0 (char *, 8);
      guint64 values[7] = { 0 };
      gboolean renderable = TRUE;
      g_autoptr(GPtrArray) findings = NULL;
      gboolean rules_error;

      texts[0] = random_text (rand, 1, 65535, odd_ports);
      texts[1] = random_text (rand, 1, 65535, odd_ports);
      texts[2] = random_text (rand, 1, 200000, odd_mclt);
      texts[3] = random_text (rand, 1, 120, odd_delay);
      texts[4] = random_text (rand, 0, 10, odd_load);
      texts[5] = random_text (rand, 1, 100, odd_unacked);
      texts[6] = random_text (rand, 0, 100, odd_percentage);

      findings = check_typed (texts[0], texts[1], texts[2], texts[3], texts[4], texts[5], texts[6]);
      rules_error = mfm_findings_has_severity (findings, -1, MFM_SEVERITY_ERROR);
      if (rules_error)
        rules_rejected++;
      else
        rules_accepted++;

      for (guint f = 0; f < 7; f++)
        renderable &= mfm_parse_uint (texts[f], G_MAXUINT32, &values[f]);

      if (!renderable)
        {
          /* Text that is not a number cannot even become a relationship. */
          if (!rules_error)
            g_error ("set %u: rules accepted text that is not a number: %s %s %s %s %s %s %s", i,
                     texts[0], texts[1], texts[2], texts[3], texts[4], texts[5], texts[6]);
          not_renderable++;
          continue;
        }

      {
        g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
        g_autofree char *primary = NULL;
        g_autofree char *secondary = NULL;
        g_autofree char *primary_errors = NULL;
        g_autofree char *secondary_errors = NULL;
        int primary_rc;
        int secondary_rc;

        g_object_set (relationship,
                      "name", PEER_NAME,
                      "port", (guint) values[0],
                      "peer-port", (guint) values[1],
                      "mclt", (guint) values[2],
                      "max-response-delay", (guint) values[3],
                      "load-balance-max-seconds", (guint) values[4],
                      "max-unacked-updates", (guint) values[5],
                      "percentage", (guint) values[6],
                      NULL);
        render_both (relationship, &primary, &secondary);
        primary_rc = run_dhcpd (primary, &primary_errors);
        secondary_rc = run_dhcpd (secondary, &secondary_errors);

        if (primary_rc == 0 && secondary_rc == 0)
          {
            dhcpd_accepted++;
          }
        else
          {
            dhcpd_rejected++;
            if (!rules_error)
              g_error ("set %u: the rules found no error, but dhcpd rejected (primary rc %d, secondary rc %d):\n"
                       "%s\n%s\n%s\n%s", i, primary_rc, secondary_rc,
                       primary, primary_errors, secondary, secondary_errors);
          }
      }
    }

  g_test_message ("%u random sets: rules accepted %u, rejected %u; rendered %u: dhcpd accepted %u, rejected %u; "
                  "%u not renderable; %u dhcpd runs in %.1f s",
                  RANDOM_SETS, rules_accepted, rules_rejected, dhcpd_accepted + dhcpd_rejected,
                  dhcpd_accepted, dhcpd_rejected, not_renderable, dhcpd_runs - runs_before,
                  (g_get_monotonic_time () - started) / 1e6);

  /* The mix must really exercise both sides. */
  g_assert_cmpuint (rules_accepted, >, RANDOM_SETS / 10);
  g_assert_cmpuint (rules_rejected, >, RANDOM_SETS / 10);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int result;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("mfm-isc-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/isc/render-shape", test_render_shape);
  g_test_add_func ("/isc/render-empty-relationship", test_render_empty_relationship);
  g_test_add_func ("/isc/valid-grid", test_valid_grid);
  g_test_add_func ("/isc/accepted-but-wrong", test_accepted_but_wrong);
  g_test_add_func ("/isc/negative-controls", test_negative_controls);
  g_test_add_func ("/isc/random", test_random);

  result = g_test_run ();

  {
    g_autofree char *config = g_build_filename (work_dir, "dhcpd.conf", NULL);

    g_unlink (config);
    g_rmdir (work_dir);
  }
  g_free (work_dir);

  return result;
}
