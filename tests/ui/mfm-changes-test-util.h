/* mfm-changes-test-util.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by the wizard, staging and review tests: a real in-process simulator with a record
 * file, a logged-in client, a refreshed session and a parent window. */

#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>
#include <glib/gstdio.h>

#include "mfm-window-private.h"
#include "mfm-client.h"
#include "mfm-drafts.h"
#include "mfm-server-chooser.h"
#include "mfm-session.h"
#include "mfm-simulator.h"

typedef struct
{
  MfmSimulator *simulator;
  MfmClient    *client;
  MfmSession   *session;
  GtkWindow    *parent;
  GActionGroup *actions;
  char         *tmpdir;
  char         *record_path;
  GPtrArray    *toasts;       /* texts sent to win.show-toast */
} ChangesFixture;

#define WAIT_TIMEOUT_MS 10000

static inline gboolean
changes_test_wait (gboolean (*condition) (gpointer),
                   gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * 1000;

  while (!condition (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }

  return TRUE;
}

static inline gboolean
changes_test_flag_set (gpointer data)
{
  return *(gboolean *) data;
}

static inline gboolean
changes_test_pointer_cleared (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static inline void
changes_test_wait_pointer_cleared (gpointer *pointer)
{
  g_assert_true (changes_test_wait (changes_test_pointer_cleared, pointer));
}

/* Lets idle handlers and pending redraws run. */
static inline void
changes_test_drain (void)
{
  for (guint i = 0; i < 5000 && g_main_context_iteration (NULL, FALSE); i++)
    ;
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncOutcome;

static inline void
changes_test_login_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  outcome->ok = mfm_client_login_finish (MFM_CLIENT (object), result, &outcome->error);
  outcome->done = TRUE;
}

static inline void
changes_test_refresh_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  AsyncOutcome *outcome = user_data;

  outcome->ok = mfm_session_refresh_finish (MFM_SESSION (object), result, &outcome->error);
  outcome->done = TRUE;
}

static inline void
changes_test_refresh (MfmSession *session)
{
  AsyncOutcome outcome = { 0 };

  mfm_session_refresh_async (session, NULL, changes_test_refresh_cb, &outcome);
  g_assert_true (changes_test_wait (changes_test_flag_set, &outcome.done));
  g_assert_no_error (outcome.error);
  g_assert_true (outcome.ok);
}

static inline void
changes_test_show_toast (GSimpleAction *action,
                         GVariant      *parameter,
                         gpointer       user_data)
{
  ChangesFixture *fixture = user_data;

  g_ptr_array_add (fixture->toasts, g_variant_dup_string (parameter, NULL));
}

static inline gboolean
changes_test_session_idle (gpointer data)
{
  /* The health checks after a refresh read scopes; they are part of being busy. */
  return !mfm_session_get_loading (data) && !mfm_session_get_checking_health (data);
}

static inline void
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

static inline void
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

/* The "params" objects of every recorded call of @method, in order (new array of JsonObject). */
static inline GPtrArray *
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

static inline GtkWidget *
changes_test_child (gpointer    widget,
                    GType       type,
                    const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

static inline void
changes_test_click (GtkWidget *button)
{
  g_assert_true (gtk_widget_get_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Depth-first search for a widget by its name (scope check boxes are named by scope ref). */
static inline GtkWidget *
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

/* Position of @server_ref in a drop-down of servers. */
static inline guint
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

/* Chooses the server @server_ref among those @chooser offers (NULL: none). */
static inline void
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

static inline void
changes_test_activate (ChangesFixture *fixture,
                       const char     *name,
                       GVariant       *parameter)
{
  g_assert_true (g_action_group_get_action_enabled (fixture->actions, name));
  g_action_group_activate_action (fixture->actions, name, parameter);
}

/* The newest toplevel of @type, or NULL. */
static inline gpointer
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
