/* test-fields.c — the questions of a form as a person meets them, under a
 * real display: what a screen reader hears about a problem, attachments
 * previewed and opened, files dropped in a table row's window, and what
 * people type (Chinese in number fields, full-width digits, units, dates
 * as written on paper, emoji, bidi controls, long and garbage pastes)
 * into every typed field of every procedure and into table cells.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <poppler.h>
#include <stdio.h>
#include <string.h>

#include "sb-application.h"
#include "sb-attachment-preview.h"
#include "sb-canonical-json.h"
#include "sb-draft-store.h"
#include "sb-field-format.h"
#include "sb-field-row.h"
#include "sb-form-registry.h"
#include "sb-input-normalize.h"
#include "sb-row-editor.h"
#include "sb-table-editor.h"
#include "sb-window.h"
#include "ui-test-util.h"

/* One application for all tests, as in a real session. */
static SbApplication *application;

static char *
store_dir (void)
{
  return g_build_filename (g_get_user_data_dir (), APP_ID, "drafts", "files", NULL);
}

/* Copies a fixture file into the file store, as attaching it would. */
static char *
store_fixture_file (const char *name)
{
  g_autofree char *source = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", name, NULL);
  g_autofree char *dir = store_dir ();
  g_autofree char *data = NULL;
  g_autofree char *target = NULL;
  char *sha256;
  gsize length;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (source, &data, &length, NULL));
  sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
  target = g_build_filename (dir, sha256, NULL);
  g_assert_true (g_file_set_contents (target, data, length, NULL));
  return sha256;
}

/* The complete application of @form_id, opened as a draft in @window. */
static SbWizard *
open_complete_form_draft (SbWindow   *window,
                          const char *form_id)
{
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), form_id, "complete.json", NULL);
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(SbDraft) draft = NULL;
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), form_id, 0);

  /* The fixture's answers name these files by their digests: they must be
   * in the store, as if attached. */
  g_free (store_fixture_file ("scan.pdf"));
  g_free (store_fixture_file ("photo.png"));
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

/* The complete 耕地进出平衡 application, opened as a draft in @window. */
static SbWizard *
open_complete_draft (SbWindow *window)
{
  return open_complete_form_draft (window, "gengdi");
}

/* The field row of @column inside @dialog. */
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

/* The text of the messages shown under a field: the labels inside the
 * lines styled as an error or a warning, one a line. */
static void
collect_messages (GtkWidget *widget,
                  gboolean   in_message,
                  GString   *out)
{
  in_message |= gtk_widget_has_css_class (widget, "error") || gtk_widget_has_css_class (widget, "warning");

  if (GTK_IS_LABEL (widget) && in_message && gtk_widget_get_visible (widget))
    {
      if (out->len > 0)
        g_string_append_c (out, '\n');
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      return;
    }
  /* The 依据 button's label is not part of the message. */
  if (GTK_IS_BUTTON (widget))
    return;

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_get_visible (child))
      collect_messages (child, in_message, out);
}

static char *
shown_messages_of (GtkWidget *widget)
{
  GString *out = g_string_new (NULL);

  collect_messages (widget, FALSE, out);
  return g_string_free (out, out->len == 0);
}

static char *
shown_messages (SbFieldRow *row)
{
  return shown_messages_of (GTK_WIDGET (row));
}

/* Screen readers: after a failed check, the message under the field is
 * the input's accessible description; it goes when the message goes. */
static void
test_error_is_description (void)
{
  g_autofree char *shown = NULL;
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard;
  GtkWidget *row;

  wizard = ui_test_start_application (window, "gengdi");

  row = sb_wizard_get_field_widget (wizard, "applicant_name");
  g_assert_true (SB_IS_FIELD_ROW (row));
  sb_wizard_show_field (wizard, "applicant_name");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_null (sb_field_row_get_accessible_description (SB_FIELD_ROW (row)));

  /* Next with the required name empty: the check fails. */
  sb_wizard_next (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  shown = shown_messages (SB_FIELD_ROW (row));
  g_assert_nonnull (shown);
  g_test_message ("shown: %s", shown);
  g_assert_cmpstr (sb_field_row_get_accessible_description (SB_FIELD_ROW (row)), ==, shown);

  /* A yes/no question: every option carries the description. */
  {
    GtkWidget *question = sb_wizard_get_field_widget (wizard, "is_facility_agriculture");
    g_autofree char *question_shown = NULL;

    g_assert_true (SB_IS_FIELD_ROW (question));
    question_shown = shown_messages (SB_FIELD_ROW (question));
    if (question_shown != NULL)
      g_assert_cmpstr (sb_field_row_get_accessible_description (SB_FIELD_ROW (question)), ==, question_shown);
    else
      g_assert_null (sb_field_row_get_accessible_description (SB_FIELD_ROW (question)));
  }

  /* Once corrected (checked again as typed), nothing is described. */
  gtk_editable_set_text (GTK_EDITABLE (sb_field_row_get_input (SB_FIELD_ROW (row))), "阳泉市城区绿源蔬菜种植专业合作社");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_null (shown_messages (SB_FIELD_ROW (row)));
  g_assert_null (sb_field_row_get_accessible_description (SB_FIELD_ROW (row)));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The same in a table row's editor: a cell typed wrong is described once
 * it is left (not before); Done first shows the problem and stays, a
 * second Done keeps the row as typed; and under the table the row's
 * problem is listed, once, with its row, and describes the table. */
static void
test_row_editor_error_is_description (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard = open_complete_draft (window);
  GtkWidget *editor = sb_wizard_get_field_widget (wizard, "out_parcels");
  g_autofree char *shown = NULL;
  g_autofree char *original = NULL;
  SbRowEditor *row_editor;
  SbFieldRow *cell;

  g_assert_true (SB_IS_TABLE_EDITOR (editor));
  sb_wizard_show_field (wizard, "out_parcels");
  ui_test_wait_for (GTK_WIDGET (window), 300);
  sb_table_editor_edit_row (SB_TABLE_EDITOR (editor), 1);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = ui_test_find_row_editor ();
  g_assert_nonnull (row_editor);
  g_assert_true (row_editor == sb_table_editor_get_row_editor (SB_TABLE_EDITOR (editor)));
  g_assert_true (gtk_widget_get_root (GTK_WIDGET (row_editor)) == GTK_ROOT (window));

  cell = find_cell (GTK_WIDGET (row_editor), "area_mu");
  g_assert_nonnull (cell);
  g_assert_null (sb_field_row_get_accessible_description (cell));
  original = g_strdup (gtk_editable_get_text (GTK_EDITABLE (sb_field_row_get_input (cell))));

  /* Typed, not yet left: nothing red. */
  gtk_editable_set_text (GTK_EDITABLE (sb_field_row_get_input (cell)), "四亩");
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (shown_messages (cell));
  g_signal_emit_by_name (cell, "left");
  ui_test_wait_for (GTK_WIDGET (window), 300);
  shown = shown_messages (cell);
  g_assert_nonnull (shown);
  g_test_message ("shown: %s", shown);
  g_assert_cmpstr (sb_field_row_get_accessible_description (cell), ==, shown);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-row-editor-error.png");

  /* The answers have not changed while the row is edited. */
  {
    SbAnswers *answers = sb_table_editor_get_answers (SB_TABLE_EDITOR (editor));
    const SbField *column = NULL;
    g_autofree char *stored = NULL;

    for (guint c = 0; c < sb_table_editor_get_field (SB_TABLE_EDITOR (editor))->columns->len; c++)
      if (g_str_equal (((SbField *) g_ptr_array_index (sb_table_editor_get_field (SB_TABLE_EDITOR (editor))->columns, c))->id, "area_mu"))
        column = g_ptr_array_index (sb_table_editor_get_field (SB_TABLE_EDITOR (editor))->columns, c);
    g_assert_nonnull (column);
    stored = sb_field_format_edit (column, json_object_get_member (json_node_get_object (json_array_get_element (
      json_node_get_array (sb_answers_get_field_json (answers, "out_parcels")), 1)), "area_mu"));
    g_assert_cmpstr (stored, ==, original);
  }

  /* Done once: the row stays open with its problem; twice: kept. */
  sb_row_editor_done (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_true (sb_table_editor_get_row_editor (SB_TABLE_EDITOR (editor)) == row_editor);
  sb_row_editor_done (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (ui_test_find_row_editor ());
  {
    g_autofree char *under_table = shown_messages_of (editor);
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    /* Shown once the table has taken the row in, which takes longer on
     * a loaded machine. */
    while (under_table == NULL && g_get_monotonic_time () < end)
      {
        ui_test_wait_for (GTK_WIDGET (window), 100);
        under_table = shown_messages_of (editor);
      }
    g_assert_nonnull (under_table);
    g_test_message ("under the table: %s", under_table);
    g_assert_nonnull (strstr (under_table, shown));
    /* Once, not once per place it could be said. */
    g_assert_null (strstr (strstr (under_table, shown) + 1, shown));
    g_assert_cmpstr (sb_table_editor_get_accessible_description (SB_TABLE_EDITOR (editor)), ==, under_table);
  }

  /* Corrected, nothing is described, in the row's editor or the table. */
  sb_table_editor_edit_row (SB_TABLE_EDITOR (editor), 1);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  row_editor = ui_test_find_row_editor ();
  g_assert_nonnull (row_editor);
  cell = find_cell (GTK_WIDGET (row_editor), "area_mu");
  g_assert_null (shown_messages (cell));
  gtk_editable_set_text (GTK_EDITABLE (sb_field_row_get_input (cell)), original);
  g_signal_emit_by_name (cell, "left");
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (shown_messages (cell));
  g_assert_null (sb_field_row_get_accessible_description (cell));
  sb_row_editor_done (row_editor);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (ui_test_find_row_editor ());
  g_assert_null (shown_messages_of (editor));
  g_assert_null (sb_table_editor_get_accessible_description (SB_TABLE_EDITOR (editor)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* The Open button of the file whose hash is @sha256. */
static GtkWidget *
find_open_button (GtkWidget  *widget,
                  const char *sha256)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "sha256"), sha256) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_open_button (child, sha256);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static JsonObject *
file_descriptor (const char *name,
                 const char *media_type,
                 gint64      size,
                 const char *sha256)
{
  JsonObject *file = json_object_new ();

  json_object_set_string_member (file, "name", name);
  json_object_set_string_member (file, "media_type", media_type);
  json_object_set_int_member (file, "size", size);
  json_object_set_string_member (file, "sha256", sha256);
  return file;
}

/* Attachments: a thumbnail of each image and PDF, made off the main loop,
 * an Open button for each file, and a message when the stored copy is
 * gone (never a crash). */
static void
test_attachment_preview (void)
{
  g_autofree char *pdf = store_fixture_file ("scan.pdf");
  g_autofree char *png = store_fixture_file ("photo.png");
  const char *missing = "0000000000000000000000000000000000000000000000000000000000000000";
  g_autofree char *dir = store_dir ();
  g_autoptr(SbFileStore) store = sb_file_store_new (dir);
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "gengdi", 0);
  SbField *field = sb_form_definition_lookup_field (definition, "out_vector_file");
  g_autoptr(JsonArray) files = json_array_new ();
  g_autoptr(JsonNode) value = NULL;
  g_autoptr(GPtrArray) previews = g_ptr_array_new ();
  GtkWidget *window, *list, *open;
  SbFieldRow *row;
  gint64 end;
  guint done;

  g_assert_nonnull (field);
  g_assert_cmpint (field->type, ==, SB_FIELD_ATTACHMENT);
  json_array_add_object_element (files, file_descriptor ("转出地块矢量数据.pdf", "application/pdf", 193, pdf));
  json_array_add_object_element (files, file_descriptor ("现场照片.png", "image/png", 79, png));
  json_array_add_object_element (files, file_descriptor ("已删除的照片.jpg", "image/jpeg", 1024, missing));
  value = json_node_init_array (json_node_alloc (), files);

  row = sb_field_row_new (field);
  sb_field_row_set_file_store (row, store);
  sb_field_row_set_value (row, value);
  list = gtk_list_box_new ();
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 360);
  gtk_window_set_child (GTK_WINDOW (window), list);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (window, 100);

  collect_widgets (GTK_WIDGET (row), SB_TYPE_ATTACHMENT_PREVIEW, previews);
  g_assert_cmpuint (previews->len, ==, 3);

  /* The thumbnails come from a worker thread: wait for all three. */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  do
    {
      g_main_context_iteration (NULL, FALSE);
      done = 0;
      for (guint i = 0; i < previews->len; i++)
        done += sb_attachment_preview_get_texture (g_ptr_array_index (previews, i)) != NULL
                || sb_attachment_preview_get_error (g_ptr_array_index (previews, i)) != NULL;
    }
  while (done < previews->len && g_get_monotonic_time () < end);
  ui_test_wait_for (window, 100);
  ui_test_save_screenshot (window, "screenshot-attachments.png");

  /* The PDF's first page, upright (A4 is taller than wide), and the image. */
  {
    GdkTexture *page = sb_attachment_preview_get_texture (g_ptr_array_index (previews, 0));
    GdkTexture *photo = sb_attachment_preview_get_texture (g_ptr_array_index (previews, 1));

    g_assert_null (sb_attachment_preview_get_error (g_ptr_array_index (previews, 0)));
    g_assert_nonnull (page);
    g_test_message ("PDF thumbnail %d x %d", gdk_texture_get_width (page), gdk_texture_get_height (page));
    g_assert_cmpint (gdk_texture_get_height (page), >, gdk_texture_get_width (page));
    g_assert_cmpint (gdk_texture_get_height (page), <=, 128);
    g_assert_null (sb_attachment_preview_get_error (g_ptr_array_index (previews, 1)));
    g_assert_nonnull (photo);
    g_assert_cmpint (gdk_texture_get_width (photo), >, 0);
  }

  /* The missing copy: no thumbnail, and a message that says so. */
  {
    SbAttachmentPreview *gone = g_ptr_array_index (previews, 2);
    g_autofree char *shown = shown_messages (row);

    g_assert_null (sb_attachment_preview_get_texture (gone));
    g_assert_nonnull (sb_attachment_preview_get_error (gone));
    g_test_message ("missing file: %s", shown);
    g_assert_nonnull (shown);
    g_assert_nonnull (strstr (shown, sb_attachment_preview_get_error (gone)));
  }

  /* Every file can be opened; opening the missing one explains why not. */
  g_assert_nonnull (find_open_button (GTK_WIDGET (row), pdf));
  g_assert_nonnull (find_open_button (GTK_WIDGET (row), png));
  open = find_open_button (GTK_WIDGET (row), missing);
  g_assert_nonnull (open);
  g_signal_emit_by_name (open, "clicked");
  {
    g_autofree char *shown = shown_messages (row);

    g_test_message ("after Open: %s", shown);
    g_assert_nonnull (strstr (shown, "已删除的照片.jpg"));
  }

  /* A file removed from the store after it was shown is not opened. */
  {
    g_autofree char *path = g_build_filename (dir, png, NULL);
    g_autofree char *shown = NULL;

    g_assert_cmpint (g_unlink (path), ==, 0);
    g_signal_emit_by_name (find_open_button (GTK_WIDGET (row), png), "clicked");
    shown = shown_messages (row);
    g_assert_nonnull (strstr (shown, "现场照片.png"));
    g_free (store_fixture_file ("photo.png"));
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A label under @widget whose text starts with @prefix. */
static GtkWidget *
find_label_starting (GtkWidget  *widget,
                     const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The attachment descriptors of cell @column of row @row of @table. */
static guint
count_cell_files (SbWizard   *wizard,
                  const char *table,
                  guint       row,
                  const char *column)
{
  JsonNode *rows = sb_answers_get_field_json (sb_draft_get_answers (sb_wizard_get_draft (wizard)), table);
  JsonObject *object;
  JsonNode *files;

  if (rows == NULL || !JSON_NODE_HOLDS_ARRAY (rows) || row >= json_array_get_length (json_node_get_array (rows)))
    return 0;
  object = json_array_get_object_element (json_node_get_array (rows), row);
  files = object != NULL ? json_object_get_member (object, column) : NULL;
  return files != NULL && JSON_NODE_HOLDS_ARRAY (files) ? json_array_get_length (json_node_get_array (files)) : 0;
}

static guint
count_editor_files (SbRowEditor *editor,
                    const char  *column)
{
  JsonNode *node = json_object_get_member (sb_row_editor_get_values (editor), column);

  if (node == NULL)
    return 0;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node));
  return JSON_NODE_HOLDS_OBJECT (node) ? 1 : 0;
}

/* A file dragged from the file manager onto an attachment question of a
 * table row's editor is attached to that row (on Done), as in the wizard. */
static void
test_row_editor_drop (void)
{
  g_autofree char *source = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", "photo.png", NULL);
  g_autoptr(GFile) dropped = g_file_new_for_path (source);
  g_autoptr(GListModel) controllers = NULL;
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard = open_complete_draft (window);
  GtkWidget *editor = sb_wizard_get_field_widget (wizard, "farmer_consents");
  GtkDropTarget *target = NULL;
  SbRowEditor *dialog;
  SbFieldRow *cell;
  guint before;
  gint64 end;

  g_assert_true (SB_IS_TABLE_EDITOR (editor));
  sb_wizard_show_field (wizard, "farmer_consents");
  ui_test_wait_for (GTK_WIDGET (window), 300);
  sb_table_editor_edit_row (SB_TABLE_EDITOR (editor), 1);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  dialog = ui_test_find_row_editor ();
  g_assert_nonnull (dialog);

  cell = find_cell (GTK_WIDGET (dialog), "consent_file");
  g_assert_nonnull (cell);
  before = count_cell_files (wizard, "farmer_consents", 1, "consent_file");
  g_assert_cmpuint (before, >=, 1);

  controllers = gtk_widget_observe_controllers (GTK_WIDGET (cell));
  for (guint i = 0; i < g_list_model_get_n_items (controllers) && target == NULL; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        target = GTK_DROP_TARGET (controller);
    }
  g_assert_nonnull (target);

  /* What GTK does when the files are let go over the cell. */
  {
    GSList *list = g_slist_prepend (NULL, dropped);
    GdkFileList *files = gdk_file_list_new_from_list (list);
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, files);
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_slist_free (list);
    g_assert_true (accepted);
  }

  /* The file is read and hashed in a worker thread; the row as edited
   * has it, the answers have it after Done. */
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (count_editor_files (dialog, "consent_file") == before && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (count_editor_files (dialog, "consent_file"), ==, before + 1);
  g_assert_cmpuint (count_cell_files (wizard, "farmer_consents", 1, "consent_file"), ==, before);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-row-editor-dropped.png");

  /* A file that cannot be read is explained in the main window (the
   * row's editor is in it), and nothing is attached. */
  {
    g_autofree char *gone_path = g_build_filename (g_get_tmp_dir (), "shenbao-no-such-file.pdf", NULL);
    g_autoptr(GFile) gone = g_file_new_for_path (gone_path);
    g_autofree char *expected = NULL;
    GSList *list = g_slist_prepend (NULL, gone);
    GValue value = G_VALUE_INIT;
    gboolean accepted = FALSE;
    GtkWidget *label = NULL;

    g_value_init (&value, GDK_TYPE_FILE_LIST);
    g_value_take_boxed (&value, gdk_file_list_new_from_list (list));
    g_signal_emit_by_name (target, "drop", &value, 10.0, 10.0, &accepted);
    g_value_unset (&value);
    g_slist_free (list);
    g_assert_true (accepted);

    expected = g_strdup_printf (_("Could not attach the file: %s"), "");
    end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    while ((label = find_label_starting (GTK_WIDGET (window), expected)) == NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, FALSE);
    g_assert_nonnull (label);
    g_test_message ("in the window: %s", gtk_label_get_text (GTK_LABEL (label)));
    g_assert_cmpuint (count_editor_files (dialog, "consent_file"), ==, before + 1);
    ui_test_wait_for (GTK_WIDGET (window), 300);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-row-editor-drop-failed.png");
  }

  sb_row_editor_done (dialog);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (ui_test_find_row_editor ());
  g_assert_cmpuint (count_cell_files (wizard, "farmer_consents", 1, "consent_file"), ==, before + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* ---------------------------------------------------------------- */
/* What people type (issue 15)                                        */

/* Whether @field is answered by typing into an entry or a text view. */
static gboolean
is_typed (const SbField *field)
{
  switch (field->type)
    {
    case SB_FIELD_TEXT:
    case SB_FIELD_MULTILINE:
    case SB_FIELD_INTEGER:
    case SB_FIELD_DECIMAL:
    case SB_FIELD_DATE:
    case SB_FIELD_TIME:
    case SB_FIELD_RESIDENT_ID:
    case SB_FIELD_CREDIT_CODE:
    case SB_FIELD_CREDIT_CODE_OR_ID:
    case SB_FIELD_ID_DOCUMENT:
    case SB_FIELD_PHONE:
      return field->computed == NULL && !field->system;
    default:
      return FALSE;
    }
}

static char *
input_text (SbFieldRow *row)
{
  GtkWidget *input = sb_field_row_get_input (row);

  if (GTK_IS_TEXT_VIEW (input))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (input));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (input)));
}

/* Types @text into @row's input as a paste does (the whole text at once),
 * then leaves the field. */
static void
type_and_leave (GtkWidget  *window,
                SbFieldRow *row,
                const char *text)
{
  GtkWidget *input = sb_field_row_get_input (row);

  gtk_widget_grab_focus (input);
  if (GTK_IS_TEXT_VIEW (input))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (input)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (input), text);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* Every text the window shows (labels, entries, text views) is valid
 * UTF-8: Pango and the accessibility bus abort on anything else. */
static void
assert_valid_text (GtkWidget *widget)
{
  const char *text = NULL;
  g_autofree char *owned = NULL;

  if (GTK_IS_LABEL (widget))
    text = gtk_label_get_label (GTK_LABEL (widget));
  else if (GTK_IS_EDITABLE (widget))
    text = gtk_editable_get_text (GTK_EDITABLE (widget));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = owned = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    g_error ("a %s shows invalid UTF-8", G_OBJECT_TYPE_NAME (widget));
  if (gtk_widget_get_tooltip_text (widget) != NULL)
    g_assert_true (g_utf8_validate (gtk_widget_get_tooltip_text (widget), -1, NULL));

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    assert_valid_text (child);
}

/* Binary garbage as a clipboard gives it: every byte but NUL, made text. */
static char *
pasted_garbage (void)
{
  char bytes[256];

  for (int i = 0; i < 255; i++)
    bytes[i] = (char) (i + 1);
  bytes[255] = '\0';
  return g_utf8_make_valid (bytes, -1);
}

/* What @typed becomes once the field is left: normalised when it reads,
 * else exactly as typed (trimmed of spaces around it). */
static char *
expected_after_leaving (const SbField *field,
                        const char    *typed)
{
  g_autoptr(JsonNode) value = NULL;

  if (field->type != SB_FIELD_MULTILINE && sb_field_parse_input (field, typed, &value, NULL) && value != NULL)
    return sb_field_format_edit (field, value);
  return g_strdup (typed);
}

/* The answer the draft keeps for @typed: the normalised value, or the text
 * itself (trimmed) when it does not read. */
static char *
expected_answer (const SbField *field,
                 const char    *typed)
{
  g_autoptr(JsonNode) value = NULL;

  sb_field_parse_input (field, typed, &value, NULL);
  if (value == NULL)
    return NULL;
  return json_to_string (value, FALSE);
}

static char *
answer_json (SbWizard      *wizard,
             const SbField *field)
{
  JsonNode *node = sb_answers_get_field_json (sb_draft_get_answers (sb_wizard_get_draft (wizard)), field->id);

  return node != NULL ? json_to_string (node, FALSE) : NULL;
}

/* Samples that read, per type: what is typed and what the field shows
 * after it is left (NULL: as typed). */
static const char * const *
readable_samples (const SbField *field)
{
  static const char * const numbers[] = { "３．２０", "1,234", "12", NULL };
  static const char * const dates[] = { "2025年4月1日", "2025/4/1", "2025.4.1", "20250401", "2025-4-1", NULL };
  static const char * const times[] = { "20：30", "8点半", "20点30分", NULL };
  static const char * const phones[] = { "139 3532 1688", "0353 2021688转801", "（0353）2021688", NULL };
  static const char * const resident_ids[] = { "11010519491231002x", NULL };
  static const char * const credit_codes[] = { "91140302ma0kq2h7x5", NULL };
  static const char * const none[] = { NULL };

  switch (field->type)
    {
    case SB_FIELD_INTEGER:
    case SB_FIELD_DECIMAL:
      return numbers;
    case SB_FIELD_DATE:
      return dates;
    case SB_FIELD_TIME:
      return times;
    case SB_FIELD_PHONE:
      return phones;
    case SB_FIELD_RESIDENT_ID:
    case SB_FIELD_ID_DOCUMENT:
      return resident_ids;
    case SB_FIELD_CREDIT_CODE:
    case SB_FIELD_CREDIT_CODE_OR_ID:
      return credit_codes;
    default:
      return none;
    }
}

/* One sample typed into @row: shown and kept as it should be, the
 * messages valid, and any message for text that does not read gives an
 * example of what to type. */
static void
check_typed (GtkWidget  *window,
             SbWizard   *wizard,
             SbFieldRow *row,
             const char *typed,
             guint      *n_normalised)
{
  const SbField *field = sb_field_row_get_field (row);
  g_autofree char *expected_shown = expected_after_leaving (field, typed);
  g_autofree char *expected_kept = expected_answer (field, typed);
  g_autofree char *shown = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *messages = NULL;

  type_and_leave (window, row, typed);
  shown = input_text (row);
  kept = answer_json (wizard, field);

  g_assert_true (g_utf8_validate (shown, -1, NULL));
  if (g_strcmp0 (shown, expected_shown) != 0)
    g_error ("%s (%d): typed “%.40s”, shows “%.40s”, expected “%.40s”", field->id, field->type, typed, shown, expected_shown);
  if (g_strcmp0 (kept, expected_kept) != 0)
    g_error ("%s: typed “%.40s”, keeps %.60s, expected %.60s", field->id, typed, kept, expected_kept);
  if (g_strcmp0 (shown, typed) != 0)
    (*n_normalised)++;

  messages = shown_messages (row);
  if (messages != NULL)
    {
      g_assert_true (g_utf8_validate (messages, -1, NULL));
      g_assert_null (strstr (messages, "YYYY"));
      g_assert_null (strstr (messages, "HH:MM"));
    }
  assert_valid_text (GTK_WIDGET (row));
}

/* Runs shenbao-tool with @argv (after the program's name), as a person
 * would; fails with what it said unless it succeeds. */
static void
run_tool (const char * const *arguments)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("SHENBAO_TOOL"));
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_getenv ("SHENBAO_TOOL"));
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("shenbao-tool %s failed:\n%s%s", arguments[0], out, err);
}

/* The text of every page of the PDF at @path, which poppler must read. */
static char *
pdf_text (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) document_object = NULL;
  PopplerDocument *document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  document_object = G_OBJECT (document);
  g_assert_cmpint (poppler_document_get_n_pages (document), >, 0);
  for (int i = 0; i < poppler_document_get_n_pages (document); i++)
    {
      g_autoptr(GObject) page = G_OBJECT (poppler_document_get_page (document, i));
      g_autofree char *page_text = poppler_page_get_text (POPPLER_PAGE (page));

      g_string_append (text, page_text ? page_text : "");
      g_string_append_c (text, '\n');
    }
  return g_string_free (text, FALSE);
}

/* What was typed reaches the PDF as the tool makes it: the values that do
 * not read are put right (a packet keeps only values of their type), the
 * text fields keep hostile text, and `shenbao-tool pack --draft` and
 * `render` make a PDF poppler reads, with the text in it. */
static void
check_typed_reaches_pdf (SbWindow   *window,
                         SbWizard   *wizard,
                         const char *form_id,
                         const char *hostile_text)
{
  SbFormDefinition *definition = sb_draft_get_definition (sb_wizard_get_draft (wizard));
  GPtrArray *fields = sb_form_definition_get_fields (definition);
  g_autofree char *dir = g_dir_make_tmp ("shenbao-typed-pdf-XXXXXX", NULL);
  g_autofree char *answers_path = g_build_filename (dir, "answers.json", NULL);
  g_autofree char *packet_path = g_build_filename (dir, "typed.sbpkt.json", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "typed.pdf", NULL);
  g_autofree char *files = store_dir ();
  g_autofree char *text = NULL;
  g_autoptr(JsonObject) answers = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) json = NULL;
  guint n_hostile = 0;

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      GtkWidget *widget = sb_wizard_get_field_widget (wizard, field->id);
      const char * const *readable = readable_samples (field);
      g_autoptr(JsonNode) value = NULL;
      g_autofree char *typed = NULL;

      if (!is_typed (field) || widget == NULL || !SB_IS_FIELD_ROW (widget))
        continue;
      sb_wizard_show_field (wizard, field->id);
      ui_test_wait_for (GTK_WIDGET (window), 20);
      if (!gtk_widget_get_mapped (widget))
        continue;
      if (field->type == SB_FIELD_TEXT || field->type == SB_FIELD_MULTILINE)
        {
          type_and_leave (GTK_WIDGET (window), SB_FIELD_ROW (widget), hostile_text);
          n_hostile++;
          continue;
        }
      typed = input_text (SB_FIELD_ROW (widget));
      if (readable[0] != NULL && (!sb_field_parse_input (field, typed, &value, NULL) || value == NULL))
        type_and_leave (GTK_WIDGET (window), SB_FIELD_ROW (widget), readable[0]);
    }
  g_assert_cmpuint (n_hostile, >, 0);
  g_assert_true (sb_wizard_save_now (wizard, &error));
  g_assert_no_error (error);

  answers = sb_answers_to_json (sb_draft_get_answers (sb_wizard_get_draft (wizard)), FALSE);
  root = json_node_init_object (json_node_alloc (), answers);
  /* Written as the application writes JSON: json-glib 1.6 leaves control
   * characters unescaped, which no strict reader takes. */
  json = sb_canonical_json_serialize (root, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (answers_path, g_bytes_get_data (json, NULL), g_bytes_get_size (json), NULL));

  /* Submitted on a day the regulations are in force (科技类校外培训's
   * lapsed in 2025): a packet under a lapsed one does not verify, and
   * the tool renders only what verifies. */
  run_tool ((const char *[]) { "pack", "--form", form_id, "--draft", "--date", "2025-04-01",
                               "--created", "2025-04-01T08:00:00Z", "--files", files, answers_path,
                               "-o", packet_path, NULL });
  run_tool ((const char *[]) { "render", packet_path, "-o", pdf_path, NULL });

  text = pdf_text (pdf_path);
  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_test_message ("%s: %u text fields of hostile text, %zu characters of PDF text", form_id, n_hostile,
                  strlen (text));
  /* As typed: markup and format directives are text, the words are there. */
  g_assert_nonnull (strstr (text, "<b>&amp;</b>"));
  g_assert_nonnull (strstr (text, "%s%n"));
  g_assert_nonnull (strstr (text, "阳泉"));
  g_assert_nonnull (strstr (text, "=SUM(A1:A3)"));

  g_unlink (answers_path);
  g_unlink (packet_path);
  g_unlink (pdf_path);
  g_rmdir (dir);
}

static void
test_hostile_typing (gconstpointer data)
{
  const char *form_id = data;
  g_autofree char *garbage = pasted_garbage ();
  g_autofree char *long_text = NULL;
  g_autofree char *draft_id = NULL;
  g_autoptr(GHashTable) last_typed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) types_seen = g_hash_table_new (NULL, NULL);
  const char *hostile[] = {
    "😀👨‍👩‍👧‍👦🇨🇳", "e\u0301\u0302\u0303 ä\u0308", "\u202e阳泉\u202c \u2067abc\u2069 \u200f", NULL, NULL,
    "=SUM(A1:A3)\t2\t3", "<b>&amp;</b> %s%n", "约3亩", "四亩",
  };
  SbWindow *window = ui_test_open_window (application, 1100);
  /* The complete application, so that every question is asked. */
  SbWizard *wizard = open_complete_form_draft (window, form_id);
  SbFormDefinition *definition = sb_draft_get_definition (sb_wizard_get_draft (wizard));
  GPtrArray *fields = sb_form_definition_get_fields (definition);
  guint n_fields = 0, n_normalised = 0;

  {
    GString *text = g_string_new (NULL);

    for (int i = 0; i < 10000; i++)
      g_string_append (text, i % 7 == 0 ? "申" : "x");
    long_text = g_string_free (text, FALSE);
  }
  hostile[3] = long_text;
  hostile[4] = garbage;
  draft_id = g_strdup (sb_draft_get_id (sb_wizard_get_draft (wizard)));

  for (guint i = 0; i < fields->len; i++)
    {
      SbField *field = g_ptr_array_index (fields, i);
      const char * const *readable = readable_samples (field);
      GtkWidget *widget;
      SbFieldRow *row;
      const char *last = NULL;

      if (!is_typed (field))
        continue;
      widget = sb_wizard_get_field_widget (wizard, field->id);
      if (widget == NULL || !SB_IS_FIELD_ROW (widget))
        continue;
      sb_wizard_show_field (wizard, field->id);
      ui_test_wait_for (GTK_WIDGET (window), 20);
      if (!gtk_widget_get_mapped (widget))
        continue;   /* a question this application does not ask */
      row = SB_FIELD_ROW (widget);

      for (guint s = 0; readable[s] != NULL; s++)
        check_typed (GTK_WIDGET (window), wizard, row, readable[s], &n_normalised);
      for (guint s = 0; s < G_N_ELEMENTS (hostile); s++)
        {
          check_typed (GTK_WIDGET (window), wizard, row, hostile[s], &n_normalised);
          last = hostile[s];
        }
      g_hash_table_insert (last_typed, g_strdup (field->id), g_strdup (last));
      g_hash_table_add (types_seen, GINT_TO_POINTER (field->type));
      n_fields++;
    }

  g_test_message ("%s: %u fields, %u types, %u inputs normalised", form_id, n_fields,
                  g_hash_table_size (types_seen), n_normalised);
  g_assert_cmpuint (n_fields, >, 5);
  g_assert_cmpuint (n_normalised, >, 0);
  g_assert_true (g_hash_table_contains (types_seen, GINT_TO_POINTER (SB_FIELD_TEXT)));
  assert_valid_text (GTK_WIDGET (window));
  {
    g_autofree char *screenshot = g_strdup_printf ("screenshot-typing-%s.png", form_id);

    ui_test_wait_for (GTK_WIDGET (window), 300);
    ui_test_save_screenshot (GTK_WIDGET (window), screenshot);
  }

  /* The draft reopens with every text as typed. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *drafts = ui_test_drafts_dir ();
    g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
    g_autoptr(SbDraft) reopened = NULL;
    GHashTableIter iter;
    gpointer key, value;

    g_assert_true (sb_wizard_save_now (wizard, &error));
    g_assert_no_error (error);
    gtk_window_destroy (GTK_WINDOW (window));

    reopened = sb_draft_store_load (store, sb_form_registry_get_default (), draft_id, &error);
    g_assert_no_error (error);
    g_assert_nonnull (reopened);
    window = ui_test_open_window (application, 1100);
    sb_window_open_draft (window, reopened);
    ui_test_wait_for (GTK_WIDGET (window), 300);
    wizard = sb_window_get_wizard (window);
    g_assert_nonnull (wizard);

    g_hash_table_iter_init (&iter, last_typed);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        GtkWidget *widget = sb_wizard_get_field_widget (wizard, key);
        SbField *field = sb_form_definition_lookup_field (sb_draft_get_definition (reopened), key);
        g_autofree char *shown = NULL;
        g_autofree char *expected = NULL;
        g_autofree char *kept = answer_json (wizard, field);
        g_autofree char *expected_kept = expected_answer (field, value);

        /* Kept, whether or not the question is asked now (what was typed
         * may have hidden it). */
        if (g_strcmp0 (kept, expected_kept) != 0)
          g_error ("%s reopens keeping %.60s, not %.60s", (char *) key, kept, expected_kept);
        if (widget == NULL)
          continue;
        g_assert_true (SB_IS_FIELD_ROW (widget));
        shown = input_text (SB_FIELD_ROW (widget));
        expected = g_strstrip (g_strdup (value));
        if (g_strcmp0 (shown, expected) != 0 && g_strcmp0 (shown, value) != 0)
          g_error ("%s reopens as “%.40s”, not “%.40s”", (char *) key, shown, (char *) value);
      }
    assert_valid_text (GTK_WIDGET (window));
  }

  /* Everything hostile at once in every text field, then the PDF. */
  {
    g_autofree char *mixed = g_strconcat (hostile[0], " ", hostile[1], " ", hostile[2], " ", hostile[5], " ",
                                          hostile[6], " ", garbage, NULL);

    check_typed_reaches_pdf (window, wizard, form_id, mixed);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Every label of @widget's tree, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + strlen (needle), needle))
    n++;
  return n;
}

/* Table cells: 约3亩 and 四亩 in an area column are shown as typed (they
 * showed boxes and 四,亩 亩), ３．２０亩 as 3.20 亩, hostile text kept; the
 * cell's problem is said once under the table, with its row. */
static void
test_table_cell_typing (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard = open_complete_draft (window);
  GtkWidget *editor = sb_wizard_get_field_widget (wizard, "out_parcels");
  const struct {
    const char *typed;
    const char *in_table;    /* a line of the table as shown */
    gboolean    is_problem;
  } cases[] = {
    { "约3亩", "约3亩", TRUE },
    { "四亩", "四亩", TRUE },
    /* The header says the unit; the cells give the number. */
    { "３．２０亩", "3.20", FALSE },
    { "1,234.5", "1,234.50", FALSE },
    { "😀\u202e3", "😀\u202e3", TRUE },
  };

  g_assert_true (SB_IS_TABLE_EDITOR (editor));
  sb_wizard_show_field (wizard, "out_parcels");
  ui_test_wait_for (GTK_WIDGET (window), 300);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SbRowEditor *row_editor;
      SbFieldRow *cell;
      g_autoptr(GString) labels = g_string_new (NULL);
      g_autofree char *under_table = NULL;
      g_autofree char *in_dialog = NULL;

      sb_table_editor_edit_row (SB_TABLE_EDITOR (editor), 1);
      ui_test_wait_for (GTK_WIDGET (window), 200);
      row_editor = ui_test_find_row_editor ();
      g_assert_nonnull (row_editor);
      ui_test_wait_for (GTK_WIDGET (window), 100);
      cell = find_cell (GTK_WIDGET (row_editor), "area_mu");
      g_assert_nonnull (cell);

      type_and_leave (GTK_WIDGET (window), cell, cases[i].typed);
      in_dialog = input_text (cell);
      assert_valid_text (GTK_WIDGET (row_editor));
      if (cases[i].is_problem)
        g_assert_cmpstr (in_dialog, ==, cases[i].typed);
      /* Done keeps the row as typed, problems and all (pressed twice when
       * the row has a problem, as Next is on a step). */
      sb_row_editor_done (row_editor);
      if (sb_table_editor_get_row_editor (SB_TABLE_EDITOR (editor)) == row_editor &&
          gtk_widget_get_mapped (GTK_WIDGET (row_editor)))
        sb_row_editor_done (row_editor);
      ui_test_wait_for (GTK_WIDGET (window), 300);
      g_assert_null (ui_test_find_row_editor ());

      assert_valid_text (GTK_WIDGET (window));
      collect_labels (editor, labels);
      if (strstr (labels->str, cases[i].in_table) == NULL)
        g_error ("“%s”: the table does not show “%s”:\n%s", cases[i].typed, cases[i].in_table, labels->str);
      g_assert_null (strstr (labels->str, "亩 亩"));

      under_table = shown_messages_of (editor);
      if (cases[i].is_problem)
        {
          g_assert_nonnull (under_table);
          g_test_message ("under the table: %s", under_table);
          /* Once, with its row, and with an example of what to type. */
          g_assert_cmpuint (count_occurrences (under_table, "如：3.20"), ==, 1);
          g_assert_nonnull (strstr (under_table, "第 2 行"));
        }
      else
        g_assert_true (under_table == NULL || strstr (under_table, "面积（亩）") == NULL);
      if (i == 0)
        ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-table-typed-text.png");
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

  g_test_add_func ("/ui/fields/error-is-description", test_error_is_description);
  g_test_add_func ("/ui/fields/row-editor-error-is-description", test_row_editor_error_is_description);
  g_test_add_func ("/ui/fields/attachment-preview", test_attachment_preview);
  g_test_add_func ("/ui/fields/row-editor-drop", test_row_editor_drop);
  g_test_add_data_func ("/ui/fields/hostile-typing/zijin", "zijin", test_hostile_typing);
  g_test_add_data_func ("/ui/fields/hostile-typing/gengdi", "gengdi", test_hostile_typing);
  g_test_add_data_func ("/ui/fields/hostile-typing/kejipeixun", "kejipeixun", test_hostile_typing);
  g_test_add_func ("/ui/fields/table-cell-typing", test_table_cell_typing);

  return g_test_run ();
}
