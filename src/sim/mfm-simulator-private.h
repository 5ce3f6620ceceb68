/* mfm-simulator-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "mfm-sim-faults.h"
#include "mfm-sim-params.h"
#include "mfm-simulator.h"
#include "mfm-wire.h"

G_BEGIN_DECLS

/* What the pieces of the simulator share: mfm-simulator.c (the thread, the HTTP server and the
 * public API), mfm-sim-store.c (the data, its answer caches and the journal), mfm-sim-commands.c
 * (the command table and its handlers), mfm-sim-sessions.c (who is calling) and
 * mfm-sim-record.c (the record of calls). Nothing outside src/sim includes this header. */

#define MFM_SIM_STATE_EMPTY       "Empty"
#define MFM_SIM_STATE_NORMAL      "Normal"
#define MFM_SIM_DEFAULT_MAX_PAGE  1000

typedef struct
{
  char     *user;
  gboolean  read_only;
  gint64    created;    /* monotonic µs */
  gboolean  expired;
} MfmSimSession;

/* What a write changed, so a rejected change can be put back exactly. Values are copies of
 * the objects before the change, or NULL for objects the change created. */
typedef struct
{
  MfmInventory *inventory;
  GHashTable   *scopes;
  GHashTable   *relationships;
  GPtrArray    *server_refs;    /* servers whose configuration may have changed */
} MfmSimJournal;

typedef struct
{
  const MfmSimulatorBackend *funcs;
  gpointer                   data;
  GDestroyNotify             destroy;
} MfmSimBackendEntry;

typedef struct _MfmSimRecord MfmSimRecord;

struct _MfmSimulator
{
  GObject          parent_instance;

  /* Settings, fixed once serving. */
  guint            latency_ms;
  double           fail_rate;
  double           malformed_rate;
  guint            session_ttl;
  char            *record_path;
  GTlsCertificate *tls_certificate;
  guint            seed;
  guint            max_page_size;
  MfmSimFaults     faults;            /* guarded by the lock: tests turn them on after login */

  /* Guards everything below: the serving thread and callers of the thread-safe API. */
  GMutex           lock;
  MfmInventory    *inventory;
  GHashTable      *failover_states;   /* name → state once it has scopes */
  GHashTable      *sessions;          /* id → MfmSimSession */
  GHashTable      *server_objects;    /* ref → JsonObject, cleared on every change */
  GHashTable      *relationship_objects; /* name → JsonObject, cleared on every change */
  GPtrArray       *servers_by_name;   /* MfmServer, sorted by name; NULL when stale */
  guint            writes_ok_before;
  guint            writes_to_fail;
  /* Apply-then-reset: after reset_ok_before writes (of reset_method only, when set), the next
   * one is carried out and its connection closed without an answer. */
  gboolean         reset_armed;
  char            *reset_method;
  guint            reset_ok_before;
  gboolean         reset_now;
  /* Every call of this command fails on the server's side (HTTP 500). */
  char            *failing_method;
  GRand           *rand;
  guint            fault_turn;
  guint            malformed_turn;
  MfmSimRecord    *record;
  guint            next_scope_id;
  GArray          *backends;          /* MfmSimBackendEntry, in the order added */
  gboolean         backend_states;    /* a backend reports relationship states */
  MfmWireDialect   dialect;           /* the names this server speaks */
  GHashTable      *range_refs;        /* subnet → range ref */
  GHashTable      *range_subnets;     /* range ref → subnet */

  /* The serving thread. */
  GThread         *thread;
  GMainContext    *context;
  int              stop_requested;    /* atomic */
  SoupServer      *server;
  GPtrArray       *delayed;           /* GSource, responses waiting out the latency */
  guint            port;
  char            *url;
  GMutex           start_lock;
  GCond            start_cond;
  gboolean         start_done;
  GError          *start_error;
};

/* mfm-sim-store.c: every function runs with the lock held. */

MfmSimJournal   *mfm_sim_journal_new              (MfmInventory     *inventory);
void             mfm_sim_journal_free             (MfmSimJournal    *journal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmSimJournal, mfm_sim_journal_free)
/* Each before the object is changed, created or removed. */
void             mfm_sim_journal_touch_server     (MfmSimJournal    *journal,
                                                   const char       *server_ref);
void             mfm_sim_journal_touch_scope      (MfmSimJournal    *journal,
                                                   const char       *scope_ref);
void             mfm_sim_journal_touch_relationship (MfmSimJournal  *journal,
                                                   const char       *name);
void             mfm_sim_journal_rollback         (MfmSimJournal    *journal);

/* Error MFM_WIRE_CODE_NOT_FOUND naming @reference. */
void             mfm_sim_set_not_found            (GError          **error,
                                                   const char       *reference);
/* A server by ref or else by name, a relationship by name; NULL with a not-found error. */
MfmServer       *mfm_sim_store_resolve_server     (MfmSimulator     *self,
                                                   const char       *ref_or_name,
                                                   GError          **error);
MfmRelationship *mfm_sim_store_resolve_relationship (MfmSimulator   *self,
                                                   const char       *name,
                                                   GError          **error);
/* "Empty" without scopes; otherwise the state set for it, or "Normal". */
void             mfm_sim_store_sync_state         (MfmSimulator     *self,
                                                   MfmRelationship  *relationship);
/* Answers as this dialect writes them, cached until the data changes (a relationship's is
 * not cached while a backend reports states). */
JsonNode        *mfm_sim_store_relationship_json  (MfmSimulator     *self,
                                                   MfmRelationship  *relationship);
JsonObject      *mfm_sim_store_server_json        (MfmSimulator     *self,
                                                   MfmServer        *server);
JsonNode        *mfm_sim_store_scope_json         (MfmSimulator     *self,
                                                   MfmScope         *scope);
/* The servers sorted by name, kept until something changes. */
GPtrArray       *mfm_sim_store_get_servers_by_name (MfmSimulator    *self);
/* The subnet of a range ref a scope listing handed out, or NULL. */
const char      *mfm_sim_store_get_range_subnet   (MfmSimulator     *self,
                                                   const char       *range_ref);
/* Forgets every cached answer. */
void             mfm_sim_store_invalidate         (MfmSimulator     *self);
/* After a write: the caches and counts, then every backend in turn; FALSE with an API error
 * when one refuses it. */
gboolean         mfm_sim_store_commit             (MfmSimulator     *self,
                                                   MfmSimJournal    *journal,
                                                   GError          **error);
/* Puts back what @journal saw and lets the backends follow. */
void             mfm_sim_store_rollback           (MfmSimulator     *self,
                                                   MfmSimJournal    *journal);
/* A snapshot copy of the estate (new reference). */
MfmInventory    *mfm_sim_store_copy               (MfmSimulator     *self);
/* The copy of the scope for @subnet on @server_ref, or NULL. */
MfmScope        *mfm_sim_store_scope_on_server    (MfmSimulator     *self,
                                                   const char       *server_ref,
                                                   const char       *subnet);

/* mfm-sim-sessions.c: Login, Logout and HasAccess are handlers of the command table. */

void             mfm_sim_session_free             (MfmSimSession    *session);
/* The caller's session, or NULL with the API error for a missing, unknown or expired one. */
MfmSimSession   *mfm_sim_sessions_check           (MfmSimulator     *self,
                                                   JsonObject       *params,
                                                   GError          **error);
JsonNode        *mfm_sim_sessions_login           (MfmSimulator     *self,
                                                   MfmSimSession    *no_session,
                                                   JsonObject       *params,
                                                   MfmSimJournal    *journal,
                                                   GError          **error);
JsonNode        *mfm_sim_sessions_logout          (MfmSimulator     *self,
                                                   MfmSimSession    *session,
                                                   JsonObject       *params,
                                                   MfmSimJournal    *journal,
                                                   GError          **error);
JsonNode        *mfm_sim_sessions_has_access      (MfmSimulator     *self,
                                                   MfmSimSession    *session,
                                                   JsonObject       *params,
                                                   MfmSimJournal    *journal,
                                                   GError          **error);

/* mfm-sim-commands.c */

/* Runs one JSON-RPC call with the lock held: the result, or NULL with @error, in MFM_SIM_ERROR
 * for an answer the API gives. */
JsonNode        *mfm_sim_commands_dispatch        (MfmSimulator     *self,
                                                   const char       *method,
                                                   JsonObject       *params,
                                                   GError          **error);

/* mfm-sim-record.c: one JSON line per call received, {time, method, params}, with the value of
 * every secret member (mfm_wire_is_secret_member()) hidden. */

MfmSimRecord    *mfm_sim_record_new               (const char       *path,
                                                   GError          **error);
/* Does nothing when @self is NULL; a failure to write is a warning. */
void             mfm_sim_record_call              (MfmSimRecord     *self,
                                                   const char       *method,
                                                   JsonNode         *params);
void             mfm_sim_record_free              (MfmSimRecord     *self);

G_END_DECLS
