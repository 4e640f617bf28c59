/* sb-reviewer-view-save.c — the review, saved as it is made
 *
 * Every change the reviewer records (the review's "changed") is written to
 * the review store under the packet's integrity hash a second after the
 * first change not yet saved: changes within that second go in one write,
 * and a kill loses at most that second.  The write runs in a worker
 * thread; closing the view writes what is left and waits.  A write that
 * fails is shown in a bar that stays until one succeeds, the review stays
 * in memory, and writing is tried again a few seconds later and with each
 * change.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-reviewer-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-reviewer-view-private.h"

#define SAVE_AFTER_MS  1000
#define RETRY_AFTER_MS 5000

/* What is on disk, shared between the view and its writers: a later
 * change written first is never replaced by an earlier one. */
typedef struct {
  GMutex  lock;
  guint64 on_disk;
} SaveLine;

typedef struct {
  GWeakRef       view;   /* closing must not wait for the write to be disposed */
  SaveLine      *line;
  SbReviewStore *store;
  char          *hash;
  GBytes        *bytes;
  guint64        changes;
} SaveJob;

/* Auxiliary functions */

static void
save_line_clear (gpointer data)
{
  g_mutex_clear (&((SaveLine *) data)->lock);
}

static void
save_line_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, save_line_clear);
}

static void
save_job_free (SaveJob *job)
{
  g_weak_ref_clear (&job->view);
  save_line_release (job->line);
  g_object_unref (job->store);
  g_free (job->hash);
  g_bytes_unref (job->bytes);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

/* The review as it is now, taken on the main thread where it changes. */
static SaveJob *
save_job_new (SbReviewerView *self)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  g_weak_ref_init (&job->view, self);
  job->line = g_atomic_rc_box_acquire (self->save_line);
  job->store = g_object_ref (self->store);
  job->hash = g_strdup (self->store_key);
  job->bytes = sb_review_to_bytes (self->review);
  job->changes = self->changes;
  return job;
}

static gboolean
save_job_run (SaveJob  *job,
              GError  **error)
{
  gboolean ok = TRUE;

  g_mutex_lock (&job->line->lock);
  if (job->changes > job->line->on_disk)
    {
      ok = sb_review_store_write (job->store, job->hash, job->bytes, error);
      if (ok)
        job->line->on_disk = job->changes;
    }
  g_mutex_unlock (&job->line->lock);
  return ok;
}

static void
save_job_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;

  if (save_job_run (task_data, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* A bar rather than a toast: it stays while the work is unsaved, or until
 * the reviewer has read that an earlier review was set aside. */
static void
show_save_problem (SbReviewerView *self,
                   const char     *title,
                   const char     *reason,
                   const char     *what_now)
{
  if (reason != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", title, reason, what_now);

      gtk_label_set_markup (GTK_LABEL (self->save_label), markup);
    }
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->save_bar), reason != NULL);
}

static void
show_unsaved (SbReviewerView *self,
              const char     *reason)
{
  gtk_info_bar_set_message_type (GTK_INFO_BAR (self->save_bar), GTK_MESSAGE_ERROR);
  gtk_info_bar_set_show_close_button (GTK_INFO_BAR (self->save_bar), FALSE);
  show_save_problem (self, _("Your Review Is Not Saved"), reason,
                     _("It stays in this window; saving is tried again every few seconds, with each change, "
                       "or now with Try Again."));
}

static void schedule_save (SbReviewerView *self,
                           guint           delay_ms);

static void save_in_background (SbReviewerView *self);

static void
on_save_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(SbReviewerView) self = g_weak_ref_get (&job->view);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->store == NULL)
    return;  /* closed: its last change was written then */
  self->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      self->save_again = FALSE;
      show_unsaved (self, error->message);
      schedule_save (self, RETRY_AFTER_MS);
      return;
    }

  self->saved = MAX (self->saved, job->changes);
  if (self->saved == self->changes && gtk_info_bar_get_message_type (GTK_INFO_BAR (self->save_bar)) == GTK_MESSAGE_ERROR)
    show_save_problem (self, NULL, NULL, NULL);
  if (self->save_again)
    {
      self->save_again = FALSE;
      schedule_save (self, SAVE_AFTER_MS);
    }
}

static void
save_in_background (SbReviewerView *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->saved == self->changes)
    return;
  /* One write at a time; what changed meanwhile follows it. */
  if (self->writing)
    {
      self->save_again = TRUE;
      return;
    }

  self->writing = TRUE;
  task = g_task_new (NULL, NULL, on_save_written, NULL);
  g_task_set_source_tag (task, save_in_background);
  g_task_set_task_data (task, save_job_new (self), (GDestroyNotify) save_job_free);
  g_task_run_in_thread (task, save_job_thread);
}

static gboolean
on_save_timeout (gpointer user_data)
{
  SbReviewerView *self = user_data;

  self->save_source = 0;
  save_in_background (self);
  return G_SOURCE_REMOVE;
}

/* The first unsaved change sets the time; later ones wait for it, so at
 * most one write a second. */
static void
schedule_save (SbReviewerView *self,
               guint           delay_ms)
{
  if (self->save_source == 0)
    self->save_source = g_timeout_add (delay_ms, on_save_timeout, self);
}

/* Callbacks */

static void
on_review_changed (SbReview       *review,
                   SbReviewerView *self)
{
  self->changes++;
  schedule_save (self, SAVE_AFTER_MS);
}

static void
on_save_bar_response (GtkInfoBar     *bar,
                      int             response,
                      SbReviewerView *self)
{
  if (response == GTK_RESPONSE_CLOSE)
    {
      show_save_problem (self, NULL, NULL, NULL);
      return;
    }
  sb_reviewer_view_save_now (self, NULL);
}

/* Shared with the view (sb-reviewer-view-private.h) */

GtkWidget *
sb_reviewer_view_new_save_bar (SbReviewerView *self)
{
  GtkWidget *bar = gtk_info_bar_new ();

  self->save_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->save_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (self->save_label), 0);
  gtk_info_bar_add_child (GTK_INFO_BAR (bar), self->save_label);
  gtk_info_bar_add_button (GTK_INFO_BAR (bar), _("_Try Again"), GTK_RESPONSE_ACCEPT);
  gtk_info_bar_set_revealed (GTK_INFO_BAR (bar), FALSE);
  g_signal_connect (bar, "response", G_CALLBACK (on_save_bar_response), self);
  self->save_bar = bar;
  return bar;
}

SbReview *
sb_reviewer_view_load_review (SbReviewerView *self,
                              gint32          received)
{
  SbPacket *packet = self->packet;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  SbReview *review;

  self->store = sb_review_store_new_default ();
  self->save_line = g_atomic_rc_box_new0 (SaveLine);
  g_mutex_init (&((SaveLine *) self->save_line)->lock);

  /* A packet that does not verify claims a hash its content does not
   * have, often the hash of the genuine packet: its review is kept under
   * the hash of the file as it came, so it never shares the genuine
   * packet's review. */
  if (sb_reviewer_view_is_verified (self))
    hash = g_strdup (sb_packet_get_integrity_hash (packet));
  else
    {
      g_autoptr(GBytes) bytes = g_file_load_bytes (self->source, NULL, NULL, NULL);

      hash = bytes ? g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes) : NULL;
    }
  self->store_key = g_strdup (hash);
  review = hash ? sb_review_store_load (self->store, sb_packet_get_definition (packet), hash, &error) : NULL;
  if (error != NULL)
    {
      gtk_info_bar_set_message_type (GTK_INFO_BAR (self->save_bar), GTK_MESSAGE_WARNING);
      gtk_info_bar_set_show_close_button (GTK_INFO_BAR (self->save_bar), TRUE);
      show_save_problem (self, _("The Saved Review Could Not Be Read"), error->message,
                         _("This packet's review starts again; nothing was deleted."));
    }
  if (review == NULL)
    review = sb_review_new (sb_packet_get_definition (packet), sb_packet_get_reference (packet),
                            hash ? hash : sb_packet_get_integrity_hash (packet), received);
  return review;
}

void
sb_reviewer_view_start_saving (SbReviewerView *self)
{
  g_signal_connect_object (self->review, "changed", G_CALLBACK (on_review_changed), self, 0);
}

/* The last change goes to disk before the view does. */
void
sb_reviewer_view_stop_saving (SbReviewerView *self)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!sb_reviewer_view_save_now (self, &error))
    g_warning ("The review's last changes were not saved: %s", error->message);
  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_object (&self->store);
  g_clear_pointer (&self->store_key, g_free);
  g_clear_pointer (&self->save_line, save_line_release);
}

/* Public API */

gboolean
sb_reviewer_view_save_now (SbReviewerView  *self,
                           GError         **error)
{
  g_autoptr(SaveJob) job = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (self), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  if (self->store == NULL || self->saved == self->changes)
    return TRUE;

  /* After any write still running: the line's lock orders them. */
  job = save_job_new (self);
  if (!save_job_run (job, &local_error))
    {
      show_unsaved (self, local_error->message);
      schedule_save (self, RETRY_AFTER_MS);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  self->saved = self->changes;
  if (gtk_info_bar_get_message_type (GTK_INFO_BAR (self->save_bar)) == GTK_MESSAGE_ERROR)
    show_save_problem (self, NULL, NULL, NULL);
  return TRUE;
}
