/* sb-toast.h — the `toast` signal, declared once for every page that
 * has something to tell the person briefly
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* Installs on @type the signal
 *   toast (AdwToast *toast)
 * with which a page (the wizard, the reviewer's view) hands a toast to
 * the window, which adds it to its overlay: a page makes the whole toast,
 * its text (Pango markup, escaped by the page), a button, a timeout.
 * A handler that keeps the toast takes a reference.  Returns the
 * signal's id. */
guint sb_toast_signal_new (GType     type);
/* Emits the toast signal @signal_id of @instance with @toast, whose
 * reference this takes. */
void  sb_toast_emit       (gpointer  instance,
                           guint     signal_id,
                           AdwToast *toast);

G_END_DECLS
