/* sb-table-export.c — a table's rows as XLSX or CSV, and a blank template
 *
 * XLSX is written by libxlsxwriter (Debian's libxlsxwriter-dev).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "sb-date.h"
#include "sb-field-format.h"
#include "sb-table-export.h"
#include "sb-table-grid.h"
#include "sb-table-import.h"

#define MIN_WIDTH 8
#define MAX_WIDTH 60

typedef enum {
  CELL_BLANK,
  CELL_TEXT,
  CELL_NUMBER,
  CELL_DATE,
} CellKind;

typedef struct {
  CellKind  kind;
  char     *text;    /* what a person reads; CSV writes it */
  double    number;
  gint32    julian_day;
} Cell;

/* Auxiliary functions */

static char *
join_options (JsonNode *node)
{
  GString *out = g_string_new (NULL);
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      if (out->len > 0)
        g_string_append (out, "、");
      g_string_append (out, json_node_get_string (element));
    }
  return g_string_free (out, FALSE);
}

/* A value as a spreadsheet cell: typed when the answer is valid, its text
 * otherwise. */
static void
cell_for (const SbField *column,
          JsonNode      *node,
          Cell          *cell)
{
  memset (cell, 0, sizeof *cell);
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      cell->kind = CELL_TEXT;
      cell->text = join_options (node);
      return;
    }
  if (!JSON_NODE_HOLDS_VALUE (node))
    return;

  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      cell->kind = CELL_TEXT;
      cell->text = g_strdup (json_node_get_boolean (node) ? "是" : "否");
      return;
    }

  cell->kind = CELL_TEXT;
  cell->text = sb_field_format_edit (column, node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    {
      g_free (cell->text);
      cell->text = g_strdup_printf ("%g", json_node_get_double (node));
    }

  switch (column->type)
    {
    case SB_FIELD_INTEGER:
    case SB_FIELD_DECIMAL:
      {
        char *end = NULL;
        double number = g_ascii_strtod (cell->text, &end);

        if (*cell->text != '\0' && end != NULL && *end == '\0')
          {
            cell->kind = CELL_NUMBER;
            cell->number = number;
          }
        break;
      }
    case SB_FIELD_DATE:
      if (sb_date_parse (cell->text, &cell->julian_day))
        cell->kind = CELL_DATE;
      break;
    default:
      break;
    }
  if (*cell->text == '\0')
    cell->kind = CELL_BLANK;
}

/* Columns as wide as their text: a CJK character takes two. */
static guint
text_width (const char *text)
{
  guint width = 0, line = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n')
        {
          width = MAX (width, line);
          line = 0;
          continue;
        }
      line += g_unichar_iswide (c) ? 2 : 1;
    }
  return MAX (width, line);
}

static char *
temporary_path (const char *path)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  char *template = g_build_filename (directory, name, NULL);
  int fd = g_mkstemp (template);

  if (fd < 0)
    {
      g_free (template);
      return NULL;
    }
  close (fd);
  return template;
}

static gboolean
finish_file (const char *temporary,
             const char *path,
             GError    **error)
{
  if (g_rename (temporary, path) != 0)
    {
      int saved = errno;

      g_unlink (temporary);
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_READ, _("could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
example_for (const SbField *column,
             Cell          *cell)
{
  memset (cell, 0, sizeof *cell);
  cell->kind = CELL_TEXT;

  if (column->placeholder.zh_CN != NULL)
    {
      cell->text = g_strdup (sb_text_get (&column->placeholder));
      return;
    }
  switch (column->type)
    {
    case SB_FIELD_INTEGER:
      cell->kind = CELL_NUMBER;
      cell->number = column->min != NULL ? MAX (g_ascii_strtod (column->min, NULL), 1) : 1;
      cell->text = g_strdup_printf ("%g", cell->number);
      break;
    case SB_FIELD_DECIMAL:
      cell->kind = CELL_NUMBER;
      cell->number = column->min != NULL ? MAX (g_ascii_strtod (column->min, NULL), 10) : 10;
      cell->text = g_strdup_printf ("%g", cell->number);
      break;
    case SB_FIELD_DATE:
      cell->kind = CELL_DATE;
      cell->julian_day = sb_date_from_ymd (2025, 4, 1);
      cell->text = g_strdup ("2025-04-01");
      break;
    case SB_FIELD_TIME:
      cell->text = g_strdup ("09:00");
      break;
    case SB_FIELD_BOOLEAN:
      cell->text = g_strdup ("是");
      break;
    case SB_FIELD_CHOICE:
    case SB_FIELD_MULTICHOICE:
      cell->text = g_strdup (column->choices != NULL && column->choices->len > 0
                             ? ((SbChoice *) g_ptr_array_index (column->choices, 0))->value : "");
      break;
    case SB_FIELD_RESIDENT_ID:
    case SB_FIELD_ID_DOCUMENT:
      /* The example number of GB 11643-1999. */
      cell->text = g_strdup ("11010519491231002X");
      break;
    case SB_FIELD_CREDIT_CODE:
      /* The example code of GB 32100-2015. */
      cell->text = g_strdup ("91350100M000100Y43");
      break;
    default:
      cell->text = g_strdup ("");
      cell->kind = CELL_BLANK;
      break;
    }
}

static void
append_field (GString    *out,
              const char *text,
              char        delimiter)
{
  gboolean formula = text[0] == '=' || text[0] == '+' || text[0] == '@';
  gboolean quote = strchr (text, delimiter) != NULL || strchr (text, '"') != NULL
                   || strchr (text, '\n') != NULL || strchr (text, '\r') != NULL;

  if (quote)
    g_string_append_c (out, '"');
  if (formula)
    g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

static GBytes *
write_text (const SbField *table,
            GPtrArray     *columns,
            JsonArray     *rows,
            gboolean       example,
            char           delimiter,
            gboolean       byte_order_mark)
{
  GString *out = g_string_new (byte_order_mark ? "\xEF\xBB\xBF" : "");
  guint n_rows = rows != NULL ? json_array_get_length (rows) : 0;

  for (guint c = 0; c < columns->len; c++)
    {
      g_autofree char *header = sb_table_column_header (g_ptr_array_index (columns, c));

      if (c > 0)
        g_string_append_c (out, delimiter);
      append_field (out, header, delimiter);
    }
  g_string_append (out, "\r\n");

  for (guint r = 0; r < (example ? 1 : n_rows); r++)
    {
      JsonNode *row = example ? NULL : json_array_get_element (rows, r);
      JsonObject *object = row != NULL && JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;

      for (guint c = 0; c < columns->len; c++)
        {
          const SbField *column = g_ptr_array_index (columns, c);
          Cell cell;

          if (example)
            example_for (column, &cell);
          else
            cell_for (column, object != NULL ? json_object_get_member (object, column->id) : NULL, &cell);
          if (c > 0)
            g_string_append_c (out, delimiter);
          append_field (out, cell.text != NULL ? cell.text : "", delimiter);
          g_free (cell.text);
        }
      g_string_append (out, "\r\n");
    }
  return g_string_free_to_bytes (out);
}

static gboolean
write_xlsx (const SbField *table,
            GPtrArray     *columns,
            JsonArray     *rows,
            gboolean       example,
            const char    *path,
            GError       **error)
{
  g_autofree char *temporary = temporary_path (path);
  g_autofree guint *widths = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *header_format, *date_format, *text_format, *wrap_format;
  g_autofree char *sheet_name = NULL;
  guint n_rows = example ? 1 : rows != NULL ? json_array_get_length (rows) : 0;
  lxw_error status;

  if (temporary == NULL)
    {
      int saved = errno;

      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_READ, _("could not write “%s”: %s"), path, g_strerror (saved));
      return FALSE;
    }

  workbook = workbook_new_opt (temporary, &options);
  if (workbook == NULL)
    {
      g_unlink (temporary);
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_READ, _("could not write “%s”"), path);
      return FALSE;
    }
  /* Sheet names may not hold []:*?/\ and are at most 31 characters. */
  sheet_name = g_utf8_substring (sb_text_get (&table->label), 0, MIN (31, g_utf8_strlen (sb_text_get (&table->label), -1)));
  g_strdelimit (sheet_name, "[]:*?/\\", '_');
  sheet = workbook_add_worksheet (workbook, sheet_name);
  if (sheet == NULL)
    sheet = workbook_add_worksheet (workbook, NULL);

  header_format = workbook_add_format (workbook);
  format_set_bold (header_format);
  format_set_text_wrap (header_format);
  format_set_align (header_format, LXW_ALIGN_VERTICAL_CENTER);
  date_format = workbook_add_format (workbook);
  format_set_num_format (date_format, "yyyy-mm-dd");
  /* Text columns are formatted as text, so an ID number typed into the
   * template stays 18 digits and does not become 1.40302E+17. */
  text_format = workbook_add_format (workbook);
  format_set_num_format (text_format, "@");
  wrap_format = workbook_add_format (workbook);
  format_set_num_format (wrap_format, "@");
  format_set_text_wrap (wrap_format);

  widths = g_new0 (guint, columns->len);
  for (guint c = 0; c < columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (columns, c);
      g_autofree char *header = sb_table_column_header (column);

      worksheet_write_string (sheet, 0, (lxw_col_t) c, header, header_format);
      widths[c] = text_width (header);
    }

  for (guint r = 0; r < n_rows; r++)
    {
      JsonNode *row = example ? NULL : json_array_get_element (rows, r);
      JsonObject *object = row != NULL && JSON_NODE_HOLDS_OBJECT (row) ? json_node_get_object (row) : NULL;

      for (guint c = 0; c < columns->len; c++)
        {
          const SbField *column = g_ptr_array_index (columns, c);
          lxw_row_t at = (lxw_row_t) (r + 1);
          Cell cell;

          if (example)
            example_for (column, &cell);
          else
            cell_for (column, object != NULL ? json_object_get_member (object, column->id) : NULL, &cell);

          switch (cell.kind)
            {
            case CELL_NUMBER:
              worksheet_write_number (sheet, at, (lxw_col_t) c, cell.number, NULL);
              break;
            case CELL_DATE:
              {
                int year, month, day;
                lxw_datetime datetime = { 0 };

                sb_date_to_ymd (cell.julian_day, &year, &month, &day);
                datetime.year = year;
                datetime.month = month;
                datetime.day = day;
                worksheet_write_datetime (sheet, at, (lxw_col_t) c, &datetime, date_format);
                break;
              }
            case CELL_TEXT:
              worksheet_write_string (sheet, at, (lxw_col_t) c, cell.text,
                                      strchr (cell.text, '\n') != NULL ? wrap_format : NULL);
              break;
            case CELL_BLANK:
              break;
            }
          if (cell.text != NULL)
            widths[c] = MAX (widths[c], text_width (cell.text));
          g_free (cell.text);
        }
    }

  for (guint c = 0; c < columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (columns, c);
      lxw_format *format = NULL;

      if (column->type == SB_FIELD_TEXT || column->type == SB_FIELD_RESIDENT_ID
          || column->type == SB_FIELD_CREDIT_CODE || column->type == SB_FIELD_ID_DOCUMENT)
        format = text_format;
      else if (column->type == SB_FIELD_MULTILINE)
        format = wrap_format;
      else if (column->type == SB_FIELD_DATE)
        format = date_format;
      worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c,
                            CLAMP (widths[c] + 2, MIN_WIDTH, MAX_WIDTH), format);

      /* The options as a list in the cells, where Excel's 255-character
       * limit on such a list allows. */
      if (example && (column->type == SB_FIELD_CHOICE || column->type == SB_FIELD_BOOLEAN))
        {
          g_autoptr(GPtrArray) values = g_ptr_array_new ();
          gsize total = 0;

          if (column->type == SB_FIELD_BOOLEAN)
            {
              g_ptr_array_add (values, (gpointer) "是");
              g_ptr_array_add (values, (gpointer) "否");
            }
          else
            for (guint i = 0; i < column->choices->len; i++)
              {
                SbChoice *choice = g_ptr_array_index (column->choices, i);

                g_ptr_array_add (values, choice->value);
                total += strlen (choice->value) + 1;
              }
          g_ptr_array_add (values, NULL);
          if (total < 255)
            {
              lxw_data_validation validation = { 0 };

              validation.validate = LXW_VALIDATION_TYPE_LIST;
              validation.value_list = (char **) values->pdata;
              validation.ignore_blank = LXW_VALIDATION_ON;
              worksheet_data_validation_range (sheet, 1, (lxw_col_t) c, SB_TABLE_MAX_ROWS, (lxw_col_t) c, &validation);
            }
        }
    }
  worksheet_freeze_panes (sheet, 1, 0);

  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      g_unlink (temporary);
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_READ, _("could not write “%s”: %s"), path, lxw_strerror (status));
      return FALSE;
    }
  return finish_file (temporary, path, error);
}

static gboolean
write_any (const SbField  *table,
           JsonArray      *rows,
           gboolean        example,
           const char     *path,
           SbTableFormat   format,
           GError        **error)
{
  g_autoptr(GPtrArray) columns = sb_table_importable_columns (table);

  if (format == SB_TABLE_FORMAT_XLSX)
    return write_xlsx (table, columns, rows, example, path, error);

  {
    g_autoptr(GBytes) bytes = write_text (table, columns, rows, example, ',', TRUE);
    g_autofree char *temporary = temporary_path (path);
    g_autoptr(GError) local_error = NULL;

    if (temporary == NULL
        || !g_file_set_contents (temporary, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &local_error))
      {
        if (temporary != NULL)
          g_unlink (temporary);
        g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_READ, _("could not write “%s”: %s"), path,
                     local_error != NULL ? local_error->message : g_strerror (errno));
        return FALSE;
      }
    return finish_file (temporary, path, error);
  }
}

/* Public API */

gboolean
sb_table_format_from_path (const char     *path,
                           SbTableFormat  *format,
                           GError        **error)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (path != NULL && format != NULL, FALSE);

  lower = g_ascii_strdown (path, -1);
  if (g_str_has_suffix (lower, ".xlsx"))
    *format = SB_TABLE_FORMAT_XLSX;
  else if (g_str_has_suffix (lower, ".csv"))
    *format = SB_TABLE_FORMAT_CSV;
  else
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_UNSUPPORTED,
                   _("“%s” is neither .xlsx nor .csv: name the file with one of these endings"), path);
      return FALSE;
    }
  return TRUE;
}

gboolean
sb_table_export (const SbField  *table,
                 JsonArray      *rows,
                 const char     *path,
                 SbTableFormat   format,
                 GError        **error)
{
  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_any (table, rows, FALSE, path, format, error);
}

gboolean
sb_table_write_template (const SbField  *table,
                         const char     *path,
                         SbTableFormat   format,
                         GError        **error)
{
  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  return write_any (table, NULL, TRUE, path, format, error);
}

GBytes *
sb_table_export_text (const SbField  *table,
                      JsonArray      *rows,
                      char            delimiter,
                      gboolean        byte_order_mark)
{
  g_autoptr(GPtrArray) columns = NULL;

  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, NULL);

  columns = sb_table_importable_columns (table);
  return write_text (table, columns, rows, FALSE, delimiter, byte_order_mark);
}
