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

G_END_DECLS
