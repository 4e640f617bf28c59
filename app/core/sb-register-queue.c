/* sb-register-queue.c — packets received while the case register could
 * not be reached, kept in a file until they are registered
 *
 * The office did receive a packet the reviewer opened while the database
 * was down; that receipt must not be lost when the application is closed
 * before the database comes back.  So it waits here — the packet's path,
 * the day of receipt and what the check found — in a small JSON file of
 * the user's data folder, written atomically, and the window registers
 * it when the register can be opened again.  The packet itself stays
 * where it is and is read again then.  It is named by its URI, which is
 * ASCII whatever bytes the file name has.
 *
 *   { "format": "shenbao-register-queue", "version": 1,
 *     "packets": [ { "uri": "file:///…", "received": "2025-04-01", "verified": true,
 *                    "problem": null } ] }
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-register-queue"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sb-date.h"
#include "sb-canonical-json.h"
#include "sb-register-queue.h"

#define QUEUE_FORMAT "shenbao-register-queue"

void
sb_queued_packet_free (SbQueuedPacket *packet)
{
  if (packet == NULL)
    return;
  g_free (packet->uri);
  g_free (packet->problem);
  g_free (packet);
}

char *
sb_register_queue_default_file (void)
{
  return g_build_filename (g_get_user_data_dir (), "shenbao", "unregistered.json", NULL);
}

static gboolean
queue_error (GError    **error,
             const char *file,
             const char *why)
{
  /* Translators: a file, then what is wrong with it */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The list of packets still to register (%s) cannot be used: %s"), file,
               why);
  return FALSE;
}

GPtrArray *
sb_register_queue_load (const char  *file,
                        GError     **error)
{
  g_autoptr(GPtrArray) packets = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_queued_packet_free);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  JsonNode *root;
  JsonObject *object;
  JsonArray *array;

  g_return_val_if_fail (file != NULL, NULL);

  if (!g_file_get_contents (file, &contents, &length, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        return g_steal_pointer (&packets);
      queue_error (error, file, local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, contents, length, &local_error))
    {
      queue_error (error, file, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  object = root != NULL && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (object == NULL || g_strcmp0 (json_object_get_string_member_with_default (object, "format", NULL), QUEUE_FORMAT) != 0
      || !json_object_has_member (object, "packets") || !JSON_NODE_HOLDS_ARRAY (json_object_get_member (object, "packets")))
    {
      queue_error (error, file, _("it is not a list of packets"));
      return NULL;
    }

  array = json_object_get_array_member (object, "packets");
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *entry = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      const char *uri = entry ? json_object_get_string_member_with_default (entry, "uri", NULL) : NULL;
      const char *received = entry ? json_object_get_string_member_with_default (entry, "received", NULL) : NULL;
      SbQueuedPacket *packet;
      gint32 day = 0;

      if (uri == NULL || received == NULL || !sb_date_parse (received, &day))
        {
          queue_error (error, file, _("an entry has no file or no day of receipt"));
          return NULL;
        }
      packet = g_new0 (SbQueuedPacket, 1);
      packet->uri = g_strdup (uri);
      packet->received = day;
      packet->verified = json_object_get_boolean_member_with_default (entry, "verified", FALSE);
      packet->problem = g_strdup (json_object_get_string_member_with_default (entry, "problem", NULL));
      g_ptr_array_add (packets, packet);
    }
  return g_steal_pointer (&packets);
}

static gboolean
save (const char  *file,
      GPtrArray   *packets,
      GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *folder = g_path_get_dirname (file);
  g_autoptr(GError) local_error = NULL;

  if (packets->len == 0)
    {
      if (g_unlink (file) != 0 && errno != ENOENT)
        {
          int saved_errno = errno;

          return queue_error (error, file, g_strerror (saved_errno));
        }
      return TRUE;
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, QUEUE_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "packets");
  json_builder_begin_array (builder);
  for (guint i = 0; i < packets->len; i++)
    {
      SbQueuedPacket *packet = g_ptr_array_index (packets, i);
      g_autofree char *received = sb_date_to_string (packet->received);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uri");
      json_builder_add_string_value (builder, packet->uri);
      json_builder_set_member_name (builder, "received");
      json_builder_add_string_value (builder, received);
      json_builder_set_member_name (builder, "verified");
      json_builder_add_boolean_value (builder, packet->verified);
      json_builder_set_member_name (builder, "problem");
      if (packet->problem != NULL)
        json_builder_add_string_value (builder, packet->problem);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  /* The canonical writer: json-glib 1.6's generator leaves control
   * characters raw, which a problem's text may hold. */
  bytes = sb_canonical_json_serialize (root, &local_error);
  if (bytes == NULL)
    return queue_error (error, file, local_error->message);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      return queue_error (error, file, g_strerror (saved_errno));
    }
  if (!g_file_set_contents_full (file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0600,
                                 &local_error))
    return queue_error (error, file, local_error->message);
  return TRUE;
}

gboolean
sb_register_queue_add (const char  *file,
                       const char  *uri,
                       gint32       received,
                       gboolean     verified,
                       const char  *problem,
                       GError     **error)
{
  g_autoptr(GPtrArray) packets = NULL;
  SbQueuedPacket *packet;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  packets = sb_register_queue_load (file, error);
  if (packets == NULL)
    return FALSE;
  for (guint i = 0; i < packets->len; i++)
    if (g_str_equal (((SbQueuedPacket *) g_ptr_array_index (packets, i))->uri, uri))
      return TRUE;

  packet = g_new0 (SbQueuedPacket, 1);
  packet->uri = g_strdup (uri);
  packet->received = received;
  packet->verified = verified;
  packet->problem = g_strdup (problem);
  g_ptr_array_add (packets, packet);
  return save (file, packets, error);
}

gboolean
sb_register_queue_remove (const char  *file,
                          const char  *uri,
                          GError     **error)
{
  g_autoptr(GPtrArray) packets = NULL;
  gboolean removed = FALSE;

  g_return_val_if_fail (file != NULL, FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);

  packets = sb_register_queue_load (file, error);
  if (packets == NULL)
    return FALSE;
  for (guint i = packets->len; i > 0; i--)
    if (g_str_equal (((SbQueuedPacket *) g_ptr_array_index (packets, i - 1))->uri, uri))
      {
        g_ptr_array_remove_index (packets, i - 1);
        removed = TRUE;
      }
  return !removed || save (file, packets, error);
}
