/* sb-safe-text.c — showing text that came from somebody else
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-safe-text"

#include "config.h"

#include <string.h>

#include "sb-safe-text.h"

/* Public API */

gboolean
sb_safe_text_is_control (gunichar c)
{
  if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
    return TRUE;

  switch (c)
    {
    case 0x061c:                    /* ARABIC LETTER MARK */
    case 0x200e: case 0x200f:       /* LRM, RLM */
    case 0x2028: case 0x2029:       /* line and paragraph separators */
      return TRUE;
    default:
      return (c >= 0x202a && c <= 0x202e) ||   /* LRE, RLE, PDF, LRO, RLO */
             (c >= 0x2066 && c <= 0x2069);     /* LRI, RLI, FSI, PDI */
    }
}

gboolean
sb_safe_text_has_controls (const char *text)
{
  const char *end = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, &end))
    return TRUE;
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (sb_safe_text_is_control (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

char *
sb_safe_text_reveal (const char      *text,
                     SbSafeTextFlags  flags)
{
  GString *shown;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  shown = g_string_sized_new (strlen (text));
  p = text;
  while (*p)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (shown, "⟨0x%02X⟩", (guchar) *p);
          p++;
          continue;
        }

      if (sb_safe_text_is_control (c) &&
          !((flags & SB_SAFE_TEXT_KEEP_NEWLINES) && (c == '\n' || c == '\t')))
        g_string_append_printf (shown, "⟨U+%04X⟩", c);
      else
        g_string_append_unichar (shown, c);
      p = g_utf8_next_char (p);
    }

  return g_string_free (shown, FALSE);
}
