/* mfm-change-validate.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-validate"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-private.h"
#include "mfm-rules.h"

/* The findings of a change: the relationship rules, plus what a scope needs to join one. */

static void
add_scope_finding (GPtrArray *findings,
                   char      *message)
{
  /* Scope problems belong to the relationship as a whole; the name field stands for it. */
  g_ptr_array_add (findings, mfm_finding_new (MFM_FIELD_NAME, MFM_SEVERITY_ERROR, message));
  g_free (message);
}

GPtrArray *
mfm_change_validate (MfmChange    *self,
                     MfmInventory *inventory)
{
  GPtrArray *findings;
  MfmServer *primary;

  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);

  _mfm_change_learn_scopes (self, inventory);

  switch (self->kind)
    {
    case MFM_CHANGE_ADD:
    case MFM_CHANGE_MODIFY:
      {
        MfmRuleContext context = { inventory, NULL, NULL, NULL };
        g_autoptr(GPtrArray) own = NULL;

        context.primary_server_ref = mfm_relationship_get_primary_server_ref (self->relationship);
        own = mfm_rules_check_relationship (self->relationship, &context);

        if (self->kind == MFM_CHANGE_MODIFY)
          return g_steal_pointer (&own);

        /* A new relationship must not take a name that exists already; check_relationship
         * leaves its own name out, so look for it here. */
        findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_finding_free);
        if (mfm_inventory_lookup_relationship (inventory, mfm_relationship_get_name (self->relationship)) != NULL)
          g_ptr_array_add (findings,
                           mfm_finding_new (MFM_FIELD_NAME, MFM_SEVERITY_ERROR,
                                            _("A relationship of one of these servers already uses this name.")));
        for (guint i = 0; i < own->len; i++)
          g_ptr_array_add (findings, mfm_finding_copy (g_ptr_array_index (own, i)));
        return findings;
      }

    case MFM_CHANGE_ADD_SCOPES:
      findings = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_finding_free);
      primary = mfm_inventory_lookup_primary_server (inventory, self->relationship);
      for (guint i = 0; self->scope_refs[i] != NULL; i++)
        {
          MfmScope *scope = mfm_inventory_lookup_scope (inventory, self->scope_refs[i]);
          g_autofree char *description = NULL;
          const char *other;

          if (scope == NULL)
            {
              add_scope_finding (findings, g_strdup_printf (_("The scope “%s” does not exist."), self->scope_refs[i]));
              continue;
            }

          description = _mfm_change_describe_scope (scope);
          if (mfm_scope_get_pool_count (scope) == 0)
            add_scope_finding (findings,
                               g_strdup_printf (_("The scope “%s” has no address pool, so it cannot take part in failover."),
                                                description));

          other = mfm_scope_get_relationship_name (scope);
          if (other != NULL && g_strcmp0 (other, mfm_relationship_get_name (self->relationship)) != 0)
            add_scope_finding (findings,
                               g_strdup_printf (_("The scope “%s” already belongs to the relationship “%s”."),
                                                description, other));

          if (primary == NULL || g_strcmp0 (mfm_scope_get_server_ref (scope), mfm_server_get_ref (primary)) != 0)
            add_scope_finding (findings,
                               g_strdup_printf (_("The scope “%s” is not on the primary server."), description));
        }
      return findings;

    case MFM_CHANGE_REMOVE:
    case MFM_CHANGE_REMOVE_SCOPES:
      return g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_finding_free);

    default:
      g_assert_not_reached ();
    }
}
