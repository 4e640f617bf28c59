/* sb-file-store.h — the applicant's attached files, kept by content
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_TYPE_FILE_STORE (sb_file_store_get_type ())
G_DECLARE_FINAL_TYPE (SbFileStore, sb_file_store, SB, FILE_STORE, GObject)

/* Files are copied into @dir (created, mode 0700) under their SHA-256, so
 * a draft keeps its attachments even when the originals move or change,
 * and the same file attached twice is stored once. */
SbFileStore *sb_file_store_new          (const char          *dir);
const char  *sb_file_store_get_dir      (SbFileStore         *self);

/* Reads @file in a worker thread, hashing it while copying it into the
 * store.  A file larger than @max_size bytes (0: no limit) is refused
 * with G_IO_ERROR_INVALID_DATA and a message that says so.  The result
 * is the attachment as answers hold it: {"name", "media_type", "size",
 * "sha256"}. */
void         sb_file_store_add_async    (SbFileStore         *self,
                                         GFile               *file,
                                         gint64               max_size,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
JsonObject  *sb_file_store_add_finish   (SbFileStore         *self,
                                         GAsyncResult        *result,
                                         GError             **error);

/* The bytes of a stored file, checked against its hash. */
GBytes      *sb_file_store_load         (SbFileStore         *self,
                                         const char          *sha256,
                                         GError             **error);

G_END_DECLS
