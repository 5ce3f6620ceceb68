/* mfm-drafts.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-drafts"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mfm-drafts.h"
#include "mfm-drafts-private.h"

/* The file holds mfm_change_set_serialize() as JSON. json_gvariant_serialize() drops the type
 * of every value inside a "v", and guessing it back on load would turn a "u" into an "x", so
 * each variant is written as {"type": "<signature>", "value": …} and the leaves go through
 * json_gvariant_serialize()/deserialize() with their real type. */

#define DRAFT_FORMAT  "failover-manager-draft"
#define DRAFT_VERSION 1

static JsonNode *variant_to_json (GVariant *variant);

static gboolean
type_has_variant (const GVariantType *type)
{
  return strchr (g_variant_type_peek_string (type), 'v') != NULL;
}

static JsonNode *
variant_to_json (GVariant *variant)
{
  const GVariantType *type = g_variant_get_type (variant);

  if (!type_has_variant (type))
    return json_gvariant_serialize (variant);

  if (g_variant_type_is_variant (type))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (variant);
      JsonObject *object = json_object_new ();
      JsonNode *node;

      json_object_set_string_member (object, "type", g_variant_get_type_string (inner));
      json_object_set_member (object, "value", variant_to_json (inner));
      node = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
      return node;
    }

  /* a{s…}: an object keyed by the strings. */
  if (g_variant_type_is_array (type) &&
      g_variant_type_is_dict_entry (g_variant_type_element (type)) &&
      g_variant_type_equal (g_variant_type_key (g_variant_type_element (type)),
                            G_VARIANT_TYPE_STRING))
    {
      JsonObject *object = json_object_new ();
      JsonNode *node;
      gsize n = g_variant_n_children (variant);

      for (gsize i = 0; i < n; i++)
        {
          g_autoptr(GVariant) entry = g_variant_get_child_value (variant, i);
          g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);
          g_autoptr(GVariant) value = g_variant_get_child_value (entry, 1);

          json_object_set_member (object, g_variant_get_string (key, NULL),
                                  variant_to_json (value));
        }
      node = json_node_init_object (json_node_alloc (), object);
      json_object_unref (object);
      return node;
    }

  /* Other arrays, tuples, maybes and dict entries: a list of the children. */
  {
    JsonArray *array = json_array_new ();
    JsonNode *node;
    gsize n = g_variant_n_children (variant);

    for (gsize i = 0; i < n; i++)
      {
        g_autoptr(GVariant) child = g_variant_get_child_value (variant, i);

        json_array_add_element (array, variant_to_json (child));
      }
    node = json_node_init_array (json_node_alloc (), array);
    json_array_unref (array);
    return node;
  }
}

static GVariant *
json_to_variant (JsonNode            *node,
                 const GVariantType  *type,
                 GError             **error)
{
  if (!type_has_variant (type))
    return json_gvariant_deserialize (node, g_variant_type_peek_string (type), error);

  if (g_variant_type_is_variant (type))
    {
      JsonObject *object;
      const char *signature;
      JsonNode *value;
      GVariant *inner;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !json_object_has_member ((object = json_node_get_object (node)), "type") ||
          !json_object_has_member (object, "value") ||
          json_node_get_value_type (json_object_get_member (object, "type")) != G_TYPE_STRING)
        goto invalid;

      signature = json_object_get_string_member (object, "type");
      if (!g_variant_type_string_is_valid (signature))
        goto invalid;

      value = json_object_get_member (object, "value");
      inner = json_to_variant (value, G_VARIANT_TYPE (signature), error);
      if (inner == NULL)
        return NULL;
      return g_variant_new_variant (inner);
    }

  if (g_variant_type_is_array (type) &&
      g_variant_type_is_dict_entry (g_variant_type_element (type)) &&
      g_variant_type_equal (g_variant_type_key (g_variant_type_element (type)),
                            G_VARIANT_TYPE_STRING))
    {
      const GVariantType *value_type = g_variant_type_value (g_variant_type_element (type));
      g_autoptr(GVariantBuilder) builder = NULL;
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        goto invalid;

      builder = g_variant_builder_new (type);
      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        {
          GVariant *value = json_to_variant (member, value_type, error);

          if (value == NULL)
            return NULL;
          g_variant_builder_add_value (builder,
                                       g_variant_new_dict_entry (g_variant_new_string (name),
                                                                 value));
        }
      return g_variant_builder_end (builder);
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      g_autoptr(GVariantBuilder) builder = g_variant_builder_new (type);

      if (g_variant_type_is_array (type) || g_variant_type_is_maybe (type))
        {
          const GVariantType *element_type = g_variant_type_element (type);

          if (g_variant_type_is_maybe (type) && n > 1)
            goto invalid;

          for (guint i = 0; i < n; i++)
            {
              GVariant *child = json_to_variant (json_array_get_element (array, i),
                                                 element_type, error);
              if (child == NULL)
                return NULL;
              g_variant_builder_add_value (builder, child);
            }
          return g_variant_builder_end (builder);
        }

      if (g_variant_type_is_tuple (type) || g_variant_type_is_dict_entry (type))
        {
          const GVariantType *item_type = g_variant_type_first (type);

          for (guint i = 0; i < n; i++)
            {
              GVariant *child;

              if (item_type == NULL)
                goto invalid;
              child = json_to_variant (json_array_get_element (array, i), item_type, error);
              if (child == NULL)
                return NULL;
              g_variant_builder_add_value (builder, child);
              item_type = g_variant_type_next (item_type);
            }
          if (item_type != NULL)
            goto invalid;
          return g_variant_builder_end (builder);
        }
    }

invalid:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
               _("The draft does not match the expected format (%s)."),
               g_variant_type_peek_string (type));
  return NULL;
}

JsonNode *
mfm_drafts_variant_to_node (GVariant *variant)
{
  return variant_to_json (variant);
}

GVariant *
mfm_drafts_node_to_variant (JsonNode            *node,
                            const GVariantType  *type,
                            GError             **error)
{
  return json_to_variant (node, type, error);
}

char *
mfm_drafts_to_json (MfmChangeSet *changes)
{
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();

  g_return_val_if_fail (MFM_IS_CHANGE_SET (changes), NULL);

  variant = g_variant_ref_sink (mfm_change_set_serialize (changes));

  json_object_set_string_member (root, "format", DRAFT_FORMAT);
  json_object_set_int_member (root, "version", DRAFT_VERSION);
  json_object_set_string_member (root, "type", g_variant_get_type_string (variant));
  json_object_set_member (root, "changes", variant_to_json (variant));

  node = json_node_init_object (json_node_alloc (), root);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

gboolean
mfm_drafts_from_json (MfmChangeSet  *changes,
                      const char    *json,
                      GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GVariant) variant = NULL;
  JsonNode *root;
  JsonObject *object;
  const char *signature;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (changes), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  if (!json_parser_load_from_data (parser, json, -1, error))
    return FALSE;

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    goto invalid;

  object = json_node_get_object (root);
  if (g_strcmp0 (json_object_get_string_member_with_default (object, "format", ""),
                 DRAFT_FORMAT) != 0 ||
      json_object_get_int_member_with_default (object, "version", 0) != DRAFT_VERSION)
    goto invalid;

  signature = json_object_get_string_member_with_default (object, "type", "");
  if (!g_variant_type_string_is_valid (signature) || !json_object_has_member (object, "changes"))
    goto invalid;

  variant = json_to_variant (json_object_get_member (object, "changes"),
                             G_VARIANT_TYPE (signature), error);
  if (variant == NULL)
    return FALSE;
  g_variant_ref_sink (variant);

  return mfm_change_set_deserialize (changes, variant, error);

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The file is not a Failover Manager draft."));
  return FALSE;
}

char *
mfm_drafts_get_path (const char *server_url,
                     const char *user)
{
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *file_name = NULL;

  /* A hash keeps user names and URLs out of file names, and any character is fine. */
  key = g_strdup_printf ("%s\n%s", server_url != NULL ? server_url : "",
                         user != NULL ? user : "");
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  file_name = g_strdup_printf ("%s.json", hash);

  return g_build_filename (g_get_user_data_dir (), "failover-manager", "drafts", file_name, NULL);
}

gboolean
mfm_drafts_save (MfmChangeSet  *changes,
                 const char    *server_url,
                 const char    *user,
                 GError       **error)
{
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (changes), FALSE);

  path = mfm_drafts_get_path (server_url, user);

  /* An empty change set leaves no draft behind; one that stays would offer saved changes
   * again. */
  if (mfm_change_set_get_n_changes (changes) == 0)
    {
      if (g_unlink (path) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not remove the draft: %s"), g_strerror (saved_errno));
          return FALSE;
        }
      return TRUE;
    }

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder for drafts: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  json = mfm_drafts_to_json (changes);
  return g_file_set_contents_full (path, json, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT |
                                   G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0600, error);
}

gboolean
mfm_drafts_load (MfmChangeSet  *changes,
                 const char    *server_url,
                 const char    *user,
                 GError       **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (changes), FALSE);

  path = mfm_drafts_get_path (server_url, user);
  return mfm_drafts_load_path (changes, path, error);
}

gboolean
mfm_drafts_load_path (MfmChangeSet  *changes,
                      const char    *path,
                      GError       **error)
{
  g_autofree char *json = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (changes), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_get_contents (path, &json, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return FALSE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return mfm_drafts_from_json (changes, json, error);
}

void
mfm_drafts_delete (const char *server_url,
                   const char *user)
{
  g_autofree char *path = mfm_drafts_get_path (server_url, user);

  g_unlink (path);
}

/* "<path><suffix>", or with "-2", "-3"… when taken: a file set aside is never overwritten. */
static char *
free_name (const char *path,
           const char *suffix)
{
  char *name = g_strconcat (path, suffix, NULL);

  for (guint i = 2; g_file_test (name, G_FILE_TEST_EXISTS) && i < G_MAXUINT; i++)
    {
      g_free (name);
      name = g_strdup_printf ("%s%s-%u", path, suffix, i);
    }

  return name;
}

void
mfm_drafts_set_aside_path (const char *path)
{
  g_autofree char *aside = NULL;

  g_return_if_fail (path != NULL);

  aside = free_name (path, ".unreadable");
  if (g_rename (path, aside) != 0)
    g_debug ("Could not move %s aside: %s", path, g_strerror (errno));
}

void
mfm_drafts_set_aside (const char *server_url,
                      const char *user)
{
  g_autofree char *path = mfm_drafts_get_path (server_url, user);

  mfm_drafts_set_aside_path (path);
}

#define ASIDE_INFIX ".earlier-"

char *
mfm_drafts_keep_aside (const char  *server_url,
                       const char  *user,
                       GError     **error)
{
  g_autofree char *path = mfm_drafts_get_path (server_url, user);
  g_auto(GStrv) kept = mfm_drafts_list_aside (server_url, user);
  g_autofree char *aside = NULL;
  guint64 number = 1;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return NULL;

  /* One more than the newest kept so far, so the order stays the order they were kept in. */
  if (kept[0] != NULL)
    {
      const char *last = kept[g_strv_length (kept) - 1];

      number = g_ascii_strtoull (g_strrstr (last, ASIDE_INFIX) + strlen (ASIDE_INFIX), NULL, 10) + 1;
    }

  do
    {
      g_free (aside);
      aside = g_strdup_printf ("%s" ASIDE_INFIX "%" G_GUINT64_FORMAT, path, number++);
    }
  while (g_file_test (aside, G_FILE_TEST_EXISTS));

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not keep the draft aside: %s"), g_strerror (saved_errno));
      return NULL;
    }

  return g_steal_pointer (&aside);
}

static int
compare_aside (gconstpointer a,
               gconstpointer b)
{
  const char *name_a = *(const char * const *) a;
  const char *name_b = *(const char * const *) b;
  guint64 number_a = g_ascii_strtoull (g_strrstr (name_a, ASIDE_INFIX) + strlen (ASIDE_INFIX), NULL, 10);
  guint64 number_b = g_ascii_strtoull (g_strrstr (name_b, ASIDE_INFIX) + strlen (ASIDE_INFIX), NULL, 10);

  return number_a < number_b ? -1 : number_a > number_b;
}

char **
mfm_drafts_list_aside (const char *server_url,
                       const char *user)
{
  g_autofree char *path = mfm_drafts_get_path (server_url, user);
  g_autofree char *dir_name = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ASIDE_INFIX, NULL);
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  g_autoptr(GDir) dir = g_dir_open (dir_name, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      const char *number = name + strlen (prefix);

      if (g_str_has_prefix (name, prefix) && *number != '\0' &&
          strspn (number, "0123456789") == strlen (number))
        g_ptr_array_add (found, g_build_filename (dir_name, name, NULL));
    }

  g_ptr_array_sort (found, compare_aside);
  g_ptr_array_add (found, NULL);

  return (char **) g_ptr_array_free (g_steal_pointer (&found), FALSE);
}
