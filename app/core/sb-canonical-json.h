/* sb-canonical-json.h — one byte sequence per JSON value (RFC 8785 subset)
 *
 * Object members sorted by their UTF-16 code units, no insignificant
 * whitespace, strings escaped minimally, integers only: the form the
 * integrity hash covers and the form packets are written in, so a packet
 * read and written again is the same bytes.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* NULL with an error naming the JSON path when @node holds a number that is
 * not an integer (decimals travel as strings). */
GBytes *sb_canonical_json_serialize (JsonNode  *node,
                                     GError   **error);

/* The same, leaving out the top-level @member of the object @node holds
 * (what the integrity hash covers), without copying the rest. */
GBytes *sb_canonical_json_serialize_without (JsonNode    *node,
                                             const char  *member,
                                             GError     **error);

#define SB_SHA256_DIGEST_SIZE 32

/* The SHA-256 of the canonical form of @node without the top-level
 * @members (NULL or a NULL-terminated list), made while serializing (the
 * bytes are never whole in memory).  With
 * @part_members, also the SHA-256 of the object that only those top-level
 * members of @node would make, into @part_digest, from the same pass.
 * FALSE with the same error as the serialization. */
gboolean sb_canonical_json_sha256_without (JsonNode           *node,
                                           const char * const *members,
                                           const char * const *part_members,
                                           guint8              digest[SB_SHA256_DIGEST_SIZE],
                                           guint8              part_digest[SB_SHA256_DIGEST_SIZE],
                                           GError            **error);

/* The same digests from a text that is already canonical, without
 * serializing: @canonical_members are its root's members as
 * sb_json_parse_untrusted_with_members() found them in @data. */
void     sb_canonical_json_sha256_of_text (const char         *data,
                                           GArray             *canonical_members,
                                           const char * const *members,
                                           const char * const *part_members,
                                           guint8              digest[SB_SHA256_DIGEST_SIZE],
                                           guint8              part_digest[SB_SHA256_DIGEST_SIZE]);

/* SHA-256 by nettle, which uses the processor's SHA instructions where it
 * has them (about ten times GLib's GChecksum on this work). */
void sb_sha256 (gconstpointer data,
                gsize         length,
                guint8        digest[SB_SHA256_DIGEST_SIZE]);

/* Lowercase hexadecimal, as GChecksum gives it. */
char *sb_sha256_hex (const guint8 digest[SB_SHA256_DIGEST_SIZE]);

G_END_DECLS
