/* mfm-ui-test-util.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Shared by the window, connect and views tests: waiting on the main loop, finding widgets
 * the way a person does (by their visible or accessible name) and the accessibility walk. */

#pragma once

#include <adwaita.h>

#include "mfm-simulator.h"
#include "mfm-window.h"

#define UI_WAIT_TIMEOUT_MS 15000

typedef gboolean (*UiCondition) (gpointer data);

void ui_test_init (int    *argc,
                   char ***argv);

gboolean ui_wait (UiCondition condition,
                  gpointer    data);

gboolean ui_flag_set (gpointer data);

gboolean ui_pointer_set (gpointer data);

/* Runs the main loop for @ms milliseconds (lets frames and idles happen). */
void ui_spin (guint ms);

MfmSimulator *ui_start_demo_simulator (void);

const char *ui_first_label_text (GtkWidget *widget);

/* The action row that @widget is the activatable widget of, or NULL. */
AdwActionRow *ui_row_of_activatable (GtkWidget *widget);

/* The name a person or a screen reader gets for @widget, as far as GTK 4.8 lets a test read it:
 * the visible label or title, the tooltip, or "(accessible label)" when an accessible label
 * property is set (its value cannot be read back in 4.8, only that it is there). */
const char *ui_widget_name (GtkWidget *widget);

/* Why a screen reader would read @widget's name twice or with its mnemonic underscore in
 * GTK 4.8, or NULL: AT-SPI joins the accessible label property, the labelled-by relation and
 * a button's raw label ("_Connect Connect", "Remember password Remember password"). */
const char *ui_widget_name_problem (GtkWidget *widget);

gboolean ui_is_control (GtkWidget *widget);

/* Parts drawn by GTK or libadwaita themselves, which a test of this application cannot fix:
 * the window buttons, and the insides of composite widgets whose outside is checked. */
gboolean ui_is_toolkit_internal (GtkWidget *widget);

/* Every visible control under @root must have a name, read once; returns how many were
 * checked, appends the unnamed ones to @missing and the doubly named ones to @doubled. */
guint ui_check_accessible_names (GtkWidget *root,
                                 GString   *missing,
                                 GString   *doubled);

void ui_assert_accessible_names (GtkWidget *root);

typedef struct
{
  GType       type;
  const char *name;
} UiFindData;

/* The first visible widget of @type under @root whose name (see ui_widget_name(), or a
 * GtkLabel's text) is @name; NULL name matches any. */
GtkWidget *ui_find (GtkWidget  *root,
                    GType       type,
                    const char *name);

/* The status page under @root with @title (visible or not). */
AdwStatusPage *ui_find_status_page (GtkWidget  *root,
                                    const char *title);

/* The first visible toplevel window of @type. */
GtkWindow *ui_find_toplevel (GType type);

/* Fills @window's connect page with @simulator's address and its administrator, as a person
 * would, connects, and returns once the window has its session: the main page, and so the
 * views, exist from then on (the window builds them after its first frame at the latest). */
void ui_connect_admin (MfmWindow    *window,
                       MfmSimulator *simulator);

/* Whether the servers table shows @server for @search with only ISC servers shown: an ISC
 * server whose name or address holds @search, case folded. */
gboolean ui_server_matches_search (MfmServer  *server,
                                   const char *search);

/* A port on loopback nobody listens on: bind one, then close it. */
guint ui_closed_loopback_port (void);
