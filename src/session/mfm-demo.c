/* mfm-demo.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-demo"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-demo.h"
#include "mfm-simulator.h"

struct _MfmDemo
{
  GObject       parent_instance;

  MfmSimulator *simulator;
};

G_DEFINE_FINAL_TYPE (MfmDemo, mfm_demo, G_TYPE_OBJECT)

static void
mfm_demo_dispose (GObject *object)
{
  MfmDemo *self = MFM_DEMO (object);

  if (self->simulator != NULL)
    mfm_simulator_stop (self->simulator);
  g_clear_object (&self->simulator);

  G_OBJECT_CLASS (mfm_demo_parent_class)->dispose (object);
}

static void
mfm_demo_class_init (MfmDemoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = mfm_demo_dispose;
}

static void
mfm_demo_init (MfmDemo *self)
{
}

MfmDemo *
mfm_demo_new (GError **error)
{
  g_autoptr(MfmSimulator) simulator = mfm_simulator_new ();
  MfmDemo *self;

  mfm_simulator_load_demo (simulator);
  if (!mfm_simulator_start (simulator, 0, error))
    return NULL;

  self = g_object_new (MFM_TYPE_DEMO, NULL);
  self->simulator = g_steal_pointer (&simulator);

  return self;
}

const char *
mfm_demo_get_url (MfmDemo *self)
{
  g_return_val_if_fail (MFM_IS_DEMO (self), NULL);

  return mfm_simulator_get_url (self->simulator);
}
