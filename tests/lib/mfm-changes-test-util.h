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

gboolean changes_test_wait (gboolean (*condition) (gpointer),
                            gpointer   data);

gboolean changes_test_flag_set (gpointer data);

gboolean changes_test_pointer_cleared (gpointer data);

void changes_test_wait_pointer_cleared (gpointer *pointer);

/* Lets idle handlers and pending redraws run. */
void changes_test_drain (void);

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} AsyncOutcome;

void changes_test_login_cb (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data);

void changes_test_refresh_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data);

void changes_test_refresh (MfmSession *session);

void changes_test_show_toast (GSimpleAction *action,
                              GVariant      *parameter,
                              gpointer       user_data);

gboolean changes_test_session_idle (gpointer data);

void changes_fixture_set_up (ChangesFixture *fixture,
                             gconstpointer   data);

void changes_fixture_tear_down (ChangesFixture *fixture,
                                gconstpointer   data);

/* The "params" objects of every recorded call of @method, in order (new array of JsonObject). */
GPtrArray *changes_test_recorded_calls (ChangesFixture *fixture,
                                        const char     *method);

GtkWidget *changes_test_child (gpointer    widget,
                               GType       type,
                               const char *name);

void changes_test_click (GtkWidget *button);

/* Depth-first search for a widget by its name (scope check boxes are named by scope ref). */
GtkWidget *changes_test_find_named (GtkWidget  *root,
                                    const char *name);

/* Position of @server_ref in a drop-down of servers. */
guint changes_test_server_position (gpointer    chooser,
                                    const char *server_ref);

/* Chooses the server @server_ref among those @chooser offers (NULL: none). */
void changes_test_choose_server (gpointer    chooser,
                                 const char *server_ref);

void changes_test_activate (ChangesFixture *fixture,
                            const char     *name,
                            GVariant       *parameter);

/* The newest toplevel of @type, or NULL. */
gpointer changes_test_find_window (GType type);
