/* sb-window-register.c — the main window's part of the case register: it
 * opens the register, registers every packet opened for review, shows the
 * register page, and says on the start page how many cases are due soon
 *
 * The register may be a PostgreSQL server across the network: opening
 * it, registering a packet and counting the cases run in worker threads,
 * and a register that cannot be reached never stops the reviewer from
 * reading a packet.  Packets opened while it cannot be reached wait in a
 * file (sb-register-queue.h), closing the application or not, and are
 * registered when it is opened again (Retry, or the next start).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-window"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-accessible.h"
#include "sb-case-group.h"
#include "sb-date.h"
#include "sb-pdf-renderer.h"
#include "sb-register-queue.h"
#include "sb-register-page.h"
#include "sb-window-private.h"

/* The start page counts the cases due within this many working days. */
#define DUE_SOON_WORKING_DAYS 3

static const char *
person (void)
{
  const char *name = g_get_real_name ();

  return name != NULL && *name != '\0' && !g_str_equal (name, "Unknown") ? name : g_get_user_name ();
}

static void register_pending (SbWindow *self);

/* A toast of @text, which may hold a path or the register's message:
 * escaped, since a toast's title is markup. */
static void
add_toast (SbWindow   *self,
           const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

/* The due count */

static void
count_due_in_thread (GTask        *task,
                     gpointer      source,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  SbRegister *case_register = task_data;
  GError *error = NULL;
  guint count = 0;

  if (!sb_register_count_due (case_register, sb_date_today (), DUE_SOON_WORKING_DAYS, &count, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, count);
}

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  SbWindow *self = SB_WINDOW (source);
  g_autoptr(GError) error = NULL;
  gssize count = g_task_propagate_int (G_TASK (result), &error);
  g_autofree char *text = NULL;

  if (error != NULL)
    {
      /* No calendar: no deadlines to count, and nothing to say of them. */
      text = g_error_matches (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_UNREACHABLE)
             ? g_strdup_printf (_("Cannot be reached: %s"), error->message)
             : g_strdup (_("Every case received, its status and deadlines"));
      adw_action_row_set_subtitle (self->register_row, text);
      return;
    }
  if (count == 0)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No case is due within %d working day",
                                         "No case is due within %d working days", DUE_SOON_WORKING_DAYS),
                            DUE_SOON_WORKING_DAYS);
  else
    /* Translators: the first %d is a number of cases, the second of working days */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d case due within %d working days, overdue ones included",
                                         "%d cases due within %d working days, overdue ones included", count),
                            (int) count, DUE_SOON_WORKING_DAYS);
  adw_action_row_set_subtitle (self->register_row, text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->register_row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text, -1);
}

static void
update_due_count (SbWindow *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->case_register == NULL)
    return;
  task = g_task_new (self, NULL, on_counted, NULL);
  g_task_set_source_tag (task, update_due_count);
  g_task_set_task_data (task, g_object_ref (self->case_register), g_object_unref);
  g_task_run_in_thread (task, count_due_in_thread);
}

/* Opening */

static void
on_register_opened (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(SbWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  SbRegister *opened = sb_register_open_finish (result, &error);

  if (opened == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->register_opening);
  g_clear_object (&self->case_register);
  self->case_register = opened;
  sb_register_page_set_register (SB_REGISTER_PAGE (self->register_page), opened, error);
  if (opened == NULL)
    {
      g_autofree char *text = g_strdup_printf (_("Cannot be reached: %s"), error->message);

      /* Expected when a shared server is down: the bar says it. */
      g_message ("The case register cannot be opened: %s", error->message);
      adw_action_row_set_subtitle (self->register_row, text);
      return;
    }
  update_due_count (self);
  register_pending (self);
}

static void
open_register (SbWindow *self)
{
  if (self->register_opening != NULL)
    return;
  self->register_opening = g_cancellable_new ();
  sb_register_page_set_opening (SB_REGISTER_PAGE (self->register_page));
  sb_register_open_async (NULL, self->registry, self->calendar, self->register_opening, on_register_opened,
                          g_object_ref (self));
}

/* Registering */

typedef struct {
  SbWindow *self;
  SbPacket *packet;
  char     *queued_uri;  /* waiting in the queue file, or NULL */
} Registering;

static void
registering_free (Registering *registering)
{
  g_object_unref (registering->self);
  g_object_unref (registering->packet);
  g_free (registering->queued_uri);
  g_free (registering);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Registering, registering_free)

static void
on_case_changed (SbCaseGroup *group,
                 SbWindow    *self)
{
  sb_register_page_reload (SB_REGISTER_PAGE (self->register_page));
  update_due_count (self);
}

static GtkWidget *
find_case_group (GtkWidget *widget)
{
  if (SB_IS_CASE_GROUP (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_case_group (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Whether the review shows its case already (registered twice: opened
 * while the register was opening, and from the queue). */
static gboolean
case_group_shown (SbWindow *self)
{
  return find_case_group (GTK_WIDGET (self->reviewer)) != NULL;
}

/* The case beside the review of its packet, when that is still open. */
static void
show_case_in_review (SbWindow     *self,
                     SbPacket     *packet,
                     const SbCase *a_case)
{
  GtkWidget *group;

  /* The same packet, whether it was registered as it was opened or read
   * again from the queue: the same integrity hash. */
  if (self->reviewer == NULL ||
      g_strcmp0 (sb_packet_get_integrity_hash (sb_reviewer_view_get_packet (self->reviewer)),
                 sb_packet_get_integrity_hash (packet)) != 0 ||
      case_group_shown (self))
    return;
  {
    g_autofree char *applicant = sb_reviewer_view_dup_applicant (self->reviewer);

    group = sb_case_group_new (self->case_register, a_case, sb_reviewer_view_get_review (self->reviewer), applicant,
                               self->calendar, person ());
  }
  g_signal_connect_object (group, "changed", G_CALLBACK (on_case_changed), self, 0);
  g_signal_connect_object (group, "toast", G_CALLBACK (sb_window_on_page_toast), self, 0);
  sb_reviewer_view_add_review_group (self->reviewer, ADW_PREFERENCES_GROUP (group));
  /* Added after the page was named: its Record button is named now. */
  sb_accessible_name_controls (group);
}

static void
on_packet_registered (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(Registering) registering = user_data;
  SbWindow *self = registering->self;
  g_autoptr(GError) error = NULL;
  SbRegisterAddResult added = SB_REGISTER_ADDED;
  g_autoptr(SbCase) a_case = sb_register_add_packet_finish (SB_REGISTER (source), result, &added, &error);
  g_autofree char *text = NULL;

  if (a_case == NULL)
    {
      /* The message is the register's.  A queued packet stays queued. */
      text = g_strdup_printf (_("Not registered: %s"), error->message);
      add_toast (self, text);
      return;
    }
  if (added == SB_REGISTER_FOUND)
    text = g_strdup_printf (_("Case found in the register: %s"), sb_case_status_label (a_case->status));
  else if (added == SB_REGISTER_NEW_ROUND)
    text = g_strdup_printf (_("Registered as round %d of this application"), a_case->round);
  else
    {
      g_autofree char *day = sb_date_to_string (a_case->received);

      text = g_strdup_printf (_("Registered as a new case, received %s"), day);
    }
  add_toast (self, text);
  if (registering->queued_uri != NULL)
    {
      g_autoptr(GError) queue_error = NULL;
      g_autofree char *queue = sb_register_queue_default_file ();

      if (!sb_register_queue_remove (queue, registering->queued_uri, &queue_error))
        g_warning ("%s", queue_error->message);
    }
  show_case_in_review (self, registering->packet, a_case);
  sb_register_page_reload (SB_REGISTER_PAGE (self->register_page));
  update_due_count (self);
}

static void
add_to_register (SbWindow   *self,
                 SbPacket   *packet,
                 const char *path,
                 gboolean    verified,
                 const char *problem,
                 gint32      received,
                 const char *queued_uri)
{
  Registering *registering = g_new0 (Registering, 1);

  registering->self = g_object_ref (self);
  registering->packet = g_object_ref (packet);
  registering->queued_uri = g_strdup (queued_uri);
  sb_register_add_packet_async (self->case_register, packet, path, NULL, verified, problem, received, person (), NULL,
                                on_packet_registered, registering);
}

/* The packets that waited while the register could not be reached, read
 * again from where they are, in a worker thread: a queue of PDFs on a
 * network share is seconds of reading.  sb_pdf_read_packet() touches no
 * widget and no shared mutable state: it reads the file, parses and
 * re-validates into objects of its own, and only looks things up in the
 * window's form registry (loaded whole at start, sb-window.c: a lookup
 * only reads) and calendar (read-only once loaded).  The queue file is
 * written on the main thread only, as everywhere else in this file. */

typedef struct {
  SbQueuedPacket *queued;
  SbPacket       *packet;  /* or NULL, and @error says why */
  GError         *error;
} PendingPacket;

static void
pending_packet_free (PendingPacket *pending)
{
  sb_queued_packet_free (pending->queued);
  g_clear_object (&pending->packet);
  g_clear_error (&pending->error);
  g_free (pending);
}

typedef struct {
  char           *queue;
  SbFormRegistry *registry;
  SbCalendar     *calendar;
} PendingJob;

static void
pending_job_free (PendingJob *job)
{
  g_free (job->queue);
  g_clear_object (&job->registry);
  g_clear_object (&job->calendar);
  g_free (job);
}

static void
read_pending_in_thread (GTask        *task,
                        gpointer      source,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  PendingJob *job = task_data;
  GError *error = NULL;
  g_autoptr(GPtrArray) waiting = sb_register_queue_load (job->queue, &error);
  g_autoptr(GPtrArray) read = NULL;

  if (waiting == NULL)
    {
      /* Damaged: said, and the file is left as it is. */
      g_task_return_error (task, error);
      return;
    }
  read = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_packet_free);
  for (guint i = 0; i < waiting->len; i++)
    {
      PendingPacket *pending = g_new0 (PendingPacket, 1);
      g_autoptr(GFile) file = NULL;

      pending->queued = g_ptr_array_steal_index (waiting, i--);
      file = g_file_new_for_uri (pending->queued->uri);
      pending->packet = sb_pdf_read_packet (file, job->registry, job->calendar, NULL, &pending->error);
      g_ptr_array_add (read, pending);
    }
  g_task_return_pointer (task, g_steal_pointer (&read), (GDestroyNotify) g_ptr_array_unref);
}

static void
on_pending_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SbWindow *self = SB_WINDOW (source);
  g_autofree char *queue = sb_register_queue_default_file ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) read = g_task_propagate_pointer (G_TASK (result), &error);

  if (read == NULL)
    {
      add_toast (self, error->message);
      return;
    }
  /* Closed meanwhile: they wait for the next start. */
  if (self->case_register == NULL)
    return;
  for (guint i = 0; i < read->len; i++)
    {
      PendingPacket *pending = g_ptr_array_index (read, i);
      g_autoptr(GFile) file = g_file_new_for_uri (pending->queued->uri);
      g_autofree char *path = g_file_get_path (file);

      if (pending->packet == NULL)
        {
          /* Gone or changed since it was opened: said, and no longer
           * waited for. */
          g_autofree char *name = g_file_get_parse_name (file);
          g_autofree char *text = g_strdup_printf (_("Not registered: %s can no longer be read: %s"), name,
                                                   pending->error->message);
          g_autoptr(GError) remove_error = NULL;

          add_toast (self, text);
          if (!sb_register_queue_remove (queue, pending->queued->uri, &remove_error))
            g_warning ("%s", remove_error->message);
          continue;
        }
      add_to_register (self, pending->packet, path, pending->queued->verified, pending->queued->problem,
                       pending->queued->received, pending->queued->uri);
    }
}

static void
register_pending (SbWindow *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_pending_read, NULL);
  PendingJob *job = g_new0 (PendingJob, 1);

  job->queue = sb_register_queue_default_file ();
  job->registry = g_object_ref (self->registry);
  job->calendar = self->calendar != NULL ? g_object_ref (self->calendar) : NULL;
  g_task_set_source_tag (task, register_pending);
  g_task_set_task_data (task, job, (GDestroyNotify) pending_job_free);
  g_task_run_in_thread (task, read_pending_in_thread);
}

/* Why what the reviewer opened does not verify, in the checks' words. */
static char *
packet_problem (SbPacket *packet)
{
  g_autoptr(GString) problem = g_string_new (NULL);
  GPtrArray *checks = sb_packet_get_checks (packet);

  for (guint i = 0; i < checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (checks, i);

      if (!check->ok)
        g_string_append_printf (problem, "%s%s", problem->len > 0 ? "; " : "", check->message);
    }
  if (problem->len == 0)
    g_string_append (problem, _("The PDF’s pages do not show the packet it carries."));
  return g_string_free (g_steal_pointer (&problem), FALSE);
}

/* Registers @packet, opened from @file, as received today; @problem:
 * why it does not verify, NULL when it does.  Later when the register
 * cannot be reached now (or @queue_only: the window is closing): it
 * waits in a file meanwhile. */
static void
register_packet (SbWindow   *self,
                 SbPacket   *packet,
                 GFile      *file,
                 const char *problem,
                 gboolean    queue_only)
{
  g_autofree char *path = g_file_get_path (file);
  gboolean verified = problem == NULL;

  if (self->case_register == NULL || queue_only)
    {
      /* Kept in a file, and registered when the register can be opened
       * again, in this run or the next. */
      g_autofree char *queue = sb_register_queue_default_file ();
      g_autofree char *uri = g_file_get_uri (file);
      g_autoptr(GError) error = NULL;

      if (!sb_register_queue_add (queue, uri, sb_date_today (), verified, problem, &error))
        {
          g_autofree char *text = g_strdup_printf (_("Not registered: %s"), error->message);

          add_toast (self, text);
          return;
        }
      /* Still opening (a packet opened from the file manager starts the
       * window with it): registered in a moment, and that is said then. */
      if (self->register_opening == NULL && !queue_only)
        add_toast (self, _("The case register cannot be reached: this packet will be registered when it can"));
      return;
    }
  add_to_register (self, packet, path, verified, problem, sb_date_today (), NULL);
}

/* Why the packet under review does not verify, its signatures included
 * once they are checked; NULL when it does. */
static char *
reviewed_problem (SbWindow *self)
{
  SbPacket *packet = sb_reviewer_view_get_packet (self->reviewer);
  g_autofree char *integrity = sb_reviewer_view_is_verified (self->reviewer) ? NULL : packet_problem (packet);
  g_autofree char *signatures = sb_reviewer_view_dup_signature_problem (self->reviewer);

  if (signatures != NULL)
    g_strdelimit (signatures, "\n", ' ');
  if (integrity != NULL && signatures != NULL)
    return g_strconcat (integrity, "; ", signatures, NULL);
  return integrity != NULL ? g_steal_pointer (&integrity) : g_steal_pointer (&signatures);
}

static void
stop_waiting_for_signatures (SbWindow *self)
{
  if (self->registering_handler != 0 && self->reviewer != NULL)
    g_signal_handler_disconnect (self->reviewer, self->registering_handler);
  self->registering_handler = 0;
  g_clear_object (&self->registering_file);
}

static void
register_reviewed (SbWindow *self,
                   gboolean  queue_only)
{
  g_autoptr(GFile) file = g_steal_pointer (&self->registering_file);
  g_autofree char *problem = NULL;

  stop_waiting_for_signatures (self);
  if (file == NULL || self->reviewer == NULL)
    return;
  problem = reviewed_problem (self);
  register_packet (self, sb_reviewer_view_get_packet (self->reviewer), file, problem, queue_only);
}

static void
on_reviewed_signatures_checked (SbReviewerView *reviewer,
                                SbWindow       *self)
{
  register_reviewed (self, FALSE);
}

/* Public to the window */

void
sb_window_register_reviewed (SbWindow *self,
                             GFile    *file)
{
  g_return_if_fail (self->reviewer != NULL);

  stop_waiting_for_signatures (self);
  self->registering_file = g_object_ref (file);
  /* A signature that does not match is a changed packet: it is not
   * registered as verified while that is still being found out. */
  if (sb_reviewer_view_is_checking_signatures (self->reviewer))
    self->registering_handler = g_signal_connect (self->reviewer, "signatures-checked",
                                                  G_CALLBACK (on_reviewed_signatures_checked), self);
  else
    register_reviewed (self, FALSE);
}

void
sb_window_register_reviewed_now (SbWindow *self)
{
  if (self->registering_file != NULL)
    register_reviewed (self, FALSE);
}

/* The window closes before the signatures came: in the queue, which the
 * next window to open the register reads. */
void
sb_window_register_reviewed_on_close (SbWindow *self)
{
  if (self->registering_file != NULL)
    register_reviewed (self, TRUE);
}

static void
on_open_case (SbRegisterPage *page,
              const char     *path,
              SbWindow       *self)
{
  g_autoptr(GFile) file = NULL;

  if (path == NULL || !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *text = g_strdup_printf (_("The packet of this case is no longer at %s"),
                                               path != NULL ? path : _("(no path recorded)"));

      add_toast (self, text);
      return;
    }
  file = g_file_new_for_path (path);
  sb_window_open_in_background (self, file, TRUE);
}

static void
on_retry (SbRegisterPage *page,
          SbWindow       *self)
{
  open_register (self);
}

static void
show_register_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SbWindow *self = SB_WINDOW (widget);

  sb_window_close_reviewer (self);
  if (self->reviewer != NULL)
    return;
  if (self->wizard != NULL)
    sb_window_close_wizard (self);
  if (self->wizard != NULL)
    return;
  sb_window_show_page (self, "register", _("Case Register"),
                       self->case_register != NULL ? sb_register_describe (self->case_register) : NULL);
  if (self->case_register != NULL)
    sb_register_page_reload (SB_REGISTER_PAGE (self->register_page));
  else
    open_register (self);
}

void
sb_window_init_register (SbWindow *self)
{
  self->register_page = sb_register_page_new (self->registry, self->calendar);
  g_signal_connect (self->register_page, "open-case", G_CALLBACK (on_open_case), self);
  g_signal_connect (self->register_page, "retry", G_CALLBACK (on_retry), self);
  g_signal_connect (self->register_page, "toast", G_CALLBACK (sb_window_on_page_toast), self);
  gtk_stack_add_named (self->stack, self->register_page, "register");
  open_register (self);
}

void
sb_window_dispose_register (SbWindow *self)
{
  /* Destroyed without a close request (the application quitting): the
   * packet under review is still registered, from the queue. */
  sb_window_register_reviewed_on_close (self);
  stop_waiting_for_signatures (self);
  if (self->register_opening != NULL)
    g_cancellable_cancel (self->register_opening);
  g_clear_object (&self->register_opening);
  g_clear_object (&self->case_register);
}

void
sb_window_class_register_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.show-register", NULL, show_register_action);
}

gpointer
sb_window_get_case_group (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), NULL);

  return self->reviewer != NULL ? find_case_group (GTK_WIDGET (self->reviewer)) : NULL;
}

/* TRUE while the register is being opened (tests wait for it). */
gboolean
sb_window_is_opening_register (SbWindow *self)
{
  g_return_val_if_fail (SB_IS_WINDOW (self), FALSE);

  return self->register_opening != NULL;
}
