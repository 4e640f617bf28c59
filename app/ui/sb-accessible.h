/* sb-accessible.h — one clean spoken name for every control
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* "下一步(_N)" -> "下一步", "打开申请包(_O)…" -> "打开申请包…", "_Next" ->
 * "Next", "A__B" -> "A_B": a mnemonic label as it is read. */
char *sb_accessible_strip_mnemonic      (const char   *label);

/* Names @widget @label (a mnemonic's markup removed).  A menu button's
 * inner toggle, the control that takes the focus, is named too. */
void  sb_accessible_set_label           (GtkWidget    *widget,
                                         const char   *label);

/* Names every button, check button and menu button under @root (and
 * @root itself) the way GTK 4.8 does not: a mnemonic label without its
 * markup, said once; an icon-only button by its tooltip.  Each one keeps
 * following its label and tooltip as they change ("_Next" becoming
 * "Continue _Anyway").  Cheap enough to call whenever a page is shown. */
void  sb_accessible_name_controls       (GtkWidget    *root);

/* Makes every window name its controls as above when it is first shown
 * (dialogs, message dialogs), and every control mapped later (a page
 * built after its window); and a message dialog's heading break between
 * words, not inside one.  Idempotent. */
void  sb_accessible_install             (void);

G_END_DECLS
