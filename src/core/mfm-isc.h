/* mfm-isc.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mfm-inventory.h"
#include "mfm-relationship.h"

G_BEGIN_DECLS

typedef enum
{
  MFM_ISC_ROLE_PRIMARY,
  MFM_ISC_ROLE_SECONDARY,
} MfmIscRole;

/* The `failover peer "NAME" { … }` statement for one side. The primary gets "port" as its own
 * port and "peer-port" as the peer's, plus mclt and split; the secondary gets the ports the
 * other way round and neither mclt nor split. Ends with a newline. */
char  *mfm_isc_render_peer           (MfmRelationship *relationship,
                                      MfmIscRole       role,
                                      const char      *own_address,
                                      const char      *peer_address);
/* `failover peer "NAME";`, the line a pool gains. */
char  *mfm_isc_render_pool_reference (const char      *relationship_name);
/* A whole dhcpd.conf for @server as Micetro would leave it: the peer statement of every
 * relationship it takes part in that has at least one scope, then each of its scopes as a
 * subnet with its pools (and their `failover peer` lines). Server addresses come from the
 * inventory. Returns NULL and sets @error when an address or a subnet is unusable. */
char  *mfm_isc_render_server_config  (MfmInventory    *inventory,
                                      MfmServer       *server,
                                      GError         **error);
/* Lines of @text, for diffs. */
GStrv  mfm_isc_split_lines           (const char      *text);

G_END_DECLS
