/* mfm-certificate-view.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-certificate-info.h"

G_BEGIN_DECLS

#define MFM_TYPE_CERTIFICATE_VIEW (mfm_certificate_view_get_type())

G_DECLARE_FINAL_TYPE (MfmCertificateView, mfm_certificate_view, MFM, CERTIFICATE_VIEW, AdwBin)

/* Shows a certificate that failed verification: subject, issuer, validity, SHA-256
 * fingerprint and the problem, with a "Trust this certificate" button that emits
 * "trust-requested". When it replaced a certificate trusted before, the button works only
 * once the last four characters of the new fingerprint are typed. */
GtkWidget                *mfm_certificate_view_new      (void);
void                      mfm_certificate_view_set_info (MfmCertificateView       *self,
                                                         const MfmCertificateInfo *info);
const MfmCertificateInfo *mfm_certificate_view_get_info (MfmCertificateView       *self);
/* Moves the focus to the field for the end of a changed certificate's
 * fingerprint; FALSE when the certificate shown did not change. */
gboolean                  mfm_certificate_view_focus_confirmation (MfmCertificateView *self);

G_END_DECLS
