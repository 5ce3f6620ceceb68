/* test-json-reader.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The one-pass JSON reader against json-glib, text by text (tests/fuzz/json-reader-check.h):
 * every answer the simulator gives for a small estate, hand-written edge cases, seeded random
 * JSON, and random damage to all of those. Where the reader accepts, json-glib must build the
 * same tree, value types included; the wire must answer the same or fail with the same words. */

#define G_LOG_DOMAIN "mfm-test-json-reader"

#include "config.h"

#include <libsoup/soup.h>
#include <string.h>

#include "mfm-simulator.h"
#include "mfm-wire-names.h"

#include "../fuzz/json-reader-check.h"

/* What the tests below feed the mutations with. */
static GPtrArray *seeds;

static void
check_accepted (const char *text,
                gsize       length)
{
  if (!mfm_json_reader_check (text, length))
    g_error ("The reader refuses strict JSON: %.*s", (int) MIN (length, 200), text);
}

/* ---------------------------------------------------------------------------------------- */
/* Edge cases                                                                               */

typedef struct
{
  const char *text;
  gssize      length;     /* -1: up to the NUL */
  gboolean    accepted;   /* by the reader */
} Case;

static const Case cases[] = {
  /* Numbers: json-glib's types */
  { "0", -1, TRUE }, { "-0", -1, TRUE }, { "-0.0", -1, TRUE }, { "1.0", -1, TRUE },
  { "1e5", -1, TRUE }, { "1E5", -1, TRUE }, { "1e+5", -1, TRUE }, { "1e-5", -1, TRUE },
  { "-1.5e-3", -1, TRUE }, { "0e0", -1, TRUE }, { "1.5E+300", -1, TRUE },
  { "1e400", -1, TRUE }, { "-1e400", -1, TRUE }, { "1e-400", -1, TRUE }, { "4.9e-324", -1, TRUE },
  { "0.1", -1, TRUE }, { "123456789.123456789e-20", -1, TRUE },
  { "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899", -1,
    TRUE },
  { "9223372036854775807", -1, TRUE }, { "-9223372036854775808", -1, TRUE },
  { "9223372036854775808", -1, FALSE }, { "-9223372036854775809", -1, FALSE },
  { "18446744073709551616", -1, FALSE }, { "123456789012345678901234567890", -1, FALSE },
  { "[9223372036854775807,-9223372036854775808]", -1, TRUE },
  { "{\"id\":9223372036854775808}", -1, FALSE },
  /* Numbers json-glib reads its own way */
  { "01", -1, FALSE }, { "-01", -1, FALSE }, { "1.", -1, FALSE }, { ".5", -1, FALSE },
  { "1.e5", -1, FALSE }, { "1e", -1, FALSE }, { "+1", -1, FALSE }, { "-", -1, FALSE },
  { "[0x10]", -1, FALSE }, { "[-]", -1, FALSE }, { "- 1", -1, FALSE }, { "1e+", -1, FALSE },
  /* Literals and top-level scalars */
  { "true", -1, TRUE }, { "false", -1, TRUE }, { "null", -1, TRUE }, { "\"a\"", -1, TRUE },
  { "True", -1, FALSE }, { "nul", -1, FALSE }, { "truex", -1, FALSE }, { "[true1]", -1, FALSE },
  { "[true,false,null]", -1, TRUE },
  /* Whitespace, empty input, trailing text */
  { "", 0, FALSE }, { "  ", -1, FALSE }, { "\n", -1, FALSE },
  { " \t\r\n[ 1 ,\r\n 2 ]\t \n", -1, TRUE }, { "{ \"a\" : 1 , \"b\" : [ ] }", -1, TRUE },
  { "[1,\f2]", -1, FALSE }, { "[1,\v2]", -1, FALSE }, { "[1] x", -1, FALSE },
  { "[1]]", -1, FALSE }, { "[1] [2]", -1, FALSE }, { "/*c*/[1]", -1, FALSE },
  { "[1]//x", -1, FALSE }, { "#x\n[1]", -1, FALSE },
  /* A byte order mark */
  { "\xef\xbb\xbf[1]", -1, FALSE }, { "\xef\xbb\xbf", -1, FALSE },
  /* Structure */
  { "[]", -1, TRUE }, { "{}", -1, TRUE }, { "[[]]", -1, TRUE }, { "[{}]", -1, TRUE },
  { "[1,]", -1, FALSE }, { "{\"a\":1,}", -1, FALSE }, { "[1 2]", -1, FALSE },
  { "{\"a\" 1}", -1, FALSE }, { "{1:2}", -1, FALSE }, { "{\"a\"}", -1, FALSE },
  { "[", -1, FALSE }, { "{", -1, FALSE }, { "{\"a\":", -1, FALSE }, { "]", -1, FALSE },
  { "[,1]", -1, FALSE }, { "{,}", -1, FALSE }, { "{'a':1}", -1, FALSE }, { "{a:1}", -1, FALSE },
  /* Member names: empty, repeated (first place, last value) */
  { "{\"\":1}", -1, TRUE }, { "{\"a\":1,\"a\":2}", -1, TRUE },
  { "{\"b\":1,\"a\":2,\"b\":[3],\"a\":{\"b\":4,\"b\":5}}", -1, TRUE },
  { "{\"a\\u0062\":1,\"ab\":2}", -1, TRUE },
  /* Strings and escapes */
  { "\"\"", -1, TRUE }, { "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", -1, TRUE },
  { "\"\\u0041\\u00e9\\u20AC\\uFFFF\"", -1, TRUE }, { "\"\\ud83d\\ude00\"", -1, TRUE },
  { "\"\\ud800\\udc00\\udbff\\udfff\"", -1, TRUE }, { "\"\\uD83D\\uDE00\"", -1, TRUE },
  { "\"\\ud83d\"", -1, FALSE }, { "\"\\ude00\"", -1, FALSE }, { "\"\\ud83dx\"", -1, FALSE },
  { "\"\\ud800\\u0041\"", -1, FALSE }, { "\"\\ud800\\ud800\"", -1, FALSE },
  { "\"\\u0000a\"", -1, TRUE }, { "{\"a\\u0000b\":\"c\\u0000d\"}", -1, TRUE },
  { "\"\\u00\"", -1, FALSE }, { "\"\\u00g0\"", -1, FALSE }, { "\"\\x\"", -1, FALSE },
  { "\"\\U0041\"", -1, FALSE }, { "\"\\'\"", -1, FALSE }, { "\"a\tb\"", -1, FALSE },
  { "\"a\nb\"", -1, FALSE }, { "\"\x7f\"", -1, TRUE }, { "\"\x1f\"", -1, FALSE },
  { "\"abc", -1, FALSE }, { "\"abc\\", -1, FALSE }, { "\"\\u12", -1, FALSE },
  /* UTF-8: valid, overlong, surrogates, beyond U+10FFFF, cut, outside a string */
  { "\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"", -1, TRUE }, { "\"\xef\xbf\xbf\"", -1, TRUE },
  { "\"\xc0\xaf\"", -1, FALSE }, { "\"\xed\xa0\x80\"", -1, FALSE },
  { "\"\xf4\x90\x80\x80\"", -1, FALSE }, { "\"\xe2\x82\"", -1, FALSE },
  { "\"\xc3\"", -1, FALSE }, { "\"\xff\"", -1, FALSE }, { "[\xc3\xa9]", -1, FALSE },
  { "\"\xc3\xa9\\n\xc3\xa9\"", -1, TRUE },
  /* NUL bytes */
  { "[1]\0", 4, FALSE }, { "\"a\0b\"", 5, FALSE }, { "[1,\0 2]", 7, FALSE },
  { "{\"result\":\"x\"}\0", 15, FALSE },
  /* JSON-RPC envelopes */
  { "{\"jsonrpc\":\"2.0\",\"result\":{\"session\":\"abc\"},\"id\":1}", -1, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":-32601,\"message\":\"No such method\"},\"id\":2}",
    -1, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"error\":{\"code\":1.5,\"message\":\"x\"},\"id\":2}", -1, TRUE },
  { "{\"jsonrpc\":\"2.0\",\"id\":3}", -1, TRUE }, { "[{\"result\":1}]", -1, TRUE },
};

static void
test_edge_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const Case *c = &cases[i];
      gsize length = c->length < 0 ? strlen (c->text) : (gsize) c->length;

      g_autofree char *shown = g_strescape (c->text, NULL);

      g_test_message ("case %u: %s", i, shown);
      if (mfm_json_reader_check (c->text, length) != c->accepted)
        g_error ("The reader %s “%s”", c->accepted ? "refuses" : "accepts", shown);
      g_ptr_array_add (seeds, g_bytes_new (c->text, length));
    }
}

/* Nesting up to the wire's limit is read; one more is left to the wire, which refuses it. */
static void
test_depth (void)
{
  for (guint depth = MFM_JSON_READER_MAX_DEPTH - 1; depth <= MFM_JSON_READER_MAX_DEPTH + 1;
       depth++)
    {
      g_autoptr(GString) arrays = g_string_new (NULL);
      g_autoptr(GString) objects = g_string_new (NULL);
      gboolean expected = depth <= MFM_JSON_READER_MAX_DEPTH;

      for (guint i = 0; i < depth; i++)
        {
          g_string_append_c (arrays, '[');
          g_string_append (objects, i % 2 == 0 ? "{\"a\":" : "[");
        }
      g_string_append_c (arrays, '0');
      g_string_append_c (objects, '0');
      for (guint i = depth; i > 0; i--)
        {
          g_string_append_c (arrays, ']');
          g_string_append (objects, (i - 1) % 2 == 0 ? "}" : "]");
        }
      g_assert_cmpint (mfm_json_reader_check (arrays->str, arrays->len), ==, expected);
      g_assert_cmpint (mfm_json_reader_check (objects->str, objects->len), ==, expected);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* Seeded random JSON                                                                       */

static const char * const names[] = { "a", "b", "name", "", "dhcpServers", "ref", "\\u0061" };

static void
random_space (GRand   *rand,
              GString *text)
{
  static const char space[] = " \t\r\n";

  if (g_rand_int_range (rand, 0, 4) == 0)
    for (gint n = g_rand_int_range (rand, 1, 4); n > 0; n--)
      g_string_append_c (text, space[g_rand_int_range (rand, 0, 4)]);
}

static void
random_digits (GRand   *rand,
               GString *text,
               gint     max)
{
  gint n = g_rand_int_range (rand, 1, max + 1);

  g_string_append_c (text, (char) ('1' + g_rand_int_range (rand, 0, 9)));
  for (gint i = 1; i < n; i++)
    g_string_append_c (text, (char) ('0' + g_rand_int_range (rand, 0, 10)));
}

static void
random_number (GRand   *rand,
               GString *text)
{
  static const char * const exact[] = {
    "0", "-0", "0.0", "-0.0", "9223372036854775807", "-9223372036854775808",
    "9223372036854775806", "-9223372036854775807", "1e308", "2.2250738585072014e-308",
    "4.9e-324", "1.7976931348623157e308", "0.30000000000000004",
  };

  if (g_rand_int_range (rand, 0, 8) == 0)
    {
      g_string_append (text, exact[g_rand_int_range (rand, 0, G_N_ELEMENTS (exact))]);
      return;
    }

  if (g_rand_boolean (rand))
    g_string_append_c (text, '-');
  if (g_rand_int_range (rand, 0, 5) == 0)
    g_string_append_c (text, '0');
  else
    random_digits (rand, text, 18);
  if (g_rand_boolean (rand))
    {
      g_string_append_c (text, '.');
      for (gint n = g_rand_int_range (rand, 1, 20); n > 0; n--)
        g_string_append_c (text, (char) ('0' + g_rand_int_range (rand, 0, 10)));
    }
  if (g_rand_int_range (rand, 0, 3) == 0)
    {
      g_string_append_c (text, g_rand_boolean (rand) ? 'e' : 'E');
      switch (g_rand_int_range (rand, 0, 3))
        {
        case 0:
          g_string_append_c (text, '+');
          break;
        case 1:
          g_string_append_c (text, '-');
          break;
        default:
          break;
        }
      g_string_append_printf (text, "%d", g_rand_int_range (rand, 0, 330));
    }
}

static void
random_string (GRand   *rand,
               GString *text)
{
  static const char * const pieces[] = {
    "a", "Z", "0", " ", "~", "\x7f", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
    "\xef\xbf\xbd", "\\\"", "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t", "\\u0000",
    "\\u001f", "\\u0041", "\\u00e9", "\\u20ac", "\\uFFFF", "\\ud83d\\ude00", "\\uDBFF\\uDFFF",
    "dhcpServers/", "10.0.0.1",
  };

  g_string_append_c (text, '"');
  for (gint n = g_rand_int_range (rand, 0, 12); n > 0; n--)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  g_string_append_c (text, '"');
}

/* Strict JSON that json-glib reads the same way: the reader must accept all of it. */
static void
random_value (GRand   *rand,
              GString *text,
              guint    depth)
{
  gint kind = g_rand_int_range (rand, 0, depth < 6 ? 9 : 6);

  random_space (rand, text);
  switch (kind)
    {
    case 0:
      g_string_append (text, "null");
      break;
    case 1:
      g_string_append (text, g_rand_boolean (rand) ? "true" : "false");
      break;
    case 2:
    case 3:
      random_number (rand, text);
      break;
    case 4:
    case 5:
      random_string (rand, text);
      break;
    case 6:
    case 7:
      g_string_append_c (text, '[');
      for (gint n = g_rand_int_range (rand, 0, 6), i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (text, ',');
          random_value (rand, text, depth + 1);
        }
      random_space (rand, text);
      g_string_append_c (text, ']');
      break;
    default:
      g_string_append_c (text, '{');
      for (gint n = g_rand_int_range (rand, 0, 6), i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (text, ',');
          random_space (rand, text);
          if (g_rand_int_range (rand, 0, 4) == 0)
            random_string (rand, text);
          else
            g_string_append_printf (text, "\"%s\"",
                                    names[g_rand_int_range (rand, 0, G_N_ELEMENTS (names))]);
          random_space (rand, text);
          g_string_append_c (text, ':');
          random_value (rand, text, depth + 1);
        }
      random_space (rand, text);
      g_string_append_c (text, '}');
      break;
    }
  random_space (rand, text);
}

static void
test_random_values (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

  for (guint i = 0; i < 3000; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      random_value (rand, text, 0);
      check_accepted (text->str, text->len);
      if (i % 10 == 0)
        g_ptr_array_add (seeds, g_bytes_new (text->str, text->len));
    }
}

/* ---------------------------------------------------------------------------------------- */
/* The simulator's answers                                                                  */

typedef struct
{
  SoupSession *soup;
  char        *endpoint;
  char        *session;
  gint64       id;
  guint        n_answers;
} Caller;

/* Posts @body as it is and checks the answer; returns it. */
static GBytes *
post_raw (Caller     *caller,
          const char *body,
          gsize       length)
{
  g_autoptr(SoupMessage) message = soup_message_new ("POST", caller->endpoint);
  g_autoptr(GBytes) request = g_bytes_new (body, length);
  g_autoptr(GError) error = NULL;
  GBytes *answer;

  soup_message_set_request_body_from_bytes (message, "application/json", request);
  answer = soup_session_send_and_read (caller->soup, message, NULL, &error);
  g_assert_no_error (error);
  check_accepted (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
  /* The request, as the simulator reads it, too. */
  check_accepted (body, length);
  caller->n_answers++;
  g_ptr_array_add (seeds, g_bytes_ref (answer));
  return answer;
}

/* Calls @method and returns its result (NULL after an API error). */
static JsonNode *
call (Caller     *caller,
      const char *method,
      JsonObject *params)
{
  g_autofree char *body = NULL;
  g_autoptr(GBytes) answer = NULL;
  gsize length = 0;

  body = mfm_wire_build_request (method, params, caller->session, ++caller->id, &length);
  answer = post_raw (caller, body, length);
  return mfm_wire_parse_response (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer), 200,
                                  NULL);
}

static JsonObject *
params_new (const char *name,
            const char *value)
{
  JsonObject *params = json_object_new ();

  if (name != NULL)
    json_object_set_string_member (params, name, value);
  return params;
}

static void
test_simulator_answers (void)
{
  g_autoptr(MfmSimulator) sim = mfm_simulator_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) login = NULL;
  g_autoptr(JsonNode) servers = NULL;
  g_autoptr(JsonNode) relationships = NULL;
  g_autoptr(JsonObject) credentials = json_object_new ();
  g_autoptr(JsonObject) wrong = json_object_new ();
  Caller caller = { 0 };
  JsonArray *list;

  mfm_simulator_generate (sim, 24, 10, 60, 7);
  g_assert_true (mfm_simulator_start (sim, 0, &error));
  g_assert_no_error (error);
  caller.soup = soup_session_new ();
  caller.endpoint = g_strconcat (mfm_simulator_get_url (sim), MFM_WIRE_ENDPOINT, NULL);

  /* Errors first: a wrong password, no session, an unknown command, a broken request. */
  json_object_set_string_member (wrong, MFM_WIRE_PARAM_LOGIN_NAME, "admin");
  json_object_set_string_member (wrong, MFM_WIRE_PARAM_PASSWORD, "wrong");
  g_assert_null (call (&caller, MFM_WIRE_LOGIN, wrong));
  g_assert_null (call (&caller, MFM_WIRE_GET_SERVERS, NULL));
  g_bytes_unref (post_raw (&caller, "{\"jsonrpc\":\"2.0\",\"method\":\"NoSuchCommand\",\"id\":1}",
                           strlen ("{\"jsonrpc\":\"2.0\",\"method\":\"NoSuchCommand\",\"id\":1}")));
  {
    g_autoptr(SoupMessage) message = soup_message_new ("POST", caller.endpoint);
    g_autoptr(GBytes) request = g_bytes_new_static ("{\"jsonrpc\":", 11);
    g_autoptr(GBytes) answer = NULL;

    soup_message_set_request_body_from_bytes (message, "application/json", request);
    answer = soup_session_send_and_read (caller.soup, message, NULL, &error);
    g_assert_no_error (error);
    check_accepted (g_bytes_get_data (answer, NULL), g_bytes_get_size (answer));
    g_ptr_array_add (seeds, g_bytes_ref (answer));
  }

  json_object_set_string_member (credentials, MFM_WIRE_PARAM_LOGIN_NAME, "admin");
  json_object_set_string_member (credentials, MFM_WIRE_PARAM_PASSWORD, "admin");
  json_object_set_string_member (credentials, MFM_WIRE_PARAM_SERVER, "127.0.0.1");
  login = call (&caller, MFM_WIRE_LOGIN, credentials);
  g_assert_nonnull (login);
  caller.session = mfm_wire_session_from_result (login, &error);
  g_assert_no_error (error);

  /* Every page of servers, in pages of 7. */
  for (guint offset = 0; offset < 28; offset += 7)
    {
      g_autoptr(JsonObject) params = json_object_new ();
      g_autoptr(JsonNode) page = NULL;

      json_object_set_int_member (params, MFM_WIRE_PARAM_OFFSET, offset);
      json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, 7);
      page = call (&caller, MFM_WIRE_GET_SERVERS, params);
      g_assert_nonnull (page);
    }
  servers = call (&caller, MFM_WIRE_GET_SERVERS, NULL);
  g_assert_nonnull (servers);
  relationships = call (&caller, MFM_WIRE_GET_RELATIONSHIPS, NULL);
  g_assert_nonnull (relationships);

  /* Each server's scopes, each scope's pools and range. */
  list = json_object_get_array_member (json_node_get_object (servers), MFM_WIRE_RESULT_SERVERS);
  g_assert_cmpuint (json_array_get_length (list), ==, 24);
  for (guint i = 0; i < json_array_get_length (list); i++)
    {
      JsonObject *server = json_array_get_object_element (list, i);
      g_autofree char *filter = NULL;
      g_autoptr(JsonObject) params = NULL;
      g_autoptr(JsonNode) scopes = NULL;
      JsonArray *scope_list;

      filter = mfm_wire_scope_filter_for_server (json_object_get_string_member (server,
                                                                                MFM_WIRE_KEY_REF));
      params = params_new (MFM_WIRE_PARAM_FILTER, filter);
      scopes = call (&caller, MFM_WIRE_GET_SCOPES, params);

      g_assert_nonnull (scopes);
      scope_list = json_object_get_array_member (json_node_get_object (scopes),
                                                 MFM_WIRE_RESULT_SCOPES);
      for (guint j = 0; j < json_array_get_length (scope_list) && j < 3; j++)
        {
          JsonObject *scope = json_array_get_object_element (scope_list, j);
          const char *ref = json_object_get_string_member (scope, MFM_WIRE_KEY_REF);
          g_autoptr(JsonObject) pools_params = params_new (MFM_WIRE_PARAM_SCOPE_REF, ref);
          g_autoptr(JsonNode) pools = call (&caller, MFM_WIRE_GET_ADDRESS_POOLS, pools_params);

          (void) pools;
          if (json_object_has_member (scope, MFM_WIRE_KEY_SCOPE_RANGE_REF))
            {
              g_autoptr(JsonObject) range_params =
                params_new (MFM_WIRE_PARAM_RANGE_REF,
                            json_object_get_string_member (scope, MFM_WIRE_KEY_SCOPE_RANGE_REF));
              g_autoptr(JsonNode) range = call (&caller, MFM_WIRE_GET_RANGE, range_params);

              (void) range;
            }
        }
    }

  g_test_message ("%u answers from the simulator", caller.n_answers);
  g_assert_cmpuint (caller.n_answers, >=, 40);

  mfm_simulator_stop (sim);
  g_free (caller.session);
  g_free (caller.endpoint);
  g_object_unref (caller.soup);
}

/* ---------------------------------------------------------------------------------------- */
/* Damage                                                                                   */

/* Cuts, flips, inserts and deletes in every seed: the reader refuses or agrees. */
static void
test_mutations (void)
{
  static const char interesting[] = "{}[]\",:\\-+.eE0159tfnu \t\r\n\x01\x7f";
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint n_texts = 0, n_accepted = 0;

  g_assert_cmpuint (seeds->len, >, 100);
  for (guint i = 0; i < seeds->len; i++)
    {
      gsize size = 0;
      const char *seed = g_bytes_get_data (g_ptr_array_index (seeds, i), &size);

      for (guint round = 0; round < 12; round++)
        {
          g_autoptr(GByteArray) text = g_byte_array_new ();
          guint n_changes = g_rand_int_range (rand, 1, 4);

          g_byte_array_append (text, (const guint8 *) seed, size);
          for (guint c = 0; c < n_changes; c++)
            {
              guint at = text->len > 0 ? g_rand_int_range (rand, 0, text->len) : 0;
              guint8 byte = g_rand_int_range (rand, 0, 3) == 0
                              ? (guint8) g_rand_int_range (rand, 0, 256)
                              : (guint8) interesting[g_rand_int_range (rand, 0,
                                                                       sizeof interesting - 1)];

              switch (text->len > 0 ? g_rand_int_range (rand, 0, 4) : 2)
                {
                case 0:
                  g_byte_array_set_size (text, at);
                  break;
                case 1:
                  text->data[at] = byte;
                  break;
                case 2:
                  g_array_insert_vals ((GArray *) text, at, &byte, 1);
                  break;
                default:
                  g_byte_array_remove_index (text, at);
                  break;
                }
            }
          n_texts++;
          if (mfm_json_reader_check ((const char *) text->data, text->len))
            n_accepted++;
        }
    }

  g_test_message ("%u damaged texts, %u still read", n_texts, n_accepted);
  /* Some damage leaves strict JSON (a changed digit or letter): both sides get compared. */
  g_assert_cmpuint (n_accepted, >, 0);
  g_assert_cmpuint (n_accepted, <, n_texts);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  seeds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  /* The order matters: each test adds seeds for the mutations. */
  g_test_add_func ("/json-reader/edge-cases", test_edge_cases);
  g_test_add_func ("/json-reader/depth", test_depth);
  g_test_add_func ("/json-reader/random-values", test_random_values);
  g_test_add_func ("/json-reader/simulator-answers", test_simulator_answers);
  g_test_add_func ("/json-reader/mutations", test_mutations);

  status = g_test_run ();
  g_ptr_array_unref (seeds);
  return status;
}
