/* mfm-window-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-main-page.h"
#include "mfm-relationships-view.h"
#include "mfm-servers-view.h"
#include "mfm-session.h"
#include "mfm-window.h"

G_BEGIN_DECLS

struct _MfmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  MfmConnectPage       *connect_page;
  /* Its menu model is given to the button when the menu first opens */
  GtkMenuButton        *connect_menu_button;
  GMenuModel           *connect_menu;

  /* The main page and its parts: NULL until it is built, after the first frame or on the
   * first connection, whichever comes first (ensure_main_page in mfm-window.c). While
   * connected they are always there. */
  MfmMainPage          *main_page;
  AdwWindowTitle       *connection_title;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  AdwViewStack         *view_stack;
  MfmServersView       *servers_view;
  MfmRelationshipsView *relationships_view;
  GtkBox               *bottom_box;
  GtkRevealer          *draft_banner;
  GtkLabel             *draft_banner_label;
  GtkBox               *read_only_banner;

  /* Owned */
  GSettings            *settings;
  MfmSession           *session;
  GCancellable         *cancellable;
  GtkWidget            *pending_bar;
  GActionGroup         *changes_actions;
  AdwToast             *incomplete_toast;
  gint64                incomplete_shown_us;
  guint                 auto_refresh_id;
  guint                 build_main_page_id;
  gboolean              draft_offered;
  /* Drafts taken for the question, asked about one after another. */
  char                **drafts_to_offer;
  /* A change file given before the session could read the server. */
  GFile                *changes_file;
  guint                 next_draft;
  /* Set once the person chose what happens to pending changes. */
  gboolean              close_confirmed;
  /* A refresh the person asked for, and whether its failure was told yet. */
  gboolean              refresh_asked;
  gboolean              refresh_failure_told;
};

/* mfm-window-actions.c: installs the "win." actions on the class. */
void          _mfm_window_class_actions_init   (MfmWindowClass *klass);
/* The "changes" group for a window showing @session: add-relationship (s: primary server
 * ref), edit-relationship (s: name), remove-relationship (s), manage-scopes (s), review, undo,
 * redo, discard. Undo and redo follow the change set; discard asks first. Nothing here writes
 * to the server. */
GActionGroup *_mfm_window_changes_actions_new  (GtkWindow      *parent,
                                                MfmSession     *session);

/* mfm-window.c */
void          _mfm_window_refresh              (MfmWindow      *self);
gboolean      _mfm_window_has_pending_changes  (MfmWindow      *self);

G_END_DECLS
