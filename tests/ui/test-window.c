/* test-window.c — the main window under a real display, rendered to PNG
 *
 * Opens the window with the engine test form installed, shows the start
 * page and a procedure guide, and saves both as PNG in the build folder
 * for a person to look at.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <unistd.h>

#include "sb-application.h"
#include "ui-test-util.h"
#include "sb-window.h"

static void
test_window_renders (void)
{
  g_autoptr(SbApplication) application = sb_application_new ("io.github.shenbao.Shenbao.Test", G_APPLICATION_NON_UNIQUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *start_png = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT")
                                                                               : g_get_tmp_dir (), "screenshot-start.png", NULL);
  g_autofree char *guide_png = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT")
                                                                               : g_get_tmp_dir (), "screenshot-guide.png", NULL);
  SbWindow *window;

  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);

  window = sb_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 760);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (GTK_WIDGET (window), 800);

  g_unlink (start_png);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-start.png");
  g_assert_true (g_file_test (start_png, G_FILE_TEST_EXISTS));

  g_assert_true (sb_window_show_guide (window, "enginetest"));
  g_assert_false (sb_window_show_guide (window, "no-such-form"));
  ui_test_wait_for (GTK_WIDGET (window), 800);
  g_unlink (guide_png);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-guide.png");
  g_assert_true (g_file_test (guide_png, G_FILE_TEST_EXISTS));

  /* The back action returns to the start page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *forms_link = NULL;
  g_autofree char *forms = NULL;

  setlocale (LC_ALL, "");
  if (g_getenv ("SHENBAO_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHENBAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (!ui_test_init (&argc, &argv))
    return 0;

  /* The engine test form stands in for the procedures. */
  data_dir = g_dir_make_tmp ("shenbao-ui-XXXXXX", NULL);
  forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  forms_link = g_build_filename (data_dir, "forms", NULL);
  g_assert_cmpint (symlink (forms, forms_link), ==, 0);
  g_setenv ("SHENBAO_DATA_DIR", data_dir, TRUE);

  g_test_add_func ("/ui/window-renders", test_window_renders);

  {
    int result = g_test_run ();

    g_unlink (forms_link);
    g_rmdir (data_dir);
    return result;
  }
}
