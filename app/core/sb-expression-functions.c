/* sb-expression-functions.c — the built-in functions: evaluation, and the table
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-expression"

#include "config.h"

#include <string.h>

#include "sb-expression-private.h"

/* ------------------------------------------------------------------ */
/* Functions: evaluation                                                */

static SbValue *
eval_is_blank (Evaluator *evaluator,
               Node      *node)
{
  Node *target = sb_expr_arg (node, 0);
  g_autoptr(SbValue) value = NULL;

  if (target->type.kind == SB_TYPE_TABLE)
    return sb_value_new_bool (evaluator->scope->row_count (evaluator->scope->data, target->type.table_id) == 0);

  value = sb_expr_evaluate (evaluator, target);
  /* Given but unreadable is not blank: whether it is, nobody knows yet. */
  if (sb_value_is_unreadable (value))
    return sb_expr_null_value ();
  return sb_value_new_bool (sb_expr_is_blank_value (value));
}

static SbValue *
eval_is_invalid (Evaluator *evaluator,
                 Node      *node)
{
  const SbEvalScope *scope = evaluator->scope;
  Node *target = sb_expr_arg (node, 0);

  if (target->ref == REF_CELL)
    {
      Binding *binding = &evaluator->bindings[target->a->variable];

      if (scope->cell_is_invalid == NULL || !binding->is_row)
        return sb_value_new_bool (FALSE);
      return sb_value_new_bool (scope->cell_is_invalid (scope->data, binding->table_id, binding->row, target->id));
    }

  if (scope->is_invalid == NULL)
    return sb_value_new_bool (FALSE);
  return sb_value_new_bool (scope->is_invalid (scope->data, target->id));
}

static SbValue *
eval_any_invalid (Evaluator *evaluator,
                  Node      *node)
{
  const SbEvalScope *scope = evaluator->scope;

  return sb_value_new_bool (scope->any_invalid != NULL && scope->any_invalid (scope->data));
}

static SbValue *
eval_len (Evaluator *evaluator,
          Node      *node)
{
  Node *target = sb_expr_arg (node, 0);
  g_autoptr(SbValue) value = NULL;
  gboolean is_count = node->function->op == OP_COUNT;

  if (target->type.kind == SB_TYPE_TABLE)
    return sb_value_new_int (evaluator->scope->row_count (evaluator->scope->data, target->type.table_id));

  value = sb_expr_evaluate (evaluator, target);
  switch (sb_value_get_kind (value))
    {
    case SB_VALUE_TEXT:
      return sb_value_new_int (g_utf8_strlen (sb_value_get_text (value), -1));
    case SB_VALUE_LIST:
    case SB_VALUE_FILES:
      return sb_value_new_int (sb_value_get_length (value));
    case SB_VALUE_NULL:
      /* Counting what is not there gives nothing, so that "count < 1" fires. */
      return is_count ? sb_value_new_int (0) : sb_expr_null_value ();
    default:
      return sb_expr_null_value ();
    }
}

typedef gboolean (*TextPredicate) (const char *text, const char *part);

static gboolean
text_contains (const char *text,
               const char *part)
{
  return strstr (text, part) != NULL;
}

static gboolean
text_starts_with (const char *text,
                  const char *part)
{
  return g_str_has_prefix (text, part);
}

static gboolean
text_ends_with (const char *text,
                const char *part)
{
  return g_str_has_suffix (text, part);
}

static TextPredicate
text_predicate_for (FunctionOp op)
{
  switch (op)
    {
    case OP_CONTAINS:
    case OP_CONTAINS_ANY:
      return text_contains;
    case OP_STARTS_WITH:
    case OP_STARTS_WITH_ANY:
      return text_starts_with;
    default:
      return text_ends_with;
    }
}

static SbValue *
eval_text_text (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autoptr(SbValue) part = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));

  if (sb_expr_is_null (text) || sb_expr_is_null (part))
    return sb_expr_null_value ();
  return sb_value_new_bool (text_predicate_for (node->function->op) (sb_value_get_text (text), sb_value_get_text (part)));
}

static SbValue *
eval_text_list (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autoptr(SbValue) list = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));
  TextPredicate predicate = text_predicate_for (node->function->op);

  if (sb_expr_is_null (text) || sb_expr_is_null (list))
    return sb_expr_null_value ();

  for (guint i = 0; i < sb_value_get_length (list); i++)
    {
      SbValue *item = sb_value_get_item (list, i);

      if (sb_value_get_kind (item) == SB_VALUE_TEXT && *sb_value_get_text (item) != '\0' &&
          predicate (sb_value_get_text (text), sb_value_get_text (item)))
        return sb_value_new_bool (TRUE);
    }
  return sb_value_new_bool (FALSE);
}

static SbValue *
eval_matches (Evaluator *evaluator,
              Node      *node)
{
  g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));

  if (sb_expr_is_null (text))
    return sb_expr_null_value ();
  return sb_value_new_bool (g_regex_match (node->regex, sb_value_get_text (text), 0, NULL));
}

static SbValue *
eval_replace (Evaluator *evaluator,
              Node      *node)
{
  g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autoptr(SbValue) from = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));
  g_autoptr(SbValue) to = sb_expr_evaluate (evaluator, sb_expr_arg (node, 2));
  g_autoptr(GString) result = NULL;

  if (sb_expr_is_null (text) || sb_expr_is_null (from) || sb_expr_is_null (to))
    return sb_expr_null_value ();
  if (*sb_value_get_text (from) == '\0')
    return sb_value_ref (text);

  result = g_string_new (sb_value_get_text (text));
  g_string_replace (result, sb_value_get_text (from), sb_value_get_text (to), 0);
  return sb_value_new_text (result->str);
}

/* replace_any(text, list, to): every occurrence of each item of the list,
 * in the list's order, becomes @to.  Word lists take phrases out before a
 * keyword search ("非学科类", or "科普" so that "化学科普" does not read as
 * "学科"). */
static SbValue *
eval_replace_any (Evaluator *evaluator,
                  Node      *node)
{
  g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autoptr(SbValue) list = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));
  g_autoptr(SbValue) to = sb_expr_evaluate (evaluator, sb_expr_arg (node, 2));
  g_autoptr(GString) result = NULL;

  if (sb_expr_is_null (text) || sb_expr_is_null (list) || sb_expr_is_null (to))
    return sb_expr_null_value ();

  result = g_string_new (sb_value_get_text (text));
  for (guint i = 0; i < sb_value_get_length (list); i++)
    {
      SbValue *item = sb_value_get_item (list, i);

      if (sb_value_get_kind (item) == SB_VALUE_TEXT && *sb_value_get_text (item) != '\0')
        g_string_replace (result, sb_value_get_text (item), sb_value_get_text (to), 0);
    }
  return sb_value_new_text (result->str);
}

/* Compiled once for the process, not at each evaluation: validating a
 * thousand packets evaluates split() thousands of times.  A GRegex is
 * immutable, so threads may share it. */
static GRegex *
split_separators (void)
{
  static GRegex *separators;

  if (g_once_init_enter (&separators))
    g_once_init_leave (&separators, g_regex_new ("[,，、;；\\n]", 0, 0, NULL));
  return separators;
}

static SbValue *
eval_split (Evaluator *evaluator,
            Node      *node)
{
  g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_auto(GStrv) parts = NULL;
  GPtrArray *items;

  if (sb_expr_is_null (text))
    return sb_expr_null_value ();

  parts = g_regex_split (split_separators (), sb_value_get_text (text), 0);
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (parts[i]));

      if (*trimmed != '\0')
        g_ptr_array_add (items, sb_value_new_text (trimmed));
    }
  return sb_value_new_list (items);
}

gboolean
sb_expr_list_contains (SbValue *list,
               SbValue *value)
{
  for (guint i = 0; i < sb_value_get_length (list); i++)
    {
      SbValue *item = sb_value_get_item (list, i);

      if (sb_value_get_kind (item) == sb_value_get_kind (value) && sb_value_equal (item, value))
        return TRUE;
    }
  return FALSE;
}

static SbValue *
eval_subset (Evaluator *evaluator,
             Node      *node)
{
  g_autoptr(SbValue) a = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autoptr(SbValue) b = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));

  if (sb_expr_is_null (a) || sb_expr_is_null (b))
    return sb_expr_null_value ();

  for (guint i = 0; i < sb_value_get_length (a); i++)
    {
      SbValue *item = sb_value_get_item (a, i);

      if (sb_expr_is_null (item))
        return sb_expr_null_value ();
      if (!sb_expr_list_contains (b, item))
        return sb_value_new_bool (FALSE);
    }
  return sb_value_new_bool (TRUE);
}

/* Sum, min or max over @values; null if any value is null. */
static SbValue *
fold_values (FunctionOp   op,
             SbValue    **values,
             guint        n_values)
{
  gboolean is_sum = op == OP_SUM;
  gboolean is_min = op == OP_MIN;
  SbValue *best = NULL;
  mpq_t total;

  for (guint i = 0; i < n_values; i++)
    if (sb_expr_is_null (values[i]))
      return sb_expr_null_value ();

  if (is_sum)
    {
      SbValue *result;

      mpq_init (total);
      for (guint i = 0; i < n_values; i++)
        if (sb_value_get_kind (values[i]) == SB_VALUE_NUMBER)
          mpq_add (total, total, sb_value_get_number (values[i]));
      result = sb_expr_number_or_null (total);
      mpq_clear (total);
      return result;
    }

  for (guint i = 0; i < n_values; i++)
    {
      if (best == NULL || sb_value_get_kind (values[i]) != sb_value_get_kind (best))
        {
          if (best == NULL)
            best = values[i];
          continue;
        }
      if ((is_min && sb_expr_compare_values (values[i], best) < 0) || (!is_min && sb_expr_compare_values (values[i], best) > 0))
        best = values[i];
    }

  return best ? sb_value_ref (best) : sb_expr_null_value ();
}

static SbValue *
eval_aggregate (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref);

  if (node->function->op == OP_COUNT)
    return eval_len (evaluator, node);

  if (node->args->len == 1)
    {
      g_autoptr(SbValue) list = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));

      if (sb_expr_is_null (list))
        return sb_expr_null_value ();
      for (guint i = 0; i < sb_value_get_length (list); i++)
        g_ptr_array_add (values, sb_value_ref (sb_value_get_item (list, i)));
    }
  else
    {
      for (guint i = 0; i < node->args->len; i++)
        g_ptr_array_add (values, sb_expr_evaluate (evaluator, sb_expr_arg (node, i)));
    }

  return fold_values (node->function->op, (SbValue **) values->pdata, values->len);
}

static SbValue *
eval_number_unary (Evaluator *evaluator,
                   Node      *node)
{
  g_autoptr(SbValue) value = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  const __mpq_struct *q;
  SbValue *result;
  mpq_t r;

  if (sb_expr_is_null (value))
    return sb_expr_null_value ();

  q = sb_value_get_number (value);
  mpq_init (r);

  if (node->function->op == OP_ABS)
    mpq_abs (r, q);
  else
    {
      if (node->function->op == OP_FLOOR)
        mpz_fdiv_q (mpq_numref (r), mpq_numref (q), mpq_denref (q));
      else
        mpz_cdiv_q (mpq_numref (r), mpq_numref (q), mpq_denref (q));
      mpz_set_ui (mpq_denref (r), 1);
    }

  result = sb_expr_number_or_null (r);
  mpq_clear (r);
  return result;
}

static SbValue *
eval_round (Evaluator *evaluator,
            Node      *node)
{
  g_autoptr(SbValue) value = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autofree char *text = NULL;
  gint64 digits = 0;
  SbValue *result = NULL;
  mpq_t q;

  if (sb_expr_is_null (value))
    return sb_expr_null_value ();

  sb_expr_get_integer (sb_expr_arg (node, 1)->value, &digits);
  text = sb_decimal_to_string_rounded (sb_value_get_number (value), digits);
  mpq_init (q);
  if (sb_decimal_parse (text, q))
    result = sb_value_new_number (q);
  mpq_clear (q);
  return result ? result : sb_expr_null_value ();
}

static SbValue *
eval_date (Evaluator *evaluator,
           Node      *node)
{
  gint32 julian_day = 0;

  if (node->args->len == 1)
    {
      g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));

      if (sb_expr_is_null (text) || !sb_date_parse (sb_value_get_text (text), &julian_day))
        return sb_expr_null_value ();
    }
  else
    {
      g_autoptr(SbValue) y = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
      g_autoptr(SbValue) m = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));
      g_autoptr(SbValue) d = sb_expr_evaluate (evaluator, sb_expr_arg (node, 2));
      gint64 year, month, day;

      if (!sb_expr_get_integer (y, &year) || !sb_expr_get_integer (m, &month) || !sb_expr_get_integer (d, &day) ||
          year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31)
        return sb_expr_null_value ();
      julian_day = sb_date_from_ymd (year, month, day);
      if (julian_day == 0)
        return sb_expr_null_value ();
    }

  return sb_value_new_date (julian_day);
}

static SbValue *
eval_time (Evaluator *evaluator,
           Node      *node)
{
  int minutes;

  if (node->args->len == 1)
    {
      g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));

      if (sb_expr_is_null (text) || !sb_time_parse (sb_value_get_text (text), &minutes))
        return sb_expr_null_value ();
    }
  else
    {
      g_autoptr(SbValue) h = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
      g_autoptr(SbValue) m = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));
      gint64 hour, minute;

      if (!sb_expr_get_integer (h, &hour) || !sb_expr_get_integer (m, &minute) || hour < 0 || hour > 24 || minute < 0 ||
          minute > 59 || (hour == 24 && minute > 0))
        return sb_expr_null_value ();
      minutes = hour * 60 + minute;
    }

  return sb_value_new_time (minutes);
}

static SbValue *
eval_date_part (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(SbValue) value = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  int year, month, day;

  if (sb_expr_is_null (value))
    return sb_expr_null_value ();

  if (node->function->op == OP_WEEKDAY)
    return sb_value_new_int (sb_date_weekday (sb_value_get_date (value)));

  sb_date_to_ymd (sb_value_get_date (value), &year, &month, &day);
  if (node->function->op == OP_YEAR)
    return sb_value_new_int (year);
  if (node->function->op == OP_MONTH)
    return sb_value_new_int (month);
  return sb_value_new_int (day);
}

static SbValue *
eval_date_shift (Evaluator *evaluator,
                 Node      *node)
{
  g_autoptr(SbValue) date = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autoptr(SbValue) amount = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));
  gint64 n;
  gint32 start, result;

  if (sb_expr_is_null (date) || !sb_expr_get_integer (amount, &n) || n < -100000 || n > 100000)
    return sb_expr_null_value ();

  start = sb_value_get_date (date);

  if (node->function->op == OP_ADD_DAYS)
    result = start + n;
  else if (node->function->op == OP_ADD_MONTHS)
    result = sb_date_add_months (start, n);
  else if (node->function->op == OP_ADD_YEARS)
    result = sb_date_add_years (start, n);
  else
    {
      const SbEvalScope *scope = evaluator->scope;

      if (scope->calendar == NULL || n < 0 ||
          !sb_calendar_add_working_days (scope->calendar, start, n, &result, NULL))
        return sb_expr_null_value ();
    }

  /* Outside years 1000–9999 a date means nothing here. */
  if (result < sb_date_from_ymd (1000, 1, 1) || result > sb_date_from_ymd (9999, 12, 31))
    return sb_expr_null_value ();
  return sb_value_new_date (result);
}

static SbValue *
eval_date_pair (Evaluator *evaluator,
                Node      *node)
{
  g_autoptr(SbValue) a = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autoptr(SbValue) b = sb_expr_evaluate (evaluator, sb_expr_arg (node, 1));

  if (sb_expr_is_null (a) || sb_expr_is_null (b))
    return sb_expr_null_value ();

  if (node->function->op == OP_WORKING_DAYS_BETWEEN)
    {
      int count;

      if (evaluator->scope->calendar == NULL ||
          !sb_calendar_working_days_between (evaluator->scope->calendar, sb_value_get_date (a),
                                             sb_value_get_date (b), &count, NULL))
        return sb_expr_null_value ();
      return sb_value_new_int (count);
    }

  if (node->function->op == OP_PERIOD_YEARS)
    return sb_value_new_int (sb_date_period_years (sb_value_get_date (a), sb_value_get_date (b)));
  if (node->function->op == OP_PERIOD_MONTHS)
    return sb_value_new_int (sb_date_period_months (sb_value_get_date (a), sb_value_get_date (b)));

  return sb_value_new_int (sb_date_full_years (sb_value_get_date (a), sb_value_get_date (b)));
}

static SbValue *
eval_overlaps (Evaluator *evaluator,
               Node      *node)
{
  gint64 v[4];

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(SbValue) value = sb_expr_evaluate (evaluator, sb_expr_arg (node, i));

      if (sb_expr_is_null (value) || !sb_expr_get_ordinal (value, &v[i]))
        return sb_expr_null_value ();
    }

  return sb_value_new_bool (v[0] < v[3] && v[2] < v[1]);
}

static SbValue *
eval_id_birth_date (Evaluator *evaluator,
                    Node      *node)
{
  g_autoptr(SbValue) text = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  g_autofree char *upper = NULL;
  gint32 birth;

  if (sb_expr_is_null (text))
    return sb_expr_null_value ();

  upper = g_ascii_strup (sb_value_get_text (text), -1);
  if (!sb_resident_id_check (upper, &birth, NULL))
    return sb_expr_null_value ();
  return sb_value_new_date (birth);
}

/* Comprehensions */

/* Calls @visit for each element of the collection with the variable
 * bound; stops when it returns FALSE.  A null list visits nothing and
 * says so. */
typedef gboolean (*Visit) (Evaluator *evaluator, Node *node, guint index, gpointer data);

static gboolean
for_each (Evaluator *evaluator,
          Node      *node,
          Visit      visit,
          gpointer   data,
          gboolean  *collection_null)
{
  Binding *binding = &evaluator->bindings[node->variable];
  Node *collection = node->a;

  *collection_null = FALSE;

  if (collection->type.kind == SB_TYPE_TABLE)
    {
      const SbEvalScope *scope = evaluator->scope;
      guint n = scope->row_count (scope->data, collection->type.table_id);

      binding->is_row = TRUE;
      binding->table_id = collection->type.table_id;
      for (guint r = 0; r < n; r++)
        {
          binding->row = r;
          if (!visit (evaluator, node, r, data))
            return FALSE;
        }
      return TRUE;
    }
  else
    {
      g_autoptr(SbValue) list = sb_expr_evaluate (evaluator, collection);

      if (sb_expr_is_null (list))
        {
          *collection_null = TRUE;
          return TRUE;
        }

      binding->is_row = FALSE;
      for (guint i = 0; i < sb_value_get_length (list); i++)
        {
          binding->item = sb_value_get_item (list, i);
          if (!visit (evaluator, node, i, data))
            return FALSE;
        }
      binding->item = NULL;
      return TRUE;
    }
}

typedef struct
{
  guint     true_count;
  guint     false_count;
  guint     null_count;
  gboolean  stop_at_true;
  gboolean  stop_at_false;
  gboolean  report;
} Tally;

static gboolean
visit_tally (Evaluator *evaluator,
             Node      *node,
             guint      index,
             gpointer   data)
{
  Tally *tally = data;
  g_autoptr(SbValue) value = NULL;

  /* count(v in T) with no condition counts every row. */
  if (node->args->len == 0)
    {
      tally->true_count++;
      return TRUE;
    }

  value = sb_expr_evaluate (evaluator, sb_expr_arg (node, 0));
  if (sb_expr_is_null (value))
    tally->null_count++;
  else if (sb_value_get_bool (value))
    {
      tally->true_count++;
      if (tally->report && node->a->type.kind == SB_TYPE_TABLE)
        evaluator->scope->witness (evaluator->scope->data, node->a->type.table_id, index);
      if (tally->stop_at_true)
        return FALSE;
    }
  else
    {
      tally->false_count++;
      if (tally->stop_at_false)
        return FALSE;
    }
  return TRUE;
}

static SbValue *
eval_quantifier (Evaluator *evaluator,
                 Node      *node)
{
  Tally tally = { 0 };
  gboolean is_any = node->function->op == OP_ANY;
  gboolean is_all = node->function->op == OP_ALL;
  gboolean collection_null;

  tally.report = is_any && evaluator->positive && evaluator->scope->witness != NULL;
  tally.stop_at_true = is_any && !tally.report;
  tally.stop_at_false = is_all;

  for_each (evaluator, node, visit_tally, &tally, &collection_null);
  if (collection_null)
    return is_any || is_all ? sb_expr_null_value () : sb_value_new_int (0);

  if (is_any)
    return tally.true_count > 0 ? sb_value_new_bool (TRUE)
         : tally.null_count > 0 ? sb_expr_null_value () : sb_value_new_bool (FALSE);
  if (is_all)
    return tally.false_count > 0 ? sb_value_new_bool (FALSE)
         : tally.null_count > 0 ? sb_expr_null_value () : sb_value_new_bool (TRUE);
  return sb_value_new_int (tally.true_count);
}

typedef struct
{
  GPtrArray *values;   /* one array per body */
  guint      n_bodies;
} Collect;

static gboolean
visit_collect (Evaluator *evaluator,
               Node      *node,
               guint      index,
               gpointer   data)
{
  Collect *collect = data;

  for (guint b = 0; b < collect->n_bodies; b++)
    g_ptr_array_add (g_ptr_array_index (collect->values, b), sb_expr_evaluate (evaluator, sb_expr_arg (node, b)));
  return TRUE;
}

static void
collect_bodies (Evaluator *evaluator,
                Node      *node,
                Collect   *collect,
                gboolean  *collection_null)
{
  collect->n_bodies = node->args->len;
  collect->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  for (guint b = 0; b < collect->n_bodies; b++)
    g_ptr_array_add (collect->values, g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref));

  for_each (evaluator, node, visit_collect, collect, collection_null);
}

static SbValue *
eval_fold (Evaluator *evaluator,
           Node      *node)
{
  Collect collect;
  gboolean collection_null;
  GPtrArray *values;
  SbValue *result;

  collect_bodies (evaluator, node, &collect, &collection_null);
  values = g_ptr_array_index (collect.values, 0);
  result = collection_null ? sb_expr_null_value ()
                           : fold_values (node->function->op, (SbValue **) values->pdata, values->len);
  g_ptr_array_unref (collect.values);
  return result;
}

typedef struct
{
  char   *group;
  gint64  time;
  int     delta;      /* +1 start, -1 end */
  guint   row;
} Event;

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  const Event *ea = a, *eb = b;
  int cmp = g_strcmp0 (ea->group, eb->group);

  if (cmp != 0)
    return cmp;
  if (ea->time != eb->time)
    return ea->time < eb->time ? -1 : 1;
  /* Half-open intervals: what ends at t is gone before what starts at t. */
  return ea->delta - eb->delta;
}

static SbValue *
eval_peak_sum (Evaluator *evaluator,
               Node      *node)
{
  Collect collect;
  gboolean collection_null;
  GPtrArray *groups, *starts, *ends, *amounts, *flags;
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (Event));
  SbValue *result = NULL;
  mpq_t running, best;
  guint flagged_active = 0;
  gboolean any_instant = FALSE;
  gboolean with_flag = node->args->len == 5;

  collect_bodies (evaluator, node, &collect, &collection_null);
  groups = g_ptr_array_index (collect.values, 0);
  starts = g_ptr_array_index (collect.values, 1);
  ends = g_ptr_array_index (collect.values, 2);
  amounts = g_ptr_array_index (collect.values, 3);
  flags = with_flag ? g_ptr_array_index (collect.values, 4) : NULL;

  mpq_init (running);
  mpq_init (best);

  if (collection_null)
    goto out;

  for (guint r = 0; r < groups->len; r++)
    {
      Event start = { NULL, 0, +1, r }, end = { NULL, 0, -1, r };

      if (sb_expr_is_null (g_ptr_array_index (groups, r)) || sb_expr_is_null (g_ptr_array_index (amounts, r)) ||
          !sb_expr_get_ordinal (g_ptr_array_index (starts, r), &start.time) ||
          !sb_expr_get_ordinal (g_ptr_array_index (ends, r), &end.time))
        goto out;
      if (end.time <= start.time)
        continue;   /* an empty interval is present at no instant */

      start.group = sb_value_to_display (g_ptr_array_index (groups, r), 0, 6);
      end.group = g_strdup (start.group);
      g_array_append_val (events, start);
      g_array_append_val (events, end);
    }

  g_array_sort (events, compare_events);

  for (guint i = 0; i < events->len;)
    {
      Event *first = &g_array_index (events, Event, i);
      guint j = i;

      /* Apply every event at this instant, then look at the total. */
      while (j < events->len)
        {
          Event *event = &g_array_index (events, Event, j);
          SbValue *amount = g_ptr_array_index (amounts, event->row);
          gboolean flagged = flags != NULL && sb_value_get_kind (g_ptr_array_index (flags, event->row)) == SB_VALUE_BOOL &&
                             sb_value_get_bool (g_ptr_array_index (flags, event->row));

          if (g_strcmp0 (event->group, first->group) != 0 || event->time != first->time)
            break;

          if (event->delta > 0)
            mpq_add (running, running, sb_value_get_number (amount));
          else
            mpq_sub (running, running, sb_value_get_number (amount));
          if (flagged)
            flagged_active += event->delta;
          j++;
        }

      if (!with_flag || flagged_active > 0)
        {
          if (!any_instant || mpq_cmp (running, best) > 0)
            mpq_set (best, running);
          any_instant = TRUE;
        }
      i = j;
    }

  result = sb_expr_number_or_null (best);

out:
  for (guint i = 0; i < events->len; i++)
    g_free (g_array_index (events, Event, i).group);
  mpq_clear (running);
  mpq_clear (best);
  g_ptr_array_unref (collect.values);
  return result ? result : sb_expr_null_value ();
}

static int
compare_intervals (gconstpointer a,
                   gconstpointer b)
{
  const gint64 *ia = a, *ib = b;

  return (ia[0] > ib[0]) - (ia[0] < ib[0]);
}

/* The union of the inclusive date intervals of covered_days() and
 * covered_years(): its number of days and its earliest day.  FALSE when a
 * counted row has no start or end (the result is then null). */
static gboolean
union_of_periods (Evaluator *evaluator,
                  Node      *node,
                  gint64    *total_days,
                  gint64    *earliest)
{
  Collect collect;
  gboolean collection_null;
  GPtrArray *starts, *ends, *flags;
  g_autoptr(GArray) intervals = g_array_new (FALSE, FALSE, sizeof (gint64) * 2);
  gboolean ok = FALSE;
  gint64 total = 0, current_start = 0, current_end = -1;
  gboolean open = FALSE;

  collect_bodies (evaluator, node, &collect, &collection_null);
  starts = g_ptr_array_index (collect.values, 0);
  ends = g_ptr_array_index (collect.values, 1);
  flags = collect.n_bodies == 3 ? g_ptr_array_index (collect.values, 2) : NULL;

  if (collection_null)
    goto out;

  for (guint r = 0; r < starts->len; r++)
    {
      gint64 interval[2];

      /* With a flag, only the rows it marks count. */
      if (flags != NULL && !(sb_value_get_kind (g_ptr_array_index (flags, r)) == SB_VALUE_BOOL &&
                             sb_value_get_bool (g_ptr_array_index (flags, r))))
        continue;

      if (sb_expr_is_null (g_ptr_array_index (starts, r)) || sb_expr_is_null (g_ptr_array_index (ends, r)))
        goto out;
      interval[0] = sb_value_get_date (g_ptr_array_index (starts, r));
      interval[1] = sb_value_get_date (g_ptr_array_index (ends, r));
      if (interval[1] >= interval[0])
        g_array_append_val (intervals, interval);
    }

  g_array_sort (intervals, compare_intervals);
  *earliest = intervals->len > 0 ? g_array_index (intervals, gint64, 0) : 0;
  for (guint i = 0; i < intervals->len; i++)
    {
      gint64 *interval = &g_array_index (intervals, gint64, i * 2);

      if (open && interval[0] <= current_end + 1)
        current_end = MAX (current_end, interval[1]);
      else
        {
          if (open)
            total += current_end - current_start + 1;
          current_start = interval[0];
          current_end = interval[1];
          open = TRUE;
        }
    }
  if (open)
    total += current_end - current_start + 1;

  *total_days = total;
  ok = TRUE;

out:
  g_ptr_array_unref (collect.values);
  return ok;
}

static SbValue *
eval_covered_days (Evaluator *evaluator,
                   Node      *node)
{
  gint64 total, earliest;

  if (!union_of_periods (evaluator, node, &total, &earliest))
    return sb_expr_null_value ();
  return sb_value_new_int (total);
}

/* "3年以上的工作经验" counts calendar years, not 1,095 days: the covered
 * days are laid end to end from the earliest first day, and the whole years
 * of that one period are counted as 《民法典》第二百零一条、第二百零二条 count
 * them (sb_date_period_years), so a span one day short of three years is
 * short even when it crosses 29 February. */
static SbValue *
eval_covered_years (Evaluator *evaluator,
                    Node      *node)
{
  gint64 total, earliest;

  if (!union_of_periods (evaluator, node, &total, &earliest))
    return sb_expr_null_value ();
  if (total == 0)
    return sb_value_new_int (0);
  return sb_value_new_int (sb_date_period_years (earliest, earliest + total - 1));
}

static const Function functions[] = {
  { "is_blank", OP_IS_BLANK, 1, 1, FALSE, sb_expr_check_is_blank, eval_is_blank },
  { "is_invalid", OP_IS_INVALID, 1, 1, FALSE, sb_expr_check_is_invalid, eval_is_invalid },
  { "any_invalid", OP_ANY_INVALID, 0, 0, FALSE, sb_expr_check_any_invalid, eval_any_invalid },
  { "len", OP_LEN, 1, 1, FALSE, sb_expr_check_len, eval_len },
  { "contains", OP_CONTAINS, 2, 2, FALSE, sb_expr_check_text_text, eval_text_text },
  { "starts_with", OP_STARTS_WITH, 2, 2, FALSE, sb_expr_check_text_text, eval_text_text },
  { "ends_with", OP_ENDS_WITH, 2, 2, FALSE, sb_expr_check_text_text, eval_text_text },
  { "contains_any", OP_CONTAINS_ANY, 2, 2, FALSE, sb_expr_check_text_list, eval_text_list },
  { "starts_with_any", OP_STARTS_WITH_ANY, 2, 2, FALSE, sb_expr_check_text_list, eval_text_list },
  { "matches", OP_MATCHES, 2, 2, FALSE, sb_expr_check_matches, eval_matches },
  { "replace", OP_REPLACE, 3, 3, FALSE, sb_expr_check_replace, eval_replace },
  { "replace_any", OP_REPLACE_ANY, 3, 3, FALSE, sb_expr_check_replace_any, eval_replace_any },
  { "split", OP_SPLIT, 1, 1, FALSE, sb_expr_check_split, eval_split },
  { "subset", OP_SUBSET, 2, 2, FALSE, sb_expr_check_subset, eval_subset },
  { "count", OP_COUNT, 1, 1, FALSE, sb_expr_check_aggregate, eval_aggregate },
  { "sum", OP_SUM, 1, 1, FALSE, sb_expr_check_aggregate, eval_aggregate },
  { "min", OP_MIN, 1, -1, FALSE, sb_expr_check_aggregate, eval_aggregate },
  { "max", OP_MAX, 1, -1, FALSE, sb_expr_check_aggregate, eval_aggregate },
  { "abs", OP_ABS, 1, 1, FALSE, sb_expr_check_number_unary, eval_number_unary },
  { "floor", OP_FLOOR, 1, 1, FALSE, sb_expr_check_number_unary, eval_number_unary },
  { "ceil", OP_CEIL, 1, 1, FALSE, sb_expr_check_number_unary, eval_number_unary },
  { "round", OP_ROUND, 2, 2, FALSE, sb_expr_check_round, eval_round },
  { "date", OP_DATE, 1, 3, FALSE, sb_expr_check_date, eval_date },
  { "time", OP_TIME, 1, 2, FALSE, sb_expr_check_time, eval_time },
  { "year", OP_YEAR, 1, 1, FALSE, sb_expr_check_date_part, eval_date_part },
  { "month", OP_MONTH, 1, 1, FALSE, sb_expr_check_date_part, eval_date_part },
  { "day", OP_DAY, 1, 1, FALSE, sb_expr_check_date_part, eval_date_part },
  { "weekday", OP_WEEKDAY, 1, 1, FALSE, sb_expr_check_date_part, eval_date_part },
  { "add_days", OP_ADD_DAYS, 2, 2, FALSE, sb_expr_check_date_shift, eval_date_shift },
  { "add_months", OP_ADD_MONTHS, 2, 2, FALSE, sb_expr_check_date_shift, eval_date_shift },
  { "add_years", OP_ADD_YEARS, 2, 2, FALSE, sb_expr_check_date_shift, eval_date_shift },
  { "add_working_days", OP_ADD_WORKING_DAYS, 2, 2, FALSE, sb_expr_check_date_shift, eval_date_shift },
  { "working_days_between", OP_WORKING_DAYS_BETWEEN, 2, 2, FALSE, sb_expr_check_date_pair, eval_date_pair },
  { "years_between", OP_YEARS_BETWEEN, 2, 2, FALSE, sb_expr_check_date_pair, eval_date_pair },
  { "age_on", OP_AGE_ON, 2, 2, FALSE, sb_expr_check_date_pair, eval_date_pair },
  { "period_years", OP_PERIOD_YEARS, 2, 2, FALSE, sb_expr_check_date_pair, eval_date_pair },
  { "period_months", OP_PERIOD_MONTHS, 2, 2, FALSE, sb_expr_check_date_pair, eval_date_pair },
  { "overlaps", OP_OVERLAPS, 4, 4, FALSE, sb_expr_check_overlaps, eval_overlaps },
  { "id_birth_date", OP_ID_BIRTH_DATE, 1, 1, FALSE, sb_expr_check_id_birth_date, eval_id_birth_date },
  /* v in T: … */
  { "any", OP_ANY, 0, 1, TRUE, sb_expr_check_quantifier, eval_quantifier },
  { "all", OP_ALL, 0, 1, TRUE, sb_expr_check_quantifier, eval_quantifier },
  { "count", OP_COUNT, 0, 1, TRUE, sb_expr_check_quantifier, eval_quantifier },
  { "sum", OP_SUM, 1, 1, TRUE, sb_expr_check_fold, eval_fold },
  { "min", OP_MIN, 1, 1, TRUE, sb_expr_check_fold, eval_fold },
  { "max", OP_MAX, 1, 1, TRUE, sb_expr_check_fold, eval_fold },
  { "peak_sum", OP_PEAK_SUM, 4, 5, TRUE, sb_expr_check_peak_sum, eval_peak_sum },
  { "covered_days", OP_COVERED_DAYS, 2, 3, TRUE, sb_expr_check_covered_days, eval_covered_days },
  { "covered_years", OP_COVERED_YEARS, 2, 3, TRUE, sb_expr_check_covered_days, eval_covered_years },
};

const Function *
sb_expr_lookup_function (const char *name,
                 gboolean    comprehension)
{
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (functions[i].comprehension == comprehension && g_str_equal (functions[i].name, name))
      return &functions[i];
  return NULL;
}

