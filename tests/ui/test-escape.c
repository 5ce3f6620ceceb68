/* test-escape.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Escape closes the remove dialog, the review window and the compatibility report through
 * the one "window.close" key binding, and closing stages nothing. */

#include "config.h"

#include <glib/gi18n.h>

#include "mfm-changes-test-util.h"
#include "mfm-compat-window.h"
#include "mfm-remove-dialog.h"
#include "mfm-review-window.h"
#include "mfm-ui-test-util.h"

/* Runs the window's key binding for Escape, as a key press would (GTK 4.8 has no synthetic
 * events); fails when the window has none or when it is not the "window.close" action. */
static void
press_escape (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  g_autoptr(GtkShortcutTrigger) escape = gtk_keyval_trigger_new (GDK_KEY_Escape, 0);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), escape))
            {
              GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

              /* One way for every window: the window's own close action. */
              g_assert_true (GTK_IS_NAMED_ACTION (action));
              g_assert_cmpstr (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), ==,
                               "window.close");
              g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                                           widget,
                                                           gtk_shortcut_get_arguments (shortcut)));
              return;
            }
        }
    }

  g_error ("%s has no binding for Escape", G_OBJECT_TYPE_NAME (widget));
}

static void
assert_closed_by_escape (ChangesFixture *fixture,
                         GtkWidget      *window)
{
  gpointer weak = window;
  guint n_changes = mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session));

  g_assert_nonnull (window);
  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  press_escape (window);
  changes_test_wait_pointer_cleared (&weak);
  g_assert_cmpuint (mfm_change_set_get_n_changes (mfm_session_get_changes (fixture->session)), ==,
                    n_changes);
}

static void
test_remove_dialog (ChangesFixture *fixture,
                    gconstpointer   data)
{
  changes_test_activate (fixture, "remove-relationship", g_variant_new_string ("fra-failover"));
  assert_closed_by_escape (fixture, changes_test_find_window (MFM_TYPE_REMOVE_DIALOG));
}

static void
test_review_window (ChangesFixture *fixture,
                    gconstpointer   data)
{
  MfmReviewWindow *review = mfm_review_window_new (fixture->parent, fixture->session);

  gtk_window_present (GTK_WINDOW (review));
  assert_closed_by_escape (fixture, GTK_WIDGET (review));
}

static void
test_compat_window (ChangesFixture *fixture,
                    gconstpointer   data)
{
  MfmCompatWindow *compat = mfm_compat_window_new (fixture->parent, fixture->session);

  gtk_window_present (GTK_WINDOW (compat));
  assert_closed_by_escape (fixture, GTK_WIDGET (compat));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  adw_init ();

  g_test_add ("/escape/remove-dialog", ChangesFixture, NULL,
              changes_fixture_set_up, test_remove_dialog, changes_fixture_tear_down);
  g_test_add ("/escape/review-window", ChangesFixture, NULL,
              changes_fixture_set_up, test_review_window, changes_fixture_tear_down);
  g_test_add ("/escape/compat-window", ChangesFixture, NULL,
              changes_fixture_set_up, test_compat_window, changes_fixture_tear_down);

  return g_test_run ();
}
