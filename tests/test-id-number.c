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

static void
test_resident_id (void)
{
  g_autofree char *yangquan = make_resident_id ("14030219750612041");
  g_autofree char *leap = make_resident_id ("14030220000229002");
  g_autofree char *reason = NULL;
  gint32 birth = 0, expected = 0;

  /* The standard's own example. */
  g_assert_true (sb_resident_id_check ("11010519491231002X", &birth, NULL));
  sb_date_parse ("1949-12-31", &expected);
  g_assert_cmpint (birth, ==, expected);

  g_assert_true (sb_resident_id_check (yangquan, NULL, NULL));
  g_assert_true (sb_resident_id_check (leap, NULL, NULL));

  g_assert_false (sb_resident_id_check ("110105194912310021", NULL, &reason));
  g_assert_nonnull (strstr (reason, "should be X"));
  g_clear_pointer (&reason, g_free);

  g_assert_false (sb_resident_id_check ("14030220010229002X", NULL, &reason));
  g_assert_nonnull (strstr (reason, "20010229"));
  g_clear_pointer (&reason, g_free);

  g_assert_false (sb_resident_id_check ("1401", NULL, &reason));
  g_assert_nonnull (strstr (reason, "18"));
  g_clear_pointer (&reason, g_free);

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
  g_autofree char *reason = NULL;

  g_assert_true (sb_credit_code_check (company, NULL));
  g_assert_true (sb_credit_code_check (institution, NULL));

  changed = g_strdup (company);
  changed[10] = changed[10] == 'K' ? 'M' : 'K';
  g_assert_false (sb_credit_code_check (changed, &reason));
  g_assert_nonnull (strstr (reason, "check character"));
  g_clear_pointer (&reason, g_free);

  /* I, O, S, V, Z never appear. */
  g_assert_false (sb_credit_code_check ("91140302MA0I12345X", &reason));
  g_assert_nonnull (strstr (reason, "not allowed"));
  g_clear_pointer (&reason, g_free);

  g_assert_false (sb_credit_code_check ("9114030", &reason));
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
