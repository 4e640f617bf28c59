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

/* Public API */

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
