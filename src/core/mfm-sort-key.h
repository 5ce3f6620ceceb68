/* mfm-sort-key.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* The order people expect of names in a list: case folded, and numbers by their value, so
 * "ams-2" comes before "ams-10" and "AMS-3" between them; a letter with an accent sorts with
 * its letter ("ara", "Ära", "arb"), the same number with leading zeros just after it. The
 * order is the same in every locale. Keys compare with strcmp(); NULL text gives the empty
 * key, which sorts first. */
char       *mfm_sort_key_new     (const char  *text);

/* The key of @object's string property @pspec, computed on first use and kept on the object
 * until that property changes (objects that use it call mfm_sort_key_forget() from their
 * dispatch_properties_changed), so a sort of n objects folds and collates n texts, not
 * n log n pairs. Call it from the thread that owns @object. */
const char *mfm_sort_key_get     (GObject     *object,
                                  GParamSpec  *pspec);
/* Makes the key of @object's @pspec from @text, the property's value, which the caller has at
 * hand (the objects of a list it has just built), unless the key is there already. */
void        mfm_sort_key_prepare (GObject     *object,
                                  GParamSpec  *pspec,
                                  const char  *text);
void        mfm_sort_key_forget  (GObject     *object,
                                  guint        n_pspecs,
                                  GParamSpec **pspecs);

G_END_DECLS
