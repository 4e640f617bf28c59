/* sb-table-editor.h — a table question: its rows, and ways to change them
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-answers.h"
#include "sb-calendar.h"
#include "sb-field-row.h"
#include "sb-row-editor.h"

G_BEGIN_DECLS

#define SB_TYPE_TABLE_EDITOR (sb_table_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbTableEditor, sb_table_editor, SB, TABLE_EDITOR, GtkListBoxRow)

/* The rows of @table in @answers as a column view (it stays smooth with
 * thousands of rows: only the visible rows have widgets) as wide as the
 * page, with a search box, sorting by a column (for the eye only: the
 * stored order stays the applicant's), totals of the columns marked
 * "total", and Add, Edit, Duplicate and Delete.  A row is edited in place
 * (SbRowEditor, inside the main window); its answers change on Done.
 * Signals:
 *   changed ()                       rows or cells changed
 *   left ()                          an edit is complete: check the answers
 *   row-deleted (guint row, JsonNode *copy)
 *                                    for an Undo: give the copy back with
 *                                    sb_table_editor_restore_row()
 *   rows-replaced (const char *message, JsonNode *previous)
 *                                    several rows changed in one step
 *                                    (sb_table_editor_replace_rows(), or
 *                                    deleting a selection): @message for
 *                                    the Undo toast ("已替换 3 行"), and
 *                                    the table as it was, to give back
 *                                    with sb_table_editor_restore_rows() */
SbTableEditor *sb_table_editor_new          (SbAnswers          *answers,
                                             const SbField      *table);
const SbField *sb_table_editor_get_field    (SbTableEditor      *self);
SbAnswers     *sb_table_editor_get_answers  (SbTableEditor      *self);
/* Re-reads the rows (after the answers changed elsewhere). */
void           sb_table_editor_reload       (SbTableEditor      *self);
/* Shows the findings about the table and its rows. */
void           sb_table_editor_set_report   (SbTableEditor      *self,
                                             SbValidationReport *report,
                                             gboolean            show);
void           sb_table_editor_restore_row  (SbTableEditor      *self,
                                             guint               row,
                                             JsonNode           *copy);
/* Where attached files are kept, so that a row's editor can preview and
 * open them. */
void           sb_table_editor_set_file_store (SbTableEditor  *self,
                                               SbFileStore    *store);
/* The calendar a row's checks count working days in (the wizard's). */
void           sb_table_editor_set_calendar (SbTableEditor      *self,
                                             SbCalendar         *calendar);
/* The messages shown under the table, one a line, as screen readers get
 * them with the table (its accessible description); NULL when none. */
const char    *sb_table_editor_get_accessible_description (SbTableEditor *self);
/* Opens the editor of row @row, in place of the table. */
void           sb_table_editor_edit_row     (SbTableEditor      *self,
                                             guint               row);
/* Opens the editor of a new row (added on Done), as Add Row does. */
void           sb_table_editor_add_row      (SbTableEditor      *self);
/* The row editor open now, or NULL. */
SbRowEditor   *sb_table_editor_get_row_editor (SbTableEditor    *self);
/* The row being edited, kept as typed (a new row only when something was
 * typed into it) and the editor closed: for leaving the step, closing the
 * window or saving, so that nothing typed in an open row is lost. */
void           sb_table_editor_keep_open_row  (SbTableEditor    *self);

/* For paste, copy, import and export (added from other files):
 *
 * The selected rows as row numbers in stored order (0-based, ascending,
 * whatever the display's sorting), a new array of guint. */
GArray        *sb_table_editor_get_selected_rows (SbTableEditor *self);
/* Selects the rows @rows (guint row numbers in stored order) only. */
void           sb_table_editor_select_rows  (SbTableEditor      *self,
                                             GArray             *rows);
/* The cell the person is at: the row (stored order) and the column id of
 * the cell last clicked, or of the first column when the row was reached
 * by the keyboard.  FALSE (and nothing set) when no row has the focus or
 * the selection.  @column_id is borrowed from the definition. */
gboolean       sb_table_editor_get_focused_cell (SbTableEditor  *self,
                                                 guint          *row,
                                                 const char    **column_id);
/* Replaces @n_replaced rows from @position (stored order) by @rows (a
 * GPtrArray of JsonObject*, each a row as stored: column id -> the
 * answer's JSON, e.g. from sb_field_format_parse_edit(); copied), as one
 * step with one Undo: @rows longer than @n_replaced adds the rest after
 * them, a @position at the end appends.  Emits "rows-replaced" (the Undo
 * toast: "已替换 N 行" or "已添加 N 行"), "changed" and "left". */
void           sb_table_editor_replace_rows (SbTableEditor      *self,
                                             guint               position,
                                             guint               n_replaced,
                                             GPtrArray          *rows);
/* All rows at once (an import): replace_rows (0, all, @rows). */
void           sb_table_editor_set_rows     (SbTableEditor      *self,
                                             GPtrArray          *rows);
/* Gives back the table as "rows-replaced" gave it (a JSON array, or NULL
 * for no rows); not itself undoable. */
void           sb_table_editor_restore_rows (SbTableEditor      *self,
                                             JsonNode           *previous);
/* The box in the table's header, before the search box, where other
 * buttons go (Paste, Import, Export…); borrowed.  Keys typed in the grid
 * (Ctrl+C, Ctrl+V) reach a GtkShortcutController added to the editor. */
GtkBox        *sb_table_editor_get_action_box (SbTableEditor    *self);

G_END_DECLS
