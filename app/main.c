/* main.c — the Shenbao application
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "sb-application.h"

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

  application = sb_application_new (APP_ID, G_APPLICATION_HANDLES_OPEN);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
