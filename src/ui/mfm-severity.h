/* mfm-severity.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-types.h"

G_BEGIN_DECLS

/* How a finding's severity looks, in one place for every window that lists findings. */

/* "dialog-error-symbolic", "dialog-warning-symbolic" or "dialog-information-symbolic". */
const char *mfm_severity_get_icon_name          (MfmSeverity severity);
/* The style class of a rule's finding: "error", "warning" or, for a hint, "dim-label". */
const char *mfm_severity_get_style_class        (MfmSeverity severity);
/* The translated word for a rule's finding: "Error", "Warning" or "Hint". */
const char *mfm_severity_get_label              (MfmSeverity severity);
/* The style class of a health check's finding: "error", "warning" or, for a note about the
 * running pair (which is news, not a hint about a value), "accent". */
const char *mfm_health_severity_get_style_class (MfmSeverity severity);
/* The translated word for a health check's finding: "Problem", "Warning" or "Note". */
const char *mfm_health_severity_get_label       (MfmSeverity severity);

G_END_DECLS
