/* test-sim-faults.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-sim-faults"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mfm-sim-dhcpd.h"
#include "mfm-simulator.h"
#include "mfm-wire.h"
#include "sim-rpc.h"

/* What the simulator's fault and test options claim, checked over loopback. */

static MfmSimulator *
start_simulator (MfmSimulator *simulator,
                 SimRpc      **rpc)
{
  g_autoptr(GError) error = NULL;

  mfm_simulator_load_demo (simulator);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  *rpc = sim_rpc_new (mfm_simulator_get_url (simulator));
  sim_rpc_login (*rpc, "admin", "admin", &error);
  g_assert_no_error (error);
  g_assert_nonnull ((*rpc)->sid);
  return simulator;
}

/* Latency */

typedef struct
{
  guint   pending;
  gint64  finished[2];
} Concurrent;

static void
on_sent (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Concurrent *run = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = soup_session_send_and_read_finish (SOUP_SESSION (object), result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (g_strstr_len (g_bytes_get_data (body, NULL), g_bytes_get_size (body), MFM_WIRE_RESULT_SERVERS));
  run->finished[--run->pending] = g_get_monotonic_time ();
}

static void
test_latency (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *body = NULL;
  Concurrent run = { 2, { 0, 0 } };
  gint64 start, elapsed;

  g_object_set (simulator, "latency-ms", 1000, NULL);
  start_simulator (simulator, &rpc);

  start = g_get_monotonic_time ();
  result = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  elapsed = g_get_monotonic_time () - start;
  g_assert_no_error (error);
  g_test_message ("one call with 1000 ms latency: %.0f ms", elapsed / 1000.0);
  g_assert_cmpint (elapsed, >=, 1000 * 1000);

  /* Two calls at once both wait 1000 ms, side by side: one after the other would take 2 s. */
  g_main_context_push_thread_default (context);
  session = soup_session_new ();
  uri = g_strconcat (mfm_simulator_get_url (simulator), MFM_WIRE_ENDPOINT, NULL);
  body = g_strdup_printf ("{\"%s\":\"%s\",\"%s\":\"%s\",\"%s\":{\"%s\":\"%s\"},\"%s\":1}",
                          MFM_WIRE_JSONRPC, MFM_WIRE_JSONRPC_VERSION,
                          MFM_WIRE_JSONRPC_METHOD, MFM_WIRE_GET_SERVERS,
                          MFM_WIRE_JSONRPC_PARAMS, MFM_WIRE_PARAM_SESSION, rpc->sid,
                          MFM_WIRE_JSONRPC_ID);
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(SoupMessage) msg = soup_message_new (SOUP_METHOD_POST, uri);
      g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));

      soup_message_set_request_body_from_bytes (msg, "application/json", bytes);
      soup_session_send_and_read_async (session, msg, G_PRIORITY_DEFAULT, NULL, on_sent, &run);
    }
  while (run.pending > 0)
    g_main_context_iteration (context, TRUE);
  g_main_context_pop_thread_default (context);
  elapsed = MAX (run.finished[0], run.finished[1]) - start;
  g_test_message ("two concurrent calls with 1000 ms latency: %.0f ms", elapsed / 1000.0);
  g_assert_cmpint (elapsed, >=, 1000 * 1000);
  g_assert_cmpint (elapsed, <, 1900 * 1000);

  mfm_simulator_stop (simulator);
}

/* Fail rate */

static void
test_fail_rate (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(SimRpc) rpc = NULL;
  guint n_http_500 = 0, n_dropped = 0;

  start_simulator (simulator, &rpc);
  g_object_set (simulator, "fail-rate", 1.0, NULL);

  for (guint i = 0; i < 4; i++)
    {
      /* A fresh connection each time, so no keep-alive retry hides a drop. */
      g_autoptr(SimRpc) once = sim_rpc_new (mfm_simulator_get_url (simulator));
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autofree char *content_type = NULL;
      guint status = 0;

      body = sim_rpc_post_raw (once, "{\"jsonrpc\":\"2.0\",\"method\":\"GetDHCPServers\",\"params\":{},\"id\":7}",
                               &status, &content_type, &error);
      if (body != NULL)
        {
          g_autoptr(JsonParser) parser = json_parser_new ();

          g_assert_no_error (error);
          g_assert_cmpuint (status, ==, SOUP_STATUS_INTERNAL_SERVER_ERROR);
          g_assert_cmpstr (content_type, ==, "application/json");
          g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (body, NULL),
                                                     g_bytes_get_size (body), NULL));
          g_assert_true (json_object_has_member (json_node_get_object (json_parser_get_root (parser)),
                                                 MFM_WIRE_JSONRPC_ERROR));
          n_http_500++;
        }
      else
        {
          g_assert_nonnull (error);
          g_test_message ("dropped connection: %s", error->message);
          n_dropped++;
        }
    }
  g_assert_cmpuint (n_http_500, ==, 2);
  g_assert_cmpuint (n_dropped, ==, 2);

  /* Off again: served normally. */
  g_object_set (simulator, "fail-rate", 0.0, NULL);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) result = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, NULL, &error);

    g_assert_no_error (error);
    g_assert_nonnull (result);
  }

  mfm_simulator_stop (simulator);
}

/* One command failing on the server's side while the others work. */
static void
test_fail_method (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) servers = NULL;
  g_autoptr(JsonNode) relationships = NULL;
  g_autoptr(GBytes) body = NULL;
  guint status = 0;

  start_simulator (simulator, &rpc);
  mfm_simulator_fail_method (simulator, MFM_WIRE_GET_RELATIONSHIPS);

  servers = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (servers);

  body = sim_rpc_post_raw (rpc, "{\"jsonrpc\":\"2.0\",\"method\":\"GetDHCPFailoverRelationships\",\"params\":{},\"id\":3}",
                           &status, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status, ==, SOUP_STATUS_INTERNAL_SERVER_ERROR);
  {
    g_autofree char *text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));

    g_assert_nonnull (strstr (text, "-32603"));
  }

  mfm_simulator_fail_method (simulator, NULL);
  relationships = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (relationships);

  mfm_simulator_stop (simulator);
}

/* A partial fail rate picks the same calls for the same seed. */
static char *
fault_pattern (guint seed)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  GString *pattern = g_string_new (NULL);

  g_object_set (simulator, "seed", seed, "fail-rate", 0.3, NULL);
  mfm_simulator_load_demo (simulator);
  g_assert_true (mfm_simulator_start (simulator, 0, NULL));

  for (guint i = 0; i < 30; i++)
    {
      g_autoptr(SimRpc) once = sim_rpc_new (mfm_simulator_get_url (simulator));
      g_autoptr(GBytes) body = NULL;
      guint status = 0;

      body = sim_rpc_post_raw (once, "{\"jsonrpc\":\"2.0\",\"method\":\"Logout\",\"params\":{},\"id\":1}",
                               &status, NULL, NULL);
      g_string_append_c (pattern, body == NULL ? 'x' : status == 500 ? 'F' : '.');
    }
  mfm_simulator_stop (simulator);

  return g_string_free (pattern, FALSE);
}

static void
test_fail_rate_seeded (void)
{
  g_autofree char *first = fault_pattern (5);
  g_autofree char *again = fault_pattern (5);
  g_autofree char *other = fault_pattern (6);
  guint n_faults = 0;

  g_test_message ("seed 5: %s", first);
  g_test_message ("seed 6: %s", other);
  g_assert_cmpstr (first, ==, again);
  g_assert_cmpstr (first, !=, other);
  for (const char *p = first; *p != '\0'; p++)
    n_faults += *p != '.';
  g_assert_cmpuint (n_faults, >, 0);
  g_assert_cmpuint (n_faults, <, 30);
}

/* Malformed responses */

static void
test_malformed (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(SimRpc) rpc = NULL;
  g_autofree char *body_text = NULL;

  start_simulator (simulator, &rpc);
  g_object_set (simulator, "malformed-rate", 1.0, NULL);
  body_text = g_strdup_printf ("{\"%s\":\"%s\",\"%s\":\"%s\",\"%s\":{\"%s\":\"%s\"},\"%s\":1}",
                               MFM_WIRE_JSONRPC, MFM_WIRE_JSONRPC_VERSION,
                               MFM_WIRE_JSONRPC_METHOD, MFM_WIRE_GET_SERVERS,
                               MFM_WIRE_JSONRPC_PARAMS, MFM_WIRE_PARAM_SESSION, rpc->sid,
                               MFM_WIRE_JSONRPC_ID);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) body = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *content_type = NULL;
      g_autofree char *text = NULL;
      guint status = 0;
      gboolean parsed;

      body = sim_rpc_post_raw (rpc, body_text, &status, &content_type, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
      text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
      parsed = json_parser_load_from_data (parser, text, -1, NULL);

      switch (i)
        {
        case 0:   /* truncated JSON */
          g_assert_cmpstr (content_type, ==, "application/json");
          g_assert_false (parsed);
          break;

        case 1:   /* wrong member types */
          {
            JsonObject *result;

            g_assert_cmpstr (content_type, ==, "application/json");
            g_assert_true (parsed);
            result = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                    MFM_WIRE_JSONRPC_RESULT);
            g_assert_cmpstr (json_object_get_string_member (result, MFM_WIRE_RESULT_TOTAL), ==, "many");
            g_assert_cmpstr (json_object_get_string_member (result, MFM_WIRE_RESULT_SERVERS), ==, "many");
          }
          break;

        default:  /* an HTML page */
          g_assert_cmpstr (content_type, ==, "text/html");
          g_assert_false (parsed);
          g_assert_nonnull (strstr (text, "<html>"));
          break;
        }
    }

  mfm_simulator_stop (simulator);
}

/* TLS */

static void
test_tls (void)
{
  g_autofree char *cert_path = g_test_build_filename (G_TEST_DIST, "test-cert.pem", NULL);
  g_autofree char *key_path = g_test_build_filename (G_TEST_DIST, "test-key.pem", NULL);
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(SimRpc) plain = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *plain_url = NULL;

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);
  g_object_set (simulator, "tls-certificate", certificate, NULL);
  start_simulator (simulator, &rpc);
  g_assert_true (g_str_has_prefix (mfm_simulator_get_url (simulator), "https://127.0.0.1:"));
  g_assert_nonnull (rpc->sid);

  /* Plain HTTP to the TLS port gets no answer. */
  plain_url = g_strdup_printf ("http://127.0.0.1:%u", mfm_simulator_get_port (simulator));
  plain = sim_rpc_new (plain_url);
  body = sim_rpc_post_raw (plain, "{}", NULL, NULL, &error);
  g_assert_null (body);
  g_assert_nonnull (error);

  mfm_simulator_stop (simulator);
}

/* Recording */

static void
test_record (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("mfm-sim-record-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "calls.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(JsonNode) result = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *password_member = NULL;
  const char *methods[] = { MFM_WIRE_LOGIN, MFM_WIRE_GET_SERVERS, MFM_WIRE_GET_RELATIONSHIPS };

  g_assert_no_error (error);
  g_object_set (simulator, "record-path", path, NULL);
  start_simulator (simulator, &rpc);
  result = sim_rpc_call (rpc, MFM_WIRE_GET_SERVERS, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&result, json_node_unref);
  result = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);

  /* Flushed per line: readable while the simulator still runs. */
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (strstr (contents, rpc->sid));
  password_member = g_strdup_printf ("\"%s\":\"admin\"", MFM_WIRE_PARAM_PASSWORD);
  g_assert_null (strstr (contents, password_member));
  lines = g_strsplit (contents, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 4);   /* three lines and the empty rest */
  g_assert_cmpstr (lines[3], ==, "");

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *line;
      JsonObject *params;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, &error));
      g_assert_no_error (error);
      line = json_node_get_object (json_parser_get_root (parser));
      g_assert_cmpstr (json_object_get_string_member (line, "method"), ==, methods[i]);
      g_assert_nonnull (json_object_get_string_member (line, "time"));
      params = json_object_get_object_member (line, "params");
      if (i == 0)
        {
          g_assert_cmpstr (json_object_get_string_member (params, MFM_WIRE_PARAM_LOGIN_NAME), ==, "admin");
          g_assert_cmpstr (json_object_get_string_member (params, MFM_WIRE_PARAM_PASSWORD), ==, "•••");
        }
      else
        g_assert_cmpstr (json_object_get_string_member (params, MFM_WIRE_PARAM_SESSION), ==, "•••");
    }

  mfm_simulator_stop (simulator);
  g_unlink (path);
  g_rmdir (dir);
}

/* dhcpd -t on every written configuration */

static void
check_all_configs (const char *dir,
                   guint      *n_checked)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  *n_checked = 0;
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *output = NULL;
      g_autoptr(GError) error = NULL;
      int status = 0;
      const char *argv[] = { mfm_sim_dhcpd_get_path (), "-t", "-4", "-cf", path, NULL };

      g_assert_true (g_str_has_suffix (name, ".conf"));
      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, &output, NULL, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("dhcpd -t rejects %s", path);
      (*n_checked)++;
    }
}

static char *
read_config (const char *dir,
             const char *server_name)
{
  g_autofree char *path = g_strdup_printf ("%s/%s.conf", dir, server_name);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* A write that must succeed, then every configuration file checked again. */
static void
call_and_check_configs (SimRpc     *rpc,
                        const char *method,
                        JsonObject *params,
                        const char *dir,
                        guint      *n_checked)
{
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;

  result = sim_rpc_call (rpc, method, params, &error);
  g_assert_no_error (error);
  check_all_configs (dir, n_checked);
}

static void
test_dhcpd_dir (void)
{
  g_autoptr(MfmSimulator) simulator = NULL;
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(MfmRelationship) relationship = NULL;
  g_autofree char *config = NULL;
  JsonObject *params;
  JsonArray *refs;
  JsonArray *entries;
  JsonObject *entry;
  JsonNode *result;
  guint n_checked;

  if (!g_file_test (MFM_SIM_DHCPD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_test_skip (MFM_SIM_DHCPD_PATH " is not installed (package isc-dhcp-server)");
      return;
    }

  dir = g_dir_make_tmp ("mfm-sim-dhcpd-XXXXXX", &error);
  g_assert_no_error (error);
  simulator = mfm_simulator_new ();
  mfm_sim_dhcpd_attach (simulator, dir);
  start_simulator (simulator, &rpc);
  check_all_configs (dir, &n_checked);
  g_assert_cmpuint (n_checked, ==, 8);   /* every ISC server of the demo */

  /* A configuration dhcpd rejects (a primary without MCLT): an API error quoting dhcpd, and
   * nothing changed, in the API or in the files. */
  relationship = mfm_relationship_new ();
  mfm_relationship_set_name (relationship, "no-mclt");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/17");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/24");
  mfm_relationship_set_mclt (relationship, 0);
  params = json_object_new ();
  json_object_set_member (params, MFM_WIRE_PARAM_RELATIONSHIP,
                          mfm_wire_relationship_to_json (relationship, FALSE));
  result = sim_rpc_call (rpc, MFM_WIRE_ADD_RELATIONSHIP, params, &error);
  g_assert_no_error (error);
  json_node_unref (result);
  params = json_object_new ();
  refs = json_array_new ();
  json_array_add_string_element (refs, "dhcpScopes/114");
  json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, "dhcpServers/17");
  json_object_set_string_member (params, MFM_WIRE_PARAM_RELATIONSHIP_NAME, "no-mclt");
  json_object_set_array_member (params, MFM_WIRE_PARAM_SCOPE_REFS, refs);
  result = sim_rpc_call (rpc, MFM_WIRE_ADD_SCOPES, params, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, 19);
  g_test_message ("rejected: %s", error->message);
  g_assert_nonnull (strstr (error->message, "dhcp-fra-01.corp.example.net"));
  g_assert_nonnull (strstr (error->message, "mclt"));
  g_clear_error (&error);
  check_all_configs (dir, &n_checked);
  config = read_config (dir, "dhcp-fra-01.corp.example.net");
  g_assert_null (strstr (config, "no-mclt"));
  g_clear_pointer (&config, g_free);
  config = read_config (dir, "dhcp-lon-01.corp.example.net");
  g_assert_null (strstr (config, "10.20.4.0"));
  g_clear_pointer (&config, g_free);
  params = json_object_new ();
  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, "dhcpServerRef=dhcpServers/24");
  result = sim_rpc_call (rpc, MFM_WIRE_GET_SCOPES, params, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL), ==, 4);
  json_node_unref (result);
  g_clear_object (&relationship);

  /* Add */
  relationship = mfm_relationship_new ();
  mfm_relationship_set_name (relationship, "lab-failover");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/17");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/24");
  params = json_object_new ();
  json_object_set_member (params, MFM_WIRE_PARAM_RELATIONSHIP,
                          mfm_wire_relationship_to_json (relationship, FALSE));
  call_and_check_configs (rpc, MFM_WIRE_ADD_RELATIONSHIP, params, dir, &n_checked);

  /* Add scopes: the peer statement and the pool reference appear. */
  params = json_object_new ();
  refs = json_array_new ();
  json_array_add_string_element (refs, "dhcpScopes/114");
  json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, "dhcpServers/17");
  json_object_set_string_member (params, MFM_WIRE_PARAM_RELATIONSHIP_NAME, "lab-failover");
  json_object_set_array_member (params, MFM_WIRE_PARAM_SCOPE_REFS, refs);
  call_and_check_configs (rpc, MFM_WIRE_ADD_SCOPES, params, dir, &n_checked);
  config = read_config (dir, "dhcp-fra-01.corp.example.net");
  g_assert_nonnull (strstr (config, "failover peer \"lab-failover\" {"));
  g_assert_nonnull (strstr (config, "failover peer \"lab-failover\";"));
  g_clear_pointer (&config, g_free);
  config = read_config (dir, "dhcp-lon-01.corp.example.net");
  g_assert_nonnull (strstr (config, "failover peer \"lab-failover\" {"));
  g_assert_nonnull (strstr (config, "10.20.4.0"));
  g_clear_pointer (&config, g_free);

  /* Modify */
  mfm_relationship_set_mclt (relationship, 1800);
  params = json_object_new ();
  json_object_set_member (params, MFM_WIRE_PARAM_RELATIONSHIP,
                          mfm_wire_relationship_to_json (relationship, TRUE));
  call_and_check_configs (rpc, MFM_WIRE_MODIFY_RELATIONSHIP, params, dir, &n_checked);
  config = read_config (dir, "dhcp-fra-01.corp.example.net");
  g_assert_nonnull (strstr (config, "1800"));
  g_clear_pointer (&config, g_free);

  /* Remove scopes: the pool loses its peer line, the relationship is Empty again. */
  params = json_object_new ();
  refs = json_array_new ();
  json_array_add_string_element (refs, "dhcpScopes/114");
  json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, "dhcpServers/17");
  json_object_set_string_member (params, MFM_WIRE_PARAM_RELATIONSHIP_NAME, "lab-failover");
  json_object_set_array_member (params, MFM_WIRE_PARAM_SCOPE_REFS, refs);
  json_object_set_string_member (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION, "Disable");
  call_and_check_configs (rpc, MFM_WIRE_REMOVE_SCOPES, params, dir, &n_checked);
  config = read_config (dir, "dhcp-fra-01.corp.example.net");
  g_assert_null (strstr (config, "failover peer \"lab-failover\";"));
  g_clear_pointer (&config, g_free);

  /* Remove */
  params = json_object_new ();
  entries = json_array_new ();
  entry = json_object_new ();
  json_object_set_string_member (entry, MFM_WIRE_PARAM_SERVER_REF, "dhcpServers/17");
  json_object_set_string_member (entry, MFM_WIRE_PARAM_RELATIONSHIP_NAME, "lab-failover");
  json_array_add_object_element (entries, entry);
  json_object_set_array_member (params, MFM_WIRE_PARAM_REF_AND_NAMES, entries);
  json_object_set_string_member (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION, "Delete");
  call_and_check_configs (rpc, MFM_WIRE_REMOVE_RELATIONSHIPS, params, dir, &n_checked);
  g_assert_cmpuint (n_checked, ==, 8);
  config = read_config (dir, "dhcp-fra-01.corp.example.net");
  g_assert_null (strstr (config, "lab-failover"));

  mfm_simulator_stop (simulator);
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (listing)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_unlink (path);
      }
    g_rmdir (dir);
  }
}

/* The hook src/sim/live uses, with backends of the test's own: every one starts with the
 * estate and follows each write with the servers it touched; the first refusal rolls the write
 * back (a later backend is not asked), every backend hears of the rollback, and a reported
 * state replaces the relationship's in every answer, uncached. */
typedef struct
{
  guint     starts;
  guint     applies;
  guint     reverts;
  guint     start_servers;
  gboolean  refuse;
  char     *last_refs;
  char     *state;
} TestBackend;

static gboolean
test_backend_start (gpointer       data,
                    MfmInventory  *inventory,
                    GError       **error)
{
  TestBackend *backend = data;

  backend->starts++;
  backend->start_servers = g_list_model_get_n_items (mfm_inventory_get_servers (inventory));
  return TRUE;
}

static int
compare_refs (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static gboolean
test_backend_apply (gpointer       data,
                    MfmInventory  *inventory,
                    GPtrArray     *server_refs,
                    GError       **error)
{
  TestBackend *backend = data;
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; i < server_refs->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (server_refs, i));
  backend->applies++;
  g_ptr_array_sort (sorted, compare_refs);
  g_ptr_array_add (sorted, NULL);
  g_free (backend->last_refs);
  backend->last_refs = g_strjoinv (",", (char **) sorted->pdata);
  if (backend->refuse)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, "the test backend says no");
      return FALSE;
    }
  return TRUE;
}

static void
test_backend_revert (gpointer      data,
                     MfmInventory *inventory,
                     GPtrArray    *server_refs)
{
  TestBackend *backend = data;

  backend->reverts++;
}

static char *
test_backend_dup_state (gpointer    data,
                        const char *relationship_name)
{
  TestBackend *backend = data;

  return g_str_equal (relationship_name, "hook-failover") ? g_strdup (backend->state) : NULL;
}

static const MfmSimulatorBackend following_backend = {
  .start = test_backend_start,
  .apply = test_backend_apply,
  .revert = test_backend_revert,
  .dup_state = test_backend_dup_state,
};

static const MfmSimulatorBackend applying_backend = {
  .apply = test_backend_apply,
};

static MfmRelationship *
get_hook_relationship (SimRpc *rpc)
{
  g_autoptr(JsonNode) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *array;

  result = sim_rpc_call (rpc, MFM_WIRE_GET_RELATIONSHIPS, NULL, &error);
  g_assert_no_error (error);
  array = json_object_get_array_member (json_node_get_object (result),
                                        MFM_WIRE_RESULT_RELATIONSHIPS);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autoptr(MfmRelationship) relationship = NULL;

      relationship = mfm_wire_relationship_from_json (json_array_get_element (array, i), &error);
      g_assert_no_error (error);
      if (g_strcmp0 (mfm_relationship_get_name (relationship), "hook-failover") == 0)
        return g_steal_pointer (&relationship);
    }

  return NULL;
}

static void
test_backends (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmRelationship) listed = NULL;
  g_autoptr(SimRpc) rpc = NULL;
  g_autoptr(GError) error = NULL;
  TestBackend first = { 0 }, second = { 0 };
  JsonObject *params;
  JsonNode *result;

  mfm_simulator_add_backend (simulator, &following_backend, &first, NULL);
  mfm_simulator_add_backend (simulator, &applying_backend, &second, NULL);
  start_simulator (simulator, &rpc);
  g_assert_cmpuint (first.starts, ==, 1);
  g_assert_cmpuint (first.start_servers, >, 0);

  mfm_relationship_set_name (relationship, "hook-failover");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/17");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/24");
  mfm_relationship_set_port (relationship, 519);
  mfm_relationship_set_peer_port (relationship, 520);
  mfm_relationship_set_mclt (relationship, 1800);
  params = json_object_new ();
  json_object_set_member (params, MFM_WIRE_PARAM_RELATIONSHIP,
                          mfm_wire_relationship_to_json (relationship, FALSE));
  result = sim_rpc_call (rpc, MFM_WIRE_ADD_RELATIONSHIP, params, &error);
  g_assert_no_error (error);
  json_node_unref (result);
  g_assert_cmpuint (first.applies, ==, 1);
  g_assert_cmpuint (second.applies, ==, 1);
  g_assert_cmpstr (first.last_refs, ==, "dhcpServers/17,dhcpServers/24");
  g_assert_cmpuint (first.reverts, ==, 0);

  /* The first backend refuses: an API error quoting it, the second never asked, both told of
   * the rollback, and the MCLT as it was. */
  first.refuse = TRUE;
  mfm_relationship_set_mclt (relationship, 900);
  params = json_object_new ();
  json_object_set_member (params, MFM_WIRE_PARAM_RELATIONSHIP,
                          mfm_wire_relationship_to_json (relationship, FALSE));
  result = sim_rpc_call (rpc, MFM_WIRE_MODIFY_RELATIONSHIP, params, &error);
  g_assert_null (result);
  g_assert_error (error, SIM_RPC_ERROR, 19);
  g_assert_nonnull (strstr (error->message, "the test backend says no"));
  g_clear_error (&error);
  g_assert_cmpuint (first.applies, ==, 2);
  g_assert_cmpuint (second.applies, ==, 1);
  g_assert_cmpuint (first.reverts, ==, 1);
  listed = get_hook_relationship (rpc);
  g_assert_nonnull (listed);
  g_assert_cmpuint (mfm_relationship_get_mclt (listed), ==, 1800);
  g_clear_object (&listed);

  /* A state the backend reports is in the next answer, and a changed one in the one after. */
  first.state = g_strdup ("Partner down");
  listed = get_hook_relationship (rpc);
  g_assert_cmpstr (mfm_relationship_get_state (listed), ==, "Partner down");
  g_clear_object (&listed);
  g_free (first.state);
  first.state = g_strdup ("Recover");
  listed = get_hook_relationship (rpc);
  g_assert_cmpstr (mfm_relationship_get_state (listed), ==, "Recover");

  mfm_simulator_stop (simulator);
  g_free (first.last_refs);
  g_free (first.state);
  g_free (second.last_refs);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim/faults/latency", test_latency);
  g_test_add_func ("/sim/faults/fail-rate", test_fail_rate);
  g_test_add_func ("/sim/faults/fail-method", test_fail_method);
  g_test_add_func ("/sim/faults/fail-rate-seeded", test_fail_rate_seeded);
  g_test_add_func ("/sim/faults/malformed", test_malformed);
  g_test_add_func ("/sim/tls", test_tls);
  g_test_add_func ("/sim/record", test_record);
  g_test_add_func ("/sim/dhcpd-dir", test_dhcpd_dir);
  g_test_add_func ("/sim/backends", test_backends);

  return g_test_run ();
}
