/* sb-tool-review.c — shenbao-tool review
 *
 * What a reviewing office needs to know about each packet it received, for
 * batch use: whether it verifies (and in plain words what does not), the
 * rules as computed now with citations and the applicant's explanations,
 * any difference from the results the packet carries, and the statutory
 * deadlines counted in working days from the day it was received.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>

#include "sb-date.h"
#include "sb-review.h"
#include "sb-tool.h"

static char *
applicant_of (SbPacket *packet)
{
  SbAnswers *answers = sb_packet_get_answers (packet);
  GPtrArray *fields = sb_form_definition_get_summary_fields (sb_packet_get_definition (packet));
  g_autoptr(GString) name = g_string_new (NULL);

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      g_autofree char *text = sb_field_format_answer (field, sb_answers_get_field_json (answers, field->id));

      if (*text == '\0')
        continue;
      if (name->len > 0)
        g_string_append (name, " · ");
      g_string_append (name, text);
    }
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static JsonArray *
deadlines_to_json (GPtrArray *deadlines)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < deadlines->len; i++)
    {
      SbDeadlineStatus *deadline = g_ptr_array_index (deadlines, i);
      JsonObject *object = json_object_new ();
      g_autofree char *from = sb_date_to_string (deadline->from);

      json_object_set_string_member (object, "id", deadline->id);
      json_object_set_string_member (object, "label", deadline->label);
      json_object_set_int_member (object, "working_days", deadline->working_days);
      json_object_set_string_member (object, "from", from);
      if (deadline->due != 0)
        {
          g_autofree char *due = sb_date_to_string (deadline->due);

          json_object_set_string_member (object, "due", due);
          json_object_set_int_member (object, "remaining", deadline->remaining);
        }
      else
        json_object_set_string_member (object, "problem", deadline->problem ? deadline->problem : "unknown");
      json_array_add_object_element (array, object);
    }
  return array;
}

static void
print_review (const char *path,
              SbPacket   *packet,
              GPtrArray  *deadlines,
              gint32      received)
{
  SbFormDefinition *definition = sb_packet_get_definition (packet);
  SbValidationReport *report = sb_packet_get_report (packet);
  GHashTable *justifications = sb_packet_get_justifications (packet);
  GPtrArray *findings = sb_validation_report_get_findings (report);
  g_autofree char *applicant = applicant_of (packet);
  g_autofree char *submitted = sb_packet_get_submission_date (packet)
    ? sb_date_to_string (sb_packet_get_submission_date (packet)) : g_strdup ("not given");
  g_autofree char *received_text = sb_date_to_string (received);

  printf ("== %s\n", path);
  sb_tool_print_packet (packet, FALSE);
  printf ("  form:      %s (%s %s)\n", sb_text_get (sb_form_definition_get_title (definition)),
          sb_form_definition_get_id (definition), sb_form_definition_get_version (definition));
  printf ("  applicant: %s\n", *applicant ? applicant : "(not given)");
  printf ("  submitted: %s   received: %s\n", submitted, received_text);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      const char *justification = justifications ? g_hash_table_lookup (justifications, finding->rule_id) : NULL;
      g_autofree char *citation = finding->rule ? sb_citation_format (&finding->rule->citation) : NULL;

      if (finding->severity == SB_SEVERITY_INFO)
        continue;
      printf ("  %-7s %s%s%s: %s\n", finding->severity == SB_SEVERITY_ERROR ? "ERROR" : "WARNING", finding->rule_id,
              finding->field ? " " : "", finding->field ? finding->field : "", finding->message_zh);
      if (citation != NULL)
        printf ("          依据 %s\n", citation);
      if (finding->severity == SB_SEVERITY_WARNING)
        printf ("          申请人说明：%s\n", justification ? justification : "(none)");
    }

  for (guint i = 0; i < deadlines->len; i++)
    {
      SbDeadlineStatus *deadline = g_ptr_array_index (deadlines, i);
      g_autofree char *due = deadline->due ? sb_date_to_string (deadline->due) : NULL;

      if (due == NULL)
        printf ("  deadline  %s (%d working days): %s\n", deadline->label, deadline->working_days,
                deadline->problem ? deadline->problem : "cannot be computed");
      else if (deadline->remaining >= 0)
        printf ("  deadline  %s (%d working days): due %s, %d working days left\n", deadline->label,
                deadline->working_days, due, deadline->remaining);
      else
        printf ("  deadline  %s (%d working days): due %s, OVERDUE by %d working days\n", deadline->label,
                deadline->working_days, due, -deadline->remaining);
    }
}

int
sb_tool_review (int    argc,
                char **argv)
{
  g_autofree char *received_text = NULL;
  g_autofree char *today_text = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "received", 'r', 0, G_OPTION_ARG_STRING, &received_text, "The day the office received the packets (default: today)", "YYYY-MM-DD" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, "Count the days left from this day (default: today)", "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print a JSON array, one object per packet", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(JsonArray) results = json_array_new ();
  gint32 received, today;
  int exit_code = SB_TOOL_EXIT_OK;

  if (!sb_tool_parse_options (&argc, &argv, "PACKET…",
                              "Verify received packets and check them again for a reviewing office: verification, "
                              "rule results with citations and explanations, differences from the packet's own "
                              "results, and the statutory deadlines in working days.",
                              "Nothing is written.  Exit status: 0 every packet verifies and has no error, 1 some "
                              "packet failed a check or has an error, 2 a file is not a readable packet (the other "
                              "files are still reviewed).",
                              entries, &exit_code))
    return exit_code;

  if (argc < 2)
    {
      fprintf (stderr, "Usage: shenbao-tool review [--received YYYY-MM-DD] [--json] PACKET…\n");
      return SB_TOOL_EXIT_USAGE;
    }
  if (!sb_tool_parse_date (received_text, &received) || !sb_tool_parse_date (today_text, &today))
    {
      fprintf (stderr, "shenbao-tool review: dates are written YYYY-MM-DD\n");
      return SB_TOOL_EXIT_USAGE;
    }

  registry = sb_tool_load_registry ();
  calendar = sb_tool_load_calendar ();

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(SbPacket) packet = NULL;
      g_autoptr(SbReview) review = NULL;
      g_autoptr(GPtrArray) deadlines = NULL;
      g_autoptr(GError) error = NULL;
      gboolean from_pdf = FALSE;
      gboolean good;

      packet = sb_tool_read_packet (argv[i], registry, calendar, &from_pdf, &error);
      if (packet == NULL)
        {
          fprintf (stderr, "shenbao-tool review: %s\n", error->message);
          if (as_json)
            {
              JsonObject *failure = json_object_new ();

              json_object_set_string_member (failure, "file", argv[i]);
              json_object_set_string_member (failure, "error", error->message);
              json_array_add_object_element (results, failure);
            }
          exit_code = SB_TOOL_EXIT_USAGE;
          continue;
        }

      review = sb_review_new (sb_packet_get_definition (packet), sb_packet_get_reference (packet),
                              sb_packet_get_integrity_hash (packet), received);
      deadlines = sb_review_compute_deadlines (review, sb_packet_get_submission_date (packet), today, calendar);
      good = sb_packet_is_verified (packet) &&
             sb_validation_report_count (sb_packet_get_report (packet), SB_SEVERITY_ERROR) == 0;
      if (!good && exit_code == SB_TOOL_EXIT_OK)
        exit_code = SB_TOOL_EXIT_FAILED;

      if (as_json)
        {
          JsonObject *object = sb_tool_packet_to_json (packet);
          g_autofree char *applicant = applicant_of (packet);
          g_autofree char *received_iso = sb_date_to_string (received);

          json_object_set_string_member (object, "file", argv[i]);
          json_object_set_boolean_member (object, "from_pdf", from_pdf);
          json_object_set_string_member (object, "applicant", applicant);
          json_object_set_string_member (object, "received", received_iso);
          json_object_set_array_member (object, "deadlines", deadlines_to_json (deadlines));
          json_array_add_object_element (results, object);
        }
      else
        print_review (argv[i], packet, deadlines, received);
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, results);
      sb_tool_print_json (node);
    }
  return exit_code;
}
