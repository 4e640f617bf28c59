/* bench-validate.c — whole-form revalidation time on a large application
 *
 * Takes a procedure's complete application and grows its tables — by
 * default the 科技类 staff roster to 1,000 rows and the weekly schedule to
 * 500 sessions — then measures a full revalidation (what the GUI does after
 * every keystroke) and a keystroke (one cell changed, then revalidation).
 * Prints median and 95th percentile in milliseconds.  Not a test: it only
 * prints.
 *
 * Where the time goes (callgrind over this benchmark's 400 validations of
 * the 1,000-staff, 500-session 科技类 application; inclusive shares, which
 * overlap): evaluating the rules 94%, of it the quantifiers over a
 * table's rows 56% (nearly all under tally()), peak_sum() over the
 * schedule 40% (sorting its events 5%), the messages' placeholders 13%,
 * collecting a comprehension's bodies 12%, making and freeing lists of
 * values 19%; the SB-REQUIRED and SB-INVALID checks and everything else
 * 6%.  So a keystroke costs what the table rules
 * cost, whichever field it changed: incremental revalidation (only the
 * rules that read the changed field, and what depends on it) is what
 * brings it under 0.5 ms.
 *
 * sb_revalidate() does that; the last two lines time it, from the report
 * before each keystroke.  A top-level field's keystroke runs the few rules
 * that read it (0.25 ms against 4.5-11 ms for the whole form, in one run on
 * a loaded machine).  A cell's runs every rule that reads its table (12 of
 * the 117 for the roster, 2 ms): sb_expression_get_fields() names the
 * tables a rule reads but not their columns, so that needs a reverse index
 * by column (REF_CELL and REF_COLUMN_LIST nodes say which) to come under
 * 0.5 ms too.  Until sb_answers_set_cell() counted as an edit, the cell
 * line was in fact the whole form again: sb_revalidate() saw no edit
 * since the report before and fell back to sb_validate(), so it cost what
 * the line above it costs.  Now it runs the table's rules: in one run at
 * load 13 on 2 cores (minimums; the medians were mostly other processes'
 * time), 2.0 ms against 4.6 ms for the cell and the whole form, and
 * 0.26 ms for a top-level field.
 *
 *   bench-validate [FORM [TABLE=ROWS …]]
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-grow.h"
#include "sb-form-registry.h"
#include "sb-validator.h"
#include "sb-date.h"

#define RUNS 200

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        double     *samples,
        guint       n)
{
  qsort (samples, n, sizeof (double), compare_doubles);
  printf ("%-44s median %.3f ms   p95 %.3f ms   min %.3f ms\n", what,
          samples[n / 2], samples[(n * 95) / 100], samples[0]);
}

int
main (int    argc,
      char **argv)
{
  const char *fixtures = g_getenv ("SHENBAO_TEST_FIXTURES");
  const char *form = argc > 1 ? argv[1] : "kejipeixun";
  const char *default_tables[] = { "staff=1000", "sessions=500", NULL };
  const char * const *tables = argc > 2 ? (const char * const *) argv + 2 : default_tables;
  g_autofree char *path = NULL;
  g_autofree char *edit_table = NULL;
  g_autofree char *edit_column = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbAnswers) answers = NULL;
  g_autoptr(GString) sizes = g_string_new (NULL);
  SbFormDefinition *definition;
  SbCalendar *calendar;
  JsonObject *object;
  double samples[RUNS];
  gint32 date;
  guint n_findings = 0;

  if (fixtures == NULL)
    {
      fprintf (stderr, "Set SHENBAO_TEST_FIXTURES and SHENBAO_DATA_DIR (meson devenv does).\n");
      return 2;
    }

  definition = sb_form_registry_lookup (sb_form_registry_get_default (), form, 0);
  if (definition == NULL)
    {
      fprintf (stderr, "the form %s is not installed\n", form);
      return 2;
    }

  path = g_build_filename (fixtures, form, "complete.json", NULL);
  if (!json_parser_load_from_file (parser, path, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  for (guint i = 0; tables[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (tables[i], "=", 2);
      SbField *table;

      if (parts[1] == NULL || (table = sb_form_definition_lookup_field (definition, parts[0])) == NULL ||
          table->type != SB_FIELD_TABLE || !json_object_has_member (object, parts[0]))
        {
          fprintf (stderr, "“%s” is not TABLE=ROWS for a table the application fills\n", tables[i]);
          return 2;
        }
      bench_grow_table (object, parts[0], g_ascii_strtoull (parts[1], NULL, 10));
      g_string_append_printf (sizes, "%s%s %s rows", sizes->len ? ", " : "", parts[1], parts[0]);

      /* Keystrokes go to the first text column of the first table. */
      if (edit_table == NULL)
        for (guint c = 0; c < table->columns->len && edit_column == NULL; c++)
          {
            SbField *column = g_ptr_array_index (table->columns, c);

            if (column->type == SB_FIELD_TEXT)
              {
                edit_table = g_strdup (table->id);
                edit_column = g_strdup (column->id);
              }
          }
    }

  sb_date_parse ("2024-03-15", &date);
  calendar = sb_calendar_get_default (NULL);
  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, object);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(SbValidationReport) result = sb_validate (answers, date, calendar);

      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_findings = sb_validation_report_get_findings (result)->len;
    }

  printf ("%s, %u rules, %s, %u findings\n", form, sb_form_definition_get_rules (definition)->len, sizes->str,
          n_findings);
  report ("whole-form revalidation", samples, RUNS);

  if (edit_table != NULL)
    {
      guint rows = sb_answers_get_row_count (answers, edit_table);

      for (guint i = 0; i < RUNS; i++)
        {
          g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
          g_autofree char *text = g_strdup_printf ("第%u次修改", i);
          gint64 start;

          json_node_set_string (value, text);
          start = g_get_monotonic_time ();
          sb_answers_set_cell (answers, edit_table, i % rows, edit_column, value);
          sb_validation_report_unref (sb_validate (answers, date, calendar));
          samples[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      report ("keystroke in a cell + revalidation", samples, RUNS);

      /* The same keystrokes, revalidated from the report before each. */
      {
        const char *changed[] = { edit_table, NULL };
        g_autoptr(SbValidationReport) previous = sb_validate (answers, date, calendar);

        for (guint i = 0; i < RUNS; i++)
          {
            g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
            g_autofree char *text = g_strdup_printf ("第%u次再改", i);
            SbValidationReport *next;
            gint64 start;

            json_node_set_string (value, text);
            start = g_get_monotonic_time ();
            sb_answers_set_cell (answers, edit_table, i % rows, edit_column, value);
            next = sb_revalidate (previous, answers, changed, date, calendar);
            samples[i] = (g_get_monotonic_time () - start) / 1000.0;
            sb_validation_report_unref (previous);
            previous = next;
          }
        report ("keystroke in a cell + incremental", samples, RUNS);
      }
    }

  /* A keystroke in the first top-level text field, revalidated from the
   * report before it. */
  {
    GPtrArray *fields = sb_form_definition_get_fields (definition);
    SbField *text_field = NULL;

    for (guint i = 0; i < fields->len && text_field == NULL; i++)
      {
        SbField *field = g_ptr_array_index (fields, i);

        if (field->type == SB_FIELD_TEXT && field->computed == NULL && !field->system)
          text_field = field;
      }
    if (text_field != NULL)
      {
        const char *changed[] = { text_field->id, NULL };
        g_autoptr(SbValidationReport) previous = sb_validate (answers, date, calendar);

        for (guint i = 0; i < RUNS; i++)
          {
            g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
            g_autofree char *text = g_strdup_printf ("阳泉市第%u培训中心", i);
            SbValidationReport *next;
            gint64 start;

            json_node_set_string (value, text);
            start = g_get_monotonic_time ();
            sb_answers_set_field (answers, text_field->id, value);
            next = sb_revalidate (previous, answers, changed, date, calendar);
            samples[i] = (g_get_monotonic_time () - start) / 1000.0;
            sb_validation_report_unref (previous);
            previous = next;
          }
        printf ("(top-level field: %s)\n", text_field->id);
        report ("keystroke in a field + incremental", samples, RUNS);
      }
  }

  return 0;
}
