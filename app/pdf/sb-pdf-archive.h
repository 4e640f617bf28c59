/* sb-pdf-archive.h — what PDF/A-3b asks of a packet PDF beyond its pages
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <qpdf/qpdf-c.h>

G_BEGIN_DECLS

/* The standard sRGB display profile (ICC v4, colord's, CC0-1.0; see
 * app/pdf/icc/README.md), compiled in. */
GBytes *sb_pdf_srgb_profile    (void);

/* Adds to the document open in @qpdf an sRGB output intent
 * (/GTS_PDFA1) and an XMP metadata stream that declares PDF/A-3b
 * and repeats the document information (title, author, subject,
 * keywords, creator, producer, dates), setting the producer in both. */
void    sb_pdf_archive_prepare (qpdf_data qpdf);

G_END_DECLS
