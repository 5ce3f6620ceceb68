/* test-objects.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-objects"

#include "config.h"

#include <locale.h>

#include "mfm-enums.h"
#include "mfm-inventory.h"
#include "mfm-inventory-private.h"
#include "mfm-rules.h"
#include "mfm-sort-key.h"
#include "mfm-util-private.h"

/* Counts "notify" emissions per property name. */
typedef struct
{
  GHashTable *counts;
} NotifyLog;

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           NotifyLog  *log)
{
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, pspec->name));

  g_hash_table_insert (log->counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static NotifyLog *
notify_log_new (gpointer object)
{
  NotifyLog *log = g_new0 (NotifyLog, 1);

  log->counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_signal_connect (object, "notify", G_CALLBACK (on_notify), log);

  return log;
}

static guint
notify_count (NotifyLog  *log,
              const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (log->counts, name));
}

static guint
notify_total (NotifyLog *log)
{
  GHashTableIter iter;
  gpointer value;
  guint total = 0;

  g_hash_table_iter_init (&iter, log->counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    total += GPOINTER_TO_UINT (value);

  return total;
}

static void
notify_log_reset (NotifyLog *log)
{
  g_hash_table_remove_all (log->counts);
}

static void
notify_log_free (NotifyLog *log)
{
  g_hash_table_unref (log->counts);
  g_free (log);
}

static void
test_state_from_string (void)
{
  g_assert_cmpint (mfm_failover_state_from_string ("Normal"), ==, MFM_FAILOVER_STATE_NORMAL);
  g_assert_cmpint (mfm_failover_state_from_string ("Empty"), ==, MFM_FAILOVER_STATE_EMPTY);
  g_assert_cmpint (mfm_failover_state_from_string ("Communications interrupted"), ==,
                   MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED);
  g_assert_cmpint (mfm_failover_state_from_string ("communications-interrupted"), ==,
                   MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED);
  g_assert_cmpint (mfm_failover_state_from_string ("COMMUNICATIONS_INTERRUPTED"), ==,
                   MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED);
  g_assert_cmpint (mfm_failover_state_from_string ("Partner down"), ==, MFM_FAILOVER_STATE_PARTNER_DOWN);
  g_assert_cmpint (mfm_failover_state_from_string ("recover-wait"), ==, MFM_FAILOVER_STATE_RECOVER_WAIT);
  g_assert_cmpint (mfm_failover_state_from_string ("Recover done"), ==, MFM_FAILOVER_STATE_RECOVER_DONE);
  g_assert_cmpint (mfm_failover_state_from_string ("Potential conflict"), ==, MFM_FAILOVER_STATE_POTENTIAL_CONFLICT);
  g_assert_cmpint (mfm_failover_state_from_string ("resolution-interrupted"), ==,
                   MFM_FAILOVER_STATE_RESOLUTION_INTERRUPTED);
  g_assert_cmpint (mfm_failover_state_from_string ("Startup"), ==, MFM_FAILOVER_STATE_STARTUP);
  g_assert_cmpint (mfm_failover_state_from_string ("paused"), ==, MFM_FAILOVER_STATE_PAUSED);
  g_assert_cmpint (mfm_failover_state_from_string ("Shutdown"), ==, MFM_FAILOVER_STATE_SHUTDOWN);
  g_assert_cmpint (mfm_failover_state_from_string ("Conflict done"), ==, MFM_FAILOVER_STATE_CONFLICT_DONE);
  g_assert_cmpint (mfm_failover_state_from_string ("Recover"), ==, MFM_FAILOVER_STATE_RECOVER);
  g_assert_cmpint (mfm_failover_state_from_string ("Normalish"), ==, MFM_FAILOVER_STATE_UNKNOWN);
  g_assert_cmpint (mfm_failover_state_from_string (""), ==, MFM_FAILOVER_STATE_UNKNOWN);
  g_assert_cmpint (mfm_failover_state_from_string (NULL), ==, MFM_FAILOVER_STATE_UNKNOWN);
  /* Spaces do not count towards a long text; a text longer than every state is none. */
  g_assert_cmpint (mfm_failover_state_from_string ("  Communications                    interrupted  "), ==,
                   MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED);
  g_assert_cmpint (mfm_failover_state_from_string ("NormalNormalNormalNormalNormalNormalNormalNormalNormalNormalNormalNormal"),
                   ==, MFM_FAILOVER_STATE_UNKNOWN);
}

static void
test_state_labels (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (MFM_TYPE_FAILOVER_STATE);
  const char *allowed[] = { "success", "warning", "error", "accent", "dim", NULL };
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < klass->n_values; i++)
    {
      MfmFailoverState state = klass->values[i].value;
      const char *label = mfm_failover_state_get_label (state);
      const char *description = mfm_failover_state_get_description (state);

      g_assert_nonnull (label);
      g_assert_cmpuint (strlen (label), >, 0);
      g_assert_false (g_hash_table_contains (labels, label));
      g_hash_table_add (labels, (gpointer) label);
      g_assert_nonnull (description);
      g_assert_true (g_str_has_suffix (description, "."));
      g_assert_true (g_strv_contains (allowed, mfm_failover_state_get_style_class (state)));
    }

  g_assert_cmpstr (mfm_failover_state_get_label (MFM_FAILOVER_STATE_PARTNER_DOWN), ==, "Partner down");
  g_assert_cmpstr (mfm_failover_state_get_style_class (MFM_FAILOVER_STATE_NORMAL), ==, "success");
  g_assert_cmpstr (mfm_failover_state_get_style_class (MFM_FAILOVER_STATE_EMPTY), ==, "dim");
  g_assert_cmpstr (mfm_failover_state_get_style_class (MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED), ==, "warning");
  g_assert_cmpstr (mfm_failover_state_get_style_class (MFM_FAILOVER_STATE_PARTNER_DOWN), ==, "error");
  g_assert_cmpstr (mfm_failover_state_get_style_class (MFM_FAILOVER_STATE_RECOVER), ==, "accent");
  g_assert_cmpstr (mfm_failover_state_get_style_class (MFM_FAILOVER_STATE_STARTUP), ==, "accent");
  g_assert_cmpstr (mfm_failover_state_get_style_class (MFM_FAILOVER_STATE_UNKNOWN), ==, "dim");
}

static void
test_fields (void)
{
  const char *ids[] = {
    "name", "partner-server", "port", "peer-port", "mclt", "max-response-delay",
    "load-balance-max-seconds", "max-unacked-updates", "percentage", "primary-server",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (ids) == MFM_N_FIELDS);
  for (guint f = 0; f < MFM_N_FIELDS; f++)
    {
      g_assert_cmpstr (mfm_field_get_id (f), ==, ids[f]);
      g_assert_nonnull (mfm_field_get_label (f));
    }

  /* Micetro's labels, as written there. */
  g_assert_cmpstr (mfm_field_get_label (MFM_FIELD_NAME), ==, "Failover name");
  g_assert_cmpstr (mfm_field_get_label (MFM_FIELD_PARTNER_SERVER), ==, "Partner server");
  g_assert_cmpstr (mfm_field_get_label (MFM_FIELD_PEER_PORT), ==, "Partner port");
  g_assert_cmpstr (mfm_field_get_label (MFM_FIELD_MCLT), ==, "Maximum client lead time");
  g_assert_cmpstr (mfm_field_get_label (MFM_FIELD_MAX_RESPONSE_DELAY), ==, "Max response delay");
  g_assert_cmpstr (mfm_field_get_label (MFM_FIELD_LOAD_BALANCE_MAX_SECONDS), ==, "Load balance max seconds");
  g_assert_cmpstr (mfm_field_get_label (MFM_FIELD_MAX_UNACKED_UPDATES), ==, "Max unacked updates");

  g_assert_cmpstr (mfm_deconfigure_action_get_label (MFM_DECONFIGURE_DISABLE), !=,
                   mfm_deconfigure_action_get_label (MFM_DECONFIGURE_DELETE));
}

/* Every field has an id, a label, a unit and a property of MfmRelationship that holds it. */
static void
test_field_table (void)
{
  const MfmFieldUnit units[MFM_N_FIELDS] = {
    [MFM_FIELD_MCLT] = MFM_FIELD_UNIT_SECONDS,
    [MFM_FIELD_MAX_RESPONSE_DELAY] = MFM_FIELD_UNIT_SECONDS,
    [MFM_FIELD_LOAD_BALANCE_MAX_SECONDS] = MFM_FIELD_UNIT_SECONDS,
    [MFM_FIELD_PERCENTAGE] = MFM_FIELD_UNIT_PERCENT,
  };
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GObjectClass *klass = g_type_class_ref (MFM_TYPE_RELATIONSHIP);

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      const char *id = mfm_field_get_id (field);
      GParamSpec *pspec = g_object_class_find_property (klass, mfm_field_get_property (field));
      MfmField found = MFM_N_FIELDS;

      g_assert_nonnull (id);
      g_assert_true (g_hash_table_add (ids, (gpointer) id));
      g_assert_true (mfm_field_from_id (id, &found));
      g_assert_cmpint (found, ==, field);
      g_assert_nonnull (mfm_field_get_label (field));
      g_assert_cmpstr (mfm_field_get_label (field), !=, "");
      g_assert_cmpint (mfm_field_get_unit (field), ==, units[field]);
      g_assert_true ((mfm_field_get_unit_label (field) == NULL) == (units[field] == MFM_FIELD_UNIT_NONE));

      g_assert_nonnull (pspec);
      if (mfm_field_is_number (field))
        {
          g_assert_cmpstr (mfm_field_get_property (field), ==, id);
          g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_UINT);
        }
      else
        g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_STRING);
    }
  g_assert_false (mfm_field_from_id ("split", NULL));
  g_assert_false (mfm_field_from_id (NULL, NULL));

  g_assert_cmpstr (mfm_field_get_unit_label (MFM_FIELD_MCLT), ==, "seconds");
  g_assert_cmpstr (mfm_field_get_unit_label (MFM_FIELD_PERCENTAGE), ==, "%");
  g_assert_cmpstr (mfm_field_get_property (MFM_FIELD_PARTNER_SERVER), ==, "secondary-server");
  g_assert_cmpstr (mfm_field_get_property (MFM_FIELD_PRIMARY_SERVER), ==, "primary-server");

  g_type_class_unref (klass);
}

/* The field value getter and setter are the relationship's numbers: a value set through the
 * table reads back through the typed getter and the property, and the other way round. */
static void
test_field_values (void)
{
  g_autoptr(MfmRelationship) fresh = mfm_relationship_new ();
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  guint (*getters[MFM_N_FIELDS]) (MfmRelationship *) = {
    [MFM_FIELD_PORT] = mfm_relationship_get_port,
    [MFM_FIELD_PEER_PORT] = mfm_relationship_get_peer_port,
    [MFM_FIELD_MCLT] = mfm_relationship_get_mclt,
    [MFM_FIELD_MAX_RESPONSE_DELAY] = mfm_relationship_get_max_response_delay,
    [MFM_FIELD_LOAD_BALANCE_MAX_SECONDS] = mfm_relationship_get_load_balance_max_seconds,
    [MFM_FIELD_MAX_UNACKED_UPDATES] = mfm_relationship_get_max_unacked_updates,
    [MFM_FIELD_PERCENTAGE] = mfm_relationship_get_percentage,
  };

  /* Micetro's proposals for a new relationship. */
  g_assert_cmpuint (mfm_relationship_get_port (fresh), ==, 647);
  g_assert_cmpuint (mfm_relationship_get_peer_port (fresh), ==, 647);
  g_assert_cmpuint (mfm_relationship_get_mclt (fresh), ==, 3600);
  g_assert_cmpuint (mfm_relationship_get_max_response_delay (fresh), ==, 60);
  g_assert_cmpuint (mfm_relationship_get_load_balance_max_seconds (fresh), ==, 3);
  g_assert_cmpuint (mfm_relationship_get_max_unacked_updates (fresh), ==, 10);
  g_assert_cmpuint (mfm_relationship_get_percentage (fresh), ==, 50);

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      guint value = 1000 + field;
      guint read = 0;
      NotifyLog *log;

      if (!mfm_field_is_number (field))
        continue;

      g_assert_nonnull (getters[field]);
      g_assert_cmpuint (mfm_relationship_get_field_value (fresh, field), ==, mfm_field_get_default (field));

      log = notify_log_new (G_OBJECT (relationship));
      mfm_relationship_set_field_value (relationship, field, value);
      g_assert_cmpuint (mfm_relationship_get_field_value (relationship, field), ==, value);
      g_assert_cmpuint (getters[field] (relationship), ==, value);
      g_object_get (relationship, mfm_field_get_property (field), &read, NULL);
      g_assert_cmpuint (read, ==, value);
      g_assert_cmpuint (notify_count (log, mfm_field_get_property (field)), ==, 1);
      /* The same value again notifies nothing. */
      mfm_relationship_set_field_value (relationship, field, value);
      g_assert_cmpuint (notify_count (log, mfm_field_get_property (field)), ==, 1);
      g_signal_handlers_disconnect_by_data (relationship, log);
      notify_log_free (log);

      g_object_set (relationship, mfm_field_get_property (field), value + 1, NULL);
      g_assert_cmpuint (mfm_relationship_get_field_value (relationship, field), ==, value + 1);

      /* Copy and compare follow every numeric field. */
      {
        g_autoptr(MfmRelationship) copy = mfm_relationship_copy (relationship);

        g_assert_true (mfm_relationship_equal_settings (copy, relationship));
        mfm_relationship_set_field_value (copy, field, value + 2);
        g_assert_false (mfm_relationship_equal_settings (copy, relationship));
        mfm_relationship_update_from (relationship, copy);
        g_assert_cmpuint (mfm_relationship_get_field_value (relationship, field), ==, value + 2);
      }
    }
}

static void
test_field_format (void)
{
  g_autofree char *port = mfm_field_format_number (MFM_FIELD_PORT, 647);
  g_autofree char *mclt = mfm_field_format_number (MFM_FIELD_MCLT, 3600);
  g_autofree char *short_delay = mfm_field_format_number (MFM_FIELD_MAX_RESPONSE_DELAY, 59);
  g_autofree char *long_mclt = mfm_field_format_number (MFM_FIELD_MCLT, 90061);
  g_autofree char *percentage = mfm_field_format_number (MFM_FIELD_PERCENTAGE, 50);
  g_autofree char *updates = mfm_field_format_number (MFM_FIELD_MAX_UNACKED_UPDATES, 10);

  g_assert_cmpstr (port, ==, "647");
  g_assert_cmpstr (mclt, ==, "3600 s (1 h)");
  g_assert_cmpstr (short_delay, ==, "59 s");
  g_assert_cmpstr (long_mclt, ==, "90061 s (1 day 1 h 1 min 1 s)");
  g_assert_cmpstr (percentage, ==, "50 % (split 128)");
  g_assert_cmpstr (updates, ==, "10");
}

static void
test_server_name_without_dot (void)
{
  struct
  {
    const char *name;
    const char *bare;
  } cases[] = {
    { "dc1.example.com.", "dc1.example.com" },
    { "dc1.example.com", "dc1.example.com" },
    { "DC1.Example.COM.", "DC1.Example.COM" },
    { ".", "." },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *bare = mfm_server_name_without_dot (cases[i].name);

      g_assert_cmpstr (bare, ==, cases[i].bare);
    }
  g_assert_null (mfm_server_name_without_dot (NULL));
}

static void
test_split_percentage (void)
{
  for (guint p = 0; p <= 100; p++)
    {
      guint split = mfm_percentage_to_split (p);

      g_assert_cmpuint (split, <=, 256);
      g_assert_cmpuint (mfm_split_to_percentage (split), ==, p);
      /* Really the nearest of the 257 splits. */
      g_assert_cmpfloat (ABS ((double) split - 256.0 * p / 100.0), <=, 0.5);
    }

  g_assert_cmpuint (mfm_percentage_to_split (50), ==, 128);
  g_assert_cmpuint (mfm_split_to_percentage (128), ==, 50);
  g_assert_cmpuint (mfm_percentage_to_split (25), ==, 64);
  g_assert_cmpuint (mfm_split_to_percentage (64), ==, 25);
  g_assert_cmpuint (mfm_percentage_to_split (33), ==, 84);
  g_assert_cmpuint (mfm_split_to_percentage (84), ==, 33);
  g_assert_cmpuint (mfm_percentage_to_split (100), ==, 256);
  g_assert_cmpuint (mfm_split_to_percentage (256), ==, 100);
  g_assert_cmpuint (mfm_percentage_to_split (0), ==, 0);
  g_assert_cmpuint (mfm_split_to_percentage (0), ==, 0);
  g_assert_cmpuint (mfm_split_to_percentage (255), ==, 100);
  g_assert_cmpuint (mfm_split_to_percentage (1), ==, 0);
}

static void
test_server (void)
{
  g_autoptr(MfmServer) server = mfm_server_new ("dhcpServers/1", "dc1.example.com.", "10.0.0.1", "ISC", "OK");
  g_autoptr(MfmServer) other = mfm_server_new ("dhcpServers/1", "dc1.example.com.", "10.0.0.9", "ISC", "Unreachable");
  g_autofree char *ref = NULL;
  gboolean is_isc = FALSE;
  NotifyLog *log;

  g_assert_cmpstr (mfm_server_get_ref (server), ==, "dhcpServers/1");
  g_assert_cmpstr (mfm_server_get_display_name (server), ==, "dc1.example.com");
  g_assert_true (mfm_server_is_isc (server));
  g_assert_true (mfm_server_get_enabled (server));
  g_object_get (server, "ref", &ref, "is-isc", &is_isc, NULL);
  g_assert_cmpstr (ref, ==, "dhcpServers/1");
  g_assert_true (is_isc);

  log = notify_log_new (server);
  mfm_server_set_address (server, "10.0.0.1");
  mfm_server_set_state (server, "OK");
  mfm_server_set_enabled (server, TRUE);
  mfm_server_set_relationship_count (server, 0);
  g_assert_cmpuint (notify_total (log), ==, 0);

  mfm_server_set_state (server, "Service Down");
  mfm_server_set_relationship_count (server, 3);
  mfm_server_set_enabled (server, FALSE);
  g_assert_cmpuint (notify_count (log, "state"), ==, 1);
  g_assert_cmpuint (notify_count (log, "relationship-count"), ==, 1);
  g_assert_cmpuint (notify_count (log, "enabled"), ==, 1);
  g_assert_cmpuint (notify_total (log), ==, 3);

  notify_log_reset (log);
  g_object_set (server, "server-type", "MSDHCP", NULL);
  g_assert_cmpuint (notify_count (log, "server-type"), ==, 1);
  g_assert_cmpuint (notify_count (log, "is-isc"), ==, 1);
  g_assert_false (mfm_server_is_isc (server));
  g_object_set (server, "server-type", "KEA DHCPv4", NULL);
  g_assert_cmpuint (notify_count (log, "is-isc"), ==, 1);

  /* update_from: only what differs notifies; the count belongs to the inventory. */
  notify_log_reset (log);
  g_object_set (server, "server-type", "ISC", NULL);
  mfm_server_set_enabled (server, TRUE);
  notify_log_reset (log);
  mfm_server_update_from (server, other);
  g_assert_cmpuint (notify_count (log, "address"), ==, 1);
  g_assert_cmpuint (notify_count (log, "state"), ==, 1);
  g_assert_cmpuint (notify_total (log), ==, 2);
  g_assert_cmpstr (mfm_server_get_address (server), ==, "10.0.0.9");
  g_assert_cmpuint (mfm_server_get_relationship_count (server), ==, 3);

  notify_log_reset (log);
  g_object_set (server, "name", "renamed.example.com.", NULL);
  g_assert_cmpstr (mfm_server_get_display_name (server), ==, "renamed.example.com");
  notify_log_free (log);
}

/* The generation changes with every change of a text a search reads (the name and the
 * address of a server; the name and the two sides of a relationship), and with nothing else. */
static void
test_generation (void)
{
  g_autoptr(MfmServer) server = mfm_server_new ("dhcpServers/1", "dhcp1.example.com.", "10.0.0.1", "ISC", "OK");
  g_autoptr(MfmServer) moved = mfm_server_new ("dhcpServers/1", "dhcp1.example.com.", "10.0.0.2", "ISC", "OK");
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  guint generation = mfm_server_get_generation (server);

  mfm_server_set_state (server, "Unreachable");
  mfm_server_set_relationship_count (server, 4);
  g_object_set (server, "name", "dhcp1.example.com.", NULL);
  g_assert_cmpuint (mfm_server_get_generation (server), ==, generation);
  g_object_set (server, "name", "renamed.example.com.", NULL);
  g_assert_cmpuint (mfm_server_get_generation (server), !=, generation);
  generation = mfm_server_get_generation (server);
  mfm_server_set_address (server, "10.0.0.9");
  g_assert_cmpuint (mfm_server_get_generation (server), !=, generation);
  generation = mfm_server_get_generation (server);
  /* A refresh that moves it in place. */
  g_object_set (moved, "name", "renamed.example.com.", NULL);
  mfm_server_update_from (server, moved);
  g_assert_cmpstr (mfm_server_get_address (server), ==, "10.0.0.2");
  g_assert_cmpuint (mfm_server_get_generation (server), !=, generation);

  mfm_relationship_set_name (relationship, "rel1");
  mfm_relationship_set_primary_server (relationship, "dhcp1.example.com.");
  mfm_relationship_set_secondary_server (relationship, "dhcp2.example.com.");
  generation = mfm_relationship_get_generation (relationship);
  mfm_relationship_set_state (relationship, "communications-interrupted");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/3");
  g_assert_cmpuint (mfm_relationship_get_generation (relationship), ==, generation);
  mfm_relationship_set_name (relationship, "rel2");
  g_assert_cmpuint (mfm_relationship_get_generation (relationship), !=, generation);
  generation = mfm_relationship_get_generation (relationship);
  mfm_relationship_set_primary_server (relationship, "dhcp3.example.com.");
  g_assert_cmpuint (mfm_relationship_get_generation (relationship), !=, generation);
  generation = mfm_relationship_get_generation (relationship);
  mfm_relationship_set_secondary_server (relationship, "dhcp4.example.com.");
  g_assert_cmpuint (mfm_relationship_get_generation (relationship), !=, generation);
}

static void
test_scope (void)
{
  g_autoptr(MfmScope) scope = mfm_scope_new ("dhcpScopes/7", "Office", "dhcpServers/1", "10.1.20.0/24");
  g_autoptr(MfmScope) copy = NULL;
  g_autofree char *network = NULL;
  g_autofree char *netmask = NULL;
  NotifyLog *log = notify_log_new (scope);
  const struct { const char *subnet; const char *network; const char *netmask; } good[] = {
    { "10.1.20.0/24", "10.1.20.0", "255.255.255.0" },
    { "10.1.20.77/24", "10.1.20.0", "255.255.255.0" },
    { "172.16.0.0/12", "172.16.0.0", "255.240.0.0" },
    { "192.168.1.128/25", "192.168.1.128", "255.255.255.128" },
    { "10.0.0.1/32", "10.0.0.1", "255.255.255.255" },
    { "0.0.0.0/0", "0.0.0.0", "0.0.0.0" },
  };
  const char *bad[] = { "10.1.20.0", "10.1.20.0/33", "10.1.256.0/24", "10.1.20/24", "fe80::/64",
                        "10.1.20.0/", "10.1.20.0/2x", "a.b.c.d/8", "", "10.1.20.0.1/24" };

  g_assert_cmpuint (mfm_scope_get_pool_count (scope), ==, 0);
  g_assert_null (mfm_scope_get_relationship_name (scope));

  mfm_scope_add_pool (scope, "10.1.20.100", "10.1.20.149", NULL);
  g_assert_cmpuint (notify_count (log, "pool-count"), ==, 1);
  g_assert_cmpuint (notify_count (log, "relationship-name"), ==, 0);
  mfm_scope_add_pool (scope, "10.1.20.150", "10.1.20.199", "dc1-dc2");
  g_assert_cmpuint (notify_count (log, "pool-count"), ==, 2);
  g_assert_cmpuint (notify_count (log, "relationship-name"), ==, 1);
  g_assert_cmpstr (mfm_scope_get_relationship_name (scope), ==, "dc1-dc2");

  mfm_scope_set_failover_peer (scope, "other");
  g_assert_cmpuint (notify_count (log, "relationship-name"), ==, 2);
  for (guint i = 0; i < mfm_scope_get_pools (scope)->len; i++)
    g_assert_cmpstr (((MfmAddressPool *) g_ptr_array_index (mfm_scope_get_pools (scope), i))->failover_peer, ==, "other");
  mfm_scope_set_failover_peer (scope, "other");
  g_assert_cmpuint (notify_count (log, "relationship-name"), ==, 2);

  copy = mfm_scope_copy (scope);
  g_assert_cmpuint (mfm_scope_get_pool_count (copy), ==, 2);
  g_assert_cmpstr (mfm_scope_get_relationship_name (copy), ==, "other");
  mfm_scope_set_failover_peer (scope, NULL);
  g_assert_null (mfm_scope_get_relationship_name (scope));
  g_assert_cmpstr (mfm_scope_get_relationship_name (copy), ==, "other");

  notify_log_reset (log);
  mfm_scope_set_description (scope, "Second floor");
  mfm_scope_set_description (scope, "Second floor");
  mfm_scope_set_enabled (scope, FALSE);
  mfm_scope_set_enabled (scope, FALSE);
  g_assert_cmpuint (notify_count (log, "description"), ==, 1);
  g_assert_cmpuint (notify_count (log, "enabled"), ==, 1);

  /* update_from takes the pools and notifies what changed. */
  notify_log_reset (log);
  mfm_scope_update_from (scope, copy);
  g_assert_cmpstr (mfm_scope_get_relationship_name (scope), ==, "other");
  g_assert_cmpuint (notify_count (log, "relationship-name"), ==, 1);
  g_assert_cmpuint (notify_count (log, "pool-count"), ==, 0);
  g_assert_cmpuint (notify_count (log, "description"), ==, 1);
  g_assert_cmpuint (notify_count (log, "enabled"), ==, 1);

  mfm_scope_clear_pools (scope);
  g_assert_cmpuint (mfm_scope_get_pool_count (scope), ==, 0);
  g_assert_null (mfm_scope_get_relationship_name (scope));

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_clear_pointer (&network, g_free);
      g_clear_pointer (&netmask, g_free);
      g_object_set (scope, "subnet", good[i].subnet, NULL);
      g_assert_true (mfm_scope_get_network (scope, &network, &netmask));
      g_assert_cmpstr (network, ==, good[i].network);
      g_assert_cmpstr (netmask, ==, good[i].netmask);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_object_set (scope, "subnet", bad[i], NULL);
      g_assert_false (mfm_scope_get_network (scope, NULL, NULL));
    }

  notify_log_free (log);
}

static MfmRelationship *
make_relationship (const char *name,
                   const char *primary_ref,
                   const char *secondary_ref)
{
  MfmRelationship *relationship = mfm_relationship_new ();

  g_object_set (relationship,
                "name", name,
                "primary-server-ref", primary_ref,
                "secondary-server-ref", secondary_ref,
                NULL);

  return relationship;
}

/* Counts the notifications of every relationship, whoever listens or not: every one passes
 * through the class's dispatch_properties_changed, which the test wraps. */
static guint n_relationship_notify;
static void (*relationship_dispatch) (GObject *object, guint n_pspecs, GParamSpec **pspecs);

static void
count_relationship_dispatch (GObject     *object,
                             guint        n_pspecs,
                             GParamSpec **pspecs)
{
  n_relationship_notify += n_pspecs;
  relationship_dispatch (object, n_pspecs, pspecs);
}

/* Every readable property of @a and @b is the same. */
static void
assert_same_properties (GObject *a,
                        GObject *b)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (a), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value_a = G_VALUE_INIT;
      g_auto(GValue) value_b = G_VALUE_INIT;

      if (!(pspecs[i]->flags & G_PARAM_READABLE))
        continue;
      g_value_init (&value_a, pspecs[i]->value_type);
      g_value_init (&value_b, pspecs[i]->value_type);
      g_object_get_property (a, pspecs[i]->name, &value_a);
      g_object_get_property (b, pspecs[i]->name, &value_b);
      /* A boxed value (the scope refs) by its contents, not its pointer. */
      if (G_VALUE_HOLDS (&value_a, G_TYPE_STRV)
          ? !mfm_strv_equal0 (g_value_get_boxed (&value_a), g_value_get_boxed (&value_b)) ||
            (g_value_get_boxed (&value_a) == NULL) != (g_value_get_boxed (&value_b) == NULL)
          : g_param_values_cmp (pspecs[i], &value_a, &value_b) != 0)
        {
          g_autofree char *text_a = g_strdup_value_contents (&value_a);
          g_autofree char *text_b = g_strdup_value_contents (&value_b);

          g_error ("Property “%s” differs: %s and %s", pspecs[i]->name, text_a, text_b);
        }
    }
}

/* A relationship as listed, built in one step, is the object the setters build, field for
 * field, and sends no notification while it is built. */
static void
test_relationship_listed (void)
{
  const char *refs[] = { "dhcpScopes/1", "dhcpScopes/2", NULL };
  const char *no_refs[] = { NULL };
  guint numbers[MFM_N_FIELDS] = { 0 };
  GObjectClass *klass = g_type_class_ref (MFM_TYPE_RELATIONSHIP);

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    numbers[field] = mfm_field_is_number (field) ? 1000 + field : 77;

  relationship_dispatch = klass->dispatch_properties_changed;
  klass->dispatch_properties_changed = count_relationship_dispatch;

  for (guint round = 0; round < 2; round++)
    {
      gboolean known = round == 0;
      const char *name = known ? "dc1-dc2" : "empty";
      const char *primary = known ? "dc1.example.com." : NULL;
      const char *secondary = known ? "dc2.example.com." : NULL;
      const char *primary_ref = known ? "dhcpServers/1" : NULL;
      const char *secondary_ref = known ? "dhcpServers/2" : NULL;
      const char *mode = known ? "LoadBalance" : NULL;
      const char *state = known ? "communications-interrupted" : NULL;
      const char * const *scope_refs = known ? refs : no_refs;
      g_autoptr(MfmRelationship) expected = mfm_relationship_new ();
      g_autoptr(MfmRelationship) listed = NULL;
      guint expected_notify;

      n_relationship_notify = 0;
      mfm_relationship_set_name (expected, name);
      mfm_relationship_set_primary_server (expected, primary);
      mfm_relationship_set_secondary_server (expected, secondary);
      mfm_relationship_set_primary_server_ref (expected, primary_ref);
      mfm_relationship_set_secondary_server_ref (expected, secondary_ref);
      mfm_relationship_set_failover_mode (expected, mode);
      for (MfmField field = 0; field < MFM_N_FIELDS; field++)
        if (mfm_field_is_number (field))
          mfm_relationship_set_field_value (expected, field, numbers[field]);
      mfm_relationship_set_state (expected, state);
      mfm_relationship_set_scope_refs (expected, scope_refs);
      expected_notify = n_relationship_notify;
      /* The counter sees the setters' notifications, so it would see the constructor's. */
      g_assert_cmpuint (expected_notify, >, 0);

      n_relationship_notify = 0;
      listed = mfm_relationship_new_listed (name, primary, secondary, primary_ref, secondary_ref,
                                            mode, state, numbers, scope_refs);
      g_assert_cmpuint (n_relationship_notify, ==, 0);

      g_assert_true (mfm_relationship_same_as (listed, expected));
      g_assert_true (mfm_relationship_equal_settings (listed, expected));
      assert_same_properties (G_OBJECT (listed), G_OBJECT (expected));
      for (MfmField field = 0; field < MFM_N_FIELDS; field++)
        if (mfm_field_is_number (field))
          g_assert_cmpuint (mfm_relationship_get_field_value (listed, field), ==, 1000 + field);
      g_assert_cmpstr (mfm_relationship_get_name (listed), ==, name);
      g_assert_cmpstr (mfm_relationship_get_primary_server (listed), ==, primary);
      g_assert_cmpstr (mfm_relationship_get_secondary_server (listed), ==, secondary);
      g_assert_cmpstr (mfm_relationship_get_primary_server_ref (listed), ==, primary_ref);
      g_assert_cmpstr (mfm_relationship_get_secondary_server_ref (listed), ==, secondary_ref);
      g_assert_cmpstr (mfm_relationship_get_failover_mode (listed), ==, mode);
      g_assert_cmpstr (mfm_relationship_get_state (listed), ==, state);
      g_assert_cmpint (mfm_relationship_get_failover_state (listed), ==,
                       known ? MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED
                             : MFM_FAILOVER_STATE_UNKNOWN);
      g_assert_cmpuint (mfm_relationship_get_scope_count (listed), ==, known ? 2 : 0);
      g_assert_true (g_strv_equal (mfm_relationship_get_scope_refs (listed), scope_refs));
      g_assert_cmpint (mfm_relationship_get_pending_state (listed), ==, MFM_PENDING_NONE);
      g_assert_null (mfm_relationship_get_staged (listed));

      /* Its own copies of the texts: the caller's may be freed at once. */
      if (known)
        g_assert_true (mfm_relationship_get_scope_refs (listed)[0] != refs[0]);
    }

  klass->dispatch_properties_changed = relationship_dispatch;
  g_type_class_unref (klass);
}

static guint n_scope_notify;
static void (*scope_dispatch) (GObject *object, guint n_pspecs, GParamSpec **pspecs);

static void
count_scope_dispatch (GObject     *object,
                      guint        n_pspecs,
                      GParamSpec **pspecs)
{
  n_scope_notify += n_pspecs;
  scope_dispatch (object, n_pspecs, pspecs);
}

/* A new scope has the fields it was given, as if each property had been set, without a
 * notification. */
static void
test_scope_new (void)
{
  GObjectClass *klass = g_type_class_ref (MFM_TYPE_SCOPE);

  scope_dispatch = klass->dispatch_properties_changed;
  klass->dispatch_properties_changed = count_scope_dispatch;

  for (guint round = 0; round < 2; round++)
    {
      const char *ref = round == 0 ? "dhcpScopes/7" : NULL;
      const char *name = round == 0 ? "Office" : NULL;
      const char *server_ref = round == 0 ? "dhcpServers/1" : NULL;
      const char *subnet = round == 0 ? "10.1.20.0/24" : NULL;
      g_autoptr(MfmScope) expected = NULL;
      g_autoptr(MfmScope) scope = NULL;

      n_scope_notify = 0;
      expected = g_object_new (MFM_TYPE_SCOPE, "ref", ref, "name", name, "server-ref", server_ref,
                               "subnet", subnet, NULL);
      /* The counter sees what setting the properties notifies. */
      if (round == 0)
        g_assert_cmpuint (n_scope_notify, >, 0);

      n_scope_notify = 0;
      scope = mfm_scope_new (ref, name, server_ref, subnet);
      g_assert_cmpuint (n_scope_notify, ==, 0);
      assert_same_properties (G_OBJECT (scope), G_OBJECT (expected));
      g_assert_cmpstr (mfm_scope_get_ref (scope), ==, ref);
      g_assert_cmpstr (mfm_scope_get_name (scope), ==, name);
      g_assert_cmpstr (mfm_scope_get_server_ref (scope), ==, server_ref);
      g_assert_cmpstr (mfm_scope_get_subnet (scope), ==, subnet);
      g_assert_null (mfm_scope_get_description (scope));
      g_assert_null (mfm_scope_get_range_ref (scope));
      g_assert_true (mfm_scope_get_enabled (scope));
      g_assert_cmpuint (mfm_scope_get_pool_count (scope), ==, 0);
    }

  klass->dispatch_properties_changed = scope_dispatch;
  g_type_class_unref (klass);
}

static void
test_relationship (void)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  g_autoptr(MfmRelationship) other = NULL;
  const char *refs[] = { "dhcpScopes/1", "dhcpScopes/2", NULL };
  const char *same_count[] = { "dhcpScopes/1", "dhcpScopes/3", NULL };
  MfmFailoverState failover_state;
  g_autofree char *label = NULL;
  guint split = 0;
  NotifyLog *log;

  /* The defaults Micetro proposes for a new relationship. */
  g_assert_cmpuint (mfm_relationship_get_port (relationship), ==, 647);
  g_assert_cmpuint (mfm_relationship_get_peer_port (relationship), ==, 647);
  g_assert_cmpuint (mfm_relationship_get_mclt (relationship), ==, 3600);
  g_assert_cmpuint (mfm_relationship_get_max_response_delay (relationship), ==, 60);
  g_assert_cmpuint (mfm_relationship_get_load_balance_max_seconds (relationship), ==, 3);
  g_assert_cmpuint (mfm_relationship_get_max_unacked_updates (relationship), ==, 10);
  g_assert_cmpuint (mfm_relationship_get_percentage (relationship), ==, 50);
  g_assert_cmpuint (mfm_relationship_get_split (relationship), ==, 128);
  g_assert_cmpstr (mfm_relationship_get_failover_mode (relationship), ==, "LoadBalance");
  g_assert_cmpint (mfm_relationship_get_failover_state (relationship), ==, MFM_FAILOVER_STATE_UNKNOWN);
  g_assert_cmpuint (mfm_relationship_get_scope_count (relationship), ==, 0);
  g_assert_nonnull (mfm_relationship_get_scope_refs (relationship));
  g_assert_null (mfm_relationship_get_scope_refs (relationship)[0]);

  log = notify_log_new (relationship);

  mfm_relationship_set_percentage (relationship, 25);
  g_assert_cmpuint (notify_count (log, "percentage"), ==, 1);
  g_assert_cmpuint (notify_count (log, "split"), ==, 1);
  g_object_get (relationship, "split", &split, NULL);
  g_assert_cmpuint (split, ==, 64);
  mfm_relationship_set_percentage (relationship, 25);
  g_assert_cmpuint (notify_count (log, "percentage"), ==, 1);

  notify_log_reset (log);
  mfm_relationship_set_port (relationship, 647);
  mfm_relationship_set_mclt (relationship, 3600);
  mfm_relationship_set_name (relationship, NULL);
  mfm_relationship_set_pending_state (relationship, MFM_PENDING_NONE);
  g_assert_cmpuint (notify_total (log), ==, 0);

  g_object_set (relationship, "mclt", 1800, "port", 519, "peer-port", 520,
                "max-response-delay", 30, "load-balance-max-seconds", 5,
                "max-unacked-updates", 12, NULL);
  g_assert_cmpuint (notify_total (log), ==, 6);
  g_assert_cmpuint (mfm_relationship_get_peer_port (relationship), ==, 520);

  notify_log_reset (log);
  mfm_relationship_set_state (relationship, "Normal");
  g_assert_cmpuint (notify_count (log, "state"), ==, 1);
  g_assert_cmpuint (notify_count (log, "failover-state"), ==, 1);
  g_assert_cmpuint (notify_count (log, "state-label"), ==, 1);
  g_object_get (relationship, "failover-state", &failover_state, "state-label", &label, NULL);
  g_assert_cmpint (failover_state, ==, MFM_FAILOVER_STATE_NORMAL);
  g_assert_cmpstr (label, ==, "Normal");
  /* Different text, same state: only "state" moves. */
  mfm_relationship_set_state (relationship, "normal");
  g_assert_cmpuint (notify_count (log, "state"), ==, 2);
  g_assert_cmpuint (notify_count (log, "failover-state"), ==, 1);

  notify_log_reset (log);
  mfm_relationship_set_scope_refs (relationship, refs);
  g_assert_cmpuint (notify_count (log, "scope-refs"), ==, 1);
  g_assert_cmpuint (notify_count (log, "scope-count"), ==, 1);
  mfm_relationship_set_scope_refs (relationship, refs);
  g_assert_cmpuint (notify_count (log, "scope-refs"), ==, 1);
  mfm_relationship_set_scope_refs (relationship, same_count);
  g_assert_cmpuint (notify_count (log, "scope-refs"), ==, 2);
  g_assert_cmpuint (notify_count (log, "scope-count"), ==, 1);
  g_assert_true (mfm_relationship_has_scope (relationship, "dhcpScopes/3"));
  g_assert_false (mfm_relationship_has_scope (relationship, "dhcpScopes/2"));
  g_assert_cmpuint (mfm_relationship_get_scope_count (relationship), ==, 2);

  notify_log_reset (log);
  mfm_relationship_set_pending_state (relationship, MFM_PENDING_MODIFIED);
  g_assert_cmpuint (notify_count (log, "pending-state"), ==, 1);

  /* Copies are equal in settings and independent. */
  g_object_set (relationship, "name", "dc1-dc2", "primary-server-ref", "dhcpServers/1",
                "secondary-server-ref", "dhcpServers/2", NULL);
  other = mfm_relationship_copy (relationship);
  g_assert_true (mfm_relationship_equal_settings (relationship, other));
  g_assert_cmpuint (mfm_relationship_get_scope_count (other), ==, 2);
  g_assert_cmpint (mfm_relationship_get_pending_state (other), ==, MFM_PENDING_MODIFIED);
  mfm_relationship_set_state (other, "Partner down");
  g_assert_true (mfm_relationship_equal_settings (relationship, other));
  mfm_relationship_set_max_unacked_updates (other, 10);
  g_assert_false (mfm_relationship_equal_settings (relationship, other));
  g_assert_cmpuint (mfm_relationship_get_max_unacked_updates (relationship), ==, 12);

  /* update_from notifies only what differs and keeps the pending state. */
  notify_log_reset (log);
  mfm_relationship_set_pending_state (other, MFM_PENDING_NONE);
  mfm_relationship_update_from (relationship, other);
  g_assert_cmpuint (notify_count (log, "max-unacked-updates"), ==, 1);
  g_assert_cmpuint (notify_count (log, "state"), ==, 1);
  g_assert_cmpuint (notify_count (log, "failover-state"), ==, 1);
  g_assert_cmpuint (notify_count (log, "state-label"), ==, 1);
  g_assert_cmpuint (notify_count (log, "mclt"), ==, 0);
  g_assert_cmpuint (notify_count (log, "pending-state"), ==, 0);
  g_assert_cmpuint (notify_total (log), ==, 4);
  g_assert_cmpint (mfm_relationship_get_pending_state (relationship), ==, MFM_PENDING_MODIFIED);

  g_assert_true (mfm_relationship_involves (relationship, "dhcpServers/1"));
  g_assert_true (mfm_relationship_involves (relationship, "dhcpServers/2"));
  g_assert_false (mfm_relationship_involves (relationship, "dhcpServers/3"));
  g_assert_false (mfm_relationship_involves (relationship, NULL));

  notify_log_free (log);
}

static MfmInventory *
make_inventory (void)
{
  MfmInventory *inventory = mfm_inventory_new ();
  g_autoptr(MfmServer) a = mfm_server_new ("dhcpServers/1", "dc1.example.com.", "10.0.0.1", "ISC", "OK");
  g_autoptr(MfmServer) b = mfm_server_new ("dhcpServers/2", "dc2.example.com.", "10.0.0.2", "ISC", "OK");
  g_autoptr(MfmServer) c = mfm_server_new ("dhcpServers/3", "ms1.example.com.", "10.0.0.3", "MSDHCP", "OK");
  g_autoptr(MfmScope) s1 = mfm_scope_new ("dhcpScopes/1", "Office", "dhcpServers/1", "10.1.20.0/24");
  g_autoptr(MfmScope) s1_copy = mfm_scope_new ("dhcpScopes/11", "Office", "dhcpServers/2", "10.1.20.0/24");
  g_autoptr(MfmScope) s2 = mfm_scope_new ("dhcpScopes/2", "Lab", "dhcpServers/1", "10.1.30.0/24");
  g_autoptr(MfmRelationship) r1 = make_relationship ("dc1-dc2", "dhcpServers/1", "dhcpServers/2");
  g_autoptr(MfmRelationship) r2 = make_relationship ("dc1-dc2-b", "dhcpServers/1", "dhcpServers/2");

  mfm_inventory_add_server (inventory, a);
  mfm_inventory_add_server (inventory, b);
  mfm_inventory_add_server (inventory, c);
  mfm_inventory_add_scope (inventory, s1);
  mfm_inventory_add_scope (inventory, s1_copy);
  mfm_inventory_add_scope (inventory, s2);
  mfm_inventory_add_relationship (inventory, r1);
  mfm_inventory_add_relationship (inventory, r2);

  return inventory;
}

typedef struct
{
  guint removed;
  guint added;
  guint signals;
} ItemsLog;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  ItemsLog   *log)
{
  log->removed += removed;
  log->added += added;
  log->signals++;
}

static void
test_inventory_lookups (void)
{
  g_autoptr(MfmInventory) inventory = make_inventory ();
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  MfmScope *office = mfm_inventory_lookup_scope (inventory, "dhcpScopes/1");
  MfmRelationship *relationship = mfm_inventory_lookup_relationship (inventory, "dc1-dc2");

  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_relationships (inventory)), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_scopes (inventory)), ==, 3);
  g_assert_cmpstr (mfm_server_get_address (mfm_inventory_lookup_server (inventory, "dhcpServers/2")), ==, "10.0.0.2");
  g_assert_null (mfm_inventory_lookup_server (inventory, "dhcpServers/9"));
  g_assert_true (mfm_inventory_lookup_server_by_name (inventory, "dc2.example.com.") ==
                 mfm_inventory_lookup_server (inventory, "dhcpServers/2"));
  g_assert_true (mfm_inventory_lookup_server_by_name (inventory, "DC2.example.com") ==
                 mfm_inventory_lookup_server (inventory, "dhcpServers/2"));
  g_assert_null (mfm_inventory_lookup_server_by_name (inventory, "dc9.example.com"));

  /* A renamed server is found by its new name only. */
  {
    g_autoptr(MfmServer) renamed = mfm_server_new ("dhcpServers/3", "ms2.example.com.", "10.0.0.3", "MSDHCP", "OK");
    MfmServer *kept = mfm_inventory_add_server (inventory, renamed);

    g_assert_true (kept == mfm_inventory_lookup_server (inventory, "dhcpServers/3"));
    g_assert_true (kept != renamed);
    g_assert_true (mfm_inventory_lookup_server_by_name (inventory, "ms2.example.com") == kept);
    g_assert_null (mfm_inventory_lookup_server_by_name (inventory, "ms1.example.com."));
  }
  g_assert_nonnull (relationship);
  g_assert_true (mfm_inventory_lookup_primary_server (inventory, relationship) ==
                 mfm_inventory_lookup_server (inventory, "dhcpServers/1"));
  g_assert_true (mfm_inventory_lookup_secondary_server (inventory, relationship) ==
                 mfm_inventory_lookup_server (inventory, "dhcpServers/2"));

  g_assert_true (mfm_inventory_lookup_scope_copy (inventory, office, "dhcpServers/2") ==
                 mfm_inventory_lookup_scope (inventory, "dhcpScopes/11"));
  g_assert_null (mfm_inventory_lookup_scope_copy (inventory, office, "dhcpServers/3"));

  /* The index follows a scope edited in place. */
  g_object_set (mfm_inventory_lookup_scope (inventory, "dhcpScopes/11"), "subnet", "10.1.21.0/24", NULL);
  g_assert_null (mfm_inventory_lookup_scope_copy (inventory, office, "dhcpServers/2"));
  g_object_set (mfm_inventory_lookup_scope (inventory, "dhcpScopes/11"), "subnet", "10.1.20.0/24", NULL);
  g_assert_true (mfm_inventory_lookup_scope_copy (inventory, office, "dhcpServers/2") ==
                 mfm_inventory_lookup_scope (inventory, "dhcpScopes/11"));

  scopes = mfm_inventory_get_scopes_for_server (inventory, "dhcpServers/1");
  g_assert_cmpuint (scopes->len, ==, 2);
  relationships = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/2");
  g_assert_cmpuint (relationships->len, ==, 2);
  g_clear_pointer (&relationships, g_ptr_array_unref);
  relationships = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/3");
  g_assert_cmpuint (relationships->len, ==, 0);

  mfm_inventory_update_counts (inventory);
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (inventory, "dhcpServers/1")), ==, 2);
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (inventory, "dhcpServers/2")), ==, 2);
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (inventory, "dhcpServers/3")), ==, 0);

  g_assert_true (mfm_inventory_remove_relationship (inventory, "dc1-dc2-b"));
  g_assert_false (mfm_inventory_remove_relationship (inventory, "dc1-dc2-b"));
  g_assert_null (mfm_inventory_lookup_relationship (inventory, "dc1-dc2-b"));
  g_assert_true (mfm_inventory_remove_scope (inventory, "dhcpScopes/11"));
  g_assert_false (mfm_inventory_remove_scope (inventory, "dhcpScopes/11"));
  g_assert_null (mfm_inventory_lookup_scope_copy (inventory, office, "dhcpServers/2"));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_scopes (inventory)), ==, 2);
}

static void
test_inventory_indexes (void)
{
  g_autoptr(MfmInventory) inventory = make_inventory ();
  g_autoptr(MfmRelationship) by_name = mfm_relationship_new ();
  g_autoptr(GPtrArray) list = NULL;
  MfmRelationship *r1 = mfm_inventory_lookup_relationship (inventory, "dc1-dc2");
  MfmScope *lab = mfm_inventory_lookup_scope (inventory, "dhcpScopes/2");

  /* Warm the indexes, then change things underneath them. */
  list = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/3");
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Older Micetro versions name the servers without refs. */
  g_object_set (by_name, "name", "named", "primary-server", "ms1.example.com",
                "secondary-server", "dc2.example.com.", NULL);
  mfm_inventory_add_relationship (inventory, by_name);
  list = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/3");
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (g_ptr_array_index (list, 0) == by_name);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/2");
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A relationship edited in place moves to its new server. */
  mfm_relationship_set_secondary_server_ref (r1, "dhcpServers/3");
  list = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/3");
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_true (g_ptr_array_index (list, 0) == r1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/2");
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (mfm_inventory_remove_relationship (inventory, "named"));
  list = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/3");
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Scopes per server follow moves and removals. */
  list = mfm_inventory_get_scopes_for_server (inventory, "dhcpServers/1");
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_object_set (lab, "server-ref", "dhcpServers/3", NULL);
  list = mfm_inventory_get_scopes_for_server (inventory, "dhcpServers/1");
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = mfm_inventory_get_scopes_for_server (inventory, "dhcpServers/3");
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (g_ptr_array_index (list, 0) == lab);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_true (mfm_inventory_remove_scope (inventory, "dhcpScopes/2"));
  list = mfm_inventory_get_scopes_for_server (inventory, "dhcpServers/3");
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Added after the index was built: found without a rebuild. */
  {
    g_autoptr(MfmScope) late = mfm_scope_new ("dhcpScopes/9", "Late", "dhcpServers/1", "10.1.90.0/24");
    g_autoptr(MfmScope) late_copy = mfm_scope_new ("dhcpScopes/19", "Late", "dhcpServers/2", "10.1.90.0/24");

    mfm_inventory_add_scope (inventory, late);
    mfm_inventory_add_scope (inventory, late_copy);
    g_assert_true (mfm_inventory_lookup_scope_copy (inventory, late, "dhcpServers/2") == late_copy);
    list = mfm_inventory_get_scopes_for_server (inventory, "dhcpServers/1");
    g_assert_cmpuint (list->len, ==, 2);
    g_assert_true (g_ptr_array_index (list, 1) == late);
  }
}

static void
test_inventory_replace (void)
{
  g_autoptr(MfmInventory) inventory = make_inventory ();
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relationships = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) scopes = g_ptr_array_new_with_free_func (g_object_unref);
  MfmServer *dc1 = mfm_inventory_lookup_server (inventory, "dhcpServers/1");
  MfmRelationship *kept = mfm_inventory_lookup_relationship (inventory, "dc1-dc2");
  MfmScope *office = mfm_inventory_lookup_scope (inventory, "dhcpScopes/1");
  g_autoptr(MfmRelationship) fresh = make_relationship ("dc1-dc2", "dhcpServers/1", "dhcpServers/2");
  ItemsLog servers_log = { 0 };
  ItemsLog relationships_log = { 0 };
  NotifyLog *log = notify_log_new (kept);
  NotifyLog *server_log = notify_log_new (dc1);
  MfmServer *in_store;

  g_signal_connect (mfm_inventory_get_servers (inventory), "items-changed", G_CALLBACK (on_items_changed), &servers_log);
  g_signal_connect (mfm_inventory_get_relationships (inventory), "items-changed",
                    G_CALLBACK (on_items_changed), &relationships_log);

  /* A refresh: dc1 changed state, ms1 is gone, dc3 is new. */
  g_ptr_array_add (servers, mfm_server_new ("dhcpServers/1", "dc1.example.com.", "10.0.0.1", "ISC", "Unreachable"));
  g_ptr_array_add (servers, mfm_server_new ("dhcpServers/2", "dc2.example.com.", "10.0.0.2", "ISC", "OK"));
  g_ptr_array_add (servers, mfm_server_new ("dhcpServers/4", "dc3.example.com.", "10.0.0.4", "ISC", "OK"));
  mfm_inventory_replace_servers (inventory, servers);

  g_assert_true (mfm_inventory_lookup_server (inventory, "dhcpServers/1") == dc1);
  in_store = g_list_model_get_item (mfm_inventory_get_servers (inventory), 0);
  g_assert_true (in_store == dc1);
  g_object_unref (in_store);
  g_assert_cmpstr (mfm_server_get_state (dc1), ==, "Unreachable");
  g_assert_cmpuint (notify_count (server_log, "state"), ==, 1);
  g_assert_cmpuint (notify_count (server_log, "address"), ==, 0);
  g_assert_null (mfm_inventory_lookup_server (inventory, "dhcpServers/3"));
  g_assert_null (mfm_inventory_lookup_server_by_name (inventory, "ms1.example.com."));
  g_assert_nonnull (mfm_inventory_lookup_server_by_name (inventory, "dc3.example.com"));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (inventory)), ==, 3);
  g_assert_cmpuint (servers_log.removed, ==, 1);
  g_assert_cmpuint (servers_log.added, ==, 1);
  g_assert_cmpuint (mfm_server_get_relationship_count (dc1), ==, 2);

  /* Relationships: one kept (same object, only changed values notify), one dropped. */
  mfm_relationship_set_mclt (fresh, 1800);
  g_ptr_array_add (relationships, g_object_ref (fresh));
  mfm_inventory_replace_relationships (inventory, relationships);
  g_assert_true (mfm_inventory_lookup_relationship (inventory, "dc1-dc2") == kept);
  g_assert_cmpuint (mfm_relationship_get_mclt (kept), ==, 1800);
  g_assert_cmpuint (notify_count (log, "mclt"), ==, 1);
  g_assert_cmpuint (notify_total (log), ==, 1);
  g_assert_null (mfm_inventory_lookup_relationship (inventory, "dc1-dc2-b"));
  g_assert_cmpuint (relationships_log.removed, ==, 1);
  g_assert_cmpuint (relationships_log.added, ==, 0);
  g_assert_cmpuint (mfm_server_get_relationship_count (dc1), ==, 1);

  /* Replacing the same again changes nothing and emits nothing. */
  notify_log_reset (log);
  relationships_log.signals = 0;
  mfm_inventory_replace_relationships (inventory, relationships);
  g_assert_cmpuint (notify_total (log), ==, 0);
  g_assert_cmpuint (relationships_log.signals, ==, 0);

  /* Scopes of one server: the other server's scopes stay. */
  g_ptr_array_add (scopes, mfm_scope_new ("dhcpScopes/1", "Office", "dhcpServers/1", "10.1.20.0/24"));
  mfm_scope_add_pool (g_ptr_array_index (scopes, 0), "10.1.20.100", "10.1.20.199", "dc1-dc2");
  mfm_inventory_replace_scopes_for_server (inventory, "dhcpServers/1", scopes);
  g_assert_true (mfm_inventory_lookup_scope (inventory, "dhcpScopes/1") == office);
  g_assert_cmpuint (mfm_scope_get_pool_count (office), ==, 1);
  g_assert_null (mfm_inventory_lookup_scope (inventory, "dhcpScopes/2"));
  g_assert_nonnull (mfm_inventory_lookup_scope (inventory, "dhcpScopes/11"));
  g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_scopes (inventory)), ==, 2);

  notify_log_free (log);
  notify_log_free (server_log);
}

static void
test_inventory_replace_large (void)
{
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *servers = mfm_inventory_get_servers (inventory);

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", i);
      g_autofree char *name = g_strdup_printf ("s%u.example.com.", i);

      g_ptr_array_add (first, mfm_server_new (ref, name, "10.0.0.1", "ISC", "OK"));
      /* Every third one disappears on the second read. */
      if (i % 3 != 0)
        g_ptr_array_add (second, mfm_server_new (ref, name, "10.0.0.1", "ISC", "OK"));
    }

  mfm_inventory_replace_servers (inventory, first);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, 2000);
  mfm_inventory_replace_servers (inventory, second);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, second->len);

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      /* Order kept, the survivors are the very objects of the first read. */
      g_assert_cmpstr (mfm_server_get_ref (server), ==, mfm_server_get_ref (g_ptr_array_index (second, i)));
      g_assert_true (server == mfm_inventory_lookup_server (inventory, mfm_server_get_ref (server)));
      g_assert_true (g_ptr_array_find (first, server, NULL));
    }
}

/* A refresh reaches the views as one splice per store, removals and additions together, from
 * the first item removed onwards; the kept items are the very objects of the first read. */
static void
test_inventory_replace_one_splice (void)
{
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GPtrArray) first = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) second = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) third = NULL;
  g_autoptr(GPtrArray) relationships = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *servers = mfm_inventory_get_servers (inventory);
  ItemsLog log = { 0 };
  ItemsLog relationships_log = { 0 };

  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", i);
      g_autofree char *name = g_strdup_printf ("s%u.example.com.", i);

      g_ptr_array_add (first, mfm_server_new (ref, name, "10.0.0.1", "ISC", "OK"));
      /* Every tenth from the twentieth on disappears on the second read. */
      if (i < 20 || i % 10 != 0)
        g_ptr_array_add (second, mfm_server_new (ref, name, "10.0.0.1", "ISC", "OK"));
    }
  for (guint i = 300; i < 400; i++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", i);
      g_autofree char *name = g_strdup_printf ("s%u.example.com.", i);

      g_ptr_array_add (second, mfm_server_new (ref, name, "10.0.0.1", "ISC", "OK"));
    }

  g_signal_connect (servers, "items-changed", G_CALLBACK (on_items_changed), &log);
  mfm_inventory_replace_servers (inventory, first);
  g_assert_cmpuint (log.signals, ==, 1);
  g_assert_cmpuint (log.added, ==, 300);

  log = (ItemsLog) { 0 };
  mfm_inventory_replace_servers (inventory, second);
  g_assert_cmpuint (log.signals, ==, 1);
  /* From dhcpServers/20 on: 280 out, the 252 kept of them and 100 new back in. */
  g_assert_cmpuint (log.removed, ==, 280);
  g_assert_cmpuint (log.added, ==, 352);
  g_assert_cmpuint (g_list_model_get_n_items (servers), ==, second->len);
  for (guint i = 0; i < second->len; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);
      const char *ref = mfm_server_get_ref (g_ptr_array_index (second, i));

      g_assert_cmpstr (mfm_server_get_ref (server), ==, ref);
      g_assert_true (server == mfm_inventory_lookup_server (inventory, ref));
      if (i < second->len - 100)
        g_assert_true (g_ptr_array_find (first, server, NULL));
    }
  g_assert_null (mfm_inventory_lookup_server (inventory, "dhcpServers/20"));
  g_assert_null (mfm_inventory_lookup_server_by_name (inventory, "s20.example.com"));
  g_assert_nonnull (mfm_inventory_lookup_server_by_name (inventory, "s399.example.com"));

  /* New servers only: appended at the end, nothing taken out. */
  third = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < second->len; i++)
    g_ptr_array_add (third, g_object_ref (g_ptr_array_index (second, i)));
  g_ptr_array_add (third, mfm_server_new ("dhcpServers/1000", "new.example.com.", "10.0.0.9", "ISC", "OK"));
  log = (ItemsLog) { 0 };
  mfm_inventory_replace_servers (inventory, third);
  g_assert_cmpuint (log.signals, ==, 1);
  g_assert_cmpuint (log.removed, ==, 0);
  g_assert_cmpuint (log.added, ==, 1);

  /* Nothing new: no signal at all. */
  log = (ItemsLog) { 0 };
  mfm_inventory_replace_servers (inventory, third);
  g_assert_cmpuint (log.signals, ==, 0);

  /* Relationships likewise. */
  g_signal_connect (mfm_inventory_get_relationships (inventory), "items-changed",
                    G_CALLBACK (on_items_changed), &relationships_log);
  for (guint i = 0; i < 50; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u", i);

      g_ptr_array_add (relationships, make_relationship (name, "dhcpServers/1", "dhcpServers/2"));
    }
  mfm_inventory_replace_relationships (inventory, relationships);
  g_ptr_array_remove_index (relationships, 10);
  g_ptr_array_remove_index (relationships, 0);
  g_ptr_array_add (relationships, make_relationship ("r-new", "dhcpServers/1", "dhcpServers/3"));
  relationships_log = (ItemsLog) { 0 };
  mfm_inventory_replace_relationships (inventory, relationships);
  g_assert_cmpuint (relationships_log.signals, ==, 1);
  g_assert_cmpuint (relationships_log.removed, ==, 50);
  g_assert_cmpuint (relationships_log.added, ==, 49);
  g_assert_null (mfm_inventory_lookup_relationship (inventory, "r0"));
  g_assert_null (mfm_inventory_lookup_relationship (inventory, "r10"));
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (inventory, "dhcpServers/1")), ==, 49);
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (inventory, "dhcpServers/3")), ==, 1);

  /* A relationship moved in place: the next refresh, though it brings nothing new, counts
   * again. */
  mfm_relationship_set_secondary_server_ref (mfm_inventory_lookup_relationship (inventory, "r-new"),
                                             "dhcpServers/4");
  mfm_inventory_replace_servers (inventory, third);
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (inventory, "dhcpServers/3")), ==, 0);
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (inventory, "dhcpServers/4")), ==, 1);
}

/* A read of an estate of 60 servers and 30 relationships: @round 0 is the first read, round 1
 * the next one, where some are gone, some changed and some new. Fresh objects every call. */
static void
make_estate (guint       round,
             GPtrArray **servers,
             GPtrArray **relationships)
{
  *servers = g_ptr_array_new_with_free_func (g_object_unref);
  *relationships = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 60 + (round == 1 ? 7 : 0); i++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", i);
      g_autofree char *name = g_strdup_printf ("s%u.example.com.", i);
      gboolean changed = round == 1 && i % 11 == 4;

      if (round == 1 && (i == 3 || i == 31 || i == 58))
        continue;
      g_ptr_array_add (*servers, mfm_server_new (ref, name, changed ? "10.9.9.9" : "10.0.0.1", "ISC",
                                                 changed ? "Unreachable" : "OK"));
    }
  for (guint i = 0; i < 30 + (round == 1 ? 2 : 0); i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u", i);
      g_autofree char *primary = g_strdup_printf ("dhcpServers/%u", 2 * i);
      g_autofree char *secondary = g_strdup_printf ("dhcpServers/%u", round == 1 && i % 7 == 2 ? 59 + i : 2 * i + 1);
      MfmRelationship *relationship;

      if (round == 1 && (i == 0 || i == 17))
        continue;
      relationship = make_relationship (name, primary, secondary);
      if (round == 1 && i % 5 == 1)
        mfm_relationship_set_state (relationship, "communications-interrupted");
      g_ptr_array_add (*relationships, relationship);
    }
}

static MfmInventory *
make_read_inventory (void)
{
  MfmInventory *inventory = mfm_inventory_new ();
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) relationships = NULL;

  make_estate (0, &servers, &relationships);
  mfm_inventory_replace_servers (inventory, servers);
  mfm_inventory_replace_relationships (inventory, relationships);
  return inventory;
}

static GPtrArray *
list_items (GListModel *model)
{
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (items, g_list_model_get_item (model, i));
  return items;
}

/* Both inventories hold the same servers and relationships, in the same order, with the same
 * values and relationship counts. */
static void
assert_same_inventory (MfmInventory *a,
                       MfmInventory *b)
{
  g_autoptr(GPtrArray) servers_a = list_items (mfm_inventory_get_servers (a));
  g_autoptr(GPtrArray) servers_b = list_items (mfm_inventory_get_servers (b));
  g_autoptr(GPtrArray) relationships_a = list_items (mfm_inventory_get_relationships (a));
  g_autoptr(GPtrArray) relationships_b = list_items (mfm_inventory_get_relationships (b));

  g_assert_cmpuint (servers_a->len, ==, servers_b->len);
  for (guint i = 0; i < servers_a->len; i++)
    {
      MfmServer *server_a = g_ptr_array_index (servers_a, i);
      MfmServer *server_b = g_ptr_array_index (servers_b, i);

      g_assert_true (mfm_server_same_as (server_a, server_b));
      g_assert_cmpuint (mfm_server_get_relationship_count (server_a), ==,
                        mfm_server_get_relationship_count (server_b));
      g_assert_true (mfm_inventory_lookup_server (b, mfm_server_get_ref (server_b)) == server_b);
      g_assert_true (mfm_inventory_lookup_server_by_name (b, mfm_server_get_name (server_b)) == server_b);
    }
  g_assert_cmpuint (relationships_a->len, ==, relationships_b->len);
  for (guint i = 0; i < relationships_a->len; i++)
    {
      MfmRelationship *relationship_b = g_ptr_array_index (relationships_b, i);

      g_assert_true (mfm_relationship_same_as (g_ptr_array_index (relationships_a, i), relationship_b));
      g_assert_true (mfm_inventory_lookup_relationship (b, mfm_relationship_get_name (relationship_b)) == relationship_b);
    }
}

static void
replaced_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GError **error = user_data;
  gboolean ok = mfm_inventory_replace_finish (MFM_INVENTORY (source), result, error);

  /* Exactly one of the two. */
  g_assert_true (ok == (*error == NULL));
  if (ok)
    *error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}

static gboolean
replace_done (GError *error)
{
  return error != NULL;
}

static gboolean
replace_succeeded (GError *error)
{
  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
}

/* Compared in slices, the stores change once at the end, to exactly what the one-go
 * replacement makes of the same answer; rows kept are the very objects read first, and an
 * unchanged one hears nothing. */
static void
test_inventory_replace_sliced (void)
{
  g_autoptr(MfmInventory) one_go = make_read_inventory ();
  g_autoptr(MfmInventory) sliced = make_read_inventory ();
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GPtrArray) before = list_items (mfm_inventory_get_servers (sliced));
  g_autoptr(GPtrArray) relationships_before = list_items (mfm_inventory_get_relationships (sliced));
  g_autoptr(GError) error = NULL;
  MfmServer *unchanged = g_ptr_array_index (before, 9);
  MfmServer *changed = g_ptr_array_index (before, 4);
  NotifyLog *unchanged_log = notify_log_new (unchanged);
  NotifyLog *changed_log = notify_log_new (changed);
  ItemsLog servers_log = { 0 };
  ItemsLog relationships_log = { 0 };
  guint slices = 0;

  make_estate (1, &servers, &relationships);
  mfm_inventory_replace_servers (one_go, servers);
  mfm_inventory_replace_relationships (one_go, relationships);

  g_clear_pointer (&servers, g_ptr_array_unref);
  g_clear_pointer (&relationships, g_ptr_array_unref);
  make_estate (1, &servers, &relationships);
  g_signal_connect (mfm_inventory_get_servers (sliced), "items-changed", G_CALLBACK (on_items_changed), &servers_log);
  g_signal_connect (mfm_inventory_get_relationships (sliced), "items-changed",
                    G_CALLBACK (on_items_changed), &relationships_log);
  _mfm_inventory_set_slice_size (sliced, 4);
  mfm_inventory_replace_async (sliced, servers, relationships, NULL, replaced_cb, &error);
  /* The inventory keeps what it needs. */
  g_clear_pointer (&servers, g_ptr_array_unref);
  g_clear_pointer (&relationships, g_ptr_array_unref);

  while (!replace_done (error))
    {
      /* Between slices the stores are as they were, or entirely as they will be. */
      if (servers_log.signals == 0)
        {
          g_assert_cmpuint (relationships_log.signals, ==, 0);
          g_assert_cmpuint (g_list_model_get_n_items (mfm_inventory_get_servers (sliced)), ==, before->len);
          g_assert_cmpstr (mfm_server_get_state (changed), ==, "OK");
          slices++;
        }
      g_main_context_iteration (NULL, TRUE);
    }
  g_assert_true (replace_succeeded (error));

  /* The answer's 64 servers and 30 relationships, then both stores walked, four at a time. */
  g_assert_cmpuint (slices, >=, 40);
  g_assert_cmpuint (servers_log.signals, ==, 1);
  g_assert_cmpuint (relationships_log.signals, ==, 1);
  assert_same_inventory (one_go, sliced);

  g_assert_true (mfm_inventory_lookup_server (sliced, "dhcpServers/9") == unchanged);
  g_assert_true (mfm_inventory_lookup_server (sliced, "dhcpServers/4") == changed);
  g_assert_cmpstr (mfm_server_get_state (changed), ==, "Unreachable");
  g_assert_true (mfm_inventory_lookup_relationship (sliced, "r1") == g_ptr_array_index (relationships_before, 1));
  g_assert_null (mfm_inventory_lookup_server (sliced, "dhcpServers/3"));
  g_assert_null (mfm_inventory_lookup_relationship (sliced, "r17"));
  g_assert_nonnull (mfm_inventory_lookup_server (sliced, "dhcpServers/66"));
  g_assert_cmpuint (g_hash_table_size (unchanged_log->counts), ==, 0);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (changed_log->counts, "state")), ==, 1);

  notify_log_free (unchanged_log);
  notify_log_free (changed_log);
}

/* A first load compared in slices (every object new, the lookup keys made in the slices):
 * the same inventory as the one-go replacement, every server found by its ref and by its name,
 * also as people type it (no trailing dot, any case), and the counts right. */
static void
test_inventory_replace_first_load (void)
{
  g_autoptr(MfmInventory) one_go = mfm_inventory_new ();
  g_autoptr(MfmInventory) sliced = mfm_inventory_new ();
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GError) error = NULL;

  make_estate (0, &servers, &relationships);
  mfm_inventory_replace_servers (one_go, servers);
  mfm_inventory_replace_relationships (one_go, relationships);
  g_clear_pointer (&servers, g_ptr_array_unref);
  g_clear_pointer (&relationships, g_ptr_array_unref);

  make_estate (0, &servers, &relationships);
  _mfm_inventory_set_slice_size (sliced, 4);
  mfm_inventory_replace_async (sliced, servers, relationships, NULL, replaced_cb, &error);
  while (!replace_done (error))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (replace_succeeded (error));

  assert_same_inventory (one_go, sliced);
  g_assert_true (mfm_inventory_lookup_server_by_name (sliced, "S7.Example.com") ==
                 mfm_inventory_lookup_server (sliced, "dhcpServers/7"));
  g_assert_cmpuint (mfm_server_get_relationship_count (mfm_inventory_lookup_server (sliced, "dhcpServers/7")), ==, 1);
}

/* A newer replacement ends the one in its slices, which changes nothing; cancelling likewise;
 * a change made between slices is not lost: the comparison is made again at the end. */
static void
test_inventory_replace_interrupted (void)
{
  g_autoptr(MfmInventory) one_go = make_read_inventory ();
  g_autoptr(MfmInventory) sliced = make_read_inventory ();
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) first = NULL;
  g_autoptr(GError) second = NULL;
  g_autoptr(GError) third = NULL;
  g_autoptr(MfmRelationship) added = make_relationship ("added-meanwhile", "dhcpServers/1", "dhcpServers/2");
  g_autoptr(MfmRelationship) added_too = make_relationship ("added-meanwhile", "dhcpServers/1", "dhcpServers/2");
  ItemsLog servers_log = { 0 };

  g_signal_connect (mfm_inventory_get_servers (sliced), "items-changed", G_CALLBACK (on_items_changed), &servers_log);
  _mfm_inventory_set_slice_size (sliced, 4);

  /* Cancelled in its slices: nothing changes. */
  make_estate (1, &servers, &relationships);
  mfm_inventory_replace_async (sliced, servers, relationships, cancellable, replaced_cb, &first);
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  while (!replace_done (first))
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (first, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (servers_log.signals, ==, 0);

  /* Taken over by a newer one, with a change made to the inventory between its slices. */
  mfm_inventory_replace_async (sliced, servers, relationships, NULL, replaced_cb, &second);
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (second);
  mfm_inventory_replace_async (sliced, servers, relationships, NULL, replaced_cb, &third);
  for (guint i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_error (second, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (servers_log.signals, ==, 0);
  mfm_inventory_add_relationship (sliced, added);
  while (!replace_done (third))
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (replace_succeeded (third));
  g_assert_cmpuint (servers_log.signals, ==, 1);

  mfm_inventory_add_relationship (one_go, added_too);
  mfm_inventory_replace_servers (one_go, servers);
  mfm_inventory_replace_relationships (one_go, relationships);
  assert_same_inventory (one_go, sliced);
  g_assert_null (mfm_inventory_lookup_relationship (sliced, "added-meanwhile"));
}

/* The last reference to the inventory let go while it is in its slices: it lives until the
 * replacement ends, which cancelling makes happen. */
static void
test_inventory_replace_released (void)
{
  MfmInventory *inventory = make_read_inventory ();
  g_autoptr(GPtrArray) servers = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  _mfm_inventory_set_slice_size (inventory, 4);
  make_estate (1, &servers, &relationships);
  mfm_inventory_replace_async (inventory, servers, relationships, cancellable, replaced_cb, &error);
  g_object_add_weak_pointer (G_OBJECT (inventory), (gpointer *) &inventory);
  g_object_unref (inventory);
  g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (inventory);
  g_cancellable_cancel (cancellable);
  while (!replace_done (error))
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  while (g_main_context_iteration (NULL, FALSE));
  g_assert_null (inventory);
}

/* A server name as a refresh may spell it: any case, with or without the trailing dot. */
static char *
random_server_name (guint pool)
{
  g_autofree char *name = g_strdup_printf ("%s%u.example.com%s",
                                           g_test_rand_bit () ? "s" : "S",
                                           (guint) g_test_rand_int_range (0, pool),
                                           g_test_rand_bit () ? "." : "");

  return g_steal_pointer (&name);
}

/* A side by ref, by name, by both (which may disagree), by a ref nobody has, or missing. */
static void
random_side (char **ref,
             char **name)
{
  switch (g_test_rand_int_range (0, 6))
    {
    case 0:
      *ref = g_strdup_printf ("dhcpServers/%d", g_test_rand_int_range (0, 40));
      *name = NULL;
      break;
    case 1:
      *ref = NULL;
      *name = random_server_name (30);
      break;
    case 2:
    case 3:
      *ref = g_strdup_printf ("dhcpServers/%d", g_test_rand_int_range (0, 46));
      *name = random_server_name (30);
      break;
    case 4:
      *ref = g_strdup ("dhcpServers/unknown");
      *name = g_test_rand_bit () ? g_strdup ("ghost.example.com") : NULL;
      break;
    default:
      *ref = NULL;
      *name = NULL;
      break;
    }
}

static MfmRelationship *
make_sided_relationship (const char *name,
                         const char *primary,
                         const char *secondary,
                         const char *primary_ref,
                         const char *secondary_ref)
{
  MfmRelationship *relationship = mfm_relationship_new ();

  g_object_set (relationship,
                "name", name,
                "primary-server", primary,
                "secondary-server", secondary,
                "primary-server-ref", primary_ref,
                "secondary-server-ref", secondary_ref,
                NULL);

  return relationship;
}

/* One refresh's answer over 40 server refs (25 names between them, so names repeat) and 30
 * relationships; some answers repeat a ref or a name, which the inventory handles one by one. */
static void
make_random_answer (GPtrArray **servers,
                    GPtrArray **relationships)
{
  *servers = g_ptr_array_new_with_free_func (g_object_unref);
  *relationships = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *ref = g_strdup_printf ("dhcpServers/%u", i);
      g_autofree char *name = random_server_name (25);

      if (g_test_rand_int_range (0, 5) == 0)
        continue;
      g_ptr_array_add (*servers, mfm_server_new (ref, name, "10.0.0.1", "ISC", "OK"));
    }
  for (guint i = 0; i < 30; i++)
    {
      g_autofree char *name = g_strdup_printf ("r%u", i);
      g_autofree char *primary_ref = NULL;
      g_autofree char *primary = NULL;
      g_autofree char *secondary_ref = NULL;
      g_autofree char *secondary = NULL;

      if (g_test_rand_int_range (0, 5) == 0)
        continue;
      random_side (&primary_ref, &primary);
      random_side (&secondary_ref, &secondary);
      g_ptr_array_add (*relationships, make_sided_relationship (name, primary, secondary,
                                                                primary_ref, secondary_ref));
    }

  if (g_test_rand_int_range (0, 8) == 0 && (*servers)->len > 0)
    g_ptr_array_add (*servers, mfm_server_new (mfm_server_get_ref (g_ptr_array_index (*servers, 0)),
                                               "repeat.example.com", "10.0.0.2", "ISC", "OK"));
  if (g_test_rand_int_range (0, 8) == 0 && (*relationships)->len > 0)
    g_ptr_array_add (*relationships,
                     make_sided_relationship (mfm_relationship_get_name (g_ptr_array_index (*relationships, 0)),
                                              NULL, NULL, "dhcpServers/1", "dhcpServers/2"));
}

/* The server a side means, found without the inventory's lookups: the one with the ref, else
 * the last in the store with the name (as people type it: any case, no trailing dot). */
static MfmServer *
find_side (GPtrArray  *servers,
           const char *ref,
           const char *name)
{
  g_autofree char *key = mfm_normalise_server_name (name);
  MfmServer *found = NULL;

  for (guint i = 0; ref != NULL && i < servers->len; i++)
    {
      if (g_strcmp0 (mfm_server_get_ref (g_ptr_array_index (servers, i)), ref) == 0)
        return g_ptr_array_index (servers, i);
    }
  for (guint i = 0; key != NULL && i < servers->len; i++)
    {
      g_autofree char *other = mfm_normalise_server_name (mfm_server_get_name (g_ptr_array_index (servers, i)));

      if (g_strcmp0 (other, key) == 0)
        found = g_ptr_array_index (servers, i);
    }

  return found;
}

/* Every server's relationship count is what its relationships say, counted here from
 * scratch, and what the one-go replacement of the same answers counted. */
static void
assert_counts (MfmInventory *inventory,
               MfmInventory *one_go)
{
  g_autoptr(GPtrArray) servers = list_items (mfm_inventory_get_servers (inventory));
  g_autoptr(GPtrArray) relationships = list_items (mfm_inventory_get_relationships (inventory));
  g_autoptr(GPtrArray) one_go_servers = list_items (mfm_inventory_get_servers (one_go));
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);
      MfmServer *primary = find_side (servers, mfm_relationship_get_primary_server_ref (relationship),
                                      mfm_relationship_get_primary_server (relationship));
      MfmServer *secondary = find_side (servers, mfm_relationship_get_secondary_server_ref (relationship),
                                        mfm_relationship_get_secondary_server (relationship));

      g_assert_true (mfm_inventory_lookup_relationship (inventory, mfm_relationship_get_name (relationship)) == relationship);
      g_assert_true (mfm_inventory_lookup_primary_server (inventory, relationship) == primary);
      g_assert_true (mfm_inventory_lookup_secondary_server (inventory, relationship) == secondary);
      if (primary != NULL)
        g_hash_table_insert (counts, primary, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, primary)) + 1));
      if (secondary != NULL && secondary != primary)
        g_hash_table_insert (counts, secondary, GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts, secondary)) + 1));
    }

  g_assert_cmpuint (servers->len, ==, one_go_servers->len);
  for (guint i = 0; i < servers->len; i++)
    {
      MfmServer *server = g_ptr_array_index (servers, i);
      MfmServer *one_go_server = g_ptr_array_index (one_go_servers, i);

      g_assert_cmpstr (mfm_server_get_ref (server), ==, mfm_server_get_ref (one_go_server));
      g_assert_true (mfm_inventory_lookup_server (inventory, mfm_server_get_ref (server)) == server);
      g_assert_true (mfm_inventory_lookup_server_by_name (inventory, mfm_server_get_name (server)) ==
                     find_side (servers, NULL, mfm_server_get_name (server)));
      g_assert_cmpuint (mfm_server_get_relationship_count (server), ==,
                        GPOINTER_TO_UINT (g_hash_table_lookup (counts, server)));
      g_assert_cmpuint (mfm_server_get_relationship_count (server), ==,
                        mfm_server_get_relationship_count (one_go_server));
    }
}

/* Many random refreshes through the slices (first loads, servers come, go and are renamed,
 * names repeat, a relationship's side moves to another server by ref or by name, the answer
 * repeats itself, the stores change between refreshes): every server's relationship count is
 * right after each one, and every side finds its server, though the slices count them and make
 * the lookups before the stores change rather than after. */
static void
test_inventory_replace_counts (void)
{
  g_autoptr(MfmInventory) sliced = mfm_inventory_new ();
  g_autoptr(MfmInventory) one_go = mfm_inventory_new ();

  for (guint round = 0; round < 300; round++)
    {
      g_autoptr(GPtrArray) servers = NULL;
      g_autoptr(GPtrArray) relationships = NULL;
      g_autoptr(GPtrArray) copies = NULL;
      g_autoptr(GPtrArray) relationship_copies = NULL;
      g_autoptr(GError) error = NULL;
      int what = g_test_rand_int_range (0, 10);

      /* Now and then a first load, whose lookups the slices make whole. */
      if (round % 20 == 19)
        {
          g_clear_object (&sliced);
          g_clear_object (&one_go);
          sliced = mfm_inventory_new ();
          one_go = mfm_inventory_new ();
        }
      make_random_answer (&servers, &relationships);
      /* The same answer for the one-go inventory, in objects of its own. */
      copies = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < servers->len; i++)
        {
          MfmServer *server = g_ptr_array_index (servers, i);

          g_ptr_array_add (copies, mfm_server_new (mfm_server_get_ref (server), mfm_server_get_name (server),
                                                   "10.0.0.1", "ISC", "OK"));
        }
      relationship_copies = g_ptr_array_new_with_free_func (g_object_unref);
      for (guint i = 0; i < relationships->len; i++)
        {
          MfmRelationship *copy = mfm_relationship_new ();

          mfm_relationship_update_from (copy, g_ptr_array_index (relationships, i));
          g_ptr_array_add (relationship_copies, copy);
        }

      /* Now and then only one of the two lists is read. */
      if (what == 0)
        g_clear_pointer (&servers, g_ptr_array_unref);
      else if (what == 1)
        g_clear_pointer (&relationships, g_ptr_array_unref);
      if (servers != NULL)
        mfm_inventory_replace_servers (one_go, copies);
      if (relationships != NULL)
        mfm_inventory_replace_relationships (one_go, relationship_copies);

      _mfm_inventory_set_slice_size (sliced, g_test_rand_int_range (1, 8));
      mfm_inventory_replace_async (sliced, servers, relationships, NULL, replaced_cb, &error);
      while (!replace_done (error))
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (replace_succeeded (error));
      assert_counts (sliced, one_go);

      /* Between refreshes, a side moved in place in both. */
      if (what == 2 && g_list_model_get_n_items (mfm_inventory_get_relationships (sliced)) > 0)
        {
          g_autoptr(MfmRelationship) moved = g_list_model_get_item (mfm_inventory_get_relationships (sliced), 0);
          const char *name = mfm_relationship_get_name (moved);
          g_autofree char *ref = g_strdup_printf ("dhcpServers/%d", g_test_rand_int_range (0, 40));

          mfm_relationship_set_primary_server_ref (moved, ref);
          mfm_relationship_set_primary_server_ref (mfm_inventory_lookup_relationship (one_go, name), ref);
        }
    }
}

/* The relationship count of every server a store hands out, as the store hands it out. */
static void
on_servers_added (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GHashTable *counts)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (model, i);

      g_hash_table_insert (counts, server, GUINT_TO_POINTER (mfm_server_get_relationship_count (server)));
    }
}

/* A server that a sliced replacement brings (a first load, then a refresh with new servers)
 * has its relationship count when its store hands it out, not only once the step that changes
 * the stores is over: a row bound as the rows arrive shows the right count. */
static void
test_inventory_replace_counts_ahead (void)
{
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);

  g_signal_connect (mfm_inventory_get_servers (inventory), "items-changed",
                    G_CALLBACK (on_servers_added), counts);
  _mfm_inventory_set_slice_size (inventory, 4);
  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(GPtrArray) servers = NULL;
      g_autoptr(GPtrArray) relationships = NULL;
      g_autoptr(GPtrArray) before = list_items (mfm_inventory_get_servers (inventory));
      g_autoptr(GPtrArray) after = NULL;
      g_autoptr(GError) error = NULL;
      guint n_new = 0;
      guint nonzero = 0;

      make_estate (round, &servers, &relationships);
      g_hash_table_remove_all (counts);
      mfm_inventory_replace_async (inventory, servers, relationships, NULL, replaced_cb, &error);
      while (!replace_done (error))
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (replace_succeeded (error));

      after = list_items (mfm_inventory_get_servers (inventory));
      for (guint i = 0; i < after->len; i++)
        {
          MfmServer *server = g_ptr_array_index (after, i);
          gpointer count;

          /* The servers kept keep their rows; a count of theirs that changes is notified. */
          if (g_ptr_array_find (before, server, NULL))
            continue;
          g_assert_true (g_hash_table_lookup_extended (counts, server, NULL, &count));
          g_assert_cmpuint (GPOINTER_TO_UINT (count), ==, mfm_server_get_relationship_count (server));
          n_new++;
          nonzero += GPOINTER_TO_UINT (count) > 0;
        }
      /* Round 0: every server is new; round 1: dhcpServers/60 to /66, of which some are
       * sides of the answer's relationships. */
      g_assert_cmpuint (n_new, ==, (round == 0 ? 60 : 7));
      g_assert_cmpuint (nonzero, >=, (round == 0 ? 60 : 2));
    }
}

/* The index of relationships by server follows a relationship whose side moves, without a
 * signal handler on each relationship. */
static void
test_inventory_relationship_moves (void)
{
  g_autoptr(MfmInventory) inventory = make_inventory ();
  MfmRelationship *relationship = mfm_inventory_lookup_relationship (inventory, "dc1-dc2");
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) old_side = NULL;
  guint notify_id = g_signal_lookup ("notify", G_TYPE_OBJECT);

  g_assert_false (g_signal_has_handler_pending (relationship, notify_id, 0, FALSE));

  before = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/3");
  g_assert_false (g_ptr_array_find (before, relationship, NULL));

  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/3");
  after = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/3");
  g_assert_true (g_ptr_array_find (after, relationship, NULL));
  old_side = mfm_inventory_get_relationships_for_server (inventory, "dhcpServers/2");
  g_assert_false (g_ptr_array_find (old_side, relationship, NULL));
}

/* Names in the order people expect: case folded, numbers by value. */
static void
test_sort_key (void)
{
  const char *expected[] = { NULL, "Ams-1", "ams-2", "ams-2", "AMS-3", "ams-10", "b" };
  /* Leading zeros just after the same number, accents with their letter, numbers longer
   * than nine digits by value too, digits where digits sort among the other signs. */
  const char *more[] = { "", "a-1", "a-01", "a-2", "a-99", "a-099", "a-100", "a-999999999",
                         "a-1000000000", "a-99999999999", "a-100000000000", "a0", "a9", "a10",
                         "a:5", "a:10", "ab", "ara", "Ära", "ära", "arb", "straße", "STRASSE1",
                         "z", "zz", "ζ" };
  g_autoptr(MfmServer) server = mfm_server_new ("dhcpServers/1", "ams-9.", "10.0.0.1", "ISC", "OK");
  g_autoptr(MfmServer) renamed = mfm_server_new ("dhcpServers/1", "ams-11.", "10.0.0.1", "ISC", "OK");
  g_autoptr(MfmServer) other = mfm_server_new ("dhcpServers/2", "ams-10.", "10.0.0.2", "ISC", "OK");
  GParamSpec *name = g_object_class_find_property (G_OBJECT_GET_CLASS (server), "name");
  const char *key;

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    for (guint j = 0; j < G_N_ELEMENTS (expected); j++)
      {
        g_autofree char *a = mfm_sort_key_new (expected[i < j ? i : j]);
        g_autofree char *b = mfm_sort_key_new (expected[i < j ? j : i]);

        /* Equal texts give equal keys; otherwise the earlier sorts first. */
        if (g_strcmp0 (expected[i], expected[j]) == 0)
          g_assert_cmpstr (a, ==, b);
        else
          g_assert_cmpint (strcmp (a, b), <, 0);
      }
  for (guint i = 0; i < G_N_ELEMENTS (more); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (more); j++)
      {
        g_autofree char *a = mfm_sort_key_new (more[i]);
        g_autofree char *b = mfm_sort_key_new (more[j]);

        if (g_str_equal (more[i], more[j]) || (g_str_equal (more[i], "Ära") &&
                                                g_str_equal (more[j], "ära")))
          g_assert_cmpstr (a, ==, b);
        else if (strcmp (a, b) >= 0)
          g_error ("“%s” should sort before “%s”", more[i], more[j]);
      }
  {
    g_autofree char *upper = mfm_sort_key_new ("AMS-2");
    g_autofree char *lower = mfm_sort_key_new ("ams-2");

    g_assert_cmpstr (upper, ==, lower);
  }

  /* Made from the text at hand, the same key; not made again when it is there. */
  {
    g_autoptr(MfmServer) prepared = mfm_server_new ("dhcpServers/3", "AMS-9.", "10.0.0.3",
                                                    "ISC", "OK");
    g_autofree char *expected_key = mfm_sort_key_new ("AMS-9.");
    const char *made;

    mfm_sort_key_prepare (G_OBJECT (prepared), name, mfm_server_get_name (prepared));
    made = mfm_sort_key_get (G_OBJECT (prepared), name);
    g_assert_cmpstr (made, ==, expected_key);
    mfm_sort_key_prepare (G_OBJECT (prepared), name, "other");
    g_assert_true (mfm_sort_key_get (G_OBJECT (prepared), name) == made);
  }

  /* Kept on the object, and made again when the text changes. */
  key = mfm_sort_key_get (G_OBJECT (server), name);
  g_assert_true (mfm_sort_key_get (G_OBJECT (server), name) == key);
  g_assert_cmpint (strcmp (key, mfm_sort_key_get (G_OBJECT (other), name)), <, 0);
  mfm_server_update_from (server, renamed);
  g_assert_cmpint (strcmp (mfm_sort_key_get (G_OBJECT (server), name),
                           mfm_sort_key_get (G_OBJECT (other), name)), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/types/state-from-string", test_state_from_string);
  g_test_add_func ("/core/types/state-labels", test_state_labels);
  g_test_add_func ("/core/types/fields", test_fields);
  g_test_add_func ("/core/fields/table", test_field_table);
  g_test_add_func ("/core/fields/values", test_field_values);
  g_test_add_func ("/core/fields/format", test_field_format);
  g_test_add_func ("/core/types/split-percentage", test_split_percentage);
  g_test_add_func ("/core/server", test_server);
  g_test_add_func ("/core/server/name-without-dot", test_server_name_without_dot);
  g_test_add_func ("/core/server/generation", test_generation);
  g_test_add_func ("/core/scope", test_scope);
  g_test_add_func ("/core/scope/new", test_scope_new);
  g_test_add_func ("/core/relationship", test_relationship);
  g_test_add_func ("/core/relationship/listed", test_relationship_listed);
  g_test_add_func ("/core/inventory/lookups", test_inventory_lookups);
  g_test_add_func ("/core/inventory/indexes", test_inventory_indexes);
  g_test_add_func ("/core/inventory/replace", test_inventory_replace);
  g_test_add_func ("/core/inventory/replace-large", test_inventory_replace_large);
  g_test_add_func ("/core/inventory/replace-one-splice", test_inventory_replace_one_splice);
  g_test_add_func ("/core/inventory/relationship-moves", test_inventory_relationship_moves);
  g_test_add_func ("/core/inventory/replace-sliced", test_inventory_replace_sliced);
  g_test_add_func ("/core/inventory/replace-first-load", test_inventory_replace_first_load);
  g_test_add_func ("/core/inventory/replace-interrupted", test_inventory_replace_interrupted);
  g_test_add_func ("/core/inventory/replace-released", test_inventory_replace_released);
  g_test_add_func ("/core/inventory/replace-counts", test_inventory_replace_counts);
  g_test_add_func ("/core/inventory/replace-counts-ahead", test_inventory_replace_counts_ahead);
  g_test_add_func ("/core/sort-key", test_sort_key);

  return g_test_run ();
}
