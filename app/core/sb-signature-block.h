/* sb-signature-block.h — a JSON document's list of detached CMS signatures
 *
 * Packets and review files carry the same block: "signatures", an
 * optional top-level array of { "type": "cms", "cms": base64 }, each a
 * detached CMS SignedData over the canonical bytes (sb-canonical-json.h)
 * of the document without the block.  Signing therefore changes nothing
 * the document says, each signature stands alone (a second one is
 * appended without touching the first), and a signature moved onto
 * another document, or kept on one edited after it was signed, does not
 * match.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-json-reader.h"
#include "sb-signature.h"
#include "sb-signer.h"

G_BEGIN_DECLS

#define SB_SIGNATURE_BLOCK_MEMBER "signatures"
/* An applicant, a legal representative, an agent, an office: a few. */
#define SB_SIGNATURE_BLOCK_MAX 8

/* The block of @root read strictly: the DER of each signature in order
 * (GBytes*), empty when @root has no block.  NULL with an error of
 * @kind (its domain and code; @unsupported_code for a signature type
 * other than CMS) naming the place when the block is malformed: empty,
 * too long, an entry with other members, lenient base64, not a CMS
 * SignedData. */
GPtrArray *sb_signature_block_read   (const SbJsonErrorKind  *kind,
                                      int                     unsupported_code,
                                      JsonObject             *root,
                                      GError                **error);

/* The bytes the signatures of @root sign: its canonical form without
 * the block.  NULL with an error naming the path of a value the
 * canonical form cannot hold (a number that is not an integer). */
GBytes    *sb_signature_block_signed_content (JsonNode  *root,
                                              GError   **error);

/* Each of @signatures (DER) checked against @content, as SbSignature*
 * (empty for none), against the CA certificates of @trust_dir (may be
 * NULL: nothing is trusted). */
GPtrArray *sb_signature_block_verify (GPtrArray   *signatures,
                                      GBytes      *content,
                                      const char  *trust_dir,
                                      GError     **error);

/* A new tree: @root with one more signature by @signer appended to its
 * block.  @root itself is not changed (the new tree shares its values).
 * Refused, with an error of @kind, when @root carries
 * SB_SIGNATURE_BLOCK_MAX signatures already. */
JsonNode  *sb_signature_block_add    (const SbJsonErrorKind  *kind,
                                      JsonNode               *root,
                                      SbSigner               *signer,
                                      GError                **error);

G_END_DECLS
