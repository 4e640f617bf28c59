/* sb-packet-writer.c — making a packet: its reference, its JSON, its integrity hash
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

/* No 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
static const char reference_alphabet[] = "345679ACDEFGHJKMNPQRTUVWXY";

static char
reference_check_character (const char *body)
{
  guint sum = 0, weight = 1;

  for (const char *p = body; *p; p++, weight++)
    sum += weight * (guchar) *p;
  return reference_alphabet[sum % (sizeof reference_alphabet - 1)];
}

/* What the reference is derived from: what the applicant submitted, so
 * the same application always gets the same number. */
const char * const sb_packet_reference_members[] = { "form", "submission_date", "created", "answers", NULL };

/* @digest: the SHA-256 of the canonical object of @root's
 * sb_packet_reference_members. */
char *
sb_packet_reference_from_digest (SbFormDefinition *definition,
                                 JsonNode         *root,
                                 const guint8     *digest)
{
  JsonObject *object = json_node_get_object (root);
  const char *prefix = sb_form_definition_get_reference_prefix (definition);
  g_autofree char *date = NULL;
  GString *body;
  const char *submission = NULL;

  if (json_object_has_member (object, "submission_date") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "submission_date")))
    submission = json_object_get_string_member (object, "submission_date");
  date = submission && strlen (submission) == 10
    ? g_strdup_printf ("%.2s%.2s%.2s", submission + 2, submission + 5, submission + 8)
    : g_strdup ("000000");

  body = g_string_new (prefix);
  g_string_append (body, date);
  g_string_append_c (body, '-');
  for (guint i = 0; i < 6; i++)
    g_string_append_c (body, reference_alphabet[digest[i] % (sizeof reference_alphabet - 1)]);
  g_string_append_c (body, reference_check_character (body->str));
  return g_string_free (body, FALSE);
}

char *
sb_packet_compute_reference (SbFormDefinition *definition,
                             JsonNode         *root)
{
  guint8 whole[SB_SHA256_DIGEST_SIZE], digest[SB_SHA256_DIGEST_SIZE];

  if (!sb_canonical_json_sha256_without (root, NULL, sb_packet_reference_members, whole, digest, NULL))
    return g_strdup ("");
  return sb_packet_reference_from_digest (definition, root, digest);
}

static JsonNode *
string_or_null (const char *text)
{
  JsonNode *node = json_node_new (text ? JSON_NODE_VALUE : JSON_NODE_NULL);

  if (text)
    json_node_set_string (node, text);
  return node;
}

static JsonNode *
build_root (SbPacket *self,
            JsonNode *validation)
{
  g_autoptr(JsonObject) root = json_object_new ();
  g_autoptr(JsonObject) form = json_object_new ();
  g_autoptr(JsonObject) justifications = json_object_new ();
  g_autoptr(JsonArray) attachments = json_array_new ();
  g_autoptr(JsonObject) answers = sb_answers_to_json (self->answers, TRUE);
  g_autofree char *date = self->submission_date ? sb_date_to_string (self->submission_date) : NULL;
  GHashTableIter iter;
  gpointer key, value;
  JsonNode *node;

  json_object_set_int_member (root, "format", SB_PACKET_FORMAT);
  json_object_set_string_member (root, "kind", "shenbao-packet");
  json_object_set_string_member (form, "id", sb_form_definition_get_id (self->definition));
  json_object_set_string_member (form, "version", sb_form_definition_get_version (self->definition));
  json_object_set_string_member (form, "sha256", sb_form_definition_get_sha256 (self->definition));
  json_object_set_object_member (root, "form", json_object_ref (form));
  json_object_set_string_member (root, "status", self->draft ? "draft" : "final");
  json_object_set_string_member (root, "created", self->created);
  json_object_set_member (root, "finalised", string_or_null (self->finalised));
  json_object_set_member (root, "submission_date", string_or_null (date));
  json_object_set_object_member (root, "answers", json_object_ref (answers));

  g_hash_table_iter_init (&iter, self->justifications);
  while (g_hash_table_iter_next (&iter, &key, &value))
    json_object_set_string_member (justifications, key, value);
  json_object_set_object_member (root, "justifications", json_object_ref (justifications));

  for (guint i = 0; i < self->attachments->len; i++)
    {
      SbPacketAttachment *attachment = g_ptr_array_index (self->attachments, i);
      JsonObject *object = json_object_new ();
      g_autofree char *data = g_base64_encode (g_bytes_get_data (attachment->data, NULL),
                                               g_bytes_get_size (attachment->data));

      json_object_set_string_member (object, "field", attachment->field);
      if (attachment->row >= 0)
        json_object_set_int_member (object, "row", attachment->row);
      else
        json_object_set_null_member (object, "row");
      json_object_set_string_member (object, "name", attachment->name);
      json_object_set_string_member (object, "media_type", attachment->media_type);
      json_object_set_int_member (object, "size", attachment->size);
      json_object_set_string_member (object, "sha256", attachment->sha256);
      json_object_set_string_member (object, "data", data);
      json_array_add_object_element (attachments, object);
    }
  json_object_set_array_member (root, "attachments", json_array_ref (attachments));
  json_object_set_member (root, "validation", json_node_copy (validation));

  node = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (node, root);
  return node;
}

/* What the integrity hash leaves out: the integrity block itself, and the
 * signatures, which sign the integrity block in turn (so signing a packet
 * never changes its hash, and a packet can be signed more than once). */
const char * const sb_packet_unhashed_members[] = { "integrity", SB_PACKET_SIGNATURES_MEMBER, NULL };

/* The hash of everything but the integrity block and the signatures. */
char *
sb_packet_compute_integrity (JsonNode  *root,
                             GError   **error)
{
  guint8 digest[SB_SHA256_DIGEST_SIZE];

  if (!sb_canonical_json_sha256_without (root, sb_packet_unhashed_members, NULL, digest, NULL, error))
    return NULL;
  return sb_sha256_hex (digest);
}

static void
set_integrity (JsonNode   *root,
               const char *hash)
{
  JsonObject *integrity = json_object_new ();

  json_object_set_string_member (integrity, "algorithm", "sha256");
  json_object_set_string_member (integrity, "canonicalization", "JCS");
  json_object_set_string_member (integrity, "hash", hash);
  json_object_set_object_member (json_node_get_object (root), "integrity", integrity);
}

SbPacket *
sb_packet_new (SbAnswers   *answers,
               gint32       submission_date,
               GHashTable  *justifications,
               GPtrArray   *attachments,
               const char  *created,
               const char  *finalised,
               SbCalendar  *calendar,
               GError     **error)
{
  g_autoptr(SbPacket) self = NULL;
  g_autoptr(JsonObject) answers_json = NULL;
  g_autoptr(JsonNode) validation = NULL;
  g_autofree char *hash = NULL;
  DescriptorCheck descriptor_check;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (created != NULL, NULL);

  self = g_object_new (SB_TYPE_PACKET, NULL);
  if (!sb_packet_check_dates (created, finalised, submission_date, &self->dated_in_future, error))
    return NULL;
  self->definition = g_object_ref (sb_answers_get_definition (answers));
  self->draft = finalised == NULL;
  self->submission_date = submission_date;
  self->created = g_strdup (created);
  self->finalised = g_strdup (finalised);

  /* The packet holds its own copy of the visible answers. */
  answers_json = sb_answers_to_json (answers, TRUE);
  self->answers = sb_answers_new (self->definition);
  sb_answers_set_json (self->answers, answers_json);

  if (justifications != NULL)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, justifications);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          if (value == NULL || *(const char *) value == '\0')
            continue;
          if (strlen (value) > MAX_JUSTIFICATION_BYTES)
            {
              sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("the justification of %s is longer than %d bytes"),
                                 (const char *) key, MAX_JUSTIFICATION_BYTES);
              return NULL;
            }
          g_hash_table_insert (self->justifications, g_strdup (key), g_strdup (value));
        }
    }

  if (attachments != NULL)
    {
      /* Taken: the packet owns the attachments from here on. */
      for (guint i = 0; i < attachments->len; i++)
        g_ptr_array_add (self->attachments, g_ptr_array_index (attachments, i));
      g_ptr_array_set_free_func (attachments, NULL);
      g_ptr_array_unref (attachments);
    }

  /* Every file the answers describe must come with its bytes. */
  sb_packet_descriptor_check_init (&descriptor_check, self->attachments);
  sb_answers_json_foreach_attachment (self->definition, answers_json, sb_packet_check_descriptor, &descriptor_check);
  if (descriptor_check.refused != NULL)
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, "%s", descriptor_check.refused);
      sb_packet_descriptor_check_clear (&descriptor_check);
      return NULL;
    }
  if (descriptor_check.missing->len > 0)
    {
      /* Translators: %s is a list of files, “name” (field) */
      sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("the bytes of %s are missing"), descriptor_check.missing->str);
      sb_packet_descriptor_check_clear (&descriptor_check);
      return NULL;
    }
  sb_packet_descriptor_check_clear (&descriptor_check);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      SbPacketAttachment *attachment = g_ptr_array_index (self->attachments, i);
      g_autofree char *problem = sb_packet_name_problem (attachment->name);
      gsize size;
      gconstpointer data = g_bytes_get_data (attachment->data, &size);

      if (problem != NULL)
        {
          sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, "%s", problem);
          return NULL;
        }
      /* What the reader would refuse or fail, the writer never makes. */
      if (!sb_packet_is_media_type (attachment->media_type) || !sb_media_type_matches (attachment->media_type, data, size))
        {
          g_autofree char *name = sb_json_quote (attachment->name);
          g_autofree char *type = sb_json_quote (attachment->media_type);

          sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("the bytes of “%s” are not of its declared type %s"),
                             name, type);
          return NULL;
        }
    }

  self->report = sb_validate (self->answers, submission_date, calendar);

  if (!self->draft)
    {
      sb_packet_check_ready (self);
      if (!((SbPacketCheck *) g_ptr_array_index (self->checks, self->checks->len - 1))->ok)
        {
          SbPacketCheck *check = g_ptr_array_index (self->checks, self->checks->len - 1);

          sb_packet_invalid (error, SB_PACKET_ERROR_NOT_READY, "%s", check->message);
          return NULL;
        }
      if (submission_date == 0)
        {
          sb_packet_invalid (error, SB_PACKET_ERROR_NOT_READY, _("a final packet needs its submission date"));
          return NULL;
        }
    }
  g_ptr_array_set_size (self->checks, 0);

  validation = sb_validation_report_to_json (self->report);
  self->root = build_root (self, validation);
  self->reference = sb_packet_compute_reference (self->definition, self->root);
  json_object_set_string_member (json_node_get_object (self->root), "reference", self->reference);

  hash = sb_packet_compute_integrity (self->root, error);
  if (hash == NULL)
    return NULL;
  self->integrity_hash = g_steal_pointer (&hash);
  set_integrity (self->root, self->integrity_hash);

  /* Translators: the integrity line of a packet made on this computer */
  sb_packet_add_check (self, SB_PACKET_CHECK_INTEGRITY, TRUE, _("made here"));
  return g_steal_pointer (&self);
}

GBytes *
sb_packet_to_bytes (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);

  /* Both roots hold integers and strings only; this cannot fail. */
  return sb_canonical_json_serialize (self->root, NULL);
}

gboolean
sb_packet_save (SbPacket    *self,
                const char  *path,
                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (SB_IS_PACKET (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  bytes = sb_packet_to_bytes (self);
  if (!g_file_set_contents_full (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0644, &local_error))
    return sb_packet_invalid (error, SB_PACKET_ERROR_IO, _("the packet could not be saved: %s"), local_error->message);

  return TRUE;
}

gboolean
sb_packet_reference_is_valid (const char *reference)
{
  g_autofree char *body = NULL;
  gsize length, letters = 0;

  if (reference == NULL)
    return FALSE;
  length = strlen (reference);
  while (letters < length && g_ascii_isupper (reference[letters]))
    letters++;
  /* A reference_prefix (1 to 4 capital letters, as form definitions are
   * loaded), six digits, a dash, seven of the alphabet. */
  if (letters < 1 || letters > 4 || length != letters + 6 + 1 + 7)
    return FALSE;
  for (gsize i = letters; i < letters + 6; i++)
    if (!g_ascii_isdigit (reference[i]))
      return FALSE;
  if (reference[letters + 6] != '-')
    return FALSE;
  for (gsize i = letters + 7; i < length; i++)
    if (strchr (reference_alphabet, reference[i]) == NULL)
      return FALSE;

  body = g_strndup (reference, length - 1);
  return reference_check_character (body) == reference[length - 1];
}
