/* test-connect.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-connect"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "mfm-certificate-view.h"
#include "mfm-credentials.h"
#include "mfm-drafts.h"
#include "mfm-error.h"
#include "mfm-relationship-editor.h"
#include "mfm-window.h"
#include "mfm-ui-test-util.h"

typedef struct
{
  MfmSimulator   *simulator;
  MfmWindow      *window;
  MfmConnectPage *page;
  MfmSession     *session;
} Fixture;

static void
connected_cb (MfmConnectPage *page,
              MfmSession     *session,
              Fixture        *fixture)
{
  g_set_object (&fixture->session, session);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);

  /* Every test starts from a clean memory backend. */
  g_settings_reset (settings, "trusted-certificates");
  g_settings_reset (settings, "recent-servers");
  g_settings_reset (settings, "last-server");
  g_settings_reset (settings, "last-user");

  fixture->simulator = ui_start_demo_simulator ();
  fixture->window = mfm_window_new (NULL);
  fixture->page = mfm_window_get_connect_page (fixture->window);
  gtk_window_present (GTK_WINDOW (fixture->window));
  /* The window shows a session itself; the test only records it. */
  g_signal_connect (fixture->page, "connected", G_CALLBACK (connected_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->session);
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);
  ui_spin (50);
}

static gboolean
page_idle (gpointer data)
{
  Fixture *fixture = data;

  return !mfm_connect_page_get_busy (fixture->page) &&
         (fixture->session != NULL || mfm_connect_page_get_error_text (fixture->page) != NULL);
}

static void
fill_and_connect (Fixture    *fixture,
                  const char *server,
                  const char *user,
                  const char *password)
{
  mfm_connect_page_set_server (fixture->page, server);
  mfm_connect_page_set_user (fixture->page, user);
  mfm_connect_page_set_password (fixture->page, password);
  /* The keyring lookup after typing must not race the connection. */
  ui_spin (400);
  mfm_connect_page_set_password (fixture->page, password);
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connect.connect", NULL);
  g_assert_true (ui_wait (page_idle, fixture));
}

static const char *
sentence_for (MfmErrorCode code)
{
  g_autoptr(GError) error = g_error_new_literal (MFM_ERROR, code, "detail");

  return mfm_error_get_sentence (error);
}

static gboolean
focus_is_in (GtkWindow *window,
             GtkWidget *field)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));

  return focus != NULL && (focus == field || gtk_widget_is_ancestor (focus, field));
}

static void
test_connect_succeeds (Fixture       *fixture,
                       gconstpointer  data)
{
  const char *url = mfm_simulator_get_url (fixture->simulator);
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  g_auto(GStrv) recent = NULL;

  fill_and_connect (fixture, url, "admin", "admin");

  g_assert_null (mfm_connect_page_get_error_text (fixture->page));
  g_assert_nonnull (fixture->session);
  g_assert_cmpstr (mfm_session_get_server_url (fixture->session), ==, url);
  g_assert_cmpstr (mfm_session_get_user (fixture->session), ==, "admin");
  g_assert_true (mfm_client_get_logged_in (mfm_session_get_client (fixture->session)));
  g_assert_cmpstr (mfm_window_get_page_name (fixture->window), ==, "main");

  /* The server is remembered for next time. */
  recent = g_settings_get_strv (settings, "recent-servers");
  g_assert_cmpstr (recent[0], ==, url);
}

static void
test_wrong_password (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *url = mfm_simulator_get_url (fixture->simulator);
  GtkWidget *password_row;

  fill_and_connect (fixture, url, "admin", "not-the-password");

  g_assert_null (fixture->session);
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), ==,
                   sentence_for (MFM_ERROR_BAD_CREDENTIALS));
  g_assert_cmpstr (mfm_window_get_page_name (fixture->window), ==, "connect");

  /* Every typed value is kept. */
  g_assert_cmpstr (mfm_connect_page_get_server (fixture->page), ==, url);
  g_assert_cmpstr (mfm_connect_page_get_user (fixture->page), ==, "admin");
  password_row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_PASSWORD_ENTRY_ROW, _("Password"));
  g_assert_nonnull (password_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "not-the-password");

  /* The error is on the page, and the password field has the focus. */
  g_assert_nonnull (ui_find (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL,
                             sentence_for (MFM_ERROR_BAD_CREDENTIALS)));
  g_assert_true (focus_is_in (GTK_WINDOW (fixture->window), password_row));

  /* The right password then gets in. */
  fill_and_connect (fixture, url, "admin", "admin");
  g_assert_nonnull (fixture->session);
}

static void
test_unreachable (Fixture       *fixture,
                  gconstpointer  data)
{
  guint port = ui_closed_loopback_port ();
  g_autofree char *typed = g_strdup_printf ("http://127.0.0.1:%u", port);
  GtkWidget *server_row;

  fill_and_connect (fixture, typed, "admin", "admin");

  g_assert_null (fixture->session);
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), ==,
                   sentence_for (MFM_ERROR_NETWORK));
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), !=,
                   sentence_for (MFM_ERROR_BAD_CREDENTIALS));
  g_assert_cmpstr (mfm_connect_page_get_server (fixture->page), ==, typed);
  server_row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, _("Server"));
  g_assert_true (focus_is_in (GTK_WINDOW (fixture->window), server_row));
}

static void
test_https_added (Fixture       *fixture,
                  gconstpointer  data)
{
  guint port = ui_closed_loopback_port ();
  g_autofree char *typed = g_strdup_printf ("127.0.0.1:%u", port);
  g_autofree char *expected = g_strdup_printf ("https://127.0.0.1:%u", port);
  g_autofree char *hint = NULL;

  mfm_connect_page_set_server (fixture->page, typed);
  /* Translators' format from the page: the address it will use is shown while typing. */
  hint = g_strdup_printf (_("Connects to %s"), expected);
  g_assert_nonnull (ui_find (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, hint));

  fill_and_connect (fixture, typed, "admin", "admin");
  g_assert_cmpstr (mfm_connect_page_get_server (fixture->page), ==, expected);
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), ==,
                   sentence_for (MFM_ERROR_NETWORK));
}

static void
test_cleartext_needs_confirmation (Fixture       *fixture,
                                   gconstpointer  data)
{
  AdwMessageDialog *dialog;
  g_autofree char *warning = NULL;

  /* TEST-NET-1: never routed, so nothing leaves the machine even if a request went out. */
  mfm_connect_page_set_server (fixture->page, "http://192.0.2.1:8080");
  warning = g_strdup_printf (_("Not encrypted: %s sends everything, your password included, in clear text."),
                             "http://192.0.2.1:8080");
  g_assert_nonnull (ui_find (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, warning));

  mfm_connect_page_set_user (fixture->page, "admin");
  mfm_connect_page_set_password (fixture->page, "admin");
  gtk_widget_activate_action (GTK_WIDGET (fixture->page), "connect.connect", NULL);
  ui_spin (100);

  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "send"));
  /* Nothing is sent until the person says so. */
  g_assert_false (mfm_connect_page_get_busy (fixture->page));

  adw_message_dialog_response (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (dialog));
  ui_spin (100);
  g_assert_false (mfm_connect_page_get_busy (fixture->page));
  g_assert_null (fixture->session);

  /* A loopback address needs no confirmation: the simulator is plain http. */
  fill_and_connect (fixture, mfm_simulator_get_url (fixture->simulator), "admin", "admin");
  g_assert_nonnull (fixture->session);
}

static GTlsCertificate *
make_self_signed_certificate (const char *dir)
{
  g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
  g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  GTlsCertificate *certificate;
  int status = 0;
  const char *argv[] = {
    openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
    "-subj", "/CN=127.0.0.1", "-keyout", key_path, "-out", cert_path, NULL
  };

  if (openssl == NULL)
    return NULL;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL,
                               G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  certificate = g_tls_certificate_new_from_files (cert_path, key_path, &error);
  g_assert_no_error (error);

  return certificate;
}

static void
test_untrusted_certificate (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  g_autoptr(GVariant) trusted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *url = NULL;
  const MfmCertificateInfo *info;
  MfmCertificateView *view;
  const char *pinned = NULL;
  Fixture fixture = { 0 };

  dir = g_dir_make_tmp ("mfm-test-cert-XXXXXX", &error);
  g_assert_no_error (error);
  certificate = make_self_signed_certificate (dir);
  if (certificate == NULL)
    {
      g_test_skip ("openssl is not installed, so no certificate can be made");
      return;
    }
  fingerprint = mfm_certificate_fingerprint (certificate);

  g_settings_reset (settings, "trusted-certificates");
  mfm_simulator_load_demo (simulator);
  g_object_set (simulator, "tls-certificate", certificate, NULL);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  url = g_strdup (mfm_simulator_get_url (simulator));
  g_assert_true (g_str_has_prefix (url, "https://"));

  fixture.window = mfm_window_new (NULL);
  fixture.page = mfm_window_get_connect_page (fixture.window);
  gtk_window_present (GTK_WINDOW (fixture.window));
  g_signal_connect (fixture.page, "connected", G_CALLBACK (connected_cb), &fixture);

  /* The certificate view is built when a certificate is refused, not with every page. */
  g_assert_null (ui_find (GTK_WIDGET (fixture.page), MFM_TYPE_CERTIFICATE_VIEW, NULL));

  fill_and_connect (&fixture, url, "admin", "admin");

  g_assert_null (fixture.session);
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture.page), ==, sentence_for (MFM_ERROR_TLS));
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture.page), !=, sentence_for (MFM_ERROR_NETWORK));

  view = MFM_CERTIFICATE_VIEW (ui_find (GTK_WIDGET (fixture.page), MFM_TYPE_CERTIFICATE_VIEW, NULL));
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  /* Right below the error, where the person reads on. */
  g_assert_true (gtk_widget_has_css_class (gtk_widget_get_prev_sibling (GTK_WIDGET (view)), "mfm-error-box"));

  /* A second refusal shows the same view again, not a second one. */
  fill_and_connect (&fixture, url, "admin", "admin");
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture.page), ==, sentence_for (MFM_ERROR_TLS));
  g_assert_true (ui_find (GTK_WIDGET (fixture.page), MFM_TYPE_CERTIFICATE_VIEW, NULL) == GTK_WIDGET (view));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  {
    guint n_views = 0;

    for (GtkWidget *child = gtk_widget_get_first_child (gtk_widget_get_parent (GTK_WIDGET (view)));
         child != NULL;
         child = gtk_widget_get_next_sibling (child))
      n_views += MFM_IS_CERTIFICATE_VIEW (child);
    g_assert_cmpuint (n_views, ==, 1);
  }
  info = mfm_certificate_view_get_info (view);
  g_assert_nonnull (info);
  g_assert_cmpstr (info->fingerprint, ==, fingerprint);
  /* The fingerprint is on screen for the person to compare. */
  g_assert_nonnull (ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, fingerprint));
  ui_assert_accessible_names (GTK_WIDGET (view));

  /* Trust it: the pin is stored and the next attempt goes through. */
  g_signal_emit_by_name (ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, _("_Trust This Certificate")), "clicked");
  g_assert_true (ui_wait (page_idle, &fixture));
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture.page), ==, NULL);
  g_assert_nonnull (fixture.session);

  trusted = g_settings_get_value (settings, "trusted-certificates");
  g_assert_true (g_variant_lookup (trusted, "127.0.0.1", "&s", &pinned));
  g_assert_cmpstr (pinned, ==, fingerprint);

  g_clear_object (&fixture.session);
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  mfm_simulator_stop (simulator);
  g_settings_reset (settings, "trusted-certificates");
  ui_spin (50);

  {
    g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
    g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);

    g_unlink (cert_path);
    g_unlink (key_path);
    g_rmdir (dir);
  }
}

static gboolean
keyring_has (gpointer data)
{
  const char **pair = data;
  g_autoptr(GError) error = NULL;
  char *password;
  gboolean found;

  password = secret_password_lookup_sync (mfm_credentials_get_schema (), NULL, &error,
                                          "server", pair[0], "user", pair[1], NULL);
  found = g_strcmp0 (password, pair[2]) == 0;
  secret_password_free (password);

  return found;
}

static gboolean
keyring_lacks (gpointer data)
{
  return !keyring_has (data);
}

static gboolean
password_filled (gpointer data)
{
  return *gtk_editable_get_text (GTK_EDITABLE (data)) != '\0';
}

static void
assert_settings_hold_no (const char *secret,
                         const char *allowed_key)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GVariant) value = g_settings_get_value (settings, keys[i]);
      g_autofree char *text = g_variant_print (value, FALSE);

      g_test_message ("%s = %s", keys[i], text);
      if (g_strcmp0 (keys[i], allowed_key) == 0)
        continue;
      g_assert_null (strstr (text, secret));
    }
}

static void
assert_log_holds_no (MfmApiLog  *log,
                     const char *secret)
{
  g_autofree char *text = mfm_api_log_to_text (log);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), >, 0);
  g_assert_null (strstr (text, secret));
  /* The login went through the log, with its password hidden. */
  g_assert_nonnull (strstr (text, "Login"));
  g_assert_nonnull (strstr (text, "\"password\":\"•••\""));
}

/* A pinned certificate that changed: trusting the new one takes typing the end of its
 * fingerprint, never one click on the red button. */
static void
test_changed_certificate (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(GTlsCertificate) certificate = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  g_autoptr(GVariant) trusted = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *url = NULL;
  g_autofree char *last_four = NULL;
  static const char old_pin[] =
    "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF";
  MfmCertificateView *view;
  GtkWidget *trust, *entry;
  const char *pinned = NULL;
  gsize length;
  Fixture fixture = { 0 };

  dir = g_dir_make_tmp ("mfm-test-cert-XXXXXX", &error);
  g_assert_no_error (error);
  certificate = make_self_signed_certificate (dir);
  if (certificate == NULL)
    {
      g_test_skip ("openssl is not installed, so no certificate can be made");
      return;
    }
  fingerprint = mfm_certificate_fingerprint (certificate);
  length = strlen (fingerprint);
  /* "…:3F:9C" → "3f9c": typed in lower case and without the colon is fine. */
  last_four = g_ascii_strdown (fingerprint + length - 5, -1);
  memmove (last_four + 2, last_four + 3, 3);

  /* Another certificate was trusted for this host before. */
  g_settings_set_value (settings, "trusted-certificates",
                        g_variant_new_parsed ("{'127.0.0.1': %s}", old_pin));
  mfm_simulator_load_demo (simulator);
  g_object_set (simulator, "tls-certificate", certificate, NULL);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));
  g_assert_no_error (error);
  url = g_strdup (mfm_simulator_get_url (simulator));

  fixture.window = mfm_window_new (NULL);
  fixture.page = mfm_window_get_connect_page (fixture.window);
  gtk_window_present (GTK_WINDOW (fixture.window));
  g_signal_connect (fixture.page, "connected", G_CALLBACK (connected_cb), &fixture);

  fill_and_connect (&fixture, url, "admin", "admin");
  g_assert_null (fixture.session);
  view = MFM_CERTIFICATE_VIEW (ui_find (GTK_WIDGET (fixture.page), MFM_TYPE_CERTIFICATE_VIEW, NULL));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (view)));
  g_assert_true (mfm_certificate_view_get_info (view)->pinned_mismatch);
  g_assert_nonnull (ui_find (GTK_WIDGET (view), GTK_TYPE_LABEL, _("Certificate Changed")));

  /* One click does nothing. */
  trust = ui_find (GTK_WIDGET (view), GTK_TYPE_BUTTON, _("_Trust This Certificate"));
  g_assert_nonnull (trust);
  g_assert_false (gtk_widget_get_sensitive (trust));
  g_signal_emit_by_name (trust, "clicked");
  ui_spin (300);
  g_assert_null (fixture.session);
  trusted = g_settings_get_value (settings, "trusted-certificates");
  g_assert_true (g_variant_lookup (trusted, "127.0.0.1", "&s", &pinned));
  g_assert_cmpstr (pinned, ==, old_pin);
  g_clear_pointer (&trusted, g_variant_unref);

  /* The second step: the end of the new fingerprint, typed. A wrong one keeps it shut. */
  entry = ui_find (GTK_WIDGET (view), GTK_TYPE_ENTRY, NULL);
  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_mapped (entry));
  /* The focus waits there, and the address is not marked as wrong. */
  g_assert_true (focus_is_in (GTK_WINDOW (fixture.window), entry));
  g_assert_false (gtk_widget_has_css_class (ui_find (GTK_WIDGET (fixture.page), ADW_TYPE_ENTRY_ROW, _("Server")),
                                            "error"));
  ui_assert_accessible_names (GTK_WIDGET (view));
  gtk_editable_set_text (GTK_EDITABLE (entry), g_str_equal (last_four, "0000") ? "1111" : "0000");
  g_assert_false (gtk_widget_get_sensitive (trust));
  g_signal_emit_by_name (entry, "activate");
  ui_spin (100);
  g_assert_null (fixture.session);

  gtk_editable_set_text (GTK_EDITABLE (entry), last_four);
  g_assert_true (gtk_widget_get_sensitive (trust));
  g_signal_emit_by_name (trust, "clicked");
  g_assert_true (ui_wait (page_idle, &fixture));
  g_assert_nonnull (fixture.session);
  trusted = g_settings_get_value (settings, "trusted-certificates");
  g_assert_true (g_variant_lookup (trusted, "127.0.0.1", "&s", &pinned));
  g_assert_cmpstr (pinned, ==, fingerprint);

  g_clear_object (&fixture.session);
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  mfm_simulator_stop (simulator);
  g_settings_reset (settings, "trusted-certificates");
  ui_spin (50);

  {
    g_autofree char *cert_path = g_build_filename (dir, "cert.pem", NULL);
    g_autofree char *key_path = g_build_filename (dir, "key.pem", NULL);

    g_unlink (cert_path);
    g_unlink (key_path);
    g_rmdir (dir);
  }
}

static void
test_remember_password (Fixture       *fixture,
                        gconstpointer  data)
{
  const char *url = mfm_simulator_get_url (fixture->simulator);
  const char *pair[] = { url, "admin", "admin" };
  const char *wrong[] = { url, "admin", "Wr0ng-but-secret" };
  GtkWidget *remember;
  GtkWidget *password_row;
  g_autoptr(GError) error = NULL;
  MfmApiLog *log;

  secret_password_clear_sync (mfm_credentials_get_schema (), NULL, &error,
                              "server", url, "user", "admin", NULL);
  g_assert_no_error (error);

  remember = ui_find (GTK_WIDGET (fixture->page), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (remember);
  gtk_switch_set_active (GTK_SWITCH (remember), TRUE);

  /* A failed attempt stores nothing, anywhere. */
  fill_and_connect (fixture, url, "admin", "Wr0ng-but-secret");
  g_assert_null (fixture->session);
  ui_spin (300);
  g_assert_false (keyring_has (wrong));
  assert_settings_hold_no ("Wr0ng-but-secret", NULL);

  /* A successful one stores the password in the real keyring. */
  fill_and_connect (fixture, url, "admin", "admin");
  g_assert_nonnull (fixture->session);
  g_assert_true (ui_wait (keyring_has, pair));

  /* The demo user's password equals its name, so only last-user may hold that text. */
  assert_settings_hold_no ("admin", "last-user");
  log = mfm_client_get_api_log (mfm_session_get_client (fixture->session));
  assert_log_holds_no (log, "\"password\":\"admin\"");

  /* Back on the connect page the keyring fills the password in again. */
  mfm_window_disconnect (fixture->window);
  g_clear_object (&fixture->session);
  password_row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_PASSWORD_ENTRY_ROW, _("Password"));
  g_assert_true (ui_wait (password_filled, password_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "admin");

  /* Turning it off forgets it after the next connection. */
  gtk_switch_set_active (GTK_SWITCH (remember), FALSE);
  fill_and_connect (fixture, url, "admin", "admin");
  g_assert_nonnull (fixture->session);
  g_assert_true (ui_wait (keyring_lacks, pair));
}

static void
test_recent_server_fills_form (Fixture       *fixture,
                               gconstpointer  data)
{
  const char *url = mfm_simulator_get_url (fixture->simulator);
  GtkWidget *row;

  fill_and_connect (fixture, url, "admin", "admin");
  g_assert_nonnull (fixture->session);
  mfm_window_disconnect (fixture->window);

  /* Another address typed, then the recent server picked from the list. */
  mfm_connect_page_set_server (fixture->page, "https://elsewhere.example.org");
  row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, url);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_true (gtk_widget_activate (row));
  g_assert_cmpstr (mfm_connect_page_get_server (fixture->page), ==, url);
}

/* Each recent server has its own remove button, named for the server it removes. */
static void
test_recent_server_removed (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  static const char *const recent[] = { "https://one.example.org", "https://two.example.org", NULL };
  g_auto(GStrv) left = NULL;
  g_autofree char *name = NULL;
  GtkWidget *row, *remove, *focus;

  g_settings_set_strv (settings, "recent-servers", recent);
  g_settings_set_string (settings, "last-server", "https://one.example.org");
  mfm_connect_page_reset (fixture->page);

  row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "https://one.example.org");
  g_assert_nonnull (row);
  /* Translators' format from the page. */
  name = g_strdup_printf (_("Remove %s from recent servers"), "https://one.example.org");
  remove = ui_find (row, GTK_TYPE_BUTTON, name);
  g_assert_nonnull (remove);
  g_assert_true (gtk_widget_get_mapped (remove));
  ui_assert_accessible_names (GTK_WIDGET (fixture->page));

  g_signal_emit_by_name (remove, "clicked");
  ui_spin (50);

  left = g_settings_get_strv (settings, "recent-servers");
  g_assert_cmpuint (g_strv_length (left), ==, 1);
  g_assert_cmpstr (left[0], ==, "https://two.example.org");
  g_assert_null (ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "https://one.example.org"));
  g_assert_nonnull (ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "https://two.example.org"));
  /* Nor is it filled in at the next start. */
  g_assert_cmpstr (g_settings_get_string (settings, "last-server"), ==, "");
  /* The focus stays in the list. */
  focus = gtk_root_get_focus (GTK_ROOT (fixture->window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (fixture->page)));

  /* The last one removed: the list goes away. */
  name = (g_free (name), g_strdup_printf (_("Remove %s from recent servers"), "https://two.example.org"));
  remove = ui_find (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, name);
  g_signal_emit_by_name (remove, "clicked");
  ui_spin (50);
  g_strfreev (left);
  left = g_settings_get_strv (settings, "recent-servers");
  g_assert_cmpuint (g_strv_length (left), ==, 0);
  g_assert_null (ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ACTION_ROW, "https://two.example.org"));
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (fixture->window)), GTK_WIDGET (fixture->page)));
}

static gboolean
main_page_loaded (gpointer data)
{
  MfmWindow *window = data;
  MfmSession *session = mfm_window_get_session (window);

  return session != NULL && mfm_session_get_loaded (session) && !mfm_session_get_loading (session);
}

static gboolean
message_dialog_shown (gpointer data)
{
  return ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG) != NULL;
}

/* The demo runs on a new random port each time: that address is never offered or filled in
 * again, and what was staged in one demo comes back in the next. */
static void
test_demo_identity (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  static const char *const recent[] = { "https://micetro.example.org", NULL };
  g_auto(GStrv) after = NULL;
  g_autofree char *first_url = NULL;
  g_autofree char *draft = NULL;
  MfmWindow *window;
  MfmConnectPage *page;
  MfmSession *session;
  AdwMessageDialog *dialog;
  GListModel *servers;
  g_autoptr(MfmServer) primary = NULL;
  g_autoptr(MfmServer) secondary = NULL;
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmChange) change = NULL;

  g_settings_set_strv (settings, "recent-servers", recent);
  g_settings_set_string (settings, "last-server", "https://micetro.example.org");
  g_settings_set_string (settings, "last-user", "alice");

  window = mfm_window_new (NULL);
  page = mfm_window_get_connect_page (window);
  gtk_window_present (GTK_WINDOW (window));
  mfm_connect_page_try_demo (page);
  g_assert_true (ui_wait (main_page_loaded, window));
  session = mfm_window_get_session (window);
  first_url = g_strdup (mfm_client_get_base_url (mfm_session_get_client (session)));
  g_assert_true (g_str_has_prefix (first_url, "http://127.0.0.1:"));

  /* Stage one change in the demo. */
  servers = mfm_inventory_get_servers (mfm_session_get_inventory (session));
  primary = g_list_model_get_item (servers, 0);
  secondary = g_list_model_get_item (servers, 1);
  mfm_relationship_set_name (relationship, "demo-kept");
  mfm_relationship_set_primary_server (relationship, mfm_server_get_name (primary));
  mfm_relationship_set_primary_server_ref (relationship, mfm_server_get_ref (primary));
  mfm_relationship_set_secondary_server (relationship, mfm_server_get_name (secondary));
  mfm_relationship_set_secondary_server_ref (relationship, mfm_server_get_ref (secondary));
  change = mfm_change_new_add (relationship);
  mfm_session_stage (session, change);
  draft = mfm_drafts_get_path (mfm_session_get_server_url (session), mfm_session_get_user (session));
  g_assert_true (g_file_test (draft, G_FILE_TEST_EXISTS));

  /* The demo's address is neither a recent server nor filled in next time. */
  after = g_settings_get_strv (settings, "recent-servers");
  g_assert_cmpuint (g_strv_length (after), ==, 1);
  g_assert_cmpstr (after[0], ==, "https://micetro.example.org");
  g_assert_cmpstr (g_settings_get_string (settings, "last-server"), ==, "https://micetro.example.org");
  g_assert_cmpstr (g_settings_get_string (settings, "last-user"), ==, "alice");
  g_assert_null (ui_find (GTK_WIDGET (page), ADW_TYPE_ACTION_ROW, first_url));

  /* Leaving the demo gives the form back as it was. */
  mfm_window_disconnect (window);
  g_assert_cmpstr (mfm_connect_page_get_server (page), ==, "https://micetro.example.org");
  g_assert_cmpstr (mfm_connect_page_get_user (page), ==, "alice");
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);

  /* The next demo runs on another port, and the change staged before is offered again. */
  window = mfm_window_new (NULL);
  page = mfm_window_get_connect_page (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_cmpstr (mfm_connect_page_get_server (page), ==, "https://micetro.example.org");
  mfm_connect_page_try_demo (page);
  g_assert_true (ui_wait (main_page_loaded, window));
  session = mfm_window_get_session (window);
  g_assert_cmpstr (mfm_client_get_base_url (mfm_session_get_client (session)), !=, first_url);
  g_assert_true (ui_wait (message_dialog_shown, NULL));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (adw_message_dialog_has_response (dialog, "restore"));
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, "restore");
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  ui_spin (50);
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (session)), ==, 1);
  g_assert_cmpstr (mfm_change_get_relationship_name (mfm_change_set_get_change (mfm_session_get_changes (session), 0)),
                   ==, "demo-kept");

  mfm_change_set_clear (mfm_session_get_changes (session));
  mfm_drafts_delete (mfm_session_get_server_url (session), mfm_session_get_user (session));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);
  g_settings_reset (settings, "recent-servers");
  g_settings_reset (settings, "last-server");
  g_settings_reset (settings, "last-user");
}

static gboolean
session_read_only (gpointer data)
{
  Fixture *fixture = data;

  return fixture->session != NULL && mfm_session_get_read_only (fixture->session);
}

static gboolean
session_access_asked (gpointer data)
{
  MfmClient *client = data;
  GListModel *log = G_LIST_MODEL (mfm_client_get_api_log (client));

  for (guint i = 0; i < g_list_model_get_n_items (log); i++)
    {
      g_autoptr(MfmApiLogEntry) entry = g_list_model_get_item (log, i);

      if (g_strcmp0 (mfm_api_log_entry_get_method (entry), "HasAccess") == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
wizard_shown (gpointer data)
{
  return ui_find_toplevel (MFM_TYPE_RELATIONSHIP_EDITOR) != NULL;
}

/* A user who may only read is told at connect, from Micetro's answer to a question that
 * changes nothing, and gets no way to stage what could never be saved. */
static void
test_read_only_user (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *url = mfm_simulator_get_url (fixture->simulator);
  g_autofree char *isc_ref = NULL;
  GListModel *servers;
  GtkWidget *banner;

  fill_and_connect (fixture, url, "viewer", "viewer");
  g_assert_nonnull (fixture->session);
  g_assert_true (ui_wait (session_read_only, fixture));

  banner = ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL,
                    _("You can look but not change: Micetro says your user may not change DHCP failover on these servers. Adding, editing and removing relationships is turned off."));
  g_assert_nonnull (banner);
  g_assert_true (gtk_widget_get_mapped (banner));

  /* Staging is off: asking for the wizard opens nothing. */
  servers = mfm_inventory_get_servers (mfm_session_get_inventory (fixture->session));
  for (guint i = 0; i < g_list_model_get_n_items (servers) && isc_ref == NULL; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      if (mfm_server_is_isc (server))
        isc_ref = g_strdup (mfm_server_get_ref (server));
    }
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "changes.add-relationship", "s", isc_ref);
  ui_spin (200);
  g_assert_null (ui_find_toplevel (MFM_TYPE_RELATIONSHIP_EDITOR));

  /* Nothing was written to find this out. */
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 0);

  /* The administrator of the same server sees no banner and may stage. */
  mfm_window_disconnect (fixture->window);
  g_clear_object (&fixture->session);
  fill_and_connect (fixture, url, "admin", "admin");
  g_assert_true (ui_wait (session_access_asked, mfm_session_get_client (fixture->session)));
  ui_spin (200);
  g_assert_false (mfm_session_get_read_only (fixture->session));
  g_assert_false (gtk_widget_get_mapped (banner));
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "changes.add-relationship", "s", isc_ref);
  g_assert_true (ui_wait (wizard_shown, NULL));
  gtk_window_destroy (GTK_WINDOW (ui_find_toplevel (MFM_TYPE_RELATIONSHIP_EDITOR)));
}

static gboolean
page_busy (gpointer data)
{
  return mfm_connect_page_get_busy (data);
}

static void
test_cancel (void)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  g_autoptr(GError) error = NULL;
  Fixture fixture = { 0 };
  GtkWidget *password_row, *cancel;

  /* A slow server, so there is time to cancel. */
  mfm_simulator_load_demo (simulator);
  g_object_set (simulator, "latency-ms", 3000, NULL);
  g_assert_true (mfm_simulator_start (simulator, 0, &error));

  fixture.window = mfm_window_new (NULL);
  fixture.page = mfm_window_get_connect_page (fixture.window);
  gtk_window_present (GTK_WINDOW (fixture.window));
  g_signal_connect (fixture.page, "connected", G_CALLBACK (connected_cb), &fixture);

  mfm_connect_page_set_server (fixture.page, mfm_simulator_get_url (simulator));
  mfm_connect_page_set_user (fixture.page, "admin");
  mfm_connect_page_set_password (fixture.page, "admin");
  /* Enter in the password field, as a person connects. */
  password_row = ui_find (GTK_WIDGET (fixture.page), ADW_TYPE_PASSWORD_ENTRY_ROW, _("Password"));
  g_assert_true (gtk_widget_grab_focus (password_row));
  gtk_widget_activate_action (GTK_WIDGET (fixture.page), "connect.connect", NULL);
  g_assert_true (ui_wait (page_busy, fixture.page));

  /* The spinner and Cancel are shown; Cancel stops it without an error. While the form is
   * insensitive, the keyboard is on Cancel rather than in a field it cannot reach (GTK 4.8
   * does not tell the field it lost the focus); afterwards it is back in the password. */
  g_assert_true (gtk_widget_get_mapped (ui_find (GTK_WIDGET (fixture.page), GTK_TYPE_SPINNER, NULL)));
  cancel = ui_find (GTK_WIDGET (fixture.page), GTK_TYPE_BUTTON, _("C_ancel"));
  g_assert_nonnull (cancel);
  g_assert_true (gtk_root_get_focus (GTK_ROOT (fixture.window)) == cancel);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "connect.cancel", NULL));
  g_assert_false (mfm_connect_page_get_busy (fixture.page));
  g_assert_true (focus_is_in (GTK_WINDOW (fixture.window), password_row));
  ui_spin (3500);
  g_assert_null (fixture.session);
  g_assert_null (mfm_connect_page_get_error_text (fixture.page));
  g_assert_cmpstr (mfm_window_get_page_name (fixture.window), ==, "connect");

  gtk_window_destroy (GTK_WINDOW (fixture.window));
  mfm_simulator_stop (simulator);
  ui_spin (50);
}

static guint
count_message_dialogs (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  guint count = 0;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        count++;
    }
  g_list_free (toplevels);

  return count;
}

/* An address that cannot work is named as such under the field at once: no question about
 * sending the password unencrypted, no connection attempt, and the text stays as typed. */
static void
test_invalid_address (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const addresses[] = {
    "ftp://files.example.com",
    "http://127.0.0.1:99999",
    "http://micetro example.com",
    "https://",
    "http://[::1",
  };
  GtkWidget *server_row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, _("Server"));

  for (guint i = 0; i < G_N_ELEMENTS (addresses); i++)
    {
      g_test_message ("%s", addresses[i]);
      fill_and_connect (fixture, addresses[i], "admin", "admin");

      g_assert_null (fixture->session);
      g_assert_cmpuint (count_message_dialogs (), ==, 0);
      g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), ==,
                       _("This is not a valid server address. Enter an address such as https://micetro.example.com."));
      g_assert_cmpstr (mfm_connect_page_get_server (fixture->page), ==, addresses[i]);
      g_assert_true (focus_is_in (GTK_WINDOW (fixture->window), server_row));
      g_assert_true (gtk_widget_has_css_class (server_row, "error"));
    }
}

/* A proxy in front of a Micetro that is down: its error page, on every connection. */
static gboolean
error_page_run_cb (GThreadedSocketService *service,
                   GSocketConnection      *connection,
                   GObject                *source,
                   gpointer                user_data)
{
  static const char reply[] = "HTTP/1.1 502 Bad Gateway\r\nContent-Type: text/html\r\n"
                              "Content-Length: 50\r\nConnection: close\r\n\r\n"
                              "<html><body><h1>502 Bad Gateway</h1></body></html>";
  char request[4096];

  g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                       request, sizeof request, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
test_error_page (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GSocketService) proxy = g_threaded_socket_service_new (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) page = g_error_new_literal (MFM_ERROR, MFM_ERROR_SERVER, "HTTP 502 Bad Gateway");
  g_autoptr(GError) refusal = mfm_error_new_api (MFM_ERROR_SERVER, 19, "Refused");
  g_autofree char *typed = NULL;
  GtkWidget *server_row;
  GtkWidget *detail;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (proxy), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (proxy, "run", G_CALLBACK (error_page_run_cb), NULL);
  typed = g_strdup_printf ("http://127.0.0.1:%u", port);

  fill_and_connect (fixture, typed, "admin", "admin");

  /* Not "refused": Micetro never answered. The status line is the detail underneath. */
  g_assert_null (fixture->session);
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), ==, mfm_error_get_sentence (page));
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), !=, mfm_error_get_sentence (refusal));
  detail = ui_find (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, "HTTP 502 Bad Gateway");
  g_assert_nonnull (detail);
  g_assert_cmpstr (mfm_connect_page_get_server (fixture->page), ==, typed);
  server_row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, _("Server"));
  g_assert_true (focus_is_in (GTK_WINDOW (fixture->window), server_row));

  g_socket_service_stop (proxy);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy));
}

/* HTTP 500 from Micetro: the sentence says the server failed, not that it refused, and a
 * Retry button tries again with everything typed. */
static void
test_server_failure_retry (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *url = mfm_simulator_get_url (fixture->simulator);
  g_autoptr(GError) refused = mfm_error_new_api (MFM_ERROR_SERVER, 19, "No");
  GtkWidget *retry;

  /* The simulator's first fault is an HTTP 500 with its error object. */
  g_object_set (fixture->simulator, "fail-rate", 1.0, NULL);
  fill_and_connect (fixture, url, "admin", "admin");

  g_assert_null (fixture->session);
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), ==,
                   sentence_for (MFM_ERROR_SERVER_FAILURE));
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), !=,
                   mfm_error_get_sentence (refused));
  retry = ui_find (GTK_WIDGET (fixture->page), GTK_TYPE_BUTTON, _("_Retry"));
  g_assert_nonnull (retry);
  g_assert_true (gtk_widget_get_mapped (retry));
  ui_assert_accessible_names (GTK_WIDGET (fixture->page));

  /* The server is back: Retry connects with what was typed. */
  g_object_set (fixture->simulator, "fail-rate", 0.0, NULL);
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (ui_wait (page_idle, fixture));
  g_assert_nonnull (fixture->session);
  g_assert_cmpstr (mfm_session_get_user (fixture->session), ==, "admin");

  /* A bad password is not worth retrying as it is. */
  mfm_window_disconnect (fixture->window);
  g_clear_object (&fixture->session);
  fill_and_connect (fixture, url, "admin", "wrong");
  g_assert_false (gtk_widget_get_visible (retry));
}

static gboolean
session_complete (gpointer data)
{
  Fixture *fixture = data;

  return fixture->session != NULL && mfm_session_get_incomplete (fixture->session) == NULL &&
         !mfm_session_get_loading (fixture->session);
}

static gboolean
session_loaded (gpointer data)
{
  Fixture *fixture = data;

  return fixture->session != NULL && mfm_session_get_loaded (fixture->session) &&
         !mfm_session_get_loading (fixture->session);
}

/* The relationships cannot be read but the servers can: the window still opens with the
 * servers, and says what could not be read, with Retry. */
static void
test_incomplete_connection (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *url = mfm_simulator_get_url (fixture->simulator);
  const char *sentence;
  GtkWidget *label;

  mfm_simulator_fail_method (fixture->simulator, "GetDHCPFailoverRelationships");
  fill_and_connect (fixture, url, "admin", "admin");
  g_assert_nonnull (fixture->session);
  g_assert_true (ui_wait (session_loaded, fixture));

  g_assert_cmpstr (mfm_window_get_page_name (fixture->window), ==, "main");
  g_assert_null (mfm_session_get_last_error (fixture->session));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (mfm_session_get_inventory (fixture->session))), >, 0);
  sentence = mfm_session_get_incomplete (fixture->session);
  g_assert_nonnull (sentence);
  g_assert_nonnull (strstr (sentence, sentence_for (MFM_ERROR_SERVER_FAILURE)));
  label = ui_find (GTK_WIDGET (fixture->window), GTK_TYPE_LABEL, sentence);
  g_assert_nonnull (label);
  g_assert_true (gtk_widget_get_mapped (label));

  /* Read again once the server works: nothing is missing any more. */
  mfm_simulator_fail_method (fixture->simulator, NULL);
  ui_spin (1200);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.refresh", NULL);
  g_assert_true (ui_wait (session_complete, fixture));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (mfm_session_get_inventory (fixture->session))), >, 0);
}

/* A web server in front of Micetro that answers the Login itself with 401. */
static gboolean
unauthorized_run_cb (GThreadedSocketService *service,
                     GSocketConnection      *connection,
                     GObject                *source,
                     gpointer                user_data)
{
  static const char reply[] = "HTTP/1.1 401 Unauthorized\r\nContent-Type: text/html\r\n"
                              "Content-Length: 51\r\nConnection: close\r\n\r\n"
                              "<html><body><h1>401 Unauthorized</h1></body></html>";
  char request[4096];

  g_input_stream_read (g_io_stream_get_input_stream (G_IO_STREAM (connection)),
                       request, sizeof request, NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (G_IO_STREAM (connection)),
                             reply, strlen (reply), NULL, NULL, NULL);
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);

  return TRUE;
}

static void
test_login_unauthorized (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(GSocketService) proxy = g_threaded_socket_service_new (2);
  g_autoptr(GError) error = NULL;
  g_autofree char *typed = NULL;
  GtkWidget *user_row, *password_row, *server_row;
  guint16 port;

  port = g_socket_listener_add_any_inet_port (G_SOCKET_LISTENER (proxy), NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (proxy, "run", G_CALLBACK (unauthorized_run_cb), NULL);
  typed = g_strdup_printf ("http://127.0.0.1:%u", port);

  fill_and_connect (fixture, typed, "admin", "typo");

  /* A bad login, said at the user name and the password, not "the session ended". */
  g_assert_null (fixture->session);
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), ==,
                   sentence_for (MFM_ERROR_BAD_CREDENTIALS));
  g_assert_cmpstr (mfm_connect_page_get_error_text (fixture->page), !=,
                   sentence_for (MFM_ERROR_SESSION));
  g_assert_nonnull (ui_find (GTK_WIDGET (fixture->page), GTK_TYPE_LABEL, "HTTP 401 Unauthorized"));
  user_row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, _("User name"));
  password_row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_PASSWORD_ENTRY_ROW, _("Password"));
  server_row = ui_find (GTK_WIDGET (fixture->page), ADW_TYPE_ENTRY_ROW, _("Server"));
  g_assert_true (gtk_widget_has_css_class (user_row, "error"));
  g_assert_true (gtk_widget_has_css_class (password_row, "error"));
  g_assert_false (gtk_widget_has_css_class (server_row, "error"));
  g_assert_true (focus_is_in (GTK_WINDOW (fixture->window), password_row));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_row)), ==, "typo");

  g_socket_service_stop (proxy);
  g_socket_listener_close (G_SOCKET_LISTENER (proxy));
}

/* A development build's header stripes come from the application's style sheet, from a symbolic
 * PNG encoded from libadwaita's SVG, so that GTK draws them without librsvg: the header bar
 * shows exactly the pixels libadwaita's own rule draws. (This test binary never runs the
 * application, so its style sheet is only on the display while the test adds it.) */
static GBytes *
render_header (GtkWidget *header)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (header);
  g_autoptr(GskRenderer) renderer = gsk_cairo_renderer_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GskRenderNode *node;
  int width = gtk_widget_get_width (header);
  int height = gtk_widget_get_height (header);
  guchar *data;

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);
  g_assert_true (gsk_renderer_realize (renderer, NULL, &error));
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gsk_render_node_unref (node);
  gsk_renderer_unrealize (renderer);

  data = g_malloc (width * height * 4);
  gdk_texture_download (texture, data, width * 4);
  return g_bytes_new_take (data, width * height * 4);
}

static gboolean
header_allocated (gpointer data)
{
  return gtk_widget_get_width (GTK_WIDGET (data)) > 0;
}

static GBytes *
render_window_header (gboolean devel)
{
  GtkWidget *window = adw_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GBytes *pixels;

  if (devel)
    gtk_widget_add_css_class (window, "devel");
  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), gtk_label_new ("content"));
  adw_window_set_content (ADW_WINDOW (window), box);
  gtk_window_set_default_size (GTK_WINDOW (window), 400, 200);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait (header_allocated, header));
  ui_spin (100);
  pixels = render_header (header);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);

  return pixels;
}

static void
test_devel_stripes (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();
  g_autoptr(GBytes) plain = NULL;
  g_autoptr(GBytes) libadwaita = NULL;
  g_autoptr(GBytes) application = NULL;

  plain = render_window_header (FALSE);
  libadwaita = render_window_header (TRUE);

  gtk_css_provider_load_from_resource (provider, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  application = render_window_header (TRUE);
  gtk_style_context_remove_provider_for_display (gdk_display_get_default (),
                                                 GTK_STYLE_PROVIDER (provider));

  /* The stripes are there, and they are libadwaita's to the pixel. */
  g_assert_cmpuint (g_bytes_get_size (plain), ==, g_bytes_get_size (libadwaita));
  g_assert_false (g_bytes_equal (plain, libadwaita));
  g_assert_true (g_bytes_equal (libadwaita, application));
}

/* The rows under Advanced are not part of the first frame: they come after it, with the values
 * of the last connection; expanding Advanced or connecting before then builds them at once. */
static gboolean
advanced_rows_built (gpointer data)
{
  return ui_find (GTK_WIDGET (data), ADW_TYPE_ENTRY_ROW, _("Central server name")) != NULL &&
         ui_find (GTK_WIDGET (data), GTK_TYPE_SPIN_BUTTON, NULL) != NULL;
}

static void
test_advanced_rows (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  g_autoptr(MfmSimulator) simulator = ui_start_demo_simulator ();
  Fixture fixture = { 0 };
  MfmWindow *window;
  MfmConnectPage *page;
  GtkWidget *advanced;

  g_settings_reset (settings, "central-server");
  g_settings_set_uint (settings, "timeout", 45);

  window = mfm_window_new (NULL);
  page = mfm_window_get_connect_page (window);
  g_assert_false (advanced_rows_built (page));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait (advanced_rows_built, page));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (ui_find (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON, NULL))),
                   ==, 45);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find (GTK_WIDGET (page), ADW_TYPE_ENTRY_ROW, _("Central server name")))),
                   ==, "");
  gtk_window_destroy (GTK_WINDOW (window));

  /* Expanded before they were built: they are there at once. */
  window = mfm_window_new (NULL);
  page = mfm_window_get_connect_page (window);
  advanced = ui_find (GTK_WIDGET (page), ADW_TYPE_EXPANDER_ROW, _("Advanced"));
  g_assert_nonnull (advanced);
  g_assert_false (advanced_rows_built (page));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (advanced), TRUE);
  g_assert_true (advanced_rows_built (page));
  gtk_window_destroy (GTK_WINDOW (window));

  /* A connection from a window never shown: the timeout it keeps is the one it was given. */
  window = mfm_window_new (NULL);
  fixture.window = window;
  fixture.page = mfm_window_get_connect_page (window);
  g_signal_connect (fixture.page, "connected", G_CALLBACK (connected_cb), &fixture);
  fill_and_connect (&fixture, mfm_simulator_get_url (simulator), "admin", "admin");
  g_assert_nonnull (fixture.session);
  g_assert_cmpuint (g_settings_get_uint (settings, "timeout"), ==, 45);

  g_clear_object (&fixture.session);
  gtk_window_destroy (GTK_WINDOW (window));
  mfm_simulator_stop (simulator);
  g_settings_reset (settings, "timeout");
  ui_spin (50);
}

/* A new window takes the keyboard in the first empty field of the form (server, else user
 * name, else password), not in the header bar; a focus given before it is shown is kept. */
static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

static void
check_first_focus (const char *last_server,
                   const char *last_user,
                   const char *filled_server,
                   GType       expected_type,
                   const char *expected_label)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  MfmWindow *window;
  MfmConnectPage *page;
  GtkWidget *expected, *focus;

  g_settings_set_string (settings, "last-server", last_server);
  g_settings_set_string (settings, "last-user", last_user);

  window = mfm_window_new (NULL);
  page = mfm_window_get_connect_page (window);
  /* As the command line's --server does: filled in between creating and presenting. */
  if (filled_server != NULL)
    mfm_connect_page_set_server (page, filled_server);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait (window_mapped, window));
  ui_spin (100);

  expected = ui_find (GTK_WIDGET (page), expected_type, expected_label);
  g_assert_nonnull (expected);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_assert_true (focus_is_in (GTK_WINDOW (window), expected));

  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "last-server");
  g_settings_reset (settings, "last-user");
  ui_spin (50);
}

static void
test_first_focus (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_BASE_ID);
  MfmWindow *window;
  GtkWidget *remember, *focus;

  check_first_focus ("", "", NULL, ADW_TYPE_ENTRY_ROW, _("Server"));
  check_first_focus ("https://micetro.example.org", "", NULL, ADW_TYPE_ENTRY_ROW, _("User name"));
  check_first_focus ("https://micetro.example.org", "admin", NULL,
                     ADW_TYPE_PASSWORD_ENTRY_ROW, _("Password"));
  check_first_focus ("", "admin", NULL, ADW_TYPE_ENTRY_ROW, _("Server"));
  check_first_focus ("", "admin", "https://micetro.example.org",
                     ADW_TYPE_PASSWORD_ENTRY_ROW, _("Password"));
  check_first_focus ("", "", "https://micetro.example.org", ADW_TYPE_ENTRY_ROW, _("User name"));

  /* A focus given before the window is shown stays where it was given. */
  g_settings_set_string (settings, "last-server", "");
  window = mfm_window_new (NULL);
  remember = ui_find (GTK_WIDGET (mfm_window_get_connect_page (window)), GTK_TYPE_SWITCH, NULL);
  g_assert_nonnull (remember);
  g_assert_true (gtk_widget_grab_focus (remember));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait (window_mapped, window));
  ui_spin (100);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (focus == remember);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add ("/ui/connect/succeeds", Fixture, NULL, fixture_set_up, test_connect_succeeds, fixture_tear_down);
  g_test_add ("/ui/connect/wrong-password", Fixture, NULL, fixture_set_up, test_wrong_password, fixture_tear_down);
  g_test_add ("/ui/connect/unreachable", Fixture, NULL, fixture_set_up, test_unreachable, fixture_tear_down);
  g_test_add ("/ui/connect/invalid-address", Fixture, NULL, fixture_set_up, test_invalid_address,
              fixture_tear_down);
  g_test_add ("/ui/connect/error-page", Fixture, NULL, fixture_set_up, test_error_page, fixture_tear_down);
  g_test_add ("/ui/connect/server-failure-retry", Fixture, NULL, fixture_set_up,
              test_server_failure_retry, fixture_tear_down);
  g_test_add ("/ui/connect/incomplete-connection", Fixture, NULL, fixture_set_up,
              test_incomplete_connection, fixture_tear_down);
  g_test_add ("/ui/connect/login-unauthorized", Fixture, NULL, fixture_set_up, test_login_unauthorized,
              fixture_tear_down);
  g_test_add ("/ui/connect/https-added", Fixture, NULL, fixture_set_up, test_https_added, fixture_tear_down);
  g_test_add ("/ui/connect/cleartext-confirmation", Fixture, NULL, fixture_set_up,
              test_cleartext_needs_confirmation, fixture_tear_down);
  g_test_add_func ("/ui/connect/untrusted-certificate", test_untrusted_certificate);
  g_test_add_func ("/ui/connect/changed-certificate", test_changed_certificate);
  g_test_add ("/ui/connect/remember-password", Fixture, NULL, fixture_set_up,
              test_remember_password, fixture_tear_down);
  g_test_add ("/ui/connect/recent-server", Fixture, NULL, fixture_set_up,
              test_recent_server_fills_form, fixture_tear_down);
  g_test_add ("/ui/connect/recent-server-removed", Fixture, NULL, fixture_set_up,
              test_recent_server_removed, fixture_tear_down);
  g_test_add_func ("/ui/connect/demo-identity", test_demo_identity);
  g_test_add ("/ui/connect/read-only-user", Fixture, NULL, fixture_set_up, test_read_only_user,
              fixture_tear_down);
  g_test_add_func ("/ui/connect/cancel", test_cancel);
  g_test_add_func ("/ui/connect/first-focus", test_first_focus);
  g_test_add_func ("/ui/connect/advanced-rows", test_advanced_rows);
  g_test_add_func ("/ui/connect/devel-stripes", test_devel_stripes);

  return g_test_run ();
}
