/* sb-pdf-review.h — the reviewer's documents: one-time notice and opinion
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-calendar.h"
#include "sb-case.h"
#include "sb-pdf-embed.h"
#include "sb-review.h"

G_BEGIN_DECLS

typedef enum {
  SB_REVIEW_DOCUMENT_NOTICE,    /* 一次性告知单: every correction at once */
  SB_REVIEW_DOCUMENT_OPINION,   /* 审核意见: the decision with its reasons */
} SbReviewDocument;

/* The review file travels inside the PDF as review.json, as the packet
 * does in the application's PDF. */
#define SB_PDF_REVIEW_NAME "review.json"

/* @applicant: who applied (the packet's summary fields), for the heading.
 * The notice rendered here is a draft (sb_pdf_render_notice). */
GBytes *sb_pdf_render_review (SbReview          *review,
                              SbReviewDocument   document,
                              const char        *applicant,
                              GError           **error);

/* The one-time notice as the register recorded it (@notice: its number,
 * 补正期限, office, contact, day sent and every correction, printed as
 * recorded), the day its period ends counted by @calendar when it covers
 * it; @notice NULL: a draft, marked 草稿 on every page and saying it may
 * not be sent. */
GBytes *sb_pdf_render_notice (SbReview          *review,
                              const char        *applicant,
                              const SbNotice    *notice,
                              SbCalendar        *calendar,
                              GError           **error);

/* Every correction the notice lists, in its order and words (the notes,
 * then the checklist points that do not comply), unnumbered: what the
 * register records of the notice.  NULL-terminated; empty when none. */
char  **sb_pdf_review_dup_corrections (SbReview *review);

G_END_DECLS
