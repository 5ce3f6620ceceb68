/* test-api-log.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-api-log"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "mfm-api-log.h"
#include "mfm-error.h"

#define DOTS "\342\200\242\342\200\242\342\200\242"

static void
test_redact (void)
{
  static const struct {
    const char *in;
    const char *out;
  } cases[] = {
    { "{\"loginName\":\"admin\",\"password\":\"hunter2\",\"server\":\"x\"}",
      "{\"loginName\":\"admin\",\"password\":\"" DOTS "\",\"server\":\"x\"}" },
    { "{\"result\":{\"session\":\"bsvh5S2kLC5Q9gnPbfYM\"}}",
      "{\"result\":{\"session\":\"" DOTS "\"}}" },
    { "{ \"session\" :  \"a\\\"b\" , \"offset\": 0}",
      "{ \"session\" :  \"" DOTS "\" , \"offset\": 0}" },
    { "{\"Password\":12345}", "{\"Password\":\"" DOTS "\"}" },
    { "{\"password\":{\"nested\":[\"x\",\"}\"]},\"a\":1}", "{\"password\":\"" DOTS "\",\"a\":1}" },
    /* A value that merely says "session" is not a secret. */
    { "{\"comment\":\"session\",\"x\":\"password\"}", "{\"comment\":\"session\",\"x\":\"password\"}" },
    /* Cut short in the middle of the secret: nothing of it survives. */
    { "{\"password\":\"hunt", "{\"password\":\"" DOTS "\"" },
    { "{\"session\":", "{\"session\":\"" DOTS "\"" },
    { "not json at all", "not json at all" },
    { "", "" },
    { "\"password", "\"password" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = mfm_api_log_redact (cases[i].in);

      g_assert_cmpstr (out, ==, cases[i].out);
    }

  g_assert_null (mfm_api_log_redact (NULL));
}

static void
count_items_changed (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  guint *counts = user_data;

  counts[0] += removed;
  counts[1] += added;
}

static void
count_entry_added (MfmApiLog      *log,
                   MfmApiLogEntry *entry,
                   gpointer        user_data)
{
  guint *count = user_data;

  g_assert_true (MFM_IS_API_LOG_ENTRY (entry));
  (*count)++;
}

static void
test_ring (void)
{
  g_autoptr(MfmApiLog) log = mfm_api_log_new ();
  guint changes[2] = { 0, 0 };
  guint added = 0;
  g_autoptr(MfmApiLogEntry) first = NULL;
  g_autoptr(MfmApiLogEntry) last = NULL;

  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (log)) == MFM_TYPE_API_LOG_ENTRY);
  g_signal_connect (log, "items-changed", G_CALLBACK (count_items_changed), changes);
  g_signal_connect (log, "entry-added", G_CALLBACK (count_entry_added), &added);

  for (guint i = 0; i < MFM_API_LOG_CAPACITY + 20; i++)
    {
      g_autofree char *method = g_strdup_printf ("Call%u", i);
      g_autoptr(MfmApiLogEntry) entry = mfm_api_log_entry_new (method, 200, "OK", i, "{}", "{}",
                                                               2, 2);

      mfm_api_log_append (log, entry);
    }

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, MFM_API_LOG_CAPACITY);
  g_assert_cmpuint (added, ==, MFM_API_LOG_CAPACITY + 20);
  g_assert_cmpuint (changes[1], ==, MFM_API_LOG_CAPACITY + 20);
  g_assert_cmpuint (changes[0], ==, 20);

  first = g_list_model_get_item (G_LIST_MODEL (log), 0);
  last = g_list_model_get_item (G_LIST_MODEL (log), MFM_API_LOG_CAPACITY - 1);
  g_assert_cmpstr (mfm_api_log_entry_get_method (first), ==, "Call20");
  g_assert_cmpstr (mfm_api_log_entry_get_method (last), ==, "Call519");
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (log), MFM_API_LOG_CAPACITY));

  mfm_api_log_clear (log);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, 0);
  g_assert_cmpuint (changes[0], ==, 20 + MFM_API_LOG_CAPACITY);
}

/* Large answers: the log stays under its byte cap by dropping the oldest entries, in one
 * change each time, and keeps each body at its own size. */
static void
test_byte_cap (void)
{
  g_autoptr(MfmApiLog) log = mfm_api_log_new ();
  g_autofree char *body = NULL;
  guint changes[2] = { 0, 0 };
  guint n_appended = 0;
  g_autoptr(MfmApiLogEntry) newest = NULL;
  gsize body_length = 64 * 1024;

  /* A JSON text of 64 KiB, as the client logs an answer at most. */
  body = g_malloc (body_length + 1);
  memset (body, ' ', body_length);
  body[0] = '[';
  body[body_length - 1] = ']';
  body[body_length] = '\0';

  g_signal_connect (log, "items-changed", G_CALLBACK (count_items_changed), changes);
  for (guint i = 0; i < MFM_API_LOG_CAPACITY; i++)
    {
      g_autofree char *method = g_strdup_printf ("Call%u", i);
      g_autoptr(MfmApiLogEntry) entry = mfm_api_log_entry_new (method, 200, "OK", i, "{}", body,
                                                               2, body_length);

      mfm_api_log_append (log, entry);
      n_appended++;
      g_assert_cmpuint (mfm_api_log_get_n_bytes (log), <=, MFM_API_LOG_BYTE_CAPACITY);
    }

  /* 500 × 64 KiB would be 32 MiB: fewer entries are kept, the newest last. */
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), <, MFM_API_LOG_CAPACITY);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), >=,
                    MFM_API_LOG_BYTE_CAPACITY / (body_length + 1024));
  g_assert_cmpuint (mfm_api_log_get_n_bytes (log), >, MFM_API_LOG_BYTE_CAPACITY - 2 * body_length);
  g_assert_cmpuint (changes[1], ==, n_appended);
  g_assert_cmpuint (changes[0] + g_list_model_get_n_items (G_LIST_MODEL (log)), ==, n_appended);
  newest = g_list_model_get_item (G_LIST_MODEL (log), g_list_model_get_n_items (G_LIST_MODEL (log)) - 1);
  g_assert_cmpstr (mfm_api_log_entry_get_method (newest), ==, "Call499");
  g_assert_cmpuint (strlen (mfm_api_log_entry_get_response_body (newest)), ==, body_length);
#ifdef __GLIBC__
  /* Not rounded up to the next power of two (128 KiB). */
  g_assert_cmpuint (malloc_usable_size ((gpointer) mfm_api_log_entry_get_response_body (newest)), <,
                    body_length + 4096);
#endif

  mfm_api_log_clear (log);
  g_assert_cmpuint (mfm_api_log_get_n_bytes (log), ==, 0);
}

/* The entries that leave the log go to a worker thread to be freed; one still held elsewhere
 * stays whole until its holder lets go. */
typedef struct
{
  GThread *main_thread;
  gint     n_finalized;
  gint     n_on_main_thread;
} Finalized;

static void
entry_finalized (gpointer  data,
                 GObject  *where_the_object_was)
{
  Finalized *finalized = data;

  if (g_thread_self () == finalized->main_thread)
    g_atomic_int_inc (&finalized->n_on_main_thread);
  g_atomic_int_inc (&finalized->n_finalized);
}

static void
wait_finalized (Finalized *finalized,
                guint      expected)
{
  /* A watchdog, not a measure: a worker thread frees a few hundred entries in milliseconds. */
  for (guint i = 0; (guint) g_atomic_int_get (&finalized->n_finalized) < expected; i++)
    {
      if (i > 120 * 1000)
        g_error ("Only %d of %u entries freed after 120 seconds",
                 g_atomic_int_get (&finalized->n_finalized), expected);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
test_evicted_in_thread (void)
{
  g_autoptr(MfmApiLog) log = mfm_api_log_new ();
  g_autoptr(MfmApiLogEntry) held = NULL;
  Finalized finalized = { g_thread_self (), 0, 0 };
  gsize body_length = 64 * 1024;
  guint n_appended = 0, n_kept;
  gsize bytes_full;

  /* Over the byte cap: the oldest leave, freed in a worker thread, and the bytes they took
   * with them. */
  for (guint i = 0; i < MFM_API_LOG_CAPACITY; i++)
    {
      g_autofree char *method = g_strdup_printf ("Call%u", i);
      char *body = g_strnfill (body_length, 'x');
      g_autoptr(MfmApiLogEntry) entry = NULL;

      entry = mfm_api_log_entry_new_redacted_take (method, 200, "OK", i, g_strdup ("{}"), body,
                                                   2, body_length);
      /* Taken as it is, not copied. */
      g_assert_true (mfm_api_log_entry_get_response_body (entry) == body);
      g_object_weak_ref (G_OBJECT (entry), entry_finalized, &finalized);
      if (i == 0)
        held = g_object_ref (entry);
      mfm_api_log_append (log, entry);
      n_appended++;
      g_assert_cmpuint (mfm_api_log_get_n_bytes (log), <=, MFM_API_LOG_BYTE_CAPACITY);
    }

  n_kept = g_list_model_get_n_items (G_LIST_MODEL (log));
  g_assert_cmpuint (n_kept, <, n_appended);
  /* Every entry that left, but the one held here, is freed, and none on this thread. */
  wait_finalized (&finalized, n_appended - n_kept - 1);
  g_assert_cmpint (g_atomic_int_get (&finalized.n_on_main_thread), ==, 0);

  /* The held one is whole: its holder frees it. */
  g_assert_cmpstr (mfm_api_log_entry_get_method (held), ==, "Call0");
  g_assert_cmpuint (strlen (mfm_api_log_entry_get_response_body (held)), ==, body_length);
  g_clear_object (&held);
  g_assert_cmpint (g_atomic_int_get (&finalized.n_finalized), ==, n_appended - n_kept);

  /* Cleared: the rest too, in a worker thread. */
  bytes_full = mfm_api_log_get_n_bytes (log);
  g_assert_cmpuint (bytes_full, >, MFM_API_LOG_BYTE_CAPACITY - 2 * body_length);
  mfm_api_log_clear (log);
  g_assert_cmpuint (mfm_api_log_get_n_bytes (log), ==, 0);
  wait_finalized (&finalized, n_appended);
  g_assert_cmpint (g_atomic_int_get (&finalized.n_on_main_thread), ==, 1);
}

static void
test_entry (void)
{
  g_autoptr(MfmApiLog) log = mfm_api_log_new ();
  g_autoptr(MfmApiLogEntry) entry = NULL;
  g_autofree char *text = NULL;
  g_autofree char *all = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GDateTime) timestamp = NULL;
  guint64 request_size = 0;

  entry = mfm_api_log_entry_new ("Login", 200, "OK", 12.5,
                                 "{\"loginName\":\"admin\",\"password\":\"hunter2\"}",
                                 "{\"result\":{\"session\":\"S3cr3tS3ss10n\"}}", 45, 38);
  mfm_api_log_append (log, entry);

  g_assert_cmpstr (mfm_api_log_entry_get_method (entry), ==, "Login");
  g_assert_cmpuint (mfm_api_log_entry_get_status (entry), ==, 200);
  g_assert_cmpfloat (mfm_api_log_entry_get_duration_ms (entry), ==, 12.5);
  g_assert_null (strstr (mfm_api_log_entry_get_request_body (entry), "hunter2"));
  g_assert_null (strstr (mfm_api_log_entry_get_response_body (entry), "S3cr3tS3ss10n"));

  g_object_get (entry, "summary", &summary, "timestamp", &timestamp,
                "request-size", &request_size, NULL);
  g_assert_nonnull (strstr (summary, "Login"));
  g_assert_nonnull (strstr (summary, "OK"));
  g_assert_nonnull (timestamp);
  g_assert_cmpuint (request_size, ==, 45);

  text = mfm_api_log_entry_to_text (entry);
  g_assert_nonnull (strstr (text, "Login"));
  g_assert_nonnull (strstr (text, "\"loginName\":\"admin\""));
  g_assert_null (strstr (text, "hunter2"));
  all = mfm_api_log_to_text (log);
  g_assert_cmpstr (all, ==, text);
}

/* The client redacts the bodies once (the values of its secrets, then the secret members) and
 * makes the entry from them: the same bodies as an entry that redacts them itself. */
static void
test_entry_redacted (void)
{
  const char *request = "{\"loginName\":\"admin\",\"password\":\"hunter2\",\"x\":\"S3ss\"}";
  const char *response = "{\"result\":{\"session\":\"S3ss\",\"password\":\"hunter2\"}}";
  const char *secrets[] = { "S3ss", NULL };
  g_autofree char *request_text = mfm_api_log_redact_values (request, secrets);
  g_autofree char *response_text = mfm_api_log_redact_values (response, secrets);
  g_autoptr(MfmApiLogEntry) itself = NULL;
  g_autoptr(MfmApiLogEntry) given = NULL;

  itself = mfm_api_log_entry_new ("Login", 200, "OK", 1, request_text, response_text, 1, 1);
  given = mfm_api_log_entry_new_redacted ("Login", 200, "OK", 1, request_text, response_text,
                                          1, 1);
  g_assert_cmpstr (mfm_api_log_entry_get_request_body (given), ==,
                   mfm_api_log_entry_get_request_body (itself));
  g_assert_cmpstr (mfm_api_log_entry_get_response_body (given), ==,
                   mfm_api_log_entry_get_response_body (itself));
  g_assert_null (strstr (mfm_api_log_entry_get_request_body (given), "hunter2"));
  g_assert_null (strstr (mfm_api_log_entry_get_request_body (given), "S3ss"));
  g_assert_null (strstr (mfm_api_log_entry_get_response_body (given), "hunter2"));
  g_assert_null (strstr (mfm_api_log_entry_get_response_body (given), "S3ss"));
  g_assert_nonnull (strstr (mfm_api_log_entry_get_request_body (given), "admin"));
}

static void
test_error_sentences (void)
{
  g_autoptr(GError) server = mfm_error_new_api (MFM_ERROR_SERVER, 19, "Simulated failure");
  g_autoptr(GError) negative = mfm_error_new_api (MFM_ERROR_SERVER, -32601, "No method");
  g_autoptr(GError) plain = g_error_new (MFM_ERROR, MFM_ERROR_TIMEOUT, "No answer in 30 s");
  g_autoptr(GError) other = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "whatever");
  g_autoptr(GError) cancelled = g_error_new (G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
  g_autofree char *described = mfm_error_describe (server);

  for (int code = MFM_ERROR_NETWORK; code <= MFM_ERROR_SERVER_FAILURE; code++)
    {
      g_autoptr(GError) error = g_error_new_literal (MFM_ERROR, code, "detail");
      const char *sentence = mfm_error_get_sentence (error);

      g_assert_nonnull (sentence);
      g_assert_true (g_str_has_suffix (sentence, "."));
      for (int other_code = MFM_ERROR_NETWORK; other_code < code; other_code++)
        {
          g_autoptr(GError) earlier = g_error_new_literal (MFM_ERROR, other_code, "detail");

          g_assert_cmpstr (mfm_error_get_sentence (earlier), !=, sentence);
        }
    }

  g_assert_cmpint (mfm_error_get_api_code (server), ==, 19);
  g_assert_cmpint (mfm_error_get_api_code (negative), ==, -32601);
  g_assert_cmpint (mfm_error_get_api_code (plain), ==, 0);
  g_assert_cmpint (mfm_error_get_api_code (other), ==, 0);
  g_assert_true (g_str_has_suffix (described, "\n\n[19] Simulated failure"));
  g_assert_true (g_str_has_prefix (described, mfm_error_get_sentence (server)));
  g_assert_cmpstr (mfm_error_get_server_message (server), ==, "Simulated failure");
  g_assert_null (mfm_error_get_server_message (plain));
  g_assert_null (mfm_error_get_server_message (other));
  g_assert_nonnull (mfm_error_get_sentence (other));

  /* Cancelling has one code, GIO's, and a sentence of its own. */
  g_assert_cmpstr (mfm_error_get_sentence (cancelled), ==, _("The operation was cancelled."));
  g_assert_false (mfm_error_is_refusal (cancelled));
  g_assert_false (mfm_error_is_transient (cancelled));
}

/* Only an error Micetro sent is a refusal; a web server's error page, no answer or an
 * unreadable one is not, and its sentence does not say "refused". */
static void
test_error_refusal (void)
{
  g_autoptr(GError) api = mfm_error_new_api (MFM_ERROR_SERVER, 19, "Simulated failure");
  g_autoptr(GError) page = g_error_new (MFM_ERROR, MFM_ERROR_SERVER, "HTTP 502 Bad Gateway");
  g_autoptr(GError) forbidden = g_error_new (MFM_ERROR, MFM_ERROR_PERMISSION, "HTTP 403 Forbidden");
  g_autoptr(GError) credentials = mfm_error_new_api (MFM_ERROR_BAD_CREDENTIALS, 16394, "Invalid");
  g_autoptr(GError) timeout = g_error_new (MFM_ERROR, MFM_ERROR_TIMEOUT, "No answer");
  g_autoptr(GError) protocol = g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL, "[not JSON");
  g_autoptr(GError) other = g_error_new (G_IO_ERROR, G_IO_ERROR_FAILED, "[1] whatever");

  g_assert_true (mfm_error_is_refusal (api));
  g_assert_true (mfm_error_is_refusal (forbidden));
  g_assert_true (mfm_error_is_refusal (credentials));
  g_assert_false (mfm_error_is_refusal (page));
  g_assert_false (mfm_error_is_refusal (timeout));
  g_assert_false (mfm_error_is_refusal (protocol));
  g_assert_false (mfm_error_is_refusal (other));
  g_assert_false (mfm_error_is_refusal (NULL));

  g_assert_cmpstr (mfm_error_get_sentence (page), !=, mfm_error_get_sentence (api));
  g_assert_null (strstr (mfm_error_get_sentence (page), "refused"));
  g_assert_true (g_str_has_suffix (mfm_error_get_sentence (page), "."));
  for (int code = MFM_ERROR_NETWORK; code <= MFM_ERROR_SERVER_FAILURE; code++)
    {
      g_autoptr(GError) error = mfm_error_new_api (code, 1, "detail");

      g_assert_cmpstr (mfm_error_get_sentence (error), !=, mfm_error_get_sentence (page));
    }
}

/* The code and the server's words travel with the error, copies included; text that merely
 * looks like Micetro's is not read back as an answer. */
static void
test_error_extended (void)
{
  g_autoptr(GError) refused = mfm_error_new_api (MFM_ERROR_PERMISSION, 1028, "Access denied");
  g_autoptr(GError) copy = g_error_copy (refused);
  g_autoptr(GError) lookalike = g_error_new_literal (MFM_ERROR, MFM_ERROR_SERVER, "[19] No");
  g_autoptr(GError) huge = mfm_error_new_api (MFM_ERROR_SERVER, G_GINT64_CONSTANT (1) << 40, "Big");
  g_autoptr(GError) silent = mfm_error_new_api (MFM_ERROR_SERVER, 0, NULL);

  g_assert_cmpstr (refused->message, ==, "[1028] Access denied");
  g_assert_cmpint (mfm_error_get_api_code (copy), ==, 1028);
  g_assert_cmpstr (mfm_error_get_server_message (copy), ==, "Access denied");
  g_assert_true (mfm_error_is_refusal (copy));
  g_clear_error (&refused);
  g_assert_cmpstr (mfm_error_get_server_message (copy), ==, "Access denied");

  g_assert_cmpint (mfm_error_get_api_code (lookalike), ==, 0);
  g_assert_null (mfm_error_get_server_message (lookalike));
  g_assert_false (mfm_error_is_refusal (lookalike));
  g_assert_true (mfm_error_is_transient (lookalike));

  /* A code beyond an int is no code, but still Micetro's answer. */
  g_assert_cmpint (mfm_error_get_api_code (huge), ==, 0);
  g_assert_true (mfm_error_is_refusal (huge));
  g_assert_true (mfm_error_is_refusal (silent));
  g_assert_null (mfm_error_get_server_message (silent));
  g_assert_cmpstr (silent->message, ==, "[0] ");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/api-log/redact", test_redact);
  g_test_add_func ("/api-log/ring", test_ring);
  g_test_add_func ("/api-log/byte-cap", test_byte_cap);
  g_test_add_func ("/api-log/evicted-in-thread", test_evicted_in_thread);
  g_test_add_func ("/api-log/entry", test_entry);
  g_test_add_func ("/api-log/entry-redacted", test_entry_redacted);
  g_test_add_func ("/error/sentences", test_error_sentences);
  g_test_add_func ("/error/refusal", test_error_refusal);
  g_test_add_func ("/error/extended", test_error_extended);

  return g_test_run ();
}
