/* sb-row-check.h — one table row being edited, checked with the whole form
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-answers.h"
#include "sb-validator.h"

G_BEGIN_DECLS

typedef struct _SbRowCheck SbRowCheck;

/* Checks @values (column id -> the answer's JSON; referenced, and changed
 * by the caller, who tells of each change with
 * sb_row_check_cell_changed()) as row @row of @table of @answers, or as
 * a row added at the end when @row is -1 or past the last row.  @answers
 * is never changed; it may change under the check, which then starts
 * again from it. */
SbRowCheck         *sb_row_check_new            (SbAnswers          *answers,
                                                 const SbField      *table,
                                                 int                 row,
                                                 JsonObject         *values);
void                sb_row_check_free           (SbRowCheck         *self);

/* @column_id's member of the values was set or removed. */
void                sb_row_check_cell_changed   (SbRowCheck         *self,
                                                 const char         *column_id);

/* The report sb_validate() gives, as of @submission_date and with
 * @calendar, on the answers with the row as edited in its place (a new
 * reference). */
SbValidationReport *sb_row_check_validate       (SbRowCheck         *self,
                                                 gint32              submission_date,
                                                 SbCalendar         *calendar);

/* After sb_row_check_validate(): the row's index in that report, and
 * whether the row's answer to @column_id could not be read. */
guint               sb_row_check_get_position   (SbRowCheck         *self);
gboolean            sb_row_check_is_unreadable  (SbRowCheck         *self,
                                                 const char         *column_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbRowCheck, sb_row_check_free)

G_END_DECLS
