/* mfm-compat-window.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-compat-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-compat-window.h"

struct _MfmCompatWindow
{
  AdwWindow            parent_instance;

  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkSpinner          *spinner;
  GtkLabel            *summary_label;
  GtkLabel            *counts_label;
  AdwPreferencesGroup *relationship_group;
  AdwPreferencesGroup *add_group;
  AdwPreferencesGroup *scope_group;

  MfmSession          *session;
  GCancellable        *cancellable;
  /* Rows added to the groups, removed on the next render. */
  GPtrArray           *rows;
  /* What reading one server's scopes gave: counts only, no names. */
  gboolean             loading;
  gboolean             scopes_read;
  guint                n_scopes;
  guint                n_pools;
  char                *scopes_error;
};

G_DEFINE_FINAL_TYPE (MfmCompatWindow, mfm_compat_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The groups of the window and of the text, in this order. */
typedef enum
{
  GROUP_RELATIONSHIP,
  GROUP_ADD,
  GROUP_SCOPE,
  N_GROUPS
} Group;

static Group
group_of (MfmDialectAssumption assumption)
{
  switch (assumption)
    {
    case MFM_DIALECT_FAILOVER_SERVER_TYPE:
    case MFM_DIALECT_SAFE_PERIOD:
    case MFM_DIALECT_FAILOVER_MODE:
    case MFM_DIALECT_SCOPE_REFS:
      return GROUP_ADD;
    case MFM_DIALECT_SCOPE_RANGE:
    case MFM_DIALECT_SCOPE_RANGE_REF:
    case MFM_DIALECT_POOL_FROM:
    case MFM_DIALECT_POOL_TO:
      return GROUP_SCOPE;
    case MFM_DIALECT_PARTNER_PORT:
    case MFM_DIALECT_STATE:
    case MFM_DIALECT_PORT:
    case MFM_DIALECT_LOAD_BALANCE_MAX_SECONDS:
    case MFM_DIALECT_MAX_RESPONSE_DELAY:
    case MFM_DIALECT_MAX_UNACKED_UPDATES:
    case MFM_DIALECT_N_ASSUMPTIONS:
    default:
      return GROUP_RELATIONSHIP;
    }
}

static const char *
group_title (Group group)
{
  switch (group)
    {
    case GROUP_ADD:
      return _("Sent With a New Relationship");
    case GROUP_SCOPE:
      return _("Scopes and Pools");
    case GROUP_RELATIONSHIP:
    case N_GROUPS:
    default:
      return _("Relationship Members");
    }
}

/* What each assumption is about, in words; the member names come from the dialect. */
static const char *
assumption_title (MfmDialectAssumption assumption)
{
  switch (assumption)
    {
    case MFM_DIALECT_PARTNER_PORT:
      return _("Partner port");
    case MFM_DIALECT_STATE:
      return _("Failover state");
    case MFM_DIALECT_PORT:
      return _("Port");
    case MFM_DIALECT_LOAD_BALANCE_MAX_SECONDS:
      return _("Load balance max seconds");
    case MFM_DIALECT_MAX_RESPONSE_DELAY:
      return _("Max response delay");
    case MFM_DIALECT_MAX_UNACKED_UPDATES:
      return _("Max unacked updates");
    case MFM_DIALECT_FAILOVER_SERVER_TYPE:
      return _("Failover server type");
    case MFM_DIALECT_SAFE_PERIOD:
      return _("Safe period");
    case MFM_DIALECT_FAILOVER_MODE:
      return _("Failover mode");
    case MFM_DIALECT_SCOPE_REFS:
      return _("Scopes of the relationship");
    case MFM_DIALECT_SCOPE_RANGE:
      return _("A scope’s network on the scope");
    case MFM_DIALECT_SCOPE_RANGE_REF:
      return _("A scope’s network through its range");
    case MFM_DIALECT_POOL_FROM:
      return _("A pool’s first address");
    case MFM_DIALECT_POOL_TO:
      return _("A pool’s last address");
    case MFM_DIALECT_N_ASSUMPTIONS:
    default:
      return "";
    }
}

static char *
dup_evidence_text (MfmDialectAssumption assumption)
{
  const char *source = mfm_dialect_get_source (assumption);

  if (mfm_dialect_get_evidence (assumption) == MFM_DIALECT_DOCUMENTED)
    /* Translators: %s lists public documents by their names, e.g.
     * "Micetro WSDL 2017; mm_json_client types.json" */
    return g_strdup_printf (_("Documented in %s"), source);

  /* Translators: %s lists public documents by their names */
  return g_strdup_printf (_("Inferred from %s"), source);
}

static AdwPreferencesGroup *
group_widget (MfmCompatWindow *self,
              Group            group)
{
  switch (group)
    {
    case GROUP_ADD:
      return self->add_group;
    case GROUP_SCOPE:
      return self->scope_group;
    case GROUP_RELATIONSHIP:
    case N_GROUPS:
    default:
      return self->relationship_group;
    }
}

static void
clear_rows (MfmCompatWindow *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (MfmCompatWindow      *self,
         MfmDialect           *dialect,
         MfmDialectAssumption  assumption)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
  g_autofree char *candidates = mfm_dialect_dup_candidates (assumption);
  g_autofree char *evidence = dup_evidence_text (assumption);
  g_autofree char *names = NULL;
  g_autofree char *subtitle = NULL;
  const char *chosen = mfm_dialect_get_chosen (dialect, assumption);
  gboolean seen = mfm_dialect_is_seen (dialect, assumption);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *chosen_label;
  GtkWidget *seen_label;

  /* Translators: %s is one or more member names of Micetro's answers,
   * e.g. "peerPort, partnerPort" */
  names = g_strdup_printf (_("Names: %s"), candidates);
  subtitle = g_strdup_printf ("%s\n%s", names, evidence);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), assumption_title (assumption));
  adw_action_row_set_subtitle (row, subtitle);

  chosen_label = gtk_label_new (chosen != NULL ? chosen : _("not sent"));
  gtk_label_set_xalign (GTK_LABEL (chosen_label), 1);
  gtk_widget_add_css_class (chosen_label, chosen != NULL ? "monospace" : "dim-label");
  gtk_widget_set_tooltip_text (chosen_label, _("The name this application uses with this server"));

  seen_label = gtk_label_new (seen ? _("Seen") : _("Not seen"));
  gtk_label_set_xalign (GTK_LABEL (seen_label), 1);
  gtk_widget_add_css_class (seen_label, "caption");
  gtk_widget_add_css_class (seen_label, seen ? "success" : "dim-label");
  gtk_widget_set_tooltip_text (seen_label,
                               seen ? _("This server’s answers carried it")
                                    : _("This server’s answers have not carried it so far"));

  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_set_margin_start (box, 12);
  gtk_box_append (GTK_BOX (box), chosen_label);
  gtk_box_append (GTK_BOX (box), seen_label);
  adw_action_row_add_suffix (row, box);

  adw_preferences_group_add (group_widget (self, group_of (assumption)), GTK_WIDGET (row));
  g_ptr_array_add (self->rows, row);
}

static guint
count_isc_servers (GListModel *servers)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      if (mfm_server_is_isc (server))
        n++;
    }

  return n;
}

/* The counts the report gives (numbers only), one line each. */
static char *
dup_counts (MfmCompatWindow *self)
{
  MfmInventory *inventory = mfm_session_get_inventory (self->session);
  MfmDialect *dialect = mfm_session_get_dialect (self->session);
  GListModel *servers = mfm_inventory_get_servers (inventory);
  GString *text = g_string_new (NULL);

  g_string_append_printf (text, _("Servers listed: %u (ISC: %u)"),
                          g_list_model_get_n_items (servers), count_isc_servers (servers));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Relationships listed: %u"),
                          g_list_model_get_n_items (mfm_inventory_get_relationships (inventory)));
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Relationship objects read since connecting: %u"),
                          mfm_dialect_get_n_relationships (dialect));
  if (self->scopes_read)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text, _("Scopes read for this report: %u, with %u address pools"),
                              self->n_scopes, self->n_pools);
    }

  return g_string_free (text, FALSE);
}

/* What was learnt so far, or that nothing was, in words. */
static char *
dup_summary (MfmCompatWindow *self)
{
  MfmDialect *dialect = mfm_session_get_dialect (self->session);
  GString *text = g_string_new (NULL);

  if (mfm_dialect_get_n_relationships (dialect) == 0)
    g_string_append (text, _("Nothing learnt yet: no relationship listed. Until this server lists "
                             "one, writes use the names below."));
  else
    g_string_append (text, _("Learnt from this server’s own answers."));

  if (self->loading)
    {
      g_string_append_c (text, '\n');
      g_string_append (text, _("Reading one server’s scopes…"));
    }
  else if (self->scopes_error != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: %s is the reason, a sentence */
      g_string_append_printf (text, _("The scopes could not be read: %s"), self->scopes_error);
    }

  return g_string_free (text, FALSE);
}

/* The report as plain text: the assumptions, the version and counts; nothing of the server's
 * names, addresses, references or session. */
static char *
dup_report (MfmCompatWindow *self)
{
  MfmDialect *dialect = mfm_session_get_dialect (self->session);
  g_autofree char *counts = dup_counts (self);
  GString *text = g_string_new (NULL);

  /* Translators: %s is the application's version */
  g_string_append_printf (text, _("Failover Manager %s: server compatibility report"),
                          PACKAGE_VERSION);
  g_string_append_printf (text, "\n\n%s\n", counts);
  if (mfm_dialect_get_n_relationships (dialect) == 0)
    g_string_append_printf (text, "%s\n",
                            _("Nothing learnt yet: no relationship listed. Until this server lists "
                              "one, writes use the names below."));

  for (Group group = 0; group < N_GROUPS; group++)
    {
      g_string_append_printf (text, "\n%s\n", group_title (group));
      for (MfmDialectAssumption a = 0; a < MFM_DIALECT_N_ASSUMPTIONS; a++)
        {
          g_autofree char *candidates = NULL;
          g_autofree char *evidence = NULL;
          const char *chosen;

          if (group_of (a) != group)
            continue;

          candidates = mfm_dialect_dup_candidates (a);
          evidence = dup_evidence_text (a);
          chosen = mfm_dialect_get_chosen (dialect, a);
          g_string_append_printf (text, "- %s\n", assumption_title (a));
          /* Translators: the lines of one assumption in the copied report; keep the indent */
          g_string_append_printf (text, _("    names: %s"), candidates);
          g_string_append_printf (text, "\n    %s\n", evidence);
          g_string_append_printf (text, "    %s\n",
                                  mfm_dialect_is_seen (dialect, a)
                                    ? _("seen in this server’s answers")
                                    : _("not seen in this server’s answers"));
          g_string_append_printf (text, _("    chosen: %s"),
                                  chosen != NULL ? chosen : _("not sent"));
          g_string_append_c (text, '\n');
        }
    }

  return g_string_free (text, FALSE);
}

static void
render (MfmCompatWindow *self)
{
  MfmDialect *dialect = mfm_session_get_dialect (self->session);
  g_autofree char *summary = dup_summary (self);
  g_autofree char *counts = dup_counts (self);

  gtk_label_set_text (self->summary_label, summary);
  gtk_label_set_text (self->counts_label, counts);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), self->loading);
  gtk_spinner_set_spinning (self->spinner, self->loading);

  clear_rows (self);
  for (MfmDialectAssumption a = 0; a < MFM_DIALECT_N_ASSUMPTIONS; a++)
    add_row (self, dialect, a);
}

static void
set_loading (MfmCompatWindow *self,
             gboolean         loading)
{
  if (self->loading == loading)
    return;

  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

static void
scopes_loaded_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(MfmCompatWindow) self = user_data;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GError) error = NULL;

  scopes = mfm_session_load_scopes_finish (MFM_SESSION (object), result, &error);
  /* Closed meanwhile. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->session == NULL)
    return;

  if (scopes != NULL)
    {
      self->scopes_read = TRUE;
      self->n_scopes = scopes->len;
      self->n_pools = 0;
      for (guint i = 0; i < scopes->len; i++)
        self->n_pools += mfm_scope_get_pool_count (g_ptr_array_index (scopes, i));
    }
  else
    {
      g_clear_pointer (&self->scopes_error, g_free);
      self->scopes_error = g_strdup (error->message);
    }

  set_loading (self, FALSE);
  render (self);
}

/* The server whose scopes show the scope and pool names: the primary of the first relationship,
 * else the first ISC server, else the first server. */
static const char *
server_to_read (MfmCompatWindow *self)
{
  MfmInventory *inventory = mfm_session_get_inventory (self->session);
  GListModel *relationships = mfm_inventory_get_relationships (inventory);
  GListModel *servers = mfm_inventory_get_servers (inventory);
  const char *ref = NULL;

  if (g_list_model_get_n_items (relationships) > 0)
    {
      g_autoptr(MfmRelationship) relationship = g_list_model_get_item (relationships, 0);

      ref = mfm_relationship_get_primary_server_ref (relationship);
      if (ref != NULL && mfm_inventory_lookup_server (inventory, ref) != NULL)
        return ref;
      ref = NULL;
    }

  for (guint i = 0; i < g_list_model_get_n_items (servers); i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      if (mfm_server_is_isc (server) || ref == NULL)
        ref = mfm_server_get_ref (server);
      if (mfm_server_is_isc (server))
        break;
    }

  /* Items of the inventory outlive this call. */
  return ref;
}

/* When no scope was read on this connection yet, reads one server's scopes. */
static void
maybe_read_scopes (MfmCompatWindow *self)
{
  MfmDialect *dialect = mfm_session_get_dialect (self->session);
  const char *ref;

  if (mfm_dialect_is_seen (dialect, MFM_DIALECT_SCOPE_RANGE) ||
      mfm_dialect_is_seen (dialect, MFM_DIALECT_SCOPE_RANGE_REF) ||
      mfm_dialect_is_seen (dialect, MFM_DIALECT_POOL_FROM))
    return;

  ref = server_to_read (self);
  if (ref == NULL)
    return;

  g_clear_pointer (&self->scopes_error, g_free);
  set_loading (self, TRUE);
  mfm_session_load_scopes_async (self->session, ref, self->cancellable,
                                 scopes_loaded_cb, g_object_ref (self));
}

static void
session_refreshed_cb (MfmCompatWindow *self)
{
  /* A first refresh after the window opened may bring the servers to read scopes from. */
  if (!self->loading && !self->scopes_read && self->scopes_error == NULL)
    maybe_read_scopes (self);
  render (self);
}

static void
copy_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmCompatWindow *self = MFM_COMPAT_WINDOW (widget);
  g_autofree char *text = dup_report (self);

  gdk_clipboard_set_text (gtk_widget_get_clipboard (widget), text);
  adw_toast_overlay_add_toast (self->toast_overlay,
                               adw_toast_new (_("The report is on the clipboard")));
}

static void
mfm_compat_window_dispose (GObject *object)
{
  MfmCompatWindow *self = (MfmCompatWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->scopes_error, g_free);

  G_OBJECT_CLASS (mfm_compat_window_parent_class)->dispose (object);
}

static void
mfm_compat_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfmCompatWindow *self = MFM_COMPAT_WINDOW (object);

  switch (prop_id)
    {
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_compat_window_class_init (MfmCompatWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_compat_window_dispose;
  object_class->get_property = mfm_compat_window_get_property;

  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-compat-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmCompatWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, MfmCompatWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfmCompatWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, MfmCompatWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCompatWindow, counts_label);
  gtk_widget_class_bind_template_child (widget_class, MfmCompatWindow, relationship_group);
  gtk_widget_class_bind_template_child (widget_class, MfmCompatWindow, add_group);
  gtk_widget_class_bind_template_child (widget_class, MfmCompatWindow, scope_group);

  gtk_widget_class_install_action (widget_class, "compat.copy", NULL, copy_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
mfm_compat_window_init (MfmCompatWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
}

MfmCompatWindow *
mfm_compat_window_new (GtkWindow  *parent,
                       MfmSession *session)
{
  MfmCompatWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  self = g_object_new (MFM_TYPE_COMPAT_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  /* On screen only: the report that is copied never names the server. */
  adw_window_title_set_subtitle (self->window_title, mfm_session_get_server_url (session));
  g_signal_connect_object (session, "refreshed", G_CALLBACK (session_refreshed_cb), self,
                           G_CONNECT_SWAPPED);

  maybe_read_scopes (self);
  render (self);

  return self;
}

gboolean
mfm_compat_window_get_loading (MfmCompatWindow *self)
{
  g_return_val_if_fail (MFM_IS_COMPAT_WINDOW (self), FALSE);

  return self->loading;
}
