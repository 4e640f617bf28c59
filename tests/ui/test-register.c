/* test-register.c — the case register's page and the window's part of it
 *
 * The page lists a real SQLite register's cases, the most urgent first,
 * narrows them by status, procedure, overdue and a search, keeps what it
 * showed when the register cannot be reached and offers Retry.  The
 * window registers every packet opened for review once (opening it again
 * finds its case), opens the register from the start page's row, and
 * says there how many cases are due soon.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "sb-date.h"
#include "sb-form-registry.h"
#include "sb-case-group.h"
#include "sb-register-page.h"
#include "sb-register-queue.h"
#include "sb-register.h"
#include "ui-test-util.h"

static SbApplication *application;
static char *work_dir;

static gint32
day (const char *text)
{
  gint32 julian = 0;

  g_assert_true (sb_date_parse (text, &julian));
  return julian;
}

/* An enginetest packet of the applicant @name. */
static SbPacket *
make_packet (const char *name)
{
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "enginetest", 0);
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  g_autofree char *json = g_strdup_printf (
    "{\"name\": \"%s\", \"area\": \"120.00\", \"teaching_area\": \"80.00\", \"kind\": \"新设立\", \"pledge\": true,"
    " \"end_time\": \"20:30\", \"staff\": [{\"staff_name\": \"张伟\", \"role\": \"教学\"}]}", name);
  g_autoptr(JsonNode) node = json_from_string (json, NULL);
  g_autoptr(GError) error = NULL;
  SbPacket *packet;

  sb_answers_set_json (answers, json_node_get_object (node));
  packet = sb_packet_new (answers, day ("2024-03-15"), NULL, NULL, "2024-03-14T09:00:00Z", "2024-03-15T08:00:00Z",
                          NULL, &error);
  g_assert_no_error (error);
  return packet;
}

static SbRegister *
open_register (const char *path)
{
  g_autoptr(GError) error = NULL;
  SbRegister *opened = sb_register_open (path, sb_form_registry_get_default (), sb_calendar_get_default (NULL),
                                         &error);

  g_assert_no_error (error);
  return opened;
}

static void
wait_loaded (SbRegisterPage *page)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* A turn of the loop first: a list may be asked for and not begun. */
  g_main_context_iteration (NULL, FALSE);
  while (sb_register_page_is_loading (page) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_register_page_is_loading (page));
  ui_test_wait_for (GTK_WIDGET (page), 100);
}

static guint
count_listed (SbRegister         *case_register,
              const SbCaseFilter *filter)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = sb_register_list (case_register, filter, &error);

  g_assert_no_error (error);
  return cases->len;
}

static void
on_toast (SbRegisterPage *page,
          AdwToast       *toast,
          char          **title)
{
  g_free (*title);
  *title = g_strdup (adw_toast_get_title (toast));
}

static void
wait_exported (SbRegisterPage *page)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (sb_register_page_is_exporting (page) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_register_page_is_exporting (page));
}

static void
on_retry (SbRegisterPage *page,
          gboolean       *asked)
{
  *asked = TRUE;
}

static void
test_register_page (void)
{
  g_autofree char *path = g_build_filename (work_dir, "page.sqlite", NULL);
  g_autoptr(SbRegister) case_register = open_register (path);
  const char *names[] = { "启明科技培训中心", "星火编程学校", "东方机器人工作室" };
  gint32 today = day ("2024-04-30");
  SbCaseFilter overdue_filter = { .overdue = TRUE, .today = today };
  g_autoptr(SbCase) accepted = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  SbRegisterPage *page;
  GtkWidget *status, *overdue, *search, *retry;
  gboolean retry_asked = FALSE;
  g_auto(GStrv) references = g_new0 (char *, G_N_ELEMENTS (names) + 1);
  guint n_overdue;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(SbPacket) packet = make_packet (names[i]);
      g_autoptr(SbCase) added = sb_register_add_packet (case_register, packet, "/srv/packets/a.json", NULL, TRUE, NULL,
                                                        day ("2024-03-18"), "李四", NULL, &error);

      g_assert_no_error (error);
      /* The engine test form has no summary fields: its cases are
       * known by their references. */
      references[i] = g_strdup (added->reference);
      if (i == 1)
        accepted = sb_register_transition (case_register, added->id, added->version, "accepted", "李四", "材料齐全，予以受理",
                                           day ("2024-03-19"), &error);
      g_assert_no_error (error);
    }
  g_assert_nonnull (accepted);

  page = SB_REGISTER_PAGE (sb_register_page_new (sb_form_registry_get_default (), sb_calendar_get_default (NULL)));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 600);
  gtk_window_present (GTK_WINDOW (window));
  sb_register_page_set_today (page, today);
  sb_register_page_set_register (page, case_register, NULL);
  wait_loaded (page);

  /* Every case, each in a row of its own. */
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 3);
  ui_test_save_screenshot (window, "screenshot-register.png");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), references[i]));

  /* By status: the accepted one only. */
  status = ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN);
  g_assert_nonnull (status);
  for (guint i = 0; sb_case_statuses[i] != NULL; i++)
    if (g_str_equal (sb_case_statuses[i], "accepted"))
      gtk_drop_down_set_selected (GTK_DROP_DOWN (status), i + 1);
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 1);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), references[1]));
  g_assert_null (ui_test_find_label (GTK_WIDGET (page), references[0]));
  /* What is shown is what is exported: the accepted case, as CSV that
   * WPS and Excel open (a byte order mark). */
  {
    g_autofree char *csv_path = g_build_filename (work_dir, "accepted.csv", NULL);
    g_autofree char *bad_path = g_build_filename (work_dir, "accepted.txt", NULL);
    g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
    g_autoptr(GFile) bad = g_file_new_for_path (bad_path);
    g_autofree char *title = NULL;
    g_autofree char *contents = NULL;
    g_auto(GStrv) lines = NULL;

    g_signal_connect (page, "toast", G_CALLBACK (on_toast), &title);
    sb_register_page_export (page, csv);
    wait_exported (page);
    g_assert_nonnull (title);
    g_assert_nonnull (strstr (title, "accepted.csv"));
    g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "\xef\xbb\xbf"));
    lines = g_strsplit (contents, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);  /* the header, the case, and after the last CRLF nothing */
    g_assert_nonnull (strstr (lines[1], references[1]));
    g_assert_cmpstr (lines[2], ==, "");
    /* A name that is neither .xlsx nor .csv: said, nothing written. */
    g_clear_pointer (&title, g_free);
    sb_register_page_export (page, bad);
    wait_exported (page);
    g_assert_nonnull (title);
    g_assert_false (g_file_test (bad_path, G_FILE_TEST_EXISTS));
    g_signal_handlers_disconnect_by_func (page, on_toast, &title);
  }
  gtk_drop_down_set_selected (GTK_DROP_DOWN (status), 0);
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 3);

  /* The search, by a reference typed in lower case. */
  search = ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (search);
  {
    g_autofree char *lower = g_utf8_strdown (references[2], -1);

    gtk_editable_set_text (GTK_EDITABLE (search), lower);
  }
  g_signal_emit_by_name (search, "search-changed");
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (search), "没有这个申请人");
  g_signal_emit_by_name (search, "search-changed");
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  wait_loaded (page);

  /* Overdue only: what the register itself says is overdue on that day
   * (the accepted case's deadline runs from its acceptance). */
  n_overdue = count_listed (case_register, &overdue_filter);
  g_assert_cmpuint (n_overdue, >, 0);
  overdue = ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_CHECK_BUTTON);
  g_assert_nonnull (overdue);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (overdue), TRUE);
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, n_overdue);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (overdue), FALSE);
  wait_loaded (page);

  /* The reviewer and the days of receipt, typed as people write dates. */
  {
    g_autoptr(SbCase) current = sb_register_find (case_register, references[2], 0, &error);
    g_autoptr(SbCase) assigned = NULL;
    GtkWidget *problem;

    g_assert_no_error (error);
    assigned = sb_register_assign (case_register, current->id, current->version, "赵六", NULL, "李四", &error);
    g_assert_no_error (error);
    sb_register_page_set_more_filters (page, " 赵六 ", NULL, NULL);
    wait_loaded (page);
    g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 1);
    g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), references[2]));
    sb_register_page_set_more_filters (page, NULL, "2024年3月19日", NULL);
    wait_loaded (page);
    g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 0);
    sb_register_page_set_more_filters (page, NULL, "２０２４/３/１８", "2024-03-18");
    wait_loaded (page);
    g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 3);
    /* Not a day: said, and the list stays as it was. */
    sb_register_page_set_more_filters (page, NULL, "三月", NULL);
    wait_loaded (page);
    g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 3);
    problem = NULL;
    {
      GtkWidget *button = ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_MENU_BUTTON);
      GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));

      for (GtkWidget *w = ui_test_find_widget (popover, GTK_TYPE_GRID), *c = gtk_widget_get_first_child (w); c != NULL;
           c = gtk_widget_get_next_sibling (c))
        if (GTK_IS_LABEL (c) && gtk_widget_has_css_class (c, "error"))
          problem = c;
    }
    g_assert_nonnull (problem);
    g_assert_true (gtk_widget_get_visible (problem));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), !=, "");
    sb_register_page_set_more_filters (page, NULL, NULL, NULL);
    wait_loaded (page);
    g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 3);
  }

  /* The register goes away: the bar says so, what was shown stays, and
   * Retry asks for it again. */
  {
    g_autoptr(GError) lost = g_error_new_literal (SB_REGISTER_ERROR, SB_REGISTER_ERROR_UNREACHABLE,
                                                  "could not connect to server: Connection refused");

    g_signal_connect (page, "retry", G_CALLBACK (on_retry), &retry_asked);
    sb_register_page_set_register (page, NULL, lost);
    ui_test_wait_for (GTK_WIDGET (page), 100);
  }
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 3);
  {
    GtkWidget *found = NULL;

    for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (page)); child != NULL;
         child = gtk_widget_get_next_sibling (child))
      if (gtk_widget_has_css_class (child, "expired-notice"))
        found = child;
    g_assert_nonnull (found);
    g_assert_true (gtk_widget_get_visible (found));
    retry = ui_test_find_widget (found, GTK_TYPE_BUTTON);
    g_assert_nonnull (retry);
  }
  g_assert_true (gtk_widget_is_sensitive (retry));
  g_signal_emit_by_name (retry, "clicked");
  g_assert_true (retry_asked);
  ui_test_save_screenshot (window, "screenshot-register-unreachable.png");

  /* Back again: the bar goes. */
  sb_register_page_set_register (page, case_register, NULL);
  wait_loaded (page);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (retry)));
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A register of years of cases is read a page at a time, the most urgent
 * first: the list says how many there are, Show More reads the next
 * page, and the search and the export reach the cases beyond it. */
static void
test_register_page_pages (void)
{
  g_autofree char *path = g_build_filename (work_dir, "pages.sqlite", NULL);
  g_autofree char *csv_path = g_build_filename (work_dir, "pages.csv", NULL);
  g_autoptr(GFile) csv = g_file_new_for_path (csv_path);
  g_autoptr(SbRegister) case_register = open_register (path);
  g_autofree char *late_reference = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *search, *more = NULL;
  SbRegisterPage *page;

  /* 1,050 cases received on one day: the most urgent are the first added. */
  for (guint i = 0; i < 1050; i++)
    {
      g_autofree char *name = g_strdup_printf ("申请人%u", i);
      g_autoptr(SbPacket) packet = make_packet (name);
      g_autoptr(SbCase) added = sb_register_add_packet (case_register, packet, "/srv/packets/a.json", NULL, TRUE, NULL,
                                                        day ("2024-03-18"), "李四", NULL, &error);

      g_assert_no_error (error);
      if (i == 1040)
        late_reference = g_strdup (added->reference);
    }

  page = SB_REGISTER_PAGE (sb_register_page_new (sb_form_registry_get_default (), sb_calendar_get_default (NULL)));
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 600);
  gtk_window_present (GTK_WINDOW (window));
  sb_register_page_set_today (page, day ("2024-03-19"));
  sb_register_page_set_register (page, case_register, NULL);
  wait_loaded (page);

  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 500);
  g_assert_cmpuint (sb_register_page_get_n_matching (page), ==, 1050);
  {
    g_autofree char *summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The %u most urgent of %u case",
                                                             "The %u most urgent of %u cases", 1050), 500, 1050);
    g_autofree char *label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More", 500), 500);

    g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), summary));
    more = ui_test_find_button (GTK_WIDGET (page), label);
    g_assert_nonnull (more);
    g_assert_true (gtk_widget_get_visible (more));
  }
  ui_test_save_screenshot (window, "screenshot-register-pages.png");
  g_signal_emit_by_name (more, "clicked");
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 1000);
  sb_register_page_show_more (page);
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 1050);
  g_assert_false (gtk_widget_get_visible (more));

  /* The search finds a case far down the list, the page starting again. */
  search = ui_test_find_widget (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY);
  gtk_editable_set_text (GTK_EDITABLE (search), late_reference);
  g_signal_emit_by_name (search, "search-changed");
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 1);
  g_assert_nonnull (ui_test_find_label (GTK_WIDGET (page), late_reference));
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  g_signal_emit_by_name (search, "search-changed");
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 500);

  /* The export writes every case that matches, not only the page. */
  sb_register_page_export (page, csv);
  wait_exported (page);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  lines = g_strsplit (contents, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 1050 + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* An empty register says what will be there. */
static void
test_register_page_empty (void)
{
  g_autofree char *path = g_build_filename (work_dir, "empty.sqlite", NULL);
  g_autoptr(SbRegister) case_register = open_register (path);
  GtkWidget *window = gtk_window_new ();
  SbRegisterPage *page = SB_REGISTER_PAGE (sb_register_page_new (sb_form_registry_get_default (), NULL));
  AdwStatusPage *empty;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (page));
  gtk_window_present (GTK_WINDOW (window));
  sb_register_page_set_register (page, case_register, NULL);
  wait_loaded (page);
  g_assert_cmpuint (sb_register_page_get_n_shown (page), ==, 0);
  empty = ADW_STATUS_PAGE (ui_test_find_widget (GTK_WIDGET (page), ADW_TYPE_STATUS_PAGE));
  g_assert_nonnull (empty);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (empty)));
  g_assert_nonnull (adw_status_page_get_title (empty));
  g_assert_cmpstr (adw_status_page_get_title (empty), !=, "");
  gtk_window_destroy (GTK_WINDOW (window));
}

static AdwActionRow *
find_register_row (GtkWidget *widget)
{
  if (ADW_IS_ACTION_ROW (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.show-register") == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_register_row (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static guint
wait_for_cases (SbRegister *case_register,
                guint       wanted)
{
  SbCaseFilter all = { .today = sb_date_today () };
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  guint n = 0;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      n = count_listed (case_register, &all);
      if (n >= wanted)
        break;
      g_usleep (20000);
    }
  return n;
}


/* Turns the main loop until @window has opened its register, or found it
 * cannot (at most 20 s). */
static void
wait_register_opened (SbWindow *window)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (sb_window_is_opening_register (window) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_window_is_opening_register (window));
}

/* Opens @file for review in @window and waits for its case beside it. */
static SbCaseGroup *
open_for_review (SbWindow *window,
                 GFile    *file)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  SbCaseGroup *group = NULL;

  wait_register_opened (window);
  g_assert_true (sb_window_open_file (window, file));
  while (group == NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, TRUE);
      group = SB_CASE_GROUP (ui_test_find_widget (GTK_WIDGET (window), SB_TYPE_CASE_GROUP));
    }
  g_assert_nonnull (group);
  return group;
}

static void
wait_idle (SbCaseGroup *group)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_main_context_iteration (NULL, FALSE);
  while (sb_case_group_is_busy (group) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (sb_case_group_is_busy (group));
  ui_test_wait_for (GTK_WIDGET (group), 200);
}

/* The action row titled @title under @widget, or NULL. */
static AdwActionRow *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_ACTION_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_ACTION_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwActionRow *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* The visible error row of @group, or NULL. */
static const char *
problem_of (SbCaseGroup *group)
{
  GtkWidget *list = ui_test_find_widget (GTK_WIDGET (group), GTK_TYPE_LIST_BOX);

  for (GtkWidget *child = gtk_widget_get_first_child (list); child != NULL; child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "error") && ADW_IS_ACTION_ROW (child) && gtk_widget_get_visible (child))
      return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (child));
  return NULL;
}

/* The case beside its review: moved along the workflow with a reason,
 * refused without one (the reason typed stays), and a change another
 * reviewer made first is said, read, and built on. */
static void
check_case_group (SbWindow   *window,
                  SbRegister *reader)
{
  SbCaseGroup *group = SB_CASE_GROUP (ui_test_find_widget (GTK_WIDGET (window), SB_TYPE_CASE_GROUP));
  g_autoptr(SbCase) other = NULL;
  g_autoptr(GPtrArray) history = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCase) now = NULL;
  GtkWidget *reason, *combo, *button;
  const char *problem;

  g_assert_nonnull (group);
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "received");
  /* On the 审核 page, scrolled to it, for a person to look at. */
  {
    GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
    GtkWidget *scrolled;

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "review");
    ui_test_wait_for (GTK_WIDGET (window), 300);
    scrolled = gtk_widget_get_ancestor (GTK_WIDGET (group), GTK_TYPE_SCROLLED_WINDOW);
    g_assert_nonnull (scrolled);
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 1e9);
    ui_test_wait_for (GTK_WIDGET (window), 300);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-register-case.png");
  }
  reason = ui_test_find_entry_row (GTK_WIDGET (group), _("Reason, recorded in the case’s history"));
  combo = ui_test_find_widget (GTK_WIDGET (group), ADW_TYPE_COMBO_ROW);
  button = ui_test_find_button (reason, _("_Record"));
  g_assert_nonnull (reason);
  g_assert_nonnull (combo);
  /* The engine test form's deadlines count from no plan: not offered. */
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (combo))); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (ADW_COMBO_ROW (combo)), i);

      g_assert_cmpstr (gtk_string_object_get_string (item), !=, _("Plan completed (总体方案编制完成)"));
    }
  g_assert_nonnull (button);

  /* Another reviewer accepts the case first. */
  other = sb_register_transition (reader, sb_case_group_get_case (group)->id, sb_case_group_get_case (group)->version,
                                  "accepted", "王五", "材料齐全", sb_date_today (), &error);
  g_assert_no_error (error);

  /* This one, on the case as read before, says 不予受理: the register
   * refuses, names who changed it, and the reason typed stays. */
  gtk_editable_set_text (GTK_EDITABLE (reason), "缺少土地权属证明");
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "received");
  for (guint i = 0; i < g_list_model_get_n_items (adw_combo_row_get_model (ADW_COMBO_ROW (combo))); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (adw_combo_row_get_model (ADW_COMBO_ROW (combo)), i);

      if (g_str_equal (gtk_string_object_get_string (item), sb_case_status_label ("not_accepted")))
        adw_combo_row_set_selected (ADW_COMBO_ROW (combo), i);
    }
  g_signal_emit_by_name (button, "clicked");
  wait_idle (group);
  problem = problem_of (group);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "王五"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "缺少土地权属证明");
  /* Read again: the case is as the other reviewer left it. */
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (!g_str_equal (sb_case_group_get_case (group)->status, "accepted") && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "accepted");

  /* From there, on to 审核中 with a reason: recorded by this reviewer. */
  sb_case_group_record (group, "reviewing", "开始审核");
  wait_idle (group);
  g_assert_null (problem_of (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "reviewing");
  now = sb_register_get (reader, sb_case_group_get_case (group)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->status, ==, "reviewing");
  history = sb_register_get_history (reader, now->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((SbCaseChange *) g_ptr_array_index (history, history->len - 1))->why, ==, "开始审核");

  /* The group's history says it too, with the other reviewer's change. */
  {
    g_autofree char *latest = g_strdup_printf (_("%s → %s"), sb_case_status_label ("accepted"),
                                               sb_case_status_label ("reviewing"));
    g_autofree char *earlier = g_strdup_printf (_("%s → %s"), sb_case_status_label ("received"),
                                                sb_case_status_label ("accepted"));
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    AdwActionRow *row = NULL;

    while ((row = find_row_titled (GTK_WIDGET (group), latest)) == NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "开始审核"));
    row = find_row_titled (GTK_WIDGET (group), earlier);
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "王五"));
  }
}

/* The window registers what it opens for review, once, and shows it. */
static void
test_window_registers_packets (void)
{
  g_autofree char *packet_path = g_build_filename (work_dir, "opened.sbpkt.json", NULL);
  g_autofree char *url = sb_register_default_url ();
  g_autoptr(SbPacket) packet = make_packet ("阳泉市城区启明科技培训中心");
  g_autoptr(SbRegister) reader = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (packet_path);
  g_autoptr(GError) error = NULL;
  SbWindow *window = ui_test_open_window (application, 1000);
  AdwActionRow *row;
  GtkWidget *page;

  /* The tests' own data folder, never the person's. */
  g_assert_true (g_str_has_prefix (url, g_get_user_data_dir ()));
  g_assert_true (sb_packet_save (packet, packet_path, &error));
  g_assert_no_error (error);

  wait_register_opened (window);
  row = find_register_row (GTK_WIDGET (window));
  g_assert_nonnull (row);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  /* The count was made: the row names the 3 working days it counts. */
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "3"));

  reader = open_register (url);
  g_assert_true (sb_window_open_file (window, file));
  g_assert_cmpuint (wait_for_cases (reader, 1), ==, 1);
  /* Opening it again finds its case and adds none. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  g_assert_true (sb_window_open_file (window, file));
  ui_test_wait_for (GTK_WIDGET (window), 1000);
  g_assert_cmpuint (wait_for_cases (reader, 2), ==, 1);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  check_case_group (window, reader);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));

  /* The start page's row opens the register, which lists the case. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-register", NULL));
  page = ui_test_find_widget (GTK_WIDGET (window), SB_TYPE_REGISTER_PAGE);
  g_assert_nonnull (page);
  wait_loaded (SB_REGISTER_PAGE (page));
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpuint (sb_register_page_get_n_shown (SB_REGISTER_PAGE (page)), ==, 1);
  g_assert_nonnull (ui_test_find_label (page, sb_packet_get_reference (packet)));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-register-window.png");

  gtk_window_destroy (GTK_WINDOW (window));
}


/* The text of @pdf as pdftotext reads it, its line breaks taken out (a
 * paragraph wraps where the page ends). */
static char *
pdf_text (GFile *pdf)
{
  const char *argv[] = { "pdftotext", g_file_peek_path (pdf), "-", NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;
  g_autoptr(GString) joined = NULL;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                               NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  joined = g_string_new (out);
  g_string_replace (joined, "\n", "", 0);
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

/* The PDF that recording @notice wrote, beside the group: it says what
 * the register recorded, and is no draft. */
static void
check_notice_pdf (SbCaseGroup    *group,
                  const SbNotice *notice)
{
  g_autoptr(GFile) pdf = sb_case_group_dup_notice_pdf (group);
  g_autofree char *text = NULL;
  g_autofree char *period = NULL;
  g_autofree char *sent = sb_date_to_string (notice->sent);
  gint32 end = 0;

  g_assert_nonnull (pdf);
  g_assert_true (g_str_has_prefix (g_file_peek_path (pdf), g_get_user_data_dir ()));
  text = pdf_text (pdf);
  g_assert_nonnull (strstr (text, notice->number));
  g_assert_nonnull (strstr (text, notice->office));
  g_assert_nonnull (strstr (text, notice->contact));
  for (guint i = 0; notice->corrections[i] != NULL; i++)
    g_assert_nonnull (strstr (text, notice->corrections[i]));
  g_assert_true (sb_calendar_add_working_days (sb_calendar_get_default (NULL), notice->sent, notice->correction_days,
                                               &end, NULL));
  {
    g_autofree char *until = sb_date_to_string (end);

    period = g_strdup_printf ("请自本告知单发出之日（%s）起 %d 个工作日内补正，即至 %s（含）止。", sent,
                              notice->correction_days, until);
  }
  g_assert_nonnull (strstr (text, period));
  g_assert_null (strstr (text, "草稿"));
  /* The office signs what it issues: Sign Digitally… beside it, for it. */
  {
    GtkWidget *label = ui_test_find_label (GTK_WIDGET (group), _("Sign Digitally…"));
    GtkWidget *button = label != NULL ? gtk_widget_get_ancestor (label, GTK_TYPE_BUTTON) : NULL;
    GVariant *target;

    g_assert_nonnull (button);
    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)), ==, "win.sign-document");
    target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));
    g_assert_cmpstr (g_variant_get_string (target, NULL), ==, g_file_peek_path (pdf));
  }
}

/* The bytes of @file, or NULL when it is not there. */
static GBytes *
file_bytes (GFile *file)
{
  char *data = NULL;
  gsize size = 0;

  if (!g_file_load_contents (file, NULL, &data, &size, NULL, NULL))
    return NULL;
  return g_bytes_new_take (data, size);
}

/* Turns the main loop until @group shows a notice PDF whose bytes are
 * @expected (ten seconds at most); that file. */
static GFile *
wait_notice_pdf_bytes (SbCaseGroup *group,
                       GBytes      *expected)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GFile) pdf = sb_case_group_dup_notice_pdf (group);
      g_autoptr(GBytes) bytes = pdf != NULL ? file_bytes (pdf) : NULL;

      if (bytes != NULL && g_bytes_equal (bytes, expected))
        return g_steal_pointer (&pdf);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_not_reached ();
}

/* Turns the main loop until @reader's register keeps @expected as the
 * latest document of @notice (ten seconds at most). */
static void
wait_register_document (SbRegister     *reader,
                        const SbNotice *notice,
                        GBytes         *expected)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GBytes) stored = sb_register_get_notice_document (reader, notice->id, NULL);

      if (stored != NULL && g_bytes_equal (stored, expected))
        return;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10000);
    }
  g_assert_not_reached ();
}

static void
on_issued_saved (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (sb_reviewer_view_save_document_finish (SB_REVIEWER_VIEW (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* The notice's PDF as issued is in the register, byte for byte, and
 * another machine of the office shows that document: here, this
 * machine's copy is gone (as on a machine that did not record it) and
 * the packet opened in a new window finds it again from the register.
 * Signed on another machine, the signed version replaces the unsigned
 * one here; signed here, it goes to the register.  The window is
 * destroyed on the way out. */
static void
check_notice_pdf_shared (SbWindow       *window,
                         GFile          *packet,
                         SbRegister     *reader,
                         const SbNotice *notice)
{
  SbCaseGroup *group = SB_CASE_GROUP (ui_test_find_widget (GTK_WIDGET (window), SB_TYPE_CASE_GROUP));
  g_autoptr(GFile) pdf = sb_case_group_dup_notice_pdf (group);
  g_autoptr(GBytes) issued = file_bytes (pdf);
  g_autoptr(GBytes) stored = NULL;
  g_autoptr(GBytes) signed_elsewhere = NULL;
  g_autoptr(GBytes) signed_here = NULL;
  g_autoptr(GFile) shown = NULL;
  g_autoptr(GError) error = NULL;
  const char update[] = "\n% an incremental update, as a signature appends it\n%%EOF\n";

  g_assert_nonnull (issued);
  stored = sb_register_get_notice_document (reader, notice->id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  g_assert_true (g_bytes_equal (stored, issued));
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Another machine: no copy here. */
  g_assert_true (g_file_delete (pdf, NULL, &error));
  g_assert_no_error (error);
  window = ui_test_open_window (application, 1000);
  group = open_for_review (window, packet);
  shown = wait_notice_pdf_bytes (group, issued);
  g_assert_true (g_file_equal (shown, pdf));
  g_clear_object (&shown);
  check_notice_pdf (group, notice);

  /* Signed on another machine (the register has the issued bytes with
   * an update appended): this machine's copy becomes the signed one. */
  {
    g_autoptr(GByteArray) bytes = g_byte_array_new ();

    g_byte_array_append (bytes, g_bytes_get_data (issued, NULL), g_bytes_get_size (issued));
    g_byte_array_append (bytes, (const guint8 *) update, strlen (update));
    signed_elsewhere = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  }
  g_assert_true (sb_register_store_notice_document (reader, notice->id, signed_elsewhere, "另一台电脑", &error));
  g_assert_no_error (error);
  sb_case_group_read_records (group);
  g_clear_object (&shown);
  shown = wait_notice_pdf_bytes (group, signed_elsewhere);
  /* Saved from the review (Save… of the notice while the case waits on
   * it): the document as issued and signed, not made again. */
  {
    g_autofree char *saved_path = g_build_filename (work_dir, "saved-issued-notice.pdf", NULL);
    g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
    g_autoptr(GBytes) saved_bytes = NULL;
    gboolean done = FALSE;

    sb_reviewer_view_save_issued_async (sb_window_get_reviewer_view (window), shown, saved, on_issued_saved, &done);
    while (!done)
      g_main_context_iteration (NULL, TRUE);
    saved_bytes = file_bytes (saved);
    g_assert_nonnull (saved_bytes);
    g_assert_true (g_bytes_equal (saved_bytes, signed_elsewhere));
    g_assert_nonnull (ui_test_find_label (GTK_WIDGET (window), "saved-issued-notice.pdf"));
  }

  /* Signed here (what signing appends, appended to this machine's copy):
   * the register keeps it, and the unsigned one stays in it too. */
  {
    g_autoptr(GByteArray) bytes = g_byte_array_new ();

    g_byte_array_append (bytes, g_bytes_get_data (signed_elsewhere, NULL), g_bytes_get_size (signed_elsewhere));
    g_byte_array_append (bytes, (const guint8 *) update, strlen (update));
    signed_here = g_byte_array_free_to_bytes (g_steal_pointer (&bytes));
  }
  g_assert_true (g_file_replace_contents (pdf, g_bytes_get_data (signed_here, NULL), g_bytes_get_size (signed_here),
                                          NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, &error));
  g_assert_no_error (error);
  sb_case_group_read_records (group);
  wait_register_document (reader, notice, signed_here);
  g_assert_null (problem_of (group));

  /* A different document here (not the register's with a signature
   * added) replaces nothing: both stay as they are. */
  g_assert_true (g_file_replace_contents (pdf, "%PDF-1.7 something else", 23, NULL, FALSE, G_FILE_CREATE_NONE, NULL,
                                          NULL, &error));
  g_assert_no_error (error);
  sb_case_group_read_records (group);
  wait_idle (group);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  g_clear_pointer (&stored, g_bytes_unref);
  stored = sb_register_get_notice_document (reader, notice->id, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (stored, signed_here));
  g_clear_pointer (&signed_elsewhere, g_bytes_unref);
  signed_elsewhere = file_bytes (pdf);
  g_assert_cmpmem (g_bytes_get_data (signed_elsewhere, NULL), g_bytes_get_size (signed_elsewhere),
                   "%PDF-1.7 something else", 23);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
choose_target (SbCaseGroup *group,
               const char  *status)
{
  AdwComboRow *combo = ADW_COMBO_ROW (ui_test_find_widget (GTK_WIDGET (group), ADW_TYPE_COMBO_ROW));
  GListModel *model = adw_combo_row_get_model (combo);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), sb_case_status_label (status)))
        {
          adw_combo_row_set_selected (combo, i);
          return;
        }
    }
  g_assert_not_reached ();
}

/* The one-time notice from the review page: refused until there is a
 * correction and a period, then recorded with every correction the
 * notice lists, the period as typed (full-width, with its words). */
static void
test_notice_from_review (void)
{
  g_autofree char *packet_path = g_build_filename (work_dir, "notice.sbpkt.json", NULL);
  g_autofree char *url = sb_register_default_url ();
  g_autoptr(SbPacket) packet = make_packet ("阳泉市城区星火编程学校");
  g_autoptr(SbRegister) reader = open_register (url);
  g_autoptr(GFile) file = g_file_new_for_path (packet_path);
  g_autoptr(GPtrArray) notices = NULL;
  g_autoptr(GError) error = NULL;
  SbWindow *window = ui_test_open_window (application, 1000);
  SbCaseGroup *group;
  GtkWidget *number, *days, *office, *contact;
  SbNotice *notice;

  g_assert_true (sb_packet_save (packet, packet_path, &error));
  g_assert_no_error (error);
  group = open_for_review (window, file);
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "received");

  /* The review's decision 不予受理 suggests the register's status, with
   * its reason; nothing is recorded until the reviewer does. */
  {
    SbReview *review = sb_reviewer_view_get_review (sb_window_get_reviewer_view (window));
    AdwComboRow *combo = ADW_COMBO_ROW (ui_test_find_widget (GTK_WIDGET (group), ADW_TYPE_COMBO_ROW));
    GtkWidget *reason = ui_test_find_entry_row (GTK_WIDGET (group), _("Reason, recorded in the case’s history"));
    g_autoptr(GtkStringObject) chosen = NULL;

    g_assert_true (sb_review_set_decision_reason (review, "名称与营业执照不符", "T-R1", &error));
    g_assert_no_error (error);
    g_assert_true (sb_review_set_decision (review, "reject", sb_date_today (), &error));
    g_assert_no_error (error);
    chosen = g_list_model_get_item (adw_combo_row_get_model (combo), adw_combo_row_get_selected (combo));
    g_assert_cmpstr (gtk_string_object_get_string (chosen), ==, sb_case_status_label ("not_accepted"));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "名称与营业执照不符");
    g_assert_nonnull (adw_action_row_get_subtitle (ADW_ACTION_ROW (combo)));
    g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "received");
    gtk_editable_set_text (GTK_EDITABLE (reason), "");
    g_assert_true (sb_review_set_decision (review, NULL, 0, &error));
    g_assert_no_error (error);
  }

  choose_target (group, "notice");
  number = ui_test_find_entry_row (GTK_WIDGET (group), _("Notice number"));
  days = ui_test_find_entry_row (GTK_WIDGET (group), _("Working days to correct (补正期限)"));
  office = ui_test_find_entry_row (GTK_WIDGET (group), _("Office"));
  contact = ui_test_find_entry_row (GTK_WIDGET (group), _("Office’s contact (telephone, address)"));
  g_assert_true (number != NULL && days != NULL && office != NULL && contact != NULL);
  g_assert_true (gtk_widget_get_visible (number));
  gtk_editable_set_text (GTK_EDITABLE (number), "城科告〔2026〕7号");
  gtk_editable_set_text (GTK_EDITABLE (office), "阳泉市城区科学技术局");
  gtk_editable_set_text (GTK_EDITABLE (contact), "0353-2021234");
  {
    GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
    GtkWidget *scrolled;

    adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "review");
    ui_test_wait_for (GTK_WIDGET (window), 300);
    scrolled = gtk_widget_get_ancestor (GTK_WIDGET (group), GTK_TYPE_SCROLLED_WINDOW);
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 1e9);
    ui_test_wait_for (GTK_WIDGET (window), 300);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-register-notice.png");
  }

  /* No period: said, nothing recorded. */
  sb_case_group_record (group, "notice", NULL);
  wait_idle (group);
  g_assert_nonnull (problem_of (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "received");
  /* A period, but nothing to correct yet. */
  gtk_editable_set_text (GTK_EDITABLE (days), "５个工作日");
  sb_case_group_record (group, "notice", NULL);
  wait_idle (group);
  g_assert_nonnull (problem_of (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "received");

  /* A correction noted on the review: the notice goes. */
  g_assert_true (sb_review_add_note (sb_reviewer_view_get_review (sb_window_get_reviewer_view (window)), NULL, -1, NULL,
                                     "请补充场地租赁合同", &error));
  g_assert_no_error (error);
  sb_case_group_record (group, "notice", "材料不齐全");
  wait_idle (group);
  g_assert_null (problem_of (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "notice");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (number)), ==, "");

  notices = sb_register_get_notices (reader, sb_case_group_get_case (group)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (notices->len, ==, 1);
  notice = g_ptr_array_index (notices, 0);
  g_assert_cmpstr (notice->number, ==, "城科告〔2026〕7号");
  g_assert_cmpint (notice->correction_days, ==, 5);
  g_assert_cmpstr (notice->office, ==, "阳泉市城区科学技术局");
  g_assert_cmpstr (notice->contact, ==, "0353-2021234");
  g_assert_nonnull (notice->corrections);
  g_assert_cmpstr (notice->corrections[0], ==, "请补充场地租赁合同");

  /* The same act wrote the notice's PDF, which carries what the register
   * holds: the number, the period and its last day, the office, its
   * contact and the correction, and is no draft. */
  check_notice_pdf (group, notice);
  g_assert_nonnull (sb_case_group_get_pending_notice (group));
  /* Saved again from the review (Save… under Documents, while the case
   * waits on it): the notice as recorded; without it, a draft. */
  {
    g_autofree char *saved_path = g_build_filename (work_dir, "saved-notice.pdf", NULL);
    g_autofree char *draft_path = g_build_filename (work_dir, "draft-notice.pdf", NULL);
    g_autoptr(GFile) saved = g_file_new_for_path (saved_path);
    g_autoptr(GFile) draft = g_file_new_for_path (draft_path);
    g_autofree char *saved_text = NULL;
    g_autofree char *draft_text = NULL;
    SbReviewerView *view = sb_window_get_reviewer_view (window);

    g_assert_true (sb_reviewer_view_save_notice (view, sb_case_group_get_pending_notice (group), saved, &error));
    g_assert_no_error (error);
    saved_text = pdf_text (saved);
    g_assert_nonnull (strstr (saved_text, "城科告〔2026〕7号"));
    g_assert_nonnull (strstr (saved_text, "0353-2021234"));
    g_assert_null (strstr (saved_text, "草稿"));
    g_assert_true (sb_reviewer_view_save_notice (view, NULL, draft, &error));
    g_assert_no_error (error);
    draft_text = pdf_text (draft);
    g_assert_nonnull (strstr (draft_text, "草稿"));
    g_assert_null (strstr (draft_text, "城科告〔2026〕7号"));
  }
  g_assert_cmpstr (sb_case_group_get_pending_notice (group)->number, ==, "城科告〔2026〕7号");
  {
    g_autofree char *title = g_strdup_printf (_("One-time notice %s"), "城科告〔2026〕7号");
    AdwActionRow *row = find_row_titled (GTK_WIDGET (group), title);

    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-register-notice-recorded.png");
  }

  check_notice_pdf_shared (window, file, reader, notice);
}

/* Turns the main loop until @packet's case is in @reader's register and
 * the @queue it waited in is gone (twenty seconds at most); its case. */
static SbCase *
wait_registered_from_queue (SbRegister *reader,
                            SbPacket   *packet,
                            const char *queue)
{
  gint64 end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  SbCase *found = NULL;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      found = sb_register_find (reader, sb_packet_get_reference (packet), 0, NULL);
      if (found != NULL && !g_file_test (queue, G_FILE_TEST_EXISTS))
        break;
      g_clear_pointer (&found, sb_case_free);
      g_usleep (20000);
    }
  return found;
}

/* A packet opened while the register cannot be reached waits in a file,
 * across closing the window, and is registered when the register can be
 * opened again. */
static void
test_queued_while_unreachable (void)
{
  g_autofree char *packet_path = g_build_filename (work_dir, "queued.sbpkt.json", NULL);
  g_autofree char *queue = sb_register_queue_default_file ();
  g_autoptr(SbPacket) packet = make_packet ("阳泉市城区东方机器人工作室");
  g_autoptr(GFile) file = g_file_new_for_path (packet_path);
  g_autoptr(SbRegister) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCase) found = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  SbWindow *window;

  g_assert_true (sb_packet_save (packet, packet_path, &error));
  g_assert_no_error (error);

  /* A PostgreSQL server that is not there. */
  g_setenv ("SHENBAO_REGISTER_URL", "postgresql:///shenbao?host=/nonexistent-shenbao-socket", TRUE);
  window = ui_test_open_window (application, 1000);
  wait_register_opened (window);
  g_assert_true (sb_window_open_file (window, file));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  waiting = sb_register_queue_load (queue, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 1);
  {
    g_autofree char *uri = g_file_get_uri (file);

    g_assert_cmpstr (((SbQueuedPacket *) g_ptr_array_index (waiting, 0))->uri, ==, uri);
  }
  /* Closed: what waits is still in its file. */
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (g_file_test (queue, G_FILE_TEST_EXISTS));

  /* The register is back (the user's own SQLite one): the next window
   * registers what waited, and the queue is empty. */
  g_unsetenv ("SHENBAO_REGISTER_URL");
  window = ui_test_open_window (application, 1000);
  reader = open_register (NULL);
  found = wait_registered_from_queue (reader, packet, queue);
  g_assert_nonnull (found);
  g_assert_cmpstr (found->packet_path, ==, packet_path);
  g_assert_false (g_file_test (queue, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A window closed while the packet it opened still waits for its
 * signatures to be checked (before they can be: the main loop has not
 * turned since) leaves it in the queue, and the next window registers
 * it: a packet opened is never left out of the register. */
static void
test_closed_before_signatures_checked (void)
{
  g_autofree char *packet_path = g_build_filename (work_dir, "closed-early.sbpkt.json", NULL);
  g_autofree char *queue = sb_register_queue_default_file ();
  g_autoptr(SbPacket) packet = make_packet ("阳泉市城区南山科技培训学校");
  g_autoptr(GFile) file = g_file_new_for_path (packet_path);
  g_autoptr(SbRegister) reader = open_register (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCase) found = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  SbWindow *window;

  g_assert_true (sb_packet_save (packet, packet_path, &error));
  g_assert_no_error (error);
  window = ui_test_open_window (application, 1000);
  wait_register_opened (window);
  g_assert_true (sb_window_open_file (window, file));
  g_assert_true (sb_reviewer_view_is_checking_signatures (sb_window_get_reviewer_view (window)));
  gtk_window_destroy (GTK_WINDOW (window));
  found = sb_register_find (reader, sb_packet_get_reference (packet), 0, NULL);
  g_assert_null (found);
  waiting = sb_register_queue_load (queue, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (waiting->len, ==, 1);
  {
    g_autofree char *uri = g_file_get_uri (file);

    g_assert_cmpstr (((SbQueuedPacket *) g_ptr_array_index (waiting, 0))->uri, ==, uri);
  }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  window = ui_test_open_window (application, 1000);
  found = wait_registered_from_queue (reader, packet, queue);
  g_assert_nonnull (found);
  g_assert_true (found->verified);
  g_assert_false (g_file_test (queue, G_FILE_TEST_EXISTS));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A packet opened as the window opens, as when a reviewer opens one from
 * the file manager, arrives before the register has opened: it is
 * registered as soon as the register opens, and the reviewer is never
 * told that the register cannot be reached. */
static void
test_opened_while_register_opens (void)
{
  g_autofree char *packet_path = g_build_filename (work_dir, "at-start.sbpkt.json", NULL);
  g_autoptr(SbPacket) packet = make_packet ("阳泉市城区晨光科学实验室");
  g_autoptr(GFile) file = g_file_new_for_path (packet_path);
  g_autoptr(SbRegister) reader = open_register (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(SbCase) found = NULL;
  const char *unreachable = _("The case register cannot be reached: this packet will be registered when it can");
  gboolean said_unreachable = FALSE;
  SbWindow *window;
  gint64 end;

  g_assert_true (sb_packet_save (packet, packet_path, &error));
  g_assert_no_error (error);

  window = sb_window_new (application);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  g_assert_true (sb_window_open_file (window, file));
  gtk_window_present (GTK_WINDOW (window));
  end = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (found == NULL && g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      said_unreachable |= ui_test_find_label (GTK_WIDGET (window), unreachable) != NULL;
      found = sb_register_find (reader, sb_packet_get_reference (packet), 0, NULL);
      g_usleep (10000);
    }
  g_assert_nonnull (found);
  g_assert_cmpstr (found->packet_path, ==, packet_path);
  ui_test_wait_for (GTK_WIDGET (window), 500);
  said_unreachable |= ui_test_find_label (GTK_WIDGET (window), unreachable) != NULL;
  g_assert_false (said_unreachable);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A label under @widget whose text begins with @prefix, or NULL. */
static GtkWidget *
find_label_starting (GtkWidget  *widget,
                     const char *prefix)
{
  if (GTK_IS_LABEL (widget) && g_str_has_prefix (gtk_label_get_text (GTK_LABEL (widget)), prefix))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_starting (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Turns the main loop until a label under @widget reads @text (a toast),
 * at most 10 s. */
static GtkWidget *
wait_for_label (GtkWidget  *widget,
                const char *text)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  GtkWidget *found = NULL;

  while ((found = ui_test_find_label (widget, text)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  return found;
}

/* What waits is read in a worker thread when the register opens: a
 * packet gone since is said and no longer waited for; a damaged queue
 * file is said and left exactly as it is. */
static void
test_queue_gone_and_damaged (void)
{
  g_autofree char *queue = sb_register_queue_default_file ();
  g_autofree char *gone_path = g_build_filename (work_dir, "gone.sbpkt.json", NULL);
  g_autoptr(GFile) gone = g_file_new_for_path (gone_path);
  g_autofree char *gone_uri = g_file_get_uri (gone);
  g_autofree char *damaged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unreadable = NULL;
  SbWindow *window;
  gint64 end;

  g_assert_false (g_file_test (queue, G_FILE_TEST_EXISTS));
  g_assert_true (sb_register_queue_add (queue, gone_uri, sb_date_today (), TRUE, NULL, &error));
  g_assert_no_error (error);
  window = ui_test_open_window (application, 1000);
  wait_register_opened (window);
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (g_file_test (queue, G_FILE_TEST_EXISTS) && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (g_file_test (queue, G_FILE_TEST_EXISTS));
  {
    g_autofree char *prefix = g_strdup_printf (_("Not registered: %s can no longer be read: %s"), gone_path, "");
    GtkWidget *label = NULL;

    end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while ((label = find_label_starting (GTK_WIDGET (window), prefix)) == NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (label);
  }
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Damaged: not JSON any more. */
  g_assert_true (g_file_set_contents (queue, "[{\"uri\": \"file:///srv/a.json\"", -1, &error));
  g_assert_no_error (error);
  unreadable = sb_register_queue_load (queue, &error);
  g_assert_null (unreadable);
  g_assert_nonnull (error);
  window = ui_test_open_window (application, 1000);
  wait_register_opened (window);
  g_assert_nonnull (wait_for_label (GTK_WIDGET (window), error->message));
  g_assert_true (g_file_get_contents (queue, &damaged, NULL, NULL));
  g_assert_cmpstr (damaged, ==, "[{\"uri\": \"file:///srv/a.json\"");
  gtk_window_destroy (GTK_WINDOW (window));
  g_assert_cmpint (g_unlink (queue), ==, 0);
}

/* 耕地's 7 working days run from 总体方案编制完成, an event without a change
 * of status: recorded from the review page on the day typed, and the
 * clock starts.  (The engine test form, whose deadlines use no such
 * event, is not offered it: test_window_registers_packets.) */
static void
test_plan_event (void)
{
  g_autofree char *packet_path = g_build_filename (work_dir, "gengdi.sbpkt.json", NULL);
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "gengdi", "complete.json", NULL);
  g_autofree char *files = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", NULL);
  g_autofree char *url = sb_register_default_url ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(SbRegister) reader = open_register (url);
  g_autoptr(GFile) file = g_file_new_for_path (packet_path);
  g_autoptr(SbCase) now = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { g_getenv ("SHENBAO_TOOL"), "pack", "--form", "gengdi", "--draft", "--files", files, complete,
                         "-o", packet_path, NULL };
  SbWindow *window = ui_test_open_window (application, 1000);
  SbCaseGroup *group;
  GtkWidget *day;
  AdwActionRow *row = NULL;
  int status = -1;
  gint64 end;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpint (status, ==, 0);
  group = open_for_review (window, file);
  day = ui_test_find_entry_row (GTK_WIDGET (group), _("Day it happened (empty: today)"));
  g_assert_nonnull (day);

  /* A day that is not one: said, nothing recorded. */
  gtk_editable_set_text (GTK_EDITABLE (day), "昨天");
  sb_case_group_record (group, "plan_completed", "方案已编制完成");
  wait_idle (group);
  g_assert_nonnull (problem_of (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->next_deadline_id, !=, "filing");

  gtk_editable_set_text (GTK_EDITABLE (day), "");
  sb_case_group_record (group, "plan_completed", "方案已编制完成");
  wait_idle (group);
  g_assert_null (problem_of (group));
  now = sb_register_get (reader, sb_case_group_get_case (group)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (now->status, ==, "received");
  {
    g_autoptr(GPtrArray) deadlines = sb_register_get_deadlines (reader, now, sb_date_today (), &error);
    gboolean filing_runs = FALSE;

    g_assert_no_error (error);
    for (guint i = 0; i < deadlines->len; i++)
      {
        SbCaseDeadline *deadline = g_ptr_array_index (deadlines, i);

        if (g_str_equal (deadline->deadline->id, "filing"))
          filing_runs = deadline->state == SB_CASE_DEADLINE_RUNNING && deadline->due > sb_date_today ();
      }
    g_assert_true (filing_runs);
  }
  end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while ((row = find_row_titled (GTK_WIDGET (group), _("Plan completed (总体方案编制完成)"))) == NULL &&
         g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (row);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The reviewer's story, end to end */

/* A 科技类 packet of the fixture's answers packed by the tool, as an
 * applicant's office would: @created makes the reference (another
 * application), @finalised another packet of the same one (corrected
 * materials under the same reference). */
static char *
pack_kejipeixun (const char *name,
                 const char *created,
                 const char *finalised)
{
  char *path = g_build_filename (work_dir, name, NULL);
  g_autofree char *complete = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "kejipeixun", "complete.json", NULL);
  g_autofree char *files = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "files", NULL);
  g_autofree char *created_option = g_strdup_printf ("--created=%s", created);
  g_autofree char *finalised_option = g_strdup_printf ("--finalised=%s", finalised);
  const char *argv[] = { g_getenv ("SHENBAO_TOOL"), "pack", "--form", "kejipeixun", "--date", "2024-03-15",
                         created_option, finalised_option, "--files", files, complete, "-o", path, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status = -1;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error));
  g_assert_no_error (error);
  if (status != 0)
    g_test_message ("shenbao-tool pack: %s", err);
  g_assert_cmpint (status, ==, 0);
  return path;
}

/* The checklist's state drop-down of item @id on the review page. */
static GtkWidget *
find_check (GtkWidget  *widget,
            const char *id,
            GType       type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) && g_strcmp0 (g_object_get_data (G_OBJECT (widget), "item"), id) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_check (child, id, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static AdwComboRow *
find_combo_titled (GtkWidget  *widget,
                   const char *title)
{
  if (ADW_IS_COMBO_ROW (widget) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return ADW_COMBO_ROW (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      AdwComboRow *found = find_combo_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Moves the case to @status as a reviewer does: chooses it, types the
 * reason, presses Record, and waits for the register. */
static void
record_with_button (SbCaseGroup *group,
                    const char  *status,
                    const char  *why)
{
  GtkWidget *reason = ui_test_find_entry_row (GTK_WIDGET (group), _("Reason, recorded in the case’s history"));

  choose_target (group, status);
  gtk_editable_set_text (GTK_EDITABLE (reason), why);
  g_signal_emit_by_name (ui_test_find_button (reason, _("_Record")), "clicked");
  wait_idle (group);
  if (problem_of (group) != NULL)
    g_test_message ("not recorded: %s", problem_of (group));
  g_assert_null (problem_of (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, status);
}

/* Ends the inspection as a reviewer does: moves the case to @status with
 * its result (核验通过 when @passed) and @findings typed, the day of the
 * visit and the inspector left as offered (today, the reviewer). */
static void
end_inspection_with_button (SbCaseGroup *group,
                            const char  *status,
                            gboolean     passed,
                            const char  *findings,
                            const char  *why)
{
  AdwComboRow *result = find_combo_titled (GTK_WIDGET (group), _("Result of the On-Site Inspection"));

  g_assert_nonnull (result);
  adw_combo_row_set_selected (result, passed ? 1 : 2);
  if (findings != NULL)
    gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group),
                                                         _("On-site findings (现场说明; required when it failed)"))),
                           findings);
  record_with_button (group, status, why);
}

/* Shows the 审核 page scrolled to the case, for a person to look at. */
static void
screenshot_case (SbWindow    *window,
                 SbCaseGroup *group,
                 const char  *name)
{
  GtkWidget *stack = ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_VIEW_STACK);
  GtkWidget *scrolled;

  adw_view_stack_set_visible_child_name (ADW_VIEW_STACK (stack), "review");
  ui_test_wait_for (GTK_WIDGET (window), 300);
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (group), GTK_TYPE_SCROLLED_WINDOW);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)), 1e9);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  ui_test_save_screenshot (GTK_WIDGET (window), name);
}

/* The history row of a change from @from to @to, waited for. */
static AdwActionRow *
wait_history_row (SbCaseGroup *group,
                  const char  *from,
                  const char  *to)
{
  g_autofree char *title = g_strdup_printf (_("%s → %s"), sb_case_status_label (from), sb_case_status_label (to));
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  AdwActionRow *row = NULL;

  while ((row = find_row_titled (GTK_WIDGET (group), title)) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, TRUE);
  if (row == NULL)
    g_test_message ("no history row %s", title);
  return row;
}

/* 审核通过, as the review page names it in the language shown. */
static const char *
story_approval_label (SbFormDefinition *definition)
{
  GPtrArray *decisions = sb_form_definition_get_decisions (definition);

  for (guint i = 0; i < decisions->len; i++)
    {
      SbDecision *decision = g_ptr_array_index (decisions, i);

      if (g_str_equal (decision->id, "approve"))
        return sb_text_get (&decision->label);
    }
  g_assert_not_reached ();
}

#define FAILED_FINDINGS "现场教学用房面积与申请材料不符，疏散通道堵塞"

/* The on-site inspection's result is the reviewer's to give, in the case
 * group: leaving 实地核验 without it, or 核验不通过 without the 现场说明,
 * is refused with what to type; recorded, it is shown with the case and
 * in the history.  Approving the case then asks first, naming what was
 * found: Cancel records nothing, Approve Anyway records 通过 with a
 * reason that says it was given despite the result. */
static void
test_inspection_failed (void)
{
  g_autofree char *path = pack_kejipeixun ("inspected.sbpkt.json", "2024-03-15T03:00:00Z", "2024-03-15T04:00:00Z");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *url = sb_register_default_url ();
  g_autoptr(SbRegister) reader = open_register (url);
  g_autoptr(GPtrArray) inspections = NULL;
  g_autoptr(GError) error = NULL;
  SbWindow *window = ui_test_open_window (application, 1000);
  SbCaseGroup *group = open_for_review (window, file);
  GtkWidget *reason = ui_test_find_entry_row (GTK_WIDGET (group), _("Reason, recorded in the case’s history"));
  AdwComboRow *result_row;
  AdwActionRow *row;
  const SbInspection *shown;

  record_with_button (group, "accepted", "材料齐全");
  record_with_button (group, "reviewing", "开始审核");
  record_with_button (group, "inspection", "开始实地核验");

  /* The result's rows, with the case in 实地核验; none chosen. */
  choose_target (group, "reviewing");
  result_row = find_combo_titled (GTK_WIDGET (group), _("Result of the On-Site Inspection"));
  g_assert_nonnull (result_row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (result_row)));
  g_assert_cmpuint (adw_combo_row_get_selected (result_row), ==, 0);
  /* Who inspected: the reviewer, unless typed otherwise. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group), _("Inspected by")))), ==,
                   sb_case_group_get_case (group)->changed_by);

  gtk_editable_set_text (GTK_EDITABLE (reason), "核验完毕");
  g_signal_emit_by_name (ui_test_find_button (reason, _("_Record")), "clicked");
  wait_idle (group);
  g_assert_cmpstr (problem_of (group), ==, _("Choose the result of the on-site inspection: 核验通过 or 核验不通过."));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "inspection");

  adw_combo_row_set_selected (result_row, 2);
  g_signal_emit_by_name (ui_test_find_button (reason, _("_Record")), "clicked");
  wait_idle (group);
  g_assert_cmpstr (problem_of (group), ==, _("Type the 现场说明: what was found on site that does not comply."));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "inspection");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (reason)), ==, "核验完毕");
  screenshot_case (window, group, "screenshot-inspection-rows.png");

  /* The day of the visit as people type it: words that are no date, and
   * tomorrow written 2026年12月4日, are refused with what is wrong, and
   * what was typed stays; today in full-width digits with 年月日 is read. */
  {
    GtkWidget *day_row = ui_test_find_entry_row (GTK_WIDGET (group), _("Day of the inspection (empty: today)"));
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (now, 1);
    g_autofree char *tomorrow_text = g_date_time_format (tomorrow, "%Y年%-m月%-d日");
    g_autofree char *today_text = g_date_time_format (now, "%Y年%-m月%-d日");
    g_autoptr(GString) full_width = g_string_new (NULL);

    for (const char *p = today_text; *p != '\0'; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        g_string_append_unichar (full_width, g_ascii_isdigit (c) ? 0xFF10 + (c - '0') : c);
      }
    g_assert_nonnull (day_row);
    adw_combo_row_set_selected (result_row, 2);
    gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group),
                                                         _("On-site findings (现场说明; required when it failed)"))),
                           FAILED_FINDINGS);
    gtk_editable_set_text (GTK_EDITABLE (day_row), "上周的某一天");
    g_signal_emit_by_name (ui_test_find_button (reason, _("_Record")), "clicked");
    wait_idle (group);
    g_assert_nonnull (problem_of (group));
    g_test_message ("上周的某一天: %s", problem_of (group));
    g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "inspection");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day_row)), ==, "上周的某一天");

    gtk_editable_set_text (GTK_EDITABLE (day_row), tomorrow_text);
    g_signal_emit_by_name (ui_test_find_button (reason, _("_Record")), "clicked");
    wait_idle (group);
    g_assert_cmpstr (problem_of (group), ==, _("The day of the inspection cannot be later than today."));
    g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "inspection");
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (day_row)), ==, tomorrow_text);

    gtk_editable_set_text (GTK_EDITABLE (day_row), full_width->str);
  }
  end_inspection_with_button (group, "reviewing", FALSE, FAILED_FINDINGS, "核验完毕");
  inspections = sb_register_get_inspections (reader, sb_case_group_get_case (group)->id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (inspections->len, ==, 1);
  g_assert_false (((SbInspection *) g_ptr_array_index (inspections, 0))->passed);
  g_assert_cmpint (((SbInspection *) g_ptr_array_index (inspections, 0))->inspected, ==, sb_date_today ());

  /* Shown with the case, and in the history with the inspection's end. */
  {
    gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

    while (sb_case_group_get_inspection (group) == NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
  }
  shown = sb_case_group_get_inspection (group);
  g_assert_nonnull (shown);
  g_assert_cmpstr (shown->findings, ==, FAILED_FINDINGS);
  row = find_row_titled (GTK_WIDGET (group), sb_inspection_result_label (FALSE));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), FAILED_FINDINGS));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), sb_case_group_get_case (group)->changed_by));
  row = find_row_titled (GTK_WIDGET (group), _("On-site inspection ended (实地核验结束)"));
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), FAILED_FINDINGS));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), sb_inspection_result_label (FALSE)));

  /* Approving asks first; Cancel records nothing. */
  choose_target (group, "approved");
  gtk_editable_set_text (GTK_EDITABLE (reason), "整改后复核符合");
  g_signal_emit_by_name (ui_test_find_button (reason, _("_Record")), "clicked");
  wait_idle (group);
  g_assert_true (sb_case_group_is_asking (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "reviewing");
  row = find_row_titled (GTK_WIDGET (group), _("Approve Despite the Failed On-Site Inspection?"));
  g_assert_nonnull (row);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), FAILED_FINDINGS));
  screenshot_case (window, group, "screenshot-inspection-confirm.png");
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (row), _("_Cancel")), "clicked");
  wait_idle (group);
  g_assert_false (sb_case_group_is_asking (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "reviewing");

  /* Approve Anyway: recorded, saying so. */
  g_signal_emit_by_name (ui_test_find_button (reason, _("_Record")), "clicked");
  wait_idle (group);
  g_assert_true (sb_case_group_is_asking (group));
  g_signal_emit_by_name (ui_test_find_button (GTK_WIDGET (row), _("_Approve Anyway")), "clicked");
  wait_idle (group);
  g_assert_null (problem_of (group));
  g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "approved");
  {
    g_autofree char *recorded = g_strdup_printf (_("%s (approved despite the on-site inspection’s result: 核验不通过)"),
                                                 "整改后复核符合");

    row = wait_history_row (group, "reviewing", "approved");
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), recorded));
  }
  screenshot_case (window, group, "screenshot-inspection-recorded.png");
  gtk_window_destroy (GTK_WINDOW (window));
}

#define STORY_NOTICE_NUMBER "城区审批告〔2026〕15号"
#define STORY_NOTE          "请补交场所消防验收意见书"
#define STORY_ON_SITE       "实地核验通过。现场说明：场所面积、楼层、疏散通道、视频监控与申请材料一致"

/* Three 科技类 packets registered; a one-time notice on one (recorded,
 * and its PDF written in the same act); its corrected materials opened
 * (the same reference: round 2, linked, 补正材料已收到); accepted,
 * reviewed, inspected on site (实地核验, then its result 核验通过 with
 * the 现场说明, the two inspection points 符合 with what was found),
 * approved with the checklist complete and recorded as 通过.  Then the
 * window goes, and a new one on the same data folder finds everything:
 * the statuses, the history, the review's note, checklist and decision,
 * the notice and its number. */
static void
test_reviewer_story (void)
{
  g_autofree char *url = sb_register_default_url ();
  g_autoptr(SbRegister) reader = open_register (url);
  g_autoptr(GError) error = NULL;
  char *paths[3] = { NULL, NULL, NULL };
  g_autofree char *corrected_path = NULL;
  char *references[3] = { NULL, NULL, NULL };
  g_autoptr(SbCase) first_round = NULL;
  g_autoptr(SbCase) second_round = NULL;
  const char *created[] = { "2024-03-15T01:00:00Z", "2024-03-15T01:10:00Z", "2024-03-15T01:20:00Z" };
  SbFormDefinition *definition;
  GPtrArray *checklist;
  SbWindow *window = ui_test_open_window (application, 1000);
  SbCaseGroup *group;

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autofree char *name = g_strdup_printf ("story-%u.sbpkt.json", i + 1);

      paths[i] = pack_kejipeixun (name, created[i], "2024-03-15T02:00:00Z");
    }
  corrected_path = pack_kejipeixun ("story-1-corrected.sbpkt.json", created[0], "2024-03-20T02:00:00Z");

  /* 1. Three packets opened for review: three cases, 已收到. */
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
      g_autoptr(SbCase) found = NULL;

      group = open_for_review (window, file);
      g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "received");
      references[i] = g_strdup (sb_case_group_get_case (group)->reference);
      found = sb_register_find (reader, references[i], 0, &error);
      g_assert_no_error (error);
      g_assert_cmpint (found->round, ==, 1);
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
    }
  g_assert_cmpstr (references[0], !=, references[1]);
  g_assert_cmpstr (references[1], !=, references[2]);
  definition = sb_form_registry_lookup (sb_form_registry_get_default (), "kejipeixun", 0);
  g_assert_nonnull (definition);
  checklist = sb_form_definition_get_checklist (definition);

  /* 2. The first one lacks a document: a note on the review page, and
   * the notice recorded with the Record button. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (paths[0]);
    g_autoptr(GPtrArray) notices = NULL;
    GtkWidget *note, *reason;

    group = open_for_review (window, file);
    note = ui_test_find_entry_row (GTK_WIDGET (window), _("A note on the application as a whole"));
    g_assert_nonnull (note);
    gtk_editable_set_text (GTK_EDITABLE (note), STORY_NOTE);
    g_signal_emit_by_name (ui_test_find_button (note, _("Add Note")), "clicked");
    g_assert_cmpuint (sb_review_get_notes (sb_reviewer_view_get_review (sb_window_get_reviewer_view (window)))->len,
                      ==, 1);

    choose_target (group, "notice");
    gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group), _("Notice number"))),
                           STORY_NOTICE_NUMBER);
    gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group), _("Working days to correct (补正期限)"))),
                           "5");
    gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group), _("Office"))), "阳泉市城区行政审批局");
    gtk_editable_set_text (GTK_EDITABLE (ui_test_find_entry_row (GTK_WIDGET (group), _("Office’s contact (telephone, address)"))),
                           "0353-2025678");
    reason = ui_test_find_entry_row (GTK_WIDGET (group), _("Reason, recorded in the case’s history"));
    gtk_editable_set_text (GTK_EDITABLE (reason), "申请材料不齐全");
    g_signal_emit_by_name (ui_test_find_button (reason, _("_Record")), "clicked");
    wait_idle (group);
    g_assert_null (problem_of (group));
    g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "notice");
    /* The next deadline is now the applicant's 补正期限, said to be theirs. */
    {
      AdwActionRow *deadline = find_row_titled (GTK_WIDGET (group), _("Next Deadline"));
      SbCalendar *calendar = sb_calendar_get_default (NULL);
      SbNotice sent = { .sent = sb_date_today (), .correction_days = 5 };
      g_autofree char *due = sb_date_to_string (sb_notice_period_end (&sent, calendar));

      g_assert_cmpstr (sb_case_group_get_case (group)->next_deadline_id, ==, SB_CASE_APPLICANT_CORRECTIONS);
      g_test_message ("deadline: %s", adw_action_row_get_subtitle (deadline));
      g_assert_nonnull (strstr (adw_action_row_get_subtitle (deadline), due));
      const char *applicant = _("Applicant: %s");
      g_autofree char *theirs = g_strndup (applicant, strstr (applicant, "%s") - applicant);

      g_assert_nonnull (strstr (adw_action_row_get_subtitle (deadline), theirs));
    }
    notices = sb_register_get_notices (reader, sb_case_group_get_case (group)->id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (notices->len, ==, 1);
    g_assert_cmpstr (((SbNotice *) g_ptr_array_index (notices, 0))->number, ==, STORY_NOTICE_NUMBER);
    g_assert_cmpstr (((SbNotice *) g_ptr_array_index (notices, 0))->corrections[0], ==, STORY_NOTE);
    check_notice_pdf (group, g_ptr_array_index (notices, 0));
    screenshot_case (window, group, "screenshot-story-notice.png");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  }

  /* 3. The corrected materials, under the same reference: round 2 of the
   * case, linked to round 1, their arrival recorded. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (corrected_path);

    group = open_for_review (window, file);
    g_assert_cmpstr (sb_case_group_get_case (group)->reference, ==, references[0]);
    g_assert_cmpint (sb_case_group_get_case (group)->round, ==, 2);
    g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "corrections");
    first_round = sb_register_find (reader, references[0], 1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sb_case_group_get_case (group)->previous_id, ==, first_round->id);
  }

  /* 4. Accepted (已受理), under review, inspected on site. */
  record_with_button (group, "accepted", "补正材料齐全，予以受理");
  record_with_button (group, "reviewing", "开始审核");
  record_with_button (group, "inspection", "开始实地核验");
  /* What was found on site, on the checklist's two inspection points,
   * and the result in the case's history. */
  for (guint i = 0; i < checklist->len; i++)
    {
      SbChecklistItem *item = g_ptr_array_index (checklist, i);
      GtkWidget *state = find_check (GTK_WIDGET (window), item->id, GTK_TYPE_DROP_DOWN);

      g_assert_nonnull (state);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (state), SB_CHECK_OK);
      if (g_str_has_prefix (item->title.zh_CN, "实地核验"))
        gtk_editable_set_text (GTK_EDITABLE (find_check (GTK_WIDGET (window), item->id, ADW_TYPE_ENTRY_ROW)),
                               STORY_ON_SITE);
    }
  end_inspection_with_button (group, "reviewing", TRUE, NULL, STORY_ON_SITE);
  g_assert_nonnull (sb_case_group_get_inspection (group));
  g_assert_true (sb_case_group_get_inspection (group)->passed);

  /* 5. 审核通过 on the review, with the checklist complete; the case
   * suggests 通过, recorded. */
  {
    AdwComboRow *decision = find_combo_titled (GTK_WIDGET (window), _("Decision"));
    GListModel *model = adw_combo_row_get_model (decision);
    SbReview *review = sb_reviewer_view_get_review (sb_window_get_reviewer_view (window));

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

        if (g_str_equal (gtk_string_object_get_string (item), story_approval_label (definition)))
          adw_combo_row_set_selected (decision, i);
      }
    g_assert_cmpstr (sb_review_get_decision (review), ==, "approve");
    record_with_button (group, "approved", "准入审核通过");
    screenshot_case (window, group, "screenshot-story-approved.png");
  }
  second_round = sb_case_copy (sb_case_group_get_case (group));

  /* 6. Closed, and the application started again (a process of its own)
   * on the same data folder and register. */
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  {
    g_autoptr(GKeyFile) story = g_key_file_new ();
    g_autofree char *story_path = g_build_filename (work_dir, "story.ini", NULL);

    g_key_file_set_string_list (story, "story", "references", (const char * const *) references, G_N_ELEMENTS (references));
    g_key_file_set_string (story, "story", "first-packet", paths[0]);
    g_key_file_set_string (story, "story", "corrected-packet", corrected_path);
    g_key_file_set_int64 (story, "story", "first-round", first_round->id);
    g_key_file_set_int64 (story, "story", "second-round", second_round->id);
    g_assert_true (g_key_file_save_to_file (story, story_path, &error));
    g_assert_no_error (error);
  }
  g_test_trap_subprocess ("/ui/register/reviewer-story/restarted", 300 * G_USEC_PER_SEC,
                          G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_free (paths[i]);
      g_free (references[i]);
    }
}

/* The second half of the reviewer's story, in a new process: the
 * application started again finds everything the first half did. */
static void
test_reviewer_story_restarted (void)
{
  g_autofree char *url = sb_register_default_url ();
  g_autoptr(SbRegister) reader = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) story = g_key_file_new ();
  g_autofree char *story_path = g_build_filename (work_dir, "story.ini", NULL);
  g_auto(GStrv) references = NULL;
  g_autofree char *first_packet = NULL;
  g_autofree char *corrected_path = NULL;
  g_autoptr(SbCase) first_round = g_new0 (SbCase, 1);
  g_autoptr(SbCase) second_round = g_new0 (SbCase, 1);
  SbFormDefinition *definition;
  GPtrArray *checklist;
  SbWindow *window;
  SbCaseGroup *group;
  gsize n_references = 0;

  if (!g_test_subprocess ())
    {
      g_test_skip ("run by /ui/register/reviewer-story, in a process of its own");
      return;
    }
  g_assert_true (g_key_file_load_from_file (story, story_path, G_KEY_FILE_NONE, &error));
  g_assert_no_error (error);
  references = g_key_file_get_string_list (story, "story", "references", &n_references, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_references, ==, 3);
  first_packet = g_key_file_get_string (story, "story", "first-packet", &error);
  corrected_path = g_key_file_get_string (story, "story", "corrected-packet", &error);
  first_round->id = g_key_file_get_int64 (story, "story", "first-round", &error);
  second_round->id = g_key_file_get_int64 (story, "story", "second-round", &error);
  g_assert_no_error (error);
  definition = sb_form_registry_lookup (sb_form_registry_get_default (), "kejipeixun", 0);
  g_assert_nonnull (definition);
  checklist = sb_form_definition_get_checklist (definition);
  reader = open_register (url);
  window = ui_test_open_window (application, 1000);
  wait_register_opened (window);

  /* The register: the statuses of every case. */
  {
    const char *statuses[] = { "approved", "received", "received" };

    for (guint i = 0; i < n_references; i++)
      {
        g_autoptr(SbCase) latest = sb_register_find (reader, references[i], 0, &error);

        g_assert_no_error (error);
        g_assert_cmpstr (latest->status, ==, statuses[i]);
      }
  }

  /* The register page lists the three, the approved one as 通过. */
  {
    GtkWidget *page;

    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-register", NULL));
    page = ui_test_find_widget (GTK_WIDGET (window), SB_TYPE_REGISTER_PAGE);
    wait_loaded (SB_REGISTER_PAGE (page));
    for (guint i = 0; i < n_references; i++)
      {
        /* The newest round of each: the first is in its second. */
        g_autofree char *shown = i == 0 ? g_strdup_printf (_("%s (round %d)"), references[i], 2)
                                        : g_strdup (references[i]);

        g_assert_nonnull (ui_test_find_label (page, shown));
      }
    g_assert_nonnull (ui_test_find_label (page, sb_case_status_label ("approved")));
    /* The stack's transition done. */
    ui_test_wait_for (GTK_WIDGET (window), 500);
    ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-story-register.png");
  }

  /* The corrected packet's case: its status, its history (every change
   * with its reason), and its review as it was left. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (corrected_path);
    SbReview *review;
    AdwActionRow *row;
    const char *note = NULL;

    group = open_for_review (window, file);
    g_assert_cmpint (sb_case_group_get_case (group)->id, ==, second_round->id);
    g_assert_cmpstr (sb_case_group_get_case (group)->status, ==, "approved");
    g_assert_nonnull (wait_history_row (group, "corrections", "accepted"));
    g_assert_nonnull (wait_history_row (group, "accepted", "reviewing"));
    g_assert_nonnull (wait_history_row (group, "reviewing", "inspection"));
    row = wait_history_row (group, "inspection", "reviewing");
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), STORY_ON_SITE));
    row = wait_history_row (group, "reviewing", "approved");
    g_assert_nonnull (row);
    g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "准入审核通过"));

    review = sb_reviewer_view_get_review (sb_window_get_reviewer_view (window));
    g_assert_cmpstr (sb_review_get_decision (review), ==, "approve");
    for (guint i = 0; i < checklist->len; i++)
      {
        SbChecklistItem *item = g_ptr_array_index (checklist, i);
        GtkWidget *state = find_check (GTK_WIDGET (window), item->id, GTK_TYPE_DROP_DOWN);

        g_assert_cmpint (sb_review_get_check (review, item->id, &note), ==, SB_CHECK_OK);
        g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (state)), ==, SB_CHECK_OK);
        if (g_str_has_prefix (item->title.zh_CN, "实地核验"))
          g_assert_cmpstr (note, ==, STORY_ON_SITE);
      }
    {
      AdwComboRow *decision = find_combo_titled (GTK_WIDGET (window), _("Decision"));
      g_autoptr(GtkStringObject) chosen = g_list_model_get_item (adw_combo_row_get_model (decision),
                                                                 adw_combo_row_get_selected (decision));

      g_assert_cmpstr (gtk_string_object_get_string (chosen), ==, story_approval_label (definition));
    }
    screenshot_case (window, group, "screenshot-story-reopened.png");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  }

  /* The first round: the notice it waited on, with its number and PDF,
   * and the review's note. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (first_packet);
    g_autofree char *title = g_strdup_printf (_("One-time notice %s"), STORY_NOTICE_NUMBER);
    g_autoptr(GFile) pdf = NULL;
    SbReview *review;
    AdwActionRow *row = NULL;
    gint64 end;

    group = open_for_review (window, file);
    g_assert_cmpint (sb_case_group_get_case (group)->id, ==, first_round->id);
    g_assert_nonnull (wait_history_row (group, "received", "notice"));
    end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
    while ((row = find_row_titled (GTK_WIDGET (group), title)) == NULL && g_get_monotonic_time () < end)
      g_main_context_iteration (NULL, TRUE);
    g_assert_nonnull (row);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (row)));
    pdf = sb_case_group_dup_notice_pdf (group);
    g_assert_nonnull (pdf);
    review = sb_reviewer_view_get_review (sb_window_get_reviewer_view (window));
    g_assert_cmpuint (sb_review_get_notes (review)->len, ==, 1);
    g_assert_cmpstr (((SbReviewNote *) g_ptr_array_index (sb_review_get_notes (review), 0))->text, ==, STORY_NOTE);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;
  /* A test case run again in a process of its own (the application
   * started again) works in its parent's folder, set up already. */
  if (g_test_subprocess ())
    work_dir = g_strdup (g_getenv ("SHENBAO_UI_TEST_WORK_DIR"));
  else
    {
      work_dir = g_dir_make_tmp ("shenbao-register-XXXXXX", NULL);
      g_setenv ("SHENBAO_UI_TEST_WORK_DIR", work_dir, TRUE);
    }
  g_assert_nonnull (work_dir);
  /* The engine test form stands in for the procedures, with the real
   * calendar to count its deadlines. */
  if (!g_test_subprocess ())
  {
    g_autofree char *data_dir = g_build_filename (work_dir, "data", NULL);
    g_autofree char *forms = g_build_filename (g_getenv ("SHENBAO_TEST_FIXTURES"), "forms", NULL);
    g_autofree char *forms_link = g_build_filename (data_dir, "forms", NULL);
    g_autofree char *calendar = g_build_filename (g_getenv ("SHENBAO_TEST_DATA_DIR"), "calendar", NULL);
    g_autofree char *calendar_link = g_build_filename (data_dir, "calendar", NULL);

    g_autofree char *engine = g_build_filename (forms, "engine-test.json", NULL);
    g_autofree char *engine_link = g_build_filename (forms_link, "engine-test.json", NULL);
    g_autofree char *gengdi = g_build_filename (g_getenv ("SHENBAO_TEST_DATA_DIR"), "forms", "gengdi.json", NULL);
    g_autofree char *gengdi_link = g_build_filename (forms_link, "gengdi.json", NULL);
    g_autofree char *kejipeixun = g_build_filename (g_getenv ("SHENBAO_TEST_DATA_DIR"), "forms", "kejipeixun.json", NULL);
    g_autofree char *kejipeixun_link = g_build_filename (forms_link, "kejipeixun.json", NULL);

    /* And 耕地, whose deadline runs from an event of its own. */
    g_assert_cmpint (g_mkdir (data_dir, 0700), ==, 0);
    g_assert_cmpint (g_mkdir (forms_link, 0700), ==, 0);
    g_assert_cmpint (symlink (engine, engine_link), ==, 0);
    g_assert_cmpint (symlink (gengdi, gengdi_link), ==, 0);
    /* And 科技类, whose review inspects on site (the reviewer's story). */
    g_assert_cmpint (symlink (kejipeixun, kejipeixun_link), ==, 0);
    /* The lists both definitions read, side by side as installed. */
    {
      g_autofree char *lists = g_build_filename (forms_link, "lists", NULL);
      g_autofree char *gengdi_forms = g_path_get_dirname (gengdi);
      const char *sources[] = { forms, gengdi_forms };

      g_assert_cmpint (g_mkdir (lists, 0700), ==, 0);
      for (guint i = 0; i < G_N_ELEMENTS (sources); i++)
        {
          g_autofree char *source = g_build_filename (sources[i], "lists", NULL);
          g_autoptr(GDir) dir = g_dir_open (source, 0, NULL);
          const char *name;

          g_assert_nonnull (dir);
          while ((name = g_dir_read_name (dir)) != NULL)
            {
              g_autofree char *target = g_build_filename (source, name, NULL);
              g_autofree char *link = g_build_filename (lists, name, NULL);

              g_assert_cmpint (symlink (target, link), ==, 0);
            }
        }
    }
    g_assert_cmpint (symlink (calendar, calendar_link), ==, 0);
    g_setenv ("SHENBAO_DATA_DIR", data_dir, TRUE);
  }

  g_test_add_func ("/ui/register/page", test_register_page);
  g_test_add_func ("/ui/register/page-empty", test_register_page_empty);
  g_test_add_func ("/ui/register/page-pages", test_register_page_pages);
  g_test_add_func ("/ui/register/window-registers-packets", test_window_registers_packets);
  g_test_add_func ("/ui/register/notice-from-review", test_notice_from_review);
  g_test_add_func ("/ui/register/queued-while-unreachable", test_queued_while_unreachable);
  g_test_add_func ("/ui/register/closed-before-signatures-checked", test_closed_before_signatures_checked);
  g_test_add_func ("/ui/register/opened-while-register-opens", test_opened_while_register_opens);
  g_test_add_func ("/ui/register/queue-gone-and-damaged", test_queue_gone_and_damaged);
  g_test_add_func ("/ui/register/plan-event", test_plan_event);
  g_test_add_func ("/ui/register/reviewer-story", test_reviewer_story);
  g_test_add_func ("/ui/register/reviewer-story/restarted", test_reviewer_story_restarted);
  g_test_add_func ("/ui/register/inspection-failed", test_inspection_failed);
  status = g_test_run ();
  g_object_unref (application);
  return status;
}
