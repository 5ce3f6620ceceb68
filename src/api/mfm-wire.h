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

G_BEGIN_DECLS

/* The one place that knows Micetro's wire names (DESIGN §2, §3). When a real Micetro
 * disagrees with an inferred name, change it here. Both the client and the simulator use it.
 * Parsers ignore unknown members, treat missing optional members as unknown and fail with
 * MFM_ERROR_PROTOCOL on a wrong type. */

#define MFM_WIRE_ENDPOINT "/mmws/json"

#define MFM_WIRE_LOGIN                          "Login"
#define MFM_WIRE_LOGOUT                         "Logout"
#define MFM_WIRE_GET_SERVERS                    "GetDHCPServers"
#define MFM_WIRE_GET_SCOPES                     "GetDHCPScopes"
#define MFM_WIRE_GET_ADDRESS_POOLS              "GetDHCPAddressPools"
#define MFM_WIRE_GET_RELATIONSHIPS              "GetDHCPFailoverRelationships"
#define MFM_WIRE_ADD_RELATIONSHIP               "AddDHCPFailoverRelationship"
#define MFM_WIRE_MODIFY_RELATIONSHIP            "ModifyDHCPFailoverRelationship"
#define MFM_WIRE_REMOVE_RELATIONSHIPS           "RemoveDHCPFailoverRelationships"
#define MFM_WIRE_ADD_SCOPES                     "AddDHCPScopesToDHCPFailoverRelationship"
#define MFM_WIRE_REMOVE_SCOPES                  "RemoveDHCPScopesFromDHCPFailoverRelationship"

#define MFM_WIRE_CODE_ACCESS_DENIED      1028
#define MFM_WIRE_CODE_NOT_FOUND          2049
#define MFM_WIRE_CODE_MISSING_SESSION    5002
#define MFM_WIRE_CODE_INVALID_SESSION    5003
#define MFM_WIRE_CODE_BAD_CREDENTIALS    16394
/* JSON-RPC 2.0's own "Internal error". */
#define MFM_WIRE_CODE_INTERNAL_ERROR     (-32603)

/* Request parameter names of the commands above. */
#define MFM_WIRE_PARAM_SESSION                  "session"
#define MFM_WIRE_PARAM_LOGIN_NAME               "loginName"
#define MFM_WIRE_PARAM_PASSWORD                 "password"
#define MFM_WIRE_PARAM_SERVER                   "server"
#define MFM_WIRE_PARAM_FILTER                   "filter"
#define MFM_WIRE_PARAM_OFFSET                   "offset"
#define MFM_WIRE_PARAM_LIMIT                    "limit"
#define MFM_WIRE_PARAM_SORT_BY                  "sortBy"
#define MFM_WIRE_PARAM_SORT_ORDER               "sortOrder"
#define MFM_WIRE_PARAM_SERVER_REF               "dhcpServerRef"
#define MFM_WIRE_PARAM_SCOPE_REF                "dhcpScopeRef"
#define MFM_WIRE_PARAM_SCOPE_REFS               "dhcpScopeRefs"
#define MFM_WIRE_PARAM_RELATIONSHIP             "dhcpFailoverRelationship"
#define MFM_WIRE_PARAM_RELATIONSHIP_NAME        "dhcpFailoverRelationshipName"
#define MFM_WIRE_PARAM_REF_AND_NAMES            "dhcpRefAndFailoverRelationshipNames"
#define MFM_WIRE_PARAM_DECONFIGURE_ACTION       "dhcpFailoverRelationshipDeconfigureAction"
#define MFM_WIRE_PARAM_SAVE_COMMENT             "saveComment"

#define MFM_WIRE_SORT_ASCENDING                 "Ascending"
#define MFM_WIRE_SORT_DESCENDING                "Descending"

/* Members of the results. */
#define MFM_WIRE_RESULT_SESSION                 "session"
#define MFM_WIRE_RESULT_SERVERS                 "dhcpServers"
#define MFM_WIRE_RESULT_SCOPES                  "dhcpScopes"
#define MFM_WIRE_RESULT_ADDRESS_POOLS           "dhcpAddressPools"
#define MFM_WIRE_RESULT_RELATIONSHIPS           "dhcpFailoverRelationships"
#define MFM_WIRE_RESULT_TOTAL                   "totalResults"

/* The JSON-RPC 2.0 envelope. */
#define MFM_WIRE_JSONRPC                        "jsonrpc"
#define MFM_WIRE_JSONRPC_VERSION                "2.0"
#define MFM_WIRE_JSONRPC_METHOD                 "method"
#define MFM_WIRE_JSONRPC_PARAMS                 "params"
#define MFM_WIRE_JSONRPC_ID                     "id"
#define MFM_WIRE_JSONRPC_RESULT                 "result"
#define MFM_WIRE_JSONRPC_ERROR                  "error"
#define MFM_WIRE_JSONRPC_CODE                   "code"
#define MFM_WIRE_JSONRPC_MESSAGE                "message"

/* Objects ↔ JSON. */
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
const char      *mfm_wire_deconfigure_action_to_string (MfmDeconfigureAction action);
gboolean         mfm_wire_deconfigure_action_from_string (const char  *text,
                                                   MfmDeconfigureAction *action);

/* The API calls a change will make, for the review window: element type MfmWireCall. */
typedef struct
{
  char     *method;
  JsonNode *params;   /* without "session" */
} MfmWireCall;

void             mfm_wire_call_free               (MfmWireCall      *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmWireCall, mfm_wire_call_free)
/* @server_ref_primary is the primary's ref for the commands that take dhcpServerRef. */
GPtrArray       *mfm_wire_calls_for_change        (MfmChange        *change,
                                                   const char       *comment);
/* "Method\n{pretty params}" for display. */
char            *mfm_wire_call_to_text            (MfmWireCall      *call);

/* JSON text of a node, pretty or compact. */
char            *mfm_wire_to_string               (JsonNode         *node,
                                                   gboolean          pretty);

/* Additions: the JSON-RPC envelope, the list results and the single calls, shared by the client,
 * the simulator and the fuzz target. */

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
 * SERVER; message "[code] text"); HTTP 401 without an API error → SESSION; another non-2xx
 * status without an API error → SERVER; anything else malformed → PROTOCOL. @http_status 0
 * means unknown. Never asserts on input. */
JsonNode        *mfm_wire_parse_response          (const char       *body,
                                                   gsize             length,
                                                   guint             http_status,
                                                   GError          **error);
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
/* Counts the items of a list result without building objects (the benchmark's baseline). */
gboolean         mfm_wire_count_list_result       (JsonNode         *result,
                                                   const char       *member,
                                                   guint            *n_items,
                                                   guint            *total_results,
                                                   GError          **error);

/* The single calls (what the client sends and mfm_wire_calls_for_change() lists). */
MfmWireCall     *mfm_wire_call_add_relationship   (MfmRelationship  *relationship,
                                                   const char       *comment);
MfmWireCall     *mfm_wire_call_modify_relationship (MfmRelationship *relationship,
                                                   const char       *comment);
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

/* Additions: asking whether the user may change, without changing anything.
 *
 * HasAccess {accessName, objRefs, objType} → {hasAccessEntries:[{ref, objType, name,
 * hasAccess}]} is in the vendor WSDL (2017) and the 9.x API definitions; the access names
 * are those of Micetro's permissions reference ("API" column). Adding scopes to a failover
 * relationship needs "Add a scope" (access_addScope) on the DHCP server. */
#define MFM_WIRE_HAS_ACCESS                     "HasAccess"
#define MFM_WIRE_PARAM_ACCESS_NAME              "accessName"
#define MFM_WIRE_PARAM_OBJ_REFS                 "objRefs"
#define MFM_WIRE_PARAM_OBJ_TYPE                 "objType"
#define MFM_WIRE_RESULT_HAS_ACCESS_ENTRIES      "hasAccessEntries"
#define MFM_WIRE_ACCESS_ADD_SCOPE               "access_addScope"
#define MFM_WIRE_OBJ_TYPE_DHCP_SERVER           "DHCPServer"

/* The HasAccess call for "Add a scope" on these DHCP servers. */
MfmWireCall     *mfm_wire_call_has_access         (const char * const *server_refs);
/* Counts the entries of a HasAccess result that allow and that deny. */
gboolean         mfm_wire_has_access_from_result  (JsonNode         *result,
                                                   guint            *n_allowed,
                                                   guint            *n_denied,
                                                   GError          **error);
/* Server side: one entry of a HasAccess result, for a DHCP server. */
JsonNode        *mfm_wire_has_access_entry        (const char       *ref,
                                                   const char       *name,
                                                   gboolean          has_access);
/* TRUE for the commands that only read (Get…, HasAccess): sending one again changes nothing. */
gboolean         mfm_wire_method_is_read          (const char       *method);

G_END_DECLS
