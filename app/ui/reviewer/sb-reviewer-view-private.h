/* sb-reviewer-view-private.h — what the reviewer's view shares with its pages
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-reviewer-view.h"

G_BEGIN_DECLS

struct _SbReviewerView
{
  AdwBin          parent_instance;

  SbPacket       *packet;
  SbReview       *review;
  SbCalendar     *calendar;
  GFile          *source;
  gboolean        from_pdf;

  GtkWidget      *stack;
  GtkWidget      *review_page;   /* SbReviewWorkPage */
  GtkWidget      *changes_page;
  char           *pages_message;  /* a PDF: whether its pages show its packet */
  gboolean        pages_ok;

  /* The packet's folder in the attachment cache (its integrity hash), when
   * it has a valid one: removed when the last view of it goes. */
  char           *cache_hash;
  GCancellable   *cancellable;
};

/* Text from the packet (or a review file) for a one-line label: every
 * control, bidi and line-breaking character shown as ⟨U+…⟩, so that it can
 * neither display reversed nor draw lines of its own. */
char                *sb_reviewer_reveal            (const char     *text);
/* The same for an answer, which may have several lines. */
char                *sb_reviewer_reveal_lines      (const char     *text);
GtkWidget           *sb_reviewer_text_row          (const char     *title,
                                                    const char     *subtitle);
AdwPreferencesGroup *sb_reviewer_add_group         (GtkWidget      *page,
                                                    const char     *title,
                                                    const char     *description);

void                 sb_reviewer_view_toast        (SbReviewerView *self,
                                                    const char     *text);
/* Why the files of this packet may not be opened at all, or NULL. */
const char          *sb_reviewer_view_open_problem (SbReviewerView *self);
/* Why this one file is never handed to another application, or NULL. */
char                *sb_reviewer_file_open_problem (SbPacketAttachment *attachment);
/* A note was added from another page: the review page lists it. */
void                 sb_reviewer_view_notes_changed (SbReviewerView *self);

G_END_DECLS
