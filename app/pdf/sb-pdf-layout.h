/* sb-pdf-layout.h — flowing an official document onto A4 pages
 *
 * A document is a list of blocks (headings, labelled fields, paragraphs,
 * tables, boxes); the layout breaks them into pages — paragraphs between
 * lines, tables between rows with the header repeated — and then draws
 * them on a cairo PDF surface with a running header, "第 N 页 共 M 页"
 * footers and, for drafts, a watermark.  It knows nothing of forms.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <cairo.h>
#include <glib-object.h>

G_BEGIN_DECLS

typedef enum {
  SB_PDF_TEXT_BODY,
  SB_PDF_TEXT_SMALL,      /* citations, hashes, notes */
  SB_PDF_TEXT_EMPHASIS,   /* bold body */
  SB_PDF_TEXT_MONOSPACE,  /* hashes, reference numbers */
} SbPdfTextStyle;

#define SB_TYPE_PDF_LAYOUT (sb_pdf_layout_get_type ())
G_DECLARE_FINAL_TYPE (SbPdfLayout, sb_pdf_layout, SB, PDF_LAYOUT, GObject)

SbPdfLayout *sb_pdf_layout_new            (void);

/* Running header text (left and right) on every page but the first. */
void         sb_pdf_layout_set_header     (SbPdfLayout        *self,
                                           const char         *left,
                                           const char         *right);
/* A large diagonal word on every page (草稿 for drafts), or NULL. */
void         sb_pdf_layout_set_watermark  (SbPdfLayout        *self,
                                           const char         *text);

/* The document title, centred, large. */
void         sb_pdf_layout_add_title      (SbPdfLayout        *self,
                                           const char         *text);
/* Level 1 starts a section (an outline entry); level 2 is a sub-heading. */
void         sb_pdf_layout_add_heading    (SbPdfLayout        *self,
                                           int                 level,
                                           const char         *text);
void         sb_pdf_layout_add_paragraph  (SbPdfLayout        *self,
                                           SbPdfTextStyle      style,
                                           const char         *text);
/* A label and its value side by side; long values wrap and may continue
 * on the next page. */
void         sb_pdf_layout_add_field      (SbPdfLayout        *self,
                                           const char         *label,
                                           const char         *value);
/* @widths: relative column widths (n_columns of them), NULL for equal.
 * @rows: GPtrArray of GStrv, each with n_columns cells. */
void         sb_pdf_layout_add_table      (SbPdfLayout        *self,
                                           guint               n_columns,
                                           const char * const *headers,
                                           const double       *widths,
                                           GPtrArray          *rows);
/* How a table column is set: text wraps within its column; numbers are
 * right-aligned on the decimal point (the unit belongs in the header);
 * codes (hashes) are in a small monospace face on one line. */
typedef enum {
  SB_PDF_COLUMN_TEXT,
  SB_PDF_COLUMN_NUMBER,
  SB_PDF_COLUMN_CODE,
} SbPdfColumnKind;

typedef enum {
  SB_PDF_TABLE_TOTALS  = 1 << 0,  /* the last row is the totals: bold, shaded */
  SB_PDF_TABLE_COMPACT = 1 << 1,  /* smaller text and padding, for long lists */
} SbPdfTableFlags;

/* sb_pdf_layout_add_table() with a kind for each column (@kinds may be
 * NULL for all text) and @flags. */
void         sb_pdf_layout_add_table_full (SbPdfLayout           *self,
                                           guint                  n_columns,
                                           const char * const    *headers,
                                           const double          *widths,
                                           const SbPdfColumnKind *kinds,
                                           GPtrArray             *rows,
                                           SbPdfTableFlags        flags);
/* A square image (e.g. a QR code drawn on a recording surface, so it stays
 * vector) whose own width is @natural_size units, drawn @size points wide,
 * centred, with a caption. */
void         sb_pdf_layout_add_image      (SbPdfLayout        *self,
                                           cairo_surface_t    *image,
                                           double              natural_size,
                                           double              size,
                                           const char         *caption);
/* Empty boxes side by side for signatures and seals, each with its label. */
void         sb_pdf_layout_add_boxes      (SbPdfLayout        *self,
                                           const char * const *labels,
                                           double              height);
void         sb_pdf_layout_add_space      (SbPdfLayout        *self,
                                           double              points);
void         sb_pdf_layout_add_page_break (SbPdfLayout        *self);

/* Paginates and draws everything onto @surface (a cairo PDF surface of A4
 * pages).  Outline entries are added for level-1 headings.  Returns the
 * number of pages, or 0 when cairo failed to draw them (the reason is
 * logged as a warning). */
guint        sb_pdf_layout_render         (SbPdfLayout        *self,
                                           cairo_surface_t    *surface);

/* What a document's information dictionary says; NULL leaves an entry out.
 * Dates are ISO 8601, as cairo wants them. */
typedef struct {
  const char *title;
  const char *author;
  const char *subject;
  const char *keywords;
  const char *created;
  const char *modified;
} SbPdfMetadata;

/* Renders @self as a PDF 1.5 of A4 pages made by "Shenbao VERSION", with
 * @metadata, into memory (sb_pdf_layout_render() on a cairo PDF surface).
 * @n_pages (optional) gets the number of pages.  Returns NULL with
 * SB_PDF_ERROR_FAILED when cairo failed. */
GBytes      *sb_pdf_layout_render_pdf     (SbPdfLayout         *self,
                                           const SbPdfMetadata *metadata,
                                           guint               *n_pages,
                                           GError             **error);

G_END_DECLS
