/* sb-expression-checker.c — names resolved, every node given a static type
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-expression"

#include "config.h"

#include <string.h>

#include "sb-expression-private.h"


static const char *
type_name (SbTypeKind kind)
{
  switch (kind)
    {
    case SB_TYPE_ANY:
      return "null";
    case SB_TYPE_BOOL:
      return "a yes/no value";
    case SB_TYPE_NUMBER:
      return "a number";
    case SB_TYPE_TEXT:
      return "text";
    case SB_TYPE_DATE:
      return "a date";
    case SB_TYPE_TIME:
      return "a time";
    case SB_TYPE_LIST:
      return "a list";
    case SB_TYPE_FILES:
      return "attached files";
    case SB_TYPE_TABLE:
      return "a table";
    case SB_TYPE_ROW:
      return "a table row";
    default:
      return "a value";
    }
}

static char *
describe_type (const SbType *type)
{
  if (type->kind == SB_TYPE_NUMBER && type->unit != NULL)
    return g_strdup_printf ("a number (%s)", type->unit);
  if (type->kind == SB_TYPE_LIST)
    return g_strdup_printf ("a list of %s", type_name (type->element));
  return g_strdup (type_name (type->kind));
}

static gboolean G_GNUC_PRINTF (4, 5)
fail (Checker    *checker,
      int         column,
      int         code,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (checker->error != NULL)
    return FALSE;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  checker->error = g_error_new (SB_EXPRESSION_ERROR, code, "column %d: %s", column, message);
  return FALSE;
}

void
sb_expr_set_type (Node       *node,
          SbTypeKind  kind)
{
  memset (&node->type, 0, sizeof node->type);
  node->type.kind = kind;
}

static gboolean
units_compatible (const char *a,
                  const char *b)
{
  return a == NULL || b == NULL || g_str_equal (a, b);
}

/* A literal text compared with a choice field must be one of its options. */
static gboolean
check_choice_literal (Checker            *checker,
                      Node               *literal,
                      const char * const *choices)
{
  const char *text;

  if (choices == NULL || literal->kind != NODE_LITERAL || sb_value_get_kind (literal->value) != SB_VALUE_TEXT)
    return TRUE;

  text = sb_value_get_text (literal->value);
  if (g_strv_contains (choices, text))
    return TRUE;

  {
    g_autofree char *options = g_strjoinv ("', '", (char **) choices);
    return fail (checker, literal->column, SB_EXPRESSION_ERROR_TYPE,
                 "'%s' is not one of the options ('%s')", text, options);
  }
}

static gboolean
check_choice_list_literal (Checker            *checker,
                           Node               *list,
                           const char * const *choices)
{
  if (choices == NULL || list->kind != NODE_LIST)
    return TRUE;

  for (guint i = 0; i < list->args->len; i++)
    if (!check_choice_literal (checker, g_ptr_array_index (list->args, i), choices))
      return FALSE;
  return TRUE;
}

gboolean
sb_expr_expect_kind (Checker    *checker,
             Node       *node,
             SbTypeKind  kind,
             const char *what)
{
  if (node->type.kind == kind || node->type.kind == SB_TYPE_ANY)
    return TRUE;

  {
    g_autofree char *found = describe_type (&node->type);
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s needs %s, not %s", what, type_name (kind), found);
  }
}

/* Tables are not values: they appear only where a function takes them. */
gboolean
sb_expr_expect_value (Checker *checker,
              Node    *node)
{
  if (node->type.kind == SB_TYPE_TABLE || node->type.kind == SB_TYPE_ROW)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE,
                 "%s cannot be used as a value here", type_name (node->type.kind));
  return TRUE;
}


/* ------------------------------------------------------------------ */
/* Functions: checking                                                  */

Node *
sb_expr_arg (Node  *node,
     guint  index)
{
  return g_ptr_array_index (node->args, index);
}

static gboolean
check_args_kinds (Checker          *checker,
                  Node             *node,
                  const SbTypeKind *kinds,
                  guint             n)
{
  for (guint i = 0; i < node->args->len && i < n; i++)
    {
      g_autofree char *what = g_strdup_printf ("argument %u of %s()", i + 1, node->name);

      if (!sb_expr_expect_value (checker, sb_expr_arg (node, i)) || !sb_expr_expect_kind (checker, sb_expr_arg (node, i), kinds[i], what))
        return FALSE;
    }
  return TRUE;
}

#define CHECK_ARGS(...) \
  G_STMT_START { \
    static const SbTypeKind kinds_[] = { __VA_ARGS__ }; \
    if (!check_args_kinds (checker, node, kinds_, G_N_ELEMENTS (kinds_))) \
      return FALSE; \
  } G_STMT_END

gboolean
sb_expr_check_is_blank (Checker *checker,
                Node    *node)
{
  sb_expr_set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

gboolean
sb_expr_check_is_invalid (Checker *checker,
                  Node    *node)
{
  Node *target = sb_expr_arg (node, 0);

  if (!(target->kind == NODE_NAME && target->ref == REF_FIELD) && !(target->kind == NODE_MEMBER && target->ref == REF_CELL))
    return fail (checker, target->column, SB_EXPRESSION_ERROR_TYPE, "is_invalid() takes the name of a field or row.column");
  sb_expr_set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

gboolean
sb_expr_check_any_invalid (Checker *checker,
                   Node    *node)
{
  sb_expr_set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

gboolean
sb_expr_check_len (Checker *checker,
           Node    *node)
{
  SbTypeKind kind = sb_expr_arg (node, 0)->type.kind;

  if (kind != SB_TYPE_TEXT && kind != SB_TYPE_LIST && kind != SB_TYPE_FILES && kind != SB_TYPE_TABLE &&
      kind != SB_TYPE_ANY)
    return fail (checker, sb_expr_arg (node, 0)->column, SB_EXPRESSION_ERROR_TYPE,
                 "%s() takes text, a list, files or a table, not %s", node->name, type_name (kind));
  sb_expr_set_type (node, SB_TYPE_NUMBER);
  return TRUE;
}

gboolean
sb_expr_check_text_text (Checker *checker,
                 Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_TEXT);
  sb_expr_set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

gboolean
sb_expr_check_text_list (Checker *checker,
                 Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_LIST);
  sb_expr_set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

gboolean
sb_expr_check_matches (Checker *checker,
               Node    *node)
{
  Node *pattern = sb_expr_arg (node, 1);
  g_autoptr(GError) error = NULL;

  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_TEXT);
  if (pattern->kind != NODE_LITERAL || sb_value_get_kind (pattern->value) != SB_VALUE_TEXT)
    return fail (checker, pattern->column, SB_EXPRESSION_ERROR_TYPE, "the pattern of matches() must be a literal text");

  node->regex = g_regex_new (sb_value_get_text (pattern->value), G_REGEX_OPTIMIZE, 0, &error);
  if (node->regex == NULL)
    return fail (checker, pattern->column, SB_EXPRESSION_ERROR_TYPE, "invalid pattern: %s", error->message);

  sb_expr_set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

gboolean
sb_expr_check_replace (Checker *checker,
               Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_TEXT, SB_TYPE_TEXT);
  sb_expr_set_type (node, SB_TYPE_TEXT);
  return TRUE;
}

gboolean
sb_expr_check_replace_any (Checker *checker,
                           Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT, SB_TYPE_LIST, SB_TYPE_TEXT);
  sb_expr_set_type (node, SB_TYPE_TEXT);
  return TRUE;
}

gboolean
sb_expr_check_split (Checker *checker,
             Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT);
  sb_expr_set_type (node, SB_TYPE_LIST);
  node->type.element = SB_TYPE_TEXT;
  return TRUE;
}

gboolean
sb_expr_check_subset (Checker *checker,
              Node    *node)
{
  CHECK_ARGS (SB_TYPE_LIST, SB_TYPE_LIST);
  if (!check_choice_list_literal (checker, sb_expr_arg (node, 0), sb_expr_arg (node, 1)->type.choices) ||
      !check_choice_list_literal (checker, sb_expr_arg (node, 1), sb_expr_arg (node, 0)->type.choices))
    return FALSE;
  sb_expr_set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

/* count(x), sum(list), min(list…), max(list…) */
gboolean
sb_expr_check_aggregate (Checker *checker,
                 Node    *node)
{
  gboolean is_count = node->function->op == OP_COUNT;
  gboolean is_sum = node->function->op == OP_SUM;
  Node *first = sb_expr_arg (node, 0);

  if (is_count)
    {
      if (node->args->len != 1)
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "count() takes one argument");
      return sb_expr_check_len (checker, node);
    }

  if (node->args->len == 1)
    {
      SbTypeKind element;

      if (first->type.kind != SB_TYPE_LIST && first->type.kind != SB_TYPE_ANY)
        return fail (checker, first->column, SB_EXPRESSION_ERROR_TYPE,
                     "%s() of one argument takes a list (or write %s(v in table: …))", node->name, node->name);
      element = first->type.kind == SB_TYPE_ANY ? SB_TYPE_NUMBER : first->type.element;
      if (is_sum && element != SB_TYPE_NUMBER)
        return fail (checker, first->column, SB_EXPRESSION_ERROR_TYPE, "sum() adds numbers, not %s", type_name (element));
      if (element != SB_TYPE_NUMBER && element != SB_TYPE_DATE && element != SB_TYPE_TIME && element != SB_TYPE_TEXT)
        return fail (checker, first->column, SB_EXPRESSION_ERROR_TYPE, "%s() cannot order %s", node->name, type_name (element));
      sb_expr_set_type (node, element);
      node->type.unit = first->type.unit;
      return TRUE;
    }

  if (is_sum)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "sum() takes one list");

  /* min(a, b, …) */
  node->type = first->type;
  for (guint i = 0; i < node->args->len; i++)
    {
      Node *item = sb_expr_arg (node, i);

      if (!sb_expr_expect_value (checker, item))
        return FALSE;
      if (node->type.kind == SB_TYPE_ANY)
        node->type = item->type;
      else if (item->type.kind != SB_TYPE_ANY &&
               (item->type.kind != node->type.kind || !units_compatible (item->type.unit, node->type.unit)))
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "%s() compares values of one type", node->name);
      if (node->type.unit == NULL)
        node->type.unit = item->type.unit;
    }
  if (node->type.kind != SB_TYPE_NUMBER && node->type.kind != SB_TYPE_DATE && node->type.kind != SB_TYPE_TIME &&
      node->type.kind != SB_TYPE_ANY)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s() cannot order %s", node->name,
                 type_name (node->type.kind));
  node->type.choices = NULL;
  return TRUE;
}

gboolean
sb_expr_check_number_unary (Checker *checker,
                    Node    *node)
{
  CHECK_ARGS (SB_TYPE_NUMBER);
  node->type = sb_expr_arg (node, 0)->type;
  node->type.kind = SB_TYPE_NUMBER;
  return TRUE;
}

gboolean
sb_expr_check_round (Checker *checker,
             Node    *node)
{
  Node *digits = sb_expr_arg (node, 1);
  gint64 n;

  CHECK_ARGS (SB_TYPE_NUMBER, SB_TYPE_NUMBER);
  if (digits->kind != NODE_LITERAL || !sb_expr_get_integer (digits->value, &n) || n < 0 || n > 12)
    return fail (checker, digits->column, SB_EXPRESSION_ERROR_TYPE, "round() takes a whole number of digits 0 to 12");
  node->type = sb_expr_arg (node, 0)->type;
  node->type.kind = SB_TYPE_NUMBER;
  return TRUE;
}

gboolean
sb_expr_check_date (Checker *checker,
            Node    *node)
{
  if (node->args->len == 1)
    {
      Node *text = sb_expr_arg (node, 0);
      gint32 julian_day;

      CHECK_ARGS (SB_TYPE_TEXT);
      if (text->kind == NODE_LITERAL && sb_value_get_kind (text->value) == SB_VALUE_TEXT &&
          !sb_date_parse (sb_value_get_text (text->value), &julian_day))
        return fail (checker, text->column, SB_EXPRESSION_ERROR_TYPE, "'%s' is not a date (YYYY-MM-DD)",
                     sb_value_get_text (text->value));
    }
  else if (node->args->len == 3)
    CHECK_ARGS (SB_TYPE_NUMBER, SB_TYPE_NUMBER, SB_TYPE_NUMBER);
  else
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "date() takes 'YYYY-MM-DD' or year, month, day");

  sb_expr_set_type (node, SB_TYPE_DATE);
  return TRUE;
}

gboolean
sb_expr_check_time (Checker *checker,
            Node    *node)
{
  if (node->args->len == 1)
    {
      Node *text = sb_expr_arg (node, 0);
      int minutes;

      CHECK_ARGS (SB_TYPE_TEXT);
      if (text->kind == NODE_LITERAL && sb_value_get_kind (text->value) == SB_VALUE_TEXT &&
          !sb_time_parse (sb_value_get_text (text->value), &minutes))
        return fail (checker, text->column, SB_EXPRESSION_ERROR_TYPE, "'%s' is not a time (HH:MM)",
                     sb_value_get_text (text->value));
    }
  else if (node->args->len == 2)
    CHECK_ARGS (SB_TYPE_NUMBER, SB_TYPE_NUMBER);
  else
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "time() takes 'HH:MM' or hour, minute");

  sb_expr_set_type (node, SB_TYPE_TIME);
  return TRUE;
}

gboolean
sb_expr_check_date_part (Checker *checker,
                 Node    *node)
{
  CHECK_ARGS (SB_TYPE_DATE);
  sb_expr_set_type (node, SB_TYPE_NUMBER);
  return TRUE;
}

gboolean
sb_expr_check_date_shift (Checker *checker,
                  Node    *node)
{
  CHECK_ARGS (SB_TYPE_DATE, SB_TYPE_NUMBER);
  sb_expr_set_type (node, SB_TYPE_DATE);
  return TRUE;
}

gboolean
sb_expr_check_date_pair (Checker *checker,
                 Node    *node)
{
  CHECK_ARGS (SB_TYPE_DATE, SB_TYPE_DATE);
  sb_expr_set_type (node, SB_TYPE_NUMBER);
  return TRUE;
}

gboolean
sb_expr_check_overlaps (Checker *checker,
                Node    *node)
{
  SbTypeKind kind = SB_TYPE_ANY;

  for (guint i = 0; i < 4; i++)
    {
      Node *item = sb_expr_arg (node, i);

      if (!sb_expr_expect_value (checker, item))
        return FALSE;
      if (item->type.kind == SB_TYPE_ANY)
        continue;
      if (item->type.kind != SB_TYPE_DATE && item->type.kind != SB_TYPE_TIME && item->type.kind != SB_TYPE_NUMBER)
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "overlaps() takes dates, times or numbers");
      if (kind != SB_TYPE_ANY && kind != item->type.kind)
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "overlaps() takes four values of one type");
      kind = item->type.kind;
    }
  sb_expr_set_type (node, SB_TYPE_BOOL);
  return TRUE;
}

gboolean
sb_expr_check_id_birth_date (Checker *checker,
                     Node    *node)
{
  CHECK_ARGS (SB_TYPE_TEXT);
  sb_expr_set_type (node, SB_TYPE_DATE);
  return TRUE;
}

/* Comprehensions: the variable is bound before the bodies are checked. */

static gboolean
check_bodies_count (Checker *checker,
                    Node    *node,
                    guint    min,
                    guint    max)
{
  if (node->args->len < min || node->args->len > max)
    {
      if (min == max)
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s(v in …: …) takes %u expression%s after ':'",
                     node->function_name, min, min == 1 ? "" : "s");
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s(v in …: …) takes %u to %u expressions after ':'",
                   node->function_name, min, max);
    }
  return TRUE;
}

gboolean
sb_expr_check_quantifier (Checker *checker,
                  Node    *node)
{
  gboolean is_count = node->function->op == OP_COUNT;

  if (!check_bodies_count (checker, node, is_count ? 0 : 1, 1))
    return FALSE;
  if (node->args->len == 1 && !sb_expr_expect_kind (checker, sb_expr_arg (node, 0), SB_TYPE_BOOL, "the condition"))
    return FALSE;
  sb_expr_set_type (node, is_count ? SB_TYPE_NUMBER : SB_TYPE_BOOL);
  return TRUE;
}

gboolean
sb_expr_check_fold (Checker *checker,
            Node    *node)
{
  Node *body;

  if (!check_bodies_count (checker, node, 1, 1))
    return FALSE;
  body = sb_expr_arg (node, 0);
  if (!sb_expr_expect_value (checker, body))
    return FALSE;

  if (node->function->op == OP_SUM)
    {
      if (!sb_expr_expect_kind (checker, body, SB_TYPE_NUMBER, "sum()"))
        return FALSE;
    }
  else if (body->type.kind != SB_TYPE_NUMBER && body->type.kind != SB_TYPE_DATE &&
           body->type.kind != SB_TYPE_TIME && body->type.kind != SB_TYPE_ANY)
    return fail (checker, body->column, SB_EXPRESSION_ERROR_TYPE, "%s() cannot order %s", node->function_name,
                 type_name (body->type.kind));

  node->type = body->type;
  if (node->type.kind == SB_TYPE_ANY)
    node->type.kind = SB_TYPE_NUMBER;
  node->type.choices = NULL;
  return TRUE;
}

gboolean
sb_expr_check_peak_sum (Checker *checker,
                Node    *node)
{
  SbTypeKind kind = SB_TYPE_ANY;

  if (!check_bodies_count (checker, node, 4, 5))
    return FALSE;

  if (!sb_expr_expect_value (checker, sb_expr_arg (node, 0)))
    return FALSE;
  for (guint i = 1; i <= 2; i++)
    {
      Node *item = sb_expr_arg (node, i);

      if (item->type.kind != SB_TYPE_DATE && item->type.kind != SB_TYPE_TIME && item->type.kind != SB_TYPE_NUMBER &&
          item->type.kind != SB_TYPE_ANY)
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "peak_sum() needs times, dates or numbers for start and end");
      if (kind != SB_TYPE_ANY && item->type.kind != SB_TYPE_ANY && kind != item->type.kind)
        return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "start and end of peak_sum() must be of one type");
      if (item->type.kind != SB_TYPE_ANY)
        kind = item->type.kind;
    }
  if (!sb_expr_expect_kind (checker, sb_expr_arg (node, 3), SB_TYPE_NUMBER, "the amount of peak_sum()"))
    return FALSE;
  if (node->args->len == 5 && !sb_expr_expect_kind (checker, sb_expr_arg (node, 4), SB_TYPE_BOOL, "the flag of peak_sum()"))
    return FALSE;

  node->type = sb_expr_arg (node, 3)->type;
  node->type.kind = SB_TYPE_NUMBER;
  return TRUE;
}

gboolean
sb_expr_check_covered_days (Checker *checker,
                    Node    *node)
{
  if (!check_bodies_count (checker, node, 2, 3) ||
      !sb_expr_expect_kind (checker, sb_expr_arg (node, 0), SB_TYPE_DATE, "the start of covered_days() or covered_years()") ||
      !sb_expr_expect_kind (checker, sb_expr_arg (node, 1), SB_TYPE_DATE, "the end of covered_days() or covered_years()"))
    return FALSE;
  if (node->args->len == 3 &&
      !sb_expr_expect_kind (checker, sb_expr_arg (node, 2), SB_TYPE_BOOL, "the flag of covered_days() or covered_years()"))
    return FALSE;
  sb_expr_set_type (node, SB_TYPE_NUMBER);
  return TRUE;
}


/* ------------------------------------------------------------------ */
/* Checking                                                             */

static void
add_field (Checker *checker,
           guint    id)
{
  for (guint i = 0; i < checker->fields->len; i++)
    if (g_array_index (checker->fields, guint, i) == id)
      return;
  g_array_append_val (checker->fields, id);
}

static gboolean
check_name (Checker *checker,
            Node    *node)
{
  SbSymbol symbol;

  for (guint i = checker->n_variables; i > 0; i--)
    {
      Variable *variable = &checker->variables[i - 1];

      if (g_str_equal (variable->name, node->name))
        {
          node->ref = variable->is_row ? REF_ROW : REF_ITEM;
          node->variable = i - 1;
          node->type = variable->type;
          return TRUE;
        }
    }

  if (checker->resolver == NULL || !checker->resolver->resolve (checker->resolver->data, node->name, &symbol))
    return fail (checker, node->column, SB_EXPRESSION_ERROR_UNKNOWN_NAME, "unknown field '%s'", node->name);

  node->type = symbol.type;
  if (symbol.constant != NULL)
    {
      node->ref = REF_CONSTANT;
      node->value = sb_value_ref (symbol.constant);
    }
  else
    {
      node->ref = REF_FIELD;
      node->id = symbol.id;
      add_field (checker, symbol.id);
    }
  return TRUE;
}

static gboolean
check_member (Checker *checker,
              Node    *node)
{
  Node *object = node->a;
  SbSymbol symbol;

  if (!sb_expr_check_node (checker, object))
    return FALSE;

  if (object->type.kind != SB_TYPE_TABLE && object->type.kind != SB_TYPE_ROW)
    {
      g_autofree char *found = describe_type (&object->type);
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE,
                   "'.%s' needs a table or a table row, not %s", node->name, found);
    }

  if (!checker->resolver->resolve_column (checker->resolver->data, object->type.table_id, node->name, &symbol))
    return fail (checker, node->column, SB_EXPRESSION_ERROR_UNKNOWN_NAME, "the table has no column '%s'", node->name);

  node->id = symbol.id;
  node->table_id = object->type.table_id;

  if (object->type.kind == SB_TYPE_ROW)
    {
      node->ref = REF_CELL;
      node->type = symbol.type;
    }
  else
    {
      node->ref = REF_COLUMN_LIST;
      node->type = symbol.type;
      node->type.element = symbol.type.kind;
      node->type.kind = SB_TYPE_LIST;
    }
  return TRUE;
}

static gboolean
check_arith (Checker *checker,
             Node    *node)
{
  Node *a = node->a, *b = node->b;

  if (!sb_expr_expect_value (checker, a) || !sb_expr_expect_value (checker, b))
    return FALSE;

  if (node->op == TOK_PLUS && (a->type.kind == SB_TYPE_TEXT || b->type.kind == SB_TYPE_TEXT))
    {
      if (!sb_expr_expect_kind (checker, a, SB_TYPE_TEXT, "'+' of texts") || !sb_expr_expect_kind (checker, b, SB_TYPE_TEXT, "'+' of texts"))
        return FALSE;
      sb_expr_set_type (node, SB_TYPE_TEXT);
      return TRUE;
    }

  if (!sb_expr_expect_kind (checker, a, SB_TYPE_NUMBER, "arithmetic") || !sb_expr_expect_kind (checker, b, SB_TYPE_NUMBER, "arithmetic"))
    return FALSE;

  sb_expr_set_type (node, SB_TYPE_NUMBER);
  switch (node->op)
    {
    case TOK_PLUS:
    case TOK_MINUS:
      if (!units_compatible (a->type.unit, b->type.unit))
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "cannot add or subtract %s and %s",
                     a->type.unit, b->type.unit);
      node->type.unit = a->type.unit ? a->type.unit : b->type.unit;
      break;
    case TOK_STAR:
      node->type.unit = a->type.unit == NULL ? b->type.unit : b->type.unit == NULL ? a->type.unit : NULL;
      break;
    case TOK_SLASH:
    default:
      node->type.unit = b->type.unit == NULL ? a->type.unit : NULL;
      break;
    }
  return TRUE;
}

static gboolean
check_compare (Checker *checker,
               Node    *node)
{
  Node *a = node->a, *b = node->b;
  SbTypeKind kind;

  if (!sb_expr_expect_value (checker, a) || !sb_expr_expect_value (checker, b))
    return FALSE;

  sb_expr_set_type (node, SB_TYPE_BOOL);

  if (a->type.kind == SB_TYPE_ANY || b->type.kind == SB_TYPE_ANY)
    return TRUE;

  if (a->type.kind != b->type.kind)
    {
      g_autofree char *ta = describe_type (&a->type);
      g_autofree char *tb = describe_type (&b->type);
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "cannot compare %s with %s", ta, tb);
    }

  kind = a->type.kind;
  if (kind == SB_TYPE_NUMBER && !units_compatible (a->type.unit, b->type.unit))
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "cannot compare a number (%s) with a number (%s)",
                 a->type.unit, b->type.unit);

  if (node->op != TOK_EQ && node->op != TOK_NE &&
      kind != SB_TYPE_NUMBER && kind != SB_TYPE_DATE && kind != SB_TYPE_TIME && kind != SB_TYPE_TEXT)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s cannot be ordered", type_name (kind));

  if (kind == SB_TYPE_LIST || kind == SB_TYPE_FILES)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "compare %s with 'in', subset() or count()",
                 type_name (kind));

  return check_choice_literal (checker, b, a->type.choices) && check_choice_literal (checker, a, b->type.choices);
}

static gboolean
check_in (Checker *checker,
          Node    *node)
{
  Node *a = node->a, *b = node->b;

  if (!sb_expr_expect_value (checker, a) || !sb_expr_expect_value (checker, b))
    return FALSE;

  sb_expr_set_type (node, SB_TYPE_BOOL);

  if (b->type.kind == SB_TYPE_TEXT)
    return sb_expr_expect_kind (checker, a, SB_TYPE_TEXT, "'in' on text");

  if (b->type.kind != SB_TYPE_LIST && b->type.kind != SB_TYPE_ANY)
    {
      g_autofree char *found = describe_type (&b->type);
      return fail (checker, b->column, SB_EXPRESSION_ERROR_TYPE, "'in' needs a list or a text, not %s", found);
    }

  if (b->type.kind == SB_TYPE_LIST && a->type.kind != SB_TYPE_ANY && b->type.element != SB_TYPE_ANY &&
      a->type.kind != b->type.element)
    {
      g_autofree char *ta = describe_type (&a->type);
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "cannot look for %s in a list of %s", ta,
                   type_name (b->type.element));
    }

  return check_choice_literal (checker, a, b->type.choices) && check_choice_list_literal (checker, b, a->type.choices);
}

static gboolean
check_call (Checker *checker,
            Node    *node)
{
  const Function *function = sb_expr_lookup_function (node->name, FALSE);

  if (function == NULL)
    {
      if (sb_expr_lookup_function (node->name, TRUE) != NULL)
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "write %s(v in table: …)", node->name);
      return fail (checker, node->column, SB_EXPRESSION_ERROR_UNKNOWN_NAME, "unknown function '%s'", node->name);
    }

  if ((int) node->args->len < function->min_args ||
      (function->max_args >= 0 && (int) node->args->len > function->max_args))
    {
      if (function->min_args == function->max_args)
        return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s() takes %d argument%s", node->name,
                     function->min_args, function->min_args == 1 ? "" : "s");
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "%s() takes %d to %d arguments", node->name,
                   function->min_args, function->max_args);
    }

  for (guint i = 0; i < node->args->len; i++)
    if (!sb_expr_check_node (checker, sb_expr_arg (node, i)))
      return FALSE;

  node->function = function;
  return function->check (checker, node);
}

static gboolean
check_comprehension (Checker *checker,
                     Node    *node)
{
  const Function *function = sb_expr_lookup_function (node->function_name, TRUE);
  Node *collection = node->a;
  Variable *variable;
  SbSymbol symbol;
  gboolean ok = TRUE;

  if (function == NULL)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_UNKNOWN_NAME,
                 "%s() does not take the form %s(v in …: …)", node->function_name, node->function_name);

  if (!sb_expr_check_node (checker, collection))
    return FALSE;
  if (collection->type.kind != SB_TYPE_TABLE && collection->type.kind != SB_TYPE_LIST &&
      collection->type.kind != SB_TYPE_ANY)
    {
      g_autofree char *found = describe_type (&collection->type);
      return fail (checker, collection->column, SB_EXPRESSION_ERROR_TYPE, "'in' needs a table or a list, not %s", found);
    }

  if (checker->n_variables >= MAX_VARIABLES)
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TOO_COMPLEX, "more than %d nested comprehensions", MAX_VARIABLES);

  /* A variable that hid a field would make rules mean something else. */
  if (checker->resolver != NULL && checker->resolver->resolve (checker->resolver->data, node->name, &symbol))
    return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "'%s' is a field or constant; choose another variable name",
                 node->name);
  for (guint i = 0; i < checker->n_variables; i++)
    if (g_str_equal (checker->variables[i].name, node->name))
      return fail (checker, node->column, SB_EXPRESSION_ERROR_TYPE, "the variable '%s' is already in use", node->name);

  variable = &checker->variables[checker->n_variables];
  variable->name = node->name;
  memset (&variable->type, 0, sizeof variable->type);
  if (collection->type.kind == SB_TYPE_TABLE)
    {
      variable->is_row = TRUE;
      variable->type.kind = SB_TYPE_ROW;
      variable->type.table_id = collection->type.table_id;
    }
  else
    {
      variable->is_row = FALSE;
      variable->type.kind = collection->type.kind == SB_TYPE_LIST ? collection->type.element : SB_TYPE_ANY;
      variable->type.unit = collection->type.unit;
      variable->type.choices = collection->type.choices;
    }
  node->variable = checker->n_variables;
  checker->n_variables++;

  for (guint i = 0; i < node->args->len && ok; i++)
    ok = sb_expr_check_node (checker, sb_expr_arg (node, i));

  checker->n_variables--;
  if (!ok)
    return FALSE;

  node->function = function;
  return function->check (checker, node);
}

gboolean
sb_expr_check_node (Checker *checker,
            Node    *node)
{
  switch (node->kind)
    {
    case NODE_LITERAL:
      return TRUE;

    case NODE_NAME:
      return check_name (checker, node);

    case NODE_MEMBER:
      return check_member (checker, node);

    case NODE_NEGATE:
      if (!sb_expr_check_node (checker, node->a) || !sb_expr_expect_kind (checker, node->a, SB_TYPE_NUMBER, "'-'"))
        return FALSE;
      node->type = node->a->type;
      node->type.kind = SB_TYPE_NUMBER;
      return TRUE;

    case NODE_NOT:
      if (!sb_expr_check_node (checker, node->a) || !sb_expr_expect_kind (checker, node->a, SB_TYPE_BOOL, "'not'"))
        return FALSE;
      sb_expr_set_type (node, SB_TYPE_BOOL);
      return TRUE;

    case NODE_ARITH:
      return sb_expr_check_node (checker, node->a) && sb_expr_check_node (checker, node->b) && check_arith (checker, node);

    case NODE_COMPARE:
      return sb_expr_check_node (checker, node->a) && sb_expr_check_node (checker, node->b) && check_compare (checker, node);

    case NODE_IN:
      return sb_expr_check_node (checker, node->a) && sb_expr_check_node (checker, node->b) && check_in (checker, node);

    case NODE_AND:
    case NODE_OR:
      if (!sb_expr_check_node (checker, node->a) || !sb_expr_check_node (checker, node->b))
        return FALSE;
      if (!sb_expr_expect_kind (checker, node->a, SB_TYPE_BOOL, node->kind == NODE_AND ? "'and'" : "'or'") ||
          !sb_expr_expect_kind (checker, node->b, SB_TYPE_BOOL, node->kind == NODE_AND ? "'and'" : "'or'"))
        return FALSE;
      sb_expr_set_type (node, SB_TYPE_BOOL);
      return TRUE;

    case NODE_IF:
      if (!sb_expr_check_node (checker, node->a) || !sb_expr_check_node (checker, node->b) || !sb_expr_check_node (checker, node->c))
        return FALSE;
      if (!sb_expr_expect_kind (checker, node->a, SB_TYPE_BOOL, "'if'") ||
          !sb_expr_expect_value (checker, node->b) || !sb_expr_expect_value (checker, node->c))
        return FALSE;
      if (node->b->type.kind != SB_TYPE_ANY && node->c->type.kind != SB_TYPE_ANY &&
          (node->b->type.kind != node->c->type.kind || !units_compatible (node->b->type.unit, node->c->type.unit)))
        return fail (checker, node->c->column, SB_EXPRESSION_ERROR_TYPE, "'then' and 'else' must give values of one type");
      node->type = node->b->type.kind != SB_TYPE_ANY ? node->b->type : node->c->type;
      if (node->type.unit == NULL)
        node->type.unit = node->c->type.unit;
      return TRUE;

    case NODE_LIST:
      sb_expr_set_type (node, SB_TYPE_LIST);
      node->type.element = SB_TYPE_ANY;
      for (guint i = 0; i < node->args->len; i++)
        {
          Node *item = sb_expr_arg (node, i);

          if (!sb_expr_check_node (checker, item) || !sb_expr_expect_value (checker, item))
            return FALSE;
          if (item->type.kind == SB_TYPE_LIST || item->type.kind == SB_TYPE_FILES)
            return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "lists hold single values");
          if (node->type.element == SB_TYPE_ANY)
            {
              node->type.element = item->type.kind;
              node->type.unit = item->type.unit;
            }
          else if (item->type.kind != SB_TYPE_ANY && item->type.kind != node->type.element)
            return fail (checker, item->column, SB_EXPRESSION_ERROR_TYPE, "a list holds values of one type");
        }
      return TRUE;

    case NODE_CALL:
      return check_call (checker, node);

    case NODE_COMPREHENSION:
      return check_comprehension (checker, node);

    default:
      g_assert_not_reached ();
    }
}

