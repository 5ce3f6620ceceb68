/* mfm-change-impact.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-impact"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-private.h"
#include "mfm-isc.h"

/* What a change does to each server: the ISC configuration lines it gains and loses, the
 * pools and scopes it touches. */

G_DEFINE_BOXED_TYPE (MfmServerImpact, mfm_server_impact, mfm_server_impact_copy, mfm_server_impact_free)

MfmServerImpact *
mfm_server_impact_copy (const MfmServerImpact *impact)
{
  MfmServerImpact *copy;

  g_return_val_if_fail (impact != NULL, NULL);

  copy = g_new0 (MfmServerImpact, 1);
  copy->server_name = g_strdup (impact->server_name);
  copy->server_ref = g_strdup (impact->server_ref);
  copy->lines_added = g_strdupv (impact->lines_added);
  copy->lines_removed = g_strdupv (impact->lines_removed);
  copy->pools_gaining = g_strdupv (impact->pools_gaining);
  copy->pools_losing = g_strdupv (impact->pools_losing);
  copy->scopes_kept = g_strdupv (impact->scopes_kept);
  copy->scopes_disabled = g_strdupv (impact->scopes_disabled);
  copy->scopes_deleted = g_strdupv (impact->scopes_deleted);
  copy->note = g_strdup (impact->note);

  return copy;
}

void
mfm_server_impact_free (MfmServerImpact *impact)
{
  if (impact == NULL)
    return;

  g_free (impact->server_name);
  g_free (impact->server_ref);
  g_strfreev (impact->lines_added);
  g_strfreev (impact->lines_removed);
  g_strfreev (impact->pools_gaining);
  g_strfreev (impact->pools_losing);
  g_strfreev (impact->scopes_kept);
  g_strfreev (impact->scopes_disabled);
  g_strfreev (impact->scopes_deleted);
  g_free (impact->note);
  g_free (impact);
}

static void
append_section (GString            *out,
                const char         *heading,
                const char * const *items,
                const char         *prefix)
{
  if (items == NULL || items[0] == NULL)
    return;

  g_string_append_printf (out, "%s\n", heading);
  for (guint i = 0; items[i] != NULL; i++)
    g_string_append_printf (out, "%s%s\n", prefix, items[i]);
}

char *
mfm_server_impact_to_text (const MfmServerImpact *impact)
{
  GString *out;
  gboolean nothing;

  g_return_val_if_fail (impact != NULL, NULL);

  out = g_string_new (NULL);
  g_string_append_printf (out, "%s\n", impact->server_name != NULL ? impact->server_name : impact->server_ref);

  append_section (out, _("Configuration lines added:"), (const char * const *) impact->lines_added, "+ ");
  append_section (out, _("Configuration lines removed:"), (const char * const *) impact->lines_removed, "- ");
  append_section (out, _("Pools that gain the failover peer:"), (const char * const *) impact->pools_gaining, "  ");
  append_section (out, _("Pools that lose the failover peer:"), (const char * const *) impact->pools_losing, "  ");
  append_section (out, _("Scopes kept:"), (const char * const *) impact->scopes_kept, "  ");
  append_section (out, _("Scopes disabled:"), (const char * const *) impact->scopes_disabled, "  ");
  append_section (out, _("Scopes deleted:"), (const char * const *) impact->scopes_deleted, "  ");

  nothing = (impact->lines_added == NULL || impact->lines_added[0] == NULL) &&
            (impact->lines_removed == NULL || impact->lines_removed[0] == NULL) &&
            (impact->pools_gaining == NULL || impact->pools_gaining[0] == NULL) &&
            (impact->pools_losing == NULL || impact->pools_losing[0] == NULL) &&
            (impact->scopes_kept == NULL || impact->scopes_kept[0] == NULL) &&
            (impact->scopes_disabled == NULL || impact->scopes_disabled[0] == NULL) &&
            (impact->scopes_deleted == NULL || impact->scopes_deleted[0] == NULL);

  if (impact->note != NULL)
    g_string_append_printf (out, "%s\n", impact->note);
  else if (nothing)
    g_string_append_printf (out, "%s\n", _("No change on this server."));

  return g_string_free (out, FALSE);
}

typedef struct
{
  MfmServer *server;
  char      *name;
  char      *ref;
  char      *address;
  GPtrArray *lines_added;
  GPtrArray *lines_removed;
  GPtrArray *pools_gaining;
  GPtrArray *pools_losing;
  GPtrArray *scopes_kept;
  GPtrArray *scopes_disabled;
  GPtrArray *scopes_deleted;
  GString   *note;
} ImpactBuilder;

static void
impact_builder_init (ImpactBuilder   *builder,
                     MfmServer       *server,
                     const char      *fallback_name,
                     const char      *fallback_ref)
{
  builder->server = server;
  builder->name = server != NULL ? g_strdup (mfm_server_get_display_name (server)) : _mfm_change_server_name (fallback_name);
  builder->ref = g_strdup (server != NULL ? mfm_server_get_ref (server) : fallback_ref);
  /* An unknown address still renders, as the server's name, so the preview stays readable. */
  builder->address = g_strdup (server != NULL && mfm_server_get_address (server) != NULL
                               ? mfm_server_get_address (server) : builder->name);
  builder->lines_added = g_ptr_array_new_with_free_func (g_free);
  builder->lines_removed = g_ptr_array_new_with_free_func (g_free);
  builder->pools_gaining = g_ptr_array_new_with_free_func (g_free);
  builder->pools_losing = g_ptr_array_new_with_free_func (g_free);
  builder->scopes_kept = g_ptr_array_new_with_free_func (g_free);
  builder->scopes_disabled = g_ptr_array_new_with_free_func (g_free);
  builder->scopes_deleted = g_ptr_array_new_with_free_func (g_free);
  builder->note = g_string_new (NULL);
}

static GStrv
take_strv (GPtrArray *array)
{
  g_ptr_array_add (array, NULL);
  return (GStrv) g_ptr_array_free (array, FALSE);
}

static MfmServerImpact *
impact_builder_finish (ImpactBuilder *builder)
{
  MfmServerImpact *impact = g_new0 (MfmServerImpact, 1);

  impact->server_name = builder->name;
  impact->server_ref = builder->ref;
  impact->lines_added = take_strv (builder->lines_added);
  impact->lines_removed = take_strv (builder->lines_removed);
  impact->pools_gaining = take_strv (builder->pools_gaining);
  impact->pools_losing = take_strv (builder->pools_losing);
  impact->scopes_kept = take_strv (builder->scopes_kept);
  impact->scopes_disabled = take_strv (builder->scopes_disabled);
  impact->scopes_deleted = take_strv (builder->scopes_deleted);
  impact->note = builder->note->len > 0 ? g_string_free (builder->note, FALSE) : NULL;
  if (impact->note == NULL)
    g_string_free (builder->note, TRUE);
  g_free (builder->address);

  return impact;
}

static void
add_note (ImpactBuilder *builder,
          const char    *text)
{
  if (builder->note->len > 0)
    g_string_append_c (builder->note, '\n');
  g_string_append (builder->note, text);
}

static void
add_lines (GPtrArray  *target,
           const char *text)
{
  g_auto(GStrv) lines = mfm_isc_split_lines (text);

  for (guint i = 0; lines[i] != NULL; i++)
    g_ptr_array_add (target, g_strdup (lines[i]));
}

static char *
render_for (MfmRelationship *relationship,
            ImpactBuilder   *self_side,
            ImpactBuilder   *other_side,
            MfmIscRole       role)
{
  return mfm_isc_render_peer (relationship, role, self_side->address, other_side->address);
}

/* Lines of @a that @b lacks, in order; repeated lines are matched one for one. */
static void
add_line_difference (GPtrArray  *target,
                     const char *a,
                     const char *b)
{
  g_auto(GStrv) lines_a = mfm_isc_split_lines (a);
  g_auto(GStrv) lines_b = mfm_isc_split_lines (b);
  g_autofree gboolean *used = g_new0 (gboolean, g_strv_length (lines_b) + 1);

  for (guint i = 0; lines_a[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; lines_b[j] != NULL; j++)
        {
          if (!used[j] && g_str_equal (lines_a[i], lines_b[j]))
            {
              used[j] = TRUE;
              found = TRUE;
              break;
            }
        }

      if (!found)
        g_ptr_array_add (target, g_strdup (lines_a[i]));
    }
}

static char *
describe_pool (const MfmAddressPool *pool,
               MfmScope             *scope)
{
  return g_strdup_printf ("%s–%s (%s)", pool->start, pool->end,
                          mfm_scope_get_subnet (scope) != NULL ? mfm_scope_get_subnet (scope) : "");
}

static void
add_pools (GPtrArray  *pools_target,
           GPtrArray  *lines_target,
           MfmScope   *scope,
           const char *relationship_name)
{
  GPtrArray *pools = mfm_scope_get_pools (scope);

  for (guint p = 0; p < pools->len; p++)
    {
      g_ptr_array_add (pools_target, describe_pool (g_ptr_array_index (pools, p), scope));
      if (lines_target != NULL)
        g_ptr_array_add (lines_target, mfm_isc_render_pool_reference (relationship_name));
    }
}

static void
add_secondary_outcome (ImpactBuilder        *builder,
                       MfmScope             *copy,
                       MfmDeconfigureAction  action)
{
  char *description = _mfm_change_describe_scope (copy);

  switch (action)
    {
    case MFM_DECONFIGURE_DELETE:
      g_ptr_array_add (builder->scopes_deleted, description);
      break;
    case MFM_DECONFIGURE_DISABLE:
      g_ptr_array_add (builder->scopes_disabled, description);
      break;
    case MFM_DECONFIGURE_NONE:
    default:
      g_ptr_array_add (builder->scopes_kept, description);
      break;
    }
}

/* The scopes leave the relationship: pools lose the peer line on both servers, the primary
 * keeps its scopes, the secondary's copies follow @action. */
static void
scopes_leave (ImpactBuilder        *primary,
              ImpactBuilder        *secondary,
              MfmInventory         *inventory,
              const char * const   *scope_refs,
              const char           *name,
              MfmDeconfigureAction  action)
{
  for (guint i = 0; scope_refs != NULL && scope_refs[i] != NULL; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (inventory, scope_refs[i]);
      MfmScope *copy;

      if (scope == NULL)
        {
          g_ptr_array_add (primary->scopes_kept, g_strdup (scope_refs[i]));
          continue;
        }

      add_pools (primary->pools_losing, primary->lines_removed, scope, name);
      g_ptr_array_add (primary->scopes_kept, _mfm_change_describe_scope (scope));

      copy = secondary->ref != NULL ? mfm_inventory_lookup_scope_copy (inventory, scope, secondary->ref) : NULL;
      if (copy != NULL)
        {
          add_pools (secondary->pools_losing, secondary->lines_removed, copy, name);
          add_secondary_outcome (secondary, copy, action);
        }
    }
}

GPtrArray *
mfm_change_compute_impact (MfmChange    *self,
                           MfmInventory *inventory)
{
  MfmRelationship *relationship;
  ImpactBuilder primary;
  ImpactBuilder secondary;
  const char *name;
  GPtrArray *result;

  g_return_val_if_fail (MFM_IS_CHANGE (self), NULL);
  g_return_val_if_fail (MFM_IS_INVENTORY (inventory), NULL);

  _mfm_change_learn_scopes (self, inventory);

  relationship = self->relationship;
  name = mfm_relationship_get_name (relationship);
  impact_builder_init (&primary,
                       mfm_inventory_lookup_primary_server (inventory, relationship),
                       mfm_relationship_get_primary_server (relationship),
                       mfm_relationship_get_primary_server_ref (relationship));
  impact_builder_init (&secondary,
                       mfm_inventory_lookup_secondary_server (inventory, relationship),
                       mfm_relationship_get_secondary_server (relationship),
                       mfm_relationship_get_secondary_server_ref (relationship));

  switch (self->kind)
    {
    case MFM_CHANGE_ADD:
      {
        g_autofree char *primary_peer = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
        g_autofree char *secondary_peer = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);
        g_autofree char *primary_note = NULL;
        g_autofree char *secondary_note = NULL;

        /* Micetro writes nothing while the relationship is Empty; show what will come. */
        primary_note = g_strdup_printf ("%s\n%s\n%s",
                                        _("Nothing is written to either server until the first scope is added."),
                                        _("Then this server gets:"),
                                        primary_peer);
        secondary_note = g_strdup_printf ("%s\n%s\n%s",
                                          _("Nothing is written to either server until the first scope is added."),
                                          _("Then this server gets:"),
                                          secondary_peer);
        g_strchomp (primary_note);
        g_strchomp (secondary_note);
        add_note (&primary, primary_note);
        add_note (&secondary, secondary_note);
      }
      break;

    case MFM_CHANGE_MODIFY:
      {
        MfmRelationship *current = mfm_inventory_lookup_relationship (inventory, mfm_relationship_get_name (self->old_relationship));
        guint scope_count = current != NULL ? mfm_relationship_get_scope_count (current)
                                            : mfm_relationship_get_scope_count (self->old_relationship);

        if (scope_count == 0)
          {
            add_note (&primary, _("Nothing is written to either server until the first scope is added."));
            add_note (&secondary, _("Nothing is written to either server until the first scope is added."));
          }
        else
          {
            g_autofree char *old_primary = render_for (self->old_relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
            g_autofree char *new_primary = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
            g_autofree char *old_secondary = render_for (self->old_relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);
            g_autofree char *new_secondary = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);

            add_line_difference (primary.lines_removed, old_primary, new_primary);
            add_line_difference (primary.lines_added, new_primary, old_primary);
            add_line_difference (secondary.lines_removed, old_secondary, new_secondary);
            add_line_difference (secondary.lines_added, new_secondary, old_secondary);
          }
      }
      break;

    case MFM_CHANGE_REMOVE:
      if (mfm_relationship_get_scope_count (relationship) == 0)
        {
          add_note (&primary, _("The relationship has no scopes, so nothing is removed from the servers’ configuration."));
          add_note (&secondary, _("The relationship has no scopes, so nothing is removed from the servers’ configuration."));
        }
      else
        {
          g_autofree char *primary_peer = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
          g_autofree char *secondary_peer = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);

          add_lines (primary.lines_removed, primary_peer);
          add_lines (secondary.lines_removed, secondary_peer);
          scopes_leave (&primary, &secondary, inventory,
                        mfm_relationship_get_scope_refs (relationship), name, self->action);
        }
      break;

    case MFM_CHANGE_ADD_SCOPES:
      {
        g_autoptr(GPtrArray) copied = g_ptr_array_new_with_free_func (g_free);

        if (mfm_relationship_get_scope_count (self->before) == 0 &&
            mfm_relationship_get_scope_count (relationship) > 0)
          {
            g_autofree char *primary_peer = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
            g_autofree char *secondary_peer = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);

            add_lines (primary.lines_added, primary_peer);
            add_lines (secondary.lines_added, secondary_peer);
          }

        for (guint i = 0; self->scope_refs[i] != NULL; i++)
          {
            MfmScope *scope = mfm_inventory_lookup_scope (inventory, self->scope_refs[i]);
            MfmScope *copy;

            if (scope == NULL)
              continue;

            add_pools (primary.pools_gaining, primary.lines_added, scope, name);
            g_ptr_array_add (primary.scopes_kept, _mfm_change_describe_scope (scope));

            /* Micetro copies the scope, pools included, to the secondary. */
            copy = secondary.ref != NULL ? mfm_inventory_lookup_scope_copy (inventory, scope, secondary.ref) : NULL;
            add_pools (secondary.pools_gaining, secondary.lines_added, copy != NULL ? copy : scope, name);
            g_ptr_array_add (copied, _mfm_change_describe_scope (scope));
          }

        if (copied->len > 0)
          {
            g_autofree char *list = NULL;
            g_autofree char *note = NULL;

            g_ptr_array_add (copied, NULL);
            list = g_strjoinv (", ", (char **) copied->pdata);
            note = g_strdup_printf (_("Gets a copy of these scopes from the primary: %s."), list);
            add_note (&secondary, note);
          }
      }
      break;

    case MFM_CHANGE_REMOVE_SCOPES:
      {
        g_autoptr(GPtrArray) leaving = g_ptr_array_new ();

        /* Only scopes that really are in the relationship leave it. */
        for (guint i = 0; self->scope_refs[i] != NULL; i++)
          {
            if (mfm_relationship_has_scope (self->before, self->scope_refs[i]))
              g_ptr_array_add (leaving, self->scope_refs[i]);
          }
        g_ptr_array_add (leaving, NULL);

        scopes_leave (&primary, &secondary, inventory,
                      (const char * const *) leaving->pdata, name, self->action);

        if (mfm_relationship_get_scope_count (self->before) > 0 &&
            mfm_relationship_get_scope_count (relationship) == 0)
          {
            g_autofree char *primary_peer = render_for (relationship, &primary, &secondary, MFM_ISC_ROLE_PRIMARY);
            g_autofree char *secondary_peer = render_for (relationship, &secondary, &primary, MFM_ISC_ROLE_SECONDARY);

            add_lines (primary.lines_removed, primary_peer);
            add_lines (secondary.lines_removed, secondary_peer);
            add_note (&primary, _("No scope is left, so the relationship becomes Empty."));
            add_note (&secondary, _("No scope is left, so the relationship becomes Empty."));
          }
      }
      break;

    default:
      g_assert_not_reached ();
    }

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_server_impact_free);
  g_ptr_array_add (result, impact_builder_finish (&primary));
  g_ptr_array_add (result, impact_builder_finish (&secondary));

  return result;
}
