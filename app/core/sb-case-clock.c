/* sb-case-clock.c — the statutory clock of a case in the register
 *
 * rules.md §0.4: the day of the event does not count; the next working day
 * is day 1 and the n-th working day is the last day of the period.  A
 * period left out (an inspection, the applicant's corrections) covers its
 * first day to its last day, both included: on those days the office was
 * inspecting, or the materials were with the applicant.  While such a
 * period has not ended the clock stands still and the due day is unknown.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-case-clock.h"

const char * const sb_case_clock_events[] = {
  "submission",            /* the packet's submission date */
  "receipt",               /* the office received the packet (已收到) */
  "notice_sent",           /* the one-time notice of corrections went out (一次性告知补正) */
  "corrections_received",  /* the corrected materials arrived (补正材料已收到) */
  "acceptance",            /* 已受理 */
  "non_acceptance",        /* 不予受理 */
  "inspection_started",    /* 实地核验 began */
  "inspection_ended",      /* its result was given */
  "decision",              /* 通过 / 不通过 */
  "plan_completed",        /* 耕地: 总体方案编制完成 */
  "plan_adjusted",         /* 耕地: 总体方案调整 */
  "plan_filed",            /* 耕地: 报备 done */
  NULL
};

const char * const sb_case_clock_periods[] = { "inspection", "corrections", NULL };

/* A period left out of the count: from @first to @last inclusive, @last 0
 * while it has not ended. */
typedef struct {
  gint32 first;
  gint32 last;
} Pause;

void
sb_case_deadline_free (SbCaseDeadline *deadline)
{
  if (deadline == NULL)
    return;
  g_free (deadline->problem);
  g_free (deadline);
}

static gboolean
names_contain (char * const *names,
               const char   *name)
{
  return names != NULL && g_strv_contains ((const char * const *) names, name);
}

/* The periods of kind @period ("inspection" or "corrections") among
 * @events: each start event opens one, the next end event closes it. */
static void
collect_pauses (const char        *period,
                const SbCaseEvent *events,
                guint              n_events,
                GArray            *pauses)
{
  gboolean inspection = g_str_equal (period, "inspection");
  const char *opens = inspection ? "inspection_started" : "notice_sent";
  const char *closes = inspection ? "inspection_ended" : "corrections_received";
  Pause *open = NULL;

  for (guint i = 0; i < n_events; i++)
    {
      if (open == NULL && g_str_equal (events[i].event, opens))
        {
          Pause pause = { events[i].day, 0 };

          g_array_append_val (pauses, pause);
          open = &g_array_index (pauses, Pause, pauses->len - 1);
        }
      else if (open != NULL && g_str_equal (events[i].event, closes))
        {
          open->last = MAX (events[i].day, open->first);
          open = NULL;
        }
    }
}

/* Whether @day lies in a pause; *@open tells whether that pause has not
 * ended. */
static gboolean
in_pause (GArray   *pauses,
          gint32    day,
          gboolean *open)
{
  for (guint i = 0; i < pauses->len; i++)
    {
      Pause *pause = &g_array_index (pauses, Pause, i);

      if (day >= pause->first && (pause->last == 0 || day <= pause->last))
        {
          *open = pause->last == 0;
          return TRUE;
        }
    }
  return FALSE;
}

/* Counts @result->deadline's working days from @result->start, leaving out
 * @pauses: sets due, or the state PAUSED with the days still to count in
 * remaining. */
static void
count_period (SbCaseDeadline *result,
              GArray         *pauses,
              SbCalendar     *calendar)
{
  int counted = 0;
  gint32 day = result->start;

  while (counted < result->deadline->working_days)
    {
      g_autoptr(GError) error = NULL;
      gboolean working = FALSE, open = FALSE;

      day++;
      if (in_pause (pauses, day, &open))
        {
          if (open)
            {
              if (result->state == SB_CASE_DEADLINE_RUNNING)
                result->state = SB_CASE_DEADLINE_PAUSED;
              result->remaining = result->deadline->working_days - counted;
              return;
            }
          continue;
        }
      if (!sb_calendar_is_working_day (calendar, day, &working, &error))
        {
          result->problem = g_strdup (error->message);
          return;
        }
      if (working)
        counted++;
    }
  result->due = day;
}

static void
compute_remaining (SbCaseDeadline *result,
                   gint32          today,
                   SbCalendar     *calendar)
{
  g_autoptr(GError) error = NULL;
  int count = 0;

  if (today <= result->due)
    {
      if (sb_calendar_working_days_between (calendar, today, result->due, &count, &error))
        result->remaining = count;
    }
  else if (sb_calendar_working_days_between (calendar, result->due, today, &count, &error))
    result->remaining = -count;
  if (error != NULL)
    result->problem = g_strdup (error->message);
}

/* One deadline; @accepted_on is the day the case counts as accepted (an
 * acceptance event, or a missed notice period), or 0. */
static SbCaseDeadline *
compute_one (const SbReviewDeadline *deadline,
             const SbCaseEvent      *events,
             guint                   n_events,
             gint32                  accepted_on,
             gint32                  today,
             SbCalendar             *calendar)
{
  SbCaseDeadline *result = g_new0 (SbCaseDeadline, 1);
  g_autoptr(GArray) pauses = g_array_new (FALSE, FALSE, sizeof (Pause));
  gboolean started = FALSE;
  guint start_index = 0;

  result->deadline = deadline;
  result->state = SB_CASE_DEADLINE_NOT_STARTED;

  /* It starts on its event and again on each restart event after that;
   * the events that meet it count only after the latest start. */
  if (g_str_equal (deadline->from, "acceptance") && accepted_on > 0)
    {
      started = TRUE;
      result->start = accepted_on;
    }
  for (guint i = 0; i < n_events; i++)
    {
      if ((!started && g_str_equal (events[i].event, deadline->from))
          || (started && names_contain (deadline->restarts_on, events[i].event)))
        {
          started = TRUE;
          start_index = i + 1;
          result->start = events[i].day;
        }
    }
  if (!started)
    return result;

  result->state = SB_CASE_DEADLINE_RUNNING;
  for (guint i = start_index; i < n_events; i++)
    if (names_contain (deadline->met_by, events[i].event))
      {
        result->state = SB_CASE_DEADLINE_MET;
        result->met_on = events[i].day;
        break;
      }

  for (guint i = 0; deadline->excludes[i] != NULL; i++)
    collect_pauses (deadline->excludes[i], events, n_events, pauses);

  if (calendar == NULL)
    {
      result->problem = g_strdup (_("no working-day calendar is installed"));
      return result;
    }

  count_period (result, pauses, calendar);
  if (result->due == 0)
    return result;

  if (result->state == SB_CASE_DEADLINE_MET)
    result->met_late = result->met_on > result->due;
  else
    compute_remaining (result, today, calendar);
  return result;
}

GPtrArray *
sb_case_clock_compute (SbFormDefinition  *definition,
                       const SbCaseEvent *events,
                       guint              n_events,
                       gint32             today,
                       SbCalendar        *calendar)
{
  GPtrArray *deadlines;
  GPtrArray *results;
  gint32 accepted_on = 0;

  g_return_val_if_fail (SB_IS_FORM_DEFINITION (definition), NULL);
  g_return_val_if_fail (events != NULL || n_events == 0, NULL);

  deadlines = sb_form_definition_get_review_deadlines (definition);
  results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_case_deadline_free);
  g_ptr_array_set_size (results, deadlines->len);

  /* 《行政许可法》第三十二条: 逾期不告知的，自收到申请材料之日起即为受理.
   * Those deadlines are counted first, as the acceptance day they give
   * is where the others start. */
  for (guint i = 0; i < deadlines->len; i++)
    {
      const SbReviewDeadline *deadline = g_ptr_array_index (deadlines, i);
      SbCaseDeadline *result;

      if (!deadline->missed_means_accepted)
        continue;
      result = compute_one (deadline, events, n_events, 0, today, calendar);
      if (result->due > 0
          && ((result->state == SB_CASE_DEADLINE_RUNNING && today > result->due) || result->met_late)
          && (accepted_on == 0 || result->start < accepted_on))
        accepted_on = result->start;
      results->pdata[i] = result;
    }

  /* Otherwise the case is accepted on its first acceptance event. */
  for (guint i = 0; accepted_on == 0 && i < n_events; i++)
    if (g_str_equal (events[i].event, "acceptance"))
      accepted_on = events[i].day;

  for (guint i = 0; i < deadlines->len; i++)
    if (results->pdata[i] == NULL)
      results->pdata[i] = compute_one (g_ptr_array_index (deadlines, i), events, n_events, accepted_on, today, calendar);

  return results;
}

SbCaseDeadline *
sb_case_clock_next (GPtrArray *deadlines)
{
  SbCaseDeadline *next = NULL;

  g_return_val_if_fail (deadlines != NULL, NULL);

  for (guint i = 0; i < deadlines->len; i++)
    {
      SbCaseDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (deadline->state == SB_CASE_DEADLINE_RUNNING && deadline->due > 0
          && (next == NULL || deadline->due < next->due))
        next = deadline;
    }
  return next;
}
