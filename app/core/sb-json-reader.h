/* sb-json-reader.h — parsing JSON that came from somebody else
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define SB_JSON_READER_ERROR (sb_json_reader_error_quark ())

typedef enum {
  SB_JSON_READER_ERROR_TOO_LARGE,
  SB_JSON_READER_ERROR_TOO_DEEP,
  SB_JSON_READER_ERROR_NOT_UTF8,
  SB_JSON_READER_ERROR_SYNTAX,
} SbJsonReaderError;

GQuark    sb_json_reader_error_quark (void);

/* Parses @data into a mutable tree.  json-glib's parser recurses once per
 * level of nesting, so the depth is checked first by a flat scan that never
 * recurses: hostile input cannot exhaust the stack. */
JsonNode *sb_json_parse_untrusted    (const char  *data,
                                      gsize        length,
                                      gsize        max_length,
                                      guint        max_depth,
                                      GError     **error);

/* A copy that shares nothing with @node (json_node_copy() shares objects
 * and arrays).  Callers bound the depth (the reader above does). */
JsonNode *sb_json_deep_copy          (JsonNode    *node);

G_END_DECLS
