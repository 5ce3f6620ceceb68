/* mfm-change-card.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-session.h"

G_BEGIN_DECLS

#define MFM_TYPE_CHANGE_CARD (mfm_change_card_get_type())

G_DECLARE_FINAL_TYPE (MfmChangeCard, mfm_change_card, MFM, CHANGE_CARD, GtkBox)

/* One staged change as the review shows it: its number and status, the server's message when
 * saving it failed, its field diff, its effect on each server, its findings and the API calls
 * Save sends. It follows the change's status by itself; what depends on the inventory is read
 * again by mfm_change_card_refresh(). @unread_servers (server ref → why its scopes could not
 * be read) is read on every refresh. */
MfmChangeCard *mfm_change_card_new          (MfmSession    *session,
                                             MfmChange     *change,
                                             GHashTable    *unread_servers);
MfmChange     *mfm_change_card_get_change   (MfmChangeCard *self);
guint          mfm_change_card_get_position (MfmChangeCard *self);
void           mfm_change_card_set_position (MfmChangeCard *self,
                                             guint          position);
const char    *mfm_change_card_get_comment  (MfmChangeCard *self);
void           mfm_change_card_set_comment  (MfmChangeCard *self,
                                             const char    *comment);
void           mfm_change_card_refresh      (MfmChangeCard *self);

G_END_DECLS
