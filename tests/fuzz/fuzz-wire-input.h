/* fuzz-wire-input.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "mfm-api-log.h"
#include "mfm-drafts.h"
#include "mfm-wire.h"

#include "json-reader-check.h"

/* Everything a hostile server's bytes reach in the client: the JSON reader (held to json-glib's
 * tree), the JSON-RPC response parser, every
 * object parser on whatever result it yields, the request parser of the simulator and the API
 * log's redaction scanner; and a damaged draft file. Shared by the libFuzzer target and the regression test that replays
 * the corpus, so both exercise exactly the same code. */
static inline void
mfm_fuzz_wire_one (const guint8 *data,
                   gsize         size)
{
  static const guint statuses[] = { 200, 401, 500 };
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autofree char *redacted = NULL;
  g_autofree char *method = NULL;
  g_autoptr(JsonObject) params = NULL;
  g_autoptr(JsonNode) id = NULL;

  /* The one-pass reader must agree with json-glib wherever it accepts. */
  mfm_json_reader_check ((const char *) data, size);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) result = mfm_wire_parse_response ((const char *) data, size,
                                                            statuses[i], &error);

      g_assert ((result == NULL) != (error == NULL));
      if (result == NULL)
        continue;

      {
        g_autoptr(GPtrArray) servers = mfm_wire_servers_from_result (result, NULL, NULL);
        g_autoptr(GPtrArray) scopes = mfm_wire_scopes_from_result (result, NULL, NULL);
        g_autoptr(GPtrArray) relationships = mfm_wire_relationships_from_result (result, NULL);
        g_autofree char *session = mfm_wire_session_from_result (result, NULL);
        g_autoptr(MfmServer) server = mfm_wire_server_from_json (result, NULL);
        g_autoptr(MfmScope) scope = mfm_wire_scope_from_json (result, NULL);
        g_autoptr(MfmRelationship) relationship = mfm_wire_relationship_from_json (result, NULL);
        g_autoptr(MfmScope) target = mfm_scope_new ("dhcpScopes/1", "fuzz", "dhcpServers/1",
                                                    "10.0.0.0/24");
        guint n_items = 0, total = 0;

        /* The list parsers run for what they may trip over; their results are only freed. */
        (void) servers;
        (void) scopes;
        (void) relationships;
        (void) session;
        (void) server;
        mfm_wire_pools_from_json (result, target, NULL);
        {
          g_autofree char *network = NULL;
          g_autoptr(GPtrArray) observed = NULL;
          MfmWireMember seen = 0;
          guint safe_period = 0;

          mfm_wire_network_from_range_result (result, &network, NULL);
          observed = mfm_wire_relationships_from_result_observed (result, &seen, &safe_period, NULL);
        }
        mfm_wire_count_list_result (result, MFM_WIRE_RESULT_SERVERS, &n_items, &total, NULL);

        /* Whatever parsed must serialise again. */
        if (relationship != NULL)
          {
            g_autoptr(JsonNode) again = mfm_wire_relationship_to_json (relationship, FALSE);
            g_assert_nonnull (again);
          }
        if (scope != NULL)
          {
            g_autoptr(JsonNode) pools = mfm_wire_pools_to_json (scope);
            g_assert_nonnull (pools);
          }
      }
    }

  if (mfm_wire_parse_request ((const char *) data, size, &method, &params, &id, NULL))
    g_assert_nonnull (method);

  /* The scanner works on text up to the first NUL, as the log hands it strings. */
  redacted = mfm_api_log_redact (text);
  g_assert_nonnull (redacted);

  if (g_utf8_validate (text, -1, NULL))
    {
      g_autoptr(MfmChangeSet) changes = mfm_change_set_new ();

      mfm_drafts_from_json (changes, text, NULL);
    }
}
