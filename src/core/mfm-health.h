/* mfm-health.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-relationship.h"
#include "mfm-scope.h"
#include "mfm-server.h"
#include "mfm-types.h"

G_BEGIN_DECLS

/* One thing found wrong with a failover pair: what, how bad, and what to do about it. */
typedef struct
{
  char        *id;        /* stable, e.g. "scope-missing-on-partner" */
  MfmSeverity  severity;
  char        *message;   /* translated sentence */
  char        *action;    /* translated sentence: what the administrator can do */
  char        *subject;   /* the scope or server it is about, or NULL */
} MfmHealthFinding;

#define MFM_TYPE_HEALTH_FINDING (mfm_health_finding_get_type ())
GType             mfm_health_finding_get_type (void) G_GNUC_CONST;
MfmHealthFinding *mfm_health_finding_copy     (const MfmHealthFinding *finding);
void              mfm_health_finding_free     (MfmHealthFinding       *finding);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmHealthFinding, mfm_health_finding_free)

/* What the checks look at for one relationship, as read from both servers. A NULL array means
 * "not read" and the rules that need it are left out; an empty array means "read, none". */
typedef struct
{
  MfmRelationship *relationship;             /* as the relationship list gives it */
  MfmServer       *primary;                  /* NULL: not among the servers read */
  MfmServer       *secondary;
  GPtrArray       *primary_scopes;           /* MfmScope with their pools, or NULL */
  GPtrArray       *secondary_scopes;
  GPtrArray       *primary_relationships;    /* MfmRelationship as each server lists them */
  GPtrArray       *secondary_relationships;
  gint64           state_since;              /* Unix time the state was first seen, 0: unknown */
  gint64           now;                      /* Unix time of the check */
} MfmHealthInput;

/* Runs every partner consistency rule (one data table in mfm-health.c). Returns a new array
 * of MfmHealthFinding, errors first, then warnings, then infos, each group in table order. */
GPtrArray  *mfm_health_check               (const MfmHealthInput *input);
/* The rule ids, in table order (for documentation and tests); NULL-terminated, static. */
const char * const *mfm_health_rule_ids    (void);
/* The most severe finding's severity; -1 when there is none. */
int         mfm_health_worst_severity      (GPtrArray            *findings);
/* TRUE when @findings holds a finding with @id (and @subject, unless NULL). */
gboolean    mfm_health_findings_contain    (GPtrArray            *findings,
                                            const char           *id,
                                            const char           *subject);

/* Whether a change of state from @from to @to is worth telling: leaving Normal or coming back
 * to it (states as Micetro gives them); to or from Empty (scopes added or removed) is not. */
gboolean    mfm_failover_state_change_is_notable (const char    *from,
                                                  const char    *to);

/* What a failover state means for the clients, and what the administrator can do (translated
 * sentences; never NULL). */
const char *mfm_failover_state_get_meaning (MfmFailoverState      state);
const char *mfm_failover_state_get_advice  (MfmFailoverState      state);

G_END_DECLS
