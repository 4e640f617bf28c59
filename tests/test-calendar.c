/* test-calendar.c — working days with the State Council's holidays
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>

#include "sb-calendar.h"
#include "sb-date.h"
#include "test-chinese.h"

static SbCalendar *calendar;

static gint32
date (const char *text)
{
  gint32 julian_day = 0;

  g_assert_true (sb_date_parse (text, &julian_day));
  return julian_day;
}

static gint32
add (const char *start,
     int         n)
{
  g_autoptr(GError) error = NULL;
  gint32 result = 0;

  g_assert_true (sb_calendar_add_working_days (calendar, date (start), n, &result, &error));
  g_assert_no_error (error);
  return result;
}

static gboolean
working (const char *day)
{
  gboolean is_working = FALSE;

  g_assert_true (sb_calendar_is_working_day (calendar, date (day), &is_working, NULL));
  return is_working;
}

static void
test_days (void)
{
  g_assert_true (working ("2024-03-15"));          /* a Friday */
  g_assert_false (working ("2024-03-16"));         /* a Saturday */
  g_assert_false (working ("2024-10-01"));         /* 国庆 */
  g_assert_true (working ("2024-09-29"));          /* a worked Sunday (调休) */
  g_assert_true (working ("2024-10-12"));          /* a worked Saturday */
  g_assert_false (working ("2024-02-12"));         /* 春节, a Monday */
  g_assert_true (working ("2024-02-18"));          /* a worked Sunday */
  g_assert_false (working ("2023-01-02"));         /* 元旦 2023, a Monday */
  g_assert_false (working ("2022-12-31"));         /* 元旦 2023, taken in 2022 */
  g_assert_false (working ("2025-01-28"));         /* 春节 2025 */
  g_assert_true (working ("2025-02-08"));          /* a worked Saturday */
  g_assert_false (working ("2026-02-23"));         /* 春节 2026, a Monday */
  g_assert_true (working ("2026-01-04"));          /* a worked Sunday */
  g_assert_cmpstr (sb_calendar_get_day_label (calendar, date ("2024-10-01")), ==, "国庆节");
  g_assert_cmpstr (sb_calendar_get_day_label (calendar, date ("2024-09-29")), ==, "国庆节");
  g_assert_null (sb_calendar_get_day_label (calendar, date ("2024-03-15")));
}

static void
test_add_working_days (void)
{
  /* The start day does not count; the next working day is day 1. */
  g_assert_cmpint (add ("2024-03-15", 1), ==, date ("2024-03-18"));
  g_assert_cmpint (add ("2024-03-18", 0), ==, date ("2024-03-18"));
  /* Over 国庆 2024: 09-29 (Sun) worked, 10-01..07 off. */
  g_assert_cmpint (add ("2024-09-27", 5), ==, date ("2024-10-10"));
  /* 20 working days over 春节 2024 (02-10..17 off, 02-04 and 02-18 worked). */
  g_assert_cmpint (add ("2024-02-01", 20), ==, date ("2024-03-05"));
  /* 7 working days over 劳动节 2023 (04-29..05-03 off, 04-23 and 05-06 worked). */
  g_assert_cmpint (add ("2023-04-25", 7), ==, date ("2023-05-08"));

  {
    int count = 0;

    g_assert_true (sb_calendar_working_days_between (calendar, date ("2024-09-27"), date ("2024-10-10"), &count, NULL));
    g_assert_cmpint (count, ==, 5);
  }
}

static void
test_not_covered (void)
{
  g_autoptr(GError) error = NULL;
  gboolean is_working;
  gint32 result;
  int first, last;

  sb_calendar_get_range (calendar, &first, &last);
  g_assert_cmpint (first, <=, 2021);
  g_assert_cmpint (last, >=, 2026);

  g_assert_false (sb_calendar_is_working_day (calendar, date ("2030-01-02"), &is_working, &error));
  g_assert_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_NOT_COVERED);
  g_assert_nonnull (strstr (error->message, "2030-01-02"));
  g_clear_error (&error);

  /* A period running past the last covered year says so, rather than guess. */
  g_assert_false (sb_calendar_add_working_days (calendar, date ("2026-12-28"), 10, &result, &error));
  g_assert_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_NOT_COVERED);
}

static void
test_bad_data (void)
{
  struct { const char *json; const char *needle; } cases[] = {
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"days_off\": [\"2024-02-30\"]}]}", "not a date" },
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"days_off\": [\"2023-12-01\"]}]}", "not in 2024" },
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"working_days\": [\"2024-03-15\"]}]}", "weekday" },
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"days_off\": [\"2024-03-15\"], \"working_days\": [\"2024-03-16\"]},"
      " {\"name\": \"y\", \"days_off\": [\"2024-03-16\"]}]}", "twice" },
    { "{\"holidays\": []}", "year" },
    { "not json", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = g_dir_make_tmp ("shenbao-calendar-XXXXXX", NULL);
      g_autofree char *path = g_build_filename (dir, "2024.json", NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbCalendar) broken = NULL;

      g_assert_true (g_file_set_contents (path, cases[i].json, -1, NULL));
      broken = sb_calendar_new_from_directory (dir, &error);
      g_assert_null (broken);
      g_assert_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, cases[i].needle, error->message);
      g_unlink (path);
      g_rmdir (dir);
    }

  /* Years with a gap are refused. */
  {
    g_autofree char *dir = g_dir_make_tmp ("shenbao-calendar-XXXXXX", NULL);
    g_autofree char *a = g_build_filename (dir, "2021.json", NULL);
    g_autofree char *b = g_build_filename (dir, "2023.json", NULL);
    g_autoptr(GError) error = NULL;
    g_autoptr(SbCalendar) gapped = NULL;

    g_file_set_contents (a, "{\"year\": 2021, \"holidays\": []}", -1, NULL);
    g_file_set_contents (b, "{\"year\": 2023, \"holidays\": []}", -1, NULL);
    gapped = sb_calendar_new_from_directory (dir, &error);
    g_assert_null (gapped);
    g_assert_nonnull (strstr (error->message, "not contiguous"));
    g_unlink (a);
    g_unlink (b);
    g_rmdir (dir);
  }
}

/* Reads a calendar folder of one year, @json, which must be refused; the
 * message. */
static char *
refusal (const char *dir,
         const char *path,
         const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCalendar) broken = NULL;

  if (json != NULL)
    g_assert_true (g_file_set_contents (path, json, -1, NULL));
  broken = sb_calendar_new_from_directory (dir, &error);
  g_assert_null (broken);
  g_assert_error (error, SB_CALENDAR_ERROR, SB_CALENDAR_ERROR_INVALID);
  if (json != NULL)
    g_unlink (path);
  return g_strdup (error->message);
}

/* The calendar's errors reach the reviewer as deadline problems: in
 * Chinese under zh_CN, in English under C. */
static void
test_errors_in_chinese (void)
{
  struct { const char *json; const char *needle; } cases[] = {
    { "[]", "2024.json: expected an object" },
    { "{\"holidays\": []}", "2024.json: $.year is missing" },
    { "{\"year\": 2024}", "2024.json: $.holidays is missing" },
    { "{\"year\": 2024, \"holidays\": [1]}", "2024.json: $.holidays[0]: expected an object" },
    { "{\"year\": 2024, \"holidays\": [{\"days_off\": []}]}", "$.holidays[0]: the holiday has no name" },
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"days_off\": 1}]}", "$.holidays[0].days_off: expected a list of dates" },
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"days_off\": [\"2024-02-30\"]}]}", "$.holidays[0].days_off[0]: not a date" },
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"days_off\": [\"2023-12-01\"]}]}", "2023-12-01 is not in 2024" },
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"working_days\": [\"2024-03-15\"]}]}",
      "2024-03-15 is a weekday; only weekend days can be declared worked" },
    { "{\"year\": 2024, \"holidays\": [{\"name\": \"x\", \"days_off\": [\"2024-03-15\", \"2024-03-15\"]}]}",
      "$.holidays[0].days_off[1]: 2024-03-15 is listed twice" },
    { "{\"year\": 2024, \"holidays\": [], \"padding\": \"\xff\"}", "the file is not UTF-8 text" },
  };
  g_autofree char *dir = g_dir_make_tmp ("shenbao-calendar-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "2024.json", NULL);
  g_autofree char *other = g_build_filename (dir, "2026.json", NULL);
  g_autofree char *copy = g_build_filename (dir, "copy.json", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing", NULL);
  const char *values[] = { path, dir, NULL };
  TestLocale locale;

  if (!test_chinese_begin (&locale))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *english = NULL;
      g_autofree char *chinese = NULL;

      test_chinese_pause (&locale);
      english = refusal (dir, path, cases[i].json);
      test_chinese_resume ();
      chinese = refusal (dir, path, cases[i].json);
      test_assert_both_languages (english, chinese, cases[i].needle, values);
    }

  /* An empty folder, a missing one, a year twice, and a gap. */
  {
    g_autofree char *english = NULL;
    g_autofree char *chinese = NULL;

    test_chinese_pause (&locale);
    english = refusal (dir, NULL, NULL);
    test_chinese_resume ();
    chinese = refusal (dir, NULL, NULL);
    test_assert_both_languages (english, chinese, "no calendar data in ", values);
    g_clear_pointer (&english, g_free);
    g_clear_pointer (&chinese, g_free);

    /* The reason after the colon is GLib's (translated by GLib). */
    test_chinese_pause (&locale);
    english = refusal (missing, NULL, NULL);
    test_chinese_resume ();
    chinese = refusal (missing, NULL, NULL);
    g_test_message ("%s\n    %s", english, chinese);
    g_assert_true (g_str_has_prefix (english, "no calendar data: "));
    g_assert_true (g_str_has_prefix (chinese, "没有日历数据："));
    g_clear_pointer (&english, g_free);
    g_clear_pointer (&chinese, g_free);

    g_assert_true (g_file_set_contents (path, "{\"year\": 2024, \"holidays\": []}", -1, NULL));
    g_assert_true (g_file_set_contents (copy, "{\"year\": 2024, \"holidays\": []}", -1, NULL));
    test_chinese_pause (&locale);
    english = refusal (dir, NULL, NULL);
    test_chinese_resume ();
    chinese = refusal (dir, NULL, NULL);
    {
      /* Whichever of the two files the folder lists second is named. */
      const char *both[] = { path, copy, NULL };

      test_assert_both_languages (english, chinese, ": the year 2024 is defined twice", both);
    }
    g_unlink (copy);
    g_clear_pointer (&english, g_free);
    g_clear_pointer (&chinese, g_free);

    g_assert_true (g_file_set_contents (other, "{\"year\": 2026, \"holidays\": []}", -1, NULL));
    test_chinese_pause (&locale);
    english = refusal (dir, NULL, NULL);
    test_chinese_resume ();
    chinese = refusal (dir, NULL, NULL);
    test_assert_both_languages (english, chinese, "are not contiguous (2024 to 2026 with gaps)", values);
    g_unlink (other);
    g_unlink (path);
  }

  /* A deadline past the calendar's last year. */
  {
    g_autoptr(GError) english = NULL;
    g_autoptr(GError) chinese = NULL;
    gboolean is_working;

    test_chinese_pause (&locale);
    g_assert_false (sb_calendar_is_working_day (calendar, date ("2030-01-02"), &is_working, &english));
    test_chinese_resume ();
    g_assert_false (sb_calendar_is_working_day (calendar, date ("2030-01-02"), &is_working, &chinese));
    test_assert_both_languages (english->message, chinese->message, "; 2030-01-02 is outside it", NULL);
  }

  g_rmdir (dir);
  test_chinese_end (&locale);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  calendar = sb_calendar_get_default (&error);
  g_assert_no_error (error);

  g_test_add_func ("/calendar/days", test_days);
  g_test_add_func ("/calendar/add-working-days", test_add_working_days);
  g_test_add_func ("/calendar/not-covered", test_not_covered);
  g_test_add_func ("/calendar/bad-data", test_bad_data);
  g_test_add_func ("/calendar/errors-in-chinese", test_errors_in_chinese);

  return g_test_run ();
}
