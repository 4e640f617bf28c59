/* sb-table-xlsx.c — the first sheet of an XLSX workbook (ECMA-376)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-table-xlsx.h"
#include "sb-table-zip.h"

typedef struct {
  GHashTable *parts;          /* zip member name -> GBytes */
  GPtrArray  *shared;         /* of char* */
  GArray     *date_styles;    /* gboolean per cellXfs index */
  gboolean    date1904;
} Workbook;

/* Auxiliary functions */

static void
workbook_clear (Workbook *book)
{
  g_clear_pointer (&book->parts, g_hash_table_unref);
  g_clear_pointer (&book->shared, g_ptr_array_unref);
  g_clear_pointer (&book->date_styles, g_array_unref);
}

static gboolean
wanted_part (const char *name)
{
  return g_str_equal (name, "xl/workbook.xml")
         || g_str_equal (name, "xl/_rels/workbook.xml.rels")
         || g_str_equal (name, "xl/sharedStrings.xml")
         || g_str_equal (name, "xl/styles.xml")
         || (g_str_has_prefix (name, "xl/worksheets/") && g_str_has_suffix (name, ".xml")
             && strchr (name + strlen ("xl/worksheets/"), '/') == NULL);
}

static gboolean
read_workbook (Workbook  *book,
               char     **sheet_part,
               GError   **error)
{
  g_autofree char *first_id = NULL;
  xmlTextReaderPtr reader = sb_table_zip_open_part (book->parts, "xl/workbook.xml");
  gboolean failed = FALSE;

  if (reader == NULL)
    {
      sb_table_zip_set_invalid (error, SB_TABLE_ZIP_XLSX, "xl/workbook.xml");
      return FALSE;
    }
  while (sb_table_zip_next (reader, "xl/workbook.xml", SB_TABLE_ZIP_XLSX, &failed, error))
    {
      if (sb_table_zip_is_start (reader, "workbookPr"))
        {
          g_autofree char *date1904 = sb_table_zip_attribute (reader, "date1904");

          book->date1904 = date1904 != NULL && (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
        }
      else if (sb_table_zip_is_start (reader, "sheet") && first_id == NULL)
        {
          first_id = sb_table_zip_attribute (reader, "r:id");
          if (first_id == NULL)
            first_id = g_strdup ("");
        }
    }
  xmlFreeTextReader (reader);
  if (failed)
    return FALSE;

  reader = sb_table_zip_open_part (book->parts, "xl/_rels/workbook.xml.rels");
  while (reader != NULL && first_id != NULL && *sheet_part == NULL
         && sb_table_zip_next (reader, "xl/_rels/workbook.xml.rels", SB_TABLE_ZIP_XLSX, &failed, error))
    {
      if (sb_table_zip_is_start (reader, "Relationship"))
        {
          g_autofree char *id = sb_table_zip_attribute (reader, "Id");
          g_autofree char *target = sb_table_zip_attribute (reader, "Target");

          if (g_strcmp0 (id, first_id) == 0 && target != NULL)
            *sheet_part = target[0] == '/' ? g_strdup (target + 1) : g_strconcat ("xl/", target, NULL);
        }
    }
  if (reader != NULL)
    xmlFreeTextReader (reader);
  if (failed)
    return FALSE;

  if (*sheet_part == NULL || !g_hash_table_contains (book->parts, *sheet_part))
    {
      g_free (*sheet_part);
      *sheet_part = g_strdup ("xl/worksheets/sheet1.xml");
    }
  if (!g_hash_table_contains (book->parts, *sheet_part))
    {
      sb_table_zip_set_invalid (error, SB_TABLE_ZIP_XLSX, *sheet_part);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_shared_strings (Workbook  *book,
                     GError   **error)
{
  xmlTextReaderPtr reader = sb_table_zip_open_part (book->parts, "xl/sharedStrings.xml");
  g_autoptr(GString) text = g_string_new (NULL);
  gboolean failed = FALSE, in_item = FALSE;
  guint phonetic_depth = 0;

  if (reader == NULL)
    return TRUE;
  while (sb_table_zip_next (reader, "xl/sharedStrings.xml", SB_TABLE_ZIP_XLSX, &failed, error))
    {
      if (sb_table_zip_is_start (reader, "si"))
        {
          in_item = TRUE;
          g_string_truncate (text, 0);
          if (xmlTextReaderIsEmptyElement (reader))
            {
              g_ptr_array_add (book->shared, g_strdup (""));
              in_item = FALSE;
            }
        }
      else if (sb_table_zip_is_end (reader, "si"))
        {
          g_ptr_array_add (book->shared, g_strndup (text->str, text->len));
          in_item = FALSE;
        }
      /* Phonetic guides (rPh) are not part of the cell's text. */
      else if (sb_table_zip_is_start (reader, "rPh") && !xmlTextReaderIsEmptyElement (reader))
        phonetic_depth++;
      else if (sb_table_zip_is_end (reader, "rPh") && phonetic_depth > 0)
        phonetic_depth--;
      else if (in_item && phonetic_depth == 0 && sb_table_zip_is_start (reader, "t"))
        {
          if (!sb_table_zip_append_text (reader, text, error))
            {
              failed = TRUE;
              break;
            }
        }
    }
  xmlFreeTextReader (reader);
  return !failed;
}

/* Built-in date and time formats (ECMA-376 18.8.30), with the ones
 * Chinese locales number 27–36 and 50–58. */
static gboolean
builtin_is_date (guint64 id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58);
}

static gboolean
format_code_is_date (const char *code)
{
  for (const char *p = code; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          p = strchr (p + 1, '"');
          if (p == NULL)
            return FALSE;
          break;
        case '\\':
        case '_':
        case '*':
          if (p[1] != '\0')
            p++;
          break;
        case '[':
          p = strchr (p, ']');
          if (p == NULL)
            return FALSE;
          break;
        case 'G': case 'g':
          if (g_ascii_strncasecmp (p, "General", 7) == 0)
            p += 6;
          break;
        case 'y': case 'Y': case 'd': case 'D': case 'm': case 'M':
        case 'h': case 'H': case 's': case 'S':
          return TRUE;
        default:
          break;
        }
    }
  return FALSE;
}

static gboolean
read_styles (Workbook  *book,
             GError   **error)
{
  xmlTextReaderPtr reader = sb_table_zip_open_part (book->parts, "xl/styles.xml");
  g_autoptr(GHashTable) custom_dates = g_hash_table_new (g_direct_hash, g_direct_equal);
  gboolean failed = FALSE, in_cell_xfs = FALSE;

  if (reader == NULL)
    return TRUE;
  while (sb_table_zip_next (reader, "xl/styles.xml", SB_TABLE_ZIP_XLSX, &failed, error))
    {
      if (sb_table_zip_is_start (reader, "numFmt"))
        {
          g_autofree char *id = sb_table_zip_attribute (reader, "numFmtId");
          g_autofree char *code = sb_table_zip_attribute (reader, "formatCode");
          guint64 number;

          if (id != NULL && code != NULL && g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT16, &number, NULL)
              && format_code_is_date (code))
            g_hash_table_add (custom_dates, GUINT_TO_POINTER ((guint) number));
        }
      else if (sb_table_zip_is_start (reader, "cellXfs"))
        in_cell_xfs = !xmlTextReaderIsEmptyElement (reader);
      else if (sb_table_zip_is_end (reader, "cellXfs"))
        in_cell_xfs = FALSE;
      else if (in_cell_xfs && sb_table_zip_is_start (reader, "xf"))
        {
          g_autofree char *id = sb_table_zip_attribute (reader, "numFmtId");
          guint64 number = 0;
          gboolean is_date;

          if (id != NULL)
            g_ascii_string_to_unsigned (id, 10, 0, G_MAXUINT16, &number, NULL);
          is_date = builtin_is_date (number) || g_hash_table_contains (custom_dates, GUINT_TO_POINTER ((guint) number));
          if (book->date_styles->len < 65536)
            g_array_append_val (book->date_styles, is_date);
        }
    }
  xmlFreeTextReader (reader);
  return !failed;
}

/* "AB12" -> column 27 (0-based), row 12; FALSE when it is not a reference. */
static gboolean
parse_reference (const char *ref,
                 guint64    *column,
                 guint64    *row)
{
  const char *p = ref;
  guint64 c = 0;

  while (g_ascii_isalpha (*p))
    {
      c = c * 26 + (guint64) (g_ascii_toupper (*p) - 'A' + 1);
      if (c > 1000000)
        return FALSE;
      p++;
    }
  if (p == ref || c == 0)
    return FALSE;
  *column = c - 1;
  return g_ascii_string_to_unsigned (p, 10, 1, 10000000, row, NULL);
}

static char *
format_serial_date (const char *text,
                    gboolean    date1904)
{
  char *end = NULL;
  double serial = g_ascii_strtod (text, &end);
  double days, fraction;
  int minutes;
  GDate date;

  if (end == text || *end != '\0' || !isfinite (serial) || serial < 0 || serial > 2958465)
    return sb_table_zip_format_number (text);

  days = floor (serial);
  fraction = serial - days;
  minutes = (int) floor (fraction * 24 * 60 + 0.5);
  if (minutes >= 24 * 60)
    {
      days += 1;
      minutes = 0;
    }

  if (!date1904 && days == 0)
    return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
  /* Serial 60 is 29 February 1900, a day that did not exist but that
   * Lotus 1-2-3 counted and Excel keeps: shown as written, and the date
   * check then says it is not a date. */
  if (!date1904 && days == 60)
    return g_strdup ("1900-02-29");

  if (date1904)
    g_date_set_dmy (&date, 1, G_DATE_JANUARY, 1904);
  else if (days < 60)
    g_date_set_dmy (&date, 31, G_DATE_DECEMBER, 1899);
  else
    g_date_set_dmy (&date, 30, G_DATE_DECEMBER, 1899);
  g_date_add_days (&date, (guint) days);

  if (minutes == 0)
    return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
  return g_strdup_printf ("%04d-%02d-%02d %02d:%02d", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date), minutes / 60, minutes % 60);
}

typedef struct {
  guint64 first_row, last_row, first_column, last_column;
} Range;

static gboolean
read_sheet (Workbook    *book,
            const char  *part,
            SbTableGrid *grid,
            GError     **error)
{
  xmlTextReaderPtr reader = sb_table_zip_open_part (book->parts, part);
  g_autoptr(GArray) merges = g_array_new (FALSE, FALSE, sizeof (Range));
  g_autoptr(GString) value = g_string_new (NULL);
  g_autoptr(GString) inline_text = g_string_new (NULL);
  g_autofree char *type = NULL;
  gboolean failed = FALSE, in_cell = FALSE, is_date = FALSE, has_value = FALSE;
  guint64 row = 0, column = 0, next_column = 0;

  if (reader == NULL)
    {
      sb_table_zip_set_invalid (error, SB_TABLE_ZIP_XLSX, part);
      return FALSE;
    }

  while (sb_table_zip_next (reader, part, SB_TABLE_ZIP_XLSX, &failed, error))
    {
      if (sb_table_zip_is_start (reader, "row"))
        {
          g_autofree char *r = sb_table_zip_attribute (reader, "r");
          guint64 number;

          if (r != NULL && g_ascii_string_to_unsigned (r, 10, 1, 10000000, &number, NULL))
            row = number;
          else
            row++;
          next_column = 0;
        }
      else if (sb_table_zip_is_start (reader, "c"))
        {
          g_autofree char *r = sb_table_zip_attribute (reader, "r");
          g_autofree char *s = sb_table_zip_attribute (reader, "s");
          guint64 ref_row, style = 0;

          g_free (type);
          type = sb_table_zip_attribute (reader, "t");
          if (r != NULL && parse_reference (r, &column, &ref_row))
            row = ref_row;
          else
            column = next_column;
          next_column = column + 1;
          if (row == 0)
            row = 1;
          is_date = s != NULL && g_ascii_string_to_unsigned (s, 10, 0, G_MAXUINT16, &style, NULL)
                    && style < book->date_styles->len && g_array_index (book->date_styles, gboolean, style);
          g_string_truncate (value, 0);
          g_string_truncate (inline_text, 0);
          has_value = FALSE;
          in_cell = !xmlTextReaderIsEmptyElement (reader);
        }
      else if (in_cell && sb_table_zip_is_start (reader, "v"))
        {
          if (!sb_table_zip_append_text (reader, value, error))
            {
              failed = TRUE;
              break;
            }
          has_value = TRUE;
        }
      else if (in_cell && sb_table_zip_is_start (reader, "t"))
        {
          if (!sb_table_zip_append_text (reader, inline_text, error))
            {
              failed = TRUE;
              break;
            }
          has_value = TRUE;
        }
      else if (in_cell && sb_table_zip_is_end (reader, "c"))
        {
          char *text = NULL;

          in_cell = FALSE;
          if (!has_value)
            continue;
          if (g_strcmp0 (type, "s") == 0)
            {
              guint64 index;

              if (!g_ascii_string_to_unsigned (value->str, 10, 0, G_MAXUINT32, &index, NULL)
                  || index >= book->shared->len)
                {
                  sb_table_zip_set_invalid (error, SB_TABLE_ZIP_XLSX, part);
                  failed = TRUE;
                  break;
                }
              text = g_strdup (g_ptr_array_index (book->shared, index));
            }
          else if (g_strcmp0 (type, "inlineStr") == 0)
            text = g_strndup (inline_text->str, inline_text->len);
          else if (g_strcmp0 (type, "b") == 0)
            text = g_strdup (g_str_equal (value->str, "1") ? "TRUE" : "FALSE");
          else if (g_strcmp0 (type, "d") == 0)
            text = g_str_has_suffix (value->str, "T00:00:00") ? g_strndup (value->str, value->len - 9)
                                                              : g_strndup (value->str, value->len);
          else if (g_strcmp0 (type, "str") == 0 || g_strcmp0 (type, "e") == 0)
            text = g_strndup (value->str, value->len);
          else if (is_date)
            text = format_serial_date (value->str, book->date1904);
          else
            text = sb_table_zip_format_number (value->str);

          if (*text == '\0')
            {
              g_free (text);
              continue;
            }
          /* Formatting reaches far past the data (whole columns); only
           * cells with a value count against the limits. */
          if (row > SB_TABLE_MAX_ROWS + 1)
            {
              g_free (text);
              g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                           _("the file has more than %d rows, the most a table imports at once; nothing was imported"),
                           SB_TABLE_MAX_ROWS);
              failed = TRUE;
              break;
            }
          if (column >= SB_TABLE_MAX_COLUMNS)
            {
              g_free (text);
              g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                           _("row %u has more than %d columns, the most a table imports; nothing was imported"),
                           (guint) row, SB_TABLE_MAX_COLUMNS);
              failed = TRUE;
              break;
            }
          sb_table_zip_place_cell (grid, row, column, text);
        }
      else if (sb_table_zip_is_start (reader, "mergeCell"))
        {
          g_autofree char *ref = sb_table_zip_attribute (reader, "ref");
          g_auto(GStrv) ends = ref != NULL ? g_strsplit (ref, ":", 2) : NULL;
          Range range;

          if (ends != NULL && ends[0] != NULL && ends[1] != NULL
              && parse_reference (ends[0], &range.first_column, &range.first_row)
              && parse_reference (ends[1], &range.last_column, &range.last_row)
              && range.first_row <= range.last_row && range.first_column <= range.last_column
              && merges->len < 100000)
            g_array_append_val (merges, range);
        }
    }
  xmlFreeTextReader (reader);
  if (failed)
    return FALSE;

  /* Each merged range's value in every cell of it, within the limits. */
  for (guint i = 0; i < merges->len; i++)
    {
      Range *range = &g_array_index (merges, Range, i);
      g_autofree char *text = g_strdup (sb_table_grid_get (grid, range->first_row - 1, range->first_column));

      if (*text == '\0')
        continue;
      for (guint64 r = range->first_row; r <= MIN (range->last_row, (guint64) grid->rows->len); r++)
        for (guint64 c = range->first_column; c <= MIN (range->last_column, (guint64) SB_TABLE_MAX_COLUMNS - 1); c++)
          if (r != range->first_row || c != range->first_column)
            sb_table_zip_place_cell (grid, r, c, g_strdup (text));
    }
  return TRUE;
}

/* Public API */

gboolean
sb_table_xlsx_sniff (const char *data,
                     gsize       length)
{
  return length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0;
}

SbTableGrid *
sb_table_xlsx_read (const char  *data,
                    gsize        length,
                    GError     **error)
{
  g_autoptr(SbTableGrid) grid = NULL;
  g_autofree char *sheet = NULL;
  Workbook book = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SB_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("the file is larger than %d MB, the most a table imports at once; nothing was imported"),
                   SB_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }
  if (!sb_table_xlsx_sniff (data, length))
    {
      sb_table_zip_set_invalid (error, SB_TABLE_ZIP_XLSX, "zip");
      return NULL;
    }

  book.shared = g_ptr_array_new_with_free_func (g_free);
  book.date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  grid = sb_table_grid_new ();

  book.parts = sb_table_zip_read_parts (data, length, wanted_part, SB_TABLE_ZIP_XLSX, error);
  ok = book.parts != NULL
       && read_workbook (&book, &sheet, error)
       && read_shared_strings (&book, error)
       && read_styles (&book, error)
       && read_sheet (&book, sheet, grid, error);
  workbook_clear (&book);
  if (!ok)
    return NULL;

  sb_table_grid_trim (grid);
  return g_steal_pointer (&grid);
}
