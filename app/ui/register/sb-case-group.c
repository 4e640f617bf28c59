/* sb-case-group.c — the case of the packet under review, as the register
 * has it
 *
 * Shows the case's status and its next deadline, and moves it to one of
 * the statuses the workflow allows from there (sb_case_status_next()),
 * with the reason the register asks for.  The one-time notice (一次性告知)
 * is recorded with its number, the working days the applicant has, the
 * office and its contact, and every correction the notice lists (the
 * review's notes and the checklist points that do not comply): the
 * register's clock stops until the corrections arrive.  Recording the
 * notice also writes its PDF (sb_pdf_render_notice(): the same number,
 * period, office, contact and corrections, from a copy of the review
 * taken as it was recorded), in the user's data folder, and shows it
 * to print, open or find: one act, so what the register holds and what
 * the applicant receives never differ.  The case's latest notice is
 * shown with its period and its PDF whenever the case is read.  Where the
 * procedure's deadlines count from an event that is not a status (耕地's
 * 总体方案编制完成, 调整, 报备), that event is offered too.  Every change
 * happened on the day typed in its row, today when it is empty.
 *
 * An on-site inspection (实地核验) ends with its result, a record of its
 * own: 核验通过 or 核验不通过, the 现场说明 (required when it failed), the
 * day of the visit and who inspected; the latest result is shown with
 * the case and each in its history.  Approving a case whose latest
 * inspection failed asks first, in the group, naming what was found, as
 * approving a packet that does not verify does on the review page: the
 * reviewer may have cleared it up since, but never approves it unawares,
 * and the reason recorded says the approval was given despite it.
 *
 * While a one-time notice waits, the next deadline shown is the
 * applicant's 补正期限 (the office's clock is stopped), said to be theirs.
 *
 * Every change runs in a worker thread (the register may be across the
 * network).  A reason typed is kept until the register has recorded it:
 * a refusal or a lost connection never loses it.  When another reviewer
 * changed the case first, the register says who and when; the case is
 * read again and the reason stays for another try.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-case-group"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-accessible.h"
#include "sb-case-group.h"
#include "sb-case-item.h"
#include "sb-date.h"
#include "sb-document-actions.h"
#include "sb-input-normalize.h"
#include "sb-notice-pdf.h"
#include "sb-pdf-review.h"
#include "sb-safe-text.h"
#include "sb-toast.h"

struct _SbCaseGroup
{
  AdwPreferencesGroup parent_instance;

  SbRegister   *case_register;
  SbCalendar   *calendar;
  SbCase       *a_case;
  SbReview     *review;
  char         *applicant;     /* as the review's documents print it */
  char         *by;
  GCancellable *busy;
  GCancellable *reading_history;
  /* The statuses offered, in the combo row's order. */
  GPtrArray    *targets;
  char         *suggested;     /* the review's decision last suggested */

  GtkWidget    *status_row;
  GtkWidget    *deadline_row;
  GtkWidget    *target_row;
  GtkWidget    *reason_row;
  GtkWidget    *day_row;       /* the day it happened; empty: today */
  GtkWidget    *number_row;    /* the notice's, shown when it is chosen */
  GtkWidget    *days_row;
  GtkWidget    *office_row;
  GtkWidget    *contact_row;
  GtkWidget    *record_button;
  GtkWidget    *problem_row;
  GtkWidget    *history_row;   /* AdwExpanderRow */
  GPtrArray    *history_rows;  /* its rows, to replace them */
  GtkWidget    *notice_row;    /* the latest notice, when there is one */
  GtkWidget    *notice_actions;  /* its PDF's Print, Open, Show in Folder */
  SbNotice     *notice;        /* the latest notice of the case, or NULL */
  GFile        *notice_pdf;    /* its PDF on this machine, or NULL */
  /* Ending an inspection: its result, shown while the case is in one. */
  GtkWidget    *result_row;    /* AdwComboRow: choose, 核验通过, 核验不通过 */
  GtkWidget    *findings_row;
  GtkWidget    *inspected_row; /* the day of the visit; empty: today */
  GtkWidget    *inspector_row;
  GtkWidget    *inspection_row;  /* the latest result, when there is one */
  SbInspection *inspection;    /* the latest result of the case, or NULL */
  GtkWidget    *confirm_row;   /* approving despite a failed inspection */
  GtkWidget    *confirm_cancel;
  char         *confirm_why;   /* the reason of the approval asked about */
  gboolean      approving_despite;  /* the reviewer said Approve Anyway */
};

G_DEFINE_FINAL_TYPE (SbCaseGroup, sb_case_group, ADW_TYPE_PREFERENCES_GROUP)

enum {
  SIGNAL_CHANGED,
  SIGNAL_TOAST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_problem (SbCaseGroup *self,
              const char  *problem)
{
  if (problem != NULL)
    {
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->problem_row), problem);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->problem_row), GTK_ACCESSIBLE_PROPERTY_LABEL, problem, -1);
    }
  gtk_widget_set_visible (self->problem_row, problem != NULL);
}

/* The events a case records without a change of status (耕地's plan),
 * which sb_register_record_event() takes. */
static const char * const standalone_events[] = { "plan_completed", "plan_adjusted", "plan_filed", NULL };

static const char *
event_label (const char *event)
{
  if (g_strcmp0 (event, "plan_completed") == 0)
    return _("Plan completed (总体方案编制完成)");
  if (g_strcmp0 (event, "plan_adjusted") == 0)
    return _("Plan adjusted (总体方案调整)");
  if (g_strcmp0 (event, "plan_filed") == 0)
    return _("Plan filed (报备)");
  if (g_strcmp0 (event, "inspection_ended") == 0)
    return _("On-site inspection ended (实地核验结束)");
  return event;
}

static gboolean
is_standalone_event (const char *target)
{
  return target != NULL && g_strv_contains (standalone_events, target);
}

/* Whether a deadline of @definition counts from, starts again on, or is
 * met by @event: only then is it offered. */
static gboolean
definition_uses_event (SbFormDefinition *definition,
                       const char       *event)
{
  GPtrArray *deadlines = sb_form_definition_get_review_deadlines (definition);

  for (guint i = 0; i < deadlines->len; i++)
    {
      SbReviewDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (g_strcmp0 (deadline->from, event) == 0 ||
          (deadline->restarts_on != NULL && g_strv_contains ((const char * const *) deadline->restarts_on, event)) ||
          (deadline->met_by != NULL && g_strv_contains ((const char * const *) deadline->met_by, event)))
        return TRUE;
    }
  return FALSE;
}

/* A register time (ISO 8601, UTC) on the reviewer's clock. */
static char *
local_time (const char *iso)
{
  g_autoptr(GDateTime) utc = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = utc ? g_date_time_to_local (utc) : NULL;

  return local ? g_date_time_format (local, "%Y-%m-%d %H:%M") : g_strdup (iso ? iso : "");
}

static const char *
chosen_target (SbCaseGroup *self)
{
  guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self->target_row));

  return selected < self->targets->len ? g_ptr_array_index (self->targets, selected) : NULL;
}

/* Whether the change chosen ends an inspection: a status chosen while
 * the case is in 实地核验 (an event of 耕地's plan does not). */
static gboolean
ends_inspection (SbCaseGroup *self,
                 const char  *target)
{
  return self->a_case != NULL && g_strcmp0 (self->a_case->status, "inspection") == 0 && target != NULL &&
         !is_standalone_event (target);
}

static void
hide_confirmation (SbCaseGroup *self)
{
  g_clear_pointer (&self->confirm_why, g_free);
  gtk_widget_set_visible (self->confirm_row, FALSE);
}

/* The notice's own rows, while it is the status chosen, and the
 * inspection's, while the change ends one. */
static void
show_notice_rows (SbCaseGroup *self)
{
  gboolean notice = g_strcmp0 (chosen_target (self), "notice") == 0;
  gboolean inspection = ends_inspection (self, chosen_target (self));

  gtk_widget_set_visible (self->result_row, inspection);
  gtk_widget_set_visible (self->findings_row, inspection);
  gtk_widget_set_visible (self->inspected_row, inspection);
  gtk_widget_set_visible (self->inspector_row, inspection);
  if (inspection && *gtk_editable_get_text (GTK_EDITABLE (self->inspector_row)) == '\0' && self->by != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->inspector_row), self->by);
  /* Another choice is another question. */
  if (g_strcmp0 (chosen_target (self), "approved") != 0)
    hide_confirmation (self);

  gtk_widget_set_visible (self->number_row, notice);
  gtk_widget_set_visible (self->days_row, notice);
  gtk_widget_set_visible (self->office_row, notice);
  gtk_widget_set_visible (self->contact_row, notice);
  /* The office as the review names it, unless one was typed here. */
  if (notice && *gtk_editable_get_text (GTK_EDITABLE (self->office_row)) == '\0' &&
      sb_review_get_reviewer_office (self->review) != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->office_row), sb_review_get_reviewer_office (self->review));
}

static void suggest_from_decision (SbCaseGroup *self);

/* The rows say what the case is now, and offer where it may go. */
static void
show_case (SbCaseGroup *self)
{
  const SbCase *a_case = self->a_case;
  g_autoptr(SbCaseItem) item = sb_case_item_new (sb_case_copy (a_case), sb_date_today (), self->calendar);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char * const *next = sb_case_status_next (a_case->status);
  const char *label = sb_case_status_label (a_case->status);
  g_autofree char *changed = NULL;
  g_autofree char *deadline = NULL;

  /* Who changed it last, and when (the register's time is UTC; this is
   * the reviewer's own clock). */
  {
    g_autofree char *by = sb_safe_text_reveal (a_case->changed_by ? a_case->changed_by : "", SB_SAFE_TEXT_DEFAULT);
    g_autofree char *when = local_time (a_case->changed_at);
    g_autofree char *who = g_strdup_printf (_("Changed by %s at %s"), by, when);

    changed = g_strdup_printf (_("%s · %s"), label ? label : a_case->status, who);
  }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->status_row), changed);

  if (a_case->next_deadline > 0 && sb_case_deadline_is_applicants (a_case))
    {
      g_autofree char *due = sb_date_to_string (a_case->next_deadline);
      const char *days = sb_case_item_get_days_text (item);

      /* Theirs, not the office's: the days text says "Applicant: …". */
      deadline = *days != '\0'
                 /* Translators: the applicant's working days left, the day their period for corrections ends */
                 ? g_strdup_printf (_("%s, until %s · the office’s clock is stopped until the corrections arrive"),
                                    days, due)
                 : g_strdup_printf (_("The applicant’s 补正期限 ends %s · the office’s clock is stopped until the "
                                      "corrections arrive"), due);
    }
  else if (a_case->next_deadline > 0)
    {
      g_autofree char *due = sb_date_to_string (a_case->next_deadline);
      const char *days = sb_case_item_get_days_text (item);

      deadline = *days != '\0' ? g_strdup_printf (_("%s · %s"), due, days) : g_steal_pointer (&due);
    }
  else
    deadline = g_strdup (_("No deadline runs"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->deadline_row), deadline);
  if (sb_case_item_is_overdue (item))
    gtk_widget_add_css_class (self->deadline_row, "error");
  else
    gtk_widget_remove_css_class (self->deadline_row, "error");

  g_ptr_array_set_size (self->targets, 0);
  for (guint i = 0; next[i] != NULL; i++)
    {
      g_ptr_array_add (self->targets, (gpointer) next[i]);
      gtk_string_list_append (names, sb_case_status_label (next[i]));
    }
  for (guint i = 0; standalone_events[i] != NULL && !sb_case_status_is_final (a_case->status); i++)
    if (definition_uses_event (sb_review_get_definition (self->review), standalone_events[i]))
      {
        g_ptr_array_add (self->targets, (gpointer) standalone_events[i]);
        gtk_string_list_append (names, event_label (standalone_events[i]));
      }
  adw_combo_row_set_model (ADW_COMBO_ROW (self->target_row), G_LIST_MODEL (names));
  gtk_widget_set_visible (self->target_row, self->targets->len > 0);
  gtk_widget_set_visible (self->reason_row, self->targets->len > 0);
  gtk_widget_set_visible (self->day_row, self->targets->len > 0);
  gtk_widget_set_sensitive (self->record_button, self->busy == NULL);
  show_notice_rows (self);
  /* Where the case may go has changed: the decision may point there now. */
  g_clear_pointer (&self->suggested, g_free);
  suggest_from_decision (self);
}

/* The review's decision, when it is an approval or a refusal, suggests
 * the register's status (通过; 不予受理 or 不通过, whichever the workflow
 * allows now) once per decision: the reviewer records it, and may choose
 * otherwise. */
static void
suggest_from_decision (SbCaseGroup *self)
{
  const char *decision_id = sb_review_get_decision (self->review);
  GPtrArray *decisions = sb_form_definition_get_decisions (sb_review_get_definition (self->review));
  const char *candidates[3] = { NULL, NULL, NULL };
  SbDecision *decision = NULL;

  if (g_strcmp0 (decision_id, self->suggested) == 0)
    return;
  g_free (self->suggested);
  self->suggested = g_strdup (decision_id);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->target_row), NULL);
  for (guint i = 0; decision_id != NULL && i < decisions->len; i++)
    if (g_str_equal (((SbDecision *) g_ptr_array_index (decisions, i))->id, decision_id))
      decision = g_ptr_array_index (decisions, i);
  if (decision == NULL)
    return;
  if (decision->kind == SB_DECISION_APPROVAL)
    candidates[0] = "approved";
  else if (decision->kind == SB_DECISION_REFUSAL)
    {
      candidates[0] = "not_accepted";
      candidates[1] = "declined";
    }
  for (guint c = 0; candidates[c] != NULL; c++)
    for (guint i = 0; i < self->targets->len; i++)
      if (g_str_equal (g_ptr_array_index (self->targets, i), candidates[c]))
        {
          g_autofree char *hint = g_strdup_printf (_("The review’s decision is “%s”: record it here too"),
                                                   sb_text_get (&decision->label));

          adw_combo_row_set_selected (ADW_COMBO_ROW (self->target_row), i);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (self->target_row), hint);
          if (*gtk_editable_get_text (GTK_EDITABLE (self->reason_row)) == '\0' &&
              sb_review_get_decision_reason (self->review) != NULL)
            gtk_editable_set_text (GTK_EDITABLE (self->reason_row), sb_review_get_decision_reason (self->review));
          return;
        }
}

static void
on_notice_toast (GtkWidget   *actions,
                 AdwToast    *toast,
                 SbCaseGroup *self)
{
  sb_toast_emit (self, signals[SIGNAL_TOAST], g_object_ref (toast));
}

/* The case's latest notice: its number, period and the day it ends, and
 * its PDF, as issued or signed, when this machine or the register has it. */
static void
show_notice (SbCaseGroup *self)
{
  const SbNotice *notice = self->notice;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *sent = NULL;
  gint32 end;

  if (self->notice_actions != NULL)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), self->notice_actions);
  self->notice_actions = NULL;
  gtk_widget_set_visible (self->notice_row, notice != NULL);
  if (notice == NULL)
    return;

  title = g_strdup_printf (_("One-time notice %s"), notice->number);
  sent = sb_date_to_string (notice->sent);
  end = sb_notice_period_end (notice, self->calendar);
  if (end > 0)
    {
      g_autofree char *until = sb_date_to_string (end);

      /* Translators: sent on a day; the working days to correct; the day they end */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sent %s · %d working day to correct, until %s",
                                               "Sent %s · %d working days to correct, until %s",
                                               notice->correction_days),
                                  sent, notice->correction_days, until);
    }
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Sent %s · %d working day to correct",
                                             "Sent %s · %d working days to correct", notice->correction_days),
                                sent, notice->correction_days);
  {
    g_autofree char *shown = sb_safe_text_reveal (title, SB_SAFE_TEXT_DEFAULT);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->notice_row), shown);
  }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->notice_row), subtitle);

  if (self->notice_pdf != NULL)
    {
      self->notice_actions = sb_document_actions_new (self->notice_pdf);
      /* The office signs what it issues. */
      sb_document_actions_add_sign (SB_DOCUMENT_ACTIONS (self->notice_actions));
      gtk_widget_set_margin_top (self->notice_actions, 12);
      gtk_widget_set_margin_bottom (self->notice_actions, 12);
      g_signal_connect (self->notice_actions, "toast", G_CALLBACK (on_notice_toast), self);
      /* Below the group's rows (a preferences group puts what is not a
       * row there), as the review page shows a document saved. */
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->notice_actions);
      /* Added after the page was named. */
      sb_accessible_name_controls (self->notice_actions);
    }
}

/* The case's latest inspection result: 核验通过 or 核验不通过, its day,
 * who inspected and the 现场说明. */
static void
show_inspection (SbCaseGroup *self)
{
  const SbInspection *inspection = self->inspection;
  g_autofree char *day = NULL, *inspector = NULL, *subtitle = NULL;

  gtk_widget_set_visible (self->inspection_row, inspection != NULL);
  if (inspection == NULL)
    return;
  day = sb_date_to_string (inspection->inspected);
  inspector = sb_safe_text_reveal (inspection->inspector, SB_SAFE_TEXT_DEFAULT);
  if (inspection->findings != NULL && *inspection->findings != '\0')
    {
      g_autofree char *findings = sb_safe_text_reveal (inspection->findings, SB_SAFE_TEXT_DEFAULT);

      /* Translators: the day of the inspection, who inspected, what was found there (现场说明) */
      subtitle = g_strdup_printf (_("%s · inspected by %s · 现场说明: %s"), day, inspector, findings);
    }
  else
    subtitle = g_strdup_printf (_("%s · inspected by %s"), day, inspector);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inspection_row),
                                 sb_inspection_result_label (inspection->passed));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->inspection_row), subtitle);
  /* "warning", not "error": this is what was found, not a refusal of
   * what the reviewer typed. */
  if (inspection->passed)
    gtk_widget_remove_css_class (self->inspection_row, "warning");
  else
    gtk_widget_add_css_class (self->inspection_row, "warning");
}

/* The history, newest first, read in a thread after each change. */

typedef struct {
  GPtrArray *history;
  GPtrArray *notices;
  GFile     *notice_pdf;        /* the latest notice's, on this machine */
  GError    *notice_pdf_error;  /* why it and the register's may differ */
} CaseRecords;

static void
case_records_free (CaseRecords *records)
{
  g_clear_pointer (&records->history, g_ptr_array_unref);
  g_clear_pointer (&records->notices, g_ptr_array_unref);
  g_clear_object (&records->notice_pdf);
  g_clear_error (&records->notice_pdf_error);
  g_free (records);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CaseRecords, case_records_free)

/* What a worker reads the records of: a copy of the case as it was. */
typedef struct {
  SbCase *a_case;
  char   *by;
} RecordsJob;

static void
records_job_free (RecordsJob *job)
{
  sb_case_free (job->a_case);
  g_free (job->by);
  g_free (job);
}

static void
history_in_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  SbCaseGroup *self = source;
  RecordsJob *job = task_data;
  GError *error = NULL;
  g_autoptr(CaseRecords) records = g_new0 (CaseRecords, 1);

  records->history = sb_register_get_history (self->case_register, job->a_case->id, &error);
  if (records->history != NULL)
    records->notices = sb_register_get_notices (self->case_register, job->a_case->id, &error);
  if (records->notices == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* The latest notice's PDF: the one issued, or signed since, wherever
   * in the office that happened. */
  if (records->notices->len > 0)
    sb_notice_pdf_sync (self->case_register, job->a_case, g_ptr_array_index (records->notices, records->notices->len - 1),
                        job->by, &records->notice_pdf, &records->notice_pdf_error);
  g_task_return_pointer (task, g_steal_pointer (&records), (GDestroyNotify) case_records_free);
}

static void
on_history_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SbCaseGroup *self = SB_CASE_GROUP (source);
  g_autoptr(GError) error = NULL;
  g_autoptr(CaseRecords) records = g_task_propagate_pointer (G_TASK (result), &error);
  GPtrArray *history = records != NULL ? records->history : NULL;

  if (records == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->reading_history);
  for (guint i = 0; i < self->history_rows->len; i++)
    adw_expander_row_remove (ADW_EXPANDER_ROW (self->history_row), g_ptr_array_index (self->history_rows, i));
  g_ptr_array_set_size (self->history_rows, 0);
  if (history == NULL)
    {
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->history_row), error->message);
      return;
    }
  {
    g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", history->len),
                                              history->len);

    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self->history_row), count);
  }
  g_clear_pointer (&self->notice, sb_notice_free);
  g_clear_object (&self->notice_pdf);
  if (records->notices->len > 0)
    {
      self->notice = g_ptr_array_steal_index (records->notices, records->notices->len - 1);
      self->notice_pdf = g_steal_pointer (&records->notice_pdf);
    }
  show_notice (self);
  if (records->notice_pdf_error != NULL)
    {
      /* Nothing is lost: what either side has stays, and this is tried
       * again each time the case is read. */
      g_autofree char *text = g_strdup_printf (_("The notice’s PDF on this computer and the register’s copy could not "
                                                 "be made the same: %s"), records->notice_pdf_error->message);

      show_problem (self, text);
    }
  g_clear_pointer (&self->inspection, sb_inspection_free);
  for (guint i = history->len; i > 0 && self->inspection == NULL; i--)
    {
      SbCaseChange *change = g_ptr_array_index (history, i - 1);

      if (change->inspection != NULL)
        self->inspection = sb_inspection_copy (change->inspection);
    }
  show_inspection (self);
  for (guint i = history->len; i > 0; i--)
    {
      SbCaseChange *change = g_ptr_array_index (history, i - 1);
      const char *to = sb_case_status_label (change->to_status);
      const char *from = change->from_status ? sb_case_status_label (change->from_status) : NULL;
      g_autofree char *title = NULL;
      g_autofree char *when = local_time (change->at);
      g_autofree char *who = sb_safe_text_reveal (change->by ? change->by : "", SB_SAFE_TEXT_DEFAULT);
      g_autofree char *why = change->why ? sb_safe_text_reveal (change->why, SB_SAFE_TEXT_DEFAULT) : NULL;
      g_autofree char *subtitle = why ? g_strdup_printf (_("%s · %s · %s"), when, who, why)
                                      : g_strdup_printf (_("%s · %s"), when, who);
      GtkWidget *row = adw_action_row_new ();

      if (change->inspection != NULL)
        {
          g_autofree char *described = sb_inspection_describe (change->inspection);
          g_autofree char *shown = sb_safe_text_reveal (described, SB_SAFE_TEXT_DEFAULT);
          char *both = g_strdup_printf ("%s\n%s", subtitle, shown);

          g_free (subtitle);
          subtitle = both;
        }

      if (from != NULL && g_strcmp0 (change->from_status, change->to_status) != 0)
        /* Translators: a change of a case's status, from → to */
        title = g_strdup_printf (_("%s → %s"), from, to ? to : change->to_status);
      else if (change->event != NULL && from != NULL)
        title = g_strdup (event_label (change->event));
      else
        title = g_strdup (to ? to : change->to_status);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (self->history_row), row);
      g_ptr_array_add (self->history_rows, row);
    }
}

static void
read_history (SbCaseGroup *self)
{
  g_autoptr(GTask) task = NULL;

  if (self->reading_history != NULL)
    g_cancellable_cancel (self->reading_history);
  g_clear_object (&self->reading_history);
  self->reading_history = g_cancellable_new ();
  task = g_task_new (self, self->reading_history, on_history_read, NULL);
  g_task_set_source_tag (task, read_history);
  {
    RecordsJob *job = g_new0 (RecordsJob, 1);

    job->a_case = sb_case_copy (self->a_case);
    job->by = g_strdup (self->by);
    g_task_set_task_data (task, job, (GDestroyNotify) records_job_free);
  }
  g_task_run_in_thread (task, history_in_thread);
}

static void
set_case (SbCaseGroup *self,
          SbCase      *a_case)
{
  g_clear_pointer (&self->a_case, sb_case_free);
  self->a_case = a_case;
  show_case (self);
  read_history (self);
}

/* Reading the case again, after another reviewer changed it. */

static void
get_in_thread (GTask        *task,
               gpointer      source,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SbCaseGroup *self = source;
  const gint64 *id = task_data;
  GError *error = NULL;
  SbCase *a_case = sb_register_get (self->case_register, *id, &error);

  if (a_case == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, a_case, (GDestroyNotify) sb_case_free);
}

static void
on_read_again (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  SbCaseGroup *self = SB_CASE_GROUP (source);
  SbCase *a_case = g_task_propagate_pointer (G_TASK (result), NULL);

  if (a_case != NULL)
    set_case (self, a_case);
}

static void
read_again (SbCaseGroup *self)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, on_read_again, NULL);

  g_task_set_source_tag (task, read_again);
  g_task_set_task_data (task, g_memdup2 (&self->a_case->id, sizeof self->a_case->id), g_free);
  g_task_run_in_thread (task, get_in_thread);
}

/* Recording a change */

/* What recording a notice or an event gave: the case as changed, and for
 * a notice the notice as recorded, its PDF, or why that was not written. */
typedef struct {
  SbCase   *a_case;
  SbNotice *notice;
  GFile    *pdf;
  GError   *pdf_error;
  GError   *copy_error;  /* the register did not keep the PDF */
} NoticeResult;

static void
notice_result_free (NoticeResult *result)
{
  g_clear_pointer (&result->a_case, sb_case_free);
  g_clear_pointer (&result->notice, sb_notice_free);
  g_clear_object (&result->pdf);
  g_clear_error (&result->pdf_error);
  g_clear_error (&result->copy_error);
  g_free (result);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (NoticeResult, notice_result_free)


static void
on_transitioned (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SbCaseGroup) self = user_data;
  g_autoptr(GError) error = NULL;
  /* A notice is sent by this group's own task; a transition by the
   * register's. */
  g_autoptr(NoticeResult) recorded = SB_IS_CASE_GROUP (source) ? g_task_propagate_pointer (G_TASK (result), &error)
                                                               : NULL;
  SbCase *a_case = SB_IS_CASE_GROUP (source)
                   ? (recorded != NULL ? g_steal_pointer (&recorded->a_case) : NULL)
                   : sb_register_transition_finish (SB_REGISTER (source), result, &error);

  g_clear_object (&self->busy);
  if (a_case == NULL)
    {
      /* The reason stays in its row for another try. */
      g_autofree char *text = g_strdup_printf (_("Not recorded: %s"), error->message);

      show_problem (self, text);
      gtk_widget_set_sensitive (self->record_button, TRUE);
      if (g_error_matches (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_CONFLICT))
        read_again (self);
      return;
    }
  show_problem (self, NULL);
  /* Recorded: what was typed for it is done with (the office and its
   * contact stay for the next notice). */
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->number_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->days_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->day_row), "");
  adw_combo_row_set_selected (ADW_COMBO_ROW (self->result_row), 0);
  gtk_editable_set_text (GTK_EDITABLE (self->findings_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->inspected_row), "");
  set_case (self, a_case);
  if (recorded != NULL && recorded->pdf_error != NULL)
    {
      /* The notice is in the register; its PDF can be made again. */
      g_autofree char *text = g_strdup_printf (_("The notice is recorded, but its PDF was not written: %s. Save it "
                                                 "with Save… under Documents."), recorded->pdf_error->message);

      show_problem (self, text);
    }
  else if (recorded != NULL && recorded->pdf != NULL)
    {
      g_autofree char *where = g_file_get_parse_name (recorded->pdf);
      g_autofree char *text = g_strdup_printf (_("Notice recorded and its PDF written to %s"), where);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      /* Shown at once, before the history is read again. */
      g_clear_pointer (&self->notice, sb_notice_free);
      g_set_object (&self->notice_pdf, recorded->pdf);
      self->notice = g_steal_pointer (&recorded->notice);
      show_notice (self);
      sb_toast_emit (self, signals[SIGNAL_TOAST], adw_toast_new (escaped));
      if (recorded->copy_error != NULL)
        {
          g_autofree char *problem = g_strdup_printf (_("The notice’s PDF is written on this computer, but the "
                                                        "register could not keep a copy for the office’s other "
                                                        "computers: %s. It is sent when the case is opened again."),
                                                      recorded->copy_error->message);

          show_problem (self, problem);
        }
    }
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

/* The day typed in the day row (dates as people write them), today when
 * it is empty; FALSE with what to type. */
static gboolean
read_event_day (SbCaseGroup  *self,
                gint32       *day,
                char        **problem)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->day_row))));
  SbText message = { NULL, NULL };

  *day = sb_date_today ();
  if (*text == '\0')
    return TRUE;
  if (!sb_date_parse_typed (text, day, &message))
    {
      *problem = g_strdup (sb_text_get (&message));
      sb_text_clear (&message);
      return FALSE;
    }
  if (*day > sb_date_today ())
    {
      *problem = g_strdup (_("The day it happened cannot be later than today."));
      return FALSE;
    }
  return TRUE;
}

typedef struct {
  gint64            case_id;
  gint64            version;
  char             *event;     /* a standalone event, or NULL for the notice */
  gint32            day;
  SbNotice         *notice;
  char             *why;
  /* For the notice's PDF: a copy of the review as it was when the
   * reviewer pressed Record (the review changes on the main thread). */
  SbReview         *review;
  SbCase           *a_case;
  char             *applicant;
  SbCalendar       *calendar;
} NoticeJob;

static void
notice_job_free (NoticeJob *job)
{
  g_free (job->event);
  g_clear_pointer (&job->notice, sb_notice_free);
  g_free (job->why);
  g_clear_object (&job->review);
  g_clear_pointer (&job->a_case, sb_case_free);
  g_free (job->applicant);
  g_clear_object (&job->calendar);
  g_free (job);
}

/* The notice just recorded, as the register has it (its id and time),
 * written to its PDF. */
static void
write_notice_pdf (SbCaseGroup  *self,
                  NoticeJob    *job,
                  NoticeResult *result)
{
  g_autoptr(GPtrArray) notices = sb_register_get_notices (self->case_register, job->case_id, &result->pdf_error);
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *path = NULL;

  if (notices == NULL)
    return;
  if (notices->len == 0)
    {
      g_set_error_literal (&result->pdf_error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_NOT_FOUND,
                           _("The register has no notice for this case."));
      return;
    }
  result->notice = g_ptr_array_steal_index (notices, notices->len - 1);
  pdf = sb_pdf_render_notice (job->review, job->applicant, result->notice, job->calendar, &result->pdf_error);
  if (pdf == NULL)
    return;
  path = sb_notice_pdf_path (job->a_case, result->notice);
  result->pdf = g_file_new_for_path (path);
  if (!sb_notice_pdf_write (result->pdf, pdf, &result->pdf_error))
    {
      g_clear_object (&result->pdf);
      return;
    }
  /* And the register keeps the document issued, for the office's other
   * machines; if it cannot now, reading the case again sends it. */
  sb_register_store_notice_document (self->case_register, result->notice->id, pdf, self->by, &result->copy_error);
}

static void
send_notice_in_thread (GTask        *task,
                       gpointer      source,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  SbCaseGroup *self = source;
  NoticeJob *job = task_data;
  GError *error = NULL;
  g_autoptr(NoticeResult) result = g_new0 (NoticeResult, 1);

  result->a_case = job->event != NULL
                   ? sb_register_record_event (self->case_register, job->case_id, job->version, job->event, self->by,
                                               job->why, job->day, &error)
                   : sb_register_send_notice (self->case_register, job->case_id, job->version, job->notice, job->why,
                                              &error);

  if (result->a_case == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->event == NULL)
    write_notice_pdf (self, job, result);
  g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) notice_result_free);
}

static void on_transitioned (GObject      *source,
                             GAsyncResult *result,
                             gpointer      user_data);

/* The notice as typed, with every correction of the review; NULL with
 * what to do in @problem when something is missing. */
static SbNotice *
notice_from_rows (SbCaseGroup  *self,
                  char        **problem)
{
  g_autofree char *days_text = sb_input_fold_width (gtk_editable_get_text (GTK_EDITABLE (self->days_row)));
  g_auto(GStrv) corrections = sb_pdf_review_dup_corrections (self->review);
  g_autoptr(SbNotice) notice = g_new0 (SbNotice, 1);
  char *end = NULL;
  gint64 days;

  g_strstrip (days_text);
  days = g_ascii_strtoll (days_text, &end, 10);
  /* "5个工作日", "5 天": the number, whatever words follow it. */
  if (end == days_text || days < 1 || days > 365)
    {
      *problem = g_strdup (_("Type the working days the applicant has to correct the materials, for example 5."));
      return NULL;
    }
  if (corrections[0] == NULL)
    {
      *problem = g_strdup (_("There is nothing to correct yet: note the corrections on this page first; the notice "
                             "lists every one of them at once."));
      return NULL;
    }
  notice->number = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->number_row))));
  notice->office = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->office_row))));
  notice->contact = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->contact_row))));
  notice->correction_days = (int) days;
  if (!read_event_day (self, &notice->sent, problem))
    return NULL;
  notice->corrections = g_steal_pointer (&corrections);
  notice->by = g_strdup (self->by);
  return g_steal_pointer (&notice);
}

/* A notice (@event NULL) or a standalone event, recorded in a thread:
 * the register has no asynchronous call for them. */
static void
send_notice (SbCaseGroup *self,
             const char  *event,
             const char  *why)
{
  g_autofree char *problem = NULL;
  g_autoptr(GTask) task = NULL;
  NoticeJob *job;
  SbNotice *notice = NULL;
  g_autoptr(SbReview) review = NULL;
  gint32 day = 0;

  if (event == NULL ? (notice = notice_from_rows (self, &problem)) == NULL : !read_event_day (self, &day, &problem))
    {
      show_problem (self, problem);
      return;
    }
  if (notice != NULL)
    {
      g_autoptr(GBytes) bytes = sb_review_to_bytes (self->review);
      g_autoptr(GError) error = NULL;

      /* The review as it is now, for the notice's PDF, which is made in
       * the thread while the reviewer may go on changing the review. */
      review = sb_review_new_from_bytes (sb_review_get_definition (self->review), bytes, &error);
      if (review == NULL)
        {
          show_problem (self, error->message);
          sb_notice_free (notice);
          return;
        }
    }
  job = g_new0 (NoticeJob, 1);
  job->case_id = self->a_case->id;
  job->version = self->a_case->version;
  job->event = g_strdup (event);
  job->day = day;
  job->notice = notice;
  job->why = why != NULL && *why != '\0' ? g_strdup (why) : NULL;
  if (notice != NULL)
    {
      job->review = g_steal_pointer (&review);
      job->a_case = sb_case_copy (self->a_case);
      job->applicant = g_strdup (self->applicant);
      job->calendar = self->calendar != NULL ? g_object_ref (self->calendar) : NULL;
    }
  self->busy = g_cancellable_new ();
  gtk_widget_set_sensitive (self->record_button, FALSE);
  task = g_task_new (self, self->busy, on_transitioned, g_object_ref (self));
  g_task_set_source_tag (task, send_notice);
  g_task_set_task_data (task, job, (GDestroyNotify) notice_job_free);
  g_task_run_in_thread (task, send_notice_in_thread);
}

/* The inspection's result as typed; NULL with what to do in @problem. */
static SbInspection *
inspection_from_rows (SbCaseGroup  *self,
                      char        **problem)
{
  g_autoptr(SbInspection) inspection = g_new0 (SbInspection, 1);
  g_autofree char *day = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->inspected_row))));
  guint result = adw_combo_row_get_selected (ADW_COMBO_ROW (self->result_row));
  SbText message = { NULL, NULL };

  /* The first choice is none: the result is the reviewer's to give. */
  if (result != 1 && result != 2)
    {
      *problem = g_strdup (_("Choose the result of the on-site inspection: 核验通过 or 核验不通过."));
      return NULL;
    }
  inspection->passed = result == 1;
  inspection->findings = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->findings_row))));
  inspection->inspector = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->inspector_row))));
  if (!inspection->passed && *inspection->findings == '\0')
    {
      *problem = g_strdup (_("Type the 现场说明: what was found on site that does not comply."));
      return NULL;
    }
  if (*inspection->inspector == '\0')
    {
      *problem = g_strdup (_("Type who inspected."));
      return NULL;
    }
  inspection->inspected = sb_date_today ();
  if (*day != '\0' && !sb_date_parse_typed (day, &inspection->inspected, &message))
    {
      *problem = g_strdup (sb_text_get (&message));
      sb_text_clear (&message);
      return NULL;
    }
  if (inspection->inspected > sb_date_today ())
    {
      *problem = g_strdup (_("The day of the inspection cannot be later than today."));
      return NULL;
    }
  inspection->by = g_strdup (self->by);
  return g_steal_pointer (&inspection);
}

typedef struct {
  gint64        case_id;
  gint64        version;
  char         *to;
  char         *why;
  gint32        day;
  SbInspection *inspection;
} InspectionJob;

static void
inspection_job_free (InspectionJob *job)
{
  g_free (job->to);
  g_free (job->why);
  g_clear_pointer (&job->inspection, sb_inspection_free);
  g_free (job);
}

static void
end_inspection_in_thread (GTask        *task,
                          gpointer      source,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  SbCaseGroup *self = source;
  InspectionJob *job = task_data;
  GError *error = NULL;
  g_autoptr(NoticeResult) result = g_new0 (NoticeResult, 1);

  result->a_case = sb_register_end_inspection (self->case_register, job->case_id, job->version, job->to,
                                               job->inspection, self->by, job->why, job->day, &error);
  if (result->a_case == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&result), (GDestroyNotify) notice_result_free);
}

/* Approving a case whose inspection failed (the latest recorded, or the
 * one this change records) is asked about first. */
static gboolean
needs_confirmation (SbCaseGroup        *self,
                    const char         *status,
                    const SbInspection *ending)
{
  const SbInspection *latest = ending != NULL ? ending : self->inspection;

  return g_str_equal (status, "approved") && latest != NULL && !latest->passed;
}

static void
ask_confirmation (SbCaseGroup        *self,
                  const SbInspection *failed,
                  const char         *why)
{
  g_autofree char *result = sb_inspection_describe (failed);
  g_autofree char *shown = sb_safe_text_reveal (result, SB_SAFE_TEXT_DEFAULT);
  g_autofree char *subtitle = g_strdup_printf ("%s\n%s", shown,
                                               _("Approve it only if what was found on site has been cleared up: "
                                                 "the reason recorded will say it was approved despite the result."));

  g_free (self->confirm_why);
  self->confirm_why = g_strdup (why != NULL ? why : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->confirm_row), subtitle);
  gtk_widget_set_visible (self->confirm_row, TRUE);
  /* The safe answer focused, as on the review page. */
  gtk_widget_grab_focus (self->confirm_cancel);
}

void
sb_case_group_record (SbCaseGroup *self,
                      const char  *status,
                      const char  *why)
{
  g_autofree char *problem = NULL;
  g_autoptr(SbInspection) ending = NULL;
  g_autofree char *recorded_why = NULL;
  gboolean despite;
  gint32 day;

  g_return_if_fail (SB_IS_CASE_GROUP (self));
  g_return_if_fail (status != NULL);

  if (self->busy != NULL)
    return;
  despite = self->approving_despite;
  self->approving_despite = FALSE;
  hide_confirmation (self);
  if (g_str_equal (status, "notice") || is_standalone_event (status))
    {
      send_notice (self, g_str_equal (status, "notice") ? NULL : status, why);
      return;
    }
  if (!read_event_day (self, &day, &problem))
    {
      show_problem (self, problem);
      return;
    }
  if (ends_inspection (self, status) && (ending = inspection_from_rows (self, &problem)) == NULL)
    {
      show_problem (self, problem);
      return;
    }
  if (needs_confirmation (self, status, ending))
    {
      if (!despite)
        {
          show_problem (self, NULL);
          ask_confirmation (self, ending != NULL ? ending : self->inspection, why);
          return;
        }
      /* The history says the approval was given knowing it, with a
       * reason or without. */
      recorded_why = sb_inspection_dup_approval_reason (why);
    }
  else if (why != NULL && *why != '\0')
    recorded_why = g_strdup (why);

  self->busy = g_cancellable_new ();
  gtk_widget_set_sensitive (self->record_button, FALSE);
  if (ending != NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, self->busy, on_transitioned, g_object_ref (self));
      InspectionJob *job = g_new0 (InspectionJob, 1);

      job->case_id = self->a_case->id;
      job->version = self->a_case->version;
      job->to = g_strdup (status);
      job->why = g_steal_pointer (&recorded_why);
      job->day = day;
      job->inspection = g_steal_pointer (&ending);
      g_task_set_source_tag (task, end_inspection_in_thread);
      g_task_set_task_data (task, job, (GDestroyNotify) inspection_job_free);
      g_task_run_in_thread (task, end_inspection_in_thread);
      return;
    }
  sb_register_transition_async (self->case_register, self->a_case->id, self->a_case->version, status, self->by,
                                recorded_why, day, self->busy, on_transitioned, g_object_ref (self));
}

static void
on_confirm_cancel_clicked (SbCaseGroup *self)
{
  /* The reason stays typed in its row. */
  hide_confirmation (self);
}

static void
on_approve_anyway_clicked (SbCaseGroup *self)
{
  g_autofree char *why = g_steal_pointer (&self->confirm_why);

  self->approving_despite = TRUE;
  sb_case_group_record (self, "approved", why);
}

static void
on_record_clicked (SbCaseGroup *self)
{
  const char *target = chosen_target (self);

  if (target == NULL)
    return;
  sb_case_group_record (self, target, gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));
}

/* GObject overrides */

static void
sb_case_group_dispose (GObject *object)
{
  SbCaseGroup *self = SB_CASE_GROUP (object);

  /* A change sent is not taken back: the register records it or not, and
   * the next look at the case shows which. */
  g_clear_object (&self->busy);
  if (self->reading_history != NULL)
    g_cancellable_cancel (self->reading_history);
  g_clear_object (&self->reading_history);

  G_OBJECT_CLASS (sb_case_group_parent_class)->dispose (object);
}

static void
sb_case_group_finalize (GObject *object)
{
  SbCaseGroup *self = SB_CASE_GROUP (object);

  g_clear_object (&self->case_register);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->a_case, sb_case_free);
  g_clear_object (&self->review);
  g_clear_pointer (&self->applicant, g_free);
  g_clear_pointer (&self->notice, sb_notice_free);
  g_clear_object (&self->notice_pdf);
  g_clear_pointer (&self->inspection, sb_inspection_free);
  g_clear_pointer (&self->confirm_why, g_free);
  g_clear_pointer (&self->by, g_free);
  g_clear_pointer (&self->suggested, g_free);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_clear_pointer (&self->history_rows, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_case_group_parent_class)->finalize (object);
}

static void
sb_case_group_class_init (SbCaseGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sb_case_group_dispose;
  object_class->finalize = sb_case_group_finalize;

  signals[SIGNAL_CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                          G_TYPE_NONE, 0);
  signals[SIGNAL_TOAST] = sb_toast_signal_new (G_TYPE_FROM_CLASS (klass));
}

static void
sb_case_group_init (SbCaseGroup *self)
{
  self->targets = g_ptr_array_new ();
  self->history_rows = g_ptr_array_new ();
}

static GtkWidget *
notice_row (SbCaseGroup *self,
            const char  *title)
{
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_widget_set_visible (row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  return row;
}

GtkWidget *
sb_case_group_new (SbRegister   *case_register,
                   const SbCase *a_case,
                   SbReview     *review,
                   const char   *applicant,
                   SbCalendar   *calendar,
                   const char   *by)
{
  SbCaseGroup *self;

  g_return_val_if_fail (SB_IS_REGISTER (case_register), NULL);
  g_return_val_if_fail (a_case != NULL, NULL);
  g_return_val_if_fail (SB_IS_REVIEW (review), NULL);

  self = g_object_new (SB_TYPE_CASE_GROUP, "title", _("Case in the Register"),
                       "description", sb_register_describe (case_register), NULL);
  self->case_register = g_object_ref (case_register);
  self->review = g_object_ref (review);
  self->calendar = calendar != NULL ? g_object_ref (calendar) : NULL;
  self->applicant = g_strdup (applicant);
  self->by = g_strdup (by);

  self->status_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->status_row), _("Status"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->status_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->status_row);

  self->deadline_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->deadline_row), _("Next Deadline"));
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->deadline_row), FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->deadline_row);

  /* The latest notice; its PDF's actions go below the rows. */
  self->notice_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->notice_row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->notice_row), 0);
  gtk_widget_set_visible (self->notice_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->notice_row);

  /* The latest inspection's result. */
  self->inspection_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->inspection_row), FALSE);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->inspection_row), 0);
  gtk_widget_set_visible (self->inspection_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->inspection_row);

  self->target_row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->target_row), _("Move To"));
  /* Its subtitle quotes the decision's name, from the form definition. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->target_row), FALSE);
  g_signal_connect_swapped (self->target_row, "notify::selected", G_CALLBACK (show_notice_rows), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->target_row);

  self->number_row = notice_row (self, _("Notice number"));
  self->days_row = notice_row (self, _("Working days to correct (补正期限)"));
  self->office_row = notice_row (self, _("Office"));
  self->contact_row = notice_row (self, _("Office’s contact (telephone, address)"));

  /* The inspection's result, when the change ends one: none chosen until
   * the reviewer chooses. */
  {
    /* Short, beside the row's title: the office's own words in Chinese. */
    const char *results[] = { _("Not chosen"), _("Passed (核验通过)"), _("Failed (核验不通过)"), NULL };
    g_autoptr(GtkStringList) model = gtk_string_list_new (results);

    self->result_row = adw_combo_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->result_row), _("Result of the On-Site Inspection"));
    adw_combo_row_set_model (ADW_COMBO_ROW (self->result_row), G_LIST_MODEL (model));
    gtk_widget_set_visible (self->result_row, FALSE);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->result_row);
  }
  self->findings_row = notice_row (self, _("On-site findings (现场说明; required when it failed)"));
  self->inspected_row = notice_row (self, _("Day of the inspection (empty: today)"));
  self->inspector_row = notice_row (self, _("Inspected by"));

  self->day_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->day_row), _("Day it happened (empty: today)"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->day_row);

  self->reason_row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason, recorded in the case’s history"));
  self->record_button = gtk_button_new_with_mnemonic (_("_Record"));
  gtk_widget_set_valign (self->record_button, GTK_ALIGN_CENTER);
  g_signal_connect_swapped (self->record_button, "clicked", G_CALLBACK (on_record_clicked), self);
  adw_entry_row_add_suffix (ADW_ENTRY_ROW (self->reason_row), self->record_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->reason_row);

  self->problem_row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->problem_row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (self->problem_row), 0);
  gtk_widget_add_css_class (self->problem_row, "error");
  gtk_widget_set_visible (self->problem_row, FALSE);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->problem_row);

  /* Approving despite a failed inspection: asked here, naming what was
   * found. */
  {
    GtkWidget *approve = gtk_button_new_with_mnemonic (_("_Approve Anyway"));

    self->confirm_row = adw_action_row_new ();
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->confirm_row),
                                   _("Approve Despite the Failed On-Site Inspection?"));
    adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->confirm_row), FALSE);
    adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (self->confirm_row), 0);
    gtk_widget_add_css_class (self->confirm_row, "warning");
    self->confirm_cancel = gtk_button_new_with_mnemonic (_("_Cancel"));
    gtk_widget_set_valign (self->confirm_cancel, GTK_ALIGN_CENTER);
    g_signal_connect_swapped (self->confirm_cancel, "clicked", G_CALLBACK (on_confirm_cancel_clicked), self);
    adw_action_row_add_suffix (ADW_ACTION_ROW (self->confirm_row), self->confirm_cancel);
    gtk_widget_set_valign (approve, GTK_ALIGN_CENTER);
    gtk_widget_add_css_class (approve, "destructive-action");
    g_signal_connect_swapped (approve, "clicked", G_CALLBACK (on_approve_anyway_clicked), self);
    adw_action_row_add_suffix (ADW_ACTION_ROW (self->confirm_row), approve);
    gtk_widget_set_visible (self->confirm_row, FALSE);
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->confirm_row);
  }


  /* Who did what and why: the register's append-only record. */
  self->history_row = adw_expander_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->history_row), _("History"));
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->history_row);

  set_case (self, sb_case_copy (a_case));
  g_signal_connect_object (review, "changed", G_CALLBACK (suggest_from_decision), self, G_CONNECT_SWAPPED);
  return GTK_WIDGET (self);
}

const SbCase *
sb_case_group_get_case (SbCaseGroup *self)
{
  g_return_val_if_fail (SB_IS_CASE_GROUP (self), NULL);

  return self->a_case;
}

gboolean
sb_case_group_is_busy (SbCaseGroup *self)
{
  g_return_val_if_fail (SB_IS_CASE_GROUP (self), FALSE);

  return self->busy != NULL;
}

const SbInspection *
sb_case_group_get_inspection (SbCaseGroup *self)
{
  g_return_val_if_fail (SB_IS_CASE_GROUP (self), NULL);

  return self->inspection;
}

gboolean
sb_case_group_is_asking (SbCaseGroup *self)
{
  g_return_val_if_fail (SB_IS_CASE_GROUP (self), FALSE);

  return gtk_widget_get_visible (self->confirm_row);
}

const SbNotice *
sb_case_group_get_pending_notice (SbCaseGroup *self)
{
  g_return_val_if_fail (SB_IS_CASE_GROUP (self), NULL);

  return g_strcmp0 (self->a_case->status, "notice") == 0 ? self->notice : NULL;
}

GFile *
sb_case_group_dup_notice_pdf (SbCaseGroup *self)
{
  g_return_val_if_fail (SB_IS_CASE_GROUP (self), NULL);

  return self->notice_actions != NULL
         ? g_object_ref (sb_document_actions_get_file (SB_DOCUMENT_ACTIONS (self->notice_actions))) : NULL;
}

void
sb_case_group_read_records (SbCaseGroup *self)
{
  g_return_if_fail (SB_IS_CASE_GROUP (self));

  read_history (self);
}
