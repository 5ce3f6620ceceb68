/* mfm-server.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define MFM_TYPE_SERVER (mfm_server_get_type())

G_DECLARE_FINAL_TYPE (MfmServer, mfm_server, MFM, SERVER, GObject)

/* A DHCP server as Micetro lists it. Properties (all readable, all settable, notify only on
 * change): "ref" ("dhcpServers/12"), "name" (FQDN with trailing dot), "address", "server-type"
 * ("ISC", "MSDHCP", "KEA DHCPv4", …), "state" ("OK", "Unreachable", …), "enabled",
 * "is-isc" (read-only, server-type == "ISC"), "relationship-count" (guint, filled by whoever
 * knows the relationships; the servers table shows it). */
MfmServer  *mfm_server_new                    (const char *ref,
                                               const char *name,
                                               const char *address,
                                               const char *server_type,
                                               const char *state);
const char *mfm_server_get_ref                (MfmServer  *self);
const char *mfm_server_get_name               (MfmServer  *self);
const char *mfm_server_get_address            (MfmServer  *self);
const char *mfm_server_get_server_type        (MfmServer  *self);
const char *mfm_server_get_state              (MfmServer  *self);
gboolean    mfm_server_get_enabled            (MfmServer  *self);
gboolean    mfm_server_is_isc                 (MfmServer  *self);
guint       mfm_server_get_relationship_count (MfmServer  *self);
void        mfm_server_set_address            (MfmServer  *self,
                                               const char *address);
void        mfm_server_set_state              (MfmServer  *self,
                                               const char *state);
void        mfm_server_set_enabled            (MfmServer  *self,
                                               gboolean    enabled);
void        mfm_server_set_relationship_count (MfmServer  *self,
                                               guint       count);
/* The name without the trailing dot, for display. Never NULL. */
const char *mfm_server_get_display_name       (MfmServer  *self);
/* Copies every property of @other into @self (same ref), notifying only what changed, so a
 * refresh updates rows in place. */
void        mfm_server_update_from            (MfmServer  *self,
                                               MfmServer  *other);
/* Whether mfm_server_update_from (@self, @other) would leave @self as it is. */
gboolean    mfm_server_same_as                (MfmServer  *self,
                                               MfmServer  *other);

/* @name without the trailing dot Micetro writes after a fully qualified name, for display
 * ("dhcp1.example.com." → "dhcp1.example.com"); a lone "." stays. A new string, NULL for
 * NULL. */
char       *mfm_server_name_without_dot       (const char *name);

/* "staged-relationship-count" (int): how many relationships the server takes part in once
 * the staged changes are saved, -1 when they change nothing for it (set by the UI layer). */
int         mfm_server_get_staged_relationship_count (MfmServer *self);
void        mfm_server_set_staged_relationship_count (MfmServer *self,
                                                      int        count);

/* A number that changes whenever the name or the address changes, so that whoever keeps
 * something made from them (a search key) can tell it is still current without comparing
 * the texts. */
guint       mfm_server_get_generation                (MfmServer *self);

G_END_DECLS
