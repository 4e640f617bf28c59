/* sb-notice-pdf.h — the PDF of a one-time notice, on this machine and in
 * the register
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sb-register.h"

G_BEGIN_DECLS

/* Where the PDF of @notice of @a_case is kept on this machine: the user's
 * data folder, named by the case's reference and the notice's id. */
char     *sb_notice_pdf_path (const SbCase   *a_case,
                              const SbNotice *notice);

/* Writes @pdf to @file, making its folder: whole or not at all (a
 * temporary file renamed).  Blocks: call it in a worker thread. */
gboolean  sb_notice_pdf_write (GFile          *file,
                               GBytes         *pdf,
                               GError        **error);

/* Makes this machine's copy of @notice's PDF and the register's the same
 * document, the newer of the two: a copy missing on either side is made
 * from the other; one that is the other with a signature appended
 * replaces it (the register keeps both versions).  Two different
 * documents are both kept as they are.  *@local is this machine's copy
 * afterwards, or NULL when there is none; FALSE with @error when the
 * register could not be read or written, or the file not written (what
 * there is stays).  Blocks: call it in a worker thread. */
gboolean  sb_notice_pdf_sync (SbRegister     *case_register,
                              const SbCase   *a_case,
                              const SbNotice *notice,
                              const char     *by,
                              GFile         **local,
                              GError        **error);

G_END_DECLS
