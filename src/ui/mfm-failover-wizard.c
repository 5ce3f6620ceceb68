/* mfm-failover-wizard.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-failover-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-call-text.h"
#include "mfm-changes-actions.h"
#include "mfm-enums.h"
#include "mfm-failover-wizard.h"
#include "mfm-isc.h"
#include "mfm-rules.h"
#include "mfm-server-chooser.h"

typedef enum
{
  STEP_SETUP,
  STEP_OPTIONS,
  STEP_SUMMARY,
  N_STEPS,
} Step;

/* The widgets of one form field; every field but the two servers has an entry. */
typedef struct
{
  GtkWidget         *row;
  AdwPreferencesRow *message_row;
  GtkImage          *message_icon;
  GtkLabel          *message_label;
  char              *initial_text;
  const char        *note;               /* why a field cannot be changed, or NULL */
  gboolean           touched;
} FieldWidgets;

/* Template ids, indexed by MfmField. */
static const char * const field_ids[MFM_N_FIELDS] = {
  [MFM_FIELD_NAME] = "name",
  [MFM_FIELD_PARTNER_SERVER] = "partner",
  [MFM_FIELD_PORT] = "port",
  [MFM_FIELD_PEER_PORT] = "peer_port",
  [MFM_FIELD_MCLT] = "mclt",
  [MFM_FIELD_MAX_RESPONSE_DELAY] = "max_response_delay",
  [MFM_FIELD_LOAD_BALANCE_MAX_SECONDS] = "load_balance_max_seconds",
  [MFM_FIELD_MAX_UNACKED_UPDATES] = "max_unacked_updates",
  [MFM_FIELD_PERCENTAGE] = "percentage",
  [MFM_FIELD_PRIMARY_SERVER] = "primary",
};

struct _MfmFailoverWizard
{
  AdwWindow          parent_instance;

  /* Owned References */
  MfmSession        *session;
  MfmRelationship   *old_relationship;   /* Edit mode only */
  GListModel        *staged;             /* relationships added by staged changes */
  GtkFilterListModel *partners;
  char              *primary_ref;
  GPtrArray         *findings;           /* of MfmFinding, the last check */

  Step               step;
  gboolean           editing;
  gboolean           filling;            /* prefilling: no field counts as typed */
  gboolean           confirmed_close;

  FieldWidgets       fields[MFM_N_FIELDS];

  /* Template Widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *cancel_button;
  GtkButton         *back_button;
  GtkButton         *next_button;
  GtkButton         *finish_button;
  GtkLabel          *finish_label;
  GtkListBox        *steps_list;
  GtkListBoxRow     *step_row_0;
  GtkListBoxRow     *step_row_1;
  GtkListBoxRow     *step_row_2;
  GtkImage          *step_icon_0;
  GtkImage          *step_icon_1;
  GtkImage          *step_icon_2;
  GtkStack          *stack;
  AdwActionRow      *primary_row;
  AdwActionRow      *partner_row;
  GtkWidget         *name_required_label;
  MfmServerChooser  *partner_chooser;
  GtkLabel          *split_label;
  GtkLabel          *summary_note;
  AdwPreferencesGroup *options_group;
  AdwPreferencesGroup *config_group;
  AdwPreferencesGroup *changes_group;
  GtkListBox        *changes_list;
  AdwPreferencesGroup *values_group;
  GtkListBox        *values_list;
  AdwPreferencesGroup *findings_group;
  GtkListBox        *findings_list;
  GtkLabel          *primary_config_title;
  GtkLabel          *primary_config_text;
  GtkLabel          *secondary_config_title;
  GtkLabel          *secondary_config_text;
  GtkLabel          *pool_line_title;
  GtkLabel          *pool_line_text;
  GtkLabel          *api_calls_title;
  GtkLabel          *api_calls_text;
  GtkButton         *primary_config_copy_button;
  GtkButton         *api_calls_copy_button;
};

G_DEFINE_FINAL_TYPE (MfmFailoverWizard, mfm_failover_wizard, ADW_TYPE_WINDOW)

static const char * const step_pages[N_STEPS] = { "setup", "options", "summary" };

static MfmField
step_first_field (Step step)
{
  return step == STEP_SETUP ? MFM_FIELD_NAME : MFM_FIELD_MCLT;
}

static MfmField
step_last_field (Step step)
{
  return step == STEP_SETUP ? MFM_FIELD_PEER_PORT : MFM_FIELD_PERCENTAGE;
}

static GtkEditable *
field_editable (MfmFailoverWizard *self,
                MfmField           field)
{
  if (field == MFM_FIELD_PARTNER_SERVER || field == MFM_FIELD_PRIMARY_SERVER)
    return NULL;

  return GTK_EDITABLE (self->fields[field].row);
}

static const char *
field_text (MfmFailoverWizard *self,
            MfmField           field)
{
  GtkEditable *editable = field_editable (self, field);
  const char *text;

  if (editable == NULL)
    return NULL;

  text = gtk_editable_get_text (editable);

  return (text != NULL && *text != '\0') ? text : NULL;
}

static MfmServer *
get_partner (MfmFailoverWizard *self)
{
  return mfm_server_chooser_get_selected (self->partner_chooser);
}

static const char *
get_partner_name (MfmFailoverWizard *self)
{
  MfmServer *partner;

  if (self->editing)
    return mfm_relationship_get_secondary_server (self->old_relationship);

  partner = get_partner (self);

  return partner != NULL ? mfm_server_get_name (partner) : NULL;
}

static MfmServer *
lookup_server (MfmFailoverWizard *self,
               const char        *ref,
               const char        *name)
{
  MfmInventory *inventory = mfm_session_get_inventory (self->session);
  MfmServer *server = NULL;

  if (ref != NULL)
    server = mfm_inventory_lookup_server (inventory, ref);
  if (server == NULL && name != NULL)
    server = mfm_inventory_lookup_server_by_name (inventory, name);

  return server;
}

static MfmServer *
get_secondary_server (MfmFailoverWizard *self)
{
  if (self->editing)
    return lookup_server (self,
                          mfm_relationship_get_secondary_server_ref (self->old_relationship),
                          mfm_relationship_get_secondary_server (self->old_relationship));

  return get_partner (self);
}

static void
check_rules (MfmFailoverWizard *self)
{
  MfmRelationshipInput input = {
    .name = field_text (self, MFM_FIELD_NAME),
    .partner_server = get_partner_name (self),
    .port = field_text (self, MFM_FIELD_PORT),
    .peer_port = field_text (self, MFM_FIELD_PEER_PORT),
    .mclt = field_text (self, MFM_FIELD_MCLT),
    .max_response_delay = field_text (self, MFM_FIELD_MAX_RESPONSE_DELAY),
    .load_balance_max_seconds = field_text (self, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS),
    .max_unacked_updates = field_text (self, MFM_FIELD_MAX_UNACKED_UPDATES),
    .percentage = field_text (self, MFM_FIELD_PERCENTAGE),
  };
  MfmRuleContext context = {
    .inventory = mfm_session_get_inventory (self->session),
    .primary_server_ref = self->primary_ref,
    .editing_name = self->editing ? mfm_relationship_get_name (self->old_relationship) : NULL,
    .staged_relationships = self->staged,
  };

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  self->findings = mfm_rules_check (&input, &context);
}

static gboolean
step_has_error (MfmFailoverWizard *self,
                Step               step)
{
  if (step == STEP_SUMMARY)
    return mfm_findings_has_severity (self->findings, -1, MFM_SEVERITY_ERROR);

  for (MfmField field = step_first_field (step); field <= step_last_field (step); field++)
    {
      if (mfm_findings_has_severity (self->findings, field, MFM_SEVERITY_ERROR))
        return TRUE;
    }

  return FALSE;
}

/* The relationship as the form describes it; only meaningful without errors. */
static MfmRelationship *
build_relationship (MfmFailoverWizard *self)
{
  MfmRelationship *relationship;
  MfmServer *primary = lookup_server (self, self->primary_ref, NULL);
  MfmServer *secondary = get_secondary_server (self);
  guint64 value;

  if (self->editing)
    relationship = mfm_relationship_copy (self->old_relationship);
  else
    relationship = mfm_relationship_new ();

  if (!self->editing)
    {
      mfm_relationship_set_name (relationship, field_text (self, MFM_FIELD_NAME));
      mfm_relationship_set_primary_server_ref (relationship, self->primary_ref);
      if (primary != NULL)
        mfm_relationship_set_primary_server (relationship, mfm_server_get_name (primary));
      if (secondary != NULL)
        {
          mfm_relationship_set_secondary_server (relationship, mfm_server_get_name (secondary));
          mfm_relationship_set_secondary_server_ref (relationship, mfm_server_get_ref (secondary));
        }
      if (mfm_parse_uint (field_text (self, MFM_FIELD_PERCENTAGE), 100, &value))
        mfm_relationship_set_percentage (relationship, value);
    }

  if (mfm_parse_uint (field_text (self, MFM_FIELD_PORT), 65535, &value))
    mfm_relationship_set_port (relationship, value);
  if (mfm_parse_uint (field_text (self, MFM_FIELD_PEER_PORT), 65535, &value))
    mfm_relationship_set_peer_port (relationship, value);
  if (mfm_parse_uint (field_text (self, MFM_FIELD_MCLT), G_MAXUINT32, &value))
    mfm_relationship_set_mclt (relationship, value);
  if (mfm_parse_uint (field_text (self, MFM_FIELD_MAX_RESPONSE_DELAY), G_MAXUINT32, &value))
    mfm_relationship_set_max_response_delay (relationship, value);
  if (mfm_parse_uint (field_text (self, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS), G_MAXUINT32, &value))
    mfm_relationship_set_load_balance_max_seconds (relationship, value);
  if (mfm_parse_uint (field_text (self, MFM_FIELD_MAX_UNACKED_UPDATES), G_MAXUINT32, &value))
    mfm_relationship_set_max_unacked_updates (relationship, value);

  return relationship;
}

static MfmChange *
build_change (MfmFailoverWizard *self)
{
  g_autoptr(MfmRelationship) relationship = build_relationship (self);

  if (self->editing)
    return mfm_change_new_modify (self->old_relationship, relationship);

  return mfm_change_new_add (relationship);
}

static gboolean
is_dirty (MfmFailoverWizard *self)
{
  if (!self->editing && get_partner (self) != NULL && self->fields[MFM_FIELD_PARTNER_SERVER].touched)
    return TRUE;

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      const char *text = field_text (self, field);

      if (field_editable (self, field) == NULL)
        continue;
      if (g_strcmp0 (text ? text : "", self->fields[field].initial_text) != 0)
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_changes (MfmFailoverWizard *self)
{
  g_autoptr(MfmRelationship) relationship = NULL;

  if (!self->editing)
    return TRUE;

  relationship = build_relationship (self);

  return !mfm_relationship_equal_settings (self->old_relationship, relationship);
}

static void
set_message (FieldWidgets *widgets,
             MfmSeverity   severity,
             const char   *text)
{
  const char *style;
  const char *icon_name;

  switch (severity)
    {
    case MFM_SEVERITY_ERROR:
      style = "error";
      icon_name = "dialog-error-symbolic";
      break;

    case MFM_SEVERITY_WARNING:
      style = "warning";
      icon_name = "dialog-warning-symbolic";
      break;

    case MFM_SEVERITY_INFO:
    default:
      style = "dim-label";
      icon_name = "dialog-information-symbolic";
      break;
    }

  gtk_widget_remove_css_class (GTK_WIDGET (widgets->message_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (widgets->message_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (widgets->message_label), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (widgets->message_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (widgets->message_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (widgets->message_icon), "dim-label");

  gtk_label_set_label (widgets->message_label, text != NULL ? text : "");
  /* The line stays when empty, so the fields below never move under the pointer. */
  gtk_widget_set_opacity (GTK_WIDGET (widgets->message_icon), text != NULL ? 1.0 : 0.0);
  if (text == NULL)
    return;

  gtk_widget_add_css_class (GTK_WIDGET (widgets->message_label), style);
  gtk_widget_add_css_class (GTK_WIDGET (widgets->message_icon), style);
  gtk_image_set_from_icon_name (widgets->message_icon, icon_name);
}

static void
show_field_message (MfmFailoverWizard *self,
                    MfmField           field)
{
  FieldWidgets *widgets = &self->fields[field];
  g_autoptr(GPtrArray) for_field = mfm_findings_for_field (self->findings, field);
  g_autoptr(GString) text = g_string_new (NULL);
  MfmSeverity severity = MFM_SEVERITY_INFO;
  gboolean has_value;

  if (field == MFM_FIELD_PARTNER_SERVER)
    has_value = get_partner_name (self) != NULL;
  else if (field == MFM_FIELD_PRIMARY_SERVER)
    has_value = TRUE;
  else
    has_value = field_text (self, field) != NULL;

  if (for_field->len == 0)
    {
      set_message (widgets, MFM_SEVERITY_INFO, widgets->note);
      return;
    }

  for (guint i = 0; i < for_field->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (for_field, i);

      if (i == 0)
        severity = finding->severity;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append (text, finding->message);
    }

  /* An untouched empty field is not an error yet: it says what it needs, as a hint. */
  if (!has_value && !widgets->touched)
    severity = MFM_SEVERITY_INFO;

  set_message (widgets, severity, text->str);
}

static void
update_split (MfmFailoverWizard *self)
{
  guint64 percentage;
  g_autofree char *text = NULL;

  if (mfm_parse_uint (field_text (self, MFM_FIELD_PERCENTAGE), 100, &percentage))
    {
      guint split = mfm_percentage_to_split (percentage);

      /* Translators: the ISC "split" statement; the primary answers that many hash buckets. */
      text = g_strdup_printf (_("Primary answers %u of 256 hash buckets (split %u)"), split, split);
    }
  else
    text = g_strdup (_("Enter a percentage from 0 to 100 to see the split."));

  gtk_label_set_label (self->split_label, text);
}

static void
update_steps (MfmFailoverWizard *self)
{
  GtkListBoxRow *rows[N_STEPS] = { self->step_row_0, self->step_row_1, self->step_row_2 };
  GtkImage *icons[N_STEPS] = { self->step_icon_0, self->step_icon_1, self->step_icon_2 };

  for (Step step = 0; step < N_STEPS; step++)
    {
      const char *icon_name;

      if (step < self->step)
        icon_name = step_has_error (self, step) ? "dialog-error-symbolic" : "object-select-symbolic";
      else if (step == self->step)
        icon_name = "go-next-symbolic";
      else
        icon_name = "radio-symbolic";

      gtk_image_set_from_icon_name (icons[step], icon_name);
      gtk_accessible_update_state (GTK_ACCESSIBLE (rows[step]),
                                   GTK_ACCESSIBLE_STATE_SELECTED, step == self->step,
                                   -1);
    }

  gtk_list_box_select_row (self->steps_list, rows[self->step]);
}

/* The first error that keeps @step from going on, or NULL. */
static const char *
step_first_error (MfmFailoverWizard *self,
                  Step               step)
{
  for (guint i = 0; self->findings != NULL && i < self->findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (self->findings, i);

      if (finding->severity != MFM_SEVERITY_ERROR)
        continue;
      if (step == STEP_SUMMARY ||
          (finding->field >= step_first_field (step) && finding->field <= step_last_field (step)))
        return finding->message;
    }

  return NULL;
}

static void
update_buttons (MfmFailoverWizard *self)
{
  gboolean last = self->step == STEP_SUMMARY;
  const char *blocking = last ? NULL : step_first_error (self, self->step);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->step > STEP_SETUP);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !last);
  gtk_widget_set_visible (GTK_WIDGET (self->finish_button), last);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", self->step > STEP_SETUP);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 !last && !step_has_error (self, self->step));
  /* A greyed-out Next says what it waits for ("Choose a partner server."). */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), blocking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.finish",
                                 last && !step_has_error (self, STEP_SUMMARY) && has_changes (self));
}

static void
validate (MfmFailoverWizard *self)
{
  check_rules (self);

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    show_field_message (self, field);

  update_split (self);
  update_steps (self);
  update_buttons (self);
}

static void
clear_list_box (GtkListBox *list_box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list_box))) != NULL)
    gtk_list_box_remove (list_box, child);
}

/* A compact row: the field on the left, its value (or old → new) on the right. */
static void
add_value_row (GtkListBox *list,
               const char *label,
               const char *old_value,
               const char *new_value)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *value = gtk_label_new (NULL);
  g_autofree char *escaped_new = g_markup_escape_text (new_value ? new_value : "", -1);
  g_autofree char *markup = NULL;

  if (old_value != NULL && g_strcmp0 (old_value, new_value) != 0)
    {
      g_autofree char *escaped_old = g_markup_escape_text (old_value, -1);

      /* Old struck out, then the new value in bold: the change reads without colour. */
      markup = g_strdup_printf ("<s>%s</s> → <b>%s</b>", escaped_old, escaped_new);
    }
  else
    markup = g_steal_pointer (&escaped_new);

  gtk_label_set_markup (GTK_LABEL (value), markup);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_xalign (GTK_LABEL (value), 1.0);
  gtk_widget_set_name (value, "value");
  gtk_widget_set_can_focus (value, FALSE);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), value);
  gtk_list_box_append (list, row);
}

static const char *
severity_icon_name (MfmSeverity severity)
{
  switch (severity)
    {
    case MFM_SEVERITY_ERROR:
      return "dialog-error-symbolic";
    case MFM_SEVERITY_WARNING:
      return "dialog-warning-symbolic";
    case MFM_SEVERITY_INFO:
    default:
      return "dialog-information-symbolic";
    }
}

static const char *
severity_label (MfmSeverity severity)
{
  switch (severity)
    {
    case MFM_SEVERITY_ERROR:
      return _("Error");
    case MFM_SEVERITY_WARNING:
      return _("Warning");
    case MFM_SEVERITY_INFO:
    default:
      return _("Hint");
    }
}

static void
fill_summary_values (MfmFailoverWizard *self,
                     MfmChange         *change)
{
  g_autoptr(MfmChange) as_new = mfm_change_new_add (mfm_change_get_relationship (change));
  g_autoptr(GPtrArray) changed = NULL;
  g_autoptr(GPtrArray) every = mfm_change_get_diff (as_new);

  clear_list_box (self->changes_list);
  clear_list_box (self->values_list);

  /* Edit: what changes, old → new, then every other value as it stays. */
  gtk_widget_set_visible (GTK_WIDGET (self->changes_group), self->editing);
  adw_preferences_group_set_title (self->values_group,
                                   self->editing ? _("Unchanged Values") : _("Relationship"));

  if (self->editing)
    {
      changed = mfm_change_get_diff (change);

      for (guint i = 0; changed != NULL && i < changed->len; i++)
        {
          MfmFieldDiff *diff = g_ptr_array_index (changed, i);

          add_value_row (self->changes_list, diff->label, diff->old_value, diff->new_value);
        }

      if (changed == NULL || changed->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No changes yet"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Every value is as it was. Change a value on the previous steps to save it."));
          gtk_list_box_append (self->changes_list, row);
        }
    }

  for (guint i = 0; every != NULL && i < every->len; i++)
    {
      MfmFieldDiff *diff = g_ptr_array_index (every, i);
      gboolean listed = FALSE;

      for (guint j = 0; changed != NULL && j < changed->len; j++)
        {
          MfmFieldDiff *changed_diff = g_ptr_array_index (changed, j);

          if (g_strcmp0 (changed_diff->label, diff->label) == 0)
            listed = TRUE;
        }

      if (!listed)
        add_value_row (self->values_list, diff->label, NULL, diff->new_value);
    }
}

static void
fill_summary_findings (MfmFailoverWizard *self)
{
  guint shown = 0;

  clear_list_box (self->findings_list);

  for (guint i = 0; i < self->findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (self->findings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name (severity_icon_name (finding->severity));
      g_autofree char *subtitle = g_strdup_printf ("%s · %s", severity_label (finding->severity),
                                                   mfm_field_get_label (finding->field));

      if (finding->severity == MFM_SEVERITY_WARNING)
        gtk_widget_add_css_class (icon, "warning");
      else if (finding->severity == MFM_SEVERITY_ERROR)
        gtk_widget_add_css_class (icon, "error");
      else
        gtk_widget_add_css_class (icon, "dim-label");

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      severity_label (finding->severity),
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), finding->message);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      gtk_list_box_append (self->findings_list, row);
      shown++;
    }

  if (shown == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No warnings: every value follows the ISC recommendations."));
      gtk_list_box_append (self->findings_list, row);
    }
}

static void
fill_summary_config (MfmFailoverWizard *self,
                     MfmChange         *change)
{
  MfmRelationship *relationship = mfm_change_get_relationship (change);
  MfmServer *primary = lookup_server (self, self->primary_ref, NULL);
  MfmServer *secondary = get_secondary_server (self);
  const char *primary_address = primary ? mfm_server_get_address (primary) : NULL;
  const char *secondary_address = secondary ? mfm_server_get_address (secondary) : NULL;
  g_autofree char *primary_config = NULL;
  g_autofree char *secondary_config = NULL;
  g_autofree char *pool_line = NULL;
  g_autofree char *primary_title = NULL;
  g_autofree char *secondary_title = NULL;
  g_autofree char *api_calls = NULL;

  primary_config = mfm_isc_render_peer (relationship, MFM_ISC_ROLE_PRIMARY,
                                        primary_address, secondary_address);
  secondary_config = mfm_isc_render_peer (relationship, MFM_ISC_ROLE_SECONDARY,
                                          secondary_address, primary_address);
  pool_line = mfm_isc_render_pool_reference (mfm_relationship_get_name (relationship));

  /* Translators: %s is a server name, %s an IP address. */
  primary_title = g_strdup_printf (_("Primary: %s (%s)"),
                                   primary ? mfm_server_get_display_name (primary) : "?",
                                   primary_address ? primary_address : "?");
  /* Translators: %s is a server name, %s an IP address. */
  secondary_title = g_strdup_printf (_("Secondary: %s (%s)"),
                                     secondary ? mfm_server_get_display_name (secondary) : "?",
                                     secondary_address ? secondary_address : "?");

  gtk_label_set_label (self->primary_config_title, primary_title);
  gtk_label_set_label (self->primary_config_text, g_strchomp (primary_config));
  gtk_label_set_label (self->secondary_config_title, secondary_title);
  gtk_label_set_label (self->secondary_config_text, g_strchomp (secondary_config));
  gtk_label_set_label (self->pool_line_title, _("Each pool of the relationship’s scopes, on both servers"));
  gtk_label_set_label (self->pool_line_text, g_strchomp (pool_line));

  api_calls = mfm_call_text_for_change (change, NULL,
                                        self->session != NULL
                                        ? mfm_session_get_client (self->session)
                                        : NULL);
  gtk_label_set_label (self->api_calls_title, _("Sent when you save the pending changes"));
  gtk_label_set_label (self->api_calls_text, api_calls);
}

static void
fill_summary (MfmFailoverWizard *self)
{
  g_autoptr(MfmChange) change = build_change (self);

  fill_summary_values (self, change);
  fill_summary_findings (self);
  fill_summary_config (self, change);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_note), !self->editing);
}

static void
go_to_step (MfmFailoverWizard *self,
            Step               step)
{
  MfmField field;

  self->step = step;

  if (step == STEP_SUMMARY)
    fill_summary (self);

  gtk_stack_set_visible_child_name (self->stack, step_pages[step]);
  validate (self);

  /* Put the keyboard on the first field the person can change. */
  if (step != STEP_SUMMARY)
    {
      for (field = step_first_field (step); field <= step_last_field (step); field++)
        {
          GtkWidget *widget = field == MFM_FIELD_PARTNER_SERVER
                              ? GTK_WIDGET (self->partner_chooser) : self->fields[field].row;

          if (gtk_widget_get_sensitive (widget))
            {
              gtk_widget_grab_focus (widget);
              break;
            }
        }
    }
  else if (gtk_widget_get_sensitive (GTK_WIDGET (self->finish_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->finish_button));
}

static void
stage_and_close (MfmFailoverWizard *self)
{
  g_autoptr(MfmChange) change = NULL;

  validate (self);
  if (step_has_error (self, STEP_SUMMARY) || !has_changes (self))
    return;

  change = build_change (self);
  mfm_session_stage (self->session, change);

  self->confirmed_close = TRUE;
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
destroy_idle_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));

  return G_SOURCE_REMOVE;
}

static void
discard_response_cb (AdwMessageDialog  *dialog,
                     const char        *response,
                     MfmFailoverWizard *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->confirmed_close = TRUE;
      /* Not while the dialog, transient for us, is still emitting its response. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle_cb, g_object_ref (self), g_object_unref);
    }
}

static void
ask_to_cancel (MfmFailoverWizard *self)
{
  AdwMessageDialog *dialog;

  if (!is_dirty (self))
    {
      self->confirmed_close = TRUE;
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       self->editing ? _("Discard Your Edits?")
                                                                     : _("Discard the New Relationship?"),
                                                       _("What you typed in this window will be lost. Nothing was staged or written to a server.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
field_changed_cb (MfmFailoverWizard *self,
                  GtkEditable       *editable)
{
  if (self->filling)
    return;

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      if (self->fields[field].row == GTK_WIDGET (editable))
        self->fields[field].touched = TRUE;
    }

  validate (self);
}

static void
partner_selected_cb (MfmFailoverWizard *self)
{
  MfmServer *partner = get_secondary_server (self);
  g_autofree char *subtitle = NULL;

  if (!self->filling)
    self->fields[MFM_FIELD_PARTNER_SERVER].touched = TRUE;

  /* Its address and state, so two similar names are told apart. */
  if (partner != NULL)
    subtitle = g_strdup_printf ("%s · %s",
                                mfm_server_get_address (partner) ? mfm_server_get_address (partner) : "",
                                mfm_server_state_get_label (mfm_server_get_state (partner)));
  /* Translators: marks a field that must be filled in. */
  adw_action_row_set_subtitle (self->partner_row, subtitle ? subtitle : _("Required"));

  validate (self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmFailoverWizard *self = MFM_FAILOVER_WIZARD (widget);

  validate (self);

  if (self->step < STEP_SUMMARY && !step_has_error (self, self->step))
    go_to_step (self, self->step + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmFailoverWizard *self = MFM_FAILOVER_WIZARD (widget);

  if (self->step > STEP_SETUP)
    go_to_step (self, self->step - 1);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  stage_and_close (MFM_FAILOVER_WIZARD (widget));
}

static void
entry_activated_cb (MfmFailoverWizard *self)
{
  /* Enter = Next, and Add on the summary; each only when it is allowed. */
  gtk_widget_activate_action (GTK_WIDGET (self),
                              self->step < STEP_SUMMARY ? "wizard.next" : "wizard.finish",
                              NULL);
}

static void
step_activated_cb (MfmFailoverWizard *self,
                   GtkListBoxRow     *row)
{
  Step target = gtk_list_box_row_get_index (row);

  /* Going forward from the side list needs every step before it to be free of errors. */
  for (Step step = STEP_SETUP; step < target; step++)
    {
      if (step_has_error (self, step))
        {
          update_steps (self);
          return;
        }
    }

  go_to_step (self, target);
}

static void
copy_label_cb (GtkLabel  *label,
               GtkButton *button)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          gtk_label_get_label (label));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_to_cancel (MFM_FAILOVER_WIZARD (widget));
}

static gboolean
mfm_failover_wizard_close_request (GtkWindow *window)
{
  MfmFailoverWizard *self = MFM_FAILOVER_WIZARD (window);

  if (self->confirmed_close || !is_dirty (self))
    return GTK_WINDOW_CLASS (mfm_failover_wizard_parent_class)->close_request (window);

  ask_to_cancel (self);
  return TRUE;
}

static gboolean
partner_filter_func (gpointer item,
                     gpointer user_data)
{
  MfmFailoverWizard *self = user_data;
  MfmServer *server = item;

  return mfm_server_is_isc (server) && g_strcmp0 (mfm_server_get_ref (server), self->primary_ref) != 0;
}

static void
set_field_text (MfmFailoverWizard *self,
                MfmField           field,
                guint              value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  gtk_editable_set_text (field_editable (self, field), text);
}

static void
remember_initial_texts (MfmFailoverWizard *self)
{
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      const char *text = field_text (self, field);

      g_free (self->fields[field].initial_text);
      self->fields[field].initial_text = g_strdup (text ? text : "");
    }
}

static void
setup (MfmFailoverWizard *self,
       MfmSession        *session,
       const char        *primary_ref,
       MfmRelationship   *relationship)
{
  MfmInventory *inventory = mfm_session_get_inventory (session);
  MfmRelationship *values;
  MfmServer *primary;
  GtkCustomFilter *filter;

  self->session = g_object_ref (session);
  self->primary_ref = g_strdup (primary_ref);
  self->editing = relationship != NULL;
  self->staged = mfm_changes_dup_staged_relationships (session);
  self->filling = TRUE;

  if (self->editing)
    self->old_relationship = mfm_relationship_copy (relationship);

  /* Every ISC server but the primary. The chooser's list view only creates rows for what is
   * on screen, and its search filters on top, so it stays quick for 10,000 servers. */
  filter = gtk_custom_filter_new (partner_filter_func, self, NULL);
  self->partners = gtk_filter_list_model_new (g_object_ref (mfm_inventory_get_servers (inventory)),
                                              GTK_FILTER (filter));
  mfm_server_chooser_set_model (self->partner_chooser, G_LIST_MODEL (self->partners));
  g_signal_connect_object (self->partner_chooser, "notify::selected",
                           G_CALLBACK (partner_selected_cb), self, G_CONNECT_SWAPPED);

  primary = lookup_server (self, primary_ref, NULL);
  adw_action_row_set_subtitle (self->primary_row,
                               primary ? mfm_server_get_display_name (primary) : primary_ref);

  if (self->editing)
    {
      g_autofree char *subtitle = NULL;
      MfmServer *secondary = get_secondary_server (self);

      values = self->old_relationship;
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Relationship"));
      adw_window_title_set_title (self->window_title, _("Edit Relationship"));
      adw_window_title_set_subtitle (self->window_title, mfm_relationship_get_name (values));
      /* It only stages: nothing reaches Micetro before Review and Save. */
      gtk_label_set_label (self->finish_label, _("_Stage Changes"));
      adw_preferences_group_set_description (self->options_group,
                                             _("The relationship’s current values. A change is staged for review, not saved yet."));
      if (mfm_relationship_get_scope_count (values) > 0)
        adw_preferences_group_set_description (self->config_group,
                                               _("What each server’s dhcpd.conf will contain once the change is saved."));
      gtk_editable_set_text (field_editable (self, MFM_FIELD_NAME), mfm_relationship_get_name (values));

      mfm_server_chooser_set_selected (self->partner_chooser, secondary);

      /* Micetro's Modify takes neither a new name, other servers nor a percentage. */
      gtk_widget_set_sensitive (self->fields[MFM_FIELD_NAME].row, FALSE);
      gtk_widget_set_sensitive (GTK_WIDGET (self->partner_chooser), FALSE);
      gtk_widget_set_sensitive (self->fields[MFM_FIELD_PERCENTAGE].row, FALSE);
      subtitle = g_strdup_printf (_("Read-only: %s"), mfm_relationship_get_secondary_server (values));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->partner_chooser), subtitle);
      gtk_widget_set_visible (self->name_required_label, FALSE);
      /* Each locked field says why, on its own message line. */
      self->fields[MFM_FIELD_NAME].note =
        _("A saved relationship keeps its name: Micetro’s Modify does not take a new one.");
      self->fields[MFM_FIELD_PARTNER_SERVER].note =
        _("A saved relationship keeps its servers: Micetro’s Modify does not take other ones.");
      self->fields[MFM_FIELD_PERCENTAGE].note =
        _("Micetro’s Modify does not take a percentage, so it stays as it is.");
    }
  else
    {
      g_autoptr(MfmRelationship) defaults = mfm_relationship_new ();

      adw_window_title_set_title (self->window_title, _("Add Relationship"));
      adw_action_row_set_subtitle (self->partner_row, _("Required"));
      adw_window_title_set_subtitle (self->window_title,
                                     primary ? mfm_server_get_display_name (primary) : primary_ref);
      values = defaults;
      set_field_text (self, MFM_FIELD_PORT, mfm_relationship_get_port (values));
      set_field_text (self, MFM_FIELD_PEER_PORT, mfm_relationship_get_peer_port (values));
      set_field_text (self, MFM_FIELD_MCLT, mfm_relationship_get_mclt (values));
      set_field_text (self, MFM_FIELD_MAX_RESPONSE_DELAY, mfm_relationship_get_max_response_delay (values));
      set_field_text (self, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS,
                      mfm_relationship_get_load_balance_max_seconds (values));
      set_field_text (self, MFM_FIELD_MAX_UNACKED_UPDATES, mfm_relationship_get_max_unacked_updates (values));
      set_field_text (self, MFM_FIELD_PERCENTAGE, mfm_relationship_get_percentage (values));
    }

  if (self->editing)
    {
      set_field_text (self, MFM_FIELD_PORT, mfm_relationship_get_port (values));
      set_field_text (self, MFM_FIELD_PEER_PORT, mfm_relationship_get_peer_port (values));
      set_field_text (self, MFM_FIELD_MCLT, mfm_relationship_get_mclt (values));
      set_field_text (self, MFM_FIELD_MAX_RESPONSE_DELAY, mfm_relationship_get_max_response_delay (values));
      set_field_text (self, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS,
                      mfm_relationship_get_load_balance_max_seconds (values));
      set_field_text (self, MFM_FIELD_MAX_UNACKED_UPDATES, mfm_relationship_get_max_unacked_updates (values));
      set_field_text (self, MFM_FIELD_PERCENTAGE, mfm_relationship_get_percentage (values));
    }

  remember_initial_texts (self);
  self->filling = FALSE;

  go_to_step (self, STEP_SETUP);
}

static void
mfm_failover_wizard_dispose (GObject *object)
{
  MfmFailoverWizard *self = (MfmFailoverWizard *)object;

  g_clear_object (&self->partners);
  g_clear_object (&self->staged);
  g_clear_object (&self->old_relationship);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_failover_wizard_parent_class)->dispose (object);
}

static void
mfm_failover_wizard_finalize (GObject *object)
{
  MfmFailoverWizard *self = (MfmFailoverWizard *)object;

  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    g_free (self->fields[field].initial_text);

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_free (self->primary_ref);

  G_OBJECT_CLASS (mfm_failover_wizard_parent_class)->finalize (object);
}

static void
bind_field_widgets (GtkWidgetClass *widget_class)
{
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      goffset base = G_STRUCT_OFFSET (MfmFailoverWizard, fields) + field * sizeof (FieldWidgets);
      g_autofree char *row = g_strdup_printf ("%s_row", field_ids[field]);
      g_autofree char *message_row = g_strdup_printf ("%s_message_row", field_ids[field]);
      g_autofree char *message_icon = g_strdup_printf ("%s_message_icon", field_ids[field]);
      g_autofree char *message_label = g_strdup_printf ("%s_message_label", field_ids[field]);

      /* The names must outlive the class: intern them. */
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (row), FALSE,
                                                 base + G_STRUCT_OFFSET (FieldWidgets, row));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (message_row), FALSE,
                                                 base + G_STRUCT_OFFSET (FieldWidgets, message_row));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (message_icon), FALSE,
                                                 base + G_STRUCT_OFFSET (FieldWidgets, message_icon));
      gtk_widget_class_bind_template_child_full (widget_class, g_intern_string (message_label), FALSE,
                                                 base + G_STRUCT_OFFSET (FieldWidgets, message_label));
    }
}

static void
mfm_failover_wizard_class_init (MfmFailoverWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mfm_failover_wizard_dispose;
  object_class->finalize = mfm_failover_wizard_finalize;
  window_class->close_request = mfm_failover_wizard_close_request;

  g_type_ensure (MFM_TYPE_SERVER_CHOOSER);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-failover-wizard.ui");
  bind_field_widgets (widget_class);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, next_button);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, finish_button);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, steps_list);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, step_row_0);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, step_row_1);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, step_row_2);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, step_icon_0);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, step_icon_1);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, step_icon_2);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, primary_row);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, partner_row);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, name_required_label);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, partner_chooser);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, split_label);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, summary_note);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, finish_label);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, options_group);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, config_group);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, changes_group);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, changes_list);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, values_group);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, values_list);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, findings_group);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, findings_list);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, primary_config_title);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, primary_config_text);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, secondary_config_title);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, secondary_config_text);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, pool_line_title);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, pool_line_text);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, api_calls_title);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, api_calls_text);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, primary_config_copy_button);
  gtk_widget_class_bind_template_child (widget_class, MfmFailoverWizard, api_calls_copy_button);

  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, step_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, copy_label_cb);

  /* Escape = Cancel, which asks first when something was typed. */
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
}

static void
mfm_failover_wizard_init (MfmFailoverWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  /* Tie each field's message to it, so a screen reader reads the error with the field. */
  for (MfmField field = 0; field < MFM_N_FIELDS; field++)
    {
      GtkWidget *target = field == MFM_FIELD_PARTNER_SERVER
                          ? GTK_WIDGET (self->partner_chooser) : self->fields[field].row;

      gtk_accessible_update_relation (GTK_ACCESSIBLE (target),
                                      GTK_ACCESSIBLE_RELATION_DESCRIBED_BY,
                                      self->fields[field].message_label, NULL,
                                      -1);
      /* No field may be left empty; a screen reader says so. */
      if (field != MFM_FIELD_PRIMARY_SERVER)
        gtk_accessible_update_property (GTK_ACCESSIBLE (target),
                                        GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                        -1);
    }
}

MfmFailoverWizard *
mfm_failover_wizard_new_add (GtkWindow  *parent,
                             MfmSession *session,
                             const char *primary_server_ref)
{
  MfmFailoverWizard *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);
  g_return_val_if_fail (primary_server_ref != NULL, NULL);

  self = g_object_new (MFM_TYPE_FAILOVER_WIZARD,
                       "transient-for", parent,
                       NULL);
  setup (self, session, primary_server_ref, NULL);

  return self;
}

MfmFailoverWizard *
mfm_failover_wizard_new_edit (GtkWindow  *parent,
                              MfmSession *session,
                              const char *relationship_name)
{
  g_autoptr(MfmRelationship) relationship = NULL;
  MfmFailoverWizard *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  relationship = mfm_changes_dup_projected_relationship (session, relationship_name);
  if (relationship == NULL)
    {
      g_warning ("No relationship named “%s” to edit", relationship_name);
      return NULL;
    }

  self = g_object_new (MFM_TYPE_FAILOVER_WIZARD,
                       "transient-for", parent,
                       NULL);
  setup (self, session, mfm_relationship_get_primary_server_ref (relationship), relationship);

  return self;
}
