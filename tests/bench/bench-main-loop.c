/* bench-main-loop.c — the longest the window does not answer, while it opens and saves
 *
 *   bench-main-loop PACKET.json PACKET.pdf [ORDINARY.json]
 *   (tests/bench/bench-main-loop.py makes a 100 MB packet and its PDF and
 *   runs this under xvfb-run with them)
 *
 * In the real window, RUNS times each, and prints the median of the
 * longest turn of the main loop (what a person feels as the window not
 * answering: a turn's time less what it waited in poll()) and of the
 * whole time:
 *   - opening the JSON packet and the PDF as the window does now
 *     (sb_window_open_file_in_background(): read, hashed and the PDF's
 *     pages compared in a worker), beside opening them on the main
 *     thread (sb_window_open_file(), as every way of opening did before),
 *     the peer from the same run;
 *   - saving the 审核意见 PDF as the window does now
 *     (sb_reviewer_view_save_document_async()), beside the same on the
 *     main thread (sb_reviewer_view_save_document()).
 *   - autosaving a change to a draft with a 1,000-row roster on a slow
 *     disk (each fsync() 500 ms longer: SLOW_DISK_MS) as the wizard does
 *     (after the typing pauses, in a worker), beside writing it on the
 *     main thread (sb_wizard_save_now(), as closing does);
 *   - finishing an application (the 耕地 fixture with ATTACHMENT files as
 *     its vector data: the .py passes 79 MB) as the Finish button does
 *     (sb_wizard_finish_in_background(): the packet built and saved, then
 *     its PDF rendered, in workers) beside sb_wizard_finish_into() on the
 *     main thread.
 * With SHENBAO_BENCH_TURNS set, each turn over 20 ms is printed with its
 * time after the start and on the monotonic clock (to slice a
 * `perf record -k CLOCK_MONOTONIC` profile to it).
 * What is left on the main thread when a packet opens in the background
 * is building the reviewer's view of it once it is read, and GTK's frames
 * that show it.  With ORDINARY.json (the .py passes the complete 科技类
 * fixture) the same pair for an ordinary packet.  Not a test: no figure
 * is asserted.
 *
 * On 2026-12-03 (2 cores, load 2 to 3, a 105 MB packet with five 15 MiB
 * attachments and its 80 MB PDF), before the pages were built lazily, the
 * longest turn and the whole time:
 *   open the JSON packet:  209 ms of 874 ms, beside 856 ms on the main thread;
 *   open its PDF:          213 ms of 7.8 s, beside 5.7 s on the main thread;
 *   save the 审核意见:        3 ms of 30 ms, beside 37 ms on the main thread.
 *
 * Where those 209 ms went (g_get_monotonic_time() around each step, the
 * frame clock's phases, and perf with DWARF call graphs sliced to the
 * longest turns; the prints are gone again):
 *   - the turn that made the view: 58 to 112 ms, of it the 申请内容 page
 *     34 to 81 ms, 审核 14 to 20 ms, 核验 3 to 4 ms, the rest 3 ms (the
 *     saved review 0.4 ms, the stack, the window's page);
 *   - the next turns, GTK's first frames: 160 to 236 ms each, 99% of it
 *     in gtk_layout_manager_measure, 84% Pango shaping labels
 *     (pango_layout_get_size, hb_shape_full): an AdwViewStack is
 *     homogeneous by default, so every frame measured all three pages,
 *     the 申请内容 page's tables among them, whichever was shown; then
 *     30 to 57 ms for every later frame while anything moved (the
 *     signatures' spinner, the window's crossfade), for the same reason;
 *   - the first frames also compile the GL renderer's shaders (llvmpipe
 *     on Xvfb: up to 300 ms in LLVM's JIT under gsk_renderer_render),
 *     once per process; with GSK_RENDERER=cairo there is none of that.
 * The complete 科技类 fixture (97 kB, its rosters in tables) was worse
 * than the large packet: 337 ms to open on the main thread, its longest
 * turn 548 to 583 ms.
 *
 * Now only the page shown is built as the view opens (3 to 4 ms for
 * 核验); the stack measures only the page shown; the 申请内容 page is
 * built a group at a time in idle turns after the first frame (0 to
 * 24 ms each for the large packet, under load), the 审核 page next (26 to
 * 47 ms; it is built right after opening when the register adds the
 * case to it), and a page switched to before that is built at once.  The
 * same run, this build and the peer (e26e305, built in a worktree),
 * load 2 to 3.4, the default (GL) renderer (the longest turn is now
 * taken over the second after the view opens, the peer's over 300 ms;
 * the peer took the 科技类 packet as both of its files):
 *                          now: longest turn, whole   before (peer)
 *   open the JSON packet:    155 ms of 3.2 s             239 ms of 1.1 s
 *   open its PDF:            149 ms of 19.5 s            223 ms of 8.5 s
 *   open the 科技类 packet:  106 ms of 14 ms             583 ms of 329 ms
 * and with GSK_RENDERER=cairo (what the widget tests use), load 0.9 to 1.7:
 *   open the JSON packet:     40 ms of 822 ms            228 ms of 797 ms
 *   open its PDF:             50 ms of 5.6 s             242 ms of 6.3 s
 *   open the 科技类 packet:  119 ms of 13 ms             648 ms of 286 ms
 * What is left: under the GL renderer on llvmpipe each full frame of the
 * 1100×800 window takes 60 to 150 ms at this load whatever it shows (the
 * opening page's progress bar too), which a GPU does in a few; with cairo
 * frames are 10 to 40 ms.  The 科技类 packet's longest turn is one idle
 * part of its 申请内容 page: the step with its staff roster (25 rows of
 * 18 columns, each row with its note button, popover and entry), 40 to
 * 160 ms at load 2 in one part.  A part per table was tried: the longest
 * part stayed the same, the roster alone being it; what would help is a
 * table's rows built in slices, or each row's note popover made when it
 * is first opened.  The 审核 page takes 17 to 47 ms.
 * 2026-12-04: each note popover is now made when its button is first
 * pressed (sb-application-page.c), so a roster row is its labels and one
 * menu button; not measured again here (the machine was loaded 6 to 15
 * deep all session).  The whole times (the worker's reading) vary with
 * the load by 2 to 3× between runs; the view adds nothing to them.
 *
 *
 * 2026-12-04, the applicant's side (load 1.5 to 2.8, with a helper's
 * build beside it at times), median of 3, the longest turn:
 *                              GL renderer    cairo      on the main thread
 *   autosave, 1,000 rows:  before  94 ms      29 ms      1,048 ms
 *                          now     71 ms      14-22 ms   1,039-1,056 ms
 *   finish, 79 MB attached: before 136 ms     98 ms      6.6-9.7 s
 *                          now     85 ms      24-25 ms   6.6-6.8 s
 * Where the autosave's turn went (g_get_monotonic_time() around each
 * part): serialising the 1.5 MB draft on the main loop, 25 to 47 ms:
 * the answers copied 14 to 20 ms, written out as canonical JSON 7 to
 * 14 ms, the tree freed the rest.  Now only the copy is made there
 * (sb_draft_to_json()); the text is made and the tree freed in the
 * writer's thread.  What remains is that copy (about 15 ms for 18,000
 * cells, json-glib nodes); a copy-on-write of the rows would remove it.
 * Finishing's longest turn was not ours to move: perf sliced to it
 * (SHENBAO_BENCH_TURNS) showed GTK's layout of the result page
 * (gtk_layout_manager_measure under gtk_widget_allocate, Pango shaping)
 * when it was shown: an AdwStatusPage whose child was an AdwClamp of
 * preference groups.  A GTK-only replica (Python, the same widgets) took
 * 108 ms a frame for it, 5.6 ms without the clamp and 23 ms with the
 * status page's parts in a scrolled window of our own, which the result
 * page now is (as the start page is).  Under the GL renderer every full
 * frame of the window costs 60 to 150 ms on llvmpipe whatever it shows,
 * so no turn that draws a new page is under 50 ms there; with cairo the
 * figures above are this program's work.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifndef _GNU_SOURCE
#define _GNU_SOURCE  /* RTLD_NEXT */
#endif
#include "config.h"

#include <dlfcn.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-grow.h"
#include "sb-application.h"
#include "sb-date.h"
#include "sb-draft.h"
#include "sb-draft-store.h"
#include "sb-file-store.h"
#include "sb-form-registry.h"
#include "sb-reviewer-view.h"
#include "sb-validator.h"
#include "sb-window.h"
#include "sb-wizard.h"

#define RUNS 3

static SbWindow *window;
static GPollFunc default_poll;
static gint64 polled;          /* microseconds spent waiting in poll() */
static gint64 longest_turn;    /* the longest turn's work, in microseconds */
static gint64 action_began;
static gboolean show_turns;    /* SHENBAO_BENCH_TURNS set: each turn over 20 ms is printed */

/* A slow disk: each fsync() and fdatasync() of this process takes
 * SLOW_DISK_MS longer (while slow_disk is set), as on a busy USB stick or
 * a network home folder, where writing into the page cache is quick and
 * making it durable is what waits.  The executable's definitions come
 * before libc's for GLib's calls too (g_file_set_contents_full). */
#define SLOW_DISK_MS 500

static gint slow_disk;
static gint syncs;             /* fsync() and fdatasync() calls finished */

static int
slow_sync (const char *name,
           int         fd)
{
  int (*real) (int) = (int (*) (int)) dlsym (RTLD_NEXT, name);
  int result;

  if (g_atomic_int_get (&slow_disk))
    g_usleep (SLOW_DISK_MS * 1000);
  result = real (fd);
  g_atomic_int_inc (&syncs);
  return result;
}

int
fsync (int fd)
{
  return slow_sync ("fsync", fd);
}

int
fdatasync (int fd)
{
  return slow_sync ("fdatasync", fd);
}

/* The main loop's own poll(), timed: a turn's work is its time less the
 * time it waited for something to happen. */
static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  gint64 began = g_get_monotonic_time ();
  gint result = default_poll (fds, n_fds, timeout);

  polled += g_get_monotonic_time () - began;
  return result;
}

/* One turn of the main loop, its work counted. */
static void
turn (void)
{
  gint64 began = g_get_monotonic_time ();
  gint64 polled_before = polled;
  gint64 work;

  g_main_context_iteration (NULL, TRUE);
  work = g_get_monotonic_time () - began - (polled - polled_before);
  if (show_turns && work > 20000)
    fprintf (stderr, "  a turn of %.1f ms, %.1f ms after the start (monotonic clock %.6f s)\n", work / 1000.0,
             (began - action_began) / 1000.0, began / 1e6);
  if (work > longest_turn)
    longest_turn = work;
}

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_ms (guint milliseconds)
{
  gint64 end = g_get_monotonic_time () + milliseconds * 1000;

  while (g_get_monotonic_time () < end)
    turn ();
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values)
{
  qsort (values, RUNS, sizeof *values, compare_doubles);
  return values[RUNS / 2];
}

typedef enum {
  OPEN_NOW,
  OPEN_IN_BACKGROUND,
  SAVE_NOW,
  SAVE_IN_BACKGROUND,
  AUTOSAVE_NOW,
  AUTOSAVE_IN_BACKGROUND,
  FINISH_NOW,
  FINISH_IN_BACKGROUND,
} Action;

typedef struct {
  Action    action;
  GFile    *file;
  gboolean  started;
  gboolean  done;
  gint      syncs;   /* before an autosave */
} Job;

/* A keystroke in the field that has the focus (a new text each time). */
static void
type_in_focus (void)
{
  static guint typed;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
  g_autofree char *text = g_strdup_printf ("举办单位货币出资%u万元", 50 + typed++);

  if (GTK_IS_TEXT_VIEW (focus))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (focus)), text, -1);
  else if (GTK_IS_EDITABLE (focus))
    gtk_editable_set_text (GTK_EDITABLE (focus), text);
  else
    g_error ("bench-main-loop: no field has the focus");
}

/* A folder of its own for each packet finished. */
static GFile *
new_folder (void)
{
  g_autofree char *path = g_dir_make_tmp ("shenbao-bench-finished-XXXXXX", NULL);

  return g_file_new_for_path (path);
}

static void
on_async_ready (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;

  if (!sb_reviewer_view_save_document_finish (SB_REVIEWER_VIEW (source), result, &error))
    g_error ("bench-main-loop: %s", error->message);
  job->done = TRUE;
}

/* Started from the main loop, as a click would start it: its turn is
 * counted. */
static gboolean
start (gpointer user_data)
{
  Job *job = user_data;
  g_autoptr(GError) error = NULL;

  job->started = TRUE;
  switch (job->action)
    {
    case OPEN_NOW:
      if (!sb_window_open_file (window, job->file))
        g_error ("bench-main-loop: the packet did not open");
      job->done = TRUE;
      break;
    case OPEN_IN_BACKGROUND:
      sb_window_open_file_in_background (window, job->file);
      break;
    case SAVE_NOW:
      if (!sb_reviewer_view_save_document (sb_window_get_reviewer_view (window), SB_REVIEW_DOCUMENT_OPINION,
                                           job->file, &error))
        g_error ("bench-main-loop: %s", error->message);
      job->done = TRUE;
      break;
    case SAVE_IN_BACKGROUND:
      sb_reviewer_view_save_document_async (sb_window_get_reviewer_view (window), SB_REVIEW_DOCUMENT_OPINION, FALSE,
                                            NULL, job->file, on_saved, job);
      break;
    case AUTOSAVE_NOW:
      type_in_focus ();
      if (!sb_wizard_save_now (sb_window_get_wizard (window), &error))
        g_error ("bench-main-loop: %s", error->message);
      job->done = TRUE;
      break;
    case AUTOSAVE_IN_BACKGROUND:
      job->syncs = g_atomic_int_get (&syncs);
      type_in_focus ();
      break;
    case FINISH_NOW:
      {
        g_autoptr(GFile) folder = new_folder ();

        if (!sb_wizard_finish_into (sb_window_get_wizard (window), folder, &error))
          g_error ("bench-main-loop: %s", error->message);
        job->done = TRUE;
      }
      break;
    case FINISH_IN_BACKGROUND:
      {
        g_autoptr(GFile) folder = new_folder ();

        sb_wizard_finish_in_background (sb_window_get_wizard (window), folder);
      }
      break;
    }
  return G_SOURCE_REMOVE;
}

/* Whether what @job started in the background is over: the packet
 * shown, the draft synced to the disk, the packet and its PDF written. */
static gboolean
is_done (Job *job)
{
  switch (job->action)
    {
    case OPEN_IN_BACKGROUND:
      return !sb_window_is_opening_file (window);
    case AUTOSAVE_IN_BACKGROUND:
      return g_atomic_int_get (&syncs) > job->syncs;
    case FINISH_IN_BACKGROUND:
      return !sb_wizard_is_finishing (sb_window_get_wizard (window));
    default:
      return FALSE;
    }
}

/* Runs @action on @file; its longest main-loop turn and its whole time
 * in milliseconds. */
static void
measure (Action  action,
         GFile  *file,
         double *stall,
         double *total)
{
  Job job = { action, file, FALSE, FALSE };
  gint64 began;

  wait_ms (300);
  longest_turn = 0;
  began = g_get_monotonic_time ();
  action_began = began;
  g_idle_add (start, &job);
  while (!job.started || !(job.done || is_done (&job)))
    turn ();
  *total = (g_get_monotonic_time () - began) / 1000.0;
  /* The frames that show it, and the reviewer's pages not shown built in
   * idle time after the first. */
  wait_ms (1000);
  *stall = longest_turn / 1000.0;
  if ((action == OPEN_NOW || action == OPEN_IN_BACKGROUND) && sb_window_get_reviewer_view (window) == NULL)
    g_error ("bench-main-loop: the packet did not open");
}

static void
close_review (void)
{
  if (sb_window_get_reviewer_view (window) != NULL || sb_window_get_wizard (window) != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL);
  wait_ms (200);
}

/* A draft of the complete fixture of @form_id; with @rows, the 科技类
 * staff roster grown to @rows rows and its schedule to half as many
 * sessions (as bench-wizard grows them). */
static SbDraft *
fixture_draft (const char *form_id,
               guint       rows)
{
  g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), form_id, "complete.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), form_id, 0);
  JsonObject *answers;
  SbDraft *draft;

  if (definition == NULL || !json_parser_load_from_file (parser, path, &error))
    g_error ("bench-main-loop: no fixture for %s: %s", form_id, error ? error->message : "no such form");
  answers = json_node_get_object (json_parser_get_root (parser));
  if (rows > 0)
    {
      bench_grow_table (answers, "staff", rows);
      bench_grow_table (answers, "sessions", rows / 2);
    }
  draft = sb_draft_new (definition, "2024-03-14T08:00:00Z");
  sb_answers_set_json (sb_draft_get_answers (draft), answers);
  return draft;
}

/* Explains every warning of @draft, as an applicant does before finishing. */
static void
justify_warnings (SbDraft *draft)
{
  g_autoptr(SbValidationReport) report = sb_validate (sb_draft_get_answers (draft), sb_date_today (), NULL);
  GPtrArray *findings = sb_validation_report_get_findings (report);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == SB_SEVERITY_WARNING && finding->rule != NULL)
        sb_draft_set_justification (draft, finding->rule_id, "已与县级自然资源部门核实，情况属实。");
    }
}

/* @path added to @files, as picking it would add it; its attachment. */
static JsonObject *
store_file (SbFileStore *files,
            const char  *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  JsonObject *attachment;

  sb_file_store_add_async (files, file, 20 * 1024 * 1024, NULL, on_async_ready, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  attachment = sb_file_store_add_finish (files, result, &error);
  if (attachment == NULL)
    g_error ("bench-main-loop: %s: %s", path, error->message);
  return attachment;
}

/* Attaches @paths to @field of @draft through the window's file store
 * (the folder beside its drafts), where the fixture's other attachments
 * (the files of tests/fixtures/files) are put too. */
static void
attach_files (SbDraft     *draft,
              const char  *field,
              char       **paths)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), APP_ID, "drafts", "files", NULL);
  g_autoptr(SbFileStore) files = sb_file_store_new (dir);
  g_autoptr(JsonArray) attached = json_array_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  const char *fixture_files[] = { "scan.pdf", "photo.png" };

  for (guint i = 0; i < G_N_ELEMENTS (fixture_files); i++)
    {
      g_autofree char *path = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", fixture_files[i], NULL);

      json_object_unref (store_file (files, path));
    }
  for (guint i = 0; paths[i] != NULL; i++)
    json_array_add_object_element (attached, store_file (files, paths[i]));
  json_node_set_array (node, attached);
  sb_answers_set_field (sb_draft_get_answers (draft), field, node);
}

/* Opens @draft in the wizard, at @field's step with the focus on it. */
static void
open_draft (SbDraft    *draft,
            const char *field)
{
  SbWizard *wizard;

  sb_window_open_draft (window, draft);
  wait_ms (1500);
  wizard = sb_window_get_wizard (window);
  if (wizard == NULL)
    g_error ("bench-main-loop: the draft did not open");
  sb_wizard_show_field (wizard, field);
  wait_ms (500);
}

/* Columns @text takes in a terminal: two for each wide (CJK) character. */
static int
display_width (const char *text)
{
  int width = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    width += g_unichar_iswide (g_utf8_get_char (p)) ? 2 : 1;
  return width;
}

static void
print_pair (const char *what,
            Action      now,
            Action      background,
            GFile      *file,
            gboolean    close_after)
{
  double stall[2][RUNS], total[2][RUNS];

  for (guint run = 0; run < RUNS; run++)
    for (guint way = 0; way < 2; way++)
      {
        measure (way == 0 ? now : background, file, &stall[way][run], &total[way][run]);
        if (close_after)
          close_review ();
      }
  printf ("%s%*s | %9.0f ms %9.0f ms | %9.0f ms %9.0f ms\n", what, 26 - display_width (what), "",
          median (stall[1]), median (total[1]), median (stall[0]), median (total[0]));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *home = g_dir_make_tmp ("shenbao-bench-XXXXXX", NULL);
  g_autofree char *opinion_path = g_build_filename (home, "审核意见.pdf", NULL);
  g_autoptr(SbApplication) application = NULL;
  g_autoptr(GFile) json = NULL;
  g_autoptr(GFile) pdf = NULL;
  g_autoptr(GFile) opinion = NULL;
  g_autoptr(GFile) ordinary = NULL;
  g_autofree char *load = NULL;

  gboolean applicant_only = argc > 1 && g_str_equal (argv[1], "--applicant-only");

  if (applicant_only)
    {
      argv++;
      argc--;
    }
  if (argc < 3)
    {
      fprintf (stderr, "usage: bench-main-loop [--applicant-only] PACKET.json PACKET.pdf [ORDINARY.json [ATTACHMENT...]] "
                       "(see tests/bench/bench-main-loop.py)\n");
      return 2;
    }
  show_turns = g_getenv ("SHENBAO_BENCH_TURNS") != NULL;
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-main-loop: needs a display; run it under xvfb-run\n");
      return 1;
    }
  adw_init ();
  json = g_file_new_for_commandline_arg (argv[1]);
  pdf = g_file_new_for_commandline_arg (argv[2]);
  opinion = g_file_new_for_path (opinion_path);
  ordinary = argc >= 4 ? g_file_new_for_commandline_arg (argv[3]) : NULL;

  application = sb_application_new ("io.github.shenbao.Shenbao.Bench", G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (application), NULL, NULL);
  default_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);
  g_timeout_add (10, wake, NULL);
  window = sb_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_window_present (GTK_WINDOW (window));
  wait_ms (1000);

  if (g_file_get_contents ("/proc/loadavg", &load, NULL, NULL))
    printf ("load average: %s", load);
  printf ("median of %d runs, each way in turn     | as the window does now  | on the main thread (peer)\n", RUNS);
  printf ("%-26s | %12s %12s | %12s %12s\n", "", "longest turn", "whole", "longest turn", "whole");
  if (!applicant_only)
    {
      print_pair ("open the JSON packet", OPEN_NOW, OPEN_IN_BACKGROUND, json, TRUE);
      print_pair ("open the packet's PDF", OPEN_NOW, OPEN_IN_BACKGROUND, pdf, TRUE);
      if (ordinary != NULL)
        print_pair ("open a 科技类 packet", OPEN_NOW, OPEN_IN_BACKGROUND, ordinary, TRUE);
      /* The opinion of the packet under review. */
      sb_window_open_file (window, json);
      wait_ms (500);
      print_pair ("save the 审核意见 PDF", SAVE_NOW, SAVE_IN_BACKGROUND, opinion, FALSE);
      close_review ();
    }

  /* The applicant's side: a change autosaved while the disk is slow, in a
   * draft with a 1,000-row roster; then an application finished with the
   * ATTACHMENT files as its 耕地 vector data. */
  if (g_getenv ("SHENBAO_TEST_FIXTURES") != NULL)
    {
      g_autoptr(SbDraft) roster = fixture_draft ("kejipeixun", 1000);
      g_autofree char *what = g_strdup_printf ("autosave, fsync +%d ms", SLOW_DISK_MS);

      open_draft (roster, "funding_source_desc");
      g_atomic_int_set (&slow_disk, 1);
      print_pair (what, AUTOSAVE_NOW, AUTOSAVE_IN_BACKGROUND, NULL, FALSE);
      g_atomic_int_set (&slow_disk, 0);
      close_review ();
    }
  if (argc > 4)
    {
      g_autoptr(SbDraft) attached = fixture_draft ("gengdi", 0);
      guint64 size = 0;

      for (int i = 4; i < argc; i++)
        {
          GStatBuf buf;

          if (g_stat (argv[i], &buf) == 0)
            size += buf.st_size;
        }
      attach_files (attached, "out_vector_file", argv + 4);
      justify_warnings (attached);
      open_draft (attached, "out_vector_file");
      {
        g_autofree char *what = g_strdup_printf ("finish, %.0f MB attached", size / 1e6);

        print_pair (what, FINISH_NOW, FINISH_IN_BACKGROUND, NULL, FALSE);
      }
      close_review ();
    }

  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
