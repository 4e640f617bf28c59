/* sb-case.c — the statuses of a case and the ways between them
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-core"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "sb-case.h"
#include "sb-date.h"

typedef struct {
  const char *id;
  const char *label;           /* English source; zh_CN in po/ */
  const char *statute;         /* the regulations' own word, read in any language */
  const char *event;           /* what entering it records on the clock */
  const char *next[5];
} StatusInfo;

/* 《行政许可法》第三十二条 and the procedures' regulations: materials are
 * received, corrected as often as a one-time notice asks, then accepted
 * or not; an accepted application is reviewed, inspected where the
 * procedure inspects, and decided. */
static const StatusInfo statuses[] = {
  { "received", N_("Received"), "已收到", "receipt", { "notice", "accepted", "not_accepted", NULL } },
  { "notice", N_("Corrections requested"), "一次性告知补正", "notice_sent", { "corrections", "not_accepted", NULL } },
  { "corrections", N_("Corrections received"), "补正材料已收到", "corrections_received", { "notice", "accepted", "not_accepted", NULL } },
  { "accepted", N_("Accepted"), "已受理", "acceptance", { "reviewing", NULL } },
  { "not_accepted", N_("Not accepted"), "不予受理", "non_acceptance", { NULL } },
  { "reviewing", N_("Under review"), "审核中", NULL, { "inspection", "approved", "declined", NULL } },
  { "inspection", N_("On-site inspection"), "实地核验", "inspection_started", { "reviewing", "approved", "declined", NULL } },
  { "approved", N_("Approved"), "通过", "decision", { NULL } },
  { "declined", N_("Not approved"), "不通过", "decision", { NULL } },
};

const char * const sb_case_statuses[] = {
  "received", "notice", "corrections", "accepted", "not_accepted", "reviewing", "inspection", "approved", "declined", NULL
};

static const StatusInfo *
find_status (const char *id)
{
  if (id == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (statuses[i].id, id))
      return &statuses[i];
  return NULL;
}

const char *
sb_case_status_label (const char *status)
{
  const StatusInfo *info = find_status (status);

  return info != NULL ? _(info->label) : NULL;
}

const char *
sb_case_status_parse (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    if (g_str_equal (text, statuses[i].id) || g_ascii_strcasecmp (text, statuses[i].label) == 0
        || g_str_equal (text, statuses[i].statute) || g_str_equal (text, _(statuses[i].label)))
      return statuses[i].id;
  return NULL;
}

gboolean
sb_case_status_can_follow (const char *from,
                           const char *to)
{
  const StatusInfo *info = find_status (from);

  return info != NULL && find_status (to) != NULL
         && g_strv_contains ((const char * const *) info->next, to);
}

const char * const *
sb_case_status_next (const char *from)
{
  static const char *none[] = { NULL };
  const StatusInfo *info = find_status (from);

  return info != NULL ? (const char * const *) info->next : none;
}

const char *
sb_case_status_event (const char *to)
{
  const StatusInfo *info = find_status (to);

  return info != NULL ? info->event : NULL;
}

gboolean
sb_case_status_is_final (const char *status)
{
  const StatusInfo *info = find_status (status);

  return info != NULL && info->next[0] == NULL;
}

void
sb_case_free (SbCase *self)
{
  if (self == NULL)
    return;
  g_free (self->reference);
  g_free (self->form_id);
  g_free (self->form_version);
  g_free (self->applicant);
  g_free (self->applicant_code);
  g_free (self->packet_hash);
  g_free (self->packet_path);
  g_free (self->problem);
  g_free (self->status);
  g_free (self->reviewer);
  g_free (self->next_deadline_id);
  g_free (self->review_path);
  g_free (self->changed_by);
  g_free (self->changed_at);
  g_free (self);
}

SbCase *
sb_case_copy (const SbCase *self)
{
  SbCase *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->reference = g_strdup (self->reference);
  copy->form_id = g_strdup (self->form_id);
  copy->form_version = g_strdup (self->form_version);
  copy->applicant = g_strdup (self->applicant);
  copy->applicant_code = g_strdup (self->applicant_code);
  copy->packet_hash = g_strdup (self->packet_hash);
  copy->packet_path = g_strdup (self->packet_path);
  copy->problem = g_strdup (self->problem);
  copy->status = g_strdup (self->status);
  copy->reviewer = g_strdup (self->reviewer);
  copy->next_deadline_id = g_strdup (self->next_deadline_id);
  copy->review_path = g_strdup (self->review_path);
  copy->changed_by = g_strdup (self->changed_by);
  copy->changed_at = g_strdup (self->changed_at);
  return copy;
}

void
sb_case_change_free (SbCaseChange *self)
{
  if (self == NULL)
    return;
  g_free (self->at);
  g_free (self->by);
  g_free (self->from_status);
  g_free (self->to_status);
  g_free (self->event);
  g_free (self->why);
  g_clear_pointer (&self->inspection, sb_inspection_free);
  g_free (self);
}

void
sb_notice_free (SbNotice *self)
{
  if (self == NULL)
    return;
  g_free (self->number);
  g_free (self->office);
  g_free (self->contact);
  g_strfreev (self->corrections);
  g_free (self->by);
  g_free (self->at);
  g_free (self);
}

SbNotice *
sb_notice_copy (const SbNotice *self)
{
  SbNotice *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->number = g_strdup (self->number);
  copy->office = g_strdup (self->office);
  copy->contact = g_strdup (self->contact);
  copy->corrections = g_strdupv (self->corrections);
  copy->by = g_strdup (self->by);
  copy->at = g_strdup (self->at);
  return copy;
}

void
sb_inspection_free (SbInspection *self)
{
  if (self == NULL)
    return;
  g_free (self->findings);
  g_free (self->inspector);
  g_free (self->by);
  g_free (self->at);
  g_free (self);
}

SbInspection *
sb_inspection_copy (const SbInspection *self)
{
  SbInspection *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->findings = g_strdup (self->findings);
  copy->inspector = g_strdup (self->inspector);
  copy->by = g_strdup (self->by);
  copy->at = g_strdup (self->at);
  return copy;
}

const char *
sb_inspection_result_label (gboolean passed)
{
  /* The words of 科技类's 第十五条 and of the office's forms. */
  return passed ? _("Inspection passed (核验通过)") : _("Inspection failed (核验不通过)");
}

char *
sb_inspection_describe (const SbInspection *self)
{
  g_autofree char *day = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  day = self->inspected > 0 ? sb_date_to_string (self->inspected) : g_strdup ("?");
  if (self->findings != NULL && *self->findings != '\0')
    /* Translators: the result, the day of the visit, who inspected, what was found there (现场说明) */
    return g_strdup_printf (_("%s on %s, inspected by %s: %s"), sb_inspection_result_label (self->passed), day,
                            self->inspector, self->findings);
  return g_strdup_printf (_("%s on %s, inspected by %s"), sb_inspection_result_label (self->passed), day,
                          self->inspector);
}

char *
sb_inspection_dup_approval_reason (const char *why)
{
  if (why == NULL || *why == '\0')
    return g_strdup (_("Approved despite the on-site inspection’s result: 核验不通过"));
  return g_strdup_printf (_("%s (approved despite the on-site inspection’s result: 核验不通过)"), why);
}

gint32
sb_notice_period_end (const SbNotice *notice,
                      SbCalendar     *calendar)
{
  gint32 end = 0;

  g_return_val_if_fail (notice != NULL, 0);

  if (calendar == NULL || notice->sent <= 0 || notice->correction_days < 1 ||
      !sb_calendar_add_working_days (calendar, notice->sent, notice->correction_days, &end, NULL))
    return 0;
  return end;
}
