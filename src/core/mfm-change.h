/* mfm-change.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "mfm-inventory.h"
#include "mfm-relationship.h"
#include "mfm-types.h"

G_BEGIN_DECLS

/* One line of a field diff: old_value is NULL for an added relationship, new_value NULL for a
 * removed one. Labels and values are ready to show. */
typedef struct
{
  char *label;
  char *old_value;
  char *new_value;
} MfmFieldDiff;

#define MFM_TYPE_FIELD_DIFF (mfm_field_diff_get_type ())
GType         mfm_field_diff_get_type (void) G_GNUC_CONST;
MfmFieldDiff *mfm_field_diff_copy     (const MfmFieldDiff *diff);
void          mfm_field_diff_free     (MfmFieldDiff       *diff);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmFieldDiff, mfm_field_diff_free)

/* What a change does to one server. Every GStrv is NULL-terminated, possibly empty. */
typedef struct
{
  char  *server_name;
  char  *server_ref;
  GStrv  lines_added;      /* configuration lines the server gains */
  GStrv  lines_removed;    /* configuration lines it loses */
  GStrv  pools_gaining;    /* "10.1.20.100–10.1.20.199 (10.1.20.0/24)" */
  GStrv  pools_losing;
  GStrv  scopes_kept;      /* scope names (subnet) */
  GStrv  scopes_disabled;
  GStrv  scopes_deleted;
  char  *note;             /* e.g. "Nothing is written until the first scope is added." or NULL */
} MfmServerImpact;

#define MFM_TYPE_SERVER_IMPACT (mfm_server_impact_get_type ())
GType            mfm_server_impact_get_type (void) G_GNUC_CONST;
MfmServerImpact *mfm_server_impact_copy     (const MfmServerImpact *impact);
void             mfm_server_impact_free     (MfmServerImpact       *impact);
/* Plain text for logs and tests: one section per kind of effect, translated. */
char            *mfm_server_impact_to_text  (const MfmServerImpact *impact);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (MfmServerImpact, mfm_server_impact_free)

#define MFM_TYPE_CHANGE (mfm_change_get_type())

G_DECLARE_FINAL_TYPE (MfmChange, mfm_change, MFM, CHANGE, GObject)

/* One staged change to a failover relationship (its properties are described in mfm-change.c,
 * next to their definitions). The relationship objects are copies owned by the change. */
MfmChange            *mfm_change_new_add             (MfmRelationship      *relationship);
MfmChange            *mfm_change_new_modify          (MfmRelationship      *old_relationship,
                                                      MfmRelationship      *new_relationship);
MfmChange            *mfm_change_new_remove          (MfmRelationship      *relationship,
                                                      MfmDeconfigureAction  action);
MfmChange            *mfm_change_new_add_scopes      (MfmRelationship      *relationship,
                                                      const char * const   *scope_refs);
MfmChange            *mfm_change_new_remove_scopes   (MfmRelationship      *relationship,
                                                      const char * const   *scope_refs,
                                                      MfmDeconfigureAction  action);

MfmChangeKind         mfm_change_get_kind            (MfmChange            *self);
const char           *mfm_change_get_title           (MfmChange            *self);
const char           *mfm_change_get_subtitle        (MfmChange            *self);
const char           *mfm_change_get_relationship_name (MfmChange          *self);
/* The relationship as it will be after the change (for REMOVE: as it was). */
MfmRelationship      *mfm_change_get_relationship    (MfmChange            *self);
/* MODIFY only: the relationship before; NULL otherwise. */
MfmRelationship      *mfm_change_get_old_relationship (MfmChange           *self);
/* ADD_SCOPES / REMOVE_SCOPES: the scope refs; NULL otherwise. */
const char * const   *mfm_change_get_scope_refs      (MfmChange            *self);
MfmDeconfigureAction  mfm_change_get_action          (MfmChange            *self);
MfmChangeStatus       mfm_change_get_status          (MfmChange            *self);
void                  mfm_change_set_status          (MfmChange            *self,
                                                      MfmChangeStatus       status);
const char           *mfm_change_get_error_message   (MfmChange            *self);
void                  mfm_change_set_error_message   (MfmChange            *self,
                                                      const char           *message);

/* New array of MfmFieldDiff: every field for ADD and REMOVE, the changed ones for MODIFY,
 * the scopes for the scope changes. */
GPtrArray            *mfm_change_get_diff            (MfmChange            *self);
/* ADD_SCOPES / REMOVE_SCOPES: learn the scopes' names and subnets from @inventory, so the
 * diff shows "Office (10.1.20.0/24)" rather than the ref. compute_impact() and validate() do
 * this too; call it before get_diff() when neither has run yet. The names go into drafts. */
void                  mfm_change_resolve_scopes      (MfmChange            *self,
                                                      MfmInventory         *inventory);
/* New array of MfmServerImpact, primary first, then secondary. */
GPtrArray            *mfm_change_compute_impact      (MfmChange            *self,
                                                      MfmInventory         *inventory);
/* New array of MfmFinding: the relationship rules of mfm-rules.h for Add and Modify (an
 * Add also must not take a name in use), and for added scopes that each exists, has a pool,
 * is on the primary and belongs to no other relationship. */
GPtrArray            *mfm_change_validate            (MfmChange            *self,
                                                      MfmInventory         *inventory);

/* TRUE when @current, the relationship of that name as the server has it now (NULL when the
 * server has none), already shows what this change does: after a save whose outcome is not
 * known, a change that is already there must not be sent again. */
gboolean              mfm_change_is_applied_in       (MfmChange            *self,
                                                      MfmRelationship      *current);

/* Drafts: a{sv} with a "version" key; the api layer turns it into JSON. The status and the
 * error message go with it, so a draft written in the middle of a save says which changes
 * are done. */
GVariant             *mfm_change_serialize           (MfmChange            *self);
MfmChange            *mfm_change_deserialize         (GVariant             *variant,
                                                      GError              **error);

/* Change files: the relationship as the server had it when the change was planned (NULL: the
 * server had none, as for an Add). A change opened from a file carries it; one staged here has
 * none (mfm_change_has_base() is FALSE) and is never checked. Kept in drafts. */
void                  mfm_change_set_base            (MfmChange            *self,
                                                      MfmRelationship      *base);
gboolean              mfm_change_has_base            (MfmChange            *self);
MfmRelationship      *mfm_change_get_base            (MfmChange            *self);
/* Compares that base with @current, the relationship of that name as the server has it now
 * (NULL: none), and keeps every difference (MfmFieldDiff: label, planned against, now).
 * Returns how many. Property "base-moved" (read-only) is TRUE while there are any: such a
 * change must not be saved until accept_base() takes what the server has now as its base
 * (a Modify then keeps only the values it changes, scope changes start from the server's
 * scopes), or the change is dropped. */
guint                 mfm_change_check_base          (MfmChange            *self,
                                                      MfmRelationship      *current);
GPtrArray            *mfm_change_get_base_diffs      (MfmChange            *self);
gboolean              mfm_change_get_base_moved      (MfmChange            *self);
void                  mfm_change_accept_base         (MfmChange            *self);

/* A sentence the review shows on the change (e.g. what an undo cannot bring back), or NULL.
 * Kept in drafts. */
const char           *mfm_change_get_note            (MfmChange            *self);
void                  mfm_change_set_note            (MfmChange            *self,
                                                      const char           *note);

/* Undo of a save: the change that takes @saved back (a removed relationship is added again
 * with its old values and scopes, modified values are restored, added scopes are taken out,
 * an added relationship is removed). Its base is the relationship as the save left it, so
 * mfm_change_check_base() tells what changed on the server since; its note says what cannot
 * be brought back. @saved should carry the server's values before the save as its base (the
 * journal's changes do). NULL when there is nothing to go back to. */
MfmChange            *mfm_change_new_inverse         (MfmChange            *saved);

G_END_DECLS
