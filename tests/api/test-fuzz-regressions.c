/* test-fuzz-regressions.c
 *
 * Copyright 2026 The Failover Manager authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Replays every input in tests/fuzz/corpus/ (the seeds and every crasher the fuzzer ever
 * found) through the same code as the libFuzzer target, in a normal build. */

#define G_LOG_DOMAIN "mfm-test-fuzz-regressions"

#include "config.h"

#include "../fuzz/fuzz-wire-input.h"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
replay (gconstpointer data)
{
  const char *path = data;
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  mfm_fuzz_wire_one ((const guint8 *) contents, length);
}

int
main (int   argc,
      char *argv[])
{
  const char *corpus = g_getenv ("MFM_FUZZ_CORPUS");
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *name;

  g_test_init (&argc, &argv, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (corpus == NULL)
    {
      g_print ("1..0 # SKIP MFM_FUZZ_CORPUS is not set: run this through meson test\n");
      return 0;
    }

  dir = g_dir_open (corpus, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, >, 0);

  for (guint i = 0; i < names->len; i++)
    {
      const char *file = g_ptr_array_index (names, i);
      g_autofree char *test_path = g_strdup_printf ("/fuzz-regressions/%s", file);
      char *path = g_build_filename (corpus, file, NULL);

      g_ptr_array_add (paths, path);
      g_test_add_data_func (test_path, path, replay);
    }

  return g_test_run ();
}
