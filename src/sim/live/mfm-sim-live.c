/* mfm-sim-live.c
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

#include "mfm-isc.h"
#include "mfm-sim-dhcpd.h"
#include "mfm-sim-live.h"

/* Layout: four namespaces of our own, a "switch" holding a bridge, and the primary, the
 * secondary and the client, each joined to the bridge by a veth pair. The links are created
 * from inside the switch namespace, so no interface ever appears in the namespace this process
 * runs in. */

#define DHCPD_PATH            "/usr/sbin/dhcpd"
#define DAEMON_LIFETIME       "3600"
#define CHECK_TIMEOUT         "10"
#define PRIMARY_HOST          1
#define SECONDARY_HOST        2
#define POOL_FIRST_HOST       100
#define POOL_LAST_HOST        199
#define STOP_GRACE_USEC       (2 * G_USEC_PER_SEC)
#define START_WAIT_USEC       (3 * G_USEC_PER_SEC)
#define POLL_USEC             (10 * 1000)

typedef enum
{
  LIVE_PRIMARY,
  LIVE_SECONDARY,
  LIVE_N_DAEMONS,
} LiveRole;

typedef struct
{
  char       *server_ref;
  char       *netns;
  char       *iface;
  char       *address;
  char       *config_path;
  char       *lease_path;
  char       *pid_path;
  char       *log_path;
  /* The configuration the daemon runs with; NULL until the first start. */
  char       *running_config;
  /* The `timeout` process (our child) and the dhcpd it runs. */
  GPid        launcher_pid;
  GPid        dhcpd_pid;
  /* Log parsing of the current run: where it starts, how far it is read, and the last state
   * seen for each failover peer (name → ISC state name). */
  goffset     run_offset;
  goffset     parsed_offset;
  GHashTable *peer_states;
  /* Failover peers declared in running_config. */
  GHashTable *peer_names;
} LiveDaemon;

struct _MfmSimLive
{
  GMutex      lock;
  char       *work_dir;
  char       *ip_path;
  char       *timeout_path;
  char       *switch_netns;
  char       *client_netns;
  char       *client_iface;
  /* Namespaces that exist, in creation order, so cleanup removes exactly those. */
  GPtrArray  *namespaces;
  char       *network;          /* "10.99.7.0" */
  char       *netmask;          /* "255.255.255.0" */
  char       *subnet;           /* "10.99.7.0/24" */
  char       *scope_ref;
  LiveDaemon  daemons[LIVE_N_DAEMONS];
  /* A watchdog that removes the namespaces and kills what runs in them if this process dies
   * without calling mfm_sim_live_free() (a crashed test): it waits for EOF on a pipe whose
   * write end only this process holds. */
  GPid        reaper_pid;
  int         reaper_fd;
};

static guint live_counter;

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

static const char *
micetro_state_name (const char *isc_state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    {
      if (g_str_equal (state_names[i].isc, isc_state))
        return state_names[i].micetro;
    }

  return "Unknown";
}

static char *
find_tool (const char *name,
           const char *fallback)
{
  char *path = g_find_program_in_path (name);

  if (path == NULL && g_file_test (fallback, G_FILE_TEST_IS_EXECUTABLE))
    path = g_strdup (fallback);

  return path;
}

/* Runs @argv to completion; on failure @error carries the command's own message. */
static gboolean
run_command (const char * const  *argv,
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

static gboolean
run_ip (MfmSimLive  *self,
        GError     **error,
        ...) G_GNUC_NULL_TERMINATED;

static gboolean
run_ip (MfmSimLive  *self,
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

  return run_command ((const char * const *) argv->pdata, NULL, error);
}

/* A zombie counts as gone: it is only waiting for its parent. */
static gboolean
process_is_running (GPid pid)
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
static gboolean
child_is_running (GPid *pid)
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

static gboolean
wait_for_child (GPid   *pid,
                gint64  timeout_usec)
{
  gint64 deadline = g_get_monotonic_time () + timeout_usec;

  while (child_is_running (pid))
    {
      if (g_get_monotonic_time () >= deadline)
        return FALSE;
      g_usleep (POLL_USEC);
    }

  return TRUE;
}

static void
live_daemon_clear_run (LiveDaemon *daemon)
{
  daemon->launcher_pid = 0;
  daemon->dhcpd_pid = 0;
  g_hash_table_remove_all (daemon->peer_states);
}

static gboolean
live_daemon_is_running (LiveDaemon *daemon)
{
  if (!child_is_running (&daemon->launcher_pid))
    return FALSE;

  /* The launcher outlives dhcpd by a moment after a kill. */
  return daemon->dhcpd_pid == 0 || process_is_running (daemon->dhcpd_pid);
}

/* SIGTERM (this dhcpd build exits at once on it, with no graceful failover shutdown), then
 * SIGKILL. */
static void
live_daemon_stop (LiveDaemon *daemon)
{
  if (daemon->launcher_pid <= 0)
    return;

  if (daemon->dhcpd_pid > 0 && process_is_running (daemon->dhcpd_pid))
    kill (daemon->dhcpd_pid, SIGTERM);
  else
    kill (daemon->launcher_pid, SIGTERM);

  if (!wait_for_child (&daemon->launcher_pid, STOP_GRACE_USEC))
    {
      g_debug ("dhcpd in %s ignored SIGTERM; killing it", daemon->netns);
      if (daemon->dhcpd_pid > 0 && process_is_running (daemon->dhcpd_pid))
        kill (daemon->dhcpd_pid, SIGKILL);
      kill (daemon->launcher_pid, SIGKILL);
      wait_for_child (&daemon->launcher_pid, STOP_GRACE_USEC);
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

static gboolean
live_daemon_start (MfmSimLive  *self,
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

      if (!child_is_running (&daemon->launcher_pid))
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

/* The lines of `dhcpd -t` that say what is wrong, without the banner and the boilerplate. */
static char *
dhcpd_check_message (const char *output,
                     const char *config_path)
{
  g_auto(GStrv) lines = g_strsplit (output != NULL ? output : "", "\n", -1);
  g_autofree char *file_prefix = g_strconcat (config_path, " ", NULL);
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);
      gboolean keep;

      if (g_str_has_prefix (line, file_prefix))
        line += strlen (file_prefix);

      keep = (g_str_has_prefix (line, "line ") && g_ascii_isdigit (line[5])) ||
             g_str_has_prefix (line, "ERROR") ||
             strstr (line, "sanity check failed") != NULL;
      if (!keep)
        continue;

      if (message->len > 0)
        g_string_append (message, " ");
      g_string_append (message, line);
    }

  if (message->len == 0)
    g_string_append (message, g_strstrip (lines[0] != NULL ? lines[0] : ""));

  return g_string_free (g_steal_pointer (&message), FALSE);
}

static gboolean
check_config (MfmSimLive  *self,
              const char  *path,
              const char  *server_name,
              GError     **error)
{
  const char *argv[] = {
    self->timeout_path, CHECK_TIMEOUT, mfm_sim_dhcpd_get_path (), "-t", "-4", "-cf", path, NULL,
  };
  g_autofree char *standard_error = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                     NULL, NULL, NULL, &standard_error, &wait_status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (wait_status, NULL))
    {
      g_autofree char *message = dhcpd_check_message (standard_error, path);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("dhcpd rejects the configuration of %s: %s"),
                   server_name, message);
      return FALSE;
    }

  return TRUE;
}

static gboolean
text_declares_subnet (const char *text,
                      const char *network,
                      const char *netmask)
{
  g_autofree char *declaration = g_strdup_printf ("subnet %s netmask %s", network, netmask);

  return strstr (text, declaration) != NULL;
}

/* Peer names declared in @config: `failover peer "NAME" {`. */
static void
collect_peer_names (const char *config,
                    GHashTable *names)
{
  const char *cursor = config;

  g_hash_table_remove_all (names);
  while ((cursor = strstr (cursor, "failover peer \"")) != NULL)
    {
      const char *name = cursor + strlen ("failover peer \"");
      const char *end = strchr (name, '"');
      const char *after;

      if (end == NULL)
        break;

      after = end + 1;
      while (*after == ' ' || *after == '\t')
        after++;
      if (*after == '{')
        g_hash_table_add (names, g_strndup (name, end - name));

      cursor = end + 1;
    }
}

/* The rendered configuration plus what a daemon in a namespace needs: no ping before each
 * offer (1 s each), and a subnet declaration for its own interface, without which dhcpd
 * refuses to listen there (until a scope is copied to the secondary it has none). */
static char *
build_daemon_config (MfmSimLive  *self,
                     MfmInventory *inventory,
                     LiveDaemon  *daemon,
                     GError     **error)
{
  MfmServer *server = mfm_inventory_lookup_server (inventory, daemon->server_ref);
  g_autofree char *rendered = NULL;
  g_autoptr(GString) config = g_string_new (NULL);

  if (server == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The live server %s is no longer in the estate."), daemon->server_ref);
      return NULL;
    }

  rendered = mfm_isc_render_server_config (inventory, server, error);
  if (rendered == NULL)
    return NULL;

  /* Appended, so dhcpd's line numbers match the configuration as rendered. */
  g_string_append (config, rendered);
  g_string_append_printf (config,
                          "\n# Live mode: %s on %s in network namespace %s.\n"
                          "ping-check false;\n",
                          mfm_server_get_name (server), daemon->iface, daemon->netns);

  if (!text_declares_subnet (rendered, self->network, self->netmask))
    g_string_append_printf (config,
                            "# The network of %s, so dhcpd listens there.\n"
                            "subnet %s netmask %s {\n}\n",
                            daemon->iface, self->network, self->netmask);

  return g_string_free (g_steal_pointer (&config), FALSE);
}

/* Reads what the daemon logged since the last call and keeps the last state of each peer. */
static void
live_daemon_update_states (LiveDaemon *daemon)
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

static LiveDaemon *
find_daemon (MfmSimLive *self,
             const char *server_ref)
{
  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      if (g_strcmp0 (self->daemons[i].server_ref, server_ref) == 0)
        return &self->daemons[i];
    }

  return NULL;
}

static void
remove_namespaces (MfmSimLive *self)
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

      if (!run_command (del_argv, NULL, &error))
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

static void
start_reaper (MfmSimLive *self,
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

static void
stop_reaper (MfmSimLive *self)
{
  if (self->reaper_fd >= 0)
    {
      g_close (self->reaper_fd, NULL);
      self->reaper_fd = -1;
    }

  if (self->reaper_pid > 0 && !wait_for_child (&self->reaper_pid, STOP_GRACE_USEC))
    {
      kill (self->reaper_pid, SIGKILL);
      wait_for_child (&self->reaper_pid, STOP_GRACE_USEC);
    }
}

static gboolean
is_live_network (const char *network)
{
  return g_str_has_prefix (network, "10.99.");
}

/* Picks the network: a 10.99.x.0/24 scope of the primary that has a pool, or else the first
 * 10.99.x.0/24 no scope of the estate uses. */
static gboolean
choose_network (MfmSimLive   *self,
                MfmInventory *inventory,
                const char   *primary_ref,
                GError      **error)
{
  g_autoptr(GPtrArray) primary_scopes = mfm_inventory_get_scopes_for_server (inventory,
                                                                              primary_ref);
  GListModel *scopes = mfm_inventory_get_scopes (inventory);
  guint n_scopes = g_list_model_get_n_items (scopes);
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < primary_scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (primary_scopes, i);
      g_autofree char *network = NULL;
      g_autofree char *netmask = NULL;

      if (mfm_scope_get_network (scope, &network, &netmask) &&
          is_live_network (network) &&
          g_str_equal (netmask, "255.255.255.0") &&
          mfm_scope_get_pool_count (scope) > 0)
        {
          self->network = g_steal_pointer (&network);
          self->netmask = g_steal_pointer (&netmask);
          self->subnet = g_strdup (mfm_scope_get_subnet (scope));
          self->scope_ref = g_strdup (mfm_scope_get_ref (scope));
          return TRUE;
        }
    }

  for (guint i = 0; i < n_scopes; i++)
    {
      g_autoptr(MfmScope) scope = g_list_model_get_item (scopes, i);
      g_autofree char *network = NULL;
      g_autofree char *netmask = NULL;

      if (mfm_scope_get_network (scope, &network, &netmask))
        g_hash_table_add (used, g_steal_pointer (&network));
    }

  for (guint third = 0; third < 256; third++)
    {
      g_autofree char *network = g_strdup_printf ("10.99.%u.0", third);

      if (!g_hash_table_contains (used, network))
        {
          self->network = g_steal_pointer (&network);
          self->netmask = g_strdup ("255.255.255.0");
          self->subnet = g_strdup_printf ("10.99.%u.0/24", third);
          return TRUE;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("Every network in 10.99.0.0/16 is already in use by a scope."));
  return FALSE;
}

static char *
host_address (MfmSimLive *self,
              guint       host)
{
  g_autofree char *prefix = g_strndup (self->network, strrchr (self->network, '.') - self->network);

  return g_strdup_printf ("%s.%u", prefix, host);
}

static char *
unused_scope_ref (MfmInventory *inventory)
{
  for (guint number = 9900; ; number++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpScopes/%u", number);

      if (mfm_inventory_lookup_scope (inventory, ref) == NULL)
        return g_steal_pointer (&ref);
    }
}

/**
 * mfm_sim_live_bind_inventory:
 *
 * Gives the two servers their namespace addresses in @inventory and adds the live scope to
 * the primary when it has none. mfm_sim_live_new() and mfm_sim_live_apply() call it, so a
 * simulator that keeps its own copy of the estate is bound at its first apply at the latest.
 */
void
mfm_sim_live_bind_inventory (MfmSimLive   *self,
                             MfmInventory *inventory)
{
  g_autofree char *pool_start = NULL;
  g_autofree char *pool_end = NULL;
  g_autoptr(MfmScope) scope = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (MFM_IS_INVENTORY (inventory));

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      MfmServer *server = mfm_inventory_lookup_server (inventory, self->daemons[i].server_ref);

      if (server != NULL && g_strcmp0 (mfm_server_get_address (server),
                                       self->daemons[i].address) != 0)
        mfm_server_set_address (server, self->daemons[i].address);
    }

  if (self->scope_ref == NULL)
    self->scope_ref = unused_scope_ref (inventory);

  if (mfm_inventory_lookup_scope (inventory, self->scope_ref) != NULL)
    return;

  pool_start = host_address (self, POOL_FIRST_HOST);
  pool_end = host_address (self, POOL_LAST_HOST);
  scope = mfm_scope_new (self->scope_ref, self->subnet,
                         self->daemons[LIVE_PRIMARY].server_ref, self->subnet);
  mfm_scope_set_description (scope, _("Live failover test network"));
  mfm_scope_add_pool (scope, pool_start, pool_end, NULL);
  mfm_inventory_add_scope (inventory, scope);
}

/**
 * mfm_sim_live_get_scope_ref:
 *
 * The ref of the primary's scope for the namespaces' network, the one a relationship needs so
 * that the daemons serve it and a client gets a lease.
 */
const char *
mfm_sim_live_get_scope_ref (MfmSimLive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->scope_ref;
}

/**
 * mfm_sim_live_get_subnet:
 *
 * The namespaces' network in CIDR notation ("10.99.0.0/24").
 */
const char *
mfm_sim_live_get_subnet (MfmSimLive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->subnet;
}

static gboolean
apparmor_confines_dhcpd (void)
{
  g_autofree char *profiles = NULL;

  if (!g_file_get_contents ("/sys/kernel/security/apparmor/profiles", &profiles, NULL, NULL))
    return FALSE;

  return strstr (profiles, "/usr/sbin/dhcpd (enforce)") != NULL;
}

gboolean
mfm_sim_live_is_supported (char **reason)
{
  g_autofree char *ip = find_tool ("ip", "/usr/sbin/ip");
  g_autofree char *timeout_path = find_tool ("timeout", "/usr/bin/timeout");
  g_autofree char *probe = NULL;
  g_autoptr(GError) error = NULL;
  const char *why = NULL;
  g_autofree char *why_owned = NULL;

  if (!g_file_test (DHCPD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    why = _("ISC dhcpd is not installed (/usr/sbin/dhcpd is missing).");
  else if (ip == NULL)
    why = _("The ip command (iproute2) is not installed.");
  else if (timeout_path == NULL)
    why = _("The timeout command (coreutils) is not installed.");
  else if (geteuid () != 0)
    why = _("Creating network namespaces needs root.");
  else if (g_strcmp0 (mfm_sim_dhcpd_get_path (), DHCPD_PATH) == 0 && apparmor_confines_dhcpd ())
    why = _("AppArmor confines dhcpd to its system paths, so it cannot use a private directory.");

  if (why == NULL)
    {
      const char *add_argv[] = { ip, "netns", "add", NULL, NULL };
      const char *del_argv[] = { ip, "netns", "delete", NULL, NULL };

      probe = g_strdup_printf ("mfm-probe-%d-%u", (int) getpid (), g_random_int ());
      add_argv[3] = del_argv[3] = probe;
      if (!run_command (add_argv, NULL, &error))
        why = why_owned = g_strdup_printf (_("Network namespaces cannot be created here: %s"),
                                           error->message);
      else if (!run_command (del_argv, NULL, &error))
        why = why_owned = g_strdup_printf (_("A test network namespace could not be removed: %s"),
                                           error->message);
    }

  if (reason != NULL)
    *reason = why != NULL ? g_strdup (why) : NULL;

  return why == NULL;
}

static void
live_daemon_clear (LiveDaemon *daemon)
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

static gboolean
add_namespace (MfmSimLive  *self,
               const char  *name,
               GError     **error)
{
  if (!run_ip (self, error, "netns", "add", name, NULL))
    return FALSE;

  g_ptr_array_add (self->namespaces, g_strdup (name));

  return TRUE;
}

/* A veth pair from the bridge into @netns, named @iface there. */
static gboolean
connect_to_switch (MfmSimLive  *self,
                   const char  *netns,
                   const char  *iface,
                   const char  *address,
                   GError     **error)
{
  g_autofree char *switch_port = g_strconcat (iface, "-sw", NULL);
  g_autofree char *cidr = NULL;

  if (!run_ip (self, error, "-n", self->switch_netns, "link", "add", switch_port,
               "type", "veth", "peer", "name", iface, "netns", netns, NULL) ||
      !run_ip (self, error, "-n", self->switch_netns, "link", "set", switch_port,
               "master", "br0", "up", NULL) ||
      !run_ip (self, error, "-n", netns, "link", "set", "lo", "up", NULL) ||
      !run_ip (self, error, "-n", netns, "link", "set", iface, "up", NULL))
    return FALSE;

  if (address == NULL)
    return TRUE;

  cidr = g_strconcat (address, "/24", NULL);

  return run_ip (self, error, "-n", netns, "addr", "add", cidr, "dev", iface, NULL);
}

MfmSimLive *
mfm_sim_live_new (const char    *work_dir,
                  MfmInventory  *inventory,
                  const char    *primary_ref,
                  const char    *secondary_ref,
                  GError       **error)
{
  g_autoptr(MfmSimLive) self = NULL;
  g_autofree char *prefix = NULL;
  const char *watched[4];
  const char *roles[LIVE_N_DAEMONS] = { "primary", "secondary" };
  const char *ifaces[LIVE_N_DAEMONS] = { "p0", "s0" };
  const guint hosts[LIVE_N_DAEMONS] = { PRIMARY_HOST, SECONDARY_HOST };
  const char *refs[LIVE_N_DAEMONS] = { primary_ref, secondary_ref };

  g_return_val_if_fail (work_dir != NULL, NULL);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (primary_ref != NULL, NULL);
  g_return_val_if_fail (secondary_ref != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      MfmServer *server = mfm_inventory_lookup_server (inventory, refs[i]);

      if (server == NULL || !mfm_server_is_isc (server))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       _("%s is not an ISC server of the estate."), refs[i]);
          return NULL;
        }
    }

  if (g_str_equal (primary_ref, secondary_ref))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("The primary and the secondary must be different servers."));
      return NULL;
    }

  self = g_new0 (MfmSimLive, 1);
  g_mutex_init (&self->lock);
  self->reaper_fd = -1;
  self->namespaces = g_ptr_array_new_with_free_func (g_free);
  self->work_dir = g_canonicalize_filename (work_dir, NULL);
  self->ip_path = find_tool ("ip", "/usr/sbin/ip");
  self->timeout_path = find_tool ("timeout", "/usr/bin/timeout");

  if (self->ip_path == NULL || self->timeout_path == NULL ||
      !g_file_test (DHCPD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_autofree char *reason = NULL;

      mfm_sim_live_is_supported (&reason);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                   reason != NULL ? reason : _("Live mode is not supported here."));
      return NULL;
    }

  if (g_mkdir_with_parents (self->work_dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not create %s: %s"), self->work_dir, g_strerror (saved_errno));
      return NULL;
    }

  if (!choose_network (self, inventory, primary_ref, error))
    return NULL;

  prefix = g_strdup_printf ("mfm-%d-%u", (int) getpid (),
                            (guint) g_atomic_int_add (&live_counter, 1));
  self->switch_netns = g_strconcat (prefix, "-sw", NULL);
  self->client_netns = g_strconcat (prefix, "-c", NULL);
  self->client_iface = g_strdup ("c0");

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      LiveDaemon *daemon = &self->daemons[i];
      g_autofree char *base = g_build_filename (self->work_dir, roles[i], NULL);

      daemon->server_ref = g_strdup (refs[i]);
      daemon->netns = g_strdup_printf ("%s-%c", prefix, roles[i][0]);
      daemon->iface = g_strdup (ifaces[i]);
      daemon->address = host_address (self, hosts[i]);
      daemon->config_path = g_strconcat (base, ".conf", NULL);
      daemon->lease_path = g_strconcat (base, ".leases", NULL);
      daemon->pid_path = g_strconcat (base, ".pid", NULL);
      daemon->log_path = g_strconcat (base, ".log", NULL);
      daemon->peer_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      daemon->peer_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    }

  /* The watchdog knows every name before the first one exists. */
  watched[0] = self->daemons[LIVE_PRIMARY].netns;
  watched[1] = self->daemons[LIVE_SECONDARY].netns;
  watched[2] = self->client_netns;
  watched[3] = self->switch_netns;
  start_reaper (self, watched, G_N_ELEMENTS (watched));

  if (!add_namespace (self, self->switch_netns, error) ||
      !run_ip (self, error, "-n", self->switch_netns, "link", "add", "br0",
               "type", "bridge", NULL) ||
      !run_ip (self, error, "-n", self->switch_netns, "link", "set", "br0", "up", NULL))
    return NULL;

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      LiveDaemon *daemon = &self->daemons[i];

      if (!add_namespace (self, daemon->netns, error) ||
          !connect_to_switch (self, daemon->netns, daemon->iface, daemon->address, error))
        return NULL;
    }

  if (!add_namespace (self, self->client_netns, error) ||
      !connect_to_switch (self, self->client_netns, self->client_iface, NULL, error))
    return NULL;

  mfm_sim_live_bind_inventory (self, inventory);

  /* The daemons run the estate as it is from the start, so relationships that already have
   * scopes report live states before the first write. */
  if (!mfm_sim_live_apply (self, inventory, error))
    return NULL;

  g_debug ("live network %s: primary %s in %s, secondary %s in %s, client in %s",
           self->subnet,
           self->daemons[LIVE_PRIMARY].address, self->daemons[LIVE_PRIMARY].netns,
           self->daemons[LIVE_SECONDARY].address, self->daemons[LIVE_SECONDARY].netns,
           self->client_netns);

  return g_steal_pointer (&self);
}

gboolean
mfm_sim_live_apply (MfmSimLive    *self,
                    MfmInventory  *inventory,
                    GError       **error)
{
  g_autoptr(GPtrArray) configs = g_ptr_array_new_full (LIVE_N_DAEMONS, g_free);
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);

  mfm_sim_live_bind_inventory (self, inventory);

  /* Everything is checked before any daemon is touched. */
  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      LiveDaemon *daemon = &self->daemons[i];
      MfmServer *server;
      g_autofree char *check_path = NULL;
      gboolean accepted;

      char *config = build_daemon_config (self, inventory, daemon, error);

      if (config == NULL)
        return FALSE;
      g_ptr_array_add (configs, config);

      if (g_strcmp0 (config, daemon->running_config) == 0)
        continue;

      server = mfm_inventory_lookup_server (inventory, daemon->server_ref);
      check_path = g_strconcat (daemon->config_path, ".new", NULL);
      if (!g_file_set_contents (check_path, config, -1, error))
        return FALSE;

      accepted = check_config (self, check_path, mfm_server_get_name (server), error);
      if (!accepted)
        {
          g_unlink (check_path);
          return FALSE;
        }
    }

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      LiveDaemon *daemon = &self->daemons[i];
      g_autofree char *check_path = NULL;

      if (g_strcmp0 (g_ptr_array_index (configs, i), daemon->running_config) == 0)
        continue;

      check_path = g_strconcat (daemon->config_path, ".new", NULL);
      if (g_rename (check_path, daemon->config_path) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _("Could not write %s: %s"), daemon->config_path,
                       g_strerror (saved_errno));
          return FALSE;
        }

      live_daemon_stop (daemon);
      g_clear_pointer (&daemon->running_config, g_free);
      collect_peer_names (g_ptr_array_index (configs, i), daemon->peer_names);
      if (!live_daemon_start (self, daemon, error))
        return FALSE;

      daemon->running_config = g_steal_pointer (&configs->pdata[i]);
    }

  return TRUE;
}

/* The primary's view while it runs; the secondary's when the primary is down (its partner
 * is then what it reports, usually "Communications interrupted"). A running daemon that
 * has the peer configured but has not logged a state for it yet is starting up. */
char *
mfm_sim_live_dup_state (MfmSimLive *self,
                        const char *relationship_name)
{
  g_autoptr(GMutexLocker) locker = NULL;
  const LiveRole order[] = { LIVE_PRIMARY, LIVE_SECONDARY };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (relationship_name != NULL, NULL);

  locker = g_mutex_locker_new (&self->lock);

  for (guint i = 0; i < G_N_ELEMENTS (order); i++)
    {
      LiveDaemon *daemon = &self->daemons[order[i]];
      const char *isc_state;

      if (!g_hash_table_contains (daemon->peer_names, relationship_name) ||
          !live_daemon_is_running (daemon))
        continue;

      live_daemon_update_states (daemon);
      isc_state = g_hash_table_lookup (daemon->peer_states, relationship_name);

      return g_strdup (isc_state != NULL ? micetro_state_name (isc_state) : "Startup");
    }

  return NULL;
}

GPid
mfm_sim_live_get_pid (MfmSimLive *self,
                      const char *server_ref)
{
  g_autoptr(GMutexLocker) locker = NULL;
  LiveDaemon *daemon;

  g_return_val_if_fail (self != NULL, 0);

  locker = g_mutex_locker_new (&self->lock);
  daemon = find_daemon (self, server_ref);
  if (daemon == NULL || !live_daemon_is_running (daemon))
    return 0;

  return daemon->dhcpd_pid;
}

gboolean
mfm_sim_live_restart (MfmSimLive  *self,
                      const char  *server_ref,
                      GError     **error)
{
  g_autoptr(GMutexLocker) locker = NULL;
  LiveDaemon *daemon;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  locker = g_mutex_locker_new (&self->lock);
  daemon = find_daemon (self, server_ref);
  if (daemon == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s is not one of the live servers."), server_ref);
      return FALSE;
    }

  if (daemon->running_config == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                   _("The daemon of %s has no configuration yet."), server_ref);
      return FALSE;
    }

  live_daemon_stop (daemon);

  return live_daemon_start (self, daemon, error);
}

const char *
mfm_sim_live_get_client_netns (MfmSimLive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->client_netns;
}

/**
 * mfm_sim_live_get_client_iface:
 *
 * The client namespace's interface on the live network ("c0").
 */
const char *
mfm_sim_live_get_client_iface (MfmSimLive *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->client_iface;
}

/**
 * mfm_sim_live_get_log_path:
 *
 * The file that collects what the daemon of @server_ref printed, over every restart.
 */
const char *
mfm_sim_live_get_log_path (MfmSimLive *self,
                           const char *server_ref)
{
  LiveDaemon *daemon;

  g_return_val_if_fail (self != NULL, NULL);

  daemon = find_daemon (self, server_ref);

  return daemon != NULL ? daemon->log_path : NULL;
}

/**
 * mfm_sim_live_get_config_path:
 *
 * The dhcpd.conf the daemon of @server_ref was last started with (`dhcpd -cf`).
 */
const char *
mfm_sim_live_get_config_path (MfmSimLive *self,
                              const char *server_ref)
{
  LiveDaemon *daemon;

  g_return_val_if_fail (self != NULL, NULL);

  daemon = find_daemon (self, server_ref);

  return daemon != NULL ? daemon->config_path : NULL;
}

void
mfm_sim_live_free (MfmSimLive *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    {
      if (self->daemons[i].peer_states != NULL)
        live_daemon_stop (&self->daemons[i]);
    }

  if (self->namespaces != NULL)
    remove_namespaces (self);
  stop_reaper (self);

  for (guint i = 0; i < LIVE_N_DAEMONS; i++)
    live_daemon_clear (&self->daemons[i]);

  g_clear_pointer (&self->namespaces, g_ptr_array_unref);
  g_free (self->work_dir);
  g_free (self->ip_path);
  g_free (self->timeout_path);
  g_free (self->switch_netns);
  g_free (self->client_netns);
  g_free (self->client_iface);
  g_free (self->network);
  g_free (self->netmask);
  g_free (self->subnet);
  g_free (self->scope_ref);
  g_mutex_clear (&self->lock);
  g_free (self);
}

static gboolean
live_backend_apply (gpointer       data,
                    MfmInventory  *inventory,
                    GPtrArray     *server_refs,
                    GError       **error)
{
  return mfm_sim_live_apply (data, inventory, error);
}

static char *
live_backend_dup_state (gpointer    data,
                        const char *relationship_name)
{
  return mfm_sim_live_dup_state (data, relationship_name);
}

static const MfmSimulatorBackend live_backend = {
  .apply = live_backend_apply,
  .dup_state = live_backend_dup_state,
};

void
mfm_sim_live_attach (MfmSimLive   *self,
                     MfmSimulator *simulator)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (MFM_IS_SIMULATOR (simulator));

  mfm_simulator_add_backend (simulator, &live_backend, self, (GDestroyNotify) mfm_sim_live_free);
}
