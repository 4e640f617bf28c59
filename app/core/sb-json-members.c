/* sb-json-members.c — reading the members of a parsed JSON tree strictly
 *
 * The typed getters of sb-json-reader.h: exact member sets, strings,
 * objects and arrays that are required, optional or nullable, each error
 * with its JSON path, in the caller's error domain.  The packet, review
 * and draft readers use them; the form loader uses the predicates.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-json-reader"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-json-reader.h"
#include "sb-safe-text.h"

#define MAX_QUOTED_CHARS 64

static gboolean G_GNUC_PRINTF (3, 4)
invalid (const SbJsonErrorKind  *kind,
         GError                **error,
         const char             *format,
         ...)
{
  va_list args;

  va_start (args, format);
  g_propagate_error (error, g_error_new_valist (kind->domain (), kind->code, format, args));
  va_end (args);
  return FALSE;
}

void
sb_json_path_append (GString              *path,
                     const SbJsonPathStep *step,
                     const char           *root,
                     gboolean              quote_names)
{
  if (step == NULL)
    {
      g_string_append (path, root);
      return;
    }
  sb_json_path_append (path, step->parent, root, quote_names);
  if (step->name == NULL)
    g_string_append_printf (path, "[%u]", step->index);
  else if (quote_names)
    {
      g_autofree char *shown_name = sb_json_quote (step->name);

      g_string_append_printf (path, ".%s", shown_name);
    }
  else
    {
      g_string_append_c (path, '.');
      g_string_append (path, step->name);
    }
}

char *
sb_json_quote (const char *text)
{
  g_autofree char *revealed = sb_safe_text_reveal (text, SB_SAFE_TEXT_DEFAULT);
  const char *end;

  if (g_utf8_strlen (revealed, -1) <= MAX_QUOTED_CHARS)
    return g_steal_pointer (&revealed);
  end = g_utf8_offset_to_pointer (revealed, MAX_QUOTED_CHARS);
  return g_strdup_printf ("%.*s…", (int) (end - revealed), revealed);
}

char *
sb_json_path_member (const char *path,
                     const char *key)
{
  return g_strdup_printf ("%s.%s", path, key);
}

char *
sb_json_path_index (const char *path,
                    guint       index)
{
  return g_strdup_printf ("%s[%u]", path, index);
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
sb_json_node_is_string (JsonNode *node)
{
  return node_holds (node, G_TYPE_STRING);
}

gboolean
sb_json_node_is_bool (JsonNode *node)
{
  return node_holds (node, G_TYPE_BOOLEAN);
}

gboolean
sb_json_node_is_int (JsonNode *node)
{
  return node_holds (node, G_TYPE_INT64);
}

gboolean
sb_json_node_is_int_in (JsonNode *node,
                        gint64    min,
                        gint64    max)
{
  return sb_json_node_is_int (node) && json_node_get_int (node) >= min && json_node_get_int (node) <= max;
}

const char *
sb_json_find_unknown_member (JsonObject         *object,
                             const char * const *allowed)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    if (!g_strv_contains (allowed, l->data))
      return l->data;
  return NULL;
}

gboolean
sb_json_check_members (const SbJsonErrorKind  *kind,
                       JsonObject             *object,
                       const char             *path,
                       const char * const     *allowed,
                       gboolean                all_required,
                       GError                **error)
{
  const char *unknown;
  guint n_allowed = 0, present = 0;

  /* The names in @allowed are distinct: when as many of them are there as
   * the object has members, none is unknown, and that takes one lookup a
   * name instead of a list of the members compared with every name (a
   * packet's attachments and validation entries pass here by the
   * thousand).  Anything else is looked at as before, for its message. */
  for (; allowed[n_allowed] != NULL; n_allowed++)
    present += json_object_has_member (object, allowed[n_allowed]);
  if (present == json_object_get_size (object) && (!all_required || present == n_allowed))
    return TRUE;

  unknown = sb_json_find_unknown_member (object, allowed);
  if (unknown != NULL)
    {
      g_autofree char *value = sb_json_quote (unknown);

      /* Translators: the errors of a damaged or foreign file (a packet, a
       * review, a draft).  Keep the JSON paths ($.answers, %s.row, …) and
       * the values in quotes as they are. */
      return invalid (kind, error, _("%s: unknown member “%s”"), path, value);
    }

  for (guint i = 0; all_required && allowed[i] != NULL; i++)
    if (!json_object_has_member (object, allowed[i]))
      return invalid (kind, error, _("%s.%s is missing"), path, allowed[i]);

  return TRUE;
}

/* The member @key when it is there and not null, NULL otherwise: with an
 * error when @presence wants it. */
static JsonNode *
get_member (const SbJsonErrorKind  *kind,
            JsonObject             *object,
            const char             *path,
            const char             *key,
            SbJsonPresence          presence,
            GError                **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      if (presence != SB_JSON_OPTIONAL)
        invalid (kind, error, _("%s.%s is missing"), path, key);
      return NULL;
    }
  if (JSON_NODE_HOLDS_NULL (node) && presence != SB_JSON_REQUIRED)
    return NULL;
  return node;
}

const char *
sb_json_get_string (const SbJsonErrorKind  *kind,
                    JsonObject             *object,
                    const char             *path,
                    const char             *key,
                    SbJsonPresence          presence,
                    gsize                   max_bytes,
                    GError                **error)
{
  JsonNode *node = get_member (kind, object, path, key, presence, error);

  if (node == NULL)
    return NULL;
  if (!sb_json_node_is_string (node))
    {
      invalid (kind, error, _("%s.%s: expected a string"), path, key);
      return NULL;
    }
  if (strlen (json_node_get_string (node)) > max_bytes)
    {
      g_autofree char *where = sb_json_path_member (path, key);

      invalid (kind, error, _("%s: a text longer than %d bytes"), where, (int) MIN (max_bytes, G_MAXINT));
      return NULL;
    }
  return json_node_get_string (node);
}

/* An object or an array member, likewise. */
static JsonNode *
get_container (const SbJsonErrorKind  *kind,
               JsonObject             *object,
               const char             *path,
               const char             *key,
               SbJsonPresence          presence,
               JsonNodeType            type,
               GError                **error)
{
  JsonNode *node = get_member (kind, object, path, key, presence, error);

  if (node == NULL || JSON_NODE_TYPE (node) == type)
    return node;
  if (type == JSON_NODE_OBJECT)
    invalid (kind, error, _("%s.%s: expected an object"), path, key);
  else
    invalid (kind, error, _("%s.%s: expected an array"), path, key);
  return NULL;
}

JsonObject *
sb_json_get_object (const SbJsonErrorKind  *kind,
                    JsonObject             *object,
                    const char             *path,
                    const char             *key,
                    SbJsonPresence          presence,
                    GError                **error)
{
  JsonNode *node = get_container (kind, object, path, key, presence, JSON_NODE_OBJECT, error);

  return node != NULL ? json_node_get_object (node) : NULL;
}

JsonArray *
sb_json_get_array (const SbJsonErrorKind  *kind,
                   JsonObject             *object,
                   const char             *path,
                   const char             *key,
                   SbJsonPresence          presence,
                   GError                **error)
{
  JsonNode *node = get_container (kind, object, path, key, presence, JSON_NODE_ARRAY, error);

  return node != NULL ? json_node_get_array (node) : NULL;
}

JsonObject *
sb_json_node_get_object (const SbJsonErrorKind  *kind,
                         JsonNode               *node,
                         const char             *path,
                         GError                **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (kind, error, _("%s: expected an object"), path);
      return NULL;
    }
  return json_node_get_object (node);
}
