/* sb-pdf-layout.c — flowing an official document onto A4 pages
 *
 * Two passes: pagination measures every block with Pango and decides
 * what goes on which page; drawing then knows the page count for the
 * "第 N 页 共 M 页" footers.  All measures are in PDF points; the Pango
 * context runs at 72 dpi with metric hinting off so that measuring and
 * drawing agree exactly.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "sb-pdf-embed.h"
#include "sb-pdf-layout.h"

#define PAGE_WIDTH    595.276
#define PAGE_HEIGHT   841.890
#define MARGIN_LEFT    62.0
#define MARGIN_RIGHT   62.0
#define MARGIN_TOP     72.0
#define MARGIN_BOTTOM  68.0
#define CONTENT_WIDTH (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN_BOTTOM)
#define LABEL_FRACTION 0.30
#define CELL_PADDING   3.0
#define FIELD_GAP      4.0

/* The SC face: with another CJK family first, Pango would pick Japanese
 * glyph shapes for the shared code points. */
#define FONT_SANS  "Noto Sans CJK SC"
#define FONT_MONO  "Noto Sans Mono CJK SC"

typedef enum {
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_PARAGRAPH,
  BLOCK_FIELD,
  BLOCK_TABLE,
  BLOCK_IMAGE,
  BLOCK_BOXES,
  BLOCK_SPACE,
  BLOCK_PAGE_BREAK,
} BlockKind;

/* A table cell's glyphs, as Pango's cairo renderer would place them: x
 * and y in Pango units from the cell's origin (sums of Pango's own
 * integer offsets, so that origin + x / PANGO_SCALE is the very double
 * the renderer computes). */
typedef struct
{
  guint32 index;
  gint32  x;
  gint32  y;
} CellGlyph;

/* Consecutive glyphs of a cell in one font. */
typedef struct
{
  cairo_scaled_font_t *font;
  guint                n_glyphs;
  guint                n_clusters;
  guint                text_length;
} CellRun;

/* A table cell, laid out once by Pango when the table is measured and
 * kept as the little that drawing needs, so that the thousands of layouts
 * of a long table do not all stay in memory until the end.  A cell only
 * Pango can draw (see can_batch ()) keeps its layout instead. */
typedef struct
{
  double                height;
  int                   natural_width; /* Pango units; -1 when a line was wrapped */
  PangoLayout          *layout;
  guint                 n_runs;
  CellRun              *runs;
  CellGlyph            *glyphs;
  cairo_text_cluster_t *clusters;
  char                 *text;
} Cell;

typedef struct
{
  BlockKind         kind;
  int               level;
  SbPdfTextStyle    style;
  char             *text;
  char             *label;
  guint             n_columns;
  GStrv             headers;
  double           *widths;       /* absolute, points */
  GPtrArray        *rows;         /* GStrv */
  cairo_surface_t  *image;
  double            size;
  double            natural_size;
  GStrv             labels;
  double            height;

  /* Measured during pagination. */
  PangoLayout      *layout;       /* title, heading, paragraph, field value, image caption */
  PangoLayout      *label_layout; /* field label */
  GArray           *line_tops;    /* double: top of each line of layout, and the end */
  double           *row_heights;  /* table: header at [0], rows from [1] */
  GPtrArray        *cells;        /* table: Cell of each cell, row by row, header first (borrowed) */
} Block;

typedef struct
{
  Block  *block;
  double  y;
  guint   first;    /* first line, or first table row */
  guint   count;    /* lines, or rows */
} Placement;

struct _SbPdfLayout
{
  GObject       parent_instance;

  GPtrArray    *blocks;       /* Block* */
  char         *header_left;
  char         *header_right;
  char         *watermark;
  PangoContext *context;
  GPtrArray    *all_cells;    /* Cell, owned */
  GHashTable   *cells;        /* bold and width -> (text -> Cell) */
  GHashTable   *unwrapped[2]; /* regular, bold: text -> a Cell laid out on unwrapped lines */

  /* Table text waiting to be shown in one call (see batch_cell ()). */
  cairo_scaled_font_t *batch_font;
  GArray       *batch_glyphs;   /* cairo_glyph_t */
  GArray       *batch_clusters; /* cairo_text_cluster_t */
  GString      *batch_text;

  /* Reused while cells are measured. */
  GArray       *scratch_runs;     /* CellRun */
  GArray       *scratch_glyphs;   /* CellGlyph */
  GArray       *scratch_clusters; /* cairo_text_cluster_t */
  GString      *scratch_text;
};

G_DEFINE_FINAL_TYPE (SbPdfLayout, sb_pdf_layout, G_TYPE_OBJECT)

/* Auxiliary functions */

static void
block_free (Block *block)
{
  g_free (block->text);
  g_free (block->label);
  g_strfreev (block->headers);
  g_free (block->widths);
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

static PangoLayout *
make_layout (SbPdfLayout *self,
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
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_text (layout, text ? text : "", -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int width, height;

  pango_layout_get_size (layout, &width, &height);
  return (double) height / PANGO_SCALE;
}

static void
cell_free (Cell *cell)
{
  g_clear_object (&cell->layout);
  for (guint i = 0; i < cell->n_runs; i++)
    cairo_scaled_font_destroy (cell->runs[i].font);
  g_free (cell->runs);
  g_free (cell->glyphs);
  g_free (cell->clusters);
  g_free (cell->text);
  g_free (cell);
}

/* Whether every run of @layout can be drawn without Pango's renderer:
 * plain left-to-right text in a font cairo can show, without the shapes,
 * rotated baselines or missing-glyph boxes only the renderer draws. */
static gboolean
can_batch (PangoLayout *layout)
{
  for (GSList *l = pango_layout_get_lines_readonly (layout); l != NULL; l = l->next)
    for (GSList *r = ((PangoLayoutLine *) l->data)->runs; r != NULL; r = r->next)
      {
        PangoGlyphItem *run = r->data;
        PangoItem *item = run->item;
        cairo_scaled_font_t *font;

        if (item->analysis.extra_attrs != NULL || (item->analysis.level & 1) != 0 ||
            (item->analysis.flags & PANGO_ANALYSIS_FLAG_CENTERED_BASELINE) != 0 ||
            !PANGO_IS_CAIRO_FONT (item->analysis.font))
          return FALSE;
        font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (item->analysis.font));
        if (font == NULL || cairo_scaled_font_status (font) != CAIRO_STATUS_SUCCESS)
          return FALSE;
        for (int i = 0; i < run->glyphs->num_glyphs; i++)
          if (run->glyphs->glyphs[i].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
            return FALSE;
      }
  return TRUE;
}

/* The glyphs, clusters and text of @layout, line by line and run by run,
 * as pango_renderer_draw_layout () and pango_cairo_renderer_draw_glyph_item ()
 * hand them to cairo. */
static void
cell_take_glyphs (SbPdfLayout *self,
                  Cell        *cell,
                  PangoLayout *layout)
{
  const char *text = pango_layout_get_text (layout);
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  GArray *runs = self->scratch_runs;
  GArray *glyphs = self->scratch_glyphs;
  GArray *clusters = self->scratch_clusters;
  GString *cell_text = self->scratch_text;

  g_array_set_size (runs, 0);
  g_array_set_size (glyphs, 0);
  g_array_set_size (clusters, 0);
  g_string_truncate (cell_text, 0);

  do
    {
      PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
      PangoRectangle logical;
      int baseline = pango_layout_iter_get_baseline (iter);
      int x_off = 0;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      for (GSList *r = line->runs; r != NULL; r = r->next)
        {
          PangoGlyphItem *run = r->data;
          PangoGlyphString *string = run->glyphs;
          cairo_scaled_font_t *font = pango_cairo_font_get_scaled_font (PANGO_CAIRO_FONT (run->item->analysis.font));
          int width = pango_glyph_string_get_width (string);
          int x_position = 0;
          int run_x, run_y;
          PangoGlyphItemIter clusters_iter;
          CellRun *last;

          x_off += run->start_x_offset;
          run_x = logical.x + x_off;
          run_y = baseline - run->y_offset;

          last = runs->len > 0 ? &g_array_index (runs, CellRun, runs->len - 1) : NULL;
          if (last == NULL || last->font != font)
            {
              CellRun next = { font, 0, 0, 0 };

              g_array_append_val (runs, next);
              last = &g_array_index (runs, CellRun, runs->len - 1);
            }

          for (int i = 0; i < string->num_glyphs; i++)
            {
              PangoGlyphInfo *info = &string->glyphs[i];

              if (info->glyph != PANGO_GLYPH_EMPTY)
                {
                  CellGlyph glyph = { info->glyph, run_x + x_position + info->geometry.x_offset,
                                      run_y + info->geometry.y_offset };

                  g_array_append_val (glyphs, glyph);
                  last->n_glyphs++;
                }
              x_position += info->geometry.width;
            }

          if (pango_glyph_item_iter_init_start (&clusters_iter, run, text))
            do
              {
                cairo_text_cluster_t cluster;

                cluster.num_bytes = clusters_iter.end_index - clusters_iter.start_index;
                cluster.num_glyphs = clusters_iter.end_glyph - clusters_iter.start_glyph;
                for (int i = clusters_iter.start_glyph; i < clusters_iter.end_glyph; i++)
                  if (string->glyphs[i].glyph == PANGO_GLYPH_EMPTY)
                    cluster.num_glyphs--;
                g_array_append_val (clusters, cluster);
                last->n_clusters++;
              }
            while (pango_glyph_item_iter_next_cluster (&clusters_iter));

          g_string_append_len (cell_text, text + run->item->offset, run->item->length);
          last->text_length += run->item->length;
          x_off += width + run->end_x_offset;
        }
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);

  cell->n_runs = runs->len;
  cell->runs = g_memdup2 (runs->data, runs->len * sizeof (CellRun));
  for (guint i = 0; i < cell->n_runs; i++)
    cairo_scaled_font_reference (cell->runs[i].font);
  cell->glyphs = g_memdup2 (glyphs->data, glyphs->len * sizeof (CellGlyph));
  cell->clusters = g_memdup2 (clusters->data, clusters->len * sizeof (cairo_text_cluster_t));
  cell->text = g_memdup2 (cell_text->str, cell_text->len);
}

/* Whether every line of @layout starts at its left edge: then, unwrapped,
 * it does not depend on the layout's width (a right-to-left paragraph is
 * aligned to the right edge). */
static gboolean
lines_start_at_left (PangoLayout *layout)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  gboolean at_left = TRUE;

  do
    {
      PangoRectangle logical;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      at_left = at_left && logical.x == 0;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
  return at_left;
}

/* Table cells are laid out once, when the table is measured, and cells
 * with the same text and width (是/否, options, dates) share one.  Shaping
 * is most of the cost of a long table.  A text that fits its column
 * without wrapping is laid out the same in any column at least as wide
 * (left-aligned, one line per paragraph), so it is shared across widths
 * too: the first column of a table printed in parts is repeated in each
 * part at another width.  The texts are borrowed from the blocks, which
 * outlive the cache. */
static Cell *
table_cell (SbPdfLayout *self,
            const char  *text,
            gboolean     bold,
            double       width)
{
  gpointer style = GINT_TO_POINTER ((int) (width * 1000) * 2 + (bold ? 1 : 0));
  GHashTable *cells = g_hash_table_lookup (self->cells, style);
  PangoLayout *layout;
  gboolean batchable;
  Cell *cell;

  if (text == NULL)
    text = "";
  if (cells == NULL)
    {
      cells = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (self->cells, style, cells);
    }

  cell = g_hash_table_lookup (cells, text);
  if (cell != NULL)
    return cell;

  cell = g_hash_table_lookup (self->unwrapped[bold ? 1 : 0], text);
  if (cell != NULL && cell->natural_width <= (int) (width * PANGO_SCALE))
    {
      g_hash_table_insert (cells, (gpointer) text, cell);
      return cell;
    }

  cell = g_new0 (Cell, 1);
  g_ptr_array_add (self->all_cells, cell);
  layout = make_layout (self, text, FONT_SANS, 9, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                        width, PANGO_ALIGN_LEFT);
  batchable = can_batch (layout);
  cell->height = layout_height (layout);
  cell->natural_width = -1;
  if (batchable && !pango_layout_is_wrapped (layout) && lines_start_at_left (layout))
    {
      int natural_width, height;

      pango_layout_get_size (layout, &natural_width, &height);
      cell->natural_width = natural_width;
      g_hash_table_replace (self->unwrapped[bold ? 1 : 0], (gpointer) text, cell);
    }
  if (batchable)
    {
      cell_take_glyphs (self, cell, layout);
      g_object_unref (layout);
    }
  else
    cell->layout = layout;

  g_hash_table_insert (cells, (gpointer) text, cell);
  return cell;
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
      return make_layout (self, text, FONT_SANS, 8.5, PANGO_WEIGHT_NORMAL, width, PANGO_ALIGN_LEFT);
    case SB_PDF_TEXT_EMPHASIS:
      return make_layout (self, text, FONT_SANS, 10.5, PANGO_WEIGHT_BOLD, width, PANGO_ALIGN_LEFT);
    case SB_PDF_TEXT_MONOSPACE:
      return make_layout (self, text, FONT_MONO, 8.5, PANGO_WEIGHT_NORMAL, width, PANGO_ALIGN_LEFT);
    case SB_PDF_TEXT_BODY:
    default:
      return make_layout (self, text, FONT_SANS, 10.5, PANGO_WEIGHT_NORMAL, width, PANGO_ALIGN_LEFT);
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

static double
lines_height (GArray *tops,
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

static void
measure_block (SbPdfLayout *self,
               Block       *block)
{
  switch (block->kind)
    {
    case BLOCK_TITLE:
      block->layout = make_layout (self, block->text, FONT_SANS, 18, PANGO_WEIGHT_BOLD, CONTENT_WIDTH, PANGO_ALIGN_CENTER);
      block->line_tops = measure_lines (block->layout);
      break;

    case BLOCK_HEADING:
      block->layout = make_layout (self, block->text, FONT_SANS, block->level == 1 ? 13.5 : 11.5,
                                   PANGO_WEIGHT_BOLD, CONTENT_WIDTH, PANGO_ALIGN_LEFT);
      block->line_tops = measure_lines (block->layout);
      break;

    case BLOCK_PARAGRAPH:
      block->layout = make_styled_layout (self, block->style, block->text, CONTENT_WIDTH);
      block->line_tops = measure_lines (block->layout);
      break;

    case BLOCK_FIELD:
      block->label_layout = make_layout (self, block->label, FONT_SANS, 10.5, PANGO_WEIGHT_BOLD,
                                         CONTENT_WIDTH * LABEL_FRACTION - 8, PANGO_ALIGN_LEFT);
      block->layout = make_styled_layout (self, SB_PDF_TEXT_BODY, block->text,
                                          CONTENT_WIDTH * (1 - LABEL_FRACTION));
      block->line_tops = measure_lines (block->layout);
      break;

    case BLOCK_TABLE:
      block->row_heights = g_new0 (double, block->rows->len + 1);
      block->cells = g_ptr_array_sized_new ((block->rows->len + 1) * block->n_columns);
      for (guint r = 0; r <= block->rows->len; r++)
        {
          char **cells = r == 0 ? block->headers : g_ptr_array_index (block->rows, r - 1);
          double height = 0;

          for (guint c = 0; c < block->n_columns; c++)
            {
              Cell *cell = table_cell (self, cells[c], r == 0, block->widths[c] - 2 * CELL_PADDING);

              g_ptr_array_add (block->cells, cell);
              height = MAX (height, cell->height);
            }
          block->row_heights[r] = height + 2 * CELL_PADDING;
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
             lines_height (block->line_tops, first, count + 1) + (first == 0 ? extra_height : 0) <= available)
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

      place (paginator, block, first, count, lines_height (block->line_tops, first, count));
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
  return layout_height (block->label_layout);
}

static GPtrArray *
paginate (SbPdfLayout *self)
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
            /* Keep a heading with the first line of what follows. */
            double keep = lines_height (block->line_tops, 0, n_lines (block->line_tops)) + 40;

            if (next != NULL && next->kind == BLOCK_TABLE && next->row_heights != NULL)
              keep += next->row_heights[0] + (next->rows->len > 0 ? next->row_heights[1] : 0);
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
            double first_line = lines_height (block->line_tops, 0, 1);

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
            double height = block->size + (block->layout ? layout_height (block->layout) + 4 : 0);

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

static void
show_layout_at (cairo_t     *cr,
                PangoLayout *layout,
                double       x,
                double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

/* Draws lines [first, first + count) of @layout with the top of the first
 * line at @y. */
static void
show_lines (cairo_t     *cr,
            PangoLayout *layout,
            GArray      *tops,
            guint        first,
            guint        count,
            double       x,
            double       y)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);
  guint index = 0;
  double origin = g_array_index (tops, double, first);

  do
    {
      if (index >= first && index < first + count)
        {
          PangoLayoutLine *line = pango_layout_iter_get_line_readonly (iter);
          PangoRectangle logical;
          int baseline = pango_layout_iter_get_baseline (iter);

          pango_layout_iter_get_line_extents (iter, NULL, &logical);
          cairo_move_to (cr, x + (double) logical.x / PANGO_SCALE,
                         y + (double) baseline / PANGO_SCALE - origin);
          pango_cairo_show_layout_line (cr, line);
        }
      index++;
    }
  while (index < first + count && pango_layout_iter_next_line (iter));

  pango_layout_iter_free (iter);
}

/* Table text is shown in as few calls as it can: one
 * cairo_show_text_glyphs () for the cells of a table part that share a
 * font, instead of one per run of every cell as pango_cairo_show_layout ()
 * makes.  Cairo's PDF surface records, analyses and replays each call, and
 * that cost per call was a third of rendering a long table.  The glyphs
 * are placed exactly where Pango's cairo renderer puts them (the same
 * arithmetic, from the same current point), with the same text and
 * clusters, so the page looks and extracts the same. */
static void
batch_flush (SbPdfLayout *self,
             cairo_t     *cr)
{
  if (self->batch_glyphs->len > 0)
    {
      cairo_save (cr);
      cairo_set_scaled_font (cr, self->batch_font);
      cairo_show_text_glyphs (cr, self->batch_text->str, self->batch_text->len,
                              (cairo_glyph_t *) self->batch_glyphs->data, self->batch_glyphs->len,
                              (cairo_text_cluster_t *) self->batch_clusters->data, self->batch_clusters->len, 0);
      cairo_restore (cr);
    }
  g_array_set_size (self->batch_glyphs, 0);
  g_array_set_size (self->batch_clusters, 0);
  g_string_truncate (self->batch_text, 0);
  self->batch_font = NULL;
}

/* Adds @cell with its top left corner at (@x, @y) to the batch, or draws
 * it at once with Pango when only Pango can. */
static void
batch_cell (SbPdfLayout *self,
            cairo_t     *cr,
            Cell        *cell,
            double       x,
            double       y)
{
  double origin_x, origin_y;
  guint glyph = 0, cluster = 0, text = 0;

  if (cell->layout != NULL)
    {
      batch_flush (self, cr);
      show_layout_at (cr, cell->layout, x, y);
      return;
    }

  /* Pango's renderer starts from cairo's current point, which cairo
   * keeps in fixed point: take it from cairo, as it does. */
  cairo_move_to (cr, x, y);
  cairo_get_current_point (cr, &origin_x, &origin_y);
  cairo_new_path (cr);

  for (guint r = 0; r < cell->n_runs; r++)
    {
      CellRun *run = &cell->runs[r];

      if (run->font != self->batch_font)
        {
          batch_flush (self, cr);
          self->batch_font = run->font;
        }

      for (guint i = 0; i < run->n_glyphs; i++, glyph++)
        {
          cairo_glyph_t placed;

          placed.index = cell->glyphs[glyph].index;
          placed.x = origin_x + (double) cell->glyphs[glyph].x / PANGO_SCALE;
          placed.y = origin_y + (double) cell->glyphs[glyph].y / PANGO_SCALE;
          g_array_append_val (self->batch_glyphs, placed);
        }
      g_array_append_vals (self->batch_clusters, cell->clusters + cluster, run->n_clusters);
      cluster += run->n_clusters;
      g_string_append_len (self->batch_text, cell->text + text, run->text_length);
      text += run->text_length;
    }
}

static void
draw_table (SbPdfLayout *self,
            cairo_t     *cr,
            Placement   *placement)
{
  Block *block = placement->block;
  double top = placement->y;
  double y = top;
  double x;
  g_autofree double *bottoms = g_new (double, placement->count + 1);

  for (guint r = 0; r <= placement->count; r++)
    {
      guint row_index = r == 0 ? 0 : placement->first + r;
      double height = block->row_heights[row_index];
      gboolean cut = FALSE;

      /* Only a row taller than a whole page is cut, and only it needs a
       * clip: cells never overflow their width (they wrap). */
      if (y + height > CONTENT_BOTTOM + 0.5)
        {
          height = CONTENT_BOTTOM - y;
          cut = TRUE;
        }

      if (r == 0)
        {
          cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
          cairo_rectangle (cr, MARGIN_LEFT, y, CONTENT_WIDTH, height);
          cairo_fill (cr);
          cairo_set_source_rgb (cr, 0, 0, 0);
        }

      if (cut)
        {
          batch_flush (self, cr);
          cairo_save (cr);
          cairo_rectangle (cr, MARGIN_LEFT, y, CONTENT_WIDTH, height);
          cairo_clip (cr);
        }
      x = MARGIN_LEFT;
      for (guint c = 0; c < block->n_columns; c++)
        {
          Cell *cell = g_ptr_array_index (block->cells, row_index * block->n_columns + c);

          batch_cell (self, cr, cell, x + CELL_PADDING, y + CELL_PADDING);
          x += block->widths[c];
        }
      if (cut)
        {
          batch_flush (self, cr);
          cairo_restore (cr);
        }

      y += height;
      bottoms[r] = y;
    }

  batch_flush (self, cr);

  /* The grid, once for the whole placement: each column rule runs from
   * the top to the bottom and each row rule is drawn once.  A stroke per
   * row, with the rules between rows drawn twice, looked the same and was
   * a fifth of the time of a long table (every coordinate is printed into
   * the PDF and every stroke analysed by cairo). */
  cairo_set_line_width (cr, 0.5);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  x = MARGIN_LEFT;
  for (guint c = 0; c <= block->n_columns; c++)
    {
      cairo_move_to (cr, x, top);
      cairo_line_to (cr, x, y);
      if (c < block->n_columns)
        x += block->widths[c];
    }
  cairo_move_to (cr, MARGIN_LEFT, top);
  cairo_line_to (cr, MARGIN_LEFT + CONTENT_WIDTH, top);
  for (guint r = 0; r <= placement->count; r++)
    {
      cairo_move_to (cr, MARGIN_LEFT, bottoms[r]);
      cairo_line_to (cr, MARGIN_LEFT + CONTENT_WIDTH, bottoms[r]);
    }
  cairo_stroke (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
}

static void
draw_boxes (SbPdfLayout *self,
            cairo_t     *cr,
            Placement   *placement)
{
  Block *block = placement->block;
  guint n = g_strv_length (block->labels);
  double gap = 16;
  double width = (CONTENT_WIDTH - gap * (n - 1)) / n;

  for (guint i = 0; i < n; i++)
    {
      double x = MARGIN_LEFT + i * (width + gap);
      g_autoptr(PangoLayout) label = make_layout (self, block->labels[i], FONT_SANS, 9, PANGO_WEIGHT_NORMAL,
                                                  width - 8, PANGO_ALIGN_LEFT);

      cairo_set_line_width (cr, 0.7);
      cairo_rectangle (cr, x, placement->y, width, block->height);
      cairo_stroke (cr);
      show_layout_at (cr, label, x + 4, placement->y + 4);
    }
}

static void
draw_placement (SbPdfLayout *self,
                cairo_t     *cr,
                Placement   *placement)
{
  Block *block = placement->block;

  cairo_set_source_rgb (cr, 0, 0, 0);

  switch (block->kind)
    {
    case BLOCK_TITLE:
    case BLOCK_HEADING:
    case BLOCK_PARAGRAPH:
      show_lines (cr, block->layout, block->line_tops, placement->first, placement->count,
                  MARGIN_LEFT, placement->y);
      if (block->kind == BLOCK_HEADING && block->level == 1)
        {
          double bottom = placement->y + lines_height (block->line_tops, placement->first, placement->count) + 2;

          cairo_set_line_width (cr, 0.8);
          cairo_move_to (cr, MARGIN_LEFT, bottom);
          cairo_line_to (cr, MARGIN_LEFT + CONTENT_WIDTH, bottom);
          cairo_stroke (cr);
        }
      break;

    case BLOCK_FIELD:
      if (placement->first == 0)
        show_layout_at (cr, block->label_layout, MARGIN_LEFT, placement->y);
      show_lines (cr, block->layout, block->line_tops, placement->first, placement->count,
                  MARGIN_LEFT + CONTENT_WIDTH * LABEL_FRACTION, placement->y);
      break;

    case BLOCK_TABLE:
      draw_table (self, cr, placement);
      break;

    case BLOCK_IMAGE:
      {
        double x = MARGIN_LEFT + (CONTENT_WIDTH - block->size) / 2;
        double scale = block->size / block->natural_size;

        cairo_save (cr);
        cairo_translate (cr, x, placement->y);
        cairo_scale (cr, scale, scale);
        cairo_set_source_surface (cr, block->image, 0, 0);
        cairo_paint (cr);
        cairo_restore (cr);

        if (block->layout != NULL)
          {
            pango_layout_set_alignment (block->layout, PANGO_ALIGN_CENTER);
            show_layout_at (cr, block->layout, MARGIN_LEFT, placement->y + block->size + 4);
          }
      }
      break;

    case BLOCK_BOXES:
      draw_boxes (self, cr, placement);
      break;

    default:
      break;
    }
}

/* The running header is the same on every page: @left and @right are laid
 * out once, by sb_pdf_layout_render (). */
static void
draw_page_furniture (SbPdfLayout *self,
                     cairo_t     *cr,
                     PangoLayout *left,
                     PangoLayout *right,
                     guint        page,
                     guint        n_pages)
{
  g_autofree char *footer = g_strdup_printf ("第 %u 页 共 %u 页", page + 1, n_pages);
  g_autoptr(PangoLayout) footer_layout = make_layout (self, footer, FONT_SANS, 9, PANGO_WEIGHT_NORMAL,
                                                      CONTENT_WIDTH, PANGO_ALIGN_CENTER);

  cairo_set_source_rgb (cr, 0, 0, 0);
  show_layout_at (cr, footer_layout, MARGIN_LEFT, PAGE_HEIGHT - 44);

  if (page > 0 && left != NULL)
    {
      show_layout_at (cr, left, MARGIN_LEFT, 38);
      show_layout_at (cr, right, MARGIN_LEFT + CONTENT_WIDTH * 0.6, 38);
      cairo_set_line_width (cr, 0.5);
      cairo_move_to (cr, MARGIN_LEFT, 54);
      cairo_line_to (cr, MARGIN_LEFT + CONTENT_WIDTH, 54);
      cairo_stroke (cr);
    }
}

static PangoLayout *
make_watermark (SbPdfLayout *self)
{
  PangoLayout *layout;

  if (self->watermark == NULL)
    return NULL;

  layout = make_layout (self, self->watermark, FONT_SANS, 150, PANGO_WEIGHT_BOLD, PAGE_WIDTH * 2, PANGO_ALIGN_LEFT);
  pango_layout_set_width (layout, -1);
  return layout;
}

static void
draw_watermark (cairo_t     *cr,
                PangoLayout *layout)
{
  int width, height;

  if (layout == NULL)
    return;

  pango_layout_get_size (layout, &width, &height);

  cairo_save (cr);
  cairo_translate (cr, PAGE_WIDTH / 2, PAGE_HEIGHT / 2);
  cairo_rotate (cr, -G_PI / 4);
  cairo_move_to (cr, -(double) width / PANGO_SCALE / 2, -(double) height / PANGO_SCALE / 2);
  cairo_set_source_rgba (cr, 0.8, 0.1, 0.1, 0.16);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

/* GObject overrides */

static void
sb_pdf_layout_finalize (GObject *object)
{
  SbPdfLayout *self = (SbPdfLayout *) object;

  /* The cells borrow their keys from the blocks. */
  g_clear_pointer (&self->cells, g_hash_table_unref);
  g_clear_pointer (&self->unwrapped[0], g_hash_table_unref);
  g_clear_pointer (&self->unwrapped[1], g_hash_table_unref);
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
  g_clear_pointer (&self->batch_glyphs, g_array_unref);
  g_clear_pointer (&self->batch_clusters, g_array_unref);
  if (self->batch_text != NULL)
    g_string_free (self->batch_text, TRUE);

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
  PangoFontMap *font_map = pango_cairo_font_map_get_default ();
  cairo_font_options_t *options = cairo_font_options_create ();

  self->all_cells = g_ptr_array_new_with_free_func ((GDestroyNotify) cell_free);
  self->cells = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, (GDestroyNotify) g_hash_table_unref);
  self->unwrapped[0] = g_hash_table_new (g_str_hash, g_str_equal);
  self->unwrapped[1] = g_hash_table_new (g_str_hash, g_str_equal);
  self->scratch_runs = g_array_new (FALSE, FALSE, sizeof (CellRun));
  self->scratch_glyphs = g_array_new (FALSE, FALSE, sizeof (CellGlyph));
  self->scratch_clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  self->scratch_text = g_string_new (NULL);
  self->batch_glyphs = g_array_new (FALSE, FALSE, sizeof (cairo_glyph_t));
  self->batch_clusters = g_array_new (FALSE, FALSE, sizeof (cairo_text_cluster_t));
  self->batch_text = g_string_new (NULL);

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
  Block *block;
  double total = 0;

  g_return_if_fail (SB_IS_PDF_LAYOUT (self));
  g_return_if_fail (n_columns > 0);
  g_return_if_fail (headers != NULL);

  block = add_block (self, BLOCK_TABLE);
  block->n_columns = n_columns;
  block->headers = g_strdupv ((char **) headers);
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

guint
sb_pdf_layout_render (SbPdfLayout     *self,
                      cairo_surface_t *surface)
{
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(PangoLayout) header_left = NULL;
  g_autoptr(PangoLayout) header_right = NULL;
  g_autoptr(PangoLayout) watermark = NULL;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (SB_IS_PDF_LAYOUT (self), 0);
  g_return_val_if_fail (surface != NULL, 0);

  /* The context takes the surface's settings before anything is laid out:
   * changing them afterwards would lay every cached cell out again. */
  cr = cairo_create (surface);
  pango_cairo_update_context (cr, self->context);

  for (guint i = 0; i < self->blocks->len; i++)
    measure_block (self, g_ptr_array_index (self->blocks, i));

  pages = paginate (self);

  /* A trailing empty page (from a final page break) is not printed. */
  if (pages->len > 1 && ((GArray *) g_ptr_array_index (pages, pages->len - 1))->len == 0)
    g_ptr_array_set_size (pages, pages->len - 1);

  if (self->header_left != NULL || self->header_right != NULL)
    {
      header_left = make_layout (self, self->header_left, FONT_SANS, 8.5, PANGO_WEIGHT_NORMAL,
                                 CONTENT_WIDTH * 0.6, PANGO_ALIGN_LEFT);
      header_right = make_layout (self, self->header_right, FONT_MONO, 8.5, PANGO_WEIGHT_NORMAL,
                                  CONTENT_WIDTH * 0.4, PANGO_ALIGN_RIGHT);
      pango_layout_set_ellipsize (header_left, PANGO_ELLIPSIZE_END);
    }
  watermark = make_watermark (self);

  for (guint p = 0; p < pages->len; p++)
    {
      GArray *page = g_ptr_array_index (pages, p);

      draw_watermark (cr, watermark);
      draw_page_furniture (self, cr, header_left, header_right, p, pages->len);

      for (guint i = 0; i < page->len; i++)
        {
          Placement *placement = &g_array_index (page, Placement, i);

          draw_placement (self, cr, placement);

          if (placement->block->kind == BLOCK_HEADING && placement->block->level == 1 && placement->first == 0)
            {
              g_autofree char *link = g_strdup_printf ("page=%u pos=[%.1f %.1f]", p + 1,
                                                       MARGIN_LEFT, placement->y);
              cairo_pdf_surface_add_outline (surface, CAIRO_PDF_OUTLINE_ROOT, placement->block->text, link, 0);
            }
        }

      cairo_show_page (cr);
    }

  /* A drawing error stays with the context, not the surface: without this
   * check a failed call (say, text clusters cairo rejects) would leave
   * the rest of the document silently blank. */
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_warning ("drawing the document failed: %s", cairo_status_to_string (status));
      return 0;
    }
  return pages->len;
}

static cairo_status_t
append_to_byte_array (void                *closure,
                      const unsigned char *data,
                      unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

GBytes *
sb_pdf_layout_render_pdf (SbPdfLayout          *self,
                          const SbPdfMetadata  *metadata,
                          guint                *n_pages,
                          GError              **error)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  guint pages;

  g_return_val_if_fail (SB_IS_PDF_LAYOUT (self), NULL);
  g_return_val_if_fail (metadata != NULL, NULL);

  surface = cairo_pdf_surface_create_for_stream (append_to_byte_array, buffer, 595.276, 841.890);
  cairo_pdf_surface_restrict_to_version (surface, CAIRO_PDF_VERSION_1_5);
  if (metadata->title != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, metadata->title);
  if (metadata->author != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_AUTHOR, metadata->author);
  if (metadata->subject != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT, metadata->subject);
  if (metadata->keywords != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_KEYWORDS, metadata->keywords);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Shenbao " PACKAGE_VERSION);
  if (metadata->created != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata->created);
  if (metadata->modified != NULL)
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_MOD_DATE, metadata->modified);

  pages = sb_pdf_layout_render (self, surface);
  cairo_surface_finish (surface);
  status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS || pages == 0)
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_FAILED, _("typesetting failed: %s"),
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : _("the pages could not be drawn"));
      return NULL;
    }

  if (n_pages != NULL)
    *n_pages = pages;
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}
