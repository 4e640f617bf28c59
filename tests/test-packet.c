/* test-packet.c — canonical JSON, packets, and a corpus of hostile packets
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "sb-canonical-json.h"
#include "sb-date.h"
#include "sb-json-reader.h"
#include "sb-packet.h"
#include "test-chinese.h"
#include "test-json-edit.h"

#define SCAN_SHA256 "e5a636ac00ea3c175d3193c5d05df60ded156dd466043c70d254507ec277e4c2"

static SbFormRegistry *registry;

static const char *answers_json =
  "{\"name\": \"阳泉市城区启明科技培训中心\", \"area\": \"120.00\", \"teaching_area\": \"80.00\","
  " \"kind\": \"新设立\", \"pledge\": true, \"end_time\": \"20:30\","
  " \"staff\": [{\"staff_name\": \"张伟\", \"role\": \"教学\", \"is_foreign\": true,"
  "   \"permit_file\": [{\"name\": \"许可.pdf\", \"media_type\": \"application/pdf\", \"size\": 193, \"sha256\": \"" SCAN_SHA256 "\"}]}],"
  " \"charter_file\": [{\"name\": \"章程.pdf\", \"media_type\": \"application/pdf\", \"size\": 193, \"sha256\": \"" SCAN_SHA256 "\"}]}";

static JsonNode *
parse (const char *json)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = sb_json_parse_untrusted (json, strlen (json), 1 << 20, 64, &error);

  g_assert_no_error (error);
  return node;
}

static GBytes *
scan_bytes (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", "scan.pdf", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_load_bytes (file, NULL, NULL, NULL);
}

static SbPacket *
make_packet (gboolean draft)
{
  SbFormDefinition *definition = sb_form_registry_lookup (registry, "enginetest", 0);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autoptr(JsonNode) node = parse (answers_json);
  g_autoptr(GBytes) scan = scan_bytes ();
  g_autoptr(GHashTable) justifications = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) error = NULL;
  GPtrArray *attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_attachment_free);
  SbPacket *packet;
  gint32 date;

  sb_answers_set_json (answers, json_node_get_object (node));
  g_ptr_array_add (attachments, sb_packet_attachment_new ("charter_file", -1, "章程.pdf", "application/pdf", scan));
  g_ptr_array_add (attachments, sb_packet_attachment_new ("staff[].permit_file", 0, "许可.pdf", "application/pdf", scan));
  sb_date_parse ("2024-03-15", &date);

  packet = sb_packet_new (answers, date, justifications, attachments, "2024-03-14T09:00:00Z",
                          draft ? NULL : "2024-03-15T08:00:00Z", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (packet);
  return packet;
}

static SbPacket *
read_packet (GBytes  *bytes,
             GError **error)
{
  return sb_packet_new_from_bytes (bytes, registry, NULL, error);
}

static SbPacketCheck *
find_check (SbPacket          *packet,
            SbPacketCheckKind  kind)
{
  GPtrArray *checks = sb_packet_get_checks (packet);

  for (guint i = 0; i < checks->len; i++)
    if (((SbPacketCheck *) g_ptr_array_index (checks, i))->kind == kind)
      return g_ptr_array_index (checks, i);
  return NULL;
}

/* Canonical JSON */

static void
test_canonical_json (void)
{
  struct {
    const char *input;
    const char *canonical;
  } cases[] = {
    { "{\"b\": 1, \"a\": [true, false, null]}", "{\"a\":[true,false,null],\"b\":1}" },
    /* UTF-16 order: U+20AC (€) sorts before U+1F600 (😀, a surrogate pair
     * D83D…), although its code point is smaller only in UTF-16 terms. */
    { "{\"\\ud83d\\ude00\": 1, \"\\u20ac\": 2, \"\\u00e9\": 3, \"z\": 4}",
      "{\"z\":4,\"é\":3,\"€\":2,\"😀\":1}" },
    { "{\"t\": \"line\\nbreak \\\"quoted\\\" tab\\t \\u0001 \\u4e2d\"}",
      "{\"t\":\"line\\nbreak \\\"quoted\\\" tab\\t \\u0001 中\"}" },
    { "[ 1 , -2 , 1234567890123 ]", "[1,-2,1234567890123]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = parse (cases[i].input);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = sb_canonical_json_serialize (node, &error);
      g_autofree char *text = NULL;

      g_assert_no_error (error);
      text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
      g_assert_cmpstr (text, ==, cases[i].canonical);
    }

  /* Decimals travel as strings; a binary float is refused. */
  {
    g_autoptr(JsonNode) node = parse ("{\"amount\": 12.5}");
    g_autoptr(GError) error = NULL;
    g_autoptr(GBytes) bytes = sb_canonical_json_serialize (node, &error);

    g_assert_null (bytes);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "$.amount"));
  }
}

/* Packets */

static void
test_round_trip (void)
{
  g_autoptr(SbPacket) packet = make_packet (FALSE);
  g_autoptr(GBytes) bytes = sb_packet_to_bytes (packet);
  g_autoptr(SbPacket) read = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GError) error = NULL;

  read = read_packet (bytes, &error);
  g_assert_no_error (error);
  again = sb_packet_to_bytes (read);
  g_assert_true (g_bytes_equal (bytes, again));

  g_assert_true (sb_packet_is_verified (read));
  g_assert_cmpstr (sb_packet_get_reference (read), ==, sb_packet_get_reference (packet));
  g_assert_cmpstr (sb_packet_get_integrity_hash (read), ==, sb_packet_get_integrity_hash (packet));
  g_assert_cmpuint (sb_packet_get_attachments (read)->len, ==, 2);
  g_assert_false (sb_packet_is_draft (read));
  g_assert_true (sb_packet_reference_is_valid (sb_packet_get_reference (packet)));
  g_assert_true (g_str_has_prefix (sb_packet_get_reference (packet), "ET240315-"));
}

static void
test_reference (void)
{
  g_autoptr(SbPacket) a = make_packet (FALSE);
  g_autoptr(SbPacket) b = make_packet (FALSE);
  const char *reference = sb_packet_get_reference (a);
  g_autofree char *changed = g_strdup (reference);

  /* The same content always gets the same number. */
  g_assert_cmpstr (reference, ==, sb_packet_get_reference (b));

  /* Look-alike characters never appear. */
  for (const char *p = strchr (reference, '-') + 1; *p; p++)
    g_assert_null (strchr ("0O1IL2Z5S8B", *p));

  /* A mistyped character is caught by the check character. */
  changed[strlen (changed) - 2] = changed[strlen (changed) - 2] == 'A' ? 'C' : 'A';
  g_assert_false (sb_packet_reference_is_valid (changed));
  g_assert_false (sb_packet_reference_is_valid ("KJ"));
  g_assert_false (sb_packet_reference_is_valid (NULL));

  /* Only the grammar: nothing that could name a folder, whatever its
   * last character. */
  g_assert_true (sb_packet_reference_is_valid (reference));
  g_assert_false (sb_packet_reference_is_valid ("../../../../.config/autostart"));
  for (guint i = 0; i < sizeof "345679ACDEFGHJKMNPQRTUVWXY" - 1; i++)
    {
      g_autofree char *dots = g_strdup_printf ("ET240315-../..%c", "345679ACDEFGHJKMNPQRTUVWXY"[i]);
      g_autofree char *lower = g_ascii_strdown (reference, -1);

      g_assert_false (sb_packet_reference_is_valid (dots));
      lower[strlen (lower) - 1] = "345679ACDEFGHJKMNPQRTUVWXY"[i];
      g_assert_false (sb_packet_reference_is_valid (lower));
    }
}

static void
test_not_ready (void)
{
  SbFormDefinition *definition = sb_form_registry_lookup (registry, "enginetest", 0);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autoptr(JsonNode) node = parse ("{\"name\": \"x\", \"area\": \"99.99\", \"kind\": \"新设立\", \"pledge\": true,"
                                    " \"staff\": [{\"staff_name\": \"a\", \"role\": \"教学\"}]}");
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = NULL;

  sb_answers_set_json (answers, json_node_get_object (node));
  packet = sb_packet_new (answers, 0, NULL, NULL, "2024-03-14T09:00:00Z", "2024-03-15T08:00:00Z", NULL, &error);
  g_assert_null (packet);
  g_assert_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_NOT_READY);
  g_assert_nonnull (strstr (error->message, "ET-01"));
  g_clear_error (&error);

  /* A draft keeps what it has. */
  packet = sb_packet_new (answers, 0, NULL, NULL, "2024-03-14T09:00:00Z", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sb_packet_is_draft (packet));
}

static void
test_missing_bytes (void)
{
  SbFormDefinition *definition = sb_form_registry_lookup (registry, "enginetest", 0);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autoptr(JsonNode) node = parse (answers_json);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = NULL;

  sb_answers_set_json (answers, json_node_get_object (node));
  packet = sb_packet_new (answers, 0, NULL, NULL, "2024-03-14T09:00:00Z", NULL, NULL, &error);
  g_assert_null (packet);
  g_assert_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_ATTACHMENT);
  g_assert_nonnull (strstr (error->message, "章程.pdf"));
}

/* Changes one member of a packet's JSON (the integrity hash then no
 * longer matches). */
static GBytes *
mutate (SbPacket   *packet,
        const char *pointer_member,
        JsonNode   *value)
{
  g_autoptr(GBytes) bytes = sb_packet_to_bytes (packet);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(JsonNode) root = parse (text);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  char *changed;
  gsize length;

  json_object_set_member (json_node_get_object (root), pointer_member, value);
  json_generator_set_root (generator, root);
  changed = json_generator_to_data (generator, &length);
  return g_bytes_new_take (changed, length);
}

static void
test_tampering (void)
{
  g_autoptr(SbPacket) packet = make_packet (FALSE);
  g_autoptr(GBytes) bytes = sb_packet_to_bytes (packet);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  char *at;

  /* One changed character of an answer. */
  {
    g_autofree char *changed = g_strdup (text);
    g_autoptr(GBytes) changed_bytes = NULL;
    g_autoptr(SbPacket) read = NULL;
    g_autoptr(GError) error = NULL;

    at = strstr (changed, "120.00");
    g_assert_nonnull (at);
    at[2] = '1';
    changed_bytes = g_bytes_new (changed, strlen (changed));
    read = read_packet (changed_bytes, &error);
    g_assert_no_error (error);
    g_assert_false (find_check (read, SB_PACKET_CHECK_INTEGRITY)->ok);
    g_assert_false (sb_packet_is_verified (read));
  }

  /* Bytes of an attached file changed (base64 of the same length). */
  {
    g_autofree char *changed = g_strdup (text);
    g_autoptr(GBytes) changed_bytes = NULL;
    g_autoptr(SbPacket) read = NULL;
    g_autoptr(GError) error = NULL;

    at = strstr (changed, "\"data\":\"JVBE");
    g_assert_nonnull (at);
    at[8] = 'K';
    changed_bytes = g_bytes_new (changed, strlen (changed));
    read = read_packet (changed_bytes, &error);
    g_assert_no_error (error);
    g_assert_false (find_check (read, SB_PACKET_CHECK_ATTACHMENTS)->ok);
    g_test_message ("%s", find_check (read, SB_PACKET_CHECK_ATTACHMENTS)->message);
  }

  /* A stored validation that claims less than the rules find. */
  {
    g_autoptr(JsonNode) empty = json_node_new (JSON_NODE_ARRAY);
    g_autoptr(GBytes) changed_bytes = NULL;
    g_autoptr(SbPacket) read = NULL;
    g_autoptr(GError) error = NULL;

    json_node_take_array (empty, json_array_new ());
    changed_bytes = mutate (packet, "validation", g_steal_pointer (&empty));
    read = read_packet (changed_bytes, &error);
    g_assert_no_error (error);
    g_assert_false (find_check (read, SB_PACKET_CHECK_VALIDATION)->ok);
  }
}

/* The verification lines are shown in the reviewer's Chinese window, so
 * they are translated (issue 6): read tampered packets under zh_CN with the
 * catalogue built beside the tool. */
static void
test_checks_in_chinese (void)
{
  g_autoptr(SbPacket) packet = make_packet (FALSE);
  g_autoptr(GBytes) bytes = sb_packet_to_bytes (packet);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autofree char *tool_dir = g_path_get_dirname (g_getenv ("SHENBAO_TOOL"));
  g_autofree char *locale_dir = g_build_filename (tool_dir, "..", "..", "po", NULL);
  g_autofree char *saved_locale = g_strdup (setlocale (LC_ALL, NULL));
  g_autofree char *saved_language = g_strdup (g_getenv ("LANGUAGE"));
  g_autofree char *changed = g_strdup (text);
  g_autoptr(GBytes) changed_bytes = NULL;
  g_autoptr(SbPacket) read = NULL;
  g_autoptr(GError) error = NULL;
  SbPacketCheck *check;
  char *at;

  if (setlocale (LC_ALL, "zh_CN.UTF-8") == NULL)
    {
      g_test_skip ("the zh_CN.UTF-8 locale is not installed");
      return;
    }
  g_unsetenv ("LANGUAGE");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  /* An answer and an attached file changed. */
  at = strstr (changed, "120.00");
  g_assert_nonnull (at);
  at[2] = '1';
  at = strstr (changed, "\"data\":\"JVBE");
  g_assert_nonnull (at);
  at[8] = 'K';
  changed_bytes = g_bytes_new (changed, strlen (changed));
  read = read_packet (changed_bytes, &error);
  g_assert_no_error (error);

  check = find_check (read, SB_PACKET_CHECK_INTEGRITY);
  g_test_message ("%s", check->message);
  g_assert_false (check->ok);
  g_assert_nonnull (strstr (check->message, "申请包生成后被改动过：其内容的哈希值为 "));

  check = find_check (read, SB_PACKET_CHECK_ATTACHMENTS);
  g_test_message ("%s", check->message);
  g_assert_false (check->ok);
  g_assert_nonnull (strstr (check->message, "与其 SHA-256 校验值不符（文件内容已被改动）"));

  check = find_check (read, SB_PACKET_CHECK_DEFINITION);
  g_test_message ("%s", check->message);
  g_assert_true (check->ok);
  g_assert_nonnull (strstr (check->message, "由表单 enginetest 1.0 版生成"));

  check = find_check (read, SB_PACKET_CHECK_IN_FORCE);
  g_test_message ("%s", check->message);
  g_assert_nonnull (strstr (check->message, "2024-03-15"));
  g_assert_nonnull (strstr (check->message, "有效"));

  setlocale (LC_ALL, saved_locale);
  if (saved_language != NULL)
    g_setenv ("LANGUAGE", saved_language, TRUE);
}

/* A packet's JSON with one member changed (see test_json_edit ()). */
static GBytes *
corrupt (SbPacket   *packet,
         const char *member,
         const char *value)
{
  g_autoptr(GBytes) bytes = sb_packet_to_bytes (packet);

  return test_json_edit (bytes, member, value);
}

/* @packet's JSON with @member set to @value (taken), sealed with the
 * integrity hash of what it then holds: refused for what it says, not
 * for its hash. */
static GBytes *
sealed_with (SbPacket   *packet,
             const char *member,
             JsonNode   *value)
{
  g_autoptr(GBytes) bytes = sb_packet_to_bytes (packet);
  g_autoptr(JsonNode) root = sb_json_parse_untrusted (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                                      g_bytes_get_size (bytes), 64, NULL);
  JsonObject *object = json_node_get_object (root);
  g_autoptr(GBytes) content = NULL;
  g_autofree char *hash = NULL;

  if (g_str_equal (member, "validation[0].message"))
    json_object_set_member (json_array_get_object_element (json_object_get_array_member (object, "validation"), 0),
                            "message", value);
  else
    json_object_set_member (object, member, value);
  content = sb_canonical_json_serialize_without (root, "integrity", NULL);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, content);
  json_object_set_string_member (json_object_get_object_member (object, "integrity"), "hash", hash);
  return sb_canonical_json_serialize (root, NULL);
}

static JsonNode *
string_node (const char *text)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  return node;
}

/* Reads @bytes, which must be refused; the message. */
static char *
refusal (GBytes *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = read_packet (bytes, &error);

  g_assert_null (packet);
  g_assert_nonnull (error);
  return g_strdup (error->message);
}

/* A damaged or foreign packet opened in the reviewer's Chinese window, or
 * checked with shenbao-tool under zh_CN: every reason it is refused is
 * given in Chinese, and in English under C. */
static void
test_errors_in_chinese (void)
{
  struct {
    gboolean    draft;
    const char *member;     /* NULL: @value is the whole file */
    const char *value;
    const char *english;
  } cases[] = {
    { FALSE, NULL, "", "not a readable packet: the file is empty" },
    { FALSE, NULL, "\"\xff\"", "the file is not UTF-8 text" },
    { FALSE, NULL, "[1, 2]", "not a packet: the file holds no JSON object" },
    { FALSE, NULL, "{}", "not a packet: $.format is missing" },
    { FALSE, NULL, "{\"format\": 1}", "$.kind is missing" },
    { FALSE, "format", "99", "the packet is in format 99; this version of Shenbao reads format 1" },
    { FALSE, "extra", "1", "$: unknown member “extra”" },
    { FALSE, "kind", "5", "$.kind: expected a string" },
    { FALSE, "kind", "\"shenbao-review\"", "not a packet (kind “shenbao-review”)" },
    { FALSE, "form", "[]", "$.form: expected an object" },
    { FALSE, "form.id", "\"nosuchform\"", "the packet is of the form “nosuchform”, which is not installed" },
    { FALSE, "form.version", "\"9.9\"", "made with version 9.9 of the form “enginetest”, which is not installed" },
    { FALSE, "status", "\"sent\"", "$.status: “sent” is neither draft nor final" },
    { FALSE, "finalised", "null", "$.finalised: a final packet needs its finalisation time" },
    { TRUE, "finalised", "\"2024-03-15T08:00:00Z\"", "$.finalised: a draft packet has no finalisation time" },
    { FALSE, "submission_date", "\"2024-02-30\"", "$.submission_date: “2024-02-30” is not a date" },
    { FALSE, "answers", "[]", "$.answers: expected an object" },
    { FALSE, "answers.area", "1.5", "$.answers.area: a number with a fraction" },
    { FALSE, "justifications", "[]", "$.justifications: expected an object" },
    { FALSE, "justifications.XX-99", "1", "$.justifications.XX-99: expected a text" },
    { FALSE, "justifications.XX-99", "\"why\"", "$.justifications: “XX-99” is not a rule of this form" },
    { FALSE, "attachments", "{}", "$.attachments: expected an array" },
    { FALSE, "attachments", "[1]", "$.attachments[0]: expected an object" },
    { FALSE, "attachments[0].sha256", NULL, "$.attachments[0].sha256 is missing" },
    { FALSE, "attachments[0].name", "5", "$.attachments[0].name: expected a string" },
    { FALSE, "attachments[0].name", "\"../x.pdf\"", "the file name “../x.pdf” is not a plain file name" },
    { FALSE, "attachments[0].field", "\"name\"", "$.attachments[0]: “name” is not an attachment field of this form" },
    { FALSE, "attachments[0].size", "-1", "$.attachments[0].size: expected a byte count" },
    { FALSE, "attachments[0].row", "\"one\"", "$.attachments[0].row: expected a row number or null" },
    { FALSE, "attachments[0].row", "0", "$.attachments[0].row: only files of a table have a row" },
    { FALSE, "attachments[1].row", "null", "$.attachments[1].row: a file of a table needs its row" },
    { FALSE, "attachments[0].data", "\"not base64!\"", "$.attachments[0].data: the bytes of “章程.pdf” are not base64" },
    { FALSE, "validation", "{}", "$.validation: expected an array" },
    { FALSE, "integrity", "[]", "$.integrity: expected an object" },
    { FALSE, "integrity.algorithm", "\"md5\"", "$.integrity: only sha256 over JCS is supported" },
    /* Issue 13: every member that could name a file has its grammar. */
    { FALSE, "reference", "\"../../../../.config/autostart\"",
      "$.reference: “../../../../.config/autostart” is not a reference number" },
    { FALSE, "form.id", "\"../x\"", "$.form.id: “../x” is not a form id" },
    { FALSE, "form.version", "\"1.0/../x\"", "$.form.version: “1.0/../x” is not a form version" },
    { FALSE, "form.sha256", "\"x\"", "$.form.sha256: not a SHA-256" },
    { FALSE, "kind", "\"\\u001b[2J\"", "not a packet (kind “⟨U+001B⟩[2J”)" },
    { FALSE, "created", "\"2025-02-30T09:00:00Z\"", "$.created: “2025-02-30T09:00:00Z” is not a real UTC time" },
    { FALSE, "created", "\"2024-03-14 09:00\"", "$.created: “2024-03-14 09:00” is not a real UTC time" },
    { FALSE, "finalised", "\"2024-03-14T24:00:00Z\"", "$.finalised: “2024-03-14T24:00:00Z” is not a real UTC time" },
    { FALSE, "finalised", "\"2024-03-14T08:59:59Z\"",
      "$.finalised: the packet was finalised (2024-03-14T08:59:59Z) before it was created (2024-03-14T09:00:00Z)" },
    { FALSE, "submission_date", "\"2024-03-12\"", "$.submission_date: 2024-03-12 is before the packet was created" },
    { FALSE, "attachments[0].name", "\"章程\\u001b[8m.pdf\"", "the file name “章程⟨U+001B⟩[8m.pdf” is not a plain file name" },
    { FALSE, "attachments[0].name", "\"invoice\\u202efdp.exe\"", "the file name “invoice⟨U+202E⟩fdp.exe” is not a plain file name" },
    { FALSE, "attachments[0].name", "\"autostart.desktop\"", "“autostart.desktop” is named as a program or launcher" },
    { FALSE, "attachments[0].media_type", "\"application/pdf; x\"",
      "$.attachments[0].media_type: “application/pdf; x” is not a media type" },
    { FALSE, "attachments[0].sha256", "\"ABC\"", "$.attachments[0].sha256: not a SHA-256" },
    { FALSE, "validation", "[{\"rule\": \"../x\", \"severity\": \"error\", \"field\": null, \"row\": null, \"message\": \"m\"}]",
      "$.validation[0].rule: “../x” is not a rule id" },
    { FALSE, "validation", "[{\"rule\": \"ET-01\", \"severity\": \"fatal\", \"field\": null, \"row\": null, \"message\": \"m\"}]",
      "$.validation[0].severity: expected" },
    { FALSE, "validation", "[{\"rule\": \"ET-01\", \"severity\": \"info\", \"field\": \"a b\", \"row\": null, \"message\": \"m\"}]",
      "$.validation[0].field: “a b” is not a field of this form" },
    { FALSE, "validation", "[{\"rule\": \"ET-01\", \"severity\": \"info\", \"field\": null, \"row\": null, \"message\": \"m\", \"x\": 1}]",
      "$.validation[0]: unknown member “x”" },
    { FALSE, "validation", "[{\"rule\": \"ET-01\", \"severity\": \"info\", \"field\": null, \"row\": null, \"message\": \"m\", \"technical\": 1}]",
      "$.validation[0].technical: expected" },
    { FALSE, "validation", "[{\"rule\": \"ET-01\", \"severity\": \"info\", \"field\": null, \"row\": null}]",
      "$.validation[0].message is missing" },
    { FALSE, "integrity.hash", "\"abc\"", "$.integrity.hash: not a SHA-256" },
  };
  g_autoptr(SbPacket) final = make_packet (FALSE);
  g_autoptr(SbPacket) draft = make_packet (TRUE);
  TestLocale locale;

  if (!test_chinese_begin (&locale))
    return;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autofree char *english = NULL;
      g_autofree char *chinese = NULL;

      if (cases[i].member == NULL)
        bytes = g_bytes_new (cases[i].value, strlen (cases[i].value));
      else
        bytes = corrupt (cases[i].draft ? draft : final, cases[i].member, cases[i].value);

      test_chinese_pause (&locale);
      english = refusal (bytes);
      test_chinese_resume ();
      chinese = refusal (bytes);
      test_assert_both_languages (english, chinese, cases[i].english, NULL);
    }

  /* Nested too deep, and a text too long to be an answer. */
  {
    g_autoptr(GString) deep = g_string_new ("{\"format\":1,\"answers\":");
    g_autoptr(GBytes) deep_bytes = NULL;
    g_autoptr(GBytes) long_bytes = NULL;
    g_autoptr(GBytes) final_bytes = sb_packet_to_bytes (final);
    g_autoptr(GString) long_packet = g_string_new_len (g_bytes_get_data (final_bytes, NULL),
                                                       g_bytes_get_size (final_bytes));
    g_autofree char *long_text = g_strnfill (2 * 1024 * 1024, 'x');
    g_autofree char *long_member = g_strdup_printf ("\"name\":\"%s\"", long_text);
    g_autofree char *english = NULL;
    g_autofree char *chinese = NULL;

    for (int i = 0; i < 100; i++)
      g_string_append_c (deep, '[');
    for (int i = 0; i < 100; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    deep_bytes = g_bytes_new (deep->str, deep->len);
    test_chinese_pause (&locale);
    english = refusal (deep_bytes);
    test_chinese_resume ();
    chinese = refusal (deep_bytes);
    test_assert_both_languages (english, chinese, "the JSON is nested more than 64 levels deep", NULL);
    g_clear_pointer (&english, g_free);
    g_clear_pointer (&chinese, g_free);

    g_assert_cmpuint (g_string_replace (long_packet, "\"name\":\"阳泉市城区启明科技培训中心\"", long_member, 1), ==, 1);
    long_bytes = g_bytes_new (long_packet->str, long_packet->len);
    test_chinese_pause (&locale);
    english = refusal (long_bytes);
    test_chinese_resume ();
    chinese = refusal (long_bytes);
    test_assert_both_languages (english, chinese, "$.answers.name: a text longer than 200 bytes", NULL);

    /* In a table's cell, and deeper: the path names the row and column. */
    {
      static const struct
      {
        const char *member;
        const char *name;
        const char *english;
      } cells[] = {
        { "\"staff_name\":\"张伟\"", "staff_name", "$.answers.staff[0].staff_name: a text longer than" },
        { "\"name\":\"许可.pdf\"", "name", "$.answers.staff[0].permit_file[0].name: a text longer than 4096 bytes" },
      };

      for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
        {
          g_autoptr(GString) cell_packet = g_string_new_len (g_bytes_get_data (final_bytes, NULL),
                                                             g_bytes_get_size (final_bytes));
          g_autofree char *cell_member = g_strdup_printf ("\"%s\":\"%s\"", cells[i].name, long_text);
          g_autoptr(GBytes) cell_bytes = NULL;
          g_autofree char *message = NULL;

          g_assert_cmpuint (g_string_replace (cell_packet, cells[i].member, cell_member, 1), ==, 1);
          cell_bytes = g_bytes_new (cell_packet->str, cell_packet->len);
          test_chinese_pause (&locale);
          message = refusal (cell_bytes);
          test_chinese_resume ();
          g_assert_true (g_str_has_prefix (message, cells[i].english));
        }
    }
  }

  /* A file larger than any packet (sparse: nothing is written), and a
   * packet saved where no file can be. */
  {
    g_autofree char *dir = g_dir_make_tmp ("shenbao-packet-XXXXXX", NULL);
    g_autofree char *path = g_build_filename (dir, "big.sbpkt.json", NULL);
    g_autofree char *inside = g_build_filename (path, "a.sbpkt.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (path);
    g_autofree char *parse_name = g_file_get_parse_name (file);
    const char *values[] = { parse_name, NULL };
    g_autoptr(GError) english = NULL;
    g_autoptr(GError) chinese = NULL;
    g_autoptr(SbPacket) read_english = NULL;
    g_autoptr(SbPacket) read_chinese = NULL;
    int fd;

    fd = g_open (path, O_WRONLY | O_CREAT, 0644);
    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, (off_t) SB_PACKET_MAX_SIZE + 1), ==, 0);
    g_close (fd, NULL);

    test_chinese_pause (&locale);
    read_english = sb_packet_new_from_file (file, registry, NULL, &english);
    test_chinese_resume ();
    read_chinese = sb_packet_new_from_file (file, registry, NULL, &chinese);
    g_assert_null (read_english);
    g_assert_null (read_chinese);
    test_assert_both_languages (english->message, chinese->message, "is larger than the 256 MiB a packet may be", values);
    g_clear_error (&english);
    g_clear_error (&chinese);

    /* The reason after the colon is GLib's (translated by GLib). */
    test_chinese_pause (&locale);
    g_assert_false (sb_packet_save (final, inside, &english));
    test_chinese_resume ();
    g_assert_false (sb_packet_save (final, inside, &chinese));
    g_test_message ("%s\n    %s", english->message, chinese->message);
    g_assert_true (g_str_has_prefix (english->message, "the packet could not be saved: "));
    g_assert_true (g_str_has_prefix (chinese->message, "申请包未能保存："));

    g_unlink (path);
    g_rmdir (dir);
  }

  test_chinese_end (&locale);
}

/* The corpus of hostile packets: each must be refused with a clear
 * message, never crash. */
static void
test_hostile_corpus (void)
{
  g_autofree char *dir = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "..", "packets", NULL);
  g_autofree char *manifest_path = g_build_filename (dir, "expected.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *expected;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  json_parser_load_from_file (parser, manifest_path, &error);
  g_assert_no_error (error);
  expected = json_node_get_object (json_parser_get_root (parser));

  json_object_iter_init (&iter, expected);
  while (json_object_iter_next (&iter, &name, &value))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GError) read_error = NULL;
      g_autoptr(SbPacket) packet = sb_packet_new_from_file (file, registry, NULL, &read_error);
      const char *needle = json_node_get_string (value);

      g_test_message ("%s: %s", name, read_error ? read_error->message : "read");
      if (packet != NULL)
        {
          /* Readable but not what it claims: a failed check says so. */
          GPtrArray *checks = sb_packet_get_checks (packet);
          gboolean found = FALSE;

          g_assert_false (sb_packet_is_verified (packet));
          for (guint i = 0; i < checks->len; i++)
            found |= strstr (((SbPacketCheck *) g_ptr_array_index (checks, i))->message, needle) != NULL;
          if (!found)
            g_error ("%s: no check mentions “%s”", name, needle);
        }
      else if (strstr (read_error->message, needle) == NULL)
        g_error ("%s: expected “%s” in: %s", name, needle, read_error->message);
    }
}

static void
test_generated_hostile (void)
{
  /* 10,000-deep nesting. */
  {
    GString *deep = g_string_new ("{\"format\":1,\"answers\":");
    g_autoptr(GBytes) bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(SbPacket) packet = NULL;

    for (int i = 0; i < 10000; i++)
      g_string_append_c (deep, '[');
    for (int i = 0; i < 10000; i++)
      g_string_append_c (deep, ']');
    g_string_append_c (deep, '}');
    bytes = g_string_free_to_bytes (deep);
    packet = read_packet (bytes, &error);
    g_assert_null (packet);
    g_assert_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "nested"));
  }

  /* 100,000 [ where json-glib, which reads comments and single-quoted
   * strings, saw nesting that a scan for double-quoted strings did not:
   * its recursive parser ran out of stack. */
  {
    static const char *hiding[] = { "'\"', ", "/* \" */ ", NULL };

    for (guint h = 0; hiding[h] != NULL; h++)
      {
        GString *deep = g_string_new ("{\"format\":1,\"answers\":[");
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GError) error = NULL;
        g_autoptr(SbPacket) packet = NULL;

        g_string_append (deep, hiding[h]);
        for (int i = 0; i < 100000; i++)
          g_string_append_c (deep, '[');
        for (int i = 0; i < 100000; i++)
          g_string_append_c (deep, ']');
        g_string_append (deep, "]}");
        bytes = g_string_free_to_bytes (deep);
        packet = read_packet (bytes, &error);
        g_assert_null (packet);
        g_assert_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID);
        g_test_message ("%s", error->message);
        g_assert_nonnull (strstr (error->message, h == 0 ? "single quotes are not allowed" : "comments are not allowed"));
      }
  }

  /* A 100 MB answer. */
  {
    g_autoptr(SbPacket) good = make_packet (TRUE);
    g_autoptr(GBytes) bytes = sb_packet_to_bytes (good);
    g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
    g_autofree char *huge = g_strnfill (100 * 1024 * 1024, 'x');
    g_autoptr(GString) changed = g_string_new (text);
    g_autoptr(GBytes) changed_bytes = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(SbPacket) packet = NULL;
    g_autofree char *replacement = g_strdup_printf ("\"name\":\"%s\"", huge);

    g_string_replace (changed, "\"name\":\"阳泉市城区启明科技培训中心\"", replacement, 1);
    changed_bytes = g_bytes_new (changed->str, changed->len);
    packet = read_packet (changed_bytes, &error);
    g_assert_null (packet);
    g_assert_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "$.answers.name"));
  }

  /* 100 MB where tens of bytes belong (created, the reference) and where a
   * rule message is stored, each sealed with its hash: refused by the
   * member's limit, in a short message that quotes none of it. */
  {
    struct {
      const char *member;
      const char *message;
    } cases[] = {
      { "created", "$.created: a text longer than 64 bytes" },
      { "reference", "$.reference: a text longer than 64 bytes" },
      { "validation[0].message", "$.validation[0].message: a text longer than 2097152 bytes" },
    };
    g_autoptr(SbPacket) good = make_packet (FALSE);
    g_autofree char *huge = g_strnfill (100 * 1024 * 1024, '7');

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autoptr(GBytes) bytes = sealed_with (good, cases[i].member, string_node (huge));
        g_autoptr(GError) error = NULL;
        g_autoptr(SbPacket) packet = read_packet (bytes, &error);

        g_assert_null (packet);
        g_assert_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID);
        g_assert_nonnull (strstr (error->message, cases[i].message));
        g_assert_cmpuint (strlen (error->message), <, 200);
      }
  }

  /* Truncated at every length of a real packet: never a crash. */
  {
    g_autoptr(SbPacket) good = make_packet (FALSE);
    g_autoptr(GBytes) bytes = sb_packet_to_bytes (good);
    gsize size = g_bytes_get_size (bytes);

    for (gsize cut = 0; cut < size; cut += 37)
      {
        g_autoptr(GBytes) prefix = g_bytes_new_from_bytes (bytes, 0, cut);
        g_autoptr(GError) error = NULL;
        g_autoptr(SbPacket) packet = read_packet (prefix, &error);

        g_assert_null (packet);
        g_assert_nonnull (error);
      }
  }
}

/* The writer refuses what the reader would: no packet made here is ever
 * refused when it is opened. */
static SbPacket *
make_with_file (const char  *name,
                const char  *media_type,
                GBytes      *data,
                const char  *created,
                const char  *finalised,
                GError     **error)
{
  SbFormDefinition *definition = sb_form_registry_lookup (registry, "enginetest", 0);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);
  g_autofree char *json = g_strdup_printf ("{\"name\": \"启明\", \"area\": \"120.00\", \"teaching_area\": \"80.00\","
                                           " \"kind\": \"新设立\", \"pledge\": true, \"end_time\": \"20:30\","
                                           " \"staff\": [{\"staff_name\": \"张伟\", \"role\": \"教学\"}],"
                                           " \"charter_file\": [{\"name\": \"章程.pdf\", \"media_type\": \"application/pdf\","
                                           " \"size\": %" G_GSIZE_FORMAT ", \"sha256\": \"%s\"}]}",
                                           g_bytes_get_size (data), sha256);
  g_autoptr(JsonNode) node = parse (json);
  GPtrArray *attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_attachment_free);
  gint32 date = 0;

  sb_answers_set_json (answers, json_node_get_object (node));
  g_ptr_array_add (attachments, sb_packet_attachment_new ("charter_file", -1, name, media_type, data));
  /* A draft here has no submission date. */
  if (finalised != NULL)
    g_assert_true (sb_date_parse ("2024-03-15", &date));
  return sb_packet_new (answers, date, NULL, attachments, created, finalised, NULL, error);
}

static void
test_writer_refuses (void)
{
  const char *html = "<html><script>location='https://example.invalid/'</script></html>";
  g_autoptr(GBytes) scan = scan_bytes ();
  g_autoptr(GBytes) page = g_bytes_new_static (html, strlen (html));
  struct {
    const char *name;
    const char *media_type;
    GBytes     *data;
    const char *created;
    const char *finalised;
    const char *message;
  } cases[] = {
    { "章程.pdf", "application/pdf", scan, "2024-02-30T09:00:00Z", "2024-03-15T08:00:00Z", "$.created: “2024-02-30T09:00:00Z”" },
    { "章程.pdf", "application/pdf", scan, "now", NULL, "$.created: “now”" },
    { "章程.pdf", "application/pdf", scan, "2024-03-15T09:00:00Z", "2024-03-15T08:00:00Z", "before it was created" },
    { "章程.pdf", "application/pdf", scan, "2024-03-17T09:00:00Z", "2024-03-17T10:00:00Z", "$.submission_date: 2024-03-15 is before" },
    { "章程.pdf", "application/pdf", page, "2024-03-14T09:00:00Z", "2024-03-15T08:00:00Z",
      "the bytes of “章程.pdf” are not of its declared type application/pdf" },
    { "章程.pdf", "image/png", scan, "2024-03-14T09:00:00Z", NULL, "not of its declared type image/png" },
    { "章程\x1b[8m.pdf", "application/pdf", scan, "2024-03-14T09:00:00Z", NULL, "“章程⟨U+001B⟩[8m.pdf” is not a plain file name" },
    { "invoice\xe2\x80\xae" "fdp.exe", "application/pdf", scan, "2024-03-14T09:00:00Z", NULL, "not a plain file name" },
    { "autostart.desktop", "application/pdf", scan, "2024-03-14T09:00:00Z", NULL, "named as a program or launcher" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbPacket) packet = make_with_file (cases[i].name, cases[i].media_type, cases[i].data, cases[i].created,
                                                   cases[i].finalised, &error);

      g_test_message ("%s", error ? error->message : "made");
      g_assert_null (packet);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("expected “%s” in: %s", cases[i].message, error->message);
    }

  /* The same file, honest, is packed. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(SbPacket) packet = make_with_file ("章程.pdf", "application/pdf", scan, "2024-03-14T09:00:00Z",
                                                 "2024-03-15T08:00:00Z", &error);

    g_assert_no_error (error);
    g_assert_nonnull (packet);
  }

  /* A justification longer than any is refused with the rule it is for. */
  {
    SbFormDefinition *definition = sb_form_registry_lookup (registry, "enginetest", 0);
    g_autoptr(SbAnswers) answers = sb_answers_new (definition);
    g_autoptr(GHashTable) justifications = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *long_text = g_strnfill (64 * 1024 + 1, 'x');
    g_autoptr(GError) error = NULL;
    g_autoptr(SbPacket) packet = NULL;

    g_hash_table_insert (justifications, "ET-03", long_text);
    packet = sb_packet_new (answers, 0, justifications, NULL, "2024-03-14T09:00:00Z", NULL, NULL, &error);
    g_assert_null (packet);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, "ET-03"));
  }
}

static void
test_timestamps (void)
{
  g_assert_true (sb_packet_timestamp_is_valid ("2024-03-14T09:00:00Z"));
  g_assert_true (sb_packet_timestamp_is_valid ("2024-02-29T23:59:59Z"));
  g_assert_false (sb_packet_timestamp_is_valid ("2025-02-29T09:00:00Z"));
  g_assert_false (sb_packet_timestamp_is_valid ("2024-03-14T09:00:60Z"));
  g_assert_false (sb_packet_timestamp_is_valid ("2024-03-14T09:00:00+08:00"));
  g_assert_false (sb_packet_timestamp_is_valid ("2024-03-14T09:00:00.5Z"));
  g_assert_false (sb_packet_timestamp_is_valid ("２024-03-14T09:00:00Z"));
  g_assert_false (sb_packet_timestamp_is_valid (""));
  g_assert_false (sb_packet_timestamp_is_valid (NULL));
}

/* Dates after today are read (and written: the clock of the machine that
 * made it was wrong, or somebody lied), but the packet does not verify. */
static void
test_dated_in_future (void)
{
  g_autoptr(SbPacket) today = make_packet (FALSE);
  g_autoptr(GBytes) today_bytes = sb_packet_to_bytes (today);
  g_autoptr(SbPacket) read_today = read_packet (today_bytes, NULL);
  g_autoptr(GBytes) scan = scan_bytes ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) future = make_with_file ("章程.pdf", "application/pdf", scan, "2099-03-14T09:00:00Z", NULL, &error);
  g_autoptr(GBytes) future_bytes = NULL;
  g_autoptr(SbPacket) read_future = NULL;
  SbPacketCheck *check;

  g_assert_nonnull (read_today);
  g_assert_false (sb_packet_is_dated_in_future (read_today));
  check = find_check (read_today, SB_PACKET_CHECK_DATES);
  g_assert_nonnull (check);
  g_assert_true (check->ok);
  g_assert_true (sb_packet_is_verified (read_today));

  g_assert_no_error (error);
  g_assert_true (sb_packet_is_dated_in_future (future));
  future_bytes = sb_packet_to_bytes (future);
  read_future = read_packet (future_bytes, &error);
  g_assert_no_error (error);
  g_assert_true (sb_packet_is_dated_in_future (read_future));
  check = find_check (read_future, SB_PACKET_CHECK_DATES);
  g_assert_nonnull (check);
  g_assert_false (check->ok);
  g_assert_nonnull (strstr (check->message, "dated in the future"));
  g_assert_nonnull (strstr (check->message, "2099-03-14T09:00:00Z"));
  g_assert_false (sb_packet_is_verified (read_future));
}

/* A stored rule message is never what is shown: it is compared with the
 * one computed now, and one that differs is a difference of the summary,
 * whose words appear nowhere. */
static void
test_stored_message (void)
{
  g_autoptr(SbPacket) good = make_packet (FALSE);
  g_autoptr(GBytes) bytes = sealed_with (good, "validation[0].message", string_node ("\x1b[8m伪造的结论 forged"));
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = read_packet (bytes, &error);
  GPtrArray *checks, *findings;
  SbPacketCheck *check;

  g_assert_no_error (error);
  check = find_check (packet, SB_PACKET_CHECK_INTEGRITY);
  g_assert_true (check->ok);
  check = find_check (packet, SB_PACKET_CHECK_VALIDATION);
  g_assert_false (check->ok);
  g_assert_nonnull (strstr (check->message, "differs from the one computed now"));
  g_assert_false (sb_packet_is_verified (packet));

  checks = sb_packet_get_checks (packet);
  for (guint i = 0; i < checks->len; i++)
    g_assert_null (strstr (((SbPacketCheck *) g_ptr_array_index (checks, i))->message, "forged"));
  findings = sb_validation_report_get_findings (sb_packet_get_report (packet));
  g_assert_cmpuint (findings->len, >, 0);
  for (guint i = 0; i < findings->len; i++)
    g_assert_null (strstr (((SbFinding *) g_ptr_array_index (findings, i))->message_zh, "forged"));
}

static void
test_save (void)
{
  g_autoptr(SbPacket) packet = make_packet (FALSE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("shenbao-packet-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "a.sbpkt.json", NULL);
  g_autofree char *inside_file = g_build_filename (path, "b.sbpkt.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = sb_packet_to_bytes (packet);
  gsize length;

  g_assert_true (sb_packet_save (packet, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpmem (contents, length, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  /* A path that cannot be written: a clear error, the old file intact. */
  g_assert_false (sb_packet_save (packet, inside_file, &error));
  g_assert_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_IO);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, g_bytes_get_size (bytes));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_safe_file_name (void)
{
  struct {
    const char *name;
    const char *safe;
  } cases[] = {
    { "章程.pdf", "章程.pdf" },
    { "../../etc/passwd", "passwd" },
    { "/tmp/x.pdf", "x.pdf" },
    { "..", "attachment" },
    { ".hidden", "hidden" },
    { "a\tb\nc.pdf", "a_b_c.pdf" },
    { "C:\\Windows\\evil.exe", "C__Windows_evil.exe" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *safe = sb_packet_safe_file_name (cases[i].name);
      g_assert_cmpstr (safe, ==, cases[i].safe);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *forms = NULL;

  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  registry = sb_form_registry_new_from_directory (forms, NULL);

  g_test_add_func ("/packet/canonical-json", test_canonical_json);
  g_test_add_func ("/packet/round-trip", test_round_trip);
  g_test_add_func ("/packet/reference", test_reference);
  g_test_add_func ("/packet/not-ready", test_not_ready);
  g_test_add_func ("/packet/missing-bytes", test_missing_bytes);
  g_test_add_func ("/packet/tampering", test_tampering);
  g_test_add_func ("/packet/checks-in-chinese", test_checks_in_chinese);
  g_test_add_func ("/packet/errors-in-chinese", test_errors_in_chinese);
  g_test_add_func ("/packet/hostile-corpus", test_hostile_corpus);
  g_test_add_func ("/packet/generated-hostile", test_generated_hostile);
  g_test_add_func ("/packet/writer-refuses", test_writer_refuses);
  g_test_add_func ("/packet/timestamps", test_timestamps);
  g_test_add_func ("/packet/dated-in-future", test_dated_in_future);
  g_test_add_func ("/packet/stored-message", test_stored_message);
  g_test_add_func ("/packet/save", test_save);
  g_test_add_func ("/packet/safe-file-name", test_safe_file_name);

  {
    int result = g_test_run ();

    g_object_unref (registry);
    return result;
  }
}
