/* sb-review-page.h — the review page ("check your answers")
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-draft.h"
#include "sb-validator.h"

G_BEGIN_DECLS

#define SB_TYPE_REVIEW_PAGE (sb_review_page_get_type ())
G_DECLARE_FINAL_TYPE (SbReviewPage, sb_review_page, SB, REVIEW_PAGE, AdwBin)

/* The review page of @draft: the whole-packet summary, the problems, the
 * warnings to explain, every answer step by step with a Change button,
 * the notices, and the Finish button, kept in sight below the answers.  Signals:
 *   change-field (const char *path)       a Change or Fix button was pressed for
 *                                          the field at @path ("staff[].name" in a table)
 *   justification-changed (const char *rule_id, const char *text)
 *                                          an explanation was typed (NULL when emptied)
 *   finish ()                              the Finish button was pressed */
SbReviewPage *sb_review_page_new              (SbDraft            *draft);
/* Shows @report, and the answers of @steps (the visible SbStep*). */
void          sb_review_page_update           (SbReviewPage       *self,
                                               SbValidationReport *report,
                                               GPtrArray          *steps);
/* The Finish button says "Making the PDF…" while @finishing, and can be
 * pressed only when @ready and not @finishing. */
void          sb_review_page_set_finish_state (SbReviewPage       *self,
                                               gboolean            finishing,
                                               gboolean            ready);

/* A finished application: no Change buttons, explanations as text, and
 * "New Application Based on This" (win.new-from-draft) instead of Finish. */
void          sb_review_page_set_read_only    (SbReviewPage       *self,
                                               gboolean            read_only);
/* What keeps Finish from being pressed, as the page says it beside the
 * button, or NULL when nothing does. */
const char   *sb_review_page_get_blocker      (SbReviewPage       *self);
/* What the link beside it does: to the first blocking problem. */
void          sb_review_page_go_to_blocker    (SbReviewPage       *self);

G_END_DECLS
