/* bench-bare-window.c — the bare reference of the start-up benchmark
 *
 * A minimal libadwaita application: one AdwApplicationWindow holding one
 * GtkEntry, nothing else (no data read, no CSS of its own, no pages).
 * bench-startup.py launches it beside shenbao and gnome-text-editor, so
 * that the ratio says what Shenbao adds on top of GTK and libadwaita on
 * this machine; bench-wizard measures a keystroke in the same window,
 * built the same way in its own process.  It registers on the session
 * bus as Shenbao does (a unique application).
 *
 *   tests/bench/bench-bare-window      (shows the window until closed)
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

static void
on_activate (GtkApplication *application)
{
  GtkWidget *window = adw_application_window_new (application);
  GtkWidget *entry = gtk_entry_new ();

  gtk_window_set_title (GTK_WINDOW (window), "Bare window");
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 800);
  gtk_widget_set_valign (entry, GTK_ALIGN_START);
  gtk_widget_set_margin_top (entry, 24);
  gtk_widget_set_margin_start (entry, 24);
  gtk_widget_set_margin_end (entry, 24);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), entry);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(AdwApplication) application = adw_application_new ("io.github.shenbao.BenchBareWindow",
                                                                G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (application, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (application), argc, argv);
}
