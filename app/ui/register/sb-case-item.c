/* sb-case-item.c — one case of the register, as a row of its list
 *
 * The days left are counted once, when the list is read: a list shows
 * the day it was read on, and reading it again counts again.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-case-item"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-case-item.h"

struct _SbCaseItem
{
  GObject  parent_instance;

  SbCase  *a_case;
  gboolean overdue;
  char    *days_text;
};

G_DEFINE_FINAL_TYPE (SbCaseItem, sb_case_item, G_TYPE_OBJECT)

static char *
count_office_days (const SbCase *a_case,
                   gint32        today,
                   SbCalendar   *calendar)
{
  int count = 0;

  if (a_case->next_deadline == 0 || calendar == NULL)
    return g_strdup ("");
  if (a_case->next_deadline == today)
    return g_strdup (_("Due today"));
  if (a_case->next_deadline > today)
    {
      if (!sb_calendar_working_days_between (calendar, today, a_case->next_deadline, &count, NULL))
        return g_strdup ("");
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day left", "%d working days left", count),
                              count);
    }
  if (!sb_calendar_working_days_between (calendar, a_case->next_deadline, today, &count, NULL))
    return g_strdup (_("Overdue"));
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d working day overdue", "%d working days overdue", count),
                          count);
}

/* The applicant's 补正期限 says it is theirs: the office waits on it. */
static char *
count_days (const SbCase *a_case,
            gint32        today,
            SbCalendar   *calendar)
{
  g_autofree char *days = count_office_days (a_case, today, calendar);

  if (*days == '\0' || !sb_case_deadline_is_applicants (a_case))
    return g_steal_pointer (&days);
  /* Translators: the working days left (or overdue) of the applicant's period for corrections */
  return g_strdup_printf (_("Applicant: %s"), days);
}

static void
sb_case_item_finalize (GObject *object)
{
  SbCaseItem *self = SB_CASE_ITEM (object);

  g_clear_pointer (&self->a_case, sb_case_free);
  g_clear_pointer (&self->days_text, g_free);

  G_OBJECT_CLASS (sb_case_item_parent_class)->finalize (object);
}

static void
sb_case_item_class_init (SbCaseItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sb_case_item_finalize;
}

static void
sb_case_item_init (SbCaseItem *self)
{
}

SbCaseItem *
sb_case_item_new (SbCase     *a_case,
                  gint32      today,
                  SbCalendar *calendar)
{
  SbCaseItem *self;

  g_return_val_if_fail (a_case != NULL, NULL);

  self = g_object_new (SB_TYPE_CASE_ITEM, NULL);
  self->a_case = a_case;
  self->overdue = a_case->next_deadline != 0 && a_case->next_deadline < today;
  self->days_text = count_days (a_case, today, calendar);
  return self;
}

const SbCase *
sb_case_item_get_case (SbCaseItem *self)
{
  g_return_val_if_fail (SB_IS_CASE_ITEM (self), NULL);

  return self->a_case;
}

gboolean
sb_case_item_is_overdue (SbCaseItem *self)
{
  g_return_val_if_fail (SB_IS_CASE_ITEM (self), FALSE);

  return self->overdue;
}

const char *
sb_case_item_get_days_text (SbCaseItem *self)
{
  g_return_val_if_fail (SB_IS_CASE_ITEM (self), NULL);

  return self->days_text;
}
