/* sb-application-page.c — the reviewer's 申请内容 page
 *
 * Every answer read-only, with the rules as computed now and the
 * applicant's explanations, a way to note a correction on any field, and
 * the attached files with what was checked about each.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-reviewer-view"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-application-page.h"
#include "sb-field-format.h"
#include "sb-material-list.h"
#include "sb-reviewer-view-private.h"

/* Tables longer than this show their first rows here; the PDF has all. */
#define MAX_TABLE_ROWS_SHOWN 200

struct _SbApplicationPage
{
  AdwPreferencesPage  parent_instance;

  SbReviewerView     *view;  /* unowned: the view holds its pages */
};

G_DEFINE_FINAL_TYPE (SbApplicationPage, sb_application_page, ADW_TYPE_PREFERENCES_PAGE)

/* Auxiliary functions */

static GtkWidget *
severity_icon (SbSeverity severity)
{
  GtkWidget *icon = gtk_image_new_from_icon_name (severity == SB_SEVERITY_ERROR ? "dialog-error-symbolic"
                                                  : severity == SB_SEVERITY_WARNING ? "dialog-warning-symbolic"
                                                  : "dialog-information-symbolic");

  gtk_widget_add_css_class (icon, severity == SB_SEVERITY_ERROR ? "error"
                                  : severity == SB_SEVERITY_WARNING ? "warning" : "dim-label");
  return icon;
}

static void
on_note_entry_activated (GtkEntry          *entry,
                         SbApplicationPage *self)
{
  const char *field = g_object_get_data (G_OBJECT (entry), "field");
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  GtkWidget *popover;

  if (*text == '\0')
    return;

  if (!sb_review_add_note (self->view->review, field, -1, NULL, text, &error))
    {
      sb_reviewer_view_toast (self->view, error->message);
      return;
    }
  sb_reviewer_view_notes_changed (self->view);
  popover = gtk_widget_get_ancestor (GTK_WIDGET (entry), GTK_TYPE_POPOVER);
  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  sb_reviewer_view_toast (self->view, _("Correction noted"));
}

/* A "补正" button that opens a one-line note about @field_id. */
static GtkWidget *
note_button (SbApplicationPage *self,
             const char        *field_id)
{
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *label = gtk_label_new (_("What must the applicant correct?"));
  GtkWidget *entry = gtk_entry_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Note a correction"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note a correction"), -1);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Correction: …"));
  gtk_widget_set_size_request (entry, 320, -1);
  g_object_set_data_full (G_OBJECT (entry), "field", g_strdup (field_id), g_free);
  g_signal_connect (entry, "activate", G_CALLBACK (on_note_entry_activated), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  return button;
}

static GPtrArray *
findings_for (SbValidationReport *report,
              const char         *field_id)
{
  GPtrArray *findings = sb_validation_report_get_findings (report);
  GPtrArray *mine = g_ptr_array_new ();
  gsize length = strlen (field_id);

  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);

      if (finding->field != NULL && g_str_has_prefix (finding->field, field_id) &&
          (finding->field[length] == '\0' || finding->field[length] == '['))
        g_ptr_array_add (mine, finding);
    }
  return mine;
}

static GtkWidget *
table_row (SbApplicationPage *self,
           SbField           *table)
{
  SbAnswers *answers = sb_packet_get_answers (self->view->packet);
  JsonNode *node = sb_answers_get_field_json (answers, table->id);
  JsonArray *rows = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
  guint n_rows = rows ? json_array_get_length (rows) : 0;
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), sb_text_get (&table->label));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), count);

  for (guint r = 0; r < MIN (n_rows, MAX_TABLE_ROWS_SHOWN); r++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autofree char *title = g_strdup_printf (_("Row %u"), r + 1);

      for (guint c = 0; c < table->columns->len; c++)
        {
          SbField *column = g_ptr_array_index (table->columns, c);
          g_autofree char *value = sb_field_format_display (answers, column, (int) r);

          if (*value == '\0')
            continue;
          if (text->len > 0)
            g_string_append (text, "；");
          g_string_append_printf (text, "%s：%s", sb_text_get (&column->label), value);
        }
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), sb_reviewer_text_row (title, text->str));
    }
  if (n_rows > MAX_TABLE_ROWS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (_("%u more rows are in the PDF and the packet file."), n_rows - MAX_TABLE_ROWS_SHOWN);

      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), sb_reviewer_text_row (more, NULL));
    }
  return expander;
}

static void
fill_application (SbApplicationPage *self)
{
  GtkWidget *page = GTK_WIDGET (self);
  SbFormDefinition *definition = sb_packet_get_definition (self->view->packet);
  SbAnswers *answers = sb_packet_get_answers (self->view->packet);
  SbValidationReport *report = sb_packet_get_report (self->view->packet);
  GHashTable *justifications = sb_packet_get_justifications (self->view->packet);
  GPtrArray *steps = sb_form_definition_get_steps (definition);
  GPtrArray *attachments = sb_packet_get_attachments (self->view->packet);
  GPtrArray *findings = sb_validation_report_get_findings (report);
  g_autofree char *summary = g_strdup_printf (_("Computed now: %u errors, %u warnings, %u notices."),
                                              sb_validation_report_count (report, SB_SEVERITY_ERROR),
                                              sb_validation_report_count (report, SB_SEVERITY_WARNING),
                                              sb_validation_report_count (report, SB_SEVERITY_INFO));
  AdwPreferencesGroup *group;

  /* Findings not tied to one answer come first. */
  group = sb_reviewer_add_group (page, _("Rules"), summary);
  for (guint i = 0; i < findings->len; i++)
    {
      SbFinding *finding = g_ptr_array_index (findings, i);
      g_autofree char *citation = finding->rule ? sb_citation_format (&finding->rule->citation) : NULL;
      const char *justification = justifications ? g_hash_table_lookup (justifications, finding->rule_id) : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (finding->severity == SB_SEVERITY_INFO)
        continue;
      subtitle = justification
        ? g_strdup_printf ("%s · %s\n%s%s", finding->rule_id, citation ? citation : "", _("Applicant's explanation: "), justification)
        : g_strdup_printf ("%s · %s", finding->rule_id, citation ? citation : "");
      row = sb_reviewer_text_row (sb_finding_get_message (finding), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity_icon (finding->severity));
      adw_preferences_group_add (group, row);
    }

  for (guint s = 0; s < steps->len; s++)
    {
      SbStep *step = g_ptr_array_index (steps, s);

      group = NULL;
      for (guint f = 0; f < step->fields->len; f++)
        {
          SbField *field = g_ptr_array_index (step->fields, f);
          g_autoptr(GPtrArray) mine = NULL;
          GtkWidget *row;

          if (field->system || !sb_answers_is_visible (answers, field))
            continue;
          if (group == NULL)
            group = sb_reviewer_add_group (page, sb_text_get (&step->title), NULL);

          if (field->type == SB_FIELD_TABLE)
            row = table_row (self, field);
          else
            {
              g_autofree char *answer = sb_field_format_display (answers, field, -1);

              row = sb_reviewer_text_row (sb_text_get (&field->label), *answer ? answer : _("Not answered"));
            }

          /* The rule results of this answer, beside it. */
          mine = findings_for (report, field->id);
          for (guint i = 0; i < mine->len; i++)
            {
              SbFinding *finding = g_ptr_array_index (mine, i);

              if (finding->severity != SB_SEVERITY_INFO)
                {
                  gtk_widget_add_css_class (row, finding->severity == SB_SEVERITY_ERROR ? "has-error" : "has-warning");
                  if (ADW_IS_ACTION_ROW (row))
                    adw_action_row_add_prefix (ADW_ACTION_ROW (row), severity_icon (finding->severity));
                  else
                    adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), severity_icon (finding->severity));
                  break;
                }
            }

          if (ADW_IS_ACTION_ROW (row))
            adw_action_row_add_suffix (ADW_ACTION_ROW (row), note_button (self, field->id));
          else
            adw_expander_row_add_action (ADW_EXPANDER_ROW (row), note_button (self, field->id));
          adw_preferences_group_add (group, row);
        }
    }

  /* What was submitted for each material, as the PDF says it. */
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (sb_material_list_new (answers, SB_MATERIAL_LIST_FOR_REVIEWER, NULL)));

  {
    const char *problem = sb_reviewer_view_open_problem (self->view);
    g_autofree char *description = problem
      ? g_strdup_printf ("%s\n%s", _("Each file was checked against the hash the packet records."), problem)
      : g_strdup (_("Each file was checked against the hash the packet records."));

    group = sb_reviewer_add_group (page, _("Attached Files"), description);
  }
  for (guint i = 0; i < attachments->len; i++)
    {
      SbPacketAttachment *attachment = g_ptr_array_index (attachments, i);
      g_autofree char *size = g_format_size ((guint64) MAX (attachment->size, 0));
      g_autofree char *field = sb_reviewer_reveal (attachment->field);
      g_autofree char *type = sb_reviewer_reveal (attachment->media_type);
      g_autofree char *sha256 = sb_reviewer_reveal (attachment->sha256);
      g_autofree char *name = sb_reviewer_reveal (attachment->name);
      g_autofree char *problem = sb_reviewer_file_open_problem (attachment);
      g_autofree char *subtitle = problem
        ? g_strdup_printf ("%s · %s · %s · SHA-256 %s\n%s", field, type, size, sha256, problem)
        : g_strdup_printf ("%s · %s · %s · SHA-256 %s", field, type, size, sha256);
      GtkWidget *row = sb_reviewer_text_row (name, subtitle);

      if (problem != NULL)
        {
          /* Nothing to launch: the row says why. */
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, problem);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
          gtk_widget_add_css_class (row, "has-warning");
        }
      else
        {
          /* A packet that does not verify (its files among what may not
           * match) keeps the button, insensitive, saying why: the view
           * disables the action then. */
          GtkWidget *open = gtk_button_new_with_label (_("Open"));
          const char *refused = sb_reviewer_view_open_problem (self->view);

          gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (open, refused ? refused : _("Open a copy in the application for files of its type"));
          gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "reviewer.open-attachment");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "u", i);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);
        }
      adw_preferences_group_add (group, row);
    }
  if (attachments->len == 0)
    adw_preferences_group_add (group, sb_reviewer_text_row (_("No files attached"), NULL));
}

/* GObject overrides */

static void
sb_application_page_class_init (SbApplicationPageClass *klass)
{
}

static void
sb_application_page_init (SbApplicationPage *self)
{
  adw_preferences_page_set_title (ADW_PREFERENCES_PAGE (self), _("Application"));
  adw_preferences_page_set_icon_name (ADW_PREFERENCES_PAGE (self), "x-office-document-symbolic");
}

/* Public API */

GtkWidget *
sb_application_page_new (SbReviewerView *view)
{
  SbApplicationPage *self;

  g_return_val_if_fail (SB_IS_REVIEWER_VIEW (view), NULL);

  self = g_object_new (SB_TYPE_APPLICATION_PAGE, NULL);
  self->view = view;
  fill_application (self);
  return GTK_WIDGET (self);
}
