/* mfm-review-window.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-review-window"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-call-text.h"
#include "mfm-changes-actions.h"
#include "mfm-error.h"
#include "mfm-review-window.h"
#include "mfm-rules.h"
#include "mfm-severity.h"

struct _MfmReviewWindow
{
  AdwWindow       parent_instance;

  /* Owned References */
  MfmSession     *session;
  MfmChangeSet   *changes;
  GCancellable   *save_cancellable;
  GCancellable   *load_cancellable;
  GPtrArray      *watched_changes;   /* MfmChange whose status we follow */
  GHashTable     *loaded_servers;    /* server refs whose scopes were read */
  GHashTable     *unread_servers;    /* server ref → why its scopes could not be read */
  GActionGroup   *actions;           /* this window's "changes" group */
  GPtrArray      *api_labels;        /* GtkLabel per watched change, borrowed */

  gulong          progress_handler;
  guint           rebuild_source;
  gboolean        saving;

  /* Template Widgets */
  AdwWindowTitle *window_title;
  GtkButton      *undo_button;
  GtkButton      *redo_button;
  GtkButton      *save_button;
  GtkRevealer    *progress_revealer;
  GtkProgressBar *progress_bar;
  GtkButton      *cancel_save_button;
  GtkBox         *result_box;
  GtkImage       *result_icon;
  GtkLabel       *result_label;
  AdwEntryRow    *comment_row;
  GtkBox         *changes_box;
  AdwStatusPage  *empty_page;
};

G_DEFINE_FINAL_TYPE (MfmReviewWindow, mfm_review_window, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_SAVING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void schedule_rebuild (MfmReviewWindow *self);

static void
set_saving (MfmReviewWindow *self,
            gboolean         saving)
{
  if (self->saving == saving)
    return;

  self->saving = saving;
  gtk_revealer_set_reveal_child (self->progress_revealer, saving);

  /* The keyboard leaves the comment before it turns insensitive (GTK 4.8 would take the focus
   * without telling the text, which then warns): onto Cancel, which stops the save. */
  if (saving)
    {
      GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

      if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->comment_row)) &&
          !gtk_widget_grab_focus (GTK_WIDGET (self->cancel_save_button)))
        gtk_window_set_focus (GTK_WINDOW (self), NULL);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_row), !saving);

  /* The change set must not change under the save: no undo here, and modal so the main
   * window's Undo and Discard wait too. */
  if (self->actions != NULL)
    mfm_changes_actions_set_busy (self->actions, saving);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.drop", !saving);
  gtk_window_set_modal (GTK_WINDOW (self), saving);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
show_result (MfmReviewWindow *self,
             const char      *text,
             gboolean         success)
{
  gtk_label_set_label (self->result_label, text);
  gtk_image_set_from_icon_name (self->result_icon,
                                success ? "object-select-symbolic" : "dialog-error-symbolic");
  gtk_widget_remove_css_class (GTK_WIDGET (self->result_icon), success ? "error" : "success");
  gtk_widget_add_css_class (GTK_WIDGET (self->result_icon), success ? "success" : "error");
  gtk_widget_set_visible (GTK_WIDGET (self->result_box), text != NULL);
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
new_label (const char *text,
           const char *style_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  if (style_class != NULL)
    gtk_widget_add_css_class (label, style_class);

  return label;
}

static GtkWidget *
new_boxed_list (const char *accessible_label)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_label,
                                  -1);

  return list;
}

static void
copy_clicked_cb (GtkButton *button,
                 GtkLabel  *label)
{
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (button)),
                          gtk_label_get_text (label));
}

/* A monospace block, one line per entry, each prefixed with @prefix ("+ ", "− ", ""). */
static GtkWidget *
new_code_row (const char         *title,
              const char         *prefix,
              const char * const *lines,
              const char         *copy_label)
{
  GtkWidget *row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title_label;
  GtkWidget *code;
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; lines != NULL && lines[i] != NULL; i++)
    {
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s%s", prefix, lines[i]);
    }

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  /* Its text can be selected and copied, so the row stays sensitive; the row itself is no
   * stop, only what it holds. */
  gtk_widget_set_focusable (row, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title_label = new_label (title, "heading");
  gtk_widget_set_hexpand (title_label, TRUE);
  gtk_box_append (GTK_BOX (header), title_label);

  code = new_label (text->str, "monospace");
  gtk_label_set_selectable (GTK_LABEL (code), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (code), PANGO_WRAP_CHAR);

  if (copy_label != NULL)
    {
      GtkWidget *copy = gtk_button_new_from_icon_name ("edit-copy-symbolic");

      gtk_widget_add_css_class (copy, "flat");
      gtk_widget_set_valign (copy, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (copy, _("Copy"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (copy),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, copy_label,
                                      -1);
      g_signal_connect (copy, "clicked", G_CALLBACK (copy_clicked_cb), code);
      gtk_box_append (GTK_BOX (header), copy);
    }

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), code);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  return row;
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

static char *
join_lines (const char * const *lines)
{
  return g_strjoinv ("\n", (char **) lines);
}

static void
add_list_rows (GtkWidget          *expander,
               const char         *title,
               const char * const *items,
               const char         *icon_name,
               const char         *style_class)
{
  g_autofree char *text = NULL;

  if (items == NULL || items[0] == NULL)
    return;

  text = join_lines (items);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            new_text_row (title, text, icon_name, style_class));
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

static GtkWidget *
build_diff (MfmReviewWindow *self,
            MfmChange       *change)
{
  g_autoptr(GPtrArray) diff = mfm_change_get_diff (change);
  MfmInventory *inventory = mfm_session_get_inventory (self->session);
  MfmChangeKind kind = mfm_change_get_kind (change);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = new_boxed_list (_("Field changes"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group),
                                   kind == MFM_CHANGE_ADD_SCOPES || kind == MFM_CHANGE_REMOVE_SCOPES
                                   ? _("Scopes") : _("Values"));

  for (guint i = 0; diff != NULL && i < diff->len; i++)
    {
      MfmFieldDiff *field_diff = g_ptr_array_index (diff, i);
      g_autofree char *old_value = describe_value (inventory, change, field_diff->old_value);
      g_autofree char *new_value = describe_value (inventory, change, field_diff->new_value);
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
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }

  if (diff == NULL || diff->len == 0)
    gtk_list_box_append (GTK_LIST_BOX (list), new_text_row (_("No value changes"), NULL, NULL, NULL));

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  return group;
}

static GtkWidget *
build_impact (MfmReviewWindow *self,
              MfmChange       *change)
{
  g_autoptr(GPtrArray) impact = mfm_change_compute_impact (change, mfm_session_get_inventory (self->session));
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *list = new_boxed_list (_("Effect on each server"));

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Effect on Each Server"));

  for (guint i = 0; impact != NULL && i < impact->len; i++)
    {
      MfmServerImpact *server = g_ptr_array_index (impact, i);
      GtkWidget *expander = adw_expander_row_new ();
      guint n_added = server->lines_added ? g_strv_length (server->lines_added) : 0;
      guint n_removed = server->lines_removed ? g_strv_length (server->lines_removed) : 0;
      g_autofree char *added = g_strdup_printf (ngettext ("%u configuration line added", "%u configuration lines added", n_added), n_added);
      g_autofree char *removed = g_strdup_printf (ngettext ("%u removed", "%u removed", n_removed), n_removed);
      g_autofree char *subtitle = g_strdup_printf ("%s, %s", added, removed);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     server->server_name ? server->server_name : server->server_ref);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);

      /* Without its scopes the preview would quietly show too little. */
      if (server->server_ref != NULL && g_hash_table_contains (self->unread_servers, server->server_ref))
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  new_text_row (_("The scopes of this server could not be read, so what is shown here may be incomplete."),
                                                g_hash_table_lookup (self->unread_servers, server->server_ref),
                                                "dialog-warning-symbolic", "warning"));
      if (server->note != NULL)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  new_text_row (server->note, NULL, "dialog-information-symbolic", "dim-label"));
      if (n_added > 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  new_code_row (_("Configuration lines added"), "+ ",
                                                (const char * const *) server->lines_added, NULL));
      if (n_removed > 0)
        adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                                  new_code_row (_("Configuration lines removed"), "− ",
                                                (const char * const *) server->lines_removed, NULL));
      add_list_rows (expander, _("Pools that gain the failover peer"),
                     (const char * const *) server->pools_gaining, "list-add-symbolic", NULL);
      add_list_rows (expander, _("Pools that lose the failover peer"),
                     (const char * const *) server->pools_losing, "list-remove-symbolic", NULL);
      add_list_rows (expander, _("Scopes kept"),
                     (const char * const *) server->scopes_kept, "object-select-symbolic", "success");
      add_list_rows (expander, _("Scopes disabled"),
                     (const char * const *) server->scopes_disabled, "media-playback-pause-symbolic", "warning");
      add_list_rows (expander, _("Scopes deleted"),
                     (const char * const *) server->scopes_deleted, "user-trash-symbolic", "error");

      gtk_list_box_append (GTK_LIST_BOX (list), expander);
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  return group;
}

static GtkWidget *
build_findings (MfmReviewWindow *self,
                MfmChange       *change)
{
  g_autoptr(GPtrArray) findings = mfm_change_validate (change, mfm_session_get_inventory (self->session));
  GtkWidget *group;
  GtkWidget *list;

  if (findings == NULL || findings->len == 0)
    return NULL;

  group = adw_preferences_group_new ();
  list = new_boxed_list (_("Checks"));
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Checks"));

  for (guint i = 0; i < findings->len; i++)
    {
      MfmFinding *finding = g_ptr_array_index (findings, i);

      gtk_list_box_append (GTK_LIST_BOX (list),
                           new_text_row (finding->message,
                                         mfm_severity_get_label (finding->severity),
                                         mfm_severity_get_icon_name (finding->severity),
                                         mfm_severity_get_style_class (finding->severity)));
    }

  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), list);

  return group;
}

static GtkWidget *
find_code_label (GtkWidget *root)
{
  if (GTK_IS_LABEL (root) && gtk_widget_has_css_class (root, "monospace"))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_code_label (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The calls in the names this server uses (its dialect). */
static MfmClient *
review_client (MfmReviewWindow *self)
{
  return self->session != NULL ? mfm_session_get_client (self->session) : NULL;
}

static GtkWidget *
build_api_calls (MfmReviewWindow *self,
                 MfmChange       *change)
{
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  g_autofree char *calls = mfm_call_text_for_change (change, comment, review_client (self));
  const char *lines[] = { calls, NULL };
  GtkWidget *list = new_boxed_list (_("API calls"));
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), _("API Calls"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander),
                                 _("The exact requests Save sends for this change"));
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander),
                            new_code_row (_("JSON-RPC"), "", lines, _("Copy the API calls")));
  gtk_list_box_append (GTK_LIST_BOX (list), expander);

  /* The API text carries the save comment; it follows the comment as it is typed. */
  g_ptr_array_add (self->api_labels, find_code_label (expander));

  return list;
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

/* A change from a file whose server values moved since it was planned: every difference,
 * and the way on (take the server's values as the new base, or drop the change). */
static GtkWidget *
build_base_moved (MfmReviewWindow *self,
                  MfmChange       *change,
                  guint            position)
{
  GPtrArray *diffs = mfm_change_get_base_diffs (change);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = new_boxed_list (_("Changed on the server since this change was planned"));
  GtkWidget *accept = gtk_button_new_with_mnemonic (_("_Accept the Server’s Values"));
  GtkWidget *heading;
  g_autofree char *accept_label = NULL;

  gtk_widget_set_name (box, "base-moved");
  heading = new_label (_("The server changed since this change was planned. It cannot be saved until you accept the server’s values as its new starting point, or drop it."),
                       "warning");
  gtk_box_append (GTK_BOX (box), heading);

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
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  gtk_box_append (GTK_BOX (box), list);

  /* Translators: %u is the number of the change in the list. */
  accept_label = g_strdup_printf (_("Accept the server’s values for change %u"), position + 1);
  gtk_widget_set_name (accept, "accept-base");
  gtk_widget_set_halign (accept, GTK_ALIGN_START);
  gtk_accessible_update_property (GTK_ACCESSIBLE (accept),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accept_label,
                                  -1);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (accept), "review.accept-base");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (accept), "u", position);
  gtk_box_append (GTK_BOX (box), accept);

  return box;
}

static guint
count_base_moved (MfmChangeSet *changes)
{
  guint n = mfm_change_set_get_n_changes (changes);
  guint moved = 0;

  for (guint i = 0; i < n; i++)
    if (mfm_change_get_base_moved (mfm_change_set_get_change (changes, i)))
      moved++;

  return moved;
}

static GtkWidget *
build_section (MfmReviewWindow *self,
               MfmChange       *change,
               guint            position)
{
  GtkWidget *section = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *titles = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title;
  GtkWidget *status_icon;
  GtkWidget *status_label;
  GtkWidget *findings;
  g_autofree char *numbered = NULL;
  g_autofree char *name = g_strdup_printf ("change-%u", position);
  const char *icon_name, *label, *style_class;

  status_presentation (mfm_change_get_status (change), &icon_name, &label, &style_class);
  gtk_widget_set_name (section, name);

  status_icon = gtk_image_new_from_icon_name (icon_name);
  gtk_widget_add_css_class (status_icon, style_class);
  gtk_widget_set_valign (status_icon, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (status_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  /* Translators: %u is the position of the change in the save order, %s its title. */
  numbered = g_strdup_printf (_("%u. %s"), position + 1, mfm_change_get_title (change));
  title = new_label (numbered, "title-4");
  gtk_box_append (GTK_BOX (titles), title);
  if (mfm_change_get_subtitle (change) != NULL)
    gtk_box_append (GTK_BOX (titles), new_label (mfm_change_get_subtitle (change), "dim-label"));
  gtk_widget_set_hexpand (titles, TRUE);

  status_label = gtk_label_new (label);
  gtk_widget_add_css_class (status_label, style_class);
  gtk_widget_add_css_class (status_label, "heading");
  gtk_widget_set_valign (status_label, GTK_ALIGN_CENTER);

  gtk_box_append (GTK_BOX (header), status_icon);
  gtk_box_append (GTK_BOX (header), titles);
  gtk_box_append (GTK_BOX (header), status_label);

  /* Any one change can go, not only the last: Undo brings it back to its place. */
  if (mfm_change_get_status (change) != MFM_CHANGE_STATUS_APPLIED)
    {
      GtkWidget *drop = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      g_autofree char *drop_label = NULL;

      /* Translators: %u is the number of the change in the list. */
      drop_label = g_strdup_printf (_("Drop change %u"), position + 1);
      gtk_widget_set_name (drop, "drop-change");
      gtk_widget_set_valign (drop, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (drop, "flat");
      gtk_widget_set_tooltip_text (drop, _("Drop this change"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (drop),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, drop_label,
                                      -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (drop), "review.drop");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (drop), "u", position);
      gtk_box_append (GTK_BOX (header), drop);
    }

  gtk_box_append (GTK_BOX (section), header);

  if (mfm_change_get_status (change) == MFM_CHANGE_STATUS_FAILED ||
      mfm_change_get_status (change) == MFM_CHANGE_STATUS_UNKNOWN)
    {
      gboolean unknown = mfm_change_get_status (change) == MFM_CHANGE_STATUS_UNKNOWN;
      GtkWidget *error_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *error_icon = gtk_image_new_from_icon_name (unknown ? "dialog-question-symbolic"
                                                                    : "dialog-error-symbolic");
      const char *message = mfm_change_get_error_message (change);
      g_autofree char *text = NULL;
      GtkWidget *error_label;

      /* Refused or not reached: the message says which. Sent without an answer: neither. */
      if (unknown)
        /* Translators: %s says why no answer came, e.g. "The server did not answer in time." */
        text = g_strdup_printf (_("It is not known whether the server made this change: %s Before it is saved again, the server is read back, and the change is left out if the server has it already."),
                                message ? message : _("no answer came back."));
      else
        /* Translators: %s is the server's message or why it was not reached */
        text = g_strdup_printf (_("This change was not saved: %s"),
                                message ? message : _("no reason given"));
      error_label = new_label (text, unknown ? "warning" : "error");

      gtk_widget_set_name (error_label, "change-error");
      gtk_label_set_selectable (GTK_LABEL (error_label), TRUE);
      gtk_widget_set_hexpand (error_label, TRUE);
      gtk_widget_add_css_class (error_icon, unknown ? "warning" : "error");
      gtk_accessible_update_property (GTK_ACCESSIBLE (error_icon),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, unknown ? _("Not known") : _("Error"),
                                      -1);
      gtk_widget_add_css_class (error_box, "card");
      gtk_widget_set_margin_top (error_icon, 12);
      gtk_widget_set_margin_top (error_label, 12);
      gtk_widget_set_margin_bottom (error_label, 12);
      gtk_widget_set_margin_start (error_icon, 12);
      gtk_widget_set_valign (error_icon, GTK_ALIGN_START);
      gtk_widget_set_margin_end (error_label, 12);
      gtk_box_append (GTK_BOX (error_box), error_icon);
      gtk_box_append (GTK_BOX (error_box), error_label);
      gtk_box_append (GTK_BOX (section), error_box);
      gtk_widget_add_css_class (title, unknown ? "warning" : "error");
    }

  if (mfm_change_get_note (change) != NULL)
    {
      GtkWidget *note = new_label (mfm_change_get_note (change), "warning");

      gtk_widget_set_name (note, "change-note");
      gtk_box_append (GTK_BOX (section), note);
    }

  if (mfm_change_get_base_moved (change))
    gtk_box_append (GTK_BOX (section), build_base_moved (self, change, position));

  gtk_box_append (GTK_BOX (section), build_diff (self, change));
  gtk_box_append (GTK_BOX (section), build_impact (self, change));
  findings = build_findings (self, change);
  if (findings != NULL)
    gtk_box_append (GTK_BOX (section), findings);
  gtk_box_append (GTK_BOX (section), build_api_calls (self, change));

  return section;
}

static void
unwatch_changes (MfmReviewWindow *self)
{
  for (guint i = 0; i < self->watched_changes->len; i++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->watched_changes, i), self);

  g_ptr_array_set_size (self->watched_changes, 0);
}

static void
rebuild (MfmReviewWindow *self)
{
  guint n_changes = mfm_change_set_get_n_changes (self->changes);
  GtkWidget *child;
  g_autofree char *subtitle = NULL;

  unwatch_changes (self);
  g_ptr_array_set_size (self->api_labels, 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->changes_box))) != NULL)
    gtk_box_remove (self->changes_box, child);

  for (guint i = 0; i < n_changes; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);

      gtk_box_append (self->changes_box, build_section (self, change, i));
      g_signal_connect_swapped (change, "notify::status", G_CALLBACK (schedule_rebuild), self);
      g_signal_connect_swapped (change, "notify::error-message", G_CALLBACK (schedule_rebuild), self);
      g_signal_connect_swapped (change, "notify::base-moved", G_CALLBACK (schedule_rebuild), self);
      g_ptr_array_add (self->watched_changes, g_object_ref (change));
    }

  subtitle = g_strdup_printf (ngettext ("%u pending change", "%u pending changes", n_changes), n_changes);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), n_changes == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button),
                            n_changes > 0 && !self->saving && count_base_moved (self->changes) == 0);
}

static gboolean
rebuild_idle_cb (gpointer user_data)
{
  MfmReviewWindow *self = user_data;

  self->rebuild_source = 0;
  rebuild (self);

  return G_SOURCE_REMOVE;
}

/* Status notifications come in bursts while saving; rebuild once per main-loop turn. */
static void
schedule_rebuild (MfmReviewWindow *self)
{
  if (self->rebuild_source == 0)
    self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
}

static void
load_scopes_for (MfmReviewWindow *self,
                 const char      *server_ref);

static void
load_missing_scopes (MfmReviewWindow *self)
{
  guint n_changes = mfm_change_set_get_n_changes (self->changes);

  /* Impacts on scopes need the servers' scopes, which a refresh does not read. */
  for (guint i = 0; i < n_changes; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);
      MfmRelationship *relationship = mfm_change_get_relationship (change);

      if (mfm_change_get_kind (change) == MFM_CHANGE_ADD || relationship == NULL)
        continue;

      load_scopes_for (self, mfm_relationship_get_primary_server_ref (relationship));
      load_scopes_for (self, mfm_relationship_get_secondary_server_ref (relationship));
    }
}

static void
inventory_scopes_changed_cb (MfmReviewWindow *self)
{
  if (!self->saving)
    schedule_rebuild (self);
}

typedef struct
{
  MfmReviewWindow *self;
  char            *server_ref;
} LoadData;

static void
load_data_free (LoadData *data)
{
  g_clear_weak_pointer (&data->self);
  g_free (data->server_ref);
  g_free (data);
}

static void
load_scopes_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  LoadData *data = user_data;
  g_autoptr(GPtrArray) scopes = NULL;
  g_autoptr(GError) error = NULL;

  scopes = mfm_session_load_scopes_finish (MFM_SESSION (object), result, &error);

  if (scopes != NULL && data->self != NULL)
    {
      g_hash_table_remove (data->self->unread_servers, data->server_ref);
      mfm_inventory_replace_scopes_for_server (mfm_session_get_inventory (data->self->session),
                                               data->server_ref, scopes);
    }
  else if (error != NULL && data->self != NULL &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_debug ("Could not read the scopes of %s: %s", data->server_ref, error->message);
      /* Tried again with the next change to the list; meanwhile the preview says so. */
      g_hash_table_remove (data->self->loaded_servers, data->server_ref);
      g_hash_table_insert (data->self->unread_servers, g_strdup (data->server_ref),
                           g_strdup (mfm_error_get_sentence (error)));
      schedule_rebuild (data->self);
    }

  load_data_free (data);
}

static void
load_scopes_for (MfmReviewWindow *self,
                 const char      *server_ref)
{
  LoadData *data;

  if (server_ref == NULL || g_hash_table_contains (self->loaded_servers, server_ref))
    return;

  g_hash_table_add (self->loaded_servers, g_strdup (server_ref));

  data = g_new0 (LoadData, 1);
  g_set_weak_pointer (&data->self, self);
  data->server_ref = g_strdup (server_ref);
  mfm_session_load_scopes_async (self->session, server_ref, self->load_cancellable,
                                 load_scopes_done_cb, data);
}

static void
changes_changed_cb (MfmReviewWindow *self)
{
  if (!self->saving)
    load_missing_scopes (self);

  schedule_rebuild (self);
}

static void
comment_changed_cb (MfmReviewWindow *self)
{
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));

  if (self->api_labels == NULL || self->watched_changes == NULL)
    return;

  for (guint i = 0; i < self->api_labels->len && i < self->watched_changes->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (self->api_labels, i);
      g_autofree char *calls = NULL;

      if (label == NULL)
        continue;

      calls = mfm_call_text_for_change (g_ptr_array_index (self->watched_changes, i),
                                        comment, review_client (self));
      gtk_label_set_label (label, calls);
    }
}

static void
progress_cb (MfmSession      *session,
             guint            done,
             guint            total,
             MfmReviewWindow *self)
{
  g_autofree char *text = NULL;

  if (total == 0)
    return;

  /* "Saving 2 of 3…" while the second one is on its way. */
  text = g_strdup_printf (_("Saving %u of %u…"), MIN (done + 1, total), total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, (double) done / total);
}

static guint
count_with_status (MfmReviewWindow *self,
                   MfmChangeStatus  status,
                   MfmChange      **first)
{
  guint n_changes = mfm_change_set_get_n_changes (self->changes);
  guint count = 0;

  for (guint i = 0; i < n_changes; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);

      if (mfm_change_get_status (change) == status)
        {
          if (count == 0 && first != NULL)
            *first = change;
          count++;
        }
    }

  return count;
}

static void
apply_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(MfmReviewWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  MfmChange *failed = NULL;
  GtkWindow *parent;
  gboolean ok;
  guint n_saved;

  ok = mfm_session_save_finish (MFM_SESSION (object), result, &error);
  mfm_session_journal_end (self->session);

  g_clear_signal_handler (&self->progress_handler, object);
  g_clear_object (&self->save_cancellable);

  n_saved = count_with_status (self, MFM_CHANGE_STATUS_APPLIED, NULL);
  /* The change the save stopped at: refused or not reached, or sent without an answer. */
  if (count_with_status (self, MFM_CHANGE_STATUS_FAILED, &failed) == 0)
    count_with_status (self, MFM_CHANGE_STATUS_UNKNOWN, &failed);

  /* Only what the server took leaves the list; the failed change and the rest stay staged. */
  mfm_change_set_remove_applied (self->changes);
  set_saving (self, FALSE);
  if (n_saved > 0)
    mfm_session_refresh_after_save (self->session);
  else
    mfm_session_refresh_async (self->session, NULL, NULL, NULL);

  if (ok)
    {
      text = g_strdup_printf (ngettext ("Saved %u change", "Saved %u changes", n_saved), n_saved);
      parent = gtk_window_get_transient_for (GTK_WINDOW (self));

      /* The main window shows it as a toast; without one the message stays here. */
      if (parent != NULL &&
          gtk_widget_activate_action (GTK_WIDGET (parent), "win.show-toast", "s", text))
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return;
        }

      show_result (self, text, TRUE);
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      text = g_strdup_printf (ngettext ("Saving was stopped after %u change. The others are still staged.",
                                        "Saving was stopped after %u changes. The others are still staged.",
                                        n_saved),
                              n_saved);
      show_result (self, text, FALSE);
    }
  else
    {
      g_autofree char *saved = NULL;
      const char *message = failed != NULL && mfm_change_get_error_message (failed) != NULL
                            ? mfm_change_get_error_message (failed)
                            : mfm_error_get_sentence (error);

      if (n_saved == 0)
        saved = g_strdup (_("No change was saved."));
      else
        saved = g_strdup_printf (ngettext ("%u change was saved.", "%u changes were saved.", n_saved),
                                 n_saved);

      if (mfm_error_is_refusal (error))
        /* Translators: the first %u is the change's position in the save order, the %s the
         * server's message, then a sentence saying how many changes were saved. */
        text = g_strdup_printf (_("Change %u was refused: %s\n%s The refused change and the ones after it are still staged."),
                                n_saved + 1, message, saved);
      else if (failed != NULL && mfm_change_get_status (failed) == MFM_CHANGE_STATUS_UNKNOWN)
        /* Translators: the first %u is the change's position in the save order, the %s says
         * why (e.g. "The server did not answer in time."), then a sentence saying how many
         * changes were saved. */
        {
          /* Translators: the %u is the change's position in the save order, the %s says
           * why (e.g. "The server did not answer in time.") */
          g_autofree char *first = g_strdup_printf (_("Change %u may or may not have been saved: %s"),
                                                    n_saved + 1, message);

          /* "No change was saved" would not be true: this one may have been. */
          text = g_strdup_printf ("%s\n%s%s%s", first,
                                  n_saved > 0 ? saved : "", n_saved > 0 ? " " : "",
                                  _("No answer came back, so the next save reads the server back first and leaves this change out if the server has it already. It and the changes after it are still staged."));
        }
      else
        /* Translators: the first %u is the change's position in the save order, the %s says
         * why (e.g. "The server could not be reached."), then a sentence saying how many
         * changes were saved. */
        text = g_strdup_printf (_("Change %u could not be saved: %s\n%s It and the changes after it are still staged."),
                                n_saved + 1, message, saved);

      show_result (self, text, FALSE);
    }

  rebuild (self);
}

static void
save_clicked_cb (MfmReviewWindow *self)
{
  guint n_changes = mfm_change_set_get_n_changes (self->changes);
  g_autoptr(GError) journal_error = NULL;
  g_autofree char *text = NULL;
  const char *comment;

  if (self->saving || n_changes == 0 || count_base_moved (self->changes) > 0)
    return;

  /* A change that failed last time is tried again. */
  for (guint i = 0; i < n_changes; i++)
    {
      MfmChange *change = mfm_change_set_get_change (self->changes, i);

      if (mfm_change_get_status (change) == MFM_CHANGE_STATUS_FAILED)
        {
          mfm_change_set_error_message (change, NULL);
          mfm_change_set_status (change, MFM_CHANGE_STATUS_PENDING);
        }
    }

  /* The journal says what is about to be sent before anything is; no record, no save. */
  comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  if (!mfm_session_journal_begin (self->session, (comment != NULL && *comment != '\0') ? comment : NULL,
                                  &journal_error))
    {
      show_result (self, journal_error->message, FALSE);
      return;
    }

  show_result (self, NULL, TRUE);
  set_saving (self, TRUE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_button), FALSE);

  text = g_strdup_printf (_("Saving %u of %u…"), 1, n_changes);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);

  self->save_cancellable = g_cancellable_new ();
  self->progress_handler = g_signal_connect_object (self->session, "save-progress",
                                                    G_CALLBACK (progress_cb), self, 0);

  comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  mfm_session_save_async (self->session,
                          (comment != NULL && *comment != '\0') ? comment : NULL,
                          self->save_cancellable,
                          apply_cb,
                          g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save_clicked_cb (MFM_REVIEW_WINDOW (widget));
}

static void
drop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (widget);

  if (self->saving)
    return;

  mfm_change_set_remove_at (self->changes, g_variant_get_uint32 (parameter));
}

static void
accept_base_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (widget);
  guint position = g_variant_get_uint32 (parameter);

  if (self->saving || position >= mfm_change_set_get_n_changes (self->changes))
    return;

  mfm_change_accept_base (mfm_change_set_get_change (self->changes, position));
  mfm_session_save_draft (self->session);
}

static void
cancel_save_clicked_cb (MfmReviewWindow *self)
{
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);
}

static gboolean
mfm_review_window_close_request (GtkWindow *window)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (window);

  /* Closing stops after the change on its way; the callback still tidies the change set. */
  if (self->save_cancellable != NULL)
    g_cancellable_cancel (self->save_cancellable);

  return GTK_WINDOW_CLASS (mfm_review_window_parent_class)->close_request (window);
}

static void
mfm_review_window_dispose (GObject *object)
{
  MfmReviewWindow *self = (MfmReviewWindow *)object;

  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  if (self->watched_changes != NULL)
    unwatch_changes (self);

  if (self->changes != NULL)
    g_signal_handlers_disconnect_by_data (self->changes, self);

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (mfm_inventory_get_scopes (mfm_session_get_inventory (self->session)),
                                          self);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  g_clear_pointer (&self->watched_changes, g_ptr_array_unref);
  g_clear_pointer (&self->api_labels, g_ptr_array_unref);
  g_clear_pointer (&self->loaded_servers, g_hash_table_unref);
  g_clear_pointer (&self->unread_servers, g_hash_table_unref);
  g_clear_object (&self->actions);
  g_clear_object (&self->changes);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (mfm_review_window_parent_class)->dispose (object);
}

static void
mfm_review_window_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  MfmReviewWindow *self = MFM_REVIEW_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
mfm_review_window_class_init (MfmReviewWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = mfm_review_window_dispose;
  object_class->get_property = mfm_review_window_get_property;
  window_class->close_request = mfm_review_window_close_request;

  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/mfm-review-window.ui");
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, save_button);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, cancel_save_button);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, result_box);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, result_icon);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, result_label);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, comment_row);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, changes_box);
  gtk_widget_class_bind_template_child (widget_class, MfmReviewWindow, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, save_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_save_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);

  /* Ctrl+S saves here as in the main window; Enter in the comment does too. */
  gtk_widget_class_install_action (widget_class, "review.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "review.drop", "u", drop_action);
  gtk_widget_class_install_action (widget_class, "review.accept-base", "u", accept_base_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "review.save", NULL);
}

static void
mfm_review_window_init (MfmReviewWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->watched_changes = g_ptr_array_new_with_free_func (g_object_unref);
  self->loaded_servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unread_servers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->api_labels = g_ptr_array_new ();
  g_signal_connect_swapped (self->comment_row, "changed", G_CALLBACK (comment_changed_cb), self);
  g_signal_connect_swapped (self->comment_row, "entry-activated", G_CALLBACK (save_clicked_cb), self);
  self->load_cancellable = g_cancellable_new ();
}

MfmReviewWindow *
mfm_review_window_new (GtkWindow  *parent,
                       MfmSession *session)
{
  GActionGroup *actions;
  MfmReviewWindow *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (MFM_IS_SESSION (session), NULL);

  self = g_object_new (MFM_TYPE_REVIEW_WINDOW,
                       "transient-for", parent,
                       NULL);
  self->session = g_object_ref (session);
  self->changes = g_object_ref (mfm_session_get_changes (session));

  /* Undo and Redo work here too: this window is not inside the main window's action tree. */
  actions = mfm_changes_actions_new (GTK_WINDOW (self), session);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "changes", actions);
  self->actions = actions;

  g_signal_connect_swapped (self->changes, "changed", G_CALLBACK (changes_changed_cb), self);
  g_signal_connect_swapped (mfm_inventory_get_scopes (mfm_session_get_inventory (session)),
                            "items-changed", G_CALLBACK (inventory_scopes_changed_cb), self);

  load_missing_scopes (self);
  rebuild (self);

  /* The keyboard starts in the comment, never on Undo (where Enter would undo a change). */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->comment_row));

  return self;
}

gboolean
mfm_review_window_get_saving (MfmReviewWindow *self)
{
  g_return_val_if_fail (MFM_IS_REVIEW_WINDOW (self), FALSE);

  return self->saving;
}
