/* sb-json-reader.c — parsing JSON that came from somebody else
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-json-reader"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-json-reader.h"

G_DEFINE_QUARK (sb-json-reader-error-quark, sb_json_reader_error)

/* The deepest nesting of [ and { outside strings, stopping early once it
 * passes @limit. */
static guint
scan_depth (const char *data,
            gsize       length,
            guint       limit)
{
  gboolean in_string = FALSE;
  guint depth = 0, deepest = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      switch (c)
        {
        case '"':
          in_string = TRUE;
          break;
        case '[':
        case '{':
          depth++;
          if (depth > deepest)
            deepest = depth;
          if (deepest > limit)
            return deepest;
          break;
        case ']':
        case '}':
          if (depth > 0)
            depth--;
          break;
        default:
          break;
        }
    }

  return deepest;
}

JsonNode *
sb_json_parse_untrusted (const char  *data,
                         gsize        length,
                         gsize        max_length,
                         guint        max_depth,
                         GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  JsonNode *root;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* An empty file has no bytes at all (and GBytes may give NULL for it). */
  if (data == NULL || length == 0)
    {
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX, _("the file is empty"));
      return NULL;
    }

  if (length > max_length)
    {
      /* Numbers as strings: a G_GSIZE_FORMAT in a msgid differs between platforms. */
      g_autofree char *size = g_strdup_printf ("%" G_GSIZE_FORMAT, length);
      g_autofree char *limit = g_strdup_printf ("%" G_GSIZE_FORMAT, max_length);

      /* Translators: two byte counts */
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_TOO_LARGE,
                   _("the file is %s bytes; at most %s are accepted"), size, limit);
      return NULL;
    }

  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_NOT_UTF8,
                   _("the file is not UTF-8 text"));
      return NULL;
    }

  if (scan_depth (data, length, max_depth) > max_depth)
    {
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_TOO_DEEP,
                   _("the JSON is nested more than %u levels deep"), max_depth);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, length, &parse_error))
    {
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX,
                   _("not valid JSON: %s"), parse_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      g_set_error (error, SB_JSON_READER_ERROR, SB_JSON_READER_ERROR_SYNTAX,
                   _("the file is empty"));
      return NULL;
    }

  return json_node_copy (root);
}

JsonNode *
sb_json_deep_copy (JsonNode *node)
{
  g_return_val_if_fail (node != NULL, NULL);

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *source = json_node_get_object (node);
        g_autoptr(JsonObject) copy = json_object_new ();
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        JsonNode *result = json_node_new (JSON_NODE_OBJECT);

        json_object_iter_init_ordered (&iter, source);
        while (json_object_iter_next_ordered (&iter, &name, &member))
          json_object_set_member (copy, name, sb_json_deep_copy (member));
        json_node_set_object (result, copy);
        return result;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *source = json_node_get_array (node);
        g_autoptr(JsonArray) copy = json_array_sized_new (json_array_get_length (source));
        JsonNode *result = json_node_new (JSON_NODE_ARRAY);

        for (guint i = 0; i < json_array_get_length (source); i++)
          json_array_add_element (copy, sb_json_deep_copy (json_array_get_element (source, i)));
        json_node_set_array (result, copy);
        return result;
      }

    case JSON_NODE_VALUE:
    case JSON_NODE_NULL:
    default:
      {
        /* Scalars are copied by value; the copy is mutable. */
        JsonNode *result = json_node_copy (node);

        if (json_node_is_immutable (result))
          {
            JsonNode *mutable_copy = json_node_new (json_node_get_node_type (node));

            if (JSON_NODE_HOLDS_VALUE (node))
              {
                GValue value = G_VALUE_INIT;

                json_node_get_value (node, &value);
                json_node_set_value (mutable_copy, &value);
                g_value_unset (&value);
              }
            json_node_unref (result);
            result = mutable_copy;
          }
        return result;
      }
    }
}
