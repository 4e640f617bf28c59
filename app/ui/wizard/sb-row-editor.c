/* sb-row-editor.c — one row of a table, edited inside the main window
 *
 * The row is edited on a copy: the answers change only when Done is
 * pressed, so Cancel (or Escape) leaves a new row unadded and an edited
 * one as it was.  The copy is checked as the form is (a scratch set of
 * answers with this row in place, kept by SbRowCheck between keystrokes
 * and checked again incrementally), at the wizard's moments: when a
 * question is left, again as a question already checked is typed in,
 * and everything on Done.
 *
 * It is a widget in the main window, not a window of its own: GTK 4.8
 * crashes when an accessibility client lists the windows while one is
 * being destroyed, and a screen reader does that all the time.
 *
 * Copyright 2026 The Shenbao developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sb-row-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "sb-date.h"
#include "sb-field-row.h"
#include "sb-json-reader.h"
#include "sb-row-check.h"
#include "sb-row-editor.h"

struct _SbRowEditor
{
  GtkBox         parent_instance;

  GtkWidget     *title_label;
  GtkWidget     *problem_label;
  GtkWidget     *fields;

  SbAnswers     *answers;
  const SbField *table;
  int            row;        /* -1: a new row */
  char          *title;
  JsonObject    *values;     /* the row as edited */
  SbRowCheck    *check;      /* the whole answers with @values in place */
  GPtrArray     *cells;      /* SbFieldRow*, one per editable column */
  GHashTable    *touched;    /* column ids left (or all, after Done) */
  SbCalendar    *calendar;
  gboolean       insisted;   /* Done pressed once on a row with errors */
};

G_DEFINE_FINAL_TYPE (SbRowEditor, sb_row_editor, GTK_TYPE_BOX)

enum {
  DONE,
  CANCELLED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Auxiliary functions */

static JsonObject *
copy_row (SbAnswers     *answers,
          const SbField *table,
          int            row)
{
  JsonObject *copy = json_object_new ();
  JsonNode *node = sb_answers_get_field_json (answers, table->id);
  JsonNode *element;
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;

  if (row < 0 || node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      (guint) row >= json_array_get_length (json_node_get_array (node)))
    return copy;
  element = json_array_get_element (json_node_get_array (node), row);
  if (!JSON_NODE_HOLDS_OBJECT (element))
    return copy;

  /* Every member, those of no column too: Done gives back the row whole.
   * Deep copies: json_node_copy() shares arrays, and a question adding a
   * file to its list would add it to the answers' list before Done. */
  json_object_iter_init (&iter, json_node_get_object (element));
  while (json_object_iter_next (&iter, &member, &value))
    json_object_set_member (copy, member, sb_json_deep_copy (value));
  return copy;
}

/* Shows the problems of the questions checked so far; TRUE when one of
 * the row's questions has an error of its own (not a rule's). */
static gboolean
show_findings (SbRowEditor *self)
{
  SbCalendar *calendar = self->calendar ? self->calendar : sb_calendar_get_default (NULL);
  g_autoptr(SbValidationReport) report = sb_row_check_validate (self->check, sb_date_today (), calendar);
  guint position = sb_row_check_get_position (self->check);
  GPtrArray *findings = sb_validation_report_get_findings (report);
  gboolean has_error = FALSE;

  for (guint c = 0; c < self->cells->len; c++)
    {
      SbFieldRow *cell = g_ptr_array_index (self->cells, c);
      const SbField *column = sb_field_row_get_field (cell);
      g_autofree char *path = g_strdup_printf ("%s[].%s", self->table->id, column->id);
      g_autoptr(GPtrArray) mine = g_ptr_array_new ();
      gboolean touched = g_hash_table_contains (self->touched, column->id);

      for (guint i = 0; i < findings->len; i++)
        {
          SbFinding *finding = g_ptr_array_index (findings, i);

          if (finding->row != (int) position || g_strcmp0 (finding->field, path) != 0 ||
              finding->severity == SB_SEVERITY_INFO)
            continue;
          /* What the row alone can put right (a question left blank, an
           * answer that cannot be read) holds Done once; a rule across
           * rows or questions elsewhere (a sum, a consent in another
           * table) is shown but does not: the other rows may come next. */
          has_error |= finding->severity == SB_SEVERITY_ERROR &&
                       (finding->rule == NULL || sb_row_check_is_unreadable (self->check, column->id));
          if (touched)
            g_ptr_array_add (mine, finding);
        }
      sb_field_row_set_findings (cell, mine);
    }
  return has_error;
}

static void
set_problem (SbRowEditor *self,
             const char  *text)
{
  gtk_label_set_text (GTK_LABEL (self->problem_label), text ? text : "");
  gtk_widget_set_visible (self->problem_label, text != NULL);
}

/* Callbacks */

static void
on_cell_changed (SbFieldRow  *cell,
                 JsonNode    *value,
                 SbRowEditor *self)
{
  const SbField *column = sb_field_row_get_field (cell);

  if (value != NULL)
    json_object_set_member (self->values, column->id, sb_json_deep_copy (value));
  else if (json_object_has_member (self->values, column->id))
    json_object_remove_member (self->values, column->id);
  sb_row_check_cell_changed (self->check, column->id);
  self->insisted = FALSE;

  /* As in the wizard: a question already checked is checked again as it
   * is typed in, so its message goes away once it is right. */
  if (g_hash_table_contains (self->touched, column->id))
    show_findings (self);
}

static void
on_cell_left (SbFieldRow  *cell,
              SbRowEditor *self)
{
  g_hash_table_add (self->touched, g_strdup (sb_field_row_get_field (cell)->id));
  show_findings (self);
}

static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  sb_row_editor_done (SB_ROW_EDITOR (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  sb_row_editor_cancel (SB_ROW_EDITOR (widget));
}

/* GObject overrides */

static void
sb_row_editor_dispose (GObject *object)
{
  SbRowEditor *self = SB_ROW_EDITOR (object);

  /* A file still being read may come back to a cell after the editor is
   * gone: it must not reach this editor then. */
  for (guint c = 0; self->cells != NULL && c < self->cells->len; c++)
    g_signal_handlers_disconnect_by_data (g_ptr_array_index (self->cells, c), self);
  g_clear_pointer (&self->cells, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), SB_TYPE_ROW_EDITOR);

  G_OBJECT_CLASS (sb_row_editor_parent_class)->dispose (object);
}

static void
sb_row_editor_finalize (GObject *object)
{
  SbRowEditor *self = SB_ROW_EDITOR (object);

  g_clear_object (&self->answers);
  g_clear_object (&self->calendar);
  g_clear_pointer (&self->check, sb_row_check_free);
  g_clear_pointer (&self->values, json_object_unref);
  g_clear_pointer (&self->touched, g_hash_table_unref);
  g_free (self->title);

  G_OBJECT_CLASS (sb_row_editor_parent_class)->finalize (object);
}

static void
sb_row_editor_class_init (SbRowEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sb_row_editor_dispose;
  object_class->finalize = sb_row_editor_finalize;

  signals[DONE] = g_signal_new ("done", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                G_TYPE_NONE, 0);
  signals[CANCELLED] = g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                     G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/shenbao/Shenbao/wizard/sb-row-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, SbRowEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, SbRowEditor, problem_label);
  gtk_widget_class_bind_template_child (widget_class, SbRowEditor, fields);

  gtk_widget_class_install_action (widget_class, "row-editor.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "row-editor.cancel", NULL, cancel_action);
  /* Escape leaves the row, not the wizard; Ctrl+Return keeps it. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "row-editor.cancel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "row-editor.done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "row-editor.done", NULL);
}

static void
sb_row_editor_init (SbRowEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cells = g_ptr_array_new ();
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

/* Public API */

SbRowEditor *
sb_row_editor_new (SbAnswers     *answers,
                   const SbField *table,
                   int            row)
{
  SbRowEditor *self;
  guint number;

  g_return_val_if_fail (SB_IS_ANSWERS (answers), NULL);
  g_return_val_if_fail (table != NULL && table->type == SB_FIELD_TABLE, NULL);

  self = g_object_new (SB_TYPE_ROW_EDITOR, NULL);
  self->answers = g_object_ref (answers);
  self->table = table;
  self->row = row >= 0 && (guint) row < sb_answers_get_row_count (answers, table->id) ? row : -1;
  self->values = copy_row (answers, table, self->row);
  self->check = sb_row_check_new (answers, table, self->row, self->values);

  number = self->row >= 0 ? (guint) self->row + 1 : sb_answers_get_row_count (answers, table->id) + 1;
  /* Translators: the table's name and a row number, e.g. 从业人员 · 第 3 行 */
  self->title = g_strdup_printf (_("%s · Row %u"), sb_text_get (&table->label), number);
  gtk_label_set_text (GTK_LABEL (self->title_label), self->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->title, -1);

  for (guint c = 0; c < table->columns->len; c++)
    {
      const SbField *column = g_ptr_array_index (table->columns, c);
      SbFieldRow *cell;

      /* Computed columns are worked out, not typed. */
      if (column->computed != NULL || column->type == SB_FIELD_TABLE)
        continue;

      cell = sb_field_row_new (column);
      sb_field_row_set_value (cell, json_object_get_member (self->values, column->id));
      g_signal_connect (cell, "changed", G_CALLBACK (on_cell_changed), self);
      g_signal_connect (cell, "left", G_CALLBACK (on_cell_left), self);
      g_ptr_array_add (self->cells, cell);
      gtk_list_box_append (GTK_LIST_BOX (self->fields), GTK_WIDGET (cell));
    }
  return self;
}

int
sb_row_editor_get_row (SbRowEditor *self)
{
  g_return_val_if_fail (SB_IS_ROW_EDITOR (self), -1);

  return self->row;
}

JsonObject *
sb_row_editor_get_values (SbRowEditor *self)
{
  g_return_val_if_fail (SB_IS_ROW_EDITOR (self), NULL);

  return self->values;
}

const char *
sb_row_editor_get_title (SbRowEditor *self)
{
  g_return_val_if_fail (SB_IS_ROW_EDITOR (self), NULL);

  return self->title;
}

void
sb_row_editor_set_file_store (SbRowEditor *self,
                              SbFileStore *store)
{
  g_return_if_fail (SB_IS_ROW_EDITOR (self));

  for (guint c = 0; c < self->cells->len; c++)
    sb_field_row_set_file_store (g_ptr_array_index (self->cells, c), store);
}

void
sb_row_editor_set_calendar (SbRowEditor *self,
                            SbCalendar  *calendar)
{
  g_return_if_fail (SB_IS_ROW_EDITOR (self));

  g_set_object (&self->calendar, calendar);
}

void
sb_row_editor_focus_first (SbRowEditor *self)
{
  g_return_if_fail (SB_IS_ROW_EDITOR (self));

  if (self->cells->len > 0)
    sb_field_row_focus_input (g_ptr_array_index (self->cells, 0));
}

void
sb_row_editor_done (SbRowEditor *self)
{
  g_return_if_fail (SB_IS_ROW_EDITOR (self));

  /* Done checks every question.  With an error, the first press shows
   * them and stays (as Next does on a step); a second keeps the row as
   * typed, its problems then shown beside it in the table. */
  for (guint c = 0; c < self->cells->len; c++)
    g_hash_table_add (self->touched, g_strdup (sb_field_row_get_field (g_ptr_array_index (self->cells, c))->id));
  if (show_findings (self) && !self->insisted)
    {
      self->insisted = TRUE;
      set_problem (self, _("This row has a problem: see the messages under the questions. Press Done again to keep it as it is."));
      for (guint c = 0; c < self->cells->len; c++)
        {
          SbFieldRow *cell = g_ptr_array_index (self->cells, c);

          if (sb_field_row_get_accessible_description (cell) != NULL)
            {
              sb_field_row_focus_input (cell);
              break;
            }
        }
      return;
    }
  g_signal_emit (self, signals[DONE], 0);
}

void
sb_row_editor_cancel (SbRowEditor *self)
{
  g_return_if_fail (SB_IS_ROW_EDITOR (self));

  g_signal_emit (self, signals[CANCELLED], 0);
}
