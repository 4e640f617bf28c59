/* sb-application-page.h — the reviewer's 申请内容 page
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-reviewer-view.h"

G_BEGIN_DECLS

#define SB_TYPE_APPLICATION_PAGE (sb_application_page_get_type ())
G_DECLARE_FINAL_TYPE (SbApplicationPage, sb_application_page, SB, APPLICATION_PAGE, AdwPreferencesPage)

/* Every answer of @view's packet read-only, with the rules as computed
 * now, a way to note a correction on each, and the attached files; the
 * page is empty until it is built. */
GtkWidget *sb_application_page_new           (SbReviewerView    *view);
/* Builds its next part; whether parts remain. */
gboolean   sb_application_page_build_next    (SbApplicationPage *self);
/* Builds what remains of it. */
void       sb_application_page_build         (SbApplicationPage *self);
void       sb_application_page_refresh_notes (SbApplicationPage *self);

G_END_DECLS
