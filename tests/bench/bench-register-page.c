/* bench-register-page.c — the register page over a large register
 *
 * Opens the SQLite register at FILE (bench-register sqlite DIR leaves
 * one of 101,000 cases in DIR/bench-register.sqlite), then, RUNS times,
 * shows the register page (its first page of cases, the most urgent 500,
 * and how many there are), then a search typed into it, and times, in
 * milliseconds:
 *   page: from asking for the cases to the list shown (the reads in its
 *         worker thread, then the list taking the rows);
 *   main thread: the longest turn of the main loop meanwhile — what a
 *         person would feel as the window not answering;
 * beside its peers: the page's own reads alone (sb_register_list() of
 * the first 500 and sb_register_count()), and sb_register_list() of every
 * case, which the page read before it read a page at a time (then: page
 * 2.6 s, main thread at most 561 ms over 101,000 cases).  Not a test: no
 * figure is asserted.
 *
 * On 2026-12-03, on the 2 cores shared with two builds (load 3.4 to 4.4):
 * the first page 258 to 563 ms, the main thread at most 158 to 335 ms,
 * beside its reads alone 17 to 57 ms; a search 492 to 697 ms, at most
 * 204 to 293 ms; every case listed 436 to 1,002 ms.  Where the main
 * thread's time goes (perf, the first page): GTK's column view taking
 * the new page in, unparenting the old rows' widgets and making and
 * measuring the new ones; before, setting each cell's tooltip as it was
 * bound took half of it (GTK 4.8 asks the X server where the pointer is,
 * once per cell), and the tooltip is now asked for only on hover.
 *
 *   xvfb-run -a meson devenv -C BUILD tests/bench/bench-register-page FILE
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdlib.h>

#include "sb-date.h"
#include "sb-register-page.h"
#include "sb-register.h"

#define RUNS 5

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

static GtkWidget *
find_search_entry (GtkWidget *widget)
{
  if (GTK_IS_SEARCH_ENTRY (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_search_entry (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Shows the cases once (with @search typed, or none); the whole time and
 * the longest main-loop turn. */
static void
time_page (SbRegisterPage *page,
           SbRegister     *case_register,
           const char     *search,
           double         *total,
           double         *longest)
{
  GtkWidget *entry = find_search_entry (GTK_WIDGET (page));
  gint64 start = g_get_monotonic_time ();

  *longest = 0;
  g_assert (entry != NULL);
  gtk_editable_set_text (GTK_EDITABLE (entry), search != NULL ? search : "");
  sb_register_page_set_register (page, case_register, NULL);
  while (sb_register_page_is_loading (page))
    {
      gint64 turn = g_get_monotonic_time ();

      g_main_context_iteration (NULL, TRUE);
      *longest = MAX (*longest, (g_get_monotonic_time () - turn) / 1000.0);
    }
  *total = (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_list (SbRegister         *case_register,
           const SbCaseFilter *filter,
           guint              *count)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) cases = sb_register_list (case_register, filter, &error);

  if (cases == NULL)
    g_error ("%s", error->message);
  *count = cases->len;
  return (g_get_monotonic_time () - start) / 1000.0;
}

static double
time_count (SbRegister         *case_register,
            const SbCaseFilter *filter)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  guint n_cases, n_overdue;

  if (!sb_register_count (case_register, filter, &n_cases, &n_overdue, &error))
    g_error ("%s", error->message);
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
measure (const char     *what,
         SbRegisterPage *page,
         SbRegister     *case_register,
         const char     *search)
{
  SbCaseFilter filter = { .today = sb_date_today (), .search = search, .limit = 500 };
  double totals[RUNS], longest[RUNS], reads[RUNS];
  guint count = 0;

  for (guint i = 0; i < RUNS; i++)
    time_page (page, case_register, search, &totals[i], &longest[i]);
  for (guint i = 0; i < RUNS; i++)
    reads[i] = time_list (case_register, &filter, &count) + time_count (case_register, &filter);
  g_print ("  %-22s page %7.1f ms   main thread at most %6.1f ms   peer: its reads alone %7.1f ms "
           "(%u shown of %u matching)\n",
           what, median (totals), median (longest), median (reads), sb_register_page_get_n_shown (page),
           sb_register_page_get_n_matching (page));
}

/* Last: freeing 101,000 listed cases leaves the allocator work that the
 * next run on the main thread would pay for. */
static void
measure_everything (SbRegister *case_register)
{
  SbCaseFilter everything = { .today = sb_date_today () };
  double all[RUNS];
  guint count = 0;

  for (guint i = 0; i < RUNS; i++)
    all[i] = time_list (case_register, &everything, &count);
  g_print ("  %-22s what the page read before: every case listed %7.1f ms (%u cases)\n", "peer", median (all), count);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(SbRegister) case_register = NULL;
  SbFormRegistry *forms;
  SbCalendar *calendar;
  GtkWidget *window;
  GtkWidget *page;

  if (argc != 2)
    {
      g_printerr ("usage: %s REGISTER.sqlite\n", argv[0]);
      return 2;
    }
  adw_init ();
  forms = sb_form_registry_get_default ();
  calendar = sb_calendar_get_default (NULL);
  case_register = sb_register_open (argv[1], forms, calendar, &error);
  if (case_register == NULL)
    g_error ("%s", error->message);

  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  page = sb_register_page_new (forms, calendar);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  for (gint64 end = g_get_monotonic_time () + 300000; g_get_monotonic_time () < end;)
    g_main_context_iteration (NULL, FALSE);

  g_print ("The register page, %s (median of %d):\n", argv[1], RUNS);
  measure ("the first page", SB_REGISTER_PAGE (page), case_register, NULL);
  measure ("a search (\"阳泉\")", SB_REGISTER_PAGE (page), case_register, "阳泉");
  measure_everything (case_register);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
