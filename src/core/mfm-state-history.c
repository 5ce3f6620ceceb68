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

/* What is known of one relationship. Never changed once in the table: a change puts a new entry
 * in its place, so that a save can take the table's entries as they are (a reference each) and
 * write them in a thread while the main thread goes on observing. */
typedef struct
{
  char    *name;
  char    *state;
  gint64   since;
  char   **transitions;   /* "TIME FROM->TO", oldest first */
} Entry;

static void
entry_clear (gpointer data)
{
  Entry *entry = data;

  g_free (entry->name);
  g_free (entry->state);
  g_strfreev (entry->transitions);
}

static Entry *
entry_new (const char  *name,
           const char  *state,
           gint64       since,
           char       **transitions)
{
  Entry *entry = g_atomic_rc_box_new0 (Entry);

  entry->name = g_strdup (name);
  entry->state = g_strdup (state);
  entry->since = since;
  entry->transitions = transitions;

  return entry;
}

static Entry *
entry_ref (Entry *entry)
{
  return g_atomic_rc_box_acquire (entry);
}

static void
entry_unref (gpointer entry)
{
  g_atomic_rc_box_release_full (entry, entry_clear);
}

static GHashTable *
entries_new (void)
{
  /* The key is the entry's own name: entries replace each other with g_hash_table_replace(). */
  return g_hash_table_new_full (g_str_hash, g_str_equal, NULL, entry_unref);
}

/* Reading and writing the file happen in one thread, one job after the other in the order they
 * were asked for: a history opened while another one's save of the same file is still to be
 * written reads what that save wrote. */
typedef enum
{
  JOB_LOAD,
  JOB_SAVE,
} JobKind;

typedef struct
{
  JobKind     kind;
  char       *path;
  GPtrArray  *entries;   /* JOB_SAVE: the entries to write */
  GHashTable *loaded;    /* JOB_LOAD: what was read */
  GError     *error;
  gboolean    warn;      /* JOB_SAVE: nobody waits for the outcome; a failure is a warning */
  gboolean    done;      /* under jobs_lock */
} Job;

static GMutex jobs_lock;
static GCond jobs_done;

static void
job_clear (gpointer data)
{
  Job *job = data;

  g_free (job->path);
  g_clear_pointer (&job->entries, g_ptr_array_unref);
  g_clear_pointer (&job->loaded, g_hash_table_unref);
  g_clear_error (&job->error);
}

static Job *
job_ref (Job *job)
{
  return g_atomic_rc_box_acquire (job);
}

static void
job_unref (Job *job)
{
  g_atomic_rc_box_release_full (job, job_clear);
}

static GHashTable *
read_file (const char  *path,
           GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GHashTable) entries = entries_new ();
  g_auto(GStrv) groups = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&entries);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  groups = g_key_file_get_groups (key_file, NULL);
  for (guint i = 0; groups[i] != NULL; i++)
    {
      g_autofree char *state = g_key_file_get_string (key_file, groups[i], KEY_STATE, NULL);
      Entry *entry;

      if (state == NULL)
        continue;
      entry = entry_new (groups[i], state,
                         g_key_file_get_int64 (key_file, groups[i], KEY_SINCE, NULL),
                         g_key_file_get_string_list (key_file, groups[i], KEY_TRANSITIONS,
                                                     NULL, NULL));
      g_hash_table_replace (entries, entry->name, entry);
    }

  return g_steal_pointer (&entries);
}

static gboolean
write_file (const char  *path,
            GPtrArray   *entries,
            GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *dir = g_path_get_dirname (path);
  int saved_errno;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      saved_errno = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Could not create the folder %s: %s"), dir, g_strerror (saved_errno));
      return FALSE;
    }

  for (guint i = 0; i < entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (entries, i);

      g_key_file_set_string (key_file, entry->name, KEY_STATE, entry->state);
      g_key_file_set_int64 (key_file, entry->name, KEY_SINCE, entry->since);
      if (entry->transitions != NULL && entry->transitions[0] != NULL)
        g_key_file_set_string_list (key_file, entry->name, KEY_TRANSITIONS,
                                    (const char * const *) entry->transitions,
                                    g_strv_length (entry->transitions));
    }

  return g_key_file_save_to_file (key_file, path, error);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;

  if (job->kind == JOB_LOAD)
    job->loaded = read_file (job->path, &job->error);
  else if (!write_file (job->path, job->entries, &job->error) && job->warn)
    /* Only a record of what was seen: a failure to write it costs the times after a restart. */
    g_warning ("Could not keep the failover states: %s", job->error->message);

  g_mutex_lock (&jobs_lock);
  job->done = TRUE;
  g_cond_broadcast (&jobs_done);
  g_mutex_unlock (&jobs_lock);

  job_unref (job);
}

static void
queue_job (Job *job)
{
  static GThreadPool *pool;

  if (g_once_init_enter (&pool))
    {
      /* One thread: the jobs run in the order they were queued. */
      GThreadPool *new_pool = g_thread_pool_new (run_job, NULL, 1, FALSE, NULL);

      g_once_init_leave (&pool, new_pool);
    }

  g_thread_pool_push (pool, job_ref (job), NULL);
}

static void
wait_for_job (Job *job)
{
  g_mutex_lock (&jobs_lock);
  while (!job->done)
    g_cond_wait (&jobs_done, &jobs_lock);
  g_mutex_unlock (&jobs_lock);
}

struct _MfmStateHistory
{
  GObject     parent_instance;

  char       *path;
  GHashTable *entries;     /* name → Entry; NULL until the file has been read */
  Job        *load;        /* the reading of the file, until its outcome is taken */
  Job        *last_save;   /* waited for when the history goes */
  gboolean    unsaved;     /* observed since the last save; a refresh that saw no change writes nothing */
};

G_DEFINE_FINAL_TYPE (MfmStateHistory, mfm_state_history, G_TYPE_OBJECT)

/* The file is read in the jobs' thread as soon as the history is made; whoever asks first
 * waits for it, which is usually long done by the end of the first refresh. */
static GHashTable *
get_entries (MfmStateHistory *self)
{
  if (self->entries != NULL)
    return self->entries;

  wait_for_job (self->load);
  if (self->load->loaded != NULL)
    self->entries = g_steal_pointer (&self->load->loaded);
  else
    {
      /* Only a record of what was seen: start again rather than fail. */
      g_warning ("Could not read the state history %s: %s", self->path,
                 self->load->error->message);
      self->entries = entries_new ();
    }
  g_clear_pointer (&self->load, job_unref);

  return self->entries;
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
mfm_state_history_finalize (GObject *object)
{
  MfmStateHistory *self = (MfmStateHistory *) object;

  /* What was observed is on disk before the history goes (a quit right after a refresh). */
  if (self->last_save != NULL)
    wait_for_job (self->last_save);
  g_clear_pointer (&self->last_save, job_unref);
  g_clear_pointer (&self->load, job_unref);
  g_clear_pointer (&self->entries, g_hash_table_unref);
  g_free (self->path);

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
}

MfmStateHistory *
mfm_state_history_new (const char *path)
{
  MfmStateHistory *self = g_object_new (MFM_TYPE_STATE_HISTORY, NULL);

  self->path = g_strdup (path);
  if (path == NULL)
    {
      self->entries = entries_new ();
      return self;
    }

  self->load = g_atomic_rc_box_new0 (Job);
  self->load->kind = JOB_LOAD;
  self->load->path = g_strdup (path);
  queue_job (self->load);

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
  const Entry *entry;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), NULL);

  if (name == NULL || (entry = g_hash_table_lookup (get_entries (self), name)) == NULL)
    return NULL;

  /* The entry may be replaced by the next observation; an interned copy outlives it. */
  return g_intern_string (entry->state);
}

gint64
mfm_state_history_get_since (MfmStateHistory *self,
                             const char      *name)
{
  const Entry *entry;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), 0);

  if (name == NULL || (entry = g_hash_table_lookup (get_entries (self), name)) == NULL)
    return 0;

  return entry->since;
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
  const Entry *entry;

  transitions = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_state_transition_free);
  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), transitions);

  if (name == NULL || (entry = g_hash_table_lookup (get_entries (self), name)) == NULL)
    return transitions;

  for (guint i = 0; entry->transitions != NULL && entry->transitions[i] != NULL; i++)
    {
      MfmStateTransition *transition = parse_transition (entry->transitions[i]);

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
  GHashTable *entries;
  const Entry *old;
  Entry *entry;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autofree char *transition = NULL;
  guint n_old;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  /* Not a name a key file group can hold (relationship names never look like this). */
  if (name[0] == '\0' || strpbrk (name, "[]\r\n") != NULL)
    return FALSE;
  if (state == NULL)
    state = "";

  entries = get_entries (self);
  old = g_hash_table_lookup (entries, name);
  if (old != NULL && g_strcmp0 (old->state, state) == 0)
    return FALSE;

  self->unsaved = TRUE;
  if (old == NULL)
    {
      entry = entry_new (name, state, now, NULL);
      g_hash_table_replace (entries, entry->name, entry);
      return FALSE;
    }

  builder = g_strv_builder_new ();
  n_old = old->transitions != NULL ? g_strv_length (old->transitions) : 0;
  for (guint i = n_old >= MFM_STATE_HISTORY_MAX_TRANSITIONS ?
                 n_old - MFM_STATE_HISTORY_MAX_TRANSITIONS + 1 : 0;
       i < n_old; i++)
    g_strv_builder_add (builder, old->transitions[i]);
  transition = g_strdup_printf ("%" G_GINT64_FORMAT " %s->%s", now, old->state, state);
  g_strv_builder_add (builder, transition);

  if (previous != NULL)
    *previous = g_strdup (old->state);

  /* Replacing the entry frees the old one (unless a save still holds it). */
  entry = entry_new (name, state, now, g_strv_builder_end (builder));
  g_hash_table_replace (entries, entry->name, entry);

  return TRUE;
}

static Job *
save_job_new (MfmStateHistory *self)
{
  Job *job = g_atomic_rc_box_new0 (Job);
  GHashTableIter iter;
  gpointer entry;

  job->kind = JOB_SAVE;
  job->path = g_strdup (self->path);
  job->entries = g_ptr_array_new_full (g_hash_table_size (get_entries (self)), entry_unref);
  g_hash_table_iter_init (&iter, get_entries (self));
  while (g_hash_table_iter_next (&iter, NULL, &entry))
    g_ptr_array_add (job->entries, entry_ref (entry));

  return job;
}

gboolean
mfm_state_history_save (MfmStateHistory  *self,
                        GError          **error)
{
  Job *job;
  gboolean ok;

  g_return_val_if_fail (MFM_IS_STATE_HISTORY (self), FALSE);

  if (self->path == NULL || !self->unsaved)
    return TRUE;

  /* Through the jobs' thread, so that it comes after any save queued before. */
  job = save_job_new (self);
  queue_job (job);
  wait_for_job (job);
  ok = job->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&job->error));
  job_unref (job);

  if (ok)
    self->unsaved = FALSE;
  return ok;
}

void
mfm_state_history_save_in_background (MfmStateHistory *self)
{
  g_return_if_fail (MFM_IS_STATE_HISTORY (self));

  if (self->path == NULL || !self->unsaved)
    return;

  g_clear_pointer (&self->last_save, job_unref);
  self->last_save = save_job_new (self);
  self->last_save->warn = TRUE;
  queue_job (self->last_save);
  self->unsaved = FALSE;
}
