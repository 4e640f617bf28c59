/* sb-table-ods.c — the first sheet of an OpenDocument spreadsheet (ODF 1.2)
 *
 * LibreOffice, WPS and Excel save a sheet's content in content.xml as
 * table:table-row elements of table:table-cell elements.  A run of equal
 * rows or cells is one element with a repeat count, and every sheet
 * LibreOffice writes ends in one empty row repeated to row 1,048,576 and
 * empty cells repeated to column 1,024: repeats are counted, and spread
 * out only where they hold a value.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-table-ods.h"
#include "sb-table-zip.h"

#define ODS_MIMETYPE "application/vnd.oasis.opendocument.spreadsheet"
#define CONTENT "content.xml"

typedef struct {
  guint64 column;
  char   *text;
} RowCell;

typedef struct {
  guint64 first_row, last_row, first_column, last_column;
} Range;

typedef struct {
  xmlTextReaderPtr reader;
  SbTableGrid     *grid;
  GArray          *row_cells;   /* RowCell: the row being read */
  GArray          *merges;      /* Range */
  guint64          row;         /* the next row's number, from 1 */
  guint64          column;      /* the next cell's column, from 0 */
  guint64          placed;      /* bytes of text placed in the grid */
  GError         **error;
} Sheet;

/* Auxiliary functions */

static void
row_cell_clear (gpointer data)
{
  g_free (((RowCell *) data)->text);
}

static gboolean
wanted_part (const char *name)
{
  return g_str_equal (name, CONTENT);
}

/* A repeat or span count: at least 1; "0", junk or a huge number read
 * as what it says within guint64, since only counts that reach a value
 * are spread out (and those are bounded by the table limits). */
static guint64
count_attribute (xmlTextReaderPtr reader,
                 const char      *name)
{
  g_autofree char *text = sb_table_zip_attribute (reader, name);
  guint64 count = 1;

  if (text != NULL && !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT32, &count, NULL))
    count = 1;
  return count;
}

static gboolean
too_many_columns (Sheet  *sheet,
                  guint64 column)
{
  if (column < SB_TABLE_MAX_COLUMNS)
    return FALSE;
  g_set_error (sheet->error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
               _("row %u has more than %d columns, the most a table imports; nothing was imported"),
               (guint) MIN (sheet->row, G_MAXUINT), SB_TABLE_MAX_COLUMNS);
  return TRUE;
}

static gboolean
check_cell_length (Sheet   *sheet,
                   GString *text)
{
  if (text->len <= SB_TABLE_MAX_CELL_LENGTH || g_utf8_strlen (text->str, text->len) <= SB_TABLE_MAX_CELL_LENGTH)
    return TRUE;
  g_set_error (sheet->error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
               _("a cell is longer than %d characters, the most a spreadsheet cell holds; nothing was imported"),
               SB_TABLE_MAX_CELL_LENGTH);
  return FALSE;
}

/* The text of the cell the reader is on (its paragraphs, one per line),
 * leaving the reader on the cell's end.  Comments (office:annotation)
 * are not the cell's text. */
static gboolean
read_cell_text (Sheet   *sheet,
                GString *text,
                gboolean *failed)
{
  xmlTextReaderPtr reader = sheet->reader;
  guint annotation_depth = 0;
  gboolean first_paragraph = TRUE;

  while (sb_table_zip_next (reader, CONTENT, SB_TABLE_ZIP_ODS, failed, sheet->error))
    {
      int type = xmlTextReaderNodeType (reader);

      if (sb_table_zip_is_end (reader, "table-cell") || sb_table_zip_is_end (reader, "covered-table-cell"))
        return TRUE;
      if (sb_table_zip_is_start (reader, "annotation") && !xmlTextReaderIsEmptyElement (reader))
        annotation_depth++;
      else if (sb_table_zip_is_end (reader, "annotation") && annotation_depth > 0)
        annotation_depth--;
      else if (annotation_depth > 0)
        continue;
      else if (sb_table_zip_is_start (reader, "p") || sb_table_zip_is_start (reader, "h"))
        {
          if (!first_paragraph)
            g_string_append_c (text, '\n');
          first_paragraph = FALSE;
        }
      else if (sb_table_zip_is_start (reader, "s"))
        {
          guint64 spaces = count_attribute (reader, "text:c");

          if (spaces > SB_TABLE_MAX_CELL_LENGTH)
            spaces = SB_TABLE_MAX_CELL_LENGTH + 1;
          for (guint64 i = 0; i < spaces; i++)
            g_string_append_c (text, ' ');
        }
      else if (sb_table_zip_is_start (reader, "line-break"))
        g_string_append_c (text, '\n');
      else if (sb_table_zip_is_start (reader, "tab"))
        g_string_append_c (text, '\t');
      else if (type == XML_READER_TYPE_TEXT || type == XML_READER_TYPE_SIGNIFICANT_WHITESPACE)
        g_string_append (text, (const char *) xmlTextReaderConstValue (reader));
      if (!check_cell_length (sheet, text))
        {
          *failed = TRUE;
          return FALSE;
        }
    }
  if (!*failed)
    {
      sb_table_zip_set_invalid (sheet->error, SB_TABLE_ZIP_ODS, CONTENT);
      *failed = TRUE;
    }
  return FALSE;
}

/* "2023-06-01T10:30:00" -> "2023-06-01 10:30"; a date alone as it is. */
static char *
format_date (const char *value)
{
  const char *t = strchr (value, 'T');

  if (t == NULL)
    return g_strdup (value);
  if (g_str_has_prefix (t, "T00:00:00") && (t[9] == '\0' || t[9] == '.'))
    return g_strndup (value, (gsize) (t - value));
  if (strlen (t) >= 6)
    return g_strdup_printf ("%.*s %.5s", (int) (t - value), value, t + 1);
  return g_strdup (value);
}

/* "PT10H30M00S" -> "10:30". */
static char *
format_time (const char *value)
{
  guint hours = 0, minutes = 0;

  if (sscanf (value, "PT%uH%uM", &hours, &minutes) == 2 && minutes < 60)
    return g_strdup_printf ("%02u:%02u", hours, minutes);
  return g_strdup (value);
}

/* The cell's text as a spreadsheet's General format shows it, from its
 * typed value where it has one (a date shown as 23/6/1 is 2023-06-01). */
static char *
cell_value (xmlTextReaderPtr reader)
{
  g_autofree char *type = sb_table_zip_attribute (reader, "office:value-type");
  g_autofree char *value = NULL;

  if (g_strcmp0 (type, "float") == 0 || g_strcmp0 (type, "currency") == 0)
    value = sb_table_zip_attribute (reader, "office:value");
  else if (g_strcmp0 (type, "date") == 0)
    {
      g_autofree char *date = sb_table_zip_attribute (reader, "office:date-value");

      if (date != NULL)
        return format_date (date);
    }
  else if (g_strcmp0 (type, "time") == 0)
    {
      g_autofree char *time = sb_table_zip_attribute (reader, "office:time-value");

      if (time != NULL)
        return format_time (time);
    }
  else if (g_strcmp0 (type, "boolean") == 0)
    {
      g_autofree char *boolean = sb_table_zip_attribute (reader, "office:boolean-value");

      if (boolean != NULL)
        return g_strdup (g_str_equal (boolean, "true") ? "TRUE" : "FALSE");
    }
  if (value != NULL)
    return sb_table_zip_format_number (value);
  return NULL;
}

/* One table:table-cell or table:covered-table-cell, the reader on its
 * start. */
static gboolean
read_cell (Sheet    *sheet,
           gboolean *failed)
{
  xmlTextReaderPtr reader = sheet->reader;
  guint64 repeat = count_attribute (reader, "table:number-columns-repeated");
  guint64 columns_spanned = count_attribute (reader, "table:number-columns-spanned");
  guint64 rows_spanned = count_attribute (reader, "table:number-rows-spanned");
  g_autoptr(GString) shown = g_string_new (NULL);
  g_autofree char *typed = NULL;
  const char *text;
  guint64 column = sheet->column;

  /* Read the attributes before the reader moves into the cell. */
  typed = cell_value (reader);
  if (!xmlTextReaderIsEmptyElement (reader) && !read_cell_text (sheet, shown, failed))
    return FALSE;
  sheet->column = column + repeat < column ? G_MAXUINT64 : column + repeat;

  text = typed != NULL ? typed : shown->str;
  if (*text == '\0')
    return TRUE;
  for (guint64 k = 0; k < repeat; k++)
    {
      RowCell cell;

      if (too_many_columns (sheet, column + k))
        {
          *failed = TRUE;
          return FALSE;
        }
      cell.column = column + k;
      cell.text = g_strdup (text);
      g_array_append_val (sheet->row_cells, cell);
    }
  if ((columns_spanned > 1 || rows_spanned > 1) && sheet->merges->len < 100000)
    {
      Range range = { sheet->row, sheet->row + rows_spanned - 1, column, column + columns_spanned - 1 };

      g_array_append_val (sheet->merges, range);
    }
  return TRUE;
}

/* The row just read, @repeat times from sheet->row. */
static gboolean
place_row (Sheet   *sheet,
           guint64  repeat)
{
  if (sheet->row_cells->len == 0)
    return TRUE;
  for (guint64 r = 0; r < repeat; r++)
    {
      guint64 row = sheet->row + r;

      if (row > SB_TABLE_MAX_ROWS + 1)
        {
          g_set_error (sheet->error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                       _("the file has more than %d rows, the most a table imports at once; nothing was imported"),
                       SB_TABLE_MAX_ROWS);
          return FALSE;
        }
      for (guint i = 0; i < sheet->row_cells->len; i++)
        {
          RowCell *cell = &g_array_index (sheet->row_cells, RowCell, i);

          /* The text and what the grid spends on a cell besides. */
          sheet->placed += strlen (cell->text) + 32;
          if (sheet->placed > SB_TABLE_MAX_UNZIPPED_SIZE)
            {
              g_set_error (sheet->error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                           _("the sheet’s repeated cells come to more than %d MB of text, far more than a table needs (a damaged or hostile file); nothing was imported"),
                           SB_TABLE_MAX_UNZIPPED_SIZE / (1024 * 1024));
              return FALSE;
            }
          sb_table_zip_place_cell (sheet->grid, row, cell->column, g_strdup (cell->text));
        }
    }
  return TRUE;
}

static gboolean
read_sheet (Sheet *sheet)
{
  xmlTextReaderPtr reader = sheet->reader;
  gboolean failed = FALSE, in_table = FALSE, in_row = FALSE;
  guint64 row_repeat = 1;

  while (sb_table_zip_next (reader, CONTENT, SB_TABLE_ZIP_ODS, &failed, sheet->error))
    {
      if (!in_table)
        {
          if (sb_table_zip_is_start (reader, "table"))
            {
              if (xmlTextReaderIsEmptyElement (reader))
                return TRUE;
              in_table = TRUE;
            }
          continue;
        }
      if (sb_table_zip_is_end (reader, "table"))
        return TRUE;  /* the first sheet only */
      if (sb_table_zip_is_start (reader, "table-row"))
        {
          row_repeat = count_attribute (reader, "table:number-rows-repeated");
          sheet->column = 0;
          g_array_set_size (sheet->row_cells, 0);
          in_row = !xmlTextReaderIsEmptyElement (reader);
          if (!in_row)
            sheet->row = sheet->row + row_repeat < sheet->row ? G_MAXUINT64 : sheet->row + row_repeat;
        }
      else if (in_row && (sb_table_zip_is_start (reader, "table-cell") || sb_table_zip_is_start (reader, "covered-table-cell")))
        {
          if (!read_cell (sheet, &failed))
            return FALSE;
        }
      else if (in_row && sb_table_zip_is_end (reader, "table-row"))
        {
          in_row = FALSE;
          if (!place_row (sheet, row_repeat))
            return FALSE;
          sheet->row = sheet->row + row_repeat < sheet->row ? G_MAXUINT64 : sheet->row + row_repeat;
        }
    }
  if (failed)
    return FALSE;
  if (!in_table)
    {
      sb_table_zip_set_invalid (sheet->error, SB_TABLE_ZIP_ODS, CONTENT);
      return FALSE;
    }
  return TRUE;
}

/* Public API */

gboolean
sb_table_ods_sniff (const char *data,
                    gsize       length)
{
  const guint8 *bytes = (const guint8 *) data;
  gsize name_length, extra_length, start;

  /* The zip's first local header (30 bytes, then the name and an extra
   * field some writers add), holding "mimetype" stored. */
  if (length < 30 || memcmp (data, "PK\x03\x04", 4) != 0)
    return FALSE;
  name_length = bytes[26] | (gsize) bytes[27] << 8;
  extra_length = bytes[28] | (gsize) bytes[29] << 8;
  start = 30 + name_length + extra_length;
  return name_length == 8 && memcmp (data + 30, "mimetype", 8) == 0
         && length >= start + strlen (ODS_MIMETYPE)
         && memcmp (data + start, ODS_MIMETYPE, strlen (ODS_MIMETYPE)) == 0;
}

SbTableGrid *
sb_table_ods_read (const char  *data,
                   gsize        length,
                   GError     **error)
{
  g_autoptr(GHashTable) parts = NULL;
  g_autoptr(SbTableGrid) grid = NULL;
  g_autoptr(GArray) row_cells = NULL;
  g_autoptr(GArray) merges = NULL;
  Sheet sheet = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SB_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("the file is larger than %d MB, the most a table imports at once; nothing was imported"),
                   SB_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  parts = sb_table_zip_read_parts (data, length, wanted_part, SB_TABLE_ZIP_ODS, error);
  if (parts == NULL)
    return NULL;

  sheet.reader = sb_table_zip_open_part (parts, CONTENT);
  if (sheet.reader == NULL)
    {
      sb_table_zip_set_invalid (error, SB_TABLE_ZIP_ODS, CONTENT);
      return NULL;
    }
  grid = sb_table_grid_new ();
  row_cells = g_array_new (FALSE, FALSE, sizeof (RowCell));
  g_array_set_clear_func (row_cells, row_cell_clear);
  merges = g_array_new (FALSE, FALSE, sizeof (Range));
  sheet.grid = grid;
  sheet.row_cells = row_cells;
  sheet.merges = merges;
  sheet.row = 1;
  sheet.error = error;
  ok = read_sheet (&sheet);
  xmlFreeTextReader (sheet.reader);
  if (!ok)
    return NULL;

  /* Each merged range's value in every cell of it, within the limits. */
  for (guint i = 0; i < merges->len; i++)
    {
      Range *range = &g_array_index (merges, Range, i);
      g_autofree char *text = NULL;

      if (range->first_row > grid->rows->len)
        continue;
      text = g_strdup (sb_table_grid_get (grid, range->first_row - 1, range->first_column));
      if (*text == '\0')
        continue;
      for (guint64 r = range->first_row; r <= MIN (range->last_row, (guint64) grid->rows->len); r++)
        for (guint64 c = range->first_column; c <= MIN (range->last_column, (guint64) SB_TABLE_MAX_COLUMNS - 1); c++)
          if (r != range->first_row || c != range->first_column)
            sb_table_zip_place_cell (grid, r, c, g_strdup (text));
    }

  sb_table_grid_trim (grid);
  return g_steal_pointer (&grid);
}
