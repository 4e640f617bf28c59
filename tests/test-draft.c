/* test-draft.c — autosaved drafts: round trip, atomic saves, bad files
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#include "sb-draft-store.h"
#include "test-chinese.h"
#include "test-json-edit.h"

typedef struct
{
  char           *dir;
  SbFormRegistry *registry;
  SbDraftStore   *store;
} Fixture;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  g_autofree char *drafts = NULL;
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("shenbao-draft-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->registry = sb_form_registry_new_from_directory (forms, NULL);
  drafts = g_build_filename (fixture->dir, "drafts", NULL);
  fixture->store = sb_draft_store_new (drafts);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_object_unref (fixture->store);
  g_object_unref (fixture->registry);
  remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static SbDraft *
new_draft (Fixture    *fixture,
           const char *now)
{
  SbFormDefinition *definition = sb_form_registry_lookup (fixture->registry, "enginetest", 0);

  g_assert_nonnull (definition);
  return sb_draft_new (definition, now);
}

static void
set_text (SbAnswers  *answers,
          const char *field,
          const char *text)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);

  json_node_set_string (node, text);
  sb_answers_set_field (answers, field, node);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autofree char *name = NULL;
  SbAnswers *answers = sb_draft_get_answers (draft);

  set_text (answers, "name", "阳泉市城区启明科技培训中心");
  set_text (answers, "kind", "注销");
  set_text (answers, "note", "隐藏步骤里的备注也要保存");
  /* What does not parse yet is kept as typed. */
  sb_draft_set_raw_text (draft, "area", "12,5");
  sb_draft_set_raw_text (draft, "fees[0].amount", "四千");
  sb_draft_set_justification (draft, "ET-03", "许可证正在办理。");
  sb_draft_set_step (draft, "S2");
  sb_draft_add_packet (draft, "ET240315-7HQ4MXA", "2024-03-15T08:00:00Z");

  g_assert_true (sb_draft_store_save (fixture->store, draft, &error));
  g_assert_no_error (error);

  loaded = sb_draft_store_load (fixture->store, fixture->registry, sb_draft_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_draft_get_id (loaded), ==, sb_draft_get_id (draft));
  g_assert_cmpstr (sb_draft_get_step (loaded), ==, "S2");
  g_assert_cmpstr (sb_draft_get_raw_text (loaded, "area"), ==, "12,5");
  g_assert_cmpstr (sb_draft_get_raw_text (loaded, "fees[0].amount"), ==, "四千");
  g_assert_cmpstr (sb_draft_get_justification (loaded, "ET-03"), ==, "许可证正在办理。");
  g_assert_cmpstr (sb_draft_get_created (loaded), ==, "2024-03-14T09:30:00Z");
  /* A review of a packet made from it finds it again. */
  g_assert_true (sb_draft_has_packet (loaded, "ET240315-7HQ4MXA"));
  g_assert_false (sb_draft_has_packet (loaded, "ET240315-0000000"));
  g_assert_cmpstr (json_node_get_string (sb_answers_get_field_json (sb_draft_get_answers (loaded), "note")), ==,
                   "隐藏步骤里的备注也要保存");

  name = sb_draft_dup_display_name (loaded);
  g_assert_cmpstr (name, ==, "引擎测试表");

  first = sb_draft_to_bytes (draft);
  second = sb_draft_to_bytes (loaded);
  g_assert_true (g_bytes_equal (first, second));
}

/* Every control character a paste can bring (U+0001 to U+001F, U+007F)
 * is written escaped, as JSON requires: json-glib 1.6 leaves U+001F as a
 * raw byte, and the strict reader, rightly, refuses such a file, so the
 * draft would not reopen. */
static void
test_control_characters (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GString) text = g_string_new ("前");
  const char *written;
  gsize length;

  for (char c = 0x01; c < 0x20; c++)
    g_string_append_c (text, c);
  g_string_append (text, "\x7f后");
  set_text (sb_draft_get_answers (draft), "note", text->str);
  sb_draft_set_raw_text (draft, "area", "12\x1f亩");
  sb_draft_set_justification (draft, "ET-03", "甲\x1f乙");

  bytes = sb_draft_to_bytes (draft);
  written = g_bytes_get_data (bytes, &length);
  for (gsize i = 0; i < length; i++)
    if ((guchar) written[i] < 0x20 && written[i] != '\n')
      g_error ("byte %zu of the draft is the raw control character 0x%02x", i, (guchar) written[i]);

  g_assert_true (sb_draft_store_save (fixture->store, draft, &error));
  g_assert_no_error (error);
  loaded = sb_draft_store_load (fixture->store, fixture->registry, sb_draft_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (sb_answers_get_field_json (sb_draft_get_answers (loaded), "note")), ==,
                   text->str);
  g_assert_cmpstr (sb_draft_get_raw_text (loaded, "area"), ==, "12\x1f亩");
  g_assert_cmpstr (sb_draft_get_justification (loaded, "ET-03"), ==, "甲\x1f乙");
}

static void
test_list_and_remove (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SbDraft) older = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) newer = new_draft (fixture, "2024-03-15T10:00:00Z");
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *junk = g_build_filename (sb_draft_store_get_dir (fixture->store), "broken.json", NULL);
  g_autofree char *temp = g_build_filename (sb_draft_store_get_dir (fixture->store), "x.json.ABC123", NULL);

  /* No folder yet: no drafts, no error. */
  drafts = sb_draft_store_list (fixture->store, fixture->registry, errors);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_assert_cmpuint (errors->len, ==, 0);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  g_assert_true (sb_draft_store_save (fixture->store, older, &error));
  g_assert_true (sb_draft_store_save (fixture->store, newer, &error));
  g_assert_true (g_file_set_contents (junk, "{\"kind\": \"shenbao-draft\", \"format\": 1", -1, NULL));
  g_assert_true (g_file_set_contents (temp, "half a save", -1, NULL));

  drafts = sb_draft_store_list (fixture->store, fixture->registry, errors);
  g_assert_cmpuint (drafts->len, ==, 2);
  g_assert_cmpstr (sb_draft_get_id (g_ptr_array_index (drafts, 0)), ==, sb_draft_get_id (newer));
  /* The broken file is reported and left alone. */
  g_assert_cmpuint (errors->len, ==, 1);
  g_assert_nonnull (strstr (((GError *) g_ptr_array_index (errors, 0))->message, "broken.json"));
  g_assert_true (g_file_test (junk, G_FILE_TEST_EXISTS));

  g_assert_true (sb_draft_store_remove (fixture->store, sb_draft_get_id (older), &error));
  g_clear_pointer (&drafts, g_ptr_array_unref);
  g_ptr_array_set_size (errors, 0);
  drafts = sb_draft_store_list (fixture->store, fixture->registry, errors);
  g_assert_cmpuint (drafts->len, ==, 1);

  /* Ids never become paths unless they are UUIDs. */
  g_assert_false (sb_draft_store_remove (fixture->store, "../../etc/passwd", &error));
  g_assert_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID);
}

static void
on_async_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Saving in the background writes the draft as it was when asked: what
 * changes after that waits for the next save; a failure is reported. */
static void
test_save_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) loaded = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file = g_build_filename (fixture->dir, "not-a-folder", NULL);
  g_autofree char *inside = g_build_filename (file, "drafts", NULL);
  g_autoptr(SbDraftStore) broken = sb_draft_store_new (inside);

  set_text (sb_draft_get_answers (draft), "name", "保存时的名称");
  sb_draft_add_packet (draft, "ET240315-7HQ4MXA", "2024-03-15T08:00:00Z");
  sb_draft_store_save_async (fixture->store, draft, NULL, on_async_ready, &result);
  set_text (sb_draft_get_answers (draft), "name", "之后改的名称");
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (sb_draft_store_save_finish (fixture->store, result, &error));
  g_assert_no_error (error);

  loaded = sb_draft_store_load (fixture->store, fixture->registry, sb_draft_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (sb_answers_get_field_json (sb_draft_get_answers (loaded), "name")), ==,
                   "保存时的名称");
  g_assert_true (sb_draft_is_finished (loaded));

  /* A folder that is a file (refused to root as to anyone). */
  g_clear_object (&result);
  g_assert_true (g_file_set_contents (file, "", -1, NULL));
  sb_draft_store_save_async (broken, draft, NULL, on_async_ready, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_draft_store_save_finish (broken, result, &error));
  g_assert_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO);
}

static void
test_save_failure_keeps_old (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;

  if (getuid () == 0)
    {
      /* root writes into read-only folders: use a folder that is a file. */
      g_autofree char *file = g_build_filename (fixture->dir, "not-a-folder", NULL);
      g_autofree char *inside = g_build_filename (file, "drafts", NULL);
      g_autoptr(SbDraftStore) store = NULL;

      g_assert_true (g_file_set_contents (file, "", -1, NULL));
      store = sb_draft_store_new (inside);
      g_assert_false (sb_draft_store_save (store, draft, &error));
      g_assert_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO);
      return;
    }

  set_text (sb_draft_get_answers (draft), "name", "第一版");
  g_assert_true (sb_draft_store_save (fixture->store, draft, &error));
  g_assert_cmpint (g_chmod (sb_draft_store_get_dir (fixture->store), 0500), ==, 0);

  set_text (sb_draft_get_answers (draft), "name", "第二版");
  g_assert_false (sb_draft_store_save (fixture->store, draft, &error));
  g_assert_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO);
  g_clear_error (&error);

  g_chmod (sb_draft_store_get_dir (fixture->store), 0700);
  loaded = sb_draft_store_load (fixture->store, fixture->registry, sb_draft_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (sb_answers_get_field_json (sb_draft_get_answers (loaded), "name")), ==, "第一版");
}

static void
test_import_export (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autofree char *path = g_build_filename (fixture->dir, "exported.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SbDraft) imported = NULL;
  g_autoptr(SbDraft) again = NULL;
  g_autoptr(GError) error = NULL;

  set_text (sb_draft_get_answers (draft), "name", "导出测试");
  g_assert_true (sb_draft_export (draft, file, &error));

  imported = sb_draft_store_import (fixture->store, fixture->registry, file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_draft_get_id (imported), ==, sb_draft_get_id (draft));

  /* Importing the same file again keeps both. */
  again = sb_draft_store_import (fixture->store, fixture->registry, file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_draft_get_id (again), !=, sb_draft_get_id (draft));
}

static void
test_bad_drafts (Fixture       *fixture,
                 gconstpointer  data)
{
  struct {
    const char *json;
    int code;
  } cases[] = {
    { "not json", SB_DRAFT_ERROR_INVALID },
    { "{\"kind\": \"shenbao-packet\"}", SB_DRAFT_ERROR_INVALID },
    { "{\"kind\": \"shenbao-draft\", \"format\": 5}", SB_DRAFT_ERROR_UNSUPPORTED },
    { "{\"kind\": \"shenbao-draft\", \"format\": 1, \"id\": \"../x\"}", SB_DRAFT_ERROR_INVALID },
    { "{\"kind\": \"shenbao-draft\", \"format\": 1, \"id\": \"6f1c2f8e-3a1b-4c7d-9e2f-0a1b2c3d4e5f\", "
      "\"created\": \"x\", \"updated\": \"x\", \"form\": {\"id\": \"nothing\", \"version\": \"1\"}}", SB_DRAFT_ERROR_UNKNOWN_FORM },
    { "{\"kind\": \"shenbao-draft\", \"format\": 1, \"id\": \"6f1c2f8e-3a1b-4c7d-9e2f-0a1b2c3d4e5f\", "
      "\"created\": \"x\", \"updated\": \"x\", \"form\": {\"id\": \"enginetest\", \"version\": \"1.0\"}, \"answers\": []}",
      SB_DRAFT_ERROR_INVALID },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(SbDraft) draft = sb_draft_new_from_bytes (fixture->registry, bytes, &error);

      g_assert_null (draft);
      g_assert_error (error, SB_DRAFT_ERROR, cases[i].code);
    }
}

/* A failure whose reason after the colon is the C library's: GLib keeps
 * the first text it gets for an errno (g_strerror), so the process gives
 * it in the language it was first asked in.  Only our part is compared. */
static void
assert_prefixes (const GError *english,
                 const GError *chinese,
                 const char   *english_prefix,
                 const char   *chinese_prefix)
{
  g_test_message ("%s\n    %s", english->message, chinese->message);
  g_assert_true (g_str_has_prefix (english->message, english_prefix));
  g_assert_true (g_str_has_prefix (chinese->message, chinese_prefix));
}

/* Reads @bytes, which must be refused; the message. */
static char *
draft_refusal (SbFormRegistry *registry,
               GBytes         *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbDraft) draft = sb_draft_new_from_bytes (registry, bytes, &error);

  g_assert_null (draft);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SB_DRAFT_ERROR);
  return g_strdup (error->message);
}

/* A draft that cannot be opened (damaged on disk, imported from a newer
 * version or for a form this computer lacks) and a drafts folder that
 * cannot be written: the applicant reads why in Chinese under zh_CN, in
 * English under C. */
static void
test_errors_in_chinese (Fixture       *fixture,
                        gconstpointer  data)
{
  struct {
    const char *member;    /* NULL: @value is the whole file */
    const char *value;
    const char *english;
  } cases[] = {
    { NULL, "", "not a readable draft: the file is empty" },
    { NULL, "\"\xff\"", "not a readable draft: the file is not UTF-8 text" },
    { NULL, "[1]", "this is not a draft" },
    { "kind", "\"shenbao-packet\"", "this is not a draft" },
    { "format", NULL, "$.format is missing" },
    { "format", "5", "the draft is in format 5; this version of Shenbao reads format 1" },
    { "id", "\"../x\"", "the draft lacks its id, dates or form ($.id, $.created, $.updated, $.form.id, $.form.version)" },
    { "form.version", NULL, "the draft lacks its id, dates or form" },
    { "form.id", "\"nothing\"", "the draft was made with version 1.0 of the form “nothing”, which is not installed" },
    { "answers", "[]", "$.answers: expected an object" },
    { "raw", "[]", "$.raw: expected an object" },
    { "raw.area", "5", "$.raw.area: expected a string" },
    { "justifications.ET-03", "true", "$.justifications.ET-03: expected a string" },
    { "packets", "\"ET240315-7HQ4MXA\"", "$.packets: expected an object" },
  };
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(GBytes) sound = NULL;
  g_autoptr(SbDraft) read = NULL;
  g_autoptr(GError) error = NULL;
  TestLocale locale;

  sb_draft_set_raw_text (draft, "area", "12,5");
  sb_draft_set_justification (draft, "ET-03", "许可证正在办理。");
  sb_draft_add_packet (draft, "ET240315-7HQ4MXA", "2024-03-15T08:00:00Z");
  sound = sb_draft_to_bytes (draft);
  read = sb_draft_new_from_bytes (fixture->registry, sound, &error);
  g_assert_no_error (error);
  g_assert_nonnull (read);

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
        bytes = test_json_edit (sound, cases[i].member, cases[i].value);

      test_chinese_pause (&locale);
      english = draft_refusal (fixture->registry, bytes);
      test_chinese_resume ();
      chinese = draft_refusal (fixture->registry, bytes);
      test_assert_both_languages (english, chinese, cases[i].english, NULL);
    }

  /* The store: an id that is no UUID, a file in the folder that is no
   * draft (named by its path), and a save, a removal and an export that
   * cannot be done. */
  {
    const char *store_dir = sb_draft_store_get_dir (fixture->store);
    g_autofree char *junk = g_build_filename (store_dir, "broken.json", NULL);
    g_autofree char *in_the_way = NULL;
    g_autofree char *not_a_folder = g_build_filename (fixture->dir, "not-a-folder", NULL);
    g_autofree char *blocked_dir = g_build_filename (not_a_folder, "drafts", NULL);
    g_autofree char *nowhere = g_build_filename (fixture->dir, "no-such-folder", "exported.json", NULL);
    g_autoptr(SbDraftStore) blocked = sb_draft_store_new (blocked_dir);
    g_autoptr(GFile) export_file = g_file_new_for_path (nowhere);
    g_autoptr(GPtrArray) english_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
    g_autoptr(GPtrArray) chinese_errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
    g_autoptr(GPtrArray) listed = NULL;
    g_autoptr(GError) english = NULL;
    g_autoptr(GError) chinese = NULL;
    g_autoptr(SbDraft) loaded = NULL;
    const char *values[] = { junk, NULL };

    test_chinese_pause (&locale);
    loaded = sb_draft_store_load (fixture->store, fixture->registry, "../../etc/passwd", &english);
    test_chinese_resume ();
    g_assert_null (loaded);
    loaded = sb_draft_store_load (fixture->store, fixture->registry, "../../etc/passwd", &chinese);
    g_assert_null (loaded);
    test_assert_both_languages (english->message, chinese->message, "“../../etc/passwd” is not a draft id", NULL);
    g_clear_error (&english);
    g_clear_error (&chinese);

    g_assert_true (sb_draft_store_save (fixture->store, draft, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_set_contents (junk, "[]", -1, NULL));
    test_chinese_pause (&locale);
    listed = sb_draft_store_list (fixture->store, fixture->registry, english_errors);
    g_assert_cmpuint (listed->len, ==, 1);
    g_clear_pointer (&listed, g_ptr_array_unref);
    test_chinese_resume ();
    listed = sb_draft_store_list (fixture->store, fixture->registry, chinese_errors);
    g_assert_cmpuint (english_errors->len, ==, 1);
    g_assert_cmpuint (chinese_errors->len, ==, 1);
    test_assert_both_languages (((GError *) g_ptr_array_index (english_errors, 0))->message,
                                ((GError *) g_ptr_array_index (chinese_errors, 0))->message,
                                "broken.json: this is not a draft", values);

    /* The drafts folder cannot be made where a file is (as root too). */
    g_assert_true (g_file_set_contents (not_a_folder, "", -1, NULL));
    test_chinese_pause (&locale);
    g_assert_false (sb_draft_store_save (blocked, draft, &english));
    test_chinese_resume ();
    g_assert_false (sb_draft_store_save (blocked, draft, &chinese));
    assert_prefixes (english, chinese, "cannot create the drafts folder ", "无法创建草稿文件夹 ");
    g_clear_error (&english);
    g_clear_error (&chinese);

    /* A folder where the draft's file would be: it can be neither
     * replaced nor removed (as root too). */
    in_the_way = g_strconcat (store_dir, G_DIR_SEPARATOR_S, sb_draft_get_id (draft), ".json", NULL);
    g_assert_cmpint (g_unlink (in_the_way), ==, 0);
    g_assert_cmpint (g_mkdir (in_the_way, 0700), ==, 0);
    test_chinese_pause (&locale);
    g_assert_false (sb_draft_store_save (fixture->store, draft, &english));
    test_chinese_resume ();
    g_assert_false (sb_draft_store_save (fixture->store, draft, &chinese));
    assert_prefixes (english, chinese, "the draft could not be saved: ", "草稿未能保存：");
    g_clear_error (&english);
    g_clear_error (&chinese);

    test_chinese_pause (&locale);
    g_assert_false (sb_draft_store_remove (fixture->store, sb_draft_get_id (draft), &english));
    test_chinese_resume ();
    g_assert_false (sb_draft_store_remove (fixture->store, sb_draft_get_id (draft), &chinese));
    assert_prefixes (english, chinese, "the draft could not be removed: ", "草稿未能删除：");
    g_clear_error (&english);
    g_clear_error (&chinese);
    g_rmdir (in_the_way);

    test_chinese_pause (&locale);
    g_assert_false (sb_draft_export (draft, export_file, &english));
    test_chinese_resume ();
    g_assert_false (sb_draft_export (draft, export_file, &chinese));
    assert_prefixes (english, chinese, "the draft could not be exported: ", "草稿未能导出：");
  }

  test_chinese_end (&locale);
}

static const GError *
error_about (GPtrArray  *errors,
             const char *name)
{
  for (guint i = 0; i < errors->len; i++)
    {
      const GError *error = g_ptr_array_index (errors, i);

      if (strstr (error->message, name) != NULL)
        return error;
    }
  return NULL;
}

/* A 200 MB draft (sparse: its size is all that matters), a deeply nested
 * one and a FIFO under a draft's name: the list reads none of them in
 * full, says what is wrong with each, and keeps them. */
static void
hostile_folder (Fixture *fixture)
{
  const char *dir = sb_draft_store_get_dir (fixture->store);
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.json", NULL);
  g_autoptr(GString) nested = g_string_new ("{\"kind\": \"shenbao-draft\", \"format\": 1, \"answers\": ");
  const char *head = "{\"kind\": \"shenbao-draft\", \"format\": 1, \"answers\": {\"name\": \"";
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, head, strlen (head)), ==, (gssize) strlen (head));
  g_assert_cmpint (ftruncate (fd, 200 * 1024 * 1024), ==, 0);
  close (fd);

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (nested, '[');
  g_assert_true (g_file_set_contents (deep, nested->str, nested->len, NULL));

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
}

static void
check_hostile_listing (Fixture   *fixture,
                       GPtrArray *drafts,
                       GPtrArray *errors,
                       SbDraft   *good)
{
  const char *dir = sb_draft_store_get_dir (fixture->store);
  const GError *huge, *deep, *fifo;

  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (sb_draft_get_id (g_ptr_array_index (drafts, 0)), ==, sb_draft_get_id (good));
  g_assert_cmpuint (errors->len, ==, 3);

  huge = error_about (errors, "huge.json");
  g_assert_nonnull (huge);
  /* Refused by its size, not parsed. */
  g_assert_error (huge, SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE);
  {
    g_autofree char *size = g_format_size (200 * 1024 * 1024);

    g_assert_nonnull (strstr (huge->message, size));
  }

  deep = error_about (errors, "deep.json");
  g_assert_nonnull (deep);
  g_assert_error (deep, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID);

  fifo = error_about (errors, "fifo.json");
  g_assert_nonnull (fifo);
  g_assert_error (fifo, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID);

  /* Nothing is deleted behind the person's back. */
  for (guint i = 0; i < 3; i++)
    {
      const char *names[] = { "huge.json", "deep.json", "fifo.json" };
      g_autofree char *path = g_build_filename (dir, names[i], NULL);

      g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    }
}

static void
test_list_bounded (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(SbDraft) good = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_draft_store_save (fixture->store, good, &error));
  hostile_folder (fixture);

  drafts = sb_draft_store_list (fixture->store, fixture->registry, errors);
  check_hostile_listing (fixture, drafts, errors, good);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The start page's way: the same, in a worker thread. */
static void
test_list_async (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(SbDraft) good = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_true (sb_draft_store_save (fixture->store, good, &error));
  hostile_folder (fixture);

  sb_draft_store_list_async (fixture->store, fixture->registry, NULL, on_listed, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  drafts = sb_draft_store_list_finish (fixture->store, result, &errors, &error);
  g_assert_no_error (error);
  g_assert_nonnull (errors);
  check_hostile_listing (fixture, drafts, errors, good);
}

/* However many files the folder holds, the list reads a bounded number,
 * the most recently changed, and says how many it left. */
static void
test_list_count_bounded (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *dir = sb_draft_store_get_dir (fixture->store);
  g_autoptr(SbDraft) good = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *good_path = NULL;
  g_autofree char *name = NULL;
  const GError *last;

  g_assert_true (sb_draft_store_save (fixture->store, good, &error));
  for (guint i = 0; i < SB_DRAFT_STORE_MAX_LISTED + 2; i++)
    {
      g_autofree char *junk = g_strdup_printf ("%s/junk-%03u.json", dir, i);

      g_assert_true (g_file_set_contents (junk, "[]", -1, NULL));
    }
  /* The real draft is the one changed last: it is read. */
  name = g_strconcat (sb_draft_get_id (good), ".json", NULL);
  good_path = g_build_filename (dir, name, NULL);
  {
    struct timespec times[2] = { { 0, UTIME_OMIT }, { time (NULL) + 60, 0 } };

    g_assert_cmpint (utimensat (AT_FDCWD, good_path, times, 0), ==, 0);
  }

  drafts = sb_draft_store_list (fixture->store, fixture->registry, errors);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpuint (errors->len, ==, SB_DRAFT_STORE_MAX_LISTED - 1 + 1);
  last = g_ptr_array_index (errors, errors->len - 1);
  g_assert_error (last, SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (last->message, "3 more drafts are not listed"));
}

/* The bytes read are bounded too: four drafts of 15 MiB fit in the
 * budget, the fifth (the oldest) is left unread and counted. */
static void
test_list_bytes_bounded (Fixture       *fixture,
                         gconstpointer  data)
{
  const char *dir = sb_draft_store_get_dir (fixture->store);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
  const GError *last;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/big-%u.json", dir, i);
      struct timespec times[2] = { { 0, UTIME_OMIT }, { 1700000000 + i, 0 } };
      int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

      g_assert_cmpint (fd, >=, 0);
      g_assert_cmpint (ftruncate (fd, 15 * 1024 * 1024), ==, 0);
      close (fd);
      g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
    }

  drafts = sb_draft_store_list (fixture->store, fixture->registry, errors);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_assert_cmpuint (errors->len, ==, 5);
  g_assert_null (error_about (errors, "big-0.json"));
  g_assert_nonnull (error_about (errors, "big-1.json"));
  last = g_ptr_array_index (errors, 4);
  g_assert_error (last, SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (last->message, "1 more draft is not listed"));
}

/* A draft that has grown past what can be read again is not written: the
 * last version that can be opened stays, and the caller is told. */
static void
test_write_too_large (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) loaded = NULL;
  g_autoptr(GBytes) huge = g_bytes_new_take (g_malloc0 (SB_DRAFT_STORE_MAX_FILE_SIZE + 1),
                                             SB_DRAFT_STORE_MAX_FILE_SIZE + 1);
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_draft_store_save (fixture->store, draft, &error));
  g_assert_false (sb_draft_store_write (fixture->store, sb_draft_get_id (draft), huge, &error));
  g_assert_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE);
  g_clear_error (&error);
  loaded = sb_draft_store_load (fixture->store, fixture->registry, sb_draft_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
}

/* Importing a file (the person chose it) is bounded the same way. */
static void
test_import_too_large (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.sbdraft.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(SbDraft) imported = NULL;
  g_autoptr(GError) error = NULL;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (write (fd, "{\"kind\": \"shenbao-draft\"", 25), ==, 25);
  g_assert_cmpint (ftruncate (fd, 200 * 1024 * 1024), ==, 0);
  close (fd);

  imported = sb_draft_store_import (fixture->store, fixture->registry, file, &error);
  g_assert_null (imported);
  g_assert_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_TOO_LARGE);
  drafts = sb_draft_store_list (fixture->store, fixture->registry, NULL);
  g_assert_cmpuint (drafts->len, ==, 0);
}

/* The members added to format 1 (name, checked_steps) round-trip, and a
 * draft written before they existed still opens without them. */
static void
test_name_and_checked_steps (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) loaded = NULL;
  g_autoptr(SbDraft) old = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) old_bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display = NULL;
  g_autofree char *old_text = NULL;
  const char *text;

  set_text (sb_draft_get_answers (draft), "name", "阳泉市城区启明科技培训中心");
  sb_draft_set_name (draft, "  给王老师的那份 🎓 ");
  sb_draft_set_step_checked (draft, "applicant", TRUE);
  sb_draft_set_step_checked (draft, "fees", TRUE);
  sb_draft_set_step_checked (draft, "fees", FALSE);
  bytes = sb_draft_to_bytes (draft);
  loaded = sb_draft_new_from_bytes (fixture->registry, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_draft_get_name (loaded), ==, "给王老师的那份 🎓");
  display = sb_draft_dup_display_name (loaded);
  g_assert_cmpstr (display, ==, "给王老师的那份 🎓");
  g_assert_true (sb_draft_is_step_checked (loaded, "applicant"));
  g_assert_false (sb_draft_is_step_checked (loaded, "fees"));

  /* Blank clears the name: the summary fields name it again. */
  sb_draft_set_name (loaded, "   ");
  g_assert_null (sb_draft_get_name (loaded));
  g_clear_pointer (&display, g_free);
  display = sb_draft_dup_display_name (loaded);
  g_assert_cmpstr (display, !=, "给王老师的那份 🎓");

  /* A draft of an earlier version: no "name", no "checked_steps". */
  text = g_bytes_get_data (bytes, NULL);
  old_text = g_strndup (text, g_bytes_get_size (bytes));
  {
    char *name = strstr (old_text, "\"name\" : \"给王老师");
    char *steps = strstr (old_text, ",\n  \"checked_steps\"");

    g_assert_nonnull (name);
    g_assert_nonnull (steps);
    /* Cut from the comma before "name" to the closing brace. */
    while (name > old_text && *name != ',')
      name--;
    strcpy (name, "\n}");
  }
  g_assert_null (strstr (old_text, "checked_steps"));
  old_bytes = g_bytes_new (old_text, strlen (old_text));
  old = sb_draft_new_from_bytes (fixture->registry, old_bytes, &error);
  g_assert_no_error (error);
  g_assert_null (sb_draft_get_name (old));
  g_assert_false (sb_draft_is_step_checked (old, "applicant"));
}

/* A finished draft knows its last packet; a copy is a new application
 * with the same answers and nothing of the old one's history. */
static void
test_finished_and_copy (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) copy = NULL;
  JsonNode *node;
  const char *reference = NULL, *finalised = NULL;

  g_assert_false (sb_draft_is_finished (draft));
  g_assert_false (sb_draft_get_last_packet (draft, &reference, &finalised));
  set_text (sb_draft_get_answers (draft), "name", "阳泉市城区启明科技培训中心");
  sb_draft_set_raw_text (draft, "area", "约3亩");
  sb_draft_set_justification (draft, "R-1", "有说明");
  sb_draft_set_name (draft, "第一份");
  sb_draft_set_step_checked (draft, "applicant", TRUE);
  sb_draft_add_packet (draft, "YQ-2024-0002", "2024-03-16T08:00:00Z");
  sb_draft_add_packet (draft, "YQ-2024-0001", "2024-03-15T08:00:00Z");
  g_assert_true (sb_draft_is_finished (draft));
  g_assert_true (sb_draft_get_last_packet (draft, &reference, &finalised));
  g_assert_cmpstr (reference, ==, "YQ-2024-0002");
  g_assert_cmpstr (finalised, ==, "2024-03-16T08:00:00Z");

  copy = sb_draft_new_copy (draft, "2024-04-01T10:00:00Z");
  g_assert_cmpstr (sb_draft_get_id (copy), !=, sb_draft_get_id (draft));
  g_assert_false (sb_draft_is_finished (copy));
  g_assert_null (sb_draft_get_name (copy));
  g_assert_false (sb_draft_is_step_checked (copy, "applicant"));
  g_assert_cmpstr (sb_draft_get_created (copy), ==, "2024-04-01T10:00:00Z");
  g_assert_cmpstr (sb_draft_get_raw_text (copy, "area"), ==, "约3亩");
  g_assert_cmpstr (sb_draft_get_justification (copy, "R-1"), ==, "有说明");
  node = sb_answers_get_field_json (sb_draft_get_answers (copy), "name");
  g_assert_nonnull (node);
  g_assert_cmpstr (json_node_get_string (node), ==, "阳泉市城区启明科技培训中心");
}

/* Removing with an undo: set aside, the draft is not listed; restored,
 * it is back as it was; discarded, it is gone. */
static void
test_set_aside_and_restore (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(SbDraft) draft = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) loaded = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;

  sb_draft_set_name (draft, "要删除的申请");
  g_assert_true (sb_draft_store_save (fixture->store, draft, &error));
  g_assert_no_error (error);

  g_assert_true (sb_draft_store_set_aside (fixture->store, sb_draft_get_id (draft), &error));
  g_assert_no_error (error);
  drafts = sb_draft_store_list (fixture->store, fixture->registry, NULL);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_clear_pointer (&drafts, g_ptr_array_unref);

  g_assert_true (sb_draft_store_restore (fixture->store, sb_draft_get_id (draft), &error));
  g_assert_no_error (error);
  loaded = sb_draft_store_load (fixture->store, fixture->registry, sb_draft_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_draft_get_name (loaded), ==, "要删除的申请");

  /* Restoring twice fails and says so; the draft stays. */
  g_assert_false (sb_draft_store_restore (fixture->store, sb_draft_get_id (draft), &error));
  g_assert_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_IO);
  g_clear_error (&error);

  g_assert_true (sb_draft_store_set_aside (fixture->store, sb_draft_get_id (draft), &error));
  g_assert_true (sb_draft_store_discard_removed (fixture->store, sb_draft_get_id (draft), &error));
  g_assert_no_error (error);
  g_assert_false (sb_draft_store_restore (fixture->store, sb_draft_get_id (draft), &error));
  g_clear_error (&error);
  drafts = sb_draft_store_list (fixture->store, fixture->registry, NULL);
  g_assert_cmpuint (drafts->len, ==, 0);
  /* Not a UUID: never part of a path. */
  g_assert_false (sb_draft_store_set_aside (fixture->store, "../x", &error));
  g_assert_error (error, SB_DRAFT_ERROR, SB_DRAFT_ERROR_INVALID);
}

/* Drafts left set aside by a run that was killed while their undo was
 * offered go to the Trash at the next start, under their own names (put
 * back from the Trash, they are drafts again); live drafts stay. */
static void
test_trash_removed (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(SbDraft) kept = new_draft (fixture, "2024-03-14T09:30:00Z");
  g_autoptr(SbDraft) removed = new_draft (fixture, "2024-03-15T09:30:00Z");
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *in_trash = NULL;
  g_autofree char *trash_info = NULL;
  g_autofree char *info = NULL;
  g_autofree char *aside = NULL;
  guint n_trashed = 99;

  /* Nothing set aside, or no folder yet: nothing to do. */
  g_assert_true (sb_draft_store_trash_removed (fixture->store, &n_trashed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_trashed, ==, 0);

  g_assert_true (sb_draft_store_save (fixture->store, kept, &error));
  g_assert_true (sb_draft_store_save (fixture->store, removed, &error));
  g_assert_true (sb_draft_store_set_aside (fixture->store, sb_draft_get_id (removed), &error));
  g_assert_no_error (error);
  name = g_strconcat (sb_draft_get_id (removed), ".json", NULL);
  aside = g_strconcat (sb_draft_store_get_dir (fixture->store), G_DIR_SEPARATOR_S, name, ".removed", NULL);
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));

  g_assert_true (sb_draft_store_trash_removed (fixture->store, &n_trashed, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_trashed, ==, 1);
  g_assert_false (g_file_test (aside, G_FILE_TEST_EXISTS));
  in_trash = g_build_filename (g_get_user_data_dir (), "Trash", "files", name, NULL);
  g_assert_true (g_file_test (in_trash, G_FILE_TEST_IS_REGULAR));
  /* The Trash puts it back where a draft is listed. */
  trash_info = g_strconcat (g_get_user_data_dir (), "/Trash/info/", name, ".trashinfo", NULL);
  g_assert_true (g_file_get_contents (trash_info, &info, NULL, NULL));
  g_assert_nonnull (strstr (info, name));
  g_assert_null (strstr (info, ".removed"));

  drafts = sb_draft_store_list (fixture->store, fixture->registry, NULL);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_assert_cmpstr (sb_draft_get_id (g_ptr_array_index (drafts, 0)), ==, sb_draft_get_id (kept));
  g_unlink (in_trash);
  g_unlink (trash_info);
}

int
main (int    argc,
      char **argv)
{
  /* The Trash of the tests' own home, never the person's: set before GLib
   * first reads these. */
  g_autofree char *home = g_dir_make_tmp ("shenbao-draft-home-XXXXXX", NULL);
  g_autofree char *data_home = g_build_filename (home, "data", NULL);
  int status;

  g_setenv ("HOME", home, TRUE);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);

  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/draft/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/draft/control-characters", Fixture, NULL, fixture_set_up, test_control_characters, fixture_tear_down);
  g_test_add ("/draft/list-and-remove", Fixture, NULL, fixture_set_up, test_list_and_remove, fixture_tear_down);
  g_test_add ("/draft/save-failure", Fixture, NULL, fixture_set_up, test_save_failure_keeps_old, fixture_tear_down);
  g_test_add ("/draft/save-async", Fixture, NULL, fixture_set_up, test_save_async, fixture_tear_down);
  g_test_add ("/draft/import-export", Fixture, NULL, fixture_set_up, test_import_export, fixture_tear_down);
  g_test_add ("/draft/bad-drafts", Fixture, NULL, fixture_set_up, test_bad_drafts, fixture_tear_down);
  g_test_add ("/draft/list-bounded", Fixture, NULL, fixture_set_up, test_list_bounded, fixture_tear_down);
  g_test_add ("/draft/list-async", Fixture, NULL, fixture_set_up, test_list_async, fixture_tear_down);
  g_test_add ("/draft/list-count-bounded", Fixture, NULL, fixture_set_up, test_list_count_bounded, fixture_tear_down);
  g_test_add ("/draft/list-bytes-bounded", Fixture, NULL, fixture_set_up, test_list_bytes_bounded, fixture_tear_down);
  g_test_add ("/draft/write-too-large", Fixture, NULL, fixture_set_up, test_write_too_large, fixture_tear_down);
  g_test_add ("/draft/import-too-large", Fixture, NULL, fixture_set_up, test_import_too_large, fixture_tear_down);
  g_test_add ("/draft/errors-in-chinese", Fixture, NULL, fixture_set_up, test_errors_in_chinese, fixture_tear_down);

  g_test_add ("/draft/name-and-checked-steps", Fixture, NULL, fixture_set_up, test_name_and_checked_steps, fixture_tear_down);
  g_test_add ("/draft/finished-and-copy", Fixture, NULL, fixture_set_up, test_finished_and_copy, fixture_tear_down);
  g_test_add ("/draft/set-aside-and-restore", Fixture, NULL, fixture_set_up, test_set_aside_and_restore, fixture_tear_down);
  g_test_add ("/draft/trash-removed", Fixture, NULL, fixture_set_up, test_trash_removed, fixture_tear_down);

  status = g_test_run ();
  remove_tree (home);
  return status;
}
