/* sb-window-private.h — what sb-window.c, sb-window-actions.c and
 * sb-window-drafts.c and sb-window-open.c share
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-draft-store.h"
#include "sb-file-store.h"
#include "sb-form-registry.h"
#include "sb-register.h"
#include "sb-window.h"
#include "sb-wizard.h"

G_BEGIN_DECLS

struct _SbWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  SbFormRegistry       *registry;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *back_button;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwPreferencesGroup  *drafts_group;
  AdwPreferencesGroup  *finished_group;
  AdwPreferencesGroup  *recent_group;
  GPtrArray            *recent_rows;
  AdwPreferencesGroup  *procedures_group;
  AdwPreferencesGroup  *problems_group;
  AdwPreferencesPage   *guide_page;
  GPtrArray            *guide_groups;
  GPtrArray            *draft_rows;
  GCancellable         *drafts_listing;   /* while the drafts are read */
  GHashTable           *listed_drafts;    /* id -> SbDraft, as listed */
  GHashTable           *pending_removals; /* ids of drafts set aside for an undo */

  SbDraftStore         *draft_store;
  SbFileStore          *file_store;
  SbCalendar           *calendar;
  SbWizard             *wizard;
  SbReviewerView       *reviewer;
  char                 *guide_form;
  /* The page F1 left for the guide (the wizard, the review), or the page
   * the preferences were opened from, and its
   * title and subtitle: Back returns there. */
  char                 *guide_return[3];

  /* The case register (sb-window-register.c): NULL while it is opened or
   * when it cannot be; the packets opened meanwhile wait in a file
   * (sb-register-queue.h). */
  SbRegister           *case_register;
  GCancellable         *register_opening;
  GtkWidget            *register_page;
  AdwActionRow         *register_row;
  gboolean              reviewer_from_register;
  /* The packet under review waits for its signatures to be checked
   * before it is registered (its file, and the handler waiting). */
  GFile                *registering_file;
  gulong                registering_handler;

  /* A packet read in a worker (sb-window-opening.c): cancelled when
   * another is opened or the person cancels; the page it shows after a
   * moment, and the page to return to. */
  GCancellable         *file_opening;
  gboolean              opening_from_register;
  guint                 opening_page_timeout;
  guint                 opening_pulse;
  GtkWidget            *opening_page;
  GtkWidget            *opening_progress;
  char                 *opening_return[3];
};

/* sb-window.c */
void     sb_window_show_page          (SbWindow       *self,
                                       const char     *name,
                                       const char     *title,
                                       const char     *subtitle);
void     sb_window_open_wizard        (SbWindow       *self,
                                       SbDraft        *draft);
/* Saves the wizard's draft and closes it; leaves it open when the draft
 * cannot be saved. */
void     sb_window_close_wizard       (SbWindow       *self);
void     sb_window_close_reviewer     (SbWindow       *self);
void     sb_window_on_page_toast      (GtkWidget      *page,
                                       AdwToast       *toast,
                                       SbWindow       *self);

/* sb-window-actions.c */
void     sb_window_class_actions_init (GtkWidgetClass *widget_class);

/* sb-window-drafts.c */
void     sb_window_init_drafts        (SbWindow       *self);
void     sb_window_populate_drafts    (SbWindow       *self);
void     sb_window_on_draft_saved     (SbWindow       *self,
                                       const char     *draft_id);
void     sb_window_finish_removals    (SbWindow       *self);
void     sb_window_class_drafts_init  (GtkWidgetClass *widget_class);

/* sb-window-open.c */
void     sb_window_remember_recent    (SbWindow       *self,
                                       GFile          *file);
void     sb_window_explain_open_error (SbWindow       *self,
                                       GFile          *file,
                                       GError         *error);
void     sb_window_init_drop          (SbWindow       *self);
gboolean sb_window_open_review_or_draft (SbWindow     *self,
                                       GFile          *file,
                                       gboolean       *opened);
/* @packet, read from @file (and its PDF's @pages, NULL for a JSON
 * packet), in the reviewer's view. */
gboolean sb_window_show_packet        (SbWindow          *self,
                                       GFile             *file,
                                       SbPacket          *packet,
                                       const SbPageCheck *pages);

/* sb-window-opening.c */
void     sb_window_init_opening       (SbWindow       *self);
void     sb_window_dispose_opening    (SbWindow       *self);
/* @from_register: the register's Open (Back returns to it). */
void     sb_window_open_in_background (SbWindow       *self,
                                       GFile          *file,
                                       gboolean        from_register);

/* sb-window-register.c */
void     sb_window_init_register      (SbWindow       *self);
void     sb_window_dispose_register   (SbWindow       *self);
void     sb_window_class_register_init (GtkWidgetClass *widget_class);
/* Registers the packet under review, opened from @file, as received
 * today, once its signatures are checked: verified when it and its
 * signatures are (later, when the register cannot be reached now: it
 * waits in a file meanwhile). */
void     sb_window_register_reviewed  (SbWindow       *self,
                                       GFile          *file);
/* The review closes: registered now if it still waits for its
 * signatures, on what the integrity checks found. */
void     sb_window_register_reviewed_now (SbWindow    *self);
/* The window closes: the same, into the queue of packets waiting. */
void     sb_window_register_reviewed_on_close (SbWindow *self);
/* The case beside the review (SbCaseGroup), or NULL. */
gpointer sb_window_get_case_group     (SbWindow       *self);

G_END_DECLS
