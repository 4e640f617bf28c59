/* sb-table-zip.h — the XML parts of a zipped spreadsheet (XLSX, ODS)
 *
 * Both kinds of workbook are a zip of XML parts.  The zip is read by
 * libarchive and the XML by libxml2's reader, without network access,
 * entity substitution or huge-text mode; a part that declares a document
 * type (which no spreadsheet has) is refused, so entity expansion never
 * happens, and an archive may unpack to at most SB_TABLE_MAX_UNZIPPED_SIZE
 * (a zip bomb stops there).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <libxml/xmlreader.h>

#include "sb-table-grid.h"

G_BEGIN_DECLS

typedef enum {
  SB_TABLE_ZIP_XLSX,
  SB_TABLE_ZIP_ODS,
} SbTableZipKind;

typedef gboolean (*SbTableZipWanted) (const char *name);

/* Sets @error to "not a readable workbook of @kind (@part)", with how to
 * save one that is. */
void             sb_table_zip_set_invalid  (GError         **error,
                                            SbTableZipKind   kind,
                                            const char      *part);
/* The members of the zip @data that @wanted takes, name -> GBytes; NULL
 * with @error for a damaged zip, a part with a document type, or more
 * than SB_TABLE_MAX_UNZIPPED_SIZE unpacked. */
GHashTable      *sb_table_zip_read_parts   (const char      *data,
                                            gsize            length,
                                            SbTableZipWanted wanted,
                                            SbTableZipKind   kind,
                                            GError         **error);
/* A reader over the part @name of @parts, NULL when there is none. */
xmlTextReaderPtr sb_table_zip_open_part    (GHashTable      *parts,
                                            const char      *name);
/* Steps @reader; FALSE at the end, or on an error that sets @failed and
 * @error (a document type is one). */
gboolean         sb_table_zip_next         (xmlTextReaderPtr reader,
                                            const char      *part,
                                            SbTableZipKind   kind,
                                            gboolean        *failed,
                                            GError         **error);
gboolean         sb_table_zip_is_start     (xmlTextReaderPtr reader,
                                            const char      *local_name);
gboolean         sb_table_zip_is_end       (xmlTextReaderPtr reader,
                                            const char      *local_name);
/* The attribute @name (a qualified name, "table:number-columns-repeated")
 * of the current element, or NULL. */
char            *sb_table_zip_attribute    (xmlTextReaderPtr reader,
                                            const char      *name);
/* Appends the text of the current element to @out; FALSE with @error
 * past SB_TABLE_MAX_CELL_LENGTH characters. */
gboolean         sb_table_zip_append_text  (xmlTextReaderPtr reader,
                                            GString         *out,
                                            GError         **error);
/* Puts @text (taken) at the 0-based @column of the sheet's 1-based @row,
 * with blank rows and cells before it so numbers match the sheet. */
void             sb_table_zip_place_cell   (SbTableGrid     *grid,
                                            guint64          row,
                                            guint64          column,
                                            char            *text);
/* A number as a spreadsheet's General format shows it: 15 significant
 * digits, so 3.2000000000000002 is 3.2; other text as it is. */
char            *sb_table_zip_format_number (const char *text);

G_END_DECLS
