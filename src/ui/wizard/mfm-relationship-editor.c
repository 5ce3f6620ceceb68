/* mfm-relationship-editor.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-relationship-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-call-text.h"
#include "mfm-options-page.h"
#include "mfm-relationship-editor.h"
#include "mfm-rules.h"
#include "mfm-setup-page.h"
#include "mfm-summary-page.h"

typedef enum
{
  STEP_SETUP,
  STEP_OPTIONS,
  STEP_SUMMARY,
  N_STEPS,
} Step;

static const char * const step_pages[N_STEPS] = { "setup", "options", "summary" };

struct _MfmRelationshipEditor
{
  AdwWindow           parent_instance;

  /* Owned references */
  MfmSession         *session;
  MfmRelationship    *old_relationship;   /* Edit only */
  GListModel         *staged;             /* relationships added by staged changes */
  GtkFilterListModel *partners;
  char               *primary_ref;
  GPtrArray          *findings;           /* of MfmFinding, the last check */

  Step                step;
  gboolean            editing;
  gboolean            filling;            /* prefilling: the form is checked once it is whole */
  gboolean            confirmed_close;

  /* Template widgets */
  AdwWindowTitle     *window_title;
  GtkButton          *cancel_button;
  GtkButton          *back_button;
  GtkButton          *next_button;
  GtkButton          *finish_button;
  GtkLabel           *finish_label;
  GtkListBox         *steps_list;
  GtkListBoxRow      *step_row_0;
  GtkListBoxRow      *step_row_1;
  GtkListBoxRow      *step_row_2;
  GtkImage           *step_icon_0;
  GtkImage           *step_icon_1;
  GtkImage           *step_icon_2;
  GtkStack           *stack;
  MfmSetupPage       *setup_page;
  MfmOptionsPage     *options_page;
  MfmSummaryPage     *summary_page;
};

G_DEFINE_FINAL_TYPE (MfmRelationshipEditor, mfm_relationship_editor, ADW_TYPE_WINDOW)

static MfmEditorPage *
get_page (MfmRelationshipEditor *self,
          Step                   step)
{
  switch (step)
    {
    case STEP_SETUP:
      return MFM_EDITOR_PAGE (self->setup_page);
    case STEP_OPTIONS:
      return MFM_EDITOR_PAGE (self->options_page);
    case STEP_SUMMARY:
    case N_STEPS:
    default:
      return MFM_EDITOR_PAGE (self->summary_page);
    }
}

static MfmFieldRow *
get_field_row (MfmRelationshipEditor *self,
               MfmField               field)
{
  for (Step step = STEP_SETUP; step < N_STEPS; step++)
    {
      MfmFieldRow *row = mfm_editor_page_get_field_row (get_page (self, step), field);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* The text of @field, or NULL when it is empty. */
static const char *
field_text (MfmRelationshipEditor *self,
            MfmField               field)
{
  MfmFieldRow *row = get_field_row (self, field);

  return row != NULL ? mfm_field_row_get_value (row) : NULL;
}

static void
set_field_text (MfmRelationshipEditor *self,
                MfmField               field,
                const char            *text)
{
  mfm_field_row_set_initial_value (get_field_row (self, field), text);
}

static void
set_field_number (MfmRelationshipEditor *self,
                  MfmField               field,
                  guint                  value)
{
  g_autofree char *text = g_strdup_printf ("%u", value);

  set_field_text (self, field, text);
}

static MfmServer *
lookup_server (MfmRelationshipEditor *self,
               const char            *ref,
               const char            *name)
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
get_secondary_server (MfmRelationshipEditor *self)
{
  if (self->editing)
    return lookup_server (self,
                          mfm_relationship_get_secondary_server_ref (self->old_relationship),
                          mfm_relationship_get_secondary_server (self->old_relationship));

  return mfm_setup_page_get_partner (self->setup_page);
}

static void
check_rules (MfmRelationshipEditor *self)
{
  MfmRelationshipInput input = {
    .name = field_text (self, MFM_FIELD_NAME),
    .partner_server = mfm_setup_page_get_partner_name (self->setup_page),
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
step_has_error (MfmRelationshipEditor *self,
                Step                   step)
{
  return !mfm_editor_page_get_complete (get_page (self, step));
}

/* The relationship as the form describes it; only meaningful without errors. */
static MfmRelationship *
build_relationship (MfmRelationshipEditor *self)
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
build_change (MfmRelationshipEditor *self)
{
  g_autoptr(MfmRelationship) relationship = build_relationship (self);

  if (self->editing)
    return mfm_change_new_modify (self->old_relationship, relationship);

  return mfm_change_new_add (relationship);
}

/* Whether closing would lose something the person typed or chose. */
static gboolean
is_dirty (MfmRelationshipEditor *self)
{
  for (Step step = STEP_SETUP; step < N_STEPS; step++)
    {
      if (mfm_editor_page_get_changed (get_page (self, step)))
        return TRUE;
    }

  return FALSE;
}

static gboolean
has_changes (MfmRelationshipEditor *self)
{
  g_autoptr(MfmRelationship) relationship = NULL;

  if (!self->editing)
    return TRUE;

  relationship = build_relationship (self);

  return !mfm_relationship_equal_settings (self->old_relationship, relationship);
}

static void
update_steps (MfmRelationshipEditor *self)
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

/* Next follows the current page's "complete"; Add needs the summary's and a change. */
static void
update_buttons (MfmRelationshipEditor *self)
{
  MfmEditorPage *page = get_page (self, self->step);
  gboolean last = self->step == STEP_SUMMARY;
  const char *blocking = last ? NULL : mfm_editor_page_get_first_error (page);

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), self->step > STEP_SETUP);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), !last);
  gtk_widget_set_visible (GTK_WIDGET (self->finish_button), last);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.back", self->step > STEP_SETUP);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.next",
                                 !last && mfm_editor_page_get_complete (page));
  /* A greyed-out Next says what it waits for ("Choose a partner server."). */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->next_button), blocking);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "wizard.finish",
                                 last && mfm_editor_page_get_complete (page) && has_changes (self));
}

static void
validate (MfmRelationshipEditor *self)
{
  check_rules (self);

  for (Step step = STEP_SETUP; step < N_STEPS; step++)
    mfm_editor_page_set_findings (get_page (self, step), self->findings);

  update_steps (self);
  update_buttons (self);
}

static void
show_summary (MfmRelationshipEditor *self)
{
  g_autoptr(MfmChange) change = build_change (self);
  g_autofree char *api_calls = NULL;

  api_calls = self->session != NULL
              ? mfm_session_describe_calls (self->session, change, NULL)
              : mfm_call_text_for_change (change, NULL, NULL);
  mfm_summary_page_show (self->summary_page, change, self->findings,
                         lookup_server (self, self->primary_ref, NULL),
                         get_secondary_server (self),
                         api_calls);
}

static void
go_to_step (MfmRelationshipEditor *self,
            Step                   step)
{
  self->step = step;

  if (step == STEP_SUMMARY)
    show_summary (self);

  gtk_stack_set_visible_child_name (self->stack, step_pages[step]);
  validate (self);

  /* Put the keyboard on the first field the person can change. */
  if (step != STEP_SUMMARY)
    mfm_editor_page_focus_first_field (get_page (self, step));
  else if (gtk_widget_get_sensitive (GTK_WIDGET (self->finish_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->finish_button));
}

static void
stage_and_close (MfmRelationshipEditor *self)
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
discard_response_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     MfmRelationshipEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->confirmed_close = TRUE;
      /* Not while the dialog, transient for us, is still emitting its response. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, destroy_idle_cb, g_object_ref (self), g_object_unref);
    }
}

static void
ask_to_cancel (MfmRelationshipEditor *self)
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
page_changed_cb (MfmRelationshipEditor *self)
{
  if (!self->filling)
    validate (self);
}

static void
page_activated_cb (MfmRelationshipEditor *self)
{
  /* Enter = Next, and Add on the summary; each only when it is allowed. */
  gtk_widget_activate_action (GTK_WIDGET (self),
                              self->step < STEP_SUMMARY ? "wizard.next" : "wizard.finish",
                              NULL);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmRelationshipEditor *self = MFM_RELATIONSHIP_EDITOR (widget);

  validate (self);

  if (self->step < STEP_SUMMARY && !step_has_error (self, self->step))
    go_to_step (self, self->step + 1);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmRelationshipEditor *self = MFM_RELATIONSHIP_EDITOR (widget);

  if (self->step > STEP_SETUP)
    go_to_step (self, self->step - 1);
}

static void
finish_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  stage_and_close (MFM_RELATIONSHIP_EDITOR (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  ask_to_cancel (MFM_RELATIONSHIP_EDITOR (widget));
}

static void
step_activated_cb (MfmRelationshipEditor *self,
                   GtkListBoxRow         *row)
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

static gboolean
mfm_relationship_editor_close_request (GtkWindow *window)
{
  MfmRelationshipEditor *self = MFM_RELATIONSHIP_EDITOR (window);

  if (self->confirmed_close || !is_dirty (self))
    return GTK_WINDOW_CLASS (mfm_relationship_editor_parent_class)->close_request (window);

  ask_to_cancel (self);
  return TRUE;
}

static gboolean
partner_filter_func (gpointer item,
                     gpointer user_data)
{
  MfmRelationshipEditor *self = user_data;
  MfmServer *server = item;

  return mfm_server_is_isc (server) && g_strcmp0 (mfm_server_get_ref (server), self->primary_ref) != 0;
}

static void
setup (MfmRelationshipEditor *self,
       MfmSession            *session,
       const char            *primary_ref,
       MfmRelationship       *relationship)
{
  MfmInventory *inventory = mfm_session_get_inventory (session);
  g_autoptr(MfmRelationship) defaults = NULL;
  MfmRelationship *values;
  MfmServer *primary;
  GtkCustomFilter *filter;

  self->session = g_object_ref (session);
  self->primary_ref = g_strdup (primary_ref);
  self->editing = relationship != NULL;
  self->staged = mfm_session_dup_staged_relationships (session);
  self->filling = TRUE;

  if (self->editing)
    self->old_relationship = mfm_relationship_copy (relationship);

  /* Every ISC server but the primary. The chooser's list view only creates rows for what is
   * on screen, and its search filters on top, so it stays quick for 10,000 servers. */
  filter = gtk_custom_filter_new (partner_filter_func, self, NULL);
  self->partners = gtk_filter_list_model_new (g_object_ref (mfm_inventory_get_servers (inventory)),
                                              GTK_FILTER (filter));

  /* Micetro's Modify takes neither a new name, other servers nor a percentage. */
  if (self->editing)
    {
      mfm_setup_page_lock (self->setup_page,
                           mfm_relationship_get_secondary_server (self->old_relationship));
      mfm_options_page_lock (self->options_page);
    }

  primary = lookup_server (self, primary_ref, NULL);
  mfm_setup_page_set_servers (self->setup_page, G_LIST_MODEL (self->partners),
                              primary ? mfm_server_get_display_name (primary) : primary_ref);

  if (self->editing)
    {
      values = self->old_relationship;
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Relationship"));
      adw_window_title_set_title (self->window_title, _("Edit Relationship"));
      adw_window_title_set_subtitle (self->window_title, mfm_relationship_get_name (values));
      /* It only stages: nothing reaches Micetro before Review and Save. */
      gtk_label_set_label (self->finish_label, _("_Stage Changes"));
      set_field_text (self, MFM_FIELD_NAME, mfm_relationship_get_name (values));
      mfm_setup_page_set_partner (self->setup_page, get_secondary_server (self));
    }
  else
    {
      defaults = mfm_relationship_new ();
      values = defaults;
      adw_window_title_set_title (self->window_title, _("Add Relationship"));
      adw_window_title_set_subtitle (self->window_title,
                                     primary ? mfm_server_get_display_name (primary) : primary_ref);
    }

  set_field_number (self, MFM_FIELD_PORT, mfm_relationship_get_port (values));
  set_field_number (self, MFM_FIELD_PEER_PORT, mfm_relationship_get_peer_port (values));
  set_field_number (self, MFM_FIELD_MCLT, mfm_relationship_get_mclt (values));
  set_field_number (self, MFM_FIELD_MAX_RESPONSE_DELAY, mfm_relationship_get_max_response_delay (values));
  set_field_number (self, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS,
                    mfm_relationship_get_load_balance_max_seconds (values));
  set_field_number (self, MFM_FIELD_MAX_UNACKED_UPDATES, mfm_relationship_get_max_unacked_updates (values));
  set_field_number (self, MFM_FIELD_PERCENTAGE, mfm_relationship_get_percentage (values));

  self->filling = FALSE;

  go_to_step (self, STEP_SETUP);
}

static void
mfm_relationship_editor_dispose (GObject *object)
{
  MfmRelationshipEditor *self = (MfmRelationshipEditor *)object;

  g_clear_object (&self->partners);
  g_clear_object (&self->staged);
  g_clear_object (&self->old_relationship);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_relationship_editor_parent_class)->dispose (object);
}

static void
mfm_relationship_editor_finalize (GObject *object)
{
  MfmRelationshipEditor *self = (MfmRelationshipEditor *)object;

  g_clear_pointer (&self->findings, g_ptr_array_unref);
  g_free (self->primary_ref);

  G_OBJECT_CLASS (mfm_relationship_editor_parent_class)->finalize (object);
}

static void
mfm_relationship_editor_class_init (MfmRelationshipEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mfm_relationship_editor_dispose;
  object_class->finalize = mfm_relationship_editor_finalize;
  window_class->close_request = mfm_relationship_editor_close_request;

  g_type_ensure (MFM_TYPE_SETUP_PAGE);
  g_type_ensure (MFM_TYPE_OPTIONS_PAGE);
  g_type_ensure (MFM_TYPE_SUMMARY_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE
                                               "/ui/wizard/mfm-relationship-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, back_button);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, next_button);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, finish_button);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, finish_label);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, steps_list);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, step_row_0);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, step_row_1);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, step_row_2);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, step_icon_0);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, step_icon_1);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, step_icon_2);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, setup_page);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, options_page);
  gtk_widget_class_bind_template_child (widget_class, MfmRelationshipEditor, summary_page);
  gtk_widget_class_bind_template_callback (widget_class, step_activated_cb);

  /* Escape = Cancel, which asks first when something was typed. */
  gtk_widget_class_install_action (widget_class, "wizard.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.finish", NULL, finish_action);
  gtk_widget_class_install_action (widget_class, "wizard.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "wizard.cancel", NULL);
}

static void
mfm_relationship_editor_init (MfmRelationshipEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  for (Step step = STEP_SETUP; step < N_STEPS; step++)
    {
      MfmEditorPage *page = get_page (self, step);

      g_signal_connect_object (page, "changed", G_CALLBACK (page_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "activated", G_CALLBACK (page_activated_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "notify::complete", G_CALLBACK (update_buttons),
                               self, G_CONNECT_SWAPPED);
    }
}

MfmRelationshipEditor *
mfm_relationship_editor_new_add (GtkWindow  *parent,
                                 MfmSession *session,
                                 const char *primary_server_ref)
{
  MfmRelationshipEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);
  g_return_val_if_fail (primary_server_ref != NULL, NULL);

  self = g_object_new (MFM_TYPE_RELATIONSHIP_EDITOR,
                       "transient-for", parent,
                       NULL);
  setup (self, session, primary_server_ref, NULL);

  return self;
}

MfmRelationshipEditor *
mfm_relationship_editor_new_edit (GtkWindow  *parent,
                                  MfmSession *session,
                                  const char *relationship_name)
{
  g_autoptr(MfmRelationship) relationship = NULL;
  MfmRelationshipEditor *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  relationship = mfm_session_dup_projected_relationship (session, relationship_name);
  if (relationship == NULL)
    {
      g_warning ("No relationship named “%s” to edit", relationship_name);
      return NULL;
    }

  self = g_object_new (MFM_TYPE_RELATIONSHIP_EDITOR,
                       "transient-for", parent,
                       NULL);
  setup (self, session, mfm_relationship_get_primary_server_ref (relationship), relationship);

  return self;
}
