/* mfm-sim-netns.c
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

#include "mfm-sim-live-private.h"

/* Layout: four namespaces of our own, a "switch" holding a bridge, and the primary, the
 * secondary and the client, each joined to the bridge by a veth pair. The links are created
 * from inside the switch namespace, so no interface ever appears in the namespace this process
 * runs in. */

char *
_mfm_sim_live_find_tool (const char *name,
                         const char *fallback)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL && g_file_test (fallback, G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup (fallback);

  return path;
}

/* Runs @argv to completion; on failure @error carries the command's own message. */
gboolean
_mfm_sim_live_run_command (const char * const  *argv,
                           char               **out_stderr,
                           GError             **error)
{
  g_autofree char *standard_error = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &standard_error, &wait_status, error))
    return FALSE;

  if (out_stderr != NULL)
    *out_stderr = g_strdup (standard_error);

  if (!g_spawn_check_wait_status (wait_status, NULL))
    {
      g_autofree char *command = g_strjoinv (" ", (char **) argv);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The command “%s” failed: %s"),
                   command, g_strstrip (standard_error));
      return FALSE;
    }

  return TRUE;
}

gboolean
_mfm_sim_live_run_ip (MfmSimLive  *self,
                      GError     **error,
                      ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, self->ip_path);
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  return _mfm_sim_live_run_command ((const char * const *) argv->pdata, NULL, error);
}

/* A zombie counts as gone: it is only waiting for its parent. */
gboolean
_mfm_sim_live_process_is_running (GPid pid)
{
  g_autofree char *stat_path = NULL;
  g_autofree char *contents = NULL;
  const char *after_name;

  if (pid <= 0)
    return FALSE;

  stat_path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  if (!g_file_get_contents (stat_path, &contents, NULL, NULL))
    return FALSE;

  /* "pid (comm) S …": the name may hold spaces and parentheses. */
  after_name = strrchr (contents, ')');
  if (after_name == NULL || after_name[1] == '\0' || after_name[2] == '\0')
    return FALSE;

  return after_name[2] != 'Z' && after_name[2] != 'X';
}

/* Reaps @pid if it has exited; TRUE while it runs. */
gboolean
_mfm_sim_live_child_is_running (GPid *pid)
{
  int status;
  pid_t result;

  if (*pid <= 0)
    return FALSE;

  result = waitpid (*pid, &status, WNOHANG);
  if (result == 0)
    return TRUE;

  /* Exited and reaped now, or reaped by someone else (ECHILD). */
  if (result == *pid || (result < 0 && errno == ECHILD))
    *pid = 0;

  return *pid != 0;
}

gboolean
_mfm_sim_live_wait_for_child (GPid   *pid,
                              gint64  timeout_usec)
{
  gint64 deadline = g_get_monotonic_time () + timeout_usec;

  while (_mfm_sim_live_child_is_running (pid))
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (POLL_USEC);
    }

  return TRUE;
}
void
_mfm_sim_live_remove_namespaces (MfmSimLive *self)
{
  const char *ip = self->ip_path;

  /* Anything still running in a namespace (a client a test left behind) would keep it
   * alive after the delete. */
  for (guint i = self->namespaces->len; i > 0; i--)
    {
      const char *netns = g_ptr_array_index (self->namespaces, i - 1);
      const char *pids_argv[] = { ip, "netns", "pids", netns, NULL };
      const char *del_argv[] = { ip, "netns", "delete", netns, NULL };
      g_autofree char *pids = NULL;
      g_autoptr(GError) error = NULL;
      int wait_status = 0;

      if (g_spawn_sync (NULL, (char **) pids_argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                        NULL, NULL, &pids, NULL, &wait_status, NULL) && pids != NULL)
        {
          g_auto(GStrv) list = g_strsplit (g_strstrip (pids), "\n", -1);

          for (guint j = 0; list[j] != NULL; j++)
            {
              gint64 pid = g_ascii_strtoll (list[j], NULL, 10);

              if (pid > 1 && pid != getpid ())
                kill ((pid_t) pid, SIGKILL);
            }
        }

      if (!_mfm_sim_live_run_command (del_argv, NULL, &error))
        g_warning ("Could not delete network namespace %s: %s", netns, error->message);
    }

  g_ptr_array_set_size (self->namespaces, 0);
}

static void
live_child_setup (gpointer user_data)
{
  /* Out of the test's process group, so a runner that kills the group on timeout leaves the
   * watchdog to clean up. */
  setsid ();
}

void
_mfm_sim_live_start_reaper (MfmSimLive *self,
                            const char *netns_list[],
                            guint       n_netns)
{
  static const char script[] =
    "read -r _ || true\n"
    "for ns in \"$@\"; do\n"
    "  for p in $(\"$IP\" netns pids \"$ns\" 2>/dev/null); do kill -KILL \"$p\" 2>/dev/null; done\n"
    "  \"$IP\" netns delete \"$ns\" 2>/dev/null\n"
    "done\n"
    "exit 0\n";
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  int fds[2];

  if (!g_unix_open_pipe (fds, FD_CLOEXEC, &error))
    {
      g_warning ("No cleanup watchdog: %s", error->message);
      return;
    }

  envp = g_environ_setenv (envp, "IP", self->ip_path, TRUE);
  g_ptr_array_add (argv, "/bin/sh");
  g_ptr_array_add (argv, "-c");
  g_ptr_array_add (argv, (gpointer) script);
  g_ptr_array_add (argv, "mfm-live-reaper");
  for (guint i = 0; i < n_netns; i++)
    g_ptr_array_add (argv, (gpointer) netns_list[i]);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_async_with_fds (NULL, (char **) argv->pdata, envp, G_SPAWN_DO_NOT_REAP_CHILD,
                               live_child_setup, NULL, &self->reaper_pid,
                               fds[0], -1, -1, &error))
    {
      g_warning ("No cleanup watchdog: %s", error->message);
      g_close (fds[0], NULL);
      g_close (fds[1], NULL);
      return;
    }

  g_close (fds[0], NULL);
  self->reaper_fd = fds[1];
}

void
_mfm_sim_live_stop_reaper (MfmSimLive *self)
{
  if (self->reaper_fd >= 0)
    {
      g_close (self->reaper_fd, NULL);
      self->reaper_fd = -1;
    }

  if (self->reaper_pid > 0 && !_mfm_sim_live_wait_for_child (&self->reaper_pid, STOP_GRACE_USEC))
    {
      kill (self->reaper_pid, SIGKILL);
      _mfm_sim_live_wait_for_child (&self->reaper_pid, STOP_GRACE_USEC);
    }
}

gboolean
_mfm_sim_live_add_namespace (MfmSimLive  *self,
                             const char  *name,
                             GError     **error)
{
  if (!_mfm_sim_live_run_ip (self, error, "netns", "add", name, NULL))
    return FALSE;

  g_ptr_array_add (self->namespaces, g_strdup (name));

  return TRUE;
}

/* A veth pair from the bridge into @netns, named @iface there. */
gboolean
_mfm_sim_live_connect_to_switch (MfmSimLive  *self,
                                 const char  *netns,
                                 const char  *iface,
                                 const char  *address,
                                 GError     **error)
{
  g_autofree char *switch_port = g_strconcat (iface, "-sw", NULL);
  g_autofree char *cidr = NULL;

  if (!_mfm_sim_live_run_ip (self, error, "-n", self->switch_netns, "link", "add", switch_port,
                             "type", "veth", "peer", "name", iface, "netns", netns, NULL) ||
      !_mfm_sim_live_run_ip (self, error, "-n", self->switch_netns, "link", "set", switch_port,
                             "master", "br0", "up", NULL) ||
      !_mfm_sim_live_run_ip (self, error, "-n", netns, "link", "set", "lo", "up", NULL) ||
      !_mfm_sim_live_run_ip (self, error, "-n", netns, "link", "set", iface, "up", NULL))
    return FALSE;

  if (address == NULL)
    return TRUE;

  cidr = g_strconcat (address, "/24", NULL);

  return _mfm_sim_live_run_ip (self, error, "-n", netns, "addr", "add", cidr, "dev", iface, NULL);
}
