/* sb-finish-job.c — finishing an application: its packet JSON and PDF
 *
 * Finishing builds the packet (reading and hashing every attached file,
 * up to hundreds of megabytes) and saves it, then renders and writes its
 * PDF, which takes a second or more for a long application: each in a
 * worker thread, from a copy of the draft's answers.  The job touches
 * nothing of the wizard, so it can go on after the window is gone.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-finish-job"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-finish-job.h"
#include "sb-pdf-renderer.h"

struct _SbFinishJob
{
  GObject   parent_instance;

  SbPacket *packet;
  char     *json_path;
  char     *pdf_path;
  char     *folder_uri;
};

G_DEFINE_FINAL_TYPE (SbFinishJob, sb_finish_job, G_TYPE_OBJECT)

/* Auxiliary functions */

typedef struct
{
  SbFileStore *store;
  GPtrArray   *attachments;
  GError      *error;         /* the first file that could not be read */
} Collect;

static void
collect_attachment (const char *path,
                    int         row,
                    JsonObject *descriptor,
                    gpointer    data)
{
  Collect *collect = data;
  g_autoptr(GBytes) bytes = NULL;

  if (collect->error != NULL)
    return;
  bytes = sb_file_store_load (collect->store, json_object_get_string_member_with_default (descriptor, "sha256", ""),
                              &collect->error);
  if (bytes == NULL)
    {
      g_prefix_error (&collect->error, "%s: ", json_object_get_string_member_with_default (descriptor, "name", "?"));
      return;
    }
  g_ptr_array_add (collect->attachments,
                   sb_packet_attachment_new (path, row,
                                             json_object_get_string_member_with_default (descriptor, "name", "file"),
                                             json_object_get_string_member_with_default (descriptor, "media_type", "application/octet-stream"),
                                             bytes));
}

/* The attached files of the visible answers, with their bytes. */
static GPtrArray *
collect_attachments (SbAnswers    *answers,
                     SbFileStore  *store,
                     GError      **error)
{
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_attachment_free);
  Collect collect = { store, attachments, NULL };

  sb_answers_foreach_attachment (answers, collect_attachment, &collect);
  if (collect.error != NULL)
    {
      g_propagate_error (error, collect.error);
      return NULL;
    }
  return g_steal_pointer (&attachments);
}

static void
release_application (gpointer data)
{
  GApplication *held = data;

  g_application_release (held);
  g_object_unref (held);
}

static void
write_pdf_in_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GError *error = NULL;

  if (sb_finish_job_write_pdf (source_object, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* GObject overrides */

static void
sb_finish_job_finalize (GObject *object)
{
  SbFinishJob *self = SB_FINISH_JOB (object);

  g_clear_object (&self->packet);
  g_free (self->json_path);
  g_free (self->pdf_path);
  g_free (self->folder_uri);

  G_OBJECT_CLASS (sb_finish_job_parent_class)->finalize (object);
}

static void
sb_finish_job_class_init (SbFinishJobClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_finish_job_finalize;
}

static void
sb_finish_job_init (SbFinishJob *self)
{
}

/* What the packet is made of, copied from the draft on the main thread
 * so that typing meanwhile changes nothing of it. */
typedef struct
{
  SbAnswers   *answers;
  GHashTable  *justifications;   /* rule id -> text */
  char        *created;
  char        *now;
  gint32       today;
  SbFileStore *files;
  SbCalendar  *calendar;
  GFile       *folder;
  GApplication *held;           /* of a job in a worker, or NULL */
} FinishInput;

static void
finish_input_free (FinishInput *input)
{
  g_clear_object (&input->answers);
  g_clear_pointer (&input->justifications, g_hash_table_unref);
  g_free (input->created);
  g_free (input->now);
  g_clear_object (&input->files);
  g_clear_object (&input->calendar);
  g_clear_object (&input->folder);
  if (input->held != NULL)
    release_application (input->held);
  g_free (input);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FinishInput, finish_input_free)

static FinishInput *
finish_input_new (SbDraft     *draft,
                  SbFileStore *files,
                  SbCalendar  *calendar,
                  GFile       *folder,
                  gint32       today,
                  const char  *now)
{
  FinishInput *input = g_new0 (FinishInput, 1);
  SbAnswers *answers = sb_draft_get_answers (draft);
  GHashTableIter iter;
  gpointer rule, text;

  /* A deep copy (hidden answers too: the copy decides what is visible). */
  input->answers = sb_answers_new (sb_answers_get_definition (answers));
  sb_answers_take_json (input->answers, sb_answers_to_json (answers, FALSE));
  input->justifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_hash_table_iter_init (&iter, sb_draft_get_justifications (draft));
  while (g_hash_table_iter_next (&iter, &rule, &text))
    g_hash_table_insert (input->justifications, g_strdup (rule), g_strdup (text));
  input->created = g_strdup (sb_draft_get_created (draft));
  input->now = g_strdup (now);
  input->today = today;
  input->files = g_object_ref (files);
  input->calendar = calendar != NULL ? g_object_ref (calendar) : NULL;
  input->folder = g_object_ref (folder);
  return input;
}

/* Builds and saves the packet: blocks (a worker thread's part). */
static SbFinishJob *
build_job (FinishInput  *input,
           GError      **error)
{
  g_autoptr(SbFinishJob) self = NULL;
  g_autoptr(GPtrArray) attachments = NULL;
  g_autofree char *folder_path = g_file_get_path (input->folder);
  g_autofree char *json_name = NULL;
  g_autofree char *pdf_name = NULL;

  if (folder_path == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Choose a folder on this computer"));
      return NULL;
    }

  attachments = collect_attachments (input->answers, input->files, error);
  if (attachments == NULL)
    return NULL;

  self = g_object_new (SB_TYPE_FINISH_JOB, NULL);
  self->packet = sb_packet_new (input->answers, input->today, input->justifications,
                                g_steal_pointer (&attachments), input->created, input->now,
                                input->calendar, error);
  if (self->packet == NULL)
    return NULL;

  json_name = g_strdup_printf ("%s.sbpkt.json", sb_packet_get_reference (self->packet));
  pdf_name = g_strdup_printf ("%s.pdf", sb_packet_get_reference (self->packet));
  self->json_path = g_build_filename (folder_path, json_name, NULL);
  self->pdf_path = g_build_filename (folder_path, pdf_name, NULL);
  self->folder_uri = g_file_get_uri (input->folder);

  if (!sb_packet_save (self->packet, self->json_path, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
build_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  SbFinishJob *job = build_job (task_data, &error);

  if (job != NULL)
    g_task_return_pointer (task, job, g_object_unref);
  else
    g_task_return_error (task, error);
}

/* Public API */

SbFinishJob *
sb_finish_job_new (SbDraft      *draft,
                   SbFileStore  *files,
                   SbCalendar   *calendar,
                   GFile        *folder,
                   gint32        today,
                   const char   *now,
                   GError      **error)
{
  g_autoptr(FinishInput) input = NULL;

  g_return_val_if_fail (SB_IS_DRAFT (draft), NULL);
  g_return_val_if_fail (SB_IS_FILE_STORE (files), NULL);
  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (now != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  input = finish_input_new (draft, files, calendar, folder, today, now);
  return build_job (input, error);
}

void
sb_finish_job_new_async (SbDraft             *draft,
                         SbFileStore         *files,
                         SbCalendar          *calendar,
                         GFile               *folder,
                         gint32               today,
                         const char          *now,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FinishInput *input;

  g_return_if_fail (SB_IS_DRAFT (draft));
  g_return_if_fail (SB_IS_FILE_STORE (files));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (now != NULL);

  input = finish_input_new (draft, files, calendar, folder, today, now);
  /* Closing the last window meanwhile does not end the process before
   * the packet is saved. */
  if (g_application_get_default () != NULL)
    {
      input->held = g_object_ref (g_application_get_default ());
      g_application_hold (input->held);
    }
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_finish_job_new_async);
  g_task_set_task_data (task, input, (GDestroyNotify) finish_input_free);
  g_task_run_in_thread (task, build_in_thread);
}

SbFinishJob *
sb_finish_job_new_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
sb_finish_job_record (SbFinishJob *self,
                      SbDraft     *draft)
{
  g_return_if_fail (SB_IS_FINISH_JOB (self));
  g_return_if_fail (SB_IS_DRAFT (draft));

  sb_draft_add_packet (draft, sb_packet_get_reference (self->packet), sb_packet_get_finalised (self->packet));
}

SbPacket *
sb_finish_job_get_packet (SbFinishJob *self)
{
  g_return_val_if_fail (SB_IS_FINISH_JOB (self), NULL);

  return self->packet;
}

const char *
sb_finish_job_get_json_path (SbFinishJob *self)
{
  g_return_val_if_fail (SB_IS_FINISH_JOB (self), NULL);

  return self->json_path;
}

const char *
sb_finish_job_get_pdf_path (SbFinishJob *self)
{
  g_return_val_if_fail (SB_IS_FINISH_JOB (self), NULL);

  return self->pdf_path;
}

const char *
sb_finish_job_get_folder_uri (SbFinishJob *self)
{
  g_return_val_if_fail (SB_IS_FINISH_JOB (self), NULL);

  return self->folder_uri;
}

/* Runs in a worker thread as well: the packet is not changed any more. */
gboolean
sb_finish_job_write_pdf (SbFinishJob  *self,
                         GError      **error)
{
  g_autoptr(GBytes) pdf = NULL;
  guint n_pages = 0;

  g_return_val_if_fail (SB_IS_FINISH_JOB (self), FALSE);

  pdf = sb_pdf_render_from_packet (self->packet, &n_pages, error);
  return pdf != NULL &&
         g_file_set_contents_full (self->pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, error);
}

void
sb_finish_job_write_pdf_async (SbFinishJob         *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (SB_IS_FINISH_JOB (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, sb_finish_job_write_pdf_async);
  /* Held so that closing the last window does not end the process while
   * the PDF is being written (released with the task). */
  if (g_application_get_default () != NULL)
    {
      GApplication *held = g_object_ref (g_application_get_default ());

      g_application_hold (held);
      g_task_set_task_data (task, held, release_application);
    }
  g_task_run_in_thread (task, write_pdf_in_thread);
}

gboolean
sb_finish_job_write_pdf_finish (SbFinishJob   *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (SB_IS_FINISH_JOB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
