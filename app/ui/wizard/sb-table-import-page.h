/* sb-table-import-page.h — a table's rows from and to spreadsheets:
 * paste, copy, import, export and the blank template
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-table-editor.h"

G_BEGIN_DECLS

#define SB_TYPE_TABLE_IMPORT_PAGE (sb_table_import_page_get_type ())
G_DECLARE_FINAL_TYPE (SbTableImportPage, sb_table_import_page, SB, TABLE_IMPORT_PAGE, GtkBox)

/* Gives @editor its spreadsheet tools: Import… and a menu (export as XLSX
 * or CSV, the blank template, copy, paste) in its action box, Ctrl+V and
 * Ctrl+C in its grid, and this page, which @editor's stack shows in place
 * of the rows while a file or a paste is read, its columns matched and
 * its report read.  The actions are "table-transfer.paste", ".copy",
 * ".import", ".export" ('s': "xlsx" or "csv") and ".template" ('s') on
 * @editor.  Returns the page (owned by @editor). */
SbTableImportPage *sb_table_import_page_new (SbTableEditor *editor);

/* What the page does now: "" when closed, or "reading", "mapping",
 * "report" (for tests and screen readers). */
const char        *sb_table_import_page_get_state (SbTableImportPage *self);

/* Imports @file as the Import… button does after the file chooser. */
void               sb_table_import_page_import_file (SbTableImportPage *self,
                                                     GFile             *file);
/* Exports the rows to @file (its extension gives the format), or the
 * template when @template_only; as the file chooser's Save does. */
void               sb_table_import_page_export_file (SbTableImportPage *self,
                                                     GFile             *file,
                                                     gboolean           template_only);

G_END_DECLS
