/* sb-answers-attachments.c — attachment answers: their descriptors, and walking them
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-answers"

#include "config.h"

#include <string.h>

#include "sb-field-format.h"
#include "sb-answers-private.h"
#include "sb-date.h"
#include "sb-form-definition-private.h"
#include "sb-id-number.h"
#include "sb-json-reader.h"
#include "sb-media-type.h"
#include "sb-safe-text.h"

SbValue *
sb_answers_read_attachments (const SbField *field,
                             JsonNode      *node,
                             SbText        *reason)
{
  static const char *keys[] = { "name", "media_type", "size", "sha256", NULL };
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      sb_text_set_printf (reason, "应为所附文件的列表", "expected a list of attached files");
      return NULL;
    }

  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return NULL;

  if (!field->multiple && json_array_get_length (array) > 1)
    {
      sb_text_set_printf (reason, "此处只能上传一个文件", "only one file may be attached here");
      return NULL;
    }

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *item = json_array_get_element (array, i);
      JsonObject *object;
      JsonNode *name_node, *media_type_node, *sha256_node, *size;
      const char *name, *media_type, *sha256;

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          sb_text_set_printf (reason, "第 %u 个文件的说明格式不正确", "file %u is not a file description", i + 1);
          return NULL;
        }

      object = json_node_get_object (item);
      name_node = json_object_get_member (object, "name");
      media_type_node = json_object_get_member (object, "media_type");
      sha256_node = json_object_get_member (object, "sha256");
      size = json_object_get_member (object, "size");

      /* The names are listed only when one of the members is not a key:
       * a roster names thousands of files. */
      if ((name_node != NULL) + (media_type_node != NULL) + (sha256_node != NULL) + (size != NULL) !=
          (int) json_object_get_size (object))
        {
          g_autoptr(GList) members = json_object_get_members (object);

          for (const GList *l = members; l != NULL; l = l->next)
            if (!g_strv_contains (keys, l->data))
              {
                sb_text_set_printf (reason, "第 %u 个文件含有未知的成员“%s”", "file %u has an unknown member '%s'",
                                    i + 1, (char *) l->data);
                return NULL;
              }
        }

      name = name_node != NULL && sb_answers_node_is_string (name_node) ? json_node_get_string (name_node) : NULL;
      media_type = media_type_node != NULL && sb_answers_node_is_string (media_type_node)
                   ? json_node_get_string (media_type_node) : NULL;
      sha256 = sha256_node != NULL && sb_answers_node_is_string (sha256_node) ? json_node_get_string (sha256_node) : NULL;

      if (name == NULL || *name == '\0')
        {
          sb_text_set_printf (reason, "第 %u 个文件没有文件名", "file %u has no name", i + 1);
          return NULL;
        }
      /* As the packet reader refuses them: a name that could hide or
       * reverse text, or that a desktop would run. */
      if (sb_safe_text_has_controls (name) || strchr (name, '/') != NULL || strchr (name, '\\') != NULL ||
          g_str_equal (name, ".") || g_str_equal (name, ".."))
        {
          g_autofree char *shown = sb_safe_text_reveal (name, SB_SAFE_TEXT_DEFAULT);

          sb_text_set_printf (reason, "文件名“%s”含有控制字符、双向文字控制符或文件夹",
                              "the file name “%s” contains control or bidirectional characters or folders", shown);
          return NULL;
        }
      if (strlen (name) > 255)
        {
          sb_text_set_printf (reason, "第 %u 个文件的文件名超过 255 字节", "the name of file %u is longer than 255 bytes",
                              i + 1);
          return NULL;
        }
      if (media_type == NULL || !g_strv_contains ((const char * const *) field->media_types, media_type))
        {
          g_autofree char *accepted_zh = g_strjoinv ("、", field->media_types);
          g_autofree char *accepted_en = g_strjoinv (", ", field->media_types);

          /* Not sb_text_set_printf(): the Chinese lists with “、” and says
           * “no type given” rather than “of type unknown”. */
          sb_text_clear (reason);
          reason->zh_CN = media_type ? g_strdup_printf ("“%s”的类型为 %s，只接受 %s", name, media_type, accepted_zh)
                                     : g_strdup_printf ("“%s”未注明文件类型，只接受 %s", name, accepted_zh);
          reason->en = g_strdup_printf ("“%s” is of type %s; accepted are %s", name,
                                        media_type ? media_type : "unknown", accepted_en);
          return NULL;
        }
      /* After the type: a declared program type says more than its name. */
      if (sb_media_name_is_executable (name))
        {
          sb_text_set_printf (reason, "“%s”的文件名属于程序或启动器类型，不能作为附件",
                              "“%s” is named as a program or launcher, which cannot be attached", name);
          return NULL;
        }
      if (size == NULL || !JSON_NODE_HOLDS_VALUE (size) || json_node_get_value_type (size) != G_TYPE_INT64 ||
          json_node_get_int (size) < 0)
        {
          sb_text_set_printf (reason, "“%s”的文件大小无效", "“%s” has no valid size", name);
          return NULL;
        }
      if (json_node_get_int (size) > field->max_size)
        {
          sb_text_set_printf (reason, "“%s”超过了 %" G_GINT64_FORMAT " 字节的上限",
                              "“%s” is larger than %" G_GINT64_FORMAT " bytes", name, field->max_size);
          return NULL;
        }
      if (sha256 == NULL || strlen (sha256) != 64 || strspn (sha256, "0123456789abcdef") != 64)
        {
          sb_text_set_printf (reason, "“%s”的 SHA-256 校验值无效", "“%s” has no valid SHA-256", name);
          return NULL;
        }

      g_ptr_array_add (names, (gpointer) name);
    }

  return sb_value_new_files ((const char * const *) names->pdata, names->len);
}

void
sb_answers_json_foreach_attachment (SbFormDefinition *definition,
                                    JsonObject       *answers,
                                    SbAttachmentFunc  func,
                                    gpointer          user_data)
{
  GPtrArray *fields;

  g_return_if_fail (SB_IS_FORM_DEFINITION (definition));
  g_return_if_fail (answers != NULL);
  g_return_if_fail (func != NULL);

  fields = sb_form_definition_get_fields (definition);
  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      JsonNode *node = json_object_get_member (answers, field->id);

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;

      if (field->type == SB_FIELD_ATTACHMENT)
        {
          JsonArray *array = json_node_get_array (node);

          for (guint j = 0; j < json_array_get_length (array); j++)
            if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, j)))
              func (field->id, -1, json_array_get_object_element (array, j), user_data);
        }
      else if (field->type == SB_FIELD_TABLE)
        {
          JsonArray *rows = json_node_get_array (node);

          for (guint r = 0; r < json_array_get_length (rows); r++)
            {
              JsonNode *row = json_array_get_element (rows, r);

              if (!JSON_NODE_HOLDS_OBJECT (row))
                continue;
              for (guint c = 0; c < field->columns->len; c++)
                {
                  SbField *column = g_ptr_array_index (field->columns, c);
                  JsonNode *cell = json_object_get_member (json_node_get_object (row), column->id);
                  g_autofree char *path = NULL;
                  JsonArray *array;

                  if (column->type != SB_FIELD_ATTACHMENT || cell == NULL || !JSON_NODE_HOLDS_ARRAY (cell))
                    continue;
                  path = g_strdup_printf ("%s[].%s", field->id, column->id);
                  array = json_node_get_array (cell);
                  for (guint j = 0; j < json_array_get_length (array); j++)
                    if (JSON_NODE_HOLDS_OBJECT (json_array_get_element (array, j)))
                      func (path, (int) r, json_array_get_object_element (array, j), user_data);
                }
            }
        }
    }
}

void
sb_answers_foreach_attachment (SbAnswers        *self,
                               SbAttachmentFunc  func,
                               gpointer          user_data)
{
  g_autoptr(JsonObject) visible = NULL;

  g_return_if_fail (SB_IS_ANSWERS (self));
  g_return_if_fail (func != NULL);

  visible = sb_answers_to_json (self, TRUE);
  sb_answers_json_foreach_attachment (self->definition, visible, func, user_data);
}
