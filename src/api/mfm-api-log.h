/* mfm-api-log.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MFM_TYPE_API_LOG_ENTRY (mfm_api_log_entry_get_type())
G_DECLARE_FINAL_TYPE (MfmApiLogEntry, mfm_api_log_entry, MFM, API_LOG_ENTRY, GObject)

/* Read-only properties: "method", "status" (HTTP status, 0 when none), "outcome" (short text:
 * "OK", "error 1028", "timeout", …), "duration-ms" (double), "request-size", "response-size"
 * (guint64 bytes), "request-body", "response-body" (redacted: every "password" and "session"
 * value is "•••"), "timestamp" (GDateTime, local), "summary" (one line for the list). */
const char *mfm_api_log_entry_get_method        (MfmApiLogEntry *self);
guint       mfm_api_log_entry_get_status        (MfmApiLogEntry *self);
const char *mfm_api_log_entry_get_outcome       (MfmApiLogEntry *self);
double      mfm_api_log_entry_get_duration_ms   (MfmApiLogEntry *self);
const char *mfm_api_log_entry_get_request_body  (MfmApiLogEntry *self);
const char *mfm_api_log_entry_get_response_body (MfmApiLogEntry *self);
/* The client refused an answer after it was logged (a list it cannot trust, for example):
 * the outcome then says so and why; notifies "outcome" and "summary". */
void        mfm_api_log_entry_set_outcome       (MfmApiLogEntry *self,
                                                 const char     *outcome);
void        mfm_api_log_entry_set_times         (MfmApiLogEntry *self,
                                                 gint64          started_us,
                                                 gint64          finished_us);
void        mfm_api_log_entry_get_times         (MfmApiLogEntry *self,
                                                 gint64         *started_us,
                                                 gint64         *finished_us);
/* The whole entry as text, for Copy. */
char       *mfm_api_log_entry_to_text           (MfmApiLogEntry *self);

#define MFM_TYPE_API_LOG (mfm_api_log_get_type())
G_DECLARE_FINAL_TYPE (MfmApiLog, mfm_api_log, MFM, API_LOG, GObject)

#define MFM_API_LOG_CAPACITY 500
/* The most the entries' texts may take together: at 64 KiB an answer, 500 entries would be
 * 32 MiB; the oldest entries go first to stay under this. */
#define MFM_API_LOG_BYTE_CAPACITY (8 * 1024 * 1024)

/* A GListModel of MfmApiLogEntry holding the last 500; signal "entry-added" (MfmApiLogEntry). */
MfmApiLog  *mfm_api_log_new                     (void);
void        mfm_api_log_append                  (MfmApiLog      *self,
                                                 MfmApiLogEntry *entry);
MfmApiLogEntry *mfm_api_log_entry_new           (const char     *method,
                                                 guint           status,
                                                 const char     *outcome,
                                                 double          duration_ms,
                                                 const char     *request_body,
                                                 const char     *response_body,
                                                 guint64         request_size,
                                                 guint64         response_size);
/* The same for bodies that already went through mfm_api_log_redact_values() (which redacts
 * as mfm_api_log_redact() does too), so that a large answer is not scanned twice. */
MfmApiLogEntry *mfm_api_log_entry_new_redacted  (const char     *method,
                                                 guint           status,
                                                 const char     *outcome,
                                                 double          duration_ms,
                                                 const char     *request_body,
                                                 const char     *response_body,
                                                 guint64         request_size,
                                                 guint64         response_size);
/* The same, taking @request_body and @response_body (NULL for none): the text of a large
 * answer, made in a worker thread, is neither copied nor freed on the main thread. */
MfmApiLogEntry *mfm_api_log_entry_new_redacted_take (const char *method,
                                                     guint       status,
                                                     const char *outcome,
                                                     double      duration_ms,
                                                     char       *request_body,
                                                     char       *response_body,
                                                     guint64     request_size,
                                                     guint64     response_size);
/* Entries that leave the log (by the caps, or cleared) are freed in a worker thread. */
void        mfm_api_log_clear                   (MfmApiLog      *self);
/* What the entries' texts take together, in bytes (at most MFM_API_LOG_BYTE_CAPACITY, or
 * one entry's when a single entry is larger). */
gsize       mfm_api_log_get_n_bytes             (MfmApiLog      *self);
/* Every entry as text. */
char       *mfm_api_log_to_text                 (MfmApiLog      *self);
/* Replaces the value of every "password" and "session" member of a JSON text with "•••".
 * Works on malformed text too (it is a scanner, not a parser). */
char       *mfm_api_log_redact                  (const char     *json_text);
/* mfm_api_log_redact(), and every occurrence of each of @secrets (NULL-terminated, NULL and
 * empty ones skipped) replaced by "•••", as written and as JSON escapes it: a session id is
 * hidden wherever it travels, not only under the member names. Secrets shorter than 8
 * characters are only hidden where they are a whole JSON text. */
char       *mfm_api_log_redact_values           (const char     *json_text,
                                                 const char * const *secrets);

G_END_DECLS
