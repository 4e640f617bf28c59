/* sb-canonical-json.c — one byte sequence per JSON value (RFC 8785 subset)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-canonical-json"

#include "config.h"

#include <string.h>

#include "sb-canonical-json.h"

typedef struct
{
  const char *name;
  gunichar2  *utf16;
  glong       length;
  JsonNode   *value;
} Member;

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  const Member *ma = a, *mb = b;
  glong n = MIN (ma->length, mb->length);

  /* RFC 8785 §3.2.3: compare the UTF-16 code units. */
  for (glong i = 0; i < n; i++)
    if (ma->utf16[i] != mb->utf16[i])
      return ma->utf16[i] < mb->utf16[i] ? -1 : 1;
  return (ma->length > mb->length) - (ma->length < mb->length);
}

static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        default:
          if (*p < 0x20)
            g_string_append_printf (out, "\\u%04x", *p);
          else
            g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static gboolean
serialize (GString     *out,
           JsonNode    *node,
           GString     *path,
           GError     **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      return TRUE;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          append_string (out, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          {
            g_set_error (error, JSON_PARSER_ERROR, JSON_PARSER_ERROR_INVALID_DATA,
                         "%s: a number with a fraction; decimals must be written as strings", path->str);
            return FALSE;
          }
        return TRUE;
      }

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        gsize path_length = path->len;

        g_string_append_c (out, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            g_string_append_printf (path, "[%u]", i);
            if (!serialize (out, json_array_get_element (array, i), path, error))
              return FALSE;
            g_string_truncate (path, path_length);
          }
        g_string_append_c (out, ']');
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
        JsonObjectIter iter;
        gsize path_length = path->len;
        gboolean ok = TRUE;
        Member member;

        json_object_iter_init (&iter, object);
        while (json_object_iter_next (&iter, &member.name, &member.value))
          {
            member.utf16 = g_utf8_to_utf16 (member.name, -1, NULL, &member.length, NULL);
            if (member.utf16 == NULL)
              member.length = 0;
            g_array_append_val (members, member);
          }
        g_array_sort (members, compare_members);

        g_string_append_c (out, '{');
        for (guint i = 0; i < members->len && ok; i++)
          {
            Member *m = &g_array_index (members, Member, i);

            if (i > 0)
              g_string_append_c (out, ',');
            append_string (out, m->name);
            g_string_append_c (out, ':');
            g_string_append_printf (path, ".%s", m->name);
            ok = serialize (out, m->value, path, error);
            g_string_truncate (path, path_length);
          }
        g_string_append_c (out, '}');

        for (guint i = 0; i < members->len; i++)
          g_free (g_array_index (members, Member, i).utf16);
        return ok;
      }

    default:
      return FALSE;
    }
}

GBytes *
sb_canonical_json_serialize (JsonNode  *node,
                             GError   **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) path = g_string_new ("$");

  g_return_val_if_fail (node != NULL, NULL);

  if (!serialize (out, node, path, error))
    return NULL;

  return g_string_free_to_bytes (g_steal_pointer (&out));
}
