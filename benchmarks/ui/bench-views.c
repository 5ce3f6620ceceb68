/* bench-views.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A large estate from the simulator (10,000 servers, 5,000 relationships): connect until
 * every row is there and drawn, peak memory, and the median time of one filter keystroke over
 * 10,000 rows. Prints figures; never fails on time. */

#define G_LOG_DOMAIN "bench-views"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "mfm-relationships-view.h"
#include "mfm-servers-view.h"
#include "mfm-simulator.h"
#include "mfm-window.h"

#define N_SERVERS       10000
#define N_RELATIONSHIPS 5000
#define N_SCOPES        20000
#define N_KEYSTROKES    24

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

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *)a, y = *(const double *)b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MfmSimulator) simulator = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  MfmWindow *window;
  MfmConnectPage *page;
  MfmServersView *servers;
  MfmRelationshipsView *relationships;
  GtkEditable *search;
  MfmSession *session = NULL;
  const char *typed = "dhcp-0123";
  double keystrokes[N_KEYSTROKES];
  guint64 rss_before, peak_after;
  gint64 start, logged_in = 0, loaded, drawn;
  guint n_shown;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("skipped: no display (run it through ./run bench)\n");
      return 0;
    }

  gtk_init ();
  adw_init ();

  settings = g_settings_new (APP_BASE_ID);
  /* Every server, so the table really holds 10,000 rows. */
  g_settings_set_boolean (settings, "isc-only", FALSE);
  g_settings_set_uint (settings, "auto-refresh-interval", 0);

  simulator = mfm_simulator_new ();
  mfm_simulator_generate (simulator, N_SERVERS, N_RELATIONSHIPS, N_SCOPES, 7);
  if (!mfm_simulator_start (simulator, 0, &error))
    g_error ("The simulator did not start: %s", error->message);

  window = mfm_window_new (NULL);
  page = mfm_window_get_connect_page (window);
  servers = MFM_SERVERS_VIEW (find_widget (GTK_WIDGET (window), MFM_TYPE_SERVERS_VIEW));
  relationships = MFM_RELATIONSHIPS_VIEW (find_widget (GTK_WIDGET (window), MFM_TYPE_RELATIONSHIPS_VIEW));
  search = GTK_EDITABLE (find_widget (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY));
  gtk_window_present (GTK_WINDOW (window));
  wait_for_frame (GTK_WIDGET (window));
  drain ();
  rss_before = proc_status_kb ("VmRSS:");

  mfm_connect_page_set_server (page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (page, "admin");
  mfm_connect_page_set_password (page, "admin");

  start = g_get_monotonic_time ();
  mfm_connect_page_connect (page);
  while (session == NULL || mfm_session_get_loading (session) ||
         g_strcmp0 (mfm_servers_view_get_state (servers), "loading") == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      if (session == NULL && (session = mfm_window_get_session (window)) != NULL)
        logged_in = g_get_monotonic_time ();
      if (mfm_connect_page_get_error_text (page) != NULL)
        g_error ("Could not connect: %s", mfm_connect_page_get_error_text (page));
    }
  loaded = g_get_monotonic_time ();
  wait_for_frame (GTK_WIDGET (window));
  drawn = g_get_monotonic_time ();

  n_shown = g_list_model_get_n_items (mfm_servers_view_get_model (servers));
  peak_after = proc_status_kb ("VmHWM:");

  g_print ("estate: %u servers, %u relationships, %u scopes (generated, seed 7)\n",
           N_SERVERS, N_RELATIONSHIPS, N_SCOPES);
  g_print ("rows shown: %u servers, %u relationships\n",
           n_shown, g_list_model_get_n_items (mfm_relationships_view_get_model (relationships)));
  g_print ("connect to logged in:          %8.1f ms\n", (logged_in - start) / 1000.0);
  g_print ("connect to every row loaded:   %8.1f ms\n", (loaded - start) / 1000.0);
  g_print ("connect to drawn:              %8.1f ms\n", (drawn - start) / 1000.0);
  g_print ("memory before connecting:     %8.1f MiB (resident, simulator included)\n", rss_before / 1024.0);
  g_print ("peak memory after loading:    %8.1f MiB (+%.1f MiB)\n",
           peak_after / 1024.0, (peak_after - rss_before) / 1024.0);

  /* A person starts typing some time after the rows appeared: let work queued for idle
   * time finish first. */
  drain ();

  /* Type a name one key at a time, then delete it again: each step filters 10,000 rows. */
  for (guint i = 0; i < N_KEYSTROKES; i++)
    {
      guint len = strlen (typed);
      guint step = i % (2 * len);
      guint n_chars = step < len ? step + 1 : 2 * len - step - 1;
      g_autofree char *text = g_strndup (typed, n_chars);
      gint64 t0 = g_get_monotonic_time ();

      gtk_editable_set_text (search, text);
      drain ();
      keystrokes[i] = (g_get_monotonic_time () - t0) / 1000.0;
      if (g_getenv ("BENCH_VERBOSE")) g_print ("%s %.2f\n", text, keystrokes[i]);
    }
  qsort (keystrokes, N_KEYSTROKES, sizeof (double), compare_doubles);
  g_print ("filter keystroke over %u rows: median %.2f ms (min %.2f, max %.2f, %d keystrokes)\n",
           n_shown, keystrokes[N_KEYSTROKES / 2], keystrokes[0], keystrokes[N_KEYSTROKES - 1], N_KEYSTROKES);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
  mfm_simulator_stop (simulator);
  g_settings_reset (settings, "isc-only");

  return 0;
}
