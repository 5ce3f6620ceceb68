/* mfm-relationship-details.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-relationship-details"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-health.h"
#include "mfm-kea-view.h"
#include "mfm-relationship-details.h"
#include "mfm-severity.h"

struct _MfmRelationshipDetails
{
  AdwWindow       parent_instance;

  AdwViewSwitcherTitle *switcher_title;
  AdwViewStack         *page_stack;
  GtkListBox           *state_list;
  GtkListBox           *findings_list;
  GtkListBox           *history_list;
  MfmKeaView           *kea_view;

  MfmSession           *session;
  char                 *name;
  /* The Kea page reads the primary's scopes when it is first shown. */
  gboolean              kea_loaded;
};

G_DEFINE_FINAL_TYPE (MfmRelationshipDetails, mfm_relationship_details, ADW_TYPE_WINDOW)

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static AdwActionRow *
add_row (GtkListBox *list,
         const char *title,
         const char *subtitle)
{
  AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());

  /* Server messages and names are text, not markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (row, 0);
  if (subtitle != NULL)
    {
      adw_action_row_set_subtitle (row, subtitle);
      adw_action_row_set_subtitle_lines (row, 0);
    }
  gtk_list_box_append (list, GTK_WIDGET (row));

  return row;
}

static char *
format_time (gint64 time)
{
  g_autoptr(GDateTime) date_time = g_date_time_new_from_unix_local (time);

  if (date_time == NULL)
    return g_strdup ("");

  return g_date_time_format (date_time, "%x %X");
}

static const char *
state_label (const char *state)
{
  if (state == NULL || state[0] == '\0')
    return mfm_failover_state_get_label (MFM_FAILOVER_STATE_UNKNOWN);

  /* A state this application does not know is shown as Micetro wrote it. */
  if (mfm_failover_state_from_string (state) == MFM_FAILOVER_STATE_UNKNOWN)
    return state;

  return mfm_failover_state_get_label (mfm_failover_state_from_string (state));
}

static void
add_severity_icon (AdwActionRow *row,
                   MfmSeverity   severity)
{
  const char *label = mfm_health_severity_get_label (severity);
  GtkWidget *icon = gtk_image_new_from_icon_name (mfm_severity_get_icon_name (severity));

  gtk_widget_set_tooltip_text (icon, label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  gtk_widget_add_css_class (icon, mfm_health_severity_get_style_class (severity));
  adw_action_row_add_prefix (row, icon);
}

static void
render (MfmRelationshipDetails *self)
{
  MfmInventory *inventory = mfm_session_get_inventory (self->session);
  MfmStateHistory *history = mfm_session_get_state_history (self->session);
  MfmRelationship *relationship = mfm_inventory_lookup_relationship (inventory, self->name);
  GPtrArray *findings = mfm_session_get_health (self->session, self->name);
  g_autoptr(GPtrArray) transitions = mfm_state_history_get_transitions (history, self->name);
  const char *state = relationship != NULL ? mfm_relationship_get_state (relationship) : NULL;
  MfmFailoverState failover_state = mfm_failover_state_from_string (state);
  gint64 since = mfm_state_history_get_since (history, self->name);
  g_autofree char *since_text = NULL;
  g_autofree char *pair = NULL;

  clear_list (self->state_list);
  clear_list (self->findings_list);
  clear_list (self->history_list);

  if (relationship != NULL)
    {
      MfmServer *primary = mfm_inventory_lookup_primary_server (inventory, relationship);
      MfmServer *secondary = mfm_inventory_lookup_secondary_server (inventory, relationship);
      const char *primary_name = primary != NULL ? mfm_server_get_display_name (primary) :
                                 mfm_relationship_get_primary_server (relationship);
      const char *secondary_name = secondary != NULL ? mfm_server_get_display_name (secondary) :
                                   mfm_relationship_get_secondary_server (relationship);

      /* Translators: the primary and the secondary server of a relationship */
      pair = g_strdup_printf (_("%s and %s"), primary_name, secondary_name);
    }
  adw_view_switcher_title_set_subtitle (self->switcher_title, self->name);

  if (relationship == NULL)
    {
      add_row (self->state_list, _("This relationship is no longer listed"),
               _("It was removed, or the last refresh could not read it."));
      return;
    }

  if (since > 0 && g_strcmp0 (mfm_state_history_get_state (history, self->name), state) == 0)
    {
      g_autofree char *when = format_time (since);

      /* Translators: the time of the first refresh that saw the state */
      since_text = g_strdup_printf (_("Since %s"), when);
    }
  add_row (self->state_list, state_label (state), since_text);
  /* The header shows the page switcher, not the name: it is said here. */
  add_row (self->state_list, _("Relationship"), self->name);
  add_row (self->state_list, _("Servers"), pair);
  add_row (self->state_list, _("What it means"), mfm_failover_state_get_meaning (failover_state));
  add_row (self->state_list, _("What to do"), mfm_failover_state_get_advice (failover_state));

  if (findings == NULL)
    add_row (self->findings_list, _("Not checked yet"),
             _("The two servers are compared after each refresh."));
  else if (findings->len == 0)
    add_row (self->findings_list, _("No problems found"),
             _("Both servers agree on this relationship, its scopes and their pools."));
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      const MfmHealthFinding *finding = g_ptr_array_index (findings, i);
      AdwActionRow *row = add_row (self->findings_list, finding->message, finding->action);

      add_severity_icon (row, finding->severity);
    }

  if (transitions->len == 0)
    add_row (self->history_list, _("No changes seen yet"),
             _("A change of state is recorded when a refresh sees it."));
  for (guint i = transitions->len; i > 0; i--)
    {
      const MfmStateTransition *transition = g_ptr_array_index (transitions, i - 1);
      g_autofree char *title = NULL;
      g_autofree char *when = format_time (transition->time);

      /* Translators: a change of failover state, from the first to the second */
      title = g_strdup_printf (_("%s → %s"), state_label (transition->from),
                               state_label (transition->to));
      add_row (self->history_list, title, when);
    }
}

static void
visible_page_changed_cb (MfmRelationshipDetails *self)
{
  const char *page = adw_view_stack_get_visible_child_name (self->page_stack);

  if (self->kea_loaded || self->session == NULL || g_strcmp0 (page, "kea") != 0)
    return;

  self->kea_loaded = TRUE;
  mfm_kea_view_load (self->kea_view, self->session, self->name);
}

static void
mfm_relationship_details_dispose (GObject *object)
{
  MfmRelationshipDetails *self = (MfmRelationshipDetails *) object;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_relationship_details_parent_class)->dispose (object);
}

static void
mfm_relationship_details_finalize (GObject *object)
{
  MfmRelationshipDetails *self = (MfmRelationshipDetails *) object;

  g_free (self->name);

  G_OBJECT_CLASS (mfm_relationship_details_parent_class)->finalize (object);
}

static void
mfm_relationship_details_class_init (MfmRelationshipDetailsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_relationship_details_dispose;
  object_class->finalize = mfm_relationship_details_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-relationship-details.ui");
  g_type_ensure (MFM_TYPE_KEA_VIEW);

  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipDetails, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipDetails, page_stack);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipDetails, kea_view);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipDetails, state_list);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipDetails, findings_list);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipDetails, history_list);
}

static void
mfm_relationship_details_init (MfmRelationshipDetails *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MfmRelationshipDetails *
mfm_relationship_details_new (GtkWindow  *parent,
                              MfmSession *session,
                              const char *relationship_name)
{
  MfmRelationshipDetails *self;
  const char *focus[] = { relationship_name, NULL };

  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);
  g_return_val_if_fail (relationship_name != NULL, NULL);

  if (mfm_inventory_lookup_relationship (mfm_session_get_inventory (session),
                                         relationship_name) == NULL)
    return NULL;

  self = g_object_new (MFM_TYPE_RELATIONSHIP_DETAILS,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->name = g_strdup (relationship_name);

  /* On a large estate its servers are read first at the next refresh. */
  mfm_session_set_health_focus (session, focus);
  g_signal_connect_object (session, "health-changed", G_CALLBACK (render), self,
                           G_CONNECT_SWAPPED);
  render (self);
  g_signal_connect_object (self->page_stack, "notify::visible-child-name",
                           G_CALLBACK (visible_page_changed_cb), self, G_CONNECT_SWAPPED);

  return self;
}

const char *
mfm_relationship_details_get_name (MfmRelationshipDetails *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_DETAILS (self), NULL);

  return self->name;
}

/**
 * mfm_relationship_details_show_page:
 * @page: "health" or "kea"
 *
 * Shows one page of the window; the Kea page reads the scopes it needs the first time.
 */
void
mfm_relationship_details_show_page (MfmRelationshipDetails *self,
                                    const char             *page)
{
  g_return_if_fail (MFM_IS_RELATIONSHIP_DETAILS (self));
  g_return_if_fail (page != NULL);

  adw_view_stack_set_visible_child_name (self->page_stack, page);
}

/**
 * mfm_relationship_details_get_kea_view:
 *
 * Returns: (transfer none): the Kea page
 */
MfmKeaView *
mfm_relationship_details_get_kea_view (MfmRelationshipDetails *self)
{
  g_return_val_if_fail (MFM_IS_RELATIONSHIP_DETAILS (self), NULL);

  return self->kea_view;
}
