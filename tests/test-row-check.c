/* test-row-check.c — a table row being edited, checked with the whole form
 *
 * SbRowCheck keeps a scratch set of answers and its last report between
 * edits of the row (sb-row-check.c); what it reports must be what the
 * row editor reported when it copied the whole answers and validated
 * them again on every keystroke.  That check is kept here, as it was,
 * and both are compared after every edit, finding for finding.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "sb-date.h"
#include "sb-form-registry.h"
#include "sb-json-reader.h"
#include "sb-row-check.h"

/* The row editor's check before SbRowCheck (sb-row-editor.c, check_copy):
 * the whole answers copied with the row as edited in its place (or added
 * at the end), read again and validated. */
static SbValidationReport *
check_copy (SbAnswers     *answers,
            const SbField *table,
            int            row,
            JsonObject    *values,
            gint32         submission_date,
            SbCalendar    *calendar,
            guint         *position,
            GHashTable   **unreadable)
{
  g_autoptr(JsonObject) all = sb_answers_to_json (answers, FALSE);
  g_autoptr(SbAnswers) scratch = sb_answers_new (sb_answers_get_definition (answers));
  JsonNode *old = json_object_get_member (all, table->id);
  JsonArray *rows = json_array_new ();
  guint n_old = old != NULL && JSON_NODE_HOLDS_ARRAY (old) ? json_array_get_length (json_node_get_array (old)) : 0;
  GPtrArray *problems;

  for (guint r = 0; r < n_old; r++)
    {
      if ((int) r == row)
        json_array_add_object_element (rows, json_object_ref (values));
      else
        json_array_add_element (rows, json_node_copy (json_array_get_element (json_node_get_array (old), r)));
    }
  if (row < 0 || (guint) row >= n_old)
    json_array_add_object_element (rows, json_object_ref (values));
  *position = row >= 0 && (guint) row < n_old ? (guint) row : json_array_get_length (rows) - 1;
  json_object_set_array_member (all, table->id, rows);

  sb_answers_set_json (scratch, all);
  *unreadable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  problems = sb_answers_get_problems (scratch);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SbAnswerProblem *problem = g_ptr_array_index (problems, i);

      if (problem->row == (int) *position && problem->column_id != NULL &&
          g_strcmp0 (problem->field_id, table->id) == 0)
        g_hash_table_add (*unreadable, g_strdup (problem->column_id));
    }
  return sb_validate (scratch, submission_date, calendar);
}

static char *
finding_text (SbFinding *finding)
{
  return g_strdup_printf ("%s %d %s row %d: %s / %s", finding->rule_id, finding->severity,
                          finding->field ? finding->field : "-", finding->row, finding->message_zh,
                          finding->message_en ? finding->message_en : "-");
}

static int
compare_texts (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(char * const *) a, *(char * const *) b);
}

/* Every finding of the report, sorted.  A scratch whose cell was set
 * after it was read lists that cell's type check (SB-INVALID) last, one
 * read whole in the definition's order, so the order of the whole report
 * is not compared; that of each question's findings, what is shown, is
 * (shown_text()). */
static char *
report_text (SbValidationReport *report)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    g_ptr_array_add (lines, finding_text (g_ptr_array_index (findings, i)));
  g_ptr_array_sort (lines, compare_texts);
  for (guint i = 0; i < lines->len; i++)
    g_string_append_printf (text, "%s\n", (char *) g_ptr_array_index (lines, i));
  return g_string_free (text, FALSE);
}

/* What the editor shows under each question: the row's findings on
 * that column, in report order, and whether its answer is unreadable. */
static char *
shown_text (SbValidationReport *report,
            const SbField      *table,
            guint               position,
            GHashTable         *unreadable)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  GString *text = g_string_new (NULL);

  for (guint c = 0; c < table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (table->columns, c);
      g_autofree char *path = g_strdup_printf ("%s[].%s", table->id, column->id);

      g_string_append_printf (text, "%s%s:\n", column->id,
                              g_hash_table_contains (unreadable, column->id) ? " (unreadable)" : "");
      for (guint i = 0; i < findings->len; i++)
        {
          SbFinding *finding = g_ptr_array_index (findings, i);
          g_autofree char *line = NULL;

          if (finding->row != (int) position || g_strcmp0 (finding->field, path) != 0)
            continue;
          line = finding_text (finding);
          g_string_append_printf (text, "  %s\n", line);
        }
    }
  return g_string_free (text, FALSE);
}

typedef struct
{
  SbAnswers     *answers;
  const SbField *table;
  int            row;
  JsonObject    *values;
  SbRowCheck    *check;
  gint32         submission_date;
  SbCalendar    *calendar;
  guint          n_checks;
  guint          n_differences;
} Editing;

/* The check's report now must be the whole copy's. */
static void
compare (Editing    *editing,
         const char *what)
{
  g_autoptr(SbValidationReport) incremental = sb_row_check_validate (editing->check, editing->submission_date,
                                                                     editing->calendar);
  g_autoptr(GHashTable) unreadable = NULL;
  g_autoptr(GHashTable) check_unreadable = g_hash_table_new (g_str_hash, g_str_equal);
  guint position = 0;
  g_autoptr(SbValidationReport) full = check_copy (editing->answers, editing->table, editing->row, editing->values,
                                                   editing->submission_date, editing->calendar, &position,
                                                   &unreadable);
  g_autofree char *incremental_text = report_text (incremental);
  g_autofree char *full_text = report_text (full);
  g_autofree char *incremental_shown = NULL;
  g_autofree char *full_shown = shown_text (full, editing->table, position, unreadable);

  for (guint c = 0; c < editing->table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (editing->table->columns, c);

      if (sb_row_check_is_unreadable (editing->check, column->id))
        g_hash_table_add (check_unreadable, column->id);
    }
  incremental_shown = shown_text (incremental, editing->table, sb_row_check_get_position (editing->check),
                                  check_unreadable);

  editing->n_checks++;
  if (sb_row_check_get_position (editing->check) != position ||
      g_strcmp0 (incremental_text, full_text) != 0 || g_strcmp0 (incremental_shown, full_shown) != 0)
    {
      g_test_message ("%s: the row check differs from the whole copy's:\n%s\n%s\n---\n%s\n%s", what,
                      incremental_text, incremental_shown, full_text, full_shown);
      editing->n_differences++;
    }
}

/* What the tests type into every question: a text that no number, date
 * or option reads, a whole number, an empty text, zero, true, and no
 * answer (as in test-validator.c). */
static GPtrArray *
typed_values (void)
{
  GPtrArray *values = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_ptr_array_add (values, json_node_init_string (json_node_alloc (), "不是数字也不是日期"));
  g_ptr_array_add (values, json_node_init_int (json_node_alloc (), 2));
  g_ptr_array_add (values, json_node_init_string (json_node_alloc (), ""));
  g_ptr_array_add (values, json_node_init_int (json_node_alloc (), 0));
  g_ptr_array_add (values, json_node_init_boolean (json_node_alloc (), TRUE));
  return values;
}

/* Sets (NULL: clears) @column_id of the row as the editor does. */
static void
type_in (Editing    *editing,
         const char *column_id,
         JsonNode   *value)
{
  if (value != NULL)
    json_object_set_member (editing->values, column_id, sb_json_deep_copy (value));
  else if (json_object_has_member (editing->values, column_id))
    json_object_remove_member (editing->values, column_id);
  sb_row_check_cell_changed (editing->check, column_id);
}

static JsonObject *
copy_row (SbAnswers     *answers,
          const SbField *table,
          int            row)
{
  JsonNode *node = sb_answers_get_field_json (answers, table->id);
  g_autoptr(JsonNode) element = NULL;

  if (row < 0 || node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      !JSON_NODE_HOLDS_OBJECT (json_array_get_element (json_node_get_array (node), row)))
    return json_object_new ();
  /* Deep, as the editor's: the answers' rows must not change with it. */
  element = sb_json_deep_copy (json_array_get_element (json_node_get_array (node), row));
  return json_object_ref (json_node_get_object (element));
}

/* Row @row of @table (or a new one) edited: every question given each
 * value, checked as it is typed (and checked once more on leaving it),
 * then two questions typed in before one check; then the answers
 * changed under the editor (another field, another row, a row less). */
static void
edit_row (Editing    *editing,
          GPtrArray  *values,
          const char *what)
{
  const SbField *table = editing->table;
  GPtrArray *fields = sb_form_definition_get_fields (sb_answers_get_definition (editing->answers));
  g_autofree char *opened = g_strdup_printf ("%s: opened", what);

  compare (editing, opened);
  for (guint c = 0; c < table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (table->columns, c);
      JsonNode *original = json_object_get_member (editing->values, column->id);
      g_autoptr(JsonNode) kept = original != NULL ? sb_json_deep_copy (original) : NULL;

      if (column->computed != NULL || column->type == SB_FIELD_TABLE)
        continue;
      for (guint v = 0; v <= values->len + 1; v++)
        {
          JsonNode *value = v < values->len ? g_ptr_array_index (values, v) : v == values->len ? NULL : kept;
          g_autofree char *typed = g_strdup_printf ("%s: %s, value %u", what, column->id, v);

          type_in (editing, column->id, value);
          compare (editing, typed);
        }
      compare (editing, "left");
    }

  /* Two questions typed in, unchecked (the second not yet left), then
   * one checked. */
  for (guint c = 0, n = 0; c + 1 < table->columns->len && n < 2; c++)
    {
      const SbField *column = g_ptr_array_index (table->columns, c);

      if (column->computed != NULL || column->type == SB_FIELD_TABLE)
        continue;
      type_in (editing, column->id, g_ptr_array_index (values, n));
      n++;
    }
  compare (editing, "two questions typed in at once");

  /* The answers change under the editor: another question of the form
   * (the first one that is not this table), another row of this table,
   * one row less. */
  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);

      if (field == table || field->computed != NULL || field->type == SB_FIELD_TABLE)
        continue;
      sb_answers_set_field (editing->answers, field->id, g_ptr_array_index (values, 0));
      compare (editing, "another field changed under the editor");
      break;
    }
  if (sb_answers_get_row_count (editing->answers, table->id) > 1)
    {
      guint other = editing->row == 0 ? 1 : 0;
      const SbField *column = NULL;

      for (guint c = 0; c < table->columns->len && column == NULL; c++)
        if (((SbField *) g_ptr_array_index (table->columns, c))->computed == NULL &&
            ((SbField *) g_ptr_array_index (table->columns, c))->type != SB_FIELD_TABLE)
          column = g_ptr_array_index (table->columns, c);
      if (column != NULL)
        {
          sb_answers_set_cell (editing->answers, table->id, other, column->id, g_ptr_array_index (values, 1));
          compare (editing, "another row changed under the editor");
        }
      sb_answers_remove_row (editing->answers, table->id, other);
      compare (editing, "a row removed under the editor");
      /* And typing goes on. */
      for (guint c = 0; c < table->columns->len; c++)
        {
          const SbField *typed = g_ptr_array_index (table->columns, c);

          if (typed->computed != NULL || typed->type == SB_FIELD_TABLE)
            continue;
          type_in (editing, typed->id, g_ptr_array_index (values, 1));
          compare (editing, "typed in after the answers changed");
          break;
        }
    }
}

static const struct
{
  const char *form;
  const char *answers;   /* a fixture of tests/fixtures/FORM/ */
} cases[] = {
  { "gengdi", "complete" },
  { "kejipeixun", "complete" },
  { "zijin", "complete" },
  { "kejipeixun", "change-capital" },
  { "kejipeixun", "deregistration" },
  { "kejipeixun", "small" },
};

static SbAnswers *
load_case (guint   k,
           gint32 *submission_date)
{
  g_autofree char *name = g_strdup_printf ("%s.json", cases[k].answers);
  g_autofree char *expected_name = g_strdup_printf ("%s.expected.json", cases[k].answers);
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), cases[k].form, name, NULL);
  g_autofree char *expected_path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), cases[k].form,
                                                     expected_name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonParser) expected_parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), cases[k].form, 0);
  SbAnswers *answers;

  g_assert_nonnull (definition);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  /* The date the fixture was checked on, or today as in the editor. */
  *submission_date = sb_date_today ();
  if (json_parser_load_from_file (expected_parser, expected_path, NULL))
    g_assert_true (sb_date_parse (json_object_get_string_member (
                                    json_node_get_object (json_parser_get_root (expected_parser)), "date"),
                                  submission_date));
  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, json_node_get_object (json_parser_get_root (parser)));
  return answers;
}

/* Every table of every case: its first and last rows and a new one. */
static void
test_same_as_whole_copy (void)
{
  g_autoptr(GPtrArray) values = typed_values ();
  guint n_checks = 0, n_differences = 0, n_rows = 0;

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      gint32 submission_date;
      g_autoptr(SbAnswers) probe = load_case (k, &submission_date);
      GPtrArray *fields = sb_form_definition_get_fields (sb_answers_get_definition (probe));

      for (guint i = 0; i < fields->len; i++)
        {
          const SbField *table = g_ptr_array_index (fields, i);
          guint count;
          int rows[3];

          if (table->type != SB_FIELD_TABLE || table->computed != NULL)
            continue;
          count = sb_answers_get_row_count (probe, table->id);
          rows[0] = -1;
          rows[1] = count > 0 ? 0 : -1;
          rows[2] = count > 1 ? (int) count - 1 : -1;
          for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
            {
              g_autoptr(SbAnswers) answers = NULL;
              g_autoptr(JsonObject) row_values = NULL;
              g_autoptr(SbRowCheck) check = NULL;
              g_autofree char *what = NULL;
              Editing editing = { 0 };

              if (r > 0 && rows[r] < 0)
                continue;
              answers = load_case (k, &submission_date);
              row_values = copy_row (answers, table, rows[r]);
              check = sb_row_check_new (answers, table, rows[r], row_values);
              what = g_strdup_printf ("%s/%s: %s row %d", cases[k].form, cases[k].answers, table->id, rows[r]);
              editing = (Editing) { answers, table, rows[r], row_values, check, submission_date,
                                    sb_calendar_get_default (NULL), 0, 0 };
              edit_row (&editing, values, what);
              n_checks += editing.n_checks;
              n_differences += editing.n_differences;
              n_rows++;
            }
        }
    }

  g_test_message ("%u rows edited, %u checks, %u differ from the whole copy's", n_rows, n_checks, n_differences);
  g_assert_cmpuint (n_rows, >=, 10);
  g_assert_cmpuint (n_checks, >, 500);
  g_assert_cmpuint (n_differences, ==, 0);
}

int
main (int    argc,
      char **argv)
{
  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/row-check/same-as-whole-copy", test_same_as_whole_copy);

  return g_test_run ();
}
