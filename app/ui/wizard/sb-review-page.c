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

#include "sb-field-format.h"
#include "sb-field-row.h"
#include "sb-review-page.h"

struct _SbReviewPage
{
  AdwBin     parent_instance;

  SbDraft   *draft;
  GtkWidget *content;
  GtkWidget *finish_button;
  gboolean   finishing;
  gboolean   ready;
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
  GtkWidget *clamp, *scrolled;

  self->content = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  gtk_widget_set_margin_top (self->content, 24);
  gtk_widget_set_margin_bottom (self->content, 24);
  gtk_widget_set_margin_start (self->content, 12);
  gtk_widget_set_margin_end (self->content, 12);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 760);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->content);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  adw_bin_set_child (ADW_BIN (self), scrolled);
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
  findings = sb_validation_report_get_findings (report);
  n_errors = sb_validation_report_count (report, SB_SEVERITY_ERROR);
  n_warnings = sb_validation_report_count (report, SB_SEVERITY_WARNING);

  /* The whole-packet summary first: what stands between the person and
   * a finished application. */
  group = adw_preferences_group_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), _("Check Your Answers"));
  summary = n_errors > 0
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u problem must be put right before the application can be finished.",
                                    "%u problems must be put right before the application can be finished.", n_errors), n_errors)
    : n_warnings > 0
      ? g_strdup (_("No errors. Each warning below needs a written explanation before the application can be finished."))
      : g_strdup (_("No problems found. Check the answers once more, then finish the application."));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), summary);
  gtk_box_append (GTK_BOX (self->content), group);

  if (n_errors > 0)
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
          entry = adw_entry_row_new ();
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (entry), _("Explanation"));
          text = sb_draft_get_justification (self->draft, finding->rule_id);
          if (text != NULL)
            gtk_editable_set_text (GTK_EDITABLE (entry), text);
          g_object_set_data_full (G_OBJECT (entry), "rule", g_strdup (finding->rule_id), g_free);
          g_signal_connect (entry, "changed", G_CALLBACK (on_justification_changed), self);
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

          answer = sb_field_format_display (answers, field, -1);

          row = adw_action_row_new ();
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), sb_text_get (&field->label));
          adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), *answer ? answer : _("Not answered"));
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
          if (field->computed == NULL)
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

  self->finish_button = gtk_button_new_with_mnemonic (_("_Finish Application…"));
  gtk_widget_add_css_class (self->finish_button, "suggested-action");
  gtk_widget_add_css_class (self->finish_button, "pill");
  gtk_widget_set_halign (self->finish_button, GTK_ALIGN_CENTER);
  g_signal_connect (self->finish_button, "clicked", G_CALLBACK (on_finish_clicked), self);
  gtk_box_append (GTK_BOX (self->content), self->finish_button);

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
  if (self->finish_button == NULL)
    return;
  gtk_button_set_label (GTK_BUTTON (self->finish_button),
                        finishing ? _("Making the PDF…") : _("_Finish Application…"));
  gtk_widget_set_sensitive (self->finish_button, !finishing && ready);
}
