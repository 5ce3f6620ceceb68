/* mfm-change-file.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-file"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mfm-change-file.h"
#include "mfm-drafts-private.h"

/* Files bigger than this are no change set a person wrote. */
#define MAX_FILE_SIZE (16 * 1024 * 1024)

char *
mfm_change_file_to_json (MfmChangeSet *changes,
                         const char   *server_url,
                         const char   *author,
                         GDateTime    *planned)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *when = NULL;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (changes), NULL);

  if (planned == NULL)
    planned = now = g_date_time_new_now_utc ();
  when = g_date_time_format_iso8601 (planned);
  variant = g_variant_ref_sink (mfm_change_set_serialize (changes));

  json_object_set_string_member (root, "format", MFM_CHANGE_FILE_FORMAT);
  json_object_set_int_member (root, "version", MFM_CHANGE_FILE_VERSION);
  json_object_set_string_member (root, "server", server_url != NULL ? server_url : "");
  json_object_set_string_member (root, "author", author != NULL ? author : "");
  json_object_set_string_member (root, "planned", when);
  json_object_set_string_member (root, "type", g_variant_get_type_string (variant));
  json_object_set_member (root, "changes", mfm_drafts_variant_to_node (variant));

  node = json_node_init_object (json_node_alloc (), root);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
mfm_change_file_save (MfmChangeSet  *changes,
                      const char    *server_url,
                      const char    *author,
                      GFile         *file,
                      GError       **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (changes), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  json = mfm_change_file_to_json (changes, server_url, author, NULL);
  if (!g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error))
    {
      g_prefix_error (error, _("Could not write the changes: "));
      return FALSE;
    }

  return TRUE;
}

static gboolean
not_a_change_set (GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("This file is not a Failover Manager change set."));
  return FALSE;
}

MfmChangeSet *
mfm_change_file_from_json (const char  *json,
                           gssize       length,
                           char       **server_url,
                           char       **author,
                           GDateTime  **planned,
                           GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(MfmChangeSet) changes = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *signature;
  const char *when;
  gint64 version;

  g_return_val_if_fail (json != NULL, NULL);

  if (!json_parser_load_from_data (parser, json, length, &local_error))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("This file is damaged: it is not readable JSON, so no change was taken from it."));
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return not_a_change_set (error), NULL;

  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""),
                 MFM_CHANGE_FILE_FORMAT) != 0)
    return not_a_change_set (error), NULL;

  version = json_object_get_int_member_with_default (object, "version", 0);
  if (version != MFM_CHANGE_FILE_VERSION)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, version);

      /* Translators: %s is a version number of the file format */
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("This change set has format version %s, which this version of Failover Manager cannot read."),
                   number);
      return NULL;
    }

  signature = json_object_get_string_member_with_default (object, "type", "");
  if (!g_variant_type_string_is_valid (signature) || !json_object_has_member (object, "changes"))
    goto damaged;

  variant = mfm_drafts_node_to_variant (json_object_get_member (object, "changes"),
                                        G_VARIANT_TYPE (signature), &local_error);
  if (variant == NULL)
    goto damaged;
  g_variant_ref_sink (variant);

  changes = mfm_change_set_new ();
  if (!mfm_change_set_deserialize (changes, variant, &local_error))
    goto damaged;

  if (server_url != NULL)
    *server_url = g_strdup (json_object_get_string_member_with_default (object, "server", ""));
  if (author != NULL)
    *author = g_strdup (json_object_get_string_member_with_default (object, "author", ""));
  when = json_object_get_string_member_with_default (object, "planned", NULL);
  if (planned != NULL)
    *planned = when != NULL ? g_date_time_new_from_iso8601 (when, NULL) : NULL;

  return g_steal_pointer (&changes);

damaged:
  /* Translators: %s says what is wrong in the file, in a sentence */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("This change set is damaged, so no change was taken from it: %s"),
               local_error != NULL ? local_error->message : _("a part is missing."));
  return NULL;
}

MfmChangeSet *
mfm_change_file_load (GFile       *file,
                      char       **server_url,
                      char       **author,
                      GDateTime  **planned,
                      GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, NULL);
  if (info != NULL && g_file_info_get_size (info) > MAX_FILE_SIZE)
    {
      not_a_change_set (error);
      return NULL;
    }

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
    {
      g_prefix_error (error, _("Could not read the changes: "));
      return NULL;
    }

  return mfm_change_file_from_json (contents, length, server_url, author, planned, error);
}
