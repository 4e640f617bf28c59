/* sb-packet-reader.c — reading a packet strictly: the grammar and size of each member
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

/* The grammar of form ids (as form definitions are loaded). */
static gboolean
is_identifier (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > MAX_ID_BYTES || g_ascii_isdigit (text[0]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isalnum (text[i]) && text[i] != '_')
      return FALSE;
  return TRUE;
}

/* "1", "1.0", "2.10": the form schema's version grammar. */
static gboolean
is_version (const char *text)
{
  gsize length = strlen (text);
  gboolean digit_before = FALSE;

  if (length == 0 || length > MAX_VERSION_BYTES)
    return FALSE;
  for (gsize i = 0; i < length; i++)
    {
      if (g_ascii_isdigit (text[i]))
        digit_before = TRUE;
      else if (text[i] == '.' && digit_before && i + 1 < length)
        digit_before = FALSE;
      else
        return FALSE;
    }
  return TRUE;
}

/* "KJ-01", "SB-REQUIRED": capitals, digits and dashes. */
static gboolean
is_rule_id (const char *text)
{
  gsize length = strlen (text);

  if (length == 0 || length > MAX_ID_BYTES || !g_ascii_isupper (text[0]))
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (!g_ascii_isupper (text[i]) && !g_ascii_isdigit (text[i]) && text[i] != '-')
      return FALSE;
  return TRUE;
}

/* "field" or "table[].column", as form definitions name them. */
static gboolean
is_field_path (const char *text)
{
  const char *brackets = strstr (text, "[].");
  g_autofree char *table = NULL;

  if (strlen (text) > MAX_FIELD_PATH_BYTES)
    return FALSE;
  if (brackets == NULL)
    return is_identifier (text);
  table = g_strndup (text, brackets - text);
  return is_identifier (table) && is_identifier (brackets + 3);
}

gboolean
sb_packet_is_sha256 (const char *text)
{
  return strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64;
}

/* "type/subtype" of RFC 6838's restricted names (no parameters). */
gboolean
sb_packet_is_media_type (const char *text)
{
  static const char extra[] = "!#$&^_.+-";
  const char *slash = strchr (text, '/');
  gsize length = strlen (text);

  if (length > MAX_MEDIA_TYPE_BYTES || slash == NULL || slash == text || slash[1] == '\0')
    return FALSE;
  for (gsize i = 0; i < length; i++)
    if (text + i != slash && !g_ascii_isalnum (text[i]) && strchr (extra, text[i]) == NULL)
      return FALSE;
  return TRUE;
}

/* "2024-03-14T09:00:00Z", as the writers make it (UTC, whole seconds):
 * a real date and time, as seconds since day 0 of the calendar and its
 * day. */
gboolean
sb_packet_parse_timestamp (const char *text,
                           gint64     *seconds,
                           gint32     *day)
{
  static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
  char date[11];
  int hours, minutes, secs;

  if (strlen (text) != sizeof shape - 1)
    return FALSE;
  for (gsize i = 0; shape[i] != '\0'; i++)
    if (shape[i] == 'd' ? !g_ascii_isdigit (text[i]) : text[i] != shape[i])
      return FALSE;

  memcpy (date, text, 10);
  date[10] = '\0';
  if (!sb_date_parse (date, day))
    return FALSE;
  hours = (text[11] - '0') * 10 + (text[12] - '0');
  minutes = (text[14] - '0') * 10 + (text[15] - '0');
  secs = (text[17] - '0') * 10 + (text[18] - '0');
  /* No leap second: GLib and the writers never make one. */
  if (hours > 23 || minutes > 59 || secs > 59)
    return FALSE;
  *seconds = (gint64) *day * 86400 + hours * 3600 + minutes * 60 + secs;
  return TRUE;
}

/* Strict reading */

const SbJsonErrorKind sb_packet_json = { sb_packet_error_quark, SB_PACKET_ERROR_INVALID };

gboolean
sb_packet_invalid (GError     **error,
                   int          code,
                   const char  *format,
                   ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SB_PACKET_ERROR, code, message);
  return FALSE;
}

static gboolean
text_too_long (const SbJsonPathStep  *step,
               gsize                  limit,
               GError               **error)
{
  g_autoptr(GString) path = g_string_new (NULL);

  sb_json_path_append (path, step, "$.answers", TRUE);
  return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s: a text longer than %d bytes"), path->str, (int) limit);
}

/* No text in the answers may be longer than its field allows (attachment
 * bytes live elsewhere). */
static gboolean
check_text_sizes (JsonNode              *node,
                  const SbJsonPathStep  *step,
                  gsize                  limit,
                  GError               **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING && strlen (json_node_get_string (node)) > limit)
        return text_too_long (step, limit, error);
      return TRUE;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        SbJsonPathStep element = { step, NULL, 0 };

        for (element.index = 0; element.index < json_array_get_length (array); element.index++)
          if (!check_text_sizes (json_array_get_element (array, element.index), &element, limit, error))
            return FALSE;
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        JsonNode *member;
        SbJsonPathStep named = { step, NULL, 0 };

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &named.name, &member))
          if (!check_text_sizes (member, &named, limit, error))
            return FALSE;
        return TRUE;
      }

    default:
      return TRUE;
    }
}

/* What one string of an answer to @field may weigh: a text field's own
 * limit (four bytes, the longest UTF-8 character, per character), a long
 * text for one without, and little for a choice, a number, a date or a
 * file description, which are short by their grammar. */
static gsize
answer_limit (const SbField *field)
{
  if (field == NULL)
    return MAX_TEXT_BYTES;
  if (field->type == SB_FIELD_TEXT || field->type == SB_FIELD_MULTILINE)
    return field->max_length > 0 ? MIN ((gsize) field->max_length * 4, MAX_TEXT_BYTES) : MAX_TEXT_BYTES;
  return 4096;
}

/* The column of @table named @id, or NULL.  Every row of a table names
 * its cells in the same order, so the search starts after the column found
 * last (@next): one comparison a cell instead of half the columns' (that
 * strcmp was 1.3% of validate's perf samples over 450 packets). */
static SbField *
find_column (const SbField *table,
             const char    *id,
             guint         *next)
{
  guint n_columns = table->columns->len;

  for (guint i = 0; i < n_columns; i++)
    {
      guint c = (*next + i) % n_columns;
      SbField *column = g_ptr_array_index (table->columns, c);

      if (g_str_equal (column->id, id))
        {
          *next = c + 1;
          return column;
        }
    }
  return NULL;
}

static gboolean
check_answer_sizes (SbFormDefinition  *definition,
                    JsonObject        *answers,
                    GError           **error)
{
  JsonObjectIter iter;
  SbJsonPathStep answer = { NULL, NULL, 0 };
  JsonNode *node;

  json_object_iter_init (&iter, answers);
  while (json_object_iter_next (&iter, &answer.name, &node))
    {
      SbField *field = sb_form_definition_lookup_field (definition, answer.name);

      if (field != NULL && field->type == SB_FIELD_TABLE && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *rows = json_node_get_array (node);
          SbJsonPathStep row_step = { &answer, NULL, 0 };
          guint next_column = 0;

          for (row_step.index = 0; row_step.index < json_array_get_length (rows); row_step.index++)
            {
              JsonNode *row = json_array_get_element (rows, row_step.index);
              JsonObjectIter cells;
              SbJsonPathStep cell_step = { &row_step, NULL, 0 };
              JsonNode *cell;

              if (!JSON_NODE_HOLDS_OBJECT (row))
                {
                  if (!check_text_sizes (row, &row_step, 4096, error))
                    return FALSE;
                  continue;
                }
              json_object_iter_init (&cells, json_node_get_object (row));
              while (json_object_iter_next (&cells, &cell_step.name, &cell))
                {
                  SbField *column = find_column (field, cell_step.name, &next_column);

                  if (!check_text_sizes (cell, &cell_step, answer_limit (column), error))
                    return FALSE;
                }
            }
        }
      else if (!check_text_sizes (node, &answer, answer_limit (field), error))
        return FALSE;
    }

  return TRUE;
}

/* The validation summary is the writer's record of its rule results:
 * read for comparison only, never shown, but bounded and well formed like
 * everything else. */
static gboolean
check_validation_entries (SbFormDefinition  *definition,
                          JsonArray         *array,
                          GError           **error)
{
  static const char *keys[] = { "rule", "severity", "technical", "field", "row", "message", "message_en", NULL };

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.validation[%u]", i);
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      const char *rule, *severity, *field;
      JsonNode *member;
      g_autoptr(GError) local_error = NULL;

      if ((object = sb_json_node_get_object (&sb_packet_json, node, path, error)) == NULL ||
          !sb_json_check_members (&sb_packet_json, object, path, keys, FALSE, error))
        return FALSE;

      if ((rule = sb_json_get_string (&sb_packet_json, object, path,
                                      "rule", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL ||
          (severity = sb_json_get_string (&sb_packet_json, object, path,
                                          "severity", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL ||
          sb_json_get_string (&sb_packet_json, object, path,
                              "message", SB_JSON_REQUIRED, MAX_MESSAGE_BYTES, error) == NULL)
        return FALSE;
      field = sb_json_get_string (&sb_packet_json, object, path,
                                  "field", SB_JSON_REQUIRED_OR_NULL, MAX_FIELD_PATH_BYTES, &local_error);
      if (local_error == NULL && field != NULL && !is_field_path (field))
        {
          g_autofree char *value = sb_json_quote (field);

          return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s.field: “%s” is not a field of this form"),
                                    path, value);
        }
      if (local_error == NULL && json_object_has_member (object, "message_en"))
        sb_json_get_string (&sb_packet_json, object, path,
                            "message_en", SB_JSON_REQUIRED, MAX_MESSAGE_BYTES, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      /* Not looked up: built-in rules (SB-REQUIRED…) are no rule of the
       * definition.  Their grammar, as form definitions give it. */
      if (!is_rule_id (rule))
        {
          g_autofree char *value = sb_json_quote (rule);

          return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s.rule: “%s” is not a rule id"), path, value);
        }
      if (!g_str_equal (severity, "error") && !g_str_equal (severity, "warning") && !g_str_equal (severity, "info"))
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID,
                                  _("%s.severity: expected “error”, “warning” or “info”"), path);
      member = json_object_get_member (object, "row");
      if (member == NULL ||
          !(JSON_NODE_HOLDS_NULL (member) || sb_json_node_is_int_in (member, 0, G_MAXINT - 1)))
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s.row: expected a row number or null"), path);
      member = json_object_get_member (object, "technical");
      if (member != NULL && !sb_json_node_is_bool (member))
        return sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s.technical: expected “true” or “false”"), path);
    }

  return TRUE;
}

SbPacket *
sb_packet_new_from_bytes (GBytes          *bytes,
                          SbFormRegistry  *registry,
                          SbCalendar      *calendar,
                          GError         **error)
{
  static const char *keys[] = {
    "format", "kind", "form", "status", "created", "finalised", "submission_date", "reference",
    "answers", "justifications", "attachments", "validation", "integrity", NULL
  };
  /* The one optional member (sb-packet-signatures.c). */
  static const char *optional_keys[] = { SB_PACKET_SIGNATURES_MEMBER, NULL };
  static const char *form_keys[] = { "id", "version", "sha256", NULL };
  static const char *integrity_keys[] = { "algorithm", "canonicalization", "hash", NULL };
  g_autoptr(SbPacket) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) attachment_problems = g_string_new (NULL);
  g_autoptr(GArray) canonical_members = NULL;
  JsonObject *root, *form, *integrity, *justifications, *answers;
  JsonArray *attachments, *validation;
  JsonNode *format;
  const char *kind, *form_id, *form_version, *form_sha256, *status, *date, *text, *stored_hash;
  gconstpointer data;
  gsize length;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (SB_IS_FORM_REGISTRY (registry), NULL);

  self = g_object_new (SB_TYPE_PACKET, NULL);
  data = g_bytes_get_data (bytes, &length);
  self->root = sb_json_parse_untrusted_with_members (data, length, SB_PACKET_MAX_SIZE, MAX_DEPTH, &canonical_members,
                                                     &local_error);
  if (self->root == NULL)
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("not a readable packet: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (self->root))
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("not a packet: the file holds no JSON object"));
      return NULL;
    }
  root = json_node_get_object (self->root);

  /* The format first: a newer packet deserves "update Shenbao", not a
   * list of members we do not know. */
  format = json_object_get_member (root, "format");
  if (!sb_json_node_is_int (format))
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("not a packet: $.format is missing"));
      return NULL;
    }
  if (json_node_get_int (format) != SB_PACKET_FORMAT)
    {
      /* The number as a string: a G_GINT64_FORMAT in a msgid differs between platforms. */
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (format));

      sb_packet_invalid (error, SB_PACKET_ERROR_UNSUPPORTED,
                         _("the packet is in format %s; this version of Shenbao reads format %d"),
                         found, SB_PACKET_FORMAT);
      return NULL;
    }

  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
    g_auto(GStrv) allowed = NULL;

    g_strv_builder_addv (builder, keys);
    g_strv_builder_addv (builder, optional_keys);
    allowed = g_strv_builder_end (builder);
    if (!sb_json_check_members (&sb_packet_json, root, "$", (const char * const *) allowed, FALSE, error))
      return NULL;
    for (guint i = 0; keys[i] != NULL; i++)
      if (!json_object_has_member (root, keys[i]))
        {
          sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s.%s is missing"), "$", keys[i]);
          return NULL;
        }
  }

  if ((kind = sb_json_get_string (&sb_packet_json, root, "$", "kind", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL)
    return NULL;
  if (!g_str_equal (kind, "shenbao-packet"))
    {
      g_autofree char *value = sb_json_quote (kind);

      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("not a packet (kind “%s”)"), value);
      return NULL;
    }

  if ((form = sb_json_get_object (&sb_packet_json, root, "$", "form", SB_JSON_REQUIRED, error)) == NULL ||
      !sb_json_check_members (&sb_packet_json, form, "$.form", form_keys, TRUE, error) ||
      (form_id = sb_json_get_string (&sb_packet_json, form, "$.form",
                                     "id", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL ||
      (form_version = sb_json_get_string (&sb_packet_json, form, "$.form",
                                          "version", SB_JSON_REQUIRED, MAX_VERSION_BYTES, error)) == NULL ||
      (form_sha256 = sb_json_get_string (&sb_packet_json, form, "$.form", "sha256", SB_JSON_REQUIRED, 64, error)) == NULL)
    return NULL;
  /* Before the registry is asked, and before either is quoted: a form id
   * or version may become part of a folder or file name. */
  if (!is_identifier (form_id))
    {
      g_autofree char *value = sb_json_quote (form_id);

      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID,
                         _("$.form.id: “%s” is not a form id (letters, digits and “_”, at most %d)"), value, MAX_ID_BYTES);
      return NULL;
    }
  if (!is_version (form_version))
    {
      g_autofree char *value = sb_json_quote (form_version);

      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("$.form.version: “%s” is not a form version such as 1.0"), value);
      return NULL;
    }
  if (!sb_packet_is_sha256 (form_sha256))
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("$.form.sha256: not a SHA-256 (64 lowercase hexadecimal digits)"));
      return NULL;
    }

  self->definition = sb_form_registry_lookup_version (registry, form_id, form_version);
  if (self->definition == NULL)
    {
      if (sb_form_registry_lookup (registry, form_id, 0) != NULL)
        sb_packet_invalid (error, SB_PACKET_ERROR_UNKNOWN_FORM,
                           _("the packet was made with version %s of the form “%s”, which is not installed"),
                           form_version, form_id);
      else
        sb_packet_invalid (error, SB_PACKET_ERROR_UNKNOWN_FORM, _("the packet is of the form “%s”, which is not installed"),
                           form_id);
      return NULL;
    }
  g_object_ref (self->definition);

  if ((status = sb_json_get_string (&sb_packet_json, root, "$", "status", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL)
    return NULL;
  if (!g_str_equal (status, "draft") && !g_str_equal (status, "final"))
    {
      g_autofree char *value = sb_json_quote (status);

      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("$.status: “%s” is neither draft nor final"), value);
      return NULL;
    }
  self->draft = g_str_equal (status, "draft");

  if ((text = sb_json_get_string (&sb_packet_json, root, "$", "created", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL)
    return NULL;
  self->created = g_strdup (text);
  text = sb_json_get_string (&sb_packet_json, root, "$",
                             "finalised", SB_JSON_REQUIRED_OR_NULL, MAX_ID_BYTES, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self->finalised = g_strdup (text);
  if ((self->finalised == NULL) != self->draft)
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, "%s",
                         self->draft ? _("$.finalised: a draft packet has no finalisation time")
                                     : _("$.finalised: a final packet needs its finalisation time"));
      return NULL;
    }

  date = sb_json_get_string (&sb_packet_json, root, "$",
                             "submission_date", SB_JSON_REQUIRED_OR_NULL, MAX_ID_BYTES, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (date != NULL && !sb_date_parse (date, &self->submission_date))
    {
      g_autofree char *value = sb_json_quote (date);

      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("$.submission_date: “%s” is not a date"), value);
      return NULL;
    }
  if (!sb_packet_check_dates (self->created, self->finalised, self->submission_date, &self->dated_in_future, error))
    return NULL;

  if ((text = sb_json_get_string (&sb_packet_json, root, "$", "reference", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL)
    return NULL;
  /* A reviewer's folders and files are named after it. */
  if (!sb_packet_reference_is_valid (text))
    {
      g_autofree char *value = sb_json_quote (text);

      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID,
                         _("$.reference: “%s” is not a reference number such as “%s”"), value,
                         "KJ240315-7HQ4MXR");
      return NULL;
    }
  self->reference = g_strdup (text);

  if ((answers = sb_json_get_object (&sb_packet_json, root, "$", "answers", SB_JSON_REQUIRED, error)) == NULL ||
      !check_answer_sizes (self->definition, answers, error))
    return NULL;

  if ((justifications = sb_json_get_object (&sb_packet_json, root, "$",
                                            "justifications", SB_JSON_REQUIRED, error)) == NULL)
    return NULL;
  {
    JsonObjectIter iter;
    const char *rule_id;
    JsonNode *value;

    json_object_iter_init (&iter, justifications);
    while (json_object_iter_next (&iter, &rule_id, &value))
      {
        g_autofree char *shown_id = sb_json_quote (rule_id);

        if (!sb_json_node_is_string (value))
          {
            sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("$.justifications.%s: expected a text"), shown_id);
            return NULL;
          }
        if (sb_form_definition_lookup_rule (self->definition, rule_id) == NULL)
          {
            sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("$.justifications: “%s” is not a rule of this form"),
                               shown_id);
            return NULL;
          }
        if (strlen (json_node_get_string (value)) > MAX_JUSTIFICATION_BYTES)
          {
            g_autofree char *where = g_strdup_printf ("$.justifications.%s", rule_id);

            sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s: a text longer than %d bytes"), where,
                               MAX_JUSTIFICATION_BYTES);
            return NULL;
          }
        g_hash_table_insert (self->justifications, g_strdup (rule_id), g_strdup (json_node_get_string (value)));
      }
  }

  if ((attachments = sb_json_get_array (&sb_packet_json, root, "$", "attachments", SB_JSON_REQUIRED, error)) == NULL ||
      !sb_packet_read_attachments (self, attachments, attachment_problems, error))
    return NULL;

  if ((validation = sb_json_get_array (&sb_packet_json, root, "$", "validation", SB_JSON_REQUIRED, error)) == NULL ||
      !check_validation_entries (self->definition, validation, error))
    return NULL;

  if ((integrity = sb_json_get_object (&sb_packet_json, root, "$", "integrity", SB_JSON_REQUIRED, error)) == NULL ||
      !sb_json_check_members (&sb_packet_json, integrity, "$.integrity", integrity_keys, TRUE, error) ||
      (stored_hash = sb_json_get_string (&sb_packet_json, integrity, "$.integrity",
                                         "hash", SB_JSON_REQUIRED, 64, error)) == NULL)
    return NULL;
  if (g_strcmp0 (sb_json_get_string (&sb_packet_json, integrity, "$.integrity",
                                     "algorithm", SB_JSON_REQUIRED, MAX_ID_BYTES, NULL), "sha256") != 0 ||
      g_strcmp0 (sb_json_get_string (&sb_packet_json, integrity, "$.integrity",
                                     "canonicalization", SB_JSON_REQUIRED, MAX_ID_BYTES, NULL), "JCS") != 0)
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_UNSUPPORTED, _("$.integrity: only sha256 over JCS is supported"));
      return NULL;
    }
  if (!sb_packet_is_sha256 (stored_hash))
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("$.integrity.hash: not a SHA-256 (64 lowercase hexadecimal digits)"));
      return NULL;
    }
  self->integrity_hash = g_strdup (stored_hash);
  if (!sb_packet_read_signatures (self, root, error))
    return NULL;

  /* Everything is readable: now see whether it is what it says it is. */
  {
    guint8 digest[SB_SHA256_DIGEST_SIZE], reference_digest[SB_SHA256_DIGEST_SIZE];
    g_autofree char *actual = NULL;
    g_autofree char *expected_reference = NULL;

    /* A packet as Shenbao writes it is already in canonical form: its
     * bytes are hashed as they are.  Otherwise one serialization gives
     * both the integrity hash and the digest the reference number comes
     * from. */
    if (canonical_members != NULL)
      sb_canonical_json_sha256_of_text (data, canonical_members, sb_packet_unhashed_members, sb_packet_reference_members,
                                        digest, reference_digest);
    else if (!sb_canonical_json_sha256_without (self->root, sb_packet_unhashed_members, sb_packet_reference_members,
                                                digest, reference_digest, &local_error))
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
    actual = sb_sha256_hex (digest);
    expected_reference = sb_packet_reference_from_digest (self->definition, self->root, reference_digest);
    if (!g_str_equal (actual, stored_hash))
      sb_packet_add_check (self, SB_PACKET_CHECK_INTEGRITY, FALSE,
                           _("the packet was altered after it was made: its content hashes to %s, not to the %s it carries"),
                           actual, stored_hash);
    else if (!g_str_equal (expected_reference, self->reference))
      sb_packet_add_check (self, SB_PACKET_CHECK_INTEGRITY, FALSE,
                           _("the reference number %s does not belong to this content (expected %s)"),
                           self->reference, expected_reference);
    else
      sb_packet_add_check (self, SB_PACKET_CHECK_INTEGRITY, TRUE, _("unchanged since it was made: the integrity hash matches the content (%s)"), actual);
  }

  {
    DescriptorCheck descriptor_check;

    sb_packet_descriptor_check_init (&descriptor_check, self->attachments);
    sb_answers_json_foreach_attachment (self->definition, answers, sb_packet_check_descriptor,
                                        &descriptor_check);
    if (descriptor_check.refused != NULL)
      {
        sb_packet_invalid (error, SB_PACKET_ERROR_ATTACHMENT, "%s", descriptor_check.refused);
        sb_packet_descriptor_check_clear (&descriptor_check);
        return NULL;
      }
    if (descriptor_check.missing->len > 0)
      {
        if (attachment_problems->len > 0)
          g_string_append (attachment_problems, "; ");
        g_string_append_printf (attachment_problems, _("the packet lacks the bytes of %s"),
                                descriptor_check.missing->str);
      }
    sb_packet_descriptor_check_clear (&descriptor_check);
  }
  if (attachment_problems->len > 0)
    sb_packet_add_check (self, SB_PACKET_CHECK_ATTACHMENTS, FALSE, "%s", attachment_problems->str);
  else
    sb_packet_add_check (self, SB_PACKET_CHECK_ATTACHMENTS, TRUE, _("%u attached files match their sizes and hashes"),
                         self->attachments->len);

  if (g_str_equal (form_sha256, sb_form_definition_get_sha256 (self->definition)))
    sb_packet_add_check (self, SB_PACKET_CHECK_DEFINITION, TRUE, _("made with form %s version %s, which is installed unchanged"),
                         form_id, form_version);
  else
    sb_packet_add_check (self, SB_PACKET_CHECK_DEFINITION, FALSE,
                         _("made with form %s version %s, but the installed definition of that version differs from the one "
                           "the packet names (%s)"), form_id, form_version, form_sha256);

  sb_packet_check_in_force (self);
  sb_packet_check_dated (self);

  /* No copy: the answers share the packet's tree, which nothing changes
   * (a packet stays what was received; a reviewer edits nothing in it). */
  self->answers = sb_answers_new (self->definition);
  sb_answers_take_json (self->answers, json_object_ref (answers));
  self->report = sb_validate (self->answers, self->submission_date, calendar);
  sb_packet_compare_validation (self, json_object_get_array_member (root, "validation"));
  if (!self->draft)
    sb_packet_check_ready (self);

  return g_steal_pointer (&self);
}

SbPacket *
sb_packet_new_from_file (GFile           *file,
                         SbFormRegistry  *registry,
                         SbCalendar      *calendar,
                         GError         **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_IO, "%s: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_size (info) > SB_PACKET_MAX_SIZE)
    {
      /* Translators: a file name, then the largest packet in MiB */
      sb_packet_invalid (error, SB_PACKET_ERROR_INVALID, _("%s is larger than the %d MiB a packet may be"), name,
                         SB_PACKET_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      sb_packet_invalid (error, SB_PACKET_ERROR_IO, "%s: %s", name, local_error->message);
      return NULL;
    }

  return sb_packet_new_from_bytes (bytes, registry, calendar, error);
}

gboolean
sb_packet_timestamp_is_valid (const char *text)
{
  gint64 seconds;
  gint32 day;

  return text != NULL && sb_packet_parse_timestamp (text, &seconds, &day);
}
