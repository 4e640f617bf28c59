/* sb-tool-table.c — shenbao-tool table: a table's rows to and from
 * spreadsheets, on the same code as the window (app/core/sb-table-*.c)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-draft.h"
#include "sb-json-writer.h"
#include "sb-table-export.h"
#include "sb-table-file.h"
#include "sb-table-import.h"
#include "sb-tool.h"

/* What ANSWERS is: a draft, or a bare answers object. */
typedef struct {
  JsonObject       *object;      /* the file as read */
  SbDraft          *draft;       /* when it is a draft */
  SbFormDefinition *definition;  /* borrowed from the registry */
  const SbField    *table;
} Answers;

static void
answers_clear (Answers *answers)
{
  g_clear_pointer (&answers->object, json_object_unref);
  g_clear_object (&answers->draft);
}

/* Reads ANSWERS and finds the table; on failure says why and returns
 * FALSE. */
static gboolean
open_answers (const char     *command,
              const char     *form_id,
              const char     *table_id,
              const char     *path,
              SbFormRegistry *registry,
              Answers        *answers)
{
  g_autoptr(GError) error = NULL;
  const SbField *table;

  answers->definition = sb_form_registry_lookup (registry, form_id, 0);
  if (answers->definition == NULL)
    {
      sb_tool_err ("shenbao-tool table %s: no form “%s” is installed (see “shenbao-tool forms”)", command, form_id);
      return FALSE;
    }

  if (path != NULL)
    {
      answers->object = sb_tool_read_json_object (path, &error);
      if (answers->object == NULL)
        {
          sb_tool_err ("shenbao-tool table %s: %s", command, error->message);
          return FALSE;
        }
      if (g_strcmp0 (json_object_get_string_member_with_default (answers->object, "kind", ""), "shenbao-draft") == 0)
        {
          g_autofree char *contents = NULL;
          g_autoptr(GBytes) bytes = NULL;
          gsize length;

          if (!g_file_get_contents (path, &contents, &length, &error))
            {
              sb_tool_err ("shenbao-tool table %s: %s", command, error->message);
              return FALSE;
            }
          bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
          answers->draft = sb_draft_new_from_bytes (registry, bytes, &error);
          if (answers->draft == NULL)
            {
              sb_tool_err ("shenbao-tool table %s: %s: %s", command, path, error->message);
              return FALSE;
            }
          if (g_strcmp0 (sb_form_definition_get_id (sb_draft_get_definition (answers->draft)), form_id) != 0)
            {
              sb_tool_err ("shenbao-tool table %s: %s is a draft of “%s”, not of “%s”", command, path,
                           sb_form_definition_get_id (sb_draft_get_definition (answers->draft)), form_id);
              return FALSE;
            }
          answers->definition = sb_draft_get_definition (answers->draft);
        }
    }

  table = sb_form_definition_lookup_field (answers->definition, table_id);
  if (table == NULL || table->type != SB_FIELD_TABLE)
    {
      GPtrArray *fields = sb_form_definition_get_fields (answers->definition);
      g_autoptr(GString) tables = g_string_new (NULL);

      for (guint i = 0; i < fields->len; i++)
        {
          SbField *field = g_ptr_array_index (fields, i);

          if (field->type == SB_FIELD_TABLE)
            g_string_append_printf (tables, "%s%s", tables->len > 0 ? ", " : "", field->id);
        }
      sb_tool_err ("shenbao-tool table %s: the form “%s” has no table “%s” (its tables: %s)", command, form_id,
                   table_id, tables->str);
      return FALSE;
    }
  answers->table = table;
  return TRUE;
}

/* The table's rows in ANSWERS (borrowed; NULL when there are none). */
static JsonArray *
answers_rows (Answers *answers)
{
  JsonNode *node;

  if (answers->draft != NULL)
    node = sb_answers_get_field_json (sb_draft_get_answers (answers->draft), answers->table->id);
  else
    node = json_object_get_member (answers->object, answers->table->id);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
write_answers (Answers    *answers,
               const char *path,
               JsonArray  *rows,
               GError    **error)
{
  g_autoptr(JsonNode) node = json_node_init_array (json_node_alloc (), rows);
  g_autofree char *contents = NULL;
  gsize length;

  if (answers->draft != NULL)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *now = sb_date_now_timestamp ();

      sb_answers_set_field (sb_draft_get_answers (answers->draft), answers->table->id, node);
      sb_draft_touch (answers->draft, now);
      bytes = sb_draft_to_bytes (answers->draft);
      /* g_file_set_contents writes a temporary file and renames it. */
      return g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), error);
    }

  {
    g_autoptr(JsonNode) root = json_node_init_object (json_node_alloc (), answers->object);

    json_object_set_member (answers->object, answers->table->id, json_node_copy (node));
    contents = sb_json_to_data (root, TRUE, &length);
  }
  return g_file_set_contents (path, contents, (gssize) length, error);
}

static int
run_export (int    argc,
            char **argv,
            gboolean template)
{
  g_autofree char *form_id = NULL;
  g_autofree char *table_id = NULL;
  const GOptionEntry entries[] = {
    { "form", 'f', 0, G_OPTION_ARG_STRING, &form_id, "The form (see “shenbao-tool forms”)", "ID" },
    { "table", 't', 0, G_OPTION_ARG_STRING, &table_id, "The table's field id", "TABLE" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  Answers answers = { 0 };
  const char *command = template ? "template" : "export";
  const char *output;
  SbTableFormat format;
  gboolean ok;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, template ? "FILE.xlsx|FILE.csv" : "ANSWERS FILE.xlsx|FILE.csv",
                              template ? "Write a blank template of a table: the header row and one example row."
                                       : "Export a table of an answers or draft file as XLSX or CSV.",
                              "The format follows FILE's extension (.xlsx or .csv).  Exit status: 0 written, "
                              "2 unusable input or the file could not be written.",
                              entries, &exit_code))
    return exit_code;

  if (form_id == NULL || table_id == NULL || argc != (template ? 2 : 3))
    {
      sb_tool_err (template ? "Usage: shenbao-tool table template --form ID --table TABLE FILE"
                            : "Usage: shenbao-tool table export --form ID --table TABLE ANSWERS FILE");
      return SB_TOOL_EXIT_USAGE;
    }
  output = argv[argc - 1];
  if (!sb_table_format_from_path (output, &format, &error))
    {
      sb_tool_err ("shenbao-tool table %s: %s", command, error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  registry = sb_tool_load_registry ();
  if (!open_answers (command, form_id, table_id, template ? NULL : argv[1], registry, &answers))
    {
      answers_clear (&answers);
      return SB_TOOL_EXIT_USAGE;
    }

  ok = template ? sb_table_write_template (answers.table, output, format, &error)
                : sb_table_export (answers.table, answers_rows (&answers), output, format, &error);
  if (!ok)
    {
      sb_tool_err ("shenbao-tool table %s: %s", command, error->message);
      answers_clear (&answers);
      return SB_TOOL_EXIT_USAGE;
    }
  if (!template)
    {
      JsonArray *rows = answers_rows (&answers);

      sb_tool_out ("%u rows written to %s", rows != NULL ? json_array_get_length (rows) : 0, output);
    }
  else
    sb_tool_out ("template written to %s", output);
  answers_clear (&answers);
  return SB_TOOL_EXIT_OK;
}

static int
run_import (int    argc,
            char **argv)
{
  g_autofree char *form_id = NULL;
  g_autofree char *table_id = NULL;
  gboolean only_clean = FALSE, dry_run = FALSE;
  const GOptionEntry entries[] = {
    { "form", 'f', 0, G_OPTION_ARG_STRING, &form_id, "The form (see “shenbao-tool forms”)", "ID" },
    { "table", 't', 0, G_OPTION_ARG_STRING, &table_id, "The table's field id", "TABLE" },
    { "only-clean", 0, 0, G_OPTION_ARG_NONE, &only_clean, "Import only the rows without problems", NULL },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, "Print the report and change nothing", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbTableGrid) grid = NULL;
  g_autoptr(SbTableImport) import = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(JsonArray) rows = NULL;
  Answers answers = { 0 };
  guint dropped;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "ANSWERS FILE",
                              "Import a CSV, XLSX or ODS file into a table of an answers or draft file.",
                              "The table's rows are replaced by the file's, and ANSWERS is rewritten in place "
                              "(atomically).  Every cell is read as typed text is; cells that cannot be read are "
                              "kept as text and reported.  Exit status: 0 imported without problems, 1 imported "
                              "with problem cells (listed), 2 unusable input (nothing changed).",
                              entries, &exit_code))
    return exit_code;

  if (form_id == NULL || table_id == NULL || argc != 3)
    {
      sb_tool_err ("Usage: shenbao-tool table import --form ID --table TABLE [--only-clean] [--dry-run] ANSWERS FILE");
      return SB_TOOL_EXIT_USAGE;
    }

  registry = sb_tool_load_registry ();
  if (!open_answers ("import", form_id, table_id, argv[1], registry, &answers))
    {
      answers_clear (&answers);
      return SB_TOOL_EXIT_USAGE;
    }

  file = g_file_new_for_commandline_arg (argv[2]);
  grid = sb_table_read_file (file, NULL, &error);
  if (grid == NULL)
    {
      sb_tool_err ("shenbao-tool table import: %s: %s", argv[2], error->message);
      answers_clear (&answers);
      return SB_TOOL_EXIT_USAGE;
    }

  import = sb_table_import_new (answers.table, grid, 0);
  lines = sb_table_import_dup_report_lines (import);
  for (guint i = 0; i < lines->len; i++)
    sb_tool_out ("%s", (const char *) g_ptr_array_index (lines, i));

  rows = sb_table_import_dup_rows (import, only_clean);
  dropped = sb_table_rows_keep_attachments (answers.table, rows, answers_rows (&answers));
  if (dry_run)
    sb_tool_out ("Dry run: %s is unchanged.", argv[1]);
  else
    {
      if (!write_answers (&answers, argv[1], rows, &error))
        {
          sb_tool_err ("shenbao-tool table import: %s", error->message);
          answers_clear (&answers);
          return SB_TOOL_EXIT_USAGE;
        }
      sb_tool_out ("%u rows imported into %s of %s.", json_array_get_length (rows), table_id, argv[1]);
      if (dropped > 0)
        sb_tool_out ("%u attachments of replaced rows match no imported row and were removed: attach them again.", dropped);
    }

  answers_clear (&answers);
  return sb_table_import_get_problems (import)->len > 0 ? SB_TOOL_EXIT_FAILED : SB_TOOL_EXIT_OK;
}

int
sb_tool_table (int    argc,
               char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "export"))
    return run_export (argc - 1, argv + 1, FALSE);
  if (argc >= 2 && g_str_equal (argv[1], "template"))
    return run_export (argc - 1, argv + 1, TRUE);
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return run_import (argc - 1, argv + 1);

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      sb_tool_out ("Usage: shenbao-tool table export|import|template [OPTION…]");
      sb_tool_out ("  export --form ID --table TABLE ANSWERS FILE     the table's rows as FILE (.xlsx or .csv)");
      sb_tool_out ("  import --form ID --table TABLE ANSWERS FILE     FILE's rows (.xlsx, .ods, .csv) into the table of ANSWERS");
      sb_tool_out ("  template --form ID --table TABLE FILE           a blank template to fill in");
      return SB_TOOL_EXIT_OK;
    }
  sb_tool_err ("Usage: shenbao-tool table export|import|template [OPTION…] (see “shenbao-tool table --help”)");
  return SB_TOOL_EXIT_USAGE;
}
