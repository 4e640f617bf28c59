/* sb-answers.c — the answers to one form, typed for evaluation
 *
 * The JSON object is the source of truth (it is what drafts and packets
 * store, including answers that cannot be read yet); beside it every field
 * and cell has its typed SbValue, or a problem saying why it has none, so
 * that evaluating a rule never parses anything.
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

G_DEFINE_FINAL_TYPE (SbAnswers, sb_answers, G_TYPE_OBJECT)

/* Auxiliary functions */

static void
answer_problem_free (SbAnswerProblem *problem)
{
  g_free (problem->field_id);
  g_free (problem->column_id);
  sb_text_clear (&problem->reason);
  g_free (problem);
}

static void
row_free (Row *row,
          guint n_columns)
{
  for (guint i = 0; i < n_columns; i++)
    g_clear_pointer (&row->cells[i], sb_value_unref);
  g_free (row->cells);
  g_free (row->invalid);
  g_free (row);
}

static void
slot_clear (Slot    *slot,
            SbField *field)
{
  g_clear_pointer (&slot->value, sb_value_unref);
  if (slot->rows != NULL)
    {
      for (guint i = 0; i < slot->rows->len; i++)
        row_free (g_ptr_array_index (slot->rows, i), field->columns->len);
      g_clear_pointer (&slot->rows, g_ptr_array_unref);
    }
  slot->invalid = FALSE;
}

static void
add_problem (SbAnswers     *self,
             const SbField *field,
             int            row,
             const SbField *column,
             SbText        *reason)
{
  SbAnswerProblem *problem = g_new0 (SbAnswerProblem, 1);

  problem->field_id = g_strdup (field->id);
  problem->row = row;
  problem->column_id = column ? g_strdup (column->id) : NULL;
  /* Takes the strings over. */
  problem->reason = *reason;
  *reason = (SbText) { NULL, NULL };
  g_ptr_array_add (self->problems, problem);
}

static Row *
read_row (SbAnswers     *self,
          const SbField *table,
          guint          index,
          JsonNode      *node,
          GStrvBuilder  *unknown)
{
  guint n_columns = table->columns->len;
  Row *row = g_new0 (Row, 1);
  JsonObject *object;
  g_autoptr(GList) members = NULL;
  guint n_known = 0;

  row->cells = g_new0 (SbValue *, n_columns);
  row->invalid = g_new0 (gboolean, n_columns);

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      SbText reason = { NULL, NULL };

      for (guint c = 0; c < n_columns; c++)
        row->invalid[c] = TRUE;
      sb_text_set_printf (&reason, "表格的行格式不正确", "a table row must be an object");
      add_problem (self, table, index, NULL, &reason);
      return row;
    }

  object = json_node_get_object (node);
  for (guint c = 0; c < n_columns; c++)
    {
      SbField *column = g_ptr_array_index (table->columns, c);
      JsonNode *cell = json_object_get_member (object, column->id);
      SbText reason = { NULL, NULL };

      n_known += cell != NULL;
      row->cells[c] = sb_answers_read_value (column, cell, &reason);
      if (reason.zh_CN != NULL)
        {
          row->invalid[c] = TRUE;
          add_problem (self, table, index, column, &reason);
        }
    }

  /* Column ids are distinct (the loader refuses others): when every
   * member was a column, there is no unknown one to look for. */
  if (n_known == json_object_get_size (object))
    return row;

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL; l = l->next)
    {
      gboolean known = FALSE;

      for (guint c = 0; c < n_columns && !known; c++)
        known = g_str_equal (((SbField *) g_ptr_array_index (table->columns, c))->id, l->data);

      if (!known && unknown != NULL)
        {
          g_autofree char *key = g_strdup_printf ("%s[%u].%s", table->id, index, (char *) l->data);
          g_strv_builder_add (unknown, key);
        }
    }

  return row;
}

/* Reads the answer to @field from the JSON into its slot. */
static void
read_slot (SbAnswers    *self,
           SbField      *field,
           GStrvBuilder *unknown)
{
  Slot *slot = &self->slots[field->index];
  JsonNode *node = json_object_get_member (self->json, field->id);

  slot_clear (slot, field);

  if (field->type == SB_FIELD_TABLE)
    {
      JsonArray *array;

      slot->rows = g_ptr_array_new ();
      if (node == NULL || JSON_NODE_HOLDS_NULL (node))
        return;

      if (!JSON_NODE_HOLDS_ARRAY (node))
        {
          SbText reason = { NULL, NULL };

          slot->invalid = TRUE;
          sb_text_set_printf (&reason, "应为表格行的列表", "expected a list of rows");
          add_problem (self, field, -1, NULL, &reason);
          return;
        }

      array = json_node_get_array (node);
      for (guint r = 0; r < json_array_get_length (array); r++)
        {
          Row *row = read_row (self, field, r, json_array_get_element (array, r), unknown);

          for (guint c = 0; c < field->columns->len; c++)
            slot->invalid |= row->invalid[c];
          g_ptr_array_add (slot->rows, row);
        }
      return;
    }

  {
    SbText reason = { NULL, NULL };

    slot->value = sb_answers_read_value (field, node, &reason);
    if (reason.zh_CN != NULL)
      {
        slot->invalid = TRUE;
        add_problem (self, field, -1, NULL, &reason);
      }
  }
}

static void
remove_problems_of (SbAnswers  *self,
                    const char *field_id)
{
  for (guint i = self->problems->len; i > 0; i--)
    {
      SbAnswerProblem *problem = g_ptr_array_index (self->problems, i - 1);

      if (g_str_equal (problem->field_id, field_id))
        g_ptr_array_remove_index (self->problems, i - 1);
    }
}

static JsonArray *
ensure_table_array (SbAnswers  *self,
                    const char *table_id)
{
  JsonNode *node = json_object_get_member (self->json, table_id);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      json_object_set_array_member (self->json, table_id, json_array_new ());
      node = json_object_get_member (self->json, table_id);
    }

  return json_node_get_array (node);
}

static SbField *
lookup_table (SbAnswers  *self,
              const char *table_id)
{
  SbField *table = sb_form_definition_lookup_field (self->definition, table_id);

  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, NULL);
  return table;
}

static void
reread_field (SbAnswers *self,
              SbField   *field)
{
  self->n_edits++;
  remove_problems_of (self, field->id);
  read_slot (self, field, NULL);
  sb_answers_refresh (self);
}

/* GObject overrides */

static void
sb_answers_finalize (GObject *object)
{
  SbAnswers *self = (SbAnswers *) object;

  for (guint i = 0; i < self->n_slots; i++)
    slot_clear (&self->slots[i], sb_form_definition_get_field_by_index (self->definition, i));
  g_free (self->slots);
  g_clear_pointer (&self->json, json_object_unref);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->unknown_keys, g_strfreev);
  g_clear_object (&self->definition);

  G_OBJECT_CLASS (sb_answers_parent_class)->finalize (object);
}

static void
sb_answers_class_init (SbAnswersClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_answers_finalize;
}

static void
sb_answers_init (SbAnswers *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) answer_problem_free);
  self->json = json_object_new ();
  self->unknown_keys = g_new0 (char *, 1);
  self->mask_hidden = TRUE;
}

/* Public API */

SbAnswers *
sb_answers_new (SbFormDefinition *definition)
{
  SbAnswers *self;

  g_return_val_if_fail (SB_IS_FORM_DEFINITION (definition), NULL);

  self = g_object_new (SB_TYPE_ANSWERS, NULL);
  self->definition = g_object_ref (definition);
  self->n_slots = sb_form_definition_get_n_field_slots (definition);
  self->slots = g_new0 (Slot, self->n_slots);

  for (guint i = 0; i < self->n_slots; i++)
    {
      SbField *field = sb_form_definition_get_field_by_index (definition, i);

      if (field->type == SB_FIELD_TABLE)
        self->slots[i].rows = g_ptr_array_new ();
    }

  sb_answers_refresh (self);
  return self;
}

SbFormDefinition *
sb_answers_get_definition (SbAnswers *self)
{
  g_return_val_if_fail (SB_IS_ANSWERS (self), NULL);
  return self->definition;
}

void
sb_answers_set_json (SbAnswers  *self,
                     JsonObject *object)
{
  g_autoptr(JsonNode) wrapper = NULL;
  g_autoptr(JsonNode) copy = NULL;

  g_return_if_fail (SB_IS_ANSWERS (self));
  g_return_if_fail (object != NULL);

  /* A deep copy: the caller's tree may be immutable or change later. */
  wrapper = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (wrapper, object);
  copy = sb_json_deep_copy (wrapper);
  sb_answers_take_json (self, json_object_ref (json_node_get_object (copy)));
}

void
sb_answers_take_json (SbAnswers  *self,
                      JsonObject *object)
{
  g_autoptr(GStrvBuilder) unknown = g_strv_builder_new ();
  g_autoptr(GList) members = NULL;

  g_return_if_fail (SB_IS_ANSWERS (self));
  g_return_if_fail (object != NULL);
  /* Edits change the tree in place. */
  g_return_if_fail (!json_object_is_immutable (object));

  g_clear_pointer (&self->json, json_object_unref);
  self->json = object;
  self->n_edits++;

  g_ptr_array_set_size (self->problems, 0);

  for (guint i = 0; i < self->n_slots; i++)
    read_slot (self, sb_form_definition_get_field_by_index (self->definition, i), unknown);

  members = json_object_get_members (self->json);
  for (const GList *l = members; l != NULL; l = l->next)
    if (sb_form_definition_lookup_field (self->definition, l->data) == NULL)
      g_strv_builder_add (unknown, l->data);

  g_strfreev (self->unknown_keys);
  self->unknown_keys = g_strv_builder_end (unknown);

  sb_answers_refresh (self);
}

JsonObject *
sb_answers_to_json (SbAnswers *self,
                    gboolean   only_visible)
{
  GPtrArray *fields;
  JsonObject *result;

  g_return_val_if_fail (SB_IS_ANSWERS (self), NULL);

  fields = sb_form_definition_get_fields (self->definition);
  result = json_object_new ();

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      JsonNode *node = json_object_get_member (self->json, field->id);

      if (node == NULL || field->computed != NULL)
        continue;
      if (only_visible && !self->slots[field->index].visible)
        continue;

      if (field->type == SB_FIELD_TABLE && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *rows = json_node_get_array (node);
          JsonArray *copy = json_array_new ();

          for (guint r = 0; r < json_array_get_length (rows); r++)
            {
              JsonNode *row = json_array_get_element (rows, r);
              JsonObject *row_copy = json_object_new ();

              if (JSON_NODE_HOLDS_OBJECT (row))
                for (guint c = 0; c < field->columns->len; c++)
                  {
                    SbField *column = g_ptr_array_index (field->columns, c);
                    JsonNode *cell = json_object_get_member (json_node_get_object (row), column->id);

                    if (cell != NULL && column->computed == NULL)
                      json_object_set_member (row_copy, column->id, sb_json_deep_copy (cell));
                  }
              json_array_add_object_element (copy, row_copy);
            }
          json_object_set_array_member (result, field->id, copy);
        }
      else
        {
          json_object_set_member (result, field->id, sb_json_deep_copy (node));
        }
    }

  return result;
}

void
sb_answers_set_field (SbAnswers  *self,
                      const char *field_id,
                      JsonNode   *value)
{
  SbField *field;

  g_return_if_fail (SB_IS_ANSWERS (self));
  g_return_if_fail (field_id != NULL);

  field = sb_form_definition_lookup_field (self->definition, field_id);
  g_return_if_fail (field != NULL);

  if (value == NULL)
    json_object_remove_member (self->json, field_id);
  else
    json_object_set_member (self->json, field_id, sb_json_deep_copy (value));

  reread_field (self, field);
}

JsonNode *
sb_answers_get_field_json (SbAnswers  *self,
                           const char *field_id)
{
  g_return_val_if_fail (SB_IS_ANSWERS (self), NULL);
  g_return_val_if_fail (field_id != NULL, NULL);

  return json_object_get_member (self->json, field_id);
}

guint
sb_answers_get_row_count (SbAnswers  *self,
                          const char *table_id)
{
  SbField *table;

  g_return_val_if_fail (SB_IS_ANSWERS (self), 0);

  table = lookup_table (self, table_id);
  if (table == NULL)
    return 0;
  return self->slots[table->index].rows->len;
}

void
sb_answers_set_cell (SbAnswers  *self,
                     const char *table_id,
                     guint       row_index,
                     const char *column_id,
                     JsonNode   *value)
{
  SbField *table;
  JsonArray *rows;
  JsonNode *row;
  Slot *slot;
  Row *typed_row;
  guint column_index = G_MAXUINT;
  SbText reason = { NULL, NULL };

  g_return_if_fail (SB_IS_ANSWERS (self));
  g_return_if_fail (column_id != NULL);

  table = lookup_table (self, table_id);
  if (table == NULL)
    return;

  for (guint c = 0; c < table->columns->len; c++)
    if (g_str_equal (((SbField *) g_ptr_array_index (table->columns, c))->id, column_id))
      column_index = c;
  g_return_if_fail (column_index != G_MAXUINT);

  rows = ensure_table_array (self, table_id);
  g_return_if_fail (row_index < json_array_get_length (rows));

  /* A cell is an edit of its table as sb_revalidate() counts them: a
   * report made before this one and a later edit must not pass for one
   * made just before that later edit. */
  self->n_edits++;

  row = json_array_get_element (rows, row_index);
  if (!JSON_NODE_HOLDS_OBJECT (row))
    {
      g_autoptr(JsonObject) fresh = json_object_new ();

      /* The row was unreadable; editing it starts it afresh. */
      json_node_init_object (row, fresh);
      reread_field (self, table);
    }

  if (value == NULL)
    json_object_remove_member (json_node_get_object (row), column_id);
  else
    json_object_set_member (json_node_get_object (row), column_id, sb_json_deep_copy (value));

  /* Only this cell changes: keystrokes in a 1,000-row table stay cheap. */
  slot = &self->slots[table->index];
  typed_row = g_ptr_array_index (slot->rows, row_index);
  g_clear_pointer (&typed_row->cells[column_index], sb_value_unref);
  typed_row->cells[column_index] = sb_answers_read_value (g_ptr_array_index (table->columns, column_index),
                                                          value, &reason);
  typed_row->invalid[column_index] = reason.zh_CN != NULL;

  for (guint i = self->problems->len; i > 0; i--)
    {
      SbAnswerProblem *problem = g_ptr_array_index (self->problems, i - 1);

      if (g_str_equal (problem->field_id, table->id) && problem->row == (int) row_index &&
          g_strcmp0 (problem->column_id, column_id) == 0)
        g_ptr_array_remove_index (self->problems, i - 1);
    }
  if (reason.zh_CN != NULL)
    add_problem (self, table, row_index, g_ptr_array_index (table->columns, column_index), &reason);

  slot->invalid = FALSE;
  for (guint r = 0; r < slot->rows->len && !slot->invalid; r++)
    {
      Row *any_row = g_ptr_array_index (slot->rows, r);

      for (guint c = 0; c < table->columns->len; c++)
        slot->invalid |= any_row->invalid[c];
    }

  sb_answers_refresh (self);
}

void
sb_answers_insert_row (SbAnswers  *self,
                       const char *table_id,
                       guint       position,
                       JsonObject *row)
{
  SbField *table;
  JsonArray *rows;
  JsonArray *rebuilt;
  JsonNode *new_row;

  g_return_if_fail (SB_IS_ANSWERS (self));

  table = lookup_table (self, table_id);
  if (table == NULL)
    return;

  rows = ensure_table_array (self, table_id);
  g_return_if_fail (position <= json_array_get_length (rows));

  {
    g_autoptr(JsonNode) wrapper = json_node_new (JSON_NODE_OBJECT);

    json_node_take_object (wrapper, row ? json_object_ref (row) : json_object_new ());
    new_row = sb_json_deep_copy (wrapper);
  }

  /* JsonArray has no insert: rebuild it. */
  rebuilt = json_array_new ();
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      if (i == position)
        json_array_add_element (rebuilt, json_node_ref (new_row));
      json_array_add_element (rebuilt, json_node_ref (json_array_get_element (rows, i)));
    }
  if (position == json_array_get_length (rows))
    json_array_add_element (rebuilt, json_node_ref (new_row));
  json_node_unref (new_row);

  json_object_set_array_member (self->json, table_id, rebuilt);
  reread_field (self, table);
}

void
sb_answers_remove_row (SbAnswers  *self,
                       const char *table_id,
                       guint       position)
{
  SbField *table;
  JsonArray *rows;

  g_return_if_fail (SB_IS_ANSWERS (self));

  table = lookup_table (self, table_id);
  if (table == NULL)
    return;

  rows = ensure_table_array (self, table_id);
  g_return_if_fail (position < json_array_get_length (rows));

  json_array_remove_element (rows, position);
  reread_field (self, table);
}

SbValue *
sb_answers_get_value (SbAnswers     *self,
                      const SbField *field)
{
  g_return_val_if_fail (SB_IS_ANSWERS (self), NULL);
  g_return_val_if_fail (field != NULL && field->table == NULL, NULL);
  g_return_val_if_fail (field->index < self->n_slots, NULL);

  return self->slots[field->index].value;
}

SbValue *
sb_answers_get_cell_value (SbAnswers     *self,
                           const SbField *column,
                           guint          row_index)
{
  Slot *slot;
  Row *row;

  g_return_val_if_fail (SB_IS_ANSWERS (self), NULL);
  g_return_val_if_fail (column != NULL && column->table != NULL, NULL);

  slot = &self->slots[column->table->index];
  if (slot->rows == NULL || row_index >= slot->rows->len)
    return NULL;
  row = g_ptr_array_index (slot->rows, row_index);
  return row->cells[column->index];
}

GPtrArray *
sb_answers_get_problems (SbAnswers *self)
{
  g_return_val_if_fail (SB_IS_ANSWERS (self), NULL);
  return self->problems;
}

const char * const *
sb_answers_get_unknown_keys (SbAnswers *self)
{
  g_return_val_if_fail (SB_IS_ANSWERS (self), NULL);
  return (const char * const *) self->unknown_keys;
}

char *
sb_answers_dup_summary (SbAnswers *self)
{
  GPtrArray *fields;
  GString *text;

  g_return_val_if_fail (SB_IS_ANSWERS (self), NULL);

  fields = sb_form_definition_get_summary_fields (sb_answers_get_definition (self));
  text = g_string_new (NULL);
  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      g_autofree char *value = sb_field_format_answer (field, sb_answers_get_field_json (self, field->id));

      if (*value == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, " · ");
      g_string_append (text, value);
    }
  return g_string_free (text, FALSE);
}
