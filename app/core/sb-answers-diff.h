/* sb-answers-diff.h — what changed between two versions of an application
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-answers.h"

G_BEGIN_DECLS

typedef enum {
  SB_CHANGE_CHANGED,      /* an answer or a cell differs */
  SB_CHANGE_ROW_ADDED,    /* a table row only the newer version has */
  SB_CHANGE_ROW_REMOVED,  /* a table row only the older version has */
} SbChangeKind;

typedef struct {
  SbChangeKind   kind;
  const SbField *field;     /* top-level field of the newer definition (or the older, if gone) */
  int            row;       /* -1 unless in a table */
  const SbField *column;    /* NULL unless a table cell */
  char          *before;    /* as a person reads it; "" when unanswered */
  char          *after;
} SbAnswerChange;

void       sb_answer_change_free (SbAnswerChange *change);

/* Every difference between @before and @after, answers of the same form
 * (versions may differ), field by field in the order of @after's
 * definition; table rows are compared by position.  SbAnswerChange*. */
GPtrArray *sb_answers_diff       (SbAnswers      *before,
                                  SbAnswers      *after);

G_END_DECLS
