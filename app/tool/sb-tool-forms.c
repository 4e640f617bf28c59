/* sb-tool-forms.c — shenbao-tool forms
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>

#include "sb-date.h"
#include "sb-tool.h"

int
sb_tool_forms (int    argc,
               char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(JsonArray) array = json_array_new ();
  GPtrArray *definitions;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, NULL, "List the installed forms: id, version, title and the "
                              "period in which their regulation is in force.", NULL, entries, &exit_code))
    return exit_code;

  registry = sb_tool_load_registry ();
  definitions = sb_form_registry_get_all (registry);

  for (guint i = 0; i < definitions->len; i++)
    {
      SbFormDefinition *definition = g_ptr_array_index (definitions, i);
      const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
      g_autofree char *from = sb_date_to_string (regulation->effective_from);
      g_autofree char *until = regulation->effective_until ? sb_date_to_string (regulation->effective_until) : NULL;

      if (as_json)
        {
          JsonObject *object = json_object_new ();

          json_object_set_string_member (object, "id", sb_form_definition_get_id (definition));
          json_object_set_string_member (object, "version", sb_form_definition_get_version (definition));
          json_object_set_string_member (object, "title", sb_form_definition_get_title (definition)->zh_CN);
          json_object_set_string_member (object, "document_no", regulation->document_no);
          json_object_set_string_member (object, "effective_from", from);
          if (until != NULL)
            json_object_set_string_member (object, "effective_until", until);
          else
            json_object_set_null_member (object, "effective_until");
          json_object_set_string_member (object, "sha256", sb_form_definition_get_sha256 (definition));
          json_array_add_object_element (array, object);
        }
      else
        {
          sb_tool_out ("%-12s %-8s %s", sb_form_definition_get_id (definition),
                  sb_form_definition_get_version (definition),
                  sb_text_get (sb_form_definition_get_title (definition)));
          sb_tool_out ("%-12s %-8s %s, in force %s – %s", "", "", regulation->document_no, from,
                  until ? until : "(no end date)");
        }
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, array);
      sb_tool_print_json (node);
    }

  return SB_TOOL_EXIT_OK;
}
