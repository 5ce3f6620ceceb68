/* mfm-types.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mfm-field.h"

G_BEGIN_DECLS

typedef enum
{
  MFM_SEVERITY_INFO,
  MFM_SEVERITY_WARNING,
  MFM_SEVERITY_ERROR,
} MfmSeverity;

typedef enum
{
  MFM_FAILOVER_STATE_UNKNOWN,
  MFM_FAILOVER_STATE_EMPTY,
  MFM_FAILOVER_STATE_NORMAL,
  MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED,
  MFM_FAILOVER_STATE_PARTNER_DOWN,
  MFM_FAILOVER_STATE_POTENTIAL_CONFLICT,
  MFM_FAILOVER_STATE_CONFLICT_DONE,
  MFM_FAILOVER_STATE_RESOLUTION_INTERRUPTED,
  MFM_FAILOVER_STATE_RECOVER,
  MFM_FAILOVER_STATE_RECOVER_WAIT,
  MFM_FAILOVER_STATE_RECOVER_DONE,
  MFM_FAILOVER_STATE_STARTUP,
  MFM_FAILOVER_STATE_PAUSED,
  MFM_FAILOVER_STATE_SHUTDOWN,
} MfmFailoverState;

/* What happens to the secondary's copy of a scope that leaves a relationship. */
typedef enum
{
  MFM_DECONFIGURE_NONE,
  MFM_DECONFIGURE_DISABLE,
  MFM_DECONFIGURE_DELETE,
} MfmDeconfigureAction;

typedef enum
{
  MFM_CHANGE_ADD,
  MFM_CHANGE_MODIFY,
  MFM_CHANGE_REMOVE,
  MFM_CHANGE_ADD_SCOPES,
  MFM_CHANGE_REMOVE_SCOPES,
} MfmChangeKind;

typedef enum
{
  MFM_CHANGE_STATUS_PENDING,
  MFM_CHANGE_STATUS_APPLYING,
  MFM_CHANGE_STATUS_APPLIED,
  MFM_CHANGE_STATUS_FAILED,
  /* The request was sent and no answer came back (reset, closed, timeout, unreadable): the
   * server may have made the change. Read back before the change is sent again. */
  MFM_CHANGE_STATUS_UNKNOWN,
} MfmChangeStatus;

/* How a relationship shows in the tables while changes are staged. */
typedef enum
{
  MFM_PENDING_NONE,
  MFM_PENDING_NEW,
  MFM_PENDING_MODIFIED,
  MFM_PENDING_REMOVED,
} MfmPendingState;

/* Text the wire uses ("Normal", "Communications interrupted", "communications-interrupted", …),
 * matched case-insensitively, ignoring spaces, dashes and underscores. NULL → UNKNOWN. */
MfmFailoverState  mfm_failover_state_from_string   (const char           *text);
/* Translated short label for a badge, e.g. "Partner down". */
const char       *mfm_failover_state_get_label     (MfmFailoverState      state);
/* Translated one-sentence explanation for the badge's tooltip. */
const char       *mfm_failover_state_get_description (MfmFailoverState    state);
/* Style class for the badge: "success", "warning", "error", "accent" or "dim". */
const char       *mfm_failover_state_get_style_class (MfmFailoverState    state);

const char       *mfm_deconfigure_action_get_label (MfmDeconfigureAction  action);

/* Translated badge label for a Micetro server state ("OK", "Unreachable", "Service Down", …),
 * matched case-insensitively; text Micetro may add later is returned as received. NULL or
 * empty → "Unknown". */
const char       *mfm_server_state_get_label       (const char           *state);
/* Style class for the server state badge: "success", "warning", "error" or "dim". */
const char       *mfm_server_state_get_style_class (const char           *state);

G_END_DECLS
