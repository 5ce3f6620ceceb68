/* mfm-demo.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MFM_TYPE_DEMO (mfm_demo_get_type())

G_DECLARE_FINAL_TYPE (MfmDemo, mfm_demo, MFM, DEMO, GObject)

/* The demo's user and password, filled in for the person. */
#define MFM_DEMO_USER     "admin"
#define MFM_DEMO_PASSWORD "admin"
/* The demo's server listens on a new random port each time; its drafts are kept under this
 * name instead, so that changes staged in one demo are offered again in the next. */
#define MFM_DEMO_IDENTITY "demo:"

/* A demo Micetro server with sample data on a loopback port, stopped when the object goes.
 * The only place the application starts the simulator. NULL with @error when it cannot
 * listen. */
MfmDemo    *mfm_demo_new     (GError **error);
const char *mfm_demo_get_url (MfmDemo *self);

G_END_DECLS
