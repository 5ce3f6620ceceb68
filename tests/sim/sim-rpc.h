/* sim-rpc.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A tiny JSON-RPC caller for testing the simulator's side of the wire: plain libsoup and
 * json-glib, not MfmClient. API errors come back in SIM_RPC_ERROR with Micetro's code. */
#define SIM_RPC_ERROR (sim_rpc_error_quark ())
GQuark      sim_rpc_error_quark   (void);

typedef struct
{
  SoupSession *session;
  char        *url;        /* http://127.0.0.1:PORT */
  char        *sid;        /* session id after sim_rpc_login () */
} SimRpc;

SimRpc     *sim_rpc_new           (const char   *base_url);
void        sim_rpc_free          (SimRpc       *rpc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimRpc, sim_rpc_free)

/* POSTs @body to /mmws/json; the HTTP status, the Content-Type and the body come back. */
GBytes     *sim_rpc_post_raw      (SimRpc       *rpc,
                                   const char   *body,
                                   guint        *status,
                                   char        **content_type,
                                   GError      **error);
/* Calls @method with @params (taken; NULL = {}), adding the session when logged in. Returns
 * the "result" member, or NULL with the API error. */
JsonNode   *sim_rpc_call          (SimRpc       *rpc,
                                   const char   *method,
                                   JsonObject   *params,
                                   GError      **error);
gboolean    sim_rpc_login         (SimRpc       *rpc,
                                   const char   *user,
                                   const char   *password,
                                   GError      **error);

G_END_DECLS
