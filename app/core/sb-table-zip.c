/* sb-table-zip.c — the XML parts of a zipped spreadsheet (XLSX, ODS)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-table"
/* memmem () */
#define _GNU_SOURCE

#include "config.h"

#include <math.h>
#include <string.h>

#include <archive.h>
#include <archive_entry.h>
#include <glib/gi18n-lib.h>

#include "sb-table-zip.h"

/* Auxiliary functions */

/* A part that declares a document type is refused before libxml2 reads a
 * byte of it: no workbook part has one, and a DTD is where entity
 * expansion (billion laughs) and external entities live. */
static gboolean
declares_doctype (GBytes *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  return size >= 9 && memmem (data, size, "<!DOCTYPE", 9) != NULL;
}

static void
set_doctype_error (GError    **error,
                   const char *part)
{
  g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_INVALID,
               _("the workbook part %s declares a document type, which spreadsheets never do (a hostile file); nothing was imported"),
               part);
}

/* Errors are ours to report, in one sentence, not libxml2's on stderr. */
static void
ignore_xml_error (void                   *data,
                  const char             *message,
                  xmlParserSeverities     severity,
                  xmlTextReaderLocatorPtr locator)
{
}

/* Public API */

void
sb_table_zip_set_invalid (GError         **error,
                          SbTableZipKind   kind,
                          const char      *part)
{
  if (kind == SB_TABLE_ZIP_ODS)
    g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_INVALID,
                 _("this is not a readable OpenDocument spreadsheet (%s): save it again from the spreadsheet as “ODF Spreadsheet (.ods)”; nothing was imported"),
                 part);
  else
    g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_INVALID,
                 _("this is not a readable XLSX workbook (%s): save it again from the spreadsheet as “Excel 2007-365 (.xlsx)”; nothing was imported"),
                 part);
}

GHashTable *
sb_table_zip_read_parts (const char      *data,
                         gsize            length,
                         SbTableZipWanted wanted,
                         SbTableZipKind   kind,
                         GError         **error)
{
  g_autoptr(GHashTable) parts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  struct archive *archive = archive_read_new ();
  struct archive_entry *entry;
  guint64 total = 0;
  gboolean ok = TRUE;
  int status;

  archive_read_support_format_zip (archive);
  if (archive_read_open_memory (archive, data, length) != ARCHIVE_OK)
    {
      sb_table_zip_set_invalid (error, kind, "zip");
      archive_read_free (archive);
      return NULL;
    }

  while ((status = archive_read_next_header (archive, &entry)) == ARCHIVE_OK)
    {
      const char *name = archive_entry_pathname (entry);
      g_autoptr(GByteArray) bytes = NULL;
      char buffer[65536];
      la_ssize_t n;

      if (name == NULL || !wanted (name))
        continue;

      /* Sized once from the entry's stated size (within the limit), so
       * the buffer does not double past what the part needs. */
      bytes = g_byte_array_sized_new ((guint) CLAMP (archive_entry_size (entry), 0,
                                                     (la_int64_t) (SB_TABLE_MAX_UNZIPPED_SIZE - total)));
      while ((n = archive_read_data (archive, buffer, sizeof buffer)) > 0)
        {
          total += (guint64) n;
          if (total > SB_TABLE_MAX_UNZIPPED_SIZE)
            {
              g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                           _("the workbook unpacks to more than %d MB, far more than a table needs (a damaged or hostile file); nothing was imported"),
                           SB_TABLE_MAX_UNZIPPED_SIZE / (1024 * 1024));
              ok = FALSE;
              goto out;
            }
          g_byte_array_append (bytes, (const guint8 *) buffer, (guint) n);
        }
      if (n < 0)
        {
          sb_table_zip_set_invalid (error, kind, name);
          ok = FALSE;
          goto out;
        }
      {
        GBytes *part = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));

        if (declares_doctype (part))
          {
            set_doctype_error (error, name);
            g_bytes_unref (part);
            ok = FALSE;
            goto out;
          }
        g_hash_table_insert (parts, g_strdup (name), part);
      }
    }
  if (status != ARCHIVE_EOF)
    {
      sb_table_zip_set_invalid (error, kind, "zip");
      ok = FALSE;
    }

out:
  archive_read_free (archive);
  return ok ? g_steal_pointer (&parts) : NULL;
}

xmlTextReaderPtr
sb_table_zip_open_part (GHashTable *parts,
                        const char *name)
{
  GBytes *bytes = g_hash_table_lookup (parts, name);
  xmlTextReaderPtr reader;
  gsize size;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &size);
  if (size > G_MAXINT)
    return NULL;
  /* No network, no entities substituted, no DTD loaded, no huge text. */
  reader = xmlReaderForMemory (data, (int) size, name, NULL, XML_PARSE_NONET | XML_PARSE_NOCDATA);
  if (reader != NULL)
    xmlTextReaderSetErrorHandler (reader, ignore_xml_error, NULL);
  return reader;
}

gboolean
sb_table_zip_next (xmlTextReaderPtr reader,
                   const char      *part,
                   SbTableZipKind   kind,
                   gboolean        *failed,
                   GError         **error)
{
  int status = xmlTextReaderRead (reader);

  if (status == 1 && xmlTextReaderNodeType (reader) == XML_READER_TYPE_DOCUMENT_TYPE)
    {
      set_doctype_error (error, part);
      *failed = TRUE;
      return FALSE;
    }
  if (status < 0)
    {
      sb_table_zip_set_invalid (error, kind, part);
      *failed = TRUE;
      return FALSE;
    }
  return status == 1;
}

gboolean
sb_table_zip_is_start (xmlTextReaderPtr reader,
                       const char      *local_name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0;
}

gboolean
sb_table_zip_is_end (xmlTextReaderPtr reader,
                     const char      *local_name)
{
  return xmlTextReaderNodeType (reader) == XML_READER_TYPE_END_ELEMENT
         && g_strcmp0 ((const char *) xmlTextReaderConstLocalName (reader), local_name) == 0;
}

char *
sb_table_zip_attribute (xmlTextReaderPtr reader,
                        const char      *name)
{
  xmlChar *value = xmlTextReaderGetAttribute (reader, (const xmlChar *) name);
  char *copy = value != NULL ? g_strdup ((const char *) value) : NULL;

  xmlFree (value);
  return copy;
}

gboolean
sb_table_zip_append_text (xmlTextReaderPtr reader,
                          GString         *out,
                          GError         **error)
{
  xmlChar *text = xmlTextReaderReadString (reader);

  if (text != NULL)
    g_string_append (out, (const char *) text);
  xmlFree (text);
  if (out->len > SB_TABLE_MAX_CELL_LENGTH && g_utf8_strlen (out->str, out->len) > SB_TABLE_MAX_CELL_LENGTH)
    {
      g_set_error (error, SB_TABLE_ERROR, SB_TABLE_ERROR_TOO_LARGE,
                   _("a cell is longer than %d characters, the most a spreadsheet cell holds; nothing was imported"),
                   SB_TABLE_MAX_CELL_LENGTH);
      return FALSE;
    }
  return TRUE;
}

void
sb_table_zip_place_cell (SbTableGrid *grid,
                         guint64      row,
                         guint64      column,
                         char        *text)
{
  GPtrArray *cells;

  /* Rows are numbered as in the sheet; blank rows in between are kept
   * blank so numbers match. */
  while (grid->rows->len < row)
    sb_table_grid_add_row (grid, grid->rows->len + 1);
  cells = g_ptr_array_index (grid->rows, row - 1);
  while (cells->len < column)
    g_ptr_array_add (cells, g_strdup (""));
  if (cells->len == column)
    g_ptr_array_add (cells, text);
  else
    {
      g_free (g_ptr_array_index (cells, column));
      g_ptr_array_index (cells, column) = text;
    }
  grid->n_columns = MAX (grid->n_columns, cells->len);
}

char *
sb_table_zip_format_number (const char *text)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char *end = NULL;
  double value = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || !isfinite (value))
    return g_strdup (text);
  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  return g_strdup (buffer);
}
