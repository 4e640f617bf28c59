/* sb-validator.h — evaluating a definition's rules on answers
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-answers.h"

G_BEGIN_DECLS

/* One rule that fired, or one built-in check (SB-REQUIRED, SB-INVALID). */
typedef struct {
  char          *rule_id;
  SbSeverity     severity;
  gboolean       technical;
  char          *field;        /* "field" or "table[].column"; may be NULL */
  int            row;          /* -1 when not about one row */
  char          *message_zh;
  char          *message_en;
  const SbRule  *rule;         /* NULL for built-in checks */
} SbFinding;

/* @finding's message in the interface's language (sb_text_get): English
 * under an English locale when the definition has it, Chinese otherwise. */
const char         *sb_finding_get_message     (const SbFinding    *finding);

typedef struct _SbValidationReport SbValidationReport;

SbValidationReport *sb_validation_report_ref   (SbValidationReport *self);
void                sb_validation_report_unref (SbValidationReport *self);
GPtrArray          *sb_validation_report_get_findings (SbValidationReport *self); /* of SbFinding*, in definition order */
guint               sb_validation_report_count (SbValidationReport *self,
                                                SbSeverity          severity);
/* The findings as a JSON array of {rule, severity, technical, field, row, message, message_en}. */
JsonNode           *sb_validation_report_to_json (SbValidationReport *self);

/* Evaluates every rule on @answers as of @submission_date (a Julian day;
 * 0 = not yet submitted: submission_date stays unanswered unless the answers
 * set it).  @calendar may be NULL. */
SbValidationReport *sb_validate (SbAnswers   *answers,
                                 gint32       submission_date,
                                 SbCalendar  *calendar);

/* The report sb_validate() would give after one edit of @answers
 * (sb_answers_set_field(), _set_cell(), _insert_row() or _remove_row()) of
 * the top-level fields @changed_fields (NULL-terminated; a table's id for
 * its rows or cells) since @previous was made from them:
 * the built-in checks are made again, but of the rules only those that
 * read a changed field, or a computed value or a visibility that follows
 * from one, or asked any_invalid(), are evaluated again; the others'
 * outcomes are taken from @previous.  With no @previous, more edits
 * since, or another date, calendar or definition, everything is evaluated. */
SbValidationReport *sb_revalidate (SbValidationReport *previous,
                                   SbAnswers          *answers,
                                   const char * const *changed_fields,
                                   gint32              submission_date,
                                   SbCalendar         *calendar);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbValidationReport, sb_validation_report_unref)

G_END_DECLS
