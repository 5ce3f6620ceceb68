/* mfm-change-inverse.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-inverse"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-private.h"

/* Undo of a save: the change that takes a saved one back. */

MfmChange *
mfm_change_new_inverse (MfmChange *saved)
{
  g_autoptr(MfmChange) inverse = NULL;
  MfmRelationship *after;
  MfmRelationship *before;
  gboolean has_scopes;

  g_return_val_if_fail (MFM_IS_CHANGE (saved), NULL);

  after = saved->relationship;
  /* The server's values before the save; drafts without them fall back on the change's own. */
  before = saved->has_base ? saved->base
                           : (saved->old_relationship != NULL ? saved->old_relationship : saved->before);

  switch (saved->kind)
    {
    case MFM_CHANGE_ADD:
      has_scopes = mfm_relationship_get_scope_count (after) > 0;
      inverse = mfm_change_new_remove (after, has_scopes ? MFM_DECONFIGURE_DELETE : MFM_DECONFIGURE_NONE);
      if (has_scopes)
        mfm_change_set_note (inverse, _("The partner server’s copies of the scopes that the save added are deleted."));
      break;

    case MFM_CHANGE_MODIFY:
      if (before == NULL)
        return NULL;
      inverse = mfm_change_new_modify (after, before);
      break;

    case MFM_CHANGE_REMOVE:
      if (before == NULL)
        before = after;
      inverse = mfm_change_new_add (before);
      if (saved->action == MFM_DECONFIGURE_DELETE && mfm_relationship_get_scope_count (before) > 0)
        mfm_change_set_note (inverse, _("This cannot be undone in full: the save deleted the partner server’s copies of the scopes, and they are not brought back."));
      else if (saved->action == MFM_DECONFIGURE_DISABLE && mfm_relationship_get_scope_count (before) > 0)
        mfm_change_set_note (inverse, _("The save disabled the partner server’s copies of the scopes; adding them back enables them again."));
      break;

    case MFM_CHANGE_ADD_SCOPES:
      inverse = mfm_change_new_remove_scopes (after, (const char * const *) saved->scope_refs,
                                              MFM_DECONFIGURE_DELETE);
      mfm_change_set_note (inverse, _("The partner server’s copies of these scopes are deleted."));
      break;

    case MFM_CHANGE_REMOVE_SCOPES:
      inverse = mfm_change_new_add_scopes (after, (const char * const *) saved->scope_refs);
      if (saved->action == MFM_DECONFIGURE_DELETE)
        mfm_change_set_note (inverse, _("This cannot be undone in full: the save deleted the partner server’s copies of these scopes, and they are not brought back."));
      break;

    default:
      return NULL;
    }

  /* Names learnt when the change was staged. */
  {
    GHashTableIter iter;
    gpointer key, value;

    g_hash_table_iter_init (&iter, saved->scope_descriptions);
    while (g_hash_table_iter_next (&iter, &key, &value))
      g_hash_table_replace (inverse->scope_descriptions, g_strdup (key), g_strdup (value));
  }

  /* The server as the save left it: what the undo is planned against. */
  mfm_change_set_base (inverse, saved->kind == MFM_CHANGE_REMOVE ? NULL : after);

  return g_steal_pointer (&inverse);
}
