/* mfm-journal.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-journal"

#include "config.h"

#include <glib/gi18n.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "mfm-call-text.h"
#include "mfm-drafts-private.h"
#include "mfm-journal.h"

#define JOURNAL_FORMAT  "io.github.mfm.FailoverManager.journal"
#define JOURNAL_VERSION 1

struct _MfmJournalEntry
{
  GObject       parent_instance;

  char         *path;
  char         *server_url;
  char         *user;
  char         *comment;
  GDateTime    *started;
  gboolean      finished;
  /* Copies of the changes (base = the server's values before); the originals whose status
   * is followed while saving, in the same order (NULL after loading). */
  MfmChangeSet *changes;
  GPtrArray    *originals;
  GPtrArray    *calls;
};

G_DEFINE_FINAL_TYPE (MfmJournalEntry, mfm_journal_entry, G_TYPE_OBJECT)

static void
mfm_journal_entry_finalize (GObject *object)
{
  MfmJournalEntry *self = (MfmJournalEntry *)object;

  g_free (self->path);
  g_free (self->server_url);
  g_free (self->user);
  g_free (self->comment);
  g_clear_pointer (&self->started, g_date_time_unref);
  g_clear_object (&self->changes);
  g_clear_pointer (&self->originals, g_ptr_array_unref);
  g_clear_pointer (&self->calls, g_ptr_array_unref);

  G_OBJECT_CLASS (mfm_journal_entry_parent_class)->finalize (object);
}

static void
mfm_journal_entry_class_init (MfmJournalEntryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = mfm_journal_entry_finalize;
}

static void
mfm_journal_entry_init (MfmJournalEntry *self)
{
  self->changes = mfm_change_set_new ();
  self->calls = g_ptr_array_new_with_free_func (g_free);
}

static char *
journal_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), "failover-manager", "journal", NULL);
}

static const char *
result_name (MfmChangeStatus status)
{
  switch (status)
    {
    case MFM_CHANGE_STATUS_APPLIED:
      return "saved";
    case MFM_CHANGE_STATUS_APPLYING:
      return "sending";
    case MFM_CHANGE_STATUS_FAILED:
      return "failed";
    case MFM_CHANGE_STATUS_UNKNOWN:
      return "not-known";
    case MFM_CHANGE_STATUS_PENDING:
    default:
      return "pending";
    }
}

static gboolean
write_entry (MfmJournalEntry  *self,
             GError          **error)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *started = g_date_time_format_iso8601 (self->started);
  g_autofree char *json = NULL;
  JsonArray *changes = json_array_new ();
  guint n = mfm_change_set_get_n_changes (self->changes);

  json_object_set_string_member (root, "format", JOURNAL_FORMAT);
  json_object_set_int_member (root, "version", JOURNAL_VERSION);
  json_object_set_string_member (root, "server", self->server_url);
  json_object_set_string_member (root, "user", self->user);
  json_object_set_string_member (root, "started", started);
  json_object_set_boolean_member (root, "finished", self->finished);
  if (self->comment != NULL)
    json_object_set_string_member (root, "comment", self->comment);

  for (guint i = 0; i < n; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);
      g_autoptr(GVariant) variant = NULL;
      JsonObject *object = json_object_new ();

      /* The copy follows the original's status, so the serialised change carries it. */
      if (self->originals != NULL)
        {
          MfmChange *original = g_ptr_array_index (self->originals, i);

          mfm_change_set_status (change, mfm_change_get_status (original));
          mfm_change_set_error_message (change, mfm_change_get_error_message (original));
        }
      variant = g_variant_ref_sink (mfm_change_serialize (change));

      json_object_set_string_member (object, "title", mfm_change_get_title (change));
      json_object_set_string_member (object, "result", result_name (mfm_change_get_status (change)));
      if (mfm_change_get_error_message (change) != NULL)
        json_object_set_string_member (object, "message", mfm_change_get_error_message (change));
      json_object_set_string_member (object, "calls", g_ptr_array_index (self->calls, i));
      json_object_set_string_member (object, "type", g_variant_get_type_string (variant));
      json_object_set_member (object, "change", mfm_drafts_variant_to_node (variant));
      json_array_add_object_element (changes, object);
    }
  json_object_set_array_member (root, "changes", changes);

  node = json_node_init_object (json_node_alloc (), root);
  json_generator_set_root (generator, node);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, NULL);

  /* Atomic: an entry is never half written. */
  return g_file_set_contents_full (self->path, json, -1,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_ONLY_EXISTING,
                                   0600, error);
}

MfmJournalEntry *
mfm_journal_entry_begin (MfmChangeSet  *changes,
                         MfmInventory  *inventory,
                         MfmClient     *client,
                         const char    *server_url,
                         const char    *user,
                         const char    *comment,
                         GError       **error)
{
  g_autoptr(MfmJournalEntry) self = NULL;
  g_autofree char *dir = journal_dir ();
  g_autofree char *stamp = NULL;
  g_autofree char *name = NULL;
  guint n;

  g_return_val_if_fail (MFM_IS_CHANGE_SET (changes), NULL);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);

  self = g_object_new (MFM_TYPE_JOURNAL_ENTRY, NULL);
  self->server_url = g_strdup (server_url != NULL ? server_url : "");
  self->user = g_strdup (user != NULL ? user : "");
  self->comment = (comment != NULL && *comment != '\0') ? g_strdup (comment) : NULL;
  self->started = g_date_time_new_now_utc ();
  self->originals = g_ptr_array_new_with_free_func (g_object_unref);

  n = mfm_change_set_get_n_changes (changes);
  for (guint i = 0; i < n; i++)
    {
      MfmChange *change = mfm_change_set_get_change (changes, i);
      g_autoptr(GVariant) variant = NULL;
      g_autoptr(MfmChange) copy = NULL;

      /* Done by an earlier save; not part of this one. */
      if (mfm_change_get_status (change) == MFM_CHANGE_STATUS_APPLIED)
        continue;

      variant = g_variant_ref_sink (mfm_change_serialize (change));
      copy = mfm_change_deserialize (variant, error);
      if (copy == NULL)
        return NULL;
      mfm_change_set_base (copy, mfm_inventory_lookup_relationship (inventory,
                                                                    mfm_change_get_relationship_name (change)));
      mfm_change_set_add (self->changes, copy);
      g_ptr_array_add (self->originals, g_object_ref (change));
      g_ptr_array_add (self->calls, mfm_call_text_for_change (change, comment, client));
    }

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create the folder of the saved-changes journal: %s"),
                   g_strerror (saved_errno));
      return NULL;
    }

  /* Sortable by name, to the microsecond; the random part keeps two processes apart. */
  stamp = g_date_time_format (self->started, "%Y%m%dT%H%M%S");
  name = g_strdup_printf ("%s.%06d-%04u.json", stamp, g_date_time_get_microsecond (self->started),
                          (guint) g_random_int_range (0, 10000));
  self->path = g_build_filename (dir, name, NULL);

  if (!write_entry (self, error))
    return NULL;

  return g_steal_pointer (&self);
}

gboolean
mfm_journal_entry_update (MfmJournalEntry  *self,
                          gboolean          finished,
                          GError          **error)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), FALSE);

  if (finished)
    self->finished = TRUE;

  return write_entry (self, error);
}

MfmJournalEntry *
mfm_journal_entry_load (const char  *path,
                        GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(MfmJournalEntry) self = NULL;
  JsonObject *root;
  JsonArray *changes;
  const char *started;

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto invalid;
  root = json_node_get_object (json_parser_get_root (parser));
  if (g_strcmp0 (json_object_get_string_member_with_default (root, "format", ""), JOURNAL_FORMAT) != 0 ||
      json_object_get_int_member_with_default (root, "version", 0) != JOURNAL_VERSION ||
      !json_object_has_member (root, "changes") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "changes")))
    goto invalid;

  self = g_object_new (MFM_TYPE_JOURNAL_ENTRY, NULL);
  self->path = g_strdup (path);
  self->server_url = g_strdup (json_object_get_string_member_with_default (root, "server", ""));
  self->user = g_strdup (json_object_get_string_member_with_default (root, "user", ""));
  self->comment = g_strdup (json_object_get_string_member_with_default (root, "comment", NULL));
  self->finished = json_object_get_boolean_member_with_default (root, "finished", FALSE);
  started = json_object_get_string_member_with_default (root, "started", NULL);
  self->started = started != NULL ? g_date_time_new_from_iso8601 (started, NULL) : NULL;
  if (self->started == NULL)
    goto invalid;

  changes = json_object_get_array_member (root, "changes");
  for (guint i = 0; i < json_array_get_length (changes); i++)
    {
      JsonNode *element = json_array_get_element (changes, i);
      g_autoptr(GVariant) variant = NULL;
      g_autoptr(MfmChange) change = NULL;
      JsonObject *object;
      const char *signature;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        goto invalid;
      object = json_node_get_object (element);
      signature = json_object_get_string_member_with_default (object, "type", "");
      if (!g_variant_type_string_is_valid (signature) || !json_object_has_member (object, "change"))
        goto invalid;
      variant = mfm_drafts_node_to_variant (json_object_get_member (object, "change"),
                                            G_VARIANT_TYPE (signature), error);
      if (variant == NULL)
        return NULL;
      g_variant_ref_sink (variant);
      change = mfm_change_deserialize (variant, error);
      if (change == NULL)
        return NULL;
      mfm_change_set_add (self->changes, change);
      g_ptr_array_add (self->calls,
                       g_strdup (json_object_get_string_member_with_default (object, "calls", "")));
    }

  return g_steal_pointer (&self);

invalid:
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("This is not an entry of the saved-changes journal."));
  return NULL;
}

static int
compare_paths_newest_first (gconstpointer a,
                            gconstpointer b)
{
  return -g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
mfm_journal_list (const char *server_url)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir = journal_dir ();
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return g_steal_pointer (&entries);

  while ((name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_suffix (name, ".json"))
      g_ptr_array_add (paths, g_build_filename (dir, name, NULL));
  g_ptr_array_sort (paths, compare_paths_newest_first);

  for (guint i = 0; i < paths->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(MfmJournalEntry) entry = mfm_journal_entry_load (g_ptr_array_index (paths, i), &error);

      if (entry == NULL)
        {
          g_debug ("Leaving out %s: %s", (char *) g_ptr_array_index (paths, i), error->message);
          continue;
        }
      if (server_url != NULL && g_strcmp0 (entry->server_url, server_url) != 0)
        continue;
      g_ptr_array_add (entries, g_steal_pointer (&entry));
    }

  return g_steal_pointer (&entries);
}

const char *
mfm_journal_entry_get_path (MfmJournalEntry *self)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), NULL);
  return self->path;
}

const char *
mfm_journal_entry_get_server_url (MfmJournalEntry *self)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), NULL);
  return self->server_url;
}

const char *
mfm_journal_entry_get_user (MfmJournalEntry *self)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), NULL);
  return self->user;
}

const char *
mfm_journal_entry_get_comment (MfmJournalEntry *self)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), NULL);
  return self->comment;
}

GDateTime *
mfm_journal_entry_get_started (MfmJournalEntry *self)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), NULL);
  return self->started;
}

gboolean
mfm_journal_entry_get_finished (MfmJournalEntry *self)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), FALSE);
  return self->finished;
}

MfmChangeSet *
mfm_journal_entry_get_changes (MfmJournalEntry *self)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), NULL);
  return self->changes;
}

const char *
mfm_journal_entry_get_calls (MfmJournalEntry *self,
                             guint            position)
{
  g_return_val_if_fail (MFM_IS_JOURNAL_ENTRY (self), NULL);
  g_return_val_if_fail (position < self->calls->len, NULL);
  return g_ptr_array_index (self->calls, position);
}
