/* test-id-number.c — 居民身份证号 (GB 11643) and 统一社会信用代码 (GB 32100)
 *
 * Valid numbers are made here with a second, independent computation of
 * the check characters, so the test does not trust the code it tests.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sb-date.h"
#include "sb-id-number.h"

static char *
make_resident_id (const char *first17)
{
  int weights[17], sum = 0;

  /* W(i) = 2^(17-i) mod 11 */
  for (int i = 0; i < 17; i++)
    weights[i] = (1 << (17 - i)) % 11;
  for (int i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];
  return g_strdup_printf ("%s%c", first17, "10X98765432"[sum % 11]);
}

static char *
make_credit_code (const char *first17)
{
  const char *alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  int sum = 0, weight = 1;

  /* W(i) = 3^(i-1) mod 31 */
  for (int i = 0; i < 17; i++)
    {
      sum += (int) (strchr (alphabet, first17[i]) - alphabet) * weight;
      weight = weight * 3 % 31;
    }
  return g_strdup_printf ("%s%c", first17, alphabet[(31 - sum % 31) % 31]);
}

/* Each reason is checked in both languages: the Chinese one is what the
 * applicant reads under the field (issue 6). */
static void
expect_reason (const char   *number,
               gboolean      resident,
               const char   *zh_needle,
               const char   *en_needle)
{
  SbText reason = { NULL, NULL };
  gboolean ok = resident ? sb_resident_id_check (number, NULL, &reason)
                         : sb_credit_code_check (number, &reason);

  if (ok)
    g_error ("%s was accepted", number);
  g_assert_nonnull (reason.zh_CN);
  g_assert_nonnull (reason.en);
  g_assert_true (g_utf8_validate (reason.zh_CN, -1, NULL));
  g_assert_true (g_utf8_validate (reason.en, -1, NULL));
  if (strstr (reason.zh_CN, zh_needle) == NULL)
    g_error ("%s: expected “%s” in: %s", number, zh_needle, reason.zh_CN);
  if (strstr (reason.en, en_needle) == NULL)
    g_error ("%s: expected “%s” in: %s", number, en_needle, reason.en);
  sb_text_clear (&reason);
}

static void
test_resident_id (void)
{
  g_autofree char *yangquan = make_resident_id ("14030219750612041");
  g_autofree char *leap = make_resident_id ("14030220000229002");
  gint32 birth = 0, expected = 0;

  /* The standard's own example. */
  g_assert_true (sb_resident_id_check ("11010519491231002X", &birth, NULL));
  sb_date_parse ("1949-12-31", &expected);
  g_assert_cmpint (birth, ==, expected);

  g_assert_true (sb_resident_id_check (yangquan, NULL, NULL));
  g_assert_true (sb_resident_id_check (leap, NULL, NULL));

  /* The right check character is never named (issue 15): it would turn a
   * typo into somebody else's number. */
  expect_reason ("110105194912310021", TRUE, "号码有误，请核对身份证上的号码", "compare it with the ID card");
  {
    SbText reason = { NULL, NULL };

    g_assert_false (sb_resident_id_check ("110105194912310021", NULL, &reason));
    g_assert_null (strchr (reason.zh_CN, 'X'));
    g_assert_null (strchr (reason.en, 'X'));
    sb_text_clear (&reason);
  }
  expect_reason ("14030220010229002X", TRUE, "出生日期 20010229 不存在", "20010229 is not a real date");
  expect_reason ("1401", TRUE, "应为 18 位（现为 4 位），请核对身份证上的号码", "18 characters (it has 4)");
  /* 17 digits and a Chinese character: 18 characters, not 18 digits. */
  expect_reason ("14030219750612041张", TRUE, "只能是数字和最后一位的 X", "only digits");
  expect_reason ("94030219750612041X", TRUE, "地区代码 940302 不存在", "region code 940302");
  expect_reason ("14030219750612041A", TRUE, "最后一位应为数字或 X", "a digit or X");
  expect_reason ("1403021975061204AX", TRUE, "前 17 位应为数字", "should be digits");
  /* Six Chinese characters are 18 bytes, not 18 digits. */
  expect_reason ("张三李四王五", TRUE, "前 17 位应为数字", "should be digits");

  g_assert_false (sb_resident_id_check ("94030219750612041X", NULL, NULL));
  g_assert_false (sb_resident_id_check ("14030219750612041A", NULL, NULL));
  g_assert_false (sb_resident_id_check (NULL, NULL, NULL));
}

static void
test_credit_code (void)
{
  g_autofree char *company = make_credit_code ("91140302MA0K12345");
  g_autofree char *institution = make_credit_code ("12140300MB1234567");
  g_autofree char *changed = NULL;
  g_autofree char *zh_needle = NULL;

  g_assert_true (sb_credit_code_check (company, NULL));
  g_assert_true (sb_credit_code_check (institution, NULL));

  changed = g_strdup (company);
  changed[10] = changed[10] == 'K' ? 'M' : 'K';
  expect_reason (changed, FALSE, "代码有误，请核对营业执照上的代码", "compare it with the business licence");
  {
    SbText reason = { NULL, NULL };
    static const char alphabet[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /* No character of the alphabet is named: not the right one. */
    g_assert_false (sb_credit_code_check (changed, &reason));
    for (const char *p = alphabet; *p; p++)
      g_assert_null (strchr (reason.zh_CN, *p));
    sb_text_clear (&reason);
  }
  zh_needle = g_strdup ("营业执照");
  expect_reason (changed, FALSE, zh_needle, "licence");

  /* I, O, S, V, Z never appear. */
  expect_reason ("91140302MA0I12345X", FALSE, "第 12 位“I”不是允许的字符", "not allowed");
  /* A Chinese character is named whole, not by its first byte. */
  expect_reason ("91140302MA0测1234", FALSE, "第 12 位“测”不是允许的字符", "character 12 (“测”)");
  expect_reason ("B1140302MA0K12345X", FALSE, "第 1 位“B”不是登记管理部门代码", "registering authority");
  expect_reason ("9114A302MA0K12345X", FALSE, "第 3 至 8 位应为数字", "region code");
  expect_reason ("9114030", FALSE, "应为 18 位（现为 7 位）", "18 characters (it has 7)");
  g_assert_false (sb_credit_code_check (NULL, NULL));
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/id-number/resident-id", test_resident_id);
  g_test_add_func ("/id-number/credit-code", test_credit_code);

  return g_test_run ();
}
