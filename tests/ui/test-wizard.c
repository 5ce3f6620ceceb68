/* test-wizard.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The Add/Edit relationship assistant against a real simulator: every error rule of the
 * form keeps Next shut and shows its message by its own field, warnings reach the summary,
 * Enter is Next, Add and Stage Changes stage the right change, Cancel asks first. */

#define G_LOG_DOMAIN "test-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-changes-test-util.h"
#include "mfm-field-message.h"
#include "mfm-field-row.h"
#include "mfm-relationship-editor.h"
#include "mfm-rules.h"
#include "mfm-ui-test-util.h"

#define W MFM_TYPE_RELATIONSHIP_EDITOR

static MfmRelationshipEditor *
open_add (ChangesFixture *fixture,
          const char     *primary_ref)
{
  MfmRelationshipEditor *wizard;

  changes_test_activate (fixture, "add-relationship", g_variant_new_string (primary_ref));
  wizard = changes_test_find_window (MFM_TYPE_RELATIONSHIP_EDITOR);
  g_assert_nonnull (wizard);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (wizard)) == fixture->parent);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (wizard)));

  return wizard;
}

/* A child of the editor's template or of one of its pages' templates, by its id. */
static GtkWidget *
editor_child (MfmRelationshipEditor *wizard,
              const char            *id)
{
  static const char * const pages[] = { "setup_page", "options_page", "summary_page" };
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (wizard), W, id);

  for (guint i = 0; child == NULL && i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page = changes_test_child (wizard, W, pages[i]);

      child = gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), id);
    }
  g_assert_nonnull (child);

  return GTK_WIDGET (child);
}

/* The entry row of @field: field rows are named by their field's id. */
static GtkWidget *
field_row (MfmRelationshipEditor *wizard,
           MfmField               field)
{
  GtkWidget *row = changes_test_find_named (GTK_WIDGET (wizard), mfm_field_get_id (field));

  g_assert_true (MFM_IS_FIELD_ROW (row));
  g_assert_cmpint (mfm_field_row_get_field (MFM_FIELD_ROW (row)), ==, field);

  return row;
}

/* The message line under @field, named by the field's id and "-message". */
static GtkWidget *
message_line (MfmRelationshipEditor *wizard,
              MfmField               field)
{
  g_autofree char *name = g_strdup_printf ("%s-message", mfm_field_get_id (field));
  GtkWidget *line = changes_test_find_named (GTK_WIDGET (wizard), name);

  g_assert_true (MFM_IS_FIELD_MESSAGE (line));

  return line;
}

static GtkWidget *
message_label (MfmRelationshipEditor *wizard,
               MfmField               field)
{
  return changes_test_child (message_line (wizard, field), MFM_TYPE_FIELD_MESSAGE, "label");
}

static void
type_text (MfmRelationshipEditor *wizard,
           MfmField               field,
           const char            *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field_row (wizard, field)), text);
}

static void
choose_partner (MfmRelationshipEditor *wizard,
                const char            *server_ref)
{
  changes_test_choose_server (editor_child (wizard, "partner_chooser"), server_ref);
}

static gboolean
next_sensitive (MfmRelationshipEditor *wizard)
{
  return gtk_widget_get_sensitive (changes_test_child (wizard, W, "next_button"));
}

static const char *
visible_page (MfmRelationshipEditor *wizard)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (changes_test_child (wizard, W, "stack")));
}

static const char *
field_message (MfmRelationshipEditor *wizard,
               MfmField               field,
               const char            *expected_class)
{
  GtkWidget *label = message_label (wizard, field);

  /* The message line is always there (it keeps its space); a message is its text. */
  g_assert_true (gtk_widget_get_visible (message_line (wizard, field)));
  if (expected_class == NULL)
    {
      g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), ==, "");
      return NULL;
    }

  g_assert_true (gtk_widget_has_css_class (label, expected_class));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (label)), !=, "");

  return gtk_label_get_label (GTK_LABEL (label));
}

static gboolean
field_shows_error (MfmRelationshipEditor *wizard,
                   MfmField               field)
{
  GtkWidget *label = message_label (wizard, field);

  return gtk_widget_get_visible (message_line (wizard, field)) &&
         *gtk_label_get_label (GTK_LABEL (label)) != '\0' &&
         gtk_widget_has_css_class (label, "error");
}

/* Only @field shows an error: each message sits by its own field. */
static void
assert_only_error_on (MfmRelationshipEditor *wizard,
                      MfmField               field,
                      MfmField               first,
                      MfmField               last)
{
  for (MfmField other = first; other <= last; other++)
    {
      if (other == field)
        field_message (wizard, other, "error");
      else
        g_assert_false (field_shows_error (wizard, other));
    }
}

typedef struct
{
  MfmField    field;
  const char *text;
} BadValue;

static void
check_bad_values (MfmRelationshipEditor *wizard,
                  const BadValue        *cases,
                  guint                  n_cases,
                  MfmField               first,
                  MfmField               last)
{
  for (guint i = 0; i < n_cases; i++)
    {
      GtkWidget *row = field_row (wizard, cases[i].field);
      g_autofree char *good = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

      g_test_message ("%s = “%s”", mfm_field_get_id (cases[i].field), cases[i].text);
      type_text (wizard, cases[i].field, cases[i].text);
      g_assert_false (next_sensitive (wizard));
      assert_only_error_on (wizard, cases[i].field, first, last);
      /* What was typed stays as typed, to be corrected rather than typed again. */
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, cases[i].text);

      type_text (wizard, cases[i].field, good);
      g_assert_true (next_sensitive (wizard));
      g_assert_false (field_shows_error (wizard, cases[i].field));
    }
}

static void
test_error_rules (ChangesFixture *fixture,
                  gconstpointer   data)
{
  static const BadValue setup_cases[] = {
    { MFM_FIELD_NAME, "" },
    { MFM_FIELD_NAME, "a234567890123456789012345678901234567890123456789012345678901234" },
    { MFM_FIELD_NAME, "-starts-with-dash" },
    { MFM_FIELD_NAME, "has space" },
    { MFM_FIELD_NAME, " lon-dr" },
    { MFM_FIELD_NAME, "lon-dr " },
    { MFM_FIELD_NAME, "münchen-ha" },
    { MFM_FIELD_NAME, "Reykjavík" },
    { MFM_FIELD_NAME, "lon\u200bdr" },
    { MFM_FIELD_NAME, "lon-failover" },          /* already used by the primary */
    { MFM_FIELD_PORT, "" },
    { MFM_FIELD_PORT, "0" },
    { MFM_FIELD_PORT, "65536" },
    { MFM_FIELD_PORT, "70000" },
    { MFM_FIELD_PORT, "67" },
    { MFM_FIELD_PORT, "68" },
    { MFM_FIELD_PORT, "six" },
    { MFM_FIELD_PORT, "６４７" },
    { MFM_FIELD_PORT, "64 7" },
    { MFM_FIELD_PORT, "+647" },
    { MFM_FIELD_PORT, "647.0" },
    { MFM_FIELD_PORT, "99999999999999999999999" },
    { MFM_FIELD_PEER_PORT, "" },
    { MFM_FIELD_PEER_PORT, "0" },
    { MFM_FIELD_PEER_PORT, "99999" },
    { MFM_FIELD_PEER_PORT, "67" },
    { MFM_FIELD_PEER_PORT, "68" },
  };
  static const BadValue option_cases[] = {
    { MFM_FIELD_MCLT, "0" },
    { MFM_FIELD_MCLT, "" },
    { MFM_FIELD_MCLT, "4294967296" },
    { MFM_FIELD_MCLT, "18446744073709551616" },
    { MFM_FIELD_MCLT, "1e3" },
    { MFM_FIELD_MAX_RESPONSE_DELAY, "0" },
    { MFM_FIELD_MAX_RESPONSE_DELAY, "" },
    { MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, "-1" },
    { MFM_FIELD_MAX_UNACKED_UPDATES, "0" },
    { MFM_FIELD_MAX_UNACKED_UPDATES, "" },
    { MFM_FIELD_PERCENTAGE, "101" },
    { MFM_FIELD_PERCENTAGE, "-5" },
    { MFM_FIELD_PERCENTAGE, "50.5" },
    { MFM_FIELD_PERCENTAGE, "50 %" },
  };
  MfmRelationshipEditor *wizard = open_add (fixture, "dhcpServers/24");

  /* A fresh form: nothing typed, so no error yet, but what is missing reads as a hint under
   * each empty field and on the greyed-out Next. */
  g_assert_cmpstr (visible_page (wizard), ==, "setup");
  g_assert_false (next_sensitive (wizard));
  g_assert_cmpstr (field_message (wizard, MFM_FIELD_NAME, "dim-label"), ==, "Enter a failover name.");
  g_assert_cmpstr (field_message (wizard, MFM_FIELD_PARTNER_SERVER, "dim-label"), ==, "Choose a partner server.");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (changes_test_child (wizard, W, "next_button")), ==,
                   "Enter a failover name.");
  field_message (wizard, MFM_FIELD_PORT, NULL);
  field_message (wizard, MFM_FIELD_PRIMARY_SERVER, NULL);
  g_assert_false (gtk_widget_get_visible (changes_test_child (wizard, W, "back_button")));
  g_assert_false (gtk_widget_get_visible (changes_test_child (wizard, W, "finish_button")));

  /* The defaults of the ISC knowledge-base example. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_PORT))), ==, "647");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_PEER_PORT))), ==, "647");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_MCLT))), ==, "3600");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_MAX_RESPONSE_DELAY))), ==, "60");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS))), ==, "3");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_MAX_UNACKED_UPDATES))), ==, "10");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_PERCENTAGE))), ==, "50");

  type_text (wizard, MFM_FIELD_NAME, "lon-dr");
  g_assert_false (next_sensitive (wizard));     /* no partner yet */
  g_assert_cmpstr (gtk_widget_get_tooltip_text (changes_test_child (wizard, W, "next_button")), ==,
                   "Choose a partner server.");
  choose_partner (wizard, "dhcpServers/17");
  g_assert_true (next_sensitive (wizard));
  g_assert_null (gtk_widget_get_tooltip_text (changes_test_child (wizard, W, "next_button")));

  /* The partner list holds ISC servers only, never the primary itself. */
  {
    GtkWidget *chooser = editor_child (wizard, "partner_chooser");

    g_assert_cmpuint (changes_test_server_position (chooser, "dhcpServers/24"), ==, GTK_INVALID_LIST_POSITION);
    g_assert_cmpuint (changes_test_server_position (chooser, "dhcpServers/40"), ==, GTK_INVALID_LIST_POSITION);
    g_assert_cmpuint (changes_test_server_position (chooser, "dhcpServers/45"), ==, GTK_INVALID_LIST_POSITION);
    g_assert_cmpuint (g_list_model_get_n_items (mfm_server_chooser_get_model (MFM_SERVER_CHOOSER (chooser))), ==, 7);
  }

  check_bad_values (wizard, setup_cases, G_N_ELEMENTS (setup_cases),
                    MFM_FIELD_NAME, MFM_FIELD_PEER_PORT);

  /* A letter with an accent is a letter to a person: the message says which letters. */
  type_text (wizard, MFM_FIELD_NAME, "münchen-ha");
  g_assert_nonnull (strstr (field_message (wizard, MFM_FIELD_NAME, "error"), "a to z"));
  type_text (wizard, MFM_FIELD_NAME, "lon-dr");
  g_assert_true (next_sensitive (wizard));

  /* No partner is an error of the partner field. */
  choose_partner (wizard, NULL);
  g_assert_false (next_sensitive (wizard));
  assert_only_error_on (wizard, MFM_FIELD_PARTNER_SERVER, MFM_FIELD_NAME, MFM_FIELD_PEER_PORT);
  choose_partner (wizard, "dhcpServers/17");
  g_assert_true (next_sensitive (wizard));

  /* Next is refused while the step has an error, even when clicked. */
  type_text (wizard, MFM_FIELD_PORT, "68");
  g_signal_emit_by_name (changes_test_child (wizard, W, "next_button"), "clicked");
  g_assert_cmpstr (visible_page (wizard), ==, "setup");
  type_text (wizard, MFM_FIELD_PORT, "647");

  changes_test_click (changes_test_child (wizard, W, "next_button"));
  g_assert_cmpstr (visible_page (wizard), ==, "options");
  g_assert_true (gtk_widget_get_visible (changes_test_child (wizard, W, "back_button")));
  g_assert_true (next_sensitive (wizard));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (editor_child (wizard, "split_label"))), ==,
                   "Primary answers 128 of 256 hash buckets (split 128)");

  check_bad_values (wizard, option_cases, G_N_ELEMENTS (option_cases),
                    MFM_FIELD_MCLT, MFM_FIELD_PERCENTAGE);

  /* The split follows the percentage as it is typed. */
  type_text (wizard, MFM_FIELD_PERCENTAGE, "75");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (editor_child (wizard, "split_label"))), ==,
                   "Primary answers 192 of 256 hash buckets (split 192)");

  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 0);
}

static GPtrArray *
list_titles (GtkWidget *list)
{
  GPtrArray *titles = g_ptr_array_new_with_free_func (g_free);

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *value = changes_test_find_named (row, "value");

      /* Value rows show their value in a label named "value"; finding rows in the subtitle. */
      if (ADW_IS_ACTION_ROW (row))
        g_ptr_array_add (titles, g_strdup_printf ("%s\n%s",
                                                  adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)),
                                                  value ? gtk_label_get_text (GTK_LABEL (value))
                                                        : adw_action_row_get_subtitle (ADW_ACTION_ROW (row)) ?: ""));
    }

  return titles;
}

static gboolean
titles_contain (GPtrArray  *titles,
                const char *needle)
{
  for (guint i = 0; i < titles->len; i++)
    {
      if (strstr (g_ptr_array_index (titles, i), needle) != NULL)
        return TRUE;
    }

  return FALSE;
}

typedef struct
{
  gboolean  done;
  char     *text;
} ClipboardRead;

static void
clipboard_read_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, NULL);
  read->done = TRUE;
}

/* The clipboard's text, read back the way a paste would. Freed at the next call. */
static const char *
clipboard_text (gpointer widget)
{
  static char *last;
  ClipboardRead read = { 0 };

  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (widget)), NULL,
                                 clipboard_read_cb, &read);
  g_assert_true (changes_test_wait (changes_test_flag_set, &read.done));
  g_free (last);
  last = read.text;

  return last;
}

static void
test_warnings_reach_summary (ChangesFixture *fixture,
                             gconstpointer   data)
{
  MfmRelationshipEditor *wizard = open_add (fixture, "dhcpServers/24");
  g_autofree char *port_warning = NULL;
  g_autofree char *mclt_warning = NULL;
  g_autofree char *lbms_warning = NULL;
  g_autofree char *mau_info = NULL;
  g_autoptr(GPtrArray) findings = NULL;
  g_autoptr(GPtrArray) values = NULL;
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  gpointer weak = wizard;
  g_autoptr(MfmRelationship) projected = NULL;
  MfmRelationship *staged;
  const char *config;

  /* Every page, the summary included, names each control once. */
  ui_assert_accessible_names (GTK_WIDGET (wizard));

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);

  type_text (wizard, MFM_FIELD_NAME, "lon-dr");
  choose_partner (wizard, "dhcpServers/25");
  type_text (wizard, MFM_FIELD_PORT, "7911");
  port_warning = g_strdup (field_message (wizard, MFM_FIELD_PORT, "warning"));
  /* lon-failover already pairs these two servers, and dhcp-lon-02 listens on 647 in it: a
   * second peer of the same pair on that port would never reach Normal. */
  g_assert_nonnull (strstr (field_message (wizard, MFM_FIELD_PEER_PORT, "error"), "never reaches Normal"));
  g_assert_false (next_sensitive (wizard));
  type_text (wizard, MFM_FIELD_PEER_PORT, "1647");
  field_message (wizard, MFM_FIELD_PEER_PORT, NULL);
  g_assert_true (next_sensitive (wizard));      /* a warning does not block */

  changes_test_click (changes_test_child (wizard, W, "next_button"));
  type_text (wizard, MFM_FIELD_MCLT, "120");
  mclt_warning = g_strdup (field_message (wizard, MFM_FIELD_MCLT, "warning"));
  type_text (wizard, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, "0");
  lbms_warning = g_strdup (field_message (wizard, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, "warning"));
  type_text (wizard, MFM_FIELD_MAX_UNACKED_UPDATES, "12");
  mau_info = g_strdup (field_message (wizard, MFM_FIELD_MAX_UNACKED_UPDATES, "dim-label"));
  g_assert_true (next_sensitive (wizard));

  changes_test_click (changes_test_child (wizard, W, "next_button"));
  g_assert_cmpstr (visible_page (wizard), ==, "summary");
  g_assert_false (gtk_widget_get_visible (changes_test_child (wizard, W, "next_button")));
  g_assert_true (gtk_widget_get_visible (changes_test_child (wizard, W, "finish_button")));
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (wizard, W, "finish_button")));
  g_assert_true (gtk_widget_get_visible (editor_child (wizard, "summary_note")));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (editor_child (wizard, "config_group"))),
                            "first scope"));
  g_assert_nonnull (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (editor_child (wizard, "options_group"))),
                            "ISC example"));
  g_assert_false (gtk_widget_get_visible (editor_child (wizard, "changes_group")));

  findings = list_titles (editor_child (wizard, "findings_list"));
  g_assert_true (titles_contain (findings, port_warning));
  g_assert_true (titles_contain (findings, mclt_warning));
  g_assert_true (titles_contain (findings, lbms_warning));
  g_assert_true (titles_contain (findings, mau_info));

  values = list_titles (editor_child (wizard, "values_list"));
  g_assert_true (titles_contain (values, "lon-dr"));
  g_assert_true (titles_contain (values, "dhcp-lon-01.corp.example.net"));
  g_assert_true (titles_contain (values, "dhcp-lon-02.corp.example.net"));
  g_assert_true (titles_contain (values, "7911"));
  g_assert_true (titles_contain (values, "120"));

  /* The configuration each server gets, with the servers' addresses. */
  config = gtk_label_get_label (GTK_LABEL (editor_child (wizard, "primary_config_text")));
  g_assert_nonnull (strstr (config, "failover peer \"lon-dr\""));
  g_assert_nonnull (strstr (config, "203.0.113.31"));
  g_assert_nonnull (strstr (config, "203.0.113.32"));
  g_assert_nonnull (strstr (config, "7911"));
  g_assert_nonnull (strstr (config, "mclt 120"));
  g_assert_nonnull (strstr (config, "split 128"));
  config = gtk_label_get_label (GTK_LABEL (editor_child (wizard, "secondary_config_text")));
  g_assert_nonnull (strstr (config, "failover peer \"lon-dr\""));
  g_assert_null (strstr (config, "mclt"));
  g_assert_null (strstr (config, "split"));
  config = gtk_label_get_label (GTK_LABEL (editor_child (wizard, "pool_line_text")));
  g_assert_cmpstr (config, ==, "failover peer \"lon-dr\";");
  config = gtk_label_get_label (GTK_LABEL (editor_child (wizard, "api_calls_text")));
  g_assert_nonnull (strstr (config, "AddDHCPFailoverRelationship"));
  g_assert_nonnull (strstr (config, "lon-dr"));

  /* Copy puts the exact block on the clipboard. */
  changes_test_click (editor_child (wizard, "primary_config_copy_button"));
  g_assert_cmpstr (clipboard_text (wizard), ==,
                   gtk_label_get_label (GTK_LABEL (editor_child (wizard, "primary_config_text"))));
  changes_test_click (editor_child (wizard, "api_calls_copy_button"));
  g_assert_cmpstr (clipboard_text (wizard), ==,
                   gtk_label_get_label (GTK_LABEL (editor_child (wizard, "api_calls_text"))));

  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 0);
  changes_test_click (changes_test_child (wizard, W, "finish_button"));
  changes_test_wait_pointer_cleared (&weak);

  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  g_assert_cmpint (mfm_change_get_kind (mfm_change_set_get_change (changes, 0)), ==, MFM_CHANGE_ADD);
  staged = mfm_change_get_relationship (mfm_change_set_get_change (changes, 0));
  g_assert_cmpstr (mfm_relationship_get_name (staged), ==, "lon-dr");
  /* New relationships are Empty until their first scope, in the tables as well. */
  g_assert_cmpint (mfm_relationship_get_failover_state (staged), ==, MFM_FAILOVER_STATE_EMPTY);
  projected = mfm_session_dup_projected_relationship (fixture->session, "lon-dr");
  g_assert_nonnull (projected);
  g_assert_cmpint (mfm_relationship_get_failover_state (projected), ==, MFM_FAILOVER_STATE_EMPTY);
  g_assert_cmpstr (mfm_relationship_get_primary_server_ref (staged), ==, "dhcpServers/24");
  g_assert_cmpstr (mfm_relationship_get_secondary_server_ref (staged), ==, "dhcpServers/25");
  g_assert_cmpstr (mfm_relationship_get_secondary_server (staged), ==, "dhcp-lon-02.corp.example.net.");
  g_assert_cmpuint (mfm_relationship_get_port (staged), ==, 7911);
  g_assert_cmpuint (mfm_relationship_get_peer_port (staged), ==, 1647);
  g_assert_cmpuint (mfm_relationship_get_mclt (staged), ==, 120);
  g_assert_cmpuint (mfm_relationship_get_load_balance_max_seconds (staged), ==, 0);
  g_assert_cmpuint (mfm_relationship_get_max_unacked_updates (staged), ==, 12);
  g_assert_cmpuint (mfm_relationship_get_percentage (staged), ==, 50);

  /* A staged name is taken: a second wizard refuses it. */
  wizard = open_add (fixture, "dhcpServers/24");
  type_text (wizard, MFM_FIELD_NAME, "lon-dr");
  choose_partner (wizard, "dhcpServers/25");
  g_assert_false (next_sensitive (wizard));
  field_message (wizard, MFM_FIELD_NAME, "error");
}

static void
test_enter_is_next (ChangesFixture *fixture,
                    gconstpointer   data)
{
  MfmRelationshipEditor *wizard = open_add (fixture, "dhcpServers/17");

  /* Enter does nothing while the step has an error. */
  g_signal_emit_by_name (field_row (wizard, MFM_FIELD_NAME), "entry-activated");
  g_assert_cmpstr (visible_page (wizard), ==, "setup");

  type_text (wizard, MFM_FIELD_NAME, "fra-dr");
  choose_partner (wizard, "dhcpServers/13");
  g_signal_emit_by_name (field_row (wizard, MFM_FIELD_PORT), "entry-activated");
  g_assert_cmpstr (visible_page (wizard), ==, "options");

  /* The side list marks the finished step and highlights the current one. */
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (changes_test_child (wizard, W, "step_icon_0"))), ==,
                   "object-select-symbolic");
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (changes_test_child (wizard, W, "steps_list"))) ==
                 GTK_LIST_BOX_ROW (changes_test_child (wizard, W, "step_row_1")));
  g_assert_cmpstr (gtk_image_get_icon_name (GTK_IMAGE (changes_test_child (wizard, W, "step_icon_2"))), !=,
                   "object-select-symbolic");
  g_signal_emit_by_name (field_row (wizard, MFM_FIELD_MCLT), "entry-activated");
  g_assert_cmpstr (visible_page (wizard), ==, "summary");

  changes_test_click (changes_test_child (wizard, W, "back_button"));
  g_assert_cmpstr (visible_page (wizard), ==, "options");
  changes_test_click (changes_test_child (wizard, W, "back_button"));
  g_assert_cmpstr (visible_page (wizard), ==, "setup");
  g_assert_false (gtk_widget_get_visible (changes_test_child (wizard, W, "back_button")));
}

static void
test_cancel_asks_when_typed (ChangesFixture *fixture,
                             gconstpointer   data)
{
  MfmRelationshipEditor *wizard = open_add (fixture, "dhcpServers/17");
  gpointer weak = wizard;
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);

  type_text (wizard, MFM_FIELD_NAME, "typed-something");
  changes_test_click (changes_test_child (wizard, W, "cancel_button"));
  dialog = changes_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_nonnull (weak);

  /* Keep editing: the wizard stays with what was typed. */
  adw_message_dialog_response (dialog, "keep");
  changes_test_drain ();
  g_assert_nonnull (weak);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_NAME))), ==,
                   "typed-something");

  changes_test_click (changes_test_child (wizard, W, "cancel_button"));
  dialog = changes_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "discard");
  changes_test_wait_pointer_cleared (&weak);
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==, 0);

  /* Escape runs the same Cancel: it asks while something is typed. */
  wizard = open_add (fixture, "dhcpServers/17");
  weak = wizard;
  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  type_text (wizard, MFM_FIELD_MCLT, "1800");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.cancel", NULL));
  dialog = changes_test_find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (wizard));
  adw_message_dialog_response (dialog, "discard");
  changes_test_wait_pointer_cleared (&weak);

  /* Nothing typed: Cancel closes at once. */
  wizard = open_add (fixture, "dhcpServers/17");
  weak = wizard;
  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);
  changes_test_click (changes_test_child (wizard, W, "cancel_button"));
  changes_test_wait_pointer_cleared (&weak);
}

static void
test_edit (ChangesFixture *fixture,
           gconstpointer   data)
{
  MfmChangeSet *changes = mfm_session_get_changes (fixture->session);
  MfmRelationshipEditor *wizard;
  g_autoptr(GPtrArray) values = NULL;
  gpointer weak;
  MfmChange *change;

  changes_test_activate (fixture, "edit-relationship", g_variant_new_string ("ams-failover"));
  wizard = changes_test_find_window (MFM_TYPE_RELATIONSHIP_EDITOR);
  g_assert_nonnull (wizard);
  weak = wizard;
  g_object_add_weak_pointer (G_OBJECT (wizard), &weak);

  /* Prefilled; name, servers and percentage cannot change. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_NAME))), ==, "ams-failover");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_MCLT))), ==, "3600");
  g_assert_false (gtk_widget_get_sensitive (field_row (wizard, MFM_FIELD_NAME)));
  g_assert_false (gtk_widget_get_sensitive (editor_child (wizard, "partner_chooser")));
  g_assert_false (gtk_widget_get_sensitive (field_row (wizard, MFM_FIELD_PERCENTAGE)));
  g_assert_true (gtk_widget_get_sensitive (field_row (wizard, MFM_FIELD_MCLT)));
  g_assert_cmpstr (mfm_server_get_ref (mfm_server_chooser_get_selected (MFM_SERVER_CHOOSER (editor_child (wizard, "partner_chooser")))),
                   ==, "dhcpServers/13");
  /* It stages, it does not save. */
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (changes_test_child (wizard, W, "finish_label"))), ==, "_Stage Changes");
  /* Each locked field says why it is locked; the options are the current values, not defaults. */
  g_assert_nonnull (strstr (field_message (wizard, MFM_FIELD_NAME, "dim-label"), "Modify does not take a new one"));
  g_assert_nonnull (strstr (field_message (wizard, MFM_FIELD_PARTNER_SERVER, "dim-label"), "Modify does not take other ones"));
  g_assert_nonnull (strstr (field_message (wizard, MFM_FIELD_PERCENTAGE, "dim-label"), "Modify does not take a percentage"));
  field_message (wizard, MFM_FIELD_MCLT, NULL);
  g_assert_null (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (editor_child (wizard, "options_group"))),
                         "ISC example"));

  /* Nothing changed: Stage Changes stays shut. */
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  g_assert_cmpstr (visible_page (wizard), ==, "summary");
  g_assert_false (gtk_widget_get_sensitive (changes_test_child (wizard, W, "finish_button")));
  g_assert_false (gtk_widget_get_visible (editor_child (wizard, "summary_note")));
  /* ams-failover has scopes: its configuration is not waiting for a first one. */
  g_assert_cmpuint (mfm_relationship_get_scope_count (mfm_inventory_lookup_relationship (mfm_session_get_inventory (fixture->session),
                                                                                          "ams-failover")), >, 0);
  g_assert_null (strstr (adw_preferences_group_get_description (ADW_PREFERENCES_GROUP (editor_child (wizard, "config_group"))),
                         "first scope"));

  changes_test_click (changes_test_child (wizard, W, "back_button"));
  type_text (wizard, MFM_FIELD_MCLT, "1800");
  type_text (wizard, MFM_FIELD_MAX_RESPONSE_DELAY, "45");
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  g_assert_true (gtk_widget_get_sensitive (changes_test_child (wizard, W, "finish_button")));

  /* The summary shows old → new for what changed, the rest as it stays. */
  g_assert_true (gtk_widget_get_visible (editor_child (wizard, "changes_group")));
  values = list_titles (editor_child (wizard, "changes_list"));
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_true (titles_contain (values, "Maximum client lead time\n3600 s (1 h) → 1800 s"));
  g_assert_true (titles_contain (values, "Max response delay\n60 s (1 min) → 45 s"));
  g_clear_pointer (&values, g_ptr_array_unref);
  values = list_titles (editor_child (wizard, "values_list"));
  g_assert_false (titles_contain (values, "→"));
  g_assert_false (titles_contain (values, "Maximum client lead time"));
  g_assert_true (titles_contain (values, "Percentage\n50 % (split 128)"));
  g_assert_true (strstr (gtk_label_get_label (GTK_LABEL (editor_child (wizard, "api_calls_text"))),
                         "ModifyDHCPFailoverRelationship") != NULL);

  changes_test_click (changes_test_child (wizard, W, "finish_button"));
  changes_test_wait_pointer_cleared (&weak);

  g_assert_cmpuint (mfm_change_set_get_n_changes (changes), ==, 1);
  change = mfm_change_set_get_change (changes, 0);
  g_assert_cmpint (mfm_change_get_kind (change), ==, MFM_CHANGE_MODIFY);
  g_assert_cmpuint (mfm_relationship_get_mclt (mfm_change_get_old_relationship (change)), ==, 3600);
  g_assert_cmpuint (mfm_relationship_get_mclt (mfm_change_get_relationship (change)), ==, 1800);
  g_assert_cmpuint (mfm_relationship_get_max_response_delay (mfm_change_get_relationship (change)), ==, 45);
  g_assert_cmpuint (mfm_relationship_get_percentage (mfm_change_get_relationship (change)), ==,
                    mfm_relationship_get_percentage (mfm_change_get_old_relationship (change)));
  g_assert_cmpint (mfm_change_set_get_pending_state (changes, "ams-failover"), ==, MFM_PENDING_MODIFIED);
}

/* The field row (or header button) that holds the keyboard focus of @wizard. */
static GtkWidget *
focused_stop (MfmRelationshipEditor *wizard)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wizard));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    {
      if (ADW_IS_PREFERENCES_ROW (w) || GTK_IS_BUTTON (w) || MFM_IS_SERVER_CHOOSER (w))
        return w;
    }

  return focus;
}

/* Tab from the first option through the page: with a warning, a hint and an error under
 * fields, every field is still reached in order before the focus leaves for the header. */
static void
test_tab_order (ChangesFixture *fixture,
                gconstpointer   data)
{
  static const MfmField options[] = {
    MFM_FIELD_MCLT, MFM_FIELD_MAX_RESPONSE_DELAY, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS,
    MFM_FIELD_MAX_UNACKED_UPDATES, MFM_FIELD_PERCENTAGE,
  };
  static const MfmField setup[] = { MFM_FIELD_NAME, MFM_FIELD_PORT, MFM_FIELD_PEER_PORT };
  MfmRelationshipEditor *wizard = open_add (fixture, "dhcpServers/24");
  GtkWidget *cancel = changes_test_child (wizard, W, "cancel_button");
  guint next = 0;

  /* On the first page: a hint under the name and partner (nothing typed yet), a warning
   * under Port. */
  type_text (wizard, MFM_FIELD_PORT, "7911");
  field_message (wizard, MFM_FIELD_PORT, "warning");
  gtk_widget_grab_focus (field_row (wizard, MFM_FIELD_NAME));
  changes_test_drain ();
  for (guint i = 0; i < 12 && focused_stop (wizard) != cancel; i++)
    {
      GtkWidget *stop = focused_stop (wizard);

      if (next < G_N_ELEMENTS (setup) && stop == field_row (wizard, setup[next]))
        next++;
      gtk_widget_child_focus (GTK_WIDGET (wizard), GTK_DIR_TAB_FORWARD);
    }
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (setup));
  type_text (wizard, MFM_FIELD_PORT, "647");

  type_text (wizard, MFM_FIELD_NAME, "lon-dr");
  choose_partner (wizard, "dhcpServers/17");
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  g_assert_cmpstr (visible_page (wizard), ==, "options");

  type_text (wizard, MFM_FIELD_MCLT, "120");                        /* warning */
  type_text (wizard, MFM_FIELD_LOAD_BALANCE_MAX_SECONDS, "0");      /* warning */
  type_text (wizard, MFM_FIELD_MAX_UNACKED_UPDATES, "12");          /* hint */
  field_message (wizard, MFM_FIELD_MCLT, "warning");
  field_message (wizard, MFM_FIELD_MAX_UNACKED_UPDATES, "dim-label");

  gtk_widget_grab_focus (field_row (wizard, MFM_FIELD_MCLT));
  changes_test_drain ();
  next = 0;
  for (guint i = 0; i < 20; i++)
    {
      GtkWidget *stop = focused_stop (wizard);

      g_test_message ("Tab %u: %s", i, stop ? G_OBJECT_TYPE_NAME (stop) : "(none)");
      if (stop == cancel)
        break;
      if (next < G_N_ELEMENTS (options) && stop == field_row (wizard, options[next]))
        next++;
      gtk_widget_child_focus (GTK_WIDGET (wizard), GTK_DIR_TAB_FORWARD);
    }
  /* Every field was a stop, Percentage too, before Tab reached Cancel. */
  g_assert_cmpuint (next, ==, G_N_ELEMENTS (options));

  /* Typed values are where they were typed. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field_row (wizard, MFM_FIELD_PERCENTAGE))), ==, "50");
}

static double
row_y (MfmRelationshipEditor *wizard,
       MfmField               field)
{
  graphene_point_t point;

  g_assert_true (gtk_widget_compute_point (field_row (wizard, field), GTK_WIDGET (wizard),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  return point.y;
}

/* A message appearing or going away under a field does not move the fields below it. */
static void
test_messages_keep_space (ChangesFixture *fixture,
                          gconstpointer   data)
{
  MfmRelationshipEditor *wizard = open_add (fixture, "dhcpServers/24");
  double before, after;

  type_text (wizard, MFM_FIELD_NAME, "lon-dr");
  choose_partner (wizard, "dhcpServers/17");
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  ui_spin (300);
  before = row_y (wizard, MFM_FIELD_PERCENTAGE);

  type_text (wizard, MFM_FIELD_MCLT, "120");
  field_message (wizard, MFM_FIELD_MCLT, "warning");
  type_text (wizard, MFM_FIELD_MAX_UNACKED_UPDATES, "12");
  field_message (wizard, MFM_FIELD_MAX_UNACKED_UPDATES, "dim-label");
  ui_spin (300);
  after = row_y (wizard, MFM_FIELD_PERCENTAGE);
  g_assert_cmpfloat (after, ==, before);

  type_text (wizard, MFM_FIELD_MCLT, "3600");
  field_message (wizard, MFM_FIELD_MCLT, NULL);
  ui_spin (300);
  g_assert_cmpfloat (row_y (wizard, MFM_FIELD_PERCENTAGE), ==, before);
}

/* An Unreachable primary is warned about on the first page and on the summary. */
static void
test_primary_not_ok (ChangesFixture *fixture,
                     gconstpointer   data)
{
  MfmServer *primary = mfm_inventory_lookup_server (mfm_session_get_inventory (fixture->session), "dhcpServers/24");
  MfmRelationshipEditor *wizard;
  g_autoptr(GPtrArray) findings = NULL;
  const char *message;

  mfm_server_set_state (primary, "Unreachable");
  wizard = open_add (fixture, "dhcpServers/24");
  message = field_message (wizard, MFM_FIELD_PRIMARY_SERVER, "warning");
  g_assert_nonnull (strstr (message, "primary server is not in the OK state"));

  type_text (wizard, MFM_FIELD_NAME, "lon-dr");
  choose_partner (wizard, "dhcpServers/17");
  g_assert_true (next_sensitive (wizard));     /* a warning, not an error */
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  changes_test_click (changes_test_child (wizard, W, "next_button"));
  g_assert_cmpstr (visible_page (wizard), ==, "summary");
  findings = list_titles (editor_child (wizard, "findings_list"));
  g_assert_true (titles_contain (findings, "primary server is not in the OK state"));
  g_assert_true (titles_contain (findings, "Primary server"));
}

static gboolean
is_isc_other_than (gpointer item,
                   gpointer primary)
{
  return mfm_server_is_isc (item) && item != primary;
}

/* Usable with 10,000 servers: opening, typing and choosing the last partner stay quick.
 * Reports figures; never fails on time. */
static void
test_many_servers (ChangesFixture *fixture,
                   gconstpointer   data)
{
  GListModel *servers = mfm_inventory_get_servers (mfm_session_get_inventory (fixture->session));
  MfmServer *primary = NULL;
  MfmRelationshipEditor *wizard;
  GtkWidget *chooser;
  GtkWidget *search;
  GListModel *matches;
  guint n_servers = g_list_model_get_n_items (servers);
  guint n_partners = 0;
  gint64 start;
  double open_ms, keystroke_ms, search_ms, choose_ms;

  g_assert_cmpuint (n_servers, ==, GPOINTER_TO_UINT (data));

  for (guint i = 0; i < n_servers; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      if (primary == NULL && mfm_server_is_isc (server))
        primary = server;
    }
  g_assert_nonnull (primary);
  for (guint i = 0; i < n_servers; i++)
    {
      g_autoptr(MfmServer) server = g_list_model_get_item (servers, i);

      if (is_isc_other_than (server, primary))
        n_partners++;
    }

  start = g_get_monotonic_time ();
  wizard = open_add (fixture, mfm_server_get_ref (primary));
  changes_test_drain ();
  open_ms = (g_get_monotonic_time () - start) / 1000.0;

  chooser = editor_child (wizard, "partner_chooser");
  g_assert_cmpuint (g_list_model_get_n_items (mfm_server_chooser_get_model (MFM_SERVER_CHOOSER (chooser))), ==, n_partners);

  start = g_get_monotonic_time ();
  type_text (wizard, MFM_FIELD_NAME, "g");
  type_text (wizard, MFM_FIELD_NAME, "gen");
  type_text (wizard, MFM_FIELD_NAME, "gen-new");
  keystroke_ms = (g_get_monotonic_time () - start) / 3000.0;

  /* The search, one key at a time, over every partner: each step shows only matches. */
  mfm_server_chooser_popup (MFM_SERVER_CHOOSER (chooser), NULL);
  search = changes_test_child (chooser, MFM_TYPE_SERVER_CHOOSER, "search_entry");
  matches = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (changes_test_child (chooser, MFM_TYPE_SERVER_CHOOSER, "list_view"))));
  search_ms = 0;
  for (guint i = 1; i <= strlen ("-01."); i++)
    {
      g_autofree char *typed = g_strndup ("-01.", i);

      start = g_get_monotonic_time ();
      gtk_editable_set_text (GTK_EDITABLE (search), typed);
      search_ms += (g_get_monotonic_time () - start) / 4000.0;
      g_assert_cmpuint (g_list_model_get_n_items (matches), >, 0);
      for (guint j = 0; j < g_list_model_get_n_items (matches); j++)
        {
          g_autoptr(MfmServer) server = g_list_model_get_item (matches, j);

          g_assert_nonnull (strstr (mfm_server_get_name (server), typed));
        }
    }

  start = g_get_monotonic_time ();
  g_signal_emit_by_name (search, "activate");
  choose_ms = (g_get_monotonic_time () - start) / 1000.0;
  g_assert_nonnull (strstr (mfm_server_get_name (mfm_server_chooser_get_selected (MFM_SERVER_CHOOSER (chooser))), "-01."));
  g_assert_true (next_sensitive (wizard));

  g_test_message ("%u servers, %u partners: open %.1f ms, validate per keystroke %.2f ms, "
                  "search per keystroke %.2f ms, choose %.2f ms",
                  n_servers, n_partners, open_ms, keystroke_ms, search_ms, choose_ms);
}

/* The servers offered for the search, as the list shows them. */
static GListModel *
chooser_matches (GtkWidget *chooser)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (changes_test_child (chooser, MFM_TYPE_SERVER_CHOOSER, "list_view"))));
}

static MfmServer *
highlighted (GtkWidget *chooser)
{
  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (chooser_matches (chooser)));
}

/* A key press as the key controller of @widget gets it (GTK 4.8 has no synthetic events). */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }

  return handled;
}

static gboolean
labels_under_contain (GtkWidget  *root,
                      const char *text,
                      const char *css_class)
{
  if (GTK_IS_LABEL (root) && strstr (gtk_label_get_label (GTK_LABEL (root)), text) != NULL &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      if (labels_under_contain (child, text, css_class))
        return TRUE;
    }

  return FALSE;
}

/* The partner search: anywhere in the name or the address, the state in each row, a sentence
 * when nothing matches, and the keyboard first: typing on the closed chooser opens it with
 * what was typed, the keys stay in the search, Down and Enter take a server that matches. */
static void
test_partner_search (ChangesFixture *fixture,
                     gconstpointer   data)
{
  MfmServer *fra02 = mfm_inventory_lookup_server (mfm_session_get_inventory (fixture->session), "dhcpServers/18");
  MfmRelationshipEditor *wizard;
  GtkWidget *chooser;
  GtkWidget *search;
  GtkWidget *popover;
  GListModel *matches;

  mfm_server_set_state (fra02, "Unreachable");
  wizard = open_add (fixture, "dhcpServers/24");
  chooser = editor_child (wizard, "partner_chooser");
  search = changes_test_child (chooser, MFM_TYPE_SERVER_CHOOSER, "search_entry");
  popover = changes_test_child (chooser, MFM_TYPE_SERVER_CHOOSER, "popover");
  matches = chooser_matches (chooser);

  /* A letter typed on the closed chooser opens it and lands in the search, which holds the
   * keyboard from then on. */
  gtk_widget_grab_focus (chooser);
  g_assert_true (press_key (changes_test_child (chooser, MFM_TYPE_SERVER_CHOOSER, "button"), GDK_KEY_f));
  ui_spin (100);
  g_assert_true (gtk_widget_get_visible (popover));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "f");
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (wizard)), search) ||
                 gtk_root_get_focus (GTK_ROOT (wizard)) == search);

  /* In the middle of the name: "fra-0" is no prefix of "dhcp-fra-01…". */
  gtk_editable_set_text (GTK_EDITABLE (search), "fra-0");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 2);
  g_assert_cmpstr (mfm_server_get_ref (highlighted (chooser)), ==, "dhcpServers/17");

  /* Each row says the state in words; Unreachable stands out. */
  ui_spin (200);
  g_assert_true (labels_under_contain (popover, "198.51.100.21 · OK", "dim-label"));
  g_assert_true (labels_under_contain (popover, "198.51.100.22 · Unreachable", "warning"));

  /* Down moves the highlight within the matches, Enter takes it. */
  g_assert_true (press_key (search, GDK_KEY_Down));
  g_assert_cmpstr (mfm_server_get_ref (highlighted (chooser)), ==, "dhcpServers/18");
  g_assert_true (press_key (search, GDK_KEY_Down));     /* the last one stays */
  g_assert_cmpstr (mfm_server_get_ref (highlighted (chooser)), ==, "dhcpServers/18");
  g_assert_true (press_key (search, GDK_KEY_Up));
  g_assert_cmpstr (mfm_server_get_ref (highlighted (chooser)), ==, "dhcpServers/17");
  g_assert_true (press_key (search, GDK_KEY_Down));
  g_signal_emit_by_name (search, "activate");
  ui_spin (100);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_cmpstr (mfm_server_get_ref (mfm_server_chooser_get_selected (MFM_SERVER_CHOOSER (chooser))), ==, "dhcpServers/18");
  /* ... and the wizard warns about its state. */
  g_assert_nonnull (strstr (field_message (wizard, MFM_FIELD_PARTNER_SERVER, "warning"), "not in the OK state"));

  /* By address. */
  mfm_server_chooser_popup (MFM_SERVER_CHOOSER (chooser), "192.0.2.12");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 1);
  g_assert_cmpstr (mfm_server_get_ref (highlighted (chooser)), ==, "dhcpServers/13");

  /* Nothing matches: a sentence, and Down and Enter choose nothing. */
  gtk_editable_set_text (GTK_EDITABLE (search), "zzz");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (changes_test_child (chooser, MFM_TYPE_SERVER_CHOOSER, "list_stack"))),
                   ==, "empty");
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (changes_test_child (chooser, MFM_TYPE_SERVER_CHOOSER, "empty_label"))),
                   ==, "No ISC server matches “zzz”.");
  press_key (search, GDK_KEY_Down);
  g_signal_emit_by_name (search, "activate");
  g_assert_cmpstr (mfm_server_get_ref (mfm_server_chooser_get_selected (MFM_SERVER_CHOOSER (chooser))), ==, "dhcpServers/18");

  /* The primary and servers that are not ISC are never offered. */
  gtk_editable_set_text (GTK_EDITABLE (search), "lon-01");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_assert_cmpuint (g_list_model_get_n_items (matches), ==, 7);
  gtk_popover_popdown (GTK_POPOVER (popover));
}

static gboolean
some_label_reads (GtkWidget  *root,
                  const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return TRUE;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (some_label_reads (child, text))
        return TRUE;
    }

  return FALSE;
}

/* Names and addresses come from the server as they are: "&" or "<" in them is text, never
 * markup that breaks the row (and warns). */
static void
test_server_text_is_not_markup (ChangesFixture *fixture,
                                gconstpointer   data)
{
  MfmInventory *inventory = mfm_session_get_inventory (fixture->session);
  MfmServer *primary = mfm_inventory_lookup_server (inventory, "dhcpServers/24");
  MfmServer *partner = mfm_inventory_lookup_server (inventory, "dhcpServers/25");
  MfmRelationshipEditor *wizard;
  g_autofree char *partner_text = NULL;
  g_autoptr(MfmServer) renamed = NULL;

  g_assert_nonnull (primary);
  g_assert_nonnull (partner);
  renamed = mfm_server_new ("dhcpServers/24", "r&d-<lab>.corp.example.net.",
                            mfm_server_get_address (primary), mfm_server_get_server_type (primary),
                            mfm_server_get_state (primary));
  mfm_server_update_from (primary, renamed);
  /* A state text a later Micetro may send is shown as received. */
  mfm_server_set_state (partner, "Up & <degraded>");

  wizard = open_add (fixture, "dhcpServers/24");
  g_assert_true (some_label_reads (editor_child (wizard, "primary_row"),
                                   mfm_server_get_display_name (primary)));

  choose_partner (wizard, "dhcpServers/25");
  partner_text = g_strdup_printf ("%s · %s", mfm_server_get_address (partner),
                                  mfm_server_state_get_label (mfm_server_get_state (partner)));
  g_assert_true (some_label_reads (editor_child (wizard, "partner_row"), partner_text));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/wizard/error-rules", ChangesFixture, NULL,
              changes_fixture_set_up, test_error_rules, changes_fixture_tear_down);
  g_test_add ("/wizard/warnings-reach-summary", ChangesFixture, NULL,
              changes_fixture_set_up, test_warnings_reach_summary, changes_fixture_tear_down);
  g_test_add ("/wizard/enter-is-next", ChangesFixture, NULL,
              changes_fixture_set_up, test_enter_is_next, changes_fixture_tear_down);
  g_test_add ("/wizard/cancel-asks", ChangesFixture, NULL,
              changes_fixture_set_up, test_cancel_asks_when_typed, changes_fixture_tear_down);
  g_test_add ("/wizard/edit", ChangesFixture, NULL,
              changes_fixture_set_up, test_edit, changes_fixture_tear_down);
  g_test_add ("/wizard/partner-search", ChangesFixture, NULL,
              changes_fixture_set_up, test_partner_search, changes_fixture_tear_down);
  g_test_add ("/wizard/tab-order", ChangesFixture, NULL,
              changes_fixture_set_up, test_tab_order, changes_fixture_tear_down);
  g_test_add ("/wizard/messages-keep-space", ChangesFixture, NULL,
              changes_fixture_set_up, test_messages_keep_space, changes_fixture_tear_down);
  g_test_add ("/wizard/primary-not-ok", ChangesFixture, NULL,
              changes_fixture_set_up, test_primary_not_ok, changes_fixture_tear_down);

  g_test_add ("/wizard/many-servers", ChangesFixture, GUINT_TO_POINTER (10000),
              changes_fixture_set_up, test_many_servers, changes_fixture_tear_down);

  g_test_add ("/wizard/server-text-is-not-markup", ChangesFixture, NULL,
              changes_fixture_set_up, test_server_text_is_not_markup, changes_fixture_tear_down);

  return g_test_run ();
}
