/* sb-register.h — the office's case register
 *
 * Every packet the office receives is a case: its status, reviewer,
 * deadlines and an append-only history.  One store, two backends chosen by
 * a URL: a file path is SQLite (WAL; the default is
 * $XDG_DATA_HOME/shenbao/register.sqlite), "postgresql://…" or
 * "postgres://…" is a PostgreSQL database an office shares.  Migrations
 * run when it opens.
 *
 * Threads: a register may be used from any thread, one call at a time
 * (each call holds the register's lock).  Every call that takes a GError
 * talks to the database and MAY BLOCK (a PostgreSQL server across the
 * network, a SQLite file another process is writing): the GUI calls the
 * _async variants, which run them in a worker thread.  The status and
 * clock functions (sb-case.h, sb-case-clock.h) never block.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "sb-calendar.h"
#include "sb-case.h"
#include "sb-case-clock.h"
#include "sb-form-registry.h"
#include "sb-packet.h"

G_BEGIN_DECLS

#define SB_REGISTER_ERROR (sb_register_error_quark ())

typedef enum {
  SB_REGISTER_ERROR_FAILED,       /* the database refused or failed: the message says how */
  SB_REGISTER_ERROR_UNREACHABLE,  /* it cannot be opened or reached */
  SB_REGISTER_ERROR_SCHEMA,       /* a schema this version cannot use, or cannot migrate */
  SB_REGISTER_ERROR_CONFLICT,     /* the case changed since it was read: "changed by 张三 at 10:02; reload" */
  SB_REGISTER_ERROR_TRANSITION,   /* the workflow does not allow it */
  SB_REGISTER_ERROR_NOT_FOUND,
  SB_REGISTER_ERROR_INVALID,      /* a missing name, reason or date */
} SbRegisterError;

/* The newest schema this version writes. */
#define SB_REGISTER_SCHEMA_VERSION 4

typedef enum {
  SB_REGISTER_ADDED,      /* a new case */
  SB_REGISTER_FOUND,      /* the same packet was registered before: nothing added */
  SB_REGISTER_NEW_ROUND,  /* a resubmission of a registered reference */
} SbRegisterAddResult;

/* What list returns.  Strings NULL and days 0 mean "any". */
typedef struct {
  const char *status;
  const char *form_id;
  const char *reviewer;
  gboolean    overdue;          /* next deadline before @today */
  gint32      today;
  gint32      received_from;    /* inclusive */
  gint32      received_to;      /* inclusive */
  gboolean    all_rounds;       /* FALSE: the latest round of each reference only */
  guint       limit;            /* at most this many (a page of the list); 0: all */
  const char *search;           /* in the reference, applicant, applicant's code or reviewer,
                                   ignoring case; NULL or "": any */
} SbCaseFilter;

#define SB_TYPE_REGISTER (sb_register_get_type ())
G_DECLARE_DERIVABLE_TYPE (SbRegister, sb_register, SB, REGISTER, GObject)

GQuark       sb_register_error_quark     (void);

/* The URL used when none is given: $SHENBAO_REGISTER_URL, or the user's
 * own SQLite register. */
char        *sb_register_default_url     (void);

/* Opens (creating a SQLite file and its folder) and migrates the register
 * at @url (NULL: sb_register_default_url()).  @forms gives the deadlines
 * of each procedure, @calendar counts them (NULL: no deadlines). */
SbRegister  *sb_register_open            (const char      *url,
                                          SbFormRegistry  *forms,
                                          SbCalendar      *calendar,
                                          GError         **error);
void         sb_register_open_async      (const char          *url,
                                          SbFormRegistry      *forms,
                                          SbCalendar          *calendar,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
SbRegister  *sb_register_open_finish     (GAsyncResult    *result,
                                          GError         **error);

/* "SQLite /path" or "PostgreSQL host/db", without a password. */
const char  *sb_register_describe        (SbRegister      *self);
int          sb_register_get_schema_version (SbRegister   *self);

/* Registers @packet as received on @received by @by.  The same packet
 * again (same integrity hash) finds its case; another packet with a
 * registered reference becomes the next round of it, and so does one the
 * office names as the resubmission of @resubmission_of (corrected
 * materials are a new packet with a reference of their own; NULL: link
 * by the packet's reference only).  A packet that did
 * not verify is registered with @verified FALSE and @problem saying why:
 * the office did receive it, and the record of that must not be lost. */
SbCase      *sb_register_add_packet      (SbRegister           *self,
                                          SbPacket             *packet,
                                          const char           *packet_path,
                                          const char           *resubmission_of,
                                          gboolean              verified,
                                          const char           *problem,
                                          gint32                received,
                                          const char           *by,
                                          SbRegisterAddResult  *result,
                                          GError              **error);
void         sb_register_add_packet_async (SbRegister          *self,
                                           SbPacket            *packet,
                                           const char          *packet_path,
                                           const char          *resubmission_of,
                                           gboolean             verified,
                                           const char          *problem,
                                           gint32               received,
                                           const char          *by,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
SbCase      *sb_register_add_packet_finish (SbRegister         *self,
                                            GAsyncResult       *result,
                                            SbRegisterAddResult *add_result,
                                            GError            **error);

/* The case whose packet has @reference (@round 0: the newest round with
 * it) or the given round of it. */
SbCase      *sb_register_find            (SbRegister      *self,
                                          const char      *reference,
                                          int              round,
                                          GError         **error);
SbCase      *sb_register_get             (SbRegister      *self,
                                          gint64           id,
                                          GError         **error);
/* Cases matching @filter, next deadline first (overdue ones are first);
 * cases with no running deadline last.  SbCase*. */
GPtrArray   *sb_register_list            (SbRegister          *self,
                                          const SbCaseFilter  *filter,
                                          GError             **error);
void         sb_register_list_async      (SbRegister          *self,
                                          const SbCaseFilter  *filter,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GPtrArray   *sb_register_list_finish     (SbRegister          *self,
                                          GAsyncResult        *result,
                                          GError             **error);
/* How many cases match @filter (its limit aside), and how many of them
 * are overdue on its day: what a list of the first of them is out of. */
gboolean     sb_register_count           (SbRegister          *self,
                                          const SbCaseFilter  *filter,
                                          guint               *n_cases,
                                          guint               *n_overdue,
                                          GError             **error);
/* How many cases (latest rounds) have their next deadline on or before the
 * @working_days-th working day after @today, overdue ones included: the
 * main window's "due soon" count.  The office's duties only: an
 * applicant's 补正期限 (SB_CASE_APPLICANT_CORRECTIONS) is not counted.
 * FALSE without a calendar. */
gboolean     sb_register_count_due       (SbRegister      *self,
                                          gint32           today,
                                          int              working_days,
                                          guint           *count,
                                          GError         **error);
/* SbCaseChange*, oldest first. */
GPtrArray   *sb_register_get_history     (SbRegister      *self,
                                          gint64           case_id,
                                          GError         **error);

/* Moves case @case_id, read at @version, to @to; @event_day is the day it
 * happened (the corrections arrived, the inspection began).  Refuses what
 * the workflow does not allow, and a stale @version with
 * SB_REGISTER_ERROR_CONFLICT naming who changed it and when.  Going to
 * "notice" takes a notice: sb_register_send_notice(); leaving
 * "inspection" takes its result: sb_register_end_inspection().  The
 * updated case. */
SbCase      *sb_register_transition      (SbRegister      *self,
                                          gint64           case_id,
                                          gint64           version,
                                          const char      *to,
                                          const char      *by,
                                          const char      *why,
                                          gint32           event_day,
                                          GError         **error);
void         sb_register_transition_async (SbRegister         *self,
                                           gint64              case_id,
                                           gint64              version,
                                           const char         *to,
                                           const char         *by,
                                           const char         *why,
                                           gint32              event_day,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
SbCase      *sb_register_transition_finish (SbRegister        *self,
                                            GAsyncResult      *result,
                                            GError           **error);
/* Ends the on-site inspection of case @case_id (in "inspection", read at
 * @version) by moving it to @to, with its result: 核验通过 or 核验不通过,
 * the 现场说明 (required when it failed), the day of the visit (not later
 * than today or @event_day, not before the case entered 实地核验) and who
 * inspected.  @event_day is the day the inspection ends, from which the
 * clock runs again.  The result is append-only, with the history row of
 * the inspection's end.  The updated case. */
SbCase      *sb_register_end_inspection  (SbRegister          *self,
                                          gint64               case_id,
                                          gint64               version,
                                          const char          *to,
                                          const SbInspection  *inspection,
                                          const char          *by,
                                          const char          *why,
                                          gint32               event_day,
                                          GError             **error);
/* SbInspection*, oldest first. */
GPtrArray   *sb_register_get_inspections (SbRegister      *self,
                                          gint64           case_id,
                                          GError         **error);
/* Records a clock event that is not a status (耕地: plan_completed,
 * plan_adjusted, plan_filed).  The updated case. */
SbCase      *sb_register_record_event    (SbRegister      *self,
                                          gint64           case_id,
                                          gint64           version,
                                          const char      *event,
                                          const char      *by,
                                          const char      *why,
                                          gint32           event_day,
                                          GError         **error);
/* Assigns the reviewer (NULL: nobody) and the review file. */
SbCase      *sb_register_assign          (SbRegister      *self,
                                          gint64           case_id,
                                          gint64           version,
                                          const char      *reviewer,
                                          const char      *review_path,
                                          const char      *by,
                                          GError         **error);
/* Records the one-time notice (number, 补正期限, office, contact, every
 * correction) and moves the case to "notice".  The updated case. */
SbCase      *sb_register_send_notice     (SbRegister      *self,
                                          gint64           case_id,
                                          gint64           version,
                                          const SbNotice  *notice,
                                          const char      *why,
                                          GError         **error);
/* SbNotice*, oldest first. */
GPtrArray   *sb_register_get_notices     (SbRegister      *self,
                                          gint64           case_id,
                                          GError         **error);
/* Keeps @pdf, the document of notice @notice_id as issued (written when
 * it was recorded) or as the office signed it later, so that every
 * machine of a shared register shows the same bytes.  Append-only: the
 * first document stored is the one issued, and a later one must be it
 * with something appended (a signature's incremental update); storing
 * the latest again adds nothing.  At most SB_REGISTER_MAX_DOCUMENT bytes. */
#define SB_REGISTER_MAX_DOCUMENT (16 * 1024 * 1024)
gboolean     sb_register_store_notice_document (SbRegister  *self,
                                                gint64       notice_id,
                                                GBytes      *pdf,
                                                const char  *by,
                                                GError     **error);
/* The latest document stored for notice @notice_id; NULL with no error
 * set when none is, NULL with SB_REGISTER_ERROR_FAILED when the stored
 * one does not match its recorded SHA-256. */
GBytes      *sb_register_get_notice_document   (SbRegister  *self,
                                                gint64       notice_id,
                                                GError     **error);
/* The clock of a case on @today: SbCaseDeadline* (sb-case-clock.h), empty
 * when its procedure is not installed or no calendar was given. */
GPtrArray   *sb_register_get_deadlines   (SbRegister      *self,
                                          const SbCase    *a_case,
                                          gint32           today,
                                          GError         **error);

G_END_DECLS
