/* sb-row-dialog.h — one row of a table, edited question by question
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-answers.h"
#include "sb-field-row.h"

G_BEGIN_DECLS

#define SB_TYPE_ROW_DIALOG (sb_row_dialog_get_type ())
G_DECLARE_FINAL_TYPE (SbRowDialog, sb_row_dialog, SB, ROW_DIALOG, AdwWindow)

/* Edits row @row of @table in @answers directly: every change is written at
 * once (and autosaved by whoever listens).  Signals:
 *   changed ()                  a cell changed
 *   left ()                     a cell was left: check the answers */
SbRowDialog *sb_row_dialog_new          (SbAnswers          *answers,
                                         const SbField      *table,
                                         guint               row);
guint        sb_row_dialog_get_row      (SbRowDialog        *self);
/* Shows @text in the window until the person dismisses it. */
void         sb_row_dialog_show_message   (SbRowDialog      *self,
                                           const char       *text);
/* The widget in the main window the row belongs to (weakly): what an
 * attachment cell tells after this window is closed goes there. */
void         sb_row_dialog_set_origin     (SbRowDialog      *self,
                                           GtkWidget        *origin);
/* The origin (a new reference), or NULL. */
GtkWidget   *sb_row_dialog_dup_origin     (SbRowDialog      *self);
/* Where attached files are kept: the cells preview and open them. */
void         sb_row_dialog_set_file_store (SbRowDialog      *self,
                                           SbFileStore      *store);
/* Shows the findings of @report that concern this row. */
void         sb_row_dialog_set_report   (SbRowDialog        *self,
                                         SbValidationReport *report);

G_END_DECLS
