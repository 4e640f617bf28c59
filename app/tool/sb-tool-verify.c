/* sb-tool-verify.c — shenbao-tool verify
 *
 * A PDF is trusted only as far as its embedded packet verifies and the PDF
 * is exactly what that packet renders to: one revision, no active content,
 * the packet as its only embedded file, and the same pages as a fresh
 * rendering (sb_pdf_verify_checks(), which review and the GUI use too).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sb-pdf-sign.h"
#include "sb-pdf-verify.h"
#include "sb-review.h"
#include "sb-tool.h"

/* Review files are small (sb-review.c reads at most 16 MiB): a larger
 * file is not read whole just to be told apart from a PDF. */
#define MAX_REVIEW_FILE (16 * 1024 * 1024)

/* The PDF's checks after the packet's, and one "verified" over both:
 * what verify prints, and validate for a PDF. */
gboolean
sb_tool_pdf_verified (SbPacket  *packet,
                      GPtrArray *pdf_checks)
{
  return sb_tool_packet_verified (packet) && sb_pdf_checks_passed (pdf_checks);
}

JsonObject *
sb_tool_pdf_packet_to_json (SbPacket  *packet,
                            GPtrArray *pdf_checks)
{
  JsonObject *object = sb_tool_packet_to_json (packet);
  JsonArray *checks = json_object_get_array_member (object, "checks");

  for (guint i = 0; i < pdf_checks->len; i++)
    {
      SbPdfCheck *pdf_check = g_ptr_array_index (pdf_checks, i);
      JsonObject *check = json_object_new ();

      json_object_set_string_member (check, "check", pdf_check->check);
      json_object_set_boolean_member (check, "ok", pdf_check->ok);
      json_object_set_string_member (check, "message", pdf_check->message);
      json_array_add_object_element (checks, check);
    }
  json_object_set_boolean_member (object, "verified", sb_tool_pdf_verified (packet, pdf_checks));
  return object;
}

static void
sb_tool_print_pdf_packet_checks (SbPacket  *packet,
                                 GPtrArray *pdf_checks)
{
  sb_tool_print_packet_checks (packet);
  for (guint i = 0; i < pdf_checks->len; i++)
    {
      SbPdfCheck *pdf_check = g_ptr_array_index (pdf_checks, i);

      sb_tool_out ("  %-6s %-12s %s", pdf_check->ok ? "ok" : "FAILED", pdf_check->check, pdf_check->message);
    }
}

void
sb_tool_print_pdf_packet (SbPacket  *packet,
                          GPtrArray *pdf_checks)
{
  sb_tool_print_pdf_packet_checks (packet, pdf_checks);
  sb_tool_out ("%s", sb_tool_pdf_verified (packet, pdf_checks) ? "verified" : "NOT VERIFIED");
}


/* Checks the PDF at @path that @packet was read from and prints the
 * packet's checks and the PDF's (one JSON document with @as_json); the
 * exit status.  Shared by verify and validate. */
int
sb_tool_report_pdf_packet (const char *path,
                           SbPacket   *packet,
                           gboolean    as_json)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GPtrArray) pdf_checks = sb_pdf_verify_file_checks (file, packet);
  g_autoptr(GPtrArray) pdf_signatures = sb_tool_pdf_signatures (file);
  g_autoptr(GPtrArray) packet_signatures = sb_tool_packet_signatures (packet);
  gboolean required_met = sb_tool_signature_requirement_met (packet_signatures, pdf_signatures);
  gboolean verified = sb_tool_pdf_verified (packet, pdf_checks) && sb_tool_signatures_pass (pdf_signatures) &&
                      required_met;

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = sb_tool_pdf_packet_to_json (packet, pdf_checks);

      /* One document: the PDF's checks follow the packet's. */
      json_object_set_member (object, "pdf_signatures", sb_tool_signatures_to_json (pdf_signatures));
      json_object_set_boolean_member (object, "verified", verified);
      json_node_take_object (node, object);
      sb_tool_print_json (node);
    }
  else
    {
      sb_tool_print_pdf_packet_checks (packet, pdf_checks);
      sb_tool_print_signatures (pdf_signatures, "  ", "pdf-signer", "PDF");
      if (!required_met)
        sb_tool_print_requirement ("  ");
      sb_tool_out ("%s", verified ? "verified" : "NOT VERIFIED");
    }
  return verified ? SB_TOOL_EXIT_OK : SB_TOOL_EXIT_FAILED;
}

/* The review file at @path, or NULL when it is not one. */
static GBytes *
load_review_file (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                                                 NULL, NULL);
  g_autoptr(GBytes) bytes = NULL;

  if (info == NULL || g_file_info_get_size (info) > MAX_REVIEW_FILE)
    return NULL;
  bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  if (bytes == NULL || !sb_tool_is_review_file (bytes))
    return NULL;
  return g_steal_pointer (&bytes);
}

/* An office's review file: who issued it, in the words and statuses of
 * a packet's signatures.  It verifies when no signature claims anything
 * untrue (and, with --require-signature, one is trusted). */
static int
verify_review (const char     *path,
               GBytes         *bytes,
               SbFormRegistry *registry,
               gboolean        as_json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbReview) review = sb_review_load (registry, bytes, &error);
  g_autoptr(GPtrArray) signatures = NULL;
  gboolean required_met, verified;

  if (review == NULL)
    {
      sb_tool_err ("shenbao-tool verify: %s: %s", path, error->message);
      return SB_TOOL_EXIT_USAGE;
    }
  signatures = sb_review_verify_signatures (review, sb_tool_get_trust_dir (), &error);
  if (signatures == NULL)
    {
      /* The reader has parsed every signature: only memory fails here. */
      sb_tool_err ("shenbao-tool verify: %s: %s", path, error->message);
      return SB_TOOL_EXIT_FAILED;
    }
  required_met = sb_tool_signature_requirement_met (signatures, NULL);
  verified = sb_tool_signatures_pass (signatures) && required_met;

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "file", path);
      json_object_set_string_member (object, "kind", "review");
      json_object_set_string_member (object, "packet_reference", sb_review_get_packet_reference (review));
      json_object_set_string_member (object, "packet_hash", sb_review_get_packet_hash (review));
      json_object_set_member (object, "signatures", sb_tool_signatures_to_json (signatures));
      json_object_set_boolean_member (object, "signature_required_met", required_met);
      json_object_set_boolean_member (object, "verified", verified);
      json_node_take_object (node, object);
      sb_tool_print_json (node);
    }
  else
    {
      sb_tool_out ("%s: the review of packet %s", path, sb_review_get_packet_reference (review));
      sb_tool_print_signatures (signatures, "  ", "signature", "review");
      if (!required_met)
        sb_tool_print_requirement ("  ");
      sb_tool_out ("%s", verified ? "verified" : "NOT VERIFIED");
    }
  return verified ? SB_TOOL_EXIT_OK : SB_TOOL_EXIT_FAILED;
}

int
sb_tool_verify (int    argc,
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
  g_autoptr(GBytes) review = NULL;
  gboolean from_pdf = FALSE;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "OUT.pdf|REVIEW.sbreview.json",
                              "Verify a PDF packet: the embedded packet's integrity, files and rules, and that the "
                              "PDF is exactly what that packet renders to (one revision, no scripts or actions, the "
                              "packet its only embedded file, the same pages).  Of an office's review file: who "
                              "signed it.",
                              "Exit status: 0 verified, 1 altered or not matching, 2 not a readable PDF packet.",
                              entries, &exit_code))
    return exit_code;

  if (argc != 2)
    {
      sb_tool_err ("Usage: shenbao-tool verify [--json] [--trust DIR] OUT.pdf|REVIEW.sbreview.json");
      return SB_TOOL_EXIT_USAGE;
    }
  sb_tool_set_trust_dir (trust);
  sb_tool_set_signature_required (require_signature);

  registry = sb_tool_load_registry ();
  if ((review = load_review_file (argv[1])) != NULL)
    return verify_review (argv[1], review, registry, as_json);
  calendar = sb_tool_load_calendar ();
  packet = sb_tool_open_packet ("verify", argv[1], registry, calendar, &from_pdf);
  if (packet == NULL)
    return SB_TOOL_EXIT_USAGE;
  if (!from_pdf)
    {
      sb_tool_err ("shenbao-tool verify: %s is not a PDF (use “shenbao-tool validate” for JSON packets)", argv[1]);
      return SB_TOOL_EXIT_USAGE;
    }

  return sb_tool_report_pdf_packet (argv[1], packet, as_json);
}
