/* test-form-definition.c — loading definitions, and every way to get one wrong
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>

#include <string.h>
#include <unistd.h>

#include "sb-field-format.h"
#include "sb-form-definition.h"
#include "sb-form-registry.h"

static char *
fixture_path (const char *name)
{
  return g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", name, NULL);
}

static JsonNode *
load_engine_test_json (void)
{
  g_autofree char *path = fixture_path ("engine-test.json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static SbFormDefinition *
load_node (JsonNode  *root,
           GError   **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *forms_dir = fixture_path ("");
  g_autoptr(GFile) base_dir = g_file_new_for_path (forms_dir);
  g_autoptr(GBytes) bytes = NULL;
  char *data;
  gsize length;

  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (data, length);

  return sb_form_definition_new_from_bytes (bytes, "mutated.json", base_dir, error);
}

static JsonObject *
root_object (JsonNode *root)
{
  return json_node_get_object (root);
}

static JsonObject *
array_object (JsonObject *object,
              const char *member,
              guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (object, member), index);
}

static void
test_load_engine_test (void)
{
  g_autofree char *path = fixture_path ("engine-test.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = NULL;
  SbField *field, *column;
  SbRule *rule;
  g_autofree char *citation = NULL;
  GPtrArray *fields;

  definition = sb_form_definition_new_from_file (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (definition);

  g_assert_cmpstr (sb_form_definition_get_id (definition), ==, "enginetest");
  g_assert_cmpstr (sb_form_definition_get_version (definition), ==, "1.0");
  g_assert_cmpstr (sb_form_definition_get_reference_prefix (definition), ==, "ET");
  g_assert_cmpuint (strlen (sb_form_definition_get_sha256 (definition)), ==, 64);
  g_assert_cmpstr (sb_form_definition_get_title (definition)->zh_CN, ==, "引擎测试表");
  g_assert_cmpstr (sb_form_definition_get_regulation (definition)->document_no, ==, "测试〔2023〕1号");

  /* Fields come in step order, every type is there. */
  fields = sb_form_definition_get_fields (definition);
  g_assert_cmpuint (fields->len, ==, 20);
  g_assert_cmpstr (((SbField *) g_ptr_array_index (fields, 0))->id, ==, "name");
  g_assert_cmpstr (((SbField *) g_ptr_array_index (fields, 19))->id, ==, "submission_date");

  field = sb_form_definition_lookup_field (definition, "funds");
  g_assert_nonnull (field);
  g_assert_cmpint (field->type, ==, SB_FIELD_DECIMAL);
  g_assert_cmpstr (field->unit, ==, "元");
  g_assert_cmpstr (field->input_unit, ==, "万元");
  g_assert_cmpint (field->scale, ==, 2);
  g_assert_cmpstr (field->step_id, ==, "S1");

  field = sb_form_definition_lookup_field (definition, "kind");
  g_assert_cmpuint (field->choices->len, ==, 3);
  g_assert_cmpstr (field->choice_values[1], ==, "联合举办");
  g_assert_cmpstr (((SbChoice *) g_ptr_array_index (field->choices, 1))->label.en, ==, "Joint");

  column = sb_form_definition_lookup_path (definition, "staff[].permit_file");
  g_assert_nonnull (column);
  g_assert_true (column->table == sb_form_definition_lookup_field (definition, "staff"));
  g_assert_nonnull (column->required_when);
  g_assert_null (sb_form_definition_lookup_path (definition, "staff[].nothing"));

  rule = sb_form_definition_lookup_rule (definition, "ET-02");
  g_assert_nonnull (rule);
  g_assert_cmpint (rule->severity, ==, SB_SEVERITY_ERROR);
  citation = sb_citation_format (&rule->citation);
  g_assert_cmpstr (citation, ==, "《测试办法》第一条");
  g_assert_cmpstr (rule->fields[0], ==, "teaching_area");

  g_assert_true (sb_form_definition_lookup_rule (definition, "ET-04")->technical);
  g_assert_cmpuint (sb_form_definition_get_materials (definition)->len, ==, 2);
  g_assert_cmpuint (sb_form_definition_get_guide_steps (definition)->len, ==, 1);
  g_assert_cmpuint (sb_form_definition_get_checklist (definition)->len, ==, 1);
  g_assert_cmpuint (sb_form_definition_get_decisions (definition)->len, ==, 4);
  g_assert_cmpint (((SbDecision *) g_ptr_array_index (sb_form_definition_get_decisions (definition), 1))->kind, ==,
                   SB_DECISION_OTHER);
  g_assert_cmpint (((SbDecision *) g_ptr_array_index (sb_form_definition_get_decisions (definition), 2))->kind, ==,
                   SB_DECISION_REFUSAL);
  g_assert_cmpint (((SbDecision *) g_ptr_array_index (sb_form_definition_get_decisions (definition), 3))->kind, ==,
                   SB_DECISION_APPROVAL);
  g_assert_cmpuint (sb_form_definition_get_review_deadlines (definition)->len, ==, 1);
}

static void
test_citation_order (void)
{
  SbCitation inside = { "《耕地转换办法》", "第四条", "第3段", "第(三)款", NULL, NULL };
  SbCitation article_paragraph = { "《准入办法》", "第十六条", "第2段", NULL, NULL, NULL };
  SbCitation item = { "《专项资金办法》", "第四条", NULL, "第(二)款", "第1项", NULL };
  SbCitation technical = { "技术校验", NULL, NULL, NULL, NULL, NULL };
  g_autofree char *a = sb_citation_format (&inside);
  g_autofree char *b = sb_citation_format (&article_paragraph);
  g_autofree char *c = sb_citation_format (&item);
  g_autofree char *d = sb_citation_format (&technical);

  /* A paragraph inside a clause is cited clause first. */
  g_assert_cmpstr (a, ==, "《耕地转换办法》第四条 第(三)款 第3段");
  g_assert_cmpstr (b, ==, "《准入办法》第十六条 第2段");
  g_assert_cmpstr (c, ==, "《专项资金办法》第四条 第(二)款 第1项");
  g_assert_cmpstr (d, ==, "技术校验");
}

static void
test_in_force (void)
{
  g_autoptr(JsonNode) root = load_engine_test_json ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = load_node (root, &error);
  GDate date;

  g_assert_no_error (error);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 21, 5, 2025);
  g_assert_true (sb_form_definition_is_in_force (definition, g_date_get_julian (&date)));
  g_date_set_dmy (&date, 22, 5, 2025);
  g_assert_false (sb_form_definition_is_in_force (definition, g_date_get_julian (&date)));
  g_date_set_dmy (&date, 21, 5, 2023);
  g_assert_false (sb_form_definition_is_in_force (definition, g_date_get_julian (&date)));
}

/* Each mutation breaks the definition in one way; the error must name the
 * file, the JSON path and the reason. */
typedef void (*Mutation) (JsonObject *root);

static void
mutate_unknown_field_in_rule (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "rules", 0), "when", "aera < MIN_AREA");
}

static void
mutate_type_error (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "rules", 1), "when", "start > funds");
}

static void
mutate_duplicate_field (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "fields", 1), "id", "name");
}

static void
mutate_duplicate_rule (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "rules", 1), "id", "ET-01");
}

static void
mutate_rule_without_citation (JsonObject *root)
{
  json_object_remove_member (array_object (root, "rules", 2), "citation");
}

static void
mutate_unknown_key (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "fields", 3), "units", "m²");
}

static void
mutate_unknown_type (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "fields", 0), "type", "string");
}

static void
mutate_bad_choice_literal (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "rules", 10), "applies_when", "kind == '撤销'");
}

static void
mutate_step_unknown_field (JsonObject *root)
{
  json_array_add_string_element (json_object_get_array_member (array_object (root, "steps", 0), "fields"), "ghost");
}

static void
mutate_field_in_no_step (JsonObject *root)
{
  json_array_remove_element (json_object_get_array_member (array_object (root, "steps", 2), "fields"), 0);
}

static void
mutate_field_in_two_steps (JsonObject *root)
{
  json_array_add_string_element (json_object_get_array_member (array_object (root, "steps", 1), "fields"), "name");
}

static void
mutate_format (JsonObject *root)
{
  json_object_set_int_member (root, "format", 2);
}

static void
mutate_list_traversal (JsonObject *root)
{
  JsonObject *lists = json_object_get_object_member (root, "lists");

  json_object_set_string_member (json_object_get_object_member (lists, "BANNED_WORDS"), "file", "../../etc/passwd");
}

static void
mutate_missing_list_file (JsonObject *root)
{
  JsonObject *lists = json_object_get_object_member (root, "lists");

  json_object_set_string_member (json_object_get_object_member (lists, "BANNED_WORDS"), "file", "lists/none.json");
}

static void
mutate_conditional_material (JsonObject *root)
{
  json_object_remove_member (array_object (root, "materials", 1), "condition");
}

static void
mutate_syntax_error (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "rules", 0), "when", "area < < 3");
}

static void
mutate_message_placeholder (JsonObject *root)
{
  JsonObject *message = json_object_get_object_member (array_object (root, "rules", 0), "message");

  json_object_set_string_member (message, "zh_CN", "当前为 {areas}");
}

static void
mutate_rule_field (JsonObject *root)
{
  json_array_add_string_element (json_object_get_array_member (array_object (root, "rules", 0), "fields"), "staff[].age");
}

static void
mutate_bad_date (JsonObject *root)
{
  json_object_set_string_member (json_object_get_object_member (root, "regulation"), "effective_from", "2023-02-30");
}

static void
mutate_unit_on_text (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "fields", 0), "unit", "元");
}

static void
mutate_reference_prefix (JsonObject *root)
{
  json_object_set_string_member (root, "reference_prefix", "KJ1");
}

static void
mutate_missing_reference_prefix (JsonObject *root)
{
  json_object_remove_member (root, "reference_prefix");
}

static void
mutate_severity (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "rules", 0), "severity", "fatal");
}

static void
mutate_column_expression (JsonObject *root)
{
  JsonObject *staff = array_object (root, "fields", 14);
  JsonObject *permit = array_object (staff, "columns", 3);

  json_object_set_string_member (permit, "required_when", "is_foriegn == true");
}

static void
mutate_money_vs_area (JsonObject *root)
{
  json_object_set_string_member (array_object (root, "rules", 0), "when", "area < funds");
}

typedef struct
{
  const char *name;
  Mutation    mutate;
  const char *path;     /* must appear in the message */
  const char *reason;   /* must appear in the message */
} BrokenCase;

static const BrokenCase broken_cases[] = {
  { "unknown-field", mutate_unknown_field_in_rule, "$.rules[0].when", "aera" },
  { "type-error", mutate_type_error, "$.rules[1].when", "column" },
  { "duplicate-field", mutate_duplicate_field, "$.fields[1]", "duplicate field id 'name'" },
  { "duplicate-rule", mutate_duplicate_rule, "$.rules[1]", "duplicate rule id 'ET-01'" },
  { "no-citation", mutate_rule_without_citation, "$.rules[2]", "no citation" },
  { "unknown-key", mutate_unknown_key, "$.fields[3]", "unknown key 'units'" },
  { "unknown-type", mutate_unknown_type, "$.fields[0]", "unknown type 'string'" },
  { "choice-literal", mutate_bad_choice_literal, "$.rules[10].applies_when", "撤销" },
  { "step-unknown-field", mutate_step_unknown_field, "$.steps[0].fields", "unknown field 'ghost'" },
  { "field-in-no-step", mutate_field_in_no_step, "$.fields[18]", "in no step" },
  { "field-in-two-steps", mutate_field_in_two_steps, "$.steps[1].fields", "already in step" },
  { "format", mutate_format, "$.format", "unsupported" },
  { "list-traversal", mutate_list_traversal, "$.lists.BANNED_WORDS", "relative path" },
  { "list-missing", mutate_missing_list_file, "$.lists.BANNED_WORDS", "cannot read" },
  { "conditional-material", mutate_conditional_material, "$.materials[1]", "condition" },
  { "syntax", mutate_syntax_error, "$.rules[0].when", "column" },
  { "message-placeholder", mutate_message_placeholder, "$.rules[0].message.zh_CN", "areas" },
  { "rule-field", mutate_rule_field, "$.rules[0].fields", "staff[].age" },
  { "bad-date", mutate_bad_date, "$.regulation.effective_from", "not a date" },
  { "unit-on-text", mutate_unit_on_text, "$.fields[0]", "'unit' does not apply" },
  { "severity", mutate_severity, "$.rules[0]", "unknown severity" },
  { "reference-prefix", mutate_reference_prefix, "$.reference_prefix", "'KJ1' is not a reference prefix" },
  { "no-reference-prefix", mutate_missing_reference_prefix, "$", "missing 'reference_prefix'" },
  { "column-expression", mutate_column_expression, "$.fields[14].columns[3].required_when", "is_foriegn" },
  { "money-vs-area", mutate_money_vs_area, "$.rules[0].when", "column" },
};

static void
test_broken (gconstpointer data)
{
  const BrokenCase *broken = data;
  g_autoptr(JsonNode) root = load_engine_test_json ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = NULL;

  broken->mutate (root_object (root));
  definition = load_node (root, &error);

  g_assert_null (definition);
  g_assert_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_INVALID);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "mutated.json: "));
  if (strstr (error->message, broken->path) == NULL || strstr (error->message, broken->reason) == NULL)
    g_error ("expected “%s” and “%s” in: %s", broken->path, broken->reason, error->message);
}

static void
test_not_json (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("{\"format\": 1,", 13);
  g_autoptr(GBytes) latin1 = g_bytes_new_static ("{\"id\": \"\xe9\"}", 11);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbFormDefinition) definition = NULL;
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/form.json");
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);

  definition = sb_form_definition_new_from_bytes (bytes, "truncated.json", NULL, &error);
  g_assert_null (definition);
  g_assert_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "truncated.json: "));
  g_clear_error (&error);

  definition = sb_form_definition_new_from_bytes (latin1, "latin1.json", NULL, &error);
  g_assert_null (definition);
  g_assert_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX);
  g_clear_error (&error);

  definition = sb_form_definition_new_from_bytes (empty, "empty.json", NULL, &error);
  g_assert_null (definition);
  g_assert_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_SYNTAX);
  g_clear_error (&error);

  definition = sb_form_definition_new_from_file (missing, &error);
  g_assert_null (definition);
  g_assert_error (error, SB_FORM_DEFINITION_ERROR, SB_FORM_DEFINITION_ERROR_READ);
  g_assert_nonnull (strstr (error->message, "/nonexistent/form.json"));
}

/* Every definition the application ships must load. */
static void
test_shipped_definitions (void)
{
  g_autofree char *dir = g_build_filename (sb_data_dir (), "forms", NULL);
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(SbFormRegistry) registry = sb_form_registry_new_from_directory (dir, errors);

  for (guint i = 0; i < errors->len; i++)
    g_test_message ("%s", ((GError *) g_ptr_array_index (errors, i))->message);
  g_assert_cmpuint (errors->len, ==, 0);
  g_test_message ("%u definitions in %s", sb_form_registry_get_all (registry)->len, dir);

  /* Reference numbers made before "reference_prefix" took the letters of
   * the first rule id; the numbers of those packets must still verify. */
  for (guint i = 0; i < sb_form_registry_get_all (registry)->len; i++)
    {
      SbFormDefinition *definition = g_ptr_array_index (sb_form_registry_get_all (registry), i);
      SbRule *first = g_ptr_array_index (sb_form_definition_get_rules (definition), 0);
      g_autofree char *letters = g_strndup (first->id, strcspn (first->id, "-"));

      g_assert_cmpstr (sb_form_definition_get_reference_prefix (definition), ==, letters);
    }
}

static void
test_registry_versions (void)
{
  g_autofree char *dir = fixture_path ("");
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(SbFormRegistry) registry = sb_form_registry_new_from_directory (dir, errors);
  SbFormDefinition *definition;

  definition = sb_form_registry_lookup (registry, "enginetest", 0);
  g_assert_nonnull (definition);
  g_assert_cmpstr (sb_form_definition_get_version (definition), ==, "1.0");
  g_assert_nonnull (sb_form_registry_lookup_version (registry, "enginetest", "1.0"));
  g_assert_null (sb_form_registry_lookup_version (registry, "enginetest", "9.9"));
  g_assert_null (sb_form_registry_lookup (registry, "nothing", 0));
}

/* A registry loaded lazily loads what a lookup needs: the file named for
 * the id first (a broken file elsewhere is not even read), every file when
 * the version is elsewhere or the newest is asked for. */
static void
test_registry_lazily (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shenbao-test-registry-XXXXXX", &error);
  g_autofree char *source = fixture_path ("engine-test.json");
  g_autofree char *lists = fixture_path ("lists");
  g_autofree char *text = NULL;
  g_autofree char *newer = NULL;
  const char *names[] = { "enginetest.json", "a-newer-revision.json", "broken.json", "lists" };
  g_autoptr(SbFormRegistry) registry = NULL;
  SbFormDefinition *definition;
  gsize length;

  g_assert_no_error (error);
  g_file_get_contents (source, &text, &length, &error);
  g_assert_no_error (error);
  {
    g_auto(GStrv) parts = g_strsplit (text, "\"version\": \"1.0\"", 2);

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    newer = g_strjoinv ("\"version\": \"2.0\"", parts);
  }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      if (i == 3)
        g_assert_cmpint (symlink (lists, path), ==, 0);
      else
        g_file_set_contents (path, i == 0 ? text : i == 1 ? newer : "{", -1, &error);
      g_assert_no_error (error);
    }

  registry = sb_form_registry_new_lazily (dir);
  /* Fatal if broken.json were read. */
  definition = sb_form_registry_lookup_version (registry, "enginetest", "1.0");
  g_assert_nonnull (definition);
  g_assert_cmpstr (sb_form_definition_get_version (definition), ==, "1.0");

  g_test_expect_message ("sb-form-registry", G_LOG_LEVEL_WARNING, "*broken.json*");
  definition = sb_form_registry_lookup_version (registry, "enginetest", "2.0");
  g_test_assert_expected_messages ();
  g_assert_nonnull (definition);
  g_assert_cmpstr (sb_form_definition_get_version (sb_form_registry_lookup (registry, "enginetest", 0)), ==, "2.0");
  g_assert_cmpuint (sb_form_registry_get_all (registry)->len, ==, 2);
  g_assert_null (sb_form_registry_lookup_version (registry, "enginetest", "9.9"));

  /* Newest first, whichever file was read first. */
  g_clear_object (&registry);
  registry = sb_form_registry_new_lazily (dir);
  g_test_expect_message ("sb-form-registry", G_LOG_LEVEL_WARNING, "*broken.json*");
  definition = sb_form_registry_lookup (registry, "enginetest", 0);
  g_test_assert_expected_messages ();
  g_assert_cmpstr (sb_form_definition_get_version (definition), ==, "2.0");

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_unlink (path);
    }
  g_rmdir (dir);
}

/* How answers read on the review page and the PDF: quantities have their
 * unit and grouped thousands; a number without a unit (a year) is as typed. */
static void
test_format_numbers (void)
{
  struct {
    SbFieldType  type;
    const char  *unit;
    int          scale;
    const char  *text;    /* a decimal as text, or NULL for @integer */
    gint64       integer;
    const char  *expected;
  } cases[] = {
    { SB_FIELD_INTEGER, NULL, 0, NULL, 2025, "2025" },
    { SB_FIELD_INTEGER, "人", 0, NULL, 1000, "1,000 人" },
    { SB_FIELD_DECIMAL, "元", 2, "1234567.5", 0, "1,234,567.5 元" },
    { SB_FIELD_DECIMAL, "元", 2, "512000", 0, "512,000.00 元" },
    { SB_FIELD_DECIMAL, "m²", 2, "-42.00", 0, "-42.00 m²" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SbField field = { 0 };
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
      g_autofree char *text = NULL;

      field.type = cases[i].type;
      field.unit = (char *) cases[i].unit;
      field.scale = cases[i].scale;
      if (cases[i].text != NULL)
        json_node_set_string (node, cases[i].text);
      else
        json_node_set_int (node, cases[i].integer);
      text = sb_field_format_answer (&field, node);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

int
main (int    argc,
      char **argv)
{
  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/form-definition/load", test_load_engine_test);
  g_test_add_func ("/form-definition/in-force", test_in_force);
  g_test_add_func ("/form-definition/citation-order", test_citation_order);
  g_test_add_func ("/form-definition/not-json", test_not_json);
  g_test_add_func ("/form-definition/shipped", test_shipped_definitions);
  g_test_add_func ("/form-definition/registry", test_registry_versions);
  g_test_add_func ("/form-definition/registry-lazily", test_registry_lazily);
  g_test_add_func ("/form-definition/format-numbers", test_format_numbers);

  for (guint i = 0; i < G_N_ELEMENTS (broken_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/form-definition/broken/%s", broken_cases[i].name);
      g_test_add_data_func (path, &broken_cases[i], test_broken);
    }

  return g_test_run ();
}
