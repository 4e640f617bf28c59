/* sb-table-xlsx.h — the first sheet of an XLSX workbook
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-table-grid.h"

G_BEGIN_DECLS

/* TRUE when @data starts like a zip archive (an XLSX or ODS file). */
gboolean     sb_table_xlsx_sniff (const char  *data,
                                  gsize        length);

/* The cells of the workbook's first sheet as text: shared and inline
 * strings as written; numbers as a spreadsheet shows them in General
 * format ("3.2", not 3.2000000000000002); numbers in a date format as
 * YYYY-MM-DD (HH:MM for times), counted from the workbook's 1900 or
 * 1904 base; TRUE/FALSE for logical cells; a merged range's value in
 * each of its cells (a header merged over two rows names both).  The zip
 * is read by libarchive and the XML by libxml2's reader, without network
 * access, entity substitution or huge-text mode; a document type
 * declaration (which no spreadsheet has) is refused, so entity expansion
 * never happens, and the archive may unpack to at most
 * SB_TABLE_MAX_UNZIPPED_SIZE (a zip bomb stops there). */
SbTableGrid *sb_table_xlsx_read  (const char  *data,
                                  gsize        length,
                                  GError     **error);

G_END_DECLS
