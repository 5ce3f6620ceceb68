/* mfm-servers-view.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-relationship-pane.h"
#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_SERVERS_VIEW (mfm_servers_view_get_type())

G_DECLARE_FINAL_TYPE (MfmServersView, mfm_servers_view, MFM, SERVERS_VIEW, AdwBin)

/* The DHCP servers of a session next to the failover pane of the selected one.
 * Properties: "session", "search" (text matched against name and address),
 * "selected-server" (read-only). */
MfmSession *mfm_servers_view_get_session         (MfmServersView *self);
void        mfm_servers_view_set_session         (MfmServersView *self,
                                                  MfmSession     *session);
void        mfm_servers_view_set_search          (MfmServersView *self,
                                                  const char     *search);
MfmServer  *mfm_servers_view_get_selected_server (MfmServersView *self);
/* Selects @server (NULL unselects); FALSE when it is not shown. */
gboolean    mfm_servers_view_select_server       (MfmServersView *self,
                                                  MfmServer      *server);
/* The rows shown, in order (after filter and sort; while loading, the first of them). */
GListModel *mfm_servers_view_get_model           (MfmServersView *self);
GtkColumnView *mfm_servers_view_get_column_view  (MfmServersView *self);
/* "loading" (also while the first rows of a load are still being handed to the table),
 * "error", "empty" or "list". */
const char *mfm_servers_view_get_state           (MfmServersView *self);
MfmRelationshipPane *mfm_servers_view_get_pane  (MfmServersView *self);

G_END_DECLS
