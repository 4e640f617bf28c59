/* test-reviewer.c — the reviewer's view, under a real display
 *
 * Builds the complete 耕地进出平衡 application into a final packet (JSON
 * and PDF), opens both in the window, notes a correction and writes the
 * one-time notice and the review file; then opens a tampered packet (shown
 * as not verifying) and a file that is no packet (explained, nothing
 * opened).  A packet from a stranger: its files are copied only into the
 * cache, under the packet's hash, whatever its reference says, are never
 * handed to another application when the packet does not verify or a file
 * is not what it declares, and its text never displays reversed.
 * Screenshots go to the build folder.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <sys/wait.h>
#include <utime.h>

#include "sb-application.h"
#include "ui-test-util.h"
#include "sb-attachment-cache.h"
#include "sb-calendar.h"
#include "sb-canonical-json.h"
#include "sb-date.h"
#include "sb-document-actions.h"
#include "sb-form-registry.h"
#include "sb-packet.h"
#include "sb-pdf-renderer.h"
#include "sb-window.h"

static SbApplication *application;
static char *work_dir;
/* $HOME and every XDG folder of the application are in here. */
static char *home_dir;

static void save_narrow_screenshots (SbWindow       *window,
                                     SbReviewerView *view,
                                     const char     *prefix);

/* HTML declared as a PDF: a browser would run its script. */
static const char html_as_pdf[] = "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n";

static GBytes *
fixture_file (const char *sha256)
{
  const char *names[] = { "scan.pdf", "photo.png" };

  {
    g_autoptr(GBytes) html = g_bytes_new_static (html_as_pdf, sizeof html_as_pdf - 1);
    g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, html);

    if (g_str_equal (hash, sha256))
      return g_steal_pointer (&html);
  }

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GBytes) bytes = g_file_load_bytes (file, NULL, NULL, NULL);
      g_autofree char *hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);

      if (g_str_equal (hash, sha256))
        return g_steal_pointer (&bytes);
    }
  g_assert_not_reached ();
}

/* Every attachment descriptor of @node (answers or a table row), with the
 * fixture file it names. */
static void
collect (SbFormDefinition *definition,
         JsonObject       *answers,
         GPtrArray        *attachments)
{
  GPtrArray *fields = sb_form_definition_get_fields (definition);

  for (guint f = 0; f < fields->len; f++)
    {
      SbField *field = g_ptr_array_index (fields, f);
      JsonNode *node = json_object_get_member (answers, field->id);
      guint n_rows = field->type == SB_FIELD_TABLE && node ? json_array_get_length (json_node_get_array (node)) : 1;

      if (node == NULL)
        continue;
      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < (field->type == SB_FIELD_TABLE ? field->columns->len : 1); c++)
          {
            SbField *column = field->type == SB_FIELD_TABLE ? g_ptr_array_index (field->columns, c) : field;
            JsonNode *files = node;
            g_autofree char *path = field->type == SB_FIELD_TABLE ? g_strdup_printf ("%s[].%s", field->id, column->id)
                                                                  : g_strdup (field->id);

            if (column->type != SB_FIELD_ATTACHMENT)
              continue;
            if (field->type == SB_FIELD_TABLE)
              files = json_object_get_member (json_array_get_object_element (json_node_get_array (node), r), column->id);
            for (guint i = 0; files != NULL && i < json_array_get_length (json_node_get_array (files)); i++)
              {
                JsonObject *file = json_array_get_object_element (json_node_get_array (files), i);
                g_autoptr(GBytes) data = fixture_file (json_object_get_string_member (file, "sha256"));

                g_ptr_array_add (attachments,
                                 sb_packet_attachment_new (path, field->type == SB_FIELD_TABLE ? (int) r : -1,
                                                           json_object_get_string_member (file, "name"),
                                                           json_object_get_string_member (file, "media_type"), data));
              }
          }
    }
}

/* The complete application as a final packet: JSON and PDF paths. */
static void
make_packet_full (const char  *name,
                  gboolean     resubmitted,
                  char       **json_path,
                  char       **pdf_path)
{
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "gengdi", "complete.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "gengdi", 0);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_attachment_free);
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *object;

  json_parser_load_from_file (parser, complete, &error);
  g_assert_no_error (error);
  object = json_node_get_object (json_parser_get_root (parser));
  if (resubmitted)
    /* The corrected application: a new explanation of the cost. */
    json_object_set_string_member (object, "reclaim_cost_basis", "按每亩2.28万元测算，明细见附表。");
  sb_answers_set_json (answers, object);
  collect (definition, object, attachments);

  packet = sb_packet_new (answers, sb_date_from_ymd (2024, 3, 15), NULL, g_steal_pointer (&attachments),
                          "2024-03-14T08:00:00Z", "2024-03-15T08:00:00Z", sb_calendar_get_default (NULL), &error);
  g_assert_no_error (error);

  {
    g_autofree char *json_name = g_strdup_printf ("%s.sbpkt.json", name);
    g_autofree char *pdf_name = g_strdup_printf ("%s.pdf", name);

    *json_path = g_build_filename (work_dir, json_name, NULL);
    *pdf_path = g_build_filename (work_dir, pdf_name, NULL);
  }
  g_assert_true (sb_packet_save (packet, *json_path, &error));
  g_assert_no_error (error);
  pdf = sb_pdf_render_from_packet (packet, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (*pdf_path, g_bytes_get_data (pdf, NULL), g_bytes_get_size (pdf), NULL));
}

static void
make_packet (char **json_path,
             char **pdf_path)
{
  make_packet_full ("packet", FALSE, json_path, pdf_path);
}

static GtkWidget *find_row (SbReviewerView *view,
                            const char     *title);

/* Turns the main loop until @window has read the packet it opens in the
 * background (thirty seconds at most). */
static void
wait_opened (SbWindow *window)
{
  gint64 give_up = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  while (sb_window_is_opening_file (window) && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_window_is_opening_file (window));
}

/* The message dialog over the windows, destroyed; whether there was one. */
static gboolean
close_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) candidate = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (candidate))
        {
          gtk_window_destroy (GTK_WINDOW (candidate));
          return TRUE;
        }
    }
  return FALSE;
}

/* The window's stack of pages: the one with the opening page. */
static GtkStack *
find_page_stack (GtkWidget *widget)
{
  if (GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), "opening") != NULL)
    return GTK_STACK (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkStack *found = find_page_stack (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static const char *
visible_page (SbWindow *window)
{
  GtkStack *stack = find_page_stack (GTK_WIDGET (window));

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (stack);
}

/* A packet of about @megabytes MB: the fixture's answers and a ZIP of
 * random bytes as the vector data, packed by shenbao-tool. */
static char *
make_large_packet (guint megabytes)
{
  g_autofree char *script = g_strdup_printf (
    "import json, os, sys, zipfile\n"
    "with zipfile.ZipFile(sys.argv[2], 'w', zipfile.ZIP_STORED) as z:\n"
    "    z.writestr('parcels.shp', os.urandom(%u * 1024 * 1024))\n"
    "a = json.load(open(sys.argv[1]))\n"
    "a.pop('out_vector_file', None)\n"
    "json.dump(a, open(sys.argv[3], 'w'), ensure_ascii=False)\n", megabytes);
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "gengdi", "complete.json", NULL);
  g_autofree char *files = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", NULL);
  g_autofree char *zip = g_build_filename (work_dir, "vector.zip", NULL);
  g_autofree char *answers = g_build_filename (work_dir, "large-answers.json", NULL);
  g_autofree char *attach = g_strconcat ("out_vector_file=", zip, NULL);
  char *packet = g_build_filename (work_dir, "large.sbpkt.json", NULL);
  const char *python[] = { "python3", "-c", script, complete, zip, answers, NULL };
  const char *pack[] = { g_getenv ("SHENBAO_TOOL"), "pack", "--form", "gengdi", "--draft", "--files", files,
                         "--attach", attach, answers, "-o", packet, NULL };
  const char * const *commands[] = { python, pack };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autofree char *err = NULL;
      int status = 0;

      g_assert_true (g_spawn_sync (NULL, (char **) commands[i], NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL,
                                   NULL, NULL, NULL, &err, &status, &error));
      g_assert_no_error (error);
      if (!g_spawn_check_wait_status (status, NULL))
        g_error ("%s: %s", commands[i][0], err);
    }
  return packet;
}

static void
test_review_packet (void)
{
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *notice_path = g_build_filename (work_dir, "notice.pdf", NULL);
  g_autofree char *review_path = g_build_filename (work_dir, "review.json", NULL);
  g_autofree char *notice_head = NULL;
  g_autofree char *review_text = NULL;
  g_autoptr(GFile) json_file = NULL;
  g_autoptr(GFile) pdf_file = NULL;
  g_autoptr(GFile) notice_file = NULL;
  g_autoptr(GFile) review_file = NULL;
  g_autoptr(GError) error = NULL;
  SbReviewerView *view;
  SbWindow *window;
  gsize length;

  make_packet (&json_path, &pdf_path);
  json_file = g_file_new_for_path (json_path);
  pdf_file = g_file_new_for_path (pdf_path);
  window = ui_test_open_window (application, 1000);

  g_assert_true (sb_window_open_file (window, json_file));
  ui_test_wait_for (GTK_WIDGET (window), 2000);
  view = sb_window_get_reviewer_view (window);
  g_assert_nonnull (view);
  g_assert_true (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-reviewer.png");
  save_narrow_screenshots (window, view, "screenshot-reviewer-narrow");

  /* The materials as the PDF lists them: the budget submitted with its
   * file, the cross-region explanation not applicable, with why. */
  {
    GPtrArray *materials = sb_form_definition_get_materials (sb_packet_get_definition (sb_reviewer_view_get_packet (view)));

    for (guint i = 0; i < materials->len; i++)
      {
        SbMaterial *material = g_ptr_array_index (materials, i);
        GtkWidget *row;
        const char *subtitle;

        if (!g_str_equal (material->id, "GD-ATT-06") && !g_str_equal (material->id, "GD-ATT-10"))
          continue;
        row = find_row (view, sb_text_get (&material->title));
        g_assert_nonnull (row);
        subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (row));
        if (g_str_equal (material->id, "GD-ATT-06"))
          {
            g_assert_nonnull (strstr (subtitle, _("Submitted")));
            g_assert_nonnull (strstr (subtitle, "垦造耕地费用预算表.pdf"));
          }
        else
          {
            g_assert_nonnull (strstr (subtitle, _("Not applicable")));
            g_assert_nonnull (strstr (subtitle, sb_text_get (&material->not_applicable)));
          }
      }
  }

  /* A correction, then the notice and the review file. */
  g_assert_true (sb_review_add_note (sb_reviewer_view_get_review (view), "reclaim_cost_basis", -1, NULL,
                                     "补正：请附垦造费用测算明细表。", &error));
  g_assert_no_error (error);
  notice_file = g_file_new_for_path (notice_path);
  review_file = g_file_new_for_path (review_path);
  g_assert_true (sb_reviewer_view_save_document (view, SB_REVIEW_DOCUMENT_NOTICE, notice_file, &error));
  g_assert_no_error (error);
  /* The saved notice can be printed, opened and found from the page. */
  {
    GtkWidget *actions = ui_test_find_widget (GTK_WIDGET (view), SB_TYPE_DOCUMENT_ACTIONS);

    g_assert_nonnull (actions);
    g_assert_true (g_file_equal (sb_document_actions_get_file (SB_DOCUMENT_ACTIONS (actions)), notice_file));
  }
  g_assert_true (sb_reviewer_view_save_review (view, review_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (notice_path, &notice_head, &length, NULL));
  g_assert_true (length > 1000 && g_str_has_prefix (notice_head, "%PDF-"));
  /* Written from the window as from the tool, with the packet PDF's
   * fonts: every glyph of its sentences is there (a missing one reads as
   * a gap, as “一次性告知 下” did). */
  {
    g_autofree char *text = NULL;
    g_autoptr(GString) joined = NULL;
    const char *expected[] = {
      "申请材料补正一次性告知单", "现将需要补正的全部内容一次性告知如下，请补正后重新提交：",
      "补正：请附垦造费用测算明细表。", "审核机关签章", "审核机关（盖章）",
    };

    if (g_spawn_sync (NULL, (char *[]) { "pdftotext", notice_path, "-", NULL }, NULL, G_SPAWN_SEARCH_PATH,
                      NULL, NULL, &text, NULL, NULL, NULL))
      {
        joined = g_string_new (text);
        g_string_replace (joined, "\n", "", 0);
        for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
          if (strstr (joined->str, expected[i]) == NULL)
            {
              g_test_message ("the notice has no “%s”:\n%s", expected[i], text);
              g_test_fail ();
            }
      }
  }
  /* The notice is filed too: PDF/A-3b like the application. */
  {
    g_autofree char *checker = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "..", "pdf", "check-pdfa.py", NULL);
    g_autofree char *output = NULL;
    int status = 0;

    g_assert_true (g_spawn_sync (NULL, (char *[]) { "/usr/bin/python3", checker, notice_path, NULL }, NULL, 0,
                                 NULL, NULL, &output, NULL, &status, &error));
    g_assert_no_error (error);
    g_test_message ("%s", output);
    if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
      g_test_message ("the PDF/A checker needs python3-pikepdf: not checked");
    else
      g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (review_path, &review_text, NULL, NULL));
  g_assert_nonnull (strstr (review_text, sb_packet_get_integrity_hash (sb_reviewer_view_get_packet (view))));
  g_assert_nonnull (strstr (review_text, "请附垦造费用测算明细表"));

  /* A resubmission beside this packet: the changed answer is listed. */
  {
    g_autofree char *second_json = NULL;
    g_autofree char *second_pdf = NULL;
    g_autoptr(GFile) second = NULL;
    g_autoptr(GFile) first = g_file_new_for_path (json_path);

    make_packet_full ("resubmitted", TRUE, &second_json, &second_pdf);
    second = g_file_new_for_path (second_json);
    g_assert_true (sb_window_open_file (window, second));
    ui_test_wait_for (GTK_WIDGET (window), 1500);
    g_assert_true (sb_window_compare_with (window, first));
    ui_test_wait_for (GTK_WIDGET (window), 800);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-reviewer-changes.png");
  }

  /* Back on the start page, the packets just opened are listed. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 800);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-start-recent.png");

  /* A packet listed there opens from its row (the row's win.open-recent
   * target is its URI). */
  {
    g_autofree char *uri = g_filename_to_uri (json_path, NULL, NULL);

    g_assert_null (sb_window_get_reviewer_view (window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.open-recent", "s", uri));
    wait_opened (window);
    ui_test_wait_for (GTK_WIDGET (window), 300);
    g_assert_nonnull (sb_window_get_reviewer_view (window));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    ui_test_wait_for (GTK_WIDGET (window), 300);
  }

  /* The PDF opens too, from the packet inside it. */
  g_assert_true (sb_window_open_file (window, pdf_file));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  view = sb_window_get_reviewer_view (window);
  g_assert_nonnull (view);
  g_assert_true (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void check_tampered_view (SbWindow       *window,
                                 SbReviewerView *view);

/* The view in a phone-wide window, each page (the switcher at the bottom
 * then), and the window as wide as before again. */
static void
save_narrow_screenshots (SbWindow       *window,
                         SbReviewerView *view,
                         const char     *prefix)
{
  GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);
  int width = 0, height = 0;

  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), 360, 720);
  for (const char *const *page = (const char *[]) { "verification", "application", "review", NULL }; *page; page++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%s.png", prefix, *page);

      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), *page);
      ui_test_wait_for (GTK_WIDGET (window), 500);
      ui_test_save_screenshot (GTK_WIDGET (window), name);
    }
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "verification");
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  ui_test_wait_for (GTK_WIDGET (window), 500);
}

/* The window's ways of opening a file (the chooser, the recent files, a
 * drop, the command line) read the packet in a worker: the window stays
 * live, a page with Cancel shows after a moment, what cannot be opened
 * is explained then, and a reading cancelled or replaced shows nothing. */
static void
test_open_in_background (void)
{
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *garbage_path = g_build_filename (work_dir, "background-garbage.sbpkt.json", NULL);
  g_autofree char *large_path = NULL;
  g_autoptr(GFile) json = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GFile) garbage = NULL;
  g_autoptr(GFile) large = NULL;
  SbWindow *window;
  SbReviewerView *view;

  make_packet_full ("background", FALSE, &json_path, &pdf_path);
  json = g_file_new_for_path (json_path);
  pdf = g_file_new_for_path (pdf_path);
  g_assert_true (g_file_set_contents (garbage_path, "{\"format\": 1, \"answers\": [", -1, NULL));
  garbage = g_file_new_for_path (garbage_path);
  window = ui_test_open_window (application, 1000);

  /* Read in the worker: nothing yet when the call returns. */
  sb_window_open_file_in_background (window, pdf);
  g_assert_true (sb_window_is_opening_file (window));
  g_assert_null (sb_window_get_reviewer_view (window));
  wait_opened (window);
  view = sb_window_get_reviewer_view (window);
  g_assert_nonnull (view);
  /* The PDF's pages were compared with the packet in the worker too. */
  g_assert_true (sb_reviewer_view_is_verified (view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (sb_window_get_reviewer_view (window));

  /* Cancelled: nothing opens, even once the reading is done. */
  sb_window_open_file_in_background (window, json);
  sb_window_cancel_opening (window);
  g_assert_false (sb_window_is_opening_file (window));
  ui_test_wait_for (GTK_WIDGET (window), 1000);
  g_assert_null (sb_window_get_reviewer_view (window));
  g_assert_false (close_message_dialog ());

  /* Not a packet: explained once read, nothing opened. */
  sb_window_open_file_in_background (window, garbage);
  wait_opened (window);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_null (sb_window_get_reviewer_view (window));
  g_assert_true (close_message_dialog ());

  /* Replaced by another before it was read: only the last one counts. */
  sb_window_open_file_in_background (window, garbage);
  sb_window_open_file_in_background (window, json);
  wait_opened (window);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_false (close_message_dialog ());
  view = sb_window_get_reviewer_view (window);
  g_assert_nonnull (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 300);

  /* A large packet: after a moment the page says what is opened; Cancel
   * (Back) returns to the start page, and nothing opens later. */
  large_path = make_large_packet (60);
  large = g_file_new_for_path (large_path);
  sb_window_open_file_in_background (window, large);
  {
    gint64 give_up = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (sb_window_is_opening_file (window) && g_strcmp0 (visible_page (window), "opening") != 0 &&
           g_get_monotonic_time () < give_up)
      g_main_context_iteration (NULL, TRUE);
  }
  if (!sb_window_is_opening_file (window))
    {
      /* A fast machine read sixty megabytes within the 200 ms. */
      g_test_message ("the large packet was read before the opening page was due");
      g_assert_nonnull (sb_window_get_reviewer_view (window));
    }
  else
    {
      GtkWidget *page = gtk_stack_get_child_by_name (find_page_stack (GTK_WIDGET (window)), "opening");

      g_assert_cmpstr (visible_page (window), ==, "opening");
      g_assert_nonnull (strstr (adw_status_page_get_title (ADW_STATUS_PAGE (page)), "large.sbpkt.json"));
      /* The crossfade over, for the screenshot: the window is live. */
      while (gtk_stack_get_transition_running (find_page_stack (GTK_WIDGET (window))))
        g_main_context_iteration (NULL, TRUE);
      if (sb_window_is_opening_file (window))
        ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-opening.png");
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
      g_assert_false (sb_window_is_opening_file (window));
      g_assert_cmpstr (visible_page (window), ==, "start");
      ui_test_wait_for (GTK_WIDGET (window), 3000);
      g_assert_null (sb_window_get_reviewer_view (window));
      g_assert_cmpstr (visible_page (window), ==, "start");
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_bad_packets (void)
{
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tampered_path = g_build_filename (work_dir, "tampered.sbpkt.json", NULL);
  g_autofree char *garbage_path = g_build_filename (work_dir, "garbage.sbpkt.json", NULL);
  g_autoptr(GFile) tampered = NULL;
  g_autoptr(GFile) garbage = NULL;
  g_autoptr(GString) changed = NULL;
  GListModel *toplevels;
  SbReviewerView *view;
  SbWindow *window;
  gboolean has_dialog = FALSE;

  make_packet (&json_path, &pdf_path);
  g_assert_true (g_file_get_contents (json_path, &text, NULL, NULL));
  changed = g_string_new (text);
  /* One answer changed after the packet was sealed. */
  g_assert_cmpuint (g_string_replace (changed, "512000.00", "412000.00", 1), ==, 1);
  g_assert_true (g_file_set_contents (tampered_path, changed->str, -1, NULL));
  g_assert_true (g_file_set_contents (garbage_path, "{\"format\": 1, \"answers\": [", -1, NULL));
  tampered = g_file_new_for_path (tampered_path);
  garbage = g_file_new_for_path (garbage_path);

  window = ui_test_open_window (application, 1000);
  g_assert_true (sb_window_open_file (window, tampered));
  ui_test_wait_for (GTK_WIDGET (window), 2000);
  view = sb_window_get_reviewer_view (window);
  g_assert_nonnull (view);
  g_assert_false (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-reviewer-tampered.png");
  save_narrow_screenshots (window, view, "screenshot-reviewer-tampered-narrow");
  check_tampered_view (window, view);

  /* Not a packet: a dialog says so; the open review stays. */
  g_assert_false (sb_window_open_file (window, garbage));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_true (sb_window_get_reviewer_view (window) == view);
  toplevels = gtk_window_get_toplevels ();
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) candidate = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (candidate))
        {
          has_dialog = TRUE;
          ui_test_save_screenshot (candidate, "screenshot-open-error.png");
          gtk_window_destroy (GTK_WINDOW (candidate));
          break;
        }
    }
  g_assert_true (has_dialog);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A stranger's packet */

/* U+202E (RIGHT-TO-LEFT OVERRIDE) makes "现场照片\u202Egnp.pdf" read as
 * "现场照片fdp.png". */
#define RLO_NAME "现场照片\u202Egnp.pdf"
/* As close to ../../../../.config/autostart/shenbao.pdf as a packet may
 * come: U+2215 DIVISION SLASH. */
#define CLIMBING_NAME "..∕..∕..∕..∕.config∕autostart∕shenbao.pdf"

/* The complete application with its first two files named @out_name and
 * @in_name, and, when @mismatched, bidi controls in the applicant's name
 * and a multi-line answer: made as the applicant's computer makes it, so
 * it verifies. */
static SbPacket *
make_stranger_packet (const char  *out_name,
                      const char  *in_name,
                      gboolean     mismatched,
                      GError     **error)
{
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "gengdi", "complete.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "gengdi", 0);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autoptr(GPtrArray) attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) sb_packet_attachment_free);
  JsonObject *object;

  g_assert_true (json_parser_load_from_file (parser, complete, NULL));
  object = json_node_get_object (json_parser_get_root (parser));
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (object, "out_vector_file"), 0),
                                 "name", out_name);
  json_object_set_string_member (json_array_get_object_element (json_object_get_array_member (object, "in_vector_file"), 0),
                                 "name", in_name);
  if (mismatched)
    {
      json_object_set_string_member (object, "applicant_name", "阳泉市城区\u202E社作合业专植种菜蔬");
      json_object_set_string_member (object, "reclaim_cost_basis", "按每亩2.28万元测算，\u2067含土地平整\n明细见附表。");
    }
  sb_answers_set_json (answers, object);
  collect (definition, object, attachments);
  return sb_packet_new (answers, sb_date_from_ymd (2024, 3, 15), NULL, g_steal_pointer (&attachments),
                        "2024-03-14T08:00:00Z", "2024-03-15T08:00:00Z", sb_calendar_get_default (NULL), error);
}

/* @root_node's packet with @reference, sealed again: the integrity hash of
 * what it now holds, as a forger would compute it. */
static GBytes *
seal (JsonNode   *root_node,
      const char *reference)
{
  JsonObject *root = json_node_get_object (root_node);
  g_autoptr(GBytes) unsealed = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *hash = NULL;
  GBytes *sealed;

  json_object_set_string_member (root, "reference", reference);
  unsealed = sb_canonical_json_serialize_without (root_node, "integrity", &error);
  g_assert_no_error (error);
  hash = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, unsealed);
  json_object_set_string_member (json_object_get_object_member (root, "integrity"), "hash", hash);
  sealed = sb_canonical_json_serialize (root_node, &error);
  g_assert_no_error (error);
  return sealed;
}

/* The reference number the reader expects of @root's content, computed as
 * tests/packets/make-hostile.py does: a forger can. */
static char *
forged_reference (JsonObject *root,
                  const char *prefix)
{
  static const char alphabet[] = "345679ACDEFGHJKMNPQRTUVWXY";
  g_autoptr(JsonObject) content = json_object_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *date = json_object_get_string_member (root, "submission_date");
  guint8 digest[32];
  gsize length = sizeof digest;
  GString *body = g_string_new (prefix);
  guint sum = 0, weight = 1;

  for (const char * const *key = (const char *[]) { "form", "submission_date", "created", "answers", NULL }; *key; key++)
    if (json_object_has_member (root, *key))
      json_object_set_member (content, *key, json_node_copy (json_object_get_member (root, *key)));
  json_node_set_object (node, content);
  bytes = sb_canonical_json_serialize (node, NULL);
  g_assert_nonnull (bytes);
  g_checksum_update (checksum, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_checksum_get_digest (checksum, digest, &length);
  g_string_append_printf (body, "%.2s%.2s%.2s-", date + 2, date + 5, date + 8);
  for (guint i = 0; i < 6; i++)
    g_string_append_c (body, alphabet[digest[i] % (sizeof alphabet - 1)]);
  for (const char *p = body->str; *p; p++, weight++)
    sum += weight * (guchar) *p;
  g_string_append_c (body, alphabet[sum % (sizeof alphabet - 1)]);
  return g_string_free (body, FALSE);
}

/* The first file of @field in the saved packet @root, in its answers and
 * its attachments, renamed to @name and, with @data, given those bytes;
 * then sealed again with the reference number of what it now holds: the
 * reader must judge what it says. */
static GBytes *
forge_file (JsonNode   *root_node,
            const char *field,
            const char *name,
            GBytes     *data)
{
  JsonObject *root = json_node_get_object (root_node);
  JsonObject *answer = json_array_get_object_element (json_object_get_array_member (json_object_get_object_member (root, "answers"),
                                                                                    field), 0);
  JsonArray *attachments = json_object_get_array_member (root, "attachments");
  g_autofree char *old_name = g_strdup (json_object_get_string_member (answer, "name"));
  const char *reference = json_object_get_string_member (root, "reference");
  /* The form's prefix: what comes before YYMMDD-XXXXXXC. */
  g_autofree char *prefix = g_strndup (reference, strlen (reference) - 14);
  g_autofree char *forged = NULL;
  gboolean found = FALSE;

  for (guint i = 0; i < json_array_get_length (attachments); i++)
    {
      JsonObject *attachment = json_array_get_object_element (attachments, i);

      if (g_strcmp0 (json_object_get_string_member (attachment, "field"), field) != 0 ||
          g_strcmp0 (json_object_get_string_member (attachment, "name"), old_name) != 0)
        continue;
      for (JsonObject *object = attachment; object != NULL; object = object == attachment ? answer : NULL)
        {
          json_object_set_string_member (object, "name", name);
          if (data != NULL)
            {
              g_autofree char *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, data);

              json_object_set_int_member (object, "size", (gint64) g_bytes_get_size (data));
              json_object_set_string_member (object, "sha256", sha256);
            }
        }
      if (data != NULL)
        {
          g_autofree char *base64 = g_base64_encode (g_bytes_get_data (data, NULL), g_bytes_get_size (data));

          json_object_set_string_member (attachment, "data", base64);
        }
      found = TRUE;
      break;
    }
  g_assert_true (found);

  forged = forged_reference (root, prefix);
  return seal (root_node, forged);
}

/* Every widget under @widget (itself included) for which @test holds. */
static void
collect_widgets (GtkWidget  *widget,
                 gboolean  (*test) (GtkWidget *widget),
                 GPtrArray  *found)
{
  if (test (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, test, found);
}

static gboolean
is_open_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "reviewer.open-attachment") == 0;
}

static gboolean
is_preferences_group (GtkWidget *widget)
{
  return ADW_IS_PREFERENCES_GROUP (widget);
}

static gboolean
is_action_row (GtkWidget *widget)
{
  return ADW_IS_ACTION_ROW (widget);
}

/* Whether the lookups below wait for the view's pages to be built; not
 * in the test of what is built when. */
static gboolean lookups_wait = TRUE;

/* A view on the screen builds its pages not shown in idle time, later on
 * a loaded machine: what is looked for in them is looked for once built. */
static void
wait_until_built (SbReviewerView *view)
{
  gint64 give_up = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (lookups_wait && gtk_widget_get_mapped (GTK_WIDGET (view)) && !sb_reviewer_view_is_built (view) &&
         g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
}

/* The Open buttons of @view's attached files. */
static GPtrArray *
open_buttons (SbReviewerView *view)
{
  GPtrArray *buttons = g_ptr_array_new ();

  wait_until_built (view);
  collect_widgets (GTK_WIDGET (view), is_open_button, buttons);
  return buttons;
}

/* The row whose title is @title. */
static GtkWidget *
find_row (SbReviewerView *view,
          const char     *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  wait_until_built (view);
  collect_widgets (GTK_WIDGET (view), is_action_row, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The entry of a note button's popover, opened as the reviewer opens it:
 * the popover is made when it is first asked for. */
static GtkWidget *
note_entry (GtkWidget *button)
{
  GtkWidget *entry;

  g_assert_null (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  entry = ui_test_find_widget (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))), GTK_TYPE_ENTRY);
  g_assert_nonnull (entry);
  return entry;
}

/* A toast says what went wrong: in the log. */
static void
on_toast (SbReviewerView *view,
          AdwToast       *toast,
          gpointer        user_data)
{
  g_test_message ("toast: %s", adw_toast_get_title (toast));
}

static gboolean
on_launch (SbReviewerView  *view,
           const char      *uri,
           GError         **error,
           char           **launched)
{
  g_free (*launched);
  *launched = g_strdup (uri);
  return TRUE;  /* the test's stand-in for the desktop's viewer */
}

/* Every path under @dir, without following links. */
static void
list_tree (const char *dir,
           GHashTable *paths)
{
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
        list_tree (path, paths);
      g_hash_table_add (paths, g_steal_pointer (&path));
    }
}

/* A packet is re-sealed after @reference is put in: it verifies, as a
 * forger would make it. */
static char *
forge_reference (SbPacket   *packet,
                 const char *reference,
                 const char *name)
{
  g_autofree char *path = g_build_filename (work_dir, name, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GBytes) sealed = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_packet_save (packet, path, &error));
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  sealed = seal (json_parser_get_root (parser), reference);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (sealed, NULL), g_bytes_get_size (sealed), &error));
  return g_steal_pointer (&path);
}

/* The page with the files, shown: a button that is not on the screen is
 * not pressed (GtkButton ignores activation until realized). */
static void
show_application_page (SbReviewerView *view)
{
  GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "application");
  ui_test_wait_for (GTK_WIDGET (view), 300);
}

/* The application page scrolled to its Attached Files. */
static void
show_files (SbReviewerView *view)
{
  g_autoptr(GPtrArray) groups = g_ptr_array_new ();
  GtkWidget *group = NULL;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  graphene_point_t point;

  show_application_page (view);
  collect_widgets (GTK_WIDGET (view), is_preferences_group, groups);
  for (guint i = 0; i < groups->len; i++)
    if (g_strcmp0 (adw_preferences_group_get_title (g_ptr_array_index (groups, i)), _("Attached Files")) == 0)
      group = g_ptr_array_index (groups, i);
  g_assert_nonnull (group);
  scrolled = gtk_widget_get_ancestor (group, GTK_TYPE_SCROLLED_WINDOW);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_widget_compute_point (group, gtk_scrolled_window_get_child (GTK_SCROLLED_WINDOW (scrolled)),
                                           &GRAPHENE_POINT_INIT (0, 0), &point));
  gtk_adjustment_set_value (adjustment, point.y - 24);
  ui_test_wait_for (GTK_WIDGET (view), 300);
}

/* Waits (main loop turning) until @done is set, for at most ten seconds:
 * a button emits "clicked" some time after it is activated, and the copy
 * is written in a worker thread. */
static void
wait_until (char **done)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (*done == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static void
close_message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GtkWidget) candidate = g_list_model_get_item (toplevels, i - 1);

      if (ADW_IS_MESSAGE_DIALOG (candidate))
        gtk_window_destroy (GTK_WINDOW (candidate));
    }
}

/* The case register's own files: opening a packet for review registers
 * it (sb-window-register.c), so the register's database may be written —
 * that file and its journals, and nothing else there. */
static gboolean
is_register_file (const char *entry)
{
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "shenbao", NULL);
  const char *names[] = { "register.sqlite", "register.sqlite-wal", "register.sqlite-shm", "register.sqlite-journal" };

  if (g_str_equal (entry, folder))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (folder, names[i], NULL);

      if (g_str_equal (entry, path))
        return TRUE;
    }
  return FALSE;
}

/* Whether anything appeared in the home folder since @before, outside
 * the application's cache folder and the case register. */
static void
assert_nothing_written_outside_cache (GHashTable *before)
{
  g_autoptr(GHashTable) after = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cache = g_build_filename (home_dir, ".cache", APP_ID, NULL);
  g_autofree char *cache_prefix = g_strconcat (cache, G_DIR_SEPARATOR_S, NULL);
  g_autofree char *autostart = g_build_filename (home_dir, ".config", "autostart", NULL);
  GHashTableIter iter;
  const char *entry;

  list_tree (home_dir, after);
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, (gpointer *) &entry, NULL))
    if (!g_hash_table_contains (before, entry) && !g_str_equal (entry, cache) && !g_str_has_prefix (entry, cache_prefix) &&
        !is_register_file (entry))
      g_error ("written outside the cache: %s", entry);
  g_assert_false (g_file_test (autostart, G_FILE_TEST_EXISTS));
  /* Nor above it, where one "../" too many would land. */
  {
    g_autofree char *above = g_build_filename (work_dir, ".config", NULL);

    g_assert_false (g_file_test (above, G_FILE_TEST_EXISTS));
  }
}

/* @packet (saved at @path) in a window: the main window when the reader
 * takes it, else the view alone (a reader that refuses more is no reason
 * to leave the view untested). */
static SbReviewerView *
show_packet (SbPacket    *packet,
             const char  *path,
             GtkWindow  **window)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SbWindow *main_window = ui_test_open_window (application, 1000);
  SbReviewerView *view;

  if (sb_window_open_file (main_window, file))
    {
      ui_test_wait_for (GTK_WIDGET (main_window), 1000);
      *window = GTK_WINDOW (main_window);
      return sb_window_get_reviewer_view (main_window);
    }
  g_test_message ("the reader refused %s: the view is shown alone", path);
  close_message_dialogs ();
  gtk_window_destroy (GTK_WINDOW (main_window));

  view = sb_reviewer_view_new (packet, file, FALSE, sb_date_from_ymd (2024, 3, 18), sb_calendar_get_default (NULL));
  *window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (*window, 1000, 800);
  gtk_window_set_child (*window, GTK_WIDGET (view));
  gtk_window_present (*window);
  ui_test_wait_for (GTK_WIDGET (*window), 500);
  return view;
}

/* The reference ../../../../.config/autostart: the packet does not verify
 * (or is refused), and Open writes nothing.  Then a packet that verifies
 * with files named as a path (with U+2215, as a packet may not hold a
 * slash) and a launcher: the first is copied into the cache under the
 * hash and nowhere else, the second is not offered. */
static void
test_open_confined (void)
{
  const char *traversal = "../../../../.config/autostart";
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = NULL;
  g_autofree char *path = NULL;
  g_autofree char *launched = NULL;
  g_autofree char *cache_dir = NULL;
  g_autoptr(GHashTable) before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  SbReviewerView *view;
  GtkWindow *window;
  SbWindow *main_window;
  GtkWidget *row;

  packet = make_stranger_packet ("转出地块矢量数据.pdf", "垦造地块矢量数据.pdf", FALSE, &error);
  g_assert_no_error (error);
  path = forge_reference (packet, traversal, "traversal.sbpkt.json");
  file = g_file_new_for_path (path);
  list_tree (home_dir, before);
  main_window = ui_test_open_window (application, 1000);
  if (sb_window_open_file (main_window, file))
    {
      ui_test_wait_for (GTK_WIDGET (main_window), 1000);
      view = sb_window_get_reviewer_view (main_window);
      g_assert_false (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));
      g_signal_connect (view, "launch", G_CALLBACK (on_launch), &launched);
      g_signal_connect (view, "toast", G_CALLBACK (on_toast), NULL);
      buttons = open_buttons (view);
      g_assert_cmpuint (buttons->len, >, 0);
      for (guint i = 0; i < buttons->len; i++)
        {
          g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (buttons, i)));
          /* A click that got through anyway does nothing. */
          g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
        }
      g_clear_pointer (&buttons, g_ptr_array_unref);
      ui_test_wait_for (GTK_WIDGET (main_window), 300);
      g_assert_null (launched);
    }
  else
    {
      g_test_message ("the reader refused the reference %s", traversal);
      close_message_dialogs ();
    }
  gtk_window_destroy (GTK_WINDOW (main_window));
  ui_test_wait_for (GTK_WIDGET (ui_test_open_window (application, 400)), 100);
  assert_nothing_written_outside_cache (before);

  /* Names that climb out of the folder, in a packet that verifies. */
  g_clear_object (&packet);
  g_clear_pointer (&path, g_free);
  packet = make_stranger_packet (CLIMBING_NAME, "..x.desktop", FALSE, &error);
  if (packet == NULL)
    {
      g_test_message ("a packet with such names cannot be made: %s", error->message);
      return;
    }
  path = g_build_filename (work_dir, "climbing-names.sbpkt.json", NULL);
  g_assert_true (sb_packet_save (packet, path, &error));
  g_assert_no_error (error);
  view = show_packet (packet, path, &window);
  g_assert_true (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));
  cache_dir = g_build_filename (home_dir, ".cache", APP_ID, "attachments",
                                sb_packet_get_integrity_hash (sb_reviewer_view_get_packet (view)), NULL);
  g_signal_connect (view, "launch", G_CALLBACK (on_launch), &launched);
  g_signal_connect (view, "toast", G_CALLBACK (on_toast), NULL);

  /* A launcher is never offered, whatever its bytes. */
  row = find_row (view, "..x.desktop");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            _("A file of this kind can run a program: it is never opened from here.")));
  buttons = g_ptr_array_new ();
  collect_widgets (row, is_open_button, buttons);
  g_assert_cmpuint (buttons->len, ==, 0);
  g_clear_pointer (&buttons, g_ptr_array_unref);

  g_clear_pointer (&before, g_hash_table_unref);
  before = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  list_tree (home_dir, before);
  show_application_page (view);
  row = find_row (view, CLIMBING_NAME);
  g_assert_nonnull (row);
  buttons = g_ptr_array_new ();
  collect_widgets (row, is_open_button, buttons);
  g_assert_cmpuint (buttons->len, ==, 1);
  g_assert_true (gtk_widget_get_sensitive (g_ptr_array_index (buttons, 0)));
  gtk_widget_activate (g_ptr_array_index (buttons, 0));
  wait_until (&launched);
  g_assert_nonnull (launched);
  {
    g_autofree char *launched_path = g_filename_from_uri (launched, NULL, NULL);
    g_autofree char *expected = g_build_filename (cache_dir, "∕..∕..∕..∕.config∕autostart∕shenbao.pdf", NULL);

    /* The viewer is given the copy in the packet's own folder. */
    g_assert_cmpstr (launched_path, ==, expected);
    g_assert_true (g_file_test (launched_path, G_FILE_TEST_IS_REGULAR));
  }
  assert_nothing_written_outside_cache (before);

  /* Closing the review removes the copies. */
  gtk_window_destroy (window);
  ui_test_wait_for (GTK_WIDGET (ui_test_open_window (application, 400)), 100);
  g_assert_false (g_file_test (cache_dir, G_FILE_TEST_EXISTS));
}

/* The folder is named by the hash, not by the reference: a sound packet's
 * copy lands in the same place a forged one's would. */
static void
test_cache_path_is_the_hash (void)
{
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *launched = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  SbReviewerView *view;
  SbWindow *window;
  SbPacket *packet;

  make_packet_full ("by-hash", FALSE, &json_path, &pdf_path);
  file = g_file_new_for_path (json_path);
  window = ui_test_open_window (application, 1000);
  g_assert_true (sb_window_open_file (window, file));
  ui_test_wait_for (GTK_WIDGET (window), 1000);
  view = sb_window_get_reviewer_view (window);
  packet = sb_reviewer_view_get_packet (view);
  g_assert_true (sb_attachment_cache_hash_is_valid (sb_packet_get_integrity_hash (packet)));
  g_signal_connect (view, "launch", G_CALLBACK (on_launch), &launched);
  g_signal_connect (view, "toast", G_CALLBACK (on_toast), NULL);

  buttons = open_buttons (view);
  g_assert_cmpuint (buttons->len, >, 0);
  show_application_page (view);
  gtk_widget_activate (g_ptr_array_index (buttons, 0));
  wait_until (&launched);
  g_assert_nonnull (launched);
  {
    GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (g_ptr_array_index (buttons, 0)));
    SbPacketAttachment *attachment = g_ptr_array_index (sb_packet_get_attachments (packet), g_variant_get_uint32 (target));
    g_autofree char *safe = sb_packet_safe_file_name (attachment->name);
    g_autofree char *expected = g_build_filename (home_dir, ".cache", APP_ID, "attachments",
                                                  sb_packet_get_integrity_hash (packet), safe, NULL);
    g_autofree char *launched_path = g_filename_from_uri (launched, NULL, NULL);
    g_autofree char *contents = NULL;
    gsize length;

    g_assert_cmpstr (launched_path, ==, expected);
    g_assert_null (strstr (launched_path, sb_packet_get_reference (packet)));
    g_assert_true (g_file_get_contents (launched_path, &contents, &length, NULL));
    g_assert_cmpmem (contents, length, g_bytes_get_data (attachment->data, NULL), g_bytes_get_size (attachment->data));

    /* Another packet opened in the window: this one's copies go. */
    {
      g_autofree char *folder = g_path_get_dirname (launched_path);
      g_autofree char *other_json = NULL;
      g_autofree char *other_pdf = NULL;
      g_autoptr(GFile) other = NULL;

      make_packet_full ("by-hash-other", TRUE, &other_json, &other_pdf);
      other = g_file_new_for_path (other_json);
      g_assert_true (sb_window_open_file (window, other));
      ui_test_wait_for (GTK_WIDGET (window), 300);
      g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));
    }
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
is_remove_note_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "reviewer.remove-note") == 0;
}

static gboolean
is_entry_row (GtkWidget *widget)
{
  return ADW_IS_ENTRY_ROW (widget);
}

static gboolean
is_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget);
}

static gboolean
is_combo_row (GtkWidget *widget)
{
  return ADW_IS_COMBO_ROW (widget);
}

/* The entry row titled @title. */
static GtkWidget *
find_entry_row (SbReviewerView *view,
                const char     *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  wait_until_built (view);
  collect_widgets (GTK_WIDGET (view), is_entry_row, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The combo row titled @title. */
static GtkWidget *
find_combo_row (SbReviewerView *view,
                const char     *title)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  wait_until_built (view);
  collect_widgets (GTK_WIDGET (view), is_combo_row, rows);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The autosaved reviews of earlier tests go: each test starts afresh. */
static void
forget_saved_reviews (void)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, "reviews", NULL);
  g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
  const char *name;

  while (listing != NULL && (name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
}

static guint
decision_position (SbPacket   *packet,
                   const char *id)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (sb_packet_get_definition (packet));

  for (guint i = 0; i < decisions->len; i++)
    if (g_str_equal (((SbDecision *) g_ptr_array_index (decisions, i))->id, id))
      return i + 1;  /* after 尚未决定 */
  g_assert_not_reached ();
}

static gboolean
is_expander_row (GtkWidget *widget)
{
  return ADW_IS_EXPANDER_ROW (widget);
}

static gboolean
is_drop_down (GtkWidget *widget)
{
  return GTK_IS_DROP_DOWN (widget);
}

static gboolean
is_info_bar (GtkWidget *widget)
{
  return GTK_IS_INFO_BAR (widget);
}

/* Every checklist item of the 审核 page set to @state. */
static void
set_every_check (SbReviewerView *view,
                 SbCheckState    state)
{
  g_autoptr(GPtrArray) dropdowns = g_ptr_array_new ();

  collect_widgets (GTK_WIDGET (view), is_drop_down, dropdowns);
  g_assert_cmpuint (dropdowns->len, >, 0);
  for (guint i = 0; i < dropdowns->len; i++)
    gtk_drop_down_set_selected (g_ptr_array_index (dropdowns, i), state);
}

/* The visible, revealed info bar whose text has @needle, or NULL. */
static GtkWidget *
find_info_bar (GtkWidget  *widget,
               const char *needle)
{
  g_autoptr(GPtrArray) bars = g_ptr_array_new ();

  collect_widgets (widget, is_info_bar, bars);
  for (guint i = 0; i < bars->len; i++)
    {
      GtkWidget *bar = g_ptr_array_index (bars, i);
      GtkWidget *label = ui_test_find_widget (bar, GTK_TYPE_LABEL);

      if (gtk_widget_get_visible (bar) && gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)) && label != NULL &&
          strstr (gtk_label_get_text (GTK_LABEL (label)), needle) != NULL)
        return bar;
    }
  return NULL;
}

static gboolean
is_image (GtkWidget *widget)
{
  return GTK_IS_IMAGE (widget);
}

/* A packet that does not verify: a bar above every page, no ready mark,
 * and an approval that asks first, naming what failed. */
static void
check_tampered_view (SbWindow       *window,
                     SbReviewerView *view)
{
  GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);
  GtkWidget *bar = find_info_bar (GTK_WIDGET (view), _("This Packet Does Not Verify — Do Not Rely on It"));
  GtkWidget *combo, *ready, *confirm;
  SbReview *review = sb_reviewer_view_get_review (view);
  g_autoptr(GPtrArray) images = g_ptr_array_new ();

  /* It claims the genuine packet's hash, whose review has a note: that
   * review is not this one's. */
  g_assert_cmpuint (sb_review_get_notes (review)->len, ==, 0);
  g_assert_cmpstr (sb_review_get_packet_hash (review), !=,
                   sb_packet_get_integrity_hash (sb_reviewer_view_get_packet (view)));

  /* The bar is above the pages, on each of them; the switcher is in
   * the header bar. */
  g_assert_nonnull (bar);
  g_assert_false (gtk_widget_is_ancestor (bar, stack));
  g_assert_true (gtk_widget_is_ancestor (sb_reviewer_view_get_title_widget (view), GTK_WIDGET (window)));
  g_assert_false (gtk_widget_is_ancestor (sb_reviewer_view_get_title_widget (view), GTK_WIDGET (view)));
  for (const char *const *page = (const char *[]) { "application", "review", "verification", NULL }; *page; page++)
    {
      adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), *page);
      ui_test_wait_for (GTK_WIDGET (window), 100);
      g_assert_true (gtk_widget_get_mapped (bar));
    }

  /* No green ready mark. */
  ready = find_row (view, _("Ready to submit"));
  g_assert_nonnull (ready);
  collect_widgets (ready, is_image, images);
  for (guint i = 0; i < images->len; i++)
    g_assert_false (gtk_widget_has_css_class (g_ptr_array_index (images, i), "success"));

  /* Approval, the checklist done, still asks first, naming the failure. */
  set_every_check (view, SB_CHECK_OK);
  combo = find_combo_row (view, _("Decision"));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "review");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), decision_position (sb_reviewer_view_get_packet (view), "approve"));
  g_assert_null (sb_review_get_decision (review));
  {
    g_autofree char *problem = sb_review_dup_decision_problem (review, "approve");

    g_assert_null (problem);
  }
  confirm = find_info_bar (GTK_WIDGET (view), _("Approve a Packet That Does Not Verify?"));
  g_assert_nonnull (confirm);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-reviewer-tampered-approve.png");
  {
    GtkWidget *label = ui_test_find_widget (confirm, GTK_TYPE_LABEL);
    GPtrArray *checks = sb_packet_get_checks (sb_reviewer_view_get_packet (view));

    for (guint i = 0; i < checks->len; i++)
      if (!((SbPacketCheck *) g_ptr_array_index (checks, i))->ok)
        g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (label)),
                                  ((SbPacketCheck *) g_ptr_array_index (checks, i))->message));
  }
  gtk_info_bar_response (GTK_INFO_BAR (confirm), GTK_RESPONSE_CANCEL);
  g_assert_null (sb_review_get_decision (review));
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), decision_position (sb_reviewer_view_get_packet (view), "approve"));
  confirm = find_info_bar (GTK_WIDGET (view), _("Approve a Packet That Does Not Verify?"));
  gtk_info_bar_response (GTK_INFO_BAR (confirm), GTK_RESPONSE_ACCEPT);
  g_assert_cmpstr (sb_review_get_decision (review), ==, "approve");
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "verification");
  }

static gboolean
is_menu_button (GtkWidget *widget)
{
  return GTK_IS_MENU_BUTTON (widget);
}

/* The review page's rows do what they say: a note on the whole
 * application and one on an answer (from the application page) are
 * listed and removed again, the decision and the reviewer are kept. */
static void
test_review_work (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = make_stranger_packet ("转出地块矢量数据.pdf", "垦造地块矢量数据.pdf", FALSE, &error);
  g_autoptr(GFile) source = g_file_new_for_path ("/nonexistent/review-work.sbpkt.json");
  SbReviewerView *view;
  SbReview *review;
  GtkWidget *window, *entry, *combo;
  GPtrArray *decisions;

  g_assert_no_error (error);
  forget_saved_reviews ();
  view = sb_reviewer_view_new (packet, source, FALSE, sb_date_from_ymd (2024, 3, 18), sb_calendar_get_default (NULL));
  review = sb_reviewer_view_get_review (view);
  g_signal_connect (view, "toast", G_CALLBACK (on_toast), NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (window, 300);

  /* Opening the view decides nothing. */
  g_assert_null (sb_review_get_decision (review));
  g_assert_nonnull (find_row (view, _("No corrections noted")));

  /* A note on the whole application, with the Add Note button. */
  entry = find_entry_row (view, _("A note on the application as a whole"));
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "补正：请补充村委会会议纪要。");
  {
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    GtkWidget *add = NULL;

    collect_widgets (entry, is_button, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), _("Add Note")) == 0)
        add = g_ptr_array_index (buttons, i);
    g_assert_nonnull (add);
    g_signal_emit_by_name (add, "clicked");
  }
  g_assert_cmpuint (sb_review_get_notes (review)->len, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_assert_null (find_row (view, _("No corrections noted")));
  g_assert_nonnull (find_row (view, _("The application as a whole")));

  /* One on an answer, from its button on the application page: the review
   * page lists it too. */
  {
    SbField *field = sb_form_definition_lookup_field (sb_packet_get_definition (packet), "reclaim_cost_basis");
    GtkWidget *row = find_row (view, sb_text_get (&field->label));
    GtkWidget *button = ui_test_find_widget (row, GTK_TYPE_MENU_BUTTON);
    GtkWidget *note;

    g_assert_nonnull (button);
    note = note_entry (button);
    g_assert_nonnull (note);
    gtk_editable_set_text (GTK_EDITABLE (note), "补正：请附测算明细表。");
    g_signal_emit_by_name (note, "activate");
    g_assert_cmpuint (sb_review_get_notes (review)->len, ==, 2);
    g_assert_cmpstr (((SbReviewNote *) g_ptr_array_index (sb_review_get_notes (review), 1))->field, ==, "reclaim_cost_basis");
  }

  /* One on a row of a table, from the row's button: shown under the row
   * at once, and gone with the note. */
  {
    SbField *table = sb_form_definition_lookup_field (sb_packet_get_definition (packet), "out_parcels");
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    g_autofree char *shown = g_strdup_printf (_("Correction: %s"), "补正：第1块地块编号有误。");
    g_autofree char *row_button = g_strdup_printf (_("Note a correction on row %u"), 1u);
    GtkWidget *button = NULL, *note;

    g_assert_nonnull (table);
    g_assert_null (ui_test_find_label (GTK_WIDGET (view), shown));
    collect_widgets (GTK_WIDGET (view), is_menu_button, buttons);
    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), row_button) == 0 &&
          gtk_widget_get_ancestor (g_ptr_array_index (buttons, i), ADW_TYPE_EXPANDER_ROW) != NULL &&
          g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (gtk_widget_get_ancestor (g_ptr_array_index (buttons, i), ADW_TYPE_EXPANDER_ROW))),
                     sb_text_get (&table->label)) == 0)
        button = g_ptr_array_index (buttons, i);
    g_assert_nonnull (button);
    note = note_entry (button);
    gtk_editable_set_text (GTK_EDITABLE (note), "补正：第1块地块编号有误。");
    g_signal_emit_by_name (note, "activate");
    g_assert_cmpuint (sb_review_get_notes (review)->len, ==, 3);
    ui_test_wait_for (window, 200);
    g_assert_nonnull (ui_test_find_label (GTK_WIDGET (view), shown));

    g_ptr_array_set_size (buttons, 0);
    collect_widgets (GTK_WIDGET (view), is_remove_note_button, buttons);
    g_assert_cmpuint (buttons->len, ==, 3);
    g_signal_emit_by_name (g_ptr_array_index (buttons, 2), "clicked");
    g_assert_cmpuint (sb_review_get_notes (review)->len, ==, 2);
    ui_test_wait_for (window, 200);
    g_assert_null (ui_test_find_label (GTK_WIDGET (view), shown));
  }

  /* Removed by their buttons' targets: the second, then the first. */
  for (guint expected = 2; expected > 0; expected--)
    {
      g_autoptr(GPtrArray) buttons = g_ptr_array_new ();

      collect_widgets (GTK_WIDGET (view), is_remove_note_button, buttons);
      g_assert_cmpuint (buttons->len, ==, expected);
      g_assert_cmpuint (g_variant_get_uint32 (gtk_actionable_get_action_target_value (g_ptr_array_index (buttons, expected - 1))),
                        ==, expected - 1);
      g_signal_emit_by_name (g_ptr_array_index (buttons, expected - 1), "clicked");
      g_assert_cmpuint (sb_review_get_notes (review)->len, ==, expected - 1);
      if (expected == 2)
        g_assert_cmpstr (((SbReviewNote *) g_ptr_array_index (sb_review_get_notes (review), 0))->text, ==,
                         "补正：请补充村委会会议纪要。");
    }
  g_assert_nonnull (find_row (view, _("No corrections noted")));

  /* The decision and who decides. */
  combo = find_combo_row (view, _("Decision"));
  g_assert_nonnull (combo);
  decisions = sb_form_definition_get_decisions (sb_packet_get_definition (packet));
  g_assert_cmpuint (decisions->len, >, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 1);
  g_assert_cmpstr (sb_review_get_decision (review), ==, ((SbDecision *) g_ptr_array_index (decisions, 0))->id);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), 0);
  g_assert_null (sb_review_get_decision (review));
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (view, _("Reviewer"))), "李审核");
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (view, _("Office"))), "阳泉市城区自然资源局");
  g_assert_cmpstr (sb_review_get_reviewer_name (review), ==, "李审核");
  g_assert_cmpstr (sb_review_get_reviewer_office (review), ==, "阳泉市城区自然资源局");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), decision_position (packet, "correct"));
  gtk_editable_set_text (GTK_EDITABLE (entry), "补正：村委会协议须加盖公章。");
  g_signal_emit_by_name (entry, "entry-activated");
  g_assert_cmpuint (sb_review_get_notes (review)->len, ==, 1);

  /* The day of receipt is typed the way dates are written on paper;
   * a day after today, or one that is not a date, changes nothing. */
  {
    GtkWidget *received = find_entry_row (view, _("Received on (e.g. 2025-04-01)"));

    g_assert_nonnull (received);
    gtk_editable_set_text (GTK_EDITABLE (received), "2024年3月15日");
    g_signal_emit_by_name (received, "apply");
    g_assert_cmpint (sb_review_get_received (review), ==, sb_date_from_ymd (2024, 3, 15));
    gtk_editable_set_text (GTK_EDITABLE (received), "2099/3/21");
    g_signal_emit_by_name (received, "apply");
    g_assert_cmpint (sb_review_get_received (review), ==, sb_date_from_ymd (2024, 3, 15));
    gtk_editable_set_text (GTK_EDITABLE (received), "三月十八日");
    g_signal_emit_by_name (received, "apply");
    g_assert_cmpint (sb_review_get_received (review), ==, sb_date_from_ymd (2024, 3, 15));
    gtk_editable_set_text (GTK_EDITABLE (received), "２０２４．３．１８");
    g_signal_emit_by_name (received, "apply");
    g_assert_cmpint (sb_review_get_received (review), ==, sb_date_from_ymd (2024, 3, 18));
  }

  /* Closing the view saves it; the same packet opened again takes the
   * review up where it was, every row showing it. */
  gtk_window_destroy (GTK_WINDOW (window));
  view = sb_reviewer_view_new (packet, source, FALSE, sb_date_from_ymd (2024, 3, 20), sb_calendar_get_default (NULL));
  review = sb_reviewer_view_get_review (view);
  window = gtk_window_new ();
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (window, 300);
  g_assert_cmpstr (sb_review_get_decision (review), ==, "correct");
  g_assert_cmpint (sb_review_get_received (review), ==, sb_date_from_ymd (2024, 3, 18));
  g_assert_cmpuint (sb_review_get_notes (review)->len, ==, 1);
  g_assert_nonnull (find_row (view, _("The application as a whole")));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_combo_row (view, _("Decision")))), ==,
                    decision_position (packet, "correct"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (view, _("Reviewer")))), ==, "李审核");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_entry_row (view, _("Office")))), ==, "阳泉市城区自然资源局");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 审核通过 waits for the checklist, 不予受理 for its reason and clause;
 * what was refused says why and records nothing. */
static void
test_decision_safeguards (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) packet = make_stranger_packet ("转出地块矢量数据.pdf", "垦造地块矢量数据.pdf", FALSE, &error);
  g_autoptr(GFile) source = g_file_new_for_path ("/nonexistent/safeguards.sbpkt.json");
  SbReviewerView *view;
  SbReview *review;
  GtkWidget *window, *combo, *problem;

  g_assert_no_error (error);
  forget_saved_reviews ();
  view = sb_reviewer_view_new (packet, source, FALSE, sb_date_from_ymd (2024, 3, 18), sb_calendar_get_default (NULL));
  review = sb_reviewer_view_get_review (view);
  g_signal_connect (view, "toast", G_CALLBACK (on_toast), NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (window, 300);
  combo = find_combo_row (view, _("Decision"));

  /* Every item 未核查: the approval is not recorded, and the row says why. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), decision_position (packet, "approve"));
  g_assert_null (sb_review_get_decision (review));
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (combo)), ==, 0);
  {
    g_autoptr(GPtrArray) rows = g_ptr_array_new ();

    collect_widgets (GTK_WIDGET (view), is_action_row, rows);
    problem = NULL;
    for (guint i = 0; i < rows->len; i++)
      if (strstr (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), "B-R1") != NULL &&
          gtk_widget_get_visible (g_ptr_array_index (rows, i)))
        problem = g_ptr_array_index (rows, i);
    g_assert_nonnull (problem);
  }

  set_every_check (view, SB_CHECK_OK);
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), decision_position (packet, "approve"));
  g_assert_cmpstr (sb_review_get_decision (review), ==, "approve");
  g_assert_false (gtk_widget_get_visible (problem));

  /* A refusal without its reason and clause changes nothing. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), decision_position (packet, "decline"));
  g_assert_cmpstr (sb_review_get_decision (review), ==, "approve");
  g_assert_true (gtk_widget_get_visible (problem));
  gtk_editable_set_text (GTK_EDITABLE (find_entry_row (view, _("Reason (needed to refuse)"))), "转入耕地质量等别低于转出耕地");
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_combo_row (view, _("Clause (needed to refuse)"))), 5);
  g_assert_cmpstr (sb_review_get_decision_clause (review), ==, "B-R5");
  adw_combo_row_set_selected (ADW_COMBO_ROW (combo), decision_position (packet, "decline"));
  g_assert_cmpstr (sb_review_get_decision (review), ==, "decline");
  g_assert_cmpstr (sb_review_get_decision_reason (review), ==, "转入耕地质量等别低于转出耕地");
  {
    GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);
    SbField *table = sb_form_definition_lookup_field (sb_packet_get_definition (packet), "out_parcels");
    g_autoptr(GPtrArray) expanders = g_ptr_array_new ();

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "review");
    ui_test_wait_for (window, 300);
    {
      GtkWidget *row = find_combo_row (view, _("Decision"));
      GtkWidget *page = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_PAGE);
      GtkWidget *scroller = ui_test_find_widget (page, GTK_TYPE_SCROLLED_WINDOW);
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
      graphene_point_t point;

      g_assert_true (gtk_widget_compute_point (row, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 60);
      ui_test_wait_for (window, 300);
    }
    ui_test_save_screenshot (window, "screenshot-reviewer-decision.png");

    /* A table as a table, its totals under it. */
    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "application");
    collect_widgets (GTK_WIDGET (view), is_expander_row, expanders);
    for (guint i = 0; table != NULL && i < expanders->len; i++)
      if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (expanders, i)), sb_text_get (&table->label)) == 0)
        {
          adw_expander_row_set_expanded (g_ptr_array_index (expanders, i), TRUE);
          ui_test_wait_for (window, 300);
          {
            GtkWidget *expander = g_ptr_array_index (expanders, i);
            GtkWidget *page = gtk_widget_get_ancestor (expander, ADW_TYPE_PREFERENCES_PAGE);
            GtkWidget *scroller = ui_test_find_widget (page, GTK_TYPE_SCROLLED_WINDOW);
            GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
            graphene_point_t point;

            g_assert_true (gtk_widget_compute_point (expander, scroller, &GRAPHENE_POINT_INIT (0, 0), &point));
            gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + point.y - 12);
            ui_test_wait_for (window, 500);
          }
          ui_test_save_screenshot (window, "screenshot-reviewer-table.png");
          g_assert_nonnull (strstr (adw_expander_row_get_subtitle (g_ptr_array_index (expanders, i)), "亩"));
        }
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A file that is not what it declares is offered nothing to launch; a
 * name with a bidi control is refused; a packet that does not verify opens
 * no file at all.  The packet writer makes neither such file, so a forger
 * changes a sound packet and seals it again. */
static void
test_open_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbPacket) made = make_stranger_packet ("现场照片.pdf", "垦造地块矢量数据.pdf", TRUE, &error);
  g_autoptr(SbPacket) packet = NULL;
  g_autoptr(GBytes) html = g_bytes_new_static (html_as_pdf, sizeof html_as_pdf - 1);
  g_autofree char *launched = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GFile) source = NULL;
  g_autofree char *path = g_build_filename (work_dir, "stranger.sbpkt.json", NULL);
  GtkWidget *window, *row;
  SbReviewerView *view;

  g_assert_no_error (error);
  g_assert_true (sb_packet_save (made, path, &error));

  /* A name with a bidi control: the reader refuses the packet, and says
   * which name, written out. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GBytes) forged = NULL;
    g_autoptr(SbPacket) refused = NULL;
    g_autofree char *expected = g_strdup_printf (_("the file name “%s” is not a plain file name (folders, “..”, control and "
                                                   "bidirectional characters are refused)"), "现场照片⟨U+202E⟩gnp.pdf");

    g_assert_true (json_parser_load_from_file (parser, path, &error));
    forged = forge_file (json_parser_get_root (parser), "out_vector_file", RLO_NAME, NULL);
    refused = sb_packet_new_from_bytes (forged, sb_form_registry_get_default (), sb_calendar_get_default (NULL), &error);
    g_assert_null (refused);
    g_assert_nonnull (error);
    g_test_message ("refused: %s", error->message);
    g_assert_nonnull (strstr (error->message, expected));
    g_assert_null (strstr (error->message, "\u202E"));
    g_clear_error (&error);
  }

  /* HTML declared as PDF: read, its hash matching, and its files failing
   * their check because of it. */
  {
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GBytes) forged = NULL;
    GPtrArray *checks;
    gboolean seen = FALSE;

    g_assert_true (json_parser_load_from_file (parser, path, &error));
    forged = forge_file (json_parser_get_root (parser), "in_vector_file", "垦造地块矢量数据.pdf", html);
    g_assert_true (g_file_set_contents (path, g_bytes_get_data (forged, NULL), g_bytes_get_size (forged), &error));
    packet = sb_packet_new_from_bytes (forged, sb_form_registry_get_default (), sb_calendar_get_default (NULL), &error);
    g_assert_no_error (error);
    g_assert_nonnull (packet);
    checks = sb_packet_get_checks (packet);
    for (guint i = 0; i < checks->len; i++)
      {
        SbPacketCheck *check = g_ptr_array_index (checks, i);

        if (check->kind == SB_PACKET_CHECK_INTEGRITY)
          g_assert_true (check->ok);
        if (check->kind == SB_PACKET_CHECK_ATTACHMENTS)
          {
            g_assert_false (check->ok);
            g_assert_nonnull (strstr (check->message, "垦造地块矢量数据.pdf"));
            seen = TRUE;
          }
      }
    g_assert_true (seen);
    g_assert_false (sb_packet_is_verified (packet));
  }
  source = g_file_new_for_path (path);

  /* The view itself, as the window shows it. */
  view = sb_reviewer_view_new (packet, source, FALSE, sb_date_from_ymd (2024, 3, 18), sb_calendar_get_default (NULL));
  g_signal_connect (view, "launch", G_CALLBACK (on_launch), &launched);
  g_signal_connect (view, "toast", G_CALLBACK (on_toast), NULL);
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (view));
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (window, 500);

  /* So does the applicant's name, and a multi-line answer keeps its
   * lines. */
  {
    g_autofree char *applicant = sb_reviewer_view_dup_applicant (view);
    SbField *field = sb_form_definition_lookup_field (sb_packet_get_definition (packet), "reclaim_cost_basis");

    g_assert_nonnull (strstr (applicant, "阳泉市城区⟨U+202E⟩社作合"));
    g_assert_null (strstr (applicant, "\u202E"));
    row = find_row (view, sb_text_get (&field->label));
    g_assert_nonnull (row);
    g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "按每亩2.28万元测算，⟨U+2067⟩含土地平整\n明细见附表。");
  }

  /* HTML declared as PDF: no button, the row says why. */
  row = find_row (view, "垦造地块矢量数据.pdf");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)),
                            _("The file's contents are not a PDF as declared: it is not opened.")));
  buttons = g_ptr_array_new ();
  collect_widgets (row, is_open_button, buttons);
  g_assert_cmpuint (buttons->len, ==, 0);
  g_clear_pointer (&buttons, g_ptr_array_unref);

  /* The application page, at its files, for a person to look at. */
  show_files (view);
  ui_test_save_screenshot (window, "screenshot-reviewer-stranger-files.png");

  /* The sound files keep their button, which opens nothing: their
   * packet does not verify. */
  buttons = open_buttons (view);
  g_assert_cmpuint (buttons->len, >, 0);
  for (guint i = 0; i < buttons->len; i++)
    {
      g_assert_false (gtk_widget_get_sensitive (g_ptr_array_index (buttons, i)));
      g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (buttons, i)), ==,
                       _("The packet does not verify: none of its files is opened in another application."));
    }
  g_clear_pointer (&buttons, g_ptr_array_unref);
  gtk_window_destroy (GTK_WINDOW (window));

  /* The same packet changed after it was sealed: no file opens. */
  {
    g_autofree char *text = NULL;
    g_autofree char *tampered_path = g_build_filename (work_dir, "stranger-tampered.sbpkt.json", NULL);
    g_autoptr(GString) changed = NULL;
    g_autoptr(GFile) tampered = NULL;
    SbWindow *main_window;

    g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
    changed = g_string_new (text);
    g_assert_cmpuint (g_string_replace (changed, "512000.00", "412000.00", 1), ==, 1);
    g_assert_true (g_file_set_contents (tampered_path, changed->str, -1, NULL));
    tampered = g_file_new_for_path (tampered_path);
    main_window = ui_test_open_window (application, 1000);
    if (sb_window_open_file (main_window, tampered))
      {
        ui_test_wait_for (GTK_WIDGET (main_window), 1000);
        view = sb_window_get_reviewer_view (main_window);
        g_assert_false (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));
        g_signal_connect (view, "launch", G_CALLBACK (on_launch), &launched);
        g_signal_connect (view, "toast", G_CALLBACK (on_toast), NULL);
        buttons = open_buttons (view);
        g_assert_cmpuint (buttons->len, >, 0);
        for (guint i = 0; i < buttons->len; i++)
          {
            GtkWidget *button = g_ptr_array_index (buttons, i);

            g_assert_false (gtk_widget_get_sensitive (button));
            g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==,
                             _("The packet does not verify: none of its files is opened in another application."));
          }
        show_files (view);
        ui_test_save_screenshot (GTK_WIDGET (main_window), "screenshot-reviewer-unverified-files.png");
        /* Even if a click got through, nothing is launched. */
        g_clear_pointer (&launched, g_free);
        g_signal_emit_by_name (g_ptr_array_index (buttons, 0), "clicked");
        ui_test_wait_for (GTK_WIDGET (main_window), 300);
        g_assert_null (launched);
      }
    gtk_window_destroy (GTK_WINDOW (main_window));
  }
}

/* What a run that crashed two days ago left in the cache, and one that
 * is still open elsewhere (an hour old). */
#define LEFT_BY_CRASH "1111111111111111111111111111111111111111111111111111111111111111"
#define STILL_OPEN    "2222222222222222222222222222222222222222222222222222222222222222"

static void
plant_crash_leftovers (void)
{
  const char *names[] = { LEFT_BY_CRASH, STILL_OPEN };
  const gint64 ages[] = { 2 * 24 * 3600, 3600 };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *dir = g_build_filename (g_get_user_cache_dir (), APP_ID, "attachments", names[i], NULL);
      g_autofree char *file = g_build_filename (dir, "scan.pdf", NULL);
      struct utimbuf times;

      g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
      g_assert_true (g_file_set_contents (file, "%PDF-1.7\n", -1, NULL));
      times.actime = times.modtime = time (NULL) - ages[i];
      g_assert_cmpint (g_utime (dir, &times), ==, 0);
    }
}

/* The start-up of the application removed the crash's folder, in a
 * worker thread, and kept the recent one. */
static void
test_sweep_at_start (void)
{
  g_autofree char *crash = g_build_filename (g_get_user_cache_dir (), APP_ID, "attachments", LEFT_BY_CRASH, NULL);
  g_autofree char *recent = g_build_filename (g_get_user_cache_dir (), APP_ID, "attachments", STILL_OPEN, NULL);
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_file_test (crash, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_false (g_file_test (crash, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (recent, G_FILE_TEST_IS_DIR));
}

/* The row of @field_id's answer on the 申请内容 page, or NULL. */
static GtkWidget *
find_answer_row (SbReviewerView *view,
                 const char     *field_id)
{
  SbFormDefinition *definition = sb_packet_get_definition (sb_reviewer_view_get_packet (view));

  return find_row (view, sb_text_get (&sb_form_definition_lookup_field (definition, field_id)->label));
}

/* Only the page shown is built as a packet opens: the 申请内容 page is
 * built, with its answers, when the reviewer switches to it, under the
 * bar of a packet that does not verify; the 审核 page follows in idle
 * time, so that switching to it later is instant, and shows the bar too. */
static void
test_pages_built_when_shown (void)
{
  g_autofree char *json_path = NULL;
  g_autofree char *pdf_path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tampered_path = g_build_filename (work_dir, "lazy-tampered.sbpkt.json", NULL);
  g_autoptr(GString) changed = NULL;
  g_autoptr(GFile) tampered = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  GtkWidget *stack, *bar, *row;
  SbReviewerView *view;
  SbWindow *window;
  gint64 give_up;

  /* What is built when is what this test looks at. */
  lookups_wait = FALSE;
  forget_saved_reviews ();
  make_packet_full ("lazy", FALSE, &json_path, &pdf_path);
  g_assert_true (g_file_get_contents (json_path, &text, NULL, NULL));
  changed = g_string_new (text);
  g_assert_cmpuint (g_string_replace (changed, "512000.00", "412000.00", 1), ==, 1);
  g_assert_true (g_file_set_contents (tampered_path, changed->str, -1, NULL));
  tampered = g_file_new_for_path (tampered_path);
  window = ui_test_open_window (application, 1000);

  /* Nothing of the pages not shown yet, before the main loop turns. */
  g_assert_true (sb_window_open_file (window, tampered));
  view = sb_window_get_reviewer_view (window);
  g_assert_nonnull (view);
  stack = ui_test_find_widget (GTK_WIDGET (view), ADW_TYPE_VIEW_STACK);
  g_assert_cmpstr (adw_view_stack_get_visible_child_name (ADW_VIEW_STACK (stack)), ==, "verification");
  g_assert_nonnull (find_row (view, _("Integrity hash")));
  g_assert_null (find_answer_row (view, "reclaim_cost_basis"));
  g_assert_null (find_combo_row (view, _("Decision")));

  /* Switched to: built at once, before it is drawn. */
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "application");
  row = find_answer_row (view, "reclaim_cost_basis");
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "按每亩2.28万元测算"));
  /* Its last part too: the files, whose Open is refused here. */
  buttons = open_buttons (view);
  g_assert_cmpuint (buttons->len, >, 0);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  bar = find_info_bar (GTK_WIDGET (view), _("This Packet Does Not Verify — Do Not Rely on It"));
  g_assert_nonnull (bar);
  g_assert_true (gtk_widget_get_mapped (bar));
  g_assert_true (gtk_widget_get_mapped (row));
  for (guint i = 0; i < buttons->len; i++)
    g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (buttons, i)));

  /* The 审核 page, never shown, is built in idle time meanwhile. */
  give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (find_combo_row (view, _("Decision")) == NULL && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (find_combo_row (view, _("Decision")));
  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "review");
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_assert_true (gtk_widget_get_mapped (bar));
  g_assert_true (gtk_widget_get_mapped (find_combo_row (view, _("Decision"))));

  gtk_window_destroy (GTK_WINDOW (window));
  lookups_wait = TRUE;
}

int
main (int    argc,
      char **argv)
{
  int result;

  work_dir = g_dir_make_tmp ("shenbao-reviewer-XXXXXX", NULL);
  /* A home of its own, to see that a packet writes nothing in it but the
   * cache; the packets the tests make are beside it. */
  home_dir = g_build_filename (work_dir, "home", NULL);
  g_assert_cmpint (g_mkdir (home_dir, 0700), ==, 0);
  g_setenv ("HOME", home_dir, TRUE);
  {
    g_autofree char *data = g_build_filename (home_dir, ".local", "share", NULL);
    g_autofree char *cache = g_build_filename (home_dir, ".cache", NULL);
    g_autofree char *config = g_build_filename (home_dir, ".config", NULL);

    g_setenv ("XDG_DATA_HOME", data, TRUE);
    g_setenv ("XDG_CACHE_HOME", cache, TRUE);
    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  }
  g_setenv ("SHENBAO_DATA_DIR", g_getenv ("SHENBAO_TEST_DATA_DIR"), TRUE);

  if (!ui_test_init (&argc, &argv))
    return 0;
  plant_crash_leftovers ();
  application = ui_test_new_application ();

  g_test_add_func ("/ui/reviewer/review-packet", test_review_packet);
  g_test_add_func ("/ui/reviewer/bad-packets", test_bad_packets);
  g_test_add_func ("/ui/reviewer/open-in-background", test_open_in_background);
  g_test_add_func ("/ui/reviewer/open-confined", test_open_confined);
  g_test_add_func ("/ui/reviewer/cache-path-is-the-hash", test_cache_path_is_the_hash);
  g_test_add_func ("/ui/reviewer/open-refused", test_open_refused);
  g_test_add_func ("/ui/reviewer/review-work", test_review_work);
  g_test_add_func ("/ui/reviewer/decision-safeguards", test_decision_safeguards);
  g_test_add_func ("/ui/reviewer/sweep-at-start", test_sweep_at_start);
  g_test_add_func ("/ui/reviewer/pages-built-when-shown", test_pages_built_when_shown);

  result = g_test_run ();
  g_free (home_dir);
  g_free (work_dir);
  return result;
}
