/* sb-text.h — a text in the two languages of the application
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A localised text; zh_CN is always set (both are NULL when empty). */
typedef struct {
  char *zh_CN;
  char *en;
} SbText;

/* The text for the current UI language (en under an English locale when
 * present, zh_CN otherwise). */
const char *sb_text_get        (const SbText *text);

/* Frees both strings and leaves @text empty. */
void        sb_text_clear      (SbText       *text);

/* Replaces @text with two messages formatted from the same arguments, so
 * that a reason built in the core reads naturally in each language: the
 * compiler checks both formats against them.  The results are always
 * valid UTF-8, whatever the arguments hold. */
void        sb_text_set_printf (SbText       *text,
                                const char   *zh_format,
                                const char   *en_format,
                                ...) G_GNUC_PRINTF (2, 4) G_GNUC_PRINTF (3, 4);

G_END_DECLS
