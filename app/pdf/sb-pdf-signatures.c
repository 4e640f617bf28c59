/* sb-pdf-signatures.c — finding and checking the signatures of a PDF
 *
 * Each signature field's value is checked as PAdES readers do: the
 * /ByteRange starts at 0 and frames exactly the /Contents string (a
 * hex string and nothing else in the hole), and the CMS in it signs the
 * bytes of the range.  Bytes after the range are a later revision the
 * signature does not cover, and are reported.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <qpdf/qpdf-c.h>

#include "sb-pdf-embed.h"
#include "sb-pdf-sign.h"

/* More than any document signs: a hostile PDF's list stops here. */
#define MAX_SIGNATURE_FIELDS 16

/* Auxiliary functions */

/* The length of the DER element at the start of @der (its tag, length
 * and content), or 0: /Contents is padded with zeros after it. */
static gsize
der_length (const guint8 *der,
            gsize         length)
{
  gsize content = 0, header = 2;

  if (length < 2 || der[0] != 0x30)
    return 0;
  if (der[1] < 0x80)
    content = der[1];
  else
    {
      guint n = der[1] & 0x7f;

      if (n == 0 || n > 4 || length < 2 + n)
        return 0;
      for (guint i = 0; i < n; i++)
        content = (content << 8) | der[2 + i];
      header += n;
    }
  return header + content <= length ? header + content : 0;
}

/* "D:20261202043000Z" and its offset forms, as a UTC time. */
static GDateTime *
parse_pdf_date (const char *text)
{
  int year, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) zone = NULL;
  const char *p;

  if (text == NULL || !g_str_has_prefix (text, "D:") || strlen (text) < 6)
    return NULL;
  if (sscanf (text + 2, "%4d%2d%2d%2d%2d%2d", &year, &month, &day, &hour, &minute, &second) < 1)
    return NULL;
  p = text + 2;
  while (g_ascii_isdigit (*p))
    p++;
  if (*p == '+' || *p == '-')
    {
      g_autofree char *offset = g_strdup_printf ("%c%.2s:%.2s", *p, p + 1, strlen (p) >= 6 ? p + 4 : "00");

      zone = g_time_zone_new_identifier (offset);
    }
  if (zone == NULL)
    zone = g_time_zone_new_utc ();
  local = g_date_time_new (zone, year, month, day, hour, minute, second);
  return local != NULL ? g_date_time_to_utc (local) : NULL;
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID, "%s", message);
  return FALSE;
}

/* One signature value dictionary, checked. */
static SbPdfSignature *
read_signature (qpdf_data      qpdf,
                qpdf_oh        value,
                const guint8  *data,
                gsize          length,
                const char    *trust_dir,
                GError       **error)
{
  qpdf_oh range = qpdf_oh_get_key (qpdf, value, "/ByteRange");
  qpdf_oh contents = qpdf_oh_get_key (qpdf, value, "/Contents");
  qpdf_oh when = qpdf_oh_get_key (qpdf, value, "/M");
  g_autoptr(GDateTime) claimed = NULL;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GBytes) cms = NULL;
  g_autoptr(GBytes) covered = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  const guint8 *der;
  size_t der_size = 0;
  gint64 r[4];
  SbPdfSignature *signature;

  if (!qpdf_oh_is_array (qpdf, range) || qpdf_oh_get_array_n_items (qpdf, range) != 4 ||
      !qpdf_oh_is_string (qpdf, contents))
    {
      invalid (error, _("a signature has no /ByteRange of four numbers or no /Contents"));
      return NULL;
    }
  for (int i = 0; i < 4; i++)
    {
      qpdf_oh item = qpdf_oh_get_array_item (qpdf, range, i);

      if (!qpdf_oh_is_integer (qpdf, item))
        {
          invalid (error, _("a signature’s /ByteRange holds something other than whole numbers"));
          return NULL;
        }
      r[i] = qpdf_oh_get_int_value (qpdf, item);
    }
  if (r[0] != 0 || r[1] <= 0 || r[2] <= r[1] + 1 || r[3] < 0 || (guint64) r[2] + (guint64) r[3] > length ||
      data[r[1]] != '<' || data[r[2] - 1] != '>')
    {
      invalid (error, _("a signature’s /ByteRange does not frame its /Contents in this file"));
      return NULL;
    }
  for (gint64 i = r[1] + 1; i < r[2] - 1; i++)
    if (!g_ascii_isxdigit (data[i]))
      {
        invalid (error, _("a signature’s /ByteRange leaves out more than its /Contents"));
        return NULL;
      }

  der = (const guint8 *) qpdf_oh_get_binary_string_value (qpdf, contents, &der_size);
  cms = g_bytes_new (der, der_length (der, der_size));
  bytes = g_byte_array_sized_new (r[1] + r[3]);
  g_byte_array_append (bytes, data, r[1]);
  g_byte_array_append (bytes, data + r[2], r[3]);
  covered = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  if (qpdf_oh_is_string (qpdf, when))
    claimed = parse_pdf_date (qpdf_oh_get_utf8_value (qpdf, when));

  found = sb_signature_verify (cms, covered, claimed, trust_dir, error);
  if (found == NULL)
    return NULL;
  signature = g_new0 (SbPdfSignature, 1);
  signature->signature = g_ptr_array_steal_index (found, 0);
  signature->revision_length = r[2] + r[3];
  signature->covers_to_end = signature->revision_length == length;
  return signature;
}

/* The object numbers the cross-reference section at @text lists (the
 * update's own, as sb-pdf-sign.c writes it), or NULL when it is not a
 * plain section. */
static GArray *
update_objects (const char *text,
                gsize       length)
{
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree char *copy = g_strndup (text, length);
  g_auto(GStrv) lines = NULL;
  char *xref;
  guint i;

  /* The section follows the update's last "endobj". */
  xref = g_strrstr (copy, "endobj\nxref\n");
  if (xref == NULL || g_strstr_len (copy, -1, "/XRefStm") != NULL)
    return NULL;
  lines = g_strsplit (xref + strlen ("endobj\nxref\n"), "\n", -1);
  for (i = 0; lines[i] != NULL && !g_str_has_prefix (lines[i], "trailer"); )
    {
      guint64 first, count;

      if (sscanf (lines[i], "%" G_GUINT64_FORMAT " %" G_GUINT64_FORMAT, &first, &count) != 2 || count > 64)
        return NULL;
      i++;
      for (guint64 j = 0; j < count; j++, i++)
        {
          guint64 number = first + j;

          if (lines[i] == NULL || strlen (lines[i]) != 19 || lines[i][17] != 'n')
            return NULL;
          g_array_append_val (numbers, number);
        }
    }
  return lines[i] != NULL ? g_steal_pointer (&numbers) : NULL;
}

static char *
unparse_without (qpdf_data   qpdf,
                 qpdf_oh     object,
                 const char *key)
{
  qpdf_oh copy = qpdf_oh_new_object (qpdf, object);

  qpdf_oh_remove_key (qpdf, copy, key);
  return g_strdup (qpdf_oh_unparse_resolved (qpdf, copy));
}

/* Whether every annotation of @page, or field of the form, is a
 * signature's. */
static gboolean
only_signatures (qpdf_data qpdf,
                 qpdf_oh   array)
{
  for (int i = 0; qpdf_oh_is_array (qpdf, array) && i < qpdf_oh_get_array_n_items (qpdf, array); i++)
    if (!qpdf_oh_is_name_and_equals (qpdf, qpdf_oh_get_key (qpdf, qpdf_oh_get_array_item (qpdf, array, i), "/FT"),
                                     "/Sig"))
      return FALSE;
  return TRUE;
}

/* Public API */

char *
sb_pdf_signature_update_problem (GBytes *pdf)
{
  gsize length, unsigned_length = sb_pdf_unsigned_length (pdf);
  const char *data = g_bytes_get_data (pdf, &length);
  g_autoptr(GArray) numbers = update_objects (data + unsigned_length, length - unsigned_length);
  qpdf_data before = qpdf_init (), after = qpdf_init ();
  char *problem = NULL;
  int size;

  qpdf_set_suppress_warnings (before, QPDF_TRUE);
  qpdf_set_suppress_warnings (after, QPDF_TRUE);
  qpdf_read_memory (before, "unsigned.pdf", data, unsigned_length, NULL);
  qpdf_read_memory (after, "signed.pdf", data, length, NULL);
  if (numbers == NULL || qpdf_has_error (before) || qpdf_has_error (after))
    {
      problem = g_strdup (_("the signature’s update is not a plain cross-reference section as Shenbao writes one"));
      goto out;
    }

  size = (int) qpdf_oh_get_int_value (before, qpdf_oh_get_key (before, qpdf_get_trailer (before), "/Size"));
  for (guint i = 0; i < numbers->len && problem == NULL; i++)
    {
      guint64 number = g_array_index (numbers, guint64, i);
      gboolean page = FALSE;

      for (int p = 0; p < qpdf_get_num_pages (before); p++)
        page = page || (guint64) qpdf_oh_get_object_id (before, qpdf_get_page_n (before, p)) == number;
      if (number < (guint64) size && !page && number != (guint64) qpdf_oh_get_object_id (before, qpdf_get_root (before)))
        problem = g_strdup_printf (_("the signature’s update replaces object %lu, which a signature does not change"),
                                   (unsigned long) number);
    }
  if (problem == NULL && qpdf_get_num_pages (before) != qpdf_get_num_pages (after))
    problem = g_strdup (_("the signature’s update changes the number of pages"));
  for (int p = 0; problem == NULL && p < qpdf_get_num_pages (before); p++)
    {
      qpdf_oh page_before = qpdf_get_page_n (before, p), page_after = qpdf_get_page_n (after, p);
      g_autofree char *text_before = unparse_without (before, page_before, "/Annots");
      g_autofree char *text_after = unparse_without (after, page_after, "/Annots");

      if (!g_str_equal (text_before, text_after) ||
          !only_signatures (after, qpdf_oh_get_key (after, page_after, "/Annots")))
        problem = g_strdup_printf (_("the signature’s update changes page %d beyond adding its signature"), p + 1);
    }
  if (problem == NULL)
    {
      g_autofree char *root_before = unparse_without (before, qpdf_get_root (before), "/AcroForm");
      g_autofree char *root_after = unparse_without (after, qpdf_get_root (after), "/AcroForm");

      if (!g_str_equal (root_before, root_after) ||
          !only_signatures (after, qpdf_oh_get_key (after, qpdf_oh_get_key (after, qpdf_get_root (after), "/AcroForm"),
                                                    "/Fields")))
        problem = g_strdup (_("the signature’s update changes the document beyond adding its signature"));
    }

out:
  qpdf_cleanup (&before);
  qpdf_cleanup (&after);
  return problem;
}

void
sb_pdf_signature_free (SbPdfSignature *signature)
{
  if (signature == NULL)
    return;
  sb_signature_free (signature->signature);
  g_free (signature);
}

GPtrArray *
sb_pdf_read_signatures (GBytes      *pdf,
                        const char  *trust_dir,
                        GError     **error)
{
  g_autoptr(GPtrArray) signatures = NULL;
  qpdf_data qpdf = qpdf_init ();
  qpdf_oh fields;
  const guint8 *data;
  gsize length;
  GPtrArray *result = NULL;

  g_return_val_if_fail (pdf != NULL, NULL);

  data = g_bytes_get_data (pdf, &length);
  signatures = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_pdf_signature_free);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  qpdf_read_memory (qpdf, "packet.pdf", (const char *) data, length, NULL);
  if (qpdf_has_error (qpdf))
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID, _("reading the PDF: %s"),
                   qpdf_get_error_full_text (qpdf, qpdf_get_error (qpdf)));
      goto out;
    }

  fields = qpdf_oh_get_key (qpdf, qpdf_oh_get_key (qpdf, qpdf_get_root (qpdf), "/AcroForm"), "/Fields");
  for (int i = 0; qpdf_oh_is_array (qpdf, fields) && i < qpdf_oh_get_array_n_items (qpdf, fields); i++)
    {
      qpdf_oh field = qpdf_oh_get_array_item (qpdf, fields, i);
      qpdf_oh value = qpdf_oh_get_key (qpdf, field, "/V");
      SbPdfSignature *signature;

      if (!qpdf_oh_is_name_and_equals (qpdf, qpdf_oh_get_key (qpdf, field, "/FT"), "/Sig") ||
          !qpdf_oh_is_dictionary (qpdf, value))
        continue;
      if (signatures->len >= MAX_SIGNATURE_FIELDS)
        {
          invalid (error, _("the PDF has more signatures than any document carries"));
          goto out;
        }
      if ((signature = read_signature (qpdf, value, data, length, trust_dir, error)) == NULL)
        goto out;
      g_ptr_array_add (signatures, signature);
    }
  result = g_steal_pointer (&signatures);

out:
  qpdf_cleanup (&qpdf);
  return result;
}

gsize
sb_pdf_unsigned_length (GBytes *pdf)
{
  gsize length;
  const char *data = g_bytes_get_data (pdf, &length);
  const char *end = NULL;

  /* The PDF is binary: no string search that stops at a zero byte. */
  for (gsize i = 0; i + 5 <= length && end == NULL; i++)
    if (memcmp (data + i, "%%EOF", 5) == 0)
      end = data + i;
  if (end == NULL)
    return length;
  end += strlen ("%%EOF");
  while (end < data + length && (*end == '\r' || *end == '\n'))
    end++;
  return end - data;
}
