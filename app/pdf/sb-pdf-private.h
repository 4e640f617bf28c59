/* sb-pdf-private.h — what app/pdf's files share about reading untrusted PDFs
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* Sets up @qpdf to read a PDF from a stranger: errors silenced (they are
 * returned) and no cross-reference streams, so that reading never decodes
 * a stream the caller did not ask for. */
void  sb_pdf_reader_init  (qpdf_data qpdf);

G_END_DECLS
