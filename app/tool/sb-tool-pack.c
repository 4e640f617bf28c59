/* sb-tool-pack.c — shenbao-tool pack
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sb-date.h"
#include "sb-json-reader.h"
#include "sb-packet.h"
#include "sb-tool.h"

/* Every file of @dir by its SHA-256, so descriptors find their bytes. */
static GHashTable *
index_directory (const char  *dir,
                 GError     **error)
{
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  g_autoptr(GDir) gdir = g_dir_open (dir, 0, error);
  const char *name;

  if (gdir == NULL)
    return NULL;

  while ((name = g_dir_read_name (gdir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      GBytes *bytes;

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        continue;
      bytes = g_file_load_bytes (file, NULL, NULL, error);
      if (bytes == NULL)
        return NULL;
      g_hash_table_insert (files, g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes), bytes);
    }

  return g_steal_pointer (&files);
}

typedef struct
{
  GHashTable *files;
  GPtrArray  *attachments;
  GString    *missing;
} Collect;

static void
collect_descriptor (const char *path,
                    int         row,
                    JsonObject *descriptor,
                    gpointer    data)
{
  Collect *collect = data;
  const char *sha256 = json_object_get_string_member_with_default (descriptor, "sha256", "");
  const char *name = json_object_get_string_member_with_default (descriptor, "name", "?");
  const char *media_type = json_object_get_string_member_with_default (descriptor, "media_type", "application/octet-stream");
  GBytes *bytes = collect->files ? g_hash_table_lookup (collect->files, sha256) : NULL;

  if (bytes == NULL)
    {
      g_string_append_printf (collect->missing, "%s“%s” (%s)", collect->missing->len ? ", " : "", name, path);
      return;
    }
  g_ptr_array_add (collect->attachments, sb_packet_attachment_new (path, row, name, media_type, bytes));
}

/* FIELD=PATH: add PATH to the attachment field FIELD of the answers. */
static gboolean
attach_file (SbFormDefinition  *definition,
             JsonObject        *answers,
             GHashTable        *files,
             const char        *spec,
             GError           **error)
{
  const char *equals = strchr (spec, '=');
  g_autofree char *field_id = NULL;
  g_autofree char *content_type = NULL;
  g_autofree char *media_type = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  SbField *field;
  JsonObject *descriptor;
  JsonNode *node;

  if (equals == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "--attach takes FIELD=PATH, not “%s”", spec);
      return FALSE;
    }

  field_id = g_strndup (spec, equals - spec);
  field = sb_form_definition_lookup_field (definition, field_id);
  if (field == NULL || field->type != SB_FIELD_ATTACHMENT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an attachment field of this form", field_id);
      return FALSE;
    }

  file = g_file_new_for_commandline_arg (equals + 1);
  bytes = g_file_load_bytes (file, NULL, NULL, error);
  if (bytes == NULL)
    return FALSE;

  name = g_file_get_basename (file);
  content_type = g_content_type_guess (name, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL);
  media_type = g_content_type_get_mime_type (content_type);
  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

  descriptor = json_object_new ();
  json_object_set_string_member (descriptor, "name", name);
  json_object_set_string_member (descriptor, "media_type", media_type ? media_type : "application/octet-stream");
  json_object_set_int_member (descriptor, "size", g_bytes_get_size (bytes));
  json_object_set_string_member (descriptor, "sha256", sha256);

  node = json_object_get_member (answers, field_id);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || !field->multiple)
    json_object_set_array_member (answers, field_id, json_array_new ());
  json_array_add_object_element (json_object_get_array_member (answers, field_id), descriptor);

  g_hash_table_insert (files, g_strdup (sha256), g_bytes_ref (bytes));
  return TRUE;
}

int
sb_tool_pack (int    argc,
              char **argv)
{
  g_autofree char *form_id = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *output = NULL;
  g_autofree char *files_dir = NULL;
  g_autofree char *justifications_file = NULL;
  g_autofree char *created = NULL;
  g_autofree char *finalised = NULL;
  g_auto(GStrv) attach = NULL;
  g_auto(GStrv) justify = NULL;
  gboolean draft = FALSE;
  const GOptionEntry entries[] = {
    { "form", 'f', 0, G_OPTION_ARG_STRING, &form_id, "The form", "ID" },
    { "date", 'd', 0, G_OPTION_ARG_STRING, &date_text, "The submission date (default: today)", "YYYY-MM-DD" },
    { "draft", 0, 0, G_OPTION_ARG_NONE, &draft, "Make a draft packet, even with errors", NULL },
    { "attach", 'a', 0, G_OPTION_ARG_STRING_ARRAY, &attach, "Attach a file to an attachment field", "FIELD=PATH" },
    { "files", 0, 0, G_OPTION_ARG_FILENAME, &files_dir, "Find the files the answers describe here, by hash", "DIR" },
    { "justify", 'j', 0, G_OPTION_ARG_STRING_ARRAY, &justify, "Justify a warning", "RULE=TEXT" },
    { "justifications", 0, 0, G_OPTION_ARG_FILENAME, &justifications_file,
      "Justifications from a JSON object (rule id to text)", "FILE" },
    { "created", 0, 0, G_OPTION_ARG_STRING, &created, "Creation time (default: now)", "ISO8601" },
    { "finalised", 0, 0, G_OPTION_ARG_STRING, &finalised, "Finalisation time (default: now)", "ISO8601" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the packet here", "PACKET" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(SbAnswers) answers = NULL;
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GHashTable) justifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  Collect collect = { 0 };
  SbFormDefinition *definition;
  gint32 date;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "ANSWERS.json",
                              "Build an application packet from a bare answers object.",
                              "Without --draft the packet is refused while an error fires or a warning has no "
                              "justification.  Exit status: 0 written, 1 refused, 2 unusable input.",
                              entries, &exit_code))
    return exit_code;

  if (form_id == NULL || output == NULL || argc != 2)
    {
      sb_tool_err ("Usage: shenbao-tool pack --form ID [--date D] [--draft] ANSWERS.json "
                       "[--attach FIELD=PATH …] [--files DIR] -o PACKET");
      return SB_TOOL_EXIT_USAGE;
    }

  if (!sb_tool_parse_date_option ("pack", NULL, date_text, &date))
    return SB_TOOL_EXIT_USAGE;

  registry = sb_tool_load_registry ();
  definition = sb_form_registry_lookup (registry, form_id, date);
  if (definition == NULL)
    {
      sb_tool_err ("shenbao-tool pack: no form “%s” is installed", form_id);
      return SB_TOOL_EXIT_USAGE;
    }

  object = sb_tool_read_json_object (argv[1], &error);
  if (object == NULL)
    {
      sb_tool_err ("shenbao-tool pack: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  files = files_dir ? index_directory (files_dir, &error)
                    : g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_bytes_unref);
  if (files == NULL)
    {
      sb_tool_err ("shenbao-tool pack: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  for (guint i = 0; attach != NULL && attach[i] != NULL; i++)
    if (!attach_file (definition, object, files, attach[i], &error))
      {
        sb_tool_err ("shenbao-tool pack: %s", error->message);
        return SB_TOOL_EXIT_USAGE;
      }

  if (justifications_file != NULL)
    {
      g_autoptr(JsonObject) map = sb_tool_read_json_object (justifications_file, &error);
      JsonObjectIter iter;
      const char *rule_id;
      JsonNode *value;

      if (map == NULL)
        {
          sb_tool_err ("shenbao-tool pack: %s", error->message);
          return SB_TOOL_EXIT_USAGE;
        }
      json_object_iter_init (&iter, map);
      while (json_object_iter_next (&iter, &rule_id, &value))
        if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
          g_hash_table_insert (justifications, g_strdup (rule_id), g_strdup (json_node_get_string (value)));
    }
  for (guint i = 0; justify != NULL && justify[i] != NULL; i++)
    {
      const char *equals = strchr (justify[i], '=');

      if (equals == NULL)
        {
          sb_tool_err ("shenbao-tool pack: --justify takes RULE=TEXT, not “%s”", justify[i]);
          return SB_TOOL_EXIT_USAGE;
        }
      g_hash_table_insert (justifications, g_strndup (justify[i], equals - justify[i]), g_strdup (equals + 1));
    }

  answers = sb_answers_new (definition);
  sb_answers_set_json (answers, object);

  collect.files = files;
  collect.attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_attachment_free);
  collect.missing = g_string_new (NULL);
  sb_answers_foreach_attachment (answers, collect_descriptor, &collect);
  if (collect.missing->len > 0)
    {
      sb_tool_err ("shenbao-tool pack: the bytes of %s were not given (use --files DIR or --attach)",
               collect.missing->str);
      g_string_free (collect.missing, TRUE);
      g_ptr_array_unref (collect.attachments);
      return SB_TOOL_EXIT_USAGE;
    }
  g_string_free (collect.missing, TRUE);

  if (created == NULL)
    created = sb_date_now_timestamp ();
  if (!draft && finalised == NULL)
    finalised = sb_date_now_timestamp ();

  calendar = sb_tool_load_calendar ();
  packet = sb_packet_new (answers, date, justifications, collect.attachments, created, draft ? NULL : finalised,
                          calendar, &error);
  if (packet == NULL)
    {
      sb_tool_err ("shenbao-tool pack: %s", error->message);
      return g_error_matches (error, SB_PACKET_ERROR, SB_PACKET_ERROR_NOT_READY) ? SB_TOOL_EXIT_FAILED
                                                                                 : SB_TOOL_EXIT_USAGE;
    }

  if (!sb_packet_save (packet, output, &error))
    {
      sb_tool_err ("shenbao-tool pack: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  sb_tool_out ("%s %s (%s)", sb_packet_get_reference (packet), output, draft ? "draft" : "final");
  return SB_TOOL_EXIT_OK;
}
