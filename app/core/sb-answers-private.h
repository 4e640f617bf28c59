/* sb-answers-private.h — what the validator needs beyond the public API
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-answers.h"

G_BEGIN_DECLS

/* Evaluates a column expression (required_when, visible_when of a column)
 * with @row of the table at @table_index as its row; TRUE only when the
 * result is true. */
gboolean sb_answers_evaluate_in_row (SbAnswers         *self,
                                     SbExpression      *expression,
                                     const SbEvalScope *scope,
                                     guint              table_index,
                                     guint              row);

/* TRUE when the cell was present but unreadable. */
gboolean sb_answers_cell_is_invalid (SbAnswers         *self,
                                     const SbField     *column,
                                     guint              row);

G_END_DECLS
