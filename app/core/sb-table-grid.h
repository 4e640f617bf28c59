/* sb-table-grid.h — cells read from a spreadsheet, a CSV file or a clipboard
 *
 * Every reader (sb-table-text.h, sb-table-html.h, sb-table-xlsx.h) gives
 * the same thing: rows of text cells with the row number the person sees
 * in their spreadsheet, so the import report can point at "第 12 行".
 * What a spreadsheet file may hold is bounded, because the files come
 * from anyone: the limits are stated in the messages.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SB_TABLE_ERROR (sb_table_error_quark ())

typedef enum {
  SB_TABLE_ERROR_READ,       /* the file could not be read or written */
  SB_TABLE_ERROR_TOO_LARGE,  /* past one of the limits below: nothing read */
  SB_TABLE_ERROR_ENCODING,   /* neither UTF-8 nor GB18030 */
  SB_TABLE_ERROR_INVALID,    /* not a spreadsheet of the kind its name says */
  SB_TABLE_ERROR_UNSUPPORTED,/* a file type that cannot be imported */
} SbTableError;

/* Limits for files and clipboards: a real roster is a few hundred rows. */
#define SB_TABLE_MAX_FILE_SIZE     (32 * 1024 * 1024)   /* bytes of a file or clipboard text */
#define SB_TABLE_MAX_UNZIPPED_SIZE (64 * 1024 * 1024)   /* bytes an XLSX may unpack to */
#define SB_TABLE_MAX_ROWS          10000
#define SB_TABLE_MAX_COLUMNS       256
#define SB_TABLE_MAX_CELL_LENGTH   32767                /* characters, as in Excel */

typedef struct {
  GPtrArray *rows;         /* of GPtrArray of char* (UTF-8, never NULL) */
  GArray    *row_numbers;  /* guint: the row's number in the file, from 1 */
  guint      n_columns;    /* the widest row */
} SbTableGrid;

GQuark       sb_table_error_quark  (void);

SbTableGrid *sb_table_grid_new     (void);
void         sb_table_grid_free    (SbTableGrid *grid);
/* Adds an empty row numbered @row_number; the row to append cells to. */
GPtrArray   *sb_table_grid_add_row (SbTableGrid *grid,
                                    guint        row_number);
/* Appends @cell (taken) to the last row. */
void         sb_table_grid_add_cell (SbTableGrid *grid,
                                     char        *cell);
/* The cell's text, "" past the end of a short row. */
const char  *sb_table_grid_get     (const SbTableGrid *grid,
                                    guint              row,
                                    guint              column);
/* Drops trailing rows whose cells are all blank (spreadsheets keep
 * formatted but empty rows), and leading blank rows. */
void         sb_table_grid_trim    (SbTableGrid *grid);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbTableGrid, sb_table_grid_free)

G_END_DECLS
