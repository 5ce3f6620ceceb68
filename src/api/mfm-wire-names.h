/* mfm-wire-names.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* Every name of the Micetro API this application speaks: the endpoint, the commands, their
 * parameters, the members of their results and objects, and the error codes. Nothing else in
 * the tree writes one of these names out: when a real Micetro installation disagrees with an
 * assumption (the inferred ones are marked [INF]), this header is the one place to change, and
 * the client and the simulator follow it alike. */

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
#define MFM_WIRE_GET_RANGE                      "GetRange"

#define MFM_WIRE_CODE_ACCESS_DENIED      1028
#define MFM_WIRE_CODE_NOT_FOUND          2049
#define MFM_WIRE_CODE_MISSING_SESSION    5002
#define MFM_WIRE_CODE_INVALID_SESSION    5003
#define MFM_WIRE_CODE_BAD_CREDENTIALS    16394
#define MFM_WIRE_CODE_RESOURCE_NOT_FOUND 16544
/* "Incoming requests have been disabled on this server": a web service on standby. */
#define MFM_WIRE_CODE_REQUESTS_DISABLED  1037
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
#define MFM_WIRE_PARAM_FOLDER_REF               "folderRef"
#define MFM_WIRE_PARAM_RANGE_REF                "rangeRef"

#define MFM_WIRE_SORT_ASCENDING                 "Ascending"
#define MFM_WIRE_SORT_DESCENDING                "Descending"

/* Members of the results. */
#define MFM_WIRE_RESULT_SESSION                 "session"
#define MFM_WIRE_RESULT_SERVERS                 "dhcpServers"
#define MFM_WIRE_RESULT_SCOPES                  "dhcpScopes"
#define MFM_WIRE_RESULT_ADDRESS_POOLS           "dhcpAddressPools"
#define MFM_WIRE_RESULT_RELATIONSHIPS           "dhcpFailoverRelationships"
#define MFM_WIRE_RESULT_TOTAL                   "totalResults"
#define MFM_WIRE_RESULT_RANGE                   "range"

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

/* Members of the objects: DHCPServer, DHCPScope, Range, DHCPAddressPool and
 * DHCPFailoverRelationship. */

/* DHCPServer */
#define MFM_WIRE_KEY_REF                        "ref"
#define MFM_WIRE_KEY_NAME                       "name"
#define MFM_WIRE_KEY_HAS_ACCESS                 "hasAccess"
#define MFM_WIRE_KEY_OBJ_TYPE                   "objType"
#define MFM_WIRE_KEY_ADDRESS                    "address"
#define MFM_WIRE_KEY_TYPE                       "type"
#define MFM_WIRE_KEY_STATE                      "state"
#define MFM_WIRE_KEY_ENABLED                    "enabled"

/* DHCPScope (vendor WSDL, API 9.x types). Its network is the name of its Range (rangeRef →
 * GetRange); a later schema is reported to carry it as "range" on the scope. Its name is free
 * text, never a network. */
#define MFM_WIRE_KEY_SCOPE_SERVER_REF           "dhcpServerRef"
#define MFM_WIRE_KEY_SCOPE_RANGE_REF            "rangeRef"
#define MFM_WIRE_KEY_SCOPE_RANGE                "range"
#define MFM_WIRE_KEY_DESCRIPTION                "description"

/* Range (GetRange's result) */
#define MFM_WIRE_KEY_RANGE_FROM                 "from"
#define MFM_WIRE_KEY_RANGE_TO                   "to"

/* DHCPAddressPool (vendor WSDL, API 9.x types, and a client that matches live pools on them) */
#define MFM_WIRE_KEY_POOL_FROM                  "from"
#define MFM_WIRE_KEY_POOL_TO                    "to"
#define MFM_WIRE_KEY_POOL_SCOPE_REF             "dhcpScopeRef"
#define MFM_WIRE_KEY_POOL_FAILOVER_PEER         "failoverPeer"
#define MFM_WIRE_KEY_POOL_FAILOVER_RELATIONSHIP "failoverRelationship"

/* DHCPFailoverRelationship */
#define MFM_WIRE_KEY_PRIMARY_SERVER             "primaryServer"
#define MFM_WIRE_KEY_SECONDARY_SERVER           "secondaryServer"
#define MFM_WIRE_KEY_PRIMARY_SERVER_REF         "primaryServerRef"
#define MFM_WIRE_KEY_SECONDARY_SERVER_REF       "secondaryServerRef"
#define MFM_WIRE_KEY_FAILOVER_MODE              "failoverMode"
#define MFM_WIRE_KEY_PERCENTAGE                 "percentage"
#define MFM_WIRE_KEY_MCLT                       "mclt"
#define MFM_WIRE_KEY_PORT                       "port"
/* No source names the partner port's member: both candidates are read, and writes use the one
 * the server's own relationships carry (MfmDialect), "peerPort" until it has shown one. */
#define MFM_WIRE_KEY_PEER_PORT                  "peerPort"
#define MFM_WIRE_KEY_PARTNER_PORT               "partnerPort"
/* Documented only as the command parameters LoadBalanceMaxSeconds, MaxResponseDelay and
 * MaxUnackedUpdates; lower camel case as every other documented parameter maps [INF]. */
#define MFM_WIRE_KEY_LOAD_BALANCE_MAX_SECONDS   "loadBalanceMaxSeconds"
#define MFM_WIRE_KEY_MAX_RESPONSE_DELAY         "maxResponseDelay"
#define MFM_WIRE_KEY_MAX_UNACKED_UPDATES        "maxUnackedUpdates"
#define MFM_WIRE_KEY_SCOPE_REFS                 "dhcpScopeRefs"
/* Required on the object in the 2017 WSDL; sent on Add only where the server's relationships
 * carry them. */
#define MFM_WIRE_KEY_FAILOVER_SERVER_TYPE       "failoverServerType"
#define MFM_WIRE_KEY_SAFE_PERIOD                "safePeriod"
#define MFM_WIRE_FAILOVER_SERVER_TYPE_PRIMARY   "PrimaryServer"

/* The filter grammar other clients use: field=value clauses. */
#define MFM_WIRE_FILTER_EQUALS                  "="

/* What RemoveDHCPFailoverRelationships and RemoveDHCPScopesFromDHCPFailoverRelationship do to
 * the secondary's scopes (dhcpFailoverRelationshipDeconfigureAction). */
#define MFM_WIRE_DECONFIGURE_NONE               "None"
#define MFM_WIRE_DECONFIGURE_DISABLE            "Disable"
#define MFM_WIRE_DECONFIGURE_DELETE             "Delete"

/* Commands whose name starts so only read: sending one again changes nothing. */
#define MFM_WIRE_READ_PREFIX                    "Get"

/* Asking whether the user may change, without changing anything.
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
