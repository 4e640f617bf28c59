/* sb-safe-text.h — showing text that came from somebody else
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  SB_SAFE_TEXT_DEFAULT       = 0,
  /* Keep line feeds and tabs (a multi-line answer shown in a text view);
   * without this flag they are revealed too, as a terminal line of a
   * report must stay one line. */
  SB_SAFE_TEXT_KEEP_NEWLINES = 1 << 0,
} SbSafeTextFlags;

/* Whether @c would change how the text around it is shown or read: C0 and
 * C1 controls (ESC among them), DEL, the bidirectional formatting characters
 * (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) and the line and
 * paragraph separators U+2028 and U+2029. */
gboolean  sb_safe_text_is_control      (gunichar         c);

/* Whether @text contains such a character (line feeds and tabs count). */
gboolean  sb_safe_text_has_controls    (const char      *text);

/* A copy of @text in which every such character is written out visibly as
 * ⟨U+202E⟩, and every byte that is not UTF-8 as ⟨0xFF⟩: a packet cannot hide
 * a line of a report from a terminal (ESC[8m), draw a fake one, or make a
 * stored name display reversed.  @text may be NULL (gives ""). */
char     *sb_safe_text_reveal          (const char      *text,
                                        SbSafeTextFlags  flags);

G_END_DECLS
