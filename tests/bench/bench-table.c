/* bench-table.c — paste, import and export of a 1,000-row roster
 *
 * Grows the 科技类 staff roster to 1,000 rows, writes it as XLSX, CSV and
 * the clipboard's TSV with six more columns a real roster carries (20 in
 * all, ignored on import), and measures, in this process:
 *   export of 1,000 rows to XLSX and to CSV;
 *   paste: TSV text to planned rows (read, header matched, every cell
 *   parsed and checked as typed text is);
 *   import: the XLSX and CSV files read and planned the same way.
 * Prints median and minimum in milliseconds, and leaves the files in DIR
 * for tests/bench/bench-table.py to time its peers on.  Not a test.
 *
 *   bench-table DIR [ROWS]
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb-form-registry.h"
#include "sb-table-export.h"
#include "sb-table-file.h"
#include "sb-table-import.h"
#include "sb-table-text.h"

#define RUNS 15

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
  printf ("%-52s median %8.1f ms   min %8.1f ms\n", what, samples[n / 2], samples[0]);
}

/* The roster's rows with six extra columns, as a spreadsheet keeps them. */
static GBytes *
with_extra_columns (GBytes *text)
{
  g_auto(GStrv) lines = g_strsplit (g_bytes_get_data (text, NULL), "\r\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL && lines[i][0] != '\0'; i++)
    g_string_append_printf (out, "%s\t%s\r\n", lines[i],
                            i == 0 ? "备注\t联系电话\t电子邮箱\t籍贯\t民族\t政治面貌"
                                   : "无\t13800000000\tzhang@example.cn\t山西阳泉\t汉族\t群众");
  return g_string_free_to_bytes (out);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *complete = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonArray) rows = json_array_new ();
  g_autoptr(GBytes) tsv = NULL;
  g_autofree char *xlsx_path = NULL;
  g_autofree char *csv_path = NULL;
  g_autofree char *tsv_path = NULL;
  SbFormRegistry *registry;
  SbFormDefinition *definition;
  const SbField *staff;
  JsonArray *original;
  guint n_rows = argc > 2 ? (guint) atoi (argv[2]) : 1000;
  double samples[RUNS];

  if (argc < 2)
    {
      fprintf (stderr, "Usage: bench-table DIR [ROWS]\n");
      return 2;
    }

  registry = sb_form_registry_get_default ();
  definition = sb_form_registry_lookup (registry, "kejipeixun", 0);
  g_assert (definition != NULL);
  staff = sb_form_definition_lookup_field (definition, "staff");
  complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "kejipeixun", "complete.json", NULL);
  json_parser_load_from_file (parser, complete, &error);
  g_assert_no_error (error);
  original = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "staff");
  for (guint i = 0; i < n_rows; i++)
    json_array_add_element (rows, json_node_copy (json_array_get_element (original, i % json_array_get_length (original))));

  xlsx_path = g_build_filename (argv[1], "staff.xlsx", NULL);
  csv_path = g_build_filename (argv[1], "staff.csv", NULL);
  tsv_path = g_build_filename (argv[1], "staff.tsv", NULL);

  printf ("%u staff rows (%u columns in the table, 20 in the pasted text)\n", n_rows, staff->columns->len);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert (sb_table_export (staff, rows, xlsx_path, SB_TABLE_FORMAT_XLSX, NULL));
      samples[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  report ("export to XLSX (libxlsxwriter)", samples, RUNS);

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();

      g_assert (sb_table_export (staff, rows, csv_path, SB_TABLE_FORMAT_CSV, NULL));
      samples[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  report ("export to CSV", samples, RUNS);

  {
    g_autoptr(GBytes) plain = sb_table_export_text (staff, rows, '\t', FALSE);

    tsv = with_extra_columns (plain);
    g_file_set_contents (tsv_path, g_bytes_get_data (tsv, NULL), (gssize) g_bytes_get_size (tsv), NULL);
  }

  for (guint r = 0; r < RUNS; r++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autoptr(SbTableGrid) grid = sb_table_text_read (g_bytes_get_data (tsv, NULL), g_bytes_get_size (tsv), '\0', NULL);
      g_autoptr(SbTableImport) import = sb_table_import_new (staff, grid, 0);

      g_assert (sb_table_import_get_n_clean_rows (import) == n_rows);
      samples[r] = (g_get_monotonic_time () - start) / 1000.0;
    }
  report ("paste: TSV (20 columns) read and planned", samples, RUNS);

  {
    const char *paths[] = { xlsx_path, csv_path };
    const char *names[] = { "import: XLSX read and planned", "import: CSV read and planned" };

    for (guint k = 0; k < G_N_ELEMENTS (paths); k++)
      {
        g_autoptr(GFile) file = g_file_new_for_path (paths[k]);

        for (guint r = 0; r < RUNS; r++)
          {
            gint64 start = g_get_monotonic_time ();
            g_autoptr(SbTableGrid) grid = sb_table_read_file (file, NULL, NULL);
            g_autoptr(SbTableImport) import = sb_table_import_new (staff, grid, 0);

            g_assert (sb_table_import_get_n_clean_rows (import) == n_rows);
            samples[r] = (g_get_monotonic_time () - start) / 1000.0;
          }
        report (names[k], samples, RUNS);
      }
  }
  return 0;
}
