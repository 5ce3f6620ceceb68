/* mfm-change-card.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-change-card"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-change-card.h"
#include "mfm-code-block.h"
#include "mfm-rules.h"
#include "mfm-server-impact-row.h"
#include "mfm-severity.h"

struct _MfmChangeCard
{
  GtkBox                 parent_instance;

  /* Owned References */
  MfmSession            *session;
  MfmChange             *change;
  GHashTable            *unread_servers;
  char                  *comment;

  guint                  position;
  const char            *status_class;

  /* Template Widgets */
  GtkImage              *status_icon;
  GtkLabel              *title_label;
  GtkLabel              *subtitle_label;
  GtkLabel              *status_label;
  GtkButton             *drop_button;
  GtkBox                *error_box;
  GtkImage              *error_icon;
  GtkLabel              *error_label;
  GtkLabel              *note_label;
  GtkBox                *base_moved_box;
  GtkLabel              *base_moved_label;
  GtkListBox            *base_moved_list;
  GtkButton             *accept_button;
  AdwPreferencesGroup   *diff_group;
  GtkListBox            *diff_list;
  GtkListBox            *impact_list;
  AdwPreferencesGroup   *findings_group;
  GtkListBox            *findings_list;
  MfmCodeBlock          *api_block;
};

G_DEFINE_FINAL_TYPE (MfmChangeCard, mfm_change_card, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CHANGE,
  PROP_POSITION,
  PROP_COMMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The parts that come and go carry their name and their text only while shown: a search of
 * the card by name or by text (tools, tests) finds what the person sees. */
static void
show_part (GtkWidget  *part,
           const char *name,
           gboolean    shown)
{
  gtk_widget_set_visible (part, shown);
  gtk_widget_set_name (part, shown ? name : NULL);
}

/* A row that only shows text is no Tab stop: GtkListBox skips insensitive rows (a row that
 * merely refuses focus would end the list's Tab order there). The style keeps it undimmed. */
static void
set_read_only (GtkWidget *row)
{
  gtk_widget_set_sensitive (row, FALSE);
  gtk_widget_add_css_class (row, "mfm-read-only");
}

static GtkWidget *
new_text_row (const char *title,
              const char *subtitle,
              const char *icon_name,
              const char *style_class)
{
  GtkWidget *row = adw_action_row_new ();

  set_read_only (row);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);

  if (icon_name != NULL)
    {
      GtkWidget *icon = gtk_image_new_from_icon_name (icon_name);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      if (style_class != NULL)
        gtk_widget_add_css_class (icon, style_class);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
    }

  return row;
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
status_presentation (MfmChangeStatus  status,
                     const char     **icon_name,
                     const char     **label,
                     const char     **style_class)
{
  switch (status)
    {
    case MFM_CHANGE_STATUS_APPLYING:
      *icon_name = "content-loading-symbolic";
      *label = _("Saving…");
      *style_class = "accent";
      break;

    case MFM_CHANGE_STATUS_APPLIED:
      *icon_name = "object-select-symbolic";
      *label = _("Saved");
      *style_class = "success";
      break;

    case MFM_CHANGE_STATUS_FAILED:
      *icon_name = "dialog-error-symbolic";
      *label = _("Failed");
      *style_class = "error";
      break;

    case MFM_CHANGE_STATUS_UNKNOWN:
      *icon_name = "dialog-question-symbolic";
      /* Translators: the status of a change sent to the server without an answer */
      *label = _("Not known");
      *style_class = "warning";
      break;

    case MFM_CHANGE_STATUS_PENDING:
    default:
      *icon_name = "document-edit-symbolic";
      *label = _("Pending");
      *style_class = "dim-label";
      break;
    }
}

static void
update_status (MfmChangeCard *self)
{
  MfmChangeStatus status = mfm_change_get_status (self->change);
  gboolean unknown = status == MFM_CHANGE_STATUS_UNKNOWN;
  gboolean failed = status == MFM_CHANGE_STATUS_FAILED || unknown;
  const char *icon_name, *label, *style_class;

  status_presentation (status, &icon_name, &label, &style_class);

  gtk_image_set_from_icon_name (self->status_icon, icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
  gtk_label_set_label (self->status_label, label);
  if (self->status_class != NULL)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_icon), self->status_class);
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
    }
  gtk_widget_add_css_class (GTK_WIDGET (self->status_icon), style_class);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), style_class);
  self->status_class = style_class;

  /* What the server took cannot be dropped any more. */
  gtk_widget_set_visible (GTK_WIDGET (self->drop_button), status != MFM_CHANGE_STATUS_APPLIED);

  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_label), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_icon), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->error_icon), "warning");

  if (failed)
    {
      const char *message = mfm_change_get_error_message (self->change);
      const char *style = unknown ? "warning" : "error";
      g_autofree char *text = NULL;

      /* Refused or not reached: the message says which. Sent without an answer: neither. */
      if (unknown)
        /* Translators: %s says why no answer came, e.g. "The server did not answer in time." */
        text = g_strdup_printf (_("It is not known whether the server made this change: %s Before it is saved again, the server is read back, and the change is left out if the server has it already."),
                                message ? message : _("no answer came back."));
      else
        /* Translators: %s is the server's message or why it was not reached */
        text = g_strdup_printf (_("This change was not saved: %s"),
                                message ? message : _("no reason given"));

      gtk_label_set_label (self->error_label, text);
      gtk_image_set_from_icon_name (self->error_icon, unknown ? "dialog-question-symbolic"
                                                              : "dialog-error-symbolic");
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->error_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, unknown ? _("Not known") : _("Error"),
                                      -1);
      gtk_widget_add_css_class (GTK_WIDGET (self->error_label), style);
      gtk_widget_add_css_class (GTK_WIDGET (self->error_icon), style);
      gtk_widget_add_css_class (GTK_WIDGET (self->title_label), style);
    }
  else
    gtk_label_set_label (self->error_label, NULL);

  show_part (GTK_WIDGET (self->error_box), NULL, failed);
  show_part (GTK_WIDGET (self->error_label), "change-error", failed);
}

static void
update_position (MfmChangeCard *self)
{
  g_autofree char *name = g_strdup_printf ("change-%u", self->position);
  g_autofree char *numbered = NULL;
  g_autofree char *drop_label = NULL;

  gtk_widget_set_name (GTK_WIDGET (self), name);

  /* Translators: %u is the position of the change in the save order, %s its title. */
  numbered = g_strdup_printf (_("%u. %s"), self->position + 1, mfm_change_get_title (self->change));
  gtk_label_set_label (self->title_label, numbered);

  /* Translators: %u is the number of the change in the list. */
  drop_label = g_strdup_printf (_("Drop change %u"), self->position + 1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->drop_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, drop_label,
                                  -1);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->drop_button), "u", self->position);

  if (gtk_widget_get_visible (GTK_WIDGET (self->base_moved_box)))
    {
      g_autofree char *accept_label = NULL;

      /* Translators: %u is the number of the change in the list. */
      accept_label = g_strdup_printf (_("Accept the server’s values for change %u"), self->position + 1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->accept_button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accept_label,
                                      -1);
    }
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->accept_button), "u", self->position);
}

static void
update_api_calls (MfmChangeCard *self)
{
  /* The calls in the names this server uses (its dialect). */
  g_autofree char *calls = mfm_session_describe_calls (self->session, self->change,
                                                       self->comment != NULL ? self->comment : "");

  mfm_code_block_set_text (self->api_block, calls);
}

static void
fill_base_moved (MfmChangeCard *self)
{
  gboolean moved = mfm_change_get_base_moved (self->change);
  GPtrArray *diffs;

  clear_list (self->base_moved_list);

  if (moved)
    {
      diffs = mfm_change_get_base_diffs (self->change);
      for (guint i = 0; i < diffs->len; i++)
        {
          MfmFieldDiff *diff = g_ptr_array_index (diffs, i);
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *subtitle = NULL;

          /* Translators: a value when the change was planned → the server's value now */
          subtitle = g_strdup_printf (_("planned against %s, now %s"),
                                      diff->old_value != NULL ? diff->old_value : "—",
                                      diff->new_value != NULL ? diff->new_value : "—");
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), diff->label);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          set_read_only (row);
          gtk_list_box_append (self->base_moved_list, row);
        }
    }

  gtk_label_set_label (self->base_moved_label,
                       moved ? _("The server changed since this change was planned. It cannot be saved until you accept the server’s values as its new starting point, or drop it.")
                             : NULL);
  gtk_button_set_label (self->accept_button, moved ? _("_Accept the Server’s Values") : NULL);
  show_part (GTK_WIDGET (self->base_moved_box), "base-moved", moved);
}

/* Scope refs read better as the scope's name and subnet, when the inventory knows them. */
static char *
describe_value (MfmInventory *inventory,
                MfmChange    *change,
                const char   *value)
{
  MfmChangeKind kind = mfm_change_get_kind (change);
  MfmScope *scope;

  if (value == NULL || (kind != MFM_CHANGE_ADD_SCOPES && kind != MFM_CHANGE_REMOVE_SCOPES))
    return g_strdup (value);

  scope = mfm_inventory_lookup_scope (inventory, value);
  if (scope == NULL)
    return g_strdup (value);

  return g_strdup_printf ("%s (%s) · %s", mfm_scope_get_name (scope),
                          mfm_scope_get_subnet (scope) != NULL ? mfm_scope_get_subnet (scope)
                                                               : _("Network unknown"),
                          value);
}

static void
fill_diff (MfmChangeCard *self)
{
  g_autoptr(GPtrArray) diff = mfm_change_get_diff (self->change);
  MfmInventory *inventory = mfm_session_get_inventory (self->session);
  MfmChangeKind kind = mfm_change_get_kind (self->change);

  adw_preferences_group_set_title (self->diff_group,
                                   kind == MFM_CHANGE_ADD_SCOPES || kind == MFM_CHANGE_REMOVE_SCOPES
                                   ? _("Scopes") : _("Values"));
  clear_list (self->diff_list);

  for (guint i = 0; diff != NULL && i < diff->len; i++)
    {
      MfmFieldDiff *field_diff = g_ptr_array_index (diff, i);
      g_autofree char *old_value = describe_value (inventory, self->change, field_diff->old_value);
      g_autofree char *new_value = describe_value (inventory, self->change, field_diff->new_value);
      g_autofree char *escaped_label = g_markup_escape_text (field_diff->label, -1);
      g_autofree char *escaped_old = g_markup_escape_text (old_value ? old_value : "", -1);
      g_autofree char *escaped_new = g_markup_escape_text (new_value ? new_value : "", -1);
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      /* Struck through = goes away, bold with a sign = arrives: readable without colour. */
      if (field_diff->old_value == NULL)
        subtitle = g_strdup_printf ("+ <b>%s</b>", escaped_new);
      else if (field_diff->new_value == NULL)
        subtitle = g_strdup_printf ("− <s>%s</s>", escaped_old);
      else
        subtitle = g_strdup_printf ("<s>%s</s> → <b>%s</b>", escaped_old, escaped_new);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_add_css_class (row, "property");
      set_read_only (row);
      gtk_list_box_append (self->diff_list, row);
    }

  if (diff == NULL || diff->len == 0)
    gtk_list_box_append (self->diff_list, new_text_row (_("No value changes"), NULL, NULL, NULL));
}

static void
fill_impact (MfmChangeCard *self)
{
  g_autoptr(GPtrArray) impact = mfm_change_compute_impact (self->change,
                                                           mfm_session_get_inventory (self->session));

  clear_list (self->impact_list);

  for (guint i = 0; impact != NULL && i < impact->len; i++)
    {
      MfmServerImpact *server = g_ptr_array_index (impact, i);
      const char *unread = NULL;

      if (server->server_ref != NULL && self->unread_servers != NULL)
        unread = g_hash_table_lookup (self->unread_servers, server->server_ref);

      gtk_list_box_append (self->impact_list,
                           GTK_WIDGET (mfm_server_impact_row_new (server, unread)));
    }
}

static void
fill_findings (MfmChangeCard *self)
{
  g_autoptr(GPtrArray) findings = mfm_change_validate (self->change,
                                                       mfm_session_get_inventory (self->session));
  gboolean any = findings != NULL && findings->len > 0;

  clear_list (self->findings_list);
  adw_preferences_group_set_title (self->findings_group, any ? _("Checks") : NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->findings_group), any);

  for (guint i = 0; any && i < findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (findings, i);

      gtk_list_box_append (self->findings_list,
                           new_text_row (finding->message,
                                         mfm_severity_get_label (finding->severity),
                                         mfm_severity_get_icon_name (finding->severity),
                                         mfm_severity_get_style_class (finding->severity)));
    }
}

static void
fill_notes (MfmChangeCard *self)
{
  const char *subtitle = mfm_change_get_subtitle (self->change);
  const char *note = mfm_change_get_note (self->change);

  gtk_label_set_label (self->subtitle_label, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), subtitle != NULL);
  gtk_label_set_label (self->note_label, note);
  show_part (GTK_WIDGET (self->note_label), "change-note", note != NULL);
}

void
mfm_change_card_refresh (MfmChangeCard *self)
{
  g_return_if_fail (MFM_IS_CHANGE_CARD (self));

  fill_notes (self);
  fill_base_moved (self);
  update_position (self);
  /* The diff first: computing the impact names the scopes, which the diff then shows as
   * the change has them. */
  fill_diff (self);
  fill_impact (self);
  fill_findings (self);
  update_api_calls (self);
}

static void
mfm_change_card_dispose (GObject *object)
{
  MfmChangeCard *self = (MfmChangeCard *)object;

  if (self->change != NULL)
    g_signal_handlers_disconnect_by_data (self->change, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), MFM_TYPE_CHANGE_CARD);
  g_clear_object (&self->change);
  g_clear_object (&self->session);
  g_clear_pointer (&self->unread_servers, g_hash_table_unref);

  G_OBJECT_CLASS (mfm_change_card_parent_class)->dispose (object);
}

static void
mfm_change_card_finalize (GObject *object)
{
  MfmChangeCard *self = (MfmChangeCard *)object;

  g_clear_pointer (&self->comment, g_free);

  G_OBJECT_CLASS (mfm_change_card_parent_class)->finalize (object);
}

static void
mfm_change_card_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MfmChangeCard *self = MFM_CHANGE_CARD (object);

  switch (prop_id)
    {
    case PROP_CHANGE:
      g_value_set_object (value, self->change);
      break;

    case PROP_POSITION:
      g_value_set_uint (value, self->position);
      break;

    case PROP_COMMENT:
      g_value_set_string (value, self->comment);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_change_card_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MfmChangeCard *self = MFM_CHANGE_CARD (object);

  switch (prop_id)
    {
    case PROP_CHANGE:
      self->change = g_value_dup_object (value);
      break;

    case PROP_POSITION:
      mfm_change_card_set_position (self, g_value_get_uint (value));
      break;

    case PROP_COMMENT:
      mfm_change_card_set_comment (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_change_card_class_init (MfmChangeCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = mfm_change_card_dispose;
  object_class->finalize = mfm_change_card_finalize;
  object_class->get_property = mfm_change_card_get_property;
  object_class->set_property = mfm_change_card_set_property;

  /**
   * MfmChangeCard:change:
   *
   * The staged change the card shows; its status, error message and base are followed.
   */
  properties[PROP_CHANGE] =
    g_param_spec_object ("change", NULL, NULL,
                         MFM_TYPE_CHANGE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  /**
   * MfmChangeCard:position:
   *
   * The change's place in the save order, from 0: the card shows it counted from 1, and its
   * Drop and Accept buttons act on that place. The card's widget name is "change-POSITION".
   */
  properties[PROP_POSITION] =
    g_param_spec_uint ("position", NULL, NULL,
                       0, G_MAXUINT, 0,
                       (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * MfmChangeCard:comment:
   *
   * The save comment, which the API calls shown carry as it is typed.
   */
  properties[PROP_COMMENT] =
    g_param_spec_string ("comment", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (MFM_TYPE_CODE_BLOCK);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/review/mfm-change-card.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, status_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, title_label);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, status_label);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, drop_button);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, error_box);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, error_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, error_label);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, note_label);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, base_moved_box);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, base_moved_label);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, base_moved_list);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, accept_button);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, diff_group);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, diff_list);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, impact_list);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, findings_group);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, findings_list);
  gtk_widget_class_bind_template_child (widget_class, MfmChangeCard, api_block);
}

static void
mfm_change_card_init (MfmChangeCard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

MfmChangeCard *
mfm_change_card_new (MfmSession *session,
                     MfmChange  *change,
                     GHashTable *unread_servers)
{
  MfmChangeCard *self;

  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);
  g_return_val_if_fail (MFM_IS_CHANGE (change), NULL);

  self = g_object_new (MFM_TYPE_CHANGE_CARD,
                       "change", change,
                       NULL);
  self->session = g_object_ref (session);
  self->unread_servers = unread_servers != NULL ? g_hash_table_ref (unread_servers) : NULL;

  g_signal_connect_object (change, "notify::status", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (change, "notify::error-message", G_CALLBACK (update_status), self, G_CONNECT_SWAPPED);
  /* Accepting the server's values changes what the change does, not only its warning. */
  g_signal_connect_object (change, "notify::base-moved", G_CALLBACK (mfm_change_card_refresh), self,
                           G_CONNECT_SWAPPED);

  update_status (self);
  mfm_change_card_refresh (self);

  return self;
}

MfmChange *
mfm_change_card_get_change (MfmChangeCard *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE_CARD (self), NULL);

  return self->change;
}

guint
mfm_change_card_get_position (MfmChangeCard *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE_CARD (self), 0);

  return self->position;
}

void
mfm_change_card_set_position (MfmChangeCard *self,
                              guint          position)
{
  g_return_if_fail (MFM_IS_CHANGE_CARD (self));

  if (self->position == position)
    return;

  self->position = position;
  if (self->change != NULL)
    update_position (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

const char *
mfm_change_card_get_comment (MfmChangeCard *self)
{
  g_return_val_if_fail (MFM_IS_CHANGE_CARD (self), NULL);

  return self->comment;
}

void
mfm_change_card_set_comment (MfmChangeCard *self,
                             const char    *comment)
{
  g_return_if_fail (MFM_IS_CHANGE_CARD (self));

  if (g_strcmp0 (self->comment, comment) == 0)
    return;

  g_free (self->comment);
  self->comment = g_strdup (comment);
  if (self->session != NULL)
    update_api_calls (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMMENT]);
}
