/* sb-expression-evaluator.c — computing a checked tree
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-expression"

#include "config.h"

#include <string.h>

#include "sb-expression-private.h"

static GHashTable *column_text_set (Evaluator *evaluator, Node *node, SbValue *list);


SbValue *
sb_expr_null_value (void)
{
  return sb_value_new_null ();
}

gboolean
sb_expr_is_null (SbValue *value)
{
  return sb_value_is_null (value);
}

SbValue *
sb_expr_number_or_null (mpq_t q)
{
  if (mpz_sizeinbase (mpq_numref (q), 2) > MAX_NUMBER_BITS ||
      mpz_sizeinbase (mpq_denref (q), 2) > MAX_NUMBER_BITS)
    return sb_expr_null_value ();
  return sb_value_new_number (q);
}

/* The value of @value as a machine integer, if it is a whole number of
 * reasonable size. */
gboolean
sb_expr_get_integer (SbValue *value,
             gint64  *out)
{
  const __mpq_struct *q;

  if (sb_value_get_kind (value) != SB_VALUE_NUMBER)
    return FALSE;

  q = sb_value_get_number (value);
  if (mpz_cmp_ui (mpq_denref (q), 1) != 0 || !mpz_fits_slong_p (mpq_numref (q)))
    return FALSE;

  *out = mpz_get_si (mpq_numref (q));
  return TRUE;
}

/* Dates, times and numbers as one ordered scale, for intervals. */
gboolean
sb_expr_get_ordinal (SbValue *value,
             gint64  *out)
{
  switch (sb_value_get_kind (value))
    {
    case SB_VALUE_DATE:
      *out = sb_value_get_date (value);
      return TRUE;
    case SB_VALUE_TIME:
      *out = sb_value_get_time (value);
      return TRUE;
    case SB_VALUE_NUMBER:
      return sb_expr_get_integer (value, out);
    default:
      return FALSE;
    }
}

int
sb_expr_compare_values (SbValue *a,
                SbValue *b)
{
  switch (sb_value_get_kind (a))
    {
    case SB_VALUE_NUMBER:
      return mpq_cmp (sb_value_get_number (a), sb_value_get_number (b));
    case SB_VALUE_DATE:
      return (sb_value_get_date (a) > sb_value_get_date (b)) - (sb_value_get_date (a) < sb_value_get_date (b));
    case SB_VALUE_TIME:
      return (sb_value_get_time (a) > sb_value_get_time (b)) - (sb_value_get_time (a) < sb_value_get_time (b));
    case SB_VALUE_TEXT:
      return g_strcmp0 (sb_value_get_text (a), sb_value_get_text (b));
    case SB_VALUE_BOOL:
      return (int) sb_value_get_bool (a) - (int) sb_value_get_bool (b);
    default:
      return 0;
    }
}

gboolean
sb_expr_is_blank_value (SbValue *value)
{
  switch (sb_value_get_kind (value))
    {
    case SB_VALUE_NULL:
      return TRUE;
    case SB_VALUE_TEXT:
      for (const char *p = sb_value_get_text (value); *p; p = g_utf8_next_char (p))
        if (!g_unichar_isspace (g_utf8_get_char (p)))
          return FALSE;
      return TRUE;
    case SB_VALUE_LIST:
    case SB_VALUE_FILES:
      return sb_value_get_length (value) == 0;
    default:
      return FALSE;
    }
}


/* ------------------------------------------------------------------ */
/* Evaluation                                                           */

static SbValue *
eval_arith (Evaluator *evaluator,
            Node      *node)
{
  g_autoptr(SbValue) a = sb_expr_evaluate (evaluator, node->a);
  g_autoptr(SbValue) b = NULL;
  SbValue *result;
  mpq_t r;

  if (sb_expr_is_null (a))
    return sb_expr_null_value ();
  b = sb_expr_evaluate (evaluator, node->b);
  if (sb_expr_is_null (b))
    return sb_expr_null_value ();

  if (sb_value_get_kind (a) == SB_VALUE_TEXT)
    {
      g_autofree char *joined = g_strconcat (sb_value_get_text (a), sb_value_get_text (b), NULL);
      return sb_value_new_text (joined);
    }

  if (sb_value_get_kind (a) != SB_VALUE_NUMBER || sb_value_get_kind (b) != SB_VALUE_NUMBER)
    return sb_expr_null_value ();

  mpq_init (r);
  switch (node->op)
    {
    case TOK_PLUS:
      mpq_add (r, sb_value_get_number (a), sb_value_get_number (b));
      break;
    case TOK_MINUS:
      mpq_sub (r, sb_value_get_number (a), sb_value_get_number (b));
      break;
    case TOK_STAR:
      mpq_mul (r, sb_value_get_number (a), sb_value_get_number (b));
      break;
    case TOK_SLASH:
    default:
      if (mpq_sgn (sb_value_get_number (b)) == 0)
        {
          mpq_clear (r);
          return sb_expr_null_value ();
        }
      mpq_div (r, sb_value_get_number (a), sb_value_get_number (b));
      break;
    }

  result = sb_expr_number_or_null (r);
  mpq_clear (r);
  return result;
}

static SbValue *
eval_compare (Evaluator *evaluator,
              Node      *node)
{
  g_autoptr(SbValue) a = sb_expr_evaluate (evaluator, node->a);
  g_autoptr(SbValue) b = NULL;
  int cmp;

  if (sb_expr_is_null (a))
    return sb_expr_null_value ();
  b = sb_expr_evaluate (evaluator, node->b);
  if (sb_expr_is_null (b) || sb_value_get_kind (a) != sb_value_get_kind (b))
    return sb_expr_null_value ();

  if (node->op == TOK_EQ || node->op == TOK_NE)
    {
      gboolean equal = sb_value_equal (a, b);
      return sb_value_new_bool (node->op == TOK_EQ ? equal : !equal);
    }

  cmp = sb_expr_compare_values (a, b);
  switch (node->op)
    {
    case TOK_LT:
      return sb_value_new_bool (cmp < 0);
    case TOK_LE:
      return sb_value_new_bool (cmp <= 0);
    case TOK_GT:
      return sb_value_new_bool (cmp > 0);
    case TOK_GE:
    default:
      return sb_value_new_bool (cmp >= 0);
    }
}

static SbValue *
eval_in (Evaluator *evaluator,
         Node      *node)
{
  g_autoptr(SbValue) a = sb_expr_evaluate (evaluator, node->a);
  g_autoptr(SbValue) b = NULL;
  gboolean found;

  if (sb_expr_is_null (a))
    return sb_expr_null_value ();
  b = sb_expr_evaluate (evaluator, node->b);
  if (sb_expr_is_null (b))
    return sb_expr_null_value ();

  if (sb_value_get_kind (b) == SB_VALUE_TEXT)
    found = sb_value_get_kind (a) == SB_VALUE_TEXT && strstr (sb_value_get_text (b), sb_value_get_text (a)) != NULL;
  else if (sb_value_get_kind (b) == SB_VALUE_LIST && sb_value_get_kind (a) == SB_VALUE_TEXT &&
           node->b->kind == NODE_MEMBER && node->b->ref == REF_COLUMN_LIST)
    /* The list stays alive in the column cache, and with it the texts. */
    found = g_hash_table_contains (column_text_set (evaluator, node->b, b), sb_value_get_text (a));
  else if (sb_value_get_kind (b) == SB_VALUE_LIST)
    found = sb_expr_list_contains (b, a);
  else
    return sb_expr_null_value ();

  return sb_value_new_bool (node->op == TOK_NOT ? !found : found);
}

static SbValue *
eval_column_list (Evaluator *evaluator,
                  Node      *node)
{
  const SbEvalScope *scope = evaluator->scope;
  guint n;
  GPtrArray *items;
  SbValue *list;

  if (evaluator->columns == NULL)
    evaluator->columns = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) sb_value_unref);
  list = g_hash_table_lookup (evaluator->columns, node);
  if (list != NULL)
    return sb_value_ref (list);

  n = scope->row_count (scope->data, node->table_id);
  items = g_ptr_array_new_full (n, (GDestroyNotify) sb_value_unref);
  for (guint r = 0; r < n; r++)
    {
      SbValue *cell = scope->cell (scope->data, node->table_id, r, node->id);

      g_ptr_array_add (items, cell ? sb_value_ref (cell) : sb_expr_null_value ());
    }
  list = sb_value_new_list (items);
  g_hash_table_insert (evaluator->columns, node, sb_value_ref (list));
  return list;
}

/* The texts of a column list, as a set, built once per evaluation. */
static GHashTable *
column_text_set (Evaluator *evaluator,
                 Node      *node,
                 SbValue   *list)
{
  GHashTable *set;

  if (evaluator->text_sets == NULL)
    evaluator->text_sets = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_hash_table_unref);
  set = g_hash_table_lookup (evaluator->text_sets, node);
  if (set != NULL)
    return set;

  set = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < sb_value_get_length (list); i++)
    {
      SbValue *item = sb_value_get_item (list, i);

      if (sb_value_get_kind (item) == SB_VALUE_TEXT)
        g_hash_table_add (set, (gpointer) sb_value_get_text (item));
    }
  g_hash_table_insert (evaluator->text_sets, node, set);
  return set;
}

SbValue *
sb_expr_evaluate (Evaluator *evaluator,
          Node      *node)
{
  const SbEvalScope *scope = evaluator->scope;

  switch (node->kind)
    {
    case NODE_LITERAL:
      return sb_value_ref (node->value);

    case NODE_NAME:
      switch (node->ref)
        {
        case REF_CONSTANT:
          return sb_value_ref (node->value);
        case REF_FIELD:
          {
            SbValue *value = scope->field ? scope->field (scope->data, node->id) : NULL;
            return value ? sb_value_ref (value) : sb_expr_null_value ();
          }
        case REF_ITEM:
          {
            SbValue *item = evaluator->bindings[node->variable].item;
            return item ? sb_value_ref (item) : sb_expr_null_value ();
          }
        case REF_ROW:
        default:
          return sb_expr_null_value ();
        }

    case NODE_MEMBER:
      if (node->ref == REF_CELL)
        {
          Binding *binding = &evaluator->bindings[node->a->variable];
          SbValue *cell;

          if (node->a->kind != NODE_NAME || !binding->is_row)
            return sb_expr_null_value ();
          cell = scope->cell (scope->data, binding->table_id, binding->row, node->id);
          return cell ? sb_value_ref (cell) : sb_expr_null_value ();
        }
      return eval_column_list (evaluator, node);

    case NODE_NEGATE:
      {
        g_autoptr(SbValue) value = sb_expr_evaluate (evaluator, node->a);
        SbValue *result;
        mpq_t r;

        if (sb_expr_is_null (value) || sb_value_get_kind (value) != SB_VALUE_NUMBER)
          return sb_expr_null_value ();
        mpq_init (r);
        mpq_neg (r, sb_value_get_number (value));
        result = sb_value_new_number (r);
        mpq_clear (r);
        return result;
      }

    case NODE_NOT:
      {
        g_autoptr(SbValue) value = NULL;

        evaluator->positive = !evaluator->positive;
        value = sb_expr_evaluate (evaluator, node->a);
        evaluator->positive = !evaluator->positive;
        if (sb_expr_is_null (value))
          return sb_expr_null_value ();
        return sb_value_new_bool (!sb_value_get_bool (value));
      }

    case NODE_ARITH:
      return eval_arith (evaluator, node);

    case NODE_COMPARE:
      return eval_compare (evaluator, node);

    case NODE_IN:
      return eval_in (evaluator, node);

    case NODE_AND:
    case NODE_OR:
      {
        gboolean is_and = node->kind == NODE_AND;
        g_autoptr(SbValue) a = sb_expr_evaluate (evaluator, node->a);
        g_autoptr(SbValue) b = NULL;

        /* false and x = false; true or x = true, whatever x is. */
        if (!sb_expr_is_null (a) && sb_value_get_bool (a) != is_and)
          return sb_value_ref (a);
        b = sb_expr_evaluate (evaluator, node->b);
        if (!sb_expr_is_null (b) && sb_value_get_bool (b) != is_and)
          return sb_value_ref (b);
        if (sb_expr_is_null (a) || sb_expr_is_null (b))
          return sb_expr_null_value ();
        return sb_value_new_bool (is_and);
      }

    case NODE_IF:
      {
        g_autoptr(SbValue) condition = sb_expr_evaluate (evaluator, node->a);

        if (sb_expr_is_null (condition))
          return sb_expr_null_value ();
        return sb_expr_evaluate (evaluator, sb_value_get_bool (condition) ? node->b : node->c);
      }

    case NODE_LIST:
      {
        GPtrArray *items = g_ptr_array_new_full (node->args->len, (GDestroyNotify) sb_value_unref);

        for (guint i = 0; i < node->args->len; i++)
          g_ptr_array_add (items, sb_expr_evaluate (evaluator, sb_expr_arg (node, i)));
        return sb_value_new_list (items);
      }

    case NODE_CALL:
    case NODE_COMPREHENSION:
      return node->function->eval (evaluator, node);

    default:
      return sb_expr_null_value ();
    }
}

