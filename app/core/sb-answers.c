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

typedef struct
{
  SbValue  **cells;     /* per column; NULL = blank or invalid */
  gboolean  *invalid;   /* per column */
} Row;

typedef struct
{
  SbValue   *value;     /* NULL = blank or invalid */
  gboolean   invalid;   /* for a table: any cell invalid */
  gboolean   visible;
  GPtrArray *rows;      /* Row*, for tables */
} Slot;

struct _SbAnswers
{
  GObject           parent_instance;

  SbFormDefinition *definition;
  JsonObject       *json;
  guint             n_slots;
  Slot             *slots;
  GPtrArray        *problems;      /* SbAnswerProblem* */
  GStrv             unknown_keys;
  gboolean          any_invalid;

  /* Row context of column expressions while they are evaluated. */
  guint             context_table;
  guint             context_row;
  /* FALSE while visibility itself is computed: all answers are seen. */
  gboolean          mask_hidden;
};

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

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
is_blank_text (const char *text)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_bounds (const SbField *field,
              const mpq_t    q,
              SbText        *reason)
{
  mpq_t bound;
  gboolean ok = TRUE;

  mpq_init (bound);

  if (field->min != NULL && sb_decimal_parse (field->min, bound) && mpq_cmp (q, bound) < 0)
    {
      sb_text_set_printf (reason, "不能小于 %s", "must be at least %s", field->min);
      ok = FALSE;
    }
  else if (field->max != NULL && sb_decimal_parse (field->max, bound) && mpq_cmp (q, bound) > 0)
    {
      sb_text_set_printf (reason, "不能大于 %s", "must be at most %s", field->max);
      ok = FALSE;
    }

  mpq_clear (bound);
  return ok;
}

static int
count_fraction_digits (const char *text)
{
  const char *dot = strchr (text, '.');

  return dot ? (int) strlen (dot + 1) : 0;
}

static SbValue *
read_attachments (const SbField *field,
                  JsonNode      *node,
                  SbText        *reason)
{
  static const char *keys[] = { "name", "media_type", "size", "sha256", NULL };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      sb_text_set_printf (reason, "应为所附文件的列表", "expected a list of attached files");
      return NULL;
    }

  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return NULL;

  if (!field->multiple && json_array_get_length (array) > 1)
    {
      sb_text_set_printf (reason, "此处只能上传一个文件", "only one file may be attached here");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *size;
      const char *name, *media_type, *sha256;
      g_autoptr(GList) members = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          sb_text_set_printf (reason, "第 %u 个文件的说明格式不正确", "file %u is not a file description", i + 1);
          return NULL;
        }

      object = json_node_get_object (item);
      members = json_object_get_members (object);
      for (const GList *l = members; l != NULL; l = l->next)
        if (!g_strv_contains (keys, l->data))
          {
            sb_text_set_printf (reason, "第 %u 个文件含有未知的成员“%s”", "file %u has an unknown member '%s'",
                                i + 1, (char *) l->data);
            return NULL;
          }

      name = json_object_has_member (object, "name") && node_is_string (json_object_get_member (object, "name"))
        ? json_object_get_string_member (object, "name") : NULL;
      media_type = json_object_has_member (object, "media_type") && node_is_string (json_object_get_member (object, "media_type"))
        ? json_object_get_string_member (object, "media_type") : NULL;
      sha256 = json_object_has_member (object, "sha256") && node_is_string (json_object_get_member (object, "sha256"))
        ? json_object_get_string_member (object, "sha256") : NULL;
      size = json_object_get_member (object, "size");

      if (name == NULL || *name == '\0')
        {
          sb_text_set_printf (reason, "第 %u 个文件没有文件名", "file %u has no name", i + 1);
          return NULL;
        }
      /* As the packet reader refuses them: a name that could hide or
       * reverse text, or that a desktop would run. */
      if (sb_safe_text_has_controls (name) || strchr (name, '/') != NULL || strchr (name, '\\') != NULL ||
          g_str_equal (name, ".") || g_str_equal (name, ".."))
        {
          g_autofree char *shown = sb_safe_text_reveal (name, SB_SAFE_TEXT_DEFAULT);

          sb_text_set_printf (reason, "文件名“%s”含有控制字符、双向文字控制符或文件夹",
                              "the file name “%s” contains control or bidirectional characters or folders", shown);
          return NULL;
        }
      if (strlen (name) > 255)
        {
          sb_text_set_printf (reason, "第 %u 个文件的文件名超过 255 字节", "the name of file %u is longer than 255 bytes",
                              i + 1);
          return NULL;
        }
      if (media_type == NULL || !g_strv_contains ((const char * const *) field->media_types, media_type))
        {
          g_autofree char *accepted_zh = g_strjoinv ("、", field->media_types);
          g_autofree char *accepted_en = g_strjoinv (", ", field->media_types);

          /* Not sb_text_set_printf(): the Chinese lists with “、” and says
           * “no type given” rather than “of type unknown”. */
          sb_text_clear (reason);
          reason->zh_CN = media_type ? g_strdup_printf ("“%s”的类型为 %s，只接受 %s", name, media_type, accepted_zh)
                                     : g_strdup_printf ("“%s”未注明文件类型，只接受 %s", name, accepted_zh);
          reason->en = g_strdup_printf ("“%s” is of type %s; accepted are %s", name,
                                        media_type ? media_type : "unknown", accepted_en);
          return NULL;
        }
      /* After the type: a declared program type says more than its name. */
      if (sb_media_name_is_executable (name))
        {
          sb_text_set_printf (reason, "“%s”的文件名属于程序或启动器类型，不能作为附件",
                              "“%s” is named as a program or launcher, which cannot be attached", name);
          return NULL;
        }
      if (size == NULL || !JSON_NODE_HOLDS_VALUE (size) || json_node_get_value_type (size) != G_TYPE_INT64 ||
          json_node_get_int (size) < 0)
        {
          sb_text_set_printf (reason, "“%s”的文件大小无效", "“%s” has no valid size", name);
          return NULL;
        }
      if (json_node_get_int (size) > field->max_size)
        {
          sb_text_set_printf (reason, "“%s”超过了 %" G_GINT64_FORMAT " 字节的上限",
                              "“%s” is larger than %" G_GINT64_FORMAT " bytes", name, field->max_size);
          return NULL;
        }
      if (sha256 == NULL || strlen (sha256) != 64 || strspn (sha256, "0123456789abcdef") != 64)
        {
          sb_text_set_printf (reason, "“%s”的 SHA-256 校验值无效", "“%s” has no valid SHA-256", name);
          return NULL;
        }

      g_ptr_array_add (names, (gpointer) name);
    }

  return sb_value_new_files ((const char * const *) names->pdata, names->len);
}

/* The typed value of @node as an answer to @field: NULL with @reason set
 * (in both languages) when it cannot be read, NULL with @reason left empty
 * when blank. */
static SbValue *
read_value (const SbField *field,
            JsonNode      *node,
            SbText        *reason)
{
  g_assert (reason->zh_CN == NULL && reason->en == NULL);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  switch (field->type)
    {
    case SB_FIELD_TEXT:
    case SB_FIELD_MULTILINE:
      if (!node_is_string (node))
        break;
      if (is_blank_text (json_node_get_string (node)))
        return NULL;
      if (field->max_length > 0 && g_utf8_strlen (json_node_get_string (node), -1) > field->max_length)
        {
          sb_text_set_printf (reason, "最多 %d 个字", "at most %d characters", field->max_length);
          return NULL;
        }
      return sb_value_new_text (json_node_get_string (node));

    case SB_FIELD_RESIDENT_ID:
    case SB_FIELD_CREDIT_CODE:
      {
        g_autofree char *upper = NULL;
        gboolean ok;

        if (!node_is_string (node))
          break;
        if (is_blank_text (json_node_get_string (node)))
          return NULL;

        /* A lower-case 'x' check character is the same number. */
        upper = g_ascii_strup (json_node_get_string (node), -1);
        if (field->type == SB_FIELD_RESIDENT_ID)
          ok = sb_resident_id_check (upper, NULL, reason);
        else
          ok = sb_credit_code_check (upper, reason);

        if (!ok)
          {
            if (reason->zh_CN == NULL)
              sb_text_set_printf (reason, "号码无效", "not a valid number");
            return NULL;
          }
        return sb_value_new_text (upper);
      }

    case SB_FIELD_INTEGER:
      {
        mpq_t q;
        SbValue *value = NULL;

        if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
          {
            sb_text_set_printf (reason, "应为整数", "expected a whole number");
            return NULL;
          }

        mpq_init (q);
        mpq_set_si (q, json_node_get_int (node), 1);
        if (check_bounds (field, q, reason))
          value = sb_value_new_number (q);
        mpq_clear (q);
        return value;
      }

    case SB_FIELD_DECIMAL:
      {
        mpq_t q;
        SbValue *value = NULL;

        if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64)
          {
            mpq_init (q);
            mpq_set_si (q, json_node_get_int (node), 1);
          }
        else if (node_is_string (node))
          {
            const char *text = json_node_get_string (node);

            if (is_blank_text (text))
              return NULL;

            mpq_init (q);
            if (!sb_decimal_parse (text, q))
              {
                sb_text_set_printf (reason, "“%s”不是数字", "“%s” is not a number", text);
                mpq_clear (q);
                return NULL;
              }
            if (field->scale >= 0 && count_fraction_digits (text) > field->scale)
              {
                sb_text_set_printf (reason, "最多 %d 位小数", "at most %d decimal places", field->scale);
                mpq_clear (q);
                return NULL;
              }
          }
        else
          {
            /* Binary floating point never enters the engine. */
            sb_text_set_printf (reason, "小数应以文本形式填写，例如“12.50”",
                                "decimals must be written as text, e.g. \"12.50\"");
            return NULL;
          }

        if (check_bounds (field, q, reason))
          value = sb_value_new_number (q);
        mpq_clear (q);
        return value;
      }

    case SB_FIELD_DATE:
      {
        gint32 julian_day;

        if (!node_is_string (node))
          break;
        if (is_blank_text (json_node_get_string (node)))
          return NULL;
        if (!sb_date_parse (json_node_get_string (node), &julian_day))
          {
            sb_text_set_printf (reason, "“%s”不是有效日期（格式：YYYY-MM-DD）",
                                "“%s” is not a real date (YYYY-MM-DD)", json_node_get_string (node));
            return NULL;
          }
        return sb_value_new_date (julian_day);
      }

    case SB_FIELD_TIME:
      {
        int minutes;

        if (!node_is_string (node))
          break;
        if (is_blank_text (json_node_get_string (node)))
          return NULL;
        if (!sb_time_parse (json_node_get_string (node), &minutes))
          {
            sb_text_set_printf (reason, "“%s”不是有效时间（格式：HH:MM）",
                                "“%s” is not a time (HH:MM)", json_node_get_string (node));
            return NULL;
          }
        return sb_value_new_time (minutes);
      }

    case SB_FIELD_CHOICE:
      if (!node_is_string (node))
        break;
      if (*json_node_get_string (node) == '\0')
        return NULL;
      if (!g_strv_contains (field->choice_values, json_node_get_string (node)))
        {
          sb_text_set_printf (reason, "“%s”不是可选的选项", "“%s” is not one of the options",
                              json_node_get_string (node));
          return NULL;
        }
      return sb_value_new_text (json_node_get_string (node));

    case SB_FIELD_MULTICHOICE:
      {
        JsonArray *array;
        g_autoptr(GPtrArray) items = NULL;

        if (!JSON_NODE_HOLDS_ARRAY (node))
          {
            sb_text_set_printf (reason, "应为选项列表", "expected a list of options");
            return NULL;
          }

        array = json_node_get_array (node);
        items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            JsonNode *item = json_array_get_element (array, i);
            const char *text;

            if (!node_is_string (item))
              {
                sb_text_set_printf (reason, "应为选项列表", "expected a list of options");
                return NULL;
              }
            text = json_node_get_string (item);
            if (!g_strv_contains (field->choice_values, text))
              {
                sb_text_set_printf (reason, "“%s”不是可选的选项", "“%s” is not one of the options", text);
                return NULL;
              }
            for (guint j = 0; j < items->len; j++)
              if (g_str_equal (sb_value_get_text (g_ptr_array_index (items, j)), text))
                {
                  sb_text_set_printf (reason, "“%s”选了两次", "“%s” is chosen twice", text);
                  return NULL;
                }
            g_ptr_array_add (items, sb_value_new_text (text));
          }

        if (items->len == 0)
          return NULL;
        return sb_value_new_list (g_steal_pointer (&items));
      }

    case SB_FIELD_BOOLEAN:
      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
        {
          sb_text_set_printf (reason, "应回答“是”或“否”", "expected yes (true) or no (false)");
          return NULL;
        }
      return sb_value_new_bool (json_node_get_boolean (node));

    case SB_FIELD_ATTACHMENT:
      return read_attachments (field, node, reason);

    case SB_FIELD_TABLE:
    default:
      g_assert_not_reached ();
    }

  sb_text_set_printf (reason, "应为文本", "expected text");
  return NULL;
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
      SbText reason = { NULL, NULL };

      row->cells[c] = read_value (column, json_object_get_member (object, column->id), &reason);
      if (reason.zh_CN != NULL)
        {
          row->invalid[c] = TRUE;
          add_problem (self, table, index, column, &reason);
        }
    }

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

    slot->value = read_value (field, node, &reason);
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
static void
refresh (SbAnswers *self)
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
  remove_problems_of (self, field->id);
  read_slot (self, field, NULL);
  refresh (self);
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

  refresh (self);
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
  g_autoptr(GStrvBuilder) unknown = g_strv_builder_new ();
  g_autoptr(GList) members = NULL;
  JsonNode *copy;

  g_return_if_fail (SB_IS_ANSWERS (self));
  g_return_if_fail (object != NULL);

  /* A deep copy: the caller's tree may be immutable or change later. */
  {
    g_autoptr(JsonNode) wrapper = json_node_new (JSON_NODE_OBJECT);

    json_node_set_object (wrapper, object);
    copy = sb_json_deep_copy (wrapper);
  }
  g_clear_pointer (&self->json, json_object_unref);
  self->json = json_object_ref (json_node_get_object (copy));
  json_node_unref (copy);

  g_ptr_array_set_size (self->problems, 0);

  for (guint i = 0; i < self->n_slots; i++)
    read_slot (self, sb_form_definition_get_field_by_index (self->definition, i), unknown);

  members = json_object_get_members (self->json);
  for (const GList *l = members; l != NULL; l = l->next)
    if (sb_form_definition_lookup_field (self->definition, l->data) == NULL)
      g_strv_builder_add (unknown, l->data);

  g_strfreev (self->unknown_keys);
  self->unknown_keys = g_strv_builder_end (unknown);

  refresh (self);
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
sb_answers_json_foreach_attachment (SbFormDefinition *definition,
                                    JsonObject       *answers,
                                    SbAttachmentFunc  func,
                                    gpointer          user_data)
{
  GPtrArray *fields;

  g_return_if_fail (SB_IS_FORM_DEFINITION (definition));
  g_return_if_fail (answers != NULL);
  g_return_if_fail (func != NULL);

  fields = sb_form_definition_get_fields (definition);
  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      JsonNode *node = json_object_get_member (answers, field->id);

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;

      if (field->type == SB_FIELD_ATTACHMENT)
        {
          JsonArray *array = json_node_get_array (node);

          for (guint j = 0; j < json_array_get_length (array); j++)
            if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, j)))
              func (field->id, -1, json_array_get_object_element (array, j), user_data);
        }
      else if (field->type == SB_FIELD_TABLE)
        {
          JsonArray *rows = json_node_get_array (node);

          for (guint r = 0; r < json_array_get_length (rows); r++)
            {
              JsonNode *row = json_array_get_element (rows, r);

              if (!JSON_NODE_HOLDS_OBJECT (row))
                continue;
              for (guint c = 0; c < field->columns->len; c++)
                {
                  SbField *column = g_ptr_array_index (field->columns, c);
                  JsonNode *cell = json_object_get_member (json_node_get_object (row), column->id);
                  g_autofree char *path = NULL;
                  JsonArray *array;

                  if (column->type != SB_FIELD_ATTACHMENT || cell == NULL || !JSON_NODE_HOLDS_ARRAY (cell))
                    continue;
                  path = g_strdup_printf ("%s[].%s", field->id, column->id);
                  array = json_node_get_array (cell);
                  for (guint j = 0; j < json_array_get_length (array); j++)
                    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, j)))
                      func (path, (int) r, json_array_get_object_element (array, j), user_data);
                }
            }
        }
    }
}

void
sb_answers_foreach_attachment (SbAnswers        *self,
                               SbAttachmentFunc  func,
                               gpointer          user_data)
{
  g_autoptr(JsonObject) visible = NULL;

  g_return_if_fail (SB_IS_ANSWERS (self));
  g_return_if_fail (func != NULL);

  visible = sb_answers_to_json (self, TRUE);
  sb_answers_json_foreach_attachment (self->definition, visible, func, user_data);
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
  typed_row->cells[column_index] = read_value (g_ptr_array_index (table->columns, column_index),
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

  refresh (self);
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
