/* mfm-sim-filter.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "mfm-sim-filter.h"

typedef enum
{
  MATCH_EXACT,
  MATCH_PREFIX,
  MATCH_CONTAINS,
  MATCH_SUFFIX,
  MATCH_FREE_TEXT,
} MatchKind;

typedef struct
{
  char      *field;
  char      *raw;     /* as written, unquoted */
  char      *value;   /* casefolded */
  MatchKind  kind;
} Clause;

struct _MfmSimFilter
{
  GPtrArray *clauses;
};

static void
clause_free (gpointer data)
{
  Clause *clause = data;

  g_free (clause->field);
  g_free (clause->raw);
  g_free (clause->value);
  g_free (clause);
}

/* "text" → text; FALSE for a quote that is opened and never closed. */
static gboolean
unquote (const char  *text,
         char       **out)
{
  gsize len = strlen (text);

  if (len >= 2 && text[0] == '"' && text[len - 1] == '"')
    *out = g_strndup (text + 1, len - 2);
  else if (text[0] == '"' || (len > 0 && text[len - 1] == '"'))
    return FALSE;
  else
    *out = g_strdup (text);
  return TRUE;
}

MfmSimFilter *
mfm_sim_filter_new (const char  *text,
                    GError     **error)
{
  g_autoptr(GPtrArray) clauses = g_ptr_array_new_with_free_func (clause_free);
  g_autoptr(GRegex) and = g_regex_new ("\\s+AND\\s+", G_REGEX_CASELESS, 0, NULL);
  g_auto(GStrv) parts = NULL;
  MfmSimFilter *filter;

  if (text != NULL && *text != '\0')
    parts = g_regex_split (and, text, 0);

  for (guint i = 0; parts != NULL && parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      const char *equals = strchr (part, '=');
      g_autofree char *raw = NULL;
      g_autofree char *value = NULL;
      Clause *clause;

      if (*part == '\0')
        continue;

      clause = g_new0 (Clause, 1);
      g_ptr_array_add (clauses, clause);
      if (equals == NULL)
        {
          clause->kind = MATCH_FREE_TEXT;
          if (!unquote (part, &value))
            goto unclosed;
          raw = g_strdup (value);
        }
      else
        {
          g_autofree char *field = g_strstrip (g_strndup (part, equals - part));
          g_autofree char *trimmed = g_strstrip (g_strdup (equals + 1));
          gsize len;

          if (*field == '\0')
            {
              g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "Invalid filter: “%s” has no field name.", part);
              return NULL;
            }
          if (!unquote (trimmed, &raw))
            goto unclosed;

          clause->field = g_steal_pointer (&field);
          len = strlen (raw);
          if (raw[0] == '^' && len > 1 && raw[len - 1] == '$')
            {
              clause->kind = MATCH_EXACT;
              value = g_strndup (raw + 1, len - 2);
            }
          else if (raw[0] == '^')
            {
              clause->kind = MATCH_PREFIX;
              value = g_strdup (raw + 1);
            }
          else if (raw[0] == '@')
            {
              clause->kind = MATCH_CONTAINS;
              value = g_strdup (raw + 1);
            }
          else if (raw[0] == '$')
            {
              clause->kind = MATCH_SUFFIX;
              value = g_strdup (raw + 1);
            }
          else if (len > 0 && raw[len - 1] == '$')
            {
              clause->kind = MATCH_SUFFIX;
              value = g_strndup (raw, len - 1);
            }
          else
            {
              clause->kind = MATCH_EXACT;
              value = g_strdup (raw);
            }
        }
      clause->raw = clause->kind == MATCH_EXACT ? g_strdup (value) : g_steal_pointer (&raw);
      clause->value = g_utf8_casefold (value, -1);
    }

  filter = g_new0 (MfmSimFilter, 1);
  filter->clauses = g_steal_pointer (&clauses);
  return filter;

unclosed:
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               "Invalid filter: a quote is not closed in “%s”.", text);
  return NULL;
}

void
mfm_sim_filter_free (MfmSimFilter *filter)
{
  if (filter == NULL)
    return;

  g_ptr_array_unref (filter->clauses);
  g_free (filter);
}

char *
mfm_sim_filter_member_text (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return g_utf8_casefold (json_node_get_string (node), -1);
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    default:
      return NULL;
    }
}

static gboolean
text_matches (const char *text,
              Clause     *clause)
{
  if (text == NULL)
    return FALSE;
  switch (clause->kind)
    {
    case MATCH_EXACT:
      return g_str_equal (text, clause->value);
    case MATCH_PREFIX:
      return g_str_has_prefix (text, clause->value);
    case MATCH_SUFFIX:
      return g_str_has_suffix (text, clause->value);
    case MATCH_CONTAINS:
    case MATCH_FREE_TEXT:
    default:
      return strstr (text, clause->value) != NULL;
    }
}

gboolean
mfm_sim_filter_matches (MfmSimFilter *filter,
                        JsonObject   *object)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  for (guint i = 0; i < filter->clauses->len; i++)
    {
      Clause *clause = g_ptr_array_index (filter->clauses, i);
      gboolean matched = FALSE;
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      json_object_iter_init (&iter, object);
      while (!matched && json_object_iter_next (&iter, &member, &node))
        {
          g_autofree char *text = NULL;

          /* Micetro matches field names case-insensitively. */
          if (clause->kind != MATCH_FREE_TEXT && g_ascii_strcasecmp (member, clause->field) != 0)
            continue;
          text = mfm_sim_filter_member_text (node);
          matched = text_matches (text, clause);
          if (clause->kind != MATCH_FREE_TEXT)
            break;
        }

      if (!matched)
        return FALSE;
    }

  return TRUE;
}

const char *
mfm_sim_filter_get_exact (MfmSimFilter *filter,
                          const char   *field)
{
  g_return_val_if_fail (filter != NULL, NULL);

  for (guint i = 0; i < filter->clauses->len; i++)
    {
      Clause *clause = g_ptr_array_index (filter->clauses, i);

      if (clause->kind == MATCH_EXACT && g_ascii_strcasecmp (clause->field, field) == 0)
        return clause->raw;
    }

  return NULL;
}

guint
mfm_sim_filter_get_n_clauses (MfmSimFilter *filter)
{
  g_return_val_if_fail (filter != NULL, 0);

  return filter->clauses->len;
}
