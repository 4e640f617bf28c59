/* sb-json-writer.h — JSON text that every strict reader accepts
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* @root as JSON text, indented when @pretty, with every control
 * character in a string escaped.  @length (may be NULL) is set to the
 * text's length. */
char *sb_json_to_data (JsonNode *root,
                       gboolean  pretty,
                       gsize    *length);

G_END_DECLS
