/* sb-pdf-archive.c — what PDF/A-3b asks of a packet PDF beyond its pages
 *
 * Offices file these PDFs for years: PDF/A says how a file must be made
 * to stay readable on its own.  Cairo writes the pages with embedded
 * fonts; here the document gets a colour profile for its DeviceRGB
 * colours (the output intent) and XMP metadata that says it is PDF/A-3b
 * and agrees with the document information dictionary.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-archive"

#include "config.h"

#include <cairo.h>
#include <string.h>

#include "sb-pdf-archive.h"
#include "sb-pdf-fonts.h"
#include "sb-pdf-resources.h"

/* Public API: the profile */

GBytes *
sb_pdf_srgb_profile (void)
{
  g_autoptr(GError) error = NULL;
  GBytes *profile = g_resource_lookup_data (sb_pdf_get_resource (), "/io/github/shenbao/Shenbao/pdf/icc/sRGB.icc",
                                            G_RESOURCE_LOOKUP_FLAGS_NONE, &error);

  /* Compiled in: only a broken build lacks it. */
  if (profile == NULL)
    g_error ("the sRGB profile is missing from the build: %s", error->message);
  return profile;
}

/* XMP */

static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);

  g_string_append (out, escaped);
}

/* "D:20240315080000Z" or "20240315080000+08'00'" (cairo leaves out
 * the "D:") -> "2024-03-15T08:00:00Z" */
static char *
xmp_date (const char *pdf_date)
{
  const char *p = pdf_date;

  if (p != NULL && g_str_has_prefix (p, "D:"))
    p += 2;
  if (p == NULL || strlen (p) < 14)
    return NULL;
  for (int i = 0; i < 14; i++)
    if (!g_ascii_isdigit (p[i]))
      return NULL;
  if (p[14] == 'Z' || p[14] == '\0')
    return g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2sZ", p, p + 4, p + 6, p + 8, p + 10, p + 12);
  if ((p[14] == '+' || p[14] == '-') && strlen (p) >= 20)
    return g_strdup_printf ("%.4s-%.2s-%.2sT%.2s:%.2s:%.2s%c%.2s:%.2s", p, p + 4, p + 6, p + 8, p + 10, p + 12,
                            p[14], p + 15, p + 18);
  return NULL;
}

static char *
info_value (qpdf_data   qpdf,
            qpdf_oh     info,
            const char *key)
{
  qpdf_oh value = qpdf_oh_get_key (qpdf, info, key);

  if (!qpdf_oh_is_string (qpdf, value))
    return NULL;
  return g_strdup (qpdf_oh_get_utf8_value (qpdf, value));
}

void
sb_pdf_archive_prepare (qpdf_data qpdf)
{
  qpdf_oh root = qpdf_get_root (qpdf);
  qpdf_oh info = qpdf_oh_get_key (qpdf, qpdf_get_trailer (qpdf), "/Info");
  g_autofree char *title = NULL, *author = NULL, *subject = NULL, *keywords = NULL, *creator = NULL;
  g_autofree char *created = NULL, *modified = NULL;
  g_autofree char *created_pdf = NULL, *modified_pdf = NULL;
  /* The font files' hashes too: with them a PDF says which font it was
   * typeset in, and so why another build's rendering of it differs. */
  g_autofree char *producer = g_strdup_printf ("Shenbao %s (cairo %s, qpdf %s, %s)", PACKAGE_VERSION,
                                               cairo_version_string (), qpdf_get_qpdf_version (),
                                               sb_pdf_fonts_get_description () ? sb_pdf_fonts_get_description ()
                                                                                : "no font");
  g_autoptr(GBytes) profile = sb_pdf_srgb_profile ();
  g_autoptr(GString) xmp = g_string_new (NULL);
  qpdf_oh icc, intent, intents, metadata;

  if (!qpdf_oh_is_dictionary (qpdf, info))
    {
      info = qpdf_make_indirect_object (qpdf, qpdf_oh_new_dictionary (qpdf));
      qpdf_oh_replace_key (qpdf, qpdf_get_trailer (qpdf), "/Info", info);
    }
  qpdf_oh_replace_key (qpdf, info, "/Producer", qpdf_oh_new_unicode_string (qpdf, producer));

  title = info_value (qpdf, info, "/Title");
  author = info_value (qpdf, info, "/Author");
  subject = info_value (qpdf, info, "/Subject");
  keywords = info_value (qpdf, info, "/Keywords");
  creator = info_value (qpdf, info, "/Creator");
  created_pdf = info_value (qpdf, info, "/CreationDate");
  modified_pdf = info_value (qpdf, info, "/ModDate");
  created = xmp_date (created_pdf);
  modified = xmp_date (modified_pdf);

  /* The dates written as the PDF standard spells them, "D:" first. */
  if (created != NULL && !g_str_has_prefix (created_pdf, "D:"))
    {
      g_autofree char *fixed = g_strconcat ("D:", created_pdf, NULL);

      qpdf_oh_replace_key (qpdf, info, "/CreationDate", qpdf_oh_new_string (qpdf, fixed));
    }
  if (modified != NULL && !g_str_has_prefix (modified_pdf, "D:"))
    {
      g_autofree char *fixed = g_strconcat ("D:", modified_pdf, NULL);

      qpdf_oh_replace_key (qpdf, info, "/ModDate", qpdf_oh_new_string (qpdf, fixed));
    }

  /* The output intent: the colours are sRGB. */
  icc = qpdf_oh_new_stream (qpdf);
  qpdf_oh_replace_stream_data (qpdf, icc, g_bytes_get_data (profile, NULL), g_bytes_get_size (profile),
                               qpdf_oh_new_null (qpdf), qpdf_oh_new_null (qpdf));
  qpdf_oh_replace_key (qpdf, qpdf_oh_get_dict (qpdf, icc), "/N", qpdf_oh_new_integer (qpdf, 3));
  intent = qpdf_oh_parse (qpdf, "<< /Type /OutputIntent /S /GTS_PDFA1 /OutputConditionIdentifier (sRGB IEC61966-2.1)"
                                " /Info (sRGB IEC61966-2.1) /RegistryName (http://www.color.org) >>");
  qpdf_oh_replace_key (qpdf, intent, "/DestOutputProfile", icc);
  intents = qpdf_oh_new_array (qpdf);
  qpdf_oh_append_item (qpdf, intents, qpdf_make_indirect_object (qpdf, intent));
  qpdf_oh_replace_key (qpdf, root, "/OutputIntents", intents);

  /* The metadata: PDF/A-3b, and the document information again. */
  g_string_append (xmp, "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
                        "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
                        " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
                        "  <rdf:Description rdf:about=\"\"\n"
                        "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
                        "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
                        "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
                        "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n"
                        "   <pdfaid:part>3</pdfaid:part>\n"
                        "   <pdfaid:conformance>B</pdfaid:conformance>\n");
  if (title != NULL)
    {
      g_string_append (xmp, "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
      append_escaped (xmp, title);
      g_string_append (xmp, "</rdf:li></rdf:Alt></dc:title>\n");
    }
  if (author != NULL)
    {
      g_string_append (xmp, "   <dc:creator><rdf:Seq><rdf:li>");
      append_escaped (xmp, author);
      g_string_append (xmp, "</rdf:li></rdf:Seq></dc:creator>\n");
    }
  if (subject != NULL)
    {
      g_string_append (xmp, "   <dc:description><rdf:Alt><rdf:li xml:lang=\"x-default\">");
      append_escaped (xmp, subject);
      g_string_append (xmp, "</rdf:li></rdf:Alt></dc:description>\n");
    }
  if (keywords != NULL)
    {
      g_string_append (xmp, "   <pdf:Keywords>");
      append_escaped (xmp, keywords);
      g_string_append (xmp, "</pdf:Keywords>\n");
    }
  g_string_append (xmp, "   <pdf:Producer>");
  append_escaped (xmp, producer);
  g_string_append (xmp, "</pdf:Producer>\n");
  if (creator != NULL)
    {
      g_string_append (xmp, "   <xmp:CreatorTool>");
      append_escaped (xmp, creator);
      g_string_append (xmp, "</xmp:CreatorTool>\n");
    }
  if (created != NULL)
    g_string_append_printf (xmp, "   <xmp:CreateDate>%s</xmp:CreateDate>\n", created);
  if (modified != NULL)
    g_string_append_printf (xmp, "   <xmp:ModifyDate>%s</xmp:ModifyDate>\n"
                                 "   <xmp:MetadataDate>%s</xmp:MetadataDate>\n", modified, modified);
  g_string_append (xmp, "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>");

  metadata = qpdf_oh_new_stream (qpdf);
  qpdf_oh_replace_stream_data (qpdf, metadata, (const unsigned char *) xmp->str, xmp->len,
                               qpdf_oh_new_null (qpdf), qpdf_oh_new_null (qpdf));
  qpdf_oh_replace_key (qpdf, qpdf_oh_get_dict (qpdf, metadata), "/Type", qpdf_oh_new_name (qpdf, "/Metadata"));
  qpdf_oh_replace_key (qpdf, qpdf_oh_get_dict (qpdf, metadata), "/Subtype", qpdf_oh_new_name (qpdf, "/XML"));
  qpdf_oh_replace_key (qpdf, root, "/Metadata", metadata);
}
