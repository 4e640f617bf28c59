/* test-case-clock.c — the statutory clock, against days counted by hand
 *
 * The calendars are data/calendar/2024.json and 2025.json (国办发明电
 * 〔2023〕7号, 〔2024〕12号).  rules.md §0.4: the day of the event is not
 * counted, the next working day is day 1.  Each case writes its count out.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-case-clock.h"
#include "sb-date.h"
#include "sb-form-registry.h"

static SbFormRegistry *procedures;
static SbCalendar *calendar;

static gint32
day (const char *text)
{
  gint32 julian = 0;

  g_assert_true (sb_date_parse (text, &julian));
  return julian;
}

static SbCaseDeadline *
find (GPtrArray  *deadlines,
      const char *id)
{
  for (guint i = 0; i < deadlines->len; i++)
    {
      SbCaseDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (g_str_equal (deadline->deadline->id, id))
        return deadline;
    }
  g_assert_not_reached ();
}

static void
assert_due (SbCaseDeadline *deadline,
            const char     *expected)
{
  g_autofree char *due = deadline->due > 0 ? sb_date_to_string (deadline->due) : g_strdup ("(none)");

  g_assert_null (deadline->problem);
  g_assert_cmpstr (due, ==, expected);
}

static GPtrArray *
compute (const char        *form,
         const SbCaseEvent *events,
         guint              n_events,
         const char        *today)
{
  SbFormDefinition *definition = sb_form_registry_lookup (procedures, form, 0);

  g_assert_nonnull (definition);
  return sb_case_clock_compute (definition, events, n_events, day (today), calendar);
}

/* 科技类 第十五条(三)1: 5 working days from receipt, across the 2024
 * Spring Festival.  Received Wed 2024-02-07:
 *   Thu 02-08 = 1, Fri 02-09 = 2, 02-10 … 02-17 春节 off,
 *   Sun 02-18 (调休 working) = 3, Mon 02-19 = 4, Tue 02-20 = 5.
 * On Fri 02-09 three working days are left after it: 02-18, 02-19, 02-20. */
static void
test_notice_spring_festival (void)
{
  SbCaseEvent events[] = { { "receipt", day ("2024-02-07") } };
  g_autoptr(GPtrArray) deadlines = compute ("kejipeixun", events, G_N_ELEMENTS (events), "2024-02-09");
  SbCaseDeadline *notice = find (deadlines, "notice");
  SbCaseDeadline *opinion = find (deadlines, "opinion");

  g_assert_cmpint (notice->state, ==, SB_CASE_DEADLINE_RUNNING);
  assert_due (notice, "2024-02-20");
  g_assert_cmpint (notice->remaining, ==, 3);
  /* The opinion counts from 受理, which has not happened. */
  g_assert_cmpint (opinion->state, ==, SB_CASE_DEADLINE_NOT_STARTED);
  g_assert_true (sb_case_clock_next (deadlines) == notice);
}

/* 科技类 第十五条(三)3: 20 working days from 受理 “（不包括实地勘验程序）”,
 * across the 2025 National Day holiday, with an inspection Mon 10-13 to
 * Wed 10-15.  Accepted Fri 2025-09-26:
 *   Sun 09-28 (调休) = 1, Mon 09-29 = 2, Tue 09-30 = 3, 10-01 … 10-08 off,
 *   Thu 10-09 = 4, Fri 10-10 = 5, Sat 10-11 (调休) = 6, Sun 10-12 off,
 *   10-13 … 10-15 inspection (not counted),
 *   10-16 = 7, 10-17 = 8, 10-20 … 10-24 = 9 … 13, 10-27 … 10-31 = 14 … 18,
 *   Mon 11-03 = 19, Tue 11-04 = 20.
 * Without the inspection it would be Thu 10-30: three working days more. */
static void
test_opinion_with_inspection (void)
{
  SbCaseEvent events[] = {
    { "receipt", day ("2025-09-22") },
    { "acceptance", day ("2025-09-26") },
    { "inspection_started", day ("2025-10-13") },
    { "inspection_ended", day ("2025-10-15") },
  };
  g_autoptr(GPtrArray) deadlines = compute ("kejipeixun", events, G_N_ELEMENTS (events), "2025-10-20");
  g_autoptr(GPtrArray) without = compute ("kejipeixun", events, 2, "2025-10-20");
  SbCaseDeadline *opinion = find (deadlines, "opinion");
  SbCaseDeadline *notice = find (deadlines, "notice");

  g_assert_cmpint (opinion->state, ==, SB_CASE_DEADLINE_RUNNING);
  assert_due (opinion, "2025-11-04");
  /* After Mon 10-20: 10-21 … 10-24 (4), 10-27 … 10-31 (5), 11-03, 11-04. */
  g_assert_cmpint (opinion->remaining, ==, 11);
  assert_due (find (without, "opinion"), "2025-10-30");
  /* Accepted on day 4 of the notice period (09-23 … 09-26): met in time. */
  g_assert_cmpint (notice->state, ==, SB_CASE_DEADLINE_MET);
  g_assert_false (notice->met_late);
  g_assert_true (sb_case_clock_next (deadlines) == opinion);
}

/* While the inspection runs the clock stands: on Tue 10-14 six of the 20
 * working days are spent (09-28 … 10-11 above) and 14 wait. */
static void
test_opinion_paused_by_inspection (void)
{
  SbCaseEvent events[] = {
    { "receipt", day ("2025-09-22") },
    { "acceptance", day ("2025-09-26") },
    { "inspection_started", day ("2025-10-13") },
  };
  g_autoptr(GPtrArray) deadlines = compute ("kejipeixun", events, G_N_ELEMENTS (events), "2025-10-14");
  SbCaseDeadline *opinion = find (deadlines, "opinion");

  g_assert_cmpint (opinion->state, ==, SB_CASE_DEADLINE_PAUSED);
  g_assert_cmpint (opinion->due, ==, 0);
  g_assert_cmpint (opinion->remaining, ==, 14);
  g_assert_null (sb_case_clock_next (deadlines));
}

/* 《行政许可法》第三十二条: the notice period starts again when the
 * corrected materials arrive.  Received Mon 2024-04-01, notice sent Wed
 * 04-03 (met), corrections received Tue 04-30:
 *   05-01 … 05-05 劳动节 off, Mon 05-06 = 1, 05-07 = 2, 05-08 = 3,
 *   05-09 = 4, Fri 05-10 = 5. */
static void
test_notice_again_after_corrections (void)
{
  SbCaseEvent events[] = {
    { "receipt", day ("2024-04-01") },
    { "notice_sent", day ("2024-04-03") },
    { "corrections_received", day ("2024-04-30") },
  };
  g_autoptr(GPtrArray) before = compute ("kejipeixun", events, 2, "2024-04-10");
  g_autoptr(GPtrArray) after = compute ("kejipeixun", events, 3, "2024-05-06");
  SbCaseDeadline *notice = find (after, "notice");

  g_assert_cmpint (find (before, "notice")->state, ==, SB_CASE_DEADLINE_MET);
  g_assert_null (sb_case_clock_next (before));
  g_assert_cmpint (notice->state, ==, SB_CASE_DEADLINE_RUNNING);
  assert_due (notice, "2024-05-10");
  g_assert_cmpint (notice->remaining, ==, 4);
}

/* 第三十二条: 逾期不告知的，自收到申请材料之日起即为受理.  Received Fri
 * 2025-01-24, no notice:
 *   Sun 01-26 (调休) = 1, Mon 01-27 = 2, 01-28 … 02-04 春节 off,
 *   02-05 = 3, 02-06 = 4, Fri 02-07 = 5: the notice was due 02-07.
 * On Mon 02-10 it is overdue by Sat 02-08 (调休) and 02-10: 2 working
 * days, and the case counts as accepted on 01-24, so the opinion runs
 * 20 working days from 01-24:
 *   01-26, 01-27, 02-05, 02-06, 02-07 = 1 … 5, Sat 02-08 = 6,
 *   02-10 … 02-14 = 7 … 11, 02-17 … 02-21 = 12 … 16, 02-24 … 02-27 = 17 … 20. */
static void
test_missed_notice_means_accepted (void)
{
  SbCaseEvent events[] = { { "receipt", day ("2025-01-24") } };
  g_autoptr(GPtrArray) in_time = compute ("kejipeixun", events, 1, "2025-02-07");
  g_autoptr(GPtrArray) late = compute ("kejipeixun", events, 1, "2025-02-10");
  SbCaseDeadline *notice = find (late, "notice");
  SbCaseDeadline *opinion = find (late, "opinion");

  assert_due (find (in_time, "notice"), "2025-02-07");
  g_assert_cmpint (find (in_time, "notice")->remaining, ==, 0);
  g_assert_cmpint (find (in_time, "opinion")->state, ==, SB_CASE_DEADLINE_NOT_STARTED);

  g_assert_cmpint (notice->state, ==, SB_CASE_DEADLINE_RUNNING);
  g_assert_cmpint (notice->remaining, ==, -2);
  g_assert_cmpint (opinion->state, ==, SB_CASE_DEADLINE_RUNNING);
  g_assert_cmpint (opinion->start, ==, day ("2025-01-24"));
  assert_due (opinion, "2025-02-27");
  /* Overdue first. */
  g_assert_true (sb_case_clock_next (late) == notice);
}

/* 耕地 第四条(四): 7 working days after 总体方案编制完成, and again after an
 * adjustment.  Completed Fri 2024-09-27:
 *   Sun 09-29 (调休) = 1, Mon 09-30 = 2, 10-01 … 10-07 off,
 *   10-08 … 10-11 = 3 … 6, Sat 10-12 (调休) = 7.
 * Filed 10-10; adjusted Mon 2024-12-30:
 *   12-31 = 1, 2025-01-01 off, 01-02 = 2, 01-03 = 3, 01-06 … 01-09 = 4 … 7. */
static void
test_plan_filing_and_adjustment (void)
{
  SbCaseEvent events[] = {
    { "receipt", day ("2024-09-20") },
    { "plan_completed", day ("2024-09-27") },
    { "plan_filed", day ("2024-10-10") },
    { "plan_adjusted", day ("2024-12-30") },
    { "plan_filed", day ("2025-01-10") },
  };
  g_autoptr(GPtrArray) first = compute ("gengdi", events, 2, "2024-09-30");
  g_autoptr(GPtrArray) filed = compute ("gengdi", events, 3, "2024-10-10");
  g_autoptr(GPtrArray) adjusted = compute ("gengdi", events, 4, "2025-01-02");
  g_autoptr(GPtrArray) refiled = compute ("gengdi", events, 5, "2025-01-10");

  assert_due (find (first, "filing"), "2024-10-12");
  g_assert_cmpint (find (first, "filing")->remaining, ==, 5);
  g_assert_cmpint (find (filed, "filing")->state, ==, SB_CASE_DEADLINE_MET);
  assert_due (find (adjusted, "filing"), "2025-01-09");
  g_assert_cmpint (find (adjusted, "filing")->state, ==, SB_CASE_DEADLINE_RUNNING);
  /* Filed the day after the second due day: met, late. */
  g_assert_cmpint (find (refiled, "filing")->state, ==, SB_CASE_DEADLINE_MET);
  g_assert_true (find (refiled, "filing")->met_late);
}

/* A period the applicant spends correcting does not count (a deadline
 * with "excludes": ["corrections"], on the engine test form).  20 working
 * days from receipt Tue 2024-09-10; notice Thu 09-12, corrections Wed
 * 10-09 (09-12 … 10-09 not counted):
 *   Wed 09-11 = 1, Thu 10-10 = 2, Fri 10-11 = 3, Sat 10-12 (调休) = 4,
 *   10-14 … 10-18 = 5 … 9, 10-21 … 10-25 = 10 … 14, 10-28 … 10-31 = 15 … 18,
 *   Fri 11-01 = 19, Mon 11-04 = 20. */
static void
test_corrections_pause (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) deadlines_node = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SbFormDefinition) definition = NULL;
  g_autoptr(GPtrArray) paused = NULL, resumed = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GFile) base = NULL;
  JsonObject *review;
  SbCaseEvent events[] = {
    { "receipt", day ("2024-09-10") },
    { "notice_sent", day ("2024-09-12") },
    { "corrections_received", day ("2024-10-09") },
  };

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  review = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "review");
  deadlines_node = json_from_string ("[{\"id\": \"whole\", \"label\": {\"zh_CN\": \"办结\", \"en\": \"Done\"},"
                                     " \"working_days\": 20, \"from\": \"receipt\", \"met_by\": [\"decision\"],"
                                     " \"excludes\": [\"corrections\"]}]", &error);
  g_assert_no_error (error);
  json_object_set_member (review, "deadlines", g_steal_pointer (&deadlines_node));
  text = json_to_string (json_parser_get_root (parser), FALSE);
  bytes = g_bytes_new (text, strlen (text));
  base = g_file_new_for_path (g_getenv ("SHENBAO_TEST_FIXTURES"));
  {
    g_autoptr(GFile) forms = g_file_get_child (base, "forms");

    definition = sb_form_definition_new_from_bytes (bytes, "engine-test (pause)", forms, &error);
  }
  g_assert_no_error (error);

  paused = sb_case_clock_compute (definition, events, 2, day ("2024-09-20"), calendar);
  g_assert_cmpint (find (paused, "whole")->state, ==, SB_CASE_DEADLINE_PAUSED);
  g_assert_cmpint (find (paused, "whole")->remaining, ==, 19);
  resumed = sb_case_clock_compute (definition, events, 3, day ("2024-10-09"), calendar);
  assert_due (find (resumed, "whole"), "2024-11-04");
}

/* A deadline beyond the calendar's years is unknown, and says why. */
static void
test_outside_calendar (void)
{
  SbCaseEvent events[] = { { "receipt", day ("2026-12-30") } };
  g_autoptr(GPtrArray) deadlines = compute ("kejipeixun", events, 1, "2026-12-30");
  SbCaseDeadline *notice = find (deadlines, "notice");

  g_assert_cmpint (notice->due, ==, 0);
  g_assert_nonnull (notice->problem);
  g_assert_null (sb_case_clock_next (deadlines));
}

/* The loader refuses an event a case does not know. */
static void
test_unknown_event_refused (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(SbFormDefinition) definition = NULL;
  g_autoptr(GString) edited = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  edited = g_string_new (text);
  g_assert_cmpint (g_string_replace (edited, "\"from\": \"receipt\"", "\"from\": \"lunch\"", 1), ==, 1);
  bytes = g_bytes_new (edited->str, edited->len);
  definition = sb_form_definition_new_from_bytes (bytes, "engine-test (lunch)", NULL, &error);
  g_assert_null (definition);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "lunch"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *forms = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", NULL);
  g_autofree char *calendar_dir = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "calendar", NULL);
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  procedures = sb_form_registry_new_from_directory (forms, NULL);
  calendar = sb_calendar_new_from_directory (calendar_dir, &error);
  g_assert_no_error (error);

  g_test_add_func ("/case-clock/notice-spring-festival", test_notice_spring_festival);
  g_test_add_func ("/case-clock/opinion-with-inspection", test_opinion_with_inspection);
  g_test_add_func ("/case-clock/opinion-paused-by-inspection", test_opinion_paused_by_inspection);
  g_test_add_func ("/case-clock/notice-again-after-corrections", test_notice_again_after_corrections);
  g_test_add_func ("/case-clock/missed-notice-means-accepted", test_missed_notice_means_accepted);
  g_test_add_func ("/case-clock/plan-filing-and-adjustment", test_plan_filing_and_adjustment);
  g_test_add_func ("/case-clock/corrections-pause", test_corrections_pause);
  g_test_add_func ("/case-clock/outside-calendar", test_outside_calendar);
  g_test_add_func ("/case-clock/unknown-event-refused", test_unknown_event_refused);
  status = g_test_run ();

  g_object_unref (procedures);
  g_object_unref (calendar);
  return status;
}
