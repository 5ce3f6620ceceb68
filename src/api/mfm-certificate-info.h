/* mfm-certificate-info.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the connect page shows about a certificate that failed verification. */
typedef struct
{
  char *host;
  char *subject;
  char *issuer;
  char *not_before;     /* ISO 8601, local */
  char *not_after;
  char *fingerprint;    /* SHA-256, "AB:CD:…" upper case */
  char *problem;        /* translated: "It is not signed by a trusted authority. …" */
  gboolean pinned_mismatch; /* a different certificate was trusted for this host before */
} MfmCertificateInfo;

#define MFM_TYPE_CERTIFICATE_INFO (mfm_certificate_info_get_type ())
GType               mfm_certificate_info_get_type (void) G_GNUC_CONST;
MfmCertificateInfo *mfm_certificate_info_new_from_certificate (GTlsCertificate      *certificate,
                                                              GTlsCertificateFlags  errors,
                                                              const char           *host);
MfmCertificateInfo *mfm_certificate_info_copy     (const MfmCertificateInfo *info);
void                mfm_certificate_info_free     (MfmCertificateInfo       *info);
/* SHA-256 of the DER, "AB:CD:…". */
char               *mfm_certificate_fingerprint   (GTlsCertificate          *certificate);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmCertificateInfo, mfm_certificate_info_free)

G_END_DECLS
