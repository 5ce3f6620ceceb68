/* mfm-changes-test-util.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test"

#include "mfm-changes-test-util.h"
#include "mfm-ui-test-util.h"

/* One wait loop for every widget test: ui_wait()'s. */
gboolean
changes_test_wait (gboolean (*condition) (gpointer),
                   gpointer   data)
{
  return ui_wait (condition, data);
}

gboolean
changes_test_flag_set (gpointer data)
{
  return ui_flag_set (data);
}

gboolean
changes_test_pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
changes_test_wait_pointer_cleared (gpointer *pointer)
{
  g_assert_true (changes_test_wait (changes_test_pointer_cleared, pointer));
}

void
changes_test_drain (void)
{
  for (guint i = 0; i < 5000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

void
changes_test_login_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  outcome->ok = mfm_client_login_finish (MFM_CLIENT (object), result, &outcome->error);
  outcome->done = TRUE;
}

void
changes_test_refresh_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  outcome->ok = mfm_session_refresh_finish (MFM_SESSION (object), result, &outcome->error);
  outcome->done = TRUE;
}

void
changes_test_refresh (MfmSession *session)
{
  AsyncOutcome outcome = { 0 };

  mfm_session_refresh_async (session, NULL, changes_test_refresh_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
}

void
changes_test_show_toast (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  ChangesFixture *fixture = user_data;

  g_ptr_array_add (fixture->toasts, g_variant_dup_string (parameter, NULL));
}

gboolean
changes_test_session_idle (gpointer data)
{
  /* The health checks after a refresh read scopes; they are part of being busy. */
  return !mfm_session_get_loading (data) && !mfm_session_get_checking_health (data);
}

void
changes_fixture_set_up (ChangesFixture *fixture,
                        gconstpointer   data)
{
  static const GActionEntry win_entries[] = {
    { .name = "show-toast", .activate = changes_test_show_toast, .parameter_type = "s" },
  };
  g_autoptr(GSimpleActionGroup) win = g_simple_action_group_new ();
  g_autoptr(GError) error = NULL;
  AsyncOutcome outcome = { 0 };

  fixture->tmpdir = g_dir_make_tmp ("mfm-changes-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->record_path = g_build_filename (fixture->tmpdir, "record.jsonl", NULL);
  fixture->toasts = g_ptr_array_new_with_free_func (g_free);

  fixture->simulator = mfm_simulator_new ();
  g_object_set (fixture->simulator, "record-path", fixture->record_path, NULL);
  /* data = number of servers for a generated estate; NULL = the demo estate. */
  if (data != NULL)
    mfm_simulator_generate (fixture->simulator, GPOINTER_TO_UINT (data), GPOINTER_TO_UINT (data) / 20,
                            GPOINTER_TO_UINT (data) / 5, 42);
  else
    mfm_simulator_load_demo (fixture->simulator);
  g_assert_true (mfm_simulator_start (fixture->simulator, 0, &error));
  g_assert_no_error (error);

  /* An earlier test's simulator may have had this port: its drafts are not this test's. */
  {
    const char *url = mfm_simulator_get_url (fixture->simulator);
    g_auto(GStrv) aside = mfm_drafts_list_aside (url, "admin");

    mfm_drafts_delete (url, "admin");
    for (guint i = 0; aside[i] != NULL; i++)
      g_unlink (aside[i]);
  }

  fixture->client = mfm_client_new (mfm_simulator_get_url (fixture->simulator));
  mfm_client_login_async (fixture->client, "admin", "admin", NULL, changes_test_login_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);

  fixture->session = mfm_session_new (fixture->client, mfm_simulator_get_url (fixture->simulator), "admin");
  changes_test_refresh (fixture->session);
  g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));

  /* A stand-in main window: the "changes" actions and the toast action the real one has. */
  fixture->parent = GTK_WINDOW (adw_window_new ());
  g_object_ref_sink (fixture->parent);
  g_action_map_add_action_entries (G_ACTION_MAP (win), win_entries, G_N_ELEMENTS (win_entries), fixture);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->parent), "win", G_ACTION_GROUP (win));
  fixture->actions = _mfm_window_changes_actions_new (fixture->parent, fixture->session);
  gtk_widget_insert_action_group (GTK_WIDGET (fixture->parent), "changes", fixture->actions);
  gtk_window_present (fixture->parent);
}

void
changes_fixture_tear_down (ChangesFixture *fixture,
                           gconstpointer   data)
{
  GList *toplevels = gtk_window_list_toplevels ();

  /* A save ends with a refresh; let it land before the simulator goes away. */
  if (fixture->session != NULL)
    g_assert_true (changes_test_wait (changes_test_session_idle, fixture->session));

  /* Close whatever a test left open before the session goes. */
  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (l->data != (gpointer) fixture->parent)
        gtk_window_destroy (l->data);
    }
  g_list_free (toplevels);

  gtk_window_destroy (fixture->parent);
  g_clear_object (&fixture->parent);
  g_clear_object (&fixture->actions);
  g_clear_object (&fixture->session);
  g_clear_object (&fixture->client);
  changes_test_drain ();
  mfm_simulator_stop (fixture->simulator);
  g_clear_object (&fixture->simulator);

  g_unlink (fixture->record_path);
  g_rmdir (fixture->tmpdir);
  g_clear_pointer (&fixture->record_path, g_free);
  g_clear_pointer (&fixture->tmpdir, g_free);
  g_clear_pointer (&fixture->toasts, g_ptr_array_unref);
}

GPtrArray *
changes_test_recorded_calls (ChangesFixture *fixture,
                             const char     *method)
{
  g_autoptr(GPtrArray) calls = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (fixture->record_path, &contents, NULL, NULL))
    return g_steal_pointer (&calls);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      JsonObject *object;

      if (*g_strstrip (lines[i]) == '\0')
        continue;

      g_assert_true (json_parser_load_from_data (parser, lines[i], -1, NULL));
      object = json_node_get_object (json_parser_get_root (parser));
      if (g_strcmp0 (json_object_get_string_member_with_default (object, "method", ""), method) == 0)
        g_ptr_array_add (calls, json_object_ref (json_object_get_object_member (object, "params")));
    }

  return g_steal_pointer (&calls);
}

GtkWidget *
changes_test_child (gpointer    widget,
                    GType       type,
                    const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

void
changes_test_click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

GtkWidget *
changes_test_find_named (GtkWidget  *root,
                         const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = changes_test_find_named (child, name);

      if (found != NULL)
        return found;
    }

  return NULL;
}

guint
changes_test_server_position (gpointer    chooser,
                              const char *server_ref)
{
  GListModel *model = mfm_server_chooser_get_model (MFM_SERVER_CHOOSER (chooser));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (model, i);

      if (g_strcmp0 (mfm_server_get_ref (server), server_ref) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

void
changes_test_choose_server (gpointer    chooser,
                            const char *server_ref)
{
  g_autoptr(MfmServer) server = NULL;

  if (server_ref != NULL)
    {
      guint position = changes_test_server_position (chooser, server_ref);

      g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
      server = g_list_model_get_item (mfm_server_chooser_get_model (MFM_SERVER_CHOOSER (chooser)), position);
    }
  mfm_server_chooser_set_selected (MFM_SERVER_CHOOSER (chooser), server);
}

void
changes_test_activate (ChangesFixture *fixture,
                       const char     *name,
                       GVariant       *parameter)
{
  g_assert_true (g_action_group_get_action_enabled (fixture->actions, name));
  g_action_group_activate_action (fixture->actions, name, parameter);
}

gpointer
changes_test_find_window (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gpointer found = NULL;

  for (GList *l = toplevels; l != NULL; l = l->next)
    {
      if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
        found = l->data;
    }
  g_list_free (toplevels);

  return found;
}
