/* mfm-server-chooser.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mfm-server.h"

G_BEGIN_DECLS

#define MFM_TYPE_SERVER_CHOOSER (mfm_server_chooser_get_type())

G_DECLARE_FINAL_TYPE (MfmServerChooser, mfm_server_chooser, MFM, SERVER_CHOOSER, GtkWidget)

/* A button that shows the chosen server and opens a searchable list: the search matches
 * anywhere in the name and the address, each row shows the address and the state, and the
 * keyboard stays in the search (Up and Down move the highlight, Enter takes it). Property
 * "selected" (MfmServer, or NULL). */
GtkWidget *mfm_server_chooser_new          (void);
/* The servers to choose from (not copied; the search filters on top of it). */
void       mfm_server_chooser_set_model    (MfmServerChooser *self,
                                            GListModel       *servers);
GListModel *mfm_server_chooser_get_model   (MfmServerChooser *self);
MfmServer *mfm_server_chooser_get_selected (MfmServerChooser *self);
void       mfm_server_chooser_set_selected (MfmServerChooser *self,
                                            MfmServer        *server);
/* Opens the list, with @text in the search (NULL: empty). */
void       mfm_server_chooser_popup        (MfmServerChooser *self,
                                            const char       *text);

G_END_DECLS
