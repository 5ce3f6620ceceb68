/* mfm-kea.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "mfm-inventory.h"
#include "mfm-isc.h"
#include "mfm-relationship.h"
#include "mfm-server.h"

G_BEGIN_DECLS

#define MFM_KEA_DEFAULT_CONTROL_PORT   8000
/* Where Debian's kea-common package puts the hook libraries (amd64). */
#define MFM_KEA_DEFAULT_HOOKS_DIR      "/usr/lib/x86_64-linux-gnu/kea/hooks"
#define MFM_KEA_DEFAULT_LEASE_FILE     "/var/lib/kea/kea-leases4.csv"
#define MFM_KEA_DEFAULT_CONTROL_SOCKET "/run/kea/kea4-ctrl-socket"
/* The HA hook reads its three timers as 16-bit milliseconds. */
#define MFM_KEA_MAX_DELAY_MS           65535
/* Kea's own defaults, used where an ISC value is unknown or has no meaning in Kea. */
#define MFM_KEA_DEFAULT_MAX_RESPONSE_DELAY_MS  60000
#define MFM_KEA_DEFAULT_MAX_ACK_DELAY_MS       10000
#define MFM_KEA_DEFAULT_MAX_UNACKED_CLIENTS    10

typedef enum
{
  MFM_KEA_MODE_LOAD_BALANCING,
  MFM_KEA_MODE_HOT_STANDBY,
} MfmKeaMode;

/* Where the rendered configuration points. mfm_kea_options_init() fills in the defaults above;
 * "interfaces" NULL means every interface ("*"), an empty array none. Strings are borrowed. */
typedef struct
{
  guint               control_port;
  const char         *hooks_dir;
  const char         *lease_file;
  const char         *control_socket;
  const char * const *interfaces;
} MfmKeaOptions;

void mfm_kea_options_init (MfmKeaOptions *options);

/* One ISC failover parameter (as written in dhcpd.conf) and its Kea counterpart (NULL when
 * there is none), with the rule that maps it or the reason there is none (untranslated; pass
 * it through gettext). The table covers every statement of dhcpd's `failover peer`. */
typedef struct
{
  const char *isc_parameter;
  const char *kea_parameter;
  const char *rule;
} MfmKeaParameter;

const MfmKeaParameter *mfm_kea_get_parameters (guint *n_parameters);

#define MFM_TYPE_KEA_CONFIG (mfm_kea_config_get_type())

G_DECLARE_FINAL_TYPE (MfmKeaConfig, mfm_kea_config, MFM, KEA_CONFIG, GObject)

/* The Kea High Availability counterpart of one ISC relationship: both servers' kea-dhcp4
 * configuration, the values each parameter maps to and every warning. @scopes (element type
 * MfmScope, may be NULL) are the relationship's scopes with their pools; @options may be NULL
 * for the defaults. Everything is computed here; the object does not follow later changes. */
MfmKeaConfig *mfm_kea_config_new                 (MfmRelationship     *relationship,
                                                  MfmServer           *primary,
                                                  MfmServer           *secondary,
                                                  GPtrArray           *scopes,
                                                  const MfmKeaOptions *options);
/* The same, with the servers and the relationship's scopes taken from @inventory (missing
 * servers count as servers without an address). */
MfmKeaConfig *mfm_kea_config_new_from_inventory  (MfmInventory        *inventory,
                                                  MfmRelationship     *relationship,
                                                  const MfmKeaOptions *options);

MfmKeaMode    mfm_kea_config_get_mode                (MfmKeaConfig *self);
/* "load-balancing" or "hot-standby". */
const char   *mfm_kea_config_get_mode_name           (MfmKeaConfig *self);
guint         mfm_kea_config_get_heartbeat_delay     (MfmKeaConfig *self);
guint         mfm_kea_config_get_max_response_delay  (MfmKeaConfig *self);
guint         mfm_kea_config_get_max_ack_delay       (MfmKeaConfig *self);
guint         mfm_kea_config_get_max_unacked_clients (MfmKeaConfig *self);
/* The Kea name (the Micetro name without its trailing dot) and role ("primary", "secondary" or
 * "standby") of the ISC primary or secondary. */
const char   *mfm_kea_config_get_server_name         (MfmKeaConfig *self,
                                                      MfmIscRole    server);
const char   *mfm_kea_config_get_role                (MfmKeaConfig *self,
                                                      MfmIscRole    server);
/* Number of subnets and pools in the rendered configuration. */
guint         mfm_kea_config_get_subnet_count        (MfmKeaConfig *self);
guint         mfm_kea_config_get_pool_count          (MfmKeaConfig *self);
/* Every warning, translated, in the order of the parameter table. */
GStrv         mfm_kea_config_dup_warnings            (MfmKeaConfig *self);
/* For row @index of mfm_kea_get_parameters(): the ISC value of this relationship, the Kea value
 * it becomes (or NULL), and the row's warning (or NULL). Strings are translated. */
const char   *mfm_kea_config_get_isc_value           (MfmKeaConfig *self,
                                                      guint         index);
const char   *mfm_kea_config_get_kea_value           (MfmKeaConfig *self,
                                                      guint         index);
const char   *mfm_kea_config_get_parameter_warning   (MfmKeaConfig *self,
                                                      guint         index);
/* The whole kea-dhcp4 configuration (JSON text) of the ISC primary or secondary. Returns NULL
 * and sets @error with a sentence when it cannot be rendered (no usable address, the same name
 * for both servers). */
char         *mfm_kea_config_render                  (MfmKeaConfig *self,
                                                      MfmIscRole    server,
                                                      GError      **error);

/* @text as a JSON string literal, quotes included. */
char         *mfm_kea_json_quote                     (const char   *text);

G_END_DECLS
