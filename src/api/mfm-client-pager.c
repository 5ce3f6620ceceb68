/* mfm-client-pager.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-client-pager"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "mfm-client.h"
#include "mfm-client-private.h"
#include "mfm-wire.h"

/* Reading lists: the objects of an answer built off the main thread, the paged listing of
 * servers and scopes (servers: the first page together with the next ones up to the in-flight
 * limit; scopes: the first page alone; then up to the in-flight limit at once; refused when a
 * server ignores the offset or repeats a reference), the relationships, one server's
 * scopes with their pools and networks. */

#include "mfm-sort-key.h"

/* A server that keeps sending full pages is not trusted beyond this. */
#define MAX_LIST_ITEMS    10000000
/* Requests for one list at most: 10,000,000 objects in pages of 1000. */
#define MAX_LIST_PAGES    10000
/* Without "totalResults" nothing says when to stop but a short page: 1,000,000 objects in
 * pages of 1000, far beyond any estate, and a few seconds of one-object pages. */
#define MAX_PAGES_WITHOUT_TOTAL 1000

/* ---------------------------------------------------------------------------------------- */
/* Lists built off the main thread                                                           */

/* The name's sort key is made here too, while the objects are still the thread's own: the
 * tables sort by name first. */
static const char *
server_name (gpointer server)
{
  return mfm_server_get_name (server);
}

static const char *
relationship_name (gpointer relationship)
{
  return mfm_relationship_get_name (relationship);
}

static void
make_name_keys (GPtrArray    *objects,
                const char *(*get_name) (gpointer object))
{
  GParamSpec *name = NULL;

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      GObject *object = g_ptr_array_index (objects, i);

      if (name == NULL)
        name = g_object_class_find_property (G_OBJECT_GET_CLASS (object), "name");
      mfm_sort_key_prepare (object, name, get_name (object));
    }
}

static GPtrArray *
convert_servers (JsonNode         *result,
                 guint            *total,
                 MfmCallObserved  *observed,
                 GError          **error)
{
  GPtrArray *servers = mfm_wire_servers_from_result (result, total, error);

  make_name_keys (servers, server_name);
  return servers;
}

static GPtrArray *
convert_scopes (JsonNode         *result,
                guint            *total,
                MfmCallObserved  *observed,
                GError          **error)
{
  return mfm_wire_scopes_from_result (result, total, error);
}

/* The first name more than one relationship has, and how many have it, for the main thread
 * to refuse the list with. */
static void
find_repeated_name (GPtrArray       *relationships,
                    MfmCallObserved *observed)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  const char *repeated = NULL;

  for (guint i = 0; i < relationships->len; i++)
    {
      const char *name = mfm_relationship_get_name (g_ptr_array_index (relationships, i));
      guint count;

      if (name == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (seen, name));
      if (count > 0 && repeated == NULL)
        repeated = name;
      g_hash_table_insert (seen, (gpointer) name, GUINT_TO_POINTER (count + 1));
    }

  observed->repeated_name = repeated;
  observed->n_repeated = repeated != NULL
    ? GPOINTER_TO_UINT (g_hash_table_lookup (seen, repeated)) : 0;
}

static GPtrArray *
convert_relationships (JsonNode         *result,
                       guint            *total,
                       MfmCallObserved  *observed,
                       GError          **error)
{
  GPtrArray *relationships;

  relationships = mfm_wire_relationships_from_result_observed (result, &observed->seen,
                                                               &observed->safe_period, error);
  if (relationships == NULL)
    return NULL;

  make_name_keys (relationships, relationship_name);
  find_repeated_name (relationships, observed);
  return relationships;
}

/* ---------------------------------------------------------------------------------------- */
/* Paging                                                                                    */

typedef enum
{
  LIST_SERVERS,
  LIST_SCOPES,
} ListKind;

typedef struct
{
  MfmOpCancel op;
  ListKind    kind;
  char       *method;
  JsonObject *params;
  guint       page_size;
  guint       total;        /* G_MAXUINT until known */
  guint       next_offset;
  guint       next_index;
  guint       end_index;    /* index of the first short page, G_MAXUINT while unknown */
  guint       n_outstanding;
  guint       n_dropped;    /* of those, requests of an older plan: not held against the limit */
  guint       loaded;
  guint       max_pages;    /* from the first page's totalResults, G_MAXUINT until then */
  guint       n_first;      /* pages sent before the first answer: 1, or the in-flight limit */
  guint       plan;         /* answers to requests of an older plan are dropped */
  gboolean    first_taken;
  GHashTable *seen;         /* ref (borrowed from the pages) → how often it came */
  GPtrArray  *pages;        /* index → GPtrArray of items, NULL until it arrived */
  GPtrArray  *held;         /* HeldPage: answers that came before the first page's */
  GError     *error;
} Pager;

typedef struct
{
  GTask *pager_task;
  guint  index;
  guint  offset;
  guint  plan;
} PageCall;

/* An answer kept until the first page has said how many objects there are and how large a
 * page the server really sends. */
typedef struct
{
  guint         index;
  guint         offset;
  guint         total;
  GAsyncResult *result;
  JsonNode     *node;
  GPtrArray    *items;
  GError       *error;
} HeldPage;

static void
held_page_free (gpointer data)
{
  HeldPage *held = data;

  g_clear_object (&held->result);
  g_clear_pointer (&held->node, json_node_unref);
  g_clear_pointer (&held->items, g_ptr_array_unref);
  g_clear_error (&held->error);
  g_free (held);
}

/* Pages arrive in any order, so the array has holes until the last one is in. */
static void
page_free (gpointer page)
{
  if (page != NULL)
    g_ptr_array_unref (page);
}

static void
pager_free (Pager *pager)
{
  _mfm_op_cancel_clear (&pager->op);
  g_free (pager->method);
  g_clear_pointer (&pager->params, json_object_unref);
  g_clear_pointer (&pager->seen, g_hash_table_unref);
  g_clear_pointer (&pager->pages, g_ptr_array_unref);
  g_clear_pointer (&pager->held, g_ptr_array_unref);
  g_clear_error (&pager->error);
  g_free (pager);
}

static void pager_send (GTask *task);

static gboolean
pager_at_end (Pager *pager)
{
  return pager->end_index != G_MAXUINT || pager->next_offset >= pager->total ||
         pager->error != NULL;
}

static void
pager_complete (GTask *task)
{
  Pager *pager = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = NULL;
  guint n_pages;

  if (pager->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&pager->error));
      return;
    }

  n_pages = MIN (pager->pages->len, pager->end_index == G_MAXUINT ? G_MAXUINT
                                                                   : pager->end_index + 1);
  /* The pages' objects move into one array: at 100,000 objects, a reference taken here and
   * dropped with the pages would cost the main loop a few milliseconds at the end of a load. */
  items = g_ptr_array_new_full (pager->loaded, g_object_unref);
  for (guint i = 0; i < n_pages; i++)
    {
      GPtrArray *page = g_steal_pointer (&g_ptr_array_index (pager->pages, i));

      if (page != NULL)
        g_ptr_array_extend_and_steal (items, page);
    }

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

/* What the first page implies: no more requests than its totalResults needs, plus a margin;
 * a total that would take too many requests is refused at once. */
static gboolean
pager_set_bounds (Pager     *pager,
                  JsonNode  *first_page,
                  GError   **error)
{
  guint64 expected;
  /* The wire gives 4294967295 for "not sent" too: only the member tells them apart. */
  gboolean announced = JSON_NODE_HOLDS_OBJECT (first_page) &&
                       json_object_has_member (json_node_get_object (first_page),
                                               MFM_WIRE_RESULT_TOTAL);

  if (pager->total == G_MAXUINT && !announced)
    {
      pager->max_pages = MAX_PAGES_WITHOUT_TOTAL;
      return TRUE;
    }

  expected = MAX (((guint64) pager->total + pager->page_size - 1) / pager->page_size, 1);
  if (pager->total > MAX_LIST_ITEMS || expected > MAX_LIST_PAGES)
    {
      g_autofree char *requests = g_strdup_printf ("%" G_GUINT64_FORMAT, expected);

      g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                   /* Translators: total, command, page size, requests, the most allowed */
                   _("The server announced %u objects for %s in pages of %u: reading them "
                     "would take %s requests, more than the %u allowed."),
                   pager->total, pager->method, pager->page_size, requests, MAX_LIST_PAGES);
      return FALSE;
    }

  /* The pages sent with the first one count as well. */
  pager->max_pages = MAX ((guint) (expected + expected / 10 + 2), pager->n_first + 1);
  return TRUE;
}

static const char *
pager_item_ref (Pager    *pager,
                gpointer  item)
{
  return pager->kind == LIST_SERVERS ? mfm_server_get_ref (item) : mfm_scope_get_ref (item);
}

/* A page of refs already seen brings nothing new (a server that ignores the offset); a ref
 * that comes twice makes two objects the client cannot tell apart, since every write names
 * its object by ref. Either way the list is refused rather than shown short or merged. */
static gboolean
pager_check_refs (Pager      *pager,
                  GPtrArray  *items,
                  guint       offset,
                  GError    **error)
{
  const char *repeated = NULL;
  guint n_new = 0;

  for (guint i = 0; i < items->len; i++)
    {
      const char *ref = pager_item_ref (pager, g_ptr_array_index (items, i));
      guint count;

      if (ref == NULL)
        continue;
      count = GPOINTER_TO_UINT (g_hash_table_lookup (pager->seen, ref));
      if (count == 0)
        n_new++;
      else if (repeated == NULL)
        repeated = ref;
      g_hash_table_insert (pager->seen, (gpointer) ref, GUINT_TO_POINTER (count + 1));
    }

  if (items->len > 0 && n_new == 0 && offset > 0)
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                   /* Translators: command, offset, number of objects */
                   _("The server answered %s at offset %u with %u objects it had sent "
                     "already: it seems to ignore the offset, so the list cannot be read."),
                   pager->method, offset, items->len);
      return FALSE;
    }

  if (repeated != NULL)
    {
      g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
                   /* Translators: count, reference, command */
                   _("The server sent %u objects with the same reference “%s” in %s. Each "
                     "object needs a reference of its own; if the list changed while it was "
                     "read, refresh to read it again."),
                   GPOINTER_TO_UINT (g_hash_table_lookup (pager->seen, repeated)), repeated,
                   pager->method);
      return FALSE;
    }

  return TRUE;
}

/* An answer the list no longer needs: a page sent with the first one that lies beyond the
 * end the first page announced, such as the empty pages of a small estate. */
static gboolean
pager_beyond_end (Pager *pager,
                  guint  index,
                  guint  offset)
{
  return index > 0 && ((pager->end_index != G_MAXUINT && index > pager->end_index) ||
                       (pager->total != G_MAXUINT && offset >= pager->total));
}

/* Takes one page's answer (@items, or @error when it failed) into the list. */
static void
pager_take_page (MfmClient    *self,
                 GTask        *task,
                 guint         index,
                 guint         offset,
                 guint         total,
                 GAsyncResult *result,
                 JsonNode     *node,
                 GPtrArray    *items_in,
                 GError       *error_in)
{
  Pager *pager = g_task_get_task_data (task);
  g_autoptr(GPtrArray) items = items_in;
  g_autoptr(GError) error = error_in;

  if (index == 0)
    pager->first_taken = TRUE;
  else if (pager_beyond_end (pager, index, offset))
    return;

  if (items == NULL)
    {
      if (node != NULL)
        _mfm_client_log_refused_answer (result, error);
      if (pager->error == NULL)
        {
          pager->error = _mfm_op_was_cancelled (&pager->op)
            ? g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   _("The request was cancelled."))
            : g_steal_pointer (&error);
          g_cancellable_cancel (pager->op.cancellable);
        }
    }
  else if (pager->error == NULL)
    {
      if (index == 0)
        {
          pager->total = total;
          /* A server with a smaller page limit: follow its page size. The pages sent with
           * the first one asked for the larger size at other offsets: their answers are
           * dropped and the rest is read again in the server's page size. */
          if (items->len > 0 && items->len < pager->page_size && items->len < total)
            {
              pager->page_size = items->len;
              pager->next_offset = items->len;
              pager->next_index = 1;
              pager->n_dropped = pager->n_outstanding;
              pager->plan++;
            }
        }

      if ((index == 0 && !pager_set_bounds (pager, node, &error)) ||
          !pager_check_refs (pager, items, offset, &error))
        {
          _mfm_client_log_refused_answer (result, error);
          pager->error = g_steal_pointer (&error);
          g_cancellable_cancel (pager->op.cancellable);
          g_ptr_array_add (pager->pages, g_steal_pointer (&items));
          return;
        }

      if (index >= pager->pages->len)
        g_ptr_array_set_size (pager->pages, index + 1);
      pager->loaded += items->len;
      g_ptr_array_index (pager->pages, index) = g_steal_pointer (&items);

      if (((GPtrArray *) g_ptr_array_index (pager->pages, index))->len < pager->page_size ||
          (pager->total != G_MAXUINT &&
           offset + ((GPtrArray *) g_ptr_array_index (pager->pages, index))->len >= pager->total))
        pager->end_index = MIN (pager->end_index, index);

      if (pager->loaded > MAX_LIST_ITEMS)
        pager->error = g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                                    _("The server lists more than %u objects."), MAX_LIST_ITEMS);
      else if (!pager_at_end (pager) && pager->next_index >= pager->max_pages)
        {
          if (pager->total == G_MAXUINT)
            pager->error = g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                                        /* Translators: command, requests, objects */
                                        _("The server kept sending full pages of %s without "
                                          "saying how many objects there are: reading stopped "
                                          "after %u requests and %u objects."),
                                        pager->method, pager->next_index, pager->loaded);
          else
            pager->error = g_error_new (MFM_ERROR, MFM_ERROR_PROTOCOL,
                                        /* Translators: command, total, requests */
                                        _("The server kept sending full pages of %s beyond the "
                                          "%u objects it announced: reading stopped after %u "
                                          "requests."),
                                        pager->method, pager->total, pager->next_index);
          _mfm_client_log_refused_answer (result, pager->error);
          g_cancellable_cancel (pager->op.cancellable);
        }

      _mfm_client_emit_progress (self,
                                 pager->kind == LIST_SERVERS ? MFM_CLIENT_PROGRESS_SERVERS
                                                             : MFM_CLIENT_PROGRESS_SCOPES,
                                 pager->loaded, pager->total != G_MAXUINT ? pager->total : 0);
    }
}

static int
held_page_compare (gconstpointer a,
                   gconstpointer b)
{
  const HeldPage *held_a = *(HeldPage * const *) a;
  const HeldPage *held_b = *(HeldPage * const *) b;

  return held_a->index < held_b->index ? -1 : held_a->index > held_b->index;
}

static void
pager_page_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  PageCall *call = user_data;
  g_autoptr(GTask) task = call->pager_task;
  Pager *pager = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  guint index = call->index, offset = call->offset, plan = call->plan, total = G_MAXUINT;

  g_free (call);
  pager->n_outstanding--;

  node = _mfm_client_call_finish (self, result, &error);
  if (node != NULL)
    items = _mfm_client_call_take_items (result, node, &total, NULL, &error);

  if (plan != pager->plan)
    {
      /* A page of the plan the first page overturned: its objects are read again. */
      pager->n_dropped--;
    }
  else if (index > 0 && !pager->first_taken)
    {
      HeldPage *held = g_new0 (HeldPage, 1);

      held->index = index;
      held->offset = offset;
      held->total = total;
      held->result = g_object_ref (result);
      held->node = g_steal_pointer (&node);
      held->items = g_steal_pointer (&items);
      held->error = g_steal_pointer (&error);
      g_ptr_array_add (pager->held, held);
    }
  else
    {
      pager_take_page (self, task, index, offset, total, result, node,
                       g_steal_pointer (&items), g_steal_pointer (&error));

      /* Then the pages that came before the first one, in their order. */
      if (index == 0 && pager->held->len > 0)
        {
          g_autoptr(GPtrArray) held = g_steal_pointer (&pager->held);

          pager->held = g_ptr_array_new_with_free_func (held_page_free);
          g_ptr_array_sort (held, held_page_compare);
          for (guint i = 0; i < held->len; i++)
            {
              HeldPage *page = g_ptr_array_index (held, i);

              if (plan == pager->plan)
                pager_take_page (self, task, page->index, page->offset, page->total,
                                 page->result, page->node, g_steal_pointer (&page->items),
                                 g_steal_pointer (&page->error));
            }
        }
    }

  if (!pager_at_end (pager))
    pager_send (task);

  if (pager->n_outstanding == 0 && pager_at_end (pager))
    pager_complete (task);
}

static void
pager_send (GTask *task)
{
  Pager *pager = g_task_get_task_data (task);
  MfmClient *self = g_task_get_source_object (task);

  /* The first page tells the total, so until its answer only the first pages go out; then up
   * to the in-flight limit at once, or one at a time while the total is unknown. */
  while (!pager_at_end (pager) && pager->n_outstanding - pager->n_dropped < MFM_MAX_IN_FLIGHT &&
         (pager->first_taken ? pager->total != G_MAXUINT ||
                               pager->n_outstanding - pager->n_dropped == 0
                             : pager->next_index < pager->n_first))
    {
      PageCall *call = g_new0 (PageCall, 1);
      JsonObject *params = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *value;

      json_object_iter_init (&iter, pager->params);
      while (json_object_iter_next (&iter, &name, &value))
        json_object_set_member (params, name, json_node_copy (value));
      json_object_set_int_member (params, MFM_WIRE_PARAM_OFFSET, pager->next_offset);
      json_object_set_int_member (params, MFM_WIRE_PARAM_LIMIT, pager->page_size);

      call->pager_task = g_object_ref (task);
      call->plan = pager->plan;
      call->index = pager->next_index++;
      call->offset = pager->next_offset;
      pager->next_offset += pager->page_size;
      pager->n_outstanding++;

      _mfm_client_call_convert_async (self, pager->method, params,
                                      pager->kind == LIST_SERVERS ? convert_servers
                                                                  : convert_scopes,
                                      TRUE, pager->op.cancellable, pager_page_cb, call);
    }
}

static void
list_all_async (MfmClient           *self,
                ListKind             kind,
                JsonObject          *params,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data,
                gpointer             source_tag)
{
  g_autoptr(GTask) task = _mfm_client_task_new (self, cancellable, callback, user_data, source_tag);
  Pager *pager = g_new0 (Pager, 1);

  _mfm_op_cancel_init (&pager->op, cancellable);
  pager->kind = kind;
  pager->method = g_strdup (kind == LIST_SERVERS ? MFM_WIRE_GET_SERVERS : MFM_WIRE_GET_SCOPES);
  pager->params = params;
  pager->page_size = MFM_PAGE_SIZE;
  pager->total = G_MAXUINT;
  pager->end_index = G_MAXUINT;
  pager->max_pages = G_MAXUINT;
  /* The servers are the estate: a large one saves a round trip, a small one costs a few
   * empty answers. A server's scopes nearly always fit in one page. */
  pager->n_first = kind == LIST_SERVERS ? MFM_MAX_IN_FLIGHT : 1;
  pager->seen = g_hash_table_new (g_str_hash, g_str_equal);
  pager->pages = g_ptr_array_new_with_free_func (page_free);
  pager->held = g_ptr_array_new_with_free_func (held_page_free);
  g_task_set_task_data (task, pager, (GDestroyNotify) pager_free);

  pager_send (task);
}

/* ---------------------------------------------------------------------------------------- */
/* Reading                                                                                   */

static GPtrArray *
propagate_array (MfmClient     *self,
                 GAsyncResult  *result,
                 gpointer       source_tag,
                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
mfm_client_get_servers_async (MfmClient           *self,
                              const char          *filter,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  JsonObject *params;

  g_return_if_fail (MFM_IS_CLIENT (self));

  params = json_object_new ();
  if (filter != NULL && filter[0] != '\0')
    json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, filter);

  list_all_async (self, LIST_SERVERS, params, cancellable, callback, user_data,
                  mfm_client_get_servers_async);
}

GPtrArray *
mfm_client_get_servers_finish (MfmClient     *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return propagate_array (self, result, mfm_client_get_servers_async, error);
}

/* The inventory, the tables and every command after Add name a relationship by its name:
 * two with one name cannot be told apart, so such a list is refused, not merged. The names
 * were compared in the worker thread that built the objects. */
static gboolean
check_unique_names (const MfmCallObserved  *observed,
                    GError                **error)
{
  if (observed->repeated_name == NULL)
    return TRUE;

  g_set_error (error, MFM_ERROR, MFM_ERROR_PROTOCOL,
               /* Translators: count, relationship name */
               _("The server sent %u failover relationships named “%s”. Each relationship "
                 "needs a name of its own, so the list cannot be trusted."),
               observed->n_repeated, observed->repeated_name);
  return FALSE;
}

/* Shows the dialect what the relationship objects carried. */
static void
learn_dialect (MfmClient             *self,
               GPtrArray             *relationships,
               const MfmCallObserved *observed)
{
  mfm_dialect_learn_relationships (self->dialect, relationships->len, observed->seen,
                                   observed->safe_period != G_MAXUINT, observed->safe_period);
}

static void
relationships_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *relationships = NULL;

  node = _mfm_client_call_finish (self, result, &error);
  if (node != NULL)
    {
      MfmCallObserved observed;

      relationships = _mfm_client_call_take_items (result, node, NULL, &observed, &error);
      if (relationships != NULL)
        learn_dialect (self, relationships, &observed);
      if (relationships != NULL && !check_unique_names (&observed, &error))
        g_clear_pointer (&relationships, g_ptr_array_unref);
      if (relationships == NULL)
        _mfm_client_log_refused_answer (result, error);
    }

  if (relationships == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, relationships, (GDestroyNotify) g_ptr_array_unref);
}

void
mfm_client_get_relationships_async (MfmClient           *self,
                                    const char          *server_ref,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GTask *task;
  JsonObject *params;

  g_return_if_fail (MFM_IS_CLIENT (self));

  task = _mfm_client_task_new (self, cancellable, callback, user_data,
                               mfm_client_get_relationships_async);
  params = json_object_new ();
  if (server_ref != NULL)
    json_object_set_string_member (params, MFM_WIRE_PARAM_SERVER_REF, server_ref);

  _mfm_client_call_convert_async (self, MFM_WIRE_GET_RELATIONSHIPS, params, convert_relationships,
                                  TRUE, cancellable, relationships_cb, task);
}

GPtrArray *
mfm_client_get_relationships_finish (MfmClient     *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return propagate_array (self, result, mfm_client_get_relationships_async, error);
}

/* Scopes: the list of one server's, then the pools of every scope and the Range of every scope
 * whose network the list did not give, each Range once (the queue keeps ≤4 in flight). */

typedef struct
{
  MfmOpCancel op;
  GPtrArray  *scopes;
  GHashTable *waiting;     /* range ref → GPtrArray of the scopes waiting for its network */
  guint       n_outstanding;
  guint       n_done;
  GError     *error;
} ScopesOp;

typedef struct
{
  GTask    *task;
  MfmScope *scope;
  char     *range_ref;
} PoolsCall;

static void
scopes_op_free (ScopesOp *op)
{
  _mfm_op_cancel_clear (&op->op);
  g_clear_pointer (&op->scopes, g_ptr_array_unref);
  g_clear_pointer (&op->waiting, g_hash_table_unref);
  g_clear_error (&op->error);
  g_free (op);
}

static void
scopes_op_complete (GTask *task)
{
  ScopesOp *op = g_task_get_task_data (task);

  if (op->error != NULL)
    g_task_return_error (task, g_steal_pointer (&op->error));
  else
    g_task_return_pointer (task, g_steal_pointer (&op->scopes),
                           (GDestroyNotify) g_ptr_array_unref);
}

/* The first failure stops the rest; the caller's cancellation wins over the errors it causes. */
static void
scopes_op_fail (ScopesOp *op,
                GError  **error)
{
  if (op->error != NULL)
    return;

  op->error = _mfm_op_was_cancelled (&op->op)
    ? g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The request was cancelled."))
    : g_steal_pointer (error);
  g_cancellable_cancel (op->op.cancellable);
}

static void
pools_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  PoolsCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autoptr(MfmScope) scope = call->scope;
  ScopesOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;

  g_free (call);
  op->n_outstanding--;

  node = _mfm_client_call_finish (self, result, &error);
  if (node != NULL && op->error == NULL)
    {
      mfm_scope_clear_pools (scope);
      if (mfm_wire_pools_from_json (node, scope, &error) && mfm_scope_get_pool_count (scope) > 0)
        mfm_dialect_learn_members (self->dialect,
                                   MFM_WIRE_MEMBER_POOL_FROM | MFM_WIRE_MEMBER_POOL_TO);
    }

  if (error != NULL)
    scopes_op_fail (op, &error);
  else if (op->error == NULL)
    {
      op->n_done++;
      _mfm_client_emit_progress (self, MFM_CLIENT_PROGRESS_POOLS, op->n_done, op->scopes->len);
    }

  if (op->n_outstanding == 0)
    scopes_op_complete (task);
}

static void
set_network (GPtrArray  *scopes,
             const char *network)
{
  for (guint i = 0; scopes != NULL && i < scopes->len; i++)
    mfm_scope_set_subnet (g_ptr_array_index (scopes, i),
                          network != NULL && network[0] != '\0' ? network : NULL);
}

static void
range_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  PoolsCall *call = user_data;
  g_autoptr(GTask) task = call->task;
  g_autofree char *range_ref = call->range_ref;
  ScopesOp *op = g_task_get_task_data (task);
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *network = NULL;

  g_free (call);
  op->n_outstanding--;

  node = _mfm_client_call_finish (self, result, &error);
  if (node != NULL)
    mfm_wire_network_from_range_result (node, &network, &error);

  /* A Range Micetro will not show (gone, or not this user's to see) leaves the network unknown;
   * no answer at all stops the listing as a failed pool would. */
  if (error != NULL && mfm_error_is_refusal (error) &&
      !g_error_matches (error, MFM_ERROR, MFM_ERROR_STANDBY))
    g_clear_error (&error);

  if (error != NULL)
    scopes_op_fail (op, &error);
  else if (op->error == NULL)
    {
      g_hash_table_insert (self->ranges, g_strdup (range_ref),
                           g_strdup (network != NULL ? network : ""));
      set_network (g_hash_table_lookup (op->waiting, range_ref), network);
    }

  if (op->n_outstanding == 0)
    scopes_op_complete (task);
}

static void
scope_list_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  MfmClient *self = MFM_CLIENT (source);
  g_autoptr(GTask) task = user_data;
  ScopesOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer key;
  MfmWireMember seen = 0;

  op->scopes = g_task_propagate_pointer (G_TASK (result), &error);
  if (op->scopes == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (op->scopes->len == 0)
    {
      scopes_op_complete (task);
      return;
    }

  /* The network: "range" on the scope, else its Range's name (asked once per refresh). */
  op->waiting = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                       (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < op->scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (op->scopes, i);
      const char *range_ref = mfm_scope_get_range_ref (scope);
      const char *network;
      GPtrArray *waiting;

      if (range_ref != NULL)
        seen |= MFM_WIRE_MEMBER_SCOPE_RANGE_REF;
      if (mfm_scope_get_subnet (scope) != NULL)
        {
          seen |= MFM_WIRE_MEMBER_SCOPE_RANGE;
          continue;
        }
      if (range_ref == NULL)
        continue;

      network = g_hash_table_lookup (self->ranges, range_ref);
      if (network != NULL)
        {
          if (network[0] != '\0')
            mfm_scope_set_subnet (scope, network);
          continue;
        }

      waiting = g_hash_table_lookup (op->waiting, range_ref);
      if (waiting == NULL)
        {
          waiting = g_ptr_array_new_with_free_func (g_object_unref);
          g_hash_table_insert (op->waiting, g_strdup (range_ref), waiting);
        }
      g_ptr_array_add (waiting, g_object_ref (scope));
    }
  mfm_dialect_learn_members (self->dialect, seen);

  g_hash_table_iter_init (&iter, op->waiting);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      PoolsCall *call = g_new0 (PoolsCall, 1);
      JsonObject *params = json_object_new ();

      json_object_set_string_member (params, MFM_WIRE_PARAM_RANGE_REF, key);
      call->task = g_object_ref (task);
      call->range_ref = g_strdup (key);
      op->n_outstanding++;
      _mfm_client_call_async (self, MFM_WIRE_GET_RANGE, params, MFM_CALL_DEFAULT,
                              op->op.cancellable,
                              range_cb, call);
    }

  for (guint i = 0; i < op->scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (op->scopes, i);
      PoolsCall *call = g_new0 (PoolsCall, 1);
      JsonObject *params = json_object_new ();

      json_object_set_string_member (params, MFM_WIRE_PARAM_SCOPE_REF, mfm_scope_get_ref (scope));
      call->task = g_object_ref (task);
      call->scope = g_object_ref (scope);
      op->n_outstanding++;
      _mfm_client_call_async (self, MFM_WIRE_GET_ADDRESS_POOLS, params, MFM_CALL_DEFAULT,
                              op->op.cancellable, pools_cb, call);
    }
}

void
mfm_client_get_scopes_async (MfmClient           *self,
                             const char          *server_ref,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  ScopesOp *op;
  JsonObject *params;
  g_autofree char *filter = NULL;

  g_return_if_fail (MFM_IS_CLIENT (self));
  g_return_if_fail (server_ref != NULL);

  task = _mfm_client_task_new (self, cancellable, callback, user_data, mfm_client_get_scopes_async);
  op = g_new0 (ScopesOp, 1);
  _mfm_op_cancel_init (&op->op, cancellable);
  g_task_set_task_data (task, op, (GDestroyNotify) scopes_op_free);

  /* GetDHCPScopes has no server parameter: one server's scopes are a filter. */
  params = json_object_new ();
  filter = mfm_wire_scope_filter_for_server (server_ref);
  json_object_set_string_member (params, MFM_WIRE_PARAM_FILTER, filter);
  list_all_async (self, LIST_SCOPES, params, op->op.cancellable, scope_list_cb, task,
                  scope_list_cb);
}

GPtrArray *
mfm_client_get_scopes_finish (MfmClient     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return propagate_array (self, result, mfm_client_get_scopes_async, error);
}
