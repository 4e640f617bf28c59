/* sb-wizard.h — the way through one application, step by step
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-calendar.h"
#include "sb-draft-store.h"
#include "sb-draft.h"
#include "sb-file-store.h"
#include "sb-review.h"

G_BEGIN_DECLS

#define SB_TYPE_WIZARD (sb_wizard_get_type ())
G_DECLARE_FINAL_TYPE (SbWizard, sb_wizard, SB, WIZARD, AdwBin)

/* A wizard over @draft: a page per visible step, then the review page.
 * Every change is saved to @store within a second, even while typing goes
 * on (written in a worker thread); attached files are kept in
 * @files.  Signals:
 *   toast (AdwToast *toast)    something to tell the person briefly (sb-toast.h)
 *   closed ()                  the person went back to the start page */
SbWizard *sb_wizard_new           (SbDraft       *draft,
                                   SbDraftStore  *store,
                                   SbFileStore   *files,
                                   SbCalendar    *calendar);
SbDraft  *sb_wizard_get_draft     (SbWizard      *self);
/* Writes a pending change now (before closing).  FALSE with @error when
 * the disk refused it; the draft in memory is unchanged. */
gboolean  sb_wizard_save_now      (SbWizard      *self,
                                   GError       **error);
/* Goes to the step of @field_id and puts the focus on it. */
void      sb_wizard_show_field    (SbWizard      *self,
                                   const char    *field_id);
/* The row or table editor of @field_id (for tests and the reviewer's
 * links), or NULL. */
GtkWidget *sb_wizard_get_field_widget (SbWizard   *self,
                                       const char *field_id);
/* Presses Next, as the person would. */
void      sb_wizard_next          (SbWizard      *self);
/* TRUE while the error summary of the current step is shown. */
gboolean  sb_wizard_shows_problems (SbWizard     *self);

/* TRUE when no error fires and every warning has an explanation. */
gboolean  sb_wizard_can_finish    (SbWizard      *self);
/* Writes REFERENCE.sbpkt.json and REFERENCE.pdf into @folder and shows
 * the result page (what the Finish button does after its folder dialog). */
gboolean  sb_wizard_finish_into   (SbWizard      *self,
                                   GFile         *folder,
                                   GError       **error);
/* The same without waiting: the packet is built and saved and its PDF
 * rendered in worker threads, as after the Finish button's dialog; the
 * window shows the finishing state until sb_wizard_is_finishing() is
 * FALSE again. */
void      sb_wizard_finish_in_background (SbWizard *self,
                                          GFile    *folder);
gboolean  sb_wizard_is_finishing  (SbWizard      *self);

/* Shows the corrections @review asks for under their fields and goes to
 * the first of them.  Returns how many are about fields. */
guint     sb_wizard_set_review    (SbWizard      *self,
                                   SbReview      *review);

/* Says who issued the review file shown (sb_wizard_set_review()) in a
 * bar above the steps: @heading in bold, then @text; @heading NULL hides
 * it.  @type GTK_MESSAGE_ERROR for a review whose signature claims
 * something untrue, WARNING when nothing shows who issued it. */
void      sb_wizard_show_review_issuer (SbWizard       *self,
                                        const char     *heading,
                                        const char     *text,
                                        GtkMessageType  type);
/* What that bar says now (heading and text), or NULL when hidden; for
 * tests and screen readers. */
char     *sb_wizard_dup_review_issuer  (SbWizard       *self,
                                        GtkMessageType *type);

/* Goes to the review page ("check your answers"). */
void      sb_wizard_show_review   (SbWizard      *self);

/* Shows a finished application read-only: its review page with
 * "New Application Based on This" (win.new-from-draft) instead of Finish,
 * and its fields insensitive. */
void      sb_wizard_set_read_only (SbWizard      *self);
gboolean  sb_wizard_is_read_only  (SbWizard      *self);

G_END_DECLS
