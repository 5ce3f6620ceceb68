/* mfm-util-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <glib.h>

#include "mfm-server.h"

G_BEGIN_DECLS

/* g_set_str() arrived in GLib 2.76; the floor is 2.74. */
static inline gboolean
mfm_set_str (char       **str_pointer,
             const char  *new_str)
{
  char *copy;

  if (*str_pointer == new_str || g_strcmp0 (*str_pointer, new_str) == 0)
    return FALSE;

  copy = g_strdup (new_str);
  g_free (*str_pointer);
  *str_pointer = copy;

  return TRUE;
}


/* split = round(256 × percentage / 100); 256·p mod 100 is never 50, so no ties. */
static inline guint
mfm_percentage_to_split_internal (guint percentage)
{
  return (guint)(((guint64) percentage * 256 + 50) / 100);
}

static inline guint
mfm_split_to_percentage_internal (guint split)
{
  return (guint)(((guint64) split * 100 + 128) / 256);
}

static inline gboolean
mfm_strv_equal0 (const char * const *a,
                 const char * const *b)
{
  guint i;

  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  for (i = 0; a[i] != NULL && b[i] != NULL; i++)
    {
      if (strcmp (a[i], b[i]) != 0)
        return FALSE;
    }

  return a[i] == NULL && b[i] == NULL;
}


/* Micetro writes FQDNs with a trailing dot and people type them without; compare without it. */
static inline char *
mfm_normalise_server_name (const char *name)
{
  g_autofree char *bare = mfm_server_name_without_dot (name);

  return bare != NULL ? g_ascii_strdown (bare, -1) : NULL;
}

/* Goes up whenever a relationship's server name or ref that was set changes, in any
 * relationship: the inventory compares it instead of watching each relationship. */
guint mfm_relationship_sides_serial (void);

G_END_DECLS
