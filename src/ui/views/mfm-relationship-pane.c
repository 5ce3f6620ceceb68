/* mfm-relationship-pane.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-relationship-pane"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-relationship-pane.h"
#include "mfm-feed-model.h"
#include "mfm-relationship-table.h"
#include "mfm-view-closures.h"

struct _MfmRelationshipPane
{
  AdwBin                parent_instance;

  /* Template widgets */
  GtkStack             *stack;
  GtkLabel             *title_label;
  GtkButton            *add_button;
  GtkStack             *list_stack;
  AdwStatusPage        *empty_page;
  MfmRelationshipTable *table;
  GtkCustomFilter      *server_filter;
  MfmFeedModel         *feed_model;

  /* Owned */
  MfmSession           *session;
  MfmServer            *server;
};

G_DEFINE_FINAL_TYPE (MfmRelationshipPane, mfm_relationship_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_SESSION,
  PROP_SERVER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
server_filter_func (gpointer item,
                    gpointer user_data)
{
  MfmRelationshipPane *self = user_data;

  return self->server != NULL &&
         mfm_relationship_involves (MFM_RELATIONSHIP (item), mfm_server_get_ref (self->server));
}

static void
update_page (MfmRelationshipPane *self)
{
  /* No relationship so far is none only once every relationship has been checked. */
  gboolean empty = g_list_model_get_n_items (mfm_relationship_table_get_rows (self->table)) == 0 &&
                   !mfm_feed_model_get_feeding (self->feed_model);

  gtk_stack_set_visible_child_name (self->stack, self->server != NULL ? "server" : "none");
  gtk_stack_set_visible_child_name (self->list_stack, empty ? "empty" : "list");
}

static void
update_title (MfmRelationshipPane *self)
{
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;

  if (self->server == NULL)
    return;

  name = mfm_display_name (mfm_server_get_name (self->server));
  /* Translators: the heading of the pane, as in Micetro; %s is a server name */
  title = g_strdup_printf (_("Failover management for “%s”"), name);
  gtk_label_set_text (self->title_label, title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->add_button), "s",
                                    mfm_server_get_ref (self->server));
  /* Failover is an ISC feature. */
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), mfm_server_is_isc (self->server));
  if (mfm_server_is_isc (self->server))
    {
      adw_status_page_set_description (self->empty_page,
                                       _("This server takes part in no failover relationship yet."));
    }
  else
    {
      g_autofree char *description = NULL;

      /* Translators: %s is a server type as Micetro names it, e.g. "MSDHCP" or "KEA DHCPv4" */
      description = g_strdup_printf (_("Only ISC DHCP failover is managed here. This is a %s server: "
                                       "manage its failover in Micetro."),
                                     mfm_server_get_server_type (self->server));
      adw_status_page_set_description (self->empty_page, description);
    }
}

static void
rows_changed_cb (MfmRelationshipPane *self)
{
  update_page (self);
}

static void
feeding_changed_cb (MfmRelationshipPane *self)
{
  update_page (self);
}

static void
mfm_relationship_pane_dispose (GObject *object)
{
  MfmRelationshipPane *self = (MfmRelationshipPane *)object;

  /* Tearing down the columns re-sorts the models: nothing to show any more. */
  g_signal_handlers_disconnect_by_data (mfm_relationship_table_get_rows (self->table), self);
  g_clear_object (&self->server);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_relationship_pane_parent_class)->dispose (object);
}

static void
mfm_relationship_pane_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  MfmRelationshipPane *self = MFM_RELATIONSHIP_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;

    case PROP_SERVER:
      g_value_set_object (value, self->server);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_relationship_pane_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  MfmRelationshipPane *self = MFM_RELATIONSHIP_PANE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      mfm_relationship_pane_set_session (self, g_value_get_object (value));
      break;

    case PROP_SERVER:
      mfm_relationship_pane_set_server (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_relationship_pane_class_init (MfmRelationshipPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_relationship_pane_dispose;
  object_class->get_property = mfm_relationship_pane_get_property;
  object_class->set_property = mfm_relationship_pane_set_property;

  /**
   * MfmRelationshipPane:session:
   *
   * The session whose relationships are shown, once its first load is complete.
   */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL,
                         MFM_TYPE_SESSION,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /**
   * MfmRelationshipPane:server:
   *
   * The server whose relationships are shown (as primary or secondary), or %NULL for none.
   */
  properties[PROP_SERVER] =
    g_param_spec_object ("server", NULL, NULL,
                         MFM_TYPE_SERVER,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_RELATIONSHIP_TABLE);
  g_type_ensure (MFM_TYPE_SESSION);
  g_type_ensure (MFM_TYPE_FEED_MODEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/views/mfm-relationship-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipPane, stack);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipPane, title_label);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipPane, add_button);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipPane, list_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipPane, empty_page);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipPane, table);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipPane, server_filter);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipPane, feed_model);
  gtk_widget_class_bind_template_callback (widget_class, feeding_changed_cb);
  mfm_view_closures_bind (widget_class);
}

static void
mfm_relationship_pane_init (MfmRelationshipPane *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_custom_filter_set_filter_func (self->server_filter, server_filter_func, self, NULL);
  g_signal_connect_object (mfm_relationship_table_get_rows (self->table), "items-changed",
                           G_CALLBACK (rows_changed_cb), self, G_CONNECT_SWAPPED);

  update_page (self);
}

void
mfm_relationship_pane_set_session (MfmRelationshipPane *self,
                                   MfmSession          *session)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP_PANE (self));
  g_return_if_fail (!session || MFM_IS_SESSION (session));

  if (!g_set_object (&self->session, session))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

/**
 * mfm_relationship_pane_get_server:
 *
 * Returns: (transfer none) (nullable): the server shown
 */
MfmServer *
mfm_relationship_pane_get_server (MfmRelationshipPane *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_PANE (self), NULL);

  return self->server;
}

void
mfm_relationship_pane_set_server (MfmRelationshipPane *self,
                                  MfmServer           *server)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP_PANE (self));
  g_return_if_fail (!server || MFM_IS_SERVER (server));

  if (!g_set_object (&self->server, server))
    return;

  update_title (self);
  gtk_filter_changed (GTK_FILTER (self->server_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_page (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SERVER]);
}

/**
 * mfm_relationship_pane_get_model:
 *
 * Returns: (transfer none): the rows shown
 */
GListModel *
mfm_relationship_pane_get_model (MfmRelationshipPane *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_PANE (self), NULL);

  return mfm_relationship_table_get_rows (self->table);
}

const char *
mfm_relationship_pane_get_title (MfmRelationshipPane *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_PANE (self), NULL);

  return gtk_label_get_text (self->title_label);
}

/**
 * mfm_relationship_pane_get_column_view:
 *
 * Returns: (transfer none): the table
 */
GtkColumnView *
mfm_relationship_pane_get_column_view (MfmRelationshipPane *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_PANE (self), NULL);

  return mfm_relationship_table_get_column_view (self->table);
}
