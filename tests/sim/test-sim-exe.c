/* test-sim-exe.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-sim-exe"

#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>

#include "mfm-sim-dataset.h"
#include "mfm-wire.h"
#include "sim-rpc.h"

/* The mfm-simulator executable as scripts and the other tests run it. */

typedef struct
{
  GSubprocess *process;
  char        *url;
} Running;

static void
running_stop (Running *running)
{
  g_autoptr(GError) error = NULL;

  /* SIGTERM ends it cleanly, with status 0. */
  g_subprocess_send_signal (running->process, SIGTERM);
  g_assert_true (g_subprocess_wait (running->process, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (running->process));
  g_assert_cmpint (g_subprocess_get_exit_status (running->process), ==, 0);
  g_clear_object (&running->process);
  g_clear_pointer (&running->url, g_free);
}

static const char *
simulator_path (void)
{
  const char *path = g_getenv ("MFM_SIMULATOR");

  if (path == NULL || !g_file_test (path, G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  return path;
}

/* Starts the simulator with @args and reads its first line. */
static void
running_start (Running            *running,
               const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) stdout_lines = NULL;
  g_autoptr(GRegex) pattern = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *line = NULL;

  g_ptr_array_add (argv, (gpointer) simulator_path ());
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  running->process = g_subprocess_newv ((const char * const *) argv->pdata,
                                        G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  stdout_lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (running->process));
  line = g_data_input_stream_read_line_utf8 (stdout_lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);

  pattern = g_regex_new ("^listening on (https?://127\\.0\\.0\\.1:([0-9]+))$", 0, 0, NULL);
  if (!g_regex_match (pattern, line, 0, &match))
    g_error ("Unexpected first line: “%s”", line);
  running->url = g_match_info_fetch (match, 1);
}

static void
test_first_line_and_paging (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *record = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *password_member = NULL;
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(JsonNode) result = NULL;
  JsonObject *params;
  Running running = { 0 };

  if (simulator_path () == NULL)
    {
      g_test_skip ("MFM_SIMULATOR does not name the built simulator");
      return;
    }

  dir = g_dir_make_tmp ("mfm-sim-exe-XXXXXX", &error);
  g_assert_no_error (error);
  record = g_build_filename (dir, "calls.jsonl", NULL);
  {
    const char *args[] = { "--port", "0", "--generate", "300,50,900", "--seed", "3",
                           "--max-page-size", "100", "--record", record, NULL };

    running_start (&running, args);
  }
  g_assert_true (g_str_has_prefix (running.url, "http://"));

  rpc = sim_rpc_new (running.url);
  g_assert_true (sim_rpc_login (rpc, "admin", "admin", &error));
  g_assert_no_error (error);

  /* A page is never larger than --max-page-size. */
  params = json_object_new ();
  json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, 1000);
  result = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL), ==, 300);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (result),
                                                                         MFM_WIRE_RESULT_SERVERS)), ==, 100);
  g_clear_pointer (&result, json_node_unref);

  result = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (result),
                                                                         MFM_WIRE_RESULT_RELATIONSHIPS)), ==, 50);

  running_stop (&running);

  /* Two calls recorded, no password and no session in the file. */
  g_assert_true (g_file_get_contents (record, &contents, NULL, &error));
  g_assert_no_error (error);
  password_member = g_strdup_printf ("\"%s\":\"admin\"", MFM_WIRE_PARAM_PASSWORD);
  g_assert_null (strstr (contents, password_member));
  g_assert_null (strstr (contents, rpc->sid));
  g_assert_nonnull (strstr (contents, MFM_WIRE_LOGIN));
  g_assert_nonnull (strstr (contents, MFM_WIRE_GET_SERVERS));
  g_assert_nonnull (strstr (contents, MFM_WIRE_GET_RELATIONSHIPS));
  g_unlink (record);
  g_rmdir (dir);
}

static void
test_tls (void)
{
  g_autofree char *cert = g_test_build_filename (G_TEST_DIST, "test-cert.pem", NULL);
  g_autofree char *key = g_test_build_filename (G_TEST_DIST, "test-key.pem", NULL);
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(GError) error = NULL;
  Running running = { 0 };
  const char *args[] = { "--port", "0", "--tls-cert", cert, "--tls-key", key, NULL };

  if (simulator_path () == NULL)
    {
      g_test_skip ("MFM_SIMULATOR does not name the built simulator");
      return;
    }

  running_start (&running, args);
  g_assert_true (g_str_has_prefix (running.url, "https://127.0.0.1:"));
  rpc = sim_rpc_new (running.url);
  g_assert_true (sim_rpc_login (rpc, "viewer", "viewer", &error));
  g_assert_no_error (error);
  running_stop (&running);
}

/* A dataset file written with the wire functions: the simulator reads it back, fills in the
 * relationship's scopes from the pools and reports it Normal. */
static void
test_dataset_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) root_node = NULL;
  g_autofree char *text = NULL;
  g_autoptr(MfmServer) a = mfm_server_new ("dhcpServers/71", "isc-a.example.net.", "192.0.2.71", "ISC", "OK");
  g_autoptr(MfmServer) b = mfm_server_new ("dhcpServers/72", "isc-b.example.net.", "192.0.2.72", "ISC", "OK");
  g_autoptr(MfmServer) ms = mfm_server_new ("dhcpServers/73", "ms.example.net.", "192.0.2.73", "MSDHCP", "OK");
  g_autoptr(MfmScope) scope = mfm_scope_new ("dhcpScopes/900", "Office", "dhcpServers/71", "10.9.0.0/24");
  g_autoptr(MfmScope) copy = mfm_scope_new ("dhcpScopes/901", "Office", "dhcpServers/72", "10.9.0.0/24");
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(JsonNode) result = NULL;
  MfmServer *servers[] = { a, b, ms };
  MfmScope *scopes[] = { scope, copy };
  JsonArray *array;
  JsonObject *listed;
  Running running = { 0 };

  if (simulator_path () == NULL)
    {
      g_test_skip ("MFM_SIMULATOR does not name the built simulator");
      return;
    }

  array = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    json_array_add_element (array, mfm_wire_server_to_json (servers[i]));
  json_object_set_array_member (root, MFM_WIRE_RESULT_SERVERS, array);

  array = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (scopes); i++)
    {
      g_autoptr(JsonNode) pools = NULL;
      JsonNode *node;

      mfm_scope_set_enabled (scopes[i], TRUE);
      mfm_scope_add_pool (scopes[i], "10.9.0.50", "10.9.0.199", "pair");
      node = mfm_wire_scope_to_json (scopes[i]);
      pools = mfm_wire_pools_to_json (scopes[i]);
      json_object_set_member (json_node_get_object (node), MFM_SIM_DATASET_POOLS,
                              json_node_copy (json_object_get_member (json_node_get_object (pools),
                                                                      MFM_WIRE_RESULT_ADDRESS_POOLS)));
      json_array_add_element (array, node);
    }
  json_object_set_array_member (root, MFM_WIRE_RESULT_SCOPES, array);

  mfm_relationship_set_name (relationship, "pair");
  mfm_relationship_set_primary_server (relationship, "isc-a.example.net.");
  mfm_relationship_set_secondary_server (relationship, "isc-b.example.net.");
  array = json_array_new ();
  json_array_add_element (array, mfm_wire_relationship_to_json (relationship, FALSE));
  json_object_set_array_member (root, MFM_WIRE_RESULT_RELATIONSHIPS, array);

  root_node = json_node_init_object (json_node_alloc (), root);
  text = mfm_wire_to_string (root_node, TRUE);
  dir = g_dir_make_tmp ("mfm-sim-dataset-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "estate.json", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, &error));

  {
    const char *args[] = { "--port", "0", "--dataset", path, NULL };

    running_start (&running, args);
  }
  rpc = sim_rpc_new (running.url);
  g_assert_true (sim_rpc_login (rpc, "admin", "admin", &error));
  g_assert_no_error (error);

  result = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL), ==, 3);
  g_clear_pointer (&result, json_node_unref);

  result = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_RELATIONSHIPS);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  {
    g_autoptr(MfmRelationship) read = mfm_wire_relationship_from_json (json_array_get_element (array, 0), &error);

    g_assert_no_error (error);
    g_assert_cmpstr (mfm_relationship_get_primary_server_ref (read), ==, "dhcpServers/71");
    g_assert_cmpstr (mfm_relationship_get_secondary_server_ref (read), ==, "dhcpServers/72");
    g_assert_cmpuint (mfm_relationship_get_scope_count (read), ==, 1);
    g_assert_true (mfm_relationship_has_scope (read, "dhcpScopes/900"));
    g_assert_cmpstr (mfm_relationship_get_state (read), ==, "Normal");
  }
  g_clear_pointer (&result, json_node_unref);

  /* The pools came through. */
  listed = json_object_new ();
  json_object_set_string_member (listed, MFM_WIRE_PARAM_SCOPE_REF, "dhcpScopes/901");
  result = sim_rpc_call (rpc, MFM_WIRE_GET_ADDRESS_POOLS, listed, &error);
  g_assert_no_error (error);
  {
    g_autoptr(MfmScope) read = mfm_scope_new ("dhcpScopes/901", "Office", "dhcpServers/72", "10.9.0.0/24");

    g_assert_true (mfm_wire_pools_from_json (result, read, &error));
    g_assert_cmpuint (mfm_scope_get_pool_count (read), ==, 1);
    g_assert_cmpstr (mfm_scope_get_relationship_name (read), ==, "pair");
  }

  running_stop (&running);
  g_unlink (path);
  g_rmdir (dir);
}

static void
test_help_and_bad_options (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) help = NULL;
  g_autoptr(GSubprocess) bad = NULL;
  g_autofree char *output = NULL;
  g_autofree char *errors = NULL;
  g_autofree char *listing = NULL;
  const char *examples;
  const char *options[] = {
    "--port", "--dataset", "--generate", "--seed", "--latency", "--fail-rate", "--malformed-rate",
    "--session-ttl", "--tls-cert", "--tls-key", "--record", "--dhcpd-dir", "--max-page-size",
    "--live", "--live-dir", "--dialect",
  };

  if (simulator_path () == NULL)
    {
      g_test_skip ("MFM_SIMULATOR does not name the built simulator");
      return;
    }

  help = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, simulator_path (), "--help", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (help, NULL, NULL, &output, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (help));
  examples = strstr (output, "Examples");
  g_assert_nonnull (examples);
  listing = g_strndup (output, examples - output);
  for (guint i = 0; i < G_N_ELEMENTS (options); i++)
    {
      g_autofree char *documented = g_strdup_printf ("%s=", options[i]);

      /* Each option is listed with its argument and shown in an example. */
      g_assert_nonnull (strstr (listing, documented));
      g_assert_nonnull (strstr (examples, options[i]));
    }

  bad = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                          simulator_path (), "--generate", "1,2", NULL);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_communicate_utf8 (bad, NULL, NULL, NULL, &errors, &error));
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (bad));
  g_assert_cmpint (g_subprocess_get_exit_status (bad), ==, 1);
  g_assert_nonnull (strstr (errors, "--generate"));

  /* Values out of range end it before it serves anything, with one line on stderr. */
  {
    const char *out_of_range[][2] = {
      { "--port", "65536" }, { "--latency", "600001" }, { "--latency", "-1" },
      { "--fail-rate", "1.5" }, { "--malformed-rate", "-0.1" }, { "--session-ttl", "-5" },
      { "--dialect", "klingon" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (out_of_range); i++)
      {
        g_autoptr(GSubprocess) refused = NULL;
        g_autofree char *stdout_text = NULL;
        g_autofree char *stderr_text = NULL;

        refused = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                    &error, simulator_path (), "--port", "0",
                                    out_of_range[i][0], out_of_range[i][1], NULL);
        g_assert_no_error (error);
        g_assert_true (g_subprocess_communicate_utf8 (refused, NULL, NULL, &stdout_text,
                                                      &stderr_text, &error));
        g_assert_no_error (error);
        g_assert_true (g_subprocess_get_if_exited (refused));
        g_assert_cmpint (g_subprocess_get_exit_status (refused), ==, 1);
        g_assert_cmpstr (stdout_text, ==, "");
        g_assert_true (g_str_has_prefix (stderr_text, "mfm-simulator: "));
        g_assert_null (strstr (stderr_text, "WARNING"));
      }
  }
}

static MfmWireCall *
add_call (const char *name)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/24");
  mfm_relationship_set_primary_server (relationship, "dhcp-lon-01.corp.example.net.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/18");
  mfm_relationship_set_secondary_server (relationship, "dhcp-fra-02.corp.example.net.");

  return mfm_wire_call_add_relationship (relationship, NULL, NULL);
}

static gboolean
relationship_listed (SimRpc     *rpc,
                     const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_autoptr(GPtrArray) list = NULL;

  g_assert_no_error (error);
  list = mfm_wire_relationships_from_result (result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      if (g_strcmp0 (mfm_relationship_get_name (g_ptr_array_index (list, i)), name) == 0)
        return TRUE;
    }

  return FALSE;
}

/* --reset-after-write COMMAND:N: the Nth such write is carried out and its connection closed
 * without an answer; the others are answered. */
static void
test_reset_after_write (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SimRpc) rpc = NULL;
  Running running = { 0 };
  const char *args[] = { "--port", "0", "--reset-after-write", "AddDHCPFailoverRelationship:2", NULL };

  if (simulator_path () == NULL)
    {
      g_test_skip ("MFM_SIMULATOR does not name the built simulator");
      return;
    }

  running_start (&running, args);
  rpc = sim_rpc_new (running.url);
  g_assert_true (sim_rpc_login (rpc, "admin", "admin", &error));
  g_assert_no_error (error);

  for (guint i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("reset-%u", i);
      g_autoptr(MfmWireCall) call = add_call (name);
      g_autoptr(JsonNode) result = NULL;

      result = sim_rpc_call (rpc, call->method, json_object_ref (json_node_get_object (call->params)), &error);
      if (i == 2)
        {
          /* No answer at all: a transport error, not an API error. */
          g_assert_null (result);
          g_assert_nonnull (error);
          g_assert_false (error->domain == SIM_RPC_ERROR);
          g_clear_error (&error);
        }
      else
        {
          g_assert_no_error (error);
          g_assert_nonnull (result);
        }
      /* Made either way. */
      g_assert_true (relationship_listed (rpc, name));
    }

  running_stop (&running);

  /* A count below 1 or an empty command is refused before serving. */
  {
    const char *bad_values[] = { "0", "AddDHCPFailoverRelationship:0", ":2", "two" };

    for (guint i = 0; i < G_N_ELEMENTS (bad_values); i++)
      {
        g_autoptr(GSubprocess) refused = NULL;
        g_autofree char *stdout_text = NULL;
        g_autofree char *stderr_text = NULL;

        refused = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                                    &error, simulator_path (), "--port", "0",
                                    "--reset-after-write", bad_values[i], NULL);
        g_assert_no_error (error);
        g_assert_true (g_subprocess_communicate_utf8 (refused, NULL, NULL, &stdout_text,
                                                      &stderr_text, &error));
        g_assert_no_error (error);
        g_assert_cmpint (g_subprocess_get_exit_status (refused), ==, 1);
        g_assert_cmpstr (stdout_text, ==, "");
        g_assert_nonnull (strstr (stderr_text, "--reset-after-write"));
      }
  }
}

/* The health controls: a relationship reported in another state, a scope gone from one partner;
 * a wrong value is refused with a sentence. */
static void
test_health_controls (void)
{
  const char *args[] = { "--port", "0",
                         "--relationship-state", "ams-failover=Partner down",
                         "--drop-scope", "dhcpServers/13=10.10.2.0/24", NULL };
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autofree char *filter = NULL;
  JsonArray *array;
  JsonObject *params;
  Running running = { 0 };
  gboolean seen = FALSE;

  if (simulator_path () == NULL)
    {
      g_test_skip ("MFM_SIMULATOR does not name the built simulator");
      return;
    }

  running_start (&running, args);
  rpc = sim_rpc_new (running.url);
  g_assert_true (sim_rpc_login (rpc, "admin", "admin", &error));
  g_assert_no_error (error);

  result = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (result), MFM_WIRE_RESULT_RELATIONSHIPS);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(MfmRelationship) relationship = mfm_wire_relationship_from_json (json_array_get_element (array, i), &error);

      g_assert_no_error (error);
      if (g_strcmp0 (mfm_relationship_get_name (relationship), "ams-failover") == 0)
        {
          g_assert_cmpstr (mfm_relationship_get_state (relationship), ==, "Partner down");
          seen = TRUE;
        }
      else if (g_strcmp0 (mfm_relationship_get_name (relationship), "fra-failover") == 0)
        g_assert_cmpstr (mfm_relationship_get_state (relationship), ==, "Normal");
    }
  g_assert_true (seen);
  g_clear_pointer (&result, json_node_unref);

  /* Amsterdam's secondary has three of its four scopes left; its primary all four. */
  params = json_object_new ();
  filter = mfm_wire_scope_filter_for_server ("dhcpServers/13");
  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, filter);
  result = sim_rpc_call (rpc, MFM_WIRE_GET_SCOPES, params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL), ==, 3);
  g_clear_pointer (&result, json_node_unref);
  g_free (filter);
  params = json_object_new ();
  filter = mfm_wire_scope_filter_for_server ("dhcpServers/12");
  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, filter);
  result = sim_rpc_call (rpc, MFM_WIRE_GET_SCOPES, params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL), ==, 5);

  running_stop (&running);

  /* A scope that is not there is refused before anything is served. */
  {
    const char *bad[] = { simulator_path (), "--port", "0", "--drop-scope", "dhcpServers/13=10.99.0.0/24", NULL };
    g_autoptr(GSubprocess) process = g_subprocess_newv (bad, G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                                         G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
    g_autofree char *out = NULL;
    g_autofree char *err = NULL;

    g_assert_no_error (error);
    g_assert_true (g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error));
    g_assert_no_error (error);
    g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 1);
    g_assert_nonnull (strstr (err, "10.99.0.0/24"));
    g_assert_cmpstr (out, ==, "");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/exe/first-line-and-paging", test_first_line_and_paging);
  g_test_add_func ("/sim/exe/tls", test_tls);
  g_test_add_func ("/sim/exe/dataset-file", test_dataset_file);
  g_test_add_func ("/sim/exe/help", test_help_and_bad_options);
  g_test_add_func ("/sim/exe/reset-after-write", test_reset_after_write);
  g_test_add_func ("/sim/exe/health-controls", test_health_controls);

  return g_test_run ();
}
