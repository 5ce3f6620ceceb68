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

/* What is known of one relationship. Never changed once made: a change makes a new entry, so
 * that a snapshot being written in a thread can share the entries (atomic reference counts). */
typedef struct
{
  char   *name;
  char   *state;
  gint64  since;
  GStrv   transitions;   /* "TIME FROM->TO", oldest first; NULL: none */
} Entry;

struct _MfmStateHistory
{
  GObject     parent_instance;

  char       *path;
  /* name (the entry's own) → Entry: lookups and updates at 50,000 relationships cost a hash
   * lookup each; the key file is only the format on disk. */
  GHashTable *entries;
  gboolean    unsaved;    /* observed since the last save; a refresh that saw no change writes nothing */

  /* The file is read in a thread into a table of its own, taken by the first question. */
  GMutex      read_lock;
  GCond       read_done;
  gboolean    read_pending;  /* main thread: the read's table is not taken yet */
  gboolean    reading;       /* under read_lock */
  GHashTable *read_entries;  /* under read_lock */
  GError     *read_error;    /* under read_lock */

  /* The writes in threads: each gets a number when asked for, and a write older than the one
   * on disk is dropped, so that the file ends as the last snapshot. */
  GMutex      write_lock;
  GCond       write_done;
  guint64     n_asked;    /* main thread */
  guint64     n_written;  /* under write_lock */
  guint       n_writing;  /* under write_lock */
};

G_DEFINE_FINAL_TYPE (MfmStateHistory, mfm_state_history, G_TYPE_OBJECT)

/* The paths being written by any history of this process (path → count): a history made for a
 * path waits for them, so that a new session of the same server and user reads what the last
 * one saw. */
static GMutex      paths_lock;
static GCond       paths_written;
static GHashTable *paths_writing;

static void
path_writing_begin (const char *path)
{
  g_mutex_lock (&paths_lock);
  if (paths_writing == NULL)
    paths_writing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_insert (paths_writing, g_strdup (path),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (paths_writing,
                                                                                path)) + 1));
  g_mutex_unlock (&paths_lock);
}

static void
path_writing_end (const char *path)
{
  guint count;

  g_mutex_lock (&paths_lock);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (paths_writing, path));
  if (count > 1)
    g_hash_table_insert (paths_writing, g_strdup (path), GUINT_TO_POINTER (count - 1));
  else
    g_hash_table_remove (paths_writing, path);
  g_cond_broadcast (&paths_written);
  g_mutex_unlock (&paths_lock);
}

static void
path_wait_for_writes (const char *path)
{
  g_mutex_lock (&paths_lock);
  while (paths_writing != NULL && g_hash_table_contains (paths_writing, path))
    g_cond_wait (&paths_written, &paths_lock);
  g_mutex_unlock (&paths_lock);
}

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
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_free (entry->state);
  g_strfreev (entry->transitions);
}

static Entry *
entry_new (const char *name,
           const char *state,
           gint64      since,
           GStrv       transitions)
{
  Entry *entry = g_atomic_rc_box_new0 (Entry);

  entry->name = g_strdup (name);
  entry->state = g_strdup (state);
  entry->since = since;
  entry->transitions = transitions;

  return entry;
}

static void
entry_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, entry_clear);
}

static void
mfm_state_history_finalize (GObject *object)
{
  MfmStateHistory *self = (MfmStateHistory *) object;

  g_free (self->path);
  g_hash_table_unref (self->entries);
  g_clear_pointer (&self->read_entries, g_hash_table_unref);
  g_clear_error (&self->read_error);
  g_mutex_clear (&self->read_lock);
  g_cond_clear (&self->read_done);
  g_mutex_clear (&self->write_lock);
  g_cond_clear (&self->write_done);

  G_OBJECT_CLASS (mfm_state_history_parent_class)->finalize (object);
}

static void
mfm_state_history_class_init (MfmStateHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfm_state_history_finalize;
}

static GHashTable *
entries_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_release);
}

static void
mfm_state_history_init (MfmStateHistory *self)
{
  self->entries = entries_new ();
  g_mutex_init (&self->read_lock);
  g_cond_init (&self->read_done);
  g_mutex_init (&self->write_lock);
  g_cond_init (&self->write_done);
}

static void
put_entry (GHashTable *entries,
           Entry      *entry)
{
  /* The key is the entry's own name: replace, not insert, so that the key follows the value. */
  g_hash_table_replace (entries, entry->name, entry);
}

/* The groups of a key file as this history wrote them (and as every earlier version did). */
static void
read_key_file (GHashTable *entries,
               GKeyFile   *key_file)
{
  g_auto(GStrv) groups = g_key_file_get_groups (key_file, NULL);

  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *state = g_key_file_get_string (key_file, groups[i], KEY_STATE, NULL);
      gint64 since = g_key_file_get_int64 (key_file, groups[i], KEY_SINCE, NULL);
      GStrv transitions = g_key_file_get_string_list (key_file, groups[i], KEY_TRANSITIONS,
                                                      NULL, NULL);

      if (state == NULL)
        {
          g_strfreev (transitions);
          continue;
        }
      put_entry (entries, entry_new (groups[i], state, since, transitions));
    }
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  MfmStateHistory *self = source_object;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GHashTable) entries = entries_new ();
  g_autofree char *text = NULL;
  gsize length = 0;
  GError *error = NULL;

  /* A session of the same server and user that just ended may still be writing. */
  path_wait_for_writes (self->path);
  if (g_file_get_contents (self->path, &text, &length, &error) &&
      g_key_file_load_from_data (key_file, text, length, G_KEY_FILE_NONE, &error))
    read_key_file (entries, key_file);

  g_mutex_lock (&self->read_lock);
  self->read_entries = g_steal_pointer (&entries);
  self->read_error = error;
  self->reading = FALSE;
  g_cond_broadcast (&self->read_done);
  g_mutex_unlock (&self->read_lock);

  g_task_return_boolean (task, TRUE);
}

/* Every question and change waits here for the file's entries (at once when they are in). */
static void
wait_for_read (MfmStateHistory *self)
{
  g_autoptr(GError) error = NULL;

  if (!self->read_pending)
    return;

  g_mutex_lock (&self->read_lock);
  while (self->reading)
    g_cond_wait (&self->read_done, &self->read_lock);
  g_hash_table_unref (self->entries);
  self->entries = g_steal_pointer (&self->read_entries);
  error = g_steal_pointer (&self->read_error);
  g_mutex_unlock (&self->read_lock);
  self->read_pending = FALSE;

  /* No file (or a file where its folder should be: a write will tell) is a history not begun;
   * anything else is only a record of what was seen: start again rather than fail. */
  if (error != NULL && !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) &&
      !g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOTDIR))
    g_warning ("Could not read the state history %s: %s", self->path, error->message);
}

MfmStateHistory *
mfm_state_history_new (const char *path)
{
  MfmStateHistory *self = g_object_new (MFM_TYPE_STATE_HISTORY, NULL);
  g_autoptr(GTask) task = NULL;

  self->path = g_strdup (path);
  if (path == NULL)
    return self;

  /* 50,000 groups take a while to parse: not on the main loop while a session starts. */
  self->read_pending = TRUE;
  self->reading = TRUE;
  task = g_task_new (self, NULL, NULL, NULL);
  g_task_set_source_tag (task, mfm_state_history_new);
  g_task_run_in_thread (task, read_thread);

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

static Entry *
lookup_entry (MfmStateHistory *self,
              const char      *name)
{
  wait_for_read (self);

  return name != NULL ? g_hash_table_lookup (self->entries, name) : NULL;
}

const char *
mfm_state_history_get_state (MfmStateHistory *self,
                             const char      *name)
{
  Entry *entry;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), NULL);

  entry = lookup_entry (self, name);
  if (entry == NULL)
    return NULL;

  /* The entry is replaced on a change; an interned copy outlives it. */
  return g_intern_string (entry->state);
}

gint64
mfm_state_history_get_since (MfmStateHistory *self,
                             const char      *name)
{
  Entry *entry;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), 0);

  entry = lookup_entry (self, name);
  return entry != NULL ? entry->since : 0;
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
  Entry *entry;
  GStrv texts;

  transitions = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_state_transition_free);
  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), transitions);

  entry = lookup_entry (self, name);
  texts = entry != NULL ? entry->transitions : NULL;
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
  Entry *old;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *text = NULL;
  gsize n_texts;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* Not a name a key file group can hold (relationship names never look like this). */
  if (name[0] == '\0' || strpbrk (name, "[]\r\n") != NULL)
    return FALSE;
  if (state == NULL)
    state = "";

  old = lookup_entry (self, name);
  if (old != NULL && strcmp (old->state, state) == 0)
    return FALSE;

  self->unsaved = TRUE;
  if (old == NULL)
    {
      put_entry (self->entries, entry_new (name, state, now, NULL));
      return FALSE;
    }

  n_texts = old->transitions != NULL ? g_strv_length (old->transitions) : 0;
  builder = g_strv_builder_new ();
  for (gsize i = n_texts >= MFM_STATE_HISTORY_MAX_TRANSITIONS ?
                 n_texts - MFM_STATE_HISTORY_MAX_TRANSITIONS + 1 : 0;
       i < n_texts; i++)
    g_strv_builder_add (builder, old->transitions[i]);
  text = g_strdup_printf ("%" G_GINT64_FORMAT " %s->%s", now, old->state, state);
  g_strv_builder_add (builder, text);

  if (previous != NULL)
    *previous = g_strdup (old->state);
  /* Frees @old. */
  put_entry (self->entries, entry_new (name, state, now, g_strv_builder_end (builder)));

  return TRUE;
}

/* What a write needs, taken on the main thread: the entries (shared) and a number. */
typedef struct
{
  char      *path;
  GPtrArray *entries;
  guint64    number;
} Snapshot;

static void
snapshot_free (Snapshot *snapshot)
{
  g_free (snapshot->path);
  g_ptr_array_unref (snapshot->entries);
  g_free (snapshot);
}

static Snapshot *
take_snapshot (MfmStateHistory *self)
{
  Snapshot *snapshot = g_new0 (Snapshot, 1);
  GHashTableIter iter;
  gpointer value;

  wait_for_read (self);

  snapshot->path = g_strdup (self->path);
  snapshot->entries = g_ptr_array_new_full (g_hash_table_size (self->entries), entry_release);
  g_hash_table_iter_init (&iter, self->entries);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (snapshot->entries, g_atomic_rc_box_acquire (value));
  snapshot->number = ++self->n_asked;
  self->unsaved = FALSE;

  g_mutex_lock (&self->write_lock);
  self->n_writing++;
  g_mutex_unlock (&self->write_lock);
  path_writing_begin (snapshot->path);

  return snapshot;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *entry_a = *(const Entry * const *) a;
  const Entry *entry_b = *(const Entry * const *) b;

  return strcmp (entry_a->name, entry_b->name);
}

static gboolean
write_snapshot (Snapshot  *snapshot,
                GError   **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *dir = NULL;
  int saved_errno;

  /* In name order, so that the file reads well and changes little between writes. */
  g_ptr_array_sort (snapshot->entries, compare_entries);
  for (guint i = 0; i < snapshot->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (snapshot->entries, i);

      g_key_file_set_string (key_file, entry->name, KEY_STATE, entry->state);
      g_key_file_set_int64 (key_file, entry->name, KEY_SINCE, entry->since);
      if (entry->transitions != NULL)
        g_key_file_set_string_list (key_file, entry->name, KEY_TRANSITIONS,
                                    (const char * const *) entry->transitions,
                                    g_strv_length (entry->transitions));
    }

  dir = g_path_get_dirname (snapshot->path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  return g_key_file_save_to_file (key_file, snapshot->path, error);
}

/* Writes @snapshot unless a newer one is on disk already; any thread. */
static gboolean
write_in_order (MfmStateHistory  *self,
                Snapshot         *snapshot,
                GError          **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&self->write_lock);
  if (snapshot->number > self->n_written)
    {
      ok = write_snapshot (snapshot, error);
      if (ok)
        self->n_written = snapshot->number;
    }
  self->n_writing--;
  g_cond_broadcast (&self->write_done);
  g_mutex_unlock (&self->write_lock);
  path_writing_end (snapshot->path);

  return ok;
}

gboolean
mfm_state_history_save (MfmStateHistory  *self,
                        GError          **error)
{
  Snapshot *snapshot;
  gboolean ok;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), FALSE);

  if (self->path == NULL || !self->unsaved)
    return TRUE;

  snapshot = take_snapshot (self);
  ok = write_in_order (self, snapshot, error);
  if (!ok)
    self->unsaved = TRUE;
  snapshot_free (snapshot);

  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_in_order (source_object, task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
mfm_state_history_save_async (MfmStateHistory     *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (MFM_IS_STATE_HISTORY (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, mfm_state_history_save_async);

  if (self->path == NULL || !self->unsaved)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* Started even when @cancellable is cancelled later: a half-kept history helps nobody. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_set_task_data (task, take_snapshot (self), (GDestroyNotify) snapshot_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
mfm_state_history_save_finish (MfmStateHistory  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    {
      /* The next save tries again. */
      self->unsaved = TRUE;
      return FALSE;
    }

  return TRUE;
}

void
mfm_state_history_wait_for_saves (MfmStateHistory *self)
{
  g_return_if_fail (MFM_IS_STATE_HISTORY (self));

  g_mutex_lock (&self->write_lock);
  while (self->n_writing > 0)
    g_cond_wait (&self->write_done, &self->write_lock);
  g_mutex_unlock (&self->write_lock);
}
