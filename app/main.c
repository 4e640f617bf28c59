/* main.c — the Shenbao application
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "sb-application.h"

/* The answers, the regulations and the packets are Chinese whatever the
 * interface language, and Han characters alone do not say which
 * language's face to draw them in: with an English interface Pango would
 * ask fontconfig for a Japanese one (Noto Sans CJK JP's 说 and 门 are not
 * the forms a Chinese reader knows).  Pango takes Han from the first of
 * the preferred languages that writes it, so Simplified Chinese is put
 * after the user's own languages.  The interface keeps the user's font:
 * Latin text stays in it rather than in a CJK face's full-width forms. */
static void
prefer_simplified_chinese_for_han (void)
{
  const char * const *languages;
  g_autoptr(GStrvBuilder) preferred = NULL;
  g_auto(GStrv) list = NULL;
  g_autofree char *joined = NULL;

  if (g_getenv ("PANGO_LANGUAGE") != NULL)
    return;
  preferred = g_strv_builder_new ();
  languages = g_get_language_names ();
  for (guint i = 0; languages[i] != NULL; i++)
    if (strcmp (languages[i], "C") != 0 && strchr (languages[i], '.') == NULL && strchr (languages[i], '@') == NULL)
      g_strv_builder_add (preferred, languages[i]);
  g_strv_builder_add (preferred, "zh-cn");
  list = g_strv_builder_end (preferred);
  joined = g_strjoinv (":", list);
  g_setenv ("PANGO_LANGUAGE", joined, TRUE);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(SbApplication) application = NULL;
  const char *locale_dir = g_getenv ("SHENBAO_LOCALEDIR");

  /* SHENBAO_LOCALEDIR lets a build run translated before it is installed
   * (the end-to-end test runs the Chinese interface from the build tree). */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, locale_dir != NULL ? locale_dir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  prefer_simplified_chinese_for_han ();

  application = sb_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
