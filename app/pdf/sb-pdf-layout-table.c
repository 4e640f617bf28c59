/* sb-pdf-layout-table.c — the cells of SbPdfLayout's tables
 *
 * A table's cells are laid out once by Pango while it is measured, kept
 * as glyphs, and drawn in as few cairo calls as they can; a table split
 * across pages repeats its header row in each part.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-layout"

#include "config.h"

#include <string.h>

#include "sb-pdf-layout-private.h"

/* Auxiliary functions */

void
sb_pdf_layout_cell_free (Cell *cell)
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
/* Where a number's decimal point is, so that a column of numbers lines
 * up on it: the x of the '.' or, for a whole number, of its end. */
static int
decimal_x (PangoLayout *layout,
           const char  *text,
           int          natural_width)
{
  const char *point = strchr (text, '.');
  PangoRectangle position;

  if (point == NULL)
    return natural_width;
  pango_layout_index_to_pos (layout, (int) (point - text), &position);
  return position.x;
}

/* A hash or code: monospace, small, on one line whatever its column's
 * width (the column is made wide enough), laid out once per text. */
static Cell *
code_cell (SbPdfLayout *self,
           const char  *text)
{
  Cell *cell = g_hash_table_lookup (self->codes, text);
  PangoLayout *layout;
  int natural_width, height;

  if (cell != NULL)
    return cell;

  cell = g_new0 (Cell, 1);
  g_ptr_array_add (self->all_cells, cell);
  layout = sb_pdf_layout_make_layout (self, text, FONT_MONO, 7, PANGO_WEIGHT_NORMAL, -1, PANGO_ALIGN_LEFT);
  cell->height = sb_pdf_layout_layout_height (layout);
  pango_layout_get_size (layout, &natural_width, &height);
  cell->natural_width = natural_width;
  cell->decimal_x = natural_width;
  if (can_batch (layout))
    {
      cell_take_glyphs (self, cell, layout);
      g_object_unref (layout);
      cell->code = cell->n_runs == 1;
    }
  else
    cell->layout = layout;
  g_hash_table_insert (self->codes, (gpointer) text, cell);
  return cell;
}

Cell *
sb_pdf_layout_table_cell (SbPdfLayout *self,
                          const char  *text,
                          gboolean     bold,
                          gboolean     code,
                          double       size,
                          double       width)
{
  gboolean small = size < CELL_FONT_SIZE;
  gpointer style = GINT_TO_POINTER ((int) (width * 1000) * 4 + (small ? 2 : 0) + (bold ? 1 : 0));
  GHashTable *cells;
  PangoLayout *layout;
  gboolean batchable;
  Cell *cell;

  if (text == NULL)
    text = "";
  if (code && !bold)
    return code_cell (self, text);

  cells = g_hash_table_lookup (self->cells, style);
  if (cells == NULL)
    {
      cells = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (self->cells, style, cells);
    }

  cell = g_hash_table_lookup (cells, text);
  if (cell != NULL)
    return cell;

  /* The file names of the materials list come again in the appendix. */
  cell = g_hash_table_lookup (self->unwrapped[(small ? 2 : 0) + (bold ? 1 : 0)], text);
  if (cell != NULL && cell->natural_width <= (int) (width * PANGO_SCALE))
    {
      g_hash_table_insert (cells, (gpointer) text, cell);
      return cell;
    }

  cell = g_new0 (Cell, 1);
  g_ptr_array_add (self->all_cells, cell);
  layout = sb_pdf_layout_make_layout (self, text, FONT_SANS, size, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                                      width, PANGO_ALIGN_LEFT);
  batchable = can_batch (layout);
  cell->height = sb_pdf_layout_layout_height (layout);
  cell->natural_width = -1;
  cell->decimal_x = -1;
  if (batchable && !pango_layout_is_wrapped (layout) && lines_start_at_left (layout))
    {
      int natural_width, height;

      pango_layout_get_size (layout, &natural_width, &height);
      cell->natural_width = natural_width;
      cell->decimal_x = decimal_x (layout, text, natural_width);
      g_hash_table_replace (self->unwrapped[(small ? 2 : 0) + (bold ? 1 : 0)], (gpointer) text, cell);
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

/* Table text is shown in as few calls as it can: one
 * cairo_show_text_glyphs () for the cells of a table part that share a
 * font, instead of one per run of every cell as pango_cairo_show_layout ()
 * makes.  Cairo's PDF surface records, analyses and replays each call, and
 * that cost per call was a third of rendering a long table.  The glyphs
 * are placed exactly where Pango's cairo renderer puts them (the same
 * arithmetic, from the same current point), with the same text and
 * clusters, so the page looks and extracts the same. */
static void
show_batch (TextBatch *batch,
            cairo_t   *cr)
{
  if (batch->glyphs->len > 0)
    {
      cairo_save (cr);
      cairo_set_scaled_font (cr, batch->font);
      cairo_show_text_glyphs (cr, batch->text->str, batch->text->len,
                              (cairo_glyph_t *) batch->glyphs->data, batch->glyphs->len,
                              (cairo_text_cluster_t *) batch->clusters->data, batch->clusters->len, 0);
      cairo_restore (cr);
    }
  g_array_set_size (batch->glyphs, 0);
  g_array_set_size (batch->clusters, 0);
  g_string_truncate (batch->text, 0);
  batch->font = NULL;
}

/* Shows what is waiting: before a clip, a fill or a cell only Pango
 * draws, and at the end of a placement. */
static void
batch_flush (SbPdfLayout *self,
             cairo_t     *cr)
{
  show_batch (&self->batch, cr);
  show_batch (&self->code_batch, cr);
}

/* Adds @cell with its top left corner at (@x, @y) to the batch, or draws
 * it at once with Pango when only Pango can.  A code cell (a hash in the
 * monospace face) goes to a batch of its own, shown when the placement is
 * drawn: switching faces in every row of a hash list, one call per
 * switch, made rendering a 3,000-file packet a quarter slower.  Its text
 * is one run, so nothing within a cell changes order; the hashes are
 * extracted after the rest of their table part. */
static void
batch_cell (SbPdfLayout *self,
            cairo_t     *cr,
            Cell        *cell,
            double       x,
            double       y)
{
  double origin_x, origin_y;
  guint glyph = 0, cluster = 0, text = 0;
  TextBatch *batch = cell->code ? &self->code_batch : &self->batch;

  if (cell->layout != NULL)
    {
      batch_flush (self, cr);
      sb_pdf_layout_show_layout_at (cr, cell->layout, x, y);
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

      if (run->font != batch->font)
        {
          show_batch (batch, cr);
          batch->font = run->font;
        }

      for (guint i = 0; i < run->n_glyphs; i++, glyph++)
        {
          cairo_glyph_t placed;

          placed.index = cell->glyphs[glyph].index;
          placed.x = origin_x + (double) cell->glyphs[glyph].x / PANGO_SCALE;
          placed.y = origin_y + (double) cell->glyphs[glyph].y / PANGO_SCALE;
          g_array_append_val (batch->glyphs, placed);
        }
      g_array_append_vals (batch->clusters, cell->clusters + cluster, run->n_clusters);
      cluster += run->n_clusters;
      g_string_append_len (batch->text, cell->text + text, run->text_length);
      text += run->text_length;
    }
}

void
sb_pdf_layout_draw_table (SbPdfLayout *self,
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

      if (r == 0 || (block->totals_row && row_index == block->rows->len))
        {
          batch_flush (self, cr);
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
          double shift = 0;

          /* Numbers (and their header) end at the right, their decimal
           * points one under the other; a wrapped cell stays at the left. */
          if (block->kinds[c] == SB_PDF_COLUMN_NUMBER && cell->natural_width >= 0)
            {
              int inner = (int) ((block->widths[c] - 2 * block->padding) * PANGO_SCALE);
              int end = r == 0 ? cell->natural_width : cell->decimal_x + block->fractions[c];

              shift = MAX (0, inner - end) / (double) PANGO_SCALE;
            }
          batch_cell (self, cr, cell, x + block->padding + shift, y + block->padding);
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
