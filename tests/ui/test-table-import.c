/* test-table-import.c — a table's rows pasted from the clipboard (TSV and
 * HTML), copied, imported from files and exported
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-table-import"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "sb-application.h"
#include "sb-draft-store.h"
#include "sb-form-registry.h"
#include "sb-table-editor.h"
#include "sb-table-file.h"
#include "sb-table-import.h"
#include "sb-table-text.h"
#include "sb-table-import-page.h"
#include "sb-window.h"
#include "ui-test-util.h"

static SbApplication *application;

typedef struct {
  SbWindow          *window;
  SbTableEditor     *editor;
  SbTableImportPage *page;
  SbAnswers         *answers;
} Fixture;

/* Runs the main loop for @milliseconds. */
static void
spin (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The complete 科技类 application (25 people on its staff roster) in a
 * new window, at its staff table. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "kejipeixun", "complete.json", NULL);
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "kejipeixun", 0);
  SbWizard *wizard;
  GtkWidget *editor;

  fixture->window = ui_test_open_window (application, 1400);
  json_parser_load_from_file (parser, complete, &error);
  g_assert_no_error (error);
  draft = sb_draft_new (definition, "2026-01-05T08:00:00Z");
  sb_answers_set_json (sb_draft_get_answers (draft), json_node_get_object (json_parser_get_root (parser)));
  g_assert_true (sb_draft_store_save (store, draft, &error));
  sb_window_open_draft (fixture->window, draft);
  ui_test_wait_for (GTK_WIDGET (fixture->window), 500);
  wizard = sb_window_get_wizard (fixture->window);
  g_assert_nonnull (wizard);

  editor = sb_wizard_get_field_widget (wizard, "staff");
  g_assert_true (SB_IS_TABLE_EDITOR (editor));
  sb_wizard_show_field (wizard, "staff");
  ui_test_wait_for (GTK_WIDGET (fixture->window), 400);
  fixture->editor = SB_TABLE_EDITOR (editor);
  fixture->answers = sb_table_editor_get_answers (fixture->editor);
  fixture->page = SB_TABLE_IMPORT_PAGE (gtk_stack_get_child_by_name (
                    GTK_STACK (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (editor))), "import"));
  g_assert_nonnull (fixture->page);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  spin (100);
}

static void
screenshot (Fixture    *fixture,
            const char *name)
{
  gtk_widget_queue_draw (GTK_WIDGET (fixture->window));
  ui_test_wait_for (GTK_WIDGET (fixture->window), 300);
  ui_test_save_screenshot (GTK_WIDGET (fixture->window), name);
}

static guint
n_rows (Fixture *fixture)
{
  return sb_answers_get_row_count (fixture->answers, "staff");
}

/* Runs the main loop until @rows rows or the page's @state, with a bound
 * that only a hang reaches. */
static void
wait_for_rows (Fixture *fixture,
               guint    rows)
{
  for (guint i = 0; i < 2000 && n_rows (fixture) != rows; i++)
    spin (10);
  g_assert_cmpuint (n_rows (fixture), ==, rows);
}

static void
wait_for_state (Fixture    *fixture,
                const char *state)
{
  for (guint i = 0; i < 2000 && !g_str_equal (sb_table_import_page_get_state (fixture->page), state); i++)
    spin (10);
  g_assert_cmpstr (sb_table_import_page_get_state (fixture->page), ==, state);
}

static const char *
cell (Fixture    *fixture,
      guint       row,
      const char *column)
{
  JsonNode *table = sb_answers_get_field_json (fixture->answers, "staff");
  JsonObject *object = json_array_get_object_element (json_node_get_array (table), row);
  JsonNode *node = json_object_get_member (object, column);

  if (node == NULL)
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    return json_node_get_boolean (node) ? "true" : "false";
  return json_node_get_string (node);
}

static void
paste (Fixture *fixture)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "table-transfer.paste", NULL));
}

/* Cells selected in Excel or WPS: tab-separated, CRLF, a quoted cell with
 * a line break, no header row; pasted with no cell focused, they are new
 * rows after the last. */
static void
test_paste_tsv (Fixture       *fixture,
                gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->editor));

  gdk_clipboard_set_text (clipboard,
                          "刘洋\t140302199106061057\t教学\t兼职\t2024/1/2\t2026年12月31日\t大学本科\t教师资格证\t\"小学教师资格\r\n阳泉市教育局\"\t少儿编程\t否\t否\t是\t是\r\n"
                          "陈静\t14030219920707106X\t教研\t专职\t2024-03-01\t2027-02-28\t研究生\t无\t\t\t否\t否\t√\t×\r\n");
  paste (fixture);
  wait_for_rows (fixture, 27);
  g_assert_cmpstr (cell (fixture, 25, "name"), ==, "刘洋");
  g_assert_cmpstr (cell (fixture, 25, "contract_start"), ==, "2024-01-02");
  g_assert_cmpstr (cell (fixture, 25, "contract_end"), ==, "2026-12-31");
  g_assert_cmpstr (cell (fixture, 25, "qualification_desc"), ==, "小学教师资格\n阳泉市教育局");
  g_assert_cmpstr (cell (fixture, 26, "crime_check_done"), ==, "true");
  g_assert_cmpstr (cell (fixture, 26, "first_hire"), ==, "false");
  screenshot (fixture, "screenshot-table-paste.png");
}

/* A spreadsheet that offers only text/html (LibreOffice's HTML table,
 * with a header row): the columns are matched by the header. */
static void
test_paste_html (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *html = "<html><body><table><tr><th>学历</th><th>姓名</th><th>岗位类别</th></tr>"
                     "<tr><td>研究生</td><td>孙<b>磊</b></td><td>管理</td></tr>"
                     "<tr><td>大学专科</td><td>吴&amp;敏</td><td>其他</td></tr></table></body></html>";
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->editor));
  g_autoptr(GBytes) bytes = g_bytes_new_static (html, strlen (html));
  g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_for_bytes ("text/html", bytes);
  GdkContentFormats *formats;

  gdk_clipboard_set_content (clipboard, provider);
  formats = gdk_clipboard_get_formats (clipboard);
  g_assert_false (gdk_content_formats_contain_gtype (formats, G_TYPE_STRING));
  paste (fixture);
  wait_for_rows (fixture, 27);
  g_assert_cmpstr (cell (fixture, 25, "name"), ==, "孙磊");
  g_assert_cmpstr (cell (fixture, 25, "education"), ==, "研究生");
  g_assert_cmpstr (cell (fixture, 26, "name"), ==, "吴&敏");
  g_assert_cmpstr (cell (fixture, 26, "role"), ==, "其他");
}

/* Pasting onto a focused cell fills from there, over the existing rows
 * (their other cells kept) and then new ones; a problem cell stops at the
 * report, and "import all" keeps it as typed. */
static void
test_paste_over_rows (Fixture       *fixture,
                      gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->editor));
  g_autoptr(GArray) selection = g_array_new (FALSE, FALSE, sizeof (guint));
  guint last = 24, row;
  const char *column = NULL;
  g_autofree char *name = g_strdup (cell (fixture, 24, "name"));
  g_autofree char *education = g_strdup (cell (fixture, 24, "education"));

  g_array_append_val (selection, last);
  sb_table_editor_select_rows (fixture->editor, selection);
  spin (50);
  g_assert_true (sb_table_editor_get_focused_cell (fixture->editor, &row, &column));
  g_assert_cmpuint (row, ==, 24);

  /* From the first column, five columns wide: two rows, the second new,
   * one bad date. */
  gdk_clipboard_set_text (clipboard, "赵六\t140302199308081072\t教研\t兼职\t2024-01-01\r\n"
                                     "钱七\t140302199409091085\t教学\t专职\t明年\r\n");
  paste (fixture);
  wait_for_state (fixture, "report");
  screenshot (fixture, "screenshot-table-paste-report.png");
  g_assert_cmpuint (n_rows (fixture), ==, 25);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "table-import.apply", "b", FALSE));
  wait_for_rows (fixture, 26);
  g_assert_cmpstr (sb_table_import_page_get_state (fixture->page), ==, "");
  g_assert_cmpstr (cell (fixture, 24, "name"), ==, "赵六");
  g_assert_cmpstr (cell (fixture, 24, "role"), ==, "教研");
  g_assert_cmpstr (cell (fixture, 24, "education"), ==, education);  /* kept from the row pasted over */
  g_assert_cmpstr (cell (fixture, 25, "education"), ==, NULL);
  g_assert_cmpstr (cell (fixture, 25, "name"), ==, "钱七");
  g_assert_cmpstr (cell (fixture, 25, "contract_start"), ==, "明年");
  g_assert_cmpstr (name, !=, "赵六");
}

/* A press on a grid cell, as the pointer gives it: the cell's click
 * gesture says where the person is. */
static void
press_cell (GtkWidget *label)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (label);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_CLICK (controller))
        {
          g_signal_emit_by_name (controller, "pressed", 1, 2.0, 2.0);
          return;
        }
    }
  g_assert_not_reached ();
}

/* Pasting onto a cell in the middle of a row fills from that cell's
 * column: the cells before it (the name) stay as they were. */
static void
test_paste_at_cell (Fixture       *fixture,
                    gconstpointer  data)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (GTK_WIDGET (fixture->editor));
  g_autofree char *first_name = g_strdup (cell (fixture, 0, "name"));
  g_autofree char *second_name = g_strdup (cell (fixture, 1, "name"));
  g_autofree char *second_id = g_strdup (cell (fixture, 1, "id_no"));
  GtkWidget *id_cell = ui_test_find_label (GTK_WIDGET (fixture->editor), cell (fixture, 1, "id_no"));
  guint row;
  const char *column = NULL;

  g_assert_nonnull (id_cell);
  press_cell (id_cell);
  g_assert_true (sb_table_editor_get_focused_cell (fixture->editor, &row, &column));
  g_assert_cmpuint (row, ==, 1);
  g_assert_cmpstr (column, ==, "id_no");

  /* Three columns from WPS: ID number, post, employment; two rows. */
  gdk_clipboard_set_text (clipboard, "140302199308081072\t教研\t兼职\r\n"
                                     "140302199409091085\t教学\t专职\r\n");
  paste (fixture);
  for (guint i = 0; i < 2000 && g_strcmp0 (cell (fixture, 1, "id_no"), second_id) == 0; i++)
    spin (10);
  g_assert_cmpuint (n_rows (fixture), ==, 25);
  g_assert_cmpstr (cell (fixture, 1, "id_no"), ==, "140302199308081072");
  g_assert_cmpstr (cell (fixture, 1, "role"), ==, "教研");
  g_assert_cmpstr (cell (fixture, 1, "employment"), ==, "兼职");
  g_assert_cmpstr (cell (fixture, 1, "name"), ==, second_name);
  g_assert_cmpstr (cell (fixture, 2, "id_no"), ==, "140302199409091085");
  g_assert_cmpstr (cell (fixture, 2, "role"), ==, "教学");
  g_assert_cmpstr (cell (fixture, 2, "employment"), ==, "专职");
  g_assert_cmpstr (cell (fixture, 0, "name"), ==, first_name);
}

static void
on_text_read (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  char **text = data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* Ctrl+C copies the selected rows as TSV with a header row, which a
 * paste reads back. */
static void
test_copy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GArray) selection = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *text = NULL;
  guint rows[] = { 1, 3 };

  g_array_append_vals (selection, rows, 2);
  sb_table_editor_select_rows (fixture->editor, selection);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->editor), "table-transfer.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (GTK_WIDGET (fixture->editor)), NULL, on_text_read, &text);
  for (guint i = 0; i < 500 && text == NULL; i++)
    spin (10);
  g_assert_nonnull (text);
  g_assert_true (g_str_has_prefix (text, "姓名\t身份证件号码\t岗位类别\t"));
  g_assert_nonnull (strstr (text, "\r\n王丽华\t140302199002021018\t"));
  g_assert_cmpuint (g_strv_length (g_strsplit (text, "\r\n", -1)), ==, 4);

  /* What a spreadsheet pastes back reads as the same two rows. */
  {
    g_autoptr(SbTableGrid) grid = sb_table_text_read (text, strlen (text), '\0', NULL);
    g_autoptr(SbTableImport) import = sb_table_import_new (sb_table_editor_get_field (fixture->editor), grid, 0);

    g_assert_cmpint (sb_table_import_get_header_row (import), ==, 0);
    g_assert_cmpuint (sb_table_import_get_n_clean_rows (import), ==, 2);
  }
}

/* A LibreOffice XLSX with a problem row: the report, then only the clean
 * rows, in one step. */
static void
test_import_file (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "tables", "staff-libreoffice.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  sb_table_import_page_import_file (fixture->page, file);
  wait_for_state (fixture, "report");
  spin (100);
  screenshot (fixture, "screenshot-table-import-report.png");
  g_assert_cmpuint (n_rows (fixture), ==, 25);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "table-import.apply", "b", TRUE));
  wait_for_rows (fixture, 4);
  g_assert_cmpstr (cell (fixture, 3, "name"), ==, "周🙂");
}

/* A file whose headers name no column: the mapping first. */
static void
test_import_mapping (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *directory = g_dir_make_tmp ("test-table-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "roster.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GtkCheckButton *check;

  g_file_set_contents (path, "员工,证件\r\n甲,140302199001011002\r\n乙,140302199002021018\r\n", -1, &error);
  g_assert_no_error (error);
  sb_table_import_page_import_file (fixture->page, file);
  wait_for_state (fixture, "mapping");
  spin (100);
  screenshot (fixture, "screenshot-table-import-mapping.png");
  /* Cancel leaves the table as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "table-import.continue", NULL));
  wait_for_state (fixture, "report");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "table-import.cancel", NULL));
  wait_for_state (fixture, "");
  g_assert_cmpuint (n_rows (fixture), ==, 25);

  /* Again, saying the first row is a header: the columns in the table's
   * order, two rows. */
  sb_table_import_page_import_file (fixture->page, file);
  wait_for_state (fixture, "mapping");
  check = GTK_CHECK_BUTTON (ui_test_find_widget (GTK_WIDGET (fixture->page), GTK_TYPE_CHECK_BUTTON));
  g_assert_false (gtk_check_button_get_active (check));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "table-import.continue", NULL));
  wait_for_state (fixture, "report");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->page), "table-import.apply", "b", FALSE));
  wait_for_rows (fixture, 2);
  g_assert_cmpstr (cell (fixture, 0, "name"), ==, "甲");
  g_assert_cmpstr (cell (fixture, 1, "id_no"), ==, "140302199002021018");
  g_unlink (path);
  g_rmdir (directory);
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autofree char *directory = g_dir_make_tmp ("test-table-import-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (directory, "staff.xlsx", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(SbTableGrid) grid = NULL;
  g_autoptr(GError) error = NULL;

  sb_table_import_page_export_file (fixture->page, file, FALSE);
  for (guint i = 0; i < 2000 && !g_file_test (path, G_FILE_TEST_EXISTS); i++)
    spin (10);
  spin (50);
  grid = sb_table_read_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (grid->rows->len, ==, 26);
  g_assert_cmpstr (sb_table_grid_get (grid, 1, 0), ==, "张晓明");
  g_unlink (path);
  g_rmdir (directory);
}

int
main (int    argc,
      char **argv)
{
  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;

  g_test_add ("/ui/table-import/paste-tsv", Fixture, NULL, fixture_set_up, test_paste_tsv, fixture_tear_down);
  g_test_add ("/ui/table-import/paste-html", Fixture, NULL, fixture_set_up, test_paste_html, fixture_tear_down);
  g_test_add ("/ui/table-import/paste-over-rows", Fixture, NULL, fixture_set_up, test_paste_over_rows, fixture_tear_down);
  g_test_add ("/ui/table-import/paste-at-cell", Fixture, NULL, fixture_set_up, test_paste_at_cell, fixture_tear_down);
  g_test_add ("/ui/table-import/copy", Fixture, NULL, fixture_set_up, test_copy, fixture_tear_down);
  g_test_add ("/ui/table-import/import-file", Fixture, NULL, fixture_set_up, test_import_file, fixture_tear_down);
  g_test_add ("/ui/table-import/import-mapping", Fixture, NULL, fixture_set_up, test_import_mapping, fixture_tear_down);
  g_test_add ("/ui/table-import/export", Fixture, NULL, fixture_set_up, test_export, fixture_tear_down);

  return g_test_run ();
}
