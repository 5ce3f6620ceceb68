/* mfm-api-log.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-api-log"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-api-log.h"
#include "mfm-wire.h"

#define REDACTED "\"\342\200\242\342\200\242\342\200\242\""   /* "•••" */

/* ---------------------------------------------------------------------------------------- */
/* MfmApiLogEntry                                                                            */

struct _MfmApiLogEntry
{
  GObject    parent_instance;

  char      *method;
  guint      status;
  char      *outcome;
  double     duration_ms;
  gint64     started_us;   /* monotonic: when the request went out and its answer came */
  gint64     finished_us;
  char      *request_body;
  char      *response_body;
  guint64    request_size;
  guint64    response_size;
  GDateTime *timestamp;
  gsize      n_bytes;      /* what its texts take, for the log's byte cap */
};

G_DEFINE_FINAL_TYPE (MfmApiLogEntry, mfm_api_log_entry, G_TYPE_OBJECT)

enum {
  ENTRY_PROP_0,
  ENTRY_PROP_METHOD,
  ENTRY_PROP_STATUS,
  ENTRY_PROP_OUTCOME,
  ENTRY_PROP_DURATION_MS,
  ENTRY_PROP_REQUEST_SIZE,
  ENTRY_PROP_RESPONSE_SIZE,
  ENTRY_PROP_REQUEST_BODY,
  ENTRY_PROP_RESPONSE_BODY,
  ENTRY_PROP_TIMESTAMP,
  ENTRY_PROP_SUMMARY,
  ENTRY_N_PROPS
};

static GParamSpec *entry_properties[ENTRY_N_PROPS];

static char *
entry_get_summary (MfmApiLogEntry *self)
{
  g_autofree char *time = g_date_time_format (self->timestamp, "%H:%M:%S");

  /* Translators: one line of the API log: time, command, outcome, duration */
  return g_strdup_printf (_("%s  %s  %s  %.0f ms"), time, self->method, self->outcome,
                          self->duration_ms);
}

static void
mfm_api_log_entry_finalize (GObject *object)
{
  MfmApiLogEntry *self = MFM_API_LOG_ENTRY (object);

  g_free (self->method);
  g_free (self->outcome);
  g_free (self->request_body);
  g_free (self->response_body);
  g_clear_pointer (&self->timestamp, g_date_time_unref);

  G_OBJECT_CLASS (mfm_api_log_entry_parent_class)->finalize (object);
}

static void
mfm_api_log_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfmApiLogEntry *self = MFM_API_LOG_ENTRY (object);

  switch (prop_id)
    {
    case ENTRY_PROP_METHOD:
      g_value_set_string (value, self->method);
      break;
    case ENTRY_PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case ENTRY_PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    case ENTRY_PROP_DURATION_MS:
      g_value_set_double (value, self->duration_ms);
      break;
    case ENTRY_PROP_REQUEST_SIZE:
      g_value_set_uint64 (value, self->request_size);
      break;
    case ENTRY_PROP_RESPONSE_SIZE:
      g_value_set_uint64 (value, self->response_size);
      break;
    case ENTRY_PROP_REQUEST_BODY:
      g_value_set_string (value, self->request_body);
      break;
    case ENTRY_PROP_RESPONSE_BODY:
      g_value_set_string (value, self->response_body);
      break;
    case ENTRY_PROP_TIMESTAMP:
      g_value_set_boxed (value, self->timestamp);
      break;
    case ENTRY_PROP_SUMMARY:
      g_value_take_string (value, entry_get_summary (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_api_log_entry_class_init (MfmApiLogEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mfm_api_log_entry_finalize;
  object_class->get_property = mfm_api_log_entry_get_property;

  entry_properties[ENTRY_PROP_METHOD] =
    g_param_spec_string ("method", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, G_MAXUINT, 0, flags);
  entry_properties[ENTRY_PROP_OUTCOME] =
    g_param_spec_string ("outcome", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_DURATION_MS] =
    g_param_spec_double ("duration-ms", NULL, NULL, 0, G_MAXDOUBLE, 0, flags);
  entry_properties[ENTRY_PROP_REQUEST_SIZE] =
    g_param_spec_uint64 ("request-size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  entry_properties[ENTRY_PROP_RESPONSE_SIZE] =
    g_param_spec_uint64 ("response-size", NULL, NULL, 0, G_MAXUINT64, 0, flags);
  entry_properties[ENTRY_PROP_REQUEST_BODY] =
    g_param_spec_string ("request-body", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_RESPONSE_BODY] =
    g_param_spec_string ("response-body", NULL, NULL, NULL, flags);
  entry_properties[ENTRY_PROP_TIMESTAMP] =
    g_param_spec_boxed ("timestamp", NULL, NULL, G_TYPE_DATE_TIME, flags);
  entry_properties[ENTRY_PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, ENTRY_N_PROPS, entry_properties);
}

static void
mfm_api_log_entry_init (MfmApiLogEntry *self)
{
  self->timestamp = g_date_time_new_now_local ();
}

/* Takes @request_body and @response_body, redacted already: a large answer's text is kept
 * where it was made, neither copied nor freed here. */
static MfmApiLogEntry *
entry_new_take (const char *method,
                guint       status,
                const char *outcome,
                double      duration_ms,
                char       *request_body,
                char       *response_body,
                guint64     request_size,
                guint64     response_size)
{
  MfmApiLogEntry *self = g_object_new (MFM_TYPE_API_LOG_ENTRY, NULL);

  self->method = g_strdup (method != NULL ? method : "");
  self->status = status;
  self->outcome = g_strdup (outcome != NULL ? outcome : "");
  self->duration_ms = MAX (duration_ms, 0);
  self->request_body = request_body != NULL ? request_body : g_strdup ("");
  self->response_body = response_body != NULL ? response_body : g_strdup ("");
  self->request_size = request_size;
  self->response_size = response_size;
  self->n_bytes = sizeof *self + strlen (self->method) + strlen (self->outcome) +
                  strlen (self->request_body) + strlen (self->response_body) + 4;

  return self;
}

/* The bodies are redacted here, so nothing secret is ever stored in an entry. */
static MfmApiLogEntry *
entry_new (const char *method,
           guint       status,
           const char *outcome,
           double      duration_ms,
           const char *request_body,
           const char *response_body,
           guint64     request_size,
           guint64     response_size,
           gboolean    redacted)
{
  if (redacted)
    return entry_new_take (method, status, outcome, duration_ms, g_strdup (request_body),
                           g_strdup (response_body), request_size, response_size);

  return entry_new_take (method, status, outcome, duration_ms,
                         mfm_api_log_redact (request_body != NULL ? request_body : ""),
                         mfm_api_log_redact (response_body != NULL ? response_body : ""),
                         request_size, response_size);
}

MfmApiLogEntry *
mfm_api_log_entry_new (const char *method,
                       guint       status,
                       const char *outcome,
                       double      duration_ms,
                       const char *request_body,
                       const char *response_body,
                       guint64     request_size,
                       guint64     response_size)
{
  return entry_new (method, status, outcome, duration_ms, request_body, response_body,
                    request_size, response_size, FALSE);
}

MfmApiLogEntry *
mfm_api_log_entry_new_redacted (const char *method,
                                guint       status,
                                const char *outcome,
                                double      duration_ms,
                                const char *request_body,
                                const char *response_body,
                                guint64     request_size,
                                guint64     response_size)
{
  return entry_new (method, status, outcome, duration_ms, request_body, response_body,
                    request_size, response_size, TRUE);
}

MfmApiLogEntry *
mfm_api_log_entry_new_redacted_take (const char *method,
                                     guint       status,
                                     const char *outcome,
                                     double      duration_ms,
                                     char       *request_body,
                                     char       *response_body,
                                     guint64     request_size,
                                     guint64     response_size)
{
  return entry_new_take (method, status, outcome, duration_ms, request_body, response_body,
                         request_size, response_size);
}

/* When the exchange began and ended on the monotonic clock: an exchange that began after
 * another had ended waited for it, which is how the round trips of an operation are told. */
void
mfm_api_log_entry_set_times (MfmApiLogEntry *self,
                             gint64          started_us,
                             gint64          finished_us)
{
  g_return_if_fail (MFM_IS_API_LOG_ENTRY (self));

  self->started_us = started_us;
  self->finished_us = finished_us;
}

void
mfm_api_log_entry_get_times (MfmApiLogEntry *self,
                             gint64         *started_us,
                             gint64         *finished_us)
{
  g_return_if_fail (MFM_IS_API_LOG_ENTRY (self));

  if (started_us != NULL)
    *started_us = self->started_us;
  if (finished_us != NULL)
    *finished_us = self->finished_us;
}

const char *
mfm_api_log_entry_get_method (MfmApiLogEntry *self)
{
  g_return_val_if_fail (MFM_IS_API_LOG_ENTRY (self), NULL);
  return self->method;
}

guint
mfm_api_log_entry_get_status (MfmApiLogEntry *self)
{
  g_return_val_if_fail (MFM_IS_API_LOG_ENTRY (self), 0);
  return self->status;
}

const char *
mfm_api_log_entry_get_outcome (MfmApiLogEntry *self)
{
  g_return_val_if_fail (MFM_IS_API_LOG_ENTRY (self), NULL);
  return self->outcome;
}

double
mfm_api_log_entry_get_duration_ms (MfmApiLogEntry *self)
{
  g_return_val_if_fail (MFM_IS_API_LOG_ENTRY (self), 0);
  return self->duration_ms;
}

const char *
mfm_api_log_entry_get_request_body (MfmApiLogEntry *self)
{
  g_return_val_if_fail (MFM_IS_API_LOG_ENTRY (self), NULL);
  return self->request_body;
}

const char *
mfm_api_log_entry_get_response_body (MfmApiLogEntry *self)
{
  g_return_val_if_fail (MFM_IS_API_LOG_ENTRY (self), NULL);
  return self->response_body;
}

void
mfm_api_log_entry_set_outcome (MfmApiLogEntry *self,
                               const char     *outcome)
{
  g_return_if_fail (MFM_IS_API_LOG_ENTRY (self));

  if (outcome == NULL || g_strcmp0 (self->outcome, outcome) == 0)
    return;

  g_free (self->outcome);
  self->outcome = g_strdup (outcome);
  g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_OUTCOME]);
  g_object_notify_by_pspec (G_OBJECT (self), entry_properties[ENTRY_PROP_SUMMARY]);
}

char *
mfm_api_log_entry_to_text (MfmApiLogEntry *self)
{
  g_autofree char *time = NULL;
  g_autofree char *request_size = NULL;
  g_autofree char *response_size = NULL;
  GString *text;

  g_return_val_if_fail (MFM_IS_API_LOG_ENTRY (self), NULL);

  time = g_date_time_format (self->timestamp, "%Y-%m-%d %H:%M:%S");
  request_size = g_strdup_printf ("%" G_GUINT64_FORMAT, self->request_size);
  response_size = g_strdup_printf ("%" G_GUINT64_FORMAT, self->response_size);
  text = g_string_new (NULL);
  g_string_append_printf (text, _("Time: %s\n"), time);
  g_string_append_printf (text, _("Method: %s\n"), self->method);
  if (self->status != 0)
    g_string_append_printf (text, _("HTTP status: %u\n"), self->status);
  g_string_append_printf (text, _("Outcome: %s\n"), self->outcome);
  g_string_append_printf (text, _("Duration: %.1f ms\n"), self->duration_ms);
  /* Numbers go in as text: a format macro inside _() would cut the message short. */
  g_string_append_printf (text, _("Request (%s bytes):\n%s\n"),
                          request_size, self->request_body);
  g_string_append_printf (text, _("Response (%s bytes):\n%s\n"),
                          response_size, self->response_body);

  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------------------------------- */
/* MfmApiLog                                                                                 */

struct _MfmApiLog
{
  GObject    parent_instance;

  GPtrArray *entries;   /* oldest first, at most MFM_API_LOG_CAPACITY */
  gsize      n_bytes;   /* the entries' n_bytes together */
};

static void mfm_api_log_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (MfmApiLog, mfm_api_log, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      mfm_api_log_list_model_init))

enum {
  SIGNAL_ENTRY_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GType
mfm_api_log_get_item_type (GListModel *model)
{
  return MFM_TYPE_API_LOG_ENTRY;
}

static guint
mfm_api_log_get_n_items (GListModel *model)
{
  return MFM_API_LOG (model)->entries->len;
}

static gpointer
mfm_api_log_get_item (GListModel *model,
                      guint       position)
{
  MfmApiLog *self = MFM_API_LOG (model);

  if (position >= self->entries->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->entries, position));
}

static void
mfm_api_log_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = mfm_api_log_get_item_type;
  iface->get_n_items = mfm_api_log_get_n_items;
  iface->get_item = mfm_api_log_get_item;
}

static void
mfm_api_log_finalize (GObject *object)
{
  MfmApiLog *self = MFM_API_LOG (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (mfm_api_log_parent_class)->finalize (object);
}

static void
mfm_api_log_class_init (MfmApiLogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfm_api_log_finalize;

  signals[SIGNAL_ENTRY_ADDED] =
    g_signal_new ("entry-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, MFM_TYPE_API_LOG_ENTRY);
}

static void
mfm_api_log_init (MfmApiLog *self)
{
  self->entries = g_ptr_array_new_with_free_func (g_object_unref);
}

MfmApiLog *
mfm_api_log_new (void)
{
  return g_object_new (MFM_TYPE_API_LOG, NULL);
}

static void
drop_entries_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_ptr_array_set_size (task_data, 0);
}

/* The entries that left the log, their texts up to 64 KiB each, are freed in a worker thread:
 * on the main thread, freeing a large text made in another thread can make the allocator
 * tidy that thread's whole heap first. The views let go of them when the log changed; one
 * that still holds an entry frees it itself later. */
static void
drop_entries_in_thread (GPtrArray *entries)
{
  g_autoptr(GTask) task = NULL;

  if (entries->len == 0)
    {
      g_ptr_array_unref (entries);
      return;
    }

  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, drop_entries_in_thread);
  g_task_set_task_data (task, entries, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, drop_entries_thread);
}

/* Takes the first @n entries out of the log, with their references. */
static GPtrArray *
steal_entries (MfmApiLog *self,
               guint      n)
{
  GPtrArray *stolen = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (stolen, g_object_ref (g_ptr_array_index (self->entries, i)));
  g_ptr_array_remove_range (self->entries, 0, n);

  return stolen;
}

void
mfm_api_log_append (MfmApiLog      *self,
                    MfmApiLogEntry *entry)
{
  guint n_old = 0;
  gsize n_bytes;

  g_return_if_fail (MFM_IS_API_LOG (self));
  g_return_if_fail (MFM_IS_API_LOG_ENTRY (entry));

  n_bytes = self->n_bytes;

  /* The oldest go, by count and by size, in one change. */
  while (n_old < self->entries->len &&
         (self->entries->len - n_old >= MFM_API_LOG_CAPACITY ||
          n_bytes + entry->n_bytes > MFM_API_LOG_BYTE_CAPACITY))
    {
      MfmApiLogEntry *old = g_ptr_array_index (self->entries, n_old++);

      n_bytes -= old->n_bytes;
    }
  if (n_old > 0)
    {
      GPtrArray *dropped = steal_entries (self, n_old);

      self->n_bytes = n_bytes;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, n_old, 0);
      drop_entries_in_thread (dropped);
    }

  self->n_bytes += entry->n_bytes;
  g_ptr_array_add (self->entries, g_object_ref (entry));
  g_list_model_items_changed (G_LIST_MODEL (self), self->entries->len - 1, 0, 1);
  g_signal_emit (self, signals[SIGNAL_ENTRY_ADDED], 0, entry);
}

void
mfm_api_log_clear (MfmApiLog *self)
{
  GPtrArray *dropped;
  guint removed;

  g_return_if_fail (MFM_IS_API_LOG (self));

  removed = self->entries->len;
  if (removed == 0)
    return;

  dropped = steal_entries (self, removed);
  self->n_bytes = 0;
  g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, 0);
  drop_entries_in_thread (dropped);
}

gsize
mfm_api_log_get_n_bytes (MfmApiLog *self)
{
  g_return_val_if_fail (MFM_IS_API_LOG (self), 0);

  return self->n_bytes;
}

char *
mfm_api_log_to_text (MfmApiLog *self)
{
  GString *text;

  g_return_val_if_fail (MFM_IS_API_LOG (self), NULL);

  text = g_string_new (NULL);
  for (guint i = 0; i < self->entries->len; i++)
    {
      g_autofree char *entry = mfm_api_log_entry_to_text (g_ptr_array_index (self->entries, i));

      if (i > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, entry);
    }

  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------------------------------- */
/* Redaction                                                                                 */

/* Index just past the string that starts with the quote at @start (or @length when it never
 * ends). */
static gsize
skip_string (const char *text,
             gsize       start,
             gsize       length)
{
  gsize i = start + 1;

  while (i < length)
    {
      if (text[i] == '\\')
        i += 2;
      else if (text[i] == '"')
        return i + 1;
      else
        i++;
    }

  return length;
}

/* Index just past the JSON value at @start, tolerating malformed text. */
static gsize
skip_value (const char *text,
            gsize       start,
            gsize       length)
{
  gsize i = start;

  if (i >= length)
    return length;

  if (text[i] == '"')
    return skip_string (text, i, length);

  if (text[i] == '{' || text[i] == '[')
    {
      guint depth = 0;

      while (i < length)
        {
          char c = text[i];

          if (c == '"')
            {
              i = skip_string (text, i, length);
              continue;
            }
          if (c == '{' || c == '[')
            depth++;
          else if (c == '}' || c == ']')
            {
              if (--depth == 0)
                return i + 1;
            }
          i++;
        }
      return length;
    }

  while (i < length && text[i] != ',' && text[i] != '}' && text[i] != ']' &&
         !g_ascii_isspace (text[i]))
    i++;

  return i;
}

char *
mfm_api_log_redact (const char *json_text)
{
  GString *out;
  gsize length, i = 0;

  if (json_text == NULL)
    return NULL;

  length = strlen (json_text);
  out = g_string_sized_new (length + 16);

  while (i < length)
    {
      gsize end, colon;

      if (json_text[i] != '"')
        {
          gsize next = i;

          /* Copy runs of non-string text at once. */
          while (next < length && json_text[next] != '"')
            next++;
          g_string_append_len (out, json_text + i, next - i);
          i = next;
          continue;
        }

      end = skip_string (json_text, i, length);
      g_string_append_len (out, json_text + i, end - i);

      if (end - i >= 2 && json_text[end - 1] == '"' &&
          mfm_wire_is_secret_member (json_text + i + 1, end - i - 2))
        {
          colon = end;
          while (colon < length && g_ascii_isspace (json_text[colon]))
            colon++;

          if (colon < length && json_text[colon] == ':')
            {
              gsize value = colon + 1;

              while (value < length && g_ascii_isspace (json_text[value]))
                value++;

              g_string_append_len (out, json_text + end, value - end);
              g_string_append (out, REDACTED);
              i = skip_value (json_text, value, length);
              continue;
            }
        }

      i = end;
    }

  /* A GString grows in powers of two: a 64 KiB answer would keep 128 KiB. */
  {
    char *exact = g_strndup (out->str, out->len);

    g_string_free (out, TRUE);
    return exact;
  }
}

/* Shorter secrets would hide ordinary text ("1", "admin") all over the log. */
#define MIN_SECRET_SUBSTRING 8

static void
hide_secret (GString    *text,
             const char *secret)
{
  if (strlen (secret) >= MIN_SECRET_SUBSTRING)
    {
      g_string_replace (text, secret, "\342\200\242\342\200\242\342\200\242", 0);
    }
  else
    {
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", secret);

      g_string_replace (text, quoted, REDACTED, 0);
    }
}

char *
mfm_api_log_redact_values (const char         *json_text,
                           const char * const *secrets)
{
  g_autoptr(GString) text = NULL;

  if (json_text == NULL)
    return NULL;

  text = g_string_new (json_text);
  for (guint i = 0; secrets != NULL && secrets[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = NULL;
      g_autofree char *escaped = NULL;

      if (secrets[i][0] == '\0')
        continue;

      hide_secret (text, secrets[i]);

      /* As a JSON text carries it, quotes and backslashes escaped. */
      node = json_node_init_string (json_node_alloc (), secrets[i]);
      escaped = json_to_string (node, FALSE);
      if (strlen (escaped) >= 2)
        {
          escaped[strlen (escaped) - 1] = '\0';
          if (strcmp (escaped + 1, secrets[i]) != 0)
            hide_secret (text, escaped + 1);
        }
    }

  return mfm_api_log_redact (text->str);
}
