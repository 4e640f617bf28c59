/* sb-row-editor.h — one row of a table, edited inside the main window
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-answers.h"
#include "sb-calendar.h"
#include "sb-file-store.h"

G_BEGIN_DECLS

#define SB_TYPE_ROW_EDITOR (sb_row_editor_get_type ())
G_DECLARE_FINAL_TYPE (SbRowEditor, sb_row_editor, SB, ROW_EDITOR, GtkBox)

/* The questions of row @row of @table (one per column), or of a new row
 * when @row is -1.  Nothing is written to @answers: the editor keeps the
 * row as edited, and its owner writes it on "done".  A question is
 * checked when it is left, and all of them on Done, with the same checks
 * as the form itself; nothing is red before it is typed.  Signals:
 *   done ()        Done was pressed and the row may be kept (a first
 *                  press on a row with a question blank or unreadable
 *                  shows them and stays; a rule's finding does not hold it)
 *   cancelled ()   Cancel or Escape: the row as it was stays */
SbRowEditor *sb_row_editor_new            (SbAnswers     *answers,
                                           const SbField *table,
                                           int            row);
/* The row being edited, or -1 for a new one. */
int          sb_row_editor_get_row        (SbRowEditor   *self);
/* The row as edited now (borrowed): column id -> the answer's JSON. */
JsonObject  *sb_row_editor_get_values     (SbRowEditor   *self);
/* The title, "从业人员 · 第 3 行". */
const char  *sb_row_editor_get_title      (SbRowEditor   *self);
/* Where attached files are kept: the cells preview and open them. */
void         sb_row_editor_set_file_store (SbRowEditor   *self,
                                           SbFileStore   *store);
/* The calendar the checks count working days in; NULL: the default. */
void         sb_row_editor_set_calendar   (SbRowEditor   *self,
                                           SbCalendar    *calendar);
/* Moves the keyboard focus to the first question. */
void         sb_row_editor_focus_first    (SbRowEditor   *self);
/* Presses Done or Cancel, as the buttons do. */
void         sb_row_editor_done           (SbRowEditor   *self);
void         sb_row_editor_cancel         (SbRowEditor   *self);

G_END_DECLS
