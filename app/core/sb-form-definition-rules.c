/* sb-form-definition-rules.c — loading rules, summary fields, materials, the guide and the review checklist, decisions and deadlines
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

void
sb_loader_load_materials (Loader     *loader,
                          JsonObject *root)
{
  static const char *keys[] = { "id", "title", "requirement", "condition", "condition_text", "field", "citation", NULL };
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
      JsonObject *object = sb_loader_require_object (loader, json_array_get_element (array, i), path);
      SbMaterial *material;

      if (object == NULL)
        break;

      sb_loader_check_keys (loader, object, path, keys);
      material = g_new0 (SbMaterial, 1);
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

      material->field = sb_loader_get_string (loader, object, path, "field", FALSE);
      if (material->field != NULL)
        {
          SbField *field = sb_loader_lookup_path (self, material->field);

          if (field == NULL || field->type != SB_FIELD_ATTACHMENT)
            sb_loader_fail (loader, path, "'%s' is not an attachment field of this form", material->field);
        }

      if (json_object_has_member (object, "citation"))
        sb_loader_load_citation (loader, object, path, "citation", &material->citation);
      else
        sb_loader_fail (loader, path, "material '%s' has no citation", material->id);
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

void
sb_loader_load_review (Loader     *loader,
                       JsonObject *root)
{
  static const char *keys[] = { "checklist", "decisions", "deadlines", NULL };
  static const char *item_keys[] = { "id", "title", "citation", NULL };
  static const char *decision_keys[] = { "id", "label", NULL };
  static const char *deadline_keys[] = { "id", "label", "working_days", "from", "citation", NULL };
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
      deadline->from = sb_loader_get_string (loader, deadline_object, path, "from", TRUE);
      deadline->citation = sb_loader_get_string (loader, deadline_object, path, "citation", FALSE);

      if (deadline->from != NULL && !g_strv_contains ((const char *[]) { "receipt", "submission", NULL }, deadline->from))
        sb_loader_fail (loader, path, "'from' must be \"receipt\" or \"submission\", not '%s'", deadline->from);
      if (deadline->working_days == 0 && sb_loader_ok (loader))
        sb_loader_fail (loader, path, "missing 'working_days'");
    }
}
