/* mfm-sim-faults.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

G_BEGIN_DECLS

/* Answers a broken or hostile server gives, for the client's tests (--fault NAME). */
typedef enum
{
  MFM_SIM_FAULT_NONE          = 0,
  MFM_SIM_FAULT_ENDLESS_PAGES = 1 << 0,  /* full pages of new servers forever, no total */
  MFM_SIM_FAULT_HUGE_TOTAL    = 1 << 1,  /* one new server a page, totalResults 4294967295 */
  MFM_SIM_FAULT_IGNORE_OFFSET = 1 << 2,  /* every page of servers is the first, no total */
  MFM_SIM_FAULT_REPEATED_REFS = 1 << 3,  /* one ref for every server, one name for every
                                          * relationship */
  MFM_SIM_FAULT_LONG_NAMES    = 1 << 4,  /* the first server's name is 1 MiB long */
  MFM_SIM_FAULT_BARE_LOGIN    = 1 << 5,  /* Login answers with the bare session string */
  MFM_SIM_FAULT_HUGE_NUMBERS  = 1 << 6,  /* every relationship's MCLT is 2^64 */
  MFM_SIM_FAULT_CUT_ANSWERS   = 1 << 7,  /* every answer but Login's stops half way, the
                                          * connection closed */
  MFM_SIM_FAULT_REPEATED_NAMES = 1 << 8, /* one name for every relationship, the servers
                                          * as they are */
} MfmSimFaults;

/* "endless-pages,huge-total"; FALSE with @unknown set to the first name it does not know. */
gboolean      mfm_sim_faults_parse      (const char    *names,
                                         MfmSimFaults  *faults,
                                         char         **unknown);
/* The names, comma-separated; NULL for none. */
char         *mfm_sim_faults_to_string  (MfmSimFaults   faults);
/* Every name, for the help text. */
const char   *mfm_sim_faults_all_names  (void);
/* Before the command runs: ignore-offset drops the offset from @params. */
void          mfm_sim_faults_adjust     (MfmSimFaults   faults,
                                         const char    *method,
                                         JsonObject    *params);
/* After it ran: the result to send instead of @result (taken). */
JsonNode     *mfm_sim_faults_apply      (MfmSimFaults   faults,
                                         const char    *method,
                                         JsonObject    *params,
                                         guint          max_page_size,
                                         JsonNode      *result);
/* Sends @response itself when a fault changes its text or its delivery; FALSE when it did not.
 * @dropped is TRUE when the connection was taken from @msg and closed. */
gboolean      mfm_sim_faults_respond    (MfmSimFaults       faults,
                                         const char        *method,
                                         SoupServerMessage *msg,
                                         JsonNode          *response,
                                         gboolean          *dropped);
/* Answers @response as a broken proxy or a changed API would, by @turn in rotation: the JSON
 * cut off half way, every member of the result or error of the wrong type, or an HTML page. */
void          mfm_sim_faults_respond_malformed (SoupServerMessage *msg,
                                         JsonNode          *response,
                                         guint              turn);

G_END_DECLS
