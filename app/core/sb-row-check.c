/* sb-row-check.c — one table row being edited, checked with the whole form
 *
 * A row editor edits a copy of one row, and its findings are those of the
 * whole answers with that copy in the row's place.  Making that scratch
 * set of answers (every answer copied to JSON, read back as typed values)
 * is what costs, not the check: 92% of a keystroke's handling with a
 * 1,000-row roster (tests/bench/bench-wizard.c).  So the scratch is made
 * once and kept with its last report: an edit of the row changes its
 * cells in the scratch (sb_answers_set_cell()) and the report follows
 * with sb_revalidate(), which evaluates again only the rules that read
 * the table.  The answers themselves may change while the row is edited
 * (another question of the step, another table); their count of edits
 * tells, and the scratch is made again from them then.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-row-check"

#include "config.h"

#include "sb-answers-private.h"
#include "sb-json-reader.h"
#include "sb-row-check.h"

struct _SbRowCheck
{
  SbAnswers          *answers;
  const SbField      *table;
  int                 row;         /* -1: a new row */
  JsonObject         *values;      /* the row as edited (the caller's) */

  /* The answers with the row in its place, made when @answers had
   * @answers_edits edits; NULL until first needed. */
  SbAnswers          *scratch;
  guint64             answers_edits;
  guint               position;    /* the row's index in @scratch */
  GHashTable         *dirty;       /* column ids changed since @scratch had them */
  /* The last report on @scratch, and what it was made with. */
  SbValidationReport *report;
  gint32              report_date;
  SbCalendar         *report_calendar;
  GHashTable         *unreadable;  /* column ids of the row that cannot be read */
};

/* The whole answers with the row as edited in its place, or added at the
 * end: as a form's answers are when the row is kept. */
static void
make_scratch (SbRowCheck *self)
{
  g_autoptr(JsonObject) all = sb_answers_to_json (self->answers, FALSE);
  g_autoptr(JsonNode) wrapper = json_node_init_object (json_node_alloc (), self->values);
  JsonNode *old = json_object_get_member (all, self->table->id);
  JsonArray *rows = json_array_new ();
  guint n_old = old != NULL && JSON_NODE_HOLDS_ARRAY (old) ? json_array_get_length (json_node_get_array (old)) : 0;

  /* A copy of the row: the scratch's cells change in place, the caller's
   * values as typed. */
  for (guint r = 0; r < n_old; r++)
    {
      if ((int) r == self->row)
        json_array_add_element (rows, sb_json_deep_copy (wrapper));
      else
        json_array_add_element (rows, json_node_ref (json_array_get_element (json_node_get_array (old), r)));
    }
  if (self->row < 0 || (guint) self->row >= n_old)
    json_array_add_element (rows, sb_json_deep_copy (wrapper));
  self->position = self->row >= 0 && (guint) self->row < n_old ? (guint) self->row : json_array_get_length (rows) - 1;
  json_object_set_array_member (all, self->table->id, rows);

  /* A report on answers gone must not pass for one on the new scratch,
   * which may be made at the same address. */
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_object (&self->scratch);
  self->scratch = sb_answers_new (sb_answers_get_definition (self->answers));
  /* sb_answers_to_json() made a tree of its own: no second copy. */
  sb_answers_take_json (self->scratch, g_steal_pointer (&all));
  self->answers_edits = self->answers->n_edits;
  g_hash_table_remove_all (self->dirty);
}

/* The cells changed since the scratch had them, into it: one edit of the
 * table as sb_revalidate() counts them when one cell was typed in. */
static void
apply_dirty (SbRowCheck *self)
{
  for (guint c = 0; c < self->table->columns->len && g_hash_table_size (self->dirty) > 0; c++)
    {
      const SbField *column = g_ptr_array_index (self->table->columns, c);

      if (g_hash_table_remove (self->dirty, column->id))
        sb_answers_set_cell (self->scratch, self->table->id, self->position, column->id,
                             json_object_get_member (self->values, column->id));
    }
  /* What is no column is not read by a check. */
  g_hash_table_remove_all (self->dirty);
}

static void
update_unreadable (SbRowCheck *self)
{
  GPtrArray *problems = sb_answers_get_problems (self->scratch);

  g_hash_table_remove_all (self->unreadable);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      SbAnswerProblem *problem = g_ptr_array_index (problems, i);

      if (problem->row == (int) self->position && problem->column_id != NULL &&
          g_strcmp0 (problem->field_id, self->table->id) == 0)
        g_hash_table_add (self->unreadable, g_strdup (problem->column_id));
    }
}

/* Public API */

SbRowCheck *
sb_row_check_new (SbAnswers     *answers,
                  const SbField *table,
                  int            row,
                  JsonObject    *values)
{
  SbRowCheck *self;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, NULL);
  g_return_val_if_fail (values != NULL, NULL);

  self = g_new0 (SbRowCheck, 1);
  self->answers = g_object_ref (answers);
  self->table = table;
  self->row = row;
  self->values = json_object_ref (values);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->unreadable = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return self;
}

void
sb_row_check_free (SbRowCheck *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_object (&self->scratch);
  g_clear_object (&self->answers);
  g_clear_object (&self->report_calendar);
  g_clear_pointer (&self->values, json_object_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->unreadable, g_hash_table_unref);
  g_free (self);
}

void
sb_row_check_cell_changed (SbRowCheck *self,
                           const char *column_id)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column_id != NULL);

  /* Taken into the scratch when next checked: keystrokes not checked
   * (in a question not yet left) cost nothing. */
  if (self->scratch != NULL)
    g_hash_table_add (self->dirty, g_strdup (column_id));
}

SbValidationReport *
sb_row_check_validate (SbRowCheck *self,
                       gint32      submission_date,
                       SbCalendar *calendar)
{
  const char *changed[] = { self->table->id, NULL };
  SbValidationReport *report;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->scratch == NULL || self->answers->n_edits != self->answers_edits)
    make_scratch (self);
  else if (g_hash_table_size (self->dirty) == 0 && self->report != NULL &&
           self->report_date == submission_date && self->report_calendar == calendar)
    /* Nothing changed since (a question left without typing, Done). */
    return sb_validation_report_ref (self->report);
  else
    apply_dirty (self);

  /* With no report yet, or more than one cell changed since it, this is
   * sb_validate(). */
  report = sb_revalidate (self->report, self->scratch, changed, submission_date, calendar);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  self->report = sb_validation_report_ref (report);
  self->report_date = submission_date;
  g_set_object (&self->report_calendar, calendar);
  update_unreadable (self);
  return report;
}

guint
sb_row_check_get_position (SbRowCheck *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->position;
}

gboolean
sb_row_check_is_unreadable (SbRowCheck *self,
                            const char *column_id)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_hash_table_contains (self->unreadable, column_id);
}
