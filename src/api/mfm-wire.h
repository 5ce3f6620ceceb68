/* mfm-wire.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mfm-change.h"
#include "mfm-relationship.h"
#include "mfm-scope.h"
#include "mfm-server.h"
#include "mfm-wire-names.h"

G_BEGIN_DECLS

/* The mapping between Micetro's JSON and the core objects, used by the client and by the
 * simulator alike, so that both sides speak the same names (mfm-wire-names.h). Parsers ignore
 * unknown members, treat missing optional members as unknown and fail with MFM_ERROR_PROTOCOL
 * on a wrong type; none of them asserts on what a server sent. */

/* Dialects: the names that are inferred or differ between Micetro versions, and which of them
 * a server uses. MfmDialect (mfm-dialect.h) learns them on the client's side; the simulator
 * serves one. */
typedef enum
{
  MFM_WIRE_MEMBER_PEER_PORT                = 1 << 0,   /* "peerPort" [INF] */
  MFM_WIRE_MEMBER_PARTNER_PORT             = 1 << 1,   /* "partnerPort" [INF] */
  MFM_WIRE_MEMBER_STATE                    = 1 << 2,   /* "state" [INF] */
  MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE     = 1 << 3,
  MFM_WIRE_MEMBER_SAFE_PERIOD              = 1 << 4,
  MFM_WIRE_MEMBER_FAILOVER_MODE            = 1 << 5,
  MFM_WIRE_MEMBER_SCOPE_REFS               = 1 << 6,
  MFM_WIRE_MEMBER_PORT                     = 1 << 7,
  MFM_WIRE_MEMBER_LOAD_BALANCE_MAX_SECONDS = 1 << 8,
  MFM_WIRE_MEMBER_MAX_RESPONSE_DELAY       = 1 << 9,
  MFM_WIRE_MEMBER_MAX_UNACKED_UPDATES      = 1 << 10,
  MFM_WIRE_MEMBER_SCOPE_RANGE              = 1 << 11,  /* a scope's "range" (its network) */
  MFM_WIRE_MEMBER_SCOPE_RANGE_REF          = 1 << 12,  /* a scope's "rangeRef" */
  MFM_WIRE_MEMBER_POOL_FROM                = 1 << 13,
  MFM_WIRE_MEMBER_POOL_TO                  = 1 << 14,
} MfmWireMember;

#define MFM_WIRE_N_MEMBERS 15

/* A dialect. @members: what its objects carry (listing): one of the two partner-port members,
 * which is also the one Add and Modify write, and the optional ones; a scope carries "range"
 * when SCOPE_RANGE is in it. @add_members: which of failoverServerType (sent as the primary),
 * safePeriod (sent as @safe_period), failoverMode and dhcpScopeRefs (sent empty) Add sends;
 * Modify sends failoverMode when it is set and none of the others. */
typedef struct
{
  MfmWireMember members;
  MfmWireMember add_members;
  guint         safe_period;
} MfmWireDialect;

#define MFM_WIRE_ADD_OPTIONAL_MEMBERS (MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE | \
                                       MFM_WIRE_MEMBER_SAFE_PERIOD | \
                                       MFM_WIRE_MEMBER_FAILOVER_MODE | \
                                       MFM_WIRE_MEMBER_SCOPE_REFS)

/* The documented and inferred names, before a server has shown its own: objects with peerPort,
 * state, failoverMode, dhcpScopeRefs and scopes with rangeRef; Add sends failoverMode only. */
extern const MfmWireDialect mfm_wire_dialect_default;

/* ---- Objects ↔ JSON (mfm-wire-objects.c) ---- */

/* The wire name of one member ("peerPort"), for reports. */
const char      *mfm_wire_member_name             (MfmWireMember     member);

JsonNode        *mfm_wire_server_to_json          (MfmServer        *server);
MfmServer       *mfm_wire_server_from_json        (JsonNode         *node,
                                                   GError          **error);
JsonNode        *mfm_wire_scope_to_json           (MfmScope         *scope);
MfmScope        *mfm_wire_scope_from_json         (JsonNode         *node,
                                                   GError          **error);
JsonNode        *mfm_wire_pools_to_json           (MfmScope         *scope);
/* Adds the pools in @node (a GetDHCPAddressPools result) to @scope. */
gboolean         mfm_wire_pools_from_json         (JsonNode         *node,
                                                   MfmScope         *scope,
                                                   GError          **error);
/* @for_modify leaves out "percentage" (Micetro's Modify does not take it). */
JsonNode        *mfm_wire_relationship_to_json    (MfmRelationship  *relationship,
                                                   gboolean          for_modify);
MfmRelationship *mfm_wire_relationship_from_json  (JsonNode         *node,
                                                   GError          **error);
/* Like the above, and ORs into @seen (may be NULL) the dialect members the object carries, and
 * sets @safe_period to its safePeriod when it has one as a whole number. */
MfmRelationship *mfm_wire_relationship_from_json_observed (JsonNode  *node,
                                                   MfmWireMember   *seen,
                                                   guint           *safe_period,
                                                   GError         **error);
/* The object as a server of @dialect lists it. */
JsonNode        *mfm_wire_relationship_to_json_dialect (MfmRelationship *relationship,
                                                   const MfmWireDialect *dialect);
/* A scope as a server of @dialect lists it: "rangeRef" when the scope has one, "range" when the
 * dialect carries it. mfm_wire_scope_to_json() writes both (dataset files). */
JsonNode        *mfm_wire_scope_to_json_dialect   (MfmScope         *scope,
                                                   const MfmWireDialect *dialect);
/* GetRange's result {range:{ref, name, from, to}}; and the network it names: @network gets the
 * range's name when it is a network in CIDR notation, else NULL (a range that is not a subnet). */
JsonNode        *mfm_wire_range_result            (const char       *ref,
                                                   const char       *name,
                                                   const char       *from,
                                                   const char       *to);
gboolean         mfm_wire_network_from_range_result (JsonNode       *result,
                                                   char           **network,
                                                   GError         **error);
/* TRUE for "10.1.20.0/24" (IPv4 or IPv6 with a prefix length in range). */
gboolean         mfm_wire_is_cidr                 (const char       *text);
/* Counts the entries of a HasAccess result that allow and that deny. */
gboolean         mfm_wire_has_access_from_result  (JsonNode         *result,
                                                   guint            *n_allowed,
                                                   guint            *n_denied,
                                                   GError          **error);
/* Server side: one entry of a HasAccess result, for a DHCP server. */
JsonNode        *mfm_wire_has_access_entry        (const char       *ref,
                                                   const char       *name,
                                                   gboolean          has_access);

/* ---- The calls (mfm-wire-calls.c) ---- */

/* The API calls a change will make, for the review window: element type MfmWireCall. */
typedef struct
{
  char     *method;
  JsonNode *params;   /* without "session" */
} MfmWireCall;

void             mfm_wire_call_free               (MfmWireCall      *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmWireCall, mfm_wire_call_free)
const char      *mfm_wire_deconfigure_action_to_string (MfmDeconfigureAction action);
gboolean         mfm_wire_deconfigure_action_from_string (const char  *text,
                                                   MfmDeconfigureAction *action);

/* "Method\n{pretty params}" for display. */
char            *mfm_wire_call_to_text            (MfmWireCall      *call);

/* The calls @change will make, in order (element type MfmWireCall), as a server of @dialect
 * takes them (NULL: mfm_wire_dialect_default). The commands that take dhcpServerRef get the
 * primary's ref. What the client sends and the review window shows. */
GPtrArray       *mfm_wire_calls_for_change        (MfmChange        *change,
                                                   const char       *comment,
                                                   const MfmWireDialect *dialect);
/* The single calls; Add and Modify in the names of @dialect (NULL: the default). */
MfmWireCall     *mfm_wire_call_add_relationship   (MfmRelationship  *relationship,
                                                   const char       *comment,
                                                   const MfmWireDialect *dialect);
MfmWireCall     *mfm_wire_call_modify_relationship (MfmRelationship *relationship,
                                                   const char       *comment,
                                                   const MfmWireDialect *dialect);
MfmWireCall     *mfm_wire_call_remove_relationship (const char      *server_ref,
                                                   const char       *name,
                                                   MfmDeconfigureAction action,
                                                   const char       *comment);
MfmWireCall     *mfm_wire_call_add_scopes         (const char       *server_ref,
                                                   const char       *name,
                                                   const char * const *scope_refs,
                                                   const char       *comment);
MfmWireCall     *mfm_wire_call_remove_scopes      (const char       *server_ref,
                                                   const char       *name,
                                                   const char * const *scope_refs,
                                                   MfmDeconfigureAction action,
                                                   const char       *comment);

/* The HasAccess call for "Add a scope" on these DHCP servers. */
MfmWireCall     *mfm_wire_call_has_access         (const char * const *server_refs);
/* GetDHCPScopes' filter for one server's scopes: dhcpServerRef=<ref>. */
char            *mfm_wire_scope_filter_for_server (const char       *server_ref);
/* GetDHCPScopes' parameters, GetRange's and so on: the names each command takes, NULL-terminated
 * (for the simulator, which refuses any other). NULL for an unknown command. */
const char * const *mfm_wire_command_parameters   (const char       *method);

/* TRUE for the commands that only read (Get…, HasAccess): sending one again changes nothing. */
gboolean         mfm_wire_method_is_read          (const char       *method);


/* ---- The JSON-RPC envelope (mfm-wire-rpc.c) ---- */

/* {"jsonrpc":"2.0","method":…,"params":{…},"id":…}; @params may be NULL and is not modified
 * ("session" is added to a copy when @session is not NULL). */
char            *mfm_wire_build_request           (const char       *method,
                                                   JsonObject       *params,
                                                   const char       *session,
                                                   gint64            id,
                                                   gsize            *length);
/* Parses a response body and returns its "result" (a new node; "" for commands without one),
 * or NULL with an MfmError: the API error mapped by its code (16394 BAD_CREDENTIALS, 1028
 * PERMISSION, 2049 NOT_FOUND, 5002/5003 or a message naming the session SESSION, any other
 * SERVER; made by mfm_error_new_api(), so it carries the code and the text); HTTP 401 without an API error → SESSION; another non-2xx
 * status without an API error → SERVER; anything else malformed → PROTOCOL. @http_status 0
 * means unknown. Never asserts on input. */
JsonNode        *mfm_wire_parse_response          (const char       *body,
                                                   gsize             length,
                                                   guint             http_status,
                                                   GError          **error);
/* The same, with the text read by json-glib's parser alone rather than the one-pass reader
 * first: the reference the benchmarks' baseline parses with. */
JsonNode        *mfm_wire_parse_response_json_glib (const char  *body,
                                                    gsize        length,
                                                    guint        http_status,
                                                    GError     **error);
/* Server side: the request's method, params (an empty object when absent) and id (NULL when
 * absent). FALSE with MFM_ERROR_PROTOCOL when it is not a JSON-RPC request. */
gboolean         mfm_wire_parse_request           (const char       *body,
                                                   gsize             length,
                                                   char            **method,
                                                   JsonObject      **params,
                                                   JsonNode        **id,
                                                   GError          **error);
/* Server side: a success or error response body. @id may be NULL (null id). */
char            *mfm_wire_build_result            (JsonNode         *id,
                                                   JsonNode         *result,
                                                   gsize            *length);
char            *mfm_wire_build_error             (JsonNode         *id,
                                                   int               code,
                                                   const char       *message,
                                                   gsize            *length);

/* List results: {"<member>":[…], "totalResults":N}; @total_results < 0 leaves it out. */
JsonNode        *mfm_wire_list_result             (const char       *member,
                                                   JsonArray        *items,
                                                   gint64            total_results);
JsonNode        *mfm_wire_session_result          (const char       *session);
char            *mfm_wire_session_from_result     (JsonNode         *result,
                                                   GError          **error);
/* New arrays of MfmServer / MfmScope / MfmRelationship. @total_results (may be NULL) gets
 * "totalResults", or G_MAXUINT when the server did not send it. */
GPtrArray       *mfm_wire_servers_from_result     (JsonNode         *result,
                                                   guint            *total_results,
                                                   GError          **error);
GPtrArray       *mfm_wire_scopes_from_result      (JsonNode         *result,
                                                   guint            *total_results,
                                                   GError          **error);
GPtrArray       *mfm_wire_relationships_from_result (JsonNode       *result,
                                                   GError          **error);
/* Also ORs into @seen the dialect members any of the objects carried and sets @safe_period as
 * mfm_wire_relationship_from_json_observed() does. */
GPtrArray       *mfm_wire_relationships_from_result_observed (JsonNode *result,
                                                   MfmWireMember   *seen,
                                                   guint           *safe_period,
                                                   GError         **error);
/* Counts the items of a list result without building objects (the benchmark's baseline). */
gboolean         mfm_wire_count_list_result       (JsonNode         *result,
                                                   const char       *member,
                                                   guint            *n_items,
                                                   guint            *total_results,
                                                   GError          **error);

/* Whether a member's value is a secret (the password, a session id), for the API log and the
 * simulator's record alike; @length -1 when @name ends with NUL. */
gboolean         mfm_wire_is_secret_member        (const char       *name,
                                                   gssize            length);


/* JSON text of a node, pretty or compact. */
char            *mfm_wire_to_string               (JsonNode         *node,
                                                   gboolean          pretty);

G_END_DECLS
