/* sb-pdf-renderer.c — an application packet as the PDF a person files
 *
 * Everything on the pages comes from the form definition: the cover, one
 * section per visible step, the materials with their hashes, the checks
 * with their citations, the notices, and the signature and seal boxes.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-renderer"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <qrencode.h>
#include <string.h>

#include "sb-field-format.h"
#include "sb-date.h"
#include "sb-material-status.h"
#include "sb-not-applicable.h"
#include "sb-pdf-fonts.h"
#include "sb-pdf-layout.h"
#include "sb-pdf-renderer.h"

static const char *chinese_numbers[] = {
  "一", "二", "三", "四", "五", "六", "七", "八", "九", "十",
  "十一", "十二", "十三", "十四", "十五", "十六", "十七", "十八", "十九", "二十",
};

/* Auxiliary functions */

static char *
section_title (guint       index,
               const char *title)
{
  if (index < G_N_ELEMENTS (chinese_numbers))
    return g_strdup_printf ("%s、%s", chinese_numbers[index], title);
  return g_strdup_printf ("%u. %s", index + 1, title);
}

/* "2024-03-15T08:00:00Z" -> "D:20240315080000Z" for PDF dates, and the
 * ISO form cairo's metadata wants. */
static char *
pdf_date (const char *iso)
{
  g_autoptr(GDateTime) time = iso ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;

  if (time == NULL)
    return g_strdup ("D:20000101000000Z");
  return g_date_time_format (time, "D:%Y%m%d%H%M%SZ");
}

static cairo_surface_t *
make_qr (const char *text,
         int        *modules)
{
  QRcode *code = QRcode_encodeString8bit (text, 0, QR_ECLEVEL_M);
  cairo_surface_t *surface;
  cairo_t *cr;

  if (code == NULL)
    return NULL;

  /* A recording surface keeps the code as vector squares in the PDF,
   * sharp at any print size. A quiet zone of four modules surrounds it. */
  *modules = code->width + 8;
  surface = cairo_recording_surface_create (CAIRO_CONTENT_COLOR_ALPHA,
                                            &(cairo_rectangle_t) { 0, 0, *modules, *modules });
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int y = 0; y < code->width; y++)
    for (int x = 0; x < code->width; x++)
      if (code->data[y * code->width + x] & 1)
        cairo_rectangle (cr, x + 4, y + 4, 1, 1);
  cairo_fill (cr);
  cairo_destroy (cr);
  QRcode_free (code);

  return surface;
}


static void
add_cover (SbPdfLayout           *layout,
           SbAnswers             *answers,
           const SbPdfPacketInfo *info)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
  GPtrArray *summary = sb_form_definition_get_summary_fields (definition);
  g_autofree char *qr_text = NULL;
  g_autofree char *regulation_text = NULL;
  cairo_surface_t *qr;
  int modules = 0;

  sb_pdf_layout_add_space (layout, 40);
  sb_pdf_layout_add_title (layout, sb_form_definition_get_title (definition)->zh_CN);
  regulation_text = g_strdup_printf ("依据：%s（%s）", regulation->title, regulation->document_no);
  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, regulation_text);
  sb_pdf_layout_add_space (layout, 24);

  for (guint i = 0; i < summary->len; i++)
    {
      SbField *field = g_ptr_array_index (summary, i);
      g_autofree char *value = sb_field_format_answer (field, sb_answers_get_field_json (answers, field->id));

      sb_pdf_layout_add_field (layout, field->label.zh_CN, value);
    }

  sb_pdf_layout_add_field (layout, "申请编号", info->reference);
  if (info->submission_date > 0)
    {
      g_autofree char *date = sb_date_to_string (info->submission_date);
      sb_pdf_layout_add_field (layout, "申请日期", date);
    }
  sb_pdf_layout_add_field (layout, "状态", info->draft ? "草稿（不能作为正式申请提交）" : "定稿");
  sb_pdf_layout_add_field (layout, "受理机关", sb_form_definition_get_guide_text (definition, "authority")->zh_CN);
  sb_pdf_layout_add_field (layout, "表单版本", sb_form_definition_get_version (definition));
  sb_pdf_layout_add_space (layout, 20);

  /* The code carries what a reviewer needs to match paper to file. */
  qr_text = g_strdup_printf ("SHENBAO:%s:%s", info->reference, info->integrity_hash);
  qr = make_qr (qr_text, &modules);
  if (qr != NULL)
    {
      g_autofree char *caption = g_strdup_printf ("申请包完整性校验值（SHA-256）\n%s", info->integrity_hash);

      sb_pdf_layout_add_image (layout, qr, modules, 110, caption);
      cairo_surface_destroy (qr);
    }
}

/* A table wider than this (in relative width units, about 21 mm each on
 * A4) is printed as several narrower tables, each repeating the row number
 * and the first column, so that no column is squeezed below a few
 * characters and a row is read across one table, not down a page. */
#define MAX_TABLE_WIDTH 8.0
/* Up to this many rows, a table wider than two printed tables is
 * printed row by row as labelled answers. */
#define FEW_ROWS 3
/* Roughly how many CJK characters of table text one unit holds. */
#define EMS_PER_UNIT 6.0

/* The width of @text in CJK character widths: Latin letters and digits
 * take a little over half of one. */
static double
text_ems (const char *text)
{
  double ems = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    ems += (guchar) *p < 0x80 ? 0.55 : 1.0;
  return ems;
}

/* A column is as wide as its longest cell on one line, within limits: the
 * header may wrap to three lines, long texts wrap. */
static double
column_width (double header_ems,
              double longest_ems,
              gboolean multiline)
{
  double width = MAX (header_ems / 3, longest_ems) / EMS_PER_UNIT;

  return CLAMP (width, 0.55, multiline ? 3.0 : 2.2);
}

static gboolean
is_number_column (const SbField *column)
{
  return column->type == SB_FIELD_DECIMAL || column->type == SB_FIELD_INTEGER;
}

/* A number column's header names its unit once ("面积（m²）"), unless
 * the label already does; its cells then show the bare numbers. */
static char *
column_header (const SbField *column)
{
  if (is_number_column (column) && column->unit != NULL && strstr (column->label.zh_CN, column->unit) == NULL)
    return g_strdup_printf ("%s（%s）", column->label.zh_CN, column->unit);
  return g_strdup (column->label.zh_CN);
}

/* @text without the " unit" sb_field_format_display() ends a number
 * with. */
static char *
strip_unit (const SbField *column,
            char          *text)
{
  if (is_number_column (column) && column->unit != NULL && text != NULL)
    {
      g_autofree char *suffix = g_strconcat (" ", column->unit, NULL);

      if (g_str_has_suffix (text, suffix))
        text[strlen (text) - strlen (suffix)] = '\0';
    }
  return text;
}

static gboolean
is_blank_cell (SbAnswers     *answers,
               const SbField *column,
               guint          row)
{
  JsonNode *table = sb_answers_get_field_json (answers, column->table->id);
  JsonNode *element, *cell;

  if (table == NULL || !JSON_NODE_HOLDS_ARRAY (table) || row >= json_array_get_length (json_node_get_array (table)))
    return TRUE;
  element = json_array_get_element (json_node_get_array (table), row);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return TRUE;
  cell = json_object_get_member (json_node_get_object (element), column->id);
  if (cell == NULL || JSON_NODE_HOLDS_NULL (cell))
    return TRUE;
  if (JSON_NODE_HOLDS_VALUE (cell) && json_node_get_value_type (cell) == G_TYPE_STRING)
    {
      for (const char *p = json_node_get_string (cell); *p != '\0'; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
      return TRUE;
    }
  return FALSE;
}

/* The sum of a "total" column over the rows, as the column shows a
 * number (exact: the answers are decimals); NULL when a cell is blank or
 * unreadable, so that a total never silently leaves a row out. */
static char *
column_total (SbAnswers     *answers,
              const SbField *column,
              guint          n_rows)
{
  g_autofree char *sum_text = NULL;
  g_autoptr(JsonNode) node = NULL;
  mpq_t sum;
  gboolean complete = TRUE;

  int digits = 0;
  guint counted = 0;

  mpq_init (sum);
  for (guint r = 0; r < n_rows; r++)
    {
      SbValue *value = sb_answers_get_cell_value (answers, column, r);
      g_autofree char *shown = NULL;
      const char *point;

      /* A blank cell (an office has no pupils' capacity) adds nothing;
       * one that was given but cannot be read leaves no total at all. */
      if (value == NULL && is_blank_cell (answers, column, r))
        continue;
      if (value == NULL || sb_value_get_kind (value) != SB_VALUE_NUMBER)
        {
          complete = FALSE;
          break;
        }
      counted++;
      mpq_add (sum, sum, sb_value_get_number (value));
      /* The total has as many decimals as the cells ("22.00" under
       * "3.20"). */
      shown = sb_field_format_display (answers, column, (int) r);
      point = strchr (shown, '.');
      if (point != NULL)
        digits = MAX (digits, (int) strspn (point + 1, "0123456789"));
    }
  sum_text = complete && counted > 0 ? sb_decimal_to_string (sum, digits) : NULL;
  mpq_clear (sum);
  if (sum_text == NULL)
    return NULL;

  node = json_node_init_string (json_node_alloc (), sum_text);
  return strip_unit (column, sb_field_format_answer (column, node));
}

/* A table's file columns are not printed in it: each row's files are in
 * the materials list ("第 3 行：…") with their type, size and hash, and
 * the names again in the appendix.  Printed here too, they made the
 * staff roster three tables wide.  The first column names the row and
 * stays. */
static gboolean
is_file_column (SbField *table,
                guint    index)
{
  return index > 0 && ((SbField *) g_ptr_array_index (table->columns, index))->type == SB_FIELD_ATTACHMENT;
}

static void
add_file_columns_note (SbPdfLayout *layout,
                       SbField     *table)
{
  GString *labels = g_string_new (NULL);

  for (guint c = 0; c < table->columns->len; c++)
    if (is_file_column (table, c))
      g_string_append_printf (labels, "%s%s", labels->len > 0 ? "、" : "",
                              ((SbField *) g_ptr_array_index (table->columns, c))->label.zh_CN);
  if (labels->len > 0)
    {
      g_autofree char *note = g_strdup_printf ("各行所附文件（%s）按行号列于材料清单。", labels->str);

      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, note);
    }
  g_string_free (labels, TRUE);
}

/* One printed table: the row number, then @columns (indexes into
 * @cells' rows) with their @widths; @totals (may be NULL) is the totals
 * row of all columns. */
static void
add_table_part (SbPdfLayout *layout,
                SbField     *table,
                GPtrArray   *cells,
                char       **totals,
                GArray      *columns,
                const double *widths)
{
  guint n_columns = columns->len + 1;
  g_autoptr(GPtrArray) headers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autofree double *part_widths = g_new0 (double, n_columns);
  g_autofree SbPdfColumnKind *kinds = g_new0 (SbPdfColumnKind, n_columns);
  gboolean any_total = FALSE;

  g_ptr_array_add (headers, g_strdup ("序号"));
  part_widths[0] = 0.5;
  kinds[0] = SB_PDF_COLUMN_NUMBER;
  for (guint c = 0; c < columns->len; c++)
    {
      guint index = g_array_index (columns, guint, c);
      SbField *column = g_ptr_array_index (table->columns, index);

      g_ptr_array_add (headers, column_header (column));
      part_widths[c + 1] = widths[index];
      kinds[c + 1] = is_number_column (column) ? SB_PDF_COLUMN_NUMBER : SB_PDF_COLUMN_TEXT;
      any_total = any_total || (totals != NULL && totals[index] != NULL);
    }
  g_ptr_array_add (headers, NULL);

  for (guint r = 0; r < cells->len; r++)
    {
      char **row_cells = g_ptr_array_index (cells, r);
      char **part = g_new0 (char *, n_columns + 1);

      part[0] = g_strdup_printf ("%u", r + 1);
      for (guint c = 0; c < columns->len; c++)
        part[c + 1] = g_strdup (row_cells[g_array_index (columns, guint, c)]);
      g_ptr_array_add (rows, part);
    }

  if (any_total)
    {
      char **part = g_new0 (char *, n_columns + 1);

      part[0] = g_strdup ("合计");
      for (guint c = 0; c < columns->len; c++)
        {
          const char *total = totals[g_array_index (columns, guint, c)];

          part[c + 1] = g_strdup (total ? total : "");
        }
      g_ptr_array_add (rows, part);
    }

  sb_pdf_layout_add_table_full (layout, n_columns, (const char * const *) headers->pdata, part_widths, kinds, rows,
                                any_total ? SB_PDF_TABLE_TOTALS : 0);
}

static void
add_table_field (SbPdfLayout *layout,
                 SbAnswers   *answers,
                 SbField     *table)
{
  JsonNode *node = sb_answers_get_field_json (answers, table->id);
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n_columns = table->columns->len;
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  /* Owned by an array, not a GStrv: a column without a total is a NULL
   * in the middle, where g_strfreev() would stop. */
  g_autoptr(GPtrArray) totals_owner = NULL;
  char **totals = NULL;
  g_autofree double *widths = NULL;
  double total = 0.5;
  guint n_rows;

  if (array == NULL || json_array_get_length (array) == 0 || n_columns == 0)
    {
      sb_pdf_layout_add_heading (layout, 2, table->label.zh_CN);
      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, "（无）");
      return;
    }

  n_rows = json_array_get_length (array);
  widths = g_new0 (double, n_columns);
  totals_owner = g_ptr_array_new_full (n_columns, g_free);
  g_ptr_array_set_size (totals_owner, n_columns);
  totals = (char **) totals_owner->pdata;
  for (guint r = 0; r < n_rows; r++)
    {
      char **row = g_new0 (char *, n_columns + 1);

      for (guint c = 0; c < n_columns; c++)
        {
          SbField *column = g_ptr_array_index (table->columns, c);

          row[c] = strip_unit (column, sb_field_format_display (answers, column, (int) r));
          widths[c] = MAX (widths[c], text_ems (row[c]));
        }
      g_ptr_array_add (cells, row);
    }
  for (guint c = 0; c < n_columns; c++)
    {
      SbField *column = g_ptr_array_index (table->columns, c);
      g_autofree char *header = column_header (column);

      if (column->total && is_number_column (column))
        {
          totals[c] = column_total (answers, column, n_rows);
          if (totals[c] != NULL)
            widths[c] = MAX (widths[c], text_ems (totals[c]));
        }
      widths[c] = column_width (text_ems (header), widths[c], column->type == SB_FIELD_MULTILINE);
      if (!is_file_column (table, c))
        total += widths[c];
    }

  if (total <= MAX_TABLE_WIDTH)
    {
      g_autoptr(GArray) all = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_columns);

      for (guint c = 0; c < n_columns; c++)
        if (!is_file_column (table, c))
          g_array_append_val (all, c);
      sb_pdf_layout_add_heading (layout, 2, table->label.zh_CN);
      add_table_part (layout, table, cells, totals, all, widths);
      add_file_columns_note (layout, table);
      return;
    }

  /* A wide table of a row or two (the sponsors) reads better as the
   * answers of each row, one under the other, than as four narrow tables
   * of one row each. */
  if (n_rows <= FEW_ROWS && total > 2 * MAX_TABLE_WIDTH)
    {
      for (guint r = 0; r < n_rows; r++)
        {
          char **row = g_ptr_array_index (cells, r);
          g_autofree char *heading = n_rows > 1 ? g_strdup_printf ("%s（第 %u 行）", table->label.zh_CN, r + 1)
                                                : g_strdup (table->label.zh_CN);

          sb_pdf_layout_add_heading (layout, 2, heading);
          for (guint c = 0; c < n_columns; c++)
            {
              SbField *column = g_ptr_array_index (table->columns, c);
              g_autofree char *label = column_header (column);

              if (!is_file_column (table, c) && sb_answers_is_cell_visible (answers, column, r))
                sb_pdf_layout_add_field (layout, label, row[c]);
            }
        }
      add_file_columns_note (layout, table);
      return;
    }

  /* Pack the other columns, in their order, into parts that fit beside the
   * row number and the first column, which every part repeats. */
  for (guint c = 1; c < n_columns; c++)
    {
      GArray *part = parts->len > 0 ? g_ptr_array_index (parts, parts->len - 1) : NULL;
      double used = 0.5;

      if (is_file_column (table, c))
        continue;
      for (guint i = 0; part != NULL && i < part->len; i++)
        used += widths[g_array_index (part, guint, i)];

      if (part == NULL || used + widths[c] > MAX_TABLE_WIDTH)
        {
          guint first = 0;

          part = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (part, first);
          g_ptr_array_add (parts, part);
        }
      g_array_append_val (part, c);
    }

  for (guint p = 0; p < parts->len; p++)
    {
      g_autofree char *heading = g_strdup_printf ("%s（%u/%u）", table->label.zh_CN, p + 1, parts->len);

      sb_pdf_layout_add_heading (layout, 2, heading);
      add_table_part (layout, table, cells, totals, g_ptr_array_index (parts, p), widths);
    }
  add_file_columns_note (layout, table);
}

static void
add_step (SbPdfLayout *layout,
          SbAnswers   *answers,
          SbStep      *step,
          guint        index)
{
  g_autofree char *title = section_title (index, step->title.zh_CN);

  sb_pdf_layout_add_heading (layout, 1, title);

  for (guint f = 0; f < step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (step->fields, f);

      if (!sb_answers_is_visible (answers, field))
        continue;

      if (field->type == SB_FIELD_TABLE)
        add_table_field (layout, answers, field);
      else if (field->computed != NULL)
        {
          g_autofree char *text = sb_field_format_display (answers, field, -1);

          sb_pdf_layout_add_field (layout, field->label.zh_CN, text);
        }
      else
        {
          g_autofree char *value = sb_field_format_answer (field, sb_answers_get_field_json (answers, field->id));

          sb_pdf_layout_add_field (layout, field->label.zh_CN, value);
        }
    }
}

static char *
format_size (gint64 size)
{
  if (size < 1024)
    return g_strdup_printf ("%" G_GINT64_FORMAT " B", size);
  if (size < 1024 * 1024)
    return g_strdup_printf ("%.1f KB", size / 1024.0);
  return g_strdup_printf ("%.1f MB", size / (1024.0 * 1024.0));
}

static const char *
requirement_text (SbMaterialRequirement requirement)
{
  switch (requirement)
    {
    case SB_MATERIAL_REQUIRED:
      return "必需";
    case SB_MATERIAL_CONDITIONAL:
      return "条件必需";
    case SB_MATERIAL_RECOMMENDED:
      return "建议提交";
    case SB_MATERIAL_GENERATED:
      return "本申请书";
    case SB_MATERIAL_OPTIONAL:
    default:
      return "选交";
    }
}

/* "PDF" for application/pdf, "PNG" for image/png… */
static char *
short_type (const char *media_type)
{
  const char *slash = media_type ? strchr (media_type, '/') : NULL;

  if (slash == NULL)
    return g_strdup (media_type ? media_type : "");
  return g_ascii_strup (slash + 1, -1);
}

static char *
status_text (const SbMaterialStatus *status)
{
  GString *text = g_string_new (sb_material_state_to_string_zh (status->state));

  if (status->state == SB_MATERIAL_NOT_APPLICABLE && status->reason.zh_CN != NULL)
    g_string_append_printf (text, "：%s", status->reason.zh_CN);
  if (status->missing->len > 0 && status->state != SB_MATERIAL_NOT_GIVEN)
    {
      g_string_append (text, status->files->len > 0 ? "（缺：" : "（应提交：");
      for (guint i = 0; i < status->missing->len; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? "、" : "",
                                ((SbField *) g_ptr_array_index (status->missing, i))->label.zh_CN);
      g_string_append (text, "）");
    }
  return g_string_free (text, FALSE);
}

static void
add_materials (SbPdfLayout *layout,
               GPtrArray   *statuses,
               guint        index)
{
  g_autofree char *title = section_title (index, "材料清单");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *headers[] = { "编号", "材料（要求｜状态）", "文件", "类型", "大小", "SHA-256 前 12 位", NULL };
  const SbPdfColumnKind kinds[] = {
    SB_PDF_COLUMN_TEXT, SB_PDF_COLUMN_TEXT, SB_PDF_COLUMN_TEXT,
    SB_PDF_COLUMN_TEXT, SB_PDF_COLUMN_NUMBER, SB_PDF_COLUMN_CODE,
  };
  const double widths[] = { 0.9, 2.65, 2.85, 0.45, 0.6, 1.05 };
  guint counts[5];
  g_autofree char *summary = NULL;

  sb_pdf_layout_add_heading (layout, 1, title);
  sb_material_status_count (statuses, counts);
  summary = g_strdup_printf ("已提交 %u 项，不适用 %u 项，未提交 %u 项，未提供（非必需）%u 项，本申请书生成 %u 项。"
                             "各文件的完整 SHA-256 校验值见附录。",
                             counts[SB_MATERIAL_SUBMITTED], counts[SB_MATERIAL_NOT_APPLICABLE],
                             counts[SB_MATERIAL_MISSING], counts[SB_MATERIAL_NOT_GIVEN],
                             counts[SB_MATERIAL_THIS_DOCUMENT]);
  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, summary);

  /* One row per file, so that no row grows taller than a page; the
   * material's own cells are on its first row. */
  for (guint m = 0; m < statuses->len; m++)
    {
      SbMaterialStatus *status = g_ptr_array_index (statuses, m);
      g_autofree char *state = status_text (status);
      GString *note = g_string_new (NULL);
      guint first_row = rows->len;

      if (status->way != NULL && status->way->label.zh_CN != NULL && status->state != SB_MATERIAL_NOT_APPLICABLE &&
          status->material->ways->len > 1)
        g_string_append (note, status->way->label.zh_CN);
      for (guint i = 0; i < status->answered->len; i++)
        g_string_append_printf (note, "%s见本申请书“%s”", note->len > 0 ? "\n" : "",
                                ((SbField *) g_ptr_array_index (status->answered, i))->label.zh_CN);
      if (status->state == SB_MATERIAL_THIS_DOCUMENT)
        g_string_append (note, "本文件");

      if (note->len > 0 || status->files->len == 0)
        {
          char **cells = g_new0 (char *, 7);

          for (guint c = 0; c < 6; c++)
            cells[c] = g_strdup ("");
          g_free (cells[2]);
          cells[2] = g_strdup (note->str);
          g_ptr_array_add (rows, cells);
        }
      g_string_free (note, TRUE);

      for (guint i = 0; i < status->files->len; i++)
        {
          SbMaterialFile *file = g_ptr_array_index (status->files, i);
          char **cells = g_new0 (char *, 7);

          cells[0] = g_strdup ("");
          cells[1] = g_strdup ("");
          cells[2] = file->row >= 0 ? g_strdup_printf ("第 %d 行：%s", file->row + 1, file->name) : g_strdup (file->name);
          cells[3] = short_type (file->media_type);
          cells[4] = format_size (file->size);
          cells[5] = sb_material_short_hash (file->sha256);
          g_ptr_array_add (rows, cells);
        }

      {
        char **first = g_ptr_array_index (rows, first_row);

        g_free (first[0]);
        first[0] = g_strdup (status->material->id);
        g_free (first[1]);
        first[1] = g_strdup_printf ("%s\n%s｜%s", status->material->title.zh_CN,
                                    requirement_text (status->material->requirement), state);
      }
    }

  sb_pdf_layout_add_table_full (layout, 6, headers, widths, kinds, rows, SB_PDF_TABLE_COMPACT);
}

/* Every file's full hash, one line each in a monospace face, so that the
 * materials list stays readable and a file can still be matched. */
static void
add_hash_appendix (SbPdfLayout           *layout,
                   SbAnswers             *answers,
                   const SbPdfPacketInfo *info)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *headers[] = { "序号", "文件", "SHA-256", NULL };
  const SbPdfColumnKind kinds[] = { SB_PDF_COLUMN_NUMBER, SB_PDF_COLUMN_TEXT, SB_PDF_COLUMN_CODE };
  /* A digit of the code face is 0.53 em wide: 64 at 7 pt take 239 pt
   * of the 459 pt between the margins; the code column holds that and
   * its padding, the file names share the rest. */
  const double widths[] = { 28, 171, 260 };

  for (guint a = 0; info->attachments != NULL && a < info->attachments->len; a++)
    {
      SbPdfAttachment *attachment = g_ptr_array_index (info->attachments, a);
      char **cells = g_new0 (char *, 4);

      cells[0] = g_strdup_printf ("%u", a + 1);
      cells[1] = attachment->row >= 0 ? g_strdup_printf ("第 %d 行：%s", attachment->row + 1, attachment->name)
                                      : g_strdup (attachment->name);
      cells[2] = g_strdup (attachment->sha256 ? attachment->sha256 : "");
      g_ptr_array_add (rows, cells);
    }

  if (rows->len == 0)
    return;
  sb_pdf_layout_add_heading (layout, 1, "附录　文件校验值（SHA-256）");
  sb_pdf_layout_add_table_full (layout, 3, headers, widths, kinds, rows, SB_PDF_TABLE_COMPACT);
}

/* A step is printed when any of its fields is shown. */
static gboolean
step_applies (SbAnswers *answers,
              SbStep    *step)
{
  for (guint f = 0; f < step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (step->fields, f);

      if (sb_answers_is_visible (answers, field) && !field->system)
        return TRUE;
    }
  return FALSE;
}

/* A key figure is left out, not shown as 0, when any answer it is made of
 * does not apply (the staff of a change that does not touch them): the
 * part is named under 不适用的部分 instead. */
static gboolean
summary_item_applies (SbAnswers     *answers,
                      SbSummaryItem *item)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  GPtrArray *fields = sb_form_definition_get_fields (definition);
  const GArray *ids;

  if (item->field != NULL)
    return sb_answers_is_visible (answers, item->field);

  ids = sb_expression_get_fields (item->value);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (!sb_answers_is_visible (answers, g_ptr_array_index (fields, g_array_index (ids, guint, i))))
      return FALSE;
  return TRUE;
}

static char *
summary_value (SbAnswers     *answers,
               SbSummaryItem *item)
{
  SbEvalScope scope;
  g_autoptr(SbValue) value = NULL;
  g_autofree char *text = NULL;

  if (item->field != NULL)
    return sb_field_format_display (answers, item->field, -1);

  sb_answers_init_scope (answers, &scope, NULL);
  value = sb_expression_evaluate (item->value, &scope);
  if (value == NULL || sb_value_is_null (value))
    return g_strdup ("");
  text = sb_value_to_display (value, item->scale >= 0 ? item->scale : 0, item->scale >= 0 ? item->scale : 2);
  if (item->unit != NULL && sb_value_get_kind (value) == SB_VALUE_NUMBER)
    {
      /* Shown as an answer in that unit is ("1,580,000.00 元"). */
      SbField number = { .type = SB_FIELD_DECIMAL, .unit = item->unit, .scale = item->scale };
      g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), text);

      return sb_field_format_answer (&number, node);
    }
  return g_steal_pointer (&text);
}

/* One page that says what the application is about and what the checks
 * found, for the clerk who reads the rest only where it matters. */
static void
add_summary (SbPdfLayout           *layout,
             SbAnswers             *answers,
             SbValidationReport    *report,
             const SbPdfPacketInfo *info,
             GPtrArray             *statuses)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
  GPtrArray *summary_fields = sb_form_definition_get_summary_fields (definition);
  GPtrArray *figures = sb_form_definition_get_summary (definition);
  GPtrArray *findings = sb_validation_report_get_findings (report);
  g_autofree char *regulation_text = g_strdup_printf ("%s（%s）", regulation->title, regulation->document_no);
  g_autofree char *checks = NULL;
  g_autofree char *materials = NULL;
  g_autoptr(GPtrArray) not_applicable = NULL;
  guint counts[5];

  sb_pdf_layout_add_heading (layout, 1, "申请概要");
  sb_pdf_layout_add_field (layout, "申报事项", sb_form_definition_get_title (definition)->zh_CN);
  sb_pdf_layout_add_field (layout, "依据", regulation_text);
  for (guint i = 0; i < summary_fields->len; i++)
    {
      SbField *field = g_ptr_array_index (summary_fields, i);
      g_autofree char *value = NULL;

      if (!sb_answers_is_visible (answers, field))
        continue;
      value = sb_field_format_display (answers, field, -1);
      sb_pdf_layout_add_field (layout, field->label.zh_CN, value);
    }
  sb_pdf_layout_add_field (layout, "申请编号", info->reference);

  for (guint i = 0, shown = 0; i < figures->len; i++)
    {
      SbSummaryItem *item = g_ptr_array_index (figures, i);
      g_autofree char *value = NULL;

      if (!summary_item_applies (answers, item))
        continue;
      if (shown++ == 0)
        sb_pdf_layout_add_heading (layout, 2, "主要指标");
      value = summary_value (answers, item);
      sb_pdf_layout_add_field (layout, item->label.zh_CN, value);
    }

  sb_pdf_layout_add_heading (layout, 2, "校验结论");
  checks = g_strdup_printf ("按%s的 %u 条规则校验：错误 %u 项，警告 %u 项，告知事项 %u 项。",
                            regulation->short_name, sb_form_definition_get_rules (definition)->len,
                            sb_validation_report_count (report, SB_SEVERITY_ERROR),
                            sb_validation_report_count (report, SB_SEVERITY_WARNING),
                            sb_validation_report_count (report, SB_SEVERITY_INFO));
  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, checks);
  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *line = NULL;

      if (finding->severity == SB_SEVERITY_INFO)
        continue;
      if (finding->severity == SB_SEVERITY_WARNING)
        {
          const char *justification = info->justifications
            ? g_hash_table_lookup (info->justifications, finding->rule_id) : NULL;

          line = g_strdup_printf ("警告 %s：%s　申请人说明：%s", finding->rule_id, finding->message_zh,
                                  justification ? justification : "（未填写）");
        }
      else
        line = g_strdup_printf ("错误 %s：%s", finding->rule_id, finding->message_zh);
      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, line);
    }

  sb_material_status_count (statuses, counts);
  materials = g_strdup_printf ("已提交 %u 项，不适用 %u 项，未提交 %u 项，未提供（非必需）%u 项，本申请书生成 %u 项。",
                               counts[SB_MATERIAL_SUBMITTED], counts[SB_MATERIAL_NOT_APPLICABLE],
                               counts[SB_MATERIAL_MISSING], counts[SB_MATERIAL_NOT_GIVEN],
                               counts[SB_MATERIAL_THIS_DOCUMENT]);
  sb_pdf_layout_add_heading (layout, 2, "材料");
  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, materials);

  /* What the application's case leaves out is named once here, with the
   * reason, instead of being printed empty. */
  not_applicable = sb_not_applicable_list (answers);
  if (not_applicable->len > 0)
    sb_pdf_layout_add_heading (layout, 2, "不适用的部分");
  for (guint i = 0; i < not_applicable->len; i++)
    {
      g_autofree char *line = sb_not_applicable_describe (g_ptr_array_index (not_applicable, i));

      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, line);
    }
}

static void
add_findings (SbPdfLayout           *layout,
              SbValidationReport    *report,
              const SbPdfPacketInfo *info,
              SbSeverity             severity,
              const char            *heading)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  gboolean any = FALSE;

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *line = NULL;

      if (finding->severity != severity)
        continue;

      if (!any)
        sb_pdf_layout_add_heading (layout, 2, heading);
      any = TRUE;

      if (finding->row >= 0)
        line = g_strdup_printf ("%s（第 %d 行）：%s", finding->rule_id, finding->row + 1, finding->message_zh);
      else
        line = g_strdup_printf ("%s：%s", finding->rule_id, finding->message_zh);
      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_EMPHASIS, line);

      if (finding->rule != NULL)
        {
          g_autofree char *citation = sb_citation_format (&finding->rule->citation);
          g_autofree char *basis = g_strdup_printf ("依据：%s　%s", citation, finding->rule->citation.text);

          sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, basis);
        }

      if (severity == SB_SEVERITY_WARNING)
        {
          const char *justification = info->justifications
            ? g_hash_table_lookup (info->justifications, finding->rule_id) : NULL;
          g_autofree char *text = g_strdup_printf ("申请人说明：%s", justification ? justification : "（未填写）");

          sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, text);
        }
    }
}

static void
add_checks (SbPdfLayout           *layout,
            SbAnswers             *answers,
            SbValidationReport    *report,
            const SbPdfPacketInfo *info,
            guint                  index)
{
  SbFormDefinition *definition = sb_answers_get_definition (answers);
  g_autofree char *title = section_title (index, "校验结果");
  g_autofree char *summary = NULL;
  guint errors = sb_validation_report_count (report, SB_SEVERITY_ERROR);
  guint warnings = sb_validation_report_count (report, SB_SEVERITY_WARNING);

  sb_pdf_layout_add_heading (layout, 1, title);
  summary = g_strdup_printf ("按%s的 %u 条规则校验：错误 %u 项，警告 %u 项（附申请人说明，由审核机关决定）。",
                             sb_form_definition_get_regulation (definition)->short_name,
                             sb_form_definition_get_rules (definition)->len, errors, warnings);
  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, summary);

  add_findings (layout, report, info, SB_SEVERITY_ERROR, "错误");
  add_findings (layout, report, info, SB_SEVERITY_WARNING, "警告及申请人说明");
}

static void
add_notices (SbPdfLayout        *layout,
             SbValidationReport *report,
             guint               index)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  g_autofree char *title = section_title (index, "告知事项");
  guint number = 0;

  sb_pdf_layout_add_heading (layout, 1, title);
  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *text = NULL;

      if (finding->severity != SB_SEVERITY_INFO || finding->rule == NULL)
        continue;

      text = g_strdup_printf ("%u. %s", ++number, finding->message_zh);
      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, text);
      {
        g_autofree char *citation = sb_citation_format (&finding->rule->citation);
        g_autofree char *basis = g_strdup_printf ("依据：%s", citation);

        sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, basis);
      }
    }

  if (number == 0)
    sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, "（无）");
}

static void
add_declaration (SbPdfLayout *layout,
                 guint        index)
{
  g_autofree char *title = section_title (index, "签字盖章");
  const char *boxes[] = { "申请人（法定代表人／负责人）签字", "申请单位（盖章）", "日期", NULL };

  sb_pdf_layout_add_heading (layout, 1, title);
  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY,
                               "本人（本单位）承诺：以上所填内容及所附材料真实、准确、完整，如有虚假，愿承担相应责任。");
  sb_pdf_layout_add_boxes (layout, boxes, 90);
}

/* Public API */

GBytes *
sb_pdf_render_packet (SbAnswers              *answers,
                      SbValidationReport     *report,
                      const SbPdfPacketInfo  *info,
                      guint                  *n_pages,
                      GError                **error)
{
  SbFormDefinition *definition;
  g_autoptr(SbPdfLayout) layout = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *header_left = NULL;
  g_autofree char *created = NULL;
  g_autofree char *modified = NULL;
  SbPdfMetadata metadata = { 0 };
  g_autoptr(GPtrArray) statuses = NULL;
  GPtrArray *steps;
  guint section = 0;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (info != NULL && info->reference != NULL && info->integrity_hash != NULL, NULL);
  g_return_val_if_fail (info->packet_json != NULL, NULL);

  /* Refused before anything is measured: without its font the layout has
   * no glyphs to measure with. */
  if (!sb_pdf_fonts_check (error))
    return NULL;

  definition = sb_answers_get_definition (answers);
  steps = sb_form_definition_get_steps (definition);
  summary = sb_answers_dup_summary (answers);

  layout = sb_pdf_layout_new ();
  header_left = g_strdup_printf ("%s%s%s", sb_form_definition_get_title (definition)->zh_CN,
                                 *summary ? " · " : "", summary);
  sb_pdf_layout_set_header (layout, header_left, info->reference);
  if (info->draft)
    sb_pdf_layout_set_watermark (layout, "草稿");

  add_cover (layout, answers, info);

  statuses = sb_material_status_compute (answers, NULL);
  sb_pdf_layout_add_page_break (layout);
  add_summary (layout, answers, report, info, statuses);

  /* The steps follow one another as sections of one document; a page
   * break for each left half-empty pages in every packet. */
  sb_pdf_layout_add_page_break (layout);
  for (guint s = 0; s < steps->len; s++)
    {
      SbStep *step = g_ptr_array_index (steps, s);

      if (step_applies (answers, step))
        add_step (layout, answers, step, section++);
    }

  add_materials (layout, statuses, section++);
  add_checks (layout, answers, report, info, section++);
  add_notices (layout, report, section++);
  add_hash_appendix (layout, answers, info);
  add_declaration (layout, section++);

  created = g_strdup (info->created ? info->created : "2000-01-01T00:00:00Z");
  modified = g_strdup (info->finalised ? info->finalised : created);
  metadata.title = sb_form_definition_get_title (definition)->zh_CN;
  metadata.author = *summary ? summary : info->reference;
  metadata.subject = sb_form_definition_get_regulation (definition)->document_no;
  metadata.keywords = info->reference;
  metadata.created = created;
  metadata.modified = modified;
  pdf = sb_pdf_layout_render_pdf (layout, &metadata, n_pages, error);
  if (pdf == NULL)
    return NULL;

  {
    g_autofree char *mod_date = pdf_date (modified);

    return sb_pdf_embed_file (pdf, SB_PDF_PACKET_NAME, "application/json",
                              "申请包（机器可读）/ Application packet", mod_date, info->packet_json, error);
  }
}

GBytes *
sb_pdf_render_from_packet (SbPacket  *packet,
                           guint     *n_pages,
                           GError   **error)
{
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GBytes) packet_bytes = NULL;
  SbPdfPacketInfo info = { 0 };

  g_return_val_if_fail (SB_IS_PACKET (packet), NULL);

  for (guint i = 0; i < sb_packet_get_attachments (packet)->len; i++)
    {
      SbPacketAttachment *attachment = g_ptr_array_index (sb_packet_get_attachments (packet), i);
      SbPdfAttachment *item = g_new0 (SbPdfAttachment, 1);

      /* Borrowed from the packet, which outlives the rendering. */
      item->field = attachment->field;
      item->row = attachment->row;
      item->name = attachment->name;
      item->media_type = attachment->media_type;
      item->size = attachment->size;
      item->sha256 = attachment->sha256;
      g_ptr_array_add (attachments, item);
    }

  packet_bytes = sb_packet_to_bytes (packet);
  info.reference = sb_packet_get_reference (packet);
  info.integrity_hash = sb_packet_get_integrity_hash (packet);
  info.draft = sb_packet_is_draft (packet);
  info.submission_date = sb_packet_get_submission_date (packet);
  info.created = sb_packet_get_created (packet);
  info.finalised = sb_packet_get_finalised (packet);
  info.justifications = sb_packet_get_justifications (packet);
  info.attachments = attachments;
  info.packet_json = packet_bytes;

  return sb_pdf_render_packet (sb_packet_get_answers (packet), sb_packet_get_report (packet), &info, n_pages, error);
}

/* Whether @needle is in the @length bytes at @data, NUL bytes and all
 * (g_strstr_len() would stop at the first NUL). */
static gboolean
contains (const char *data,
          gsize       length,
          const char *needle)
{
  gsize n = strlen (needle);

  for (const char *p = data; p != NULL && (gsize) (data + length - p) >= n; p++)
    {
      p = memchr (p, needle[0], data + length - p);
      if (p != NULL && (gsize) (data + length - p) >= n && memcmp (p, needle, n) == 0)
        return TRUE;
      if (p == NULL)
        break;
    }
  return FALSE;
}

SbPacket *
sb_pdf_read_packet (GFile           *file,
                    SbFormRegistry  *registry,
                    SbCalendar      *calendar,
                    gboolean        *from_pdf,
                    GError         **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  gboolean is_pdf;
  gsize length;
  const char *data;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_IO, "%s: %s", name, local_error->message);
      return NULL;
    }
  /* A folder, a pipe or a device (/dev/zero) has no size to check first and
   * may never end: only regular files are read. */
  if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_IO, _("%s: not a regular file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > SB_PACKET_MAX_SIZE)
    {
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID, _("%s is larger than a packet may be"), name);
      return NULL;
    }

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_IO, "%s: %s", name, local_error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &length);
  is_pdf = length >= 5 && memcmp (data, "%PDF-", 5) == 0;
  if (from_pdf != NULL)
    *from_pdf = is_pdf;
  if (is_pdf)
    {
      GBytes *embedded = sb_pdf_extract_file (bytes, SB_PDF_PACKET_NAME, &local_error);

      if (embedded == NULL)
        {
          g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID, "%s: %s", name, local_error->message);
          return NULL;
        }
      g_bytes_unref (bytes);
      bytes = embedded;
    }
  /* A file that is not a PDF is read as JSON only if no PDF reader would
   * open it as a PDF either: readers find a header anywhere in the first
   * kilobyte, and some go by the trailer at the end alone.  Otherwise one
   * file would show the reviewer a verified packet here and other pages in
   * a PDF reader (a JSON/PDF polyglot).  Neither marker has any business in
   * a packet: file bytes are base64, which has no "%". */
  else if (contains (data, length, "%PDF-") || contains (data, length, "startxref"))
    {
      g_set_error (error, SB_PACKET_ERROR, SB_PACKET_ERROR_INVALID,
                   _("%s is not read: it does not begin as a PDF does, but holds one (a file that is both JSON "
                     "and PDF is refused)"), name);
      return NULL;
    }

  {
    SbPacket *packet = sb_packet_new_from_bytes (bytes, registry, calendar, error);

    /* Every message names the file: a batch of packets needs to know which. */
    if (packet == NULL)
      g_prefix_error (error, "%s: ", name);
    return packet;
  }
}
