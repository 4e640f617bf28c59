/* sb-tool-diff.c — shenbao-tool diff
 *
 * A resubmitted packet beside the earlier one: every answer that changed,
 * every table row added or removed, as a reviewer reads them.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>

#include "sb-answers-diff.h"
#include "sb-tool.h"

static const char *
kind_name (SbChangeKind kind)
{
  switch (kind)
    {
    case SB_CHANGE_ROW_ADDED:
      return "row-added";
    case SB_CHANGE_ROW_REMOVED:
      return "row-removed";
    case SB_CHANGE_CHANGED:
    default:
      return "changed";
    }
}

int
sb_tool_diff (int    argc,
              char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the changes as a JSON array", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbPacket) before = NULL;
  g_autoptr(SbPacket) after = NULL;
  g_autoptr(GPtrArray) changes = NULL;
  gboolean from_pdf;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "EARLIER LATER",
                              "Show what changed between two packets of the same application (a resubmission "
                              "after a one-time notice): every answer, every table cell, rows added or removed.",
                              "Exit status: 0 no difference, 1 differences found, 2 unusable input.",
                              entries, &exit_code))
    return exit_code;

  if (argc != 3)
    {
      sb_tool_err ("Usage: shenbao-tool diff [--json] EARLIER LATER");
      return SB_TOOL_EXIT_USAGE;
    }

  registry = sb_tool_load_registry ();
  calendar = sb_tool_load_calendar ();
  before = sb_tool_open_packet ("diff", argv[1], registry, calendar, &from_pdf);
  if (before != NULL)
    after = sb_tool_open_packet ("diff", argv[2], registry, calendar, &from_pdf);
  if (before == NULL || after == NULL)
    return SB_TOOL_EXIT_USAGE;
  if (!g_str_equal (sb_form_definition_get_id (sb_packet_get_definition (before)),
                    sb_form_definition_get_id (sb_packet_get_definition (after))))
    {
      sb_tool_err ("shenbao-tool diff: the packets are of different procedures (%s and %s)",
               sb_form_definition_get_id (sb_packet_get_definition (before)),
               sb_form_definition_get_id (sb_packet_get_definition (after)));
      return SB_TOOL_EXIT_USAGE;
    }

  changes = sb_answers_diff (sb_packet_get_answers (before), sb_packet_get_answers (after));

  if (as_json)
    {
      g_autoptr(JsonArray) array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      for (guint i = 0; i < changes->len; i++)
        {
          SbAnswerChange *change = g_ptr_array_index (changes, i);
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "kind", kind_name (change->kind));
          json_object_set_string_member (object, "field", change->field->id);
          if (change->row >= 0)
            json_object_set_int_member (object, "row", change->row);
          if (change->column != NULL)
            json_object_set_string_member (object, "column", change->column->id);
          json_object_set_string_member (object, "before", change->before);
          json_object_set_string_member (object, "after", change->after);
          json_array_add_object_element (array, object);
        }
      json_node_set_array (node, array);
      sb_tool_print_json (node);
    }
  else
    {
      sb_tool_out ("%s → %s: %u change%s", sb_packet_get_reference (before), sb_packet_get_reference (after),
              changes->len, changes->len == 1 ? "" : "s");
      for (guint i = 0; i < changes->len; i++)
        {
          SbAnswerChange *change = g_ptr_array_index (changes, i);
          const char *label = sb_text_get (&change->field->label);

          if (change->kind == SB_CHANGE_ROW_ADDED)
            sb_tool_out ("  + %s, row %d: %s", label, change->row + 1, change->after);
          else if (change->kind == SB_CHANGE_ROW_REMOVED)
            sb_tool_out ("  - %s, row %d: %s", label, change->row + 1, change->before);
          else if (change->column != NULL)
            sb_tool_out ("  ~ %s, row %d, %s: %s → %s", label, change->row + 1, sb_text_get (&change->column->label),
                    *change->before ? change->before : "(blank)", *change->after ? change->after : "(blank)");
          else
            sb_tool_out ("  ~ %s: %s → %s", label, *change->before ? change->before : "(blank)",
                    *change->after ? change->after : "(blank)");
        }
    }

  return changes->len == 0 ? SB_TOOL_EXIT_OK : SB_TOOL_EXIT_FAILED;
}
