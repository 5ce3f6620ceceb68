/* mfm-journal.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-change-set.h"
#include "mfm-client.h"
#include "mfm-inventory.h"

G_BEGIN_DECLS

#define MFM_TYPE_JOURNAL_ENTRY (mfm_journal_entry_get_type())

G_DECLARE_FINAL_TYPE (MfmJournalEntry, mfm_journal_entry, MFM, JOURNAL_ENTRY, GObject)

/* The saved-changes journal: one JSON file per save under
 * $XDG_DATA_HOME/failover-manager/journal/ ("format": "io.github.mfm.FailoverManager.journal",
 * "version": 1), written before the first call and again after every change's result, so
 * that an interrupted save leaves a true record. For every change: the change with "base" set
 * to the server's values before the save (see mfm_change_set_base()), the API calls about to
 * be sent, and the result (pending, sending, saved, failed, not known) with the server's
 * message. */
MfmJournalEntry *mfm_journal_entry_begin        (MfmChangeSet     *changes,
                                                 MfmInventory     *inventory,
                                                 MfmClient        *client,
                                                 const char       *server_url,
                                                 const char       *user,
                                                 const char       *comment,
                                                 GError          **error);
/* Writes each change's status as it is now; @finished marks the end of the save. */
gboolean         mfm_journal_entry_update       (MfmJournalEntry  *self,
                                                 gboolean          finished,
                                                 GError          **error);
/* Every entry for @server_url (all servers when NULL), newest first (new array). Files that
 * cannot be read are left out. */
GPtrArray       *mfm_journal_list               (const char       *server_url);
MfmJournalEntry *mfm_journal_entry_load         (const char       *path,
                                                 GError          **error);

const char      *mfm_journal_entry_get_path     (MfmJournalEntry  *self);
const char      *mfm_journal_entry_get_server_url (MfmJournalEntry *self);
const char      *mfm_journal_entry_get_user     (MfmJournalEntry  *self);
const char      *mfm_journal_entry_get_comment  (MfmJournalEntry  *self);
GDateTime       *mfm_journal_entry_get_started  (MfmJournalEntry  *self);
gboolean         mfm_journal_entry_get_finished (MfmJournalEntry  *self);
/* The changes as they were sent, each with the server's values before as its base, and its
 * status (APPLIED, FAILED, UNKNOWN for one sent without an answer, PENDING for one not sent). */
MfmChangeSet    *mfm_journal_entry_get_changes  (MfmJournalEntry  *self);
/* The API calls of change @position, one per line, as they were about to be sent. */
const char      *mfm_journal_entry_get_calls    (MfmJournalEntry  *self,
                                                 guint             position);

G_END_DECLS
