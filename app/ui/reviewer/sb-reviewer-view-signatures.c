/* sb-reviewer-view-signatures.c — who signed the packet, checked in a worker thread
 *
 * The packet's own signatures, and the PDF's when the packet was read
 * from one, checked against the office's trust folder (the one place
 * that decides which: sb_signature_choose_trust_dir()).  Checking reads
 * certificates and hashes the whole packet or PDF, so it runs in a
 * worker thread; the 核验 page shows a spinner until it is done.
 *
 * What a signature proves decides what the view may claim: one that
 * does not match, or whose certificate was not valid when it signed,
 * says something untrue about the packet, which then does not verify.
 * An unsigned packet, or one only an unknown issuer signed, is accepted,
 * unless the office requires signed packets (a preference): then it is
 * treated as a packet that does not verify, on every page and when it is
 * approved (sb_reviewer_view_dup_failures()).  The preferences are read
 * again, and the signatures checked again, whenever they change.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-reviewer-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-packet-signatures.h"
#include "sb-pdf-sign.h"
#include "sb-reviewer-view-private.h"
#include "sb-verification-page.h"

/* What a worker checks, and what it found. */
typedef struct {
  SbPacket  *packet;
  GFile     *source;
  gboolean   from_pdf;
  char      *trust_dir;

  GPtrArray *packet_signatures;
  GPtrArray *pdf_signatures;
  char      *problem;
} SignatureJob;

/* Auxiliary functions */

static void
signature_job_free (SignatureJob *job)
{
  g_object_unref (job->packet);
  g_object_unref (job->source);
  g_free (job->trust_dir);
  g_clear_pointer (&job->packet_signatures, g_ptr_array_unref);
  g_clear_pointer (&job->pdf_signatures, g_ptr_array_unref);
  g_free (job->problem);
  g_free (job);
}

static void
clear_results (SbReviewerView *self)
{
  g_clear_pointer (&self->packet_signatures, g_ptr_array_unref);
  g_clear_pointer (&self->pdf_signatures, g_ptr_array_unref);
  g_clear_pointer (&self->signatures_problem, g_free);
}

static gboolean
any_trusted (GPtrArray *signatures)
{
  for (guint i = 0; signatures != NULL && i < signatures->len; i++)
    if (((SbSignature *) g_ptr_array_index (signatures, i))->status == SB_SIGNATURE_TRUSTED)
      return TRUE;
  return FALSE;
}

static void
append_failures (GString    *failures,
                 GPtrArray  *signatures,
                 gboolean    of_pdf)
{
  for (guint i = 0; signatures != NULL && i < signatures->len; i++)
    {
      SbSignature *signature = g_ptr_array_index (signatures, i);
      g_autofree char *text = NULL;

      if (!sb_signature_status_fails (signature->status))
        continue;
      text = sb_signature_describe (signature);
      if (failures->len > 0)
        g_string_append_c (failures, '\n');
      if (of_pdf)
        g_string_append_printf (failures, _("The PDF’s signature: %s"), text);
      else
        g_string_append_printf (failures, _("The packet’s signature: %s"), text);
    }
}

static void
check_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  SignatureJob *job = task_data;
  g_autoptr(GError) error = NULL;

  job->packet_signatures = sb_packet_verify_signatures (job->packet, job->trust_dir, &error);
  if (job->packet_signatures == NULL)
    {
      job->problem = g_strdup (error->message);
      job->packet_signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_signature_free);
      g_clear_error (&error);
    }

  if (job->from_pdf)
    {
      g_autoptr(GBytes) pdf = g_file_load_bytes (job->source, cancellable, NULL, &error);
      g_autoptr(GPtrArray) found = pdf != NULL ? sb_pdf_read_signatures (pdf, job->trust_dir, &error) : NULL;

      job->pdf_signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_signature_free);
      for (guint i = 0; found != NULL && i < found->len; i++)
        g_ptr_array_add (job->pdf_signatures, g_steal_pointer (&((SbPdfSignature *) g_ptr_array_index (found, i))->signature));
      /* The pages check says what is wrong with such a PDF; here only
       * that its signatures cannot be shown. */
      if (found == NULL && job->problem == NULL)
        job->problem = g_strdup (error->message);
    }

  if (g_task_return_error_if_cancelled (task))
    return;
  g_task_return_boolean (task, TRUE);
}

static void
on_signatures_checked (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  SbReviewerView *self = SB_REVIEWER_VIEW (source);
  SignatureJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* Cancelled: the view closed, or a newer check replaced this one. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    return;

  g_clear_object (&self->signatures_checking);
  self->packet_signatures = g_steal_pointer (&job->packet_signatures);
  self->pdf_signatures = g_steal_pointer (&job->pdf_signatures);
  self->signatures_problem = g_steal_pointer (&job->problem);

  sb_reviewer_view_update_unverified_bar (self);
  if (self->verification_page != NULL)
    sb_verification_page_show_signatures (SB_VERIFICATION_PAGE (self->verification_page));
  g_signal_emit_by_name (self, "signatures-checked");
}

static void
on_settings_changed (GSettings      *settings,
                     const char     *key,
                     SbReviewerView *self)
{
  if (g_str_equal (key, "trust-folder") || g_str_equal (key, "require-signatures"))
    sb_reviewer_view_check_signatures (self);
}

/* Private API */

void
sb_reviewer_view_check_signatures (SbReviewerView *self)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *preference = NULL;
  SignatureJob *job;

  if (self->settings == NULL)
    {
      self->settings = g_settings_new (BASE_APP_ID);
      g_signal_connect_object (self->settings, "changed", G_CALLBACK (on_settings_changed), self, 0);
    }

  if (self->signatures_checking != NULL)
    g_cancellable_cancel (self->signatures_checking);
  g_clear_object (&self->signatures_checking);
  clear_results (self);

  preference = g_settings_get_string (self->settings, "trust-folder");
  g_free (self->trust_dir);
  self->trust_dir = g_strdup (sb_signature_choose_trust_dir (preference, &self->trust_source));
  self->signature_required = g_settings_get_boolean (self->settings, "require-signatures");

  job = g_new0 (SignatureJob, 1);
  job->packet = g_object_ref (self->packet);
  job->source = g_object_ref (self->source);
  job->from_pdf = self->from_pdf;
  job->trust_dir = g_strdup (self->trust_dir);

  self->signatures_checking = g_cancellable_new ();
  task = g_task_new (self, self->signatures_checking, on_signatures_checked, NULL);
  g_task_set_source_tag (task, sb_reviewer_view_check_signatures);
  g_task_set_task_data (task, job, (GDestroyNotify) signature_job_free);
  g_task_run_in_thread (task, check_in_thread);

  if (self->unverified_bar != NULL)
    sb_reviewer_view_update_unverified_bar (self);
  if (self->verification_page != NULL)
    sb_verification_page_show_signatures (SB_VERIFICATION_PAGE (self->verification_page));
}

void
sb_reviewer_view_dispose_signatures (SbReviewerView *self)
{
  if (self->signatures_checking != NULL)
    g_cancellable_cancel (self->signatures_checking);
  g_clear_object (&self->signatures_checking);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_object (&self->settings);
  clear_results (self);
  g_clear_pointer (&self->trust_dir, g_free);
}

gboolean
sb_reviewer_view_signature_requirement_met (SbReviewerView *self)
{
  return !self->signature_required || any_trusted (self->packet_signatures) || any_trusted (self->pdf_signatures);
}

char *
sb_reviewer_view_dup_signature_failures (SbReviewerView *self,
                                         gboolean        while_checking)
{
  g_autoptr(GString) failures = g_string_new (NULL);

  if (self->signatures_checking != NULL)
    return self->signature_required && while_checking
      ? g_strdup (_("The signatures are still being checked, and this office requires signed packets."))
      : NULL;

  append_failures (failures, self->packet_signatures, FALSE);
  append_failures (failures, self->pdf_signatures, TRUE);
  if (!sb_reviewer_view_signature_requirement_met (self))
    {
      gboolean unsigned_ = (self->packet_signatures == NULL || self->packet_signatures->len == 0) &&
                           (self->pdf_signatures == NULL || self->pdf_signatures->len == 0);

      if (failures->len > 0)
        g_string_append_c (failures, '\n');
      g_string_append (failures, unsigned_
                         ? _("This office requires signed packets, and this one is unsigned.")
                         : _("This office requires signed packets, and no signature on this one is by a certificate "
                             "that a certificate authority in the trust folder issued."));
    }
  return failures->len > 0 ? g_string_free (g_steal_pointer (&failures), FALSE) : NULL;
}

/* Public API */

char *
sb_reviewer_view_dup_signature_problem (SbReviewerView *self)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), NULL);

  return sb_reviewer_view_dup_signature_failures (self, FALSE);
}

gboolean
sb_reviewer_view_is_checking_signatures (SbReviewerView *self)
{
  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), FALSE);

  return self->signatures_checking != NULL;
}
