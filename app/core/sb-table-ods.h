/* sb-table-ods.h — the first sheet of an OpenDocument spreadsheet
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-table-grid.h"

G_BEGIN_DECLS

/* TRUE when @data is a zip whose first member says it is an OpenDocument
 * spreadsheet (ODF 1.2, part 3, 3.3: "mimetype", stored first). */
gboolean     sb_table_ods_sniff (const char  *data,
                                 gsize        length);

/* The cells of the first sheet of content.xml as text, as
 * sb_table_xlsx_read() gives an XLSX's: strings as written (paragraphs
 * joined by line breaks, text:s as its spaces), numbers from their
 * office:value as the General format shows them, dates as YYYY-MM-DD
 * (with HH:MM when they have a time), times as HH:MM, TRUE/FALSE, a
 * merged range's value in each of its cells.  Repeated rows and columns
 * are spread out only where they hold a value, within the table limits
 * and at most SB_TABLE_MAX_UNZIPPED_SIZE bytes of text in all, so a
 * million repeats of a cell stop with a message, not at the memory's
 * end.  Unzipped and parsed as sb-table-zip.h says. */
SbTableGrid *sb_table_ods_read  (const char  *data,
                                 gsize        length,
                                 GError     **error);

G_END_DECLS
