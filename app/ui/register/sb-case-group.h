/* sb-case-group.h — the case of the packet under review, as the register
 * has it: its status, its next deadline, and moving it along the workflow
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "sb-calendar.h"
#include "sb-register.h"
#include "sb-review.h"

G_BEGIN_DECLS

#define SB_TYPE_CASE_GROUP (sb_case_group_get_type ())
G_DECLARE_FINAL_TYPE (SbCaseGroup, sb_case_group, SB, CASE_GROUP, AdwPreferencesGroup)

/* @a_case (copied) of @case_register, the case of the packet @review
 * is of (its corrections go into a one-time notice, whose PDF names
 * @applicant); changes are recorded as made by @by.  Signals:
 *   changed ()   the register recorded a change of the case
 *   toast (AdwToast *toast)   sb-toast.h */
GtkWidget    *sb_case_group_new        (SbRegister   *case_register,
                                        const SbCase *a_case,
                                        SbReview     *review,
                                        const char   *applicant,
                                        SbCalendar   *calendar,
                                        const char   *by);
/* The case as last read or changed. */
const SbCase *sb_case_group_get_case   (SbCaseGroup  *self);
/* Moves the case to @status with @why, as the Record button does (in a
 * worker thread; "notice" with the notice's rows; an event without a
 * change of status, "plan_completed"…, on the day typed; out of
 * 实地核验 with the result typed in its rows; "approved" after a failed
 * inspection asks first); for tests. */
void          sb_case_group_record     (SbCaseGroup  *self,
                                        const char   *status,
                                        const char   *why);
/* The notice the case waits on the corrections of (its status is
 * 一次性告知补正): the latest the register recorded; NULL otherwise. */
const SbNotice *sb_case_group_get_pending_notice (SbCaseGroup *self);
/* Where the PDF of the latest notice is on this machine (written here,
 * or copied from the register); NULL otherwise.  Transfer full. */
GFile        *sb_case_group_dup_notice_pdf (SbCaseGroup *self);
/* Reads the case's history and notices again, and makes the latest
 * notice's PDF here and in the register the same (after the office
 * signed it). */
void          sb_case_group_read_records (SbCaseGroup *self);
/* The latest result of an on-site inspection of the case, as last read;
 * NULL when none. */
const SbInspection *sb_case_group_get_inspection (SbCaseGroup *self);
/* Whether the group asks to approve despite a failed inspection (its
 * Approve Anyway and Cancel shown). */
gboolean      sb_case_group_is_asking  (SbCaseGroup  *self);
/* Whether a change is being recorded. */
gboolean      sb_case_group_is_busy    (SbCaseGroup  *self);

G_END_DECLS
