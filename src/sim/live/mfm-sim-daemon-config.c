/* mfm-sim-daemon-config.c
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
#include "mfm-sim-live-private.h"

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

gboolean
_mfm_sim_live_check_config (MfmSimLive  *self,
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
void
_mfm_sim_live_collect_peer_names (const char *config,
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
char *
_mfm_sim_live_build_daemon_config (MfmSimLive  *self,
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
