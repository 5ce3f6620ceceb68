/* mfm-simulator-main.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>

#include "mfm-sim-dataset.h"
#include "mfm-sim-dhcpd.h"
#include "mfm-sim-faults.h"
#include "mfm-sim-live.h"
#include "mfm-simulator.h"
#include "mfm-wire.h"

static gint port;
static char *dataset;
static char *generate;
static gint seed;
static gint latency;
static double fail_rate;
static double malformed_rate;
static gint session_ttl;
static char *tls_cert;
static char *tls_key;
static char *record;
static char *dhcpd_dir;
static gint max_page_size;
static char *live;
static char *live_dir;
static char **faults;
static char *dialect;
static char *reset_after_write;
static char **relationship_states;
static char **dropped_scopes;

static const GOptionEntry entries[] = {
  { "port", 'p', 0, G_OPTION_ARG_INT, &port,
    N_("Port to listen on at 127.0.0.1; 0 picks a free one"), N_("N") },
  { "dataset", 'd', 0, G_OPTION_ARG_FILENAME, &dataset,
    N_("Serve the estate in this JSON file instead of the demo"), N_("FILE") },
  { "generate", 'g', 0, G_OPTION_ARG_STRING, &generate,
    N_("Serve a generated estate of this many servers, relationships and scopes"),
    N_("SERVERS,RELATIONSHIPS,SCOPES") },
  { "seed", 0, 0, G_OPTION_ARG_INT, &seed,
    N_("Seed for the generated estate and for the fault dice"), N_("N") },
  { "latency", 0, 0, G_OPTION_ARG_INT, &latency,
    N_("Delay every response by this many milliseconds"), N_("MS") },
  { "fail-rate", 0, 0, G_OPTION_ARG_DOUBLE, &fail_rate,
    N_("Share of calls, from 0 to 1, that fail with HTTP 500 or a dropped connection"), N_("R") },
  { "malformed-rate", 0, 0, G_OPTION_ARG_DOUBLE, &malformed_rate,
    N_("Share of calls, from 0 to 1, answered with broken JSON, wrong types or an HTML page"),
    N_("R") },
  { "reset-after-write", 0, 0, G_OPTION_ARG_STRING, &reset_after_write,
    N_("Carry out the Nth write command (counting only COMMAND when given), then close its connection without an answer"),
    N_("[COMMAND:]N") },
  { "session-ttl", 0, 0, G_OPTION_ARG_INT, &session_ttl,
    N_("Sessions expire this many seconds after login; 0 keeps them forever"), N_("S") },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &tls_cert,
    N_("Serve HTTPS with this PEM certificate (needs --tls-key)"), N_("FILE") },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &tls_key,
    N_("PEM private key of the certificate"), N_("FILE") },
  { "record", 0, 0, G_OPTION_ARG_FILENAME, &record,
    N_("Write every call received to this file, one JSON line each, secrets hidden"), N_("FILE") },
  { "dhcpd-dir", 0, 0, G_OPTION_ARG_FILENAME, &dhcpd_dir,
    N_("Keep each ISC server’s dhcpd.conf here, rewritten and checked with dhcpd -t after every change"),
    N_("DIR") },
  { "max-page-size", 0, 0, G_OPTION_ARG_INT, &max_page_size,
    N_("Largest number of objects one list call returns (default 1000)"), N_("N") },
  { "live", 0, 0, G_OPTION_ARG_STRING, &live,
    N_("Run two ISC servers of the estate as real dhcpd processes in network namespaces"),
    N_("PRIMARY_REF,SECONDARY_REF") },
  { "live-dir", 0, 0, G_OPTION_ARG_FILENAME, &live_dir,
    N_("Working directory of live mode (default: a new temporary directory)"), N_("DIR") },
  { "fault", 0, 0, G_OPTION_ARG_STRING_ARRAY, &faults,
    N_("Answer like a broken server, for testing clients (repeatable): endless-pages, huge-total, "
       "ignore-offset, repeated-refs, long-names, bare-login, huge-numbers, cut-answers or "
       "repeated-names"),
    N_("NAME") },
  { "dialect", 0, 0, G_OPTION_ARG_STRING, &dialect,
    N_("Speak this dialect of the API: documented (the default) or alt (partnerPort, no state, the network on the scope)"),
    N_("NAME") },
  { "relationship-state", 0, 0, G_OPTION_ARG_STRING_ARRAY, &relationship_states,
    N_("Report this failover state for a relationship, for trying the health checks (repeatable)"),
    N_("NAME=STATE") },
  { "drop-scope", 0, 0, G_OPTION_ARG_STRING_ARRAY, &dropped_scopes,
    N_("Remove one server's copy of the scope of a network, so that the partners differ (repeatable)"),
    N_("SERVER_REF=NETWORK") },
  { NULL }
};

/* Benchmarks of a refresh that brings new servers: with MFM_SIMULATOR_GROW=N in the
 * environment, each SIGUSR1 adds N ISC servers, as if someone had added them in Micetro. */
static gboolean
on_grow_signal (gpointer user_data)
{
  MfmSimulator *simulator = user_data;
  guint n = (guint) g_ascii_strtoull (g_getenv ("MFM_SIMULATOR_GROW"), NULL, 10);
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  static guint round;

  round++;
  for (guint i = 0; i < n; i++)
    {
      guint id = 50000000 + round * 100000 + i;
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", id);
      g_autofree char *name = g_strdup_printf ("dhcp-grown-%u-%u.corp.example.net.", round, i);
      g_autofree char *address = g_strdup_printf ("10.%u.%u.%u", round & 0xff, (i >> 8) & 0xff, i & 0xff);
      MfmServer *server = mfm_server_new (ref, name, address, "ISC", "OK");

      mfm_server_set_enabled (server, TRUE);
      g_ptr_array_add (servers, server);
    }
  mfm_simulator_add_servers (simulator, servers);

  return G_SOURCE_CONTINUE;
}

static gboolean
on_quit_signal (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
parse_counts (const char  *text,
              guint        counts[3],
              GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);

  if (g_strv_length (parts) != 3)
    goto invalid;
  for (guint i = 0; i < 3; i++)
    {
      guint64 value;

      if (!g_ascii_string_to_unsigned (g_strstrip (parts[i]), 10, 0, 10000000, &value, NULL))
        goto invalid;
      counts[i] = (guint) value;
    }
  return TRUE;

invalid:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               _("--generate needs three numbers, for example 10000,5000,50000"));
  return FALSE;
}

static gboolean
setup_live (MfmSimulator  *simulator,
            GError       **error)
{
  g_auto(GStrv) refs = g_strsplit (live, ",", -1);
  g_autofree char *reason = NULL;
  g_autofree char *dir = NULL;
  MfmSimLive *live_mode;

  if (g_strv_length (refs) != 2)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--live needs two server refs, for example dhcpServers/24,dhcpServers/25"));
      return FALSE;
    }
  if (!mfm_sim_live_is_supported (&reason))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   _("Live mode is not available: %s"), reason);
      return FALSE;
    }
  dir = live_dir != NULL ? g_strdup (live_dir) : g_dir_make_tmp ("mfm-live-XXXXXX", error);
  if (dir == NULL)
    return FALSE;
  live_mode = mfm_sim_live_new (dir, mfm_simulator_get_inventory (simulator), refs[0], refs[1],
                                error);
  if (live_mode == NULL)
    return FALSE;
  mfm_sim_live_attach (live_mode, simulator);
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(MfmSimulator) simulator = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *description = NULL;
  guint sigint, sigterm;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MFM_LOCALEDIR") != NULL ? g_getenv ("MFM_LOCALEDIR") : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  summary = g_strdup_printf (
    /* Translators: the four %s are JSON member names, keep them as they are. */
    _("Serves the Micetro JSON-RPC API for DHCP failover on 127.0.0.1, from the built-in demo "
      "estate, a generated one or a dataset file. The first line printed is the address to "
      "connect to. Users: admin (password admin) and viewer (password viewer, read-only).\n\n"
      "A dataset file is a JSON object with the lists “%s”, “%s” (each scope with its "
      "“%s”) and “%s”, written the way the API returns them."),
    MFM_WIRE_RESULT_SERVERS, MFM_WIRE_RESULT_SCOPES, MFM_SIM_DATASET_POOLS,
    MFM_WIRE_RESULT_RELATIONSHIPS);
  g_option_context_set_summary (context, summary);
  description = g_strconcat (
    _("Examples:\n"
      "  mfm-simulator --port 8080\n"
      "      The demo estate on http://127.0.0.1:8080\n"
      "  mfm-simulator --port 0 --generate 10000,5000,50000 --seed 7\n"
      "      A large generated estate on a free port\n"
      "  mfm-simulator --dataset estate.json --record calls.jsonl\n"
      "      Your own estate, with every call written to calls.jsonl\n"
      "  mfm-simulator --latency 300 --fail-rate 0.1 --malformed-rate 0.05 --seed 1\n"
      "      A slow, unreliable server that fails the same way on every run\n"
      "  mfm-simulator --session-ttl 60\n"
      "      Sessions that expire one minute after login\n"
      "  mfm-simulator --tls-cert cert.pem --tls-key key.pem\n"
      "      HTTPS with your own certificate\n"
      "  mfm-simulator --dhcpd-dir /tmp/dhcpd --max-page-size 100\n"
      "      Each change checked by dhcpd -t; lists in pages of 100\n"
      "  mfm-simulator --live dhcpServers/24,dhcpServers/25 --live-dir /tmp/live\n"
      "      Two servers run as real dhcpd processes (needs root)\n"),
    _("  mfm-simulator --dialect alt --record calls.jsonl\n"
      "      Another plausible dialect of the API, to see which names a client writes\n"),
    NULL);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    goto fail;
  if (port < 0 || port > 65535 || latency < 0 || latency > MFM_SIMULATOR_MAX_LATENCY_MS ||
      session_ttl < 0 || max_page_size < 0 ||
      fail_rate < 0 || fail_rate > 1 || malformed_rate < 0 || malformed_rate > 1)
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("A value is out of range: see --help"));
      goto fail;
    }
  if ((tls_cert == NULL) != (tls_key == NULL))
    {
      g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("--tls-cert and --tls-key go together"));
      goto fail;
    }

  simulator = mfm_simulator_new ();
  g_object_set (simulator,
                "latency-ms", (guint) latency,
                "fail-rate", fail_rate,
                "malformed-rate", malformed_rate,
                "session-ttl", (guint) session_ttl,
                "record-path", record,
                "seed", (guint) seed,
                NULL);
  /* Before live mode, so that a change dhcpd rejects never reaches the daemons. */
  if (dhcpd_dir != NULL)
    mfm_sim_dhcpd_attach (simulator, dhcpd_dir);
  if (max_page_size > 0)
    g_object_set (simulator, "max-page-size", (guint) max_page_size, NULL);
  if (faults != NULL)
    {
      g_autofree char *names = g_strjoinv (",", faults);
      g_autofree char *unknown = NULL;
      MfmSimFaults parsed;

      if (!mfm_sim_faults_parse (names, &parsed, &unknown))
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: the name given to --fault, then the names it takes */
                       _("Unknown fault “%s”; the faults are %s"), unknown,
                       mfm_sim_faults_all_names ());
          goto fail;
        }
      g_object_set (simulator, "faults", names, NULL);
    }
  if (!mfm_simulator_set_dialect (simulator, dialect, &error))
    goto fail;

  if (reset_after_write != NULL)
    {
      const char *colon = strrchr (reset_after_write, ':');
      g_autofree char *command = colon != NULL ? g_strndup (reset_after_write, colon - reset_after_write) : NULL;
      guint64 nth = 0;

      if (!g_ascii_string_to_unsigned (colon != NULL ? colon + 1 : reset_after_write, 10, 1, G_MAXUINT,
                                       &nth, NULL) ||
          (command != NULL && *command == '\0'))
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--reset-after-write takes a number from 1, optionally after a command name and a colon, such as 2 or AddDHCPFailoverRelationship:1"));
          goto fail;
        }
      mfm_simulator_reset_after_write (simulator, command, (guint) nth - 1);
    }

  if (tls_cert != NULL)
    {
      g_autoptr(GTlsCertificate) certificate = g_tls_certificate_new_from_files (tls_cert, tls_key, &error);

      if (certificate == NULL)
        goto fail;
      g_object_set (simulator, "tls-certificate", certificate, NULL);
    }

  if (dataset != NULL)
    {
      if (!mfm_simulator_load_file (simulator, dataset, &error))
        goto fail;
    }
  else if (generate != NULL)
    {
      guint counts[3];

      if (!parse_counts (generate, counts, &error))
        goto fail;
      mfm_simulator_generate (simulator, counts[0], counts[1], counts[2], (guint) seed);
    }
  else
    mfm_simulator_load_demo (simulator);

  if (live != NULL && !setup_live (simulator, &error))
    goto fail;

  /* Test controls for the health checks, once the estate is loaded. */
  for (guint i = 0; relationship_states != NULL && relationship_states[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (relationship_states[i], "=", 2);

      if (g_strv_length (parts) != 2 || parts[0][0] == '\0' || parts[1][0] == '\0')
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--relationship-state takes a name and a state, such as ams-failover=Partner down"));
          goto fail;
        }
      mfm_simulator_set_relationship_state (simulator, parts[0], parts[1]);
    }
  for (guint i = 0; dropped_scopes != NULL && dropped_scopes[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (dropped_scopes[i], "=", 2);

      if (g_strv_length (parts) != 2 ||
          !mfm_simulator_drop_scope (simulator, parts[0], parts[1]))
        {
          g_set_error (&error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       /* Translators: the value given to --drop-scope */
                       _("--drop-scope “%s”: there is no such server with a scope of that network (write it as dhcpServers/13=10.10.2.0/24)"),
                       dropped_scopes[i]);
          goto fail;
        }
    }

  /* Before the first line: whoever reads it may signal us at once. */
  loop = g_main_loop_new (NULL, FALSE);
  sigint = g_unix_signal_add (SIGINT, on_quit_signal, loop);
  sigterm = g_unix_signal_add (SIGTERM, on_quit_signal, loop);
  if (g_getenv ("MFM_SIMULATOR_GROW") != NULL)
    g_unix_signal_add (SIGUSR1, on_grow_signal, simulator);

  if (!mfm_simulator_start (simulator, (guint) port, &error))
    goto fail;

  /* Scripts read this first line to find the port. */
  printf ("listening on %s\n", mfm_simulator_get_url (simulator));
  fflush (stdout);

  g_main_loop_run (loop);
  g_source_remove (sigint);
  g_source_remove (sigterm);

  mfm_simulator_stop (simulator);
  return 0;

fail:
  g_printerr ("mfm-simulator: %s\n", error->message);
  return 1;
}
