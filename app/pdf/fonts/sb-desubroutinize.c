/* sb-desubroutinize.c — a font face without CFF subroutines, in two parts, for the PDF
 *
 * usage: sb-desubroutinize SOURCE POSTSCRIPT-NAME COMMON-OUTPUT RARE-OUTPUT
 *
 * Writes the face of SOURCE (a font file or collection) whose PostScript
 * name is POSTSCRIPT-NAME in two files: COMMON-OUTPUT has its common
 * characters (add_common_characters()), RARE-OUTPUT all its others.  Each
 * keeps every table, every name, every layout feature and every glyph its
 * characters reach, at its own glyph index, but with each glyph's
 * charstring written out in full instead of calling subroutines.
 *
 * Why two parts: cairo 1.16 copies the whole CFF table of a face it
 * subsets out of the file (app/pdf/fonts/meson.build says what that
 * cost); a document in common characters now only reads their 4 MB.
 *
 * Why: cairo 1.16's CFF subsetter does not clear its argument stack at the
 * line and curve operators while it scans a charstring for the subroutines
 * a glyph calls.  It then miscounts the hints before a hintmask, misses a
 * callsubr, and writes that subroutine into the PDF's subset as a bare
 * return: the glyph prints empty (如 of Noto Sans CJK SC, CID 14237, in
 * "一次性告知如下").  A face with no subroutines has no callsubr to miss.
 *
 * Run by meson at build time (app/pdf/fonts/meson.build).  HarfBuzz's
 * subsetter gives the same bytes for the same source and HarfBuzz version,
 * so the PDFs stay reproducible.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>
#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#include <string.h>

/* The face of @blob named @postscript_name, or NULL.  By name, not by
 * index: the order of a collection's faces is not part of its contract. */
static hb_face_t *
find_face (hb_blob_t  *blob,
           const char *postscript_name)
{
  unsigned int count = hb_face_count (blob);

  for (unsigned int i = 0; i < count; i++)
    {
      hb_face_t *face = hb_face_create (blob, i);
      char name[256] = "";
      unsigned int length = sizeof name;

      hb_ot_name_get_utf8 (face, HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &length, name);
      if (g_str_equal (name, postscript_name))
        return face;
      hb_face_destroy (face);
    }
  return NULL;
}

/* The characters of the common part: everything before the CJK
 * ideographs (Latin, punctuation, symbols, box drawing, kana, the CJK
 * punctuation and enclosed forms), the compatibility and fullwidth
 * forms from U+F900 on, and the 6,763 hanzi of GB 2312, which Chinese
 * forms are written in.  What an applicant types beyond them is in the
 * rare part.  iconv's GB2312 table lists the hanzi, so no list of
 * characters is kept here; FALSE if it does not have all 6,763 (a C
 * library without the GB2312 converter), as the parts, and so the PDFs'
 * bytes, would then not be those of every other build. */
#define GB2312_HANZI 6763

static gboolean
add_common_characters (hb_set_t *set)
{
  guint hanzi = 0;

  hb_set_add_range (set, 0, 0x33FF);
  hb_set_add_range (set, 0xF900, 0xFFFF);
  for (guint row = 0xB0; row <= 0xF7; row++)
    for (guint cell = 0xA1; cell <= 0xFE; cell++)
      {
        const char code[2] = { (char) row, (char) cell };
        g_autofree char *utf8 = g_convert (code, 2, "UTF-8", "GB2312", NULL, NULL, NULL);

        if (utf8 != NULL)
          {
            hb_set_add (set, g_utf8_get_char (utf8));
            hanzi++;
          }
      }
  return hanzi == GB2312_HANZI;
}

/* The face's characters of one part (@common or the rest) and its glyphs
 * (those characters reach through the layout tables, HarfBuzz's closure),
 * every table, every name, every layout feature, and each glyph's
 * charstring written out in full instead of calling subroutines.  Glyph
 * indices stay as they are in the face (the other part's are empty), so
 * the CIDs a PDF shows are the face's own.  HarfBuzz 6.0 has no
 * hb_subset_input_keep_everything() (7.0 does); the names and layout
 * sets are inverted as it does. */
static hb_subset_input_t *
part_input (hb_face_t *face,
            gboolean   common)
{
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  const hb_subset_sets_t all[] = {
    HB_SUBSET_SETS_NAME_ID,
    HB_SUBSET_SETS_NAME_LANG_ID,
    HB_SUBSET_SETS_LAYOUT_FEATURE_TAG,
    HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG,
  };
  hb_set_t *face_characters;
  hb_set_t *common_characters;
  hb_set_t *unicodes;

  if (input == NULL)
    return NULL;
  common_characters = hb_set_create ();
  if (!add_common_characters (common_characters))
    {
      g_printerr ("sb-desubroutinize: iconv cannot list the %d hanzi of GB 2312\n", GB2312_HANZI);
      hb_set_destroy (common_characters);
      hb_subset_input_destroy (input);
      return NULL;
    }
  face_characters = hb_set_create ();
  unicodes = hb_subset_input_unicode_set (input);
  hb_face_collect_unicodes (face, face_characters);
  hb_set_set (unicodes, face_characters);
  if (common)
    hb_set_intersect (unicodes, common_characters);
  else
    hb_set_subtract (unicodes, common_characters);
  /* The variation sequences of cmap format 14 are kept by their
   * selector, in both parts: each keeps those of its own characters. */
  hb_face_collect_variation_selectors (face, unicodes);
  hb_set_destroy (common_characters);
  hb_set_destroy (face_characters);

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      hb_set_t *set = hb_subset_input_set (input, all[i]);

      hb_set_clear (set);
      hb_set_invert (set);
    }
  /* By default a few tables are dropped (BASE among them); none here. */
  hb_set_clear (hb_subset_input_set (input, HB_SUBSET_SETS_DROP_TABLE_TAG));
  hb_subset_input_set_flags (input,
                             HB_SUBSET_FLAGS_DESUBROUTINIZE |
                             HB_SUBSET_FLAGS_RETAIN_GIDS |
                             HB_SUBSET_FLAGS_NOTDEF_OUTLINE |
                             HB_SUBSET_FLAGS_GLYPH_NAMES |
                             HB_SUBSET_FLAGS_NAME_LEGACY |
                             HB_SUBSET_FLAGS_NO_PRUNE_UNICODE_RANGES |
                             HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED);
  return input;
}

/* Writes one part of @face to @path; FALSE after saying why not. */
static gboolean
write_part (hb_face_t  *face,
            gboolean    common,
            const char *path)
{
  hb_subset_input_t *input = part_input (face, common);
  hb_face_t *subset = input != NULL ? hb_subset_or_fail (face, input) : NULL;
  g_autoptr(GError) error = NULL;
  hb_blob_t *output;
  const char *data;
  unsigned int length;
  gboolean written;

  if (subset == NULL)
    {
      g_printerr ("sb-desubroutinize: HarfBuzz could not write %s\n", path);
      return FALSE;
    }
  output = hb_face_reference_blob (subset);
  data = hb_blob_get_data (output, &length);
  /* Written to a temporary file and renamed: never half a font. */
  written = length > 0 && g_file_set_contents (path, data, length, &error);
  if (!written)
    g_printerr ("sb-desubroutinize: cannot write %s: %s\n", path, error != NULL ? error->message : "empty font");
  hb_blob_destroy (output);
  hb_face_destroy (subset);
  hb_subset_input_destroy (input);
  return written;
}

int
main (int   argc,
      char *argv[])
{
  hb_blob_t *source;
  hb_face_t *face;
  gboolean written;

  if (argc != 5)
    {
      g_printerr ("usage: %s SOURCE POSTSCRIPT-NAME COMMON-OUTPUT RARE-OUTPUT\n", argv[0]);
      return 2;
    }

  source = hb_blob_create_from_file_or_fail (argv[1]);
  if (source == NULL)
    {
      g_printerr ("%s: cannot read %s\n", argv[0], argv[1]);
      return 1;
    }
  face = find_face (source, argv[2]);
  if (face == NULL)
    {
      g_printerr ("%s: %s has no face named %s\n", argv[0], argv[1], argv[2]);
      return 1;
    }

  written = write_part (face, TRUE, argv[3]) && write_part (face, FALSE, argv[4]);

  hb_face_destroy (face);
  hb_blob_destroy (source);
  return written ? 0 : 1;
}
