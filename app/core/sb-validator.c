/* sb-validator.c — evaluating a definition's rules on answers
 *
 * Partial answers are the normal case: a rule whose condition is unknown
 * (null) because something it compares is not answered does not fire; the
 * built-in SB-REQUIRED check speaks for what is missing instead.  Findings
 * come in definition order: format problems, missing answers, then the
 * catalogue rules in their order.
 *
 * One message per problem (issue 15): an answer that was given but cannot
 * be read is reported once, by SB-INVALID with what to type.  Rules read
 * it as unknown (sb_value_new_unreadable()), so a rule that depends on it
 * is not decided on it.  A technical rule of the catalogue that only
 * restates the type checks (any_invalid(), is_invalid(x)) names those
 * findings instead of adding a vaguer one: they carry its id and
 * citation.  A rule of the regulation that fires on an unreadable answer
 * (a cost type that is not one of the options) speaks instead of the
 * type check, for the same cell.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-validator"

#include "config.h"

#include <string.h>

#include "sb-answers-private.h"
#include "sb-form-definition-private.h"
#include "sb-validator.h"

/* More findings than this for one rule say nothing more to a person. */
#define MAX_ROWS_PER_RULE 200

/* What evaluating one rule found: kept in the report, so that a
 * revalidation after an edit (sb_revalidate()) takes it again for every
 * rule that reads nothing the edit changed.  Shared between reports. */
typedef struct
{
  gboolean  fired;
  gboolean  asked_any_invalid;  /* any_invalid() was evaluated: it reads every answer */
  gboolean  restates_type_checks;
  gboolean  consulted_all;
  GArray   *consulted;          /* of Consulted */
  GArray   *witnesses;          /* of Witness */
  char     *message_zh;
  char     *message_en;
} RuleOutcome;

struct _SbValidationReport
{
  gatomicrefcount   ref_count;
  GPtrArray        *findings;   /* SbFinding* */
  /* What the findings were made from, for sb_revalidate(). */
  SbFormDefinition *definition;
  gint32            submission_date;
  SbCalendar       *calendar;   /* compared, never dereferenced */
  SbAnswers        *answers;    /* likewise */
  guint64           n_edits;    /* the answers' edits when it was made */
  GPtrArray        *outcomes;   /* RuleOutcome*, one per rule */
};

typedef struct
{
  guint table_id;
  guint row;
} Witness;

/* An answer a rule asked is_invalid() about, and was told it is: a field
 * (row -1) or a cell. */
typedef struct
{
  guint field_id;
  int   row;
  guint column_id;
} Consulted;

/* The answers' scope, with the submission date put in and witnesses
 * collected. */
typedef struct
{
  SbEvalScope  inner;
  guint        submission_slot;
  SbValue     *submission_value;
  GArray      *witnesses;
  gboolean     collecting;
  /* What the rule being evaluated looked at: answers' values, and the
   * unreadable answers it asked about. */
  guint        n_reads;
  GArray      *consulted;    /* of Consulted */
  gboolean     consulted_all;
  gboolean     asked_any_invalid;
} ValidationScope;

/* Auxiliary functions */

static void
sb_finding_free (SbFinding *finding)
{
  g_free (finding->rule_id);
  g_free (finding->field);
  g_free (finding->message_zh);
  g_free (finding->message_en);
  g_free (finding);
}

static SbValue *
validation_field (gpointer data,
                  guint    field_id)
{
  ValidationScope *scope = data;

  SbValue *value;

  scope->n_reads++;
  if (scope->submission_value != NULL && field_id == scope->submission_slot)
    return scope->submission_value;
  value = scope->inner.field (scope->inner.data, field_id);
  if (value == NULL && scope->inner.is_invalid (scope->inner.data, field_id))
    return sb_value_new_unreadable ();
  return value;
}

static guint
validation_row_count (gpointer data,
                      guint    table_id)
{
  ValidationScope *scope = data;

  return scope->inner.row_count (scope->inner.data, table_id);
}

static SbValue *
validation_cell (gpointer data,
                 guint    table_id,
                 guint    row,
                 guint    column_id)
{
  ValidationScope *scope = data;
  SbValue *value;

  scope->n_reads++;
  value = scope->inner.cell (scope->inner.data, table_id, row, column_id);
  if (value == NULL && scope->inner.cell_is_invalid (scope->inner.data, table_id, row, column_id))
    return sb_value_new_unreadable ();
  return value;
}

static gboolean
validation_is_invalid (gpointer data,
                       guint    field_id)
{
  ValidationScope *scope = data;
  Consulted consulted = { field_id & ~SB_ROW_CONTEXT_FLAG, -1, 0 };

  if (!scope->inner.is_invalid (scope->inner.data, field_id))
    return FALSE;
  g_array_append_val (scope->consulted, consulted);
  return TRUE;
}

static gboolean
validation_cell_is_invalid (gpointer data,
                            guint    table_id,
                            guint    row,
                            guint    column_id)
{
  ValidationScope *scope = data;
  Consulted consulted = { table_id, (int) row, column_id };

  if (!scope->inner.cell_is_invalid (scope->inner.data, table_id, row, column_id))
    return FALSE;
  g_array_append_val (scope->consulted, consulted);
  return TRUE;
}

static gboolean
validation_any_invalid (gpointer data)
{
  ValidationScope *scope = data;

  scope->asked_any_invalid = TRUE;
  if (!scope->inner.any_invalid (scope->inner.data))
    return FALSE;
  scope->consulted_all = TRUE;
  return TRUE;
}

static void
validation_witness (gpointer data,
                    guint    table_id,
                    guint    row)
{
  ValidationScope *scope = data;
  Witness witness = { table_id, row };

  if (scope->collecting)
    g_array_append_val (scope->witnesses, witness);
}

static void
init_validation_scope (ValidationScope *vscope,
                       SbEvalScope     *scope,
                       gboolean         with_witnesses)
{
  memset (scope, 0, sizeof *scope);
  scope->field = validation_field;
  scope->row_count = validation_row_count;
  scope->cell = validation_cell;
  scope->is_invalid = validation_is_invalid;
  scope->cell_is_invalid = validation_cell_is_invalid;
  scope->any_invalid = validation_any_invalid;
  scope->calendar = vscope->inner.calendar;
  scope->witness = with_witnesses ? validation_witness : NULL;
  scope->data = vscope;
}

static gboolean
is_true (SbValue *value)
{
  return sb_value_get_kind (value) == SB_VALUE_BOOL && sb_value_get_bool (value);
}

static gboolean
evaluate_bool (SbExpression      *expression,
               const SbEvalScope *scope)
{
  g_autoptr(SbValue) value = sb_expression_evaluate (expression, scope);

  return is_true (value);
}

static char *
format_message (GPtrArray         *parts,
                const SbEvalScope *scope)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      SbMessagePart *part = g_ptr_array_index (parts, i);

      if (part->text != NULL)
        {
          g_string_append (text, part->text);
        }
      else
        {
          g_autoptr(SbValue) value = sb_expression_evaluate (part->expression, scope);

          if (sb_value_is_null (value))
            {
              g_string_append (text, "—");
            }
          else
            {
              g_autofree char *display = sb_value_to_display (value, 0, 2);
              g_string_append (text, display);
            }
        }
    }

  return g_string_free (text, FALSE);
}

static SbFinding *
add_finding (GPtrArray  *findings,
             const char *rule_id,
             SbSeverity  severity,
             const char *field,
             int         row,
             char       *message_zh,
             char       *message_en)
{
  SbFinding *finding = g_new0 (SbFinding, 1);

  finding->rule_id = g_strdup (rule_id);
  finding->severity = severity;
  finding->field = g_strdup (field);
  finding->row = row;
  finding->message_zh = message_zh;
  finding->message_en = message_en;
  g_ptr_array_add (findings, finding);
  return finding;
}

static char *
field_path (const SbField *field)
{
  if (field->table != NULL)
    return g_strdup_printf ("%s[].%s", field->table->id, field->id);
  return g_strdup (field->id);
}

static const char *
label_en (const SbField *field)
{
  return field->label.en ? field->label.en : field->label.zh_CN;
}

static void
report_problems (SbAnswers *answers,
                 GPtrArray *findings)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  GPtrArray *problems = sb_answers_get_problems (answers);

  for (guint i = 0; i < problems->len; i++)
    {
      SbAnswerProblem *problem = g_ptr_array_index (problems, i);
      SbField *field = sb_form_definition_lookup_field (definition, problem->field_id);
      SbField *target = field;
      g_autofree char *path = NULL;

      if (field == NULL || !sb_answers_is_visible (answers, field))
        continue;

      if (problem->column_id != NULL)
        {
          g_autofree char *column_path = g_strdup_printf ("%s[].%s", field->id, problem->column_id);
          target = sb_form_definition_lookup_path (definition, column_path);
        }

      path = field_path (target);
      if (problem->row >= 0)
        add_finding (findings, "SB-INVALID", SB_SEVERITY_ERROR, path, problem->row,
                     g_strdup_printf ("“%s”第 %d 行“%s”填写有误：%s", field->label.zh_CN, problem->row + 1,
                                      target->label.zh_CN, problem->reason.zh_CN),
                     g_strdup_printf ("%s, row %d, %s: %s", label_en (field), problem->row + 1,
                                      label_en (target), problem->reason.en));
      else
        add_finding (findings, "SB-INVALID", SB_SEVERITY_ERROR, path, -1,
                     g_strdup_printf ("“%s”填写有误：%s", field->label.zh_CN, problem->reason.zh_CN),
                     g_strdup_printf ("%s: %s", label_en (field), problem->reason.en));
    }
}

static const char *
verb_zh (const SbField *field)
{
  switch (field->type)
    {
    case SB_FIELD_ATTACHMENT:
      return "请上传";
    case SB_FIELD_CHOICE:
    case SB_FIELD_MULTICHOICE:
      return "请选择";
    case SB_FIELD_BOOLEAN:
      return "请回答";
    default:
      return "请填写";
    }
}

static const char *
verb_en (const SbField *field)
{
  switch (field->type)
    {
    case SB_FIELD_ATTACHMENT:
      return "Please attach";
    case SB_FIELD_CHOICE:
    case SB_FIELD_MULTICHOICE:
      return "Please choose";
    case SB_FIELD_BOOLEAN:
      return "Please answer";
    default:
      return "Please fill in";
    }
}

static void
check_required (SbAnswers         *answers,
                const SbEvalScope *scope,
                GPtrArray         *findings)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  GPtrArray *fields = sb_form_definition_get_fields (definition);

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      gboolean required;

      /* The application fills system fields; computed ones are not asked. */
      if (field->system || field->computed != NULL || !sb_answers_is_visible (answers, field))
        continue;

      required = field->required || (field->required_when != NULL && evaluate_bool (field->required_when, scope));

      if (field->type == SB_FIELD_TABLE)
        {
          guint n_rows = sb_answers_get_row_count (answers, field->id);

          /* A table that is not a list of rows is reported as invalid. */
          if (n_rows == 0 && scope->is_invalid (scope->data, field->index))
            continue;
          guint min_rows = MAX (field->min_rows, required ? 1 : 0);

          if (n_rows < min_rows)
            {
              if (min_rows == 1)
                add_finding (findings, "SB-REQUIRED", SB_SEVERITY_ERROR, field->id, -1,
                             g_strdup_printf ("请在“%s”中至少填写一行。", field->label.zh_CN),
                             g_strdup_printf ("Please add at least one row to “%s”.", label_en (field)));
              else
                add_finding (findings, "SB-REQUIRED", SB_SEVERITY_ERROR, field->id, -1,
                             g_strdup_printf ("“%s”至少需要 %u 行，目前 %u 行。", field->label.zh_CN, min_rows, n_rows),
                             g_strdup_printf ("“%s” needs at least %u rows; it has %u.", label_en (field), min_rows, n_rows));
            }

          for (guint c = 0; c < field->columns->len; c++)
            {
              SbField *column = g_ptr_array_index (field->columns, c);
              g_autofree char *path = field_path (column);

              if (column->computed != NULL || (!column->required && column->required_when == NULL))
                continue;

              for (guint r = 0; r < n_rows; r++)
                {
                  if (sb_answers_get_cell_value (answers, column, r) != NULL)
                    continue;
                  if (column->visible_when != NULL &&
                      !sb_answers_evaluate_in_row (answers, column->visible_when, scope, field->index, r))
                    continue;
                  if (!column->required &&
                      !sb_answers_evaluate_in_row (answers, column->required_when, scope, field->index, r))
                    continue;
                  if (sb_answers_cell_is_invalid (answers, column, r))
                    continue;

                  add_finding (findings, "SB-REQUIRED", SB_SEVERITY_ERROR, path, r,
                               g_strdup_printf ("%s“%s”第 %u 行的“%s”。", verb_zh (column), field->label.zh_CN,
                                                r + 1, column->label.zh_CN),
                               g_strdup_printf ("%s “%s” in row %u of “%s”.", verb_en (column), label_en (column),
                                                r + 1, label_en (field)));
                }
            }
          continue;
        }

      if (required && sb_answers_get_value (answers, field) == NULL &&
          !scope->is_invalid (scope->data, field->index))
        add_finding (findings, "SB-REQUIRED", SB_SEVERITY_ERROR, field->id, -1,
                     g_strdup_printf ("%s“%s”。", verb_zh (field), field->label.zh_CN),
                     g_strdup_printf ("%s “%s”.", verb_en (field), label_en (field)));
    }
}

static int
compare_witness (gconstpointer a,
                 gconstpointer b)
{
  const Witness *wa = a, *wb = b;

  if (wa->table_id != wb->table_id)
    return wa->table_id < wb->table_id ? -1 : 1;
  if (wa->row != wb->row)
    return wa->row < wb->row ? -1 : 1;
  return 0;
}

/* Where a finding about @table's rows is shown: the first of the rule's
 * fields that is a column of that table, else the table. */
static char *
row_field_for (const SbRule  *rule,
               const SbField *table)
{
  g_autofree char *prefix = g_strdup_printf ("%s[].", table->id);

  for (guint i = 0; rule->fields != NULL && rule->fields[i] != NULL; i++)
    if (g_str_has_prefix (rule->fields[i], prefix))
      return g_strdup (rule->fields[i]);

  return g_strdup (table->id);
}

/* Whether @finding (an SB-INVALID one) is about an answer @vscope's rule
 * asked is_invalid() about. */
static gboolean
is_consulted (SbFormDefinition      *definition,
              const ValidationScope *vscope,
              const SbFinding       *finding)
{
  if (vscope->consulted_all)
    return TRUE;

  for (guint i = 0; i < vscope->consulted->len; i++)
    {
      const Consulted *consulted = &g_array_index (vscope->consulted, Consulted, i);
      SbField *field = sb_form_definition_get_field_by_index (definition, consulted->field_id);
      g_autofree char *prefix = NULL;

      if (field == NULL || finding->field == NULL)
        continue;

      if (consulted->row < 0)
        {
          prefix = g_strdup_printf ("%s[].", field->id);
          if (g_str_equal (finding->field, field->id) || g_str_has_prefix (finding->field, prefix))
            return TRUE;
        }
      else if (field->columns != NULL && consulted->column_id < field->columns->len && finding->row == consulted->row)
        {
          SbField *column = g_ptr_array_index (field->columns, consulted->column_id);

          prefix = g_strdup_printf ("%s[].%s", field->id, column->id);
          if (g_str_equal (finding->field, prefix))
            return TRUE;
        }
    }
  return FALSE;
}

/* A technical rule that only restates the type checks: the SB-INVALID
 * findings it covers take its id and citation.  FALSE when there are none
 * (the rule then speaks for itself). */
static gboolean
name_invalid_findings (SbFormDefinition      *definition,
                       const ValidationScope *vscope,
                       const SbRule          *rule,
                       GPtrArray             *findings)
{
  gboolean named = FALSE;

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (!g_str_equal (finding->rule_id, "SB-INVALID") || !is_consulted (definition, vscope, finding))
        continue;
      g_free (finding->rule_id);
      finding->rule_id = g_strdup (rule->id);
      finding->rule = rule;
      finding->technical = rule->technical;
      named = TRUE;
    }
  return named;
}

/* A rule of the regulation spoke about the unreadable answers it asked
 * about: their SB-INVALID findings would say it a second time. */
static void
drop_invalid_findings (SbFormDefinition      *definition,
                       const ValidationScope *vscope,
                       GPtrArray             *findings)
{
  for (guint i = findings->len; i > 0; i--)
    {
      SbFinding *finding = g_ptr_array_index (findings, i - 1);

      if (g_str_equal (finding->rule_id, "SB-INVALID") && is_consulted (definition, vscope, finding))
        g_ptr_array_remove_index (findings, i - 1);
    }
}

static void
rule_outcome_clear (RuleOutcome *outcome)
{
  g_clear_pointer (&outcome->consulted, g_array_unref);
  g_clear_pointer (&outcome->witnesses, g_array_unref);
  g_free (outcome->message_zh);
  g_free (outcome->message_en);
}

static void
rule_outcome_release (RuleOutcome *outcome)
{
  g_rc_box_release_full (outcome, (GDestroyNotify) rule_outcome_clear);
}

static RuleOutcome *
evaluate_rule (SbRule          *rule,
               ValidationScope *vscope,
               SbEvalScope     *plain_scope,
               SbEvalScope     *witness_scope)
{
  RuleOutcome *outcome = g_rc_box_new0 (RuleOutcome);
  g_autoptr(SbValue) result = NULL;

  vscope->asked_any_invalid = FALSE;
  if (rule->applies_when != NULL && !evaluate_bool (rule->applies_when, plain_scope))
    {
      outcome->asked_any_invalid = vscope->asked_any_invalid;
      return outcome;
    }

  g_array_set_size (vscope->witnesses, 0);
  g_array_set_size (vscope->consulted, 0);
  vscope->consulted_all = FALSE;
  vscope->n_reads = 0;
  vscope->collecting = TRUE;
  result = sb_expression_evaluate (rule->when, witness_scope);
  vscope->collecting = FALSE;

  if (is_true (result))
    {
      outcome->fired = TRUE;
      /* Fired on nothing but unreadable answers. */
      outcome->restates_type_checks = vscope->n_reads == 0 && (vscope->consulted_all || vscope->consulted->len > 0);
      outcome->consulted_all = vscope->consulted_all;
      outcome->consulted = g_array_copy (vscope->consulted);
      outcome->witnesses = g_array_copy (vscope->witnesses);
      g_array_sort (outcome->witnesses, compare_witness);
      outcome->message_zh = format_message (rule->message_parts_zh, plain_scope);
      outcome->message_en = rule->message_parts_en ? format_message (rule->message_parts_en, plain_scope) : NULL;
    }
  outcome->asked_any_invalid = vscope->asked_any_invalid;
  return outcome;
}

/* Adds what @rule's @outcome says to @findings, which hold everything
 * found before the rule (the SB-INVALID findings it may name or drop). */
static void
apply_outcome (SbFormDefinition  *definition,
               SbRule            *rule,
               const RuleOutcome *outcome,
               ValidationScope   *vscope,
               GPtrArray         *findings)
{
  const char *first_field;
  guint reported = 0;

  if (!outcome->fired)
    return;

  /* is_consulted() reads what the rule consulted from the scope. */
  g_array_set_size (vscope->consulted, 0);
  g_array_append_vals (vscope->consulted, outcome->consulted->data, outcome->consulted->len);
  vscope->consulted_all = outcome->consulted_all;

  if (outcome->restates_type_checks && rule->technical &&
      name_invalid_findings (definition, vscope, rule, findings))
    return;
  if (outcome->restates_type_checks && !rule->technical)
    drop_invalid_findings (definition, vscope, findings);

  first_field = rule->fields != NULL ? rule->fields[0] : NULL;

  /* A notice is said once, not once per row that prompted it. */
  for (guint w = 0; rule->severity != SB_SEVERITY_INFO && w < outcome->witnesses->len && reported < MAX_ROWS_PER_RULE; w++)
    {
      const Witness *witness = &g_array_index (outcome->witnesses, Witness, w);
      SbField *table;
      g_autofree char *target = NULL;
      SbFinding *finding;

      if (w > 0 && compare_witness (witness, &g_array_index (outcome->witnesses, Witness, w - 1)) == 0)
        continue;

      table = sb_form_definition_get_field_by_index (definition, witness->table_id);
      if (table == NULL)
        continue;

      target = row_field_for (rule, table);
      finding = add_finding (findings, rule->id, rule->severity, target, witness->row,
                             g_strdup (outcome->message_zh), g_strdup (outcome->message_en));
      finding->technical = rule->technical;
      finding->rule = rule;
      reported++;
    }

  if (reported == 0)
    {
      SbFinding *finding = add_finding (findings, rule->id, rule->severity, first_field, -1,
                                        g_strdup (outcome->message_zh), g_strdup (outcome->message_en));
      finding->technical = rule->technical;
      finding->rule = rule;
    }
}

/* Evaluates the rules, or takes @previous's outcome of each rule that
 * @affected (when not NULL) does not name, into @outcomes. */
static void
check_rules (SbAnswers       *answers,
             ValidationScope *vscope,
             GPtrArray       *previous,
             const gboolean  *affected,
             GPtrArray       *outcomes,
             GPtrArray       *findings)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  GPtrArray *rules = sb_form_definition_get_rules (definition);
  SbEvalScope plain_scope, witness_scope;

  init_validation_scope (vscope, &plain_scope, FALSE);
  init_validation_scope (vscope, &witness_scope, TRUE);

  for (guint i = 0; i < rules->len; i++)
    {
      SbRule *rule = g_ptr_array_index (rules, i);
      RuleOutcome *outcome;

      if (previous != NULL && !affected[i])
        outcome = g_rc_box_acquire (g_ptr_array_index (previous, i));
      else
        outcome = evaluate_rule (rule, vscope, &plain_scope, &witness_scope);
      g_ptr_array_add (outcomes, outcome);
      apply_outcome (definition, rule, outcome, vscope, findings);
    }
}

static void
report_unknown_keys (SbAnswers *answers,
                     GPtrArray *findings)
{
  const char * const *unknown = sb_answers_get_unknown_keys (answers);

  for (guint i = 0; unknown != NULL && unknown[i] != NULL; i++)
    add_finding (findings, "SB-UNKNOWN", SB_SEVERITY_INFO, NULL, -1,
                 g_strdup_printf ("答复中的“%s”不是本表的字段，已忽略。", unknown[i]),
                 g_strdup_printf ("“%s” in the answers is not a field of this form and was ignored.", unknown[i]));
}

/* Public API */

SbValidationReport *
sb_validation_report_ref (SbValidationReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
sb_validation_report_unref (SbValidationReport *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->findings);
      g_ptr_array_unref (self->outcomes);
      g_object_unref (self->definition);
      g_free (self);
    }
}

const char *
sb_finding_get_message (const SbFinding *finding)
{
  SbText text;

  g_return_val_if_fail (finding != NULL, NULL);

  text.zh_CN = finding->message_zh;
  text.en = finding->message_en;
  return sb_text_get (&text);
}

GPtrArray *
sb_validation_report_get_findings (SbValidationReport *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->findings;
}

guint
sb_validation_report_count (SbValidationReport *self,
                            SbSeverity          severity)
{
  guint count = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->findings->len; i++)
    if (((SbFinding *) g_ptr_array_index (self->findings, i))->severity == severity)
      count++;

  return count;
}

JsonNode *
sb_validation_report_to_json (SbValidationReport *self)
{
  JsonArray *array;
  JsonNode *node;

  g_return_val_if_fail (self != NULL, NULL);

  array = json_array_new ();
  for (guint i = 0; i < self->findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (self->findings, i);
      JsonObject *object = json_object_new ();

      json_object_set_string_member (object, "rule", finding->rule_id);
      json_object_set_string_member (object, "severity", sb_severity_to_string (finding->severity));
      json_object_set_boolean_member (object, "technical", finding->technical);
      if (finding->field != NULL)
        json_object_set_string_member (object, "field", finding->field);
      else
        json_object_set_null_member (object, "field");
      if (finding->row >= 0)
        json_object_set_int_member (object, "row", finding->row);
      else
        json_object_set_null_member (object, "row");
      json_object_set_string_member (object, "message", finding->message_zh);
      if (finding->message_en != NULL)
        json_object_set_string_member (object, "message_en", finding->message_en);
      json_array_add_object_element (array, object);
    }

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static SbValidationReport *
validate (SbAnswers          *answers,
          gint32              submission_date,
          SbCalendar         *calendar,
          SbValidationReport *previous,
          const gboolean     *affected)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  SbValidationReport *report;
  ValidationScope vscope = { 0 };
  SbEvalScope plain_scope;
  SbField *submission_field;

  report = g_new0 (SbValidationReport, 1);
  g_atomic_ref_count_init (&report->ref_count);
  report->findings = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_finding_free);
  report->definition = g_object_ref (definition);
  report->submission_date = submission_date;
  report->calendar = calendar;
  report->answers = answers;
  report->n_edits = answers->n_edits;
  report->outcomes = g_ptr_array_new_with_free_func ((GDestroyNotify) rule_outcome_release);

  sb_answers_init_scope (answers, &vscope.inner, calendar);
  vscope.witnesses = g_array_new (FALSE, FALSE, sizeof (Witness));
  vscope.consulted = g_array_new (FALSE, FALSE, sizeof (Consulted));
  vscope.submission_slot = G_MAXUINT;

  submission_field = sb_form_definition_lookup_field (definition, "submission_date");
  if (submission_field != NULL && submission_date > 0)
    {
      vscope.submission_slot = submission_field->index;
      vscope.submission_value = sb_value_new_date (submission_date);
    }

  init_validation_scope (&vscope, &plain_scope, FALSE);

  report_problems (answers, report->findings);
  check_required (answers, &plain_scope, report->findings);
  check_rules (answers, &vscope, previous != NULL ? previous->outcomes : NULL, affected, report->outcomes,
               report->findings);
  report_unknown_keys (answers, report->findings);

  g_clear_pointer (&vscope.submission_value, sb_value_unref);
  g_array_unref (vscope.witnesses);
  g_array_unref (vscope.consulted);

  return report;
}

/**
 * sb_validate:
 *
 * Evaluates the built-in checks and every rule of the definition of
 * @answers.  Never fails: whatever the answers hold, the result is a list of
 * findings.
 */
SbValidationReport *
sb_validate (SbAnswers  *answers,
             gint32      submission_date,
             SbCalendar *calendar)
{
  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);

  return validate (answers, submission_date, calendar, NULL, NULL);
}

/* Whether @expression (may be NULL) reads a field @changed marks.  A
 * column's expression also reads cells of its own row (ids with
 * SB_ROW_CONTEXT_FLAG): they change only with its table, which is then
 * marked itself. */
static gboolean
reads_changed (SbExpression   *expression,
               const gboolean *changed,
               guint           n_slots)
{
  const GArray *fields;

  if (expression == NULL)
    return FALSE;
  fields = sb_expression_get_fields (expression);
  for (guint i = 0; fields != NULL && i < fields->len; i++)
    {
      guint id = g_array_index (fields, guint, i);

      if ((id & SB_ROW_CONTEXT_FLAG) == 0 && id < n_slots && changed[id])
        return TRUE;
    }
  return FALSE;
}

static gboolean
parts_read_changed (GPtrArray      *parts,
                    const gboolean *changed,
                    guint           n_slots)
{
  for (guint i = 0; parts != NULL && i < parts->len; i++)
    {
      SbMessagePart *part = g_ptr_array_index (parts, i);

      if (part->expression != NULL && reads_changed (part->expression, changed, n_slots))
        return TRUE;
    }
  return FALSE;
}

/* Marks in @changed every field whose value or visibility, as the rules
 * see it, may follow from the ones marked: computed fields and columns,
 * and what a step's or a field's visible_when hides, until nothing more
 * is marked (the definitions are small: a few hundred fields). */
static void
close_over_dependents (SbFormDefinition *definition,
                       gboolean         *changed,
                       guint             n_slots)
{
  GPtrArray *steps = sb_form_definition_get_steps (definition);
  gboolean grew = TRUE;

  while (grew)
    {
      grew = FALSE;
      for (guint s = 0; s < steps->len; s++)
        {
          SbStep *step = g_ptr_array_index (steps, s);
          gboolean step_changes = reads_changed (step->visible_when, changed, n_slots);

          for (guint f = 0; f < step->fields->len; f++)
            {
              SbField *field = g_ptr_array_index (step->fields, f);
              gboolean depends = step_changes || reads_changed (field->visible_when, changed, n_slots) ||
                                 reads_changed (field->computed, changed, n_slots);

              for (guint c = 0; !depends && field->columns != NULL && c < field->columns->len; c++)
                {
                  SbField *column = g_ptr_array_index (field->columns, c);

                  depends = reads_changed (column->visible_when, changed, n_slots) ||
                            reads_changed (column->computed, changed, n_slots);
                }
              if (depends && field->index < n_slots && !changed[field->index])
                {
                  changed[field->index] = TRUE;
                  grew = TRUE;
                }
            }
        }
    }
}

SbValidationReport *
sb_revalidate (SbValidationReport *previous,
               SbAnswers          *answers,
               const char * const *changed_fields,
               gint32              submission_date,
               SbCalendar         *calendar)
{
  SbFormDefinition *definition;
  GPtrArray *rules;
  guint n_slots;
  g_autofree gboolean *changed = NULL;
  g_autofree gboolean *affected = NULL;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (changed_fields != NULL, NULL);

  definition = sb_answers_get_definition (answers);
  /* One edit since @previous, or what else changed is unknown. */
  if (previous == NULL || previous->answers != answers || answers->n_edits != previous->n_edits + 1 ||
      previous->definition != definition || previous->submission_date != submission_date ||
      previous->calendar != calendar)
    return validate (answers, submission_date, calendar, NULL, NULL);

  n_slots = sb_form_definition_get_n_field_slots (definition);
  changed = g_new0 (gboolean, n_slots);
  for (guint i = 0; changed_fields[i] != NULL; i++)
    {
      SbField *field = sb_form_definition_lookup_field (definition, changed_fields[i]);

      /* Not a top-level field: nothing can be assumed. */
      if (field == NULL || field->index >= n_slots)
        return validate (answers, submission_date, calendar, NULL, NULL);
      changed[field->index] = TRUE;
    }
  close_over_dependents (definition, changed, n_slots);

  rules = sb_form_definition_get_rules (definition);
  affected = g_new0 (gboolean, rules->len);
  for (guint i = 0; i < rules->len; i++)
    {
      SbRule *rule = g_ptr_array_index (rules, i);
      const RuleOutcome *outcome = g_ptr_array_index (previous->outcomes, i);

      affected[i] = outcome->asked_any_invalid ||
                    reads_changed (rule->when, changed, n_slots) ||
                    reads_changed (rule->applies_when, changed, n_slots) ||
                    parts_read_changed (rule->message_parts_zh, changed, n_slots) ||
                    parts_read_changed (rule->message_parts_en, changed, n_slots);
    }

  return validate (answers, submission_date, calendar, previous, affected);
}
