/* test-table.c — a table question: its grid and the editor of a row
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-table"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-application.h"
#include "sb-draft-store.h"
#include "sb-field-format.h"
#include "sb-field-row.h"
#include "sb-form-registry.h"
#include "sb-json-reader.h"
#include "sb-row-editor.h"
#include "sb-table-editor.h"
#include "sb-table-row-item.h"
#include "sb-window.h"
#include "ui-test-util.h"

/* One application for all tests, as in a real session. */
static SbApplication *application;

/* The complete 科技类 application (25 people on its staff roster),
 * opened as a draft in @window. */
static SbWizard *
open_draft (SbWindow   *window,
            const char *form_id)
{
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), form_id, "complete.json", NULL);
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), form_id, 0);

  json_parser_load_from_file (parser, complete, &error);
  g_assert_no_error (error);
  draft = sb_draft_new (definition, "2026-01-05T08:00:00Z");
  sb_answers_set_json (sb_draft_get_answers (draft), json_node_get_object (json_parser_get_root (parser)));
  g_assert_true (sb_draft_store_save (store, draft, &error));
  g_assert_no_error (error);

  sb_window_open_draft (window, draft);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_nonnull (sb_window_get_wizard (window));
  return sb_window_get_wizard (window);
}

static SbTableEditor *
show_table (SbWindow   *window,
            SbWizard   *wizard,
            const char *table)
{
  GtkWidget *editor = sb_wizard_get_field_widget (wizard, table);

  g_assert_true (SB_IS_TABLE_EDITOR (editor));
  sb_wizard_show_field (wizard, table);
  ui_test_wait_for (GTK_WIDGET (window), 400);
  return SB_TABLE_EDITOR (editor);
}

static SbFieldRow *
find_cell (GtkWidget  *widget,
           const char *column)
{
  if (SB_IS_FIELD_ROW (widget) && g_str_equal (sb_field_row_get_field (SB_FIELD_ROW (widget))->id, column))
    return SB_FIELD_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      SbFieldRow *found = find_cell (child, column);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_with_class (GtkWidget  *widget,
                 const char *css_class)
{
  if (gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
collect_with_class (GtkWidget  *widget,
                    const char *css_class,
                    GPtrArray  *found)
{
  if (gtk_widget_has_css_class (widget, css_class) && gtk_widget_get_mapped (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_with_class (child, css_class, found);
}

/* A label under @widget whose text is @text, or NULL. */
static GtkWidget *
find_label (GtkWidget  *widget,
            const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
stored_text (SbTableEditor *editor,
             guint          row,
             const char    *column)
{
  JsonNode *rows = sb_answers_get_field_json (sb_table_editor_get_answers (editor), sb_table_editor_get_field (editor)->id);
  JsonObject *object;

  g_assert_nonnull (rows);
  g_assert_cmpuint (row, <, json_array_get_length (json_node_get_array (rows)));
  object = json_array_get_object_element (json_node_get_array (rows), row);
  return json_object_get_string_member_with_default (object, column, NULL);
}

static guint
row_count (SbTableEditor *editor)
{
  return sb_answers_get_row_count (sb_table_editor_get_answers (editor), sb_table_editor_get_field (editor)->id);
}

static void
type_into (SbFieldRow *cell,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (sb_field_row_get_input (cell)), text);
}

/* The row numbers (stored order) in the order the grid shows them. */
static GArray *
shown_rows (SbTableEditor *editor)
{
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_COLUMN_VIEW);
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)));
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint p = 0; p < g_list_model_get_n_items (model); p++)
    {
      g_autoptr(SbTableRowItem) item = g_list_model_get_item (model, p);
      guint row = sb_table_row_item_get_index (item);

      g_array_append_val (rows, row);
    }
  return rows;
}

/* Add Row opens an editor inside the main window and adds nothing until
 * Done; nothing is red before it is typed; Cancel adds nothing; Done on a
 * row with errors shows them and stays, a second Done keeps the row; the
 * keyboard focus comes back to the row in the table. */
static void
test_add_row (void)
{
  SbWindow *window = ui_test_open_window (application, 1400);
  SbWizard *wizard = open_draft (window, "kejipeixun");
  SbTableEditor *editor = show_table (window, wizard, "staff");
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_COLUMN_VIEW);
  guint before = row_count (editor);
  SbRowEditor *row_editor;
  SbFieldRow *name, *id_no;
  GtkWidget *focus;

  g_assert_cmpuint (before, ==, 25);
  sb_table_editor_add_row (editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = sb_table_editor_get_row_editor (editor);
  g_assert_nonnull (row_editor);
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (row_editor)) == GTK_ROOT (window));
  g_assert_cmpint (sb_row_editor_get_row (row_editor), ==, -1);
  g_assert_cmpstr (sb_row_editor_get_title (row_editor), ==, "从业人员名册（全部从业人员） · 第 26 行");
  g_assert_cmpuint (row_count (editor), ==, before);
  /* The grid gives way to the row, in the same place. */
  g_assert_false (gtk_widget_get_mapped (view));

  /* Nothing is red before anything is typed, nor while typing. */
  name = find_cell (GTK_WIDGET (row_editor), "name");
  id_no = find_cell (GTK_WIDGET (row_editor), "id_no");
  g_assert_nonnull (name);
  g_assert_nonnull (id_no);
  g_assert_null (sb_field_row_get_accessible_description (name));
  g_assert_null (sb_field_row_get_accessible_description (id_no));
  type_into (id_no, "1403021990010110");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_null (sb_field_row_get_accessible_description (id_no));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-row-editor-new.png");

  /* A required question left empty is said once left, not the others;
   * typed, the message goes as it is typed. */
  g_signal_emit_by_name (name, "left");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_nonnull (sb_field_row_get_accessible_description (name));
  g_test_message ("after leaving: %s", sb_field_row_get_accessible_description (name));
  g_assert_null (sb_field_row_get_accessible_description (find_cell (GTK_WIDGET (row_editor), "role")));
  type_into (name, "孙悦");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_null (sb_field_row_get_accessible_description (name));

  /* Cancel: nothing added, the grid back. */
  sb_row_editor_cancel (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (sb_table_editor_get_row_editor (editor));
  g_assert_cmpuint (row_count (editor), ==, before);
  g_assert_true (gtk_widget_get_mapped (view));

  /* Escape in a question cancels the row, as the Cancel button does. */
  sb_table_editor_add_row (editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = sb_table_editor_get_row_editor (editor);
  type_into (find_cell (GTK_WIDGET (row_editor), "name"), "丢弃的人");
  g_assert_true (gtk_widget_activate_action (sb_field_row_get_input (find_cell (GTK_WIDGET (row_editor), "name")),
                                             "row-editor.cancel", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (sb_table_editor_get_row_editor (editor));
  g_assert_cmpuint (row_count (editor), ==, before);

  /* Done with required questions left: shown, and the row stays open. */
  sb_table_editor_add_row (editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = sb_table_editor_get_row_editor (editor);
  name = find_cell (GTK_WIDGET (row_editor), "name");
  type_into (name, "孙悦");
  sb_row_editor_done (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_true (sb_table_editor_get_row_editor (editor) == row_editor);
  g_assert_cmpuint (row_count (editor), ==, before);
  g_assert_nonnull (sb_field_row_get_accessible_description (find_cell (GTK_WIDGET (row_editor), "role")));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-row-editor-done-with-problems.png");

  /* Done again: the row is kept as typed, last, and has the focus. */
  sb_row_editor_done (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_null (sb_table_editor_get_row_editor (editor));
  g_assert_cmpuint (row_count (editor), ==, before + 1);
  g_assert_cmpstr (stored_text (editor, before, "name"), ==, "孙悦");
  {
    g_autoptr(GArray) selected = sb_table_editor_get_selected_rows (editor);
    guint row = 0;
    const char *column = NULL;

    g_assert_cmpuint (selected->len, ==, 1);
    g_assert_cmpuint (g_array_index (selected, guint, 0), ==, before);
    g_assert_true (sb_table_editor_get_focused_cell (editor, &row, &column));
    g_assert_cmpuint (row, ==, before);
    g_assert_cmpstr (column, ==, "name");
  }
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, view));

  /* Its problems are beside it: under the table, with its number. */
  {
    g_autofree char *expected = g_strdup_printf ("第 %u 行", before + 1);
    const char *description = sb_table_editor_get_accessible_description (editor);

    g_assert_nonnull (description);
    g_test_message ("under the table: %s", description);
    g_assert_nonnull (strstr (description, expected));
  }
  /* …and not again in the step's summary, which says once how many. */
  {
    g_autoptr(GPtrArray) links = g_ptr_array_new ();
    guint about_table = 0;

    ui_test_wait_for (GTK_WIDGET (window), 200);
    collect_with_class (GTK_WIDGET (window), "summary-link", links);
    for (guint i = 0; i < links->len; i++)
      {
        const char *text = gtk_button_get_label (GTK_BUTTON (g_ptr_array_index (links, i)));

        g_test_message ("summary: %s", text);
        g_assert_null (strstr (text, "第 26 行"));
        about_table += g_str_has_prefix (text, "从业人员名册（全部从业人员）：其中各行有 ");
      }
    g_assert_cmpuint (about_table, ==, 1);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Edit then Cancel gives the row back as it was; Edit then Done keeps it. */
static void
test_edit_row (void)
{
  SbWindow *window = ui_test_open_window (application, 1400);
  SbWizard *wizard = open_draft (window, "kejipeixun");
  SbTableEditor *editor = show_table (window, wizard, "staff");
  g_autofree char *original = g_strdup (stored_text (editor, 2, "name"));
  SbRowEditor *row_editor;
  SbFieldRow *name;

  sb_table_editor_edit_row (editor, 2);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = sb_table_editor_get_row_editor (editor);
  g_assert_nonnull (row_editor);
  g_assert_cmpint (sb_row_editor_get_row (row_editor), ==, 2);
  name = find_cell (GTK_WIDGET (row_editor), "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sb_field_row_get_input (name))), ==, original);
  /* A long answer wraps in its question rather than widening the page. */
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-row-editor.png");

  type_into (name, "改过的名字");
  g_signal_emit_by_name (name, "left");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_cmpstr (stored_text (editor, 2, "name"), ==, original);
  sb_row_editor_cancel (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_cmpstr (stored_text (editor, 2, "name"), ==, original);

  sb_table_editor_edit_row (editor, 2);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = sb_table_editor_get_row_editor (editor);
  name = find_cell (GTK_WIDGET (row_editor), "name");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (sb_field_row_get_input (name))), ==, original);
  type_into (name, "王丽");
  sb_row_editor_done (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (sb_table_editor_get_row_editor (editor));
  g_assert_cmpstr (stored_text (editor, 2, "name"), ==, "王丽");
  g_assert_cmpuint (row_count (editor), ==, 25);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Sorting by a column changes what is shown only; the search box filters
 * the rows; the selection is given in stored order. */
static void
test_sort_and_search (void)
{
  SbWindow *window = ui_test_open_window (application, 1400);
  SbWizard *wizard = open_draft (window, "kejipeixun");
  SbTableEditor *editor = show_table (window, wizard, "staff");
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_COLUMN_VIEW);
  GtkWidget *search = ui_test_find_widget (GTK_WIDGET (editor), GTK_TYPE_SEARCH_ENTRY);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  g_autoptr(GtkColumnViewColumn) id_column = NULL;
  g_autofree char *first_name = g_strdup (stored_text (editor, 0, "name"));
  g_autofree char *last_id = g_strdup (stored_text (editor, 24, "id_no"));
  g_autoptr(GArray) order = NULL;
  gint64 end;

  /* "#", then the columns in order: 姓名, 身份证件号码… */
  id_column = g_list_model_get_item (columns, 2);
  g_assert_cmpstr (gtk_column_view_column_get_title (id_column), ==, "身份证件号码");
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), id_column, GTK_SORT_DESCENDING);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  order = shown_rows (editor);
  g_assert_cmpuint (order->len, ==, 25);
  for (guint p = 1; p < order->len; p++)
    g_assert_cmpint (strcmp (stored_text (editor, g_array_index (order, guint, p - 1), "id_no"),
                             stored_text (editor, g_array_index (order, guint, p), "id_no")), >=, 0);
  g_test_message ("sorted by ID number, descending: row %u first", g_array_index (order, guint, 0) + 1);
  g_assert_cmpuint (g_array_index (order, guint, 0), !=, 0);
  /* The answers keep the applicant's order. */
  g_assert_cmpstr (stored_text (editor, 0, "name"), ==, first_name);
  g_assert_cmpstr (stored_text (editor, 24, "id_no"), ==, last_id);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-table-sorted.png");

  /* The first two shown, as row numbers in stored order, ascending. */
  gtk_selection_model_select_range (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)), 0, 2, TRUE);
  {
    g_autoptr(GArray) selected = sb_table_editor_get_selected_rows (editor);
    guint a = MIN (g_array_index (order, guint, 0), g_array_index (order, guint, 1));
    guint b = MAX (g_array_index (order, guint, 0), g_array_index (order, guint, 1));

    g_assert_cmpuint (selected->len, ==, 2);
    g_assert_cmpuint (g_array_index (selected, guint, 0), ==, a);
    g_assert_cmpuint (g_array_index (selected, guint, 1), ==, b);
  }
  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), NULL, GTK_SORT_ASCENDING);

  /* A search for a name finds its row, and says how many of all. */
  gtk_editable_set_text (GTK_EDITABLE (search), first_name);
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)))) == 25 &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  {
    g_autoptr(GArray) found = shown_rows (editor);

    g_assert_cmpuint (found->len, >=, 1);
    g_assert_cmpuint (g_array_index (found, guint, 0), ==, 0);
  }
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "显示 1 行（共 25 行）"));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-table-search.png");

  /* Nothing found: said so. */
  gtk_editable_set_text (GTK_EDITABLE (search), "没有这个人");
  end = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (view)))) > 0 &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  ui_test_wait_for (GTK_WIDGET (window), 100);
  g_assert_nonnull (find_label (GTK_WIDGET (editor), "没有符合搜索条件的行。"));
  gtk_editable_set_text (GTK_EDITABLE (search), "");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Columns say their unit once, in the header; cells give the number; the
 * columns marked "total" are summed under the table; names and ID
 * numbers are never cut short. */
static void
test_units_totals_and_widths (void)
{
  SbWindow *window = ui_test_open_window (application, 1400);
  SbWizard *wizard = open_draft (window, "kejipeixun");
  SbTableEditor *rooms = show_table (window, wizard, "rooms");
  GtkWidget *view = ui_test_find_widget (GTK_WIDGET (rooms), GTK_TYPE_COLUMN_VIEW);
  GListModel *columns = gtk_column_view_get_columns (GTK_COLUMN_VIEW (view));
  GtkWidget *totals = find_with_class (GTK_WIDGET (rooms), "table-totals");
  g_autoptr(GtkColumnViewColumn) area = g_list_model_get_item (columns, 6);
  SbTableEditor *staff;

  g_assert_cmpstr (gtk_column_view_column_get_title (area), ==, "面积（m²）");
  g_assert_nonnull (totals);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (totals)), ==, "面积合计 440.00 m² · 最大容纳学员数合计 135 人");
  g_assert_nonnull (find_label (GTK_WIDGET (rooms), "42.00"));
  g_assert_null (find_label (GTK_WIDGET (rooms), "42.00 m²"));

  /* A total follows the rows. */
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
    JsonObject *room = json_object_new ();

    json_object_set_string_member (room, "name", "302");
    json_object_set_string_member (room, "area", "20.5");
    json_object_set_int_member (room, "capacity", 10);
    g_ptr_array_add (rows, room);
    sb_table_editor_replace_rows (rooms, 12, 0, rows);
    ui_test_wait_for (GTK_WIDGET (window), 200);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (totals)), ==, "面积合计 460.50 m² · 最大容纳学员数合计 145 人");
  }

  /* While the search hides rows, the totals are the shown rows', as a
   * spreadsheet's filtered total row; the whole table's stay below. */
  {
    GtkWidget *search = ui_test_find_widget (GTK_WIDGET (rooms), GTK_TYPE_SEARCH_ENTRY);

    gtk_editable_set_text (GTK_EDITABLE (search), "办公室");
    ui_test_wait_for (GTK_WIDGET (window), 300);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (totals)), ==,
                     "筛选结果合计：面积 55.00 m² · 最大容纳学员数 0 人\n"
                     "全部 13 行合计：面积 460.50 m² · 最大容纳学员数 145 人");
    sb_wizard_show_field (wizard, "rooms");
    ui_test_wait_for (GTK_WIDGET (window), 400);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-table-search-totals.png");
    gtk_editable_set_text (GTK_EDITABLE (search), "");
    ui_test_wait_for (GTK_WIDGET (window), 300);
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (totals)), ==, "面积合计 460.50 m² · 最大容纳学员数合计 145 人");
  }

  staff = show_table (window, wizard, "staff");
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-table-wide.png");
  /* The whole ID number shows, at the window's width. */
  {
    const char *id = stored_text (staff, 0, "id_no");
    GtkWidget *cell = find_label (GTK_WIDGET (staff), id);

    g_assert_nonnull (cell);
    g_assert_cmpint (gtk_label_get_ellipsize (GTK_LABEL (cell)), ==, PANGO_ELLIPSIZE_NONE);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (cell))));
    g_assert_nonnull (find_label (GTK_WIDGET (staff), stored_text (staff, 0, "name")));
    g_test_message ("the staff table is %d px wide in a %d px window", gtk_widget_get_width (GTK_WIDGET (staff)),
                    gtk_widget_get_width (GTK_WIDGET (window)));
    /* Wider than the 760 px a step of questions reads at. */
    g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (staff)), >, 900);
  }

  /* Narrow: the grid scrolls sideways, the ID number still whole. */
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 800);
  ui_test_wait_for (GTK_WIDGET (window), 800);
  sb_wizard_show_field (wizard, "staff");
  ui_test_wait_for (GTK_WIDGET (window), 500);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-table-narrow.png");
  {
    GtkWidget *cell = find_label (GTK_WIDGET (staff), stored_text (staff, 0, "id_no"));

    g_assert_nonnull (cell);
    g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (cell))));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_rows_replaced (SbTableEditor *editor,
                  const char    *message,
                  JsonNode      *previous,
                  gpointer       user_data)
{
  char **last = user_data;

  g_free (*last);
  *last = g_strdup (message);
  g_assert_nonnull (previous);
  g_assert_true (JSON_NODE_HOLDS_ARRAY (previous));
}

/* The hooks for paste and import: rows replaced in one step, given back
 * in one, whatever the display's sorting. */
/* A row open in the editor is never lost: leaving the step keeps it as
 * typed; an untouched new row adds nothing; saving keeps an open row too. */
static void
test_open_row_kept (void)
{
  SbWindow *window = ui_test_open_window (application, 1400);
  SbWizard *wizard = open_draft (window, "kejipeixun");
  SbTableEditor *editor = show_table (window, wizard, "staff");
  guint before = row_count (editor);
  g_autoptr(GError) error = NULL;
  SbRowEditor *row_editor;

  /* A new row, typed into, then Next instead of Done. */
  sb_table_editor_add_row (editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = sb_table_editor_get_row_editor (editor);
  g_assert_nonnull (row_editor);
  type_into (find_cell (GTK_WIDGET (row_editor), "name"), "未点完成的人");
  ui_test_wait_for (GTK_WIDGET (window), 100);
  sb_wizard_next (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (sb_table_editor_get_row_editor (editor));
  g_assert_cmpuint (row_count (editor), ==, before + 1);
  g_assert_cmpstr (stored_text (editor, before, "name"), ==, "未点完成的人");

  /* A new row nothing was typed into is not a row. */
  editor = show_table (window, wizard, "staff");
  sb_table_editor_add_row (editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_nonnull (sb_table_editor_get_row_editor (editor));
  sb_wizard_next (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_cmpuint (row_count (editor), ==, before + 1);

  /* An edited row, then the window saves (as closing does). */
  editor = show_table (window, wizard, "staff");
  sb_table_editor_edit_row (editor, 0);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = sb_table_editor_get_row_editor (editor);
  g_assert_nonnull (row_editor);
  type_into (find_cell (GTK_WIDGET (row_editor), "name"), "改了名字");
  ui_test_wait_for (GTK_WIDGET (window), 100);
  g_assert_true (sb_wizard_save_now (wizard, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (stored_text (editor, 0, "name"), ==, "改了名字");
  g_assert_null (sb_table_editor_get_row_editor (editor));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_replace_rows (void)
{
  SbWindow *window = ui_test_open_window (application, 1400);
  SbWizard *wizard = open_draft (window, "kejipeixun");
  SbTableEditor *editor = show_table (window, wizard, "staff");
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  g_autofree char *message = NULL;
  g_autofree char *second = g_strdup (stored_text (editor, 1, "name"));
  JsonNode *before = sb_answers_get_field_json (sb_table_editor_get_answers (editor), "staff");
  g_autoptr(JsonNode) kept = sb_json_deep_copy (before);
  g_autofree char *kept_text = json_to_string (kept, FALSE);

  g_assert_nonnull (sb_table_editor_get_action_box (editor));
  g_assert_true (GTK_IS_BOX (sb_table_editor_get_action_box (editor)));
  g_signal_connect (editor, "rows-replaced", G_CALLBACK (on_rows_replaced), &message);

  for (guint i = 0; i < 3; i++)
    {
      JsonObject *row = json_object_new ();
      g_autofree char *name = g_strdup_printf ("新人%u", i + 1);

      json_object_set_string_member (row, "name", name);
      g_ptr_array_add (rows, row);
    }
  /* Over the last two rows, then one more. */
  sb_table_editor_replace_rows (editor, 23, 2, rows);
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_cmpstr (message, ==, "已替换 3 行");
  g_assert_cmpuint (row_count (editor), ==, 26);
  g_assert_cmpstr (stored_text (editor, 23, "name"), ==, "新人1");
  g_assert_cmpstr (stored_text (editor, 25, "name"), ==, "新人3");
  g_assert_cmpstr (stored_text (editor, 1, "name"), ==, second);
  {
    g_autoptr(GArray) selected = sb_table_editor_get_selected_rows (editor);

    g_assert_cmpuint (selected->len, ==, 3);
    g_assert_cmpuint (g_array_index (selected, guint, 0), ==, 23);
  }

  /* Appended at the end. */
  sb_table_editor_replace_rows (editor, 1000, 0, rows);
  g_assert_cmpstr (message, ==, "已添加 3 行");
  g_assert_cmpuint (row_count (editor), ==, 29);

  /* The Undo gives back the table as it was before the first step… */
  {
    g_autoptr(JsonNode) previous = NULL;
    g_autoptr(JsonArray) empty = json_array_new ();
    g_autofree char *restored = NULL;

    sb_table_editor_restore_rows (editor, kept);
    restored = json_to_string (sb_answers_get_field_json (sb_table_editor_get_answers (editor), "staff"), FALSE);
    g_assert_cmpstr (restored, ==, kept_text);
    g_assert_cmpuint (row_count (editor), ==, 25);

    /* …and set_rows replaces them all. */
    sb_table_editor_set_rows (editor, rows);
    g_assert_cmpstr (message, ==, "已替换 25 行");
    g_assert_cmpuint (row_count (editor), ==, 3);
    previous = json_node_init_array (json_node_alloc (), empty);
    sb_table_editor_restore_rows (editor, previous);
    g_assert_cmpuint (row_count (editor), ==, 0);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;

  g_test_add_func ("/ui/table/add-row", test_add_row);
  g_test_add_func ("/ui/table/edit-row", test_edit_row);
  g_test_add_func ("/ui/table/sort-and-search", test_sort_and_search);
  g_test_add_func ("/ui/table/units-totals-and-widths", test_units_totals_and_widths);
  g_test_add_func ("/ui/table/replace-rows", test_replace_rows);
  g_test_add_func ("/ui/table/open-row-kept", test_open_row_kept);

  return g_test_run ();
}
