/* sb-preferences-page.h — the office's preferences, a page of the main window
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define SB_TYPE_PREFERENCES_PAGE (sb_preferences_page_get_type ())
G_DECLARE_FINAL_TYPE (SbPreferencesPage, sb_preferences_page, SB, PREFERENCES_PAGE, AdwPreferencesPage)

/* The trust folder and whether packets must be signed, stored in
 * GSettings as they are changed. */
GtkWidget *sb_preferences_page_new              (void);
/* What choosing @folder in the folder chooser does; NULL uses none. */
void       sb_preferences_page_set_trust_folder (SbPreferencesPage *self,
                                                 GFile             *folder);

G_END_DECLS
