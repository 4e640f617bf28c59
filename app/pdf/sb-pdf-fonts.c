/* sb-pdf-fonts.c — the one font the PDF is typeset in, found by path
 *
 * "The same packet in, the same bytes out" holds only if every machine
 * typesets with the same font file.  Asking the system's fontconfig for
 * "Noto Sans CJK SC" does not give that: a host with another version, or
 * none (a Flatpak sees the host's fonts), gives other glyphs, other line
 * breaks, or boxes.  So the PDF renderer gets its own fontconfig
 * configuration holding exactly the three faces of Noto Sans CJK it uses
 * (each in two files, its common and its rare characters),
 * and nothing else: a character those files lack is a box in every PDF,
 * never a glyph of whatever font happens to be installed.
 *
 * The files are Shenbao's own: the build writes them from Debian's
 * fonts-noto-cjk (or the copy the Flatpak bundles) without CFF
 * subroutines, which cairo 1.16's subsetter loses glyphs of
 * (app/pdf/fonts/sb-desubroutinize.c).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-pdf-fonts"

#include "config.h"

#include <string.h>

#include <fontconfig/fontconfig.h>
#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>

#include "sb-canonical-json.h"
#include "sb-pdf-embed.h"
#include "sb-pdf-fonts.h"

/* Sans regular and bold, Mono regular, each in its common part and its
 * rare part: what app/pdf/fonts/meson.build writes and installs (it says
 * why in two).  Both parts of a face are one family and weight with no
 * character in common, so for each character fontconfig's fallback finds
 * the one part that has it. */
static const char * const font_files[] = {
  "NotoSansCJKsc-Regular.otf",
  "NotoSansCJKsc-Bold.otf",
  "NotoSansMonoCJKsc-Regular.otf",
  "NotoSansCJKsc-Regular-Rare.otf",
  "NotoSansCJKsc-Bold-Rare.otf",
  "NotoSansMonoCJKsc-Regular-Rare.otf",
};
#define FONT_FILES_SHOWN "NotoSansCJKsc-Regular.otf, NotoSansCJKsc-Bold.otf, NotoSansMonoCJKsc-Regular.otf " \
                         "and their -Rare.otf parts"

typedef struct {
  FcConfig *config;       /* the font files only; NULL when one is missing */
  char     *directory;
  char     *missing;      /* the first file not found, or NULL */
  char     *description;  /* file names and hashes */
} PdfFonts;

/* Where the font files are: SHENBAO_PDF_FONT_DIR if set (tests point it
 * at the build's copy before it is installed, and at other fonts to show
 * what a foreign PDF looks like), else the folder this build installs
 * them into. */
static const char *
font_directory (void)
{
  const char *directory = g_getenv ("SHENBAO_PDF_FONT_DIR");

  return directory != NULL && *directory != '\0' ? directory : PDF_FONT_DIR;
}

/* A font file's SHA-256, for the PDF's Producer entry.  Hashing the
 * fonts (two 20 MB collections then, three faces of 18 MB in six parts now) took a fifth
 * of a render's processor time, so the digest is kept in the user's cache
 * folder beside what identifies the file on disk (size, modification
 * time, inode): a package upgrade that replaces the file changes them and
 * the file is hashed again.  A cache that cannot be read or written only
 * costs the hashing. */
static char *
font_file_sha256 (const char  *path,
                  GMappedFile *file)
{
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GFileInfo) info = g_file_query_info (gfile,
                                                 G_FILE_ATTRIBUTE_STANDARD_SIZE ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED ","
                                                 G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","
                                                 G_FILE_ATTRIBUTE_UNIX_INODE,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_autofree char *identity = NULL;
  g_autofree char *key = NULL;
  g_autofree char *cache_path = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *entry = NULL;
  g_autofree char *folder = NULL;
  guint8 digest[SB_SHA256_DIGEST_SIZE];
  char *sha256;

  if (info != NULL)
    {
      identity = g_strdup_printf ("%" G_GOFFSET_FORMAT " %" G_GUINT64_FORMAT ".%06u %" G_GUINT64_FORMAT,
                                  g_file_info_get_size (info),
                                  g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED),
                                  g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC),
                                  g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
      key = g_compute_checksum_for_string (G_CHECKSUM_SHA256, path, -1);
      folder = g_build_filename (g_get_user_cache_dir (), "shenbao", "font-digests", NULL);
      cache_path = g_build_filename (folder, key, NULL);
      if (g_file_get_contents (cache_path, &cached, NULL, NULL))
        {
          /* "IDENTITY\nSHA256\n" */
          char **lines = g_strsplit (cached, "\n", 3);
          gboolean hit = g_strv_length (lines) >= 2 && g_str_equal (lines[0], identity) &&
                         strlen (lines[1]) == 2 * SB_SHA256_DIGEST_SIZE &&
                         strspn (lines[1], "0123456789abcdef") == 2 * SB_SHA256_DIGEST_SIZE;

          sha256 = hit ? g_strdup (lines[1]) : NULL;
          g_strfreev (lines);
          if (sha256 != NULL)
            return sha256;
        }
    }

  sb_sha256 (g_mapped_file_get_contents (file), g_mapped_file_get_length (file), digest);
  sha256 = sb_sha256_hex (digest);
  if (cache_path != NULL && g_mkdir_with_parents (folder, 0700) == 0)
    {
      entry = g_strdup_printf ("%s\n%s\n", identity, sha256);
      g_file_set_contents (cache_path, entry, -1, NULL);
    }
  return sha256;
}

/* The configuration sees the font folder but accepts only the font
 * files in it.  A folder (rather than FcConfigAppFontAddFile) lets
 * fontconfig use its caches: the system's, written by fc-cache when the
 * package was installed, or the user's, written on first use.  Reading
 * the faces without a cache took a sixth of a render. */
static gboolean
load_configuration (FcConfig   *config,
                    const char *directory)
{
  g_autofree char *folder = g_markup_escape_text (directory, -1);
  g_autoptr(GString) xml = g_string_new (NULL);

  g_string_append_printf (xml,
                          "<?xml version=\"1.0\"?>\n"
                          "<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n"
                          "<fontconfig>\n"
                          "  <dir>%s</dir>\n"
                          "  <cachedir>/var/cache/fontconfig</cachedir>\n"
                          "  <cachedir prefix=\"xdg\">fontconfig</cachedir>\n"
                          "  <selectfont>\n"
                          "    <acceptfont>\n",
                          folder);
  for (guint i = 0; i < G_N_ELEMENTS (font_files); i++)
    g_string_append_printf (xml, "      <glob>%s/%s</glob>\n", folder, font_files[i]);
  g_string_append (xml,
                   "    </acceptfont>\n"
                   "    <rejectfont><glob>*</glob></rejectfont>\n"
                   "  </selectfont>\n"
                   "</fontconfig>\n");

  return FcConfigParseAndLoadFromMemory (config, (const FcChar8 *) xml->str, FcTrue) &&
         FcConfigBuildFonts (config);
}

static gpointer
load_fonts (gpointer data)
{
  PdfFonts *fonts = g_new0 (PdfFonts, 1);
  g_autoptr(GString) description = g_string_new (NULL);
  FcConfig *config = FcConfigCreate ();

  fonts->directory = g_strdup (font_directory ());
  for (guint i = 0; i < G_N_ELEMENTS (font_files) && fonts->missing == NULL; i++)
    {
      g_autofree char *path = g_build_filename (fonts->directory, font_files[i], NULL);
      g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, NULL);
      g_autofree char *sha256 = NULL;

      if (file == NULL)
        {
          fonts->missing = g_strdup (font_files[i]);
          break;
        }
      sha256 = font_file_sha256 (path, file);
      g_string_append_printf (description, "%s%s sha256:%s", i > 0 ? ", " : "", font_files[i], sha256);
    }

  if (fonts->missing != NULL || !load_configuration (config, fonts->directory))
    {
      if (fonts->missing == NULL)
        fonts->missing = g_strdup (font_files[0]);
      FcConfigDestroy (config);
      return fonts;
    }
  fonts->config = config;
  fonts->description = g_string_free (g_steal_pointer (&description), FALSE);
  return fonts;
}

static PdfFonts *
get_fonts (void)
{
  static GOnce once = G_ONCE_INIT;

  /* Loaded once and kept for the life of the process, as Pango's own
   * default font map is. */
  return g_once (&once, load_fonts, NULL);
}

/* Whether @config has a face of @family. */
static gboolean
has_family (FcConfig   *config,
            const char *family)
{
  FcPattern *pattern = FcPatternBuild (NULL, FC_FAMILY, FcTypeString, family, NULL);
  FcObjectSet *objects = FcObjectSetBuild (FC_FAMILY, NULL);
  FcFontSet *set = FcFontList (config, pattern, objects);
  gboolean found = set != NULL && set->nfont > 0;

  if (set != NULL)
    FcFontSetDestroy (set);
  FcObjectSetDestroy (objects);
  FcPatternDestroy (pattern);
  return found;
}

static void
unref_font_map (gpointer font_map)
{
  g_object_unref (font_map);
}

/* Public API */

PangoFontMap *
sb_pdf_fonts_get_font_map (void)
{
  /* Pango font maps are not thread-safe, and PDFs are written in worker
   * threads: one map per thread, all over the same configuration. */
  static GPrivate thread_font_map = G_PRIVATE_INIT (unref_font_map);
  PangoFontMap *font_map = g_private_get (&thread_font_map);

  if (font_map == NULL)
    {
      PdfFonts *fonts = get_fonts ();
      FcConfig *config = fonts->config;

      font_map = pango_cairo_font_map_new_for_font_type (CAIRO_FONT_TYPE_FT);
      /* Without the font, an empty configuration: nothing is typeset with
       * a stranger's font, and sb_pdf_fonts_check() says what is missing. */
      if (config == NULL)
        config = FcConfigCreate ();
      else
        FcConfigReference (config);
      pango_fc_font_map_set_config (PANGO_FC_FONT_MAP (font_map), config);
      FcConfigDestroy (config);
      g_private_set (&thread_font_map, font_map);
    }
  return font_map;
}

gboolean
sb_pdf_fonts_check (GError **error)
{
  PdfFonts *fonts = get_fonts ();

  if (fonts->config == NULL || !has_family (fonts->config, SB_PDF_FONT_SANS) ||
      !has_family (fonts->config, SB_PDF_FONT_MONO))
    {
      g_set_error (error, SB_PDF_ERROR, SB_PDF_ERROR_NO_FONT,
                   /* Translators: the first %s is a font's name, the second
                    * its file names, the third a folder. */
                   _("The PDF is typeset in “%s” (%s), which is not in %s. Shenbao's installation is "
                     "incomplete: install it again (the Flatpak includes the font)."),
                   SB_PDF_FONT_SANS, FONT_FILES_SHOWN, fonts->directory);
      return FALSE;
    }
  return TRUE;
}

const char *
sb_pdf_fonts_get_description (void)
{
  return get_fonts ()->description;
}

void
sb_pdf_fonts_skip_system_fonts (void)
{
  /* Every Pango font map starts loading fontconfig's default
   * configuration (the system's configuration files and font caches,
   * FcInit) in a thread, although the PDF's font maps are then given
   * their own configuration.  That was a sixth of a render's fixed cost
   * in fontconfig (25 M instructions of the complete 科技类 packet's
   * 1,150 M).  An empty current configuration makes it a no-op; the
   * PDF's fonts are untouched, and nothing else in such a process asks
   * fontconfig for a font. */
  FcConfig *empty = FcConfigCreate ();

  FcConfigSetCurrent (empty);
  FcConfigDestroy (empty);
}
