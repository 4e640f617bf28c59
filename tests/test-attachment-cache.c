/* test-attachment-cache.c — a packet's files copied for a viewer stay in
 * their folder, whatever is planted on the way
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sb-attachment-cache.h"

#define APP "io.github.shenbao.Test"
#define HASH "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define OTHER_HASH "fedcba9876543210fedcba9876543210fedcba9876543210fedcba9876543210"

typedef struct {
  char *home;      /* the temporary folder everything happens in */
  char *base;      /* the cache folder, inside it */
  char *outside;   /* where a planted link points: must stay empty */
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->home = g_dir_make_tmp ("shenbao-cache-XXXXXX", NULL);
  g_assert_nonnull (fixture->home);
  fixture->base = g_build_filename (fixture->home, "cache", NULL);
  fixture->outside = g_build_filename (fixture->home, "outside", NULL);
  g_assert_cmpint (g_mkdir (fixture->outside, 0700), ==, 0);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  struct stat st;

  if (lstat (path, &st) != 0)
    return;
  if (S_ISDIR (st.st_mode))
    {
      chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          remove_tree (child);
        }
      rmdir (path);
    }
  else
    unlink (path);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->home);
  g_free (fixture->home);
  g_free (fixture->base);
  g_free (fixture->outside);
}

static GBytes *
pdf_bytes (void)
{
  static const char pdf[] = "%PDF-1.7\n% a small file\n";

  return g_bytes_new_static (pdf, sizeof pdf - 1);
}

static void
assert_empty (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);

  g_assert_nonnull (dir);
  g_assert_null (g_dir_read_name (dir));
}

static char *
cache_path (Fixture    *fixture,
            const char *last)
{
  return g_build_filename (fixture->base, APP, "attachments", HASH, last, NULL);
}

static void
assert_mode (const char *path,
             mode_t      mode)
{
  struct stat st;

  g_assert_cmpint (lstat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 07777, ==, mode);
}

static void
test_store (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = pdf_bytes ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sb_attachment_cache_store (fixture->base, APP, HASH, "现场照片.pdf", bytes, &error);
  g_autofree char *expected = cache_path (fixture, "现场照片.pdf");
  g_autofree char *contents = NULL;
  g_autofree char *app_dir = g_build_filename (fixture->base, APP, NULL);
  g_autofree char *attachments_dir = g_build_filename (app_dir, "attachments", NULL);
  g_autofree char *hash_dir = cache_path (fixture, NULL);
  gsize length;

  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, expected);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* Private folders; a read-only copy. */
  assert_mode (app_dir, 0700);
  assert_mode (attachments_dir, 0700);
  assert_mode (hash_dir, 0700);
  assert_mode (path, 0400);
}

/* The hash is the only thing of the packet's in the folder's path. */
static void
test_bad_hash (Fixture       *fixture,
               gconstpointer  data)
{
  const char *hashes[] = {
    "../../../../.config/autostart",
    "GD240315-7HQ4MXR",
    "0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
    "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd/f",
    "",
  };
  g_autoptr(GBytes) bytes = pdf_bytes ();

  for (guint i = 0; i < G_N_ELEMENTS (hashes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = sb_attachment_cache_store (fixture->base, APP, hashes[i], "a.pdf", bytes, &error);

      g_assert_null (path);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
      g_assert_false (sb_attachment_cache_hash_is_valid (hashes[i]));
    }
  g_assert_false (sb_attachment_cache_hash_is_valid (NULL));
  g_assert_true (sb_attachment_cache_hash_is_valid (HASH));
  /* Nothing was made at all. */
  g_assert_false (g_file_test (fixture->base, G_FILE_TEST_EXISTS));
}

static void
test_bad_name (Fixture       *fixture,
               gconstpointer  data)
{
  const char *names[] = { "..", ".", "", "../x.desktop", "a/b.pdf", "/etc/passwd", ".hidden", "\xff.pdf" };
  g_autoptr(GBytes) bytes = pdf_bytes ();
  g_autofree char *hash_dir = cache_path (fixture, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *path = sb_attachment_cache_store (fixture->base, APP, HASH, names[i], bytes, &error);

      g_assert_null (path);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
  g_assert_false (g_file_test (hash_dir, G_FILE_TEST_EXISTS));
}

/* A link in place of each folder on the way, and of the file: nothing is
 * written where it points. */
static void
test_symlink_at_each_level (Fixture       *fixture,
                            gconstpointer  data)
{
  const char *levels[] = { APP, "attachments", HASH };
  g_autoptr(GBytes) bytes = pdf_bytes ();

  for (guint level = 0; level < G_N_ELEMENTS (levels); level++)
    {
      g_autoptr(GString) parent = g_string_new (fixture->base);
      g_autofree char *link = NULL;
      g_autofree char *path = NULL;
      g_autofree char *inside = g_build_filename (fixture->outside, HASH, NULL);
      g_autoptr(GError) error = NULL;

      remove_tree (fixture->base);
      for (guint i = 0; i < level; i++)
        g_string_append_printf (parent, "/%s", levels[i]);
      g_assert_cmpint (g_mkdir_with_parents (parent->str, 0700), ==, 0);
      link = g_build_filename (parent->str, levels[level], NULL);
      g_assert_cmpint (symlink (fixture->outside, link), ==, 0);

      path = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", bytes, &error);
      g_assert_null (path);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
      assert_empty (fixture->outside);

      /* Removing does not go through it either. */
      g_assert_cmpint (g_mkdir (inside, 0700), ==, 0);
      g_clear_error (&error);
      if (level < 2)
        {
          g_assert_false (sb_attachment_cache_remove (fixture->base, APP, HASH, &error));
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
          g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
        }
      else
        {
          /* In place of the packet's folder: the link itself goes. */
          g_assert_true (sb_attachment_cache_remove (fixture->base, APP, HASH, &error));
          g_assert_no_error (error);
          g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS));
        }
      g_assert_true (g_file_test (inside, G_FILE_TEST_IS_DIR));
      remove_tree (inside);
    }

  /* A link in place of the file is replaced, not written through. */
  {
    g_autofree char *hash_dir = cache_path (fixture, NULL);
    g_autofree char *link = cache_path (fixture, "a.pdf");
    g_autofree char *target = g_build_filename (fixture->outside, "target.pdf", NULL);
    g_autofree char *path = NULL;
    g_autoptr(GError) error = NULL;

    remove_tree (fixture->base);
    g_assert_cmpint (g_mkdir_with_parents (hash_dir, 0700), ==, 0);
    g_assert_cmpint (symlink (target, link), ==, 0);
    path = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", bytes, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (path, ==, link);
    g_assert_false (g_file_test (path, G_FILE_TEST_IS_SYMLINK));
    g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    assert_empty (fixture->outside);
  }
}

static void
test_existing_file (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GBytes) bytes = pdf_bytes ();
  g_autoptr(GBytes) other = g_bytes_new_static ("%PDF-1.4\nother", 14);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", bytes, &error);
  g_autofree char *second = NULL;
  g_autofree char *third = NULL;
  g_autofree char *fourth = NULL;
  g_autofree char *contents = NULL;
  struct stat before, after;
  gsize length;

  g_assert_no_error (error);
  g_assert_cmpint (stat (first, &before), ==, 0);

  /* A second Open reuses the copy that is there. */
  second = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stat (second, &after), ==, 0);
  g_assert_cmpuint (before.st_ino, ==, after.st_ino);

  /* Other bytes under the same name: replaced. */
  third = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", other, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (third, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, "%PDF-1.4\nother", 14);

  /* A pipe in its place is removed without being opened (it would block). */
  g_assert_cmpint (unlink (third), ==, 0);
  g_assert_cmpint (mkfifo (third, 0600), ==, 0);
  fourth = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", bytes, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_test (fourth, G_FILE_TEST_IS_REGULAR));
}

/* A folder on the way that others can write into is made private. */
static void
test_world_writable (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *app_dir = g_build_filename (fixture->base, APP, NULL);
  g_autofree char *attachments_dir = g_build_filename (app_dir, "attachments", NULL);
  g_autofree char *hash_dir = cache_path (fixture, NULL);
  g_autoptr(GBytes) bytes = pdf_bytes ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  g_assert_cmpint (g_mkdir_with_parents (hash_dir, 0700), ==, 0);
  g_assert_cmpint (chmod (app_dir, 0777), ==, 0);
  g_assert_cmpint (chmod (attachments_dir, 0777), ==, 0);
  g_assert_cmpint (chmod (hash_dir, 0755), ==, 0);

  path = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", bytes, &error);
  g_assert_no_error (error);
  g_assert_nonnull (path);
  assert_mode (app_dir, 0700);
  assert_mode (attachments_dir, 0700);
  assert_mode (hash_dir, 0700);
}

static void
test_long_name (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GBytes) bytes = pdf_bytes ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *base_name = NULL;

  for (guint i = 0; i < 120; i++)
    g_string_append (name, "耕");
  g_string_append (name, ".pdf");
  path = sb_attachment_cache_store (fixture->base, APP, HASH, name->str, bytes, &error);
  g_assert_no_error (error);
  base_name = g_path_get_basename (path);
  g_assert_cmpuint (strlen (base_name), <=, 255);
  g_assert_true (g_utf8_validate (base_name, -1, NULL));
  g_assert_true (g_str_has_suffix (base_name, "耕.pdf"));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
}

static void
test_remove (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GBytes) bytes = pdf_bytes ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", bytes, &error);
  g_autofree char *other = sb_attachment_cache_store (fixture->base, APP, OTHER_HASH, "a.pdf", bytes, &error);
  g_autofree char *hash_dir = cache_path (fixture, NULL);
  g_autofree char *kept = g_build_filename (fixture->outside, "kept.pdf", NULL);
  g_autofree char *link = cache_path (fixture, "link");

  g_assert_no_error (error);
  g_assert_nonnull (path);
  /* A link inside is removed itself; what it points to is not touched. */
  g_assert_true (g_file_set_contents (kept, "kept", -1, NULL));
  g_assert_cmpint (symlink (fixture->outside, link), ==, 0);

  g_assert_true (sb_attachment_cache_remove (fixture->base, APP, HASH, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (hash_dir, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));
  /* Another packet's files stay. */
  g_assert_true (g_file_test (other, G_FILE_TEST_IS_REGULAR));

  /* Twice, or with nothing there: no error. */
  g_assert_true (sb_attachment_cache_remove (fixture->base, APP, HASH, &error));
  g_assert_no_error (error);
  remove_tree (fixture->base);
  g_assert_true (sb_attachment_cache_remove (fixture->base, APP, HASH, &error));
  g_assert_no_error (error);
}

static void
make_old (const char *path)
{
  struct timespec times[2];

  times[0].tv_sec = times[1].tv_sec = time (NULL) - 2 * 24 * 3600;
  times[0].tv_nsec = times[1].tv_nsec = 0;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, AT_SYMLINK_NOFOLLOW), ==, 0);
}

static void
test_sweep (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GBytes) bytes = pdf_bytes ();
  g_autoptr(GError) error = NULL;
  g_autofree char *recent = sb_attachment_cache_store (fixture->base, APP, OTHER_HASH, "a.pdf", bytes, &error);
  g_autofree char *old = sb_attachment_cache_store (fixture->base, APP, HASH, "a.pdf", bytes, &error);
  g_autofree char *old_dir = cache_path (fixture, NULL);
  g_autofree char *attachments_dir = g_build_filename (fixture->base, APP, "attachments", NULL);
  /* Left by an older version: a folder named after a reference with a
   * slash, and a link. */
  g_autofree char *legacy = g_build_filename (attachments_dir, "GD240315", "7HQ4MXR", NULL);
  g_autofree char *legacy_file = g_build_filename (legacy, "x.pdf", NULL);
  g_autofree char *legacy_top = g_build_filename (attachments_dir, "GD240315", NULL);
  g_autofree char *link = g_build_filename (attachments_dir, "link", NULL);
  g_autofree char *kept = g_build_filename (fixture->outside, "kept.pdf", NULL);

  g_assert_no_error (error);
  g_assert_nonnull (old);
  g_assert_cmpint (g_mkdir_with_parents (legacy, 0700), ==, 0);
  g_assert_true (g_file_set_contents (legacy_file, "x", -1, NULL));
  g_assert_true (g_file_set_contents (kept, "kept", -1, NULL));
  g_assert_cmpint (symlink (fixture->outside, link), ==, 0);
  make_old (old_dir);
  make_old (legacy_top);
  make_old (link);

  g_assert_cmpuint (sb_attachment_cache_sweep (fixture->base, APP, SB_ATTACHMENT_CACHE_MAX_AGE, &error), ==, 3);
  g_assert_no_error (error);
  g_assert_false (g_file_test (old_dir, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (legacy_top, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (link, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (kept, G_FILE_TEST_IS_REGULAR));

  /* No cache at all: nothing to do. */
  remove_tree (fixture->base);
  g_assert_cmpuint (sb_attachment_cache_sweep (fixture->base, APP, 0, &error), ==, 0);
  g_assert_no_error (error);

  /* A link in place of the attachments folder is not swept through. */
  {
    g_autofree char *app_dir = g_build_filename (fixture->base, APP, NULL);
    g_autofree char *inside = g_build_filename (fixture->outside, HASH, NULL);

    g_assert_cmpint (g_mkdir_with_parents (app_dir, 0700), ==, 0);
    g_assert_cmpint (g_mkdir (inside, 0700), ==, 0);
    make_old (inside);
    g_assert_cmpint (symlink (fixture->outside, attachments_dir), ==, 0);
    g_assert_cmpuint (sb_attachment_cache_sweep (fixture->base, APP, 0, &error), ==, 0);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
    g_assert_true (g_file_test (inside, G_FILE_TEST_IS_DIR));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/attachment-cache/store", test_store);
  ADD ("/attachment-cache/bad-hash", test_bad_hash);
  ADD ("/attachment-cache/bad-name", test_bad_name);
  ADD ("/attachment-cache/symlink-at-each-level", test_symlink_at_each_level);
  ADD ("/attachment-cache/existing-file", test_existing_file);
  ADD ("/attachment-cache/world-writable", test_world_writable);
  ADD ("/attachment-cache/long-name", test_long_name);
  ADD ("/attachment-cache/remove", test_remove);
  ADD ("/attachment-cache/sweep", test_sweep);
#undef ADD

  return g_test_run ();
}
