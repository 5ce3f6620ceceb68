/* mfm-certificate-info.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-certificate-info"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-certificate-info.h"

G_DEFINE_BOXED_TYPE (MfmCertificateInfo, mfm_certificate_info,
                     mfm_certificate_info_copy, mfm_certificate_info_free)

char *
mfm_certificate_fingerprint (GTlsCertificate *certificate)
{
  g_autoptr(GByteArray) der = NULL;
  g_autoptr(GChecksum) checksum = NULL;
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  GString *text;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  g_object_get (certificate, "certificate", &der, NULL);
  if (der == NULL)
    return NULL;

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_checksum_update (checksum, der->data, der->len);
  g_checksum_get_digest (checksum, digest, &digest_length);

  text = g_string_sized_new (digest_length * 3);
  for (gsize i = 0; i < digest_length; i++)
    g_string_append_printf (text, i == 0 ? "%02X" : ":%02X", digest[i]);

  return g_string_free (text, FALSE);
}

static char *
format_date (GDateTime *date)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return NULL;

  /* A person compares these with a calendar, so the local time in words, not ISO 8601. */
  local = g_date_time_to_local (date);
  /* Translators: how a certificate's validity dates are shown; see the strftime
   * conversions of g_date_time_format(), e.g. "26 November 2026, 11:22" */
  return g_date_time_format (local, C_("certificate date", "%-d %B %Y, %H:%M"));
}

/* One sentence per problem, in the order a person should read them. */
static char *
describe_problems (GTlsCertificateFlags errors)
{
  static const struct {
    GTlsCertificateFlags flag;
    const char *sentence;
  } problems[] = {
    { G_TLS_CERTIFICATE_UNKNOWN_CA, N_("It is not signed by a trusted authority.") },
    { G_TLS_CERTIFICATE_BAD_IDENTITY, N_("It was issued for a different host name.") },
    { G_TLS_CERTIFICATE_NOT_ACTIVATED, N_("It is not valid yet.") },
    { G_TLS_CERTIFICATE_EXPIRED, N_("It has expired.") },
    { G_TLS_CERTIFICATE_REVOKED, N_("It has been revoked.") },
    { G_TLS_CERTIFICATE_INSECURE, N_("It uses an insecure algorithm.") },
    { G_TLS_CERTIFICATE_GENERIC_ERROR, N_("It could not be checked.") },
  };
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (problems); i++)
    {
      if ((errors & problems[i].flag) == 0)
        continue;
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, _(problems[i].sentence));
    }

  return g_string_free (text, FALSE);
}

MfmCertificateInfo *
mfm_certificate_info_new_from_certificate (GTlsCertificate      *certificate,
                                           GTlsCertificateFlags  errors,
                                           const char           *host)
{
  MfmCertificateInfo *info;
  g_autoptr(GDateTime) not_before = NULL;
  g_autoptr(GDateTime) not_after = NULL;

  g_return_val_if_fail (G_IS_TLS_CERTIFICATE (certificate), NULL);

  not_before = g_tls_certificate_get_not_valid_before (certificate);
  not_after = g_tls_certificate_get_not_valid_after (certificate);

  info = g_new0 (MfmCertificateInfo, 1);
  info->host = g_strdup (host);
  info->subject = g_tls_certificate_get_subject_name (certificate);
  info->issuer = g_tls_certificate_get_issuer_name (certificate);
  info->not_before = format_date (not_before);
  info->not_after = format_date (not_after);
  info->fingerprint = mfm_certificate_fingerprint (certificate);
  info->problem = describe_problems (errors);

  return info;
}

MfmCertificateInfo *
mfm_certificate_info_copy (const MfmCertificateInfo *info)
{
  MfmCertificateInfo *copy;

  if (info == NULL)
    return NULL;

  copy = g_new0 (MfmCertificateInfo, 1);
  copy->host = g_strdup (info->host);
  copy->subject = g_strdup (info->subject);
  copy->issuer = g_strdup (info->issuer);
  copy->not_before = g_strdup (info->not_before);
  copy->not_after = g_strdup (info->not_after);
  copy->fingerprint = g_strdup (info->fingerprint);
  copy->problem = g_strdup (info->problem);
  copy->pinned_mismatch = info->pinned_mismatch;

  return copy;
}

void
mfm_certificate_info_free (MfmCertificateInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->host);
  g_free (info->subject);
  g_free (info->issuer);
  g_free (info->not_before);
  g_free (info->not_after);
  g_free (info->fingerprint);
  g_free (info->problem);
  g_free (info);
}
