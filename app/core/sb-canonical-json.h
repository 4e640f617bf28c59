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

G_END_DECLS
