/* sb-reviewer-view-documents.c — the review's PDF documents, made in a worker thread
 *
 * The 一次性告知单 and the 审核意见 are laid out, their fonts subset and
 * the file written: a quarter of a second for a short review, more for
 * one with many notes, too long for the main loop.  The worker renders a
 * copy of the review as it is when Save is pressed, so the reviewer may
 * go on changing it meanwhile; once written, the page shows the file
 * with its actions (Print, Open, Show in Folder, and Sign Digitally… for
 * a document the office issues), and the review file (JSON) once saved
 * with Show in Folder and Sign Digitally….
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-review-work-page.h"
#include "sb-reviewer-view-private.h"

typedef struct {
  SbReview         *review;     /* a copy of the view's */
  SbReviewDocument  document;
  gboolean          as_notice;  /* rendered as the register's notice (or its draft) */
  SbNotice         *notice;     /* as recorded, or NULL: a draft */
  char             *applicant;
  SbCalendar       *calendar;
  GFile            *file;
  GFile            *issued;     /* copied as it is instead, or NULL */
  gboolean          signable;   /* one the office issues, not a draft */
} DocumentJob;

static void
document_job_free (DocumentJob *job)
{
  g_clear_object (&job->review);
  g_clear_pointer (&job->notice, sb_notice_free);
  g_free (job->applicant);
  g_clear_object (&job->calendar);
  g_clear_object (&job->file);
  g_clear_object (&job->issued);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DocumentJob, document_job_free)

/* Everything the worker needs, copied: nothing it reads is the view's. */
static DocumentJob *
document_job_new (SbReviewerView    *self,
                  SbReviewDocument   document,
                  gboolean           as_notice,
                  const SbNotice    *notice,
                  GFile             *file,
                  GError           **error)
{
  g_autoptr(GBytes) bytes = sb_review_to_bytes (self->review);
  g_autoptr(DocumentJob) job = g_new0 (DocumentJob, 1);

  job->review = sb_review_new_from_bytes (sb_review_get_definition (self->review), bytes, error);
  if (job->review == NULL)
    return NULL;
  job->document = document;
  job->as_notice = as_notice;
  job->notice = notice != NULL ? sb_notice_copy (notice) : NULL;
  job->applicant = sb_reviewer_view_dup_applicant (self);
  job->calendar = self->calendar != NULL ? g_object_ref (self->calendar) : NULL;
  job->file = g_object_ref (file);
  /* A notice made from the review alone is a draft, and an opinion that
   * decides nothing is not yet one the office can issue. */
  job->signable = as_notice ? notice != NULL
                            : document == SB_REVIEW_DOCUMENT_OPINION && sb_review_get_decision (self->review) != NULL;
  return g_steal_pointer (&job);
}

/* Renders and writes; touches no widget (a worker thread runs it). */
static gboolean
write_document (DocumentJob  *job,
                GError      **error)
{
  g_autoptr(GBytes) pdf = NULL;

  if (job->issued != NULL)
    {
      pdf = g_file_load_bytes (job->issued, NULL, NULL, error);
      if (pdf == NULL)
        return FALSE;
      return g_file_replace_contents (job->file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL, FALSE,
                                      G_FILE_CREATE_NONE, NULL, NULL, error);
    }
  pdf = job->as_notice ? sb_pdf_render_notice (job->review, job->applicant, job->notice, job->calendar, error)
                       : sb_pdf_render_review (job->review, job->document, job->applicant, error);
  if (pdf == NULL)
    return FALSE;
  return g_file_replace_contents (job->file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
write_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  if (!write_document (task_data, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
show_document (SbReviewerView *self,
               DocumentJob    *job)
{
  /* Printed, looked at or found from the page, as the applicant's PDF. */
  sb_review_work_page_show_document (SB_REVIEW_WORK_PAGE (sb_reviewer_view_get_review_page (self)), job->file,
                                     job->signable);
}

static gboolean
save_now (SbReviewerView    *self,
          SbReviewDocument   document,
          gboolean           as_notice,
          const SbNotice    *notice,
          GFile             *file,
          GError           **error)
{
  g_autoptr(DocumentJob) job = document_job_new (self, document, as_notice, notice, file, error);

  if (job == NULL || !write_document (job, error))
    return FALSE;
  show_document (self, job);
  return TRUE;
}

/* Public API */

gboolean
sb_reviewer_view_save_document (SbReviewerView   *self,
                                SbReviewDocument  document,
                                GFile            *file,
                                GError          **error)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return save_now (self, document, FALSE, NULL, file, error);
}

gboolean
sb_reviewer_view_save_notice (SbReviewerView  *self,
                              const SbNotice  *notice,
                              GFile           *file,
                              GError         **error)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  return save_now (self, SB_REVIEW_DOCUMENT_NOTICE, TRUE, notice, file, error);
}

void
sb_reviewer_view_save_document_async (SbReviewerView      *self,
                                      SbReviewDocument     document,
                                      gboolean             as_notice,
                                      const SbNotice      *notice,
                                      GFile               *file,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  DocumentJob *job;

  g_return_if_fail (SB_IS_REVIEWER_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  /* Not cancelled when the view closes: what was asked for is written. */
  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, sb_reviewer_view_save_document_async);
  job = document_job_new (self, document, as_notice, notice, file, &error);
  if (job == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, job, (GDestroyNotify) document_job_free);
  g_task_run_in_thread (task, write_in_thread);
}

void
sb_reviewer_view_save_issued_async (SbReviewerView      *self,
                                    GFile               *issued,
                                    GFile               *file,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  DocumentJob *job;

  g_return_if_fail (SB_IS_REVIEWER_VIEW (self));
  g_return_if_fail (G_IS_FILE (issued));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, NULL, callback, user_data);
  g_task_set_source_tag (task, sb_reviewer_view_save_document_async);
  job = g_new0 (DocumentJob, 1);
  job->document = SB_REVIEW_DOCUMENT_NOTICE;
  job->as_notice = TRUE;
  job->file = g_object_ref (file);
  job->issued = g_object_ref (issued);
  job->signable = TRUE;
  g_task_set_task_data (task, job, (GDestroyNotify) document_job_free);
  g_task_run_in_thread (task, write_in_thread);
}

gboolean
sb_reviewer_view_save_document_finish (SbReviewerView  *self,
                                       GAsyncResult    *result,
                                       GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  show_document (self, g_task_get_task_data (G_TASK (result)));
  return TRUE;
}

void
sb_reviewer_view_show_review_file (SbReviewerView *self,
                                   GFile          *file)
{
  g_return_if_fail (SB_IS_REVIEWER_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));

  sb_review_work_page_show_review_file (SB_REVIEW_WORK_PAGE (sb_reviewer_view_get_review_page (self)), file,
                                        sb_review_get_decision (self->review) != NULL);
}
