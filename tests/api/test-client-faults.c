/* test-client-faults.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-client-faults"

#include "config.h"

#include <string.h>

#include "mfm-client.h"
#include "mfm-client-private.h"
#include "mfm-simulator.h"
#include "mfm-wire.h"

/* The client against the simulator's --fault answers over loopback HTTP: what a broken or
 * hostile server sends must end in a sentence that says what it did, never in an endless
 * read, a merged list, a wrapped number or a session id in the API log. */

#define DOTS "\342\200\242\342\200\242\342\200\242"
/* Far more objects than any fault may make the client read once it is fixed. */
#define WATCHDOG_OBJECTS 20000

static GAsyncResult *async_result;

static void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_assert_null (async_result);
  async_result = g_object_ref (result);
}

static gboolean
wait_timed_out (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static GAsyncResult *
wait_for_result (void)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (120, wait_timed_out, &timed_out);

  while (async_result == NULL && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (timed_out)
    g_error ("No result within 120 seconds");
  g_source_remove (id);

  return g_steal_pointer (&async_result);
}

typedef struct
{
  MfmSimulator *sim;
  MfmClient    *client;
  GCancellable *cancellable;
  guint         max_loaded;
  guint         n_pages;
} Env;

/* The demo estate, logged in as admin, then @faults turned on. */
static void
env_start (Env        *env,
           const char *faults,
           guint       max_page_size)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  env->sim = mfm_simulator_new ();
  mfm_simulator_load_demo (env->sim);
  if (max_page_size > 0)
    g_object_set (env->sim, "max-page-size", max_page_size, NULL);
  g_assert_true (mfm_simulator_start (env->sim, 0, &error));
  g_assert_no_error (error);
  env->client = mfm_client_new (mfm_simulator_get_url (env->sim));
  env->cancellable = g_cancellable_new ();

  if (faults != NULL && strstr (faults, "bare-login") != NULL)
    g_object_set (env->sim, "faults", faults, NULL);

  mfm_client_login_async (env->client, "admin", "admin", NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_true (mfm_client_login_finish (env->client, result, &error));
  g_assert_no_error (error);

  g_object_set (env->sim, "faults", faults, NULL);
}

static void
env_clear (Env *env)
{
  g_clear_object (&env->client);
  mfm_simulator_stop (env->sim);
  g_clear_object (&env->sim);
  g_clear_object (&env->cancellable);
}

/* A client without bounds would read on and on: the test stops it itself, so that it fails
 * with "cancelled" instead of running for minutes. */
static void
progress_cb (MfmClient         *client,
             MfmClientProgress  what,
             guint              loaded,
             guint              total,
             gpointer           user_data)
{
  Env *env = user_data;

  env->n_pages++;
  env->max_loaded = MAX (env->max_loaded, loaded);
  if (loaded > WATCHDOG_OBJECTS)
    g_cancellable_cancel (env->cancellable);
}

static GPtrArray *
get_servers (Env     *env,
             GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gulong id = g_signal_connect (env->client, "progress", G_CALLBACK (progress_cb), env);
  GPtrArray *servers;

  mfm_client_get_servers_async (env->client, NULL, env->cancellable, got_result, NULL);
  result = wait_for_result ();
  servers = mfm_client_get_servers_finish (env->client, result, error);
  g_signal_handler_disconnect (env->client, id);
  return servers;
}

static GPtrArray *
get_relationships (Env     *env,
                   GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  mfm_client_get_relationships_async (env->client, NULL, NULL, got_result, NULL);
  result = wait_for_result ();
  return mfm_client_get_relationships_finish (env->client, result, error);
}

/* The newest API log entry of @method. */
static MfmApiLogEntry *
last_entry (Env        *env,
            const char *method)
{
  GListModel *log = G_LIST_MODEL (mfm_client_get_api_log (env->client));

  for (guint i = g_list_model_get_n_items (log); i > 0; i--)
    {
      g_autoptr(MfmApiLogEntry) entry = g_list_model_get_item (log, i - 1);

      if (g_strcmp0 (mfm_api_log_entry_get_method (entry), method) == 0)
        return g_steal_pointer (&entry);
    }

  g_error ("No %s in the API log", method);
}

static guint
count_entries (Env        *env,
               const char *method)
{
  GListModel *log = G_LIST_MODEL (mfm_client_get_api_log (env->client));
  guint count = 0;

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(MfmApiLogEntry) entry = g_list_model_get_item (log, i);

      if (g_strcmp0 (mfm_api_log_entry_get_method (entry), method) == 0)
        count++;
    }

  return count;
}

static void
assert_contains (const char *text,
                 const char *part)
{
  if (text == NULL || strstr (text, part) == NULL)
    g_error ("“%s” does not contain “%s”", text, part);
}

/* The API log entry of the answer the client refused says so and why: the last entry of
 * @method, or for a list of servers the last that was refused (the pages sent with the first
 * one may be answered after it). */
static void
assert_refused_in_log (Env          *env,
                       const char   *method,
                       const GError *error)
{
  g_autoptr(MfmApiLogEntry) entry = last_entry (env, method);
  g_autofree char *text = NULL;

  if (g_strcmp0 (method, MFM_WIRE_GET_SERVERS) == 0)
    {
      GListModel *log = G_LIST_MODEL (mfm_client_get_api_log (env->client));

      for (guint i = g_list_model_get_n_items (log); i > 0; i--)
        {
          g_autoptr(MfmApiLogEntry) other = g_list_model_get_item (log, i - 1);

          if (g_strcmp0 (mfm_api_log_entry_get_method (other), method) == 0 &&
              strstr (mfm_api_log_entry_get_outcome (other), "answer refused") != NULL)
            {
              g_set_object (&entry, other);
              break;
            }
        }
    }
  text = mfm_api_log_entry_to_text (entry);

  assert_contains (mfm_api_log_entry_get_outcome (entry), "answer refused");
  assert_contains (mfm_api_log_entry_get_outcome (entry), error->message);
  assert_contains (text, error->message);
}

/* ---------------------------------------------------------------------------------------- */
/* Paging                                                                                    */

/* Full pages of new servers and no totalResults: only a cap on requests ends it. */
static void
test_endless_pages (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;

  env_start (&env, "endless-pages", 5);
  servers = get_servers (&env, &error);
  g_assert_null (servers);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  assert_contains (error->message, "kept sending full pages of GetDHCPServers");
  assert_contains (error->message, "without saying how many");
  /* 1000 requests of 5, then it stopped. */
  g_assert_cmpuint (env.n_pages, ==, 1000);
  g_assert_cmpuint (env.max_loaded, ==, 5000);
  assert_refused_in_log (&env, MFM_WIRE_GET_SERVERS, error);
  env_clear (&env);
}

/* One server a page and a total of 4294967295: refused after the first page. */
static void
test_huge_total (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;

  env_start (&env, "huge-total", 0);
  servers = get_servers (&env, &error);
  g_assert_null (servers);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  assert_contains (error->message, "announced 4294967295 objects for GetDHCPServers in pages of 1");
  /* Nothing asked after the first answer: only the pages sent with the first one, those not
   * yet sent when it came in cancelled. */
  g_assert_cmpuint (count_entries (&env, MFM_WIRE_GET_SERVERS), >=, 1);
  g_assert_cmpuint (count_entries (&env, MFM_WIRE_GET_SERVERS), <=, MFM_MAX_IN_FLIGHT);
  assert_refused_in_log (&env, MFM_WIRE_GET_SERVERS, error);
  env_clear (&env);
}

/* Every page is the first one again: the second page brings nothing new. */
static void
test_ignore_offset (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;

  env_start (&env, "ignore-offset", 2);
  servers = get_servers (&env, &error);
  g_assert_null (servers);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  assert_contains (error->message, "at offset 2 with 2 objects it had sent already");
  /* The first pages together (the first answer shows pages of 2, the others are dropped),
   * then up to the in-flight limit in pages of 2; nothing after the refusal. */
  g_assert_cmpuint (count_entries (&env, MFM_WIRE_GET_SERVERS), >=, 2);
  g_assert_cmpuint (count_entries (&env, MFM_WIRE_GET_SERVERS), <=, 2 * MFM_MAX_IN_FLIGHT);
  assert_refused_in_log (&env, MFM_WIRE_GET_SERVERS, error);
  env_clear (&env);
}

/* ---------------------------------------------------------------------------------------- */
/* Duplicates                                                                                */

static void
test_repeated_refs (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *servers_count = NULL;
  g_autofree char *relationships_count = NULL;
  guint n_servers, n_relationships;

  env_start (&env, "repeated-refs", 0);
  {
    g_autoptr(MfmInventory) estate = mfm_simulator_dup_inventory (env.sim);

    n_servers = g_list_model_get_n_items (mfm_inventory_get_servers (estate));
    n_relationships = g_list_model_get_n_items (mfm_inventory_get_relationships (estate));
  }
  g_assert_cmpuint (n_servers, >, 1);
  g_assert_cmpuint (n_relationships, >, 1);

  /* Not one server shown for all of them, not all of them under one ref: refused. */
  servers = get_servers (&env, &error);
  g_assert_null (servers);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  servers_count = g_strdup_printf ("sent %u objects with the same reference", n_servers);
  assert_contains (error->message, servers_count);
  assert_refused_in_log (&env, MFM_WIRE_GET_SERVERS, error);
  g_clear_error (&error);

  relationships = get_relationships (&env, &error);
  g_assert_null (relationships);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  relationships_count = g_strdup_printf ("sent %u failover relationships named", n_relationships);
  assert_contains (error->message, relationships_count);
  assert_refused_in_log (&env, MFM_WIRE_GET_RELATIONSHIPS, error);
  g_clear_error (&error);

  /* The inventory is left as it was rather than filled with a merged list. */
  mfm_client_refresh_inventory_async (env.client, inventory, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_false (mfm_client_refresh_inventory_finish (env.client, result, &error));
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, 0);
  env_clear (&env);
}

/* Only the relationships share a name: the refresh shows the servers and says the
 * relationships could not be read, their answer refused in the API log for the name it
 * repeats, as a direct read of the relationships says. */
static void
test_repeated_names_refresh (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(MfmApiLogEntry) entry = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *named = NULL;
  const GError *incomplete;
  guint n_servers, n_relationships;

  env_start (&env, "repeated-names", 0);
  {
    g_autoptr(MfmInventory) estate = mfm_simulator_dup_inventory (env.sim);

    n_servers = g_list_model_get_n_items (mfm_inventory_get_servers (estate));
    n_relationships = g_list_model_get_n_items (mfm_inventory_get_relationships (estate));
  }
  g_assert_cmpuint (n_servers, >, 1);
  g_assert_cmpuint (n_relationships, >, 1);

  relationships = get_relationships (&env, &error);
  g_assert_null (relationships);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  named = g_strdup_printf ("The server sent %u failover relationships named “", n_relationships);
  assert_contains (error->message, named);
  refused = g_strdup_printf ("answer refused: %s", error->message);
  g_clear_error (&error);

  mfm_client_refresh_inventory_async (env.client, inventory, NULL, got_result, NULL);
  result = wait_for_result ();
  g_assert_true (mfm_client_refresh_inventory_finish (env.client, result, &error));
  g_assert_no_error (error);
  incomplete = mfm_client_refresh_inventory_get_incomplete (env.client, result);
  g_assert_nonnull (incomplete);
  g_assert_error (incomplete, MFM_ERROR, MFM_ERROR_PROTOCOL);
  assert_contains (incomplete->message, "The failover relationships could not be read");
  entry = last_entry (&env, MFM_WIRE_GET_RELATIONSHIPS);
  g_assert_cmpstr (mfm_api_log_entry_get_outcome (entry), ==, refused);
  g_assert_cmpuint (count_entries (&env, MFM_WIRE_GET_RELATIONSHIPS), ==, 2);

  /* The servers are shown; no relationship, rather than one for all of them. */
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==,
                    n_servers);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory)), ==, 0);
  env_clear (&env);
}

/* ---------------------------------------------------------------------------------------- */
/* Long texts                                                                                */

static void
test_long_names (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) servers = NULL;

  env_start (&env, "long-names", 0);
  servers = get_servers (&env, &error);
  g_assert_null (servers);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  /* Where: the list, the item, the member, how long. */
  assert_contains (error->message, "Item 1 of “dhcpServers”");
  assert_contains (error->message, "“name” is 1048576 characters long; at most 255");
  assert_refused_in_log (&env, MFM_WIRE_GET_SERVERS, error);
  env_clear (&env);
}

/* The limits at their edges, in characters rather than bytes. */
static void
test_text_limits (void)
{
  struct
  {
    const char *member;
    guint       length;
    gboolean    accepted;
  } cases[] = {
    { "name", 255, TRUE },
    { "name", 256, FALSE },
    { "address", 256, FALSE },
    { "state", 256, FALSE },
    { "ref", 256, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(JsonObject) object = json_object_new ();
      g_autoptr(JsonNode) node = NULL;
      g_autoptr(MfmServer) server = NULL;
      g_autoptr(GError) error = NULL;

      /* "é" is two bytes: the limit counts characters. */
      for (guint c = 0; c < cases[i].length; c++)
        g_string_append (text, "\303\251");
      json_object_set_string_member (object, "ref", "dhcpServers/1");
      json_object_set_string_member (object, cases[i].member, text->str);
      node = json_node_init_object (json_node_alloc (), object);
      server = mfm_wire_server_from_json (node, &error);
      if (cases[i].accepted)
        {
          g_assert_no_error (error);
          g_assert_nonnull (server);
        }
      else
        {
          g_autofree char *expected = g_strdup_printf ("“%s” is %u characters long",
                                                       cases[i].member, cases[i].length);

          g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
          assert_contains (error->message, expected);
        }
    }

  /* Free text may be longer. */
  {
    g_autofree char *description = g_strnfill (4096, 'd');
    g_autofree char *too_long = g_strnfill (4097, 'd');
    g_autoptr(JsonObject) object = json_object_new ();
    g_autoptr(JsonNode) node = NULL;
    g_autoptr(MfmScope) scope = NULL;
    g_autoptr(GError) error = NULL;

    json_object_set_string_member (object, "ref", "dhcpScopes/1");
    json_object_set_string_member (object, "description", description);
    node = json_node_init_object (json_node_alloc (), json_object_ref (object));
    scope = mfm_wire_scope_from_json (node, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (mfm_scope_get_description (scope), ==, description);

    json_object_set_string_member (object, "description", too_long);
    g_clear_object (&scope);
    scope = mfm_wire_scope_from_json (node, &error);
    g_assert_null (scope);
    g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  }
}

/* ---------------------------------------------------------------------------------------- */
/* Secrets                                                                                   */

/* Login answered with the bare session string: hidden by its value in every entry and in the
 * Copy All text, as the session the client sends afterwards. */
static void
test_bare_login (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(MfmApiLogEntry) login = NULL;
  g_autofree char *session = NULL;
  g_autofree char *all = NULL;

  env_start (&env, "bare-login", 0);
  session = g_strdup (mfm_client_get_session (env.client));
  g_assert_nonnull (session);
  g_assert_cmpuint (strlen (session), >=, 8);

  relationships = get_relationships (&env, &error);
  g_assert_no_error (error);
  g_assert_nonnull (relationships);

  login = last_entry (&env, MFM_WIRE_LOGIN);
  g_assert_null (strstr (mfm_api_log_entry_get_response_body (login), session));
  assert_contains (mfm_api_log_entry_get_response_body (login), "\"" DOTS "\"");

  all = mfm_api_log_to_text (mfm_client_get_api_log (env.client));
  g_assert_null (strstr (all, session));
  assert_contains (all, MFM_WIRE_GET_RELATIONSHIPS);
  env_clear (&env);
}

/* One list of secret members for the log and the simulator's record. */
static void
test_secret_members (void)
{
  const char *secrets[] = { "0123456789abcdef", "short", NULL };
  g_autofree char *redacted = NULL;

  g_assert_true (mfm_wire_is_secret_member (MFM_WIRE_PARAM_PASSWORD, -1));
  g_assert_true (mfm_wire_is_secret_member (MFM_WIRE_PARAM_SESSION, -1));
  g_assert_true (mfm_wire_is_secret_member ("Session", -1));
  g_assert_false (mfm_wire_is_secret_member (MFM_WIRE_PARAM_LOGIN_NAME, -1));

  /* By value: within a text when long enough, as a whole value when short. */
  redacted = mfm_api_log_redact_values ("{\"result\":\"0123456789abcdef\",\"error\":"
                                        "{\"message\":\"Session 0123456789abcdef expired\"},"
                                        "\"a\":\"short\",\"b\":\"shortly\"}", secrets);
  g_assert_cmpstr (redacted, ==,
                   "{\"result\":\"" DOTS "\",\"error\":{\"message\":\"Session " DOTS
                   " expired\"},\"a\":\"" DOTS "\",\"b\":\"shortly\"}");
}

/* ---------------------------------------------------------------------------------------- */
/* Numbers and broken answers                                                                */

static void
test_huge_numbers (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relationships = NULL;

  env_start (&env, "huge-numbers", 0);
  relationships = get_relationships (&env, &error);
  g_assert_null (relationships);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
  assert_contains (error->message, "“mclt” is out of range (18446744073709551616)");
  g_assert_null (strstr (error->message, "(-1)"));
  env_clear (&env);
}

/* The edges of 64 bits, where json-glib starts to wrap. */
static void
test_number_edges (void)
{
  struct
  {
    const char *number;
    gboolean    parsed;
  } cases[] = {
    { "9223372036854775807", TRUE },
    { "9223372036854775808", FALSE },
    { "-9223372036854775808", TRUE },
    { "-9223372036854775809", FALSE },
    { "000000000000000000000042", TRUE },
    { "99999999999999999999999999", FALSE },
    { "1.8446744073709551616e19", TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *body = g_strdup_printf ("{\"result\":{\"totalResults\":%s,\"x\":[1]}}",
                                               cases[i].number);
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = mfm_wire_parse_response (body, strlen (body), 200, &error);

      if (cases[i].parsed)
        {
          g_assert_no_error (error);
          g_assert_nonnull (result);
        }
      else
        {
          g_autofree char *expected = g_strdup_printf ("“totalResults” is out of range (%s)",
                                                       cases[i].number);

          g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
          assert_contains (error->message, expected);
        }
    }

  /* In a list rather than as a member's value; digits inside texts are no numbers. */
  {
    const char *body = "{\"result\":{\"a\":\"99999999999999999999\",\"b\":[1,99999999999999999999]}}";
    g_autoptr(GError) error = NULL;
    g_autoptr(JsonNode) result = mfm_wire_parse_response (body, strlen (body), 200, &error);

    g_assert_null (result);
    g_assert_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL);
    assert_contains (error->message, "A number in the answer is out of range (99999999999999999999)");
  }
}

/* The server answered, then the connection closed half way through the body. */
static void
test_cut_answers (void)
{
  Env env = { 0 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(MfmApiLogEntry) entry = NULL;
  guint64 whole = 0, received;

  env_start (&env, NULL, 0);
  relationships = get_relationships (&env, &error);
  g_assert_no_error (error);
  g_clear_pointer (&relationships, g_ptr_array_unref);
  entry = last_entry (&env, MFM_WIRE_GET_RELATIONSHIPS);
  g_object_get (entry, "response-size", &whole, NULL);
  g_clear_object (&entry);
  g_object_set (env.sim, "faults", "cut-answers", NULL);

  relationships = get_relationships (&env, &error);
  g_assert_null (relationships);
  g_assert_error (error, MFM_ERROR, MFM_ERROR_CONNECTION_BROKEN);
  assert_contains (error->message, "The answer to GetDHCPFailoverRelationships (HTTP 200) stopped after");
  /* The bytes that came (half the answer), not the room the announced length made. */
  received = g_ascii_strtoull (strstr (error->message, "stopped after ") + strlen ("stopped after "),
                               NULL, 10);
  g_assert_cmpuint (received, >, 0);
  g_assert_cmpuint (received, <, whole);
  g_assert_cmpuint (received * 2 + 16, >=, whole);
  g_assert_cmpuint (received * 2, <=, whole + 16);
  g_assert_null (strstr (mfm_error_get_sentence (error), "could not be reached"));
  assert_contains (mfm_error_get_sentence (error), "broke in the middle of its answer");
  g_assert_false (mfm_error_is_refusal (error));

  entry = last_entry (&env, MFM_WIRE_GET_RELATIONSHIPS);
  g_assert_cmpstr (mfm_api_log_entry_get_outcome (entry), ==, "connection broke");
  env_clear (&env);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/client-faults/paging/endless-pages", test_endless_pages);
  g_test_add_func ("/client-faults/paging/huge-total", test_huge_total);
  g_test_add_func ("/client-faults/paging/ignore-offset", test_ignore_offset);
  g_test_add_func ("/client-faults/repeated-refs", test_repeated_refs);
  g_test_add_func ("/client-faults/repeated-names-refresh", test_repeated_names_refresh);
  g_test_add_func ("/client-faults/long-names", test_long_names);
  g_test_add_func ("/client-faults/text-limits", test_text_limits);
  g_test_add_func ("/client-faults/bare-login", test_bare_login);
  g_test_add_func ("/client-faults/secret-members", test_secret_members);
  g_test_add_func ("/client-faults/huge-numbers", test_huge_numbers);
  g_test_add_func ("/client-faults/number-edges", test_number_edges);
  g_test_add_func ("/client-faults/cut-answers", test_cut_answers);

  return g_test_run ();
}
