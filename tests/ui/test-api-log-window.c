/* test-api-log-window.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The API log window with a full log (500 entries): method names shown whole or with a tooltip,
 * bodies that never wrap inside a JSON token, the filter (method, status, body text; Ctrl+F,
 * Escape, the empty state) and the shortcuts window's entry for it. And the accessible role and
 * name of every secondary window. */

#define G_LOG_DOMAIN "test-api-log-window"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "mfm-api-log-window.h"
#include "mfm-changes-test-util.h"
#include "mfm-compat-window.h"
#include "mfm-relationship-details.h"
#include "mfm-relationship-editor.h"
#include "mfm-remove-dialog.h"
#include "mfm-review-window.h"
#include "mfm-scopes-dialog.h"
#include "mfm-ui-test-util.h"
#include "mfm-window.h"

#define RELATIONSHIP "ams-failover"
#define LONG_METHOD "GetDHCPFailoverRelationships"
#define LONG_TOKEN "ref-host.example.com/scopes/10.20.30.0-24/very-long-reference-that-no-pane-is-wide-enough-to-hold-in-one-line"

static const char *methods[] = { "Login", "GetDHCPServers", "GetDHCPScopes", LONG_METHOD, "GetRange" };

/* 500 entries: method i % 5, status 500 for every tenth (the others 200), the response naming
 * server ams-dhcp-(i % 10). */
static MfmApiLog *
new_full_log (void)
{
  MfmApiLog *log = mfm_api_log_new ();

  for (guint i = 0; i < MFM_API_LOG_CAPACITY; i++)
    {
      g_autofree char *request = g_strdup_printf ("{\"method\":\"%s\",\"params\":{\"id\":%u}}",
                                                  methods[i % 5], i);
      g_autofree char *response = g_strdup_printf ("{\"result\":{\"name\":\"AMS-DHCP-%u\",\"ref\":\"%s\"}}",
                                                   i % 10, LONG_TOKEN);
      g_autoptr(MfmApiLogEntry) entry = NULL;

      entry = mfm_api_log_entry_new (methods[i % 5], i % 10 == 3 ? 500 : 200,
                                     i % 10 == 3 ? "Internal Server Error" : "OK", 12.0,
                                     request, response, strlen (request), strlen (response));
      mfm_api_log_append (log, entry);
    }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (log)), ==, MFM_API_LOG_CAPACITY);

  return log;
}

static void
set_flag (gboolean *flag)
{
  *flag = TRUE;
}

/* With MFM_TEST_SHOTS_DIR set, saves @window as NAME.png there, to look at. */
static void
save_shot (GtkWidget  *window,
           const char *name)
{
  const char *dir = g_getenv ("MFM_TEST_SHOTS_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  if (dir == NULL)
    return;

  paintable = gtk_widget_paintable_new (window);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strdup_printf ("%s/%s.png", dir, name);
  g_assert_true (gdk_texture_save_to_png (texture, file));
}

static MfmApiLogWindow *
open_window (MfmApiLog *log,
             int        width)
{
  MfmApiLogWindow *window = mfm_api_log_window_new (log);

  if (width > 0)
    gtk_window_set_default_size (GTK_WINDOW (window), width, 640);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait ((UiCondition) gtk_widget_get_mapped, window));
  ui_spin (300);

  return window;
}

static GListModel *
shown_entries (MfmApiLogWindow *window)
{
  GtkColumnView *column_view = GTK_COLUMN_VIEW (ui_find (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, NULL));

  return G_LIST_MODEL (gtk_column_view_get_model (column_view));
}

static void
collect_method_labels (GtkWidget *root,
                       GPtrArray *labels)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root))
    {
      for (guint i = 0; i < G_N_ELEMENTS (methods); i++)
        if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), methods[i]) == 0)
          g_ptr_array_add (labels, root);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_method_labels (child, labels);
}

/* Every method name shown is whole, or ellipsized with the whole name as its tooltip. Returns
 * how many were ellipsized. */
static guint
assert_methods_readable (MfmApiLogWindow *window)
{
  GtkWidget *column_view = ui_find (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, NULL);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  guint ellipsized = 0;
  gboolean long_seen = FALSE;

  collect_method_labels (column_view, labels);
  g_assert_cmpuint (labels->len, >, 5);
  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = labels->pdata[i];
      const char *text = gtk_label_get_text (label);

      long_seen |= g_str_equal (text, LONG_METHOD);
      if (!pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        continue;
      ellipsized++;
      g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (label)), ==, text);
    }
  g_assert_true (long_seen);

  return ellipsized;
}

static void
test_method_names (void)
{
  g_autoptr(MfmApiLog) log = new_full_log ();
  MfmApiLogWindow *window;
  guint ellipsized;

  /* At the window's default size, the column fits them all. */
  window = open_window (log, 0);
  mfm_api_log_window_select (window, 3);
  ui_spin (200);
  save_shot (GTK_WIDGET (window), "api-log-default");
  g_assert_cmpuint (assert_methods_readable (window), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* At 800 px, a long one may be shortened, but its tooltip gives it whole. */
  window = open_window (log, 800);
  mfm_api_log_window_select (window, 3);
  ui_spin (200);
  save_shot (GTK_WIDGET (window), "api-log-800");
  ellipsized = assert_methods_readable (window);
  g_test_message ("%u method names ellipsized at 800 px", ellipsized);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);
}

static void
collect_text_views (GtkWidget *root,
                    GPtrArray *views)
{
  if (GTK_IS_TEXT_VIEW (root))
    g_ptr_array_add (views, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text_views (child, views);
}

/* The response body's view (the second text view; the first is the request's). */
static GtkTextView *
response_view (MfmApiLogWindow *window)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new ();

  collect_text_views (GTK_WIDGET (window), views);
  g_assert_cmpuint (views->len, ==, 2);
  return views->pdata[1];
}

/* Whether the display line starting at @iter begins inside a JSON token: inside a string, or
 * between two characters of a name or number. */
static gboolean
starts_inside_token (GtkTextIter *iter)
{
  GtkTextIter line_start = *iter;
  g_autofree char *before = NULL;
  gboolean in_string = FALSE;
  gboolean escaped = FALSE;
  gunichar prev;
  gunichar next;

  if (gtk_text_iter_starts_line (iter) || gtk_text_iter_is_end (iter))
    return FALSE;

  gtk_text_iter_set_line_offset (&line_start, 0);
  before = gtk_text_iter_get_text (&line_start, iter);
  for (const char *p = before; *p != '\0'; p++)
    {
      if (escaped)
        escaped = FALSE;
      else if (in_string && *p == '\\')
        escaped = TRUE;
      else if (*p == '"')
        in_string = !in_string;
    }
  if (in_string)
    return TRUE;

  prev = g_utf8_get_char (g_utf8_prev_char (before + strlen (before)));
  next = gtk_text_iter_get_char (iter);
  return (g_unichar_isalnum (prev) || prev == '.' || prev == '-') &&
         (g_unichar_isalnum (next) || next == '.' || next == '-');
}

static void
test_json_wraps_between_tokens (void)
{
  g_autoptr(MfmApiLog) log = new_full_log ();
  MfmApiLogWindow *window = open_window (log, 800);
  GtkTextView *response;
  GtkTextIter iter;
  guint display_lines = 0;
  guint inside = 0;

  mfm_api_log_window_select (window, 3);
  ui_spin (300);
  response = response_view (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (response)));
  /* Narrower than the long reference, so it would have to wrap. */
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (response)), <, 8 * (int) strlen (LONG_TOKEN));

  gtk_text_buffer_get_start_iter (gtk_text_view_get_buffer (response), &iter);
  do
    {
      display_lines++;
      if (starts_inside_token (&iter))
        inside++;
    }
  while (gtk_text_view_forward_display_line (response, &iter));

  g_test_message ("%u display lines", display_lines);
  g_assert_cmpuint (display_lines, >, 3);
  g_assert_cmpuint (inside, ==, 0);
  /* Pretty-printed, the reference on its own line. */
  {
    g_autofree char *shown = mfm_api_log_window_dup_shown_text (window);

    g_assert_nonnull (strstr (shown, "\"ref\": \"" LONG_TOKEN "\""));
  }

  gtk_window_destroy (GTK_WINDOW (window));
  ui_spin (50);
}

typedef struct
{
  GListModel *model;
  guint       n;
} CountData;

static gboolean
count_is (gpointer data)
{
  CountData *count = data;

  return g_list_model_get_n_items (count->model) == count->n;
}

/* Types @text into the filter as a person does, one character after the other, and waits for
 * the list to show @n entries after the last. */
static void
type_filter (MfmApiLogWindow *window,
             const char      *text,
             guint            n)
{
  GtkEditable *entry = GTK_EDITABLE (ui_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL));
  CountData count = { shown_entries (window), n };

  gtk_editable_set_text (entry, "");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      int position = gtk_editable_get_position (entry);

      gtk_editable_insert_text (entry, p, g_utf8_next_char (p) - p, &position);
      gtk_editable_set_position (entry, position);
      ui_spin (20);
    }
  if (!ui_wait (count_is, &count))
    g_error ("Filter “%s” shows %u entries, not %u", text, g_list_model_get_n_items (count.model), n);
}

/* Runs the window's key binding for @keyval with @mods, as a key press would. */
static void
press_shortcut (GtkWidget      *widget,
                guint           keyval,
                GdkModifierType mods)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) wanted = gtk_keyval_trigger_new (keyval, mods);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            {
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_error ("%s has no shortcut for %s", G_OBJECT_TYPE_NAME (widget), gdk_keyval_name (keyval));
}

static void
test_filter (void)
{
  g_autoptr(MfmApiLog) log = new_full_log ();
  MfmApiLogWindow *window = open_window (log, 0);
  GtkWidget *entry = ui_find (GTK_WIDGET (window), GTK_TYPE_SEARCH_ENTRY, NULL);
  AdwStatusPage *no_match;
  gboolean destroyed = FALSE;
  g_autofree char *shown = NULL;

  g_assert_nonnull (entry);
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_cmpuint (g_list_model_get_n_items (shown_entries (window)), ==, 500);

  /* Ctrl+F puts the focus in it. */
  gtk_widget_grab_focus (ui_find (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW, NULL));
  g_assert_false (gtk_widget_is_focus (entry) || gtk_widget_has_focus (entry) ||
                  gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));
  press_shortcut (GTK_WIDGET (window), GDK_KEY_f, GDK_CONTROL_MASK);
  g_assert_true (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  /* By method, in any case, narrowing as typed. */
  type_filter (window, "getdhcps", 200);
  type_filter (window, "GETDHCPSCOPES", 100);
  type_filter (window, "failoverRel", 100);
  /* By status, and by outcome. */
  type_filter (window, "500", 50);
  type_filter (window, "internal server", 50);
  /* By body text, in any case. */
  type_filter (window, "ams-dhcp-7", 50);
  ui_spin (200);
  save_shot (GTK_WIDGET (window), "api-log-filter");
  type_filter (window, "\"id\": 42}", 0);
  type_filter (window, "\"id\":42}", 1);
  mfm_api_log_window_select (window, 0);
  ui_spin (100);
  shown = mfm_api_log_window_dup_shown_text (window);
  g_assert_nonnull (strstr (shown, "\"id\": 42"));

  /* Nothing matches: it says so. */
  no_match = ui_find_status_page (GTK_WIDGET (window), _("No request matches"));
  g_assert_nonnull (no_match);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (no_match)));
  type_filter (window, "zz-nothing-zz", 0);
  ui_spin (100);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (no_match)));
  g_assert_true (gtk_widget_get_mapped (entry));
  save_shot (GTK_WIDGET (window), "api-log-no-match");

  /* New entries that match appear; the list still says nothing while none match. */
  {
    g_autoptr(MfmApiLogEntry) added = mfm_api_log_entry_new ("GetRange", 200, "OK", 1.0,
                                                             "{\"zz-nothing-zz\":1}", "{}", 19, 2);

    mfm_api_log_append (log, added);
    g_assert_cmpuint (g_list_model_get_n_items (shown_entries (window)), ==, 1);
    ui_spin (100);
    g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (no_match)));
  }

  /* Escape clears it, and the window stays; Escape then closes it. */
  g_signal_connect_swapped (window, "destroy", G_CALLBACK (set_flag), &destroyed);
  press_shortcut (GTK_WIDGET (window), GDK_KEY_Escape, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown_entries (window)), ==, MFM_API_LOG_CAPACITY);
  g_assert_false (destroyed);
  /* The log keeps the last 500: the first Login made room for the entry added. */
  type_filter (window, "login", 99);
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (shown_entries (window)), ==, MFM_API_LOG_CAPACITY);
  g_assert_false (destroyed);
  press_shortcut (GTK_WIDGET (window), GDK_KEY_Escape, 0);
  g_assert_true (ui_wait (ui_flag_set, &destroyed));
  ui_spin (50);
}

static void
test_shortcuts_window_lists_filter (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/mfm-shortcuts-window.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  gboolean listed = FALSE;

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *title = NULL;
      g_autofree char *accel = NULL;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "title", &title, "accelerator", &accel, NULL);
      if (g_strcmp0 (title, C_("shortcut window", "Filter the API log")) == 0)
        {
          guint key;
          GdkModifierType mods;

          g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
          g_assert_cmpuint (key, ==, GDK_KEY_f);
          g_assert_cmpuint (mods, ==, GDK_CONTROL_MASK);
          listed = TRUE;
        }
    }
  g_assert_true (listed);

  if (g_getenv ("MFM_TEST_SHOTS_DIR") != NULL)
    {
      GtkWindow *overlay = GTK_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

      gtk_window_present (overlay);
      ui_spin (500);
      save_shot (GTK_WIDGET (overlay), "shortcuts");
      gtk_window_destroy (overlay);
      ui_spin (50);
    }
}

static void
assert_role_and_name (GtkWindow         *window,
                      GtkAccessibleRole  role)
{
  const char *title = gtk_window_get_title (window);
  g_autofree char *wrong = NULL;

  g_assert_nonnull (window);
  g_test_message ("%s: role %d, title %s", G_OBJECT_TYPE_NAME (window),
                  gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (window)), title);
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (window)), ==, role);
  /* What assistive technologies are told: the role of the window's accessibility context. */
  g_assert_true (gtk_test_accessible_has_role (GTK_ACCESSIBLE (window), role));
  g_assert_nonnull (title);
  g_assert_cmpstr (title, !=, "");
  wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (window), GTK_ACCESSIBLE_PROPERTY_LABEL, title);
  if (wrong != NULL)
    g_error ("%s: accessible name %s", G_OBJECT_TYPE_NAME (window), wrong);
  gtk_window_destroy (window);
  ui_spin (50);
}

/* Windows that ask something of the user (the assistant, the remove and scopes dialogs, the
 * review) are dialogs; those that show something (the API log, the Kea configuration, the
 * compatibility report) are windows. Each is named by its title. (GTK 4.8 tells AT-SPI "filler"
 * for a role set only on a window's class although these checks then pass: the e2e test
 * api-log-keys reads the assistant's role as a screen reader does.) */
static void
test_window_roles (ChangesFixture *fixture,
                   gconstpointer   unused)
{
  GListModel *servers = mfm_inventory_get_servers (mfm_session_get_inventory (fixture->session));
  g_autoptr(MfmServer) server = g_list_model_get_item (servers, 0);
  g_autoptr(MfmApiLog) log = mfm_api_log_new ();

  assert_role_and_name (GTK_WINDOW (mfm_relationship_editor_new_add (fixture->parent, fixture->session,
                                                                     mfm_server_get_ref (server))),
                        GTK_ACCESSIBLE_ROLE_DIALOG);
  assert_role_and_name (GTK_WINDOW (mfm_relationship_editor_new_edit (fixture->parent, fixture->session,
                                                                      RELATIONSHIP)),
                        GTK_ACCESSIBLE_ROLE_DIALOG);
  assert_role_and_name (GTK_WINDOW (mfm_remove_dialog_new (fixture->parent, fixture->session, RELATIONSHIP)),
                        GTK_ACCESSIBLE_ROLE_DIALOG);
  assert_role_and_name (GTK_WINDOW (mfm_scopes_dialog_new (fixture->parent, fixture->session, RELATIONSHIP)),
                        GTK_ACCESSIBLE_ROLE_DIALOG);
  assert_role_and_name (GTK_WINDOW (mfm_review_window_new (fixture->parent, fixture->session)),
                        GTK_ACCESSIBLE_ROLE_DIALOG);
  assert_role_and_name (GTK_WINDOW (mfm_relationship_details_new (fixture->parent, fixture->session,
                                                                 RELATIONSHIP)),
                        GTK_ACCESSIBLE_ROLE_WINDOW);
  assert_role_and_name (GTK_WINDOW (mfm_compat_window_new (fixture->parent, fixture->session)),
                        GTK_ACCESSIBLE_ROLE_WINDOW);
  assert_role_and_name (GTK_WINDOW (mfm_api_log_window_new (log)), GTK_ACCESSIBLE_ROLE_WINDOW);
}

int
main (int   argc,
      char *argv[])
{
  ui_test_init (&argc, &argv);
  /* Pictures to look at come in the language LANGUAGE asks for. */
  if (g_getenv ("MFM_TEST_SHOTS_DIR") != NULL && g_getenv ("MFM_LOCALEDIR") != NULL)
    {
      /* gtk_test_init() set the C locale. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, g_getenv ("MFM_LOCALEDIR"));
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
    }

  g_test_add_func ("/api-log/method-names", test_method_names);
  g_test_add_func ("/api-log/json-wraps-between-tokens", test_json_wraps_between_tokens);
  g_test_add_func ("/api-log/filter", test_filter);
  g_test_add_func ("/api-log/shortcuts-window", test_shortcuts_window_lists_filter);
  g_test_add ("/api-log/window-roles", ChangesFixture, NULL,
              changes_fixture_set_up, test_window_roles, changes_fixture_tear_down);

  return g_test_run ();
}
