/* sb-table-text.h — delimited text: CSV files and the clipboard's TSV
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-table-grid.h"

G_BEGIN_DECLS

/* @data (not NUL-terminated, @length bytes) as UTF-8: a UTF-8 byte order
 * mark is dropped, UTF-16 with a mark (Excel's "Unicode text") converted,
 * text that is not UTF-8 read as GB18030 (which covers GBK and GB2312, what
 * Excel and WPS write in a Chinese locale).  *@encoding (may be NULL) is
 * set to "UTF-8", "UTF-16" or "GB18030".  Fails on text that is neither, on
 * NUL bytes and past SB_TABLE_MAX_FILE_SIZE. */
char        *sb_table_text_to_utf8 (const char  *data,
                                    gsize        length,
                                    const char **encoding,
                                    GError     **error);

/* The delimiter of @text: tab, comma or semicolon, whichever separates
 * most fields in its first record (quoted fields skipped); comma when none
 * does. */
char         sb_table_text_detect_delimiter (const char *text);

/* Reads @data as RFC 4180 records: fields in double quotes may hold the
 * delimiter, line breaks and doubled quotes; records end in CRLF, LF or CR
 * (WPS and old Mac files), line breaks inside cells become LF.  A quote
 * that is never closed was a literal quote (Excel's clipboard does not
 * quote a cell that merely starts with one), so the text is read again
 * without quoting and nothing is lost.  @delimiter 0 detects it.  Row
 * numbers count records, as a spreadsheet numbers its rows. */
SbTableGrid *sb_table_text_read    (const char  *data,
                                    gsize        length,
                                    char         delimiter,
                                    GError     **error);

G_END_DECLS
