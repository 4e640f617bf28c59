/* test-paths.c — every path of every procedure, opened in the wizard
 *
 * Each complete application of a path (tests/fixtures/<form>/NAME.json
 * beside a NAME.expected.json: the new application, each change item,
 * re-registration, deregistration) is opened as a saved draft and walked
 * through with Next, step by step, to the review page: no step on the way
 * shows an error summary, and the application can be finished.  A path
 * whose steps ask for something its fixture does not hold (a hidden rooms
 * step the timetable refers to, a fee table a change of capital does not
 * need) stops on that step.  Found, not listed: a new path fixture is
 * opened without changing this file.  Saves one screenshot per path.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include "sb-application.h"
#include "ui-test-util.h"
#include "sb-date.h"
#include "sb-draft-store.h"
#include "sb-form-registry.h"
#include "sb-review-page.h"
#include "sb-window.h"

/* One application for all tests, as in a real session. */
static SbApplication *application;

typedef struct
{
  char *form;
  char *name;   /* "change-content": change-content.json */
} PathFixture;

static JsonObject *
read_object (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The fixtures' attachment descriptors name these files by hash. */
static void
copy_fixture_files (const char *store_dir)
{
  const char *names[] = { "scan.pdf", "photo.png" };

  g_assert_cmpint (g_mkdir_with_parents (store_dir, 0700), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", names[i], NULL);
      g_autofree char *data = NULL;
      g_autofree char *sha256 = NULL;
      g_autofree char *target = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (source, &data, &length, NULL));
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
      target = g_build_filename (store_dir, sha256, NULL);
      g_assert_true (g_file_set_contents (target, data, length, NULL));
    }
}

static gboolean
review_page_shown (SbWindow *window)
{
  GtkWidget *page = ui_test_find_widget (GTK_WIDGET (window), SB_TYPE_REVIEW_PAGE);

  return page != NULL && gtk_widget_get_mapped (page);
}

static void
test_path (gconstpointer data)
{
  const PathFixture *path = data;
  g_autofree char *file = g_strdup_printf ("%s.json", path->name);
  g_autofree char *fixture = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), path->form, file, NULL);
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autofree char *files = g_build_filename (drafts, "files", NULL);
  g_autofree char *screenshot = g_strdup_printf ("screenshot-path-%s-%s.png", path->form, path->name);
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(JsonObject) answers = read_object (fixture);
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), path->form, 0);
  GPtrArray *rules;
  SbWindow *window;
  SbWizard *wizard;
  guint presses = 0;

  g_assert_nonnull (definition);
  rules = sb_form_definition_get_rules (definition);

  /* The wizard judges a lease from the day of application, today (KJ-60:
   * 3 years from then); the fixtures date theirs from 2024, so the lease
   * runs four years from today here, as test-e2e-fill.py does. */
  if (json_object_has_member (answers, "lease_end_date"))
    {
      g_autofree char *until = sb_date_to_string (sb_date_add_years (sb_date_today (), 4));

      json_object_set_string_member (answers, "lease_end_date", until);
    }

  /* Whatever warnings today's date brings (the regulation's period)
   * get an explanation, as the applicant would write one. */
  draft = sb_draft_new (definition, "2026-01-05T08:00:00Z");
  sb_answers_set_json (sb_draft_get_answers (draft), answers);
  for (guint i = 0; i < rules->len; i++)
    {
      SbRule *rule = g_ptr_array_index (rules, i);

      if (rule->severity == SB_SEVERITY_WARNING)
        sb_draft_set_justification (draft, rule->id, "已向审批部门说明情况，请审核。");
    }
  g_assert_true (sb_draft_store_save (store, draft, &error));
  g_assert_no_error (error);
  copy_fixture_files (files);

  window = ui_test_open_window (application, 1100);
  sb_window_open_draft (window, draft);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  wizard = sb_window_get_wizard (window);
  g_assert_nonnull (wizard);

  /* Next, step by step, as the applicant goes; a step with a problem
   * keeps the applicant there with its error summary. */
  while (!review_page_shown (window))
    {
      g_assert_cmpuint (presses, <, 20);
      sb_wizard_next (wizard);
      ui_test_wait_for (GTK_WIDGET (window), 250);
      if (sb_wizard_shows_problems (wizard))
        {
          ui_test_save_screenshot (GTK_WIDGET (window), screenshot);
          g_error ("%s/%s: step %u shows problems", path->form, path->name, presses + 1);
        }
      presses++;
    }
  g_test_message ("%s/%s: the review page after %u steps", path->form, path->name, presses);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  ui_test_save_screenshot (GTK_WIDGET (window), screenshot);
  g_assert_true (sb_wizard_can_finish (wizard));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Every NAME.expected.json of every procedure's fixtures folder. */
static GPtrArray *
find_paths (void)
{
  const char *root = g_getenv ("SHENBAO_TEST_FIXTURES");
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GPtrArray *paths = g_ptr_array_new ();
  const char *form;

  while (dir != NULL && (form = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *folder = g_build_filename (root, form, NULL);
      g_autoptr(GDir) inner = g_dir_open (folder, 0, NULL);
      const char *file;

      while (inner != NULL && (file = g_dir_read_name (inner)) != NULL)
        if (g_str_has_suffix (file, ".expected.json"))
          g_ptr_array_add (names, g_strdup_printf ("%s/%.*s", form, (int) (strlen (file) - strlen (".expected.json")), file));
    }
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (names, i), "/", 2);
      PathFixture *path = g_new0 (PathFixture, 1);

      path->form = g_strdup (parts[0]);
      path->name = g_strdup (parts[1]);
      g_ptr_array_add (paths, path);
    }
  return paths;
}

int
main (int    argc,
      char **argv)
{
  GPtrArray *paths;

  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;

  /* Kept until the end: the test cases point into them. */
  paths = find_paths ();
  for (guint i = 0; i < paths->len; i++)
    {
      PathFixture *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_strdup_printf ("/ui/paths/%s/%s", path->form, path->name);

      g_test_add_data_func (name, path, test_path);
    }

  return g_test_run ();
}
