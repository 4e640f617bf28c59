/* test-validator.c — answers and validation on the engine test form
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <string.h>

#include "sb-date.h"
#include "sb-form-registry.h"
#include "sb-validator.h"

static SbFormDefinition *
load_definition (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_definition_new_from_file (file, &error);

  g_assert_no_error (error);
  return definition;
}

static SbAnswers *
answers_from (const char *json)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbAnswers *answers = sb_answers_new (definition);

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  sb_answers_set_json (answers, json_node_get_object (json_parser_get_root (parser)));
  return answers;
}

/* A complete, valid set of answers; tests change one thing at a time. */
static const char *valid_answers =
  "{\"name\": \"阳泉市城区启明科技培训中心\", \"area\": \"120.00\", \"teaching_area\": \"80.00\","
  " \"funds\": \"300000\", \"kind\": \"新设立\", \"pledge\": true, \"end_time\": \"20:30\","
  " \"domains\": [\"编程\", \"机器人\"],"
  " \"staff\": [{\"staff_name\": \"张伟\", \"role\": \"教学\", \"is_foreign\": false}],"
  " \"fees\": [{\"fee_name\": \"编程入门\", \"amount\": \"4800.00\"}, {\"fee_name\": \"机器人\", \"amount\": \"5000.00\"}]}";

static gint32
date (const char *text)
{
  gint32 julian_day = 0;

  g_assert_true (sb_date_parse (text, &julian_day));
  return julian_day;
}

static SbFinding *
find (SbValidationReport *report,
      const char         *rule_id,
      const char         *field)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->rule_id, rule_id) && (field == NULL || g_strcmp0 (finding->field, field) == 0))
        return finding;
    }

  return NULL;
}

/* The one finding that says @field cannot be read: SB-INVALID, or the
 * technical catalogue rule that names the type checks (ET-09 for the ID
 * numbers).  Fails when there are two. */
static SbFinding *
find_invalid (SbValidationReport *report,
              const char         *field)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  SbFinding *found = NULL;

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->field, field) != 0 || strstr (finding->message_zh, "填写有误") == NULL)
        continue;
      if (!g_str_equal (finding->rule_id, "SB-INVALID") && !(finding->rule != NULL && finding->technical))
        continue;
      if (found != NULL)
        g_error ("%s is reported twice: %s / %s", field, found->message_zh, finding->message_zh);
      found = finding;
    }
  return found;
}

static void
dump (SbValidationReport *report)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_test_message ("%s %s row %d: %s", finding->rule_id, finding->field ? finding->field : "-",
                      finding->row, finding->message_zh);
    }
}

static SbValidationReport *
validate_with (const char *json,
               const char *on)
{
  g_autoptr(SbAnswers) answers = answers_from (json);
  SbValidationReport *report = sb_validate (answers, on ? date (on) : 0, NULL);

  dump (report);
  return report;
}

/* Replaces (or adds) one top-level member of the valid answers. */
static char *
valid_with (const char *member,
            const char *value_json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) value_parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object;

  json_parser_load_from_data (parser, valid_answers, -1, NULL);
  object = json_node_get_object (json_parser_get_root (parser));
  if (value_json == NULL)
    json_object_remove_member (object, member);
  else
    {
      g_assert_true (json_parser_load_from_data (value_parser, value_json, -1, NULL));
      json_object_set_member (object, member, json_node_copy (json_parser_get_root (value_parser)));
    }
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

static void
test_valid (void)
{
  g_autoptr(SbValidationReport) report = validate_with (valid_answers, "2024-03-15");

  g_assert_cmpuint (sb_validation_report_count (report, SB_SEVERITY_ERROR), ==, 0);
  g_assert_cmpuint (sb_validation_report_count (report, SB_SEVERITY_WARNING), ==, 0);
  /* Only the notice that is always shown. */
  g_assert_cmpuint (sb_validation_report_count (report, SB_SEVERITY_INFO), ==, 1);
  g_assert_nonnull (find (report, "ET-08", NULL));
}

static void
test_empty_draft (void)
{
  g_autoptr(SbValidationReport) report = validate_with ("{}", NULL);

  /* Missing answers are reported by the required check, once each ... */
  g_assert_nonnull (find (report, "SB-REQUIRED", "name"));
  g_assert_nonnull (find (report, "SB-REQUIRED", "area"));
  g_assert_nonnull (find (report, "SB-REQUIRED", "kind"));
  g_assert_nonnull (find (report, "SB-REQUIRED", "pledge"));
  g_assert_nonnull (find (report, "SB-REQUIRED", "staff"));
  g_assert_cmpstr (find (report, "SB-REQUIRED", "pledge")->message_zh, ==, "请回答“承诺”。");
  /* ... hidden fields are not asked for ... */
  g_assert_null (find (report, "SB-REQUIRED", "joint_file"));
  /* ... and rules comparing missing values stay silent. */
  g_assert_null (find (report, "ET-01", NULL));
  g_assert_null (find (report, "ET-02", NULL));
  g_assert_null (find (report, "ET-10", NULL));
  g_assert_null (find (report, "ET-06", NULL));
  g_assert_nonnull (find (report, "ET-08", NULL));
  g_assert_cmpuint (sb_validation_report_count (report, SB_SEVERITY_ERROR), ==, 5);
}

static void
test_exact_boundary (void)
{
  g_autofree char *at = NULL;
  g_autofree char *below = NULL;
  g_autoptr(SbValidationReport) report_below = NULL;
  SbFinding *finding;

  /* 100 * 2 / 3 = 66.666…: 66.67 is enough, 66.66 is not. */
  at = valid_with ("area", "\"100.00\"");
  {
    g_autoptr(SbAnswers) answers = answers_from (at);
    g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
    g_autoptr(SbValidationReport) report = NULL;

    json_node_set_string (value, "66.67");
    sb_answers_set_field (answers, "teaching_area", value);
    report = sb_validate (answers, 0, NULL);
    g_assert_null (find (report, "ET-02", NULL));
    g_assert_null (find (report, "ET-01", NULL));

    json_node_set_string (value, "66.66");
    sb_answers_set_field (answers, "teaching_area", value);
    report_below = sb_validate (answers, 0, NULL);
  }

  finding = find (report_below, "ET-02", "teaching_area");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, SB_SEVERITY_ERROR);
  g_assert_cmpstr (finding->message_zh, ==, "教学用房面积当前为 66.66，至少需 66.67。");
  g_assert_cmpstr (finding->message_en, ==, "Teaching area 66.66, at least 66.67 needed.");
  g_assert_nonnull (finding->rule);

  below = valid_with ("area", "\"99.99\"");
  {
    g_autoptr(SbValidationReport) report = validate_with (below, NULL);

    finding = find (report, "ET-01", "area");
    g_assert_nonnull (finding);
    g_assert_cmpstr (finding->message_zh, ==, "建筑面积不低于100平方米（当前为 99.99）。");
  }
}

static void
test_rows (void)
{
  g_autofree char *json = valid_with ("staff",
    "[{\"staff_name\": \"张伟\", \"role\": \"教学\", \"is_foreign\": false},"
    " {\"staff_name\": \"John Smith\", \"role\": \"教学\", \"is_foreign\": true},"
    " {\"staff_name\": \"李娜\", \"role\": \"行政\"},"
    " {\"staff_name\": \"Anna Weber\", \"role\": \"教研\", \"is_foreign\": true}]");
  g_autoptr(SbValidationReport) report = validate_with (json, NULL);
  GPtrArray *findings = sb_validation_report_get_findings (report);
  guint warnings = 0, required = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (g_str_equal (finding->rule_id, "ET-03"))
        {
          /* One finding per offending row, at the column the rule names. */
          g_assert_cmpstr (finding->field, ==, "staff[].permit_file");
          g_assert_true (finding->row == 1 || finding->row == 3);
          warnings++;
        }
      if (g_str_equal (finding->rule_id, "SB-REQUIRED"))
        {
          /* required_when is evaluated in the row's own context. */
          g_assert_cmpstr (finding->field, ==, "staff[].permit_file");
          g_assert_true (finding->row == 1 || finding->row == 3);
          required++;
        }
    }

  g_assert_cmpuint (warnings, ==, 2);
  g_assert_cmpuint (required, ==, 2);
}

static void
test_fee_row_boundary (void)
{
  g_autofree char *over = valid_with ("fees", "[{\"fee_name\": \"a\", \"amount\": \"5000.00\"}, {\"fee_name\": \"b\", \"amount\": \"5000.01\"}]");
  g_autoptr(SbValidationReport) report = validate_with (over, NULL);
  SbFinding *finding = find (report, "ET-05", NULL);

  g_assert_nonnull (finding);
  g_assert_cmpint (finding->row, ==, 1);
  g_assert_cmpstr (finding->field, ==, "fees[].amount");
}

#define SHA_ZERO "0000000000000000000000000000000000000000000000000000000000000000"
#define MEDIA_TYPES "application/pdf image/jpeg image/png application/ofd"

/* TRUE when @zh still has a word of English once the “quoted” answers and
 * the space-separated technical @allowed tokens (media types, YYYY-MM-DD)
 * are taken out.  A single letter is a code character ("X"); two letters
 * in a row are a word. */
static gboolean
has_english (const char *zh,
             const char *allowed)
{
  g_autoptr(GString) rest = g_string_new (zh);
  g_auto(GStrv) tokens = g_strsplit (allowed ? allowed : "", " ", -1);
  char *open;

  while ((open = strstr (rest->str, "“")) != NULL)
    {
      char *close = strstr (open, "”");

      if (close == NULL)
        break;
      g_string_erase (rest, open - rest->str, close + strlen ("”") - open);
    }

  for (guint i = 0; tokens[i] != NULL; i++)
    if (*tokens[i] != '\0')
      g_string_replace (rest, tokens[i], "", 0);

  for (const char *p = rest->str; *p != '\0'; p++)
    if (g_ascii_isalpha (p[0]) && g_ascii_isalpha (p[1]))
      return TRUE;
  return FALSE;
}

static void
test_has_english (void)
{
  /* The check itself must be able to fail. */
  g_assert_true (has_english ("“面积”填写有误：“四亩” is not a number", NULL));
  g_assert_true (has_english ("“章程”填写有误：“a.exe”的类型为 application/x-msdownload", NULL));
  g_assert_false (has_english ("“章程”填写有误：“a.exe”的类型为 application/x-msdownload",
                               "application/x-msdownload"));
  g_assert_false (has_english ("“面积”填写有误：“four”不是数字", NULL));
  g_assert_false (has_english ("号码有误，请核对身份证上的号码", NULL));
}

static void
test_invalid_answers (void)
{
  struct {
    const char *member;
    const char *value;
    const char *field;
    const char *zh;        /* in message_zh */
    const char *en;        /* in message_en */
    const char *allowed;   /* technical tokens the Chinese may contain */
  } cases[] = {
    { "area", "\"12.345\"", "area", "“建筑面积”填写有误：最多 2 位小数", "at most 2 decimal places" },
    { "area", "\"-1\"", "area", "不能小于 0", "must be at least 0" },
    { "area", "12.5", "area", "小数应以文本形式填写，例如“12.50”", "decimals must be written as text" },
    /* Issue 15: what to type, with an example, never a pattern. */
    { "area", "\"12,5\"", "area", "“建筑面积”填写有误：请填写数字（单位：m²），如：3.20", "Type a number (in m²), e.g. 3.20", "m²" },
    { "area", "\"四亩\"", "area", "请填写数字（单位：m²），如：3.20", "Type a number (in m²), e.g. 3.20", "m²" },
    { "area", "\"３．２０\"", "area", "应写作“3.20”", "should be written “3.20”" },
    { "start", "\"2023-02-30\"", "start", "日历上没有这一天，请核对，如：2025-04-01",
      "there is no such day; check it, e.g. 2025-04-01" },
    { "start", "\"明天\"", "start", "请填写日期，如：2025-04-01 或 2025年4月1日", "Type a date, e.g. 2025-04-01" },
    { "start", "\"2025/4/1\"", "start", "应写作“2025-04-01”", "should be written “2025-04-01”" },
    { "end_time", "\"8:00\"", "end_time", "应写作“08:00”", "should be written “08:00”" },
    { "end_time", "\"傍晚\"", "end_time", "请填写时间，如：08:30 或 20:30", "Type a time, e.g. 08:30 or 20:30" },
    { "kind", "\"撤销\"", "kind", "“撤销”不是可选的选项", "“撤销” is not one of the options" },
    { "domains", "[\"编程\", \"绘画\"]", "domains", "“绘画”不是可选的选项", "is not one of the options" },
    { "domains", "[\"编程\", \"编程\"]", "domains", "“编程”选了两次", "“编程” is chosen twice" },
    { "domains", "\"编程\"", "domains", "应为选项列表", "expected a list of options" },
    { "domains", "[1]", "domains", "应为选项列表", "expected a list of options" },
    { "pledge", "\"yes\"", "pledge", "应回答“是”或“否”", "expected yes (true) or no (false)" },
    { "people", "\"12\"", "people", "“人数”填写有误：应写作“12”", "should be written “12”" },
    { "people", "\"十二\"", "people", "“人数”填写有误：请填写整数", "Type a whole number" },
    { "people", "-3", "people", "不能小于 0", "must be at least 0" },
    { "name", "42", "name", "“机构名称”填写有误：应为文本", "expected text" },
    { "name", "\"" "阳泉市城区启明科技培训中心阳泉市城区启明科技培训中心阳泉市城区启明科技培训中心阳泉市城区启明科技培训中心" "\"",
      "name", "最多 50 个字", "at most 50 characters" },
    /* Issue 15: the right check character is never printed. */
    { "id_no", "\"140302199001011235\"", "id_no", "“身份证号”填写有误：号码有误，请核对身份证上的号码",
      "compare it with the ID card" },
    { "id_no", "\"1403021990010112\"", "id_no", "应为 18 位（现为 16 位）", "should have 18 characters (it has 16)" },
    { "id_no", "\"14030219900230123X\"", "id_no", "出生日期 19900230 不存在", "birth date 19900230" },
    { "credit_code", "\"91140300MA0ABCDE1X\"", "credit_code", "代码有误，请核对营业执照上的代码",
      "compare it with the business licence" },
    { "credit_code", "\"91140300MA0ABCDO1X\"", "credit_code", "第 16 位“O”不是允许的字符", "character 16" },
    { "credit_code", "\"B1140300MA0ABCDE1X\"", "credit_code", "不是登记管理部门代码", "registering authority" },
    { "credit_code", "\"9114A300MA0ABCDE1X\"", "credit_code", "第 3 至 8 位应为数字", "region code" },
    { "charter_file", "[{\"name\": \"a.exe\", \"media_type\": \"application/x-msdownload\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"}]",
      "charter_file", "“a.exe”的类型为 application/x-msdownload，只接受 application/pdf、image/jpeg",
      "“a.exe” is of type application/x-msdownload; accepted are application/pdf, image/jpeg",
      "application/x-msdownload " MEDIA_TYPES },
    /* Issue 13: names a reviewer's reader refuses are refused here first. */
    { "charter_file", "[{\"name\": \"a.desktop\", \"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"}]",
      "charter_file", "“a.desktop”的文件名属于程序或启动器类型", "“a.desktop” is named as a program or launcher" },
    { "charter_file", "[{\"name\": \"a\\u202egnp.pdf\", \"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"}]",
      "charter_file", "文件名“a⟨U+202E⟩gnp.pdf”含有控制字符", "contains control or bidirectional characters" },
    { "charter_file", "[{\"name\": \"a\\u001b[8m.pdf\", \"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"}]",
      "charter_file", "文件名“a⟨U+001B⟩[8m.pdf”含有控制字符", "“a⟨U+001B⟩[8m.pdf” contains control" },
    { "charter_file", "[{\"name\": \"a\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"}]",
      "charter_file", "“a”未注明文件类型，只接受 ", "is of type unknown", MEDIA_TYPES },
    { "charter_file", "\"a.pdf\"", "charter_file", "应为所附文件的列表", "expected a list of attached files" },
    { "charter_file", "[\"a.pdf\"]", "charter_file", "第 1 个文件的说明格式不正确", "file 1 is not a file description" },
    { "charter_file", "[{\"name\": \"a.pdf\", \"path\": \"/etc\"}]", "charter_file", "第 1 个文件含有未知的成员“path”",
      "file 1 has an unknown member 'path'" },
    { "charter_file", "[{\"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"}]",
      "charter_file", "第 1 个文件没有文件名", "file 1 has no name" },
    { "charter_file", "[{\"name\": \"a.pdf\", \"media_type\": \"application/pdf\", \"size\": -3, \"sha256\": \"" SHA_ZERO "\"}]",
      "charter_file", "“a.pdf”的文件大小无效", "“a.pdf” has no valid size" },
    { "charter_file", "[{\"name\": \"a.pdf\", \"media_type\": \"application/pdf\", \"size\": 99999999999, \"sha256\": \"" SHA_ZERO "\"}]",
      "charter_file", "“a.pdf”超过了 20971520 字节的上限", "“a.pdf” is larger than 20971520 bytes" },
    { "charter_file", "[{\"name\": \"a.pdf\", \"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"00\"}]",
      "charter_file", "“a.pdf”的 SHA-256 校验值无效", "“a.pdf” has no valid SHA-256", "SHA-256" },
    { "staff", "[\"not a row\"]", "staff", "“从业人员”第 1 行“从业人员”填写有误：表格的行格式不正确",
      "a table row must be an object" },
    { "staff", "{\"staff_name\": \"x\"}", "staff", "应为表格行的列表", "expected a list of rows" },
    /* Cells: the row and the column are named, the reason is Chinese too. */
    { "staff", "[{\"staff_name\": \"张伟\", \"role\": \"教学\", \"is_foreign\": true, \"permit_file\": ["
      "{\"name\": \"a.pdf\", \"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"},"
      "{\"name\": \"b.pdf\", \"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"}]}]",
      "staff[].permit_file", "“从业人员”第 1 行“工作许可”填写有误：此处只能上传一个文件",
      "Staff, row 1, Work permit: only one file may be attached here" },
    { "fees", "[{\"fee_name\": \"编程入门\", \"amount\": \"四千\"}]", "fees[].amount",
      "“收费项目”第 1 行“金额”填写有误：请填写数字（单位：元），如：3.20", "Fees, row 1, Amount: Type a number (in 元), e.g. 3.20" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = valid_with (cases[i].member, cases[i].value);
      g_autoptr(SbValidationReport) report = validate_with (json, NULL);
      SbFinding *finding = find_invalid (report, cases[i].field);

      if (finding == NULL)
        g_error ("%s = %s was not reported as invalid", cases[i].member, cases[i].value);
      g_assert_cmpint (finding->severity, ==, SB_SEVERITY_ERROR);
      /* An invalid answer is not also reported as missing. */
      g_assert_null (find (report, "SB-REQUIRED", cases[i].field));

      /* The applicant reading Chinese gets the reason in Chinese (issue 6). */
      if (strstr (finding->message_zh, cases[i].zh) == NULL)
        g_error ("%s = %s: expected “%s” in: %s", cases[i].member, cases[i].value, cases[i].zh, finding->message_zh);
      if (has_english (finding->message_zh, cases[i].allowed))
        g_error ("%s = %s: English in: %s", cases[i].member, cases[i].value, finding->message_zh);
      if (strstr (finding->message_en, cases[i].en) == NULL)
        g_error ("%s = %s: expected “%s” in: %s", cases[i].member, cases[i].value, cases[i].en, finding->message_en);
    }

  /* An invalid ID number is visible to rules through is_invalid(); ET-09,
   * the catalogue's name for that check, names the one finding (issue 15):
   * its message is the type check's, which says what to correct. */
  {
    g_autofree char *json = valid_with ("id_no", "\"140302199001011235\"");
    g_autoptr(SbValidationReport) report = validate_with (json, NULL);
    SbFinding *finding = find (report, "ET-09", NULL);

    g_assert_nonnull (finding);
    g_assert_cmpstr (finding->field, ==, "id_no");
    g_assert_nonnull (finding->rule);
    g_assert_nonnull (strstr (finding->message_zh, "请核对身份证上的号码"));
    g_assert_null (find (report, "SB-INVALID", "id_no"));
    g_assert_cmpuint (sb_validation_report_count (report, SB_SEVERITY_ERROR), ==, 1);
  }

  /* A file list that cannot be read is not "no file": ET-03 (a foreign
   * employee without a work permit) is not decided on it, and the cell's
   * problem is said once (issue 15). */
  {
    g_autofree char *json = valid_with ("staff", "[{\"staff_name\": \"张伟\", \"role\": \"教学\", \"is_foreign\": true, \"permit_file\": ["
      "{\"name\": \"a.pdf\", \"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"},"
      "{\"name\": \"b.pdf\", \"media_type\": \"application/pdf\", \"size\": 3, \"sha256\": \"" SHA_ZERO "\"}]}]");
    g_autoptr(SbValidationReport) report = validate_with (json, NULL);

    g_assert_nonnull (find_invalid (report, "staff[].permit_file"));
    g_assert_null (find (report, "ET-03", NULL));
    g_assert_null (find (report, "SB-REQUIRED", "staff[].permit_file"));
  }

  /* An area that does not parse does not make ET-01 fire. */
  {
    g_autofree char *json = valid_with ("area", "\"abc\"");
    g_autoptr(SbValidationReport) report = validate_with (json, NULL);

    g_assert_null (find (report, "ET-01", NULL));
  }
}

/* The engine test form has no upper bound; the shipped 耕地 form's plan year
 * (1000–9999) has both. */
static void
test_bounds_in_chinese (void)
{
  struct {
    gint64      year;
    const char *zh;
    const char *en;
  } cases[] = {
    { 12024, "“申请纳入的年度”填写有误：不能大于 9999", "must be at most 9999" },
    { 24, "“申请纳入的年度”填写有误：不能小于 1000", "must be at least 1000" },
  };
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "gengdi", 0);

  g_assert_nonnull (definition);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(SbAnswers) answers = sb_answers_new (definition);
      g_autoptr(JsonNode) year = json_node_new (JSON_NODE_VALUE);
      g_autoptr(SbValidationReport) report = NULL;
      SbFinding *finding;

      json_node_set_int (year, cases[i].year);
      sb_answers_set_field (answers, "plan_year", year);
      report = sb_validate (answers, 0, NULL);
      /* Once, by the year's own message under GD-33 (the catalogue's
       * technical check), not also by a vague "格式不正确" (issue 15). */
      finding = find_invalid (report, "plan_year");
      g_assert_nonnull (finding);
      g_assert_cmpstr (finding->rule_id, ==, "GD-33");
      {
        GPtrArray *findings = sb_validation_report_get_findings (report);

        for (guint f = 0; f < findings->len; f++)
          g_assert_null (strstr (((SbFinding *) g_ptr_array_index (findings, f))->message_zh, "格式不正确"));
      }
      g_assert_nonnull (strstr (finding->message_zh, cases[i].zh));
      g_assert_false (has_english (finding->message_zh, NULL));
      g_assert_nonnull (strstr (finding->message_en, cases[i].en));
    }
}

static void
test_visibility (void)
{
  g_autofree char *joint = valid_with ("kind", "\"联合举办\"");
  g_autofree char *closing = valid_with ("kind", "\"注销\"");
  g_autoptr(SbValidationReport) joint_report = validate_with (joint, NULL);
  g_autoptr(SbValidationReport) closing_report = validate_with (closing, NULL);
  g_autoptr(SbValidationReport) new_report = validate_with (valid_answers, NULL);

  g_assert_nonnull (find (joint_report, "SB-REQUIRED", "joint_file"));
  g_assert_null (find (new_report, "SB-REQUIRED", "joint_file"));
  g_assert_nonnull (find (closing_report, "ET-11", NULL));
  g_assert_null (find (new_report, "ET-11", NULL));

  /* A hidden step's answers are neither validated nor packed. */
  {
    g_autoptr(SbAnswers) answers = answers_from (closing);
    g_autoptr(JsonNode) note = json_node_new (JSON_NODE_VALUE);
    g_autoptr(JsonObject) visible = NULL;
    g_autoptr(JsonObject) all = NULL;
    SbFormDefinition *definition = sb_answers_get_definition (answers);

    json_node_set_string (note, "备注");
    sb_answers_set_field (answers, "note", note);
    g_assert_false (sb_answers_is_visible (answers, sb_form_definition_lookup_field (definition, "note")));
    visible = sb_answers_to_json (answers, TRUE);
    all = sb_answers_to_json (answers, FALSE);
    g_assert_false (json_object_has_member (visible, "note"));
    g_assert_true (json_object_has_member (all, "note"));
  }
}

static void
test_submission_date (void)
{
  g_autoptr(SbValidationReport) in_force = validate_with (valid_answers, "2025-05-21");
  g_autoptr(SbValidationReport) expired = validate_with (valid_answers, "2025-05-22");
  SbFinding *finding;

  g_assert_null (find (in_force, "ET-06", NULL));
  finding = find (expired, "ET-06", "submission_date");
  g_assert_nonnull (finding);
  g_assert_cmpint (finding->severity, ==, SB_SEVERITY_WARNING);
  g_assert_cmpstr (finding->message_zh, ==, "办法已于 2025-05-21 届满。");
}

static void
test_unknown_keys (void)
{
  g_autofree char *json = valid_with ("colour", "\"blue\"");
  g_autoptr(SbValidationReport) report = NULL;
  g_autofree char *row_json = valid_with ("staff", "[{\"staff_name\": \"张伟\", \"role\": \"教学\", \"age\": 30}]");
  g_autoptr(SbValidationReport) row_report = NULL;

  report = validate_with (json, NULL);
  g_assert_nonnull (find (report, "SB-UNKNOWN", NULL));
  g_assert_cmpuint (sb_validation_report_count (report, SB_SEVERITY_ERROR), ==, 0);

  row_report = validate_with (row_json, NULL);
  g_assert_nonnull (strstr (find (row_report, "SB-UNKNOWN", NULL)->message_en, "staff[0].age"));
}

static void
test_computed_and_cells (void)
{
  g_autoptr(SbAnswers) answers = answers_from (valid_answers);
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  SbField *total = sb_form_definition_lookup_field (definition, "total_fees");
  SbField *amount = sb_form_definition_lookup_path (definition, "fees[].amount");
  g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
  g_autofree char *text = NULL;

  text = sb_value_to_display (sb_answers_get_value (answers, total), 2, 2);
  g_assert_cmpstr (text, ==, "9800.00");

  json_node_set_string (value, "100.50");
  sb_answers_set_cell (answers, "fees", 1, "amount", value);
  g_clear_pointer (&text, g_free);
  text = sb_value_to_display (sb_answers_get_cell_value (answers, amount, 1), 2, 2);
  g_assert_cmpstr (text, ==, "100.50");
  g_clear_pointer (&text, g_free);
  text = sb_value_to_display (sb_answers_get_value (answers, total), 2, 2);
  g_assert_cmpstr (text, ==, "4900.50");

  /* An unreadable cell makes the sum unknown, and is reported. */
  json_node_set_string (value, "abc");
  sb_answers_set_cell (answers, "fees", 1, "amount", value);
  g_assert_null (sb_answers_get_value (answers, total));
  g_assert_cmpuint (sb_answers_get_problems (answers)->len, ==, 1);

  sb_answers_remove_row (answers, "fees", 1);
  g_assert_cmpuint (sb_answers_get_row_count (answers, "fees"), ==, 1);
  g_assert_cmpuint (sb_answers_get_problems (answers)->len, ==, 0);

  sb_answers_insert_row (answers, "fees", 0, NULL);
  g_assert_cmpuint (sb_answers_get_row_count (answers, "fees"), ==, 2);
  {
    g_autoptr(SbValidationReport) report = sb_validate (answers, 0, NULL);
    SbFinding *finding = find (report, "SB-REQUIRED", "fees[].fee_name");

    g_assert_nonnull (finding);
    g_assert_cmpint (finding->row, ==, 0);
  }
}

static void
test_round_trip_json (void)
{
  g_autoptr(SbAnswers) answers = answers_from (valid_answers);
  g_autoptr(JsonObject) out = sb_answers_to_json (answers, TRUE);
  g_autoptr(SbAnswers) again = sb_answers_new (sb_answers_get_definition (answers));
  g_autoptr(JsonObject) out_again = NULL;
  g_autoptr(JsonNode) a = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) b = json_node_new (JSON_NODE_OBJECT);

  sb_answers_set_json (again, out);
  out_again = sb_answers_to_json (again, TRUE);
  json_node_set_object (a, out);
  json_node_set_object (b, out_again);
  g_assert_true (json_node_equal (a, b));
  /* Computed values are not stored. */
  g_assert_false (json_object_has_member (out, "total_fees"));
}

/* The complete application of @form with @member (a JSON pointer of one
 * level or three: "/contact_phone", "/out_parcels/0/area_mu") set to
 * @value, validated on its fixture's date. */
static SbValidationReport *
validate_complete_with (const char *form,
                        const char *table,
                        int         row,
                        const char *member,
                        const char *value)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), form, "complete.json", NULL);
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), form, 0);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbAnswers) answers = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  gint32 date = 0;

  g_assert_nonnull (definition);
  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  if (table != NULL)
    object = json_array_get_object_element (json_object_get_array_member (object, table), row);
  json_object_set_string_member (object, member, value);

  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, json_node_get_object (json_parser_get_root (parser)));
  sb_date_parse ("2026-01-05", &date);
  return sb_validate (answers, date, NULL);
}

/* The findings of @report on @field (with @row, or any row when -1). */
static guint
count_on (SbValidationReport *report,
          const char         *field,
          int                 row)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  guint n = 0;

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->field, field) == 0 && (row < 0 || finding->row == row))
        {
          g_test_message ("%s %s[%d]: %s", finding->rule_id, finding->field, finding->row, finding->message_zh);
          n++;
        }
    }
  return n;
}

/* Issue 15: what the shipped forms say about one value that cannot be
 * read, or one check that every form makes the same way. */
static void
test_one_message_per_problem (void)
{
  g_autoptr(SbValidationReport) clean = validate_complete_with ("gengdi", NULL, 0, "applicant_name", "阳泉市城区绿源蔬菜种植专业合作社");
  guint n_clean = sb_validation_report_get_findings (clean)->len;
  const char *bad_areas[] = { "四亩", "约3亩", "3,20" };

  for (guint i = 0; i < G_N_ELEMENTS (bad_areas); i++)
    {
      g_autoptr(SbValidationReport) report = validate_complete_with ("gengdi", "out_parcels", 0, "area_mu", bad_areas[i]);
      GPtrArray *findings = sb_validation_report_get_findings (report);

      /* One finding more than the complete application has: the cell's,
       * with its row and column, and nothing vague besides. */
      g_assert_cmpuint (count_on (report, "out_parcels[].area_mu", 0), ==, 1);
      g_assert_cmpuint (findings->len, ==, n_clean + 1);
      for (guint f = 0; f < findings->len; f++)
        {
          SbFinding *finding = g_ptr_array_index (findings, f);

          g_assert_null (strstr (finding->message_zh, "格式不正确"));
          if (g_strcmp0 (finding->field, "out_parcels[].area_mu") == 0)
            {
              g_assert_cmpint (finding->row, ==, 0);
              g_assert_nonnull (strstr (finding->message_zh, "第 1 行"));
              g_assert_nonnull (strstr (finding->message_zh, "如：3.20"));
            }
        }
    }

  /* The 耕地 applicant's code is checked as 资金's is: the example of the
   * issue has a wrong check character. */
  {
    g_autoptr(SbValidationReport) gengdi = validate_complete_with ("gengdi", NULL, 0, "applicant_id_code", "93140302MA0H8K2P3X");
    g_autoptr(SbValidationReport) zijin = validate_complete_with ("zijin", NULL, 0, "applicant_credit_code", "93140302MA0H8K2P3X");
    SbFinding *in_gengdi = find_invalid (gengdi, "applicant_id_code");
    SbFinding *in_zijin = find_invalid (zijin, "applicant_credit_code");

    g_assert_nonnull (in_gengdi);
    g_assert_nonnull (in_zijin);
    g_assert_nonnull (strstr (in_gengdi->message_zh, "请核对营业执照上的代码"));
    g_assert_nonnull (strstr (in_zijin->message_zh, "请核对营业执照上的代码"));
    /* The right check character (K) is not given away. */
    g_assert_null (strstr (in_zijin->message_zh, "K"));
    g_assert_cmpuint (count_on (zijin, "applicant_credit_code", -1), ==, 1);
  }

  /* Every phone field: 10 digits are not a phone number. */
  {
    const char *forms[] = { "gengdi", "zijin" };

    for (guint i = 0; i < G_N_ELEMENTS (forms); i++)
      {
        g_autoptr(SbValidationReport) short_number = validate_complete_with (forms[i], NULL, 0, "contact_phone", "1393532168");
        g_autoptr(SbValidationReport) landline = validate_complete_with (forms[i], NULL, 0, "contact_phone", "0353-2021688转801");
        g_autoptr(SbValidationReport) mobile = validate_complete_with (forms[i], NULL, 0, "contact_phone", "139 3532 1688");
        SbFinding *finding = find_invalid (short_number, "contact_phone");

        g_assert_nonnull (finding);
        g_assert_nonnull (strstr (finding->message_zh, "11 位手机号码"));
        g_assert_null (find_invalid (landline, "contact_phone"));
        g_assert_null (find_invalid (mobile, "contact_phone"));
      }
  }
}

static void
free_node (gpointer node)
{
  /* NULL stands for an absent answer. */
  if (node != NULL)
    json_node_unref (node);
}

static char *
report_text (SbValidationReport *report)
{
  g_autoptr(JsonNode) node = sb_validation_report_to_json (report);

  return json_to_string (node, TRUE);
}

/* The report of sb_revalidate() after one edit of @changed_id (already
 * made, described by @what) must be the one a full sb_validate() gives,
 * finding for finding; the incremental one is returned. */
static SbValidationReport *
compare_after_edit (SbAnswers          *answers,
                    SbValidationReport *previous,
                    const char         *changed_id,
                    const char         *what,
                    gint32              submission_date,
                    SbCalendar         *calendar,
                    guint              *n_differences)
{
  const char *changed[] = { changed_id, NULL };
  SbValidationReport *incremental;
  g_autoptr(SbValidationReport) full = NULL;
  g_autofree char *incremental_text = NULL;
  g_autofree char *full_text = NULL;

  incremental = sb_revalidate (previous, answers, changed, submission_date, calendar);
  full = sb_validate (answers, submission_date, calendar);
  incremental_text = report_text (incremental);
  full_text = report_text (full);
  if (g_strcmp0 (incremental_text, full_text) != 0)
    {
      g_test_message ("%s: the incremental report differs from the full one:\n%s\n---\n%s", what,
                      incremental_text, full_text);
      (*n_differences)++;
    }
  return incremental;
}

/* What the tests put into every answer: a text that no number, date or
 * option reads, a whole number, an empty text, and no answer. */
static GPtrArray *
realistic_values (void)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (free_node);

  g_ptr_array_add (values, json_node_init_string (json_node_alloc (), "不是数字也不是日期"));
  g_ptr_array_add (values, json_node_init_int (json_node_alloc (), 2));
  g_ptr_array_add (values, json_node_init_string (json_node_alloc (), ""));
  g_ptr_array_add (values, json_node_init_int (json_node_alloc (), 0));
  g_ptr_array_add (values, json_node_init_boolean (json_node_alloc (), TRUE));
  g_ptr_array_add (values, NULL);
  return values;
}

typedef struct
{
  const char *form;
  const char *answers;   /* a fixture of tests/fixtures/FORM/ */
} IncrementalCase;

static SbAnswers *
load_case (const IncrementalCase *test_case,
           gint32                *submission_date)
{
  g_autofree char *name = g_strdup_printf ("%s.json", test_case->answers);
  g_autofree char *expected_name = g_strdup_printf ("%s.expected.json", test_case->answers);
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), test_case->form, name, NULL);
  g_autofree char *expected_path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), test_case->form,
                                                     expected_name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) expected_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), test_case->form, 0);
  SbAnswers *answers;

  g_assert_nonnull (definition);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  /* Without an expected outcome the answers are a draft: not submitted. */
  *submission_date = 0;
  if (json_parser_load_from_file (expected_parser, expected_path, NULL))
    *submission_date = date (json_object_get_string_member (json_node_get_object (json_parser_get_root (expected_parser)),
                                                            "date"));
  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, json_node_get_object (json_parser_get_root (parser)));
  return answers;
}

static const IncrementalCase incremental_cases[] = {
  { "gengdi", "complete" },
  { "kejipeixun", "complete" },
  { "zijin", "complete" },
  { "kejipeixun", "change-address" },
  { "kejipeixun", "change-capital" },
  { "kejipeixun", "change-content" },
  { "kejipeixun", "change-legal-rep" },
  { "kejipeixun", "change-name" },
  { "kejipeixun", "change-other" },
  { "kejipeixun", "change-principal" },
  { "kejipeixun", "deregistration" },
  { "kejipeixun", "reregistration" },
  { "kejipeixun", "small" },
};

/* Makes edits of one kind to @answers (from @test_case, validated as
 * of @submission_date into *@report), each revalidated incrementally and
 * compared with compare_after_edit(); returns how many. */
typedef guint (*EditFunc) (const IncrementalCase *test_case,
                           SbAnswers             *answers,
                           SbValidationReport   **report,
                           GPtrArray             *values,
                           gint32                 submission_date,
                           SbCalendar            *calendar,
                           guint                 *n_differences);

/* Every field: given each of @values, and for a table one row less, then
 * put back. */
static guint
edit_every_field (const IncrementalCase *test_case,
                  SbAnswers             *answers,
                  SbValidationReport   **report,
                  GPtrArray             *base_values,
                  gint32                 submission_date,
                  SbCalendar            *calendar,
                  guint                 *n_differences)
{
  GPtrArray *fields = sb_form_definition_get_fields (sb_answers_get_definition (answers));
  guint n_changes = 0;

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      JsonNode *original = sb_answers_get_field_json (answers, field->id);
      g_autoptr(JsonNode) kept = original != NULL ? json_node_copy (original) : NULL;
      g_autoptr(GPtrArray) values = g_ptr_array_new ();
      g_autoptr(JsonNode) fewer_node = NULL;

      if (field->computed != NULL)
        continue;
      g_ptr_array_extend (values, base_values, NULL, NULL);
      if (field->type == SB_FIELD_TABLE && kept != NULL && JSON_NODE_HOLDS_ARRAY (kept) &&
          json_array_get_length (json_node_get_array (kept)) > 0)
        {
          JsonArray *rows = json_node_get_array (kept);
          JsonArray *fewer = json_array_new ();

          for (guint r = 1; r < json_array_get_length (rows); r++)
            json_array_add_element (fewer, json_node_copy (json_array_get_element (rows, r)));
          fewer_node = json_node_init_array (json_node_alloc (), fewer);
          json_array_unref (fewer);
          g_ptr_array_add (values, fewer_node);
        }
      g_ptr_array_add (values, kept);

      for (guint v = 0; v < values->len; v++)
        {
          g_autofree char *what = g_strdup_printf ("%s/%s: %s, value %u", test_case->form, test_case->answers,
                                                   field->id, v);
          SbValidationReport *next;

          sb_answers_set_field (answers, field->id, g_ptr_array_index (values, v));
          next = compare_after_edit (answers, *report, field->id, what, submission_date, calendar, n_differences);
          sb_validation_report_unref (*report);
          *report = next;
          n_changes++;
        }
    }
  return n_changes;
}

/* Every cell of the first and the last row of every table: given each of
 * @values and put back (sb_answers_set_cell()); then a row added and
 * removed again. */
static guint
edit_every_cell (const IncrementalCase *test_case,
                 SbAnswers             *answers,
                 SbValidationReport   **report,
                 GPtrArray             *values,
                 gint32                 submission_date,
                 SbCalendar            *calendar,
                 guint                 *n_differences)
{
  GPtrArray *fields = sb_form_definition_get_fields (sb_answers_get_definition (answers));
  guint n_changes = 0;

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *table = g_ptr_array_index (fields, i);
      g_autofree char *what = NULL;
      JsonNode *node, *first;
      SbValidationReport *next;
      guint n_rows;

      if (table->type != SB_FIELD_TABLE)
        continue;
      n_rows = sb_answers_get_row_count (answers, table->id);

      for (guint r = 0; r < n_rows; r += MAX (n_rows - 1, 1))
        for (guint c = 0; c < table->columns->len; c++)
          {
            SbField *column = g_ptr_array_index (table->columns, c);
            JsonArray *rows = json_node_get_array (sb_answers_get_field_json (answers, table->id));
            JsonNode *row = json_array_get_element (rows, r);
            JsonNode *original;
            g_autoptr(JsonNode) kept = NULL;

            if (column->computed != NULL || !JSON_NODE_HOLDS_OBJECT (row))
              continue;
            original = json_object_get_member (json_node_get_object (row), column->id);
            kept = original != NULL ? json_node_copy (original) : NULL;

            for (guint v = 0; v <= values->len; v++)
              {
                JsonNode *value = v < values->len ? g_ptr_array_index (values, v) : kept;
                g_autofree char *cell = g_strdup_printf ("%s/%s: %s[%u].%s, value %u", test_case->form,
                                                         test_case->answers, table->id, r, column->id, v);

                sb_answers_set_cell (answers, table->id, r, column->id, value);
                next = compare_after_edit (answers, *report, table->id, cell, submission_date, calendar, n_differences);
                sb_validation_report_unref (*report);
                *report = next;
                n_changes++;
              }
          }

      /* A row more (a copy of the first, or an empty one), then not. */
      what = g_strdup_printf ("%s/%s: a row added to %s", test_case->form, test_case->answers, table->id);
      node = sb_answers_get_field_json (answers, table->id);
      first = n_rows > 0 ? json_array_get_element (json_node_get_array (node), 0) : NULL;
      sb_answers_insert_row (answers, table->id, n_rows,
                             first != NULL && JSON_NODE_HOLDS_OBJECT (first) ? json_node_get_object (first) : NULL);
      next = compare_after_edit (answers, *report, table->id, what, submission_date, calendar, n_differences);
      sb_validation_report_unref (*report);
      *report = next;
      sb_answers_remove_row (answers, table->id, n_rows);
      next = compare_after_edit (answers, *report, table->id, what, submission_date, calendar, n_differences);
      sb_validation_report_unref (*report);
      *report = next;
      n_changes += 2;
    }
  return n_changes;
}

/* @edit on each of incremental_cases: after each edit the incremental
 * report equals the full one, finding for finding. */
static void
check_incremental (EditFunc    edit,
                   guint       min_changes,
                   const char *what)
{
  SbCalendar *calendar = sb_calendar_get_default (NULL);
  guint n_differences = 0, n_changes = 0;

  for (gsize k = 0; k < G_N_ELEMENTS (incremental_cases); k++)
    {
      gint32 submission_date;
      g_autoptr(SbAnswers) answers = load_case (&incremental_cases[k], &submission_date);
      g_autoptr(SbValidationReport) report = sb_validate (answers, submission_date, calendar);
      g_autoptr(GPtrArray) values = realistic_values ();

      n_changes += edit (&incremental_cases[k], answers, &report, values, submission_date, calendar, &n_differences);
    }

  g_test_message ("%u %s, %u incremental reports differ from the full ones", n_changes, what, n_differences);
  g_assert_cmpuint (n_changes, >, min_changes);
  g_assert_cmpuint (n_differences, ==, 0);
}

static void
test_incremental (void)
{
  check_incremental (edit_every_field, 2000, "changes");
}

static void
test_incremental_cells (void)
{
  check_incremental (edit_every_cell, 1000, "cell and row edits");
}

/* The engine test form with a field that a visibility hides and a rule
 * that reads only that field, and a rule that reads only a computed
 * value: neither rule names what decides it (kind; the fees). */
static SbFormDefinition *
load_dependents_definition (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  g_autofree char *path = g_build_filename (dir, "engine-test.json", NULL);
  g_autoptr(GFile) base_dir = g_file_new_for_path (dir);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) additions = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  JsonObject *root, *added;
  JsonArray *steps, *rules;
  char *text;
  SbFormDefinition *definition;

  g_assert_true (json_parser_load_from_file (parser, path, &error));
  json_parser_load_from_data (additions,
    "{\"field\": {\"id\": \"joint_share\", \"type\": \"decimal\", \"scale\": 2,"
    "  \"label\": {\"zh_CN\": \"合作方出资\", \"en\": \"Partner's share\"}, \"visible_when\": \"kind == '联合举办'\"},"
    " \"rules\": ["
    "  {\"id\": \"ET-20\", \"severity\": \"warning\", \"when\": \"joint_share > 10\","
    "   \"message\": {\"zh_CN\": \"合作方出资较多。\", \"en\": \"A large share.\"}, \"fields\": [\"joint_share\"],"
    "   \"citation\": {\"document\": \"《测试办法》\", \"article\": \"第十一条\", \"text\": \"出资。\"}},"
    "  {\"id\": \"ET-21\", \"severity\": \"warning\", \"when\": \"total_fees > 10000\","
    "   \"message\": {\"zh_CN\": \"收费合计超过一万元。\", \"en\": \"Fees over 10,000.\"}, \"fields\": [\"fees\"],"
    "   \"citation\": {\"document\": \"《测试办法》\", \"article\": \"第十二条\", \"text\": \"收费。\"}}]}",
    -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  added = json_node_get_object (json_parser_get_root (additions));
  json_array_add_element (json_object_get_array_member (root, "fields"),
                          json_node_copy (json_object_get_member (added, "field")));
  steps = json_object_get_array_member (root, "steps");
  json_array_add_string_element (json_object_get_array_member (json_array_get_object_element (steps, 0), "fields"),
                                 "joint_share");
  rules = json_object_get_array_member (added, "rules");
  for (guint i = 0; i < json_array_get_length (rules); i++)
    json_array_add_element (json_object_get_array_member (root, "rules"),
                            json_node_copy (json_array_get_element (rules, i)));

  text = json_to_string (json_parser_get_root (parser), FALSE);
  bytes = g_bytes_new_take (text, strlen (text));
  definition = sb_form_definition_new_from_bytes (bytes, "engine-test.json with dependents", base_dir, &error);
  g_assert_no_error (error);
  return definition;
}

/* A rule is evaluated again when what it reads is hidden or shown by an
 * edit, or when a computed value it reads follows from one: the
 * dependencies of a rule on fields go through visibility and computed
 * values (a dependency missed here gives the previous outcome). */
static void
test_incremental_dependents (void)
{
  g_autoptr(SbFormDefinition) definition = load_dependents_definition ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autoptr(SbValidationReport) report = NULL;
  g_autoptr(JsonNode) kind = NULL;
  g_autoptr(JsonNode) amount = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;
  guint n_differences = 0;
  SbValidationReport *next;

  json_parser_load_from_data (parser, valid_answers, -1, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (object, "kind", "联合举办");
  json_object_set_string_member (object, "joint_share", "20");
  sb_answers_set_json (answers, object);
  report = sb_validate (answers, 0, NULL);
  g_assert_nonnull (find (report, "ET-20", NULL));
  g_assert_null (find (report, "ET-21", NULL));

  /* Hiding the share: its rule no longer fires. */
  kind = json_node_init_string (json_node_alloc (), "新设立");
  sb_answers_set_field (answers, "kind", kind);
  next = compare_after_edit (answers, report, "kind", "kind hides joint_share", 0, NULL, &n_differences);
  g_clear_pointer (&report, sb_validation_report_unref);
  report = next;
  g_assert_null (find (report, "ET-20", NULL));

  /* A fee that brings the computed total over the limit. */
  amount = json_node_init_string (json_node_alloc (), "6000.00");
  sb_answers_set_cell (answers, "fees", 1, "amount", amount);
  next = compare_after_edit (answers, report, "fees", "a fee raises total_fees", 0, NULL, &n_differences);
  g_clear_pointer (&report, sb_validation_report_unref);
  report = next;
  g_assert_nonnull (find (report, "ET-21", NULL));

  g_assert_cmpuint (n_differences, ==, 0);
}

/* An edit whose report was never made (a cell typed in, say), then one
 * of another field: revalidating after the second from the report before
 * the first cannot take the rules' outcomes, and does not. */
static void
test_incremental_missed_edit (void)
{
  const IncrementalCase test_case = { "kejipeixun", "complete" };
  SbCalendar *calendar = sb_calendar_get_default (NULL);
  gint32 submission_date;
  g_autoptr(SbAnswers) answers = load_case (&test_case, &submission_date);
  g_autoptr(GPtrArray) values = realistic_values ();
  GPtrArray *fields = sb_form_definition_get_fields (sb_answers_get_definition (answers));
  JsonNode *unrelated = sb_answers_get_field_json (answers, "party_building_desc");
  g_autoptr(JsonNode) kept_answer = json_node_copy (unrelated);
  guint n_differences = 0, n_changes = 0;

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *table = g_ptr_array_index (fields, i);

      if (table->type != SB_FIELD_TABLE || sb_answers_get_row_count (answers, table->id) == 0)
        continue;
      for (guint c = 0; c < table->columns->len; c++)
        for (guint v = 0; v < values->len; v++)
          {
            SbField *column = g_ptr_array_index (table->columns, c);
            g_autofree char *what = g_strdup_printf ("%s[0].%s given value %u unchecked, then party_building_desc",
                                                     table->id, column->id, v);
            g_autoptr(SbValidationReport) before = NULL;
            g_autoptr(SbValidationReport) after = NULL;
            g_autoptr(JsonObject) kept = sb_answers_to_json (answers, FALSE);

            if (column->computed != NULL)
              continue;
            before = sb_validate (answers, submission_date, calendar);
            sb_answers_set_cell (answers, table->id, 0, column->id, g_ptr_array_index (values, v));
            sb_answers_set_field (answers, "party_building_desc", kept_answer);
            after = compare_after_edit (answers, before, "party_building_desc", what, submission_date, calendar,
                                        &n_differences);
            sb_answers_set_json (answers, kept);
            n_changes++;
          }
    }

  g_assert_cmpuint (n_changes, >, 20);
  g_assert_cmpuint (n_differences, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validator/valid", test_valid);
  g_test_add_func ("/validator/empty-draft", test_empty_draft);
  g_test_add_func ("/validator/exact-boundary", test_exact_boundary);
  g_test_add_func ("/validator/rows", test_rows);
  g_test_add_func ("/validator/fee-row-boundary", test_fee_row_boundary);
  g_test_add_func ("/validator/has-english", test_has_english);
  g_test_add_func ("/validator/invalid-answers", test_invalid_answers);
  g_test_add_func ("/validator/bounds-in-chinese", test_bounds_in_chinese);
  g_test_add_func ("/validator/one-message-per-problem", test_one_message_per_problem);
  g_test_add_func ("/validator/visibility", test_visibility);
  g_test_add_func ("/validator/submission-date", test_submission_date);
  g_test_add_func ("/validator/unknown-keys", test_unknown_keys);
  g_test_add_func ("/validator/computed-and-cells", test_computed_and_cells);
  g_test_add_func ("/validator/round-trip-json", test_round_trip_json);
  g_test_add_func ("/validator/incremental", test_incremental);
  g_test_add_func ("/validator/incremental-cells", test_incremental_cells);
  g_test_add_func ("/validator/incremental-missed-edit", test_incremental_missed_edit);
  g_test_add_func ("/validator/incremental-dependents", test_incremental_dependents);

  return g_test_run ();
}
