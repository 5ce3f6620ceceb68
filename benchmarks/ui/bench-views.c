/* bench-views.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The window against estates of 1,000, 10,000 and 100,000 servers (half as many
 * relationships), served by mfm-simulator in its own process: connect until every row is
 * there and drawn, next to the raw fetch and parse of the same answers; a refresh that brings
 * 1,000 new servers, next to the same refresh without them; one filter keystroke; staging one
 * change, and a refresh with one change staged next to the same refresh with nothing staged;
 * and the longest main-loop stall of each. Every measurement runs in a fresh process; where valgrind
 * is installed, the smaller estates are measured in instructions too (callgrind, only the
 * measured part). Prints figures; never fails on time.
 *
 *   BENCH_SIZES=1000,10000        other estate sizes
 *   BENCH_INSTRUCTIONS_UP_TO=N    instruction counts up to N servers (1000; 0: none) */

#define G_LOG_DOMAIN "bench-views"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "../bench-common.h"
#include "mfm-relationships-view.h"
#include "mfm-servers-view.h"
#include "mfm-window.h"

#define N_NEW_SERVERS   1000
#define N_KEYSTROKES    12

/* ---------------------------------------------------------------------------------------- */
/* One measurement (the child)                                                               */

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Kilobytes from /proc/self/status ("VmHWM" = peak, "VmRSS" = now). */
static guint64
proc_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  line = strstr (status, key);
  if (line == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen (key) + 1, NULL, 10);
}

/* Let the peak follow from here on ("5" resets VmHWM to the current RSS). */
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

static void
drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean painted;

static void
after_paint_cb (GdkFrameClock *clock)
{
  painted = TRUE;
}

static void
wait_for_frame (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gulong id;

  painted = FALSE;
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  gtk_widget_queue_draw (window);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

typedef struct
{
  MfmWindow      *window;
  MfmServersView *servers;
  MfmSession     *session;
  GSettings      *settings;
} Views;

static void
views_open (Views *views)
{
  gtk_init ();
  adw_init ();

  views->settings = g_settings_new (APP_BASE_ID);
  /* Every server, so the table really holds them all; no refresh of its own. */
  g_settings_set_boolean (views->settings, "isc-only", FALSE);
  g_settings_set_uint (views->settings, "auto-refresh-interval", 0);
  /* Under callgrind an answer of 100,000 servers takes minutes to read and parse. */
  g_settings_set_uint (views->settings, "timeout", 600);

  views->window = mfm_window_new (NULL);
  gtk_window_present (GTK_WINDOW (views->window));
  wait_for_frame (GTK_WIDGET (views->window));
  drain ();
}

/* Connects and returns once every row is loaded and drawn. */
static void
views_connect (Views      *views,
               const char *url)
{
  MfmConnectPage *page = mfm_window_get_connect_page (views->window);

  mfm_connect_page_set_server (page, url);
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");
  mfm_connect_page_connect (page);
  while (views->session == NULL || mfm_session_get_loading (views->session) ||
         g_strcmp0 (mfm_servers_view_get_state (views->servers), "loading") == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      if (views->session == NULL)
        views->session = mfm_window_get_session (views->window);
      /* A figure of a load that failed would measure the failure. */
      if (views->session != NULL && mfm_session_get_last_error (views->session) != NULL)
        g_error ("The load failed: %s", mfm_session_get_last_error (views->session));
      if (views->session != NULL && mfm_session_get_incomplete (views->session) != NULL)
        g_error ("The load was incomplete: %s", mfm_session_get_incomplete (views->session));
      /* The window builds its views on the first connection at the latest. */
      if (views->session != NULL && views->servers == NULL)
        views->servers = MFM_SERVERS_VIEW (find_widget (GTK_WIDGET (views->window), MFM_TYPE_SERVERS_VIEW));
      if (mfm_connect_page_get_error_text (page) != NULL)
        g_error ("Could not connect: %s", mfm_connect_page_get_error_text (page));
    }
  wait_for_frame (GTK_WIDGET (views->window));
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!mfm_session_refresh_finish (MFM_SESSION (object), result, &error))
    g_error ("The refresh failed: %s", error->message);
  *(gboolean *) user_data = TRUE;
}

static guint
shown_servers (Views *views)
{
  return g_list_model_get_n_items (mfm_servers_view_get_model (views->servers));
}

static void
health_changed_cb (gboolean *checked)
{
  *checked = TRUE;
}

/* After a load the session checks the relationships' health, reading servers in the
 * background: waits until that is done, so that a figure of one action does not count it. */
static void
wait_for_health (Views *views)
{
  gint64 deadline = g_get_monotonic_time () + 600 * G_USEC_PER_SEC;
  gboolean checked = FALSE;
  gulong id = g_signal_connect_swapped (views->session, "health-changed",
                                        G_CALLBACK (health_changed_cb), &checked);

  while (!checked && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (views->session, id);
  if (!checked)
    g_error ("The health checks after the load did not end");
  drain ();
}

/* Stages a new MCLT for the middle relationship, as the edit dialog does. */
static void
stage_one_change (Views *views)
{
  GListModel *relationships = mfm_inventory_get_relationships (mfm_session_get_inventory (views->session));
  g_autoptr(MfmRelationship) relationship = NULL;
  g_autoptr(MfmRelationship) changed = NULL;
  g_autoptr(MfmChange) change = NULL;

  if (g_list_model_get_n_items (relationships) == 0)
    g_error ("The estate has no relationship to stage a change for");
  relationship = g_list_model_get_item (relationships, g_list_model_get_n_items (relationships) / 2);
  changed = mfm_relationship_copy (relationship);
  mfm_relationship_set_mclt (changed, mfm_relationship_get_mclt (relationship) + 60);
  change = mfm_change_new_modify (relationship, changed);
  mfm_session_stage (views->session, change);
}

static int
run_phase (const char *phase,
           const char *url,
           GPid        simulator_pid)
{
  BenchStallMeter stall;
  gint64 start;
  double wall_ms, stall_ms;
  guint64 rss_before;

  if (g_str_equal (phase, "fetch"))
    {
      BenchBaseline baseline = { 0 };

      bench_baseline_login_to (&baseline, url);
      rss_before = proc_status_kb ("VmRSS:");
      reset_peak ();
      bench_stall_start (&stall);
      start = g_get_monotonic_time ();
      CALLGRIND_START_INSTRUMENTATION;
      bench_baseline_fetch (&baseline);
      CALLGRIND_STOP_INSTRUMENTATION;
      wall_ms = (g_get_monotonic_time () - start) / 1000.0;
      stall_ms = bench_stall_stop (&stall);
      g_print ("wall_ms %.3f\nstall_ms %.3f\nrows %u\ngrowth_mib %.3f\n", wall_ms, stall_ms,
               baseline.n_servers, (proc_status_kb ("VmHWM:") - (double) rss_before) / 1024.0);
      bench_baseline_clear (&baseline);
      return 0;
    }

  {
    Views views = { 0 };
    guint before;

    views_open (&views);

    if (g_str_equal (phase, "connect"))
      {
        rss_before = proc_status_kb ("VmRSS:");
        reset_peak ();
        bench_stall_start (&stall);
        start = g_get_monotonic_time ();
        CALLGRIND_START_INSTRUMENTATION;
        views_connect (&views, url);
        CALLGRIND_STOP_INSTRUMENTATION;
        wall_ms = (g_get_monotonic_time () - start) / 1000.0;
        stall_ms = bench_stall_stop (&stall);
        g_print ("wall_ms %.3f\nstall_ms %.3f\nrows %u\ngrowth_mib %.3f\n", wall_ms, stall_ms,
                 shown_servers (&views),
                 (proc_status_kb ("VmHWM:") - (double) rss_before) / 1024.0);
      }
    else if (g_str_equal (phase, "stage"))
      {
        views_connect (&views, url);
        wait_for_health (&views);
        /* The staging is one callback (the change set's "changed" and all it sets off); the
         * frame after it is not counted, its number varying from run to run, but its stall is. */
        bench_stall_start (&stall);
        start = g_get_monotonic_time ();
        CALLGRIND_START_INSTRUMENTATION;
        stage_one_change (&views);
        CALLGRIND_STOP_INSTRUMENTATION;
        wall_ms = (g_get_monotonic_time () - start) / 1000.0;
        wait_for_frame (GTK_WIDGET (views.window));
        drain ();
        stall_ms = bench_stall_stop (&stall);
        if (mfm_change_set_get_n_changes (mfm_session_get_changes (views.session)) != 1)
          g_error ("The change was not staged");
        g_print ("wall_ms %.3f\nstall_ms %.3f\nrows %u\n", wall_ms, stall_ms, shown_servers (&views));
      }
    else if (g_str_equal (phase, "refresh") || g_str_equal (phase, "refresh-new") ||
             g_str_equal (phase, "refresh-staged"))
      {
        gboolean done = FALSE;

        views_connect (&views, url);
        if (g_str_equal (phase, "refresh-staged"))
          stage_one_change (&views);
        drain ();
        before = shown_servers (&views);
        if (g_str_equal (phase, "refresh-new"))
          {
            kill (simulator_pid, SIGUSR1);
            /* Adding them takes the simulator milliseconds; this is not measured. */
            g_usleep (G_USEC_PER_SEC / 2);
          }

        bench_stall_start (&stall);
        start = g_get_monotonic_time ();
        CALLGRIND_START_INSTRUMENTATION;
        mfm_session_refresh_async (views.session, NULL, refresh_done_cb, &done);
        while (!done)
          g_main_context_iteration (NULL, TRUE);
        wait_for_frame (GTK_WIDGET (views.window));
        CALLGRIND_STOP_INSTRUMENTATION;
        wall_ms = (g_get_monotonic_time () - start) / 1000.0;
        stall_ms = bench_stall_stop (&stall);
        if (g_str_equal (phase, "refresh-new") && shown_servers (&views) != before + N_NEW_SERVERS)
          g_error ("The refresh showed %u servers, not %u", shown_servers (&views),
                   before + N_NEW_SERVERS);
        g_print ("wall_ms %.3f\nstall_ms %.3f\nrows %u\n", wall_ms, stall_ms, shown_servers (&views));
      }
    else if (g_str_equal (phase, "type"))
      {
        GtkEditable *search = GTK_EDITABLE (find_widget (GTK_WIDGET (views.window), GTK_TYPE_SEARCH_ENTRY));
        const char *typed = "dhcp-ams-0";
        double keystrokes[N_KEYSTROKES];

        views_connect (&views, url);
        drain ();
        bench_stall_start (&stall);
        CALLGRIND_START_INSTRUMENTATION;
        /* Type a name one key at a time, then delete it again, a frame after each key. */
        for (guint i = 0; i < N_KEYSTROKES; i++)
          {
            guint len = strlen (typed);
            guint step = i % (2 * len);
            guint n_chars = step < len ? step + 1 : 2 * len - step - 1;
            g_autofree char *text = g_strndup (typed, n_chars);
            gint64 t0 = g_get_monotonic_time ();

            gtk_editable_set_text (search, text);
            wait_for_frame (GTK_WIDGET (views.window));
            drain ();
            keystrokes[i] = (g_get_monotonic_time () - t0) / 1000.0;
          }
        CALLGRIND_STOP_INSTRUMENTATION;
        stall_ms = bench_stall_stop (&stall);
        qsort (keystrokes, N_KEYSTROKES, sizeof (double), bench_compare_doubles);
        g_print ("median_ms %.3f\nmax_ms %.3f\nstall_ms %.3f\n", keystrokes[N_KEYSTROKES / 2],
                 keystrokes[N_KEYSTROKES - 1], stall_ms);
      }
    else
      {
        g_error ("No phase %s", phase);
      }

    /* An empty change set removes the draft the staging phases wrote. */
    if (views.session != NULL)
      mfm_change_set_clear (mfm_session_get_changes (views.session));
    gtk_window_destroy (GTK_WINDOW (views.window));
    drain ();
    g_clear_object (&views.settings);
  }

  return 0;
}

/* ---------------------------------------------------------------------------------------- */
/* The whole run (the parent)                                                                */

typedef struct
{
  double wall_ms;
  double stall_ms;
  double growth_mib;
  double median_ms;
  double max_ms;
  double instructions;    /* 0: not measured */
  guint  rows;
} Result;

static Result
measure (const char     *self_path,
         const char     *phase,
         BenchSimulator *sim,
         guint           rounds,
         gboolean        instructions)
{
  g_autofree char *phase_arg = g_strdup_printf ("--phase=%s", phase);
  g_autofree char *pid_arg = NULL;
  const char *argv[] = { self_path, phase_arg, sim->url, NULL, NULL };
  double walls[8], stalls[8];
  Result result = { 0 };

  pid_arg = g_strdup (g_subprocess_get_identifier (sim->process));
  argv[3] = pid_arg;

  rounds = CLAMP (rounds, 1, G_N_ELEMENTS (walls));
  for (guint i = 0; i < rounds; i++)
    {
      g_autofree char *output = bench_run_child (argv, NULL);

      walls[i] = bench_value (output, "wall_ms");
      stalls[i] = bench_value (output, "stall_ms");
      result.rows = (guint) bench_value (output, "rows");
      result.growth_mib = MAX (result.growth_mib, bench_value (output, "growth_mib"));
      result.median_ms = bench_value (output, "median_ms");
      result.max_ms = bench_value (output, "max_ms");
    }
  result.wall_ms = bench_median (walls, rounds);
  qsort (stalls, rounds, sizeof (double), bench_compare_doubles);
  result.stall_ms = stalls[rounds - 1];

  if (instructions)
    {
      g_autofree char *output = bench_run_child (argv, &result.instructions);

      /* The counted run must have done the same work as the timed ones (a run with new
       * servers checks its own rows: each run adds to the estate). */
      if (!g_str_equal (phase, "refresh-new") && (guint) bench_value (output, "rows") != result.rows)
        g_error ("The %s run under callgrind showed %u rows instead of %u", phase,
                 (guint) bench_value (output, "rows"), result.rows);
    }

  return result;
}

/* The instructions of staging one change at the first size counted, the baseline of the others. */
static double first_staging_instructions;
static guint first_staging_servers;

static void
run_size (const char *self_path,
          guint       n_servers,
          gboolean    instructions)
{
  BenchSimulator sim = { 0 };
  guint rounds = n_servers >= 100000 ? 1 : 3;
  g_autofree char *name = NULL;
  Result fetch, connect, refresh, refresh_new, typing, staging, refresh_staged;

  if (!bench_simulator_start (&sim, n_servers, N_NEW_SERVERS))
    g_error ("bench-views needs mfm-simulator ($MFM_SIMULATOR): run it through ./run bench");

  g_print ("\n%u servers, %u relationships, %u scopes%s:\n", n_servers, n_servers / 2,
           n_servers * 2, instructions ? "; instructions counted by callgrind" : "");

  fetch = measure (self_path, "fetch", &sim, rounds, instructions);
  connect = measure (self_path, "connect", &sim, rounds, instructions);
  typing = measure (self_path, "type", &sim, 1, FALSE);
  refresh = measure (self_path, "refresh", &sim, rounds, instructions);
  staging = measure (self_path, "stage", &sim, rounds, instructions);
  refresh_staged = measure (self_path, "refresh-staged", &sim, rounds, instructions);
  /* Each run adds 1,000 servers to the estate for good: one run of each. */
  refresh_new = measure (self_path, "refresh-new", &sim, 1, instructions);
  bench_simulator_stop (&sim);

  name = g_strdup_printf ("views %u", n_servers);
  {
    g_autofree char *figure = g_strdup_printf ("%s connect to drawn", name);

    bench_figure (figure, connect.wall_ms, "ms", "fetch+parse", fetch.wall_ms, "ms");
    if (instructions)
      bench_figure (figure, connect.instructions / 1e6, "M instructions", "fetch+parse",
                    fetch.instructions / 1e6, "M instructions");
  }
  {
    g_autofree char *figure = g_strdup_printf ("%s memory growth while loading", name);

    bench_figure (figure, connect.growth_mib, "MiB", "fetch+parse", fetch.growth_mib, "MiB");
  }
  {
    g_autofree char *figure = g_strdup_printf ("%s refresh with %u new servers", name, N_NEW_SERVERS);

    bench_figure (figure, refresh_new.wall_ms, "ms", "refresh without new servers",
                  refresh.wall_ms, "ms");
    if (instructions)
      bench_figure (figure, refresh_new.instructions / 1e6, "M instructions",
                    "refresh without new servers", refresh.instructions / 1e6, "M instructions");
  }
  {
    g_autofree char *figure = g_strdup_printf ("%s staging one change", name);

    bench_figure (figure, staging.wall_ms, "ms", "frame budget", 50, "ms");
    /* What one staged change costs should not grow with the estate. */
    if (instructions && first_staging_instructions == 0)
      {
        first_staging_instructions = staging.instructions;
        first_staging_servers = n_servers;
      }
    if (instructions)
      {
        g_autofree char *baseline = g_strdup_printf ("the same at %u servers", first_staging_servers);

        bench_figure (figure, staging.instructions / 1e6, "M instructions", baseline,
                      first_staging_instructions / 1e6, "M instructions");
      }
    g_free (figure);
    figure = g_strdup_printf ("%s refresh with one change staged", name);
    bench_figure (figure, refresh_staged.wall_ms, "ms", "refresh with nothing staged",
                  refresh.wall_ms, "ms");
    if (instructions)
      bench_figure (figure, refresh_staged.instructions / 1e6, "M instructions",
                    "refresh with nothing staged", refresh.instructions / 1e6, "M instructions");
  }
  {
    g_autofree char *figure = g_strdup_printf ("%s filter keystroke (median)", name);

    bench_figure (figure, typing.median_ms, "ms", "frame budget", 50, "ms");
    g_free (figure);
    figure = g_strdup_printf ("%s filter keystroke (worst)", name);
    bench_figure (figure, typing.max_ms, "ms", "frame budget", 50, "ms");
  }
  {
    const struct { const char *what; Result *result; } stalls[] = {
      { "loading", &connect }, { "refreshing", &refresh }, { "refreshing with new servers", &refresh_new },
      { "typing", &typing }, { "staging one change", &staging },
      { "refreshing with one change staged", &refresh_staged },
    };

    for (guint i = 0; i < G_N_ELEMENTS (stalls); i++)
      {
        g_autofree char *figure = g_strdup_printf ("%s longest main-loop stall while %s", name,
                                                   stalls[i].what);

        bench_figure (figure, stalls[i].result->stall_ms, "ms", "frame budget", 50, "ms");
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self_path = NULL;
  g_auto(GStrv) sizes = NULL;
  gboolean valgrind;
  guint up_to = bench_instruction_max_size (1000);

  /* The same renderer everywhere: no GL shader compiled on the CPU inside the figures. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  if (argc == 4 && g_str_has_prefix (argv[1], "--phase="))
    return run_phase (argv[1] + strlen ("--phase="), argv[2], (GPid) atoi (argv[3]));

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("skipped: no display (run it through ./run bench)\n");
      return 0;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);
  sizes = g_strsplit (g_getenv ("BENCH_SIZES") != NULL ? g_getenv ("BENCH_SIZES")
                                                       : "1000,10000,100000", ",", -1);
  valgrind = bench_have_valgrind ();

  g_print ("Build type: %s. Wall times are medians of 3 runs (1 at 100,000 servers), each in "
           "a fresh process;\nstalls are the most main-thread CPU time between two beats of a 2 ms heartbeat;\nGSK_RENDERER=%s.%s\n",
           MFM_BUILD_TYPE, g_getenv ("GSK_RENDERER"),
           valgrind ? "" : " valgrind is not installed: no instruction counts.");

  for (guint i = 0; sizes[i] != NULL; i++)
    {
      guint n = (guint) g_ascii_strtoull (sizes[i], NULL, 10);

      if (n > 0)
        run_size (self_path, n, valgrind && n <= up_to);
    }

  return 0;
}
