/* test-drafts.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "mfm-test-drafts"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "mfm-drafts.h"

static char *data_home;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static MfmRelationship *
make_relationship (const char *name)
{
  MfmRelationship *relationship = mfm_relationship_new ();
  const char *refs[] = { "dhcpScopes/77", NULL };

  mfm_relationship_set_name (relationship, name);
  mfm_relationship_set_primary_server (relationship, "dhcp-ams-01.example.");
  mfm_relationship_set_primary_server_ref (relationship, "dhcpServers/12");
  mfm_relationship_set_secondary_server (relationship, "dhcp-rtm-01.example.");
  mfm_relationship_set_secondary_server_ref (relationship, "dhcpServers/13");
  mfm_relationship_set_mclt (relationship, 4000000000u);
  mfm_relationship_set_port (relationship, 847);
  mfm_relationship_set_peer_port (relationship, 848);
  mfm_relationship_set_percentage (relationship, 25);
  mfm_relationship_set_scope_refs (relationship, refs);
  return relationship;
}

static MfmChangeSet *
make_changes (void)
{
  MfmChangeSet *changes = mfm_change_set_new ();
  g_autoptr(MfmRelationship) added = make_relationship ("ams-rtm");
  g_autoptr(MfmRelationship) old = make_relationship ("ber-fra");
  g_autoptr(MfmRelationship) new = mfm_relationship_copy (old);
  const char *scopes[] = { "dhcpScopes/5", "dhcpScopes/6", NULL };
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) remove = NULL;
  g_autoptr(MfmChange) add_scopes = NULL;
  g_autoptr(MfmChange) remove_scopes = NULL;

  mfm_relationship_set_max_response_delay (new, 11);
  add = mfm_change_new_add (added);
  modify = mfm_change_new_modify (old, new);
  remove = mfm_change_new_remove (old, MFM_DECONFIGURE_DELETE);
  add_scopes = mfm_change_new_add_scopes (added, scopes);
  remove_scopes = mfm_change_new_remove_scopes (old, scopes, MFM_DECONFIGURE_DISABLE);

  mfm_change_set_add (changes, add);
  mfm_change_set_add (changes, add_scopes);
  mfm_change_set_add (changes, modify);
  mfm_change_set_add (changes, remove_scopes);
  mfm_change_set_add (changes, remove);
  return changes;
}

static void
assert_same_changes (MfmChangeSet *a,
                     MfmChangeSet *b)
{
  guint n = mfm_change_set_get_n_changes (a);

  g_assert_cmpuint (mfm_change_set_get_n_changes (b), ==, n);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MfmChange) x = g_list_model_get_item (G_LIST_MODEL (a), i);
      g_autoptr(MfmChange) y = g_list_model_get_item (G_LIST_MODEL (b), i);
      const char * const *xs = mfm_change_get_scope_refs (x);
      const char * const *ys = mfm_change_get_scope_refs (y);
      MfmRelationship *xo = mfm_change_get_old_relationship (x);
      MfmRelationship *yo = mfm_change_get_old_relationship (y);

      g_assert_cmpint (mfm_change_get_kind (x), ==, mfm_change_get_kind (y));
      g_assert_cmpstr (mfm_change_get_relationship_name (x), ==,
                       mfm_change_get_relationship_name (y));
      g_assert_true (mfm_relationship_equal_settings (mfm_change_get_relationship (x),
                                                      mfm_change_get_relationship (y)));
      g_assert_cmpuint (mfm_relationship_get_mclt (mfm_change_get_relationship (y)), ==,
                        mfm_relationship_get_mclt (mfm_change_get_relationship (x)));
      g_assert_cmpint (mfm_change_get_action (x), ==, mfm_change_get_action (y));
      g_assert_true ((xo == NULL) == (yo == NULL));
      if (xo != NULL)
        g_assert_true (mfm_relationship_equal_settings (xo, yo));
      g_assert_true ((xs == NULL) == (ys == NULL));
      if (xs != NULL)
        g_assert_true (g_strv_equal ((const char * const *) xs, (const char * const *) ys));
    }
}

static void
test_round_trip (void)
{
  g_autoptr(MfmChangeSet) changes = make_changes ();
  g_autoptr(MfmChangeSet) loaded = mfm_change_set_new ();
  g_autoptr(MfmChangeSet) other_user = mfm_change_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = mfm_drafts_get_path ("https://micetro.example", "admin");
  g_autofree char *other_path = mfm_drafts_get_path ("https://micetro.example", "viewer");
  g_autofree char *contents = NULL;

  g_assert_true (g_str_has_prefix (path, data_home));
  g_assert_nonnull (strstr (path, "failover-manager/drafts/"));
  g_assert_cmpstr (path, !=, other_path);
  /* The file name says nothing about the server or the user. */
  g_assert_null (strstr (path, "admin"));
  g_assert_null (strstr (path, "micetro"));

  g_assert_false (mfm_drafts_load (loaded, "https://micetro.example", "admin", &error));
  g_assert_no_error (error);

  g_assert_true (mfm_drafts_save (changes, "https://micetro.example", "admin", &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "ams-rtm"));

  g_assert_true (mfm_drafts_load (loaded, "https://micetro.example", "admin", &error));
  g_assert_no_error (error);
  assert_same_changes (changes, loaded);

  g_assert_false (mfm_drafts_load (other_user, "https://micetro.example", "viewer", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mfm_change_set_get_n_changes (other_user), ==, 0);

  mfm_drafts_delete ("https://micetro.example", "admin");
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static void
test_json_text (void)
{
  g_autoptr(MfmChangeSet) changes = make_changes ();
  g_autoptr(MfmChangeSet) parsed = mfm_change_set_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = mfm_drafts_to_json (changes);

  g_assert_true (mfm_drafts_from_json (parsed, json, &error));
  g_assert_no_error (error);
  assert_same_changes (changes, parsed);

  g_assert_false (mfm_drafts_from_json (parsed, "{\"format\":\"something-else\"}", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_false (mfm_drafts_from_json (parsed, "{\"format\":", &error));
  g_assert_nonnull (error);
}

static void
test_empty_set_removes_draft (void)
{
  g_autoptr(MfmChangeSet) changes = make_changes ();
  g_autoptr(MfmChangeSet) empty = mfm_change_set_new ();
  g_autofree char *path = mfm_drafts_get_path ("http://127.0.0.1:8080", "admin");
  g_autoptr(GError) error = NULL;

  g_assert_true (mfm_drafts_save (changes, "http://127.0.0.1:8080", "admin", &error));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (mfm_drafts_save (empty, "http://127.0.0.1:8080", "admin", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static char *
read_text (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Drafts kept aside and drafts set aside as unreadable never overwrite one another, and the
 * ones kept aside are listed in the order they were kept in. */
static void
test_kept_aside_never_overwritten (void)
{
  const char *url = "https://aside.example";
  g_autoptr(MfmChangeSet) changes = make_changes ();
  g_autofree char *path = mfm_drafts_get_path (url, "admin");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *first_text = NULL;
  g_autofree char *main_text = NULL;
  g_autofree char *unreadable = g_strconcat (path, ".unreadable", NULL);
  g_autofree char *unreadable_2 = g_strconcat (path, ".unreadable-2", NULL);
  g_auto(GStrv) listed = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing to keep aside. */
  g_assert_null (mfm_drafts_keep_aside (url, "admin", &error));
  g_assert_no_error (error);

  g_assert_true (mfm_drafts_save (changes, url, "admin", &error));
  first_text = read_text (path);
  first = mfm_drafts_keep_aside (url, "admin", &error);
  g_assert_no_error (error);
  g_assert_nonnull (first);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* A new draft, kept aside in turn, goes to a file of its own. */
  mfm_change_set_undo (changes);
  g_assert_true (mfm_drafts_save (changes, url, "admin", &error));
  second = mfm_drafts_keep_aside (url, "admin", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (first, !=, second);
  main_text = read_text (first);
  g_assert_cmpstr (main_text, ==, first_text);

  listed = mfm_drafts_list_aside (url, "admin");
  g_assert_cmpuint (g_strv_length (listed), ==, 2);
  g_assert_cmpstr (listed[0], ==, first);
  g_assert_cmpstr (listed[1], ==, second);

  /* Another user's drafts are not listed. */
  {
    g_auto(GStrv) others = mfm_drafts_list_aside (url, "viewer");

    g_assert_cmpuint (g_strv_length (others), ==, 0);
  }

  /* Two unreadable drafts in a row: both kept. */
  g_assert_true (g_file_set_contents (path, "cut sho", -1, NULL));
  mfm_drafts_set_aside (url, "admin");
  g_assert_true (g_file_set_contents (path, "cut short again", -1, NULL));
  mfm_drafts_set_aside (url, "admin");
  g_free (main_text);
  main_text = read_text (unreadable);
  g_assert_cmpstr (main_text, ==, "cut sho");
  g_free (main_text);
  main_text = read_text (unreadable_2);
  g_assert_cmpstr (main_text, ==, "cut short again");

  g_unlink (first);
  g_unlink (second);
  g_unlink (unreadable);
  g_unlink (unreadable_2);
}

static MfmChange *
change_at (MfmChangeSet *changes,
           guint         position)
{
  return g_list_model_get_item (G_LIST_MODEL (changes), position);
}

/* A draft written by version 1 of the format (tests/api/draft-version-1.json, as this version
 * writes it) still loads with everything it holds: kinds, values, statuses, the error message,
 * the base of a change file, a note and the scope names learnt before. */
static void
test_version_1_loads (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "api", "draft-version-1.json", NULL);
  g_autoptr(MfmChangeSet) loaded = mfm_change_set_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(MfmChange) add = NULL;
  g_autoptr(MfmChange) add_scopes = NULL;
  g_autoptr(MfmChange) modify = NULL;
  g_autoptr(MfmChange) remove_scopes = NULL;
  g_autoptr(MfmChange) remove = NULL;
  g_autoptr(GPtrArray) diff = NULL;
  MfmRelationship *relationship;
  MfmFieldDiff *line;

  g_assert_true (mfm_drafts_load_path (loaded, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (mfm_change_set_get_n_changes (loaded), ==, 5);

  add = change_at (loaded, 0);
  g_assert_cmpint (mfm_change_get_kind (add), ==, MFM_CHANGE_ADD);
  g_assert_cmpint (mfm_change_get_status (add), ==, MFM_CHANGE_STATUS_APPLIED);
  relationship = mfm_change_get_relationship (add);
  g_assert_cmpstr (mfm_relationship_get_name (relationship), ==, "ams-rtm");
  g_assert_cmpstr (mfm_relationship_get_primary_server (relationship), ==, "dhcp-ams-01.example.");
  g_assert_cmpstr (mfm_relationship_get_secondary_server_ref (relationship), ==, "dhcpServers/13");
  g_assert_cmpuint (mfm_relationship_get_mclt (relationship), ==, 4000000000u);
  g_assert_cmpuint (mfm_relationship_get_port (relationship), ==, 847);
  g_assert_cmpuint (mfm_relationship_get_peer_port (relationship), ==, 848);
  g_assert_cmpuint (mfm_relationship_get_percentage (relationship), ==, 25);
  g_assert_cmpuint (mfm_relationship_get_max_response_delay (relationship), ==, 60);
  g_assert_cmpuint (mfm_relationship_get_load_balance_max_seconds (relationship), ==, 3);
  g_assert_cmpuint (mfm_relationship_get_max_unacked_updates (relationship), ==, 10);
  g_assert_cmpuint (mfm_relationship_get_scope_count (relationship), ==, 1);
  g_assert_false (mfm_change_has_base (add));

  add_scopes = change_at (loaded, 1);
  g_assert_cmpint (mfm_change_get_kind (add_scopes), ==, MFM_CHANGE_ADD_SCOPES);
  g_assert_cmpint (mfm_change_get_status (add_scopes), ==, MFM_CHANGE_STATUS_FAILED);
  g_assert_cmpstr (mfm_change_get_error_message (add_scopes), ==, "The scope is locked by another user.");
  g_assert_cmpuint (g_strv_length ((char **) mfm_change_get_scope_refs (add_scopes)), ==, 2);
  g_assert_cmpuint (mfm_relationship_get_scope_count (mfm_change_get_relationship (add_scopes)), ==, 3);
  /* The name learnt before the draft was written, without an inventory now. */
  diff = mfm_change_get_diff (add_scopes);
  g_assert_cmpuint (diff->len, ==, 2);
  line = g_ptr_array_index (diff, 0);
  g_assert_cmpstr (line->new_value, ==, "Office (10.1.20.0/24)");
  line = g_ptr_array_index (diff, 1);
  g_assert_cmpstr (line->new_value, ==, "dhcpScopes/6");
  g_clear_pointer (&diff, g_ptr_array_unref);

  modify = change_at (loaded, 2);
  g_assert_cmpint (mfm_change_get_kind (modify), ==, MFM_CHANGE_MODIFY);
  g_assert_cmpint (mfm_change_get_status (modify), ==, MFM_CHANGE_STATUS_PENDING);
  g_assert_cmpuint (mfm_relationship_get_max_response_delay (mfm_change_get_old_relationship (modify)), ==, 60);
  g_assert_cmpuint (mfm_relationship_get_max_response_delay (mfm_change_get_relationship (modify)), ==, 11);
  g_assert_cmpuint (mfm_relationship_get_load_balance_max_seconds (mfm_change_get_relationship (modify)), ==, 5);
  diff = mfm_change_get_diff (modify);
  g_assert_cmpuint (diff->len, ==, 2);
  g_assert_true (mfm_change_has_base (modify));
  g_assert_nonnull (mfm_change_get_base (modify));
  g_assert_cmpuint (mfm_relationship_get_max_unacked_updates (mfm_change_get_base (modify)), ==, 12);
  g_assert_cmpstr (mfm_relationship_get_state (mfm_change_get_base (modify)), ==, "Normal");

  remove_scopes = change_at (loaded, 3);
  g_assert_cmpint (mfm_change_get_kind (remove_scopes), ==, MFM_CHANGE_REMOVE_SCOPES);
  g_assert_cmpint (mfm_change_get_action (remove_scopes), ==, MFM_DECONFIGURE_DISABLE);
  g_assert_true (mfm_change_has_base (remove_scopes));
  g_assert_null (mfm_change_get_base (remove_scopes));

  remove = change_at (loaded, 4);
  g_assert_cmpint (mfm_change_get_kind (remove), ==, MFM_CHANGE_REMOVE);
  g_assert_cmpint (mfm_change_get_action (remove), ==, MFM_DECONFIGURE_DELETE);
  g_assert_cmpstr (mfm_change_get_relationship_name (remove), ==, "ber-fra");
  g_assert_cmpstr (mfm_change_get_note (remove), ==, "A note the review shows.");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  data_home = g_dir_make_tmp ("mfm-drafts-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/drafts/round-trip", test_round_trip);
  g_test_add_func ("/drafts/json", test_json_text);
  g_test_add_func ("/drafts/empty-set", test_empty_set_removes_draft);
  g_test_add_func ("/drafts/kept-aside-never-overwritten", test_kept_aside_never_overwritten);
  g_test_add_func ("/drafts/version-1-loads", test_version_1_loads);

  status = g_test_run ();

  remove_tree (data_home);
  g_free (data_home);
  return status;
}
