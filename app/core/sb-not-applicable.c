/* sb-not-applicable.c — the parts of a form an application leaves out, and why
 *
 * The PDF's summary names each step or field the answers leave out once,
 * with the reason in the applicant's words: the definition's
 * `not_applicable` text when it has one, otherwise a sentence that names
 * the answers its condition reads ("依所填「申请类型」（变更）…").
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-not-applicable"

#include "config.h"

#include "sb-field-format.h"
#include "sb-form-definition-private.h"
#include "sb-not-applicable.h"

/* Auxiliary functions */

static void
not_applicable_free (SbNotApplicable *item)
{
  g_ptr_array_unref (item->fields);
  sb_text_clear (&item->reason);
  g_free (item);
}

static gboolean
step_applies (SbAnswers    *answers,
              const SbStep *step)
{
  for (guint f = 0; f < step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (step->fields, f);

      if (!field->system && sb_answers_is_visible (answers, field))
        return TRUE;
    }
  return FALSE;
}

/* When the definition says nothing: the answers the condition reads, as
 * the applicant gave them, so the reader sees what decided it. */
static void
reason_from_condition (SbAnswers    *answers,
                       SbExpression *condition,
                       SbText       *reason)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  const GArray *ids = condition != NULL ? sb_expression_get_fields (condition) : NULL;
  g_autoptr(GString) zh = g_string_new (NULL);
  g_autoptr(GString) en = g_string_new (NULL);

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      SbField *field = sb_form_definition_get_field_by_index (definition, g_array_index (ids, guint, i));
      g_autofree char *value = field->type == SB_FIELD_TABLE ? NULL : sb_field_format_display (answers, field, -1);
      gboolean blank = value == NULL || *value == '\0';

      g_string_append_printf (zh, "%s「%s」", zh->len > 0 ? "、" : "", field->label.zh_CN);
      if (field->type != SB_FIELD_TABLE)
        g_string_append_printf (zh, "（%s）", blank ? "未填写" : value);
      g_string_append_printf (en, "%s%s", en->len > 0 ? ", " : "",
                              field->label.en != NULL ? field->label.en : field->label.zh_CN);
      if (field->type != SB_FIELD_TABLE)
        g_string_append_printf (en, " (%s)", blank ? "not given" : value);
    }

  if (zh->len == 0)
    {
      reason->zh_CN = g_strdup ("按申请所选情形不适用");
      reason->en = g_strdup ("Not asked for on the path the application takes");
      return;
    }
  reason->zh_CN = g_strdup_printf ("依所填%s，不需填写", zh->str);
  reason->en = g_strdup_printf ("Not asked for, given %s", en->str);
}

static void
copy_reason (const SbText *given,
             SbAnswers    *answers,
             SbExpression *condition,
             SbText       *reason)
{
  if (given->zh_CN == NULL)
    {
      reason_from_condition (answers, condition, reason);
      return;
    }
  reason->zh_CN = g_strdup (given->zh_CN);
  reason->en = g_strdup (given->en != NULL ? given->en : given->zh_CN);
}

static SbNotApplicable *
item_new (const SbStep *step)
{
  SbNotApplicable *item = g_new0 (SbNotApplicable, 1);

  item->step = step;
  item->fields = g_ptr_array_new ();
  return item;
}

/* A step that applies: its fields left out, one item per reason, in the
 * order of their first field. */
static void
list_fields (SbAnswers    *answers,
             const SbStep *step,
             GPtrArray    *items)
{
  guint first = items->len;

  for (guint f = 0; f < step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (step->fields, f);
      SbNotApplicable *item = item_new (step);
      gboolean merged = FALSE;

      if (field->system || field->visible_when == NULL || sb_answers_is_visible (answers, field))
        {
          not_applicable_free (item);
          continue;
        }

      copy_reason (&field->not_applicable, answers, field->visible_when, &item->reason);
      for (guint i = first; i < items->len && !merged; i++)
        {
          SbNotApplicable *other = g_ptr_array_index (items, i);

          if (g_strcmp0 (other->reason.zh_CN, item->reason.zh_CN) == 0)
            {
              g_ptr_array_add (other->fields, field);
              merged = TRUE;
            }
        }
      if (merged)
        {
          not_applicable_free (item);
          continue;
        }
      g_ptr_array_add (item->fields, field);
      g_ptr_array_add (items, item);
    }
}

/* A step left out as a whole: its own condition said so, or every field
 * in it is left out (then their reason, if they share one). */
static SbNotApplicable *
step_item (SbAnswers    *answers,
           const SbStep *step)
{
  SbNotApplicable *item = item_new (step);
  SbEvalScope scope;
  g_autoptr(SbValue) value = NULL;
  g_autoptr(GPtrArray) fields = NULL;

  if (step->visible_when != NULL)
    {
      sb_answers_init_scope (answers, &scope, NULL);
      value = sb_expression_evaluate (step->visible_when, &scope);
    }
  if (value != NULL && !(sb_value_get_kind (value) == SB_VALUE_BOOL && sb_value_get_bool (value)))
    {
      copy_reason (&step->not_applicable, answers, step->visible_when, &item->reason);
      return item;
    }

  fields = g_ptr_array_new_with_free_func ((GDestroyNotify) not_applicable_free);
  list_fields (answers, step, fields);
  if (fields->len == 1)
    {
      SbNotApplicable *only = g_ptr_array_index (fields, 0);

      item->reason = only->reason;
      only->reason = (SbText) { NULL, NULL };
    }
  else
    reason_from_condition (answers, NULL, &item->reason);
  return item;
}

/* Public API */

GPtrArray *
sb_not_applicable_list (SbAnswers *answers)
{
  GPtrArray *steps;
  GPtrArray *items;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);

  steps = sb_form_definition_get_steps (sb_answers_get_definition (answers));
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) not_applicable_free);
  for (guint s = 0; s < steps->len; s++)
    {
      const SbStep *step = g_ptr_array_index (steps, s);

      if (step_applies (answers, step))
        list_fields (answers, step, items);
      else
        g_ptr_array_add (items, step_item (answers, step));
    }
  return items;
}

char *
sb_not_applicable_describe (const SbNotApplicable *item)
{
  g_autoptr(GString) text = g_string_new (item->step->title.zh_CN);

  if (item->fields->len > 0)
    {
      g_string_append (text, "中的");
      for (guint i = 0; i < item->fields->len; i++)
        g_string_append_printf (text, "%s「%s」", i > 0 ? "、" : "",
                                ((const SbField *) g_ptr_array_index (item->fields, i))->label.zh_CN);
    }
  g_string_append_printf (text, "：%s。", item->reason.zh_CN);
  return g_string_free (g_steal_pointer (&text), FALSE);
}
