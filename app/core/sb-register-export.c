/* sb-register-export.c — the register and a case's history as CSV or XLSX
 *
 * The table exporter (sb-table-export.c) writes a form's table from its
 * column definitions; the register's columns are fixed text, so this is
 * the same file format (byte order mark, formula guard, atomic rename)
 * over plain rows.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "shenbao-core"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "sb-date.h"
#include "sb-register-export.h"

static const char *case_header[] = {
  N_("Reference"), N_("Round"), N_("Procedure"), N_("Applicant"), N_("Applicant code"), N_("Status"),
  N_("Received"), N_("Accepted"), N_("Reviewer"), N_("Next deadline"), N_("Working days left"), N_("Verified"),
  N_("Problem"), N_("Integrity hash"), N_("Packet file"), N_("Review file"), N_("Changed by"), N_("Changed at"), NULL
};

static const char *history_header[] = {
  N_("Reference"), N_("Round"), N_("At"), N_("By"), N_("From"), N_("To"), N_("Event"), N_("Event day"), N_("Why"),
  /* The result recorded with the end of an on-site inspection. */
  N_("Inspection result"), N_("Inspected on"), N_("Inspector"), N_("On-site findings (现场说明)"), NULL
};

static gboolean
write_error (GError     **error,
             const char  *path,
             const char  *reason)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("could not write “%s”: %s"), path, reason);
  return FALSE;
}

static char *
temporary_path (const char *path)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *name = g_strdup_printf (".%s.XXXXXX", base);
  char *template = g_build_filename (directory, name, NULL);
  int fd = g_mkstemp (template);

  if (fd < 0)
    {
      g_free (template);
      return NULL;
    }
  close (fd);
  return template;
}

/* = + - @ at the start make a spreadsheet compute the cell (CSV
 * injection); an apostrophe keeps it text. */
static void
append_csv_cell (GString    *out,
                 const char *cell)
{
  gboolean guard = cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@';

  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (const char *p = cell; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static gboolean
write_csv (const char * const *header,
           GPtrArray          *rows,
           const char         *path,
           GError            **error)
{
  g_autoptr(GString) out = g_string_new ("\xEF\xBB\xBF");

  for (guint c = 0; header[c] != NULL; c++)
    {
      if (c > 0)
        g_string_append_c (out, ',');
      append_csv_cell (out, _(header[c]));
    }
  g_string_append (out, "\r\n");
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; row[c] != NULL; c++)
        {
          if (c > 0)
            g_string_append_c (out, ',');
          append_csv_cell (out, row[c]);
        }
      g_string_append (out, "\r\n");
    }
  /* g_file_set_contents writes a temporary file and renames it. */
  return g_file_set_contents_full (path, out->str, out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0644, error);
}

static guint
text_width (const char *text)
{
  guint width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static gboolean
write_xlsx (const char * const *header,
            GPtrArray          *rows,
            const char         *sheet_name,
            const char         *path,
            GError            **error)
{
  g_autofree char *temporary = temporary_path (path);
  g_autofree guint *widths = NULL;
  lxw_workbook_options options = { .constant_memory = LXW_FALSE, .tmpdir = NULL, .use_zip64 = LXW_FALSE };
  lxw_workbook *workbook;
  lxw_worksheet *sheet;
  lxw_format *bold;
  lxw_error status;
  guint n_columns = g_strv_length ((char **) header);

  if (temporary == NULL)
    return write_error (error, path, g_strerror (errno));
  workbook = workbook_new_opt (temporary, &options);
  if (workbook == NULL)
    {
      g_unlink (temporary);
      return write_error (error, path, g_strerror (errno));
    }
  sheet = workbook_add_worksheet (workbook, sheet_name);
  bold = workbook_add_format (workbook);
  format_set_bold (bold);
  widths = g_new0 (guint, n_columns);

  for (guint c = 0; c < n_columns; c++)
    {
      worksheet_write_string (sheet, 0, (lxw_col_t) c, _(header[c]), bold);
      widths[c] = text_width (_(header[c]));
    }
  for (guint r = 0; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);

      for (guint c = 0; c < n_columns && row[c] != NULL; c++)
        {
          worksheet_write_string (sheet, (lxw_row_t) (r + 1), (lxw_col_t) c, row[c], NULL);
          widths[c] = MAX (widths[c], MIN (text_width (row[c]), 60));
        }
    }
  for (guint c = 0; c < n_columns; c++)
    worksheet_set_column (sheet, (lxw_col_t) c, (lxw_col_t) c, widths[c] + 2, NULL);
  worksheet_freeze_panes (sheet, 1, 0);

  status = workbook_close (workbook);
  if (status != LXW_NO_ERROR)
    {
      g_unlink (temporary);
      return write_error (error, path, lxw_strerror (status));
    }
  if (g_rename (temporary, path) != 0)
    {
      int saved = errno;

      g_unlink (temporary);
      return write_error (error, path, g_strerror (saved));
    }
  return TRUE;
}

gboolean
sb_register_export_rows (const char * const *header,
                         GPtrArray          *rows,
                         const char         *sheet_name,
                         const char         *path,
                         SbTableFormat       format,
                         GError            **error)
{
  g_return_val_if_fail (header != NULL, FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (format == SB_TABLE_FORMAT_CSV)
    return write_csv (header, rows, path, error);
  return write_xlsx (header, rows, sheet_name, path, error);
}

const char * const *
sb_register_export_case_header (void)
{
  return case_header;
}

const char * const *
sb_register_export_history_header (void)
{
  return history_header;
}

/* A status as people read it; an id this version does not know (a newer
 * Shenbao's) as it is stored. */
static const char *
status_text (const char *status)
{
  const char *label = sb_case_status_label (status);

  return label != NULL ? label : status != NULL ? status : "";
}

static char *
day_or_empty (gint32 day)
{
  return day > 0 ? sb_date_to_string (day) : g_strdup ("");
}

char **
sb_register_export_case_row (const SbCase *a_case,
                             gint32        today,
                             SbCalendar   *calendar)
{
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  g_autofree char *round = g_strdup_printf ("%d", a_case->round);
  g_autofree char *received = day_or_empty (a_case->received);
  g_autofree char *accepted = day_or_empty (a_case->accepted);
  g_autofree char *deadline = day_or_empty (a_case->next_deadline);
  g_autofree char *left = g_strdup ("");

  if (a_case->next_deadline > 0 && calendar != NULL)
    {
      int count = 0;

      if (today <= a_case->next_deadline
          ? sb_calendar_working_days_between (calendar, today, a_case->next_deadline, &count, NULL)
          : sb_calendar_working_days_between (calendar, a_case->next_deadline, today, &count, NULL))
        {
          g_free (left);
          left = g_strdup_printf ("%d", today <= a_case->next_deadline ? count : -count);
        }
    }

  g_strv_builder_add_many (row, a_case->reference, round, a_case->form_id, a_case->applicant, a_case->applicant_code,
                           status_text (a_case->status), received, accepted,
                           a_case->reviewer != NULL ? a_case->reviewer : "", deadline, left,
                           a_case->verified ? _("yes") : _("no"), a_case->problem != NULL ? a_case->problem : "",
                           a_case->packet_hash, a_case->packet_path != NULL ? a_case->packet_path : "",
                           a_case->review_path != NULL ? a_case->review_path : "", a_case->changed_by,
                           a_case->changed_at, NULL);
  return g_strv_builder_end (row);
}

char **
sb_register_export_history_row (const SbCase       *a_case,
                                const SbCaseChange *change)
{
  g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
  g_autofree char *round = g_strdup_printf ("%d", a_case->round);
  g_autofree char *day = day_or_empty (change->event_day);
  const SbInspection *inspection = change->inspection;
  g_autofree char *inspected = day_or_empty (inspection != NULL ? inspection->inspected : 0);

  g_strv_builder_add_many (row, a_case->reference, round, change->at, change->by,
                           status_text (change->from_status), status_text (change->to_status), change->event != NULL ? change->event : "", day,
                           change->why, NULL);
  g_strv_builder_add_many (row, inspection != NULL ? sb_inspection_result_label (inspection->passed) : "", inspected,
                           inspection != NULL ? inspection->inspector : "",
                           inspection != NULL && inspection->findings != NULL ? inspection->findings : "", NULL);
  return g_strv_builder_end (row);
}
