/* sb-window-opening.c — packets read in a worker thread, the window live meanwhile
 *
 * A packet may be hundreds of megabytes (its attachments inline): read,
 * parsed, hashed and, for a PDF, its pages compared with a fresh render,
 * it takes a second or more, which the main loop must not wait for.  The
 * file chooser, the recent files, a drop, the command line and the
 * register open files here: the reading runs in a worker with nothing of
 * the window's but the registry and the calendar, which the reader only
 * reads (sb_pdf_read_packet() touches no GTK and no shared mutable
 * state; the register's queue reads packets in a worker the same way).
 * After 200 ms a page says what is being opened, with a progress bar and
 * Cancel, which returns to the page it came from; the result of a
 * cancelled or replaced reading is dropped.  Reviews and drafts are small
 * (at most 16 MiB) and are opened at once, as before.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-pdf-renderer.h"
#include "sb-pdf-verify.h"
#include "sb-safe-text.h"
#include "sb-window-private.h"

#define OPENING_PAGE_DELAY_MS 200

typedef struct {
  GFile          *file;
  SbFormRegistry *registry;
  SbCalendar     *calendar;
  SbPacket       *packet;
  gboolean        from_pdf;
  SbPageCheck     pages;
  gboolean        from_register;
} OpenJob;

static void
open_job_free (OpenJob *job)
{
  g_object_unref (job->file);
  g_object_unref (job->registry);
  g_clear_object (&job->calendar);
  g_clear_object (&job->packet);
  g_free (job->pages.message);
  g_free (job);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;

  job->packet = sb_pdf_read_packet (job->file, job->registry, job->calendar, &job->from_pdf, &error);
  if (job->packet == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->from_pdf && !g_cancellable_is_cancelled (cancellable))
    job->pages.ok = sb_pdf_verify_pages (job->file, job->packet, &job->pages.message);
  g_task_return_boolean (task, TRUE);
}

static void
forget_return (SbWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->opening_return); i++)
    g_clear_pointer (&self->opening_return[i], g_free);
}

/* The opening page away, back on the page it came from (when it shows). */
static void
stop_opening (SbWindow *self,
              gboolean  go_back)
{
  g_clear_handle_id (&self->opening_page_timeout, g_source_remove);
  g_clear_handle_id (&self->opening_pulse, g_source_remove);
  g_clear_object (&self->file_opening);
  if (go_back && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "opening") == 0)
    {
      if (self->opening_return[0] != NULL && gtk_stack_get_child_by_name (self->stack, self->opening_return[0]) != NULL)
        sb_window_show_page (self, self->opening_return[0], self->opening_return[1], self->opening_return[2]);
      else
        sb_window_show_page (self, "start", _("Shenbao"), NULL);
    }
  forget_return (self);
}

static gboolean
pulse (gpointer user_data)
{
  SbWindow *self = user_data;

  gtk_progress_bar_pulse (GTK_PROGRESS_BAR (self->opening_progress));
  return G_SOURCE_CONTINUE;
}

static gboolean
show_opening_page (gpointer user_data)
{
  SbWindow *self = user_data;
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  self->opening_page_timeout = 0;
  forget_return (self);
  self->opening_return[0] = g_strdup (page);
  self->opening_return[1] = g_strdup (adw_window_title_get_title (self->window_title));
  self->opening_return[2] = g_strdup (adw_window_title_get_subtitle (self->window_title));
  sb_window_show_page (self, "opening", _("Opening"), NULL);
  self->opening_pulse = g_timeout_add (100, pulse, self);
  return G_SOURCE_REMOVE;
}

static void
on_packet_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  SbWindow *self = SB_WINDOW (source);
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));

  /* Cancelled, or another file asked for since: nothing of it is shown. */
  if (g_cancellable_is_cancelled (cancellable) || cancellable != self->file_opening)
    return;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      stop_opening (self, TRUE);
      sb_window_explain_open_error (self, job->file, error);
      return;
    }
  stop_opening (self, FALSE);
  if (!sb_window_show_packet (self, job->file, job->packet, job->from_pdf ? &job->pages : NULL))
    {
      /* Not shown (the review open could not be saved, and says so):
       * back where the person was. */
      if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "opening") == 0)
        sb_window_show_page (self, self->reviewer != NULL ? "review" : "start",
                             adw_window_title_get_title (self->window_title), NULL);
      return;
    }
  if (job->from_register)
    self->reviewer_from_register = TRUE;
}

static void
on_cancel_clicked (GtkButton *button,
                   SbWindow  *self)
{
  sb_window_cancel_opening (self);
}

/* Private to the window */

void
sb_window_init_opening (SbWindow *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  GtkWidget *cancel = gtk_button_new_with_mnemonic (_("_Cancel"));

  self->opening_page = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (self->opening_page), "document-open-symbolic");
  self->opening_progress = gtk_progress_bar_new ();
  gtk_progress_bar_set_pulse_step (GTK_PROGRESS_BAR (self->opening_progress), 0.1);
  gtk_widget_set_size_request (self->opening_progress, 240, -1);
  gtk_widget_set_halign (self->opening_progress, GTK_ALIGN_CENTER);
  gtk_widget_set_halign (cancel, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (cancel, "pill");
  g_signal_connect (cancel, "clicked", G_CALLBACK (on_cancel_clicked), self);
  gtk_box_append (GTK_BOX (box), self->opening_progress);
  gtk_box_append (GTK_BOX (box), cancel);
  adw_status_page_set_child (ADW_STATUS_PAGE (self->opening_page), box);
  gtk_stack_add_named (self->stack, self->opening_page, "opening");
}

void
sb_window_dispose_opening (SbWindow *self)
{
  if (self->file_opening != NULL)
    g_cancellable_cancel (self->file_opening);
  stop_opening (self, FALSE);
}

/* Public API */

void
sb_window_open_file_in_background (SbWindow *self,
                                   GFile    *file)
{
  sb_window_open_in_background (self, file, FALSE);
}

void
sb_window_open_in_background (SbWindow *self,
                              GFile    *file,
                              gboolean  from_register)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *raw_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *title = NULL;
  gboolean opened;
  OpenJob *job;

  g_return_if_fail (SB_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->file_opening != NULL)
    g_cancellable_cancel (self->file_opening);
  stop_opening (self, FALSE);
  if (sb_window_open_review_or_draft (self, file, &opened))
    return;

  raw_name = g_file_get_basename (file);
  /* A stranger's file name: its bidi controls shown, not obeyed. */
  name = sb_safe_text_reveal (raw_name, SB_SAFE_TEXT_DEFAULT);
  /* Translators: %s is a file name */
  title = g_strdup_printf (_("Opening “%s”…"), name);
  adw_status_page_set_title (ADW_STATUS_PAGE (self->opening_page), title);
  adw_status_page_set_description (ADW_STATUS_PAGE (self->opening_page),
                                   _("The packet is read and each of its checks made again. A large packet with "
                                     "many attached files takes a few seconds."));

  job = g_new0 (OpenJob, 1);
  job->file = g_object_ref (file);
  job->registry = g_object_ref (self->registry);
  job->calendar = self->calendar != NULL ? g_object_ref (self->calendar) : NULL;
  job->from_register = from_register;
  self->file_opening = g_cancellable_new ();
  self->opening_page_timeout = g_timeout_add (OPENING_PAGE_DELAY_MS, show_opening_page, self);
  task = g_task_new (self, self->file_opening, on_packet_read, NULL);
  g_task_set_source_tag (task, sb_window_open_file_in_background);
  g_task_set_task_data (task, job, (GDestroyNotify) open_job_free);
  g_task_run_in_thread (task, read_in_thread);
}

gboolean
sb_window_is_opening_file (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  return self->file_opening != NULL;
}

void
sb_window_cancel_opening (SbWindow *self)
{
  g_return_if_fail (SB_IS_WINDOW (self));

  if (self->file_opening != NULL)
    g_cancellable_cancel (self->file_opening);
  stop_opening (self, TRUE);
}
