/* sb-packet-signatures.h — who signed a packet
 *
 * The block is described in data/schemas/packet.schema.json
 * ("signatures").  Reading a packet refuses a malformed block; whether a
 * signature matches and whom it names is asked here, with the trust
 * folder of whoever reads.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "sb-packet.h"
#include "sb-signature.h"
#include "sb-signer.h"

G_BEGIN_DECLS

/* 0 for an unsigned packet. */
guint      sb_packet_get_n_signatures  (SbPacket    *self);

/* Each signature checked (SbSignature*, empty for an unsigned packet),
 * against @trust_dir (may be NULL: nothing is trusted). */
GPtrArray *sb_packet_verify_signatures (SbPacket    *self,
                                        const char  *trust_dir,
                                        GError     **error);

/* The packet's canonical bytes with one more signature, by @signer.
 * Refused for a packet whose integrity check failed. */
GBytes    *sb_packet_sign              (SbPacket    *self,
                                        SbSigner    *signer,
                                        GError     **error);

G_END_DECLS
