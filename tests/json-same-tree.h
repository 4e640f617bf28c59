/* json-same-tree.h — comparing two JSON trees exactly, for the tests
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <string.h>

#include <json-glib/json-glib.h>

/* Whether @ours and @theirs are the same tree: the same types (an integer
 * is not a double), integers, doubles to the bit, strings, and members in
 * the same order; json_node_equal() compares numbers by value.  It
 * recurses: only for trees of a bounded depth. */
static inline gboolean
json_same_tree (JsonNode *ours,
                JsonNode *theirs)
{
  if (json_node_get_node_type (ours) != json_node_get_node_type (theirs))
    return FALSE;

  switch (json_node_get_node_type (ours))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter our_iter, their_iter;
        const char *our_name, *their_name;
        JsonNode *our_member, *their_member;

        if (json_object_get_size (json_node_get_object (ours)) != json_object_get_size (json_node_get_object (theirs)))
          return FALSE;
        json_object_iter_init_ordered (&our_iter, json_node_get_object (ours));
        json_object_iter_init_ordered (&their_iter, json_node_get_object (theirs));
        while (json_object_iter_next_ordered (&our_iter, &our_name, &our_member))
          if (!json_object_iter_next_ordered (&their_iter, &their_name, &their_member)
              || strcmp (our_name, their_name) != 0 || !json_same_tree (our_member, their_member))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *our_array = json_node_get_array (ours), *their_array = json_node_get_array (theirs);

        if (json_array_get_length (our_array) != json_array_get_length (their_array))
          return FALSE;
        for (guint i = 0; i < json_array_get_length (our_array); i++)
          if (!json_same_tree (json_array_get_element (our_array, i), json_array_get_element (their_array, i)))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (ours) != json_node_get_value_type (theirs))
        return FALSE;
      switch (json_node_get_value_type (ours))
        {
        case G_TYPE_INT64:
          return json_node_get_int (ours) == json_node_get_int (theirs);
        case G_TYPE_DOUBLE:
          {
            double a = json_node_get_double (ours), b = json_node_get_double (theirs);

            return memcmp (&a, &b, sizeof a) == 0;
          }
        case G_TYPE_BOOLEAN:
          return json_node_get_boolean (ours) == json_node_get_boolean (theirs);
        case G_TYPE_STRING:
          return strcmp (json_node_get_string (ours), json_node_get_string (theirs)) == 0;
        default:
          return FALSE;
        }

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}
