/* sb-table-export.h — a table's rows as XLSX or CSV, and a blank template
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-form-definition.h"

G_BEGIN_DECLS

typedef enum {
  SB_TABLE_FORMAT_XLSX,
  SB_TABLE_FORMAT_CSV,
} SbTableFormat;

/* The format a file name's extension (.xlsx, .csv, any case) asks for;
 * FALSE with @error for any other. */
gboolean sb_table_format_from_path   (const char     *path,
                                      SbTableFormat  *format,
                                      GError        **error);

/* Writes @rows (the table's answer: JSON objects keyed by column id; may
 * be NULL for none) to @path, atomically: a header row with each
 * importable column's label and unit (sb_table_column_header()), then one
 * row per answer row.  XLSX cells are typed: integers and decimals as
 * numbers (万元 amounts in 万元, as typed), dates as dates, yes/no as 是/否,
 * options as their text (several joined with 、); columns as wide as
 * their text.  A cell that is not a valid answer is written as its text.
 * CSV is UTF-8 with a byte order mark (so Excel and WPS read the Chinese)
 * and CRLF, quoted per RFC 4180; text that begins with = + or @ gets an
 * apostrophe so no spreadsheet runs it as a formula (an import drops it
 * again). */
gboolean sb_table_export             (const SbField  *table,
                                      JsonArray      *rows,
                                      const char     *path,
                                      SbTableFormat   format,
                                      GError        **error);

/* A blank template: the header row and one example row made from the
 * columns' hints (placeholder, first option, a date, the bounds); the
 * XLSX template offers the options of option and yes/no columns as a
 * list in their cells. */
gboolean sb_table_write_template     (const SbField  *table,
                                      const char     *path,
                                      SbTableFormat   format,
                                      GError        **error);

/* The CSV bytes sb_table_export() writes (used for the clipboard's TSV
 * too, with @delimiter '\t' and without the byte order mark). */
GBytes  *sb_table_export_text        (const SbField  *table,
                                      JsonArray      *rows,
                                      char            delimiter,
                                      gboolean        byte_order_mark);

G_END_DECLS
