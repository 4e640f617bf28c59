/* sb-field-format.h — answers as a person reads them
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-answers.h"
#include "sb-form-definition.h"

G_BEGIN_DECLS

/* An answer as given, as a person reads it: 是/否, numbers with their unit,
 * options joined with 、, file names, "N 行" for tables.  @node may be
 * NULL (gives ""). */
char *sb_field_format_answer  (const SbField *field,
                               JsonNode      *node);

/* What every place that shows an answer shows (the check-your-answers
 * page, the reviewer's view, the PDF, table cells): a computed field's
 * value as computed now, with its unit, and any other field's answer as
 * sb_field_format_answer() gives it; "" when there is none.  @row is the
 * table row of a column's cell, or -1 for a field of the form. */
char *sb_field_format_display (SbAnswers     *answers,
                               const SbField *field,
                               int            row);

G_END_DECLS
