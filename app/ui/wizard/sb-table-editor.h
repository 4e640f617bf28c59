/* sb-table-editor.h — a table question: its rows, and ways to change them
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-answers.h"
#include "sb-field-row.h"

G_BEGIN_DECLS

#define SB_TYPE_TABLE_EDITOR (sb_table_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbTableEditor, sb_table_editor, SB, TABLE_EDITOR, GtkListBoxRow)

/* The rows of @table in @answers as a column view (it stays smooth with
 * thousands of rows: only the visible rows have widgets), with Add, Edit,
 * Duplicate and Delete.  Edits go straight into @answers.  Signals:
 *   changed ()                       rows or cells changed
 *   left ()                          an edit is complete: check the answers
 *   row-deleted (guint row, JsonNode *copy)
 *                                    for an Undo: give the copy back with
 *                                    sb_table_editor_restore_row() */
SbTableEditor *sb_table_editor_new          (SbAnswers          *answers,
                                             const SbField      *table);
const SbField *sb_table_editor_get_field    (SbTableEditor      *self);
/* Re-reads the rows (after the answers changed elsewhere). */
void           sb_table_editor_reload       (SbTableEditor      *self);
/* Shows the findings about the table and its rows. */
void           sb_table_editor_set_report   (SbTableEditor      *self,
                                             SbValidationReport *report,
                                             gboolean            show);
void           sb_table_editor_restore_row  (SbTableEditor      *self,
                                             guint               row,
                                             JsonNode           *copy);
/* Where attached files are kept, so that a row's window can preview and
 * open them. */
void           sb_table_editor_set_file_store (SbTableEditor  *self,
                                               SbFileStore    *store);
/* The messages shown under the table, one a line, as screen readers get
 * them with the table (its accessible description); NULL when none. */
const char    *sb_table_editor_get_accessible_description (SbTableEditor *self);
/* Opens the editor of row @row. */
void           sb_table_editor_edit_row     (SbTableEditor      *self,
                                             guint               row);

G_END_DECLS
