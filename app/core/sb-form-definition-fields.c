/* sb-form-definition-fields.c — loading fields, field types, steps and expressions
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-form-definition"

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-form-definition-private.h"
#include "sb-json-reader.h"

/* The resolver used for column expressions: bare names are first looked up
 * among the columns of the table, then at the top level. */
typedef struct
{
  SbFormDefinition *def;
  SbField          *table;
} ColumnContext;

static const char *field_type_names[] = {
  [SB_FIELD_TEXT] = "text",
  [SB_FIELD_MULTILINE] = "multiline",
  [SB_FIELD_INTEGER] = "integer",
  [SB_FIELD_DECIMAL] = "decimal",
  [SB_FIELD_DATE] = "date",
  [SB_FIELD_TIME] = "time",
  [SB_FIELD_CHOICE] = "choice",
  [SB_FIELD_MULTICHOICE] = "multichoice",
  [SB_FIELD_BOOLEAN] = "boolean",
  [SB_FIELD_RESIDENT_ID] = "resident_id",
  [SB_FIELD_CREDIT_CODE] = "credit_code",
  [SB_FIELD_CREDIT_CODE_OR_ID] = "credit_code_or_id",
  [SB_FIELD_ID_DOCUMENT] = "id_document",
  [SB_FIELD_PHONE] = "phone",
  [SB_FIELD_ATTACHMENT] = "attachment",
  [SB_FIELD_TABLE] = "table",
};

static const char *default_media_types[] = {
  "application/pdf", "image/jpeg", "image/png", "application/ofd", NULL
};

#define DEFAULT_MAX_SIZE (20 * 1024 * 1024)

static void
field_type_to_sb_type (const SbField *field,
                       SbType        *type)
{
  memset (type, 0, sizeof *type);

  switch (field->type)
    {
    case SB_FIELD_TEXT:
    case SB_FIELD_MULTILINE:
    case SB_FIELD_RESIDENT_ID:
    case SB_FIELD_CREDIT_CODE:
    case SB_FIELD_CREDIT_CODE_OR_ID:
    case SB_FIELD_ID_DOCUMENT:
    case SB_FIELD_PHONE:
      type->kind = SB_TYPE_TEXT;
      break;
    case SB_FIELD_INTEGER:
    case SB_FIELD_DECIMAL:
      type->kind = SB_TYPE_NUMBER;
      type->unit = field->unit;
      break;
    case SB_FIELD_DATE:
      type->kind = SB_TYPE_DATE;
      break;
    case SB_FIELD_TIME:
      type->kind = SB_TYPE_TIME;
      break;
    case SB_FIELD_CHOICE:
      type->kind = SB_TYPE_TEXT;
      type->choices = field->choice_values;
      break;
    case SB_FIELD_MULTICHOICE:
      type->kind = SB_TYPE_LIST;
      type->element = SB_TYPE_TEXT;
      type->choices = field->choice_values;
      break;
    case SB_FIELD_BOOLEAN:
      type->kind = SB_TYPE_BOOL;
      break;
    case SB_FIELD_ATTACHMENT:
      type->kind = SB_TYPE_FILES;
      break;
    case SB_FIELD_TABLE:
      type->kind = SB_TYPE_TABLE;
      type->table_id = field->index;
      break;
    default:
      g_assert_not_reached ();
    }
}

gboolean
sb_loader_resolve_top_level (gpointer    data,
                             const char *name,
                             SbSymbol   *symbol)
{
  SbFormDefinition *self = data;
  SbField *field;
  SbValue *constant;

  memset (symbol, 0, sizeof *symbol);

  field = g_hash_table_lookup (self->fields_by_id, name);
  if (field != NULL)
    {
      symbol->id = field->index;
      field_type_to_sb_type (field, &symbol->type);
      return TRUE;
    }

  constant = g_hash_table_lookup (self->constants, name);
  if (constant != NULL)
    {
      const SbType *type = g_hash_table_lookup (self->constant_types, name);

      symbol->id = G_MAXUINT;
      symbol->type = *type;
      symbol->constant = constant;
      return TRUE;
    }

  return FALSE;
}

gboolean
sb_loader_resolve_column (gpointer    data,
                          guint       table_id,
                          const char *column,
                          SbSymbol   *symbol)
{
  SbFormDefinition *self = data;
  SbField *table;

  memset (symbol, 0, sizeof *symbol);

  table = sb_form_definition_get_field_by_index (self, table_id);
  if (table == NULL)
    return FALSE;
  if (table->columns == NULL)
    return FALSE;

  for (guint i = 0; i < table->columns->len; i++)
    {
      SbField *col = g_ptr_array_index (table->columns, i);

      if (g_strcmp0 (col->id, column) == 0)
        {
          symbol->id = col->index;
          field_type_to_sb_type (col, &symbol->type);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
resolve_in_row (gpointer    data,
                const char *name,
                SbSymbol   *symbol)
{
  ColumnContext *context = data;

  if (sb_loader_resolve_column (context->def, context->table->index, name, symbol))
    {
      symbol->id |= SB_ROW_CONTEXT_FLAG;
      return TRUE;
    }

  return sb_loader_resolve_top_level (context->def, name, symbol);
}

static gboolean
resolve_column_in_row (gpointer    data,
                       guint       table_id,
                       const char *column,
                       SbSymbol   *symbol)
{
  ColumnContext *context = data;

  return sb_loader_resolve_column (context->def, table_id, column, symbol);
}

/* Parses and checks @source found at @path.  @table non-NULL: the
 * expression belongs to a column of it and sees that row's cells. */
SbExpression *
sb_loader_compile_expression (Loader     *loader,
                              const char *source,
                              const char *path,
                              SbTypeKind  expected,
                              SbField    *table)
{
  g_autoptr(SbExpression) expression = NULL;
  g_autoptr(GError) error = NULL;
  ColumnContext context = { loader->def, table };
  SbSymbolResolver row_resolver = { resolve_in_row, resolve_column_in_row, &context };
  const SbSymbolResolver *resolver = table ? &row_resolver : &loader->def->resolver;

  if (!sb_loader_ok (loader))
    return NULL;

  expression = sb_expression_parse (source, &error);
  if (expression == NULL || !sb_expression_check (expression, resolver, expected, &error))
    {
      sb_loader_fail (loader, path, "%s (in \"%s\")", error->message, source);
      return NULL;
    }

  return g_steal_pointer (&expression);
}

SbExpression *
sb_loader_get_expression (Loader     *loader,
                          JsonObject *object,
                          const char *path,
                          const char *key,
                          SbTypeKind  expected,
                          SbField    *table)
{
  g_autofree char *source = sb_loader_get_string (loader, object, path, key, FALSE);
  g_autofree char *member_path = sb_json_path_member (path, key);

  if (source == NULL)
    return NULL;

  return sb_loader_compile_expression (loader, source, member_path, expected, table);
}

/* Message templates: literal text and {expression} placeholders. */
GPtrArray *
sb_loader_compile_message (Loader     *loader,
                           const char *message,
                           const char *path)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_message_part_free);
  g_autoptr(GString) literal = g_string_new (NULL);
  const char *p = message;

  if (message == NULL)
    return NULL;

  while (*p && sb_loader_ok (loader))
    {
      if (p[0] == '{' && p[1] == '{')
        {
          g_string_append_c (literal, '{');
          p += 2;
        }
      else if (p[0] == '}' && p[1] == '}')
        {
          g_string_append_c (literal, '}');
          p += 2;
        }
      else if (p[0] == '{')
        {
          const char *end = strchr (p, '}');
          g_autofree char *source = NULL;
          SbMessagePart *part;

          if (end == NULL)
            {
              sb_loader_fail (loader, path, "unclosed '{' in message");
              break;
            }

          if (literal->len > 0)
            {
              part = g_new0 (SbMessagePart, 1);
              part->text = g_strdup (literal->str);
              g_ptr_array_add (parts, part);
              g_string_truncate (literal, 0);
            }

          source = g_strndup (p + 1, end - p - 1);
          part = g_new0 (SbMessagePart, 1);
          part->expression = sb_loader_compile_expression (loader, source, path, SB_TYPE_ANY, NULL);
          g_ptr_array_add (parts, part);
          p = end + 1;
        }
      else if (p[0] == '}')
        {
          sb_loader_fail (loader, path, "unmatched '}' in message (write '}}' for a brace)");
          break;
        }
      else
        {
          g_string_append_c (literal, *p);
          p++;
        }
    }

  if (literal->len > 0)
    {
      SbMessagePart *part = g_new0 (SbMessagePart, 1);
      part->text = g_strdup (literal->str);
      g_ptr_array_add (parts, part);
    }

  return g_steal_pointer (&parts);
}

static gboolean
parse_field_type (const char  *name,
                  SbFieldType *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_type_names); i++)
    if (g_strcmp0 (field_type_names[i], name) == 0)
      {
        *type = i;
        return TRUE;
      }
  return FALSE;
}

static void
check_decimal_bound (Loader     *loader,
                     const char *path,
                     const char *key,
                     const char *text)
{
  mpq_t q;

  if (text == NULL)
    return;

  mpq_init (q);
  if (!sb_decimal_parse (text, q))
    {
      g_autofree char *member_path = sb_json_path_member (path, key);
      sb_loader_fail (loader, member_path, "'%s' is not a decimal number", text);
    }
  mpq_clear (q);
}

static SbField *load_field (Loader *loader, JsonNode *node, const char *path, SbField *table);

/* An integer or a decimal: unit, scale, bounds, and 万元 entry of 元. */
static gboolean
load_number (Loader     *loader,
             JsonObject *object,
             const char *path,
             SbField    *field)
{
  g_autofree char *unit = sb_loader_get_string (loader, object, path, "unit", FALSE);

  field->unit = g_strdup (sb_loader_intern_unit (loader, path, unit));
  field->input_unit = sb_loader_get_string (loader, object, path, "input_unit", FALSE);
  field->scale = sb_loader_get_int (loader, object, path, "scale", -1, 0, 10);
  field->min = sb_loader_get_string (loader, object, path, "min", FALSE);
  field->max = sb_loader_get_string (loader, object, path, "max", FALSE);
  check_decimal_bound (loader, path, "min", field->min);
  check_decimal_bound (loader, path, "max", field->max);

  if (field->input_unit != NULL &&
      !(g_str_equal (field->input_unit, "万元") && g_strcmp0 (field->unit, "元") == 0))
    sb_loader_fail (loader, path, "input_unit '%s' is only supported as 万元 for a field in 元", field->input_unit);
  return sb_loader_ok (loader);
}

/* A text: its longest length. */
static gboolean
load_text (Loader     *loader,
           JsonObject *object,
           const char *path,
           SbField    *field)
{
  field->max_length = sb_loader_get_int (loader, object, path, "max_length", 0, 1, 1000000);
  return sb_loader_ok (loader);
}

/* A single or multiple choice: its options, each a value and a label. */
static gboolean
load_choices (Loader     *loader,
              JsonObject *object,
              const char *path,
              SbField    *field)
{
  static const char *choice_keys[] = { "value", "label", NULL };
  g_autofree char *choices_path = sb_json_path_member (path, "choices");
  JsonArray *array = sb_loader_require_array (loader, json_object_get_member (object, "choices"), choices_path);
  const char **values;

  if (array == NULL)
    return FALSE;

  if (json_array_get_length (array) == 0)
    {
      sb_loader_fail (loader, choices_path, "a choice needs at least one option");
      return FALSE;
    }

  field->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_choice_free);
  values = g_new0 (const char *, json_array_get_length (array) + 1);
  field->choice_values = values;

  for (guint i = 0; i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *choice_path = sb_json_path_index (choices_path, i);
      JsonObject *choice_object = sb_loader_require_object (loader, json_array_get_element (array, i), choice_path);
      SbChoice *choice;

      if (choice_object == NULL)
        break;

      sb_loader_check_keys (loader, choice_object, choice_path, choice_keys);
      choice = g_new0 (SbChoice, 1);
      choice->value = sb_loader_get_string (loader, choice_object, choice_path, "value", TRUE);
      if (json_object_has_member (choice_object, "label"))
        {
          JsonObject *label = sb_loader_require_object (loader, json_object_get_member (choice_object, "label"), choice_path);

          if (label != NULL)
            {
              choice->label.zh_CN = json_object_has_member (label, "zh_CN")
                ? sb_loader_get_string (loader, label, choice_path, "zh_CN", TRUE)
                : NULL;
              choice->label.en = sb_loader_get_string (loader, label, choice_path, "en", FALSE);
            }
        }
      if (choice->label.zh_CN == NULL)
        choice->label.zh_CN = g_strdup (choice->value);

      g_ptr_array_add (field->choices, choice);
      values[i] = choice->value;

      for (guint j = 0; j < i && choice->value != NULL; j++)
        if (g_strcmp0 (values[j], choice->value) == 0)
          sb_loader_fail (loader, choice_path, "duplicate option '%s'", choice->value);
    }
  return sb_loader_ok (loader);
}

/* An attachment: one or many files, their media types and size. */
static gboolean
load_attachment (Loader     *loader,
                 JsonObject *object,
                 const char *path,
                 SbField    *field)
{
  field->multiple = sb_loader_get_bool (loader, object, path, "multiple", FALSE);
  field->max_size = sb_loader_get_int (loader, object, path, "max_size", DEFAULT_MAX_SIZE, 1, G_GINT64_CONSTANT (1) << 32);

  if (json_object_has_member (object, "media_types"))
    {
      g_autofree char *types_path = sb_json_path_member (path, "media_types");
      JsonArray *array = sb_loader_require_array (loader, json_object_get_member (object, "media_types"), types_path);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!sb_json_node_is_string (item) || strchr (json_node_get_string (item), '/') == NULL)
            {
              sb_loader_fail (loader, types_path, "item %u is not a media type", i);
              break;
            }
          g_strv_builder_add (builder, json_node_get_string (item));
        }
      field->media_types = g_strv_builder_end (builder);
    }
  else
    {
      field->media_types = g_strdupv ((char **) default_media_types);
    }
  return sb_loader_ok (loader);
}

/* A table: its columns, each loaded as a field of the table, and the
 * number of rows it may have. */
static gboolean
load_table (Loader     *loader,
            JsonObject *object,
            const char *path,
            SbField    *field)
{
  g_autofree char *columns_path = sb_json_path_member (path, "columns");
  JsonArray *array;

  if (field->table != NULL)
    {
      sb_loader_fail (loader, path, "a table cannot contain a table");
      return FALSE;
    }

  array = sb_loader_require_array (loader, json_object_get_member (object, "columns"), columns_path);
  if (array == NULL)
    return FALSE;

  if (json_array_get_length (array) == 0)
    {
      sb_loader_fail (loader, columns_path, "a table needs at least one column");
      return FALSE;
    }

  field->min_rows = sb_loader_get_int (loader, object, path, "min_rows", 0, 0, 100000);
  field->max_rows = sb_loader_get_int (loader, object, path, "max_rows", 0, 0, 100000);
  field->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_field_free);

  for (guint i = 0; i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *column_path = sb_json_path_index (columns_path, i);
      SbField *column = load_field (loader, json_array_get_element (array, i), column_path, field);

      if (column == NULL)
        break;

      column->index = i;
      for (guint j = 0; j < field->columns->len; j++)
        {
          SbField *other = g_ptr_array_index (field->columns, j);

          if (g_str_equal (other->id, column->id))
            sb_loader_fail (loader, column_path, "duplicate column id '%s' in table '%s'", column->id, field->id);
        }
      g_ptr_array_add (field->columns, column);
    }
  return sb_loader_ok (loader);
}

/* What each type reads beyond the members every field has; NULL when
 * nothing. */
typedef gboolean (*TypeLoader) (Loader *loader, JsonObject *object, const char *path, SbField *field);

static const TypeLoader type_loaders[] = {
  [SB_FIELD_INTEGER] = load_number,
  [SB_FIELD_DECIMAL] = load_number,
  [SB_FIELD_TEXT] = load_text,
  [SB_FIELD_MULTILINE] = load_text,
  [SB_FIELD_CHOICE] = load_choices,
  [SB_FIELD_MULTICHOICE] = load_choices,
  [SB_FIELD_ATTACHMENT] = load_attachment,
  [SB_FIELD_TABLE] = load_table,
};

/* Loads the static parts of a field; expressions come in a second pass,
 * once every field is known, so that a field may refer to a later one. */
static SbField *
load_field (Loader     *loader,
            JsonNode   *node,
            const char *path,
            SbField    *table)
{
  static const char *keys[] = {
    "id", "type", "label", "help", "placeholder", "required", "required_when",
    "visible_when", "not_applicable", "computed", "unit", "input_unit", "scale", "min", "max",
    "max_length", "choices", "widget", "multiple", "media_types", "max_size",
    "material", "columns", "min_rows", "max_rows", "system", "source", "total", NULL
  };
  g_autoptr(GPtrArray) self_holder = NULL;
  g_autofree char *type_name = NULL;
  JsonObject *object;
  SbField *field;

  object = sb_loader_require_object (loader, node, path);
  if (object == NULL)
    return NULL;

  sb_loader_check_keys (loader, object, path, keys);

  field = g_new0 (SbField, 1);
  self_holder = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_field_free);
  g_ptr_array_add (self_holder, field);

  field->table = table;
  field->scale = -1;
  field->id = sb_loader_get_string (loader, object, path, "id", TRUE);
  type_name = sb_loader_get_string (loader, object, path, "type", TRUE);
  if (!sb_loader_ok (loader))
    return NULL;

  if (!sb_loader_is_identifier (field->id))
    {
      sb_loader_fail (loader, path, "field id '%s' must be letters, digits and '_'", field->id);
      return NULL;
    }

  if (!parse_field_type (type_name, &field->type))
    {
      sb_loader_fail (loader, path, "field '%s' has unknown type '%s'", field->id, type_name);
      return NULL;
    }

  sb_loader_get_text (loader, object, path, "label", TRUE, &field->label);
  sb_loader_get_text (loader, object, path, "help", FALSE, &field->help);
  sb_loader_get_text (loader, object, path, "placeholder", FALSE, &field->placeholder);
  field->required = sb_loader_get_bool (loader, object, path, "required", FALSE);
  field->system = sb_loader_get_bool (loader, object, path, "system", FALSE);
  field->total = sb_loader_get_bool (loader, object, path, "total", FALSE);
  field->source = sb_loader_get_string (loader, object, path, "source", FALSE);
  field->widget = sb_loader_get_string (loader, object, path, "widget", FALSE);
  field->material = sb_loader_get_string (loader, object, path, "material", FALSE);

  if (field->widget != NULL && !g_strv_contains ((const char *[]) { "radio", "check", "combo", NULL }, field->widget))
    sb_loader_fail (loader, path, "unknown widget hint '%s' (radio, check, combo)", field->widget);

  /* Keys that only make sense for some types are errors elsewhere: a
   * "unit" on a text field is a mistake worth stopping for. */
#define ONLY_FOR(key, condition) \
  if (sb_loader_ok (loader) && json_object_has_member (object, key) && !(condition)) \
    sb_loader_fail (loader, path, "'%s' does not apply to a %s field", key, type_name)

  ONLY_FOR ("unit", field->type == SB_FIELD_DECIMAL || field->type == SB_FIELD_INTEGER);
  ONLY_FOR ("input_unit", field->type == SB_FIELD_DECIMAL);
  ONLY_FOR ("scale", field->type == SB_FIELD_DECIMAL);
  ONLY_FOR ("min", field->type == SB_FIELD_DECIMAL || field->type == SB_FIELD_INTEGER);
  ONLY_FOR ("max", field->type == SB_FIELD_DECIMAL || field->type == SB_FIELD_INTEGER);
  ONLY_FOR ("max_length", field->type == SB_FIELD_TEXT || field->type == SB_FIELD_MULTILINE);
  ONLY_FOR ("choices", field->type == SB_FIELD_CHOICE || field->type == SB_FIELD_MULTICHOICE);
  ONLY_FOR ("multiple", field->type == SB_FIELD_ATTACHMENT);
  ONLY_FOR ("media_types", field->type == SB_FIELD_ATTACHMENT);
  ONLY_FOR ("max_size", field->type == SB_FIELD_ATTACHMENT);
  ONLY_FOR ("material", field->type == SB_FIELD_ATTACHMENT);
  ONLY_FOR ("columns", field->type == SB_FIELD_TABLE);
  ONLY_FOR ("min_rows", field->type == SB_FIELD_TABLE);
  ONLY_FOR ("max_rows", field->type == SB_FIELD_TABLE);
  ONLY_FOR ("system", field->type == SB_FIELD_DATE && table == NULL);
  /* A sum only means something for a number column of a table. */
  ONLY_FOR ("total", (field->type == SB_FIELD_DECIMAL || field->type == SB_FIELD_INTEGER) && table != NULL);
#undef ONLY_FOR

  if (!sb_loader_ok (loader))
    return NULL;

  if (field->type < G_N_ELEMENTS (type_loaders) && type_loaders[field->type] != NULL &&
      !type_loaders[field->type] (loader, object, path, field))
    return NULL;

  return g_ptr_array_steal_index (self_holder, 0);
}

/* Second pass: the expressions of a field (and of its columns). */
void
sb_loader_compile_field_expressions (Loader     *loader,
                                     SbField    *field,
                                     JsonObject *object,
                                     const char *path)
{
  SbTypeKind computed_type;
  SbType type;

  field->required_when = sb_loader_get_expression (loader, object, path, "required_when", SB_TYPE_BOOL, field->table);
  field->visible_when = sb_loader_get_expression (loader, object, path, "visible_when", SB_TYPE_BOOL, field->table);
  sb_loader_get_text (loader, object, path, "not_applicable", FALSE, &field->not_applicable);
  if (field->visible_when == NULL && field->not_applicable.zh_CN != NULL && sb_loader_ok (loader))
    sb_loader_fail (loader, path, "'not_applicable' says why 'visible_when' is false, but there is no 'visible_when'");

  field_type_to_sb_type (field, &type);
  computed_type = type.kind;
  field->computed = sb_loader_get_expression (loader, object, path, "computed", computed_type, field->table);

  if (field->computed != NULL && field->type == SB_FIELD_ATTACHMENT)
    sb_loader_fail (loader, path, "an attachment cannot be computed");
  if (field->computed != NULL && field->type == SB_FIELD_TABLE)
    sb_loader_fail (loader, path, "a table cannot be computed");

  if (field->columns != NULL)
    {
      JsonArray *array = json_object_get_array_member (object, "columns");

      for (guint i = 0; i < field->columns->len && sb_loader_ok (loader); i++)
        {
          g_autofree char *columns_path = sb_json_path_member (path, "columns");
          g_autofree char *column_path = sb_json_path_index (columns_path, i);

          sb_loader_compile_field_expressions (loader, g_ptr_array_index (field->columns, i),
                                               json_array_get_object_element (array, i), column_path);
        }
    }
}

void
sb_loader_load_fields (Loader     *loader,
                       JsonObject *root,
                       GPtrArray  *field_objects)
{
  SbFormDefinition *self = loader->def;
  JsonArray *array;

  array = sb_loader_require_array (loader, json_object_get_member (root, "fields"), "$.fields");
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.fields", i);
      SbField *field = load_field (loader, json_array_get_element (array, i), path, NULL);

      if (field == NULL)
        break;

      if (g_hash_table_contains (self->fields_by_id, field->id))
        {
          sb_loader_fail (loader, path, "duplicate field id '%s'", field->id);
          sb_field_free (field);
          break;
        }

      if (g_hash_table_contains (self->constants, field->id))
        {
          sb_loader_fail (loader, path, "field id '%s' is also the name of a constant", field->id);
          sb_field_free (field);
          break;
        }

      field->index = self->fields->len;
      g_ptr_array_add (self->fields, field);
      g_hash_table_insert (self->fields_by_id, field->id, field);
      g_ptr_array_add (field_objects, json_array_get_object_element (array, i));
    }
}

void
sb_loader_load_steps (Loader     *loader,
                      JsonObject *root)
{
  static const char *keys[] = { "id", "title", "description", "visible_when", "not_applicable", "fields", NULL };
  SbFormDefinition *self = loader->def;
  g_autoptr(GHashTable) step_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  JsonArray *array;

  array = sb_loader_require_array (loader, json_object_get_member (root, "steps"), "$.steps");
  if (array == NULL)
    return;

  if (json_array_get_length (array) == 0)
    {
      sb_loader_fail (loader, "$.steps", "a form needs at least one step");
      return;
    }

  for (guint i = 0; i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.steps", i);
      g_autofree char *fields_path = NULL;
      JsonObject *object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      JsonArray *field_ids;
      SbStep *step;

      if (object == NULL)
        break;

      sb_loader_check_keys (loader, object, path, keys);
      step = g_new0 (SbStep, 1);
      g_ptr_array_add (self->steps, step);
      step->fields = g_ptr_array_new ();
      step->id = sb_loader_get_string (loader, object, path, "id", TRUE);
      sb_loader_get_text (loader, object, path, "title", TRUE, &step->title);
      sb_loader_get_text (loader, object, path, "description", FALSE, &step->description);
      step->visible_when = sb_loader_get_expression (loader, object, path, "visible_when", SB_TYPE_BOOL, NULL);
      sb_loader_get_text (loader, object, path, "not_applicable", FALSE, &step->not_applicable);
      if (step->visible_when == NULL && step->not_applicable.zh_CN != NULL && sb_loader_ok (loader))
        sb_loader_fail (loader, path, "'not_applicable' says why 'visible_when' is false, but there is no 'visible_when'");

      if (!sb_loader_ok (loader))
        break;

      if (!g_hash_table_add (step_ids, step->id))
        {
          sb_loader_fail (loader, path, "duplicate step id '%s'", step->id);
          break;
        }

      fields_path = sb_json_path_member (path, "fields");
      field_ids = sb_loader_require_array (loader, json_object_get_member (object, "fields"), fields_path);
      for (guint j = 0; field_ids != NULL && j < json_array_get_length (field_ids); j++)
        {
          JsonNode *item = json_array_get_element (field_ids, j);
          SbField *field;

          if (!sb_json_node_is_string (item))
            {
              sb_loader_fail (loader, fields_path, "item %u is not a field id", j);
              break;
            }

          field = g_hash_table_lookup (self->fields_by_id, json_node_get_string (item));
          if (field == NULL)
            {
              sb_loader_fail (loader, fields_path, "unknown field '%s'", json_node_get_string (item));
              break;
            }
          if (field->step_id != NULL)
            {
              sb_loader_fail (loader, fields_path, "field '%s' is already in step '%s'", field->id, field->step_id);
              break;
            }

          field->step_id = step->id;
          g_ptr_array_add (step->fields, field);
          g_ptr_array_add (ordered, field);
        }
    }

  if (!sb_loader_ok (loader))
    return;

  for (guint i = 0; i < self->fields->len; i++)
    {
      SbField *field = g_ptr_array_index (self->fields, i);

      if (field->step_id == NULL)
        {
          g_autofree char *path = sb_json_path_index ("$.fields", i);
          sb_loader_fail (loader, path, "field '%s' is in no step", field->id);
          return;
        }
    }
}

/* "field" or "table[].column" */
SbField *
sb_loader_lookup_path (SbFormDefinition *self,
                       const char       *path)
{
  const char *bracket = strstr (path, "[].");
  g_autofree char *table_id = NULL;
  SbField *table;

  if (bracket == NULL)
    return g_hash_table_lookup (self->fields_by_id, path);

  table_id = g_strndup (path, bracket - path);
  table = g_hash_table_lookup (self->fields_by_id, table_id);
  if (table == NULL || table->columns == NULL)
    return NULL;

  for (guint i = 0; i < table->columns->len; i++)
    {
      SbField *column = g_ptr_array_index (table->columns, i);

      if (g_str_equal (column->id, bracket + 3))
        return column;
    }

  return NULL;
}
