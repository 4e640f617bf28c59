/* test-hig.c — the details a careful GNOME application gets right, under a
 * real display: names read without mnemonic markup, a suggested action
 * only where it is the one to take, a citation that opens to be read, F1
 * for the procedure's guide, a start-page menu without grey items, dialog
 * headings that break between words, and the interface's language in the
 * messages of the rules.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "sb-accessible.h"
#include "sb-application.h"
#include "sb-date.h"
#include "sb-answers.h"
#include "sb-field-row.h"
#include "sb-form-registry.h"
#include "sb-row-editor.h"
#include "sb-validator.h"
#include "sb-window.h"
#include "ui-test-util.h"

/* glibc caches translations until this changes (its documented way to
 * have LANGUAGE, changed while running, take effect). */
extern int _nl_msg_cat_cntr;

/* One application for all tests, as in a real session. */
static SbApplication *application;

/* The first label under @widget with the CSS class @css_class. */
static GtkWidget *
find_label_with_class (GtkWidget  *widget,
                       const char *css_class)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, css_class))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label_with_class (child, css_class);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_mnemonic_names (void)
{
  const struct { const char *label, *name; } cases[] = {
    { "下一步(_N)", "下一步" },
    { "打开申请包(_O)…", "打开申请包…" },
    { "完成申请（_F）…", "完成申请…" },
    { "_Next", "Next" },
    { "Continue _Anyway", "Continue Anyway" },
    { "Save _Review File…", "Save Review File…" },
    { "snake__case", "snake_case" },
    { "(_N)", "" },
    { "面积（亩）", "面积（亩）" },
    { "第(一)款", "第(一)款" },
    { "Open (_O)", "Open" },
    { "_", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = sb_accessible_strip_mnemonic (cases[i].label);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

/* After Next on a step with problems, "Continue Anyway" goes on past
 * them: allowed, not recommended, so not the blue suggested action. */
static void
test_continue_anyway_not_suggested (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard = ui_test_start_application (window, "gengdi");
  GtkWidget *next = ui_test_find_button (GTK_WIDGET (wizard), _("_Next"));

  g_assert_nonnull (next);
  g_assert_true (gtk_widget_has_css_class (next, "suggested-action"));

  sb_wizard_next (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 200);
  g_assert_true (sb_wizard_shows_problems (wizard));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (next)), ==, _("Continue _Anyway"));
  g_assert_false (gtk_widget_has_css_class (next, "suggested-action"));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The 依据 button opens the clause as text to read, not selected. */
static void
test_citation_opens_unselected (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard = ui_test_start_application (window, "gengdi");
  GtkWidget *button, *popover, *label;
  int start = -1, end = -1;

  sb_wizard_next (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 300);
  button = ui_test_find_button (GTK_WIDGET (wizard), C_("citation", "Source"));
  g_assert_nonnull (button);
  /* Scrolled to, as a person would: a popover off the screen has no
   * monitor to be placed on. */
  gtk_widget_grab_focus (button);
  ui_test_wait_for (button, 500);
  g_assert_true (gtk_widget_get_mapped (button));

  g_signal_emit_by_name (button, "clicked");
  popover = gtk_widget_get_last_child (button);
  g_assert_true (GTK_IS_POPOVER (popover));
  ui_test_wait_for (popover, 500);
  label = gtk_popover_get_child (GTK_POPOVER (popover));
  g_assert_true (GTK_IS_LABEL (label));
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (label)));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-citation.png");
  if (gtk_label_get_selection_bounds (GTK_LABEL (label), &start, &end))
    g_assert_cmpint (start, ==, end);

  gtk_popover_popdown (GTK_POPOVER (popover));
  ui_test_wait_for (GTK_WIDGET (window), 300);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
on_choice_changed (SbFieldRow *row,
                   JsonNode   *value,
                   char      **chosen)
{
  g_free (*chosen);
  *chosen = value != NULL ? g_strdup (json_node_get_string (value)) : NULL;
}

/* What the closed button of @dropdown shows: the label of its visible page. */
static GtkWidget *
shown_on_button (GtkWidget *dropdown)
{
  GtkWidget *stack = ui_test_find_widget (dropdown, GTK_TYPE_STACK);

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child (GTK_STACK (stack));
}

/* The drop-down of @row (a question of @field) offers the choices and
 * nothing else; unanswered, its button shows Choose…, dimmed; a choice
 * made is the answer, and an answer cleared shows Choose… again. */
static void
check_choose_is_a_placeholder (SbFieldRow    *row,
                               const SbField *field)
{
  GtkWidget *dropdown = ui_test_find_widget (GTK_WIDGET (row), GTK_TYPE_DROP_DOWN);
  g_autofree char *chosen = NULL;
  GListModel *model;
  GtkWidget *shown;

  g_assert_nonnull (dropdown);
  model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, field->choices->len);
  for (guint i = 0; i < field->choices->len; i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_assert_cmpstr (gtk_string_object_get_string (item), ==,
                       sb_text_get (&((SbChoice *) g_ptr_array_index (field->choices, i))->label));
    }

  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, GTK_INVALID_LIST_POSITION);
  shown = shown_on_button (dropdown);
  g_assert_true (GTK_IS_LABEL (shown));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (shown)), ==, _("Choose…"));
  g_assert_true (gtk_widget_has_css_class (shown, "dim-label"));

  g_signal_connect (row, "changed", G_CALLBACK (on_choice_changed), &chosen);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), 0);
  g_assert_cmpstr (chosen, ==, ((SbChoice *) g_ptr_array_index (field->choices, 0))->value);
  g_assert_false (gtk_widget_has_css_class (shown_on_button (dropdown), "dim-label"));

  sb_field_row_set_value (row, NULL);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (dropdown)), ==, GTK_INVALID_LIST_POSITION);
  shown = shown_on_button (dropdown);
  g_assert_true (GTK_IS_LABEL (shown));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (shown)), ==, _("Choose…"));
  g_signal_handlers_disconnect_by_func (row, on_choice_changed, &chosen);
}

/* 请选择… is a placeholder, not an option, in the form's questions and in
 * the questions of a table's row. */
static void
test_choose_is_a_placeholder (void)
{
  SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), "gengdi", 0);
  SbField *field = sb_form_definition_lookup_field (definition, "applicant_type");
  SbField *table = sb_form_definition_lookup_field (definition, "out_parcels");
  g_autoptr(SbAnswers) answers = sb_answers_new (definition);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  SbFieldRow *row = sb_field_row_new (field);
  SbRowEditor *row_editor = sb_row_editor_new (answers, table, -1);
  SbFieldRow *cell = NULL;

  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (row));
  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (row_editor));
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 900);
  gtk_window_set_child (GTK_WINDOW (window), box);
  gtk_window_present (GTK_WINDOW (window));
  ui_test_wait_for (window, 200);
  ui_test_save_screenshot (window, "screenshot-choose-placeholder.png");

  check_choose_is_a_placeholder (row, field);

  /* The row editor's question for the column target_use. */
  for (GtkWidget *child = ui_test_find_widget (GTK_WIDGET (row_editor), SB_TYPE_FIELD_ROW);
       child != NULL && cell == NULL;
       child = gtk_widget_get_next_sibling (child))
    if (SB_IS_FIELD_ROW (child) && g_str_equal (sb_field_row_get_field (SB_FIELD_ROW (child))->id, "target_use"))
      cell = SB_FIELD_ROW (child);
  g_assert_nonnull (cell);
  check_choose_is_a_placeholder (cell, sb_field_row_get_field (cell));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* F1 shows the guide of the procedure being filled in; Back returns to
 * the application, where it was. */
static void
test_f1_shows_guide (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  SbWizard *wizard = ui_test_start_application (window, "gengdi");
  GtkWidget *guide;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-procedure-guide", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 400);
  guide = ui_test_find_button (GTK_WIDGET (window), _("_Start Application"));
  g_assert_nonnull (guide);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (wizard)))), ==, "guide");
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-f1-guide.png");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  ui_test_wait_for (GTK_WIDGET (window), 400);
  g_assert_true (sb_window_get_wizard (window) == wizard);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (wizard)))), ==, "wizard");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Counts the visible items of a popover menu, and fails on a grey one. */
static guint
count_menu_items (GtkWidget *widget)
{
  guint n = 0;

  if (!gtk_widget_get_visible (widget))
    return 0;
  if (g_str_equal (gtk_widget_get_css_name (widget), "modelbutton"))
    {
      g_assert_true (gtk_widget_is_sensitive (widget));
      return 1;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    n += count_menu_items (child);
  return n;
}

/* The start page's main menu has no reviewer's items waiting in grey. */
static void
test_start_menu_has_no_disabled_items (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  GtkWidget *menu_button = ui_test_find_widget (GTK_WIDGET (window), GTK_TYPE_MENU_BUTTON);
  GtkPopover *popover;

  g_assert_nonnull (menu_button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button));
  g_assert_nonnull (popover);
  ui_test_wait_for (GTK_WIDGET (popover), 400);
  g_assert_cmpuint (count_menu_items (GTK_WIDGET (popover)), >=, 4);
  ui_test_save_screenshot (GTK_WIDGET (popover), "screenshot-start-menu.png");
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  ui_test_wait_for (GTK_WIDGET (window), 300);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A dialog's heading wraps between words ("Could Not Be Loaded"), never
 * inside one. */
static void
test_dialog_heading_breaks_between_words (void)
{
  SbWindow *window = ui_test_open_window (application, 1100);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (window), "Forms That Could Not Be Understood",
                                              "A body to read.");
  GtkWidget *heading;

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  gtk_window_present (GTK_WINDOW (dialog));
  ui_test_wait_for (dialog, 300);
  heading = find_label_with_class (dialog, "title-2");
  g_assert_nonnull (heading);
  g_assert_cmpint (gtk_label_get_wrap_mode (GTK_LABEL (heading)), ==, PANGO_WRAP_WORD);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* In the English interface the message under a field is the rule's
 * English one, and its citation button is English too. */
static void
test_messages_in_english (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("LANGUAGE"));
  g_autoptr(SbValidationReport) report = NULL;
  SbWindow *window;
  SbWizard *wizard;
  GtkWidget *row;
  const char *expected = NULL;
  GPtrArray *findings;

  g_setenv ("LANGUAGE", "en", TRUE);
  ++_nl_msg_cat_cntr;
  window = ui_test_open_window (application, 1100);
  g_assert_true (sb_window_show_guide (window, "gengdi"));
  /* After the page's slide. */
  ui_test_wait_for (GTK_WIDGET (window), 1000);
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-guide-en.png");
  wizard = ui_test_start_application (window, "gengdi");
  sb_wizard_next (wizard);
  ui_test_wait_for (GTK_WIDGET (window), 300);

  report = sb_validate (sb_draft_get_answers (sb_wizard_get_draft (wizard)), sb_date_today (), NULL);
  findings = sb_validation_report_get_findings (report);
  for (guint i = 0; i < findings->len && expected == NULL; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (g_strcmp0 (finding->field, "conversion_case") == 0 && finding->severity == SB_SEVERITY_ERROR)
        expected = finding->message_en;
    }
  g_assert_nonnull (expected);
  row = sb_wizard_get_field_widget (wizard, "conversion_case");
  g_assert_true (SB_IS_FIELD_ROW (row));
  g_assert_nonnull (strstr (sb_field_row_get_accessible_description (SB_FIELD_ROW (row)), expected));
  if (ui_test_find_button (GTK_WIDGET (wizard), "依据") != NULL)
    g_error ("a citation button says 依据 in the English interface");
  g_assert_nonnull (ui_test_find_button (GTK_WIDGET (wizard), "Source"));
  ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-wizard-en.png");

  gtk_window_destroy (GTK_WINDOW (window));
  g_setenv ("LANGUAGE", saved ? saved : "zh_CN", TRUE);
  ++_nl_msg_cat_cntr;
}

/* Every label's text under @widget, visible or not, one a line. */
static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (GTK_IS_LABEL (widget))
    {
      g_string_append (out, gtk_label_get_text (GTK_LABEL (widget)));
      g_string_append_c (out, '\n');
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

static guint
count_matches (GRegex     *regex,
               const char *text,
               GString    *found)
{
  g_autoptr(GMatchInfo) match = NULL;
  guint n = 0;

  for (g_regex_match (regex, text, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *word = g_match_info_fetch (match, 0);

      g_string_append_printf (found, " %s", word);
      n++;
    }
  return n;
}

/* What an applicant reads has no internal ids (materials' GD-ATT-01,
 * rules' KJ-60, the interpretation notes' AMB-C02, 技术校验): not on the
 * guide, nor on any step of the wizard with its problems shown, nor on
 * the check page.  The guide says the regulation's validity once, and a
 * conditional material says when it is needed. */
static void
test_plain_language (void)
{
  const char *forms[] = { "gengdi", "zijin", "kejipeixun" };
  g_autoptr(GRegex) ids = g_regex_new ("\\b[A-Z]{2}-(ATT-)?[0-9]{2}\\b|AMB-[A-Z][0-9]+|技术校验|SB-[A-Z]+", 0, 0, NULL);

  for (guint f = 0; f < G_N_ELEMENTS (forms); f++)
    {
      SbWindow *window = ui_test_open_window (application, 1100);
      SbFormDefinition *definition = sb_form_registry_lookup (sb_form_registry_get_default (), forms[f], 0);
      const SbRegulation *regulation = sb_form_definition_get_regulation (definition);
      g_autofree char *from = sb_date_to_string (regulation->effective_from);
      g_autoptr(GString) guide = g_string_new (NULL);
      g_autoptr(GString) wizard_text = g_string_new (NULL);
      g_autoptr(GString) found = g_string_new (NULL);
      SbWizard *wizard;
      const char *p;
      guint n_from = 0;

      g_assert_true (sb_window_show_guide (window, forms[f]));
      ui_test_wait_for (GTK_WIDGET (window), 200);
      collect_labels (ui_test_find_widget (GTK_WIDGET (window), ADW_TYPE_PREFERENCES_PAGE), guide);
      g_assert_cmpuint (count_matches (ids, guide->str, found), ==, 0);
      for (p = strstr (guide->str, from); p != NULL; p = strstr (p + 1, from))
        n_from++;
      g_test_message ("%s: the validity's first day appears %u times on the guide", forms[f], n_from);
      g_assert_cmpuint (n_from, ==, 1);
      if (g_str_equal (forms[f], "gengdi"))
        g_assert_nonnull (strstr (guide->str, "涉及农村集体承包地时需要"));
      if (g_str_equal (forms[f], "gengdi"))
        {
          ui_test_wait_for (GTK_WIDGET (window), 1000);
          ui_test_save_screenshot (GTK_WIDGET (window), "screenshot-guide-gengdi.png");
        }

      wizard = ui_test_start_application (window, forms[f]);
      for (guint i = 0; i < 2 * sb_form_definition_get_steps (definition)->len + 2; i++)
        {
          sb_wizard_next (wizard);
          ui_test_wait_for (GTK_WIDGET (window), 50);
        }
      collect_labels (GTK_WIDGET (wizard), wizard_text);
      if (count_matches (ids, wizard_text->str, found) > 0)
        g_error ("%s: the applicant reads ids:%s", forms[f], found->str);

      gtk_window_destroy (GTK_WINDOW (window));
    }
}

int
main (int    argc,
      char **argv)
{
  application = ui_test_setup (&argc, &argv);
  if (application == NULL)
    return 0;

  g_test_add_func ("/ui/hig/mnemonic-names", test_mnemonic_names);
  g_test_add_func ("/ui/hig/continue-anyway-not-suggested", test_continue_anyway_not_suggested);
  g_test_add_func ("/ui/hig/citation-opens-unselected", test_citation_opens_unselected);
  g_test_add_func ("/ui/hig/choose-is-a-placeholder", test_choose_is_a_placeholder);
  g_test_add_func ("/ui/hig/f1-shows-guide", test_f1_shows_guide);
  g_test_add_func ("/ui/hig/start-menu-has-no-disabled-items", test_start_menu_has_no_disabled_items);
  g_test_add_func ("/ui/hig/dialog-heading-breaks-between-words", test_dialog_heading_breaks_between_words);
  g_test_add_func ("/ui/hig/messages-in-english", test_messages_in_english);
  g_test_add_func ("/ui/hig/plain-language", test_plain_language);

  return g_test_run ();
}
