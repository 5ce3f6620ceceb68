/* mfm-editor-page.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "mfm-field-row.h"
#include "mfm-types.h"

G_BEGIN_DECLS

#define MFM_TYPE_EDITOR_PAGE (mfm_editor_page_get_type())

G_DECLARE_DERIVABLE_TYPE (MfmEditorPage, mfm_editor_page, MFM, EDITOR_PAGE, AdwBin)

/* One step of the relationship editor. A page holds some fields of the form; the editor
 * checks the whole form with the rules after every change and gives each page the findings.
 * A page is complete when no error concerns a field it blocks on; the editor lets the
 * person go on from a complete page only. */
struct _MfmEditorPageClass
{
  AdwBinClass parent_class;

  /* Shows what the findings say under the page's fields. The default shows them under each
   * MfmFieldRow added with mfm_editor_page_add_field(). */
  void     (*show_findings)  (MfmEditorPage *self,
                              GPtrArray     *findings);
  /* Whether an error on @field keeps the page from being complete. The default: the field
   * is one of the page's own. */
  gboolean (*blocks_on)      (MfmEditorPage *self,
                              MfmField       field);
  /* Whether the person changed something on the page. The default: an MfmFieldRow of the
   * page differs from its initial value. */
  gboolean (*get_changed)    (MfmEditorPage *self);
};

gboolean     mfm_editor_page_get_complete      (MfmEditorPage *self);
/* The first error that keeps the page from being complete, or NULL. */
const char  *mfm_editor_page_get_first_error   (MfmEditorPage *self);
/* Gives the page the findings (MfmFinding) of the last check of the whole form. */
void         mfm_editor_page_set_findings      (MfmEditorPage *self,
                                                GPtrArray     *findings);
gboolean     mfm_editor_page_get_changed       (MfmEditorPage *self);
/* The page's row for @field, or NULL when the field is not on the page or has no entry. */
MfmFieldRow *mfm_editor_page_get_field_row     (MfmEditorPage *self,
                                                MfmField       field);
/* Puts the keyboard on the first field that can be changed; FALSE when there is none. */
gboolean     mfm_editor_page_focus_first_field (MfmEditorPage *self);

/* For subclasses: @field is on the page, edited with @widget, in the order of the calls. An
 * MfmFieldRow's changes and Enter are passed on as the page's "changed" and "activated". */
void         mfm_editor_page_add_field         (MfmEditorPage *self,
                                                MfmField       field,
                                                GtkWidget     *widget);
/* For subclasses: the person changed a field that is no MfmFieldRow. */
void         mfm_editor_page_changed           (MfmEditorPage *self);

G_END_DECLS
