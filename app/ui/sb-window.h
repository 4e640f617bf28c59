/* sb-window.h
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-application.h"
#include "sb-reviewer-view.h"
#include "sb-wizard.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())
G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow *sb_window_new         (SbApplication *application);
/* Shows the guide of the procedure @form_id; FALSE if it is not installed. */
gboolean  sb_window_show_guide  (SbWindow      *self,
                                 const char    *form_id);

/* Opens @draft in the wizard (what choosing it on the start page does). */
void      sb_window_open_draft  (SbWindow      *self,
                                 SbDraft       *draft);
/* Opens a packet (JSON, or a PDF carrying one) in the reviewer's view;
 * a file that cannot be used is explained in a dialog.  FALSE then.  A
 * review file opens its draft; a draft file is imported only if the
 * person says so in the dialog this shows (TRUE: the question is asked). */
gboolean  sb_window_open_file   (SbWindow      *self,
                                 GFile         *file);
/* Opens @file as sb_window_open_file() does, a packet read in a worker
 * thread (sb-window-opening.c): the window stays live, after a moment a
 * page says what is being opened (with Cancel), and a file that cannot
 * be used is explained then.  The file chooser, the recent files, a
 * drop and the command line open files this way. */
void      sb_window_open_file_in_background (SbWindow *self,
                                             GFile    *file);
/* TRUE while a packet is read in the background. */
gboolean  sb_window_is_opening_file  (SbWindow    *self);
/* Stops waiting for it: back on the page it was opened from. */
void      sb_window_cancel_opening   (SbWindow    *self);
/* Imports a draft exported elsewhere and opens it (a copy with a new id
 * when this computer has it already). */
gboolean  sb_window_import_draft (SbWindow     *self,
                                  GFile        *file);
/* Shows, in the reviewer's view, what changed since @file, an earlier
 * packet of the same application. */
gboolean  sb_window_compare_with (SbWindow     *self,
                                  GFile        *file);
/* The reviewer's view of the open packet, or NULL. */
SbReviewerView *sb_window_get_reviewer_view (SbWindow *self);
/* TRUE while the start page's drafts are still being read. */
gboolean  sb_window_is_listing_drafts (SbWindow    *self);
gboolean  sb_window_is_opening_register (SbWindow  *self);
/* The open application's wizard, or NULL on the start and guide pages. */
SbWizard *sb_window_get_wizard  (SbWindow      *self);

G_END_DECLS
