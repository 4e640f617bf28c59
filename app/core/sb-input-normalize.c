/* sb-input-normalize.c — what people type, read as they meant it
 *
 * Chinese input methods give full-width digits and punctuation (３．２０,
 * ２０：３０), people repeat the unit the form already shows (3.2亩, 5万元)
 * and write dates the way they write them on paper (2025年4月1日).  Each
 * of these has one meaning, so it is read; anything with two meanings
 * (3,20: three point two or three hundred and twenty?) or none (约3亩,
 * 四亩) is kept as typed and answered with an example of what to type.
 * GRegex keeps the date and time forms readable; the rest is a few
 * explicit loops, as no Debian library knows these conventions.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-input"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sb-date.h"
#include "sb-id-number.h"
#include "sb-input-normalize.h"
#include "sb-value.h"

#define set_message(message, ...) \
  G_STMT_START { \
    if ((message) != NULL) \
      sb_text_set_printf ((message), __VA_ARGS__); \
  } G_STMT_END

/* Auxiliary functions */

static char *
remove_all (const char *text,
            const char *what)
{
  g_auto(GStrv) parts = g_strsplit (text, what, -1);

  return g_strjoinv (NULL, parts);
}

static gboolean
strip_suffix (char       *text,
              const char *suffix)
{
  gsize length = strlen (text), suffix_length = strlen (suffix);

  if (suffix_length == 0 || length <= suffix_length || !g_str_has_suffix (text, suffix))
    return FALSE;
  text[length - suffix_length] = '\0';
  return TRUE;
}

/* The ways people write a unit after a number; the first is the unit as
 * the definition names it. */
static const char * const *
unit_spellings (const char *unit)
{
  static const char * const square_metres[] = { "平方米", "m²", "m2", "M2", "㎡", "平米", "平方", NULL };
  static const char * const people[] = { "人", "名", "位", NULL };
  static const char * const lessons[] = { "课时", "学时", "节", NULL };
  static const char * const months[] = { "个月", "月", NULL };
  static const char * const percent[] = { "%", NULL };
  static const char * const mu[] = { "亩", NULL };
  static const char * const floors[] = { "层", NULL };

  if (g_strcmp0 (unit, "m²") == 0)
    return square_metres;
  if (g_strcmp0 (unit, "人") == 0)
    return people;
  if (g_strcmp0 (unit, "课时") == 0)
    return lessons;
  if (g_strcmp0 (unit, "个月") == 0)
    return months;
  if (g_strcmp0 (unit, "%") == 0)
    return percent;
  if (g_strcmp0 (unit, "亩") == 0)
    return mu;
  if (g_strcmp0 (unit, "层") == 0)
    return floors;
  return NULL;
}

/* An example of a number for @field: "12", "3", "3.20". */
static const char *
number_example (const SbField *field)
{
  if (field->type == SB_FIELD_INTEGER || field->scale == 0)
    return "12";
  if (field->scale == 1)
    return "3.2";
  return "3.20";
}

static void
set_number_message (const SbField *field,
                    SbText        *message)
{
  const char *unit = field->input_unit ? field->input_unit : field->unit;

  if (field->type == SB_FIELD_INTEGER && unit == NULL)
    set_message (message, "请填写整数，如：%s", "Type a whole number, e.g. %s", number_example (field));
  else if (field->type == SB_FIELD_INTEGER)
    set_message (message, "请填写整数（单位：%s），如：%s", "Type a whole number (in %s), e.g. %s",
                 unit, number_example (field));
  else if (unit == NULL)
    set_message (message, "请填写数字，如：%s", "Type a number, e.g. %s", number_example (field));
  else
    set_message (message, "请填写数字（单位：%s），如：%s", "Type a number (in %s), e.g. %s",
                 unit, number_example (field));
}

/* "1,234,567.5" has its separators where thousands are; "3,20" does not
 * and could be 3.20 written the European way. */
static gboolean
separators_group_thousands (const char *text)
{
  const char *p = text;
  const char *end;
  int group = 0;
  gboolean first = TRUE;

  if (*p == '-' || *p == '+')
    p++;
  end = strchr (p, '.');
  if (end == NULL)
    end = p + strlen (p);

  for (const char *q = p; q < end; q++)
    {
      if (*q == ',')
        {
          if (group == 0 || (first && group > 3) || (!first && group != 3))
            return FALSE;
          first = FALSE;
          group = 0;
        }
      else
        group++;
    }
  return first || group == 3;
}

/* The number in @text, in the field's stored unit, as its canonical text
 * (or NULL with @message set). */
static char *
parse_number (const SbField *field,
              const char    *text,
              SbText        *message)
{
  g_autofree char *folded = sb_input_fold_width (text);
  g_autofree char *plain = NULL;
  g_autofree char *canonical = NULL;
  gboolean ten_thousands = field->input_unit != NULL && g_str_equal (field->input_unit, "万元");
  const char * const *spellings;
  mpq_t q;

  /* Spaces (1 234.50) and the minus sign of word processors. */
  plain = remove_all (folded, " ");
  g_free (folded);
  folded = remove_all (plain, "\xe2\x88\x92");  /* U+2212 MINUS SIGN */
  g_free (plain);
  plain = g_steal_pointer (&folded);

  /* A sentence's full stop after the number, or 。 typed for the point by
   * an input method in Chinese mode: 3。20 can only mean 3.20. */
  strip_suffix (plain, "。");
  if (strstr (plain, "。") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (plain, "。", -1);

      if (g_strv_length (parts) == 2)
        {
          g_free (plain);
          plain = g_strjoinv (".", parts);
        }
    }

  /* The unit the form shows beside the entry, typed again. */
  if (g_strcmp0 (field->unit, "元") == 0)
    {
      if (strip_suffix (plain, "万元") || strip_suffix (plain, "万"))
        ten_thousands = TRUE;
      else if (strip_suffix (plain, "元"))
        ten_thousands = FALSE;
    }
  else if ((spellings = unit_spellings (field->unit)) != NULL)
    {
      for (guint i = 0; spellings[i] != NULL; i++)
        if (strip_suffix (plain, spellings[i]))
          break;
    }
  else if (field->unit != NULL)
    strip_suffix (plain, field->unit);

  if (strchr (plain, ',') != NULL)
    {
      if (!separators_group_thousands (plain))
        {
          set_number_message (field, message);
          return NULL;
        }
      folded = remove_all (plain, ",");
      g_free (plain);
      plain = g_steal_pointer (&folded);
    }

  mpq_init (q);
  if (!sb_decimal_parse (plain, q))
    {
      mpq_clear (q);
      set_number_message (field, message);
      return NULL;
    }

  if (ten_thousands)
    {
      mpq_t ten_thousand;

      mpq_init (ten_thousand);
      mpq_set_ui (ten_thousand, 10000, 1);
      mpq_mul (q, q, ten_thousand);
      mpq_clear (ten_thousand);
    }

  if (field->type == SB_FIELD_INTEGER)
    {
      if (mpz_cmp_ui (mpq_denref (q), 1) != 0 || !mpz_fits_slong_p (mpq_numref (q)))
        {
          mpq_clear (q);
          set_number_message (field, message);
          return NULL;
        }
      canonical = mpz_get_str (NULL, 10, mpq_numref (q));
    }
  else
    {
      canonical = sb_decimal_to_string (q, field->scale > 0 ? field->scale : 0);
      if (canonical != NULL && field->scale >= 0)
        {
          const char *dot = strchr (canonical, '.');

          if (dot != NULL && (int) strlen (dot + 1) > field->scale)
            {
              if (field->scale == 0)
                set_message (message, "请填写整数，如：%s", "Type a whole number, e.g. %s", number_example (field));
              else
                set_message (message, "最多 %d 位小数，如：%s", "at most %d decimal places, e.g. %s",
                             field->scale, number_example (field));
              g_clear_pointer (&canonical, g_free);
            }
        }
    }
  mpq_clear (q);
  return g_steal_pointer (&canonical);
}

static gboolean
match_numbers (const char *pattern,
               const char *text,
               int        *numbers,
               guint       n_numbers,
               char      **words)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_OPTIMIZE | G_REGEX_CASELESS, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  g_assert (regex != NULL);
  if (!g_regex_match (regex, text, 0, &match))
    return FALSE;

  for (guint i = 0; i < n_numbers; i++)
    {
      g_autofree char *group = g_match_info_fetch (match, i + 1);

      numbers[i] = group != NULL && *group != '\0' ? atoi (group) : -1;
    }
  if (words != NULL)
    *words = g_match_info_fetch (match, n_numbers + 1);
  return TRUE;
}

/* 2025-04-01, 2025-4-1, 2025/4/1, 2025.4.1, 2025年4月1日 (or 号),
 * 20250401.  Day-month orders such as 1/4/2025 are read differently in
 * different places, so they are not guessed. */
static char *
parse_date (const char *text,
            SbText     *message)
{
  g_autofree char *folded = sb_input_fold_width (text);
  g_autofree char *plain = remove_all (folded, " ");
  int ymd[3];

  if (match_numbers ("^([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})[日号]?$", plain, ymd, 3, NULL) ||
      match_numbers ("^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$", plain, ymd, 3, NULL) ||
      match_numbers ("^([0-9]{4})/([0-9]{1,2})/([0-9]{1,2})$", plain, ymd, 3, NULL) ||
      match_numbers ("^([0-9]{4})\\.([0-9]{1,2})\\.([0-9]{1,2})$", plain, ymd, 3, NULL) ||
      match_numbers ("^([0-9]{4})([0-9]{2})([0-9]{2})$", plain, ymd, 3, NULL))
    {
      if (ymd[0] >= 1000 && sb_date_from_ymd (ymd[0], ymd[1], ymd[2]) != 0)
        return g_strdup_printf ("%04d-%02d-%02d", ymd[0], ymd[1], ymd[2]);

      set_message (message, "日历上没有这一天，请核对，如：2025-04-01",
                   "there is no such day; check it, e.g. 2025-04-01");
      return NULL;
    }

  set_message (message, "请填写日期，如：2025-04-01 或 2025年4月1日",
               "Type a date, e.g. 2025-04-01");
  return NULL;
}

gboolean
sb_date_parse_typed (const char *text,
                     gint32     *day,
                     SbText     *message)
{
  g_autofree char *iso = NULL;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (day != NULL, FALSE);

  iso = parse_date (text, message);
  return iso != NULL && sb_date_parse (iso, day);
}

/* 20:30, 8:30, 20点30, 20点30分, 8点半, 20时, and with the half of the day
 * said (下午8点, 8:30 PM), which is unambiguous. */
static char *
parse_time (const char *text,
            SbText     *message)
{
  g_autofree char *folded = sb_input_fold_width (text);
  g_autofree char *plain = remove_all (folded, " ");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int hm[2] = { 0, 0 };
  gboolean found = FALSE;
  gboolean afternoon = FALSE, morning = FALSE;
  int hour, minute;

  {
    g_autoptr(GRegex) regex = g_regex_new ("^(上午|早上|凌晨|中午|下午|晚上)?([0-9]{1,2})(?::([0-9]{2})|[点时](半|[0-9]{1,2})?分?)"
                                           "(am|a\\.m\\.|pm|p\\.m\\.)?$",
                                           G_REGEX_CASELESS, 0, NULL);
    g_autoptr(GMatchInfo) match = NULL;

    g_assert (regex != NULL);
    if (g_regex_match (regex, plain, 0, &match))
      {
        g_autofree char *colon_minutes = g_match_info_fetch (match, 3);
        g_autofree char *word_minutes = g_match_info_fetch (match, 4);
        g_autofree char *hour_text = g_match_info_fetch (match, 2);

        before = g_match_info_fetch (match, 1);
        after = g_match_info_fetch (match, 5);
        hm[0] = atoi (hour_text);
        if (colon_minutes != NULL && *colon_minutes != '\0')
          hm[1] = atoi (colon_minutes);
        else if (g_strcmp0 (word_minutes, "半") == 0)
          hm[1] = 30;
        else if (word_minutes != NULL && *word_minutes != '\0')
          hm[1] = atoi (word_minutes);
        else
          hm[1] = 0;
        found = TRUE;
      }
  }

  if (!found)
    {
      set_message (message, "请填写时间，如：08:30 或 20:30", "Type a time, e.g. 08:30 or 20:30");
      return NULL;
    }

  hour = hm[0];
  minute = hm[1];
  afternoon = (after != NULL && (after[0] == 'p' || after[0] == 'P')) ||
              g_strcmp0 (before, "下午") == 0 || g_strcmp0 (before, "晚上") == 0;
  morning = (after != NULL && (after[0] == 'a' || after[0] == 'A')) ||
            g_strcmp0 (before, "上午") == 0 || g_strcmp0 (before, "早上") == 0 || g_strcmp0 (before, "凌晨") == 0;

  if ((afternoon || morning) && (hour < 1 || hour > 12))
    {
      /* 下午20点 says the same twice; 上午20点 contradicts itself. */
      if (!(afternoon && hour > 12 && hour < 24))
        {
          set_message (message, "请填写时间，如：08:30 或 20:30", "Type a time, e.g. 08:30 or 20:30");
          return NULL;
        }
    }
  else if (afternoon && hour < 12)
    hour += 12;
  else if (morning && hour == 12)
    hour = 0;
  else if (g_strcmp0 (before, "中午") == 0 && hour < 3)
    hour += 12;

  if (minute > 59 || hour > 24 || (hour == 24 && minute != 0))
    {
      set_message (message, "没有这个时刻，请核对，如：08:30 或 20:30",
                   "there is no such time; check it, e.g. 08:30 or 20:30");
      return NULL;
    }

  return g_strdup_printf ("%02d:%02d", hour, minute);
}

/* An ID number or code as printed: spaces and the case of letters do not
 * matter. */
static char *
plain_code (const char *text)
{
  g_autofree char *folded = sb_input_fold_width (text);
  g_autofree char *plain = remove_all (folded, " ");

  return g_ascii_strup (plain, -1);
}

static gboolean
looks_like_resident_id (const char *code)
{
  if (strlen (code) != 18)
    return FALSE;
  for (int i = 0; i < 17; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return g_ascii_isdigit (code[17]) || code[17] == 'X';
}

/* Digits (an ID card's last may be X), fifteen or more: an ID card number
 * however mistyped, never a passport's. */
static gboolean
attempts_resident_id (const char *code)
{
  gsize length = strlen (code);

  if (length < 15)
    return FALSE;
  for (gsize i = 0; i + 1 < length; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return g_ascii_isdigit (code[length - 1]) || code[length - 1] == 'X';
}

/* A passport's or travel permit's number: 5 to 20 letters and digits,
 * with a letter (E12345678, H12345678, 123456789 is not one). */
static gboolean
is_document_number (const char *code)
{
  gsize length = strlen (code);
  gboolean letter = FALSE;

  if (length < 5 || length > 20)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (!g_ascii_isalnum (code[i]))
        return FALSE;
      letter |= g_ascii_isalpha (code[i]);
    }
  return letter;
}

static gboolean
all_digits (const char *text,
            gsize       min,
            gsize       max)
{
  gsize length = strlen (text);

  if (length < min || length > max)
    return FALSE;
  for (const char *p = text; *p; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* @text without the spaces around it, the ideographic space (U+3000) of
 * Chinese input methods included; takes @text. */
static char *
strip_spaces (char *text)
{
  char *start = text;
  char *end = text + strlen (text);
  char *result;

  while (*start != '\0' && g_unichar_isspace (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);
  while (end > start)
    {
      char *previous = g_utf8_prev_char (end);

      if (!g_unichar_isspace (g_utf8_get_char (previous)))
        break;
      end = previous;
    }
  result = g_strndup (start, end - start);
  g_free (text);
  return result;
}

/* Public API */

char *
sb_input_fold_width (const char *text)
{
  g_autofree char *valid = NULL;
  GString *out;

  g_return_val_if_fail (text != NULL, NULL);

  valid = g_utf8_make_valid (text, -1);
  out = g_string_sized_new (strlen (valid));
  for (const char *p = valid; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c >= 0xFF01 && c <= 0xFF5E)
        g_string_append_c (out, (char) (c - 0xFEE0));
      else if (c == 0x3000)
        g_string_append_c (out, ' ');
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

gboolean
sb_phone_number_parse (const char  *text,
                       char       **canonical,
                       SbText      *message)
{
  static const char * const extension_marks[] = { "转", "分机", "ext.", "ext", "x", "#", NULL };
  g_autofree char *folded = NULL;
  g_autofree char *lower = NULL;
  g_autofree char *number = NULL;
  g_autofree char *extension = NULL;
  g_autofree char *result = NULL;
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  g_return_val_if_fail (text != NULL, FALSE);

  folded = sb_input_fold_width (text);
  {
    g_autofree char *a = remove_all (folded, " ");
    g_autofree char *b = remove_all (a, "(");
    lower = g_utf8_strdown (b, -1);
    g_free (b);
    b = remove_all (lower, ")");
    g_free (lower);
    lower = g_steal_pointer (&b);
  }

  /* 0353-1234567转801, 0353-1234567 ext 801, 0353-1234567-801 */
  number = g_strdup (lower);
  for (guint i = 0; extension_marks[i] != NULL; i++)
    {
      char *mark = strstr (number, extension_marks[i]);

      if (mark != NULL)
        {
          extension = g_strdup (mark + strlen (extension_marks[i]));
          *mark = '\0';
          break;
        }
    }

  if (g_str_has_prefix (number, "+86"))
    memmove (number, number + 3, strlen (number + 3) + 1);
  else if (g_str_has_prefix (number, "0086"))
    memmove (number, number + 4, strlen (number + 4) + 1);

  /* 139-1234-5678: a mobile number grouped for reading. */
  if (extension == NULL)
    {
      g_autofree char *digits = remove_all (number, "-");

      if (all_digits (digits, 11, 11) && digits[0] == '1')
        {
          if (canonical != NULL)
            *canonical = g_steal_pointer (&digits);
          return TRUE;
        }
    }

  parts = g_strsplit (number, "-", -1);
  n_parts = g_strv_length (parts);
  if (n_parts == 3 && extension == NULL)
    {
      extension = g_strdup (parts[2]);
      g_clear_pointer (&parts[2], g_free);
      n_parts = 2;
    }

  if (extension != NULL && !all_digits (extension, 1, 6))
    goto invalid;

  if (n_parts == 1 && all_digits (parts[0], 11, 11) && parts[0][0] == '1' && extension == NULL)
    result = g_strdup (parts[0]);
  else if (n_parts == 1 && all_digits (parts[0], 10, 12) && parts[0][0] == '0')
    {
      /* 010 and 02x are the three-digit area codes; the others have four. */
      int area = parts[0][1] == '1' || parts[0][1] == '2' ? 3 : 4;
      gsize local = strlen (parts[0]) - area;

      if (local < 7 || local > 8)
        goto invalid;
      result = g_strdup_printf ("%.*s-%s", area, parts[0], parts[0] + area);
    }
  else if (n_parts == 2 && all_digits (parts[0], 3, 4) && parts[0][0] == '0' && all_digits (parts[1], 7, 8))
    result = g_strdup_printf ("%s-%s", parts[0], parts[1]);
  else if (n_parts == 1 && all_digits (parts[0], 7, 8))
    {
      set_message (message, "固定电话请加上区号，如：0353-1234567",
                   "add the area code to a landline number, e.g. 0353-1234567");
      return FALSE;
    }
  else
    goto invalid;

  if (extension != NULL)
    {
      char *with_extension = g_strdup_printf ("%s转%s", result, extension);

      g_free (result);
      result = with_extension;
    }
  if (canonical != NULL)
    *canonical = g_steal_pointer (&result);
  return TRUE;

invalid:
  set_message (message, "请填写 11 位手机号码，或带区号的固定电话，如：13912345678 或 0353-1234567",
               "Type an 11-digit mobile number or a landline number with its area code, e.g. 13912345678 or 0353-1234567");
  return FALSE;
}

gboolean
sb_field_parse_input (const SbField  *field,
                      const char     *text,
                      JsonNode      **value,
                      SbText         *message)
{
  g_autofree char *valid = NULL;
  g_autofree char *canonical = NULL;
  SbText ignored = { NULL, NULL };
  SbText *reason = message != NULL ? message : &ignored;
  gboolean ok = TRUE;

  g_return_val_if_fail (field != NULL, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (message == NULL || (message->zh_CN == NULL && message->en == NULL), FALSE);

  *value = NULL;
  valid = strip_spaces (g_utf8_make_valid (text, -1));

  if (*valid == '\0')
    return TRUE;

  switch (field->type)
    {
    case SB_FIELD_INTEGER:
      canonical = parse_number (field, valid, reason);
      if (canonical != NULL)
        {
          *value = json_node_new (JSON_NODE_VALUE);
          json_node_set_int (*value, g_ascii_strtoll (canonical, NULL, 10));
          return TRUE;
        }
      ok = FALSE;
      break;

    case SB_FIELD_DECIMAL:
      canonical = parse_number (field, valid, reason);
      ok = canonical != NULL;
      break;

    case SB_FIELD_DATE:
      canonical = parse_date (valid, reason);
      ok = canonical != NULL;
      break;

    case SB_FIELD_TIME:
      canonical = parse_time (valid, reason);
      ok = canonical != NULL;
      break;

    case SB_FIELD_RESIDENT_ID:
      canonical = plain_code (valid);
      ok = sb_resident_id_check (canonical, NULL, reason);
      break;

    case SB_FIELD_CREDIT_CODE:
      canonical = plain_code (valid);
      ok = sb_credit_code_check (canonical, reason);
      break;

    case SB_FIELD_CREDIT_CODE_OR_ID:
      canonical = plain_code (valid);
      if (looks_like_resident_id (canonical) && sb_resident_id_check (canonical, NULL, NULL))
        break;
      if (sb_credit_code_check (canonical, NULL))
        break;
      ok = FALSE;
      if (looks_like_resident_id (canonical))
        sb_resident_id_check (canonical, NULL, reason);
      else
        set_message (reason, "请核对营业执照上的代码或身份证上的号码（均为 18 位）",
                     "check it against the business licence or the ID card (both have 18 characters)");
      break;

    case SB_FIELD_ID_DOCUMENT:
      /* A resident ID card is checked as one; a person without one (a
       * foreign national, a resident of Hong Kong, Macao or Taiwan) gives
       * their passport's or permit's number instead. */
      canonical = plain_code (valid);
      if (attempts_resident_id (canonical))
        ok = sb_resident_id_check (canonical, NULL, reason);
      else if (!is_document_number (canonical))
        {
          ok = FALSE;
          set_message (reason, "请填写 18 位身份证号码；外籍等人员填写护照或通行证号码（字母和数字，如 E12345678）",
                       "give the 18-character ID card number, or for a foreign national a passport or permit number (letters and digits, e.g. E12345678)");
        }
      break;

    case SB_FIELD_PHONE:
      ok = sb_phone_number_parse (valid, &canonical, reason);
      break;

    case SB_FIELD_TEXT:
    case SB_FIELD_MULTILINE:
    case SB_FIELD_CHOICE:
    case SB_FIELD_MULTICHOICE:
    case SB_FIELD_BOOLEAN:
    case SB_FIELD_ATTACHMENT:
    case SB_FIELD_TABLE:
    default:
      break;
    }

  sb_text_clear (&ignored);
  /* Unread, the text stays exactly as typed: nothing typed is lost. */
  *value = json_node_init_string (json_node_alloc (), ok && canonical != NULL ? canonical : valid);
  return ok;
}
