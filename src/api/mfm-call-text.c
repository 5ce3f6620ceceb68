/* mfm-call-text.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-call-text"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-call-text.h"
#include "mfm-wire.h"

char *
mfm_call_text_for_change (MfmChange  *change,
                          const char *comment,
                          MfmClient  *client)
{
  g_autoptr(GPtrArray) calls = NULL;
  GString *text;

  g_return_val_if_fail (MFM_IS_CHANGE (change), NULL);
  g_return_val_if_fail (client == NULL || MFM_IS_CLIENT (client), NULL);

  calls = mfm_wire_calls_for_change (change, comment,
                                     client != NULL
                                     ? mfm_dialect_get_wire (mfm_client_get_dialect (client))
                                     : NULL);
  text = g_string_new (NULL);

  if (calls == NULL)
    return g_string_free (text, FALSE);

  /* Whatever the wire layer set, the calls are ours to free. */
  g_ptr_array_set_free_func (calls, (GDestroyNotify) mfm_wire_call_free);

  for (guint i = 0; i < calls->len; i++)
    {
      g_autofree char *call_text = mfm_wire_call_to_text (g_ptr_array_index (calls, i));

      if (i > 0)
        g_string_append (text, "\n\n");
      g_string_append (text, call_text);
    }

  return g_string_free (text, FALSE);
}
