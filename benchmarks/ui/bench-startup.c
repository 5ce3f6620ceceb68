/* bench-startup.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Cold start to the first frame of the real window, against a bare AdwApplicationWindow
 * built in the same tree: each run is a new process, timed from spawn to the line the child
 * prints after its first frame; where valgrind is installed, each is counted once in
 * instructions too (the whole process up to its first frame). Then the demo, timed until its
 * servers table is drawn. Prints medians and the ratio; never fails on time. */

#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <sys/wait.h>

#include "../bench-common.h"
#include "mfm-application.h"
#include "mfm-servers-view.h"

#define RUNS 9

static void
after_paint_cb (GdkFrameClock *clock,
                GtkWidget     *window)
{
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, window);
  CALLGRIND_STOP_INSTRUMENTATION;
  g_print ("first-frame\n");
  fflush (stdout);
  g_application_quit (G_APPLICATION (gtk_window_get_application (GTK_WINDOW (window))));
}

static void
window_mapped_cb (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);

  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), window);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window)
{
  g_signal_connect (window, "map", G_CALLBACK (window_mapped_cb), NULL);
}

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

/* The demo is ready for a person when its servers table is on screen. */
static gboolean
demo_poll_cb (gpointer user_data)
{
  GtkApplication *app = user_data;
  GtkWindow *window = gtk_application_get_active_window (app);
  GtkWidget *servers;

  if (window == NULL || !gtk_widget_get_mapped (GTK_WIDGET (window)))
    return G_SOURCE_CONTINUE;
  servers = find_widget (GTK_WIDGET (window), MFM_TYPE_SERVERS_VIEW);
  if (servers == NULL || !gtk_widget_get_mapped (servers) ||
      g_strcmp0 (mfm_servers_view_get_state (MFM_SERVERS_VIEW (servers)), "list") != 0)
    return G_SOURCE_CONTINUE;

  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                    G_CALLBACK (after_paint_cb), window);
  gtk_widget_queue_draw (GTK_WIDGET (window));
  return G_SOURCE_REMOVE;
}

static void
bare_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_child (const char *kind)
{
  g_autoptr(GApplication) app = NULL;
  char *argv[] = { (char *)"failover-manager", (char *)"--demo", NULL };
  int argc = 1;

  CALLGRIND_START_INSTRUMENTATION;
  if (g_str_equal (kind, "real"))
    {
      app = G_APPLICATION (mfm_application_new ());
    }
  else if (g_str_equal (kind, "demo"))
    {
      app = G_APPLICATION (mfm_application_new ());
      argc = 2;
      g_timeout_add (5, demo_poll_cb, app);
    }
  else
    {
      app = G_APPLICATION (adw_application_new ("io.github.mfm.BareWindow", G_APPLICATION_DEFAULT_FLAGS));
      g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
    }

  /* Every run is a first instance, never a remote call to an earlier one. */
  g_application_set_flags (app, g_application_get_flags (app) | G_APPLICATION_NON_UNIQUE);
  if (!g_str_equal (kind, "demo"))
    g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (app, argc, argv);
}

static double
time_one (const char *self_path,
          const char *kind)
{
  const char *argv[] = { self_path, "--child", kind, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOChannel) channel = NULL;
  g_autofree char *line = NULL;
  GPid pid;
  int out_fd;
  gint64 start, end;
  int status;

  start = g_get_monotonic_time ();
  if (!g_spawn_async_with_pipes (NULL, (char **)argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                                 NULL, NULL, &pid, NULL, &out_fd, NULL, &error))
    g_error ("Could not start %s: %s", kind, error->message);

  channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (channel, TRUE);
  while (g_io_channel_read_line (channel, &line, NULL, NULL, &error) == G_IO_STATUS_NORMAL)
    {
      if (g_str_has_prefix (line, "first-frame"))
        break;
      g_clear_pointer (&line, g_free);
    }
  end = g_get_monotonic_time ();

  if (line == NULL)
    g_error ("The %s window never drew a frame", kind);

  waitpid (pid, &status, 0);
  g_spawn_close_pid (pid);

  return (end - start) / 1000.0;
}

/* The instructions of one start to the first frame, under callgrind. */
static double
count_one (const char *self_path,
           const char *kind)
{
  const char *argv[] = { self_path, "--child", kind, NULL };
  double instructions = 0;

  g_free (bench_run_child (argv, &instructions));
  return instructions;
}

int
main (int   argc,
      char *argv[])
{
  double real[RUNS], bare[RUNS], demo[RUNS];
  double real_median, bare_median, demo_median;
  g_autofree char *self_path = NULL;

  /* The same renderer everywhere: no GL shader compiled on the CPU inside the figures. */
  g_setenv ("GSK_RENDERER", "cairo", FALSE);

  if (argc == 3 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2]);

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("skipped: no display (run it through ./run bench)\n");
      return 0;
    }

  self_path = g_file_read_link ("/proc/self/exe", NULL);
  if (self_path == NULL)
    self_path = g_strdup (argv[0]);

  /* One warm-up of each, so both read the same libraries from the page cache. */
  time_one (self_path, "bare");
  time_one (self_path, "real");

  /* Interleaved, so drift in the machine's load hits both alike. */
  for (guint i = 0; i < RUNS; i++)
    {
      bare[i] = time_one (self_path, "bare");
      real[i] = time_one (self_path, "real");
    }
  for (guint i = 0; i < RUNS; i++)
    demo[i] = time_one (self_path, "demo");

  bare_median = bench_median (bare, RUNS);
  real_median = bench_median (real, RUNS);
  demo_median = bench_median (demo, RUNS);

  g_print ("Build type: %s; medians of %d runs, each a new process; GSK_RENDERER=%s.\n",
           MFM_BUILD_TYPE, RUNS, g_getenv ("GSK_RENDERER"));
  bench_figure ("startup to first frame", real_median, "ms", "bare window", bare_median, "ms");
  if (bench_have_valgrind ())
    bench_figure ("startup to first frame instructions", count_one (self_path, "real") / 1e6, "M",
                  "bare window", count_one (self_path, "bare") / 1e6, "M");
  bench_figure ("startup --demo to its servers drawn", demo_median, "ms", "bare window",
                bare_median, "ms");

  return 0;
}
