/* sb-pdf-cover.h — what the cover of a packet PDF shows
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The text of the first page with all white space removed (a hash may be
 * broken over lines), read with poppler. */
char     *sb_pdf_cover_text   (GFile       *pdf,
                               GError     **error);
/* Whether the cover shows @reference and @integrity_hash: the pages are of
 * the packet the PDF carries.  @message says what was found, in English. */
gboolean  sb_pdf_cover_shows  (GFile       *pdf,
                               const char  *reference,
                               const char  *integrity_hash,
                               char       **message);

G_END_DECLS
