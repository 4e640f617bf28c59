/* test-date.c — civil dates and times as the regulations count them
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "sb-date.h"

static gint32
date (const char *text)
{
  gint32 julian_day = 0;

  g_assert_true (sb_date_parse (text, &julian_day));
  return julian_day;
}

static void
test_parse (void)
{
  const char *good[] = { "2024-02-29", "1000-01-01", "9999-12-31", "2023-05-22" };
  const char *bad[] = { "2023-02-29", "2023-2-3", " 2023-02-03", "2023-02-03 ", "0999-01-01", "2023-13-01",
                        "2023-00-10", "2023-01-32", "20230203", "2023/02/03", "", "abcd-ef-gh" };
  gint32 julian_day;

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *text = NULL;

      g_assert_true (sb_date_parse (good[i], &julian_day));
      text = sb_date_to_string (julian_day);
      g_assert_cmpstr (text, ==, good[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (sb_date_parse (bad[i], &julian_day))
      g_error ("“%s” was accepted as a date", bad[i]);
  g_assert_false (sb_date_parse (NULL, &julian_day));
}

static void
test_periods (void)
{
  /* 《民法典》第二百零二条: the corresponding day, or the month's last. */
  g_assert_cmpint (sb_date_add_years (date ("2024-02-29"), 1), ==, date ("2025-02-28"));
  g_assert_cmpint (sb_date_add_years (date ("2024-02-29"), 4), ==, date ("2028-02-29"));
  g_assert_cmpint (sb_date_add_months (date ("2024-01-31"), 1), ==, date ("2024-02-29"));
  g_assert_cmpint (sb_date_add_months (date ("2023-01-31"), 1), ==, date ("2023-02-28"));
  g_assert_cmpint (sb_date_add_months (date ("2023-12-15"), 2), ==, date ("2024-02-15"));
  g_assert_cmpint (sb_date_add_months (date ("2024-03-31"), -1), ==, date ("2024-02-29"));
  g_assert_cmpint (sb_date_add_years (date ("2023-05-22"), 2), ==, date ("2025-05-22"));
}

static void
test_full_years (void)
{
  /* 周岁: one is 70 on one's 70th birthday. */
  g_assert_cmpint (sb_date_full_years (date ("1954-03-15"), date ("2024-03-15")), ==, 70);
  g_assert_cmpint (sb_date_full_years (date ("1954-03-15"), date ("2024-03-14")), ==, 69);
  g_assert_cmpint (sb_date_full_years (date ("1954-03-16"), date ("2024-03-15")), ==, 69);
  /* Born on 29 February: the anniversary in a common year is 28 February. */
  g_assert_cmpint (sb_date_full_years (date ("2004-02-29"), date ("2023-02-28")), ==, 19);
  g_assert_cmpint (sb_date_full_years (date ("2004-02-29"), date ("2023-02-27")), ==, 18);
  g_assert_cmpint (sb_date_full_years (date ("2024-03-15"), date ("2020-03-15")), ==, -4);
}

static void
test_period_years (void)
{
  /* 第二百零一条/第二百零二条: a contract from 2024-09-01 to 2025-08-31 is
   * one year; one day less is not. */
  g_assert_cmpint (sb_date_period_years (date ("2024-09-01"), date ("2025-08-31")), ==, 1);
  g_assert_cmpint (sb_date_period_years (date ("2024-09-01"), date ("2025-08-30")), ==, 0);
  /* Three years crossing 29 February: 1,095 days are one day short. */
  g_assert_cmpint (sb_date_period_years (date ("2021-03-02"), date ("2024-03-01")), ==, 3);
  g_assert_cmpint (sb_date_period_years (date ("2021-03-02"), date ("2024-02-29")), ==, 2);
  /* First day 1 March: the period runs from 28 February, so it ends on the
   * corresponding 28 February even in a leap year. */
  g_assert_cmpint (sb_date_period_years (date ("2023-03-01"), date ("2024-02-28")), ==, 1);
  g_assert_cmpint (sb_date_period_years (date ("2023-03-01"), date ("2024-02-27")), ==, 0);
  g_assert_cmpint (sb_date_period_years (date ("2024-03-01"), date ("2025-02-28")), ==, 1);
  g_assert_cmpint (sb_date_period_years (date ("2025-08-31"), date ("2024-09-01")), ==, 0);
  /* Months: 1 February to the end of February is one month. */
  g_assert_cmpint (sb_date_period_months (date ("2025-02-01"), date ("2025-02-28")), ==, 1);
  g_assert_cmpint (sb_date_period_months (date ("2025-02-01"), date ("2025-02-27")), ==, 0);
  g_assert_cmpint (sb_date_period_months (date ("2025-01-01"), date ("2025-03-31")), ==, 3);
  g_assert_cmpint (sb_date_full_months (date ("2025-01-31"), date ("2025-02-28")), ==, 1);
  g_assert_cmpint (sb_date_full_months (date ("2025-01-31"), date ("2025-02-27")), ==, 0);
}

static void
test_weekday (void)
{
  g_assert_cmpint (sb_date_weekday (date ("2024-03-15")), ==, 5);
  g_assert_cmpint (sb_date_weekday (date ("2024-03-17")), ==, 7);
  g_assert_cmpint (sb_date_weekday (date ("2026-11-23")), ==, 1);
  g_assert_cmpint (sb_date_weekday (date ("1000-01-01")), ==, sb_date_weekday (date ("1000-01-08")));
}

static void
test_time (void)
{
  int minutes;
  const char *bad[] = { "8:00", "24:01", "12:60", "1200", "12:0", " 12:00", "", "ab:cd" };
  g_autofree char *text = NULL;

  g_assert_true (sb_time_parse ("20:30", &minutes));
  g_assert_cmpint (minutes, ==, 20 * 60 + 30);
  g_assert_true (sb_time_parse ("00:00", &minutes));
  g_assert_cmpint (minutes, ==, 0);
  g_assert_true (sb_time_parse ("24:00", &minutes));
  g_assert_cmpint (minutes, ==, 1440);
  text = sb_time_to_string (8 * 60 + 5);
  g_assert_cmpstr (text, ==, "08:05");

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    if (sb_time_parse (bad[i], &minutes))
      g_error ("“%s” was accepted as a time", bad[i]);
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/date/parse", test_parse);
  g_test_add_func ("/date/periods", test_periods);
  g_test_add_func ("/date/full-years", test_full_years);
  g_test_add_func ("/date/period-years", test_period_years);
  g_test_add_func ("/date/weekday", test_weekday);
  g_test_add_func ("/date/time", test_time);

  return g_test_run ();
}
