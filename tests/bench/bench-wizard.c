/* bench-wizard.c — the applicant's wizard with a 1,000-row roster
 *
 * Opens the complete 科技类 application with its staff roster grown to
 * 1,000 rows and its schedule to 500 sessions in the real window, then
 * measures what a person feels: opening the draft, a keystroke in a field
 * (answer stored, the rules that read it checked again, every step and
 * table brought up to date; and, for comparison, the whole form checked),
 * a row edited through its editor (in a question not yet left, and in one
 * already left, which checks the row on every key), and scrolling the roster
 * from top to bottom; then, in the same process and run, a keystroke in a
 * bare AdwApplicationWindow holding one GtkEntry, and the ratios to it
 * (what Shenbao adds on top of GTK on this machine).  Prints figures;
 * needs a display (xvfb-run).
 *
 *   xvfb-run -a meson devenv -C BUILD tests/bench/bench-wizard [ROWS]
 *
 * Where a keystroke's time goes, before (perf record --call-graph dwarf
 * over this benchmark, load 2 on 2 cores: 8.4 ms handled, 40.6 ms to the
 * frame, the bare entry 34 ms to its frame):
 * - handling it (on_entry_changed / on_buffer_changed → the answer stored
 *   → sb_wizard_revalidate): the whole form was validated again,
 *   sb_validate → check_rules → every rule's expression, including the
 *   roster's quantifiers (for_each, eval_quantifier, eval_compare over the
 *   1,000 rows) though the field typed in is read by none of them; that
 *   was most of the 8 ms;
 * - to the frame: GTK measuring the window's widgets again
 *   (gtk_layout_manager_measure, Pango's pango_layout_get_size), then
 *   drawing it (gsk_renderer_render); the rest is the X server's round
 *   trips (XPending, recvmsg), which the bare window pays alike.
 *
 * After (sb_wizard_revalidate_field → sb_revalidate: only the rules that
 * read the field, or a visibility or computed value that follows from it),
 * in one run at load 9 on 2 cores (with the steps' summaries, status icons
 * and the messages under the tables also left alone when unchanged, which
 * was reverted for e2e's sake; the 1.3% of update_step and
 * sb_table_editor_set_report below is with it):
 * handled 6.0 ms against 16.9 ms for sb_validate on the same answers;
 * to the frame 257 ms, the bare entry 175 ms (1.5x), in processor time
 * 76.9 ms against 54.6 ms (1.4x); a cell of row 500 1.7x (at START, load
 * 1.4: 12.2 ms handled, 55.2 ms to the frame, bare 35.2 ms, 1.6x).  perf over 400 keystrokes to the frame (all threads):
 * llvmpipe's rasterizer threads take 78% of the process's processor time,
 * the main thread 16%: the handler 2.2% (sb_revalidate 0.9%, of it the
 * SB-REQUIRED checks over the roster's cells 0.7%; update_step and
 * sb_table_editor_set_report 1.3%), GTK's measuring 1.4%, the draft's
 * autosave serialising 1,000 rows on the main loop (on_save_deadline →
 * sb_draft_to_bytes, once a burst) 4.8% (since then only its copy of the
 * answers is made there, about half: bench-main-loop.c).  A keystroke in a cell of the
 * row editor checks nothing (a question not yet left): llvmpipe 88%, the
 * main thread 11%.  So what is left of a keystroke is drawing the frame:
 * settle() queues a redraw of the whole window, and GTK's GL renderer
 * draws all of it through llvmpipe, the sidebar and the step's questions
 * too, where the bare window has one entry.  "processor time" below
 * counts that work in this process, not other processes'; it too grows
 * when the cores are contended (2.0x in a run where the load went from 15
 * during the wizard to 9 during the bare entry, whose wall-clock ratio
 * was 8.2x), so compare figures of a quiet run.
 *
 * A keystroke in a question of the row editor already left (row 500,
 * sb-row-editor.c on_cell_changed → show_findings), before: perf record
 * --call-graph dwarf over this benchmark at START, load 2 on 2 cores,
 * 124.1 ms handled under perf.  98% of show_findings was check_copy,
 * which made a scratch set of answers afresh on every key:
 * sb_answers_set_json 38.5% (deep copy and reading 1,000 staff and 500
 * sessions back as typed values), sb_answers_to_json 27.1%, freeing the
 * copied tree 13.8% and the scratch answers 10.1%; the validation
 * itself (sb_validate) 8.3%.  After (app/core/sb-row-check.c: the
 * scratch made once, when the first question is left or the answers
 * changed under the editor; a key sets its cell in it,
 * sb_answers_set_cell, and sb_revalidate checks again only the rules
 * that read the table), perf the same way, 6.8 ms handled under perf:
 * of show_findings, sb_revalidate 76% (the rules that read the staff
 * table, their quantifiers over its 1,000 rows, 67%; the SB-REQUIRED
 * checks 7%), the cell set in the scratch 8% (sb_answers_set_cell with
 * sb_answers_refresh), the one scratch made 10.5% (spread over 40 keys)
 * and the messages under the questions 6%.  One run, the base build
 * then this one back to back, load 2.5 to 3.5 on 2 cores: handled 137.4
 * → 6.4 ms; to the frame 222.0 → 52.9 ms (bare entry 52.0 / 28.6 ms:
 * 4.3x → 1.8x); processor time 203.6 → 89.7 ms (bare 53.7 / 53.3 ms:
 * 3.8x → 1.7x).  What is left is the frame, as for a field (a keystroke
 * in a question not yet left: 47.2 ms, 1.6x, in the same run), and of
 * the handling the staff rules, which read the table though not every
 * rule reads the column typed in: sb_revalidate counts changes by
 * top-level field.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "bench-grow.h"
#include "sb-application.h"
#include "sb-date.h"
#include "sb-draft-store.h"
#include "sb-field-row.h"
#include "sb-form-registry.h"
#include "sb-table-editor.h"
#include "sb-table-import.h"
#include "sb-table-import-page.h"
#include "sb-validator.h"
#include "sb-window.h"

#define KEYSTROKES 40

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Sorts @samples and prints them; returns the median. */
static double
report (const char *what,
        double     *samples,
        guint       n)
{
  qsort (samples, n, sizeof (double), compare_doubles);
  printf ("%-48s median %7.2f ms   p95 %7.2f ms   max %7.2f ms\n", what,
          samples[n / 2], samples[(n * 95) / 100], samples[n - 1]);
  fflush (stdout);
  return samples[n / 2];
}

/* Processor time of the whole process, in milliseconds: the main thread
 * and llvmpipe's rendering threads.  Other processes on the machine (other
 * helpers' builds) lengthen the wall-clock figures but not this. */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return now.tv_sec * 1000.0 + now.tv_nsec / 1e6;
}

static GtkWidget *frame_widget;

static void
on_after_paint (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Runs the main loop until the window has painted the next frame: what a
 * person sees after a change (layout and drawing included). */
static void
settle (void)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (frame_widget);
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);
  gint64 give_up = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  gtk_widget_queue_draw (frame_widget);
  while (!painted && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static void
wait_ms (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

/* Keystroke to frame in a bare AdwApplicationWindow holding one GtkEntry
 * (as tests/bench/bench-bare-window.c shows it), the same size as the
 * wizard's window, measured as the wizard's keystrokes are. */
static double
measure_bare_entry (GtkApplication *application,
                    double         *cpu_median)
{
  GtkWidget *bare = adw_application_window_new (application);
  GtkWidget *entry = gtk_entry_new ();
  double samples[KEYSTROKES], cpu[KEYSTROKES], median;

  gtk_window_set_default_size (GTK_WINDOW (bare), 1100, 800);
  gtk_widget_set_valign (entry, GTK_ALIGN_START);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (bare), entry);
  gtk_window_present (GTK_WINDOW (bare));
  frame_widget = bare;
  wait_ms (500);
  gtk_widget_grab_focus (entry);
  settle ();

  for (guint i = 0; i < KEYSTROKES; i++)
    {
      g_autofree char *text = g_strdup_printf ("举办单位货币出资%u万元", 50 + i);
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();

      gtk_editable_set_text (GTK_EDITABLE (entry), text);
      settle ();
      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpu[i] = cpu_ms () - cpu_start;
    }
  median = report ("bare AdwApplicationWindow + GtkEntry: keystroke", samples, KEYSTROKES);
  *cpu_median = report ("  processor time (all threads)", cpu, KEYSTROKES);
  gtk_window_destroy (GTK_WINDOW (bare));
  return median;
}

/* The first three figures of /proc/loadavg (1, 5 and 15 minutes). */
/* A CSV of @n people as an office keeps them: the first person of the
 * roster again and again, each with a name of their own. */
static char *
roster_csv (const SbField *table,
            JsonObject    *person,
            guint          n)
{
  g_autoptr(GPtrArray) columns = sb_table_importable_columns (table);
  GString *csv = g_string_new (NULL);

  for (guint c = 0; c < columns->len; c++)
    g_string_append_printf (csv, "%s\"%s\"", c > 0 ? "," : "",
                            sb_text_get (&((SbField *) g_ptr_array_index (columns, c))->label));
  g_string_append (csv, "\r\n");
  for (guint i = 0; i < n; i++)
    {
      for (guint c = 0; c < columns->len; c++)
        {
          const SbField *column = g_ptr_array_index (columns, c);
          JsonNode *node = json_object_get_member (person, column->id);
          g_autofree char *quoted = NULL;

          if (c > 0)
            g_string_append_c (csv, ',');
          if (g_str_equal (column->id, "name"))
            g_string_append_printf (csv, "导入%u", i + 1);
          else if (node != NULL && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
            g_string_append (csv, json_node_get_boolean (node) ? "是" : "否");
          else if (node != NULL && json_node_get_value_type (node) == G_TYPE_STRING)
            {
              g_auto(GStrv) parts = g_strsplit (json_node_get_string (node), "\"", -1);

              quoted = g_strjoinv ("\"\"", parts);
              g_string_append_printf (csv, "\"%s\"", quoted);
            }
        }
      g_string_append (csv, "\r\n");
    }
  return g_string_free (csv, FALSE);
}

/* Imports @path into the staff table through its import page, as Import…
 * and the report's "import all" do; FALSE when the rows did not come. */
static gboolean
import_roster (SbTableEditor *editor,
               const char    *path,
               guint          n_rows)
{
  SbTableImportPage *page = SB_TABLE_IMPORT_PAGE (gtk_stack_get_child_by_name (
                              GTK_STACK (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (editor))), "import"));
  g_autoptr(GFile) file = g_file_new_for_path (path);
  SbAnswers *answers = sb_table_editor_get_answers (editor);

  sb_table_import_page_import_file (page, file);
  for (guint i = 0; i < 3000 && !g_str_equal (sb_table_import_page_get_state (page), "report"); i++)
    {
      if (g_str_equal (sb_table_import_page_get_state (page), "mapping"))
        gtk_widget_activate_action (GTK_WIDGET (page), "table-import.continue", NULL);
      wait_ms (10);
    }
  if (!g_str_equal (sb_table_import_page_get_state (page), "report"))
    return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (page), "table-import.apply", "b", FALSE);
  for (guint i = 0; i < 3000 && sb_answers_get_row_count (answers, "staff") != n_rows; i++)
    wait_ms (10);
  return sb_answers_get_row_count (answers, "staff") == n_rows;
}

/* Keystrokes in the first question of row @row's editor, to the frame;
 * the median, or 0 when the editor did not open. */
static double
measure_cell (SbTableEditor *editor,
              GtkWindow     *window,
              guint          row_index,
              const char    *what)
{
  double samples[KEYSTROKES];
  GtkWidget *row, *focus = NULL;
  double median;

  sb_table_editor_edit_row (editor, row_index);
  wait_ms (500);
  if (sb_table_editor_get_row_editor (editor) == NULL)
    return 0;
  row = find_descendant (GTK_WIDGET (sb_table_editor_get_row_editor (editor)), SB_TYPE_FIELD_ROW);
  if (row != NULL)
    {
      sb_field_row_focus_input (SB_FIELD_ROW (row));
      focus = gtk_root_get_focus (GTK_ROOT (window));
    }
  if (focus == NULL || !GTK_IS_EDITABLE (focus))
    return 0;
  for (guint i = 0; i < KEYSTROKES; i++)
    {
      g_autofree char *text = g_strdup_printf ("姓名%u", i);
      gint64 start = g_get_monotonic_time ();

      gtk_editable_set_text (GTK_EDITABLE (focus), text);
      settle ();
      samples[i] = (g_get_monotonic_time () - start) / 1000.0;
    }
  median = report (what, samples, KEYSTROKES);
  sb_row_editor_cancel (sb_table_editor_get_row_editor (editor));
  settle ();
  return median;
}

static char *
load_average (void)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) fields = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &contents, NULL, NULL))
    return g_strdup ("unknown");
  fields = g_strsplit (contents, " ", 4);
  if (g_strv_length (fields) < 3)
    return g_strdup ("unknown");
  return g_strdup_printf ("%s %s %s", fields[0], fields[1], fields[2]);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("shenbao-bench-XXXXXX", NULL);
  g_autofree char *complete = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(SbApplication) application = NULL;
  g_autoptr(SbDraftStore) store = NULL;
  g_autoptr(SbDraft) draft = NULL;
  g_autofree char *drafts_dir = NULL;
  SbFormDefinition *definition;
  JsonObject *answers;
  SbWindow *window;
  SbWizard *wizard;
  GtkWidget *row, *focus, *editor, *scrolled;
  double samples[KEYSTROKES];
  gint64 start;
  guint n_rows;
  double field_median = 0, cell_median = 0, imported_median = 0, bare_median;
  double left_cell_median = 0, field_cpu = 0, left_cell_cpu = 0, bare_cpu = 0;

  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (g_getenv ("SHENBAO_TEST_FIXTURES") == NULL)
    {
      fprintf (stderr, "bench-wizard: run it through meson devenv (SHENBAO_TEST_FIXTURES is not set)\n");
      return 1;
    }
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-wizard: needs a display; run it under xvfb-run\n");
      return 1;
    }
  adw_init ();

  complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "kejipeixun", "complete.json", NULL);
  if (!json_parser_load_from_file (parser, complete, &error))
    {
      fprintf (stderr, "bench-wizard: %s\n", error->message);
      return 1;
    }
  answers = json_node_get_object (json_parser_get_root (parser));
  n_rows = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 1000;
  bench_grow_table (answers, "staff", n_rows);
  bench_grow_table (answers, "sessions", n_rows / 2);

  definition = sb_form_registry_lookup (sb_form_registry_get_default (), "kejipeixun", 0);
  drafts_dir = g_build_filename (home, APP_ID, "drafts", NULL);
  store = sb_draft_store_new (drafts_dir);
  draft = sb_draft_new (definition, "2024-03-14T08:00:00Z");
  sb_answers_set_json (sb_draft_get_answers (draft), answers);
  sb_draft_set_step (draft, "C4");
  if (!sb_draft_store_save (store, draft, &error))
    {
      fprintf (stderr, "bench-wizard: %s\n", error->message);
      return 1;
    }

  application = sb_application_new ("io.github.shenbao.Shenbao.Bench", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);
  window = sb_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  frame_widget = GTK_WIDGET (window);
  wait_ms (500);

  printf ("科技类 application, staff roster %u rows, weekly schedule %u sessions\n", n_rows, n_rows / 2);
  fflush (stdout);

  start = g_get_monotonic_time ();
  sb_window_open_draft (window, draft);
  settle ();
  printf ("%-48s %7.1f ms\n", "open the draft (build every step, check)", (g_get_monotonic_time () - start) / 1000.0);
  fflush (stdout);
  wizard = sb_window_get_wizard (window);
  wait_ms (1500);

  /* Typing into a field: each keystroke stores, checks and updates. */
  sb_wizard_show_field (wizard, "funding_source_desc");
  wait_ms (300);
  focus = gtk_root_get_focus (GTK_ROOT (window));
  {
    double handled[KEYSTROKES], cpu[KEYSTROKES], whole[KEYSTROKES];
    SbAnswers *typed = sb_draft_get_answers (sb_wizard_get_draft (wizard));

    for (guint i = 0; i < KEYSTROKES; i++)
      {
        g_autofree char *text = g_strdup_printf ("举办单位货币出资%u万元", 50 + i);
        double cpu_start = cpu_ms ();

        start = g_get_monotonic_time ();
        if (GTK_IS_TEXT_VIEW (focus))
          gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), text, -1);
        else
          gtk_editable_set_text (GTK_EDITABLE (focus), text);
        handled[i] = (g_get_monotonic_time () - start) / 1000.0;
        settle ();
        samples[i] = (g_get_monotonic_time () - start) / 1000.0;
        cpu[i] = cpu_ms () - cpu_start;
      }
    /* What each keystroke cost before it was checked incrementally: the
     * whole form validated again (sb_validate on the same answers). */
    for (guint i = 0; i < KEYSTROKES; i++)
      {
        start = g_get_monotonic_time ();
        sb_validation_report_unref (sb_validate (typed, sb_date_today (), sb_calendar_get_default (NULL)));
        whole[i] = (g_get_monotonic_time () - start) / 1000.0;
      }
    report ("keystroke: answer stored, rules checked", handled, KEYSTROKES);
    report ("  the whole form checked instead (sb_validate)", whole, KEYSTROKES);
    field_median = report ("keystroke: until the next frame is painted", samples, KEYSTROKES);
    field_cpu = report ("  processor time (all threads)", cpu, KEYSTROKES);
  }

  /* Editing a cell of row 500 in its editor (in the main window; the row
   * is checked when a question is left, not on every key). */
  editor = sb_wizard_get_field_widget (wizard, "staff");
  sb_wizard_show_field (wizard, "staff");
  wait_ms (500);
  sb_table_editor_edit_row (SB_TABLE_EDITOR (editor), 499);
  wait_ms (500);
  focus = NULL;
  if (sb_table_editor_get_row_editor (SB_TABLE_EDITOR (editor)) != NULL)
    {
      row = find_descendant (GTK_WIDGET (sb_table_editor_get_row_editor (SB_TABLE_EDITOR (editor))), SB_TYPE_FIELD_ROW);
      if (row != NULL)
        {
          sb_field_row_focus_input (SB_FIELD_ROW (row));
          focus = gtk_root_get_focus (GTK_ROOT (window));
        }
    }
  if (focus != NULL && GTK_IS_EDITABLE (focus))
    {
      for (guint i = 0; i < KEYSTROKES; i++)
        {
          g_autofree char *text = g_strdup_printf ("姓名%u", i);

          start = g_get_monotonic_time ();
          gtk_editable_set_text (GTK_EDITABLE (focus), text);
          settle ();
          samples[i] = (g_get_monotonic_time () - start) / 1000.0;
        }
      cell_median = report ("keystroke in a cell of row 500", samples, KEYSTROKES);

      /* The same question once left (Tab and back): from then on each
       * keystroke in it checks the row again, with the whole answers
       * around it, as the wizard checks a field already left. */
      g_signal_emit_by_name (row, "left");
      settle ();
      {
        double handled[KEYSTROKES], cpu[KEYSTROKES];

        for (guint i = 0; i < KEYSTROKES; i++)
          {
            g_autofree char *text = g_strdup_printf ("姓名%u", 100 + i);
            double cpu_start = cpu_ms ();

            start = g_get_monotonic_time ();
            gtk_editable_set_text (GTK_EDITABLE (focus), text);
            handled[i] = (g_get_monotonic_time () - start) / 1000.0;
            settle ();
            samples[i] = (g_get_monotonic_time () - start) / 1000.0;
            cpu[i] = cpu_ms () - cpu_start;
          }
        report ("keystroke in a left cell of row 500: checked", handled, KEYSTROKES);
        left_cell_median = report ("  until the next frame is painted", samples, KEYSTROKES);
        left_cell_cpu = report ("  processor time (all threads)", cpu, KEYSTROKES);
      }
      sb_row_editor_cancel (sb_table_editor_get_row_editor (SB_TABLE_EDITOR (editor)));
      settle ();
    }

  /* Scrolling the roster from top to bottom, one screen at a time. */
  scrolled = gtk_widget_get_ancestor (find_descendant (editor, GTK_TYPE_COLUMN_VIEW), GTK_TYPE_SCROLLED_WINDOW);
  if (scrolled != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
      g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (double));
      double page = gtk_adjustment_get_page_size (adjustment);

      for (double value = 0; value < gtk_adjustment_get_upper (adjustment); value += page)
        {
          double elapsed;

          start = g_get_monotonic_time ();
          gtk_adjustment_set_value (adjustment, value);
          gtk_widget_queue_draw (scrolled);
          wait_ms (1);
          settle ();
          elapsed = (g_get_monotonic_time () - start) / 1000.0;
          g_array_append_val (steps, elapsed);
        }
      if (steps->len > 0)
        report ("scroll the roster by one screen", (double *) steps->data, steps->len);
    }

  /* A roster of 100 people imported over the 1,000 rows (Import… and
   * the report's "import all"), then typing in a cell of the table. */
  {
    g_autofree char *csv_path = g_build_filename (home, "roster-100.csv", NULL);
    JsonArray *staff = json_object_get_array_member (answers, "staff");
    g_autofree char *csv = roster_csv (sb_table_editor_get_field (SB_TABLE_EDITOR (editor)),
                                       json_array_get_object_element (staff, 0), 100);

    g_file_set_contents (csv_path, csv, -1, NULL);
    start = g_get_monotonic_time ();
    if (import_roster (SB_TABLE_EDITOR (editor), csv_path, 100))
      {
        settle ();
        printf ("%-48s %7.1f ms\n", "import 100 rows (read, check, report, apply)", (g_get_monotonic_time () - start) / 1000.0);
        wait_ms (1500);
        imported_median = measure_cell (SB_TABLE_EDITOR (editor), GTK_WINDOW (window), 49,
                                        "keystroke in a cell of row 50 after the import");
      }
    else
      printf ("import 100 rows: the rows did not come\n");
  }

  gtk_window_destroy (GTK_WINDOW (window));
  wait_ms (300);

  /* The bare reference, in the same process and run: what GTK and
   * libadwaita alone cost for a keystroke on this machine. */
  bare_median = measure_bare_entry (GTK_APPLICATION (application), &bare_cpu);
  printf ("%-48s %7.1fx the bare entry%s\n", "  keystroke in a field, 1,000-row roster", field_median / bare_median,
          field_median <= 1.5 * bare_median ? " (goal <= 1.5x: met)" : " (goal <= 1.5x: NOT met)");
  printf ("%-48s %7.1fx the bare entry's\n", "    in processor time", field_cpu / bare_cpu);
  if (cell_median > 0)
    printf ("%-48s %7.1fx the bare entry%s\n", "  keystroke in a cell of row 500", cell_median / bare_median,
            cell_median <= 1.5 * bare_median ? " (goal <= 1.5x: met)" : " (goal <= 1.5x: NOT met)");
  if (left_cell_median > 0)
    {
      printf ("%-48s %7.1fx the bare entry%s\n", "  keystroke in a left cell of row 500", left_cell_median / bare_median,
              left_cell_median <= 1.5 * bare_median ? " (goal <= 1.5x: met)" : " (goal <= 1.5x: NOT met)");
      printf ("%-48s %7.1fx the bare entry's\n", "    in processor time", left_cell_cpu / bare_cpu);
    }
  if (imported_median > 0)
    printf ("%-48s %7.1fx the bare entry%s\n", "  keystroke in a cell after a 100-row import", imported_median / bare_median,
            imported_median <= 1.5 * bare_median ? " (goal <= 1.5x: met)" : " (goal <= 1.5x: NOT met)");
  {
    g_autofree char *load = load_average ();

    printf ("load average %s on %u cores\n", load, g_get_num_processors ());
  }
  return 0;
}
