/* sb-packet-checks.c — what reading a packet verifies: dates, validation, readiness
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

/* Auxiliary functions */

void
sb_packet_check_free (SbPacketCheck *check)
{
  g_free (check->message);
  g_free (check);
}

void
sb_packet_add_check (SbPacket          *self,
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
gboolean
sb_packet_check_dates (const char  *created,
                       const char  *finalised,
                       gint32       submission_date,
                       gboolean    *future,
                       GError     **error)
{
  gint64 created_at, finalised_at;
  gint32 created_day, finalised_day = 0;
  gint32 today = latest_today ();

  if (!sb_packet_parse_timestamp (created, &created_at, &created_day))
    {
      g_autofree char *value = sb_json_quote (created);

      /* Translators: keep the example time as it is */
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID,
                   _("$.created: “%s” is not a real UTC time such as 2024-03-14T09:00:00Z"), value);
      return FALSE;
    }
  if (finalised != NULL && !sb_packet_parse_timestamp (finalised, &finalised_at, &finalised_day))
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

void
sb_packet_check_ready (SbPacket *self)
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
    sb_packet_add_check (self, SB_PACKET_CHECK_READY, TRUE, _("no error fires and every warning is justified"));
  else
    sb_packet_add_check (self, SB_PACKET_CHECK_READY, FALSE, _("the packet is final but does not pass: %s"), problems->str);
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

void
sb_packet_difference_free (SbPacketDifference *difference)
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
void
sb_packet_compare_validation (SbPacket  *self,
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
    sb_packet_add_check (self, SB_PACKET_CHECK_VALIDATION, TRUE, _("the stored rule results match those computed now (%u)"),
                         g_hash_table_size (computed));
  else
    sb_packet_add_check (self, SB_PACKET_CHECK_VALIDATION, FALSE, _("the stored rule results differ: %s"), differences->str);
}

void
sb_packet_check_in_force (SbPacket *self)
{
  g_autofree char *date = NULL;

  if (self->submission_date == 0)
    {
      sb_packet_add_check (self, SB_PACKET_CHECK_IN_FORCE, self->draft, _("the packet has no submission date"));
      return;
    }

  date = sb_date_to_string (self->submission_date);
  if (sb_form_definition_is_in_force (self->definition, self->submission_date))
    /* Translators: the regulation's document number (文号), then a date */
    sb_packet_add_check (self, SB_PACKET_CHECK_IN_FORCE, TRUE, _("%s was in force on %s"),
                         sb_form_definition_get_regulation (self->definition)->document_no, date);
  else
    sb_packet_add_check (self, SB_PACKET_CHECK_IN_FORCE, FALSE, _("%s was not in force on %s"),
                         sb_form_definition_get_regulation (self->definition)->document_no, date);
}

/* A packet dated after today (wherever it was made) is read, but does
 * not verify: its dates are not true, whatever made them. */
void
sb_packet_check_dated (SbPacket *self)
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
    sb_packet_add_check (self, SB_PACKET_CHECK_DATES, FALSE, _("the packet is dated in the future (%s; today is %s)"), dates,
                         today);
  else
    sb_packet_add_check (self, SB_PACKET_CHECK_DATES, TRUE, _("the dates are real and in order (%s)"), dates);
}
