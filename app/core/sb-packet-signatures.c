/* sb-packet-signatures.c — the packet's signature block: reading it strictly, signing, verifying
 *
 * "signatures" is an optional top-level array of { "type": "cms",
 * "cms": base64 }, each a detached CMS SignedData over the canonical
 * bytes of the packet without "signatures" (its integrity block
 * included).  The integrity hash leaves the block out, so signing never
 * changes the hash, and each signature stands alone: a second one is
 * appended without touching the first.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-packet"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-canonical-json.h"
#include "sb-json-reader.h"
#include "sb-packet-private.h"
#include "sb-packet-signatures.h"

/* A signature with a certificate chain of three is about 4 KiB; RSA-8192
 * and long chains stay far below this. */
#define MAX_SIGNATURE_BASE64 (96 * 1024)
/* An applicant, a legal representative, an agent: a few. */
#define MAX_SIGNATURES 8

/* Auxiliary functions */

/* Strict base64 (RFC 4648 §4): GLib's decoder skips what is not base64,
 * so two different strings would carry the same signature. */
static gboolean
is_base64 (const char *text)
{
  gsize length = strlen (text), padding = 0;

  if (length == 0 || length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      char c = text[i];

      if (c == '=')
        {
          if (i < length - 2)
            return FALSE;
          padding++;
        }
      else if (padding > 0 || !(g_ascii_isalnum (c) || c == '+' || c == '/'))
        return FALSE;
    }
  return TRUE;
}

/* The bytes each signature signs. */
static GBytes *
signed_content (JsonNode  *root,
                GError   **error)
{
  return sb_canonical_json_serialize_without (root, SB_PACKET_SIGNATURES_MEMBER, error);
}

/* Private API */

gboolean
sb_packet_read_signatures (SbPacket    *self,
                           JsonObject  *root,
                           GError     **error)
{
  JsonArray *array;
  guint length;

  if (!json_object_has_member (root, SB_PACKET_SIGNATURES_MEMBER))
    return TRUE;
  if ((array = sb_json_get_array (&sb_packet_json, root, "$", SB_PACKET_SIGNATURES_MEMBER, SB_JSON_REQUIRED,
                                  error)) == NULL)
    return FALSE;
  length = json_array_get_length (array);
  if (length == 0)
    return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID,
                              _("$.signatures: an empty list (an unsigned packet has no “signatures”)"));
  if (length > MAX_SIGNATURES)
    return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("$.signatures: more than %d signatures"),
                              MAX_SIGNATURES);

  for (guint i = 0; i < length; i++)
    {
      static const char *keys[] = { "type", "cms", NULL };
      g_autofree char *path = sb_json_path_index ("$.signatures", i);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GBytes) der = NULL;
      JsonObject *entry;
      const char *type, *cms;
      guchar *decoded;
      gsize decoded_length;

      if ((entry = sb_json_node_get_object (&sb_packet_json, json_array_get_element (array, i), path, error)) == NULL ||
          !sb_json_check_members (&sb_packet_json, entry, path, keys, TRUE, error) ||
          (type = sb_json_get_string (&sb_packet_json, entry, path, "type", SB_JSON_REQUIRED, 16, error)) == NULL ||
          (cms = sb_json_get_string (&sb_packet_json, entry, path, "cms", SB_JSON_REQUIRED, MAX_SIGNATURE_BASE64,
                                     error)) == NULL)
        return FALSE;
      if (!g_str_equal (type, "cms"))
        return sb_packet_invalid (error, SB_PACKET_ERROR_UNSUPPORTED,
                                  _("%s.type: only “cms” signatures are supported"), path);
      if (!is_base64 (cms))
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s.cms: not base64"), path);
      decoded = g_base64_decode (cms, &decoded_length);
      der = g_bytes_new_take (decoded, decoded_length);
      if (!sb_signature_is_cms (der, &local_error))
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, "%s.cms: %s", path, local_error->message);
      g_ptr_array_add (self->signatures, g_steal_pointer (&der));
    }
  return TRUE;
}

/* Public API */

guint
sb_packet_get_n_signatures (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), 0);

  return self->signatures->len;
}

GPtrArray *
sb_packet_verify_signatures (SbPacket    *self,
                             const char  *trust_dir,
                             GError     **error)
{
  g_autoptr(GPtrArray) results = NULL;
  g_autoptr(GBytes) content = NULL;

  g_return_val_if_fail (SB_IS_PACKET (self), NULL);

  results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_signature_free);
  if (self->signatures->len == 0)
    return g_steal_pointer (&results);
  if ((content = signed_content (self->root, error)) == NULL)
    return NULL;

  for (guint i = 0; i < self->signatures->len; i++)
    {
      g_autoptr(GPtrArray) found = sb_signature_verify (g_ptr_array_index (self->signatures, i), content, NULL,
                                                        trust_dir, error);

      if (found == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (results, g_steal_pointer (&found));
    }
  return g_steal_pointer (&results);
}

GBytes *
sb_packet_sign (SbPacket  *self,
                SbSigner  *signer,
                GError   **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *encoded = NULL;
  JsonObject *object, *entry;
  JsonArray *list;

  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  g_return_val_if_fail (SB_IS_SIGNER (signer), NULL);

  /* A signature vouches for what it signs: never for a packet whose
   * content no longer matches its own hash. */
  for (guint i = 0; i < self->checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (self->checks, i);

      if (check->kind == SB_PACKET_CHECK_INTEGRITY && !check->ok)
        {
          g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID,
                       _("the packet is not signed: %s"), check->message);
          return NULL;
        }
    }
  if (self->signatures->len >= MAX_SIGNATURES)
    {
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID,
                   _("the packet already carries %d signatures, the most it may"), MAX_SIGNATURES);
      return NULL;
    }

  if ((content = signed_content (self->root, error)) == NULL ||
      (signature = sb_signer_sign (signer, content, SB_SIGNER_INCLUDE_TIME, error)) == NULL)
    return NULL;
  encoded = g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));

  root = json_node_copy (self->root);
  object = json_node_get_object (root);
  if (!json_object_has_member (object, SB_PACKET_SIGNATURES_MEMBER))
    json_object_set_array_member (object, SB_PACKET_SIGNATURES_MEMBER, json_array_new ());
  list = json_object_get_array_member (object, SB_PACKET_SIGNATURES_MEMBER);
  entry = json_object_new ();
  json_object_set_string_member (entry, "type", "cms");
  json_object_set_string_member (entry, "cms", encoded);
  json_array_add_object_element (list, entry);

  return sb_canonical_json_serialize (root, error);
}
