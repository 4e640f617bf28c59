/* test-not-applicable.c — the parts an application leaves out, and why
 *
 * On the real definitions: the complete 科技类 application (a new
 * institution) and a change of principal, whose reasons come from the
 * definition's not_applicable texts; on engine-test.json, which has none,
 * the sentence made from the condition; and the loader's refusal of a
 * reason without a condition.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>
#include <string.h>

#include "sb-answers.h"
#include "sb-form-definition.h"
#include "sb-not-applicable.h"

static SbFormDefinition *
load_definition (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_definition_new_from_file (file, &error);

  g_assert_no_error (error);
  return definition;
}

static SbAnswers *
load_fixture (const char *form,
              const char *fixture)
{
  g_autofree char *definition_file = g_strdup_printf ("%s/forms/%s.json", g_getenv ("SHENBAO_DATA_DIR"), form);
  g_autofree char *answers_file = g_strdup_printf ("%s.json", fixture);
  g_autofree char *answers_path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), form, answers_file, NULL);
  g_autoptr(SbFormDefinition) definition = load_definition (definition_file);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbAnswers *answers;

  json_parser_load_from_file (parser, answers_path, &error);
  g_assert_no_error (error);
  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, json_node_get_object (json_parser_get_root (parser)));
  return answers;
}

/* Every line, as the PDF's summary prints them. */
static GStrv
describe_all (GPtrArray *items)
{
  GStrv lines = g_new0 (char *, items->len + 1);

  for (guint i = 0; i < items->len; i++)
    lines[i] = sb_not_applicable_describe (g_ptr_array_index (items, i));
  return lines;
}

/* No field is named twice, and none of a step that is left out whole. */
static void
assert_each_once (GPtrArray *items)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) whole_steps = g_hash_table_new (g_direct_hash, g_direct_equal);

  for (guint i = 0; i < items->len; i++)
    {
      SbNotApplicable *item = g_ptr_array_index (items, i);

      if (item->fields->len == 0)
        g_assert_true (g_hash_table_add (whole_steps, (gpointer) item->step));
      g_assert_nonnull (item->reason.zh_CN);
      g_assert_nonnull (item->reason.en);
    }
  for (guint i = 0; i < items->len; i++)
    {
      SbNotApplicable *item = g_ptr_array_index (items, i);

      g_assert_false (item->fields->len > 0 && g_hash_table_contains (whole_steps, item->step));
      for (guint f = 0; f < item->fields->len; f++)
        g_assert_true (g_hash_table_add (seen, g_ptr_array_index (item->fields, f)));
    }
}

static gboolean
has_line (GStrv       lines,
          const char *line)
{
  if (g_strv_contains ((const char * const *) lines, line))
    return TRUE;
  g_test_message ("no line “%s” among:", line);
  for (guint i = 0; lines[i] != NULL; i++)
    g_test_message ("  %s", lines[i]);
  return FALSE;
}

/* A new institution: no step is left out, the fields of the other kinds
 * of application are, with the definition's reasons, those of one reason
 * on one line. */
static void
test_new_institution (void)
{
  g_autoptr(SbAnswers) answers = load_fixture ("kejipeixun", "complete");
  g_autoptr(GPtrArray) items = sb_not_applicable_list (answers);
  g_auto(GStrv) lines = describe_all (items);

  assert_each_once (items);
  for (guint i = 0; i < items->len; i++)
    g_assert_cmpuint (((SbNotApplicable *) g_ptr_array_index (items, i))->fields->len, >, 0);
  g_assert_true (has_line (lines, "申请类型中的「注销原因」：仅注销申请填写。"));
  g_assert_true (has_line (lines, "申请类型中的「变更事项」、「变更内容说明（变更前→变更后）」：仅变更申请填写。"));
  g_assert_true (has_line (lines, "举办者中的「联合举办协议」、「协议已明确的事项」：单独举办，没有联合举办协议。"));
}

/* A change of principal: the staff step is left out whole with its
 * reason; the legal representative's fields, on the step that applies
 * for the principal, share one line; nothing is named twice. */
static void
test_change_of_principal (void)
{
  g_autoptr(SbAnswers) answers = load_fixture ("kejipeixun", "change-principal");
  g_autoptr(GPtrArray) items = sb_not_applicable_list (answers);
  g_auto(GStrv) lines = describe_all (items);
  gboolean legal_rep_line = FALSE;

  assert_each_once (items);
  g_assert_true (has_line (lines, "从业人员：变更、注销申请不涉及从业人员。"));
  g_assert_true (has_line (lines, "举办者：变更、注销申请不涉及举办者。"));
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "法定代表人与行政负责人中的「法定代表人姓名」、「法定代表人身份证件号码」"))
      {
        g_assert_true (g_str_has_suffix (lines[i], "：注销申请，以及不变更法定代表人的变更申请，不涉及此项。"));
        legal_rep_line = TRUE;
      }
  g_assert_true (legal_rep_line);
  for (guint i = 0; lines[i] != NULL; i++)
    g_assert_null (strstr (lines[i], "行政负责人姓名"));
}

/* Without a not_applicable text: the answers the condition reads. */
static void
test_reason_from_condition (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autoptr(SbFormDefinition) definition = load_definition (path);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autoptr(JsonNode) kind = json_node_init_string (json_node_alloc (), "注销");
  g_autoptr(GPtrArray) items = NULL;
  g_auto(GStrv) lines = NULL;
  SbNotApplicable *item;

  /* Nothing chosen yet: the step whose condition reads it applies (the
   * condition, kind != '注销', holds), the joint agreement does not. */
  items = sb_not_applicable_list (answers);
  lines = describe_all (items);
  g_assert_true (has_line (lines, "基本信息中的「联合举办协议」：依所填「申请类型」（未填写），不需填写。"));
  item = g_ptr_array_index (items, 0);
  g_assert_cmpstr (item->reason.en, ==, "Not asked for, given Kind (not given)");
  g_clear_pointer (&items, g_ptr_array_unref);
  g_clear_pointer (&lines, g_strfreev);

  sb_answers_set_field (answers, "kind", kind);
  items = sb_not_applicable_list (answers);
  lines = describe_all (items);
  g_assert_true (has_line (lines, "定稿：依所填「申请类型」（注销），不需填写。"));
  assert_each_once (items);
}

/* A reason needs the condition it explains. */
static void
test_loader (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GFile) base = g_file_new_for_path (dir);
  const char *members[] = { "steps", "fields" };

  for (guint m = 0; m < G_N_ELEMENTS (members); m++)
    {
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(SbFormDefinition) definition = NULL;
      g_autofree char *text = NULL;
      JsonObject *first;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      first = json_array_get_object_element (json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                                                           members[m]), 0);
      g_assert_false (json_object_has_member (first, "visible_when"));
      json_object_set_member (first, "not_applicable", json_from_string ("{\"zh_CN\": \"不涉及\"}", NULL));
      text = json_to_string (json_parser_get_root (parser), FALSE);
      bytes = g_bytes_new (text, strlen (text));
      definition = sb_form_definition_new_from_bytes (bytes, path, base, &error);
      g_assert_null (definition);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "there is no 'visible_when'"));
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/not-applicable/new-institution", test_new_institution);
  g_test_add_func ("/not-applicable/change-of-principal", test_change_of_principal);
  g_test_add_func ("/not-applicable/reason-from-condition", test_reason_from_condition);
  g_test_add_func ("/not-applicable/loader", test_loader);

  return g_test_run ();
}
