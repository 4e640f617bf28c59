/* sb-packet-attachments.c — a packet's attached files: names, descriptors, base64, hashes
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-packet"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "sb-canonical-json.h"
#include "sb-date.h"
#include "sb-json-reader.h"
#include "sb-media-type.h"
#include "sb-packet-private.h"
#include "sb-safe-text.h"

char *
sb_packet_sha256_hex (GBytes *bytes)
{
  guint8 digest[SB_SHA256_DIGEST_SIZE];
  gsize length;
  gconstpointer data = g_bytes_get_data (bytes, &length);

  sb_sha256 (data, length, digest);
  return sb_sha256_hex (digest);
}

/* Every attachment the answers describe, as (field path, row, descriptor). */
/* A plain file name: no folder, no "..", and no control or bidi
 * character, which could hide a line or make "gpj.exe" read as "exe.jpg". */
static gboolean
name_is_safe (const char *name)
{
  if (name == NULL || *name == '\0' || strlen (name) > MAX_FILE_NAME_BYTES || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  if (strchr (name, '/') != NULL || strchr (name, '\\') != NULL)
    return FALSE;
  if (g_str_equal (name, ".") || g_str_equal (name, ".."))
    return FALSE;
  return !sb_safe_text_has_controls (name);
}

/* Why a file may not travel in a packet under @name, or NULL: the same
 * for the writer and the reader. */
char *
sb_packet_name_problem (const char *name)
{
  g_autofree char *value = NULL;

  /* Quoted only for a message: every file of a packet passes here. */
  if (!name_is_safe (name))
    {
      value = sb_json_quote (name);
      return g_strdup_printf (_("the file name “%s” is not a plain file name (folders, “..”, control and "
                                "bidirectional characters are refused)"), value);
    }
  if (sb_media_name_is_executable (name))
    {
      value = sb_json_quote (name);
      return g_strdup_printf (_("“%s” is named as a program or launcher (“.desktop”, “.sh”, “.exe”…), which is "
                                "never accepted as an attachment"), value);
    }
  return NULL;
}

static char *
attachment_key (const char *sha256,
                const char *path,
                int         row)
{
  return g_strdup_printf ("%s %s %d", sha256 ? sha256 : "", path, row);
}

/* A set of the attached files, so that each descriptor is found in one
 * lookup: a roster of a thousand people has thousands of files. */
void
sb_packet_descriptor_check_init (DescriptorCheck *check,
                                 GPtrArray       *attachments)
{
  check->present = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check->missing = g_string_new (NULL);
  check->refused = NULL;
  for (guint i = 0; i < attachments->len; i++)
    {
      SbPacketAttachment *attachment = g_ptr_array_index (attachments, i);

      g_hash_table_add (check->present, attachment_key (attachment->sha256, attachment->field, attachment->row));
    }
}

void
sb_packet_descriptor_check_clear (DescriptorCheck *check)
{
  g_clear_pointer (&check->present, g_hash_table_unref);
  g_string_free (check->missing, TRUE);
  check->missing = NULL;
  g_clear_pointer (&check->refused, g_free);
}

void
sb_packet_check_descriptor (const char *path,
                            int         row,
                            JsonObject *descriptor,
                            gpointer    data)
{
  DescriptorCheck *check = data;
  JsonNode *sha256_node = json_object_get_member (descriptor, "sha256");
  JsonNode *name_node = json_object_get_member (descriptor, "name");
  const char *sha256 = sha256_node != NULL && JSON_NODE_HOLDS_VALUE (sha256_node)
                       ? json_node_get_string (sha256_node) : NULL;
  const char *name = name_node != NULL && JSON_NODE_HOLDS_VALUE (name_node) ? json_node_get_string (name_node) : "?";

  g_autofree char *key = attachment_key (sha256, path, row);
  g_autofree char *problem = NULL;

  /* The name the answers give is the one shown beside the file. */
  if (check->refused == NULL && (problem = sb_packet_name_problem (name)) != NULL)
    check->refused = row >= 0 ? g_strdup_printf ("$.answers.%s (row %d): %s", path, row + 1, problem)
                              : g_strdup_printf ("$.answers.%s: %s", path, problem);

  if (sha256 != NULL && g_hash_table_contains (check->present, key))
    return;

  if (check->missing->len > 0)
    g_string_append (check->missing, ", ");
  g_clear_pointer (&problem, g_free);
  problem = sb_json_quote (name);
  if (row >= 0)
    g_string_append_printf (check->missing, _("“%s” (%s, row %d)"), problem, path, row + 1);
  else
    g_string_append_printf (check->missing, _("“%s” (%s)"), problem, path);
}

/* @name as messages show it, quoted once and only when a message needs it. */
static const char *
quoted_name (char       **shown,
             const char  *name)
{
  if (*shown == NULL)
    *shown = sb_json_quote (name);
  return *shown;
}

static gboolean
is_base64 (const char *text)
{
  gsize length = strlen (text);

  if (length % 4 != 0)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!(g_ascii_isalnum (text[i]) || text[i] == '+' || text[i] == '/' || (text[i] == '=' && i >= length - 2)))
      return FALSE;
  return TRUE;
}

gboolean
sb_packet_read_attachments (SbPacket   *self,
                            JsonArray  *array,
                            GString    *problems,
                            GError    **error)
{
  static const char *keys[] = { "field", "row", "name", "media_type", "size", "sha256", "data", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.attachments[%u]", i);
      JsonNode *node = json_array_get_element (array, i);
      SbPacketAttachment *attachment;
      JsonObject *object;
      JsonNode *row, *size;
      const char *field, *name, *media_type, *sha256, *data;
      SbField *target;
      g_autofree char *shown_name = NULL;
      guchar *decoded;
      gsize decoded_length;

      if ((object = sb_json_node_get_object (&sb_packet_json, node, path, error)) == NULL ||
          !sb_json_check_members (&sb_packet_json, object, path, keys, TRUE, error))
        return FALSE;

      if ((field = sb_json_get_string (&sb_packet_json, object, path,
                                       "field", SB_JSON_REQUIRED, MAX_FIELD_PATH_BYTES, error)) == NULL ||
          (name = sb_json_get_string (&sb_packet_json, object, path,
                                      "name", SB_JSON_REQUIRED, MAX_FILE_NAME_BYTES, error)) == NULL ||
          (media_type = sb_json_get_string (&sb_packet_json, object, path,
                                            "media_type", SB_JSON_REQUIRED, MAX_MEDIA_TYPE_BYTES, error)) == NULL ||
          (sha256 = sb_json_get_string (&sb_packet_json, object, path, "sha256", SB_JSON_REQUIRED, 64, error)) == NULL ||
          (data = sb_json_get_string (&sb_packet_json, object, path, "data", SB_JSON_REQUIRED, G_MAXINT, error)) == NULL)
        return FALSE;

      {
        g_autofree char *problem = sb_packet_name_problem (name);

        if (problem != NULL)
          return sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, "%s: %s", path, problem);
      }

      target = sb_form_definition_lookup_path (self->definition, field);
      if (target == NULL || target->type != SB_FIELD_ATTACHMENT)
        {
          g_autofree char *value = sb_json_quote (field);

          return sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("%s: “%s” is not an attachment field of this form"),
                                    path, value);
        }
      if (!sb_packet_is_media_type (media_type))
        {
          g_autofree char *value = sb_json_quote (media_type);

          return sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("%s.media_type: “%s” is not a media type"),
                                    path, value);
        }
      if (!sb_packet_is_sha256 (sha256))
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID,
                                  _("%s.sha256: not a SHA-256 (64 lowercase hexadecimal digits)"), path);

      row = json_object_get_member (object, "row");
      size = json_object_get_member (object, "size");
      if (!sb_json_node_is_int_in (size, 0, G_MAXINT64))
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s.size: expected a byte count"), path);
      if (!(JSON_NODE_HOLDS_NULL (row) || sb_json_node_is_int_in (row, 0, G_MAXINT - 1)))
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s.row: expected a row number or null"), path);
      if ((target->table != NULL) != !JSON_NODE_HOLDS_NULL (row))
        /* Whole sentences, not fragments: a translation may need another order. */
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID,
                                  target->table ? _("%s.row: a file of a table needs its row")
                                                : _("%s.row: only files of a table have a row"), path);
      if (!is_base64 (data))
        return sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("%s.data: the bytes of “%s” are not base64"),
                                  path, quoted_name (&shown_name, name));

      /* Refuse the absurd before decoding it. */
      if (json_node_get_int (size) > target->max_size || strlen (data) / 4 * 3 > (gsize) target->max_size + 3)
        {
          /* Numbers as strings: a G_GINT64_FORMAT in a msgid differs between platforms. */
          g_autofree char *allowed = g_strdup_printf ("%" G_GINT64_FORMAT, target->max_size);

          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append_printf (problems, _("“%s” is larger than the %s bytes allowed"),
                                  quoted_name (&shown_name, name), allowed);
          continue;
        }

      decoded = g_base64_decode (data, &decoded_length);
      attachment = g_new0 (SbPacketAttachment, 1);
      attachment->field = g_strdup (field);
      attachment->row = JSON_NODE_HOLDS_NULL (row) ? -1 : (int) json_node_get_int (row);
      attachment->name = g_strdup (name);
      attachment->media_type = g_strdup (media_type);
      attachment->size = json_node_get_int (size);
      attachment->sha256 = g_strdup (sha256);
      attachment->data = g_bytes_new_take (decoded, decoded_length);
      g_ptr_array_add (self->attachments, attachment);

      if ((gint64) decoded_length != attachment->size)
        {
          g_autofree char *actual_size = g_strdup_printf ("%" G_GSIZE_FORMAT, decoded_length);
          g_autofree char *claimed_size = g_strdup_printf ("%" G_GINT64_FORMAT, attachment->size);

          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append_printf (problems, _("“%s” is %s bytes, not the %s it claims"),
                                  quoted_name (&shown_name, name), actual_size, claimed_size);
        }
      else
        {
          g_autofree char *actual = sb_packet_sha256_hex (attachment->data);

          if (!g_str_equal (actual, sha256))
            {
              if (problems->len > 0)
                g_string_append (problems, "; ");
              g_string_append_printf (problems, _("“%s” does not match its SHA-256 (the bytes were changed)"),
                                      quoted_name (&shown_name, name));
            }
          /* HTML declared as a PDF would be handed to a browser by "Open":
           * a file is what its bytes are, whatever it is called. */
          else if (!sb_media_type_matches (media_type, g_bytes_get_data (attachment->data, NULL), decoded_length))
            {
              if (problems->len > 0)
                g_string_append (problems, "; ");
              g_string_append_printf (problems, _("the bytes of “%s” are not of its declared type %s"),
                                      quoted_name (&shown_name, name), media_type);
            }
        }
    }

  return TRUE;
}

char *
sb_packet_safe_file_name (const char *name)
{
  g_autofree char *base = NULL;
  GString *safe;

  g_return_val_if_fail (name != NULL, NULL);

  base = g_utf8_validate (name, -1, NULL) ? g_path_get_basename (name) : g_strdup ("attachment");
  safe = g_string_new (NULL);
  for (const char *p = base; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c) || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
          c == '"' || c == '<' || c == '>' || c == '|')
        g_string_append_c (safe, '_');
      else
        g_string_append_unichar (safe, c);
    }

  /* No hidden files, no "." or "..". */
  while (safe->len > 0 && safe->str[0] == '.')
    g_string_erase (safe, 0, 1);
  if (safe->len == 0)
    g_string_assign (safe, "attachment");

  return g_string_free (safe, FALSE);
}
