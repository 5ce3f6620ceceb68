/* mfm-field.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-field"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-field.h"
#include "mfm-util-private.h"

typedef struct
{
  const char   *id;
  const char   *label;
  const char   *property;
  gboolean      number;
  MfmFieldUnit  unit;
  guint         default_value;
  guint         minimum;
  guint         maximum;
} FieldInfo;

/* Ports are 1–65535; the times and counts of dhcpd.conf take any positive 32-bit number, and
 * a load balance max seconds of 0 switches load balancing off. */
static const FieldInfo field_infos[MFM_N_FIELDS] = {
  [MFM_FIELD_NAME] =
    { "name", N_("Failover name"), "name", FALSE, MFM_FIELD_UNIT_NONE, 0, 0, 0 },
  [MFM_FIELD_PARTNER_SERVER] =
    { "partner-server", N_("Partner server"), "secondary-server", FALSE, MFM_FIELD_UNIT_NONE, 0, 0, 0 },
  [MFM_FIELD_PORT] =
    { "port", N_("Port"), "port", TRUE, MFM_FIELD_UNIT_NONE, 647, 1, 65535 },
  [MFM_FIELD_PEER_PORT] =
    { "peer-port", N_("Partner port"), "peer-port", TRUE, MFM_FIELD_UNIT_NONE, 647, 1, 65535 },
  [MFM_FIELD_MCLT] =
    { "mclt", N_("Maximum client lead time"), "mclt", TRUE, MFM_FIELD_UNIT_SECONDS,
      3600, 1, G_MAXUINT32 },
  [MFM_FIELD_MAX_RESPONSE_DELAY] =
    { "max-response-delay", N_("Max response delay"), "max-response-delay", TRUE,
      MFM_FIELD_UNIT_SECONDS, 60, 1, G_MAXUINT32 },
  [MFM_FIELD_LOAD_BALANCE_MAX_SECONDS] =
    { "load-balance-max-seconds", N_("Load balance max seconds"), "load-balance-max-seconds",
      TRUE, MFM_FIELD_UNIT_SECONDS, 3, 0, G_MAXUINT32 },
  [MFM_FIELD_MAX_UNACKED_UPDATES] =
    { "max-unacked-updates", N_("Max unacked updates"), "max-unacked-updates", TRUE,
      MFM_FIELD_UNIT_NONE, 10, 1, G_MAXUINT32 },
  [MFM_FIELD_PERCENTAGE] =
    { "percentage", N_("Percentage"), "percentage", TRUE, MFM_FIELD_UNIT_PERCENT, 50, 0, 100 },
  [MFM_FIELD_PRIMARY_SERVER] =
    { "primary-server", N_("Primary server"), "primary-server", FALSE, MFM_FIELD_UNIT_NONE, 0, 0, 0 },
};

const char *
mfm_field_get_id (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS, NULL);

  return field_infos[field].id;
}

gboolean
mfm_field_from_id (const char *id,
                   MfmField   *field)
{
  for (guint f = 0; id != NULL && f < MFM_N_FIELDS; f++)
    {
      if (g_str_equal (id, field_infos[f].id))
        {
          if (field != NULL)
            *field = f;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
mfm_field_get_label (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS, NULL);

  return _(field_infos[field].label);
}

const char *
mfm_field_get_property (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS, NULL);

  return field_infos[field].property;
}

gboolean
mfm_field_is_number (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS, FALSE);

  return field_infos[field].number;
}

MfmFieldUnit
mfm_field_get_unit (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS, MFM_FIELD_UNIT_NONE);

  return field_infos[field].unit;
}

const char *
mfm_field_get_unit_label (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS, NULL);

  switch (field_infos[field].unit)
    {
    case MFM_FIELD_UNIT_SECONDS:
      return _("seconds");
    case MFM_FIELD_UNIT_PERCENT:
      /* The sign itself: a lone "%" inside _() reads as a broken format to the tools. */
      return "%";
    case MFM_FIELD_UNIT_NONE:
    default:
      return NULL;
    }
}

guint
mfm_field_get_default (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS && field_infos[field].number, 0);

  return field_infos[field].default_value;
}

guint
mfm_field_get_minimum (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS && field_infos[field].number, 0);

  return field_infos[field].minimum;
}

guint
mfm_field_get_maximum (MfmField field)
{
  g_return_val_if_fail (field < MFM_N_FIELDS && field_infos[field].number, 0);

  return field_infos[field].maximum;
}

static char *
format_duration (guint seconds)
{
  g_autoptr(GString) parts = g_string_new (NULL);
  guint days = seconds / 86400;
  guint hours = (seconds % 86400) / 3600;
  guint minutes = (seconds % 3600) / 60;
  guint rest = seconds % 60;

  /* Translators: a duration in seconds */
  if (seconds < 60)
    return g_strdup_printf (_("%u s"), seconds);

  if (days > 0)
    {
      /* Translators: parts of a duration, joined by spaces, e.g. "1 day 2 h 5 min" */
      g_string_append_printf (parts, ngettext ("%u day", "%u days", days), days);
    }
  if (hours > 0)
    {
      if (parts->len > 0)
        g_string_append_c (parts, ' ');
      /* Translators: a number of hours */
      g_string_append_printf (parts, _("%u h"), hours);
    }
  if (minutes > 0)
    {
      if (parts->len > 0)
        g_string_append_c (parts, ' ');
      /* Translators: a number of minutes */
      g_string_append_printf (parts, _("%u min"), minutes);
    }
  if (rest > 0)
    {
      if (parts->len > 0)
        g_string_append_c (parts, ' ');
      g_string_append_printf (parts, _("%u s"), rest);
    }

  /* Translators: a number of seconds, then the same in larger units, e.g. "3600 s (1 h)" */
  return g_strdup_printf (_("%u s (%s)"), seconds, parts->str);
}

char *
mfm_field_format_number (MfmField field,
                         guint    value)
{
  g_return_val_if_fail (field < MFM_N_FIELDS && field_infos[field].number, NULL);

  switch (field_infos[field].unit)
    {
    case MFM_FIELD_UNIT_SECONDS:
      return format_duration (value);
    case MFM_FIELD_UNIT_PERCENT:
      /* Translators: a percentage and the ISC split it gives, e.g. "50 % (split 128)" */
      return g_strdup_printf (_("%u %% (split %u)"), value, mfm_percentage_to_split_internal (value));
    case MFM_FIELD_UNIT_NONE:
    default:
      return g_strdup_printf ("%u", value);
    }
}
