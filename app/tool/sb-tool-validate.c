/* sb-tool-validate.c — shenbao-tool validate and shenbao-tool render
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sb-packet.h"
#include "sb-pdf-renderer.h"
#include "sb-pdf-verify.h"
#include "sb-tool.h"

static JsonNode *
checks_to_json (SbPacket *packet)
{
  GPtrArray *checks = sb_packet_get_checks (packet);
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (checks, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "check", sb_tool_check_name (check->kind));
      json_object_set_boolean_member (object, "ok", check->ok);
      json_object_set_string_member (object, "message", check->message);
      json_array_add_object_element (array, object);
    }

  json_node_take_array (node, array);
  return node;
}

JsonObject *
sb_tool_packet_to_json (SbPacket *packet)
{
  SbFormDefinition *definition = sb_packet_get_definition (packet);
  SbValidationReport *report = sb_packet_get_report (packet);
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "reference", sb_packet_get_reference (packet));
  json_object_set_string_member (object, "form", sb_form_definition_get_id (definition));
  json_object_set_string_member (object, "version", sb_form_definition_get_version (definition));
  json_object_set_string_member (object, "status", sb_packet_is_draft (packet) ? "draft" : "final");
  json_object_set_string_member (object, "integrity_hash", sb_packet_get_integrity_hash (packet));
  g_autoptr(GPtrArray) signatures = sb_tool_packet_signatures (packet);

  json_object_set_boolean_member (object, "verified",
                                  sb_packet_is_verified (packet) && sb_tool_signatures_pass (signatures) &&
                                  sb_tool_signature_requirement_met (signatures, NULL));
  json_object_set_member (object, "checks", checks_to_json (packet));
  json_object_set_member (object, "signatures", sb_tool_signatures_to_json (signatures));
  json_object_set_member (object, "findings", sb_validation_report_to_json (report));
  return object;
}

/* The packet's reference, form, state and checks, without the verdict:
 * verify adds checks of its own before it gives one. */
void
sb_tool_print_packet_checks (SbPacket *packet)
{
  SbFormDefinition *definition = sb_packet_get_definition (packet);
  SbValidationReport *report = sb_packet_get_report (packet);
  GPtrArray *checks = sb_packet_get_checks (packet);
  g_autoptr(GPtrArray) signatures = sb_tool_packet_signatures (packet);

  sb_tool_out ("%s  %s %s (%s)", sb_packet_get_reference (packet), sb_form_definition_get_id (definition),
          sb_form_definition_get_version (definition), sb_packet_is_draft (packet) ? "draft" : "final");
  for (guint i = 0; i < checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (checks, i);

      sb_tool_out ("  %-6s %-12s %s", check->ok ? "ok" : "FAILED", sb_tool_check_name (check->kind), check->message);
    }
  sb_tool_print_signatures (signatures, "  ", "signature", "packet");
  sb_tool_out ("  rules now: %u errors, %u warnings, %u notices",
          sb_validation_report_count (report, SB_SEVERITY_ERROR),
          sb_validation_report_count (report, SB_SEVERITY_WARNING),
          sb_validation_report_count (report, SB_SEVERITY_INFO));
}

void
sb_tool_print_packet (SbPacket *packet,
                      gboolean  as_json)
{
  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_take_object (node, sb_tool_packet_to_json (packet));
      sb_tool_print_json (node);
      return;
    }

  sb_tool_print_packet_checks (packet);
  if (!sb_tool_json_packet_verified (packet) && sb_tool_packet_verified (packet))
    sb_tool_print_requirement ("  ");
  sb_tool_out ("%s", sb_tool_json_packet_verified (packet) ? "verified" : "NOT VERIFIED");
}

int
sb_tool_validate (int    argc,
                  char **argv)
{
  gboolean as_json = FALSE;
  g_autofree char *trust = NULL;
  gboolean require_signature = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &trust,
      "Trust the certificate authorities in DIR (PEM files; default $SHENBAO_TRUST_DIR)", "DIR" },
    { "require-signature", 0, 0, G_OPTION_ARG_NONE, &require_signature,
      "Fail unless a signature by a trusted certificate authority's certificate matches", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbPacket) packet = NULL;
  gboolean from_pdf;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "PACKET…",
                              "Check packets (JSON, or PDFs that carry one): the integrity hash, the files, the "
                              "form each was made with, and its rules evaluated again now.",
                              "With several packets each is reported in turn (--json: an array).  Exit status: 0 all "
                              "verified, 1 a check failed, 2 a file is not a readable packet.",
                              entries, &exit_code))
    return exit_code;

  if (argc < 2)
    {
      sb_tool_err ("Usage: shenbao-tool validate [--json] [--trust DIR] PACKET…");
      return SB_TOOL_EXIT_USAGE;
    }
  sb_tool_set_trust_dir (trust);
  sb_tool_set_signature_required (require_signature);

  registry = sb_tool_load_registry ();
  calendar = sb_tool_load_calendar ();

  if (argc > 2)
    {
      g_autoptr(JsonArray) results = json_array_new ();
      int worst = SB_TOOL_EXIT_OK;

      /* Each file on its own: one bad packet never stops the batch. */
      for (int i = 1; i < argc; i++)
        {
          g_autoptr(SbPacket) one = NULL;
          g_autoptr(GError) one_error = NULL;
          g_autoptr(GFile) file = NULL;
          g_autoptr(GPtrArray) pdf_checks = NULL;

          one = sb_tool_read_packet (argv[i], registry, calendar, &from_pdf, &one_error);
          if (one == NULL)
            {
              sb_tool_err ("shenbao-tool validate: %s", one_error->message);
              if (as_json)
                {
                  JsonObject *failure = json_object_new ();

                  json_object_set_string_member (failure, "file", argv[i]);
                  json_object_set_string_member (failure, "error", one_error->message);
                  json_array_add_object_element (results, failure);
                }
              worst = SB_TOOL_EXIT_USAGE;
              continue;
            }

          /* A PDF is verified only as verify would: with its own checks. */
          if (from_pdf)
            {
              file = g_file_new_for_commandline_arg (argv[i]);
              pdf_checks = sb_pdf_verify_file_checks (file, one);
            }
          if (as_json)
            {
              JsonObject *object = pdf_checks ? sb_tool_pdf_packet_to_json (one, pdf_checks)
                                              : sb_tool_packet_to_json (one);

              json_object_set_string_member (object, "file", argv[i]);
              json_array_add_object_element (results, object);
            }
          else
            {
              sb_tool_out ("%s", argv[i]);
              if (pdf_checks)
                sb_tool_print_pdf_packet (one, pdf_checks);
              else
                sb_tool_print_packet (one, FALSE);
            }
          if (!(pdf_checks ? sb_tool_pdf_verified (one, pdf_checks) : sb_tool_json_packet_verified (one)) &&
              worst == SB_TOOL_EXIT_OK)
            worst = SB_TOOL_EXIT_FAILED;
        }

      if (as_json)
        {
          g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

          json_node_set_array (node, results);
          sb_tool_print_json (node);
        }
      return worst;
    }

  packet = sb_tool_open_packet ("validate", argv[1], registry, calendar, &from_pdf);
  if (packet == NULL)
    return SB_TOOL_EXIT_USAGE;

  if (from_pdf)
    return sb_tool_report_pdf_packet (argv[1], packet, as_json);

  sb_tool_print_packet (packet, as_json);
  return sb_tool_json_packet_verified (packet) ? SB_TOOL_EXIT_OK : SB_TOOL_EXIT_FAILED;
}

int
sb_tool_render (int    argc,
                char **argv)
{
  g_autofree char *output = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the PDF here", "OUT.pdf" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  gboolean from_pdf;
  guint n_pages = 0;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "PACKET",
                              "Render a packet as the PDF an office files, with the packet embedded in it.",
                              "The same packet always gives the same bytes.", entries, &exit_code))
    return exit_code;

  if (argc != 2 || output == NULL)
    {
      sb_tool_err ("Usage: shenbao-tool render PACKET -o OUT.pdf");
      return SB_TOOL_EXIT_USAGE;
    }

  registry = sb_tool_load_registry_lazily ();
  calendar = sb_tool_load_calendar ();
  packet = sb_tool_open_packet ("render", argv[1], registry, calendar, &from_pdf);
  if (packet == NULL)
    return SB_TOOL_EXIT_USAGE;

  /* A packet that does not verify is not dressed up as a clean document. */
  if (!sb_packet_is_verified (packet))
    {
      sb_tool_print_packet (packet, FALSE);
      sb_tool_err ("shenbao-tool render: the packet does not verify; not rendering it");
      return SB_TOOL_EXIT_FAILED;
    }

  pdf = sb_pdf_render_from_packet (packet, &n_pages, &error);
  if (pdf == NULL)
    {
      sb_tool_err ("shenbao-tool render: %s", error->message);
      return SB_TOOL_EXIT_FAILED;
    }

  if (!g_file_set_contents_full (output, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, &error))
    {
      sb_tool_err ("shenbao-tool render: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  sb_tool_out ("%s %s (%u pages)", sb_packet_get_reference (packet), output, n_pages);
  return SB_TOOL_EXIT_OK;
}
