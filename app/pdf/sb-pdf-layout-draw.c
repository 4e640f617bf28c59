/* sb-pdf-layout-draw.c — drawing SbPdfLayout's pages and writing the PDF
 *
 * The second pass: the placements that pagination decided are drawn page
 * by page, with the running header, the "第 N 页 共 M 页" footer, the
 * watermark and the outline of the level-one headings.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-layout"

#include "config.h"

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>

#include "sb-pdf-embed.h"
#include "sb-pdf-layout-private.h"

/* Auxiliary functions */

void
sb_pdf_layout_show_layout_at (cairo_t     *cr,
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
      g_autoptr(PangoLayout) label = sb_pdf_layout_make_layout (self, block->labels[i], FONT_SANS, 9, PANGO_WEIGHT_NORMAL,
                                                                width - 8, PANGO_ALIGN_LEFT);

      cairo_set_line_width (cr, 0.7);
      cairo_rectangle (cr, x, placement->y, width, block->height);
      cairo_stroke (cr);
      sb_pdf_layout_show_layout_at (cr, label, x + 4, placement->y + 4);
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
          double bottom = placement->y + sb_pdf_layout_lines_height (block->line_tops, placement->first, placement->count) + 2;

          cairo_set_line_width (cr, 0.8);
          cairo_move_to (cr, MARGIN_LEFT, bottom);
          cairo_line_to (cr, MARGIN_LEFT + CONTENT_WIDTH, bottom);
          cairo_stroke (cr);
        }
      break;

    case BLOCK_FIELD:
      if (placement->first == 0)
        sb_pdf_layout_show_layout_at (cr, block->label_layout, MARGIN_LEFT, placement->y);
      show_lines (cr, block->layout, block->line_tops, placement->first, placement->count,
                  MARGIN_LEFT + CONTENT_WIDTH * LABEL_FRACTION, placement->y);
      break;

    case BLOCK_TABLE:
      sb_pdf_layout_draw_table (self, cr, placement);
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
            sb_pdf_layout_show_layout_at (cr, block->layout, MARGIN_LEFT, placement->y + block->size + 4);
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
  g_autoptr(PangoLayout) footer_layout = sb_pdf_layout_make_layout (self, footer, FONT_SANS, 9, PANGO_WEIGHT_NORMAL,
                                                                    CONTENT_WIDTH, PANGO_ALIGN_CENTER);

  cairo_set_source_rgb (cr, 0, 0, 0);
  sb_pdf_layout_show_layout_at (cr, footer_layout, MARGIN_LEFT, PAGE_HEIGHT - 44);

  if (page > 0 && left != NULL)
    {
      sb_pdf_layout_show_layout_at (cr, left, MARGIN_LEFT, 38);
      sb_pdf_layout_show_layout_at (cr, right, MARGIN_LEFT + CONTENT_WIDTH * 0.6, 38);
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

  layout = sb_pdf_layout_make_layout (self, self->watermark, FONT_SANS, 150, PANGO_WEIGHT_BOLD, PAGE_WIDTH * 2, PANGO_ALIGN_LEFT);
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

/* Public API */

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
    sb_pdf_layout_measure_block (self, g_ptr_array_index (self->blocks, i));

  pages = sb_pdf_layout_paginate (self);

  /* A trailing empty page (from a final page break) is not printed. */
  if (pages->len > 1 && ((GArray *) g_ptr_array_index (pages, pages->len - 1))->len == 0)
    g_ptr_array_set_size (pages, pages->len - 1);

  if (self->header_left != NULL || self->header_right != NULL)
    {
      header_left = sb_pdf_layout_make_layout (self, self->header_left, FONT_SANS, 8.5, PANGO_WEIGHT_NORMAL,
                                               CONTENT_WIDTH * 0.6, PANGO_ALIGN_LEFT);
      header_right = sb_pdf_layout_make_layout (self, self->header_right, FONT_MONO, 8.5, PANGO_WEIGHT_NORMAL,
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

  /* Refused rather than typeset in boxes. */
  if (!sb_pdf_fonts_check (error))
    return NULL;

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
