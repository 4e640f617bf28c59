/* ui-test-util.c — what the widget tests share
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "ui-test-util.h"

gboolean
ui_test_init (int    *argc,
              char ***argv)
{
  setlocale (LC_ALL, "");
  if (g_getenv ("SHENBAO_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHENBAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (argc, argv, NULL);
  /* Without a display there is nothing to test: TAP's way to skip. */
  if (!gtk_init_check ())
    {
      printf ("1..0 # SKIP no display (run under xvfb-run)\n");
      return FALSE;
    }
  adw_init ();
  return TRUE;
}

SbApplication *
ui_test_new_application (void)
{
  SbApplication *application = sb_application_new ("io.github.shenbao.Shenbao.Test", G_APPLICATION_NON_UNIQUE);

  g_application_register (G_APPLICATION (application), NULL, NULL);
  return application;
}

/* Whether this process is a test case run again by g_test_trap_subprocess()
 * (asked before g_test_init(), which g_test_subprocess() needs). */
static gboolean
is_test_subprocess (int    argc,
                    char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--GTestSubprocess"))
      return TRUE;
  return FALSE;
}

SbApplication *
ui_test_setup (int    *argc,
               char ***argv)
{
  /* A test case run again in a process of its own (the application
   * started again) finds the data its parent made. */
  if (!is_test_subprocess (*argc, *argv))
    {
      g_autofree char *home = g_dir_make_tmp ("shenbao-ui-XXXXXX", NULL);

      g_assert_nonnull (home);
      g_setenv ("XDG_DATA_HOME", home, TRUE);
      g_setenv ("SHENBAO_DATA_DIR", g_getenv ("SHENBAO_TEST_DATA_DIR"), TRUE);
    }
  if (!ui_test_init (argc, argv))
    return NULL;
  return ui_test_new_application ();
}

void
ui_test_wait_for (GtkWidget *widget,
                  guint      milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end || !gtk_widget_get_mapped (widget))
    {
      g_main_context_iteration (NULL, FALSE);
      if (g_get_monotonic_time () > end + 5 * G_USEC_PER_SEC)
        break;
    }
}

void
ui_test_save_screenshot (GtkWidget  *widget,
                         const char *name)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  int width, height;
  g_autofree char *path = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT")
                                                                         : g_get_tmp_dir (), name, NULL);

  gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  /* A window just presented on a loaded machine may not have its size yet. */
  while (gtk_widget_get_width (widget) == 0 && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, FALSE);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  g_assert_cmpint (width, >, 0);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  /* On a loaded machine a page just shown may not have its first frame
   * yet (nothing to draw): let the loop turn, then draw again. */
  while (node == NULL && g_get_monotonic_time () < give_up)
    {
      g_main_context_iteration (NULL, FALSE);
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

SbWindow *
ui_test_open_window (SbApplication *application,
                     int            width)
{
  SbWindow *window = sb_window_new (application);

  gtk_window_set_default_size (GTK_WINDOW (window), width, 800);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (GTK_WIDGET (window), 500);
  return window;
}

SbWizard *
ui_test_start_application (SbWindow   *window,
                           const char *form_id)
{
  g_assert_true (sb_window_show_guide (window, form_id));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-application", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_nonnull (sb_window_get_wizard (window));
  return sb_window_get_wizard (window);
}

char *
ui_test_drafts_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "drafts", NULL);
}

SbRowEditor *
ui_test_find_row_editor (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) candidate = g_list_model_get_item (toplevels, i);
      GtkWidget *editor = ui_test_find_widget (candidate, SB_TYPE_ROW_EDITOR);

      if (editor != NULL)
        return SB_ROW_EDITOR (editor);
    }
  return NULL;
}

GtkWidget *
ui_test_find_widget (GtkWidget *widget,
                     GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_widget (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_test_find_label (GtkWidget  *widget,
                    const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_test_find_button (GtkWidget  *widget,
                     const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_button (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
ui_test_find_entry_row (GtkWidget  *widget,
                        const char *title)
{
  if (ADW_IS_ENTRY_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_test_find_entry_row (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}
