/* main.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "failover-manager"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mfm-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(MfmApplication) app = NULL;
  const char *localedir;

  /* Lets ./run and the tests use the translations of the build tree. */
  localedir = g_getenv ("MFM_LOCALEDIR");
  if (localedir == NULL || *localedir == '\0')
    localedir = LOCALEDIR;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = mfm_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
