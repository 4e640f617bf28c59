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
#include "sb-value.h"

/* Tables longer than this show their first rows here; the PDF has all. */
#define MAX_TABLE_ROWS_SHOWN 200

struct _SbApplicationPage
{
  AdwPreferencesPage  parent_instance;

  SbReviewerView     *view;  /* unowned: the view holds its pages */

  /* Each table's scrolled window by the table's id (unowned: the page
   * holds them), so that its grid is made again when notes change. */
  GHashTable         *table_scrollers;
  guint               refresh_id;

  /* What is built (sb_application_page_build_next()): the rules, then
   * each step's answers, then the materials and the files. */
  guint               next_part;
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
  int row = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "row")) - 1;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GError) error = NULL;
  GtkWidget *popover;

  if (*text == '\0')
    return;

  if (!sb_review_add_note (self->view->review, field, row, NULL, text, &error))
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

/* The note's popover, made when its button is first pressed: a table of
 * 200 rows would otherwise build 200 popovers, each with its entry, that
 * nobody opens (most of the time its step took to build). */
static void
create_note_popover (GtkMenuButton *button,
                     gpointer       user_data)
{
  SbApplicationPage *self = user_data;
  GtkWidget *popover, *box, *label, *entry;

  if (gtk_menu_button_get_popover (button) != NULL)
    return;

  popover = gtk_popover_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  label = gtk_label_new (_("What must the applicant correct?"));
  entry = gtk_entry_new ();
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Correction: …"));
  gtk_widget_set_size_request (entry, 320, -1);
  g_object_set_data_full (G_OBJECT (entry), "field", g_strdup (g_object_get_data (G_OBJECT (button), "field")), g_free);
  g_object_set_data (G_OBJECT (entry), "row", g_object_get_data (G_OBJECT (button), "row"));
  g_signal_connect (entry, "activate", G_CALLBACK (on_note_entry_activated), self);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (button, popover);
}

/* A "补正" button that opens a one-line note about @field_id (its row
 * @row of a table, or -1). */
static GtkWidget *
note_button (SbApplicationPage *self,
             const char        *field_id,
             int                row)
{
  GtkWidget *button = gtk_menu_button_new ();

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "document-edit-symbolic");
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, _("Note a correction"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Note a correction"), -1);
  g_object_set_data_full (G_OBJECT (button), "field", g_strdup (field_id), g_free);
  g_object_set_data (G_OBJECT (button), "row", GINT_TO_POINTER (row + 1));
  gtk_menu_button_set_create_popup_func (GTK_MENU_BUTTON (button), create_note_popover, self, NULL);
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

/* The sum of a column marked "total", exact, with its unit; NULL when it
 * does not terminate (it always does for decimals). */
static char *
column_total (SbAnswers     *answers,
              const SbField *column,
              guint          n_rows)
{
  g_autofree char *sum_text = NULL;
  mpq_t sum;

  mpq_init (sum);
  for (guint r = 0; r < n_rows; r++)
    {
      SbValue *value = sb_answers_get_cell_value (answers, column, r);

      if (value != NULL && sb_value_get_kind (value) == SB_VALUE_NUMBER)
        mpq_add (sum, sum, sb_value_get_number (value));
    }
  sum_text = column->scale > 0 ? sb_decimal_to_string_rounded (sum, column->scale) : sb_decimal_to_string (sum, 0);
  mpq_clear (sum);
  if (sum_text == NULL)
    return NULL;
  return column->unit ? g_strdup_printf ("%s %s", sum_text, column->unit) : g_steal_pointer (&sum_text);
}

static GtkWidget *
cell_label (const char *text,
            gboolean    heading)
{
  g_autofree char *shown = sb_reviewer_reveal_lines (text);
  GtkWidget *label = gtk_label_new (shown);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  /* Wide enough to read (a short answer on one line, a long one wrapped
   * at 24): a table wider than the page scrolls sideways rather than
   * breaking every cell into a column of single characters. */
  gtk_label_set_width_chars (GTK_LABEL (label), MIN ((int) g_utf8_strlen (shown, -1), heading ? 6 : 10));
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_selectable (GTK_LABEL (label), !heading);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

/* Whether @note is about @table (a row, a cell, or the whole table). */
static gboolean
note_is_of_table (const SbReviewNote *note,
                  const SbField      *table)
{
  gsize length = strlen (table->id);

  return note->field != NULL && g_str_has_prefix (note->field, table->id) &&
         (note->field[length] == '\0' || g_str_has_prefix (note->field + length, "[]."));
}

/* A table as a table: a header with the row number and the columns, one
 * line per row, the reviewer's notes under the row they are about, and
 * the totals of the columns marked "total" (also appended to @subtitle,
 * when given: the collapsed row shows them). */
static GtkWidget *
table_grid (SbApplicationPage *self,
            SbField           *table,
            GString           *subtitle)
{
  SbAnswers *answers = sb_packet_get_answers (self->view->packet);
  GPtrArray *notes = sb_review_get_notes (self->view->review);
  guint n_rows = sb_answers_get_row_count (answers, table->id);
  guint shown_rows = MIN (n_rows, MAX_TABLE_ROWS_SHOWN);
  GtkWidget *grid = gtk_grid_new ();
  int line = 0;
  gboolean has_totals = FALSE;

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_widget_set_margin_start (grid, 12);
  gtk_widget_set_margin_end (grid, 12);
  gtk_widget_set_margin_top (grid, 12);
  gtk_widget_set_margin_bottom (grid, 12);
  gtk_widget_add_css_class (grid, "reviewer-table");

  /* Translators: the heading of a table's row-number column */
  gtk_grid_attach (GTK_GRID (grid), cell_label (_("No."), TRUE), 0, line, 1, 1);
  for (guint c = 0; c < table->columns->len; c++)
    {
      SbField *column = g_ptr_array_index (table->columns, c);

      gtk_grid_attach (GTK_GRID (grid), cell_label (sb_text_get (&column->label), TRUE), (int) c + 1, line, 1, 1);
      has_totals |= column->total;
    }
  line++;

  for (guint r = 0; r < shown_rows; r++)
    {
      g_autofree char *number = g_strdup_printf ("%u", r + 1);

      gtk_grid_attach (GTK_GRID (grid), cell_label (number, FALSE), 0, line, 1, 1);
      for (guint c = 0; c < table->columns->len; c++)
        {
          SbField *column = g_ptr_array_index (table->columns, c);
          g_autofree char *value = sb_field_format_shown (answers, column, (int) r);

          gtk_grid_attach (GTK_GRID (grid), cell_label (value, FALSE), (int) c + 1, line, 1, 1);
        }
      {
        GtkWidget *button = note_button (self, table->id, (int) r);
        /* Translators: the button of a table's row number %u */
        g_autofree char *name = g_strdup_printf (_("Note a correction on row %u"), r + 1);

        gtk_widget_set_tooltip_text (button, name);
        gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
        gtk_grid_attach (GTK_GRID (grid), button, (int) table->columns->len + 1, line, 1, 1);
      }
      line++;

      /* The corrections noted on this row or one of its cells, under it. */
      for (guint i = 0; i < notes->len; i++)
        {
          SbReviewNote *note = g_ptr_array_index (notes, i);
          SbField *cell = NULL;
          g_autofree char *text = NULL;
          GtkWidget *label;

          if (note->row != (int) r || !note_is_of_table (note, table))
            continue;
          cell = g_str_equal (note->field, table->id) ? NULL
                 : sb_form_definition_lookup_path (sb_packet_get_definition (self->view->packet), note->field);
          /* Translators: a reviewer's correction under a table row, with the column it is about */
          text = cell ? g_strdup_printf (_("Correction (%s): %s"), sb_text_get (&cell->label), note->text)
                      : g_strdup_printf (_("Correction: %s"), note->text);
          label = cell_label (text, FALSE);
          gtk_widget_add_css_class (label, "warning");
          gtk_grid_attach (GTK_GRID (grid), label, 1, line++, (int) table->columns->len, 1);
        }
    }

  if (has_totals && n_rows > 0)
    {
      gtk_grid_attach (GTK_GRID (grid), cell_label (_("Total"), TRUE), 0, line, 1, 1);
      for (guint c = 0; c < table->columns->len; c++)
        {
          SbField *column = g_ptr_array_index (table->columns, c);
          g_autofree char *total = column->total ? column_total (answers, column, n_rows) : NULL;

          if (total == NULL)
            continue;
          gtk_grid_attach (GTK_GRID (grid), cell_label (total, TRUE), (int) c + 1, line, 1, 1);
          /* In the collapsed row too: the totals are what is compared. */
          if (subtitle != NULL)
            g_string_append_printf (subtitle, _(" · %s total %s"), sb_text_get (&column->label), total);
        }
      line++;
    }
  if (n_rows > MAX_TABLE_ROWS_SHOWN)
    {
      g_autofree char *more = g_strdup_printf (_("%u more rows are in the PDF and the packet file."), n_rows - MAX_TABLE_ROWS_SHOWN);

      gtk_grid_attach (GTK_GRID (grid), cell_label (more, FALSE), 0, line++, (int) table->columns->len + 1, 1);
    }

  return grid;
}

/* The table's row: collapsed, its name, row count and totals; expanded,
 * its grid, which scrolls sideways when wider than the page. */
static GtkWidget *
table_row (SbApplicationPage *self,
           SbField           *table)
{
  guint n_rows = sb_answers_get_row_count (sb_packet_get_answers (self->view->packet), table->id);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *expander = adw_expander_row_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *grid;

  g_string_append_printf (subtitle, g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), sb_text_get (&table->label));
  grid = table_grid (self, table, subtitle);

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle->str);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), grid);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), scroller);
  g_hash_table_insert (self->table_scrollers, table->id, scroller);
  return expander;
}

/* The field a file was attached to, by its label (with its table and
 * row), not by its id: "承包农户书面同意, row 3, 同意书". */
static char *
attachment_field_name (SbApplicationPage  *self,
                       SbPacketAttachment *attachment)
{
  SbFormDefinition *definition = sb_packet_get_definition (self->view->packet);
  SbField *field = attachment->field ? sb_form_definition_lookup_path (definition, attachment->field) : NULL;

  if (field == NULL)
    return sb_reviewer_reveal (attachment->field ? attachment->field : "");
  if (field->table != NULL && attachment->row >= 0)
    /* Translators: a table, the row number, and the column a file was attached to */
    return g_strdup_printf (_("%s, row %d, %s"), sb_text_get (&field->table->label), attachment->row + 1,
                            sb_text_get (&field->label));
  if (field->table != NULL)
    return g_strdup_printf ("%s, %s", sb_text_get (&field->table->label), sb_text_get (&field->label));
  return g_strdup (sb_text_get (&field->label));
}

/* Findings not tied to one answer come first. */
static void
add_rules (SbApplicationPage *self)
{
  SbValidationReport *report = sb_packet_get_report (self->view->packet);
  GHashTable *justifications = sb_packet_get_justifications (self->view->packet);
  GPtrArray *findings = sb_validation_report_get_findings (report);
  g_autofree char *summary = g_strdup_printf (_("Computed now: %u errors, %u warnings, %u notices."),
                                              sb_validation_report_count (report, SB_SEVERITY_ERROR),
                                              sb_validation_report_count (report, SB_SEVERITY_WARNING),
                                              sb_validation_report_count (report, SB_SEVERITY_INFO));
  AdwPreferencesGroup *group = sb_reviewer_add_group (GTK_WIDGET (self), _("Rules"), summary);

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
}

/* The answers of one step, each with its rule results and a way to note
 * a correction; no group for a step with nothing shown. */
static void
add_step (SbApplicationPage *self,
          SbStep            *step)
{
  SbAnswers *answers = sb_packet_get_answers (self->view->packet);
  SbValidationReport *report = sb_packet_get_report (self->view->packet);
  AdwPreferencesGroup *group = NULL;

  for (guint f = 0; f < step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (step->fields, f);
      g_autoptr(GPtrArray) mine = NULL;
      GtkWidget *row;

      if (field->system || !sb_answers_is_visible (answers, field))
        continue;
      if (group == NULL)
        group = sb_reviewer_add_group (GTK_WIDGET (self), sb_text_get (&step->title), NULL);

      if (field->type == SB_FIELD_TABLE)
        row = table_row (self, field);
      else
        {
          g_autofree char *answer = sb_field_format_shown (answers, field, -1);

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
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), note_button (self, field->id, -1));
      else
        adw_expander_row_add_action (ADW_EXPANDER_ROW (row), note_button (self, field->id, -1));
      adw_preferences_group_add (group, row);
    }
}

/* What was submitted for each material, as the PDF says it; then the
 * attached files with what was checked about each. */
static void
add_files (SbApplicationPage *self)
{
  GtkWidget *page = GTK_WIDGET (self);
  SbAnswers *answers = sb_packet_get_answers (self->view->packet);
  GPtrArray *attachments = sb_packet_get_attachments (self->view->packet);
  AdwPreferencesGroup *group;

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
      g_autofree char *field = attachment_field_name (self, attachment);
      g_autofree char *type = sb_reviewer_reveal (attachment->media_type);
      g_autofree char *sha256 = sb_reviewer_reveal (attachment->sha256);
      g_autofree char *name = sb_reviewer_reveal (attachment->name);
      g_autofree char *problem = sb_reviewer_file_open_problem (attachment);
      /* The hash is for checking, not for reading: its first 12 digits
       * here, all of them in the tooltip. */
      g_autofree char *short_hash = g_strdup_printf ("%.12s…", sha256);
      g_autofree char *full_hash = g_strdup_printf ("SHA-256 %s", sha256);
      g_autofree char *subtitle = problem
        ? g_strdup_printf ("%s\n%s · %s · SHA-256 %s\n%s", field, type, size, short_hash, problem)
        : g_strdup_printf ("%s\n%s · %s · SHA-256 %s", field, type, size, short_hash);
      GtkWidget *row = sb_reviewer_text_row (name, subtitle);

      gtk_widget_set_tooltip_text (row, full_hash);

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
sb_application_page_dispose (GObject *object)
{
  SbApplicationPage *self = SB_APPLICATION_PAGE (object);

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_pointer (&self->table_scrollers, g_hash_table_unref);

  G_OBJECT_CLASS (sb_application_page_parent_class)->dispose (object);
}

static void
sb_application_page_class_init (SbApplicationPageClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sb_application_page_dispose;
}

static void
sb_application_page_init (SbApplicationPage *self)
{
  self->table_scrollers = g_hash_table_new (g_str_hash, g_str_equal);
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
  return GTK_WIDGET (self);
}

/**
 * sb_application_page_build_next:
 * @self: a #SbApplicationPage
 *
 * Adds the next part of the page (the rules, one step's answers, or the
 * materials and files), in the order they are shown: a large packet's
 * page is built a part at a time in idle time, so that the window does
 * not stop answering while it is.
 *
 * Returns: whether parts remain to be built
 */
gboolean
sb_application_page_build_next (SbApplicationPage *self)
{
  GPtrArray *steps;

  g_return_val_if_fail (SB_IS_APPLICATION_PAGE (self), FALSE);

  steps = sb_form_definition_get_steps (sb_packet_get_definition (self->view->packet));
  if (self->next_part == 0)
    add_rules (self);
  else if (self->next_part <= steps->len)
    add_step (self, g_ptr_array_index (steps, self->next_part - 1));
  else if (self->next_part == steps->len + 1)
    add_files (self);
  else
    return FALSE;
  self->next_part++;
  return self->next_part <= steps->len + 1;
}

void
sb_application_page_build (SbApplicationPage *self)
{
  g_return_if_fail (SB_IS_APPLICATION_PAGE (self));

  while (sb_application_page_build_next (self))
    ;
}

static gboolean
refresh_tables (gpointer data)
{
  SbApplicationPage *self = SB_APPLICATION_PAGE (data);
  SbFormDefinition *definition = sb_packet_get_definition (self->view->packet);
  GHashTableIter iter;
  gpointer id, scroller;

  self->refresh_id = 0;
  g_hash_table_iter_init (&iter, self->table_scrollers);
  while (g_hash_table_iter_next (&iter, &id, &scroller))
    {
      SbField *table = sb_form_definition_lookup_field (definition, id);

      if (table != NULL)
        gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), table_grid (self, table, NULL));
    }
  return G_SOURCE_REMOVE;
}

/**
 * sb_application_page_refresh_notes:
 * @self: a #SbApplicationPage
 *
 * The review's notes changed: each table shows its rows' notes anew.
 * Made in an idle, because the note may have come from an entry inside
 * the very grid that is replaced.
 */
void
sb_application_page_refresh_notes (SbApplicationPage *self)
{
  g_return_if_fail (SB_IS_APPLICATION_PAGE (self));

  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_tables, self);
}
