/* sb-json-writer.c — JSON text that every strict reader accepts
 *
 * json-glib 1.6 escapes every control character but U+001F, which it
 * writes as a raw byte (its test is "< 0x1f").  RFC 8259 forbids that,
 * and the strict reader (sb-json-reader.c) refuses it, so a draft or a
 * review holding a pasted U+001F would not open again.  The raw byte can
 * only stand inside a string (the generator writes no other control
 * bytes but the newlines and no 0x1F outside strings), and UTF-8 never
 * uses it inside a character, so replacing each one is exact.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sb-json-writer.h"

#define UNIT_SEPARATOR '\x1f'

char *
sb_json_to_data (JsonNode *root,
                 gboolean  pretty,
                 gsize    *length)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  GString *escaped;
  gsize text_length;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  text = json_generator_to_data (generator, &text_length);

  if (memchr (text, UNIT_SEPARATOR, text_length) == NULL)
    {
      if (length != NULL)
        *length = text_length;
      return g_steal_pointer (&text);
    }

  escaped = g_string_sized_new (text_length + 16);
  for (gsize i = 0; i < text_length; i++)
    {
      if (text[i] == UNIT_SEPARATOR)
        g_string_append (escaped, "\\u001f");
      else
        g_string_append_c (escaped, text[i]);
    }
  if (length != NULL)
    *length = escaped->len;
  return g_string_free (escaped, FALSE);
}
