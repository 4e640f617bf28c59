/* sb-tool-draft.c — shenbao-tool draft
 *
 * Answers from elsewhere (another system, a spreadsheet export) as a draft
 * the application opens: the person then checks and finishes it in the
 * wizard.  The draft is written as a file; opening it in Shenbao imports it.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>

#include "sb-draft-store.h"
#include "sb-draft.h"
#include "sb-date.h"
#include "sb-tool.h"

int
sb_tool_draft (int    argc,
               char **argv)
{
  g_autofree char *form_id = NULL;
  g_autofree char *output = NULL;
  g_autofree char *created = NULL;
  const GOptionEntry entries[] = {
    { "form", 'f', 0, G_OPTION_ARG_STRING, &form_id, "The form (see “shenbao-tool forms”)", "ID" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the draft here", "DRAFT.sbdraft.json" },
    { "created", 0, 0, G_OPTION_ARG_STRING, &created, "When the draft was made (default: now)", "ISO-8601" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "ANSWERS.json",
                              "Make a draft from an answers object (a JSON object keyed by field id), to open and "
                              "finish in Shenbao.",
                              "Exit status: 0 written, 2 unusable input or the file could not be written.",
                              entries, &exit_code))
    return exit_code;

  if (form_id == NULL || output == NULL || argc != 2)
    {
      sb_tool_err ("Usage: shenbao-tool draft --form ID -o DRAFT.sbdraft.json ANSWERS.json");
      return SB_TOOL_EXIT_USAGE;
    }

  registry = sb_tool_load_registry ();
  definition = sb_form_registry_lookup (registry, form_id, 0);
  if (definition == NULL)
    {
      sb_tool_err ("shenbao-tool draft: no form “%s” is installed (see “shenbao-tool forms”)", form_id);
      return SB_TOOL_EXIT_USAGE;
    }

  object = sb_tool_read_json_object (argv[1], &error);
  if (object == NULL)
    {
      sb_tool_err ("shenbao-tool draft: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  if (created == NULL)
    created = sb_date_now_timestamp ();

  draft = sb_draft_new (definition, created);
  sb_answers_set_json (sb_draft_get_answers (draft), object);
  file = g_file_new_for_commandline_arg (output);
  if (!sb_draft_export (draft, file, &error))
    {
      sb_tool_err ("shenbao-tool draft: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  sb_tool_out ("%s %s", sb_draft_get_id (draft), output);
  return SB_TOOL_EXIT_OK;
}
