/* mfm-code-block.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define MFM_TYPE_CODE_BLOCK (mfm_code_block_get_type())

G_DECLARE_FINAL_TYPE (MfmCodeBlock, mfm_code_block, MFM, CODE_BLOCK, AdwPreferencesRow)

/* A row of monospace text under its title, selectable, with a Copy button when it has a
 * copy label. The row itself is no Tab stop, only what it holds. */
MfmCodeBlock *mfm_code_block_new            (void);
const char   *mfm_code_block_get_text       (MfmCodeBlock       *self);
void          mfm_code_block_set_text       (MfmCodeBlock       *self,
                                             const char         *text);
/* The text as one line per entry of @lines, each prefixed with @prefix ("+ ", "− ", ""). */
void          mfm_code_block_set_lines      (MfmCodeBlock       *self,
                                             const char         *prefix,
                                             const char * const *lines);
const char   *mfm_code_block_get_copy_label (MfmCodeBlock       *self);
void          mfm_code_block_set_copy_label (MfmCodeBlock       *self,
                                             const char         *copy_label);

G_END_DECLS
