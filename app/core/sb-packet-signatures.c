/* sb-packet-signatures.c — the packet's signature block: reading it strictly, signing, verifying
 *
 * "signatures" is an optional top-level array of { "type": "cms",
 * "cms": base64 }, each a detached CMS SignedData over the canonical
 * bytes of the packet without "signatures" (its integrity block
 * included).  The integrity hash leaves the block out, so signing never
 * changes the hash, and each signature stands alone: a second one is
 * appended without touching the first.  The block is the one review
 * files carry too (sb-signature-block.c).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-packet"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-canonical-json.h"
#include "sb-json-reader.h"
#include "sb-packet-private.h"
#include "sb-packet-signatures.h"
#include "sb-signature-block.h"

G_STATIC_ASSERT (sizeof SB_PACKET_SIGNATURES_MEMBER == sizeof SB_SIGNATURE_BLOCK_MEMBER);

/* Private API */

gboolean
sb_packet_read_signatures (SbPacket    *self,
                           JsonObject  *root,
                           GError     **error)
{
  g_autoptr(GPtrArray) signatures = sb_signature_block_read (&sb_packet_json, SB_PACKET_ERROR_UNSUPPORTED, root,
                                                             error);

  if (signatures == NULL)
    return FALSE;
  g_ptr_array_extend_and_steal (self->signatures, g_steal_pointer (&signatures));
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
  g_autoptr(GBytes) content = NULL;

  g_return_val_if_fail (SB_IS_PACKET (self), NULL);

  if (self->signatures->len > 0 && (content = sb_signature_block_signed_content (self->root, error)) == NULL)
    return NULL;
  return sb_signature_block_verify (self->signatures, content, trust_dir, error);
}

GBytes *
sb_packet_sign (SbPacket  *self,
                SbSigner  *signer,
                GError   **error)
{
  g_autoptr(JsonNode) root = NULL;

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

  if ((root = sb_signature_block_add (&sb_packet_json, self->root, signer, error)) == NULL)
    return NULL;
  return sb_canonical_json_serialize (root, error);
}
