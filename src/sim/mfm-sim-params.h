/* mfm-sim-params.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mfm-inventory.h"
#include "mfm-sim-filter.h"
#include "mfm-wire.h"

G_BEGIN_DECLS

/* The errors the simulator answers with: the code is the JSON-RPC error code it sends, either
 * one the wire header names (MFM_WIRE_CODE_*) or one of these. Micetro's full table is not
 * public; these follow JSON-RPC where it has a code. */
#define MFM_SIM_ERROR (mfm_sim_error_quark ())
GQuark        mfm_sim_error_quark            (void);

#define MFM_SIM_CODE_PARSE_ERROR        (-32700)
#define MFM_SIM_CODE_INVALID_REQUEST    (-32600)
#define MFM_SIM_CODE_METHOD_NOT_FOUND   (-32601)
#define MFM_SIM_CODE_INTERNAL_ERROR     (-32603)
#define MFM_SIM_CODE_SIMULATED_FAILURE  19
#define MFM_SIM_CODE_INVALID_ARGUMENT   4100

/* Reading a call's parameters the way a server that validates against its schema does: every
 * function that can fail sets MFM_SIM_CODE_INVALID_ARGUMENT with a sentence naming the
 * parameter. A missing or null optional parameter is never an error. */

/* The text of @name, or NULL when it is missing or not text. */
const char   *mfm_sim_params_get_string      (JsonObject            *params,
                                              const char            *name);
/* FALSE when one of the named (NULL-terminated) optional parameters is there but not text. */
gboolean      mfm_sim_params_check_optional_strings (JsonObject     *params,
                                              GError               **error,
                                              ...) G_GNUC_NULL_TERMINATED;
/* The text of @name; NULL with @error when it is missing, empty or not text. */
const char   *mfm_sim_params_require_string  (JsonObject            *params,
                                              const char            *name,
                                              GError               **error);
/* A whole number from 0 to G_MAXINT32 into @value, or @fallback when @name is missing or null;
 * FALSE with @error for anything else. */
gboolean      mfm_sim_params_get_uint        (JsonObject            *params,
                                              const char            *name,
                                              guint                  fallback,
                                              guint                 *value,
                                              GError               **error);
/* Every string of the array @name (borrowed from @params), or NULL with @error when it is
 * missing, empty or holds anything but text. */
GPtrArray    *mfm_sim_params_get_string_array (JsonObject           *params,
                                              const char            *name,
                                              GError               **error);
/* The deconfigure action, "Disable" when it is not sent (as Micetro's dialogs default). */
gboolean      mfm_sim_params_get_deconfigure_action (JsonObject     *params,
                                              MfmDeconfigureAction  *action,
                                              GError               **error);
/* The list commands' filter (everything when not sent), or NULL with @error when its grammar
 * is broken. */
MfmSimFilter *mfm_sim_params_get_filter      (JsonObject            *params,
                                              GError               **error);
/* Offset (0 when not sent) and limit of a list call; a limit of 0, missing, or above @max is
 * @max. */
gboolean      mfm_sim_params_get_paging      (JsonObject            *params,
                                              guint                  max,
                                              guint                 *offset,
                                              guint                 *limit,
                                              GError               **error);
/* Strict like a server that validates against its schema: a parameter @method does not take
 * is an error, so a wrong name in a client cannot pass unnoticed. A method without a list of
 * parameters takes anything. */
gboolean      mfm_sim_params_check_known     (const char            *method,
                                              JsonObject            *params,
                                              GError               **error);

/* The relationship parameter of Add and Modify: its object, or NULL with @error when it is
 * missing or has a member @dialect does not know. */
JsonObject   *mfm_sim_params_get_relationship (JsonObject           *params,
                                              const MfmWireDialect  *dialect,
                                              GError               **error);
/* The relationship @object describes (new reference), or NULL with @error when it cannot be
 * read or has no name. */
MfmRelationship *mfm_sim_params_parse_relationship (JsonObject      *object,
                                              GError               **error);
/* Whether @name is a failover name dhcpd takes: a letter or digit, then letters, digits, dots,
 * dashes and underscores (the length is the caller's check). */
gboolean      mfm_sim_params_is_valid_name   (const char            *name);

/* The numeric settings of a relationship, as Add and Modify read them. */
typedef enum
{
  MFM_SIM_FIELD_PERCENTAGE,
  MFM_SIM_FIELD_MCLT,
  MFM_SIM_FIELD_PORT,
  MFM_SIM_FIELD_PEER_PORT,
  MFM_SIM_FIELD_LOAD_BALANCE_MAX_SECONDS,
  MFM_SIM_FIELD_MAX_RESPONSE_DELAY,
  MFM_SIM_FIELD_MAX_UNACKED_UPDATES,
  MFM_SIM_N_FIELDS
} MfmSimField;

/* Whether @object (the relationship parameter, @parsed read from it) sent @field, so "not
 * sent" and "sent as 0" differ; either name of the partner port counts. */
gboolean      mfm_sim_params_field_sent      (JsonObject            *object,
                                              MfmSimField            field,
                                              MfmRelationship       *parsed);
/* Sets on @target every field @object sent (the percentage only when @with_percentage). */
void          mfm_sim_params_copy_sent_fields (JsonObject           *object,
                                              MfmRelationship       *parsed,
                                              MfmRelationship       *target,
                                              gboolean               with_percentage);
/* FALSE with @error when the port or the partner port of @relationship is not 1–65535: both
 * when @for_add, otherwise only the ones @object sent. */
gboolean      mfm_sim_params_check_ports     (MfmRelationship       *relationship,
                                              JsonObject            *object,
                                              gboolean               for_add,
                                              GError               **error);

G_END_DECLS
