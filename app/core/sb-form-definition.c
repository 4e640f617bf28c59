/* sb-form-definition.c — loading and checking a form definition
 *
 * A definition comes from a file we ship, but it is loaded as if it were
 * hostile: every key is checked, unknown keys are errors, and every
 * expression is parsed and type-checked here, so that nothing later has to
 * cope with a half-valid definition.  The first problem found is reported as
 * "ORIGIN: $.json.path: reason".
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

struct _SbFormDefinition
{
  GObject       parent_instance;

  char         *origin;
  char         *sha256;
  char         *id;
  char         *version;
  SbText        title;
  SbText        description;
  SbRegulation  regulation;

  GPtrArray    *steps;          /* SbStep* */
  GPtrArray    *fields;         /* SbField*, top level, in step order */
  GPtrArray    *slots;          /* the same fields by SbField.index (load order) */
  GHashTable   *fields_by_id;   /* id -> SbField* (top level only) */
  GPtrArray    *rules;          /* SbRule* */
  GHashTable   *rules_by_id;
  GPtrArray    *materials;      /* SbMaterial* */
  GPtrArray    *summary_fields; /* SbField* (borrowed) */
  GHashTable   *constants;      /* name -> SbValue* (constants and lists) */
  GHashTable   *constant_types; /* name -> SbType* */

  SbText        guide_applicants;
  SbText        guide_authority;
  SbText        guide_where;
  GPtrArray    *guide_steps;    /* SbGuideStep* */
  GPtrArray    *guide_notes;    /* SbText* */
  GPtrArray    *checklist;      /* SbChecklistItem* */
  GPtrArray    *decisions;      /* SbDecision* */
  GPtrArray    *review_deadlines; /* SbReviewDeadline* */

  SbSymbolResolver resolver;
};

G_DEFINE_FINAL_TYPE (SbFormDefinition, sb_form_definition, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-form-definition-error-quark, sb_form_definition_error)

/* While loading: where we are, and the first error. */
typedef struct
{
  SbFormDefinition *def;
  GFile            *base_dir;
  GError           *error;
} Loader;

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
  [SB_FIELD_ATTACHMENT] = "attachment",
  [SB_FIELD_TABLE] = "table",
};

static const char *known_units[] = { "元", "m²", "亩", "%", "人", "课时", "层", "个月", "年", NULL };

static const char *default_media_types[] = {
  "application/pdf", "image/jpeg", "image/png", "application/ofd", NULL
};

#define DEFAULT_MAX_SIZE (20 * 1024 * 1024)

/* A definition or list file may come from somebody else (a form folder
 * passed around), so it is read as strictly as a packet.  The largest
 * installed one, kejipeixun.json, is 256 KB, 8 levels deep, with 137
 * members in its widest object and 5,181 values: these bounds leave room
 * for sixty times that. */
static const SbJsonLimits definition_limits = {
  .max_length = 16 * 1024 * 1024,
  .max_depth = 32,
  .max_members = SB_JSON_MAX_MEMBERS,
  .max_values = SB_JSON_MAX_VALUES,
};

/* Auxiliary functions */

static void G_GNUC_PRINTF (3, 4)
loader_fail (Loader     *loader,
             const char *path,
             const char *format,
             ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  if (loader->error != NULL)
    return;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  loader->error = g_error_new (SB_FORM_DEFINITION_ERROR,
                               SB_FORM_DEFINITION_ERROR_INVALID,
                               "%s: %s: %s",
                               loader->def->origin, path, reason);
}

static gboolean
loader_ok (Loader *loader)
{
  return loader->error == NULL;
}

static void
sb_text_free (SbText *text)
{
  sb_text_clear (text);
  g_free (text);
}

static void
sb_citation_clear (SbCitation *citation)
{
  g_clear_pointer (&citation->document, g_free);
  g_clear_pointer (&citation->article, g_free);
  g_clear_pointer (&citation->paragraph, g_free);
  g_clear_pointer (&citation->clause, g_free);
  g_clear_pointer (&citation->item, g_free);
  g_clear_pointer (&citation->text, g_free);
}

static void
sb_choice_free (SbChoice *choice)
{
  g_free (choice->value);
  sb_text_clear (&choice->label);
  g_free (choice);
}

static void
sb_field_free (SbField *field)
{
  g_free (field->id);
  sb_text_clear (&field->label);
  sb_text_clear (&field->help);
  sb_text_clear (&field->placeholder);
  g_clear_pointer (&field->required_when, sb_expression_unref);
  g_clear_pointer (&field->visible_when, sb_expression_unref);
  g_clear_pointer (&field->computed, sb_expression_unref);
  g_free (field->unit);
  g_free (field->input_unit);
  g_free (field->min);
  g_free (field->max);
  g_clear_pointer (&field->choices, g_ptr_array_unref);
  g_free ((gpointer) field->choice_values);
  g_free (field->widget);
  g_strfreev (field->media_types);
  g_free (field->material);
  g_clear_pointer (&field->columns, g_ptr_array_unref);
  g_free (field->source);
  g_free (field);
}

static void
sb_step_free (SbStep *step)
{
  g_free (step->id);
  sb_text_clear (&step->title);
  sb_text_clear (&step->description);
  g_clear_pointer (&step->visible_when, sb_expression_unref);
  g_clear_pointer (&step->fields, g_ptr_array_unref);
  g_free (step);
}

static void
sb_rule_free (SbRule *rule)
{
  g_free (rule->id);
  g_clear_pointer (&rule->when, sb_expression_unref);
  g_clear_pointer (&rule->applies_when, sb_expression_unref);
  sb_text_clear (&rule->message);
  g_clear_pointer (&rule->message_parts_zh, g_ptr_array_unref);
  g_clear_pointer (&rule->message_parts_en, g_ptr_array_unref);
  g_strfreev (rule->fields);
  sb_citation_clear (&rule->citation);
  g_free (rule->ambiguity);
  g_free (rule);
}

static void
sb_material_free (SbMaterial *material)
{
  g_free (material->id);
  sb_text_clear (&material->title);
  g_clear_pointer (&material->condition, sb_expression_unref);
  g_free (material->field);
  sb_citation_clear (&material->citation);
  g_free (material);
}

static void
sb_guide_step_free (SbGuideStep *step)
{
  g_free (step->id);
  sb_text_clear (&step->actor);
  sb_text_clear (&step->action);
  sb_text_clear (&step->deadline_text);
  sb_text_clear (&step->deadline_from);
  g_free (step->citation);
  g_free (step);
}

static void
sb_checklist_item_free (SbChecklistItem *item)
{
  g_free (item->id);
  sb_text_clear (&item->title);
  g_free (item->citation);
  g_free (item);
}

static void
sb_decision_free (SbDecision *decision)
{
  g_free (decision->id);
  sb_text_clear (&decision->label);
  g_free (decision);
}

static void
sb_review_deadline_free (SbReviewDeadline *deadline)
{
  g_free (deadline->id);
  sb_text_clear (&deadline->label);
  g_free (deadline->from);
  g_free (deadline->citation);
  g_free (deadline);
}

void
sb_message_part_free (SbMessagePart *part)
{
  g_free (part->text);
  g_clear_pointer (&part->expression, sb_expression_unref);
  g_free (part);
}

static const char *
json_type_name (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return "a string";
        if (type == G_TYPE_BOOLEAN)
          return "a boolean";
        return "a number";
      }
    }
}

static gboolean
node_is_string (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_bool (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN;
}

static gboolean
node_is_int (JsonNode *node)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_INT64;
}

static char *
path_key (const char *path,
          const char *key)
{
  return g_strdup_printf ("%s.%s", path, key);
}

static char *
path_index (const char *path,
            guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

/* Every key of @object must be among @allowed (NULL-terminated). */
static void
check_keys (Loader      *loader,
            JsonObject  *object,
            const char  *path,
            const char **allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL && loader_ok (loader); l = l->next)
    {
      const char *key = l->data;

      if (!g_strv_contains (allowed, key))
        {
          g_autofree char *known = g_strjoinv (", ", (char **) allowed);
          loader_fail (loader, path, "unknown key '%s' (expected one of: %s)", key, known);
        }
    }
}

static JsonObject *
require_object (Loader     *loader,
                JsonNode   *node,
                const char *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      loader_fail (loader, path, "expected an object, found %s", json_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

static JsonArray *
require_array (Loader     *loader,
               JsonNode   *node,
               const char *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      loader_fail (loader, path, "expected an array, found %s", json_type_name (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* A string member; NULL (and no error) when absent or null and !required. */
static char *
get_string (Loader     *loader,
            JsonObject *object,
            const char *path,
            const char *key,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *member_path = path_key (path, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        loader_fail (loader, path, "missing '%s'", key);
      return NULL;
    }

  if (!node_is_string (node))
    {
      loader_fail (loader, member_path, "expected a string, found %s", json_type_name (node));
      return NULL;
    }

  if (required && *json_node_get_string (node) == '\0')
    {
      loader_fail (loader, member_path, "must not be empty");
      return NULL;
    }

  return g_strdup (json_node_get_string (node));
}

static gboolean
get_bool (Loader     *loader,
          JsonObject *object,
          const char *path,
          const char *key,
          gboolean    default_value)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return default_value;

  if (!node_is_bool (node))
    {
      g_autofree char *member_path = path_key (path, key);
      loader_fail (loader, member_path, "expected true or false, found %s", json_type_name (node));
      return default_value;
    }

  return json_node_get_boolean (node);
}

static gint64
get_int (Loader     *loader,
         JsonObject *object,
         const char *path,
         const char *key,
         gint64      default_value,
         gint64      min,
         gint64      max)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *member_path = path_key (path, key);
  gint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return default_value;

  if (!node_is_int (node))
    {
      loader_fail (loader, member_path, "expected an integer, found %s", json_type_name (node));
      return default_value;
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      loader_fail (loader, member_path, "%" G_GINT64_FORMAT " is out of range %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
                   value, min, max);
      return default_value;
    }

  return value;
}

static void
get_text (Loader     *loader,
          JsonObject *object,
          const char *path,
          const char *key,
          gboolean    required,
          SbText     *text)
{
  static const char *text_keys[] = { "zh_CN", "en", NULL };
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *member_path = path_key (path, key);
  JsonObject *text_object;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        loader_fail (loader, path, "missing '%s'", key);
      return;
    }

  text_object = require_object (loader, node, member_path);
  if (text_object == NULL)
    return;

  check_keys (loader, text_object, member_path, text_keys);
  text->zh_CN = get_string (loader, text_object, member_path, "zh_CN", TRUE);
  text->en = get_string (loader, text_object, member_path, "en", FALSE);
}

static gint32
get_date (Loader     *loader,
          JsonObject *object,
          const char *path,
          const char *key,
          gboolean    required)
{
  g_autofree char *text = get_string (loader, object, path, key, required);
  gint32 julian_day = 0;

  if (text != NULL && !sb_date_parse (text, &julian_day))
    {
      g_autofree char *member_path = path_key (path, key);
      loader_fail (loader, member_path, "'%s' is not a date (YYYY-MM-DD)", text);
    }

  return julian_day;
}

static gboolean
is_identifier (const char *id)
{
  if (id == NULL || !(g_ascii_isalpha (*id) || *id == '_'))
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return FALSE;

  return TRUE;
}

/* Rule and material ids: "KJ-08", "ZJ-ATT-02", "SB-REQUIRED" */
static gboolean
is_rule_id (const char *id)
{
  if (id == NULL || !g_ascii_isupper (*id))
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!(g_ascii_isupper (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;

  return TRUE;
}

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

static gboolean
resolve_top_level (gpointer    data,
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

static gboolean
resolve_column (gpointer    data,
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

  if (resolve_column (context->def, context->table->index, name, symbol))
    {
      symbol->id |= SB_ROW_CONTEXT_FLAG;
      return TRUE;
    }

  return resolve_top_level (context->def, name, symbol);
}

static gboolean
resolve_column_in_row (gpointer    data,
                       guint       table_id,
                       const char *column,
                       SbSymbol   *symbol)
{
  ColumnContext *context = data;

  return resolve_column (context->def, table_id, column, symbol);
}

/* Parses and checks @source found at @path.  @table non-NULL: the
 * expression belongs to a column of it and sees that row's cells. */
static SbExpression *
compile_expression (Loader     *loader,
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

  if (!loader_ok (loader))
    return NULL;

  expression = sb_expression_parse (source, &error);
  if (expression == NULL || !sb_expression_check (expression, resolver, expected, &error))
    {
      loader_fail (loader, path, "%s (in \"%s\")", error->message, source);
      return NULL;
    }

  return g_steal_pointer (&expression);
}

static SbExpression *
get_expression (Loader     *loader,
                JsonObject *object,
                const char *path,
                const char *key,
                SbTypeKind  expected,
                SbField    *table)
{
  g_autofree char *source = get_string (loader, object, path, key, FALSE);
  g_autofree char *member_path = path_key (path, key);

  if (source == NULL)
    return NULL;

  return compile_expression (loader, source, member_path, expected, table);
}

/* Message templates: literal text and {expression} placeholders. */
static GPtrArray *
compile_message (Loader     *loader,
                 const char *message,
                 const char *path)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_message_part_free);
  g_autoptr(GString) literal = g_string_new (NULL);
  const char *p = message;

  if (message == NULL)
    return NULL;

  while (*p && loader_ok (loader))
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
              loader_fail (loader, path, "unclosed '{' in message");
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
          part->expression = compile_expression (loader, source, path, SB_TYPE_ANY, NULL);
          g_ptr_array_add (parts, part);
          p = end + 1;
        }
      else if (p[0] == '}')
        {
          loader_fail (loader, path, "unmatched '}' in message (write '}}' for a brace)");
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

static void
load_citation (Loader     *loader,
               JsonObject *object,
               const char *path,
               const char *key,
               SbCitation *citation)
{
  static const char *citation_keys[] = { "document", "article", "paragraph", "clause", "item", "text", NULL };
  g_autofree char *member_path = path_key (path, key);
  JsonObject *citation_object;

  citation_object = require_object (loader, json_object_get_member (object, key), member_path);
  if (citation_object == NULL)
    return;

  check_keys (loader, citation_object, member_path, citation_keys);
  citation->document = get_string (loader, citation_object, member_path, "document", TRUE);
  citation->article = get_string (loader, citation_object, member_path, "article", FALSE);
  citation->paragraph = get_string (loader, citation_object, member_path, "paragraph", FALSE);
  citation->clause = get_string (loader, citation_object, member_path, "clause", FALSE);
  citation->item = get_string (loader, citation_object, member_path, "item", FALSE);
  citation->text = get_string (loader, citation_object, member_path, "text", TRUE);
}

static void
load_regulation (Loader     *loader,
                 JsonObject *root)
{
  static const char *keys[] = {
    "document_no", "short_name", "title", "issuer", "issued",
    "effective_from", "effective_until", "validity_note", NULL
  };
  SbRegulation *regulation = &loader->def->regulation;
  JsonObject *object;

  object = require_object (loader, json_object_get_member (root, "regulation"), "$.regulation");
  if (object == NULL)
    return;

  check_keys (loader, object, "$.regulation", keys);
  regulation->document_no = get_string (loader, object, "$.regulation", "document_no", TRUE);
  regulation->short_name = get_string (loader, object, "$.regulation", "short_name", TRUE);
  regulation->title = get_string (loader, object, "$.regulation", "title", TRUE);
  regulation->issuer = get_string (loader, object, "$.regulation", "issuer", TRUE);
  regulation->issued = get_date (loader, object, "$.regulation", "issued", TRUE);
  regulation->effective_from = get_date (loader, object, "$.regulation", "effective_from", TRUE);
  regulation->effective_until = get_date (loader, object, "$.regulation", "effective_until", FALSE);
  get_text (loader, object, "$.regulation", "validity_note", FALSE, &regulation->validity_note);

  if (loader_ok (loader) && regulation->effective_until != 0 &&
      regulation->effective_until < regulation->effective_from)
    loader_fail (loader, "$.regulation.effective_until", "ends before effective_from");
}

static void
add_constant (Loader     *loader,
              const char *path,
              const char *name,
              SbValue    *value,
              SbType     *type)
{
  SbFormDefinition *self = loader->def;

  if (!is_identifier (name))
    {
      loader_fail (loader, path, "'%s' is not a valid name", name);
      sb_value_unref (value);
      g_free (type);
      return;
    }

  if (g_hash_table_contains (self->constants, name))
    {
      loader_fail (loader, path, "duplicate constant '%s'", name);
      sb_value_unref (value);
      g_free (type);
      return;
    }

  g_hash_table_insert (self->constants, g_strdup (name), value);
  g_hash_table_insert (self->constant_types, g_strdup (name), type);
}

static const char *
intern_unit (Loader     *loader,
             const char *path,
             const char *unit)
{
  if (unit == NULL)
    return NULL;

  for (guint i = 0; known_units[i] != NULL; i++)
    if (g_str_equal (known_units[i], unit))
      return known_units[i];

  loader_fail (loader, path, "unknown unit '%s'", unit);
  return NULL;
}

static void
load_constants (Loader     *loader,
                JsonObject *root)
{
  static const char *keys[] = { "type", "value", "unit", "source", NULL };
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_object_has_member (root, "constants"))
    return;

  object = require_object (loader, json_object_get_member (root, "constants"), "$.constants");
  if (object == NULL)
    return;

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL && loader_ok (loader); l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = path_key ("$.constants", name);
      g_autofree char *type_name = NULL;
      g_autofree char *value_text = NULL;
      g_autofree char *unit = NULL;
      g_autofree char *source = NULL;
      JsonObject *constant;
      SbValue *value = NULL;
      SbType *type;

      constant = require_object (loader, json_object_get_member (object, name), path);
      if (constant == NULL)
        break;

      check_keys (loader, constant, path, keys);
      type_name = get_string (loader, constant, path, "type", TRUE);
      unit = get_string (loader, constant, path, "unit", FALSE);
      source = get_string (loader, constant, path, "source", TRUE);

      if (!loader_ok (loader))
        break;

      type = g_new0 (SbType, 1);

      if (g_str_equal (type_name, "bool"))
        {
          type->kind = SB_TYPE_BOOL;
          value = sb_value_new_bool (get_bool (loader, constant, path, "value", FALSE));
          if (!json_object_has_member (constant, "value"))
            loader_fail (loader, path, "missing 'value'");
        }
      else
        {
          value_text = get_string (loader, constant, path, "value", TRUE);
          if (value_text == NULL)
            {
              g_free (type);
              break;
            }

          if (g_str_equal (type_name, "number"))
            {
              mpq_t q;

              mpq_init (q);
              type->kind = SB_TYPE_NUMBER;
              type->unit = intern_unit (loader, path, unit);
              if (sb_decimal_parse (value_text, q))
                value = sb_value_new_number (q);
              else
                loader_fail (loader, path, "'%s' is not a decimal number", value_text);
              mpq_clear (q);
            }
          else if (g_str_equal (type_name, "text"))
            {
              type->kind = SB_TYPE_TEXT;
              value = sb_value_new_text (value_text);
            }
          else if (g_str_equal (type_name, "date"))
            {
              gint32 julian_day;

              type->kind = SB_TYPE_DATE;
              if (sb_date_parse (value_text, &julian_day))
                value = sb_value_new_date (julian_day);
              else
                loader_fail (loader, path, "'%s' is not a date (YYYY-MM-DD)", value_text);
            }
          else if (g_str_equal (type_name, "time"))
            {
              int minutes;

              type->kind = SB_TYPE_TIME;
              if (sb_time_parse (value_text, &minutes))
                value = sb_value_new_time (minutes);
              else
                loader_fail (loader, path, "'%s' is not a time (HH:MM)", value_text);
            }
          else
            {
              loader_fail (loader, path, "unknown constant type '%s' (number, text, date, time, bool)", type_name);
            }
        }

      if (unit != NULL && type->kind != SB_TYPE_NUMBER)
        loader_fail (loader, path, "only numbers have a unit");

      if (value == NULL || !loader_ok (loader))
        {
          g_clear_pointer (&value, sb_value_unref);
          g_free (type);
          break;
        }

      add_constant (loader, path, name, value, type);
    }
}

static void
load_lists (Loader     *loader,
            JsonObject *root)
{
  static const char *keys[] = { "file", "source", NULL };
  static const char *file_keys[] = { "description", "source", "items", NULL };
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_object_has_member (root, "lists"))
    return;

  object = require_object (loader, json_object_get_member (root, "lists"), "$.lists");
  if (object == NULL)
    return;

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL && loader_ok (loader); l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = path_key ("$.lists", name);
      g_autofree char *file_name = NULL;
      g_autofree char *source = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(JsonNode) list_node = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = NULL;
      JsonObject *list_object;
      JsonObject *list_root;
      JsonArray *array;
      gsize length;
      SbType *type;

      list_object = require_object (loader, json_object_get_member (object, name), path);
      if (list_object == NULL)
        break;

      check_keys (loader, list_object, path, keys);
      file_name = get_string (loader, list_object, path, "file", TRUE);
      source = get_string (loader, list_object, path, "source", TRUE);
      if (!loader_ok (loader))
        break;

      /* List files live beside the definition; never follow a path out of it. */
      if (g_path_is_absolute (file_name) || strstr (file_name, "..") != NULL)
        {
          loader_fail (loader, path, "list file '%s' must be a relative path inside the forms folder", file_name);
          break;
        }

      if (loader->base_dir == NULL)
        {
          loader_fail (loader, path, "list file '%s' cannot be found: the definition was not loaded from a folder", file_name);
          break;
        }

      file = g_file_resolve_relative_path (loader->base_dir, file_name);
      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
        {
          loader_fail (loader, path, "cannot read list file '%s': %s", file_name, error->message);
          break;
        }

      list_node = sb_json_parse_untrusted_full (contents, length, &definition_limits, &error);
      if (list_node == NULL)
        {
          loader_fail (loader, path, "list file '%s' cannot be read: %s", file_name, error->message);
          break;
        }

      list_root = require_object (loader, list_node, path);
      if (list_root == NULL)
        break;
      check_keys (loader, list_root, path, file_keys);
      array = require_array (loader, json_object_get_member (list_root, "items"), path);
      if (array == NULL)
        break;

      items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!node_is_string (item))
            {
              loader_fail (loader, path, "list file '%s': item %u is %s, expected a string",
                           file_name, i, json_type_name (item));
              break;
            }
          g_ptr_array_add (items, sb_value_new_text (json_node_get_string (item)));
        }
      if (!loader_ok (loader))
        break;

      type = g_new0 (SbType, 1);
      type->kind = SB_TYPE_LIST;
      type->element = SB_TYPE_TEXT;
      add_constant (loader, path, name, sb_value_new_list (g_steal_pointer (&items)), type);
    }
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
      g_autofree char *member_path = path_key (path, key);
      loader_fail (loader, member_path, "'%s' is not a decimal number", text);
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
  g_autofree char *unit = get_string (loader, object, path, "unit", FALSE);

  field->unit = g_strdup (intern_unit (loader, path, unit));
  field->input_unit = get_string (loader, object, path, "input_unit", FALSE);
  field->scale = get_int (loader, object, path, "scale", -1, 0, 10);
  field->min = get_string (loader, object, path, "min", FALSE);
  field->max = get_string (loader, object, path, "max", FALSE);
  check_decimal_bound (loader, path, "min", field->min);
  check_decimal_bound (loader, path, "max", field->max);

  if (field->input_unit != NULL &&
      !(g_str_equal (field->input_unit, "万元") && g_strcmp0 (field->unit, "元") == 0))
    loader_fail (loader, path, "input_unit '%s' is only supported as 万元 for a field in 元", field->input_unit);
  return loader_ok (loader);
}

/* A text: its longest length. */
static gboolean
load_text (Loader     *loader,
           JsonObject *object,
           const char *path,
           SbField    *field)
{
  field->max_length = get_int (loader, object, path, "max_length", 0, 1, 1000000);
  return loader_ok (loader);
}

/* A single or multiple choice: its options, each a value and a label. */
static gboolean
load_choices (Loader     *loader,
              JsonObject *object,
              const char *path,
              SbField    *field)
{
  static const char *choice_keys[] = { "value", "label", NULL };
  g_autofree char *choices_path = path_key (path, "choices");
  JsonArray *array = require_array (loader, json_object_get_member (object, "choices"), choices_path);
  const char **values;

  if (array == NULL)
    return FALSE;

  if (json_array_get_length (array) == 0)
    {
      loader_fail (loader, choices_path, "a choice needs at least one option");
      return FALSE;
    }

  field->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_choice_free);
  values = g_new0 (const char *, json_array_get_length (array) + 1);
  field->choice_values = values;

  for (guint i = 0; i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *choice_path = path_index (choices_path, i);
      JsonObject *choice_object = require_object (loader, json_array_get_element (array, i), choice_path);
      SbChoice *choice;

      if (choice_object == NULL)
        break;

      check_keys (loader, choice_object, choice_path, choice_keys);
      choice = g_new0 (SbChoice, 1);
      choice->value = get_string (loader, choice_object, choice_path, "value", TRUE);
      if (json_object_has_member (choice_object, "label"))
        {
          JsonObject *label = require_object (loader, json_object_get_member (choice_object, "label"), choice_path);

          if (label != NULL)
            {
              choice->label.zh_CN = json_object_has_member (label, "zh_CN")
                ? get_string (loader, label, choice_path, "zh_CN", TRUE)
                : NULL;
              choice->label.en = get_string (loader, label, choice_path, "en", FALSE);
            }
        }
      if (choice->label.zh_CN == NULL)
        choice->label.zh_CN = g_strdup (choice->value);

      g_ptr_array_add (field->choices, choice);
      values[i] = choice->value;

      for (guint j = 0; j < i && choice->value != NULL; j++)
        if (g_strcmp0 (values[j], choice->value) == 0)
          loader_fail (loader, choice_path, "duplicate option '%s'", choice->value);
    }
  return loader_ok (loader);
}

/* An attachment: one or many files, their media types and size. */
static gboolean
load_attachment (Loader     *loader,
                 JsonObject *object,
                 const char *path,
                 SbField    *field)
{
  field->multiple = get_bool (loader, object, path, "multiple", FALSE);
  field->max_size = get_int (loader, object, path, "max_size", DEFAULT_MAX_SIZE, 1, G_GINT64_CONSTANT (1) << 32);

  if (json_object_has_member (object, "media_types"))
    {
      g_autofree char *types_path = path_key (path, "media_types");
      JsonArray *array = require_array (loader, json_object_get_member (object, "media_types"), types_path);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!node_is_string (item) || strchr (json_node_get_string (item), '/') == NULL)
            {
              loader_fail (loader, types_path, "item %u is not a media type", i);
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
  return loader_ok (loader);
}

/* A table: its columns, each loaded as a field of the table, and the
 * number of rows it may have. */
static gboolean
load_table (Loader     *loader,
            JsonObject *object,
            const char *path,
            SbField    *field)
{
  g_autofree char *columns_path = path_key (path, "columns");
  JsonArray *array;

  if (field->table != NULL)
    {
      loader_fail (loader, path, "a table cannot contain a table");
      return FALSE;
    }

  array = require_array (loader, json_object_get_member (object, "columns"), columns_path);
  if (array == NULL)
    return FALSE;

  if (json_array_get_length (array) == 0)
    {
      loader_fail (loader, columns_path, "a table needs at least one column");
      return FALSE;
    }

  field->min_rows = get_int (loader, object, path, "min_rows", 0, 0, 100000);
  field->max_rows = get_int (loader, object, path, "max_rows", 0, 0, 100000);
  field->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_field_free);

  for (guint i = 0; i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *column_path = path_index (columns_path, i);
      SbField *column = load_field (loader, json_array_get_element (array, i), column_path, field);

      if (column == NULL)
        break;

      column->index = i;
      for (guint j = 0; j < field->columns->len; j++)
        {
          SbField *other = g_ptr_array_index (field->columns, j);

          if (g_str_equal (other->id, column->id))
            loader_fail (loader, column_path, "duplicate column id '%s' in table '%s'", column->id, field->id);
        }
      g_ptr_array_add (field->columns, column);
    }
  return loader_ok (loader);
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
    "visible_when", "computed", "unit", "input_unit", "scale", "min", "max",
    "max_length", "choices", "widget", "multiple", "media_types", "max_size",
    "material", "columns", "min_rows", "max_rows", "system", "source", NULL
  };
  g_autoptr(GPtrArray) self_holder = NULL;
  g_autofree char *type_name = NULL;
  JsonObject *object;
  SbField *field;

  object = require_object (loader, node, path);
  if (object == NULL)
    return NULL;

  check_keys (loader, object, path, keys);

  field = g_new0 (SbField, 1);
  self_holder = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_field_free);
  g_ptr_array_add (self_holder, field);

  field->table = table;
  field->scale = -1;
  field->id = get_string (loader, object, path, "id", TRUE);
  type_name = get_string (loader, object, path, "type", TRUE);
  if (!loader_ok (loader))
    return NULL;

  if (!is_identifier (field->id))
    {
      loader_fail (loader, path, "field id '%s' must be letters, digits and '_'", field->id);
      return NULL;
    }

  if (!parse_field_type (type_name, &field->type))
    {
      loader_fail (loader, path, "field '%s' has unknown type '%s'", field->id, type_name);
      return NULL;
    }

  get_text (loader, object, path, "label", TRUE, &field->label);
  get_text (loader, object, path, "help", FALSE, &field->help);
  get_text (loader, object, path, "placeholder", FALSE, &field->placeholder);
  field->required = get_bool (loader, object, path, "required", FALSE);
  field->system = get_bool (loader, object, path, "system", FALSE);
  field->source = get_string (loader, object, path, "source", FALSE);
  field->widget = get_string (loader, object, path, "widget", FALSE);
  field->material = get_string (loader, object, path, "material", FALSE);

  if (field->widget != NULL && !g_strv_contains ((const char *[]) { "radio", "check", "combo", NULL }, field->widget))
    loader_fail (loader, path, "unknown widget hint '%s' (radio, check, combo)", field->widget);

  /* Keys that only make sense for some types are errors elsewhere: a
   * "unit" on a text field is a mistake worth stopping for. */
#define ONLY_FOR(key, condition) \
  if (loader_ok (loader) && json_object_has_member (object, key) && !(condition)) \
    loader_fail (loader, path, "'%s' does not apply to a %s field", key, type_name)

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
#undef ONLY_FOR

  if (!loader_ok (loader))
    return NULL;

  if (field->type < G_N_ELEMENTS (type_loaders) && type_loaders[field->type] != NULL &&
      !type_loaders[field->type] (loader, object, path, field))
    return NULL;

  return g_ptr_array_steal_index (self_holder, 0);
}

/* Second pass: the expressions of a field (and of its columns). */
static void
compile_field_expressions (Loader     *loader,
                           SbField    *field,
                           JsonObject *object,
                           const char *path)
{
  SbTypeKind computed_type;
  SbType type;

  field->required_when = get_expression (loader, object, path, "required_when", SB_TYPE_BOOL, field->table);
  field->visible_when = get_expression (loader, object, path, "visible_when", SB_TYPE_BOOL, field->table);

  field_type_to_sb_type (field, &type);
  computed_type = type.kind;
  field->computed = get_expression (loader, object, path, "computed", computed_type, field->table);

  if (field->computed != NULL && field->type == SB_FIELD_ATTACHMENT)
    loader_fail (loader, path, "an attachment cannot be computed");
  if (field->computed != NULL && field->type == SB_FIELD_TABLE)
    loader_fail (loader, path, "a table cannot be computed");

  if (field->columns != NULL)
    {
      JsonArray *array = json_object_get_array_member (object, "columns");

      for (guint i = 0; i < field->columns->len && loader_ok (loader); i++)
        {
          g_autofree char *columns_path = path_key (path, "columns");
          g_autofree char *column_path = path_index (columns_path, i);

          compile_field_expressions (loader, g_ptr_array_index (field->columns, i),
                                     json_array_get_object_element (array, i), column_path);
        }
    }
}

static void
load_fields (Loader     *loader,
             JsonObject *root,
             GPtrArray  *field_objects)
{
  SbFormDefinition *self = loader->def;
  JsonArray *array;

  array = require_array (loader, json_object_get_member (root, "fields"), "$.fields");
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *path = path_index ("$.fields", i);
      SbField *field = load_field (loader, json_array_get_element (array, i), path, NULL);

      if (field == NULL)
        break;

      if (g_hash_table_contains (self->fields_by_id, field->id))
        {
          loader_fail (loader, path, "duplicate field id '%s'", field->id);
          sb_field_free (field);
          break;
        }

      if (g_hash_table_contains (self->constants, field->id))
        {
          loader_fail (loader, path, "field id '%s' is also the name of a constant", field->id);
          sb_field_free (field);
          break;
        }

      field->index = self->fields->len;
      g_ptr_array_add (self->fields, field);
      g_hash_table_insert (self->fields_by_id, field->id, field);
      g_ptr_array_add (field_objects, json_array_get_object_element (array, i));
    }
}

static void
load_steps (Loader     *loader,
            JsonObject *root)
{
  static const char *keys[] = { "id", "title", "description", "visible_when", "fields", NULL };
  SbFormDefinition *self = loader->def;
  g_autoptr(GHashTable) step_ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ordered = g_ptr_array_new ();
  JsonArray *array;

  array = require_array (loader, json_object_get_member (root, "steps"), "$.steps");
  if (array == NULL)
    return;

  if (json_array_get_length (array) == 0)
    {
      loader_fail (loader, "$.steps", "a form needs at least one step");
      return;
    }

  for (guint i = 0; i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *path = path_index ("$.steps", i);
      g_autofree char *fields_path = NULL;
      JsonObject *object = require_object (loader, json_array_get_element (array, i), path);
      JsonArray *field_ids;
      SbStep *step;

      if (object == NULL)
        break;

      check_keys (loader, object, path, keys);
      step = g_new0 (SbStep, 1);
      g_ptr_array_add (self->steps, step);
      step->fields = g_ptr_array_new ();
      step->id = get_string (loader, object, path, "id", TRUE);
      get_text (loader, object, path, "title", TRUE, &step->title);
      get_text (loader, object, path, "description", FALSE, &step->description);
      step->visible_when = get_expression (loader, object, path, "visible_when", SB_TYPE_BOOL, NULL);

      if (!loader_ok (loader))
        break;

      if (!g_hash_table_add (step_ids, step->id))
        {
          loader_fail (loader, path, "duplicate step id '%s'", step->id);
          break;
        }

      fields_path = path_key (path, "fields");
      field_ids = require_array (loader, json_object_get_member (object, "fields"), fields_path);
      for (guint j = 0; field_ids != NULL && j < json_array_get_length (field_ids); j++)
        {
          JsonNode *item = json_array_get_element (field_ids, j);
          SbField *field;

          if (!node_is_string (item))
            {
              loader_fail (loader, fields_path, "item %u is not a field id", j);
              break;
            }

          field = g_hash_table_lookup (self->fields_by_id, json_node_get_string (item));
          if (field == NULL)
            {
              loader_fail (loader, fields_path, "unknown field '%s'", json_node_get_string (item));
              break;
            }
          if (field->step_id != NULL)
            {
              loader_fail (loader, fields_path, "field '%s' is already in step '%s'", field->id, field->step_id);
              break;
            }

          field->step_id = step->id;
          g_ptr_array_add (step->fields, field);
          g_ptr_array_add (ordered, field);
        }
    }

  if (!loader_ok (loader))
    return;

  for (guint i = 0; i < self->fields->len; i++)
    {
      SbField *field = g_ptr_array_index (self->fields, i);

      if (field->step_id == NULL)
        {
          g_autofree char *path = path_index ("$.fields", i);
          loader_fail (loader, path, "field '%s' is in no step", field->id);
          return;
        }
    }
}

/* "field" or "table[].column" */
static SbField *
lookup_path (SbFormDefinition *self,
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

static void
load_rules (Loader     *loader,
            JsonObject *root)
{
  static const char *keys[] = {
    "id", "severity", "technical", "when", "applies_when", "message",
    "fields", "citation", "ambiguity", NULL
  };
  SbFormDefinition *self = loader->def;
  JsonArray *array;

  array = require_array (loader, json_object_get_member (root, "rules"), "$.rules");
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *path = path_index ("$.rules", i);
      g_autofree char *severity = NULL;
      g_autofree char *fields_path = NULL;
      g_autofree char *when = NULL;
      g_autofree char *when_path = NULL;
      JsonObject *object = require_object (loader, json_array_get_element (array, i), path);
      JsonArray *fields;
      SbRule *rule;

      if (object == NULL)
        break;

      check_keys (loader, object, path, keys);
      rule = g_new0 (SbRule, 1);
      g_ptr_array_add (self->rules, rule);

      rule->id = get_string (loader, object, path, "id", TRUE);
      if (!loader_ok (loader))
        break;

      if (!is_rule_id (rule->id) || g_str_has_prefix (rule->id, "SB-"))
        {
          loader_fail (loader, path, "'%s' is not a valid rule id (upper-case letters, digits, '-'; SB- is reserved)", rule->id);
          break;
        }

      if (g_hash_table_contains (self->rules_by_id, rule->id))
        {
          loader_fail (loader, path, "duplicate rule id '%s'", rule->id);
          break;
        }
      g_hash_table_insert (self->rules_by_id, rule->id, rule);

      severity = get_string (loader, object, path, "severity", TRUE);
      if (severity != NULL && !sb_severity_from_string (severity, &rule->severity))
        loader_fail (loader, path, "unknown severity '%s' (error, warning, info)", severity);

      rule->technical = get_bool (loader, object, path, "technical", FALSE);
      rule->ambiguity = get_string (loader, object, path, "ambiguity", FALSE);

      when = get_string (loader, object, path, "when", TRUE);
      when_path = path_key (path, "when");
      if (when != NULL)
        rule->when = compile_expression (loader, when, when_path, SB_TYPE_BOOL, NULL);
      rule->applies_when = get_expression (loader, object, path, "applies_when", SB_TYPE_BOOL, NULL);

      get_text (loader, object, path, "message", TRUE, &rule->message);
      if (loader_ok (loader))
        {
          g_autofree char *message_path = path_key (path, "message");
          g_autofree char *zh_path = path_key (message_path, "zh_CN");
          g_autofree char *en_path = path_key (message_path, "en");

          rule->message_parts_zh = compile_message (loader, rule->message.zh_CN, zh_path);
          rule->message_parts_en = compile_message (loader, rule->message.en, en_path);
        }

      if (!json_object_has_member (object, "citation"))
        {
          loader_fail (loader, path, "rule '%s' has no citation", rule->id);
          break;
        }
      load_citation (loader, object, path, "citation", &rule->citation);

      fields_path = path_key (path, "fields");
      fields = require_array (loader, json_object_get_member (object, "fields"), fields_path);
      if (fields != NULL)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; j < json_array_get_length (fields); j++)
            {
              JsonNode *item = json_array_get_element (fields, j);

              if (!node_is_string (item) || lookup_path (self, json_node_get_string (item)) == NULL)
                {
                  loader_fail (loader, fields_path, "item %u: %s is not a field or table[].column of this form",
                               j, node_is_string (item) ? json_node_get_string (item) : json_type_name (item));
                  break;
                }
              g_strv_builder_add (builder, json_node_get_string (item));
            }
          rule->fields = g_strv_builder_end (builder);
        }
    }
}

/* The answers that name an application in lists and on the cover. */
static void
load_summary_fields (Loader     *loader,
                     JsonObject *root)
{
  SbFormDefinition *self = loader->def;
  JsonArray *array;

  if (!json_object_has_member (root, "summary_fields"))
    return;

  array = require_array (loader, json_object_get_member (root, "summary_fields"), "$.summary_fields");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      SbField *field = node_is_string (item)
        ? g_hash_table_lookup (self->fields_by_id, json_node_get_string (item)) : NULL;

      if (field == NULL || field->type == SB_FIELD_TABLE || field->type == SB_FIELD_ATTACHMENT)
        {
          loader_fail (loader, "$.summary_fields", "item %u is not a top-level field that holds a value", i);
          return;
        }
      g_ptr_array_add (self->summary_fields, field);
    }
}

static SbMaterialRequirement
parse_requirement (Loader     *loader,
                   const char *path,
                   const char *text)
{
  static const char *names[] = { "required", "conditional", "recommended", "optional", "generated", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    if (g_strcmp0 (names[i], text) == 0)
      return i;

  loader_fail (loader, path, "unknown requirement '%s' (required, conditional, recommended, optional, generated)",
               text ? text : "");
  return SB_MATERIAL_OPTIONAL;
}

static void
load_materials (Loader     *loader,
                JsonObject *root)
{
  static const char *keys[] = { "id", "title", "requirement", "condition", "field", "citation", NULL };
  SbFormDefinition *self = loader->def;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!json_object_has_member (root, "materials"))
    return;

  array = require_array (loader, json_object_get_member (root, "materials"), "$.materials");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *path = path_index ("$.materials", i);
      g_autofree char *requirement = NULL;
      JsonObject *object = require_object (loader, json_array_get_element (array, i), path);
      SbMaterial *material;

      if (object == NULL)
        break;

      check_keys (loader, object, path, keys);
      material = g_new0 (SbMaterial, 1);
      g_ptr_array_add (self->materials, material);
      material->id = get_string (loader, object, path, "id", TRUE);
      get_text (loader, object, path, "title", TRUE, &material->title);
      requirement = get_string (loader, object, path, "requirement", TRUE);
      if (!loader_ok (loader))
        break;

      if (!g_hash_table_add (ids, material->id))
        {
          loader_fail (loader, path, "duplicate material id '%s'", material->id);
          break;
        }

      material->requirement = parse_requirement (loader, path, requirement);
      material->condition = get_expression (loader, object, path, "condition", SB_TYPE_BOOL, NULL);
      if (material->requirement == SB_MATERIAL_CONDITIONAL && material->condition == NULL && loader_ok (loader))
        loader_fail (loader, path, "a conditional material needs a 'condition'");

      material->field = get_string (loader, object, path, "field", FALSE);
      if (material->field != NULL)
        {
          SbField *field = lookup_path (self, material->field);

          if (field == NULL || field->type != SB_FIELD_ATTACHMENT)
            loader_fail (loader, path, "'%s' is not an attachment field of this form", material->field);
        }

      if (json_object_has_member (object, "citation"))
        load_citation (loader, object, path, "citation", &material->citation);
      else
        loader_fail (loader, path, "material '%s' has no citation", material->id);
    }
}

static void
load_guide (Loader     *loader,
            JsonObject *root)
{
  static const char *keys[] = { "applicants", "authority", "where", "steps", "notes", NULL };
  static const char *step_keys[] = { "id", "actor", "action", "deadline", "citation", NULL };
  static const char *deadline_keys[] = { "working_days", "days", "months", "text", "from", NULL };
  SbFormDefinition *self = loader->def;
  JsonObject *object;
  JsonArray *array;

  object = require_object (loader, json_object_get_member (root, "guide"), "$.guide");
  if (object == NULL)
    return;

  check_keys (loader, object, "$.guide", keys);
  get_text (loader, object, "$.guide", "applicants", TRUE, &self->guide_applicants);
  get_text (loader, object, "$.guide", "authority", TRUE, &self->guide_authority);
  get_text (loader, object, "$.guide", "where", FALSE, &self->guide_where);

  array = require_array (loader, json_object_get_member (object, "steps"), "$.guide.steps");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *path = path_index ("$.guide.steps", i);
      JsonObject *step_object = require_object (loader, json_array_get_element (array, i), path);
      SbGuideStep *step;

      if (step_object == NULL)
        break;

      check_keys (loader, step_object, path, step_keys);
      step = g_new0 (SbGuideStep, 1);
      g_ptr_array_add (self->guide_steps, step);
      step->id = get_string (loader, step_object, path, "id", TRUE);
      get_text (loader, step_object, path, "actor", TRUE, &step->actor);
      get_text (loader, step_object, path, "action", TRUE, &step->action);
      step->citation = get_string (loader, step_object, path, "citation", FALSE);

      if (json_object_has_member (step_object, "deadline"))
        {
          g_autofree char *deadline_path = path_key (path, "deadline");
          JsonObject *deadline = require_object (loader, json_object_get_member (step_object, "deadline"), deadline_path);

          if (deadline == NULL)
            break;

          check_keys (loader, deadline, deadline_path, deadline_keys);
          step->deadline_working_days = get_int (loader, deadline, deadline_path, "working_days", 0, 1, 3650);
          step->deadline_days = get_int (loader, deadline, deadline_path, "days", 0, 1, 3650);
          step->deadline_months = get_int (loader, deadline, deadline_path, "months", 0, 1, 1200);
          get_text (loader, deadline, deadline_path, "text", FALSE, &step->deadline_text);
          get_text (loader, deadline, deadline_path, "from", FALSE, &step->deadline_from);
        }
    }

  if (json_object_has_member (object, "notes"))
    {
      array = require_array (loader, json_object_get_member (object, "notes"), "$.guide.notes");
      for (guint i = 0; array != NULL && i < json_array_get_length (array) && loader_ok (loader); i++)
        {
          g_autofree char *path = path_index ("$.guide.notes", i);
          SbText *note = g_new0 (SbText, 1);
          g_autoptr(JsonObject) wrapper = json_object_new ();

          g_ptr_array_add (self->guide_notes, note);
          json_object_set_member (wrapper, "note", json_node_copy (json_array_get_element (array, i)));
          get_text (loader, wrapper, path, "note", TRUE, note);
        }
    }
}

static void
load_review (Loader     *loader,
             JsonObject *root)
{
  static const char *keys[] = { "checklist", "decisions", "deadlines", NULL };
  static const char *item_keys[] = { "id", "title", "citation", NULL };
  static const char *decision_keys[] = { "id", "label", NULL };
  static const char *deadline_keys[] = { "id", "label", "working_days", "from", "citation", NULL };
  SbFormDefinition *self = loader->def;
  JsonObject *object;
  JsonArray *array;

  object = require_object (loader, json_object_get_member (root, "review"), "$.review");
  if (object == NULL)
    return;

  check_keys (loader, object, "$.review", keys);

  array = require_array (loader, json_object_get_member (object, "checklist"), "$.review.checklist");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *path = path_index ("$.review.checklist", i);
      JsonObject *item_object = require_object (loader, json_array_get_element (array, i), path);
      SbChecklistItem *item;

      if (item_object == NULL)
        break;

      check_keys (loader, item_object, path, item_keys);
      item = g_new0 (SbChecklistItem, 1);
      g_ptr_array_add (self->checklist, item);
      item->id = get_string (loader, item_object, path, "id", TRUE);
      get_text (loader, item_object, path, "title", TRUE, &item->title);
      item->citation = get_string (loader, item_object, path, "citation", FALSE);
    }

  array = require_array (loader, json_object_get_member (object, "decisions"), "$.review.decisions");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *path = path_index ("$.review.decisions", i);
      JsonObject *decision_object = require_object (loader, json_array_get_element (array, i), path);
      SbDecision *decision;

      if (decision_object == NULL)
        break;

      check_keys (loader, decision_object, path, decision_keys);
      decision = g_new0 (SbDecision, 1);
      g_ptr_array_add (self->decisions, decision);
      decision->id = get_string (loader, decision_object, path, "id", TRUE);
      get_text (loader, decision_object, path, "label", TRUE, &decision->label);
    }

  if (!json_object_has_member (object, "deadlines"))
    return;

  array = require_array (loader, json_object_get_member (object, "deadlines"), "$.review.deadlines");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && loader_ok (loader); i++)
    {
      g_autofree char *path = path_index ("$.review.deadlines", i);
      JsonObject *deadline_object = require_object (loader, json_array_get_element (array, i), path);
      SbReviewDeadline *deadline;

      if (deadline_object == NULL)
        break;

      check_keys (loader, deadline_object, path, deadline_keys);
      deadline = g_new0 (SbReviewDeadline, 1);
      g_ptr_array_add (self->review_deadlines, deadline);
      deadline->id = get_string (loader, deadline_object, path, "id", TRUE);
      get_text (loader, deadline_object, path, "label", TRUE, &deadline->label);
      deadline->working_days = get_int (loader, deadline_object, path, "working_days", 0, 1, 3650);
      deadline->from = get_string (loader, deadline_object, path, "from", TRUE);
      deadline->citation = get_string (loader, deadline_object, path, "citation", FALSE);

      if (deadline->from != NULL && !g_strv_contains ((const char *[]) { "receipt", "submission", NULL }, deadline->from))
        loader_fail (loader, path, "'from' must be \"receipt\" or \"submission\", not '%s'", deadline->from);
      if (deadline->working_days == 0 && loader_ok (loader))
        loader_fail (loader, path, "missing 'working_days'");
    }
}

static gboolean
load_definition (SbFormDefinition  *self,
                 JsonNode          *root_node,
                 GFile             *base_dir,
                 GError           **error)
{
  static const char *keys[] = {
    "$schema", "format", "id", "version", "title", "description", "regulation",
    "constants", "lists", "steps", "fields", "summary_fields", "rules", "materials", "guide", "review", NULL
  };
  Loader loader = { self, base_dir, NULL };
  g_autoptr(GPtrArray) field_objects = g_ptr_array_new ();
  JsonObject *root;

  root = require_object (&loader, root_node, "$");
  if (root != NULL)
    {
      check_keys (&loader, root, "$", keys);
      if (loader_ok (&loader) && get_int (&loader, root, "$", "format", 0, 0, G_MAXINT) != 1)
        loader_fail (&loader, "$.format", "unsupported definition format (this version reads format 1)");

      self->id = get_string (&loader, root, "$", "id", TRUE);
      self->version = get_string (&loader, root, "$", "version", TRUE);
      if (loader_ok (&loader) && !is_identifier (self->id))
        loader_fail (&loader, "$.id", "'%s' is not a valid form id", self->id);

      get_text (&loader, root, "$", "title", TRUE, &self->title);
      get_text (&loader, root, "$", "description", FALSE, &self->description);
      if (loader_ok (&loader))
        load_regulation (&loader, root);
      if (loader_ok (&loader))
        load_constants (&loader, root);
      if (loader_ok (&loader))
        load_lists (&loader, root);
      if (loader_ok (&loader))
        load_fields (&loader, root, field_objects);
      if (loader_ok (&loader))
        load_steps (&loader, root);

      for (guint i = 0; i < self->fields->len && loader_ok (&loader); i++)
        {
          g_autofree char *path = path_index ("$.fields", i);

          compile_field_expressions (&loader, g_ptr_array_index (self->fields, i),
                                     g_ptr_array_index (field_objects, i), path);
        }

      if (loader_ok (&loader))
        load_summary_fields (&loader, root);
      if (loader_ok (&loader))
        load_rules (&loader, root);
      if (loader_ok (&loader))
        load_materials (&loader, root);
      if (loader_ok (&loader))
        load_guide (&loader, root);
      if (loader_ok (&loader))
        load_review (&loader, root);
    }

  if (loader.error != NULL)
    {
      g_propagate_error (error, loader.error);
      return FALSE;
    }

  /* Fields in step order, so everything that walks fields shows them as
   * the applicant saw them. */
  {
    g_autoptr(GPtrArray) ordered = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_field_free);

    for (guint i = 0; i < self->steps->len; i++)
      {
        SbStep *step = g_ptr_array_index (self->steps, i);

        for (guint j = 0; j < step->fields->len; j++)
          g_ptr_array_add (ordered, g_ptr_array_index (step->fields, j));
      }

    /* Indices are baked into compiled expressions: keep them, only the
     * presentation order changes. */
    g_ptr_array_set_free_func (self->fields, NULL);
    self->slots = self->fields;
    self->fields = g_steal_pointer (&ordered);
  }

  return TRUE;
}

/* GObject overrides */

static void
sb_form_definition_finalize (GObject *object)
{
  SbFormDefinition *self = (SbFormDefinition *) object;

  g_free (self->origin);
  g_free (self->sha256);
  g_free (self->id);
  g_free (self->version);
  sb_text_clear (&self->title);
  sb_text_clear (&self->description);
  g_free (self->regulation.document_no);
  g_free (self->regulation.short_name);
  g_free (self->regulation.title);
  g_free (self->regulation.issuer);
  sb_text_clear (&self->regulation.validity_note);

  /* Rules and steps hold compiled expressions that refer to fields by
   * index only, so the order of freeing does not matter. */
  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->rules_by_id, g_hash_table_unref);
  g_clear_pointer (&self->materials, g_ptr_array_unref);
  g_clear_pointer (&self->summary_fields, g_ptr_array_unref);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->fields_by_id, g_hash_table_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->slots, g_ptr_array_unref);
  g_clear_pointer (&self->constants, g_hash_table_unref);
  g_clear_pointer (&self->constant_types, g_hash_table_unref);
  sb_text_clear (&self->guide_applicants);
  sb_text_clear (&self->guide_authority);
  sb_text_clear (&self->guide_where);
  g_clear_pointer (&self->guide_steps, g_ptr_array_unref);
  g_clear_pointer (&self->guide_notes, g_ptr_array_unref);
  g_clear_pointer (&self->checklist, g_ptr_array_unref);
  g_clear_pointer (&self->decisions, g_ptr_array_unref);
  g_clear_pointer (&self->review_deadlines, g_ptr_array_unref);

  G_OBJECT_CLASS (sb_form_definition_parent_class)->finalize (object);
}

static void
sb_form_definition_class_init (SbFormDefinitionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_form_definition_finalize;
}

static void
sb_form_definition_init (SbFormDefinition *self)
{
  self->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_step_free);
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_field_free);
  self->fields_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->rules = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_rule_free);
  self->rules_by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->materials = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_material_free);
  self->summary_fields = g_ptr_array_new ();
  self->constants = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) sb_value_unref);
  self->constant_types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->guide_steps = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_guide_step_free);
  self->guide_notes = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_text_free);
  self->checklist = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_checklist_item_free);
  self->decisions = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_decision_free);
  self->review_deadlines = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_review_deadline_free);
  self->resolver.resolve = resolve_top_level;
  self->resolver.resolve_column = resolve_column;
  self->resolver.data = self;
}

/* Public API */

const char *
sb_severity_to_string (SbSeverity severity)
{
  switch (severity)
    {
    case SB_SEVERITY_ERROR:
      return "error";
    case SB_SEVERITY_WARNING:
      return "warning";
    case SB_SEVERITY_INFO:
      return "info";
    default:
      g_return_val_if_reached ("error");
    }
}

gboolean
sb_severity_from_string (const char *text,
                         SbSeverity *severity)
{
  g_return_val_if_fail (severity != NULL, FALSE);

  if (g_strcmp0 (text, "error") == 0)
    *severity = SB_SEVERITY_ERROR;
  else if (g_strcmp0 (text, "warning") == 0)
    *severity = SB_SEVERITY_WARNING;
  else if (g_strcmp0 (text, "info") == 0)
    *severity = SB_SEVERITY_INFO;
  else
    return FALSE;

  return TRUE;
}

char *
sb_citation_format (const SbCitation *citation)
{
  GString *text;
  const char *parts[5];

  g_return_val_if_fail (citation != NULL, NULL);

  parts[0] = citation->document;
  parts[1] = citation->article;
  parts[2] = citation->paragraph;
  parts[3] = citation->clause;
  parts[4] = citation->item;

  text = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    {
      if (parts[i] == NULL || *parts[i] == '\0')
        continue;
      /* "《准入办法》第八条 第(二)款": no space after the title marks. */
      if (text->len > 0 && !g_str_has_suffix (text->str, "》"))
        g_string_append_c (text, ' ');
      g_string_append (text, parts[i]);
    }

  return g_string_free (text, FALSE);
}

/**
 * sb_form_definition_new_from_bytes:
 *
 * Loads a definition from @bytes; on failure the error names @origin, the
 * JSON path and the reason.
 */
SbFormDefinition *
sb_form_definition_new_from_bytes (GBytes      *bytes,
                                   const char  *origin,
                                   GFile       *base_dir,
                                   GError     **error)
{
  g_autoptr(SbFormDefinition) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) parse_error = NULL;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (origin != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  data = g_bytes_get_data (bytes, &length);

  /* Found by fuzzing: GBytes gives NULL for no bytes at all. */
  if (data == NULL || length == 0)
    {
      g_set_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX,
                   "%s: the file is empty", origin);
      return NULL;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX,
                   "%s: not UTF-8 text", origin);
      return NULL;
    }

  root = sb_json_parse_untrusted_full (data, length, &definition_limits, &parse_error);
  if (root == NULL)
    {
      g_set_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX,
                   "%s: %s", origin, parse_error->message);
      return NULL;
    }

  self = g_object_new (SB_TYPE_FORM_DEFINITION, NULL);
  self->origin = g_strdup (origin);
  self->sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  if (!load_definition (self, root, base_dir, error))
    return NULL;

  return g_steal_pointer (&self);
}

SbFormDefinition *
sb_form_definition_new_from_file (GFile   *file,
                                  GError **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GError) read_error = NULL;
  g_autofree char *origin = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  origin = g_file_get_parse_name (file);
  bytes = g_file_load_bytes (file, NULL, NULL, &read_error);
  if (bytes == NULL)
    {
      g_set_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_READ,
                   "%s: cannot read: %s", origin, read_error->message);
      return NULL;
    }

  parent = g_file_get_parent (file);
  return sb_form_definition_new_from_bytes (bytes, origin, parent, error);
}

const char *
sb_form_definition_get_id (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->id;
}

const char *
sb_form_definition_get_version (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->version;
}

const char *
sb_form_definition_get_sha256 (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->sha256;
}

const SbText *
sb_form_definition_get_title (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return &self->title;
}

const SbText *
sb_form_definition_get_description (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return &self->description;
}

const SbRegulation *
sb_form_definition_get_regulation (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return &self->regulation;
}

gboolean
sb_form_definition_is_in_force (SbFormDefinition *self,
                                gint32            julian_day)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), FALSE);

  if (julian_day < self->regulation.effective_from)
    return FALSE;

  return self->regulation.effective_until == 0 || julian_day <= self->regulation.effective_until;
}

GPtrArray *
sb_form_definition_get_steps (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->steps;
}

GPtrArray *
sb_form_definition_get_fields (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->fields;
}

SbField *
sb_form_definition_lookup_field (SbFormDefinition *self,
                                 const char       *id)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->fields_by_id, id);
}

SbField *
sb_form_definition_lookup_path (SbFormDefinition *self,
                                const char       *path)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  return lookup_path (self, path);
}

GPtrArray *
sb_form_definition_get_rules (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->rules;
}

SbRule *
sb_form_definition_lookup_rule (SbFormDefinition *self,
                                const char       *id)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->rules_by_id, id);
}

GPtrArray *
sb_form_definition_get_materials (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->materials;
}

GPtrArray *
sb_form_definition_get_summary_fields (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->summary_fields;
}

const SbText *
sb_form_definition_get_guide_text (SbFormDefinition *self,
                                   const char       *key)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);

  if (g_strcmp0 (key, "applicants") == 0)
    return &self->guide_applicants;
  if (g_strcmp0 (key, "authority") == 0)
    return &self->guide_authority;
  if (g_strcmp0 (key, "where") == 0)
    return &self->guide_where;

  g_return_val_if_reached (NULL);
}

GPtrArray *
sb_form_definition_get_guide_steps (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->guide_steps;
}

GPtrArray *
sb_form_definition_get_guide_notes (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->guide_notes;
}

GPtrArray *
sb_form_definition_get_checklist (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->checklist;
}

GPtrArray *
sb_form_definition_get_decisions (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->decisions;
}

GPtrArray *
sb_form_definition_get_review_deadlines (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return self->review_deadlines;
}

const SbSymbolResolver *
sb_form_definition_get_resolver (SbFormDefinition *self)
{
  g_return_val_if_fail (SB_IS_FORM_DEFINITION (self), NULL);
  return &self->resolver;
}

/* Private API */

guint
sb_form_definition_get_n_field_slots (SbFormDefinition *self)
{
  return self->fields->len;
}

SbField *
sb_form_definition_get_field_by_index (SbFormDefinition *self,
                                       guint             index)
{
  /* While loading, fields are still in load order and there are no slots. */
  GPtrArray *by_index = self->slots != NULL ? self->slots : self->fields;

  if (index >= by_index->len)
    return NULL;

  return g_ptr_array_index (by_index, index);
}
