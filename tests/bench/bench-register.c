/* bench-register.c — the case register with 100,000 cases, on SQLite and
 * on PostgreSQL
 *
 * Fills a register with 100,000 cases (in one transaction, through the
 * backend: the filling is not what is measured), then times, RUNS times
 * each, the median and minimum in milliseconds of:
 *   open: sb_register_open() of the filled register (connect, schema check);
 *   status: the cases with one status (≈ 1/9 of them), sorted by deadline;
 *   overdue: the overdue ones, sorted;
 *   page: the first 200 of all cases by deadline (a list's first screen);
 *   all: all 100,000 sorted by deadline;
 * each beside its peer: the same SELECT through the same connection
 * without making SbCase rows (what the database itself takes).  Then
 * registers 1,000 new packets, each read back from its bytes (verified:
 * hash, attachments, rules) and added, and prints the total.
 * Not a test: no figure is asserted.
 *
 *   bench-register sqlite DIR       (a register file in DIR)
 *   bench-register postgres URL     (an owner's URL; the tables are replaced)
 *
 * SHENBAO_DATA_DIR and SHENBAO_TEST_FIXTURES as for the tests.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sb-date.h"
#include "sb-register-private.h"

#define RUNS 9
#define CASES 100000
#define PACKETS 1000

static SbFormRegistry *registry;
static SbCalendar *calendar;

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static void
report (const char *what,
        double     *times)
{
  qsort (times, RUNS, sizeof (double), compare_doubles);
  printf ("  %-34s median %8.2f ms   min %8.2f ms\n", what, times[RUNS / 2], times[0]);
}

static void
fill (SbRegister *store)
{
  SbRegisterClass *klass = SB_REGISTER_GET_CLASS (store);
  static const char *statuses[] = { "received", "notice", "corrections", "accepted", "not_accepted", "reviewing",
                                    "inspection", "approved", "declined" };
  static const char *forms[] = { "kejipeixun", "gengdi", "zijin" };
  g_autoptr(GError) error = NULL;
  gint32 first = sb_date_from_ymd (2024, 1, 2);
  gint64 start = g_get_monotonic_time ();

  g_assert_true (klass->exec (store, klass->begin_sql, NULL, 0, NULL, &error));
  for (guint i = 0; i < CASES; i++)
    {
      const char *status = statuses[i % G_N_ELEMENTS (statuses)];
      gboolean open = !sb_case_status_is_final (status) && !g_str_equal (status, "notice");
      g_autofree char *reference = g_strdup_printf ("KJ%06u-BENCH", i);
      g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, reference, -1);
      g_autofree char *received = sb_date_to_string (first + (gint32) (i % 700));
      g_autofree char *due = open ? sb_date_to_string (first + (gint32) (i % 700) + 7 + (gint32) (i % 23)) : NULL;
      g_autofree char *applicant = g_strdup_printf ("阳泉市城区第%u科技培训中心有限公司", i);
      const char *params[] = { reference, forms[i % 3], applicant, hash, received, status, due,
                               (i % 5) == 0 ? "王五" : NULL };

      if (!klass->exec (store, "INSERT INTO cases (reference, form_id, form_version, applicant, packet_hash, verified, "
                               "received, status, next_deadline, next_deadline_id, reviewer, changed_by, changed_at) "
                               "VALUES ($1, $2, '2023.1', $3, $4, 1, $5, $6, $7, 'notice', $8, '李四', "
                               "'2024-01-02T01:00:00Z')", params, G_N_ELEMENTS (params), NULL, &error))
        g_error ("%s", error->message);
    }
  g_assert_true (klass->exec (store, "COMMIT", NULL, 0, NULL, &error));
  /* The planner's statistics, as a register in use has them. */
  klass->exec (store, "ANALYZE", NULL, 0, NULL, NULL);
  printf ("  filled %u cases in %.1f s (setup, not measured)\n", CASES, (g_get_monotonic_time () - start) / 1e6);
}

static double
time_list (SbRegister         *store,
           const SbCaseFilter *filter,
           guint              *count)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) cases = sb_register_list (store, filter, &error);
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  g_assert_no_error (error);
  *count = cases->len;
  return ms;
}

static double
time_raw (SbRegister *store,
          const char *sql,
          guint      *count)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) rows = SB_REGISTER_GET_CLASS (store)->query (store, sql, NULL, 0, &error);
  double ms = (g_get_monotonic_time () - start) / 1000.0;

  g_assert_no_error (error);
  *count = rows->len;
  return ms;
}

static void
measure_lists (SbRegister *store)
{
  struct {
    const char   *name;
    SbCaseFilter  filter;
    const char   *sql;
  } lists[] = {
    { "status = accepted, by deadline", { .status = "accepted" },
      "SELECT * FROM cases WHERE latest = 1 AND status = 'accepted' ORDER BY next_deadline IS NULL, next_deadline, id" },
    { "overdue on 2025-01-01, by deadline", { .overdue = TRUE, .today = sb_date_from_ymd (2025, 1, 1) },
      "SELECT * FROM cases WHERE latest = 1 AND next_deadline < '2025-01-01' ORDER BY next_deadline IS NULL, "
      "next_deadline, id" },
    { "first 200 by deadline", { .limit = 200 },
      "SELECT * FROM cases WHERE latest = 1 ORDER BY next_deadline IS NULL, next_deadline, id LIMIT 200" },
    { "all, by deadline", { 0 },
      "SELECT * FROM cases WHERE latest = 1 ORDER BY next_deadline IS NULL, next_deadline, id" },
  };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      double ours[RUNS], peer[RUNS];
      guint count = 0, raw_count = 0;
      g_autofree char *what = NULL, *peer_what = NULL;

      for (guint r = 0; r < RUNS; r++)
        {
          ours[r] = time_list (store, &lists[l].filter, &count);
          peer[r] = time_raw (store, lists[l].sql, &raw_count);
        }
      what = g_strdup_printf ("%s (%u)", lists[l].name, count);
      peer_what = g_strdup_printf ("  peer: the SELECT alone (%u)", raw_count);
      report (what, ours);
      report (peer_what, peer);
    }
}

static void
measure_open (const char *url)
{
  double times[RUNS];

  for (guint r = 0; r < RUNS; r++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr(SbRegister) store = sb_register_open (url, registry, calendar, &error);

      times[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert_no_error (error);
      g_assert_cmpint (sb_register_get_schema_version (store), ==, SB_REGISTER_SCHEMA_VERSION);
    }
  report ("open", times);
}

/* 1,000 packets, made first; then each read from its bytes (which
 * verifies it) and registered, one transaction each, as `register add`
 * does. */
static void
measure_registering (SbRegister *store)
{
  SbFormDefinition *definition = sb_form_registry_lookup (registry, "enginetest", 0);
  g_autoptr(GPtrArray) packets = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gint64 start;
  double seconds;

  g_assert_nonnull (definition);
  for (guint i = 0; i < PACKETS; i++)
    {
      g_autoptr(SbAnswers) answers = sb_answers_new (definition);
      g_autofree char *json = g_strdup_printf (
        "{\"name\": \"阳泉市城区第%u科技培训中心\", \"area\": \"120.00\", \"teaching_area\": \"80.00\","
        " \"kind\": \"新设立\", \"pledge\": true, \"end_time\": \"20:30\","
        " \"staff\": [{\"staff_name\": \"张伟\", \"role\": \"教学\"}]}", i);
      g_autoptr(JsonNode) node = json_from_string (json, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(SbPacket) packet = NULL;

      sb_answers_set_json (answers, json_node_get_object (node));
      packet = sb_packet_new (answers, sb_date_from_ymd (2024, 3, 15), NULL, NULL, "2024-03-14T09:00:00Z",
                              "2024-03-15T08:00:00Z", NULL, &error);
      g_assert_no_error (error);
      g_ptr_array_add (packets, sb_packet_to_bytes (packet));
    }

  start = g_get_monotonic_time ();
  for (guint i = 0; i < packets->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbPacket) packet = sb_packet_new_from_bytes (g_ptr_array_index (packets, i), registry, calendar, &error);
      g_autoptr(SbCase) added = NULL;

      g_assert_no_error (error);
      added = sb_register_add_packet (store, packet, NULL, NULL, sb_packet_is_verified (packet), NULL,
                                      sb_date_from_ymd (2024, 3, 18), "李四", NULL, &error);
      g_assert_no_error (error);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  printf ("  register %u packets (verify + insert)   %.2f s  (%.1f ms each)\n", PACKETS, seconds,
          seconds * 1000.0 / PACKETS);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *forms = NULL, *calendar_dir = NULL, *url = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbRegister) store = NULL;
  gboolean postgres;

  if (argc != 3 || (!g_str_equal (argv[1], "sqlite") && !g_str_equal (argv[1], "postgres")))
    {
      fprintf (stderr, "Usage: bench-register sqlite DIR | postgres OWNER-URL\n");
      return 2;
    }
  postgres = g_str_equal (argv[1], "postgres");
  forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  registry = sb_form_registry_new_from_directory (forms, NULL);
  calendar_dir = g_build_filename (g_getenv ("SHENBAO_DATA_DIR"), "calendar", NULL);
  calendar = sb_calendar_new_from_directory (calendar_dir, &error);
  g_assert_no_error (error);

  if (postgres)
    {
      url = g_strdup (argv[2]);
      store = sb_register_open_at_version (url, registry, calendar, 0, &error);
      g_assert_no_error (error);
      SB_REGISTER_GET_CLASS (store)->exec_script (store, "SET client_min_messages = warning;"
                                                  "DROP TABLE IF EXISTS inspections, notices, case_history, cases, schema_version CASCADE;"
                                                  "DROP FUNCTION IF EXISTS shenbao_append_only ();", &error);
      g_assert_no_error (error);
      g_clear_object (&store);
    }
  else
    {
      url = g_build_filename (argv[2], "bench-register.sqlite", NULL);
      g_unlink (url);
    }

  {
    g_autofree char *load = NULL;

    /* Figures on a shared machine mean little without its load. */
    if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
      g_strchomp (load);
    printf ("%s, %u cases (load average %s, %d CPUs)\n", postgres ? "PostgreSQL" : "SQLite", CASES,
            load != NULL ? load : "?", g_get_num_processors ());
  }
  setvbuf (stdout, NULL, _IOLBF, 0);
  store = sb_register_open (url, registry, calendar, &error);
  g_assert_no_error (error);
  fill (store);
  measure_open (url);
  measure_lists (store);
  measure_registering (store);
  return 0;
}
