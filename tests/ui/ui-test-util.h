/* ui-test-util.h — what the widget tests share
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sb-application.h"
#include "sb-row-editor.h"
#include "sb-window.h"
#include "sb-wizard.h"

G_BEGIN_DECLS

/* What every widget test does first: the interface in the build's
 * translation, g_test_init(), and GTK and libadwaita on the display.
 * FALSE when there is no display: TAP's skip is printed and the test
 * should return 0. */
gboolean ui_test_init            (int         *argc,
                                  char      ***argv);

/* A new application for the tests (not unique: tests run side by side
 * with a real session), registered. */
SbApplication *ui_test_new_application (void);
/* What most widget tests do first: drafts and files go to a fresh folder
 * (never the person's own), the procedures are the source tree's, then
 * ui_test_init() and one application for every test case, as in a real
 * session.  A test case that g_test_trap_subprocess() runs again keeps
 * its parent's folders (the application started again on the same
 * data).  NULL when there is no display: TAP's skip is printed and the
 * test should return 0. */
SbApplication *ui_test_setup         (int         *argc,
                                      char      ***argv);

/* Runs the main loop for @milliseconds, and until @widget is mapped (at
 * most five seconds more): a frame needs the loop to turn. */
void ui_test_wait_for        (GtkWidget  *widget,
                              guint       milliseconds);
/* Renders @widget to NAME in the build folder ($MESON_BUILD_ROOT) for a
 * person to look at, and says where in the test log. */
void ui_test_save_screenshot (GtkWidget  *widget,
                              const char *name);

/* A new main window of @application, @width × 800, shown and drawn. */
SbWindow    *ui_test_open_window     (SbApplication *application,
                                      int            width);
/* A new application of @form_id in @window, from its guide's Start
 * button, as a person begins one; its wizard. */
SbWizard    *ui_test_start_application (SbWindow   *window,
                                        const char *form_id);
/* Where the application keeps drafts (the tests' own XDG data folder). */
char        *ui_test_drafts_dir      (void);
/* The row editor open now (in any window), or NULL. */
SbRowEditor *ui_test_find_row_editor (void);
/* The first widget of @type in @widget's tree (@widget included), or NULL. */
GtkWidget   *ui_test_find_widget     (GtkWidget     *widget,
                                      GType          type);
/* The first button in @widget's tree labelled exactly @label (its
 * mnemonic included, "_Next"), or NULL. */
GtkWidget   *ui_test_find_button     (GtkWidget     *widget,
                                      const char    *label);
/* The first label in @widget's tree showing exactly @text, or NULL. */
GtkWidget   *ui_test_find_label      (GtkWidget     *widget,
                                      const char    *text);
/* The first AdwEntryRow in @widget's tree titled exactly @title, or NULL. */
GtkWidget   *ui_test_find_entry_row  (GtkWidget     *widget,
                                      const char    *title);

G_END_DECLS
