/* sb-desubroutinize.c — a font face without CFF subroutines, for the PDF
 *
 * usage: sb-desubroutinize SOURCE POSTSCRIPT-NAME OUTPUT
 *
 * Writes the face of SOURCE (a font file or collection) whose PostScript
 * name is POSTSCRIPT-NAME to OUTPUT, whole — every glyph at its own glyph
 * index, every table, every name, every layout feature — but with each
 * glyph's charstring written out in full instead of calling subroutines.
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

/* Keep everything and only desubroutinize.  HarfBuzz 6.0 has no
 * hb_subset_input_keep_everything() (7.0 does); this is what it does,
 * with the glyphs and characters listed rather than an inverted set,
 * which 6.0's subsetter does not take for them. */
static hb_subset_input_t *
keep_everything (hb_face_t *face)
{
  hb_subset_input_t *input = hb_subset_input_create_or_fail ();
  const hb_subset_sets_t all[] = {
    HB_SUBSET_SETS_NAME_ID,
    HB_SUBSET_SETS_NAME_LANG_ID,
    HB_SUBSET_SETS_LAYOUT_FEATURE_TAG,
    HB_SUBSET_SETS_LAYOUT_SCRIPT_TAG,
  };

  if (input == NULL)
    return NULL;
  hb_set_add_range (hb_subset_input_glyph_set (input), 0, hb_face_get_glyph_count (face) - 1);
  hb_face_collect_unicodes (face, hb_subset_input_unicode_set (input));
  /* The variation sequences of cmap format 14 are kept by their selector. */
  hb_face_collect_variation_selectors (face, hb_subset_input_unicode_set (input));
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

int
main (int   argc,
      char *argv[])
{
  hb_blob_t *source;
  hb_face_t *face;
  hb_subset_input_t *input;
  hb_face_t *subset;
  hb_blob_t *output;
  const char *data;
  unsigned int length;
  g_autoptr(GError) error = NULL;

  if (argc != 4)
    {
      g_printerr ("usage: %s SOURCE POSTSCRIPT-NAME OUTPUT\n", argv[0]);
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

  input = keep_everything (face);
  subset = input != NULL ? hb_subset_or_fail (face, input) : NULL;
  if (subset == NULL || hb_face_get_glyph_count (subset) != hb_face_get_glyph_count (face))
    {
      g_printerr ("%s: HarfBuzz could not rewrite %s of %s\n", argv[0], argv[2], argv[1]);
      return 1;
    }

  output = hb_face_reference_blob (subset);
  data = hb_blob_get_data (output, &length);
  /* Written to a temporary file and renamed: never half a font. */
  if (length == 0 || !g_file_set_contents (argv[3], data, length, &error))
    {
      g_printerr ("%s: cannot write %s: %s\n", argv[0], argv[3], error != NULL ? error->message : "empty font");
      return 1;
    }

  hb_blob_destroy (output);
  hb_face_destroy (subset);
  hb_subset_input_destroy (input);
  hb_face_destroy (face);
  hb_blob_destroy (source);
  return 0;
}
