/* sb-wizard.c — the way through one application, step by step
 *
 * Built entirely from the form definition.  The sidebar lists the visible
 * steps with their status (not started, in progress, has problems,
 * complete); the content shows one step at a time.  Following GOV.UK, a
 * field is checked when it is left or when Next is pressed, never while
 * it is first typed; once it has a problem it is checked again as it is
 * typed.  Every change is saved within a second, even while typing goes
 * on, so closing the window loses nothing and a crash at most the last
 * second.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-field-format.h"
#include "sb-date.h"
#include "sb-field-row.h"
#include "sb-finish-job.h"
#include "sb-packet.h"
#include "sb-review.h"
#include "sb-review-page.h"
#include "sb-table-editor.h"
#include "sb-validator.h"
#include "sb-wizard.h"

/* When the draft is written: after a short pause in typing, and at the
 * latest a second after the first change not yet saved, however fast the
 * typing goes on (a debounce with a maximum wait).  A kill or a power cut
 * then loses at most about the last second. */
#define SAVE_PAUSE_MS    300
#define SAVE_MAX_WAIT_MS 1000

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

typedef struct {
  GWeakRef      wizard;  /* not a strong one: closing must not wait for the write to be disposed */
  SaveLine     *line;
  SbDraftStore *store;
  char         *id;
  GBytes       *bytes;
  guint64       changes;
} SaveJob;

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
  GtkWidget          *save_problem;        /* GtkInfoBar, shown while the draft is not saved */
  GtkWidget          *save_problem_label;

  GPtrArray          *review_notes;  /* SbFinding* made from a review's notes */

  guint               save_source;         /* the pause after a change */
  guint               save_deadline;       /* the latest moment to save the first unsaved change */
  SaveLine           *save_line;
  guint64             changes;             /* changes made so far… */
  guint64             saved;               /* …and how many of them are on disk */
  gboolean            writing;             /* a write runs in a worker thread */
  gboolean            save_again;          /* the deadline passed during that write */
  guint               revalidate_source;
  gboolean            finishing;     /* the PDF is being written */
};

G_DEFINE_FINAL_TYPE (SbWizard, sb_wizard, ADW_TYPE_BIN)

enum {
  TOAST,
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void revalidate (SbWizard *self);
static void show_page (SbWizard *self, StepPage *page);
static void build_review (SbWizard *self);
static void set_finishing (SbWizard *self, gboolean finishing);

/* Auxiliary functions */

static char *
now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gint32
today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  int year, month, day;

  g_date_time_get_ymd (now, &year, &month, &day);
  return sb_date_from_ymd (year, month, day);
}

static void
toast (SbWizard   *self,
       const char *text)
{
  g_signal_emit (self, signals[TOAST], 0, text);
}

/* A failure that needs more than a toast's one line, and a decision. */
static void
show_error (SbWizard   *self,
            const char *heading,
            const char *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* "staff[].name" -> "staff" */
static char *
top_field (const char *path)
{
  const char *bracket = strchr (path, '[');

  return bracket ? g_strndup (path, bracket - path) : g_strdup (path);
}

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

static void
save_line_clear (gpointer data)
{
  SaveLine *line = data;

  g_mutex_clear (&line->lock);
}

static void
save_job_free (SaveJob *job)
{
  g_weak_ref_clear (&job->wizard);
  g_atomic_rc_box_release_full (job->line, save_line_clear);
  g_object_unref (job->store);
  g_free (job->id);
  g_bytes_unref (job->bytes);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveJob, save_job_free)

/* The draft as it is now: taken on the main thread, where it changes. */
static SaveJob *
save_job_new (SbWizard *self)
{
  SaveJob *job = g_new0 (SaveJob, 1);

  g_weak_ref_init (&job->wizard, self);
  job->line = g_atomic_rc_box_acquire (self->save_line);
  job->store = g_object_ref (self->store);
  job->id = g_strdup (sb_draft_get_id (self->draft));
  job->bytes = sb_draft_to_bytes (self->draft);
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
      ok = sb_draft_store_write (job->store, job->id, job->bytes, error);
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
      show_save_problem (self, error->message);
      return;
    }

  self->saved = MAX (self->saved, job->changes);
  if (self->saved == self->changes)
    show_save_problem (self, NULL);
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
static gboolean
save_draft (SbWizard  *self,
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

static void
on_save_problem_response (GtkInfoBar *bar,
                          int         response,
                          SbWizard   *self)
{
  save_draft (self, NULL);
}

static void
schedule_save (SbWizard *self)
{
  g_autofree char *now = now_iso ();

  sb_draft_touch (self->draft, now);
  self->changes++;

  /* A pause saves soon; typing on moves the pause, but never the deadline
   * the first unsaved change set. */
  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (SAVE_PAUSE_MS, on_save_timeout, self);
  if (self->save_deadline == 0)
    self->save_deadline = g_timeout_add (SAVE_MAX_WAIT_MS, on_save_deadline, self);
}

static gboolean
step_is_visible (SbWizard *self,
                 StepPage *page)
{
  for (guint f = 0; f < page->step->fields->len; f++)
    if (sb_answers_is_visible (self->answers, g_ptr_array_index (page->step->fields, f)))
      return TRUE;
  return FALSE;
}

static gboolean
field_is_answered (SbWizard      *self,
                   const SbField *field)
{
  JsonNode *node = sb_answers_get_field_json (self->answers, field->id);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  return TRUE;
}

static guint
visible_page_index (SbWizard *self,
                    StepPage *page,
                    int       direction)
{
  int index = -1;

  for (guint i = 0; i < self->pages->len; i++)
    if (g_ptr_array_index (self->pages, i) == page)
      index = i;

  for (int i = index + direction; i >= 0 && i < (int) self->pages->len; i += direction)
    if (step_is_visible (self, g_ptr_array_index (self->pages, i)))
      return i;

  return G_MAXUINT;
}

/* Findings by top-level field id: field id -> GPtrArray of SbFinding*. */
static GHashTable *
findings_by_field (SbWizard *self)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  GPtrArray *findings = sb_validation_report_get_findings (self->report);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *field = NULL;
      GPtrArray *list;

      if (finding->field == NULL)
        continue;
      field = top_field (finding->field);
      list = g_hash_table_lookup (table, field);
      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (table, g_strdup (field), list);
        }
      g_ptr_array_add (list, finding);
    }

  /* The reviewer's corrections sit with the fields they are about. */
  for (guint i = 0; i < self->review_notes->len; i++)
    {
      SbFinding *note = g_ptr_array_index (self->review_notes, i);
      g_autofree char *field = top_field (note->field);
      GPtrArray *list = g_hash_table_lookup (table, field);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (table, g_strdup (field), list);
        }
      g_ptr_array_add (list, note);
    }
  return table;
}

static void
on_summary_link (GtkButton *button,
                 SbWizard  *self)
{
  sb_wizard_show_field (self, g_object_get_data (G_OBJECT (button), "field"));
}

static void
update_step (SbWizard   *self,
             StepPage   *page,
             GHashTable *by_field)
{
  guint n_errors = 0, n_answered = 0, n_shown = 0;
  GtkWidget *child;
  gboolean visible = step_is_visible (self, page);

  gtk_widget_set_visible (page->sidebar_row, visible);

  while ((child = gtk_widget_get_first_child (page->summary_list)) != NULL)
    gtk_box_remove (GTK_BOX (page->summary_list), child);

  for (guint f = 0; f < page->step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (page->step->fields, f);
      GtkWidget *widget = g_hash_table_lookup (self->widgets, field->id);
      GPtrArray *findings = g_hash_table_lookup (by_field, field->id);
      gboolean field_visible = sb_answers_is_visible (self->answers, field);
      gboolean show = page->visited || g_hash_table_contains (self->touched, field->id);
      g_autoptr(GPtrArray) shown = g_ptr_array_new ();

      if (widget == NULL)
        continue;
      gtk_widget_set_visible (widget, field_visible);
      if (!field_visible)
        continue;

      n_answered += field_is_answered (self, field);

      for (guint i = 0; findings != NULL && i < findings->len; i++)
        {
          SbFinding *finding = g_ptr_array_index (findings, i);

          /* Notices are for the review page; problems once checked;
           * a reviewer's correction always. */
          if (finding->severity == SB_SEVERITY_INFO)
            continue;
          n_errors += finding->severity == SB_SEVERITY_ERROR;
          if (show || finding->rule_id == NULL)
            g_ptr_array_add (shown, finding);
        }

      if (SB_IS_TABLE_EDITOR (widget))
        sb_table_editor_set_report (SB_TABLE_EDITOR (widget), self->report, show);
      else
        sb_field_row_set_findings (SB_FIELD_ROW (widget), shown);

      for (guint i = 0; i < shown->len && n_shown < 12; i++)
        {
          SbFinding *finding = g_ptr_array_index (shown, i);
          g_autofree char *text = NULL;
          GtkWidget *link;

          if (finding->severity != SB_SEVERITY_ERROR)
            continue;
          text = finding->row >= 0
            ? g_strdup_printf ("%s（%s）", finding->message_zh, sb_text_get (&field->label))
            : g_strdup (finding->message_zh);
          link = gtk_button_new_with_label (text);
          gtk_widget_add_css_class (link, "flat");
          gtk_widget_add_css_class (link, "summary-link");
          gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), TRUE);
          gtk_label_set_xalign (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (link))), 0);
          g_object_set_data_full (G_OBJECT (link), "field", g_strdup (field->id), g_free);
          g_signal_connect (link, "clicked", G_CALLBACK (on_summary_link), self);
          gtk_box_append (GTK_BOX (page->summary_list), link);
          n_shown++;
        }
    }

  gtk_widget_set_visible (page->summary, n_shown > 0);

  if (page->visited && n_errors > 0)
    page->status = STEP_HAS_PROBLEMS;
  else if (page->visited)
    page->status = STEP_COMPLETE;
  else if (n_answered > 0)
    page->status = STEP_IN_PROGRESS;
  else
    page->status = STEP_NOT_STARTED;
  if (n_shown > 0)
    page->status = STEP_HAS_PROBLEMS;

  switch (page->status)
    {
    case STEP_COMPLETE:
      gtk_image_set_from_icon_name (GTK_IMAGE (page->status_icon), "emblem-ok-symbolic");
      gtk_label_set_text (GTK_LABEL (page->status_label), _("Complete"));
      break;
    case STEP_HAS_PROBLEMS:
      gtk_image_set_from_icon_name (GTK_IMAGE (page->status_icon), "dialog-warning-symbolic");
      gtk_label_set_text (GTK_LABEL (page->status_label), _("Has problems"));
      break;
    case STEP_IN_PROGRESS:
      gtk_image_set_from_icon_name (GTK_IMAGE (page->status_icon), "document-edit-symbolic");
      gtk_label_set_text (GTK_LABEL (page->status_label), _("In progress"));
      break;
    case STEP_NOT_STARTED:
    default:
      gtk_image_set_from_icon_name (GTK_IMAGE (page->status_icon), NULL);
      gtk_label_set_text (GTK_LABEL (page->status_label), _("Not started"));
      break;
    }
  gtk_widget_set_tooltip_text (page->sidebar_row, gtk_label_get_text (GTK_LABEL (page->status_label)));
}

static void
revalidate (SbWizard *self)
{
  g_autoptr(GHashTable) by_field = NULL;
  guint n_visible = 0, n_complete = 0;
  g_autofree char *progress = NULL;

  g_clear_pointer (&self->report, sb_validation_report_unref);
  self->report = sb_validate (self->answers, today (), self->calendar);
  by_field = findings_by_field (self);

  for (guint i = 0; i < self->pages->len; i++)
    {
      StepPage *page = g_ptr_array_index (self->pages, i);

      update_step (self, page, by_field);
      if (gtk_widget_get_visible (page->sidebar_row))
        {
          /* Steps are numbered as the person sees them, hidden ones left out. */
          g_autofree char *title = g_strdup_printf ("%u. %s", n_visible + 1, sb_text_get (&page->step->title));

          gtk_label_set_text (GTK_LABEL (page->title_label), title);
          n_visible++;
          n_complete += page->status == STEP_COMPLETE;
        }
    }

  progress = g_strdup_printf (_("%u of %u steps complete"), n_complete, n_visible);
  gtk_label_set_text (GTK_LABEL (self->progress_label), progress);
  gtk_progress_bar_set_fraction (GTK_PROGRESS_BAR (self->progress_bar),
                                 n_visible > 0 ? (double) n_complete / n_visible : 0);
}

static void
on_field_changed (SbFieldRow *row,
                  JsonNode   *value,
                  SbWizard   *self)
{
  const SbField *field = sb_field_row_get_field (row);

  sb_answers_set_field (self->answers, field->id, value);
  schedule_save (self);
  self->insisted = FALSE;

  /* Visibility may depend on this answer; a field already checked is
   * checked again as it is typed. */
  revalidate (self);
}

static gboolean
on_revalidate_idle (gpointer user_data)
{
  SbWizard *self = user_data;

  self->revalidate_source = 0;
  revalidate (self);
  return G_SOURCE_REMOVE;
}

/* Leaving a field happens while the focus moves: rebuilding messages and
 * summaries then would pull widgets from under the focus change, so the
 * check runs right after it. */
static void
queue_revalidate (SbWizard *self)
{
  if (self->revalidate_source == 0)
    self->revalidate_source = g_idle_add (on_revalidate_idle, self);
}

static void
on_field_left (SbFieldRow *row,
               SbWizard   *self)
{
  g_hash_table_add (self->touched, g_strdup (sb_field_row_get_field (row)->id));
  queue_revalidate (self);
}

static void
on_table_changed (SbTableEditor *editor,
                  SbWizard      *self)
{
  schedule_save (self);
  revalidate (self);
}

static void
on_table_left (SbTableEditor *editor,
               SbWizard      *self)
{
  g_hash_table_add (self->touched, g_strdup (sb_table_editor_get_field (editor)->id));
  queue_revalidate (self);
}

typedef struct {
  SbTableEditor *editor;
  guint          row;
  JsonNode      *copy;
} DeletedRow;

static void
deleted_row_free (gpointer data)
{
  DeletedRow *deleted = data;

  g_object_unref (deleted->editor);
  json_node_unref (deleted->copy);
  g_free (deleted);
}

static void
on_undo_delete (AdwToast   *toast_widget,
                DeletedRow *deleted)
{
  sb_table_editor_restore_row (deleted->editor, deleted->row, deleted->copy);
}

static void
on_row_deleted (SbTableEditor *editor,
                guint          row,
                JsonNode      *copy,
                SbWizard      *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  AdwToastOverlay *overlay = root ? g_object_get_data (G_OBJECT (root), "toast-overlay") : NULL;
  g_autofree char *title = g_strdup_printf (_("Row %u deleted"), row + 1);
  AdwToast *undo = adw_toast_new (title);
  DeletedRow *deleted = g_new0 (DeletedRow, 1);

  deleted->editor = g_object_ref (editor);
  deleted->row = row;
  deleted->copy = json_node_copy (copy);
  adw_toast_set_button_label (undo, _("_Undo"));
  g_signal_connect_data (undo, "button-clicked", G_CALLBACK (on_undo_delete), deleted,
                         (GClosureNotify) (void (*) (void)) deleted_row_free, 0);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (overlay, undo);
  else
    g_object_unref (g_object_ref_sink (undo));
}

static GtkWidget *
build_field_widget (SbWizard *self,
                    SbField  *field)
{
  if (field->type == SB_FIELD_TABLE)
    {
      SbTableEditor *editor = sb_table_editor_new (self->answers, field);

      sb_table_editor_set_file_store (editor, self->files);

      g_signal_connect (editor, "changed", G_CALLBACK (on_table_changed), self);
      g_signal_connect (editor, "left", G_CALLBACK (on_table_left), self);
      g_signal_connect (editor, "row-deleted", G_CALLBACK (on_row_deleted), self);
      return GTK_WIDGET (editor);
    }
  else
    {
      SbFieldRow *row = sb_field_row_new (field);

      sb_field_row_set_file_store (row, self->files);
      sb_field_row_set_value (row, sb_answers_get_field_json (self->answers, field->id));
      g_signal_connect (row, "changed", G_CALLBACK (on_field_changed), self);
      g_signal_connect (row, "left", G_CALLBACK (on_field_left), self);
      return GTK_WIDGET (row);
    }
}

static GtkWidget *
build_step_page (SbWizard *self,
                 StepPage *page,
                 guint     index)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (sb_text_get (&page->step->title));
  GtkWidget *summary_title;

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (box), title);

  if (page->step->description.zh_CN != NULL)
    {
      GtkWidget *description = gtk_label_new (sb_text_get (&page->step->description));

      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_widget_add_css_class (description, "dim-label");
      gtk_box_append (GTK_BOX (box), description);
    }

  /* The error summary: every problem of the step, each a link to its field. */
  page->summary = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (page->summary, "card");
  gtk_widget_add_css_class (page->summary, "error-summary");
  summary_title = gtk_label_new (_("There is a problem"));
  gtk_label_set_xalign (GTK_LABEL (summary_title), 0);
  gtk_widget_add_css_class (summary_title, "heading");
  gtk_widget_set_margin_start (summary_title, 12);
  gtk_widget_set_margin_top (summary_title, 12);
  page->summary_list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_bottom (page->summary_list, 6);
  gtk_box_append (GTK_BOX (page->summary), summary_title);
  gtk_box_append (GTK_BOX (page->summary), page->summary_list);
  gtk_widget_set_visible (page->summary, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->summary), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("There is a problem"), -1);
  gtk_box_append (GTK_BOX (box), page->summary);

  page->fields = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (page->fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (page->fields, "boxed-list");
  for (guint f = 0; f < page->step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (page->step->fields, f);
      GtkWidget *widget;

      if (field->system || field->computed != NULL)
        continue;
      widget = build_field_widget (self, field);
      g_hash_table_insert (self->widgets, g_strdup (field->id), widget);
      gtk_list_box_append (GTK_LIST_BOX (page->fields), widget);
    }
  gtk_box_append (GTK_BOX (box), page->fields);

  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

static GtkWidget *
build_sidebar_row (StepPage   *page,
                   guint       number,
                   const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *numbered = number > 0 ? g_strdup_printf ("%u. %s", number, title) : g_strdup (title);
  GtkWidget *label = gtk_label_new (numbered);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (texts), status);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (page != NULL)
    {
      page->title_label = label;
      page->status_icon = icon;
      page->status_label = status;
    }
  return row;
}

static void
update_buttons (SbWizard *self)
{
  gboolean on_step = self->current != NULL;
  gboolean has_previous = on_step && visible_page_index (self, self->current, -1) != G_MAXUINT;

  gtk_widget_set_visible (self->action_bar, gtk_stack_get_visible_child (GTK_STACK (self->stack)) != self->result_page);
  gtk_widget_set_sensitive (self->back_button, has_previous || !on_step);
  gtk_widget_set_visible (self->next_button, on_step);
  gtk_widget_set_visible (self->return_button, on_step && self->return_to_review);
  gtk_button_set_label (GTK_BUTTON (self->next_button), self->insisted ? _("Continue _Anyway") : _("_Next"));
}

static void
show_page (SbWizard *self,
           StepPage *page)
{
  self->current = page;
  self->insisted = FALSE;

  if (page == NULL)
    {
      build_review (self);
      gtk_stack_set_visible_child (GTK_STACK (self->stack), self->review_page);
      gtk_list_box_select_row (GTK_LIST_BOX (self->sidebar_list), GTK_LIST_BOX_ROW (self->review_row));
    }
  else
    {
      gtk_stack_set_visible_child (GTK_STACK (self->stack), page->page);
      gtk_list_box_select_row (GTK_LIST_BOX (self->sidebar_list), GTK_LIST_BOX_ROW (page->sidebar_row));
      if (g_strcmp0 (sb_draft_get_step (self->draft), page->step->id) != 0)
        {
          sb_draft_set_step (self->draft, page->step->id);
          schedule_save (self);
        }
      /* Scroll back to the top of a page shown again. */
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page->page)), 0);
    }

  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
  update_buttons (self);
}

static void
on_sidebar_row_activated (GtkListBox    *list,
                          GtkListBoxRow *row,
                          SbWizard      *self)
{
  if (GTK_WIDGET (row) == self->review_row)
    {
      show_page (self, NULL);
      return;
    }

  for (guint i = 0; i < self->pages->len; i++)
    {
      StepPage *page = g_ptr_array_index (self->pages, i);

      if (page->sidebar_row == GTK_WIDGET (row))
        show_page (self, page);
    }
}

/* Selecting a step (arrow keys, assistive technologies) shows it too. */
static void
on_sidebar_row_selected (GtkListBox    *list,
                         GtkListBoxRow *row,
                         SbWizard      *self)
{
  GtkWidget *current = self->current ? self->current->sidebar_row
                       : gtk_stack_get_visible_child (GTK_STACK (self->stack)) == self->review_page ? self->review_row
                       : NULL;

  if (row == NULL || GTK_WIDGET (row) == current)
    return;
  on_sidebar_row_activated (list, row, self);
}

static guint
step_error_count (SbWizard *self,
                  StepPage *page)
{
  g_autoptr(GHashTable) by_field = findings_by_field (self);
  guint n = 0;

  for (guint f = 0; f < page->step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (page->step->fields, f);
      GPtrArray *findings = g_hash_table_lookup (by_field, field->id);

      if (!sb_answers_is_visible (self->answers, field))
        continue;
      for (guint i = 0; findings != NULL && i < findings->len; i++)
        n += ((SbFinding *) g_ptr_array_index (findings, i))->severity == SB_SEVERITY_ERROR;
    }
  return n;
}

static void
on_next_clicked (GtkButton *button,
                 SbWizard  *self)
{
  StepPage *page = self->current;
  guint next;

  if (page == NULL)
    return;

  /* Pressing Next checks every field of the step. */
  page->visited = TRUE;
  revalidate (self);

  if (step_error_count (self, page) > 0 && !self->insisted)
    {
      GtkWidget *first = gtk_widget_get_first_child (page->summary_list);

      /* Stay, show the summary and put the focus on it; a second press
       * goes on: a draft may be left incomplete. */
      self->insisted = TRUE;
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (page->page)), 0);
      if (first != NULL)
        gtk_widget_grab_focus (first);
      update_buttons (self);
      return;
    }

  if (self->return_to_review)
    {
      self->return_to_review = FALSE;
      show_page (self, NULL);
      return;
    }

  next = visible_page_index (self, page, +1);
  show_page (self, next == G_MAXUINT ? NULL : g_ptr_array_index (self->pages, next));
}

static void
on_back_clicked (GtkButton *button,
                 SbWizard  *self)
{
  guint previous;

  if (self->current == NULL)
    {
      /* From the review page back to the last visible step. */
      for (int i = self->pages->len - 1; i >= 0; i--)
        if (step_is_visible (self, g_ptr_array_index (self->pages, i)))
          {
            show_page (self, g_ptr_array_index (self->pages, i));
            return;
          }
      return;
    }

  previous = visible_page_index (self, self->current, -1);
  if (previous != G_MAXUINT)
    show_page (self, g_ptr_array_index (self->pages, previous));
}

static void
on_return_clicked (GtkButton *button,
                   SbWizard  *self)
{
  if (self->current != NULL)
    self->current->visited = TRUE;
  self->return_to_review = FALSE;
  revalidate (self);
  show_page (self, NULL);
}

static void
on_steps_clicked (GtkButton *button,
                  SbWizard  *self)
{
  adw_leaflet_navigate (ADW_LEAFLET (self->leaflet), ADW_NAVIGATION_DIRECTION_BACK);
}

static void
on_folded_changed (AdwLeaflet *leaflet,
                   GParamSpec *pspec,
                   SbWizard   *self)
{
  gboolean folded = adw_leaflet_get_folded (leaflet);

  gtk_widget_set_visible (self->steps_button, folded);

  /* Folded means narrow: there Back is an arrow, or the steps button,
   * Back, "Return to Check Your Answers" and Next would not fit in 360 px. */
  if (folded)
    {
      gtk_button_set_icon_name (GTK_BUTTON (self->back_button), "go-previous-symbolic");
      gtk_widget_set_tooltip_text (self->back_button, _("Back"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Back"), -1);
    }
  else
    {
      gtk_button_set_label (GTK_BUTTON (self->back_button), _("_Back"));
      gtk_widget_set_tooltip_text (self->back_button, NULL);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->back_button), GTK_ACCESSIBLE_PROPERTY_LABEL);
    }
}

/* The review page ("check your answers") */

static void
on_review_change_field (SbReviewPage *page,
                        const char   *field_id,
                        SbWizard     *self)
{
  self->return_to_review = TRUE;
  sb_wizard_show_field (self, field_id);
  update_buttons (self);
}

static gboolean
ready_to_finish (SbWizard *self)
{
  GPtrArray *findings = sb_validation_report_get_findings (self->report);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *justification = NULL;

      if (finding->severity == SB_SEVERITY_ERROR)
        return FALSE;
      if (finding->severity != SB_SEVERITY_WARNING)
        continue;
      justification = g_strdup (sb_draft_get_justification (self->draft, finding->rule_id));
      if (justification == NULL || *g_strstrip (justification) == '\0')
        return FALSE;
    }
  return TRUE;
}

static void
on_review_justification_changed (SbReviewPage *page,
                                 const char   *rule_id,
                                 const char   *text,
                                 SbWizard     *self)
{
  sb_draft_set_justification (self->draft, rule_id, text);
  schedule_save (self);
  sb_review_page_set_finish_state (page, self->finishing, ready_to_finish (self));
}

static void
build_review (SbWizard *self)
{
  g_autoptr(GPtrArray) steps = g_ptr_array_new ();

  /* Everything counts as checked once the person reviews. */
  for (guint i = 0; i < self->pages->len; i++)
    ((StepPage *) g_ptr_array_index (self->pages, i))->visited = TRUE;
  revalidate (self);

  for (guint p = 0; p < self->pages->len; p++)
    {
      StepPage *page = g_ptr_array_index (self->pages, p);

      if (step_is_visible (self, page))
        g_ptr_array_add (steps, page->step);
    }
  sb_review_page_update (SB_REVIEW_PAGE (self->review_page), self->report, steps);
  set_finishing (self, self->finishing);
}

/* Finishing: the packet JSON and its PDF where the person chooses */

static void
show_result (SbWizard   *self,
             SbPacket   *packet,
             const char *json_path,
             const char *pdf_path)
{
  GPtrArray *steps = sb_form_definition_get_guide_steps (self->definition);
  g_autofree char *description = NULL;
  GtkWidget *status, *box, *group, *home;

  if (self->result_page != NULL)
    gtk_stack_remove (GTK_STACK (self->stack), self->result_page);

  description = g_strdup_printf (_("Reference number %s. Print the PDF, sign and seal it where the boxes are, "
                                   "and hand it in with the packet file."), sb_packet_get_reference (packet));
  status = adw_status_page_new ();
  adw_status_page_set_icon_name (ADW_STATUS_PAGE (status), "emblem-ok-symbolic");
  adw_status_page_set_title (ADW_STATUS_PAGE (status), _("Application Finished"));
  adw_status_page_set_description (ADW_STATUS_PAGE (status), description);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 18);
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Files"));
  for (guint i = 0; i < 2; i++)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), i == 0 ? _("Application packet") : _("PDF to print and file"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), i == 0 ? json_path : pdf_path);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (box), group);

  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("What Happens Next"));
  for (guint i = 0; i < steps->len; i++)
    {
      SbGuideStep *step = g_ptr_array_index (steps, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%u. %s", i + 1, sb_text_get (&step->actor));
      g_autofree char *text = step->deadline_working_days > 0
        ? g_strdup_printf (_("%s (within %d working days)"), sb_text_get (&step->action), step->deadline_working_days)
        : g_strdup (sb_text_get (&step->action));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (GTK_BOX (box), group);

  home = gtk_button_new_with_mnemonic (_("_Back to the Start Page"));
  gtk_widget_add_css_class (home, "pill");
  gtk_widget_set_halign (home, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (home), "wizard.close");
  gtk_box_append (GTK_BOX (box), home);

  {
    GtkWidget *clamp = adw_clamp_new ();

    adw_clamp_set_child (ADW_CLAMP (clamp), box);
    adw_status_page_set_child (ADW_STATUS_PAGE (status), clamp);
  }

  self->result_page = status;
  gtk_stack_add_child (GTK_STACK (self->stack), status);
  gtk_stack_set_visible_child (GTK_STACK (self->stack), status);
  self->current = NULL;
  update_buttons (self);
}

/* Builds and saves the packet; the draft records it. */
static SbFinishJob *
save_packet (SbWizard  *self,
             GFile     *folder,
             GError   **error)
{
  g_autofree char *now = now_iso ();
  SbFinishJob *job = sb_finish_job_new (self->draft, self->files, self->calendar, folder, today (), now, error);

  if (job != NULL)
    schedule_save (self);
  return job;
}

static void
show_finished (SbWizard    *self,
               SbFinishJob *job)
{
  g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);

  show_result (self, sb_finish_job_get_packet (job), sb_finish_job_get_json_path (job), sb_finish_job_get_pdf_path (job));
  g_settings_set_string (settings, "last-folder", sb_finish_job_get_folder_uri (job));
}

static void
set_finishing (SbWizard *self,
               gboolean  finishing)
{
  self->finishing = finishing;
  sb_review_page_set_finish_state (SB_REVIEW_PAGE (self->review_page), finishing, ready_to_finish (self));
}

static void
on_pdf_written (GObject      *source_object,
                GAsyncResult *result,
                gpointer      user_data)
{
  SbFinishJob *job = SB_FINISH_JOB (source_object);
  g_autoptr(SbWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean written = sb_finish_job_write_pdf_finish (job, result, &error);

  /* The window was closed meanwhile: the files are written all the same. */
  if (self->draft == NULL)
    return;

  set_finishing (self, FALSE);
  if (!written)
    {
      g_autofree char *text = g_strdup_printf (_("The packet was saved as %s, but its PDF could not be made: %s"),
                                               sb_finish_job_get_json_path (job), error->message);

      show_error (self, _("The PDF Could Not Be Made"), text);
      return;
    }
  show_finished (self, job);
}

static void
finish_in_background (SbWizard *self,
                      GFile    *folder)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFinishJob) job = save_packet (self, folder, &error);

  if (job == NULL)
    {
      show_error (self, _("The Application Could Not Be Finished"), error->message);
      return;
    }

  set_finishing (self, TRUE);
  sb_finish_job_write_pdf_async (job, NULL, on_pdf_written, g_object_ref (self));
}

static void
on_folder_chosen (GtkNativeDialog *chooser,
                  int              response,
                  SbWizard        *self)
{
  if (response == GTK_RESPONSE_ACCEPT && !self->finishing)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      finish_in_background (self, folder);
    }

  g_object_unref (chooser);
  g_object_unref (self);
}

static void
on_review_finish (SbReviewPage *page,
                  SbWizard     *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkFileChooserNative *chooser;

  if (self->finishing)
    return;

  chooser = gtk_file_chooser_native_new (_("Where to Save the Application"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Save Here"), _("_Cancel"));
  /* Start where the last application went. */
  {
    g_autoptr(GSettings) settings = g_settings_new (BASE_APP_ID);
    g_autofree char *uri = g_settings_get_string (settings, "last-folder");

    if (uri != NULL && *uri != '\0')
      {
        g_autoptr(GFile) last = g_file_new_for_uri (uri);

        if (g_file_query_file_type (last, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), last, NULL);
      }
  }
  g_signal_connect (chooser, "response", G_CALLBACK (on_folder_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
previous_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SbWizard *self = SB_WIZARD (widget);

  on_back_clicked (GTK_BUTTON (self->back_button), self);
}

static void
next_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWizard *self = SB_WIZARD (widget);

  if (self->current != NULL)
    on_next_clicked (GTK_BUTTON (self->next_button), self);
}

/* Everything is saved as it is typed; Ctrl+S says so, and writes now. */
static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SbWizard *self = SB_WIZARD (widget);
  g_autoptr(GError) error = NULL;

  /* Written even when nothing changed: the person asked. */
  self->changes++;
  /* A failure is shown in the bar above the page. */
  if (sb_wizard_save_now (self, &error))
    toast (self, _("Saved. Every change is saved as you make it."));
}

/* What a field row tells about its files (sb-field-row-attach.c). */
static void
toast_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  toast (SB_WIZARD (widget), g_variant_get_string (parameter, NULL));
}

static void
close_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  g_signal_emit (widget, signals[CLOSED], 0);
}

static void
review_note_free (gpointer data)
{
  SbFinding *note = data;

  g_free (note->field);
  g_free (note->message_zh);
  g_free (note->message_en);
  g_free (note);
}

/* GObject overrides */

static void
sb_wizard_dispose (GObject *object)
{
  SbWizard *self = SB_WIZARD (object);

  /* Nothing is lost on the way out: the last change is written now,
   * after any write still running. */
  if (self->draft != NULL)
    save_draft (self, NULL);
  if (self->save_line != NULL)
    {
      g_atomic_rc_box_release_full (self->save_line, save_line_clear);
      self->save_line = NULL;
    }

  g_clear_handle_id (&self->revalidate_source, g_source_remove);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->widgets, g_hash_table_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_clear_pointer (&self->review_notes, g_ptr_array_unref);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_object (&self->draft);
  g_clear_object (&self->store);
  g_clear_object (&self->files);
  g_clear_object (&self->calendar);

  G_OBJECT_CLASS (sb_wizard_parent_class)->dispose (object);
}

static void
sb_wizard_class_init (SbWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_wizard_dispose;

  signals[TOAST] = g_signal_new ("toast", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                 G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CLOSED] = g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/sb-wizard.ui");
  gtk_widget_class_bind_template_child (widget_class, SbWizard, leaflet);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, progress_label);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, save_problem);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, save_problem_label);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, stack);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, action_bar);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, steps_button);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, back_button);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, return_button);
  gtk_widget_class_bind_template_child (widget_class, SbWizard, next_button);
  gtk_widget_class_bind_template_callback (widget_class, on_folded_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_save_problem_response);
  gtk_widget_class_bind_template_callback (widget_class, on_steps_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_return_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_next_clicked);

  gtk_widget_class_install_action (widget_class, "wizard.close", NULL, close_action);
  gtk_widget_class_install_action (widget_class, "wizard.previous", NULL, previous_action);
  gtk_widget_class_install_action (widget_class, "wizard.next", NULL, next_action);
  gtk_widget_class_install_action (widget_class, "wizard.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "wizard.toast", "s", toast_action);
}

static void
sb_wizard_init (SbWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_info_bar_add_button (GTK_INFO_BAR (self->save_problem), _("_Try Again"), GTK_RESPONSE_ACCEPT);
  /* Beside Back and Next in a 360 px window the label does not fit whole. */
  gtk_label_set_ellipsize (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (self->return_button))), PANGO_ELLIPSIZE_END);

  self->pages = g_ptr_array_new_with_free_func (g_free);
  self->widgets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->review_notes = g_ptr_array_new_with_free_func (review_note_free);
  self->save_line = g_atomic_rc_box_new0 (SaveLine);
  g_mutex_init (&self->save_line->lock);
}

/* Public API */

SbWizard *
sb_wizard_new (SbDraft      *draft,
               SbDraftStore *store,
               SbFileStore  *files,
               SbCalendar   *calendar)
{
  SbWizard *self;
  GPtrArray *steps;
  StepPage *resume = NULL;

  g_return_val_if_fail (SB_IS_DRAFT (draft), NULL);
  g_return_val_if_fail (SB_IS_DRAFT_STORE (store), NULL);
  g_return_val_if_fail (SB_IS_FILE_STORE (files), NULL);

  self = g_object_new (SB_TYPE_WIZARD, NULL);
  self->draft = g_object_ref (draft);
  self->store = g_object_ref (store);
  self->files = g_object_ref (files);
  self->calendar = calendar ? g_object_ref (calendar) : NULL;
  self->answers = sb_draft_get_answers (draft);
  self->definition = sb_draft_get_definition (draft);

  steps = sb_form_definition_get_steps (self->definition);
  for (guint i = 0; i < steps->len; i++)
    {
      StepPage *page = g_new0 (StepPage, 1);

      page->step = g_ptr_array_index (steps, i);
      page->page = build_step_page (self, page, i);
      page->sidebar_row = build_sidebar_row (page, i + 1, sb_text_get (&page->step->title));
      gtk_stack_add_child (GTK_STACK (self->stack), page->page);
      gtk_list_box_append (GTK_LIST_BOX (self->sidebar_list), page->sidebar_row);
      g_ptr_array_add (self->pages, page);
      if (g_strcmp0 (sb_draft_get_step (draft), page->step->id) == 0)
        resume = page;
    }

  self->review_row = build_sidebar_row (NULL, 0, _("Check and Finish"));
  gtk_list_box_append (GTK_LIST_BOX (self->sidebar_list), self->review_row);

  self->review_page = GTK_WIDGET (sb_review_page_new (draft));
  g_signal_connect (self->review_page, "change-field", G_CALLBACK (on_review_change_field), self);
  g_signal_connect (self->review_page, "justification-changed", G_CALLBACK (on_review_justification_changed), self);
  g_signal_connect (self->review_page, "finish", G_CALLBACK (on_review_finish), self);
  gtk_stack_add_child (GTK_STACK (self->stack), self->review_page);

  revalidate (self);

  /* Reopen where the person was; otherwise at the first visible step. */
  if (resume == NULL || !step_is_visible (self, resume))
    {
      resume = NULL;
      for (guint i = 0; i < self->pages->len && resume == NULL; i++)
        if (step_is_visible (self, g_ptr_array_index (self->pages, i)))
          resume = g_ptr_array_index (self->pages, i);
    }
  show_page (self, resume);

  return self;
}

SbDraft *
sb_wizard_get_draft (SbWizard *self)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), NULL);

  return self->draft;
}

gboolean
sb_wizard_save_now (SbWizard  *self,
                    GError   **error)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);

  return save_draft (self, error);
}

void
sb_wizard_show_field (SbWizard   *self,
                      const char *field_id)
{
  GtkWidget *widget;

  g_return_if_fail (SB_IS_WIZARD (self));
  g_return_if_fail (field_id != NULL);

  widget = g_hash_table_lookup (self->widgets, field_id);
  if (widget == NULL)
    return;

  for (guint i = 0; i < self->pages->len; i++)
    {
      StepPage *page = g_ptr_array_index (self->pages, i);

      if (gtk_widget_is_ancestor (widget, page->page))
        {
          gboolean returning = self->return_to_review;

          show_page (self, page);
          self->return_to_review = returning;
          update_buttons (self);
        }
    }

  if (SB_IS_FIELD_ROW (widget))
    sb_field_row_focus_input (SB_FIELD_ROW (widget));
  else
    gtk_widget_grab_focus (widget);
}

void
sb_wizard_show_review (SbWizard *self)
{
  g_return_if_fail (SB_IS_WIZARD (self));

  show_page (self, NULL);
}

GtkWidget *
sb_wizard_get_field_widget (SbWizard   *self,
                            const char *field_id)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), NULL);

  return g_hash_table_lookup (self->widgets, field_id);
}

void
sb_wizard_next (SbWizard *self)
{
  g_return_if_fail (SB_IS_WIZARD (self));

  on_next_clicked (GTK_BUTTON (self->next_button), self);
}

gboolean
sb_wizard_shows_problems (SbWizard *self)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);

  return self->current != NULL && gtk_widget_get_visible (self->current->summary);
}

gboolean
sb_wizard_can_finish (SbWizard *self)
{
  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);

  return ready_to_finish (self);
}

gboolean
sb_wizard_finish_into (SbWizard  *self,
                       GFile     *folder,
                       GError   **error)
{
  g_autoptr(SbFinishJob) job = NULL;

  g_return_val_if_fail (SB_IS_WIZARD (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  /* The same steps as the Finish button, with the PDF written before returning. */
  job = save_packet (self, folder, error);
  if (job == NULL || !sb_finish_job_write_pdf (job, error))
    return FALSE;
  show_finished (self, job);
  return TRUE;
}

guint
sb_wizard_set_review (SbWizard *self,
                      SbReview *review)
{
  GPtrArray *notes;
  const char *first = NULL;
  guint n = 0;

  g_return_val_if_fail (SB_IS_WIZARD (self), 0);
  g_return_val_if_fail (SB_IS_REVIEW (review), 0);

  g_ptr_array_set_size (self->review_notes, 0);
  notes = sb_review_get_notes (review);
  for (guint i = 0; i < notes->len; i++)
    {
      SbReviewNote *note = g_ptr_array_index (notes, i);
      SbFinding *finding;

      /* Notes on materials or the whole application are in the notice. */
      if (note->field == NULL)
        continue;

      finding = g_new0 (SbFinding, 1);
      finding->severity = SB_SEVERITY_ERROR;
      finding->field = g_strdup (note->field);
      finding->row = note->row;
      finding->message_zh = note->row >= 0
        ? g_strdup_printf ("审核意见（第 %d 行）：%s", note->row + 1, note->text)
        : g_strdup_printf ("审核意见：%s", note->text);
      finding->message_en = g_strdup (note->text);
      g_ptr_array_add (self->review_notes, finding);
      if (first == NULL)
        first = finding->field;
      n++;
    }

  revalidate (self);
  if (first != NULL)
    {
      g_autofree char *field = top_field (first);

      sb_wizard_show_field (self, field);
    }
  return n;
}
