/* mfm-sim-record.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <string.h>

#include "mfm-simulator-private.h"

#define REDACTED "•••"

struct _MfmSimRecord
{
  char          *path;
  GOutputStream *stream;
};

/* json_node_copy() shares objects and arrays; the record must not touch the request. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &child))
        json_object_set_member (copy, member, deep_copy (child));
      return json_node_init_object (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, deep_copy (json_array_get_element (array, i)));
      return json_node_init_array (json_node_alloc (), copy);
    }
  return json_node_copy (node);
}

/* Members are replaced, never changed in place: json-glib shares values between copies. */
static void
redact (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *member = l->data;

          if (mfm_wire_is_secret_member (member, -1))
            json_object_set_string_member (object, member, REDACTED);
          else
            redact (json_object_get_member (object, member));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redact (json_array_get_element (array, i));
    }
}

MfmSimRecord *
mfm_sim_record_new (const char  *path,
                    GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  MfmSimRecord *self;

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error);
  if (stream == NULL)
    return NULL;

  self = g_new0 (MfmSimRecord, 1);
  self->path = g_strdup (path);
  self->stream = G_OUTPUT_STREAM (g_steal_pointer (&stream));
  return self;
}

void
mfm_sim_record_call (MfmSimRecord *self,
                     const char   *method,
                     JsonNode     *params)
{
  g_autoptr(JsonObject) line = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  g_autofree char *with_newline = NULL;
  g_autofree char *time_text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *copy;

  if (self == NULL)
    return;

  time_text = g_date_time_format_iso8601 (now);
  copy = params != NULL ? deep_copy (params) : json_node_init_object (json_node_alloc (), json_object_new ());
  redact (copy);
  json_object_set_string_member (line, "time", time_text);
  json_object_set_string_member (line, "method", method != NULL ? method : "");
  json_object_set_member (line, "params", copy);
  node = json_node_init_object (json_node_alloc (), line);
  text = mfm_wire_to_string (node, FALSE);
  with_newline = g_strconcat (text, "\n", NULL);

  if (!g_output_stream_write_all (self->stream, with_newline, strlen (with_newline), NULL, NULL,
                                  &error) ||
      !g_output_stream_flush (self->stream, NULL, &error))
    g_warning ("Cannot record the call to %s: %s", self->path, error->message);
}

void
mfm_sim_record_free (MfmSimRecord *self)
{
  if (self == NULL)
    return;

  g_output_stream_close (self->stream, NULL, NULL);
  g_object_unref (self->stream);
  g_free (self->path);
  g_free (self);
}
