/* test-save-crash.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A save killed with SIGKILL in the middle: a real child process stages four changes and
 * saves them to the simulator (slow, so the kill lands between two answers); the draft it
 * leaves marks the changes already done, so the next session restores only what is left, and
 * saving that makes every change exactly once. */

#define G_LOG_DOMAIN "test-save-crash"

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <json-glib/json-glib.h>
#include <signal.h>

#include "mfm-drafts.h"
#include "mfm-session.h"
#include "mfm-simulator.h"

#define N_CHANGES 4
#define CHILD_ARG "--child-save"

/* The environment before g_test_init() isolated the XDG folders; the child gets this test's
 * data folder on top. */
static char **original_environ;

static MfmChange *
new_add_change (guint number)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autofree char *name = g_strdup_printf ("crash-%u", number);

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/24");
  mfm_relationship_set_primary_server (relationship, "dhcp-lon-01.corp.example.net.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/18");
  mfm_relationship_set_secondary_server (relationship, "dhcp-fra-02.corp.example.net.");

  return mfm_change_new_add (relationship);
}

static void
got_result (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (slot);
}

static MfmClient *
logged_in_client (const char *url)
{
  MfmClient *client = mfm_client_new (url);
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_autoptr(GError) error = NULL;

  mfm_client_login_async (client, "admin", "admin", NULL, got_result, &slot);
  result = wait_for (&slot);
  if (!mfm_client_login_finish (client, result, &error))
    g_error ("Login failed: %s", error->message);

  return client;
}

/* The child: stage, save, and wait to be killed. */
static int
child_save (const char *url)
{
  g_autoptr(MfmClient) client = logged_in_client (url);
  g_autoptr(MfmSession) session = mfm_session_new (client, url, "admin");

  for (guint i = 1; i <= N_CHANGES; i++)
    {
      g_autoptr(MfmChange) change = new_add_change (i);

      mfm_session_stage (session, change);
    }

  mfm_client_apply_changes_async (client, mfm_session_get_changes (session), NULL, NULL, NULL, NULL);
  for (;;)
    g_main_context_iteration (NULL, TRUE);

  return 1;
}

typedef struct
{
  char  *path;
  guint  n_done;
} DraftWatch;

static gboolean
draft_shows_one_done (gpointer data)
{
  DraftWatch *watch = data;
  g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();

  watch->n_done = 0;
  if (!mfm_drafts_load_path (changes, watch->path, NULL))
    return FALSE;

  for (guint i = 0; i < mfm_change_set_get_n_changes (changes); i++)
    watch->n_done += mfm_change_get_status (mfm_change_set_get_change (changes, i)) == MFM_CHANGE_STATUS_APPLIED;

  return watch->n_done >= 1;
}

static guint
count_recorded (const char *record_path,
                const char *name)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  guint count = 0;

  if (!g_file_get_contents (record_path, &contents, NULL, NULL))
    return 0;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object, *params;

      if (*g_strstrip (lines[i]) == '\0' || !json_parser_load_from_data (parser, lines[i], -1, NULL))
        continue;
      object = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "method", ""),
                     "AddDHCPFailoverRelationship") != 0)
        continue;
      params = json_object_get_object_member (object, "params");
      if (params != NULL && json_object_has_member (params, "dhcpFailoverRelationship") &&
          g_strcmp0 (json_object_get_string_member_with_default (json_object_get_object_member (params, "dhcpFailoverRelationship"),
                                                                 "name", ""), name) == 0)
        count++;
    }

  return count;
}

static void
test_kill_mid_save (gconstpointer data)
{
  const char *self_path = data;
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autofree char *tmpdir = NULL;
  g_autofree char *record_path = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmClient) client = NULL;
  g_autoptr(MfmSession) session = NULL;
  g_autoptr(MfmChangeSet) left = NULL;
  g_autoptr(MfmInventory) on_server = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GAsyncResult *slot = NULL;
  g_auto(GStrv) taken = NULL;
  DraftWatch watch = { 0 };
  gint64 deadline;

  tmpdir = g_dir_make_tmp ("mfm-crash-XXXXXX", &error);
  g_assert_no_error (error);
  record_path = g_build_filename (tmpdir, "record.jsonl", NULL);

  mfm_simulator_load_demo (simulator);
  g_object_set (simulator, "record-path", record_path, NULL);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  watch.path = mfm_drafts_get_path (mfm_simulator_get_url (simulator), "admin");

  /* The child writes its draft where this process reads it. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_set_environ (launcher, original_environ);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", g_get_user_data_dir (), TRUE);
  /* Loopback needs no proxy, and the desktop's proxy settings are not installed here. */
  g_subprocess_launcher_setenv (launcher, "GIO_USE_PROXY_RESOLVER", "dummy", TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, self_path, CHILD_ARG,
                                       mfm_simulator_get_url (simulator), NULL);
  g_assert_no_error (error);

  /* Slow answers: the kill lands while a later write is on its way. */
  g_object_set (simulator, "latency-ms", 400, NULL);
  /* A guard against a hang, not a measure of speed. */
  deadline = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  while (!draft_shows_one_done (&watch))
    {
      if (g_get_monotonic_time () > deadline || g_subprocess_get_identifier (child) == NULL)
        g_error ("The child ended or never got a change done");
      g_usleep (5000);
    }
  g_subprocess_force_exit (child);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  g_object_set (simulator, "latency-ms", 0, NULL);
  g_test_message ("%u of %u changes were done when the save was killed", watch.n_done, N_CHANGES);

  /* A new session: only what is left is offered, and none of it is marked done. */
  client = logged_in_client (mfm_simulator_get_url (simulator));
  session = mfm_session_new (client, mfm_simulator_get_url (simulator), "admin");
  taken = mfm_session_take_drafts (session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (taken), ==, 1);
  left = mfm_session_read_draft (session, taken[0], &error);
  g_assert_no_error (error);
  g_assert_nonnull (left);
  /* What the draft says was done is not restored (it may say one more than seen above: the
   * child went on until the kill). */
  g_assert_cmpuint (mfm_change_set_get_n_changes (left), <=, N_CHANGES - watch.n_done);
  g_assert_cmpuint (mfm_change_set_get_n_changes (left), >=, 1);
  for (guint i = 0; i < mfm_change_set_get_n_changes (left); i++)
    {
      MfmChange *change = mfm_change_set_get_change (left, i);
      g_autofree char *expected = g_strdup_printf ("crash-%u", N_CHANGES - mfm_change_set_get_n_changes (left) + i + 1);

      g_assert_cmpstr (mfm_change_get_relationship_name (change), ==, expected);
      g_assert_cmpint (mfm_change_get_status (change), !=, MFM_CHANGE_STATUS_APPLIED);
      g_assert_cmpint (mfm_change_get_status (change), !=, MFM_CHANGE_STATUS_APPLYING);
    }

  /* Saving what is left works: nothing is refused as already there. */
  g_assert_cmpuint (mfm_session_restore_taken_draft (session, taken[0], &error), ==,
                    mfm_change_set_get_n_changes (left));
  g_assert_no_error (error);
  mfm_client_apply_changes_async (client, mfm_session_get_changes (session), NULL, NULL, got_result, &slot);
  result = wait_for (&slot);
  g_assert_true (mfm_client_apply_changes_finish (client, result, &error));
  g_assert_no_error (error);
  mfm_change_set_remove_applied (mfm_session_get_changes (session));
  g_assert_false (g_file_test (watch.path, G_FILE_TEST_EXISTS));

  /* Every change made once, each Add sent once. */
  on_server = mfm_simulator_dup_inventory (simulator);
  for (guint i = 1; i <= N_CHANGES; i++)
    {
      g_autofree char *name = g_strdup_printf ("crash-%u", i);

      g_assert_nonnull (mfm_inventory_lookup_relationship (on_server, name));
      g_assert_cmpuint (count_recorded (record_path, name), ==, 1);
    }

  g_unlink (record_path);
  g_rmdir (tmpdir);
  g_free (watch.path);
  mfm_simulator_stop (simulator);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *self_path = NULL;

  if (argc == 3 && g_str_equal (argv[1], CHILD_ARG))
    return child_save (argv[2]);

  original_environ = g_get_environ ();
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  self_path = g_canonicalize_filename (argv[0], NULL);
  g_test_add_data_func ("/ui/save/kill-mid-save", self_path, test_kill_mid_save);

  return g_test_run ();
}
