/* test-kea-dhcp4.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The rendered Kea configuration against the real kea-dhcp4 (Debian package kea-dhcp4-server).
 * `kea-dhcp4 -t` checks the syntax, the subnets and pools and that both hook libraries load,
 * but Kea 2.2 does not run a hook's load function there, so the High Availability parameters
 * are not checked by it. Each configuration is therefore also started for real, listening on no
 * interface, until Kea says it started; the HA hook's own line says in which mode and role.
 * The parameter table is also checked against the statements dhcpd.conf(5) documents. */

#define G_LOG_DOMAIN "mfm-test-kea-dhcp4"

#include "config.h"

#include <locale.h>
#include <signal.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "mfm-kea.h"
#include "mfm-scope.h"

#define DHCPD_MAN_PAGE "/usr/share/man/man5/dhcpd.conf.5.gz"

static char *work_dir;
static char *kea_path;
static char *hooks_dir;
static guint kea_runs;

static gboolean
apparmor_enabled (void)
{
  g_autofree char *enabled = NULL;

  return g_file_get_contents ("/sys/module/apparmor/parameters/enabled", &enabled, NULL, NULL)
         && enabled[0] == 'Y';
}

/* The directory of the hook libraries: where dpkg put them, or a usual place. */
static char *
find_hooks_dir (void)
{
  const char *candidates[] = {
    MFM_KEA_DEFAULT_HOOKS_DIR, "/usr/lib/kea/hooks", "/usr/lib64/kea/hooks",
    "/usr/local/lib/kea/hooks",
  };
  g_autofree char *listing = NULL;
  int status = 0;

  if (g_spawn_command_line_sync ("dpkg-query -L kea-common", &listing, NULL, &status, NULL)
      && g_spawn_check_wait_status (status, NULL))
    {
      g_auto(GStrv) lines = g_strsplit (listing, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        {
          if (g_str_has_suffix (lines[i], "/libdhcp_ha.so"))
            return g_path_get_dirname (lines[i]);
        }
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
    {
      g_autofree char *ha = g_build_filename (candidates[i], "libdhcp_ha.so", NULL);

      if (g_file_test (ha, G_FILE_TEST_EXISTS))
        return g_strdup (candidates[i]);
    }

  return NULL;
}

static gboolean
have_kea (void)
{
  if (kea_path == NULL)
    {
      g_test_skip ("kea-dhcp4 is not installed (Debian package kea-dhcp4-server)");
      return FALSE;
    }
  if (hooks_dir == NULL)
    {
      g_test_skip ("the Kea hook library libdhcp_ha.so was not found (Debian package kea-common)");
      return FALSE;
    }

  return TRUE;
}

static MfmKeaConfig *
make_config (MfmRelationship *relationship,
             GPtrArray       *scopes,
             guint            run)
{
  g_autoptr(MfmServer) primary = mfm_server_new ("dhcpServers/1", "dhcp-a.example.com.", "10.99.0.1", "ISC", "OK");
  g_autoptr(MfmServer) secondary = mfm_server_new ("dhcpServers/2", "dhcp-b.example.com.", "10.99.0.2", "ISC", "OK");
  g_autofree char *lease_file = g_strdup_printf ("%s/leases-%u.csv", work_dir, run);
  g_autofree char *socket = g_strdup_printf ("%s/control-%u", work_dir, run);
  const char * const no_interfaces[] = { NULL };
  MfmKeaOptions options;

  mfm_kea_options_init (&options);
  options.hooks_dir = hooks_dir;
  options.lease_file = lease_file;
  options.control_socket = socket;
  /* A test must not answer DHCP on this machine's networks. */
  options.interfaces = no_interfaces;

  return mfm_kea_config_new (relationship, primary, secondary, scopes, &options);
}

static char *
write_config (const char *config)
{
  g_autoptr(GError) error = NULL;
  char *path = g_strdup_printf ("%s/kea-dhcp4-%u.json", work_dir, ++kea_runs);

  g_assert_true (g_file_set_contents (path, config, -1, &error));
  g_assert_no_error (error);

  return path;
}

static GSubprocess *
spawn_kea (const char  *mode_flag,
           const char  *path,
           GError     **error)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_autofree char *timeout = g_find_program_in_path ("timeout");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  /* Its PID file and log lock go into the test's directory, not /run. */
  g_subprocess_launcher_setenv (launcher, "KEA_PIDFILE_DIR", work_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "KEA_LOCKFILE_DIR", work_dir, TRUE);
  g_subprocess_launcher_set_cwd (launcher, work_dir);

  /* A hung kea-dhcp4 must not hang the suite. */
  if (timeout != NULL)
    {
      g_ptr_array_add (argv, timeout);
      g_ptr_array_add (argv, (char *) "30");
    }
  g_ptr_array_add (argv, kea_path);
  g_ptr_array_add (argv, (char *) mode_flag);
  g_ptr_array_add (argv, (char *) path);
  g_ptr_array_add (argv, NULL);

  return g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, error);
}

/* `kea-dhcp4 -t FILE`: its exit status and its output. */
static int
check_syntax (const char  *path,
              char       **output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_kea ("-t", path, &error);

  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, output, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  return g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
}

/* Starts `kea-dhcp4 -c FILE` and reads its log until it says it started (TRUE) or ends (FALSE),
 * then stops it. @ha_line gets the HA hook's "started high availability service" line. */
static gboolean
start_kea (const char  *path,
           char       **ha_line,
           char       **log)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = spawn_kea ("-c", path, &error);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean started = FALSE;
  char *line;

  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_string_append_printf (text, "%s\n", line);
      if (strstr (line, "HA_SERVICE_STARTED") != NULL && ha_line != NULL)
        *ha_line = g_strdup (strstr (line, "HA_SERVICE_STARTED"));
      if (strstr (line, "DHCP4_STARTED") != NULL && !started)
        {
          started = TRUE;
          g_subprocess_send_signal (process, SIGTERM);
        }
      g_free (line);
    }
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);

  if (log != NULL)
    *log = g_string_free (g_steal_pointer (&text), FALSE);

  return started;
}

/* Both checks, failing with Kea's own words. Returns the HA line. */
static char *
assert_kea_accepts (const char *config)
{
  g_autofree char *path = write_config (config);
  g_autofree char *output = NULL;
  g_autofree char *log = NULL;
  char *ha_line = NULL;
  int rc = check_syntax (path, &output);

  if (rc != 0)
    g_error ("kea-dhcp4 -t rejected (rc %d):\n%s\n--- output ---\n%s", rc, config, output);
  if (!start_kea (path, &ha_line, &log))
    g_error ("kea-dhcp4 did not start with:\n%s\n--- log ---\n%s", config, log);
  if (ha_line == NULL)
    g_error ("kea-dhcp4 started without its High Availability service:\n%s", log);

  return ha_line;
}

static GPtrArray *
make_scopes (guint n_scopes,
             guint n_pools)
{
  GPtrArray *scopes = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n_scopes; i++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpScopes/%u", i + 1);
      g_autofree char *subnet = g_strdup_printf ("10.%u.%u.0/24", 100 + i / 200, i % 200);
      MfmScope *scope = mfm_scope_new (ref, ref, "dhcpServers/1", subnet);

      for (guint j = 0; j < n_pools; j++)
        {
          /* Pools of 40, 41 (odd), 42, … addresses, and a last one of one address. */
          guint first = 10 + j * 60;
          guint last = j + 1 == n_pools && n_pools > 1 ? first : first + 39 + j;
          g_autofree char *from = g_strdup_printf ("10.%u.%u.%u", 100 + i / 200, i % 200, first);
          g_autofree char *to = g_strdup_printf ("10.%u.%u.%u", 100 + i / 200, i % 200, last);

          mfm_scope_add_pool (scope, from, to, "fo-kea");
        }
      g_ptr_array_add (scopes, scope);
    }

  return scopes;
}

/* Every split class, the smallest, default and largest timers, one and many scopes with one
 * and several pools, both servers: Kea accepts each and runs the mode and role we meant. */
static void
test_grid (void)
{
  guint percentages[] = { 0, 50, 100, 30 };
  struct {
    guint response;
    guint lbms;
    guint unacked;
  } timers[] = {
    { 1, 1, 1 },
    { 60, 3, 10 },
    { G_MAXUINT32, G_MAXUINT32, G_MAXUINT32 },
  };
  struct {
    guint scopes;
    guint pools;
  } shapes[] = {
    { 1, 1 },
    { 40, 4 },
  };
  guint configs = 0;

  if (!have_kea ())
    return;

  for (guint p = 0; p < G_N_ELEMENTS (percentages); p++)
    for (guint t = 0; t < G_N_ELEMENTS (timers); t++)
      for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
        {
          g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
          g_autoptr(GPtrArray) scopes = make_scopes (shapes[s].scopes, shapes[s].pools);
          g_autoptr(MfmKeaConfig) config = NULL;
          g_auto(GStrv) warnings = NULL;
          gboolean split_warned = FALSE;

          g_object_set (relationship,
                        "name", "fo-kea",
                        "percentage", percentages[p],
                        "max-response-delay", timers[t].response,
                        "load-balance-max-seconds", timers[t].lbms,
                        "max-unacked-updates", timers[t].unacked,
                        NULL);
          config = make_config (relationship, scopes, configs);
          warnings = mfm_kea_config_dup_warnings (config);
          for (guint w = 0; warnings[w] != NULL; w++)
            {
              if (strstr (warnings[w], "no counterpart for a split of 30 % to 70 %") != NULL)
                split_warned = TRUE;
            }
          g_assert_cmpint (split_warned, ==, percentages[p] == 30);
          g_assert_cmpuint (mfm_kea_config_get_subnet_count (config), ==, shapes[s].scopes);

          for (guint server = MFM_ISC_ROLE_PRIMARY; server <= MFM_ISC_ROLE_SECONDARY; server++)
            {
              g_autoptr(GError) error = NULL;
              g_autofree char *text = mfm_kea_config_render (config, server, &error);
              g_autofree char *ha_line = NULL;
              g_autofree char *expected = NULL;

              g_assert_no_error (error);
              ha_line = assert_kea_accepts (text);
              expected = g_strdup_printf ("in %s mode as %s server",
                                          mfm_kea_config_get_mode_name (config),
                                          mfm_kea_config_get_role (config, server));
              if (strstr (ha_line, expected) == NULL)
                g_error ("expected “%s”, Kea says: %s", expected, ha_line);
              configs++;
            }
        }

  g_test_message ("kea-dhcp4 accepted and started %u configurations", configs);
  g_assert_cmpuint (configs, ==, 48);
}

/* The real start is what checks the HA parameters: a delay one past what the hook takes passes
 * `-t` but does not start. Without this the grid could pass on syntax alone. */
static void
test_start_checks_ha_parameters (void)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(GPtrArray) scopes = make_scopes (1, 1);
  g_autoptr(MfmKeaConfig) config = NULL;
  g_autofree char *text = NULL;
  g_autofree char *path = NULL;
  g_autofree char *output = NULL;
  g_autofree char *log = NULL;
  g_autoptr(GString) tampered = NULL;
  const char *needle = "\"max-response-delay\": 65535";

  if (!have_kea ())
    return;

  mfm_relationship_set_max_response_delay (relationship, 600);
  config = make_config (relationship, scopes, 1000);
  text = mfm_kea_config_render (config, MFM_ISC_ROLE_PRIMARY, NULL);
  g_assert_nonnull (strstr (text, needle));

  tampered = g_string_new (text);
  g_string_replace (tampered, needle, "\"max-response-delay\": 65536", 1);
  path = write_config (tampered->str);

  g_assert_cmpint (check_syntax (path, &output), ==, 0);
  g_assert_false (start_kea (path, NULL, &log));
  g_assert_nonnull (strstr (log, "'max-response-delay' must not be greater than 65535"));
}

/* Every statement dhcpd.conf(5) documents for a failover peer has a row in the table. */
static void
test_table_covers_man_page (void)
{
  g_autoptr(GFile) file = g_file_new_for_path (DHCPD_MAN_PAGE);
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GConverter) gunzip = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GRegex) font = g_regex_new ("\\\\f[BIRP]", 0, 0, NULL);
  g_autoptr(GError) error = NULL;
  guint n = 0;
  const MfmKeaParameter *table = mfm_kea_get_parameters (&n);
  gboolean in_section = FALSE;
  guint statements = 0;
  char *line;

  raw = G_INPUT_STREAM (g_file_read (file, NULL, &error));
  if (raw == NULL)
    {
      g_test_skip ("dhcpd.conf(5) is not installed at " DHCPD_MAN_PAGE " (package isc-dhcp-server)");
      return;
    }
  gunzip = G_CONVERTER (g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP));
  stream = g_converter_input_stream_new (raw, gunzip);
  lines = g_data_input_stream_new (stream);

  while ((line = g_data_input_stream_read_line_utf8 (lines, NULL, NULL, &error)) != NULL)
    {
      g_autofree char *owned = line;
      g_autofree char *plain = NULL;
      g_auto(GStrv) names = NULL;
      char *end;

      if (g_str_has_prefix (line, ".SH "))
        in_section = g_str_equal (line, ".SH CONFIGURING FAILOVER");
      /* Statements are written ".B name \fIvalue\fR;", " \fBname \fIvalue…" or, for the role,
       * "[ \fBprimary\fR | \fBsecondary\fR ]". */
      if (!in_section
          || !(g_str_has_prefix (line, ".B ") || g_str_has_prefix (line, " \\fB")
               || g_str_has_prefix (line, "[ \\fB")))
        continue;

      end = strstr (line, "\\fI");
      if (end == NULL)
        end = strstr (line, "]");
      if (end != NULL)
        *end = '\0';
      plain = g_regex_replace_literal (font, g_str_has_prefix (line, ".B ") ? line + 3 : line,
                                       -1, 0, "", 0, NULL);
      g_strdelimit (plain, "[];", ' ');
      names = g_strsplit (plain, "|", -1);

      for (guint i = 0; names[i] != NULL; i++)
        {
          char *name = g_strstrip (names[i]);
          gboolean found = FALSE;

          if (*name == '\0')
            continue;
          statements++;
          for (guint j = 0; j < n; j++)
            {
              if (g_str_equal (table[j].isc_parameter, name))
                found = TRUE;
            }
          if (!found)
            g_error ("dhcpd.conf(5) documents “%s”, which has no row in the Kea table", name);
        }
    }
  g_assert_no_error (error);

  g_test_message ("%u failover statements in dhcpd.conf(5)", statements);
  /* primary, secondary, address, peer address, port, peer port, max-response-delay,
   * max-unacked-updates, mclt, split, hba, load balance max seconds, auto-partner-down and the
   * four pool balance statements. */
  g_assert_cmpuint (statements, ==, 17);
}

/* Kea leaves only plain files (configurations, leases, sockets, locks) in one directory. */
static void
remove_work_dir (void)
{
  g_autoptr(GDir) dir = g_dir_open (work_dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (work_dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (work_dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  work_dir = g_dir_make_tmp ("mfm-kea-XXXXXX", &error);
  g_assert_no_error (error);
  hooks_dir = find_hooks_dir ();
  kea_path = g_find_program_in_path ("kea-dhcp4");
  if (kea_path == NULL && g_file_test ("/usr/sbin/kea-dhcp4", G_FILE_TEST_IS_EXECUTABLE))
    kea_path = g_strdup ("/usr/sbin/kea-dhcp4");
  /* Debian's AppArmor profile attaches by path and lets kea-dhcp4 read only its own paths; a
   * private copy reads the test's files. */
  if (kea_path != NULL && apparmor_enabled ())
    {
      g_autofree char *copy = g_build_filename (work_dir, "kea-dhcp4", NULL);
      g_autofree char *command = g_strdup_printf ("cp %s %s", kea_path, copy);

      if (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL))
        {
          g_free (kea_path);
          kea_path = g_steal_pointer (&copy);
        }
    }

  g_test_add_func ("/kea-dhcp4/grid", test_grid);
  g_test_add_func ("/kea-dhcp4/start-checks-ha-parameters", test_start_checks_ha_parameters);
  g_test_add_func ("/kea-dhcp4/table-covers-man-page", test_table_covers_man_page);

  status = g_test_run ();

  remove_work_dir ();
  g_free (work_dir);
  g_free (kea_path);
  g_free (hooks_dir);

  return status;
}
