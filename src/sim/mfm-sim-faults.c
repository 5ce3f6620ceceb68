/* mfm-sim-faults.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <string.h>

#include "mfm-sim-faults.h"
#include "mfm-wire.h"

/* The member names are Micetro's and live in mfm-wire.c alone: the faults find them by
 * asking the wire mapping where it puts a value of their own. */
#define PROBE_TEXT    "mfm-sim-fault-probe"
#define PROBE_NUMBER  4000000007u
/* 2^64: json-glib would read it as -1. */
#define HUGE_NUMBER   "18446744073709551616"
#define LONG_NAME_LENGTH (1024 * 1024)
#define HUGE_TOTAL    G_MAXUINT32

static const struct
{
  const char   *name;
  MfmSimFaults  fault;
} fault_names[] = {
  { "endless-pages", MFM_SIM_FAULT_ENDLESS_PAGES },
  { "huge-total", MFM_SIM_FAULT_HUGE_TOTAL },
  { "ignore-offset", MFM_SIM_FAULT_IGNORE_OFFSET },
  { "repeated-refs", MFM_SIM_FAULT_REPEATED_REFS },
  { "long-names", MFM_SIM_FAULT_LONG_NAMES },
  { "bare-login", MFM_SIM_FAULT_BARE_LOGIN },
  { "huge-numbers", MFM_SIM_FAULT_HUGE_NUMBERS },
  { "cut-answers", MFM_SIM_FAULT_CUT_ANSWERS },
  { "repeated-names", MFM_SIM_FAULT_REPEATED_NAMES },
};

gboolean
mfm_sim_faults_parse (const char    *names,
                      MfmSimFaults  *faults,
                      char         **unknown)
{
  g_auto(GStrv) parts = NULL;

  *faults = MFM_SIM_FAULT_NONE;
  if (names == NULL)
    return TRUE;

  parts = g_strsplit (names, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *part = g_strstrip (parts[i]);
      gboolean known = FALSE;

      if (part[0] == '\0')
        continue;
      for (guint f = 0; f < G_N_ELEMENTS (fault_names); f++)
        if (g_str_equal (part, fault_names[f].name))
          {
            *faults |= fault_names[f].fault;
            known = TRUE;
          }
      if (!known)
        {
          if (unknown != NULL)
            *unknown = g_strdup (part);
          return FALSE;
        }
    }

  return TRUE;
}

char *
mfm_sim_faults_to_string (MfmSimFaults faults)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) names = NULL;

  for (guint f = 0; f < G_N_ELEMENTS (fault_names); f++)
    if (faults & fault_names[f].fault)
      g_strv_builder_add (builder, fault_names[f].name);

  names = g_strv_builder_end (builder);
  return names[0] != NULL ? g_strjoinv (",", names) : NULL;
}

const char *
mfm_sim_faults_all_names (void)
{
  static char *all;

  if (g_once_init_enter (&all))
    g_once_init_leave (&all, mfm_sim_faults_to_string (G_MAXUINT));

  return all;
}

/* The member of @object that holds the probe @value (a text or a number). */
static const char *
find_member (JsonObject *object,
             const char *text,
             gint64      number)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &value))
    {
      if (!JSON_NODE_HOLDS_VALUE (value))
        continue;
      if (text != NULL && json_node_get_value_type (value) == G_TYPE_STRING &&
          g_str_equal (json_node_get_string (value), text))
        return name;
      if (text == NULL && json_node_get_value_type (value) == G_TYPE_INT64 &&
          json_node_get_int (value) == number)
        return name;
    }

  return NULL;
}

/* The wire names of a server's ref and name, and of a relationship's name and MCLT. */
static char *
server_member (gboolean name)
{
  g_autoptr(MfmServer) probe = mfm_server_new (name ? "dhcpServers/0" : PROBE_TEXT,
                                               name ? PROBE_TEXT : "probe.", NULL, NULL, NULL);
  g_autoptr(JsonNode) node = mfm_wire_server_to_json (probe);

  return g_strdup (find_member (json_node_get_object (node), PROBE_TEXT, 0));
}

static char *
relationship_member (gboolean mclt)
{
  g_autoptr(MfmRelationship) probe = mfm_relationship_new ();
  g_autoptr(JsonNode) node = NULL;

  mfm_relationship_set_name (probe, PROBE_TEXT);
  mfm_relationship_set_mclt (probe, PROBE_NUMBER);
  node = mfm_wire_relationship_to_json (probe, FALSE);

  return g_strdup (find_member (json_node_get_object (node), mclt ? NULL : PROBE_TEXT,
                                PROBE_NUMBER));
}

/* The objects of a list result, and its members. */
static JsonArray *
list_items (JsonNode   *result,
            const char *member)
{
  JsonNode *list;

  if (result == NULL || !JSON_NODE_HOLDS_OBJECT (result))
    return NULL;
  list = json_object_get_member (json_node_get_object (result), member);
  return list != NULL && JSON_NODE_HOLDS_ARRAY (list) ? json_node_get_array (list) : NULL;
}

static guint
page_param (JsonObject *params,
            const char *name,
            guint       fallback)
{
  JsonNode *node = params != NULL ? json_object_get_member (params, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) < 0)
    return fallback;
  return (guint) MIN (json_node_get_int (node), G_MAXUINT);
}

/* Servers that exist only on this page: "dhcpServers/endless-1234". */
static JsonNode *
made_up_servers (const char *kind,
                 guint       offset,
                 guint       count,
                 gint64      total)
{
  g_autoptr(JsonArray) array = json_array_new ();

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%s-%u", kind, offset + i);
      g_autofree char *name = g_strdup_printf ("%s-%u.faults.example.", kind, offset + i);
      g_autoptr(MfmServer) server = mfm_server_new (ref, name, "192.0.2.1", "ISC", "OK");

      json_array_add_element (array, mfm_wire_server_to_json (server));
    }

  return mfm_wire_list_result (MFM_WIRE_RESULT_SERVERS, array, total);
}

void
mfm_sim_faults_adjust (MfmSimFaults  faults,
                       const char   *method,
                       JsonObject   *params)
{
  if ((faults & MFM_SIM_FAULT_IGNORE_OFFSET) && params != NULL &&
      g_strcmp0 (method, MFM_WIRE_GET_SERVERS) == 0)
    json_object_remove_member (params, MFM_WIRE_PARAM_OFFSET);
}

/* Gives every object of @items the value of @member that the first one has. */
static void
repeat_first (JsonArray  *items,
              const char *member)
{
  JsonNode *first;

  if (member == NULL || json_array_get_length (items) == 0)
    return;

  first = json_object_get_member (json_array_get_object_element (items, 0), member);
  if (first == NULL)
    return;
  for (guint i = 1; i < json_array_get_length (items); i++)
    json_object_set_member (json_array_get_object_element (items, i), member,
                            json_node_copy (first));
}

JsonNode *
mfm_sim_faults_apply (MfmSimFaults  faults,
                      const char   *method,
                      JsonObject   *params,
                      guint         max_page_size,
                      JsonNode     *result)
{
  JsonArray *items;

  if (faults == MFM_SIM_FAULT_NONE || method == NULL || result == NULL)
    return result;

  if (g_str_equal (method, MFM_WIRE_LOGIN) && (faults & MFM_SIM_FAULT_BARE_LOGIN))
    {
      g_autofree char *session = mfm_wire_session_from_result (result, NULL);

      if (session != NULL)
        {
          json_node_unref (result);
          return json_node_init_string (json_node_alloc (), session);
        }
      return result;
    }

  if (g_str_equal (method, MFM_WIRE_GET_SERVERS))
    {
      guint offset = page_param (params, MFM_WIRE_PARAM_OFFSET, 0);
      guint limit = page_param (params, MFM_WIRE_PARAM_LIMIT, max_page_size);

      if (limit == 0 || limit > max_page_size)
        limit = max_page_size;

      if (faults & MFM_SIM_FAULT_ENDLESS_PAGES)
        {
          json_node_unref (result);
          return made_up_servers ("endless", offset, limit, -1);
        }
      if (faults & MFM_SIM_FAULT_HUGE_TOTAL)
        {
          json_node_unref (result);
          return made_up_servers ("many", offset, 1, HUGE_TOTAL);
        }
      if (faults & MFM_SIM_FAULT_IGNORE_OFFSET)
        json_object_remove_member (json_node_get_object (result), MFM_WIRE_RESULT_TOTAL);

      items = list_items (result, MFM_WIRE_RESULT_SERVERS);
      if (items != NULL && (faults & MFM_SIM_FAULT_REPEATED_REFS))
        {
          g_autofree char *member = server_member (FALSE);

          repeat_first (items, member);
        }
      if (items != NULL && (faults & MFM_SIM_FAULT_LONG_NAMES) &&
          json_array_get_length (items) > 0)
        {
          g_autofree char *member = server_member (TRUE);
          g_autofree char *name = g_malloc (LONG_NAME_LENGTH + 1);

          memset (name, 'x', LONG_NAME_LENGTH);
          name[LONG_NAME_LENGTH] = '\0';
          json_object_set_string_member (json_array_get_object_element (items, 0), member, name);
        }
      return result;
    }

  if (g_str_equal (method, MFM_WIRE_GET_RELATIONSHIPS))
    {
      items = list_items (result, MFM_WIRE_RESULT_RELATIONSHIPS);
      if (items != NULL && (faults & (MFM_SIM_FAULT_REPEATED_REFS | MFM_SIM_FAULT_REPEATED_NAMES)))
        {
          g_autofree char *member = relationship_member (FALSE);

          repeat_first (items, member);
        }
      if (items != NULL && (faults & MFM_SIM_FAULT_HUGE_NUMBERS))
        {
          g_autofree char *member = relationship_member (TRUE);

          /* The probe number stands in for 2^64 until the answer is text. */
          for (guint i = 0; member != NULL && i < json_array_get_length (items); i++)
            json_object_set_int_member (json_array_get_object_element (items, i), member,
                                        PROBE_NUMBER);
        }
    }

  return result;
}

gboolean
mfm_sim_faults_respond (MfmSimFaults       faults,
                        const char        *method,
                        SoupServerMessage *msg,
                        JsonNode          *response,
                        gboolean          *dropped)
{
  g_autofree char *text = NULL;
  g_autofree char *number = NULL;
  GString *body;

  *dropped = FALSE;
  if (!(faults & (MFM_SIM_FAULT_HUGE_NUMBERS | MFM_SIM_FAULT_CUT_ANSWERS)))
    return FALSE;

  text = mfm_wire_to_string (response, FALSE);
  body = g_string_new (text);
  if (faults & MFM_SIM_FAULT_HUGE_NUMBERS)
    {
      number = g_strdup_printf ("%u", PROBE_NUMBER);
      g_string_replace (body, number, HUGE_NUMBER, 0);
    }

  if ((faults & MFM_SIM_FAULT_CUT_ANSWERS) && g_strcmp0 (method, MFM_WIRE_LOGIN) != 0)
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);
      GOutputStream *out = g_io_stream_get_output_stream (stream);
      g_autofree char *head = NULL;

      /* The whole length is announced, half the body is sent, then the connection closes. */
      head = g_strdup_printf ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                              "Content-Length: %" G_GSIZE_FORMAT "\r\n\r\n", body->len);
      g_output_stream_write_all (out, head, strlen (head), NULL, NULL, NULL);
      g_output_stream_write_all (out, body->str, MAX (body->len / 2, 1), NULL, NULL, NULL);
      g_output_stream_flush (out, NULL, NULL);
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      g_string_free (body, TRUE);
      *dropped = TRUE;
      return TRUE;
    }

  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                    body->str, body->len);
  g_string_free (body, FALSE);
  return TRUE;
}

/* Wrong member types: what a broken proxy or a changed API would send. */
static void
scramble (JsonNode *node)
{
  JsonObject *envelope_object = json_node_get_object (node);
  const char *names[] = { MFM_WIRE_JSONRPC_RESULT, MFM_WIRE_JSONRPC_ERROR };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      JsonNode *child = json_object_get_member (envelope_object, names[n]);

      if (child == NULL)
        continue;
      if (JSON_NODE_HOLDS_OBJECT (child))
        {
          JsonObject *object = json_node_get_object (child);
          g_autoptr(GList) members = json_object_get_members (object);

          for (GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *value = json_object_get_member (object, l->data);

              if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
                json_object_set_int_member (object, l->data, 42);
              else
                json_object_set_string_member (object, l->data, "many");
            }
        }
      else
        {
          JsonArray *array = json_array_new ();

          json_array_add_string_element (array, "many");
          json_object_set_array_member (envelope_object, names[n], array);
        }
    }
}

void
mfm_sim_faults_respond_malformed (SoupServerMessage *msg,
                                  JsonNode          *response,
                                  guint              turn)
{
  static const char html[] =
    "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head>\n"
    "<body><h1>Service Unavailable</h1><p>The web service is not available right now.</p>"
    "</body></html>\n";

  switch (turn % 3)
    {
    case 0:
      {
        char *text = mfm_wire_to_string (response, FALSE);
        gsize len = strlen (text);

        /* Cut off half way, as a dropped proxy connection leaves it. */
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                          MAX (len / 2, 1));
      }
      break;

    case 1:
      {
        char *text;

        scramble (response);
        text = mfm_wire_to_string (response, FALSE);
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                          strlen (text));
      }
      break;

    default:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
      break;
    }
}
