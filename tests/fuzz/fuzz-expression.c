/* fuzz-expression.c — libFuzzer target for the expression language
 *
 * Parses whatever bytes come, checks them against the engine test form and
 * evaluates them on a fixed set of answers: no input may crash, hang or
 * leak.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sb-form-definition.h"
#include "sb-validator.h"

int LLVMFuzzerTestOneInput (const guint8 *data, size_t size);

static SbFormDefinition *definition;
static SbAnswers *answers;

static void
setup (void)
{
  const char *fixtures = g_getenv ("SHENBAO_TEST_FIXTURES");
  g_autofree char *path = g_build_filename (fixtures ? fixtures : "tests/fixtures", "forms", "engine-test.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  static const char *json =
    "{\"name\": \"测试中心\", \"area\": \"120.00\", \"teaching_area\": \"80.00\", \"funds\": \"300000\","
    " \"start\": \"2024-02-29\", \"end_time\": \"20:30\", \"kind\": \"联合举办\", \"domains\": [\"编程\"],"
    " \"pledge\": true, \"id_no\": \"11010519491231002X\","
    " \"staff\": [{\"staff_name\": \"a\", \"role\": \"教学\", \"is_foreign\": true}, {\"staff_name\": \"b\", \"role\": \"行政\"}],"
    " \"fees\": [{\"fee_name\": \"x\", \"amount\": \"4999.99\"}, {\"fee_name\": \"y\"}]}";

  definition = sb_form_definition_new_from_file (file, NULL);
  g_assert (definition != NULL);
  answers = sb_answers_new (definition);
  json_parser_load_from_data (parser, json, -1, NULL);
  sb_answers_set_json (answers, json_node_get_object (json_parser_get_root (parser)));
}

int
LLVMFuzzerTestOneInput (const guint8 *data,
                        size_t        size)
{
  g_autofree char *source = g_strndup ((const char *) data, size);
  g_autoptr(SbExpression) expression = NULL;
  g_autoptr(GError) error = NULL;

  if (definition == NULL)
    setup ();

  expression = sb_expression_parse (source, &error);
  if (expression == NULL)
    return 0;

  if (sb_expression_check (expression, sb_form_definition_get_resolver (definition), SB_TYPE_ANY, &error))
    {
      SbEvalScope scope;
      g_autoptr(SbValue) value = NULL;

      sb_answers_init_scope (answers, &scope, NULL);
      value = sb_expression_evaluate (expression, &scope);
      g_assert (value != NULL);
    }

  return 0;
}
