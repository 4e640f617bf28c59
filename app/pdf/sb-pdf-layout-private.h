/* sb-pdf-layout-private.h — what the parts of SbPdfLayout share
 *
 * sb-pdf-layout.c holds the block list, measuring and pagination,
 * sb-pdf-layout-table.c the table cells (measured once, drawn in
 * batches) and sb-pdf-layout-draw.c drawing the pages and writing the PDF.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <pango/pangocairo.h>

#include "sb-pdf-fonts.h"
#include "sb-pdf-layout.h"

G_BEGIN_DECLS

#define PAGE_WIDTH    595.276
#define PAGE_HEIGHT   841.890
/* A4 bound on the left: GB/T 9704 gives official documents a 28 mm
 * binding margin (订口); 20 mm on the right keeps tables wide. */
#define MM             (72.0 / 25.4)
#define MARGIN_LEFT    (28.0 * MM)
#define MARGIN_RIGHT   (20.0 * MM)
#define MARGIN_TOP     72.0
#define MARGIN_BOTTOM  68.0
#define CONTENT_WIDTH (PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT)
#define CONTENT_BOTTOM (PAGE_HEIGHT - MARGIN_BOTTOM)
/* Labels are questions ("承诺培训材料存档保管…"), answers mostly short:
 * a wide label column keeps a question on one or two lines. */
#define LABEL_FRACTION 0.40
#define CELL_PADDING   3.0
#define CELL_FONT_SIZE 9.0
/* SB_PDF_TABLE_COMPACT */
#define COMPACT_PADDING   2.0
#define COMPACT_FONT_SIZE 8.0
#define FIELD_GAP      4.0

/* The SC face: with another CJK family first, Pango would pick Japanese
 * glyph shapes for the shared code points. */
#define FONT_SANS  SB_PDF_FONT_SANS
#define FONT_MONO  SB_PDF_FONT_MONO

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
  int                   decimal_x;     /* Pango units: where the decimal point (or the end) is; -1 as above */
  PangoLayout          *layout;
  guint                 n_runs;
  CellRun              *runs;
  CellGlyph            *glyphs;
  cairo_text_cluster_t *clusters;
  char                 *text;
  gboolean              code;          /* in the code face, of one font */
} Cell;

/* Glyphs of one font to be shown in one cairo_show_text_glyphs (). */
typedef struct
{
  cairo_scaled_font_t *font;
  GArray              *glyphs;   /* cairo_glyph_t */
  GArray              *clusters; /* cairo_text_cluster_t */
  GString             *text;
} TextBatch;

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
  SbPdfColumnKind  *kinds;        /* table: one per column */
  gboolean          totals_row;   /* table: the last row is the totals */
  double            padding;      /* table: around each cell's text */
  double            font_size;    /* table */
  int              *fractions;    /* table: widest part after the decimal point, Pango units, per column */
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
  GHashTable   *unwrapped[4]; /* regular, bold, then both compact: text -> a Cell laid out on unwrapped lines */
  GHashTable   *codes;        /* text -> a Cell in the code face, never wrapped */

  /* Table text waiting to be shown in one call (see batch_cell ()): the
   * cells in their order, and the code cells (hashes) of a placement,
   * which are shown after them. */
  TextBatch     batch;
  TextBatch     code_batch;

  /* Reused while cells are measured. */
  GArray       *scratch_runs;     /* CellRun */
  GArray       *scratch_glyphs;   /* CellGlyph */
  GArray       *scratch_clusters; /* cairo_text_cluster_t */
  GString      *scratch_text;
};

/* sb-pdf-layout.c */
PangoLayout *sb_pdf_layout_make_layout   (SbPdfLayout   *self,
                                          const char    *text,
                                          const char    *family,
                                          double         size,
                                          PangoWeight    weight,
                                          double         width,
                                          PangoAlignment alignment);
double       sb_pdf_layout_layout_height (PangoLayout   *layout);
double       sb_pdf_layout_lines_height  (GArray        *tops,
                                          guint          first,
                                          guint          count);
void         sb_pdf_layout_measure_block (SbPdfLayout   *self,
                                          Block         *block);
/* The pages: a GArray of Placement each. */
GPtrArray   *sb_pdf_layout_paginate      (SbPdfLayout   *self);

/* sb-pdf-layout-table.c */
void         sb_pdf_layout_cell_free     (Cell          *cell);
Cell        *sb_pdf_layout_table_cell    (SbPdfLayout   *self,
                                          const char    *text,
                                          gboolean       bold,
                                          gboolean       code,
                                          double         size,
                                          double         width);
void         sb_pdf_layout_draw_table    (SbPdfLayout   *self,
                                          cairo_t       *cr,
                                          Placement     *placement);

/* sb-pdf-layout-draw.c */
void         sb_pdf_layout_show_layout_at (cairo_t      *cr,
                                           PangoLayout  *layout,
                                           double        x,
                                           double        y);

G_END_DECLS
