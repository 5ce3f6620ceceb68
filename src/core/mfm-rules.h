/* mfm-rules.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-inventory.h"
#include "mfm-types.h"

G_BEGIN_DECLS

typedef struct
{
  MfmField     field;
  MfmSeverity  severity;
  char        *message;   /* translated sentence */
} MfmFinding;

#define MFM_TYPE_FINDING (mfm_finding_get_type ())
GType       mfm_finding_get_type (void) G_GNUC_CONST;
MfmFinding *mfm_finding_new      (MfmField          field,
                                  MfmSeverity       severity,
                                  const char       *message);
MfmFinding *mfm_finding_copy     (const MfmFinding *finding);
void        mfm_finding_free     (MfmFinding       *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmFinding, mfm_finding_free)

/* The relationship form as typed: every value is the text of its entry (NULL = empty). */
typedef struct
{
  const char *name;
  const char *partner_server;          /* Micetro name of the partner */
  const char *port;
  const char *peer_port;
  const char *mclt;
  const char *max_response_delay;
  const char *load_balance_max_seconds;
  const char *max_unacked_updates;
  const char *percentage;
} MfmRelationshipInput;

/* What the rules need to know besides the form. */
typedef struct
{
  MfmInventory *inventory;            /* servers and existing relationships */
  const char   *primary_server_ref;   /* the server the form was opened on */
  const char   *editing_name;         /* name of the relationship being edited, or NULL */
  GListModel   *staged_relationships; /* relationships added by staged changes, or NULL */
} MfmRuleContext;

/* Runs every rule of the relationship (one data table in mfm-rules.c; the numbers' ranges
 * come from the field table) on the form as typed. @texts holds MFM_N_FIELDS texts indexed by
 * MfmField (NULL = empty; the primary server's is ignored, @context names it). Returns a new
 * array of MfmFinding, errors first, then warnings, then infos, each group in field order. */
GPtrArray  *mfm_rules_check_texts            (const char * const         *texts,
                                              const MfmRuleContext       *context);
/* The same with the texts by name. */
GPtrArray  *mfm_rules_check                  (const MfmRelationshipInput *input,
                                              const MfmRuleContext       *context);
/* The same rules on a relationship already made (for the "Warnings" column and the
 * change set): numbers are formatted and checked as if typed. */
GPtrArray  *mfm_rules_check_relationship     (MfmRelationship            *relationship,
                                              const MfmRuleContext       *context);
/* @field < 0 means any field. */
gboolean    mfm_findings_has_severity        (GPtrArray                  *findings,
                                              int                         field,
                                              MfmSeverity                 severity);
/* Findings for one field, most severe first; new array (borrowed elements). */
GPtrArray  *mfm_findings_for_field           (GPtrArray                  *findings,
                                              MfmField                    field);

/* Strict decimal parsing: digits only (surrounding white space allowed), no sign, no
 * overflow, value ≤ @max. */
gboolean    mfm_parse_uint                   (const char                 *text,
                                              guint64                     max,
                                              guint64                    *value);

/* split = round(256 × percentage / 100); the inverse rounds to the nearest percent. */
guint       mfm_percentage_to_split          (guint                       percentage);
guint       mfm_split_to_percentage          (guint                       split);

G_END_DECLS
