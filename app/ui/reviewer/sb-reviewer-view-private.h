/* sb-reviewer-view-private.h — what the reviewer's view shares with its pages
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-review-store.h"
#include "sb-reviewer-view.h"
#include "sb-signature.h"

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
  GtkWidget      *switcher_title;  /* AdwViewSwitcherTitle, for the window's header bar */
  GtkWidget      *switcher_bar;    /* AdwViewSwitcherBar at the bottom, when narrow */
  GtkWidget      *unverified_bar;  /* GtkInfoBar over every page of a packet that does not verify */
  GtkWidget      *unverified_label;
  /* Each page is built when it is first shown, or in idle time after the
   * view's first frame (sb_reviewer_view_get_review_page() and the like
   * build one that is asked for first): until then the stack holds its
   * empty slot, an AdwBin. */
  GtkWidget      *verification_slot;
  GtkWidget      *application_slot;
  GtkWidget      *review_slot;
  GtkWidget      *application_page;  /* SbApplicationPage, or NULL */
  gboolean        application_built; /* all of it (it is built a part at a time) */
  GtkWidget      *review_page;   /* SbReviewWorkPage, or NULL */
  GtkWidget      *changes_page;
  GdkFrameClock  *first_frame_clock;  /* while waiting for the first frame */
  gulong          first_frame_handler;
  guint           build_source;       /* the idle that builds the pages not shown yet */
  char           *pages_message;  /* a PDF: whether its pages show its packet */
  gboolean        pages_ok;

  /* The packet's folder in the attachment cache (its integrity hash), when
   * it has a valid one: removed when the last view of it goes. */
  char           *cache_hash;
  GCancellable   *cancellable;

  /* The review, saved as it is made (sb-reviewer-view-save.c). */
  SbReviewStore  *store;
  char           *store_key;      /* the name of its review in the store: a SHA-256 */
  gpointer        save_line;      /* SaveLine: what is on disk, shared with the writer */
  guint64         changes;        /* changes made in this view */
  guint64         saved;          /* of them, on disk */
  guint           save_source;
  gboolean        writing;
  gboolean        save_again;
  GtkWidget      *save_bar;       /* GtkInfoBar: why the review is not saved, or a review set aside */
  GtkWidget      *save_label;

  /* Who signed (sb-reviewer-view-signatures.c): checked in a worker
   * thread, while signatures_checking is set. */
  GSettings      *settings;
  GCancellable   *signatures_checking;
  GPtrArray      *packet_signatures;  /* SbSignature*, once checked */
  GPtrArray      *pdf_signatures;     /* the PDF's, when read from one */
  char           *signatures_problem; /* why some could not be checked, or NULL */
  char           *trust_dir;          /* the trust folder in force, or NULL */
  SbTrustDirSource trust_source;
  gboolean        signature_required;
  GtkWidget      *verification_page;  /* SbVerificationPage, or NULL */
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
/* What did not verify, one line per check that failed (the PDF's pages
 * and the signatures among them), or NULL when everything verifies.
 * While the signatures are checked, an office that requires them has
 * that as a failure too. */
char                *sb_reviewer_view_dup_failures (SbReviewerView *self);
/* The bar over every page, again: the signatures were checked. */
void                 sb_reviewer_view_update_unverified_bar (SbReviewerView *self);
/* A note was added or removed: the review page lists it, and a table
 * on the application page shows it under its row. */
void                 sb_reviewer_view_notes_changed (SbReviewerView *self);
/* The 审核 page, built now if it was not yet. */
GtkWidget           *sb_reviewer_view_get_review_page (SbReviewerView *self);

/* sb-reviewer-view-save.c: the review from the store (or a new one),
 * autosaved from then on, with the bar that says when it is not. */
SbReview            *sb_reviewer_view_load_review  (SbReviewerView *self,
                                                    gint32          received);
void                 sb_reviewer_view_start_saving (SbReviewerView *self);
void                 sb_reviewer_view_stop_saving  (SbReviewerView *self);
GtkWidget           *sb_reviewer_view_new_save_bar (SbReviewerView *self);

/* sb-reviewer-view-signatures.c: the signatures checked (again, with the
 * preferences as they are now) in a worker thread; the verification
 * page and the bar are told when it is done. */
void                 sb_reviewer_view_check_signatures   (SbReviewerView *self);
void                 sb_reviewer_view_dispose_signatures (SbReviewerView *self);
/* Whether a trusted signature is there, or the office does not ask for one. */
gboolean             sb_reviewer_view_signature_requirement_met (SbReviewerView *self);
/* What the signatures make untrue, one line each, or NULL; while they
 * are checked, that they are when @while_checking and the office
 * requires them. */
char                *sb_reviewer_view_dup_signature_failures (SbReviewerView *self,
                                                              gboolean        while_checking);

G_END_DECLS
