/* test-register-queue.c — packets waiting for the register survive in
 * their file: added once, removed once, any file name and problem text
 * kept exactly, and a damaged file reported, never written over
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-date.h"
#include "sb-register-queue.h"

static char *folder;

static char *
queue_file (const char *name)
{
  return g_build_filename (folder, name, NULL);
}

static void
test_add_load_remove (void)
{
  g_autofree char *file = queue_file ("queue.json");
  /* A file name in GB 18030 bytes (not UTF-8) and with a newline: its
   * URI is ASCII. */
  g_autofree char *odd_path = g_build_filename (folder, "\xc9\xea\xb1\xa8\n.sbpkt.json", NULL);
  g_autofree char *odd_uri = g_filename_to_uri (odd_path, NULL, NULL);
  g_autoptr(GPtrArray) waiting = NULL;
  g_autoptr(GError) error = NULL;
  SbQueuedPacket *queued;

  g_assert_nonnull (odd_uri);
  waiting = sb_register_queue_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 0);
  g_clear_pointer (&waiting, g_ptr_array_unref);

  g_assert_true (sb_register_queue_add (file, "file:///srv/a.sbpkt.json", sb_date_from_ymd (2025, 4, 1), TRUE, NULL,
                                        &error));
  g_assert_no_error (error);
  g_assert_true (sb_register_queue_add (file, odd_uri, sb_date_from_ymd (2025, 4, 2), FALSE,
                                        "integrity: \"changed\"\x01 \xe2\x80\xae reversed", &error));
  g_assert_no_error (error);
  /* The same packet again keeps its first day of receipt. */
  g_assert_true (sb_register_queue_add (file, "file:///srv/a.sbpkt.json", sb_date_from_ymd (2025, 4, 9), TRUE, NULL,
                                        &error));
  g_assert_no_error (error);

  waiting = sb_register_queue_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 2);
  queued = g_ptr_array_index (waiting, 0);
  g_assert_cmpstr (queued->uri, ==, "file:///srv/a.sbpkt.json");
  g_assert_cmpint (queued->received, ==, sb_date_from_ymd (2025, 4, 1));
  g_assert_true (queued->verified);
  g_assert_null (queued->problem);
  queued = g_ptr_array_index (waiting, 1);
  g_assert_cmpstr (queued->uri, ==, odd_uri);
  g_assert_false (queued->verified);
  g_assert_cmpstr (queued->problem, ==, "integrity: \"changed\"\x01 \xe2\x80\xae reversed");
  {
    g_autofree char *path = g_filename_from_uri (queued->uri, NULL, NULL);

    g_assert_cmpstr (path, ==, odd_path);
  }
  g_clear_pointer (&waiting, g_ptr_array_unref);

  g_assert_true (sb_register_queue_remove (file, "file:///srv/a.sbpkt.json", &error));
  g_assert_no_error (error);
  g_assert_true (sb_register_queue_remove (file, "file:///not/there.json", &error));
  g_assert_no_error (error);
  waiting = sb_register_queue_load (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 1);
  /* The last one out: the file goes. */
  g_assert_true (sb_register_queue_remove (file, odd_uri, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

static void
test_damaged_file_kept (void)
{
  const char *damaged[] = { "{\"format\": \"shenbao-register-queue\", \"packets\": [", "[1, 2]",
                            "{\"format\": \"something-else\", \"packets\": []}",
                            "{\"format\": \"shenbao-register-queue\", \"packets\": [{\"received\": \"2025-04-01\"}]}" };

  for (guint i = 0; i < G_N_ELEMENTS (damaged); i++)
    {
      g_autofree char *file = queue_file ("damaged.json");
      g_autoptr(GError) error = NULL;
      g_autofree char *after = NULL;
      GPtrArray *waiting;

      g_assert_true (g_file_set_contents (file, damaged[i], -1, NULL));
      waiting = sb_register_queue_load (file, &error);
      g_assert_null (waiting);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, file));
      g_clear_error (&error);
      /* Adding to it refuses rather than start a new list over it. */
      g_assert_false (sb_register_queue_add (file, "file:///srv/b.json", sb_date_from_ymd (2025, 4, 1), TRUE, NULL,
                                             &error));
      g_assert_nonnull (error);
      g_assert_true (g_file_get_contents (file, &after, NULL, NULL));
      g_assert_cmpstr (after, ==, damaged[i]);
      g_unlink (file);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  folder = g_dir_make_tmp ("shenbao-queue-XXXXXX", NULL);
  g_test_add_func ("/register-queue/add-load-remove", test_add_load_remove);
  g_test_add_func ("/register-queue/damaged-file-kept", test_damaged_file_kept);
  status = g_test_run ();
  g_rmdir (folder);
  return status;
}
