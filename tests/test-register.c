/* test-register.c — the case register on one backend: sqlite or postgres
 * (the first argument).  PostgreSQL needs SHENBAO_TEST_PG_URL (the
 * application's role) and SHENBAO_TEST_PG_OWNER_URL (the owner, who
 * migrates), as .ci/postgres.sh sets them; without them the postgres run
 * skips (exit 77), with them every case runs.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <string.h>

#include "sb-date.h"
#include "sb-register-private.h"

static SbFormRegistry *registry;
static SbCalendar *calendar;
static gboolean postgres;
static char *app_url;     /* what reviewers connect with */
static char *owner_url;   /* who migrates (the same file for SQLite) */
static char *folder;

#define SCAN_SHA256 "e5a636ac00ea3c175d3193c5d05df60ded156dd466043c70d254507ec277e4c2"

static gint32
day (const char *text)
{
  gint32 julian = 0;

  g_assert_true (sb_date_parse (text, &julian));
  return julian;
}

/* An enginetest packet; @name and @finalised vary it: the same @name
 * with another @finalised has the same reference and another hash (the
 * reference comes from what the applicant submitted). */
static SbPacket *
make_packet (const char *name,
             const char *finalised)
{
  SbFormDefinition *definition = sb_form_registry_lookup (registry, "enginetest", 0);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autofree char *json = g_strdup_printf (
    "{\"name\": \"%s\", \"area\": \"120.00\", \"teaching_area\": \"80.00\", \"kind\": \"新设立\", \"pledge\": true,"
    " \"end_time\": \"20:30\", \"staff\": [{\"staff_name\": \"张伟\", \"role\": \"教学\"}]}", name);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  SbPacket *packet;

  sb_answers_set_json (answers, json_node_get_object (node));
  packet = sb_packet_new (answers, day ("2024-03-15"), NULL, NULL, "2024-03-14T09:00:00Z", finalised, NULL, &error);
  g_assert_no_error (error);
  return packet;
}

/* Runs @sql with @url's connection, straight through the backend. */
static gboolean
raw_exec (SbRegister  *store,
          const char  *sql,
          GError     **error)
{
  return SB_REGISTER_GET_CLASS (store)->exec (store, sql, NULL, 0, NULL, error);
}

/* Each of @attempts (an UPDATE or DELETE of an append-only table) is
 * refused to the application: by the triggers in SQLite, by the
 * privileges in PostgreSQL. */
static void
assert_refused (SbRegister         *store,
                const char * const *attempts,
                guint               n_attempts)
{
  for (guint i = 0; i < n_attempts; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (raw_exec (store, attempts[i], &error));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", attempts[i], error->message);
      g_assert_true (strstr (error->message, postgres ? "permission denied" : "cannot be") != NULL);
    }
}

/* An empty database for each case: the SQLite file is new; PostgreSQL's
 * tables are dropped by the owner. */
static void
reset (void)
{
  if (postgres)
    {
      PGconn *connection = PQconnectdb (owner_url);
      PGresult *result;

      g_assert_cmpint (PQstatus (connection), ==, CONNECTION_OK);
      result = PQexec (connection, "SET client_min_messages = warning;"
                                   "DROP TABLE IF EXISTS notice_documents, inspections, notices, case_history, cases, schema_version CASCADE;"
                                   "DROP FUNCTION IF EXISTS shenbao_append_only ();");
      g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
      PQclear (result);
      PQfinish (connection);
    }
  else
    {
      g_autofree char *path = g_build_filename (folder, "register.sqlite", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
      g_free (app_url);
      g_free (owner_url);
      app_url = g_strdup (path);
      owner_url = g_strdup (path);
    }
}

/* A fresh register, migrated by its owner, opened as a reviewer, with
 * the deadlines of @forms. */
static SbRegister *
fresh_register_of (SbFormRegistry *forms)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbRegister) owner = NULL;
  SbRegister *store;

  reset ();
  owner = sb_register_open (owner_url, forms, calendar, &error);
  g_assert_no_error (error);
  store = sb_register_open (app_url, forms, calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_register_get_schema_version (store), ==, SB_REGISTER_SCHEMA_VERSION);
  return store;
}

static SbRegister *
fresh_register (void)
{
  return fresh_register_of (registry);
}

/* A 科技类 case (whose deadlines the notice meets and stops: the
 * installed definition's) received on @received, written as a packet's
 * registration writes it: its row and its receipt. */
static SbCase *
add_kejipeixun_case_on (SbRegister     *store,
                        SbFormRegistry *procedures,
                        const char     *reference,
                        const char     *received)
{
  SbFormDefinition *definition = sb_form_registry_lookup (procedures, "kejipeixun", 0);
  g_autofree char *insert = NULL, *receipt = NULL;
  g_autoptr(SbCase) found = NULL;
  g_autoptr(GError) error = NULL;
  SbCase *assigned;

  g_assert_nonnull (definition);
  insert = g_strdup_printf ("INSERT INTO cases (reference, round, latest, form_id, form_version, applicant, packet_hash, "
                            "verified, received, status, changed_by, changed_at) VALUES ('%s', 1, 1, 'kejipeixun', "
                            "'%s', '启明', 'hash-%s', 1, '%s', 'received', '李四', '%sT02:00:00Z')",
                            reference, sb_form_definition_get_version (definition), reference, received, received);
  receipt = g_strdup_printf ("INSERT INTO case_history (case_id, at, by_name, to_status, event, event_day, why) "
                             "SELECT id, '%sT02:00:00Z', '李四', 'received', 'receipt', '%s', "
                             "'packet received' FROM cases WHERE reference = '%s'", received, received, reference);
  g_assert_true (raw_exec (store, insert, &error));
  g_assert_true (raw_exec (store, receipt, &error));
  g_assert_no_error (error);
  found = sb_register_find (store, reference, 0, &error);
  g_assert_no_error (error);
  /* Any change counts its deadlines. */
  assigned = sb_register_assign (store, found->id, found->version, NULL, NULL, "李四", &error);
  g_assert_no_error (error);
  return assigned;
}

static SbCase *
add_kejipeixun_case (SbRegister     *store,
                     SbFormRegistry *procedures,
                     const char     *reference)
{
  return add_kejipeixun_case_on (store, procedures, reference, "2024-03-18");
}

static SbCase *
add (SbRegister          *store,
     SbPacket            *packet,
     const char          *resubmission_of,
     SbRegisterAddResult *result)
{
  g_autoptr(GError) error = NULL;
  SbCase *added = sb_register_add_packet (store, packet, "/srv/packets/a.json", resubmission_of, TRUE, NULL,
                                          day ("2024-03-18"), "李四", result, &error);

  g_assert_no_error (error);
  g_assert_nonnull (added);
  return added;
}

static void
test_add_and_find (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("阳泉市城区启明科技培训中心", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) first = NULL, again = NULL, found = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  SbRegisterAddResult result;
  SbCaseChange *change;

  first = add (store, packet, NULL, &result);
  g_assert_cmpint (result, ==, SB_REGISTER_ADDED);
  g_assert_cmpstr (first->reference, ==, sb_packet_get_reference (packet));
  g_assert_cmpstr (first->packet_hash, ==, sb_packet_get_integrity_hash (packet));
  g_assert_cmpstr (first->status, ==, "received");
  g_assert_cmpstr (first->form_id, ==, "enginetest");
  /* The engine test form names no summary fields. */
  g_assert_cmpstr (first->applicant, ==, "");
  g_assert_cmpint (first->round, ==, 1);
  g_assert_cmpint (first->received, ==, day ("2024-03-18"));
  g_assert_cmpint (first->version, ==, 1);

  /* The same packet again finds its case and adds nothing. */
  again = add (store, packet, NULL, &result);
  g_assert_cmpint (result, ==, SB_REGISTER_FOUND);
  g_assert_cmpint (again->id, ==, first->id);
  cases = sb_register_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);

  found = sb_register_find (store, first->reference, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (found->id, ==, first->id);
  g_clear_pointer (&found, sb_case_free);
  found = sb_register_find (store, "KJ000000-NOTHERE", 0, &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "KJ000000-NOTHERE"));
  g_clear_error (&error);

  history = sb_register_get_history (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  change = g_ptr_array_index (history, 0);
  g_assert_cmpstr (change->by, ==, "李四");
  g_assert_null (change->from_status);
  g_assert_cmpstr (change->to_status, ==, "received");
  g_assert_cmpstr (change->event, ==, "receipt");
  g_assert_cmpint (change->event_day, ==, day ("2024-03-18"));
}

static void
test_workflow (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  const char *path[] = { "accepted", "reviewing", "inspection" };
  SbInspection passed = { .passed = TRUE, .inspected = day ("2024-03-22"), .inspector = "王五、赵六" };
  SbCase *changed;
  SbCaseChange *change;

  /* received → approved skips acceptance and review: refused, saying
   * what may come next. */
  changed = sb_register_transition (store, a_case->id, a_case->version, "approved", "张三", "看过了", 0, &error);
  g_assert_null (changed);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION);
  g_assert_nonnull (strstr (error->message, "Received"));
  g_assert_nonnull (strstr (error->message, "Accepted"));
  g_clear_error (&error);

  /* No reason, no change: every transition records why. */
  changed = sb_register_transition (store, a_case->id, a_case->version, "accepted", "张三", "  ", 0, &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_assert_null (changed);
  g_clear_error (&error);
  changed = sb_register_transition (store, a_case->id, a_case->version, "notice", "张三", "缺材料", 0, &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION);
  g_assert_null (changed);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      g_autofree char *why = g_strdup_printf ("第 %u 步", i + 1);

      changed = sb_register_transition (store, a_case->id, a_case->version, path[i], "张三", why,
                                        day ("2024-03-19") + (gint32) i, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (changed->status, ==, path[i]);
      g_assert_cmpint (changed->version, ==, a_case->version + 1);
      sb_case_free (a_case);
      a_case = changed;
    }
  changed = sb_register_end_inspection (store, a_case->id, a_case->version, "approved", &passed, "张三", "第 4 步",
                                        day ("2024-03-22"), &error);
  g_assert_no_error (error);
  sb_case_free (a_case);
  a_case = changed;
  g_assert_cmpint (a_case->accepted, ==, day ("2024-03-19"));
  g_assert_true (sb_case_status_is_final (a_case->status));

  /* A decided case goes nowhere. */
  changed = sb_register_transition (store, a_case->id, a_case->version, "reviewing", "张三", "再看看", 0, &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION);
  g_clear_error (&error);

  history = sb_register_get_history (store, a_case->id, &error);
  g_assert_no_error (error);
  /* receipt, 4 transitions, and the inspection's end beside the decision */
  g_assert_cmpuint (history->len, ==, 6);
  change = g_ptr_array_index (history, 4);
  g_assert_cmpstr (change->event, ==, "inspection_ended");
  g_assert_nonnull (change->inspection);
  g_assert_true (change->inspection->passed);
  change = g_ptr_array_index (history, 5);
  g_assert_cmpstr (change->from_status, ==, "inspection");
  g_assert_cmpstr (change->to_status, ==, "approved");
  g_assert_cmpstr (change->by, ==, "张三");
  g_assert_cmpstr (change->why, ==, "第 4 步");
  g_assert_cmpstr (change->event, ==, "decision");
}

static void
test_stale_version (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
  g_autoptr(SbCase) changed = NULL, stale = NULL;
  g_autoptr(GError) error = NULL;

  changed = sb_register_transition (store, a_case->id, a_case->version, "accepted", "张三", "材料齐全", 0, &error);
  g_assert_no_error (error);
  /* Another reviewer still holds version 1. */
  stale = sb_register_transition (store, a_case->id, a_case->version, "not_accepted", "王五", "不符合", 0, &error);
  g_assert_null (stale);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_CONFLICT);
  g_assert_true (g_str_has_prefix (error->message, "changed by 张三 at "));
  g_assert_true (g_str_has_suffix (error->message, "; reload"));
}

static void
test_resubmission (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) first_packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbPacket) same_reference = make_packet ("启明", "2024-03-16T08:00:00Z");
  g_autoptr(SbPacket) corrected = make_packet ("启明科技", "2024-03-20T08:00:00Z");
  g_autoptr(SbCase) first = add (store, first_packet, NULL, NULL);
  g_autoptr(SbCase) noticed = NULL, second = NULL, third = NULL, listed = NULL;
  g_autoptr(GPtrArray) cases = NULL, notices = NULL;
  g_autoptr(GError) error = NULL;
  char *corrections[] = { "补交场地租赁合同", "消防验收意见书页码不清", NULL };
  SbNotice notice = { .number = "城审补〔2024〕3号", .sent = day ("2024-03-19"), .correction_days = 5,
                      .office = "城区行政审批局", .contact = "0353-2020000 张三", .corrections = corrections,
                      .by = "张三" };
  SbCaseFilter all = { .all_rounds = TRUE };
  SbRegisterAddResult result;

  g_assert_cmpstr (sb_packet_get_reference (first_packet), ==, sb_packet_get_reference (same_reference));
  g_assert_cmpstr (sb_packet_get_integrity_hash (first_packet), !=, sb_packet_get_integrity_hash (same_reference));

  noticed = sb_register_send_notice (store, first->id, first->version, &notice, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (noticed->status, ==, "notice");
  notices = sb_register_get_notices (store, first->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 1);
  g_assert_cmpstr (((SbNotice *) g_ptr_array_index (notices, 0))->corrections[1], ==, "消防验收意见书页码不清");
  g_assert_cmpint (((SbNotice *) g_ptr_array_index (notices, 0))->correction_days, ==, 5);

  /* The same reference again, another packet: the corrections arrived. */
  second = add (store, same_reference, NULL, &result);
  g_assert_cmpint (result, ==, SB_REGISTER_NEW_ROUND);
  g_assert_cmpint (second->round, ==, 2);
  g_assert_cmpint (second->previous_id, ==, first->id);
  g_assert_cmpstr (second->status, ==, "corrections");

  /* Corrected materials with their own reference, named by the office. */
  third = add (store, corrected, second->reference, &result);
  g_assert_cmpint (result, ==, SB_REGISTER_NEW_ROUND);
  g_assert_cmpint (third->round, ==, 3);
  g_assert_cmpint (third->previous_id, ==, second->id);
  g_assert_cmpstr (third->status, ==, "received");

  cases = sb_register_list (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((SbCase *) g_ptr_array_index (cases, 0))->id, ==, third->id);
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = sb_register_list (store, &all, &error);
  g_assert_cmpuint (cases->len, ==, 3);

  listed = sb_register_find (store, first->reference, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (listed->id, ==, first->id);
  g_assert_false (listed->latest);
}

static void
test_filters (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(GError) error = NULL;
  const char *names[] = { "甲", "乙", "丙" };
  gint64 ids[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SbPacket) packet = make_packet (names[i], "2024-03-15T08:00:00Z");
      g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);

      ids[i] = a_case->id;
    }
  {
    g_autoptr(SbCase) a_case = sb_register_get (store, ids[1], &error);
    g_autoptr(SbCase) assigned = sb_register_assign (store, a_case->id, a_case->version, "王五", NULL, "张三", &error);
    g_autoptr(SbCase) accepted = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (assigned->reviewer, ==, "王五");
    accepted = sb_register_transition (store, assigned->id, assigned->version, "accepted", "王五", "齐全", 0, &error);
    g_assert_no_error (error);
  }
  {
    SbCaseFilter by_status = { .status = "accepted" };
    SbCaseFilter by_reviewer = { .reviewer = "王五" };
    SbCaseFilter by_form = { .form_id = "gengdi" };
    SbCaseFilter received = { .received_from = day ("2024-03-18"), .received_to = day ("2024-03-18") };
    SbCaseFilter before = { .received_to = day ("2024-03-17") };
    g_autoptr(GPtrArray) a = sb_register_list (store, &by_status, &error);
    g_autoptr(GPtrArray) b = sb_register_list (store, &by_reviewer, &error);
    g_autoptr(GPtrArray) c = sb_register_list (store, &by_form, &error);
    g_autoptr(GPtrArray) d = sb_register_list (store, &received, &error);
    g_autoptr(GPtrArray) e = sb_register_list (store, &before, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (a->len, ==, 1);
    g_assert_cmpint (((SbCase *) g_ptr_array_index (a, 0))->id, ==, ids[1]);
    g_assert_cmpuint (b->len, ==, 1);
    g_assert_cmpuint (c->len, ==, 0);
    g_assert_cmpuint (d->len, ==, 3);
    g_assert_cmpuint (e->len, ==, 0);
  }
}

/* The search is the register's, over every case and not only the first
 * page of them: in the reference, the applicant, the code and the
 * reviewer, ignoring case, with % and _ taken as typed; the count says
 * how many match beyond the page, and how many of them are overdue. */
static void
test_search_and_count (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(GError) error = NULL;
  /* The engine test form names no applicant: the reviewers carry the
   * words searched for, with the reference. */
  const char *reviewers[] = { "星火100%编程组", "甲_乙组", "Wang Wu 甲丙乙组" };
  const char *names[] = { "甲", "乙", "丙" };
  g_autofree char *reference = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(SbPacket) packet = make_packet (names[i], "2024-03-15T08:00:00Z");
      g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
      g_autoptr(SbCase) assigned = sb_register_assign (store, a_case->id, a_case->version, reviewers[i], NULL, "张三",
                                                       &error);

      g_assert_no_error (error);
      g_assert_nonnull (assigned);
      if (i == 0)
        reference = g_strdup (a_case->reference);
    }
  {
    g_autofree char *lower_reference = g_ascii_strdown (reference, -1);
    struct {
      const char *search;
      guint       expected;
    } cases[] = {
      { "星火", 1 },
      { "100%", 1 },
      { "0%编", 1 },
      { "%", 1 },
      { "甲_乙", 1 },
      { "_", 1 },
      { "组", 3 },
      { "wang wu", 1 },
      { "WANG", 1 },
      { lower_reference, 1 },
      { "没有这样的", 0 },
      { "", 3 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        SbCaseFilter filter = { .search = cases[i].search };
        g_autoptr(GPtrArray) found = sb_register_list (store, &filter, &error);
        guint n_cases = 0;

        g_assert_no_error (error);
        g_test_message ("search %s", cases[i].search);
        g_assert_cmpuint (found->len, ==, cases[i].expected);
        g_assert_true (sb_register_count (store, &filter, &n_cases, NULL, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (n_cases, ==, cases[i].expected);
      }
  }
  {
    SbCaseFilter page = { .limit = 2, .today = day ("2024-03-18") };
    SbCaseFilter later = { .limit = 2, .today = day ("2030-01-02") };
    g_autoptr(GPtrArray) first = sb_register_list (store, &page, &error);
    guint n_cases = 0, n_overdue = 99;

    g_assert_no_error (error);
    g_assert_cmpuint (first->len, ==, 2);
    g_assert_true (sb_register_count (store, &page, &n_cases, &n_overdue, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_cases, ==, 3);
    g_assert_cmpuint (n_overdue, ==, 0);
    g_assert_true (sb_register_count (store, &later, &n_cases, &n_overdue, &error));
    g_assert_cmpuint (n_cases, ==, 3);
    g_assert_cmpuint (n_overdue, ==, 3);
  }
}

/* The history cannot be altered through the application's connection:
 * SQLite's triggers, PostgreSQL's privileges (and its triggers, for the
 * owner). */
static void
test_history_append_only (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
  g_autoptr(SbCase) noticed = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  char *corrections[] = { "补交场地租赁合同", NULL };
  SbNotice notice = { .number = "城审补〔2024〕4号", .sent = day ("2024-03-19"), .correction_days = 5,
                      .office = "城区行政审批局", .contact = "0353-2020000", .corrections = corrections, .by = "张三" };
  const char *attempts[] = {
    "UPDATE case_history SET why = 'nothing happened', by_name = '无名'",
    "DELETE FROM case_history",
    "UPDATE notices SET office = 'x'",
    "DELETE FROM notices",
  };

  /* Rows to refuse: a trigger for each row fires only on a row. */
  noticed = sb_register_send_notice (store, a_case->id, a_case->version, &notice, NULL, &error);
  g_assert_no_error (error);
  assert_refused (store, attempts, G_N_ELEMENTS (attempts));
  if (postgres)
    {
      g_autoptr(SbRegister) owner = sb_register_open (owner_url, registry, calendar, &error);

      g_assert_no_error (error);
      g_assert_false (raw_exec (owner, "UPDATE case_history SET why = 'nothing happened'", &error));
      g_assert_nonnull (strstr (error->message, "append-only"));
      g_clear_error (&error);
      g_assert_false (raw_exec (owner, "DELETE FROM case_history", &error));
      g_assert_nonnull (strstr (error->message, "append-only"));
      g_clear_error (&error);
      g_assert_false (raw_exec (owner, "TRUNCATE case_history CASCADE", &error));
      g_clear_error (&error);
    }
  history = sb_register_get_history (store, a_case->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((SbCaseChange *) g_ptr_array_index (history, 0))->why, ==, "packet received");
}

/* The PDF of a notice as issued is kept with it, byte for byte, so that
 * another machine of the office shows the same document; what was issued
 * cannot be replaced, only extended by a signature (an incremental
 * update); storing the same again adds nothing; a damaged copy is said
 * to be damaged; the documents are append-only as the notices are. */
static void
test_notice_document (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbRegister) other = NULL;
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
  g_autoptr(SbCase) noticed = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) stored = NULL;
  char *corrections[] = { "补交场地租赁合同", NULL };
  SbNotice notice = { .number = "城审补〔2024〕5号", .sent = day ("2024-03-19"), .correction_days = 5,
                      .office = "城区行政审批局", .contact = "0353-2020000", .corrections = corrections, .by = "张三" };
  /* Every byte value, as a PDF's binary streams have them. */
  g_autoptr(GByteArray) issued_bytes = g_byte_array_new ();
  g_autoptr(GBytes) issued = NULL;
  g_autoptr(GBytes) signed_pdf = NULL;
  g_autoptr(GBytes) other_pdf = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  gint64 notice_id;
  const char *attempts[] = {
    "UPDATE notice_documents SET pdf = 'JVBERg=='",
    "DELETE FROM notice_documents",
  };

  g_byte_array_append (issued_bytes, (const guint8 *) "%PDF-1.7\n", 9);
  for (guint i = 0; i < 3000; i++)
    g_byte_array_append (issued_bytes, (const guint8[]) { (guint8) (i * 7) }, 1);
  issued = g_byte_array_free_to_bytes (g_steal_pointer (&issued_bytes));
  {
    g_autoptr(GByteArray) extended = g_byte_array_new ();

    g_byte_array_append (extended, g_bytes_get_data (issued, NULL), g_bytes_get_size (issued));
    g_byte_array_append (extended, (const guint8 *) "\n% a signature's incremental update\n%%EOF\n", 42);
    signed_pdf = g_byte_array_free_to_bytes (g_steal_pointer (&extended));
  }
  other_pdf = g_bytes_new_static ("%PDF-1.7 another notice altogether", 34);

  noticed = sb_register_send_notice (store, a_case->id, a_case->version, &notice, NULL, &error);
  g_assert_no_error (error);
  notices = sb_register_get_notices (store, a_case->id, &error);
  g_assert_no_error (error);
  notice_id = ((SbNotice *) g_ptr_array_index (notices, 0))->id;

  /* None yet; a notice that is not there cannot have one. */
  stored = sb_register_get_notice_document (store, notice_id, &error);
  g_assert_no_error (error);
  g_assert_null (stored);
  g_assert_false (sb_register_store_notice_document (store, notice_id + 1000, issued, "张三", &error));
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* As issued, read back the same through another connection. */
  g_assert_true (sb_register_store_notice_document (store, notice_id, issued, "张三", &error));
  g_assert_no_error (error);
  other = sb_register_open (app_url, registry, calendar, &error);
  g_assert_no_error (error);
  stored = sb_register_get_notice_document (other, notice_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, issued));
  g_clear_pointer (&stored, g_bytes_unref);

  /* The same again adds nothing; another document is refused. */
  g_assert_true (sb_register_store_notice_document (other, notice_id, issued, "李四", &error));
  g_assert_no_error (error);
  g_assert_false (sb_register_store_notice_document (other, notice_id, other_pdf, "李四", &error));
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_clear_error (&error);

  /* Signed: the latest, and the issued one cannot come back over it. */
  g_assert_true (sb_register_store_notice_document (other, notice_id, signed_pdf, "李四", &error));
  g_assert_no_error (error);
  stored = sb_register_get_notice_document (store, notice_id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, signed_pdf));
  g_clear_pointer (&stored, g_bytes_unref);
  g_assert_false (sb_register_store_notice_document (store, notice_id, issued, "张三", &error));
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  rows = SB_REGISTER_GET_CLASS (store)->query (store, "SELECT count(*) FROM notice_documents", NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_register_row_get (g_ptr_array_index (rows, 0), 0), ==, "2");

  /* Append-only. */
  assert_refused (store, attempts, G_N_ELEMENTS (attempts));

  /* A copy that does not match its hash (written past the application:
   * the owner, with the triggers out of the way) is said to be damaged. */
  {
    g_autoptr(SbRegister) owner = sb_register_open (owner_url, registry, calendar, &error);

    g_assert_no_error (error);
    if (postgres)
      g_assert_true (raw_exec (owner, "ALTER TABLE notice_documents DISABLE TRIGGER notice_documents_append_only", &error)
                     && raw_exec (owner, "UPDATE notice_documents SET pdf = 'JVBERi0xLjcgZm9yZ2Vk'", &error)
                     && raw_exec (owner, "ALTER TABLE notice_documents ENABLE TRIGGER notice_documents_append_only",
                                  &error));
    else
      g_assert_true (raw_exec (owner, "DROP TRIGGER notice_documents_no_update", &error)
                     && raw_exec (owner, "UPDATE notice_documents SET pdf = 'JVBERi0xLjcgZm9yZ2Vk'", &error));
    g_assert_no_error (error);
  }
  stored = sb_register_get_notice_document (store, notice_id, &error);
  g_assert_null (stored);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "SHA-256"));
}

/* Version 1 (one case per reference, no rounds or notices) opened by this
 * version: migrated to 2 with the data kept. */
static void
test_migration (void)
{
  g_autoptr(SbRegister) old = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(SbCase) migrated = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;

  reset ();
  old = sb_register_open_at_version (owner_url, registry, calendar, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_register_get_schema_version (old), ==, 1);
  g_assert_true (raw_exec (old, "INSERT INTO cases (reference, form_id, form_version, applicant, packet_hash, verified, "
                                "received, status, changed_by, changed_at) VALUES ('ET240315-OLD1', 'enginetest', '1.0', "
                                "'旧的申请', 'abc123', 1, '2024-03-18', 'accepted', '张三', '2024-03-18T02:00:00Z')", &error));
  g_assert_no_error (error);
  g_assert_true (raw_exec (old, "INSERT INTO case_history (case_id, at, by_name, to_status, event, event_day, why) "
                                "SELECT id, '2024-03-18T02:00:00Z', '张三', 'accepted', 'acceptance', '2024-03-18', '齐全' "
                                "FROM cases", &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  if (postgres)
    {
      /* The application's role cannot change the schema, and says who can. */
      store = sb_register_open (app_url, registry, calendar, &error);
      g_assert_null (store);
      g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_SCHEMA);
      g_assert_nonnull (strstr (error->message, "register migrate"));
      g_clear_error (&error);
      old = sb_register_open (owner_url, registry, calendar, &error);
      g_assert_no_error (error);
    }
  store = sb_register_open (app_url, registry, calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_register_get_schema_version (store), ==, SB_REGISTER_SCHEMA_VERSION);
  migrated = sb_register_find (store, "ET240315-OLD1", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (migrated->applicant, ==, "旧的申请");
  g_assert_cmpstr (migrated->status, ==, "accepted");
  g_assert_cmpint (migrated->round, ==, 1);
  g_assert_true (migrated->latest);
  history = sb_register_get_history (store, migrated->id, &error);
  g_assert_cmpuint (history->len, ==, 1);

  /* And from nothing: an empty database becomes the newest version. */
  g_clear_object (&store);
  g_clear_object (&old);
  store = fresh_register ();
  g_assert_cmpint (sb_register_get_schema_version (store), ==, SB_REGISTER_SCHEMA_VERSION);
}

/* A case taken to 实地核验 from 2024-03-20 (accepted 03-18, under review
 * 03-19), of @store. */
static SbCase *
case_in_inspection (SbRegister *store,
                    const char *name)
{
  g_autoptr(SbPacket) packet = make_packet (name, "2024-03-15T08:00:00Z");
  g_autoptr(GError) error = NULL;
  SbCase *a_case = add (store, packet, NULL, NULL);
  const char *path[] = { "accepted", "reviewing", "inspection" };

  for (guint i = 0; i < G_N_ELEMENTS (path); i++)
    {
      SbCase *changed = sb_register_transition (store, a_case->id, a_case->version, path[i], "张三", "下一步",
                                                day ("2024-03-18") + (gint32) i, &error);

      g_assert_no_error (error);
      sb_case_free (a_case);
      a_case = changed;
    }
  return a_case;
}

/* The end of an on-site inspection is its result: 核验不通过 needs the
 * 现场说明; the day of the visit lies between entering 实地核验 and its
 * end, never in the future; a stale version is refused as every change
 * is; the result is append-only, in the history with the move, and the
 * clock counts the inspection from the moves' days, not the visit's. */
static void
test_inspection_result (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbCase) a_case = case_in_inspection (store, "启明");
  g_autoptr(SbCase) refused = NULL, ended = NULL;
  g_autoptr(GPtrArray) inspections = NULL, history = NULL;
  g_autoptr(GError) error = NULL;
  SbInspection failed = { .passed = FALSE, .findings = "  ", .inspected = day ("2024-03-21"), .inspector = "王五" };
  SbInspection *recorded;
  SbCaseChange *change;
  const char *attempts[] = {
    "UPDATE inspections SET passed = 1",
    "DELETE FROM inspections",
  };

  /* Not without its result. */
  refused = sb_register_transition (store, a_case->id, a_case->version, "reviewing", "张三", "核验完", 0, &error);
  g_assert_null (refused);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION);
  g_assert_nonnull (strstr (error->message, "核验不通过"));
  g_clear_error (&error);

  /* 核验不通过 says why. */
  refused = sb_register_end_inspection (store, a_case->id, a_case->version, "reviewing", &failed, "张三", "核验完",
                                        day ("2024-03-22"), &error);
  g_assert_null (refused);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "现场说明"));
  g_clear_error (&error);
  failed.findings = "现场教学用房面积不足，消防通道堵塞";

  /* The visit: not before 实地核验 (03-20), not after its end, not in the future. */
  failed.inspected = day ("2024-03-19");
  refused = sb_register_end_inspection (store, a_case->id, a_case->version, "reviewing", &failed, "张三", "核验完",
                                        day ("2024-03-22"), &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2024-03-20"));
  g_clear_error (&error);
  failed.inspected = day ("2024-03-25");
  refused = sb_register_end_inspection (store, a_case->id, a_case->version, "reviewing", &failed, "张三", "核验完",
                                        day ("2024-03-22"), &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  failed.inspected = sb_date_today () + 1;
  refused = sb_register_end_inspection (store, a_case->id, a_case->version, "reviewing", &failed, "张三", "核验完",
                                        0, &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  failed.inspector = "";
  failed.inspected = day ("2024-03-21");
  refused = sb_register_end_inspection (store, a_case->id, a_case->version, "reviewing", &failed, "张三", "核验完",
                                        day ("2024-03-22"), &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_clear_error (&error);
  failed.inspector = "王五、赵六";

  /* A stale version: another reviewer moved the case first. */
  refused = sb_register_end_inspection (store, a_case->id, a_case->version - 1, "reviewing", &failed, "张三", "核验完",
                                        day ("2024-03-22"), &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_CONFLICT);
  g_clear_error (&error);
  inspections = sb_register_get_inspections (store, a_case->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inspections->len, ==, 0);
  g_clear_pointer (&inspections, g_ptr_array_unref);

  ended = sb_register_end_inspection (store, a_case->id, a_case->version, "reviewing", &failed, "张三", "核验完",
                                      day ("2024-03-22"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ended->status, ==, "reviewing");
  g_assert_cmpint (ended->version, ==, a_case->version + 1);

  inspections = sb_register_get_inspections (store, a_case->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inspections->len, ==, 1);
  recorded = g_ptr_array_index (inspections, 0);
  g_assert_false (recorded->passed);
  g_assert_cmpstr (recorded->findings, ==, "现场教学用房面积不足，消防通道堵塞");
  g_assert_cmpint (recorded->inspected, ==, day ("2024-03-21"));
  g_assert_cmpstr (recorded->inspector, ==, "王五、赵六");
  g_assert_cmpstr (recorded->by, ==, "张三");

  /* In the history, with the inspection's end; the clock's events are the
   * moves' days (in 03-20, out 03-22), never the visit's 03-21. */
  history = sb_register_get_history (store, a_case->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 6);
  change = g_ptr_array_index (history, 3);
  g_assert_cmpstr (change->event, ==, "inspection_started");
  g_assert_cmpint (change->event_day, ==, day ("2024-03-20"));
  g_assert_null (change->inspection);
  change = g_ptr_array_index (history, 4);
  g_assert_cmpstr (change->event, ==, "inspection_ended");
  g_assert_cmpint (change->event_day, ==, day ("2024-03-22"));
  g_assert_nonnull (change->inspection);
  g_assert_cmpint (change->inspection->id, ==, recorded->id);
  g_assert_cmpstr (change->inspection->findings, ==, recorded->findings);
  g_assert_null (((SbCaseChange *) g_ptr_array_index (history, 5))->inspection);
  for (guint i = 0; i < history->len; i++)
    g_assert_cmpint (((SbCaseChange *) g_ptr_array_index (history, i))->event_day, !=, day ("2024-03-21"));

  /* Append-only, as the history is. */
  assert_refused (store, attempts, G_N_ELEMENTS (attempts));
  if (postgres)
    {
      g_autoptr(SbRegister) owner = sb_register_open (owner_url, registry, calendar, &error);

      g_assert_no_error (error);
      g_assert_false (raw_exec (owner, "UPDATE inspections SET passed = 1", &error));
      g_assert_nonnull (strstr (error->message, "append-only"));
      g_clear_error (&error);
      g_assert_false (raw_exec (owner, "TRUNCATE inspections", &error));
      g_clear_error (&error);
    }
  g_clear_pointer (&inspections, g_ptr_array_unref);
  inspections = sb_register_get_inspections (store, a_case->id, &error);
  g_assert_false (((SbInspection *) g_ptr_array_index (inspections, 0))->passed);

  /* Only a case in 实地核验 has an inspection to end. */
  refused = sb_register_end_inspection (store, ended->id, ended->version, "approved", &failed, "张三", "再核验",
                                        day ("2024-03-22"), &error);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION);
  g_clear_error (&error);
}

/* The statutory clock leaves out the inspection as the moves into and
 * out of 实地核验 date it, whatever day the visit was recorded on: the
 * hand-counted case of test-case-clock.c (accepted Fri 2025-09-26,
 * inspection Mon 10-13 to Wed 10-15: the opinion is due Tue 11-04), with
 * the visit on 10-13 in one case and 10-15 in the other. */
static void
test_inspection_clock (void)
{
  g_autofree char *forms_dir = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", NULL);
  g_autoptr(SbFormRegistry) procedures = sb_form_registry_new_from_directory (forms_dir, NULL);
  g_autoptr(SbRegister) store = fresh_register_of (procedures);
  const char *visits[] = { "2025-10-13", "2025-10-15" };

  for (guint i = 0; i < G_N_ELEMENTS (visits); i++)
    {
      g_autofree char *reference = g_strdup_printf ("KJ250922-000%u", i + 1);
      g_autoptr(SbCase) a_case = add_kejipeixun_case_on (store, procedures, reference, "2025-09-22");
      g_autoptr(GPtrArray) deadlines = NULL;
      g_autoptr(GError) error = NULL;
      SbInspection passed = { .passed = TRUE, .inspected = day (visits[i]), .inspector = "王五" };
      const char *path[] = { "accepted", "reviewing", "inspection" };
      const char *days[] = { "2025-09-26", "2025-09-29", "2025-10-13" };
      SbCase *changed;

      for (guint p = 0; p < G_N_ELEMENTS (path); p++)
        {
          changed = sb_register_transition (store, a_case->id, a_case->version, path[p], "张三", "下一步", day (days[p]),
                                            &error);
          g_assert_no_error (error);
          sb_case_free (a_case);
          a_case = changed;
        }
      changed = sb_register_end_inspection (store, a_case->id, a_case->version, "reviewing", &passed, "张三", "核验完",
                                            day ("2025-10-15"), &error);
      g_assert_no_error (error);
      sb_case_free (a_case);
      a_case = changed;
      g_assert_cmpstr (a_case->next_deadline_id, ==, "opinion");
      g_assert_cmpint (a_case->next_deadline, ==, day ("2025-11-04"));
      deadlines = sb_register_get_deadlines (store, a_case, day ("2025-10-20"), &error);
      g_assert_no_error (error);
      g_assert_cmpint (((SbCaseDeadline *) sb_case_clock_next (deadlines))->due, ==, day ("2025-11-04"));
      g_assert_cmpint (((SbCaseDeadline *) sb_case_clock_next (deadlines))->remaining, ==, 11);
    }
}

/* A register of schema version 2, as the previous Shenbao left it with a
 * case in 实地核验 and a 科技类 case waiting on its notice (sent Tue
 * 2024-03-19, 5 working days), opened by this version: migrated to 3 with
 * the cases and their history kept, the inspection ends with its result,
 * and the waiting case has the applicant's 补正期限 (Tue 03-26) as its
 * next deadline. */
static void
test_migration_from_2 (void)
{
  g_autofree char *forms_dir = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", NULL);
  g_autoptr(SbFormRegistry) procedures = sb_form_registry_new_from_directory (forms_dir, NULL);
  SbFormDefinition *kejipeixun = sb_form_registry_lookup (procedures, "kejipeixun", 0);
  g_autofree char *waiting_sql = NULL;
  g_autoptr(SbCase) waiting = NULL;
  g_autoptr(SbRegister) old = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(SbCase) migrated = NULL, ended = NULL;
  g_autoptr(GPtrArray) history = NULL, notices = NULL;
  g_autoptr(GError) error = NULL;
  SbInspection passed = { .passed = TRUE, .inspected = day ("2024-03-21"), .inspector = "王五" };

  reset ();
  old = sb_register_open_at_version (owner_url, procedures, calendar, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_register_get_schema_version (old), ==, 2);
  g_assert_true (raw_exec (old, "INSERT INTO cases (reference, round, latest, form_id, form_version, applicant, "
                                "packet_hash, verified, received, accepted, status, changed_by, changed_at) VALUES "
                                "('ET240315-OLD2', 1, 1, 'enginetest', '1.0', '旧的申请', 'def456', 1, '2024-03-18', "
                                "'2024-03-18', 'inspection', '张三', '2024-03-20T02:00:00Z')", &error));
  g_assert_no_error (error);
  g_assert_true (raw_exec (old, "INSERT INTO case_history (case_id, at, by_name, from_status, to_status, event, "
                                "event_day, why) SELECT id, '2024-03-20T02:00:00Z', '张三', 'reviewing', 'inspection', "
                                "'inspection_started', '2024-03-20', '开始实地核验' FROM cases", &error));
  g_assert_no_error (error);
  g_assert_true (raw_exec (old, "INSERT INTO notices (case_id, number, sent, correction_days, office, contact, "
                                "corrections, by_name, at) SELECT id, '城审补〔2024〕9号', '2024-03-18', 5, '城区行政审批局', "
                                "'0353-2020000', '[\"补交租赁合同\"]', '张三', '2024-03-18T02:00:00Z' FROM cases", &error));
  g_assert_no_error (error);
  waiting_sql = g_strdup_printf ("INSERT INTO cases (reference, round, latest, form_id, form_version, applicant, "
                                 "packet_hash, verified, received, status, changed_by, changed_at) VALUES "
                                 "('KJ240318-WAIT', 1, 1, 'kejipeixun', '%s', '启明', 'wait789', 1, '2024-03-18', "
                                 "'notice', '张三', '2024-03-19T02:00:00Z')", sb_form_definition_get_version (kejipeixun));
  g_assert_true (raw_exec (old, waiting_sql, &error));
  g_assert_true (raw_exec (old, "INSERT INTO case_history (case_id, at, by_name, from_status, to_status, event, "
                                "event_day, why) SELECT id, '2024-03-18T02:00:00Z', '李四', NULL, 'received', 'receipt', "
                                "'2024-03-18', 'packet received' FROM cases WHERE reference = 'KJ240318-WAIT'", &error));
  g_assert_true (raw_exec (old, "INSERT INTO case_history (case_id, at, by_name, from_status, to_status, event, "
                                "event_day, why) SELECT id, '2024-03-19T02:00:00Z', '张三', 'received', 'notice', "
                                "'notice_sent', '2024-03-19', '缺材料' FROM cases WHERE reference = 'KJ240318-WAIT'",
                           &error));
  g_assert_true (raw_exec (old, "INSERT INTO notices (case_id, number, sent, correction_days, office, contact, "
                                "corrections, by_name, at) SELECT id, '城审补〔2024〕10号', '2024-03-19', 5, '城区行政审批局', "
                                "'0353-2020000', '[\"补交租赁合同\"]', '张三', '2024-03-19T02:00:00Z' FROM cases "
                                "WHERE reference = 'KJ240318-WAIT'", &error));
  g_assert_no_error (error);
  g_clear_object (&old);

  if (postgres)
    {
      old = sb_register_open (owner_url, procedures, calendar, &error);
      g_assert_no_error (error);
    }
  store = sb_register_open (app_url, procedures, calendar, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sb_register_get_schema_version (store), ==, SB_REGISTER_SCHEMA_VERSION);
  migrated = sb_register_find (store, "ET240315-OLD2", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (migrated->applicant, ==, "旧的申请");
  g_assert_cmpstr (migrated->status, ==, "inspection");
  g_assert_cmpint (migrated->accepted, ==, day ("2024-03-18"));
  history = sb_register_get_history (store, migrated->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (history->len, ==, 1);
  g_assert_cmpstr (((SbCaseChange *) g_ptr_array_index (history, 0))->why, ==, "开始实地核验");
  g_assert_null (((SbCaseChange *) g_ptr_array_index (history, 0))->inspection);
  notices = sb_register_get_notices (store, migrated->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 1);
  /* A notice of before version 4 has no document, and can be given one. */
  {
    gint64 notice_id = ((SbNotice *) g_ptr_array_index (notices, 0))->id;
    g_autoptr(GBytes) pdf = g_bytes_new_static ("%PDF-1.7 old notice", 19);
    g_autoptr(GBytes) stored = sb_register_get_notice_document (store, notice_id, &error);

    g_assert_no_error (error);
    g_assert_null (stored);
    g_assert_true (sb_register_store_notice_document (store, notice_id, pdf, "张三", &error));
    g_assert_no_error (error);
    stored = sb_register_get_notice_document (store, notice_id, &error);
    g_assert_no_error (error);
    g_assert_true (g_bytes_equal (stored, pdf));
  }
  g_clear_pointer (&history, g_ptr_array_unref);
  waiting = sb_register_find (store, "KJ240318-WAIT", 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waiting->next_deadline, ==, day ("2024-03-26"));
  g_assert_cmpstr (waiting->next_deadline_id, ==, SB_CASE_APPLICANT_CORRECTIONS);
  g_assert_cmpint (waiting->version, ==, 1);

  ended = sb_register_end_inspection (store, migrated->id, migrated->version, "reviewing", &passed, "张三", "核验通过",
                                      day ("2024-03-22"), &error);
  g_assert_no_error (error);
  history = sb_register_get_history (store, migrated->id, &error);
  g_assert_cmpuint (history->len, ==, 3);
  g_assert_nonnull (((SbCaseChange *) g_ptr_array_index (history, 1))->inspection);
  g_assert_true (((SbCaseChange *) g_ptr_array_index (history, 1))->inspection->passed);
}

/* While a one-time notice waits, the next deadline is the applicant's
 * 补正期限: the day the notice's PDF prints (5 working days after Tue
 * 2024-03-19: Tue 03-26), listed with the others, overdue first, but not
 * in the office's "due soon" count; the corrections received, the
 * office's clock runs again. */
static void
test_applicant_deadline (void)
{
  g_autofree char *forms_dir = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "forms", NULL);
  g_autoptr(SbFormRegistry) procedures = sb_form_registry_new_from_directory (forms_dir, NULL);
  g_autoptr(SbRegister) store = fresh_register_of (procedures);
  g_autoptr(SbCase) waiting = add_kejipeixun_case (store, procedures, "KJ240318-0001");
  g_autoptr(SbCase) noticed = NULL, assigned = NULL, other = NULL, corrected = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  char *corrections[] = { "补交场地租赁合同", NULL };
  SbNotice notice = { .number = "城审补〔2024〕5号", .sent = day ("2024-03-19"), .correction_days = 5,
                      .office = "城区行政审批局", .contact = "0353-2020000", .corrections = corrections, .by = "张三" };
  SbCaseFilter overdue = { .overdue = TRUE, .today = day ("2024-03-27") };
  guint count = 99, n_cases = 0, n_overdue = 0;

  g_assert_cmpint (sb_notice_period_end (&notice, calendar), ==, day ("2024-03-26"));
  noticed = sb_register_send_notice (store, waiting->id, waiting->version, &notice, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (noticed->next_deadline, ==, day ("2024-03-26"));
  g_assert_cmpstr (noticed->next_deadline_id, ==, SB_CASE_APPLICANT_CORRECTIONS);
  g_assert_true (sb_case_deadline_is_applicants (noticed));

  /* Another change while it waits keeps it. */
  assigned = sb_register_assign (store, noticed->id, noticed->version, "王五", NULL, "张三", &error);
  g_assert_no_error (error);
  g_assert_cmpint (assigned->next_deadline, ==, day ("2024-03-26"));
  g_assert_cmpstr (assigned->next_deadline_id, ==, SB_CASE_APPLICANT_CORRECTIONS);

  /* Listed by it: overdue on 03-27, before a case due on 03-25… */
  other = add_kejipeixun_case (store, procedures, "KJ240318-0002");
  g_assert_cmpint (other->next_deadline, ==, day ("2024-03-25"));
  cases = sb_register_list (store, &overdue, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 2);
  g_assert_true (sb_register_count (store, &overdue, &n_cases, &n_overdue, &error));
  g_assert_cmpuint (n_overdue, ==, 2);
  g_clear_pointer (&cases, g_ptr_array_unref);
  cases = sb_register_list (store, NULL, &error);
  g_assert_cmpint (((SbCase *) g_ptr_array_index (cases, 0))->id, ==, other->id);
  g_assert_cmpint (((SbCase *) g_ptr_array_index (cases, 1))->id, ==, waiting->id);

  /* …but the office's count is of its own duties: on 03-21 both are due
   * within 3 working days (03-26), only the other case is the office's. */
  g_assert_true (sb_register_count_due (store, day ("2024-03-21"), 3, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);

  /* The corrections arrive: the office's notice duty runs again. */
  corrected = sb_register_transition (store, assigned->id, assigned->version, "corrections", "张三", "补正材料已收到",
                                      day ("2024-03-22"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (corrected->status, ==, "corrections");
  g_assert_cmpstr (corrected->next_deadline_id, !=, SB_CASE_APPLICANT_CORRECTIONS);
  g_assert_false (sb_case_deadline_is_applicants (corrected));
}

/* A packet that does not verify is registered, flagged with the reason. */
static void
test_unverified_packet (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) flagged = NULL, read_back = NULL;
  g_autoptr(GError) error = NULL;

  flagged = sb_register_add_packet (store, packet, NULL, NULL, FALSE, "integrity: the packet's hash does not match",
                                    day ("2024-03-18"), "李四", NULL, &error);
  g_assert_no_error (error);
  read_back = sb_register_get (store, flagged->id, &error);
  g_assert_false (read_back->verified);
  g_assert_cmpstr (read_back->problem, ==, "integrity: the packet's hash does not match");
}

/* 耕地's plan events are recorded without a change of status; the
 * others come only with one. */
static void
test_record_event (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
  g_autoptr(SbCase) recorded = NULL, refused = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  SbCaseChange *change;

  recorded = sb_register_record_event (store, a_case->id, a_case->version, "plan_completed", "张三", "总体方案编制完成",
                                       day ("2024-09-27"), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (recorded->status, ==, "received");
  g_assert_cmpint (recorded->version, ==, a_case->version + 1);
  refused = sb_register_record_event (store, recorded->id, recorded->version, "acceptance", "张三", "受理", 0, &error);
  g_assert_null (refused);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID);
  g_clear_error (&error);

  history = sb_register_get_history (store, a_case->id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  change = g_ptr_array_index (history, 1);
  g_assert_cmpstr (change->from_status, ==, "received");
  g_assert_cmpstr (change->to_status, ==, "received");
  g_assert_cmpstr (change->event, ==, "plan_completed");
  g_assert_cmpint (change->event_day, ==, day ("2024-09-27"));
}

typedef struct {
  gint64      case_id;
  gint64      version;
  const char *by;
  const char *to;
  GMutex     *lock;
  GCond      *cond;
  int        *ready;
  SbCase     *result;
  GError     *error;
} Writer;

/* Each writer has its own connection, reads nothing more, and starts when
 * both are ready, so the two updates meet in the database. */
static gpointer
write_case (gpointer data)
{
  Writer *writer = data;
  g_autoptr(SbRegister) store = sb_register_open (app_url, registry, calendar, &writer->error);

  g_assert_nonnull (store);
  g_mutex_lock (writer->lock);
  (*writer->ready)++;
  g_cond_broadcast (writer->cond);
  while (*writer->ready < 2)
    g_cond_wait (writer->cond, writer->lock);
  g_mutex_unlock (writer->lock);
  writer->result = sb_register_transition (store, writer->case_id, writer->version, writer->to, writer->by, "并发",
                                           0, &writer->error);
  return NULL;
}

static void
test_concurrent_writers (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
  g_autoptr(SbCase) final = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  GMutex lock;
  GCond cond;
  int ready = 0;
  Writer writers[2] = {
    { a_case->id, a_case->version, "张三", "accepted", &lock, &cond, &ready, NULL, NULL },
    { a_case->id, a_case->version, "王五", "not_accepted", &lock, &cond, &ready, NULL, NULL },
  };
  GThread *threads[2];
  Writer *winner, *loser;

  g_mutex_init (&lock);
  g_cond_init (&cond);
  for (guint i = 0; i < 2; i++)
    threads[i] = g_thread_new ("writer", write_case, &writers[i]);
  for (guint i = 0; i < 2; i++)
    g_thread_join (threads[i]);
  g_mutex_clear (&lock);
  g_cond_clear (&cond);

  /* Exactly one wins; the other is told who changed the case. */
  g_assert_true ((writers[0].result != NULL) != (writers[1].result != NULL));
  winner = writers[0].result != NULL ? &writers[0] : &writers[1];
  loser = winner == &writers[0] ? &writers[1] : &writers[0];
  g_assert_error (loser->error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_CONFLICT);
  g_assert_nonnull (strstr (loser->error->message, winner->by));
  g_assert_true (g_str_has_suffix (loser->error->message, "; reload"));

  final = sb_register_get (store, a_case->id, &error);
  g_assert_cmpstr (final->status, ==, winner->to);
  g_assert_cmpint (final->version, ==, a_case->version + 1);
  history = sb_register_get_history (store, a_case->id, &error);
  g_assert_cmpuint (history->len, ==, 2);
  g_assert_cmpstr (((SbCaseChange *) g_ptr_array_index (history, 1))->by, ==, winner->by);

  sb_case_free (winner->result);
  g_clear_error (&loser->error);
}

static void
on_listed (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GPtrArray **cases = data;
  g_autoptr(GError) error = NULL;

  *cases = sb_register_list_finish (SB_REGISTER (source), result, &error);
  g_assert_no_error (error);
}

/* The enginetest notice: 5 working days from Mon 2024-03-18, due Mon
 * 03-25.  On Wed 03-20 the third working day ahead is Mon 03-25: due
 * soon; on Tue 03-19 it is Fri 03-22: not yet. */
static void
test_count_due (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
  g_autoptr(GError) error = NULL;
  guint count = 99;

  g_assert_cmpint (a_case->next_deadline, ==, day ("2024-03-25"));
  g_assert_true (sb_register_count_due (store, day ("2024-03-19"), 3, &count, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 0);
  g_assert_true (sb_register_count_due (store, day ("2024-03-20"), 3, &count, &error));
  g_assert_cmpuint (count, ==, 1);
  /* Overdue counts too. */
  g_assert_true (sb_register_count_due (store, day ("2024-04-01"), 3, &count, &error));
  g_assert_cmpuint (count, ==, 1);
}

static void
test_async (void)
{
  g_autoptr(SbRegister) store = fresh_register ();
  g_autoptr(SbPacket) packet = make_packet ("启明", "2024-03-15T08:00:00Z");
  g_autoptr(SbCase) a_case = add (store, packet, NULL, NULL);
  GPtrArray *cases = NULL;
  SbCaseFilter filter = { .status = "received" };

  sb_register_list_async (store, &filter, NULL, on_listed, &cases);
  while (cases == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (cases->len, ==, 1);
  g_assert_cmpint (((SbCase *) g_ptr_array_index (cases, 0))->id, ==, a_case->id);
  g_ptr_array_unref (cases);
}

static void
test_url (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbRegister) store = sb_register_open ("mysql://office/register", registry, calendar, &error);

  g_assert_null (store);
  g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_UNREACHABLE);
  g_assert_nonnull (strstr (error->message, "postgresql://"));
  g_clear_error (&error);
  if (postgres)
    {
      g_autoptr(SbRegister) unreachable = sb_register_open ("postgresql:///nothing?host=/nonexistent", registry,
                                                            calendar, &error);

      g_assert_null (unreachable);
      g_assert_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_UNREACHABLE);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *forms = NULL;
  g_autofree char *calendar_dir = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  postgres = argc > 1 && g_str_equal (argv[1], "postgres");
  if (postgres)
    {
      const char *url = g_getenv ("SHENBAO_TEST_PG_URL");
      const char *owner = g_getenv ("SHENBAO_TEST_PG_OWNER_URL");

      if (url == NULL || *url == '\0' || owner == NULL || *owner == '\0')
        {
          printf ("1..0 # SKIP SHENBAO_TEST_PG_URL and SHENBAO_TEST_PG_OWNER_URL are not set (.ci/postgres.sh)\n");
          return 77;
        }
      app_url = g_strdup (url);
      owner_url = g_strdup (owner);
    }
  folder = g_dir_make_tmp ("shenbao-register-XXXXXX", &error);
  g_assert_no_error (error);

  forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  registry = sb_form_registry_new_from_directory (forms, NULL);
  calendar_dir = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "calendar", NULL);
  calendar = sb_calendar_new_from_directory (calendar_dir, &error);
  g_assert_no_error (error);

  g_test_add_func ("/register/add-and-find", test_add_and_find);
  g_test_add_func ("/register/workflow", test_workflow);
  g_test_add_func ("/register/stale-version", test_stale_version);
  g_test_add_func ("/register/resubmission", test_resubmission);
  g_test_add_func ("/register/filters", test_filters);
  g_test_add_func ("/register/search-and-count", test_search_and_count);
  g_test_add_func ("/register/history-append-only", test_history_append_only);
  g_test_add_func ("/register/migration", test_migration);
  g_test_add_func ("/register/notice-document", test_notice_document);
  g_test_add_func ("/register/migration-from-2", test_migration_from_2);
  g_test_add_func ("/register/inspection-result", test_inspection_result);
  g_test_add_func ("/register/inspection-clock", test_inspection_clock);
  g_test_add_func ("/register/applicant-deadline", test_applicant_deadline);
  g_test_add_func ("/register/unverified-packet", test_unverified_packet);
  g_test_add_func ("/register/record-event", test_record_event);
  g_test_add_func ("/register/concurrent-writers", test_concurrent_writers);
  g_test_add_func ("/register/count-due", test_count_due);
  g_test_add_func ("/register/async", test_async);
  g_test_add_func ("/register/url", test_url);
  status = g_test_run ();

  if (!postgres)
    {
      g_autofree char *path = g_build_filename (folder, "register.sqlite", NULL);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      g_unlink (path);
      g_unlink (wal);
      g_unlink (shm);
    }
  g_rmdir (folder);
  g_free (folder);
  g_free (app_url);
  g_free (owner_url);
  g_object_unref (registry);
  g_object_unref (calendar);
  return status;
}
