/* sb-pdf-layout.c — flowing an official document onto A4 pages
 *
 * Two passes: pagination measures every block with Pango and decides
 * what goes on which page; drawing then knows the page count for the
 * "第 N 页 共 M 页" footers.  All measures are in PDF points; the Pango
 * context runs at 72 dpi with metric hinting off so that measuring and
 * drawing agree exactly.
 *
 * This file holds the block list, measuring and pagination; tables are in
 * sb-pdf-layout-table.c, drawing and writing the PDF in
 * sb-pdf-layout-draw.c.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-layout"

#include "config.h"

#include "sb-pdf-layout-private.h"

G_DEFINE_FINAL_TYPE (SbPdfLayout, sb_pdf_layout, G_TYPE_OBJECT)

/* Auxiliary functions */

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->label);
  g_strfreev (block->headers);
  g_free (block->widths);
  g_free (block->kinds);
  g_free (block->fractions);
  g_clear_pointer (&block->rows, g_ptr_array_unref);
  g_clear_pointer (&block->image, cairo_surface_destroy);
  g_strfreev (block->labels);
  g_clear_object (&block->layout);
  g_clear_object (&block->label_layout);
  g_clear_pointer (&block->line_tops, g_array_unref);
  g_free (block->row_heights);
  g_clear_pointer (&block->cells, g_ptr_array_unref);
  g_free (block);
}

static Block *
add_block (SbPdfLayout *self,
           BlockKind    kind)
{
  Block *block = g_new0 (Block, 1);

  block->kind = kind;
  g_ptr_array_add (self->blocks, block);
  return block;
}

static PangoFontDescription *
font_for (const char *family,
          double      size,
          PangoWeight weight)
{
  PangoFontDescription *description = pango_font_description_new ();

  pango_font_description_set_family (description, family);
  pango_font_description_set_absolute_size (description, size * PANGO_SCALE);
  pango_font_description_set_weight (description, weight);
  return description;
}

PangoLayout *
sb_pdf_layout_make_layout (SbPdfLayout *self,
                           const char  *text,
                           const char  *family,
                           double       size,
                           PangoWeight  weight,
                           double       width,
                           PangoAlignment alignment)
{
  PangoLayout *layout = pango_layout_new (self->context);
  g_autoptr(PangoFontDescription) font = font_for (family, size, weight);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_width (layout, width < 0 ? -1 : (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

double
sb_pdf_layout_layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static PangoLayout *
make_styled_layout (SbPdfLayout    *self,
                    SbPdfTextStyle  style,
                    const char     *text,
                    double          width)
{
  switch (style)
    {
    case SB_PDF_TEXT_SMALL:
      return sb_pdf_layout_make_layout (self, text, FONT_SANS, 8.5, PANGO_WEIGHT_NORMAL, width, PANGO_ALIGN_LEFT);
    case SB_PDF_TEXT_EMPHASIS:
      return sb_pdf_layout_make_layout (self, text, FONT_SANS, 10.5, PANGO_WEIGHT_BOLD, width, PANGO_ALIGN_LEFT);
    case SB_PDF_TEXT_MONOSPACE:
      return sb_pdf_layout_make_layout (self, text, FONT_MONO, 8.5, PANGO_WEIGHT_NORMAL, width, PANGO_ALIGN_LEFT);
    case SB_PDF_TEXT_BODY:
    default:
      return sb_pdf_layout_make_layout (self, text, FONT_SANS, 10.5, PANGO_WEIGHT_NORMAL, width, PANGO_ALIGN_LEFT);
    }
}

/* The top of every line of @layout and, last, its total height. */
static GArray *
measure_lines (PangoLayout *layout)
{
  GArray *tops = g_array_new (FALSE, FALSE, sizeof (double));
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  PangoRectangle logical;
  int width, height;
  double top;

  do
    {
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = (double) logical.y / PANGO_SCALE;
      g_array_append_val (tops, top);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  pango_layout_get_size (layout, &width, &height);
  top = (double) height / PANGO_SCALE;
  g_array_append_val (tops, top);
  return tops;
}

double
sb_pdf_layout_lines_height (GArray *tops,
                            guint   first,
                            guint   count)
{
  return g_array_index (tops, double, first + count) - g_array_index (tops, double, first);
}

static guint
n_lines (GArray *tops)
{
  return tops->len - 1;
}

void
sb_pdf_layout_measure_block (SbPdfLayout *self,
                             Block       *block)
{
  switch (block->kind)
    {
    case BLOCK_TITLE:
      block->layout = sb_pdf_layout_make_layout (self, block->text, FONT_SANS, 18, PANGO_WEIGHT_BOLD, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
      block->line_tops = measure_lines (block->layout);
      break;

    case BLOCK_HEADING:
      block->layout = sb_pdf_layout_make_layout (self, block->text, FONT_SANS, block->level == 1 ? 13.5 : 11.5,
                                                 PANGO_WEIGHT_BOLD, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
      block->line_tops = measure_lines (block->layout);
      break;

    case BLOCK_PARAGRAPH:
      block->layout = make_styled_layout (self, block->style, block->text, CONTENT_WIDTH);
      block->line_tops = measure_lines (block->layout);
      break;

    case BLOCK_FIELD:
      block->label_layout = sb_pdf_layout_make_layout (self, block->label, FONT_SANS, 10.5, PANGO_WEIGHT_BOLD,
                                                       CONTENT_WIDTH * LABEL_FRACTION - 8, PANGO_ALIGN_LEFT);
      block->layout = make_styled_layout (self, SB_PDF_TEXT_BODY, block->text,
                                          CONTENT_WIDTH * (1 - LABEL_FRACTION));
      block->line_tops = measure_lines (block->layout);
      break;

    case BLOCK_TABLE:
      block->row_heights = g_new0 (double, block->rows->len + 1);
      block->fractions = g_new0 (int, block->n_columns);
      block->cells = g_ptr_array_sized_new ((block->rows->len + 1) * block->n_columns);
      for (guint r = 0; r <= block->rows->len; r++)
        {
          char **cells = r == 0 ? block->headers : g_ptr_array_index (block->rows, r - 1);
          double height = 0;

          gboolean bold = r == 0 || (block->totals_row && r == block->rows->len);

          for (guint c = 0; c < block->n_columns; c++)
            {
              Cell *cell = sb_pdf_layout_table_cell (self, cells[c], bold, block->kinds[c] == SB_PDF_COLUMN_CODE,
                                                     block->font_size, block->widths[c] - 2 * block->padding);

              g_ptr_array_add (block->cells, cell);
              height = MAX (height, cell->height);
              if (r > 0 && block->kinds[c] == SB_PDF_COLUMN_NUMBER && cell->natural_width >= 0)
                block->fractions[c] = MAX (block->fractions[c], cell->natural_width - cell->decimal_x);
            }
          block->row_heights[r] = height + 2 * block->padding;
        }
      break;

    case BLOCK_IMAGE:
      if (block->text != NULL)
        block->layout = make_styled_layout (self, SB_PDF_TEXT_SMALL, block->text, CONTENT_WIDTH);
      break;

    case BLOCK_BOXES:
    case BLOCK_SPACE:
    case BLOCK_PAGE_BREAK:
    default:
      break;
    }
}

/* Space above a block, so that headings stand apart. */
static double
space_before (Block *block)
{
  switch (block->kind)
    {
    case BLOCK_HEADING:
      return block->level == 1 ? 14 : 8;
    case BLOCK_TABLE:
    case BLOCK_IMAGE:
    case BLOCK_BOXES:
      return 6;
    case BLOCK_PARAGRAPH:
      return 3;
    case BLOCK_FIELD:
      return FIELD_GAP;
    default:
      return 0;
    }
}

typedef struct
{
  GPtrArray *pages;   /* GArray of Placement */
  GArray    *page;
  double     y;
} Paginator;

static void
new_page (Paginator *paginator)
{
  paginator->page = g_array_new (FALSE, FALSE, sizeof (Placement));
  g_ptr_array_add (paginator->pages, paginator->page);
  paginator->y = MARGIN_TOP;
}

static void
place (Paginator *paginator,
       Block     *block,
       guint      first,
       guint      count,
       double     height)
{
  Placement placement = { block, paginator->y, first, count };

  g_array_append_val (paginator->page, placement);
  paginator->y += height;
}

static gboolean
page_is_empty (Paginator *paginator)
{
  return paginator->page->len == 0;
}

/* Lines of a text block, split across pages between lines.  @min_first
 * lines must go together at the start (a heading is never left alone). */
static void
place_lines (Paginator *paginator,
             Block     *block,
             double     extra_height)
{
  guint total = n_lines (block->line_tops);
  guint first = 0;

  while (first < total)
    {
      double available = CONTENT_BOTTOM - paginator->y;
      guint count = 0;

      while (first + count < total &&
             sb_pdf_layout_lines_height (block->line_tops, first, count + 1) + (first == 0 ? extra_height : 0) <= available)
        count++;

      if (count == 0)
        {
          if (page_is_empty (paginator))
            count = 1;   /* a line taller than a page: draw it anyway */
          else
            {
              new_page (paginator);
              continue;
            }
        }

      place (paginator, block, first, count, sb_pdf_layout_lines_height (block->line_tops, first, count));
      first += count;
      if (first < total)
        new_page (paginator);
    }
}

static void
place_table (Paginator *paginator,
             Block     *block)
{
  guint first = 0;
  double header = block->row_heights[0];

  if (block->rows->len == 0)
    {
      if (paginator->y + header > CONTENT_BOTTOM && !page_is_empty (paginator))
        new_page (paginator);
      place (paginator, block, 0, 0, header);
      return;
    }

  while (first < block->rows->len)
    {
      double used = header;
      guint count = 0;

      while (first + count < block->rows->len &&
             paginator->y + used + block->row_heights[first + count + 1] <= CONTENT_BOTTOM)
        {
          used += block->row_heights[first + count + 1];
          count++;
        }

      if (count == 0)
        {
          if (page_is_empty (paginator))
            {
              /* One row taller than a page: it is clipped at the bottom. */
              count = 1;
              used = MIN (header + block->row_heights[first + 1], CONTENT_BOTTOM - paginator->y);
            }
          else
            {
              new_page (paginator);
              continue;
            }
        }

      place (paginator, block, first, count, used);
      first += count;
      if (first < block->rows->len)
        new_page (paginator);
    }
}

static double
field_label_height (Block *block)
{
  return sb_pdf_layout_layout_height (block->label_layout);
}

/* What follows the heading at @index down to signature boxes (a
 * declaration, the signer's name and date, then the boxes), so that the
 * signature is never on another page than what it signs and its heading;
 * 0 when no boxes follow. */
static double
signature_height (SbPdfLayout *self,
                  guint        index)
{
  double height = 0;

  for (guint i = index + 1; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);

      height += space_before (block);
      switch (block->kind)
        {
        case BLOCK_PARAGRAPH:
          height += sb_pdf_layout_lines_height (block->line_tops, 0, n_lines (block->line_tops));
          break;
        case BLOCK_FIELD:
          height += MAX (field_label_height (block),
                         sb_pdf_layout_lines_height (block->line_tops, 0, n_lines (block->line_tops)));
          break;
        case BLOCK_SPACE:
          height += block->height;
          break;
        case BLOCK_BOXES:
          /* The heading's own 40 points of "first line" are in here. */
          return MAX (0, height + block->height + 16 - 40);
        default:
          return 0;
        }
    }
  return 0;
}

GPtrArray *
sb_pdf_layout_paginate (SbPdfLayout *self)
{
  Paginator paginator = { g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref), NULL, 0 };

  new_page (&paginator);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = g_ptr_array_index (self->blocks, i);
      Block *next = i + 1 < self->blocks->len ? g_ptr_array_index (self->blocks, i + 1) : NULL;

      if (!page_is_empty (&paginator))
        paginator.y += space_before (block);

      switch (block->kind)
        {
        case BLOCK_PAGE_BREAK:
          if (!page_is_empty (&paginator))
            new_page (&paginator);
          break;

        case BLOCK_SPACE:
          paginator.y += block->height;
          break;

        case BLOCK_TITLE:
          place_lines (&paginator, block, 0);
          paginator.y += 10;
          break;

        case BLOCK_HEADING:
          {
            /* Keep a heading with the first line of what follows, and
             * a section's heading with its first sub-heading and what
             * follows that. */
            double keep = sb_pdf_layout_lines_height (block->line_tops, 0, n_lines (block->line_tops)) + 40;
            guint following = i + 1;

            while (next != NULL && next->kind == BLOCK_HEADING && next->line_tops != NULL)
              {
                keep += space_before (next) + 4 +
                        sb_pdf_layout_lines_height (next->line_tops, 0, n_lines (next->line_tops));
                following++;
                next = following < self->blocks->len ? g_ptr_array_index (self->blocks, following) : NULL;
              }
            if (next != NULL && next->kind == BLOCK_TABLE && next->row_heights != NULL)
              keep += next->row_heights[0] + (next->rows->len > 0 ? next->row_heights[1] : 0);
            keep += signature_height (self, i);
            if (paginator.y + keep > CONTENT_BOTTOM && !page_is_empty (&paginator))
              new_page (&paginator);
            place_lines (&paginator, block, 0);
            paginator.y += 4;
          }
          break;

        case BLOCK_PARAGRAPH:
          place_lines (&paginator, block, 0);
          break;

        case BLOCK_FIELD:
          {
            double label = field_label_height (block);
            double first_line = sb_pdf_layout_lines_height (block->line_tops, 0, 1);

            if (paginator.y + MAX (label, first_line) > CONTENT_BOTTOM && !page_is_empty (&paginator))
              new_page (&paginator);
            place_lines (&paginator, block, 0);
            /* A label taller than its value (a one-word answer to a long
             * question) needs its own room. */
            {
              Placement *last = &g_array_index (paginator.page, Placement, paginator.page->len - 1);

              if (last->first == 0)
                paginator.y = MAX (paginator.y, last->y + label);
            }
          }
          break;

        case BLOCK_TABLE:
          place_table (&paginator, block);
          break;

        case BLOCK_IMAGE:
          {
            double height = block->size + (block->layout ? sb_pdf_layout_layout_height (block->layout) + 4 : 0);

            if (paginator.y + height > CONTENT_BOTTOM && !page_is_empty (&paginator))
              new_page (&paginator);
            place (&paginator, block, 0, 0, height);
          }
          break;

        case BLOCK_BOXES:
          if (paginator.y + block->height + 16 > CONTENT_BOTTOM && !page_is_empty (&paginator))
            new_page (&paginator);
          place (&paginator, block, 0, 0, block->height + 16);
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return paginator.pages;
}

/* GObject overrides */

static void
sb_pdf_layout_finalize (GObject *object)
{
  SbPdfLayout *self = (SbPdfLayout *) object;

  /* The cells borrow their keys from the blocks. */
  g_clear_pointer (&self->cells, g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->unwrapped); i++)
    g_clear_pointer (&self->unwrapped[i], g_hash_table_unref);
  g_clear_pointer (&self->codes, g_hash_table_unref);
  g_clear_pointer (&self->all_cells, g_ptr_array_unref);
  g_clear_pointer (&self->blocks, g_ptr_array_unref);
  g_free (self->header_left);
  g_free (self->header_right);
  g_free (self->watermark);
  g_clear_object (&self->context);
  g_clear_pointer (&self->scratch_runs, g_array_unref);
  g_clear_pointer (&self->scratch_glyphs, g_array_unref);
  g_clear_pointer (&self->scratch_clusters, g_array_unref);
  if (self->scratch_text != NULL)
    g_string_free (self->scratch_text, TRUE);
  for (TextBatch *batch = &self->batch; batch != NULL; batch = batch == &self->batch ? &self->code_batch : NULL)
    {
      g_clear_pointer (&batch->glyphs, g_array_unref);
      g_clear_pointer (&batch->clusters, g_array_unref);
      if (batch->text != NULL)
        g_string_free (g_steal_pointer (&batch->text), TRUE);
    }

  G_OBJECT_CLASS (sb_pdf_layout_parent_class)->finalize (object);
}

static void
sb_pdf_layout_class_init (SbPdfLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = sb_pdf_layout_finalize;
}

static void
sb_pdf_layout_init (SbPdfLayout *self)
{
  /* The PDF's own fonts, not the system's (sb-pdf-fonts.c says why). */
  PangoFontMap *font_map = sb_pdf_fonts_get_font_map ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->all_cells = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_pdf_layout_cell_free);
  self->cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  for (guint i = 0; i < G_N_ELEMENTS (self->unwrapped); i++)
    self->unwrapped[i] = g_hash_table_new (g_str_hash, g_str_equal);
  self->codes = g_hash_table_new (g_str_hash, g_str_equal);
  self->scratch_runs = g_array_new (FALSE, FALSE, sizeof (CellRun));
  self->scratch_glyphs = g_array_new (FALSE, FALSE, sizeof (CellGlyph));
  self->scratch_clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  self->scratch_text = g_string_new (NULL);
  for (TextBatch *batch = &self->batch; batch != NULL; batch = batch == &self->batch ? &self->code_batch : NULL)
    {
      batch->glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
      batch->clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
      batch->text = g_string_new (NULL);
    }

  self->blocks = g_ptr_array_new_with_free_func ((GDestroyNotify) block_free);
  self->context = pango_font_map_create_context (font_map);

  /* Points are pixels at 72 dpi; no hinting, so that measuring here and
   * drawing on the PDF surface give the same line breaks. */
  pango_cairo_context_set_resolution (self->context, 72.0);
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->context, options);
  cairo_font_options_destroy (options);

  {
    PangoLanguage *language = pango_language_from_string ("zh-cn");

    pango_context_set_language (self->context, language);
  }
}

/* Public API */

SbPdfLayout *
sb_pdf_layout_new (void)
{
  return g_object_new (SB_TYPE_PDF_LAYOUT, NULL);
}

void
sb_pdf_layout_set_header (SbPdfLayout *self,
                          const char  *left,
                          const char  *right)
{
  g_return_if_fail (SB_IS_PDF_LAYOUT (self));

  g_free (self->header_left);
  g_free (self->header_right);
  self->header_left = g_strdup (left);
  self->header_right = g_strdup (right);
}

void
sb_pdf_layout_set_watermark (SbPdfLayout *self,
                             const char  *text)
{
  g_return_if_fail (SB_IS_PDF_LAYOUT (self));

  g_free (self->watermark);
  self->watermark = g_strdup (text);
}

void
sb_pdf_layout_add_title (SbPdfLayout *self,
                         const char  *text)
{
  g_return_if_fail (SB_IS_PDF_LAYOUT (self));
  add_block (self, BLOCK_TITLE)->text = g_strdup (text);
}

void
sb_pdf_layout_add_heading (SbPdfLayout *self,
                           int          level,
                           const char  *text)
{
  Block *block;

  g_return_if_fail (SB_IS_PDF_LAYOUT (self));
  g_return_if_fail (level == 1 || level == 2);

  block = add_block (self, BLOCK_HEADING);
  block->level = level;
  block->text = g_strdup (text);
}

void
sb_pdf_layout_add_paragraph (SbPdfLayout    *self,
                             SbPdfTextStyle  style,
                             const char     *text)
{
  Block *block;

  g_return_if_fail (SB_IS_PDF_LAYOUT (self));

  block = add_block (self, BLOCK_PARAGRAPH);
  block->style = style;
  block->text = g_strdup (text);
}

void
sb_pdf_layout_add_field (SbPdfLayout *self,
                         const char  *label,
                         const char  *value)
{
  Block *block;

  g_return_if_fail (SB_IS_PDF_LAYOUT (self));

  block = add_block (self, BLOCK_FIELD);
  block->label = g_strdup (label);
  block->text = g_strdup (value && *value ? value : "—");
}

void
sb_pdf_layout_add_table (SbPdfLayout        *self,
                         guint               n_columns,
                         const char * const *headers,
                         const double       *widths,
                         GPtrArray          *rows)
{
  sb_pdf_layout_add_table_full (self, n_columns, headers, widths, NULL, rows, 0);
}

void
sb_pdf_layout_add_table_full (SbPdfLayout           *self,
                              guint                  n_columns,
                              const char * const    *headers,
                              const double          *widths,
                              const SbPdfColumnKind *kinds,
                              GPtrArray             *rows,
                              SbPdfTableFlags        flags)
{
  Block *block;
  double total = 0;

  g_return_if_fail (SB_IS_PDF_LAYOUT (self));
  g_return_if_fail (n_columns > 0);
  g_return_if_fail (headers != NULL);
  g_return_if_fail (!(flags & SB_PDF_TABLE_TOTALS) || (rows != NULL && rows->len > 0));

  block = add_block (self, BLOCK_TABLE);
  block->n_columns = n_columns;
  block->headers = g_strdupv ((char **) headers);
  block->kinds = kinds ? g_memdup2 (kinds, n_columns * sizeof (SbPdfColumnKind)) : g_new0 (SbPdfColumnKind, n_columns);
  block->totals_row = (flags & SB_PDF_TABLE_TOTALS) != 0;
  block->padding = flags & SB_PDF_TABLE_COMPACT ? COMPACT_PADDING : CELL_PADDING;
  block->font_size = flags & SB_PDF_TABLE_COMPACT ? COMPACT_FONT_SIZE : CELL_FONT_SIZE;
  block->widths = g_new0 (double, n_columns);
  block->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);

  for (guint c = 0; c < n_columns; c++)
    total += widths ? widths[c] : 1;
  for (guint c = 0; c < n_columns; c++)
    block->widths[c] = CONTENT_WIDTH * (widths ? widths[c] : 1) / total;

  for (guint r = 0; rows != NULL && r < rows->len; r++)
    {
      char **cells = g_ptr_array_index (rows, r);

      g_return_if_fail (g_strv_length (cells) == n_columns);
      g_ptr_array_add (block->rows, g_strdupv (cells));
    }
}

void
sb_pdf_layout_add_image (SbPdfLayout     *self,
                         cairo_surface_t *image,
                         double           natural_size,
                         double           size,
                         const char      *caption)
{
  Block *block;

  g_return_if_fail (SB_IS_PDF_LAYOUT (self));
  g_return_if_fail (image != NULL);
  g_return_if_fail (natural_size > 0);

  block = add_block (self, BLOCK_IMAGE);
  block->natural_size = natural_size;
  block->image = cairo_surface_reference (image);
  block->size = size;
  block->text = g_strdup (caption);
}

void
sb_pdf_layout_add_boxes (SbPdfLayout        *self,
                         const char * const *labels,
                         double              height)
{
  Block *block;

  g_return_if_fail (SB_IS_PDF_LAYOUT (self));
  g_return_if_fail (labels != NULL && labels[0] != NULL);

  block = add_block (self, BLOCK_BOXES);
  block->labels = g_strdupv ((char **) labels);
  block->height = height;
}

void
sb_pdf_layout_add_space (SbPdfLayout *self,
                         double       points)
{
  g_return_if_fail (SB_IS_PDF_LAYOUT (self));
  add_block (self, BLOCK_SPACE)->height = points;
}

void
sb_pdf_layout_add_page_break (SbPdfLayout *self)
{
  g_return_if_fail (SB_IS_PDF_LAYOUT (self));
  add_block (self, BLOCK_PAGE_BREAK);
}
