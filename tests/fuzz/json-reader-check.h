/* json-reader-check.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "mfm-error.h"
#include "mfm-json-reader.h"
#include "mfm-wire.h"

/* The one-pass JSON reader against json-glib, text by text: shared by the libFuzzer target and
 * tests/api/test-json-reader, so both hold the reader to the same rule. A disagreement is
 * fatal (g_error, which aborts, so libFuzzer keeps the input). */

/* @a and @b are the same tree: node types, value types (json_node_equal() takes a whole
 * number and a double of the same value for equal), values to the bit, member names in the
 * same order, sealing, and each child's parent (when @parents; a copied node's children keep
 * their first parent). */
static inline void
mfm_json_reader_assert_same (JsonNode *a,
                             JsonNode *b,
                             gboolean  parents)
{
  if (JSON_NODE_TYPE (a) != JSON_NODE_TYPE (b))
    g_error ("Node types differ: %s and %s", json_node_type_name (a), json_node_type_name (b));
  if (json_node_is_immutable (a) != json_node_is_immutable (b))
    g_error ("One node is sealed, the other not");

  switch (JSON_NODE_TYPE (a))
    {
    case JSON_NODE_NULL:
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (a) != json_node_get_value_type (b))
        g_error ("Value types differ: %s and %s", g_type_name (json_node_get_value_type (a)),
                 g_type_name (json_node_get_value_type (b)));
      switch (json_node_get_value_type (a))
        {
        case G_TYPE_INT64:
          if (json_node_get_int (a) != json_node_get_int (b))
            g_error ("Whole numbers differ: %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT,
                     json_node_get_int (a), json_node_get_int (b));
          break;
        case G_TYPE_DOUBLE:
          {
            double x = json_node_get_double (a), y = json_node_get_double (b);

            if (memcmp (&x, &y, sizeof x) != 0)
              g_error ("Numbers differ: %.17g and %.17g", x, y);
          }
          break;
        case G_TYPE_BOOLEAN:
          if (json_node_get_boolean (a) != json_node_get_boolean (b))
            g_error ("Booleans differ");
          break;
        case G_TYPE_STRING:
          if (strcmp (json_node_get_string (a), json_node_get_string (b)) != 0)
            g_error ("Strings differ: “%s” and “%s”", json_node_get_string (a),
                     json_node_get_string (b));
          break;
        default:
          g_error ("Unexpected value type %s", g_type_name (json_node_get_value_type (a)));
        }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *x = json_node_get_array (a), *y = json_node_get_array (b);
        guint n = json_array_get_length (x);

        if (n != json_array_get_length (y))
          g_error ("Array lengths differ: %u and %u", n, json_array_get_length (y));
        for (guint i = 0; i < n; i++)
          {
            JsonNode *p = json_array_get_element (x, i), *q = json_array_get_element (y, i);

            if (parents && (json_node_get_parent (p) != a || json_node_get_parent (q) != b))
              g_error ("Element %u does not know its array", i);
            mfm_json_reader_assert_same (p, q, parents);
          }
      }
      break;

    case JSON_NODE_OBJECT:
      {
        JsonObject *x = json_node_get_object (a), *y = json_node_get_object (b);
        g_autoptr(GList) names_x = json_object_get_members (x);
        g_autoptr(GList) names_y = json_object_get_members (y);
        GList *m, *n;

        for (m = names_x, n = names_y; m != NULL && n != NULL; m = m->next, n = n->next)
          {
            JsonNode *p, *q;

            if (strcmp (m->data, n->data) != 0)
              g_error ("Members differ: “%s” and “%s”", (char *) m->data, (char *) n->data);
            p = json_object_get_member (x, m->data);
            q = json_object_get_member (y, n->data);
            if (parents && (json_node_get_parent (p) != a || json_node_get_parent (q) != b))
              g_error ("Member “%s” does not know its object", (char *) m->data);
            mfm_json_reader_assert_same (p, q, parents);
          }
        if (m != NULL || n != NULL)
          g_error ("Objects have different numbers of members");
      }
      break;

    default:
      g_error ("Unknown node type");
    }
}

/* Reads @text with the reader and with json-glib's immutable parser, and the response with
 * mfm_wire_parse_response() and mfm_wire_parse_response_json_glib(). When the reader accepts,
 * json-glib must build the same tree; the wire must give the same result or the same error
 * message either way. Returns whether the reader accepted. */
static inline gboolean
mfm_json_reader_check (const char *text,
                       gsize       length)
{
  g_autoptr(JsonNode) fast = mfm_json_reader_parse (text, length);
  g_autoptr(GError) fast_error = NULL;
  g_autoptr(GError) reference_error = NULL;
  g_autoptr(JsonNode) fast_result = NULL;
  g_autoptr(JsonNode) reference_result = NULL;

  fast_result = mfm_wire_parse_response (text, length, 200, &fast_error);
  reference_result = mfm_wire_parse_response_json_glib (text, length, 200, &reference_error);
  if ((fast_result == NULL) != (reference_result == NULL))
    g_error ("The wire %s with the reader but %s with json-glib",
             fast_result != NULL ? "accepts" : "refuses",
             reference_result != NULL ? "accepts" : "refuses");
  if (fast_result != NULL)
    mfm_json_reader_assert_same (fast_result, reference_result, FALSE);
  else if (fast_error->domain != reference_error->domain ||
           fast_error->code != reference_error->code ||
           strcmp (fast_error->message, reference_error->message) != 0)
    g_error ("The wire's errors differ: “%s” and “%s”", fast_error->message,
             reference_error->message);

  if (fast != NULL)
    {
      g_autoptr(JsonParser) parser = json_parser_new_immutable ();
      g_autoptr(GError) error = NULL;
      JsonNode *root;

      /* The reader never goes deeper than the wire lets json-glib go. */
      if (!json_parser_load_from_data (parser, text, (gssize) length, &error))
        g_error ("The reader accepts what json-glib refuses (%s)", error->message);
      root = json_parser_get_root (parser);
      if (root == NULL)
        g_error ("The reader accepts what json-glib reads as nothing");
      if (json_node_get_parent (fast) != NULL || json_node_get_parent (root) != NULL)
        g_error ("A root has a parent");
      mfm_json_reader_assert_same (fast, root, TRUE);
    }

  return fast != NULL;
}
