/* test-untrusted-text.c — revealing controls, and matching bytes to types
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib.h>

#include "sb-media-type.h"
#include "sb-safe-text.h"

static void
test_reveal_controls (void)
{
  struct { const char *text; SbSafeTextFlags flags; const char *shown; } cases[] = {
    { "申报 ok", SB_SAFE_TEXT_DEFAULT, "申报 ok" },
    { "a\033[8mhidden", SB_SAFE_TEXT_DEFAULT, "a⟨U+001B⟩[8mhidden" },
    { "invoice\u202Efdp.exe", SB_SAFE_TEXT_DEFAULT, "invoice⟨U+202E⟩fdp.exe" },
    { "\u2066x\u2069\u200E\u200F\u061C", SB_SAFE_TEXT_DEFAULT, "⟨U+2066⟩x⟨U+2069⟩⟨U+200E⟩⟨U+200F⟩⟨U+061C⟩" },
    { "line\u2028two\u2029", SB_SAFE_TEXT_DEFAULT, "line⟨U+2028⟩two⟨U+2029⟩" },
    { "c1\xC2\x9B" "31m", SB_SAFE_TEXT_DEFAULT, "c1⟨U+009B⟩31m" },
    { "del\x7f", SB_SAFE_TEXT_DEFAULT, "del⟨U+007F⟩" },
    { "two\nlines\tand", SB_SAFE_TEXT_DEFAULT, "two⟨U+000A⟩lines⟨U+0009⟩and" },
    { "two\nlines\tand\r", SB_SAFE_TEXT_KEEP_NEWLINES, "two\nlines\tand⟨U+000D⟩" },
    { "bad\xFFutf8", SB_SAFE_TEXT_DEFAULT, "bad⟨0xFF⟩utf8" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *shown = sb_safe_text_reveal (cases[i].text, cases[i].flags);

      g_assert_cmpstr (shown, ==, cases[i].shown);
      g_assert_true (sb_safe_text_has_controls (cases[i].text) == (g_strcmp0 (cases[i].text, cases[i].shown) != 0 || i == 8));
    }

  {
    g_autofree char *empty = sb_safe_text_reveal (NULL, SB_SAFE_TEXT_DEFAULT);
    g_assert_cmpstr (empty, ==, "");
  }
}

static void
test_media_types (void)
{
  static const guint8 pdf[] = "%PDF-1.7\n";
  static const guint8 html[] = "<html><script>alert(1)</script>";
  static const guint8 late_pdf[] = "junk before %PDF-1.7";
  static const guint8 png[] = "\x89PNG\r\n\x1a\n....";
  static const guint8 jpeg[] = "\xFF\xD8\xFF\xE0..";
  static const guint8 zip[] = "PK\x03\x04....";
  static const guint8 json[] = "\xEF\xBB\xBF  {\"type\": \"FeatureCollection\"}";
  static const guint8 desktop[] = "[Desktop Entry]\nExec=sh\n";

  g_assert_true (sb_media_type_matches ("application/pdf", pdf, sizeof pdf - 1));
  g_assert_false (sb_media_type_matches ("application/pdf", html, sizeof html - 1));
  g_assert_false (sb_media_type_matches ("application/pdf", late_pdf, sizeof late_pdf - 1));
  g_assert_false (sb_media_type_matches ("application/pdf", pdf, 3));
  g_assert_false (sb_media_type_matches ("application/pdf", NULL, 0));
  g_assert_true (sb_media_type_matches ("image/png", png, sizeof png - 1));
  g_assert_false (sb_media_type_matches ("image/png", jpeg, sizeof jpeg - 1));
  g_assert_true (sb_media_type_matches ("image/jpeg", jpeg, sizeof jpeg - 1));
  g_assert_true (sb_media_type_matches ("application/ofd", zip, sizeof zip - 1));
  g_assert_true (sb_media_type_matches ("application/zip", zip, sizeof zip - 1));
  g_assert_true (sb_media_type_matches ("application/geo+json", json, sizeof json - 1));
  g_assert_false (sb_media_type_matches ("application/json", desktop, sizeof desktop - 1));
  g_assert_false (sb_media_type_matches ("text/html", html, sizeof html - 1));
  g_assert_false (sb_media_type_matches ("application/octet-stream", pdf, sizeof pdf - 1));
}

static void
test_executable_names (void)
{
  /* Plain ASCII endings and the ones only Unicode folding finds: "A.BIN"
   * (an "I"), ".\u212Ao" (KELVIN SIGN folds to "k"). */
  const char *refused[] = { "run.desktop", "x.SH", "setup.exe", "a.AppImage", "evil.desktop.", "évil.Desktop ",
                            "x.exe. ", "A.BIN", "模块.\xe2\x84\xaao", "申报.ＰＤＦ.Exe..", "x.FlatpakRepo" };
  const char *accepted[] = { "营业执照.pdf", "plan.ofd", "desktop.pdf", "photo.jpeg", "sh", "parcels.geojson",
                             "x.exe .", "file.", "...", "", "a.verylongextension", "x.exé", "exe", ".pdf",
                             "模块.\xe2\x84\xaa" };

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    g_assert_true (sb_media_name_is_executable (refused[i]));
  for (gsize i = 0; i < G_N_ELEMENTS (accepted); i++)
    g_assert_false (sb_media_name_is_executable (accepted[i]));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/untrusted-text/reveal-controls", test_reveal_controls);
  g_test_add_func ("/untrusted-text/media-types", test_media_types);
  g_test_add_func ("/untrusted-text/executable-names", test_executable_names);
  return g_test_run ();
}
