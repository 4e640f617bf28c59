/* sb-calendar.h — the working-day calendar (data/calendar/)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_CALENDAR_ERROR (sb_calendar_error_quark ())

typedef enum {
  SB_CALENDAR_ERROR_INVALID,       /* malformed calendar data */
  SB_CALENDAR_ERROR_NOT_COVERED,   /* a date outside the years the data covers */
} SbCalendarError;

#define SB_TYPE_CALENDAR (sb_calendar_get_type ())
G_DECLARE_FINAL_TYPE (SbCalendar, sb_calendar, SB, CALENDAR, GObject)

GQuark       sb_calendar_error_quark        (void);

/* Loads every *.json year file of @dir (see data/calendar/README.md). */
SbCalendar  *sb_calendar_new_from_directory (const char  *dir,
                                             GError     **error);
/* The calendar shipped with the application (PKGDATADIR/calendar, or
 * $SHENBAO_DATA_DIR/calendar when set), loaded once. */
SbCalendar  *sb_calendar_get_default        (GError     **error);

gboolean     sb_calendar_covers             (SbCalendar  *self,
                                             gint32       julian_day);
void         sb_calendar_get_range          (SbCalendar  *self,
                                             int         *first_year,
                                             int         *last_year);
/* FALSE with SB_CALENDAR_ERROR_NOT_COVERED outside the covered years. */
gboolean     sb_calendar_is_working_day     (SbCalendar  *self,
                                             gint32       julian_day,
                                             gboolean    *is_working_day,
                                             GError     **error);
/* rules.md §0.4: the start day does not count; the next working day is day 1
 * and the @n-th working day is the last day of the period. */
gboolean     sb_calendar_add_working_days   (SbCalendar  *self,
                                             gint32       start,
                                             int          n,
                                             gint32      *result,
                                             GError     **error);
/* Working days after @from up to and including @to (0 when @to <= @from). */
gboolean     sb_calendar_working_days_between (SbCalendar *self,
                                               gint32      from,
                                               gint32      to,
                                               int        *count,
                                               GError    **error);
/* The holiday name for a day off that is not a weekend, or a 调休 working
 * weekend's label; NULL otherwise.  Borrowed. */
const char  *sb_calendar_get_day_label      (SbCalendar  *self,
                                             gint32       julian_day);

G_END_DECLS
