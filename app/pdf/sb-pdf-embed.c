/* sb-pdf-embed.c — attaching a file to a PDF as an associated file
 *
 * Cairo cannot embed files, so the finished PDF is rewritten with qpdf's C
 * API: the file becomes an /EmbeddedFile stream referenced from the
 * catalog's /Names /EmbeddedFiles tree and its /AF array.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-embed"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "sb-packet.h"

#include "sb-pdf-archive.h"
#include "sb-pdf-embed.h"
#include "sb-pdf-private.h"

G_DEFINE_QUARK (sb-pdf-error-quark, sb_pdf_error)

/* The first error qpdf has, as a GError. */
static gboolean
check_qpdf (qpdf_data    qpdf,
            SbPdfError   code,
            const char  *what,
            GError     **error)
{
  if (!qpdf_has_error (qpdf))
    return TRUE;

  g_set_error (error, SB_PDF_ERROR, code, "%s: %s", what,
               qpdf_get_error_full_text (qpdf, qpdf_get_error (qpdf)));
  return FALSE;
}

/* A PDF name from a media type: "application/json" -> /application#2Fjson */
static char *
pdf_name (const char *text)
{
  GString *out = g_string_new ("/");

  for (const guchar *p = (const guchar *) text; *p; p++)
    {
      if (g_ascii_isalnum (*p) || *p == '-' || *p == '.' || *p == '_')
        g_string_append_c (out, *p);
      else
        g_string_append_printf (out, "#%02X", *p);
    }
  return g_string_free (out, FALSE);
}

GBytes *
sb_pdf_embed_file (GBytes      *pdf,
                   const char  *name,
                   const char  *media_type,
                   const char  *description,
                   const char  *mod_date,
                   GBytes      *data,
                   GError     **error)
{
  qpdf_data qpdf;
  qpdf_oh root, stream, stream_dict, params, filespec, names, embedded, af;
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  guint8 md5_digest[16];
  gsize md5_length = sizeof md5_digest;
  g_autofree char *subtype = NULL;
  gconstpointer pdf_data, file_data;
  gsize pdf_length, file_length;
  GBytes *result = NULL;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (data != NULL, NULL);

  pdf_data = g_bytes_get_data (pdf, &pdf_length);
  file_data = g_bytes_get_data (data, &file_length);

  qpdf = qpdf_init ();
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);

  qpdf_read_memory (qpdf, "packet.pdf", pdf_data, pdf_length, NULL);
  /* Translators: before an error of the PDF library, "…: message" */
  if (!check_qpdf (qpdf, SB_PDF_ERROR_INVALID, _("reading the rendered PDF"), error))
    goto out;

  g_checksum_update (md5, file_data, file_length);
  g_checksum_get_digest (md5, md5_digest, &md5_length);
  subtype = pdf_name (media_type);

  stream = qpdf_oh_new_stream (qpdf);
  qpdf_oh_replace_stream_data (qpdf, stream, file_data, file_length,
                               qpdf_oh_new_null (qpdf), qpdf_oh_new_null (qpdf));
  stream_dict = qpdf_oh_get_dict (qpdf, stream);
  qpdf_oh_replace_key (qpdf, stream_dict, "/Type", qpdf_oh_new_name (qpdf, "/EmbeddedFile"));
  qpdf_oh_replace_key (qpdf, stream_dict, "/Subtype", qpdf_oh_new_name (qpdf, subtype));
  params = qpdf_oh_new_dictionary (qpdf);
  qpdf_oh_replace_key (qpdf, params, "/Size", qpdf_oh_new_integer (qpdf, (long long) file_length));
  qpdf_oh_replace_key (qpdf, params, "/ModDate", qpdf_oh_new_string (qpdf, mod_date));
  qpdf_oh_replace_key (qpdf, params, "/CheckSum", qpdf_oh_new_binary_string (qpdf, (const char *) md5_digest, md5_length));
  qpdf_oh_replace_key (qpdf, stream_dict, "/Params", params);

  /* Text strings as qpdf objects, not PDF source: qpdf writes a name or a
   * description that is not ASCII as UTF-16 with a byte-order mark, as PDF
   * text strings must be, where raw UTF-8 read back as PDFDocEncoding
   * ("资金" as "èµé"). */
  filespec = qpdf_make_indirect_object (qpdf, qpdf_oh_new_dictionary (qpdf));
  qpdf_oh_replace_key (qpdf, filespec, "/Type", qpdf_oh_new_name (qpdf, "/Filespec"));
  qpdf_oh_replace_key (qpdf, filespec, "/F", qpdf_oh_new_unicode_string (qpdf, name));
  qpdf_oh_replace_key (qpdf, filespec, "/UF", qpdf_oh_new_unicode_string (qpdf, name));
  qpdf_oh_replace_key (qpdf, filespec, "/Desc", qpdf_oh_new_unicode_string (qpdf, description ? description : name));
  qpdf_oh_replace_key (qpdf, filespec, "/AFRelationship", qpdf_oh_new_name (qpdf, "/Source"));
  {
    qpdf_oh ef = qpdf_oh_new_dictionary (qpdf);

    qpdf_oh_replace_key (qpdf, ef, "/F", stream);
    qpdf_oh_replace_key (qpdf, ef, "/UF", stream);
    qpdf_oh_replace_key (qpdf, filespec, "/EF", ef);
  }

  root = qpdf_get_root (qpdf);

  names = qpdf_oh_get_key (qpdf, root, "/Names");
  if (!qpdf_oh_is_dictionary (qpdf, names))
    {
      names = qpdf_oh_new_dictionary (qpdf);
      qpdf_oh_replace_key (qpdf, root, "/Names", names);
    }
  embedded = qpdf_oh_new_dictionary (qpdf);
  {
    qpdf_oh array = qpdf_oh_new_array (qpdf);

    qpdf_oh_append_item (qpdf, array, qpdf_oh_new_unicode_string (qpdf, name));
    qpdf_oh_append_item (qpdf, array, filespec);
    qpdf_oh_replace_key (qpdf, embedded, "/Names", array);
  }
  qpdf_oh_replace_key (qpdf, names, "/EmbeddedFiles", embedded);

  af = qpdf_oh_new_array (qpdf);
  qpdf_oh_append_item (qpdf, af, filespec);
  qpdf_oh_replace_key (qpdf, root, "/AF", af);
  /* Readers open with the outline, one entry per section, beside the pages;
   * the packet is in their attachments panel. */
  qpdf_oh_replace_key (qpdf, root, "/PageMode", qpdf_oh_new_name (qpdf, "/UseOutlines"));

  /* Archival: an output intent and XMP metadata (PDF/A-3b). */
  sb_pdf_archive_prepare (qpdf);

  if (!check_qpdf (qpdf, SB_PDF_ERROR_FAILED, _("embedding the packet"), error))
    goto out;

  qpdf_init_write_memory (qpdf);
  qpdf_set_deterministic_ID (qpdf, QPDF_TRUE);
  qpdf_set_compress_streams (qpdf, QPDF_TRUE);
  /* PDF/A (ISO 19005-2/-3, 6.1.7.1) wants an end-of-line before every
   * "endstream"; qpdf writes one only when asked. */
  qpdf_set_newline_before_endstream (qpdf, QPDF_TRUE);
  qpdf_write (qpdf);
  if (!check_qpdf (qpdf, SB_PDF_ERROR_FAILED, _("writing the PDF"), error))
    goto out;

  result = g_bytes_new (qpdf_get_buffer (qpdf), qpdf_get_buffer_length (qpdf));

out:
  qpdf_cleanup (&qpdf);
  return result;
}

/* Inflates @raw (a zlib stream, as /FlateDecode holds) into exactly
 * @expected bytes.  Output is produced in chunks and decoding stops as soon
 * as it passes @expected: a few megabytes that inflate to gigabytes (a
 * decompression bomb) cost @expected bytes and the time to reach them,
 * never the gigabytes. */
static GBytes *
inflate_bounded (const guint8  *raw,
                 gsize          raw_length,
                 gsize          expected,
                 GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  z_stream z = { 0 };
  guint8 chunk[64 * 1024];
  int status = Z_OK;

  /* The file's size, and so @raw_length, is at most a packet's maximum:
   * one uInt holds it. */
  g_assert (raw_length <= SB_PACKET_MAX_SIZE);
  if (inflateInit (&z) != Z_OK)
    {
      g_set_error_literal (error, SB_PDF_ERROR, SB_PDF_ERROR_FAILED, "zlib cannot be initialised");
      return NULL;
    }
  z.next_in = (Bytef *) raw;
  z.avail_in = (uInt) raw_length;
  do
    {
      z.next_out = chunk;
      z.avail_out = sizeof chunk;
      /* Z_BUF_ERROR: no progress, the input ended before the stream did. */
      status = inflate (&z, Z_NO_FLUSH);
      if (status != Z_OK && status != Z_STREAM_END)
        break;
      g_byte_array_append (out, chunk, sizeof chunk - z.avail_out);
      if (out->len > expected)
        {
          inflateEnd (&z);
          g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID,
                       _("the embedded packet decodes to more than the %lu bytes it declares"),
                       (unsigned long) expected);
          return NULL;
        }
    }
  while (status != Z_STREAM_END);
  inflateEnd (&z);

  if (status != Z_STREAM_END)
    {
      g_set_error_literal (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID,
                           _("the embedded packet’s compressed data is damaged or cut short"));
      return NULL;
    }
  if (out->len != expected)
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID,
                   _("the embedded packet decodes to %u bytes, not the %lu it declares"),
                   out->len, (unsigned long) expected);
      return NULL;
    }
  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

/* The decoded data of an embedded file's @stream, decoded here rather than
 * by qpdf so that the size is bounded while decoding: qpdf would decode the
 * whole stream before we could look at its length.  Only what the renderer
 * writes is accepted: no filter or exactly /FlateDecode without parameters,
 * and a /Params /Size that is at most a packet's maximum and that the
 * decoded data matches to the byte. */
static GBytes *
embedded_stream_data (qpdf_data   qpdf,
                      qpdf_oh     stream,
                      GError    **error)
{
  qpdf_oh dict = qpdf_oh_get_dict (qpdf, stream);
  qpdf_oh filter = qpdf_oh_get_key (qpdf, dict, "/Filter");
  qpdf_oh parms = qpdf_oh_get_key (qpdf, dict, "/DecodeParms");
  qpdf_oh size = qpdf_oh_get_key (qpdf, qpdf_oh_get_key (qpdf, dict, "/Params"), "/Size");
  gboolean flate;
  long long declared;
  unsigned char *raw = NULL;
  size_t raw_length = 0;
  GBytes *result;

  if (qpdf_oh_is_array (qpdf, filter) && qpdf_oh_get_array_n_items (qpdf, filter) == 1)
    filter = qpdf_oh_get_array_item (qpdf, filter, 0);
  flate = qpdf_oh_is_name_and_equals (qpdf, filter, "/FlateDecode");
  if (!(flate || qpdf_oh_is_null (qpdf, filter)) || !qpdf_oh_is_null (qpdf, parms))
    {
      g_set_error_literal (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID,
                           _("the embedded packet is encoded in a way the renderer never writes "
                             "(only /FlateDecode without parameters is read)"));
      return NULL;
    }
  if (!qpdf_oh_is_integer (qpdf, size))
    {
      g_set_error_literal (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID,
                           _("the embedded packet does not declare its size (/Params /Size)"));
      return NULL;
    }
  declared = qpdf_oh_get_int_value (qpdf, size);
  if (declared < 0 || declared > SB_PACKET_MAX_SIZE)
    {
      g_set_error_literal (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID,
                           _("the embedded packet declares a size larger than a packet may be"));
      return NULL;
    }

  /* Decode level none: the stream's bytes as they are in the file, which
   * the file's own size bounds. */
  qpdf_oh_get_stream_data (qpdf, stream, qpdf_dl_none, NULL, &raw, &raw_length);
  if (!check_qpdf (qpdf, SB_PDF_ERROR_INVALID, _("reading the embedded packet"), error))
    {
      free (raw);
      return NULL;
    }

  if (flate)
    result = inflate_bounded (raw, raw_length, (gsize) declared, error);
  else if (raw_length != (size_t) declared)
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_INVALID,
                   _("the embedded packet has %lu bytes, not the %lld it declares"),
                   (unsigned long) raw_length, declared);
      result = NULL;
    }
  else
    result = g_bytes_new (raw, raw_length);
  free (raw);
  return result;
}

void
sb_pdf_reader_init (qpdf_data qpdf)
{
  qpdf_silence_errors (qpdf);
  qpdf_set_suppress_warnings (qpdf, QPDF_TRUE);
  /* Cross-reference streams are not followed, so no object stream (which
   * qpdf would inflate whole to find an object in it) is ever decoded; the
   * renderer writes neither.  A damaged file is still read (qpdf rebuilds
   * the table by scanning the file, which costs one pass), so that its
   * reader hears what it lacks; verifying it fails on qpdf's warnings. */
  qpdf_set_ignore_xref_streams (qpdf, QPDF_TRUE);
}

GBytes *
sb_pdf_extract_file (GBytes      *pdf,
                     const char  *name,
                     GError     **error)
{
  qpdf_data qpdf;
  qpdf_oh root, names, embedded, array;
  gconstpointer pdf_data;
  gsize pdf_length;
  GBytes *result = NULL;

  g_return_val_if_fail (pdf != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  pdf_data = g_bytes_get_data (pdf, &pdf_length);

  qpdf = qpdf_init ();
  sb_pdf_reader_init (qpdf);

  qpdf_read_memory (qpdf, "packet.pdf", pdf_data, pdf_length, NULL);
  if (!check_qpdf (qpdf, SB_PDF_ERROR_INVALID, _("not a readable PDF"), error))
    goto out;

  root = qpdf_get_root (qpdf);
  names = qpdf_oh_get_key (qpdf, root, "/Names");
  embedded = qpdf_oh_get_key (qpdf, names, "/EmbeddedFiles");
  array = qpdf_oh_get_key (qpdf, embedded, "/Names");

  /* A flat name tree is all we write; a foreign PDF with a deep one simply
   * has no packet of ours. */
  for (int i = 0; qpdf_oh_is_array (qpdf, array) && i + 1 < qpdf_oh_get_array_n_items (qpdf, array); i += 2)
    {
      qpdf_oh key = qpdf_oh_get_array_item (qpdf, array, i);
      qpdf_oh spec = qpdf_oh_get_array_item (qpdf, array, i + 1);
      qpdf_oh ef, stream;

      if (!qpdf_oh_is_string (qpdf, key) || g_strcmp0 (qpdf_oh_get_utf8_value (qpdf, key), name) != 0)
        continue;

      ef = qpdf_oh_get_key (qpdf, spec, "/EF");
      stream = qpdf_oh_get_key (qpdf, ef, "/F");
      if (!qpdf_oh_is_stream (qpdf, stream))
        break;

      result = embedded_stream_data (qpdf, stream, error);
      goto out;
    }

  g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_NO_PACKET,
               _("the PDF carries no embedded file “%s”"), name);

out:
  qpdf_cleanup (&qpdf);
  return result;
}
