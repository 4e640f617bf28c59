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
#include "sb-date.h"
#include "sb-draft-store.h"
#include "sb-form-registry.h"
#include "ui-test-util.h"
#include "sb-window.h"

/* One application for all tests, as in a real session. */
static SbApplication *application;

static void
test_window_renders (void)
{
  g_autofree char *start_png = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT")
                                                                               : g_get_tmp_dir (), "screenshot-start.png", NULL);
  g_autofree char *guide_png = g_build_filename (g_getenv ("MESON_BUILD_ROOT") ? g_getenv ("MESON_BUILD_ROOT")
                                                                               : g_get_tmp_dir (), "screenshot-guide.png", NULL);
  SbWindow *window;

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

static GtkWidget *
find_named (GtkWidget  *widget,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The row titled @title, or NULL. */
static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
group_of (GtkWidget *row)
{
  GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

  g_assert_nonnull (group);
  return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (group));
}

static void
wait_for_drafts (SbWindow *window)
{
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (sb_window_is_listing_drafts (window) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_window_is_listing_drafts (window));
  ui_test_wait_for (GTK_WIDGET (window), 200);
}

/* The engine test form's regulation is in force until 2025-05-21: the
 * day after, its guide says so before anything else, and starting is
 * the notice's (secondary) button, not the guide's suggested one. */
static void
test_expired_notice (void)
{
  SbWindow *window;
  GtkWidget *notice, *start;

  window = ui_test_open_window (application, 900);

  g_setenv ("SHENBAO_TODAY", "2025-05-21", TRUE);
  g_assert_cmpint (sb_date_today (), ==, sb_date_from_ymd (2025, 5, 21));
  g_assert_true (sb_window_show_guide (window, "enginetest"));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (find_named (GTK_WIDGET (window), "expired-notice"));
  start = find_actionable (GTK_WIDGET (window), "win.start-application");
  g_assert_nonnull (start);
  g_assert_true (gtk_widget_has_css_class (start, "suggested-action"));

  g_setenv ("SHENBAO_TODAY", "2025-05-22", TRUE);
  g_assert_true (sb_window_show_guide (window, "enginetest"));
  ui_test_wait_for (GTK_WIDGET (window), 500);
  notice = find_named (GTK_WIDGET (window), "expired-notice");
  g_assert_nonnull (notice);
  g_assert_true (gtk_widget_get_mapped (notice));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-expired-notice.png");
  /* The only way to start is the notice's own button, not suggested. */
  start = find_actionable (GTK_WIDGET (window), "win.start-application");
  g_assert_nonnull (start);
  g_assert_true (gtk_widget_is_ancestor (start, notice));
  g_assert_false (gtk_widget_has_css_class (start, "suggested-action"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-application", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_nonnull (sb_window_get_wizard (window));

  /* Escape inside the application does not leave it; win.back does. */
  {
    g_auto(GStrv) actions = gtk_application_get_actions_for_accel (GTK_APPLICATION (application), "Escape");

    g_assert_true (g_strv_contains ((const char * const *) actions, "win.escape"));
    g_assert_false (g_strv_contains ((const char * const *) actions, "win.back"));
  }
  gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL);
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_nonnull (sb_window_get_wizard (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (sb_window_get_wizard (window));
  /* From a guide, Escape goes back to the start page. */
  g_assert_true (sb_window_show_guide (window, "enginetest"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.escape", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_false (gtk_widget_get_visible (find_actionable (GTK_WIDGET (window), "win.back")));

  g_unsetenv ("SHENBAO_TODAY");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The start page lists applications in progress and finished ones apart;
 * a draft is renamed, and removed with an undo: set aside at once, back
 * with Undo, gone for good when the window goes. */
static void
test_draft_list (void)
{
  g_autofree char *dir = ui_test_drafts_dir ();
  g_autoptr(SbDraftStore) store = sb_draft_store_new (dir);
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "enginetest", 0);
  g_autoptr(SbDraft) open = sb_draft_new (definition, "2025-03-01T08:00:00Z");
  g_autoptr(SbDraft) finished = sb_draft_new (definition, "2025-03-02T08:00:00Z");
  g_autoptr(SbDraft) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *aside = NULL;
  g_autofree char *name = NULL;
  SbWindow *window;
  GtkWidget *row;

  sb_draft_set_name (open, "给王老师的申请");
  sb_draft_set_name (finished, "去年的申请");
  sb_draft_add_packet (finished, "YQ-KJ-2025-000123", "2025-03-03T09:15:00Z");
  g_assert_true (sb_draft_store_save (store, open, &error));
  g_assert_true (sb_draft_store_save (store, finished, &error));
  g_assert_no_error (error);
  name = g_strconcat (sb_draft_get_id (open), ".json", NULL);
  path = g_build_filename (dir, name, NULL);
  aside = g_strconcat (path, ".removed", NULL);

  window = ui_test_open_window (application, 900);
  wait_for_drafts (window);
  row = find_row_titled (GTK_WIDGET (window), "给王老师的申请");
  g_assert_nonnull (row);
  g_assert_cmpstr (group_of (row), ==, g_dgettext (GETTEXT_PACKAGE, "Applications in Progress"));
  row = find_row_titled (GTK_WIDGET (window), "去年的申请");
  g_assert_nonnull (row);
  g_assert_cmpstr (group_of (row), ==, g_dgettext (GETTEXT_PACKAGE, "Finished Applications"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "YQ-KJ-2025-000123"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "2025年3月3日"));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-draft-list.png");

  /* Renamed: the list and the file say the new name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.rename-draft", "(ss)",
                                             sb_draft_get_id (open), "  申请（第二稿）✍️ "));
  wait_for_drafts (window);
  g_assert_null (find_row_titled (GTK_WIDGET (window), "给王老师的申请"));
  g_assert_nonnull (find_row_titled (GTK_WIDGET (window), "申请（第二稿）✍️"));
  loaded = sb_draft_store_load (store, sb_form_registry_get_default (), sb_draft_get_id (open), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sb_draft_get_name (loaded), ==, "申请（第二稿）✍️");

  /* Removed: not listed, the file set aside; Undo brings it back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-draft", "s", sb_draft_get_id (open)));
  wait_for_drafts (window);
  g_assert_null (find_row_titled (GTK_WIDGET (window), "申请（第二稿）✍️"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (aside, G_FILE_TEST_EXISTS));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-draft-removed.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo-remove-draft", "s", sb_draft_get_id (open)));
  wait_for_drafts (window);
  g_assert_nonnull (find_row_titled (GTK_WIDGET (window), "申请（第二稿）✍️"));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (aside, G_FILE_TEST_EXISTS));

  /* Removed again and the window closed before Undo: gone. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.remove-draft", "s", sb_draft_get_id (open)));
  wait_for_drafts (window);
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (aside, G_FILE_TEST_EXISTS));
  sb_draft_store_remove (store, sb_draft_get_id (finished), NULL);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *data_dir = NULL;
  g_autofree char *forms_link = NULL;
  g_autofree char *forms = NULL;
  g_autofree char *home = NULL;

  setlocale (LC_ALL, "");
  if (g_getenv ("SHENBAO_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("SHENBAO_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  /* Drafts go to a fresh folder, never the person's own. */
  home = g_dir_make_tmp ("shenbao-window-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", home, TRUE);

  if (!ui_test_init (&argc, &argv))
    return 0;

  /* The engine test form stands in for the procedures. */
  data_dir = g_dir_make_tmp ("shenbao-ui-XXXXXX", NULL);
  forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
  forms_link = g_build_filename (data_dir, "forms", NULL);
  g_assert_cmpint (symlink (forms, forms_link), ==, 0);
  g_setenv ("SHENBAO_DATA_DIR", data_dir, TRUE);

  application = ui_test_new_application ();
  g_test_add_func ("/ui/window-renders", test_window_renders);
  g_test_add_func ("/ui/window/expired-notice", test_expired_notice);
  g_test_add_func ("/ui/window/draft-list", test_draft_list);

  {
    int result = g_test_run ();

    g_unlink (forms_link);
    g_rmdir (data_dir);
    return result;
  }
}
