/* sb-date.h — civil dates and times as the regulations count them
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates are GDate Julian days (1 == 0001-01-01) held in a gint32. */

/* Strict ISO 8601 "YYYY-MM-DD", a real calendar date, year 1000..9999. */
gboolean  sb_date_parse            (const char *text,
                                    gint32     *julian_day);
char     *sb_date_to_string        (gint32      julian_day);
gint32    sb_date_from_ymd         (int year, int month, int day);  /* 0 when invalid */
void      sb_date_to_ymd           (gint32 julian_day, int *year, int *month, int *day);
/* Today by this computer's clock and time zone, or the date in
 * $SHENBAO_TODAY (YYYY-MM-DD) when it is set. */
gint32    sb_date_today            (void);
/* Now as packets and drafts carry times: "2024-03-14T09:00:00Z", UTC in
 * whole seconds. */
char     *sb_date_now_timestamp    (void);
int       sb_date_weekday          (gint32 julian_day);  /* 1 = Monday .. 7 = Sunday */

/* 《民法典》第二百零二条: the corresponding day of the target month is the
 * last day; when that month has no such day (31st, 29 Feb) the last day of
 * the month is used. */
gint32    sb_date_add_years        (gint32 julian_day, int years);
gint32    sb_date_add_months       (gint32 julian_day, int months);

/* Full years from @from to @to: the anniversary day counts as a full year
 * (周岁: one is 70 on one's 70th birthday).  Negative when @to < @from. */
int       sb_date_full_years       (gint32 from, gint32 to);
/* Full months from @from to @to, the corresponding day counting as a full
 * month (31 January to 28 February is one month).  Negative when @to < @from. */
int       sb_date_full_months      (gint32 from, gint32 to);

/* Whole years (months) of a period given by its first and its last day,
 * both days belonging to it (a contract "2024-09-01 至 2025-08-31", a
 * post held from … to …).  《民法典》第二百零一条 does not count the day of
 * the event, so a period whose first counted day is @first runs from the
 * day before it; 第二百零二条 ends it on the corresponding day: 2024-09-01
 * to 2025-08-31 is one full year, 2024-09-01 to 2025-08-30 is not.  0 when
 * @last is before @first. */
int       sb_date_period_years     (gint32 first, gint32 last);
int       sb_date_period_months    (gint32 first, gint32 last);

/* Strict "HH:MM", 00:00..23:59 (also accepts "24:00" as 1440 for an end of day). */
gboolean  sb_time_parse            (const char *text,
                                    int        *minutes);
char     *sb_time_to_string        (int         minutes);

G_END_DECLS
