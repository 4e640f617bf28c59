/* sb-pdf-embed.h — attaching a file to a PDF as an associated file
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_PDF_ERROR (sb_pdf_error_quark ())

typedef enum {
  SB_PDF_ERROR_FAILED,     /* the PDF could not be written or rewritten */
  SB_PDF_ERROR_NO_PACKET,  /* a PDF without an embedded packet */
  SB_PDF_ERROR_INVALID,    /* not a PDF, or damaged */
  SB_PDF_ERROR_NO_FONT,    /* the font the PDF is typeset in is not installed */
} SbPdfError;

GQuark   sb_pdf_error_quark    (void);

/* Returns @pdf with @data embedded as @name (media type @media_type) in the
 * document's EmbeddedFiles and as an associated file of the document
 * (/AF, /AFRelationship /Source, as PDF/A-3 describes).  @mod_date is a
 * PDF date ("D:20240315080000Z").  The /ID is derived from the content, so
 * the same input always gives the same bytes. */
GBytes  *sb_pdf_embed_file     (GBytes      *pdf,
                                const char  *name,
                                const char  *media_type,
                                const char  *description,
                                const char  *mod_date,
                                GBytes      *data,
                                GError     **error);

/* The bytes of the embedded file @name, or NULL with SB_PDF_ERROR_NO_PACKET
 * when there is none. */
GBytes  *sb_pdf_extract_file   (GBytes      *pdf,
                                const char  *name,
                                GError     **error);

G_END_DECLS
