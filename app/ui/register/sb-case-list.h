/* sb-case-list.h — the register page's cases as a list model
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SB_TYPE_CASE_LIST (sb_case_list_get_type ())
G_DECLARE_FINAL_TYPE (SbCaseList, sb_case_list, SB, CASE_LIST, GObject)

/* An empty list of SbCaseItem. */
SbCaseList *sb_case_list_new        (void);
/* Replaces every item with those of @items (SbCaseItem*), which it takes;
 * returns the items it held, for the caller to let go of (in a thread:
 * freeing 100,000 cases is felt). */
GPtrArray  *sb_case_list_replace    (SbCaseList *self,
                                     GPtrArray  *items);

G_END_DECLS
