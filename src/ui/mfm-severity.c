/* mfm-severity.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-severity"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-severity.h"

const char *
mfm_severity_get_icon_name (MfmSeverity severity)
{
  switch (severity)
    {
    case MFM_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case MFM_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case MFM_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

const char *
mfm_severity_get_style_class (MfmSeverity severity)
{
  switch (severity)
    {
    case MFM_SEVERITY_ERROR:
      return "error";
    case MFM_SEVERITY_WARNING:
      return "warning";
    case MFM_SEVERITY_INFO:
    default:
      return "dim-label";
    }
}

const char *
mfm_severity_get_label (MfmSeverity severity)
{
  switch (severity)
    {
    case MFM_SEVERITY_ERROR:
      return _("Error");
    case MFM_SEVERITY_WARNING:
      return _("Warning");
    case MFM_SEVERITY_INFO:
    default:
      return _("Hint");
    }
}

const char *
mfm_health_severity_get_style_class (MfmSeverity severity)
{
  switch (severity)
    {
    case MFM_SEVERITY_ERROR:
      return "error";
    case MFM_SEVERITY_WARNING:
      return "warning";
    case MFM_SEVERITY_INFO:
    default:
      return "accent";
    }
}

const char *
mfm_health_severity_get_label (MfmSeverity severity)
{
  switch (severity)
    {
    case MFM_SEVERITY_ERROR:
      return _("Problem");
    case MFM_SEVERITY_WARNING:
      return _("Warning");
    case MFM_SEVERITY_INFO:
    default:
      return _("Note");
    }
}
