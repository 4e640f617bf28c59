/* sb-attachment-cache.h — copies of a packet's files for another application
 *
 * A reviewer opens an attached file in the desktop's viewer, which needs it
 * on disk.  The copies live in BASE/APP-ID/attachments/HASH/NAME, where HASH
 * is the packet's integrity hash (64 lowercase hex digits) and NAME the
 * attachment's sanitised name: nothing else the packet says becomes part of
 * a path.  Every folder from APP-ID down is opened relative to its parent,
 * never through a symbolic link, must belong to this user and is made
 * private (0700); the file is created exclusively (O_EXCL, O_NOFOLLOW), so
 * a packet can never write outside its folder, nor through a link planted
 * there.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long a folder left behind (the application crashed) is kept. */
#define SB_ATTACHMENT_CACHE_MAX_AGE G_TIME_SPAN_DAY

/* Whether @hash is 64 lowercase hexadecimal digits. */
gboolean  sb_attachment_cache_hash_is_valid (const char  *hash);

/* Writes @data as @name in the folder of the packet whose integrity hash
 * is @packet_hash, under @base (the user's cache folder, created if
 * missing) and @app_id, and returns the file's path.  A file already there
 * with the same bytes is reused; anything else in its place (other bytes,
 * a link, a pipe) is removed first.  A name longer than a file system
 * allows is shortened, keeping its extension.  Refused with
 * G_IO_ERROR_INVALID_ARGUMENT: a hash that is not one, a name that is
 * empty, has a '/', or starts with '.'; with G_IO_ERROR_NOT_DIRECTORY or
 * G_IO_ERROR_PERMISSION_DENIED: a folder on the way that is a link, not a
 * folder, or not this user's. */
char     *sb_attachment_cache_store         (const char  *base,
                                             const char  *app_id,
                                             const char  *packet_hash,
                                             const char  *name,
                                             GBytes      *data,
                                             GError     **error);

/* Removes the folder of @packet_hash and everything in it, without
 * following a link.  TRUE when it is gone (or was never there). */
gboolean  sb_attachment_cache_remove        (const char  *base,
                                             const char  *app_id,
                                             const char  *packet_hash,
                                             GError     **error);

/* Removes every entry of the attachments folder last changed more than
 * @max_age ago (left behind by a crash, or by an older version that named
 * folders otherwise); returns how many. */
guint     sb_attachment_cache_sweep         (const char  *base,
                                             const char  *app_id,
                                             GTimeSpan    max_age,
                                             GError     **error);

G_END_DECLS
