/* sb-review-work-page.h — the reviewer's 审核 page
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-reviewer-view.h"

G_BEGIN_DECLS

#define SB_TYPE_REVIEW_WORK_PAGE (sb_review_work_page_get_type ())
G_DECLARE_FINAL_TYPE (SbReviewWorkPage, sb_review_work_page, SB, REVIEW_WORK_PAGE, AdwPreferencesPage)

/* The review work on @view's packet: the checklist, the corrections
 * noted, the decision and the documents. */
GtkWidget *sb_review_work_page_new (SbReviewerView *view);

/* Lists the review's notes again, after one was added elsewhere. */
void       sb_review_work_page_refresh_notes (SbReviewWorkPage *self);

/* Shows the PDF document just saved with Print, Open PDF and Show in
 * Folder (SbDocumentActions), under the documents; @signable: it is one
 * the office issues (no draft), so Sign Digitally… too. */
void       sb_review_work_page_show_document (SbReviewWorkPage *self,
                                              GFile            *pdf,
                                              gboolean          signable);

/* The same for the review file just saved (JSON): Show in Folder, and
 * Sign Digitally… when @signable (the review records a decision). */
void       sb_review_work_page_show_review_file (SbReviewWorkPage *self,
                                                 GFile            *review,
                                                 gboolean          signable);

G_END_DECLS
