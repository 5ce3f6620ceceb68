/* mfm-field.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The fields of a failover relationship as a person edits them, in the order the form shows
 * them. One table in mfm-field.c describes each: its stable id, Micetro's label, its unit, and
 * for the numbers the default and the range the rules accept. The rules, the change's diff,
 * MfmRelationship (its numeric properties, copy and compare) and the drafts read that table
 * instead of naming the fields one by one; a form builds one row per field from it.
 *
 * The numeric fields are kept on MfmRelationship as guint and read and written with
 * mfm_relationship_get_field_value() and mfm_relationship_set_field_value(); for them the id is
 * also the name of the MfmRelationship property ("mclt", "peer-port", …). */
typedef enum
{
  MFM_FIELD_NAME,
  MFM_FIELD_PARTNER_SERVER,
  MFM_FIELD_PORT,
  MFM_FIELD_PEER_PORT,
  MFM_FIELD_MCLT,
  MFM_FIELD_MAX_RESPONSE_DELAY,
  MFM_FIELD_LOAD_BALANCE_MAX_SECONDS,
  MFM_FIELD_MAX_UNACKED_UPDATES,
  MFM_FIELD_PERCENTAGE,
  /* Read-only in the form (the server it was opened on); last so the values above stay. */
  MFM_FIELD_PRIMARY_SERVER,
  MFM_N_FIELDS,
} MfmField;

/* What a number counts, which also says how it is shown. */
typedef enum
{
  MFM_FIELD_UNIT_NONE,      /* a name, a port or a count */
  MFM_FIELD_UNIT_SECONDS,   /* shown as a duration: "3600 s (1 h)" */
  MFM_FIELD_UNIT_PERCENT,   /* the load balance split: "50 % (split 128)" */
} MfmFieldUnit;

/* Stable identifier for drafts and tests: "name", "partner-server", "port", "peer-port",
 * "mclt", "max-response-delay", "load-balance-max-seconds", "max-unacked-updates",
 * "percentage", "primary-server". */
const char   *mfm_field_get_id            (MfmField     field);
/* The field whose id is @id; FALSE when there is none. */
gboolean      mfm_field_from_id           (const char  *id,
                                           MfmField    *field);
/* Micetro's label for the field, translated ("Failover name", "Maximum client lead time", …). */
const char   *mfm_field_get_label         (MfmField     field);
/* The name of the MfmRelationship property that holds the field: the id for the numbers,
 * "name", "secondary-server" (the partner) and "primary-server" for the names. */
const char   *mfm_field_get_property      (MfmField     field);
/* TRUE for the whole numbers (ports, times, counts, percentage); FALSE for the names. */
gboolean      mfm_field_is_number         (MfmField     field);
MfmFieldUnit  mfm_field_get_unit          (MfmField     field);
/* The unit as the form writes it after the value: "seconds" (translated) or "%"; NULL when
 * the field has no unit. */
const char   *mfm_field_get_unit_label    (MfmField     field);
/* Numbers only: the value a new relationship starts with (the values Micetro proposes), and
 * the smallest and largest value the rules accept without an error. */
guint         mfm_field_get_default       (MfmField     field);
guint         mfm_field_get_minimum       (MfmField     field);
guint         mfm_field_get_maximum       (MfmField     field);
/* Numbers only: @value as a person reads it in a diff or a summary, translated: "647",
 * "3600 s (1 h)", "50 % (split 128)". */
char         *mfm_field_format_number     (MfmField     field,
                                           guint        value);

G_END_DECLS
