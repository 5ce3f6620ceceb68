/* test-severity.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-severity"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "mfm-severity.h"

/* The icon each severity shows is one the icon theme has, and no two severities share one. */
static void
test_icons (void)
{
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());
  const char *error = mfm_severity_get_icon_name (MFM_SEVERITY_ERROR);
  const char *warning = mfm_severity_get_icon_name (MFM_SEVERITY_WARNING);
  const char *info = mfm_severity_get_icon_name (MFM_SEVERITY_INFO);

  g_assert_cmpstr (error, ==, "dialog-error-symbolic");
  g_assert_cmpstr (warning, ==, "dialog-warning-symbolic");
  g_assert_cmpstr (info, ==, "dialog-information-symbolic");
  g_assert_true (gtk_icon_theme_has_icon (theme, error));
  g_assert_true (gtk_icon_theme_has_icon (theme, warning));
  g_assert_true (gtk_icon_theme_has_icon (theme, info));
}

/* A rule's hint is dimmed, a health check's note is news and takes the accent colour; errors
 * and warnings look the same in both. */
static void
test_style_classes (void)
{
  g_assert_cmpstr (mfm_severity_get_style_class (MFM_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (mfm_severity_get_style_class (MFM_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (mfm_severity_get_style_class (MFM_SEVERITY_INFO), ==, "dim-label");
  g_assert_cmpstr (mfm_health_severity_get_style_class (MFM_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (mfm_health_severity_get_style_class (MFM_SEVERITY_WARNING), ==, "warning");
  g_assert_cmpstr (mfm_health_severity_get_style_class (MFM_SEVERITY_INFO), ==, "accent");
}

/* Never colour alone: each severity has its word. */
static void
test_labels (void)
{
  g_assert_cmpstr (mfm_severity_get_label (MFM_SEVERITY_ERROR), ==, _("Error"));
  g_assert_cmpstr (mfm_severity_get_label (MFM_SEVERITY_WARNING), ==, _("Warning"));
  g_assert_cmpstr (mfm_severity_get_label (MFM_SEVERITY_INFO), ==, _("Hint"));
  g_assert_cmpstr (mfm_health_severity_get_label (MFM_SEVERITY_ERROR), ==, _("Problem"));
  g_assert_cmpstr (mfm_health_severity_get_label (MFM_SEVERITY_WARNING), ==, _("Warning"));
  g_assert_cmpstr (mfm_health_severity_get_label (MFM_SEVERITY_INFO), ==, _("Note"));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ui/severity/icons", test_icons);
  g_test_add_func ("/ui/severity/style-classes", test_style_classes);
  g_test_add_func ("/ui/severity/labels", test_labels);

  return g_test_run ();
}
