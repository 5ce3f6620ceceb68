/* mfm-rules.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-rules"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-rules.h"
#include "mfm-util-private.h"

#define MAX_NAME_LENGTH 63
#define OMAPI_PORT      7911

G_DEFINE_BOXED_TYPE (MfmFinding, mfm_finding, mfm_finding_copy, mfm_finding_free)

MfmFinding *
mfm_finding_new (MfmField     field,
                 MfmSeverity  severity,
                 const char  *message)
{
  MfmFinding *finding = g_new0 (MfmFinding, 1);

  finding->field = field;
  finding->severity = severity;
  finding->message = g_strdup (message);

  return finding;
}

MfmFinding *
mfm_finding_copy (const MfmFinding *finding)
{
  g_return_val_if_fail (finding != NULL, NULL);

  return mfm_finding_new (finding->field, finding->severity, finding->message);
}

void
mfm_finding_free (MfmFinding *finding)
{
  if (finding == NULL)
    return;

  g_free (finding->message);
  g_free (finding);
}

gboolean
mfm_parse_uint (const char *text,
                guint64     max,
                guint64    *value)
{
  const char *p;
  guint64 result = 0;
  gboolean any_digit = FALSE;

  if (text == NULL)
    return FALSE;

  for (p = text; g_ascii_isspace (*p); p++)
    ;

  for (; g_ascii_isdigit (*p); p++)
    {
      guint digit = (guint)(*p - '0');

      if (result > (G_MAXUINT64 - digit) / 10)
        return FALSE;
      result = result * 10 + digit;
      any_digit = TRUE;
    }

  for (; g_ascii_isspace (*p); p++)
    ;

  if (!any_digit || *p != '\0' || result > max)
    return FALSE;

  if (value != NULL)
    *value = result;

  return TRUE;
}

guint
mfm_percentage_to_split (guint percentage)
{
  return mfm_percentage_to_split_internal (percentage);
}

guint
mfm_split_to_percentage (guint split)
{
  return mfm_split_to_percentage_internal (split);
}

/* Everything the checks look at, worked out once per run. */
typedef struct
{
  const MfmRuleContext       *context;
  const char                 *texts[MFM_N_FIELDS];
  gboolean                    parsed[MFM_N_FIELDS];   /* a whole number ≤ 4294967295 */
  guint64                     values[MFM_N_FIELDS];
  MfmServer                  *primary;
  MfmServer                  *partner;
} RuleState;

typedef gboolean (*RuleCheck) (const RuleState *state,
                               MfmField         field);

typedef struct
{
  MfmField     field;
  MfmSeverity  severity;
  RuleCheck    check;
  const char  *message;
} Rule;

static gboolean
text_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;

  for (; *text != '\0'; text++)
    {
      if (!g_ascii_isspace (*text))
        return FALSE;
    }

  return TRUE;
}

static gboolean
same_server (MfmServer  *server,
             const char *ref,
             const char *name)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (server == NULL)
    return FALSE;

  if (ref != NULL && mfm_server_get_ref (server) != NULL)
    return g_str_equal (ref, mfm_server_get_ref (server));

  a = mfm_normalise_server_name (name);
  b = mfm_normalise_server_name (mfm_server_get_name (server));
  return a != NULL && g_strcmp0 (a, b) == 0;
}

static gboolean
relationship_touches (MfmRelationship *relationship,
                      MfmServer       *server)
{
  return same_server (server,
                      mfm_relationship_get_primary_server_ref (relationship),
                      mfm_relationship_get_primary_server (relationship)) ||
         same_server (server,
                      mfm_relationship_get_secondary_server_ref (relationship),
                      mfm_relationship_get_secondary_server (relationship));
}

typedef gboolean (*RelationshipPredicate) (const RuleState *state,
                                           MfmRelationship *relationship);

/* The relationship being edited is never compared with itself. */
static gboolean
matches (const RuleState       *state,
         MfmRelationship       *relationship,
         RelationshipPredicate  predicate)
{
  if (state->context->editing_name != NULL &&
      g_strcmp0 (mfm_relationship_get_name (relationship), state->context->editing_name) == 0)
    return FALSE;

  return predicate (state, relationship);
}

static gboolean
list_has_match (const RuleState       *state,
                GListModel            *list,
                RelationshipPredicate  predicate)
{
  guint n;

  if (list == NULL)
    return FALSE;

  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (list, i);

      if (matches (state, relationship, predicate))
        return TRUE;
    }

  return FALSE;
}

static gboolean
array_has_match (const RuleState       *state,
                 GPtrArray             *relationships,
                 RelationshipPredicate  predicate)
{
  for (guint i = 0; i < relationships->len; i++)
    {
      if (matches (state, g_ptr_array_index (relationships, i), predicate))
        return TRUE;
    }

  return FALSE;
}

/* Existing relationships on the server and the ones staged but not yet saved. Every
 * predicate here concerns the primary or the partner, so only their relationships are read
 * when the servers are known. */
static gboolean
any_relationship (const RuleState       *state,
                  RelationshipPredicate  predicate)
{
  MfmInventory *inventory;

  if (state->context == NULL)
    return FALSE;

  inventory = state->context->inventory;
  if (inventory != NULL && state->primary == NULL && state->partner == NULL)
    {
      if (list_has_match (state, mfm_inventory_get_relationships (inventory), predicate))
        return TRUE;
    }
  else if (inventory != NULL)
    {
      MfmServer *sides[2] = { state->primary, state->partner };

      for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
        {
          g_autoptr(GPtrArray) relationships = NULL;

          if (sides[s] == NULL || (s == 1 && sides[1] == sides[0]))
            continue;

          relationships = mfm_inventory_get_relationships_for_server (inventory, mfm_server_get_ref (sides[s]));
          if (array_has_match (state, relationships, predicate))
            return TRUE;
        }
    }

  return list_has_match (state, state->context->staged_relationships, predicate);
}

/* Rule checks: each returns TRUE when its finding applies. */

static gboolean
check_blank (const RuleState *state,
             MfmField         field)
{
  return text_is_blank (state->texts[field]);
}

static gboolean
check_name_too_long (const RuleState *state,
                     MfmField         field)
{
  const char *name = state->texts[field];

  return !text_is_blank (name) && g_utf8_strlen (name, -1) > MAX_NAME_LENGTH;
}

static gboolean
check_name_bad_characters (const RuleState *state,
                           MfmField         field)
{
  const char *name = state->texts[field];

  if (text_is_blank (name) || g_utf8_strlen (name, -1) > MAX_NAME_LENGTH)
    return FALSE;

  if (!g_ascii_isalnum (name[0]))
    return TRUE;

  for (const char *p = name + 1; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
        return TRUE;
    }

  return FALSE;
}

static gboolean
name_taken_by (const RuleState *state,
               MfmRelationship *relationship)
{
  const char *name = mfm_relationship_get_name (relationship);

  if (name == NULL || g_ascii_strcasecmp (name, state->texts[MFM_FIELD_NAME]) != 0)
    return FALSE;

  /* Without the servers known, any relationship of that name is a clash. */
  if (state->primary == NULL && state->partner == NULL)
    return TRUE;

  return relationship_touches (relationship, state->primary) ||
         relationship_touches (relationship, state->partner);
}

static gboolean
check_name_taken (const RuleState *state,
                  MfmField         field)
{
  if (text_is_blank (state->texts[field]))
    return FALSE;

  return any_relationship (state, name_taken_by);
}

static gboolean
check_partner_is_primary (const RuleState *state,
                          MfmField         field)
{
  g_autofree char *partner = NULL;
  g_autofree char *primary = NULL;

  if (text_is_blank (state->texts[field]) || state->primary == NULL)
    return FALSE;

  if (state->partner != NULL)
    return state->partner == state->primary;

  partner = mfm_normalise_server_name (state->texts[field]);
  primary = mfm_normalise_server_name (mfm_server_get_name (state->primary));
  return g_strcmp0 (partner, primary) == 0;
}

static gboolean
check_partner_unknown (const RuleState *state,
                       MfmField         field)
{
  return !text_is_blank (state->texts[field]) &&
         state->context != NULL && state->context->inventory != NULL &&
         state->partner == NULL;
}

static gboolean
check_partner_not_isc (const RuleState *state,
                       MfmField         field)
{
  return state->partner != NULL &&
         state->partner != state->primary &&
         !mfm_server_is_isc (state->partner);
}

static gboolean
check_partner_not_ok (const RuleState *state,
                      MfmField         field)
{
  return state->partner != NULL &&
         state->partner != state->primary &&
         mfm_server_is_isc (state->partner) &&
         g_strcmp0 (mfm_server_get_state (state->partner), "OK") != 0;
}

static gboolean
check_primary_not_ok (const RuleState *state,
                      MfmField         field)
{
  return state->primary != NULL &&
         g_strcmp0 (mfm_server_get_state (state->primary), "OK") != 0;
}

static gboolean
pair_matches (const RuleState *state,
              MfmRelationship *relationship)
{
  return relationship_touches (relationship, state->primary) &&
         relationship_touches (relationship, state->partner);
}

/* The port @server listens on in @relationship: the primary's is "port", the secondary's
 * "peer port" (each side's own "port" in its dhcpd.conf). */
static guint64
listen_port_in (MfmRelationship *relationship,
                MfmServer       *server)
{
  if (same_server (server,
                   mfm_relationship_get_primary_server_ref (relationship),
                   mfm_relationship_get_primary_server (relationship)))
    return mfm_relationship_get_port (relationship);

  return mfm_relationship_get_peer_port (relationship);
}

static gboolean
pair_shares_primary_port (const RuleState *state,
                          MfmRelationship *relationship)
{
  return pair_matches (state, relationship) &&
         listen_port_in (relationship, state->primary) == state->values[MFM_FIELD_PORT];
}

static gboolean
pair_shares_partner_port (const RuleState *state,
                          MfmRelationship *relationship)
{
  return pair_matches (state, relationship) &&
         listen_port_in (relationship, state->partner) == state->values[MFM_FIELD_PEER_PORT];
}

/* Two peers of the same two servers on one port: dhcpd -t accepts both, but the running
 * daemons hand every connection between the two addresses to one of them, and the other is
 * rejected ("invalid failover partner") and never leaves recover. */
static gboolean
check_port_shared (const RuleState *state,
                   MfmField         field)
{
  if (!state->parsed[field] || state->partner == NULL || state->primary == NULL ||
      state->partner == state->primary)
    return FALSE;

  return any_relationship (state, field == MFM_FIELD_PORT ? pair_shares_primary_port
                                                          : pair_shares_partner_port);
}

static gboolean
check_pair_has_relationship (const RuleState *state,
                             MfmField         field)
{
  if (state->partner == NULL || state->primary == NULL || state->partner == state->primary)
    return FALSE;

  return any_relationship (state, pair_matches);
}

/* Empty, not a whole number, or outside the range the field table gives the field. */
static gboolean
check_out_of_range (const RuleState *state,
                    MfmField         field)
{
  return !state->parsed[field] ||
         state->values[field] < mfm_field_get_minimum (field) ||
         state->values[field] > mfm_field_get_maximum (field);
}

static gboolean
check_port_dhcp (const RuleState *state,
                 MfmField         field)
{
  return state->parsed[field] && (state->values[field] == 67 || state->values[field] == 68);
}

static gboolean
check_port_omapi (const RuleState *state,
                  MfmField         field)
{
  return state->parsed[field] && state->values[field] == OMAPI_PORT;
}


static gboolean
check_mclt_short (const RuleState *state,
                  MfmField         field)
{
  return state->parsed[field] && state->values[field] > 0 && state->values[field] < 300;
}

static gboolean
check_mclt_long (const RuleState *state,
                 MfmField         field)
{
  return state->parsed[field] && state->values[field] > 86400;
}

static gboolean
check_delay_short (const RuleState *state,
                   MfmField         field)
{
  return state->parsed[field] && state->values[field] > 0 && state->values[field] < 10;
}

static gboolean
check_load_balance_off (const RuleState *state,
                        MfmField         field)
{
  return state->parsed[field] && state->values[field] == 0;
}

static gboolean
check_load_balance_unusual (const RuleState *state,
                            MfmField         field)
{
  guint64 value = state->values[field];

  return state->parsed[field] && value != 0 && value != 3 && value != 5;
}

static gboolean
check_unacked_unusual (const RuleState *state,
                       MfmField         field)
{
  return state->parsed[field] && state->values[field] != 0 && state->values[field] != 10;
}


static gboolean
check_percentage_one_sided (const RuleState *state,
                            MfmField         field)
{
  return state->parsed[field] && (state->values[field] == 0 || state->values[field] == 100);
}

/* One row per finding, read by the form, its summary, the Warnings column and the check of a
 * change alike. Order within a field and severity is the order shown. */
static const Rule rules[] = {
  { MFM_FIELD_NAME, MFM_SEVERITY_ERROR, check_blank,
    N_("Enter a failover name.") },
  { MFM_FIELD_NAME, MFM_SEVERITY_ERROR, check_name_too_long,
    N_("The failover name can be at most 63 characters long.") },
  { MFM_FIELD_NAME, MFM_SEVERITY_ERROR, check_name_bad_characters,
    N_("The failover name must start with a letter or digit and contain only the letters a to z, digits, dots, dashes and underscores.") },
  { MFM_FIELD_NAME, MFM_SEVERITY_ERROR, check_name_taken,
    N_("A relationship of one of these servers already uses this name.") },

  { MFM_FIELD_PARTNER_SERVER, MFM_SEVERITY_ERROR, check_blank,
    N_("Choose a partner server.") },
  { MFM_FIELD_PARTNER_SERVER, MFM_SEVERITY_ERROR, check_partner_is_primary,
    N_("The partner server must be a different server from the primary.") },
  { MFM_FIELD_PARTNER_SERVER, MFM_SEVERITY_ERROR, check_partner_unknown,
    N_("There is no DHCP server with this name.") },
  { MFM_FIELD_PARTNER_SERVER, MFM_SEVERITY_ERROR, check_partner_not_isc,
    N_("The partner server must be an ISC DHCP server.") },
  { MFM_FIELD_PARTNER_SERVER, MFM_SEVERITY_WARNING, check_partner_not_ok,
    N_("The partner server is not in the OK state, so it may not get the new configuration.") },
  { MFM_FIELD_PARTNER_SERVER, MFM_SEVERITY_INFO, check_pair_has_relationship,
    N_("These two servers already have another failover relationship.") },

  { MFM_FIELD_PORT, MFM_SEVERITY_ERROR, check_out_of_range,
    N_("Port must be a whole number from 1 to 65535.") },
  { MFM_FIELD_PORT, MFM_SEVERITY_ERROR, check_port_dhcp,
    N_("Ports 67 and 68 are used by DHCP itself. Choose another port.") },
  { MFM_FIELD_PORT, MFM_SEVERITY_ERROR, check_port_shared,
    N_("These two servers already have a relationship in which the primary listens on this port. dhcpd accepts both, but it gives every connection between the two servers to one of them, so the other never reaches Normal. Choose another port.") },
  { MFM_FIELD_PORT, MFM_SEVERITY_WARNING, check_port_omapi,
    N_("Port 7911 is the usual OMAPI port, which dhcpd may already use.") },

  { MFM_FIELD_PEER_PORT, MFM_SEVERITY_ERROR, check_out_of_range,
    N_("Partner port must be a whole number from 1 to 65535.") },
  { MFM_FIELD_PEER_PORT, MFM_SEVERITY_ERROR, check_port_dhcp,
    N_("Ports 67 and 68 are used by DHCP itself. Choose another port.") },
  { MFM_FIELD_PEER_PORT, MFM_SEVERITY_ERROR, check_port_shared,
    N_("These two servers already have a relationship in which the partner listens on this port. dhcpd accepts both, but it gives every connection between the two servers to one of them, so the other never reaches Normal. Choose another partner port.") },
  { MFM_FIELD_PEER_PORT, MFM_SEVERITY_WARNING, check_port_omapi,
    N_("Port 7911 is the usual OMAPI port, which dhcpd may already use.") },

  { MFM_FIELD_MCLT, MFM_SEVERITY_ERROR, check_out_of_range,
    N_("Maximum client lead time must be a whole number of seconds from 1 to 4294967295.") },
  { MFM_FIELD_MCLT, MFM_SEVERITY_WARNING, check_mclt_short,
    N_("A maximum client lead time under 300 seconds is unusually short.") },
  { MFM_FIELD_MCLT, MFM_SEVERITY_WARNING, check_mclt_long,
    N_("A maximum client lead time over one day (86400 seconds) makes a recovering server wait that long before it answers clients.") },

  { MFM_FIELD_MAX_RESPONSE_DELAY, MFM_SEVERITY_ERROR, check_out_of_range,
    N_("Max response delay must be a whole number of seconds from 1 to 4294967295.") },
  { MFM_FIELD_MAX_RESPONSE_DELAY, MFM_SEVERITY_WARNING, check_delay_short,
    N_("A max response delay under 10 seconds may declare the partner lost during a short network delay.") },

  { MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, MFM_SEVERITY_ERROR, check_out_of_range,
    N_("Load balance max seconds must be a whole number from 0 to 4294967295.") },
  { MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, MFM_SEVERITY_WARNING, check_load_balance_off,
    N_("Load balancing is off: both servers answer every client.") },
  { MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, MFM_SEVERITY_INFO, check_load_balance_unusual,
    N_("ISC recommends 3 or 5 seconds.") },

  { MFM_FIELD_MAX_UNACKED_UPDATES, MFM_SEVERITY_ERROR, check_out_of_range,
    N_("Max unacked updates must be a whole number from 1 to 4294967295.") },
  { MFM_FIELD_MAX_UNACKED_UPDATES, MFM_SEVERITY_INFO, check_unacked_unusual,
    N_("ISC suggests 10.") },

  { MFM_FIELD_PERCENTAGE, MFM_SEVERITY_ERROR, check_out_of_range,
    N_("Percentage must be a whole number from 0 to 100.") },
  { MFM_FIELD_PERCENTAGE, MFM_SEVERITY_INFO, check_percentage_one_sided,
    N_("At 0 or 100 percent one server answers every client, like a hot standby.") },

  { MFM_FIELD_PRIMARY_SERVER, MFM_SEVERITY_WARNING, check_primary_not_ok,
    N_("The primary server is not in the OK state, so it may not get the new configuration.") },
};

GPtrArray *
mfm_rules_check_texts (const char * const   *texts,
                       const MfmRuleContext *context)
{
  static const MfmRuleContext empty_context = { NULL, NULL, NULL, NULL };
  static const MfmSeverity severity_order[] = {
    MFM_SEVERITY_ERROR, MFM_SEVERITY_WARNING, MFM_SEVERITY_INFO,
  };
  GPtrArray *findings;
  RuleState state = { 0 };

  g_return_val_if_fail (texts != NULL, NULL);

  if (context == NULL)
    context = &empty_context;

  state.context = context;
  for (guint field = 0; field < MFM_N_FIELDS; field++)
    state.texts[field] = texts[field];
  /* The primary is the server the form was opened on, never typed. */
  state.texts[MFM_FIELD_PRIMARY_SERVER] = NULL;

  for (guint field = 0; field < MFM_N_FIELDS; field++)
    {
      if (mfm_field_is_number (field))
        state.parsed[field] = mfm_parse_uint (state.texts[field], G_MAXUINT32, &state.values[field]);
    }

  if (context->inventory != NULL)
    {
      const char *partner_text = state.texts[MFM_FIELD_PARTNER_SERVER];
      g_autofree char *partner_name = g_strstrip (g_strdup (partner_text != NULL ? partner_text : ""));

      state.primary = mfm_inventory_lookup_server (context->inventory, context->primary_server_ref);
      state.partner = mfm_inventory_lookup_server_by_name (context->inventory, partner_name);
    }

  findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_finding_free);

  for (guint s = 0; s < G_N_ELEMENTS (severity_order); s++)
    for (guint field = 0; field < MFM_N_FIELDS; field++)
      for (guint r = 0; r < G_N_ELEMENTS (rules); r++)
        {
          const Rule *rule = &rules[r];

          if (rule->field != field || rule->severity != severity_order[s])
            continue;

          if (rule->check (&state, rule->field))
            g_ptr_array_add (findings, mfm_finding_new (rule->field, rule->severity, _(rule->message)));
        }

  return findings;
}

GPtrArray *
mfm_rules_check (const MfmRelationshipInput *input,
                 const MfmRuleContext       *context)
{
  const char *texts[MFM_N_FIELDS] = { NULL };

  g_return_val_if_fail (input != NULL, NULL);

  texts[MFM_FIELD_NAME] = input->name;
  texts[MFM_FIELD_PARTNER_SERVER] = input->partner_server;
  texts[MFM_FIELD_PORT] = input->port;
  texts[MFM_FIELD_PEER_PORT] = input->peer_port;
  texts[MFM_FIELD_MCLT] = input->mclt;
  texts[MFM_FIELD_MAX_RESPONSE_DELAY] = input->max_response_delay;
  texts[MFM_FIELD_LOAD_BALANCE_MAX_SECONDS] = input->load_balance_max_seconds;
  texts[MFM_FIELD_MAX_UNACKED_UPDATES] = input->max_unacked_updates;
  texts[MFM_FIELD_PERCENTAGE] = input->percentage;

  return mfm_rules_check_texts (texts, context);
}

GPtrArray *
mfm_rules_check_relationship (MfmRelationship      *relationship,
                              const MfmRuleContext *context)
{
  MfmRuleContext own_context = { NULL, NULL, NULL, NULL };
  const char *texts[MFM_N_FIELDS] = { NULL };
  char *numbers[MFM_N_FIELDS] = { NULL };
  GPtrArray *findings;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  if (context != NULL)
    own_context = *context;

  /* The relationship is checked against everything but itself, from its own primary. */
  own_context.editing_name = mfm_relationship_get_name (relationship);
  if (mfm_relationship_get_primary_server_ref (relationship) != NULL)
    own_context.primary_server_ref = mfm_relationship_get_primary_server_ref (relationship);
  if (own_context.inventory != NULL)
    {
      /* Older Micetro versions give the servers by name only. */
      MfmServer *primary = mfm_inventory_lookup_primary_server (own_context.inventory, relationship);

      if (primary != NULL)
        own_context.primary_server_ref = mfm_server_get_ref (primary);
    }

  /* Numbers are checked as if typed. */
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (mfm_field_is_number (field))
        texts[field] = numbers[field] =
          g_strdup_printf ("%u", mfm_relationship_get_field_value (relationship, field));
    }

  texts[MFM_FIELD_NAME] = mfm_relationship_get_name (relationship);
  texts[MFM_FIELD_PARTNER_SERVER] = mfm_relationship_get_secondary_server (relationship);

  if (own_context.inventory != NULL && texts[MFM_FIELD_PARTNER_SERVER] == NULL)
    {
      MfmServer *secondary = mfm_inventory_lookup_server (own_context.inventory,
                                                          mfm_relationship_get_secondary_server_ref (relationship));

      if (secondary != NULL)
        texts[MFM_FIELD_PARTNER_SERVER] = mfm_server_get_name (secondary);
    }

  findings = mfm_rules_check_texts (texts, &own_context);
  for (guint field = 0; field < MFM_N_FIELDS; field++)
    g_free (numbers[field]);

  return findings;
}

gboolean
mfm_findings_has_severity (GPtrArray   *findings,
                           int          field,
                           MfmSeverity  severity)
{
  if (findings == NULL)
    return FALSE;

  for (guint i = 0; i < findings->len; i++)
    {
      const MfmFinding *finding = g_ptr_array_index (findings, i);

      if ((field < 0 || (int) finding->field == field) && finding->severity == severity)
        return TRUE;
    }

  return FALSE;
}

GPtrArray *
mfm_findings_for_field (GPtrArray *findings,
                        MfmField   field)
{
  GPtrArray *result = g_ptr_array_new ();

  if (findings == NULL)
    return result;

  for (int severity = MFM_SEVERITY_ERROR; severity >= MFM_SEVERITY_INFO; severity--)
    for (guint i = 0; i < findings->len; i++)
      {
        MfmFinding *finding = g_ptr_array_index (findings, i);

        if (finding->field == field && (int) finding->severity == severity)
          g_ptr_array_add (result, finding);
      }

  return result;
}
