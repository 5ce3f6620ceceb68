/* client-fixture.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "mfm-client.h"
#include "mfm-simulator.h"

#define DOTS "\342\200\242\342\200\242\342\200\242"
#define HUGE_BODY (100 * 1024 * 1024)

/* A temporary folder for datasets, records and keys, removed by fixture_run(). */
extern char *tmp_dir;

typedef struct
{
  MfmSimulator *sim;
  MfmClient    *client;
  char         *record_path;
} Env;

/* A misbehaving peer: a SoupServer on the test's own main context. */

typedef enum
{
  PEER_SESSION_NEVER_VALID,   /* Login works, every other call: 5003 */
  PEER_RELOGIN_REFUSED,       /* the first Login works, later ones: 16394; calls: 5003 */
  PEER_FIXED_BODY,            /* status, content type and body from the test */
  PEER_STREAM_CHUNKED,        /* 100 MiB, chunked, sent as the client reads */
  PEER_HUGE_CONTENT_LENGTH,   /* announces 100 MiB */
  PEER_HANG,                  /* never answers */
  PEER_PAGES,                 /* 4,000 servers; the page at offset 1000 fails, late */
  PEER_PAGES_FLAKY,           /* the same, but that page fails once with HTTP 500 */
} PeerMode;

typedef struct
{
  SoupServer *server;
  char       *url;
  PeerMode    mode;
  guint       status;
  const char *content_type;
  const char *body;
  gsize       body_length;
  guint       n_logins;
  guint       n_calls;
  guint       n_failed;
  guint64     bytes_queued;
  GPtrArray  *hung;
} Peer;

void
got_result (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data);

GAsyncResult *
wait_for_result (void);

void
spin (guint ms);

void
env_start (Env          *env,
           MfmSimulator *sim);

/* The small dataset above, with a record file. */
void
env_start_lab (Env *env);

void
env_clear (Env *env);

void
login (MfmClient  *client,
       const char *user,
       const char *password);

GPtrArray *
get_relationships (MfmClient  *client,
                   const char *server_ref);

void
refresh_inventory (MfmClient    *client,
                   MfmInventory *inventory);

MfmRelationship *
find_relationship (GPtrArray  *relationships,
                   const char *name);

guint
count_log_entries (MfmClient  *client,
                   const char *method);
guint
count_round_trips (MfmClient  *client,
                   const char *method);

/* The last line of the record file: the method and the params without the session, which
 * must be recorded as "•••". */
JsonObject *
last_recorded_call (Env  *env,
                    char **method);

void
assert_last_call (Env        *env,
                  const char *method,
                  const char *params_json);

/* The params of the last recorded call of @method (session removed), or NULL. */
JsonObject *
last_recorded_call_of (Env        *env,
                       const char *method);

guint
count_recorded (Env        *env,
                const char *method);

/* Writes go through the one entry point that writes: @change (taken) is applied alone, with
 * @comment as the save comment; write_ok() waits for the outcome. */
void
write_async (MfmClient  *client,
             MfmChange  *change,
             const char *comment);

gboolean
write_ok (MfmClient  *client,
          GError    **error);

MfmChange *
change_remove (const char           *server_ref,
               const char           *name,
               MfmDeconfigureAction  action);

MfmChange *
change_add_scopes (const char         *server_ref,
                   const char         *name,
                   const char * const *scope_refs);

MfmChange *
change_remove_scopes (const char           *server_ref,
                      const char           *name,
                      const char * const   *scope_refs,
                      MfmDeconfigureAction  action);

Peer *
peer_new (PeerMode mode);

void
peer_free (Peer *peer);

GError *
peer_call_error (Peer  *peer,
                 guint  timeout,
                 gint64 *elapsed_us);

/* Cancels the GCancellable @user_data: a timeout callback. */
gboolean
cancel_soon (gpointer user_data);

/* g_test_init() and the temporary folder; fixture_run() runs the tests and removes it. */
void fixture_init (int    *argc,
                   char ***argv);
int  fixture_run  (void);
