/* sb-pdf-cover.c — what the cover of a packet PDF shows
 *
 * A PDF is trusted only as far as its pages show the packet it carries:
 * someone could put a genuine packet inside a PDF whose pages say
 * something else.  The cover prints the reference number and the
 * integrity hash, so both must be found there.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-cover"

#include "config.h"

#include <poppler.h>
#include <string.h>

#include "sb-pdf-cover.h"

char *
sb_pdf_cover_text (GFile   *pdf,
                   GError **error)
{
  g_autoptr(GObject) document_object = NULL;
  g_autoptr(GObject) page_object = NULL;
  PopplerDocument *document;
  PopplerPage *page;
  g_autofree char *text = NULL;
  GString *compact;

  g_return_val_if_fail (G_IS_FILE (pdf), NULL);

  /* poppler-glib 22.12 has no g_autoptr support; hold the objects as GObject. */
  document = poppler_document_new_from_gfile (pdf, NULL, NULL, error);
  if (document == NULL)
    return NULL;
  document_object = G_OBJECT (document);
  if (poppler_document_get_n_pages (document) < 1)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the PDF has no pages");
      return NULL;
    }

  page = poppler_document_get_page (document, 0);
  if (page == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "the first page cannot be read");
      return NULL;
    }
  page_object = G_OBJECT (page);
  text = poppler_page_get_text (page);
  compact = g_string_new (NULL);
  for (const char *p = text ? text : ""; *p; p++)
    if (!g_ascii_isspace (*p))
      g_string_append_c (compact, *p);
  return g_string_free (compact, FALSE);
}

gboolean
sb_pdf_cover_shows (GFile       *pdf,
                    const char  *reference,
                    const char  *integrity_hash,
                    char       **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gboolean shows_reference, shows_hash;

  g_return_val_if_fail (G_IS_FILE (pdf), FALSE);
  g_return_val_if_fail (reference != NULL && integrity_hash != NULL, FALSE);

  text = sb_pdf_cover_text (pdf, &error);
  if (text == NULL)
    {
      if (message != NULL)
        *message = g_strdup_printf ("the pages cannot be read: %s", error->message);
      return FALSE;
    }

  shows_reference = strstr (text, reference) != NULL;
  shows_hash = strstr (text, integrity_hash) != NULL;
  if (message != NULL)
    *message = shows_reference && shows_hash
      ? g_strdup ("the cover shows the embedded packet's reference number and integrity hash")
      : !shows_reference && !shows_hash
        ? g_strdup ("the cover shows neither the embedded packet's reference number nor its integrity hash: "
                    "the pages are not of this packet")
        : !shows_reference
          ? g_strdup ("the cover does not show the embedded packet's reference number")
          : g_strdup ("the cover does not show the embedded packet's integrity hash");
  return shows_reference && shows_hash;
}
