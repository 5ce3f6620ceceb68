/* mfm-change-files.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-files"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "mfm-change-files.h"

#define CHANGES_MEDIA_TYPE "application/x-mfm-changes+json"
#define CHANGES_SUFFIX     ".mfm-changes"

GtkFileFilter *
mfm_change_files_new_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("Failover changes"));
  gtk_file_filter_add_mime_type (filter, CHANGES_MEDIA_TYPE);
  gtk_file_filter_add_suffix (filter, "mfm-changes");

  return filter;
}

static void
show_message (GtkWindow  *parent,
              const char *heading,
              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
toast (GtkWindow  *parent,
       const char *text)
{
  gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-toast", "s", text);
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(MfmSession) session = user_data;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file == NULL)
    return;

  if (!mfm_session_export_changes (session, file, &error))
    show_message (parent, _("Could Not Export the Changes"), error->message);
  else
    {
      g_autofree char *name = g_file_get_basename (file);
      /* Translators: %s is a file name */
      g_autofree char *text = g_strdup_printf (_("Changes exported to “%s”"), name);

      toast (parent, text);
    }
}

void
mfm_change_files_export (GtkWindow  *parent,
                         MfmSession *session)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = mfm_change_files_new_filter ();
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M");
  g_autofree char *name = NULL;

  g_return_if_fail (MFM_IS_SESSION (session));

  if (mfm_change_set_get_n_changes (mfm_session_get_changes (session)) == 0)
    {
      toast (parent, _("There are no staged changes to export."));
      return;
    }

  chooser = gtk_file_chooser_native_new (_("Export Changes"), parent,
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  /* Translators: the default file name of exported changes; %s is the date and time */
  name = g_strdup_printf (_("failover-changes-%s"), stamp);
  {
    g_autofree char *with_suffix = g_strconcat (name, CHANGES_SUFFIX, NULL);

    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), with_suffix);
  }
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), g_object_ref (session));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

guint
mfm_change_files_open (GtkWindow  *parent,
                       MfmSession *session,
                       GFile      *file)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) planned = NULL;
  g_autofree char *author = NULL;
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;
  guint n;

  g_return_val_if_fail (MFM_IS_SESSION (session), 0);
  g_return_val_if_fail (G_IS_FILE (file), 0);

  n = mfm_session_open_changes (session, file, &author, &planned, &error);
  if (error != NULL)
    {
      show_message (parent, _("Could Not Open the Changes"), error->message);
      return 0;
    }
  if (n == 0)
    {
      toast (parent, _("The file holds no changes still to save."));
      return 0;
    }

  if (planned != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (planned);

      when = g_date_time_format (local, "%x %X");
    }
  /* Translators: a toast; %u is a number of changes, the first %s a user name, the second a
   * date and time */
  text = g_strdup_printf (ngettext ("%u change planned by %s on %s is staged for review",
                                    "%u changes planned by %s on %s are staged for review", n),
                          n, author != NULL && *author != '\0' ? author : _("someone"),
                          when != NULL ? when : _("an unknown date"));
  toast (parent, text);
  gtk_widget_activate_action (GTK_WIDGET (parent), "changes.review", NULL);

  return n;
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  gpointer         user_data)
{
  g_autoptr(MfmSession) session = user_data;
  GtkWindow *parent = gtk_native_dialog_get_transient_for (chooser);
  g_autoptr(GFile) file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_object_unref (chooser);

  if (file != NULL && parent != NULL)
    mfm_change_files_open (parent, session, file);
}

void
mfm_change_files_choose_to_open (GtkWindow  *parent,
                                 MfmSession *session)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = mfm_change_files_new_filter ();

  g_return_if_fail (MFM_IS_SESSION (session));

  chooser = gtk_file_chooser_native_new (_("Open Changes"), parent,
                                         GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Open"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), g_object_ref (session));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}
