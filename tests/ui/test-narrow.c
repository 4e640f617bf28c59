/* test-narrow.c — every page of the application fits a 360 px wide window
 *
 * A phone-sized window (the narrow end the issue asks for) must show the
 * start page, a guide, a wizard step with the step list folded away (and
 * the step list), table steps, a table row's window, the review page, a
 * step opened by a change link, the finished page and the reviewer's three
 * pages without widening.  Each page's minimum width is
 * measured, the widgets that ask for more are named in the log, and a
 * screenshot at 360 px is saved for a person to look at.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>

#include "sb-application.h"
#include "sb-draft-store.h"
#include "sb-form-registry.h"
#include "sb-row-editor.h"
#include "sb-table-editor.h"
#include "sb-window.h"
#include "ui-test-util.h"

#define NARROW 360

static SbApplication *application;
/* The pages that did not fit, so that one run names them all. */
static GString *too_wide;

/* Names the innermost widgets that ask for more than @limit: those whose
 * children all fit, so the log says what to fix. */
static gboolean
report_too_wide (GtkWidget *widget,
                 int        limit,
                 int        depth)
{
  gboolean child_too_wide = FALSE;
  int minimum;

  if (!gtk_widget_get_visible (widget))
    return FALSE;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  if (minimum <= limit)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    child_too_wide |= report_too_wide (child, limit, depth + 1);

  if (!child_too_wide)
    {
      g_autoptr(GString) path = g_string_new (NULL);

      for (GtkWidget *w = widget; w != NULL; w = gtk_widget_get_parent (w))
        g_string_prepend (path, G_OBJECT_TYPE_NAME (w)), g_string_prepend (path, " > ");
      g_test_message ("too wide (%d px):%s", minimum, path->str);
      if (GTK_IS_LABEL (widget))
        g_test_message ("  label: %s", gtk_label_get_text (GTK_LABEL (widget)));
    }
  return TRUE;
}

static void
resize (GtkWidget *window,
        int        width,
        gboolean   narrower)
{
  for (guint attempt = 0; attempt < 5; attempt++)
    {
      gtk_window_set_default_size (GTK_WINDOW (window), width, 720);
      ui_test_wait_for (window, 300);
      if (narrower ? gtk_widget_get_width (window) <= width : gtk_widget_get_width (window) >= width - 20)
        break;
    }
}

/* The page shown in @window fits 360 px: its minimum width, the window's
 * own after it was asked to be 360 px wide, and a screenshot. */
static void
check_narrow (GtkWidget  *window,
              const char *screenshot)
{
  int minimum = 0;

  /* From wider, so that the window really is resized each time; the X
   * server's answer to one resize can come after the next was asked for,
   * so each is asked again until it is done (or clearly refused). */
  resize (window, 720, FALSE);
  resize (window, NARROW, TRUE);

  /* The window's content: the window itself asks for 360 px at least. */
  for (GtkWidget *child = gtk_widget_get_first_child (window); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      int child_minimum;

      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, &child_minimum, NULL, NULL, NULL);
      minimum = MAX (minimum, child_minimum);
    }
  g_test_message ("%s: minimum width %d px, shown %d px", screenshot, minimum, gtk_widget_get_width (window));
  if (minimum > NARROW)
    report_too_wide (window, NARROW - 80, 0);
  ui_test_save_screenshot (window, screenshot);
  if (minimum > NARROW || gtk_widget_get_width (window) > NARROW)
    g_string_append_printf (too_wide, " %s (%d px)", screenshot, MAX (minimum, gtk_widget_get_width (window)));
}

static void
store_fixture_files (void)
{
  const char *names[] = { "scan.pdf", "photo.png" };
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, "drafts", "files", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", names[i], NULL);
      g_autofree char *data = NULL;
      g_autofree char *sha256 = NULL;
      g_autofree char *target = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (source, &data, &length, NULL));
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
      target = g_build_filename (dir, sha256, NULL);
      g_assert_true (g_file_set_contents (target, data, length, NULL));
    }
}

/* A "Change" button of the review page: its action target is the field it changes. */
static GtkWidget *
find_change_button (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "review.change-field") == 0
      && gtk_widget_is_drawable (widget))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_change_button (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_every_page_fits (void)
{
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "gengdi", "complete.json", NULL);
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autofree char *out = g_dir_make_tmp ("shenbao-narrow-XXXXXX", NULL);
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *packet_path = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "gengdi", 0);
  GPtrArray *rules = sb_form_definition_get_rules (definition);
  SbWindow *window;
  SbWizard *wizard;
  GtkWidget *editor;
  SbRowEditor *row_editor;
  const char *name;

  too_wide = g_string_new (NULL);
  window = sb_window_new (application);
  gtk_window_present (GTK_WINDOW (window));
  check_narrow (GTK_WIDGET (window), "narrow-start.png");

  g_assert_true (sb_window_show_guide (window, "kejipeixun"));
  check_narrow (GTK_WIDGET (window), "narrow-guide.png");

  /* A new application: the first step, the step list folded away. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.start-application", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_nonnull (sb_window_get_wizard (window));
  check_narrow (GTK_WIDGET (window), "narrow-wizard-step.png");
  sb_wizard_next (sb_window_get_wizard (window));
  check_narrow (GTK_WIDGET (window), "narrow-wizard-problems.png");

  /* The step list, folded away, shown on its own. */
  {
    GtkWidget *leaflet = ui_test_find_widget (GTK_WIDGET (sb_window_get_wizard (window)), ADW_TYPE_LEAFLET);

    g_assert_nonnull (leaflet);
    g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
    g_assert_true (adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_BACK));
    check_narrow (GTK_WIDGET (window), "narrow-wizard-steps.png");
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);

  /* The complete application, with warnings explained. */
  store_fixture_files ();
  json_parser_load_from_file (parser, complete, &error);
  g_assert_no_error (error);
  draft = sb_draft_new (definition, "2026-01-05T08:00:00Z");
  sb_answers_set_json (sb_draft_get_answers (draft), json_node_get_object (json_parser_get_root (parser)));
  for (guint i = 0; i < rules->len; i++)
    {
      SbRule *rule = g_ptr_array_index (rules, i);

      if (rule->severity == SB_SEVERITY_WARNING)
        sb_draft_set_justification (draft, rule->id, "已与义井镇政府沟通，按年度方案调整办理。");
    }
  g_assert_true (sb_draft_store_save (store, draft, &error));
  g_assert_no_error (error);
  sb_window_open_draft (window, draft);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  wizard = sb_window_get_wizard (window);
  g_assert_nonnull (wizard);

  sb_wizard_show_field (wizard, "out_parcels");
  check_narrow (GTK_WIDGET (window), "narrow-wizard-table.png");

  sb_wizard_show_field (wizard, "farmer_consents");
  check_narrow (GTK_WIDGET (window), "narrow-wizard-attachments.png");

  editor = sb_wizard_get_field_widget (wizard, "farmer_consents");
  g_assert_true (SB_IS_TABLE_EDITOR (editor));
  sb_table_editor_edit_row (SB_TABLE_EDITOR (editor), 0);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = ui_test_find_row_editor ();
  g_assert_nonnull (row_editor);
  /* The row's editor is in the main window, and fits it. */
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (row_editor)) == GTK_ROOT (window));
  check_narrow (GTK_WIDGET (window), "narrow-row-editor.png");
  sb_row_editor_cancel (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_null (ui_test_find_row_editor ());

  sb_wizard_show_review (wizard);
  check_narrow (GTK_WIDGET (window), "narrow-review.png");

  /* A change link: the step, with a way back to the review in the bar. */
  {
    GtkWidget *change = find_change_button (GTK_WIDGET (window));

    g_assert_nonnull (change);
    g_signal_emit_by_name (change, "clicked");
    check_narrow (GTK_WIDGET (window), "narrow-change-answer.png");
    sb_wizard_show_review (wizard);
    ui_test_wait_for (GTK_WIDGET (window), 200);
  }

  g_assert_true (sb_wizard_can_finish (wizard));
  g_assert_true (sb_wizard_finish_into (wizard, folder, &error));
  g_assert_no_error (error);
  check_narrow (GTK_WIDGET (window), "narrow-finished.png");

  /* The reviewer's view of the packet just made. */
  listing = g_dir_open (out, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    if (g_str_has_suffix (name, ".sbpkt.json"))
      packet_path = g_build_filename (out, name, NULL);
  g_assert_nonnull (packet_path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  {
    g_autoptr(GFile) packet = g_file_new_for_path (packet_path);

    g_assert_true (sb_window_open_file (window, packet));
  }
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_nonnull (sb_window_get_reviewer_view (window));
  check_narrow (GTK_WIDGET (window), "narrow-reviewer.png");
  {
    GtkWidget *pages = ui_test_find_widget (GTK_WIDGET (sb_window_get_reviewer_view (window)), ADW_TYPE_VIEW_STACK);

    g_assert_nonnull (pages);
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pages), "application");
    check_narrow (GTK_WIDGET (window), "narrow-reviewer-application.png");
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (pages), "review");
    check_narrow (GTK_WIDGET (window), "narrow-reviewer-review.png");
  }

  /* The case register, with the case the packet just opened became. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-register", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 1000);
  check_narrow (GTK_WIDGET (window), "narrow-register.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpstr (too_wide->str, ==, "");
  g_string_free (too_wide, TRUE);
}

int
main (int    argc,
      char **argv)
{
  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;

  g_test_add_func ("/ui/narrow/every-page-fits", test_every_page_fits);

  return g_test_run ();
}
