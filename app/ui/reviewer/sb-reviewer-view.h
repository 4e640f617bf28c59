/* sb-reviewer-view.h — a submitted packet, as the reviewing office sees it
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-calendar.h"
#include "sb-packet.h"
#include "sb-pdf-review.h"
#include "sb-review.h"

G_BEGIN_DECLS

#define SB_TYPE_REVIEWER_VIEW (sb_reviewer_view_get_type ())
G_DECLARE_FINAL_TYPE (SbReviewerView, sb_reviewer_view, SB, REVIEWER_VIEW, AdwBin)

/* The verification of @packet (read from @source, a PDF when @from_pdf),
 * every answer read-only with the rules as computed now, and the review
 * work: checklist, notes, decision, deadlines counted from @received (a
 * Julian day), the one-time notice and the opinion.  Signals:
 *   toast (AdwToast *toast)             its text Pango markup, escaped (sb-toast.h)
 *   launch (const char *uri, GError **error) -> gboolean
 *       hands a file of the packet, copied into the attachment cache, to
 *       another application; a handler returning TRUE has done it (or
 *       set @error).  Emitted only for a packet that verifies (and whose
 *       PDF pages show it), and a file whose bytes are of its declared
 *       type and whose name is not a program's. */
SbReviewerView *sb_reviewer_view_new            (SbPacket        *packet,
                                                 GFile           *source,
                                                 gboolean         from_pdf,
                                                 gint32           received,
                                                 SbCalendar      *calendar);
/* What sb_pdf_verify_pages() found of a PDF's pages, asked in a worker
 * thread beforehand (comparing them with a fresh render takes long). */
typedef struct {
  gboolean  ok;
  char     *message;
} SbPageCheck;
/* The same, with @pages already checked (NULL: the packet was not read
 * from a PDF). */
SbReviewerView *sb_reviewer_view_new_checked    (SbPacket          *packet,
                                                 GFile             *source,
                                                 const SbPageCheck *pages,
                                                 gint32             received,
                                                 SbCalendar        *calendar);
SbPacket       *sb_reviewer_view_get_packet     (SbReviewerView  *self);
/* Whether what was opened verifies: the packet, and for a PDF its pages
 * and structure too (sb_pdf_verify_pages()). */
gboolean        sb_reviewer_view_is_verified    (SbReviewerView  *self);
SbReview       *sb_reviewer_view_get_review     (SbReviewerView  *self);
/* Whether every page is built: the pages not shown are built in idle
 * time once the one shown is on the screen (tests wait for it). */
gboolean        sb_reviewer_view_is_built       (SbReviewerView  *self);
/* Whether the signatures are still being checked (in a worker thread);
 * the signal signatures-checked () says when they have been (again,
 * each time the trust preferences change). */
gboolean        sb_reviewer_view_is_checking_signatures (SbReviewerView *self);
/* What the signatures make untrue of the packet (one that does not
 * match, a certificate not valid then, none trusted when the office
 * requires one), one line each; NULL when nothing, or while checking. */
char           *sb_reviewer_view_dup_signature_problem  (SbReviewerView *self);
/* The applicant's name for headings (the summary fields). */
char           *sb_reviewer_view_dup_applicant  (SbReviewerView  *self);
/* Writes the review JSON, or one of its PDF documents, to @file. */
gboolean        sb_reviewer_view_save_review    (SbReviewerView  *self,
                                                 GFile           *file,
                                                 GError         **error);
gboolean        sb_reviewer_view_save_document  (SbReviewerView  *self,
                                                 SbReviewDocument document,
                                                 GFile           *file,
                                                 GError         **error);
/* The one-time notice as the register recorded @notice, its period's end
 * counted by the view's calendar; @notice NULL: a draft (as
 * sb_reviewer_view_save_document() writes it). */
gboolean        sb_reviewer_view_save_notice    (SbReviewerView  *self,
                                                 const SbNotice  *notice,
                                                 GFile           *file,
                                                 GError         **error);
/* Either of the two, made and written in a worker thread from the review
 * as it is now (@as_notice: sb_reviewer_view_save_notice()'s, with
 * @notice); _finish shows the file on the review page, as they do. */
void            sb_reviewer_view_save_document_async  (SbReviewerView      *self,
                                                       SbReviewDocument     document,
                                                       gboolean             as_notice,
                                                       const SbNotice      *notice,
                                                       GFile               *file,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean        sb_reviewer_view_save_document_finish (SbReviewerView      *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
/* The notice as the office issued it: the bytes of @issued (the case's
 * copy of the notice's PDF, signed if it was) written to @file in a
 * worker thread, not made again; finished with
 * sb_reviewer_view_save_document_finish(), which shows it as the others. */
void            sb_reviewer_view_save_issued_async    (SbReviewerView      *self,
                                                       GFile               *issued,
                                                       GFile               *file,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
/* Shows the review file just written to @file on the review page, with
 * Sign Digitally… when the review records a decision (one that decides
 * nothing is not yet one the office issues, as for the 审核意见). */
void            sb_reviewer_view_show_review_file     (SbReviewerView      *self,
                                                       GFile               *file);

/* Writes the review's last changes to the review store now (closing the
 * view); FALSE with @error when that failed, and the view's bar says so. */
gboolean        sb_reviewer_view_save_now       (SbReviewerView  *self,
                                                 GError         **error);
/* The view switcher for the window's header bar (AdwViewSwitcherTitle):
 * the view shows its bottom switcher bar when this one shows the title. */
GtkWidget      *sb_reviewer_view_get_title_widget (SbReviewerView *self);

/* Removes, in a worker thread, the copies of attached files that earlier
 * runs left in the cache (a crash) more than a day ago.  For start-up. */
void            sb_reviewer_view_sweep_cache    (void);

/* Adds @group (the case in the register) at the end of the review page. */
void            sb_reviewer_view_add_review_group (SbReviewerView    *self,
                                                   AdwPreferencesGroup *group);

/* Adds (or replaces) a page with every answer that changed since
 * @earlier, an earlier packet of the same application, and shows it. */
void            sb_reviewer_view_show_changes   (SbReviewerView  *self,
                                                 SbPacket        *earlier);

G_END_DECLS
