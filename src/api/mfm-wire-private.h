/* mfm-wire-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "mfm-wire.h"

G_BEGIN_DECLS

/* What the wire files share: reading members tolerantly (mfm-wire-objects.c), the protocol
 * error and the length limits (mfm-wire-rpc.c), and the relationship object as each command
 * takes it (mfm-wire-objects.c, for the calls in mfm-wire-calls.c). */

typedef enum
{
  MFM_WIRE_RELATIONSHIP_FOR_LIST,    /* everything, as GetDHCPFailoverRelationships answers */
  MFM_WIRE_RELATIONSHIP_FOR_ADD,     /* the settings Add takes */
  MFM_WIRE_RELATIONSHIP_FOR_MODIFY,  /* the settings Modify takes: no percentage */
} MfmWireRelationshipUse;

/* Sets MFM_ERROR_PROTOCOL with a formatted message. */
void        mfm_wire_set_protocol_error       (GError                **error,
                                               const char             *format,
                                               ...) G_GNUC_PRINTF (2, 3);
/* Refuses a text longer than its member allows, saying how long it is. */
gboolean    mfm_wire_check_text_length        (const char             *member,
                                               const char             *text,
                                               GError                **error);

/* The member @name of @object, NULL when missing or JSON null (both mean "unknown"). */
JsonNode   *mfm_wire_get_member               (JsonObject             *object,
                                               const char             *name);
/* A text member (borrowed), NULL when missing and not @required. */
gboolean    mfm_wire_read_string              (JsonObject             *object,
                                               const char             *name,
                                               gboolean                required,
                                               const char            **value,
                                               GError                **error);
/* A whole number from 0 to 4294967295; @present (may be NULL) says whether it was sent. */
gboolean    mfm_wire_read_uint                (JsonObject             *object,
                                               const char             *name,
                                               guint                  *value,
                                               gboolean               *present,
                                               GError                **error);
/* @node as an object, or NULL with an error naming @what: a text marked for translation but
 * translated only then, since the objects of a long list are checked one by one. */
JsonObject *mfm_wire_expect_object            (JsonNode               *node,
                                               const char             *what,
                                               GError                **error);

/* The relationship object as @use needs it, in the names of @dialect (NULL: the default). */
JsonNode   *mfm_wire_relationship_to_json_for (MfmRelationship        *relationship,
                                               MfmWireRelationshipUse  use,
                                               const MfmWireDialect   *dialect);

G_END_DECLS
