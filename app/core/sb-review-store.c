/* sb-review-store.c — the folder where reviews are autosaved
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-review-store"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "sb-review-store.h"

/* A review is a few kilobytes, one note per correction; a larger file in
 * the folder is not one of ours and is not read into memory. */
#define MAX_STORED_REVIEW_SIZE (16 * 1024 * 1024)

struct _SbReviewStore
{
  GObject  parent_instance;

  char    *dir;
};

G_DEFINE_FINAL_TYPE (SbReviewStore, sb_review_store, G_TYPE_OBJECT)

/* Auxiliary functions */

/* Only a SHA-256 in lower-case hex ever becomes part of a path. */
static char *
review_path (SbReviewStore  *self,
             const char     *hash,
             GError        **error)
{
  g_autofree char *name = NULL;

  if (hash == NULL || strlen (hash) != 64 || strspn (hash, "0123456789abcdef") != 64)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID,
                   _("the packet's integrity hash is not a SHA-256 hash, so its review is not kept"));
      return NULL;
    }

  name = g_strconcat (hash, ".review.json", NULL);
  return g_build_filename (self->dir, name, NULL);
}

/* Moves a stored review that cannot be read out of the way, so the packet
 * can start a new one without overwriting it: a person may still want
 * what is in it.  Returns where it went, or NULL when even that failed. */
static char *
set_aside (const char *path)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%dT%H%M%SZ");
  g_autofree char *aside = g_strdup_printf ("%s.damaged-%s", path, stamp);

  if (g_rename (path, aside) != 0)
    return NULL;
  return g_steal_pointer (&aside);
}

static GBytes *
read_stored (const char  *path,
             GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  /* Not following a link: only a file of the folder's own is read. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (info == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("it is not a file"));
      return NULL;
    }
  if (g_file_info_get_size (info) > MAX_STORED_REVIEW_SIZE)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID, _("it is too large to be a review"));
      return NULL;
    }
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  return g_bytes_new_take (contents, length);
}

/* GObject overrides */

static void
sb_review_store_finalize (GObject *object)
{
  SbReviewStore *self = SB_REVIEW_STORE (object);

  g_free (self->dir);

  G_OBJECT_CLASS (sb_review_store_parent_class)->finalize (object);
}

static void
sb_review_store_class_init (SbReviewStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_review_store_finalize;
}

static void
sb_review_store_init (SbReviewStore *self)
{
}

/* Public API */

SbReviewStore *
sb_review_store_new (const char *dir)
{
  SbReviewStore *self;

  g_return_val_if_fail (dir != NULL, NULL);

  self = g_object_new (SB_TYPE_REVIEW_STORE, NULL);
  self->dir = g_strdup (dir);
  return self;
}

SbReviewStore *
sb_review_store_new_default (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, "reviews", NULL);

  return sb_review_store_new (dir);
}

const char *
sb_review_store_get_dir (SbReviewStore *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_STORE (self), NULL);
  return self->dir;
}

gboolean
sb_review_store_write (SbReviewStore  *self,
                       const char     *hash,
                       GBytes         *bytes,
                       GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SB_IS_REVIEW_STORE (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  path = review_path (self, hash, error);
  if (path == NULL)
    return FALSE;

  if (g_mkdir_with_parents (self->dir, 0700) != 0)
    {
      int saved_errno = errno;

      /* Translators: a folder, then why it could not be made */
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_IO, _("the reviews folder %s could not be made: %s"),
                   self->dir, g_strerror (saved_errno));
      return FALSE;
    }

  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0600, &local_error))
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_IO, _("the review could not be saved: %s"),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}

SbReview *
sb_review_store_load (SbReviewStore     *self,
                      SbFormDefinition  *definition,
                      const char        *hash,
                      GError           **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SbReview) review = NULL;
  g_autofree char *aside = NULL;

  g_return_val_if_fail (SB_IS_REVIEW_STORE (self), NULL);
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (definition), NULL);

  path = review_path (self, hash, error);
  if (path == NULL)
    return NULL;

  bytes = read_stored (path, &local_error);
  if (bytes == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return NULL;  /* a packet opened for the first time */
  if (bytes == NULL && local_error->domain != SB_REVIEW_ERROR)
    {
      g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_IO, _("the saved review could not be read: %s"),
                   local_error->message);
      return NULL;
    }
  if (bytes != NULL && local_error == NULL)
    review = sb_review_new_from_bytes (definition, bytes, &local_error);
  if (review != NULL && g_strcmp0 (sb_review_get_packet_hash (review), hash) != 0)
    {
      g_clear_object (&review);
      g_set_error (&local_error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_MISMATCH, _("it is the review of another packet"));
    }
  if (review != NULL)
    return g_steal_pointer (&review);

  aside = set_aside (path);
  if (aside == NULL)
    /* Translators: a file, then why it could not be read */
    g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_IO,
                 _("the saved review %s cannot be read (%s) and could not be moved aside; it is left as it is"),
                 path, local_error->message);
  else
    /* Translators: why the saved review could not be read, then where it is now */
    g_set_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID,
                 _("the saved review cannot be read (%s); it was kept as %s and a new review begins"),
                 local_error->message, aside);
  return NULL;
}
