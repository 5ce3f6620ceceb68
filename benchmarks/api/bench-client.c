/* bench-client.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long MfmClient takes, and how much memory it needs, to fetch and build every server and
 * relationship of estates of 1,000, 10,000 and 100,000 servers (half as many relationships),
 * next to a minimal baseline that sends the same HTTP requests and parses the same JSON
 * without building any object; then what filling an MfmInventory adds. mfm-simulator serves
 * from its own process; every measurement runs in a fresh process; where valgrind is
 * installed, the smaller estates are measured in instructions too. Then the API log after
 * several loads (what an auto-refresh does every 30 s) against its byte cap: the bytes the log
 * counts for its cap, and the heap its entries free when it is cleared. Prints figures; never
 * fails on time.
 *
 *   BENCH_SIZES=1000,10000        other estate sizes
 *   BENCH_INSTRUCTIONS_UP_TO=N    instruction counts up to N servers (10000; 0: none) */

#include "config.h"

#include <malloc.h>
#include <sys/resource.h>

#include "../bench-common.h"
#include "mfm-client.h"
#include "mfm-inventory.h"

/* ---------------------------------------------------------------------------------------- */
/* One measurement (the child)                                                               */

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

/* "5" resets the peak to the current RSS (Linux 4.0+). */
static void
reset_peak (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");

  if (file != NULL)
    {
      fputs ("5", file);
      fclose (file);
    }
}

static double
cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec * 1000.0 + usage.ru_utime.tv_usec / 1000.0 +
         usage.ru_stime.tv_sec * 1000.0 + usage.ru_stime.tv_usec / 1000.0;
}

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

/* How many loads the API log figure takes: the 500 entries fill at 100,000 servers (125 a
 * load) after four. */
#define LOG_LOADS 5

static void
client_load (MfmClient *client,
             ClientRun *run)
{
  run->servers_done = run->relationships_done = run->done = FALSE;
  mfm_client_get_servers_async (client, NULL, NULL, client_servers_done, run);
  mfm_client_get_relationships_async (client, NULL, NULL, client_relationships_done, run);
  bench_wait_until (&run->done);
}

/* The API log after LOG_LOADS loads: the bytes it counts for its cap, and the heap that clearing
 * it gives back (every entry and body; the objects of the loads are freed before). */
static int
run_log_phase (const char *url)
{
  g_autoptr(MfmClient) client = mfm_client_new (url);
  MfmApiLog *log = mfm_client_get_api_log (client);
  ClientRun run = { 0 };
  gsize counted, heap_before;
  guint n_entries;

  mfm_client_login_async (client, "admin", "admin", NULL, client_login_done, &run);
  bench_wait_until (&run.login_done);

  for (guint i = 0; i < LOG_LOADS; i++)
    {
      client_load (client, &run);
      g_clear_pointer (&run.servers, g_ptr_array_unref);
      g_clear_pointer (&run.relationships, g_ptr_array_unref);
    }

  counted = mfm_api_log_get_n_bytes (log);
  n_entries = g_list_model_get_n_items (G_LIST_MODEL (log));
  malloc_trim (0);
  heap_before = mallinfo2 ().uordblks;
  mfm_api_log_clear (log);
  malloc_trim (0);

  g_print ("log_counted_mib %.3f\nlog_heap_mib %.3f\nlog_entries %u\n", counted / 1048576.0,
           ((double) heap_before - (double) mallinfo2 ().uordblks) / 1048576.0, n_entries);
  return 0;
}

static int
run_phase (const char *phase,
           const char *url)
{
  BenchStallMeter stall;
  guint64 rss_before;
  gint64 start;
  double wall_ms, cpu, stall_ms, growth_mib, inventory_ms = 0;
  guint n_servers, n_relationships;

  if (g_str_equal (phase, "log"))
    return run_log_phase (url);

  if (g_str_equal (phase, "baseline"))
    {
      BenchBaseline baseline = { 0 };

      bench_baseline_login_to (&baseline, url);
      rss_before = read_status_kib ("VmRSS:");
      reset_peak ();
      bench_stall_start (&stall);
      start = g_get_monotonic_time ();
      cpu = cpu_ms ();
      CALLGRIND_START_INSTRUMENTATION;
      bench_baseline_fetch (&baseline);
      CALLGRIND_STOP_INSTRUMENTATION;
      wall_ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu = cpu_ms () - cpu;
      stall_ms = bench_stall_stop (&stall);
      growth_mib = (read_status_kib ("VmHWM:") - (double) rss_before) / 1024.0;
      n_servers = baseline.n_servers;
      n_relationships = baseline.n_relationships;
      bench_baseline_clear (&baseline);
    }
  else
    {
      g_autoptr(MfmClient) client = mfm_client_new (url);
      g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
      ClientRun run = { 0 };

      mfm_client_login_async (client, "admin", "admin", NULL, client_login_done, &run);
      bench_wait_until (&run.login_done);

      rss_before = read_status_kib ("VmRSS:");
      reset_peak ();
      bench_stall_start (&stall);
      start = g_get_monotonic_time ();
      cpu = cpu_ms ();
      CALLGRIND_START_INSTRUMENTATION;
      mfm_client_get_servers_async (client, NULL, NULL, client_servers_done, &run);
      mfm_client_get_relationships_async (client, NULL, NULL, client_relationships_done, &run);
      bench_wait_until (&run.done);
      CALLGRIND_STOP_INSTRUMENTATION;
      wall_ms = (g_get_monotonic_time () - start) / 1000.0;
      cpu = cpu_ms () - cpu;
      stall_ms = bench_stall_stop (&stall);
      growth_mib = (read_status_kib ("VmHWM:") - (double) rss_before) / 1024.0;
      n_servers = run.servers->len;
      n_relationships = run.relationships->len;

      /* What a refresh adds on top: filling the inventory the views show. */
      start = g_get_monotonic_time ();
      mfm_inventory_replace_servers (inventory, run.servers);
      mfm_inventory_replace_relationships (inventory, run.relationships);
      inventory_ms = (g_get_monotonic_time () - start) / 1000.0;

      g_ptr_array_unref (run.servers);
      g_ptr_array_unref (run.relationships);
    }

  g_print ("wall_ms %.3f\ncpu_ms %.3f\nstall_ms %.3f\ngrowth_mib %.3f\ninventory_ms %.3f\n"
           "servers %u\nrelationships %u\n", wall_ms, cpu, stall_ms, growth_mib, inventory_ms,
           n_servers, n_relationships);
  return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* The whole run (the parent)                                                                */

typedef struct
{
  double wall_ms;
  double cpu_ms;
  double stall_ms;
  double growth_mib;
  double inventory_ms;
  double instructions;
  guint  n_servers;
  guint  n_relationships;
} Result;

static Result
measure (const char *self_path,
         const char *phase,
         const char *url,
         guint       rounds,
         gboolean    instructions)
{
  g_autofree char *phase_arg = g_strdup_printf ("--phase=%s", phase);
  const char *argv[] = { self_path, phase_arg, url, NULL };
  double wall[5], cpu[5], stall[5], growth[5], inventory[5];
  Result result = { 0 };

  rounds = CLAMP (rounds, 1, G_N_ELEMENTS (wall));
  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *output = bench_run_child (argv, NULL);

      wall[i] = bench_value (output, "wall_ms");
      cpu[i] = bench_value (output, "cpu_ms");
      stall[i] = bench_value (output, "stall_ms");
      growth[i] = bench_value (output, "growth_mib");
      inventory[i] = bench_value (output, "inventory_ms");
      result.n_servers = (guint) bench_value (output, "servers");
      result.n_relationships = (guint) bench_value (output, "relationships");
    }
  result.wall_ms = bench_median (wall, rounds);
  result.cpu_ms = bench_median (cpu, rounds);
  result.growth_mib = bench_median (growth, rounds);
  result.inventory_ms = bench_median (inventory, rounds);
  qsort (stall, rounds, sizeof (double), bench_compare_doubles);
  result.stall_ms = stall[rounds - 1];

  if (instructions)
    g_free (bench_run_child (argv, &result.instructions));

  return result;
}

static void
run_size (const char *self_path,
          guint       n_servers,
          gboolean    instructions)
{
  BenchSimulator sim = { 0 };
  guint rounds = n_servers >= 100000 ? 1 : 3;
  Result base, client;
  g_autofree char *load = g_strdup_printf ("client %u load", n_servers);
  g_autofree char *figure = NULL;
  g_autofree char *log_output = NULL;

  if (!bench_simulator_start (&sim, n_servers, 0))
    g_error ("bench-client needs mfm-simulator ($MFM_SIMULATOR): run it through ./run bench");

  /* One round first that is not counted: the server's first answers are slower. */
  measure (self_path, "client", sim.url, 1, FALSE);
  base = measure (self_path, "baseline", sim.url, rounds, instructions);
  client = measure (self_path, "client", sim.url, rounds, instructions);
  {
    g_autofree char *phase_arg = g_strdup ("--phase=log");
    const char *argv[] = { self_path, phase_arg, sim.url, NULL };

    log_output = bench_run_child (argv, NULL);
  }
  bench_simulator_stop (&sim);

  if (base.n_servers != client.n_servers || base.n_relationships != client.n_relationships)
    g_error ("The baseline saw %u/%u, the client %u/%u", base.n_servers,
             base.n_relationships, client.n_servers, client.n_relationships);

  g_print ("\n%u servers and %u relationships:\n", client.n_servers, client.n_relationships);
  bench_figure (load, client.wall_ms, "ms", "fetch+parse", base.wall_ms, "ms");
  figure = g_strdup_printf ("%s CPU", load);
  bench_figure (figure, client.cpu_ms, "ms", "fetch+parse", base.cpu_ms, "ms");
  if (instructions)
    {
      g_free (figure);
      figure = g_strdup_printf ("%s instructions", load);
      bench_figure (figure, client.instructions / 1e6, "M", "fetch+parse",
                    base.instructions / 1e6, "M");
    }
  g_free (figure);
  figure = g_strdup_printf ("%s memory growth", load);
  bench_figure (figure, client.growth_mib, "MiB", "fetch+parse", base.growth_mib, "MiB");
  g_free (figure);
  figure = g_strdup_printf ("%s longest main-loop stall", load);
  bench_figure (figure, client.stall_ms, "ms", "fetch+parse", base.stall_ms, "ms");
  g_free (figure);
  figure = g_strdup_printf ("client %u into an MfmInventory", n_servers);
  bench_figure (figure, client.inventory_ms, "ms", "client load", client.wall_ms, "ms");
  g_free (figure);
  figure = g_strdup_printf ("client %u API log after %u loads (%u entries), counted bytes",
                            n_servers, LOG_LOADS, (guint) bench_value (log_output, "log_entries"));
  bench_figure (figure, bench_value (log_output, "log_counted_mib"), "MiB", "byte cap",
                MFM_API_LOG_BYTE_CAPACITY / 1048576.0, "MiB");
  g_free (figure);
  figure = g_strdup_printf ("client %u API log after %u loads, heap freed by clearing it",
                            n_servers, LOG_LOADS);
  bench_figure (figure, bench_value (log_output, "log_heap_mib"), "MiB", "byte cap",
                MFM_API_LOG_BYTE_CAPACITY / 1048576.0, "MiB");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self_path = NULL;
  g_auto(GStrv) sizes = NULL;
  gboolean valgrind;
  guint up_to = bench_instruction_max_size (10000);

  if (argc == 3 && g_str_has_prefix (argv[1], "--phase="))
    return run_phase (argv[1] + strlen ("--phase="), argv[2]);

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);
  sizes = g_strsplit (g_getenv ("BENCH_SIZES") != NULL ? g_getenv ("BENCH_SIZES")
                                                       : "1000,10000,100000", ",", -1);
  valgrind = bench_have_valgrind ();

  g_print ("Build type: %s. Medians of 3 runs (1 at 100,000 servers), each side in a fresh "
           "process, against mfm-simulator in its own;\ninstruction counts%s.\n",
           MFM_BUILD_TYPE, valgrind ? " from callgrind, the measured part only"
                                    : ": valgrind is not installed");

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);

      if (n > 0)
        run_size (self_path, n, valgrind && n <= up_to);
    }

  return 0;
}
