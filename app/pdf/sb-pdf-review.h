/* sb-pdf-review.h — the reviewer's documents: one-time notice and opinion
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

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

/* @applicant: who applied (the packet's summary fields), for the heading. */
GBytes *sb_pdf_render_review (SbReview          *review,
                              SbReviewDocument   document,
                              const char        *applicant,
                              GError           **error);

G_END_DECLS
