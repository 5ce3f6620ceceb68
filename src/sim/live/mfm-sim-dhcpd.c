/* mfm-sim-dhcpd.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "mfm-error.h"
#include "mfm-isc.h"
#include "mfm-sim-dhcpd.h"

#define CHECK_TIMEOUT_SECONDS 10

typedef struct
{
  gboolean      done;
  gboolean      timed_out;
  char         *output;
  GError       *error;
  GSubprocess  *process;
  GCancellable *cancellable;
} CheckRun;

static void
on_communicated (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CheckRun *run = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (object), result, &run->output, NULL,
                                        &run->error);
  run->done = TRUE;
}

static gboolean
on_check_timeout (gpointer user_data)
{
  CheckRun *run = user_data;

  run->timed_out = TRUE;
  g_subprocess_force_exit (run->process);
  g_cancellable_cancel (run->cancellable);
  return G_SOURCE_REMOVE;
}

/* dhcpd's message without its banner and its "report a bug" boilerplate. */
static char *
extract_message (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output != NULL ? output : "", "\n", -1);
  g_autoptr(GString) message = g_string_new (NULL);
  gboolean in_banner = TRUE;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = g_strstrip (lines[i]);

      if (in_banner)
        {
          if (g_str_has_prefix (line, "Internet Systems Consortium") ||
              g_str_has_prefix (line, "Copyright") ||
              g_str_has_prefix (line, "All rights reserved") ||
              g_str_has_prefix (line, "For info, please visit"))
            continue;
          in_banner = FALSE;
        }
      if (g_str_has_prefix (line, "If you think you have received"))
        break;
      /* Drop the caret line under the quoted configuration. */
      if (*line == '\0' || strspn (line, "^ ") == strlen (line))
        continue;
      if (message->len > 0)
        g_string_append (message, "\n");
      g_string_append (message, line);
    }

  /* dhcpd names the file and line of each error; those lines say it all. */
  {
    g_auto(GStrv) kept = g_strsplit (message->str, "\n", -1);
    g_autoptr(GRegex) located = g_regex_new ("line [0-9]+: ", 0, 0, NULL);
    g_autoptr(GString) errors = g_string_new (NULL);

    for (guint i = 0; kept[i] != NULL; i++)
      if (g_regex_match (located, kept[i], 0, NULL))
        g_string_append_printf (errors, "%s%s", errors->len > 0 ? "\n" : "", kept[i]);
    if (errors->len > 0)
      return g_string_free (g_steal_pointer (&errors), FALSE);
  }

  return g_string_free (g_steal_pointer (&message), FALSE);
}

static gboolean
apparmor_enabled (void)
{
  g_autofree char *enabled = NULL;

  return g_file_get_contents ("/sys/module/apparmor/parameters/enabled", &enabled, NULL, NULL) &&
         enabled[0] == 'Y';
}

/* Copies dhcpd into the user's runtime directory once; an existing copy of the same size is
 * reused. The copy goes to a name of its own first and is renamed into place, so processes
 * that start side by side never run a half-written file. */
static char *
make_private_copy (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_runtime_dir (), "failover-manager", NULL);
  g_autofree char *target = g_build_filename (dir, "dhcpd", NULL);
  g_autofree char *partial = g_strdup_printf ("%s.%d", target, (int) getpid ());
  g_autoptr(GFile) source_file = g_file_new_for_path (MFM_SIM_DHCPD_PATH);
  g_autoptr(GFile) partial_file = g_file_new_for_path (partial);
  g_autoptr(GError) error = NULL;
  GStatBuf source_stat, target_stat;

  if (g_stat (MFM_SIM_DHCPD_PATH, &source_stat) != 0)
    return NULL;
  if (g_stat (target, &target_stat) == 0 && target_stat.st_size == source_stat.st_size &&
      g_file_test (target, G_FILE_TEST_IS_EXECUTABLE))
    return g_steal_pointer (&target);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      g_debug ("No private copy of dhcpd: cannot create %s: %s", dir, g_strerror (errno));
      return NULL;
    }
  if (!g_file_copy (source_file, partial_file, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    {
      g_debug ("No private copy of dhcpd: %s", error->message);
      return NULL;
    }
  if (g_chmod (partial, 0755) != 0 || g_rename (partial, target) != 0)
    {
      g_debug ("No private copy of dhcpd in %s: %s", dir, g_strerror (errno));
      g_unlink (partial);
      return NULL;
    }

  return g_steal_pointer (&target);
}

const char *
mfm_sim_dhcpd_get_path (void)
{
  static const char *path = NULL;

  if (g_once_init_enter (&path))
    {
      char *chosen = NULL;

      if (apparmor_enabled () && g_file_test (MFM_SIM_DHCPD_PATH, G_FILE_TEST_IS_EXECUTABLE))
        chosen = make_private_copy ();
      if (chosen != NULL)
        g_debug ("AppArmor is enabled: running dhcpd as %s", chosen);
      g_once_init_leave (&path, chosen != NULL ? chosen : g_strdup (MFM_SIM_DHCPD_PATH));
    }

  return path;
}

gboolean
mfm_sim_dhcpd_check_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  g_autoptr(GSource) timeout = NULL;
  g_autofree char *message = NULL;
  CheckRun run = { 0 };
  gboolean exited;
  int status;

  g_return_val_if_fail (path != NULL, FALSE);

  if (!g_file_test (MFM_SIM_DHCPD_PATH, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "%s is not installed, so the configuration cannot be checked",
                   MFM_SIM_DHCPD_PATH);
      return FALSE;
    }

  /* A context of our own, so the wait neither runs nor blocks the caller's sources. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE,
                              error, mfm_sim_dhcpd_get_path (), "-t", "-4", "-cf", path, NULL);
  if (process == NULL)
    {
      g_main_context_pop_thread_default (context);
      return FALSE;
    }

  cancellable = g_cancellable_new ();
  run.process = process;
  run.cancellable = cancellable;
  g_subprocess_communicate_utf8_async (process, NULL, cancellable, on_communicated, &run);
  timeout = g_timeout_source_new_seconds (CHECK_TIMEOUT_SECONDS);
  g_source_set_callback (timeout, on_check_timeout, &run, NULL);
  g_source_attach (timeout, context);

  while (!run.done)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (timeout);
  if (!run.timed_out)
    g_subprocess_wait (process, NULL, NULL);
  g_main_context_pop_thread_default (context);

  if (run.timed_out)
    {
      g_clear_error (&run.error);
      g_free (run.output);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "dhcpd did not finish checking %s within %d seconds", path,
                   CHECK_TIMEOUT_SECONDS);
      return FALSE;
    }
  if (run.error != NULL)
    {
      g_free (run.output);
      g_propagate_error (error, run.error);
      return FALSE;
    }

  /* The exit status exists only when dhcpd exited; a signal leaves none to read. */
  exited = g_subprocess_get_if_exited (process);
  status = exited ? g_subprocess_get_exit_status (process) : -1;
  message = extract_message (run.output);
  g_free (run.output);
  if (!exited || status != 0)
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_SERVER, "%s",
                   *message != '\0' ? message : "dhcpd rejected the configuration");
      return FALSE;
    }

  return TRUE;
}

static gboolean
write_and_check_server (MfmInventory  *inventory,
                        const char    *dir,
                        MfmServer     *server,
                        GError       **error)
{
  g_autofree char *config = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  config = mfm_isc_render_server_config (inventory, server, &local_error);
  if (config == NULL)
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_SERVER,
                   "The configuration of %s could not be written: %s",
                   mfm_server_get_display_name (server), local_error->message);
      return FALSE;
    }

  basename = g_strdup_printf ("%s.conf", mfm_server_get_display_name (server));
  path = g_build_filename (dir, basename, NULL);
  if (!g_file_set_contents (path, config, -1, error))
    return FALSE;

  if (!mfm_sim_dhcpd_check_file (path, &local_error))
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_SERVER,
                   "dhcpd rejected the configuration of %s: %s",
                   mfm_server_get_display_name (server), local_error->message);
      return FALSE;
    }

  return TRUE;
}

gboolean
mfm_sim_dhcpd_write_and_check (MfmInventory  *inventory,
                               const char    *dir,
                               GPtrArray     *server_refs,
                               GError       **error)
{
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), FALSE);
  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (server_refs == NULL)
    {
      GListModel *servers = mfm_inventory_get_servers (inventory);
      guint n = g_list_model_get_n_items (servers);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

          if (mfm_server_is_isc (server) &&
              !write_and_check_server (inventory, dir, server, error))
            return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; i < server_refs->len; i++)
    {
      MfmServer *server = mfm_inventory_lookup_server (inventory,
                                                       g_ptr_array_index (server_refs, i));

      if (server != NULL && mfm_server_is_isc (server) &&
          !write_and_check_server (inventory, dir, server, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
dhcpd_backend_start (gpointer       data,
                     MfmInventory  *inventory,
                     GError       **error)
{
  return mfm_sim_dhcpd_write_and_check (inventory, data, NULL, error);
}

static gboolean
dhcpd_backend_apply (gpointer       data,
                     MfmInventory  *inventory,
                     GPtrArray     *server_refs,
                     GError       **error)
{
  return mfm_sim_dhcpd_write_and_check (inventory, data, server_refs, error);
}

static void
dhcpd_backend_revert (gpointer      data,
                      MfmInventory *inventory,
                      GPtrArray    *server_refs)
{
  mfm_sim_dhcpd_write_and_check (inventory, data, server_refs, NULL);
}

static const MfmSimulatorBackend dhcpd_backend = {
  .start = dhcpd_backend_start,
  .apply = dhcpd_backend_apply,
  .revert = dhcpd_backend_revert,
};

void
mfm_sim_dhcpd_attach (MfmSimulator *simulator,
                      const char   *dir)
{
  g_return_if_fail (MFM_IS_SIMULATOR (simulator));
  g_return_if_fail (dir != NULL);

  mfm_simulator_add_backend (simulator, &dhcpd_backend, g_strdup (dir), g_free);
}
