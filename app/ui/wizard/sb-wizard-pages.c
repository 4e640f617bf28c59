/* sb-wizard-pages.c — the wizard's step pages, made from the form definition
 *
 * A page per step: the error summary at the top, then a row per field
 * (SbFieldRow) or a table editor (SbTableEditor); and the step's row in
 * the sidebar with its status.  What the fields tell (a change, leaving a
 * field, a deleted table row with its Undo) is handled here.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-field-format.h"
#include "sb-field-row.h"
#include "sb-table-editor.h"
#include "sb-wizard-private.h"

/* Callbacks and auxiliary functions */

static void
on_field_changed (SbFieldRow *row,
                  JsonNode   *value,
                  SbWizard   *self)
{
  const SbField *field = sb_field_row_get_field (row);

  sb_answers_set_field (self->answers, field->id, value);
  sb_wizard_schedule_save (self);
  self->insisted = FALSE;

  /* Visibility may depend on this answer; a field already checked is
   * checked again as it is typed. */
  sb_wizard_revalidate_field (self, field->id);
}

static gboolean
on_revalidate_idle (gpointer user_data)
{
  SbWizard *self = user_data;

  self->revalidate_source = 0;
  sb_wizard_revalidate (self);
  return G_SOURCE_REMOVE;
}

/* Leaving a field happens while the focus moves: rebuilding messages and
 * summaries then would pull widgets from under the focus change, so the
 * check runs right after it. */
static void
queue_revalidate (SbWizard *self)
{
  if (self->revalidate_source == 0)
    self->revalidate_source = g_idle_add (on_revalidate_idle, self);
}

static void
on_field_left (SbFieldRow *row,
               SbWizard   *self)
{
  g_hash_table_add (self->touched, g_strdup (sb_field_row_get_field (row)->id));
  queue_revalidate (self);
}

static void
on_table_changed (SbTableEditor *editor,
                  SbWizard      *self)
{
  sb_wizard_schedule_save (self);
  /* Rows added, changed, removed or imported: not a keystroke, and the
   * whole form is checked, as on opening. */
  sb_wizard_revalidate (self);
}

static void
on_table_left (SbTableEditor *editor,
               SbWizard      *self)
{
  g_hash_table_add (self->touched, g_strdup (sb_table_editor_get_field (editor)->id));
  queue_revalidate (self);
}

typedef struct {
  SbTableEditor *editor;
  guint          row;
  JsonNode      *copy;
} DeletedRow;

static void
deleted_row_free (gpointer data)
{
  DeletedRow *deleted = data;

  g_object_unref (deleted->editor);
  json_node_unref (deleted->copy);
  g_free (deleted);
}

static void
on_undo_delete (AdwToast   *toast_widget,
                DeletedRow *deleted)
{
  sb_table_editor_restore_row (deleted->editor, deleted->row, deleted->copy);
}

static void
on_row_deleted (SbTableEditor *editor,
                guint          row,
                JsonNode      *copy,
                SbWizard      *self)
{
  g_autofree char *title = g_strdup_printf (_("Row %u deleted"), row + 1);
  AdwToast *undo = adw_toast_new (title);
  DeletedRow *deleted = g_new0 (DeletedRow, 1);

  deleted->editor = g_object_ref (editor);
  deleted->row = row;
  deleted->copy = json_node_copy (copy);
  adw_toast_set_button_label (undo, _("_Undo"));
  g_signal_connect_data (undo, "button-clicked", G_CALLBACK (on_undo_delete), deleted,
                         (GClosureNotify) (void (*) (void)) deleted_row_free, 0);
  sb_wizard_add_toast (self, undo);
}

typedef struct {
  SbTableEditor *editor;
  JsonNode      *previous;
} ReplacedRows;

static void
replaced_rows_free (gpointer data)
{
  ReplacedRows *replaced = data;

  g_object_unref (replaced->editor);
  g_clear_pointer (&replaced->previous, json_node_unref);
  g_free (replaced);
}

static void
on_undo_replace (AdwToast     *toast_widget,
                 ReplacedRows *replaced)
{
  sb_table_editor_restore_rows (replaced->editor, replaced->previous);
}

/* Rows pasted, imported or deleted together: one toast, one Undo. */
static void
on_rows_replaced (SbTableEditor *editor,
                  const char    *message,
                  JsonNode      *previous,
                  SbWizard      *self)
{
  AdwToast *undo = adw_toast_new (message);
  ReplacedRows *replaced = g_new0 (ReplacedRows, 1);

  replaced->editor = g_object_ref (editor);
  replaced->previous = previous ? json_node_copy (previous) : NULL;
  adw_toast_set_button_label (undo, _("_Undo"));
  g_signal_connect_data (undo, "button-clicked", G_CALLBACK (on_undo_replace), replaced,
                         (GClosureNotify) (void (*) (void)) replaced_rows_free, 0);
  sb_wizard_add_toast (self, undo);
}

static GtkWidget *
build_field_widget (SbWizard *self,
                    SbField  *field)
{
  if (field->type == SB_FIELD_TABLE)
    {
      SbTableEditor *editor = sb_table_editor_new (self->answers, field);

      sb_table_editor_set_file_store (editor, self->files);
      sb_table_editor_set_calendar (editor, self->calendar);

      g_signal_connect (editor, "changed", G_CALLBACK (on_table_changed), self);
      g_signal_connect (editor, "left", G_CALLBACK (on_table_left), self);
      g_signal_connect (editor, "row-deleted", G_CALLBACK (on_row_deleted), self);
      g_signal_connect (editor, "rows-replaced", G_CALLBACK (on_rows_replaced), self);
      return GTK_WIDGET (editor);
    }
  else
    {
      SbFieldRow *row = sb_field_row_new (field);

      sb_field_row_set_file_store (row, self->files);
      sb_field_row_set_value (row, sb_answers_get_field_json (self->answers, field->id));
      g_signal_connect (row, "changed", G_CALLBACK (on_field_changed), self);
      g_signal_connect (row, "left", G_CALLBACK (on_field_left), self);
      return GTK_WIDGET (row);
    }
}

/* Private API */

GtkWidget *
sb_wizard_build_step_page (SbWizard *self,
                           StepPage *page,
                           guint     index)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *clamp = adw_clamp_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *title = gtk_label_new (sb_text_get (&page->step->title));
  GtkWidget *summary_title;
  gboolean has_table = FALSE;

  gtk_widget_set_margin_top (box, 24);
  gtk_widget_set_margin_bottom (box, 24);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "title-2");
  gtk_accessible_update_property (GTK_ACCESSIBLE (title), GTK_ACCESSIBLE_PROPERTY_LEVEL, 1, -1);
  gtk_box_append (GTK_BOX (box), title);

  if (page->step->description.zh_CN != NULL)
    {
      GtkWidget *description = gtk_label_new (sb_text_get (&page->step->description));

      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_widget_add_css_class (description, "dim-label");
      gtk_box_append (GTK_BOX (box), description);
    }

  /* The error summary: every problem of the step, each a link to its field. */
  page->summary = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (page->summary, "card");
  gtk_widget_add_css_class (page->summary, "error-summary");
  summary_title = gtk_label_new (_("There is a problem"));
  gtk_label_set_xalign (GTK_LABEL (summary_title), 0);
  gtk_widget_add_css_class (summary_title, "heading");
  gtk_widget_set_margin_start (summary_title, 12);
  gtk_widget_set_margin_top (summary_title, 12);
  page->summary_list = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_margin_bottom (page->summary_list, 6);
  gtk_box_append (GTK_BOX (page->summary), summary_title);
  gtk_box_append (GTK_BOX (page->summary), page->summary_list);
  gtk_widget_set_visible (page->summary, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (page->summary), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("There is a problem"), -1);
  gtk_box_append (GTK_BOX (box), page->summary);

  page->fields = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (page->fields), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (page->fields, "boxed-list");
  for (guint f = 0; f < page->step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (page->step->fields, f);
      GtkWidget *widget;

      if (field->system || field->computed != NULL)
        continue;
      widget = build_field_widget (self, field);
      has_table |= field->type == SB_FIELD_TABLE;
      g_hash_table_insert (self->widgets, g_strdup (field->id), widget);
      gtk_list_box_append (GTK_LIST_BOX (page->fields), widget);
    }
  gtk_box_append (GTK_BOX (box), page->fields);

  /* A line of text reads best short, a table of twenty columns needs the
   * window's width. */
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), has_table ? 2400 : 760);
  adw_clamp_set_tightening_threshold (ADW_CLAMP (clamp), has_table ? 2400 : 400);
  adw_clamp_set_child (ADW_CLAMP (clamp), box);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), clamp);
  return scrolled;
}

/* A question of a finished application and its answer, to read and
 * copy: the answer in normal contrast (insensitive inputs would be grey),
 * a table's rows one per line with their columns' names. */
static GtkWidget *
read_only_answer_row (SbAnswers     *answers,
                      const SbField *field)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *question = gtk_label_new (sb_text_get (&field->label));
  g_autoptr(GString) text = g_string_new (NULL);
  GtkWidget *answer;

  if (field->type == SB_FIELD_TABLE && field->columns != NULL)
    {
      guint n_rows = sb_answers_get_row_count (answers, field->id);

      for (guint r = 0; r < n_rows; r++)
        {
          g_autofree char *number = g_strdup_printf (_("Row %u"), r + 1);
          g_autoptr(GString) cells = g_string_new (NULL);

          for (guint c = 0; c < field->columns->len; c++)
            {
              SbField *column = g_ptr_array_index (field->columns, c);
              g_autofree char *cell = sb_field_format_shown (answers, column, r);

              if (*cell == '\0')
                continue;
              if (cells->len > 0)
                g_string_append (cells, _("; "));
              g_string_append_printf (cells, _("%s: %s"), sb_text_get (&column->label), cell);
            }
          if (text->len > 0)
            g_string_append_c (text, '\n');
          g_string_append_printf (text, _("%s: %s"), number, cells->str);
        }
    }
  else
    {
      g_autofree char *shown = sb_field_format_shown (answers, field, -1);

      g_string_append (text, shown);
    }

  answer = gtk_label_new (text->len > 0 ? text->str : _("Not answered"));
  gtk_label_set_wrap (GTK_LABEL (question), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (question), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (question), 0);
  gtk_widget_add_css_class (question, "heading");
  gtk_label_set_wrap (GTK_LABEL (answer), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (answer), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (answer), 0);
  gtk_label_set_selectable (GTK_LABEL (answer), TRUE);
  if (text->len == 0)
    gtk_widget_add_css_class (answer, "dim-label");
  gtk_box_append (GTK_BOX (box), question);
  gtk_box_append (GTK_BOX (box), answer);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (answer), GTK_ACCESSIBLE_RELATION_LABELLED_BY, question, NULL, -1);
  return row;
}

/* A finished application is read, not changed: the step's inputs give
 * way to its answers as text, under a notice that says how to apply
 * again with changed answers. */
void
sb_wizard_show_step_read_only (SbWizard *self,
                               StepPage *page)
{
  GtkWidget *box = gtk_widget_get_parent (page->fields);
  GtkWidget *notice = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *text = gtk_label_new (_("This application is finished: its answers are those of the packet and "
                                     "can no longer be changed. To apply again with changed answers, start a "
                                     "new application based on it; it copies every answer."));
  GtkWidget *copy = gtk_button_new_with_mnemonic (_("_New Application Based on This"));
  GtkWidget *answers = gtk_list_box_new ();

  gtk_widget_add_css_class (notice, "finished-notice");
  gtk_accessible_update_property (GTK_ACCESSIBLE (notice), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Finished Application"), -1);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_widget_set_halign (copy, GTK_ALIGN_END);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (copy), "win.new-from-draft");
  gtk_box_append (GTK_BOX (notice), text);
  gtk_box_append (GTK_BOX (notice), copy);
  gtk_box_insert_child_after (GTK_BOX (box), notice, page->summary);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (answers), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (answers, "boxed-list");
  gtk_widget_set_name (answers, "read-only-answers");
  for (guint f = 0; f < page->step->fields->len; f++)
    {
      SbField *field = g_ptr_array_index (page->step->fields, f);

      if (field->system || !sb_answers_is_visible (self->answers, field))
        continue;
      gtk_list_box_append (GTK_LIST_BOX (answers), read_only_answer_row (self->answers, field));
    }
  gtk_box_insert_child_after (GTK_BOX (box), answers, page->fields);
  gtk_widget_set_visible (page->fields, FALSE);
}

GtkWidget *
sb_wizard_build_sidebar_row (StepPage   *page,
                             guint       number,
                             const char *title)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *numbered = number > 0 ? g_strdup_printf ("%u. %s", number, title) : g_strdup (title);
  GtkWidget *label = gtk_label_new (numbered);
  GtkWidget *status = gtk_label_new (NULL);
  GtkWidget *icon = gtk_image_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (status), 0);
  gtk_widget_add_css_class (status, "dim-label");
  gtk_widget_add_css_class (status, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), label);
  gtk_box_append (GTK_BOX (texts), status);
  gtk_box_append (GTK_BOX (box), texts);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  if (page != NULL)
    {
      page->title_label = label;
      page->status_icon = icon;
      page->status_label = status;
    }
  return row;
}
