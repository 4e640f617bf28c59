/* sb-answers-private.h — what the validator needs beyond the public API,
 * and what the files of SbAnswers share: sb-answers.c (storage, get and
 * set), -values.c (typed values), -attachments.c (attachment answers) and
 * -visibility.c (evaluation, visibility, computed values)
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

/* Shared by the files of SbAnswers. */

typedef struct
{
  SbValue  **cells;     /* per column; NULL = blank or invalid */
  gboolean  *invalid;   /* per column */
} Row;

typedef struct
{
  SbValue   *value;     /* NULL = blank or invalid */
  gboolean   invalid;   /* for a table: any cell invalid */
  gboolean   visible;
  GPtrArray *rows;      /* Row*, for tables */
} Slot;

struct _SbAnswers
{
  GObject           parent_instance;

  SbFormDefinition *definition;
  JsonObject       *json;
  guint             n_slots;
  Slot             *slots;
  GPtrArray        *problems;      /* SbAnswerProblem* */
  GStrv             unknown_keys;
  gboolean          any_invalid;
  /* Edits so far (each set, insert or removal, and each tree taken): a
   * report made after a given count knows what it saw. */
  guint64           n_edits;

  /* Row context of column expressions while they are evaluated. */
  guint             context_table;
  guint             context_row;
  /* FALSE while visibility itself is computed: all answers are seen. */
  gboolean          mask_hidden;
};

gboolean sb_answers_node_is_string (JsonNode *node);

SbValue *sb_answers_read_attachments (const SbField *field,
                                      JsonNode      *node,
                                      SbText        *reason);

SbValue *sb_answers_read_value (const SbField *field,
                                JsonNode      *node,
                                SbText        *reason);

void sb_answers_refresh (SbAnswers *self);

G_END_DECLS
