/* sb-tool-signatures.c — how validate, verify and review report signatures
 *
 * Each signature on its own line, in words that say what was proved.  A
 * signature that does not match, or whose certificate was not valid
 * when it signed, fails the packet: it claims something untrue.  An
 * unknown issuer does not (the office decides whom it trusts, and says
 * so with --trust), and neither does an unsigned packet, unless the
 * office requires a trusted signature (--require-signature).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <string.h>

#include "sb-packet-signatures.h"
#include "sb-pdf-sign.h"
#include "sb-tool.h"

static char *trust_dir;
static gboolean signature_required;

/* Auxiliary functions */

static const char *
status_name (SbSignatureStatus status)
{
  switch (status)
    {
    case SB_SIGNATURE_TRUSTED:
      return "trusted";
    case SB_SIGNATURE_UNKNOWN_ISSUER:
      return "unknown-issuer";
    case SB_SIGNATURE_CERTIFICATE_INVALID:
      return "certificate-not-valid";
    case SB_SIGNATURE_REVOKED:
      return "revoked";
    case SB_SIGNATURE_MISMATCH:
    default:
      return "mismatch";
    }
}

/* Public API */

/* The trust folder the office chose in the application's preferences,
 * so that its scripts trust what its reviewers' windows trust; "" when
 * none, or when the application's settings are not installed here (a
 * tool copied to a server without them still runs). */
static char *
dup_trust_preference (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = source != NULL ? g_settings_schema_source_lookup (source, BASE_APP_ID, TRUE)
                                                     : NULL;
  g_autoptr(GSettings) settings = NULL;

  if (schema == NULL || !g_settings_schema_has_key (schema, "trust-folder"))
    return g_strdup ("");
  settings = g_settings_new_full (schema, NULL, NULL);
  return g_settings_get_string (settings, "trust-folder");
}

/* --trust DIR, else what the application decides
 * (sb_signature_choose_trust_dir(): $SHENBAO_TRUST_DIR, else the
 * preference). */
void
sb_tool_set_trust_dir (const char *dir)
{
  g_autofree char *preference = NULL;

  g_free (trust_dir);
  if (dir != NULL)
    {
      trust_dir = g_strdup (dir);
      return;
    }
  preference = dup_trust_preference ();
  trust_dir = g_strdup (sb_signature_choose_trust_dir (preference, NULL));
}

const char *
sb_tool_get_trust_dir (void)
{
  if (trust_dir == NULL)
    sb_tool_set_trust_dir (NULL);
  return trust_dir;
}

/* Why @signatures make a packet untrue ("; " between), appended to
 * @problem: the ones that fail, as sb_signature_describe() says it. */
void
sb_tool_append_signature_failures (GString   *problem,
                                   GPtrArray *signatures,
                                   const char *what)
{
  for (guint i = 0; signatures != NULL && i < signatures->len; i++)
    {
      SbSignature *signature = g_ptr_array_index (signatures, i);
      g_autofree char *text = NULL;

      if (!sb_signature_status_fails (signature->status))
        continue;
      text = sb_signature_describe (signature);
      g_string_append_printf (problem, "%s%s: %s", problem->len > 0 ? "; " : "", what, text);
    }
}

GPtrArray *
sb_tool_packet_signatures (SbPacket *packet)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *signatures = sb_packet_verify_signatures (packet, sb_tool_get_trust_dir (), &error);

  /* The reader has parsed every signature: only memory fails here. */
  if (signatures == NULL)
    {
      sb_tool_err ("shenbao-tool: %s", error->message);
      signatures = g_ptr_array_new ();
    }
  return signatures;
}

void
sb_tool_set_signature_required (gboolean required)
{
  signature_required = required;
}

gboolean
sb_tool_signatures_pass (GPtrArray *signatures)
{
  for (guint i = 0; i < signatures->len; i++)
    if (sb_signature_status_fails (((SbSignature *) g_ptr_array_index (signatures, i))->status))
      return FALSE;
  return TRUE;
}

gboolean
sb_tool_signature_requirement_met (GPtrArray *signatures,
                                   GPtrArray *more)
{
  GPtrArray *lists[] = { signatures, more };

  if (!signature_required)
    return TRUE;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; lists[l] != NULL && i < lists[l]->len; i++)
      if (((SbSignature *) g_ptr_array_index (lists[l], i))->status == SB_SIGNATURE_TRUSTED)
        return TRUE;
  return FALSE;
}

void
sb_tool_print_requirement (const char *indent)
{
  sb_tool_out ("%s%-*s %-12s no signature is by a trusted certificate, and one is required (--require-signature)",
               indent, strlen (indent) > 2 ? 7 : 6, "FAILED", "signature");
}

gboolean
sb_tool_packet_verified (SbPacket *packet)
{
  g_autoptr(GPtrArray) signatures = sb_tool_packet_signatures (packet);

  return sb_packet_is_verified (packet) && sb_tool_signatures_pass (signatures);
}

gboolean
sb_tool_json_packet_verified (SbPacket *packet)
{
  g_autoptr(GPtrArray) signatures = sb_tool_packet_signatures (packet);

  return sb_tool_packet_verified (packet) && sb_tool_signature_requirement_met (signatures, NULL);
}

void
sb_tool_print_signatures (GPtrArray  *signatures,
                          const char *indent,
                          const char *column,
                          const char *what)
{
  /* The status column as wide as the checks' above it. */
  int width = strlen (indent) > 2 ? 7 : 6;

  if (signatures->len == 0)
    sb_tool_out ("%s%-*s %-12s unsigned: nothing says who made the %s", indent, width, "note", column, what);
  for (guint i = 0; i < signatures->len; i++)
    {
      SbSignature *signature = g_ptr_array_index (signatures, i);
      g_autofree char *text = sb_signature_describe (signature);

      sb_tool_out ("%s%-*s %-12s %s", indent, width,
                   sb_signature_status_fails (signature->status) ? "FAILED" : signature->status == SB_SIGNATURE_TRUSTED ? "ok" : "note",
                   column, text);
    }
}

GPtrArray *
sb_tool_pdf_signatures (GFile *file)
{
  g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
  g_autoptr(GPtrArray) found = bytes != NULL ? sb_pdf_read_signatures (bytes, sb_tool_get_trust_dir (), NULL) : NULL;
  GPtrArray *signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_signature_free);

  /* One that cannot be read is a failed pdf-signed check already. */
  for (guint i = 0; found != NULL && i < found->len; i++)
    {
      SbPdfSignature *signature = g_ptr_array_index (found, i);

      g_ptr_array_add (signatures, g_steal_pointer (&signature->signature));
    }
  return signatures;
}

JsonNode *
sb_tool_signatures_to_json (GPtrArray *signatures)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < signatures->len; i++)
    {
      SbSignature *signature = g_ptr_array_index (signatures, i);
      JsonObject *object = json_object_new ();
      g_autofree char *text = sb_signature_describe (signature);

      json_object_set_string_member (object, "status", status_name (signature->status));
      json_object_set_string_member (object, "signer", signature->name);
      json_object_set_string_member (object, "organisation", signature->organisation);
      if (signature->credit_code != NULL)
        json_object_set_string_member (object, "credit_code", signature->credit_code);
      json_object_set_string_member (object, "issuer", signature->issuer);
      if (signature->signing_time != NULL)
        {
          g_autofree char *time = g_date_time_format_iso8601 (signature->signing_time);

          json_object_set_string_member (object, "signing_time", time);
        }
      json_object_set_string_member (object, "message", text);
      json_array_add_object_element (array, object);
    }
  json_node_take_array (node, array);
  return node;
}
