/* sb-table-text.c — delimited text: CSV files and the clipboard's TSV
 *
 * A small reader of our own rather than libcsv: libcsv knows neither
 * encodings nor the lone-quote leniency a clipboard needs, and what it
 * does (RFC 4180 quoting) is the forty lines of read_records() below,
 * tested against the RFC's cases in tests/test-table.c.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-table-text.h"

/* Auxiliary functions */

/* Text with some valid multi-byte UTF-8 and a few broken sequences is
 * damaged UTF-8, not GB18030: reading it as GB18030 would turn every
 * Chinese character into two wrong ones. */
static gboolean
looks_like_damaged_utf8 (const char *data,
                         gsize       length)
{
  gsize valid = 0, invalid = 0;
  const guchar *p = (const guchar *) data, *end = p + length;

  while (p < end)
    {
      if (*p < 0x80)
        {
          p++;
          continue;
        }
      {
        gsize n = (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 0;

        if (n > 0 && (gsize) (end - p) >= n && g_utf8_validate ((const char *) p, n, NULL))
          {
            valid++;
            p += n;
          }
        else
          {
            invalid++;
            p++;
          }
      }
    }
  return valid > 0 && valid >= invalid * 4;
}

static void
set_invalid_utf8_error (GError    **error,
                        const char *data,
                        const char *bad)
{
  guint line = 1;

  for (const char *p = data; p < bad; p++)
    if (*p == '\n')
      line++;
  g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_ENCODING,
               _("the text is not valid UTF-8 (line %u, byte %lu) and not GB18030 either: save it again as “CSV UTF-8”; nothing was imported"),
               line, (gulong) (bad - data));
}

/* Appends one byte of a cell, counting its characters (the bytes that
 * do not continue a UTF-8 sequence); FALSE past the cell limit. */
static gboolean
append_byte (GString  *cell,
             guint    *n_chars,
             char      byte,
             GError  **error)
{
  g_string_append_c (cell, byte);
  if (((guchar) byte & 0xC0) != 0x80 && ++*n_chars > SB_TABLE_MAX_CELL_LENGTH)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("a cell is longer than %d characters, the most a spreadsheet cell holds; nothing was imported"),
                   SB_TABLE_MAX_CELL_LENGTH);
      return FALSE;
    }
  return TRUE;
}

typedef enum {
  READ_OK,
  READ_UNCLOSED_QUOTE,
  READ_FAILED,
} ReadResult;

static ReadResult
read_records (const char  *text,
              char         delimiter,
              gboolean     quoting,
              SbTableGrid *grid,
              GError     **error)
{
  g_autoptr(GString) cell = g_string_new (NULL);
  guint n_chars = 0;
  const char *p = text;
  guint record = 0;
  gboolean at_record_start = TRUE;

  while (*p != '\0')
    {
      GPtrArray *row;

      if (at_record_start)
        {
          if (++record > SB_TABLE_MAX_ROWS + 1)
            {
              g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                           _("the file has more than %d rows, the most a table imports at once; nothing was imported"),
                           SB_TABLE_MAX_ROWS);
              return READ_FAILED;
            }
          sb_table_grid_add_row (grid, record);
          at_record_start = FALSE;
        }
      row = g_ptr_array_index (grid->rows, grid->rows->len - 1);
      if (row->len >= SB_TABLE_MAX_COLUMNS)
        {
          g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                       _("row %u has more than %d columns, the most a table imports; nothing was imported"),
                       record, SB_TABLE_MAX_COLUMNS);
          return READ_FAILED;
        }

      g_string_truncate (cell, 0);
      n_chars = 0;
      if (quoting && *p == '"')
        {
          p++;
          for (;;)
            {
              if (*p == '\0')
                return READ_UNCLOSED_QUOTE;
              char byte;

              if (*p == '"' && p[1] == '"')
                {
                  byte = '"';
                  p += 2;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else if (*p == '\r')
                {
                  byte = '\n';
                  p += p[1] == '\n' ? 2 : 1;
                }
              else
                byte = *p++;
              if (!append_byte (cell, &n_chars, byte, error))
                return READ_FAILED;
            }
        }
      /* The rest of the field: all of it when unquoted, and what a
       * careless writer put after the closing quote (kept, not lost). */
      while (*p != '\0' && *p != delimiter && *p != '\n' && *p != '\r')
        if (!append_byte (cell, &n_chars, *p++, error))
          return READ_FAILED;
      sb_table_grid_add_cell (grid, g_strndup (cell->str, cell->len));

      if (*p == delimiter)
        {
          p++;
          /* A delimiter at the very end still opens an empty last field. */
          if (*p == '\0' || *p == '\n' || *p == '\r')
            sb_table_grid_add_cell (grid, g_strdup (""));
        }
      if (*p == '\r')
        {
          p += p[1] == '\n' ? 2 : 1;
          at_record_start = TRUE;
        }
      else if (*p == '\n')
        {
          p++;
          at_record_start = TRUE;
        }
    }

  if (grid->rows->len > SB_TABLE_MAX_ROWS)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("the file has more than %d rows, the most a table imports at once; nothing was imported"),
                   SB_TABLE_MAX_ROWS);
      return READ_FAILED;
    }
  return READ_OK;
}

/* Public API */

char *
sb_table_text_to_utf8 (const char  *data,
                       gsize        length,
                       const char **encoding,
                       GError     **error)
{
  const char *invalid = NULL;
  char *text;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length > SB_TABLE_MAX_FILE_SIZE)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("the text is larger than %d MB, the most a table imports at once; nothing was imported"),
                   SB_TABLE_MAX_FILE_SIZE / (1024 * 1024));
      return NULL;
    }

  if (length >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
    {
      text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16LE", NULL, NULL, NULL);
      if (encoding)
        *encoding = "UTF-16";
      if (text == NULL)
        goto not_text;
      return text;
    }
  if (length >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
    {
      text = g_convert (data + 2, length - 2, "UTF-8", "UTF-16BE", NULL, NULL, NULL);
      if (encoding)
        *encoding = "UTF-16";
      if (text == NULL)
        goto not_text;
      return text;
    }

  if (memchr (data, '\0', length) != NULL)
    goto not_text;

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      length -= 3;
    }

  if (g_utf8_validate (data, length, &invalid))
    {
      if (encoding)
        *encoding = "UTF-8";
      return g_strndup (data, length);
    }

  if (!looks_like_damaged_utf8 (data, length))
    {
      text = g_convert (data, length, "UTF-8", "GB18030", NULL, NULL, NULL);
      if (text != NULL && g_utf8_validate (text, -1, NULL))
        {
          if (encoding)
            *encoding = "GB18030";
          return text;
        }
      g_free (text);
    }

  set_invalid_utf8_error (error, data, invalid);
  return NULL;

not_text:
  g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_INVALID,
               _("this is not a text file (it contains NUL bytes): import a CSV or an XLSX file; nothing was imported"));
  return NULL;
}

char
sb_table_text_detect_delimiter (const char *text)
{
  static const char candidates[] = { '\t', ',', ';' };
  guint counts[G_N_ELEMENTS (candidates)] = { 0 };
  gboolean in_quotes = FALSE;
  guint best = 1;

  g_return_val_if_fail (text != NULL, ',');

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        in_quotes = !in_quotes;
      else if (!in_quotes && (*p == '\n' || *p == '\r'))
        break;
      else if (!in_quotes)
        for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
          if (*p == candidates[i])
            counts[i]++;
    }

  /* Ties go to tab: a pasted block is tab-separated. */
  if (counts[0] >= counts[1] && counts[0] >= counts[2] && counts[0] > 0)
    return '\t';
  if (counts[2] > counts[1])
    best = 2;
  return candidates[best];
}

SbTableGrid *
sb_table_text_read (const char  *data,
                    gsize        length,
                    char         delimiter,
                    GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(SbTableGrid) grid = NULL;
  ReadResult result;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  text = sb_table_text_to_utf8 (data, length, NULL, error);
  if (text == NULL)
    return NULL;
  if (delimiter == '\0')
    delimiter = sb_table_text_detect_delimiter (text);

  grid = sb_table_grid_new ();
  result = read_records (text, delimiter, TRUE, grid, error);
  if (result == READ_UNCLOSED_QUOTE)
    {
      sb_table_grid_free (grid);
      grid = sb_table_grid_new ();
      result = read_records (text, delimiter, FALSE, grid, error);
    }
  if (result != READ_OK)
    return NULL;

  sb_table_grid_trim (grid);
  return g_steal_pointer (&grid);
}
