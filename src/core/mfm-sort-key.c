/* mfm-sort-key.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sort-key"

#include "config.h"

#include <string.h>

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

/* The key is made of bytes that strcmp() orders the way the names should go:
 *
 *  - the primary part: the text case folded, accents taken off (decomposed, combining marks
 *    dropped) and every run of digits written as its length, then its digits without leading
 *    zeros, so that numbers compare by value. The length is written in bytes '0' to '9' too
 *    ('9' for every nine digits, then '0' + the rest), so a number still sorts where digits
 *    sort among the other characters;
 *  - when the primary part lost something (leading zeros, accents, a compatibility form),
 *    a byte 0x01, lower than any byte of a primary part, then the folded text itself, so that
 *    "ams-02" and "ams-2", or "Ära" and "Ara", are told apart, next to each other.
 *
 * Names are nearly always ASCII: that path folds with g_ascii_tolower() and allocates once.
 * The order does not depend on the locale: keys made in a worker thread and in the main
 * thread compare alike. */

#define SECONDARY_MARK '\1'

static void
append_number (GString    *key,
               const char *digits,
               gsize       n_digits)
{
  gsize significant;

  while (n_digits > 1 && digits[0] == '0')
    {
      digits++;
      n_digits--;
    }
  significant = n_digits - 1;
  for (; significant >= 9; significant -= 9)
    g_string_append_c (key, '9');
  g_string_append_c (key, (char) ('0' + significant));
  g_string_append_len (key, digits, n_digits);
}

/* The primary part of a folded, decomposed text; TRUE when it is the text itself, apart
 * from the numbers' lengths. */
static gboolean
append_primary (GString    *key,
                const char *text)
{
  gboolean lossless = TRUE;
  const char *p = text;

  while (*p != '\0')
    {
      if (g_ascii_isdigit (*p))
        {
          const char *start = p;

          while (g_ascii_isdigit (*p))
            p++;
          if (*start == '0' && p - start > 1)
            lossless = FALSE;
          append_number (key, start, p - start);
        }
      else if ((guchar) *p < 0x80)
        {
          /* Nothing in a primary part may be as low as the mark. */
          g_string_append_c (key, *p == SECONDARY_MARK ? '\2' : g_ascii_tolower (*p));
          if (*p == SECONDARY_MARK)
            lossless = FALSE;
          p++;
        }
      else
        {
          gunichar c = g_utf8_get_char (p);
          const char *next = g_utf8_next_char (p);

          if (g_unichar_type (c) == G_UNICODE_NON_SPACING_MARK ||
              g_unichar_type (c) == G_UNICODE_ENCLOSING_MARK ||
              g_unichar_type (c) == G_UNICODE_SPACING_MARK)
            lossless = FALSE;
          else
            g_string_append_len (key, p, next - p);
          p = next;
        }
    }

  return lossless;
}

char *
mfm_sort_key_new (const char *text)
{
  GString *key;
  const char *p;

  if (text == NULL || text[0] == '\0')
    return g_strdup ("");

  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;

  if (*p == '\0')
    {
      /* ASCII: the common case. */
      key = g_string_sized_new (p - text + 8);
      if (!append_primary (key, text))
        {
          g_string_append_c (key, SECONDARY_MARK);
          for (p = text; *p != '\0'; p++)
            g_string_append_c (key, g_ascii_tolower (*p));
        }
    }
  else
    {
      g_autofree char *valid = g_utf8_make_valid (text, -1);
      g_autofree char *folded = g_utf8_casefold (valid, -1);
      g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
      g_autofree char *composed = g_utf8_normalize (folded, -1, G_NORMALIZE_DEFAULT_COMPOSE);

      key = g_string_sized_new (strlen (decomposed) + 8);
      /* Always with the secondary part, so that no such name ties with an ASCII one. */
      append_primary (key, decomposed);
      g_string_append_c (key, SECONDARY_MARK);
      g_string_append (key, composed);
    }

  return g_string_free (key, FALSE);
}

static Key *
find_key (GObject     *object,
          GParamSpec  *pspec,
          Keys       **keys_out)
{
  Keys *keys = g_object_get_qdata (object, keys_quark ());

  *keys_out = keys;
  for (Key *key = keys != NULL ? keys->first : NULL; key != NULL; key = key->next)
    if (key->pspec == pspec)
      return key;
  return NULL;
}

static const char *
add_key (GObject    *object,
         Keys       *keys,
         GParamSpec *pspec,
         const char *text)
{
  Key *key;

  if (keys == NULL)
    {
      keys = g_new0 (Keys, 1);
      g_object_set_qdata_full (object, keys_quark (), keys, keys_free);
    }

  key = g_new (Key, 1);
  key->pspec = pspec;
  key->key = mfm_sort_key_new (text);
  key->next = keys->first;
  keys->first = key;

  return key->key;
}

const char *
mfm_sort_key_get (GObject    *object,
                  GParamSpec *pspec)
{
  Keys *keys;
  Key *key;
  GValue value = G_VALUE_INIT;
  const char *made;

  g_return_val_if_fail (G_IS_OBJECT (object), "");
  g_return_val_if_fail (G_IS_PARAM_SPEC_STRING (pspec), "");

  key = find_key (object, pspec, &keys);
  if (key != NULL)
    return key->key;

  g_value_init (&value, G_TYPE_STRING);
  g_object_get_property (object, pspec->name, &value);
  made = add_key (object, keys, pspec, g_value_get_string (&value));
  g_value_unset (&value);

  return made;
}

void
mfm_sort_key_prepare (GObject    *object,
                      GParamSpec *pspec,
                      const char *text)
{
  Keys *keys;

  g_return_if_fail (G_IS_OBJECT (object));
  g_return_if_fail (G_IS_PARAM_SPEC_STRING (pspec));

  if (find_key (object, pspec, &keys) == NULL)
    add_key (object, keys, pspec, text);
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
