/* test-expression.c — the expression language: syntax, types, semantics
 *
 * A small scope of its own: fields of every type and a table of sessions,
 * so each case reads like the rule it stands for.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sb-date.h"
#include "sb-expression.h"

/* Fields */
enum {
  F_AREA,        /* number m² = 100.00 */
  F_TEACHING,    /* number m² = 66.67 */
  F_FEE,         /* number 元 = 5000.01 */
  F_BLANK,       /* number 元, not answered */
  F_KIND,        /* choice = 营利性 */
  F_NAME,        /* text */
  F_DOMAINS,     /* multichoice */
  F_PLEDGE,      /* bool = true */
  F_UNANSWERED,  /* bool, not answered */
  F_START,       /* date 2024-02-29 */
  F_END_TIME,    /* time 20:31 */
  F_FILES,       /* files, none */
  F_SESSIONS,    /* table */
  N_FIELDS
};

/* Columns of sessions */
enum { C_DAY, C_FROM, C_TO, C_STUDENTS, C_LAB, N_COLUMNS };

static const char *kind_choices[] = { "营利性", "非营利性", NULL };
static const char *domain_choices[] = { "科学实验", "编程", "机器人", NULL };

typedef struct
{
  SbValue *fields[N_FIELDS];
  SbValue *cells[8][N_COLUMNS];
  guint    n_rows;
  GArray  *witnesses;
} Scope;

static Scope scope_data;

static gboolean
resolve (gpointer    data,
         const char *name,
         SbSymbol   *symbol)
{
  static const struct { const char *name; SbTypeKind kind; const char *unit; const char * const *choices; } fields[] = {
    [F_AREA] = { "area", SB_TYPE_NUMBER, "m²", NULL },
    [F_TEACHING] = { "teaching", SB_TYPE_NUMBER, "m²", NULL },
    [F_FEE] = { "fee", SB_TYPE_NUMBER, "元", NULL },
    [F_BLANK] = { "blank", SB_TYPE_NUMBER, "元", NULL },
    [F_KIND] = { "kind", SB_TYPE_TEXT, NULL, kind_choices },
    [F_NAME] = { "name", SB_TYPE_TEXT, NULL, NULL },
    [F_DOMAINS] = { "domains", SB_TYPE_LIST, NULL, domain_choices },
    [F_PLEDGE] = { "pledge", SB_TYPE_BOOL, NULL, NULL },
    [F_UNANSWERED] = { "unanswered", SB_TYPE_BOOL, NULL, NULL },
    [F_START] = { "start", SB_TYPE_DATE, NULL, NULL },
    [F_END_TIME] = { "end_time", SB_TYPE_TIME, NULL, NULL },
    [F_FILES] = { "files", SB_TYPE_FILES, NULL, NULL },
    [F_SESSIONS] = { "sessions", SB_TYPE_TABLE, NULL, NULL },
  };

  memset (symbol, 0, sizeof *symbol);

  if (g_str_equal (name, "LIMIT"))
    {
      static SbValue *limit;

      if (limit == NULL)
        limit = sb_value_new_int (5000);
      symbol->type.kind = SB_TYPE_NUMBER;
      symbol->type.unit = "元";
      symbol->constant = limit;
      return TRUE;
    }

  for (guint i = 0; i < N_FIELDS; i++)
    if (g_str_equal (fields[i].name, name))
      {
        symbol->id = i;
        symbol->type.kind = fields[i].kind;
        symbol->type.unit = fields[i].unit;
        symbol->type.choices = fields[i].choices;
        if (fields[i].kind == SB_TYPE_LIST)
          symbol->type.element = SB_TYPE_TEXT;
        symbol->type.table_id = i;
        return TRUE;
      }

  return FALSE;
}

static gboolean
resolve_column (gpointer    data,
                guint       table_id,
                const char *column,
                SbSymbol   *symbol)
{
  static const struct { const char *name; SbTypeKind kind; const char *unit; } columns[] = {
    [C_DAY] = { "day", SB_TYPE_NUMBER, NULL },
    [C_FROM] = { "from", SB_TYPE_TIME, NULL },
    [C_TO] = { "to", SB_TYPE_TIME, NULL },
    [C_STUDENTS] = { "students", SB_TYPE_NUMBER, "人" },
    [C_LAB] = { "lab", SB_TYPE_BOOL, NULL },
  };

  memset (symbol, 0, sizeof *symbol);
  if (table_id != F_SESSIONS)
    return FALSE;

  for (guint i = 0; i < N_COLUMNS; i++)
    if (g_str_equal (columns[i].name, column))
      {
        symbol->id = i;
        symbol->type.kind = columns[i].kind;
        symbol->type.unit = columns[i].unit;
        return TRUE;
      }
  return FALSE;
}

static SbValue *
scope_field (gpointer data,
             guint    field_id)
{
  return field_id < N_FIELDS ? scope_data.fields[field_id] : NULL;
}

static guint
scope_row_count (gpointer data,
                 guint    table_id)
{
  return table_id == F_SESSIONS ? scope_data.n_rows : 0;
}

static SbValue *
scope_cell (gpointer data,
            guint    table_id,
            guint    row,
            guint    column)
{
  return row < scope_data.n_rows ? scope_data.cells[row][column] : NULL;
}

static gboolean
scope_is_invalid (gpointer data,
                  guint    field_id)
{
  return field_id == F_NAME;
}

static void
scope_witness (gpointer data,
               guint    table_id,
               guint    row)
{
  g_array_append_val (scope_data.witnesses, row);
}

static SbValue *
decimal (const char *text)
{
  mpq_t q;
  SbValue *value;

  mpq_init (q);
  g_assert_true (sb_decimal_parse (text, q));
  value = sb_value_new_number (q);
  mpq_clear (q);
  return value;
}

static SbValue *
time_value (const char *text)
{
  int minutes;

  g_assert_true (sb_time_parse (text, &minutes));
  return sb_value_new_time (minutes);
}

static void
add_session (int         day,
             const char *from,
             const char *to,
             int         students,
             gboolean    lab)
{
  guint r = scope_data.n_rows++;

  scope_data.cells[r][C_DAY] = sb_value_new_int (day);
  scope_data.cells[r][C_FROM] = time_value (from);
  scope_data.cells[r][C_TO] = time_value (to);
  scope_data.cells[r][C_STUDENTS] = sb_value_new_int (students);
  scope_data.cells[r][C_LAB] = sb_value_new_bool (lab);
}

static void
setup_scope (void)
{
  gint32 start;
  g_autoptr(GPtrArray) domains = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref);

  scope_data.fields[F_AREA] = decimal ("100.00");
  scope_data.fields[F_TEACHING] = decimal ("66.67");
  scope_data.fields[F_FEE] = decimal ("5000.01");
  scope_data.fields[F_KIND] = sb_value_new_text ("营利性");
  scope_data.fields[F_NAME] = sb_value_new_text ("中国科技培训中心");
  g_ptr_array_add (domains, sb_value_new_text ("科学实验"));
  g_ptr_array_add (domains, sb_value_new_text ("编程"));
  scope_data.fields[F_DOMAINS] = sb_value_new_list (g_steal_pointer (&domains));
  scope_data.fields[F_PLEDGE] = sb_value_new_bool (TRUE);
  sb_date_parse ("2024-02-29", &start);
  scope_data.fields[F_START] = sb_value_new_date (start);
  scope_data.fields[F_END_TIME] = time_value ("20:31");
  scope_data.fields[F_FILES] = sb_value_new_files (NULL, 0);

  /* Monday: 8:00–9:00 and 9:00–10:00 do not overlap; 18:00–20:00 and
   * 19:00–20:30 do.  Tuesday: a lab session alone. */
  add_session (1, "08:00", "09:00", 20, FALSE);
  add_session (1, "09:00", "10:00", 25, FALSE);
  add_session (1, "18:00", "20:00", 12, FALSE);
  add_session (1, "19:00", "20:30", 10, TRUE);
  add_session (2, "19:00", "20:00", 30, FALSE);
  add_session (2, "19:30", "20:00", 6, TRUE);

  scope_data.witnesses = g_array_new (FALSE, FALSE, sizeof (guint));
}

static const SbSymbolResolver resolver = { resolve, resolve_column, NULL };

static SbValue *
eval_with (const char *source,
           gboolean    witnesses)
{
  g_autoptr(SbExpression) expression = NULL;
  g_autoptr(GError) error = NULL;
  SbEvalScope scope = {
    .field = scope_field, .row_count = scope_row_count, .cell = scope_cell,
    .is_invalid = scope_is_invalid, .witness = witnesses ? scope_witness : NULL,
  };

  expression = sb_expression_parse (source, &error);
  g_assert_no_error (error);
  if (!sb_expression_check (expression, &resolver, SB_TYPE_ANY, &error))
    g_error ("%s: %s", source, error->message);
  return sb_expression_evaluate (expression, &scope);
}

static SbValue *
eval (const char *source)
{
  return eval_with (source, FALSE);
}

/* "true", "false", "null", or the displayed value */
static char *
eval_text (const char *source)
{
  g_autoptr(SbValue) value = eval (source);

  if (sb_value_is_null (value))
    return g_strdup ("null");
  if (sb_value_get_kind (value) == SB_VALUE_BOOL)
    return g_strdup (sb_value_get_bool (value) ? "true" : "false");
  return sb_value_to_display (value, 0, 6);
}

static void
expect (const char *source,
        const char *expected)
{
  g_autofree char *actual = eval_text (source);

  if (g_strcmp0 (actual, expected) != 0)
    g_error ("%s: expected %s, got %s", source, expected, actual);
}

static void
expect_error (const char *source,
              int         code,
              const char *needle)
{
  g_autoptr(SbExpression) expression = NULL;
  g_autoptr(GError) error = NULL;

  expression = sb_expression_parse (source, &error);
  if (expression != NULL)
    sb_expression_check (expression, &resolver, SB_TYPE_ANY, &error);
  if (error == NULL)
    g_error ("%s: expected an error", source);
  g_assert_error (error, SB_EXPRESSION_ERROR, code);
  if (strstr (error->message, needle) == NULL)
    g_error ("%s: expected “%s” in: %s", source, needle, error->message);
}

static void
test_exact_arithmetic (void)
{
  expect ("66.67 >= 100 * 2 / 3", "true");
  expect ("66.66 >= 100 * 2 / 3", "false");
  expect ("1234567.10 + 0.20 == 1234567.30", "true");
  expect ("0.1 + 0.2 == 0.3", "true");
  expect ("teaching >= area * 2 / 3", "true");
  expect ("1 / 3 * 3 == 1", "true");
  expect ("area * 2 / 3", "66.666667");
  expect ("fee > LIMIT", "true");
  expect ("5000.00 > LIMIT", "false");
  expect ("-3 + 1", "-2");
  expect ("1 / 0", "null");
  expect ("50_000_000 == 50000000", "true");
}

static void
test_three_valued_logic (void)
{
  const char *values[] = { "true", "false", "unanswered" };
  const char *and_table[3][3] = {
    { "true", "false", "null" },
    { "false", "false", "false" },
    { "null", "false", "null" },
  };
  const char *or_table[3][3] = {
    { "true", "true", "true" },
    { "true", "false", "null" },
    { "true", "null", "null" },
  };

  for (guint a = 0; a < 3; a++)
    for (guint b = 0; b < 3; b++)
      {
        g_autofree char *and_source = g_strdup_printf ("%s and %s", values[a], values[b]);
        g_autofree char *or_source = g_strdup_printf ("%s or %s", values[a], values[b]);

        expect (and_source, and_table[a][b]);
        expect (or_source, or_table[a][b]);
      }

  expect ("not unanswered", "null");
  expect ("unanswered != true", "null");
  expect ("pledge != true", "false");
  expect ("blank > 0", "null");
  expect ("not (blank > 0)", "null");
  expect ("blank + 1", "null");
  expect ("is_blank(blank)", "true");
  expect ("is_blank(files)", "true");
  expect ("is_blank(sessions)", "false");
  expect ("if unanswered then 1 else 2", "null");
  expect ("if pledge then 1 else 2", "1");
}

static void
test_text_and_lists (void)
{
  expect ("kind == '营利性'", "true");
  expect ("'科学实验' in domains", "true");
  expect ("'机器人' not in domains", "true");
  expect ("'科技' in name", "true");
  expect ("starts_with(name, '中国')", "true");
  expect ("starts_with_any(name, ['全国', '中国'])", "true");
  expect ("contains_any(name, ['学校', '大学'])", "false");
  expect ("matches(name, '^中国.*中心$')", "true");
  expect ("replace(name, '中国', '')", "科技培训中心");
  /* Phrases out, in the list's order, before a keyword search. */
  expect ("replace_any('化学科普、非学科类培训', ['非学科类', '科普'], ' ')", "化学 、 培训");
  expect ("contains_any(replace_any('中小学科技培训', ['科技'], ' '), ['学科'])", "false");
  expect ("replace_any(name, [], '')", "中国科技培训中心");
  expect ("replace_any(name, ['', '中国'], '')", "科技培训中心");
  expect ("replace_any(null, ['a'], '')", "null");
  expect ("len(name)", "8");
  expect ("count(split('张三，李四、王五; '))", "3");
  expect ("subset(['编程'], domains)", "true");
  expect ("subset(['编程', '机器人'], domains)", "false");
  expect ("'a' + 'b' == 'ab'", "true");
  expect ("is_invalid(name)", "true");
  expect ("is_invalid(area)", "false");
}

static void
test_tables (void)
{
  expect ("count(sessions)", "6");
  expect ("count(s in sessions: s.lab)", "2");
  expect ("sum(sessions.students)", "103");
  expect ("sum(s in sessions: s.students)", "103");
  expect ("max(sessions.students)", "30");
  expect ("min(s in sessions: s.from)", "08:00");
  expect ("any(s in sessions: s.to > time('20:00'))", "true");
  expect ("all(s in sessions: s.students > 5)", "true");
  expect ("3 in sessions.day", "false");
  /* Students present at once, per weekday: Monday 12 + 10 = 22 at
   * 19:00–20:00 (8–9 and 9–10 do not overlap: 25 alone); Tuesday 36. */
  expect ("peak_sum(s in sessions: s.day, s.from, s.to, s.students)", "36");
  expect ("peak_sum(s in sessions: s.day, s.from, s.to, s.students, s.lab)", "36");
  expect ("peak_sum(s in sessions: s.day, s.from, s.to, s.students, s.day == 1 and s.lab)", "22");
  /* No instant qualifies: nobody is present. */
  expect ("peak_sum(s in sessions: 1, s.from, s.to, s.students, false)", "0");
}

static void
test_witnesses (void)
{
  g_autoptr(SbValue) fired = NULL;
  g_autoptr(SbValue) negated = NULL;

  g_array_set_size (scope_data.witnesses, 0);
  fired = eval_with ("any(s in sessions: s.students >= 25)", TRUE);
  g_assert_true (sb_value_get_bool (fired));
  g_assert_cmpuint (scope_data.witnesses->len, ==, 2);
  g_assert_cmpuint (g_array_index (scope_data.witnesses, guint, 0), ==, 1);
  g_assert_cmpuint (g_array_index (scope_data.witnesses, guint, 1), ==, 4);

  /* Under `not`, rows that make any() true do not point at a problem. */
  g_array_set_size (scope_data.witnesses, 0);
  negated = eval_with ("not any(s in sessions: s.students > 100)", TRUE);
  g_assert_true (sb_value_get_bool (negated));
  g_assert_cmpuint (scope_data.witnesses->len, ==, 0);
}

static void
test_dates (void)
{
  expect ("add_years(start, 1)", "2025-02-28");
  expect ("add_months(date('2024-01-31'), 1)", "2024-02-29");
  expect ("add_days(start, 1)", "2024-03-01");
  expect ("years_between(date('1954-03-15'), date('2024-03-15'))", "70");
  expect ("age_on(date('1954-03-15'), date('2024-03-14'))", "69");
  expect ("age_on(date('1954-03-16'), date('2024-03-15')) > 70", "false");
  expect ("year(start) == 2024 and month(start) == 2 and day(start) == 29", "true");
  expect ("weekday(date('2024-03-15'))", "5");
  expect ("end_time > time('20:30')", "true");
  expect ("end_time > time(20, 31)", "false");
  expect ("overlaps(time('08:00'), time('09:00'), time('09:00'), time('10:00'))", "false");
  expect ("overlaps(time('08:00'), time('09:01'), time('09:00'), time('10:00'))", "true");
  expect ("date(2023, 2, 29)", "null");
  /* Found by fuzzing: a null literal where a text is expected. */
  expect ("date(null)", "null");
  expect ("time(null)", "null");
  expect ("covered_days(s in [1]: date('2020-01-01'), date('2020-01-10'))", "10");
  /* Overlapping intervals count once; a flag leaves rows out. */
  expect ("covered_days(s in [1, 2, 3]: date(2020, 1, s), date(2020, 1, s + 5))", "8");
  expect ("covered_days(s in [1, 2, 3]: date(2020, 1, s * 10), date(2020, 1, s * 10 + 1), s != 2)", "4");
  /* 《民法典》第二百零一条、第二百零二条: a contract from 1 September to the
   * next 31 August is one year ("一年以上"); three years crossing 29 February
   * are not 1,095 days. */
  expect ("period_years(date('2024-09-01'), date('2025-08-31'))", "1");
  expect ("period_years(date('2024-09-01'), date('2025-08-30'))", "0");
  expect ("period_years(date('2021-03-02'), date('2024-02-29'))", "2");
  expect ("period_months(date('2025-01-01'), date('2025-03-31'))", "3");
  expect ("period_months(date('2025-01-01'), null)", "null");
  expect ("covered_years(s in [1]: date('2021-03-02'), date('2024-03-01'))", "3");
  expect ("covered_years(s in [1]: date('2021-03-02'), date('2024-02-29'))", "2");
  /* Periods with a gap are laid end to end; overlaps count once. */
  expect ("covered_years(s in [1, 2]: if s == 1 then date('2020-01-01') else date('2022-01-01'), "
          "if s == 1 then date('2021-06-30') else date('2023-07-03'))", "3");
  expect ("covered_years(s in [1, 2]: if s == 1 then date('2020-01-01') else date('2022-01-01'), "
          "if s == 1 then date('2021-06-30') else date('2023-07-02'))", "2");
  expect ("covered_years(s in [1, 2]: date('2020-01-01'), if s == 1 then date('2021-12-31') else date('2022-12-31'))", "3");
  expect ("covered_years(s in [1, 2]: date(2020, 1, 1), date(2022, 12, 31), s == 1)", "3");
  expect ("covered_years(s in [1]: date(2020, 1, 1), date(2022, 12, 31), false)", "0");
  expect ("covered_years(s in [1]: date(2020, 1, 1), null)", "null");
  expect ("id_birth_date('11010519491231002X') == date('1949-12-31')", "true");
  expect ("id_birth_date('110105194912310021')", "null");
}

static void
test_errors (void)
{
  expect_error ("area +", SB_EXPRESSION_ERROR_SYNTAX, "column 7");
  expect_error ("area < < 3", SB_EXPRESSION_ERROR_SYNTAX, "column 8");
  expect_error ("'unclosed", SB_EXPRESSION_ERROR_SYNTAX, "column 1");
  expect_error ("1 < 2 < 3", SB_EXPRESSION_ERROR_SYNTAX, "do not chain");
  expect_error ("名称 == 1", SB_EXPRESSION_ERROR_SYNTAX, "column 1");
  expect_error ("area = 1", SB_EXPRESSION_ERROR_SYNTAX, "column 6");
  expect_error ("aera > 1", SB_EXPRESSION_ERROR_UNKNOWN_NAME, "unknown field 'aera'");
  expect_error ("frobnicate(area)", SB_EXPRESSION_ERROR_UNKNOWN_NAME, "unknown function");
  expect_error ("start > fee", SB_EXPRESSION_ERROR_TYPE, "cannot compare a date with a number (元)");
  expect_error ("area < fee", SB_EXPRESSION_ERROR_TYPE, "m²");
  expect_error ("area + fee", SB_EXPRESSION_ERROR_TYPE, "cannot add");
  expect_error ("kind == '盈利性'", SB_EXPRESSION_ERROR_TYPE, "'盈利性' is not one of the options");
  expect_error ("'绘画' in domains", SB_EXPRESSION_ERROR_TYPE, "not one of the options");
  expect_error ("kind in ['营利性', '公益']", SB_EXPRESSION_ERROR_TYPE, "'公益'");
  expect_error ("pledge + 1", SB_EXPRESSION_ERROR_TYPE, "arithmetic");
  expect_error ("matches(name, '(')", SB_EXPRESSION_ERROR_TYPE, "invalid pattern");
  expect_error ("any(s in sessions: s.nothing)", SB_EXPRESSION_ERROR_UNKNOWN_NAME, "no column 'nothing'");
  expect_error ("any(area in sessions: true)", SB_EXPRESSION_ERROR_TYPE, "choose another variable name");
  expect_error ("sessions == 1", SB_EXPRESSION_ERROR_TYPE, "a table cannot be used");
  expect_error ("date('2023-02-30')", SB_EXPRESSION_ERROR_TYPE, "not a date");
  expect_error ("replace_any(name, '中国', '')", SB_EXPRESSION_ERROR_TYPE, "");
  expect_error ("period_years(start, 3)", SB_EXPRESSION_ERROR_TYPE, "");

  /* Deep nesting is refused, not a stack overflow. */
  {
    GString *deep = g_string_new (NULL);

    for (int i = 0; i < 10000; i++)
      g_string_append_c (deep, '(');
    g_string_append_c (deep, '1');
    for (int i = 0; i < 10000; i++)
      g_string_append_c (deep, ')');
    expect_error (deep->str, SB_EXPRESSION_ERROR_TOO_COMPLEX, "nested");
    g_string_free (deep, TRUE);
  }

  /* Numbers that grow absurdly become null instead of eating memory. */
  {
    GString *power = g_string_new ("100000000000000000000");

    for (int i = 0; i < 300; i++)
      g_string_append (power, " * 100000000000000000000");
    expect (power->str, "null");
    g_string_free (power, TRUE);
  }
}

static void
test_decimal_text (void)
{
  struct { const char *text; gboolean ok; const char *canonical; } cases[] = {
    { "12", TRUE, "12" }, { "-0.50", TRUE, "-0.5" }, { "1234567.10", TRUE, "1234567.1" }, { "+3", TRUE, "3" },
    { "0.00", TRUE, "0" }, { "1.", FALSE, NULL }, { ".5", FALSE, NULL }, { "1e3", FALSE, NULL },
    { "1,000", FALSE, NULL }, { " 1", FALSE, NULL }, { "", FALSE, NULL }, { "--1", FALSE, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      mpq_t q;

      mpq_init (q);
      g_assert_cmpint (sb_decimal_parse (cases[i].text, q), ==, cases[i].ok);
      if (cases[i].ok)
        {
          g_autofree char *text = sb_decimal_to_string (q, 0);
          g_assert_cmpstr (text, ==, cases[i].canonical);
        }
      mpq_clear (q);
    }

  {
    mpq_t q;
    g_autofree char *rounded = NULL;
    g_autofree char *negative = NULL;
    g_autofree char *two = NULL;

    mpq_init (q);
    mpq_set_ui (q, 200, 3);
    g_assert_null (sb_decimal_to_string (q, 0));
    rounded = sb_decimal_to_string_rounded (q, 2);
    g_assert_cmpstr (rounded, ==, "66.67");
    mpq_set_si (q, -5, 1000);
    negative = sb_decimal_to_string_rounded (q, 2);
    g_assert_cmpstr (negative, ==, "-0.01");
    mpq_set_ui (q, 5, 1);
    two = sb_decimal_to_string (q, 2);
    g_assert_cmpstr (two, ==, "5.00");
    mpq_clear (q);
  }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);
  setup_scope ();

  g_test_add_func ("/expression/exact-arithmetic", test_exact_arithmetic);
  g_test_add_func ("/expression/three-valued-logic", test_three_valued_logic);
  g_test_add_func ("/expression/text-and-lists", test_text_and_lists);
  g_test_add_func ("/expression/tables", test_tables);
  g_test_add_func ("/expression/witnesses", test_witnesses);
  g_test_add_func ("/expression/dates", test_dates);
  g_test_add_func ("/expression/errors", test_errors);
  g_test_add_func ("/expression/decimal-text", test_decimal_text);

  return g_test_run ();
}
