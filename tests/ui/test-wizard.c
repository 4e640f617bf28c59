/* test-wizard.c — the applicant's way through, under a real display
 *
 * Starts an application of the 耕地进出平衡 procedure from its guide, types
 * an answer and finds it autosaved, presses Next on an incomplete step and
 * sees the error summary; then opens the complete application as a draft,
 * reviews it and finishes it into a packet and a PDF that verify.  Saves
 * screenshots in the build folder for a person to look at.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <fcntl.h>
#include <unistd.h>
#include <poppler.h>

#include "sb-application.h"
#include "ui-test-util.h"
#include "sb-calendar.h"
#include "sb-document-actions.h"
#include "sb-draft-store.h"
#include "sb-field-row.h"
#include "sb-form-registry.h"
#include "sb-packet.h"
#include "sb-review.h"
#include "sb-review-page.h"
#include "sb-row-editor.h"
#include "sb-table-editor.h"
#include "sb-window.h"

/* One application for all tests, as in a real session. */
static SbApplication *application;

/* The text of every draft file, joined. */
static char *
read_drafts (void)
{
  g_autofree char *dir = ui_test_drafts_dir ();
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  g_autoptr(GString) all = g_string_new (NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *text = NULL;

      if (g_str_has_suffix (name, ".json") && g_file_get_contents (path, &text, NULL, NULL))
        g_string_append (all, text);
    }
  return g_string_free (g_steal_pointer (&all), FALSE);
}

/* Answers the question "Import This Draft?" as the person would. */
static void
respond_to_import (SbWindow   *window,
                   const char *response)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *dialog = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && dialog == NULL; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_window_get_transient_for (GTK_WINDOW (item)) == GTK_WINDOW (window) &&
          gtk_widget_get_visible (GTK_WIDGET (item)))
        dialog = ADW_MESSAGE_DIALOG (item);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, g_dgettext (GETTEXT_PACKAGE, "Import This Draft?"));
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}


/* A file manager on the test's own session bus: what ShowItems was
 * asked to show. */
static char *shown_items;

static const char file_manager_xml[] =
  "<node><interface name='org.freedesktop.FileManager1'>"
  "<method name='ShowItems'><arg type='as' name='uris' direction='in'/>"
  "<arg type='s' name='startup_id' direction='in'/></method>"
  "</interface></node>";

static void
on_file_manager_call (GDBusConnection       *connection,
                      const char            *sender,
                      const char            *object_path,
                      const char            *interface_name,
                      const char            *method_name,
                      GVariant              *parameters,
                      GDBusMethodInvocation *invocation,
                      gpointer               user_data)
{
  g_autofree const char **uris = NULL;
  const char *startup_id;

  g_variant_get (parameters, "(^a&s&s)", &uris, &startup_id);
  g_free (shown_items);
  shown_items = g_strjoinv ("\n", (char **) uris);
  g_dbus_method_invocation_return_value (invocation, NULL);
}

static guint
own_file_manager (GDBusConnection *bus)
{
  static const GDBusInterfaceVTable vtable = { on_file_manager_call, NULL, NULL, { 0 } };
  g_autoptr(GDBusNodeInfo) info = g_dbus_node_info_new_for_xml (file_manager_xml, NULL);
  g_autoptr(GError) error = NULL;
  guint registration = g_dbus_connection_register_object (bus, "/org/freedesktop/FileManager1", info->interfaces[0],
                                                          &vtable, NULL, NULL, &error);
  g_autoptr(GVariant) reply = NULL;

  g_assert_no_error (error);
  /* Owned synchronously, so the name is ours before anything calls it. */
  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                                       "RequestName", g_variant_new ("(su)", "org.freedesktop.FileManager1", 4),
                                       G_VARIANT_TYPE ("(u)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  return registration;
}

static int
pdf_page_count (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  PopplerDocument *document = poppler_document_new_from_gfile (file, NULL, NULL, &error);
  int n;

  g_assert_no_error (error);
  n = poppler_document_get_n_pages (document);
  g_object_unref (document);
  return n;
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

static GtkWidget *find_row_titled (GtkWidget *widget, const char *title);

/* The first button labelled @label. */
static GtkWidget *
find_actionable_by_label (GtkWidget  *widget,
                          const char *label)
{
  if (GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable_by_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first row whose title starts with @prefix. */
static GtkWidget *
find_row_prefixed (GtkWidget  *widget,
                   const char *prefix)
{
  if (ADW_IS_PREFERENCES_ROW (widget) && g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_prefixed (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first row whose subtitle has @text in it. */
static GtkWidget *
find_row_subtitled (GtkWidget  *widget,
                    const char *text)
{
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL &&
      strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_subtitled (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first visible widget that activates @action_name. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action_name)
{
  if (GTK_IS_ACTIONABLE (widget) && gtk_widget_get_visible (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action_name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action_name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first action row under @widget whose subtitle holds @text. */
static GtkWidget *
find_row_with_subtitle (GtkWidget  *widget,
                        const char *text)
{
  if (ADW_IS_ACTION_ROW (widget) && adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)) != NULL
      && strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), text) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_with_subtitle (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first mapped widget named @name under @widget, or NULL. */
static GtkWidget *
find_named_mapped (GtkWidget  *widget,
                   const char *name)
{
  if (gtk_widget_get_mapped (widget) && g_strcmp0 (gtk_widget_get_name (widget), name) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named_mapped (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first mapped widget of @type under @widget, or NULL. */
static GtkWidget *
find_mapped (GtkWidget *widget,
             GType      type)
{
  if (gtk_widget_get_mapped (widget) && G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_mapped (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The first label under @widget that reads @text, or NULL. */
static GtkWidget *
find_label_with_text (GtkWidget  *widget,
                      const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_text (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_fill_and_autosave (void)
{
  g_autofree char *drafts = NULL;
  SbWindow *window;
  SbWizard *wizard;
  GtkWidget *row, *focus;

  window = ui_test_open_window (application, 1100);

  wizard = ui_test_start_application (window, "gengdi");
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-wizard.png");

  /* Typing into a field: no message yet, and the answer is saved. */
  row = sb_wizard_get_field_widget (wizard, "applicant_name");
  g_assert_true (SB_IS_FIELD_ROW (row));
  sb_wizard_show_field (wizard, "applicant_name");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "阳泉市城区绿源蔬菜种植专业合作社");
  ui_test_wait_for (GTK_WIDGET (window), 1200);
  drafts = read_drafts ();
  g_assert_nonnull (strstr (drafts, "绿源蔬菜"));

  /* Next on a step with empty required answers shows the summary and
   * stays; a second press goes on (a draft may stay incomplete). */
  sb_wizard_next (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_true (sb_wizard_shows_problems (wizard));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-wizard-problems.png");
  sb_wizard_next (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 300);

  /* Back on the start page, the draft is listed under its name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 400);
  g_assert_null (sb_window_get_wizard (window));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-start-drafts.png");
  /* It says when it was last changed, the date apart from the time. */
  {
    GtkWidget *draft_row = find_row_with_subtitle (GTK_WIDGET (window), "最后修改于");

    g_assert_nonnull (draft_row);
    g_assert_true (g_regex_match_simple ("最后修改于 [0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日 [0-9]{2}:[0-9]{2}$",
                                         adw_action_row_get_subtitle (ADW_ACTION_ROW (draft_row)), 0, 0));
  }

  /* Exported and imported again, the draft comes back as a copy. */
  {
    g_autofree char *dir = ui_test_drafts_dir ();
    g_autoptr(SbDraftStore) store = sb_draft_store_new (dir);
    g_autoptr(GPtrArray) listed = sb_draft_store_list (store, sb_form_registry_get_default (), NULL);
    g_autofree char *exported_path = g_build_filename (g_get_tmp_dir (), "shenbao-test-export.sbdraft.json", NULL);
    g_autoptr(GFile) exported = g_file_new_for_path (exported_path);
    g_autoptr(GPtrArray) after = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_cmpuint (listed->len, ==, 1);

    /* The step checked with Next is saved as checked, and reopened, the
     * step list says so again (its problems shown, not "in progress"). */
    {
      SbDraft *saved = g_ptr_array_index (listed, 0);
      const char *step = sb_form_definition_lookup_field (sb_draft_get_definition (saved), "applicant_name")->step_id;

      g_assert_true (sb_draft_is_step_checked (saved, step));
      wait_for_drafts (window);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-draft", "s", sb_draft_get_id (saved)));
      ui_test_wait_for (GTK_WIDGET (window), 500);
      g_assert_nonnull (sb_window_get_wizard (window));
      g_assert_false (sb_wizard_is_read_only (sb_window_get_wizard (window)));
      g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "Has problems")));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
      ui_test_wait_for (GTK_WIDGET (window), 300);
      g_assert_null (sb_window_get_wizard (window));
    }
    g_assert_true (sb_draft_export (g_ptr_array_index (listed, 0), exported, &error));
    g_assert_no_error (error);
    /* Opening the file only asks: nothing is imported until the person
     * says so, and Cancel leaves the drafts as they were. */
    g_assert_true (sb_window_open_file (window, exported));
    ui_test_wait_for (GTK_WIDGET (window), 300);
    g_assert_null (sb_window_get_wizard (window));
    after = sb_draft_store_list (store, sb_form_registry_get_default (), NULL);
    g_assert_cmpuint (after->len, ==, 1);
    g_clear_pointer (&after, g_ptr_array_unref);
    respond_to_import (window, "cancel");
    ui_test_wait_for (GTK_WIDGET (window), 300);
    g_assert_null (sb_window_get_wizard (window));
    after = sb_draft_store_list (store, sb_form_registry_get_default (), NULL);
    g_assert_cmpuint (after->len, ==, 1);
    g_clear_pointer (&after, g_ptr_array_unref);

    g_assert_true (sb_window_open_file (window, exported));
    ui_test_wait_for (GTK_WIDGET (window), 300);
    respond_to_import (window, "import");
    ui_test_wait_for (GTK_WIDGET (window), 300);
    g_assert_nonnull (sb_window_get_wizard (window));
    g_assert_cmpstr (sb_draft_get_id (sb_wizard_get_draft (sb_window_get_wizard (window))), !=,
                     sb_draft_get_id (g_ptr_array_index (listed, 0)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    ui_test_wait_for (GTK_WIDGET (window), 200);
    after = sb_draft_store_list (store, sb_form_registry_get_default (), NULL);
    g_assert_cmpuint (after->len, ==, 2);
    g_unlink (exported_path);
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A draft that cannot be saved says so above the page until it can, and
 * the wizard does not close on it. */
static void
test_unsaved_bar (void)
{
  g_autofree char *dir = ui_test_drafts_dir ();
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard;
  GtkWidget *bar, *focus;
  GtkWidget *label;

  wizard = ui_test_start_application (window, "gengdi");
  bar = ui_test_find_widget (GTK_WIDGET (wizard), GTK_TYPE_INFO_BAR);
  g_assert_nonnull (bar);
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));

  /* A folder where the draft's file goes: saving it fails (even as root). */
  path = g_strdup_printf ("%s/%s.json", dir, sb_draft_get_id (sb_wizard_get_draft (wizard)));
  g_unlink (path);
  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);

  sb_wizard_show_field (wizard, "applicant_name");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "阳泉市城区绿源蔬菜种植专业合作社");
  ui_test_wait_for (GTK_WIDGET (window), 1500);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  label = ui_test_find_widget (bar, GTK_TYPE_LABEL);
  g_assert_nonnull (label);
  g_test_message ("bar: %s", gtk_label_get_text (GTK_LABEL (label)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)), "更改尚未保存"));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-wizard-unsaved.png");

  /* Closing would lose the answer: the wizard stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_true (sb_window_get_wizard (window) == wizard);

  /* The way is clear again: Try Again saves, and the bar goes. */
  g_assert_cmpint (g_rmdir (path), ==, 0);
  gtk_info_bar_response (GTK_INFO_BAR (bar), GTK_RESPONSE_ACCEPT);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_true (g_file_get_contents (path, &saved, NULL, NULL));
  g_assert_nonnull (strstr (saved, "绿源蔬菜"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (sb_window_get_wizard (window));
  gtk_window_destroy (GTK_WINDOW (window));
}

static JsonObject *
read_object (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

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

static GtkWidget *find_row_titled (GtkWidget  *widget,
                                   const char *title);

/* The complete 耕地 application as a draft saved in @store, with its
 * files stored beside it; whatever warnings today's date brings get an
 * explanation. */
static SbDraft *
save_complete_draft (SbDraftStore *store)
{
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "gengdi", "complete.json", NULL);
  g_autofree char *files = g_build_filename (sb_draft_store_get_dir (store), "files", NULL);
  g_autoptr(JsonObject) answers = read_object (complete);
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "gengdi", 0);
  GPtrArray *rules = sb_form_definition_get_rules (definition);
  SbDraft *draft = sb_draft_new (definition, "2026-01-05T08:00:00Z");

  sb_answers_set_json (sb_draft_get_answers (draft), answers);
  for (guint i = 0; i < rules->len; i++)
    {
      SbRule *rule = g_ptr_array_index (rules, i);

      if (rule->severity == SB_SEVERITY_WARNING)
        sb_draft_set_justification (draft, rule->id, "已与义井镇政府沟通，按年度方案调整办理。");
    }
  g_assert_true (sb_draft_store_save (store, draft, &error));
  g_assert_no_error (error);
  copy_fixture_files (files);
  return draft;
}

static void
test_review_and_finish (void)
{
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autofree char *out = g_dir_make_tmp ("shenbao-finish-XXXXXX", NULL);
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(SbDraft) draft = save_complete_draft (store);
  SbFormDefinition *definition = sb_answers_get_definition (sb_draft_get_answers (draft));
  g_autoptr(JsonObject) answers = sb_answers_to_json (sb_draft_get_answers (draft), FALSE);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  g_autofree char *packet_path = NULL;
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GFile) packet_file = NULL;
  SbWindow *window;
  SbWizard *wizard;
  GtkWidget *editor;
  g_autofree char *pdf_path = NULL;
  const char *name;

  window = ui_test_open_window (application, 1100);
  sb_window_open_draft (window, draft);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  wizard = sb_window_get_wizard (window);
  g_assert_nonnull (wizard);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-wizard-complete.png");

  /* A table: its rows in a column view, one row edited in its place. */
  editor = sb_wizard_get_field_widget (wizard, "out_parcels");
  g_assert_true (SB_IS_TABLE_EDITOR (editor));
  sb_wizard_show_field (wizard, "out_parcels");
  ui_test_wait_for (GTK_WIDGET (window), 400);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-wizard-table.png");
  sb_table_editor_edit_row (SB_TABLE_EDITOR (editor), 2);
  ui_test_wait_for (GTK_WIDGET (window), 400);
  {
    SbRowEditor *row_editor = ui_test_find_row_editor ();

    g_assert_nonnull (row_editor);
    g_assert_cmpint (sb_row_editor_get_row (row_editor), ==, 2);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-row-editor.png");
    sb_row_editor_cancel (row_editor);
    ui_test_wait_for (GTK_WIDGET (window), 200);
    g_assert_null (ui_test_find_row_editor ());
  }

  sb_wizard_show_review (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-review.png");

  /* A table is a table on the review page: collapsed to its name and
   * row count, and opened, a row per table row named by its identifying
   * columns; nothing blocks Finish, so nothing is said beside it. */
  {
    GtkWidget *page = ui_test_find_widget (GTK_WIDGET (wizard), SB_TYPE_REVIEW_PAGE);
    GtkWidget *table = NULL;
    g_autofree char *first_row = g_strdup_printf (g_dgettext (GETTEXT_PACKAGE, "Row %u"), 1);

    g_assert_nonnull (page);
    table = find_row_titled (page, sb_text_get (&sb_form_definition_lookup_field (definition, "out_parcels")->label));
    g_assert_true (ADW_IS_EXPANDER_ROW (table));
    g_assert_false (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (table)));
    g_assert_nonnull (strstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (table)), "行"));
    g_assert_null (sb_review_page_get_blocker (SB_REVIEW_PAGE (page)));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (table), TRUE);
    ui_test_wait_for (GTK_WIDGET (window), 300);
    {
      /* The table's first row, named by its identifying columns. */
      GtkWidget *row = find_row_prefixed (table, first_row);
      const char *title;

      g_assert_nonnull (row);
      title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      g_assert_cmpuint (strlen (title), >, strlen (first_row));
    }
    /* Scrolled to the opened table for the screenshot. */
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (table, GTK_TYPE_SCROLLED_WINDOW);
      GtkWidget *content = gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled));
      graphene_point_t top = GRAPHENE_POINT_INIT (0, 0), at;

      g_assert_true (gtk_widget_compute_point (table, content, &top, &at));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), at.y - 60);
    }
    ui_test_wait_for (GTK_WIDGET (window), 300);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-review-table.png");
  }

  /* The review page lists what each material is met by: the landholders'
   * consents apart from the farmers', each with its own rows. */
  {
    GPtrArray *materials = sb_form_definition_get_materials (definition);
    guint found = 0;

    for (guint i = 0; i < materials->len; i++)
      {
        SbMaterial *material = g_ptr_array_index (materials, i);
        GtkWidget *row;

        if (!g_str_equal (material->id, "GD-ATT-07") && !g_str_equal (material->id, "GD-ATT-08"))
          continue;
        row = find_row_titled (GTK_WIDGET (wizard), sb_text_get (&material->title));
        g_assert_nonnull (row);
        g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), _("Submitted")));
        /* Rows 1 and 2 of the consents are a landholder's and a farmer's:
         * each file under its own heading only. */
        {
          JsonArray *consents = json_object_get_array_member (answers, "reclaim_consents");
          const char *first = json_object_get_string_member (
            json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (consents, 0),
                                                                         "consent_file"), 0), "name");
          const char *second = json_object_get_string_member (
            json_array_get_object_element (json_object_get_array_member (json_array_get_object_element (consents, 1),
                                                                         "consent_file"), 0), "name");
          gboolean owners = g_str_equal (material->id, "GD-ATT-07");

          g_assert_cmpstr (first, !=, second);
          g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), owners ? first : second));
          g_assert_null (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), owners ? second : first));
        }
        found++;
      }
    g_assert_cmpuint (found, ==, 2);

    /* The list, scrolled into view, for a person to look at. */
    {
      SbMaterial *first = g_ptr_array_index (materials, 0);
      GtkWidget *row = find_row_titled (GTK_WIDGET (wizard), sb_text_get (&first->title));
      GtkWidget *scrolled = gtk_widget_get_ancestor (row, GTK_TYPE_SCROLLED_WINDOW);
      graphene_point_t point;

      g_assert_nonnull (scrolled);
      g_assert_true (gtk_widget_compute_point (row, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                               &GRAPHENE_POINT_INIT (0, 0), &point));
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), point.y - 80);
      ui_test_wait_for (GTK_WIDGET (window), 400);
      ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-review-materials.png");
    }
  }

  /* Narrow (360 px, the sidebar folds away) and in the dark style. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_FORCE_DARK);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  gtk_window_unmaximize (GTK_WINDOW (window));
  ui_test_wait_for (GTK_WIDGET (window), 800);
  sb_wizard_show_field (wizard, "applicant_name");
  ui_test_wait_for (GTK_WIDGET (window), 800);
  g_test_message ("narrow window: %d px", gtk_widget_get_width (GTK_WIDGET (window)));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-wizard-narrow-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (), ADW_COLOR_SCHEME_DEFAULT);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_true (sb_wizard_can_finish (wizard));

  g_assert_true (sb_wizard_finish_into (wizard, folder, &error));
  g_assert_no_error (error);
  ui_test_wait_for (GTK_WIDGET (window), 400);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-finished.png");

  listing = g_dir_open (out, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (g_str_has_suffix (name, ".sbpkt.json"))
        packet_path = g_build_filename (out, name, NULL);
      if (g_str_has_suffix (name, ".pdf"))
        {
          g_free (pdf_path);
          pdf_path = g_build_filename (out, name, NULL);
        }
    }
  g_assert_nonnull (packet_path);
  g_assert_nonnull (pdf_path);

  /* The finished page's three actions, for the PDF just written. */
  {
    GtkWidget *actions = ui_test_find_widget (GTK_WIDGET (wizard), SB_TYPE_DOCUMENT_ACTIONS);
    g_autofree char *printed = g_build_filename (out, "printed.pdf", NULL);
    g_autofree char *pdf_uri = g_filename_to_uri (pdf_path, NULL, NULL);
    g_autoptr(GDBusConnection) bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, NULL);
    g_autoptr(GFile) shown = NULL;
    const char *action_names[] = { "document.print", "document.open", "document.show-in-folder" };
    guint registration;
    gint64 give_up;
    guint n_buttons = 0;

    g_assert_nonnull (actions);
    shown = g_file_new_for_path (pdf_path);
    g_assert_true (g_file_equal (sb_document_actions_get_file (SB_DOCUMENT_ACTIONS (actions)), shown));
    for (GtkWidget *child = gtk_widget_get_first_child (actions); child != NULL; child = gtk_widget_get_next_sibling (child))
      {
        g_assert_true (GTK_IS_BUTTON (child));
        g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), ==, action_names[n_buttons]);
        n_buttons++;
      }
    g_assert_cmpuint (n_buttons, ==, 3);

    /* Printing draws the PDF's own pages: to a file, as many. */
    g_assert_cmpint (sb_document_print (GTK_WINDOW (window), shown, GTK_PRINT_OPERATION_ACTION_EXPORT, printed, &error),
                     ==, GTK_PRINT_OPERATION_RESULT_APPLY);
    g_assert_no_error (error);
    g_assert_cmpint (pdf_page_count (printed), ==, pdf_page_count (pdf_path));
    g_assert_cmpint (pdf_page_count (printed), >, 1);

    /* Show in Folder asks the file manager to show the PDF itself. */
    g_assert_nonnull (bus);
    registration = own_file_manager (bus);
    g_assert_true (gtk_widget_activate_action (actions, "document.show-in-folder", NULL));
    give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while (shown_items == NULL && g_get_monotonic_time () < give_up)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpstr (shown_items, ==, pdf_uri);
    g_dbus_connection_unregister_object (bus, registration);
    g_clear_pointer (&shown_items, g_free);
    g_unlink (printed);
  }

  /* Back on the start page the application is listed as finished, with
   * its reference number; opened, it is read-only, and a new application
   * can be based on it. */
  {
    g_autoptr(SbPacket) written = NULL;
    g_autoptr(GFile) written_file = g_file_new_for_path (packet_path);
    g_autofree char *original_id = g_strdup (sb_draft_get_id (draft));
    GtkWidget *page, *row;
    SbWizard *copy;

    written = sb_packet_new_from_file (written_file, sb_form_registry_get_default (), sb_calendar_get_default (NULL), &error);
    g_assert_no_error (error);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    wait_for_drafts (window);
    row = find_row_subtitled (GTK_WIDGET (window), sb_packet_get_reference (written));
    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_mapped (row));
    g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP))),
                     ==, g_dgettext (GETTEXT_PACKAGE, "Finished Applications"));
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-draft-list-finished.png");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-draft", "s", original_id));
    ui_test_wait_for (GTK_WIDGET (window), 500);
    wizard = sb_window_get_wizard (window);
    g_assert_nonnull (wizard);
    g_assert_true (sb_wizard_is_read_only (wizard));
    page = ui_test_find_widget (GTK_WIDGET (wizard), SB_TYPE_REVIEW_PAGE);
    g_assert_true (gtk_widget_get_mapped (page));
    /* Nothing to change, nothing to finish: a new application instead. */
    g_assert_null (find_actionable (page, "review.change-field"));
    g_assert_true (gtk_widget_get_visible (find_actionable (page, "win.new-from-draft")));
    ui_test_wait_for (GTK_WIDGET (window), 500);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-review-read-only.png");

    /* A step shows its answers as text to read and copy, not grey inputs,
     * under a notice with the way to a changed copy. */
    {
      const char *applicant = json_object_get_string_member (answers, "applicant_name");
      GtkWidget *shown, *answer;

      sb_wizard_show_field (wizard, "applicant_name");
      ui_test_wait_for (GTK_WIDGET (window), 500);
      shown = find_named_mapped (GTK_WIDGET (wizard), "read-only-answers");
      g_assert_nonnull (shown);
      g_assert_null (find_mapped (GTK_WIDGET (wizard), SB_TYPE_FIELD_ROW));
      answer = find_label_with_text (shown, applicant);
      g_assert_nonnull (answer);
      g_assert_true (gtk_label_get_selectable (GTK_LABEL (answer)));
      g_assert_true (gtk_widget_is_sensitive (answer));
      g_assert_false (gtk_widget_has_css_class (answer, "dim-label"));
      g_assert_true (gtk_widget_get_mapped (find_actionable (gtk_widget_get_parent (shown), "win.new-from-draft")));
      ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-step-read-only.png");
    }

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-from-draft", NULL));
    ui_test_wait_for (GTK_WIDGET (window), 500);
    copy = sb_window_get_wizard (window);
    g_assert_nonnull (copy);
    g_assert_false (sb_wizard_is_read_only (copy));
    g_assert_cmpstr (sb_draft_get_id (sb_wizard_get_draft (copy)), !=, original_id);
    g_assert_false (sb_draft_is_finished (sb_wizard_get_draft (copy)));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    wait_for_drafts (window);
    wizard = NULL;
  }

  /* What was written is a final packet that verifies, with its files. */
  packet_file = g_file_new_for_path (packet_path);
  packet = sb_packet_new_from_file (packet_file, sb_form_registry_get_default (), sb_calendar_get_default (NULL), &error);
  g_assert_no_error (error);
  g_assert_true (sb_packet_is_verified (packet));
  g_assert_false (sb_packet_is_draft (packet));
  g_assert_cmpuint (sb_packet_get_attachments (packet)->len, >, 10);

  /* The office answers with a review; opening it brings the applicant back
   * to this draft, at the field to correct, with the note under it. */
  {
    g_autoptr(SbReview) review = sb_review_new (definition, sb_packet_get_reference (packet),
                                                sb_packet_get_integrity_hash (packet), sb_packet_get_submission_date (packet));
    g_autoptr(GBytes) bytes = NULL;
    g_autofree char *review_path = g_build_filename (out, "review.sbreview.json", NULL);
    g_autoptr(GFile) review_file = g_file_new_for_path (review_path);
    GtkWidget *flagged, *focus;

    g_assert_true (sb_review_add_note (review, "reclaim_cost_basis", -1, NULL, "请附垦造费用测算明细表。", &error));
    g_assert_no_error (error);
    bytes = sb_review_to_bytes (review);
    g_assert_true (g_file_set_contents (review_path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));

    g_assert_null (sb_window_get_wizard (window));

    g_assert_true (sb_window_open_file (window, review_file));
    ui_test_wait_for (GTK_WIDGET (window), 800);
    wizard = sb_window_get_wizard (window);
    g_assert_nonnull (wizard);
    g_assert_true (sb_wizard_shows_problems (wizard));
    flagged = sb_wizard_get_field_widget (wizard, "reclaim_cost_basis");
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, flagged));
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-wizard-review-notes.png");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* While Finish cannot be pressed, the page says why beside it, and its
 * link goes to the first problem's field. */
/* The window closed while the packet is being made: the packet and its
 * PDF are still written, and the draft as it was closed records the
 * packet, so that the start page lists it as finished. */
static void
test_finish_then_close (void)
{
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autofree char *out = g_dir_make_tmp ("shenbao-finish-XXXXXX", NULL);
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(SbDraft) draft = save_complete_draft (store);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(SbDraft) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reference = NULL;
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard;
  gint64 give_up;

  sb_window_open_draft (window, draft);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  wizard = sb_window_get_wizard (window);
  g_assert_nonnull (wizard);
  g_assert_true (sb_wizard_can_finish (wizard));
  sb_wizard_finish_in_background (wizard, folder);
  g_assert_true (sb_wizard_is_finishing (wizard));
  gtk_window_destroy (GTK_WINDOW (window));

  /* The PDF comes last; then the draft is written. */
  give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (g_get_monotonic_time () < give_up)
    {
      g_autoptr(GDir) listing = g_dir_open (out, 0, NULL);
      const char *name;

      g_clear_pointer (&reference, g_free);
      while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
        if (g_str_has_suffix (name, ".pdf"))
          reference = g_strndup (name, strlen (name) - strlen (".pdf"));
      if (reference != NULL)
        {
          g_clear_object (&stored);
          stored = sb_draft_store_load (store, sb_form_registry_get_default (), sb_draft_get_id (draft), NULL);
          if (stored != NULL && sb_draft_is_finished (stored))
            break;
        }
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_nonnull (reference);
  {
    g_autofree char *json = g_strconcat (out, G_DIR_SEPARATOR_S, reference, ".sbpkt.json", NULL);

    g_assert_true (g_file_test (json, G_FILE_TEST_IS_REGULAR));
  }
  g_assert_nonnull (stored);
  g_assert_true (sb_draft_has_packet (stored, reference));
  g_assert_true (sb_draft_is_finished (stored));
}

/* Back to the start page while the packet is being made: once the
 * packet is recorded, the start page lists the application as finished
 * without being left and shown again. */
static void
test_finish_then_back (void)
{
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autofree char *out = g_dir_make_tmp ("shenbao-finish-XXXXXX", NULL);
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(SbDraft) draft = save_complete_draft (store);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  SbWindow *window = ui_test_open_window (application, 1100);
  g_autofree char *reference = NULL;
  GtkWidget *row = NULL;
  gint64 give_up;

  sb_window_open_draft (window, draft);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_nonnull (sb_window_get_wizard (window));
  sb_wizard_finish_in_background (sb_window_get_wizard (window), folder);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));

  give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (row == NULL && g_get_monotonic_time () < give_up)
    {
      ui_test_wait_for (GTK_WIDGET (window), 100);
      if (reference == NULL)
        {
          g_autoptr(GDir) listing = g_dir_open (out, 0, NULL);
          const char *name;

          while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
            if (g_str_has_suffix (name, ".sbpkt.json"))
              reference = g_strndup (name, strlen (name) - strlen (".sbpkt.json"));
        }
      if (reference != NULL && !sb_window_is_listing_drafts (window))
        row = find_row_subtitled (GTK_WIDGET (window), reference);
    }
  g_assert_nonnull (reference);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_mapped (row));
  g_assert_cmpstr (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP))),
                   ==, g_dgettext (GETTEXT_PACKAGE, "Finished Applications"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Back to the start page while the packet is being made, and the same
 * application opened again and changed: the packet is recorded in the
 * draft as it is open now, and the draft the first wizard had (as it was
 * when it was left) is not written over the change. */
static void
test_finish_then_reopen (void)
{
  g_autofree char *drafts = ui_test_drafts_dir ();
  g_autofree char *out = g_dir_make_tmp ("shenbao-finish-XXXXXX", NULL);
  g_autoptr(SbDraftStore) store = sb_draft_store_new (drafts);
  g_autoptr(SbDraft) draft = save_complete_draft (store);
  g_autoptr(GFile) folder = g_file_new_for_path (out);
  g_autoptr(SbDraft) reopened = NULL;
  g_autoptr(SbDraft) stored = NULL;
  g_autoptr(GError) error = NULL;
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard;
  GtkWidget *focus;
  const char *reference = NULL;
  gint64 give_up;

  sb_window_open_draft (window, draft);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  wizard = sb_window_get_wizard (window);
  g_assert_nonnull (wizard);
  sb_wizard_finish_in_background (wizard, folder);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  g_assert_null (sb_window_get_wizard (window));

  reopened = sb_draft_store_load (store, sb_form_registry_get_default (), sb_draft_get_id (draft), &error);
  g_assert_no_error (error);
  sb_window_open_draft (window, reopened);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  wizard = sb_window_get_wizard (window);
  sb_wizard_show_field (wizard, "project_name");
  ui_test_wait_for (GTK_WIDGET (window), 300);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  gtk_editable_set_text (GTK_EDITABLE (focus), "义井镇蔬菜育苗温室（二期）");
  g_assert_true (sb_wizard_save_now (wizard, &error));

  give_up = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (!sb_draft_get_last_packet (reopened, &reference, NULL) && g_get_monotonic_time () < give_up)
    ui_test_wait_for (GTK_WIDGET (window), 50);
  g_assert_nonnull (reference);
  /* Whatever the first wizard still had is not written after that. */
  ui_test_wait_for (GTK_WIDGET (window), 1500);
  g_assert_true (sb_wizard_save_now (wizard, &error));
  stored = sb_draft_store_load (store, sb_form_registry_get_default (), sb_draft_get_id (draft), &error);
  g_assert_no_error (error);
  g_assert_true (sb_draft_has_packet (stored, reference));
  g_assert_cmpstr (json_node_get_string (sb_answers_get_field_json (sb_draft_get_answers (stored), "project_name")), ==,
                   "义井镇蔬菜育苗温室（二期）");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_review_blocker (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard = ui_test_start_application (window, "gengdi");
  GtkWidget *page, *focus, *finish;
  const char *blocker;

  sb_wizard_show_review (wizard);
  /* Past the stack's transition, for the screenshot. */
  ui_test_wait_for (GTK_WIDGET (window), 1200);
  page = ui_test_find_widget (GTK_WIDGET (wizard), SB_TYPE_REVIEW_PAGE);
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_false (sb_wizard_can_finish (wizard));
  blocker = sb_review_page_get_blocker (SB_REVIEW_PAGE (page));
  g_assert_nonnull (blocker);
  g_assert_nonnull (strstr (blocker, "问题"));
  /* Finish is in sight (not at the end of the answers) and insensitive. */
  finish = find_actionable_by_label (page, g_dgettext (GETTEXT_PACKAGE, "_Finish Application…"));
  g_assert_nonnull (finish);
  g_assert_true (gtk_widget_get_mapped (finish));
  g_assert_false (gtk_widget_get_sensitive (finish));
  g_assert_null (gtk_widget_get_ancestor (finish, GTK_TYPE_SCROLLED_WINDOW));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-review-blocked.png");

  sb_review_page_go_to_blocker (SB_REVIEW_PAGE (page));
  ui_test_wait_for (GTK_WIDGET (window), 500);
  g_assert_false (gtk_widget_get_mapped (page));
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_nonnull (focus);
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (wizard)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Typing that never pauses is still saved: a change a tenth of a second
 * for three seconds, and what was typed more than 1.5 s ago (the
 * one-second maximum wait, and room for the write) is on disk all along.
 * Closing then writes the last change, after any write still running. */
static void
on_toast (SbWizard  *wizard,
          AdwToast  *toast,
          char     **title)
{
  g_free (*title);
  *title = g_strdup (adw_toast_get_title (toast));
}

static void
test_save_while_typing (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard = ui_test_start_application (window, "gengdi");
  g_autoptr(GString) typed = g_string_new ("连续输入测试-");
  gsize start = typed->len;
  GtkWidget *focus;

  sb_wizard_show_field (wizard, "applicant_name");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));

  for (guint i = 0; i < 30; i++)
    {
      g_string_append_c (typed, 'a' + i % 26);
      gtk_editable_set_text (GTK_EDITABLE (focus), typed->str);
      ui_test_wait_for (GTK_WIDGET (window), 100);
      if (i >= 15)
        {
          g_autofree char *drafts = read_drafts ();
          g_autofree char *older = g_strndup (typed->str, start + i + 1 - 15);

          g_assert_nonnull (strstr (drafts, older));
        }
    }

  /* Ctrl+S writes at once, in the background as every save is, and says
   * so when it is on disk. */
  {
    g_autofree char *said = NULL;
    gulong handler = g_signal_connect (wizard, "toast", G_CALLBACK (on_toast), &said);

    g_string_append (typed, "-存");
    gtk_editable_set_text (GTK_EDITABLE (focus), typed->str);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (wizard), "wizard.save", NULL));
    for (guint i = 0; i < 250 && said == NULL; i++)
      ui_test_wait_for (GTK_WIDGET (window), 20);
    g_assert_cmpstr (said, ==, g_dgettext (GETTEXT_PACKAGE, "Saved. Every change is saved as you make it."));
    {
      g_autofree char *drafts = read_drafts ();

      g_assert_nonnull (strstr (drafts, typed->str));
    }
    g_signal_handler_disconnect (wizard, handler);
  }

  g_string_append (typed, "-完");
  gtk_editable_set_text (GTK_EDITABLE (focus), typed->str);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_null (sb_window_get_wizard (window));
  {
    g_autofree char *drafts = read_drafts ();

    g_assert_nonnull (strstr (drafts, typed->str));
  }
  gtk_window_destroy (GTK_WINDOW (window));

  /* Closing the window itself in the middle of typing (a write may be
   * running then) writes the last change before it is gone. */
  window = ui_test_open_window (application, 1100);
  wizard = ui_test_start_application (window, "gengdi");
  sb_wizard_show_field (wizard, "applicant_name");
  ui_test_wait_for (GTK_WIDGET (window), 200);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_string_assign (typed, "关窗测试-");
  for (guint i = 0; i < 11; i++)
    {
      g_string_append_c (typed, 'a' + i);
      gtk_editable_set_text (GTK_EDITABLE (focus), typed->str);
      ui_test_wait_for (GTK_WIDGET (window), 100);
    }
  g_string_append (typed, "-完");
  gtk_editable_set_text (GTK_EDITABLE (focus), typed->str);
  gtk_window_destroy (GTK_WINDOW (window));
  {
    g_autofree char *drafts = read_drafts ();

    g_assert_nonnull (strstr (drafts, typed->str));
  }
}

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

/* A huge and a deeply nested draft in the folder: the start page still
 * opens, and lists each as a draft that cannot be opened, with why. */
static void
test_hostile_drafts (void)
{
  g_autofree char *dir = ui_test_drafts_dir ();
  g_autofree char *huge = g_build_filename (dir, "huge.json", NULL);
  g_autofree char *deep = g_build_filename (dir, "deep.json", NULL);
  g_autofree char *nested = g_strnfill (100000, '[');
  SbWindow *window;
  gint64 give_up;
  int fd;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  fd = g_open (huge, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, 200 * 1024 * 1024), ==, 0);
  close (fd);
  g_assert_true (g_file_set_contents (deep, nested, -1, NULL));

  window = ui_test_open_window (application, 1100);
  give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (sb_window_is_listing_drafts (window) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_window_is_listing_drafts (window));
  ui_test_wait_for (GTK_WIDGET (window), 200);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-start-damaged-drafts.png");

  g_assert_nonnull (find_row_titled (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "A draft is too large to open")));
  g_assert_nonnull (find_row_titled (GTK_WIDGET (window), g_dgettext (GETTEXT_PACKAGE, "A draft could not be opened")));
  /* Kept, not deleted. */
  g_assert_true (g_file_test (huge, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (deep, G_FILE_TEST_EXISTS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (huge);
  g_unlink (deep);
}

int
main (int    argc,
      char **argv)
{
  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;

  g_test_add_func ("/ui/wizard/fill-and-autosave", test_fill_and_autosave);
  g_test_add_func ("/ui/wizard/review-and-finish", test_review_and_finish);
  g_test_add_func ("/ui/wizard/finish-then-close", test_finish_then_close);
  g_test_add_func ("/ui/wizard/finish-then-reopen", test_finish_then_reopen);
  g_test_add_func ("/ui/wizard/finish-then-back", test_finish_then_back);
  g_test_add_func ("/ui/wizard/review-blocker", test_review_blocker);
  g_test_add_func ("/ui/wizard/unsaved-bar", test_unsaved_bar);
  g_test_add_func ("/ui/wizard/save-while-typing", test_save_while_typing);
  g_test_add_func ("/ui/wizard/hostile-drafts", test_hostile_drafts);

  return g_test_run ();
}
