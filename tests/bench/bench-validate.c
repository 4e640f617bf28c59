/* bench-validate.c — whole-form revalidation time on a large application
 *
 * Takes the complete 科技类 application and grows its staff roster to 1,000
 * rows and its weekly schedule to 500 sessions, then measures: a full
 * revalidation (what the GUI does after every keystroke), and a keystroke
 * (one cell changed, then revalidation).  Prints median and 95th percentile
 * in milliseconds.  Not a test: it only prints.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

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
grow_table (JsonObject *answers,
            const char *table,
            guint       rows)
{
  JsonArray *array = json_object_get_array_member (answers, table);
  guint original = json_array_get_length (array);

  g_assert (original > 0);
  for (guint i = original; i < rows; i++)
    json_array_add_element (array, json_node_copy (json_array_get_element (array, i % original)));
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
  g_autofree char *path = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbAnswers) answers = NULL;
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

  path = g_build_filename (fixtures, "kejipeixun", "complete.json", NULL);
  if (!json_parser_load_from_file (parser, path, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }

  definition = sb_form_registry_lookup (sb_form_registry_get_default (), "kejipeixun", 0);
  calendar = sb_calendar_get_default (NULL);
  if (definition == NULL)
    {
      fprintf (stderr, "the kejipeixun form is not installed\n");
      return 2;
    }

  object = json_node_get_object (json_parser_get_root (parser));
  grow_table (object, "staff", 1000);
  grow_table (object, "sessions", 500);
  sb_date_parse ("2024-03-15", &date);

  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, object);

  for (guint i = 0; i < RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(SbValidationReport) result = sb_validate (answers, date, calendar);

      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
      n_findings = sb_validation_report_get_findings (result)->len;
    }

  printf ("kejipeixun, %u rules, 1000 staff rows, 500 sessions, %u findings\n",
          sb_form_definition_get_rules (definition)->len, n_findings);
  report ("whole-form revalidation", samples, RUNS);

  for (guint i = 0; i < RUNS; i++)
    {
      g_autoptr(JsonNode) value = json_node_new (JSON_NODE_VALUE);
      gint64 start;
      g_autofree char *name = g_strdup_printf ("职员%u", i);

      json_node_set_string (value, name);
      start = g_get_monotonic_time ();
      sb_answers_set_cell (answers, "staff", i % 1000, "name", value);
      {
        g_autoptr(SbValidationReport) result = sb_validate (answers, date, calendar);
      }
      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  report ("keystroke in a cell + revalidation", samples, RUNS);

  return 0;
}
