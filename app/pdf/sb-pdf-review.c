/* sb-pdf-review.c — the reviewer's documents: one-time notice and opinion
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-review"

#include "config.h"

#include <cairo-pdf.h>

#include "sb-date.h"
#include "sb-pdf-fonts.h"
#include "sb-pdf-layout.h"
#include "sb-pdf-review.h"

/* "“建筑面积”（第 3 行）" for a note about a field, the material's title
 * for a note about a material, NULL for a general note. */
static char *
note_subject (SbFormDefinition   *definition,
              const SbReviewNote *note)
{
  if (note->field != NULL)
    {
      SbField *field = sb_form_definition_lookup_path (definition, note->field);
      const char *label = field ? field->label.zh_CN : note->field;

      if (field != NULL && field->table != NULL)
        {
          if (note->row >= 0)
            return g_strdup_printf ("“%s”第 %d 行“%s”", field->table->label.zh_CN, note->row + 1, label);
          return g_strdup_printf ("“%s”的“%s”", field->table->label.zh_CN, label);
        }
      if (note->row >= 0)
        return g_strdup_printf ("“%s”第 %d 行", label, note->row + 1);
      return g_strdup_printf ("“%s”", label);
    }

  if (note->material != NULL)
    {
      GPtrArray *materials = sb_form_definition_get_materials (definition);

      for (guint i = 0; i < materials->len; i++)
        {
          SbMaterial *material = g_ptr_array_index (materials, i);

          if (g_str_equal (material->id, note->material))
            return g_strdup_printf ("材料“%s”（%s）", material->title.zh_CN, material->id);
        }
      return g_strdup_printf ("材料 %s", note->material);
    }

  return NULL;
}

/* A correction as the notice words it: "“建筑面积”第 3 行：…", or the
 * note alone when it is about the application as a whole. */
static char *
note_line (SbFormDefinition   *definition,
           const SbReviewNote *note)
{
  g_autofree char *subject = note_subject (definition, note);

  return subject ? g_strdup_printf ("%s：%s", subject, note->text) : g_strdup (note->text);
}

/* A checklist point that does not comply, as the notice words it. */
static char *
checklist_line (const SbChecklistItem *item,
                const char            *note)
{
  return g_strdup_printf ("%s（%s）%s%s", item->title.zh_CN, item->id, note ? "：" : "", note ? note : "");
}

static const char *
decision_label (SbFormDefinition *definition,
                const char       *decision)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (definition);

  for (guint i = 0; decision != NULL && i < decisions->len; i++)
    {
      SbDecision *item = g_ptr_array_index (decisions, i);

      if (g_str_equal (item->id, decision))
        return item->label.zh_CN;
    }
  return "（尚未作出）";
}

/* The checklist point a correction of a recorded notice words (it begins
 * with the point's title and id, as checklist_line() writes it), or NULL:
 * its citation is printed under it as in the draft. */
static SbChecklistItem *
correction_checklist_item (SbFormDefinition *definition,
                           const char       *correction)
{
  GPtrArray *checklist = sb_form_definition_get_checklist (definition);

  for (guint i = 0; i < checklist->len; i++)
    {
      SbChecklistItem *item = g_ptr_array_index (checklist, i);
      g_autofree char *start = g_strdup_printf ("%s（%s）", item->title.zh_CN, item->id);

      if (g_str_has_prefix (correction, start))
        return item;
    }
  return NULL;
}

static void
add_numbered (SbPdfLayout *layout,
              guint       *number,
              const char  *correction)
{
  g_autofree char *line = g_strdup_printf ("%u. %s", ++*number, correction);

  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, line);
}

static void
add_citation (SbPdfLayout        *layout,
              const SbRegulation *regulation,
              SbChecklistItem    *item)
{
  g_autofree char *basis = NULL;

  if (item == NULL || item->citation == NULL)
    return;
  basis = g_strdup_printf ("依据：%s%s", regulation->short_name, item->citation);
  sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, basis);
}

/* The corrections as the review has them now (a draft notice). */
static guint
add_review_corrections (SbPdfLayout      *layout,
                        SbReview         *review)
{
  SbFormDefinition *definition = sb_review_get_definition (review);
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
  GPtrArray *notes = sb_review_get_notes (review);
  GPtrArray *checklist = sb_form_definition_get_checklist (definition);
  guint number = 0;

  for (guint i = 0; i < notes->len; i++)
    {
      g_autofree char *correction = note_line (definition, g_ptr_array_index (notes, i));

      add_numbered (layout, &number, correction);
    }
  for (guint i = 0; i < checklist->len; i++)
    {
      SbChecklistItem *item = g_ptr_array_index (checklist, i);
      const char *note = NULL;
      g_autofree char *correction = NULL;

      if (sb_review_get_check (review, item->id, &note) != SB_CHECK_PROBLEM)
        continue;
      correction = checklist_line (item, note);
      add_numbered (layout, &number, correction);
      add_citation (layout, regulation, item);
    }
  return number;
}

/* The corrections as the register recorded them: the notice sent says
 * what was sent, whatever the review has become since. */
static guint
add_recorded_corrections (SbPdfLayout    *layout,
                          SbReview       *review,
                          const SbNotice *notice)
{
  SbFormDefinition *definition = sb_review_get_definition (review);
  const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
  guint number = 0;

  for (guint i = 0; notice->corrections != NULL && notice->corrections[i] != NULL; i++)
    {
      add_numbered (layout, &number, notice->corrections[i]);
      add_citation (layout, regulation, correction_checklist_item (definition, notice->corrections[i]));
    }
  return number;
}

static const char *
text_or_empty (const char *text)
{
  return text != NULL ? text : "";
}

/* @notice: the recorded notice, for a notice that is not a draft. */
static GBytes *
render_document (SbReview          *review,
                 SbReviewDocument   document,
                 const char        *applicant,
                 gboolean           draft,
                 const SbNotice    *notice,
                 SbCalendar        *calendar,
                 GError           **error)
{
  SbFormDefinition *definition;
  const SbRegulation *regulation;
  g_autoptr(SbPdfLayout) layout = sb_pdf_layout_new ();
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) review_json = NULL;
  g_autofree char *received = NULL;
  g_autofree char *dated = NULL;
  g_autofree char *iso_date = NULL;
  g_autofree char *pdf_date = NULL;
  SbPdfMetadata metadata = { 0 };
  GPtrArray *checklist;
  guint number = 0;
  const char *title;
  gboolean is_notice = document == SB_REVIEW_DOCUMENT_NOTICE;

  if (!sb_pdf_fonts_check (error))
    return NULL;

  definition = sb_review_get_definition (review);
  regulation = sb_form_definition_get_regulation (definition);
  checklist = sb_form_definition_get_checklist (definition);
  received = sb_date_to_string (sb_review_get_received (review));
  /* A notice is dated the day it was sent; an opinion the day decided. */
  dated = sb_date_to_string (notice != NULL ? notice->sent
                             : sb_review_get_decided (review) > 0 ? sb_review_get_decided (review)
                             : sb_review_get_received (review));
  title = !is_notice ? "审核意见" : draft ? "申请材料补正一次性告知单（草稿）" : "申请材料补正一次性告知单";

  sb_pdf_layout_set_header (layout, title, notice != NULL ? notice->number : sb_review_get_packet_reference (review));
  if (draft)
    sb_pdf_layout_set_watermark (layout, "草稿");
  sb_pdf_layout_add_space (layout, 20);
  sb_pdf_layout_add_title (layout, title);
  if (draft)
    sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_EMPHASIS,
                                 "草稿：本告知单尚未在案件登记簿中登记，没有告知单编号和补正期限，不得送达申请人。"
                                 "在审核页“登记簿中的案件”中登记一次性告知补正后，即生成正式告知单。");
  if (notice != NULL)
    sb_pdf_layout_add_field (layout, "告知单编号", notice->number);
  sb_pdf_layout_add_field (layout, "申请事项", sb_form_definition_get_title (definition)->zh_CN);
  sb_pdf_layout_add_field (layout, "申请人", applicant);
  sb_pdf_layout_add_field (layout, "申请编号", sb_review_get_packet_reference (review));
  sb_pdf_layout_add_field (layout, "收件日期", received);
  /* The hash, out of the reader's way as in the application's PDF: its
   * first 12 digits here, all 64 on one monospace line at the end. */
  {
    const char *hash = sb_review_get_packet_hash (review);
    g_autofree char *short_hash = hash ? g_strdup_printf ("%.12s…（全文见文末）", hash) : NULL;

    sb_pdf_layout_add_field (layout, "申请包校验值", short_hash);
  }

  if (document == SB_REVIEW_DOCUMENT_OPINION)
    {
      sb_pdf_layout_add_heading (layout, 1, "审核结论");
      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_EMPHASIS,
                                   decision_label (definition, sb_review_get_decision (review)));
      /* A refusal's reason and the clause it rests on (sb-review.h). */
      if (sb_review_get_decision_reason (review) != NULL)
        {
          g_autofree char *reason = g_strdup_printf ("理由：%s", sb_review_get_decision_reason (review));

          sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, reason);
        }
      for (guint i = 0; i < checklist->len; i++)
        {
          SbChecklistItem *item = g_ptr_array_index (checklist, i);
          g_autofree char *basis = NULL;

          if (g_strcmp0 (item->id, sb_review_get_decision_clause (review)) != 0)
            continue;
          basis = g_strdup_printf ("依据：%s%s；审核要点：%s（%s）", regulation->short_name,
                                   item->citation ? item->citation : "", item->title.zh_CN, item->id);
          sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, basis);
        }
    }

  sb_pdf_layout_add_heading (layout, 1, is_notice ? "需要补正的内容" : "审核意见");
  if (is_notice)
    sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY,
                                 "经审查，你（单位）提交的申请材料不齐全或者不符合规定形式，现将需要补正的全部内容一次性告知如下，"
                                 "请补正后重新提交：");

  number = notice != NULL ? add_recorded_corrections (layout, review, notice) : add_review_corrections (layout, review);
  if (number == 0)
    sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, "（无）");

  {
    g_autofree char *basis = g_strdup_printf ("依据：%s（%s）", regulation->title, regulation->document_no);
    sb_pdf_layout_add_space (layout, 8);
    sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, basis);
  }

  if (notice != NULL)
    {
      gint32 end = sb_notice_period_end (notice, calendar);
      g_autofree char *end_text = end > 0 ? sb_date_to_string (end) : NULL;
      g_autofree char *period = end_text != NULL
        ? g_strdup_printf ("请自本告知单发出之日（%s）起 %d 个工作日内补正，即至 %s（含）止。", dated,
                           notice->correction_days, end_text)
        : g_strdup_printf ("请自本告知单发出之日（%s）起 %d 个工作日内补正。", dated, notice->correction_days);

      sb_pdf_layout_add_heading (layout, 2, "补正期限");
      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_BODY, period);
    }

  sb_pdf_layout_add_heading (layout, 2, "审核机关签章");
  sb_pdf_layout_add_field (layout, "审核人", sb_review_get_reviewer_name (review) != NULL
                                            ? sb_review_get_reviewer_name (review)
                                            : notice != NULL ? notice->by : NULL);
  sb_pdf_layout_add_field (layout, "审核机关", notice != NULL ? notice->office : sb_review_get_reviewer_office (review));
  if (notice != NULL)
    sb_pdf_layout_add_field (layout, "联系方式", notice->contact);
  sb_pdf_layout_add_field (layout, "日期", dated);
  {
    const char *boxes[] = { "审核机关（盖章）", NULL };
    sb_pdf_layout_add_boxes (layout, boxes, 90);
  }
  if (sb_review_get_packet_hash (review) != NULL)
    {
      sb_pdf_layout_add_space (layout, 12);
      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_SMALL, "申请包完整性校验值（SHA-256）：");
      sb_pdf_layout_add_paragraph (layout, SB_PDF_TEXT_MONOSPACE, sb_review_get_packet_hash (review));
    }

  iso_date = g_strdup_printf ("%sT00:00:00Z", dated);
  metadata.title = title;
  metadata.author = notice != NULL ? text_or_empty (notice->office) : text_or_empty (sb_review_get_reviewer_office (review));
  metadata.subject = notice != NULL ? notice->number : sb_review_get_packet_reference (review);
  metadata.created = iso_date;
  metadata.modified = iso_date;
  pdf = sb_pdf_layout_render_pdf (layout, &metadata, NULL, error);
  if (pdf == NULL)
    return NULL;

  review_json = sb_review_to_bytes (review);
  pdf_date = g_strdup_printf ("D:%c%c%c%c%c%c%c%c000000Z", dated[0], dated[1], dated[2], dated[3],
                              dated[5], dated[6], dated[8], dated[9]);
  return sb_pdf_embed_file (pdf, SB_PDF_REVIEW_NAME, "application/json", "审核记录（机器可读）/ Review",
                            pdf_date, review_json, error);
}

GBytes *
sb_pdf_render_review (SbReview          *review,
                      SbReviewDocument   document,
                      const char        *applicant,
                      GError           **error)
{
  g_return_val_if_fail (SB_IS_REVIEW (review), NULL);

  return render_document (review, document, applicant, document == SB_REVIEW_DOCUMENT_NOTICE, NULL, NULL, error);
}

GBytes *
sb_pdf_render_notice (SbReview        *review,
                      const char      *applicant,
                      const SbNotice  *notice,
                      SbCalendar      *calendar,
                      GError         **error)
{
  g_return_val_if_fail (SB_IS_REVIEW (review), NULL);
  g_return_val_if_fail (calendar == NULL || SB_IS_CALENDAR (calendar), NULL);

  return render_document (review, SB_REVIEW_DOCUMENT_NOTICE, applicant, notice == NULL, notice, calendar, error);
}

char **
sb_pdf_review_dup_corrections (SbReview *review)
{
  SbFormDefinition *definition;
  GPtrArray *notes;
  GPtrArray *checklist;
  GPtrArray *lines = g_ptr_array_new ();

  g_return_val_if_fail (SB_IS_REVIEW (review), NULL);

  definition = sb_review_get_definition (review);
  notes = sb_review_get_notes (review);
  checklist = sb_form_definition_get_checklist (definition);
  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_add (lines, note_line (definition, g_ptr_array_index (notes, i)));
  for (guint i = 0; i < checklist->len; i++)
    {
      SbChecklistItem *item = g_ptr_array_index (checklist, i);
      const char *note = NULL;

      if (sb_review_get_check (review, item->id, &note) == SB_CHECK_PROBLEM)
        g_ptr_array_add (lines, checklist_line (item, note));
    }
  g_ptr_array_add (lines, NULL);
  return (char **) g_ptr_array_free (lines, FALSE);
}
