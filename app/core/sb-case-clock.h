/* sb-case-clock.h — the statutory clock of a case in the register
 *
 * A procedure's deadlines are data in its definition (review.deadlines,
 * data/forms/README.md): each counts a number of working days from an
 * event of the case, may start again on another event, is met by some
 * events, and leaves out the periods the regulation excludes (the on-site
 * inspection, the time the applicant takes to correct the materials).
 * This file counts them from the events a case has recorded.  Pure
 * computation: it never blocks.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-calendar.h"
#include "sb-form-definition.h"

G_BEGIN_DECLS

/* The events a case records (its history's "event"), which deadlines count
 * from, start again on and are met by. */
extern const char * const sb_case_clock_events[];
/* The periods a deadline may leave out: "inspection" (from the event
 * inspection_started to inspection_ended) and "corrections" (from
 * notice_sent to corrections_received). */
extern const char * const sb_case_clock_periods[];

/* One event of a case, in the order the case recorded them. */
typedef struct {
  const char *event;   /* one of sb_case_clock_events */
  gint32      day;     /* Julian day it happened */
} SbCaseEvent;

typedef enum {
  SB_CASE_DEADLINE_NOT_STARTED,  /* the event it counts from has not happened */
  SB_CASE_DEADLINE_RUNNING,
  SB_CASE_DEADLINE_PAUSED,       /* inside an excluded period that has not ended */
  SB_CASE_DEADLINE_MET,
} SbCaseDeadlineState;

typedef struct {
  const SbReviewDeadline *deadline;  /* borrowed from the definition */
  SbCaseDeadlineState     state;
  gint32                  start;     /* the day counting starts after; 0 when not started */
  gint32                  due;       /* the last day; 0 when paused, not started or unknown */
  int                     remaining; /* working days left after @today up to @due; negative: overdue */
  gint32                  met_on;    /* the day it was met, or 0 */
  gboolean                met_late;  /* met after @due */
  char                   *problem;   /* why the due day is unknown (outside the calendar), or NULL */
} SbCaseDeadline;

void             sb_case_deadline_free   (SbCaseDeadline *deadline);

/* Every deadline of @definition for a case with @events (@n_events of
 * them, in recorded order) on @today: SbCaseDeadline*, in the
 * definition's order.  A deadline with "if_missed": "deemed_accepted"
 * that passes unmet (or is met late) makes the case accepted from the day
 * it counted from, for the deadlines that count from "acceptance". */
GPtrArray       *sb_case_clock_compute   (SbFormDefinition  *definition,
                                          const SbCaseEvent *events,
                                          guint              n_events,
                                          gint32             today,
                                          SbCalendar        *calendar);
/* The running deadline due first (ties: the definition's order), or NULL
 * when none runs.  Borrowed from @deadlines. */
SbCaseDeadline  *sb_case_clock_next      (GPtrArray         *deadlines);

G_END_DECLS
