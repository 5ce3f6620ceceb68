/* mfm-change-files.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "mfm-session.h"

G_BEGIN_DECLS

/* Export Changes… and Open Changes… for a window (file choosers, the sentences, then the
 * review). The file format and the checks are in mfm-change-file.c and mfm-session.c. */
void     mfm_change_files_export         (GtkWindow  *parent,
                                          MfmSession *session);
void     mfm_change_files_choose_to_open (GtkWindow  *parent,
                                          MfmSession *session);
/* Stages the changes of @file and opens the review ("changes.review" on @parent); a file
 * that cannot be taken gets a message with the reason and changes nothing. Returns how many
 * changes were staged. */
guint    mfm_change_files_open           (GtkWindow  *parent,
                                          MfmSession *session,
                                          GFile      *file);
/* A file filter for change sets (by media type and by the .mfm-changes extension). */
GtkFileFilter *mfm_change_files_new_filter (void);

G_END_DECLS
