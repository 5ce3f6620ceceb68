/* mfm-health.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-health"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-health.h"

G_DEFINE_BOXED_TYPE (MfmHealthFinding, mfm_health_finding,
                     mfm_health_finding_copy, mfm_health_finding_free)

static MfmHealthFinding *
finding_new (const char  *id,
             MfmSeverity  severity,
             const char  *message,
             const char  *action,
             const char  *subject)
{
  MfmHealthFinding *finding = g_new0 (MfmHealthFinding, 1);

  finding->id = g_strdup (id);
  finding->severity = severity;
  finding->message = g_strdup (message);
  finding->action = g_strdup (action);
  finding->subject = g_strdup (subject);

  return finding;
}

MfmHealthFinding *
mfm_health_finding_copy (const MfmHealthFinding *finding)
{
  g_return_val_if_fail (finding != NULL, NULL);

  return finding_new (finding->id, finding->severity, finding->message, finding->action,
                      finding->subject);
}

void
mfm_health_finding_free (MfmHealthFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->id);
  g_free (finding->message);
  g_free (finding->action);
  g_free (finding->subject);
  g_free (finding);
}

/* One network of the relationship, with its copy on each server (NULL: none there). */
typedef struct
{
  char     *key;
  MfmScope *on_primary;
  MfmScope *on_secondary;
} ScopePair;

static void
scope_pair_free (gpointer data)
{
  ScopePair *pair = data;

  g_free (pair->key);
  g_free (pair);
}

/* Everything the checks look at, worked out once per run. */
typedef struct
{
  const MfmHealthInput *input;
  const char           *name;
  GPtrArray            *pairs;   /* ScopePair, NULL when a side's scopes were not read */
} HealthState;

/* Appends one subject per thing found ("" when the finding is about the whole pair). */
typedef void (*HealthCheck) (const HealthState *state,
                             GPtrArray         *subjects);

typedef struct
{
  const char   *id;
  MfmSeverity   severity;
  HealthCheck   check;
  const char   *message;   /* "%s" is replaced by the subject */
  const char   *action;
} HealthRule;

static char *
server_state_key (MfmServer *server)
{
  GString *key = g_string_new (NULL);

  for (const char *p = mfm_server_get_state (server); p != NULL && *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
    }

  return g_string_free (key, FALSE);
}

static void
check_servers_in_state (const HealthState *state,
                        GPtrArray         *subjects,
                        const char        *key)
{
  MfmServer *servers[] = { state->input->primary, state->input->secondary };

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      g_autofree char *state_key = NULL;

      if (servers[i] == NULL)
        continue;
      state_key = server_state_key (servers[i]);
      if (g_str_equal (state_key, key))
        g_ptr_array_add (subjects, g_strdup (mfm_server_get_display_name (servers[i])));
    }
}

static void
check_server_unreachable (const HealthState *state,
                          GPtrArray         *subjects)
{
  check_servers_in_state (state, subjects, "unreachable");
}

static void
check_service_down (const HealthState *state,
                    GPtrArray         *subjects)
{
  check_servers_in_state (state, subjects, "servicedown");
}

static MfmRelationship *
find_relationship (GPtrArray  *relationships,
                   const char *name)
{
  for (guint i = 0; relationships != NULL && i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);

      if (g_strcmp0 (mfm_relationship_get_name (relationship), name) == 0)
        return relationship;
    }

  return NULL;
}

static void
check_listed_on_one_server (const HealthState *state,
                            GPtrArray         *subjects)
{
  const MfmHealthInput *input = state->input;
  MfmRelationship *on_primary;
  MfmRelationship *on_secondary;

  if (input->primary_relationships == NULL || input->secondary_relationships == NULL)
    return;

  on_primary = find_relationship (input->primary_relationships, state->name);
  on_secondary = find_relationship (input->secondary_relationships, state->name);
  if (on_primary != NULL && on_secondary == NULL && input->secondary != NULL)
    g_ptr_array_add (subjects, g_strdup (mfm_server_get_display_name (input->secondary)));
  else if (on_primary == NULL && on_secondary != NULL && input->primary != NULL)
    g_ptr_array_add (subjects, g_strdup (mfm_server_get_display_name (input->primary)));
}

static void
check_values_differ (const HealthState *state,
                     GPtrArray         *subjects)
{
  const MfmHealthInput *input = state->input;
  MfmRelationship *a = find_relationship (input->primary_relationships, state->name);
  MfmRelationship *b = find_relationship (input->secondary_relationships, state->name);
  g_autoptr(GPtrArray) fields = g_ptr_array_new ();
  g_autofree char *joined = NULL;
  gboolean ports_same;
  gboolean ports_crossed;

  if (a == NULL || b == NULL)
    return;

  /* Each server may give the ports from its own side: its port is the partner's peer port. */
  ports_same = mfm_relationship_get_port (a) == mfm_relationship_get_port (b) &&
               mfm_relationship_get_peer_port (a) == mfm_relationship_get_peer_port (b);
  ports_crossed = mfm_relationship_get_port (a) == mfm_relationship_get_peer_port (b) &&
                  mfm_relationship_get_peer_port (a) == mfm_relationship_get_port (b);
  if (!ports_same && !ports_crossed)
    {
      g_ptr_array_add (fields, (gpointer) mfm_field_get_label (MFM_FIELD_PORT));
      g_ptr_array_add (fields, (gpointer) mfm_field_get_label (MFM_FIELD_PEER_PORT));
    }
  if (mfm_relationship_get_mclt (a) != mfm_relationship_get_mclt (b))
    g_ptr_array_add (fields, (gpointer) mfm_field_get_label (MFM_FIELD_MCLT));
  if (mfm_relationship_get_percentage (a) != mfm_relationship_get_percentage (b))
    g_ptr_array_add (fields, (gpointer) mfm_field_get_label (MFM_FIELD_PERCENTAGE));
  if (fields->len == 0)
    return;

  g_ptr_array_add (fields, NULL);
  joined = g_strjoinv (", ", (char **) fields->pdata);
  g_ptr_array_add (subjects, g_steal_pointer (&joined));
}

static gboolean
scope_in_relationship (const HealthState *state,
                       MfmScope          *scope)
{
  return g_strcmp0 (mfm_scope_get_relationship_name (scope), state->name) == 0 ||
         mfm_relationship_has_scope (state->input->relationship, mfm_scope_get_ref (scope));
}

static void
check_scope_missing (const HealthState *state,
                     GPtrArray         *subjects)
{
  for (guint i = 0; state->pairs != NULL && i < state->pairs->len; i++)
    {
      ScopePair *pair = g_ptr_array_index (state->pairs, i);

      if (pair->on_primary == NULL || pair->on_secondary == NULL)
        g_ptr_array_add (subjects, g_strdup (pair->key));
    }
}

static void
check_scope_not_in_relationship (const HealthState *state,
                                 GPtrArray         *subjects)
{
  for (guint i = 0; state->pairs != NULL && i < state->pairs->len; i++)
    {
      ScopePair *pair = g_ptr_array_index (state->pairs, i);

      if (pair->on_primary == NULL || pair->on_secondary == NULL)
        continue;
      /* A copy in another relationship is a pool collision, found by its own rule. */
      if ((!scope_in_relationship (state, pair->on_primary) &&
           mfm_scope_get_relationship_name (pair->on_primary) == NULL) ||
          (!scope_in_relationship (state, pair->on_secondary) &&
           mfm_scope_get_relationship_name (pair->on_secondary) == NULL))
        g_ptr_array_add (subjects, g_strdup (pair->key));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
pool_ranges (MfmScope *scope)
{
  GPtrArray *pools = mfm_scope_get_pools (scope);
  GPtrArray *ranges = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < pools->len; i++)
    {
      const MfmAddressPool *pool = g_ptr_array_index (pools, i);

      g_ptr_array_add (ranges, g_strdup_printf ("%s-%s", pool->start, pool->end));
    }
  g_ptr_array_sort (ranges, compare_strings);

  return ranges;
}

static void
check_pools_differ (const HealthState *state,
                    GPtrArray         *subjects)
{
  for (guint i = 0; state->pairs != NULL && i < state->pairs->len; i++)
    {
      ScopePair *pair = g_ptr_array_index (state->pairs, i);
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;
      gboolean differ;

      if (pair->on_primary == NULL || pair->on_secondary == NULL)
        continue;

      a = pool_ranges (pair->on_primary);
      b = pool_ranges (pair->on_secondary);
      differ = a->len != b->len;
      for (guint j = 0; !differ && j < a->len; j++)
        differ = !g_str_equal (g_ptr_array_index (a, j), g_ptr_array_index (b, j));
      if (differ)
        g_ptr_array_add (subjects, g_strdup (pair->key));
    }
}

static gboolean
has_foreign_peer (const HealthState *state,
                  MfmScope          *scope)
{
  GPtrArray *pools;

  if (scope == NULL)
    return FALSE;

  pools = mfm_scope_get_pools (scope);
  for (guint i = 0; i < pools->len; i++)
    {
      const MfmAddressPool *pool = g_ptr_array_index (pools, i);

      if (pool->failover_peer != NULL && pool->failover_peer[0] != '\0' &&
          g_strcmp0 (pool->failover_peer, state->name) != 0)
        return TRUE;
    }

  return FALSE;
}

static void
check_pool_collision (const HealthState *state,
                      GPtrArray         *subjects)
{
  for (guint i = 0; state->pairs != NULL && i < state->pairs->len; i++)
    {
      ScopePair *pair = g_ptr_array_index (state->pairs, i);

      if (has_foreign_peer (state, pair->on_primary) ||
          has_foreign_peer (state, pair->on_secondary))
        g_ptr_array_add (subjects, g_strdup (pair->key));
    }
}

static void
check_not_normal_too_long (const HealthState *state,
                           GPtrArray         *subjects)
{
  const MfmHealthInput *input = state->input;
  MfmFailoverState failover_state = mfm_relationship_get_failover_state (input->relationship);

  if (failover_state == MFM_FAILOVER_STATE_NORMAL ||
      failover_state == MFM_FAILOVER_STATE_EMPTY ||
      failover_state == MFM_FAILOVER_STATE_UNKNOWN ||
      input->state_since <= 0 || input->now < input->state_since)
    return;

  if (input->now - input->state_since > (gint64) mfm_relationship_get_mclt (input->relationship))
    g_ptr_array_add (subjects, g_strdup (mfm_failover_state_get_label (failover_state)));
}

static const HealthRule rules[] = {
  { "server-unreachable", MFM_SEVERITY_ERROR, check_server_unreachable,
    N_("Micetro cannot reach the server %s, so what it shows of this relationship may be out of date."),
    N_("Check that the server and its Micetro DHCP server controller are running and reachable from Micetro.") },
  { "service-down", MFM_SEVERITY_ERROR, check_service_down,
    N_("The DHCP service on %s is down, so its partner answers the clients alone."),
    N_("Start the DHCP service (dhcpd) on that server and look at its log for why it stopped.") },
  { "relationship-on-one-server", MFM_SEVERITY_ERROR, check_listed_on_one_server,
    N_("The relationship is not listed on %s, so that server may lack its failover peer statement."),
    N_("Edit the relationship and save it again, or remove it and add it anew, so that both servers get it.") },
  { "relationship-values-differ", MFM_SEVERITY_ERROR, check_values_differ,
    N_("The two servers have different values for this relationship: %s."),
    N_("Edit the relationship and save it, so that both servers get the same values; until then the pair may not reach Normal.") },
  { "scope-missing-on-partner", MFM_SEVERITY_ERROR, check_scope_missing,
    N_("The scope %s of this relationship is on one server only."),
    N_("Add the scope to the relationship again (Manage Scopes), which copies it to the partner, or remove it from the relationship.") },
  { "scope-not-in-relationship-on-partner", MFM_SEVERITY_ERROR, check_scope_not_in_relationship,
    N_("The scope %s is on both servers but is not part of the failover relationship on one of them."),
    N_("Remove the scope from the relationship and add it again, so that the pools on both servers name this relationship as their failover peer.") },
  { "pools-differ", MFM_SEVERITY_ERROR, check_pools_differ,
    N_("The address pools of the scope %s differ between the two servers."),
    N_("Make the pools the same on both servers; until then the servers may hand out the same address twice, or none at all.") },
  { "pool-collision", MFM_SEVERITY_ERROR, check_pool_collision,
    N_("A pool of the scope %s names another failover relationship as its peer (scope pool collision)."),
    N_("Give every pool of the scope the same failover peer: Micetro changes only the peer of the first pool.") },
  { "not-normal-too-long", MFM_SEVERITY_WARNING, check_not_normal_too_long,
    N_("The relationship has been in the state %s for longer than its maximum client lead time."),
    NULL /* the advice for the state */ },
};

const char * const *
mfm_health_rule_ids (void)
{
  static const char *ids[G_N_ELEMENTS (rules) + 1];

  if (ids[0] == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
        ids[i] = rules[i].id;
    }

  return ids;
}

static const char *
scope_key (MfmScope *scope)
{
  return mfm_scope_get_subnet (scope) != NULL ? mfm_scope_get_subnet (scope) :
                                                mfm_scope_get_name (scope);
}

static MfmScope *
find_scope (GPtrArray  *scopes,
            const char *key)
{
  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);

      if (g_strcmp0 (scope_key (scope), key) == 0)
        return scope;
    }

  return NULL;
}

/* The networks in the relationship on either server, primary's first, each once. */
static GPtrArray *
pair_scopes (const HealthState *state)
{
  const MfmHealthInput *input = state->input;
  GPtrArray *sides[] = { input->primary_scopes, input->secondary_scopes };
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *pairs = g_ptr_array_new_with_free_func (scope_pair_free);

  for (guint side = 0; side < G_N_ELEMENTS (sides); side++)
    {
      for (guint i = 0; i < sides[side]->len; i++)
        {
          MfmScope *scope = g_ptr_array_index (sides[side], i);
          const char *key = scope_key (scope);
          ScopePair *pair;

          if (key == NULL || !scope_in_relationship (state, scope) ||
              g_hash_table_contains (seen, key))
            continue;

          pair = g_new0 (ScopePair, 1);
          pair->key = g_strdup (key);
          pair->on_primary = find_scope (input->primary_scopes, key);
          pair->on_secondary = find_scope (input->secondary_scopes, key);
          g_hash_table_add (seen, pair->key);
          g_ptr_array_add (pairs, pair);
        }
    }

  return pairs;
}

static int
compare_severity (gconstpointer a,
                  gconstpointer b)
{
  const MfmHealthFinding *fa = *(const MfmHealthFinding * const *) a;
  const MfmHealthFinding *fb = *(const MfmHealthFinding * const *) b;

  return (int) fb->severity - (int) fa->severity;
}

GPtrArray *
mfm_health_check (const MfmHealthInput *input)
{
  GPtrArray *findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_health_finding_free);
  HealthState state = { 0 };

  g_return_val_if_fail (input != NULL, findings);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (input->relationship), findings);

  state.input = input;
  state.name = mfm_relationship_get_name (input->relationship);
  if (input->primary_scopes != NULL && input->secondary_scopes != NULL)
    state.pairs = pair_scopes (&state);

  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      g_autoptr(GPtrArray) subjects = g_ptr_array_new_with_free_func (g_free);

      rules[i].check (&state, subjects);
      for (guint j = 0; j < subjects->len; j++)
        {
          const char *subject = g_ptr_array_index (subjects, j);
          g_autoptr(GString) message = g_string_new (_(rules[i].message));
          MfmFailoverState failover_state;
          const char *action;

          g_string_replace (message, "%s", subject, 1);
          failover_state = mfm_relationship_get_failover_state (input->relationship);
          action = rules[i].action != NULL ? _(rules[i].action) :
                                             mfm_failover_state_get_advice (failover_state);
          g_ptr_array_add (findings,
                           finding_new (rules[i].id, rules[i].severity, message->str, action,
                                        subject[0] != '\0' ? subject : NULL));
        }
    }

  g_clear_pointer (&state.pairs, g_ptr_array_unref);

  /* Stable: the table order stays within each severity. */
  g_ptr_array_sort (findings, compare_severity);

  return findings;
}

int
mfm_health_worst_severity (GPtrArray *findings)
{
  int worst = -1;

  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const MfmHealthFinding *finding = g_ptr_array_index (findings, i);

      worst = MAX (worst, (int) finding->severity);
    }

  return worst;
}

gboolean
mfm_health_findings_contain (GPtrArray  *findings,
                             const char *id,
                             const char *subject)
{
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const MfmHealthFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->id, id) == 0 &&
          (subject == NULL || g_strcmp0 (finding->subject, subject) == 0))
        return TRUE;
    }

  return FALSE;
}

/* What each state means for the clients and what can be done (the ISC dhcpd 4.4 behaviour). */
static const struct
{
  MfmFailoverState  state;
  const char       *meaning;
  const char       *advice;
} state_texts[] = {
  { MFM_FAILOVER_STATE_UNKNOWN,
    N_("Micetro does not say what state the servers are in."),
    N_("Refresh; if the state stays unknown, look at the dhcpd log on both servers.") },
  { MFM_FAILOVER_STATE_EMPTY,
    N_("No scope is in the relationship yet, so the servers do not share any clients."),
    N_("Add scopes with Manage Scopes to start failover.") },
  { MFM_FAILOVER_STATE_NORMAL,
    N_("Both servers answer clients, each its share of the address pools, and keep each other up to date."),
    N_("Nothing to do.") },
  { MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED,
    N_("The servers cannot reach each other. Each keeps answering clients from its own share of the free addresses, and renews the leases it knows; new clients get leases no longer than the maximum client lead time."),
    N_("Restore the connection between the servers (the failover port, the network, the partner's dhcpd). If the partner is really down for good, wait one maximum client lead time and put the surviving server into Partner down, which frees the rest of the pool; Micetro cannot do this. Use omshell on the surviving server (omapi-port must be set): server, port, connect, new failover-state, set name = \"RELATIONSHIP\", open, set local-state = 4, update. Or set auto-partner-down in dhcpd.conf to let dhcpd do it after that many seconds.") },
  { MFM_FAILOVER_STATE_PARTNER_DOWN,
    N_("One server answers every client and may use the whole pool once the maximum client lead time has passed; its partner is considered down."),
    N_("Bring the partner back: start its dhcpd. It recovers (Recover, Recover wait for one maximum client lead time if it lost its leases) and the pair returns to Normal on its own.") },
  { MFM_FAILOVER_STATE_POTENTIAL_CONFLICT,
    N_("The servers may both have handed out some addresses; the primary asks the secondary for its leases, and the secondary does not answer clients meanwhile."),
    N_("Usually this resolves itself. If it stays, check that both servers' clocks agree and that the failover port is open in both directions.") },
  { MFM_FAILOVER_STATE_CONFLICT_DONE,
    N_("A conflict has been resolved; the primary answers clients and the secondary follows shortly."),
    N_("Nothing to do; the pair returns to Normal on its own.") },
  { MFM_FAILOVER_STATE_RESOLUTION_INTERRUPTED,
    N_("The servers lost contact while resolving a conflict; each answers clients only as in Communications interrupted."),
    N_("Restore the connection between the servers; resolution then continues.") },
  { MFM_FAILOVER_STATE_RECOVER,
    N_("A server that lost contact or its lease file is catching up from its partner and does not answer clients yet."),
    N_("Wait; keep the failover port open. It moves on to Recover wait or Recover done.") },
  { MFM_FAILOVER_STATE_RECOVER_WAIT,
    N_("The recovering server waits one maximum client lead time before it answers clients, so that no lease its partner gave meanwhile is handed out twice."),
    N_("Wait one maximum client lead time; the pair then reaches Normal on its own.") },
  { MFM_FAILOVER_STATE_RECOVER_DONE,
    N_("The recovering server has caught up and the pair is about to return to Normal."),
    N_("Nothing to do; if it stays here, restart the partner's dhcpd.") },
  { MFM_FAILOVER_STATE_STARTUP,
    N_("A server has just started and is contacting its partner; it answers clients briefly as in its last known state."),
    N_("Wait a few seconds; if it stays here, check that the partner runs and the failover port is open.") },
  { MFM_FAILOVER_STATE_PAUSED,
    N_("A server has paused failover, usually for maintenance; its partner acts as in Communications interrupted."),
    N_("Finish the maintenance and restart the paused server's dhcpd.") },
  { MFM_FAILOVER_STATE_SHUTDOWN,
    N_("A server is shutting down and has told its partner, which may go to Partner down without waiting."),
    N_("Start the server again when the maintenance is done; it recovers on its own.") },
};

static guint
state_text_index (MfmFailoverState state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_texts); i++)
    {
      if (state_texts[i].state == state)
        return i;
    }

  return 0;
}

const char *
mfm_failover_state_get_meaning (MfmFailoverState state)
{
  return _(state_texts[state_text_index (state)].meaning);
}

const char *
mfm_failover_state_get_advice (MfmFailoverState state)
{
  return _(state_texts[state_text_index (state)].advice);
}

gboolean
mfm_failover_state_change_is_notable (const char *from,
                                      const char *to)
{
  MfmFailoverState old_state = mfm_failover_state_from_string (from);
  MfmFailoverState new_state = mfm_failover_state_from_string (to);

  /* A relationship that gets its first scope, or loses its last, is no news about its health. */
  if (old_state == MFM_FAILOVER_STATE_EMPTY || new_state == MFM_FAILOVER_STATE_EMPTY)
    return FALSE;

  return (old_state == MFM_FAILOVER_STATE_NORMAL) != (new_state == MFM_FAILOVER_STATE_NORMAL);
}
