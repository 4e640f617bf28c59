/* sb-tool-check.c — shenbao-tool check
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>

#include "sb-date.h"
#include "sb-tool.h"
#include "sb-validator.h"

static const char *
severity_label (SbSeverity severity)
{
  switch (severity)
    {
    case SB_SEVERITY_ERROR:
      return "ERROR  ";
    case SB_SEVERITY_WARNING:
      return "WARNING";
    case SB_SEVERITY_INFO:
    default:
      return "INFO   ";
    }
}

static void
print_findings (SbValidationReport *report)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *where = NULL;

      if (finding->field != NULL && finding->row >= 0)
        where = g_strdup_printf (" %s (row %d)", finding->field, finding->row + 1);
      else if (finding->field != NULL)
        where = g_strdup_printf (" %s", finding->field);

      sb_tool_out ("%s %s%s: %s", severity_label (finding->severity), finding->rule_id,
              where ? where : "", finding->message_zh);

      if (finding->rule != NULL)
        {
          g_autofree char *citation = sb_citation_format (&finding->rule->citation);
          sb_tool_out ("        依据 %s", citation);
        }
    }

  sb_tool_out ("%u errors, %u warnings, %u notices",
          sb_validation_report_count (report, SB_SEVERITY_ERROR),
          sb_validation_report_count (report, SB_SEVERITY_WARNING),
          sb_validation_report_count (report, SB_SEVERITY_INFO));
}

int
sb_tool_check (int    argc,
               char **argv)
{
  g_autofree char *form_id = NULL;
  g_autofree char *version = NULL;
  g_autofree char *date_text = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "form", 'f', 0, G_OPTION_ARG_STRING, &form_id, "The form (see “shenbao-tool forms”)", "ID" },
    { "form-version", 0, 0, G_OPTION_ARG_STRING, &version, "A particular version of the form", "VERSION" },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text, "The submission date (default: today)", "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the findings as a JSON array", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(SbAnswers) answers = NULL;
  g_autoptr(SbValidationReport) report = NULL;
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition;
  gint32 date;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "ANSWERS.json",
                              "Check a bare answers object (a JSON object keyed by field id) against the "
                              "rules of a form, as of a submission date.",
                              "Prints every rule that fires with its citation.  Exit status: 0 when no error "
                              "fired, 1 when one did, 2 when the input could not be used.",
                              entries, &exit_code))
    return exit_code;

  if (form_id == NULL || argc != 2)
    {
      sb_tool_err ("Usage: shenbao-tool check --form ID [--date YYYY-MM-DD] [--json] ANSWERS.json");
      return SB_TOOL_EXIT_USAGE;
    }

  if (!sb_tool_parse_date_option ("check", NULL, date_text, &date))
    return SB_TOOL_EXIT_USAGE;

  registry = sb_tool_load_registry ();
  definition = version != NULL
    ? sb_form_registry_lookup_version (registry, form_id, version)
    : sb_form_registry_lookup (registry, form_id, date);
  if (definition == NULL)
    {
      sb_tool_err ("shenbao-tool check: no form “%s”%s%s is installed (see “shenbao-tool forms”)",
               form_id, version ? " version " : "", version ? version : "");
      return SB_TOOL_EXIT_USAGE;
    }

  object = sb_tool_read_json_object (argv[1], &error);
  if (object == NULL)
    {
      sb_tool_err ("shenbao-tool check: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  calendar = sb_tool_load_calendar ();
  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, object);
  report = sb_validate (answers, date, calendar);

  if (as_json)
    {
      g_autoptr(JsonNode) node = sb_validation_report_to_json (report);
      sb_tool_print_json (node);
    }
  else
    {
      print_findings (report);
    }

  return sb_validation_report_count (report, SB_SEVERITY_ERROR) > 0 ? SB_TOOL_EXIT_FAILED : SB_TOOL_EXIT_OK;
}
