/* sb-packet.c — the application packet: answers, files, checks, integrity
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
#include "sb-packet.h"
#include "sb-safe-text.h"

#define MAX_DEPTH 64
/* Text answers longer than this are not answers (a text field with a
 * max_length allows four bytes, the longest UTF-8 character, per
 * character of it instead). */
#define MAX_TEXT_BYTES (1024 * 1024)
/* What each member may weigh: every one is bounded before it is used, so a
 * 100 MB "created" is refused instead of copied, compared and printed.
 * Identifiers are those of the form definitions; a field path is
 * "table[].column". */
#define MAX_ID_BYTES 64
#define MAX_VERSION_BYTES 32
#define MAX_FIELD_PATH_BYTES 200
#define MAX_FILE_NAME_BYTES 255
/* RFC 6838 allows 127 characters for each half. */
#define MAX_MEDIA_TYPE_BYTES 255
#define MAX_JUSTIFICATION_BYTES SB_PACKET_MAX_JUSTIFICATION_BYTES
/* A rule message may quote an answer, which may be a long text. */
#define MAX_MESSAGE_BYTES (2 * MAX_TEXT_BYTES)
/* How much of a refused value an error quotes. */

/* No 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
static const char reference_alphabet[] = "345679ACDEFGHJKMNPQRTUVWXY";

struct _SbPacket
{
  GObject             parent_instance;

  SbFormDefinition   *definition;
  SbAnswers          *answers;
  gboolean            draft;
  gint32              submission_date;
  char               *created;
  char               *finalised;
  char               *reference;
  char               *integrity_hash;
  GHashTable         *justifications;
  GPtrArray          *attachments;
  SbValidationReport *report;
  GPtrArray          *checks;
  GPtrArray          *differences;  /* SbPacketDifference* */
  gboolean            dated_in_future;
  JsonNode           *root;     /* the whole packet, as written or read */
};

G_DEFINE_FINAL_TYPE (SbPacket, sb_packet, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-packet-error-quark, sb_packet_error)

/* Auxiliary functions */

static void
check_free (SbPacketCheck *check)
{
  g_free (check->message);
  g_free (check);
}

static void G_GNUC_PRINTF (4, 5)
add_check (SbPacket          *self,
           SbPacketCheckKind  kind,
           gboolean           ok,
           const char        *format,
           ...)
{
  SbPacketCheck *check = g_new0 (SbPacketCheck, 1);
  va_list args;

  check->kind = kind;
  check->ok = ok;
  va_start (args, format);
  check->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (self->checks, check);
}

static char *
sha256_hex (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

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

static gboolean
is_sha256 (const char *text)
{
  return strlen (text) == 64 && strspn (text, "0123456789abcdef") == 64;
}

/* "type/subtype" of RFC 6838's restricted names (no parameters). */
static gboolean
is_media_type (const char *text)
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
static gboolean
parse_timestamp (const char *text,
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

/* The latest date that is today somewhere: UTC+14 (Kiribati) is ahead of
 * everyone, so only a date after it is in the future wherever the packet
 * was made.  The reader's clock, not the packet's. */
static gint32
latest_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ahead = g_date_time_add_hours (now, 14);
  int year, month, day;

  g_date_time_get_ymd (ahead, &year, &month, &day);
  return sb_date_from_ymd (year, month, day);
}

/* Whether the dates of a packet are real and in order: created no later
 * than finalised, and the submission date (the applicant's local date when
 * it was finalised) not before the day it was created, a day of time
 * zones allowed.  The writer and the reader both check, so no packet made
 * here is refused when read.  *@future says whether one of them is after
 * today. */
static gboolean
check_dates (const char  *created,
             const char  *finalised,
             gint32       submission_date,
             gboolean    *future,
             GError     **error)
{
  gint64 created_at, finalised_at;
  gint32 created_day, finalised_day = 0;
  gint32 today = latest_today ();

  if (!parse_timestamp (created, &created_at, &created_day))
    {
      g_autofree char *value = sb_json_quote (created);

      /* Translators: keep the example time as it is */
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID,
                   _("$.created: “%s” is not a real UTC time such as 2024-03-14T09:00:00Z"), value);
      return FALSE;
    }
  if (finalised != NULL && !parse_timestamp (finalised, &finalised_at, &finalised_day))
    {
      g_autofree char *value = sb_json_quote (finalised);

      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID,
                   _("$.finalised: “%s” is not a real UTC time such as 2024-03-14T09:00:00Z"), value);
      return FALSE;
    }
  if (finalised != NULL && finalised_at < created_at)
    {
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID,
                   _("$.finalised: the packet was finalised (%s) before it was created (%s)"), finalised, created);
      return FALSE;
    }
  if (submission_date != 0 && submission_date < created_day - 1)
    {
      g_autofree char *date = sb_date_to_string (submission_date);

      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID,
                   _("$.submission_date: %s is before the packet was created (%s)"), date, created);
      return FALSE;
    }

  *future = created_day > today || finalised_day > today || submission_date > today;
  return TRUE;
}

static char
reference_check_character (const char *body)
{
  guint sum = 0, weight = 1;

  for (const char *p = body; *p; p++, weight++)
    sum += weight * (guchar) *p;
  return reference_alphabet[sum % (sizeof reference_alphabet - 1)];
}

/* Derived from what the applicant submitted, so the same application always
 * gets the same number. */
static char *
compute_reference (SbFormDefinition *definition,
                   JsonNode         *root)
{
  JsonObject *object = json_node_get_object (root);
  g_autoptr(JsonObject) content = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) bytes = NULL;
  const char *prefix = sb_form_definition_get_reference_prefix (definition);
  g_autofree char *date = NULL;
  GString *body;
  guint8 digest[32];
  gsize digest_length = sizeof digest;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *submission = NULL;

  for (const char * const *key = (const char *[]) { "form", "submission_date", "created", "answers", NULL }; *key; key++)
    if (json_object_has_member (object, *key))
      json_object_set_member (content, *key, json_node_copy (json_object_get_member (object, *key)));
  json_node_set_object (node, content);
  bytes = sb_canonical_json_serialize (node, NULL);
  if (bytes == NULL)
    return g_strdup ("");

  g_checksum_update (checksum, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_checksum_get_digest (checksum, digest, &digest_length);

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

/* The hash of everything but the integrity block itself. */
static char *
compute_integrity (JsonNode  *root,
                   GError   **error)
{
  g_autoptr(GBytes) bytes = sb_canonical_json_serialize_without (root, "integrity", error);

  if (bytes == NULL)
    return NULL;
  return sha256_hex (bytes);
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
static char *
name_problem (const char *name)
{
  g_autofree char *value = sb_json_quote (name);

  if (!name_is_safe (name))
    return g_strdup_printf (_("the file name “%s” is not a plain file name (folders, “..”, control and "
                              "bidirectional characters are refused)"), value);
  if (sb_media_name_is_executable (name))
    return g_strdup_printf (_("“%s” is named as a program or launcher (“.desktop”, “.sh”, “.exe”…), which is "
                              "never accepted as an attachment"), value);
  return NULL;
}

typedef struct
{
  GHashTable *present;   /* "sha256 path row" of every attached file */
  GString    *missing;
  char       *refused;   /* the first descriptor whose name is refused */
} DescriptorCheck;

static char *
attachment_key (const char *sha256,
                const char *path,
                int         row)
{
  return g_strdup_printf ("%s %s %d", sha256 ? sha256 : "", path, row);
}

/* A set of the attached files, so that each descriptor is found in one
 * lookup: a roster of a thousand people has thousands of files. */
static void
descriptor_check_init (DescriptorCheck *check,
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

static void
descriptor_check_clear (DescriptorCheck *check)
{
  g_clear_pointer (&check->present, g_hash_table_unref);
  g_string_free (check->missing, TRUE);
  check->missing = NULL;
  g_clear_pointer (&check->refused, g_free);
}

static void
check_descriptor (const char *path,
                  int         row,
                  JsonObject *descriptor,
                  gpointer    data)
{
  DescriptorCheck *check = data;
  const char *sha256 = json_object_has_member (descriptor, "sha256") &&
                       JSON_NODE_HOLDS_VALUE (json_object_get_member (descriptor, "sha256"))
                       ? json_object_get_string_member (descriptor, "sha256") : NULL;
  const char *name = json_object_has_member (descriptor, "name") &&
                     JSON_NODE_HOLDS_VALUE (json_object_get_member (descriptor, "name"))
                     ? json_object_get_string_member (descriptor, "name") : "?";

  g_autofree char *key = attachment_key (sha256, path, row);
  g_autofree char *problem = NULL;

  /* The name the answers give is the one shown beside the file. */
  if (check->refused == NULL && (problem = name_problem (name)) != NULL)
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

static void
check_ready (SbPacket *self)
{
  GPtrArray *findings = sb_validation_report_get_findings (self->report);
  g_autoptr(GString) problems = g_string_new (NULL);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == SB_SEVERITY_ERROR ||
          (finding->severity == SB_SEVERITY_WARNING && !g_hash_table_contains (self->justifications, finding->rule_id)))
        {
          if (problems->len > 0)
            g_string_append (problems, ", ");
          /* Translators: after a rule id, in the list of rules that stop a final packet */
          g_string_append_printf (problems, "%s%s", finding->rule_id,
                                  finding->severity == SB_SEVERITY_WARNING ? _(" (no justification)") : "");
        }
    }

  if (problems->len == 0)
    add_check (self, SB_PACKET_CHECK_READY, TRUE, _("no error fires and every warning is justified"));
  else
    add_check (self, SB_PACKET_CHECK_READY, FALSE, _("the packet is final but does not pass: %s"), problems->str);
}

static const char *
optional_string (JsonObject *object,
                 const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (!sb_json_node_is_string (node))
    return "";
  return json_node_get_string (node);
}

/* "rule field row" of one result of a findings array, or NULL when it
 * names no rule. */
static char *
finding_key (JsonObject  *object,
             const char **rule_out,
             const char **field_out,
             gint64      *row_out)
{
  const char *rule, *field = "";
  gint64 row = -1;

  if (!json_object_has_member (object, "rule") || !JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "rule")))
    return NULL;
  rule = json_object_get_string_member (object, "rule");
  if (json_object_has_member (object, "field") && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "field")))
    field = json_object_get_string_member (object, "field");
  if (json_object_has_member (object, "row") && JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "row")))
    row = json_object_get_int_member (object, "row");
  if (rule == NULL)
    return NULL;
  if (rule_out != NULL)
    *rule_out = rule;
  if (field_out != NULL)
    *field_out = field;
  if (row_out != NULL)
    *row_out = row;
  return g_strdup_printf ("%s %s %" G_GINT64_FORMAT, rule, field ? field : "", row);
}

/* The (rule, field, row) of a findings array, as strings, each to what it
 * says: severity and messages. */
static GHashTable *
finding_keys (JsonArray *array)
{
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *object;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      object = json_node_get_object (node);
      if ((key = finding_key (object, NULL, NULL, NULL)) != NULL)
        g_hash_table_insert (keys, key,
                             g_strjoin ("\n", optional_string (object, "severity"), optional_string (object, "message"),
                                        optional_string (object, "message_en"), NULL));
    }

  return keys;
}

static void
difference_free (SbPacketDifference *difference)
{
  g_free (difference->rule);
  g_free (difference->field);
  g_free (difference);
}

static void
add_difference (SbPacket                *self,
                SbPacketDifferenceKind   kind,
                const char              *rule,
                const char              *field,
                gint64                   row,
                const SbFinding         *finding)
{
  SbPacketDifference *difference = g_new0 (SbPacketDifference, 1);

  difference->kind = kind;
  difference->rule = g_strdup (rule);
  difference->field = field != NULL && *field != '\0' ? g_strdup (field) : NULL;
  difference->row = row >= 0 && row <= G_MAXINT ? (int) row : -1;
  difference->finding = finding;
  g_ptr_array_add (self->differences, difference);
}

/* The stored results against those computed now: first what the packet
 * states and does not fire now (in the packet's order), then what fires now
 * and the packet does not say, or says in other words (in the report's). */
static void
compare_validation (SbPacket  *self,
                    JsonArray *stored)
{
  g_autoptr(JsonNode) computed_node = sb_validation_report_to_json (self->report);
  JsonArray *computed_array = json_node_get_array (computed_node);
  GPtrArray *findings = sb_validation_report_get_findings (self->report);
  g_autoptr(GHashTable) computed = finding_keys (computed_array);
  g_autoptr(GHashTable) claimed = finding_keys (stored);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) differences = g_string_new (NULL);   /* what fires now, as the summary says first */
  g_autoptr(GString) not_now = g_string_new (NULL);

  for (guint i = 0; stored != NULL && i < json_array_get_length (stored); i++)
    {
      JsonNode *node = json_array_get_element (stored, i);
      const char *rule, *field;
      gint64 row;
      char *key;

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          (key = finding_key (json_node_get_object (node), &rule, &field, &row)) == NULL)
        continue;
      if (!g_hash_table_add (seen, key) || g_hash_table_contains (computed, key))
        continue;
      if (not_now->len > 0)
        g_string_append (not_now, "; ");
      g_string_append_printf (not_now, _("%s is in the packet but does not fire now"), key);
      add_difference (self, SB_PACKET_DIFFERENCE_NOT_NOW, rule, field, row, NULL);
    }

  g_hash_table_remove_all (seen);
  for (guint i = 0; i < json_array_get_length (computed_array); i++)
    {
      JsonObject *object = json_array_get_object_element (computed_array, i);
      const char *rule, *field, *claimed_value;
      gint64 row;
      char *key = finding_key (object, &rule, &field, &row);

      if (key == NULL || !g_hash_table_add (seen, key))
        continue;
      claimed_value = g_hash_table_lookup (claimed, key);
      if (claimed_value == NULL)
        {
          if (differences->len > 0)
            g_string_append (differences, "; ");
          /* Translators: %s is a rule result, "rule-id field row" */
          g_string_append_printf (differences, _("%s fires now but the packet does not say so"), key);
          add_difference (self, SB_PACKET_DIFFERENCE_FIRES_NOW, rule, field, row, g_ptr_array_index (findings, i));
        }
      /* The stored words are never shown: what a reviewer reads is
       * computed from the definition, so words that differ are only a
       * difference of the summary. */
      else if (!g_str_equal (claimed_value, g_hash_table_lookup (computed, key)))
        {
          if (differences->len > 0)
            g_string_append (differences, "; ");
          /* Translators: %s is a rule result, "rule-id field row" */
          g_string_append_printf (differences, _("the packet's message or severity for %s differs from the one "
                                                 "computed now"), key);
          add_difference (self, SB_PACKET_DIFFERENCE_WORDS, rule, field, row, g_ptr_array_index (findings, i));
        }
    }

  if (differences->len > 0 && not_now->len > 0)
    g_string_append (differences, "; ");
  g_string_append (differences, not_now->str);

  if (differences->len == 0)
    add_check (self, SB_PACKET_CHECK_VALIDATION, TRUE, _("the stored rule results match those computed now (%u)"),
               g_hash_table_size (computed));
  else
    add_check (self, SB_PACKET_CHECK_VALIDATION, FALSE, _("the stored rule results differ: %s"), differences->str);
}

static void
check_in_force (SbPacket *self)
{
  g_autofree char *date = NULL;

  if (self->submission_date == 0)
    {
      add_check (self, SB_PACKET_CHECK_IN_FORCE, self->draft, _("the packet has no submission date"));
      return;
    }

  date = sb_date_to_string (self->submission_date);
  if (sb_form_definition_is_in_force (self->definition, self->submission_date))
    /* Translators: the regulation's document number (文号), then a date */
    add_check (self, SB_PACKET_CHECK_IN_FORCE, TRUE, _("%s was in force on %s"),
               sb_form_definition_get_regulation (self->definition)->document_no, date);
  else
    add_check (self, SB_PACKET_CHECK_IN_FORCE, FALSE, _("%s was not in force on %s"),
               sb_form_definition_get_regulation (self->definition)->document_no, date);
}

/* Strict reading */

static const SbJsonErrorKind packet_json = { sb_packet_error_quark, SB_PACKET_ERROR_INVALID };

static gboolean G_GNUC_PRINTF (3, 4)
invalid (GError     **error,
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

/* No text in the answers may be longer than its field allows (attachment
 * bytes live elsewhere). */
static gboolean
check_text_sizes (JsonNode    *node,
                  GString     *path,
                  gsize        limit,
                  GError     **error)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING && strlen (json_node_get_string (node)) > limit)
        return invalid (error, SB_PACKET_ERROR_INVALID, _("%s: a text longer than %d bytes"), path->str, (int) limit);
      return TRUE;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        gsize length = path->len;

        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            g_string_append_printf (path, "[%u]", i);
            if (!check_text_sizes (json_array_get_element (array, i), path, limit, error))
              return FALSE;
            g_string_truncate (path, length);
          }
        return TRUE;
      }

    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gsize length = path->len;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            g_autofree char *shown_name = sb_json_quote (name);

            g_string_append_printf (path, ".%s", shown_name);
            if (!check_text_sizes (member, path, limit, error))
              return FALSE;
            g_string_truncate (path, length);
          }
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

static gboolean
check_answer_sizes (SbFormDefinition  *definition,
                    JsonObject        *answers,
                    GError           **error)
{
  g_autoptr(GString) path = g_string_new ("$.answers");
  JsonObjectIter iter;
  const char *id;
  JsonNode *node;

  json_object_iter_init (&iter, answers);
  while (json_object_iter_next (&iter, &id, &node))
    {
      SbField *field = sb_form_definition_lookup_field (definition, id);
      g_autofree char *shown_id = sb_json_quote (id);

      g_string_truncate (path, strlen ("$.answers"));
      g_string_append_printf (path, ".%s", shown_id);
      if (field != NULL && field->type == SB_FIELD_TABLE && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *rows = json_node_get_array (node);
          gsize row_path = path->len;

          for (guint r = 0; r < json_array_get_length (rows); r++)
            {
              JsonNode *row = json_array_get_element (rows, r);
              JsonObjectIter cells;
              const char *column_id;
              JsonNode *cell;

              g_string_truncate (path, row_path);
              g_string_append_printf (path, "[%u]", r);
              if (!JSON_NODE_HOLDS_OBJECT (row))
                {
                  if (!check_text_sizes (row, path, 4096, error))
                    return FALSE;
                  continue;
                }
              json_object_iter_init (&cells, json_node_get_object (row));
              while (json_object_iter_next (&cells, &column_id, &cell))
                {
                  SbField *column = NULL;
                  gsize cell_path = path->len;
                  g_autofree char *shown_column = sb_json_quote (column_id);

                  for (guint c = 0; c < field->columns->len && column == NULL; c++)
                    if (g_str_equal (((SbField *) g_ptr_array_index (field->columns, c))->id, column_id))
                      column = g_ptr_array_index (field->columns, c);
                  g_string_append_printf (path, ".%s", shown_column);
                  if (!check_text_sizes (cell, path, answer_limit (column), error))
                    return FALSE;
                  g_string_truncate (path, cell_path);
                }
            }
        }
      else if (!check_text_sizes (node, path, answer_limit (field), error))
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

      if ((object = sb_json_node_get_object (&packet_json, node, path, error)) == NULL ||
          !sb_json_check_members (&packet_json, object, path, keys, FALSE, error))
        return FALSE;

      if ((rule = sb_json_get_string (&packet_json, object, path,
                                      "rule", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL ||
          (severity = sb_json_get_string (&packet_json, object, path,
                                          "severity", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL ||
          sb_json_get_string (&packet_json, object, path,
                              "message", SB_JSON_REQUIRED, MAX_MESSAGE_BYTES, error) == NULL)
        return FALSE;
      field = sb_json_get_string (&packet_json, object, path,
                                  "field", SB_JSON_REQUIRED_OR_NULL, MAX_FIELD_PATH_BYTES, &local_error);
      if (local_error == NULL && field != NULL && !is_field_path (field))
        {
          g_autofree char *value = sb_json_quote (field);

          return invalid (error, SB_PACKET_ERROR_INVALID, _("%s.field: “%s” is not a field of this form"), path, value);
        }
      if (local_error == NULL && json_object_has_member (object, "message_en"))
        sb_json_get_string (&packet_json, object, path,
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

          return invalid (error, SB_PACKET_ERROR_INVALID, _("%s.rule: “%s” is not a rule id"), path, value);
        }
      if (!g_str_equal (severity, "error") && !g_str_equal (severity, "warning") && !g_str_equal (severity, "info"))
        return invalid (error, SB_PACKET_ERROR_INVALID, _("%s.severity: expected “error”, “warning” or “info”"), path);
      member = json_object_get_member (object, "row");
      if (member == NULL ||
          !(JSON_NODE_HOLDS_NULL (member) || sb_json_node_is_int_in (member, 0, G_MAXINT - 1)))
        return invalid (error, SB_PACKET_ERROR_INVALID, _("%s.row: expected a row number or null"), path);
      member = json_object_get_member (object, "technical");
      if (member != NULL && !sb_json_node_is_bool (member))
        return invalid (error, SB_PACKET_ERROR_INVALID, _("%s.technical: expected “true” or “false”"), path);
    }

  return TRUE;
}

/* A packet dated after today (wherever it was made) is read, but does
 * not verify: its dates are not true, whatever made them. */
static void
check_dated (SbPacket *self)
{
  g_autofree char *submitted = self->submission_date ? sb_date_to_string (self->submission_date) : NULL;
  g_autofree char *today = sb_date_to_string (latest_today ());
  g_autofree char *dates = NULL;

  if (self->finalised != NULL)
    /* Translators: the created and finalised times, then the submission date */
    dates = g_strdup_printf (_("created %s, finalised %s, submitted %s"), self->created, self->finalised,
                             submitted ? submitted : "—");
  else
    dates = g_strdup_printf (_("created %s, a draft"), self->created);

  if (self->dated_in_future)
    /* Translators: the dates, then today's date */
    add_check (self, SB_PACKET_CHECK_DATES, FALSE, _("the packet is dated in the future (%s; today is %s)"), dates,
               today);
  else
    add_check (self, SB_PACKET_CHECK_DATES, TRUE, _("the dates are real and in order (%s)"), dates);
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

static gboolean
read_attachments (SbPacket   *self,
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

      if ((object = sb_json_node_get_object (&packet_json, node, path, error)) == NULL ||
          !sb_json_check_members (&packet_json, object, path, keys, TRUE, error))
        return FALSE;

      if ((field = sb_json_get_string (&packet_json, object, path,
                                       "field", SB_JSON_REQUIRED, MAX_FIELD_PATH_BYTES, error)) == NULL ||
          (name = sb_json_get_string (&packet_json, object, path,
                                      "name", SB_JSON_REQUIRED, MAX_FILE_NAME_BYTES, error)) == NULL ||
          (media_type = sb_json_get_string (&packet_json, object, path,
                                            "media_type", SB_JSON_REQUIRED, MAX_MEDIA_TYPE_BYTES, error)) == NULL ||
          (sha256 = sb_json_get_string (&packet_json, object, path, "sha256", SB_JSON_REQUIRED, 64, error)) == NULL ||
          (data = sb_json_get_string (&packet_json, object, path, "data", SB_JSON_REQUIRED, G_MAXINT, error)) == NULL)
        return FALSE;

      {
        g_autofree char *problem = name_problem (name);

        if (problem != NULL)
          return invalid (error, SB_PACKET_ERROR_ATTACHMENT, "%s: %s", path, problem);
      }
      shown_name = sb_json_quote (name);

      target = sb_form_definition_lookup_path (self->definition, field);
      if (target == NULL || target->type != SB_FIELD_ATTACHMENT)
        {
          g_autofree char *value = sb_json_quote (field);

          return invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("%s: “%s” is not an attachment field of this form"),
                          path, value);
        }
      if (!is_media_type (media_type))
        {
          g_autofree char *value = sb_json_quote (media_type);

          return invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("%s.media_type: “%s” is not a media type"), path, value);
        }
      if (!is_sha256 (sha256))
        return invalid (error, SB_PACKET_ERROR_INVALID,
                        _("%s.sha256: not a SHA-256 (64 lowercase hexadecimal digits)"), path);

      row = json_object_get_member (object, "row");
      size = json_object_get_member (object, "size");
      if (!sb_json_node_is_int_in (size, 0, G_MAXINT64))
        return invalid (error, SB_PACKET_ERROR_INVALID, _("%s.size: expected a byte count"), path);
      if (!(JSON_NODE_HOLDS_NULL (row) || sb_json_node_is_int_in (row, 0, G_MAXINT - 1)))
        return invalid (error, SB_PACKET_ERROR_INVALID, _("%s.row: expected a row number or null"), path);
      if ((target->table != NULL) != !JSON_NODE_HOLDS_NULL (row))
        /* Whole sentences, not fragments: a translation may need another order. */
        return invalid (error, SB_PACKET_ERROR_INVALID,
                        target->table ? _("%s.row: a file of a table needs its row")
                                      : _("%s.row: only files of a table have a row"), path);
      if (!is_base64 (data))
        return invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("%s.data: the bytes of “%s” are not base64"), path, shown_name);

      /* Refuse the absurd before decoding it. */
      if (json_node_get_int (size) > target->max_size || strlen (data) / 4 * 3 > (gsize) target->max_size + 3)
        {
          /* Numbers as strings: a G_GINT64_FORMAT in a msgid differs between platforms. */
          g_autofree char *allowed = g_strdup_printf ("%" G_GINT64_FORMAT, target->max_size);

          if (problems->len > 0)
            g_string_append (problems, "; ");
          g_string_append_printf (problems, _("“%s” is larger than the %s bytes allowed"), shown_name, allowed);
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
          g_string_append_printf (problems, _("“%s” is %s bytes, not the %s it claims"), shown_name, actual_size,
                                  claimed_size);
        }
      else
        {
          g_autofree char *actual = sha256_hex (attachment->data);

          if (!g_str_equal (actual, sha256))
            {
              if (problems->len > 0)
                g_string_append (problems, "; ");
              g_string_append_printf (problems, _("“%s” does not match its SHA-256 (the bytes were changed)"), shown_name);
            }
          /* HTML declared as a PDF would be handed to a browser by "Open":
           * a file is what its bytes are, whatever it is called. */
          else if (!sb_media_type_matches (media_type, g_bytes_get_data (attachment->data, NULL), decoded_length))
            {
              if (problems->len > 0)
                g_string_append (problems, "; ");
              g_string_append_printf (problems, _("the bytes of “%s” are not of its declared type %s"), shown_name,
                                      media_type);
            }
        }
    }

  return TRUE;
}

/* GObject overrides */

static void
sb_packet_finalize (GObject *object)
{
  SbPacket *self = (SbPacket *) object;

  g_clear_object (&self->definition);
  g_clear_object (&self->answers);
  g_free (self->created);
  g_free (self->finalised);
  g_free (self->reference);
  g_free (self->integrity_hash);
  g_clear_pointer (&self->justifications, g_hash_table_unref);
  g_clear_pointer (&self->attachments, g_ptr_array_unref);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->differences, g_ptr_array_unref);
  g_clear_pointer (&self->root, json_node_unref);

  G_OBJECT_CLASS (sb_packet_parent_class)->finalize (object);
}

static void
sb_packet_class_init (SbPacketClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_packet_finalize;
}

static void
sb_packet_init (SbPacket *self)
{
  self->justifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_attachment_free);
  self->checks = g_ptr_array_new_with_free_func ((GDestroyNotify) check_free);
  self->differences = g_ptr_array_new_with_free_func ((GDestroyNotify) difference_free);
}

/* Public API */

SbPacketAttachment *
sb_packet_attachment_new (const char *field,
                          int         row,
                          const char *name,
                          const char *media_type,
                          GBytes     *data)
{
  SbPacketAttachment *attachment;

  g_return_val_if_fail (field != NULL && name != NULL && media_type != NULL && data != NULL, NULL);

  attachment = g_new0 (SbPacketAttachment, 1);
  attachment->field = g_strdup (field);
  attachment->row = row;
  attachment->name = g_strdup (name);
  attachment->media_type = g_strdup (media_type);
  attachment->size = g_bytes_get_size (data);
  attachment->sha256 = sha256_hex (data);
  attachment->data = g_bytes_ref (data);
  return attachment;
}

void
sb_packet_attachment_free (SbPacketAttachment *attachment)
{
  if (attachment == NULL)
    return;
  g_free (attachment->field);
  g_free (attachment->name);
  g_free (attachment->media_type);
  g_free (attachment->sha256);
  g_clear_pointer (&attachment->data, g_bytes_unref);
  g_free (attachment);
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
  if (!check_dates (created, finalised, submission_date, &self->dated_in_future, error))
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
              invalid (error, SB_PACKET_ERROR_INVALID, _("the justification of %s is longer than %d bytes"),
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
  descriptor_check_init (&descriptor_check, self->attachments);
  sb_answers_json_foreach_attachment (self->definition, answers_json, check_descriptor, &descriptor_check);
  if (descriptor_check.refused != NULL)
    {
      invalid (error, SB_PACKET_ERROR_ATTACHMENT, "%s", descriptor_check.refused);
      descriptor_check_clear (&descriptor_check);
      return NULL;
    }
  if (descriptor_check.missing->len > 0)
    {
      /* Translators: %s is a list of files, “name” (field) */
      invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("the bytes of %s are missing"), descriptor_check.missing->str);
      descriptor_check_clear (&descriptor_check);
      return NULL;
    }
  descriptor_check_clear (&descriptor_check);

  for (guint i = 0; i < self->attachments->len; i++)
    {
      SbPacketAttachment *attachment = g_ptr_array_index (self->attachments, i);
      g_autofree char *problem = name_problem (attachment->name);
      gsize size;
      gconstpointer data = g_bytes_get_data (attachment->data, &size);

      if (problem != NULL)
        {
          invalid (error, SB_PACKET_ERROR_ATTACHMENT, "%s", problem);
          return NULL;
        }
      /* What the reader would refuse or fail, the writer never makes. */
      if (!is_media_type (attachment->media_type) || !sb_media_type_matches (attachment->media_type, data, size))
        {
          g_autofree char *name = sb_json_quote (attachment->name);
          g_autofree char *type = sb_json_quote (attachment->media_type);

          invalid (error, SB_PACKET_ERROR_ATTACHMENT, _("the bytes of “%s” are not of its declared type %s"), name, type);
          return NULL;
        }
    }

  self->report = sb_validate (self->answers, submission_date, calendar);

  if (!self->draft)
    {
      check_ready (self);
      if (!((SbPacketCheck *) g_ptr_array_index (self->checks, self->checks->len - 1))->ok)
        {
          SbPacketCheck *check = g_ptr_array_index (self->checks, self->checks->len - 1);

          invalid (error, SB_PACKET_ERROR_NOT_READY, "%s", check->message);
          return NULL;
        }
      if (submission_date == 0)
        {
          invalid (error, SB_PACKET_ERROR_NOT_READY, _("a final packet needs its submission date"));
          return NULL;
        }
    }
  g_ptr_array_set_size (self->checks, 0);

  validation = sb_validation_report_to_json (self->report);
  self->root = build_root (self, validation);
  self->reference = compute_reference (self->definition, self->root);
  json_object_set_string_member (json_node_get_object (self->root), "reference", self->reference);

  hash = compute_integrity (self->root, error);
  if (hash == NULL)
    return NULL;
  self->integrity_hash = g_steal_pointer (&hash);
  set_integrity (self->root, self->integrity_hash);

  /* Translators: the integrity line of a packet made on this computer */
  add_check (self, SB_PACKET_CHECK_INTEGRITY, TRUE, _("made here"));
  return g_steal_pointer (&self);
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
  static const char *form_keys[] = { "id", "version", "sha256", NULL };
  static const char *integrity_keys[] = { "algorithm", "canonicalization", "hash", NULL };
  g_autoptr(SbPacket) self = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GString) attachment_problems = g_string_new (NULL);
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
  self->root = sb_json_parse_untrusted (data, length, SB_PACKET_MAX_SIZE, MAX_DEPTH, &local_error);
  if (self->root == NULL)
    {
      invalid (error, SB_PACKET_ERROR_INVALID, _("not a readable packet: %s"), local_error->message);
      return NULL;
    }
  if (!JSON_NODE_HOLDS_OBJECT (self->root))
    {
      invalid (error, SB_PACKET_ERROR_INVALID, _("not a packet: the file holds no JSON object"));
      return NULL;
    }
  root = json_node_get_object (self->root);

  /* The format first: a newer packet deserves "update Shenbao", not a
   * list of members we do not know. */
  format = json_object_get_member (root, "format");
  if (!sb_json_node_is_int (format))
    {
      invalid (error, SB_PACKET_ERROR_INVALID, _("not a packet: $.format is missing"));
      return NULL;
    }
  if (json_node_get_int (format) != SB_PACKET_FORMAT)
    {
      /* The number as a string: a G_GINT64_FORMAT in a msgid differs between platforms. */
      g_autofree char *found = g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (format));

      invalid (error, SB_PACKET_ERROR_UNSUPPORTED, _("the packet is in format %s; this version of Shenbao reads format %d"),
               found, SB_PACKET_FORMAT);
      return NULL;
    }

  if (!sb_json_check_members (&packet_json, root, "$", keys, TRUE, error))
    return NULL;

  if ((kind = sb_json_get_string (&packet_json, root, "$", "kind", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL)
    return NULL;
  if (!g_str_equal (kind, "shenbao-packet"))
    {
      g_autofree char *value = sb_json_quote (kind);

      invalid (error, SB_PACKET_ERROR_INVALID, _("not a packet (kind “%s”)"), value);
      return NULL;
    }

  if ((form = sb_json_get_object (&packet_json, root, "$", "form", SB_JSON_REQUIRED, error)) == NULL ||
      !sb_json_check_members (&packet_json, form, "$.form", form_keys, TRUE, error) ||
      (form_id = sb_json_get_string (&packet_json, form, "$.form",
                                     "id", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL ||
      (form_version = sb_json_get_string (&packet_json, form, "$.form",
                                          "version", SB_JSON_REQUIRED, MAX_VERSION_BYTES, error)) == NULL ||
      (form_sha256 = sb_json_get_string (&packet_json, form, "$.form", "sha256", SB_JSON_REQUIRED, 64, error)) == NULL)
    return NULL;
  /* Before the registry is asked, and before either is quoted: a form id
   * or version may become part of a folder or file name. */
  if (!is_identifier (form_id))
    {
      g_autofree char *value = sb_json_quote (form_id);

      invalid (error, SB_PACKET_ERROR_INVALID,
               _("$.form.id: “%s” is not a form id (letters, digits and “_”, at most %d)"), value, MAX_ID_BYTES);
      return NULL;
    }
  if (!is_version (form_version))
    {
      g_autofree char *value = sb_json_quote (form_version);

      invalid (error, SB_PACKET_ERROR_INVALID, _("$.form.version: “%s” is not a form version such as 1.0"), value);
      return NULL;
    }
  if (!is_sha256 (form_sha256))
    {
      invalid (error, SB_PACKET_ERROR_INVALID, _("$.form.sha256: not a SHA-256 (64 lowercase hexadecimal digits)"));
      return NULL;
    }

  self->definition = sb_form_registry_lookup_version (registry, form_id, form_version);
  if (self->definition == NULL)
    {
      if (sb_form_registry_lookup (registry, form_id, 0) != NULL)
        invalid (error, SB_PACKET_ERROR_UNKNOWN_FORM,
                 _("the packet was made with version %s of the form “%s”, which is not installed"), form_version, form_id);
      else
        invalid (error, SB_PACKET_ERROR_UNKNOWN_FORM, _("the packet is of the form “%s”, which is not installed"), form_id);
      return NULL;
    }
  g_object_ref (self->definition);

  if ((status = sb_json_get_string (&packet_json, root, "$", "status", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL)
    return NULL;
  if (!g_str_equal (status, "draft") && !g_str_equal (status, "final"))
    {
      g_autofree char *value = sb_json_quote (status);

      invalid (error, SB_PACKET_ERROR_INVALID, _("$.status: “%s” is neither draft nor final"), value);
      return NULL;
    }
  self->draft = g_str_equal (status, "draft");

  if ((text = sb_json_get_string (&packet_json, root, "$", "created", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL)
    return NULL;
  self->created = g_strdup (text);
  text = sb_json_get_string (&packet_json, root, "$",
                             "finalised", SB_JSON_REQUIRED_OR_NULL, MAX_ID_BYTES, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  self->finalised = g_strdup (text);
  if ((self->finalised == NULL) != self->draft)
    {
      invalid (error, SB_PACKET_ERROR_INVALID, "%s",
               self->draft ? _("$.finalised: a draft packet has no finalisation time")
                           : _("$.finalised: a final packet needs its finalisation time"));
      return NULL;
    }

  date = sb_json_get_string (&packet_json, root, "$",
                             "submission_date", SB_JSON_REQUIRED_OR_NULL, MAX_ID_BYTES, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (date != NULL && !sb_date_parse (date, &self->submission_date))
    {
      g_autofree char *value = sb_json_quote (date);

      invalid (error, SB_PACKET_ERROR_INVALID, _("$.submission_date: “%s” is not a date"), value);
      return NULL;
    }
  if (!check_dates (self->created, self->finalised, self->submission_date, &self->dated_in_future, error))
    return NULL;

  if ((text = sb_json_get_string (&packet_json, root, "$", "reference", SB_JSON_REQUIRED, MAX_ID_BYTES, error)) == NULL)
    return NULL;
  /* A reviewer's folders and files are named after it. */
  if (!sb_packet_reference_is_valid (text))
    {
      g_autofree char *value = sb_json_quote (text);

      invalid (error, SB_PACKET_ERROR_INVALID, _("$.reference: “%s” is not a reference number such as “%s”"), value,
               "KJ240315-7HQ4MXR");
      return NULL;
    }
  self->reference = g_strdup (text);

  if ((answers = sb_json_get_object (&packet_json, root, "$", "answers", SB_JSON_REQUIRED, error)) == NULL ||
      !check_answer_sizes (self->definition, answers, error))
    return NULL;

  if ((justifications = sb_json_get_object (&packet_json, root, "$",
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
            invalid (error, SB_PACKET_ERROR_INVALID, _("$.justifications.%s: expected a text"), shown_id);
            return NULL;
          }
        if (sb_form_definition_lookup_rule (self->definition, rule_id) == NULL)
          {
            invalid (error, SB_PACKET_ERROR_INVALID, _("$.justifications: “%s” is not a rule of this form"), shown_id);
            return NULL;
          }
        if (strlen (json_node_get_string (value)) > MAX_JUSTIFICATION_BYTES)
          {
            g_autofree char *where = g_strdup_printf ("$.justifications.%s", rule_id);

            invalid (error, SB_PACKET_ERROR_INVALID, _("%s: a text longer than %d bytes"), where,
                     MAX_JUSTIFICATION_BYTES);
            return NULL;
          }
        g_hash_table_insert (self->justifications, g_strdup (rule_id), g_strdup (json_node_get_string (value)));
      }
  }

  if ((attachments = sb_json_get_array (&packet_json, root, "$", "attachments", SB_JSON_REQUIRED, error)) == NULL ||
      !read_attachments (self, attachments, attachment_problems, error))
    return NULL;

  if ((validation = sb_json_get_array (&packet_json, root, "$", "validation", SB_JSON_REQUIRED, error)) == NULL ||
      !check_validation_entries (self->definition, validation, error))
    return NULL;

  if ((integrity = sb_json_get_object (&packet_json, root, "$", "integrity", SB_JSON_REQUIRED, error)) == NULL ||
      !sb_json_check_members (&packet_json, integrity, "$.integrity", integrity_keys, TRUE, error) ||
      (stored_hash = sb_json_get_string (&packet_json, integrity, "$.integrity",
                                         "hash", SB_JSON_REQUIRED, 64, error)) == NULL)
    return NULL;
  if (g_strcmp0 (sb_json_get_string (&packet_json, integrity, "$.integrity",
                                     "algorithm", SB_JSON_REQUIRED, MAX_ID_BYTES, NULL), "sha256") != 0 ||
      g_strcmp0 (sb_json_get_string (&packet_json, integrity, "$.integrity",
                                     "canonicalization", SB_JSON_REQUIRED, MAX_ID_BYTES, NULL), "JCS") != 0)
    {
      invalid (error, SB_PACKET_ERROR_UNSUPPORTED, _("$.integrity: only sha256 over JCS is supported"));
      return NULL;
    }
  if (!is_sha256 (stored_hash))
    {
      invalid (error, SB_PACKET_ERROR_INVALID, _("$.integrity.hash: not a SHA-256 (64 lowercase hexadecimal digits)"));
      return NULL;
    }
  self->integrity_hash = g_strdup (stored_hash);

  /* Everything is readable: now see whether it is what it says it is. */
  {
    g_autofree char *actual = compute_integrity (self->root, &local_error);
    g_autofree char *expected_reference = compute_reference (self->definition, self->root);

    if (actual == NULL)
      {
        g_propagate_error (error, g_steal_pointer (&local_error));
        return NULL;
      }
    if (!g_str_equal (actual, stored_hash))
      add_check (self, SB_PACKET_CHECK_INTEGRITY, FALSE,
                 _("the packet was altered after it was made: its content hashes to %s, not to the %s it carries"),
                 actual, stored_hash);
    else if (!g_str_equal (expected_reference, self->reference))
      add_check (self, SB_PACKET_CHECK_INTEGRITY, FALSE,
                 _("the reference number %s does not belong to this content (expected %s)"),
                 self->reference, expected_reference);
    else
      add_check (self, SB_PACKET_CHECK_INTEGRITY, TRUE, _("the integrity hash matches the content (%s)"), actual);
  }

  {
    DescriptorCheck descriptor_check;

    descriptor_check_init (&descriptor_check, self->attachments);
    sb_answers_json_foreach_attachment (self->definition, answers, check_descriptor,
                                        &descriptor_check);
    if (descriptor_check.refused != NULL)
      {
        invalid (error, SB_PACKET_ERROR_ATTACHMENT, "%s", descriptor_check.refused);
        descriptor_check_clear (&descriptor_check);
        return NULL;
      }
    if (descriptor_check.missing->len > 0)
      {
        if (attachment_problems->len > 0)
          g_string_append (attachment_problems, "; ");
        g_string_append_printf (attachment_problems, _("the packet lacks the bytes of %s"),
                                descriptor_check.missing->str);
      }
    descriptor_check_clear (&descriptor_check);
  }
  if (attachment_problems->len > 0)
    add_check (self, SB_PACKET_CHECK_ATTACHMENTS, FALSE, "%s", attachment_problems->str);
  else
    add_check (self, SB_PACKET_CHECK_ATTACHMENTS, TRUE, _("%u attached files match their sizes and hashes"),
               self->attachments->len);

  if (g_str_equal (form_sha256, sb_form_definition_get_sha256 (self->definition)))
    add_check (self, SB_PACKET_CHECK_DEFINITION, TRUE, _("made with form %s version %s, which is installed unchanged"),
               form_id, form_version);
  else
    add_check (self, SB_PACKET_CHECK_DEFINITION, FALSE,
               _("made with form %s version %s, but the installed definition of that version differs from the one "
                 "the packet names (%s)"), form_id, form_version, form_sha256);

  check_in_force (self);
  check_dated (self);

  self->answers = sb_answers_new (self->definition);
  sb_answers_set_json (self->answers, answers);
  self->report = sb_validate (self->answers, self->submission_date, calendar);
  compare_validation (self, json_object_get_array_member (root, "validation"));
  if (!self->draft)
    check_ready (self);

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
      invalid (error, SB_PACKET_ERROR_IO, "%s: %s", name, local_error->message);
      return NULL;
    }
  if (g_file_info_get_size (info) > SB_PACKET_MAX_SIZE)
    {
      /* Translators: a file name, then the largest packet in MiB */
      invalid (error, SB_PACKET_ERROR_INVALID, _("%s is larger than the %d MiB a packet may be"), name,
               SB_PACKET_MAX_SIZE / (1024 * 1024));
      return NULL;
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      invalid (error, SB_PACKET_ERROR_IO, "%s: %s", name, local_error->message);
      return NULL;
    }

  return sb_packet_new_from_bytes (bytes, registry, calendar, error);
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
    return invalid (error, SB_PACKET_ERROR_IO, _("the packet could not be saved: %s"), local_error->message);

  return TRUE;
}

SbFormDefinition *
sb_packet_get_definition (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->definition;
}

SbAnswers *
sb_packet_get_answers (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->answers;
}

gboolean
sb_packet_is_draft (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), TRUE);
  return self->draft;
}

gint32
sb_packet_get_submission_date (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), 0);
  return self->submission_date;
}

const char *
sb_packet_get_created (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->created;
}

const char *
sb_packet_get_finalised (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->finalised;
}

const char *
sb_packet_get_reference (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->reference;
}

const char *
sb_packet_get_integrity_hash (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->integrity_hash;
}

GHashTable *
sb_packet_get_justifications (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->justifications;
}

GPtrArray *
sb_packet_get_attachments (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->attachments;
}

SbValidationReport *
sb_packet_get_report (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->report;
}

GPtrArray *
sb_packet_get_checks (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->checks;
}

GPtrArray *
sb_packet_get_validation_differences (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), NULL);
  return self->differences;
}

gboolean
sb_packet_is_dated_in_future (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), FALSE);
  return self->dated_in_future;
}

gboolean
sb_packet_is_verified (SbPacket *self)
{
  g_return_val_if_fail (SB_IS_PACKET (self), FALSE);

  for (guint i = 0; i < self->checks->len; i++)
    if (!((SbPacketCheck *) g_ptr_array_index (self->checks, i))->ok)
      return FALSE;
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

gboolean
sb_packet_timestamp_is_valid (const char *text)
{
  gint64 seconds;
  gint32 day;

  return text != NULL && parse_timestamp (text, &seconds, &day);
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
