/* mfm-json-reader.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-json-reader"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-json-reader.h"

/* A strict JSON reader that builds json-glib's own tree. json-glib 1.6 reads a text through a
 * GScanner copy that allocates every token, and the wire checked the text once more before it;
 * at estate scale (a relationships answer of tens of megabytes) that is most of a refresh's
 * work. This reader passes over the bytes once, decodes strings into one reusable buffer and
 * checks UTF-8, nesting and number ranges on the way.
 *
 * It only has to agree with json-glib where it says yes: whatever it refuses goes to json-glib
 * and the wire's checks as before, so every error message stays theirs. Where json-glib reads
 * more than RFC 8259 (leading zeros, hex, "1.", comments, bare control characters, "\x"), or
 * reads something its own way (a lone surrogate becomes invalid UTF-8), this reader refuses.
 * What it does copy from json-glib, as tests/api/test-json-reader.c checks text by text:
 * whole numbers are G_TYPE_INT64, a fraction or an exponent makes G_TYPE_DOUBLE (g_ascii_strtod
 * of the digits, negated after), "-0" is the whole number 0, a repeated member name keeps its
 * first place and its last value (json_object_set_member), "\u0000" ends the string there, and
 * every node is sealed and knows its parent. */

typedef struct
{
  const guchar *at;
  const guchar *end;
  /* Decoded strings: a member's name stays here, below its value's strings, until the member
   * is set. Offsets rather than pointers, since the buffer grows. */
  char         *scratch;
  gsize         used;
  gsize         allocated;
} Reader;

/* In a string: 0 ends a plain run (a control character, '"', '\\'), 1 is plain ASCII, 2 a byte
 * of a multi-byte UTF-8 character. */
static const guint8 string_class[256] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
  1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
  2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* The longest number read from a buffer on the stack; a longer one is copied to the heap. */
#define NUMBER_BUFFER 64

static JsonNode *read_value (Reader *reader,
                             guint   depth);

static inline void
skip_space (Reader *reader)
{
  while (reader->at < reader->end &&
         (*reader->at == ' ' || *reader->at == '\n' || *reader->at == '\r' ||
          *reader->at == '\t'))
    reader->at++;
}

static inline char *
reserve (Reader *reader,
         gsize   n_bytes)
{
  if (reader->allocated - reader->used < n_bytes)
    {
      reader->allocated = MAX (reader->allocated * 2, reader->used + n_bytes);
      reader->scratch = g_realloc (reader->scratch, reader->allocated);
    }

  return reader->scratch + reader->used;
}

static inline void
append (Reader     *reader,
        const void *bytes,
        gsize       n_bytes)
{
  memcpy (reserve (reader, n_bytes), bytes, n_bytes);
  reader->used += n_bytes;
}

/* Four hex digits after "\u", or -1. */
static gint
read_hex4 (Reader *reader)
{
  gint value = 0;

  if (reader->end - reader->at < 4)
    return -1;

  for (guint i = 0; i < 4; i++)
    {
      gint digit = g_ascii_xdigit_value (reader->at[i]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  reader->at += 4;
  return value;
}

/* The escape after a backslash, appended decoded. */
static gboolean
read_escape (Reader *reader)
{
  char decoded;
  gint unit, low;
  gunichar c;

  if (reader->at >= reader->end)
    return FALSE;

  switch (*reader->at++)
    {
    case '"':
      decoded = '"';
      break;
    case '\\':
      decoded = '\\';
      break;
    case '/':
      decoded = '/';
      break;
    case 'b':
      decoded = '\b';
      break;
    case 'f':
      decoded = '\f';
      break;
    case 'n':
      decoded = '\n';
      break;
    case 'r':
      decoded = '\r';
      break;
    case 't':
      decoded = '\t';
      break;
    case 'u':
      if ((unit = read_hex4 (reader)) < 0)
        return FALSE;
      c = (gunichar) unit;
      /* Only whole surrogate pairs: json-glib turns a lone one into invalid UTF-8. */
      if (unit >= 0xDC00 && unit <= 0xDFFF)
        return FALSE;
      if (unit >= 0xD800 && unit <= 0xDBFF)
        {
          if (reader->end - reader->at < 2 || reader->at[0] != '\\' || reader->at[1] != 'u')
            return FALSE;
          reader->at += 2;
          low = read_hex4 (reader);
          if (low < 0xDC00 || low > 0xDFFF)
            return FALSE;
          c = 0x10000 + (((gunichar) unit - 0xD800) << 10) + ((gunichar) low - 0xDC00);
        }
      reader->used += (gsize) g_unichar_to_utf8 (c, reserve (reader, 6));
      return TRUE;
    default:
      return FALSE;
    }

  append (reader, &decoded, 1);
  return TRUE;
}

/* The string whose opening quote is at the reader, decoded and NUL-terminated at the end of
 * the scratch buffer; returns its offset there, or G_MAXSIZE. */
static gsize
read_string (Reader *reader)
{
  gsize start = reader->used;

  reader->at++;
  for (;;)
    {
      const guchar *run = reader->at;
      const guchar *p = run;

      while (p < reader->end && string_class[*p] == 1)
        p++;
      /* A plain run ends at ASCII, so it holds whole characters when it is valid at all. */
      if (p < reader->end && string_class[*p] == 2)
        {
          while (p < reader->end && string_class[*p] != 0)
            p++;
          if (!g_utf8_validate_len ((const char *) run, p - run, NULL))
            return G_MAXSIZE;
        }
      reader->at = p;
      append (reader, run, p - run);

      if (reader->at >= reader->end)
        return G_MAXSIZE;
      if (*reader->at == '"')
        {
          reader->at++;
          break;
        }
      if (*reader->at != '\\')
        return G_MAXSIZE;
      reader->at++;
      if (!read_escape (reader))
        return G_MAXSIZE;
    }

  *reserve (reader, 1) = '\0';
  reader->used++;
  return start;
}

static JsonNode *
read_number (Reader *reader)
{
  const guchar *digits, *integer_end;
  gboolean negative = FALSE, fraction = FALSE;
  JsonNode *node;

  if (*reader->at == '-')
    {
      negative = TRUE;
      reader->at++;
    }
  digits = reader->at;
  if (reader->at >= reader->end || !g_ascii_isdigit (*reader->at))
    return NULL;
  if (*reader->at == '0')
    reader->at++;
  else
    while (reader->at < reader->end && g_ascii_isdigit (*reader->at))
      reader->at++;
  integer_end = reader->at;

  if (reader->at < reader->end && *reader->at == '.')
    {
      reader->at++;
      if (reader->at >= reader->end || !g_ascii_isdigit (*reader->at))
        return NULL;
      while (reader->at < reader->end && g_ascii_isdigit (*reader->at))
        reader->at++;
      fraction = TRUE;
    }
  if (reader->at < reader->end && (*reader->at == 'e' || *reader->at == 'E'))
    {
      reader->at++;
      if (reader->at < reader->end && (*reader->at == '+' || *reader->at == '-'))
        reader->at++;
      if (reader->at >= reader->end || !g_ascii_isdigit (*reader->at))
        return NULL;
      while (reader->at < reader->end && g_ascii_isdigit (*reader->at))
        reader->at++;
      fraction = TRUE;
    }

  if (fraction)
    {
      char buffer[NUMBER_BUFFER];
      g_autofree char *long_text = NULL;
      gsize n_bytes = reader->at - digits;
      char *text = buffer;
      double value;

      if (n_bytes >= sizeof buffer)
        text = long_text = g_malloc (n_bytes + 1);
      memcpy (text, digits, n_bytes);
      text[n_bytes] = '\0';
      /* As json-glib: the digits without their sign, negated after. */
      value = g_ascii_strtod (text, NULL);
      node = json_node_init_double (json_node_alloc (), negative ? value * -1.0 : value);
    }
  else
    {
      guint64 magnitude = 0;

      /* Without leading zeros, 20 digits are at least 10^19: beyond 64 bits either way, where
       * json-glib would wrap the number. The wire refuses those. */
      if (integer_end - digits > 19)
        return NULL;
      for (const guchar *p = digits; p < integer_end; p++)
        magnitude = magnitude * 10 + (guint64) (*p - '0');
      if (magnitude > (guint64) G_MAXINT64 + (negative ? 1 : 0))
        return NULL;
      node = json_node_init_int (json_node_alloc (),
                                 negative ? (gint64) (G_GUINT64_CONSTANT (0) - magnitude)
                                          : (gint64) magnitude);
    }

  json_node_seal (node);
  return node;
}

static gboolean
read_word (Reader     *reader,
           const char *word,
           gsize       length)
{
  if ((gsize) (reader->end - reader->at) < length || memcmp (reader->at, word, length) != 0)
    return FALSE;
  reader->at += length;
  return TRUE;
}

static JsonNode *
read_array (Reader *reader,
            guint   depth)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), NULL);
  JsonArray *array = json_array_new ();

  reader->at++;
  skip_space (reader);
  if (reader->at < reader->end && *reader->at == ']')
    reader->at++;
  else
    for (;;)
      {
        JsonNode *element = read_value (reader, depth);

        if (element == NULL)
          goto fail;
        json_node_set_parent (element, node);
        json_array_add_element (array, element);

        skip_space (reader);
        if (reader->at >= reader->end)
          goto fail;
        if (*reader->at == ']')
          {
            reader->at++;
            break;
          }
        if (*reader->at != ',')
          goto fail;
        reader->at++;
        skip_space (reader);
      }

  json_array_seal (array);
  json_node_take_array (node, array);
  json_node_seal (node);
  return node;

fail:
  json_array_unref (array);
  json_node_unref (node);
  return NULL;
}

static JsonNode *
read_object (Reader *reader,
             guint   depth)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), NULL);
  JsonObject *object = json_object_new ();

  reader->at++;
  skip_space (reader);
  if (reader->at < reader->end && *reader->at == '}')
    reader->at++;
  else
    for (;;)
      {
        JsonNode *member;
        gsize name;

        if (reader->at >= reader->end || *reader->at != '"')
          goto fail;
        if ((name = read_string (reader)) == G_MAXSIZE)
          goto fail;
        skip_space (reader);
        if (reader->at >= reader->end || *reader->at != ':')
          goto fail;
        reader->at++;
        skip_space (reader);

        member = read_value (reader, depth);
        if (member == NULL)
          goto fail;
        json_node_set_parent (member, node);
        json_object_set_member (object, reader->scratch + name, member);
        reader->used = name;

        skip_space (reader);
        if (reader->at >= reader->end)
          goto fail;
        if (*reader->at == '}')
          {
            reader->at++;
            break;
          }
        if (*reader->at != ',')
          goto fail;
        reader->at++;
        skip_space (reader);
      }

  json_object_seal (object);
  json_node_take_object (node, object);
  json_node_seal (node);
  return node;

fail:
  json_object_unref (object);
  json_node_unref (node);
  return NULL;
}

/* The value at the reader (after any space), sealed; @depth counts the arrays and objects
 * around it. */
static JsonNode *
read_value (Reader *reader,
            guint   depth)
{
  JsonNode *node;
  gsize start;

  if (reader->at >= reader->end)
    return NULL;

  switch (*reader->at)
    {
    case '{':
      if (depth >= MFM_JSON_READER_MAX_DEPTH)
        return NULL;
      return read_object (reader, depth + 1);
    case '[':
      if (depth >= MFM_JSON_READER_MAX_DEPTH)
        return NULL;
      return read_array (reader, depth + 1);
    case '"':
      if ((start = read_string (reader)) == G_MAXSIZE)
        return NULL;
      node = json_node_init_string (json_node_alloc (), reader->scratch + start);
      reader->used = start;
      break;
    case 't':
      if (!read_word (reader, "true", 4))
        return NULL;
      node = json_node_init_boolean (json_node_alloc (), TRUE);
      break;
    case 'f':
      if (!read_word (reader, "false", 5))
        return NULL;
      node = json_node_init_boolean (json_node_alloc (), FALSE);
      break;
    case 'n':
      if (!read_word (reader, "null", 4))
        return NULL;
      node = json_node_init_null (json_node_alloc ());
      break;
    case '-':
    case '0': case '1': case '2': case '3': case '4':
    case '5': case '6': case '7': case '8': case '9':
      return read_number (reader);
    default:
      return NULL;
    }

  json_node_seal (node);
  return node;
}

JsonNode *
mfm_json_reader_parse (const char *text,
                       gsize       length)
{
  Reader reader = { 0 };
  JsonNode *root;

  if (text == NULL || length == 0 || length > G_MAXSSIZE)
    return NULL;

  reader.at = (const guchar *) text;
  reader.end = reader.at + length;
  reader.allocated = 256;
  reader.scratch = g_malloc (reader.allocated);

  skip_space (&reader);
  root = read_value (&reader, 0);
  if (root != NULL)
    {
      skip_space (&reader);
      if (reader.at != reader.end)
        g_clear_pointer (&root, json_node_unref);
    }

  g_free (reader.scratch);
  return root;
}
