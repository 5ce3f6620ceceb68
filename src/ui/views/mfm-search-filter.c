/* mfm-search-filter.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-search-filter"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-search-filter.h"

struct _MfmSearchFilter
{
  GtkFilter            parent_instance;

  char                *search;
  /* The search as it is compared: normalized and case-folded; NULL matches everything. */
  char                *needle;
  MfmSearchFieldsFunc  fields_func;
  MfmSearchGenerationFunc generation_func;

  /* Keys folded ahead of the first keystroke, a slice per idle turn. */
  GListModel          *prepare_model;
  guint                prepare_position;
  guint                prepare_id;
  GPtrArray           *prepared_items;
  GPtrArray           *prepared_keys;

  /* Every item of the prepared model once the slices are done (NULL before), and for each
   * whether it matched the needle when it was last checked (valid when matched_valid). A
   * keystroke checks them all in one tight loop first: when no answer changes, GTK is not
   * asked to filter again, and when answers only go one way it is told so. The keys, in
   * the same order, are the ones kept on the items: the loop reaches them without a lookup. */
  GPtrArray           *items;
  GPtrArray           *keys;
  guint8              *matched;
  gboolean             matched_valid;

  /* While GTK filters right after that loop, it is answered from what the loop found. GTK
   * asks about the items the loop checked, in the same order: the positions the loop
   * checked (checked, n_checked) and how far GTK got (next_checked) find an answer without a
   * lookup on the item. */
  guint                check_serial;
  gboolean             answers_fresh;
  /* GTK asks about every row even for the empty search (see the setter). */
  gboolean             always_asked;
  guint               *checked;
  guint                n_checked;
  guint                next_checked;
};

G_DEFINE_FINAL_TYPE (MfmSearchFilter, mfm_search_filter, GTK_TYPE_FILTER)

enum {
  PROP_0,
  PROP_SEARCH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Kept on each item: the item's generation when the key was made or, without a generation
 * func, the texts it was made from, so a renamed item gets a new key without any signal
 * handler per row. Made again in place: the filter's array of keys stays valid. */
typedef struct
{
  MfmSearchFieldsFunc  fields_func;
  gboolean             has_generation;
  guint                generation;
  char                *sources[MFM_SEARCH_FILTER_MAX_FIELDS];
  /* The folded texts, one per line: a search never holds a line break, so it never
   * matches across two texts. */
  char                *key;
  /* The answer of the last loop over the prepared items that checked this one. */
  guint                check_serial;
  gboolean             check_matched;
} SearchKey;

static GQuark search_key_quark;
static guint check_serials;

static void
search_key_clear (SearchKey *search_key)
{
  for (guint i = 0; i < MFM_SEARCH_FILTER_MAX_FIELDS; i++)
    g_clear_pointer (&search_key->sources[i], g_free);
  g_clear_pointer (&search_key->key, g_free);
}

static void
search_key_free (gpointer data)
{
  SearchKey *search_key = data;

  search_key_clear (search_key);
  g_free (search_key);
}

/* The same folding as GtkStringFilter with ignore-case. */
static char *
fold (const char *text)
{
  g_autofree char *normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);

  return normalized != NULL ? g_utf8_casefold (normalized, -1) : NULL;
}

static gboolean
search_key_is_current (const SearchKey      *search_key,
                       MfmSearchFieldsFunc   fields_func,
                       const char          **fields,
                       guint                 n_fields)
{
  if (search_key->fields_func != fields_func)
    return FALSE;

  for (guint i = 0; i < MFM_SEARCH_FILTER_MAX_FIELDS; i++)
    if (g_strcmp0 (search_key->sources[i], i < n_fields ? fields[i] : NULL) != 0)
      return FALSE;

  return TRUE;
}

/* Makes @search_key current for @item: with a generation func, a key whose generation is
 * the item's costs one call; without, the texts are compared. */
static inline void
search_key_update (MfmSearchFilter *self,
                   SearchKey       *search_key,
                   gpointer         item)
{
  const char *fields[MFM_SEARCH_FILTER_MAX_FIELDS] = { NULL, };
  guint generation = 0;
  GString *key;
  guint n_fields;

  if (self->generation_func != NULL)
    {
      generation = self->generation_func (item);
      if (search_key->key != NULL && search_key->fields_func == self->fields_func &&
          search_key->has_generation && search_key->generation == generation)
        return;
    }

  n_fields = MIN (self->fields_func (item, fields), MFM_SEARCH_FILTER_MAX_FIELDS);
  if (self->generation_func == NULL && search_key->key != NULL && !search_key->has_generation &&
      search_key_is_current (search_key, self->fields_func, fields, n_fields))
    return;

  search_key_clear (search_key);
  search_key->fields_func = self->fields_func;
  search_key->has_generation = self->generation_func != NULL;
  search_key->generation = generation;
  key = g_string_new (NULL);
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *folded = NULL;

      if (!search_key->has_generation)
        search_key->sources[i] = g_strdup (fields[i]);
      if (fields[i] == NULL || (folded = fold (fields[i])) == NULL)
        continue;
      if (key->len > 0)
        g_string_append_c (key, '\n');
      g_string_append (key, folded);
    }
  search_key->key = g_string_free (key, FALSE);
}

/* The item's key, made current. It stays the same struct for the item's lifetime. */
static SearchKey *
item_search_key (MfmSearchFilter *self,
                 GObject         *item)
{
  SearchKey *search_key = g_object_get_qdata (item, search_key_quark);

  if (search_key == NULL)
    {
      search_key = g_new0 (SearchKey, 1);
      g_object_set_qdata_full (item, search_key_quark, search_key, search_key_free);
    }
  search_key_update (self, search_key, item);

  return search_key;
}

/* The answer the last loop found for @item, when it checked it: GTK asks about the items
 * the loop checked in the order it checked them (some fewer, when a filter before this one
 * already said no), so the next few positions the loop checked are tried before a lookup on
 * the item. */
#define ANSWER_LOOKAHEAD 64

static SearchKey *
answered_key (MfmSearchFilter *self,
              gpointer         item)
{
  SearchKey *search_key;
  guint end = MIN (self->n_checked, self->next_checked + ANSWER_LOOKAHEAD);

  for (guint c = self->next_checked; c < end; c++)
    {
      guint i = self->checked[c];

      if (g_ptr_array_index (self->items, i) == item)
        {
          self->next_checked = c + 1;
          return g_ptr_array_index (self->keys, i);
        }
    }

  search_key = g_object_get_qdata (item, search_key_quark);
  if (search_key != NULL && search_key->check_serial == self->check_serial)
    return search_key;
  return NULL;
}

static gboolean
mfm_search_filter_match (GtkFilter *filter,
                         gpointer   item)
{
  MfmSearchFilter *self = MFM_SEARCH_FILTER (filter);

  if (self->needle == NULL)
    return TRUE;
  if (self->fields_func == NULL)
    return FALSE;

  if (self->answers_fresh)
    {
      SearchKey *search_key = answered_key (self, item);

      if (search_key != NULL)
        return search_key->check_matched;
    }

  return strstr (item_search_key (self, item)->key, self->needle) != NULL;
}

static GtkFilterMatch
mfm_search_filter_get_strictness (GtkFilter *filter)
{
  MfmSearchFilter *self = MFM_SEARCH_FILTER (filter);

  if (self->needle == NULL)
    return GTK_FILTER_MATCH_ALL;
  if (self->fields_func == NULL)
    return GTK_FILTER_MATCH_NONE;

  return GTK_FILTER_MATCH_SOME;
}

static void
mark_all_matched (MfmSearchFilter *self)
{
  if (self->items == NULL)
    return;

  memset (self->matched, 1, self->items->len);
  self->matched_valid = TRUE;
}

/* Enough rows per idle turn to be done with 10,000 rows in a few dozen turns, few enough to
 * stay well inside a frame. */
#define PREPARE_SLICE 500

static gboolean
prepare_idle_cb (gpointer user_data)
{
  MfmSearchFilter *self = user_data;
  guint n_items = g_list_model_get_n_items (self->prepare_model);
  guint end = MIN (n_items, self->prepare_position + PREPARE_SLICE);

  for (; self->prepare_position < end; self->prepare_position++)
    {
      GObject *item = g_list_model_get_item (self->prepare_model, self->prepare_position);

      g_ptr_array_add (self->prepared_keys, item_search_key (self, item));
      g_ptr_array_add (self->prepared_items, item);
    }

  if (self->prepare_position < n_items)
    return G_SOURCE_CONTINUE;

  self->prepare_id = 0;
  g_clear_object (&self->prepare_model);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  self->items = g_steal_pointer (&self->prepared_items);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  self->keys = g_steal_pointer (&self->prepared_keys);
  g_clear_pointer (&self->matched, g_free);
  self->matched = g_new (guint8, self->items->len);
  g_clear_pointer (&self->checked, g_free);
  self->checked = g_new (guint, self->items->len);
  self->n_checked = 0;
  self->matched_valid = FALSE;
  if (self->needle == NULL)
    mark_all_matched (self);
  return G_SOURCE_REMOVE;
}

/* Checks every prepared item against @needle and stores the answers. Returns the change
 * GTK must be told about: none at all (-1) when no answer changed, MORE_STRICT when answers
 * only went from matching to not, LESS_STRICT for the other way round. */
static int
check_prepared_items (MfmSearchFilter *self,
                      const char      *needle,
                      int              guessed)
{
  gboolean hidden = FALSE;
  gboolean shown = FALSE;
  gboolean known = self->matched_valid;

  self->answers_fresh = FALSE;
  if (self->items == NULL || self->fields_func == NULL)
    return guessed;

  /* Unique across filters: an answer is never taken for another filter's. */
  self->check_serial = ++check_serials;
  self->n_checked = 0;
  self->next_checked = 0;
  for (guint i = 0; i < self->items->len; i++)
    {
      SearchKey *search_key = g_ptr_array_index (self->keys, i);
      guint8 matches;

      /* What GTK would check again, no more: a longer search never shows an item that did
       * not match, a shorter one never hides one that did. */
      if (known && guessed == GTK_FILTER_CHANGE_MORE_STRICT && !self->matched[i])
        continue;
      if (known && guessed == GTK_FILTER_CHANGE_LESS_STRICT && self->matched[i])
        continue;

      search_key_update (self, search_key, g_ptr_array_index (self->items, i));
      matches = strstr (search_key->key, needle) != NULL;
      search_key->check_serial = self->check_serial;
      search_key->check_matched = matches;
      self->checked[self->n_checked++] = i;

      if (known && matches != self->matched[i])
        {
          if (matches)
            shown = TRUE;
          else
            hidden = TRUE;
        }
      self->matched[i] = matches;
    }
  self->matched_valid = TRUE;
  self->answers_fresh = TRUE;

  if (!known || (hidden && shown))
    return guessed;
  if (hidden)
    return GTK_FILTER_CHANGE_MORE_STRICT;
  if (shown)
    return GTK_FILTER_CHANGE_LESS_STRICT;
  return -1;
}

static void
mfm_search_filter_dispose (GObject *object)
{
  MfmSearchFilter *self = (MfmSearchFilter *)object;

  g_clear_handle_id (&self->prepare_id, g_source_remove);
  g_clear_object (&self->prepare_model);
  g_clear_pointer (&self->prepared_items, g_ptr_array_unref);
  g_clear_pointer (&self->prepared_keys, g_ptr_array_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->matched, g_free);
  g_clear_pointer (&self->checked, g_free);

  G_OBJECT_CLASS (mfm_search_filter_parent_class)->dispose (object);
}

static void
mfm_search_filter_finalize (GObject *object)
{
  MfmSearchFilter *self = (MfmSearchFilter *)object;

  g_free (self->search);
  g_free (self->needle);

  G_OBJECT_CLASS (mfm_search_filter_parent_class)->finalize (object);
}

static void
mfm_search_filter_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfmSearchFilter *self = MFM_SEARCH_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      g_value_set_string (value, self->search);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_search_filter_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  MfmSearchFilter *self = MFM_SEARCH_FILTER (object);

  switch (prop_id)
    {
    case PROP_SEARCH:
      mfm_search_filter_set_search (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_search_filter_class_init (MfmSearchFilterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkFilterClass *filter_class = GTK_FILTER_CLASS (klass);

  object_class->dispose = mfm_search_filter_dispose;
  object_class->finalize = mfm_search_filter_finalize;
  object_class->get_property = mfm_search_filter_get_property;
  object_class->set_property = mfm_search_filter_set_property;

  filter_class->match = mfm_search_filter_match;
  filter_class->get_strictness = mfm_search_filter_get_strictness;

  properties[PROP_SEARCH] =
    g_param_spec_string ("search", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  search_key_quark = g_quark_from_static_string ("mfm-search-filter-key");
}

static void
mfm_search_filter_init (MfmSearchFilter *self)
{
}

GtkFilter *
mfm_search_filter_new (void)
{
  return g_object_new (MFM_TYPE_SEARCH_FILTER, NULL);
}

const char *
mfm_search_filter_get_search (MfmSearchFilter *self)
{
  g_return_val_if_fail (MFM_IS_SEARCH_FILTER (self), NULL);

  return self->search;
}

void
mfm_search_filter_set_search (MfmSearchFilter *self,
                              const char      *search)
{
  g_autofree char *needle = NULL;

  g_return_if_fail (MFM_IS_SEARCH_FILTER (self));

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  if (search != NULL && *search != '\0')
    needle = fold (search);
  if (needle != NULL && *needle == '\0')
    g_clear_pointer (&needle, g_free);

  /* Only what can change is checked again: a longer search only hides rows, a shorter one
   * only shows rows. Another spelling of the same needle changes nothing. */
  if (g_strcmp0 (self->needle, needle) != 0)
    {
      /* Whether the search being left showed every prepared item. */
      gboolean all_matched = self->always_asked && self->matched_valid && self->items != NULL &&
                             memchr (self->matched, 0, self->items->len) == NULL;
      int change;

      if (self->needle == NULL || (needle != NULL && strstr (needle, self->needle) != NULL))
        change = GTK_FILTER_CHANGE_MORE_STRICT;
      else if (needle == NULL || strstr (self->needle, needle) != NULL)
        change = GTK_FILTER_CHANGE_LESS_STRICT;
      else
        change = GTK_FILTER_CHANGE_DIFFERENT;

      /* The empty search matches every item. From or to it, GTK is told (it stops or starts
       * asking about each row) unless it asks about each row anyway. */
      self->answers_fresh = FALSE;
      if (self->needle == NULL || needle == NULL)
        mark_all_matched (self);
      if (needle != NULL)
        {
          int checked = check_prepared_items (self, needle, change);

          if (self->needle != NULL || self->always_asked)
            change = checked;
        }
      else if (all_matched)
        change = -1;

      g_free (self->needle);
      self->needle = g_steal_pointer (&needle);
      if (change < 0)
        self->answers_fresh = FALSE;
      else
        {
          /* The loop just checked every item GTK will ask about, with the keys as they are:
           * GTK is answered from it (answers_fresh), only during this call. */
          gtk_filter_changed (GTK_FILTER (self), change);
          self->answers_fresh = FALSE;
        }
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH]);
}

/* Whether @item changed in place since its key was made (a key not made yet is not stale:
 * GTK checked the item when it arrived). */
static gboolean
key_is_stale (MfmSearchFilter *self,
              SearchKey       *search_key,
              GObject         *item)
{
  if (search_key == NULL || search_key->key == NULL)
    return FALSE;
  if (self->generation_func == NULL || !search_key->has_generation)
    return TRUE;

  return search_key->generation != self->generation_func (item);
}

static gboolean
any_key_is_stale (MfmSearchFilter *self)
{
  if (self->items != NULL)
    {
      for (guint i = 0; i < self->items->len; i++)
        if (key_is_stale (self, g_ptr_array_index (self->keys, i), g_ptr_array_index (self->items, i)))
          return TRUE;
      return FALSE;
    }

  if (self->prepare_model != NULL)
    {
      guint n_items = g_list_model_get_n_items (self->prepare_model);

      for (guint i = 0; i < n_items; i++)
        {
          g_autoptr(GObject) item = g_list_model_get_item (self->prepare_model, i);

          if (key_is_stale (self, g_object_get_qdata (item, search_key_quark), item))
            return TRUE;
        }
      return FALSE;
    }

  /* Nothing prepared: nothing known about the items. */
  return TRUE;
}

/**
 * mfm_search_filter_recheck:
 *
 * Items changed in place (a refresh renamed a server) keep the answer they had until
 * GTK asks again, and a shorter search never asks about an item that matched: after a
 * refresh the rows are checked again when some item's fields changed, so that no row stays
 * shown that no longer matches, nor hidden that now does.
 */
void
mfm_search_filter_recheck (MfmSearchFilter *self)
{
  int change = GTK_FILTER_CHANGE_DIFFERENT;

  g_return_if_fail (MFM_IS_SEARCH_FILTER (self));

  if (self->needle == NULL || self->fields_func == NULL || !any_key_is_stale (self))
    return;

  if (self->items != NULL)
    change = check_prepared_items (self, self->needle, GTK_FILTER_CHANGE_DIFFERENT);
  if (change >= 0)
    gtk_filter_changed (GTK_FILTER (self), change);
  self->answers_fresh = FALSE;
}

void
mfm_search_filter_set_fields_func (MfmSearchFilter     *self,
                                   MfmSearchFieldsFunc  fields_func)
{
  g_return_if_fail (MFM_IS_SEARCH_FILTER (self));

  if (self->fields_func == fields_func)
    return;

  self->fields_func = fields_func;
  self->matched_valid = FALSE;
  gtk_filter_changed (GTK_FILTER (self), GTK_FILTER_CHANGE_DIFFERENT);
}

void
mfm_search_filter_set_generation_func (MfmSearchFilter         *self,
                                       MfmSearchGenerationFunc  generation_func)
{
  g_return_if_fail (MFM_IS_SEARCH_FILTER (self));

  /* The keys are checked against the new func as they are reached; no answer changes. */
  self->generation_func = generation_func;
}

/* For a filter GTK asks about every row whatever this one's search, because it is one of a
 * GtkEveryFilter whose other filters never match every item: then a search from or to the
 * empty one need not be told to GTK when no row's answer changes (GTK would check each row
 * again, 100,000 of them, for the first key typed). Off by default. */
void
mfm_search_filter_set_always_asked (MfmSearchFilter *self,
                                    gboolean         always_asked)
{
  g_return_if_fail (MFM_IS_SEARCH_FILTER (self));

  self->always_asked = !!always_asked;
}

/* Folds the keys of every item of @model while the application is idle, so the first
 * keystroke after a load does not pay for all of them at once. Starts over when called
 * again; keys already current cost a comparison. */
void
mfm_search_filter_prepare (MfmSearchFilter *self,
                           GListModel      *model)
{
  g_return_if_fail (MFM_IS_SEARCH_FILTER (self));
  g_return_if_fail (!model || G_IS_LIST_MODEL (model));

  g_set_object (&self->prepare_model, model);
  self->prepare_position = 0;
  /* Until every item is prepared again, each keystroke lets GTK check the rows. */
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->matched, g_free);
  g_clear_pointer (&self->checked, g_free);
  self->n_checked = 0;
  self->matched_valid = FALSE;
  g_clear_pointer (&self->prepared_items, g_ptr_array_unref);
  g_clear_pointer (&self->prepared_keys, g_ptr_array_unref);
  if (model != NULL)
    {
      /* The keys belong to the items (and live as long as they do): not freed here. */
      self->prepared_items = g_ptr_array_new_full (g_list_model_get_n_items (model), g_object_unref);
      self->prepared_keys = g_ptr_array_sized_new (g_list_model_get_n_items (model));
    }
  if (model == NULL || self->fields_func == NULL)
    {
      g_clear_handle_id (&self->prepare_id, g_source_remove);
      g_clear_object (&self->prepare_model);
      g_clear_pointer (&self->prepared_items, g_ptr_array_unref);
      g_clear_pointer (&self->prepared_keys, g_ptr_array_unref);
      return;
    }

  if (self->prepare_id == 0)
    {
      self->prepare_id = g_idle_add_full (G_PRIORITY_LOW, prepare_idle_cb, self, NULL);
      g_source_set_name_by_id (self->prepare_id, "[mfm] prepare search keys");
    }
}
