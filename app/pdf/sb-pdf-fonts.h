/* sb-pdf-fonts.h — the one font the PDF is typeset in, found by path
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pango.h>

G_BEGIN_DECLS

/* The faces the layout asks for, both in the files below. */
#define SB_PDF_FONT_SANS "Noto Sans CJK SC"
#define SB_PDF_FONT_MONO "Noto Sans Mono CJK SC"

/* The font map the PDF is typeset with on the calling thread: it sees only
 * the font files of the PDF font folder, never the fonts the system or the
 * person has installed.  Never NULL; owned by the thread. */
PangoFontMap *sb_pdf_fonts_get_font_map   (void);

/* Whether the PDF font is there; if not, an error naming the font and the
 * files it needs, and where they were looked for. */
gboolean      sb_pdf_fonts_check          (GError **error);

/* The font files with their SHA-256, for the PDF's producer entry:
 * "NotoSansCJKsc-Regular.otf sha256:…, NotoSansCJKsc-Bold.otf sha256:…, …",
 * or NULL if the font is missing. */
const char   *sb_pdf_fonts_get_description (void);

/* For a process that typesets nothing but PDFs (shenbao-tool): the
 * system's fonts are not loaded.  Call before anything uses Pango. */
void          sb_pdf_fonts_skip_system_fonts (void);

G_END_DECLS
