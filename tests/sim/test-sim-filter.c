/* test-sim-filter.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-sim-filter"

#include "config.h"

#include <gio/gio.h>

#include "mfm-sim-filter.h"

static JsonObject *
object_from (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static gboolean
matches (const char *filter_text,
         const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmSimFilter) filter = mfm_sim_filter_new (filter_text, &error);
  g_autoptr(JsonObject) object = object_from (json);

  g_assert_no_error (error);
  return mfm_sim_filter_matches (filter, object);
}

static const char scope[] =
  "{\"ref\":\"dhcpScopes/121\",\"name\":\"Floor 2 clients\",\"dhcpServerRef\":\"dhcpServers/24\","
  "\"rangeRef\":\"ranges/7\",\"enabled\":true,\"available\":150}";

static void
test_clauses (void)
{
  g_assert_true (matches (NULL, scope));
  g_assert_true (matches ("", scope));
  g_assert_true (matches ("dhcpServerRef=dhcpServers/24", scope));
  g_assert_false (matches ("dhcpServerRef=dhcpServers/2", scope));
  g_assert_true (matches ("DHCPSERVERREF=DHCPSERVERS/24", scope));
  g_assert_true (matches ("dhcpServerRef = \"dhcpServers/24\"", scope));
  g_assert_true (matches ("name=\"Floor 2 clients\" AND dhcpServerRef=dhcpServers/24", scope));
  g_assert_true (matches ("name=\"Floor 2 clients\" and rangeRef=ranges/7", scope));
  g_assert_false (matches ("name=\"Floor 2 clients\" AND dhcpServerRef=dhcpServers/25", scope));
  g_assert_true (matches ("name=^Floor", scope));
  g_assert_true (matches ("name=@2 cli", scope));
  g_assert_true (matches ("name=$clients", scope));
  g_assert_true (matches ("name=clients$", scope));
  g_assert_true (matches ("name=^Floor 2 clients$", scope));
  g_assert_false (matches ("name=^Floor 2$", scope));
  g_assert_true (matches ("available=150", scope));
  g_assert_true (matches ("enabled=true", scope));
  g_assert_true (matches ("clients", scope));
  g_assert_false (matches ("basement", scope));
  /* A member the object does not have never matches. */
  g_assert_false (matches ("subnet=10.30.1.0/24", scope));
}

static void
test_exact_value (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmSimFilter) one = mfm_sim_filter_new ("dhcpServerRef=dhcpServers/24", &error);
  g_autoptr(MfmSimFilter) quoted = mfm_sim_filter_new ("name=^x AND dhcpServerRef=\"{#8-#12}\"", &error);
  g_autoptr(MfmSimFilter) prefix = mfm_sim_filter_new ("dhcpServerRef=^dhcpServers/2", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (mfm_sim_filter_get_exact (one, "dhcpServerRef"), ==, "dhcpServers/24");
  g_assert_cmpstr (mfm_sim_filter_get_exact (one, "dhcpserverref"), ==, "dhcpServers/24");
  g_assert_cmpuint (mfm_sim_filter_get_n_clauses (one), ==, 1);
  g_assert_cmpstr (mfm_sim_filter_get_exact (quoted, "dhcpServerRef"), ==, "{#8-#12}");
  g_assert_null (mfm_sim_filter_get_exact (quoted, "rangeRef"));
  g_assert_cmpuint (mfm_sim_filter_get_n_clauses (quoted), ==, 2);
  g_assert_null (mfm_sim_filter_get_exact (prefix, "dhcpServerRef"));
}

static void
test_errors (void)
{
  static const char *bad[] = { "=dhcpServers/24", "name=\"Floor 2", "dhcpServerRef=x AND =y" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MfmSimFilter) filter = mfm_sim_filter_new (bad[i], &error);

      g_assert_null (filter);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_test_message ("%s: %s", bad[i], error->message);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sim-filter/clauses", test_clauses);
  g_test_add_func ("/sim-filter/exact-value", test_exact_value);
  g_test_add_func ("/sim-filter/errors", test_errors);

  return g_test_run ();
}
