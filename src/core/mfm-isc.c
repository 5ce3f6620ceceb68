/* mfm-isc.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-isc"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "mfm-isc.h"
#include "mfm-util-private.h"

/* dhcpd strings take backslash escapes; valid names never need them, but a preview must not
 * turn into broken syntax either. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

char *
mfm_isc_render_peer (MfmRelationship *relationship,
                     MfmIscRole       role,
                     const char      *own_address,
                     const char      *peer_address)
{
  GString *out;
  gboolean primary = role == MFM_ISC_ROLE_PRIMARY;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  out = g_string_new ("failover peer ");
  append_quoted (out, mfm_relationship_get_name (relationship));
  g_string_append (out, " {\n");
  g_string_append (out, primary ? "  primary;\n" : "  secondary;\n");
  g_string_append_printf (out, "  address %s;\n", own_address != NULL ? own_address : "");
  /* Micetro's "port" is the primary's listening port, "partner port" the secondary's. */
  g_string_append_printf (out, "  port %u;\n",
                          primary ? mfm_relationship_get_port (relationship)
                                  : mfm_relationship_get_peer_port (relationship));
  g_string_append_printf (out, "  peer address %s;\n", peer_address != NULL ? peer_address : "");
  g_string_append_printf (out, "  peer port %u;\n",
                          primary ? mfm_relationship_get_peer_port (relationship)
                                  : mfm_relationship_get_port (relationship));
  g_string_append_printf (out, "  max-response-delay %u;\n",
                          mfm_relationship_get_max_response_delay (relationship));
  g_string_append_printf (out, "  max-unacked-updates %u;\n",
                          mfm_relationship_get_max_unacked_updates (relationship));
  if (primary)
    {
      g_string_append_printf (out, "  mclt %u;\n", mfm_relationship_get_mclt (relationship));
      g_string_append_printf (out, "  split %u;\n", mfm_relationship_get_split (relationship));
    }
  g_string_append_printf (out, "  load balance max seconds %u;\n",
                          mfm_relationship_get_load_balance_max_seconds (relationship));
  g_string_append (out, "}\n");

  return g_string_free (out, FALSE);
}

char *
mfm_isc_render_pool_reference (const char *relationship_name)
{
  GString *out = g_string_new ("failover peer ");

  append_quoted (out, relationship_name);
  g_string_append_c (out, ';');

  return g_string_free (out, FALSE);
}

GStrv
mfm_isc_split_lines (const char *text)
{
  g_auto(GStrv) lines = NULL;
  g_autoptr(GPtrArray) result = g_ptr_array_new ();

  if (text == NULL || text[0] == '\0')
    return g_new0 (char *, 1);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* A final newline does not make another line. */
      if (lines[i + 1] == NULL && lines[i][0] == '\0')
        break;
      g_ptr_array_add (result, g_strdup (lines[i]));
    }
  g_ptr_array_add (result, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&result), FALSE);
}

/* dhcpd takes an IPv4 literal or a host name for a failover address; IPv6 is a parse error. */
static gboolean
address_is_usable (const char *address)
{
  if (address == NULL || address[0] == '\0')
    return FALSE;

  if (g_hostname_is_ip_address (address))
    return strchr (address, ':') == NULL;

  return strspn (address, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") == strlen (address) &&
         g_ascii_isalnum (address[0]);
}

static gboolean
ipv4_is_usable (const char *address)
{
  g_autoptr(GInetAddress) inet = NULL;

  if (address == NULL)
    return FALSE;

  inet = g_inet_address_new_from_string (address);
  return inet != NULL && g_inet_address_get_family (inet) == G_SOCKET_FAMILY_IPV4;
}

static gboolean
server_matches (MfmServer  *server,
                const char *ref,
                const char *name)
{
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  if (ref != NULL)
    return g_strcmp0 (ref, mfm_server_get_ref (server)) == 0;

  a = mfm_normalise_server_name (name);
  b = mfm_normalise_server_name (mfm_server_get_name (server));
  return a != NULL && g_strcmp0 (a, b) == 0;
}

typedef struct
{
  MfmRelationship *relationship;
  MfmIscRole       role;
  MfmServer       *partner;
} PeerPlan;

char *
mfm_isc_render_server_config (MfmInventory  *inventory,
                              MfmServer     *server,
                              GError       **error)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) subnets = NULL;
  g_autoptr(GPtrArray) relationships = NULL;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GHashTable) referenced = NULL;
  g_autoptr(GArray) plans = NULL;
  const char *address;

  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (MFM_IS_SERVER (server), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  address = mfm_server_get_address (server);
  plans = g_array_new (FALSE, TRUE, sizeof (PeerPlan));

  /* Micetro writes a peer only once the relationship has a scope. */
  relationships = mfm_inventory_get_relationships_for_server (inventory, mfm_server_get_ref (server));
  for (guint i = 0; i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);
      PeerPlan plan = { relationship, MFM_ISC_ROLE_PRIMARY, NULL };

      if (mfm_relationship_get_scope_count (relationship) == 0)
        continue;

      if (server_matches (server,
                          mfm_relationship_get_primary_server_ref (relationship),
                          mfm_relationship_get_primary_server (relationship)))
        {
          plan.role = MFM_ISC_ROLE_PRIMARY;
          plan.partner = mfm_inventory_lookup_secondary_server (inventory, relationship);
        }
      else
        {
          plan.role = MFM_ISC_ROLE_SECONDARY;
          plan.partner = mfm_inventory_lookup_primary_server (inventory, relationship);
        }

      g_array_append_val (plans, plan);
    }

  /* Subnets first into their own buffer, to learn which peers the pools refer to. */
  subnets = g_string_new (NULL);
  referenced = g_hash_table_new (g_str_hash, g_str_equal);
  scopes = mfm_inventory_get_scopes_for_server (inventory, mfm_server_get_ref (server));
  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);
      GPtrArray *pools = mfm_scope_get_pools (scope);
      g_autofree char *network = NULL;
      g_autofree char *netmask = NULL;

      if (pools->len == 0)
        continue;

      if (!mfm_scope_get_network (scope, &network, &netmask))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The scope “%s” has no usable IPv4 subnet (“%s”)."),
                       mfm_scope_get_name (scope) != NULL ? mfm_scope_get_name (scope) : mfm_scope_get_ref (scope),
                       mfm_scope_get_subnet (scope) != NULL ? mfm_scope_get_subnet (scope) : "");
          return NULL;
        }

      g_string_append_printf (subnets, "\nsubnet %s netmask %s {\n", network, netmask);
      for (guint p = 0; p < pools->len; p++)
        {
          const MfmAddressPool *pool = g_ptr_array_index (pools, p);
          gboolean has_peer = FALSE;

          if (!ipv4_is_usable (pool->start) || !ipv4_is_usable (pool->end))
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("A pool of the scope “%s” has an unusable address range."),
                           mfm_scope_get_name (scope) != NULL ? mfm_scope_get_name (scope) : mfm_scope_get_ref (scope));
              return NULL;
            }

          g_string_append (subnets, "  pool {\n");
          if (pool->failover_peer != NULL && pool->failover_peer[0] != '\0')
            {
              for (guint k = 0; k < plans->len; k++)
                {
                  const PeerPlan *plan = &g_array_index (plans, PeerPlan, k);

                  if (g_strcmp0 (mfm_relationship_get_name (plan->relationship), pool->failover_peer) == 0)
                    has_peer = TRUE;
                }

              if (has_peer)
                {
                  g_autofree char *reference = mfm_isc_render_pool_reference (pool->failover_peer);

                  g_string_append_printf (subnets, "    %s\n", reference);
                  g_hash_table_add (referenced, pool->failover_peer);
                }
              else
                {
                  /* dhcpd refuses a reference to a peer it has not seen declared. */
                  g_string_append (subnets, "    # failover peer ");
                  append_quoted (subnets, pool->failover_peer);
                  g_string_append (subnets, " is not a relationship of this server\n");
                }
            }
          g_string_append_printf (subnets, "    range %s %s;\n", pool->start, pool->end);
          g_string_append (subnets, "  }\n");
        }
      g_string_append (subnets, "}\n");
    }

  out = g_string_new (NULL);
  g_string_append_printf (out, "# %s\n", mfm_server_get_display_name (server));
  g_string_append (out,
                   "authoritative;\n"
                   "ddns-update-style none;\n"
                   "default-lease-time 600;\n"
                   "max-lease-time 7200;\n");

  for (guint k = 0; k < plans->len; k++)
    {
      const PeerPlan *plan = &g_array_index (plans, PeerPlan, k);
      g_autofree char *peer = NULL;
      const char *peer_address;

      /* dhcpd rejects a peer that no pool refers to. */
      if (!g_hash_table_contains (referenced, mfm_relationship_get_name (plan->relationship)))
        continue;

      peer_address = plan->partner != NULL ? mfm_server_get_address (plan->partner) : NULL;
      if (!address_is_usable (address) || !address_is_usable (peer_address))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("The relationship “%s” needs an IPv4 address for both servers."),
                       mfm_relationship_get_name (plan->relationship));
          return NULL;
        }

      peer = mfm_isc_render_peer (plan->relationship, plan->role, address, peer_address);
      g_string_append_c (out, '\n');
      g_string_append (out, peer);
    }

  g_string_append (out, subnets->str);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
