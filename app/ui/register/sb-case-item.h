/* sb-case-item.h — one case of the register, as a row of its list
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sb-calendar.h"
#include "sb-case.h"

G_BEGIN_DECLS

#define SB_TYPE_CASE_ITEM (sb_case_item_get_type ())
G_DECLARE_FINAL_TYPE (SbCaseItem, sb_case_item, SB, CASE_ITEM, GObject)

/* Takes @a_case.  The working days to its next deadline are counted from
 * @today with @calendar (NULL: not counted). */
SbCaseItem   *sb_case_item_new            (SbCase       *a_case,
                                           gint32        today,
                                           SbCalendar   *calendar);
const SbCase *sb_case_item_get_case       (SbCaseItem   *self);
/* Whether the next deadline is before today. */
gboolean      sb_case_item_is_overdue     (SbCaseItem   *self);
/* "3 working days left", "due today", "2 working days overdue", or ""
 * when no deadline runs or the calendar cannot count it. */
const char   *sb_case_item_get_days_text  (SbCaseItem   *self);

G_END_DECLS
