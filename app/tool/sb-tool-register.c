/* sb-tool-register.c — shenbao-tool register: the office's case register
 *
 *   register add PACKET…            register received packets (or PDFs carrying one)
 *   register list [filters]         one line per case, next deadline first
 *   register show REF               the case, its deadlines, notices and history
 *   register transition REF STATUS  move a case along the workflow
 *   register notice REF …           send the one-time notice of corrections
 *   register notice-pdf REF -o FILE the notice's PDF as issued, from the register
 *   register event REF EVENT        耕地: plan_completed, plan_adjusted, plan_filed
 *   register assign REF             the reviewer and the review file
 *   register export -o FILE         the register (or --history REF) as .xlsx or .csv
 *   register migrate                bring the schema up to date and say its version
 *
 * The store is --register URL, else $SHENBAO_REGISTER_URL, else the user's
 * own SQLite register (sb-register.h).  A packet that does not verify is
 * registered, flagged with the reason, and add exits 1: the office did
 * receive it, and a register that refused it would have no record of
 * that — unless it claims the reference of a registered case: a changed
 * copy never joins that case (refused, exit 1).  A file that is not a
 * packet at all is refused (exit 2).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <string.h>

#include "sb-date.h"
#include "sb-pdf-verify.h"
#include "sb-register-export.h"
#include "sb-register.h"
#include "sb-tool.h"

typedef struct {
  const char *name;
  const char *summary;
  int       (*run) (int argc, char **argv);
} Subcommand;

/* Options every subcommand takes. */
static char *register_url;
static char *today_text;
static gboolean as_json;

#define COMMON_ENTRIES \
  { "register", 0, 0, G_OPTION_ARG_STRING, &register_url, "The register: a SQLite file or a postgresql:// URL", "URL" }, \
  { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, "Count deadlines as on this day (YYYY-MM-DD)", "DATE" }

static SbRegister *
open_register (SbFormRegistry **forms,
               SbCalendar     **calendar)
{
  g_autoptr(GError) error = NULL;
  SbRegister *opened;

  *forms = sb_tool_load_registry ();
  *calendar = sb_tool_load_calendar ();
  opened = sb_register_open (register_url, *forms, *calendar, &error);
  if (opened == NULL)
    sb_tool_err ("shenbao-tool register: %s", error->message);
  return opened;
}

static gboolean
read_today (gint32 *today)
{
  return sb_tool_parse_date_option ("register", "today", today_text, today);
}

static const char *
default_person (const char *by)
{
  return by != NULL ? by : g_get_user_name ();
}

/* "2025-04-08 (3 working days left)", "… (overdue by 2 working days)". */
/* The next deadline's id, or what it is when it is not the office's. */
static const char *
deadline_name (const SbCase *a_case)
{
  if (sb_case_deadline_is_applicants (a_case))
    return "applicant_corrections (the applicant's 补正期限; the office's clock is stopped)";
  return a_case->next_deadline_id;
}

static char *
deadline_text (const SbCase *a_case,
               gint32        today,
               SbCalendar   *calendar)
{
  g_autofree char *due = NULL;
  int count = 0;

  if (a_case->next_deadline == 0)
    return g_strdup ("-");
  due = sb_date_to_string (a_case->next_deadline);
  if (calendar == NULL)
    return g_steal_pointer (&due);
  if (today <= a_case->next_deadline)
    {
      if (!sb_calendar_working_days_between (calendar, today, a_case->next_deadline, &count, NULL))
        return g_steal_pointer (&due);
      return g_strdup_printf ("%s %s (%d working days left)", due, deadline_name (a_case), count);
    }
  if (!sb_calendar_working_days_between (calendar, a_case->next_deadline, today, &count, NULL))
    return g_steal_pointer (&due);
  return g_strdup_printf ("%s %s (OVERDUE by %d working days)", due, deadline_name (a_case), count);
}

static JsonObject *
case_to_json (const SbCase *a_case,
              gint32        today,
              SbCalendar   *calendar)
{
  JsonObject *object = json_object_new ();
  g_autofree char *received = sb_date_to_string (a_case->received);

  json_object_set_int_member (object, "id", a_case->id);
  json_object_set_string_member (object, "reference", a_case->reference);
  json_object_set_int_member (object, "round", a_case->round);
  json_object_set_string_member (object, "form", a_case->form_id);
  json_object_set_string_member (object, "form_version", a_case->form_version);
  json_object_set_string_member (object, "applicant", a_case->applicant);
  json_object_set_string_member (object, "applicant_code", a_case->applicant_code);
  json_object_set_string_member (object, "status", a_case->status);
  json_object_set_string_member (object, "status_label", sb_case_status_label (a_case->status));
  json_object_set_string_member (object, "received", received);
  if (a_case->accepted > 0)
    {
      g_autofree char *accepted = sb_date_to_string (a_case->accepted);

      json_object_set_string_member (object, "accepted", accepted);
    }
  json_object_set_string_member (object, "reviewer", a_case->reviewer);
  if (a_case->next_deadline > 0)
    {
      g_autofree char *due = sb_date_to_string (a_case->next_deadline);
      int count = 0;

      json_object_set_string_member (object, "next_deadline", due);
      json_object_set_string_member (object, "next_deadline_id", a_case->next_deadline_id);
      if (calendar != NULL
          && (today <= a_case->next_deadline
              ? sb_calendar_working_days_between (calendar, today, a_case->next_deadline, &count, NULL)
              : sb_calendar_working_days_between (calendar, a_case->next_deadline, today, &count, NULL)))
        json_object_set_int_member (object, "working_days_left", today <= a_case->next_deadline ? count : -count);
    }
  else
    json_object_set_null_member (object, "next_deadline");
  json_object_set_boolean_member (object, "verified", a_case->verified);
  json_object_set_string_member (object, "problem", a_case->problem);
  json_object_set_string_member (object, "packet_hash", a_case->packet_hash);
  json_object_set_string_member (object, "packet_path", a_case->packet_path);
  json_object_set_string_member (object, "review_path", a_case->review_path);
  json_object_set_int_member (object, "version", a_case->version);
  json_object_set_string_member (object, "changed_by", a_case->changed_by);
  json_object_set_string_member (object, "changed_at", a_case->changed_at);
  return object;
}

/* The reasons a packet did not verify, joined. */
static char *
packet_problem (SbPacket  *packet,
                GPtrArray *pdf_checks,
                GPtrArray *signatures,
                GPtrArray *pdf_signatures)
{
  g_autoptr(GString) problem = g_string_new (NULL);
  GPtrArray *checks = sb_packet_get_checks (packet);

  for (guint i = 0; i < checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (checks, i);

      if (!check->ok)
        g_string_append_printf (problem, "%s%s: %s", problem->len > 0 ? "; " : "", sb_tool_check_name (check->kind),
                                check->message);
    }
  for (guint i = 0; pdf_checks != NULL && i < pdf_checks->len; i++)
    {
      SbPdfCheck *check = g_ptr_array_index (pdf_checks, i);

      if (!check->ok)
        g_string_append_printf (problem, "%s%s: %s", problem->len > 0 ? "; " : "", check->check, check->message);
    }
  sb_tool_append_signature_failures (problem, signatures, "signature");
  sb_tool_append_signature_failures (problem, pdf_signatures, "pdf-signer");
  if (!sb_tool_signature_requirement_met (signatures, pdf_signatures))
    g_string_append_printf (problem, "%s%s", problem->len > 0 ? "; " : "",
                            "signature: no signature is by a trusted certificate, and one is required");
  return g_string_free (g_steal_pointer (&problem), problem->len == 0);
}

/* Whether @packet (read from @file) verifies, its signatures too: a
 * signature that does not match is a changed packet, and one no trusted
 * certificate made fails when the office requires one.  @problem: why
 * not, else NULL. */
static gboolean
check_packet_file (SbPacket  *packet,
                   GFile     *file,
                   gboolean   from_pdf,
                   char     **problem)
{
  g_autoptr(GPtrArray) pdf_checks = NULL;
  g_autoptr(GPtrArray) signatures = sb_tool_packet_signatures (packet);
  g_autoptr(GPtrArray) pdf_signatures = NULL;
  gboolean verified;

  if (from_pdf)
    {
      pdf_checks = sb_pdf_verify_file_checks (file, packet);
      pdf_signatures = sb_tool_pdf_signatures (file);
    }
  verified = (pdf_checks == NULL || sb_pdf_checks_passed (pdf_checks)) && sb_packet_is_verified (packet) &&
             sb_tool_signatures_pass (signatures) &&
             (pdf_signatures == NULL || sb_tool_signatures_pass (pdf_signatures)) &&
             sb_tool_signature_requirement_met (signatures, pdf_signatures);
  *problem = verified ? NULL : packet_problem (packet, pdf_checks, signatures, pdf_signatures);
  return verified;
}

static int
register_add (int    argc,
              char **argv)
{
  g_autofree char *by = NULL, *received_text = NULL, *resubmission_of = NULL, *trust = NULL;
  gboolean require_signature = FALSE;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES,
    { "resubmission-of", 0, 0, G_OPTION_ARG_STRING, &resubmission_of,
      "They are the corrected materials of this case (a new round of it)", "REF" },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &trust,
      "Trust the certificate authorities in DIR (PEM files; default $SHENBAO_TRUST_DIR, else the application's "
      "trust folder)", "DIR" },
    { "require-signature", 0, 0, G_OPTION_ARG_NONE, &require_signature,
      "Flag a packet that no trusted certificate authority's certificate signed as not verified", NULL },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, "Who received them (default: the user's name)", "NAME" },
    { "received", 0, 0, G_OPTION_ARG_STRING, &received_text, "The day they were received (default: today)", "DATE" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(JsonArray) results = json_array_new ();
  gint32 received = 0, today = 0;
  int exit_code = SB_TOOL_EXIT_OK;

  if (!sb_tool_parse_options (&argc, &argv, "PACKET…",
                              "Register received packets (JSON packets or PDFs carrying one). The same packet again "
                              "finds its case and adds nothing; another packet with a registered reference becomes "
                              "its next round. A packet that does not verify is registered flagged with the reason.",
                              "Exit status: 0 all registered and verified, 1 one did not verify, 2 one could not be "
                              "read (not registered) or the register could not be opened.",
                              entries, &exit_code))
    return exit_code;
  if (argc < 2)
    {
      sb_tool_err ("Usage: shenbao-tool register add [--register URL] [--by NAME] [--received DATE] PACKET…");
      return SB_TOOL_EXIT_USAGE;
    }
  if (!sb_tool_parse_date_option ("register add", "received", received_text, &received) || !read_today (&today))
    return SB_TOOL_EXIT_USAGE;
  sb_tool_set_trust_dir (trust);
  sb_tool_set_signature_required (require_signature);

  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(SbPacket) packet = NULL;
      g_autoptr(SbCase) added = NULL;
      g_autofree char *problem = NULL;
      g_autofree char *absolute = NULL;
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (argv[i]);
      SbRegisterAddResult result = SB_REGISTER_ADDED;
      gboolean from_pdf = FALSE, verified;
      const char *what;

      packet = sb_tool_read_packet (argv[i], forms, calendar, &from_pdf, &error);
      if (packet == NULL)
        {
          sb_tool_err ("shenbao-tool register add: %s: not registered: %s", argv[i], error->message);
          exit_code = SB_TOOL_EXIT_USAGE;
          continue;
        }
      verified = check_packet_file (packet, file, from_pdf, &problem);
      absolute = g_file_get_path (file);

      added = sb_register_add_packet (store, packet, absolute, resubmission_of, verified, problem, received, default_person (by),
                                      &result, &error);
      if (added == NULL)
        {
          sb_tool_err ("shenbao-tool register add: %s: not registered: %s", argv[i], error->message);
          /* A changed copy of a registered packet is a check that failed. */
          if (!verified && g_error_matches (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID))
            exit_code = MAX (exit_code, SB_TOOL_EXIT_FAILED);
          else
            exit_code = SB_TOOL_EXIT_USAGE;
          continue;
        }
      what = result == SB_REGISTER_FOUND ? "already registered, nothing added"
             : result == SB_REGISTER_NEW_ROUND ? "registered as a new round" : "registered";
      if (as_json)
        {
          JsonObject *object = case_to_json (added, today, calendar);

          json_object_set_string_member (object, "file", argv[i]);
          json_object_set_string_member (object, "result", result == SB_REGISTER_FOUND ? "found"
                                                           : result == SB_REGISTER_NEW_ROUND ? "new-round" : "added");
          json_array_add_object_element (results, object);
        }
      else
        {
          sb_tool_out ("%s  round %d  %s: %s", added->reference, added->round, argv[i], what);
          if (!added->verified)
            sb_tool_out ("  NOT VERIFIED: %s", added->problem != NULL ? added->problem : "");
        }
      if (!added->verified && exit_code == SB_TOOL_EXIT_OK)
        exit_code = SB_TOOL_EXIT_FAILED;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, results);
      sb_tool_print_json (node);
    }
  return exit_code;
}

/* The filter options of list and export. */
static char *filter_status, *filter_form, *filter_reviewer, *filter_from, *filter_to;
static gboolean filter_overdue, filter_all_rounds;

#define FILTER_ENTRIES \
  { "status", 0, 0, G_OPTION_ARG_STRING, &filter_status, "Only cases with this status (received, 已受理…)", "STATUS" }, \
  { "procedure", 0, 0, G_OPTION_ARG_STRING, &filter_form, "Only this procedure (form id)", "ID" }, \
  { "reviewer", 0, 0, G_OPTION_ARG_STRING, &filter_reviewer, "Only cases assigned to this reviewer", "NAME" }, \
  { "overdue", 0, 0, G_OPTION_ARG_NONE, &filter_overdue, "Only cases whose next deadline has passed", NULL }, \
  { "received-from", 0, 0, G_OPTION_ARG_STRING, &filter_from, "Received on or after", "DATE" }, \
  { "received-to", 0, 0, G_OPTION_ARG_STRING, &filter_to, "Received on or before", "DATE" }, \
  { "all-rounds", 0, 0, G_OPTION_ARG_NONE, &filter_all_rounds, "Earlier rounds of a reference too", NULL }

static gboolean
read_filter (const char   *command,
             gint32        today,
             SbCaseFilter *filter)
{
  memset (filter, 0, sizeof *filter);
  if (filter_status != NULL)
    {
      filter->status = sb_case_status_parse (filter_status);
      if (filter->status == NULL)
        {
          sb_tool_err ("shenbao-tool %s: --status “%s” is not a status (received, notice, corrections, accepted, "
                       "not_accepted, reviewing, inspection, approved, declined)", command, filter_status);
          return FALSE;
        }
    }
  filter->form_id = filter_form;
  filter->reviewer = filter_reviewer;
  filter->overdue = filter_overdue;
  filter->today = today;
  filter->all_rounds = filter_all_rounds;
  return (filter_from == NULL || sb_tool_parse_date_option (command, "received-from", filter_from, &filter->received_from))
         && (filter_to == NULL || sb_tool_parse_date_option (command, "received-to", filter_to, &filter->received_to));
}

static int
register_list (int    argc,
               char **argv)
{
  const GOptionEntry entries[] = {
    COMMON_ENTRIES,
    FILTER_ENTRIES,
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GError) error = NULL;
  SbCaseFilter filter;
  gint32 today = 0;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, NULL,
                              "List the register's cases, one line each: reference, procedure, applicant, status and "
                              "next deadline, the earliest deadline (overdue ones) first.",
                              NULL, entries, &exit_code))
    return exit_code;
  if (argc != 1)
    {
      sb_tool_err ("Usage: shenbao-tool register list [--status S] [--procedure ID] [--reviewer NAME] [--overdue] "
                   "[--received-from DATE] [--received-to DATE]");
      return SB_TOOL_EXIT_USAGE;
    }
  if (!read_today (&today) || !read_filter ("register list", today, &filter))
    return SB_TOOL_EXIT_USAGE;

  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;
  cases = sb_register_list (store, &filter, &error);
  if (cases == NULL)
    {
      sb_tool_err ("shenbao-tool register list: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      JsonArray *array = json_array_new ();

      for (guint i = 0; i < cases->len; i++)
        json_array_add_object_element (array, case_to_json (g_ptr_array_index (cases, i), today, calendar));
      json_node_take_array (node, array);
      sb_tool_print_json (node);
      return SB_TOOL_EXIT_OK;
    }
  for (guint i = 0; i < cases->len; i++)
    {
      SbCase *a_case = g_ptr_array_index (cases, i);
      g_autofree char *deadline = deadline_text (a_case, today, calendar);
      g_autofree char *reference = a_case->round > 1 ? g_strdup_printf ("%s#%d", a_case->reference, a_case->round)
                                                     : g_strdup (a_case->reference);

      sb_tool_out ("%s  %s  %s  %s  %s%s", reference, a_case->form_id, *a_case->applicant ? a_case->applicant : "-",
                   sb_case_status_label (a_case->status), deadline, a_case->verified ? "" : "  NOT VERIFIED");
    }
  return SB_TOOL_EXIT_OK;
}

static SbCase *
find_case (SbRegister *store,
           const char *command,
           const char *reference,
           int         round)
{
  g_autoptr(GError) error = NULL;
  SbCase *found = sb_register_find (store, reference, round, &error);

  if (found == NULL)
    sb_tool_err ("shenbao-tool %s: %s", command, error->message);
  return found;
}

static const char *
deadline_state (const SbCaseDeadline *deadline)
{
  switch (deadline->state)
    {
    case SB_CASE_DEADLINE_NOT_STARTED: return "not started";
    case SB_CASE_DEADLINE_RUNNING: return "running";
    case SB_CASE_DEADLINE_PAUSED: return "paused";
    case SB_CASE_DEADLINE_MET: return deadline->met_late ? "met late" : "met";
    default: return "?";
    }
}

/* Whether the packet file registered is still there and still the packet
 * the case was made from: the register keeps its own record either way. */
static char *
packet_file_state (const SbCase   *a_case,
                   SbFormRegistry *forms,
                   SbCalendar     *calendar)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean from_pdf = FALSE;
  g_autofree char *problem = NULL;

  if (a_case->packet_path == NULL)
    return g_strdup ("not recorded");
  if (!g_file_test (a_case->packet_path, G_FILE_TEST_EXISTS))
    return g_strdup ("missing (the register keeps the case)");
  packet = sb_tool_read_packet (a_case->packet_path, forms, calendar, &from_pdf, &error);
  if (packet == NULL)
    return g_strdup_printf ("NO LONGER READS: %s", error->message);
  if (g_strcmp0 (sb_packet_get_integrity_hash (packet), a_case->packet_hash) != 0)
    return g_strdup ("REPLACED: the file now holds another packet than the one registered");
  file = g_file_new_for_path (a_case->packet_path);
  if (check_packet_file (packet, file, from_pdf, &problem))
    return g_strdup ("verifies");
  return g_strdup_printf ("NO LONGER VERIFIES: %s", problem != NULL ? problem : "");
}

/* The register's copy of @notice's PDF for --json: its size and SHA-256,
 * null when it keeps none, or the reason it cannot be read. */
static JsonNode *
notice_pdf_to_json (SbRegister     *store,
                    const SbNotice *notice)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = sb_register_get_notice_document (store, notice->id, &error);
  JsonObject *object;

  if (pdf == NULL && error == NULL)
    return json_node_new (JSON_NODE_NULL);
  object = json_object_new ();
  if (pdf != NULL)
    {
      g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);

      json_object_set_int_member (object, "size", (gint64) g_bytes_get_size (pdf));
      json_object_set_string_member (object, "sha256", hash);
    }
  else
    json_object_set_string_member (object, "problem", error->message);
  return json_node_init_object (json_node_alloc (), object);
}

static int
register_show (int    argc,
               char **argv)
{
  int round = 0;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES,
    { "round", 0, 0, G_OPTION_ARG_INT, &round, "This round of the reference (default: the latest)", "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print JSON", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(SbCase) a_case = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GPtrArray) deadlines = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *file_state = NULL;
  gint32 today = 0;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "REF", "Show a case: its details, deadlines, notices and history.",
                              NULL, entries, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      sb_tool_err ("Usage: shenbao-tool register show [--round N] [--json] REF");
      return SB_TOOL_EXIT_USAGE;
    }
  if (!read_today (&today))
    return SB_TOOL_EXIT_USAGE;
  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;
  a_case = find_case (store, "register show", argv[1], round);
  if (a_case == NULL)
    return SB_TOOL_EXIT_FAILED;
  history = sb_register_get_history (store, a_case->id, &error);
  if (history != NULL)
    notices = sb_register_get_notices (store, a_case->id, &error);
  if (notices != NULL)
    deadlines = sb_register_get_deadlines (store, a_case, today, &error);
  if (deadlines == NULL)
    {
      sb_tool_err ("shenbao-tool register show: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }
  file_state = packet_file_state (a_case, forms, calendar);

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
      JsonObject *object = case_to_json (a_case, today, calendar);
      JsonArray *array = json_array_new ();

      json_object_set_string_member (object, "packet_file", file_state);
      for (guint i = 0; i < deadlines->len; i++)
        {
          SbCaseDeadline *deadline = g_ptr_array_index (deadlines, i);
          JsonObject *item = json_object_new ();
          g_autofree char *due = deadline->due > 0 ? sb_date_to_string (deadline->due) : NULL;

          json_object_set_string_member (item, "id", deadline->deadline->id);
          json_object_set_string_member (item, "state", deadline_state (deadline));
          json_object_set_string_member (item, "due", due);
          json_object_set_int_member (item, "remaining", deadline->remaining);
          json_object_set_string_member (item, "problem", deadline->problem);
          json_array_add_object_element (array, item);
        }
      json_object_set_array_member (object, "deadlines", array);
      array = json_array_new ();
      for (guint i = 0; i < history->len; i++)
        {
          SbCaseChange *change = g_ptr_array_index (history, i);
          JsonObject *item = json_object_new ();
          g_autofree char *day = change->event_day > 0 ? sb_date_to_string (change->event_day) : NULL;

          json_object_set_string_member (item, "at", change->at);
          json_object_set_string_member (item, "by", change->by);
          json_object_set_string_member (item, "from", change->from_status);
          json_object_set_string_member (item, "to", change->to_status);
          json_object_set_string_member (item, "event", change->event);
          json_object_set_string_member (item, "event_day", day);
          json_object_set_string_member (item, "why", change->why);
          if (change->inspection != NULL)
            {
              JsonObject *inspection = json_object_new ();
              g_autofree char *inspected = sb_date_to_string (change->inspection->inspected);

              json_object_set_string_member (inspection, "result", change->inspection->passed ? "passed" : "failed");
              json_object_set_string_member (inspection, "findings", change->inspection->findings);
              json_object_set_string_member (inspection, "inspected", inspected);
              json_object_set_string_member (inspection, "inspector", change->inspection->inspector);
              json_object_set_string_member (inspection, "by", change->inspection->by);
              json_object_set_object_member (item, "inspection", inspection);
            }
          json_array_add_object_element (array, item);
        }
      json_object_set_array_member (object, "history", array);
      array = json_array_new ();
      for (guint i = 0; i < notices->len; i++)
        {
          SbNotice *notice = g_ptr_array_index (notices, i);
          JsonObject *item = json_object_new ();
          JsonArray *corrections = json_array_new ();
          g_autofree char *sent = sb_date_to_string (notice->sent);

          json_object_set_string_member (item, "number", notice->number);
          json_object_set_string_member (item, "sent", sent);
          json_object_set_int_member (item, "correction_days", notice->correction_days);
          json_object_set_string_member (item, "office", notice->office);
          json_object_set_string_member (item, "contact", notice->contact);
          for (guint c = 0; notice->corrections[c] != NULL; c++)
            json_array_add_string_element (corrections, notice->corrections[c]);
          json_object_set_array_member (item, "corrections", corrections);
          json_object_set_member (item, "pdf", notice_pdf_to_json (store, notice));
          json_array_add_object_element (array, item);
        }
      json_object_set_array_member (object, "notices", array);
      json_node_take_object (node, object);
      sb_tool_print_json (node);
      return SB_TOOL_EXIT_OK;
    }

  {
    g_autofree char *received = sb_date_to_string (a_case->received);
    g_autofree char *accepted = a_case->accepted > 0 ? sb_date_to_string (a_case->accepted) : g_strdup ("-");
    g_autofree char *deadline = deadline_text (a_case, today, calendar);

    sb_tool_out ("reference   %s (round %d)", a_case->reference, a_case->round);
    sb_tool_out ("procedure   %s %s", a_case->form_id, a_case->form_version);
    sb_tool_out ("applicant   %s %s", *a_case->applicant ? a_case->applicant : "(not given)", a_case->applicant_code);
    sb_tool_out ("status      %s (%s)", sb_case_status_label (a_case->status), a_case->status);
    sb_tool_out ("received    %s", received);
    sb_tool_out ("accepted    %s", accepted);
    sb_tool_out ("reviewer    %s", a_case->reviewer != NULL ? a_case->reviewer : "-");
    sb_tool_out ("next        %s", deadline);
    sb_tool_out ("verified    %s%s%s", a_case->verified ? "yes" : "NO", a_case->problem != NULL ? ": " : "",
                 a_case->problem != NULL ? a_case->problem : "");
    sb_tool_out ("packet      %s", a_case->packet_hash);
    sb_tool_out ("file        %s: %s", a_case->packet_path != NULL ? a_case->packet_path : "-", file_state);
    sb_tool_out ("review      %s", a_case->review_path != NULL ? a_case->review_path : "-");
    sb_tool_out ("version     %" G_GINT64_FORMAT " (changed by %s at %s)", a_case->version, a_case->changed_by,
                 a_case->changed_at);
  }
  sb_tool_out ("deadlines");
  for (guint i = 0; i < deadlines->len; i++)
    {
      SbCaseDeadline *deadline = g_ptr_array_index (deadlines, i);
      g_autofree char *due = deadline->due > 0 ? sb_date_to_string (deadline->due) : g_strdup ("-");

      sb_tool_out ("  %-8s %-11s due %s  %d working days %s  %s%s", deadline->deadline->id, deadline_state (deadline),
                   due, deadline->remaining,
                   deadline->state == SB_CASE_DEADLINE_PAUSED ? "to count when it resumes" : "left",
                   deadline->deadline->label.zh_CN, deadline->problem != NULL ? deadline->problem : "");
    }
  for (guint i = 0; i < notices->len; i++)
    {
      SbNotice *notice = g_ptr_array_index (notices, i);
      g_autofree char *sent = sb_date_to_string (notice->sent);

      sb_tool_out ("notice %s sent %s: %d working days to correct; %s, %s", notice->number, sent,
                   notice->correction_days, notice->office, notice->contact);
      for (guint c = 0; notice->corrections[c] != NULL; c++)
        sb_tool_out ("  %u. %s", c + 1, notice->corrections[c]);
      {
        g_autoptr(GError) pdf_error = NULL;
        g_autoptr(GBytes) pdf = sb_register_get_notice_document (store, notice->id, &pdf_error);

        if (pdf != NULL)
          {
            g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, pdf);

            sb_tool_out ("  PDF as issued in the register: %" G_GSIZE_FORMAT " bytes, SHA-256 %s "
                         "(shenbao-tool register notice-pdf)", g_bytes_get_size (pdf), hash);
          }
        else
          sb_tool_out ("  PDF: %s", pdf_error != NULL ? pdf_error->message : "none in the register");
      }
    }
  sb_tool_out ("history");
  for (guint i = 0; i < history->len; i++)
    {
      SbCaseChange *change = g_ptr_array_index (history, i);
      g_autofree char *day = change->event_day > 0 ? sb_date_to_string (change->event_day) : NULL;

      sb_tool_out ("  %s  %s  %s -> %s%s%s%s  %s", change->at, change->by,
                   change->from_status != NULL ? change->from_status : "-", change->to_status,
                   change->event != NULL ? "  [" : "", change->event != NULL ? change->event : "",
                   change->event != NULL ? "]" : "", change->why);
      if (change->inspection != NULL)
        {
          g_autofree char *inspection = sb_inspection_describe (change->inspection);

          sb_tool_out ("      %s", inspection);
        }
      (void) day;
    }
  return SB_TOOL_EXIT_OK;
}

/* Prints the error of a change: a refused transition or a stale version is
 * a check that failed (1), anything else unusable input (2). */
static int
report_change_error (const char   *command,
                     const GError *error)
{
  sb_tool_err ("shenbao-tool %s: %s", command, error->message);
  if (g_error_matches (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_CONFLICT)
      || g_error_matches (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION))
    return SB_TOOL_EXIT_FAILED;
  return SB_TOOL_EXIT_USAGE;
}

static gint64 change_version = -1;
static char *change_by, *change_why, *change_date;

#define CHANGE_ENTRIES \
  { "by", 0, 0, G_OPTION_ARG_STRING, &change_by, "Who makes the change (required)", "NAME" }, \
  { "why", 0, 0, G_OPTION_ARG_STRING, &change_why, "Why (required)", "TEXT" }, \
  { "date", 0, 0, G_OPTION_ARG_STRING, &change_date, "The day it happened (default: today)", "DATE" }, \
  { "version", 0, 0, G_OPTION_ARG_INT64, &change_version, "The case's version as read (refused if it changed since)", "N" }

static int
register_transition (int    argc,
                     char **argv)
{
  g_autofree char *result = NULL, *findings = NULL, *inspected = NULL, *inspector = NULL;
  g_autofree char *recorded_why = NULL;
  gboolean despite = FALSE;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES,
    CHANGE_ENTRIES,
    { "despite-failed-inspection", 0, 0, G_OPTION_ARG_NONE, &despite,
      "Approve although the on-site inspection found 核验不通过 (the reason recorded says so)", NULL },
    { "inspection", 0, 0, G_OPTION_ARG_STRING, &result,
      "Out of 实地核验: its result, passed (核验通过) or failed (核验不通过)", "RESULT" },
    { "findings", 0, 0, G_OPTION_ARG_STRING, &findings, "现场说明: what was found (required when it failed)", "TEXT" },
    { "inspected", 0, 0, G_OPTION_ARG_STRING, &inspected, "The day of the inspection (default: today)", "DATE" },
    { "inspector", 0, 0, G_OPTION_ARG_STRING, &inspector, "Who inspected", "NAME" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(SbCase) a_case = NULL;
  g_autoptr(SbCase) changed = NULL;
  g_autoptr(GError) error = NULL;
  SbInspection inspection = { 0 };
  const char *status;
  gint32 day = 0;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "REF STATUS",
                              "Move a case to STATUS (an id or its name: accepted, 已受理, reviewing, inspection, "
                              "approved, declined, not_accepted, corrections…), recording who, when and why.",
                              "Exit status: 0 done, 1 refused (the workflow, or the case changed since --version).",
                              entries, &exit_code))
    return exit_code;
  if (argc != 3)
    {
      sb_tool_err ("Usage: shenbao-tool register transition REF STATUS --by NAME --why TEXT [--date DATE] [--version N] "
                   "[--inspection passed|failed --inspector NAME [--findings TEXT] [--inspected DATE]]");
      return SB_TOOL_EXIT_USAGE;
    }
  status = sb_case_status_parse (argv[2]);
  if (status == NULL)
    {
      sb_tool_err ("shenbao-tool register transition: “%s” is not a status (received, notice, corrections, accepted, "
                   "not_accepted, reviewing, inspection, approved, declined)", argv[2]);
      return SB_TOOL_EXIT_USAGE;
    }
  if (!sb_tool_parse_date_option ("register transition", "date", change_date, &day))
    return SB_TOOL_EXIT_USAGE;
  if (result != NULL)
    {
      if (g_str_equal (result, "passed") || g_str_equal (result, "核验通过"))
        inspection.passed = TRUE;
      else if (!g_str_equal (result, "failed") && !g_str_equal (result, "核验不通过"))
        {
          sb_tool_err ("shenbao-tool register transition: --inspection is passed (核验通过) or failed (核验不通过), "
                       "not “%s”", result);
          return SB_TOOL_EXIT_USAGE;
        }
      if (!sb_tool_parse_date_option ("register transition", "inspected", inspected, &inspection.inspected))
        return SB_TOOL_EXIT_USAGE;
      if (inspection.inspected <= 0)
        inspection.inspected = sb_date_today ();
      inspection.findings = findings;
      inspection.inspector = inspector;
    }
  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;
  a_case = find_case (store, "register transition", argv[1], 0);
  if (a_case == NULL)
    return SB_TOOL_EXIT_FAILED;
  recorded_why = g_strdup (change_why);
  /* As in the application: approving after a failed inspection is done
   * only knowingly, and the history says so. */
  if (g_str_equal (status, "approved"))
    {
      g_autoptr(GPtrArray) inspections = result == NULL ? sb_register_get_inspections (store, a_case->id, &error) : NULL;
      const SbInspection *latest = result != NULL ? &inspection
                                   : inspections != NULL && inspections->len > 0
                                   ? g_ptr_array_index (inspections, inspections->len - 1) : NULL;

      if (result == NULL && inspections == NULL)
        return report_change_error ("register transition", error);
      if (latest != NULL && !latest->passed)
        {
          if (!despite)
            {
              g_autofree char *described = sb_inspection_describe (latest);

              sb_tool_err ("shenbao-tool register transition: %s: the on-site inspection found 核验不通过 (%s); "
                           "approve it only if that has been cleared up, with --despite-failed-inspection",
                           a_case->reference, described);
              return SB_TOOL_EXIT_FAILED;
            }
          /* Without --why the register refuses, as for any change. */
          if (change_why != NULL)
            {
              g_free (recorded_why);
              recorded_why = sb_inspection_dup_approval_reason (change_why);
            }
        }
    }
  changed = result != NULL
            ? sb_register_end_inspection (store, a_case->id, change_version >= 0 ? change_version : a_case->version,
                                          status, &inspection, change_by, recorded_why, day, &error)
            : sb_register_transition (store, a_case->id, change_version >= 0 ? change_version : a_case->version,
                                      status, change_by, recorded_why, day, &error);
  if (changed == NULL)
    return report_change_error ("register transition", error);
  sb_tool_out ("%s  %s -> %s  (version %" G_GINT64_FORMAT ")", changed->reference,
               sb_case_status_label (a_case->status), sb_case_status_label (changed->status), changed->version);
  return SB_TOOL_EXIT_OK;
}

static int
register_notice (int    argc,
                 char **argv)
{
  g_autofree char *number = NULL, *office = NULL, *contact = NULL;
  g_auto(GStrv) corrections = NULL;
  int days = 0;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES,
    CHANGE_ENTRIES,
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, "The notice's number", "TEXT" },
    { "days", 0, 0, G_OPTION_ARG_INT, &days, "补正期限: the working days the applicant has", "N" },
    { "office", 0, 0, G_OPTION_ARG_STRING, &office, "The office's name", "TEXT" },
    { "contact", 0, 0, G_OPTION_ARG_STRING, &contact, "Whom to ask, and how", "TEXT" },
    { "correction", 0, 0, G_OPTION_ARG_STRING_ARRAY, &corrections, "A correction (repeat for each: all at once)", "TEXT" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(SbCase) a_case = NULL;
  g_autoptr(SbCase) changed = NULL;
  g_autoptr(GError) error = NULL;
  SbNotice notice = { 0 };
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "REF",
                              "Record the one-time notice of corrections (一次性告知) of a case: its number, the "
                              "working days to correct, the office and its contact, and every correction at once.",
                              NULL, entries, &exit_code))
    return exit_code;
  if (argc != 2)
    {
      sb_tool_err ("Usage: shenbao-tool register notice REF --number N --days D --office TEXT --contact TEXT "
                   "--correction TEXT… --by NAME [--why TEXT] [--date DATE]");
      return SB_TOOL_EXIT_USAGE;
    }
  if (!sb_tool_parse_date_option ("register notice", "date", change_date, &notice.sent))
    return SB_TOOL_EXIT_USAGE;
  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;
  a_case = find_case (store, "register notice", argv[1], 0);
  if (a_case == NULL)
    return SB_TOOL_EXIT_FAILED;
  notice.number = number;
  notice.correction_days = days;
  notice.office = office;
  notice.contact = contact;
  notice.corrections = corrections;
  notice.by = change_by;
  changed = sb_register_send_notice (store, a_case->id, change_version >= 0 ? change_version : a_case->version,
                                     &notice, change_why, &error);
  if (changed == NULL)
    return report_change_error ("register notice", error);
  sb_tool_out ("%s  notice %s sent  (version %" G_GINT64_FORMAT ")", changed->reference, number, changed->version);
  return SB_TOOL_EXIT_OK;
}

static int
register_notice_pdf (int    argc,
                     char **argv)
{
  g_autofree char *number = NULL, *output = NULL;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES,
    { "number", 0, 0, G_OPTION_ARG_STRING, &number, "The notice's number (default: the latest)", "TEXT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Where to write the PDF", "FILE" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(SbCase) a_case = NULL;
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  SbNotice *notice = NULL;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "REF",
                              "Write the PDF of a case's one-time notice as the office issued it (or signed it "
                              "since), as the register keeps it.", NULL, entries, &exit_code))
    return exit_code;
  if (argc != 2 || output == NULL)
    {
      sb_tool_err ("Usage: shenbao-tool register notice-pdf REF [--number TEXT] -o FILE");
      return SB_TOOL_EXIT_USAGE;
    }
  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;
  a_case = find_case (store, "register notice-pdf", argv[1], 0);
  if (a_case == NULL)
    return SB_TOOL_EXIT_FAILED;
  notices = sb_register_get_notices (store, a_case->id, &error);
  if (notices == NULL)
    {
      sb_tool_err ("shenbao-tool register notice-pdf: %s", error->message);
      return SB_TOOL_EXIT_FAILED;
    }
  for (guint i = notices->len; i > 0 && notice == NULL; i--)
    if (number == NULL || g_str_equal (((SbNotice *) g_ptr_array_index (notices, i - 1))->number, number))
      notice = g_ptr_array_index (notices, i - 1);
  if (notice == NULL)
    {
      if (number != NULL)
        sb_tool_err ("shenbao-tool register notice-pdf: case %s has no notice %s", a_case->reference, number);
      else
        sb_tool_err ("shenbao-tool register notice-pdf: case %s has no one-time notice", a_case->reference);
      return SB_TOOL_EXIT_FAILED;
    }
  pdf = sb_register_get_notice_document (store, notice->id, &error);
  if (pdf == NULL)
    {
      if (error != NULL)
        sb_tool_err ("shenbao-tool register notice-pdf: %s", error->message);
      else
        sb_tool_err ("shenbao-tool register notice-pdf: the register keeps no PDF of notice %s (recorded with "
                     "register notice, or before the register kept them: the application that wrote it sends it "
                     "when it opens the case)", notice->number);
      return SB_TOOL_EXIT_FAILED;
    }
  /* Written whole or not at all. */
  if (!g_file_set_contents (output, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf), &error))
    {
      sb_tool_err ("shenbao-tool register notice-pdf: %s", error->message);
      return SB_TOOL_EXIT_FAILED;
    }
  sb_tool_out ("%s  notice %s: %" G_GSIZE_FORMAT " bytes written to %s", a_case->reference, notice->number,
               g_bytes_get_size (pdf), output);
  return SB_TOOL_EXIT_OK;
}

static int
register_event (int    argc,
                char **argv)
{
  const GOptionEntry entries[] = { COMMON_ENTRIES, CHANGE_ENTRIES, { NULL } };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(SbCase) a_case = NULL;
  g_autoptr(SbCase) changed = NULL;
  g_autoptr(GError) error = NULL;
  gint32 day = 0;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "REF EVENT",
                              "Record an event the clock counts from that is not a status: plan_completed, "
                              "plan_adjusted, plan_filed (耕地's 7 working days to file the plan).",
                              NULL, entries, &exit_code))
    return exit_code;
  if (argc != 3)
    {
      sb_tool_err ("Usage: shenbao-tool register event REF EVENT --by NAME --why TEXT [--date DATE] [--version N]");
      return SB_TOOL_EXIT_USAGE;
    }
  if (!sb_tool_parse_date_option ("register event", "date", change_date, &day))
    return SB_TOOL_EXIT_USAGE;
  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;
  a_case = find_case (store, "register event", argv[1], 0);
  if (a_case == NULL)
    return SB_TOOL_EXIT_FAILED;
  changed = sb_register_record_event (store, a_case->id, change_version >= 0 ? change_version : a_case->version,
                                      argv[2], change_by, change_why, day, &error);
  if (changed == NULL)
    return report_change_error ("register event", error);
  sb_tool_out ("%s  %s recorded  (version %" G_GINT64_FORMAT ")", changed->reference, argv[2], changed->version);
  return SB_TOOL_EXIT_OK;
}

static int
register_assign (int    argc,
                 char **argv)
{
  g_autofree char *reviewer = NULL, *review = NULL;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES,
    CHANGE_ENTRIES,
    { "reviewer", 0, 0, G_OPTION_ARG_STRING, &reviewer, "The reviewer", "NAME" },
    { "review", 0, 0, G_OPTION_ARG_FILENAME, &review, "The case's review file", "FILE" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(SbCase) a_case = NULL;
  g_autoptr(SbCase) changed = NULL;
  g_autoptr(GError) error = NULL;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, "REF", "Assign a case's reviewer and review file.", NULL, entries,
                              &exit_code))
    return exit_code;
  if (argc != 2)
    {
      sb_tool_err ("Usage: shenbao-tool register assign REF --reviewer NAME [--review FILE] --by NAME [--version N]");
      return SB_TOOL_EXIT_USAGE;
    }
  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;
  a_case = find_case (store, "register assign", argv[1], 0);
  if (a_case == NULL)
    return SB_TOOL_EXIT_FAILED;
  changed = sb_register_assign (store, a_case->id, change_version >= 0 ? change_version : a_case->version, reviewer,
                                review != NULL ? review : a_case->review_path, change_by, &error);
  if (changed == NULL)
    return report_change_error ("register assign", error);
  sb_tool_out ("%s  reviewer %s  (version %" G_GINT64_FORMAT ")", changed->reference,
               changed->reviewer != NULL ? changed->reviewer : "-", changed->version);
  return SB_TOOL_EXIT_OK;
}

static int
register_export (int    argc,
                 char **argv)
{
  g_autofree char *output = NULL, *history_of = NULL;
  const GOptionEntry entries[] = {
    COMMON_ENTRIES,
    FILTER_ENTRIES,
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "The file to write: .xlsx or .csv", "FILE" },
    { "history", 0, 0, G_OPTION_ARG_STRING, &history_of, "Export this case's history instead (all its rounds)", "REF" },
    { NULL }
  };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GError) error = NULL;
  SbTableFormat format;
  SbCaseFilter filter;
  gint32 today = 0;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, NULL,
                              "Export the register (with list's filters) or one case's history as XLSX or CSV "
                              "(UTF-8 with a byte order mark, which WPS and Excel open correctly).",
                              NULL, entries, &exit_code))
    return exit_code;
  if (argc != 1 || output == NULL)
    {
      sb_tool_err ("Usage: shenbao-tool register export -o FILE.xlsx|FILE.csv [filters] [--history REF]");
      return SB_TOOL_EXIT_USAGE;
    }
  if (!sb_table_format_from_path (output, &format, &error))
    {
      sb_tool_err ("shenbao-tool register export: %s", error->message);
      return SB_TOOL_EXIT_USAGE;
    }
  if (!read_today (&today) || !read_filter ("register export", today, &filter))
    return SB_TOOL_EXIT_USAGE;
  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;

  if (history_of != NULL)
    {
      g_autoptr(SbCase) latest = find_case (store, "register export", history_of, 0);

      if (latest == NULL)
        return SB_TOOL_EXIT_FAILED;
      g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_case_free);

      /* Every round, oldest first: rounds may carry references of their own. */
      g_ptr_array_add (chain, g_steal_pointer (&latest));
      while (((SbCase *) g_ptr_array_index (chain, 0))->previous_id != 0)
        {
          SbCase *earlier = sb_register_get (store, ((SbCase *) g_ptr_array_index (chain, 0))->previous_id, &error);

          if (earlier == NULL)
            {
              sb_tool_err ("shenbao-tool register export: %s", error->message);
              return SB_TOOL_EXIT_USAGE;
            }
          g_ptr_array_insert (chain, 0, earlier);
        }
      for (guint r = 0; r < chain->len; r++)
        {
          SbCase *a_case = g_ptr_array_index (chain, r);
          g_autoptr(GPtrArray) history = sb_register_get_history (store, a_case->id, &error);

          if (history == NULL)
            {
              sb_tool_err ("shenbao-tool register export: %s", error->message);
              return SB_TOOL_EXIT_USAGE;
            }
          for (guint i = 0; i < history->len; i++)
            g_ptr_array_add (rows, sb_register_export_history_row (a_case, g_ptr_array_index (history, i)));
        }
      if (!sb_register_export_rows (sb_register_export_history_header (), rows, "History", output, format, &error))
        {
          sb_tool_err ("shenbao-tool register export: %s", error->message);
          return SB_TOOL_EXIT_USAGE;
        }
    }
  else
    {
      g_autoptr(GPtrArray) cases = sb_register_list (store, &filter, &error);

      if (cases == NULL)
        {
          sb_tool_err ("shenbao-tool register export: %s", error->message);
          return SB_TOOL_EXIT_USAGE;
        }
      for (guint i = 0; i < cases->len; i++)
        g_ptr_array_add (rows, sb_register_export_case_row (g_ptr_array_index (cases, i), today, calendar));
      if (!sb_register_export_rows (sb_register_export_case_header (), rows, "Register", output, format, &error))
        {
          sb_tool_err ("shenbao-tool register export: %s", error->message);
          return SB_TOOL_EXIT_USAGE;
        }
    }
  sb_tool_out ("%u rows written to %s", rows->len, output);
  return SB_TOOL_EXIT_OK;
}

static int
register_migrate (int    argc,
                  char **argv)
{
  const GOptionEntry entries[] = { COMMON_ENTRIES, { NULL } };
  g_autoptr(SbFormRegistry) forms = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(SbRegister) store = NULL;
  int exit_code;

  if (!sb_tool_parse_options (&argc, &argv, NULL,
                              "Open the register, bringing its schema up to date (on PostgreSQL, as the database's "
                              "owner), and print where it is and its schema version.",
                              NULL, entries, &exit_code))
    return exit_code;
  store = open_register (&forms, &calendar);
  if (store == NULL)
    return SB_TOOL_EXIT_USAGE;
  sb_tool_out ("%s: schema version %d", sb_register_describe (store), sb_register_get_schema_version (store));
  return SB_TOOL_EXIT_OK;
}

static const Subcommand subcommands[] = {
  { "add", "Register received packets (or PDFs carrying one)", register_add },
  { "list", "List the cases, next deadline first", register_list },
  { "show", "Show a case, its deadlines, notices and history", register_show },
  { "transition", "Move a case to another status", register_transition },
  { "notice", "Record the one-time notice of corrections", register_notice },
  { "notice-pdf", "Write a notice's PDF as the register keeps it", register_notice_pdf },
  { "event", "Record a plan's completion, adjustment or filing (耕地)", register_event },
  { "assign", "Assign a case's reviewer and review file", register_assign },
  { "export", "Export the register or a case's history as XLSX or CSV", register_export },
  { "migrate", "Bring the register's schema up to date", register_migrate },
};

int
sb_tool_register (int    argc,
                  char **argv)
{
  if (argc < 2 || g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h"))
    {
      /* Help asked for goes to stdout; a missing subcommand is a usage error. */
      void (*print) (const char *format, ...) = argc < 2 ? sb_tool_err : sb_tool_out;

      print ("Usage: shenbao-tool register SUBCOMMAND [OPTION…]");
      print ("%s", "");
      print ("The office's case register: SQLite by default ($XDG_DATA_HOME/shenbao/register.sqlite), or a");
      print ("PostgreSQL database an office shares (--register postgresql://… or SHENBAO_REGISTER_URL).");
      print ("%s", "");
      for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
        print ("  %-11s %s", subcommands[i].name, subcommands[i].summary);
      return argc < 2 ? SB_TOOL_EXIT_USAGE : SB_TOOL_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
    if (g_str_equal (argv[1], subcommands[i].name))
      {
        g_autofree char *name = g_strdup_printf ("register %s", argv[1]);
        g_autofree char **sub_argv = g_new0 (char *, argc);

        /* The subcommand's own argv, named as errors name it. */
        sub_argv[0] = name;
        for (int a = 2; a < argc; a++)
          sub_argv[a - 1] = argv[a];
        int status = subcommands[i].run (argc - 1, sub_argv);

        /* The shared options' strings, which GOption allocated. */
        g_clear_pointer (&register_url, g_free);
        g_clear_pointer (&today_text, g_free);
        g_clear_pointer (&filter_status, g_free);
        g_clear_pointer (&filter_form, g_free);
        g_clear_pointer (&filter_reviewer, g_free);
        g_clear_pointer (&filter_from, g_free);
        g_clear_pointer (&filter_to, g_free);
        g_clear_pointer (&change_by, g_free);
        g_clear_pointer (&change_why, g_free);
        g_clear_pointer (&change_date, g_free);
        return status;
      }

  sb_tool_err ("shenbao-tool register: unknown subcommand “%s” (add, list, show, transition, notice, event, assign, "
               "export, migrate)", argv[1]);
  return SB_TOOL_EXIT_USAGE;
}
