/* sb-case.h — a case of the register: one packet received, its status and
 * what the office did with it
 *
 * The statuses follow the regulations and 《行政许可法》第三十二条:
 *   received (已收到) → (notice (一次性告知补正) → corrections (补正材料已收到))*
 *     → accepted (已受理) | not_accepted (不予受理)
 *   accepted → reviewing (审核中) (→ inspection (实地核验)) → approved (通过) | declined (不通过)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib-object.h>

#include "sb-calendar.h"

G_BEGIN_DECLS

/* Status ids, as stored. */
extern const char * const sb_case_statuses[];

/* The status's name for people (translated; zh_CN 已收到…), or NULL for an
 * unknown id. */
const char  *sb_case_status_label      (const char *status);
/* A status id from its id or its name in either language ("已受理",
 * "accepted", "Accepted"), or NULL. */
const char  *sb_case_status_parse      (const char *text);
/* Whether a case may go from @from to @to. */
gboolean     sb_case_status_can_follow (const char *from,
                                        const char *to);
/* The statuses a case may go to from @from: NULL-terminated, static. */
const char * const *sb_case_status_next (const char *from);
/* The clock's event a transition records ("acceptance" for accepted…);
 * NULL when none.  Leaving "inspection" records "inspection_ended", which
 * sb_case_transition_events() adds. */
const char  *sb_case_status_event      (const char *to);
/* Whether @status is final (不予受理, 通过, 不通过). */
gboolean     sb_case_status_is_final   (const char *status);

typedef struct {
  gint64  id;
  char   *reference;
  int     round;           /* 1, 2… for resubmissions of the same reference */
  gint64  previous_id;     /* the earlier round, or 0 */
  gboolean latest;         /* the newest round of its reference */
  char   *form_id;
  char   *form_version;
  char   *applicant;       /* the definition's summary fields, "" when empty */
  char   *applicant_code;  /* 统一社会信用代码 or 居民身份证号, "" when none */
  char   *packet_hash;     /* the packet's integrity hash */
  char   *packet_path;     /* where it was registered from, or NULL */
  gboolean verified;       /* whether it verified when registered */
  char   *problem;         /* why not, or NULL */
  gint32  submitted;       /* Julian days; 0 when unknown */
  gint32  received;
  gint32  accepted;        /* 受理, or 0 */
  char   *status;
  char   *reviewer;        /* or NULL */
  gint32  next_deadline;   /* 0 when no deadline runs */
  char   *next_deadline_id;
  char   *review_path;     /* the review file, or NULL */
  gint64  version;         /* optimistic locking: every change adds one */
  char   *changed_by;
  char   *changed_at;      /* ISO 8601, UTC */
} SbCase;

/* The next deadline's id (SbCase.next_deadline_id) while a one-time
 * notice waits on the applicant: the 补正期限 the notice gave, which is
 * the applicant's to meet, not the office's (its clock is stopped). */
#define SB_CASE_APPLICANT_CORRECTIONS "applicant_corrections"

/* Whether the next deadline of @a_case is the applicant's 补正期限. */
#define sb_case_deadline_is_applicants(a_case) \
  (g_strcmp0 ((a_case)->next_deadline_id, SB_CASE_APPLICANT_CORRECTIONS) == 0)

/* The result of an on-site inspection (实地核验), recorded when the case
 * leaves 实地核验: 核验通过 or 核验不通过 with what was found there
 * (现场说明), the day of the visit and who inspected. */
typedef struct {
  gint64   id;
  gint64   case_id;
  gboolean passed;         /* 核验通过; FALSE: 核验不通过 */
  char    *findings;       /* 现场说明: required when not passed, else NULL or text */
  gint32   inspected;      /* the day of the visit */
  char    *inspector;      /* who inspected (one name or several) */
  char    *by;             /* who recorded it */
  char    *at;             /* ISO 8601, UTC */
} SbInspection;

/* One entry of a case's history: a transition (from → to) or an event
 * recorded without one (from = to). */
typedef struct {
  gint64  id;
  char   *at;              /* ISO 8601, UTC */
  char   *by;
  char   *from_status;     /* NULL for the first entry */
  char   *to_status;
  char   *event;           /* a clock event (sb-case-clock.h) or NULL */
  gint32  event_day;       /* the day the event happened, or 0 */
  char   *why;
  SbInspection *inspection; /* the result recorded with the end of an
                               inspection (event inspection_ended), or NULL */
} SbCaseChange;

/* The one-time notice of corrections (一次性告知单): every correction at
 * once, the working days the applicant has, and whom to ask. */
typedef struct {
  gint64  id;
  gint64  case_id;
  char   *number;          /* the notice number */
  gint32  sent;
  int     correction_days; /* 补正期限, working days */
  char   *office;
  char   *contact;
  char  **corrections;     /* NULL-terminated, at least one */
  char   *by;
  char   *at;
} SbNotice;

void          sb_case_free         (SbCase       *self);
SbCase       *sb_case_copy         (const SbCase *self);
void          sb_case_change_free  (SbCaseChange *self);
void          sb_notice_free       (SbNotice     *self);
SbNotice     *sb_notice_copy       (const SbNotice *self);
void          sb_inspection_free   (SbInspection *self);
SbInspection *sb_inspection_copy   (const SbInspection *self);
/* "核验通过" / "核验不通过" as the office writes it (translated). */
const char   *sb_inspection_result_label (gboolean passed);
/* One line for a history or an export: "On-site inspection failed on
 * 2025-10-14, inspected by 王五: <findings>" (translated). */
char         *sb_inspection_describe     (const SbInspection *self);
/* The reason recorded for approving a case after its inspection found
 * 核验不通过: @why (may be NULL or "") and that it was approved knowing
 * it (translated).  The application and shenbao-tool record the same. */
char         *sb_inspection_dup_approval_reason (const char *why);

/* The last day of the 补正期限 @notice gives the applicant: its working
 * days counted after the day it was sent (rules.md §0.4: that day does
 * not count), by @calendar; 0 when that
 * cannot be counted (no calendar, or outside it).  The notice's PDF
 * prints this day and the register's deadline is this day. */
gint32        sb_notice_period_end (const SbNotice *notice,
                                    SbCalendar     *calendar);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbCase, sb_case_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbNotice, sb_notice_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbInspection, sb_inspection_free)

G_END_DECLS
