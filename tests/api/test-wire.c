/* test-wire.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-wire"

#include "config.h"

#include <string.h>

#include "mfm-error.h"
#include "mfm-wire.h"

static JsonNode *
parse (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static JsonNode *response (const char *body,
                           guint       status,
                           GError    **error);

static void
assert_protocol_error_naming (GError     *error,
                              const char *member)
{
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  if (member != NULL && strstr (error->message, member) == NULL)
    g_error ("“%s” does not name the member “%s”", error->message, member);
}

static void
test_server_unknown_members (void)
{
  g_autoptr(JsonNode) node = parse ("{\"ref\":\"dhcpServers/12\",\"name\":\"dhcp-ams-01.example.\","
                                    "\"address\":\"192.0.2.10\",\"type\":\"ISC\",\"state\":\"OK\","
                                    "\"enabled\":false,\"customProperties\":{\"x\":[1,2]},"
                                    "\"security\":\"SSH2\",\"haMode\":null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmServer) server = mfm_wire_server_from_json (node, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mfm_server_get_ref (server), ==, "dhcpServers/12");
  g_assert_cmpstr (mfm_server_get_name (server), ==, "dhcp-ams-01.example.");
  g_assert_cmpstr (mfm_server_get_address (server), ==, "192.0.2.10");
  g_assert_cmpstr (mfm_server_get_server_type (server), ==, "ISC");
  g_assert_cmpstr (mfm_server_get_state (server), ==, "OK");
  g_assert_false (mfm_server_get_enabled (server));
  g_assert_true (mfm_server_is_isc (server));
}

static void
test_server_missing_members (void)
{
  g_autoptr(JsonNode) minimal = parse ("{\"ref\":\"dhcpServers/3\"}");
  g_autoptr(JsonNode) no_ref = parse ("{\"name\":\"a.\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmServer) server = NULL;
  g_autoptr(MfmServer) none = NULL;

  server = mfm_wire_server_from_json (minimal, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mfm_server_get_ref (server), ==, "dhcpServers/3");
  g_assert_null (mfm_server_get_address (server));
  g_assert_null (mfm_server_get_state (server));

  none = mfm_wire_server_from_json (no_ref, &error);
  g_assert_null (none);
  assert_protocol_error_naming (error, "ref");
}

static void
test_server_wrong_types (void)
{
  static const struct {
    const char *json;
    const char *member;
  } cases[] = {
    { "{\"ref\":12}", "ref" },
    { "{\"ref\":\"r\",\"name\":[\"a\"]}", "name" },
    { "{\"ref\":\"r\",\"address\":{}}", "address" },
    { "{\"ref\":\"r\",\"type\":true}", "type" },
    { "{\"ref\":\"r\",\"enabled\":\"yes\"}", "enabled" },
    { "{\"ref\":\"r\",\"enabled\":1}", "enabled" },
    { "[\"ref\"]", NULL },
    { "\"dhcpServers/1\"", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].json);
      g_autoptr(GError) error = NULL;
      g_autoptr(MfmServer) server = mfm_wire_server_from_json (node, &error);

      g_assert_null (server);
      assert_protocol_error_naming (error, cases[i].member);
    }
}

static const char *relationship_json =
  "{\"name\":\"ams-rtm\",\"primaryServer\":\"dhcp-ams-01.example.\","
  "\"secondaryServer\":\"dhcp-rtm-01.example.\",\"primaryServerRef\":\"dhcpServers/12\","
  "\"secondaryServerRef\":\"dhcpServers/13\",\"failoverMode\":\"LoadBalance\","
  "\"failoverServerType\":\"PrimaryServer\",\"safePeriod\":0,"
  "\"percentage\":50,\"mclt\":1800,\"port\":647,\"peerPort\":847,"
  "\"loadBalanceMaxSeconds\":5,\"maxResponseDelay\":30,\"maxUnackedUpdates\":12,"
  "\"state\":\"Communications interrupted\",\"dhcpScopeRefs\":[\"dhcpScopes/77\",\"dhcpScopes/78\"],"
  "\"somethingNew\":{\"nested\":[1,{\"a\":null}]}}";

static void
test_relationship_parse (void)
{
  g_autoptr(JsonNode) node = parse (relationship_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) relationship = mfm_wire_relationship_from_json (node, &error);
  const char * const *refs;

  g_assert_no_error (error);
  g_assert_cmpstr (mfm_relationship_get_name (relationship), ==, "ams-rtm");
  g_assert_cmpstr (mfm_relationship_get_primary_server (relationship), ==, "dhcp-ams-01.example.");
  g_assert_cmpstr (mfm_relationship_get_secondary_server_ref (relationship), ==, "dhcpServers/13");
  g_assert_cmpuint (mfm_relationship_get_percentage (relationship), ==, 50);
  g_assert_cmpuint (mfm_relationship_get_mclt (relationship), ==, 1800);
  g_assert_cmpuint (mfm_relationship_get_port (relationship), ==, 647);
  g_assert_cmpuint (mfm_relationship_get_peer_port (relationship), ==, 847);
  g_assert_cmpuint (mfm_relationship_get_load_balance_max_seconds (relationship), ==, 5);
  g_assert_cmpuint (mfm_relationship_get_max_response_delay (relationship), ==, 30);
  g_assert_cmpuint (mfm_relationship_get_max_unacked_updates (relationship), ==, 12);
  g_assert_cmpint (mfm_relationship_get_failover_state (relationship), ==,
                   MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED);
  refs = mfm_relationship_get_scope_refs (relationship);
  g_assert_nonnull (refs);
  g_assert_cmpstr (refs[0], ==, "dhcpScopes/77");
  g_assert_cmpstr (refs[1], ==, "dhcpScopes/78");
  g_assert_null (refs[2]);
}

static void
test_relationship_partner_port (void)
{
  g_autoptr(JsonNode) partner = parse ("{\"name\":\"a\",\"port\":647,\"partnerPort\":648}");
  g_autoptr(JsonNode) both = parse ("{\"name\":\"a\",\"peerPort\":700,\"partnerPort\":648}");
  g_autoptr(JsonNode) bad = parse ("{\"name\":\"a\",\"partnerPort\":\"648\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) one = NULL;
  g_autoptr(MfmRelationship) two = NULL;
  g_autoptr(MfmRelationship) three = NULL;

  one = mfm_wire_relationship_from_json (partner, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mfm_relationship_get_peer_port (one), ==, 648);

  two = mfm_wire_relationship_from_json (both, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mfm_relationship_get_peer_port (two), ==, 700);

  three = mfm_wire_relationship_from_json (bad, &error);
  g_assert_null (three);
  assert_protocol_error_naming (error, "partnerPort");
}

static void
test_relationship_missing_is_unknown (void)
{
  g_autoptr(JsonNode) node = parse ("{\"name\":\"bare\"}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) relationship = mfm_wire_relationship_from_json (node, &error);
  const char * const *refs;

  g_assert_no_error (error);
  /* Not the defaults mfm_relationship_new() fills in: the server did not say. */
  g_assert_cmpuint (mfm_relationship_get_mclt (relationship), ==, 0);
  g_assert_cmpuint (mfm_relationship_get_port (relationship), ==, 0);
  g_assert_cmpuint (mfm_relationship_get_peer_port (relationship), ==, 0);
  g_assert_cmpuint (mfm_relationship_get_max_unacked_updates (relationship), ==, 0);
  g_assert_null (mfm_relationship_get_state (relationship));
  g_assert_cmpint (mfm_relationship_get_failover_state (relationship), ==,
                   MFM_FAILOVER_STATE_UNKNOWN);
  refs = mfm_relationship_get_scope_refs (relationship);
  g_assert_true (refs == NULL || refs[0] == NULL);
}

static void
test_relationship_numbers (void)
{
  static const char *bad[] = {
    "{\"name\":\"a\",\"mclt\":\"3600\"}",
    "{\"name\":\"a\",\"mclt\":-1}",
    "{\"name\":\"a\",\"mclt\":4294967296}",
    "{\"name\":\"a\",\"mclt\":3600.5}",
    "{\"name\":\"a\",\"mclt\":true}",
    "{\"name\":\"a\",\"mclt\":[3600]}",
    "{\"name\":\"a\",\"port\":-647}",
    "{\"name\":\"a\",\"percentage\":\"50\"}",
  };
  g_autoptr(JsonNode) max = parse ("{\"name\":\"a\",\"mclt\":4294967295}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) relationship = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse (bad[i]);
      g_autoptr(MfmRelationship) none = mfm_wire_relationship_from_json (node, &error);

      g_assert_null (none);
      g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
      g_clear_error (&error);
    }

  relationship = mfm_wire_relationship_from_json (max, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mfm_relationship_get_mclt (relationship), ==, G_MAXUINT32);
}

static void
test_relationship_scope_refs_types (void)
{
  g_autoptr(JsonNode) node = parse ("{\"name\":\"a\",\"dhcpScopeRefs\":[\"dhcpScopes/1\",2]}");
  g_autoptr(JsonNode) not_list = parse ("{\"name\":\"a\",\"dhcpScopeRefs\":\"dhcpScopes/1\"}");
  g_autoptr(JsonNode) null_list = parse ("{\"name\":\"a\",\"dhcpScopeRefs\":null}");
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmRelationship) one = NULL;
  g_autoptr(MfmRelationship) two = NULL;
  g_autoptr(MfmRelationship) three = NULL;

  one = mfm_wire_relationship_from_json (node, &error);
  g_assert_null (one);
  assert_protocol_error_naming (error, "dhcpScopeRefs");
  g_clear_error (&error);

  two = mfm_wire_relationship_from_json (not_list, &error);
  g_assert_null (two);
  assert_protocol_error_naming (error, "dhcpScopeRefs");
  g_clear_error (&error);

  three = mfm_wire_relationship_from_json (null_list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mfm_relationship_get_scope_count (three), ==, 0);
}

static void
test_relationship_round_trip (void)
{
  g_autoptr(JsonNode) node = parse (relationship_json);
  g_autoptr(MfmRelationship) original = mfm_wire_relationship_from_json (node, NULL);
  g_autoptr(JsonNode) listed = mfm_wire_relationship_to_json (original, FALSE);
  g_autoptr(JsonNode) for_modify = mfm_wire_relationship_to_json (original, TRUE);
  g_autoptr(MfmRelationship) again = NULL;
  g_autoptr(GError) error = NULL;

  again = mfm_wire_relationship_from_json (listed, &error);
  g_assert_no_error (error);
  g_assert_true (mfm_relationship_equal_settings (original, again));
  g_assert_cmpstr (mfm_relationship_get_state (again), ==, "Communications interrupted");
  g_assert_cmpuint (mfm_relationship_get_scope_count (again), ==, 2);

  /* Micetro's Modify does not take the percentage. */
  g_assert_false (json_object_has_member (json_node_get_object (for_modify), "percentage"));
  g_assert_true (json_object_has_member (json_node_get_object (for_modify), "mclt"));
  g_assert_true (json_object_has_member (json_node_get_object (listed), "percentage"));
}

/* Shaped like recorded Micetro answers: JSON-RPC refs, members the client does not read, and
 * "id": null. */
static const char scopes_answer[] =
  "{\"jsonrpc\":\"2.0\",\"result\":{\"dhcpScopes\":["
  "{\"ref\":\"{#9-#77}\",\"name\":\"Floor 2 clients\",\"dhcpServerRef\":\"{#8-#12}\","
  "\"rangeRef\":\"{#4-#311}\",\"superscope\":\"\",\"description\":\"Floor 2\",\"available\":150,"
  "\"enabled\":true},"
  "{\"ref\":\"{#9-#78}\",\"name\":\"10.1.21.0/24\",\"dhcpServerRef\":\"{#8-#12}\","
  "\"rangeRef\":null,\"superscope\":\"\",\"description\":\"\",\"available\":0,\"enabled\":false},"
  "{\"ref\":\"dhcpScopes/79\",\"name\":\"Guests\",\"dhcpServerRef\":\"dhcpServers/12\","
  "\"rangeRef\":\"ranges/5\",\"range\":\"192.0.2.0/24\",\"enabled\":true}"
  "],\"totalResults\":3},\"id\":null}";

static const char range_answer[] =
  "{\"jsonrpc\":\"2.0\",\"result\":{\"range\":{\"ref\":\"{#4-#311}\",\"name\":\"10.1.20.0/24\","
  "\"from\":\"10.1.20.0\",\"to\":\"10.1.20.255\",\"parentRef\":\"{#4-#1}\",\"isContainer\":false,"
  "\"utilizationPercentage\":41,\"customProperties\":{\"Title\":\"\"}}},\"id\":null}";

static const char pools_answer[] =
  "{\"jsonrpc\":\"2.0\",\"result\":{\"dhcpAddressPools\":["
  "{\"ref\":\"{#10-#1}\",\"name\":\"10.1.20.100-10.1.20.199\",\"dhcpScopeRef\":\"{#9-#77}\","
  "\"from\":\"10.1.20.100\",\"to\":\"10.1.20.199\",\"failoverPeer\":\"ams-rtm\",\"extra\":1},"
  "{\"ref\":\"{#10-#2}\",\"dhcpScopeRef\":\"{#9-#77}\",\"from\":\"10.1.20.200\","
  "\"to\":\"10.1.20.220\",\"failoverRelationship\":\"other\"},"
  "{\"ref\":\"{#10-#3}\",\"dhcpScopeRef\":\"{#9-#77}\",\"from\":\"10.1.20.230\","
  "\"to\":\"10.1.20.240\",\"failoverPeer\":\"\"}],\"totalResults\":3},\"id\":null}";

static void
test_scope_and_pools (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) scopes_result = response (scopes_answer, 200, &error);
  g_autoptr(JsonNode) pools_result = NULL;
  g_autoptr(JsonNode) old_pools = parse ("{\"dhcpAddressPools\":[{\"start\":\"10.1.20.1\","
                                         "\"end\":\"10.1.20.9\"}]}");
  g_autoptr(JsonNode) half_pool = parse ("{\"dhcpAddressPools\":[{\"from\":\"10.1.20.1\"}]}");
  g_autoptr(GPtrArray) scopes = NULL;
  MfmScope *scope;
  GPtrArray *list;
  MfmAddressPool *pool;
  guint total = 0;

  g_assert_no_error (error);
  scopes = mfm_wire_scopes_from_result (scopes_result, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (scopes->len, ==, 3);
  g_assert_cmpuint (total, ==, 3);

  /* The network is not in a GetDHCPScopes answer: its Range holds it. */
  scope = g_ptr_array_index (scopes, 0);
  g_assert_cmpstr (mfm_scope_get_name (scope), ==, "Floor 2 clients");
  g_assert_null (mfm_scope_get_subnet (scope));
  g_assert_cmpstr (mfm_scope_get_range_ref (scope), ==, "{#4-#311}");
  g_assert_cmpstr (mfm_scope_get_server_ref (scope), ==, "{#8-#12}");
  g_assert_cmpstr (mfm_scope_get_description (scope), ==, "Floor 2");

  /* A name that looks like a network is still only a name. */
  scope = g_ptr_array_index (scopes, 1);
  g_assert_null (mfm_scope_get_subnet (scope));
  g_assert_null (mfm_scope_get_range_ref (scope));
  g_assert_false (mfm_scope_get_enabled (scope));

  /* Where a server sends "range", that is the network. */
  scope = g_ptr_array_index (scopes, 2);
  g_assert_cmpstr (mfm_scope_get_subnet (scope), ==, "192.0.2.0/24");
  g_assert_cmpstr (mfm_scope_get_range_ref (scope), ==, "ranges/5");

  scope = g_ptr_array_index (scopes, 0);
  pools_result = response (pools_answer, 200, &error);
  g_assert_no_error (error);
  g_assert_true (mfm_wire_pools_from_json (pools_result, scope, &error));
  g_assert_no_error (error);
  list = mfm_scope_get_pools (scope);
  g_assert_cmpuint (list->len, ==, 3);
  pool = g_ptr_array_index (list, 0);
  g_assert_cmpstr (pool->start, ==, "10.1.20.100");
  g_assert_cmpstr (pool->end, ==, "10.1.20.199");
  g_assert_cmpstr (pool->failover_peer, ==, "ams-rtm");
  pool = g_ptr_array_index (list, 1);
  g_assert_cmpstr (pool->failover_peer, ==, "other");
  pool = g_ptr_array_index (list, 2);
  g_assert_null (pool->failover_peer);
  g_assert_cmpstr (mfm_scope_get_relationship_name (scope), ==, "ams-rtm");

  /* The names no source has are not read. */
  g_assert_false (mfm_wire_pools_from_json (old_pools, scope, &error));
  assert_protocol_error_naming (error, "from");
  g_clear_error (&error);
  g_assert_false (mfm_wire_pools_from_json (half_pool, scope, &error));
  assert_protocol_error_naming (error, "to");
}

static void
test_range (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = response (range_answer, 200, &error);
  g_autoptr(JsonNode) not_a_subnet = parse ("{\"range\":{\"ref\":\"{#4-#9}\","
                                            "\"name\":\"10.1.20.10-10.1.20.20\"}}");
  g_autoptr(JsonNode) wrong = parse ("{\"range\":[]}");
  g_autoptr(JsonNode) built = mfm_wire_range_result ("ranges/3", "10.9.0.0/16", "10.9.0.0",
                                                     "10.9.255.255");
  g_autofree char *network = NULL;

  g_assert_no_error (error);
  g_assert_true (mfm_wire_network_from_range_result (result, &network, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (network, ==, "10.1.20.0/24");
  g_clear_pointer (&network, g_free);

  g_assert_true (mfm_wire_network_from_range_result (not_a_subnet, &network, &error));
  g_assert_null (network);

  g_assert_false (mfm_wire_network_from_range_result (wrong, &network, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  g_clear_error (&error);

  g_assert_true (mfm_wire_network_from_range_result (built, &network, &error));
  g_assert_cmpstr (network, ==, "10.9.0.0/16");
}

/* GetDHCPScopes takes no server: one server's scopes are a filter, quoted when it needs it. */
static void
test_scope_filter (void)
{
  g_autofree char *plain = mfm_wire_scope_filter_for_server ("{#8-#12}");
  g_autofree char *name = mfm_wire_scope_filter_for_server ("dhcp a.example.");
  const char * const *parameters = mfm_wire_command_parameters (MFM_WIRE_GET_SCOPES);

  g_assert_cmpstr (plain, ==, "dhcpServerRef={#8-#12}");
  g_assert_cmpstr (name, ==, "dhcpServerRef=\"dhcp a.example.\"");
  g_assert_true (g_strv_contains (parameters, MFM_WIRE_PARAM_FILTER));
  g_assert_true (g_strv_contains (parameters, MFM_WIRE_PARAM_OFFSET));
  g_assert_false (g_strv_contains (parameters, MFM_WIRE_PARAM_SERVER_REF));
  g_assert_true (g_strv_contains (mfm_wire_command_parameters (MFM_WIRE_GET_RANGE),
                                  MFM_WIRE_PARAM_RANGE_REF));
  g_assert_null (mfm_wire_command_parameters ("GetSomethingElse"));
}

static JsonNode *
response (const char *body,
          guint       status,
          GError    **error)
{
  return mfm_wire_parse_response (body, strlen (body), status, error);
}

static void
test_response_errors (void)
{
  static const struct {
    const char *body;
    guint status;
    MfmErrorCode code;
    int api_code;
  } cases[] = {
    { "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":16394,\"message\":\"Invalid username or password.\"},\"id\":null}",
      200, MFM_ERROR_BAD_CREDENTIALS, 16394 },
    { "{\"error\":{\"code\":1028,\"message\":\"You do not have access to perform that action.\"}}",
      200, MFM_ERROR_PERMISSION, 1028 },
    { "{\"error\":{\"code\":1028,\"message\":\"You do not have access.\"}}",
      400, MFM_ERROR_PERMISSION, 1028 },
    { "{\"error\":{\"code\":2049,\"message\":\"Object not found for reference: x\"}}",
      400, MFM_ERROR_NOT_FOUND, 2049 },
    { "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":16544,\"message\":\"Resource not found.\"},\"id\":null}",
      200, MFM_ERROR_NOT_FOUND, 16544 },
    { "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1037,\"message\":\"Incoming requests have been "
      "disabled on this server. Please select a server that is in a mode that accepts incoming "
      "requests\"},\"id\":null}",
      200, MFM_ERROR_STANDBY, 1037 },
    { "{\"error\":{\"code\":5002,\"message\":\"Missing Session ID.\"}}", 401, MFM_ERROR_SESSION, 5002 },
    { "{\"error\":{\"code\":5003,\"message\":\"Invalid session ID.\"}}", 200, MFM_ERROR_SESSION, 5003 },
    { "{\"error\":{\"code\":7,\"message\":\"Your SESSION has expired\"}}", 200, MFM_ERROR_SESSION, 7 },
    { "{\"error\":{\"code\":19,\"message\":\"Simulated failure\"}}", 200, MFM_ERROR_SERVER, 19 },
    { "{\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}", 200, MFM_ERROR_SERVER, -32601 },
    { "{\"error\":{\"code\":500,\"message\":\"Database is down\"}}", 500, MFM_ERROR_SERVER_FAILURE, 500 },
    { "{\"error\":{\"code\":-32603,\"message\":\"Internal error.\"}}", 200, MFM_ERROR_SERVER_FAILURE, -32603 },
    { "<html><body>Bad gateway</body></html>", 502, MFM_ERROR_SERVER, 0 },
    { "", 500, MFM_ERROR_SERVER, 0 },
    { "Unauthorized", 401, MFM_ERROR_SESSION, 0 },
    { "Forbidden", 403, MFM_ERROR_PERMISSION, 0 },
    { "<html>Not Found</html>", 404, MFM_ERROR_SERVER, 0 },
    { "{\"result\":{\"a\":1}}", 503, MFM_ERROR_SERVER, 0 },
    { "<html><body>It works</body></html>", 200, MFM_ERROR_PROTOCOL, 0 },
    { "{\"result\":", 200, MFM_ERROR_PROTOCOL, 0 },
    { "", 200, MFM_ERROR_PROTOCOL, 0 },
    { "[1,2,3]", 200, MFM_ERROR_PROTOCOL, 0 },
    { "{\"jsonrpc\":\"2.0\",\"id\":1}", 200, MFM_ERROR_PROTOCOL, 0 },
    { "{\"error\":\"boom\"}", 200, MFM_ERROR_PROTOCOL, 0 },
    { "{\"error\":{\"code\":\"many\",\"message\":\"x\"}}", 200, MFM_ERROR_PROTOCOL, 0 },
    { "{\"error\":{\"code\":12,\"message\":42}}", 200, MFM_ERROR_PROTOCOL, 0 },
    { "\"just a string\"", 200, MFM_ERROR_PROTOCOL, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = response (cases[i].body, cases[i].status, &error);

      if (error == NULL || error->code != (int) cases[i].code)
        g_error ("case %u (%s, HTTP %u): expected code %d, got %s", i, cases[i].body,
                 cases[i].status, cases[i].code, error ? error->message : "success");
      g_assert_null (result);
      g_assert_error (error, MFM_ERROR, (int) cases[i].code);
      g_assert_cmpint (mfm_error_get_api_code (error), ==, cases[i].api_code);
    }
}

static void
test_response_results (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) empty = response ("{\"jsonrpc\":\"2.0\",\"result\":\"\",\"id\":3}", 200, &error);
  g_autoptr(JsonNode) session = NULL;
  g_autoptr(JsonNode) list = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autofree char *text = NULL;
  guint total = 0;

  g_assert_no_error (error);
  g_assert_nonnull (empty);
  g_assert_cmpstr (json_node_get_string (empty), ==, "");

  session = response ("{\"result\":{\"session\":\"bsvh5S2kLC5Q9gnPbfYM\"}}", 200, &error);
  g_assert_no_error (error);
  text = mfm_wire_session_from_result (session, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "bsvh5S2kLC5Q9gnPbfYM");

  list = response ("{\"result\":{\"dhcpServers\":[{\"ref\":\"dhcpServers/1\"},{\"ref\":\"dhcpServers/2\","
                   "\"unknown\":[]}],\"totalResults\":1234,\"extra\":\"x\"}}", 200, &error);
  g_assert_no_error (error);
  servers = mfm_wire_servers_from_result (list, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (servers->len, ==, 2);
  g_assert_cmpuint (total, ==, 1234);
  g_assert_cmpstr (mfm_server_get_ref (g_ptr_array_index (servers, 1)), ==, "dhcpServers/2");
}

static void
test_list_result_errors (void)
{
  static const char *bad[] = {
    "{\"dhcpServers\":{}}",
    "{\"dhcpServers\":[],\"totalResults\":\"many\"}",
    "{\"dhcpServers\":[],\"totalResults\":-1}",
    "{\"totalResults\":3}",
    "{\"dhcpServers\":[{\"ref\":\"a\"},7]}",
    "[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) servers = mfm_wire_servers_from_result (node, NULL, &error);

      g_assert_null (servers);
      g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
    }
}

static void
test_response_hostile (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  const char invalid_utf8[] = "{\"result\":\"\xff\xfe\"}";
  const char with_nul[] = "{\"result\":\"a\0b\"}";

  /* Nesting that would exhaust the stack of a recursive parser. */
  for (guint i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  node = mfm_wire_parse_response (deep->str, deep->len, 200, &error);
  g_assert_null (node);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  g_clear_error (&error);

  node = mfm_wire_parse_response (invalid_utf8, sizeof invalid_utf8 - 1, 200, &error);
  g_assert_null (node);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  g_clear_error (&error);

  node = mfm_wire_parse_response (with_nul, sizeof with_nul - 1, 200, &error);
  g_assert_null (node);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  g_clear_error (&error);

  node = mfm_wire_parse_response (NULL, 0, 200, &error);
  g_assert_null (node);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
}

/* A fraction or an exponent with more digits than a whole number may have is read, by the
 * one-pass reader and by json-glib alike; a whole number that long is still refused. */
static void
test_response_long_numbers (void)
{
  static const char body[] = "{\"result\":[0.1234567890123456789012345,"
                             "1e-12345678901234567890,2.5E+00000000000000000001]}";
  static const char whole[] = "{\"result\":12345678901234567890123}";

  for (guint reader = 0; reader < 2; reader++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = NULL;
      JsonArray *array;

      node = reader ? mfm_wire_parse_response (body, sizeof body - 1, 200, &error)
                    : mfm_wire_parse_response_json_glib (body, sizeof body - 1, 200, &error);
      g_assert_no_error (error);
      array = json_node_get_array (node);
      g_assert_cmpuint (json_array_get_length (array), ==, 3);
      g_assert_cmpfloat_with_epsilon (json_array_get_double_element (array, 0),
                                      0.1234567890123456789, 1e-18);
      g_assert_cmpfloat (json_array_get_double_element (array, 1), ==, 0.0);
      g_assert_cmpfloat (json_array_get_double_element (array, 2), ==, 25.0);
      g_clear_pointer (&node, json_node_unref);

      node = reader ? mfm_wire_parse_response (whole, sizeof whole - 1, 200, &error)
                    : mfm_wire_parse_response_json_glib (whole, sizeof whole - 1, 200, &error);
      g_assert_null (node);
      g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
      g_assert_nonnull (strstr (error->message, "12345678901234567890123"));
    }
}

static void
test_request_envelope (void)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(JsonObject) parsed_params = NULL;
  g_autoptr(JsonNode) id = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *method = NULL;
  g_autofree char *text = NULL;
  gsize length = 0;

  json_object_set_int_member (params, "offset", 1000);
  json_object_set_string_member (params, "session", "must-be-replaced");
  text = mfm_wire_build_request ("GetDHCPServers", params, "S3cr3t", 41, &length);
  g_assert_cmpuint (length, ==, strlen (text));

  g_assert_true (mfm_wire_parse_request (text, length, &method, &parsed_params, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (method, ==, "GetDHCPServers");
  g_assert_cmpint (json_object_get_int_member (parsed_params, "offset"), ==, 1000);
  g_assert_cmpstr (json_object_get_string_member (parsed_params, "session"), ==, "S3cr3t");
  g_assert_cmpint (json_node_get_int (id), ==, 41);
  /* The caller's object is untouched. */
  g_assert_cmpstr (json_object_get_string_member (params, "session"), ==, "must-be-replaced");
}

static void
test_server_round_trip_envelope (void)
{
  g_autoptr(MfmServer) server = mfm_server_new ("dhcpServers/9", "dhcp-ber-02.example.",
                                                "198.51.100.4", "KEA DHCPv4", "Service Down");
  g_autoptr(JsonArray) items = json_array_new ();
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(JsonNode) id = json_node_init_int (json_node_alloc (), 7);
  g_autoptr(JsonNode) parsed = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *error_body = NULL;
  gsize length;
  guint total;
  MfmServer *copy;

  json_array_add_element (items, mfm_wire_server_to_json (server));
  result = mfm_wire_list_result (MFM_WIRE_RESULT_SERVERS, items, 51);
  body = mfm_wire_build_result (id, result, &length);

  parsed = mfm_wire_parse_response (body, length, 200, &error);
  g_assert_no_error (error);
  servers = mfm_wire_servers_from_result (parsed, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total, ==, 51);
  copy = g_ptr_array_index (servers, 0);
  g_assert_cmpstr (mfm_server_get_server_type (copy), ==, "KEA DHCPv4");
  g_assert_cmpstr (mfm_server_get_state (copy), ==, "Service Down");
  g_assert_false (mfm_server_is_isc (copy));

  error_body = mfm_wire_build_error (NULL, 2049, "Object not found for reference: dhcpServers/9",
                                     &length);
  g_clear_pointer (&parsed, json_node_unref);
  parsed = mfm_wire_parse_response (error_body, length, 200, &error);
  g_assert_null (parsed);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_NOT_FOUND);
  g_assert_cmpint (mfm_error_get_api_code (error), ==, 2049);
}

static void
test_deconfigure_actions (void)
{
  MfmDeconfigureAction action = MFM_DECONFIGURE_NONE;

  g_assert_cmpstr (mfm_wire_deconfigure_action_to_string (MFM_DECONFIGURE_DISABLE), ==, "Disable");
  g_assert_cmpstr (mfm_wire_deconfigure_action_to_string (MFM_DECONFIGURE_DELETE), ==, "Delete");
  g_assert_cmpstr (mfm_wire_deconfigure_action_to_string (MFM_DECONFIGURE_NONE), ==, "None");
  g_assert_true (mfm_wire_deconfigure_action_from_string ("delete", &action));
  g_assert_cmpint (action, ==, MFM_DECONFIGURE_DELETE);
  g_assert_false (mfm_wire_deconfigure_action_from_string ("Destroy", &action));
  g_assert_false (mfm_wire_deconfigure_action_from_string (NULL, &action));
}

static MfmRelationship *
sample_relationship (void)
{
  g_autoptr(JsonNode) node = parse (relationship_json);

  return mfm_wire_relationship_from_json (node, NULL);
}

static void
assert_params (MfmWireCall *call,
               const char  *method,
               const char  *expected_json)
{
  g_autoptr(JsonNode) expected = parse (expected_json);

  g_assert_cmpstr (call->method, ==, method);
  if (!json_node_equal (call->params, expected))
    {
      g_autofree char *got = mfm_wire_to_string (call->params, FALSE);

      g_error ("%s: expected %s, got %s", method, expected_json, got);
    }
}

static void
test_calls_for_changes (void)
{
  g_autoptr(MfmRelationship) relationship = sample_relationship ();
  g_autoptr(MfmRelationship) modified = mfm_relationship_copy (relationship);
  const char *refs[] = { "dhcpScopes/90", "dhcpScopes/91", NULL };
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) remove = NULL;
  g_autoptr(MfmChange) add_scopes = NULL;
  g_autoptr(MfmChange) remove_scopes = NULL;
  g_autoptr(GPtrArray) calls = NULL;
  g_autofree char *text = NULL;

  mfm_relationship_set_mclt (modified, 7200);
  add = mfm_change_new_add (relationship);
  modify = mfm_change_new_modify (relationship, modified);
  remove = mfm_change_new_remove (relationship, MFM_DECONFIGURE_DELETE);
  add_scopes = mfm_change_new_add_scopes (relationship, refs);
  remove_scopes = mfm_change_new_remove_scopes (relationship, refs, MFM_DECONFIGURE_DISABLE);

  calls = mfm_wire_calls_for_change (add, "ticket 42", NULL);
  g_assert_cmpuint (calls->len, ==, 1);
  assert_params (g_ptr_array_index (calls, 0), "AddDHCPFailoverRelationship",
                 "{\"dhcpFailoverRelationship\":{\"name\":\"ams-rtm\","
                 "\"primaryServer\":\"dhcp-ams-01.example.\",\"secondaryServer\":\"dhcp-rtm-01.example.\","
                 "\"primaryServerRef\":\"dhcpServers/12\",\"secondaryServerRef\":\"dhcpServers/13\","
                 "\"failoverMode\":\"LoadBalance\",\"percentage\":50,\"mclt\":1800,\"port\":647,"
                 "\"peerPort\":847,\"loadBalanceMaxSeconds\":5,\"maxResponseDelay\":30,"
                 "\"maxUnackedUpdates\":12},\"saveComment\":\"ticket 42\"}");
  text = mfm_wire_call_to_text (g_ptr_array_index (calls, 0));
  g_assert_true (g_str_has_prefix (text, "AddDHCPFailoverRelationship\n{"));
  g_assert_nonnull (strstr (text, "\"saveComment\" : \"ticket 42\""));
  g_clear_pointer (&calls, g_ptr_array_unref);

  calls = mfm_wire_calls_for_change (modify, NULL, NULL);
  g_assert_cmpuint (calls->len, ==, 1);
  assert_params (g_ptr_array_index (calls, 0), "ModifyDHCPFailoverRelationship",
                 "{\"dhcpFailoverRelationship\":{\"name\":\"ams-rtm\","
                 "\"primaryServer\":\"dhcp-ams-01.example.\",\"secondaryServer\":\"dhcp-rtm-01.example.\","
                 "\"primaryServerRef\":\"dhcpServers/12\",\"secondaryServerRef\":\"dhcpServers/13\","
                 "\"failoverMode\":\"LoadBalance\",\"mclt\":7200,\"port\":647,"
                 "\"peerPort\":847,\"loadBalanceMaxSeconds\":5,\"maxResponseDelay\":30,"
                 "\"maxUnackedUpdates\":12}}");
  g_clear_pointer (&calls, g_ptr_array_unref);

  calls = mfm_wire_calls_for_change (remove, "bye", NULL);
  assert_params (g_ptr_array_index (calls, 0), "RemoveDHCPFailoverRelationships",
                 "{\"dhcpRefAndFailoverRelationshipNames\":[{\"dhcpServerRef\":\"dhcpServers/12\","
                 "\"dhcpFailoverRelationshipName\":\"ams-rtm\"}],"
                 "\"dhcpFailoverRelationshipDeconfigureAction\":\"Delete\",\"saveComment\":\"bye\"}");
  g_clear_pointer (&calls, g_ptr_array_unref);

  calls = mfm_wire_calls_for_change (add_scopes, NULL, NULL);
  assert_params (g_ptr_array_index (calls, 0), "AddDHCPScopesToDHCPFailoverRelationship",
                 "{\"dhcpServerRef\":\"dhcpServers/12\",\"dhcpFailoverRelationshipName\":\"ams-rtm\","
                 "\"dhcpScopeRefs\":[\"dhcpScopes/90\",\"dhcpScopes/91\"]}");
  g_clear_pointer (&calls, g_ptr_array_unref);

  calls = mfm_wire_calls_for_change (remove_scopes, NULL, NULL);
  assert_params (g_ptr_array_index (calls, 0), "RemoveDHCPScopesFromDHCPFailoverRelationship",
                 "{\"dhcpServerRef\":\"dhcpServers/12\",\"dhcpFailoverRelationshipName\":\"ams-rtm\","
                 "\"dhcpScopeRefs\":[\"dhcpScopes/90\",\"dhcpScopes/91\"],"
                 "\"dhcpFailoverRelationshipDeconfigureAction\":\"Disable\"}");
}

/* A server whose relationships carry partnerPort and the WSDL's required members gets them
 * written; the documented default writes peerPort and no more than before. */
static void
test_dialect_writes (void)
{
  g_autoptr(MfmRelationship) relationship = sample_relationship ();
  MfmWireDialect alt = mfm_wire_dialect_default;
  g_autoptr(MfmWireCall) add = NULL;
  g_autoptr(MfmWireCall) modify = NULL;
  g_autoptr(MfmWireCall) add_default = NULL;
  g_autoptr(JsonNode) listed = NULL;
  g_autoptr(JsonNode) scope_json = NULL;
  g_autoptr(MfmScope) scope = mfm_scope_new ("dhcpScopes/1", "Floor 2 clients", "dhcpServers/12",
                                             "10.1.20.0/24");
  JsonObject *object;

  alt.members &= ~(MFM_WIRE_MEMBER_PEER_PORT | MFM_WIRE_MEMBER_STATE);
  alt.members |= MFM_WIRE_MEMBER_PARTNER_PORT | MFM_WIRE_MEMBER_SCOPE_RANGE;
  alt.add_members = MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE | MFM_WIRE_MEMBER_SAFE_PERIOD |
                    MFM_WIRE_MEMBER_SCOPE_REFS;
  alt.safe_period = 3600;

  add = mfm_wire_call_add_relationship (relationship, NULL, &alt);
  assert_params (add, "AddDHCPFailoverRelationship",
                 "{\"dhcpFailoverRelationship\":{\"name\":\"ams-rtm\","
                 "\"primaryServer\":\"dhcp-ams-01.example.\",\"secondaryServer\":\"dhcp-rtm-01.example.\","
                 "\"primaryServerRef\":\"dhcpServers/12\",\"secondaryServerRef\":\"dhcpServers/13\","
                 "\"failoverServerType\":\"PrimaryServer\",\"safePeriod\":3600,"
                 "\"percentage\":50,\"mclt\":1800,\"port\":647,"
                 "\"partnerPort\":847,\"loadBalanceMaxSeconds\":5,\"maxResponseDelay\":30,"
                 "\"maxUnackedUpdates\":12,\"dhcpScopeRefs\":[]}}");

  modify = mfm_wire_call_modify_relationship (relationship, NULL, &alt);
  assert_params (modify, "ModifyDHCPFailoverRelationship",
                 "{\"dhcpFailoverRelationship\":{\"name\":\"ams-rtm\","
                 "\"primaryServer\":\"dhcp-ams-01.example.\",\"secondaryServer\":\"dhcp-rtm-01.example.\","
                 "\"primaryServerRef\":\"dhcpServers/12\",\"secondaryServerRef\":\"dhcpServers/13\","
                 "\"failoverMode\":\"LoadBalance\",\"mclt\":1800,\"port\":647,"
                 "\"partnerPort\":847,\"loadBalanceMaxSeconds\":5,\"maxResponseDelay\":30,"
                 "\"maxUnackedUpdates\":12}}");

  add_default = mfm_wire_call_add_relationship (relationship, NULL, NULL);
  object = json_object_get_object_member (json_node_get_object (add_default->params),
                                          MFM_WIRE_PARAM_RELATIONSHIP);
  g_assert_true (json_object_has_member (object, "peerPort"));
  g_assert_false (json_object_has_member (object, "partnerPort"));
  g_assert_false (json_object_has_member (object, "dhcpScopeRefs"));
  g_assert_false (json_object_has_member (object, "failoverServerType"));

  /* Listing in the other dialect: no state, partnerPort; the network on the scope. */
  mfm_relationship_set_state (relationship, "Normal");
  listed = mfm_wire_relationship_to_json_dialect (relationship, &alt);
  object = json_node_get_object (listed);
  g_assert_false (json_object_has_member (object, "state"));
  g_assert_false (json_object_has_member (object, "peerPort"));
  g_assert_cmpint (json_object_get_int_member (object, "partnerPort"), ==, 847);
  mfm_scope_set_range_ref (scope, "ranges/4");
  scope_json = mfm_wire_scope_to_json_dialect (scope, &alt);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (scope_json), "range"), ==,
                   "10.1.20.0/24");
  g_clear_pointer (&scope_json, json_node_unref);
  scope_json = mfm_wire_scope_to_json_dialect (scope, NULL);
  g_assert_false (json_object_has_member (json_node_get_object (scope_json), "range"));
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (scope_json), "rangeRef"),
                   ==, "ranges/4");
}

static void
test_dialect_observed (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = response (
    "{\"jsonrpc\":\"2.0\",\"result\":{\"dhcpFailoverRelationships\":["
    "{\"name\":\"a\",\"partnerPort\":648,\"failoverServerType\":\"PrimaryServer\","
    "\"safePeriod\":1800,\"dhcpScopeRefs\":null},"
    "{\"name\":\"b\",\"partnerPort\":649,\"safePeriod\":\"x\"}]},\"id\":null}", 200, &error);
  g_autoptr(GPtrArray) relationships = NULL;
  MfmWireMember seen = 0;
  guint safe_period = 0;

  g_assert_no_error (error);
  relationships = mfm_wire_relationships_from_result_observed (result, &seen, &safe_period, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relationships->len, ==, 2);
  g_assert_cmpuint (mfm_relationship_get_peer_port (g_ptr_array_index (relationships, 1)), ==, 649);
  g_assert_cmpuint (seen, ==, MFM_WIRE_MEMBER_PARTNER_PORT | MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE |
                              MFM_WIRE_MEMBER_SAFE_PERIOD | MFM_WIRE_MEMBER_SCOPE_REFS);
  g_assert_cmpuint (safe_period, ==, 1800);
  g_assert_cmpstr (mfm_wire_member_name (MFM_WIRE_MEMBER_PARTNER_PORT), ==, "partnerPort");
}

/* A member that only a later object of the list has is learnt too, whatever the objects
 * before it had. */
static void
test_dialect_observed_later (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = response (
    "{\"jsonrpc\":\"2.0\",\"result\":{\"dhcpFailoverRelationships\":["
    "{\"name\":\"a\",\"peerPort\":647},"
    "{\"name\":\"b\",\"peerPort\":647,\"port\":519},"
    "{\"name\":\"c\"},"
    "{\"name\":\"d\",\"state\":\"Normal\",\"rangeRef\":\"ranges/1\"}]},\"id\":null}", 200, &error);
  g_autoptr(GPtrArray) relationships = NULL;
  MfmWireMember seen = 0;
  guint safe_period = G_MAXUINT;

  g_assert_no_error (error);
  relationships = mfm_wire_relationships_from_result_observed (result, &seen, &safe_period, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relationships->len, ==, 4);
  g_assert_cmpuint (seen, ==, MFM_WIRE_MEMBER_PEER_PORT | MFM_WIRE_MEMBER_PORT |
                              MFM_WIRE_MEMBER_STATE | MFM_WIRE_MEMBER_SCOPE_RANGE_REF);
  g_assert_cmpuint (safe_period, ==, G_MAXUINT);
  g_assert_cmpstr (mfm_relationship_get_state (g_ptr_array_index (relationships, 3)), ==, "Normal");
}

/* An element of a list that is not an object is refused with a sentence naming what it should
 * have been. */
static void
test_list_element_not_object (void)
{
  static const struct
  {
    const char *member;
    const char *sentence;
  } cases[] = {
    { "dhcpServers", "Item 2 of “dhcpServers”: The server is not a JSON object." },
    { "dhcpScopes", "Item 2 of “dhcpScopes”: The scope is not a JSON object." },
    { "dhcpFailoverRelationships", "The failover relationship is not a JSON object." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = g_strdup_printf ("{\"jsonrpc\":\"2.0\",\"result\":{\"%s\":["
                                               "{\"ref\":\"x/1\",\"name\":\"a\"},[1]]},"
                                               "\"id\":null}", cases[i].member);
      g_autoptr(JsonNode) result = response (text, 200, &error);
      g_autoptr(GPtrArray) items = NULL;
      MfmWireMember seen = 0;
      guint unused;

      g_assert_no_error (error);
      if (i == 0)
        items = mfm_wire_servers_from_result (result, &unused, &error);
      else if (i == 1)
        items = mfm_wire_scopes_from_result (result, &unused, &error);
      else
        items = mfm_wire_relationships_from_result_observed (result, &seen, &unused, &error);
      g_assert_null (items);
      g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
      g_assert_cmpstr (error->message, ==, cases[i].sentence);
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) pools = response ("{\"jsonrpc\":\"2.0\",\"result\":{\"dhcpAddressPools\":"
                                          "[\"10.0.0.1\"]},\"id\":null}", 200, &error);
    g_autoptr(MfmScope) scope = mfm_scope_new ("dhcpScopes/1", "s", NULL, NULL);

    g_assert_no_error (error);
    g_assert_false (mfm_wire_pools_from_json (pools, scope, &error));
    g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
    g_assert_cmpstr (error->message, ==, "The address pool is not a JSON object.");
  }
}

/* 1037 is a web service on standby: said so, and not a session problem to log in again for. */
static void
test_standby_sentence (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = response ("{\"error\":{\"code\":1037,\"message\":\"Incoming requests "
                                         "have been disabled on this server.\"},\"id\":null}",
                                         200, &error);
  g_autofree char *described = mfm_error_describe (error);

  g_assert_null (result);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_STANDBY);
  g_assert_nonnull (strstr (mfm_error_get_sentence (error), "standby"));
  g_assert_nonnull (strstr (described, "Incoming requests have been disabled"));
  g_assert_true (mfm_error_is_refusal (error));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/wire/server/unknown-members", test_server_unknown_members);
  g_test_add_func ("/wire/server/missing-members", test_server_missing_members);
  g_test_add_func ("/wire/server/wrong-types", test_server_wrong_types);
  g_test_add_func ("/wire/server/envelope-round-trip", test_server_round_trip_envelope);
  g_test_add_func ("/wire/relationship/parse", test_relationship_parse);
  g_test_add_func ("/wire/relationship/partner-port", test_relationship_partner_port);
  g_test_add_func ("/wire/relationship/missing-is-unknown", test_relationship_missing_is_unknown);
  g_test_add_func ("/wire/relationship/numbers", test_relationship_numbers);
  g_test_add_func ("/wire/relationship/scope-refs", test_relationship_scope_refs_types);
  g_test_add_func ("/wire/relationship/round-trip", test_relationship_round_trip);
  g_test_add_func ("/wire/scope/pools", test_scope_and_pools);
  g_test_add_func ("/wire/scope/range", test_range);
  g_test_add_func ("/wire/scope/filter", test_scope_filter);
  g_test_add_func ("/wire/dialect/writes", test_dialect_writes);
  g_test_add_func ("/wire/dialect/observed", test_dialect_observed);
  g_test_add_func ("/wire/dialect/observed-later", test_dialect_observed_later);
  g_test_add_func ("/wire/list/element-not-object", test_list_element_not_object);
  g_test_add_func ("/wire/response/standby", test_standby_sentence);
  g_test_add_func ("/wire/response/errors", test_response_errors);
  g_test_add_func ("/wire/response/results", test_response_results);
  g_test_add_func ("/wire/response/list-errors", test_list_result_errors);
  g_test_add_func ("/wire/response/hostile", test_response_hostile);
  g_test_add_func ("/wire/response/long-numbers", test_response_long_numbers);
  g_test_add_func ("/wire/request/envelope", test_request_envelope);
  g_test_add_func ("/wire/deconfigure-actions", test_deconfigure_actions);
  g_test_add_func ("/wire/calls-for-changes", test_calls_for_changes);

  return g_test_run ();
}
