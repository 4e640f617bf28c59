/* sb-table-import.h — cells from a file or a clipboard as rows of a table
 *
 * An import is planned before anything changes: the file's columns are
 * matched to the table's by their headers, every cell is read exactly as
 * typed text is (sb_table_cell_parse()), and the rows to add and the
 * problem cells are listed for the person to decide (import all, only the
 * clean rows, or nothing).  The window and `shenbao-tool table import`
 * both use it.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

#include "sb-form-definition.h"
#include "sb-table-grid.h"

G_BEGIN_DECLS

/* A cell that could not be read as its column's type. */
typedef struct {
  guint          file_row;   /* the row's number in the file, from 1 */
  guint          row;        /* index among the rows to add */
  guint          file_column;/* from 0: "C" in a spreadsheet is 2 */
  const SbField *column;
  char          *value;      /* the cell as read */
  SbText         message;    /* why, in both languages */
} SbTableProblem;

typedef struct _SbTableImport SbTableImport;

/* The table's columns that a file can fill: not computed ones, not
 * attachments (a file holds no files). SbField*, borrowed. */
GPtrArray     *sb_table_importable_columns (const SbField *table);

/* A header as compared: NFKC (full-width letters and digits as ASCII),
 * without white space or a unit in brackets at the end, case-folded. */
char          *sb_table_header_key        (const char    *header);
/* The column of @table whose zh_CN or en label, or id, @header names,
 * or NULL. */
const SbField *sb_table_match_header      (const SbField *table,
                                           const char    *header);
/* A column's header in an exported file: its label in the UI language
 * with the unit amounts are written in, "面积（亩）", "金额（万元）". */
char          *sb_table_column_header     (const SbField *column);

/* What @text in a spreadsheet cell means for @column, read exactly as
 * text typed into the column is (sb_field_format_parse_edit()), after what
 * a spreadsheet adds and a person would not type: full-width digits, a
 * unit after a number (3.2亩), dates written 2025年4月1日 or 2025/4/1, 是/否
 * and TRUE/FALSE for yes-no columns, an option's English label, options
 * separated by 、 or commas.  NULL for a blank cell; text the column cannot
 * hold comes back as the text itself, which the answers keep and report
 * as invalid (so nothing is lost). */
JsonNode      *sb_table_cell_parse        (const SbField *column,
                                           const char    *text);

/* Plans importing @grid into @table: a header row is looked for in the
 * first rows (the one naming most columns; title rows above it are passed
 * over); without one the file's columns are taken in the table's order
 * from @first_column (what a paste onto a cell does). */
SbTableImport *sb_table_import_new        (const SbField     *table,
                                           const SbTableGrid *grid,
                                           guint              first_column);
void           sb_table_import_free       (SbTableImport     *self);

/* -1 when the grid has no header row. */
int            sb_table_import_get_header_row   (SbTableImport *self);
/* Makes row @header_row of the grid (-1: none) the header, and maps and
 * plans again: the rows above it are not imported. */
void           sb_table_import_set_header_row   (SbTableImport *self,
                                                 int            header_row);
guint          sb_table_import_get_n_file_columns (SbTableImport *self);
/* The header of file column @file_column ("" when there is no header). */
const char    *sb_table_import_get_file_header  (SbTableImport *self,
                                                 guint          file_column);
/* The column file column @file_column fills, or NULL (ignored). */
const SbField *sb_table_import_get_mapping      (SbTableImport *self,
                                                 guint          file_column);
/* Changes what file column @file_column fills (NULL: ignore it), and
 * plans again; a column filled by another file column is taken from it. */
void           sb_table_import_set_mapping      (SbTableImport *self,
                                                 guint          file_column,
                                                 const SbField *column);
/* TRUE when a file column has a header that names no column, or an
 * importable column of the table is filled by no file column: the window
 * then shows the mapping before the report. */
gboolean       sb_table_import_needs_mapping    (SbTableImport *self);

guint          sb_table_import_get_n_rows       (SbTableImport *self);
guint          sb_table_import_get_n_clean_rows (SbTableImport *self);
GPtrArray     *sb_table_import_get_problems     (SbTableImport *self);  /* of SbTableProblem* */
/* The rows as answers (JSON objects keyed by column id): all of them,
 * problem cells as the text read, or only the rows without problems. */
JsonArray     *sb_table_import_dup_rows         (SbTableImport *self,
                                                 gboolean       only_clean);
/* The report as lines for a terminal or a list: the columns matched,
 * ignored and missing, the rows, and each problem as
 * "第 12 行 C 列（出生日期）：“1990-13-01”不是有效日期…". */
GPtrArray     *sb_table_import_dup_report_lines (SbTableImport *self);

/* Rows replaced by an import keep what no spreadsheet holds (attached
 * files): each row of @rows takes the attachment cells of the row of
 * @previous that has the same identity (its first ID-number column, else
 * its first column), when exactly one has.  Returns how many attachment
 * cells of @previous found no row and are gone. */
guint          sb_table_rows_keep_attachments  (const SbField *table,
                                                JsonArray     *rows,
                                                JsonArray     *previous);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTableImport, sb_table_import_free)

G_END_DECLS
