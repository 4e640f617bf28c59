/* sb-notice-pdf.c — the PDF of a one-time notice, on this machine and in
 * the register
 *
 * The notice's PDF is written where it is recorded, and the register
 * keeps its bytes, so that another reviewer of a shared register sees
 * the document the office issued rather than one made again from their
 * own copy of the review (which would differ).  The office signs it on
 * one machine; the signed version goes to the register and from there to
 * the others.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-notice-pdf"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-notice-pdf.h"

char *
sb_notice_pdf_path (const SbCase   *a_case,
                    const SbNotice *notice)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autofree char *file_name = NULL;

  /* The reference came with the packet: only its letters, digits and
   * dashes make the name. */
  for (const char *p = a_case->reference ? a_case->reference : ""; *p != '\0' && name->len < 64; p++)
    g_string_append_c (name, g_ascii_isalnum (*p) || *p == '-' ? *p : '_');
  file_name = g_strdup_printf ("%s-%" G_GINT64_FORMAT "-一次性告知单.pdf", name->len > 0 ? name->str : "case",
                               notice->id);
  return g_build_filename (g_get_user_data_dir (), "shenbao", "notices", file_name, NULL);
}

/* This machine's copy, or NULL with no error when there is none. */
static GBytes *
load_local (GFile   *file,
            GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  char *data = NULL;
  gsize size = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, &local_error);
  if (info == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_file_info_get_size (info) > SB_REGISTER_MAX_DOCUMENT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("%s is larger than a notice’s PDF can be"),
                   g_file_peek_path (file));
      return NULL;
    }
  if (!g_file_load_contents (file, NULL, &data, &size, NULL, error))
    return NULL;
  return g_bytes_new_take (data, size);
}

/* Whether @prefix is where @whole begins (and shorter). */
static gboolean
extends (GBytes *whole,
         GBytes *prefix)
{
  gsize whole_size, prefix_size;
  const char *whole_data = g_bytes_get_data (whole, &whole_size);
  const char *prefix_data = g_bytes_get_data (prefix, &prefix_size);

  return prefix_size < whole_size && memcmp (whole_data, prefix_data, prefix_size) == 0;
}

gboolean
sb_notice_pdf_write (GFile   *file,
                     GBytes  *pdf,
                     GError **error)
{
  g_autoptr(GFile) folder = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (folder, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return g_file_replace_contents (file, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}

gboolean
sb_notice_pdf_sync (SbRegister     *case_register,
                    const SbCase   *a_case,
                    const SbNotice *notice,
                    const char     *by,
                    GFile         **local,
                    GError        **error)
{
  g_autofree char *path = sb_notice_pdf_path (a_case, notice);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GBytes) here = NULL;
  g_autoptr(GBytes) stored = NULL;
  GError *local_error = NULL;
  gboolean done = TRUE;

  g_return_val_if_fail (SB_IS_REGISTER (case_register), FALSE);
  g_return_val_if_fail (local != NULL, FALSE);

  *local = NULL;
  here = load_local (file, &local_error);
  if (local_error != NULL)
    {
      /* Unreadable here: nothing is replaced or sent. */
      g_propagate_error (error, local_error);
      return FALSE;
    }
  stored = sb_register_get_notice_document (case_register, notice->id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      done = FALSE;
    }
  else if (stored != NULL && (here == NULL || extends (stored, here)))
    {
      /* Issued, or signed, on another machine. */
      done = sb_notice_pdf_write (file, stored, error);
      if (done)
        {
          g_clear_pointer (&here, g_bytes_unref);
          here = g_bytes_ref (stored);
        }
    }
  else if (here != NULL && (stored == NULL || extends (here, stored)))
    /* Issued before the register kept documents, signed here, or the
     * register was away when it was written. */
    done = sb_register_store_notice_document (case_register, notice->id, here, by, error);
  else if (here != NULL && stored != NULL && !g_bytes_equal (here, stored))
    g_message ("%s and the register's copy of notice %" G_GINT64_FORMAT " differ; both are kept", path, notice->id);

  if (here != NULL)
    *local = g_steal_pointer (&file);
  return done;
}
