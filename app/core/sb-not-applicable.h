/* sb-not-applicable.h — the parts of a form an application leaves out, and why
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-answers.h"
#include "sb-form-definition.h"

G_BEGIN_DECLS

/* A step the application's answers leave out (@fields empty), or the
 * fields of a step that applies which are left out for the same reason. */
typedef struct {
  const SbStep *step;
  GPtrArray    *fields;   /* const SbField*, borrowed from the definition */
  SbText        reason;   /* the definition's not_applicable, or a sentence built from the condition */
} SbNotApplicable;

/* Every step and top-level field whose condition is false, in the form's
 * order, each once: a field of a step left out is not listed again.
 * Returns a GPtrArray of SbNotApplicable* that frees them. */
GPtrArray *sb_not_applicable_list     (SbAnswers             *answers);

/* "从业人员：变更、注销申请不涉及从业人员。" or
 * "申请类型中的「变更事项」、「变更内容说明」：仅变更申请填写。" */
char      *sb_not_applicable_describe (const SbNotApplicable *item);

G_END_DECLS
