/* sb-register.c — the office's case register: what both databases share
 *
 * Every change to a case is one transaction: the case's row is updated
 * only WHERE its version is the one the caller read (optimistic
 * versioning: two reviewers never overwrite each other; the later one is
 * told who changed the case and when), and the history gains its row in
 * the same transaction.  The history is never updated or deleted (the
 * backends' triggers and, in PostgreSQL, privileges enforce it).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-core"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sb-date.h"
#include "sb-form-definition.h"
#include "sb-json-writer.h"
#include "sb-register-private.h"

typedef struct
{
  GMutex          lock;
  char           *description;
  SbFormRegistry *forms;
  SbCalendar     *calendar;
  int             schema_version;
} SbRegisterPrivate;

G_DEFINE_TYPE_WITH_PRIVATE (SbRegister, sb_register, G_TYPE_OBJECT)

G_DEFINE_QUARK (sb-register-error-quark, sb_register_error)

#define CASE_COLUMNS \
  "id, reference, round, previous_id, latest, form_id, form_version, applicant, applicant_code, packet_hash, " \
  "packet_path, verified, problem, submitted, received, accepted, status, reviewer, next_deadline, " \
  "next_deadline_id, review_path, version, changed_by, changed_at"

enum {
  COL_ID, COL_REFERENCE, COL_ROUND, COL_PREVIOUS_ID, COL_LATEST, COL_FORM_ID, COL_FORM_VERSION, COL_APPLICANT,
  COL_APPLICANT_CODE, COL_PACKET_HASH, COL_PACKET_PATH, COL_VERIFIED, COL_PROBLEM, COL_SUBMITTED, COL_RECEIVED,
  COL_ACCEPTED, COL_STATUS, COL_REVIEWER, COL_NEXT_DEADLINE, COL_NEXT_DEADLINE_ID, COL_REVIEW_PATH, COL_VERSION,
  COL_CHANGED_BY, COL_CHANGED_AT,
};

/* Names and reasons are stored, printed and exported: a bound keeps a
 * pasted novel out of the register. */
#define MAX_TEXT 4000

/* Auxiliary functions */

const char *
sb_register_row_get (GPtrArray *row,
                     guint      column)
{
  g_assert (column < row->len);
  return g_ptr_array_index (row, column);
}

static gint64
parse_int (const char *text)
{
  return text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
}

static gint32
parse_day (const char *text)
{
  gint32 day = 0;

  if (text == NULL || !sb_date_parse (text, &day))
    return 0;
  return day;
}

/* Dates are stored as ISO 8601 text in both databases: they sort as
 * dates, read the same in both and in an export. */
static char *
day_text (gint32 day)
{
  return day > 0 ? sb_date_to_string (day) : NULL;
}

static char *
int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static SbCase *
case_from_row (GPtrArray *row)
{
  SbCase *self = g_new0 (SbCase, 1);

  self->id = parse_int (sb_register_row_get (row, COL_ID));
  self->reference = g_strdup (sb_register_row_get (row, COL_REFERENCE));
  self->round = parse_int (sb_register_row_get (row, COL_ROUND));
  self->previous_id = parse_int (sb_register_row_get (row, COL_PREVIOUS_ID));
  self->latest = parse_int (sb_register_row_get (row, COL_LATEST)) != 0;
  self->form_id = g_strdup (sb_register_row_get (row, COL_FORM_ID));
  self->form_version = g_strdup (sb_register_row_get (row, COL_FORM_VERSION));
  self->applicant = g_strdup (sb_register_row_get (row, COL_APPLICANT));
  self->applicant_code = g_strdup (sb_register_row_get (row, COL_APPLICANT_CODE));
  self->packet_hash = g_strdup (sb_register_row_get (row, COL_PACKET_HASH));
  self->packet_path = g_strdup (sb_register_row_get (row, COL_PACKET_PATH));
  self->verified = parse_int (sb_register_row_get (row, COL_VERIFIED)) != 0;
  self->problem = g_strdup (sb_register_row_get (row, COL_PROBLEM));
  self->submitted = parse_day (sb_register_row_get (row, COL_SUBMITTED));
  self->received = parse_day (sb_register_row_get (row, COL_RECEIVED));
  self->accepted = parse_day (sb_register_row_get (row, COL_ACCEPTED));
  self->status = g_strdup (sb_register_row_get (row, COL_STATUS));
  self->reviewer = g_strdup (sb_register_row_get (row, COL_REVIEWER));
  self->next_deadline = parse_day (sb_register_row_get (row, COL_NEXT_DEADLINE));
  self->next_deadline_id = g_strdup (sb_register_row_get (row, COL_NEXT_DEADLINE_ID));
  self->review_path = g_strdup (sb_register_row_get (row, COL_REVIEW_PATH));
  self->version = parse_int (sb_register_row_get (row, COL_VERSION));
  self->changed_by = g_strdup (sb_register_row_get (row, COL_CHANGED_BY));
  self->changed_at = g_strdup (sb_register_row_get (row, COL_CHANGED_AT));
  return self;
}

#define INSPECTION_COLUMNS_OF(t) \
  t ".id, " t ".case_id, " t ".passed, " t ".findings, " t ".inspected, " t ".inspector, " t ".by_name, " t ".at"

/* An inspection from @row's columns from @first on (INSPECTION_COLUMNS_OF). */
static SbInspection *
inspection_from_row (GPtrArray *row,
                     guint      first)
{
  SbInspection *self = g_new0 (SbInspection, 1);

  self->id = parse_int (sb_register_row_get (row, first));
  self->case_id = parse_int (sb_register_row_get (row, first + 1));
  self->passed = parse_int (sb_register_row_get (row, first + 2)) != 0;
  self->findings = g_strdup (sb_register_row_get (row, first + 3));
  self->inspected = parse_day (sb_register_row_get (row, first + 4));
  self->inspector = g_strdup (sb_register_row_get (row, first + 5));
  self->by = g_strdup (sb_register_row_get (row, first + 6));
  self->at = g_strdup (sb_register_row_get (row, first + 7));
  return self;
}

static gboolean
db_exec (SbRegister          *self,
         const char          *sql,
         const char * const  *params,
         guint                n_params,
         gint64              *changed,
         GError             **error)
{
  return SB_REGISTER_GET_CLASS (self)->exec (self, sql, params, n_params, changed, error);
}

static GPtrArray *
db_query (SbRegister          *self,
          const char          *sql,
          const char * const  *params,
          guint                n_params,
          GError             **error)
{
  return SB_REGISTER_GET_CLASS (self)->query (self, sql, params, n_params, error);
}

static gboolean
db_begin (SbRegister  *self,
          GError     **error)
{
  return db_exec (self, SB_REGISTER_GET_CLASS (self)->begin_sql, NULL, 0, NULL, error);
}

static gboolean
db_commit (SbRegister  *self,
           GError     **error)
{
  return db_exec (self, "COMMIT", NULL, 0, NULL, error);
}

/* After a failure: the failure's error is the one to report. */
static void
db_rollback (SbRegister *self)
{
  db_exec (self, "ROLLBACK", NULL, 0, NULL, NULL);
}

static SbCase *
query_one_case (SbRegister  *self,
                const char  *where,
                const char * const *params,
                guint        n_params,
                GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT " CASE_COLUMNS " FROM cases WHERE %s", where);
  g_autoptr(GPtrArray) rows = db_query (self, sql, params, n_params, error);

  if (rows == NULL)
    return NULL;
  if (rows->len == 0)
    return NULL;
  return case_from_row (g_ptr_array_index (rows, 0));
}

static SbCase *
get_case (SbRegister  *self,
          gint64       id,
          GError     **error)
{
  g_autofree char *id_text = int_text (id);
  const char *params[] = { id_text };
  g_autoptr(GError) local_error = NULL;
  SbCase *found = query_one_case (self, "id = $1", params, 1, &local_error);

  if (found == NULL && local_error == NULL)
    g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_NOT_FOUND, _("There is no case %s in the register"), id_text);
  else if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return found;
}

/* "10:02" today, "2025-04-01 10:02" another day, in local time. */
static char *
format_change_time (const char *timestamp)
{
  g_autoptr(GDateTime) utc = timestamp != NULL ? g_date_time_new_from_iso8601 (timestamp, NULL) : NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  if (utc == NULL)
    return g_strdup (timestamp != NULL ? timestamp : "?");
  local = g_date_time_to_local (utc);
  if (g_date_time_get_year (local) == g_date_time_get_year (now)
      && g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (now))
    return g_date_time_format (local, "%H:%M");
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

static void
set_conflict (GError       **error,
              const SbCase  *current)
{
  g_autofree char *when = format_change_time (current->changed_at);

  g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_CONFLICT, _("changed by %s at %s; reload"),
               current->changed_by, when);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static gboolean
check_text (const char  *what,
            const char  *text,
            gboolean     required,
            GError     **error)
{
  if (text != NULL && (!g_utf8_validate (text, -1, NULL) || g_utf8_strlen (text, -1) > MAX_TEXT))
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                   _("The %s is not text of at most %d characters"), what, MAX_TEXT);
      return FALSE;
    }
  if (required && (text == NULL || is_blank (text)))
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID, _("The %s is missing"), what);
      return FALSE;
    }
  return TRUE;
}

/* The clock's events of @a_case, oldest first.  A round that began with
 * the corrected materials continues its earlier round's clock, so the
 * earlier rounds' events come first. */
static GArray *
case_events (SbRegister    *self,
             const SbCase  *a_case,
             GError       **error)
{
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (SbCaseEvent));
  g_autoptr(GPtrArray) chain = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_case_free);
  SbCase *round = sb_case_copy (a_case);

  g_ptr_array_add (chain, round);
  while (round->previous_id != 0)
    {
      g_autofree char *id_text = int_text (round->id);
      const char *params[] = { id_text };
      g_autoptr(GPtrArray) first = db_query (self, "SELECT event FROM case_history WHERE case_id = $1 ORDER BY id LIMIT 1",
                                             params, 1, error);
      SbCase *earlier;

      if (first == NULL)
        return NULL;
      if (first->len == 0
          || g_strcmp0 (sb_register_row_get (g_ptr_array_index (first, 0), 0), "corrections_received") != 0)
        break;
      earlier = get_case (self, round->previous_id, error);
      if (earlier == NULL)
        return NULL;
      g_ptr_array_insert (chain, 0, earlier);
      round = earlier;
    }

  for (guint i = 0; i < chain->len; i++)
    {
      SbCase *step = g_ptr_array_index (chain, i);
      g_autofree char *id_text = int_text (step->id);
      const char *params[] = { id_text };
      g_autoptr(GPtrArray) rows = NULL;

      if (i == 0 && step->submitted > 0)
        {
          SbCaseEvent event = { "submission", step->submitted };

          g_array_append_val (events, event);
        }
      rows = db_query (self, "SELECT event, event_day FROM case_history WHERE case_id = $1 AND event IS NOT NULL "
                             "ORDER BY id", params, 1, error);
      if (rows == NULL)
        return NULL;
      for (guint r = 0; r < rows->len; r++)
        {
          GPtrArray *row = g_ptr_array_index (rows, r);
          const char *name = sb_register_row_get (row, 0);
          SbCaseEvent event = { NULL, parse_day (sb_register_row_get (row, 1)) };

          /* The clock borrows the names: point them at the static list. */
          for (guint e = 0; sb_case_clock_events[e] != NULL; e++)
            if (g_str_equal (sb_case_clock_events[e], name))
              event.event = sb_case_clock_events[e];
          if (event.event != NULL && event.day > 0)
            g_array_append_val (events, event);
        }
    }
  return g_steal_pointer (&events);
}

static GPtrArray *
compute_deadlines (SbRegister   *self,
                   const SbCase *a_case,
                   GArray       *events,
                   gint32        today)
{
  SbRegisterPrivate *priv = sb_register_get_instance_private (self);
  SbFormDefinition *definition;

  if (priv->forms == NULL || priv->calendar == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sb_case_deadline_free);
  definition = sb_form_registry_lookup_version (priv->forms, a_case->form_id, a_case->form_version);
  if (definition == NULL)
    definition = sb_form_registry_lookup (priv->forms, a_case->form_id, 0);
  if (definition == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sb_case_deadline_free);
  return sb_case_clock_compute (definition, (const SbCaseEvent *) events->data, events->len, today, priv->calendar);
}

#define NOTICE_COLUMNS "id, case_id, number, sent, correction_days, office, contact, corrections, by_name, at"

static SbNotice *
notice_from_row (GPtrArray *row)
{
  SbNotice *notice = g_new0 (SbNotice, 1);
  g_autoptr(JsonNode) corrections = json_from_string (sb_register_row_get (row, 7), NULL);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  notice->id = parse_int (sb_register_row_get (row, 0));
  notice->case_id = parse_int (sb_register_row_get (row, 1));
  notice->number = g_strdup (sb_register_row_get (row, 2));
  notice->sent = parse_day (sb_register_row_get (row, 3));
  notice->correction_days = parse_int (sb_register_row_get (row, 4));
  notice->office = g_strdup (sb_register_row_get (row, 5));
  notice->contact = g_strdup (sb_register_row_get (row, 6));
  if (corrections != NULL && JSON_NODE_HOLDS_ARRAY (corrections))
    {
      JsonArray *array = json_node_get_array (corrections);

      for (guint c = 0; c < json_array_get_length (array); c++)
        {
          const char *text = json_array_get_string_element (array, c);

          if (text != NULL)
            g_strv_builder_add (builder, text);
        }
    }
  notice->corrections = g_strv_builder_end (builder);
  notice->by = g_strdup (sb_register_row_get (row, 8));
  notice->at = g_strdup (sb_register_row_get (row, 9));
  return notice;
}

/* The latest notice of case @case_id, or NULL (with @error set when the
 * database failed). */
static SbNotice *
latest_notice (SbRegister  *self,
               gint64       case_id,
               GError     **error)
{
  g_autofree char *id_text = int_text (case_id);
  g_autoptr(GPtrArray) rows = db_query (self, "SELECT " NOTICE_COLUMNS " FROM notices WHERE case_id = $1 "
                                              "ORDER BY id DESC LIMIT 1", (const char *[]) { id_text }, 1, error);

  if (rows == NULL || rows->len == 0)
    return NULL;
  return notice_from_row (g_ptr_array_index (rows, 0));
}

/* The next deadline of @a_case with @events, for the row: what the list
 * sorts and filters by.  Set on every change.  While a one-time notice
 * waits (@status "notice") and no deadline of the office runs (the
 * notice stops its clock), the next deadline is the applicant's 补正期限,
 * ending on the day the notice's PDF prints (sb_notice_period_end()):
 * @notice is the one being sent, or NULL for the case's latest. */
static gboolean
next_deadline (SbRegister      *self,
               const SbCase    *a_case,
               GArray          *events,
               const char      *status,
               const SbNotice  *notice,
               char           **due,
               char           **id,
               GError         **error)
{
  SbRegisterPrivate *priv = sb_register_get_instance_private (self);
  g_autoptr(GPtrArray) deadlines = compute_deadlines (self, a_case, events, sb_date_today ());
  SbCaseDeadline *next = sb_case_clock_next (deadlines);
  g_autoptr(SbNotice) latest = NULL;
  gint32 end;

  *due = next != NULL ? day_text (next->due) : NULL;
  *id = next != NULL ? g_strdup (next->deadline->id) : NULL;
  if (next != NULL || g_strcmp0 (status, "notice") != 0)
    return TRUE;
  if (notice == NULL)
    {
      g_autoptr(GError) local_error = NULL;

      notice = latest = latest_notice (self, a_case->id, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (notice == NULL)
        return TRUE;
    }
  end = sb_notice_period_end (notice, priv->calendar);
  if (end > 0)
    {
      *due = day_text (end);
      *id = g_strdup (SB_CASE_APPLICANT_CORRECTIONS);
    }
  return TRUE;
}

/* *@history_id (may be NULL): the row's id, for a record that goes with it. */
static gboolean
insert_history (SbRegister  *self,
                gint64       case_id,
                const char  *at,
                const char  *by,
                const char  *from,
                const char  *to,
                const char  *event,
                gint32       event_day,
                const char  *why,
                gint64      *history_id,
                GError     **error)
{
  g_autofree char *id_text = int_text (case_id);
  g_autofree char *day = day_text (event_day);
  const char *params[] = { id_text, at, by, from, to, event, event != NULL ? day : NULL, why };
  g_autoptr(GPtrArray) rows = db_query (self, "INSERT INTO case_history (case_id, at, by_name, from_status, to_status, "
                                              "event, event_day, why) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) "
                                              "RETURNING id", params, G_N_ELEMENTS (params), error);

  if (rows == NULL)
    return FALSE;
  if (history_id != NULL)
    *history_id = parse_int (sb_register_row_get (g_ptr_array_index (rows, 0), 0));
  return TRUE;
}

/* The day case @events last entered 实地核验, or 0. */
static gint32
inspection_start (GArray *events)
{
  for (guint i = events->len; i > 0; i--)
    {
      SbCaseEvent *event = &g_array_index (events, SbCaseEvent, i - 1);

      if (g_str_equal (event->event, "inspection_started"))
        return event->day;
    }
  return 0;
}

/* One change of a case, in one transaction: reads it, checks @version
 * and what @check allows, writes the row (guarded by the version again,
 * for a writer that committed in between) and the history. */
typedef struct {
  const char *to;           /* the new status, or NULL to keep it */
  const char *event;        /* the clock event recorded, or NULL */
  const char *second_event; /* inspection_ended when leaving an inspection */
  gint32      event_day;
  const char *by;
  const char *why;
  const char *reviewer;     /* with set_assignment */
  const char *review_path;
  gboolean    set_assignment;
  const SbNotice *notice;
  const SbInspection *inspection; /* the result, when leaving an inspection */
} Change;

static gboolean
apply_change (SbRegister  *self,
              gint64       case_id,
              gint64       version,
              Change      *change,
              GError     **error)
{
  g_autoptr(SbCase) current = NULL;
  g_autoptr(GArray) events = NULL;
  g_autofree char *at = sb_date_now_timestamp ();
  g_autofree char *due = NULL, *due_id = NULL, *accepted = NULL;
  g_autofree char *id_text = int_text (case_id);
  g_autofree char *version_text = int_text (version);
  const char *to;
  gint64 changed = 0;

  if (!db_begin (self, error))
    return FALSE;

  current = get_case (self, case_id, error);
  if (current == NULL)
    goto failed;
  if (current->version != version)
    {
      set_conflict (error, current);
      goto failed;
    }
  to = change->to != NULL ? change->to : current->status;
  if (change->to != NULL && !sb_case_status_can_follow (current->status, change->to))
    {
      g_autoptr(GString) allowed = g_string_new (NULL);
      const char * const *next = sb_case_status_next (current->status);

      for (guint i = 0; next[i] != NULL; i++)
        g_string_append_printf (allowed, "%s%s", i > 0 ? _(", ") : "", sb_case_status_label (next[i]));
      if (allowed->len > 0)
        g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION,
                     _("A case that is “%s” cannot become “%s”; it can become: %s"),
                     sb_case_status_label (current->status), sb_case_status_label (change->to), allowed->str);
      else
        g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION,
                     _("A case that is “%s” is decided and cannot become “%s”"),
                     sb_case_status_label (current->status), sb_case_status_label (change->to));
      goto failed;
    }

  events = case_events (self, current, error);
  if (events == NULL)
    goto failed;
  /* The result of an inspection: the visit happened while the case was
   * in 实地核验 (the clock leaves out the days from entering it to the
   * move out, whatever day the visit was), and ends with this move. */
  if (change->inspection != NULL)
    {
      gint32 started = inspection_start (events);
      gint32 visited = change->inspection->inspected;

      if (!g_str_equal (current->status, "inspection"))
        {
          g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION,
                       _("The case is “%s”, not in an on-site inspection: there is no inspection to record the "
                         "result of"), sb_case_status_label (current->status));
          goto failed;
        }
      if (started > 0 && visited < started)
        {
          g_autofree char *started_text = sb_date_to_string (started);

          g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                       _("The day of the inspection cannot be before the case went to on-site inspection (%s)"),
                       started_text);
          goto failed;
        }
      if (visited > change->event_day)
        {
          g_autofree char *ended_text = sb_date_to_string (change->event_day);

          g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                       _("The day of the inspection cannot be after the day the inspection ends (%s)"), ended_text);
          goto failed;
        }
    }
  if (change->second_event != NULL)
    {
      SbCaseEvent event = { change->second_event, change->event_day };

      g_array_append_val (events, event);
    }
  if (change->event != NULL)
    {
      SbCaseEvent event = { change->event, change->event_day };

      g_array_append_val (events, event);
    }
  if (!next_deadline (self, current, events, to, change->notice, &due, &due_id, error))
    goto failed;
  if (change->event != NULL && g_str_equal (change->event, "acceptance"))
    accepted = day_text (change->event_day);
  else
    accepted = day_text (current->accepted);

  {
    const char *params[] = { id_text, version_text, to, due, due_id, at, change->by, accepted,
                             change->set_assignment ? change->reviewer : current->reviewer,
                             change->set_assignment ? change->review_path : current->review_path };

    if (!db_exec (self, "UPDATE cases SET status = $3, next_deadline = $4, next_deadline_id = $5, changed_at = $6, "
                        "changed_by = $7, accepted = $8, reviewer = $9, review_path = $10, version = version + 1 "
                        "WHERE id = $1 AND version = $2", params, G_N_ELEMENTS (params), &changed, error))
      goto failed;
  }
  if (changed != 1)
    {
      g_autoptr(SbCase) newer = NULL;

      db_rollback (self);
      newer = get_case (self, case_id, error);
      if (newer != NULL)
        set_conflict (error, newer);
      return FALSE;
    }

  {
    gint64 ended_id = 0;

    if (change->second_event != NULL
        && !insert_history (self, case_id, at, change->by, current->status, current->status, change->second_event,
                            change->event_day, change->why, &ended_id, error))
      goto failed;
    if (!insert_history (self, case_id, at, change->by, current->status, to, change->event, change->event_day,
                         change->why, NULL, error))
      goto failed;

    if (change->inspection != NULL)
      {
        const SbInspection *inspection = change->inspection;
        g_autofree char *history_text = int_text (ended_id);
        g_autofree char *inspected = day_text (inspection->inspected);
        g_autofree char *findings = inspection->findings != NULL ? g_strstrip (g_strdup (inspection->findings)) : NULL;
        const char *params[] = { id_text, history_text, inspection->passed ? "1" : "0",
                                 findings != NULL && *findings != '\0' ? findings : NULL, inspected,
                                 inspection->inspector, change->by, at };

        if (!db_exec (self, "INSERT INTO inspections (case_id, history_id, passed, findings, inspected, inspector, "
                            "by_name, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                      params, G_N_ELEMENTS (params), NULL, error))
          goto failed;
      }
  }

  if (change->notice != NULL)
    {
      const SbNotice *notice = change->notice;
      g_autofree char *sent = day_text (notice->sent);
      g_autofree char *days = int_text (notice->correction_days);
      g_autoptr(JsonArray) corrections_array = json_array_new ();
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
      g_autofree char *corrections = NULL;

      for (guint i = 0; notice->corrections[i] != NULL; i++)
        json_array_add_string_element (corrections_array, notice->corrections[i]);
      json_node_set_array (node, corrections_array);
      corrections = sb_json_to_data (node, FALSE, NULL);
      {
        const char *params[] = { id_text, notice->number, sent, days, notice->office, notice->contact, corrections,
                                 change->by, at };

        if (!db_exec (self, "INSERT INTO notices (case_id, number, sent, correction_days, office, contact, corrections, "
                            "by_name, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                      params, G_N_ELEMENTS (params), NULL, error))
          goto failed;
      }
    }

  return db_commit (self, error);

failed:
  db_rollback (self);
  return FALSE;
}

static SbCase *
change_case (SbRegister  *self,
             gint64       case_id,
             gint64       version,
             Change      *change,
             GError     **error)
{
  SbRegisterPrivate *priv = sb_register_get_instance_private (self);
  g_autoptr(GMutexLocker) locker = NULL;

  if (!check_text (_("name of who makes the change"), change->by, TRUE, error)
      || !check_text (_("reason"), change->why, change->to != NULL || change->event != NULL, error))
    return NULL;
  if (change->event_day <= 0)
    change->event_day = sb_date_today ();

  locker = g_mutex_locker_new (&priv->lock);
  if (!apply_change (self, case_id, version, change, error))
    return NULL;
  return get_case (self, case_id, error);
}

/* Cases waiting on a one-time notice in a register older than version 3
 * have no next deadline (the office's clock is stopped): they are given
 * the applicant's 补正期限 once, when the register reaches version 3.  A
 * derived column, as add_packet sets it: no version or history. */
static gboolean
fill_waiting_deadlines (SbRegister  *self,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = db_query (self, "SELECT " CASE_COLUMNS " FROM cases WHERE status = 'notice' "
                                              "AND next_deadline IS NULL", NULL, 0, error);

  if (rows == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(SbCase) waiting = case_from_row (g_ptr_array_index (rows, i));
      g_autoptr(GArray) events = case_events (self, waiting, error);
      g_autofree char *due = NULL, *due_id = NULL, *id_text = int_text (waiting->id);

      if (events == NULL || !next_deadline (self, waiting, events, waiting->status, NULL, &due, &due_id, error))
        return FALSE;
      if (due != NULL
          && !db_exec (self, "UPDATE cases SET next_deadline = $2, next_deadline_id = $3 WHERE id = $1",
                       (const char *[]) { id_text, due, due_id }, 3, NULL, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
migrate (SbRegister  *self,
         int          target,
         GError     **error)
{
  SbRegisterClass *klass = SB_REGISTER_GET_CLASS (self);
  SbRegisterPrivate *priv = sb_register_get_instance_private (self);

  for (;;)
    {
      g_autoptr(GPtrArray) rows = NULL;
      g_autofree char *version_text = NULL;
      int version = 0;

      if (!db_begin (self, error))
        return FALSE;
      if (klass->migration_lock_sql != NULL && !db_exec (self, klass->migration_lock_sql, NULL, 0, NULL, error))
        goto failed;
      rows = db_query (self, klass->has_schema_sql, NULL, 0, error);
      if (rows == NULL)
        goto failed;
      if (parse_int (sb_register_row_get (g_ptr_array_index (rows, 0), 0)) != 0)
        {
          g_clear_pointer (&rows, g_ptr_array_unref);
          rows = db_query (self, "SELECT max(version) FROM schema_version", NULL, 0, error);
          if (rows == NULL)
            goto failed;
          version = parse_int (sb_register_row_get (g_ptr_array_index (rows, 0), 0));
        }

      if (version > (int) klass->n_migrations)
        {
          g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_SCHEMA,
                       _("The register %s was made by a newer Shenbao (schema version %d; this one knows up to %u)"),
                       priv->description, version, klass->n_migrations);
          goto failed;
        }
      if (version >= target)
        {
          priv->schema_version = version;
          return db_commit (self, error);
        }

      version_text = int_text (version + 1);
      if (!klass->exec_script (self, klass->migrations[version], error)
          || (version + 1 == 3 && !fill_waiting_deadlines (self, error))
          || !db_exec (self, "UPDATE schema_version SET version = $1", (const char *[]) { version_text }, 1, NULL, error))
        {
          g_prefix_error (error, _("Cannot bring the register %s from schema version %d to %d "
                                   "(on a shared database its owner does, with “shenbao-tool register migrate”): "),
                          priv->description, version, version + 1);
          if (error != NULL && *error != NULL)
            (*error)->code = SB_REGISTER_ERROR_SCHEMA;
          goto failed;
        }
      if (!db_commit (self, error))
        return FALSE;
      continue;

failed:
      db_rollback (self);
      return FALSE;
    }
}

/* GObject overrides */

static void
sb_register_finalize (GObject *object)
{
  SbRegister *self = SB_REGISTER (object);
  SbRegisterPrivate *priv = sb_register_get_instance_private (self);

  g_mutex_clear (&priv->lock);
  g_free (priv->description);
  g_clear_object (&priv->forms);
  g_clear_object (&priv->calendar);
  G_OBJECT_CLASS (sb_register_parent_class)->finalize (object);
}

static void
sb_register_class_init (SbRegisterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_register_finalize;
}

static void
sb_register_init (SbRegister *self)
{
  SbRegisterPrivate *priv = sb_register_get_instance_private (self);

  g_mutex_init (&priv->lock);
}

/* Public API */

void
sb_register_set_description (SbRegister *self,
                             const char *description)
{
  SbRegisterPrivate *priv = sb_register_get_instance_private (self);

  g_free (priv->description);
  priv->description = g_strdup (description);
}

char *
sb_register_default_url (void)
{
  const char *url = g_getenv ("SHENBAO_REGISTER_URL");

  if (url != NULL && *url != '\0')
    return g_strdup (url);
  return g_build_filename (g_get_user_data_dir (), "shenbao", "register.sqlite", NULL);
}

SbRegister *
sb_register_open_at_version (const char      *url,
                             SbFormRegistry  *forms,
                             SbCalendar      *calendar,
                             int              version,
                             GError         **error)
{
  g_autofree char *default_url = NULL;
  g_autoptr(SbRegister) self = NULL;
  SbRegisterPrivate *priv;

  if (url == NULL || *url == '\0')
    url = default_url = sb_register_default_url ();

  if (g_str_has_prefix (url, "postgresql://") || g_str_has_prefix (url, "postgres://"))
    self = sb_register_postgres_new (url, error);
  else if (g_str_has_prefix (url, "file://"))
    {
      g_autofree char *path = g_filename_from_uri (url, NULL, error);

      if (path == NULL)
        return NULL;
      self = sb_register_sqlite_new (path, error);
    }
  else if (strstr (url, "://") != NULL)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_UNREACHABLE,
                   _("“%s” is not a register: give a file path (SQLite) or a postgresql:// URL"), url);
      return NULL;
    }
  else
    self = sb_register_sqlite_new (url, error);
  if (self == NULL)
    return NULL;

  priv = sb_register_get_instance_private (self);
  priv->forms = forms != NULL ? g_object_ref (forms) : NULL;
  priv->calendar = calendar != NULL ? g_object_ref (calendar) : NULL;
  if (!migrate (self, version, error))
    return NULL;
  return g_steal_pointer (&self);
}

SbRegister *
sb_register_open (const char      *url,
                  SbFormRegistry  *forms,
                  SbCalendar      *calendar,
                  GError         **error)
{
  return sb_register_open_at_version (url, forms, calendar, SB_REGISTER_SCHEMA_VERSION, error);
}

const char *
sb_register_describe (SbRegister *self)
{
  SbRegisterPrivate *priv;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);
  priv = sb_register_get_instance_private (self);
  return priv->description;
}

int
sb_register_get_schema_version (SbRegister *self)
{
  SbRegisterPrivate *priv;

  g_return_val_if_fail (SB_IS_REGISTER (self), 0);
  priv = sb_register_get_instance_private (self);
  return priv->schema_version;
}

/* The packet's applicant code: the first 统一社会信用代码 answered (an
 * organisation applies), else the first 居民身份证号 (a person does). */
static char *
applicant_code (SbPacket *packet)
{
  SbAnswers *answers = sb_packet_get_answers (packet);
  GPtrArray *fields = sb_form_definition_get_fields (sb_packet_get_definition (packet));

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < fields->len; i++)
      {
        const SbField *field = g_ptr_array_index (fields, i);
        gboolean organisation = field->type == SB_FIELD_CREDIT_CODE || field->type == SB_FIELD_CREDIT_CODE_OR_ID;
        SbValue *value;

        if (pass == 0 ? !organisation : field->type != SB_FIELD_RESIDENT_ID)
          continue;
        value = sb_answers_get_value (answers, field);
        if (value != NULL && sb_value_get_kind (value) == SB_VALUE_TEXT && *sb_value_get_text (value) != '\0')
          return g_strdup (sb_value_get_text (value));
      }
  return g_strdup ("");
}

static SbCase *
add_packet_locked (SbRegister           *self,
                   SbPacket             *packet,
                   const char           *packet_path,
                   const char           *resubmission_of,
                   gboolean              verified,
                   const char           *problem,
                   gint32                received,
                   const char           *by,
                   SbRegisterAddResult  *result,
                   GError              **error)
{
  SbFormDefinition *definition = sb_packet_get_definition (packet);
  const char *hash = sb_packet_get_integrity_hash (packet);
  const char *reference = sb_packet_get_reference (packet);
  g_autoptr(SbCase) found = NULL;
  g_autoptr(SbCase) previous = NULL;
  g_autoptr(GArray) events = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *at = sb_date_now_timestamp ();
  g_autofree char *summary = sb_answers_dup_summary (sb_packet_get_answers (packet));
  g_autofree char *code = applicant_code (packet);
  g_autofree char *received_text = day_text (received);
  g_autofree char *submitted_text = day_text (sb_packet_get_submission_date (packet));
  g_autofree char *due = NULL, *due_id = NULL, *round_text = NULL, *previous_text = NULL;
  const char *status = "received";
  const char *event = "receipt";
  gint64 id;

  if (!db_begin (self, error))
    return NULL;

  found = query_one_case (self, "packet_hash = $1", (const char *[]) { hash }, 1, error);
  if (found != NULL && !verified && found->verified)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                   _("The packet does not verify and claims the reference %s of a registered case (round %d): "
                     "a changed copy is not added to that case"), found->reference, found->round);
      g_clear_pointer (&found, sb_case_free);
    }
  if (found != NULL || (error != NULL && *error != NULL))
    {
      db_rollback (self);
      if (found != NULL)
        *result = SB_REGISTER_FOUND;
      return g_steal_pointer (&found);
    }

  /* A packet that does not verify cannot vouch for its reference or
   * hash: one that claims those of a registered case is a changed copy,
   * and must not become part of that case. */
  if (!verified)
    {
      g_autoptr(SbCase) claimed = query_one_case (self, "id = (SELECT max(id) FROM cases WHERE reference = $1)",
                                                  (const char *[]) { reference }, 1, error);

      if (claimed != NULL)
        g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                     _("The packet does not verify and claims the reference %s of a registered case (round %d): "
                       "a changed copy is not added to that case"), reference, claimed->round);
      if (error != NULL && *error != NULL)
        goto failed;
    }

  /* The newest round of the reference named, or of the packet's own. */
  previous = query_one_case (self, "id = (SELECT max(id) FROM cases WHERE reference = $1)",
                             (const char *[]) { resubmission_of != NULL ? resubmission_of : reference }, 1, error);
  if (error != NULL && *error != NULL)
    goto failed;
  if (previous == NULL && resubmission_of != NULL)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_NOT_FOUND,
                   _("No case in the register has the reference %s"), resubmission_of);
      goto failed;
    }
  /* A later round exists (corrected materials under their own
   * reference): the new packet follows the newest round of the chain. */
  while (previous != NULL && !previous->latest)
    {
      g_autofree char *previous_id = int_text (previous->id);
      SbCase *later = query_one_case (self, "previous_id = $1", (const char *[]) { previous_id }, 1, error);

      if (later == NULL)
        break;
      sb_case_free (previous);
      previous = later;
    }
  if (error != NULL && *error != NULL)
    goto failed;
  if (previous != NULL)
    {
      *result = SB_REGISTER_NEW_ROUND;
      /* The corrected materials a one-time notice asked for continue the
       * case; a packet after a decision starts it again. */
      if (g_str_equal (previous->status, "notice"))
        {
          status = "corrections";
          event = "corrections_received";
        }
      round_text = int_text (previous->round + 1);
      previous_text = int_text (previous->id);
      {
        g_autofree char *previous_version = int_text (previous->version);
        const char *params[] = { previous_text, previous_version, at, by };
        gint64 changed = 0;

        if (!db_exec (self, "UPDATE cases SET latest = 0, version = version + 1, changed_at = $3, changed_by = $4 "
                            "WHERE id = $1 AND version = $2", params, 4, &changed, error))
          goto failed;
        if (changed != 1)
          {
            set_conflict (error, previous);
            goto failed;
          }
      }
    }
  else
    {
      *result = SB_REGISTER_ADDED;
      round_text = g_strdup ("1");
    }

  {
    const char *params[] = { reference, round_text, previous_text, sb_form_definition_get_id (definition),
                             sb_form_definition_get_version (definition), summary, code, hash, packet_path,
                             verified ? "1" : "0", verified ? NULL : problem, submitted_text, received_text, status,
                             by, at };

    rows = db_query (self, "INSERT INTO cases (reference, round, previous_id, latest, form_id, form_version, applicant, "
                           "applicant_code, packet_hash, packet_path, verified, problem, submitted, received, status, "
                           "changed_by, changed_at) VALUES ($1, $2, $3, 1, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, "
                           "$14, $15, $16) RETURNING id", params, G_N_ELEMENTS (params), error);
    if (rows == NULL)
      goto failed;
    id = parse_int (sb_register_row_get (g_ptr_array_index (rows, 0), 0));
  }

  if (!insert_history (self, id, at, by, NULL, status, event, received,
                       previous != NULL ? (g_str_equal (status, "corrections") ? _("corrected materials received")
                                                                                 : _("resubmission received"))
                                        : _("packet received"), NULL, error))
    goto failed;

  /* The deadlines now that the case exists. */
  g_clear_pointer (&found, sb_case_free);
  found = get_case (self, id, error);
  if (found == NULL)
    goto failed;
  events = case_events (self, found, error);
  if (events == NULL)
    goto failed;
  if (!next_deadline (self, found, events, status, NULL, &due, &due_id, error))
    goto failed;
  {
    g_autofree char *id_text = int_text (id);
    const char *params[] = { id_text, due, due_id };

    if (!db_exec (self, "UPDATE cases SET next_deadline = $2, next_deadline_id = $3 WHERE id = $1", params, 3, NULL, error))
      goto failed;
  }
  if (!db_commit (self, error))
    return NULL;
  return get_case (self, id, error);

failed:
  db_rollback (self);
  return NULL;
}

SbCase *
sb_register_add_packet (SbRegister           *self,
                        SbPacket             *packet,
                        const char           *packet_path,
                        const char           *resubmission_of,
                        gboolean              verified,
                        const char           *problem,
                        gint32                received,
                        const char           *by,
                        SbRegisterAddResult  *result,
                        GError              **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  SbRegisterAddResult ignored;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);
  g_return_val_if_fail (SB_IS_PACKET (packet), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (sb_packet_get_reference (packet) == NULL || sb_packet_get_integrity_hash (packet) == NULL)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                   _("A draft without a reference number or integrity hash cannot be registered"));
      return NULL;
    }
  if (!check_text (_("name of who received it"), by, TRUE, error))
    return NULL;
  if (received <= 0)
    received = sb_date_today ();

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  return add_packet_locked (self, packet, packet_path, resubmission_of, verified, problem, received, by,
                            result != NULL ? result : &ignored, error);
}

SbCase *
sb_register_find (SbRegister  *self,
                  const char  *reference,
                  int          round,
                  GError     **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *round_text = int_text (round);
  SbCase *found;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  if (round > 0)
    found = query_one_case (self, "reference = $1 AND round = $2", (const char *[]) { reference, round_text }, 2,
                            &local_error);
  else
    found = query_one_case (self, "id = (SELECT max(id) FROM cases WHERE reference = $1)", (const char *[]) { reference },
                            1, &local_error);
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  else if (found == NULL)
    g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_NOT_FOUND, _("No case in the register has the reference %s"),
                 reference);
  return found;
}

SbCase *
sb_register_get (SbRegister  *self,
                 gint64       id,
                 GError     **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  return get_case (self, id, error);
}

/* @text as a LIKE pattern that finds it anywhere, its own % and _ taken
 * as themselves (ESCAPE '\\'), in lower case as the columns are compared. */
static char *
contains_pattern (const char *text)
{
  g_autofree char *lower = g_utf8_strdown (text, -1);
  GString *pattern = g_string_new ("%");

  for (const char *p = lower; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

/* The WHERE conditions of @filter, appended to @sql with their values in
 * @params (numbered from $1). */
static void
append_conditions (const SbCaseFilter *filter,
                   GString            *sql,
                   GPtrArray          *params)
{
#define ADD_CONDITION(condition, value) \
  G_STMT_START { \
    g_ptr_array_add (params, (value)); \
    g_string_append_printf (sql, condition, params->len); \
  } G_STMT_END

  if (!filter->all_rounds)
    g_string_append (sql, " AND latest = 1");
  if (filter->status != NULL)
    ADD_CONDITION (" AND status = $%u", g_strdup (filter->status));
  if (filter->form_id != NULL)
    ADD_CONDITION (" AND form_id = $%u", g_strdup (filter->form_id));
  if (filter->reviewer != NULL)
    ADD_CONDITION (" AND reviewer = $%u", g_strdup (filter->reviewer));
  if (filter->overdue)
    ADD_CONDITION (" AND next_deadline < $%u", day_text (filter->today > 0 ? filter->today : sb_date_today ()));
  if (filter->received_from > 0)
    ADD_CONDITION (" AND received >= $%u", day_text (filter->received_from));
  if (filter->received_to > 0)
    ADD_CONDITION (" AND received <= $%u", day_text (filter->received_to));
  if (filter->search != NULL && *filter->search != '\0')
    {
      g_ptr_array_add (params, contains_pattern (filter->search));
      g_string_append_printf (sql, " AND (lower(reference) LIKE $%u ESCAPE '\\' OR lower(applicant) LIKE $%u ESCAPE '\\'"
                                   " OR lower(coalesce(applicant_code, '')) LIKE $%u ESCAPE '\\'"
                                   " OR lower(coalesce(reviewer, '')) LIKE $%u ESCAPE '\\')",
                              params->len, params->len, params->len, params->len);
    }
#undef ADD_CONDITION
}

GPtrArray *
sb_register_list (SbRegister          *self,
                  const SbCaseFilter  *filter,
                  GError             **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GString) sql = g_string_new ("SELECT " CASE_COLUMNS " FROM cases WHERE 1 = 1");
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *cases;
  SbCaseFilter none = { 0 };

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);

  if (filter == NULL)
    filter = &none;

  append_conditions (filter, sql, params);
  /* Overdue first, as they are the earliest; no running deadline last. */
  g_string_append (sql, " ORDER BY next_deadline IS NULL, next_deadline, id");
  if (filter->limit > 0)
    g_string_append_printf (sql, " LIMIT %u", filter->limit);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  rows = db_query (self, sql->str, (const char * const *) params->pdata, params->len, error);
  if (rows == NULL)
    return NULL;
  cases = g_ptr_array_new_full (rows->len, (GDestroyNotify) sb_case_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (cases, case_from_row (g_ptr_array_index (rows, i)));
  return cases;
}

gboolean
sb_register_count (SbRegister          *self,
                   const SbCaseFilter  *filter,
                   guint               *n_cases,
                   guint               *n_overdue,
                   GError             **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) params = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = NULL;
  SbCaseFilter none = { 0 };
  gpointer row;

  g_return_val_if_fail (SB_IS_REGISTER (self), FALSE);

  if (filter == NULL)
    filter = &none;
  /* $1, the day before which a deadline is overdue, as the list says. */
  g_ptr_array_add (params, day_text (filter->today > 0 ? filter->today : sb_date_today ()));
  g_string_append (sql, "SELECT count(*), coalesce(sum(CASE WHEN next_deadline < $1 THEN 1 ELSE 0 END), 0) "
                        "FROM cases WHERE 1 = 1");
  append_conditions (filter, sql, params);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  rows = db_query (self, sql->str, (const char * const *) params->pdata, params->len, error);
  if (rows == NULL)
    return FALSE;
  row = g_ptr_array_index (rows, 0);
  if (n_cases != NULL)
    *n_cases = (guint) parse_int (sb_register_row_get (row, 0));
  if (n_overdue != NULL)
    *n_overdue = (guint) parse_int (sb_register_row_get (row, 1));
  return TRUE;
}

gboolean
sb_register_count_due (SbRegister  *self,
                       gint32       today,
                       int          working_days,
                       guint       *count,
                       GError     **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *last_text = NULL;
  gint32 last = 0;

  g_return_val_if_fail (SB_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  priv = sb_register_get_instance_private (self);
  if (priv->calendar == NULL)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID, _("no working-day calendar is installed"));
      return FALSE;
    }
  if (!sb_calendar_add_working_days (priv->calendar, today, working_days, &last, error))
    return FALSE;
  last_text = day_text (last);

  locker = g_mutex_locker_new (&priv->lock);
  /* The office's own duties: an applicant's 补正期限 is theirs to meet,
   * and the regulations give its passing no consequence the office must
   * act on by a day (the register lists it, the applicant's, overdue
   * first). */
  rows = db_query (self, "SELECT count(*) FROM cases WHERE latest = 1 AND next_deadline <= $1 "
                         "AND (next_deadline_id IS NULL OR next_deadline_id <> $2)",
                   (const char *[]) { last_text, SB_CASE_APPLICANT_CORRECTIONS }, 2, error);
  if (rows == NULL)
    return FALSE;
  *count = (guint) parse_int (sb_register_row_get (g_ptr_array_index (rows, 0), 0));
  return TRUE;
}

GPtrArray *
sb_register_get_history (SbRegister  *self,
                         gint64       case_id,
                         GError     **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *id_text = int_text (case_id);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *history;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  rows = db_query (self, "SELECT h.id, h.at, h.by_name, h.from_status, h.to_status, h.event, h.event_day, h.why, "
                         INSPECTION_COLUMNS_OF ("i") " FROM case_history h LEFT JOIN inspections i "
                         "ON i.history_id = h.id WHERE h.case_id = $1 ORDER BY h.id",
                   (const char *[]) { id_text }, 1, error);
  if (rows == NULL)
    return NULL;
  history = g_ptr_array_new_full (rows->len, (GDestroyNotify) sb_case_change_free);
  for (guint i = 0; i < rows->len; i++)
    {
      GPtrArray *row = g_ptr_array_index (rows, i);
      SbCaseChange *change = g_new0 (SbCaseChange, 1);

      change->id = parse_int (sb_register_row_get (row, 0));
      change->at = g_strdup (sb_register_row_get (row, 1));
      change->by = g_strdup (sb_register_row_get (row, 2));
      change->from_status = g_strdup (sb_register_row_get (row, 3));
      change->to_status = g_strdup (sb_register_row_get (row, 4));
      change->event = g_strdup (sb_register_row_get (row, 5));
      change->event_day = parse_day (sb_register_row_get (row, 6));
      change->why = g_strdup (sb_register_row_get (row, 7));
      if (sb_register_row_get (row, 8) != NULL)
        change->inspection = inspection_from_row (row, 8);
      g_ptr_array_add (history, change);
    }
  return history;
}

SbCase *
sb_register_transition (SbRegister  *self,
                        gint64       case_id,
                        gint64       version,
                        const char  *to,
                        const char  *by,
                        const char  *why,
                        gint32       event_day,
                        GError     **error)
{
  Change change = { 0 };
  g_autoptr(SbCase) current = NULL;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);
  g_return_val_if_fail (to != NULL, NULL);

  if (sb_case_status_label (to) == NULL)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION, _("“%s” is not a status of a case"), to);
      return NULL;
    }
  if (g_str_equal (to, "notice"))
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION,
                   _("A one-time notice needs its number, its period for corrections, the office, a contact and "
                     "every correction: send it as a notice"));
      return NULL;
    }

  change.to = to;
  change.event = sb_case_status_event (to);
  change.by = by;
  change.why = why;
  change.event_day = event_day;

  /* Leaving an inspection ends it, with its result: the clock runs again
   * from then. */
  current = sb_register_get (self, case_id, error);
  if (current == NULL)
    return NULL;
  if (g_str_equal (current->status, "inspection"))
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION,
                   _("An on-site inspection ends with its result (核验通过 or 核验不通过, the 现场说明 when it failed, "
                     "the day and who inspected): record it with the move"));
      return NULL;
    }
  return change_case (self, case_id, version, &change, error);
}

SbCase *
sb_register_end_inspection (SbRegister          *self,
                            gint64               case_id,
                            gint64               version,
                            const char          *to,
                            const SbInspection  *inspection,
                            const char          *by,
                            const char          *why,
                            gint32               event_day,
                            GError             **error)
{
  Change change = { 0 };

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);
  g_return_val_if_fail (to != NULL, NULL);
  g_return_val_if_fail (inspection != NULL, NULL);

  if (sb_case_status_label (to) == NULL)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_TRANSITION, _("“%s” is not a status of a case"), to);
      return NULL;
    }
  if (!check_text (_("name of who inspected"), inspection->inspector, TRUE, error)
      || !check_text (_("on-site findings (现场说明)"), inspection->findings, !inspection->passed, error))
    return NULL;
  if (inspection->inspected <= 0)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID, _("The day of the inspection is missing"));
      return NULL;
    }
  if (inspection->inspected > sb_date_today ())
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                   _("The day of the inspection cannot be later than today"));
      return NULL;
    }

  change.to = to;
  change.event = sb_case_status_event (to);
  change.second_event = "inspection_ended";
  change.by = by;
  change.why = why;
  change.event_day = event_day;
  change.inspection = inspection;
  return change_case (self, case_id, version, &change, error);
}

GPtrArray *
sb_register_get_inspections (SbRegister  *self,
                             gint64       case_id,
                             GError     **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *id_text = int_text (case_id);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *inspections;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  rows = db_query (self, "SELECT " INSPECTION_COLUMNS_OF ("i") " FROM inspections i WHERE i.case_id = $1 ORDER BY i.id",
                   (const char *[]) { id_text }, 1, error);
  if (rows == NULL)
    return NULL;
  inspections = g_ptr_array_new_full (rows->len, (GDestroyNotify) sb_inspection_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (inspections, inspection_from_row (g_ptr_array_index (rows, i), 0));
  return inspections;
}

SbCase *
sb_register_record_event (SbRegister  *self,
                          gint64       case_id,
                          gint64       version,
                          const char  *event,
                          const char  *by,
                          const char  *why,
                          gint32       event_day,
                          GError     **error)
{
  Change change = { 0 };

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);
  g_return_val_if_fail (event != NULL, NULL);

  if (!g_strv_contains ((const char *[]) { "plan_completed", "plan_adjusted", "plan_filed", NULL }, event))
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                   _("“%s” is not an event to record on its own (plan_completed, plan_adjusted, plan_filed); "
                     "the others come with a change of status"), event);
      return NULL;
    }
  for (guint i = 0; sb_case_clock_events[i] != NULL; i++)
    if (g_str_equal (sb_case_clock_events[i], event))
      change.event = sb_case_clock_events[i];
  change.by = by;
  change.why = why;
  change.event_day = event_day;
  return change_case (self, case_id, version, &change, error);
}

SbCase *
sb_register_assign (SbRegister  *self,
                    gint64       case_id,
                    gint64       version,
                    const char  *reviewer,
                    const char  *review_path,
                    const char  *by,
                    GError     **error)
{
  Change change = { 0 };
  g_autofree char *why = NULL;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);

  if (!check_text (_("reviewer's name"), reviewer, FALSE, error)
      || !check_text (_("review file"), review_path, FALSE, error))
    return NULL;
  why = reviewer != NULL ? g_strdup_printf (_("assigned to %s"), reviewer) : g_strdup (_("no reviewer assigned"));
  change.by = by;
  change.why = why;
  change.set_assignment = TRUE;
  change.reviewer = reviewer;
  change.review_path = review_path;
  return change_case (self, case_id, version, &change, error);
}

SbCase *
sb_register_send_notice (SbRegister      *self,
                         gint64           case_id,
                         gint64           version,
                         const SbNotice  *notice,
                         const char      *why,
                         GError         **error)
{
  Change change = { 0 };

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);
  g_return_val_if_fail (notice != NULL, NULL);

  if (!check_text (_("notice number"), notice->number, TRUE, error)
      || !check_text (_("office's name"), notice->office, TRUE, error)
      || !check_text (_("office's contact"), notice->contact, TRUE, error))
    return NULL;
  if (notice->correction_days <= 0 || notice->correction_days > 365)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                   _("The period for corrections must be 1 to 365 working days"));
      return NULL;
    }
  if (notice->corrections == NULL || notice->corrections[0] == NULL)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                   _("A one-time notice lists every correction at once: it has none"));
      return NULL;
    }
  for (guint i = 0; notice->corrections[i] != NULL; i++)
    if (!check_text (_("correction"), notice->corrections[i], TRUE, error))
      return NULL;

  change.to = "notice";
  change.event = "notice_sent";
  change.event_day = notice->sent;
  change.by = notice->by;
  change.why = why != NULL ? why : _("one-time notice of corrections sent");
  change.notice = notice;
  return change_case (self, case_id, version, &change, error);
}

GPtrArray *
sb_register_get_notices (SbRegister  *self,
                         gint64       case_id,
                         GError     **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *id_text = int_text (case_id);
  g_autoptr(GPtrArray) rows = NULL;
  GPtrArray *notices;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  rows = db_query (self, "SELECT " NOTICE_COLUMNS " FROM notices WHERE case_id = $1 ORDER BY id",
                   (const char *[]) { id_text }, 1, error);
  if (rows == NULL)
    return NULL;
  notices = g_ptr_array_new_full (rows->len, (GDestroyNotify) sb_notice_free);
  for (guint i = 0; i < rows->len; i++)
    g_ptr_array_add (notices, notice_from_row (g_ptr_array_index (rows, i)));
  return notices;
}

/* The latest document of notice @notice_id, decoded and checked against
 * its SHA-256; NULL with no error when there is none.  The lock held. */
static GBytes *
latest_notice_document (SbRegister  *self,
                        const char  *notice_id,
                        GError     **error)
{
  g_autoptr(GPtrArray) rows = db_query (self, "SELECT sha256, size, pdf FROM notice_documents WHERE notice_id = $1 "
                                              "ORDER BY id DESC LIMIT 1", (const char *[]) { notice_id }, 1, error);
  g_autofree char *hash = NULL;
  GPtrArray *row;
  guchar *data;
  gsize size = 0;

  if (rows == NULL || rows->len == 0)
    return NULL;
  row = g_ptr_array_index (rows, 0);
  data = g_base64_decode (sb_register_row_get (row, 2), &size);
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  if ((gint64) size != parse_int (sb_register_row_get (row, 1)) || g_strcmp0 (hash, sb_register_row_get (row, 0)) != 0)
    {
      g_free (data);
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_FAILED,
                   _("The register’s copy of notice %s’s PDF is damaged: it does not match its SHA-256"), notice_id);
      return NULL;
    }
  return g_bytes_new_take (data, size);
}

gboolean
sb_register_store_notice_document (SbRegister  *self,
                                   gint64       notice_id,
                                   GBytes      *pdf,
                                   const char  *by,
                                   GError     **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *id_text = int_text (notice_id);
  g_autofree char *hash = NULL;
  g_autofree char *size_text = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *at = NULL;
  g_autoptr(GBytes) latest = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GError *local_error = NULL;
  gsize size;
  const guchar *data;

  g_return_val_if_fail (SB_IS_REGISTER (self), FALSE);
  g_return_val_if_fail (pdf != NULL, FALSE);

  data = g_bytes_get_data (pdf, &size);
  if (size == 0 || size > SB_REGISTER_MAX_DOCUMENT)
    {
      g_autofree char *shown = g_format_size_full (size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                   _("A notice’s PDF the register keeps is 1 byte to %d MiB; this one is %s"),
                   SB_REGISTER_MAX_DOCUMENT / (1024 * 1024), shown);
      return FALSE;
    }
  if (!check_text (_("name of who makes the change"), by, TRUE, error))
    return FALSE;

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  if (!db_begin (self, error))
    return FALSE;
  rows = db_query (self, "SELECT count(*) FROM notices WHERE id = $1", (const char *[]) { id_text }, 1, error);
  if (rows == NULL)
    goto failed;
  if (parse_int (sb_register_row_get (g_ptr_array_index (rows, 0), 0)) == 0)
    {
      g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_NOT_FOUND, _("There is no notice %s in the register"),
                   id_text);
      goto failed;
    }
  latest = latest_notice_document (self, id_text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto failed;
    }
  if (latest != NULL)
    {
      gsize latest_size;
      const guchar *latest_data = g_bytes_get_data (latest, &latest_size);

      if (latest_size == size && memcmp (latest_data, data, size) == 0)
        {
          db_rollback (self);
          return TRUE;
        }
      /* What the office issued stays what it issued: a signature is an
       * incremental update, which leaves the bytes before it as they were. */
      if (latest_size > size || memcmp (latest_data, data, latest_size) != 0)
        {
          g_set_error (error, SB_REGISTER_ERROR, SB_REGISTER_ERROR_INVALID,
                       _("This is not the PDF the register keeps for notice %s, nor it with a signature added: "
                         "a notice issued cannot be replaced"), id_text);
          goto failed;
        }
    }
  hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, size);
  size_text = int_text ((gint64) size);
  encoded = g_base64_encode (data, size);
  at = sb_date_now_timestamp ();
  {
    const char *params[] = { id_text, hash, size_text, encoded, by, at };

    if (!db_exec (self, "INSERT INTO notice_documents (notice_id, sha256, size, pdf, by_name, at) "
                        "VALUES ($1, $2, $3, $4, $5, $6)", params, G_N_ELEMENTS (params), NULL, error))
      goto failed;
  }
  return db_commit (self, error);

failed:
  db_rollback (self);
  return FALSE;
}

GBytes *
sb_register_get_notice_document (SbRegister  *self,
                                 gint64       notice_id,
                                 GError     **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autofree char *id_text = int_text (notice_id);

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  return latest_notice_document (self, id_text, error);
}

GPtrArray *
sb_register_get_deadlines (SbRegister    *self,
                           const SbCase  *a_case,
                           gint32         today,
                           GError       **error)
{
  SbRegisterPrivate *priv;
  g_autoptr(GMutexLocker) locker = NULL;
  g_autoptr(GArray) events = NULL;

  g_return_val_if_fail (SB_IS_REGISTER (self), NULL);
  g_return_val_if_fail (a_case != NULL, NULL);

  priv = sb_register_get_instance_private (self);
  locker = g_mutex_locker_new (&priv->lock);
  events = case_events (self, a_case, error);
  if (events == NULL)
    return NULL;
  return compute_deadlines (self, a_case, events, today);
}

/* Asynchronous variants: the same calls in a worker thread, for the GUI. */

typedef struct {
  char           *url;
  SbFormRegistry *forms;
  SbCalendar     *calendar;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_free (data->url);
  g_clear_object (&data->forms);
  g_clear_object (&data->calendar);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  SbRegister *opened = sb_register_open (data->url, data->forms, data->calendar, &error);

  if (opened == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, opened, g_object_unref);
}

void
sb_register_open_async (const char          *url,
                        SbFormRegistry      *forms,
                        SbCalendar          *calendar,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);
  OpenData *data = g_new0 (OpenData, 1);

  data->url = g_strdup (url);
  data->forms = forms != NULL ? g_object_ref (forms) : NULL;
  data->calendar = calendar != NULL ? g_object_ref (calendar) : NULL;
  g_task_set_source_tag (task, sb_register_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

SbRegister *
sb_register_open_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  SbPacket            *packet;
  char                *packet_path;
  char                *resubmission_of;
  gboolean             verified;
  char                *problem;
  gint32               received;
  char                *by;
  SbRegisterAddResult  result;
} AddData;

static void
add_data_free (AddData *data)
{
  g_clear_object (&data->packet);
  g_free (data->packet_path);
  g_free (data->resubmission_of);
  g_free (data->problem);
  g_free (data->by);
  g_free (data);
}

static void
add_thread (GTask        *task,
            gpointer      source,
            gpointer      task_data,
            GCancellable *cancellable)
{
  AddData *data = task_data;
  GError *error = NULL;
  SbCase *added = sb_register_add_packet (source, data->packet, data->packet_path, data->resubmission_of, data->verified, data->problem,
                                          data->received, data->by, &data->result, &error);

  if (added == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, added, (GDestroyNotify) sb_case_free);
}

void
sb_register_add_packet_async (SbRegister          *self,
                              SbPacket            *packet,
                              const char          *packet_path,
                              const char          *resubmission_of,
                              gboolean             verified,
                              const char          *problem,
                              gint32               received,
                              const char          *by,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddData *data;

  g_return_if_fail (SB_IS_REGISTER (self));
  g_return_if_fail (SB_IS_PACKET (packet));

  task = g_task_new (self, cancellable, callback, user_data);
  data = g_new0 (AddData, 1);
  data->packet = g_object_ref (packet);
  data->packet_path = g_strdup (packet_path);
  data->resubmission_of = g_strdup (resubmission_of);
  data->verified = verified;
  data->problem = g_strdup (problem);
  data->received = received;
  data->by = g_strdup (by);
  g_task_set_source_tag (task, sb_register_add_packet_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_data_free);
  g_task_run_in_thread (task, add_thread);
}

SbCase *
sb_register_add_packet_finish (SbRegister           *self,
                               GAsyncResult         *result,
                               SbRegisterAddResult  *add_result,
                               GError              **error)
{
  AddData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (add_result != NULL)
    *add_result = data->result;
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  SbCaseFilter  filter;
  char         *status;
  char         *form_id;
  char         *reviewer;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->status);
  g_free (data->form_id);
  g_free (data->reviewer);
  g_free (data);
}

static void
list_thread (GTask        *task,
             gpointer      source,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  GPtrArray *cases = sb_register_list (source, &data->filter, &error);

  if (cases == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, cases, (GDestroyNotify) g_ptr_array_unref);
}

void
sb_register_list_async (SbRegister          *self,
                        const SbCaseFilter  *filter,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ListData *data;

  g_return_if_fail (SB_IS_REGISTER (self));

  task = g_task_new (self, cancellable, callback, user_data);
  data = g_new0 (ListData, 1);
  if (filter != NULL)
    data->filter = *filter;
  /* The filter's strings are the caller's: the thread keeps copies. */
  data->filter.status = data->status = g_strdup (data->filter.status);
  data->filter.form_id = data->form_id = g_strdup (data->filter.form_id);
  data->filter.reviewer = data->reviewer = g_strdup (data->filter.reviewer);
  g_task_set_source_tag (task, sb_register_list_async);
  g_task_set_task_data (task, data, (GDestroyNotify) list_data_free);
  g_task_run_in_thread (task, list_thread);
}

GPtrArray *
sb_register_list_finish (SbRegister    *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

typedef struct {
  gint64  case_id;
  gint64  version;
  char   *to;
  char   *by;
  char   *why;
  gint32  event_day;
} TransitionData;

static void
transition_data_free (TransitionData *data)
{
  g_free (data->to);
  g_free (data->by);
  g_free (data->why);
  g_free (data);
}

static void
transition_thread (GTask        *task,
                   gpointer      source,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  TransitionData *data = task_data;
  GError *error = NULL;
  SbCase *changed = sb_register_transition (source, data->case_id, data->version, data->to, data->by, data->why,
                                            data->event_day, &error);

  if (changed == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, changed, (GDestroyNotify) sb_case_free);
}

void
sb_register_transition_async (SbRegister         *self,
                              gint64              case_id,
                              gint64              version,
                              const char         *to,
                              const char         *by,
                              const char         *why,
                              gint32              event_day,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  TransitionData *data;

  g_return_if_fail (SB_IS_REGISTER (self));
  g_return_if_fail (to != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  data = g_new0 (TransitionData, 1);
  data->case_id = case_id;
  data->version = version;
  data->to = g_strdup (to);
  data->by = g_strdup (by);
  data->why = g_strdup (why);
  data->event_day = event_day;
  g_task_set_source_tag (task, sb_register_transition_async);
  g_task_set_task_data (task, data, (GDestroyNotify) transition_data_free);
  g_task_run_in_thread (task, transition_thread);
}

SbCase *
sb_register_transition_finish (SbRegister    *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
