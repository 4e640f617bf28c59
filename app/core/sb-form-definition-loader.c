/* sb-form-definition-loader.c — the form loader's reading helpers, citations, the regulation, constants and lists
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-form-definition"

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-form-definition-private.h"
#include "sb-json-reader.h"

static const char *known_units[] = { "元", "m²", "亩", "%", "人", "课时", "层", "个月", "年", NULL };

void G_GNUC_PRINTF (3, 4)
sb_loader_fail (Loader     *loader,
                const char *path,
                const char *format,
                ...)
{
  g_autofree char *reason = NULL;
  va_list args;

  if (loader->error != NULL)
    return;

  va_start (args, format);
  reason = g_strdup_vprintf (format, args);
  va_end (args);

  loader->error = g_error_new (SB_FORM_DEFINITION_ERROR,
                               SB_FORM_DEFINITION_ERROR_INVALID,
                               "%s: %s: %s",
                               loader->def->origin, path, reason);
}

gboolean
sb_loader_ok (Loader *loader)
{
  return loader->error == NULL;
}

const char *
sb_loader_json_type_name (JsonNode *node)
{
  if (node == NULL)
    return "nothing";

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return "a string";
        if (type == G_TYPE_BOOLEAN)
          return "a boolean";
        return "a number";
      }
    }
}

/* Every key of @object must be among @allowed (NULL-terminated). */
void
sb_loader_check_keys (Loader      *loader,
                      JsonObject  *object,
                      const char  *path,
                      const char **allowed)
{
  const char *key = sb_json_find_unknown_member (object, allowed);

  if (key != NULL)
    {
      g_autofree char *known = g_strjoinv (", ", (char **) allowed);
      sb_loader_fail (loader, path, "unknown key '%s' (expected one of: %s)", key, known);
    }
}

JsonObject *
sb_loader_require_object (Loader     *loader,
                          JsonNode   *node,
                          const char *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      sb_loader_fail (loader, path, "expected an object, found %s", sb_loader_json_type_name (node));
      return NULL;
    }
  return json_node_get_object (node);
}

JsonArray *
sb_loader_require_array (Loader     *loader,
                         JsonNode   *node,
                         const char *path)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      sb_loader_fail (loader, path, "expected an array, found %s", sb_loader_json_type_name (node));
      return NULL;
    }
  return json_node_get_array (node);
}

/* A string member; NULL (and no error) when absent or null and !required. */
char *
sb_loader_get_string (Loader     *loader,
                      JsonObject *object,
                      const char *path,
                      const char *key,
                      gboolean    required)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *member_path = sb_json_path_member (path, key);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        sb_loader_fail (loader, path, "missing '%s'", key);
      return NULL;
    }

  if (!sb_json_node_is_string (node))
    {
      sb_loader_fail (loader, member_path, "expected a string, found %s", sb_loader_json_type_name (node));
      return NULL;
    }

  if (required && *json_node_get_string (node) == '\0')
    {
      sb_loader_fail (loader, member_path, "must not be empty");
      return NULL;
    }

  return g_strdup (json_node_get_string (node));
}

gboolean
sb_loader_get_bool (Loader     *loader,
                    JsonObject *object,
                    const char *path,
                    const char *key,
                    gboolean    default_value)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return default_value;

  if (!sb_json_node_is_bool (node))
    {
      g_autofree char *member_path = sb_json_path_member (path, key);
      sb_loader_fail (loader, member_path, "expected true or false, found %s", sb_loader_json_type_name (node));
      return default_value;
    }

  return json_node_get_boolean (node);
}

gint64
sb_loader_get_int (Loader     *loader,
                   JsonObject *object,
                   const char *path,
                   const char *key,
                   gint64      default_value,
                   gint64      min,
                   gint64      max)
{
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *member_path = sb_json_path_member (path, key);
  gint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return default_value;

  if (!sb_json_node_is_int (node))
    {
      sb_loader_fail (loader, member_path, "expected an integer, found %s", sb_loader_json_type_name (node));
      return default_value;
    }

  value = json_node_get_int (node);
  if (value < min || value > max)
    {
      sb_loader_fail (loader, member_path, "%" G_GINT64_FORMAT " is out of range %" G_GINT64_FORMAT "..%" G_GINT64_FORMAT,
                      value, min, max);
      return default_value;
    }

  return value;
}

void
sb_loader_get_text (Loader     *loader,
                    JsonObject *object,
                    const char *path,
                    const char *key,
                    gboolean    required,
                    SbText     *text)
{
  static const char *text_keys[] = { "zh_CN", "en", NULL };
  JsonNode *node = json_object_get_member (object, key);
  g_autofree char *member_path = sb_json_path_member (path, key);
  JsonObject *text_object;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        sb_loader_fail (loader, path, "missing '%s'", key);
      return;
    }

  text_object = sb_loader_require_object (loader, node, member_path);
  if (text_object == NULL)
    return;

  sb_loader_check_keys (loader, text_object, member_path, text_keys);
  text->zh_CN = sb_loader_get_string (loader, text_object, member_path, "zh_CN", TRUE);
  text->en = sb_loader_get_string (loader, text_object, member_path, "en", FALSE);
}

static gint32
get_date (Loader     *loader,
          JsonObject *object,
          const char *path,
          const char *key,
          gboolean    required)
{
  g_autofree char *text = sb_loader_get_string (loader, object, path, key, required);
  gint32 julian_day = 0;

  if (text != NULL && !sb_date_parse (text, &julian_day))
    {
      g_autofree char *member_path = sb_json_path_member (path, key);
      sb_loader_fail (loader, member_path, "'%s' is not a date (YYYY-MM-DD)", text);
    }

  return julian_day;
}

gboolean
sb_loader_is_identifier (const char *id)
{
  if (id == NULL || !(g_ascii_isalpha (*id) || *id == '_'))
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!(g_ascii_isalnum (*p) || *p == '_'))
      return FALSE;

  return TRUE;
}

/* Rule and material ids: "KJ-08", "ZJ-ATT-02", "SB-REQUIRED" */
gboolean
sb_loader_is_rule_id (const char *id)
{
  if (id == NULL || !g_ascii_isupper (*id))
    return FALSE;

  for (const char *p = id; *p; p++)
    if (!(g_ascii_isupper (*p) || g_ascii_isdigit (*p) || *p == '-'))
      return FALSE;

  return TRUE;
}

void
sb_loader_load_citation (Loader     *loader,
                         JsonObject *object,
                         const char *path,
                         const char *key,
                         SbCitation *citation)
{
  static const char *citation_keys[] = { "document", "article", "paragraph", "clause", "item", "text", NULL };
  g_autofree char *member_path = sb_json_path_member (path, key);
  JsonObject *citation_object;

  citation_object = sb_loader_require_object (loader, json_object_get_member (object, key), member_path);
  if (citation_object == NULL)
    return;

  sb_loader_check_keys (loader, citation_object, member_path, citation_keys);
  citation->document = sb_loader_get_string (loader, citation_object, member_path, "document", TRUE);
  citation->article = sb_loader_get_string (loader, citation_object, member_path, "article", FALSE);
  citation->paragraph = sb_loader_get_string (loader, citation_object, member_path, "paragraph", FALSE);
  citation->clause = sb_loader_get_string (loader, citation_object, member_path, "clause", FALSE);
  citation->item = sb_loader_get_string (loader, citation_object, member_path, "item", FALSE);
  citation->text = sb_loader_get_string (loader, citation_object, member_path, "text", TRUE);
}

void
sb_loader_load_regulation (Loader     *loader,
                           JsonObject *root)
{
  static const char *keys[] = {
    "document_no", "short_name", "title", "issuer", "issued",
    "effective_from", "effective_until", "validity_note", NULL
  };
  SbRegulation *regulation = &loader->def->regulation;
  JsonObject *object;

  object = sb_loader_require_object (loader, json_object_get_member (root, "regulation"), "$.regulation");
  if (object == NULL)
    return;

  sb_loader_check_keys (loader, object, "$.regulation", keys);
  regulation->document_no = sb_loader_get_string (loader, object, "$.regulation", "document_no", TRUE);
  regulation->short_name = sb_loader_get_string (loader, object, "$.regulation", "short_name", TRUE);
  regulation->title = sb_loader_get_string (loader, object, "$.regulation", "title", TRUE);
  regulation->issuer = sb_loader_get_string (loader, object, "$.regulation", "issuer", TRUE);
  regulation->issued = get_date (loader, object, "$.regulation", "issued", TRUE);
  regulation->effective_from = get_date (loader, object, "$.regulation", "effective_from", TRUE);
  regulation->effective_until = get_date (loader, object, "$.regulation", "effective_until", FALSE);
  sb_loader_get_text (loader, object, "$.regulation", "validity_note", FALSE, &regulation->validity_note);

  if (sb_loader_ok (loader) && regulation->effective_until != 0 &&
      regulation->effective_until < regulation->effective_from)
    sb_loader_fail (loader, "$.regulation.effective_until", "ends before effective_from");
}

static void
add_constant (Loader     *loader,
              const char *path,
              const char *name,
              SbValue    *value,
              SbType     *type)
{
  SbFormDefinition *self = loader->def;

  if (!sb_loader_is_identifier (name))
    {
      sb_loader_fail (loader, path, "'%s' is not a valid name", name);
      sb_value_unref (value);
      g_free (type);
      return;
    }

  if (g_hash_table_contains (self->constants, name))
    {
      sb_loader_fail (loader, path, "duplicate constant '%s'", name);
      sb_value_unref (value);
      g_free (type);
      return;
    }

  g_hash_table_insert (self->constants, g_strdup (name), value);
  g_hash_table_insert (self->constant_types, g_strdup (name), type);
}

const char *
sb_loader_intern_unit (Loader     *loader,
                       const char *path,
                       const char *unit)
{
  if (unit == NULL)
    return NULL;

  for (guint i = 0; known_units[i] != NULL; i++)
    if (g_str_equal (known_units[i], unit))
      return known_units[i];

  sb_loader_fail (loader, path, "unknown unit '%s'", unit);
  return NULL;
}

void
sb_loader_load_constants (Loader     *loader,
                          JsonObject *root)
{
  static const char *keys[] = { "type", "value", "unit", "source", NULL };
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_object_has_member (root, "constants"))
    return;

  object = sb_loader_require_object (loader, json_object_get_member (root, "constants"), "$.constants");
  if (object == NULL)
    return;

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL && sb_loader_ok (loader); l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = sb_json_path_member ("$.constants", name);
      g_autofree char *type_name = NULL;
      g_autofree char *value_text = NULL;
      g_autofree char *unit = NULL;
      g_autofree char *source = NULL;
      JsonObject *constant;
      SbValue *value = NULL;
      SbType *type;

      constant = sb_loader_require_object (loader, json_object_get_member (object, name), path);
      if (constant == NULL)
        break;

      sb_loader_check_keys (loader, constant, path, keys);
      type_name = sb_loader_get_string (loader, constant, path, "type", TRUE);
      unit = sb_loader_get_string (loader, constant, path, "unit", FALSE);
      source = sb_loader_get_string (loader, constant, path, "source", TRUE);

      if (!sb_loader_ok (loader))
        break;

      type = g_new0 (SbType, 1);

      if (g_str_equal (type_name, "bool"))
        {
          type->kind = SB_TYPE_BOOL;
          value = sb_value_new_bool (sb_loader_get_bool (loader, constant, path, "value", FALSE));
          if (!json_object_has_member (constant, "value"))
            sb_loader_fail (loader, path, "missing 'value'");
        }
      else
        {
          value_text = sb_loader_get_string (loader, constant, path, "value", TRUE);
          if (value_text == NULL)
            {
              g_free (type);
              break;
            }

          if (g_str_equal (type_name, "number"))
            {
              mpq_t q;

              mpq_init (q);
              type->kind = SB_TYPE_NUMBER;
              type->unit = sb_loader_intern_unit (loader, path, unit);
              if (sb_decimal_parse (value_text, q))
                value = sb_value_new_number (q);
              else
                sb_loader_fail (loader, path, "'%s' is not a decimal number", value_text);
              mpq_clear (q);
            }
          else if (g_str_equal (type_name, "text"))
            {
              type->kind = SB_TYPE_TEXT;
              value = sb_value_new_text (value_text);
            }
          else if (g_str_equal (type_name, "date"))
            {
              gint32 julian_day;

              type->kind = SB_TYPE_DATE;
              if (sb_date_parse (value_text, &julian_day))
                value = sb_value_new_date (julian_day);
              else
                sb_loader_fail (loader, path, "'%s' is not a date (YYYY-MM-DD)", value_text);
            }
          else if (g_str_equal (type_name, "time"))
            {
              int minutes;

              type->kind = SB_TYPE_TIME;
              if (sb_time_parse (value_text, &minutes))
                value = sb_value_new_time (minutes);
              else
                sb_loader_fail (loader, path, "'%s' is not a time (HH:MM)", value_text);
            }
          else
            {
              sb_loader_fail (loader, path, "unknown constant type '%s' (number, text, date, time, bool)", type_name);
            }
        }

      if (unit != NULL && type->kind != SB_TYPE_NUMBER)
        sb_loader_fail (loader, path, "only numbers have a unit");

      if (value == NULL || !sb_loader_ok (loader))
        {
          g_clear_pointer (&value, sb_value_unref);
          g_free (type);
          break;
        }

      add_constant (loader, path, name, value, type);
    }
}

void
sb_loader_load_lists (Loader     *loader,
                      JsonObject *root)
{
  static const char *keys[] = { "file", "source", NULL };
  static const char *file_keys[] = { "description", "source", "items", NULL };
  JsonObject *object;
  g_autoptr(GList) members = NULL;

  if (!json_object_has_member (root, "lists"))
    return;

  object = sb_loader_require_object (loader, json_object_get_member (root, "lists"), "$.lists");
  if (object == NULL)
    return;

  members = json_object_get_members (object);
  for (const GList *l = members; l != NULL && sb_loader_ok (loader); l = l->next)
    {
      const char *name = l->data;
      g_autofree char *path = sb_json_path_member ("$.lists", name);
      g_autofree char *file_name = NULL;
      g_autofree char *source = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(JsonNode) list_node = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GPtrArray) items = NULL;
      JsonObject *list_object;
      JsonObject *list_root;
      JsonArray *array;
      gsize length;
      SbType *type;

      list_object = sb_loader_require_object (loader, json_object_get_member (object, name), path);
      if (list_object == NULL)
        break;

      sb_loader_check_keys (loader, list_object, path, keys);
      file_name = sb_loader_get_string (loader, list_object, path, "file", TRUE);
      source = sb_loader_get_string (loader, list_object, path, "source", TRUE);
      if (!sb_loader_ok (loader))
        break;

      /* List files live beside the definition; never follow a path out of it. */
      if (g_path_is_absolute (file_name) || strstr (file_name, "..") != NULL)
        {
          sb_loader_fail (loader, path, "list file '%s' must be a relative path inside the forms folder", file_name);
          break;
        }

      if (loader->base_dir == NULL)
        {
          sb_loader_fail (loader, path, "list file '%s' cannot be found: the definition was not loaded from a folder", file_name);
          break;
        }

      file = g_file_resolve_relative_path (loader->base_dir, file_name);
      if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
        {
          sb_loader_fail (loader, path, "cannot read list file '%s': %s", file_name, error->message);
          break;
        }

      list_node = sb_json_parse_untrusted_full (contents, length, &sb_form_definition_limits, &error);
      if (list_node == NULL)
        {
          sb_loader_fail (loader, path, "list file '%s' cannot be read: %s", file_name, error->message);
          break;
        }

      list_root = sb_loader_require_object (loader, list_node, path);
      if (list_root == NULL)
        break;
      sb_loader_check_keys (loader, list_root, path, file_keys);
      array = sb_loader_require_array (loader, json_object_get_member (list_root, "items"), path);
      if (array == NULL)
        break;

      items = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_value_unref);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!sb_json_node_is_string (item))
            {
              sb_loader_fail (loader, path, "list file '%s': item %u is %s, expected a string",
                              file_name, i, sb_loader_json_type_name (item));
              break;
            }
          g_ptr_array_add (items, sb_value_new_text (json_node_get_string (item)));
        }
      if (!sb_loader_ok (loader))
        break;

      type = g_new0 (SbType, 1);
      type->kind = SB_TYPE_LIST;
      type->element = SB_TYPE_TEXT;
      add_constant (loader, path, name, sb_value_new_list (g_steal_pointer (&items)), type);
    }
}
