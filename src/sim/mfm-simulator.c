/* mfm-simulator.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <stdio.h>
#include <string.h>

#include "mfm-error.h"
#include "mfm-sim-dataset.h"
#include "mfm-sim-faults.h"
#include "mfm-sim-filter.h"
#include "mfm-simulator.h"
#include "mfm-wire.h"

/* Error codes the simulator answers with besides the ones the wire header names. Micetro's
 * full table is not public; these follow JSON-RPC where it has a code. */
#define SIM_CODE_PARSE_ERROR        (-32700)
#define SIM_CODE_INVALID_REQUEST    (-32600)
#define SIM_CODE_METHOD_NOT_FOUND   (-32601)
#define SIM_CODE_INTERNAL_ERROR     (-32603)
#define SIM_CODE_SIMULATED_FAILURE  19
#define SIM_CODE_INVALID_ARGUMENT   4100

#define STATE_EMPTY          "Empty"
#define STATE_NORMAL         "Normal"
#define REDACTED             "•••"
#define DEFAULT_MAX_PAGE     1000

#define SIM_API_ERROR (sim_api_error_quark ())
static G_DEFINE_QUARK (mfm-sim-api-error, sim_api_error)

typedef struct
{
  char     *user;
  gboolean  read_only;
  gint64    created;    /* monotonic µs */
  gboolean  expired;
} Session;

/* What a write changed, so a rejected change can be put back exactly. Values are copies of
 * the objects before the change, or NULL for objects the change created. */
typedef struct
{
  MfmInventory *inventory;
  GHashTable   *scopes;
  GHashTable   *relationships;
  GPtrArray    *server_refs;    /* servers whose configuration may have changed */
} Journal;

struct _MfmSimulator
{
  GObject          parent_instance;

  /* Settings, fixed once serving. */
  guint            latency_ms;
  double           fail_rate;
  double           malformed_rate;
  guint            session_ttl;
  char            *record_path;
  GTlsCertificate *tls_certificate;
  guint            seed;
  guint            max_page_size;
  MfmSimFaults     faults;            /* guarded by the lock: tests turn them on after login */

  /* Guards everything below: the serving thread and callers of the thread-safe API. */
  GMutex           lock;
  MfmInventory    *inventory;
  GHashTable      *failover_states;   /* name → state once it has scopes */
  GHashTable      *sessions;          /* id → Session */
  GHashTable      *server_json;       /* ref → JsonObject, cleared on every change */
  GHashTable      *relationship_json; /* name → JsonObject, cleared on every change */
  GPtrArray       *servers_by_name;   /* MfmServer, sorted by name; NULL when stale */
  guint            writes_ok_before;
  guint            writes_to_fail;
  /* Apply-then-reset: after reset_ok_before writes (of reset_method only, when set), the next
   * one is carried out and its connection closed without an answer. */
  gboolean         reset_armed;
  char            *reset_method;
  guint            reset_ok_before;
  gboolean         reset_now;
  /* Every call of this command fails on the server's side (HTTP 500). */
  char            *failing_method;
  GRand           *rand;
  guint            fault_turn;
  guint            malformed_turn;
  GOutputStream   *record;
  guint            next_scope_id;
  GArray          *backends;          /* Backend, in the order added */
  gboolean         backend_states;    /* a backend reports relationship states */
  MfmWireDialect   dialect;           /* the names this server speaks */
  GHashTable      *range_refs;        /* subnet → range ref */
  GHashTable      *range_subnets;     /* range ref → subnet */

  /* The serving thread. */
  GThread         *thread;
  GMainContext    *context;
  int              stop_requested;    /* atomic */
  SoupServer      *server;
  GPtrArray       *delayed;           /* GSource, responses waiting out the latency */
  guint            port;
  char            *url;
  GMutex           start_lock;
  GCond            start_cond;
  gboolean         start_done;
  GError          *start_error;
};

typedef struct
{
  const MfmSimulatorBackend *funcs;
  gpointer                   data;
  GDestroyNotify             destroy;
} Backend;

G_DEFINE_FINAL_TYPE (MfmSimulator, mfm_simulator, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_LATENCY_MS,
  PROP_FAIL_RATE,
  PROP_MALFORMED_RATE,
  PROP_SESSION_TTL,
  PROP_RECORD_PATH,
  PROP_TLS_CERTIFICATE,
  PROP_SEED,
  PROP_MAX_PAGE_SIZE,
  PROP_FAULTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
session_free (Session *session)
{
  g_free (session->user);
  g_free (session);
}

static void
clear_object (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* Journal */

static Journal *
journal_new (MfmInventory *inventory)
{
  Journal *journal = g_new0 (Journal, 1);

  journal->inventory = g_object_ref (inventory);
  journal->scopes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, clear_object);
  journal->relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, clear_object);
  journal->server_refs = g_ptr_array_new_with_free_func (g_free);
  return journal;
}

static void
journal_free (Journal *journal)
{
  g_object_unref (journal->inventory);
  g_hash_table_unref (journal->scopes);
  g_hash_table_unref (journal->relationships);
  g_ptr_array_unref (journal->server_refs);
  g_free (journal);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Journal, journal_free)

static void
journal_touch_server (Journal    *journal,
                      const char *server_ref)
{
  if (server_ref == NULL)
    return;
  for (guint i = 0; i < journal->server_refs->len; i++)
    if (g_str_equal (g_ptr_array_index (journal->server_refs, i), server_ref))
      return;
  g_ptr_array_add (journal->server_refs, g_strdup (server_ref));
}

/* Call before changing, creating or removing a scope. */
static void
journal_touch_scope (Journal    *journal,
                     const char *scope_ref)
{
  MfmScope *scope;

  if (g_hash_table_contains (journal->scopes, scope_ref))
    return;
  scope = mfm_inventory_lookup_scope (journal->inventory, scope_ref);
  g_hash_table_insert (journal->scopes, g_strdup (scope_ref),
                       scope != NULL ? mfm_scope_copy (scope) : NULL);
  if (scope != NULL)
    journal_touch_server (journal, mfm_scope_get_server_ref (scope));
}

static void
journal_touch_relationship (Journal    *journal,
                            const char *name)
{
  MfmRelationship *relationship;

  if (g_hash_table_contains (journal->relationships, name))
    return;
  relationship = mfm_inventory_lookup_relationship (journal->inventory, name);
  g_hash_table_insert (journal->relationships, g_strdup (name),
                       relationship != NULL ? mfm_relationship_copy (relationship) : NULL);
  if (relationship != NULL)
    {
      journal_touch_server (journal, mfm_relationship_get_primary_server_ref (relationship));
      journal_touch_server (journal, mfm_relationship_get_secondary_server_ref (relationship));
    }
}

static void
journal_rollback (Journal *journal)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, journal->scopes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      mfm_inventory_remove_scope (journal->inventory, key);
      if (value != NULL)
        mfm_inventory_add_scope (journal->inventory, value);
    }

  g_hash_table_iter_init (&iter, journal->relationships);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      mfm_inventory_remove_relationship (journal->inventory, key);
      if (value != NULL)
        mfm_inventory_add_relationship (journal->inventory, value);
    }

  mfm_inventory_update_counts (journal->inventory);
}

/* Which wire member carries each numeric setting, found by serialising two relationships that
 * differ in one field: so Modify can tell "not sent" from "sent as 0" without this file knowing
 * the wire names. */

typedef struct
{
  void  (*set) (MfmRelationship *self, guint value);
  guint (*get) (MfmRelationship *self);
  char   *member;
} Field;

enum {
  FIELD_PERCENTAGE,
  FIELD_MCLT,
  FIELD_PORT,
  FIELD_PEER_PORT,
  FIELD_LOAD_BALANCE_MAX_SECONDS,
  FIELD_MAX_RESPONSE_DELAY,
  FIELD_MAX_UNACKED_UPDATES,
  N_FIELDS
};

static Field fields[N_FIELDS] = {
  { mfm_relationship_set_percentage, mfm_relationship_get_percentage, NULL },
  { mfm_relationship_set_mclt, mfm_relationship_get_mclt, NULL },
  { mfm_relationship_set_port, mfm_relationship_get_port, NULL },
  { mfm_relationship_set_peer_port, mfm_relationship_get_peer_port, NULL },
  { mfm_relationship_set_load_balance_max_seconds, mfm_relationship_get_load_balance_max_seconds, NULL },
  { mfm_relationship_set_max_response_delay, mfm_relationship_get_max_response_delay, NULL },
  { mfm_relationship_set_max_unacked_updates, mfm_relationship_get_max_unacked_updates, NULL },
};

static gpointer
probe_fields (gpointer data)
{
  g_autoptr(MfmRelationship) base = mfm_relationship_new ();
  g_autoptr(JsonNode) base_json = NULL;
  JsonObject *base_object;

  mfm_relationship_set_name (base, "probe");
  mfm_relationship_set_primary_server (base, "a.");
  mfm_relationship_set_secondary_server (base, "b.");
  base_json = mfm_wire_relationship_to_json (base, FALSE);
  base_object = json_node_get_object (base_json);

  for (guint f = 0; f < N_FIELDS; f++)
    {
      g_autoptr(MfmRelationship) changed = mfm_relationship_copy (base);
      g_autoptr(JsonNode) changed_json = NULL;
      JsonObjectIter iter;
      const char *member;
      JsonNode *node;

      fields[f].set (changed, fields[f].get (base) == 37 ? 38 : 37);
      changed_json = mfm_wire_relationship_to_json (changed, FALSE);
      json_object_iter_init (&iter, json_node_get_object (changed_json));
      while (json_object_iter_next (&iter, &member, &node))
        {
          JsonNode *before = json_object_get_member (base_object, member);

          if (before == NULL || !json_node_equal (before, node))
            {
              fields[f].member = g_strdup (member);
              break;
            }
        }
    }

  return NULL;
}

static void
ensure_fields (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, probe_fields, NULL);
}

/* Whether @object sent @field; without a known member, a non-zero value counts as sent. */
static gboolean
field_sent (JsonObject      *object,
            guint            field,
            MfmRelationship *parsed)
{
  /* Either candidate of the partner port: the strict check let only this dialect's through. */
  if (field == FIELD_PEER_PORT)
    return json_object_has_member (object, mfm_wire_member_name (MFM_WIRE_MEMBER_PEER_PORT)) ||
           json_object_has_member (object, mfm_wire_member_name (MFM_WIRE_MEMBER_PARTNER_PORT));
  if (fields[field].member != NULL)
    return json_object_has_member (object, fields[field].member);
  return fields[field].get (parsed) != 0;
}

/* Parameter helpers */

static JsonNode *scope_json (MfmSimulator *self,
                             MfmScope     *scope);

static const char *
get_string_param (JsonObject *params,
                  const char *name)
{
  JsonNode *node = json_object_get_member (params, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* FALSE when one of the named (NULL-terminated) optional parameters is there but not text. */
static gboolean
check_optional_strings (JsonObject  *params,
                        GError     **error,
                        ...)
{
  va_list args;
  const char *name;
  gboolean ok = TRUE;

  va_start (args, error);
  while (ok && (name = va_arg (args, const char *)) != NULL)
    {
      JsonNode *node = json_object_get_member (params, name);

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && get_string_param (params, name) == NULL)
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                       "Invalid value for parameter %s: text is expected.", name);
          ok = FALSE;
        }
    }
  va_end (args);

  return ok;
}

static const char *
require_string_param (JsonObject  *params,
                      const char  *name,
                      GError     **error)
{
  const char *value = get_string_param (params, name);

  if (value == NULL || *value == '\0')
    g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                 "Missing or invalid parameter: %s.", name);
  return value;
}

static gboolean
get_uint_param (JsonObject  *params,
                const char  *name,
                guint        fallback,
                guint       *value,
                GError     **error)
{
  JsonNode *node = json_object_get_member (params, name);
  gint64 number;

  *value = fallback;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (number = json_node_get_int (node)) < 0 || number > G_MAXINT32)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Invalid value for parameter %s: a non-negative integer is expected.", name);
      return FALSE;
    }
  *value = (guint) number;
  return TRUE;
}

/* Every string of an array parameter, or NULL with @error set. */
static GPtrArray *
get_string_array_param (JsonObject  *params,
                        const char  *name,
                        GError     **error)
{
  JsonNode *node = json_object_get_member (params, name);
  g_autoptr(GPtrArray) strings = g_ptr_array_new ();
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Missing or invalid parameter: %s.", name);
      return NULL;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                       "Invalid parameter %s: element %u is not a reference.", name, i + 1);
          return NULL;
        }
      g_ptr_array_add (strings, (gpointer) json_node_get_string (element));
    }
  if (strings->len == 0)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Parameter %s is empty.", name);
      return NULL;
    }

  return g_steal_pointer (&strings);
}

static gboolean
get_deconfigure_action (JsonObject            *params,
                        MfmDeconfigureAction  *action,
                        GError               **error)
{
  const char *text = get_string_param (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION);
  JsonNode *node = json_object_get_member (params, MFM_WIRE_PARAM_DECONFIGURE_ACTION);

  /* Micetro's dialogs default to disabling the partner's copy. */
  *action = MFM_DECONFIGURE_DISABLE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (text == NULL || !mfm_wire_deconfigure_action_from_string (text, action))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Invalid value for parameter %s: None, Disable or Delete is expected.",
                   MFM_WIRE_PARAM_DECONFIGURE_ACTION);
      return FALSE;
    }
  return TRUE;
}

static void
set_not_found (GError     **error,
               const char  *reference)
{
  g_set_error (error, SIM_API_ERROR, MFM_WIRE_CODE_NOT_FOUND,
               "Object not found for reference: %s", reference);
}

static MfmServer *
resolve_server (MfmSimulator  *self,
                const char    *ref_or_name,
                GError       **error)
{
  MfmServer *server = mfm_inventory_lookup_server (self->inventory, ref_or_name);

  if (server == NULL)
    server = mfm_inventory_lookup_server_by_name (self->inventory, ref_or_name);
  if (server == NULL)
    set_not_found (error, ref_or_name);
  return server;
}

static MfmRelationship *
resolve_relationship (MfmSimulator  *self,
                      const char    *name,
                      GError       **error)
{
  MfmRelationship *relationship = mfm_inventory_lookup_relationship (self->inventory, name);

  if (relationship == NULL)
    set_not_found (error, name);
  return relationship;
}

/* State */

static void
sync_relationship_state (MfmSimulator    *self,
                         MfmRelationship *relationship)
{
  const char *state = mfm_relationship_get_state (relationship);

  if (mfm_relationship_get_scope_count (relationship) == 0)
    mfm_relationship_set_state (relationship, STATE_EMPTY);
  else if (state == NULL || g_str_equal (state, STATE_EMPTY))
    {
      const char *failover_state = g_hash_table_lookup (self->failover_states,
                                                        mfm_relationship_get_name (relationship));

      mfm_relationship_set_state (relationship, failover_state != NULL ? failover_state : STATE_NORMAL);
    }
}

static JsonNode *
relationship_to_json (MfmSimulator    *self,
                      MfmRelationship *relationship)
{
  const char *name = mfm_relationship_get_name (relationship);
  JsonObject *object;

  /* A backend's state changes on its own (live daemons), so nothing is cached then. */
  if (self->backend_states)
    {
      for (guint i = 0; i < self->backends->len; i++)
        {
          Backend *backend = &g_array_index (self->backends, Backend, i);
          g_autofree char *state = NULL;

          if (backend->funcs->dup_state == NULL)
            continue;
          state = backend->funcs->dup_state (backend->data, name);
          if (state != NULL)
            {
              mfm_relationship_set_state (relationship, state);
              break;
            }
        }
      return mfm_wire_relationship_to_json_dialect (relationship, &self->dialect);
    }

  object = g_hash_table_lookup (self->relationship_json, name);
  if (object == NULL)
    {
      g_autoptr(JsonNode) node = mfm_wire_relationship_to_json_dialect (relationship,
                                                                        &self->dialect);

      object = json_object_ref (json_node_get_object (node));
      g_hash_table_insert (self->relationship_json, g_strdup (name), object);
    }

  return json_node_init_object (json_node_alloc (), object);
}

static void
invalidate_caches (MfmSimulator *self)
{
  g_hash_table_remove_all (self->server_json);
  g_hash_table_remove_all (self->relationship_json);
  g_clear_pointer (&self->servers_by_name, g_ptr_array_unref);
}

static JsonObject *
server_json (MfmSimulator *self,
             MfmServer    *server)
{
  JsonObject *object = g_hash_table_lookup (self->server_json, mfm_server_get_ref (server));

  if (object == NULL)
    {
      g_autoptr(JsonNode) node = mfm_wire_server_to_json (server);

      object = json_object_ref (json_node_get_object (node));
      g_hash_table_insert (self->server_json, g_strdup (mfm_server_get_ref (server)), object);
    }

  return object;
}

static int
compare_server_names (gconstpointer a,
                      gconstpointer b)
{
  MfmServer *server_a = *(MfmServer **) a;
  MfmServer *server_b = *(MfmServer **) b;
  const char *name_a = mfm_server_get_name (server_a);
  const char *name_b = mfm_server_get_name (server_b);
  /* A dataset may leave a server without a name: those sort first. */
  int result = g_ascii_strcasecmp (name_a != NULL ? name_a : "", name_b != NULL ? name_b : "");

  if (result == 0)
    result = g_strcmp0 (mfm_server_get_ref (server_a), mfm_server_get_ref (server_b));
  return result;
}

static GPtrArray *
get_servers_by_name (MfmSimulator *self)
{
  if (self->servers_by_name == NULL)
    {
      GListModel *servers = mfm_inventory_get_servers (self->inventory);
      guint n = g_list_model_get_n_items (servers);

      self->servers_by_name = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (self->servers_by_name, g_list_model_get_item (servers, i));
      g_ptr_array_sort (self->servers_by_name, compare_server_names);
    }

  return self->servers_by_name;
}

typedef struct
{
  const char *member;
  gboolean    descending;
} SortSpec;

static int
compare_objects (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  SortSpec *spec = user_data;
  g_autofree char *text_a = mfm_sim_filter_member_text (json_object_get_member (*(JsonObject **) a, spec->member));
  g_autofree char *text_b = mfm_sim_filter_member_text (json_object_get_member (*(JsonObject **) b, spec->member));
  int result = g_strcmp0 (text_a, text_b);

  return spec->descending ? -result : result;
}

static MfmSimFilter *
get_filter (JsonObject  *params,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  MfmSimFilter *filter = mfm_sim_filter_new (get_string_param (params, MFM_WIRE_PARAM_FILTER),
                                             &local_error);

  if (filter == NULL)
    g_set_error_literal (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT, local_error->message);
  return filter;
}

static gboolean
get_paging (MfmSimulator  *self,
            JsonObject    *params,
            guint         *offset,
            guint         *limit,
            GError       **error)
{
  guint max = self->max_page_size > 0 ? self->max_page_size : DEFAULT_MAX_PAGE;

  if (!get_uint_param (params, MFM_WIRE_PARAM_OFFSET, 0, offset, error) ||
      !get_uint_param (params, MFM_WIRE_PARAM_LIMIT, max, limit, error))
    return FALSE;
  if (*limit == 0 || *limit > max)
    *limit = max;
  return TRUE;
}

/* A page of @objects (JsonObject, already filtered and sorted) as {member:[…], totalResults}. */
static JsonNode *
page_result (const char *member,
             GPtrArray  *objects,
             guint       offset,
             guint       limit)
{
  g_autoptr(JsonObject) result = json_object_new ();
  JsonArray *array = json_array_sized_new (MIN (limit, objects->len));

  for (guint i = offset; i < objects->len && i - offset < limit; i++)
    json_array_add_object_element (array, json_object_ref (g_ptr_array_index (objects, i)));
  json_object_set_array_member (result, member, array);
  json_object_set_int_member (result, MFM_WIRE_RESULT_TOTAL, objects->len);

  return json_node_init_object (json_node_alloc (), result);
}

/* Commands. Each runs with the lock held; writes get a journal. */

static JsonNode *
empty_result (void)
{
  JsonNode *node = json_node_alloc ();

  json_node_init_string (node, "");
  return node;
}

static JsonNode *
command_logout (MfmSimulator  *self,
                JsonObject    *params,
                Journal       *journal,
                GError       **error)
{
  g_hash_table_remove (self->sessions, get_string_param (params, MFM_WIRE_PARAM_SESSION));
  return empty_result ();
}

static JsonNode *
command_get_servers (MfmSimulator  *self,
                     JsonObject    *params,
                     Journal       *journal,
                     GError       **error)
{
  g_autoptr(MfmSimFilter) filter = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  const char *sort_by = get_string_param (params, MFM_WIRE_PARAM_SORT_BY);
  const char *sort_order = get_string_param (params, MFM_WIRE_PARAM_SORT_ORDER);
  gboolean descending = sort_order != NULL && g_ascii_strcasecmp (sort_order, MFM_WIRE_SORT_DESCENDING) == 0;
  GPtrArray *servers;
  guint offset, limit;

  if (!check_optional_strings (params, error, MFM_WIRE_PARAM_FILTER, MFM_WIRE_PARAM_SORT_BY,
                               MFM_WIRE_PARAM_SORT_ORDER, NULL) ||
      !get_paging (self, params, &offset, &limit, error) ||
      (filter = get_filter (params, error)) == NULL)
    return NULL;

  /* Sorted by name unless asked otherwise; the sorted list is kept until something changes. */
  servers = get_servers_by_name (self);

  /* Neither filtered nor sorted by a member: only the page is looked at, so that paging
   * through a large estate costs the page, not the estate. */
  if (mfm_sim_filter_get_n_clauses (filter) == 0 && sort_by == NULL)
    {
      g_autoptr(JsonObject) result = json_object_new ();
      JsonArray *array = json_array_sized_new (MIN (limit, servers->len));

      for (guint i = offset; i < servers->len && i - offset < limit; i++)
        {
          guint index = descending ? servers->len - 1 - i : i;
          JsonObject *object = server_json (self, g_ptr_array_index (servers, index));

          json_array_add_object_element (array, json_object_ref (object));
        }
      json_object_set_array_member (result, MFM_WIRE_RESULT_SERVERS, array);
      json_object_set_int_member (result, MFM_WIRE_RESULT_TOTAL, servers->len);
      return json_node_init_object (json_node_alloc (), result);
    }

  for (guint i = 0; i < servers->len; i++)
    {
      guint index = descending && sort_by == NULL ? servers->len - 1 - i : i;
      JsonObject *object = server_json (self, g_ptr_array_index (servers, index));

      if (mfm_sim_filter_matches (filter, object))
        g_ptr_array_add (matching, json_object_ref (object));
    }

  if (sort_by != NULL)
    {
      SortSpec spec = { sort_by, descending };

      g_ptr_array_sort_with_data (matching, compare_objects, &spec);
    }

  return page_result (MFM_WIRE_RESULT_SERVERS, matching, offset, limit);
}

static JsonNode *
command_get_scopes (MfmSimulator  *self,
                    JsonObject    *params,
                    Journal       *journal,
                    GError       **error)
{
  g_autoptr(MfmSimFilter) filter = NULL;
  g_autoptr(GPtrArray) matching = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autoptr(GPtrArray) scopes = NULL;
  const char *server_ref;
  guint offset, limit;

  if (!check_optional_strings (params, error, MFM_WIRE_PARAM_FILTER, MFM_WIRE_PARAM_FOLDER_REF,
                               NULL) ||
      !get_paging (self, params, &offset, &limit, error) ||
      (filter = get_filter (params, error)) == NULL)
    return NULL;

  /* One server's scopes, as clients ask for them: only that server's are matched. */
  server_ref = mfm_sim_filter_get_exact (filter, MFM_WIRE_PARAM_SERVER_REF);
  if (server_ref != NULL)
    {
      MfmServer *server = mfm_inventory_lookup_server (self->inventory, server_ref);

      scopes = server != NULL ? mfm_inventory_get_scopes_for_server (self->inventory, server_ref)
                              : g_ptr_array_new ();
    }
  else
    {
      GListModel *all = mfm_inventory_get_scopes (self->inventory);
      guint n = g_list_model_get_n_items (all);

      scopes = g_ptr_array_new_full (n, g_object_unref);
      for (guint i = 0; i < n; i++)
        g_ptr_array_add (scopes, g_list_model_get_item (all, i));
    }

  /* With nothing more to match only the page is serialised: 50,000 scopes stay cheap to page
   * through. */
  if (mfm_sim_filter_get_n_clauses (filter) == (server_ref != NULL ? 1 : 0))
    {
      g_autoptr(JsonObject) result = json_object_new ();
      JsonArray *array = json_array_new ();

      for (guint i = offset; i < scopes->len && i - offset < limit; i++)
        json_array_add_element (array, scope_json (self, g_ptr_array_index (scopes, i)));
      json_object_set_array_member (result, MFM_WIRE_RESULT_SCOPES, array);
      json_object_set_int_member (result, MFM_WIRE_RESULT_TOTAL, scopes->len);
      return json_node_init_object (json_node_alloc (), result);
    }

  for (guint i = 0; i < scopes->len; i++)
    {
      g_autoptr(JsonNode) node = scope_json (self, g_ptr_array_index (scopes, i));
      JsonObject *object = json_node_get_object (node);

      if (mfm_sim_filter_matches (filter, object))
        g_ptr_array_add (matching, json_object_ref (object));
    }

  return page_result (MFM_WIRE_RESULT_SCOPES, matching, offset, limit);
}

/* Ranges: every network of the estate is one Range, numbered as the scopes first name it. */
static const char *
range_ref_for (MfmSimulator *self,
               const char   *subnet)
{
  const char *ref = g_hash_table_lookup (self->range_refs, subnet);

  if (ref == NULL)
    {
      char *new_ref = g_strdup_printf ("ranges/%u", g_hash_table_size (self->range_refs) + 1);

      g_hash_table_insert (self->range_refs, g_strdup (subnet), new_ref);
      g_hash_table_insert (self->range_subnets, g_strdup (new_ref), g_strdup (subnet));
      ref = new_ref;
    }

  return ref;
}

/* A scope as this dialect lists it; a scope gets its Range the first time it is listed. */
static JsonNode *
scope_json (MfmSimulator *self,
            MfmScope     *scope)
{
  if (mfm_scope_get_range_ref (scope) == NULL && mfm_scope_get_subnet (scope) != NULL)
    mfm_scope_set_range_ref (scope, range_ref_for (self, mfm_scope_get_subnet (scope)));

  return mfm_wire_scope_to_json_dialect (scope, &self->dialect);
}

/* First and last address of an IPv4 network; NULL for anything else. */
static gboolean
network_bounds (const char  *cidr,
                char       **from,
                char       **to)
{
  g_auto(GStrv) parts = g_strsplit (cidr, "/", 2);
  guint8 bytes[4];
  guint64 length;
  guint32 address, mask;

  *from = *to = NULL;
  if (g_strv_length (parts) != 2 ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 32, &length, NULL) ||
      sscanf (parts[0], "%hhu.%hhu.%hhu.%hhu", &bytes[0], &bytes[1], &bytes[2], &bytes[3]) != 4)
    return FALSE;

  address = ((guint32) bytes[0] << 24) | ((guint32) bytes[1] << 16) | ((guint32) bytes[2] << 8) | bytes[3];
  mask = length == 0 ? 0 : G_MAXUINT32 << (32 - length);
  address &= mask;
  *from = g_strdup_printf ("%u.%u.%u.%u", address >> 24, (address >> 16) & 0xff,
                           (address >> 8) & 0xff, address & 0xff);
  address |= ~mask;
  *to = g_strdup_printf ("%u.%u.%u.%u", address >> 24, (address >> 16) & 0xff,
                         (address >> 8) & 0xff, address & 0xff);
  return TRUE;
}

static JsonNode *
command_get_range (MfmSimulator  *self,
                   JsonObject    *params,
                   Journal       *journal,
                   GError       **error)
{
  const char *range_ref = require_string_param (params, MFM_WIRE_PARAM_RANGE_REF, error);
  const char *subnet;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (range_ref == NULL)
    return NULL;
  subnet = g_hash_table_lookup (self->range_subnets, range_ref);
  if (subnet == NULL)
    {
      set_not_found (error, range_ref);
      return NULL;
    }

  network_bounds (subnet, &from, &to);
  return mfm_wire_range_result (range_ref, subnet, from, to);
}

static JsonNode *
command_get_address_pools (MfmSimulator  *self,
                           JsonObject    *params,
                           Journal       *journal,
                           GError       **error)
{
  const char *scope_ref = require_string_param (params, MFM_WIRE_PARAM_SCOPE_REF, error);
  MfmScope *scope;

  if (scope_ref == NULL)
    return NULL;
  scope = mfm_inventory_lookup_scope (self->inventory, scope_ref);
  if (scope == NULL)
    {
      set_not_found (error, scope_ref);
      return NULL;
    }

  return mfm_wire_pools_to_json (scope);
}

static JsonNode *
command_get_relationships (MfmSimulator  *self,
                           JsonObject    *params,
                           Journal       *journal,
                           GError       **error)
{
  g_autoptr(JsonObject) result = json_object_new ();
  const char *server_ref = get_string_param (params, MFM_WIRE_PARAM_SERVER_REF);
  JsonArray *array;

  if (!check_optional_strings (params, error, MFM_WIRE_PARAM_SERVER_REF, NULL))
    return NULL;
  array = json_array_new ();
  json_object_set_array_member (result, MFM_WIRE_RESULT_RELATIONSHIPS, array);

  if (server_ref != NULL)
    {
      g_autoptr(GPtrArray) relationships = NULL;
      MfmServer *server = resolve_server (self, server_ref, error);

      if (server == NULL)
        return NULL;
      relationships = mfm_inventory_get_relationships_for_server (self->inventory,
                                                                  mfm_server_get_ref (server));
      for (guint i = 0; i < relationships->len; i++)
        json_array_add_element (array, relationship_to_json (self, g_ptr_array_index (relationships, i)));
    }
  else
    {
      GListModel *all = mfm_inventory_get_relationships (self->inventory);
      guint n = g_list_model_get_n_items (all);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(MfmRelationship) relationship = g_list_model_get_item (all, i);

          json_array_add_element (array, relationship_to_json (self, relationship));
        }
    }

  return json_node_init_object (json_node_alloc (), result);
}

static gboolean
is_valid_name (const char *name)
{
  if (!g_ascii_isalnum (name[0]))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static gboolean
check_ports (MfmRelationship  *relationship,
             JsonObject       *object,
             gboolean          for_add,
             GError          **error)
{
  guint port_fields[] = { FIELD_PORT, FIELD_PEER_PORT };

  for (guint i = 0; i < G_N_ELEMENTS (port_fields); i++)
    {
      guint field = port_fields[i];
      guint value = fields[field].get (relationship);

      if (!for_add && !field_sent (object, field, relationship))
        continue;
      if (value < 1 || value > 65535)
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                       "Invalid port %u: a port must be between 1 and 65535.", value);
          return FALSE;
        }
    }

  return TRUE;
}

/* The server a relationship names for one side, by ref or else by name. */
static MfmServer *
resolve_side (MfmSimulator  *self,
              const char    *ref,
              const char    *name,
              const char    *role,
              GError       **error)
{
  if (ref == NULL && name == NULL)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "The %s server of the failover relationship is missing.", role);
      return NULL;
    }

  return resolve_server (self, ref != NULL ? ref : name, error);
}

/* The members this dialect's relationship objects may have: the ones it lists, and the
 * documented ones Add may send. */
static gboolean
is_relationship_member (MfmSimulator *self,
                        const char   *member)
{
  static const MfmWireMember documented[] = {
    MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE, MFM_WIRE_MEMBER_SAFE_PERIOD,
    MFM_WIRE_MEMBER_FAILOVER_MODE, MFM_WIRE_MEMBER_SCOPE_REFS,
  };
  g_autoptr(MfmRelationship) probe = mfm_relationship_new ();
  g_autoptr(JsonNode) node = NULL;
  const char *refs[] = { "probe", NULL };

  for (guint i = 0; i < G_N_ELEMENTS (documented); i++)
    if (g_str_equal (member, mfm_wire_member_name (documented[i])))
      return TRUE;

  mfm_relationship_set_name (probe, "probe");
  mfm_relationship_set_primary_server (probe, "probe");
  mfm_relationship_set_secondary_server (probe, "probe");
  mfm_relationship_set_primary_server_ref (probe, "probe");
  mfm_relationship_set_secondary_server_ref (probe, "probe");
  mfm_relationship_set_failover_mode (probe, "probe");
  mfm_relationship_set_state (probe, "probe");
  mfm_relationship_set_scope_refs (probe, refs);
  node = mfm_wire_relationship_to_json_dialect (probe, &self->dialect);

  return json_object_has_member (json_node_get_object (node), member);
}

static JsonObject *
get_relationship_param (MfmSimulator  *self,
                        JsonObject    *params,
                        GError       **error)
{
  JsonNode *node = json_object_get_member (params, MFM_WIRE_PARAM_RELATIONSHIP);
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Missing or invalid parameter: %s.", MFM_WIRE_PARAM_RELATIONSHIP);
      return NULL;
    }

  /* Strict, so that a member name this server does not know cannot pass unnoticed. */
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &member, &value))
    if (!is_relationship_member (self, member))
      {
        g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                     "Invalid parameter %s: unknown member %s.", MFM_WIRE_PARAM_RELATIONSHIP,
                     member);
        return NULL;
      }

  return json_node_get_object (node);
}

static MfmRelationship *
parse_relationship (JsonObject  *object,
                    GError     **error)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autoptr(GError) local_error = NULL;
  MfmRelationship *relationship = mfm_wire_relationship_from_json (node, &local_error);

  if (relationship == NULL)
    g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                 "Invalid failover relationship: %s", local_error->message);
  else if (mfm_relationship_get_name (relationship) == NULL ||
           *mfm_relationship_get_name (relationship) == '\0')
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "The failover relationship has no name.");
      g_clear_object (&relationship);
    }

  return relationship;
}

static JsonNode *
command_add_relationship (MfmSimulator  *self,
                          JsonObject    *params,
                          Journal       *journal,
                          GError       **error)
{
  JsonObject *object = get_relationship_param (self, params, error);
  g_autoptr(MfmRelationship) parsed = NULL;
  g_autoptr(MfmRelationship) relationship = mfm_relationship_new ();
  MfmServer *primary, *secondary;
  const char *name;

  if (object == NULL || (parsed = parse_relationship (object, error)) == NULL)
    return NULL;
  name = mfm_relationship_get_name (parsed);

  if (strlen (name) > 63 || !is_valid_name (name))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Invalid failover name “%s”: use up to 63 letters, digits, dots, dashes and "
                   "underscores, starting with a letter or digit.", name);
      return NULL;
    }

  primary = resolve_side (self, mfm_relationship_get_primary_server_ref (parsed),
                          mfm_relationship_get_primary_server (parsed), "primary", error);
  if (primary == NULL)
    return NULL;
  secondary = resolve_side (self, mfm_relationship_get_secondary_server_ref (parsed),
                            mfm_relationship_get_secondary_server (parsed), "secondary", error);
  if (secondary == NULL)
    return NULL;

  if (!mfm_server_is_isc (primary))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "%s is not an ISC DHCP server. Use the failover settings of its own server type.",
                   mfm_server_get_name (primary));
      return NULL;
    }
  if (primary == secondary)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "The partner server must be a different server than the primary server.");
      return NULL;
    }
  if (!mfm_server_is_isc (secondary))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "The partner server %s is not an ISC DHCP server.",
                   mfm_server_get_name (secondary));
      return NULL;
    }

  if (mfm_inventory_lookup_relationship (self->inventory, name) != NULL)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "A failover relationship with the name “%s” already exists.", name);
      return NULL;
    }

  /* Values not sent keep Micetro's defaults. */
  for (guint f = 0; f < N_FIELDS; f++)
    if (field_sent (object, f, parsed))
      fields[f].set (relationship, fields[f].get (parsed));
  if (!check_ports (relationship, object, TRUE, error))
    return NULL;
  if (mfm_relationship_get_percentage (relationship) > 100)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Invalid percentage %u: it must be between 0 and 100.",
                   mfm_relationship_get_percentage (relationship));
      return NULL;
    }

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server_ref (relationship, mfm_server_get_ref (primary));
  mfm_relationship_set_primary_server (relationship, mfm_server_get_name (primary));
  mfm_relationship_set_secondary_server_ref (relationship, mfm_server_get_ref (secondary));
  mfm_relationship_set_secondary_server (relationship, mfm_server_get_name (secondary));
  mfm_relationship_set_failover_mode (relationship,
                                      mfm_relationship_get_failover_mode (parsed) != NULL ?
                                      mfm_relationship_get_failover_mode (parsed) : "LoadBalance");
  mfm_relationship_set_scope_refs (relationship, NULL);
  mfm_relationship_set_state (relationship, STATE_EMPTY);

  journal_touch_relationship (journal, name);
  journal_touch_server (journal, mfm_server_get_ref (primary));
  journal_touch_server (journal, mfm_server_get_ref (secondary));
  mfm_inventory_add_relationship (self->inventory, relationship);

  return empty_result ();
}

static gboolean
side_differs (const char *sent_ref,
              const char *sent_name,
              const char *ref,
              const char *name)
{
  return (sent_ref != NULL && g_strcmp0 (sent_ref, ref) != 0) ||
         (sent_name != NULL && g_strcmp0 (sent_name, name) != 0);
}

static JsonNode *
command_modify_relationship (MfmSimulator  *self,
                             JsonObject    *params,
                             Journal       *journal,
                             GError       **error)
{
  JsonObject *object = get_relationship_param (self, params, error);
  g_autoptr(MfmRelationship) parsed = NULL;
  g_autoptr(MfmRelationship) updated = NULL;
  MfmRelationship *relationship;

  if (object == NULL || (parsed = parse_relationship (object, error)) == NULL)
    return NULL;
  relationship = resolve_relationship (self, mfm_relationship_get_name (parsed), error);
  if (relationship == NULL)
    return NULL;

  if (side_differs (mfm_relationship_get_primary_server_ref (parsed),
                    mfm_relationship_get_primary_server (parsed),
                    mfm_relationship_get_primary_server_ref (relationship),
                    mfm_relationship_get_primary_server (relationship)) ||
      side_differs (mfm_relationship_get_secondary_server_ref (parsed),
                    mfm_relationship_get_secondary_server (parsed),
                    mfm_relationship_get_secondary_server_ref (relationship),
                    mfm_relationship_get_secondary_server (relationship)))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "The servers of the failover relationship “%s” cannot be changed.",
                   mfm_relationship_get_name (relationship));
      return NULL;
    }

  if (field_sent (object, FIELD_PERCENTAGE, parsed) &&
      mfm_relationship_get_percentage (parsed) != mfm_relationship_get_percentage (relationship))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "The percentage of the failover relationship “%s” cannot be changed. Remove "
                   "the relationship and add it again to change it.",
                   mfm_relationship_get_name (relationship));
      return NULL;
    }

  if (!check_ports (parsed, object, FALSE, error))
    return NULL;

  updated = mfm_relationship_copy (relationship);
  for (guint f = 0; f < N_FIELDS; f++)
    if (f != FIELD_PERCENTAGE && field_sent (object, f, parsed))
      fields[f].set (updated, fields[f].get (parsed));
  if (mfm_relationship_get_failover_mode (parsed) != NULL)
    mfm_relationship_set_failover_mode (updated, mfm_relationship_get_failover_mode (parsed));

  journal_touch_relationship (journal, mfm_relationship_get_name (relationship));
  mfm_relationship_update_from (relationship, updated);

  return empty_result ();
}

/* Takes the scope pair of one relationship out of it: the peer goes from every pool on both
 * servers and the secondary's copy is left, disabled or deleted. */
static void
deconfigure_scope (MfmSimulator         *self,
                   Journal              *journal,
                   MfmRelationship      *relationship,
                   MfmScope             *scope,
                   MfmDeconfigureAction  action)
{
  const char *primary_ref = mfm_relationship_get_primary_server_ref (relationship);
  const char *secondary_ref = mfm_relationship_get_secondary_server_ref (relationship);
  g_autoptr(MfmScope) primary_scope = NULL;
  g_autoptr(MfmScope) secondary_scope = NULL;
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
  const char * const *old_refs = mfm_relationship_get_scope_refs (relationship);
  MfmScope *found;

  if (g_strcmp0 (mfm_scope_get_server_ref (scope), primary_ref) == 0)
    {
      primary_scope = g_object_ref (scope);
      found = mfm_inventory_lookup_scope_copy (self->inventory, scope, secondary_ref);
      secondary_scope = found != NULL ? g_object_ref (found) : NULL;
    }
  else
    {
      secondary_scope = g_object_ref (scope);
      found = mfm_inventory_lookup_scope_copy (self->inventory, scope, primary_ref);
      primary_scope = found != NULL ? g_object_ref (found) : NULL;
    }

  if (primary_scope != NULL)
    {
      journal_touch_scope (journal, mfm_scope_get_ref (primary_scope));
      mfm_scope_set_failover_peer (primary_scope, NULL);
    }
  if (secondary_scope != NULL)
    {
      journal_touch_scope (journal, mfm_scope_get_ref (secondary_scope));
      mfm_scope_set_failover_peer (secondary_scope, NULL);
      if (action == MFM_DECONFIGURE_DISABLE)
        mfm_scope_set_enabled (secondary_scope, FALSE);
      else if (action == MFM_DECONFIGURE_DELETE)
        mfm_inventory_remove_scope (self->inventory, mfm_scope_get_ref (secondary_scope));
    }

  for (guint i = 0; old_refs != NULL && old_refs[i] != NULL; i++)
    if (g_strcmp0 (old_refs[i], mfm_scope_get_ref (scope)) != 0 &&
        (primary_scope == NULL || g_strcmp0 (old_refs[i], mfm_scope_get_ref (primary_scope)) != 0))
      g_ptr_array_add (refs, g_strdup (old_refs[i]));
  g_ptr_array_add (refs, NULL);
  journal_touch_relationship (journal, mfm_relationship_get_name (relationship));
  mfm_relationship_set_scope_refs (relationship, (const char * const *) refs->pdata);
  sync_relationship_state (self, relationship);
}

static JsonNode *
command_remove_relationships (MfmSimulator  *self,
                              JsonObject    *params,
                              Journal       *journal,
                              GError       **error)
{
  JsonNode *node = json_object_get_member (params, MFM_WIRE_PARAM_REF_AND_NAMES);
  g_autoptr(GPtrArray) relationships = g_ptr_array_new_with_free_func (g_object_unref);
  MfmDeconfigureAction action;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Missing or invalid parameter: %s.", MFM_WIRE_PARAM_REF_AND_NAMES);
      return NULL;
    }
  if (!get_deconfigure_action (params, &action, error))
    return NULL;

  /* Check every entry before changing anything. */
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      const char *server_ref, *name;
      MfmServer *server;
      MfmRelationship *relationship;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                       "Invalid parameter %s: element %u is not an object.",
                       MFM_WIRE_PARAM_REF_AND_NAMES, i + 1);
          return NULL;
        }
      server_ref = require_string_param (json_node_get_object (element), MFM_WIRE_PARAM_SERVER_REF, error);
      if (server_ref == NULL)
        return NULL;
      name = require_string_param (json_node_get_object (element), MFM_WIRE_PARAM_RELATIONSHIP_NAME, error);
      if (name == NULL)
        return NULL;
      if ((server = resolve_server (self, server_ref, error)) == NULL ||
          (relationship = resolve_relationship (self, name, error)) == NULL)
        return NULL;
      if (!mfm_relationship_involves (relationship, mfm_server_get_ref (server)))
        {
          set_not_found (error, name);
          return NULL;
        }
      g_ptr_array_add (relationships, g_object_ref (relationship));
    }

  for (guint i = 0; i < relationships->len; i++)
    {
      MfmRelationship *relationship = g_ptr_array_index (relationships, i);
      g_auto(GStrv) scope_refs = g_strdupv ((GStrv) mfm_relationship_get_scope_refs (relationship));
      const char *name = mfm_relationship_get_name (relationship);

      if (mfm_inventory_lookup_relationship (self->inventory, name) != relationship)
        continue;   /* named twice */
      journal_touch_relationship (journal, name);
      for (guint j = 0; scope_refs != NULL && scope_refs[j] != NULL; j++)
        {
          MfmScope *scope = mfm_inventory_lookup_scope (self->inventory, scope_refs[j]);

          if (scope != NULL)
            deconfigure_scope (self, journal, relationship, scope, action);
        }
      mfm_inventory_remove_relationship (self->inventory, name);
    }

  return empty_result ();
}

/* The relationship and server of the scope commands, checked. */
static MfmRelationship *
resolve_scope_command (MfmSimulator  *self,
                       JsonObject    *params,
                       MfmServer    **server,
                       GPtrArray    **scope_refs,
                       GError       **error)
{
  const char *server_ref = require_string_param (params, MFM_WIRE_PARAM_SERVER_REF, error);
  const char *name;
  MfmRelationship *relationship;

  if (server_ref == NULL)
    return NULL;
  name = require_string_param (params, MFM_WIRE_PARAM_RELATIONSHIP_NAME, error);
  if (name == NULL)
    return NULL;
  *scope_refs = get_string_array_param (params, MFM_WIRE_PARAM_SCOPE_REFS, error);
  if (*scope_refs == NULL)
    return NULL;
  *server = resolve_server (self, server_ref, error);
  if (*server == NULL)
    return NULL;
  relationship = resolve_relationship (self, name, error);
  if (relationship == NULL)
    return NULL;
  if (!mfm_relationship_involves (relationship, mfm_server_get_ref (*server)))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "%s is not a server of the failover relationship “%s”.",
                   mfm_server_get_name (*server), name);
      return NULL;
    }

  return relationship;
}

static MfmScope *
resolve_scope_on (MfmSimulator  *self,
                  const char    *scope_ref,
                  MfmServer     *server,
                  GError       **error)
{
  MfmScope *scope = mfm_inventory_lookup_scope (self->inventory, scope_ref);

  if (scope == NULL)
    {
      set_not_found (error, scope_ref);
      return NULL;
    }
  if (g_strcmp0 (mfm_scope_get_server_ref (scope), mfm_server_get_ref (server)) != 0)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "The scope %s (%s) is not on %s.", mfm_scope_get_name (scope),
                   mfm_scope_get_subnet (scope), mfm_server_get_name (server));
      return NULL;
    }

  return scope;
}

static JsonNode *
command_add_scopes (MfmSimulator  *self,
                    JsonObject    *params,
                    Journal       *journal,
                    GError       **error)
{
  g_autoptr(GPtrArray) scope_refs = NULL;
  g_autoptr(GPtrArray) new_refs = g_ptr_array_new_with_free_func (g_free);
  MfmServer *server = NULL;
  MfmRelationship *relationship;
  const char *name;
  const char *other_ref;
  gboolean on_primary;

  relationship = resolve_scope_command (self, params, &server, &scope_refs, error);
  if (relationship == NULL)
    return NULL;
  name = mfm_relationship_get_name (relationship);
  on_primary = g_strcmp0 (mfm_server_get_ref (server),
                          mfm_relationship_get_primary_server_ref (relationship)) == 0;
  other_ref = on_primary ? mfm_relationship_get_secondary_server_ref (relationship) :
                           mfm_relationship_get_primary_server_ref (relationship);

  /* Check every scope before changing anything. */
  for (guint i = 0; i < scope_refs->len; i++)
    {
      MfmScope *scope = resolve_scope_on (self, g_ptr_array_index (scope_refs, i), server, error);
      MfmScope *copy;
      const char *peer;

      if (scope == NULL)
        return NULL;
      if (mfm_scope_get_pool_count (scope) == 0)
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                       "The scope %s (%s) has no address pool. Add a pool to the scope before "
                       "adding it to a failover relationship.",
                       mfm_scope_get_name (scope), mfm_scope_get_subnet (scope));
          return NULL;
        }
      peer = mfm_scope_get_relationship_name (scope);
      if (peer != NULL && g_strcmp0 (peer, name) != 0)
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                       "The scope %s (%s) is already in the failover relationship “%s”. A scope "
                       "can only be in one failover relationship.",
                       mfm_scope_get_name (scope), mfm_scope_get_subnet (scope), peer);
          return NULL;
        }
      copy = mfm_inventory_lookup_scope_copy (self->inventory, scope, other_ref);
      peer = copy != NULL ? mfm_scope_get_relationship_name (copy) : NULL;
      if (peer != NULL && g_strcmp0 (peer, name) != 0)
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                       "The copy of the scope %s (%s) on the partner server is in the failover "
                       "relationship “%s”. A scope can only be in one failover relationship.",
                       mfm_scope_get_name (scope), mfm_scope_get_subnet (scope), peer);
          return NULL;
        }
    }

  journal_touch_relationship (journal, name);
  for (guint i = 0; i < scope_refs->len; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (self->inventory, g_ptr_array_index (scope_refs, i));
      MfmScope *copy = mfm_inventory_lookup_scope_copy (self->inventory, scope, other_ref);

      journal_touch_scope (journal, mfm_scope_get_ref (scope));
      mfm_scope_set_failover_peer (scope, name);

      if (copy == NULL)
        {
          g_autofree char *ref = g_strdup_printf ("dhcpScopes/%u", ++self->next_scope_id);
          g_autoptr(MfmScope) created = mfm_scope_new (ref, mfm_scope_get_name (scope), other_ref,
                                                       mfm_scope_get_subnet (scope));
          GPtrArray *pools = mfm_scope_get_pools (scope);

          mfm_scope_set_description (created, mfm_scope_get_description (scope));
          for (guint p = 0; p < pools->len; p++)
            {
              MfmAddressPool *pool = g_ptr_array_index (pools, p);

              mfm_scope_add_pool (created, pool->start, pool->end, name);
            }
          journal_touch_scope (journal, ref);
          journal_touch_server (journal, other_ref);
          copy = mfm_inventory_add_scope (self->inventory, created);
        }
      else
        {
          journal_touch_scope (journal, mfm_scope_get_ref (copy));
          mfm_scope_set_failover_peer (copy, name);
        }
      mfm_scope_set_enabled (copy, TRUE);

      if (!mfm_relationship_has_scope (relationship, on_primary ? mfm_scope_get_ref (scope) :
                                                                  mfm_scope_get_ref (copy)))
        g_ptr_array_add (new_refs, g_strdup (on_primary ? mfm_scope_get_ref (scope) :
                                                          mfm_scope_get_ref (copy)));
    }

  if (new_refs->len > 0)
    {
      const char * const *old_refs = mfm_relationship_get_scope_refs (relationship);
      g_autoptr(GPtrArray) refs = g_ptr_array_new ();

      for (guint i = 0; old_refs != NULL && old_refs[i] != NULL; i++)
        g_ptr_array_add (refs, (gpointer) old_refs[i]);
      for (guint i = 0; i < new_refs->len; i++)
        g_ptr_array_add (refs, g_ptr_array_index (new_refs, i));
      g_ptr_array_add (refs, NULL);
      mfm_relationship_set_scope_refs (relationship, (const char * const *) refs->pdata);
    }
  sync_relationship_state (self, relationship);

  return empty_result ();
}

static JsonNode *
command_remove_scopes (MfmSimulator  *self,
                       JsonObject    *params,
                       Journal       *journal,
                       GError       **error)
{
  g_autoptr(GPtrArray) scope_refs = NULL;
  MfmServer *server = NULL;
  MfmRelationship *relationship;
  MfmDeconfigureAction action;

  relationship = resolve_scope_command (self, params, &server, &scope_refs, error);
  if (relationship == NULL || !get_deconfigure_action (params, &action, error))
    return NULL;

  for (guint i = 0; i < scope_refs->len; i++)
    {
      MfmScope *scope = resolve_scope_on (self, g_ptr_array_index (scope_refs, i), server, error);

      if (scope == NULL)
        return NULL;
      if (g_strcmp0 (mfm_scope_get_relationship_name (scope),
                     mfm_relationship_get_name (relationship)) != 0 &&
          !mfm_relationship_has_scope (relationship, mfm_scope_get_ref (scope)))
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                       "The scope %s (%s) is not in the failover relationship “%s”.",
                       mfm_scope_get_name (scope), mfm_scope_get_subnet (scope),
                       mfm_relationship_get_name (relationship));
          return NULL;
        }
    }

  for (guint i = 0; i < scope_refs->len; i++)
    {
      MfmScope *scope = mfm_inventory_lookup_scope (self->inventory, g_ptr_array_index (scope_refs, i));

      /* An earlier entry may have deleted it as the secondary's copy. */
      if (scope != NULL)
        deconfigure_scope (self, journal, relationship, scope, action);
    }

  return empty_result ();
}

typedef JsonNode *(*CommandFunc) (MfmSimulator  *self,
                                  JsonObject    *params,
                                  Journal       *journal,
                                  GError       **error);

typedef struct
{
  const char  *method;
  CommandFunc  func;
  gboolean     write;
} Command;

static const Command commands[] = {
  { MFM_WIRE_LOGOUT, command_logout, FALSE },
  { MFM_WIRE_GET_SERVERS, command_get_servers, FALSE },
  { MFM_WIRE_GET_SCOPES, command_get_scopes, FALSE },
  { MFM_WIRE_GET_ADDRESS_POOLS, command_get_address_pools, FALSE },
  { MFM_WIRE_GET_RANGE, command_get_range, FALSE },
  { MFM_WIRE_GET_RELATIONSHIPS, command_get_relationships, FALSE },
  { MFM_WIRE_ADD_RELATIONSHIP, command_add_relationship, TRUE },
  { MFM_WIRE_MODIFY_RELATIONSHIP, command_modify_relationship, TRUE },
  { MFM_WIRE_REMOVE_RELATIONSHIPS, command_remove_relationships, TRUE },
  { MFM_WIRE_ADD_SCOPES, command_add_scopes, TRUE },
  { MFM_WIRE_REMOVE_SCOPES, command_remove_scopes, TRUE },
};

static char *
new_session_id (void)
{
  static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char id[21];

  for (guint i = 0; i < 20; i++)
    id[i] = alphabet[g_random_int_range (0, sizeof alphabet - 1)];
  id[20] = '\0';
  return g_strdup (id);
}

static JsonNode *
login (MfmSimulator  *self,
       JsonObject    *params,
       GError       **error)
{
  const char *user = get_string_param (params, MFM_WIRE_PARAM_LOGIN_NAME);
  const char *password = get_string_param (params, MFM_WIRE_PARAM_PASSWORD);
  g_autoptr(JsonObject) result = json_object_new ();
  Session *session;
  char *id;

  if (user == NULL || password == NULL ||
      !((g_str_equal (user, "admin") && g_str_equal (password, "admin")) ||
        (g_str_equal (user, "reviewer") && g_str_equal (password, "reviewer")) ||
        (g_str_equal (user, "viewer") && g_str_equal (password, "viewer"))))
    {
      g_set_error (error, SIM_API_ERROR, MFM_WIRE_CODE_BAD_CREDENTIALS,
                   "Invalid username or password.");
      return NULL;
    }

  session = g_new0 (Session, 1);
  session->user = g_strdup (user);
  session->read_only = g_str_equal (user, "viewer");
  session->created = g_get_monotonic_time ();
  id = new_session_id ();
  g_hash_table_insert (self->sessions, id, session);
  json_object_set_string_member (result, MFM_WIRE_RESULT_SESSION, id);

  return json_node_init_object (json_node_alloc (), result);
}

static Session *
check_session (MfmSimulator  *self,
               JsonObject    *params,
               GError       **error)
{
  const char *id = get_string_param (params, MFM_WIRE_PARAM_SESSION);
  Session *session;

  if (id == NULL || *id == '\0')
    {
      g_set_error (error, SIM_API_ERROR, MFM_WIRE_CODE_MISSING_SESSION, "Missing Session ID.");
      return NULL;
    }
  session = g_hash_table_lookup (self->sessions, id);
  if (session == NULL)
    {
      g_set_error (error, SIM_API_ERROR, MFM_WIRE_CODE_INVALID_SESSION, "Invalid session ID.");
      return NULL;
    }
  if (!session->expired && self->session_ttl > 0 &&
      g_get_monotonic_time () - session->created > (gint64) self->session_ttl * G_USEC_PER_SEC)
    session->expired = TRUE;
  if (session->expired)
    {
      g_set_error (error, SIM_API_ERROR, MFM_WIRE_CODE_INVALID_SESSION,
                   "Invalid session ID: the session has expired. Log in again.");
      return NULL;
    }

  return session;
}

/* Strict like a server that validates against its schema: a parameter the command does not
 * take is an error, so a wrong name in a client cannot pass unnoticed. */
static gboolean
check_parameters (const char  *method,
                  JsonObject  *params,
                  GError     **error)
{
  const char * const *known = mfm_wire_command_parameters (method);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (known == NULL)
    return TRUE;

  json_object_iter_init (&iter, params);
  while (json_object_iter_next (&iter, &name, &value))
    if (!g_strv_contains (known, name))
      {
        g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                     "Invalid parameter: %s is not a parameter of %s.", name, method);
        return FALSE;
      }

  return TRUE;
}

/* After a change: the caches, then every backend in turn. FALSE rolls it back. */
static gboolean
apply_change (MfmSimulator  *self,
              Journal       *journal,
              GError       **error)
{
  invalidate_caches (self);
  mfm_inventory_update_counts (self->inventory);

  for (guint i = 0; i < self->backends->len; i++)
    {
      Backend *backend = &g_array_index (self->backends, Backend, i);
      g_autoptr(GError) local_error = NULL;

      if (backend->funcs->apply != NULL &&
          !backend->funcs->apply (backend->data, self->inventory, journal->server_refs,
                                  &local_error))
        {
          g_set_error (error, SIM_API_ERROR, SIM_CODE_SIMULATED_FAILURE,
                       "The DHCP server did not accept the change: %s", local_error->message);
          return FALSE;
        }
    }

  return TRUE;
}

/* HasAccess for DHCP servers, with the access names of Micetro's permissions reference: the
 * read-only user has the ones that only read, the administrator all of them. */
static JsonNode *
has_access (MfmSimulator  *self,
            Session       *session,
            JsonObject    *params,
            GError       **error)
{
  static const struct {
    const char *name;
    gboolean    reads_only;
  } dhcp_server_access[] = {
    { "access_editAccess", FALSE },
    { "access_list", TRUE },
    { "access_viewHistory", TRUE },
    { "access_readOptions", TRUE },
    { "access_options", FALSE },
    { MFM_WIRE_ACCESS_ADD_SCOPE, FALSE },
    { "access_editProperties", FALSE },
    { "access_reservations", FALSE },
    { "access_addGroup", FALSE },
    { "access_readClassData", TRUE },
    { "access_classData", FALSE },
  };
  const char *access_name;
  const char *obj_type;
  g_autoptr(GPtrArray) refs = NULL;
  g_autoptr(JsonArray) entries = json_array_new ();
  gboolean granted = FALSE, known = FALSE;

  if (!check_optional_strings (params, error, MFM_WIRE_PARAM_OBJ_TYPE, NULL) ||
      !(access_name = require_string_param (params, MFM_WIRE_PARAM_ACCESS_NAME, error)) ||
      !(refs = get_string_array_param (params, MFM_WIRE_PARAM_OBJ_REFS, error)))
    return NULL;

  obj_type = get_string_param (params, MFM_WIRE_PARAM_OBJ_TYPE);
  if (obj_type != NULL && !g_str_equal (obj_type, MFM_WIRE_OBJ_TYPE_DHCP_SERVER))
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Invalid value for parameter %s: the simulator knows access to %s only.",
                   MFM_WIRE_PARAM_OBJ_TYPE, MFM_WIRE_OBJ_TYPE_DHCP_SERVER);
      return NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (dhcp_server_access); i++)
    if (g_str_equal (dhcp_server_access[i].name, access_name))
      {
        known = TRUE;
        granted = !session->read_only || dhcp_server_access[i].reads_only;
      }
  if (!known)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_INVALID_ARGUMENT,
                   "Invalid value for parameter %s: unknown access name %s.",
                   MFM_WIRE_PARAM_ACCESS_NAME, access_name);
      return NULL;
    }

  for (guint i = 0; i < refs->len; i++)
    {
      MfmServer *server = resolve_server (self, g_ptr_array_index (refs, i), error);

      if (server == NULL)
        return NULL;
      json_array_add_element (entries, mfm_wire_has_access_entry (mfm_server_get_ref (server),
                                                                  mfm_server_get_name (server),
                                                                  granted));
    }

  return mfm_wire_list_result (MFM_WIRE_RESULT_HAS_ACCESS_ENTRIES, entries, -1);
}

/* Runs one JSON-RPC call: the result, or NULL with @error in SIM_API_ERROR. */
static JsonNode *
dispatch (MfmSimulator  *self,
          const char    *method,
          JsonObject    *params,
          GError       **error)
{
  const Command *command = NULL;
  g_autoptr(Journal) journal = NULL;
  Session *session;
  JsonNode *result;

  if (g_strcmp0 (method, MFM_WIRE_LOGIN) == 0)
    return check_parameters (method, params, error) ? login (self, params, error) : NULL;

  if (g_strcmp0 (method, MFM_WIRE_HAS_ACCESS) == 0)
    {
      session = check_session (self, params, error);
      return session != NULL ? has_access (self, session, params, error) : NULL;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_strcmp0 (commands[i].method, method) == 0)
      command = &commands[i];
  if (command == NULL)
    {
      g_set_error (error, SIM_API_ERROR, SIM_CODE_METHOD_NOT_FOUND,
                   "Unknown command: %s", method);
      return NULL;
    }

  session = check_session (self, params, error);
  if (session == NULL || !check_parameters (method, params, error))
    return NULL;
  if (!command->write)
    return command->func (self, params, NULL, error);

  if (session->read_only)
    {
      g_set_error (error, SIM_API_ERROR, MFM_WIRE_CODE_ACCESS_DENIED,
                   "You do not have access to perform that action.");
      return NULL;
    }
  if (self->writes_ok_before > 0)
    self->writes_ok_before--;
  else if (self->writes_to_fail > 0)
    {
      self->writes_to_fail--;
      g_set_error (error, SIM_API_ERROR, SIM_CODE_SIMULATED_FAILURE,
                   "Simulated failure: the DHCP server did not accept the change.");
      return NULL;
    }

  ensure_fields ();
  journal = journal_new (self->inventory);
  result = command->func (self, params, journal, error);
  if (result == NULL || !apply_change (self, journal, error))
    {
      g_clear_pointer (&result, json_node_unref);
      journal_rollback (journal);
      invalidate_caches (self);
      /* Backends follow the data back (files rewritten); their errors were reported already. */
      for (guint i = 0; i < self->backends->len; i++)
        {
          Backend *backend = &g_array_index (self->backends, Backend, i);

          if (backend->funcs->revert != NULL)
            backend->funcs->revert (backend->data, self->inventory, journal->server_refs);
        }
      return NULL;
    }

  if (self->reset_armed && (self->reset_method == NULL || g_strcmp0 (self->reset_method, method) == 0))
    {
      if (self->reset_ok_before > 0)
        self->reset_ok_before--;
      else
        {
          self->reset_armed = FALSE;
          self->reset_now = TRUE;
        }
    }

  return result;
}

/* Recording */

/* json_node_copy() shares objects and arrays; the record must not touch the request. */
static JsonNode *
deep_copy (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) copy = json_object_new ();
      JsonObjectIter iter;
      const char *member;
      JsonNode *child;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &member, &child))
        json_object_set_member (copy, member, deep_copy (child));
      return json_node_init_object (json_node_alloc (), copy);
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (copy, deep_copy (json_array_get_element (array, i)));
      return json_node_init_array (json_node_alloc (), copy);
    }
  return json_node_copy (node);
}

/* Members are replaced, never changed in place: json-glib shares values between copies. */
static void
redact (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l != NULL; l = l->next)
        {
          const char *member = l->data;

          if (mfm_wire_is_secret_member (member, -1))
            json_object_set_string_member (object, member, REDACTED);
          else
            redact (json_object_get_member (object, member));
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        redact (json_array_get_element (array, i));
    }
}

static void
record_call (MfmSimulator *self,
             const char   *method,
             JsonNode     *params)
{
  g_autoptr(JsonObject) line = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *text = NULL;
  g_autofree char *with_newline = NULL;
  g_autofree char *time_text = NULL;
  g_autoptr(GError) error = NULL;
  JsonNode *copy;

  if (self->record == NULL)
    return;

  time_text = g_date_time_format_iso8601 (now);
  copy = params != NULL ? deep_copy (params) : json_node_init_object (json_node_alloc (), json_object_new ());
  redact (copy);
  json_object_set_string_member (line, "time", time_text);
  json_object_set_string_member (line, "method", method != NULL ? method : "");
  json_object_set_member (line, "params", copy);
  node = json_node_init_object (json_node_alloc (), line);
  text = mfm_wire_to_string (node, FALSE);
  with_newline = g_strconcat (text, "\n", NULL);

  if (!g_output_stream_write_all (self->record, with_newline, strlen (with_newline), NULL, NULL, &error) ||
      !g_output_stream_flush (self->record, NULL, &error))
    g_warning ("Cannot record the call to %s: %s", self->record_path, error->message);
}

/* Responses */

static JsonNode *
envelope (JsonNode     *id,
          JsonNode     *result,
          const GError *error)
{
  g_autoptr(JsonObject) object = json_object_new ();

  json_object_set_string_member (object, MFM_WIRE_JSONRPC, MFM_WIRE_JSONRPC_VERSION);
  if (result != NULL)
    json_object_set_member (object, MFM_WIRE_JSONRPC_RESULT, result);
  else
    {
      JsonObject *error_object = json_object_new ();

      json_object_set_int_member (error_object, MFM_WIRE_JSONRPC_CODE,
                                  error->domain == SIM_API_ERROR ? error->code : SIM_CODE_INTERNAL_ERROR);
      json_object_set_string_member (error_object, MFM_WIRE_JSONRPC_MESSAGE, error->message);
      json_object_set_object_member (object, MFM_WIRE_JSONRPC_ERROR, error_object);
    }
  /* Micetro answers with a null id whatever the request carried (recorded traffic). */
  json_object_set_member (object, MFM_WIRE_JSONRPC_ID, json_node_init_null (json_node_alloc ()));

  return json_node_init_object (json_node_alloc (), object);
}

static void
respond_json (SoupServerMessage *msg,
              guint              status,
              JsonNode          *node)
{
  char *text = mfm_wire_to_string (node, FALSE);

  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text, strlen (text));
}

/* Wrong member types: what a broken proxy or a changed API would send. */
static void
scramble (JsonNode *node)
{
  JsonObject *envelope_object = json_node_get_object (node);
  const char *names[] = { MFM_WIRE_JSONRPC_RESULT, MFM_WIRE_JSONRPC_ERROR };

  for (guint n = 0; n < G_N_ELEMENTS (names); n++)
    {
      JsonNode *child = json_object_get_member (envelope_object, names[n]);

      if (child == NULL)
        continue;
      if (JSON_NODE_HOLDS_OBJECT (child))
        {
          JsonObject *object = json_node_get_object (child);
          g_autoptr(GList) members = json_object_get_members (object);

          for (GList *l = members; l != NULL; l = l->next)
            {
              JsonNode *value = json_object_get_member (object, l->data);

              if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
                json_object_set_int_member (object, l->data, 42);
              else
                json_object_set_string_member (object, l->data, "many");
            }
        }
      else
        {
          JsonArray *array = json_array_new ();

          json_array_add_string_element (array, "many");
          json_object_set_array_member (envelope_object, names[n], array);
        }
    }
}

static void
respond_malformed (MfmSimulator      *self,
                   SoupServerMessage *msg,
                   JsonNode          *response)
{
  static const char html[] =
    "<!DOCTYPE html>\n<html><head><title>Service Unavailable</title></head>\n"
    "<body><h1>Service Unavailable</h1><p>The web service is not available right now.</p>"
    "</body></html>\n";

  switch (self->malformed_turn++ % 3)
    {
    case 0:
      {
        char *text = mfm_wire_to_string (response, FALSE);
        gsize len = strlen (text);

        /* Cut off half way, as a dropped proxy connection leaves it. */
        soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
        soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE, text,
                                          MAX (len / 2, 1));
      }
      break;

    case 1:
      scramble (response);
      respond_json (msg, SOUP_STATUS_OK, response);
      break;

    default:
      soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC, html, strlen (html));
      break;
    }
}

/* Returns FALSE when the connection was dropped and @msg must not be touched again. */
static gboolean
process_request (MfmSimulator      *self,
                 SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(GBytes) bytes = soup_message_body_flatten (body);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) response = NULL;
  g_autoptr(JsonObject) no_params = NULL;
  g_autoptr(GMutexLocker) locker = NULL;
  JsonNode *result = NULL;
  JsonNode *id = NULL;
  JsonNode *params_node = NULL;
  JsonObject *params;
  JsonObject *request;
  const char *method;
  gboolean fail, malformed;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_autoptr(GError) parse_error = g_error_new (SIM_API_ERROR, SIM_CODE_PARSE_ERROR,
                                                   "Parse error: the request is not valid JSON.");

      response = envelope (NULL, NULL, parse_error);
      respond_json (msg, SOUP_STATUS_OK, response);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autoptr(GError) request_error = g_error_new (SIM_API_ERROR, SIM_CODE_INVALID_REQUEST,
                                                     "Invalid request: a JSON object is expected.");

      response = envelope (NULL, NULL, request_error);
      respond_json (msg, SOUP_STATUS_OK, response);
      return TRUE;
    }

  request = json_node_get_object (json_parser_get_root (parser));
  id = json_object_get_member (request, MFM_WIRE_JSONRPC_ID);
  method = get_string_param (request, MFM_WIRE_JSONRPC_METHOD);
  params_node = json_object_get_member (request, MFM_WIRE_JSONRPC_PARAMS);
  if (params_node != NULL && JSON_NODE_HOLDS_OBJECT (params_node))
    params = json_node_get_object (params_node);
  else
    params = no_params = json_object_new ();

  locker = g_mutex_locker_new (&self->lock);
  record_call (self, method, params_node);

  /* The dice are rolled on every call, so a seed gives the same faults for the same calls. */
  fail = self->fail_rate > 0 && g_rand_double (self->rand) < self->fail_rate;

  if (self->failing_method != NULL && g_strcmp0 (method, self->failing_method) == 0)
    {
      g_autoptr(GError) fault = g_error_new (SIM_API_ERROR, SIM_CODE_INTERNAL_ERROR,
                                             "Internal server error while running %s.", method);

      response = envelope (id, NULL, fault);
      respond_json (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, response);
      return TRUE;
    }
  malformed = self->malformed_rate > 0 && g_rand_double (self->rand) < self->malformed_rate;

  if (fail)
    {
      if (self->fault_turn++ % 2 == 0)
        {
          g_autoptr(GError) fault = g_error_new (SIM_API_ERROR, SIM_CODE_INTERNAL_ERROR,
                                                 "Internal server error.");

          response = envelope (id, NULL, fault);
          respond_json (msg, SOUP_STATUS_INTERNAL_SERVER_ERROR, response);
          return TRUE;
        }
      else
        {
          GIOStream *stream = soup_server_message_steal_connection (msg);

          g_io_stream_close (stream, NULL, NULL);
          g_object_unref (stream);
          return FALSE;
        }
    }

  mfm_sim_faults_adjust (self->faults, method, params);
  if (method == NULL)
    error = g_error_new (SIM_API_ERROR, SIM_CODE_INVALID_REQUEST,
                         "Invalid request: the method is missing.");
  else
    result = mfm_sim_faults_apply (self->faults, method, params,
                                   self->max_page_size > 0 ? self->max_page_size : DEFAULT_MAX_PAGE,
                                   dispatch (self, method, params, &error));
  response = envelope (id, result, error);

  /* The change is made; the answer never leaves, as when a connection resets after the
   * server applied a request. */
  if (self->reset_now)
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      self->reset_now = FALSE;
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      return FALSE;
    }

  if (malformed)
    respond_malformed (self, msg, response);
  else
    {
      gboolean dropped = FALSE;

      if (mfm_sim_faults_respond (self->faults, method, msg, response, &dropped))
        return !dropped;
      respond_json (msg, SOUP_STATUS_OK, response);
    }

  return TRUE;
}

typedef struct
{
  MfmSimulator      *self;
  SoupServerMessage *msg;
  GSource           *source;
} Delayed;

static void
delayed_free (gpointer data)
{
  Delayed *delayed = data;

  g_object_unref (delayed->msg);
  g_free (delayed);
}

static gboolean
on_delay_done (gpointer user_data)
{
  Delayed *delayed = user_data;
  MfmSimulator *self = delayed->self;

  g_ptr_array_remove_fast (self->delayed, delayed->source);
  if (process_request (self, delayed->msg))
    soup_server_message_unpause (delayed->msg);
  return G_SOURCE_REMOVE;
}

static void
handle_json (SoupServer        *server,
             SoupServerMessage *msg,
             const char        *path,
             GHashTable        *query,
             gpointer           user_data)
{
  MfmSimulator *self = user_data;
  guint latency_ms;

  if (soup_server_message_get_method (msg) != SOUP_METHOD_POST)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow", "POST");
      soup_server_message_set_status (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, NULL);
      return;
    }

  g_mutex_lock (&self->lock);
  latency_ms = self->latency_ms;
  g_mutex_unlock (&self->lock);

  if (latency_ms > 0)
    {
      Delayed *delayed = g_new0 (Delayed, 1);

      /* Wait without blocking the thread, so other requests go on meanwhile. */
      delayed->self = self;
      delayed->msg = g_object_ref (msg);
      delayed->source = g_timeout_source_new (latency_ms);
      g_source_set_callback (delayed->source, on_delay_done, delayed, delayed_free);
      g_ptr_array_add (self->delayed, delayed->source);
      soup_server_message_pause (msg);
      g_source_attach (delayed->source, self->context);
      g_source_unref (delayed->source);
      return;
    }

  process_request (self, msg);
}

static void
handle_other (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
}

/* The serving thread */

static void
signal_started (MfmSimulator *self,
                GError       *error)
{
  g_mutex_lock (&self->start_lock);
  self->start_error = error;
  self->start_done = TRUE;
  g_cond_signal (&self->start_cond);
  g_mutex_unlock (&self->start_lock);
}

static gpointer
serve (gpointer data)
{
  MfmSimulator *self = data;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, self->port);
  GError *error = NULL;
  GSList *listeners;

  g_main_context_push_thread_default (self->context);

  self->server = soup_server_new ("server-header", "mfm-simulator ",
                                  "tls-certificate", self->tls_certificate,
                                  NULL);
  soup_server_add_handler (self->server, MFM_WIRE_ENDPOINT, handle_json, self, NULL);
  soup_server_add_handler (self->server, NULL, handle_other, self, NULL);

  if (!soup_server_listen (self->server, address,
                           self->tls_certificate != NULL ? SOUP_SERVER_LISTEN_HTTPS : 0, &error))
    {
      g_clear_object (&self->server);
      g_main_context_pop_thread_default (self->context);
      signal_started (self, error);
      return NULL;
    }

  listeners = soup_server_get_listeners (self->server);
  if (listeners != NULL)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listeners->data, NULL);

      if (local != NULL)
        self->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }
  g_slist_free (listeners);
  g_free (self->url);
  self->url = g_strdup_printf ("%s://127.0.0.1:%u",
                               self->tls_certificate != NULL ? "https" : "http", self->port);
  signal_started (self, NULL);

  /* A flag rather than a GMainLoop: a quit that comes before the loop runs is not lost. */
  while (!g_atomic_int_get (&self->stop_requested))
    g_main_context_iteration (self->context, TRUE);

  /* Responses still waiting out their latency are dropped with the server. */
  while (self->delayed->len > 0)
    g_source_destroy (g_ptr_array_steal_index_fast (self->delayed, self->delayed->len - 1));
  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_main_context_pop_thread_default (self->context);

  return NULL;
}

/* Public API */

MfmSimulator *
mfm_simulator_new (void)
{
  return g_object_new (MFM_TYPE_SIMULATOR, NULL);
}

static void
replace_inventory (MfmSimulator *self,
                   MfmInventory *inventory)
{
  g_mutex_lock (&self->lock);
  g_set_object (&self->inventory, inventory);
  self->next_scope_id = mfm_sim_dataset_max_scope_id (inventory);
  invalidate_caches (self);
  g_mutex_unlock (&self->lock);
}

void
mfm_simulator_load_demo (MfmSimulator *self)
{
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();

  g_return_if_fail (MFM_IS_SIMULATOR (self));

  mfm_sim_dataset_load_demo (inventory);
  replace_inventory (self, inventory);
}

void
mfm_simulator_generate (MfmSimulator *self,
                        guint         n_servers,
                        guint         n_relationships,
                        guint         n_scopes,
                        guint         seed)
{
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();

  g_return_if_fail (MFM_IS_SIMULATOR (self));

  mfm_sim_dataset_generate (inventory, n_servers, n_relationships, n_scopes, seed);
  replace_inventory (self, inventory);
}

gboolean
mfm_simulator_load_file (MfmSimulator  *self,
                         const char    *path,
                         GError       **error)
{
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();

  g_return_val_if_fail (MFM_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!mfm_sim_dataset_load_file (inventory, path, error))
    return FALSE;
  replace_inventory (self, inventory);
  return TRUE;
}

gboolean
mfm_simulator_start (MfmSimulator  *self,
                     guint          port,
                     GError       **error)
{
  GError *start_error;

  g_return_val_if_fail (MFM_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (self->thread == NULL, FALSE);
  g_return_val_if_fail (port <= 65535, FALSE);

  if (self->record_path != NULL && self->record == NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_path (self->record_path);

      self->record = G_OUTPUT_STREAM (g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, error));
      if (self->record == NULL)
        return FALSE;
    }

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->rand, g_rand_free);
  self->rand = g_rand_new_with_seed (self->seed);
  self->fault_turn = 0;
  self->malformed_turn = 0;
  g_mutex_unlock (&self->lock);

  /* Backends start from the data as it is; a rejection here is only worth a warning. */
  g_mutex_lock (&self->lock);
  for (guint i = 0; i < self->backends->len; i++)
    {
      Backend *backend = &g_array_index (self->backends, Backend, i);
      g_autoptr(GError) check_error = NULL;

      if (backend->funcs->start != NULL &&
          !backend->funcs->start (backend->data, self->inventory, &check_error))
        g_warning ("%s", check_error->message);
    }
  g_mutex_unlock (&self->lock);

  self->port = port;
  self->context = g_main_context_new ();
  g_atomic_int_set (&self->stop_requested, 0);
  self->start_done = FALSE;
  self->thread = g_thread_new ("mfm-simulator", serve, self);

  g_mutex_lock (&self->start_lock);
  while (!self->start_done)
    g_cond_wait (&self->start_cond, &self->start_lock);
  start_error = g_steal_pointer (&self->start_error);
  g_mutex_unlock (&self->start_lock);

  if (start_error != NULL)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      g_clear_pointer (&self->context, g_main_context_unref);
      g_propagate_error (error, start_error);
      return FALSE;
    }

  g_debug ("Serving on %s", self->url);
  return TRUE;
}

void
mfm_simulator_stop (MfmSimulator *self)
{
  g_return_if_fail (MFM_IS_SIMULATOR (self));

  if (self->thread == NULL)
    return;

  g_atomic_int_set (&self->stop_requested, 1);
  g_main_context_wakeup (self->context);
  g_thread_join (g_steal_pointer (&self->thread));
  g_clear_pointer (&self->context, g_main_context_unref);
}

const char *
mfm_simulator_get_url (MfmSimulator *self)
{
  g_return_val_if_fail (MFM_IS_SIMULATOR (self), NULL);

  return self->url;
}

guint
mfm_simulator_get_port (MfmSimulator *self)
{
  g_return_val_if_fail (MFM_IS_SIMULATOR (self), 0);

  return self->port;
}

void
mfm_simulator_fail_next_writes (MfmSimulator *self,
                                guint         n_ok_before,
                                guint         n_failures)
{
  g_return_if_fail (MFM_IS_SIMULATOR (self));

  g_mutex_lock (&self->lock);
  self->writes_ok_before = n_ok_before;
  self->writes_to_fail = n_failures;
  g_mutex_unlock (&self->lock);
}

void
mfm_simulator_reset_after_write (MfmSimulator *self,
                                 const char   *method,
                                 guint         n_ok_before)
{
  g_return_if_fail (MFM_IS_SIMULATOR (self));

  g_mutex_lock (&self->lock);
  g_free (self->reset_method);
  self->reset_method = g_strdup (method);
  self->reset_ok_before = n_ok_before;
  self->reset_armed = TRUE;
  self->reset_now = FALSE;
  g_mutex_unlock (&self->lock);
}

void
mfm_simulator_fail_method (MfmSimulator *self,
                           const char   *method)
{
  g_return_if_fail (MFM_IS_SIMULATOR (self));

  g_mutex_lock (&self->lock);
  g_free (self->failing_method);
  self->failing_method = g_strdup (method);
  g_mutex_unlock (&self->lock);
}

void
mfm_simulator_expire_sessions (MfmSimulator *self)
{
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (MFM_IS_SIMULATOR (self));

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->sessions);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    ((Session *) value)->expired = TRUE;
  g_mutex_unlock (&self->lock);
}

void
mfm_simulator_set_relationship_state (MfmSimulator *self,
                                      const char   *name,
                                      const char   *state)
{
  MfmRelationship *relationship;

  g_return_if_fail (MFM_IS_SIMULATOR (self));
  g_return_if_fail (name != NULL);

  g_mutex_lock (&self->lock);
  if (state != NULL)
    g_hash_table_insert (self->failover_states, g_strdup (name), g_strdup (state));
  else
    g_hash_table_remove (self->failover_states, name);

  relationship = mfm_inventory_lookup_relationship (self->inventory, name);
  if (relationship != NULL && mfm_relationship_get_scope_count (relationship) > 0)
    mfm_relationship_set_state (relationship, state != NULL ? state : STATE_NORMAL);
  g_hash_table_remove (self->relationship_json, name);
  g_mutex_unlock (&self->lock);
}

void
mfm_simulator_add_servers (MfmSimulator *self,
                           GPtrArray    *servers)
{
  g_return_if_fail (MFM_IS_SIMULATOR (self));
  g_return_if_fail (servers != NULL);

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < servers->len; i++)
    {
      MfmServer *server = g_ptr_array_index (servers, i);
      g_autoptr(MfmServer) copy = mfm_server_new (mfm_server_get_ref (server),
                                                  mfm_server_get_name (server),
                                                  mfm_server_get_address (server),
                                                  mfm_server_get_server_type (server),
                                                  mfm_server_get_state (server));

      mfm_server_set_enabled (copy, mfm_server_get_enabled (server));
      mfm_inventory_add_server (self->inventory, copy);
      g_hash_table_remove (self->server_json, mfm_server_get_ref (server));
    }
  /* The relationships' answers stay as they were: only the server list changed. */
  g_clear_pointer (&self->servers_by_name, g_ptr_array_unref);
  g_mutex_unlock (&self->lock);
}

MfmInventory *
mfm_simulator_dup_inventory (MfmSimulator *self)
{
  MfmInventory *copy = mfm_inventory_new ();
  GListModel *model;
  guint n;

  g_return_val_if_fail (MFM_IS_SIMULATOR (self), NULL);

  g_mutex_lock (&self->lock);

  model = mfm_inventory_get_servers (self->inventory);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (model, i);
      g_autoptr(MfmServer) server_copy = mfm_server_new (mfm_server_get_ref (server),
                                                         mfm_server_get_name (server),
                                                         mfm_server_get_address (server),
                                                         mfm_server_get_server_type (server),
                                                         mfm_server_get_state (server));

      mfm_server_set_enabled (server_copy, mfm_server_get_enabled (server));
      mfm_server_set_relationship_count (server_copy, mfm_server_get_relationship_count (server));
      mfm_inventory_add_server (copy, server_copy);
    }

  model = mfm_inventory_get_relationships (self->inventory);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (model, i);
      g_autoptr(MfmRelationship) relationship_copy = mfm_relationship_copy (relationship);

      mfm_inventory_add_relationship (copy, relationship_copy);
    }

  model = mfm_inventory_get_scopes (self->inventory);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmScope) scope = g_list_model_get_item (model, i);
      g_autoptr(MfmScope) scope_copy = mfm_scope_copy (scope);

      mfm_inventory_add_scope (copy, scope_copy);
    }

  g_mutex_unlock (&self->lock);

  return copy;
}

/* The dialects the simulator speaks: the documented names, and another plausible one. */
gboolean
mfm_simulator_set_dialect (MfmSimulator  *self,
                           const char    *name,
                           GError       **error)
{
  MfmWireDialect dialect = mfm_wire_dialect_default;

  g_return_val_if_fail (MFM_IS_SIMULATOR (self), FALSE);

  if (name == NULL || g_str_equal (name, MFM_SIMULATOR_DIALECT_DOCUMENTED))
    ;
  else if (g_str_equal (name, MFM_SIMULATOR_DIALECT_ALT))
    {
      /* partnerPort for the partner port, no state, the network on the scope, and the members
       * the 2017 WSDL requires on every relationship. */
      dialect.members &= ~(MFM_WIRE_MEMBER_PEER_PORT | MFM_WIRE_MEMBER_STATE);
      dialect.members |= MFM_WIRE_MEMBER_PARTNER_PORT | MFM_WIRE_MEMBER_SCOPE_RANGE |
                         MFM_WIRE_MEMBER_FAILOVER_SERVER_TYPE | MFM_WIRE_MEMBER_SAFE_PERIOD;
      dialect.safe_period = 3600;
    }
  else
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "Unknown dialect “%s”: use %s or %s.", name,
                   MFM_SIMULATOR_DIALECT_DOCUMENTED, MFM_SIMULATOR_DIALECT_ALT);
      return FALSE;
    }

  g_mutex_lock (&self->lock);
  self->dialect = dialect;
  invalidate_caches (self);
  g_mutex_unlock (&self->lock);
  return TRUE;
}

/* The copy of the scope for @subnet on @server_ref; the lock is held. */
static MfmScope *
scope_on_server (MfmSimulator *self,
                 const char   *server_ref,
                 const char   *subnet)
{
  g_autoptr(GPtrArray) scopes = mfm_inventory_get_scopes_for_server (self->inventory, server_ref);

  for (guint i = 0; i < scopes->len; i++)
    {
      MfmScope *scope = g_ptr_array_index (scopes, i);

      if (g_strcmp0 (mfm_scope_get_subnet (scope), subnet) == 0)
        return scope;
    }

  return NULL;
}

gboolean
mfm_simulator_drop_scope (MfmSimulator *self,
                          const char   *server_ref,
                          const char   *subnet)
{
  MfmScope *scope;
  gboolean found = FALSE;

  g_return_val_if_fail (MFM_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (server_ref != NULL && subnet != NULL, FALSE);

  g_mutex_lock (&self->lock);
  scope = scope_on_server (self, server_ref, subnet);
  if (scope != NULL)
    {
      g_autofree char *ref = g_strdup (mfm_scope_get_ref (scope));

      found = mfm_inventory_remove_scope (self->inventory, ref);
      invalidate_caches (self);
    }
  g_mutex_unlock (&self->lock);

  return found;
}

gboolean
mfm_simulator_set_pool_range (MfmSimulator *self,
                              const char   *server_ref,
                              const char   *subnet,
                              const char   *start,
                              const char   *end)
{
  MfmScope *scope;
  gboolean found = FALSE;

  g_return_val_if_fail (MFM_IS_SIMULATOR (self), FALSE);
  g_return_val_if_fail (server_ref != NULL && subnet != NULL, FALSE);
  g_return_val_if_fail (start != NULL && end != NULL, FALSE);

  g_mutex_lock (&self->lock);
  scope = scope_on_server (self, server_ref, subnet);
  if (scope != NULL && mfm_scope_get_pool_count (scope) > 0)
    {
      GPtrArray *pools = mfm_scope_get_pools (scope);
      g_autoptr(GPtrArray) kept = NULL;

      kept = g_ptr_array_new_with_free_func ((GDestroyNotify) mfm_address_pool_free);
      for (guint i = 0; i < pools->len; i++)
        g_ptr_array_add (kept, mfm_address_pool_copy (g_ptr_array_index (pools, i)));
      mfm_scope_clear_pools (scope);
      for (guint i = 0; i < kept->len; i++)
        {
          const MfmAddressPool *pool = g_ptr_array_index (kept, i);

          mfm_scope_add_pool (scope, i == 0 ? start : pool->start, i == 0 ? end : pool->end,
                              pool->failover_peer);
        }
      invalidate_caches (self);
      found = TRUE;
    }
  g_mutex_unlock (&self->lock);

  return found;
}

MfmInventory *
mfm_simulator_get_inventory (MfmSimulator *self)
{
  g_return_val_if_fail (MFM_IS_SIMULATOR (self), NULL);

  return self->inventory;
}

void
mfm_simulator_add_backend (MfmSimulator              *self,
                           const MfmSimulatorBackend *backend,
                           gpointer                   data,
                           GDestroyNotify             destroy)
{
  Backend entry = { backend, data, destroy };

  g_return_if_fail (MFM_IS_SIMULATOR (self));
  g_return_if_fail (backend != NULL);
  g_return_if_fail (self->thread == NULL);

  g_mutex_lock (&self->lock);
  g_array_append_val (self->backends, entry);
  if (backend->dup_state != NULL)
    self->backend_states = TRUE;
  invalidate_caches (self);
  g_mutex_unlock (&self->lock);
}

static void
backend_clear (gpointer data)
{
  Backend *backend = data;

  if (backend->destroy != NULL)
    backend->destroy (backend->data);
}

/* GObject */

static void
mfm_simulator_finalize (GObject *object)
{
  MfmSimulator *self = (MfmSimulator *)object;

  mfm_simulator_stop (self);

  g_clear_pointer (&self->backends, g_array_unref);
  if (self->record != NULL)
    g_output_stream_close (self->record, NULL, NULL);
  g_clear_object (&self->record);
  g_clear_object (&self->inventory);
  g_clear_object (&self->tls_certificate);
  g_clear_pointer (&self->failover_states, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->server_json, g_hash_table_unref);
  g_clear_pointer (&self->relationship_json, g_hash_table_unref);
  g_clear_pointer (&self->servers_by_name, g_ptr_array_unref);
  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);
  g_clear_pointer (&self->range_refs, g_hash_table_unref);
  g_clear_pointer (&self->range_subnets, g_hash_table_unref);
  g_free (self->record_path);
  g_free (self->reset_method);
  g_free (self->failing_method);
  g_free (self->url);
  g_mutex_clear (&self->lock);
  g_mutex_clear (&self->start_lock);
  g_cond_clear (&self->start_cond);

  G_OBJECT_CLASS (mfm_simulator_parent_class)->finalize (object);
}

static void
mfm_simulator_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  MfmSimulator *self = MFM_SIMULATOR (object);

  switch (prop_id)
    {
    case PROP_LATENCY_MS:
      g_value_set_uint (value, self->latency_ms);
      break;
    case PROP_FAIL_RATE:
      g_value_set_double (value, self->fail_rate);
      break;
    case PROP_MALFORMED_RATE:
      g_value_set_double (value, self->malformed_rate);
      break;
    case PROP_SESSION_TTL:
      g_value_set_uint (value, self->session_ttl);
      break;
    case PROP_RECORD_PATH:
      g_value_set_string (value, self->record_path);
      break;
    case PROP_TLS_CERTIFICATE:
      g_value_set_object (value, self->tls_certificate);
      break;
    case PROP_SEED:
      g_value_set_uint (value, self->seed);
      break;
    case PROP_MAX_PAGE_SIZE:
      g_value_set_uint (value, self->max_page_size);
      break;
    case PROP_FAULTS:
      g_mutex_lock (&self->lock);
      g_value_take_string (value, mfm_sim_faults_to_string (self->faults));
      g_mutex_unlock (&self->lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
set_uint (MfmSimulator *self,
          guint        *field,
          guint         value,
          guint         prop_id)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

static void
set_double (MfmSimulator *self,
            double       *field,
            double        value,
            guint         prop_id)
{
  if (*field != value)
    {
      *field = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

static void
set_string (MfmSimulator *self,
            char        **field,
            const char   *value,
            guint         prop_id)
{
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
      g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
    }
}

static void
mfm_simulator_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  MfmSimulator *self = MFM_SIMULATOR (object);

  /* The faults may also change while serving (tests log in first, then turn them on). */
  switch (prop_id)
    {
    case PROP_LATENCY_MS:
      g_mutex_lock (&self->lock);
      set_uint (self, &self->latency_ms, g_value_get_uint (value), prop_id);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_FAIL_RATE:
      g_mutex_lock (&self->lock);
      set_double (self, &self->fail_rate, g_value_get_double (value), prop_id);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_MALFORMED_RATE:
      g_mutex_lock (&self->lock);
      set_double (self, &self->malformed_rate, g_value_get_double (value), prop_id);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_SESSION_TTL:
      g_mutex_lock (&self->lock);
      set_uint (self, &self->session_ttl, g_value_get_uint (value), prop_id);
      g_mutex_unlock (&self->lock);
      break;
    case PROP_RECORD_PATH:
      set_string (self, &self->record_path, g_value_get_string (value), prop_id);
      break;
    case PROP_TLS_CERTIFICATE:
      if (g_set_object (&self->tls_certificate, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    case PROP_SEED:
      set_uint (self, &self->seed, g_value_get_uint (value), prop_id);
      break;
    case PROP_MAX_PAGE_SIZE:
      set_uint (self, &self->max_page_size, g_value_get_uint (value), prop_id);
      break;
    case PROP_FAULTS:
      {
        MfmSimFaults faults;
        g_autofree char *unknown = NULL;

        if (!mfm_sim_faults_parse (g_value_get_string (value), &faults, &unknown))
          {
            g_warning ("Unknown simulator fault “%s”", unknown);
            break;
          }
        g_mutex_lock (&self->lock);
        if (self->faults != faults)
          {
            self->faults = faults;
            g_mutex_unlock (&self->lock);
            g_object_notify_by_pspec (object, pspec);
          }
        else
          g_mutex_unlock (&self->lock);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_simulator_class_init (MfmSimulatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = mfm_simulator_finalize;
  object_class->get_property = mfm_simulator_get_property;
  object_class->set_property = mfm_simulator_set_property;

  /* Every property is set before mfm_simulator_start(); the ones that say so may also change
   * while it serves (thread-safe). */

  /* Milliseconds every answer waits before it leaves; may change while serving. */
  properties[PROP_LATENCY_MS] =
    g_param_spec_uint ("latency-ms", NULL, NULL, 0, MFM_SIMULATOR_MAX_LATENCY_MS, 0, flags);
  /* Share of calls (0–1) answered with HTTP 500 or a dropped connection, in turn; may change
   * while serving. */
  properties[PROP_FAIL_RATE] =
    g_param_spec_double ("fail-rate", NULL, NULL, 0.0, 1.0, 0.0, flags);
  /* Share of calls (0–1) answered with cut JSON, wrong member types or an HTML page, in turn;
   * may change while serving. */
  properties[PROP_MALFORMED_RATE] =
    g_param_spec_double ("malformed-rate", NULL, NULL, 0.0, 1.0, 0.0, flags);
  /* Seconds a session lives after login, 0 for ever; may change while serving. */
  properties[PROP_SESSION_TTL] =
    g_param_spec_uint ("session-ttl", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* A file that gets one JSON line per call received, secrets hidden; NULL for none. */
  properties[PROP_RECORD_PATH] =
    g_param_spec_string ("record-path", NULL, NULL, NULL, flags);
  /* Serve HTTPS with this certificate (with its private key); NULL serves plain HTTP. */
  properties[PROP_TLS_CERTIFICATE] =
    g_param_spec_object ("tls-certificate", NULL, NULL, G_TYPE_TLS_CERTIFICATE, flags);
  /* Seed of the fault dice, so a run fails the same way every time. */
  properties[PROP_SEED] =
    g_param_spec_uint ("seed", NULL, NULL, 0, G_MAXUINT, 0, flags);
  /* Largest number of objects one list call returns. */
  properties[PROP_MAX_PAGE_SIZE] =
    g_param_spec_uint ("max-page-size", NULL, NULL, 1, G_MAXUINT, DEFAULT_MAX_PAGE, flags);
  /* The broken-server answers to give, as mfm_sim_faults_parse() reads them
   * ("endless-pages,huge-total"); may change while serving. */
  properties[PROP_FAULTS] =
    g_param_spec_string ("faults", NULL, NULL, NULL, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
mfm_simulator_init (MfmSimulator *self)
{
  g_mutex_init (&self->lock);
  g_mutex_init (&self->start_lock);
  g_cond_init (&self->start_cond);
  self->max_page_size = DEFAULT_MAX_PAGE;
  self->inventory = mfm_inventory_new ();
  self->failover_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) session_free);
  self->server_json = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) json_object_unref);
  self->relationship_json = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) json_object_unref);
  self->delayed = g_ptr_array_new ();
  self->rand = g_rand_new_with_seed (0);
  self->dialect = mfm_wire_dialect_default;
  self->range_refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->range_subnets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->backends = g_array_new (FALSE, FALSE, sizeof (Backend));
  g_array_set_clear_func (self->backends, backend_clear);
}
