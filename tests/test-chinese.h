/* test-chinese.h — reading messages under zh_CN in the unit tests
 *
 * The tests run under LC_ALL=C.UTF-8, where every message is English.  A
 * case that wants the Chinese one switches the process to zh_CN.UTF-8 with
 * the catalogue built in the build tree (SHENBAO_LOCALEDIR), then back.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

typedef struct
{
  char *locale;
  char *language;
} TestLocale;

/* Switches to zh_CN; FALSE (and the test skipped) when that locale is not
 * installed. */
static inline gboolean
test_chinese_begin (TestLocale *saved)
{
  const char *locale_dir = g_getenv ("SHENBAO_LOCALEDIR");

  g_assert_nonnull (locale_dir);
  saved->locale = g_strdup (setlocale (LC_ALL, NULL));
  saved->language = g_strdup (g_getenv ("LANGUAGE"));
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      g_clear_pointer (&saved->locale, g_free);
      g_clear_pointer (&saved->language, g_free);
      return FALSE;
    }
  /* LANGUAGE would win over the locale, in both directions. */
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  return TRUE;
}

/* Back to the locale the test started in (C.UTF-8: English). */
static inline void
test_chinese_pause (TestLocale *saved)
{
  setlocale (LC_ALL, saved->locale);
}

static inline void
test_chinese_resume (void)
{
  g_assert_nonnull (setlocale (LC_ALL, "zh_CN.UTF-8"));
}

static inline void
test_chinese_end (TestLocale *saved)
{
  setlocale (LC_ALL, saved->locale);
  if (saved->language != NULL)
    g_setenv ("LANGUAGE", saved->language, TRUE);
  g_clear_pointer (&saved->locale, g_free);
  g_clear_pointer (&saved->language, g_free);
}

static inline gboolean
test_has_chinese (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0x4E00 && c <= 0x9FFF)
        return TRUE;
    }
  return FALSE;
}

/* @message without what is not words: values in quotes, JSON paths
 * ($.attachments[0].row) and the strings in @values (file names the
 * message repeats). */
static inline char *
test_without_values (const char        *message,
                     const char *const *values)
{
  g_autoptr(GString) rest = g_string_new (message);
  g_autoptr(GRegex) quoted = g_regex_new ("“[^”]*”|\"[^\"]*\"", 0, 0, NULL);
  g_autoptr(GRegex) path = g_regex_new ("\\$[][A-Za-z0-9_.-]*", 0, 0, NULL);
  g_autofree char *without_quotes = NULL;

  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    g_string_replace (rest, values[i], " ", 0);
  without_quotes = g_regex_replace_literal (quoted, rest->str, -1, 0, " ", 0, NULL);
  return g_regex_replace_literal (path, without_quotes, -1, 0, " ", 0, NULL);
}

/* The first English word of @message outside its values (see above) and
 * the names of formats a Chinese text writes in Latin letters too (JSON,
 * PDF, UTF-8, Base64, SHA-256, JCS, MiB); NULL when there is none. */
static inline char *
test_english_word (const char        *message,
                   const char *const *values)
{
  static const char *names[] = { "JSON", "PDF", "UTF", "Base", "SHA", "JCS", "MiB", NULL };
  g_autoptr(GRegex) word = g_regex_new ("[A-Za-z]{2,}", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *words = test_without_values (message, values);

  g_regex_match (word, words, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *found = g_match_info_fetch (match, 0);

      if (!g_strv_contains (names, found))
        return g_steal_pointer (&found);
    }
  return NULL;
}

/* @english_message (read under C) holds @needle and no Chinese outside
 * its values; @chinese_message (the same failure under zh_CN) holds
 * Chinese and no English word outside them. */
static inline void
test_assert_both_languages (const char        *english_message,
                            const char        *chinese_message,
                            const char        *needle,
                            const char *const *values)
{
  g_autofree char *word = test_english_word (chinese_message, values);
  g_autofree char *english_words = test_without_values (english_message, values);

  g_test_message ("%s\n    %s", english_message, chinese_message);
  if (strstr (english_message, needle) == NULL)
    g_error ("expected “%s” in: %s", needle, english_message);
  if (test_has_chinese (english_words))
    g_error ("Chinese under C: %s", english_message);
  if (!test_has_chinese (chinese_message))
    g_error ("no Chinese under zh_CN: %s", chinese_message);
  if (word != NULL)
    g_error ("the English word “%s” under zh_CN: %s", word, chinese_message);
}
