/* bench-register-page.c — the register page over a large register
 *
 * Opens the SQLite register at FILE (bench-register sqlite DIR leaves
 * one of 101,000 cases in DIR/bench-register.sqlite), then, RUNS times,
 * shows every case on the register page and times, in milliseconds:
 *   page: from asking for the cases to the list shown (the read in its
 *         worker thread, then the rows made on the main thread);
 *   main thread: the longest turn of the main loop meanwhile — what a
 *         person would feel as the window not answering;
 * beside its peer, sb_register_list() of the same cases alone.  Not a
 * test: no figure is asserted.
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

/* Shows the cases once; the whole time and the longest main-loop turn. */
static void
time_page (SbRegisterPage *page,
           SbRegister     *case_register,
           double         *total,
           double         *longest)
{
  gint64 start = g_get_monotonic_time ();

  *longest = 0;
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

static void
measure (const char     *what,
         SbRegisterPage *page,
         SbRegister     *case_register)
{
  SbCaseFilter filter = { .today = sb_date_today () };
  double totals[RUNS], longest[RUNS], peers[RUNS];
  guint count = 0;

  for (guint i = 0; i < RUNS; i++)
    {
      time_page (page, case_register, &totals[i], &longest[i]);
      peers[i] = time_list (case_register, &filter, &count);
    }
  g_print ("  %-28s page %8.1f ms   main thread at most %7.1f ms   peer: the list alone %7.1f ms (%u cases shown, %u listed)\n",
           what, median (totals), median (longest), median (peers), sb_register_page_get_n_shown (page), count);
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
  measure ("every case", SB_REGISTER_PAGE (page), case_register);
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
