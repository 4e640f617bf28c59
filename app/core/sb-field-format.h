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

/* An answer as the interface shows it, in its language: options by
 * their label, 是/否 and the separators between options and files as the
 * interface says them; otherwise as sb_field_format_display() gives it.
 * Not for the PDF or the packet's comparisons, which stay in the
 * packet's own words whatever the interface language. */
char *sb_field_format_shown   (SbAnswers     *answers,
                               const SbField *field,
                               int            row);

/* The text an entry shows for @value (may be NULL) when the answer is
 * edited: a 万元 amount as 万元 (the answer keeps 元). */
char     *sb_field_format_edit       (const SbField *field,
                                      JsonNode      *value);
/* What @typed text means for @field: a JSON value (a 万元 amount in 元,
 * decimals canonical, ID numbers in capitals), or the text itself when it
 * is not valid yet (the answers keep it and report it as invalid, so
 * nothing typed is lost); NULL for blank text. */
JsonNode *sb_field_format_parse_edit (const SbField *field,
                                      const char    *typed);

G_END_DECLS
