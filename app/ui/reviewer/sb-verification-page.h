/* sb-verification-page.h — the reviewer's 核验 page
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sb-reviewer-view.h"

G_BEGIN_DECLS

#define SB_TYPE_VERIFICATION_PAGE (sb_verification_page_get_type ())
G_DECLARE_FINAL_TYPE (SbVerificationPage, sb_verification_page, SB, VERIFICATION_PAGE, AdwPreferencesPage)

/* The checks of @view's packet, what it says it is, and its deadlines. */
GtkWidget *sb_verification_page_new (SbReviewerView *view);
/* The 数字签名 group again, as the view's signature check stands now. */
void       sb_verification_page_show_signatures (SbVerificationPage *self);

G_END_DECLS
