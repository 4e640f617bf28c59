/* sb-signature-block.c — a JSON document's signature block: reading it strictly, signing, verifying
 *
 * Shared by packets (sb-packet-signatures.c) and review files
 * (sb-review.c): the block, its limits and its errors are one, so a
 * review is signed and checked exactly as a packet is.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-signature"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-canonical-json.h"
#include "sb-signature-block.h"

/* A signature with a certificate chain of three is about 4 KiB; RSA-8192
 * and long chains stay far below this. */
#define MAX_SIGNATURE_BASE64 (96 * 1024)

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

static gboolean
invalid (const SbJsonErrorKind  *kind,
         int                     code,
         GError                **error,
         const char             *format,
         ...) G_GNUC_PRINTF (4, 5);

static gboolean
invalid (const SbJsonErrorKind  *kind,
         int                     code,
         GError                **error,
         const char             *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, kind->domain (), code, message);
  return FALSE;
}

/* Public API */

GPtrArray *
sb_signature_block_read (const SbJsonErrorKind  *kind,
                         int                     unsupported_code,
                         JsonObject             *root,
                         GError                **error)
{
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  JsonArray *array;
  guint length;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (root != NULL, NULL);

  if (!json_object_has_member (root, SB_SIGNATURE_BLOCK_MEMBER))
    return g_steal_pointer (&signatures);
  if ((array = sb_json_get_array (kind, root, "$", SB_SIGNATURE_BLOCK_MEMBER, SB_JSON_REQUIRED, error)) == NULL)
    return NULL;
  length = json_array_get_length (array);
  if (length == 0)
    {
      invalid (kind, kind->code, error, _("$.signatures: an empty list (an unsigned file has no “signatures”)"));
      return NULL;
    }
  if (length > SB_SIGNATURE_BLOCK_MAX)
    {
      invalid (kind, kind->code, error, _("$.signatures: more than %d signatures"), SB_SIGNATURE_BLOCK_MAX);
      return NULL;
    }

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

      if ((entry = sb_json_node_get_object (kind, json_array_get_element (array, i), path, error)) == NULL ||
          !sb_json_check_members (kind, entry, path, keys, TRUE, error) ||
          (type = sb_json_get_string (kind, entry, path, "type", SB_JSON_REQUIRED, 16, error)) == NULL ||
          (cms = sb_json_get_string (kind, entry, path, "cms", SB_JSON_REQUIRED, MAX_SIGNATURE_BASE64, error)) == NULL)
        return NULL;
      if (!g_str_equal (type, "cms"))
        {
          invalid (kind, unsupported_code, error, _("%s.type: only “cms” signatures are supported"), path);
          return NULL;
        }
      if (!is_base64 (cms))
        {
          invalid (kind, kind->code, error, _("%s.cms: not base64"), path);
          return NULL;
        }
      decoded = g_base64_decode (cms, &decoded_length);
      der = g_bytes_new_take (decoded, decoded_length);
      if (!sb_signature_is_cms (der, &local_error))
        {
          invalid (kind, kind->code, error, "%s.cms: %s", path, local_error->message);
          return NULL;
        }
      g_ptr_array_add (signatures, g_steal_pointer (&der));
    }
  return g_steal_pointer (&signatures);
}

GBytes *
sb_signature_block_signed_content (JsonNode  *root,
                                   GError   **error)
{
  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);

  return sb_canonical_json_serialize_without (root, SB_SIGNATURE_BLOCK_MEMBER, error);
}

GPtrArray *
sb_signature_block_verify (GPtrArray   *signatures,
                           GBytes      *content,
                           const char  *trust_dir,
                           GError     **error)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_signature_free);

  g_return_val_if_fail (signatures != NULL, NULL);
  g_return_val_if_fail (signatures->len == 0 || content != NULL, NULL);

  for (guint i = 0; i < signatures->len; i++)
    {
      g_autoptr(GPtrArray) found = sb_signature_verify (g_ptr_array_index (signatures, i), content, NULL,
                                                        trust_dir, error);

      if (found == NULL)
        return NULL;
      g_ptr_array_extend_and_steal (results, g_steal_pointer (&found));
    }
  return g_steal_pointer (&results);
}

JsonNode *
sb_signature_block_add (const SbJsonErrorKind  *kind,
                        JsonNode               *root,
                        SbSigner               *signer,
                        GError                **error)
{
  g_autoptr(GBytes) content = NULL;
  g_autoptr(GBytes) signature = NULL;
  g_autofree char *encoded = NULL;
  JsonObject *object, *copy, *entry;
  JsonArray *list;
  JsonNode *node;
  GList *members;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (root != NULL && JSON_NODE_HOLDS_OBJECT (root), NULL);
  g_return_val_if_fail (SB_IS_SIGNER (signer), NULL);

  object = json_node_get_object (root);
  if (json_object_has_member (object, SB_SIGNATURE_BLOCK_MEMBER) &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, SB_SIGNATURE_BLOCK_MEMBER)) &&
      json_array_get_length (json_object_get_array_member (object, SB_SIGNATURE_BLOCK_MEMBER)) >= SB_SIGNATURE_BLOCK_MAX)
    {
      invalid (kind, kind->code, error, _("it already carries %d signatures, the most a file may"),
               SB_SIGNATURE_BLOCK_MAX);
      return NULL;
    }

  if ((content = sb_signature_block_signed_content (root, error)) == NULL ||
      (signature = sb_signer_sign (signer, content, SB_SIGNER_INCLUDE_TIME, error)) == NULL)
    return NULL;
  encoded = g_base64_encode (g_bytes_get_data (signature, NULL), g_bytes_get_size (signature));

  /* A new top level over the same values: json_node_copy() would share
   * the root object, and appending to its block would change @root (a
   * packet signed twice in memory would carry the first new signature
   * in the second).  Members keep their order. */
  copy = json_object_new ();
  list = json_array_new ();
  members = json_object_get_members (object);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;

      if (g_str_equal (name, SB_SIGNATURE_BLOCK_MEMBER))
        {
          JsonNode *old_node = json_object_get_member (object, name);
          JsonArray *old = JSON_NODE_HOLDS_ARRAY (old_node) ? json_node_get_array (old_node) : NULL;

          for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
            json_array_add_element (list, json_node_copy (json_array_get_element (old, i)));
          continue;
        }
      json_object_set_member (copy, name, json_node_copy (json_object_get_member (object, name)));
    }
  g_list_free (members);
  entry = json_object_new ();
  json_object_set_string_member (entry, "type", "cms");
  json_object_set_string_member (entry, "cms", encoded);
  json_array_add_object_element (list, entry);
  json_object_set_array_member (copy, SB_SIGNATURE_BLOCK_MEMBER, list);

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (node, copy);
  return node;
}
