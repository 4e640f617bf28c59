/* sb-expression.c — the expression language of form definitions
 *
 * A hand-written recursive-descent parser builds a small tree; checking
 * resolves every name to an id and gives every node a static type, so that
 * evaluation only follows pointers and reads arrays.  Evaluation never
 * fails: whatever is undefined (a missing answer, a division by zero, a
 * number grown absurdly large) is null, and null flows through the Kleene
 * logic of and/or/not.
 *
 * The parts are in sb-expression-{parser,checker,evaluator,functions}.c
 * (see sb-expression-private.h); this file is the public API.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-expression"

#include "config.h"

#include <string.h>

#include "sb-expression-private.h"

G_DEFINE_QUARK (sb-expression-error-quark, sb_expression_error)

/* ------------------------------------------------------------------ */
/* Public API                                                           */

SbExpression *
sb_expression_ref (SbExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  self->ref_count++;
  return self;
}

void
sb_expression_unref (SbExpression *self)
{
  g_return_if_fail (self != NULL);

  if (--self->ref_count > 0)
    return;

  g_free (self->source);
  sb_expr_node_free (self->root);
  g_clear_pointer (&self->fields, g_array_unref);
  g_free (self);
}

SbExpression *
sb_expression_parse (const char  *source,
                     GError     **error)
{
  SbExpression *self;
  Node *root;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (strlen (source) > MAX_SOURCE_LENGTH)
    {
      g_set_error (error, SB_EXPRESSION_ERROR, SB_EXPRESSION_ERROR_TOO_COMPLEX,
                   "column 1: the expression is longer than %d bytes", MAX_SOURCE_LENGTH);
      return NULL;
    }

  if (!g_utf8_validate (source, -1, NULL))
    {
      g_set_error (error, SB_EXPRESSION_ERROR, SB_EXPRESSION_ERROR_SYNTAX, "column 1: the expression is not UTF-8 text");
      return NULL;
    }

  root = sb_expr_parse (source, error);
  if (root == NULL)
    return NULL;

  self = g_new0 (SbExpression, 1);
  self->ref_count = 1;
  self->source = g_strdup (source);
  self->root = root;
  return self;
}

gboolean
sb_expression_check (SbExpression           *self,
                     const SbSymbolResolver *resolver,
                     SbTypeKind              expected,
                     GError                **error)
{
  Checker checker = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  checker.resolver = resolver;
  checker.fields = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!sb_expr_check_node (&checker, self->root) ||
      !sb_expr_expect_value (&checker, self->root) ||
      (expected != SB_TYPE_ANY && !sb_expr_expect_kind (&checker, self->root, expected, "the expression")))
    {
      g_array_unref (checker.fields);
      g_propagate_error (error, checker.error);
      return FALSE;
    }

  g_clear_pointer (&self->fields, g_array_unref);
  self->fields = checker.fields;
  self->checked = TRUE;
  return TRUE;
}

const SbType *
sb_expression_get_type (SbExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return &self->root->type;
}

const char *
sb_expression_get_source (SbExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

const GArray *
sb_expression_get_fields (SbExpression *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->fields;
}

SbValue *
sb_expression_evaluate (SbExpression      *self,
                        const SbEvalScope *scope)
{
  Evaluator evaluator = { 0 };

  g_return_val_if_fail (self != NULL, sb_value_new_null ());
  g_return_val_if_fail (scope != NULL, sb_value_new_null ());

  /* Evaluating an unchecked tree would meet unresolved names. */
  if (!self->checked)
    return sb_value_new_null ();

  SbValue *result;

  evaluator.scope = scope;
  evaluator.positive = TRUE;
  result = sb_expr_evaluate (&evaluator, self->root);
  g_clear_pointer (&evaluator.text_sets, g_hash_table_unref);
  g_clear_pointer (&evaluator.columns, g_hash_table_unref);
  return result;
}

