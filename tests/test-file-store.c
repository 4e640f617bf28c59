/* test-file-store.c — attached files kept by content
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sb-file-store.h"
#include "test-chinese.h"

typedef struct {
  JsonObject *object;
  GError     *error;
  gboolean    done;
} Result;

static void
on_added (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Result *outcome = user_data;

  outcome->object = sb_file_store_add_finish (SB_FILE_STORE (source), result, &outcome->error);
  outcome->done = TRUE;
}

static Result
add (SbFileStore *store,
     const char  *path,
     gint64       max_size)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  Result outcome = { 0 };

  sb_file_store_add_async (store, file, max_size, NULL, on_added, &outcome);
  while (!outcome.done)
    g_main_context_iteration (NULL, TRUE);
  return outcome;
}

static void
test_add_and_load (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shenbao-files-XXXXXX", NULL);
  g_autofree char *store_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *source = g_build_filename (dir, "营业执照.pdf", NULL);
  g_autoptr(SbFileStore) store = sb_file_store_new (store_dir);
  const char *content = "%PDF-1.4\n申报助手 test file\n";
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  g_autoptr(GBytes) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  Result outcome;

  g_assert_true (g_file_set_contents (source, content, -1, NULL));
  outcome = add (store, source, 0);
  g_assert_no_error (outcome.error);
  g_assert_cmpstr (json_object_get_string_member (outcome.object, "name"), ==, "营业执照.pdf");
  g_assert_cmpstr (json_object_get_string_member (outcome.object, "sha256"), ==, expected);
  g_assert_cmpint (json_object_get_int_member (outcome.object, "size"), ==, strlen (content));
  g_assert_cmpstr (json_object_get_string_member (outcome.object, "media_type"), ==, "application/pdf");
  json_object_unref (outcome.object);

  /* The copy survives the original. */
  g_assert_cmpint (g_unlink (source), ==, 0);
  loaded = sb_file_store_load (store, expected, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (loaded, NULL), g_bytes_get_size (loaded), content, strlen (content));

  /* The stored copy is read-only, for whatever application opens it. */
  stored = g_build_filename (store_dir, expected, NULL);
  {
    GStatBuf info;

    g_assert_cmpint (g_stat (stored, &info), ==, 0);
    g_assert_cmpint (info.st_mode & 0777, ==, 0400);
  }

  /* A stored copy changed on disk is not handed out. */
  g_assert_true (g_file_set_contents (stored, "changed", -1, NULL));
  g_clear_pointer (&loaded, g_bytes_unref);
  loaded = sb_file_store_load (store, expected, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  /* Names that are not hashes never reach the file system. */
  loaded = sb_file_store_load (store, "../../etc/passwd", &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  g_unlink (stored);
  g_rmdir (store_dir);
  g_rmdir (dir);
}

static void
test_refusals (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shenbao-files-XXXXXX", NULL);
  g_autofree char *source = g_build_filename (dir, "big.dat", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.pdf", NULL);
  g_autoptr(SbFileStore) store = sb_file_store_new (dir);
  g_autoptr(GDir) listing = NULL;
  Result outcome;
  const char *name;
  guint n_files = 0;

  g_assert_true (g_file_set_contents (source, "0123456789", -1, NULL));
  outcome = add (store, source, 9);
  g_assert_null (outcome.object);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (outcome.error->message, "big.dat"));
  g_clear_error (&outcome.error);

  outcome = add (store, missing, 0);
  g_assert_null (outcome.object);
  g_assert_error (outcome.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&outcome.error);

  /* Nothing half-copied is left behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_unlink (source);
  g_rmdir (dir);
}

/* Adds @path, which must be refused; the error. */
static GError *
add_refusal (SbFileStore *store,
             const char  *path,
             gint64       max_size)
{
  Result outcome = add (store, path, max_size);

  g_assert_null (outcome.object);
  g_assert_nonnull (outcome.error);
  return outcome.error;
}

/* A file the applicant attaches that cannot be kept, and a kept copy that
 * cannot be handed out when the packet is made: why, in Chinese under
 * zh_CN and in English under C. */
static void
test_errors_in_chinese (void)
{
  g_autofree char *dir = g_dir_make_tmp ("shenbao-files-XXXXXX", NULL);
  g_autofree char *store_dir = g_build_filename (dir, "store", NULL);
  g_autofree char *source = g_build_filename (dir, "big.dat", NULL);
  g_autofree char *not_a_folder = g_build_filename (dir, "not-a-folder", NULL);
  g_autofree char *blocked_dir = g_build_filename (not_a_folder, "store", NULL);
  g_autoptr(SbFileStore) store = sb_file_store_new (store_dir);
  g_autoptr(SbFileStore) blocked = NULL;
  const char *content = "0123456789";
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, content, -1);
  g_autofree char *stored = g_build_filename (store_dir, sha256, NULL);
  const char *values[] = { sha256, NULL };
  g_autoptr(GError) english = NULL;
  g_autoptr(GError) chinese = NULL;
  g_autoptr(GBytes) loaded = NULL;
  TestLocale locale;

  g_assert_true (g_file_set_contents (source, content, -1, NULL));
  g_assert_true (g_file_set_contents (not_a_folder, "", -1, NULL));
  blocked = sb_file_store_new (blocked_dir);

  if (!test_chinese_begin (&locale))
    return;

  /* Larger than the material may be: the size is GLib's, in words too. */
  test_chinese_pause (&locale);
  english = add_refusal (store, source, 9);
  test_chinese_resume ();
  chinese = add_refusal (store, source, 9);
  test_assert_both_languages (english->message, chinese->message,
                              "“big.dat” is larger than 9 bytes, the most this material may be", NULL);
  g_clear_error (&english);
  g_clear_error (&chinese);

  /* A file that grows while it is read: a device without end. */
  test_chinese_pause (&locale);
  english = add_refusal (store, "/dev/zero", 9);
  test_chinese_resume ();
  chinese = add_refusal (store, "/dev/zero", 9);
  test_assert_both_languages (english->message, chinese->message,
                              "“zero” grew beyond the size allowed while it was read", NULL);
  g_clear_error (&english);
  g_clear_error (&chinese);

  /* A store that cannot hold files (a file where its folder would be, as
   * root too).  The reason after the colon is the C library's, which GLib
   * keeps in the language it was first asked in: only ours is compared. */
  test_chinese_pause (&locale);
  english = add_refusal (blocked, source, 0);
  test_chinese_resume ();
  chinese = add_refusal (blocked, source, 0);
  g_test_message ("%s\n    %s", english->message, chinese->message);
  g_assert_true (g_str_has_prefix (english->message, "Could not store the file in "));
  g_assert_true (g_str_has_prefix (chinese->message, "无法将文件存入 "));
  g_clear_error (&english);
  g_clear_error (&chinese);

  /* A name that is no hash, and a copy changed on disk. */
  test_chinese_pause (&locale);
  loaded = sb_file_store_load (store, "../../etc/passwd", &english);
  test_chinese_resume ();
  g_assert_null (loaded);
  loaded = sb_file_store_load (store, "../../etc/passwd", &chinese);
  g_assert_null (loaded);
  test_assert_both_languages (english->message, chinese->message, "“../../etc/passwd” is not a SHA-256 hash", NULL);
  g_clear_error (&english);
  g_clear_error (&chinese);

  g_assert_true (g_file_set_contents (stored, "changed", -1, NULL));
  test_chinese_pause (&locale);
  loaded = sb_file_store_load (store, sha256, &english);
  test_chinese_resume ();
  g_assert_null (loaded);
  loaded = sb_file_store_load (store, sha256, &chinese);
  g_assert_null (loaded);
  test_assert_both_languages (english->message, chinese->message, "The stored copy of a file (", values);

  test_chinese_end (&locale);
  g_unlink (stored);
  g_unlink (source);
  g_unlink (not_a_folder);
  g_rmdir (store_dir);
  g_rmdir (dir);
}

/* What a reviewer's packet reader would refuse is never kept: a name with
 * a bidi override or an escape, a launcher, and HTML called a PDF (GIO
 * names its type by the name, so the store looks at the bytes). */
static void
test_untrusted (void)
{
  struct {
    const char *name;
    const char *content;
    const char *message;
  } cases[] = {
    { "scan\xe2\x80\xaegnp.pdf", "%PDF-1.4\n", "its name contains control or bidirectional characters" },
    { "scan\x1b[8m.pdf", "%PDF-1.4\n", "its name contains control or bidirectional characters" },
    { "autostart.desktop", "[Desktop Entry]\nExec=sh\n", "it is named as a program or launcher" },
    { "run.sh", "#!/bin/sh\n", "it is named as a program or launcher" },
    { "scan.pdf", "<html><script>alert(1)</script></html>", "its contents are not of the type application/pdf" },
    { "photo.png", "%PDF-1.4\n", "its contents are not of the type image/png" },
  };
  g_autofree char *dir = g_dir_make_tmp ("shenbao-files-XXXXXX", NULL);
  g_autofree char *store_dir = g_build_filename (dir, "store", NULL);
  g_autoptr(SbFileStore) store = sb_file_store_new (store_dir);
  g_autoptr(GDir) listing = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *source = g_build_filename (dir, cases[i].name, NULL);
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (source, cases[i].content, -1, NULL));
      error = add_refusal (store, source, 0);
      g_test_message ("%s", error->message);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      /* The name is shown, never raw. */
      g_assert_null (strchr (error->message, '\x1b'));
      g_assert_null (strstr (error->message, "\xe2\x80\xae"));
      g_unlink (source);
    }

  /* Nothing was kept, not even a temporary copy. */
  listing = g_dir_open (store_dir, 0, NULL);
  g_assert_nonnull (listing);
  g_assert_null (g_dir_read_name (listing));

  g_rmdir (store_dir);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/file-store/add-and-load", test_add_and_load);
  g_test_add_func ("/file-store/refusals", test_refusals);
  g_test_add_func ("/file-store/errors-in-chinese", test_errors_in_chinese);
  g_test_add_func ("/file-store/untrusted", test_untrusted);

  return g_test_run ();
}
