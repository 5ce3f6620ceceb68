/* mfm-sort-key.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sort-key"

#include "config.h"

#include "mfm-sort-key.h"

typedef struct _Key Key;

struct _Key
{
  Key        *next;
  GParamSpec *pspec;
  char       *key;
};

/* Held by the object as one piece of qdata; a list, since an object is sorted by a column or
 * two at most. */
typedef struct
{
  Key *first;
} Keys;

static GQuark
keys_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("mfm-sort-keys");
  return quark;
}

static void
keys_free (gpointer data)
{
  Keys *keys = data;

  while (keys->first != NULL)
    {
      Key *key = keys->first;

      keys->first = key->next;
      g_free (key->key);
      g_free (key);
    }
  g_free (keys);
}

char *
mfm_sort_key_new (const char *text)
{
  g_autofree char *folded = NULL;

  if (text == NULL || text[0] == '\0')
    return g_strdup ("");

  /* The file name key is the one GLib has that orders digits by value. */
  folded = g_utf8_casefold (text, -1);
  return g_utf8_collate_key_for_filename (folded, -1);
}

const char *
mfm_sort_key_get (GObject    *object,
                  GParamSpec *pspec)
{
  Keys *keys;
  Key *key;
  GValue value = G_VALUE_INIT;

  g_return_val_if_fail (G_IS_OBJECT (object), "");
  g_return_val_if_fail (G_IS_PARAM_SPEC_STRING (pspec), "");

  keys = g_object_get_qdata (object, keys_quark ());
  for (key = keys != NULL ? keys->first : NULL; key != NULL; key = key->next)
    if (key->pspec == pspec)
      return key->key;

  if (keys == NULL)
    {
      keys = g_new0 (Keys, 1);
      g_object_set_qdata_full (object, keys_quark (), keys, keys_free);
    }

  g_value_init (&value, G_TYPE_STRING);
  g_object_get_property (object, pspec->name, &value);
  key = g_new0 (Key, 1);
  key->pspec = pspec;
  key->key = mfm_sort_key_new (g_value_get_string (&value));
  key->next = keys->first;
  keys->first = key;
  g_value_unset (&value);

  return key->key;
}

void
mfm_sort_key_forget (GObject     *object,
                     guint        n_pspecs,
                     GParamSpec **pspecs)
{
  Keys *keys = g_object_get_qdata (object, keys_quark ());

  if (keys == NULL)
    return;

  for (guint i = 0; i < n_pspecs; i++)
    for (Key **link = &keys->first; *link != NULL; link = &(*link)->next)
      if ((*link)->pspec == pspecs[i])
        {
          Key *key = *link;

          *link = key->next;
          g_free (key->key);
          g_free (key);
          break;
        }
}
