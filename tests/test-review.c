/* test-review.c — review files: notes, checklist, decisions, deadlines
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <string.h>

#include "sb-date.h"
#include "sb-review.h"

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

int
main (int    argc,
      char **argv)
{
  /* UTF-8 messages need the locale's charset. */
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/review/round-trip", test_round_trip);
  g_test_add_func ("/review/rejects", test_rejects);
  g_test_add_func ("/review/bad-files", test_bad_files);
  g_test_add_func ("/review/deadlines", test_deadlines);

  return g_test_run ();
}
