/* sb-media-type.h — whether a file's bytes are what it says it is
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Whether @data starts as a file of @media_type does: the signature of a PDF
 * ("%PDF-" at byte 0, not later: a PDF reader's tolerance of leading bytes
 * is how polyglots are made), PNG, JPEG, ZIP and OFD (a ZIP container), or
 * JSON text for application/json and application/geo+json.  FALSE for any
 * other type: bytes that cannot be confirmed are not vouched for. */
gboolean  sb_media_type_matches           (const char    *media_type,
                                           const guint8  *data,
                                           gsize          size);

/* Whether @name ends as a program or a launcher does (.desktop, .sh, .exe,
 * .AppImage…), case-insensitively: such a file is never accepted as an
 * attachment, whatever type it declares, since a file manager or a desktop
 * would run it. */
gboolean  sb_media_name_is_executable     (const char    *name);

G_END_DECLS
