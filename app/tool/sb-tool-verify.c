/* sb-tool-verify.c — shenbao-tool verify
 *
 * A PDF is trusted only as far as its embedded packet verifies and its
 * pages show that same packet: the reference number and the integrity hash
 * printed on the cover must be the embedded packet's.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "sb-pdf-cover.h"
#include "sb-tool.h"

/* The cover's text with all white space removed (a hash may be broken
 * over lines).  Shared with review. */
char *
sb_tool_pdf_cover_text (const char  *path,
                        GError     **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  return sb_pdf_cover_text (file, error);
}

static JsonObject *
page_check (gboolean    ok,
            const char *what,
            const char *ok_message,
            const char *failed_message)
{
  JsonObject *check = json_object_new ();

  json_object_set_string_member (check, "check", "pages");
  json_object_set_string_member (check, "shows", what);
  json_object_set_boolean_member (check, "ok", ok);
  json_object_set_string_member (check, "message", ok ? ok_message : failed_message);
  return check;
}

int
sb_tool_verify (int    argc,
                char **argv)
{
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean from_pdf = FALSE;
  gboolean shows_reference, shows_hash, verified;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "OUT.pdf",
                              "Verify a PDF packet: the embedded packet's integrity, files and rules, and that the "
                              "pages show that packet's reference number and integrity hash.",
                              "Exit status: 0 verified, 1 altered or not matching, 2 not a readable PDF packet.",
                              entries, &exit_code))
    return exit_code;

  if (argc != 2)
    {
      sb_tool_err ("Usage: shenbao-tool verify [--json] OUT.pdf");
      return SB_TOOL_EXIT_USAGE;
    }

  registry = sb_tool_load_registry ();
  calendar = sb_tool_load_calendar ();
  packet = sb_tool_read_packet (argv[1], registry, calendar, &from_pdf, &error);
  if (packet == NULL)
    {
      sb_tool_err ("shenbao-tool verify: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }
  if (!from_pdf)
    {
      sb_tool_err ("shenbao-tool verify: %s is not a PDF (use “shenbao-tool validate” for JSON packets)", argv[1]);
      return SB_TOOL_EXIT_USAGE;
    }

  text = sb_tool_pdf_cover_text (argv[1], &error);
  if (text == NULL)
    {
      sb_tool_err ("shenbao-tool verify: %s: %s", argv[1], error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  shows_reference = strstr (text, sb_packet_get_reference (packet)) != NULL;
  shows_hash = strstr (text, sb_packet_get_integrity_hash (packet)) != NULL;
  verified = sb_packet_is_verified (packet) && shows_reference && shows_hash;

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = sb_tool_packet_to_json (packet);
      JsonArray *checks = json_object_get_array_member (object, "checks");

      /* One document: the pages are two more checks, and "verified" covers them. */
      json_array_add_object_element (checks, page_check (shows_reference, "reference",
                                                         "the cover shows the packet's reference number",
                                                         "the cover does not show the embedded packet's reference number"));
      json_array_add_object_element (checks, page_check (shows_hash, "hash",
                                                         "the cover shows the packet's integrity hash",
                                                         "the cover does not show the embedded packet's integrity hash: "
                                                         "the PDF and its packet differ"));
      json_object_set_boolean_member (object, "verified", verified);
      json_node_take_object (node, object);
      sb_tool_print_json (node);
    }
  else
    {
      sb_tool_print_packet_checks (packet);
      sb_tool_out ("  %-6s %-12s %s", shows_reference ? "ok" : "FAILED", "pages",
              shows_reference ? "the cover shows the packet's reference number"
                              : "the cover does not show the embedded packet's reference number");
      sb_tool_out ("  %-6s %-12s %s", shows_hash ? "ok" : "FAILED", "pages",
              shows_hash ? "the cover shows the packet's integrity hash"
                         : "the cover does not show the embedded packet's integrity hash: the PDF and its packet differ");
      sb_tool_out ("%s", verified ? "verified" : "NOT VERIFIED");
    }

  return verified ? SB_TOOL_EXIT_OK : SB_TOOL_EXIT_FAILED;
}
