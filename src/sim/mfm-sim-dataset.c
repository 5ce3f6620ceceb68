/* mfm-sim-dataset.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-error.h"
#include "mfm-sim-dataset.h"
#include "mfm-wire.h"

#define STATE_EMPTY  "Empty"
#define STATE_NORMAL "Normal"

static void
add_server (MfmInventory *inventory,
            const char   *ref,
            const char   *name,
            const char   *address,
            const char   *server_type,
            const char   *state)
{
  g_autoptr(MfmServer) server = mfm_server_new (ref, name, address, server_type, state);

  mfm_server_set_enabled (server, TRUE);
  mfm_inventory_add_server (inventory, server);
}

/* A /24 scope with pools given as host ranges ("50-199"), or none. */
static MfmScope *
add_scope (MfmInventory *inventory,
           const char   *ref,
           const char   *name,
           const char   *server_ref,
           const char   *network_prefix,
           const char   *description,
           const char   *pools,
           const char   *failover_peer)
{
  g_autofree char *subnet = g_strdup_printf ("%s.0/24", network_prefix);
  g_autoptr(MfmScope) scope = mfm_scope_new (ref, name, server_ref, subnet);

  mfm_scope_set_description (scope, description);
  mfm_scope_set_enabled (scope, TRUE);
  if (pools != NULL)
    {
      g_auto(GStrv) ranges = g_strsplit (pools, ",", -1);

      for (guint i = 0; ranges[i] != NULL; i++)
        {
          g_auto(GStrv) bounds = g_strsplit (ranges[i], "-", 2);
          g_autofree char *start = g_strdup_printf ("%s.%s", network_prefix, bounds[0]);
          g_autofree char *end = g_strdup_printf ("%s.%s", network_prefix, bounds[1]);

          mfm_scope_add_pool (scope, start, end, failover_peer);
        }
    }

  return mfm_inventory_add_scope (inventory, scope);
}

static void
add_relationship (MfmInventory       *inventory,
                  const char         *name,
                  const char         *primary_ref,
                  const char         *secondary_ref,
                  const char         *state,
                  guint               mclt,
                  guint               load_balance_max_seconds,
                  const char * const *scope_refs)
{
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  MfmServer *primary = mfm_inventory_lookup_server (inventory, primary_ref);
  MfmServer *secondary = mfm_inventory_lookup_server (inventory, secondary_ref);

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server_ref (relationship, primary_ref);
  mfm_relationship_set_secondary_server_ref (relationship, secondary_ref);
  mfm_relationship_set_primary_server (relationship, mfm_server_get_name (primary));
  mfm_relationship_set_secondary_server (relationship, mfm_server_get_name (secondary));
  mfm_relationship_set_failover_mode (relationship, "LoadBalance");
  mfm_relationship_set_mclt (relationship, mclt);
  mfm_relationship_set_load_balance_max_seconds (relationship, load_balance_max_seconds);
  mfm_relationship_set_state (relationship, state);
  mfm_relationship_set_scope_refs (relationship, scope_refs);
  mfm_inventory_add_relationship (inventory, relationship);
}

/* A scope in a relationship and its copy on the partner, as Micetro leaves them. */
static void
add_failover_scope (MfmInventory *inventory,
                    const char   *primary_scope_ref,
                    const char   *secondary_scope_ref,
                    const char   *name,
                    const char   *primary_ref,
                    const char   *secondary_ref,
                    const char   *network_prefix,
                    const char   *description,
                    const char   *pools,
                    const char   *relationship_name)
{
  add_scope (inventory, primary_scope_ref, name, primary_ref, network_prefix, description,
             pools, relationship_name);
  add_scope (inventory, secondary_scope_ref, name, secondary_ref, network_prefix, description,
             pools, relationship_name);
}

void
mfm_sim_dataset_load_demo (MfmInventory *inventory)
{
  g_return_if_fail (MFM_IS_INVENTORY (inventory));

  /* Two ISC servers per site, a Microsoft pair at head office and a Kea lab. */
  add_server (inventory, "dhcpServers/12", "dhcp-ams-01.corp.example.net.", "192.0.2.11", "ISC", "OK");
  add_server (inventory, "dhcpServers/13", "dhcp-ams-02.corp.example.net.", "192.0.2.12", "ISC", "OK");
  add_server (inventory, "dhcpServers/17", "dhcp-fra-01.corp.example.net.", "198.51.100.21", "ISC", "OK");
  add_server (inventory, "dhcpServers/18", "dhcp-fra-02.corp.example.net.", "198.51.100.22", "ISC", "OK");
  add_server (inventory, "dhcpServers/24", "dhcp-lon-01.corp.example.net.", "203.0.113.31", "ISC", "OK");
  add_server (inventory, "dhcpServers/25", "dhcp-lon-02.corp.example.net.", "203.0.113.32", "ISC", "OK");
  add_server (inventory, "dhcpServers/31", "dhcp-nyc-01.corp.example.net.", "203.0.113.41", "ISC", "OK");
  add_server (inventory, "dhcpServers/32", "dhcp-nyc-02.corp.example.net.", "203.0.113.42", "ISC", "Unreachable");
  add_server (inventory, "dhcpServers/40", "ms-dhcp-hq-01.corp.example.net.", "192.0.2.51", "MSDHCP", "OK");
  add_server (inventory, "dhcpServers/41", "ms-dhcp-hq-02.corp.example.net.", "192.0.2.52", "MSDHCP", "OK");
  add_server (inventory, "dhcpServers/45", "kea-lab-01.corp.example.net.", "198.51.100.61", "KEA DHCPv4", "OK");
  add_server (inventory, "dhcpServers/46", "kea-lab-02.corp.example.net.", "198.51.100.62", "KEA DHCPv4", "OK");

  /* Amsterdam: a healthy pair with four scopes, plus a server subnet without a pool. */
  add_failover_scope (inventory, "dhcpScopes/101", "dhcpScopes/201", "AMS Office floor 1",
                      "dhcpServers/12", "dhcpServers/13", "10.10.1", "Desks and meeting rooms, floor 1",
                      "50-199", "ams-failover");
  add_failover_scope (inventory, "dhcpScopes/102", "dhcpScopes/202", "AMS Office floor 2",
                      "dhcpServers/12", "dhcpServers/13", "10.10.2", "Desks and meeting rooms, floor 2",
                      "50-199", "ams-failover");
  add_failover_scope (inventory, "dhcpScopes/103", "dhcpScopes/203", "AMS Wi-Fi guests",
                      "dhcpServers/12", "dhcpServers/13", "10.10.3", "Guest wireless, internet only",
                      "20-99,120-239", "ams-failover");
  add_failover_scope (inventory, "dhcpScopes/104", "dhcpScopes/204", "AMS VoIP phones",
                      "dhcpServers/12", "dhcpServers/13", "10.10.4", "Desk phones",
                      "100-220", "ams-failover");
  add_scope (inventory, "dhcpScopes/105", "AMS Servers", "dhcpServers/12", "10.10.10",
             "Fixed addresses only", NULL, NULL);
  {
    const char *refs[] = { "dhcpScopes/101", "dhcpScopes/102", "dhcpScopes/103", "dhcpScopes/104", NULL };

    add_relationship (inventory, "ams-failover", "dhcpServers/12", "dhcpServers/13", STATE_NORMAL,
                      3600, 3, refs);
  }

  /* Frankfurt: a healthy pair, and a printer scope not yet in failover. */
  add_failover_scope (inventory, "dhcpScopes/111", "dhcpScopes/211", "FRA Office",
                      "dhcpServers/17", "dhcpServers/18", "10.20.1", "Desks, floors 1 to 3",
                      "30-230", "fra-failover");
  add_failover_scope (inventory, "dhcpScopes/112", "dhcpScopes/212", "FRA Wi-Fi staff",
                      "dhcpServers/17", "dhcpServers/18", "10.20.2", "Staff wireless",
                      "30-230", "fra-failover");
  add_failover_scope (inventory, "dhcpScopes/113", "dhcpScopes/213", "FRA Lab",
                      "dhcpServers/17", "dhcpServers/18", "10.20.3", "Test benches",
                      "100-150", "fra-failover");
  add_scope (inventory, "dhcpScopes/114", "FRA Printers", "dhcpServers/17", "10.20.4",
             "Printers and scanners", "50-99", NULL);
  {
    const char *refs[] = { "dhcpScopes/111", "dhcpScopes/112", "dhcpScopes/113", NULL };

    add_relationship (inventory, "fra-failover", "dhcpServers/17", "dhcpServers/18", STATE_NORMAL,
                      1800, 5, refs);
  }

  /* London: a relationship that was just created, and scopes ready to join it. */
  add_scope (inventory, "dhcpScopes/121", "LON Office", "dhcpServers/24", "10.30.1",
             "Desks, floors 4 to 6", "40-220", NULL);
  add_scope (inventory, "dhcpScopes/122", "LON Wi-Fi guests", "dhcpServers/24", "10.30.2",
             "Guest wireless, internet only", "20-239", NULL);
  add_scope (inventory, "dhcpScopes/123", "LON Cameras", "dhcpServers/24", "10.30.3",
             "Building security", "10-60", NULL);
  add_scope (inventory, "dhcpScopes/124", "LON Servers", "dhcpServers/24", "10.30.10",
             "Fixed addresses only", NULL, NULL);
  add_scope (inventory, "dhcpScopes/125", "LON Reception", "dhcpServers/25", "10.30.20",
             "Kiosks in the lobby", "10-40", NULL);
  add_relationship (inventory, "lon-failover", "dhcpServers/24", "dhcpServers/25", STATE_EMPTY,
                    3600, 3, NULL);

  /* New York: the partner is unreachable, so the pair cannot talk. */
  add_failover_scope (inventory, "dhcpScopes/131", "dhcpScopes/231", "NYC Office",
                      "dhcpServers/31", "dhcpServers/32", "10.40.1", "Desks",
                      "50-199", "nyc-failover");
  add_failover_scope (inventory, "dhcpScopes/132", "dhcpScopes/232", "NYC Wi-Fi",
                      "dhcpServers/31", "dhcpServers/32", "10.40.2", "Staff and guest wireless",
                      "20-239", "nyc-failover");
  add_scope (inventory, "dhcpScopes/133", "NYC Conference center", "dhcpServers/31", "10.40.3",
             "Event hall", "100-199", NULL);
  {
    const char *refs[] = { "dhcpScopes/131", "dhcpScopes/132", NULL };

    add_relationship (inventory, "nyc-failover", "dhcpServers/31", "dhcpServers/32",
                      "Communications interrupted", 3600, 3, refs);
  }

  /* Microsoft and Kea servers have scopes too, but take no part in ISC failover. */
  add_scope (inventory, "dhcpScopes/141", "HQ Office", "dhcpServers/40", "10.50.1",
             "Head office desks", "50-199", NULL);
  add_scope (inventory, "dhcpScopes/142", "HQ Wi-Fi", "dhcpServers/41", "10.50.2",
             "Head office wireless", "50-199", NULL);
  add_scope (inventory, "dhcpScopes/151", "Lab bench A", "dhcpServers/45", "10.60.1",
             "Kea evaluation", "10-100", NULL);
  add_scope (inventory, "dhcpScopes/152", "Lab bench B", "dhcpServers/46", "10.60.2",
             "Kea evaluation", "10-100", NULL);

  mfm_inventory_update_counts (inventory);
}

/* Generated estates. */

static const char * const sites[] = {
  "ams", "fra", "lon", "nyc", "sfo", "sgp", "syd", "tyo", "par", "mad",
  "sto", "osl", "hel", "dub", "chi", "dfw", "sea", "yyz", "gru", "jnb",
};

static void
format_subnet_prefix (guint  index,
                      char  *buffer,
                      gsize  size)
{
  /* 65536 /24s in 10/8, then 16384 more in 100.64/10; beyond that they repeat. */
  if (index < 65536)
    g_snprintf (buffer, size, "10.%u.%u", index >> 8, index & 0xff);
  else
    {
      index = (index - 65536) % 16384;
      g_snprintf (buffer, size, "100.%u.%u", 64 + (index >> 8), index & 0xff);
    }
}

static MfmScope *
generated_scope (guint       *next_scope_id,
                 guint        subnet_index,
                 const char  *server_ref,
                 guint        n_pools,
                 const char  *failover_peer)
{
  char prefix[32];
  g_autofree char *ref = g_strdup_printf ("dhcpScopes/%u", (*next_scope_id)++);
  g_autofree char *subnet = NULL;
  g_autofree char *name = NULL;
  MfmScope *scope;

  format_subnet_prefix (subnet_index, prefix, sizeof prefix);
  subnet = g_strdup_printf ("%s.0/24", prefix);
  /* Free text, as people name scopes: the network is the Range's, never the name's. */
  name = g_strdup_printf ("Floor %u clients %u", subnet_index % 12 + 1, subnet_index / 12 + 1);
  scope = mfm_scope_new (ref, name, server_ref, subnet);
  mfm_scope_set_enabled (scope, TRUE);
  for (guint i = 0; i < n_pools; i++)
    {
      g_autofree char *start = g_strdup_printf ("%s.%u", prefix, i == 0 ? 50 : 210);
      g_autofree char *end = g_strdup_printf ("%s.%u", prefix, i == 0 ? 199 : 239);

      mfm_scope_add_pool (scope, start, end, failover_peer);
    }

  return scope;
}

static MfmScope *
copy_scope_to (MfmScope   *scope,
               guint      *next_scope_id,
               const char *server_ref)
{
  g_autofree char *ref = g_strdup_printf ("dhcpScopes/%u", (*next_scope_id)++);
  MfmScope *copy = mfm_scope_new (ref, mfm_scope_get_name (scope), server_ref,
                                  mfm_scope_get_subnet (scope));
  GPtrArray *pools = mfm_scope_get_pools (scope);

  mfm_scope_set_description (copy, mfm_scope_get_description (scope));
  mfm_scope_set_enabled (copy, TRUE);
  for (guint i = 0; i < pools->len; i++)
    {
      MfmAddressPool *pool = g_ptr_array_index (pools, i);

      mfm_scope_add_pool (copy, pool->start, pool->end, pool->failover_peer);
    }

  return copy;
}

void
mfm_sim_dataset_generate (MfmInventory *inventory,
                          guint         n_servers,
                          guint         n_relationships,
                          guint         n_scopes,
                          guint         seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GPtrArray) servers = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) isc = g_ptr_array_new ();
  guint next_server_id = 10;
  guint next_scope_id = 100;
  guint subnet_index = 0;
  guint scopes_left = n_scopes;
  guint relationship_budget;
  guint n_made = 0;

  g_return_if_fail (MFM_IS_INVENTORY (inventory));

  for (guint i = 0; i < n_servers; i++)
    {
      const char *site = sites[i % G_N_ELEMENTS (sites)];
      guint number = i / G_N_ELEMENTS (sites) + 1;
      g_autofree char *ref = NULL;
      g_autofree char *name = NULL;
      g_autofree char *address = NULL;
      const char *server_type = "ISC";
      const char *state = "OK";
      guint roll;
      MfmServer *server;

      /* Refs with gaps, as a long-lived Micetro has them. */
      next_server_id += 1 + g_rand_int_range (rand, 0, 3);
      ref = g_strdup_printf ("dhcpServers/%u", next_server_id);
      address = g_strdup_printf ("172.%u.%u.%u", 16 + ((i + 1) >> 16), ((i + 1) >> 8) & 0xff, (i + 1) & 0xff);

      if (i % 10 == 9)
        {
          gboolean microsoft = (i / 10) % 2 == 0;

          server_type = microsoft ? "MSDHCP" : "KEA DHCPv4";
          name = g_strdup_printf ("%s-%s-%02u.corp.example.net.", microsoft ? "ms-dhcp" : "kea",
                                  site, number);
        }
      else
        {
          name = g_strdup_printf ("dhcp-%s-%02u.corp.example.net.", site, number);
        }

      roll = g_rand_int_range (rand, 0, 100);
      if (roll < 2)
        state = "Unreachable";
      else if (roll < 3)
        state = "Service Down";

      server = mfm_server_new (ref, name, address, server_type, state);
      mfm_server_set_enabled (server, TRUE);
      mfm_inventory_add_server (inventory, server);
      g_ptr_array_add (servers, server);
      if (mfm_server_is_isc (server))
        g_ptr_array_add (isc, server);
    }

  /* Up to 60 % of the scopes go into relationships (a scope and its partner's copy each). */
  relationship_budget = n_scopes / 10 * 6;
  for (guint r = 0; r < n_relationships && isc->len >= 2; r++)
    {
      g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
      g_autoptr(GPtrArray) scope_refs = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *name = NULL;
      MfmServer *primary;
      MfmServer *secondary;
      guint a, b;
      guint n_relationship_scopes;
      guint roll;

      /* Pairs of neighbours first; more relationships than pairs reuse servers. */
      if (r < isc->len / 2)
        {
          a = 2 * r;
          b = 2 * r + 1;
        }
      else
        {
          guint k = r - isc->len / 2;

          a = k % isc->len;
          b = (a + 2 + k / isc->len) % isc->len;
          if (b == a)
            b = (a + 1) % isc->len;
        }
      primary = g_ptr_array_index (isc, a);
      secondary = g_ptr_array_index (isc, b);

      name = g_strdup_printf ("%.3s-failover-%u", mfm_server_get_display_name (primary) + 5, r + 1);
      mfm_relationship_set_name (relationship, name);
      mfm_relationship_set_primary_server_ref (relationship, mfm_server_get_ref (primary));
      mfm_relationship_set_secondary_server_ref (relationship, mfm_server_get_ref (secondary));
      mfm_relationship_set_primary_server (relationship, mfm_server_get_name (primary));
      mfm_relationship_set_secondary_server (relationship, mfm_server_get_name (secondary));
      mfm_relationship_set_failover_mode (relationship, "LoadBalance");

      roll = g_rand_int_range (rand, 0, 100);
      if (roll < 10)
        mfm_relationship_set_mclt (relationship, 1800);
      else if (roll < 12)
        mfm_relationship_set_mclt (relationship, 120);
      roll = g_rand_int_range (rand, 0, 100);
      if (roll < 5)
        mfm_relationship_set_load_balance_max_seconds (relationship, 5);
      else if (roll < 8)
        mfm_relationship_set_load_balance_max_seconds (relationship, 0);

      /* About one in seven stays Empty. */
      n_relationship_scopes = g_rand_int_range (rand, 0, 7) == 0 ? 0 : g_rand_int_range (rand, 1, 4);
      for (guint s = 0; s < n_relationship_scopes && relationship_budget >= 2; s++)
        {
          g_autoptr(MfmScope) scope = generated_scope (&next_scope_id, subnet_index++,
                                                       mfm_server_get_ref (primary), 1, name);
          g_autoptr(MfmScope) copy = copy_scope_to (scope, &next_scope_id,
                                                    mfm_server_get_ref (secondary));

          mfm_inventory_add_scope (inventory, scope);
          mfm_inventory_add_scope (inventory, copy);
          g_ptr_array_add (scope_refs, g_strdup (mfm_scope_get_ref (scope)));
          relationship_budget -= 2;
          scopes_left -= 2;
        }
      g_ptr_array_add (scope_refs, NULL);
      mfm_relationship_set_scope_refs (relationship, (const char * const *) scope_refs->pdata);

      if (scope_refs->len == 1)
        mfm_relationship_set_state (relationship, STATE_EMPTY);
      else if (g_strcmp0 (mfm_server_get_state (secondary), "OK") != 0 ||
               g_strcmp0 (mfm_server_get_state (primary), "OK") != 0)
        mfm_relationship_set_state (relationship, "Communications interrupted");
      else
        {
          roll = g_rand_int_range (rand, 0, 100);
          if (roll < 4)
            mfm_relationship_set_state (relationship, "Communications interrupted");
          else if (roll < 6)
            mfm_relationship_set_state (relationship, "Partner down");
          else if (roll < 7)
            mfm_relationship_set_state (relationship, "Recover");
          else
            mfm_relationship_set_state (relationship, STATE_NORMAL);
        }

      mfm_inventory_add_relationship (inventory, relationship);
      n_made++;
    }

  /* The rest spread over every server; most have one pool, a few two, a few none. */
  for (guint s = 0; scopes_left > 0 && servers->len > 0; s++, scopes_left--)
    {
      MfmServer *server = g_ptr_array_index (servers, (s * 7) % servers->len);
      guint roll = g_rand_int_range (rand, 0, 100);
      guint n_pools = roll < 6 ? 0 : roll < 12 ? 2 : 1;
      g_autoptr(MfmScope) scope = generated_scope (&next_scope_id, subnet_index++,
                                                   mfm_server_get_ref (server), n_pools, NULL);

      mfm_inventory_add_scope (inventory, scope);
    }

  g_debug ("Generated %u servers, %u relationships, %u scopes", n_servers, n_made, n_scopes);
  mfm_inventory_update_counts (inventory);
}

/* Dataset files. */

/* A list the file leaves out is empty; a member of another type is a mistake worth saying. */
static gboolean
get_array_member (JsonObject  *object,
                  const char  *member,
                  const char  *path,
                  JsonArray  **array,
                  GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *array = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                   "%s: “%s” is not an array", path, member);
      return FALSE;
    }

  *array = json_node_get_array (node);
  return TRUE;
}

static gboolean
load_scope (MfmInventory  *inventory,
            JsonNode      *node,
            GError       **error)
{
  g_autoptr(MfmScope) scope = mfm_wire_scope_from_json (node, error);
  JsonNode *pools;

  if (scope == NULL)
    return FALSE;

  pools = json_object_get_member (json_node_get_object (node), MFM_SIM_DATASET_POOLS);
  if (pools != NULL)
    {
      g_autoptr(JsonNode) result = NULL;
      g_autoptr(JsonObject) object = json_object_new ();

      if (!JSON_NODE_HOLDS_ARRAY (pools))
        {
          g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                       "The pools of scope %s are not an array", mfm_scope_get_ref (scope));
          return FALSE;
        }
      /* Wrapped the way GetDHCPAddressPools returns them. */
      json_object_set_member (object, MFM_WIRE_RESULT_ADDRESS_POOLS, json_node_copy (pools));
      result = json_node_init_object (json_node_alloc (), object);
      mfm_scope_clear_pools (scope);
      if (!mfm_wire_pools_from_json (result, scope, error))
        return FALSE;
    }

  mfm_inventory_add_scope (inventory, scope);
  return TRUE;
}

gboolean
mfm_sim_dataset_load_file (MfmInventory  *inventory,
                           const char    *path,
                           GError       **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;
  JsonArray *array;

  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!json_parser_load_from_mapped_file (parser, path, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                   "%s: the dataset is not a JSON object", path);
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));

  if (!get_array_member (root, MFM_WIRE_RESULT_SERVERS, path, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(MfmServer) server = mfm_wire_server_from_json (json_array_get_element (array, i), error);

      if (server == NULL)
        {
          g_prefix_error (error, "%s: server %u: ", path, i + 1);
          return FALSE;
        }
      mfm_inventory_add_server (inventory, server);
    }

  if (!get_array_member (root, MFM_WIRE_RESULT_SCOPES, path, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                       "%s: scope %u is not an object", path, i + 1);
          return FALSE;
        }
      if (!load_scope (inventory, node, error))
        {
          g_prefix_error (error, "%s: scope %u: ", path, i + 1);
          return FALSE;
        }
    }

  if (!get_array_member (root, MFM_WIRE_RESULT_RELATIONSHIPS, path, &array, error))
    return FALSE;
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      g_autoptr(MfmRelationship) relationship = NULL;

      relationship = mfm_wire_relationship_from_json (json_array_get_element (array, i), error);
      if (relationship == NULL)
        {
          g_prefix_error (error, "%s: relationship %u: ", path, i + 1);
          return FALSE;
        }
      mfm_inventory_add_relationship (inventory, relationship);
    }

  mfm_sim_dataset_normalise (inventory);
  return TRUE;
}

/* Fills in the ref from the name or the name from the ref. */
static void
complete_server (MfmInventory  *inventory,
                 const char    *ref,
                 const char    *name,
                 char         **out_ref,
                 char         **out_name)
{
  MfmServer *server = NULL;

  if (ref != NULL)
    server = mfm_inventory_lookup_server (inventory, ref);
  if (server == NULL && name != NULL)
    server = mfm_inventory_lookup_server_by_name (inventory, name);

  *out_ref = g_strdup (server != NULL ? mfm_server_get_ref (server) : ref);
  *out_name = g_strdup (server != NULL ? mfm_server_get_name (server) : name);
}

void
mfm_sim_dataset_normalise (MfmInventory *inventory)
{
  GListModel *relationships = mfm_inventory_get_relationships (inventory);
  guint n = g_list_model_get_n_items (relationships);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, i);
      g_autofree char *primary_ref = NULL;
      g_autofree char *primary_name = NULL;
      g_autofree char *secondary_ref = NULL;
      g_autofree char *secondary_name = NULL;
      const char *state;

      complete_server (inventory,
                       mfm_relationship_get_primary_server_ref (relationship),
                       mfm_relationship_get_primary_server (relationship),
                       &primary_ref, &primary_name);
      complete_server (inventory,
                       mfm_relationship_get_secondary_server_ref (relationship),
                       mfm_relationship_get_secondary_server (relationship),
                       &secondary_ref, &secondary_name);
      mfm_relationship_set_primary_server_ref (relationship, primary_ref);
      mfm_relationship_set_primary_server (relationship, primary_name);
      mfm_relationship_set_secondary_server_ref (relationship, secondary_ref);
      mfm_relationship_set_secondary_server (relationship, secondary_name);
      if (mfm_relationship_get_failover_mode (relationship) == NULL)
        mfm_relationship_set_failover_mode (relationship, "LoadBalance");

      /* Scope refs missing from the file: the primary's scopes whose pools name the peer. */
      if (mfm_relationship_get_scope_count (relationship) == 0 && primary_ref != NULL)
        {
          g_autoptr(GPtrArray) scopes = mfm_inventory_get_scopes_for_server (inventory, primary_ref);
          g_autoptr(GPtrArray) refs = g_ptr_array_new ();

          for (guint j = 0; j < scopes->len; j++)
            {
              MfmScope *scope = g_ptr_array_index (scopes, j);

              if (g_strcmp0 (mfm_scope_get_relationship_name (scope),
                             mfm_relationship_get_name (relationship)) == 0)
                g_ptr_array_add (refs, (gpointer) mfm_scope_get_ref (scope));
            }
          g_ptr_array_add (refs, NULL);
          mfm_relationship_set_scope_refs (relationship, (const char * const *) refs->pdata);
        }

      state = mfm_relationship_get_state (relationship);
      if (mfm_relationship_get_scope_count (relationship) == 0)
        mfm_relationship_set_state (relationship, STATE_EMPTY);
      else if (state == NULL || *state == '\0' || g_ascii_strcasecmp (state, STATE_EMPTY) == 0)
        mfm_relationship_set_state (relationship, STATE_NORMAL);
    }

  mfm_inventory_update_counts (inventory);
}

guint
mfm_sim_dataset_max_scope_id (MfmInventory *inventory)
{
  GListModel *scopes = mfm_inventory_get_scopes (inventory);
  guint n = g_list_model_get_n_items (scopes);
  guint max = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmScope) scope = g_list_model_get_item (scopes, i);
      const char *slash = strrchr (mfm_scope_get_ref (scope), '/');
      guint64 id;

      if (slash != NULL && g_ascii_string_to_unsigned (slash + 1, 10, 0, G_MAXUINT, &id, NULL))
        max = MAX (max, (guint) id);
    }

  return max;
}
