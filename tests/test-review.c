/* test-review.c — review files: notes, checklist, decisions, deadlines
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include "sb-date.h"
#include "sb-review-store.h"
#include "sb-review.h"
#include "test-chinese.h"
#include "test-json-edit.h"

#define HASH "3f1c0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"

static SbFormDefinition *
load_definition (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", "engine-test.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_definition_new_from_file (file, &error);

  g_assert_no_error (error);
  return definition;
}

static gint32
date (const char *text)
{
  gint32 julian_day = 0;

  g_assert_true (sb_date_parse (text, &julian_day));
  return julian_day;
}

static void
test_round_trip (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(SbReview) review = sb_review_new (definition, "KJ240315-7HQ4MX", HASH, date ("2024-03-18"));
  g_autoptr(SbReview) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_again = NULL;
  g_autoptr(GError) error = NULL;
  SbReviewNote *note;
  const char *check_note = NULL;

  sb_review_set_reviewer (review, "王芳", "城区行政审批局");
  g_assert_true (sb_review_set_decision (review, "correct", date ("2024-03-20"), &error));
  g_assert_true (sb_review_set_check (review, "T-R1", SB_CHECK_PROBLEM, "名称含禁用字样", &error));
  g_assert_true (sb_review_add_note (review, "area", -1, NULL, "补正：请提供产权证载明的建筑面积。", &error));
  g_assert_true (sb_review_add_note (review, "staff[].permit_file", 1, NULL, "补正：外籍人员工作许可。", &error));
  g_assert_true (sb_review_add_note (review, NULL, -1, "ET-ATT-01", "补正：章程须加盖公章。", &error));
  g_assert_no_error (error);

  bytes = sb_review_to_bytes (review);
  again = sb_review_new_from_bytes (definition, bytes, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (sb_review_get_packet_reference (again), ==, "KJ240315-7HQ4MX");
  g_assert_cmpstr (sb_review_get_packet_hash (again), ==, HASH);
  g_assert_cmpstr (sb_review_get_reviewer_name (again), ==, "王芳");
  g_assert_cmpstr (sb_review_get_decision (again), ==, "correct");
  g_assert_cmpint (sb_review_get_decided (again), ==, date ("2024-03-20"));
  g_assert_cmpint (sb_review_get_check (again, "T-R1", &check_note), ==, SB_CHECK_PROBLEM);
  g_assert_cmpstr (check_note, ==, "名称含禁用字样");
  g_assert_cmpuint (sb_review_get_notes (again)->len, ==, 3);
  note = g_ptr_array_index (sb_review_get_notes (again), 1);
  g_assert_cmpstr (note->field, ==, "staff[].permit_file");
  g_assert_cmpint (note->row, ==, 1);

  bytes_again = sb_review_to_bytes (again);
  g_assert_true (g_bytes_equal (bytes, bytes_again));
}

/* A note pasted with a control character in it (U+001F included, which
 * json-glib 1.6 alone would write raw) is written escaped and read back
 * as typed. */
static void
test_control_characters (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(SbReview) review = sb_review_new (definition, "KJ240315-7HQ4MX", HASH, date ("2024-03-18"));
  g_autoptr(SbReview) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = "补正：\x01附件\x1f一\x7f";
  const char *written;
  gsize length;

  g_assert_true (sb_review_add_note (review, "area", -1, NULL, text, &error));
  g_assert_no_error (error);
  bytes = sb_review_to_bytes (review);
  written = g_bytes_get_data (bytes, &length);
  for (gsize i = 0; i < length; i++)
    g_assert_true ((guchar) written[i] >= 0x20 || written[i] == '\n');

  again = sb_review_new_from_bytes (definition, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SbReviewNote *) g_ptr_array_index (sb_review_get_notes (again), 0))->text, ==, text);
}

static void
test_rejects (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(SbReview) review = sb_review_new (definition, "KJ240315-7HQ4MX", HASH, date ("2024-03-18"));
  g_autoptr(GError) error = NULL;

  g_assert_false (sb_review_set_decision (review, "approve-everything", 0, &error));
  g_assert_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sb_review_set_check (review, "X-R9", SB_CHECK_OK, NULL, &error));
  g_clear_error (&error);
  g_assert_false (sb_review_add_note (review, "nothing", -1, NULL, "x", &error));
  g_clear_error (&error);
  g_assert_false (sb_review_add_note (review, "area", 2, NULL, "x", &error));
  g_clear_error (&error);
  g_assert_false (sb_review_add_note (review, NULL, -1, "ET-ATT-99", "x", &error));
  g_clear_error (&error);
  g_assert_false (sb_review_add_note (review, "area", -1, NULL, "", &error));
  g_clear_error (&error);
}

static void
test_bad_files (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  struct {
    const char *json;
    int code;
    const char *needle;
  } cases[] = {
    { "{", SB_REVIEW_ERROR_INVALID, "JSON" },
    { "[]", SB_REVIEW_ERROR_INVALID, "not a review" },
    { "{\"format\": 7, \"kind\": \"shenbao-review\"}", SB_REVIEW_ERROR_UNSUPPORTED, "format 7" },
    { "{\"format\": 1, \"kind\": \"shenbao-packet\"}", SB_REVIEW_ERROR_INVALID, "not a review" },
    { "{\"format\": 1, \"kind\": \"shenbao-review\", \"packet\": {\"form_id\": \"zijin\", \"form_version\": \"1\", "
      "\"reference\": \"R\", \"integrity_hash\": \"" HASH "\"}}", SB_REVIEW_ERROR_MISMATCH, "zijin" },
    { "{\"format\": 1, \"kind\": \"shenbao-review\", \"packet\": {\"form_id\": \"enginetest\", \"form_version\": \"1.0\", "
      "\"reference\": \"R\", \"integrity_hash\": \"xyz\"}}", SB_REVIEW_ERROR_INVALID, "SHA-256" },
    { "{\"format\": 1, \"kind\": \"shenbao-review\", \"packet\": {\"form_id\": \"enginetest\", \"form_version\": \"1.0\", "
      "\"reference\": \"R\", \"integrity_hash\": \"" HASH "\"}, \"received\": \"2024-02-30\"}", SB_REVIEW_ERROR_INVALID, "2024-02-30" },
    { "{\"format\": 1, \"kind\": \"shenbao-review\", \"packet\": {\"form_id\": \"enginetest\", \"form_version\": \"1.0\", "
      "\"reference\": \"R\", \"integrity_hash\": \"" HASH "\"}, \"received\": \"2024-03-18\", \"reviewer\": {}, "
      "\"checklist\": [], \"notes\": [{\"field\": \"../../etc\", \"text\": \"x\"}]}", SB_REVIEW_ERROR_INVALID, "$.notes[0]" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr(GError) error = NULL;
      g_autoptr(SbReview) review = sb_review_new_from_bytes (definition, bytes, &error);

      g_assert_null (review);
      g_assert_error (error, SB_REVIEW_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].needle) == NULL)
        g_error ("case %u: expected “%s” in: %s", i, cases[i].needle, error->message);
    }
}

/* Reads @bytes, which must be refused; the message. */
static char *
review_refusal (SbFormDefinition *definition,
                SbFormRegistry   *registry,
                GBytes           *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbReview) review = NULL;

  if (registry != NULL)
    review = sb_review_load (registry, bytes, &error);
  else
    review = sb_review_new_from_bytes (definition, bytes, &error);
  g_assert_null (review);
  g_assert_nonnull (error);
  g_assert_true (error->domain == SB_REVIEW_ERROR);
  return g_strdup (error->message);
}

/* A review file the applicant opens from the office, damaged or not meant
 * for this application: every reason it is refused is given in Chinese
 * under zh_CN, and in English under C. */
static void
test_errors_in_chinese (void)
{
  struct {
    gboolean    load;      /* sb_review_load, which finds the form itself */
    const char *member;    /* NULL: @value is the whole file */
    const char *value;
    const char *english;
  } cases[] = {
    { FALSE, NULL, "", "not a readable review file: the file is empty" },
    { FALSE, NULL, "\"\xff\"", "not a readable review file: the file is not UTF-8 text" },
    { FALSE, NULL, "[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]", "the JSON is nested more than 16 levels deep" },
    { FALSE, NULL, "[1]", "this is not a review file" },
    { FALSE, "format", NULL, "$.format is missing" },
    { FALSE, "format", "7", "review format 7 is not supported (this version reads format 1)" },
    { FALSE, "kind", NULL, "$.kind is missing" },
    { FALSE, "kind", "5", "$.kind: expected a string" },
    { FALSE, "kind", "\"shenbao-packet\"", "this is not a review file (kind “shenbao-packet”)" },
    { FALSE, "packet", "[]", "$.packet: expected an object" },
    { FALSE, "packet.form_id", "\"zijin\"", "the review is of the form “zijin” version 1.0, not of “enginetest” version 1.0" },
    { FALSE, "packet.reference", NULL, "$.packet.reference is missing" },
    { FALSE, "packet.integrity_hash", "\"xyz\"", "$.packet.integrity_hash is not a SHA-256 hash" },
    { FALSE, "received", "\"2024-02-30\"", "$.received: “2024-02-30” is not a date" },
    { FALSE, "reviewer", "\"王芳\"", "$.reviewer: expected an object" },
    { FALSE, "reviewer.office", "5", "$.reviewer.office: expected a string" },
    { FALSE, "decision", "\"approve-everything\"", "“approve-everything” is not a decision this procedure allows" },
    { FALSE, "checklist", "{}", "$.checklist: expected an array" },
    { FALSE, "checklist", "[1]", "$.checklist[0]: expected an object" },
    { FALSE, "checklist[0].state", "\"maybe\"", "$.checklist[0].state: unknown state “maybe”" },
    { FALSE, "checklist[0].id", "\"X-R9\"", "“X-R9” is not an item of this procedure’s checklist" },
    { FALSE, "notes", "{}", "$.notes: expected an array" },
    { FALSE, "notes", "[\"补正\"]", "$.notes[0]: expected an object" },
    { FALSE, "notes[0].text", "\"\"", "$.notes[0]: a note needs a text" },
    { FALSE, "notes[0].field", "\"../../etc\"", "$.notes[0]: “../../etc” is not a field of this form" },
    { FALSE, "notes[0].row", "\"one\"", "$.notes[0].row: expected a row number" },
    { FALSE, "notes[0].row", "2", "$.notes[0]: a row number needs a table field" },
    { FALSE, "notes[2].material", "\"ET-ATT-99\"", "$.notes[2]: “ET-ATT-99” is not a material of this procedure" },
    { TRUE, "packet.form_version", NULL, "not a review file: $.packet.form_id or $.packet.form_version is missing" },
    { TRUE, "packet.form_version", "\"9.9\"", "the review is of the form “enginetest” version 9.9, which is not installed" },
  };
  g_autofree char *forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  g_autoptr(SbFormRegistry) registry = sb_form_registry_new_from_directory (forms, NULL);
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(SbReview) review = sb_review_new (definition, "KJ240315-7HQ4MX", HASH, date ("2024-03-18"));
  g_autoptr(GBytes) sound = NULL;
  g_autoptr(GError) error = NULL;
  TestLocale locale;

  sb_review_set_reviewer (review, "王芳", "城区行政审批局");
  g_assert_true (sb_review_set_decision (review, "correct", date ("2024-03-20"), &error));
  g_assert_true (sb_review_set_check (review, "T-R1", SB_CHECK_PROBLEM, "名称含禁用字样", &error));
  g_assert_true (sb_review_add_note (review, "area", -1, NULL, "补正：请提供产权证载明的建筑面积。", &error));
  g_assert_true (sb_review_add_note (review, "staff[].permit_file", 1, NULL, "补正：外籍人员工作许可。", &error));
  g_assert_true (sb_review_add_note (review, NULL, -1, "ET-ATT-01", "补正：章程须加盖公章。", &error));
  g_assert_no_error (error);
  sound = sb_review_to_bytes (review);

  /* The sound file is read by both ways in: the cases fail by their change. */
  {
    g_autoptr(SbReview) read = sb_review_new_from_bytes (definition, sound, &error);
    g_autoptr(SbReview) loaded = sb_review_load (registry, sound, &error);

    g_assert_no_error (error);
    g_assert_nonnull (read);
    g_assert_nonnull (loaded);
  }

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
      english = review_refusal (definition, cases[i].load ? registry : NULL, bytes);
      test_chinese_resume ();
      chinese = review_refusal (definition, cases[i].load ? registry : NULL, bytes);
      test_assert_both_languages (english, chinese, cases[i].english, NULL);
    }

  /* A note longer than a note may be, on a checklist item and on a field,
   * from a file or typed by the reviewer. */
  {
    g_autofree char *long_text = g_strnfill (64 * 1024 + 1, 'x');
    g_autofree char *long_json = g_strdup_printf ("\"%s\"", long_text);
    const char *members[] = { "checklist[0].note", "notes[1].text" };
    const char *needles[] = { "the note is longer than 65536 characters",
                              "$.notes[1]: the note is longer than 65536 characters" };
    const char *values[] = { long_text, NULL };
    g_autoptr(GError) english = NULL;
    g_autoptr(GError) chinese = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (members); i++)
      {
        g_autoptr(GBytes) bytes = test_json_edit (sound, members[i], long_json);
        g_autofree char *english_message = NULL;
        g_autofree char *chinese_message = NULL;

        test_chinese_pause (&locale);
        english_message = review_refusal (definition, NULL, bytes);
        test_chinese_resume ();
        chinese_message = review_refusal (definition, NULL, bytes);
        test_assert_both_languages (english_message, chinese_message, needles[i], values);
      }

    test_chinese_pause (&locale);
    g_assert_false (sb_review_add_note (review, "area", -1, NULL, long_text, &english));
    test_chinese_resume ();
    g_assert_false (sb_review_add_note (review, "area", -1, NULL, long_text, &chinese));
    test_assert_both_languages (english->message, chinese->message, "the note is longer than 65536 characters", values);
  }

  test_chinese_end (&locale);
}

static void
test_deadlines (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(GError) error = NULL;
  SbCalendar *calendar = sb_calendar_get_default (&error);
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;
  SbDeadlineStatus *status;

  g_assert_no_error (error);

  /* Received Friday 2024-09-27: five working days run over 国庆
   * (2024-09-29 Sunday is worked; 10-01..07 are off). */
  review = sb_review_new (definition, "R", HASH, date ("2024-09-27"));
  deadlines = sb_review_compute_deadlines (review, date ("2024-09-26"), date ("2024-09-30"), calendar);
  g_assert_cmpuint (deadlines->len, ==, 1);
  status = g_ptr_array_index (deadlines, 0);
  g_assert_null (status->problem);
  g_assert_cmpint (status->working_days, ==, 5);
  g_assert_cmpint (status->due, ==, date ("2024-10-10"));
  g_assert_cmpint (status->remaining, ==, 3);
  g_clear_pointer (&deadlines, g_ptr_array_unref);

  /* Overdue. */
  deadlines = sb_review_compute_deadlines (review, 0, date ("2024-10-14"), calendar);
  status = g_ptr_array_index (deadlines, 0);
  g_assert_cmpint (status->remaining, ==, -3);  /* 10-11, 10-12 (a worked Saturday), 10-14 */
  g_clear_pointer (&deadlines, g_ptr_array_unref);

  /* Without a calendar the date is unknown, and says why. */
  deadlines = sb_review_compute_deadlines (review, 0, date ("2024-10-01"), NULL);
  status = g_ptr_array_index (deadlines, 0);
  g_assert_cmpint (status->due, ==, 0);
  g_assert_nonnull (status->problem);
  g_clear_pointer (&deadlines, g_ptr_array_unref);

  /* The office says it received the packet two days earlier (Wednesday
   * 2024-09-25): 09-26, 09-27, 09-29 (a worked Sunday), 09-30, then the
   * holiday, and 10-08 is the fifth working day. */
  sb_review_set_received (review, date ("2024-09-25"));
  g_assert_cmpint (sb_review_get_received (review), ==, date ("2024-09-25"));
  deadlines = sb_review_compute_deadlines (review, 0, date ("2024-09-26"), calendar);
  status = g_ptr_array_index (deadlines, 0);
  g_assert_cmpint (status->due, ==, date ("2024-10-08"));
}

static void
on_changed (SbReview *review,
            guint    *count)
{
  (*count)++;
}

/* 审核通过 only when every checklist item meets the rule or is explained;
 * 不予受理 only with its reason and clause; both kept across a file. */
static void
test_decision_safeguards (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(SbReview) review = sb_review_new (definition, "KJ240315-7HQ4MX", HASH, date ("2024-03-18"));
  g_autoptr(SbReview) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *problem = NULL;
  guint changes = 0;

  g_signal_connect (review, "changed", G_CALLBACK (on_changed), &changes);

  /* T-R1 is 未核查: no approval, and nothing changes. */
  g_assert_false (sb_review_set_decision (review, "approve", date ("2024-03-20"), &error));
  g_assert_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INCOMPLETE);
  g_assert_nonnull (strstr (error->message, "T-R1"));
  g_clear_error (&error);
  g_assert_null (sb_review_get_decision (review));
  g_assert_cmpuint (changes, ==, 0);

  /* A problem without a note is not explained; with one it is. */
  g_assert_true (sb_review_set_check (review, "T-R1", SB_CHECK_PROBLEM, NULL, &error));
  problem = sb_review_dup_decision_problem (review, "approve");
  g_assert_nonnull (problem);
  g_assert_true (sb_review_set_check (review, "T-R1", SB_CHECK_PROBLEM, "名称已于现场核实更正", &error));
  g_assert_true (sb_review_set_decision (review, "approve", date ("2024-03-20"), &error));
  g_assert_no_error (error);
  g_assert_true (sb_review_set_check (review, "T-R1", SB_CHECK_OK, NULL, &error));
  g_assert_true (sb_review_set_decision (review, "approve", date ("2024-03-20"), &error));
  g_assert_cmpstr (sb_review_get_decision (review), ==, "approve");

  /* A refusal needs both its reason and its clause. */
  g_assert_false (sb_review_set_decision (review, "reject", date ("2024-03-21"), &error));
  g_assert_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_cmpstr (sb_review_get_decision (review), ==, "approve");
  g_assert_true (sb_review_set_decision_reason (review, "名称含“学科”字样", NULL, &error));
  g_assert_false (sb_review_set_decision (review, "reject", date ("2024-03-21"), &error));
  g_assert_nonnull (strstr (error->message, "clause"));
  g_clear_error (&error);
  g_assert_false (sb_review_set_decision_reason (review, "名称含“学科”字样", "X-R9", &error));
  g_assert_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sb_review_set_decision_reason (review, "名称含“学科”字样", "T-R1", &error));
  g_assert_true (sb_review_set_decision (review, "reject", date ("2024-03-21"), &error));
  g_assert_no_error (error);

  /* Every change said so, for the autosave. */
  g_assert_cmpuint (changes, ==, 8);

  bytes = sb_review_to_bytes (review);
  again = sb_review_new_from_bytes (definition, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_review_get_decision (again), ==, "reject");
  g_assert_cmpstr (sb_review_get_decision_reason (again), ==, "名称含“学科”字样");
  g_assert_cmpstr (sb_review_get_decision_clause (again), ==, "T-R1");
}

/* A file from before reasons were recorded is read as it was. */
static void
test_file_without_reason (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autoptr(SbReview) review = NULL;
  g_autoptr(GError) error = NULL;
  const char *json = "{\"format\": 1, \"kind\": \"shenbao-review\", \"packet\": {\"form_id\": \"enginetest\", "
                     "\"form_version\": \"1.0\", \"reference\": \"R\", \"integrity_hash\": \"" HASH "\"}, "
                     "\"reviewer\": {\"name\": null, \"office\": null}, \"received\": \"2024-03-18\", "
                     "\"decision\": \"reject\", \"decided\": \"2024-03-19\", \"checklist\": [], \"notes\": []}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));

  review = sb_review_new_from_bytes (definition, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_review_get_decision (review), ==, "reject");
  g_assert_null (sb_review_get_decision_reason (review));
}

static char *
make_store_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("shenbao-reviews-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_tree (const char *dir)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        {
          g_chmod (path, 0700);
          remove_tree (path);
        }
      else
        g_remove (path);
    }
  g_rmdir (dir);
}

#define OTHER_HASH "aaaa0e6f8a9b2d4c5e7f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d"

static void
test_store_round_trip (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autofree char *dir = make_store_dir ();
  g_autofree char *folder = g_build_filename (dir, "reviews", NULL);
  g_autoptr(SbReviewStore) store = sb_review_store_new (folder);
  g_autoptr(SbReview) review = sb_review_new (definition, "KJ240315-7HQ4MX", HASH, date ("2024-03-18"));
  g_autoptr(SbReview) again = NULL;
  g_autoptr(SbReview) other = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_again = NULL;
  g_autoptr(GError) error = NULL;

  /* Nothing stored yet: no review and no error. */
  g_assert_null (sb_review_store_load (store, definition, HASH, &error));
  g_assert_no_error (error);

  sb_review_set_reviewer (review, "王芳", "城区行政审批局");
  g_assert_true (sb_review_add_note (review, "area", -1, NULL, "补正：请提供产权证载明的建筑面积。", &error));
  bytes = sb_review_to_bytes (review);
  g_assert_true (sb_review_store_write (store, HASH, bytes, &error));
  g_assert_no_error (error);

  again = sb_review_store_load (store, definition, HASH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (again);
  bytes_again = sb_review_to_bytes (again);
  g_assert_true (g_bytes_equal (bytes, bytes_again));

  /* Another packet never picks it up. */
  other = sb_review_store_load (store, definition, OTHER_HASH, &error);
  g_assert_no_error (error);
  g_assert_null (other);

  /* Nor does a name that is not a hash become a path. */
  g_assert_false (sb_review_store_write (store, "../escape", bytes, &error));
  g_assert_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID);
  g_clear_error (&error);

  remove_tree (dir);
}

/* A folder that cannot be written keeps the previous version, says why,
 * and the same bytes are written once it can be again. */
static void
test_store_failed_write (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autofree char *dir = make_store_dir ();
  g_autoptr(SbReviewStore) store = sb_review_store_new (dir);
  g_autoptr(SbReview) review = sb_review_new (definition, "KJ240315-7HQ4MX", HASH, date ("2024-03-18"));
  g_autoptr(SbReview) loaded = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GError) error = NULL;

  first = sb_review_to_bytes (review);
  g_assert_true (sb_review_store_write (store, HASH, first, &error));
  g_assert_no_error (error);

  g_assert_true (sb_review_add_note (review, NULL, -1, NULL, "请补交章程原件。", &error));
  second = sb_review_to_bytes (review);
  g_assert_cmpint (g_chmod (dir, 0500), ==, 0);
  if (g_access (dir, W_OK) == 0)
    {
      /* root writes anyway: the failure cannot be made here. */
      g_chmod (dir, 0700);
      remove_tree (dir);
      g_test_skip ("a read-only folder is writable to this user");
      return;
    }
  g_assert_false (sb_review_store_write (store, HASH, second, &error));
  g_assert_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "review"));
  g_clear_error (&error);

  /* What was on disk before is intact. */
  loaded = sb_review_store_load (store, definition, HASH, &error);
  g_assert_no_error (error);
  stored = sb_review_to_bytes (loaded);
  g_assert_true (g_bytes_equal (stored, first));
  g_clear_object (&loaded);
  g_clear_pointer (&stored, g_bytes_unref);

  /* Retried once the folder can be written: nothing was dropped. */
  g_assert_cmpint (g_chmod (dir, 0700), ==, 0);
  g_assert_true (sb_review_store_write (store, HASH, second, &error));
  g_assert_no_error (error);
  loaded = sb_review_store_load (store, definition, HASH, &error);
  g_assert_no_error (error);
  stored = sb_review_to_bytes (loaded);
  g_assert_true (g_bytes_equal (stored, second));

  remove_tree (dir);
}

/* A damaged stored review is moved aside with a message, never lost or
 * overwritten; so is one whose packet is another. */
static void
test_store_corrupt (void)
{
  g_autoptr(SbFormDefinition) definition = load_definition ();
  g_autofree char *dir = make_store_dir ();
  g_autoptr(SbReviewStore) store = sb_review_store_new (dir);
  g_autofree char *path = g_build_filename (dir, HASH ".review.json", NULL);
  g_autofree char *other_path = g_build_filename (dir, OTHER_HASH ".review.json", NULL);
  g_autoptr(SbReview) review = sb_review_new (definition, "R", HASH, date ("2024-03-18"));
  g_autoptr(GBytes) bytes = sb_review_to_bytes (review);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  const char *name;
  guint aside = 0;

  g_assert_true (g_file_set_contents (path, "{\"format\": 1, \"kind\": \"shenbao-re", -1, NULL));
  g_assert_null (sb_review_store_load (store, definition, HASH, &error));
  g_assert_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, ".damaged-"));
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  /* The review of HASH stored under OTHER_HASH's name. */
  g_assert_true (g_file_set_contents (other_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  g_assert_null (sb_review_store_load (store, definition, OTHER_HASH, &error));
  g_assert_error (error, SB_REVIEW_ERROR, SB_REVIEW_ERROR_INVALID);
  g_clear_error (&error);

  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *kept = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;

      g_assert_nonnull (strstr (name, ".review.json.damaged-"));
      g_assert_true (g_file_get_contents (kept, &contents, NULL, NULL));
      g_assert_true (g_str_has_prefix (contents, "{"));
      aside++;
    }
  g_assert_cmpuint (aside, ==, 2);

  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/round-trip", test_round_trip);
  g_test_add_func ("/review/control-characters", test_control_characters);
  g_test_add_func ("/review/rejects", test_rejects);
  g_test_add_func ("/review/bad-files", test_bad_files);
  g_test_add_func ("/review/deadlines", test_deadlines);
  g_test_add_func ("/review/decision-safeguards", test_decision_safeguards);
  g_test_add_func ("/review/file-without-reason", test_file_without_reason);
  g_test_add_func ("/review/store-round-trip", test_store_round_trip);
  g_test_add_func ("/review/store-failed-write", test_store_failed_write);
  g_test_add_func ("/review/store-corrupt", test_store_corrupt);
  g_test_add_func ("/review/errors-in-chinese", test_errors_in_chinese);

  return g_test_run ();
}
