/* mfm-certificate-view.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-certificate-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-certificate-view.h"

struct _MfmCertificateView
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkLabel           *heading_label;
  GtkLabel           *problem_label;
  GtkLabel           *host_label;
  GtkLabel           *subject_label;
  GtkLabel           *issuer_label;
  GtkLabel           *not_before_label;
  GtkLabel           *not_after_label;
  GtkLabel           *fingerprint_label;
  GtkButton          *trust_button;
  GtkBox             *confirm_box;
  GtkEntry           *confirm_entry;

  MfmCertificateInfo *info;
};

G_DEFINE_FINAL_TYPE (MfmCertificateView, mfm_certificate_view, ADW_TYPE_BIN)

enum {
  TRUST_REQUESTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
set_value (GtkLabel   *label,
         const char *value)
{
  gtk_label_set_text (label, value != NULL && *value != '\0' ? value : _("Unknown"));
}

/* The hexadecimal digits of @text, upper case. */
static char *
hex_digits (const char *text)
{
  GString *digits = g_string_new (NULL);

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      g_string_append_c (digits, g_ascii_toupper (*p));

  return g_string_free (digits, FALSE);
}

/* A certificate that replaced one trusted before may mean someone is in between: trusting it
 * takes typing the end of its fingerprint, read from the screen and compared with what the
 * server's administrator says, rather than one click. */
static gboolean
trust_confirmed (MfmCertificateView *self)
{
  g_autofree char *expected = NULL;
  g_autofree char *typed = NULL;
  gsize length;

  if (self->info == NULL)
    return FALSE;
  if (!self->info->pinned_mismatch)
    return TRUE;

  expected = hex_digits (self->info->fingerprint);
  typed = hex_digits (gtk_editable_get_text (GTK_EDITABLE (self->confirm_entry)));
  length = strlen (expected);

  return length >= 4 && strlen (typed) == 4 && g_str_equal (expected + length - 4, typed);
}

static void
update_trust_button (MfmCertificateView *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->trust_button), trust_confirmed (self));
}

static void
confirm_changed_cb (MfmCertificateView *self)
{
  update_trust_button (self);
}

static void
trust_clicked_cb (MfmCertificateView *self)
{
  if (!trust_confirmed (self))
    return;

  g_signal_emit (self, signals[TRUST_REQUESTED], 0);
}

static void
confirm_activated_cb (MfmCertificateView *self)
{
  trust_clicked_cb (self);
}

static void
mfm_certificate_view_finalize (GObject *object)
{
  MfmCertificateView *self = (MfmCertificateView *)object;

  g_clear_pointer (&self->info, mfm_certificate_info_free);

  G_OBJECT_CLASS (mfm_certificate_view_parent_class)->finalize (object);
}

static void
mfm_certificate_view_class_init (MfmCertificateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = mfm_certificate_view_finalize;

  /* The person chose to trust the certificate shown. */
  signals[TRUST_REQUESTED] =
    g_signal_new ("trust-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/mfm-certificate-view.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, heading_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, problem_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, host_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, subject_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, issuer_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, not_before_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, not_after_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, fingerprint_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, trust_button);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, confirm_box);
  gtk_widget_class_bind_template_child (widget_class, MfmCertificateView, confirm_entry);
  gtk_widget_class_bind_template_callback (widget_class, trust_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, confirm_activated_cb);
}

static void
mfm_certificate_view_init (MfmCertificateView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
mfm_certificate_view_new (void)
{
  return g_object_new (MFM_TYPE_CERTIFICATE_VIEW, NULL);
}

void
mfm_certificate_view_set_info (MfmCertificateView       *self,
                               const MfmCertificateInfo *info)
{
  g_return_if_fail (MFM_IS_CERTIFICATE_VIEW (self));

  g_clear_pointer (&self->info, mfm_certificate_info_free);
  if (info == NULL)
    return;

  self->info = mfm_certificate_info_copy (info);

  gtk_label_set_text (self->heading_label,
                      info->pinned_mismatch ? _("Certificate Changed") : _("Untrusted Certificate"));
  gtk_editable_set_text (GTK_EDITABLE (self->confirm_entry), "");
  gtk_widget_set_visible (GTK_WIDGET (self->confirm_box), info->pinned_mismatch);
  update_trust_button (self);

  if (info->pinned_mismatch)
    gtk_label_set_text (self->problem_label,
                        _("This is not the certificate you trusted for this server before. Someone may be intercepting the connection. Trust it only if the server's certificate was replaced on purpose."));
  else
    gtk_label_set_text (self->problem_label,
                        info->problem != NULL ? info->problem : _("The certificate could not be verified."));

  set_value (self->host_label, info->host);
  set_value (self->subject_label, info->subject);
  set_value (self->issuer_label, info->issuer);
  set_value (self->not_before_label, info->not_before);
  set_value (self->not_after_label, info->not_after);
  set_value (self->fingerprint_label, info->fingerprint);
}

/**
 * mfm_certificate_view_get_info:
 *
 * Returns: (transfer none) (nullable): the certificate shown
 */
const MfmCertificateInfo *
mfm_certificate_view_get_info (MfmCertificateView *self)
{
  g_return_val_if_fail (MFM_IS_CERTIFICATE_VIEW (self), NULL);

  return self->info;
}
