/* test-hostile.c — the hostile corpus opened in the window, as a reviewer
 * opens a stranger's file
 *
 * Every packet of tests/packets/ (the stored ones, the large ones
 * hostile_corpus.py makes, and the hostile PDFs of
 * tests/pdf/make-hostile-pdfs.py) is opened with sb_window_open_file(): each is
 * refused with a dialog that says why, or opened and shown as not
 * verifying; the window never crashes or stalls (meson runs this under a
 * 2 GB address-space limit and a timeout).
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sb-application.h"
#include "sb-packet.h"
#include "sb-reviewer-view.h"
#include "ui-test-util.h"

static SbApplication *application;
static char *work_dir;
static char *data_dir;

/* The message dialog open now, if any: its text, and it is closed
 * (drawn to @screenshot first, unless NULL). */
static char *
take_dialog_text (const char *screenshot)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) candidate = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (candidate))
        {
          char *text = g_strdup_printf ("%s: %s",
                                        adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (candidate)),
                                        adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (candidate)));

          if (screenshot != NULL)
            ui_test_save_screenshot (candidate, screenshot);
          gtk_window_destroy (GTK_WINDOW (candidate));
          return text;
        }
    }
  return NULL;
}

/* The corpus, and the data folder it was made with (the engine test form,
 * the procedures, the calendar), made by hostile_corpus.py. */
static GPtrArray *
make_corpus (void)
{
  g_autofree char *script = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "..", "packets",
                                              "hostile_corpus.py", NULL);
  g_autofree char *out_dir = g_build_filename (work_dir, "corpus", NULL);
  const char *argv[] = { "python3", script, g_getenv ("SHENBAO_TOOL"), data_dir, out_dir, NULL };
  g_autofree char *listing = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);
  int status = 0;

  g_assert_cmpint (g_mkdir (out_dir, 0700), ==, 0);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &listing, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  lines = g_strsplit (listing, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *tab = strchr (lines[i], '\t');

      if (tab != NULL)
        g_ptr_array_add (paths, g_strdup (tab + 1));
    }
  g_assert_cmpuint (paths->len, >, 30);
  return paths;
}

static GPtrArray *corpus;

static void
test_open_corpus (void)
{
  GPtrArray *paths = corpus;
  SbWindow *window = ui_test_open_window (application, 1000);

  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autofree char *name = g_path_get_basename (path);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autofree char *dialog = NULL;
      SbReviewerView *view;

      if (sb_window_open_file (window, file))
        {
          ui_test_wait_for (GTK_WIDGET (window), 200);
          if (g_str_equal (name, "page-2-replaced.pdf"))
            ui_test_wait_for (GTK_WIDGET (window), 1500);
          if (g_str_equal (name, "page-2-replaced.pdf"))
            ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-hostile-page-replaced.png");
          view = sb_window_get_reviewer_view (window);
          g_assert_nonnull (view);
          /* A packet with escapes in its answers may be genuine: those
           * are shown written out, which the reviewer view's own test
           * checks.  Every other file of the corpus is a forgery. */
          if (!g_str_has_prefix (name, "escapes-behind-hash"))
            {
              if (sb_reviewer_view_is_verified (view))
                g_error ("%s was opened and called verified", name);
            }
          g_test_message ("%s: opened, not verified", name);
        }
      else
        {
          ui_test_wait_for (GTK_WIDGET (window), 100);
          dialog = take_dialog_text (g_str_equal (name, "deep-behind-comment.sbpkt.json")
                                     ? "screenshot-hostile-refused.png" : NULL);
          if (dialog == NULL)
            g_error ("%s was refused without a word", name);
          g_test_message ("%s: refused: %.300s", name, dialog);
        }
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  int result;

  work_dir = g_dir_make_tmp ("shenbao-hostile-XXXXXX", NULL);
  g_setenv ("XDG_DATA_HOME", work_dir, TRUE);
  g_setenv ("XDG_CACHE_HOME", work_dir, TRUE);
  data_dir = g_build_filename (work_dir, "data", NULL);
  corpus = make_corpus ();
  g_setenv ("SHENBAO_DATA_DIR", data_dir, TRUE);

  if (!ui_test_init (&argc, &argv))
    return 0;
  application = ui_test_new_application ();

  g_test_add_func ("/ui/hostile/open-corpus", test_open_corpus);

  result = g_test_run ();
  g_ptr_array_unref (corpus);
  g_free (data_dir);
  g_free (work_dir);
  return result;
}
