/* mfm-call-text.h
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "mfm-change.h"
#include "mfm-client.h"

G_BEGIN_DECLS

/* The API calls @change will make, as text for people: each call as "Method" followed by its
 * pretty-printed parameters (without the session), calls separated by a blank line, in the
 * names @client will send them in: the dialect its server has shown (@client may be NULL: the
 * default names). Lets the UI show the exact requests without touching JSON itself. */
char *mfm_call_text_for_change (MfmChange  *change,
                                const char *comment,
                                MfmClient  *client);

G_END_DECLS
