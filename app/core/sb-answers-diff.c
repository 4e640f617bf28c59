/* sb-answers-diff.c — what changed between two versions of an application
 *
 * A resubmitted packet is compared with the earlier one as the reviewer
 * reads them: each answer in its printed form (是/否, amounts with units,
 * file names), so a change of representation that means the same is not a
 * change, and a change of meaning always is.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-answers-diff"

#include "config.h"

#include "sb-field-format.h"
#include "sb-answers-diff.h"

static JsonObject *
row_object (SbAnswers  *answers,
            const char *table,
            guint       row)
{
  JsonNode *node = sb_answers_get_field_json (answers, table);
  JsonNode *element;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || row >= json_array_get_length (json_node_get_array (node)))
    return NULL;
  element = json_array_get_element (json_node_get_array (node), row);
  return JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
}

static char *
cell_text (const SbField *column,
           JsonObject    *row)
{
  return sb_field_format_answer (column, row ? json_object_get_member (row, column->id) : NULL);
}

/* A row as one line, for rows added or removed. */
static char *
row_text (const SbField *table,
          JsonObject    *row)
{
  GString *text = g_string_new (NULL);

  for (guint c = 0; c < table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (table->columns, c);
      g_autofree char *value = cell_text (column, row);

      if (*value == '\0')
        continue;
      if (text->len > 0)
        g_string_append (text, "；");
      g_string_append_printf (text, "%s：%s", sb_text_get (&column->label), value);
    }
  return g_string_free (text, FALSE);
}

static void
add_change (GPtrArray     *changes,
            SbChangeKind   kind,
            const SbField *field,
            int            row,
            const SbField *column,
            char          *before,
            char          *after)
{
  SbAnswerChange *change = g_new0 (SbAnswerChange, 1);

  change->kind = kind;
  change->field = field;
  change->row = row;
  change->column = column;
  change->before = before;
  change->after = after;
  g_ptr_array_add (changes, change);
}

static void
diff_table (GPtrArray     *changes,
            SbAnswers     *before,
            SbAnswers     *after,
            const SbField *table,
            const SbField *old_table)
{
  guint old_rows = old_table ? sb_answers_get_row_count (before, old_table->id) : 0;
  guint new_rows = sb_answers_get_row_count (after, table->id);

  for (guint r = 0; r < MAX (old_rows, new_rows); r++)
    {
      JsonObject *old_row = r < old_rows ? row_object (before, table->id, r) : NULL;
      JsonObject *new_row = r < new_rows ? row_object (after, table->id, r) : NULL;

      if (r >= old_rows)
        {
          add_change (changes, SB_CHANGE_ROW_ADDED, table, r, NULL, g_strdup (""), row_text (table, new_row));
          continue;
        }
      if (r >= new_rows)
        {
          add_change (changes, SB_CHANGE_ROW_REMOVED, table, r, NULL, row_text (old_table, old_row), g_strdup (""));
          continue;
        }

      for (guint c = 0; c < table->columns->len; c++)
        {
          const SbField *column = g_ptr_array_index (table->columns, c);
          g_autofree char *was = cell_text (column, old_row);
          g_autofree char *is = cell_text (column, new_row);

          if (!g_str_equal (was, is))
            add_change (changes, SB_CHANGE_CHANGED, table, r, column, g_steal_pointer (&was), g_steal_pointer (&is));
        }
    }
}

void
sb_answer_change_free (SbAnswerChange *change)
{
  if (change == NULL)
    return;
  g_free (change->before);
  g_free (change->after);
  g_free (change);
}

GPtrArray *
sb_answers_diff (SbAnswers *before,
                 SbAnswers *after)
{
  SbFormDefinition *old_definition, *new_definition;
  GPtrArray *changes;
  GPtrArray *fields;

  g_return_val_if_fail (SB_IS_ANSWERS (before), NULL);
  g_return_val_if_fail (SB_IS_ANSWERS (after), NULL);

  old_definition = sb_answers_get_definition (before);
  new_definition = sb_answers_get_definition (after);
  changes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_answer_change_free);

  fields = sb_form_definition_get_fields (new_definition);
  for (guint f = 0; f < fields->len; f++)
    {
      const SbField *field = g_ptr_array_index (fields, f);
      const SbField *old_field = sb_form_definition_lookup_field (old_definition, field->id);

      if (field->type == SB_FIELD_TABLE)
        diff_table (changes, before, after, field, old_field && old_field->type == SB_FIELD_TABLE ? old_field : NULL);
      else
        {
          g_autofree char *was = old_field ? sb_field_format_answer (old_field, sb_answers_get_field_json (before, field->id))
                                           : g_strdup ("");
          g_autofree char *is = sb_field_format_answer (field, sb_answers_get_field_json (after, field->id));

          if (!g_str_equal (was, is))
            add_change (changes, SB_CHANGE_CHANGED, field, -1, NULL, g_steal_pointer (&was), g_steal_pointer (&is));
        }
    }

  /* Answers to questions the newer version no longer asks. */
  fields = sb_form_definition_get_fields (old_definition);
  for (guint f = 0; f < fields->len; f++)
    {
      const SbField *old_field = g_ptr_array_index (fields, f);
      g_autofree char *was = NULL;

      if (sb_form_definition_lookup_field (new_definition, old_field->id) != NULL || old_field->type == SB_FIELD_TABLE)
        continue;
      was = sb_field_format_answer (old_field, sb_answers_get_field_json (before, old_field->id));
      if (*was != '\0')
        add_change (changes, SB_CHANGE_CHANGED, old_field, -1, NULL, g_steal_pointer (&was), g_strdup (""));
    }

  return changes;
}
