/* sb-answers-visibility.c — evaluating rules over the answers: scope, visibility, computed values
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-answers"

#include "config.h"

#include <string.h>

#include "sb-field-format.h"
#include "sb-answers-private.h"
#include "sb-date.h"
#include "sb-form-definition-private.h"
#include "sb-id-number.h"
#include "sb-json-reader.h"
#include "sb-media-type.h"
#include "sb-safe-text.h"

/* Scope callbacks */

static SbValue *
scope_field (gpointer data,
             guint    field_id)
{
  SbAnswers *self = data;

  if (field_id & SB_ROW_CONTEXT_FLAG)
    {
      Slot *table = &self->slots[self->context_table];
      guint column = field_id & ~SB_ROW_CONTEXT_FLAG;
      Row *row;

      if (table->rows == NULL || self->context_row >= table->rows->len)
        return NULL;
      row = g_ptr_array_index (table->rows, self->context_row);
      return row->cells[column];
    }

  if (field_id >= self->n_slots)
    return NULL;
  if (self->mask_hidden && !self->slots[field_id].visible)
    return NULL;
  return self->slots[field_id].value;
}

static guint
scope_row_count (gpointer data,
                 guint    table_id)
{
  SbAnswers *self = data;
  Slot *slot;

  if (table_id >= self->n_slots)
    return 0;
  slot = &self->slots[table_id];
  if (slot->rows == NULL || (self->mask_hidden && !slot->visible))
    return 0;
  return slot->rows->len;
}

static SbValue *
scope_cell (gpointer data,
            guint    table_id,
            guint    row_index,
            guint    column_id)
{
  SbAnswers *self = data;
  Slot *slot;
  Row *row;

  if (table_id >= self->n_slots)
    return NULL;
  slot = &self->slots[table_id];
  if (slot->rows == NULL || row_index >= slot->rows->len)
    return NULL;
  if (self->mask_hidden && !slot->visible)
    return NULL;
  row = g_ptr_array_index (slot->rows, row_index);
  return row->cells[column_id];
}

static gboolean
scope_is_invalid (gpointer data,
                  guint    field_id)
{
  SbAnswers *self = data;

  if (field_id & SB_ROW_CONTEXT_FLAG)
    {
      Slot *table = &self->slots[self->context_table];
      Row *row;

      if (table->rows == NULL || self->context_row >= table->rows->len)
        return FALSE;
      row = g_ptr_array_index (table->rows, self->context_row);
      return row->invalid[field_id & ~SB_ROW_CONTEXT_FLAG];
    }

  if (field_id >= self->n_slots)
    return FALSE;
  if (self->mask_hidden && !self->slots[field_id].visible)
    return FALSE;
  return self->slots[field_id].invalid;
}

static gboolean
scope_cell_is_invalid (gpointer data,
                       guint    table_id,
                       guint    row_index,
                       guint    column_id)
{
  SbAnswers *self = data;
  Slot *slot;
  Row *row;

  if (table_id >= self->n_slots)
    return FALSE;
  slot = &self->slots[table_id];
  if (slot->rows == NULL || row_index >= slot->rows->len || (self->mask_hidden && !slot->visible))
    return FALSE;
  row = g_ptr_array_index (slot->rows, row_index);
  return row->invalid[column_id];
}

static gboolean
scope_any_invalid (gpointer data)
{
  SbAnswers *self = data;

  for (guint i = 0; i < self->n_slots; i++)
    if (self->slots[i].invalid && (!self->mask_hidden || self->slots[i].visible))
      return TRUE;
  return FALSE;
}

static void
init_scope (SbAnswers   *self,
            SbEvalScope *scope)
{
  memset (scope, 0, sizeof *scope);
  scope->field = scope_field;
  scope->row_count = scope_row_count;
  scope->cell = scope_cell;
  scope->is_invalid = scope_is_invalid;
  scope->cell_is_invalid = scope_cell_is_invalid;
  scope->any_invalid = scope_any_invalid;
  scope->data = self;
}

static gboolean
evaluate_bool (SbExpression      *expression,
               const SbEvalScope *scope)
{
  g_autoptr(SbValue) value = sb_expression_evaluate (expression, scope);

  return sb_value_get_kind (value) == SB_VALUE_BOOL && sb_value_get_bool (value);
}

/* Recomputes visibility and computed values after any change.  Visibility
 * sees every answer (a condition may name a field of a hidden step);
 * computed values see only what is visible, as the validator does. */
void
sb_answers_refresh (SbAnswers *self)
{
  GPtrArray *steps = sb_form_definition_get_steps (self->definition);
  SbEvalScope scope;

  init_scope (self, &scope);
  self->mask_hidden = FALSE;

  for (guint s = 0; s < steps->len; s++)
    {
      SbStep *step = g_ptr_array_index (steps, s);
      gboolean step_visible = step->visible_when == NULL || evaluate_bool (step->visible_when, &scope);

      for (guint f = 0; f < step->fields->len; f++)
        {
          SbField *field = g_ptr_array_index (step->fields, f);

          self->slots[field->index].visible =
            step_visible && (field->visible_when == NULL || evaluate_bool (field->visible_when, &scope));
        }
    }

  self->mask_hidden = TRUE;
  self->any_invalid = FALSE;

  for (guint i = 0; i < self->n_slots; i++)
    {
      SbField *field = sb_form_definition_get_field_by_index (self->definition, i);
      Slot *slot = &self->slots[i];

      if (field->computed != NULL)
        {
          g_clear_pointer (&slot->value, sb_value_unref);
          slot->value = sb_expression_evaluate (field->computed, &scope);
          if (sb_value_is_null (slot->value))
            g_clear_pointer (&slot->value, sb_value_unref);
        }

      if (field->type == SB_FIELD_TABLE && slot->rows != NULL)
        {
          for (guint c = 0; c < field->columns->len; c++)
            {
              SbField *column = g_ptr_array_index (field->columns, c);

              if (column->computed == NULL)
                continue;

              self->context_table = i;
              for (guint r = 0; r < slot->rows->len; r++)
                {
                  Row *row = g_ptr_array_index (slot->rows, r);

                  self->context_row = r;
                  g_clear_pointer (&row->cells[c], sb_value_unref);
                  row->cells[c] = sb_expression_evaluate (column->computed, &scope);
                  if (sb_value_is_null (row->cells[c]))
                    g_clear_pointer (&row->cells[c], sb_value_unref);
                }
            }
        }

      self->any_invalid |= slot->invalid && slot->visible;
    }
}

gboolean
sb_answers_is_visible (SbAnswers     *self,
                       const SbField *field)
{
  g_return_val_if_fail (SB_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (field->table != NULL)
    return self->slots[field->table->index].visible;
  return self->slots[field->index].visible;
}

void
sb_answers_init_scope (SbAnswers   *self,
                       SbEvalScope *scope,
                       SbCalendar  *calendar)
{
  g_return_if_fail (SB_IS_ANSWERS (self));
  g_return_if_fail (scope != NULL);

  init_scope (self, scope);
  scope->calendar = calendar;
}

gboolean
sb_answers_is_cell_visible (SbAnswers     *self,
                            const SbField *column,
                            guint          row)
{
  SbEvalScope scope;

  g_return_val_if_fail (SB_IS_ANSWERS (self), FALSE);
  g_return_val_if_fail (column != NULL && column->table != NULL, FALSE);

  if (!sb_answers_is_visible (self, column))
    return FALSE;
  if (column->visible_when == NULL)
    return TRUE;
  init_scope (self, &scope);
  return sb_answers_evaluate_in_row (self, column->visible_when, &scope, column->table->index, row);
}

/* Private API, for the validator: evaluate a column expression in a row. */
gboolean
sb_answers_evaluate_in_row (SbAnswers         *self,
                            SbExpression      *expression,
                            const SbEvalScope *scope,
                            guint              table_index,
                            guint              row)
{
  self->context_table = table_index;
  self->context_row = row;
  return evaluate_bool (expression, scope);
}

gboolean
sb_answers_cell_is_invalid (SbAnswers     *self,
                            const SbField *column,
                            guint          row_index)
{
  Slot *slot = &self->slots[column->table->index];
  Row *row;

  if (slot->rows == NULL || row_index >= slot->rows->len)
    return FALSE;
  row = g_ptr_array_index (slot->rows, row_index);
  return row->invalid[column->index];
}
