/* mfm-types.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-types"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-types.h"

typedef struct
{
  MfmFailoverState  state;
  const char       *key;          /* normalised wire text: lower case, no separators */
  const char       *label;
  const char       *description;
  const char       *style_class;
} StateInfo;

static const StateInfo state_infos[] = {
  { MFM_FAILOVER_STATE_UNKNOWN, "unknown", N_("Unknown"),
    N_("The state of this relationship is not known."), "dim" },
  { MFM_FAILOVER_STATE_EMPTY, "empty", N_("Empty"),
    N_("The relationship has no scopes yet, so nothing has been written to the servers."), "dim" },
  { MFM_FAILOVER_STATE_NORMAL, "normal", N_("Normal"),
    N_("Both servers are talking to each other and share the clients."), "success" },
  { MFM_FAILOVER_STATE_COMMUNICATIONS_INTERRUPTED, "communicationsinterrupted",
    N_("Communications interrupted"),
    N_("The servers cannot reach each other; each answers its own clients with limited addresses."),
    "warning" },
  { MFM_FAILOVER_STATE_PARTNER_DOWN, "partnerdown", N_("Partner down"),
    N_("One server is serving every client because its partner was declared down."), "error" },
  { MFM_FAILOVER_STATE_POTENTIAL_CONFLICT, "potentialconflict", N_("Potential conflict"),
    N_("The servers may have handed out the same addresses and are resolving it."), "error" },
  { MFM_FAILOVER_STATE_CONFLICT_DONE, "conflictdone", N_("Conflict done"),
    N_("A conflict between the servers has been resolved; normal operation resumes soon."),
    "accent" },
  { MFM_FAILOVER_STATE_RESOLUTION_INTERRUPTED, "resolutioninterrupted",
    N_("Resolution interrupted"),
    N_("The servers lost contact while resolving a conflict."), "error" },
  { MFM_FAILOVER_STATE_RECOVER, "recover", N_("Recover"),
    N_("A server is catching up on the leases its partner handed out."), "accent" },
  { MFM_FAILOVER_STATE_RECOVER_WAIT, "recoverwait", N_("Recover wait"),
    N_("A recovering server waits one maximum client lead time before it answers clients."),
    "accent" },
  { MFM_FAILOVER_STATE_RECOVER_DONE, "recoverdone", N_("Recover done"),
    N_("A server has finished catching up and is about to return to normal."), "accent" },
  { MFM_FAILOVER_STATE_STARTUP, "startup", N_("Startup"),
    N_("A server has just started and is contacting its partner."), "accent" },
  { MFM_FAILOVER_STATE_PAUSED, "paused", N_("Paused"),
    N_("A server has paused failover, usually for maintenance."), "warning" },
  { MFM_FAILOVER_STATE_SHUTDOWN, "shutdown", N_("Shutdown"),
    N_("A server is shutting down and has told its partner."), "warning" },
};

static const StateInfo *
get_state_info (MfmFailoverState state)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_infos); i++)
    {
      if (state_infos[i].state == state)
        return &state_infos[i];
    }

  return &state_infos[0];
}

MfmFailoverState
mfm_failover_state_from_string (const char *text)
{
  /* Longer than every known key: a text that folds to more is no state we know. A buffer on
   * the stack, as this runs for each of 50,000 relationships a list brings. */
  char key[64];
  gsize length = 0;

  if (text == NULL)
    return MFM_FAILOVER_STATE_UNKNOWN;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == ' ' || *p == '-' || *p == '_' || *p == '\t')
        continue;
      if (length + 1 >= sizeof key)
        return MFM_FAILOVER_STATE_UNKNOWN;
      key[length++] = g_ascii_tolower (*p);
    }
  key[length] = '\0';

  for (guint i = 0; i < G_N_ELEMENTS (state_infos); i++)
    {
      if (g_str_equal (key, state_infos[i].key))
        return state_infos[i].state;
    }

  return MFM_FAILOVER_STATE_UNKNOWN;
}

const char *
mfm_failover_state_get_label (MfmFailoverState state)
{
  return _(get_state_info (state)->label);
}

const char *
mfm_failover_state_get_description (MfmFailoverState state)
{
  return _(get_state_info (state)->description);
}

const char *
mfm_failover_state_get_style_class (MfmFailoverState state)
{
  return get_state_info (state)->style_class;
}

const char *
mfm_deconfigure_action_get_label (MfmDeconfigureAction action)
{
  switch (action)
    {
    case MFM_DECONFIGURE_NONE:
      return _("Keep the secondary’s scopes");
    case MFM_DECONFIGURE_DISABLE:
      return _("Disable the secondary’s scopes");
    case MFM_DECONFIGURE_DELETE:
      return _("Delete the secondary’s scopes");
    default:
      g_return_val_if_reached (NULL);
    }
}

static const struct
{
  const char *wire;
  const char *label;
  const char *style_class;
} server_state_infos[] = {
  { "OK", NC_("server state", "OK"), "success" },
  { "Unreachable", NC_("server state", "Unreachable"), "error" },
  { "Service Down", NC_("server state", "Service down"), "error" },
  { "Out of date", NC_("server state", "Out of date"), "warning" },
  { "Updating", NC_("server state", "Updating"), "warning" },
  { "Impaired", NC_("server state", "Impaired"), "warning" },
  { "Wrong type", NC_("server state", "Wrong type"), "dim" },
  { "Disabled", NC_("server state", "Disabled"), "dim" },
  { "Unknown", NC_("server state", "Unknown"), "dim" },
};

static gint
find_server_state (const char *state)
{
  if (state == NULL || *state == '\0')
    return G_N_ELEMENTS (server_state_infos) - 1;

  for (guint i = 0; i < G_N_ELEMENTS (server_state_infos); i++)
    {
      if (g_ascii_strcasecmp (state, server_state_infos[i].wire) == 0)
        return (gint)i;
    }

  return -1;
}

const char *
mfm_server_state_get_label (const char *state)
{
  gint index = find_server_state (state);

  if (index < 0)
    return state;

  return g_dpgettext2 (NULL, "server state", server_state_infos[index].label);
}

const char *
mfm_server_state_get_style_class (const char *state)
{
  gint index = find_server_state (state);

  /* A state this version does not know yet is neither good nor bad news. */
  if (index < 0)
    return "dim";

  return server_state_infos[index].style_class;
}
