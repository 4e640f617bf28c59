/* sb-file-store.c — the applicant's attached files, kept by content
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-file-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <gio/gunixoutputstream.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-file-store.h"
#include "sb-media-type.h"
#include "sb-safe-text.h"

struct _SbFileStore
{
  GObject  parent_instance;

  char    *dir;
};

G_DEFINE_FINAL_TYPE (SbFileStore, sb_file_store, G_TYPE_OBJECT)

typedef struct {
  GFile  *file;
  gint64  max_size;
} AddData;

/* Auxiliary functions */

static void
add_data_free (AddData *data)
{
  g_clear_object (&data->file);
  g_free (data);
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

/* The types whose signature sb_media_type_matches() knows: every type a
 * form accepts.  A file of another type is kept (the answers say it is
 * not accepted, more helpfully than a store could). */
static gboolean
signature_is_known (const char *media_type)
{
  static const char * const known[] = {
    "application/pdf", "image/png", "image/jpeg", "application/zip", "application/ofd",
    "application/json", "application/geo+json", NULL
  };

  return media_type != NULL && g_strv_contains (known, media_type);
}

/* Copies @file into a temporary file of the store while hashing it, then
 * renames it to its hash: a half-copied file never carries a hash name. */
static void
add_in_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SbFileStore *self = source_object;
  AddData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree char *template = g_build_filename (self->dir, ".incoming-XXXXXX", NULL);
  g_autofree char *target = NULL;
  g_autofree char *media_type = NULL;
  g_autoptr(GOutputStream) output = NULL;
  guchar buffer[64 * 1024];
  gint64 size = 0;
  gssize n;
  int fd;
  JsonObject *object;

  info = g_file_query_info (data->file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME ","
                            G_FILE_ATTRIBUTE_STANDARD_CONTENT_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (info == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* What a packet reader refuses is never kept: a name that could hide
   * or reverse text, or one that a desktop would run. */
  if (sb_safe_text_has_controls (g_file_info_get_display_name (info)))
    {
      g_autofree char *shown = sb_safe_text_reveal (g_file_info_get_display_name (info), SB_SAFE_TEXT_DEFAULT);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” cannot be attached: its name contains control or bidirectional characters"),
                               shown);
      return;
    }
  if (sb_media_name_is_executable (g_file_info_get_display_name (info)))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               _("“%s” cannot be attached: it is named as a program or launcher"),
                               g_file_info_get_display_name (info));
      return;
    }

  if (data->max_size > 0 && g_file_info_get_size (info) > data->max_size)
    {
      g_autofree char *limit = g_format_size ((guint64) data->max_size);

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                               /* Translators: a file name, then a size such as “2.0 MB” */
                               _("“%s” is larger than %s, the most this material may be"),
                               g_file_info_get_display_name (info), limit);
      return;
    }

  input = g_file_read (data->file, cancellable, &error);
  if (input == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  fd = g_mkstemp_full (template, O_WRONLY, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not store the file in %s: %s"), self->dir, g_strerror (saved));
      return;
    }
  output = g_unix_output_stream_new (fd, TRUE);

  while ((n = g_input_stream_read (G_INPUT_STREAM (input), buffer, sizeof buffer, cancellable, &error)) > 0)
    {
      size += n;
      if (data->max_size > 0 && size > data->max_size)
        {
          g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _("“%s” grew beyond the size allowed while it was read"), g_file_info_get_display_name (info));
          break;
        }
      g_checksum_update (checksum, buffer, n);
      if (!g_output_stream_write_all (output, buffer, n, NULL, cancellable, &error))
        break;
    }

  /* Durable before it gets its name: a crash leaves no truncated copy.
   * Read-only: the Open button hands the stored copy to other applications,
   * and one saved back into it would no longer match its hash. */
  if (error == NULL && (fsync (fd) != 0 || fchmod (fd, 0400) != 0))
    g_set_error (&error, G_IO_ERROR, g_io_error_from_errno (errno), "%s", g_strerror (errno));
  if (error == NULL)
    g_output_stream_close (output, cancellable, &error);

  if (error != NULL)
    {
      g_unlink (template);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  media_type = g_file_info_get_content_type (info)
    ? g_content_type_get_mime_type (g_file_info_get_content_type (info)) : NULL;

  /* A file is what its bytes are, not what its name says: HTML called
   * "scan.pdf" would be refused by every reviewer, so it is refused here. */
  if (signature_is_known (media_type))
    {
      g_autoptr(GMappedFile) mapped = g_mapped_file_new (template, FALSE, &error);

      if (mapped != NULL &&
          !sb_media_type_matches (media_type, (const guint8 *) g_mapped_file_get_contents (mapped),
                                  g_mapped_file_get_length (mapped)))
        g_set_error (&error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     /* Translators: a file name, then a type such as application/pdf */
                     _("“%s” cannot be attached: its contents are not of the type %s its name says"),
                     g_file_info_get_display_name (info), media_type);
      if (error != NULL)
        {
          g_unlink (template);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
    }

  target = g_build_filename (self->dir, g_checksum_get_string (checksum), NULL);
  if (g_rename (template, target) != 0)
    {
      int saved = errno;

      g_unlink (template);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved),
                               _("Could not store the file in %s: %s"), self->dir, g_strerror (saved));
      return;
    }

  object = json_object_new ();
  json_object_set_string_member (object, "name", g_file_info_get_display_name (info));
  json_object_set_string_member (object, "media_type", media_type ? media_type : "application/octet-stream");
  json_object_set_int_member (object, "size", size);
  json_object_set_string_member (object, "sha256", g_checksum_get_string (checksum));
  g_task_return_pointer (task, object, (GDestroyNotify) json_object_unref);
}

/* GObject overrides */

static void
sb_file_store_finalize (GObject *object)
{
  SbFileStore *self = SB_FILE_STORE (object);

  g_free (self->dir);

  G_OBJECT_CLASS (sb_file_store_parent_class)->finalize (object);
}

static void
sb_file_store_class_init (SbFileStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_file_store_finalize;
}

static void
sb_file_store_init (SbFileStore *self)
{
}

/* Public API */

SbFileStore *
sb_file_store_new (const char *dir)
{
  SbFileStore *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (SB_TYPE_FILE_STORE, NULL);
  self->dir = g_strdup (dir);
  g_mkdir_with_parents (dir, 0700);
  return self;
}

const char *
sb_file_store_get_dir (SbFileStore *self)
{
  g_return_val_if_fail (SB_IS_FILE_STORE (self), NULL);

  return self->dir;
}

void
sb_file_store_add_async (SbFileStore         *self,
                         GFile               *file,
                         gint64               max_size,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (SB_IS_FILE_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  data = g_new0 (AddData, 1);
  data->file = g_object_ref (file);
  data->max_size = max_size;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_file_store_add_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_in_thread);
}

JsonObject *
sb_file_store_add_finish (SbFileStore   *self,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
sb_file_store_load (SbFileStore  *self,
                    const char   *sha256,
                    GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *computed = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (SB_IS_FILE_STORE (self), NULL);

  if (!is_sha256 (sha256))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, _("“%s” is not a SHA-256 hash"), sha256 ? sha256 : "");
      return NULL;
    }

  path = g_build_filename (self->dir, sha256, NULL);
  file = g_file_new_for_path (path);
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return NULL;

  computed = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (!g_str_equal (computed, sha256))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("The stored copy of a file (%s) was changed on disk"), sha256);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}
