/* mfm-simulator.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-sim"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "mfm-sim-dataset.h"
#include "mfm-simulator-private.h"

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
                                  error->domain == MFM_SIM_ERROR ? error->code :
                                                                   MFM_SIM_CODE_INTERNAL_ERROR);
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
      g_autoptr(GError) parse_error = g_error_new (MFM_SIM_ERROR, MFM_SIM_CODE_PARSE_ERROR,
                                                   "Parse error: the request is not valid JSON.");

      response = envelope (NULL, NULL, parse_error);
      respond_json (msg, SOUP_STATUS_OK, response);
      return TRUE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_autoptr(GError) request_error = g_error_new (MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_REQUEST,
                                                     "Invalid request: a JSON object is expected.");

      response = envelope (NULL, NULL, request_error);
      respond_json (msg, SOUP_STATUS_OK, response);
      return TRUE;
    }

  request = json_node_get_object (json_parser_get_root (parser));
  id = json_object_get_member (request, MFM_WIRE_JSONRPC_ID);
  method = mfm_sim_params_get_string (request, MFM_WIRE_JSONRPC_METHOD);
  params_node = json_object_get_member (request, MFM_WIRE_JSONRPC_PARAMS);
  if (params_node != NULL && JSON_NODE_HOLDS_OBJECT (params_node))
    params = json_node_get_object (params_node);
  else
    params = no_params = json_object_new ();

  locker = g_mutex_locker_new (&self->lock);
  mfm_sim_record_call (self->record, method, params_node);

  /* The dice are rolled on every call, so a seed gives the same faults for the same calls. */
  fail = self->fail_rate > 0 && g_rand_double (self->rand) < self->fail_rate;

  if (self->failing_method != NULL && g_strcmp0 (method, self->failing_method) == 0)
    {
      g_autoptr(GError) fault = g_error_new (MFM_SIM_ERROR, MFM_SIM_CODE_INTERNAL_ERROR,
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
          g_autoptr(GError) fault = g_error_new (MFM_SIM_ERROR, MFM_SIM_CODE_INTERNAL_ERROR,
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
    error = g_error_new (MFM_SIM_ERROR, MFM_SIM_CODE_INVALID_REQUEST,
                         "Invalid request: the method is missing.");
  else
    result = mfm_sim_faults_apply (self->faults, method, params,
                                   self->max_page_size > 0 ? self->max_page_size :
                                                             MFM_SIM_DEFAULT_MAX_PAGE,
                                   mfm_sim_commands_dispatch (self, method, params, &error));
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
    mfm_sim_faults_respond_malformed (msg, response, self->malformed_turn++);
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
  mfm_sim_store_invalidate (self);
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
      self->record = mfm_sim_record_new (self->record_path, error);
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
      MfmSimBackendEntry *backend = &g_array_index (self->backends, MfmSimBackendEntry, i);
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
    ((MfmSimSession *) value)->expired = TRUE;
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
    mfm_relationship_set_state (relationship, state != NULL ? state : MFM_SIM_STATE_NORMAL);
  g_hash_table_remove (self->relationship_objects, name);
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
      g_hash_table_remove (self->server_objects, mfm_server_get_ref (server));
    }
  /* The relationships' answers stay as they were: only the server list changed. */
  g_clear_pointer (&self->servers_by_name, g_ptr_array_unref);
  g_mutex_unlock (&self->lock);
}

MfmInventory *
mfm_simulator_dup_inventory (MfmSimulator *self)
{
  MfmInventory *copy;

  g_return_val_if_fail (MFM_IS_SIMULATOR (self), NULL);

  g_mutex_lock (&self->lock);
  copy = mfm_sim_store_copy (self);
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
  mfm_sim_store_invalidate (self);
  g_mutex_unlock (&self->lock);
  return TRUE;
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
  scope = mfm_sim_store_scope_on_server (self, server_ref, subnet);
  if (scope != NULL)
    {
      g_autofree char *ref = g_strdup (mfm_scope_get_ref (scope));

      found = mfm_inventory_remove_scope (self->inventory, ref);
      mfm_sim_store_invalidate (self);
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
  scope = mfm_sim_store_scope_on_server (self, server_ref, subnet);
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
      mfm_sim_store_invalidate (self);
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
  MfmSimBackendEntry entry = { backend, data, destroy };

  g_return_if_fail (MFM_IS_SIMULATOR (self));
  g_return_if_fail (backend != NULL);
  g_return_if_fail (self->thread == NULL);

  g_mutex_lock (&self->lock);
  g_array_append_val (self->backends, entry);
  if (backend->dup_state != NULL)
    self->backend_states = TRUE;
  mfm_sim_store_invalidate (self);
  g_mutex_unlock (&self->lock);
}

static void
backend_clear (gpointer data)
{
  MfmSimBackendEntry *backend = data;

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
  g_clear_pointer (&self->record, mfm_sim_record_free);
  g_clear_object (&self->inventory);
  g_clear_object (&self->tls_certificate);
  g_clear_pointer (&self->failover_states, g_hash_table_unref);
  g_clear_pointer (&self->sessions, g_hash_table_unref);
  g_clear_pointer (&self->server_objects, g_hash_table_unref);
  g_clear_pointer (&self->relationship_objects, g_hash_table_unref);
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
set_string (MfmSimulator  *self,
            char         **field,
            const char    *value,
            guint          prop_id)
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
    g_param_spec_uint ("max-page-size", NULL, NULL, 1, G_MAXUINT, MFM_SIM_DEFAULT_MAX_PAGE, flags);
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
  self->max_page_size = MFM_SIM_DEFAULT_MAX_PAGE;
  self->inventory = mfm_inventory_new ();
  self->failover_states = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->sessions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) mfm_sim_session_free);
  self->server_objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                (GDestroyNotify) json_object_unref);
  self->relationship_objects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                      (GDestroyNotify) json_object_unref);
  self->delayed = g_ptr_array_new ();
  self->rand = g_rand_new_with_seed (0);
  self->dialect = mfm_wire_dialect_default;
  self->range_refs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->range_subnets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->backends = g_array_new (FALSE, FALSE, sizeof (MfmSimBackendEntry));
  g_array_set_clear_func (self->backends, backend_clear);
}
