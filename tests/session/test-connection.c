/* test-connection.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* MfmConnection: the one rule for a typed address, and what a login remembers (recent servers,
 * the keyring), against the in-process simulator over loopback HTTP. */

#include "config.h"

#include "mfm-client.h"
#include "mfm-connection.h"
#include "mfm-credentials.h"
#include "mfm-demo.h"
#include "mfm-error.h"
#include "mfm-simulator.h"

#define WAIT_TIMEOUT_S 30

typedef struct
{
  gboolean    done;
  MfmSession *session;
  GError     *error;
  char       *password;
} Outcome;

static void
outcome_clear (Outcome *outcome)
{
  g_clear_object (&outcome->session);
  g_clear_error (&outcome->error);
  g_clear_pointer (&outcome->password, mfm_credentials_free_password);
  outcome->done = FALSE;
}

static gboolean
wait_for (gboolean *flag)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  while (!*flag)
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }

  return TRUE;
}

static void
login_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->session = mfm_connection_login_finish (MFM_CONNECTION (object), result,
                                                  &outcome->error);
  outcome->done = TRUE;
}

static void
lookup_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->password = mfm_credentials_lookup_finish (result, &outcome->error);
  outcome->done = TRUE;
}

static void
login (MfmConnection      *connection,
       const char         *url,
       const char         *password,
       MfmConnectionFlags  flags,
       Outcome            *outcome)
{
  outcome_clear (outcome);
  mfm_connection_login_async (connection, url, "admin", password, NULL, 30, flags, NULL,
                              login_cb, outcome);
  g_assert_true (wait_for (&outcome->done));
}

static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);

  g_settings_reset (settings, "recent-servers");
  g_settings_reset (settings, "last-server");
  g_settings_reset (settings, "last-user");
}

/* The client and the connection apply the same rule: what the form shows is what is used. */
static void
test_normalize_url (void)
{
  static const struct {
    const char *typed;
    const char *url;
  } cases[] = {
    { "micetro.example.com", "https://micetro.example.com" },
    { "  https://micetro.example.com/  ", "https://micetro.example.com" },
    { "https://micetro.example.com/mmws/json", "https://micetro.example.com" },
    { "micetro.example.com/mmws/json/", "https://micetro.example.com" },
    { "http://127.0.0.1:8080//", "http://127.0.0.1:8080" },
    { "https://micetro.example.com/proxy", "https://micetro.example.com/proxy" },
  };

  g_assert_null (mfm_connection_normalize_url (NULL));
  g_assert_null (mfm_connection_normalize_url (""));
  g_assert_null (mfm_connection_normalize_url ("   "));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *url = mfm_connection_normalize_url (cases[i].typed);
      g_autoptr(MfmClient) client = mfm_client_new (cases[i].typed);

      g_assert_cmpstr (url, ==, cases[i].url);
      g_assert_cmpstr (mfm_client_get_base_url (client), ==, url);
      g_assert_true (mfm_connection_is_valid_url (url));
    }

  /* Normalising twice changes nothing, so a scheme alone stays invalid. */
  {
    g_autofree char *scheme_only = mfm_connection_normalize_url ("https://");

    g_assert_cmpstr (scheme_only, ==, "https://");
    g_assert_false (mfm_connection_is_valid_url (scheme_only));
  }
  g_assert_false (mfm_connection_is_valid_url (NULL));
  g_assert_false (mfm_connection_is_valid_url ("https://micetro example.com"));
  g_assert_false (mfm_connection_is_valid_url ("ftp://micetro.example.com"));

  g_assert_true (mfm_connection_is_cleartext ("http://micetro.example.com"));
  g_assert_false (mfm_connection_is_cleartext ("https://micetro.example.com"));
  g_assert_false (mfm_connection_is_cleartext ("http://127.0.0.1:8080"));
  g_assert_false (mfm_connection_is_cleartext ("http://localhost:8080"));
}

/* A successful login puts its server first in the recent list (at most five, no copies) and
 * fills in server and user next time; a failed login and the demo leave the list alone. */
static void
test_recent_servers (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(MfmConnection) connection = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  g_autoptr(GError) error = NULL;
  g_autofree char *by_name = NULL;
  g_autofree char *last = NULL;
  g_autofree char *user = NULL;
  const char *by_address;
  const char * const seeded[] = { "https://a.example", "https://b.example", "https://c.example",
                                  "https://d.example", "https://e.example", NULL };
  Outcome outcome = { 0 };
  g_auto(GStrv) recent = NULL;

  reset_settings ();
  mfm_simulator_load_demo (simulator);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  by_address = mfm_simulator_get_url (simulator);
  by_name = g_strdup_printf ("http://localhost:%u", mfm_simulator_get_port (simulator));

  connection = mfm_connection_new ();
  recent = mfm_connection_dup_recent_servers (connection);
  g_assert_cmpuint (g_strv_length (recent), ==, 0);
  g_clear_pointer (&recent, g_strfreev);

  login (connection, by_address, "admin", MFM_CONNECTION_FLAGS_NONE, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (mfm_session_get_server_url (outcome.session), ==, by_address);
  g_assert_cmpstr (mfm_session_get_user (outcome.session), ==, "admin");
  login (connection, by_name, "admin", MFM_CONNECTION_FLAGS_NONE, &outcome);
  g_assert_no_error (outcome.error);

  recent = mfm_connection_dup_recent_servers (connection);
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, by_name);
  g_assert_cmpstr (recent[1], ==, by_address);
  g_clear_pointer (&recent, g_strfreev);

  /* Again: moved to the front, not listed twice. */
  login (connection, by_address, "admin", MFM_CONNECTION_FLAGS_NONE, &outcome);
  g_assert_no_error (outcome.error);
  recent = mfm_connection_dup_recent_servers (connection);
  g_assert_cmpuint (g_strv_length (recent), ==, 2);
  g_assert_cmpstr (recent[0], ==, by_address);
  g_assert_cmpstr (recent[1], ==, by_name);
  g_clear_pointer (&recent, g_strfreev);
  last = mfm_connection_dup_last_server (connection);
  user = mfm_connection_dup_last_user (connection);
  g_assert_cmpstr (last, ==, by_address);
  g_assert_cmpstr (user, ==, "admin");

  /* A wrong password: not a server to offer again. */
  login (connection, by_name, "wrong", MFM_CONNECTION_FLAGS_NONE, &outcome);
  g_assert_error (outcome.error, MFM_ERROR, MFM_ERROR_BAD_CREDENTIALS);
  g_assert_null (outcome.session);
  recent = mfm_connection_dup_recent_servers (connection);
  g_assert_cmpstr (recent[0], ==, by_address);
  g_clear_pointer (&recent, g_strfreev);

  /* The demo: its address means nothing next time, its drafts go under the demo's name. */
  login (connection, by_name, "admin", MFM_CONNECTION_FLAGS_DEMO, &outcome);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (mfm_session_get_server_url (outcome.session), ==, MFM_DEMO_IDENTITY);
  recent = mfm_connection_dup_recent_servers (connection);
  g_assert_cmpstr (recent[0], ==, by_address);
  g_clear_pointer (&recent, g_strfreev);

  /* Five at most: the oldest goes. */
  g_settings_set_strv (settings, "recent-servers", seeded);
  login (connection, by_address, "admin", MFM_CONNECTION_FLAGS_NONE, &outcome);
  g_assert_no_error (outcome.error);
  recent = mfm_connection_dup_recent_servers (connection);
  g_assert_cmpuint (g_strv_length (recent), ==, MFM_CONNECTION_MAX_RECENT);
  g_assert_cmpstr (recent[0], ==, by_address);
  g_assert_cmpstr (recent[1], ==, "https://a.example");
  g_assert_cmpstr (recent[4], ==, "https://d.example");
  g_clear_pointer (&recent, g_strfreev);

  /* Forgotten: off the list, and not filled in at the next start. */
  mfm_connection_forget_server (connection, by_address);
  recent = mfm_connection_dup_recent_servers (connection);
  g_assert_false (g_strv_contains ((const char * const *)recent, by_address));
  g_assert_cmpuint (g_strv_length (recent), ==, 4);
  g_clear_pointer (&last, g_free);
  last = mfm_connection_dup_last_server (connection);
  g_assert_cmpstr (last, ==, "");

  outcome_clear (&outcome);
  mfm_simulator_stop (simulator);
  reset_settings ();
}

/* Remember password keeps it in the keyring under the address used; logging in without it
 * takes the kept one away. */
static void
test_keyring (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(MfmConnection) connection = mfm_connection_new ();
  g_autoptr(GError) error = NULL;
  Outcome outcome = { 0 };
  const char *url;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") == NULL)
    {
      g_test_skip ("No session bus, so no keyring: run it through tools/test-session.sh");
      return;
    }

  mfm_simulator_load_demo (simulator);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  url = mfm_simulator_get_url (simulator);

  login (connection, url, "admin", MFM_CONNECTION_FLAGS_REMEMBER_PASSWORD, &outcome);
  g_assert_no_error (outcome.error);
  /* The keyring is written after the login; a lookup waits for it in the same queue. */
  outcome_clear (&outcome);
  for (guint tries = 0; outcome.password == NULL; tries++)
    {
      g_assert_cmpuint (tries, <, 100);
      outcome_clear (&outcome);
      mfm_credentials_lookup_async (url, "admin", NULL, lookup_cb, &outcome);
      g_assert_true (wait_for (&outcome.done));
      g_assert_no_error (outcome.error);
      if (outcome.password == NULL)
        g_usleep (G_USEC_PER_SEC / 20);
    }
  g_assert_cmpstr (outcome.password, ==, "admin");

  login (connection, url, "admin", MFM_CONNECTION_FLAGS_NONE, &outcome);
  g_assert_no_error (outcome.error);
  for (guint tries = 0; tries == 0 || outcome.password != NULL; tries++)
    {
      g_assert_cmpuint (tries, <, 100);
      outcome_clear (&outcome);
      mfm_credentials_lookup_async (url, "admin", NULL, lookup_cb, &outcome);
      g_assert_true (wait_for (&outcome.done));
      g_assert_no_error (outcome.error);
    }

  outcome_clear (&outcome);
  mfm_simulator_stop (simulator);
  reset_settings ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/session/connection/normalize-url", test_normalize_url);
  g_test_add_func ("/session/connection/recent-servers", test_recent_servers);
  g_test_add_func ("/session/connection/keyring", test_keyring);

  return g_test_run ();
}
