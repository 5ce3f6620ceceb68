/* test-field-row.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The relationship editor's parts on their own: a field row takes its title, name and unit
 * from its field and keeps its message line right under it, shows an empty field's error as
 * a hint until something is typed and tells typed text from text it was given; a page is
 * complete exactly when no error concerns a field it blocks on. */

#define G_LOG_DOMAIN "test-field-row"

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-field-message.h"
#include "mfm-field-row.h"
#include "mfm-options-page.h"
#include "mfm-rules.h"
#include "mfm-summary-page.h"

/* What the rules find in a form with @name and @mclt (NULL: empty) for two ISC servers, the
 * rest as the ISC example has it. */
static GPtrArray *
check_form (const char *name,
            const char *mclt)
{
  g_autoptr(MfmInventory) inventory = mfm_inventory_new ();
  g_autoptr(MfmServer) primary = mfm_server_new ("dhcpServers/1", "dhcp-a.example.net.",
                                                 "192.0.2.1", "ISC", "OK");
  g_autoptr(MfmServer) partner = mfm_server_new ("dhcpServers/2", "dhcp-b.example.net.",
                                                 "192.0.2.2", "ISC", "OK");
  MfmRelationshipInput input = {
    .name = name,
    .partner_server = "dhcp-b.example.net.",
    .port = "647",
    .peer_port = "647",
    .mclt = mclt,
    .max_response_delay = "60",
    .load_balance_max_seconds = "3",
    .max_unacked_updates = "10",
    .percentage = "50",
  };
  MfmRuleContext context = {
    .inventory = inventory,
    .primary_server_ref = "dhcpServers/1",
  };

  mfm_inventory_add_server (inventory, primary);
  mfm_inventory_add_server (inventory, partner);

  return mfm_rules_check (&input, &context);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* The message line under the row at @index of @list. */
static GtkLabel *
message_under (GtkWidget *list,
               int        index)
{
  GtkListBoxRow *line = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index + 1);

  g_assert_true (MFM_IS_FIELD_MESSAGE (line));

  return GTK_LABEL (mfm_field_message_get_label (MFM_FIELD_MESSAGE (line)));
}

/* Title, name and unit come from the field; the message line lands right under the row, in
 * whatever place of the list the row is put, and is no Tab stop of its own. */
static void
test_binds_field (void)
{
  GtkWidget *list = g_object_ref_sink (gtk_list_box_new ());
  GtkWidget *first = adw_action_row_new ();
  GtkWidget *last = adw_action_row_new ();
  GtkWidget *row = g_object_new (MFM_TYPE_FIELD_ROW,
                                 "field", MFM_FIELD_MAX_RESPONSE_DELAY,
                                 "unit", "seconds",
                                 NULL);
  GtkListBoxRow *line;
  GtkWidget *unit;

  g_assert_cmpint (mfm_field_row_get_field (MFM_FIELD_ROW (row)), ==, MFM_FIELD_MAX_RESPONSE_DELAY);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   mfm_field_get_label (MFM_FIELD_MAX_RESPONSE_DELAY));
  g_assert_cmpstr (gtk_widget_get_name (row), ==, mfm_field_get_id (MFM_FIELD_MAX_RESPONSE_DELAY));
  g_assert_true (gtk_widget_has_css_class (row, "mfm-field"));
  unit = find_label (row, "seconds");
  g_assert_nonnull (unit);
  g_assert_true (gtk_widget_has_css_class (unit, "dim-label"));

  gtk_list_box_append (GTK_LIST_BOX (list), first);
  gtk_list_box_append (GTK_LIST_BOX (list), last);
  gtk_list_box_insert (GTK_LIST_BOX (list), row, 1);

  g_assert_true (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0) == GTK_LIST_BOX_ROW (first));
  g_assert_true (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1) == GTK_LIST_BOX_ROW (row));
  line = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2);
  g_assert_true (MFM_IS_FIELD_MESSAGE (line));
  g_assert_cmpstr (gtk_widget_get_name (GTK_WIDGET (line)), ==, "max-response-delay-message");
  g_assert_true (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 3) == GTK_LIST_BOX_ROW (last));
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 4));
  g_assert_false (gtk_widget_get_focusable (GTK_WIDGET (line)));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (line)));

  g_object_unref (list);
}

/* An empty field nobody typed in shows what it needs as a hint; once typed in, the same
 * finding is an error, and a note shows while the rules find nothing. */
static void
test_hint_until_typed (void)
{
  GtkWidget *list = g_object_ref_sink (gtk_list_box_new ());
  GtkWidget *row = g_object_new (MFM_TYPE_FIELD_ROW, "field", MFM_FIELD_MCLT, NULL);
  g_autoptr(GPtrArray) empty = check_form ("a-b", NULL);
  g_autoptr(GPtrArray) zero = check_form ("a-b", "0");
  g_autoptr(GPtrArray) fine = check_form ("a-b", "3600");
  GtkLabel *label;

  gtk_list_box_append (GTK_LIST_BOX (list), row);
  label = message_under (list, 0);
  g_assert_true (mfm_findings_has_severity (empty, MFM_FIELD_MCLT, MFM_SEVERITY_ERROR));

  mfm_field_row_show_findings (MFM_FIELD_ROW (row), empty);
  g_assert_cmpstr (gtk_label_get_label (label), !=, "");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "dim-label"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));

  /* Given, not typed: still not the person's mistake. */
  mfm_field_row_set_initial_value (MFM_FIELD_ROW (row), "");
  mfm_field_row_show_findings (MFM_FIELD_ROW (row), empty);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "dim-label"));

  gtk_editable_set_text (GTK_EDITABLE (row), "0");
  mfm_field_row_show_findings (MFM_FIELD_ROW (row), zero);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (label), "dim-label"));

  /* Typed away again: now the empty field is an error. */
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  mfm_field_row_show_findings (MFM_FIELD_ROW (row), empty);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "error"));

  gtk_editable_set_text (GTK_EDITABLE (row), "3600");
  mfm_field_row_show_findings (MFM_FIELD_ROW (row), fine);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "");

  mfm_field_row_set_note (MFM_FIELD_ROW (row), "Locked for a reason.");
  mfm_field_row_show_findings (MFM_FIELD_ROW (row), fine);
  g_assert_cmpstr (gtk_label_get_label (label), ==, "Locked for a reason.");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (label), "dim-label"));

  g_object_unref (list);
}

/* Text given by the program is the starting point; only what differs from it is a change. */
static void
test_changed (void)
{
  GtkWidget *row = g_object_ref_sink (g_object_new (MFM_TYPE_FIELD_ROW, "field", MFM_FIELD_PORT, NULL));

  g_assert_null (mfm_field_row_get_value (MFM_FIELD_ROW (row)));
  g_assert_false (mfm_field_row_get_changed (MFM_FIELD_ROW (row)));

  mfm_field_row_set_initial_value (MFM_FIELD_ROW (row), "647");
  g_assert_cmpstr (mfm_field_row_get_value (MFM_FIELD_ROW (row)), ==, "647");
  g_assert_false (mfm_field_row_get_changed (MFM_FIELD_ROW (row)));

  gtk_editable_set_text (GTK_EDITABLE (row), "847");
  g_assert_true (mfm_field_row_get_changed (MFM_FIELD_ROW (row)));
  gtk_editable_set_text (GTK_EDITABLE (row), "647");
  g_assert_false (mfm_field_row_get_changed (MFM_FIELD_ROW (row)));
  gtk_editable_set_text (GTK_EDITABLE (row), "");
  g_assert_null (mfm_field_row_get_value (MFM_FIELD_ROW (row)));
  g_assert_true (mfm_field_row_get_changed (MFM_FIELD_ROW (row)));

  g_object_unref (row);
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* The options page blocks on its own fields only, the summary on every field; "complete"
 * is notified when it changes, and the first blocking error is the one the rules put first. */
static void
test_page_complete (void)
{
  MfmEditorPage *options = g_object_ref_sink (g_object_new (MFM_TYPE_OPTIONS_PAGE, NULL));
  MfmEditorPage *summary = g_object_ref_sink (g_object_new (MFM_TYPE_SUMMARY_PAGE, NULL));
  g_autoptr(GPtrArray) fine = check_form ("a-b", "3600");
  g_autoptr(GPtrArray) bad_mclt = check_form ("a-b", "0");
  g_autoptr(GPtrArray) bad_name = check_form ("-a", "3600");
  g_autoptr(GPtrArray) mclt_findings = mfm_findings_for_field (bad_mclt, MFM_FIELD_MCLT);
  guint notified = 0;

  g_assert_false (mfm_findings_has_severity (fine, -1, MFM_SEVERITY_ERROR));
  g_signal_connect (options, "notify::complete", G_CALLBACK (count_notify_cb), &notified);
  g_assert_false (mfm_editor_page_get_complete (options));

  mfm_editor_page_set_findings (options, fine);
  g_assert_true (mfm_editor_page_get_complete (options));
  g_assert_null (mfm_editor_page_get_first_error (options));
  g_assert_cmpuint (notified, ==, 1);

  mfm_editor_page_set_findings (options, bad_mclt);
  g_assert_false (mfm_editor_page_get_complete (options));
  g_assert_cmpstr (mfm_editor_page_get_first_error (options), ==,
                   ((MfmFinding *) g_ptr_array_index (mclt_findings, 0))->message);
  g_assert_cmpuint (notified, ==, 2);
  mfm_editor_page_set_findings (options, bad_mclt);
  g_assert_cmpuint (notified, ==, 2);

  /* The name is not on the options page. */
  g_assert_true (mfm_findings_has_severity (bad_name, MFM_FIELD_NAME, MFM_SEVERITY_ERROR));
  mfm_editor_page_set_findings (options, bad_name);
  g_assert_true (mfm_editor_page_get_complete (options));
  mfm_editor_page_set_findings (summary, bad_name);
  g_assert_false (mfm_editor_page_get_complete (summary));
  mfm_editor_page_set_findings (summary, fine);
  g_assert_true (mfm_editor_page_get_complete (summary));

  /* The page's own row for each of its fields, and none for another page's. */
  g_assert_nonnull (mfm_editor_page_get_field_row (options, MFM_FIELD_PERCENTAGE));
  g_assert_null (mfm_editor_page_get_field_row (options, MFM_FIELD_NAME));
  g_assert_null (mfm_editor_page_get_field_row (summary, MFM_FIELD_MCLT));

  g_object_unref (summary);
  g_object_unref (options);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/field-row/binds-field", test_binds_field);
  g_test_add_func ("/field-row/hint-until-typed", test_hint_until_typed);
  g_test_add_func ("/field-row/changed", test_changed);
  g_test_add_func ("/editor-page/complete", test_page_complete);

  return g_test_run ();
}
