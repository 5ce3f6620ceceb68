/* bench-client.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long MfmClient takes, and how much memory it needs, to fetch and build every server and
 * relationship of a large Micetro (10,000 servers, 5,000 relationships, 50,000 scopes), next
 * to a minimal baseline that sends the same HTTP requests and parses the same JSON without
 * building any object. Prints figures and ratios; never fails on time.
 *
 *   bench-client [URL]   URL of a running simulator (admin/admin); without it the
 *                        mfm-simulator named by $MFM_SIMULATOR is started, or else an
 *                        in-process simulator (then the memory figures include it). */

#include "config.h"

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "mfm-client.h"
#include "mfm-simulator.h"
#include "mfm-wire.h"

#define N_SERVERS       10000
#define N_RELATIONSHIPS 5000
#define N_SCOPES        50000
#define ROUNDS          5

/* ---------------------------------------------------------------------------------------- */
/* Memory: VmHWM since the last reset through /proc/self/clear_refs                           */

static gboolean can_reset_peak;

static guint64
read_status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, field);
  if (line == NULL)
    return 0;
  return g_ascii_strtoull (line + strlen (field), NULL, 10);
}

/* "5" resets the peak to the current RSS (Linux 4.0+); written in place, not replaced. */
static void
reset_peak (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");

  can_reset_peak = file != NULL && fputs ("5", file) >= 0;
  if (file != NULL && fclose (file) != 0)
    can_reset_peak = FALSE;
}

/* ---------------------------------------------------------------------------------------- */

static void
wait_until (gboolean *done)
{
  while (!*done)
    g_main_context_iteration (NULL, TRUE);
}

typedef struct
{
  double   wall_ms;
  double   cpu_ms;
  double   peak_mib;
  double   growth_mib;
  double   inventory_ms;
  guint    n_servers;
  guint    n_relationships;
} Figures;

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
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
} Baseline;

typedef void (*BaselineHandler) (Baseline *baseline, JsonNode *result);

typedef struct
{
  Baseline        *baseline;
  BaselineHandler  handler;
  SoupMessage     *message;
} BaselineCall;

static void
baseline_sent (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  BaselineCall *call = user_data;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    g_error ("Baseline request failed: %s", error->message);

  node = mfm_wire_parse_response (g_bytes_get_data (body, NULL), g_bytes_get_size (body),
                                  soup_message_get_status (call->message), &error);
  if (node == NULL)
    g_error ("Baseline answer refused: %s", error->message);

  call->handler (call->baseline, node);
  g_object_unref (call->message);
  g_free (call);
}

static void
baseline_post (Baseline        *baseline,
               const char      *method,
               JsonObject      *params,
               BaselineHandler  handler)
{
  BaselineCall *call = g_new0 (BaselineCall, 1);
  gsize length;
  char *text = mfm_wire_build_request (method, params, baseline->session, ++baseline->next_id,
                                       &length);
  g_autoptr(GBytes) bytes = g_bytes_new_take (text, length);

  call->baseline = baseline;
  call->handler = handler;
  call->message = soup_message_new (SOUP_METHOD_POST, baseline->endpoint);
  soup_message_set_request_body_from_bytes (call->message, "application/json", bytes);
  soup_session_send_and_read_async (baseline->soup, call->message, G_PRIORITY_DEFAULT, NULL,
                                    baseline_sent, call);
}

static void baseline_next_pages (Baseline *baseline);

static void
baseline_check_done (Baseline *baseline)
{
  baseline->done = baseline->servers_done && baseline->relationships_done;
}

static void
baseline_page (Baseline *baseline,
               JsonNode *result)
{
  guint n = 0, total = 0;
  g_autoptr(GError) error = NULL;

  if (!mfm_wire_count_list_result (result, MFM_WIRE_RESULT_SERVERS, &n, &total, &error))
    g_error ("Baseline page: %s", error->message);

  baseline->outstanding--;
  baseline->n_servers += n;
  baseline->total = total;
  baseline_next_pages (baseline);
  if (baseline->outstanding == 0 && baseline->next_offset >= baseline->total)
    {
      baseline->servers_done = TRUE;
      baseline_check_done (baseline);
    }
}

static void
baseline_next_pages (Baseline *baseline)
{
  while (baseline->outstanding < MFM_MAX_IN_FLIGHT && baseline->next_offset < baseline->total)
    {
      g_autoptr(JsonObject) params = json_object_new ();

      json_object_set_int_member (params, MFM_WIRE_PARAM_OFFSET, baseline->next_offset);
      json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, MFM_PAGE_SIZE);
      baseline->next_offset += MFM_PAGE_SIZE;
      baseline->outstanding++;
      baseline_post (baseline, MFM_WIRE_GET_SERVERS, params, baseline_page);
      /* Until the first page tells the total, one at a time. */
      if (baseline->total == G_MAXUINT)
        break;
    }
}

static void
baseline_relationships (Baseline *baseline,
                        JsonNode *result)
{
  g_autoptr(GError) error = NULL;

  if (!mfm_wire_count_list_result (result, MFM_WIRE_RESULT_RELATIONSHIPS,
                                   &baseline->n_relationships, NULL, &error))
    g_error ("Baseline relationships: %s", error->message);
  baseline->relationships_done = TRUE;
  baseline_check_done (baseline);
}

static void
baseline_login (Baseline *baseline,
                JsonNode *result)
{
  g_autoptr(GError) error = NULL;

  baseline->session = mfm_wire_session_from_result (result, &error);
  if (baseline->session == NULL)
    g_error ("Baseline login: %s", error->message);
  baseline->login_done = TRUE;
}

static Figures
run_baseline (const char *url)
{
  Baseline baseline = { 0 };
  g_autoptr(JsonObject) login = json_object_new ();
  Figures figures = { 0 };
  guint64 rss_before;
  gint64 start;

  baseline.soup = soup_session_new_with_options ("max-conns-per-host", MFM_MAX_IN_FLIGHT, NULL);
  baseline.endpoint = g_strconcat (url, MFM_WIRE_ENDPOINT, NULL);
  json_object_set_string_member (login, MFM_WIRE_PARAM_LOGIN_NAME, "admin");
  json_object_set_string_member (login, MFM_WIRE_PARAM_PASSWORD, "admin");
  json_object_set_string_member (login, MFM_WIRE_PARAM_SERVER, "127.0.0.1");
  baseline_post (&baseline, MFM_WIRE_LOGIN, login, baseline_login);
  wait_until (&baseline.login_done);

  rss_before = read_status_kib ("VmRSS:");
  reset_peak ();
  start = g_get_monotonic_time ();
  figures.cpu_ms = cpu_ms ();

  baseline.total = G_MAXUINT;
  baseline_next_pages (&baseline);
  baseline_post (&baseline, MFM_WIRE_GET_RELATIONSHIPS, NULL, baseline_relationships);
  wait_until (&baseline.done);

  figures.wall_ms = (g_get_monotonic_time () - start) / 1000.0;
  figures.cpu_ms = cpu_ms () - figures.cpu_ms;
  figures.peak_mib = read_status_kib ("VmHWM:") / 1024.0;
  figures.growth_mib = figures.peak_mib - rss_before / 1024.0;
  figures.n_servers = baseline.n_servers;
  figures.n_relationships = baseline.n_relationships;

  g_object_unref (baseline.soup);
  g_free (baseline.endpoint);
  g_free (baseline.session);
  return figures;
}

/* ---------------------------------------------------------------------------------------- */
/* The real client                                                                           */

typedef struct
{
  GPtrArray *servers;
  GPtrArray *relationships;
  gboolean   servers_done;
  gboolean   relationships_done;
  gboolean   done;
  gboolean   login_done;
} ClientRun;

static void
client_login_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClientRun *run = user_data;
  g_autoptr(GError) error = NULL;

  if (!mfm_client_login_finish (MFM_CLIENT (source), result, &error))
    g_error ("Login failed: %s", error->message);
  run->login_done = TRUE;
}

static void
client_servers_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  ClientRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->servers = mfm_client_get_servers_finish (MFM_CLIENT (source), result, &error);
  if (run->servers == NULL)
    g_error ("GetDHCPServers failed: %s", error->message);
  run->servers_done = TRUE;
  run->done = run->servers_done && run->relationships_done;
}

static void
client_relationships_done (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  ClientRun *run = user_data;
  g_autoptr(GError) error = NULL;

  run->relationships = mfm_client_get_relationships_finish (MFM_CLIENT (source), result, &error);
  if (run->relationships == NULL)
    g_error ("GetDHCPFailoverRelationships failed: %s", error->message);
  run->relationships_done = TRUE;
  run->done = run->servers_done && run->relationships_done;
}

static Figures
run_client (const char *url)
{
  g_autoptr(MfmClient) client = mfm_client_new (url);
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  ClientRun run = { 0 };
  Figures figures = { 0 };
  guint64 rss_before;
  gint64 start;

  mfm_client_login_async (client, "admin", "admin", NULL, client_login_done, &run);
  wait_until (&run.login_done);

  rss_before = read_status_kib ("VmRSS:");
  reset_peak ();
  start = g_get_monotonic_time ();
  figures.cpu_ms = cpu_ms ();

  mfm_client_get_servers_async (client, NULL, NULL, client_servers_done, &run);
  mfm_client_get_relationships_async (client, NULL, NULL, client_relationships_done, &run);
  wait_until (&run.done);

  figures.wall_ms = (g_get_monotonic_time () - start) / 1000.0;
  figures.cpu_ms = cpu_ms () - figures.cpu_ms;
  figures.peak_mib = read_status_kib ("VmHWM:") / 1024.0;
  figures.growth_mib = figures.peak_mib - rss_before / 1024.0;
  figures.n_servers = run.servers->len;
  figures.n_relationships = run.relationships->len;

  /* What a refresh adds on top: filling the inventory the views show. */
  start = g_get_monotonic_time ();
  mfm_inventory_replace_servers (inventory, run.servers);
  mfm_inventory_replace_relationships (inventory, run.relationships);
  mfm_inventory_update_counts (inventory);
  figures.inventory_ms = (g_get_monotonic_time () - start) / 1000.0;

  g_ptr_array_unref (run.servers);
  g_ptr_array_unref (run.relationships);
  return figures;
}

/* ---------------------------------------------------------------------------------------- */

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return values[n / 2];
}

static double
maximum (double *values,
         guint   n)
{
  double max = values[0];

  for (guint i = 1; i < n; i++)
    max = MAX (max, values[i]);
  return max;
}

static GSubprocess *
spawn_simulator (const char  *program,
                 char       **url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *generate = g_strdup_printf ("%u,%u,%u", N_SERVERS, N_RELATIONSHIPS, N_SCOPES);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, program, "--port", "0",
                              "--generate", generate, "--seed", "1", NULL);
  if (process == NULL)
    return NULL;

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error);
  if (line == NULL || !g_str_has_prefix (line, "listening on "))
    {
      g_printerr ("mfm-simulator did not start: %s\n", error ? error->message : line);
      g_subprocess_force_exit (process);
      g_object_unref (process);
      return NULL;
    }

  *url = g_strdup (line + strlen ("listening on "));
  return process;
}

/* Each measurement runs in a fresh process of its own, so that neither side inherits the
 * other's heap and the peak RSS is really that side's. */
static Figures
measure_in_child (const char *self_path,
                  const char *phase,
                  const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *output = NULL;
  g_autofree char *phase_arg = g_strdup_printf ("--phase=%s", phase);
  Figures figures = { 0 };

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, phase_arg, url,
                            NULL);
  if (child == NULL || !g_subprocess_communicate_utf8 (child, NULL, NULL, &output, NULL, &error))
    g_error ("The %s measurement did not run: %s", phase, error->message);
  if (!g_subprocess_get_successful (child) ||
      sscanf (output, "%lf %lf %lf %lf %lf %u %u", &figures.wall_ms, &figures.cpu_ms,
              &figures.peak_mib, &figures.growth_mib, &figures.inventory_ms,
              &figures.n_servers, &figures.n_relationships) != 7)
    g_error ("The %s measurement failed: %s", phase, output);

  return figures;
}

static int
run_phase (const char *phase,
           const char *url)
{
  Figures figures;

  if (g_str_equal (phase, "baseline"))
    figures = run_baseline (url);
  else
    figures = run_client (url);

  if (!can_reset_peak)
    figures.growth_mib = -1;
  g_print ("%.3f %.3f %.3f %.3f %.3f %u %u\n", figures.wall_ms, figures.cpu_ms,
           figures.peak_mib, figures.growth_mib, figures.inventory_ms, figures.n_servers,
           figures.n_relationships);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MfmSimulator) sim = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autofree char *url = NULL;
  g_autofree char *self_path = NULL;
  const char *program = g_getenv ("MFM_SIMULATOR");
  const char *where;
  double b_wall[ROUNDS], c_wall[ROUNDS], b_cpu[ROUNDS], c_cpu[ROUNDS];
  double b_peak[ROUNDS], c_peak[ROUNDS], b_growth[ROUNDS], c_growth[ROUNDS];
  double inventory_ms[ROUNDS];
  Figures base = { 0 }, client = { 0 };

  if (argc == 3 && g_str_has_prefix (argv[1], "--phase="))
    return run_phase (argv[1] + strlen ("--phase="), argv[2]);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  if (argc > 1)
    {
      url = g_strdup (argv[1]);
      where = "the simulator at that URL";
    }
  else if (program != NULL && g_file_test (program, G_FILE_TEST_IS_EXECUTABLE) &&
           (process = spawn_simulator (program, &url)) != NULL)
    {
      where = "mfm-simulator in its own process";
    }
  else
    {
      g_autoptr(GError) error = NULL;

      sim = mfm_simulator_new ();
      mfm_simulator_generate (sim, N_SERVERS, N_RELATIONSHIPS, N_SCOPES, 1);
      if (!mfm_simulator_start (sim, 0, &error))
        g_error ("The simulator did not start: %s", error->message);
      url = g_strdup (mfm_simulator_get_url (sim));
      where = "a simulator in this process";
    }

  g_print ("Fetching %u servers and %u relationships (%u scopes in the estate) from %s;\n"
           "each side in a fresh process, one warm-up round, then %u rounds:\n"
           "medians (peak RSS: the largest).\n\n",
           N_SERVERS, N_RELATIONSHIPS, N_SCOPES, where, ROUNDS);

  /* One round first that is not counted: the server's first answers are slower. */
  measure_in_child (self_path, "baseline", url);
  measure_in_child (self_path, "client", url);

  /* Alternate, so neither side always runs against a warmer server. */
  for (guint i = 0; i < ROUNDS; i++)
    {
      base = measure_in_child (self_path, "baseline", url);
      client = measure_in_child (self_path, "client", url);
      b_wall[i] = base.wall_ms;
      c_wall[i] = client.wall_ms;
      b_cpu[i] = base.cpu_ms;
      c_cpu[i] = client.cpu_ms;
      b_peak[i] = base.peak_mib;
      c_peak[i] = client.peak_mib;
      b_growth[i] = base.growth_mib;
      c_growth[i] = client.growth_mib;
      inventory_ms[i] = client.inventory_ms;

      if (base.n_servers != client.n_servers || base.n_relationships != client.n_relationships)
        g_error ("The baseline saw %u/%u, the client %u/%u", base.n_servers,
                 base.n_relationships, client.n_servers, client.n_relationships);
    }

  {
    double bw = median (b_wall, ROUNDS), cw = median (c_wall, ROUNDS);
    double bc = median (b_cpu, ROUNDS), cc = median (c_cpu, ROUNDS);
    double bp = maximum (b_peak, ROUNDS), cp = maximum (c_peak, ROUNDS);
    double bg = median (b_growth, ROUNDS), cg = median (c_growth, ROUNDS);

    g_print ("%-36s %10s %10s %15s %17s\n", "", "wall (ms)", "CPU (ms)", "peak RSS (MiB)",
             "RSS growth (MiB)");
    g_print ("%-36s %10.1f %10.1f %15.1f %17.1f\n", "baseline: same HTTP + JSON parse",
             bw, bc, bp, bg);
    g_print ("%-36s %10.1f %10.1f %15.1f %17.1f\n", "client: MfmServer, MfmRelationship",
             cw, cc, cp, cg);
    g_print ("%-36s %9.2fx %9.2fx %14.2fx %16.2fx\n", "ratio client / baseline",
             cw / bw, cc / bc, cp / bp, bg > 0 ? cg / bg : 0.0);
    g_print ("%-36s %10.1f\n", "then into an MfmInventory", median (inventory_ms, ROUNDS));
    g_print ("\n%u servers and %u relationships each round. Aim: the client within 1.5x of the "
             "baseline.\nCPU is this side's own; with the simulator in this process it "
             "includes the server's work too.\n", client.n_servers, client.n_relationships);
  }

  if (process != NULL)
    {
      g_subprocess_send_signal (process, SIGTERM);
      g_subprocess_wait (process, NULL, NULL);
    }
  if (sim != NULL)
    mfm_simulator_stop (sim);

  return 0;
}
