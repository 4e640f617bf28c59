/* sb-wizard-private.h — between sb-wizard.c (navigation and steps),
 * sb-wizard-pages.c (the step pages made from the definition),
 * sb-wizard-save.c (the draft's autosave) and sb-wizard-finish.c (the
 * review page and finishing)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-finish-job.h"
#include "sb-validator.h"
#include "sb-wizard.h"

G_BEGIN_DECLS

typedef enum {
  STEP_NOT_STARTED,
  STEP_IN_PROGRESS,
  STEP_HAS_PROBLEMS,
  STEP_COMPLETE,
} StepStatus;

typedef struct {
  SbStep    *step;
  GtkWidget *page;          /* in the stack */
  GtkWidget *summary;       /* the error summary at the top */
  GtkWidget *summary_list;
  GtkWidget *fields;        /* GtkListBox of SbFieldRow / SbTableEditor */
  GtkWidget *sidebar_row;
  GtkWidget *title_label;
  GtkWidget *status_icon;
  GtkWidget *status_label;
  gboolean   visited;       /* Next was pressed on it, or it was reviewed */
  StepStatus status;
} StepPage;

/* Writes in flight may finish after the wizard is gone, and the last save
 * on closing may start while one is still running: the lock orders them,
 * and a write older than what is on disk is skipped, so an earlier
 * version never replaces a later one. */
typedef struct {
  GMutex   lock;
  guint64  on_disk;   /* the change count of the bytes last written */
} SaveLine;

struct _SbWizard
{
  AdwBin              parent_instance;

  SbDraft            *draft;
  SbDraftStore       *store;
  SbFileStore        *files;
  SbCalendar         *calendar;
  SbAnswers          *answers;       /* the draft's */
  SbFormDefinition   *definition;
  SbValidationReport *report;

  GPtrArray          *pages;         /* StepPage* */
  GHashTable         *widgets;       /* field id -> SbFieldRow / SbTableEditor */
  GHashTable         *touched;       /* field ids checked so far */
  StepPage           *current;       /* NULL on the review and result pages */
  gboolean            insisted;      /* Next pressed once on a step with errors */
  gboolean            return_to_review;

  GtkWidget          *leaflet;
  GtkWidget          *sidebar_list;
  GtkWidget          *review_row;
  GtkWidget          *progress_bar;
  GtkWidget          *progress_label;
  GtkWidget          *stack;
  GtkWidget          *back_button;
  GtkWidget          *next_button;
  GtkWidget          *return_button;
  GtkWidget          *steps_button;
  GtkWidget          *action_bar;
  GtkWidget          *review_page;
  GtkWidget          *result_page;
  GtkWidget          *signature_row;       /* on the result page: who signed, or Sign Digitally… */
  GtkWidget          *sign_button;
  GtkWidget          *signer_sheet;        /* SbSignerSheet over the result page, while shown */
  SbFinishJob        *finished;            /* what the result page shows */
  GtkWidget          *save_problem;        /* GtkInfoBar, shown while the draft is not saved */
  GtkWidget          *save_problem_label;
  GtkWidget          *review_issuer;       /* GtkInfoBar: who issued the review file opened */
  GtkWidget          *review_issuer_label;

  GPtrArray          *review_notes;  /* SbFinding* made from a review's notes */

  guint               save_source;         /* the pause after a change */
  guint               save_deadline;       /* the latest moment to save the first unsaved change */
  SaveLine           *save_line;
  guint64             changes;             /* changes made so far… */
  guint64             saved;               /* …and how many of them are on disk */
  gboolean            writing;             /* a write runs in a worker thread */
  gboolean            save_again;          /* the deadline passed during that write */
  gboolean            confirm_save;        /* Ctrl+S: say "Saved" once it is on disk */
  guint               revalidate_source;
  gboolean            finishing;     /* the PDF is being written */
  gboolean            read_only;     /* a finished application, looked at */
};

/* sb-wizard.c */
/* "staff[].name" -> "staff" */
char     *sb_wizard_top_field        (const char *path);
void      sb_wizard_add_toast        (SbWizard   *self,
                                      AdwToast   *toast);
/* A toast of @text (Pango markup) for six seconds. */
void      sb_wizard_toast            (SbWizard   *self,
                                      const char *text);
void      sb_wizard_show_error       (SbWizard   *self,
                                      const char *heading,
                                      const char *body);
void      sb_wizard_revalidate       (SbWizard   *self);
/* After only the answer to @field_id (a top-level field) changed, as at
 * each keystroke: sb_revalidate() from the report shown. */
void      sb_wizard_revalidate_field (SbWizard   *self,
                                      const char *field_id);
gboolean  sb_wizard_step_is_visible  (SbWizard   *self,
                                      StepPage   *page);
void      sb_wizard_update_buttons   (SbWizard   *self);

/* sb-wizard-pages.c */
GtkWidget *sb_wizard_build_step_page   (SbWizard   *self,
                                        StepPage   *page,
                                        guint       index);
void       sb_wizard_show_step_read_only (SbWizard *self,
                                          StepPage *page);
GtkWidget *sb_wizard_build_sidebar_row (StepPage   *page,
                                        guint       number,
                                        const char *title);

SbWizard *sb_wizard_find_shown       (const char *draft_id);

/* sb-wizard-save.c */
void      sb_wizard_save_line_clear  (gpointer    data);
gboolean  sb_wizard_save_draft       (SbWizard   *self,
                                      GError    **error);
void      sb_wizard_schedule_save    (SbWizard   *self);
void      sb_wizard_save_and_confirm (SbWizard   *self);
void      sb_wizard_on_save_problem_response (GtkInfoBar *bar,
                                              int         response,
                                              SbWizard   *self);

/* sb-wizard-finish.c */
void      sb_wizard_add_review_page  (SbWizard   *self);
void      sb_wizard_build_review     (SbWizard   *self);
void      sb_wizard_set_review_read_only (SbWizard *self);
/* "wizard.sign": the signer sheet over the result page. */
void      sb_wizard_sign_action      (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter);

G_END_DECLS
