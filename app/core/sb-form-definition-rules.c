/* sb-form-definition-rules.c — loading rules, summary fields, materials, the guide and the review checklist, decisions and deadlines
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-form-definition"

#include "config.h"

#include <string.h>

#include "sb-case-clock.h"
#include "sb-date.h"
#include "sb-form-definition-private.h"
#include "sb-json-reader.h"

void
sb_loader_load_rules (Loader     *loader,
                      JsonObject *root)
{
  static const char *keys[] = {
    "id", "severity", "technical", "when", "applies_when", "message",
    "fields", "citation", "ambiguity", NULL
  };
  SbFormDefinition *self = loader->def;
  JsonArray *array;

  array = sb_loader_require_array (loader, json_object_get_member (root, "rules"), "$.rules");
  if (array == NULL)
    return;

  for (guint i = 0; i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.rules", i);
      g_autofree char *severity = NULL;
      g_autofree char *fields_path = NULL;
      g_autofree char *when = NULL;
      g_autofree char *when_path = NULL;
      JsonObject *object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      JsonArray *fields;
      SbRule *rule;

      if (object == NULL)
        break;

      sb_loader_check_keys (loader, object, path, keys);
      rule = g_new0 (SbRule, 1);
      g_ptr_array_add (self->rules, rule);

      rule->id = sb_loader_get_string (loader, object, path, "id", TRUE);
      if (!sb_loader_ok (loader))
        break;

      if (!sb_loader_is_rule_id (rule->id) || g_str_has_prefix (rule->id, "SB-"))
        {
          sb_loader_fail (loader, path, "'%s' is not a valid rule id (upper-case letters, digits, '-'; SB- is reserved)", rule->id);
          break;
        }

      if (g_hash_table_contains (self->rules_by_id, rule->id))
        {
          sb_loader_fail (loader, path, "duplicate rule id '%s'", rule->id);
          break;
        }
      g_hash_table_insert (self->rules_by_id, rule->id, rule);

      severity = sb_loader_get_string (loader, object, path, "severity", TRUE);
      if (severity != NULL && !sb_severity_from_string (severity, &rule->severity))
        sb_loader_fail (loader, path, "unknown severity '%s' (error, warning, info)", severity);

      rule->technical = sb_loader_get_bool (loader, object, path, "technical", FALSE);
      rule->ambiguity = sb_loader_get_string (loader, object, path, "ambiguity", FALSE);

      when = sb_loader_get_string (loader, object, path, "when", TRUE);
      when_path = sb_json_path_member (path, "when");
      if (when != NULL)
        rule->when = sb_loader_compile_expression (loader, when, when_path, SB_TYPE_BOOL, NULL);
      rule->applies_when = sb_loader_get_expression (loader, object, path, "applies_when", SB_TYPE_BOOL, NULL);

      sb_loader_get_text (loader, object, path, "message", TRUE, &rule->message);
      if (sb_loader_ok (loader))
        {
          g_autofree char *message_path = sb_json_path_member (path, "message");
          g_autofree char *zh_path = sb_json_path_member (message_path, "zh_CN");
          g_autofree char *en_path = sb_json_path_member (message_path, "en");

          rule->message_parts_zh = sb_loader_compile_message (loader, rule->message.zh_CN, zh_path);
          rule->message_parts_en = sb_loader_compile_message (loader, rule->message.en, en_path);
        }

      if (!json_object_has_member (object, "citation"))
        {
          sb_loader_fail (loader, path, "rule '%s' has no citation", rule->id);
          break;
        }
      sb_loader_load_citation (loader, object, path, "citation", &rule->citation);

      fields_path = sb_json_path_member (path, "fields");
      fields = sb_loader_require_array (loader, json_object_get_member (object, "fields"), fields_path);
      if (fields != NULL)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

          for (guint j = 0; j < json_array_get_length (fields); j++)
            {
              JsonNode *item = json_array_get_element (fields, j);

              if (!sb_json_node_is_string (item) || sb_loader_lookup_path (self, json_node_get_string (item)) == NULL)
                {
                  sb_loader_fail (loader, fields_path, "item %u: %s is not a field or table[].column of this form",
                                  j, sb_json_node_is_string (item) ? json_node_get_string (item) : sb_loader_json_type_name (item));
                  break;
                }
              g_strv_builder_add (builder, json_node_get_string (item));
            }
          rule->fields = g_strv_builder_end (builder);
        }
    }
}

/* The answers that name an application in lists and on the cover. */
void
sb_loader_load_summary_fields (Loader     *loader,
                               JsonObject *root)
{
  SbFormDefinition *self = loader->def;
  JsonArray *array;

  if (!json_object_has_member (root, "summary_fields"))
    return;

  array = sb_loader_require_array (loader, json_object_get_member (root, "summary_fields"), "$.summary_fields");
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      SbField *field = sb_json_node_is_string (item)
        ? g_hash_table_lookup (self->fields_by_id, json_node_get_string (item)) : NULL;

      if (field == NULL || field->type == SB_FIELD_TABLE || field->type == SB_FIELD_ATTACHMENT)
        {
          sb_loader_fail (loader, "$.summary_fields", "item %u is not a top-level field that holds a value", i);
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

  sb_loader_fail (loader, path, "unknown requirement '%s' (required, conditional, recommended, optional, generated)",
                  text ? text : "");
  return SB_MATERIAL_OPTIONAL;
}

/* One part of a material's way: a field of the form, not a table. */
static gboolean
check_part (Loader     *loader,
            const char *path,
            const char *part)
{
  SbField *field = sb_loader_lookup_path (loader->def, part);

  /* A part is a file, or an answer given in the form itself (a written
   * explanation that the regulation lists among the materials). */
  if (field == NULL || field->type == SB_FIELD_TABLE)
    {
      sb_loader_fail (loader, path, "'%s' is not an attachment or answer field of this form", part);
      return FALSE;
    }
  return TRUE;
}

static void
sb_material_way_free (SbMaterialWay *way)
{
  sb_text_clear (&way->label);
  g_strfreev (way->fields);
  g_free (way);
}

/* "ways": [{"label": {...}, "fields": ["a", "t[].b"]}, ...] */
static void
load_ways (Loader      *loader,
           JsonObject  *object,
           const char  *path,
           SbMaterial  *material)
{
  static const char *keys[] = { "label", "fields", NULL };
  g_autofree char *ways_path = g_strdup_printf ("%s.ways", path);
  JsonArray *ways = sb_loader_require_array (loader, json_object_get_member (object, "ways"), ways_path);

  if (ways != NULL && json_array_get_length (ways) == 0)
    sb_loader_fail (loader, ways_path, "a material needs at least one way");

  for (guint w = 0; ways != NULL && w < json_array_get_length (ways) && sb_loader_ok (loader); w++)
    {
      g_autofree char *way_path = sb_json_path_index (ways_path, w);
      g_autofree char *fields_path = g_strdup_printf ("%s.fields", way_path);
      JsonObject *way_object = sb_loader_require_object (loader, json_array_get_element (ways, w), way_path);
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      SbMaterialWay *way;
      JsonArray *fields;

      if (way_object == NULL)
        return;
      sb_loader_check_keys (loader, way_object, way_path, keys);
      way = g_new0 (SbMaterialWay, 1);
      g_ptr_array_add (material->ways, way);
      sb_loader_get_text (loader, way_object, way_path, "label", FALSE, &way->label);
      fields = sb_loader_require_array (loader, json_object_get_member (way_object, "fields"), fields_path);
      if (fields != NULL && json_array_get_length (fields) == 0)
        sb_loader_fail (loader, fields_path, "a way needs at least one field");
      for (guint f = 0; fields != NULL && f < json_array_get_length (fields) && sb_loader_ok (loader); f++)
        {
          JsonNode *item = json_array_get_element (fields, f);

          if (!sb_json_node_is_string (item))
            sb_loader_fail (loader, fields_path, "item %u is %s, not a field", f, sb_loader_json_type_name (item));
          else if (check_part (loader, fields_path, json_node_get_string (item)))
            g_strv_builder_add (builder, json_node_get_string (item));
        }
      way->fields = g_strv_builder_end (builder);
    }
}

/* "rows": {"column": "party_type", "equals": "承包农户"}: the column must
 * belong to the table of every table part. */
static void
load_rows (Loader     *loader,
           JsonObject *object,
           const char *path,
           SbMaterial *material)
{
  static const char *keys[] = { "column", "equals", NULL };
  g_autofree char *rows_path = g_strdup_printf ("%s.rows", path);
  JsonObject *rows = sb_loader_require_object (loader, json_object_get_member (object, "rows"), rows_path);
  gboolean any_table = FALSE;

  if (rows == NULL)
    return;
  sb_loader_check_keys (loader, rows, rows_path, keys);
  material->rows_column = sb_loader_get_string (loader, rows, rows_path, "column", TRUE);
  material->rows_equals = sb_loader_get_string (loader, rows, rows_path, "equals", TRUE);
  if (!sb_loader_ok (loader))
    return;

  for (guint w = 0; w < material->ways->len; w++)
    {
      SbMaterialWay *way = g_ptr_array_index (material->ways, w);

      for (guint f = 0; way->fields[f] != NULL; f++)
        {
          SbField *part = sb_loader_lookup_path (loader->def, way->fields[f]);
          g_autofree char *column = part->table ? g_strdup_printf ("%s[].%s", part->table->id, material->rows_column) : NULL;

          if (part->table == NULL)
            continue;
          any_table = TRUE;
          if (sb_loader_lookup_path (loader->def, column) == NULL)
            {
              sb_loader_fail (loader, rows_path, "'%s' is not a column of the table '%s'", material->rows_column, part->table->id);
              return;
            }
        }
    }
  if (!any_table)
    sb_loader_fail (loader, rows_path, "'rows' selects table rows, but no part of this material is a table column");
}

void
sb_loader_load_materials (Loader     *loader,
                          JsonObject *root)
{
  static const char *keys[] = {
    "id", "title", "requirement", "condition", "condition_text", "not_applicable", "field", "ways", "rows", "citation", NULL
  };
  SbFormDefinition *self = loader->def;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!json_object_has_member (root, "materials"))
    return;

  array = sb_loader_require_array (loader, json_object_get_member (root, "materials"), "$.materials");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.materials", i);
      g_autofree char *requirement = NULL;
      g_autofree char *field = NULL;
      JsonObject *object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      SbMaterial *material;

      if (object == NULL)
        break;

      sb_loader_check_keys (loader, object, path, keys);
      material = g_new0 (SbMaterial, 1);
      material->ways = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_material_way_free);
      g_ptr_array_add (self->materials, material);
      material->id = sb_loader_get_string (loader, object, path, "id", TRUE);
      sb_loader_get_text (loader, object, path, "title", TRUE, &material->title);
      requirement = sb_loader_get_string (loader, object, path, "requirement", TRUE);
      if (!sb_loader_ok (loader))
        break;

      if (!g_hash_table_add (ids, material->id))
        {
          sb_loader_fail (loader, path, "duplicate material id '%s'", material->id);
          break;
        }

      material->requirement = parse_requirement (loader, path, requirement);
      material->condition = sb_loader_get_expression (loader, object, path, "condition", SB_TYPE_BOOL, NULL);
      if (material->requirement == SB_MATERIAL_CONDITIONAL && material->condition == NULL && sb_loader_ok (loader))
        sb_loader_fail (loader, path, "a conditional material needs a 'condition'");
      sb_loader_get_text (loader, object, path, "condition_text", FALSE, &material->condition_text);
      sb_loader_get_text (loader, object, path, "not_applicable", FALSE, &material->not_applicable);
      if (material->condition == NULL && material->not_applicable.zh_CN != NULL && sb_loader_ok (loader))
        sb_loader_fail (loader, path, "'not_applicable' says why the condition is false, but there is no 'condition'");

      /* "field" is the short form of one way of one part. */
      field = sb_loader_get_string (loader, object, path, "field", FALSE);
      if (field != NULL && json_object_has_member (object, "ways"))
        sb_loader_fail (loader, path, "give either 'field' or 'ways', not both");
      else if (field != NULL && check_part (loader, path, field))
        {
          SbMaterialWay *way = g_new0 (SbMaterialWay, 1);
          const char *fields[] = { field, NULL };

          way->fields = g_strdupv ((char **) fields);
          g_ptr_array_add (material->ways, way);
        }
      else if (json_object_has_member (object, "ways"))
        load_ways (loader, object, path, material);
      if (!sb_loader_ok (loader))
        break;

      if (material->ways->len > 0)
        material->field = g_strdup (((SbMaterialWay *) g_ptr_array_index (material->ways, 0))->fields[0]);
      if (material->requirement == SB_MATERIAL_GENERATED && material->ways->len > 0)
        sb_loader_fail (loader, path, "a generated material is this document: it has no fields");
      else if (material->requirement != SB_MATERIAL_GENERATED && material->ways->len == 0)
        sb_loader_fail (loader, path, "material '%s' names no field where its files are attached ('field' or 'ways')",
                        material->id);

      if (json_object_has_member (object, "rows") && sb_loader_ok (loader))
        load_rows (loader, object, path, material);

      if (json_object_has_member (object, "citation"))
        sb_loader_load_citation (loader, object, path, "citation", &material->citation);
      else
        sb_loader_fail (loader, path, "material '%s' has no citation", material->id);
    }
}

/* "summary": [{"label": {...}, "field": "x"} or {"label": {...}, "value":
 * "sum(t.area)", "unit": "亩", "scale": 2}] */
void
sb_loader_load_summary (Loader     *loader,
                        JsonObject *root)
{
  static const char *keys[] = { "label", "field", "value", "unit", "scale", NULL };
  SbFormDefinition *self = loader->def;
  JsonArray *array;

  if (!json_object_has_member (root, "summary"))
    return;

  array = sb_loader_require_array (loader, json_object_get_member (root, "summary"), "$.summary");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.summary", i);
      g_autofree char *field_id = NULL;
      g_autofree char *unit = NULL;
      JsonObject *object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      SbSummaryItem *item;

      if (object == NULL)
        break;
      sb_loader_check_keys (loader, object, path, keys);
      item = g_new0 (SbSummaryItem, 1);
      g_ptr_array_add (self->summary, item);
      sb_loader_get_text (loader, object, path, "label", TRUE, &item->label);
      item->scale = (int) sb_loader_get_int (loader, object, path, "scale", -1, -1, 6);
      field_id = sb_loader_get_string (loader, object, path, "field", FALSE);
      unit = sb_loader_get_string (loader, object, path, "unit", FALSE);
      if (!sb_loader_ok (loader))
        break;

      if ((field_id != NULL) == json_object_has_member (object, "value"))
        {
          sb_loader_fail (loader, path, "a summary item has either a 'field' or a 'value'");
          break;
        }
      if (field_id != NULL)
        {
          item->field = g_hash_table_lookup (self->fields_by_id, field_id);
          if (item->field == NULL || item->field->type == SB_FIELD_TABLE || item->field->type == SB_FIELD_ATTACHMENT)
            sb_loader_fail (loader, path, "'%s' is not a top-level field that holds a value", field_id);
          else if (unit != NULL || item->scale != -1)
            sb_loader_fail (loader, path, "a field's unit and digits are its own: 'unit' and 'scale' go with 'value'");
          continue;
        }

      item->value = sb_loader_get_expression (loader, object, path, "value", SB_TYPE_ANY, NULL);
      if (unit != NULL)
        item->unit = g_strdup (sb_loader_intern_unit (loader, path, unit));
      else if (item->value != NULL && sb_expression_get_type (item->value)->kind == SB_TYPE_NUMBER)
        item->unit = g_strdup (sb_expression_get_type (item->value)->unit);
    }
}

void
sb_loader_load_guide (Loader     *loader,
                      JsonObject *root)
{
  static const char *keys[] = { "applicants", "authority", "where", "steps", "notes", NULL };
  static const char *step_keys[] = { "id", "actor", "action", "deadline", "citation", NULL };
  static const char *deadline_keys[] = { "working_days", "days", "months", "text", "from", NULL };
  SbFormDefinition *self = loader->def;
  JsonObject *object;
  JsonArray *array;

  object = sb_loader_require_object (loader, json_object_get_member (root, "guide"), "$.guide");
  if (object == NULL)
    return;

  sb_loader_check_keys (loader, object, "$.guide", keys);
  sb_loader_get_text (loader, object, "$.guide", "applicants", TRUE, &self->guide_applicants);
  sb_loader_get_text (loader, object, "$.guide", "authority", TRUE, &self->guide_authority);
  sb_loader_get_text (loader, object, "$.guide", "where", FALSE, &self->guide_where);

  array = sb_loader_require_array (loader, json_object_get_member (object, "steps"), "$.guide.steps");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.guide.steps", i);
      JsonObject *step_object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      SbGuideStep *step;

      if (step_object == NULL)
        break;

      sb_loader_check_keys (loader, step_object, path, step_keys);
      step = g_new0 (SbGuideStep, 1);
      g_ptr_array_add (self->guide_steps, step);
      step->id = sb_loader_get_string (loader, step_object, path, "id", TRUE);
      sb_loader_get_text (loader, step_object, path, "actor", TRUE, &step->actor);
      sb_loader_get_text (loader, step_object, path, "action", TRUE, &step->action);
      step->citation = sb_loader_get_string (loader, step_object, path, "citation", FALSE);

      if (json_object_has_member (step_object, "deadline"))
        {
          g_autofree char *deadline_path = sb_json_path_member (path, "deadline");
          JsonObject *deadline = sb_loader_require_object (loader, json_object_get_member (step_object, "deadline"), deadline_path);

          if (deadline == NULL)
            break;

          sb_loader_check_keys (loader, deadline, deadline_path, deadline_keys);
          step->deadline_working_days = sb_loader_get_int (loader, deadline, deadline_path, "working_days", 0, 1, 3650);
          step->deadline_days = sb_loader_get_int (loader, deadline, deadline_path, "days", 0, 1, 3650);
          step->deadline_months = sb_loader_get_int (loader, deadline, deadline_path, "months", 0, 1, 1200);
          sb_loader_get_text (loader, deadline, deadline_path, "text", FALSE, &step->deadline_text);
          sb_loader_get_text (loader, deadline, deadline_path, "from", FALSE, &step->deadline_from);
        }
    }

  if (json_object_has_member (object, "notes"))
    {
      array = sb_loader_require_array (loader, json_object_get_member (object, "notes"), "$.guide.notes");
      for (guint i = 0; array != NULL && i < json_array_get_length (array) && sb_loader_ok (loader); i++)
        {
          g_autofree char *path = sb_json_path_index ("$.guide.notes", i);
          SbText *note = g_new0 (SbText, 1);
          g_autoptr(JsonObject) wrapper = json_object_new ();

          g_ptr_array_add (self->guide_notes, note);
          json_object_set_member (wrapper, "note", json_node_copy (json_array_get_element (array, i)));
          sb_loader_get_text (loader, wrapper, path, "note", TRUE, note);
        }
    }
}

/* A list of names out of @allowed (events or periods of a case): an empty
 * list when @key is absent, so a deadline's lists are never NULL. */
static char **
load_names (Loader             *loader,
            JsonObject         *object,
            const char         *path,
            const char         *key,
            const char * const *allowed)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_autofree char *list_path = sb_json_path_member (path, key);
  JsonArray *array;

  if (!json_object_has_member (object, key))
    return g_strv_builder_end (names);

  array = sb_loader_require_array (loader, json_object_get_member (object, key), list_path);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
                         ? json_node_get_string (node) : NULL;

      if (name == NULL || !g_strv_contains (allowed, name))
        {
          g_autofree char *item_path = sb_json_path_index (list_path, i);

          sb_loader_fail (loader, item_path, "'%s' is not one of the names a case knows", name != NULL ? name : "(not a string)");
          break;
        }
      g_strv_builder_add (names, name);
    }
  return g_strv_builder_end (names);
}

void
sb_loader_load_review (Loader     *loader,
                       JsonObject *root)
{
  static const char *keys[] = { "checklist", "decisions", "deadlines", NULL };
  static const char *item_keys[] = { "id", "title", "citation", NULL };
  static const char *decision_keys[] = { "id", "label", "kind", NULL };
  static const char *deadline_keys[] = { "id", "label", "actor", "working_days", "from", "restarts_on", "met_by",
                                         "excludes", "if_missed", "citation", NULL };
  SbFormDefinition *self = loader->def;
  JsonObject *object;
  JsonArray *array;

  object = sb_loader_require_object (loader, json_object_get_member (root, "review"), "$.review");
  if (object == NULL)
    return;

  sb_loader_check_keys (loader, object, "$.review", keys);

  array = sb_loader_require_array (loader, json_object_get_member (object, "checklist"), "$.review.checklist");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.review.checklist", i);
      JsonObject *item_object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      SbChecklistItem *item;

      if (item_object == NULL)
        break;

      sb_loader_check_keys (loader, item_object, path, item_keys);
      item = g_new0 (SbChecklistItem, 1);
      g_ptr_array_add (self->checklist, item);
      item->id = sb_loader_get_string (loader, item_object, path, "id", TRUE);
      sb_loader_get_text (loader, item_object, path, "title", TRUE, &item->title);
      item->citation = sb_loader_get_string (loader, item_object, path, "citation", FALSE);
    }

  array = sb_loader_require_array (loader, json_object_get_member (object, "decisions"), "$.review.decisions");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.review.decisions", i);
      JsonObject *decision_object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      SbDecision *decision;

      if (decision_object == NULL)
        break;

      sb_loader_check_keys (loader, decision_object, path, decision_keys);
      decision = g_new0 (SbDecision, 1);
      g_ptr_array_add (self->decisions, decision);
      decision->id = sb_loader_get_string (loader, decision_object, path, "id", TRUE);
      sb_loader_get_text (loader, decision_object, path, "label", TRUE, &decision->label);
      {
        g_autofree char *kind = sb_loader_get_string (loader, decision_object, path, "kind", FALSE);

        if (g_strcmp0 (kind, "approval") == 0)
          decision->kind = SB_DECISION_APPROVAL;
        else if (g_strcmp0 (kind, "refusal") == 0)
          decision->kind = SB_DECISION_REFUSAL;
        else if (kind != NULL)
          sb_loader_fail (loader, path, "'kind' must be \"approval\" or \"refusal\", not '%s'", kind);
      }
    }

  if (!json_object_has_member (object, "deadlines"))
    return;

  array = sb_loader_require_array (loader, json_object_get_member (object, "deadlines"), "$.review.deadlines");
  for (guint i = 0; array != NULL && i < json_array_get_length (array) && sb_loader_ok (loader); i++)
    {
      g_autofree char *path = sb_json_path_index ("$.review.deadlines", i);
      JsonObject *deadline_object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      SbReviewDeadline *deadline;

      if (deadline_object == NULL)
        break;

      sb_loader_check_keys (loader, deadline_object, path, deadline_keys);
      deadline = g_new0 (SbReviewDeadline, 1);
      g_ptr_array_add (self->review_deadlines, deadline);
      deadline->id = sb_loader_get_string (loader, deadline_object, path, "id", TRUE);
      sb_loader_get_text (loader, deadline_object, path, "label", TRUE, &deadline->label);
      deadline->working_days = sb_loader_get_int (loader, deadline_object, path, "working_days", 0, 1, 3650);
      sb_loader_get_text (loader, deadline_object, path, "actor", FALSE, &deadline->actor);
      deadline->from = sb_loader_get_string (loader, deadline_object, path, "from", TRUE);
      deadline->restarts_on = load_names (loader, deadline_object, path, "restarts_on", sb_case_clock_events);
      deadline->met_by = load_names (loader, deadline_object, path, "met_by", sb_case_clock_events);
      deadline->excludes = load_names (loader, deadline_object, path, "excludes", sb_case_clock_periods);
      deadline->citation = sb_loader_get_string (loader, deadline_object, path, "citation", FALSE);

      if (deadline->from != NULL && !g_strv_contains (sb_case_clock_events, deadline->from))
        sb_loader_fail (loader, path, "'from' is not an event of a case: '%s'", deadline->from);
      if (json_object_has_member (deadline_object, "if_missed"))
        {
          g_autofree char *if_missed = sb_loader_get_string (loader, deadline_object, path, "if_missed", TRUE);

          if (if_missed != NULL && !g_str_equal (if_missed, "deemed_accepted"))
            sb_loader_fail (loader, path, "'if_missed' must be \"deemed_accepted\", not '%s'", if_missed);
          deadline->missed_means_accepted = TRUE;
        }
      if (deadline->working_days == 0 && sb_loader_ok (loader))
        sb_loader_fail (loader, path, "missing 'working_days'");
    }
}
