/* test-kea.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Kea High Availability mapping at the edges of its rules, and its parameter table against
 * what the ISC renderer writes. The rendered text is read back with json-glib, a parser of its
 * own, so quoting mistakes show. */

#define G_LOG_DOMAIN "mfm-test-kea"

#include "config.h"

#include <locale.h>

#include <json-glib/json-glib.h>

#include "mfm-isc.h"
#include "mfm-kea.h"
#include "mfm-scope.h"

static MfmRelationship *
make_relationship (guint percentage)
{
  MfmRelationship *relationship = mfm_relationship_new ();

  g_object_set (relationship,
                "name", "fo-kea",
                "primary-server", "dhcp-a.example.com.",
                "primary-server-ref", "dhcpServers/1",
                "secondary-server", "dhcp-b.example.com.",
                "secondary-server-ref", "dhcpServers/2",
                "percentage", percentage,
                NULL);

  return relationship;
}

static MfmKeaConfig *
make_config (MfmRelationship *relationship,
             GPtrArray       *scopes)
{
  g_autoptr(MfmServer) primary = mfm_server_new ("dhcpServers/1", "dhcp-a.example.com.", "10.99.0.1", "ISC", "OK");
  g_autoptr(MfmServer) secondary = mfm_server_new ("dhcpServers/2", "dhcp-b.example.com.", "10.99.0.2", "ISC", "OK");

  return mfm_kea_config_new (relationship, primary, secondary, scopes, NULL);
}

static JsonNode *
parse (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);

  return json_node_copy (json_parser_get_root (parser));
}

static JsonObject *
ha_object (JsonNode *root)
{
  JsonObject *dhcp4 = json_object_get_object_member (json_node_get_object (root), "Dhcp4");
  JsonArray *hooks = json_object_get_array_member (dhcp4, "hooks-libraries");
  JsonObject *ha = json_array_get_object_element (hooks, 1);
  JsonObject *parameters = json_object_get_object_member (ha, "parameters");

  g_assert_true (g_str_has_suffix (json_object_get_string_member (json_array_get_object_element (hooks, 0), "library"),
                                   "/libdhcp_lease_cmds.so"));
  g_assert_true (g_str_has_suffix (json_object_get_string_member (ha, "library"), "/libdhcp_ha.so"));

  return json_array_get_object_element (json_object_get_array_member (parameters, "high-availability"), 0);
}

static const char *
peer_role (JsonObject *ha,
           const char *name)
{
  JsonArray *peers = json_object_get_array_member (ha, "peers");

  g_assert_cmpuint (json_array_get_length (peers), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *peer = json_array_get_object_element (peers, i);

      if (g_str_equal (json_object_get_string_member (peer, "name"), name))
        return json_object_get_string_member (peer, "role");
    }

  g_assert_not_reached ();
}

static gboolean
row_has_warning (MfmKeaConfig *config,
                 const char   *kea_parameter)
{
  guint n = 0;
  const MfmKeaParameter *table = mfm_kea_get_parameters (&n);
  gboolean found = FALSE;

  for (guint i = 0; i < n; i++)
    {
      if (g_strcmp0 (table[i].kea_parameter, kea_parameter) == 0)
        {
          found = TRUE;
          if (mfm_kea_config_get_parameter_warning (config, i) != NULL)
            return TRUE;
        }
    }
  g_assert_true (found);

  return FALSE;
}

/* 0 and 100 are hot-standby with the server that answers everyone as primary; exactly 50 is
 * load-balancing; every other split is load-balancing with the stated warning. */
static void
test_modes (void)
{
  struct {
    guint percentage;
    const char *mode;
    const char *role_a;
    const char *role_b;
    gboolean warned;
  } cases[] = {
    { 0, "hot-standby", "standby", "primary", FALSE },
    { 1, "load-balancing", "primary", "secondary", TRUE },
    { 49, "load-balancing", "primary", "secondary", TRUE },
    { 50, "load-balancing", "primary", "secondary", FALSE },
    { 51, "load-balancing", "primary", "secondary", TRUE },
    { 99, "load-balancing", "primary", "secondary", TRUE },
    { 100, "hot-standby", "primary", "standby", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MfmRelationship) relationship = make_relationship (cases[i].percentage);
      g_autoptr(MfmKeaConfig) config = make_config (relationship, NULL);
      g_auto(GStrv) warnings = mfm_kea_config_dup_warnings (config);
      g_autoptr(GError) error = NULL;
      g_autofree char *text_a = mfm_kea_config_render (config, MFM_ISC_ROLE_PRIMARY, &error);
      g_autofree char *text_b = mfm_kea_config_render (config, MFM_ISC_ROLE_SECONDARY, &error);
      g_autoptr(JsonNode) root_a = parse (text_a);
      g_autoptr(JsonNode) root_b = parse (text_b);
      JsonObject *ha_a = ha_object (root_a);
      JsonObject *ha_b = ha_object (root_b);
      gboolean split_warned = FALSE;

      g_test_message ("percentage %u", cases[i].percentage);
      g_assert_no_error (error);
      g_assert_cmpstr (mfm_kea_config_get_mode_name (config), ==, cases[i].mode);
      g_assert_cmpstr (json_object_get_string_member (ha_a, "mode"), ==, cases[i].mode);
      g_assert_cmpstr (json_object_get_string_member (ha_b, "mode"), ==, cases[i].mode);
      g_assert_cmpstr (json_object_get_string_member (ha_a, "this-server-name"), ==, "dhcp-a.example.com");
      g_assert_cmpstr (json_object_get_string_member (ha_b, "this-server-name"), ==, "dhcp-b.example.com");
      /* Both servers hold the same peer list. */
      g_assert_cmpstr (peer_role (ha_a, "dhcp-a.example.com"), ==, cases[i].role_a);
      g_assert_cmpstr (peer_role (ha_a, "dhcp-b.example.com"), ==, cases[i].role_b);
      g_assert_cmpstr (peer_role (ha_b, "dhcp-a.example.com"), ==, cases[i].role_a);
      g_assert_cmpstr (peer_role (ha_b, "dhcp-b.example.com"), ==, cases[i].role_b);
      g_assert_cmpstr (mfm_kea_config_get_role (config, MFM_ISC_ROLE_PRIMARY), ==, cases[i].role_a);

      g_assert_cmpint (row_has_warning (config, "mode"), ==, cases[i].warned);
      for (guint w = 0; warnings[w] != NULL; w++)
        {
          g_autofree char *share = g_strdup_printf ("%u %% to %u %%", cases[i].percentage,
                                                    100 - cases[i].percentage);
          if (strstr (warnings[w], share) != NULL)
            split_warned = TRUE;
        }
      g_assert_cmpint (split_warned, ==, cases[i].warned);
    }
}

static void
test_timers (void)
{
  struct {
    guint response;
    guint lbms;
    guint unacked;
    guint kea_response;
    guint heartbeat;
    guint ack;
    guint clients;
    gboolean response_warned;
    gboolean ack_warned;
    gboolean clients_warned;
  } cases[] = {
    /* The smallest values the rules allow. */
    { 1, 1, 1, 1000, 333, 1000, 1, FALSE, FALSE, FALSE },
    /* The defaults. */
    { 60, 3, 10, 60000, 20000, 3000, 10, FALSE, FALSE, FALSE },
    /* The largest that fit in Kea's 16 bits of milliseconds, and one more. */
    { 65, 65, 4294967295u, 65000, 21666, 65000, 4294967295u, FALSE, FALSE, FALSE },
    { 66, 66, 100, 65535, 21845, 65535, 100, TRUE, TRUE, FALSE },
    { 4294967295u, 4294967295u, 10, 65535, 21845, 65535, 10, TRUE, TRUE, FALSE },
    /* Unknown (0) from the server, and load balancing off. */
    { 0, 0, 0, 60000, 20000, 10000, 10, TRUE, TRUE, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(MfmRelationship) relationship = make_relationship (50);
      g_autoptr(MfmKeaConfig) config = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;
      g_autoptr(JsonNode) root = NULL;
      JsonObject *ha;

      g_test_message ("case %u", i);
      g_object_set (relationship,
                    "max-response-delay", cases[i].response,
                    "load-balance-max-seconds", cases[i].lbms,
                    "max-unacked-updates", cases[i].unacked,
                    NULL);
      config = make_config (relationship, NULL);
      text = mfm_kea_config_render (config, MFM_ISC_ROLE_SECONDARY, &error);
      g_assert_no_error (error);
      root = parse (text);
      ha = ha_object (root);

      g_assert_cmpuint (mfm_kea_config_get_max_response_delay (config), ==, cases[i].kea_response);
      g_assert_cmpuint (mfm_kea_config_get_heartbeat_delay (config), ==, cases[i].heartbeat);
      g_assert_cmpuint (mfm_kea_config_get_max_ack_delay (config), ==, cases[i].ack);
      g_assert_cmpuint (mfm_kea_config_get_max_unacked_clients (config), ==, cases[i].clients);
      g_assert_cmpint (json_object_get_int_member (ha, "max-response-delay"), ==, cases[i].kea_response);
      g_assert_cmpint (json_object_get_int_member (ha, "heartbeat-delay"), ==, cases[i].heartbeat);
      g_assert_cmpint (json_object_get_int_member (ha, "max-ack-delay"), ==, cases[i].ack);
      g_assert_cmpint (json_object_get_int_member (ha, "max-unacked-clients"), ==, cases[i].clients);
      /* Kea wants the heartbeat below the response delay, and 16 bits for each. */
      g_assert_cmpuint (cases[i].heartbeat, <, cases[i].kea_response);
      g_assert_cmpuint (cases[i].kea_response, <=, MFM_KEA_MAX_DELAY_MS);

      g_assert_cmpint (row_has_warning (config, "max-response-delay"), ==, cases[i].response_warned);
      g_assert_cmpint (row_has_warning (config, "max-ack-delay"), ==, cases[i].ack_warned);
      g_assert_cmpint (row_has_warning (config, "max-unacked-clients"), ==, cases[i].clients_warned);
    }
}

static JsonArray *
subnets_of (JsonNode *root)
{
  JsonObject *dhcp4 = json_object_get_object_member (json_node_get_object (root), "Dhcp4");

  return json_object_get_array_member (dhcp4, "subnet4");
}

static char *
describe_pools (JsonArray *subnets)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (subnets); i++)
    {
      JsonObject *subnet = json_array_get_object_element (subnets, i);
      JsonArray *pools = json_object_get_array_member (subnet, "pools");

      g_string_append_printf (out, "%" G_GINT64_FORMAT " %s:", json_object_get_int_member (subnet, "id"),
                              json_object_get_string_member (subnet, "subnet"));
      for (guint j = 0; j < json_array_get_length (pools); j++)
        {
          JsonObject *pool = json_array_get_object_element (pools, j);

          g_string_append_printf (out, " [%s%s%s]", json_object_get_string_member (pool, "pool"),
                                  json_object_has_member (pool, "client-class") ? " " : "",
                                  json_object_has_member (pool, "client-class")
                                  ? json_object_get_string_member (pool, "client-class") : "");
        }
      g_string_append (out, "\n");
    }

  return g_string_free (out, FALSE);
}

static GPtrArray *
make_scopes (void)
{
  GPtrArray *scopes = g_ptr_array_new_with_free_func (g_object_unref);
  MfmScope *scope;

  /* Given out of order: the subnets come out sorted, with the same IDs on both servers. */
  scope = mfm_scope_new ("dhcpScopes/2", "Second", "dhcpServers/1", "10.2.0.0/24");
  mfm_scope_add_pool (scope, "10.2.0.10", "10.2.0.110", "fo-kea");   /* 101: odd */
  mfm_scope_add_pool (scope, "10.2.0.200", "10.2.0.200", "fo-kea");  /* a single address */
  mfm_scope_add_pool (scope, "10.3.0.1", "10.3.0.9", "fo-kea");      /* outside the network */
  g_ptr_array_add (scopes, scope);
  scope = mfm_scope_new ("dhcpScopes/1", "First", "dhcpServers/1", "10.1.0.0/24");
  mfm_scope_add_pool (scope, "10.1.0.100", "10.1.0.199", "fo-kea");  /* 100: even */
  g_ptr_array_add (scopes, scope);
  scope = mfm_scope_new ("dhcpScopes/3", "Again", "dhcpServers/1", "10.1.0.0/24");
  mfm_scope_add_pool (scope, "10.1.0.10", "10.1.0.20", "fo-kea");
  g_ptr_array_add (scopes, scope);
  scope = mfm_scope_new ("dhcpScopes/4", "Broken", "dhcpServers/1", "not a network");
  g_ptr_array_add (scopes, scope);

  return scopes;
}

static void
test_pools (void)
{
  g_autoptr(GPtrArray) scopes = make_scopes ();
  guint percentages[] = { 50, 100 };
  const char *expected[] = {
    "1 10.1.0.0/24: [10.1.0.100 - 10.1.0.149 HA_dhcp-a.example.com] [10.1.0.150 - 10.1.0.199 HA_dhcp-b.example.com]\n"
    "2 10.2.0.0/24: [10.2.0.10 - 10.2.0.60 HA_dhcp-a.example.com] [10.2.0.61 - 10.2.0.110 HA_dhcp-b.example.com]"
    " [10.2.0.200 - 10.2.0.200 HA_dhcp-a.example.com]\n",
    "1 10.1.0.0/24: [10.1.0.100 - 10.1.0.199]\n"
    "2 10.2.0.0/24: [10.2.0.10 - 10.2.0.110] [10.2.0.200 - 10.2.0.200]\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (percentages); i++)
    {
      g_autoptr(MfmRelationship) relationship = make_relationship (percentages[i]);
      g_autoptr(MfmKeaConfig) config = make_config (relationship, scopes);
      g_auto(GStrv) warnings = mfm_kea_config_dup_warnings (config);
      g_autoptr(GError) error = NULL;
      g_autofree char *text_a = mfm_kea_config_render (config, MFM_ISC_ROLE_PRIMARY, &error);
      g_autofree char *text_b = mfm_kea_config_render (config, MFM_ISC_ROLE_SECONDARY, &error);
      g_autoptr(JsonNode) root_a = parse (text_a);
      g_autoptr(JsonNode) root_b = parse (text_b);
      g_autofree char *pools_a = describe_pools (subnets_of (root_a));
      g_autofree char *pools_b = describe_pools (subnets_of (root_b));
      g_autofree char *all = g_strjoinv ("\n", warnings);

      g_assert_no_error (error);
      g_assert_cmpstr (pools_a, ==, expected[i]);
      g_assert_cmpstr (pools_b, ==, expected[i]);
      g_assert_cmpuint (mfm_kea_config_get_subnet_count (config), ==, 2);
      g_assert_cmpuint (mfm_kea_config_get_pool_count (config), ==, i == 0 ? 5 : 3);

      /* Every pool or scope left out is named. */
      g_assert_nonnull (strstr (all, "10.3.0.1 – 10.3.0.9"));
      g_assert_nonnull (strstr (all, "“Again” has the same network"));
      g_assert_nonnull (strstr (all, "“Broken” has no usable IPv4 network"));
      g_assert_cmpint (strstr (all, "single address") != NULL, ==, i == 0);
    }
}

static void
test_quoting_and_errors (void)
{
  g_autoptr(MfmRelationship) relationship = make_relationship (50);
  g_autoptr(MfmServer) odd = mfm_server_new ("dhcpServers/1", "a\"b\\c\td\x01.", "10.99.0.1", "ISC", "OK");
  g_autoptr(MfmServer) named = mfm_server_new ("dhcpServers/2", "dhcp-b.", "dhcp-b.example.com", "ISC", "OK");
  g_autoptr(MfmServer) plain = mfm_server_new ("dhcpServers/2", "dhcp-b.", "10.99.0.2", "ISC", "OK");
  g_autoptr(MfmServer) six = mfm_server_new ("dhcpServers/2", "dhcp-b.", "2001:db8::2", "ISC", "OK");
  g_autoptr(MfmKeaConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *quoted = mfm_kea_json_quote ("x\"\\\n\x1f\xc3\xa9");

  g_assert_cmpstr (quoted, ==, "\"x\\\"\\\\\\n\\u001f\xc3\xa9\"");

  config = mfm_kea_config_new (relationship, odd, plain, NULL, NULL);
  text = mfm_kea_config_render (config, MFM_ISC_ROLE_PRIMARY, &error);
  g_assert_no_error (error);
  root = parse (text);
  g_assert_cmpstr (json_object_get_string_member (ha_object (root), "this-server-name"), ==, "a\"b\\c\td\x01");
  g_clear_object (&config);
  g_clear_pointer (&text, g_free);

  /* Kea takes no host names in a peer URL. */
  config = mfm_kea_config_new (relationship, odd, named, NULL, NULL);
  text = mfm_kea_config_render (config, MFM_ISC_ROLE_PRIMARY, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "IP address of dhcp-b"));
  g_assert_true (row_has_warning (config, "peers[].url"));
  g_clear_error (&error);
  g_clear_object (&config);

  /* Kea tells peers apart by name. */
  config = mfm_kea_config_new (relationship, plain, plain, NULL, NULL);
  text = mfm_kea_config_render (config, MFM_ISC_ROLE_PRIMARY, &error);
  g_assert_null (text);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_clear_object (&config);

  config = mfm_kea_config_new (relationship, odd, six, NULL, NULL);
  text = mfm_kea_config_render (config, MFM_ISC_ROLE_SECONDARY, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "\"http://[2001:db8::2]:8000/\""));
}

static void
test_options (void)
{
  g_autoptr(MfmRelationship) relationship = make_relationship (50);
  g_autoptr(MfmServer) primary = mfm_server_new ("dhcpServers/1", "dhcp-a.", "10.99.0.1", "ISC", "OK");
  g_autoptr(MfmServer) secondary = mfm_server_new ("dhcpServers/2", "dhcp-b.", "10.99.0.2", "ISC", "OK");
  const char * const none[] = { NULL };
  MfmKeaOptions options;
  g_autoptr(MfmKeaConfig) defaults = mfm_kea_config_new (relationship, primary, secondary, NULL, NULL);
  g_autoptr(MfmKeaConfig) config = NULL;
  g_autofree char *text = mfm_kea_config_render (defaults, MFM_ISC_ROLE_PRIMARY, NULL);

  g_assert_nonnull (strstr (text, "\"url\": \"http://10.99.0.2:8000/\""));
  g_assert_nonnull (strstr (text, "\"interfaces\": [ \"*\" ]"));
  g_assert_nonnull (strstr (text, "\"" MFM_KEA_DEFAULT_HOOKS_DIR "/libdhcp_ha.so\""));
  g_assert_nonnull (strstr (text, "\"" MFM_KEA_DEFAULT_LEASE_FILE "\""));
  g_clear_pointer (&text, g_free);

  mfm_kea_options_init (&options);
  options.control_port = 8080;
  options.hooks_dir = "/opt/kea/hooks";
  options.lease_file = "/tmp/x/leases.csv";
  options.control_socket = "/tmp/x/socket";
  options.interfaces = none;
  config = mfm_kea_config_new (relationship, primary, secondary, NULL, &options);
  text = mfm_kea_config_render (config, MFM_ISC_ROLE_PRIMARY, NULL);
  g_assert_nonnull (strstr (text, "\"url\": \"http://10.99.0.2:8080/\""));
  g_assert_nonnull (strstr (text, "\"interfaces\": []"));
  g_assert_nonnull (strstr (text, "\"/opt/kea/hooks/libdhcp_lease_cmds.so\""));
  g_assert_nonnull (strstr (text, "\"/tmp/x/leases.csv\""));
  g_assert_nonnull (strstr (text, "\"/tmp/x/socket\""));
}

/* Every statement the ISC renderer writes into a `failover peer` block has a row, and every row
 * has a rule, a value and, where there is no counterpart, no Kea value. */
static void
test_table_covers_rendered_statements (void)
{
  g_autoptr(MfmRelationship) relationship = make_relationship (50);
  g_autoptr(MfmKeaConfig) config = make_config (relationship, NULL);
  guint n = 0;
  const MfmKeaParameter *table = mfm_kea_get_parameters (&n);

  for (guint role = MFM_ISC_ROLE_PRIMARY; role <= MFM_ISC_ROLE_SECONDARY; role++)
    {
      g_autofree char *peer = mfm_isc_render_peer (relationship, role, "10.99.0.1", "10.99.0.2");
      g_auto(GStrv) lines = mfm_isc_split_lines (peer);
      guint statements = 0;

      for (guint i = 1; lines[i] != NULL; i++)
        {
          char *line = g_strstrip (lines[i]);
          char *space;
          gboolean found = FALSE;

          if (!g_str_has_suffix (line, ";"))
            continue;
          line[strlen (line) - 1] = '\0';
          /* "peer port 1847" → "peer port"; "primary" stays. */
          space = strrchr (line, ' ');
          if (space != NULL && g_ascii_isdigit (space[1]))
            *space = '\0';
          statements++;

          for (guint j = 0; j < n; j++)
            {
              if (g_str_equal (table[j].isc_parameter, line))
                found = TRUE;
            }
          if (!found)
            g_error ("the ISC statement “%s” has no row in the Kea table", line);
        }
      g_assert_cmpuint (statements, >=, 8);
    }

  for (guint i = 0; i < n; i++)
    {
      g_assert_nonnull (table[i].rule);
      g_assert_nonnull (mfm_kea_config_get_isc_value (config, i));
      if (table[i].kea_parameter == NULL)
        g_assert_null (mfm_kea_config_get_kea_value (config, i));
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/kea/modes", test_modes);
  g_test_add_func ("/kea/timers", test_timers);
  g_test_add_func ("/kea/pools", test_pools);
  g_test_add_func ("/kea/quoting-and-errors", test_quoting_and_errors);
  g_test_add_func ("/kea/options", test_options);
  g_test_add_func ("/kea/table-covers-rendered-statements", test_table_covers_rendered_statements);

  return g_test_run ();
}
