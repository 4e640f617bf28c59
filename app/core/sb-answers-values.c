/* sb-answers-values.c — reading an answer as the typed value of its field
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
#include "sb-input-normalize.h"
#include "sb-json-reader.h"
#include "sb-media-type.h"
#include "sb-safe-text.h"

gboolean
sb_answers_node_is_string (JsonNode *node)
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

/* Why @text (a string answer that does not read as @field's type) cannot
 * be read: the same message typing it gives, or, for text that would be
 * read once normalised (a value written by another program), how to
 * write it. */
static void
explain_unreadable (const SbField *field,
                    const char    *text,
                    SbText        *reason)
{
  g_autoptr(JsonNode) value = NULL;

  if (!sb_field_parse_input (field, text, &value, reason))
    return;
  sb_text_clear (reason);
  if (value != NULL && sb_answers_node_is_string (value))
    sb_text_set_printf (reason, "应写作“%s”", "should be written “%s”", json_node_get_string (value));
  else if (value != NULL)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

      sb_text_set_printf (reason, "应写作“%s”", "should be written “%s”", number);
    }
  else
    sb_text_set_printf (reason, "无法识别", "cannot be read");
}

/* The typed value of @node as an answer to @field: NULL with @reason set
 * (in both languages) when it cannot be read, NULL with @reason left empty
 * when blank. */
SbValue *
sb_answers_read_value (const SbField *field,
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
      if (!sb_answers_node_is_string (node))
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
    case SB_FIELD_CREDIT_CODE_OR_ID:
    case SB_FIELD_ID_DOCUMENT:
    case SB_FIELD_PHONE:
      {
        g_autoptr(JsonNode) value = NULL;

        if (!sb_answers_node_is_string (node))
          break;
        if (is_blank_text (json_node_get_string (node)))
          return NULL;

        /* The field's type decides the check, the same in every form; a
         * lower-case x or spaces in a number are the same number. */
        if (!sb_field_parse_input (field, json_node_get_string (node), &value, reason))
          {
            if (reason->zh_CN == NULL)
              sb_text_set_printf (reason, "号码无效", "not a valid number");
            return NULL;
          }
        return sb_value_new_text (json_node_get_string (value));
      }

    case SB_FIELD_INTEGER:
      {
        mpq_t q;
        SbValue *value = NULL;

        if (sb_answers_node_is_string (node))
          {
            if (is_blank_text (json_node_get_string (node)))
              return NULL;
            explain_unreadable (field, json_node_get_string (node), reason);
            return NULL;
          }
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
        else if (sb_answers_node_is_string (node))
          {
            const char *text = json_node_get_string (node);

            if (is_blank_text (text))
              return NULL;

            mpq_init (q);
            if (!sb_decimal_parse (text, q))
              {
                explain_unreadable (field, text, reason);
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

        if (!sb_answers_node_is_string (node))
          break;
        if (is_blank_text (json_node_get_string (node)))
          return NULL;
        if (!sb_date_parse (json_node_get_string (node), &julian_day))
          {
            explain_unreadable (field, json_node_get_string (node), reason);
            return NULL;
          }
        return sb_value_new_date (julian_day);
      }

    case SB_FIELD_TIME:
      {
        int minutes;

        if (!sb_answers_node_is_string (node))
          break;
        if (is_blank_text (json_node_get_string (node)))
          return NULL;
        if (!sb_time_parse (json_node_get_string (node), &minutes))
          {
            explain_unreadable (field, json_node_get_string (node), reason);
            return NULL;
          }
        return sb_value_new_time (minutes);
      }

    case SB_FIELD_CHOICE:
      if (!sb_answers_node_is_string (node))
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

            if (!sb_answers_node_is_string (item))
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
      return sb_answers_read_attachments (field, node, reason);

    case SB_FIELD_TABLE:
    default:
      g_assert_not_reached ();
    }

  sb_text_set_printf (reason, "应为文本", "expected text");
  return NULL;
}
