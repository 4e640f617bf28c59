/* sb-field-format.c — answers as a person reads them
 *
 * Used wherever answers are shown rather than edited: the PDF, the review
 * page, the reviewer's view.  Unreadable answers are shown as they were
 * given, never hidden.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-field-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-field-format.h"
#include "sb-input-normalize.h"
#include "sb-json-writer.h"
#include "sb-value.h"

static char *
node_to_text (JsonNode *node)
{
  return sb_json_to_data (node, FALSE, NULL);
}

/* "1234567.50" -> "1,234,567.50"; only ever given a number's canonical
 * text (ASCII), see is_canonical_number(). */
static char *
group_digits (const char *decimal)
{
  const char *digits = decimal[0] == '-' ? decimal + 1 : decimal;
  const char *dot = strchr (digits, '.');
  gsize integer_length = (dot ? (gsize) (dot - digits) : strlen (digits));
  GString *text = g_string_new (decimal[0] == '-' ? "-" : NULL);

  for (gsize i = 0; i < integer_length; i++)
    {
      if (i > 0 && (integer_length - i) % 3 == 0)
        g_string_append_c (text, ',');
      g_string_append_c (text, digits[i]);
    }
  if (dot != NULL)
    g_string_append (text, dot);

  return g_string_free (text, FALSE);
}

/* Whether @text is a number as the answers store it ("-12", "3.20"), so
 * that it may be reformatted; anything else is what a person typed and is
 * shown exactly as typed. */
static gboolean
is_canonical_number (const char *text)
{
  mpq_t q;
  gboolean ok;

  mpq_init (q);
  ok = sb_decimal_parse (text, q);
  mpq_clear (q);
  return ok;
}

/* Nothing that is not valid UTF-8 leaves the core: it would reach Pango,
 * the PDF and the accessibility bus, which abort on it. */
static char *
valid_text (char *text)
{
  char *valid;

  if (g_utf8_validate (text, -1, NULL))
    return text;
  valid = g_utf8_make_valid (text, -1);
  g_free (text);
  return valid;
}

/* The names of the files an attachment answer lists, joined with
 * @separator; "?" for an entry without a name. */
static char *
join_file_names (JsonArray  *array,
                 const char *separator)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      JsonNode *name = object ? json_object_get_member (object, "name") : NULL;

      if (i > 0)
        g_string_append (text, separator);
      if (name != NULL && JSON_NODE_HOLDS_VALUE (name) && json_node_get_value_type (name) == G_TYPE_STRING)
        g_string_append (text, json_node_get_string (name));
      else
        g_string_append (text, "?");
    }
  return g_string_free (text, FALSE);
}

static char *
format_answer (const SbField *field,
               JsonNode      *node)
{

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return g_strdup ("");

  switch (field->type)
    {
    case SB_FIELD_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? "是" : "否");
      break;

    case SB_FIELD_INTEGER:
    case SB_FIELD_DECIMAL:
      if (JSON_NODE_HOLDS_VALUE (node) &&
          (json_node_get_value_type (node) == G_TYPE_STRING || json_node_get_value_type (node) == G_TYPE_INT64))
        {
          g_autofree char *text = json_node_get_value_type (node) == G_TYPE_STRING
            ? g_strdup (json_node_get_string (node))
            : g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
          g_autofree char *grouped = NULL;

          /* Typed text that is not a number yet: as typed, without the
           * unit (约3亩 must not become 约3亩 亩). */
          if (!is_canonical_number (text))
            return g_steal_pointer (&text);
          if (g_strcmp0 (field->unit, "元") == 0 && field->scale == 2 && strchr (text, '.') == NULL)
            {
              char *with_cents = g_strconcat (text, ".00", NULL);
              g_free (text);
              text = with_cents;
            }
          /* Thousands are grouped in quantities (元, m², 人); a number
           * without a unit is a year or a code, and "2,025" misleads. */
          if (field->unit == NULL)
            return g_steal_pointer (&text);
          grouped = group_digits (text);
          return g_strdup_printf ("%s %s", grouped, field->unit);
        }
      break;

    case SB_FIELD_CHOICE:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      break;

    case SB_FIELD_MULTICHOICE:
      if (JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *array = json_node_get_array (node);
          GString *text = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *item = json_array_get_element (array, i);

              if (i > 0)
                g_string_append (text, "、");
              if (JSON_NODE_HOLDS_VALUE (item) && json_node_get_value_type (item) == G_TYPE_STRING)
                g_string_append (text, json_node_get_string (item));
              else
                {
                  g_autofree char *raw = node_to_text (item);
                  g_string_append (text, raw);
                }
            }
          return g_string_free (text, FALSE);
        }
      break;

    case SB_FIELD_ATTACHMENT:
      if (JSON_NODE_HOLDS_ARRAY (node))
        return join_file_names (json_node_get_array (node), "；");
      break;

    case SB_FIELD_TABLE:
      if (JSON_NODE_HOLDS_ARRAY (node))
        return g_strdup_printf ("%u 行", json_array_get_length (json_node_get_array (node)));
      break;

    case SB_FIELD_TEXT:
    case SB_FIELD_MULTILINE:
    case SB_FIELD_RESIDENT_ID:
    case SB_FIELD_CREDIT_CODE:
    case SB_FIELD_ID_DOCUMENT:
    case SB_FIELD_DATE:
    case SB_FIELD_TIME:
    default:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      break;
    }

  /* Not of its type: show what was given. */
  return node_to_text (node);
}

char *
sb_field_format_answer (const SbField *field,
                        JsonNode      *node)
{
  g_return_val_if_fail (field != NULL, NULL);

  return valid_text (format_answer (field, node));
}

/* The answer of @field in @answers: in table row @row for a column, -1
 * for a field of the form; NULL when there is none. */
static JsonNode *
answer_node (SbAnswers     *answers,
             const SbField *field,
             int            row)
{
  JsonNode *table, *element;

  if (row < 0)
    return sb_answers_get_field_json (answers, field->id);

  table = field->table ? sb_answers_get_field_json (answers, field->table->id) : NULL;
  if (table == NULL || !JSON_NODE_HOLDS_ARRAY (table) || (guint) row >= json_array_get_length (json_node_get_array (table)))
    return NULL;
  element = json_array_get_element (json_node_get_array (table), row);
  if (element == NULL || !JSON_NODE_HOLDS_OBJECT (element))
    return NULL;
  return json_object_get_member (json_node_get_object (element), field->id);
}

char *
sb_field_format_display (SbAnswers     *answers,
                         const SbField *field,
                         int            row)
{
  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  if (field->computed != NULL)
    {
      SbValue *value = row < 0 ? sb_answers_get_value (answers, field)
                               : sb_answers_get_cell_value (answers, field, (guint) row);
      g_autofree char *text = value ? sb_value_to_display (value, 0, 2) : g_strdup ("");

      if (field->unit != NULL && *text != '\0')
        return g_strdup_printf ("%s %s", text, field->unit);
      return g_steal_pointer (&text);
    }

  return sb_field_format_answer (field, answer_node (answers, field, row));
}

/* The label of the option whose value is @value in the interface's
 * language, or @value itself when the definition has no such option. */
static const char *
choice_label (const SbField *field,
              const char    *value)
{
  for (guint i = 0; field->choices != NULL && i < field->choices->len; i++)
    {
      SbChoice *choice = g_ptr_array_index (field->choices, i);

      if (g_strcmp0 (choice->value, value) == 0)
        return sb_text_get (&choice->label);
    }
  return value;
}

static gboolean
holds_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
all_strings (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!holds_string (json_array_get_element (array, i)))
      return FALSE;
  return TRUE;
}

char *
sb_field_format_shown (SbAnswers     *answers,
                       const SbField *field,
                       int            row)
{
  JsonNode *node;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (field != NULL, NULL);

  node = field->computed == NULL ? answer_node (answers, field, row) : NULL;
  if (node == NULL)
    return sb_field_format_display (answers, field, row);

  switch (field->type)
    {
    case SB_FIELD_BOOLEAN:
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
      break;

    case SB_FIELD_CHOICE:
      if (holds_string (node))
        return valid_text (g_strdup (choice_label (field, json_node_get_string (node))));
      break;

    case SB_FIELD_MULTICHOICE:
      if (JSON_NODE_HOLDS_ARRAY (node) && all_strings (json_node_get_array (node)))
        {
          JsonArray *array = json_node_get_array (node);
          GString *text = g_string_new (NULL);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              if (i > 0)
                /* Translators: between the options chosen in one answer */
                g_string_append (text, C_("list of options", ", "));
              g_string_append (text, choice_label (field, json_array_get_string_element (array, i)));
            }
          return valid_text (g_string_free (text, FALSE));
        }
      break;

    case SB_FIELD_ATTACHMENT:
      if (JSON_NODE_HOLDS_ARRAY (node))
        /* Translators: between the names of the files attached to one answer */
        return valid_text (join_file_names (json_node_get_array (node), C_("list of files", "; ")));
      break;

    default:
      break;
    }

  return sb_field_format_display (answers, field, row);
}

JsonNode *
sb_field_format_parse_edit (const SbField *field,
                            const char    *typed)
{
  JsonNode *node = NULL;

  g_return_val_if_fail (field != NULL, NULL);
  g_return_val_if_fail (typed != NULL, NULL);

  /* What cannot be read is kept as typed; the answers report it. */
  sb_field_parse_input (field, typed, &node, NULL);
  return node;
}

char *
sb_field_format_edit (const SbField *field,
                      JsonNode      *value)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (value == NULL || !JSON_NODE_HOLDS_VALUE (value))
    return g_strdup ("");

  if (json_node_get_value_type (value) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

  if (json_node_get_value_type (value) != G_TYPE_STRING)
    return g_strdup ("");

  if (field->type == SB_FIELD_DECIMAL && field->input_unit != NULL && g_str_equal (field->input_unit, "万元"))
    {
      mpq_t q, ten_thousand;
      char *text = NULL;

      mpq_inits (q, ten_thousand, NULL);
      if (sb_decimal_parse (json_node_get_string (value), q))
        {
          mpq_set_ui (ten_thousand, 10000, 1);
          mpq_div (q, q, ten_thousand);
          text = sb_decimal_to_string (q, 0);
        }
      mpq_clears (q, ten_thousand, NULL);
      if (text != NULL)
        return text;
    }

  return valid_text (g_strdup (json_node_get_string (value)));
}
