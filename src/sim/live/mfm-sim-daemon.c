/* mfm-sim-daemon.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim-live"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <glib-unix.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mfm-sim-dhcpd.h"
#include "mfm-sim-live-private.h"

static const struct
{
  const char *isc;
  const char *micetro;
} state_names[] = {
  { "normal", "Normal" },
  { "communications-interrupted", "Communications interrupted" },
  { "partner-down", "Partner down" },
  { "recover", "Recover" },
  { "recover-wait", "Recover wait" },
  { "recover-done", "Recover done" },
  { "startup", "Startup" },
  { "potential-conflict", "Potential conflict" },
  { "conflict-done", "Conflict done" },
  { "resolution-interrupted", "Resolution interrupted" },
  { "paused", "Paused" },
  { "shutdown", "Shutdown" },
  { "unknown-state", "Unknown" },
};

const char *
_mfm_sim_live_micetro_state_name (const char *isc_state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (g_str_equal (state_names[i].isc, isc_state))
        return state_names[i].micetro;
    }

  return "Unknown";
}

static void
live_daemon_clear_run (LiveDaemon *daemon)
{
  daemon->launcher_pid = 0;
  daemon->dhcpd_pid = 0;
  g_hash_table_remove_all (daemon->peer_states);
}

gboolean
_mfm_sim_live_daemon_is_running (LiveDaemon *daemon)
{
  if (!_mfm_sim_live_child_is_running (&daemon->launcher_pid))
    return FALSE;

  /* The launcher outlives dhcpd by a moment after a kill. */
  return daemon->dhcpd_pid == 0 || _mfm_sim_live_process_is_running (daemon->dhcpd_pid);
}

/* SIGTERM (this dhcpd build exits at once on it, with no graceful failover shutdown), then
 * SIGKILL. */
void
_mfm_sim_live_daemon_stop (LiveDaemon *daemon)
{
  if (daemon->launcher_pid <= 0)
    return;

  if (daemon->dhcpd_pid > 0 && _mfm_sim_live_process_is_running (daemon->dhcpd_pid))
    kill (daemon->dhcpd_pid, SIGTERM);
  else
    kill (daemon->launcher_pid, SIGTERM);

  if (!_mfm_sim_live_wait_for_child (&daemon->launcher_pid, STOP_GRACE_USEC))
    {
      g_debug ("dhcpd in %s ignored SIGTERM; killing it", daemon->netns);
      if (daemon->dhcpd_pid > 0 && _mfm_sim_live_process_is_running (daemon->dhcpd_pid))
        kill (daemon->dhcpd_pid, SIGKILL);
      kill (daemon->launcher_pid, SIGKILL);
      _mfm_sim_live_wait_for_child (&daemon->launcher_pid, STOP_GRACE_USEC);
    }

  live_daemon_clear_run (daemon);
}

/* The pid of the process the launcher forked: dhcpd itself (the launcher execs through
 * `ip netns exec` into `timeout`, which forks and execs dhcpd). */
static GPid
find_forked_child (GPid launcher_pid)
{
  g_autofree char *children_path = NULL;
  g_autofree char *contents = NULL;
  gint64 value;

  children_path = g_strdup_printf ("/proc/%d/task/%d/children",
                                   (int) launcher_pid, (int) launcher_pid);
  if (!g_file_get_contents (children_path, &contents, NULL, NULL))
    return 0;

  value = g_ascii_strtoll (contents, NULL, 10);

  return value > 0 ? (GPid) value : 0;
}

/* What the daemon logged from @offset on; the log is only ever appended to. */
static char *
read_log_from (LiveDaemon *daemon,
               goffset     offset)
{
  g_autoptr(GString) text = g_string_new (NULL);
  char buffer[8192];
  FILE *file;
  size_t n_read;

  file = g_fopen (daemon->log_path, "re");
  if (file == NULL)
    return NULL;

  if (fseeko (file, offset, SEEK_SET) != 0)
    {
      fclose (file);
      return g_strdup ("");
    }

  while ((n_read = fread (buffer, 1, sizeof buffer, file)) > 0)
    g_string_append_len (text, buffer, n_read);
  fclose (file);

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
log_tail (LiveDaemon *daemon)
{
  g_autofree char *text = read_log_from (daemon, daemon->run_offset);
  g_auto(GStrv) lines = NULL;
  guint n_lines;
  guint first;
  g_autoptr(GString) tail = g_string_new (NULL);

  if (text == NULL)
    return g_strdup ("");

  lines = g_strsplit (g_strstrip (text), "\n", -1);
  n_lines = g_strv_length (lines);
  first = n_lines > 6 ? n_lines - 6 : 0;
  for (guint i = first; i < n_lines; i++)
    {
      if (tail->len > 0)
        g_string_append_c (tail, '\n');
      g_string_append (tail, lines[i]);
    }

  return g_string_free (g_steal_pointer (&tail), FALSE);
}

gboolean
_mfm_sim_live_daemon_start (MfmSimLive  *self,
                            LiveDaemon  *daemon,
                            GError     **error)
{
  const char *argv[] = {
    self->ip_path, "netns", "exec", daemon->netns,
    self->timeout_path, DAEMON_LIFETIME,
    mfm_sim_dhcpd_get_path (), "-f", "-d", "-4",
    "-cf", daemon->config_path,
    "-lf", daemon->lease_path,
    "-pf", daemon->pid_path,
    daemon->iface,
    NULL,
  };
  g_autoptr(GError) local_error = NULL;
  struct stat log_stat;
  gint64 deadline;
  int log_fd;
  int null_fd;
  GPid pid = 0;
  gboolean spawned;

  /* dhcpd refuses to start without its lease file. It is kept across restarts, so a
   * restarted server resumes instead of recovering for a whole MCLT. */
  if (!g_file_test (daemon->lease_path, G_FILE_TEST_EXISTS) &&
      !g_file_set_contents (daemon->lease_path, "", 0, error))
    return FALSE;

  log_fd = g_open (daemon->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log_fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not open %s: %s"), daemon->log_path, g_strerror (saved_errno));
      return FALSE;
    }

  null_fd = g_open ("/dev/null", O_RDONLY | O_CLOEXEC, 0);
  daemon->run_offset = 0;
  if (fstat (log_fd, &log_stat) == 0)
    daemon->run_offset = log_stat.st_size;
  daemon->parsed_offset = daemon->run_offset;
  g_hash_table_remove_all (daemon->peer_states);

  spawned = g_spawn_async_with_fds (NULL, (char **) argv, NULL,
                                    G_SPAWN_DO_NOT_REAP_CHILD,
                                    NULL, NULL, &pid,
                                    null_fd, log_fd, log_fd, &local_error);
  g_close (log_fd, NULL);
  if (null_fd >= 0)
    g_close (null_fd, NULL);

  if (!spawned)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                  _("Could not start dhcpd: "));
      return FALSE;
    }

  daemon->launcher_pid = pid;
  daemon->dhcpd_pid = 0;

  /* Wait until dhcpd serves or dies; it takes about 50 ms. */
  deadline = g_get_monotonic_time () + START_WAIT_USEC;
  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *output = NULL;

      if (daemon->dhcpd_pid == 0)
        daemon->dhcpd_pid = find_forked_child (daemon->launcher_pid);

      if (!_mfm_sim_live_child_is_running (&daemon->launcher_pid))
        {
          g_autofree char *tail = log_tail (daemon);

          live_daemon_clear_run (daemon);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                       _("dhcpd in namespace %s exited at start: %s"),
                       daemon->netns, tail);
          return FALSE;
        }

      output = read_log_from (daemon, daemon->run_offset);
      if (daemon->dhcpd_pid != 0 && output != NULL &&
          strstr (output, "Server starting service.") != NULL)
        break;

      g_usleep (POLL_USEC);
    }

  g_debug ("dhcpd for %s runs as pid %d in %s",
           daemon->server_ref, (int) daemon->dhcpd_pid, daemon->netns);

  return TRUE;
}

/* Reads what the daemon logged since the last call and keeps the last state of each peer. */
void
_mfm_sim_live_daemon_update_states (LiveDaemon *daemon)
{
  g_autofree char *text = read_log_from (daemon, daemon->parsed_offset);
  const char *line;
  const char *newline;

  if (text == NULL)
    return;

  line = text;
  while ((newline = strchr (line, '\n')) != NULL)
    {
      g_autofree char *current = g_strndup (line, newline - line);
      const char *peer = strstr (current, "failover peer ");

      daemon->parsed_offset += (newline - line) + 1;
      line = newline + 1;

      if (peer != NULL)
        {
          const char *name = peer + strlen ("failover peer ");
          const char *colon = strstr (name, ": ");
          const char *event;
          const char *to;

          if (colon == NULL)
            continue;

          event = colon + 2;
          if (g_str_has_prefix (event, "Both servers normal"))
            {
              g_hash_table_insert (daemon->peer_states,
                                   g_strndup (name, colon - name), g_strdup ("normal"));
            }
          else if (g_str_has_prefix (event, "I move from ") &&
                   (to = strstr (event, " to ")) != NULL)
            {
              g_hash_table_insert (daemon->peer_states,
                                   g_strndup (name, colon - name),
                                   g_strdup (g_strstrip ((char *) to + strlen (" to "))));
            }
        }
    }
}

void
_mfm_sim_live_daemon_clear (LiveDaemon *daemon)
{
  g_clear_pointer (&daemon->server_ref, g_free);
  g_clear_pointer (&daemon->netns, g_free);
  g_clear_pointer (&daemon->iface, g_free);
  g_clear_pointer (&daemon->address, g_free);
  g_clear_pointer (&daemon->config_path, g_free);
  g_clear_pointer (&daemon->lease_path, g_free);
  g_clear_pointer (&daemon->pid_path, g_free);
  g_clear_pointer (&daemon->log_path, g_free);
  g_clear_pointer (&daemon->running_config, g_free);
  g_clear_pointer (&daemon->peer_states, g_hash_table_unref);
  g_clear_pointer (&daemon->peer_names, g_hash_table_unref);
}
