/* test-json-edit.h — a sound file with one member changed, for the tests
 * of what a damaged or foreign file is refused with
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <string.h>

/* @json with one member changed: @member is a path below the root such as
 * "notes[1].row"; @value is JSON, or NULL to remove the member. */
static inline GBytes *
test_json_edit (GBytes     *json,
                const char *member,
                const char *value)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_auto(GStrv) steps = g_strsplit (member, ".", -1);
  g_autoptr(GError) error = NULL;
  guint last = g_strv_length (steps) - 1;
  JsonObject *object;
  char *changed;
  gsize length;

  json_parser_load_from_data (parser, g_bytes_get_data (json, NULL), g_bytes_get_size (json), &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));

  /* Down to the object that holds the member: "name" or "name[i]". */
  for (guint i = 0; i < last; i++)
    {
      char *bracket = strchr (steps[i], '[');
      JsonNode *node;

      if (bracket != NULL)
        *bracket = '\0';
      node = json_object_get_member (object, steps[i]);
      g_assert_nonnull (node);
      if (bracket != NULL)
        node = json_array_get_element (json_node_get_array (node), atoi (bracket + 1));
      object = json_node_get_object (node);
    }

  if (value == NULL)
    json_object_remove_member (object, steps[last]);
  else
    json_object_set_member (object, steps[last], json_from_string (value, &error));
  g_assert_no_error (error);

  json_generator_set_root (generator, json_parser_get_root (parser));
  changed = json_generator_to_data (generator, &length);
  return g_bytes_new_take (changed, length);
}
