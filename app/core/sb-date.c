/* sb-date.c — civil dates and times as the regulations count them
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-date"

#include "config.h"

#include <string.h>

#include "sb-date.h"

static gboolean
parse_digits (const char *text,
              guint       n,
              int        *value)
{
  *value = 0;
  for (guint i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      *value = *value * 10 + (text[i] - '0');
    }
  return TRUE;
}

gboolean
sb_date_parse (const char *text,
               gint32     *julian_day)
{
  int year, month, day;
  gint32 result;

  g_return_val_if_fail (julian_day != NULL, FALSE);

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-' ||
      !parse_digits (text, 4, &year) || !parse_digits (text + 5, 2, &month) || !parse_digits (text + 8, 2, &day))
    return FALSE;

  if (year < 1000)
    return FALSE;

  result = sb_date_from_ymd (year, month, day);
  if (result == 0)
    return FALSE;

  *julian_day = result;
  return TRUE;
}

gint32
sb_date_today (void)
{
  g_autoptr(GDateTime) now = NULL;
  const char *fixed = g_getenv ("SHENBAO_TODAY");
  gint32 fixed_day;
  int year, month, day;

  /* SHENBAO_TODAY=YYYY-MM-DD stands in for the calendar: tests (and a
   * person checking how the application behaves once a regulation has
   * lapsed) need a today that does not move. */
  if (fixed != NULL && sb_date_parse (fixed, &fixed_day))
    return fixed_day;

  now = g_date_time_new_now_local ();
  g_date_time_get_ymd (now, &year, &month, &day);
  return sb_date_from_ymd (year, month, day);
}

char *
sb_date_now_timestamp (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
sb_date_to_string (gint32 julian_day)
{
  int year, month, day;

  sb_date_to_ymd (julian_day, &year, &month, &day);
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

gint32
sb_date_from_ymd (int year,
                  int month,
                  int day)
{
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      !g_date_valid_dmy (day, month, year))
    return 0;

  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, day, month, year);
    return g_date_get_julian (&date);
  }
}

void
sb_date_to_ymd (gint32  julian_day,
                int    *year,
                int    *month,
                int    *day)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!g_date_valid_julian (julian_day))
    {
      *year = *month = *day = 0;
      return;
    }
  g_date_set_julian (&date, julian_day);
  *year = g_date_get_year (&date);
  *month = g_date_get_month (&date);
  *day = g_date_get_day (&date);
}

int
sb_date_weekday (gint32 julian_day)
{
  /* Julian day 1 (0001-01-01, proleptic Gregorian) was a Monday. */
  return ((julian_day - 1) % 7 + 7) % 7 + 1;
}

/* 《民法典》第二百零二条: a period in months or years ends on the
 * corresponding day of the last month, or on that month's last day when it
 * has no such day (31 January + 1 month = 28 or 29 February). */
gint32
sb_date_add_months (gint32 julian_day,
                    int    months)
{
  int year, month, day;
  int total;

  sb_date_to_ymd (julian_day, &year, &month, &day);
  total = year * 12 + (month - 1) + months;
  year = total / 12;
  month = total % 12 + 1;
  if (year < 1 || year > 9999)
    return 0;

  day = MIN (day, g_date_get_days_in_month (month, year));
  return sb_date_from_ymd (year, month, day);
}

gint32
sb_date_add_years (gint32 julian_day,
                   int    years)
{
  return sb_date_add_months (julian_day, years * 12);
}

/* 周岁: complete years, the anniversary counting as complete.  One born on
 * 29 February completes a year on 28 February of a common year, which is
 * the corresponding day under 《民法典》第二百零二条. */
int
sb_date_full_years (gint32 from,
                    gint32 to)
{
  int from_year, from_month, from_day;
  int to_year, to_month, to_day;
  int years;

  if (to < from)
    return -sb_date_full_years (to, from);

  sb_date_to_ymd (from, &from_year, &from_month, &from_day);
  sb_date_to_ymd (to, &to_year, &to_month, &to_day);

  years = to_year - from_year;
  if (years > 0 && sb_date_add_years (from, years) > to)
    years--;
  return years;
}

int
sb_date_full_months (gint32 from,
                     gint32 to)
{
  int from_year, from_month, from_day;
  int to_year, to_month, to_day;
  int months;

  if (to < from)
    return -sb_date_full_months (to, from);

  sb_date_to_ymd (from, &from_year, &from_month, &from_day);
  sb_date_to_ymd (to, &to_year, &to_month, &to_day);

  months = (to_year - from_year) * 12 + (to_month - from_month);
  if (months > 0 && sb_date_add_months (from, months) > to)
    months--;
  return months;
}

int
sb_date_period_years (gint32 first,
                      gint32 last)
{
  if (first <= 1 || last < first)
    return 0;
  return sb_date_full_years (first - 1, last);
}

int
sb_date_period_months (gint32 first,
                       gint32 last)
{
  if (first <= 1 || last < first)
    return 0;
  return sb_date_full_months (first - 1, last);
}

gboolean
sb_time_parse (const char *text,
               int        *minutes)
{
  int hour, minute;

  g_return_val_if_fail (minutes != NULL, FALSE);

  if (text == NULL || strlen (text) != 5 || text[2] != ':' ||
      !parse_digits (text, 2, &hour) || !parse_digits (text + 3, 2, &minute))
    return FALSE;

  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0))
    return FALSE;

  *minutes = hour * 60 + minute;
  return TRUE;
}

char *
sb_time_to_string (int minutes)
{
  return g_strdup_printf ("%02d:%02d", minutes / 60, minutes % 60);
}
