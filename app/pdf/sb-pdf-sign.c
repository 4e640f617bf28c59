/* sb-pdf-sign.c — PAdES baseline B-B signatures on Shenbao's PDFs
 *
 * qpdf reads the PDF (the trailer, the catalog, the signature page) and
 * writes each changed object's dictionary, but qpdf 11 writes whole
 * files only: QPDFWriter has no incremental mode, and rewriting the file
 * would change the deterministic bytes the signature must leave as they
 * are.  So the incremental update itself (the new and changed objects,
 * a cross-reference section for them and a trailer with /Prev, ISO
 * 32000-1 §7.5.6) is written here.  It is a few hundred bytes of fixed
 * shape; the CMS inside it is GnuTLS's (sb-signer.c).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <poppler.h>
#include <qpdf/qpdf-c.h>

#include "sb-pdf-embed.h"
#include "sb-pdf-layout-private.h"
#include "sb-pdf-sign.h"

/* Room for the CMS in /Contents, in bytes: a signature with a chain of
 * three RSA-4096 certificates is under 8 KiB. */
#define CONTENTS_BYTES (16 * 1024)
/* "[0 0000000000 0000000000 0000000000]": room for any file size,
 * filled in once the offsets are known. */
#define BYTE_RANGE_PLACEHOLDER "[0 0000000000 0000000000 0000000000]"

/* The signature boxes the PDFs draw (sb_pdf_layout_add_boxes()): the
 * applicant's declaration (sb-pdf-renderer.c, add_declaration) and the
 * office's seal (sb-pdf-review.c); the label is at the box's top left,
 * 4 points in, and boxes share the content width with 16 points
 * between them. */
typedef struct
{
  const char *label;    /* its first line, as poppler finds it */
  guint       index;    /* which of the row's boxes */
  guint       n_boxes;
  double      height;
} SignatureBox;

static const SignatureBox signature_boxes[] = {
  /* The label's first line only: it wraps in a box a third of the width. */
  { "申请人（法定代表人／负责人）", 0, 3, 90 },
  { "审核机关（盖章）", 0, 1, 90 },
};

/* Auxiliary functions */

static gboolean
check_qpdf (qpdf_data    qpdf,
            const char  *what,
            GError     **error)
{
  if (!qpdf_has_error (qpdf))
    return TRUE;
  g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID, "%s: %s", what,
               qpdf_get_error_full_text (qpdf, qpdf_get_error (qpdf)));
  return FALSE;
}

/* The offset the last "startxref" gives: the /Prev of the update. */
static gboolean
find_startxref (const char *data,
                gsize       length,
                guint64    *offset)
{
  static const char marker[] = "startxref";
  const char *found = NULL;

  /* From the end: the last one is the one readers follow. */
  for (gsize i = length >= strlen (marker) ? length - strlen (marker) + 1 : 0; i > 0 && found == NULL; i--)
    if (memcmp (data + i - 1, marker, strlen (marker)) == 0)
      found = data + i - 1;
  if (found == NULL)
    return FALSE;
  found += strlen (marker);
  while (found < data + length && g_ascii_isspace (*found))
    found++;
  if (found >= data + length || !g_ascii_isdigit (*found))
    return FALSE;
  *offset = g_ascii_strtoull (found, NULL, 10);
  return TRUE;
}

/* The page and /Rect of the signature box, found by its label with
 * poppler (the PDF keeps no other record of where the box is); FALSE
 * when the PDF has no signature box. */
static gboolean
find_signature_box (GBytes *pdf,
                    int    *page_index,
                    double  rect[4])
{
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_bytes (pdf, NULL, &error);
  gboolean found = FALSE;

  if (document == NULL)
    return FALSE;
  for (guint b = 0; b < G_N_ELEMENTS (signature_boxes) && !found; b++)
    {
      const SignatureBox *box = &signature_boxes[b];
      double width = (CONTENT_WIDTH - 16 * (box->n_boxes - 1)) / box->n_boxes;

      /* The last page first: the declaration closes the document. */
      for (int i = poppler_document_get_n_pages (document) - 1; i >= 0 && !found; i--)
        {
          PopplerPage *page = poppler_document_get_page (document, i);
          GList *matches = page != NULL ? poppler_page_find_text (page, box->label) : NULL;

          if (matches != NULL)
            {
              PopplerRectangle *label = matches->data;
              double top = MAX (label->y1, label->y2) + 4;

              *page_index = i;
              rect[0] = MIN (label->x1, label->x2) - 4;
              rect[1] = top - box->height;
              rect[2] = rect[0] + width;
              rect[3] = top;
              g_list_free_full (matches, (GDestroyNotify) poppler_rectangle_free);
              found = TRUE;
            }
          g_clear_object (&page);
        }
    }
  g_object_unref (document);
  return found;
}

/* @dictionary ("<< … >>", as qpdf unparses one) with one more key. */
static char * G_GNUC_PRINTF (2, 3)
add_key (const char *dictionary,
         const char *format,
         ...)
{
  g_autofree char *key = NULL;
  gsize length = strlen (dictionary);
  va_list args;

  va_start (args, format);
  key = g_strdup_vprintf (format, args);
  va_end (args);
  g_assert (length >= 4 && g_str_has_suffix (dictionary, ">>"));
  return g_strdup_printf ("%.*s %s >>", (int) (length - 2), dictionary, key);
}

/* A PDF text string of @text: UTF-16BE with a byte-order mark, in hex,
 * so that no character needs escaping. */
static void
append_text_string (GString    *out,
                    const char *text)
{
  g_autofree gunichar2 *utf16 = g_utf8_to_utf16 (text, -1, NULL, NULL, NULL);

  g_string_append (out, "<FEFF");
  for (gunichar2 *c = utf16; c != NULL && *c != 0; c++)
    g_string_append_printf (out, "%04X", *c);
  g_string_append_c (out, '>');
}

/* Public API */

GBytes *
sb_pdf_sign (GBytes    *pdf,
             SbSigner  *signer,
             GError   **error)
{
  g_autoptr(GString) out = NULL;
  g_autoptr(GBytes) signed_part = NULL;
  g_autoptr(GBytes) cms = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *page_dict = NULL;
  g_autofree char *root_dict = NULL;
  g_autofree char *existing_annots = NULL;
  g_autofree char *id = NULL;
  g_autofree char *stamp = NULL;
  qpdf_data qpdf = qpdf_init ();
  qpdf_oh trailer, root, page, annots, info;
  const char *data;
  gsize length, byte_range_at, contents_at, contents_end;
  guint64 prev;
  int size, page_index = 0, page_id, page_generation, root_id, root_generation;
  gboolean visible;
  double rect[4] = { 0, 0, 0, 0 };
  guint64 offsets[4];
  int generations[4];
  guint n_objects = 0;
  char range[sizeof BYTE_RANGE_PLACEHOLDER];
  GBytes *result = NULL;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (SB_IS_SIGNER (signer), NULL);

  data = g_bytes_get_data (pdf, &length);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  qpdf_read_memory (qpdf, "packet.pdf", data, length, NULL);
  if (!check_qpdf (qpdf, _("reading the PDF"), error))
    goto out;
  if (!find_startxref (data, length, &prev))
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID, _("the PDF has no cross-reference section (startxref)"));
      goto out;
    }

  trailer = qpdf_get_trailer (qpdf);
  root = qpdf_get_root (qpdf);
  size = (int) qpdf_oh_get_int_value (qpdf, qpdf_oh_get_key (qpdf, trailer, "/Size"));
  if (size <= 0 || qpdf_get_num_pages (qpdf) <= 0)
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID, _("the PDF has no pages"));
      goto out;
    }
  if (qpdf_oh_has_key (qpdf, root, "/AcroForm"))
    {
      /* Shenbao's PDFs have no form; a second signature would need the
       * first's field kept, which this writer does not do. */
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID,
                   _("the PDF already has a form or a signature: only an unsigned PDF is signed"));
      goto out;
    }

  visible = find_signature_box (pdf, &page_index, rect);
  page = qpdf_get_page_n (qpdf, visible ? page_index : 0);
  page_id = qpdf_oh_get_object_id (qpdf, page);
  page_generation = qpdf_oh_get_generation (qpdf, page);
  root_id = qpdf_oh_get_object_id (qpdf, root);
  root_generation = qpdf_oh_get_generation (qpdf, root);

  /* The changed page and catalog: their dictionaries as qpdf writes
   * them, with the one key each gains (the objects they refer to do not
   * exist yet, so qpdf could not parse the new values). */
  annots = qpdf_oh_get_key (qpdf, page, "/Annots");
  if (qpdf_oh_is_array (qpdf, annots))
    {
      g_autofree char *old = g_strdup (qpdf_oh_unparse (qpdf, annots));

      old[strlen (old) - 1] = '\0';   /* the closing "]" */
      existing_annots = g_strdup (old + 1);
      qpdf_oh_remove_key (qpdf, page, "/Annots");
    }
  page_dict = add_key (qpdf_oh_unparse_resolved (qpdf, page), "/Annots [ %s %d 0 R ]",
                       existing_annots != NULL ? existing_annots : "", size + 1);
  root_dict = add_key (qpdf_oh_unparse_resolved (qpdf, root), "/AcroForm << /Fields [ %d 0 R ] /SigFlags 3 >>",
                       size + 1);
  id = g_strdup (qpdf_oh_unparse (qpdf, qpdf_oh_get_key (qpdf, trailer, "/ID")));
  info = qpdf_oh_get_key (qpdf, trailer, "/Info");
  if (!check_qpdf (qpdf, _("reading the PDF"), error))
    goto out;

  out = g_string_new_len (data, length);
  if (out->str[out->len - 1] != '\n')
    g_string_append_c (out, '\n');

  /* The signature value: /ByteRange and /Contents are filled in below. */
  generations[n_objects] = 0;
  offsets[n_objects++] = out->len;
  stamp = g_date_time_format (now, "D:%Y%m%d%H%M%SZ");
  g_string_append_printf (out, "%d 0 obj\n<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /ETSI.CAdES.detached "
                               "/M (%s) /Name ", size, stamp);
  append_text_string (out, sb_signer_get_subject (signer));
  g_string_append (out, " /ByteRange ");
  byte_range_at = out->len;
  g_string_append (out, BYTE_RANGE_PLACEHOLDER " /Contents ");
  contents_at = out->len;
  g_string_append_c (out, '<');
  for (guint i = 0; i < CONTENTS_BYTES; i++)
    g_string_append (out, "00");
  g_string_append_c (out, '>');
  contents_end = out->len;
  g_string_append (out, " >>\nendobj\n");

  /* Its field and widget, one object, over the signature box; printed
   * and locked (/F 132), with an empty appearance since the box is
   * drawn on the page already (PDF/A wants an appearance). */
  generations[n_objects] = 0;
  offsets[n_objects++] = out->len;
  g_string_append_printf (out, "%d 0 obj\n<< /Type /Annot /Subtype /Widget /FT /Sig /T (Signature%d) /V %d 0 R "
                               "/F 132 /P %d %d R /Rect [ %.2f %.2f %.2f %.2f ] /AP << /N %d 0 R >> >>\nendobj\n",
                          size + 1, size, size, page_id, page_generation, rect[0], rect[1], rect[2], rect[3], size + 2);
  generations[n_objects] = 0;
  offsets[n_objects++] = out->len;
  g_string_append_printf (out, "%d 0 obj\n<< /Type /XObject /Subtype /Form /BBox [ 0 0 %.2f %.2f ] /Length 0 >>\n"
                               "stream\n\nendstream\nendobj\n",
                          size + 2, rect[2] - rect[0], rect[3] - rect[1]);

  {
    guint64 page_at = out->len, root_at;
    guint64 xref_at;

    g_string_append_printf (out, "%d %d obj\n%s\nendobj\n", page_id, page_generation, page_dict);
    root_at = out->len;
    g_string_append_printf (out, "%d %d obj\n%s\nendobj\n", root_id, root_generation, root_dict);

    /* One subsection per object: 20 bytes an entry, "\r\n" ending it. */
    xref_at = out->len;
    g_string_append (out, "xref\n");
    g_string_append_printf (out, "%d 1\n%010" G_GUINT64_FORMAT " %05d n\r\n", page_id, page_at, page_generation);
    g_string_append_printf (out, "%d 1\n%010" G_GUINT64_FORMAT " %05d n\r\n", root_id, root_at, root_generation);
    g_string_append_printf (out, "%d %u\n", size, n_objects);
    for (guint i = 0; i < n_objects; i++)
      g_string_append_printf (out, "%010" G_GUINT64_FORMAT " %05d n\r\n", offsets[i], generations[i]);
    g_string_append_printf (out, "trailer\n<< /Size %d /Root %d %d R", size + 3, root_id, root_generation);
    if (qpdf_oh_is_dictionary (qpdf, info))
      g_string_append_printf (out, " /Info %d %d R", qpdf_oh_get_object_id (qpdf, info),
                              qpdf_oh_get_generation (qpdf, info));
    if (id != NULL && *id == '[')
      g_string_append_printf (out, " /ID %s", id);
    g_string_append_printf (out, " /Prev %" G_GUINT64_FORMAT " >>\nstartxref\n%" G_GUINT64_FORMAT "\n%%%%EOF\n",
                            prev, xref_at);
  }

  /* The byte range: everything but the /Contents string, brackets
   * included (ISO 32000-1 §12.8.1). */
  g_snprintf (range, sizeof range, "[0 %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT " %" G_GSIZE_FORMAT "]",
              contents_at, contents_end, out->len - contents_end);
  if (strlen (range) > strlen (BYTE_RANGE_PLACEHOLDER))
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_FAILED, _("the PDF is too large to sign"));
      goto out;
    }
  memset (out->str + byte_range_at, ' ', strlen (BYTE_RANGE_PLACEHOLDER));
  memcpy (out->str + byte_range_at, range, strlen (range));

  {
    g_autoptr(GByteArray) covered = g_byte_array_sized_new (out->len - (contents_end - contents_at));

    g_byte_array_append (covered, (const guint8 *) out->str, contents_at);
    g_byte_array_append (covered, (const guint8 *) out->str + contents_end, out->len - contents_end);
    signed_part = g_byte_array_free_to_bytes (g_steal_pointer (&covered));
  }
  cms = sb_signer_sign (signer, signed_part, SB_SIGNER_FLAGS_NONE, error);
  if (cms == NULL)
    goto out;
  if (g_bytes_get_size (cms) > CONTENTS_BYTES)
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_FAILED,
                   _("the signature (%lu bytes) is larger than the room kept for it"),
                   (unsigned long) g_bytes_get_size (cms));
      goto out;
    }
  {
    const guint8 *der = g_bytes_get_data (cms, NULL);

    for (gsize i = 0; i < g_bytes_get_size (cms); i++)
      {
        static const char digits[] = "0123456789ABCDEF";

        out->str[contents_at + 1 + 2 * i] = digits[der[i] >> 4];
        out->str[contents_at + 2 + 2 * i] = digits[der[i] & 0xf];
      }
  }

  result = g_string_free_to_bytes (g_steal_pointer (&out));

out:
  qpdf_cleanup (&qpdf);
  return result;
}
