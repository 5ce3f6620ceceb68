/* test-sim-params.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-sim-params"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "mfm-sim-params.h"
#include "mfm-wire.h"

/* The simulator's reading of a call's parameters, without a server: what a client that sends
 * a wrong type, a negative number or an unknown name is told, and which values count as sent. */

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static void
assert_invalid_argument (GError     *error,
                         const char *words)
{
  g_assert_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT);
  if (strstr (error->message, words) == NULL)
    g_error ("“%s” does not say “%s”", error->message, words);
}

static void
test_strings (void)
{
  g_autoptr(JsonObject) params = object_from ("{\"name\":\"dhcp-ams-01\",\"empty\":\"\","
                                              "\"number\":7,\"nothing\":null}");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (mfm_sim_params_get_string (params, "name"), ==, "dhcp-ams-01");
  g_assert_null (mfm_sim_params_get_string (params, "number"));
  g_assert_null (mfm_sim_params_get_string (params, "nothing"));
  g_assert_null (mfm_sim_params_get_string (params, "missing"));

  g_assert_cmpstr (mfm_sim_params_require_string (params, "name", &error), ==, "dhcp-ams-01");
  g_assert_no_error (error);
  mfm_sim_params_require_string (params, "empty", &error);
  assert_invalid_argument (error, "Missing or invalid parameter: empty.");
  g_clear_error (&error);
  mfm_sim_params_require_string (params, "number", &error);
  assert_invalid_argument (error, "parameter: number");
  g_clear_error (&error);

  /* Optional text: missing and null are fine, a number is not. */
  g_assert_true (mfm_sim_params_check_optional_strings (params, &error, "name", "nothing",
                                                        "missing", NULL));
  g_assert_no_error (error);
  g_assert_false (mfm_sim_params_check_optional_strings (params, &error, "name", "number", NULL));
  assert_invalid_argument (error, "Invalid value for parameter number: text is expected.");
}

static void
test_uint (void)
{
  g_autoptr(JsonObject) params = object_from ("{\"five\":5,\"nothing\":null,\"negative\":-1,"
                                              "\"big\":2147483648,\"text\":\"5\",\"half\":1.5}");
  const char *refused[] = { "negative", "big", "text", "half" };
  g_autoptr(GError) error = NULL;
  guint value = 0;

  g_assert_true (mfm_sim_params_get_uint (params, "five", 9, &value, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (value, ==, 5);
  g_assert_true (mfm_sim_params_get_uint (params, "missing", 9, &value, &error));
  g_assert_cmpuint (value, ==, 9);
  g_assert_true (mfm_sim_params_get_uint (params, "nothing", 9, &value, &error));
  g_assert_cmpuint (value, ==, 9);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autofree char *words = g_strdup_printf ("parameter %s: a non-negative integer is expected",
                                                refused[i]);

      g_assert_false (mfm_sim_params_get_uint (params, refused[i], 9, &value, &error));
      assert_invalid_argument (error, words);
      g_clear_error (&error);
    }
}

static void
test_string_array (void)
{
  g_autoptr(JsonObject) params = object_from ("{\"refs\":[\"dhcpScopes/1\",\"dhcpScopes/2\"],"
                                              "\"none\":[],\"mixed\":[\"dhcpScopes/1\",3],"
                                              "\"single\":\"dhcpScopes/1\"}");
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(GError) error = NULL;

  refs = mfm_sim_params_get_string_array (params, "refs", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refs->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (refs, 1), ==, "dhcpScopes/2");

  g_assert_null (mfm_sim_params_get_string_array (params, "none", &error));
  assert_invalid_argument (error, "Parameter none is empty.");
  g_clear_error (&error);
  g_assert_null (mfm_sim_params_get_string_array (params, "mixed", &error));
  assert_invalid_argument (error, "element 2 is not a reference");
  g_clear_error (&error);
  g_assert_null (mfm_sim_params_get_string_array (params, "single", &error));
  assert_invalid_argument (error, "Missing or invalid parameter: single.");
  g_clear_error (&error);
  g_assert_null (mfm_sim_params_get_string_array (params, "missing", &error));
  assert_invalid_argument (error, "Missing or invalid parameter: missing.");
}

static void
paging (const char  *json,
        guint        max,
        guint       *offset,
        guint       *limit,
        GError     **error)
{
  g_autoptr(JsonObject) params = object_from (json);

  *offset = *limit = 12345;
  mfm_sim_params_get_paging (params, max, offset, limit, error);
}

static void
test_paging (void)
{
  g_autofree char *small = g_strdup_printf ("{\"%s\":40,\"%s\":10}", MFM_WIRE_PARAM_OFFSET,
                                            MFM_WIRE_PARAM_LIMIT);
  g_autofree char *zero = g_strdup_printf ("{\"%s\":0}", MFM_WIRE_PARAM_LIMIT);
  g_autofree char *large = g_strdup_printf ("{\"%s\":5000}", MFM_WIRE_PARAM_LIMIT);
  g_autofree char *negative = g_strdup_printf ("{\"%s\":-1}", MFM_WIRE_PARAM_OFFSET);
  g_autoptr(GError) error = NULL;
  guint offset, limit;

  paging ("{}", 100, &offset, &limit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset, ==, 0);
  g_assert_cmpuint (limit, ==, 100);
  paging (small, 100, &offset, &limit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (offset, ==, 40);
  g_assert_cmpuint (limit, ==, 10);
  /* No limit, or one above the largest page, gets the largest page. */
  paging (zero, 100, &offset, &limit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limit, ==, 100);
  paging (large, 100, &offset, &limit, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (limit, ==, 100);
  paging (negative, 100, &offset, &limit, &error);
  assert_invalid_argument (error, MFM_WIRE_PARAM_OFFSET);
}

static void
test_deconfigure_action (void)
{
  MfmDeconfigureAction actions[] = { MFM_DECONFIGURE_NONE, MFM_DECONFIGURE_DISABLE,
                                     MFM_DECONFIGURE_DELETE };
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;
  MfmDeconfigureAction action = MFM_DECONFIGURE_DELETE;

  /* Not sent: the partner's copy is disabled, as Micetro's dialogs default. */
  g_assert_true (mfm_sim_params_get_deconfigure_action (params, &action, &error));
  g_assert_no_error (error);
  g_assert_cmpint (action, ==, MFM_DECONFIGURE_DISABLE);

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      json_object_set_string_member (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION,
                                     mfm_wire_deconfigure_action_to_string (actions[i]));
      g_assert_true (mfm_sim_params_get_deconfigure_action (params, &action, &error));
      g_assert_no_error (error);
      g_assert_cmpint (action, ==, actions[i]);
    }

  json_object_set_string_member (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION, "Shred");
  g_assert_false (mfm_sim_params_get_deconfigure_action (params, &action, &error));
  assert_invalid_argument (error, "None, Disable or Delete is expected");
}

static void
test_known (void)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(GError) error = NULL;

  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, "name=^dhcp");
  g_assert_true (mfm_sim_params_check_known (MFM_WIRE_GET_SERVERS, params, &error));
  g_assert_no_error (error);

  /* A name the command does not take is refused, so a client's typo cannot pass. */
  json_object_set_string_member (params, "filters", "name=^dhcp");
  g_assert_false (mfm_sim_params_check_known (MFM_WIRE_GET_SERVERS, params, &error));
  assert_invalid_argument (error, "filters is not a parameter of " MFM_WIRE_GET_SERVERS);
  g_clear_error (&error);

  /* A command without a list of parameters takes anything. */
  g_assert_true (mfm_sim_params_check_known (MFM_WIRE_HAS_ACCESS, params, &error));
  g_assert_no_error (error);
}

static void
test_filter (void)
{
  g_autoptr(JsonObject) params = json_object_new ();
  g_autoptr(MfmSimFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  filter = mfm_sim_params_get_filter (params, &error);
  g_assert_no_error (error);
  g_assert_nonnull (filter);
  g_assert_cmpuint (mfm_sim_filter_get_n_clauses (filter), ==, 0);
  g_clear_pointer (&filter, mfm_sim_filter_free);

  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, "name=\"open");
  g_assert_null (mfm_sim_params_get_filter (params, &error));
  g_assert_error (error, MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_ARGUMENT);
}

/* The relationship parameter as a client writes it, read back. */
static JsonObject *
relationship_params (MfmRelationship *relationship)
{
  JsonObject *params = json_object_new ();

  json_object_set_member (params, MFM_WIRE_PARAM_RELATIONSHIP,
                          mfm_wire_relationship_to_json (relationship, FALSE));
  return params;
}

static void
test_relationship (void)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmRelationship) parsed = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  mfm_relationship_set_name (relationship, "ams-failover");
  mfm_relationship_set_primary_server (relationship, "dhcp-ams-01.");
  mfm_relationship_set_secondary_server (relationship, "dhcp-ams-02.");
  mfm_relationship_set_mclt (relationship, 1800);
  params = relationship_params (relationship);

  object = mfm_sim_params_get_relationship (params, &mfm_wire_dialect_default, &error);
  g_assert_no_error (error);
  g_assert_nonnull (object);
  parsed = mfm_sim_params_parse_relationship (object, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (mfm_relationship_get_name (parsed), ==, "ams-failover");
  g_assert_cmpuint (mfm_relationship_get_mclt (parsed), ==, 1800);

  /* A member this server does not know is refused rather than ignored. */
  json_object_set_int_member (object, "mcltSeconds", 1800);
  g_assert_null (mfm_sim_params_get_relationship (params, &mfm_wire_dialect_default, &error));
  assert_invalid_argument (error, "unknown member mcltSeconds");
  g_clear_error (&error);

  /* Not an object at all. */
  json_object_set_string_member (params, MFM_WIRE_PARAM_RELATIONSHIP, "ams-failover");
  g_assert_null (mfm_sim_params_get_relationship (params, &mfm_wire_dialect_default, &error));
  assert_invalid_argument (error, "Missing or invalid parameter: " MFM_WIRE_PARAM_RELATIONSHIP);
  g_clear_error (&error);

  /* With an empty name. */
  mfm_relationship_set_name (relationship, "");
  g_clear_pointer (&params, json_object_unref);
  params = relationship_params (relationship);
  object = mfm_sim_params_get_relationship (params, &mfm_wire_dialect_default, &error);
  g_assert_no_error (error);
  g_assert_null (mfm_sim_params_parse_relationship (object, &error));
  assert_invalid_argument (error, "has no name");
}

/* A port sent as 0 is a mistake; a port not sent keeps its value on Modify. */
static void
test_sent_fields (void)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmRelationship) parsed = NULL;
  g_autoptr(MfmRelationship) target = mfm_relationship_new ();
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(GError) error = NULL;
  const char *port_member = mfm_wire_member_name (MFM_WIRE_MEMBER_PORT);
  JsonObject *object;

  mfm_relationship_set_name (relationship, "ams-failover");
  mfm_relationship_set_port (relationship, 0);
  mfm_relationship_set_peer_port (relationship, 647);
  mfm_relationship_set_mclt (relationship, 600);
  mfm_relationship_set_percentage (relationship, 70);
  params = relationship_params (relationship);
  object = json_object_get_object_member (params, MFM_WIRE_PARAM_RELATIONSHIP);
  parsed = mfm_sim_params_parse_relationship (object, &error);
  g_assert_no_error (error);

  g_assert_true (json_object_has_member (object, port_member));
  g_assert_true (mfm_sim_params_field_sent (object, MFM_SIM_FIELD_PORT, parsed));
  g_assert_false (mfm_sim_params_check_ports (parsed, object, FALSE, &error));
  assert_invalid_argument (error, "Invalid port 0");
  g_clear_error (&error);

  /* Not sent: Modify leaves it alone, Add still needs a real port. */
  json_object_remove_member (object, port_member);
  g_assert_false (mfm_sim_params_field_sent (object, MFM_SIM_FIELD_PORT, parsed));
  g_assert_true (mfm_sim_params_check_ports (parsed, object, FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (mfm_sim_params_check_ports (parsed, object, TRUE, &error));
  assert_invalid_argument (error, "between 1 and 65535");
  g_clear_error (&error);

  /* Only what was sent is copied; the percentage only when asked for. */
  mfm_relationship_set_port (target, 519);
  mfm_relationship_set_percentage (target, 50);
  mfm_sim_params_copy_sent_fields (object, parsed, target, FALSE);
  g_assert_cmpuint (mfm_relationship_get_port (target), ==, 519);
  g_assert_cmpuint (mfm_relationship_get_peer_port (target), ==, 647);
  g_assert_cmpuint (mfm_relationship_get_mclt (target), ==, 600);
  g_assert_cmpuint (mfm_relationship_get_percentage (target), ==, 50);
  mfm_sim_params_copy_sent_fields (object, parsed, target, TRUE);
  g_assert_cmpuint (mfm_relationship_get_percentage (target), ==, 70);
}

static void
test_names (void)
{
  g_assert_true (mfm_sim_params_is_valid_name ("ams-failover"));
  g_assert_true (mfm_sim_params_is_valid_name ("a1.b_c-d"));
  g_assert_true (mfm_sim_params_is_valid_name ("9lives"));
  g_assert_false (mfm_sim_params_is_valid_name ("-ams"));
  g_assert_false (mfm_sim_params_is_valid_name (".ams"));
  g_assert_false (mfm_sim_params_is_valid_name ("ams failover"));
  g_assert_false (mfm_sim_params_is_valid_name ("ams\"failover"));
  g_assert_false (mfm_sim_params_is_valid_name (""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim-params/strings", test_strings);
  g_test_add_func ("/sim-params/uint", test_uint);
  g_test_add_func ("/sim-params/string-array", test_string_array);
  g_test_add_func ("/sim-params/paging", test_paging);
  g_test_add_func ("/sim-params/deconfigure-action", test_deconfigure_action);
  g_test_add_func ("/sim-params/known", test_known);
  g_test_add_func ("/sim-params/filter", test_filter);
  g_test_add_func ("/sim-params/relationship", test_relationship);
  g_test_add_func ("/sim-params/sent-fields", test_sent_fields);
  g_test_add_func ("/sim-params/names", test_names);

  return g_test_run ();
}
