/* sb-id-number.c — checksums of Chinese identification numbers
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-id-number"

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-id-number.h"

/* @message may be NULL: the expression language only asks whether a number
 * is valid. */
#define set_message(message, ...) \
  G_STMT_START { \
    if ((message) != NULL) \
      sb_text_set_printf ((message), __VA_ARGS__); \
  } G_STMT_END

/* The character at @p as a string: a code typed with a Chinese character or
 * a full-width digit is reported with that character, not with its first
 * byte (which is not valid UTF-8 and would reach a label). */
static char *
dup_character (const char *p)
{
  gunichar c = g_utf8_get_char_validated (p, -1);

  if (c == (gunichar) -1 || c == (gunichar) -2)
    return g_strdup ("\xef\xbf\xbd");  /* U+FFFD REPLACEMENT CHARACTER */
  return g_strndup (p, g_utf8_next_char (p) - p);
}

/* GB 11643-1999: ISO 7064 MOD 11-2 over the first 17 digits. */
gboolean
sb_resident_id_check (const char  *id,
                      gint32      *birth_julian_day,
                      SbText      *message)
{
  static const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  static const char check_chars[] = "10X98765432";
  char birth[11];
  gint32 julian_day;
  int sum = 0;
  char expected, given;

  if (id != NULL && strlen (id) != 18 && g_utf8_validate (id, -1, NULL) && g_utf8_strlen (id, -1) == 18)
    {
      set_message (message, "只能是数字和最后一位的 X，请核对身份证上的号码",
                   "only digits, and an X at the end, are allowed; compare it with the ID card");
      return FALSE;
    }
  if (id == NULL || strlen (id) != 18)
    {
      set_message (message, "应为 18 位（现为 %d 位），请核对身份证上的号码",
                   "it should have 18 characters (it has %d); compare it with the ID card",
                   id == NULL ? 0 : g_utf8_validate (id, -1, NULL) ? (int) g_utf8_strlen (id, -1) : (int) strlen (id));
      return FALSE;
    }

  for (int i = 0; i < 17; i++)
    {
      if (!g_ascii_isdigit (id[i]))
        {
          set_message (message, "前 17 位应为数字，请核对身份证上的号码", "the first 17 characters should be digits; compare it with the ID card");
          return FALSE;
        }
      sum += (id[i] - '0') * weights[i];
    }

  given = g_ascii_toupper (id[17]);
  if (!g_ascii_isdigit (given) && given != 'X')
    {
      set_message (message, "最后一位应为数字或 X", "the last character should be a digit or X");
      return FALSE;
    }

  if (id[0] < '1' || id[0] > '8')
    {
      set_message (message, "地区代码 %.6s 不存在", "the region code %.6s does not exist", id);
      return FALSE;
    }

  g_snprintf (birth, sizeof birth, "%.4s-%.2s-%.2s", id + 6, id + 10, id + 12);
  if (!sb_date_parse (birth, &julian_day))
    {
      set_message (message, "出生日期 %.8s 不存在", "the birth date %.8s is not a real date", id + 6);
      return FALSE;
    }

  expected = check_chars[sum % 11];
  if (given != expected)
    {
      /* Never the right check character: with it, a mistyped number
       * would be "corrected" to somebody else's. */
      set_message (message, "号码有误，请核对身份证上的号码",
                   "the number does not check out; compare it with the ID card");
      return FALSE;
    }

  if (birth_julian_day != NULL)
    *birth_julian_day = julian_day;
  return TRUE;
}

/* GB 32100-2015: 18 characters from a 31-character alphabet, the last a
 * MOD 31 check character. */
gboolean
sb_credit_code_check (const char  *code,
                      SbText      *message)
{
  static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static const int weights[17] = { 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 };
  int values[18];
  int sum = 0, check;

  /* 18 characters of which some are not ASCII: the loop below names the
   * first of them. */
  if (code == NULL || (strlen (code) != 18 && !(g_utf8_validate (code, -1, NULL) && g_utf8_strlen (code, -1) == 18)))
    {
      set_message (message, "应为 18 位（现为 %d 位），请核对营业执照上的代码",
                   "it should have 18 characters (it has %d); compare it with the business licence",
                   code == NULL ? 0 : g_utf8_validate (code, -1, NULL) ? (int) g_utf8_strlen (code, -1) : (int) strlen (code));
      return FALSE;
    }

  for (int i = 0; i < 18; i++)
    {
      const char *found = strchr (alphabet, g_ascii_toupper (code[i]));

      if (found == NULL || code[i] == '\0')
        {
          g_autofree char *character = dup_character (code + i);

          set_message (message, "第 %d 位“%s”不是允许的字符（代码中不使用 I、O、S、V、Z）",
                       "character %d (“%s”) is not allowed (I, O, S, V and Z never appear)",
                       i + 1, character);
          return FALSE;
        }
      values[i] = found - alphabet;
    }

  /* The registering authority: 1–9, A, N, Y are the codes GB 32100 assigns. */
  if (strchr ("123456789ANY", g_ascii_toupper (code[0])) == NULL)
    {
      set_message (message, "第 1 位“%c”不是登记管理部门代码", "“%c” is not a registering authority code",
                   code[0]);
      return FALSE;
    }

  /* The region part (characters 3–8) is a numeric administrative code. */
  for (int i = 2; i < 8; i++)
    if (!g_ascii_isdigit (code[i]))
      {
        set_message (message, "第 3 至 8 位应为数字（行政区划代码）",
                     "characters 3 to 8 should be the digits of a region code");
        return FALSE;
      }

  for (int i = 0; i < 17; i++)
    sum += values[i] * weights[i];
  check = (31 - sum % 31) % 31;

  if (values[17] != check)
    {
      set_message (message, "代码有误，请核对营业执照上的代码",
                   "the code does not check out; compare it with the business licence");
      return FALSE;
    }

  return TRUE;
}
