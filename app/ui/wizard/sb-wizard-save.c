/* sb-wizard-save.c — the wizard's draft, saved as it is typed
 *
 * Every change is saved within a second, even while typing goes on, in a
 * worker thread; closing the window writes the last change and waits for
 * it.  A failure is shown in a bar above the page until a save succeeds.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-date.h"
#include "sb-wizard-private.h"

/* When the draft is written: after a short pause in typing, and at the
 * latest a second after the first change not yet saved, however fast the
 * typing goes on (a debounce with a maximum wait).  A kill or a power cut
 * then loses at most about the last second. */
#define SAVE_PAUSE_MS    300
#define SAVE_MAX_WAIT_MS 1000

typedef struct {
  GWeakRef      wizard;  /* not a strong one: closing must not wait for the write to be disposed */
  SaveLine     *line;
  SbDraftStore *store;
  char         *id;
  JsonNode     *tree;    /* the draft as it was, written out by whoever runs the job */
  guint64       changes;
} SaveJob;

/* Auxiliary functions */

/* Shows why the draft could not be saved, until a save succeeds (@reason
 * NULL).  A bar rather than a toast: it stays while the work is unsaved. */
static void
show_save_problem (SbWizard   *self,
                   const char *reason)
{
  if (self->save_problem == NULL)
    return;

  if (reason != NULL)
    {
      g_autofree char *markup = g_markup_printf_escaped ("<b>%s</b>\n%s\n%s", _("Your Changes Are Not Saved"), reason,
                                                         _("Your answers stay in this window; saving is tried again "
                                                           "with each change, or now with Try Again."));

      gtk_label_set_markup (GTK_LABEL (self->save_problem_label), markup);
    }
  gtk_info_bar_set_revealed (GTK_INFO_BAR (self->save_problem), reason != NULL);
}

void
sb_wizard_save_line_clear (gpointer data)
{
  SaveLine *line = data;

  g_mutex_clear (&line->lock);
}

static void
save_job_free (SaveJob *job)
{
  g_weak_ref_clear (&job->wizard);
  g_atomic_rc_box_release_full (job->line, sb_wizard_save_line_clear);
  g_object_unref (job->store);
  g_free (job->id);
  g_clear_pointer (&job->tree, json_node_unref);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

/* The draft as it is now: taken on the main thread, where it changes.
 * Only the copy is made here; turning it into text (a 1,000-row roster is
 * 1.5 MB, 10 ms) and freeing it (as long again) are the writer's. */
static SaveJob *
save_job_new (SbWizard *self)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  g_weak_ref_init (&job->wizard, self);
  job->line = g_atomic_rc_box_acquire (self->save_line);
  job->store = g_object_ref (self->store);
  job->id = g_strdup (sb_draft_get_id (self->draft));
  job->tree = sb_draft_to_json (self->draft);
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
      g_autoptr(GBytes) bytes = sb_draft_json_to_bytes (job->tree);

      ok = sb_draft_store_write (job->store, job->id, bytes, error);
      if (ok)
        job->line->on_disk = job->changes;
    }
  g_mutex_unlock (&job->line->lock);
  g_clear_pointer (&job->tree, json_node_unref);
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

static void save_in_background (SbWizard *self);

static void
on_save_written (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(SbWizard) self = g_weak_ref_get (&job->wizard);
  g_autoptr(GError) error = NULL;

  if (self == NULL || self->draft == NULL)
    return;  /* closed: its last change was written then */
  self->writing = FALSE;
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Tried again with the next change, or with Try Again. */
      self->save_again = FALSE;
      self->confirm_save = FALSE;
      show_save_problem (self, error->message);
      return;
    }

  self->saved = MAX (self->saved, job->changes);
  if (self->saved == self->changes)
    {
      show_save_problem (self, NULL);
      if (self->confirm_save)
        {
          self->confirm_save = FALSE;
          sb_wizard_toast (self, _("Saved. Every change is saved as you make it."));
        }
    }
  /* Typing went on during the write and its second is up: write again now
   * rather than a whole second later. */
  if (self->save_again)
    {
      self->save_again = FALSE;
      save_in_background (self);
    }
}

/* The file is written (and synced, which can take a while on a busy
 * disk) in a worker thread, so that typing never waits for the disk.
 * The task does not hold the wizard: closing it (or quitting, when the
 * task's answer may never be dispatched) makes the last save at once,
 * after this write. */
static void
save_in_background (SbWizard *self)
{
  g_autoptr(GTask) task = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->save_deadline, g_source_remove);

  if (self->saved == self->changes)
    return;
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

/* Writes now and waits for it (closing, Ctrl+S, Try Again).  A write
 * still running in the background is waited for first. */
gboolean
sb_wizard_save_draft (SbWizard  *self,
                      GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(SaveJob) job = NULL;

  g_clear_handle_id (&self->save_source, g_source_remove);
  g_clear_handle_id (&self->save_deadline, g_source_remove);
  if (self->saved == self->changes)
    return TRUE;

  job = save_job_new (self);
  if (!save_job_run (job, &local_error))
    {
      show_save_problem (self, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  self->saved = self->changes;
  show_save_problem (self, NULL);
  return TRUE;
}

/* Ctrl+S: written at once, in the background as every save is (a slow
 * disk does not hold the window), and said when it is on disk; a failure
 * shows in the bar instead. */
void
sb_wizard_save_and_confirm (SbWizard *self)
{
  /* Written even when nothing changed: the person asked. */
  self->changes++;
  self->confirm_save = TRUE;
  save_in_background (self);
}

static gboolean
on_save_timeout (gpointer user_data)
{
  SbWizard *self = user_data;

  self->save_source = 0;
  save_in_background (self);
  return G_SOURCE_REMOVE;
}

static gboolean
on_save_deadline (gpointer user_data)
{
  SbWizard *self = user_data;

  self->save_deadline = 0;
  save_in_background (self);
  return G_SOURCE_REMOVE;
}

void
sb_wizard_on_save_problem_response (GtkInfoBar *bar,
                                    int         response,
                                    SbWizard   *self)
{
  sb_wizard_save_draft (self, NULL);
}

void
sb_wizard_schedule_save (SbWizard *self)
{
  g_autofree char *now = sb_date_now_timestamp ();

  sb_draft_touch (self->draft, now);
  self->changes++;

  /* A pause saves soon; typing on moves the pause, but never the deadline
   * the first unsaved change set. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_PAUSE_MS, on_save_timeout, self);
  if (self->save_deadline == 0)
    self->save_deadline = g_timeout_add (SAVE_MAX_WAIT_MS, on_save_deadline, self);
}
