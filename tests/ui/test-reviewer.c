/* test-reviewer.c — the reviewer's view, under a real display
 *
 * Builds the complete 耕地进出平衡 application into a final packet (JSON
 * and PDF), opens both in the window, notes a correction and writes the
 * one-time notice and the review file; then opens a tampered packet (shown
 * as not verifying) and a file that is no packet (explained, nothing
 * opened).  Screenshots go to the build folder.
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

#include "sb-application.h"
#include "ui-test-util.h"
#include "sb-calendar.h"
#include "sb-date.h"
#include "sb-form-registry.h"
#include "sb-packet.h"
#include "sb-pdf-renderer.h"
#include "sb-window.h"

static SbApplication *application;
static char *work_dir;

static GBytes *
fixture_file (const char *sha256)
{
  const char *names[] = { "scan.pdf", "photo.png" };

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

  /* A correction, then the notice and the review file. */
  g_assert_true (sb_review_add_note (sb_reviewer_view_get_review (view), "reclaim_cost_basis", -1, NULL,
                                     "补正：请附垦造费用测算明细表。", &error));
  g_assert_no_error (error);
  notice_file = g_file_new_for_path (notice_path);
  review_file = g_file_new_for_path (review_path);
  g_assert_true (sb_reviewer_view_save_document (view, SB_REVIEW_DOCUMENT_NOTICE, notice_file, &error));
  g_assert_no_error (error);
  g_assert_true (sb_reviewer_view_save_review (view, review_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (notice_path, &notice_head, &length, NULL));
  g_assert_true (length > 1000 && g_str_has_prefix (notice_head, "%PDF-"));
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

  /* The PDF opens too, from the packet inside it. */
  g_assert_true (sb_window_open_file (window, pdf_file));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  view = sb_window_get_reviewer_view (window);
  g_assert_nonnull (view);
  g_assert_true (sb_packet_is_verified (sb_reviewer_view_get_packet (view)));

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

int
main (int    argc,
      char **argv)
{
  int result;

  work_dir = g_dir_make_tmp ("shenbao-reviewer-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", work_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", work_dir, TRUE);
  g_setenv ("SHENBAO_DATA_DIR", g_getenv ("SHENBAO_TEST_DATA_DIR"), TRUE);

  if (!ui_test_init (&argc, &argv))
    return 0;
  application = sb_application_new ("io.github.shenbao.Shenbao.Test", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);

  g_test_add_func ("/ui/reviewer/review-packet", test_review_packet);
  g_test_add_func ("/ui/reviewer/bad-packets", test_bad_packets);

  result = g_test_run ();
  g_free (work_dir);
  return result;
}
