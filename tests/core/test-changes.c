/* test-changes.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-changes"

#include "config.h"

#include <locale.h>

#include "mfm-change-set.h"
#include "mfm-rules.h"

typedef struct
{
  MfmInventory *inventory;
} Fixture;

static void
add_scope (MfmInventory *inventory,
           const char   *ref,
           const char   *name,
           const char   *server_ref,
           const char   *subnet,
           const char   *start,
           const char   *end,
           const char   *peer)
{
  g_autoptr(MfmScope) scope = mfm_scope_new (ref, name, server_ref, subnet);

  if (start != NULL)
    mfm_scope_add_pool (scope, start, end, peer);
  mfm_inventory_add_scope (inventory, scope);
}

static MfmRelationship *
make_relationship (const char *name,
                   const char *state)
{
  MfmRelationship *relationship = mfm_relationship_new ();

  g_object_set (relationship,
                "name", name,
                "primary-server", "dc1.example.com.",
                "primary-server-ref", "dhcpServers/1",
                "secondary-server", "dc2.example.com.",
                "secondary-server-ref", "dhcpServers/2",
                "state", state,
                NULL);

  return relationship;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MfmServer) dc1 = mfm_server_new ("dhcpServers/1", "dc1.example.com.", "10.0.0.1", "ISC", "OK");
  g_autoptr(MfmServer) dc2 = mfm_server_new ("dhcpServers/2", "dc2.example.com.", "10.0.0.2", "ISC", "OK");
  g_autoptr(MfmServer) dc3 = mfm_server_new ("dhcpServers/3", "dc3.example.com.", "10.0.0.3", "ISC", "OK");
  g_autoptr(MfmRelationship) normal = make_relationship ("dc1-dc2", "Normal");
  g_autoptr(MfmRelationship) empty = make_relationship ("empty-one", "Empty");
  g_autoptr(MfmRelationship) other = make_relationship ("other", "Normal");
  const char *normal_scopes[] = { "dhcpScopes/1", NULL };
  const char *other_scopes[] = { "dhcpScopes/5", NULL };

  fixture->inventory = mfm_inventory_new ();
  mfm_inventory_add_server (fixture->inventory, dc1);
  mfm_inventory_add_server (fixture->inventory, dc2);
  mfm_inventory_add_server (fixture->inventory, dc3);

  add_scope (fixture->inventory, "dhcpScopes/1", "Office", "dhcpServers/1", "10.1.20.0/24",
             "10.1.20.100", "10.1.20.199", "dc1-dc2");
  add_scope (fixture->inventory, "dhcpScopes/11", "Office", "dhcpServers/2", "10.1.20.0/24",
             "10.1.20.100", "10.1.20.199", "dc1-dc2");
  add_scope (fixture->inventory, "dhcpScopes/2", "Lab", "dhcpServers/1", "10.1.30.0/24",
             "10.1.30.100", "10.1.30.149", NULL);
  add_scope (fixture->inventory, "dhcpScopes/3", "No pool", "dhcpServers/1", "10.1.40.0/24", NULL, NULL, NULL);
  add_scope (fixture->inventory, "dhcpScopes/4", "Elsewhere", "dhcpServers/2", "10.2.0.0/24",
             "10.2.0.10", "10.2.0.20", NULL);
  add_scope (fixture->inventory, "dhcpScopes/5", "Taken", "dhcpServers/1", "10.1.50.0/24",
             "10.1.50.10", "10.1.50.20", "other");

  /* Two relationships of dc1 and dc2 need ports of their own (see the shared-ports rule). */
  mfm_relationship_set_port (empty, 1647);
  mfm_relationship_set_peer_port (empty, 1847);
  mfm_relationship_set_scope_refs (normal, normal_scopes);
  mfm_relationship_set_scope_refs (other, other_scopes);
  g_object_set (other, "secondary-server", "dc3.example.com.", "secondary-server-ref", "dhcpServers/3", NULL);
  mfm_inventory_add_relationship (fixture->inventory, normal);
  mfm_inventory_add_relationship (fixture->inventory, empty);
  mfm_inventory_add_relationship (fixture->inventory, other);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_clear_object (&fixture->inventory);
}

static gboolean
strv_has (GStrv       strv,
          const char *item)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, item);
}

static const MfmFieldDiff *
find_diff (GPtrArray  *diff,
           const char *label)
{
  for (guint i = 0; i < diff->len; i++)
    {
      const MfmFieldDiff *row = g_ptr_array_index (diff, i);

      if (g_str_equal (row->label, label))
        return row;
    }

  return NULL;
}

static MfmServerImpact *
impact_at (GPtrArray *impacts,
           guint      index)
{
  g_assert_cmpuint (impacts->len, ==, 2);
  return g_ptr_array_index (impacts, index);
}

static void
test_add (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(MfmRelationship) relationship = make_relationship ("new-one", NULL);
  g_autoptr(MfmChange) change = NULL;
  g_autoptr(MfmChange) duplicate = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autoptr(GPtrArray) impacts = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *text = NULL;
  const MfmFieldDiff *row;
  MfmServerImpact *primary;
  MfmServerImpact *secondary;

  change = mfm_change_new_add (relationship);
  /* The change owns a copy. */
  g_assert_true (mfm_change_get_relationship (change) != relationship);
  mfm_relationship_set_mclt (relationship, 1);
  g_assert_cmpuint (mfm_relationship_get_mclt (mfm_change_get_relationship (change)), ==, 3600);

  g_assert_cmpint (mfm_change_get_kind (change), ==, MFM_CHANGE_ADD);
  g_assert_cmpstr (mfm_change_get_title (change), ==, "Add relationship “new-one”");
  g_assert_cmpstr (mfm_change_get_subtitle (change), ==, "Between dc1.example.com and dc2.example.com");
  g_assert_cmpstr (mfm_change_get_relationship_name (change), ==, "new-one");
  g_assert_null (mfm_change_get_old_relationship (change));
  g_assert_null (mfm_change_get_scope_refs (change));

  diff = mfm_change_get_diff (change);
  g_assert_cmpuint (diff->len, ==, 10);
  for (guint i = 0; i < diff->len; i++)
    {
      const MfmFieldDiff *each = g_ptr_array_index (diff, i);

      g_assert_null (each->old_value);
      g_assert_nonnull (each->new_value);
    }
  row = find_diff (diff, "Maximum client lead time");
  g_assert_cmpstr (row->new_value, ==, "3600 s (1 h)");
  row = find_diff (diff, "Percentage");
  g_assert_cmpstr (row->new_value, ==, "50 % (split 128)");
  row = find_diff (diff, "Partner server");
  g_assert_cmpstr (row->new_value, ==, "dc2.example.com");
  row = find_diff (diff, "Max response delay");
  g_assert_cmpstr (row->new_value, ==, "60 s (1 min)");
  row = find_diff (diff, "Load balance max seconds");
  g_assert_cmpstr (row->new_value, ==, "3 s");

  impacts = mfm_change_compute_impact (change, fixture->inventory);
  primary = impact_at (impacts, 0);
  secondary = impact_at (impacts, 1);
  g_assert_cmpstr (primary->server_name, ==, "dc1.example.com");
  g_assert_cmpstr (primary->server_ref, ==, "dhcpServers/1");
  g_assert_cmpstr (secondary->server_name, ==, "dc2.example.com");
  /* Nothing is written while Empty; the preview is in the note. */
  g_assert_null (primary->lines_added[0]);
  g_assert_null (secondary->lines_added[0]);
  g_assert_null (primary->lines_removed[0]);
  g_assert_true (g_str_has_prefix (primary->note, "Nothing is written to either server until the first scope is added."));
  g_assert_nonnull (strstr (primary->note, "split 128;"));
  g_assert_nonnull (strstr (primary->note, "address 10.0.0.1;"));
  g_assert_null (strstr (secondary->note, "split"));
  g_assert_nonnull (strstr (secondary->note, "secondary;"));

  text = mfm_server_impact_to_text (primary);
  g_assert_true (g_str_has_prefix (text, "dc1.example.com\n"));
  g_assert_nonnull (strstr (text, "Nothing is written to either server until the first scope is added."));

  /* dc1-dc2 already pairs the two servers on 647: a second peer there would never connect. */
  findings = mfm_change_validate (change, fixture->inventory);
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_PORT, MFM_SEVERITY_ERROR));
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_PEER_PORT, MFM_SEVERITY_ERROR));
  g_clear_pointer (&findings, g_ptr_array_unref);
  {
    g_autoptr(MfmRelationship) moved = mfm_relationship_copy (mfm_change_get_relationship (change));
    g_autoptr(MfmChange) other_ports = NULL;

    mfm_relationship_set_port (moved, 2647);
    mfm_relationship_set_peer_port (moved, 2847);
    other_ports = mfm_change_new_add (moved);
    findings = mfm_change_validate (other_ports, fixture->inventory);
    g_assert_false (mfm_findings_has_severity (findings, -1, MFM_SEVERITY_ERROR));
    g_clear_pointer (&findings, g_ptr_array_unref);
  }

  g_clear_object (&relationship);
  relationship = make_relationship ("dc1-dc2", NULL);
  duplicate = mfm_change_new_add (relationship);
  findings = mfm_change_validate (duplicate, fixture->inventory);
  g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_NAME, MFM_SEVERITY_ERROR));
}

static void
test_modify (Fixture       *fixture,
             gconstpointer  data)
{
  MfmRelationship *current = mfm_inventory_lookup_relationship (fixture->inventory, "dc1-dc2");
  g_autoptr(MfmRelationship) edited = mfm_relationship_copy (current);
  g_autoptr(MfmChange) change = NULL;
  g_autoptr(MfmChange) empty_change = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  g_autoptr(GPtrArray) impacts = NULL;
  g_autoptr(GPtrArray) empty_impacts = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *text = NULL;
  const MfmFieldDiff *row;
  MfmServerImpact *primary;
  MfmServerImpact *secondary;

  mfm_relationship_set_mclt (edited, 1800);
  mfm_relationship_set_load_balance_max_seconds (edited, 5);
  change = mfm_change_new_modify (current, edited);

  g_assert_cmpstr (mfm_change_get_title (change), ==, "Change relationship “dc1-dc2”");
  g_assert_cmpstr (mfm_change_get_subtitle (change), ==, "2 settings changed");
  g_assert_cmpuint (mfm_relationship_get_mclt (mfm_change_get_old_relationship (change)), ==, 3600);

  diff = mfm_change_get_diff (change);
  g_assert_cmpuint (diff->len, ==, 2);
  row = find_diff (diff, "Maximum client lead time");
  g_assert_cmpstr (row->old_value, ==, "3600 s (1 h)");
  g_assert_cmpstr (row->new_value, ==, "1800 s (30 min)");
  row = find_diff (diff, "Load balance max seconds");
  g_assert_cmpstr (row->old_value, ==, "3 s");
  g_assert_cmpstr (row->new_value, ==, "5 s");

  impacts = mfm_change_compute_impact (change, fixture->inventory);
  primary = impact_at (impacts, 0);
  secondary = impact_at (impacts, 1);
  g_assert_cmpuint (g_strv_length (primary->lines_removed), ==, 2);
  g_assert_cmpstr (primary->lines_removed[0], ==, "  mclt 3600;");
  g_assert_cmpstr (primary->lines_removed[1], ==, "  load balance max seconds 3;");
  g_assert_cmpuint (g_strv_length (primary->lines_added), ==, 2);
  g_assert_cmpstr (primary->lines_added[0], ==, "  mclt 1800;");
  g_assert_cmpstr (primary->lines_added[1], ==, "  load balance max seconds 5;");
  /* The secondary has no mclt line to change. */
  g_assert_cmpuint (g_strv_length (secondary->lines_removed), ==, 1);
  g_assert_cmpstr (secondary->lines_removed[0], ==, "  load balance max seconds 3;");
  g_assert_cmpuint (g_strv_length (secondary->lines_added), ==, 1);
  g_assert_null (primary->note);

  text = mfm_server_impact_to_text (primary);
  g_assert_nonnull (strstr (text, "Configuration lines added:\n+   mclt 1800;\n"));
  g_assert_nonnull (strstr (text, "Configuration lines removed:\n-   mclt 3600;\n"));

  /* An Empty relationship has nothing on the servers to change. */
  {
    MfmRelationship *empty = mfm_inventory_lookup_relationship (fixture->inventory, "empty-one");
    g_autoptr(MfmRelationship) empty_edited = mfm_relationship_copy (empty);

    mfm_relationship_set_port (empty_edited, 70000);
    empty_change = mfm_change_new_modify (empty, empty_edited);
    empty_impacts = mfm_change_compute_impact (empty_change, fixture->inventory);
    g_assert_null (impact_at (empty_impacts, 0)->lines_added[0]);
    g_assert_cmpstr (impact_at (empty_impacts, 0)->note, ==,
                     "Nothing is written to either server until the first scope is added.");

    findings = mfm_change_validate (empty_change, fixture->inventory);
    g_assert_true (mfm_findings_has_severity (findings, MFM_FIELD_PORT, MFM_SEVERITY_ERROR));
    /* Keeping its own name is not a duplicate. */
    g_assert_false (mfm_findings_has_severity (findings, MFM_FIELD_NAME, MFM_SEVERITY_ERROR));
  }
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  MfmRelationship *current = mfm_inventory_lookup_relationship (fixture->inventory, "dc1-dc2");
  g_autoptr(MfmChange) deleting = mfm_change_new_remove (current, MFM_DECONFIGURE_DELETE);
  g_autoptr(MfmChange) disabling = mfm_change_new_remove (current, MFM_DECONFIGURE_DISABLE);
  g_autoptr(GPtrArray) diff = mfm_change_get_diff (deleting);
  g_autoptr(GPtrArray) impacts = mfm_change_compute_impact (deleting, fixture->inventory);
  g_autoptr(GPtrArray) disable_impacts = mfm_change_compute_impact (disabling, fixture->inventory);
  g_autofree char *secondary_text = NULL;
  MfmServerImpact *primary = impact_at (impacts, 0);
  MfmServerImpact *secondary = impact_at (impacts, 1);

  g_assert_cmpstr (mfm_change_get_title (deleting), ==, "Remove relationship “dc1-dc2”");
  g_assert_cmpstr (mfm_change_get_subtitle (deleting), ==, "The scopes on dc2.example.com are deleted");
  g_assert_cmpstr (mfm_change_get_subtitle (disabling), ==, "The scopes on dc2.example.com are disabled");
  g_assert_cmpint (mfm_change_get_action (deleting), ==, MFM_DECONFIGURE_DELETE);

  g_assert_cmpuint (diff->len, ==, 10);
  for (guint i = 0; i < diff->len; i++)
    {
      const MfmFieldDiff *row = g_ptr_array_index (diff, i);

      g_assert_nonnull (row->old_value);
      g_assert_null (row->new_value);
    }

  /* The peer statement and the pool line go on both servers. */
  g_assert_true (strv_has (primary->lines_removed, "failover peer \"dc1-dc2\" {"));
  g_assert_true (strv_has (primary->lines_removed, "  split 128;"));
  g_assert_true (strv_has (primary->lines_removed, "failover peer \"dc1-dc2\";"));
  g_assert_true (strv_has (secondary->lines_removed, "  secondary;"));
  g_assert_true (strv_has (secondary->lines_removed, "failover peer \"dc1-dc2\";"));
  g_assert_false (strv_has (secondary->lines_removed, "  split 128;"));
  g_assert_null (primary->lines_added[0]);

  g_assert_true (strv_has (primary->pools_losing, "10.1.20.100–10.1.20.199 (10.1.20.0/24)"));
  g_assert_true (strv_has (secondary->pools_losing, "10.1.20.100–10.1.20.199 (10.1.20.0/24)"));
  /* The primary keeps its scope; the secondary's copy goes. */
  g_assert_true (strv_has (primary->scopes_kept, "Office (10.1.20.0/24)"));
  g_assert_null (primary->scopes_deleted[0]);
  g_assert_true (strv_has (secondary->scopes_deleted, "Office (10.1.20.0/24)"));
  g_assert_null (secondary->scopes_disabled[0]);
  g_assert_null (secondary->scopes_kept[0]);

  secondary_text = mfm_server_impact_to_text (secondary);
  g_assert_nonnull (strstr (secondary_text, "Scopes deleted:\n  Office (10.1.20.0/24)\n"));
  g_assert_null (strstr (secondary_text, "Scopes disabled:"));

  g_assert_true (strv_has (impact_at (disable_impacts, 1)->scopes_disabled, "Office (10.1.20.0/24)"));
  g_assert_null (impact_at (disable_impacts, 1)->scopes_deleted[0]);
}

static void
test_add_scopes (Fixture       *fixture,
                 gconstpointer  data)
{
  MfmRelationship *empty = mfm_inventory_lookup_relationship (fixture->inventory, "empty-one");
  MfmRelationship *normal = mfm_inventory_lookup_relationship (fixture->inventory, "dc1-dc2");
  const char *lab[] = { "dhcpScopes/2", NULL };
  const char *bad[] = { "dhcpScopes/3", "dhcpScopes/4", "dhcpScopes/5", "dhcpScopes/99", NULL };
  g_autoptr(MfmChange) first = mfm_change_new_add_scopes (empty, lab);
  g_autoptr(MfmChange) more = mfm_change_new_add_scopes (normal, lab);
  g_autoptr(MfmChange) invalid = mfm_change_new_add_scopes (normal, bad);
  g_autoptr(GPtrArray) unresolved = mfm_change_get_diff (first);
  g_autoptr(GPtrArray) impacts = mfm_change_compute_impact (first, fixture->inventory);
  g_autoptr(GPtrArray) more_impacts = mfm_change_compute_impact (more, fixture->inventory);
  g_autoptr(GPtrArray) diff = mfm_change_get_diff (first);
  g_autoptr(GPtrArray) findings = NULL;
  g_autofree char *text = NULL;
  MfmServerImpact *primary = impact_at (impacts, 0);
  MfmServerImpact *secondary = impact_at (impacts, 1);

  g_assert_cmpstr (mfm_change_get_title (first), ==, "Add scopes to “empty-one”");
  g_assert_cmpstr (mfm_change_get_subtitle (first), ==, "1 scope is added");
  g_assert_cmpuint (mfm_relationship_get_scope_count (mfm_change_get_relationship (first)), ==, 1);
  g_assert_cmpuint (mfm_relationship_get_scope_count (mfm_change_get_relationship (more)), ==, 2);

  /* Before anything knew the inventory, the ref is all there is. */
  g_assert_cmpstr (((MfmFieldDiff *) g_ptr_array_index (unresolved, 0))->new_value, ==, "dhcpScopes/2");
  g_assert_cmpuint (diff->len, ==, 1);
  g_assert_cmpstr (((MfmFieldDiff *) g_ptr_array_index (diff, 0))->label, ==, "Scope");
  g_assert_null (((MfmFieldDiff *) g_ptr_array_index (diff, 0))->old_value);
  g_assert_cmpstr (((MfmFieldDiff *) g_ptr_array_index (diff, 0))->new_value, ==, "Lab (10.1.30.0/24)");

  /* The first scope brings the peer statement to both servers. */
  g_assert_true (strv_has (primary->lines_added, "failover peer \"empty-one\" {"));
  g_assert_true (strv_has (primary->lines_added, "  mclt 3600;"));
  g_assert_true (strv_has (primary->lines_added, "failover peer \"empty-one\";"));
  g_assert_true (strv_has (secondary->lines_added, "  secondary;"));
  g_assert_true (strv_has (secondary->lines_added, "failover peer \"empty-one\";"));
  g_assert_true (strv_has (primary->pools_gaining, "10.1.30.100–10.1.30.149 (10.1.30.0/24)"));
  g_assert_true (strv_has (secondary->pools_gaining, "10.1.30.100–10.1.30.149 (10.1.30.0/24)"));
  g_assert_true (strv_has (primary->scopes_kept, "Lab (10.1.30.0/24)"));
  g_assert_nonnull (secondary->note);
  g_assert_nonnull (strstr (secondary->note, "Lab (10.1.30.0/24)"));

  text = mfm_server_impact_to_text (secondary);
  g_assert_nonnull (strstr (text, "Pools that gain the failover peer:\n  10.1.30.100–10.1.30.149 (10.1.30.0/24)\n"));

  /* A relationship that has scopes already only gains the pool line. */
  g_assert_false (strv_has (impact_at (more_impacts, 0)->lines_added, "failover peer \"dc1-dc2\" {"));
  g_assert_cmpuint (g_strv_length (impact_at (more_impacts, 0)->lines_added), ==, 1);
  g_assert_cmpstr (impact_at (more_impacts, 0)->lines_added[0], ==, "failover peer \"dc1-dc2\";");

  findings = mfm_change_validate (first, fixture->inventory);
  g_assert_cmpuint (findings->len, ==, 0);
  g_clear_pointer (&findings, g_ptr_array_unref);

  findings = mfm_change_validate (invalid, fixture->inventory);
  g_assert_cmpuint (findings->len, ==, 4);
  g_assert_nonnull (strstr (((MfmFinding *) g_ptr_array_index (findings, 0))->message, "has no address pool"));
  g_assert_nonnull (strstr (((MfmFinding *) g_ptr_array_index (findings, 1))->message, "is not on the primary server"));
  g_assert_nonnull (strstr (((MfmFinding *) g_ptr_array_index (findings, 2))->message, "already belongs to the relationship “other”"));
  g_assert_nonnull (strstr (((MfmFinding *) g_ptr_array_index (findings, 3))->message, "does not exist"));
  for (guint i = 0; i < findings->len; i++)
    g_assert_cmpint (((MfmFinding *) g_ptr_array_index (findings, i))->severity, ==, MFM_SEVERITY_ERROR);
}

static void
test_remove_scopes (Fixture       *fixture,
                    gconstpointer  data)
{
  MfmRelationship *normal = mfm_inventory_lookup_relationship (fixture->inventory, "dc1-dc2");
  const char *office[] = { "dhcpScopes/1", NULL };
  g_autoptr(MfmChange) change = mfm_change_new_remove_scopes (normal, office, MFM_DECONFIGURE_DISABLE);
  g_autoptr(GPtrArray) impacts = mfm_change_compute_impact (change, fixture->inventory);
  g_autoptr(GPtrArray) diff = NULL;
  MfmServerImpact *primary = impact_at (impacts, 0);
  MfmServerImpact *secondary = impact_at (impacts, 1);
  g_autoptr(MfmChange) fresh = mfm_change_new_remove_scopes (normal, office, MFM_DECONFIGURE_DISABLE);
  g_autoptr(GPtrArray) fresh_diff = NULL;

  mfm_change_resolve_scopes (fresh, fixture->inventory);
  fresh_diff = mfm_change_get_diff (fresh);
  g_assert_cmpstr (((MfmFieldDiff *) g_ptr_array_index (fresh_diff, 0))->old_value, ==, "Office (10.1.20.0/24)");

  diff = mfm_change_get_diff (change);
  g_assert_cmpstr (mfm_change_get_title (change), ==, "Remove scopes from “dc1-dc2”");
  g_assert_cmpuint (mfm_relationship_get_scope_count (mfm_change_get_relationship (change)), ==, 0);
  g_assert_cmpuint (diff->len, ==, 1);
  g_assert_cmpstr (((MfmFieldDiff *) g_ptr_array_index (diff, 0))->old_value, ==, "Office (10.1.20.0/24)");
  g_assert_null (((MfmFieldDiff *) g_ptr_array_index (diff, 0))->new_value);

  g_assert_true (strv_has (primary->pools_losing, "10.1.20.100–10.1.20.199 (10.1.20.0/24)"));
  g_assert_true (strv_has (secondary->pools_losing, "10.1.20.100–10.1.20.199 (10.1.20.0/24)"));
  g_assert_true (strv_has (primary->scopes_kept, "Office (10.1.20.0/24)"));
  g_assert_true (strv_has (secondary->scopes_disabled, "Office (10.1.20.0/24)"));
  /* The last scope left: the peer statement goes too. */
  g_assert_true (strv_has (primary->lines_removed, "failover peer \"dc1-dc2\" {"));
  g_assert_true (strv_has (primary->lines_removed, "failover peer \"dc1-dc2\";"));
  g_assert_true (strv_has (secondary->lines_removed, "  secondary;"));
  g_assert_nonnull (strstr (primary->note, "Empty"));

  {
    g_autofree char *primary_text = mfm_server_impact_to_text (primary);
    g_autofree char *secondary_text = mfm_server_impact_to_text (secondary);

    g_assert_true (g_str_has_prefix (primary_text, "dc1.example.com\n"));
    g_assert_nonnull (strstr (primary_text, "Pools that lose the failover peer:\n  10.1.20.100–10.1.20.199 (10.1.20.0/24)\n"));
    g_assert_nonnull (strstr (primary_text, "Scopes kept:\n  Office (10.1.20.0/24)\n"));
    g_assert_nonnull (strstr (primary_text, "-   split 128;\n"));
    g_assert_nonnull (strstr (secondary_text, "Scopes disabled:\n  Office (10.1.20.0/24)\n"));
    g_assert_null (strstr (secondary_text, "Scopes deleted:"));
  }
}

typedef struct
{
  guint changed;
  guint n_changes_notify;
  guint can_undo_notify;
  guint can_redo_notify;
} SetLog;

static void
on_changed (MfmChangeSet *set,
            SetLog       *log)
{
  log->changed++;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           SetLog     *log)
{
  if (g_str_equal (pspec->name, "n-changes"))
    log->n_changes_notify++;
  else if (g_str_equal (pspec->name, "can-undo"))
    log->can_undo_notify++;
  else if (g_str_equal (pspec->name, "can-redo"))
    log->can_redo_notify++;
}

/* The items-changed signals of the list model, as one string: "pos-removed+added ...". */
static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  GString    *log)
{
  g_string_append_printf (log, "%s%u-%u+%u", log->len > 0 ? " " : "", position, removed, added);
}

/* One change can be taken out of the middle, undone back into its place, and redone. */
static void
test_remove_at (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MfmChangeSet) set = mfm_change_set_new ();
  g_autoptr(MfmRelationship) one = make_relationship ("one", NULL);
  g_autoptr(MfmRelationship) two = make_relationship ("two", NULL);
  g_autoptr(MfmRelationship) three = make_relationship ("three", NULL);
  g_autoptr(MfmChange) a = mfm_change_new_add (one);
  g_autoptr(MfmChange) b = mfm_change_new_add (two);
  g_autoptr(MfmChange) c = mfm_change_new_add (three);
  g_autoptr(MfmChange) d = mfm_change_new_remove (one, MFM_DECONFIGURE_DISABLE);
  g_autoptr(GString) items = g_string_new (NULL);
  SetLog log = { 0 };

  g_assert_false (mfm_change_set_remove_at (set, 0));

  mfm_change_set_add (set, a);
  mfm_change_set_add (set, b);
  mfm_change_set_add (set, c);
  g_signal_connect (set, "changed", G_CALLBACK (on_changed), &log);
  g_signal_connect (set, "notify", G_CALLBACK (on_notify), &log);
  g_signal_connect (set, "items-changed", G_CALLBACK (on_items_changed), items);

  /* Past the end: nothing happens. */
  g_assert_false (mfm_change_set_remove_at (set, 3));
  g_assert_cmpuint (log.changed, ==, 0);

  /* The middle one. */
  g_assert_true (mfm_change_set_remove_at (set, 1));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 2);
  g_assert_true (mfm_change_set_get_change (set, 0) == a);
  g_assert_true (mfm_change_set_get_change (set, 1) == c);
  g_assert_cmpstr (items->str, ==, "1-1+0");
  g_assert_cmpuint (log.changed, ==, 1);
  g_assert_cmpuint (log.n_changes_notify, ==, 1);
  g_assert_cmpint (mfm_change_set_get_pending_state (set, "two"), ==, MFM_PENDING_NONE);

  /* Undo puts it back where it was; redo takes it out again. */
  g_assert_true (mfm_change_set_undo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 3);
  g_assert_true (mfm_change_set_get_change (set, 1) == b);
  g_assert_true (mfm_change_set_get_change (set, 2) == c);
  g_assert_true (mfm_change_set_redo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 2);
  g_assert_true (mfm_change_set_get_change (set, 1) == c);
  g_assert_true (mfm_change_set_undo (set));

  /* The first and the last. */
  g_assert_true (mfm_change_set_remove_at (set, 0));
  g_assert_true (mfm_change_set_get_change (set, 0) == b);
  g_assert_true (mfm_change_set_remove_at (set, 1));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 1);
  g_assert_true (mfm_change_set_undo (set));
  g_assert_true (mfm_change_set_undo (set));
  g_assert_true (mfm_change_set_get_change (set, 0) == a);
  g_assert_true (mfm_change_set_get_change (set, 1) == b);
  g_assert_true (mfm_change_set_get_change (set, 2) == c);

  /* A relationship that exists only in staged changes goes with all of them, in one step. */
  mfm_change_set_add (set, d);
  g_assert_cmpuint (mfm_change_set_remove_relationship_changes (set, "one"), ==, 2);
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 2);
  g_assert_true (mfm_change_set_get_change (set, 0) == b);
  g_assert_cmpuint (mfm_change_set_remove_relationship_changes (set, "nothing"), ==, 0);
  g_assert_true (mfm_change_set_undo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 4);
  g_assert_true (mfm_change_set_get_change (set, 0) == a);
  g_assert_true (mfm_change_set_get_change (set, 3) == d);
}

static void
test_undo_redo (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MfmChangeSet) set = mfm_change_set_new ();
  g_autoptr(MfmRelationship) one = make_relationship ("one", NULL);
  g_autoptr(MfmRelationship) two = make_relationship ("two", NULL);
  g_autoptr(MfmRelationship) three = make_relationship ("three", NULL);
  g_autoptr(MfmChange) a = mfm_change_new_add (one);
  g_autoptr(MfmChange) b = mfm_change_new_add (two);
  g_autoptr(MfmChange) c = mfm_change_new_add (three);
  g_autoptr(MfmChange) d = mfm_change_new_remove (one, MFM_DECONFIGURE_DISABLE);
  SetLog log = { 0 };

  g_signal_connect (set, "changed", G_CALLBACK (on_changed), &log);
  g_signal_connect (set, "notify", G_CALLBACK (on_notify), &log);

  g_assert_false (mfm_change_set_can_undo (set));
  g_assert_false (mfm_change_set_undo (set));
  g_assert_false (mfm_change_set_redo (set));
  g_assert_cmpuint (log.changed, ==, 0);

  mfm_change_set_add (set, a);
  mfm_change_set_add (set, b);
  mfm_change_set_add (set, c);
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 3);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (set)), ==, 3);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (set)) == MFM_TYPE_CHANGE);
  g_assert_cmpuint (log.changed, ==, 3);
  g_assert_cmpuint (log.n_changes_notify, ==, 3);
  g_assert_cmpuint (log.can_undo_notify, ==, 1);
  g_assert_true (mfm_change_set_can_undo (set));
  g_assert_false (mfm_change_set_can_redo (set));

  g_assert_true (mfm_change_set_undo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 2);
  g_assert_true (mfm_change_set_get_change (set, 1) == b);
  g_assert_true (mfm_change_set_can_redo (set));
  g_assert_cmpuint (log.can_redo_notify, ==, 1);

  g_assert_true (mfm_change_set_redo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 3);
  g_assert_true (mfm_change_set_get_change (set, 2) == c);
  g_assert_false (mfm_change_set_can_redo (set));

  /* A new change empties the redo stack. */
  g_assert_true (mfm_change_set_undo (set));
  g_assert_true (mfm_change_set_can_redo (set));
  mfm_change_set_add (set, d);
  g_assert_false (mfm_change_set_can_redo (set));
  g_assert_false (mfm_change_set_redo (set));
  g_assert_true (mfm_change_set_get_change (set, 2) == d);

  /* Clear is one undoable step that brings back every change, in order. */
  log.changed = 0;
  mfm_change_set_clear (set);
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 0);
  g_assert_cmpuint (log.changed, ==, 1);
  g_assert_true (mfm_change_set_can_undo (set));
  g_assert_true (mfm_change_set_undo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 3);
  g_assert_true (mfm_change_set_get_change (set, 0) == a);
  g_assert_true (mfm_change_set_get_change (set, 1) == b);
  g_assert_true (mfm_change_set_get_change (set, 2) == d);
  g_assert_true (mfm_change_set_redo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 0);
  g_assert_true (mfm_change_set_undo (set));

  /* Undo walks back through every step. */
  g_assert_true (mfm_change_set_undo (set));
  g_assert_true (mfm_change_set_undo (set));
  g_assert_true (mfm_change_set_undo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 0);
  g_assert_false (mfm_change_set_can_undo (set));
  g_assert_false (mfm_change_set_undo (set));

  /* Clearing nothing is not a step. */
  mfm_change_set_clear (set);
  g_assert_false (mfm_change_set_can_undo (set));

  /* After a save, the applied ones go and cannot be undone. */
  g_assert_true (mfm_change_set_redo (set));
  g_assert_true (mfm_change_set_redo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 2);
  mfm_change_set_status (a, MFM_CHANGE_STATUS_APPLIED);
  mfm_change_set_remove_applied (set);
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 1);
  g_assert_true (mfm_change_set_get_change (set, 0) == b);
  g_assert_false (mfm_change_set_can_redo (set));
  g_assert_true (mfm_change_set_undo (set));
  g_assert_cmpuint (mfm_change_set_get_n_changes (set), ==, 0);
  g_assert_false (mfm_change_set_can_undo (set));
}

static void
test_pending_and_project (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MfmChangeSet) set = mfm_change_set_new ();
  MfmRelationship *normal = mfm_inventory_lookup_relationship (fixture->inventory, "dc1-dc2");
  MfmRelationship *empty = mfm_inventory_lookup_relationship (fixture->inventory, "empty-one");
  MfmRelationship *other = mfm_inventory_lookup_relationship (fixture->inventory, "other");
  g_autoptr(MfmRelationship) fresh = make_relationship ("fresh", NULL);
  g_autoptr(MfmRelationship) gone = make_relationship ("gone", NULL);
  g_autoptr(MfmRelationship) edited = mfm_relationship_copy (normal);
  g_autoptr(MfmRelationship) projected = NULL;
  g_autoptr(GPtrArray) added = NULL;
  const char *lab[] = { "dhcpScopes/2", NULL };
  const char *office[] = { "dhcpScopes/1", NULL };
  g_autoptr(MfmChange) c1 = mfm_change_new_add (fresh);
  g_autoptr(MfmChange) c2 = NULL;
  g_autoptr(MfmChange) c3 = mfm_change_new_remove (other, MFM_DECONFIGURE_DISABLE);
  g_autoptr(MfmChange) c4 = mfm_change_new_add_scopes (empty, lab);
  g_autoptr(MfmChange) c5 = mfm_change_new_add (gone);
  g_autoptr(MfmChange) c6 = mfm_change_new_remove (gone, MFM_DECONFIGURE_NONE);
  g_autoptr(MfmChange) c7 = NULL;
  g_autoptr(MfmChange) c8 = NULL;

  mfm_relationship_set_mclt (edited, 900);
  c2 = mfm_change_new_modify (normal, edited);

  mfm_change_set_add (set, c1);
  mfm_change_set_add (set, c2);
  mfm_change_set_add (set, c3);
  mfm_change_set_add (set, c4);
  mfm_change_set_add (set, c5);
  mfm_change_set_add (set, c6);

  g_assert_cmpint (mfm_change_set_get_pending_state (set, "fresh"), ==, MFM_PENDING_NEW);
  g_assert_cmpint (mfm_change_set_get_pending_state (set, "dc1-dc2"), ==, MFM_PENDING_MODIFIED);
  g_assert_cmpint (mfm_change_set_get_pending_state (set, "other"), ==, MFM_PENDING_REMOVED);
  g_assert_cmpint (mfm_change_set_get_pending_state (set, "empty-one"), ==, MFM_PENDING_MODIFIED);
  g_assert_cmpint (mfm_change_set_get_pending_state (set, "gone"), ==, MFM_PENDING_NONE);
  g_assert_cmpint (mfm_change_set_get_pending_state (set, "untouched"), ==, MFM_PENDING_NONE);

  /* Modify: new settings, the server's state and scopes stay. */
  projected = mfm_change_set_project (set, "dc1-dc2", normal);
  g_assert_nonnull (projected);
  g_assert_true (projected != normal);
  g_assert_cmpuint (mfm_relationship_get_mclt (projected), ==, 900);
  g_assert_cmpuint (mfm_relationship_get_mclt (normal), ==, 3600);
  g_assert_cmpstr (mfm_relationship_get_state (projected), ==, "Normal");
  g_assert_true (mfm_relationship_has_scope (projected, "dhcpScopes/1"));
  g_assert_cmpint (mfm_relationship_get_pending_state (projected), ==, MFM_PENDING_MODIFIED);
  g_clear_object (&projected);

  g_assert_null (mfm_change_set_project (set, "other", other));
  g_assert_null (mfm_change_set_project (set, "gone", NULL));

  projected = mfm_change_set_project (set, "empty-one", empty);
  g_assert_true (mfm_relationship_has_scope (projected, "dhcpScopes/2"));
  g_assert_cmpuint (mfm_relationship_get_scope_count (projected), ==, 1);
  g_clear_object (&projected);

  projected = mfm_change_set_project (set, "fresh", NULL);
  g_assert_nonnull (projected);
  g_assert_cmpint (mfm_relationship_get_pending_state (projected), ==, MFM_PENDING_NEW);
  g_clear_object (&projected);

  /* Scopes added to a staged relationship, then removed again. */
  c7 = mfm_change_new_add_scopes (c1 != NULL ? mfm_change_get_relationship (c1) : NULL, office);
  mfm_change_set_add (set, c7);
  projected = mfm_change_set_project (set, "fresh", NULL);
  g_assert_true (mfm_relationship_has_scope (projected, "dhcpScopes/1"));
  g_assert_cmpint (mfm_relationship_get_pending_state (projected), ==, MFM_PENDING_NEW);
  g_clear_object (&projected);
  c8 = mfm_change_new_remove_scopes (mfm_change_get_relationship (c7), office, MFM_DECONFIGURE_DELETE);
  mfm_change_set_add (set, c8);
  projected = mfm_change_set_project (set, "fresh", NULL);
  g_assert_cmpuint (mfm_relationship_get_scope_count (projected), ==, 0);

  added = mfm_change_set_get_added_relationships (set);
  g_assert_cmpuint (added->len, ==, 1);
  g_assert_cmpstr (mfm_relationship_get_name (g_ptr_array_index (added, 0)), ==, "fresh");
}

static void
assert_same_relationship (MfmRelationship *a,
                          MfmRelationship *b)
{
  if (a == NULL || b == NULL)
    {
      g_assert_true (a == b);
      return;
    }

  g_assert_true (mfm_relationship_equal_settings (a, b));
  g_assert_cmpstr (mfm_relationship_get_name (a), ==, mfm_relationship_get_name (b));
  g_assert_cmpstr (mfm_relationship_get_primary_server (a), ==, mfm_relationship_get_primary_server (b));
  g_assert_cmpstr (mfm_relationship_get_secondary_server_ref (a), ==, mfm_relationship_get_secondary_server_ref (b));
  g_assert_cmpuint (mfm_relationship_get_mclt (a), ==, mfm_relationship_get_mclt (b));
  g_assert_cmpuint (mfm_relationship_get_percentage (a), ==, mfm_relationship_get_percentage (b));
  g_assert_cmpuint (mfm_relationship_get_peer_port (a), ==, mfm_relationship_get_peer_port (b));
  g_assert_cmpstr (mfm_relationship_get_state (a), ==, mfm_relationship_get_state (b));
  g_assert_cmpstrv (mfm_relationship_get_scope_refs (a), mfm_relationship_get_scope_refs (b));
}

static void
assert_same_change (MfmChange *a,
                    MfmChange *b)
{
  g_assert_cmpint (mfm_change_get_kind (a), ==, mfm_change_get_kind (b));
  g_assert_cmpstr (mfm_change_get_title (a), ==, mfm_change_get_title (b));
  g_assert_cmpstr (mfm_change_get_subtitle (a), ==, mfm_change_get_subtitle (b));
  g_assert_cmpstr (mfm_change_get_relationship_name (a), ==, mfm_change_get_relationship_name (b));
  g_assert_cmpint (mfm_change_get_action (a), ==, mfm_change_get_action (b));
  assert_same_relationship (mfm_change_get_relationship (a), mfm_change_get_relationship (b));
  assert_same_relationship (mfm_change_get_old_relationship (a), mfm_change_get_old_relationship (b));
  if (mfm_change_get_scope_refs (a) == NULL)
    g_assert_null (mfm_change_get_scope_refs (b));
  else
    g_assert_cmpstrv (mfm_change_get_scope_refs (a), mfm_change_get_scope_refs (b));
}

static void
test_serialize (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(MfmChangeSet) set = mfm_change_set_new ();
  g_autoptr(MfmChangeSet) restored = mfm_change_set_new ();
  MfmRelationship *normal = mfm_inventory_lookup_relationship (fixture->inventory, "dc1-dc2");
  MfmRelationship *empty = mfm_inventory_lookup_relationship (fixture->inventory, "empty-one");
  g_autoptr(MfmRelationship) fresh = make_relationship ("fresh", NULL);
  g_autoptr(MfmRelationship) edited = mfm_relationship_copy (normal);
  const char *lab[] = { "dhcpScopes/2", NULL };
  const char *office[] = { "dhcpScopes/1", NULL };
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) reparsed = NULL;
  g_autoptr(GVariant) bad = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  guint kinds_seen = 0;

  g_object_set (fresh, "percentage", 33, "port", 1647, "peer-port", 1847, NULL);
  g_object_set (edited, "mclt", 1200, "max-response-delay", 15, "max-unacked-updates", 7, NULL);

  {
    g_autoptr(MfmChange) add = mfm_change_new_add (fresh);
    g_autoptr(MfmChange) modify = mfm_change_new_modify (normal, edited);
    g_autoptr(MfmChange) add_scopes = mfm_change_new_add_scopes (empty, lab);
    g_autoptr(MfmChange) remove_scopes = mfm_change_new_remove_scopes (normal, office, MFM_DECONFIGURE_DELETE);
    g_autoptr(MfmChange) remove = mfm_change_new_remove (normal, MFM_DECONFIGURE_DISABLE);

    mfm_change_set_add (set, add);
    mfm_change_set_add (set, modify);
    mfm_change_set_add (set, add_scopes);
    mfm_change_resolve_scopes (remove_scopes, fixture->inventory);
    mfm_change_set_add (set, remove_scopes);
    mfm_change_set_add (set, remove);
  }

  /* Through text as well, as a draft file would go. */
  variant = g_variant_ref_sink (mfm_change_set_serialize (set));
  printed = g_variant_print (variant, TRUE);
  reparsed = g_variant_parse (NULL, printed, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_true (mfm_change_set_deserialize (restored, reparsed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mfm_change_set_get_n_changes (restored), ==, 5);
  for (guint i = 0; i < 5; i++)
    {
      MfmChange *original = mfm_change_set_get_change (set, i);
      MfmChange *copy = mfm_change_set_get_change (restored, i);

      assert_same_change (original, copy);
      kinds_seen |= 1u << mfm_change_get_kind (copy);
    }
  g_assert_cmpuint (kinds_seen, ==, 0x1f);
  g_assert_cmpuint (mfm_relationship_get_percentage (mfm_change_get_relationship (mfm_change_set_get_change (restored, 0))), ==, 33);
  g_assert_cmpuint (mfm_relationship_get_scope_count (mfm_change_get_relationship (mfm_change_set_get_change (restored, 3))), ==, 0);

  /* Scope names learnt before the draft was written come back with it. */
  {
    g_autoptr(GPtrArray) diff = mfm_change_get_diff (mfm_change_set_get_change (restored, 3));

    g_assert_cmpstr (((MfmFieldDiff *) g_ptr_array_index (diff, 0))->old_value, ==, "Office (10.1.20.0/24)");
  }

  /* Impact of a restored scope change equals the original. */
  {
    g_autoptr(GPtrArray) a = mfm_change_compute_impact (mfm_change_set_get_change (set, 3), fixture->inventory);
    g_autoptr(GPtrArray) b = mfm_change_compute_impact (mfm_change_set_get_change (restored, 3), fixture->inventory);
    g_autofree char *text_a = mfm_server_impact_to_text (g_ptr_array_index (a, 1));
    g_autofree char *text_b = mfm_server_impact_to_text (g_ptr_array_index (b, 1));

    g_assert_cmpstr (text_a, ==, text_b);
    g_assert_nonnull (strstr (text_b, "Scopes deleted:"));
  }

  /* An unknown version is refused and the content stays. */
  bad = g_variant_ref_sink (g_variant_new_parsed ("{'version': <uint32 99>, 'changes': <@av []>}"));
  g_assert_false (mfm_change_set_deserialize (restored, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (mfm_change_set_get_n_changes (restored), ==, 5);
  g_clear_pointer (&bad, g_variant_unref);

  bad = g_variant_ref_sink (g_variant_new_parsed ("{'version': <uint32 99>, 'kind': <'add'>}"));
  g_assert_null (mfm_change_deserialize (bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_clear_pointer (&bad, g_variant_unref);

  /* A broken change inside a good envelope is refused too. */
  bad = g_variant_ref_sink (g_variant_new_parsed (
    "{'version': <uint32 1>, 'changes': <[<{'version': <uint32 1>, 'kind': <'explode'>}>]>}"));
  g_assert_false (mfm_change_set_deserialize (restored, bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_clear_pointer (&bad, g_variant_unref);

  bad = g_variant_ref_sink (g_variant_new_parsed (
    "{'version': <uint32 1>, 'kind': <'add'>, 'relationship': <{'name': <'x'>, 'mclt': <'soon'>}>}"));
  g_assert_null (mfm_change_deserialize (bad, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_cmpuint (mfm_change_set_get_n_changes (restored), ==, 5);
}

/* A draft written in the middle of a save says which changes are done, which failed with
 * what message, and which went out without an answer. */
static void
test_serialize_status (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(MfmChangeSet) set = mfm_change_set_new ();
  g_autoptr(MfmChangeSet) restored = mfm_change_set_new ();
  g_autoptr(MfmRelationship) a = make_relationship ("a", NULL);
  g_autoptr(MfmRelationship) b = make_relationship ("b", NULL);
  g_autoptr(MfmRelationship) c = make_relationship ("c", NULL);
  g_autoptr(MfmChange) done = mfm_change_new_add (a);
  g_autoptr(MfmChange) unknown = mfm_change_new_add (b);
  g_autoptr(MfmChange) failed = mfm_change_new_add (c);
  g_autoptr(GVariant) variant = NULL;
  g_autoptr(GVariant) old_format = NULL;
  g_autoptr(GError) error = NULL;

  mfm_change_set_status (done, MFM_CHANGE_STATUS_APPLIED);
  mfm_change_set_status (unknown, MFM_CHANGE_STATUS_UNKNOWN);
  mfm_change_set_error_message (unknown, "The server did not answer in time.");
  mfm_change_set_status (failed, MFM_CHANGE_STATUS_FAILED);
  mfm_change_set_error_message (failed, "Relationship “c” already exists.");
  mfm_change_set_add (set, done);
  mfm_change_set_add (set, unknown);
  mfm_change_set_add (set, failed);

  variant = g_variant_ref_sink (mfm_change_set_serialize (set));
  g_assert_true (mfm_change_set_deserialize (restored, variant, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (restored, 0)), ==, MFM_CHANGE_STATUS_APPLIED);
  g_assert_null (mfm_change_get_error_message (mfm_change_set_get_change (restored, 0)));
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (restored, 1)), ==, MFM_CHANGE_STATUS_UNKNOWN);
  g_assert_cmpstr (mfm_change_get_error_message (mfm_change_set_get_change (restored, 1)), ==,
                   "The server did not answer in time.");
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (restored, 2)), ==, MFM_CHANGE_STATUS_FAILED);
  g_assert_cmpstr (mfm_change_get_error_message (mfm_change_set_get_change (restored, 2)), ==,
                   "Relationship “c” already exists.");

  /* A draft from before statuses were kept: pending. A status this version does not know:
   * not known, so the server is read back before it is sent. */
  old_format = g_variant_ref_sink (g_variant_new_parsed (
    "{'version': <uint32 1>, 'changes': <[<{'version': <uint32 1>, 'kind': <'add'>, 'relationship': <{'name': <'x'>}>}>,"
    " <{'version': <uint32 1>, 'kind': <'add'>, 'status': <'half-way'>, 'relationship': <{'name': <'y'>}>}>]>}"));
  g_assert_true (mfm_change_set_deserialize (restored, old_format, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (restored, 0)), ==, MFM_CHANGE_STATUS_PENDING);
  g_assert_cmpint (mfm_change_get_status (mfm_change_set_get_change (restored, 1)), ==, MFM_CHANGE_STATUS_UNKNOWN);
}

/* After a save without an answer: is the change already on the server? */
static void
test_applied_in (Fixture       *fixture,
                 gconstpointer  data)
{
  MfmRelationship *normal = mfm_inventory_lookup_relationship (fixture->inventory, "dc1-dc2");
  g_autoptr(MfmRelationship) fresh = make_relationship ("fresh", NULL);
  g_autoptr(MfmRelationship) on_server = NULL;
  g_autoptr(MfmRelationship) edited = mfm_relationship_copy (normal);
  g_autoptr(MfmRelationship) after = NULL;
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) remove = mfm_change_new_remove (normal, MFM_DECONFIGURE_DISABLE);
  g_autoptr(MfmChange) add_scopes = NULL;
  g_autoptr(MfmChange) remove_scopes = NULL;
  const char *lab[] = { "dhcpScopes/2", NULL };
  const char *office[] = { "dhcpScopes/1", NULL };
  const char *both[] = { "dhcpScopes/1", "dhcpScopes/2", NULL };

  g_object_set (fresh, "mclt", 1800, NULL);
  add = mfm_change_new_add (fresh);
  g_assert_false (mfm_change_is_applied_in (add, NULL));
  /* As a server writes it back: its own name spelling and a state. */
  on_server = mfm_relationship_copy (fresh);
  g_object_set (on_server, "primary-server", "DC1.example.com", "state", "Empty", NULL);
  g_assert_true (mfm_change_is_applied_in (add, on_server));
  /* Someone else's relationship of that name is not this change. */
  g_object_set (on_server, "mclt", 3600, NULL);
  g_assert_false (mfm_change_is_applied_in (add, on_server));
  g_object_set (on_server, "mclt", 1800, "secondary-server-ref", "dhcpServers/3", NULL);
  g_assert_false (mfm_change_is_applied_in (add, on_server));

  g_object_set (edited, "mclt", 1200, NULL);
  modify = mfm_change_new_modify (normal, edited);
  g_assert_false (mfm_change_is_applied_in (modify, normal));
  g_assert_false (mfm_change_is_applied_in (modify, NULL));
  g_assert_true (mfm_change_is_applied_in (modify, edited));

  g_assert_false (mfm_change_is_applied_in (remove, normal));
  g_assert_true (mfm_change_is_applied_in (remove, NULL));

  /* dc1-dc2 has Office; adding Lab is done once it has both. */
  add_scopes = mfm_change_new_add_scopes (normal, lab);
  g_assert_false (mfm_change_is_applied_in (add_scopes, normal));
  after = mfm_relationship_copy (normal);
  mfm_relationship_set_scope_refs (after, both);
  g_assert_true (mfm_change_is_applied_in (add_scopes, after));
  g_assert_false (mfm_change_is_applied_in (add_scopes, NULL));

  remove_scopes = mfm_change_new_remove_scopes (normal, office, MFM_DECONFIGURE_DISABLE);
  g_assert_false (mfm_change_is_applied_in (remove_scopes, normal));
  g_assert_false (mfm_change_is_applied_in (remove_scopes, after));
  mfm_relationship_set_scope_refs (after, lab);
  g_assert_true (mfm_change_is_applied_in (remove_scopes, after));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/change/add", test_add);
  ADD ("/core/change/modify", test_modify);
  ADD ("/core/change/remove", test_remove);
  ADD ("/core/change/add-scopes", test_add_scopes);
  ADD ("/core/change/remove-scopes", test_remove_scopes);
  ADD ("/core/change-set/undo-redo", test_undo_redo);
  ADD ("/core/change-set/remove-at", test_remove_at);
  ADD ("/core/change-set/pending-and-project", test_pending_and_project);
  ADD ("/core/change-set/serialize", test_serialize);
  ADD ("/core/change-set/serialize-status", test_serialize_status);
  ADD ("/core/change/applied-in", test_applied_in);
#undef ADD

  return g_test_run ();
}
