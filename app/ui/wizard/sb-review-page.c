/* sb-review-page.c — the review page ("check your answers")
 *
 * GOV.UK's "check your answers": what stands between the person and a
 * finished application first, then every answer with a way to change it,
 * then the Finish button.  Rebuilt from the report each time it is shown.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-review-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "sb-field-format.h"
#include "sb-field-row.h"
#include "sb-material-list.h"
#include "sb-review-page.h"

struct _SbReviewPage
{
  AdwBin              parent_instance;

  SbDraft            *draft;
  SbValidationReport *report;
  GtkWidget          *content;
  GtkWidget          *scrolled;
  GtkWidget          *finish_bar;     /* under the scrolled answers: always in sight */
  GtkWidget          *blocker_label;  /* what keeps Finish from being pressed */
  GtkWidget          *blocker_link;   /* goes to the first such problem */
  GtkWidget          *finish_button;
  GtkWidget          *new_button;     /* read-only: a new application from this one */
  GHashTable         *explanations;   /* rule id -> its explanation's AdwEntryRow */
  GHashTable         *problem_rows;   /* rule id -> the row of its error */
  char               *blocker_field;  /* the field of the first problem, or NULL */
  GtkWidget          *blocker_widget; /* else the row to focus */
  gboolean            finishing;
  gboolean            ready;
  gboolean            read_only;
};

G_DEFINE_FINAL_TYPE (SbReviewPage, sb_review_page, ADW_TYPE_BIN)

enum {
  CHANGE_FIELD,
  JUSTIFICATION_CHANGED,
  FINISH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static GtkWidget *
finding_row (SbFinding *finding)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (finding->severity == SB_SEVERITY_ERROR ? "dialog-error-symbolic"
                                                  : finding->severity == SB_SEVERITY_WARNING ? "dialog-warning-symbolic"
                                                  : "dialog-information-symbolic");
  g_autofree char *citation = finding->rule ? sb_field_row_citation_source (finding->rule) : NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_finding_get_message (finding));
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  if (citation != NULL)
    {
      /* Translators: where a rule comes from; no rule id for applicants */
      g_autofree char *subtitle = g_strdup_printf (_("Source: %s"), citation);

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
    }
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
  return row;
}

static void
clear_box (GtkWidget *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (box)) != NULL)
    gtk_box_remove (GTK_BOX (box), child);
}


/* The columns that tell one row from another, as a person reads the
 * table: its first text-like columns (a name, an ID number, an option),
 * at most three. */
static GPtrArray *
identifying_columns (const SbField *table)
{
  GPtrArray *columns = g_ptr_array_new ();

  for (guint c = 0; c < table->columns->len && columns->len < 3; c++)
    {
      SbField *column = g_ptr_array_index (table->columns, c);

      switch (column->type)
        {
        case SB_FIELD_TEXT:
        case SB_FIELD_CHOICE:
        case SB_FIELD_RESIDENT_ID:
        case SB_FIELD_CREDIT_CODE:
        case SB_FIELD_ID_DOCUMENT:
          g_ptr_array_add (columns, column);
          break;
        default:
          break;
        }
    }
  /* A table of numbers only: its first columns. */
  for (guint c = 0; c < table->columns->len && columns->len == 0 && c < 2; c++)
    g_ptr_array_add (columns, g_ptr_array_index (table->columns, c));
  return columns;
}

/* A table as a table: collapsed to its name and row count, and opened,
 * one row per table row named by its identifying columns, with the other
 * columns under it. */
static GtkWidget *
table_row (SbReviewPage  *self,
           SbAnswers     *answers,
           const SbField *table)
{
  GtkWidget *expander = adw_expander_row_new ();
  g_autoptr(GPtrArray) identifying = identifying_columns (table);
  guint n_rows = sb_answers_get_row_count (answers, table->id);
  g_autofree char *count = n_rows == 0 ? g_strdup (_("No rows"))
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), sb_text_get (&table->label));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);
  adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (expander), n_rows > 0);
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), FALSE);
  gtk_widget_add_css_class (expander, "review-table");

  for (guint r = 0; r < n_rows; r++)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autoptr(GString) title = g_string_new (NULL);
      g_autoptr(GString) details = g_string_new (NULL);

      for (guint c = 0; c < identifying->len; c++)
        {
          g_autofree char *cell = sb_field_format_shown (answers, g_ptr_array_index (identifying, c), r);

          if (*cell == '\0')
            continue;
          if (title->len > 0)
            g_string_append (title, " · ");
          g_string_append (title, cell);
        }
      for (guint c = 0; c < table->columns->len; c++)
        {
          SbField *column = g_ptr_array_index (table->columns, c);
          g_autofree char *cell = NULL;

          if (g_ptr_array_find (identifying, column, NULL))
            continue;
          cell = sb_field_format_shown (answers, column, r);
          if (*cell == '\0')
            continue;
          if (details->len > 0)
            g_string_append (details, _("; "));
          /* Translators: a column's label and a row's value in it */
          g_string_append_printf (details, _("%s: %s"), sb_text_get (&column->label), cell);
        }

      {
        g_autofree char *number = g_strdup_printf (_("Row %u"), r + 1);
        g_autofree char *named = title->len > 0 ? g_strdup_printf (_("%s. %s"), number, title->str) : g_strdup (number);

        adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), named);
        adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
        if (details->len > 0)
          {
            adw_action_row_set_subtitle (ADW_ACTION_ROW (row), details->str);
            adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          }
      }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
    }

  if (!self->read_only && table->computed == NULL)
    {
      g_autofree char *change_name = g_strdup_printf (_("Change %s"), sb_text_get (&table->label));
      GtkWidget *change = gtk_button_new_with_label (_("Change"));

      gtk_widget_add_css_class (change, "flat");
      gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (change), GTK_ACCESSIBLE_PROPERTY_LABEL, change_name, -1);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (change), "s", table->id);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "review.change-field");
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), change);
    }
  return expander;
}

/* What stands between the person and Finish, said under the answers
 * beside the button, with a way to the first of it. */
static void
update_blocker (SbReviewPage *self)
{
  GPtrArray *findings = self->report ? sb_validation_report_get_findings (self->report) : NULL;
  guint n_errors = 0, n_unexplained = 0;
  SbFinding *first_error = NULL, *first_unexplained = NULL;
  g_autofree char *text = NULL;

  g_clear_pointer (&self->blocker_field, g_free);
  self->blocker_widget = NULL;
  for (guint i = 0; findings != NULL && i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity == SB_SEVERITY_ERROR)
        {
          n_errors++;
          if (first_error == NULL)
            first_error = finding;
        }
      else if (finding->severity == SB_SEVERITY_WARNING)
        {
          g_autofree char *justification = g_strdup (sb_draft_get_justification (self->draft, finding->rule_id));

          if (justification == NULL || *g_strstrip (justification) == '\0')
            {
              n_unexplained++;
              if (first_unexplained == NULL)
                first_unexplained = finding;
            }
        }
    }

  if (self->read_only)
    text = NULL;
  else if (self->finishing)
    text = g_strdup (_("Making the PDF…"));
  else if (first_error != NULL)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem must be put right before you can finish.",
                                           "%u problems must be put right before you can finish.", n_errors), n_errors);
      if (first_error->field != NULL)
        self->blocker_field = g_strdup (first_error->field);
      else
        self->blocker_widget = g_hash_table_lookup (self->problem_rows, first_error->rule_id);
    }
  else if (first_unexplained != NULL)
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u warning needs an explanation before you can finish.",
                                           "%u warnings need an explanation before you can finish.", n_unexplained),
                              n_unexplained);
      self->blocker_widget = g_hash_table_lookup (self->explanations, first_unexplained->rule_id);
    }

  gtk_label_set_text (GTK_LABEL (self->blocker_label), text ? text : "");
  gtk_widget_set_visible (self->blocker_label, text != NULL);
  gtk_widget_set_visible (self->blocker_link, !self->finishing && (self->blocker_field != NULL || self->blocker_widget != NULL));
  gtk_button_set_label (GTK_BUTTON (self->blocker_link),
                        first_error != NULL ? _("Go to the First Problem") : _("Go to the Warning"));
}

/* Callbacks */

static void
on_justification_changed (GtkEditable  *editable,
                          SbReviewPage *self)
{
  const char *rule_id = g_object_get_data (G_OBJECT (editable), "rule");
  const char *text = gtk_editable_get_text (editable);

  g_signal_emit (self, signals[JUSTIFICATION_CHANGED], 0, rule_id, *text ? text : NULL);
}

static void
on_finish_clicked (GtkButton    *button,
                   SbReviewPage *self)
{
  g_signal_emit (self, signals[FINISH], 0);
}

static void
on_blocker_link_clicked (GtkButton    *button,
                         SbReviewPage *self)
{
  if (self->blocker_field != NULL)
    {
      g_autofree char *field = g_strdup (self->blocker_field);

      g_signal_emit (self, signals[CHANGE_FIELD], 0, field);
    }
  else if (self->blocker_widget != NULL)
    gtk_widget_grab_focus (self->blocker_widget);
}

static void
change_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  g_signal_emit (widget, signals[CHANGE_FIELD], 0, g_variant_get_string (parameter, NULL));
}

/* GObject overrides */

static void
sb_review_page_dispose (GObject *object)
{
  SbReviewPage *self = SB_REVIEW_PAGE (object);

  g_clear_object (&self->draft);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  g_clear_pointer (&self->explanations, g_hash_table_unref);
  g_clear_pointer (&self->problem_rows, g_hash_table_unref);
  g_clear_pointer (&self->blocker_field, g_free);

  G_OBJECT_CLASS (sb_review_page_parent_class)->dispose (object);
}

static void
sb_review_page_class_init (SbReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_review_page_dispose;

  signals[CHANGE_FIELD] = g_signal_new ("change-field", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                        NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[JUSTIFICATION_CHANGED] = g_signal_new ("justification-changed", G_TYPE_FROM_CLASS (klass),
                                                 G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                                 G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[FINISH] = g_signal_new ("finish", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "review.change-field", "s", change_field_action);
}

static void
sb_review_page_init (SbReviewPage *self)
{
  GtkWidget *clamp, *box, *bar_clamp, *bar, *texts;

  self->explanations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->problem_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->content, 24);
  gtk_widget_set_margin_bottom (self->content, 24);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), clamp);

  /* Finish stays in sight however long the answers are: below them, not
   * at their end; beside it, what keeps it from being pressed. */
  bar = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_top (bar, 8);
  gtk_widget_set_margin_bottom (bar, 8);
  gtk_widget_set_margin_start (bar, 12);
  gtk_widget_set_margin_end (bar, 12);
  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  self->blocker_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->blocker_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->blocker_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (self->blocker_label), 0);
  self->blocker_link = gtk_button_new_with_label (_("Go to the First Problem"));
  gtk_widget_add_css_class (self->blocker_link, "link");
  gtk_widget_set_halign (self->blocker_link, GTK_ALIGN_START);
  g_signal_connect (self->blocker_link, "clicked", G_CALLBACK (on_blocker_link_clicked), self);
  gtk_box_append (GTK_BOX (texts), self->blocker_label);
  gtk_box_append (GTK_BOX (texts), self->blocker_link);

  self->finish_button = gtk_button_new_with_mnemonic (_("_Finish Application…"));
  gtk_widget_add_css_class (self->finish_button, "suggested-action");
  gtk_widget_add_css_class (self->finish_button, "pill");
  gtk_widget_set_valign (self->finish_button, GTK_ALIGN_CENTER);
  g_signal_connect (self->finish_button, "clicked", G_CALLBACK (on_finish_clicked), self);

  /* A finished application, looked at: the way to a new one instead. */
  self->new_button = gtk_button_new_with_mnemonic (_("_New Application Based on This"));
  gtk_widget_add_css_class (self->new_button, "suggested-action");
  gtk_widget_add_css_class (self->new_button, "pill");
  gtk_widget_set_valign (self->new_button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->new_button), "win.new-from-draft");
  gtk_widget_set_visible (self->new_button, FALSE);

  gtk_box_append (GTK_BOX (bar), texts);
  gtk_box_append (GTK_BOX (bar), self->finish_button);
  gtk_box_append (GTK_BOX (bar), self->new_button);
  bar_clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (bar_clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (bar_clamp), bar);
  self->finish_bar = bar_clamp;
  gtk_widget_add_css_class (self->finish_bar, "review-finish-bar");

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_box_append (GTK_BOX (box), self->scrolled);
  gtk_box_append (GTK_BOX (box), gtk_separator_new (GTK_ORIENTATION_HORIZONTAL));
  gtk_box_append (GTK_BOX (box), self->finish_bar);
  adw_bin_set_child (ADW_BIN (self), box);
}

/* Public API */

SbReviewPage *
sb_review_page_new (SbDraft *draft)
{
  SbReviewPage *self;

  g_return_val_if_fail (SB_IS_DRAFT (draft), NULL);

  self = g_object_new (SB_TYPE_REVIEW_PAGE, NULL);
  self->draft = g_object_ref (draft);
  return self;
}

void
sb_review_page_update (SbReviewPage       *self,
                       SbValidationReport *report,
                       GPtrArray          *steps)
{
  SbAnswers *answers;
  GPtrArray *findings;
  GtkWidget *group;
  guint n_errors, n_warnings;
  g_autofree char *summary = NULL;

  g_return_if_fail (SB_IS_REVIEW_PAGE (self));
  g_return_if_fail (report != NULL);
  g_return_if_fail (steps != NULL);

  answers = sb_draft_get_answers (self->draft);
  clear_box (self->content);
  g_hash_table_remove_all (self->explanations);
  g_hash_table_remove_all (self->problem_rows);
  sb_validation_report_ref (report);
  g_clear_pointer (&self->report, sb_validation_report_unref);
  self->report = report;
  findings = sb_validation_report_get_findings (report);
  n_errors = sb_validation_report_count (report, SB_SEVERITY_ERROR);
  n_warnings = sb_validation_report_count (report, SB_SEVERITY_WARNING);

  /* The whole-packet summary first: what stands between the person and
   * a finished application. */
  group = adw_preferences_group_new ();
  if (self->read_only)
    {
      const char *reference = NULL, *finalised = NULL;
      g_autofree char *when = NULL;

      sb_draft_get_last_packet (self->draft, &reference, &finalised);
      when = finalised != NULL && strlen (finalised) >= 10 ? g_strndup (finalised, 10) : g_strdup ("");
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Finished Application"));
      summary = g_strdup_printf (_("Finished on %s with reference number %s. It can no longer be changed; "
                                   "to apply again with these answers, start a new application based on it."),
                                 when, reference ? reference : "");
    }
  else
    {
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Check Your Answers"));
      summary = n_errors > 0
        ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem must be put right before the application can be finished.",
                                        "%u problems must be put right before the application can be finished.", n_errors), n_errors)
        : n_warnings > 0
          ? g_strdup (_("No errors. Each warning below needs a written explanation before the application can be finished."))
          : g_strdup (_("No problems found. Check the answers once more, then finish the application."));
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), summary);
  gtk_box_append (GTK_BOX (self->content), group);

  if (n_errors > 0 && !self->read_only)
    {
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Problems"));
      for (guint i = 0; i < findings->len; i++)
        {
          SbFinding *finding = g_ptr_array_index (findings, i);
          GtkWidget *row;

          if (finding->severity != SB_SEVERITY_ERROR)
            continue;
          row = finding_row (finding);
          if (finding->field != NULL)
            {
              GtkWidget *fix = gtk_button_new_with_label (_("Fix"));

              gtk_widget_set_valign (fix, GTK_ALIGN_CENTER);
              gtk_actionable_set_action_target (GTK_ACTIONABLE (fix), "s", finding->field);
              gtk_actionable_set_action_name (GTK_ACTIONABLE (fix), "review.change-field");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), fix);
            }
          else
            gtk_widget_set_focusable (row, TRUE);
          if (finding->rule_id != NULL && !g_hash_table_contains (self->problem_rows, finding->rule_id))
            g_hash_table_insert (self->problem_rows, g_strdup (finding->rule_id), row);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (GTK_BOX (self->content), group);
    }

  if (n_warnings > 0)
    {
      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Warnings to Explain"));
      adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                             _("The office decides on these; say why the application is right as it is."));
      for (guint i = 0; i < findings->len; i++)
        {
          SbFinding *finding = g_ptr_array_index (findings, i);
          const char *text = NULL;
          GtkWidget *entry;

          if (finding->severity != SB_SEVERITY_WARNING)
            continue;
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), finding_row (finding));
          text = sb_draft_get_justification (self->draft, finding->rule_id);
          if (self->read_only)
            {
              GtkWidget *row = adw_action_row_new ();

              adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Explanation"));
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text ? text : _("Not answered"));
              adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
              continue;
            }
          entry = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Explanation"));
          if (text != NULL)
            gtk_editable_set_text (GTK_EDITABLE (entry), text);
          g_object_set_data_full (G_OBJECT (entry), "rule", g_strdup (finding->rule_id), g_free);
          g_signal_connect (entry, "changed", G_CALLBACK (on_justification_changed), self);
          if (!g_hash_table_contains (self->explanations, finding->rule_id))
            g_hash_table_insert (self->explanations, g_strdup (finding->rule_id), entry);
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), entry);
        }
      gtk_box_append (GTK_BOX (self->content), group);
    }

  /* Every answer, step by step, with a way to change it. */
  for (guint p = 0; p < steps->len; p++)
    {
      SbStep *step = g_ptr_array_index (steps, p);

      group = adw_preferences_group_new ();
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), sb_text_get (&step->title));
      for (guint f = 0; f < step->fields->len; f++)
        {
          SbField *field = g_ptr_array_index (step->fields, f);
          g_autofree char *answer = NULL;
          GtkWidget *row, *change;

          if (field->system || !sb_answers_is_visible (answers, field))
            continue;

          if (field->type == SB_FIELD_TABLE && field->columns != NULL)
            {
              adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), table_row (self, answers, field));
              continue;
            }

          answer = sb_field_format_shown (answers, field, -1);

          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_text_get (&field->label));
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *answer ? answer : _("Not answered"));
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          if (field->computed == NULL && !self->read_only)
            {
              g_autofree char *change_name = g_strdup_printf (_("Change %s"), sb_text_get (&field->label));

              change = gtk_button_new_with_label (_("Change"));
              gtk_widget_add_css_class (change, "flat");
              gtk_widget_set_valign (change, GTK_ALIGN_CENTER);
              gtk_accessible_update_property (GTK_ACCESSIBLE (change), GTK_ACCESSIBLE_PROPERTY_LABEL, change_name, -1);
              gtk_actionable_set_action_target (GTK_ACTIONABLE (change), "s", field->id);
              gtk_actionable_set_action_name (GTK_ACTIONABLE (change), "review.change-field");
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), change);
            }
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
        }
      gtk_box_append (GTK_BOX (self->content), group);
    }

  /* The notices the regulation wants every applicant to read. */
  group = NULL;
  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (finding->severity != SB_SEVERITY_INFO)
        continue;
      if (group == NULL)
        {
          group = adw_preferences_group_new ();
          adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Please Note"));
          gtk_box_append (GTK_BOX (self->content), group);
        }
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), finding_row (finding));
    }

  /* What each material is met by, as the PDF's 材料清单 will say it. */
  gtk_box_append (GTK_BOX (self->content), sb_material_list_new (answers, SB_MATERIAL_LIST_FOR_APPLICANT, "review.change-field"));

  sb_review_page_set_finish_state (self, self->finishing, self->ready);
}

void
sb_review_page_set_finish_state (SbReviewPage *self,
                                 gboolean      finishing,
                                 gboolean      ready)
{
  g_return_if_fail (SB_IS_REVIEW_PAGE (self));

  self->finishing = finishing;
  self->ready = ready;
  gtk_button_set_label (GTK_BUTTON (self->finish_button),
                        finishing ? _("Making the PDF…") : _("_Finish Application…"));
  gtk_widget_set_sensitive (self->finish_button, !finishing && ready && !self->read_only);
  gtk_widget_set_visible (self->finish_button, !self->read_only);
  gtk_widget_set_visible (self->new_button, self->read_only);
  update_blocker (self);
}

void
sb_review_page_set_read_only (SbReviewPage *self,
                              gboolean      read_only)
{
  g_return_if_fail (SB_IS_REVIEW_PAGE (self));

  self->read_only = read_only;
  sb_review_page_set_finish_state (self, self->finishing, self->ready);
}

const char *
sb_review_page_get_blocker (SbReviewPage *self)
{
  g_return_val_if_fail (SB_IS_REVIEW_PAGE (self), NULL);

  return gtk_widget_get_visible (self->blocker_label) ? gtk_label_get_text (GTK_LABEL (self->blocker_label)) : NULL;
}

void
sb_review_page_go_to_blocker (SbReviewPage *self)
{
  g_return_if_fail (SB_IS_REVIEW_PAGE (self));

  if (gtk_widget_get_visible (self->blocker_link))
    on_blocker_link_clicked (GTK_BUTTON (self->blocker_link), self);
}
