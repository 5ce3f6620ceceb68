/* mfm-kea.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-kea"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n.h>

#include "mfm-kea.h"
#include "mfm-scope.h"
#include "mfm-util-private.h"

/* Rows of the parameter table; the order is the order shown. */
enum
{
  ROW_PRIMARY,
  ROW_SECONDARY,
  ROW_ADDRESS,
  ROW_PEER_ADDRESS,
  ROW_PORT,
  ROW_PEER_PORT,
  ROW_SPLIT,
  ROW_HBA,
  ROW_MAX_RESPONSE_DELAY,
  ROW_HEARTBEAT,
  ROW_LOAD_BALANCE_MAX_SECONDS,
  ROW_MAX_UNACKED_UPDATES,
  ROW_MCLT,
  ROW_AUTO_PARTNER_DOWN,
  ROW_MAX_LEASE_MISBALANCE,
  ROW_MAX_LEASE_OWNERSHIP,
  ROW_MIN_BALANCE,
  ROW_MAX_BALANCE,
  ROW_POOL,
  N_ROWS
};

static const MfmKeaParameter parameters[N_ROWS] = {
  [ROW_PRIMARY] = { "primary", "this-server-name, peers[].role",
    N_("The ISC primary becomes the Kea primary, except at 0 % where the ISC secondary answers every client and so becomes the Kea primary.") },
  [ROW_SECONDARY] = { "secondary", "peers[].role",
    N_("The ISC secondary becomes the Kea secondary in load-balancing and the standby in hot-standby, except at 0 % where the roles are swapped.") },
  [ROW_ADDRESS] = { "address", "peers[].url",
    N_("The host of this server’s peer URL. Kea takes only IP addresses there, no host names.") },
  [ROW_PEER_ADDRESS] = { "peer address", "peers[].url",
    N_("The host of the partner’s peer URL.") },
  [ROW_PORT] = { "port", NULL,
    N_("No counterpart: Kea partners talk HTTP to each other’s control port (the port of each peer URL), not to a failover port.") },
  [ROW_PEER_PORT] = { "peer port", NULL,
    N_("No counterpart, as for port.") },
  [ROW_SPLIT] = { "split", "mode",
    N_("50 % (split 128) becomes load-balancing; 0 % and 100 % become hot-standby with the server that answers everyone as primary. Kea always balances half and half, so any other split has no counterpart.") },
  [ROW_HBA] = { "hba", "mode",
    N_("Not written by Micetro; it would map as the split it encodes.") },
  [ROW_MAX_RESPONSE_DELAY] = { "max-response-delay", "max-response-delay",
    N_("The same time in milliseconds (seconds × 1000), at most 65535 ms, the largest value Kea takes.") },
  [ROW_HEARTBEAT] = { "max-response-delay", "heartbeat-delay",
    N_("A third of Kea’s max-response-delay, rounded down: dhcpd contacts its partner when it has sent nothing for a third of the max response delay, and Kea wants the heartbeat well below max-response-delay.") },
  [ROW_LOAD_BALANCE_MAX_SECONDS] = { "load balance max seconds", "max-ack-delay",
    N_("The same time in milliseconds (seconds × 1000), at most 65535 ms: both are how long a client may have been trying before the partner is taken to have left it unanswered. 0 (load balancing off) has no counterpart.") },
  [ROW_MAX_UNACKED_UPDATES] = { "max-unacked-updates", "max-unacked-clients",
    N_("The same number. The meaning differs: dhcpd counts lease updates sent without an acknowledgement, Kea counts clients the partner left unanswered before it declares the partner down.") },
  [ROW_MCLT] = { "mclt", NULL,
    N_("No counterpart: a Kea server sends each lease to its partner before it answers the client, so there is no lead time to bound.") },
  [ROW_AUTO_PARTNER_DOWN] = { "auto-partner-down", NULL,
    N_("No counterpart: Kea moves to partner-down by itself once heartbeats fail for max-response-delay and max-unacked-clients clients go unanswered.") },
  [ROW_MAX_LEASE_MISBALANCE] = { "max-lease-misbalance", NULL,
    N_("No counterpart: Kea does not move free addresses between the servers; in load-balancing each pool is split in two halves, one per server.") },
  [ROW_MAX_LEASE_OWNERSHIP] = { "max-lease-ownership", NULL,
    N_("No counterpart, as for max-lease-misbalance.") },
  [ROW_MIN_BALANCE] = { "min-balance", NULL,
    N_("No counterpart: Kea has no pool rebalancing schedule.") },
  [ROW_MAX_BALANCE] = { "max-balance", NULL,
    N_("No counterpart, as for min-balance.") },
  [ROW_POOL] = { "failover peer \"NAME\"; (in a pool)", "subnet4[].pools",
    N_("Each pool of the relationship’s scopes. In load-balancing its first half gets the client class of the Kea primary (HA_name) and its second half that of the secondary; in hot-standby it stays whole. Both servers get the same subnets with the same IDs.") },
};

struct _MfmKeaConfig
{
  GObject     parent_instance;

  MfmKeaMode  mode;
  guint       heartbeat_delay;
  guint       max_response_delay;
  guint       max_ack_delay;
  guint       max_unacked_clients;
  guint       control_port;

  /* Indexed by MfmIscRole. */
  char       *names[2];
  char       *addresses[2];
  const char *roles[2];
  /* Which MfmIscRole is the Kea primary. */
  MfmIscRole  kea_primary;

  char       *hooks_dir;
  char       *lease_file;
  char       *control_socket;
  GStrv       interfaces;

  /* Rendered subnet4 list, the same for both servers. */
  GString    *subnets;
  guint       subnet_count;
  guint       pool_count;

  char       *isc_values[N_ROWS];
  char       *kea_values[N_ROWS];
  char       *row_warnings[N_ROWS];
  /* Warnings without a row of their own (scopes and pools left out, …). */
  GPtrArray  *pool_warnings;
};

G_DEFINE_FINAL_TYPE (MfmKeaConfig, mfm_kea_config, G_TYPE_OBJECT)

static inline MfmIscRole
other_server (MfmIscRole server)
{
  return server == MFM_ISC_ROLE_PRIMARY ? MFM_ISC_ROLE_SECONDARY : MFM_ISC_ROLE_PRIMARY;
}

void
mfm_kea_options_init (MfmKeaOptions *options)
{
  g_return_if_fail (options != NULL);

  options->control_port = MFM_KEA_DEFAULT_CONTROL_PORT;
  options->hooks_dir = MFM_KEA_DEFAULT_HOOKS_DIR;
  options->lease_file = MFM_KEA_DEFAULT_LEASE_FILE;
  options->control_socket = MFM_KEA_DEFAULT_CONTROL_SOCKET;
  options->interfaces = NULL;
}

const MfmKeaParameter *
mfm_kea_get_parameters (guint *n_parameters)
{
  if (n_parameters != NULL)
    *n_parameters = N_ROWS;

  return parameters;
}

static void
append_json_string (GString    *out,
                    const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text != NULL ? text : "", -1);

  g_string_append_c (out, '"');
  for (const char *p = valid; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if ((guchar) *p < 0x20 || *p == 0x7f)
            g_string_append_printf (out, "\\u%04x", (guchar) *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

char *
mfm_kea_json_quote (const char *text)
{
  GString *out = g_string_new (NULL);

  append_json_string (out, text);

  return g_string_free (out, FALSE);
}

static gboolean
parse_ipv4 (const char *text,
            guint32    *address)
{
  g_autoptr(GInetAddress) inet = NULL;
  const guint8 *bytes;

  if (text == NULL || !g_hostname_is_ip_address (text))
    return FALSE;
  inet = g_inet_address_new_from_string (text);
  if (inet == NULL || g_inet_address_get_family (inet) != G_SOCKET_FAMILY_IPV4)
    return FALSE;

  bytes = g_inet_address_to_bytes (inet);
  *address = ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16)
             | ((guint32) bytes[2] << 8) | bytes[3];

  return TRUE;
}

static char *
format_ipv4 (guint32 address)
{
  return g_strdup_printf ("%u.%u.%u.%u", address >> 24, (address >> 16) & 0xff,
                          (address >> 8) & 0xff, address & 0xff);
}

static void
mfm_kea_config_finalize (GObject *object)
{
  MfmKeaConfig *self = MFM_KEA_CONFIG (object);

  for (guint i = 0; i < 2; i++)
    {
      g_free (self->names[i]);
      g_free (self->addresses[i]);
    }
  for (guint i = 0; i < N_ROWS; i++)
    {
      g_free (self->isc_values[i]);
      g_free (self->kea_values[i]);
      g_free (self->row_warnings[i]);
    }
  g_free (self->hooks_dir);
  g_free (self->lease_file);
  g_free (self->control_socket);
  g_strfreev (self->interfaces);
  g_string_free (self->subnets, TRUE);
  g_ptr_array_unref (self->pool_warnings);

  G_OBJECT_CLASS (mfm_kea_config_parent_class)->finalize (object);
}

static void
mfm_kea_config_class_init (MfmKeaConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = mfm_kea_config_finalize;
}

static void
mfm_kea_config_init (MfmKeaConfig *self)
{
  self->subnets = g_string_new (NULL);
  self->pool_warnings = g_ptr_array_new_with_free_func (g_free);
}

/* Seconds to the 16-bit milliseconds the HA hook takes; TRUE when it had to be capped. */
static gboolean
seconds_to_delay (guint  seconds,
                  guint *milliseconds)
{
  guint64 ms = (guint64) seconds * 1000;

  if (ms > MFM_KEA_MAX_DELAY_MS)
    {
      *milliseconds = MFM_KEA_MAX_DELAY_MS;
      return TRUE;
    }

  *milliseconds = (guint) ms;
  return FALSE;
}

static char *
format_seconds (guint seconds)
{
  /* Translators: a time in seconds, e.g. "60 s". */
  return g_strdup_printf (_("%u s"), seconds);
}

static char *
format_milliseconds (guint milliseconds)
{
  /* Translators: a time in milliseconds, e.g. "60000 ms". */
  return g_strdup_printf (_("%u ms"), milliseconds);
}

static void
map_mode (MfmKeaConfig    *self,
          MfmRelationship *relationship)
{
  guint percentage = mfm_relationship_get_percentage (relationship);

  /* Translators: the ISC split and the percentage of clients the primary answers. */
  self->isc_values[ROW_SPLIT] = g_strdup_printf (_("%u (%u %%)"),
                                                 mfm_relationship_get_split (relationship),
                                                 percentage);

  if (percentage == 0 || percentage >= 100)
    {
      self->mode = MFM_KEA_MODE_HOT_STANDBY;
      /* The server that answers every client is the one Kea calls primary. */
      self->kea_primary = percentage == 0 ? MFM_ISC_ROLE_SECONDARY : MFM_ISC_ROLE_PRIMARY;
      self->roles[self->kea_primary] = "primary";
      self->roles[other_server (self->kea_primary)] = "standby";
    }
  else
    {
      self->mode = MFM_KEA_MODE_LOAD_BALANCING;
      self->kea_primary = MFM_ISC_ROLE_PRIMARY;
      self->roles[MFM_ISC_ROLE_PRIMARY] = "primary";
      self->roles[MFM_ISC_ROLE_SECONDARY] = "secondary";

      if (percentage != 50)
        self->row_warnings[ROW_SPLIT] =
          g_strdup_printf (_("Kea has no counterpart for a split of %u %% to %u %%: its load balancing always gives each server half of the clients. The configuration uses load-balancing, so the servers share the clients half and half."),
                           percentage, 100 - percentage);
    }

  self->kea_values[ROW_SPLIT] = g_strdup (mfm_kea_config_get_mode_name (self));
  self->isc_values[ROW_HBA] = g_strdup (_("not set"));
}

static void
map_timers (MfmKeaConfig    *self,
            MfmRelationship *relationship)
{
  guint response = mfm_relationship_get_max_response_delay (relationship);
  guint lbms = mfm_relationship_get_load_balance_max_seconds (relationship);
  guint unacked = mfm_relationship_get_max_unacked_updates (relationship);

  if (response == 0)
    {
      self->max_response_delay = MFM_KEA_DEFAULT_MAX_RESPONSE_DELAY_MS;
      self->isc_values[ROW_MAX_RESPONSE_DELAY] = g_strdup (_("unknown"));
      self->row_warnings[ROW_MAX_RESPONSE_DELAY] =
        g_strdup_printf (_("The max response delay is unknown, so Kea’s default max-response-delay of %u ms is used."),
                         MFM_KEA_DEFAULT_MAX_RESPONSE_DELAY_MS);
    }
  else
    {
      self->isc_values[ROW_MAX_RESPONSE_DELAY] = format_seconds (response);
      if (seconds_to_delay (response, &self->max_response_delay))
        self->row_warnings[ROW_MAX_RESPONSE_DELAY] =
          g_strdup_printf (_("Kea takes at most %u ms for max-response-delay, so the max response delay of %u s becomes %u ms."),
                           MFM_KEA_MAX_DELAY_MS, response, self->max_response_delay);
    }
  self->kea_values[ROW_MAX_RESPONSE_DELAY] = format_milliseconds (self->max_response_delay);

  self->heartbeat_delay = self->max_response_delay / 3;
  self->isc_values[ROW_HEARTBEAT] = g_strdup (self->isc_values[ROW_MAX_RESPONSE_DELAY]);
  self->kea_values[ROW_HEARTBEAT] = format_milliseconds (self->heartbeat_delay);

  if (lbms == 0)
    {
      self->max_ack_delay = MFM_KEA_DEFAULT_MAX_ACK_DELAY_MS;
      self->row_warnings[ROW_LOAD_BALANCE_MAX_SECONDS] =
        g_strdup_printf (_("Load balance max seconds is 0, which turns load balancing off in dhcpd so that both servers answer every client. Kea has no such setting; its default max-ack-delay of %u ms is used."),
                         MFM_KEA_DEFAULT_MAX_ACK_DELAY_MS);
    }
  else if (seconds_to_delay (lbms, &self->max_ack_delay))
    {
      self->row_warnings[ROW_LOAD_BALANCE_MAX_SECONDS] =
        g_strdup_printf (_("Kea takes at most %u ms for max-ack-delay, so the load balance max seconds of %u s becomes %u ms."),
                         MFM_KEA_MAX_DELAY_MS, lbms, self->max_ack_delay);
    }
  self->isc_values[ROW_LOAD_BALANCE_MAX_SECONDS] = format_seconds (lbms);
  self->kea_values[ROW_LOAD_BALANCE_MAX_SECONDS] = format_milliseconds (self->max_ack_delay);

  if (unacked == 0)
    {
      self->max_unacked_clients = MFM_KEA_DEFAULT_MAX_UNACKED_CLIENTS;
      self->isc_values[ROW_MAX_UNACKED_UPDATES] = g_strdup (_("unknown"));
      self->row_warnings[ROW_MAX_UNACKED_UPDATES] =
        g_strdup_printf (_("Max unacked updates is unknown, so Kea’s default max-unacked-clients of %u is used."),
                         MFM_KEA_DEFAULT_MAX_UNACKED_CLIENTS);
    }
  else
    {
      self->max_unacked_clients = unacked;
      self->isc_values[ROW_MAX_UNACKED_UPDATES] = g_strdup_printf ("%u", unacked);
    }
  self->kea_values[ROW_MAX_UNACKED_UPDATES] = g_strdup_printf ("%u", self->max_unacked_clients);

  self->isc_values[ROW_MCLT] = format_seconds (mfm_relationship_get_mclt (relationship));
  self->isc_values[ROW_PORT] = g_strdup_printf ("%u", mfm_relationship_get_port (relationship));
  self->isc_values[ROW_PEER_PORT] = g_strdup_printf ("%u",
                                                     mfm_relationship_get_peer_port (relationship));
  for (guint row = ROW_AUTO_PARTNER_DOWN; row <= ROW_MAX_BALANCE; row++)
    self->isc_values[row] = g_strdup (_("not set"));
}

typedef struct
{
  guint32 network;
  guint   prefix;
  MfmScope *scope;
} ScopeEntry;

static int
compare_scope_entries (gconstpointer a,
                       gconstpointer b)
{
  const ScopeEntry *x = a;
  const ScopeEntry *y = b;

  if (x->network != y->network)
    return x->network < y->network ? -1 : 1;

  return (int) x->prefix - (int) y->prefix;
}

static void
append_pool (GString    *out,
             gboolean    first,
             guint32     from,
             guint32     to,
             const char *client_class)
{
  g_autofree char *from_text = format_ipv4 (from);
  g_autofree char *to_text = format_ipv4 (to);
  g_autofree char *range = g_strdup_printf ("%s - %s", from_text, to_text);

  g_string_append (out, first ? "\n" : ",\n");
  g_string_append (out, "          {\n            \"pool\": ");
  append_json_string (out, range);
  if (client_class != NULL)
    {
      g_string_append (out, ",\n            \"client-class\": ");
      append_json_string (out, client_class);
    }
  g_string_append (out, "\n          }");
}

static void
map_scopes (MfmKeaConfig *self,
            GPtrArray    *scopes)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, TRUE, sizeof (ScopeEntry));
  g_autofree char *primary_class = g_strconcat ("HA_", self->names[self->kea_primary], NULL);
  g_autofree char *secondary_class =
    g_strconcat ("HA_", self->names[other_server (self->kea_primary)], NULL);
  guint isc_pools = 0;

  for (guint i = 0; scopes != NULL && i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);
      g_autofree char *network = NULL;
      g_autofree char *netmask = NULL;
      ScopeEntry entry = { 0, 0, scope };
      guint32 mask;
      gboolean duplicate = FALSE;
      const char *subnet_text = mfm_scope_get_subnet (scope);

      isc_pools += mfm_scope_get_pool_count (scope);
      if (!mfm_scope_get_network (scope, &network, &netmask)
          || !parse_ipv4 (network, &entry.network) || !parse_ipv4 (netmask, &mask))
        {
          g_ptr_array_add (self->pool_warnings,
                           g_strdup_printf (_("Scope “%s” has no usable IPv4 network (“%s”), so it is left out."),
                                            mfm_scope_get_name (scope),
                                            subnet_text != NULL ? subnet_text : ""));
          continue;
        }
      while (entry.prefix < 32 && (mask & (0x80000000u >> entry.prefix)) != 0)
        entry.prefix++;

      for (guint j = 0; j < entries->len; j++)
        {
          ScopeEntry *other = &g_array_index (entries, ScopeEntry, j);
          if (other->network == entry.network && other->prefix == entry.prefix)
            duplicate = TRUE;
        }
      if (duplicate)
        {
          g_ptr_array_add (self->pool_warnings,
                           g_strdup_printf (_("Scope “%s” has the same network as another scope of the relationship, so it is left out."),
                                            mfm_scope_get_name (scope)));
          continue;
        }

      g_array_append_val (entries, entry);
    }

  /* The same order, and so the same subnet IDs, on both servers: Kea's lease updates name the
   * subnet by its ID. */
  g_array_sort (entries, compare_scope_entries);

  if (entries->len == 0)
    g_ptr_array_add (self->pool_warnings,
                     g_strdup (_("The relationship has no scopes with a usable network, so the configuration has no subnets yet.")));

  for (guint i = 0; i < entries->len; i++)
    {
      ScopeEntry *entry = &g_array_index (entries, ScopeEntry, i);
      GPtrArray *pools = mfm_scope_get_pools (entry->scope);
      guint32 mask = entry->prefix == 0 ? 0 : 0xffffffffu << (32 - entry->prefix);
      g_autofree char *network = format_ipv4 (entry->network);
      g_autofree char *subnet = g_strdup_printf ("%s/%u", network, entry->prefix);
      gboolean first_pool = TRUE;

      g_string_append (self->subnets, i == 0 ? "\n" : ",\n");
      g_string_append_printf (self->subnets,
                              "      {\n        \"id\": %u,\n        \"subnet\": ", i + 1);
      append_json_string (self->subnets, subnet);
      g_string_append (self->subnets, ",\n        \"pools\": [");
      self->subnet_count++;

      for (guint j = 0; pools != NULL && j < pools->len; j++)
        {
          MfmAddressPool *pool = g_ptr_array_index (pools, j);
          guint32 from;
          guint32 to;

          if (!parse_ipv4 (pool->start, &from) || !parse_ipv4 (pool->end, &to) || to < from
              || (from & mask) != entry->network || (to & mask) != entry->network)
            {
              g_ptr_array_add (self->pool_warnings,
                               g_strdup_printf (_("The pool “%s – %s” of scope “%s” is not a range of addresses inside %s, so it is left out."),
                                                pool->start != NULL ? pool->start : "",
                                                pool->end != NULL ? pool->end : "",
                                                mfm_scope_get_name (entry->scope), subnet));
              continue;
            }

          if (self->mode == MFM_KEA_MODE_HOT_STANDBY)
            {
              append_pool (self->subnets, first_pool, from, to, NULL);
              self->pool_count++;
            }
          else if (from == to)
            {
              append_pool (self->subnets, first_pool, from, to, primary_class);
              self->pool_count++;
              g_ptr_array_add (self->pool_warnings,
                               g_strdup_printf (_("The pool “%s” of scope “%s” has a single address, which cannot be split between the servers; it goes to %s."),
                                                pool->start, mfm_scope_get_name (entry->scope),
                                                self->names[self->kea_primary]));
            }
          else
            {
              /* The first half, rounded up, for the primary. */
              guint32 middle = from + (guint32) (((guint64) to - from + 1 + 1) / 2) - 1;

              append_pool (self->subnets, first_pool, from, middle, primary_class);
              append_pool (self->subnets, FALSE, middle + 1, to, secondary_class);
              self->pool_count += 2;
            }
          first_pool = FALSE;
        }

      g_string_append (self->subnets, first_pool ? " ]\n      }" : "\n        ]\n      }");
    }

  self->isc_values[ROW_POOL] = g_strdup_printf (ngettext ("%u pool", "%u pools", isc_pools),
                                                isc_pools);
  self->kea_values[ROW_POOL] = g_strdup_printf (ngettext ("%u pool", "%u pools", self->pool_count),
                                                self->pool_count);
}

static char *
peer_url (MfmKeaConfig *self,
          MfmIscRole    server)
{
  const char *address = self->addresses[server];

  if (address == NULL || !g_hostname_is_ip_address (address))
    return NULL;
  if (strchr (address, ':') != NULL)
    return g_strdup_printf ("http://[%s]:%u/", address, self->control_port);

  return g_strdup_printf ("http://%s:%u/", address, self->control_port);
}

static char *
server_name (MfmServer  *server,
             const char *fallback)
{
  const char *name = server != NULL ? mfm_server_get_name (server) : fallback;

  if (name == NULL || *name == '\0')
    return g_strdup (fallback != NULL ? fallback : "");

  return mfm_server_name_without_dot (name);
}

MfmKeaConfig *
mfm_kea_config_new (MfmRelationship     *relationship,
                    MfmServer           *primary,
                    MfmServer           *secondary,
                    GPtrArray           *scopes,
                    const MfmKeaOptions *options)
{
  MfmKeaConfig *self;
  MfmKeaOptions defaults;

  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);
  g_return_val_if_fail (primary == NULL || MFM_IS_SERVER (primary), NULL);
  g_return_val_if_fail (secondary == NULL || MFM_IS_SERVER (secondary), NULL);

  if (options == NULL)
    {
      mfm_kea_options_init (&defaults);
      options = &defaults;
    }

  self = g_object_new (MFM_TYPE_KEA_CONFIG, NULL);
  self->control_port = options->control_port;
  self->hooks_dir = g_strdup (options->hooks_dir);
  self->lease_file = g_strdup (options->lease_file);
  self->control_socket = g_strdup (options->control_socket);
  self->interfaces = options->interfaces != NULL ? g_strdupv ((char **) options->interfaces)
                                                 : NULL;

  self->names[MFM_ISC_ROLE_PRIMARY] =
    server_name (primary, mfm_relationship_get_primary_server (relationship));
  self->names[MFM_ISC_ROLE_SECONDARY] =
    server_name (secondary, mfm_relationship_get_secondary_server (relationship));
  if (primary != NULL)
    self->addresses[MFM_ISC_ROLE_PRIMARY] = g_strdup (mfm_server_get_address (primary));
  if (secondary != NULL)
    self->addresses[MFM_ISC_ROLE_SECONDARY] = g_strdup (mfm_server_get_address (secondary));

  map_mode (self, relationship);
  map_timers (self, relationship);

  for (guint server = MFM_ISC_ROLE_PRIMARY; server <= MFM_ISC_ROLE_SECONDARY; server++)
    {
      guint row = server == MFM_ISC_ROLE_PRIMARY ? ROW_PRIMARY : ROW_SECONDARY;
      guint address_row = server == MFM_ISC_ROLE_PRIMARY ? ROW_ADDRESS : ROW_PEER_ADDRESS;
      g_autofree char *url = peer_url (self, server);

      self->isc_values[row] = g_strdup (self->names[server]);
      self->kea_values[row] = g_strdup (self->roles[server]);
      self->isc_values[address_row] = g_strdup (self->addresses[server] != NULL
                                                ? self->addresses[server] : _("unknown"));
      if (url != NULL)
        self->kea_values[address_row] = g_steal_pointer (&url);
      else
        self->row_warnings[address_row] =
          g_strdup_printf (_("Kea needs the IP address of %s in its peer URL, and Micetro gives none."),
                           self->names[server]);
    }

  map_scopes (self, scopes);

  return self;
}

MfmKeaConfig *
mfm_kea_config_new_from_inventory (MfmInventory        *inventory,
                                   MfmRelationship     *relationship,
                                   const MfmKeaOptions *options)
{
  g_autoptr(GPtrArray) scopes = g_ptr_array_new ();
  const char * const *refs;

  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);
  g_return_val_if_fail (MFM_IS_RELATIONSHIP (relationship), NULL);

  refs = mfm_relationship_get_scope_refs (relationship);
  for (guint i = 0; refs != NULL && refs[i] != NULL; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (inventory, refs[i]);

      if (scope != NULL)
        g_ptr_array_add (scopes, scope);
    }

  return mfm_kea_config_new (relationship,
                             mfm_inventory_lookup_primary_server (inventory, relationship),
                             mfm_inventory_lookup_secondary_server (inventory, relationship),
                             scopes, options);
}

MfmKeaMode
mfm_kea_config_get_mode (MfmKeaConfig *self)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), MFM_KEA_MODE_LOAD_BALANCING);

  return self->mode;
}

const char *
mfm_kea_config_get_mode_name (MfmKeaConfig *self)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), NULL);

  return self->mode == MFM_KEA_MODE_HOT_STANDBY ? "hot-standby" : "load-balancing";
}

guint
mfm_kea_config_get_heartbeat_delay (MfmKeaConfig *self)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), 0);

  return self->heartbeat_delay;
}

guint
mfm_kea_config_get_max_response_delay (MfmKeaConfig *self)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), 0);

  return self->max_response_delay;
}

guint
mfm_kea_config_get_max_ack_delay (MfmKeaConfig *self)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), 0);

  return self->max_ack_delay;
}

guint
mfm_kea_config_get_max_unacked_clients (MfmKeaConfig *self)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), 0);

  return self->max_unacked_clients;
}

const char *
mfm_kea_config_get_server_name (MfmKeaConfig *self,
                                MfmIscRole    server)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), NULL);
  g_return_val_if_fail (server <= MFM_ISC_ROLE_SECONDARY, NULL);

  return self->names[server];
}

const char *
mfm_kea_config_get_role (MfmKeaConfig *self,
                         MfmIscRole    server)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), NULL);
  g_return_val_if_fail (server <= MFM_ISC_ROLE_SECONDARY, NULL);

  return self->roles[server];
}

guint
mfm_kea_config_get_subnet_count (MfmKeaConfig *self)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), 0);

  return self->subnet_count;
}

guint
mfm_kea_config_get_pool_count (MfmKeaConfig *self)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), 0);

  return self->pool_count;
}

GStrv
mfm_kea_config_dup_warnings (MfmKeaConfig *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), NULL);

  for (guint i = 0; i < N_ROWS; i++)
    {
      if (self->row_warnings[i] != NULL)
        g_strv_builder_add (builder, self->row_warnings[i]);
    }
  for (guint i = 0; i < self->pool_warnings->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->pool_warnings, i));

  return g_strv_builder_end (builder);
}

const char *
mfm_kea_config_get_isc_value (MfmKeaConfig *self,
                              guint         index)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), NULL);
  g_return_val_if_fail (index < N_ROWS, NULL);

  return self->isc_values[index];
}

const char *
mfm_kea_config_get_kea_value (MfmKeaConfig *self,
                              guint         index)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), NULL);
  g_return_val_if_fail (index < N_ROWS, NULL);

  return self->kea_values[index];
}

const char *
mfm_kea_config_get_parameter_warning (MfmKeaConfig *self,
                                      guint         index)
{
  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), NULL);
  g_return_val_if_fail (index < N_ROWS, NULL);

  return self->row_warnings[index];
}

static void
append_peer (MfmKeaConfig *self,
             GString      *out,
             MfmIscRole    server,
             const char   *url,
             gboolean      last)
{
  g_string_append (out, "              {\n                \"name\": ");
  append_json_string (out, self->names[server]);
  g_string_append (out, ",\n                \"url\": ");
  append_json_string (out, url);
  g_string_append (out, ",\n                \"role\": ");
  append_json_string (out, self->roles[server]);
  g_string_append (out, ",\n                \"auto-failover\": true\n              }");
  g_string_append (out, last ? "\n" : ",\n");
}

static void
append_library (GString    *out,
                const char *hooks_dir,
                const char *name)
{
  g_autofree char *path = g_build_filename (hooks_dir != NULL ? hooks_dir : "", name, NULL);

  g_string_append (out, "        \"library\": ");
  append_json_string (out, path);
}

char *
mfm_kea_config_render (MfmKeaConfig *self,
                       MfmIscRole    server,
                       GError      **error)
{
  char *urls[2] = { NULL, NULL };
  g_autoptr(GString) out = NULL;
  MfmIscRole first = self->kea_primary;

  g_return_val_if_fail (MFM_IS_KEA_CONFIG (self), NULL);
  g_return_val_if_fail (server <= MFM_ISC_ROLE_SECONDARY, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < 2; i++)
    {
      urls[i] = peer_url (self, i);
      if (urls[i] == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("Kea needs the IP address of %s in its peer URL, and Micetro gives none."),
                       self->names[i]);
          g_free (urls[0]);
          g_free (urls[1]);
          return NULL;
        }
    }
  if (*self->names[0] == '\0' || *self->names[1] == '\0'
      || g_ascii_strcasecmp (self->names[0], self->names[1]) == 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("Kea needs two different server names, and the relationship does not have them."));
      g_free (urls[0]);
      g_free (urls[1]);
      return NULL;
    }

  out = g_string_new ("{\n  \"Dhcp4\": {\n    \"interfaces-config\": {\n      \"interfaces\": [");
  if (self->interfaces == NULL)
    {
      g_string_append (out, " \"*\" ");
    }
  else
    {
      for (guint i = 0; self->interfaces[i] != NULL; i++)
        {
          g_string_append (out, i == 0 ? " " : ", ");
          append_json_string (out, self->interfaces[i]);
        }
      g_string_append (out, self->interfaces[0] != NULL ? " " : "");
    }
  g_string_append (out, "]\n    },\n");

  g_string_append (out, "    \"control-socket\": {\n      \"socket-type\": \"unix\",\n"
                        "      \"socket-name\": ");
  append_json_string (out, self->control_socket);
  g_string_append (out, "\n    },\n");

  g_string_append (out, "    \"lease-database\": {\n      \"type\": \"memfile\",\n"
                        "      \"persist\": true,\n      \"name\": ");
  append_json_string (out, self->lease_file);
  g_string_append (out, "\n    },\n");

  g_string_append (out, "    \"hooks-libraries\": [\n      {\n");
  append_library (out, self->hooks_dir, "libdhcp_lease_cmds.so");
  g_string_append (out, ",\n        \"parameters\": { }\n      },\n      {\n");
  append_library (out, self->hooks_dir, "libdhcp_ha.so");
  g_string_append (out, ",\n        \"parameters\": {\n          \"high-availability\": [ {\n"
                        "            \"this-server-name\": ");
  append_json_string (out, self->names[server]);
  g_string_append (out, ",\n            \"mode\": ");
  append_json_string (out, mfm_kea_config_get_mode_name (self));
  g_string_append_printf (out, ",\n"
                          "            \"heartbeat-delay\": %u,\n"
                          "            \"max-response-delay\": %u,\n"
                          "            \"max-ack-delay\": %u,\n"
                          "            \"max-unacked-clients\": %u,\n"
                          "            \"peers\": [\n",
                          self->heartbeat_delay, self->max_response_delay, self->max_ack_delay,
                          self->max_unacked_clients);
  append_peer (self, out, first, urls[first], FALSE);
  append_peer (self, out, other_server (first), urls[other_server (first)], TRUE);
  g_string_append (out, "            ]\n          } ]\n        }\n      }\n    ],\n");

  g_string_append (out, "    \"subnet4\": [");
  g_string_append_len (out, self->subnets->str, self->subnets->len);
  g_string_append (out, self->subnet_count > 0 ? "\n    ]\n" : " ]\n");
  g_string_append (out, "  }\n}\n");

  g_free (urls[0]);
  g_free (urls[1]);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
