/* sb-tool-review.c — shenbao-tool review
 *
 * What a reviewing office needs to know about each packet it received, for
 * batch use: whether it verifies (and in plain words what does not), the
 * rules as computed now with citations and the applicant's explanations,
 * any difference from the results the packet carries, and the statutory
 * deadlines counted in working days from the day it was received.
 *
 * Everything printed from a packet came from somebody else: text output
 * never lets it steer the terminal, and nothing is ever written to disk.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-tool"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sb-date.h"
#include "sb-pdf-verify.h"
#include "sb-review.h"
#include "sb-tool.h"

/* What the office learns about one packet, once, for either output. */
typedef struct {
  SbPacket  *packet;
  gboolean   from_pdf;
  gboolean   pdf_checked;      /* the pages were compared with the packet */
  gboolean   pages_ok;
  GPtrArray *pdf_checks;       /* SbPdfCheck*, when pdf_checked */
  GPtrArray *pdf_signatures;   /* SbSignature*, the PDF's own, when pdf_checked */
  GPtrArray *differences;      /* SbPacketDifference*, of the packet's: no WORDS */
  GPtrArray *deadlines;        /* SbDeadlineStatus* */
} Review;

static void
review_clear (Review *review)
{
  g_clear_object (&review->packet);
  g_clear_pointer (&review->pdf_checks, g_ptr_array_unref);
  g_clear_pointer (&review->pdf_signatures, g_ptr_array_unref);
  g_clear_pointer (&review->differences, g_ptr_array_unref);
  g_clear_pointer (&review->deadlines, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Review, review_clear)

static const char *
severity_label (SbSeverity severity)
{
  switch (severity)
    {
    case SB_SEVERITY_ERROR: return "ERROR";
    case SB_SEVERITY_WARNING: return "WARNING";
    case SB_SEVERITY_INFO: return "NOTICE";
    default: return "RESULT";
    }
}


/* The rule results the packet states against those computed now, as the
 * packet reader found them; a difference of words only is one of the
 * VALIDATION check, not of a rule. */
static GPtrArray *
compute_differences (SbPacket *packet)
{
  GPtrArray *differences = g_ptr_array_new ();
  GPtrArray *all = sb_packet_get_validation_differences (packet);

  for (guint i = 0; i < all->len; i++)
    {
      SbPacketDifference *difference = g_ptr_array_index (all, i);

      if (difference->kind != SB_PACKET_DIFFERENCE_WORDS)
        g_ptr_array_add (differences, difference);
    }
  return differences;
}

/* A PDF is only what it shows: it must be exactly what its embedded packet
 * renders to (as `verify` checks, with the same function). */
static void
check_pages (Review     *review,
             const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

  review->pdf_checked = TRUE;
  review->pdf_checks = sb_pdf_verify_file_checks (file, review->packet);
  review->pdf_signatures = sb_tool_pdf_signatures (file);
  review->pages_ok = sb_pdf_checks_passed (review->pdf_checks) && sb_tool_signatures_pass (review->pdf_signatures);
}

/* Verified means every check passed, the pages of a PDF included. */
static gboolean
review_verified (Review *review)
{
  g_autoptr(GPtrArray) signatures = sb_tool_packet_signatures (review->packet);

  return sb_tool_packet_verified (review->packet) && (!review->pdf_checked || review->pages_ok) &&
         sb_tool_signature_requirement_met (signatures, review->pdf_signatures);
}

static gboolean
review_good (Review *review)
{
  return review_verified (review) &&
         sb_validation_report_count (sb_packet_get_report (review->packet), SB_SEVERITY_ERROR) == 0;
}

static const SbReviewDeadline *
deadline_definition (SbFormDefinition *definition,
                     const char       *id)
{
  GPtrArray *deadlines = sb_form_definition_get_review_deadlines (definition);

  for (guint i = 0; i < deadlines->len; i++)
    {
      SbReviewDeadline *deadline = g_ptr_array_index (deadlines, i);

      if (g_strcmp0 (deadline->id, id) == 0)
        return deadline;
    }
  return NULL;
}

static char *
deadline_citation (SbFormDefinition       *definition,
                   const SbReviewDeadline *deadline)
{
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);

  if (deadline == NULL || deadline->citation == NULL || *deadline->citation == '\0')
    return NULL;
  return g_strconcat (regulation && regulation->short_name ? regulation->short_name : "", deadline->citation, NULL);
}

/* JSON output */

/* The results as packets store them, without "technical", with each
 * rule's citation and, for a warning, the applicant's explanation. */
static JsonNode *
findings_to_json (SbPacket *packet)
{
  GPtrArray *findings = sb_validation_report_get_findings (sb_packet_get_report (packet));
  GHashTable *justifications = sb_packet_get_justifications (packet);
  JsonNode *node = sb_validation_report_to_json (sb_packet_get_report (packet));
  JsonArray *array = json_node_get_array (node);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      JsonObject *object = json_array_get_object_element (array, i);
      const char *justification = justifications ? g_hash_table_lookup (justifications, finding->rule_id) : NULL;

      json_object_remove_member (object, "technical");
      if (finding->rule != NULL)
        {
          g_autofree char *citation = sb_citation_format (&finding->rule->citation);

          json_object_set_string_member (object, "citation", citation);
        }
      else
        json_object_set_null_member (object, "citation");
      if (finding->severity == SB_SEVERITY_WARNING)
        {
          if (justification != NULL)
            json_object_set_string_member (object, "justification", justification);
          else
            json_object_set_null_member (object, "justification");
        }
    }

  return node;
}

static JsonNode *
differences_to_json (GPtrArray *differences)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < differences->len; i++)
    {
      SbPacketDifference *difference = g_ptr_array_index (differences, i);
      gboolean fires_now = difference->kind == SB_PACKET_DIFFERENCE_FIRES_NOW;
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "rule", difference->rule);
      if (difference->field != NULL)
        json_object_set_string_member (object, "field", difference->field);
      else
        json_object_set_null_member (object, "field");
      if (difference->row >= 0)
        json_object_set_int_member (object, "row", difference->row);
      else
        json_object_set_null_member (object, "row");
      json_object_set_boolean_member (object, "in_packet", !fires_now);
      json_object_set_boolean_member (object, "fires_now", fires_now);
      /* The packet's own words are never shown (they could say anything):
       * the rule is named, and it does not fire now. */
      if (fires_now)
        json_object_set_string_member (object, "message", difference->finding->message_zh);
      json_array_add_object_element (array, object);
    }

  json_node_take_array (node, array);
  return node;
}

static JsonNode *
deadlines_to_json (SbFormDefinition *definition,
                   GPtrArray        *deadlines)
{
  JsonArray *array = json_array_new ();
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint i = 0; i < deadlines->len; i++)
    {
      SbDeadlineStatus *deadline = g_ptr_array_index (deadlines, i);
      const SbReviewDeadline *stated = deadline_definition (definition, deadline->id);
      g_autofree char *citation = deadline_citation (definition, stated);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "id", deadline->id);
      json_object_set_string_member (object, "label", deadline->label);
      json_object_set_int_member (object, "working_days", deadline->working_days);
      json_object_set_string_member (object, "counted_from", stated ? stated->from : "receipt");
      if (deadline->from > 0)
        {
          g_autofree char *from = sb_date_to_string (deadline->from);

          json_object_set_string_member (object, "from", from);
        }
      else
        json_object_set_null_member (object, "from");
      if (deadline->due != 0)
        {
          g_autofree char *due = sb_date_to_string (deadline->due);

          json_object_set_string_member (object, "due", due);
          if (deadline->problem == NULL)
            json_object_set_int_member (object, "remaining", deadline->remaining);
          else
            json_object_set_null_member (object, "remaining");
        }
      else
        {
          json_object_set_null_member (object, "due");
          json_object_set_null_member (object, "remaining");
        }
      if (deadline->problem != NULL)
        json_object_set_string_member (object, "problem", deadline->problem);
      if (citation != NULL)
        json_object_set_string_member (object, "citation", citation);
      json_array_add_object_element (array, object);
    }

  json_node_take_array (node, array);
  return node;
}

static JsonObject *
review_to_json (Review     *review,
                const char *path,
                gint32      received,
                gint32      today)
{
  SbPacket *packet = review->packet;
  SbFormDefinition *definition = sb_packet_get_definition (packet);
  SbValidationReport *report = sb_packet_get_report (packet);
  JsonObject *object = sb_tool_packet_to_json (packet);
  JsonObject *counts = json_object_new ();
  g_autofree char *file = g_filename_display_name (path);
  g_autofree char *applicant = sb_answers_dup_summary (sb_packet_get_answers (packet));
  g_autofree char *received_text = sb_date_to_string (received);
  g_autofree char *today_text = sb_date_to_string (today);

  json_object_set_string_member (object, "file", file);
  json_object_set_boolean_member (object, "from_pdf", review->from_pdf);
  json_object_set_string_member (object, "title", sb_text_get (sb_form_definition_get_title (definition)));
  json_object_set_string_member (object, "applicant", applicant);
  if (sb_packet_get_submission_date (packet) != 0)
    {
      g_autofree char *submitted = sb_date_to_string (sb_packet_get_submission_date (packet));

      json_object_set_string_member (object, "submitted", submitted);
    }
  else
    json_object_set_null_member (object, "submitted");
  json_object_set_string_member (object, "received", received_text);
  json_object_set_string_member (object, "today", today_text);

  if (review->pdf_checked)
    json_object_set_member (object, "pdf_signatures", sb_tool_signatures_to_json (review->pdf_signatures));
  if (review->pdf_checked)
    {
      JsonArray *checks = json_object_get_array_member (object, "checks");

      for (guint i = 0; i < review->pdf_checks->len; i++)
        {
          SbPdfCheck *pdf_check = g_ptr_array_index (review->pdf_checks, i);
          JsonObject *check = json_object_new ();

          json_object_set_string_member (check, "check", pdf_check->check);
          json_object_set_boolean_member (check, "ok", pdf_check->ok);
          json_object_set_string_member (check, "message", pdf_check->message);
          json_array_add_object_element (checks, check);
        }
    }
  json_object_set_boolean_member (object, "verified", review_verified (review));

  json_object_set_int_member (counts, "errors", sb_validation_report_count (report, SB_SEVERITY_ERROR));
  json_object_set_int_member (counts, "warnings", sb_validation_report_count (report, SB_SEVERITY_WARNING));
  json_object_set_int_member (counts, "notices", sb_validation_report_count (report, SB_SEVERITY_INFO));
  json_object_set_object_member (object, "counts", counts);
  json_object_set_member (object, "findings", findings_to_json (packet));
  json_object_set_member (object, "differences", differences_to_json (review->differences));
  json_object_set_member (object, "deadlines", deadlines_to_json (definition, review->deadlines));
  json_object_set_boolean_member (object, "ok", review_good (review));
  return object;
}

/* Text output */

/* sb_tool_out() reveals every control and bidi character of @text. */
static void
print_line (const char *indent,
            const char *text)
{
  sb_tool_out ("%s%s", indent, text);
}

static void
print_review (Review     *review,
              const char *path,
              gint32      received,
              gint32      today)
{
  SbPacket *packet = review->packet;
  SbFormDefinition *definition = sb_packet_get_definition (packet);
  SbValidationReport *report = sb_packet_get_report (packet);
  GHashTable *justifications = sb_packet_get_justifications (packet);
  GPtrArray *findings = sb_validation_report_get_findings (report);
  GPtrArray *checks = sb_packet_get_checks (packet);
  g_autoptr(GString) failed = g_string_new (NULL);
  g_autofree char *file = g_filename_display_name (path);
  g_autofree char *applicant = sb_answers_dup_summary (sb_packet_get_answers (packet));
  g_autofree char *submitted = sb_packet_get_submission_date (packet)
    ? sb_date_to_string (sb_packet_get_submission_date (packet)) : g_strdup ("not given");
  g_autofree char *received_text = sb_date_to_string (received);
  g_autofree char *today_text = sb_date_to_string (today);
  g_autofree char *line = NULL;

  print_line ("== ", file);
  line = g_strdup_printf ("reference  %s (%s%s)", sb_packet_get_reference (packet),
                          sb_packet_is_draft (packet) ? "draft" : "final", review->from_pdf ? ", read from a PDF" : "");
  print_line ("  ", line);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("form       %s — %s %s", sb_text_get (sb_form_definition_get_title (definition)),
                          sb_form_definition_get_id (definition), sb_form_definition_get_version (definition));
  print_line ("  ", line);
  g_clear_pointer (&line, g_free);
  line = g_strdup_printf ("applicant  %s", *applicant ? applicant : "(not given)");
  print_line ("  ", line);
  g_clear_pointer (&line, g_free);
  sb_tool_out ("  submitted  %s   received %s", submitted, received_text);

  sb_tool_out ("  checks");
  for (guint i = 0; i < checks->len; i++)
    {
      SbPacketCheck *check = g_ptr_array_index (checks, i);

      g_clear_pointer (&line, g_free);
      line = g_strdup_printf ("%-7s %-12s %s", check->ok ? "ok" : "FAILED", sb_tool_check_name (check->kind), check->message);
      print_line ("    ", line);
      if (!check->ok)
        g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", sb_tool_check_name (check->kind));
    }
  if (review->pdf_checked)
    {
      for (guint i = 0; i < review->pdf_checks->len; i++)
        {
          SbPdfCheck *pdf_check = g_ptr_array_index (review->pdf_checks, i);

          g_clear_pointer (&line, g_free);
          line = g_strdup_printf ("%-7s %-12s %s", pdf_check->ok ? "ok" : "FAILED", pdf_check->check,
                                  pdf_check->message);
          print_line ("    ", line);
          if (!pdf_check->ok)
            g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", pdf_check->check);
        }
    }
  {
    g_autoptr(GPtrArray) signatures = sb_tool_packet_signatures (packet);

    sb_tool_print_signatures (signatures, "    ", "signature", "packet");
    if (!sb_tool_signatures_pass (signatures))
      g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", "signature");
    if (review->pdf_checked)
      {
        sb_tool_print_signatures (review->pdf_signatures, "    ", "pdf-signer", "PDF");
        if (!sb_tool_signatures_pass (review->pdf_signatures))
          g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", "pdf-signer");
      }
    if (!sb_tool_signature_requirement_met (signatures, review->pdf_signatures))
      {
        sb_tool_print_requirement ("    ");
        g_string_append_printf (failed, "%s%s", failed->len ? ", " : "", "required signature");
      }
  }
  /* The verdict on a line of its own, so a reviewer skimming a batch
   * cannot miss a packet that was altered or does not match. */
  if (failed->len == 0)
    sb_tool_out ("  verified: every check passed");
  else
    sb_tool_out ("  *** NOT VERIFIED: %s failed — do not rely on this packet as submitted ***", failed->str);

  sb_tool_out ("  rules now  %u errors, %u warnings, %u notices (computed today, not taken from the packet)",
          sb_validation_report_count (report, SB_SEVERITY_ERROR),
          sb_validation_report_count (report, SB_SEVERITY_WARNING),
          sb_validation_report_count (report, SB_SEVERITY_INFO));
  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      const char *justification = justifications ? g_hash_table_lookup (justifications, finding->rule_id) : NULL;
      g_autofree char *citation = finding->rule ? sb_citation_format (&finding->rule->citation) : NULL;
      g_autofree char *where = NULL;

      if (finding->field != NULL && finding->row >= 0)
        where = g_strdup_printf (" %s (row %d)", finding->field, finding->row + 1);
      else if (finding->field != NULL)
        where = g_strdup_printf (" %s", finding->field);
      g_clear_pointer (&line, g_free);
      line = g_strdup_printf ("%-7s %s%s: %s", severity_label (finding->severity), finding->rule_id,
                              where ? where : "", finding->message_zh);
      print_line ("    ", line);
      if (citation != NULL)
        {
          g_clear_pointer (&line, g_free);
          line = g_strdup_printf ("依据 %s", citation);
          print_line ("            ", line);
        }
      if (finding->severity == SB_SEVERITY_WARNING)
        {
          g_clear_pointer (&line, g_free);
          line = g_strdup_printf ("申请人说明：%s", justification ? justification : "(none given)");
          print_line ("            ", line);
        }
    }

  if (review->differences->len > 0)
    {
      sb_tool_out ("  DIFFERENCES between the packet's stored results and today's");
      for (guint i = 0; i < review->differences->len; i++)
        {
          SbPacketDifference *difference = g_ptr_array_index (review->differences, i);
          const char *message = difference->finding ? difference->finding->message_zh : NULL;
          g_autofree char *where = NULL;

          if (difference->field != NULL && difference->row >= 0)
            where = g_strdup_printf (" %s (row %d)", difference->field, difference->row + 1);
          else if (difference->field != NULL)
            where = g_strdup_printf (" %s", difference->field);
          g_clear_pointer (&line, g_free);
          line = g_strdup_printf ("%s%s: %s%s%s", difference->rule, where ? where : "",
                                  difference->kind == SB_PACKET_DIFFERENCE_FIRES_NOW
                                    ? "fires now, the packet does not say so" : "in the packet, does not fire now",
                                  message ? " — " : "", message ? message : "");
          print_line ("    ", line);
        }
    }
  else if (!sb_packet_is_verified (packet))
    sb_tool_out ("  differences  none between the packet's stored results and today's");

  if (review->deadlines->len == 0)
    sb_tool_out ("  deadlines  the procedure states no deadline in working days for the office");
  else
    sb_tool_out ("  deadlines  in working days (calendar), counted from the day after receipt; today %s", today_text);
  for (guint i = 0; i < review->deadlines->len; i++)
    {
      SbDeadlineStatus *deadline = g_ptr_array_index (review->deadlines, i);
      g_autofree char *citation = deadline_citation (definition, deadline_definition (definition, deadline->id));
      g_autofree char *due = deadline->due ? sb_date_to_string (deadline->due) : NULL;
      g_autofree char *from = deadline->from > 0 ? sb_date_to_string (deadline->from) : g_strdup ("?");

      g_clear_pointer (&line, g_free);
      if (due == NULL)
        line = g_strdup_printf ("%s (%d working days from %s): cannot be computed: %s", deadline->label,
                                deadline->working_days, from, deadline->problem ? deadline->problem : "unknown");
      else if (deadline->problem != NULL)
        line = g_strdup_printf ("%s (%d working days from %s): due %s; days left unknown: %s", deadline->label,
                                deadline->working_days, from, due, deadline->problem);
      else if (deadline->remaining >= 0)
        line = g_strdup_printf ("%s (%d working days from %s): due %s, %d working days left", deadline->label,
                                deadline->working_days, from, due, deadline->remaining);
      else
        line = g_strdup_printf ("%s (%d working days from %s): due %s, OVERDUE by %d working days", deadline->label,
                                deadline->working_days, from, due, -deadline->remaining);
      print_line ("    ", line);
      if (citation != NULL)
        {
          g_clear_pointer (&line, g_free);
          line = g_strdup_printf ("依据 %s", citation);
          print_line ("            ", line);
        }
    }
  sb_tool_out ("%s", "");
}

int
sb_tool_review (int    argc,
                char **argv)
{
  g_autofree char *received_text = NULL;
  g_autofree char *trust = NULL;
  gboolean require_signature = FALSE;
  g_autofree char *today_text = NULL;
  gboolean as_json = FALSE;
  const GOptionEntry entries[] = {
    { "received", 'r', 0, G_OPTION_ARG_STRING, &received_text, "The day the office received the packets (default: today)", "YYYY-MM-DD" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &today_text, "Count the days left from this day (default: today)", "YYYY-MM-DD" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print a JSON array, one object per packet", NULL },
    { "trust", 0, 0, G_OPTION_ARG_FILENAME, &trust,
      "Trust the certificate authorities in DIR (PEM files; default $SHENBAO_TRUST_DIR)", "DIR" },
    { "require-signature", 0, 0, G_OPTION_ARG_NONE, &require_signature,
      "Fail unless a signature by a trusted certificate authority's certificate matches", NULL },
    { NULL }
  };
  g_autoptr(SbFormRegistry) registry = NULL;
  g_autoptr(SbCalendar) calendar = NULL;
  g_autoptr(JsonArray) results = json_array_new ();
  gint32 received, today;
  guint n_good = 0, n_failed = 0, n_unreadable = 0;
  int exit_code = SB_TOOL_EXIT_OK;

  if (!sb_tool_parse_options (&argc, &argv, "PACKET…",
                              "Verify received packets and check them again for a reviewing office: verification, "
                              "rule results with citations and explanations, differences from the packet's own "
                              "results, and the statutory deadlines in working days.",
                              "Nothing is written.  Exit status: 0 every packet verifies and has no error, 1 some "
                              "packet failed a check or has an error, 2 a file is not a readable packet (the other "
                              "files are still reviewed).",
                              entries, &exit_code))
    return exit_code;

  if (argc < 2)
    {
      sb_tool_err ("Usage: shenbao-tool review [--received YYYY-MM-DD] [--today YYYY-MM-DD] [--json] [--trust DIR] PACKET…");
      return SB_TOOL_EXIT_USAGE;
    }
  sb_tool_set_trust_dir (trust);
  sb_tool_set_signature_required (require_signature);
  if (!sb_tool_parse_date_option ("review", "received", received_text, &received) ||
      !sb_tool_parse_date_option ("review", "today", today_text, &today))
    return SB_TOOL_EXIT_USAGE;

  registry = sb_tool_load_registry ();
  calendar = sb_tool_load_calendar ();

  /* Each file on its own: one unreadable packet never stops the batch. */
  for (int i = 1; i < argc; i++)
    {
      g_auto(Review) review = { 0 };
      g_autoptr(SbReview) office = NULL;
      g_autoptr(GError) error = NULL;

      review.packet = sb_tool_read_packet (argv[i], registry, calendar, &review.from_pdf, &error);
      if (review.packet == NULL)
        {
          sb_tool_err ("shenbao-tool review: %s", error->message);
          if (as_json)
            {
              JsonObject *failure = json_object_new ();
              g_autofree char *file = g_filename_display_name (argv[i]);

              json_object_set_string_member (failure, "file", file);
              json_object_set_string_member (failure, "error", error->message);
              json_array_add_object_element (results, failure);
            }
          else
            {
              g_autofree char *file = g_filename_display_name (argv[i]);

              print_line ("== ", file);
              sb_tool_out ("  *** NOT A READABLE PACKET: %s ***", error->message);
              sb_tool_out ("%s", "");
            }
          n_unreadable++;
          exit_code = SB_TOOL_EXIT_USAGE;
          continue;
        }

      if (review.from_pdf)
        check_pages (&review, argv[i]);
      review.differences = compute_differences (review.packet);
      office = sb_review_new (sb_packet_get_definition (review.packet), sb_packet_get_reference (review.packet),
                              sb_packet_get_integrity_hash (review.packet), received);
      review.deadlines = sb_review_compute_deadlines (office, sb_packet_get_submission_date (review.packet), today,
                                                      calendar);

      if (review_good (&review))
        n_good++;
      else
        {
          n_failed++;
          if (exit_code == SB_TOOL_EXIT_OK)
            exit_code = SB_TOOL_EXIT_FAILED;
        }

      if (as_json)
        json_array_add_object_element (results, review_to_json (&review, argv[i], received, today));
      else
        print_review (&review, argv[i], received, today);
    }

  if (as_json)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, results);
      sb_tool_print_json (node);
    }
  else
    sb_tool_out ("%u files reviewed: %u verified without errors, %u failed a check or have errors, %u unreadable",
            n_good + n_failed + n_unreadable, n_good, n_failed, n_unreadable);
  return exit_code;
}
