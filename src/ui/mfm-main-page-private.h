/* mfm-main-page-private.h
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

G_BEGIN_DECLS

/* The window drives the page's parts itself (mfm-window.c, mfm-window-actions.c). */
struct _MfmMainPage
{
  GtkBox                parent_instance;

  /* Template widgets */
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
  MfmSession           *session;
};

G_END_DECLS
