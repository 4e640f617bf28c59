/* sb-window.h
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "sb-application.h"

G_BEGIN_DECLS

#define SB_TYPE_WINDOW (sb_window_get_type ())
G_DECLARE_FINAL_TYPE (SbWindow, sb_window, SB, WINDOW, AdwApplicationWindow)

SbWindow *sb_window_new         (SbApplication *application);
/* Shows the guide of the procedure @form_id; FALSE if it is not installed. */
gboolean  sb_window_show_guide  (SbWindow      *self,
                                 const char    *form_id);

G_END_DECLS
