/* test-input.c — what people type, read as they meant it (issue 15)
 *
 * sb_field_parse_input() on what Chinese users really type: full-width
 * digits, units typed after the number, dates and times as written on
 * paper, phone numbers with and without area codes; and the answers shown
 * exactly as typed until they parse, always as valid UTF-8.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "sb-date.h"
#include "sb-field-format.h"
#include "sb-input-normalize.h"

static SbField *
make_field (SbFieldType  type,
            const char  *unit,
            const char  *input_unit,
            int          scale)
{
  SbField *field = g_new0 (SbField, 1);

  field->id = g_strdup ("f");
  field->type = type;
  field->unit = g_strdup (unit);
  field->input_unit = g_strdup (input_unit);
  field->scale = scale;
  field->label.zh_CN = g_strdup ("字段");
  return field;
}

static void
free_field (SbField *field)
{
  g_free (field->id);
  g_free (field->unit);
  g_free (field->input_unit);
  g_free (field->label.zh_CN);
  g_free (field);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SbField, free_field)

/* @typed reads as @expected (JSON text of the value; NULL for blank). */
static void
expect_read (const SbField *field,
             const char    *typed,
             const char    *expected)
{
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *json = NULL;
  SbText message = { NULL, NULL };

  if (!sb_field_parse_input (field, typed, &value, &message))
    g_error ("“%s” is not read: %s", typed, message.zh_CN);
  g_assert_null (message.zh_CN);
  if (expected == NULL)
    {
      g_assert_null (value);
      return;
    }
  g_assert_nonnull (value);
  json = json_to_string (value, FALSE);
  if (g_strcmp0 (json, expected) != 0)
    g_error ("“%s”: expected %s, got %s", typed, expected, json);
}

/* @typed is kept exactly (trimmed) and answered with a message that holds
 * @zh and @en, and no pattern such as YYYY-MM-DD. */
static void
expect_kept (const SbField *field,
             const char    *typed,
             const char    *zh,
             const char    *en)
{
  g_autoptr(JsonNode) value = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (typed));  /* the cases have ASCII spaces */
  SbText message = { NULL, NULL };

  if (sb_field_parse_input (field, typed, &value, &message))
    g_error ("“%s” should not be read, but gives %s", typed, json_to_string (value, FALSE));
  g_assert_nonnull (value);
  g_assert_true (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING);
  g_assert_cmpstr (json_node_get_string (value), ==, trimmed);
  g_assert_nonnull (message.zh_CN);
  g_assert_nonnull (message.en);
  if (strstr (message.zh_CN, zh) == NULL)
    g_error ("“%s”: expected “%s” in: %s", typed, zh, message.zh_CN);
  if (strstr (message.en, en) == NULL)
    g_error ("“%s”: expected “%s” in: %s", typed, en, message.en);
  g_assert_null (strstr (message.zh_CN, "YYYY"));
  g_assert_null (strstr (message.zh_CN, "HH:MM"));
  sb_text_clear (&message);
}

static void
test_numbers (void)
{
  g_autoptr(SbField) mu = make_field (SB_FIELD_DECIMAL, "亩", NULL, 2);
  g_autoptr(SbField) wan = make_field (SB_FIELD_DECIMAL, "元", "万元", 2);
  g_autoptr(SbField) yuan = make_field (SB_FIELD_DECIMAL, "元", NULL, 2);
  g_autoptr(SbField) area = make_field (SB_FIELD_DECIMAL, "m²", NULL, 2);
  g_autoptr(SbField) share = make_field (SB_FIELD_DECIMAL, "%", NULL, 2);
  g_autoptr(SbField) people = make_field (SB_FIELD_INTEGER, "人", NULL, 0);
  g_autoptr(SbField) floors = make_field (SB_FIELD_INTEGER, "层", NULL, 0);
  g_autoptr(SbField) year = make_field (SB_FIELD_INTEGER, NULL, NULL, 0);

  expect_read (mu, "", NULL);
  expect_read (mu, "  \u3000 ", NULL);
  expect_read (mu, "3.2", "\"3.20\"");
  expect_read (mu, "３．２０", "\"3.20\"");
  expect_read (mu, "3.2亩", "\"3.20\"");
  expect_read (mu, " 3.2 亩 ", "\"3.20\"");
  expect_read (mu, "３．２亩", "\"3.20\"");
  expect_read (mu, "3。2", "\"3.20\"");
  expect_read (mu, "－1.5", "\"-1.50\"");
  expect_read (mu, "1,234.5", "\"1234.50\"");
  expect_read (mu, "1，234.5", "\"1234.50\"");
  expect_read (mu, "1 234.5", "\"1234.50\"");
  expect_read (wan, "5", "\"50000.00\"");
  expect_read (wan, "5万元", "\"50000.00\"");
  expect_read (wan, "5万", "\"50000.00\"");
  expect_read (wan, "50000元", "\"50000.00\"");
  expect_read (yuan, "5万元", "\"50000.00\"");
  expect_read (yuan, "1,200元", "\"1200.00\"");
  expect_read (area, "120㎡", "\"120.00\"");
  expect_read (area, "120平方米", "\"120.00\"");
  expect_read (area, "120m2", "\"120.00\"");
  expect_read (area, "120 m²", "\"120.00\"");
  expect_read (share, "30%", "\"30.00\"");
  expect_read (share, "30％", "\"30.00\"");
  expect_read (people, "12人", "12");
  expect_read (people, "１２名", "12");
  expect_read (floors, "3层", "3");
  expect_read (year, "２０２５", "2025");

  expect_kept (mu, "约3亩", "请填写数字（单位：亩），如：3.20", "Type a number (in 亩), e.g. 3.20");
  expect_kept (mu, "四亩", "请填写数字（单位：亩），如：3.20", "e.g. 3.20");
  /* 3,20 is 3.20 in some places and 320 in others. */
  expect_kept (mu, "3,20", "如：3.20", "e.g. 3.20");
  expect_kept (mu, "3.205", "最多 2 位小数", "at most 2 decimal places");
  /* Another unit is not converted: 120平方米 in a 亩 field is a mistake. */
  expect_kept (mu, "120平方米", "单位：亩", "in 亩");
  expect_kept (mu, "3.2亩亩", "如：3.20", "e.g. 3.20");
  expect_kept (people, "十二", "请填写整数（单位：人），如：12", "Type a whole number (in 人)");
  expect_kept (people, "3.5", "请填写整数", "whole number");
  expect_kept (year, "2025年度", "请填写整数，如：12", "Type a whole number, e.g. 12");
  expect_kept (mu, "😀", "如：3.20", "e.g. 3.20");
}

static void
test_dates_and_times (void)
{
  g_autoptr(SbField) date = make_field (SB_FIELD_DATE, NULL, NULL, 0);
  g_autoptr(SbField) time = make_field (SB_FIELD_TIME, NULL, NULL, 0);

  expect_read (date, "2025-04-01", "\"2025-04-01\"");
  expect_read (date, "2025年4月1日", "\"2025-04-01\"");
  expect_read (date, "2025 年 4 月 1 日", "\"2025-04-01\"");
  expect_read (date, "２０２５年４月１日", "\"2025-04-01\"");
  expect_read (date, "2025年4月1号", "\"2025-04-01\"");
  expect_read (date, "2025-4-1", "\"2025-04-01\"");
  expect_read (date, "2025/4/1", "\"2025-04-01\"");
  expect_read (date, "2025.4.1", "\"2025-04-01\"");
  expect_read (date, "20250401", "\"2025-04-01\"");
  expect_read (date, "2024-2-29", "\"2024-02-29\"");

  expect_kept (date, "2025-02-30", "日历上没有这一天", "no such day");
  expect_kept (date, "2025年2月30日", "日历上没有这一天", "no such day");
  /* Day and month orders differ from place to place: not guessed. */
  expect_kept (date, "1/4/2025", "请填写日期，如：2025-04-01", "Type a date, e.g. 2025-04-01");
  expect_kept (date, "25-4-1", "如：2025-04-01", "e.g. 2025-04-01");
  expect_kept (date, "2025-4/1", "如：2025-04-01", "e.g. 2025-04-01");
  expect_kept (date, "明天", "如：2025-04-01", "e.g. 2025-04-01");

  expect_read (time, "20:30", "\"20:30\"");
  expect_read (time, "20：30", "\"20:30\"");
  expect_read (time, "８:３０", "\"08:30\"");
  expect_read (time, "8:30", "\"08:30\"");
  expect_read (time, "20点30", "\"20:30\"");
  expect_read (time, "20点30分", "\"20:30\"");
  expect_read (time, "20时", "\"20:00\"");
  expect_read (time, "8点半", "\"08:30\"");
  expect_read (time, "下午8点", "\"20:00\"");
  expect_read (time, "晚上8:30", "\"20:30\"");
  expect_read (time, "8:30 PM", "\"20:30\"");
  expect_read (time, "12:15am", "\"00:15\"");
  expect_read (time, "12:15 pm", "\"12:15\"");

  expect_kept (time, "25:00", "没有这个时刻", "no such time");
  expect_kept (time, "20:61", "没有这个时刻", "no such time");
  expect_kept (time, "上午20点", "请填写时间，如：08:30 或 20:30", "Type a time");
  expect_kept (time, "2030", "如：08:30", "e.g. 08:30");
  expect_kept (time, "傍晚", "如：08:30", "e.g. 08:30");
}

/* The reviewer's day of receipt reads dates the way a date field does. */
static void
test_date_outside_a_form (void)
{
  SbText message = { NULL, NULL };
  gint32 day = 0;

  g_assert_true (sb_date_parse_typed ("2025年4月1日", &day, NULL));
  g_assert_cmpint (day, ==, sb_date_from_ymd (2025, 4, 1));
  g_assert_true (sb_date_parse_typed ("２０２５/４/１", &day, NULL));
  g_assert_cmpint (day, ==, sb_date_from_ymd (2025, 4, 1));
  g_assert_true (sb_date_parse_typed ("2024.2.29", &day, NULL));
  g_assert_cmpint (day, ==, sb_date_from_ymd (2024, 2, 29));

  g_assert_false (sb_date_parse_typed ("2025-02-30", &day, &message));
  g_assert_nonnull (strstr (message.zh_CN, "日历上没有这一天"));
  sb_text_clear (&message);
  g_assert_false (sb_date_parse_typed ("四月一日", &day, &message));
  g_assert_nonnull (strstr (message.zh_CN, "如：2025-04-01"));
  g_assert_nonnull (strstr (message.en, "e.g. 2025-04-01"));
  g_assert_null (strstr (message.en, "YYYY"));
  sb_text_clear (&message);
  g_assert_false (sb_date_parse_typed ("\xff\xfe", &day, NULL));
}

static void
test_codes_and_phones (void)
{
  g_autoptr(SbField) id = make_field (SB_FIELD_RESIDENT_ID, NULL, NULL, 0);
  g_autoptr(SbField) credit = make_field (SB_FIELD_CREDIT_CODE, NULL, NULL, 0);
  g_autoptr(SbField) either = make_field (SB_FIELD_CREDIT_CODE_OR_ID, NULL, NULL, 0);
  g_autoptr(SbField) phone = make_field (SB_FIELD_PHONE, NULL, NULL, 0);
  g_autoptr(SbField) document = make_field (SB_FIELD_ID_DOCUMENT, NULL, NULL, 0);

  expect_read (id, "11010519491231002x", "\"11010519491231002X\"");
  expect_read (id, "110105 19491231 002X", "\"11010519491231002X\"");
  expect_read (id, "１１０１０５１９４９１２３１００２Ｘ", "\"11010519491231002X\"");
  expect_kept (id, "110105194912310021", "请核对身份证上的号码", "ID card");

  expect_read (credit, "91140302MA0KQ2H7X5", "\"91140302MA0KQ2H7X5\"");
  expect_read (credit, "91140302ma0kq2h7x5", "\"91140302MA0KQ2H7X5\"");
  /* The example of issue 15: a wrong check character. */
  expect_kept (credit, "93140302MA0H8K2P3X", "请核对营业执照上的代码", "business licence");

  expect_read (either, "91140302MA0KQ2H7X5", "\"91140302MA0KQ2H7X5\"");
  expect_read (either, "11010519491231002X", "\"11010519491231002X\"");
  expect_kept (either, "93140302MA0H8K2P3X", "请核对营业执照上的代码或身份证上的号码", "business licence or the ID card");
  expect_kept (either, "110105194912310021", "请核对身份证上的号码", "ID card");

  /* 身份证件号码: an ID card checked as one, however it is mistyped; a
   * foreign national's passport or a travel permit by its letters. */
  expect_read (document, "11010519491231002x", "\"11010519491231002X\"");
  expect_read (document, "１１０１０５ １９４９１２３１ ００２Ｘ", "\"11010519491231002X\"");
  expect_kept (document, "110105194912310021", "请核对身份证上的号码", "ID card");
  expect_kept (document, "1101051949123100", "身份证", "ID");
  expect_read (document, "E12345678", "\"E12345678\"");
  expect_read (document, "e 1234 5678", "\"E12345678\"");
  expect_read (document, "H12345678", "\"H12345678\"");
  expect_read (document, "PA1234567", "\"PA1234567\"");
  expect_kept (document, "123456789", "外籍等人员填写护照或通行证号码", "passport or permit number");
  expect_kept (document, "张三", "请填写 18 位身份证号码", "18-character ID card number");
  expect_kept (document, "E1234-5678", "如 E12345678", "e.g. E12345678");

  expect_read (phone, "13912345678", "\"13912345678\"");
  expect_read (phone, "139 1234 5678", "\"13912345678\"");
  expect_read (phone, "139-1234-5678", "\"13912345678\"");
  expect_read (phone, "+86 139 1234 5678", "\"13912345678\"");
  expect_read (phone, "１３９１２３４５６７８", "\"13912345678\"");
  expect_read (phone, "0353-1234567", "\"0353-1234567\"");
  expect_read (phone, "03531234567", "\"0353-1234567\"");
  expect_read (phone, "(0353)1234567", "\"0353-1234567\"");
  expect_read (phone, "（0353）1234567", "\"0353-1234567\"");
  expect_read (phone, "010-12345678", "\"010-12345678\"");
  expect_read (phone, "01012345678", "\"010-12345678\"");
  expect_read (phone, "0353-1234567转801", "\"0353-1234567转801\"");
  expect_read (phone, "0353-1234567-801", "\"0353-1234567转801\"");
  expect_read (phone, "0353-1234567 ext. 801", "\"0353-1234567转801\"");

  expect_kept (phone, "1391234567", "请填写 11 位手机号码，或带区号的固定电话", "11-digit mobile");
  expect_kept (phone, "139123456789", "11 位手机号码", "11-digit mobile");
  expect_kept (phone, "23912345678", "11 位手机号码", "11-digit mobile");
  expect_kept (phone, "1234567", "请加上区号，如：0353-1234567", "area code");
  expect_kept (phone, "0353-123", "如：13912345678 或 0353-1234567", "e.g. 13912345678");
  expect_kept (phone, "0353-1234567转八", "11 位手机号码", "11-digit mobile");
  expect_kept (phone, "张三", "11 位手机号码", "11-digit mobile");
}

/* Nothing typed is lost, and nothing invalid comes out, whatever it is. */
static void
test_hostile (void)
{
  static const SbFieldType types[] = {
    SB_FIELD_TEXT, SB_FIELD_MULTILINE, SB_FIELD_INTEGER, SB_FIELD_DECIMAL, SB_FIELD_DATE, SB_FIELD_TIME,
    SB_FIELD_RESIDENT_ID, SB_FIELD_CREDIT_CODE, SB_FIELD_CREDIT_CODE_OR_ID, SB_FIELD_ID_DOCUMENT, SB_FIELD_PHONE,
  };
  g_autofree char *long_text = NULL;
  const char *texts[] = {
    "😀👨‍👩‍👧", "e\u0301\u0301\u0301", "\u202e3.20\u202c", "\u200f2025-04-01", "\xe4\xb8", "\xff\xfe" "3\x80",
    "3\xe4亩", "=SUM(A1:A3)", "1\t2\t3", "<b>&amp;</b>", "%s%n%x", NULL,
  };

  long_text = g_strnfill (10000, 'X');
  texts[G_N_ELEMENTS (texts) - 1] = long_text;

  for (guint t = 0; t < G_N_ELEMENTS (types); t++)
    {
      g_autoptr(SbField) field = make_field (types[t], types[t] == SB_FIELD_DECIMAL ? "亩" : NULL, NULL, 2);

      for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
        {
          g_autoptr(JsonNode) value = NULL;
          g_autofree char *shown = NULL;
          g_autofree char *edit = NULL;
          SbText message = { NULL, NULL };

          sb_field_parse_input (field, texts[i], &value, &message);
          g_assert_nonnull (value);
          if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
            g_assert_true (g_utf8_validate (json_node_get_string (value), -1, NULL));
          if (message.zh_CN != NULL)
            {
              g_assert_true (g_utf8_validate (message.zh_CN, -1, NULL));
              g_assert_true (g_utf8_validate (message.en, -1, NULL));
            }
          /* Valid text that is not read is kept exactly. */
          if (g_utf8_validate (texts[i], -1, NULL) && message.zh_CN != NULL)
            {
              g_autofree char *trimmed = g_strstrip (g_strdup (texts[i]));

              g_assert_cmpstr (json_node_get_string (value), ==, trimmed);
            }

          shown = sb_field_format_answer (field, value);
          g_assert_true (g_utf8_validate (shown, -1, NULL));
          edit = sb_field_format_edit (field, value);
          g_assert_true (g_utf8_validate (edit, -1, NULL));
          sb_text_clear (&message);
        }
    }
}

/* Issue 15: 约3亩 showed boxes and 四亩 showed 四,亩 亩: thousands were
 * grouped byte by byte in text that was never a number. */
static void
test_shown_as_typed (void)
{
  g_autoptr(SbField) mu = make_field (SB_FIELD_DECIMAL, "亩", NULL, 2);
  g_autoptr(SbField) yuan = make_field (SB_FIELD_DECIMAL, "元", NULL, 2);
  struct {
    SbField    *field;
    const char *stored;
    const char *shown;
  } cases[] = {
    { mu, "约3亩", "约3亩" },
    { mu, "四亩", "四亩" },
    { mu, "1234四", "1234四" },
    { mu, "-", "-" },
    { mu, "1234.50", "1,234.50 亩" },
    { mu, "-1234567.5", "-1,234,567.5 亩" },
    { yuan, "1200", "1,200.00 元" },
    { yuan, "约一千二百元", "约一千二百元" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), cases[i].stored);
      g_autofree char *shown = sb_field_format_answer (cases[i].field, node);

      g_assert_true (g_utf8_validate (shown, -1, NULL));
      g_assert_cmpstr (shown, ==, cases[i].shown);
    }

  /* Invalid UTF-8 that reached the answers some other way is repaired. */
  {
    g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), "3\xe4\xba");
    g_autofree char *shown = sb_field_format_answer (mu, node);
    g_autofree char *edit = sb_field_format_edit (mu, node);

    g_assert_true (g_utf8_validate (shown, -1, NULL));
    g_assert_true (g_utf8_validate (edit, -1, NULL));
  }
}

/* A reason that quotes bytes that are not UTF-8 is still valid text. */
static void
test_reason_is_valid (void)
{
  SbText text = { NULL, NULL };

  sb_text_set_printf (&text, "“%s”不是数字", "“%s” is not a number", "3\xe4\xba");
  g_assert_true (g_utf8_validate (text.zh_CN, -1, NULL));
  g_assert_true (g_utf8_validate (text.en, -1, NULL));
  g_assert_true (g_str_has_prefix (text.zh_CN, "“3"));
  sb_text_clear (&text);
}

static void
set_answer (SbAnswers  *answers,
            const char *field_id,
            const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);
  sb_answers_set_field (answers, field_id, node);
}

static char *
shown (SbAnswers  *answers,
       const char *field_id)
{
  SbField *field = sb_form_definition_lookup_field (sb_answers_get_definition (answers), field_id);

  g_assert_nonnull (field);
  return sb_field_format_shown (answers, field, -1);
}

static char *
in_packet (SbAnswers  *answers,
           const char *field_id)
{
  SbField *field = sb_form_definition_lookup_field (sb_answers_get_definition (answers), field_id);

  return sb_field_format_display (answers, field, -1);
}

/* The interface shows answers in its own language (options by their
 * label, Yes/No, its own separators), while what the PDF and the diff
 * read stays in the packet's words whatever the interface language. */
static void
test_shown_in_interface_language (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", "kejipeixun.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = sb_form_definition_new_from_file (file, &error);
  g_autoptr(SbAnswers) answers = NULL;
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  struct {
    const char *field_id;
    const char *in_english;
    const char *in_chinese;
    const char *in_packet;
  } cases[] = {
    { "training_domains", "Programming, Robotics", "编程、机器人", "编程、机器人" },
    { "profit_type", "Non-profit", "非营利性", "非营利性" },
    { "uses_other_name", "No", "否", "否" },
    { "sponsor_cert_file", "营业执照.pdf; 章程；第二版.pdf", "营业执照.pdf；章程；第二版.pdf", "营业执照.pdf；章程；第二版.pdf" },
    /* A value the definition does not offer is shown as given. */
    { "target_levels", "Primary, 大学", "小学、大学", "小学、大学" },
  };

  g_assert_no_error (error);
  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHENBAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  answers = sb_answers_new (definition);
  set_answer (answers, "training_domains", "[\"编程\",\"机器人\"]");
  set_answer (answers, "profit_type", "\"非营利性\"");
  set_answer (answers, "uses_other_name", "false");
  set_answer (answers, "sponsor_cert_file",
              "[{\"name\":\"营业执照.pdf\",\"media_type\":\"application/pdf\",\"size\":1,\"sha256\":\"00\"},"
              "{\"name\":\"章程；第二版.pdf\",\"media_type\":\"application/pdf\",\"size\":1,\"sha256\":\"00\"}]");
  set_answer (answers, "target_levels", "[\"小学\",\"大学\"]");

  for (guint pass = 0; pass < 2; pass++)
    {
      gboolean english = pass == 0;

      g_setenv ("LANGUAGE", english ? "en" : "zh_CN", TRUE);
      setlocale (LC_ALL, "zh_CN.UTF-8");  /* gettext reads LANGUAGE again */
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *interface = shown (answers, cases[i].field_id);
          g_autofree char *packet = in_packet (answers, cases[i].field_id);

          g_assert_cmpstr (interface, ==, english ? cases[i].in_english : cases[i].in_chinese);
          g_assert_cmpstr (packet, ==, cases[i].in_packet);
        }
    }

  setlocale (LC_ALL, saved_locale);
  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/input/numbers", test_numbers);
  g_test_add_func ("/input/dates-and-times", test_dates_and_times);
  g_test_add_func ("/input/date-outside-a-form", test_date_outside_a_form);
  g_test_add_func ("/input/codes-and-phones", test_codes_and_phones);
  g_test_add_func ("/input/hostile", test_hostile);
  g_test_add_func ("/input/shown-as-typed", test_shown_as_typed);
  g_test_add_func ("/input/reason-is-valid", test_reason_is_valid);
  g_test_add_func ("/input/shown-in-interface-language", test_shown_in_interface_language);

  return g_test_run ();
}
