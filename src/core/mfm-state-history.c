/* mfm-state-history.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-state-history"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mfm-state-history.h"

#define KEY_STATE       "state"
#define KEY_SINCE       "since"
#define KEY_TRANSITIONS "transitions"

struct _MfmStateHistory
{
  GObject   parent_instance;

  char     *path;
  GKeyFile *key_file;   /* one group per relationship name */
  gboolean  unsaved;    /* observed since the last save; a refresh that saw no change writes nothing */
  /* name → state as the key file has it, for the names observed: a refresh of 50,000
   * relationships that saw the same states asks no key file. */
  GHashTable *seen;
};

G_DEFINE_FINAL_TYPE (MfmStateHistory, mfm_state_history, G_TYPE_OBJECT)

G_DEFINE_BOXED_TYPE (MfmStateTransition, mfm_state_transition,
                     mfm_state_transition_copy, mfm_state_transition_free)

MfmStateTransition *
mfm_state_transition_copy (const MfmStateTransition *transition)
{
  MfmStateTransition *copy;

  g_return_val_if_fail (transition != NULL, NULL);

  copy = g_new0 (MfmStateTransition, 1);
  copy->time = transition->time;
  copy->from = g_strdup (transition->from);
  copy->to = g_strdup (transition->to);

  return copy;
}

void
mfm_state_transition_free (MfmStateTransition *transition)
{
  if (transition == NULL)
    return;

  g_free (transition->from);
  g_free (transition->to);
  g_free (transition);
}

static void
mfm_state_history_finalize (GObject *object)
{
  MfmStateHistory *self = (MfmStateHistory *) object;

  g_free (self->path);
  g_key_file_unref (self->key_file);
  g_hash_table_unref (self->seen);

  G_OBJECT_CLASS (mfm_state_history_parent_class)->finalize (object);
}

static void
mfm_state_history_class_init (MfmStateHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfm_state_history_finalize;
}

static void
mfm_state_history_init (MfmStateHistory *self)
{
  self->key_file = g_key_file_new ();
  self->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

MfmStateHistory *
mfm_state_history_new (const char *path)
{
  MfmStateHistory *self = g_object_new (MFM_TYPE_STATE_HISTORY, NULL);
  g_autoptr(GError) error = NULL;

  self->path = g_strdup (path);
  if (path != NULL &&
      !g_key_file_load_from_file (self->key_file, path, G_KEY_FILE_NONE, &error) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
    {
      /* Only a record of what was seen: start again rather than fail. */
      g_warning ("Could not read the state history %s: %s", path, error->message);
      g_key_file_unref (self->key_file);
      self->key_file = g_key_file_new ();
    }

  return self;
}

char *
mfm_state_history_get_path_for (const char *server_url,
                                const char *user)
{
  g_autofree char *key = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *file_name = NULL;

  /* A hash keeps user names and URLs out of file names. */
  key = g_strdup_printf ("%s\n%s", server_url != NULL ? server_url : "",
                         user != NULL ? user : "");
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, key, -1);
  file_name = g_strdup_printf ("%s.ini", hash);

  return g_build_filename (g_get_user_data_dir (), "failover-manager", "states", file_name, NULL);
}

const char *
mfm_state_history_get_path (MfmStateHistory *self)
{
  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), NULL);

  return self->path;
}

const char *
mfm_state_history_get_state (MfmStateHistory *self,
                             const char      *name)
{
  g_autofree char *state = NULL;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), NULL);

  if (name == NULL || !g_key_file_has_key (self->key_file, name, KEY_STATE, NULL))
    return NULL;

  /* The key file owns the text; an interned copy outlives later changes. */
  state = g_key_file_get_string (self->key_file, name, KEY_STATE, NULL);
  return g_intern_string (state);
}

gint64
mfm_state_history_get_since (MfmStateHistory *self,
                             const char      *name)
{
  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), 0);

  if (name == NULL)
    return 0;

  return g_key_file_get_int64 (self->key_file, name, KEY_SINCE, NULL);
}

/* Each transition is kept as "TIME FROM->TO" (states have no "->"). */
static MfmStateTransition *
parse_transition (const char *text)
{
  g_autofree char *copy = g_strdup (text);
  MfmStateTransition *transition;
  char *space = strchr (copy, ' ');
  char *arrow;
  char *end = NULL;
  gint64 time;

  if (space == NULL)
    return NULL;
  *space = '\0';
  time = g_ascii_strtoll (copy, &end, 10);
  arrow = strstr (space + 1, "->");
  if (end == NULL || *end != '\0' || time <= 0 || arrow == NULL)
    return NULL;
  *arrow = '\0';

  transition = g_new0 (MfmStateTransition, 1);
  transition->time = time;
  transition->from = g_strdup (space + 1);
  transition->to = g_strdup (arrow + 2);

  return transition;
}

GPtrArray *
mfm_state_history_get_transitions (MfmStateHistory *self,
                                   const char      *name)
{
  GPtrArray *transitions;
  g_auto(GStrv) texts = NULL;

  transitions = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_state_transition_free);
  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), transitions);

  if (name == NULL)
    return transitions;

  texts = g_key_file_get_string_list (self->key_file, name, KEY_TRANSITIONS, NULL, NULL);
  for (guint i = 0; texts != NULL && texts[i] != NULL; i++)
    {
      MfmStateTransition *transition = parse_transition (texts[i]);

      if (transition != NULL)
        g_ptr_array_add (transitions, transition);
    }

  return transitions;
}

gboolean
mfm_state_history_observe (MfmStateHistory  *self,
                           const char       *name,
                           const char       *state,
                           gint64            now,
                           char            **previous)
{
  g_autofree char *old = NULL;
  g_auto(GStrv) texts = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) kept = NULL;
  g_autofree char *entry = NULL;
  gsize n_texts = 0;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* Not a name a key file group can hold (relationship names never look like this). */
  if (name[0] == '\0' || strpbrk (name, "[]\r\n") != NULL)
    return FALSE;
  if (state == NULL)
    state = "";

  if (g_strcmp0 (g_hash_table_lookup (self->seen, name), state) == 0)
    return FALSE;
  g_hash_table_insert (self->seen, g_strdup (name), g_strdup (state));

  old = g_key_file_get_string (self->key_file, name, KEY_STATE, NULL);
  if (g_strcmp0 (old, state) == 0)
    return FALSE;

  self->unsaved = TRUE;
  g_key_file_set_string (self->key_file, name, KEY_STATE, state);
  g_key_file_set_int64 (self->key_file, name, KEY_SINCE, now);
  if (old == NULL)
    return FALSE;

  texts = g_key_file_get_string_list (self->key_file, name, KEY_TRANSITIONS, &n_texts, NULL);
  builder = g_strv_builder_new ();
  for (gsize i = n_texts >= MFM_STATE_HISTORY_MAX_TRANSITIONS ?
                 n_texts - MFM_STATE_HISTORY_MAX_TRANSITIONS + 1 : 0;
       i < n_texts; i++)
    g_strv_builder_add (builder, texts[i]);
  entry = g_strdup_printf ("%" G_GINT64_FORMAT " %s->%s", now, old, state);
  g_strv_builder_add (builder, entry);
  kept = g_strv_builder_end (builder);
  g_key_file_set_string_list (self->key_file, name, KEY_TRANSITIONS,
                              (const char * const *) kept, g_strv_length (kept));

  if (previous != NULL)
    *previous = g_steal_pointer (&old);

  return TRUE;
}

gboolean
mfm_state_history_save (MfmStateHistory  *self,
                        GError          **error)
{
  g_autofree char *dir = NULL;
  int saved_errno;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), FALSE);

  if (self->path == NULL || !self->unsaved)
    return TRUE;

  dir = g_path_get_dirname (self->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_key_file_save_to_file (self->key_file, self->path, error))
    return FALSE;

  self->unsaved = FALSE;
  return TRUE;
}
