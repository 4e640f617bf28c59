/* sb-attachment-cache.c — copies of a packet's files for another application
 *
 * Paths are never joined as strings and handed to the kernel: each folder
 * is opened relative to the one above it with O_NOFOLLOW, so a link planted
 * at any level, or a name of "..", cannot take a write elsewhere — the way
 * libarchive extracts untrusted archives.  Only the user's cache folder
 * itself is opened by path: where it lives is the user's choice.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-attachment-cache"

#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-attachment-cache.h"
#include "sb-safe-text.h"

#define ATTACHMENTS_DIR "attachments"
/* Deeper than anything this code makes: folders of older versions were
 * named after references, which could hold slashes. */
#define MAX_REMOVE_DEPTH 16
/* An extension longer than this is not kept when a name is shortened. */
#define MAX_EXTENSION 16

/* Auxiliary functions */

static void
close_fd (int *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

static void
set_errno_error (GError    **error,
                 int         saved,
                 const char *name)
{
  g_autofree char *shown = sb_safe_text_reveal (name, SB_SAFE_TEXT_DEFAULT);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               /* Translators: %s is a file or folder name, then what went wrong */
               _("“%s”: %s"), shown, g_strerror (saved));
}

/* A name that stays inside the folder it is made in. */
static gboolean
name_is_confined (const char *name)
{
  return name != NULL && *name != '\0' && *name != '.' && strchr (name, '/') == NULL &&
         g_utf8_validate (name, -1, NULL);
}

/* @name, at most NAME_MAX bytes, cut between characters, with its
 * extension kept so that the viewer it opens in is still the right one. */
static char *
fit_name (const char *name)
{
  gsize length = strlen (name);
  const char *dot = strrchr (name, '.');
  gsize extension = dot != NULL && length - (gsize) (dot - name) <= MAX_EXTENSION ? length - (gsize) (dot - name) : 0;
  gsize keep = NAME_MAX - extension;
  g_autofree char *stem = NULL;
  const char *p = name;

  if (length <= NAME_MAX)
    return g_strdup (name);

  while (*p != '\0' && (gsize) (g_utf8_next_char (p) - name) <= keep)
    p = g_utf8_next_char (p);
  stem = g_strndup (name, (gsize) (p - name));
  return g_strconcat (stem, name + length - extension, NULL);
}

static int
open_base (const char  *base,
           gboolean     create,
           GError     **error)
{
  int fd;

  if (create && g_mkdir_with_parents (base, 0700) != 0)
    {
      set_errno_error (error, errno, base);
      return -1;
    }
  fd = open (base, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0)
    set_errno_error (error, errno, base);
  return fd;
}

/* The folder @name in @parent (made when @create), opened without
 * following a link; it must be this user's, and is made private if it is
 * not: another user who can write into it could swap what is inside. */
static int
open_private_dir (int          parent,
                  const char  *name,
                  gboolean     create,
                  GError     **error)
{
  g_autofree char *shown = sb_safe_text_reveal (name, SB_SAFE_TEXT_DEFAULT);
  struct stat st;
  int fd;

  g_assert (name_is_confined (name));

  if (create && mkdirat (parent, name, 0700) != 0 && errno != EEXIST)
    {
      set_errno_error (error, errno, name);
      return -1;
    }

  fd = openat (parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0)
    {
      int saved = errno;

      if (saved == ELOOP || saved == ENOTDIR)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                     _("“%s” in the cache is a link or a file, not a folder: nothing is written through it."), shown);
      else
        set_errno_error (error, saved, name);
      return -1;
    }

  if (fstat (fd, &st) != 0)
    {
      set_errno_error (error, errno, name);
      close (fd);
      return -1;
    }
  if (st.st_uid != geteuid ())
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The folder “%s” in the cache belongs to another user: nothing is written into it."), shown);
      close (fd);
      return -1;
    }
  if ((st.st_mode & 077) != 0 && fchmod (fd, 0700) != 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("The folder “%s” in the cache is open to other users and could not be made private."), shown);
      close (fd);
      return -1;
    }
  return fd;
}

/* The attachments folder, or -1: with @error unset when there is none. */
static int
open_attachments (const char  *base,
                  const char  *app_id,
                  gboolean     create,
                  GError     **error)
{
  g_autoptr(GError) local = NULL;
  int base_fd = -1, app_fd = -1, fd = -1;

  base_fd = open_base (base, create, &local);
  if (base_fd >= 0)
    app_fd = open_private_dir (base_fd, app_id, create, &local);
  if (app_fd >= 0)
    fd = open_private_dir (app_fd, ATTACHMENTS_DIR, create, &local);
  close_fd (&app_fd);
  close_fd (&base_fd);

  if (fd < 0 && !(!create && g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)))
    g_propagate_error (error, g_steal_pointer (&local));
  return fd;
}

static gboolean
contents_equal (int     fd,
                GBytes *data)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);
  guint8 buffer[65536];
  gsize done = 0;

  for (;;)
    {
      ssize_t n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      if (n == 0)
        return done == size;
      if ((gsize) n > size - done || memcmp (buffer, bytes + done, (gsize) n) != 0)
        return FALSE;
      done += (gsize) n;
    }
}

/* Whether @name in @dir_fd is a regular file holding @data; anything else
 * there is removed (never followed, never opened unless a regular file). */
static gboolean
reuse_or_clear (int          dir_fd,
                const char  *name,
                GBytes      *data,
                gboolean    *reused,
                GError     **error)
{
  struct stat st;

  *reused = FALSE;
  if (fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      set_errno_error (error, errno, name);
      return FALSE;
    }

  if (S_ISREG (st.st_mode) && (gsize) st.st_size == g_bytes_get_size (data))
    {
      int fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
      struct stat opened;

      if (fd >= 0)
        {
          /* The same file as was looked at, not one put there since. */
          *reused = fstat (fd, &opened) == 0 && S_ISREG (opened.st_mode) &&
                    opened.st_dev == st.st_dev && opened.st_ino == st.st_ino && contents_equal (fd, data);
          close (fd);
          if (*reused)
            return TRUE;
        }
    }

  if (unlinkat (dir_fd, name, 0) != 0 && errno != ENOENT)
    {
      set_errno_error (error, errno, name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_new_file (int          dir_fd,
                const char  *name,
                GBytes      *data,
                GError     **error)
{
  gsize size;
  const guint8 *bytes = g_bytes_get_data (data, &size);
  gsize done = 0;
  int fd;

  /* Read-only: it is a copy to look at, and the viewer should say so. */
  fd = openat (dir_fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0400);
  if (fd < 0)
    {
      set_errno_error (error, errno, name);
      return FALSE;
    }

  while (done < size)
    {
      ssize_t n = write (fd, bytes + done, size - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        break;
      done += (gsize) n;
    }
  if (done < size || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      unlinkat (dir_fd, name, 0);
      set_errno_error (error, saved, name);
      return FALSE;
    }
  if (close (fd) != 0)
    {
      int saved = errno;

      unlinkat (dir_fd, name, 0);
      set_errno_error (error, saved, name);
      return FALSE;
    }
  return TRUE;
}

/* Removes @name from @parent: a folder with everything in it, anything
 * else (a link among them) by unlinking it. */
static gboolean
remove_at (int          parent,
           const char  *name,
           guint        depth,
           GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  struct stat st;
  struct dirent *entry;
  DIR *dir;
  int fd;

  if (fstatat (parent, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      set_errno_error (error, errno, name);
      return FALSE;
    }
  if (!S_ISDIR (st.st_mode))
    {
      if (unlinkat (parent, name, 0) != 0 && errno != ENOENT)
        {
          set_errno_error (error, errno, name);
          return FALSE;
        }
      return TRUE;
    }
  if (depth == 0)
    {
      set_errno_error (error, ELOOP, name);
      return FALSE;
    }

  fd = openat (parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 || (dir = fdopendir (fd)) == NULL)
    {
      set_errno_error (error, errno, name);
      if (fd >= 0)
        close (fd);
      return FALSE;
    }

  /* Names first, removal after: a folder is not changed while read. */
  names = g_ptr_array_new_with_free_func (g_free);
  while ((entry = readdir (dir)) != NULL)
    if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0)
      g_ptr_array_add (names, g_strdup (entry->d_name));
  for (guint i = 0; i < names->len; i++)
    if (!remove_at (dirfd (dir), g_ptr_array_index (names, i), depth - 1, error))
      {
        closedir (dir);
        return FALSE;
      }
  closedir (dir);

  if (unlinkat (parent, name, AT_REMOVEDIR) != 0 && errno != ENOENT)
    {
      set_errno_error (error, errno, name);
      return FALSE;
    }
  return TRUE;
}

/* Public API */

gboolean
sb_attachment_cache_hash_is_valid (const char *hash)
{
  if (hash == NULL)
    return FALSE;
  for (gsize i = 0; i < 64; i++)
    if (!g_ascii_isdigit (hash[i]) && !(hash[i] >= 'a' && hash[i] <= 'f'))
      return FALSE;
  return hash[64] == '\0';
}

char *
sb_attachment_cache_store (const char  *base,
                           const char  *app_id,
                           const char  *packet_hash,
                           const char  *name,
                           GBytes      *data,
                           GError     **error)
{
  g_autofree char *fitted = NULL;
  gboolean reused = FALSE;
  int attachments_fd, dir_fd;

  g_return_val_if_fail (base != NULL, NULL);
  g_return_val_if_fail (name_is_confined (app_id), NULL);
  g_return_val_if_fail (data != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sb_attachment_cache_hash_is_valid (packet_hash))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("The packet's integrity hash is not 64 hexadecimal digits: its files are not copied."));
      return NULL;
    }
  if (!name_is_confined (name))
    {
      g_autofree char *shown = sb_safe_text_reveal (name, SB_SAFE_TEXT_DEFAULT);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a file name that stays in its folder: the file is not copied."), shown);
      return NULL;
    }
  fitted = fit_name (name);

  attachments_fd = open_attachments (base, app_id, TRUE, error);
  if (attachments_fd < 0)
    return NULL;
  dir_fd = open_private_dir (attachments_fd, packet_hash, TRUE, error);
  close (attachments_fd);
  if (dir_fd < 0)
    return NULL;

  if (!reuse_or_clear (dir_fd, fitted, data, &reused, error) ||
      (!reused && !write_new_file (dir_fd, fitted, data, error)))
    {
      close (dir_fd);
      return NULL;
    }
  close (dir_fd);

  return g_build_filename (base, app_id, ATTACHMENTS_DIR, packet_hash, fitted, NULL);
}

gboolean
sb_attachment_cache_remove (const char  *base,
                            const char  *app_id,
                            const char  *packet_hash,
                            GError     **error)
{
  g_autoptr(GError) local = NULL;
  gboolean removed;
  int fd;

  g_return_val_if_fail (base != NULL, FALSE);
  g_return_val_if_fail (name_is_confined (app_id), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!sb_attachment_cache_hash_is_valid (packet_hash))
    return TRUE;  /* nothing was ever stored under it */

  fd = open_attachments (base, app_id, FALSE, &local);
  if (fd < 0)
    {
      if (local == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  removed = remove_at (fd, packet_hash, MAX_REMOVE_DEPTH, error);
  close (fd);
  return removed;
}

guint
sb_attachment_cache_sweep (const char  *base,
                           const char  *app_id,
                           GTimeSpan    max_age,
                           GError     **error)
{
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local = NULL;
  struct dirent *entry;
  gint64 now = g_get_real_time ();
  guint removed = 0;
  DIR *dir;
  int fd;

  g_return_val_if_fail (base != NULL, 0);
  g_return_val_if_fail (name_is_confined (app_id), 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  fd = open_attachments (base, app_id, FALSE, &local);
  if (fd < 0)
    {
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
      return 0;
    }
  dir = fdopendir (fd);
  if (dir == NULL)
    {
      set_errno_error (error, errno, ATTACHMENTS_DIR);
      close (fd);
      return 0;
    }

  names = g_ptr_array_new_with_free_func (g_free);
  while ((entry = readdir (dir)) != NULL)
    if (strcmp (entry->d_name, ".") != 0 && strcmp (entry->d_name, "..") != 0)
      g_ptr_array_add (names, g_strdup (entry->d_name));

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GError) failure = NULL;
      struct stat st;
      gint64 changed;

      if (fstatat (dirfd (dir), name, &st, AT_SYMLINK_NOFOLLOW) != 0)
        continue;
      changed = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      if (now - changed <= max_age)
        continue;
      if (remove_at (dirfd (dir), name, MAX_REMOVE_DEPTH, &failure))
        removed++;
      else
        g_debug ("Old cache entry not removed: %s", failure->message);
    }
  closedir (dir);
  return removed;
}
