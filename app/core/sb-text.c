/* sb-text.c — a text in the two languages of the application
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-text"

#include "config.h"

#include "sb-text.h"

static char *
make_valid (char *text)
{
  char *valid;

  if (g_utf8_validate (text, -1, NULL))
    return text;
  valid = g_utf8_make_valid (text, -1);
  g_free (text);
  return valid;
}

/* Public API */

const char *
sb_text_get (const SbText *text)
{
  const char * const *languages;

  g_return_val_if_fail (text != NULL, NULL);

  if (text->en == NULL)
    return text->zh_CN;

  /* The first of the user's languages we have decides. */
  languages = g_get_language_names ();
  for (guint i = 0; languages[i] != NULL; i++)
    {
      if (g_str_has_prefix (languages[i], "zh"))
        return text->zh_CN;
      if (g_str_has_prefix (languages[i], "en"))
        return text->en;
    }

  return text->zh_CN;
}

void
sb_text_clear (SbText *text)
{
  g_return_if_fail (text != NULL);

  g_clear_pointer (&text->zh_CN, g_free);
  g_clear_pointer (&text->en, g_free);
}

void
sb_text_set_printf (SbText     *text,
                    const char *zh_format,
                    const char *en_format,
                    ...)
{
  va_list args, en_args;

  g_return_if_fail (text != NULL);
  g_return_if_fail (zh_format != NULL);
  g_return_if_fail (en_format != NULL);

  sb_text_clear (text);

  va_start (args, en_format);
  va_copy (en_args, args);
  text->zh_CN = g_strdup_vprintf (zh_format, args);
  text->en = g_strdup_vprintf (en_format, en_args);
  va_end (en_args);
  va_end (args);

  /* A reason quotes what was typed or read from a file; whatever that
   * was, nothing that is not valid UTF-8 leaves the core (Pango, the PDF
   * and the accessibility bus abort on it). */
  text->zh_CN = make_valid (text->zh_CN);
  text->en = make_valid (text->en);
}
