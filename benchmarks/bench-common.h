/* bench-common.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* What the benchmarks share: the figure line every benchmark prints, instruction counts
 * through callgrind where valgrind is installed, a meter of the longest main-loop stall, a
 * simulator in its own process, and the baseline of loading (the same HTTP requests, the JSON
 * parsed and counted, no object built). Static functions: each benchmark is one file. */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#ifdef __has_include
# if __has_include(<valgrind/callgrind.h>)
#  include <valgrind/callgrind.h>
#  define BENCH_HAVE_CALLGRIND 1
# endif
#endif
#ifndef BENCH_HAVE_CALLGRIND
# define CALLGRIND_START_INSTRUMENTATION
# define CALLGRIND_STOP_INSTRUMENTATION
# define RUNNING_ON_VALGRIND 0
#endif

#include "mfm-client.h"
#include "mfm-wire.h"

/* ---------------------------------------------------------------------------------------- */
/* Figures                                                                                   */

/* NAME: VALUE UNIT (baseline NAME VALUE UNIT, ratio R) */
static inline void
bench_figure (const char *name,
              double      value,
              const char *unit,
              const char *baseline_name,
              double      baseline_value,
              const char *baseline_unit)
{
  g_print ("%s: %.1f %s (baseline %s %.1f %s, ratio %.2f)\n", name, value, unit, baseline_name,
           baseline_value, baseline_unit, baseline_value > 0 ? value / baseline_value : 0.0);
}

static inline int
bench_compare_doubles (gconstpointer a,
                       gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static inline double
bench_median (double *values,
              guint   n)
{
  qsort (values, n, sizeof *values, bench_compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/* ---------------------------------------------------------------------------------------- */
/* The longest main-loop stall                                                               */

/* A 2 ms heartbeat at default priority: the most CPU time the main thread spent between two
 * beats is the longest time anything held the main loop (a parse, a splice, a layout, a
 * frame). CPU time of the thread, not wall time: on a busy machine the thread also waits for
 * a core, which is not the application's doing. */
typedef struct
{
  gint64 last;
  gint64 longest;
  guint  id;
} BenchStallMeter;

static inline gint64
bench_thread_cpu_us (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return (gint64) now.tv_sec * G_USEC_PER_SEC + now.tv_nsec / 1000;
}

static gboolean
bench_stall_beat (gpointer user_data)
{
  BenchStallMeter *meter = user_data;
  gint64 now = bench_thread_cpu_us ();

  meter->longest = MAX (meter->longest, now - meter->last);
  meter->last = now;
  return G_SOURCE_CONTINUE;
}

static inline void
bench_stall_start (BenchStallMeter *meter)
{
  meter->last = bench_thread_cpu_us ();
  meter->longest = 0;
  meter->id = g_timeout_add (2, bench_stall_beat, meter);
}

/* Milliseconds. */
static inline double
bench_stall_stop (BenchStallMeter *meter)
{
  bench_stall_beat (meter);
  g_source_remove (meter->id);
  return meter->longest / 1000.0;
}

/* ---------------------------------------------------------------------------------------- */
/* Children: every measurement in a fresh process, instruction counts under callgrind         */

/* The largest estate measured in instructions too (callgrind runs some 50 times slower):
 * $BENCH_INSTRUCTIONS_UP_TO, or @fallback. */
static inline guint
bench_instruction_max_size (guint fallback)
{
  const char *text = g_getenv ("BENCH_INSTRUCTIONS_UP_TO");

  return text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : fallback;
}

static inline gboolean
bench_have_valgrind (void)
{
#ifdef BENCH_HAVE_CALLGRIND
  g_autofree char *path = g_find_program_in_path ("valgrind");

  return path != NULL && g_getenv ("BENCH_NO_VALGRIND") == NULL;
#else
  return FALSE;
#endif
}

/* The instructions callgrind counted between CALLGRIND_START_INSTRUMENTATION and _STOP. */
static inline double
bench_read_callgrind_total (const char *path)
{
  g_autofree char *text = NULL;
  const char *line;

  if (!g_file_get_contents (path, &text, NULL, NULL))
    return 0;
  /* "summary:" stays 0 when instrumentation starts late; "totals:" has the count. */
  line = strstr (text, "\ntotals: ");
  if (line == NULL)
    line = strstr (text, "\nsummary: ");
  if (line == NULL)
    return 0;
  return g_ascii_strtod (strchr (line, ':') + 1, NULL);
}

/* Runs @argv (NULL-terminated) and returns its standard output; under callgrind when
 * @instructions is not NULL, which gets the count of the measured part. */
static inline char *
bench_run_child (const char * const *argv,
                 double             *instructions)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *out_file = NULL;
  g_autofree char *out_arg = NULL;
  char *output = NULL;

  if (instructions != NULL)
    {
      int fd = g_file_open_tmp ("bench-callgrind-XXXXXX", &out_file, &error);

      if (fd < 0)
        g_error ("No temporary file: %s", error->message);
      close (fd);
      out_arg = g_strdup_printf ("--callgrind-out-file=%s", out_file);
      g_ptr_array_add (args, (gpointer) "valgrind");
      g_ptr_array_add (args, (gpointer) "--tool=callgrind");
      g_ptr_array_add (args, (gpointer) "--instr-atstart=no");
      g_ptr_array_add (args, (gpointer) "--quiet");
      g_ptr_array_add (args, out_arg);
    }
  for (guint i = 0; argv[i] != NULL; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);

  child = g_subprocess_newv ((const char * const *) args->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                             &error);
  if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error))
    g_error ("%s did not run: %s", argv[0], error->message);
  if (!g_subprocess_get_successful (child))
    g_error ("%s %s failed: %s", argv[0], argv[1], output);

  if (instructions != NULL)
    {
      *instructions = bench_read_callgrind_total (out_file);
      g_unlink (out_file);
    }
  return output;
}

/* The value of "KEY VALUE" in a child's output; 0 when it is not there. */
static inline double
bench_value (const char *output,
             const char *key)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  gsize length = strlen (key);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strncmp (lines[i], key, length) == 0 && lines[i][length] == ' ')
      return g_ascii_strtod (lines[i] + length + 1, NULL);
  return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* The simulator in its own process                                                          */

typedef struct
{
  GSubprocess *process;
  char        *url;
} BenchSimulator;

/* An estate of @n_servers (half as many relationships, twice as many scopes); SIGUSR1 adds
 * @grow servers (0: none). */
static inline gboolean
bench_simulator_start (BenchSimulator *sim,
                       guint           n_servers,
                       guint           grow)
{
  const char *program = g_getenv ("MFM_SIMULATOR");
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *generate = g_strdup_printf ("%u,%u,%u", n_servers, n_servers / 2, n_servers * 2);
  g_autofree char *grow_text = g_strdup_printf ("%u", grow);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;

  if (program == NULL || !g_file_test (program, G_FILE_TEST_IS_EXECUTABLE))
    return FALSE;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (grow > 0)
    g_subprocess_launcher_setenv (launcher, "MFM_SIMULATOR_GROW", grow_text, TRUE);
  sim->process = g_subprocess_launcher_spawn (launcher, &error, program, "--port", "0",
                                              "--generate", generate, "--seed", "1", NULL);
  if (sim->process == NULL)
    return FALSE;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (sim->process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    {
      g_printerr ("mfm-simulator did not start: %s\n", error ? error->message : line);
      g_subprocess_force_exit (sim->process);
      g_clear_object (&sim->process);
      return FALSE;
    }

  sim->url = g_strdup (line + strlen ("listening on "));
  return TRUE;
}

static inline void
bench_simulator_stop (BenchSimulator *sim)
{
  if (sim->process != NULL)
    {
      g_subprocess_send_signal (sim->process, SIGTERM);
      g_subprocess_wait (sim->process, NULL, NULL);
    }
  g_clear_object (&sim->process);
  g_clear_pointer (&sim->url, g_free);
}

/* ---------------------------------------------------------------------------------------- */
/* Baseline: the same requests, JSON parsed and counted, no objects                          */

typedef struct
{
  SoupSession *soup;
  char        *endpoint;
  char        *session;
  gint64       next_id;
  guint        total;
  guint        next_offset;
  guint        outstanding;
  guint        n_servers;
  guint        n_relationships;
  gboolean     servers_done;
  gboolean     relationships_done;
  gboolean     done;
  gboolean     login_done;
} BenchBaseline;

typedef void (*BenchBaselineHandler) (BenchBaseline *baseline, JsonNode *result);

typedef struct
{
  BenchBaseline        *baseline;
  BenchBaselineHandler  handler;
  SoupMessage          *message;
} BenchBaselineCall;

static void
bench_baseline_sent (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  BenchBaselineCall *call = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    g_error ("Baseline request failed: %s", error->message);

  /* json-glib's own parse is the reference, not the client's faster reader. */
  node = mfm_wire_parse_response_json_glib (g_bytes_get_data (body, NULL),
                                            g_bytes_get_size (body),
                                            soup_message_get_status (call->message), &error);
  if (node == NULL)
    g_error ("Baseline answer refused: %s", error->message);

  call->handler (call->baseline, node);
  g_object_unref (call->message);
  g_free (call);
}

static void
bench_baseline_post (BenchBaseline        *baseline,
                     const char           *method,
                     JsonObject           *params,
                     BenchBaselineHandler  handler)
{
  BenchBaselineCall *call = g_new0 (BenchBaselineCall, 1);
  gsize length;
  char *text = mfm_wire_build_request (method, params, baseline->session, ++baseline->next_id,
                                       &length);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, length);

  call->baseline = baseline;
  call->handler = handler;
  call->message = soup_message_new (SOUP_METHOD_POST, baseline->endpoint);
  soup_message_set_request_body_from_bytes (call->message, "application/json", bytes);
  soup_session_send_and_read_async (baseline->soup, call->message, G_PRIORITY_DEFAULT, NULL,
                                    bench_baseline_sent, call);
}

static void bench_baseline_next_pages (BenchBaseline *baseline);

static void
bench_baseline_page (BenchBaseline *baseline,
                     JsonNode      *result)
{
  guint n = 0, total = 0;
  g_autoptr(GError) error = NULL;

  if (!mfm_wire_count_list_result (result, MFM_WIRE_RESULT_SERVERS, &n, &total, &error))
    g_error ("Baseline page: %s", error->message);

  baseline->outstanding--;
  baseline->n_servers += n;
  baseline->total = total;
  bench_baseline_next_pages (baseline);
  if (baseline->outstanding == 0 && baseline->next_offset >= baseline->total)
    {
      baseline->servers_done = TRUE;
      baseline->done = baseline->servers_done && baseline->relationships_done;
    }
}

static void
bench_baseline_next_pages (BenchBaseline *baseline)
{
  while (baseline->outstanding < MFM_MAX_IN_FLIGHT && baseline->next_offset < baseline->total)
    {
      g_autoptr(JsonObject) params = json_object_new ();

      json_object_set_int_member (params, MFM_WIRE_PARAM_OFFSET, baseline->next_offset);
      json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, MFM_PAGE_SIZE);
      baseline->next_offset += MFM_PAGE_SIZE;
      baseline->outstanding++;
      bench_baseline_post (baseline, MFM_WIRE_GET_SERVERS, params, bench_baseline_page);
      /* Until the first page tells the total, one at a time. */
      if (baseline->total == G_MAXUINT)
        break;
    }
}

static void
bench_baseline_relationships (BenchBaseline *baseline,
                              JsonNode      *result)
{
  g_autoptr(GError) error = NULL;

  if (!mfm_wire_count_list_result (result, MFM_WIRE_RESULT_RELATIONSHIPS,
                                   &baseline->n_relationships, NULL, &error))
    g_error ("Baseline relationships: %s", error->message);
  baseline->relationships_done = TRUE;
  baseline->done = baseline->servers_done && baseline->relationships_done;
}

static void
bench_baseline_login (BenchBaseline *baseline,
                      JsonNode      *result)
{
  g_autoptr(GError) error = NULL;

  baseline->session = mfm_wire_session_from_result (result, &error);
  if (baseline->session == NULL)
    g_error ("Baseline login: %s", error->message);
  baseline->login_done = TRUE;
}

static inline void
bench_wait_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

static inline void
bench_baseline_login_to (BenchBaseline *baseline,
                         const char    *url)
{
  g_autoptr(JsonObject) login = json_object_new ();

  baseline->soup = soup_session_new_with_options ("max-conns-per-host", MFM_MAX_IN_FLIGHT, NULL);
  baseline->endpoint = g_strconcat (url, MFM_WIRE_ENDPOINT, NULL);
  json_object_set_string_member (login, MFM_WIRE_PARAM_LOGIN_NAME, "admin");
  json_object_set_string_member (login, MFM_WIRE_PARAM_PASSWORD, "admin");
  json_object_set_string_member (login, MFM_WIRE_PARAM_SERVER, "127.0.0.1");
  bench_baseline_post (baseline, MFM_WIRE_LOGIN, login, bench_baseline_login);
  bench_wait_until (&baseline->login_done);
}

/* Every server page and the relationships, parsed and counted. */
static inline void
bench_baseline_fetch (BenchBaseline *baseline)
{
  baseline->total = G_MAXUINT;
  baseline->next_offset = 0;
  baseline->n_servers = 0;
  baseline->servers_done = baseline->relationships_done = baseline->done = FALSE;
  bench_baseline_next_pages (baseline);
  bench_baseline_post (baseline, MFM_WIRE_GET_RELATIONSHIPS, NULL, bench_baseline_relationships);
  bench_wait_until (&baseline->done);
}

static inline void
bench_baseline_clear (BenchBaseline *baseline)
{
  g_clear_object (&baseline->soup);
  g_clear_pointer (&baseline->endpoint, g_free);
  g_clear_pointer (&baseline->session, g_free);
}
