/* mfm-change-private.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "mfm-change.h"
#include "mfm-server.h"

G_BEGIN_DECLS

/* Shared by the files that make up MfmChange: the object (mfm-change.c), its diff, its impact
 * on the servers, its findings, its serialisation, its base (change files) and its inverse. */
struct _MfmChange
{
  GObject               parent_instance;

  MfmChangeKind         kind;
  MfmRelationship      *relationship;      /* after the change; for REMOVE as it was */
  MfmRelationship      *old_relationship;  /* MODIFY: before */
  MfmRelationship      *before;            /* scope changes: the relationship they start from */
  GStrv                 scope_refs;
  MfmDeconfigureAction  action;
  MfmChangeStatus       status;
  char                 *error_message;
  char                 *title;
  char                 *subtitle;
  GHashTable           *scope_descriptions; /* ref → "name (subnet)", learnt from an inventory */
  gboolean              has_base;          /* opened from a change file */
  MfmRelationship      *base;              /* as the server had it when planned; NULL: absent */
  MfmRelationship      *seen;              /* as the server has it at the last check */
  gboolean              seen_absent;
  GPtrArray            *base_diffs;        /* MfmFieldDiff: planned against → now */
  char                 *note;              /* what the review must say about it, or NULL */
};

/* mfm-change.c */
void          _mfm_change_update_texts           (MfmChange          *self);
void          _mfm_change_notify_base_moved      (MfmChange          *self);
/* The refs of @a, then those of @b that @a lacks; new arrays. */
char        **_mfm_change_strv_union             (const char * const *a,
                                                  const char * const *b);
/* The refs of @a that @b lacks. */
char        **_mfm_change_strv_minus             (const char * const *a,
                                                  const char * const *b);

/* mfm-change-diff.c */
MfmFieldDiff *_mfm_field_diff_new                (const char         *label,
                                                  const char         *old_value,
                                                  const char         *new_value);
/* How many of the relationship's values a Modify changes (0 for other kinds). */
guint         _mfm_change_count_changed_settings (MfmChange          *self);
/* Adds an MfmFieldDiff to @diffs for every value of the relationship that differs between
 * @before and @after, formatted for a person. */
void          _mfm_change_add_value_diffs        (GPtrArray          *diffs,
                                                  MfmRelationship    *before,
                                                  MfmRelationship    *after);
/* "Office (10.1.20.0/24)", or the subnet, the name or the ref when that is all there is. */
char         *_mfm_change_describe_scope         (MfmScope           *scope);
/* Learns the descriptions of the change's scopes from @inventory. */
void          _mfm_change_learn_scopes           (MfmChange          *self,
                                                  MfmInventory       *inventory);

/* mfm-change-serialize.c: the relationship's text properties a draft keeps, NULL-terminated;
 * its numbers are the numeric fields of the field table, kept under their ids. */
extern const char * const _mfm_change_string_keys[];

/* A relationship's name, or "" when it has none. */
static inline const char *
_mfm_change_display (const char *name)
{
  return name != NULL ? name : "";
}

/* A server name without the trailing dot, "" for none; new string. */
static inline char *
_mfm_change_server_name (const char *name)
{
  return mfm_server_name_without_dot (name != NULL ? name : "");
}

G_END_DECLS
