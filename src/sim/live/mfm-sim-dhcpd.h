/* mfm-sim-dhcpd.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-inventory.h"
#include "mfm-simulator.h"

G_BEGIN_DECLS

#define MFM_SIM_DHCPD_PATH "/usr/sbin/dhcpd"

/* Writes <dir>/<server name>.conf for each ISC server in @server_refs (every ISC server when
 * NULL) as Micetro would leave it, and checks each file with `dhcpd -t`. Returns FALSE with
 * dhcpd's own words in @error when a file is rejected. */
gboolean  mfm_sim_dhcpd_write_and_check (MfmInventory  *inventory,
                                         const char    *dir,
                                         GPtrArray     *server_refs,
                                         GError       **error);
/* The dhcpd executable to run: MFM_SIM_DHCPD_PATH, or where AppArmor is enabled a private copy
 * of it. Debian's AppArmor profile for /usr/sbin/dhcpd lets it read only its system paths, and a
 * profile attaches by path, so the copy can read configuration from any directory. */
const char *mfm_sim_dhcpd_get_path      (void);
/* Runs `dhcpd -t -4 -cf @path` (at most 10 s). */
gboolean  mfm_sim_dhcpd_check_file      (const char    *path,
                                         GError       **error);
/* Keeps each ISC server's dhcpd.conf of @simulator's estate in @dir: all of them written and
 * checked when it starts, the touched ones after every write, where a rejected file refuses
 * the write (and the files are written back after it is undone). Call before it starts. */
void      mfm_sim_dhcpd_attach          (MfmSimulator  *simulator,
                                         const char    *dir);

G_END_DECLS
